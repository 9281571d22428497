"""The content-keyed cache: unchanged files are not parsed again, and it never changes a result."""

from __future__ import annotations

import shutil
from unittest import mock

from conftest import DATA

import glossary
from glossary.cache import cache_dir


def copy(tmp_path):
    root = tmp_path / "terms"
    shutil.copytree(DATA / "mini", root)
    return root


def test_unchanged_files_are_not_parsed_again(tmp_path):
    root = copy(tmp_path)
    first = glossary.validate(root)
    with mock.patch(
        "glossary.sources.yaml.read_yaml", wraps=glossary.sources.yaml.read_yaml
    ) as spy:
        assert glossary.validate(root) == first
        assert spy.call_count == 0
        path = root / "apprenticeship.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("ученичество", "ученичествo"), encoding="utf-8"
        )
        report = glossary.validate(root)
        assert spy.call_count == 1  # only the changed file
    assert [d.code for d in report.diagnostics] == ["H403"]
    path.write_text(
        path.read_text(encoding="utf-8").replace("ученичествo", "ученичество"), encoding="utf-8"
    )
    assert glossary.validate(root) == first


def test_settings_are_part_of_the_key(tmp_path):
    root = copy(tmp_path)
    assert glossary.validate(root).diagnostics == ()
    assert [d.code for d in glossary.validate(root, select=["C305"]).diagnostics] == [
        "C305",
        "C305",
    ]
    toml = root / "glossary.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[validate]\nextend-select = ["C305"]\n',
        encoding="utf-8",
    )
    assert [d.code for d in glossary.validate(root).diagnostics] == ["C305", "C305"]


def test_a_damaged_cache_is_rebuilt(tmp_path):
    root = copy(tmp_path)
    first = glossary.validate(root)
    for file in (cache_dir() / "sources").rglob("*.pickle"):
        file.write_bytes(b"not a pickle")
    assert glossary.validate(root) == first
    assert glossary.validate(root, cache=False) == first


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    glossary.validate(copy(tmp_path))
    glossary.load(tmp_path / "terms")
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    assert glossary.validate(copy(tmp_path)).diagnostics == ()
