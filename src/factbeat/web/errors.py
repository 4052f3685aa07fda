"""One error shape for every error the web app returns, and the handlers that produce it.

Like Datasette, every JSON error is ``{"ok": false, "error": "...", "status": N, "type": "..."}``,
plus ``parameter`` when one request parameter is at fault and ``suggestions`` when a name was
not recognised.  Clients (and the test that pins the shape) can rely on those keys whatever
went wrong: a bad parameter (422), an unknown name (404), a body too large (413), a missing
route (404/405) or a bug (500, with no internals in the message).  Requests for HTML pages get
the same message and suggestions as an HTML page with the same status.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from factbeat.errors import FactbeatError

log = logging.getLogger("factbeat.web")

_PHRASES = {
    400: "bad request",
    404: "not found",
    405: "method not allowed",
    413: "request body too large",
    422: "invalid parameter",
    500: "internal error",
    503: "unavailable",
}


class ParamError(FactbeatError):
    """A request parameter that cannot be used as given; the message names the parameter."""

    status = 422

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(f"invalid parameter {parameter!r}: {message}")

    def to_dict(self) -> dict:
        return {"error": str(self), "type": "InvalidParameter", "parameter": self.parameter}


def error_body(status: int, message: str, type_: str, /, **extra: Any) -> dict:
    """The JSON error body; ``extra`` keys never override the four fixed ones."""
    body = {"ok": False, "error": message, "status": status, "type": type_}
    body.update((k, v) for k, v in extra.items() if v is not None and k not in body)
    return body


def from_factbeat_error(exc: FactbeatError) -> dict:
    """Body for one of the library's errors, keeping its extra fields (suggestions, kind...)."""
    details = exc.to_dict()
    message = details.pop("error", str(exc))
    type_ = details.pop("type", type(exc).__name__)
    parameter = details.pop("parameter", None) or getattr(exc, "parameter", None)
    return error_body(exc.status, message, type_, parameter=parameter, **details)


def from_validation_error(exc: RequestValidationError) -> dict:
    """422 body naming the first bad parameter, with every problem listed under ``errors``."""
    problems = []
    for err in exc.errors():
        loc = [
            str(p)
            for p in err.get("loc", ())
            if p not in ("query", "path", "body", "header", "form")
        ]
        name = loc[0] if loc else "body"  # the parameter itself, not pydantic's path inside it
        missing = err.get("type") == "missing"
        problems.append(
            {"parameter": name, "message": "required" if missing else err.get("msg", "invalid")}
        )
    first = problems[0] if problems else {"parameter": "body", "message": "invalid"}
    message = f"invalid parameter {first['parameter']!r}: {first['message']}"
    return error_body(
        422, message, "InvalidParameter", parameter=first["parameter"], errors=problems
    )


def for_web_readers(message: str) -> str:
    """The library's message without the parts addressed to command-line users.

    Messages are shared with the CLI, where "register a figure (factbeat register)" or
    "use --by count" are useful; a web reader cannot run commands, so those clauses are dropped.
    """
    parts = [p for p in message.split("; ") if "factbeat " not in p and " --" not in p and not p.startswith("--")]
    return "; ".join(parts) or message


def wants_html(path: str) -> bool:
    """Pages answer errors in HTML; the API, ``.json``/``.csv`` twins and assets in JSON."""
    return not (
        path.startswith(("/api/", "/assets/", "/static/")) or path.endswith((".json", ".csv"))
    )


def respond(request: Request, body: dict) -> Response:
    """Render an error body as JSON, or as the HTML error page for page requests."""
    from factbeat.web.render import json_response

    headers = {"Allow": body.pop("allow")} if "allow" in body else None
    if wants_html(request.url.path) and request.app.state.templates is not None:
        shown = {**body, "error": for_web_readers(body["error"])}
        if shown.get("hint"):
            shown["hint"] = for_web_readers(shown["hint"])
        return request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"err": shown, "title": _PHRASES.get(body["status"], "error"), "json_url": ""},
            status_code=body["status"],
            headers=headers,
        )
    return json_response(body, status=body["status"], headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    @app.exception_handler(FactbeatError)
    async def _factbeat(request: Request, exc: FactbeatError) -> Response:
        return respond(request, from_factbeat_error(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, from_validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = (
            exc.detail if isinstance(exc.detail, str) else _PHRASES.get(exc.status_code, "error")
        )
        allow = (exc.headers or {}).get("Allow")
        return respond(request, error_body(exc.status_code, message, "HTTPError", allow=allow))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return respond(
            request, error_body(500, "internal error; see the server log", "InternalError")
        )
