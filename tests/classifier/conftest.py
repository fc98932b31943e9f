import pytest

from soundoff.classifier.datasets import default_datasets_dir
from soundoff.classifier.model import DEFAULT_ARTIFACTS


@pytest.fixture(scope="session")
def shipped_model():
    if not (DEFAULT_ARTIFACTS / "fast" / "manifest.json").exists():
        pytest.skip("no shipped fast-tier artifacts")
    from soundoff.classifier import load_default

    return load_default()


@pytest.fixture(scope="session")
def datasets_dir():
    d = default_datasets_dir()
    if not d.is_dir():
        pytest.skip(f"data sets folder {d} not present")
    return d
