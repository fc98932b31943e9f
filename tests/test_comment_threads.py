"""Thread display: paging over top-level comments, sorting, depth cap, own pending comments."""

from __future__ import annotations

import pytest

from soundoff.comments.models import CommentStatus
from soundoff.comments.selectors import build_tree, thread_page
from tests.factories import CommentFactory, published_thread

pytestmark = pytest.mark.django_db


def reply(parent, **kw):
    return CommentFactory(
        article=parent.article,
        parent=parent,
        root=parent.root or parent,
        depth=parent.depth + 1,
        **kw,
    )


def test_pages_over_roots_with_their_replies(article, settings):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_PAGE_SIZE": 10}
    roots = [CommentFactory(article=article) for _ in range(25)]
    reply(roots[0])
    page1 = thread_page(article=article, page=1)
    assert page1.num_pages == 3 and page1.total_published == 26
    assert [n.comment.pk for n in page1.nodes] == [r.pk for r in roots[:10]]
    assert len(page1.nodes[0].children) == 1
    page3 = thread_page(article=article, page=3)
    assert [n.comment.pk for n in page3.nodes] == [r.pk for r in roots[20:]]
    assert thread_page(article=article, page=99).page_number == 3  # clamps


def test_sort_orders(article):
    a = CommentFactory(article=article, like_count=1)
    b = CommentFactory(article=article, like_count=9)
    c = CommentFactory(article=article, like_count=5)
    ids = lambda sort: [n.comment.pk for n in thread_page(article=article, sort=sort).nodes]  # noqa: E731
    assert ids("oldest") == [a.pk, b.pk, c.pk]
    assert ids("newest") == [c.pk, b.pk, a.pk]
    assert ids("liked") == [b.pk, c.pk, a.pk]
    assert ids("bogus") == ids("oldest")


def test_depth_is_capped_and_deeper_replies_say_in_reply_to(article):
    chain = [CommentFactory(article=article)]
    for _ in range(5):
        chain.append(reply(chain[-1]))
    roots = [chain[0]]
    nodes = build_tree(roots, chain[1:], max_depth=3)

    def depth_of(node, target, d=0):
        if node.comment.pk == target:
            return d, node
        for child in node.children:
            found = depth_of(child, target, d + 1)
            if found:
                return found
        return None

    shown = {c.pk: depth_of(nodes[0], c.pk) for c in chain}
    assert [shown[c.pk][0] for c in chain] == [0, 1, 2, 3, 3, 3]
    assert shown[chain[4].pk][1].in_reply_to.pk == chain[3].pk
    assert shown[chain[5].pk][1].in_reply_to.pk == chain[4].pk
    assert shown[chain[3].pk][1].in_reply_to is None


def test_pending_held_and_rejected_visible_only_to_their_author(article):
    CommentFactory(article=article, status=CommentStatus.HELD, reader_key="me")
    CommentFactory(article=article, status=CommentStatus.PENDING, reader_key="other")
    CommentFactory(article=article, status=CommentStatus.REJECTED, reader_key="me")
    CommentFactory(article=article, status=CommentStatus.REMOVED, reader_key="me")
    mine = thread_page(article=article, reader_key="me")
    assert [n.comment.status for n in mine.nodes] == [CommentStatus.HELD, CommentStatus.REJECTED]
    assert mine.nodes[0].awaiting_moderation and mine.nodes[0].is_own
    assert mine.nodes[1].not_published and not mine.nodes[1].awaiting_moderation
    assert thread_page(article=article).nodes == []
    assert mine.total_published == 0


def test_large_thread_page_uses_a_constant_number_of_queries(
    article, client, django_assert_max_num_queries
):
    published_thread(article, roots=300, replied=100)
    with django_assert_max_num_queries(20):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "400 comments" in response.text
    assert "Page 1 of 6" in response.text


def test_htmx_thread_fragment_sorts(article, client):
    CommentFactory(article=article, body="older one")
    CommentFactory(article=article, body="newer one")
    response = client.get(f"/comments/thread/{article.pk}/?sort=newest", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = response.text
    assert "<html" not in text
    assert text.index("newer one") < text.index("older one")
