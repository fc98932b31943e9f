from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from urllib.parse import quote

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from soundoff.comments.models import CommentStatus
from soundoff.core import conf

log = logging.getLogger(__name__)
register = template.Library()

_PK = 2147483647  # placeholder id: reverse once per render, then fill in each comment's id
_CLOSE = mark_safe("</ol></li>")


@register.filter
def sort_options(spec: str) -> list[tuple[str, str]]:
    return [tuple(part.split(":", 1)) for part in spec.split(",")]


@register.filter
def as_own_node(comment):
    from soundoff.comments.selectors import Node

    return Node(comment, is_own=True)


class _Urls:
    """`{% url %}` for the per-comment links, reversed once and formatted per comment."""

    __slots__ = ("appeal", "edit", "like", "reply", "report")
    NAMES = {"reply": "reply_form"}

    def __init__(self):
        for name in self.__slots__:
            path = reverse(f"comments:{self.NAMES.get(name, name)}", args=[_PK])
            prefix, _, suffix = path.partition(str(_PK))
            setattr(self, name, (prefix, suffix))

    @staticmethod
    def fill(parts: tuple[str, str], pk: int) -> str:
        return f"{parts[0]}{pk}{parts[1]}"

    @classmethod
    def current(cls) -> _Urls:
        """The reversed links for the active URLconf and script prefix, kept per process
        (a render used to reverse all five again)."""
        key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
        urls = _URLS_BY_CONF.get(key)
        if urls is None:
            urls = _URLS_BY_CONF[key] = cls()
        return urls


_URLS_BY_CONF: dict[tuple, _Urls] = {}


class Row:
    """One comment of a thread, flattened, with what its markup needs precomputed.

    `has_children`: the row opens `<ol class="replies">` (its `<li>` stays open);
    otherwise it closes its `<li>` and `closers` closes the lists it was the last of."""

    __slots__ = (
        "appeal_url",
        "awaiting_moderation",
        "c",
        "closers",
        "edit_url",
        "has_children",
        "in_reply_to",
        "iso",
        "like_url",
        "not_published",
        "pk",
        "published",
        "reply_url",
        "report_url",
        "status_note",
        "when",
    )


def _rows(nodes, urls: _Urls, edit_tokens: dict, edit_after) -> list[Row]:
    rows: list[Row] = []
    fill = urls.fill
    # Depth-first, iteratively: (node, number of lists to close after it if it is a leaf).
    stack = [(n, 0) for n in reversed(nodes)]
    while stack:
        node, closing = stack.pop()
        c = node.comment
        pk = c.pk
        status = c.status
        r = Row()
        r.c = c
        r.pk = pk
        r.published = status == CommentStatus.PUBLISHED
        r.awaiting_moderation = node.awaiting_moderation
        r.not_published = node.not_published
        r.in_reply_to = node.in_reply_to
        own = node.is_own
        r.status_note = bool(own and c.status_message and not r.published)
        r.appeal_url = fill(urls.appeal, pk) if own and r.not_published else ""
        r.edit_url = ""
        if own and edit_tokens and c.created_at >= edit_after:
            token = edit_tokens.get(str(pk), "")
            if token:
                r.edit_url = f"{fill(urls.edit, pk)}?token={quote(token, safe='/')}"
        if r.published:
            r.like_url = fill(urls.like, pk)
            r.reply_url = fill(urls.reply, pk)
            r.report_url = fill(urls.report, pk)
        local = timezone.template_localtime(c.created_at)
        r.iso = dateformat.format(local, "c")
        r.when = dateformat.format(local, "j M Y, H:i")
        children = node.children
        r.has_children = bool(children)
        if children:
            # The last child closes this row's list and item, plus whatever this row closed.
            stack.append((children[-1], closing + 1))
            stack.extend((child, 0) for child in reversed(children[:-1]))
            r.closers = ""
        else:
            r.closers = SafeString(_CLOSE * closing)
        rows.append(r)
    return rows


@register.simple_tag(takes_context=True)
def comment_rows(context, nodes) -> list[Row]:
    """A node, or a list of nodes, flattened into rows for one loop in _comment.html
    (one template pass for a whole page instead of an include per comment)."""
    if not isinstance(nodes, list | tuple):
        nodes = [nodes]
    window = timedelta(seconds=conf.get("COMMENT_EDIT_WINDOW_SECONDS"))
    return _rows(nodes, _Urls.current(), context.get("edit_tokens") or {}, timezone.now() - window)


# ---------------------------------------------------------------- rendered-thread memo
#
# The rendered comment list is cached under a digest of everything it is rendered from
# (each comment's id, status, likes, times, names, body; the tree's shape; the template
# source; the URLs; language and time zone). A new, edited, (un)published or liked comment
# changes the digest, so there is nothing to invalidate and nothing can be served stale;
# the data itself is read from the database on every request. Lists with rows that differ
# per reader (their own unpublished comments, their edit links) are never cached; in the
# others a reader's own published comment looks the same to everyone. The CSRF token is
# rendered as a fixed placeholder and swapped for the reader's own token on the way out.

THREAD_CACHE_TIMEOUT = 15 * 60
# Part of the key: bump it when what Row computes changes without _comment.html changing,
# so that a shared cache (Redis, database) doesn't serve the old markup after a deploy.
RENDER_VERSION = 1
_CSRF_PLACEHOLDER = "soundoff-csrf-placeholder"
_COMMENT_TEMPLATE = "comments/_comment.html"


def _csrf_input(token) -> str:
    """What {% csrf_token %} renders for this token."""
    value = str(token or "")
    if value in {"", "NOTPROVIDED"}:
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', value)


def _is_personal(nodes, edit_tokens) -> bool:
    for node in nodes:
        if node.is_own and (node.comment.status != CommentStatus.PUBLISHED or edit_tokens):
            return True
        if node.children and _is_personal(node.children, edit_tokens):
            return True
    return False


def _feed(update, nodes) -> None:
    for node in nodes:
        c = node.comment
        irt = node.in_reply_to
        update(
            repr(
                (
                    c.pk,
                    c.status,
                    c.like_count,
                    c.created_at,
                    c.edited_at,
                    c.author_name,
                    c.author_url,
                    c.body_html,
                    (irt.pk, irt.author_name) if irt is not None else None,
                    len(node.children),
                )
            ).encode()
        )
        if node.children:
            _feed(update, node.children)


def _thread_key(context, nodes, urls: _Urls) -> str:
    h = hashlib.blake2b(digest_size=20)
    engine_template = context.template.engine.get_template(_COMMENT_TEMPLATE)
    h.update(
        repr(
            (
                getattr(engine_template, "source", ""),
                [getattr(urls, name) for name in urls.__slots__],
                translation.get_language(),
                timezone.get_current_timezone_name(),
                _CSRF_PLACEHOLDER,
                RENDER_VERSION,
            )
        ).encode()
    )
    _feed(h.update, nodes)
    return f"soundoff:comments:thread:{h.hexdigest()}"


def _render_rows(context, nodes, csrf_token) -> str:
    tpl = context.template.engine.get_template(_COMMENT_TEMPLATE)
    with context.push(node=nodes, csrf_token=csrf_token):
        return tpl.render(context)


@register.simple_tag(takes_context=True)
def comment_tree(context, nodes):
    """The `<li>`s of a page of comments (what _comment.html renders for `nodes`),
    served from the cache when this exact content has been rendered before."""
    nodes = list(nodes)
    if not nodes:
        return ""
    token = context.get("csrf_token")
    if _is_personal(nodes, context.get("edit_tokens")):
        return _render_rows(context, nodes, token)
    key = _thread_key(context, nodes, _Urls.current())
    try:
        html = cache.get(key)
    except Exception:  # a cache outage must not take the story page down
        log.warning("comment thread cache unavailable", exc_info=True)
        html = None
    if html is None:
        html = str(_render_rows(context, nodes, _CSRF_PLACEHOLDER))
        try:
            cache.set(key, html, THREAD_CACHE_TIMEOUT)
        except Exception:
            log.warning("comment thread cache unavailable", exc_info=True)
    return mark_safe(html.replace(_csrf_input(_CSRF_PLACEHOLDER), _csrf_input(token)))
