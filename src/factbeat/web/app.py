"""The FastAPI application: one read-only store, the API and pages routers, and the middleware.

:func:`create_app` opens the store read-only (DuckDB allows one writer; a server never writes)
and keeps one :class:`~factbeat.api.Factbeat` for all requests.  Interactive docs pages are off
because they load their scripts from a CDN and the app must work with no internet; the schema
stays at ``/openapi.json``.  CORS is off unless asked for (``--cors``), so other sites' scripts
cannot read the API from a reader's browser.
"""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

import factbeat
from factbeat.web import errors
from factbeat.web.assets import vega_bundle
from factbeat.web.middleware import MAX_BODY, BodyLimit, ResponseCache, SecurityHeaders
from factbeat.web.render import templates

if TYPE_CHECKING:
    from factbeat.api import Factbeat

STATIC = Path(__file__).parent / "static"
CACHED_POSTS = ("/api/check", "/check", "/check.json")
# Requests answered at once (FastAPI runs the plain-function handlers in a thread pool, 40 by
# default).  Handlers are Python holding the GIL, so forty at once do not run faster than two:
# they share the interpreter, and every request takes as long as all those in flight, the
# rare slow one (a ranking by rate of the largest counts, a long story) most of all.  With two,
# requests wait their turn in order, and one can run while the other waits on DuckDB.  Measured
# with wrk at 16 connections on two cores (benchmarks/README.md): uncached check p99 101-148 ms
# with 40, 60-77 ms with 2; rank 78-94 -> 43-69 ms.  A server that answers long checks (up to a
# minute each) to several readers at once may want more: ``factbeat serve --threads``.
HANDLER_THREADS = 2


def _index_boroughs(fb: Factbeat) -> None:
    """Index the borough-level schemes as the server starts (stats/catalog.py: ``index_level``),
    so no request waits for one; a failure here only leaves them to be indexed on demand."""
    import duckdb

    with suppress(duckdb.Error, OSError):
        fb.catalog.index_level("borough")


def create_app(db: str | None = None, *, cors: bool = False, max_body: int = MAX_BODY,
               handler_threads: int = HANDLER_THREADS) -> FastAPI:
    """Build the app over the store at ``db`` (default: ``$FACTBEAT_DB`` or the user data folder);
    ``handler_threads``: requests answered at once (see :data:`HANDLER_THREADS`)."""
    if handler_threads < 1:
        raise ValueError(f"handler_threads must be at least 1, not {handler_threads}")
    fb = factbeat.open(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from anyio import to_thread

        to_thread.current_default_thread_limiter().total_tokens = handler_threads  # this event loop's pool
        vega_bundle()  # generate the chart script before the first page asks for it
        indexing = threading.Thread(target=_index_boroughs, args=(fb,), name="factbeat-index", daemon=True)
        indexing.start()  # requests are answered meanwhile (in SQL until a scheme is indexed)
        yield
        indexing.join()  # never close the store under a query
        fb.close()

    app = FastAPI(
        title="factbeat",
        version=factbeat.__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        summary="Figures from London police-recorded crime data, and checks of printed figures.",
    )
    app.state.fb = fb
    app.state.templates = templates()
    errors.install(app)
    _routes(app)
    app.add_middleware(
        ResponseCache, generation=lambda: fb.store.generation, cached_posts=CACHED_POSTS
    )
    app.add_middleware(BodyLimit, limit=max_body)
    if cors:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    return app


def _routes(app: FastAPI) -> None:
    from factbeat.web import routes_api, routes_check, routes_pages

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_check.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/assets/vega.js", include_in_schema=False)
    def vega_js() -> Response:
        return FileResponse(
            vega_bundle(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )
