"""The per-worker checker: built once in each worker process, then used for every article.

Building it is the expensive part (importing the claim reader, opening the store snapshot), so
each worker keeps one in :func:`worker_checker` and reuses it for every partition it is given.
A bad article (a problem found when reading it, or any exception from the checker) becomes an
error on its article row; it never stops the run.
"""

from __future__ import annotations

import importlib
from typing import Any

from factbeat.batch.rows import article_row, claim_row
from factbeat.claims.limits import DEFAULT_BUDGET

_CHECKERS: dict[str | None, ArticleChecker] = {}


class ArticleChecker:
    """Checks articles' arithmetic and, when given a store snapshot, grounds them in the data."""

    def __init__(self, snapshot: str | None = None) -> None:
        from factbeat.claims import check_text

        self.check_text = check_text
        self.fb = None
        self.ground = None
        if snapshot is not None:
            from factbeat.api import Factbeat

            self.fb = Factbeat(snapshot, read_only=True)
            self.ground = grounding_function()

    def check(self, article, partition: str, budget: float | None = DEFAULT_BUDGET) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Claim rows and the article row for one article, checked within ``budget`` seconds (a
        partial result's notice goes in the article row's ``notes``)."""
        if article.problem:
            return [], article_row(article, partition, [], article.problem)
        try:
            result = self.check_text(article.text, date=article.date, budget=budget)
            if self.ground is not None:
                self.ground(self.fb, result)
            claims = [claim.to_dict() for claim in result.claims]
        except Exception as exc:  # one bad article is reported, never fatal
            return [], article_row(article, partition, [], f"{type(exc).__name__}: {exc}")
        rows = [claim_row(article, i, claim) for i, claim in enumerate(claims)]
        return rows, article_row(article, partition, claims, None, result.notes)


    def close(self) -> None:
        if self.fb is not None:
            self.fb.close()
            self.fb = None


def worker_checker(snapshot: str | None) -> ArticleChecker:
    """This process's checker for ``snapshot`` (built on first use, then reused).

    One is kept: a checker for another snapshot (an earlier run's, in a reused Spark worker) is
    closed first.
    """
    if snapshot not in _CHECKERS:
        release_checkers()
        _CHECKERS[snapshot] = ArticleChecker(snapshot)
    return _CHECKERS[snapshot]


def release_checkers() -> None:
    """Close this process's checkers (their store snapshots) and forget them."""
    while _CHECKERS:
        _CHECKERS.popitem()[1].close()


def grounding_function():
    """``ground_result(fb, result)`` from the claims package, wherever it lives in this version.

    The claims package is being split into sub-packages (read/link/judge/ground), so the
    function is looked up rather than imported from one fixed module.
    """
    for module in ("factbeat.claims", "factbeat.claims.ground.grounding", "factbeat.claims.grounding"):
        try:
            found = getattr(importlib.import_module(module), "ground_result", None)
        except ImportError:
            continue
        if found is not None:
            return found
    raise ImportError("this version of factbeat.claims has no ground_result; use --no-ground")
