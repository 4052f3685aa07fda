"""The summary of an output dataset: articles, claims, verdicts, outlets, where the files are.

Read back from the Parquet files (all partitions, including those written by an earlier,
interrupted run), with DuckDB counting; nothing is rounded.
"""

from __future__ import annotations

from pathlib import Path

TOP_OUTLETS = 10


def summarize(out: str | Path) -> dict:
    """Counts over everything in ``out``; outlets ordered by inconsistent claims, most first."""
    import duckdb

    root = Path(out).resolve()
    claims, articles = f"{root}/claims/*.parquet", f"{root}/articles/*.parquet"
    if not any((root / "articles").glob("*.parquet")):
        return _empty(root)
    con = duckdb.connect()
    try:
        n_articles, n_errors = con.execute(
            "SELECT count(*), count(error) FROM read_parquet(?)", [articles]).fetchone()
        verdicts = dict(con.execute(
            "SELECT verdict, count(*) FROM read_parquet(?) GROUP BY 1 ORDER BY 1", [claims]).fetchall())
        data = dict(con.execute(
            "SELECT data_verdict, count(*) FROM read_parquet(?) WHERE data_verdict IS NOT NULL "
            "GROUP BY 1 ORDER BY 1", [claims]).fetchall())
        outlets = con.execute(
            "SELECT outlet, count(*) FILTER (verdict = 'inconsistent') AS bad, count(*) AS n "
            "FROM read_parquet(?) WHERE outlet IS NOT NULL GROUP BY 1 HAVING bad > 0 "
            "ORDER BY bad DESC, outlet LIMIT ?", [claims, TOP_OUTLETS]).fetchall()
        errors = con.execute(
            "SELECT source, error FROM read_parquet(?) WHERE error IS NOT NULL ORDER BY source LIMIT 5",
            [articles]).fetchall()
    finally:
        con.close()
    return {
        "output": str(root),
        "articles": n_articles,
        "articles_with_errors": n_errors,
        "claims": sum(verdicts.values()),
        "verdicts": {v: verdicts.get(v, 0) for v in ("consistent", "inconsistent", "unverifiable")},
        "data_verdicts": data,
        "outlets_most_inconsistent": [{"outlet": o, "inconsistent": bad, "claims": n} for o, bad, n in outlets],
        "first_errors": [{"source": s, "error": e} for s, e in errors],
    }


def _empty(root: Path) -> dict:
    return {"output": str(root), "articles": 0, "articles_with_errors": 0, "claims": 0,
            "verdicts": {"consistent": 0, "inconsistent": 0, "unverifiable": 0}, "data_verdicts": {},
            "outlets_most_inconsistent": [], "first_errors": []}
