"""The two output tables: one row per claim, one row per article.

Both are flat Arrow tables so that any Parquet reader (DuckDB, pandas, Spark) can query them.
Nested values (the numbers a claim uses, the data block) are JSON text, so the schema stays the
same whatever the claim kind.  Every value comes from the checker's own ``to_dict``, already
rounded in Python, so the engines never round anything.
"""

from __future__ import annotations

import json
from typing import Any

CLAIM_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "string"), ("outlet", "string"), ("date", "string"), ("claim_index", "int32"),
    ("span_start", "int32"), ("span_end", "int32"), ("sentence_index", "int32"), ("kind", "string"),
    ("text", "string"), ("stated", "string"), ("stated_value", "float64"), ("unit", "string"),
    ("numbers", "string"), ("computed_value", "float64"), ("verdict", "string"),
    ("explanation", "string"), ("data_verdict", "string"), ("data_value", "float64"),
    ("area", "string"), ("measure", "string"), ("period", "string"), ("data", "string"),
]  # fmt: skip

ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "string"), ("outlet", "string"), ("url", "string"), ("date", "string"),
    ("source", "string"), ("partition", "string"), ("claims", "int32"), ("consistent", "int32"),
    ("inconsistent", "int32"), ("unverifiable", "int32"), ("data_verdicts", "string"),
    ("error", "string"), ("notes", "string"),
]  # fmt: skip


def arrow_schema(columns: list[tuple[str, str]]):
    """The Arrow schema of ``CLAIM_COLUMNS`` or ``ARTICLE_COLUMNS``."""
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in columns])


def claim_row(article, index: int, claim: dict[str, Any]) -> dict[str, Any]:
    """One claim of ``article`` (``claim`` is ``Claim.to_dict()``) as a flat row."""
    data = claim.get("data") or {}
    return {
        "article_id": article.id, "outlet": article.outlet, "date": article.date,
        "claim_index": index, "span_start": claim["span"][0], "span_end": claim["span"][1],
        "sentence_index": claim.get("sentence_index"), "kind": claim["kind"], "text": claim["text"],
        "stated": claim.get("stated"), "stated_value": claim.get("stated_value"), "unit": claim.get("unit"),
        "numbers": json.dumps(claim.get("numbers") or {}, sort_keys=True),
        "computed_value": claim.get("computed_value"), "verdict": claim["verdict"],
        "explanation": claim.get("explanation"), "data_verdict": data.get("verdict"),
        "data_value": _number(data.get("value")), "area": _label(data.get("area")),
        "measure": _label(data.get("measure")), "period": _label(data.get("period")),
        "data": json.dumps(data, sort_keys=True, default=str) if data else None,
    }  # fmt: skip


def article_row(article, partition: str, claims: list[dict], error: str | None,
                notes: list[str] | None = None) -> dict[str, Any]:
    """The article's counts (per arithmetic verdict and per data verdict), its error, if any, and
    its notices (JSON list: what a size cap or the time budget left unchecked), if any."""
    verdicts = [c["verdict"] for c in claims]
    data_verdicts: dict[str, int] = {}
    for claim in claims:
        if claim.get("data"):
            key = claim["data"].get("verdict")
            data_verdicts[key] = data_verdicts.get(key, 0) + 1
    return {
        "article_id": article.id, "outlet": article.outlet, "url": article.url, "date": article.date,
        "source": article.where, "partition": partition, "claims": len(claims),
        "consistent": verdicts.count("consistent"), "inconsistent": verdicts.count("inconsistent"),
        "unverifiable": verdicts.count("unverifiable"),
        "data_verdicts": json.dumps(data_verdicts, sort_keys=True) if data_verdicts else None,
        "error": error, "notes": json.dumps(notes) if notes else None,
    }  # fmt: skip


def _label(value: Any) -> str | None:
    """The readable name of an area, measure or period block (a dict, a string or nothing)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "from" in value and "to" in value:  # a change's two periods
            return f"{_label(value['from'])} to {_label(value['to'])}"
        for key in ("label", "name", "key"):
            if value.get(key):
                return str(value[key])
    return json.dumps(value, sort_keys=True, default=str)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
