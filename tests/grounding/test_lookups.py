"""The grounding's memory of the store: the same answers as asking afresh, and none outliving a change."""

from __future__ import annotations

import shutil

import pytest

from factbeat.claims.ground import lookups as lookups_module
from factbeat.claims.ground.lookups import Lookups
from factbeat.errors import FactbeatError
from factbeat.stats import counts

ASKED = [("Barnet", "burglary", "2016"), ("Barnet", "burglary", "2023"), ("Camden", "robbery", "2012"),
         ("London", "violence against the person", "2016"), ("Westminster", "theft", "2019/20"),
         ("Hackney", "knife crime", "2015")]


def _asked(fb):
    return [(fb.area(a), fb.measure(m), fb.period(p)) for a, m, p in ASKED]


def test_contemporary_schemes_are_those_worked_out_afresh(fb_g, monkeypatch):
    monkeypatch.setattr(lookups_module, "_SCHEME_CACHE", lookups_module.OrderedDict())
    lookups = Lookups(fb_g)
    wanted = [counts.contemporary_scheme(fb_g.catalog, m, p, a) for a, m, p in _asked(fb_g)]
    assert [lookups.contemporary_scheme(a, m, p) for a, m, p in _asked(fb_g)] == wanted
    assert {"mps_legacy", "home_office"} <= set(wanted)
    with lookups.contemporary_schemes():  # a figure in the scheme of the time is the one of that scheme
        for area, measure, period in _asked(fb_g):
            scheme = lookups.contemporary_scheme(area, measure, period)
            try:
                plain = fb_g.figure(area, measure, period, scheme, with_others=False).count
            except FactbeatError as why:
                plain = str(why)
            got = lookups.figure(area, measure, period)
            assert (str(got) if isinstance(got, FactbeatError) else got.count) == plain


def test_contemporary_schemes_are_worked_out_once_per_store_generation(grounded_store, tmp_path, monkeypatch):
    import factbeat

    copy = tmp_path / "copy.duckdb"
    shutil.copy(grounded_store, copy)
    monkeypatch.setattr(lookups_module, "_SCHEME_CACHE", lookups_module.OrderedDict())
    asked = []
    real = counts.contemporary_scheme

    def counted(*args):
        asked.append(args)
        return real(*args)

    monkeypatch.setattr(counts, "contemporary_scheme", counted)
    with factbeat.open(copy) as fb:
        area, measure, period = fb.area("Barnet"), fb.measure("burglary"), fb.period("2016")
        first = Lookups(fb).contemporary_scheme(area, measure, period)
        assert Lookups(fb).contemporary_scheme(area, measure, period) == first  # another check, the same store
        assert len(asked) == 1
        register = tmp_path / "register.yaml"  # the store changes: a new generation
        register.write_text("figures:\n  - {area: Camden, measure: gun crime, period: \"2014\", value: 12, "
                            "source_title: A test figure, publisher: The tests}\n", encoding="utf-8")
        assert fb.register(register)["status"] == "stored"
        assert Lookups(fb).contemporary_scheme(area, measure, period) == first
        assert len(asked) == 2
    assert len(lookups_module._SCHEME_CACHE) == 2  # one answer per generation, each kept under its own


def test_documented_measures_are_found_by_key():
    from factbeat.errors import UnknownNameError
    from factbeat.taxonomy.measures import concept, concepts

    for measure in concepts():
        assert concept(measure.key) is next(m for m in concepts() if m.key == measure.key)
    with pytest.raises(UnknownNameError):
        concept("no_such_measure")
