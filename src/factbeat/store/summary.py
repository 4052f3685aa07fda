"""Which months and areas each scheme holds, kept beside the observations.

Every command that answers from the store first asks which months and which areas each scheme
has stored (``stats/catalog.py``).  Asked of ``observations`` itself that is two full scans of
millions of rows (about 0.2 s on the quick-start store, more than the rest of a ``figure``), so
the store keeps the answer in two small tables, ``scheme_months`` and ``scheme_areas``, written
in the same transaction as the observations they describe: :func:`refresh_summary` runs for the schemes written before
each commit (after each file, or once at the end of an ingest command's transaction), so the
summary can never disagree with the observations another connection sees.

A store written before the summary existed gets it when it is next opened for writing
(:func:`ensure_summary`); a store opened read-only without it is answered by the full scans.
"""

from __future__ import annotations

from collections.abc import Iterable

DDL = """
CREATE TABLE IF NOT EXISTS scheme_months (scheme VARCHAR NOT NULL, month DATE NOT NULL);
CREATE TABLE IF NOT EXISTS scheme_areas (scheme VARCHAR NOT NULL, area_code VARCHAR NOT NULL);
"""

VERSION_KEY = "summary_version"
VERSION = "1"

# The schemes one file's transaction touched: what it stored, what it moved to history, and
# the small areas it named (the borough each ward belongs to: store/ward_sums.py).
TOUCHED = (
    "SELECT DISTINCT scheme FROM observations WHERE source_id = ? "
    "UNION SELECT DISTINCT scheme FROM observations_history WHERE replaced_by = ? "
    "UNION SELECT DISTINCT scheme FROM small_areas WHERE source_id = ?"
)

# What the catalogue reads, from the summary or (without one) from the observations.
MONTHS_FROM_SUMMARY = "SELECT scheme, month FROM scheme_months"
AREAS_FROM_SUMMARY = "SELECT scheme, area_code FROM scheme_areas"
MONTHS_FROM_OBSERVATIONS = "SELECT DISTINCT scheme, month FROM observations"
AREAS_FROM_OBSERVATIONS = "SELECT DISTINCT scheme, area_code FROM observations"
# One scheme's areas (a command asks two or three schemes, not every area of all of them).
SCHEME_AREAS_FROM_SUMMARY = "SELECT area_code FROM scheme_areas WHERE scheme = ?"
SCHEME_AREAS_FROM_OBSERVATIONS = "SELECT DISTINCT area_code FROM observations WHERE scheme = ?"
HAS_SUMMARY = f"SELECT 1 FROM meta WHERE key = '{VERSION_KEY}' AND value = '{VERSION}'"


def refresh_summary(con, schemes: Iterable[str]) -> None:
    """Recompute the summary rows of these schemes from the observations (in the caller's transaction)."""
    for scheme in sorted(set(schemes)):
        con.execute("DELETE FROM scheme_months WHERE scheme = ?", [scheme])
        con.execute("DELETE FROM scheme_areas WHERE scheme = ?", [scheme])
        con.execute("INSERT INTO scheme_months SELECT DISTINCT scheme, month FROM observations WHERE scheme = ?",
                    [scheme])
        con.execute("INSERT INTO scheme_areas SELECT DISTINCT scheme, area_code FROM observations WHERE scheme = ?",
                    [scheme])


def touched_schemes(con, source_id: int | None) -> set[str]:
    """The schemes one stored file wrote or revised (nothing for a population file)."""
    if source_id is None:
        return set()
    return {row[0] for row in con.execute(TOUCHED, [source_id] * 3).fetchall()}


def ensure_summary(con) -> None:
    """Create the summary tables; fill them from the observations once, for a store that predates
    them.  Runs inside the caller's transaction (store/schema.py: create_or_upgrade)."""
    con.execute(DDL)
    if con.execute(HAS_SUMMARY).fetchall():
        return
    con.execute("DELETE FROM scheme_months")
    con.execute("DELETE FROM scheme_areas")
    con.execute(f"INSERT INTO scheme_months {MONTHS_FROM_OBSERVATIONS}")
    con.execute(f"INSERT INTO scheme_areas {AREAS_FROM_OBSERVATIONS}")
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [VERSION_KEY, VERSION])
