"""Each borough's ward rows summed per category and month, kept beside the observations.

A figure over months a capped file supplies fills each borough-month the cap may have deleted
with the sum of that borough's ward (Safer Neighbourhood Team) rows (stats/capped.py).  Summed
from ``observations`` that is a scan of every ward row of the scheme (about 687,000 on the
quick-start store: 8 % of the instructions of a cold ``factbeat check``), so the store keeps the
sums in a small table, ``ward_sums`` (81,000 rows for those 687,000), written in the same
transaction as the rows it sums, exactly as the per-scheme summary is (store/summary.py):
:func:`refresh_ward_sums` runs for the schemes written before each commit, so the sums never
disagree with the rows another connection sees, and an ingest stays idempotent and atomic.

Only the ward schemes whose categories a borough scheme borrows are summed (a figure fills a
borough scheme's gaps from the ward scheme of the same categories); the sums are the very query
a store without the table answers from the observations (:data:`SUMS_FROM_OBSERVATIONS`).

A store written before the table existed, or written to by an older factbeat since, gets it anew
when it is next opened for writing (:func:`ensure_ward_sums`); a store opened read-only without
current sums is answered from the rows (:func:`sums_current`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from factbeat.taxonomy.schemes import SCHEMES

DDL = """
CREATE TABLE IF NOT EXISTS ward_sums (
    scheme VARCHAR NOT NULL, parent_code VARCHAR, category_id INTEGER NOT NULL, month DATE NOT NULL,
    count BIGINT NOT NULL);
"""

VERSION_KEY = "ward_sums_version"
VERSION = "1"
# Every factbeat that writes a store of this schema version or later keeps the sums; one before it
# (which knows nothing of them) records its own, lower, version when it opens the store for writing,
# and may then add rows without summing them: the sums are trusted only after a writer that keeps them.
KEPT_SINCE_SCHEMA = 4

# The ward schemes some borough scheme fills its capped gaps from (mps_dashboard_ward, home_office_ward).
SUMMED = frozenset(s.key for s in SCHEMES.values() if s.level == "ward" and s.categories_from)

# (borough code, category id, month, sum of the ward rows) of one ward scheme; ``{where}`` narrows it.
# A ward listed under two boroughs counts in both, as the join says.
SUMS_FROM_OBSERVATIONS = (
    "SELECT a.parent_code, o.category_id, o.month, SUM(o.count) FROM observations o "
    "JOIN (SELECT DISTINCT area_code, parent_code FROM small_areas WHERE scheme = ?) a ON a.area_code = o.area_code "
    "WHERE o.scheme = ?{where} GROUP BY a.parent_code, o.category_id, o.month"
)
# In category order: a figure asks for one or two categories, whose rows then sit in one or two row
# groups that DuckDB reads, skipping the others by their min-max statistics.
_REFRESH = (f"INSERT INTO ward_sums SELECT ?, * FROM ({SUMS_FROM_OBSERVATIONS.format(where='')}) "
            "ORDER BY category_id, month, parent_code")
_FROM_TABLE = "SELECT parent_code, category_id, month, count FROM ward_sums WHERE scheme = ?{where}"


def refresh_ward_sums(con, schemes: Iterable[str]) -> None:
    """Recompute the sums of these schemes (those summed) from the observations, in the caller's transaction."""
    for scheme in sorted(set(schemes) & SUMMED):
        con.execute("DELETE FROM ward_sums WHERE scheme = ?", [scheme])
        con.execute(_REFRESH, [scheme, scheme, scheme])


def sums_current(meta: dict[str, str]) -> bool:
    """Whether a store's ``meta`` says its sums are current: made by this module's version, and the
    store last opened for writing by a factbeat that keeps them (see :data:`KEPT_SINCE_SCHEMA`)."""
    written_by = meta.get("schema_version", "")
    return meta.get(VERSION_KEY) == VERSION and written_by.isdigit() and int(written_by) >= KEPT_SINCE_SCHEMA


def ensure_ward_sums(con) -> None:
    """Create the table; fill it from the observations for a store that predates it, or that an
    older factbeat wrote to since.  Runs inside the caller's transaction, before the store records
    this schema version (store/schema.py: create_or_upgrade)."""
    con.execute(DDL)
    if sums_current(dict(con.execute("SELECT key, value FROM meta").fetchall())):
        return
    con.execute("DELETE FROM ward_sums")
    refresh_ward_sums(con, SUMMED)
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [VERSION_KEY, VERSION])


# Up to this many boroughs are named in the SQL; more (London: all 32) are picked in Python from
# the rows of every borough, which costs DuckDB less than binding and testing a list of 32 codes.
FEW_BOROUGHS = 4


def read_ward_sums(query: Callable[[str, list], list[tuple]], from_table: bool, ward: str, category_ids: list[int],
                   parent_codes: list[str], start: date, end: date) -> list[tuple]:
    """(borough code, category id, month, sum) of these categories and boroughs from ``start`` to
    ``end``, read with ``query`` from ``ward_sums``, or (a store without it) summed from the rows."""
    ids = ", ".join("?" * len(category_ids))
    codes = ", ".join("?" * len(parent_codes))
    if not from_table:
        where = f" AND o.category_id IN ({ids}) AND a.parent_code IN ({codes}) AND o.month >= ? AND o.month <= ?"
        return query(SUMS_FROM_OBSERVATIONS.format(where=where), [ward, ward, *category_ids, *parent_codes, start, end])
    if len(parent_codes) <= FEW_BOROUGHS:
        where = f" AND category_id IN ({ids}) AND parent_code IN ({codes}) AND month >= ? AND month <= ?"
        return query(_FROM_TABLE.format(where=where), [ward, *category_ids, *parent_codes, start, end])
    wanted = set(parent_codes)
    rows = query(_FROM_TABLE.format(where=f" AND category_id IN ({ids}) AND month >= ? AND month <= ?"),
                 [ward, *category_ids, start, end])
    return [row for row in rows if row[0] in wanted]
