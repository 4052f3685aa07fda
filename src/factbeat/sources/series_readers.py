"""Which reader reads which London series format (see sources/series.py)."""

from __future__ import annotations

import os
from pathlib import Path

from factbeat.errors import InputFileError
from factbeat.sources.formats import SourceFormat
from factbeat.sources.series import SeriesTable

# A full dashboard file has borough rows of these series in the hundreds or thousands each month;
# a file in which none exceeds this was cut down (the 2015-2023 copy kept no count above 21).
CAP_SERIES = ("TNO Victim Based", "TNO Non Victim Based", "Domestic Abuse")
CAP_EVIDENCE = 100


def read_series(path: str | os.PathLike, fmt: SourceFormat | None = None, encoding: str = "utf-8", *,
                capped: bool | None = None) -> SeriesTable:
    """Read a dashboard, homicide-victims, ward or LSOA file.

    ``capped`` says whether rows above a cap were deleted from the file (the catalogue knows it
    for the mirror's 2015-2023 dashboard copy); when not given, a dashboard file is judged
    capped if its busiest series never exceed :data:`CAP_EVIDENCE` in a borough-month.
    """
    from factbeat.sources import detect_file_format

    path = Path(path)
    fmt = fmt or detect_file_format(path, encoding)
    if fmt.name in ("mps_dashboard_other", "mps_dashboard_other_fy"):
        from factbeat.sources.mps_dashboard import read_dashboard

        table = read_dashboard(path, fmt, encoding)
        table.capped = _looks_capped(table) if capped is None else capped
        if table.capped:
            table.notes.append("rows above a count cap were deleted from this file: an absent borough-month may be "
                               "zero or deleted, so figures from it are lower bounds")
        return table
    if fmt.name == "mps_homicide_victims":
        from factbeat.sources.homicide_victims import read_homicide_victims

        return read_homicide_victims(path, fmt, encoding)
    if fmt.name in ("mps_ward_home_office", "mps_lsoa_home_office"):
        from factbeat.sources.mps_small_area import read_small_area

        return read_small_area(path, fmt, encoding)
    raise InputFileError(str(path), f"{fmt.name} is not a London series format")


def _looks_capped(table: SeriesTable) -> bool:
    import pyarrow.compute as pc

    rows = table.table.filter(pc.and_(pc.equal(table.table["scheme"], "mps_dashboard"),
                                      pc.is_in(table.table["major"], value_set=__import__("pyarrow").array(CAP_SERIES))))
    if rows.num_rows == 0:
        return False
    return pc.max(rows["count"]).as_py() < CAP_EVIDENCE
