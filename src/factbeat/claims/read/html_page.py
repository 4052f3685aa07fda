"""The visible text of an HTML page, with a paragraph break at every block element.

Kept apart from :mod:`factbeat.claims.read.markup` so that ``html.parser`` (and the patterns it
compiles on import) is loaded only when a page is read, not by every ``factbeat check``.
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIPPED_TAGS = {"script", "style", "noscript", "head", "template", "svg", "iframe", "nav", "form"}
_BLOCK_TAGS = {
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "article", "section", "header", "footer", "aside", "blockquote", "figure",
    "figcaption", "pre", "dd", "dt", "main", "title",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    """Collects text, skipping scripts and styles, and breaks lines at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text without scripts and styles, a blank line at each block element (not yet tidied)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
