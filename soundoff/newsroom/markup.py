"""Article bodies: Markdown written by editors, sanitised all the same, with
[[story:slug]] links expanded to the linked story's headline."""

from __future__ import annotations

import re

import nh3
from django.urls import reverse
from django.utils.html import escape
from markdown_it import MarkdownIt

STORY_LINK_RE = re.compile(r"\[\[story:([a-z0-9-]+)\]\]")
ARTICLE_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_md = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(["table"])


def story_slugs(body: str) -> list[str]:
    return STORY_LINK_RE.findall(body)


def render_body(body: str, headlines: dict[str, str]) -> str:
    """Render an article body. `headlines` maps linked slugs to live stories' headlines;
    a link to a story that is not live is left out, never shown as a dead link."""

    def expand(match: re.Match) -> str:
        slug = match.group(1)
        if slug in headlines:
            url = reverse("newsroom:article", kwargs={"slug": slug})
            title = headlines[slug].replace("[", "\\[").replace("]", "\\]")
            return f"[{title}]({url})"
        return ""

    html = _md.render(STORY_LINK_RE.sub(expand, body))
    return nh3.clean(
        html,
        tags=ARTICLE_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def render_plain(text: str) -> str:
    return escape(text)
