"""Reader for borough boundary files (GeoJSON, WGS84): the shapes a choropleth map is drawn from.

Two files in the mirror hold London's 33 local authorities: the GLA's full-resolution
``London_Borough_Excluding_MHW.geojson`` (``GSS_CODE``, ``NAME``) and the ONS's generalised
``london-2021-lad22-gen20.geojson`` (``LAD22CD``, ``LAD22NM``), the default because it is small.
Each feature becomes ``{"type": "Feature", "properties": {"code", "name"}, "geometry"}`` with its
rings wound the way d3-geo (and so Vega-Lite) expects, exterior rings clockwise: RFC 7946 files
wind them the other way, which d3 reads as "everything but this borough".
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from factbeat.errors import InputFileError

DATASET = "london-borough-boundaries"
DEFAULT_FILE = "london-2021-lad22-gen20.geojson"
CODE_KEYS = ("LAD22CD", "GSS_CODE", "LAD21CD", "LAD19CD", "code")
NAME_KEYS = ("LAD22NM", "NAME", "LAD21NM", "LAD19NM", "name")


def boundaries_path(mirror: str | os.PathLike | None) -> Path:
    """The default boundary file in a mirror folder (``<mirror>/london-borough-boundaries/...``)."""
    mirror = mirror or os.environ.get("FACTBEAT_MIRROR")
    if not mirror:
        raise InputFileError("boundaries", "no boundary file: give --boundaries FILE or --mirror DIR (or set FACTBEAT_MIRROR)")
    return Path(mirror) / DATASET / DEFAULT_FILE


def read_boundaries(path: str | os.PathLike) -> list[dict]:
    """The features of a borough boundary file, with ``code`` and ``name`` properties."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(str(path), f"cannot read the boundary file ({exc})") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not features:
        raise InputFileError(str(path), "not a GeoJSON FeatureCollection with features")
    out = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = next((props[k] for k in CODE_KEYS if props.get(k)), None)
        name = next((props[k] for k in NAME_KEYS if props.get(k)), None)
        geometry = feature.get("geometry") or {}
        if not code or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputFileError(str(path), f"feature {number} has no area code ({', '.join(CODE_KEYS)}) or no polygon",
                                 field="features")
        out.append({"type": "Feature", "properties": {"code": code, "name": name or code}, "geometry": _rewound(geometry)})
    return out


def _rewound(geometry: dict) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    wound = [[_wind(ring, clockwise=(i == 0)) for i, ring in enumerate(polygon)] for polygon in polygons]
    return {"type": "MultiPolygon", "coordinates": wound}


def _wind(ring: list, *, clockwise: bool) -> list:
    area = sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False))
    return ring if (area < 0) == clockwise else ring[::-1]
