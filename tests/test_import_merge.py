"""A merge you can review (#13): it adds only what it reports, reports every conflict
without overwriting, never writes a field in a language the glossary does not declare for
it, and sends a changed concept back for review."""

from __future__ import annotations

import pytest

from glossary.cli import app

CONCEPT = (
    "id: mentor\n"
    "status: approved\n"
    "note: Checked with the college.\n"
    "languages:\n"
    "  fi:\n"
    "    definition: Työpaikalla opiskelijaa ohjaava henkilö.\n"
    "    terms: [työpaikkaohjaaja]\n"
    "  ru:\n"
    "    terms: [наставник]\n"
    "updated: 2026-01-10\n"
)


@pytest.fixture()
def glossary_dir(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru"]\nrequired = ["fi", "ru"]\n'
        'note_language = "en"\n',
        "utf-8",
    )
    (terms / "mentor.yaml").write_text(CONCEPT, "utf-8")
    return terms


def _sheet(tmp_path):
    sheet = tmp_path / "partner.csv"
    sheet.write_text(
        "id;Термин (рус.);Suomeksi;Määritelmä (suomi);Примечание;Status;en\n"
        "mentor;наставник;ohjaaja;Henkilö, joka ohjaa.;Проверено.;reviewed;mentor\n",
        "utf-8",
    )
    return sheet


EXPECTED = (
    "merged    {path}  (added fi: 1 term; conflicts, kept as they were: fi definition differs "
    "('Henkilö, joka ohjaa.' not taken), concept note differs ('Проверено.' not taken), "
    "status is reviewed there, approved here; not added: en: not a language of the glossary; "
    "for review: status approved -> reviewed, updated 2026-11-18)\n"
)


def test_a_conflicting_sheet_is_reported_and_the_concept_left_for_review(
    runner, tmp_path, glossary_dir, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    path = glossary_dir / "mentor.yaml"
    args = ["import", str(_sheet(tmp_path)), "--into", str(glossary_dir), "--merge"]
    dry = runner.invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout == EXPECTED.format(path=path)
    assert path.read_text("utf-8") == CONCEPT
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    # --dry-run printed the same report.
    assert result.stdout == dry.stdout
    assert "3 conflicts (kept as they were; see above)" in result.stderr
    # Only what was reported changed: one Finnish term, the status and the date.
    assert path.read_text("utf-8") == CONCEPT.replace(
        "terms: [työpaikkaohjaaja]", "terms: [työpaikkaohjaaja, {term: ohjaaja, status: admitted}]"
    ).replace("status: approved", "status: reviewed").replace("2026-01-10", "2026-11-18")


def test_keep_status_keeps_an_approved_concept_approved(runner, tmp_path, glossary_dir):
    path = glossary_dir / "mentor.yaml"
    result = runner.invoke(
        app,
        [
            "import",
            str(_sheet(tmp_path)),
            "--into",
            str(glossary_dir),
            "--merge",
            "--keep-status",
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = path.read_text("utf-8")
    assert "status: approved\n" in text
    assert "status approved -> reviewed" not in result.stdout


def test_a_concept_note_in_the_notes_language_is_added(runner, tmp_path, glossary_dir):
    path = glossary_dir / "mentor.yaml"
    path.write_text(CONCEPT.replace("note: Checked with the college.\n", ""), "utf-8")
    sheet = tmp_path / "p.csv"
    sheet.write_text("id,fi,ru,note\nmentor,työpaikkaohjaaja,наставник,Проверено.\n", "utf-8")
    result = runner.invoke(app, ["import", str(sheet), "--into", str(glossary_dir), "--merge"])
    assert result.exit_code == 0, result.stderr
    # The glossary's notes are English; a sheet says nothing of its notes' language.
    assert (
        "(nothing new; not added: concept note: not in the language the glossary's notes are in)"
        in result.stdout
    )
    assert "note:" not in path.read_text("utf-8")
