"""Claim checker: find every numeric claim in a news text and check its arithmetic.

>>> from factbeat.claims import check_text
>>> result = check_text("There were 76 cases, up from 67, a rise of 13 per cent.")
>>> [(c.kind.value, c.verdict.value) for c in result.claims]
[('percent_change', 'consistent')]
>>> result.claims[0].explanation
'(76 − 67) / 67 = +13.4 %; stated 13 % (“rise”, “up”) → consistent'

See ``docs/claims.md`` for the rules and ``docs/check-json.md`` for the JSON shape.

How a text is read, module by module:

* ``reader``, ``markup``: file or stdin → plain text (HTML and Markdown stripped);
* ``sentences``: sentence spans; ``mentions``: every number, as digits or words (text2num);
* ``quantities``, ``nonclaims``, ``phrases``: what each number is (a percentage, a fraction,
  a multiple, a rank…) or why it is not a claim (a date, a time, an age…);
* ``roles``, ``cues``: whether a figure states a change, a share or a level, and its qualifier;
* ``frames``, ``pairing``: earlier/later and part/whole pairs among the figures;
* ``analyse``: all of that for one sentence;
* ``link_changes``, ``link_shares``, ``figures``, ``linking``: which figures each stated
  relation uses, across sentences; leftover figures become counts;
* ``arithmetic``, ``tolerance``, ``explain``: the computation, the matching rules, the wording;
* ``drafts``, ``model``, ``check``: the public :class:`Claim` and :class:`CheckResult`.
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
