"""Pure ASGI middleware: a request-body limit, a response cache and security headers.

They are plain ASGI (not Starlette's ``BaseHTTPMiddleware``) because they sit in front of every
request: a cache hit is answered here without routing, validation or a thread hop, which is
what lets one process serve thousands of cached JSON answers a second.

* :class:`BodyLimit` reads the whole body first and answers 413 (in the shared error shape)
  past ``limit`` bytes, so no handler ever sees an oversized body.
* :class:`ResponseCache` keeps successful answers keyed by the store generation, method, path,
  query string and a digest of the body; the server is read-only, so an answer only goes stale
  when the store changes, and then the generation in the key changes too.
* :class:`SecurityHeaders` adds the headers that keep pages from being framed or sniffed, and
  makes every redirect relative: Starlette builds ``/static`` -> ``/static/`` from the request's
  Host header, so an absolute Location would send a browser wherever that header pointed.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from urllib.parse import urlsplit, urlunsplit

from factbeat.web.errors import error_body
from factbeat.web.render import json_bytes

MAX_BODY = 256 * 1024
# The check page's form: a paste over the text limit must reach the page, which keeps the text
# and says how much to cut (URL-encoding can triple the bytes of a text).
CHECK_FORM_BODY = 4 * 1024 * 1024


async def _send_json(send, status: int, body: dict) -> None:
    data = json_bytes(body)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


class BodyLimit:
    """Buffer request bodies up to ``limit`` bytes; larger ones get 413 without reaching the app."""

    def __init__(self, app, limit: int = MAX_BODY, paths: dict[str, int] | None = None) -> None:
        self.app, self.default = app, limit
        self.paths = {"/check": max(limit, CHECK_FORM_BODY)} if paths is None else paths

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        limit = self.paths.get(scope.get("path", ""), self.default)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return await self._too_large(send, limit)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                return await self._too_large(send, limit)
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        scope["factbeat.body"] = body
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, send, limit: int) -> None:
        message = f"request body larger than {limit // 1024} KB; send less text"
        await _send_json(
            send, 413, error_body(413, message, "PayloadTooLarge", limit_bytes=limit)
        )


class LRU:
    """A thread-safe LRU of response tuples bounded by entries and total bytes."""

    def __init__(self, max_entries: int = 4096, max_bytes: int = 128 * 1024 * 1024) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.items: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.lock = Lock()

    def get(self, key: tuple) -> tuple[int, list, bytes] | None:
        with self.lock:
            item = self.items.get(key)
            if item is not None:
                self.items.move_to_end(key)
            return item

    def put(self, key: tuple, value: tuple[int, list, bytes]) -> None:
        if len(value[2]) > self.max_bytes // 16:
            return
        with self.lock:
            if key in self.items:
                self.size -= len(self.items.pop(key)[2])
            self.items[key] = value
            self.size += len(value[2])
            while len(self.items) > self.max_entries or self.size > self.max_bytes:
                _key, old = self.items.popitem(last=False)
                self.size -= len(old[2])


_SKIP_HEADERS = {b"date", b"server", b"content-length"}


class ResponseCache:
    """Answer repeated requests from memory (see the module docstring for the key)."""

    def __init__(
        self,
        app,
        generation: Callable[[], int],
        *,
        cached_posts: tuple[str, ...] = (),
        cache: LRU | None = None,
    ) -> None:
        self.app, self.generation, self.cached_posts = app, generation, cached_posts
        self.cache = cache or LRU()

    def _key(self, scope) -> tuple | None:
        method, path = scope["method"], scope["path"]
        if path.startswith("/static/") or path.startswith("/assets/"):
            return None
        if method == "GET":
            return (self.generation(), path, scope["query_string"], b"")
        if method == "POST" and path in self.cached_posts and "factbeat.body" in scope:
            digest = hashlib.sha256(scope["factbeat.body"]).digest()
            headers = dict(scope["headers"])
            return (
                self.generation(),
                path,
                scope["query_string"],
                digest,
                headers.get(b"content-type", b""),
            )
        return None

    async def __call__(self, scope, receive, send) -> None:
        key = self._key(scope) if scope["type"] == "http" else None
        if key is None:
            return await self.app(scope, receive, send)
        hit = self.cache.get(key)
        if hit is not None:
            return await self._replay(send, hit)
        captured: dict = {"chunks": []}

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                captured["status"], captured["headers"] = (
                    message["status"],
                    message.get("headers", []),
                )
            elif message["type"] == "http.response.body":
                captured["chunks"].append(message.get("body", b""))
                if not message.get("more_body") and captured.get("status") == 200:
                    headers = [
                        (k, v) for k, v in captured["headers"] if k.lower() not in _SKIP_HEADERS
                    ]
                    self.cache.put(key, (200, headers, b"".join(captured["chunks"])))
            await send(message)

        await self.app(scope, receive, capture)

    @staticmethod
    async def _replay(send, hit: tuple[int, list, bytes]) -> None:
        status, headers, body = hit
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    *headers,
                    (b"content-length", str(len(body)).encode()),
                    (b"x-factbeat-cache", b"hit"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


_SECURITY = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    # vega compiles chart expressions with Function(), hence 'unsafe-eval'; no inline scripts run.
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self' 'unsafe-eval'; "
        b"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
    ),
]


# An embedded chart (``?embed=chart-...``) may be framed by any site; the rest stays the same.
_EMBED_SECURITY = [
    (k, v.replace(b"frame-ancestors 'none'", b"frame-ancestors *"))
    for k, v in _SECURITY
    if k != b"x-frame-options"
]


class SecurityHeaders:
    """Add the security headers to every HTTP response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def add_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, relative_location(v) if k.lower() == b"location" else v)
                           for k, v in message.get("headers", [])]
                embed = any(k == b"x-factbeat-embed" for k, _v in headers)
                message = {**message, "headers": [*headers, *(_EMBED_SECURITY if embed else _SECURITY)]}
            await send(message)

        await self.app(scope, receive, add_headers)


def relative_location(location: bytes) -> bytes:
    """A redirect target as a path on this server: scheme and host (taken from the request's
    Host header, so anyone's to choose) are dropped, and '//' cannot start the path."""
    parts = urlsplit(location.decode("latin-1"))
    if not (parts.scheme or parts.netloc or parts.path.startswith("//")):
        return location
    path = "/" + parts.path.lstrip("/\\")
    return urlunsplit(("", "", path, parts.query, parts.fragment)).encode("latin-1")
