"""Stage 2 of the claim checker: numbers -> claims.

For each stated relation (a change, share, multiple, rate, sum or rank) find the figures it is
about, in the sentence or elsewhere in the text, and return :class:`~factbeat.claims.link.draft.Draft`
objects.  Receives the read stage's output; never computes a verdict.
"""
