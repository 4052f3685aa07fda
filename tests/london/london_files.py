"""Paths of the London series files the tests read (from ../shared/data, never copied here), and a
writer of small files in the dashboard's format for the tests' own rows."""

from __future__ import annotations

from datafiles import DATA

CAPPED = DATA / "mps-crime-dashboard-other-2015-2023-capped" / "mps_othercrime_fy14-15_to_fy23-24_capped.csv.gz"
DASHBOARD = DATA / "mps-crime-dashboard-other-2021-2025" / "mps_monthly_crime_dashboard_othercrime_2021-08_2025-07.csv.gz"
KNIFE = DATA / "mps-knife-crime-dashboard-2022-2026" / "monthly-crime-dashboard-knife-crime.csv.gz"
HOMICIDE = DATA / "mps-homicide-victims-2003-2024" / "mps_homicide_victims_2003-2024.csv"
WARD = DATA / "mps-ward-crime-2010-2026" / "recorded-crime-ward.csv"
LSOA = DATA / "mps-lsoa-crime-2024-2026" / "recorded-crime-lsoa.csv.gz"

# The header of the MPS dashboard's "Other Crime Data" files.
DASHBOARD_HEADER = ("month_year,area_type,borough_snt,area_name,area_code,crime_type,crime_subtype,measure,"
                    "financial_year,fy_fyindex,count,refresh_date,sheet\n")


def write_dashboard_file(folder, name: str, rows: list[str]):
    """A small dashboard file ``folder/name`` of these CSV lines, under the files' header."""
    path = folder / name
    path.write_text(DASHBOARD_HEADER + "".join(rows), encoding="utf-8")
    return path
