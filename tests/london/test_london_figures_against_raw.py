"""London series figures against values computed independently from the raw files with pandas."""

from __future__ import annotations

import pandas as pd
import pytest
from london_files import CAPPED, DASHBOARD, HOMICIDE, KNIFE, LSOA, WARD


def _dashboard(path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str)
    frame.columns = [c.lower().replace(" ", "_") for c in frame.columns]
    frame["count"] = frame["count"].astype(int)
    return frame


@pytest.fixture(scope="module")
def dashboard():
    return _dashboard(DASHBOARD)


def _borough_offences(frame: pd.DataFrame, subtype: str, year: int, area: str | None) -> int:
    rows = frame[(frame.area_type == "Borough") & (frame.measure == "Offences")
                 & (frame.crime_subtype.str.lower() == subtype.lower()) & frame.month_year.str.startswith(str(year))]
    if area is not None:
        rows = rows[rows.area_name == area]
    return int(rows["count"].sum())


@pytest.mark.parametrize(("area", "year"), [("Barnet", 2023), ("Lambeth", 2022), ("London", 2023), ("London", 2024)])
def test_gun_crime_matches_the_dashboard_rows(fb_london, dashboard, area, year):
    fig = fb_london.figure(area, "gun crime", str(year))
    expected = _borough_offences(dashboard, "Gun Crime", year, None if area == "London" else area)
    assert fig.count == expected and fig.complete and fig.bound is None
    assert fig.scheme == "mps_dashboard" and fig.rate_base == 100_000


def test_london_gun_crime_2023_is_the_documented_figure(fb_london):
    assert fb_london.figure("London", "gun crime", "2023").count == 1493  # SOURCE.md reference table


def test_lethal_barrel_discharges_match_the_dashboard_rows(fb_london, dashboard):
    fig = fb_london.figure("Barnet", "lethal barrel discharge", "2023")
    assert fig.count == _borough_offences(dashboard, "Lethal Barrel Discharge", 2023, "Barnet") == 12


@pytest.mark.parametrize(("area", "year"), [("Lambeth", 2023), ("Croydon", 2024), ("London", 2025)])
def test_knife_crime_comes_from_the_latest_extract(fb_london, area, year):
    knife = _dashboard(KNIFE)
    fig = fb_london.figure(area, "knife crime", str(year))
    assert fig.count == _borough_offences(knife, "Knife Crime", year, None if area == "London" else area)
    assert fig.complete and fig.rate_base == 1000
    assert fig.sources[0]["file_name"] == KNIFE.name


def test_knife_crime_before_the_extract_comes_from_the_full_dashboard(fb_london, dashboard):
    fig = fb_london.figure("Southwark", "knife crime with injury", "Aug 2021 to Dec 2021")
    assert fig.count == _borough_offences(dashboard, "Knife Crime with Injury", 2021, "Southwark")


@pytest.fixture(scope="module")
def victims():
    frame = pd.read_csv(HOMICIDE, dtype=str)
    frame["year"] = frame["Recorded Year"].astype(int)
    return frame


@pytest.mark.parametrize(("measure", "method", "area", "year"), [
    ("fatal shootings", "Shooting", None, 2016), ("fatal shootings", "Shooting", "Brent", 2016),
    ("fatal stabbings", "Knife or Sharp Implement", None, 2018),
    ("fatal stabbings", "Knife or Sharp Implement", "Lambeth", 2019), ("homicide victims", None, None, 2017),
])
def test_homicide_by_method_matches_the_victim_rows(fb_london, victims, measure, method, area, year):
    rows = victims[victims.year == year]
    if method:
        rows = rows[rows.MethodofKilling == method]
    if area:
        rows = rows[rows.Borough == area]
    fig = fb_london.figure(area or "London", measure, str(year))
    assert fig.count == len(rows) and fig.scheme == "homicide_victims" and fig.rate_base == 100_000


def test_homicide_victims_by_year_are_the_documented_figures(fb_london):
    counts = [fb_london.figure("London", "homicide victims", str(y), with_others=False).count for y in range(2015, 2020)]
    assert counts == [120, 117, 141, 138, 153]  # SOURCE.md


def _wide_total(path, code_column: str, code: str, major: str, months: list[str]) -> int:
    frame = pd.read_csv(path, dtype=str)
    rows = frame[(frame[code_column] == code) & (frame[frame.columns[[c.startswith("major") for c in frame.columns].index(True)]] == major)]
    return int(rows[months].astype(int).to_numpy().sum())


def test_a_ward_figure_matches_the_ward_rows(fb_london):
    fig = fb_london.figure("Burnt Oak", "burglary", "2025")
    assert fig.area.kind == "ward" and fig.area.parent == "E09000003" and fig.scheme == "home_office_ward"
    assert fig.count == _wide_total(WARD, "wardcode", fig.area.code, "BURGLARY", [f"2025{m:02d}" for m in range(1, 13)])
    assert fig.rate is None  # no ward populations are stored: no rate rather than a borough's


def test_an_lsoa_figure_matches_the_lsoa_rows(fb_london):
    fig = fb_london.figure("E01000006", "criminal damage", "2024/25")
    assert fig.area.kind == "lsoa" and fig.scheme == "home_office_lsoa"
    months = [f"2024{m:02d}" for m in range(4, 13)] + [f"2025{m:02d}" for m in range(1, 4)]
    assert fig.count == _wide_total(LSOA, "lsoa_code", "E01000006", "ARSON AND CRIMINAL DAMAGE", months)


def test_the_capped_file_gives_a_lower_bound_with_its_missing_borough_months(fb_london):
    """London 2016 gun crime: borough rows present plus, for each missing borough-month, the SNT
    rows listed under that borough in that month (computed here from the raw rows)."""
    raw = _dashboard(CAPPED)
    raw = raw[(raw.crime_subtype == "Gun Crime") & (raw.measure == "Offences") & raw.month_year.str.startswith("2016")]
    boroughs = raw[raw.area_type == "Borough"]
    named = boroughs[~boroughs.borough_snt.str.startswith("Aviation")]
    present = set(zip(named.borough_snt, named.month_year, strict=True))
    months = sorted(raw.month_year.unique())
    missing = [(b, m) for b in sorted(named.borough_snt.unique()) for m in months if (b, m) not in present]
    snt = raw[raw.area_type != "Borough"]
    filled = sum(int(snt[(snt.month_year == m) & snt.borough_snt.str.startswith(b + " ")]["count"].sum()) for b, m in missing)
    fig = fb_london.figure("London", "gun crime", "2016")
    assert fig.bound == "lower" and not fig.complete
    assert fig.count == int(boroughs["count"].sum()) + filled == 2303
    assert len(fig.capped["missing_borough_months"]) == len(missing) and fig.capped["borough_months_checked"] == 384
    assert any(n.startswith("at least 2,303") for n in fig.notes)
    assert any(n.startswith("missing borough-months: ") for n in fig.notes)
