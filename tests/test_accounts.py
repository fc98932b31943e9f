"""Optional accounts for regular commenters."""

from __future__ import annotations

import pytest

from soundoff.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_signup_signs_in_and_prefills_the_comment_form(client, article, comment_data):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "harbourwatcher",
            "email": "hw@example.org",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "next": article.get_absolute_url(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    page = client.get(article.get_absolute_url())
    assert "Signed in as <strong>harbourwatcher</strong>" in page.text
    assert 'value="harbourwatcher"' in page.text
    client.post(f"/comments/post/{article.pk}/", comment_data(author_name="harbourwatcher"))
    comment = Comment.objects.get()
    assert comment.user.username == "harbourwatcher"


def test_signup_errors_are_clear(client):
    response = client.post(
        "/accounts/signup/", {"username": "x", "password1": "a", "password2": "b"}
    )
    assert response.status_code == 400
    assert "The two password fields didn" in response.text


def test_guest_sees_optional_sign_in(client, article):
    page = client.get(article.get_absolute_url())
    assert "Comment as a guest" in page.text and "/accounts/signup/" in page.text


def test_open_redirect_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "someone",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/"
