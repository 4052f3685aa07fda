"""A small generated corpus of crime stories for the batch tests (sentences written for the tests)."""

from __future__ import annotations

import json
import random
from pathlib import Path

AREAS = ["Barnet", "Camden", "Hackney", "Croydon", "Ealing"]
CRIMES = ["burglaries", "robberies", "car thefts", "assaults"]
OUTLETS = ["North Post", "South Herald", "City Bugle"]


def story(rng: random.Random) -> str:
    """A few paragraphs with a change, a share and a count; some percentages are wrong on purpose."""
    area, crime = rng.choice(AREAS), rng.choice(CRIMES)
    before = rng.randint(50, 900)
    after = before + rng.randint(-before // 2, before)
    stated = round(abs(after - before) * 100 / before) + rng.choice([0, 0, 0, 7])
    word = "rise" if after >= before else "fall"
    part = rng.randint(5, 40)
    return (
        f"Police in {area} recorded {after} {crime} last year, up from {before} the year before, "
        f"a {word} of {stated} per cent.\n\n"
        f"Of those, {part} happened within a mile of the station, the borough commander told the paper.\n\n"
        f"A councillor said {rng.randint(3, 12)} new cameras would be fitted by the spring."
    )


def corpus(n: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    return [
        {"id": f"a{i:04d}", "date": f"2019-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "text": story(rng),
         "url": f"https://news.example/{i}", "outlet": rng.choice(OUTLETS)}
        for i in range(n)
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=7)
    return path


def claim_table(out: Path) -> list[tuple]:
    """Every claim row of an output folder, sorted, as plain tuples (for comparing runs)."""
    import pyarrow.dataset as ds

    table = ds.dataset(out / "claims", format="parquet").to_table()
    return sorted(tuple(row.values()) for row in table.to_pylist())


def article_table(out: Path) -> list[tuple]:
    import pyarrow.dataset as ds

    rows = ds.dataset(out / "articles", format="parquet").to_table().to_pylist()
    return sorted(tuple(v for k, v in row.items() if k not in ("source", "partition")) for row in rows)
