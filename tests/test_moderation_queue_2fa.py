"""Optional TOTP two-factor sign-in for staff (django-otp)."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from soundoff.moderation.models import AuditEntry
from tests.test_moderation_queue_support import moderator

pytestmark = pytest.mark.django_db
SETUP, VERIFY, QUEUE = "/moderation/2fa/", "/moderation/2fa/verify/", "/moderation/"


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_two_factor_is_optional(client):
    client.force_login(moderator())
    assert client.get(QUEUE).status_code == 200


def test_enrol_verify_and_require_a_code(client):
    user = moderator()
    client.force_login(user)
    page = client.get(SETUP).content.decode()
    assert "otpauth://totp/" in page and "<svg" in page and "issuer=" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post(SETUP, {"token": "000000" if code(device) != "000000" else "111111"})
    assert "did not match" in wrong.content.decode()
    assert client.post(SETUP, {"token": code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="staff.2fa_enabled").exists()
    assert client.get(QUEUE).status_code == 200  # this session proved the code

    # A new session needs the code before anything else.
    client.logout()
    client.force_login(user)
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get(VERIFY).status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # allow the same code again
    ok = client.post(VERIFY, {"token": code(device), "next": QUEUE})
    assert ok.status_code == 302 and ok["Location"] == QUEUE
    assert client.get(QUEUE).status_code == 200


def test_turning_it_off(client):
    user = moderator()
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"token": code(device)})
    client.post(SETUP, {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    client.logout()
    client.force_login(user)
    assert client.get(QUEUE).status_code == 200


def test_setup_needs_staff(client):
    from django.contrib.auth import get_user_model

    assert client.get(SETUP).status_code == 302
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    assert client.get(SETUP).status_code == 403


def test_the_admin_asks_for_the_second_factor_too(client):
    from django.contrib.auth import get_user_model

    admin_user = get_user_model().objects.create_superuser("editor", "e@example.org", "x")
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200  # no device: nothing more to prove
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client.logout()
    client.force_login(admin_user)
    for path in ("/admin/", "/admin/moderation/case/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    ok = client.post(VERIFY, {"token": code(device), "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    # Anonymous visitors still get the admin's own login page.
    client.logout()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
