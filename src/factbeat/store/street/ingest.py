"""One street-level file inside one transaction: its sources row, its rows, its report.

:meth:`factbeat.store.catalogue.Store.ingest_street` opens and commits the transaction; everything here
runs inside it, so a failure (or ``kill -9``) anywhere leaves no trace of the file.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from factbeat.store.report import IngestReport
from factbeat.store.street import sql as street_sql
from factbeat.store.street.mapping import LEARNED_KINDS, learned_area_rows
from factbeat.store.street.state import StateChange, StreetState
from factbeat.store.street.writer import StreetResult, StreetWriter
from factbeat.taxonomy.areas import Area

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from factbeat.sources.archive import InputFile
    from factbeat.sources.formats import SourceFormat
    from factbeat.sources.police_uk_street import Fingerprint, StreetReader
    from factbeat.store.street.writer import Progress


def store_street_file(con, state: StreetState, category_ids: Callable[[str, list[str]], dict[str, int]],
                      learned_codes: Collection[str], item: InputFile, reader: StreetReader, fp: Fingerprint,
                      fmt: SourceFormat, url: str | None, progress: Progress | None, *,
                      accept_new_categories: bool = False,
                      accept_shrink: bool = False) -> tuple[IngestReport, list[Area], StateChange]:
    """Write the file's rows and bookkeeping through ``con``; the caller owns the transaction, and
    after its commit applies the result to ``state`` and learns the new areas (those not in
    ``learned_codes``)."""
    source_id = con.execute("SELECT nextval('source_id_seq')").fetchall()[0][0]
    writer = StreetWriter(con, category_ids, state, accept_new_categories=accept_new_categories,
                          accept_shrink=accept_shrink)
    result = writer.write(reader, source_id, item.name, progress)
    new_areas = [a for a in result.areas.values() if a.kind in LEARNED_KINDS and a.code not in learned_codes]
    if new_areas:
        street_learned = learned_area_rows(new_areas)  # noqa: F841 - read by DuckDB's replacement scan
        con.execute("INSERT OR IGNORE INTO street_areas SELECT * FROM street_learned")
    location = str(item.path.resolve()) + (f"!{item.member}" if item.member else "")
    con.execute(street_sql.SOURCE_ROW, [
        source_id, item.name, location, fp.sha256, fmt.name, fmt.kind, fmt.publisher, fmt.licence, url,
        result.rows_read, result.rows_stored, result.rows_refused, result.observations, result.first_month,
        result.last_month, result.values_replaced, result.values_changed, datetime.now()])
    result.change.sha256 = fp.sha256
    return _report(item, fmt, result, source_id), new_areas, result.change


def _report(item: InputFile, fmt: SourceFormat, result: StreetResult, source_id: int) -> IngestReport:
    return IngestReport(
        file=item.display, status="stored", format=fmt.name, scheme=street_sql.SCHEME, rows_read=result.rows_read,
        rows_stored=result.rows_stored, rows_refused=result.rows_refused, observations=result.observations,
        first_month=_iso(result.first_month), last_month=_iso(result.last_month),
        values_replaced=result.values_replaced, values_changed=result.values_changed,
        replaced_files=result.replaced_files, source_id=source_id, note=_note(result))


def _note(result: StreetResult) -> str:
    parts = []
    if result.rows_refused:
        parts.append(f"{result.rows_refused:,} rows refused (see the quarantine table)")
    if result.note:
        parts.append(result.note)
    return "; ".join(parts)


def _iso(month) -> str | None:
    return month.isoformat() if month else None
