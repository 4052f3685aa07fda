"""Turn HTML or Markdown into the plain text the checker reads.

Stories arrive as pasted text, Markdown drafts or saved web pages.  The checker only needs the
words, with paragraph breaks kept (they end sentences that have no full stop, like headlines).
HTML goes through the standard library's ``html.parser`` (which also decodes entities); Markdown
only needs its markers removed, so a few regular expressions do, without a Markdown renderer.
"""

from __future__ import annotations

import re

from factbeat.claims import patterns


def tidy_paragraphs(text: str) -> str:
    """Collapse runs of spaces inside lines and keep one blank line between paragraphs."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n" if any(lines) else ""


def html_to_text(html: str) -> str:
    """Visible text of an HTML page or fragment, one paragraph per block element."""
    # imported here: html.parser compiles a dozen patterns on import, which only pages need
    from factbeat.claims.read.html_page import visible_text

    return tidy_paragraphs(visible_text(html))


_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (patterns.compile(r"^```.*?^```[ \t]*$", re.M | re.S), ""),  # fenced code
    (patterns.compile(r"<!--.*?-->", re.S), ""),  # comments
    (patterns.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (patterns.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> link text
    (patterns.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (patterns.compile(r"^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$", re.M), ""),  # link definitions
    (patterns.compile(r"^[ \t]{0,3}#{1,6}[ \t]*(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # ATX headings
    (patterns.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # horizontal rules
    (patterns.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines
    (patterns.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # blockquote markers
    (patterns.compile(r"^[ \t]*[-*+][ \t]+", re.M), ""),  # bullet markers
    (patterns.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (patterns.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (patterns.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (patterns.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
]


def markdown_to_text(markdown: str) -> str:
    """Markdown with its markers removed: headings, emphasis, links, lists and quotes."""
    text = markdown
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return tidy_paragraphs(text)


_INLINE_TAG = patterns.compile(r"<(?:br|/?(?:b|i|em|strong|span|a|u|sup|sub|small|font))(?:\s[^<>]{0,200})?\s*/?>",
                         re.I)  # fmt: skip


def blank_inline_tags(text: str) -> str:
    """``text`` with stray inline tags ("1,433 <br /> incidents", "<b>12%</b>") turned into
    spaces of the same length, so a figure and its words read as one phrase while every offset
    still points into the text as given."""
    if "<" not in text:
        return text
    return _INLINE_TAG.sub(lambda m: " " * len(m.group()), text)
