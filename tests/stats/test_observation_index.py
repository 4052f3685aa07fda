"""The in-memory observation index gives exactly what the SQL statements give.

Figures read one scheme's observations into memory (stats/observation_index.py) instead of
running an aggregate query each; these tests compare the two on the real MPS files, for every
stored area and scheme, and check the index forgets what an ingest changes.
"""

from __future__ import annotations

from datetime import date

import pytest

from factbeat.stats import queries
from factbeat.stats.observation_index import NO_LINE
from factbeat.taxonomy.periods import parse_period

MEASURES = ("violence against the person", "burglary", "robbery", "theft from the person")
PERIODS = ("2016", "2019/20", "March 2021", "2012")


def _sql(catalog, scheme, ids, codes, period):
    params = [scheme, *ids, *(codes or []), period.start, period.end]
    rows = catalog.store.query(queries.counts_with_provenance(len(ids), len(codes) if codes else None), params)
    return sum(int(c) for *_k, c in rows), {(s, line) for _m, s, line, _c in rows}


@pytest.mark.parametrize("measure", MEASURES)
def test_every_area_and_scheme_matches_the_sql(fb_real, measure):
    catalog = fb_real.catalog
    checked = 0
    for scheme in catalog.schemes_for(fb_real.measure(measure)):
        ids = catalog.category_ids(fb_real.measure(measure), scheme)
        index = catalog.observations(scheme)
        for text in PERIODS:
            period = parse_period(text)
            for codes in [None, *([code] for code in sorted(catalog.areas[scheme]))]:
                found = index.matches(ids, codes, period.start, period.end)
                total, cited = _sql(catalog, scheme, ids, codes, period)
                assert found.total == total, (scheme, codes, text)
                assert set(found.citations()) == cited, (scheme, codes, text)
                checked += 1
    assert checked > 100  # 35 areas and London, 4 periods, in each scheme that has the measure


def test_a_figure_cites_the_same_lines_as_before(fb_real):
    figure = fb_real.figure("Barnet", "violence against the person", "2016", scheme="mps_legacy")
    assert figure.count == 7631  # summed by hand from the legacy CSV, lines 60-67
    assert [s["lines"] for s in figure.sources] == ["60-67"]


def test_an_empty_match_is_zero_with_no_sources(fb_real):
    index = fb_real.catalog.observations("mps_legacy")
    found = index.matches([10**6], ["E09000003"], date(2016, 1, 1), date(2016, 12, 1))
    assert found.total == 0 and list(found.citations()) == []
    assert NO_LINE < 0  # never a real line number



@pytest.mark.parametrize("measure", MEASURES[:2])
def test_the_sql_path_gives_what_the_index_gives(fb_real, measure):
    """A scheme asked only a few times is answered in SQL (catalog.matches), later from the index."""
    catalog = fb_real.catalog
    for scheme in catalog.schemes_for(fb_real.measure(measure)):
        ids = catalog.category_ids(fb_real.measure(measure), scheme)
        for text in PERIODS:
            period = parse_period(text)
            for codes in [None, ["E09000003"], ["E09000033"]]:
                by_sql = catalog._matched_in_sql(scheme, ids, codes, period.start, period.end)
                by_index = catalog.observations(scheme).matches(ids, codes, period.start, period.end)
                assert by_sql.total == by_index.total, (scheme, codes, text)
                assert set(by_sql.citations()) == set(by_index.citations()), (scheme, codes, text)


def test_a_scheme_is_indexed_only_once_it_is_asked_often(real_store):
    import factbeat
    from factbeat.stats.catalog import INDEX_AFTER

    with factbeat.open(real_store, read_only=True) as fb:
        period = parse_period("2016")
        ids = fb.catalog.category_ids(fb.measure("burglary"), "mps_legacy")
        first = [fb.catalog.matches("mps_legacy", ids, ["E09000003"], period.start, period.end)
                 for _ in range(INDEX_AFTER)]
        assert fb.catalog._indexes == {}
        later = fb.catalog.matches("mps_legacy", ids, ["E09000003"], period.start, period.end)
        assert set(fb.catalog._indexes) == {"mps_legacy"}
        assert {f.total for f in first} == {later.total} and later.total > 0


def test_a_one_off_command_loads_no_numpy_pyarrow_or_scipy(real_store):
    """What keeps `factbeat figure` quick to start: none of the heavy array libraries load."""
    import subprocess
    import sys

    code = (
        "import sys, factbeat\n"
        f"fb = factbeat.open({str(real_store)!r}, read_only=True)\n"
        "fb.figure('Barnet', 'burglary', '2016'); fb.change('Barnet', 'burglary', '2015', '2016')\n"
        "fb.share('Barnet', 'burglary', '2016'); fb.rank('burglary', '2016')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pyarrow', 'scipy', 'pandas'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr


def _table(rows):
    import pyarrow as pa

    names = ["area_code", "category_id", "month", "source_id", "line", "count"]
    kinds = [pa.string(), pa.int32(), pa.date32(), pa.int32(), pa.int32(), pa.int64()]
    return pa.table({n: pa.array([r[i] for r in rows], k) for i, (n, k) in enumerate(zip(names, kinds, strict=True))})


def test_the_index_reads_arrow_buffers_with_nulls_offsets_and_no_rows():
    from factbeat.stats.observation_index import ObservationIndex

    rows = [("E1", 1, date(2016, 1, 1), 7, 10, 5), ("E2", 1, date(2016, 1, 1), 7, None, 3),
            ("E1", 1, date(2016, 2, 1), 8, 12, 4), ("E1", 2, date(2016, 2, 1), 8, None, 1)]
    index = ObservationIndex(_table(rows).slice(1))  # a slice: buffers start at an offset
    found = index.matches([1], ["E1"], date(2016, 1, 1), date(2016, 12, 1))
    assert found.total == 4 and set(found.citations()) == {(8, 12)}
    found = index.matches([1, 2], None, date(2016, 1, 1), date(2016, 12, 1))
    assert found.total == 8 and set(found.citations()) == {(7, None), (8, 12), (8, None)}
    empty = ObservationIndex(_table([]))
    assert empty.matches([1], ["E1"], date(2016, 1, 1), date(2016, 12, 1)).total == 0
