"""Moderator decisions flow back into training: export-labels -> train --extra-labels."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command

from soundoff.classifier.train import load_extra_labels
from soundoff.comments import services as cs
from soundoff.moderation import services
from soundoff.moderation.models import Case
from soundoff.moderation.roles import staff_create

pytestmark = pytest.mark.django_db


def test_exported_decisions_load_as_training_rows(article, tmp_path):
    mod = staff_create(username="mo", email="", password="pw-12345-long", role="moderator")
    held = cs.comment_create(
        article=article,
        body="You are a moron, frankly.",
        author_name="Al",
        poster=cs.Poster(ip="192.0.2.1", reader_key="a"),
    )
    case = Case.objects.get(subject_key=f"comment:{held.pk}")
    services.moderator_decide(case_id=case.pk, verdict="reject", actor=mod, reason_code="attack")
    out = tmp_path / "labels.jsonl"
    call_command("export_labels", "--output", str(out))
    rows = load_extra_labels(out)
    assert [r.text for r in rows] == ["You are a moron, frankly."]
    assert rows[0].labels["insult"] == 1 and rows[0].labels["toxicity"] == 1
    assert rows[0].labels["spam"] is None  # unknown, not "no"


def test_soundoff_export_labels_command_is_wired():
    result = subprocess.run(
        [sys.executable, "-m", "soundoff", "export-labels", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "--output" in result.stdout
