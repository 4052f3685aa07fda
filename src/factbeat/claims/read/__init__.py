"""Stage 1 of the claim checker: text -> sentences -> numbers with their meanings.

Finds every number (digits or words) with its span, says what each one is (count, percentage,
year, age…), which words qualify it ("almost", "more than") and which relation phrases state
("a third", "doubled", "the third-highest").  Knows nothing of claims or verdicts.
"""
