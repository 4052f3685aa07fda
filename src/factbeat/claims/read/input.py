"""Read the text to check from a file or stdin, as plain text, Markdown or HTML.

The format is taken from the caller, else from the file extension, else guessed from the content,
so ``factbeat check story.html`` and ``curl … | factbeat check -`` both do the right thing.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from factbeat.claims import patterns
from factbeat.claims.errors import ClaimInputError
from factbeat.claims.read.markup import html_to_text, markdown_to_text

FORMATS = ("auto", "text", "markdown", "html")
_EXTENSIONS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".txt": "text", ".text": "text",
}  # fmt: skip
# Structural tags make a page; a stray "<br />" or "<span>" in pasted text (a PDF or a CMS export)
# does not: that text is read as it is, the checker reading such tags as spaces.
_HTML_HINT = patterns.compile(r"<(?:!doctype|html|body|p|div|article|h[1-6]|a\s|ul|ol|li|table)[\s>/]", re.I)
_MARKDOWN_HINTS = patterns.compile(
    r"^(?:#{1,6}\s|\s*[-*+]\s|>\s)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", re.M
)


def _decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to Windows-1252 for old newsroom exports."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def detect_format(text: str, name: str | None = None) -> str:
    """``html``, ``markdown`` or ``text``: by extension first, then by what the text looks like."""
    if name:
        by_extension = _EXTENSIONS.get(Path(name).suffix.lower())
        if by_extension:
            return by_extension
    head = text[:5000]
    if _HTML_HINT.search(head):
        return "html"
    if len(_MARKDOWN_HINTS.findall(head)) >= 2:
        return "markdown"
    return "text"


def to_plain_text(text: str, fmt: str) -> str:
    """Strip the markup of ``fmt`` (one of ``text``, ``markdown``, ``html``)."""
    if fmt == "html":
        return html_to_text(text)
    if fmt == "markdown":
        return markdown_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_input(source: str | os.PathLike[str], fmt: str = "auto") -> str:
    """Read ``source`` (a path, or ``"-"`` for stdin) and return its plain text.

    Raises :class:`ClaimInputError` for an unknown format or a file that cannot be read.
    """
    if fmt not in FORMATS:
        raise ClaimInputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    name = os.fspath(source)
    if name == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        raw = data if isinstance(data, str) else _decode(data)
        name_for_detection = None
    else:
        try:
            raw = _decode(Path(name).read_bytes())
        except FileNotFoundError:
            raise ClaimInputError("no such file", source=name) from None
        except IsADirectoryError:
            raise ClaimInputError("is a directory, not a text file", source=name) from None
        except OSError as exc:
            raise ClaimInputError(f"cannot read: {exc.strerror}", source=name) from None
        name_for_detection = name
    chosen = detect_format(raw, name_for_detection) if fmt == "auto" else fmt
    return to_plain_text(raw, chosen)
