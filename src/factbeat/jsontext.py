"""JSON as every interface emits it: dates as ISO text, results as their dicts, and never NaN.

``json.dumps`` writes ``NaN`` and ``Infinity`` by default, which no JSON parser accepts; a rate
over a population of 0 once reached users that way.  Such inputs are refused at ingest, and here
every dump runs with ``allow_nan=False``; should a non-finite number still arrive, it is written
as ``null`` (no number is known) rather than as invalid JSON or a crash.
"""

from __future__ import annotations

import json
import math
from typing import Any


def default(value: Any) -> Any:
    """How values JSON does not know are written: dates as ISO text, results via ``to_dict``."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return str(value)


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps(data, allow_nan=False, default=default, **options)``, non-finite floats as null."""
    try:
        return json.dumps(data, allow_nan=False, default=default, **options)
    except ValueError as exc:
        if "out of range float" not in str(exc).lower():
            raise
        return json.dumps(finite(data), allow_nan=False, default=default, **options)


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinity (at any depth, results included) replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    converted = default(value)
    return converted if isinstance(converted, str) else finite(converted)
