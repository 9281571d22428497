"""``glossary diff``: what changed between two revisions of a git repository or two
folders, as JSON, text and Markdown, and the errors a user can run into."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import DATA, ROOT

from glossary.cli import app
from glossary.diff import Change, Rename, compare
from glossary.model import Concept, ConceptStatus, Glossary, LangSection, Term, TermStatus
from glossary.sources import load

MINI = DATA / "mini"

DISTANCE_BEFORE = """\
id: distance-learning
subjects: [vet]
status: draft
note: Example.
languages:
  fi:
    definition: Opiskelu etänä.
    terms:
      - term: etäopiskelu
        pos: noun
      - term: etäoppiminen
        status: admitted
        pos: noun
  ru:
    definition: Обучение на расстоянии.
    terms:
      - term: дистанционное обучение
        pos: noun
        gender: neuter
  en:
    terms: [distance learning]
"""

DISTANCE_AFTER = """\
id: distance-learning
subjects: [vet]
status: approved
related: [webinar]
note: Example.
languages:
  fi:
    definition: Opiskelu etänä.
    terms:
      - term: etäopiskelu
        pos: noun
      - term: etäoppiminen
        status: deprecated
        pos: noun
      - term: etäopetus
        status: admitted
        pos: noun
  ru:
    definition: Обучение на расстоянии с помощью информационных технологий.
    terms:
      - term: дистанционное обучение
        pos: noun
        gender: neuter
  en:
    terms: [distance learning]
"""

ONLINE_COURSE = """\
id: {id}
status: approved
languages:
  fi: {{terms: [verkkokurssi]}}
  ru: {{terms: [онлайн-курс]}}
"""

E_TUTOR = """\
id: e-tutor
languages:
  fi: {terms: [etätuutori]}
  ru: {terms: [онлайн-тьютор]}
"""

WEBINAR = """\
id: webinar
languages:
  fi: {terms: [webinaari]}
  ru: {terms: [вебинар]}
  en: {terms: [webinar]}
"""


def run(runner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture()
def need_git() -> None:
    if shutil.which("git") is None:
        message = "git is not installed (a system package: apt-get install git)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _first_release(terms: Path) -> None:
    terms.mkdir(parents=True, exist_ok=True)
    for name in ("glossary.toml", "apprenticeship.yaml", "workplace-learning.yaml"):
        shutil.copy(MINI / name, terms / name)
    _write(
        terms,
        {
            "distance-learning.yaml": DISTANCE_BEFORE,
            "online-course.yaml": ONLINE_COURSE.format(id="online-course"),
            "e-tutor.yaml": E_TUTOR,
        },
    )


def _second_release(terms: Path) -> None:
    """Edit one concept, add one, delete one, rename one."""
    (terms / "e-tutor.yaml").unlink()
    (terms / "online-course.yaml").unlink()
    _write(
        terms,
        {
            "distance-learning.yaml": DISTANCE_AFTER,
            "e-course.yaml": ONLINE_COURSE.format(id="e-course"),
            "webinar.yaml": WEBINAR,
        },
    )


@pytest.fixture()
def repo(tmp_path, need_git, monkeypatch) -> Path:
    """A git repository with two commits of a glossary in terms/; the working folder."""
    root = tmp_path / "repo"
    terms = root / "terms"
    terms.mkdir(parents=True)
    git(root, "init", "-q")
    _first_release(terms)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first release")
    _second_release(terms)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "second release")
    monkeypatch.chdir(root)
    return root


EXPECTED_JSON = {
    "added": ["webinar"],
    "removed": ["e-tutor"],
    "renamed": [{"from": "online-course", "to": "e-course"}],
    "changed": [
        {
            "id": "distance-learning",
            "changes": [
                {"lang": None, "field": "status", "old": "draft", "new": "approved"},
                {"lang": None, "field": "related", "old": [], "new": ["webinar"]},
                {"lang": "fi", "field": "term", "old": None, "new": "etäopetus"},
                {
                    "lang": "fi",
                    "field": "term[etäoppiminen].status",
                    "old": "admitted",
                    "new": "deprecated",
                },
                {
                    "lang": "ru",
                    "field": "definition",
                    "old": "Обучение на расстоянии.",
                    "new": "Обучение на расстоянии с помощью информационных технологий.",
                },
            ],
        }
    ],
}

EXPECTED_TEXT = """\
added    webinar
removed  e-tutor
renamed  online-course -> e-course
changed  distance-learning: status: 'draft' -> 'approved'
changed  distance-learning: related: added 'webinar'
changed  distance-learning/fi: term added: 'etäopetus' (admitted)
changed  distance-learning/fi: term 'etäoppiminen' DEPRECATED (was 'admitted')
changed  distance-learning/ru: definition: 'Обучение на расстоянии.' -> \
'Обучение на расстоянии с помощью информационных технологий.'
"""

EXPECTED_MARKDOWN = """\
# Glossary changes: HEAD\\~1 → HEAD

1 added, 1 removed, 1 renamed, 1 changed.

## Added

- `webinar`: fi webinaari · ru вебинар · en webinar

## Removed

- `e-tutor`: fi etätuutori · ru онлайн-тьютор

## Renamed

- `online-course` → `e-course`: fi verkkokurssi · ru онлайн-курс

## Changed

### `distance-learning`: fi etäopiskelu · ru дистанционное обучение · en distance learning

- Status: “draft” → “approved”
- Related: added “webinar”
- **fi**
  - Term added: “etäopetus” (admitted)
  - Term “etäoppiminen” **deprecated** (was “admitted”)
- **ru**
  - Definition: “Обучение на расстоянии.” → “Обучение на расстоянии с помощью информационных технологий.”
"""


# -- between git revisions --------------------------------------------------------------


def test_json_between_two_commits_lists_exactly_what_changed(runner, repo):
    result = run(runner, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED_JSON
    assert result.stderr == ""


def test_text_between_two_commits(runner, repo):
    result = run(runner, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_TEXT


def test_markdown_between_two_commits(runner, repo):
    result = run(runner, "diff", "HEAD~1", "HEAD", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == EXPECTED_MARKDOWN


def test_the_glossary_option_names_the_folder_within_the_repository(runner, repo, tmp_path):
    os.chdir(tmp_path)  # elsewhere: the repository is found from --glossary
    result = run(runner, "diff", "HEAD~1", "HEAD", "-f", "json", "-g", str(repo / "terms"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED_JSON


def test_a_glossary_file_at_a_revision_takes_its_glossary_toml(runner, repo):
    result = run(
        runner, "diff", "HEAD~1", "HEAD", "-f", "json", "-g", "terms/distance-learning.yaml"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["changed"] == EXPECTED_JSON["changed"]


def test_a_revision_against_the_working_folder_and_no_changes(runner, repo):
    result = run(runner, "diff", "HEAD~1", "terms", "-f", "json")
    assert json.loads(result.stdout) == EXPECTED_JSON
    same = run(runner, "diff", "HEAD", "terms")
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "")
    notes = run(runner, "diff", "HEAD", "HEAD", "-f", "markdown")
    assert notes.stdout == "# Glossary changes: HEAD → HEAD\n\nNo changes.\n"
    empty = run(runner, "diff", "HEAD", "HEAD", "-f", "json")
    assert json.loads(empty.stdout) == {"added": [], "removed": [], "renamed": [], "changed": []}


def test_the_documentation_shows_the_output_as_it_prints():
    docs = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    assert f"$ glossary diff HEAD~1 HEAD --format markdown\n{EXPECTED_MARKDOWN}```" in docs
    assert f"$ glossary diff HEAD~1 HEAD\n{EXPECTED_TEXT}```" in docs


# -- errors -----------------------------------------------------------------------------


def test_an_unknown_revision_is_a_usage_error(runner, repo):
    result = run(runner, "diff", "v9", "HEAD")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"glossary: error: unknown revision 'v9' in the git repository at {repo}\n"
    )


def test_outside_a_git_repository(runner, tmp_path, need_git, monkeypatch):
    terms = tmp_path / "terms"
    terms.mkdir()
    _first_release(terms)
    monkeypatch.chdir(tmp_path)
    result = run(runner, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: terms is not in a git repository; give two folders to compare\n"
    )


def test_a_revision_without_the_glossary(runner, tmp_path, need_git, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text("A project.\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    _first_release(root / "terms")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "glossary")
    monkeypatch.chdir(root)
    result = run(runner, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: terms does not exist at revision 'HEAD~1'\n"
    added = run(runner, "diff", "HEAD~1", "HEAD", "-g", "terms/glossary.toml")
    assert added.exit_code == 1
    assert added.stderr.startswith("glossary: error: terms/glossary.toml does not exist at")


def test_a_broken_revision_names_its_files_as_git_does(runner, repo):
    (repo / "terms" / "broken.yaml").write_text("id: broken\nstatus: [\n", encoding="utf-8")
    git(repo, "add", "terms/broken.yaml")
    git(repo, "commit", "-q", "-m", "broken")
    result = run(runner, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("HEAD:terms/broken.yaml:3:1: error: L102 ")
    assert lines[-1] == "glossary: error: the glossary at revision 'HEAD' has 1 error"
    assert "Traceback" not in result.stderr


def test_a_missing_folder_and_a_bad_format(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old").mkdir()
    shutil.copytree(MINI, tmp_path / "new")
    result = run(runner, "diff", "old", "new")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "glossary: error: the glossary has 1 error; run 'glossary validate'"
    )
    bad = run(runner, "diff", "new", "new", "--format", "html")
    assert bad.exit_code == 2
    assert "'html' is not one of 'text', 'markdown', 'json'" in bad.stderr


# -- between folders --------------------------------------------------------------------


def test_two_folders(runner, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MINI, old)
    shutil.copytree(MINI, new)
    text = (new / "workplace-learning.yaml").read_text(encoding="utf-8")
    text = text.replace("related: [apprenticeship]\n", "")
    text = text.replace(
        "      - term: työssäoppiminen\n        status: deprecated\n        pos: noun\n", ""
    )
    text = text.replace("  en:\n    terms: [workplace learning]\n", "")
    (new / "workplace-learning.yaml").write_text(text, encoding="utf-8")
    result = run(runner, "diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "changed  workplace-learning: related: removed 'apprenticeship'\n"
        "changed  workplace-learning/fi: term removed: 'työssäoppiminen' (deprecated)\n"
        "changed  workplace-learning/en: term removed: 'workplace learning'\n"
    )
    notes = run(runner, "diff", str(old), str(new), "-f", "markdown", "-g", str(old))
    assert notes.stdout.endswith(
        "### `workplace-learning`: fi työpaikalla järjestettävä koulutus"
        " · ru обучение на рабочем месте\n\n"
        "- Related: removed “apprenticeship”\n"
        "- **fi**\n"
        "  - Term removed: “työssäoppiminen” (deprecated)\n"
        "- **en**\n"
        "  - Term removed: “workplace learning”\n"
    )


# -- the library ------------------------------------------------------------------------


def _concept(cid: str, **terms: list[Term]) -> Concept:
    return Concept(cid, {lang: LangSection(lang, tuple(ts)) for lang, ts in terms.items()})


def _glossary(*concepts: Concept) -> Glossary:
    return Glossary(concepts={c.id: c for c in concepts})


def test_a_rename_with_edits_is_a_rename_and_its_changes_are_listed_under_the_new_id():
    old = _concept("e-learn", fi=[Term("verkko-oppiminen")], ru=[Term("электронное обучение")])
    new = replace(
        _concept(
            "e-learning",
            fi=[Term("verkko-oppiminen"), Term("e-oppiminen", status=TermStatus.ADMITTED)],
            ru=[Term("электронное обучение")],
        ),
        status=ConceptStatus.REVIEWED,
    )
    diff = compare(_glossary(old), _glossary(new))
    assert (diff.added, diff.removed, diff.renamed) == ((), (), (Rename("e-learn", "e-learning"),))
    assert [(c.id, c.changes) for c in diff.changed] == [
        (
            "e-learning",
            (
                Change(None, "status", "draft", "reviewed"),
                Change("fi", "term", None, "e-oppiminen"),
            ),
        )
    ]


def test_nearly_the_same_terms_are_a_rename_and_different_terms_are_not():
    old = _concept("a", fi=[Term("x"), Term("y"), Term("z")], ru=[Term("п")])
    near = _concept("b", fi=[Term("y"), Term("x"), Term("z")], ru=[Term("р"), Term("п")])
    other = _concept("c", fi=[Term("x")], ru=[Term("q")])
    diff = compare(_glossary(old), _glossary(near, other))
    assert diff.renamed == (Rename("a", "b"),)
    assert diff.added == ("c",)
    assert [c.field for c in diff.changed[0].changes] == ["terms", "term"]


def test_a_language_added_and_one_removed():
    old = _concept("a", fi=[Term("x")], sv=[Term("s")])
    new = replace(old, languages={"fi": old.languages["fi"], "en": LangSection("en", (Term("e"),))})
    assert compare(_glossary(old), _glossary(new)).changed[0].changes == (
        Change("en", "term", None, "e"),
        Change("sv", "term", "s", None),
    )


def test_a_field_the_model_gains_is_compared_with_no_change_to_the_diff():
    @dataclass(frozen=True, slots=True)
    class LabelledTerm(Term):
        usage: tuple[str, ...] = ()

    old = _concept("a", fi=[LabelledTerm("x")])
    new = _concept("a", fi=[LabelledTerm("x", usage=("colloquial",))])
    assert compare(_glossary(old), _glossary(new)).changed[0].changes == (
        Change("fi", "term[x].usage", [], ["colloquial"]),
    )


def test_the_bundled_glossary_against_itself_has_no_changes():
    g = load(MINI)
    diff = compare(g, g)
    assert not diff
    assert diff.as_dict() == {"added": [], "removed": [], "renamed": [], "changed": []}


def test_markdown_escapes_the_markup_in_terms_and_text_prints_no_control_characters():
    from glossary.render_diff import diff_markdown, diff_text

    old = _concept("a", fi=[Term("x")])
    new = _concept("a", fi=[Term("x"), Term("*b* <i>_c_</i> [d](e) \x1b[31m")])
    diff = compare(_glossary(old), _glossary(new))
    assert diff_markdown(diff).splitlines()[-1] == (
        "  - Term added: “\\*b\\* \\<i\\>\\_c\\_\\</i\\> \\[d\\](e) \\\\x1b\\[31m”"
    )
    assert diff_text(diff) == "changed  a/fi: term added: '*b* <i>_c_</i> [d](e) \\x1b[31m'"
