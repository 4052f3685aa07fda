"""Stage 3 of the claim checker: linked claims -> verdicts with their arithmetic shown.

The tolerance rules (rounding, qualifier bands, fraction and multiple words) live in
``tolerance.py``; ``arithmetic.py`` computes each kind; ``build.py`` turns a draft into a claim.
"""
