"""The figures register in the store: load a register file, look figures up.

Registered figures live in their own table, never mixed with observations: they are published
statements (FOI answers, police press figures) with a citation, not counts factbeat computed.
Loading the same register twice changes nothing; each load is one transaction.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factbeat.sources.register import RegisteredFigure, read_register
from factbeat.store import Store, file_sha256

DDL = """
CREATE TABLE IF NOT EXISTS registered_figures (
    area_code VARCHAR NOT NULL, measure_key VARCHAR NOT NULL, period_start DATE NOT NULL,
    period_end DATE NOT NULL, period_label VARCHAR, kind VARCHAR NOT NULL, value DOUBLE NOT NULL,
    qualifier VARCHAR, source_title VARCHAR NOT NULL, publisher VARCHAR NOT NULL, url VARCHAR,
    date VARCHAR, note VARCHAR, line INTEGER, register_file VARCHAR, register_sha256 VARCHAR);
"""

_COLUMNS = ("area_code", "measure_key", "period_start", "period_end", "period_label", "kind", "value",
            "qualifier", "source_title", "publisher", "url", "date", "note", "line")


def load_register(store: Store, path: str | Path) -> dict:
    """Store every figure of a register file (all or nothing); a file already loaded is skipped."""
    path = Path(path)
    figures = read_register(path)
    sha = file_sha256(path)
    con = store.con
    con.execute(DDL)
    if con.execute("SELECT COUNT(*) FROM registered_figures WHERE register_sha256 = ?", [sha]).fetchone()[0]:
        return {"file": str(path), "status": "unchanged", "figures": len(figures)}
    con.execute("BEGIN TRANSACTION")
    try:
        # A new version of a register replaces the figures loaded from the earlier version.
        con.execute("DELETE FROM registered_figures WHERE register_file = ?", [path.name])
        for fig in figures:
            con.execute(
                "DELETE FROM registered_figures WHERE area_code = ? AND measure_key = ? AND period_start = ? "
                "AND period_end = ? AND kind = ?", [fig.area_code, fig.measure_key, fig.period_start, fig.period_end, fig.kind])
            con.execute(
                f"INSERT INTO registered_figures VALUES ({', '.join('?' * (len(_COLUMNS) + 2))})",
                [getattr(fig, c) for c in _COLUMNS] + [path.name, sha])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    store.generation += 1
    return {"file": str(path), "status": "stored", "figures": len(figures)}


_PRESENT: dict[int, tuple[int, bool]] = {}  # id(store) -> (generation, has a register): probed once per generation


def _has_register(store: Store) -> bool:
    """Whether the store holds a figures register; asked once per store generation, not per claim."""
    generation = getattr(store, "generation", 0)
    known = _PRESENT.get(id(store))
    if known is None or known[0] != generation:
        present = bool(store.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'registered_figures'"))
        _PRESENT[id(store)] = known = (generation, present)
    return known[1]


def registered_figures(store: Store, area_code: str, measure_key: str, kind: str = "count") -> list[RegisteredFigure]:
    """Every registered figure for an area and measure (any period), oldest period first."""
    if not _has_register(store):
        return []
    rows = store.query_dicts(
        f"SELECT {', '.join(_COLUMNS)} FROM registered_figures WHERE area_code = ? AND measure_key = ? AND kind = ? "
        "ORDER BY period_start", [area_code, measure_key, kind])
    return [RegisteredFigure(**{**row, "period_start": _iso(row["period_start"]), "period_end": _iso(row["period_end"])})
            for row in rows]


def _iso(value: date | str) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
