"""The documentation keeps up with the code: every field, code and command is described."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from glossary.sources.fields import CONCEPT_FIELDS, SECTION_FIELDS, TERM_FIELDS
from glossary.validation.diagnostics import LOAD_CODES

FORMAT = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(set(CONCEPT_FIELDS + SECTION_FIELDS + TERM_FIELDS)))
def test_every_source_field_is_documented(name):
    assert f"| `{name}` |" in FORMAT


@pytest.mark.parametrize("code", sorted(LOAD_CODES))
def test_every_load_code_is_documented(code):
    name = LOAD_CODES[code][0]
    assert f"| `{code}` | {name} |" in FORMAT


def test_readme_starts_with_the_install_and_the_test_command():
    commands = re.search(r"```sh\n(.*?)```", README, re.S).group(1).splitlines()
    assert commands[0].endswith("pip install . && glossary lookup etäopiskelu")
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_every_command_is_in_the_readme():
    from typer.main import get_command

    from glossary.cli import app

    for name in get_command(app).commands:
        assert f"glossary {name}" in README, name
