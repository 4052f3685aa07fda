"""The chart JavaScript (Vega, Vega-Lite and vega-embed), generated locally and served by the app.

Pages must draw charts with no internet, so nothing is loaded from a CDN.  vl-convert-python
(already a dependency, for PNG/SVG export) carries the three libraries and bundles them into one
self-contained script: :func:`vega_bundle` writes that script once per vl-convert version into
the user's cache folder (or ``$FACTBEAT_ASSETS_DIR``), and the app serves it as
``/assets/vega.js``.  The file is generated, not committed, so the repository holds no
minified third-party code and the bundle always matches the installed vl-convert.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from threading import Lock

_LOCK = Lock()


def assets_dir() -> Path:
    if env := os.environ.get("FACTBEAT_ASSETS_DIR"):
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factbeat", appauthor=False)) / "web"


def bundle_path() -> Path:
    import vl_convert

    return assets_dir() / f"vega-bundle-{vl_convert.__version__}.js"


def vega_bundle() -> Path:
    """The bundle's path, generating it first if needed (about a second, once per version)."""
    path = bundle_path()
    if path.is_file() and path.stat().st_size > 0:
        return path
    with _LOCK:
        if path.is_file() and path.stat().st_size > 0:
            return path
        import vl_convert

        script = vl_convert.javascript_bundle()  # assigns vegaEmbed, vega and vegaLite to window
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(script)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    return path
