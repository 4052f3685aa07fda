"""Paths of the London series files the tests read (from ../shared/data, never copied here)."""

from __future__ import annotations

from datafiles import DATA

CAPPED = DATA / "mps-crime-dashboard-other-2015-2023-capped" / "mps_othercrime_fy14-15_to_fy23-24_capped.csv.gz"
DASHBOARD = DATA / "mps-crime-dashboard-other-2021-2025" / "mps_monthly_crime_dashboard_othercrime_2021-08_2025-07.csv.gz"
KNIFE = DATA / "mps-knife-crime-dashboard-2022-2026" / "monthly-crime-dashboard-knife-crime.csv.gz"
HOMICIDE = DATA / "mps-homicide-victims-2003-2024" / "mps_homicide_victims_2003-2024.csv"
WARD = DATA / "mps-ward-crime-2010-2026" / "recorded-crime-ward.csv"
LSOA = DATA / "mps-lsoa-crime-2024-2026" / "recorded-crime-lsoa.csv.gz"
