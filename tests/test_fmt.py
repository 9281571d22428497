"""``fmt``: one canonical form, comments kept, idempotent, the model unchanged."""

from __future__ import annotations

import io
import shutil
import textwrap

import pytest
from conftest import TERMS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import concepts

import glossary
from glossary.cli import app
from glossary.formatting import fmt, format_text
from glossary.sources.yaml import dump_yaml, read_yaml


def formatted(text: str) -> str:
    result = format_text(textwrap.dedent(text).lstrip("\n").encode(), "x.yaml")
    assert result.text is not None, result.diagnostics
    return result.text


def test_key_order_shorthand_quoting_and_final_newline():
    assert formatted(
        """
        languages:
          ru:
            terms:
              - term: 'дистанционное обучение'
                gender: neuter
                pos: noun
          fi:
            terms:
              - {term: etäopiskelu}
            definition: "Opiskelu etänä."
        status: approved
        id: distance-learning"""
    ) == textwrap.dedent(
        """\
        id: distance-learning
        status: approved
        languages:
          ru:
            terms:
              - term: дистанционное обучение
                pos: noun
                gender: neuter
          fi:
            definition: Opiskelu etänä.
            terms: [etäopiskelu]
        """
    )


def test_comments_stay_with_their_nodes():
    assert formatted(
        """
        # Reviewed by the Kotka team in 2026.
        id: a   # stable
        languages:
          fi:
            terms:
              # the one to use
              - term: etäopiskelu
                status: preferred   # written out, the default
              - term: etäopetus  # older
                status: admitted
        # end of file
        """
    ) == textwrap.dedent(
        """\
        # Reviewed by the Kotka team in 2026.
        id: a  # stable
        status: draft
        languages:
          fi:
            terms:
              # the one to use
              - etäopiskelu  # written out, the default
              - term: etäopetus  # older
                status: admitted
        # end of file
        """
    )


def test_text_of_several_lines_becomes_a_literal_block():
    text = formatted(
        """
        id: a
        note: "First.\\n\\nSecond  # not a comment"
        languages: {fi: {terms: [a]}}
        """
    )
    assert "note: |-\n  First.\n\n  Second  # not a comment\n" in text
    assert formatted(text) == text


def test_a_file_of_several_concepts_keeps_its_shape():
    text = formatted(
        """
        - id: a   # first
          languages: {fi: {terms: [a]}}
        - id: b
          languages: {fi: {terms: [b]}}
        """
    )
    assert text == textwrap.dedent(
        """\
        - id: a  # first
          status: draft
          languages:
            fi:
              terms: [a]
        - id: b
          status: draft
          languages:
            fi:
              terms: [b]
        """
    )
    assert formatted(text) == text


def test_a_file_with_errors_is_not_formatted():
    result = format_text(b"id: a\nlanguages: {fi: {terms: [a]}\n", "x.yaml")
    assert result.text is None
    assert [d.code for d in result.diagnostics] == ["L102"]


_COMMENT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=15)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(concepts(), st.data())
def test_fmt_keeps_every_comment_and_the_model_and_is_idempotent(concept, data):
    lines = dump_yaml(concept).splitlines()
    comments = []
    out = []
    inside_block = False
    for line in lines:
        stripped = line.lstrip(" ")
        starts_block = stripped.endswith("|-")
        if not inside_block and data.draw(st.booleans(), label="before"):
            text = "# " + data.draw(_COMMENT, label="comment").strip()
            comments.append(text.rstrip())
            out.append(" " * (len(line) - len(stripped)) + text.rstrip())
        if not inside_block and not starts_block and data.draw(st.booleans(), label="after"):
            text = "# " + data.draw(_COMMENT, label="comment").strip()
            comments.append(text.rstrip())
            line = f"{line}  {text.rstrip()}"
        if starts_block:
            inside_block = True
        elif inside_block and not line.startswith(" " * (len(line) - len(stripped))):
            inside_block = False
        out.append(line)
    if any("|-" in line for line in lines):
        return  # comment positions inside block scalars are not modelled here
    source = "\n".join(out) + "\n"
    result = format_text(source.encode("utf-8"), "x.yaml")
    assert result.text is not None, result.diagnostics
    again = format_text(result.text.encode("utf-8"), "x.yaml")
    assert again.text == result.text
    before, _ = read_yaml(io.BytesIO(source.encode()), name="x")
    after, _ = read_yaml(io.BytesIO(result.text.encode()), name="x")
    assert after == before
    kept = [line.strip() for line in result.text.splitlines()]
    for comment in comments:
        assert any(comment in line for line in kept), comment


# -- the bundled glossary and the command -----------------------------------------------


def test_fmt_twice_on_the_bundled_glossary_changes_nothing_the_second_time(tmp_path):
    copy = tmp_path / "terms"
    shutil.copytree(TERMS, copy)
    before = glossary.load(copy)
    fmt([copy])
    snapshot = {p.name: p.read_bytes() for p in copy.glob("*.yaml")}
    second = fmt([copy])
    assert second.reformatted == []
    assert {p.name: p.read_bytes() for p in copy.glob("*.yaml")} == snapshot
    after = glossary.load(copy)
    assert after.concepts == before.concepts
    assert after.meta == before.meta


def test_the_bundled_glossary_is_in_canonical_form():
    report = fmt([TERMS], check=True)
    assert report.reformatted == [] and report.failed == []


@pytest.fixture()
def messy(tmp_path):
    (tmp_path / "glossary.toml").write_text('[glossary]\nid = "t"\n', encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        "status: approved\nid: a\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text(
        dump_yaml(glossary.load(TERMS).concepts["webinar"]), encoding="utf-8"
    )
    (tmp_path / "c.yaml").write_text("id: c\nlanguages: {fi: {terms: [c]}\n", encoding="utf-8")
    return tmp_path


def test_fmt_check_lists_and_exits_1_without_writing(runner, messy):
    kept = (messy / "a.yaml").read_bytes()
    result = runner.invoke(app, ["fmt", str(messy), "--check"])
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {messy / 'a.yaml'}\n"
    assert result.stderr.splitlines()[-1] == (
        "1 file would be reformatted, 1 unchanged, 1 not formatted because of errors"
    )
    assert f"{messy / 'c.yaml'}:2:12: error: L102 " in result.stderr
    assert (messy / "a.yaml").read_bytes() == kept


def test_fmt_rewrites_atomically_and_leaves_broken_files_alone(runner, messy):
    broken = (messy / "c.yaml").read_bytes()
    result = runner.invoke(app, ["fmt", str(messy)])
    assert result.exit_code == 1  # c.yaml could not be formatted
    assert (messy / "a.yaml").read_text(encoding="utf-8") == (
        "id: a\nstatus: approved\nlanguages:\n  fi:\n    terms: [a]\n"
    )
    assert (messy / "c.yaml").read_bytes() == broken
    assert sorted(p.name for p in messy.iterdir()) == [
        "a.yaml",
        "b.yaml",
        "c.yaml",
        "glossary.toml",
    ]


def test_fmt_diff(runner, messy):
    result = runner.invoke(app, ["fmt", str(messy / "a.yaml"), "--check", "--diff"])
    assert result.exit_code == 1
    assert "\n+id: a\n status: approved\n-id: a\n-languages: {fi: {terms: [a]}}\n" in result.stdout


@pytest.mark.parametrize("options", [["--diff"], ["--check"], ["--check", "--diff"]], ids=" ".join)
@pytest.mark.parametrize("cache", ["0", "1"], ids=["no-cache", "cache"])
def test_fmt_diff_and_check_never_write(runner, messy, options, cache, monkeypatch):
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "" if cache == "1" else "1")
    files = sorted(messy.glob("*.yaml"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    for _ in range(2):  # the second time from the cache, if it is on
        result = runner.invoke(app, ["fmt", *options, str(messy)])
        assert result.exit_code == 1, result.output  # c.yaml is broken
        assert f"would reformat {messy / 'a.yaml'}\n" in result.stdout
        assert "reformatted " not in result.stdout
        assert result.stderr.endswith(
            "1 file would be reformatted, 1 unchanged, 1 not formatted because of errors\n"
        ), result.stderr
        assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert sorted(p.name for p in messy.iterdir()) == [
        "a.yaml",
        "b.yaml",
        "c.yaml",
        "glossary.toml",
    ]


def test_fmt_refuses_the_installed_glossary(runner, monkeypatch, tmp_path):
    import glossary.paths as paths
    import glossary.sources as sources

    installed = tmp_path / "site-packages" / "glossary"
    (installed / "terms").mkdir(parents=True)
    (installed / "__init__.py").write_text("", encoding="utf-8")
    (installed / "terms" / "glossary.toml").write_text("[glossary]\n", encoding="utf-8")
    monkeypatch.setattr(sources, "bundled_path", lambda: installed / "terms")
    monkeypatch.setattr(paths, "bundled_path", lambda: installed / "terms")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 2
    assert "read-only" in result.stderr
