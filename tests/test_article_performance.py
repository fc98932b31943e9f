"""The article page with a big thread: one template pass for the comment list, a cache of
the rendered list keyed by its content (so nothing is ever served stale), report forms
loaded on demand, and a bounded number of queries."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from soundoff.comments import services
from soundoff.comments.models import Comment, CommentStatus, Report
from soundoff.comments.selectors import thread_page
from soundoff.comments.templatetags import comments as comment_tags
from tests.factories import CommentFactory, published_thread

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def reply(parent, **kw):
    return CommentFactory(
        article=parent.article,
        parent=parent,
        root=parent.root or parent,
        depth=parent.depth + 1,
        **kw,
    )


def comment_li(html: str, pk: int) -> str:
    """The opening of a comment's <li> up to its reply slot."""
    start = html.rindex("<li", 0, html.index(f'id="c{pk}"'))
    return html[start : html.index(f'id="reply-slot-{pk}"', start)]


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the comment list is actually rendered (cache misses)."""
    calls = []
    real = comment_tags._render_rows

    def counting(context, nodes, csrf_token):
        calls.append(len(nodes))
        return real(context, nodes, csrf_token)

    monkeypatch.setattr(comment_tags, "_render_rows", counting)
    return calls


class _Tree(HTMLParser):
    """The nesting of li.comment ids, checking that lists and items are balanced."""

    def __init__(self):
        super().__init__()
        self.tree: list = []
        self._cur = [self.tree]
        self._open: list[str] = []
        self.mismatched = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "comment" in (attrs.get("class") or "").split():
            node = (attrs["id"], [])
            self._cur[-1].append(node)
            self._cur.append(node[1])
            self._open.append("comment")
        elif tag in {"li", "ol", "ul"}:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in {"li", "ol", "ul"}:
            opened = self._open.pop()
            if opened == "comment":
                self._cur.pop()
                opened = "li"
            self.mismatched += opened != tag


def test_flattened_list_keeps_the_nesting_of_the_tree(article, client, settings):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_MAX_VISUAL_DEPTH": 2}
    a, b, c = (CommentFactory(article=article) for _ in range(3))
    a1 = reply(a)
    a11 = reply(a1)
    a111 = reply(a11)  # past the depth cap: shown beside its parent, "in reply to"
    reply(a11)
    reply(a)
    c1 = reply(c)
    reply(c1)
    html = client.get(article.get_absolute_url()).text
    parser = _Tree()
    parser.feed(html)

    def expected(nodes):
        return [(f"c{n.comment.pk}", expected(n.children)) for n in nodes]

    assert parser.mismatched == 0 and parser._open == []
    assert parser.tree == expected(thread_page(article=article).nodes)
    assert [pk for pk, _ in parser.tree] == [f"c{a.pk}", f"c{b.pk}", f"c{c.pk}"]
    assert "in reply to" in comment_li(html, a111.pk)


def test_second_view_is_served_from_the_cache_with_the_readers_own_csrf_token(article, renders):
    CommentFactory(article=article, body="A first thought.")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page1 = first.get(article.get_absolute_url())
    page2 = second.get(article.get_absolute_url())
    assert len(renders) == 1, "the second reader should get the cached list"
    assert "A first thought." in page2.text
    # Every form in the (cached) thread carries the second reader's token, and it works.
    tokens1, tokens2 = set(TOKEN_RE.findall(page1.text)), set(TOKEN_RE.findall(page2.text))
    assert len(tokens2) == 1 and tokens1 != tokens2
    assert page2.text.count("csrfmiddlewaretoken") == page1.text.count("csrfmiddlewaretoken")
    assert comment_tags._CSRF_PLACEHOLDER not in page2.text
    comment = Comment.objects.get()
    like = re.search(r'<form class="like" method="post" action="([^"]+)"', page2.text)
    token = TOKEN_RE.search(page2.text[like.start() :]).group(1)
    response = second.post(like.group(1), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).like_count == 1


def test_a_like_shows_on_the_next_view(article, client, renders):
    comment = CommentFactory(article=article)
    assert '<span class="count">0</span>' in comment_li(
        client.get(article.get_absolute_url()).text, comment.pk
    )
    liker = Client()
    assert liker.post(f"/comments/{comment.pk}/like/", HTTP_HX_REQUEST="true").status_code == 200
    page = client.get(article.get_absolute_url()).text
    assert '<span class="count">1</span>' in comment_li(page, comment.pk)
    liker.post(f"/comments/{comment.pk}/like/", HTTP_HX_REQUEST="true")  # taken back
    page = client.get(article.get_absolute_url()).text
    assert '<span class="count">0</span>' in comment_li(page, comment.pk)
    # Back to the content of the first view: that rendering is served again.
    assert len(renders) == 2
    client.get(article.get_absolute_url())
    assert len(renders) == 2


def test_newly_published_edited_and_removed_comments_show_at_once(article, client):
    kept = CommentFactory(article=article, body="Already here.")
    pending = CommentFactory(article=article, body="Waiting for a moderator.", status="pending")
    page = client.get(article.get_absolute_url()).text
    assert "Already here." in page and "Waiting for a moderator." not in page
    assert "1 comment" in page

    services.comment_apply_verdict(comment_id=pending.pk, verdict="publish")
    page = client.get(article.get_absolute_url()).text
    assert "Waiting for a moderator." in page and "2 comments" in page

    # A reply under an already cached root.
    late = reply(kept, body="A late reply.")
    page = client.get(article.get_absolute_url()).text
    assert "A late reply." in page

    # The body changes (e.g. an edit that was screened and published again).
    Comment.objects.filter(pk=kept.pk).update(
        body_html="<p>Corrected text.</p>", edited_at=timezone.now()
    )
    page = client.get(article.get_absolute_url()).text
    assert "Corrected text." in page and "Already here." not in page
    assert "(edited)" in comment_li(page, kept.pk)

    services.comment_apply_verdict(comment_id=late.pk, verdict="remove")
    page = client.get(article.get_absolute_url()).text
    assert "A late reply." not in page

    # The htmx fragment (sort / page) follows the same data.
    fragment = client.get(
        f"/comments/thread/{article.pk}/?sort=newest", HTTP_HX_REQUEST="true"
    ).text
    assert "A late reply." not in fragment
    assert fragment.index("Waiting for a moderator.") < fragment.index("Corrected text.")


def test_own_held_and_rejected_comments_show_to_their_author_over_a_cached_page(
    article, client, comment_data
):
    CommentFactory(article=article, body="Everyone sees this.")
    Client().get(article.get_absolute_url())  # another reader fills the cache
    body = "See http://a.example/1 and http://b.example/2 for more"
    client.post(f"/comments/post/{article.pk}/", comment_data(body=body))
    held = Comment.objects.get(status=CommentStatus.HELD)
    own = client.get(article.get_absolute_url()).text
    assert "a.example/1" in own
    held_li = comment_li(own, held.pk)
    assert "awaiting moderation" in held_li and 'class="comment pending"' in held_li
    assert "Edit or delete" in own

    other = Client().get(article.get_absolute_url()).text
    assert "a.example/1" not in other and "awaiting moderation" not in other

    services.comment_apply_verdict(
        comment_id=held.pk, verdict="reject", reject_kind="policy", message="Too many links."
    )
    own = client.get(article.get_absolute_url()).text
    rejected_li = comment_li(own, held.pk)
    assert "not published" in rejected_li and "Too many links." in rejected_li
    assert "Appeal once" in rejected_li
    assert "not published" not in Client().get(article.get_absolute_url()).text


def test_edit_link_is_only_for_the_author_within_the_window(article, client, comment_data):
    client.post(f"/comments/post/{article.pk}/", comment_data())
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED
    Client().get(article.get_absolute_url())  # cached for everyone else
    assert "Edit or delete" in comment_li(client.get(article.get_absolute_url()).text, comment.pk)
    assert "Edit or delete" not in Client().get(article.get_absolute_url()).text
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert "Edit or delete" not in client.get(article.get_absolute_url()).text


def test_report_form_is_loaded_on_demand(article, client):
    comment = CommentFactory(article=article, body="Buy cheap watches.")
    page = client.get(article.get_absolute_url()).text
    li = comment_li(page, comment.pk)
    assert "<select" not in li
    url = f"/comments/{comment.pk}/report/"
    assert f'<details class="report" hx-get="{url}" hx-trigger="toggle once"' in li
    assert f'<a href="{url}"' in li  # without JavaScript: the report page

    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert '<select name="reason"' in fragment.text and "Send report" in fragment.text
    for value, label in Report.Reason.choices:
        assert f'<option value="{value}">{label}</option>' in fragment.text

    full = client.get(url)
    assert full.status_code == 200 and "<html" in full.text
    assert "Report a comment" in full.text and "Buy cheap watches." in full.text
    token = TOKEN_RE.search(full.text).group(1)
    response = client.post(url, {"reason": "spam", "csrfmiddlewaretoken": token})
    assert response["Location"] == f"{article.get_absolute_url()}#c{comment.pk}"
    assert Report.objects.get().reason == "spam"
    assert "Thanks, a moderator will take a look." in client.get(response["Location"]).text

    hidden = CommentFactory(article=article, status=CommentStatus.HELD)
    assert client.get(f"/comments/{hidden.pk}/report/").status_code == 404


def test_page_still_renders_when_the_cache_is_down(article, client, monkeypatch):
    CommentFactory(article=article, body="Still readable.")

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(comment_tags.cache, "get", down)
    monkeypatch.setattr(comment_tags.cache, "set", down)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "Still readable." in response.text


def test_big_thread_page_query_count_and_size(article, client, django_assert_max_num_queries):
    published_thread(article, roots=120, replied=40)
    for attempt in ("cold", "cached"):
        if attempt == "cold":
            cache.clear()
        with django_assert_max_num_queries(15):
            response = client.get(article.get_absolute_url())
        html = response.text
        assert "160 comments" in html
        assert len(re.findall(r'<li class="comment[ "]', html)) == 50 + 40
        assert html.count("<select") == 0
        assert html.count("{%") == 0
