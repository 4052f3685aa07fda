"""Read the golden claim cases in tests/fixtures/claims/*.txt (format at the top of each file)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"


@dataclass
class Expectation:
    """One ``=>`` item: ``KIND VALUE VERDICT``, ``none``, ``not N``, ``claims N`` or ``checkable N``."""

    op: str  # "claim", "none", "not", "claims", "checkable"
    kind: str | None = None
    value: float | None = None
    verdict: str | None = None

    def __str__(self) -> str:
        if self.op == "claim":
            return f"{self.kind} {'-' if self.value is None else self.value} {self.verdict}"
        return self.op if self.op == "none" else f"{self.op} {self.value:g}"


@dataclass
class GoldenCase:
    text: str
    expectations: list[Expectation]
    line: int
    xfail: str | None = None
    source: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}"


def _parse_expectation(item: str) -> Expectation:
    words = item.split()
    if words == ["none"]:
        return Expectation("none")
    if len(words) == 2 and words[0] in ("not", "claims", "checkable"):
        return Expectation(words[0], value=float(words[1].replace(",", "")))
    if len(words) == 3:
        value = None if words[1] == "-" else float(words[1])
        return Expectation("claim", words[0], value, words[2])
    raise ValueError(f"cannot read expectation {item!r}")


def load_golden_cases(path: Path) -> list[GoldenCase]:
    """Cases from one fixture file: a text line, then a ``=>`` line, optional ``xfail:`` before."""
    cases: list[GoldenCase] = []
    pending_xfail: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("xfail:"):
            pending_xfail = line.removeprefix("xfail:").strip()
        elif line.startswith("=>"):
            items = [i.strip() for i in line.removeprefix("=>").split(";") if i.strip()]
            cases[-1].expectations.extend(_parse_expectation(i) for i in items)
        else:
            cases.append(GoldenCase(line, [], number, pending_xfail, path.name))
            pending_xfail = None
    return cases


def all_golden_cases() -> list[GoldenCase]:
    return [case for path in sorted(FIXTURES.glob("*.txt")) for case in load_golden_cases(path)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-4, abs_tol=5e-4)


def _uses(claim: dict, value: float) -> bool:
    values = [claim["stated_value"], *claim["numbers"].values()]
    return any(v is not None and _close(float(v), value) for v in values)


def problems(expectations: list[Expectation], claims: list[dict]) -> list[str]:
    """What the found claims get wrong against the expectations (empty list: all good)."""
    found: list[str] = []
    for e in expectations:
        if e.op == "none" and claims:
            found.append(f"expected no claims, got {len(claims)}")
        elif e.op == "claims" and len(claims) != e.value:
            found.append(f"expected {e.value:g} claims, got {len(claims)}")
        elif e.op == "checkable" and (n := sum(c["verdict"] != "unverifiable" for c in claims)) != e.value:
            found.append(f"expected {e.value:g} consistent or inconsistent claims, got {n}")
        elif e.op == "not" and any(_uses(c, e.value) for c in claims):
            found.append(f"a claim uses {e.value:g}")
        elif e.op == "claim" and not any(
            c["kind"] == e.kind and c["verdict"] == e.verdict and _close(c["stated_value"], e.value)
            for c in claims
        ):
            found.append(f"no claim {e}")
    return found


def describe(claims: list[dict]) -> str:
    return (
        "\n".join(
            f"  {c['kind']} {c['stated_value']} {c['verdict']} [{c['stated']}] {c['numbers']} :: {c['explanation']}"
            for c in claims
        )
        or "  (no claims)"
    )
