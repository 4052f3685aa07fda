"""Reader for a figures register: published figures that no open dataset holds.

Firearm discharges, fatal shootings or surrendered weapons come from FOI answers and police
statements.  A register (YAML or CSV, format documented in docs/register.md) records each such
figure with its citation, so claims can be checked against it and the citation shown.
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from pathlib import Path

from factbeat.errors import InputFileError
from factbeat.taxonomy.areas import find_area
from factbeat.taxonomy.measures import find_measure
from factbeat.taxonomy.periods import parse_period

REQUIRED = ("area", "measure", "period", "value", "source_title", "publisher")
KINDS = ("count", "percent_change")


@dataclass(frozen=True)
class RegisteredFigure:
    area_code: str
    measure_key: str
    period_start: str
    period_end: str
    period_label: str
    kind: str
    value: float
    qualifier: str | None
    source_title: str
    publisher: str
    url: str | None
    date: str | None
    note: str | None
    line: int

    def to_dict(self) -> dict:
        return asdict(self)


def read_register(path: str | Path) -> list[RegisteredFigure]:
    """Parse and validate a register; any bad entry refuses the file, naming entry and field."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(str(path), "no such file")
    entries = _yaml_entries(path) if path.suffix in (".yaml", ".yml") else _csv_entries(path)
    return [_validate(path, line, entry) for line, entry in entries]


def _yaml_entries(path: Path) -> list[tuple[int, dict]]:
    import yaml

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputFileError(
            str(path), f"not valid YAML: {exc}", line=mark.line + 1 if mark else None
        ) from None
    defaults = doc.get("defaults", {}) if isinstance(doc, dict) else {}
    figures = doc.get("figures", []) if isinstance(doc, dict) else doc
    if not isinstance(figures, list) or not figures:
        raise InputFileError(str(path), "expected a 'figures:' list with at least one entry")
    return [(i, {**defaults, **entry}) for i, entry in enumerate(figures, start=1)]


def _csv_entries(path: Path) -> list[tuple[int, dict]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return [(reader.line_num, row) for row in reader]


def _validate(path: Path, line: int, entry: dict) -> RegisteredFigure:
    def fail(field: str, message: str) -> InputFileError:
        return InputFileError(str(path), message, line=line, field=field)

    for key in REQUIRED:
        if entry.get(key) in (None, ""):
            raise fail(key, f"entry {line} has no {key}")
    area = find_area(str(entry["area"]))
    if area is None:
        raise fail("area", f"unknown area {entry['area']!r}")
    measure = find_measure(str(entry["measure"]))
    if measure is None:
        raise fail("measure", f"unknown measure {entry['measure']!r} (see 'factbeat measures')")
    try:
        period = parse_period(str(entry["period"]))
        value = float(str(entry["value"]).replace(",", ""))
    except Exception as exc:  # noqa: BLE001 - reported with the entry and field
        raise fail("period" if "period" in str(exc) else "value", str(exc)) from None
    kind = str(entry.get("kind") or "count")
    if kind not in KINDS:
        raise fail("kind", f"kind must be one of {KINDS}")
    return RegisteredFigure(
        area.code,
        measure.key,
        period.start.isoformat(),
        period.end.isoformat(),
        period.label,
        kind,
        value,
        entry.get("qualifier") or None,
        str(entry["source_title"]),
        str(entry["publisher"]),
        entry.get("url") or None,
        str(entry["date"]) if entry.get("date") else None,
        entry.get("note") or None,
        line,
    )
