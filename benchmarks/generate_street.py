"""Generate SYNTHETIC data.police.uk street-level files for benchmarks and tests.

THE FILES THIS WRITES ARE NOT REAL CRIME DATA.  Every file name starts with ``SYNTHETIC-`` and
every Crime ID is random.  They exist because the real archives are too big to keep here (the
shared data folder has three West Yorkshire months and a 4,000-row Met sample).

What is real about them is the layout (the 12 official columns, CRLF lines, quoting only when
needed, one file per force per month, ``YYYY-MM/YYYY-MM-<force>-street.csv``) and the
distributions, learned from the real files in ``../shared/data``:

* West Yorkshire rows are drawn (with replacement) from the three real months, so crime types,
  LSOAs, locations, coordinates, outcomes and the ~4% of rows without a location are as real.
* Met rows take crime type, outcome, location text and coordinates from the real 2023-01 sample,
  and an LSOA from the ONS London lookup (2011 LSOAs, City of London excluded), weighted by each
  borough's share of recorded crime in the MPS borough file and, within a borough, by a
  log-normal weight per LSOA (crime concentrates in a few places); 1.2% have no location.

Each month has the real ratio of Met to West Yorkshire rows (about 90,000 to 29,000).

    python benchmarks/generate_street.py --rows 1000000 --months 12 --out benchmarks/out/street-1m
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
COLUMNS = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
           "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
MET, WY = "Metropolitan Police Service", "West Yorkshire Police"
FORCES = {MET: ("metropolitan", 90_000), WY: ("west-yorkshire", 29_000)}
MET_NO_LOCATION = 0.012
WRITE = pacsv.WriteOptions(quoting_style="none", quoting_header="none", eol="\r\n")


@dataclass
class Model:
    """What was learned from the real files."""

    wy: pa.Table  # real West Yorkshire rows
    met: pa.Table  # real Met rows (templates for everything but the LSOA)
    lsoa_code: np.ndarray
    lsoa_name: np.ndarray
    lsoa_p: np.ndarray  # probability of each London LSOA


def learn(data: Path = DATA, seed: int = 1) -> Model:
    """Read the real files once and derive the distributions above."""
    options = pacsv.ConvertOptions(column_types={c: pa.string() for c in COLUMNS})
    wy_files = sorted((data / "data-police-uk-street-west-yorkshire").glob("*-street.csv.gz"))
    wy = pa.concat_tables([pacsv.read_csv(f, convert_options=options) for f in wy_files])
    met = pacsv.read_csv(data / "data-police-uk-metropolitan-street-sample" / "2023-01-metropolitan-street-sample.csv",
                         convert_options=options)
    codes, names, boroughs = _london_lsoas(data / "london-lsoa-lookup" / "lsoa2011_to_borough_london.csv")
    share = _borough_shares(data / "mps-borough-crime-2010-2026" / "recorded-crime-borough.csv")
    rng = np.random.default_rng(seed)
    weight = rng.lognormal(0.0, 0.8, len(codes))
    for borough in set(boroughs):
        inside = boroughs == borough
        weight[inside] *= share.get(borough, 0.0) / weight[inside].sum()
    return Model(wy, met, codes, names, weight / weight.sum())


def _london_lsoas(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["LAD11NM"] != "City of London"]
    return (np.array([r["LSOA11CD"] for r in rows]), np.array([r["LSOA11NM"] for r in rows]),
            np.array([r["LAD11NM"] for r in rows]))


def _borough_shares(path: Path) -> dict[str, float]:
    """Each borough's share of all crime recorded in the MPS borough file."""
    totals: dict[str, float] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for row in reader:
            totals[row[2]] = totals.get(row[2], 0.0) + sum(float(x) for x in row[3:] if x)
    whole = sum(totals.values())
    return {name: value / whole for name, value in totals.items()}


def crime_ids(rng: np.random.Generator, n: int, blank: np.ndarray) -> pa.Array:
    """Random 64-hex Crime IDs (real ones are SHA-256 hashes), empty where ``blank`` (ASB rows)."""
    hexed = np.frombuffer(rng.bytes(32 * n).hex().encode("ascii"), dtype="S64").astype(str)
    return pa.array(hexed, pa.string(), mask=blank)


def met_rows(model: Model, rng: np.random.Generator, n: int, month: str) -> pa.Table:
    template = model.met.take(pa.array(rng.integers(0, model.met.num_rows, n)))
    pick = rng.choice(len(model.lsoa_code), size=n, p=model.lsoa_p)
    nowhere = pa.array(rng.random(n) < MET_NO_LOCATION)
    none = pa.scalar(None, pa.string())
    asb = np.asarray(pc.equal(template["Crime type"], "Anti-social behaviour").to_numpy(zero_copy_only=False))
    columns = {
        "Crime ID": crime_ids(rng, n, asb), "Month": pa.array([month] * n), "Reported by": pa.array([MET] * n),
        "Falls within": pa.array([MET] * n),
        "Longitude": pc.if_else(nowhere, none, template["Longitude"]),
        "Latitude": pc.if_else(nowhere, none, template["Latitude"]),
        "Location": pc.if_else(nowhere, "No Location", template["Location"]),
        "LSOA code": pc.if_else(nowhere, none, pa.array(model.lsoa_code[pick])),
        "LSOA name": pc.if_else(nowhere, none, pa.array(model.lsoa_name[pick])),
    }
    columns.update({c: template[c] for c in COLUMNS[9:]})
    return pa.table([columns[c] for c in COLUMNS], names=COLUMNS)


def wy_rows(model: Model, rng: np.random.Generator, n: int, month: str) -> pa.Table:
    rows = model.wy.take(pa.array(rng.integers(0, model.wy.num_rows, n)))
    blank = rows["Crime ID"].is_null().to_numpy(zero_copy_only=False)
    rows = rows.set_column(0, "Crime ID", crime_ids(rng, n, blank))
    return rows.set_column(1, "Month", pa.array([month] * n))


def generate(out: Path, rows: int, months: int, start: str = "2020-01", seed: int = 7,
             model: Model | None = None, zip_months: bool = False) -> list[Path]:
    """Write ``rows`` rows over ``months`` months; returns the files (or monthly zips) written."""
    model = model or learn()
    rng = np.random.default_rng(seed)
    per_month = rows / months
    weight = {force: size / sum(s for _slug, s in FORCES.values()) for force, (_slug, size) in FORCES.items()}
    written, left = [], rows
    for index in range(months):
        month = _month(start, index)
        files = []
        for number, (force, (slug, _size)) in enumerate(FORCES.items()):
            last = index == months - 1 and number == len(FORCES) - 1
            n = left if last else round(per_month * weight[force])
            left -= n
            table = (met_rows if force == MET else wy_rows)(model, rng, n, month)
            path = out / month / f"SYNTHETIC-{month}-{slug}-street.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            pacsv.write_csv(table, path, WRITE)
            files.append(path)
        written += [_zip(out, month, files)] if zip_months else files
    return written


def _zip(out: Path, month: str, files: list[Path]) -> Path:
    """A monthly archive in the official layout; the loose files are removed."""
    archive = out / f"SYNTHETIC-{month}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in files:
            handle.write(path, f"{month}/{path.name}")
            path.unlink()
    os.rmdir(out / month)
    return archive


def _month(start: str, offset: int) -> str:
    index = int(start[:4]) * 12 + int(start[5:7]) - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def gzip_file(path: Path) -> Path:
    """A gzip copy (what the shared folder does with big files)."""
    target = path.with_name(path.name + ".gz")
    with open(path, "rb") as source, gzip.open(target, "wb") as sink:
        sink.write(source.read())
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--start", default="2020-01")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--zip", action="store_true", help="write monthly zip archives in the official layout")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "street")
    args = parser.parse_args()
    files = generate(args.out, args.rows, args.months, args.start, args.seed, zip_months=args.zip)
    print(f"wrote {len(files)} SYNTHETIC files ({args.rows:,} rows) under {args.out}")


if __name__ == "__main__":
    main()
