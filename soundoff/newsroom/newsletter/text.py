"""Sanitised article-style HTML (from newsroom.markup.render_body) to readable plain text
for emails: paragraphs, headings, lists and quotes kept; links written out in full."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

BLOCKS = {"p", "blockquote", "pre", "ul", "ol", "table", "figure", "figcaption", "tr"}
HEADINGS = {"h1": "=", "h2": "=", "h3": "-", "h4": "-"}


class _TextWriter(HTMLParser):
    def __init__(self, base_url: str):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.parts: list[str] = []
        self.lists: list[list] = []  # stack of [kind, counter]
        self.links: list[tuple[str, int]] = []  # (href, index into parts where text starts)
        self.heading: tuple[str, int] | None = None
        self.quotes: list[int] = []  # indexes into parts where open blockquotes start
        self.in_pre = 0
        self.cells = 0

    # helpers
    def _trailing_newlines(self) -> int:
        count = 0
        for part in reversed(self.parts):
            stripped = part.rstrip(" ")
            if not stripped:
                continue
            count += len(stripped) - len(stripped.rstrip("\n"))
            if stripped.rstrip("\n"):
                break
        return count if self.parts else 2

    def _break(self, blank: bool = True) -> None:
        missing = (2 if blank else 1) - self._trailing_newlines()
        if missing > 0:
            self.parts.append("\n" * missing)

    def _text_since(self, index: int) -> str:
        return "".join(self.parts[index:]).strip()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCKS or tag in HEADINGS:
            nested_list = tag in {"ul", "ol"} and bool(self.lists)
            self._break(blank=tag not in {"tr", "figcaption"} and not nested_list)
        if tag in HEADINGS:
            self.heading = (tag, len(self.parts))
        elif tag == "blockquote":
            self.quotes.append(len(self.parts))
        elif tag == "pre":
            self.in_pre += 1
        elif tag in {"ul", "ol"}:
            self.lists.append([tag, 0])
        elif tag == "li":
            self._break(blank=False)
            indent = "  " * max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                self.parts.append(f"{indent}{self.lists[-1][1]}. ")
            else:
                self.parts.append(f"{indent}- ")
        elif tag == "br":
            self._break(blank=False)
        elif tag == "hr":
            self._break()
            self.parts.append("----")
            self._break()
        elif tag == "tr":
            self.cells = 0
        elif tag in {"td", "th"}:
            if self.cells:
                if self.parts:
                    self.parts[-1] = self.parts[-1].rstrip(" ")
                self.parts.append(" | ")
            self.cells += 1
        elif tag == "a":
            self.links.append((attrs.get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href, start = self.links.pop()
            text = self._text_since(start)
            if href and not href.startswith("#"):
                url = urljoin(self.base_url + "/", href)
                if url != text:
                    self.parts.append(f" ({url})")
        elif tag in HEADINGS and self.heading:
            name, start = self.heading
            self.heading = None
            title = self._text_since(start)
            if title:
                del self.parts[start:]
                self.parts.append(title + "\n" + HEADINGS[name] * min(len(title), 72))
            self._break()
        elif tag == "blockquote" and self.quotes:
            start = self.quotes.pop()
            quoted = re.sub(r"\n{3,}", "\n\n", "".join(self.parts[start:])).strip()
            del self.parts[start:]
            self.parts.append("\n".join(f"> {line}".rstrip() for line in quoted.split("\n")))
            self._break()
        elif tag == "pre":
            self.in_pre = max(self.in_pre - 1, 0)
            self._break()
        elif tag in {"ul", "ol"}:
            if self.lists:
                self.lists.pop()
            self._break(blank=not self.lists)
        elif tag in BLOCKS:
            self._break(blank=tag not in {"tr", "figcaption"})

    def handle_data(self, data):
        if not self.in_pre:
            data = re.sub(r"\s+", " ", data)
            if data == " " and (not self.parts or self.parts[-1][-1:].isspace()):
                return
        self.parts.append(data)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [line.rstrip() for line in raw.split("\n")]
        out = "\n".join(line.lstrip() if not line.startswith("  ") else line for line in lines)
        return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


def html_to_text(html: str, *, base_url: str) -> str:
    """Plain text of sanitised HTML; relative links are made absolute against base_url."""
    writer = _TextWriter(base_url.rstrip("/"))
    writer.feed(html)
    writer.close()
    return writer.text()
