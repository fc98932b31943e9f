"""The classifier library stays free of Django and torch."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_does_not_pull_django_or_torch():
    code = (
        "import sys, soundoff.classifier as c, soundoff.classifier.cli, "
        "soundoff.classifier.train;"
        "bad = [m for m in ('django', 'torch') if m in sys.modules];"
        "assert not bad, bad; print('ok')"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=60, check=False)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_no_django_or_torch_import_statements():
    for path in (REPO / "soundoff" / "classifier").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        for bad in ("import django", "from django", "import torch", "from torch"):
            assert bad not in src, f"{path}: {bad}"
