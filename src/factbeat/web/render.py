"""Turning results into response bytes: JSON, CSV and HTML templates.

JSON is encoded here (not by FastAPI's encoder) so that dates and result objects come out the
same way as ``factbeat ... --json`` prints them, and so the bytes can be cached as they are.
CSV cells that a spreadsheet would read as a formula are prefixed with an apostrophe, because
file names and category names come from the data, not from factbeat.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from factbeat.jsontext import dumps

TEMPLATES = Path(__file__).parent / "templates"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def json_bytes(data: Any) -> bytes:
    """The response body (never NaN or Infinity: see factbeat.jsontext)."""
    return dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        json_bytes(data), status_code=status, media_type="application/json", headers=headers
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str
) -> Response:
    """A CSV download with a header row; ``columns`` fixes the order (and the keys taken)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return Response(
        out.getvalue().encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _month(value: Any) -> str:
    """'2016-12-01' (or a date) as 'December 2016'."""
    import datetime as dt

    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day:%B %Y}"


def templates() -> Jinja2Templates:
    """The page templates, autoescaped, with the number formatting reporters expect."""
    from urllib.parse import urlencode

    from factbeat.report.wording import compress_lines, number, ordinal, p_value, signed_percent
    from factbeat.taxonomy.schemes import SCHEMES

    env = Jinja2Templates(directory=str(TEMPLATES))
    env.env.filters.update(
        number=number,
        ordinal=ordinal,
        signed_percent=signed_percent,
        p_value=p_value,
        scheme_label=lambda key: SCHEMES[key].label if key in SCHEMES else (key or ""),
        month=lambda iso: _month(iso),
        short_lines=compress_lines,
        embed_query=lambda params, name: urlencode(
            [(k, v) for k, v in params.multi_items() if k != "embed"] + [("embed", name)]
        ),
        tojson_safe=lambda v: (
            dumps(v)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        ),
    )
    return env
