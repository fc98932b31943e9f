"""Newsletter: double opt-in, the free report, one-click unsubscribe and the staff export."""

from __future__ import annotations

import csv
import email.policy
import io
import re

import pytest
from django.test import Client

from soundoff.newsroom.models import Subscriber, SubscriberStatus
from soundoff.newsroom.newsletter.text import html_to_text
from tests.factories import ArticleFactory
from tests.newsroom_factories import (
    ConfirmedSubscriberFactory,
    FreeReportFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def report():
    ArticleFactory(headline="Schools get more", slug="schools-get-more")
    return FreeReportFactory(
        title="Where the money goes",
        body=(
            "## The budget\n\nThe council spends **most** of its money on schools. "
            "See [[story:schools-get-more]].\n\n- roads\n- parks\n"
        ),
    )


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    def post(email, c=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (c or client).post("/newsletter/", {"email": email})

    return post


def path_in(body: str, kind: str) -> str:
    match = re.search(rf"{re.escape(SITE)}(/newsletter/{kind}/[\w-]+/)", body)
    assert match, f"no {kind} link in:\n{body}"
    return match.group(1)


def assert_one_click_headers(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(rf"<{re.escape(SITE)}(/newsletter/unsubscribe/[\w-]+/)>", header)
    assert match, header
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # As sent: one plain header line each, not RFC 2047-encoded or folded (RFC 8058).
    lines = message.message(policy=email.policy.SMTP).as_bytes().decode().split("\r\n")
    assert f"List-Unsubscribe: {header}" in lines
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in lines
    return match.group(1)


def test_signup_page_shows_form_and_report_summary(client, report):
    response = client.get("/newsletter/")
    assert response.status_code == 200
    assert "Free report: Where the money goes" in response.text
    assert report.summary in response.text
    assert 'name="email"' in response.text
    assert "csrfmiddlewaretoken" in response.text


def test_full_double_opt_in_flow(
    client, signup, mailoutbox, report, django_capture_on_commit_callbacks
):
    response = signup("  Reader@Example.org ")
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/sent/"
    assert "Check your inbox" in client.get(response["Location"]).text

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert len(mailoutbox) == 1
    confirmation = mailoutbox[0]
    assert confirmation.to == ["reader@example.org"]
    assert assert_one_click_headers(confirmation) == f"/newsletter/unsubscribe/{subscriber.token}/"
    confirm_path = path_in(confirmation.body, "confirm")
    assert confirm_path == f"/newsletter/confirm/{subscriber.token}/"

    # A link scanner (or the reader) following the link only sees a button.
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(confirm_path)
    assert page.status_code == 200
    assert f'<form method="post" action="{confirm_path}">' in page.text
    assert page["X-Robots-Tag"].startswith("noindex")
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert len(mailoutbox) == 1

    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(confirm_path, {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    report_path = f"/newsletter/report/{subscriber.token}/"
    assert response["Location"] == report_path
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None

    assert len(mailoutbox) == 2
    delivery = mailoutbox[1]
    assert delivery.subject == "Your free report: Where the money goes"
    assert "The budget\n==========" in delivery.body
    assert "The council spends most of its money on schools." in delivery.body
    assert f"Schools get more ({SITE}/story/schools-get-more/)" in delivery.body
    assert "- roads\n- parks" in delivery.body
    assert "##" not in delivery.body and "**" not in delivery.body
    assert path_in(delivery.body, "report") == report_path
    unsubscribe_path = assert_one_click_headers(delivery)

    page = client.get(report_path)
    assert page.status_code == 200
    assert "<h2>The budget</h2>" in page.text
    assert '<a href="/story/schools-get-more/">Schools get more</a>' in page.text

    # Confirming twice changes nothing and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm_path).status_code == 302
    assert len(mailoutbox) == 2

    # The unsubscribe link shows a button on GET ...
    page = client.get(unsubscribe_path)
    assert page.status_code == 200
    assert "<button" in page.text
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED

    # ... and a mail client's RFC 8058 one-click POST (no cookies, no CSRF token) works.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "you won't get any more newsletter emails" in response.text
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None

    # The report is for subscribers only; the old confirm link no longer resubscribes.
    assert client.get(report_path).status_code == 404
    response = client.post(confirm_path)
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_sidebar_box_posts_with_csrf(django_capture_on_commit_callbacks, mailoutbox, report):
    browser = Client(enforce_csrf_checks=True)
    article = ArticleFactory()
    page = browser.get(article.get_absolute_url())
    box = re.search(r'<form method="post" action="/newsletter/">(.*?)</form>', page.text, re.S)
    assert box, "newsletter box missing"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', box.group(1)).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/newsletter/", {"email": "box@example.org", "csrfmiddlewaretoken": token}
        )
    assert response.status_code == 302
    assert Subscriber.objects.get().email == "box@example.org"
    assert len(mailoutbox) == 1


def _answer(response, client):
    page = client.get(response["Location"]).text
    page = re.sub(r'"X-CSRFToken": "[^"]+"', "", page)  # masked anew on every render
    page = re.sub(r'nonce="[^"]+"', "", page)
    return (response.status_code, response["Location"], page)


def test_signup_never_reveals_whether_an_address_is_known(client, signup, mailoutbox, report):
    ConfirmedSubscriberFactory(email="known@example.org")
    SubscriberFactory(email="waiting@example.org")
    fresh = _answer(signup("new@example.org"), client)
    assert _answer(signup("known@example.org"), client) == fresh
    assert _answer(signup("waiting@example.org"), client) == fresh
    assert _answer(signup("NEW@example.org"), client) == fresh  # a duplicate
    assert Subscriber.objects.filter(email="new@example.org").count() == 1
    assert Subscriber.objects.count() == 3
    # The confirmed reader gets the report again; no address gets two emails in a row.
    by_address = {m.to[0]: m for m in mailoutbox}
    assert len(mailoutbox) == 3
    assert "confirm" in by_address["new@example.org"].subject.lower()
    assert "confirm" in by_address["waiting@example.org"].subject.lower()
    assert by_address["known@example.org"].subject == "Your free report: Where the money goes"


def test_unsubscribed_address_can_sign_up_again_with_a_new_token(signup, mailoutbox):
    old = SubscriberFactory(email="back@example.org", status=SubscriberStatus.UNSUBSCRIBED)
    old_token = old.token
    signup("back@example.org")
    old.refresh_from_db()
    assert old.status == SubscriberStatus.PENDING
    assert old.token != old_token
    assert path_in(mailoutbox[0].body, "confirm") == f"/newsletter/confirm/{old.token}/"


def test_invalid_email_is_refused(client, signup, mailoutbox):
    response = signup("not-an-address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_signups_are_rate_limited_per_ip(client, signup, settings):
    settings.SOUNDOFF = {**settings.SOUNDOFF, "NEWSLETTER_SIGNUP_RATE_LIMIT": "2/3600"}
    assert signup("a@example.org").status_code == 302
    assert signup("b@example.org").status_code == 302
    response = signup("c@example.org")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not Subscriber.objects.filter(email="c@example.org").exists()
    other_ip = Client(REMOTE_ADDR="192.0.2.7")
    assert signup("d@example.org", c=other_ip).status_code == 302


def test_unknown_tokens_are_404(client):
    for kind in ("confirm", "report", "unsubscribe"):
        assert client.get(f"/newsletter/{kind}/not-a-real-token/").status_code == 404
    assert client.post("/newsletter/unsubscribe/not-a-real-token/").status_code == 404


def test_pending_subscriber_cannot_read_the_report(client, report):
    pending = SubscriberFactory()
    assert client.get(f"/newsletter/report/{pending.token}/").status_code == 404


# Staff export ------------------------------------------------------------------------


@pytest.fixture
def subscribers():
    return [
        ConfirmedSubscriberFactory(email="one@example.org"),
        ConfirmedSubscriberFactory(email="=HYPERLINK(1)@example.org"),
        SubscriberFactory(email="pending@example.org"),
        SubscriberFactory(email="gone@example.org", status=SubscriberStatus.UNSUBSCRIBED),
    ]


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_export_requires_login(client, subscribers):
    response = client.get("/newsletter/export.csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_export_requires_staff(client, subscribers):
    client.force_login(UserFactory(permissions=["newsroom.view_subscriber"]))
    response = client.get("/newsletter/export.csv")
    assert response.status_code == 302
    assert "one@example.org" not in response.content.decode()


def test_export_requires_view_permission(client, subscribers):
    client.force_login(StaffUserFactory())
    assert client.get("/newsletter/export.csv").status_code == 403


def test_export_lists_confirmed_subscribers_only(client, subscribers):
    client.force_login(StaffUserFactory(permissions=["newsroom.view_subscriber"]))
    rows = read_csv(client.get("/newsletter/export.csv"))
    assert rows[0] == ["email", "status", "created_at", "confirmed_at"]
    emails = [r[0] for r in rows[1:]]
    assert emails == ["one@example.org", "'=HYPERLINK(1)@example.org"]  # no formula
    one = subscribers[0]
    assert rows[1] == [
        "one@example.org",
        "confirmed",
        one.created_at.isoformat(),
        one.confirmed_at.isoformat(),
    ]


def test_admin_action_exports_selected_confirmed(client, subscribers):
    client.force_login(StaffUserFactory(permissions=["newsroom.view_subscriber"]))
    response = client.post(
        "/admin/newsroom/subscriber/",
        {
            "action": "export_csv",
            "_selected_action": [subscribers[0].pk, subscribers[2].pk],
        },
    )
    rows = read_csv(response)
    assert rows == [
        ["email", "status", "created_at", "confirmed_at"],
        [
            "one@example.org",
            "confirmed",
            subscribers[0].created_at.isoformat(),
            subscribers[0].confirmed_at.isoformat(),
        ],
    ]


def test_html_to_text_keeps_structure():
    html = (
        '<h2>Title</h2><p>Hello <strong>you</strong>, see <a href="/story/x/">this</a>.</p>'
        "<ol><li>one</li><li>two</li></ol><blockquote><p>quoted</p></blockquote>"
    )
    assert html_to_text(html, base_url="https://a.example") == (
        "Title\n=====\n\nHello you, see this (https://a.example/story/x/).\n\n"
        "1. one\n2. two\n\n> quoted\n"
    )
