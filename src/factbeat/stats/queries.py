"""Every SQL statement the statistics run, in one place, written to stay portable.

The statistics are plain parameterised SQL executed by DuckDB.  To keep them runnable on a
distributed engine later, each statement is kept to ANSI constructs and a test transpiles all of
them with SQLGlot to Spark SQL and PostgreSQL (``tests/test_sql_portable.py``).  Lists of values
(category ids, area codes) are passed as placeholders, never spliced into the text.
"""

from __future__ import annotations

# Street-level completeness, read by the catalogue once per store generation (see stats/coverage.py).
FORCE_MONTHS = "SELECT force_code, month, force_name FROM street_months WHERE replaced_by IS NULL"

AREA_FORCES = "SELECT area_code, force_code FROM street_area_forces"


def placeholders(n: int) -> str:
    """``?, ?, ?`` for an IN list of ``n`` parameters (the statement's shape, never user text)."""
    if n < 1:
        raise ValueError("an IN list needs at least one value")
    return ", ".join("?" * n)


def _where(n_categories: int, n_areas: int | None) -> str:
    """The filter every aggregate shares: scheme, categories, optional areas, month range."""
    areas = f" AND area_code IN ({placeholders(n_areas)})" if n_areas else ""
    return (f"WHERE scheme = ? AND category_id IN ({placeholders(n_categories)}){areas} "
            "AND month >= ? AND month <= ?")


def monthly_counts(n_categories: int, n_areas: int | None) -> str:
    """Monthly totals for some categories, over some areas (None: every area in the scheme)."""
    return (
        "SELECT month, SUM(count) AS count FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY month ORDER BY month"
    )


def counts_with_provenance(n_categories: int, n_areas: int | None) -> str:
    """Counts per source line and month in one pass: a figure's total and its citation together.

    Figures read the same from memory (stats/observation_index.py); this is the statement the
    index is tested against, and what the street benchmark times as the SQL way."""
    return (
        "SELECT month, source_id, line, SUM(count) AS count FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY month, source_id, line"
    )


def matched(n_categories: int, n_areas: int | None) -> str:
    """A figure's total per source line: what ``ObservationIndex.matches`` reads from memory, asked
    of the store instead (a scheme asked only a few times is not worth indexing)."""
    return (
        "SELECT source_id, line, SUM(count) AS count FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY source_id, line"
    )


def area_period_lines() -> str:
    """Every category's totals per source line for one area over a period: the figures a claim's
    readings ask of one area and period (the measure, its alternatives), read in one pass."""
    return (
        "SELECT category_id, source_id, line, SUM(count) AS count FROM observations "
        "WHERE scheme = ? AND area_code = ? AND month >= ? AND month <= ? GROUP BY category_id, source_id, line"
    )


def area_periods_lines(n_periods: int) -> str:
    """:func:`area_period_lines` for several periods of one area in one pass, each row tagged with
    the index of its period (parameters: each period's first and last month, then the scheme, the
    area and the months that span them all).  The periods must not overlap."""
    buckets = " ".join(f"WHEN month >= ? AND month <= ? THEN {i}" for i in range(n_periods))
    return (
        f"SELECT CASE {buckets} END AS period, category_id, source_id, line, SUM(count) AS count FROM observations "
        "WHERE scheme = ? AND area_code = ? AND month >= ? AND month <= ? GROUP BY period, category_id, source_id, line"
    )


def revised_counts(n_categories: int, n_areas: int | None) -> str:
    """What each replaced file said for the period: its months and its total."""
    return (
        "SELECT source_id, MIN(replaced_by) AS replaced_by, MIN(month) AS first_month, MAX(month) AS last_month, "
        "COUNT(DISTINCT month) AS months, SUM(count) AS count FROM observations_history "
        f"{_where(n_categories, n_areas)} GROUP BY source_id ORDER BY source_id"
    )


def provenance(n_categories: int, n_areas: int | None) -> str:
    """Which source files and lines an aggregate was computed from."""
    return (
        "SELECT source_id, line FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY source_id, line ORDER BY source_id, line"
    )


def rows_present(n_categories: int, n_areas: int | None) -> str:
    """(area code, category id, month) of every stored row over a period: where a capped file's
    rows are missing (stats/capped.py)."""
    return f"SELECT DISTINCT area_code, category_id, month FROM observations {_where(n_categories, n_areas)}"


def counts_by_area(n_categories: int, n_areas: int) -> str:
    """Totals per area over a period: the input to every ranking."""
    return (
        "SELECT area_code, SUM(count) AS count FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY area_code"
    )


def area_lines(n_categories: int, n_areas: int) -> str:
    """Totals per area and source line over a period: a ranking's counts and its citations in
    one pass (ranked in Python as from the index; ``ranked`` and ``provenance`` define the answer
    and the tests compare the two)."""
    return (
        "SELECT area_code, source_id, line, SUM(count) AS count FROM observations "
        f"{_where(n_categories, n_areas)} GROUP BY area_code, source_id, line"
    )


def ranked(n_categories: int, n_areas: int, by: str, order: str) -> str:
    """Competition ranking ('1224') of areas by count or by rate per 1,000 residents.

    ``by`` and ``order`` choose between fixed column names and keywords, never user text.
    """
    key = {"count": "c.count", "rate": "c.count * 1000.0 / p.population"}[by]
    direction = {"asc": "ASC", "desc": "DESC"}[order]
    return (
        f"WITH c AS ({counts_by_area(n_categories, n_areas)}), "
        "p AS (SELECT area_code, population, estimate_type, source_id FROM population_best WHERE year = ?) "
        f"SELECT RANK() OVER (ORDER BY {key} {direction}) AS rank, c.area_code, c.count, p.population, "
        "c.count * 1000.0 / p.population AS rate, p.estimate_type, p.source_id "
        f"FROM c LEFT JOIN p ON c.area_code = p.area_code ORDER BY rank, c.area_code"
    )


SCHEME_MONTHS = "SELECT DISTINCT scheme, month FROM observations ORDER BY scheme, month"

# One scheme's observations, for stats.observation_index (read once per store generation).
SCHEME_OBSERVATIONS = "SELECT area_code, category_id, month, source_id, line, count FROM observations WHERE scheme = ?"

SCHEME_AREAS = "SELECT DISTINCT scheme, area_code FROM observations"

POPULATION = (
    "SELECT area_code, year, population, estimate_type, source_id FROM population_best "
    "WHERE area_code = ? ORDER BY year"
)

POPULATIONS = "SELECT area_code, year, population, estimate_type, source_id FROM population_best"

# Every stored population with what population_best orders by: the catalogue picks the best per
# (area, year) in Python (stats/catalog.py), as the view does (its window costs a command 2-3 ms).
POPULATION_ROWS = "SELECT area_code, year, population, estimate_type, source_id FROM population"

POPULATION_YEAR = (
    "SELECT area_code, population, estimate_type, source_id FROM population_best WHERE year = ?"
)

SOURCES_BY_ID = "SELECT source_id, file_name, sha256, format, scheme, publisher, licence, url FROM sources"


def all_statements() -> list[str]:
    """Representative instances of every statement, for the portability test."""
    return [
        monthly_counts(3, 2), monthly_counts(1, None), matched(2, 1), area_period_lines(), area_periods_lines(3), matched(1, None), counts_with_provenance(2, 1), counts_with_provenance(1, None), provenance(2, 1), revised_counts(2, 1), counts_by_area(2, 32), area_lines(2, 32),
        ranked(2, 32, "rate", "asc"), ranked(1, 32, "count", "desc"), SCHEME_MONTHS, SCHEME_AREAS, SCHEME_OBSERVATIONS, POPULATION,
        POPULATION_YEAR, POPULATIONS, POPULATION_ROWS, SOURCES_BY_ID,
    ]
