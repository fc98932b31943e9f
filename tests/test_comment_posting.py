"""Posting comments through the web: without JavaScript and with htmx."""

from __future__ import annotations

import pytest
from django.urls import reverse

from soundoff.comments.models import Comment, CommentStatus
from soundoff.moderation.models import AuditEntry, Policy

pytestmark = pytest.mark.django_db


def post_url(article):
    return reverse("comments:post", args=[article.pk])


def test_clean_comment_is_published_and_shown(client, article, comment_data):
    response = client.post(post_url(article), comment_data())
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{article.get_absolute_url()}#c{comment.pk}"
    assert comment.status == CommentStatus.PUBLISHED
    page = client.get(article.get_absolute_url())
    assert "I think the council made the right call here." in page.text
    assert "Thanks! Your comment is published." in page.text
    assert "1 comment" in page.text
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.verdict, entry.actor_label) == (
        "moderation.auto",
        "publish",
        "auto: rules-v2 + fake-1",
    )


def test_held_comment_is_shown_only_to_its_author_as_awaiting_moderation(
    client, article, comment_data
):
    body = "See http://a.example/1 and http://b.example/2 for more"
    client.post(post_url(article), comment_data(body=body))
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD
    own_view = client.get(article.get_absolute_url())
    assert "awaiting moderation" in own_view.text
    assert "a.example/1" in own_view.text
    from django.test import Client

    other = Client().get(article.get_absolute_url())
    assert "a.example/1" not in other.text
    assert "0 comments" in other.text


def test_htmx_post_returns_fragment_with_comment_and_fresh_form(client, article, comment_data):
    response = client.post(post_url(article), comment_data(), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Thanks! Your comment is published." in response.text
    assert "I think the council made the right call here." in response.text
    assert 'name="body"' in response.text


def test_field_errors_keep_the_typed_text(client, article, comment_data):
    response = client.post(post_url(article), comment_data(author_name="", body="Keep me please"))
    assert response.status_code == 400
    assert "Keep me please" in response.text
    assert "This field is required." in response.text
    assert not Comment.objects.exists()


def test_too_long_comment_gives_clear_error(client, article, comment_data, settings):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_MAX_LENGTH": 20}
    response = client.post(post_url(article), comment_data(body="x" * 30))
    assert response.status_code == 400
    assert "at most 20 characters" in response.text
    assert "x" * 30 in response.text


def test_honeypot_rejects_bots_without_saving(client, article, comment_data):
    response = client.post(post_url(article), comment_data(nickname="http://spam.example"))
    assert response.status_code == 400
    assert "looks automated" in response.text
    assert not Comment.objects.exists()


def test_posting_too_fast_is_refused_and_text_kept(client, article, comment_data):
    from soundoff.comments.forms import form_timestamp

    response = client.post(post_url(article), comment_data(rendered=form_timestamp()))
    assert response.status_code == 400
    assert "That was very quick!" in response.text
    assert "I think the council made the right call here." in response.text


def test_rate_limit_answers_429_with_message_and_keeps_text(
    client, article, comment_data, settings
):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "COMMENT_RATE_LIMIT": "2/60"}
    for i in range(2):
        assert client.post(post_url(article), comment_data(body=f"Point {i}")).status_code == 302
    response = client.post(post_url(article), comment_data(body="A third point"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert "faster than we allow" in response.text
    assert "A third point" in response.text
    assert Comment.objects.count() == 2


def test_ip_is_stored_only_as_a_salted_hash(client, article, comment_data):
    client.post(post_url(article), comment_data(), REMOTE_ADDR="203.0.113.9")
    comment = Comment.objects.get()
    assert "203.0.113.9" not in comment.ip_hash
    assert len(comment.ip_hash) == 32
    from soundoff.core.privacy import hash_ip

    assert comment.ip_hash == hash_ip("203.0.113.9")


def test_markdown_subset_is_sanitised(client, article, comment_data):
    body = "**bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://ok.example)"
    client.post(post_url(article), comment_data(body=body))
    html = Comment.objects.get().body_html
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html
    assert 'href="javascript' not in html
    assert 'rel="nofollow ugc noopener"' in html


def test_reply_is_threaded(client, article, comment_data):
    client.post(post_url(article), comment_data(body="Top level"))
    parent = Comment.objects.get()
    client.post(post_url(article), comment_data(body="A reply", parent_id=parent.pk))
    reply = Comment.objects.get(body="A reply")
    assert reply.parent == parent and reply.root == parent and reply.depth == 1


def test_disallowed_word_rejects_and_tells_the_author(client, article, comment_data):
    Policy.objects.create(scope="site", disallowed_words="grifter")
    response = client.post(post_url(article), comment_data(body="What a GRIFTER he is"))
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.REJECTED
    page = client.get(response["Location"])
    assert "contains language our commenting policy does not allow" in page.text


def test_comments_closed(client, article, comment_data):
    article.comments_open = False
    article.save()
    response = client.post(post_url(article), comment_data())
    assert response.status_code == 400
    assert "Comments are closed" in response.text


def test_anonymous_posting_stores_no_server_side_session(client, article, comment_data):
    from django.contrib.sessions.models import Session

    client.post(post_url(article), comment_data())
    client.get(article.get_absolute_url())
    assert Session.objects.count() == 0
    assert client.cookies["so_reader"].value
    assert client.cookies["so_edit"]["httponly"]


def test_rate_limit_per_ip_is_looser_than_per_reader(article, comment_data, settings):
    from django.test import Client

    settings.SOUNDOFF = {
        **settings.SOUNDOFF,
        "COMMENT_RATE_LIMIT": "1/60",
        "COMMENT_RATE_LIMIT_PER_IP": "3/60",
    }
    codes = [
        Client(REMOTE_ADDR="203.0.113.50")
        .post(post_url(article), comment_data(body=f"Reader {i} here"))
        .status_code
        for i in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def test_htmx_post_query_budget(client, article, comment_data, django_assert_max_num_queries):
    """The POST path stays lean: one insert, one short transaction for the case, the
    screening reads, one short transaction for the verdict (see docs/architecture.md)."""
    client.post(post_url(article), comment_data(body="Warm-up comment about the ferry."))
    client.cookies.clear()
    with django_assert_max_num_queries(21) as queries:
        response = client.post(
            post_url(article), comment_data(author_name="Sam"), HTTP_HX_REQUEST="true"
        )
    assert "Thanks! Your comment is published." in response.text
    # Three short write transactions (savepoints inside the test's transaction), none
    # nested: the comment; the case; fingerprints, verdict and audit entry together.
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 3, sql
