"""``factbeat serve``: run the app with uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

import sys


def run(db: str | None, host: str = "127.0.0.1", port: int = 8000, cors: bool = False,
        threads: int | None = None) -> None:
    """Serve the API and pages from the store at ``db`` until interrupted.

    The store is opened before uvicorn starts, so a missing store fails at once with factbeat's
    own message instead of on the first request.
    """
    import uvicorn

    from factbeat.web.app import HANDLER_THREADS, create_app

    app = create_app(db, cors=cors, handler_threads=threads or HANDLER_THREADS)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"factbeat: serving {app.state.fb.store.path} read-only at http://{shown}:{port}/ "
        f"(CORS {'on' if cors else 'off'}); Ctrl+C to stop",
        file=sys.stderr,
        flush=True,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"factbeat: warning: listening on {host}, reachable from other machines",
            file=sys.stderr,
        )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_keep_alive=30,
    )
