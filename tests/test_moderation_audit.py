"""The audit log: filters, CSV and JSON-lines export, access; and `export_labels`."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from soundoff.moderation import services
from soundoff.moderation.models import AuditEntry
from tests.test_moderation_queue_support import (
    LINKS,
    case_of,
    comment,
    moderator,
    relax_rate_limit,
)

pytestmark = pytest.mark.django_db
AUDIT = "/moderation/audit/"


@pytest.fixture(autouse=True)
def _relaxed(settings):
    relax_rate_limit(settings)


@pytest.fixture
def log(article):
    """auto entries for three comments, then two moderators' decisions."""
    ana, ben = moderator("ana"), moderator("ben")
    insult = comment(article, "You moron.", n=1)
    links = comment(article, LINKS, n=2)
    calm = comment(article, "A calm remark.", n=3)
    services.moderator_decide(
        case_id=case_of(insult).pk, verdict="reject", actor=ana, reason_code="attack"
    )
    services.moderator_decide(case_id=case_of(links).pk, verdict="publish", actor=ben)
    old = AuditEntry.objects.get(subject_key=f"comment:{calm.pk}")
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    return {"ana": ana, "ben": ben, "insult": insult, "links": links, "calm": calm}


def _rows(client, **params) -> list[str]:
    response = client.get(AUDIT, {**params, "format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(body))
    return [f"{r['action']} {r['subject_key']} {r['actor_label']}" for r in reader]


def test_filters_and_csv_export(client, log):
    client.force_login(log["ana"])
    insult, links, calm = (f"comment:{log[k].pk}" for k in ("insult", "links", "calm"))
    assert len(_rows(client)) == 5
    assert _rows(client, action="moderation.reject") == [f"moderation.reject {insult} ana"]
    assert _rows(client, actor="ben") == [f"moderation.approve {links} ben"]
    assert {r.split()[1] for r in _rows(client, verdict="hold")} == {insult, links}
    assert _rows(client, subject_key=calm) == [f"moderation.auto {calm} auto: rules-v2 + fake-1"]
    today = timezone.localdate()
    recent = _rows(client, date_from=(today - timedelta(days=1)).isoformat())
    assert len(recent) == 4 and all(calm not in r for r in recent)
    older = _rows(client, date_to=(today - timedelta(days=5)).isoformat())
    assert older == [f"moderation.auto {calm} auto: rules-v2 + fake-1"]


def test_csv_header_and_attachment(client, log):
    client.force_login(log["ana"])
    response = client.get(AUDIT, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    first = b"".join(response.streaming_content).decode().splitlines()[0]
    assert first == "id,created_at,action,actor_label,subject_key,verdict,note,reasons"


def test_jsonl_export(client, log):
    client.force_login(log["ana"])
    response = client.get(AUDIT, {"format": "jsonl", "action": "moderation.reject"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1
    row = json.loads(lines[0])
    assert row["action"] == "moderation.reject" and row["verdict"] == "reject"
    assert row["reasons"][:2] == ["moderator.attack", "model.insult"]


def test_page_lists_entries_with_filters(client, log):
    client.force_login(log["ana"])
    html = client.get(AUDIT, {"action": "moderation.approve"}).content.decode()
    assert "1 entry" in html and "moderation.approve" in html and "ben" in html
    assert "format=csv" in html and "action=moderation.approve" in html


def test_audit_needs_view_auditentry(client, log):
    staff = get_user_model().objects.create_user("desk", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_case"))
    client.force_login(staff)
    assert client.get(AUDIT).status_code == 403
    assert client.get(AUDIT, {"format": "csv"}).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    staff = get_user_model().objects.get(pk=staff.pk)
    client.force_login(staff)
    assert client.get(AUDIT).status_code == 200


def test_export_labels_to_stdout_and_file(log, tmp_path):
    out = io.StringIO()
    call_command("export_labels", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["verdict"], r["reason_code"]) for r in rows] == [
        ("reject", "attack"),
        ("publish", ""),
    ]
    assert rows[0]["text"] == "You moron."
    assert rows[0]["labels"] == {"insult": 1, "toxicity": 1}
    assert set(rows[0]) == {"text", "labels", "verdict", "reason_code", "created_at"}
    target = tmp_path / "labels.jsonl"
    call_command("export_labels", "--output", str(target), stderr=io.StringIO())
    assert [json.loads(line) for line in target.read_text().splitlines()] == rows
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    none = io.StringIO()
    call_command("export_labels", "--since", tomorrow, stdout=none)
    assert none.getvalue() == ""
