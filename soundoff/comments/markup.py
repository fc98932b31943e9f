"""The Markdown subset commenters may use, rendered and then sanitised with an allow-list."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "blockquote", "ul", "ol", "li", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# "zero" turns every rule off; enable only the small subset we document.
_md = MarkdownIt("zero", {"breaks": True, "html": False, "linkify": False}).enable(
    ["emphasis", "link", "blockquote", "list", "backticks", "fence", "newline", "escape"]
)


def render(text: str) -> str:
    """Markdown subset → safe HTML. Raw HTML in the input is shown as text, never run."""
    html = _md.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )
