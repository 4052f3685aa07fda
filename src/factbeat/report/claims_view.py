"""Terminal view of ``factbeat check``: the text with each claim marked, then the verdicts.

Presentation only; the checking lives in :mod:`factbeat.claims`.  Claims are underlined in
their verdict's colour (green consistent, red inconsistent, yellow unverifiable) and numbered
``[1]``, ``[2]``… where they end, so a sub-editor can read the story and the list side by side.
Everything is built as :class:`rich.text.Text`, never as markup strings, so brackets in a story
cannot be mistaken for Rich markup.  Where the output is not a terminal (the CLI's
:class:`~factbeat.report.console.PlainConsole`), Rich would print those texts without their
styles, so the same characters are written without importing Rich (a tenth of a one-off check's
CPU, issue 13); ``tests/report/test_claims_view.py`` compares the two.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from factbeat.claims.model import OUTCOME_LABELS, CheckResult, Claim, Outcome, Verdict

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

VERDICT_STYLES = {
    Verdict.CONSISTENT: "green",
    Verdict.INCONSISTENT: "red",
    Verdict.UNVERIFIABLE: "yellow",
}
# When claims overlap, the more serious verdict is drawn last so its colour shows.
_DRAW_ORDER = {Verdict.UNVERIFIABLE: 0, Verdict.CONSISTENT: 1, Verdict.INCONSISTENT: 2}


def marked_text(result: CheckResult) -> Text:
    """The checked text with claims underlined in colour and numbered where they end."""
    from rich.text import Text

    body = Text(result.text)
    numbered = list(enumerate(result.claims, 1))
    for _, claim in sorted(numbered, key=lambda item: _DRAW_ORDER[item[1].verdict]):
        body.stylize(f"underline {VERDICT_STYLES[claim.verdict]}", *claim.span)
    markers = _markers(result)
    if not markers:
        return body
    cuts = sorted(markers)
    pieces = body.divide(cuts)
    out = Text()
    for piece, cut in zip(pieces, [*cuts, None], strict=False):
        out.append_text(piece)
        for number, claim in markers.get(cut, []) if cut is not None else []:
            out.append(f"[{number}]", style=f"bold {VERDICT_STYLES[claim.verdict]}")
    return out


def _markers(result: CheckResult) -> dict[int, list[tuple[int, Claim]]]:
    """Where each numbered claim ends -> the claims ending there, in number order."""
    markers: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for number, claim in enumerate(result.claims, 1):
        markers[claim.span[1]].append((number, claim))
    return markers


def _marked_plain(result: CheckResult) -> str:
    """:func:`marked_text` without its styles: the text with ``[n]`` where each claim ends."""
    markers = _markers(result)
    out, start = [], 0
    for cut in sorted(markers):
        out.append(result.text[start:cut])
        out.extend(f"[{number}]" for number, _claim in markers[cut])
        start = cut
    out.append(result.text[start:])
    return "".join(out)


def evidence_line(data: dict[str, Any]) -> str:
    """One line for a claim's data-grounding block: its verdict and explanation, with sources.

    The block's keys are set by data grounding (docs/grounding.md); any other dict is shown as
    ``key: value`` pairs so the hook never hides what it was given.
    """
    text = next(
        (data[k] for k in ("explanation", "summary", "text") if isinstance(data.get(k), str)), None
    )
    if text is None:
        text = ", ".join(f"{k}: {v}" for k, v in data.items() if v is not None and k != "verdict")
    verdict = data.get("verdict")
    line = f"{verdict}: {text}" if isinstance(verdict, str) else text
    sources = data.get("source")
    if isinstance(sources, list) and sources:
        line += f" [source: {'; '.join(str(s) for s in sources)}]"
    return line


def claim_lines(number: int, claim: Claim) -> Text:
    """The numbered entry for one claim: verdict, kind, stated words, explanation, evidence."""
    from rich.text import Text

    return Text.assemble(*(piece if style is None else (piece, style) for piece, style in _claim_pieces(number, claim)))


def _claim_pieces(number: int, claim: Claim) -> list[tuple[str, str | None]]:
    """:func:`claim_lines` as (text, style) pieces: None is unstyled."""
    style = VERDICT_STYLES[claim.verdict]
    outcome = claim.final
    line: list[tuple[str, str | None]] = [
        (f"{number:>3}. ", "bold"),
        (f"{OUTCOME_LABELS[outcome.value]:<12}", f"bold {OUTCOME_STYLES[outcome]}"),
        (f"{claim.verdict.value:<13}", f"bold {style}"),
        (f"{claim.kind.value:<16}", "cyan"),
        (f"“{claim.stated}”", None),
    ]
    if claim.outcome_reason and outcome != Outcome.CORRECT:
        line.append((f"\n     {claim.outcome_reason}", OUTCOME_STYLES[outcome]))
    line.append((f"\n     {claim.explanation}", None))
    for caveat in claim.caveats:
        line.append((f"\n     caveat: {caveat}", "yellow"))
    if claim.data:
        data = claim.data
        style = DATA_STYLES.get(data.get("verdict"), "dim")
        line.append(("\n     data: ", "bold"))
        line.append((str(data.get("verdict", "")).replace("_", " "), f"bold {style}"))
        line.append((f" {_reading(data)}", style))
        line.append((f"\n     evidence: {evidence_line({k: v for k, v in data.items() if k != 'verdict'})}", "dim"))
        for alt in data.get("alternatives") or []:
            name = (alt.get("measure") or {}).get("name", "?")
            line.append((f"\n     other reading - {name}: {alt.get('verdict')}: {alt.get('explanation') or alt.get('reason')}",
                         DATA_STYLES.get(alt.get("verdict"), "dim")))
    return line


DATA_STYLES = {"supported": "green", "contradicted": "red", "not_in_data": "yellow", "close": "green"}
OUTCOME_STYLES = {Outcome.CORRECT: "green", Outcome.WRONG: "red", Outcome.CLOSE: "cyan", Outcome.CANT_CHECK: "yellow"}


def _reading(data: dict[str, Any]) -> str:
    """'(Barnet; gun crime; 2015 to 2016)': what the claim was read as being about."""
    area = (data.get("area") or {}).get("name")
    measure = (data.get("measure") or {}).get("name")
    period = data.get("period") or {}
    if "from" in period or "to" in period:
        labels = [p["label"] for p in (period.get("from"), period.get("to")) if p]
        period_text = " to ".join(labels)
    else:
        period_text = period.get("label")
    parts = [p for p in (area, measure and measure.lower(), period_text) if p]
    return f"({'; '.join(parts)})" if parts else ""


def summary_line(result: CheckResult) -> Text:
    """'5 claims: 3 correct, 1 wrong, 0 close, 1 can't check (arithmetic: ...)': the JSON summary's counts."""
    from rich.text import Text

    return Text.assemble(*_summary_pieces(result))


def _summary_pieces(result: CheckResult) -> list[tuple[str, str]]:
    summary = result.summary
    counts = summary["by_outcome"]
    line = [(f"{summary['claims']} claims: ", "bold")]
    for i, outcome in enumerate(Outcome):
        part = f"{counts[outcome.value]} {OUTCOME_LABELS[outcome.value]}"
        line.append((part if i == 0 else ", " + part, OUTCOME_STYLES[outcome]))
    arithmetic = summary["by_verdict"]
    line.append((" (arithmetic: " + ", ".join(f"{arithmetic[v.value]} {v.value}" for v in Verdict) + ")", "dim"))
    return line


# Characters a Rich Text does not print as they are (tabs are expanded, these control codes
# removed); any other character below a space but the newline, to be safe.
_CHANGED_BY_RICH = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _plain_check(result: CheckResult) -> str | None:
    """Everything :func:`render_check` prints, as Rich prints it unstyled; None where Rich would
    change a character (a tab, a control code) or a notice is printed (Rich prints those)."""
    if result.notes:
        return None
    lines = [_marked_plain(result), ""]
    if not result.claims:
        lines.append("No numeric claims found.")
    else:
        lines.append("".join(piece for piece, _style in _summary_pieces(result)))
        lines += ["".join(piece for piece, _style in _claim_pieces(number, claim))
                  for number, claim in enumerate(result.claims, 1)]
    text = "\n".join(lines) + "\n"
    return None if _CHANGED_BY_RICH.search(text) else text


def render_check(result: CheckResult, console: Console) -> None:
    """Print the marked text, then a numbered list of claims with verdicts and explanations."""
    from factbeat.report.console import PlainConsole

    if isinstance(console, PlainConsole) and (text := _plain_check(result)) is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    console.print(marked_text(result))
    console.print()
    for note in result.notes:  # what a size cap or the time budget left unchecked
        console.print(f"Notice: {note}", style="bold yellow", markup=False, highlight=False)
    if not result.claims:
        console.print("No numeric claims found.", style="dim")
        return
    console.print(summary_line(result))
    for number, claim in enumerate(result.claims, 1):
        console.print(claim_lines(number, claim))
