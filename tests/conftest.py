"""Shared fixtures: the bundled glossary, the interop material beside the project, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "terms"
DATA = Path(__file__).resolve().parent / "data"
#: The concepts of the small glossary the site, API and PDF tests share (data/site).
SITE_IDS = (
    "abo-akademi",
    "capacity",
    "distance-learning",
    "hostile",
    "mother-tongue",
    "online-learning",
    "vocational-education",
    "webinar",
)
SHARED = ROOT.parent / "shared"


def _need_shared(sub: str) -> Path:
    path = SHARED / sub
    if path.exists():
        return path
    message = (
        f"{path} is missing: the interop files and schemas live beside the project in "
        "../shared (present in CI; not part of a user's clone)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def interop() -> Path:
    """``../shared/interop``: real TBX files and the official TBX schemas."""
    return _need_shared("interop")


@pytest.fixture(scope="session")
def core_concepts() -> Path:
    return _need_shared("vocabulary/core-concepts.tsv")


@pytest.fixture(scope="session")
def bundled():
    import glossary

    return glossary.load(TERMS)


@pytest.fixture()
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path_factory):
    """Commands under test never see the developer's $GLOSSARY_PATH, nor their cache."""
    monkeypatch.delenv("GLOSSARY_PATH", raising=False)
    monkeypatch.delenv("GLOSSARY_DEBUG", raising=False)
    monkeypatch.delenv("GLOSSARY_NO_CACHE", raising=False)
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def shared_samples() -> list[Path]:
    """Every file under ../shared/interop/samples, for parametrising.

    When the folder is absent this is one placeholder path; tests that use it also ask
    for the ``interop`` fixture, which skips them with the reason (or fails under CI).
    """
    root = SHARED / "interop" / "samples"
    if not root.exists():
        return [root / "(missing)"]
    return sorted(p for p in root.rglob("*") if p.is_file())
