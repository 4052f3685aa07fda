"""Paths of the real public files the tests read (from ../shared/data, never copied here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
DATA = SHARED / "data"

LEGACY = DATA / "mps-borough-crime-historic" / "MPS_Borough_Level_Crime_Historic.csv"
LEGACY_2017 = DATA / "mps-borough-crime-historic" / "MPS Borough Level Crime (most recent 24 months).csv"
HO_HIST = DATA / "mps-borough-crime-2010-2026" / "recorded-crime-borough-historical.csv"
HO_RECENT = DATA / "mps-borough-crime-2010-2026" / "recorded-crime-borough.csv"
HO_2025_HIST = DATA / "mps-borough-crime-2010-2025" / "MPS Borough Level Crime (Historical).csv"
DETAILED = DATA / "mps-borough-crime-detailed-2010-2024" / "APR2010-FEB2022.csv"
POPULATION = DATA / "london-borough-population" / "london_borough_population_2008_2024.csv"
ONS_POPULATION = DATA / "london-borough-population" / "ons_mye_borough_totals_2019_2020_from_lsoa.csv"

# The files a "real" store holds in tests, in publication order (later issues revise earlier).
REAL_FILES = [LEGACY, LEGACY_2017, HO_HIST, HO_RECENT, DETAILED, POPULATION, ONS_POPULATION]


def need_data() -> None:
    """Skip (or, in CI, fail) when the shared data folder is absent."""
    if not DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the shared data folder at {DATA}")
        pytest.skip(f"real data folder {DATA} is not present")


def real_store(path: Path, register: Path | None = None) -> Path:
    """A store at ``path`` holding :data:`REAL_FILES` (and a figures ``register``); skips without the data."""
    need_data()
    import factbeat

    with factbeat.open(path) as fb:
        fb.ingest(REAL_FILES)
        if register is not None:
            fb.register(register)
    return path
