"""Stage 4 of the claim checker: claims -> the data.

Works out which area, crime and period each claim is about, looks the figure up in the store (or
the figures register) and gives a data verdict with its evidence.
"""
