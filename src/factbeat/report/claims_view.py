"""Terminal view of ``factbeat check``: the text with each claim marked, then the verdicts.

Presentation only; the checking lives in :mod:`factbeat.claims`.  Claims are underlined in
their verdict's colour (green consistent, red inconsistent, yellow unverifiable) and numbered
``[1]``, ``[2]``… where they end, so a sub-editor can read the story and the list side by side.
Everything is built as :class:`rich.text.Text`, never as markup strings, so brackets in a story
cannot be mistaken for Rich markup.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.text import Text

from factbeat.claims.model import OUTCOME_LABELS, CheckResult, Claim, Outcome, Verdict

VERDICT_STYLES = {
    Verdict.CONSISTENT: "green",
    Verdict.INCONSISTENT: "red",
    Verdict.UNVERIFIABLE: "yellow",
}
# When claims overlap, the more serious verdict is drawn last so its colour shows.
_DRAW_ORDER = {Verdict.UNVERIFIABLE: 0, Verdict.CONSISTENT: 1, Verdict.INCONSISTENT: 2}


def marked_text(result: CheckResult) -> Text:
    """The checked text with claims underlined in colour and numbered where they end."""
    body = Text(result.text)
    numbered = list(enumerate(result.claims, 1))
    for _, claim in sorted(numbered, key=lambda item: _DRAW_ORDER[item[1].verdict]):
        body.stylize(f"underline {VERDICT_STYLES[claim.verdict]}", *claim.span)
    markers: dict[int, list[tuple[int, Claim]]] = defaultdict(list)
    for number, claim in numbered:
        markers[claim.span[1]].append((number, claim))
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
    style = VERDICT_STYLES[claim.verdict]
    outcome = claim.final
    line = Text.assemble(
        (f"{number:>3}. ", "bold"),
        (f"{OUTCOME_LABELS[outcome.value]:<12}", f"bold {OUTCOME_STYLES[outcome]}"),
        (f"{claim.verdict.value:<13}", f"bold {style}"),
        (f"{claim.kind.value:<16}", "cyan"),
        f"“{claim.stated}”",
    )
    if claim.outcome_reason and outcome != Outcome.CORRECT:
        line.append(f"\n     {claim.outcome_reason}", style=OUTCOME_STYLES[outcome])
    line.append(f"\n     {claim.explanation}")
    for caveat in claim.caveats:
        line.append(f"\n     caveat: {caveat}", style="yellow")
    if claim.data:
        data = claim.data
        style = DATA_STYLES.get(data.get("verdict"), "dim")
        line.append("\n     data: ", style="bold")
        line.append(str(data.get("verdict", "")).replace("_", " "), style=f"bold {style}")
        line.append(f" {_reading(data)}", style=style)
        line.append(f"\n     evidence: {evidence_line({k: v for k, v in data.items() if k != 'verdict'})}", style="dim")
        for alt in data.get("alternatives") or []:
            name = (alt.get("measure") or {}).get("name", "?")
            line.append(f"\n     other reading - {name}: {alt.get('verdict')}: {alt.get('explanation') or alt.get('reason')}",
                        style=DATA_STYLES.get(alt.get("verdict"), "dim"))
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
    summary = result.summary
    counts = summary["by_outcome"]
    line = Text.assemble((f"{summary['claims']} claims: ", "bold"))
    for i, outcome in enumerate(Outcome):
        part = f"{counts[outcome.value]} {OUTCOME_LABELS[outcome.value]}"
        line.append(part if i == 0 else ", " + part, style=OUTCOME_STYLES[outcome])
    arithmetic = summary["by_verdict"]
    line.append(" (arithmetic: " + ", ".join(f"{arithmetic[v.value]} {v.value}" for v in Verdict) + ")", style="dim")
    return line


def render_check(result: CheckResult, console: Console) -> None:
    """Print the marked text, then a numbered list of claims with verdicts and explanations."""
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
