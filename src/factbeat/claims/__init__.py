"""Claim checker: find every numeric claim in a news text and check its arithmetic.

>>> from factbeat.claims import check_text
>>> result = check_text("There were 76 cases, up from 67, a rise of 13 per cent.")
>>> [(c.kind.value, c.verdict.value) for c in result.claims]
[('percent_change', 'consistent')]
>>> result.claims[0].explanation
'(76 − 67) / 67 = +13.4 %; stated 13 % (“rise”, “up”) (accepts 12.5 % to just under 14 %) → consistent'

See ``docs/claims.md`` for the rules and ``docs/check-json.md`` for the JSON shape.

The package is laid out as its pipeline, one sub-package per stage, data flowing one way:

* ``read/``: text → sentences → numbers with their meanings (``input`` and ``markup`` strip HTML
  and Markdown; ``sentences``; ``mentions`` finds every number, as digits or words; ``quantities``,
  ``phrases`` and ``nonclaims`` say what each is, or why it is no claim; ``roles`` and ``cues``
  whether it states a change, a share or a level; ``analyse`` does all that for one sentence);
* ``link/``: numbers → claims, as a search over the readings the text offers (``candidates``
  scores them; one ``*_search`` module per kind of claim; ``frames`` and ``tables`` find pairs);
* ``judge/``: arithmetic and tolerance → verdicts with explanations (``arithmetic``,
  ``tolerance``, ``explain``, ``build``);
* ``ground/``: claims → the data in the store (area, measure and period resolved, then checked);
* ``check`` runs the stages; ``model`` holds the public :class:`Claim` and :class:`CheckResult`.
"""

from __future__ import annotations

from factbeat.claims.check import check_text
from factbeat.claims.errors import ClaimInputError
from factbeat.claims.model import CheckResult, Claim, ClaimKind, Verdict
from factbeat.claims.read.input import read_input

__all__ = [
    "CheckResult",
    "Claim",
    "ClaimInputError",
    "ClaimKind",
    "Verdict",
    "check_text",
    "read_input",
]
