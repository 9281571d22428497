"""Importing spreadsheets (CSV, XLSX) and the TBX files of other tools; CSV/XLSX export."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from conftest import DATA, TERMS, shared_samples

import glossary
from glossary.errors import LoadError
from glossary.importer import Action, import_file
from glossary.model import Concept, LangSection, Term
from glossary.sources.tabular import read_table

# -- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_glossary(kind, bundled, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    path = tmp_path / f"g.{kind}"
    glossary.export(bundled, kind, path)
    report = import_file(path, tmp_path / "terms")
    assert report.count(Action.CREATED) == len(bundled.concepts)
    assert [d for d in report.diagnostics] == []
    again = glossary.load(tmp_path / "terms")
    assert list(again.concepts.values()) == list(bundled.concepts.values())
    if kind == "xlsx":  # the sheet "glossary" carries the metadata too
        assert again.meta.title == bundled.meta.title
        assert again.meta.subjects == bundled.meta.subjects
        assert (again.meta.required, again.meta.note_language) == (("fi", "ru"), "en")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_relations_image_equivalence_and_term_labels_survive_a_spreadsheet(kind, tmp_path):

    site = glossary.load(DATA / "site")
    path = tmp_path / f"g.{kind}"
    glossary.export(site, kind, path)
    table = read_table(path.read_bytes(), path.name, kind)
    assert table.diagnostics == []
    assert {c.id: c for c in table.concepts} == dict(site.concepts)
    assert {c.id: c.replaced_by for c in table.concepts}["capacity"] == ("vocational-education",)


def test_xlsx_export_is_reproducible_and_keeps_text_as_text(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru"]\n', "utf-8"
    )
    (tmp_path / "g" / "a.yaml").write_text(
        "id: a\nlanguages:\n  fi:\n    terms: ['=HYPERLINK(\"http://x\")']\n"
        "  ru:\n    terms: ['1/2', '0012']\n",
        "utf-8",
    )
    g = glossary.load(tmp_path / "g")
    from glossary.exporters.xlsx import render

    data = render(g)
    assert render(g) == data
    table = read_table(data, "g.xlsx", "xlsx")
    terms = [t.term for c in table.concepts for t in c.terms()]
    assert terms == ['=HYPERLINK("http://x")', "1/2", "0012"]


# -- spreadsheets as partners keep them ----------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "fi,ru,en",
        "FI,RU,EN",
        "Finnish,Russian,English",
        "suomi,venäjä,englanti",
        "Suomeksi,Venäjäksi,Englanniksi",
        "финский,русский,английский",
        "Term (fi),Term (ru),Term (en)",
        "Finnish term,Russian term,English term",
        "термин fi,термин ru,термин en",
    ],
)
def test_language_columns_are_found_by_any_name(header):
    data = f"{header}\netäopiskelu,дистанционное обучение,distance learning\n".encode()
    table = read_table(data, "p.csv", "csv")
    assert table.layout == "concepts"
    assert table.diagnostics == []
    (concept,) = table.concepts
    assert concept.id == "distance-learning"
    assert {lang: s.terms[0].term for lang, s in concept.languages.items()} == {
        "fi": "etäopiskelu",
        "ru": "дистанционное обучение",
        "en": "distance learning",
    }


def test_a_partner_spreadsheet_with_every_kind_of_column(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Suomi",
            "Määritelmä (suomi)",
            "Русский",
            "Определение (ru)",
            "Пример ru",
            "English",
            "Aihealue",
            "Huomautus",
            "Status",
            "Sanat",
        ]
    )
    sheet.append(
        [
            "Distance learning",
            "etäopiskelu; etäoppiminen",
            "Opiskelu etänä.",
            "дистанционное обучение\nдистанционка",
            "Обучение на расстоянии.",
            "Колледж перешёл на дистанционное обучение.",
            "distance learning",
            "E-learning",
            "Tarkista.",
            "reviewed",
            "x",
        ]
    )
    sheet.append([None] * 11)
    sheet.append(
        [None, "webinaari", None, "вебинар", None, None, "webinar", "e-learning", None, "final"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "p.xlsx", "xlsx")
    first, second = table.concepts
    assert first.id == "distance-learning"
    assert first.subjects == ("e-learning",)
    assert first.status.value == "reviewed"
    assert first.note == "Tarkista."
    fi, ru = first.languages["fi"], first.languages["ru"]
    assert [(t.term, t.status.value) for t in fi.terms] == [
        ("etäopiskelu", "preferred"),
        ("etäoppiminen", "admitted"),
    ]
    assert fi.definition == "Opiskelu etänä."
    assert [t.term for t in ru.terms] == ["дистанционное обучение", "дистанционка"]
    assert ru.terms[0].context == "Колледж перешёл на дистанционное обучение."
    assert second.id == "webinar"
    messages = [(d.line, d.col, d.code, d.message) for d in table.diagnostics]
    assert messages == [
        (
            1,
            11,
            "L106",
            "column 'Sanat' is neither a language nor a field: 1 cell not imported, first at p.xlsx:2:11",
        ),
        (2, 0, "L110", "id 'Distance learning' written as 'distance-learning'"),
        (4, 0, "L108", "status 'final' is not draft, reviewed or approved; read as draft"),
    ]


def test_csv_dialects_and_encodings():
    semicolons = "fi;ru\nammatillinen koulutus;профессиональное образование\n".encode()
    assert read_table(semicolons, "a.csv", "csv").concepts[0].id == "ammatillinen-koulutus"
    tabs = "fi\tru\nkoulutus\tобучение\n".encode()
    assert read_table(tabs, "a.tsv", "csv").concepts[0].languages["ru"].terms[0].term == "обучение"
    windows = "fi,en\ntyöelämä,working life\n".encode("cp1252")
    table = read_table(windows, "w.csv", "csv")
    assert table.concepts[0].languages["fi"].terms[0].term == "työelämä"
    assert [d.code for d in table.diagnostics] == ["L116"]
    bom = "\ufefffi,en\nkoulutus,training\n".encode()
    assert read_table(bom, "b.csv", "csv").concepts[0].id == "training"


def test_duplicate_ids_in_one_sheet_are_numbered():
    data = b"en,fi\ncourse,kurssi\ncourse,opintojakso\n"
    table = read_table(data, "d.csv", "csv")
    assert [c.id for c in table.concepts] == ["course", "course-2"]
    assert (
        table.diagnostics[0].message
        == "id 'course' is already used by row 2; this row is 'course-2'"
    )


# -- bad and hostile input ------------------------------------------------------------------


def test_problems_name_the_file_row_and_column():
    from glossary.exporters.csv import COLUMNS

    header = ",".join(COLUMNS)

    def row(**cells: str) -> str:
        return ",".join(cells.get(column, "") for column in COLUMNS)

    def col(name: str) -> int:
        return COLUMNS.index(name) + 1

    rows = [
        row(
            concept_id="a",
            concept_status="approved",
            lang="fi",
            term="termi",
            term_status="preffered",
            pos="noun",
        ),
        row(concept_id="a", concept_status="approved", lang="xx yy"),
        row(concept_id="b", updated="2026-13-01", lang="fi", term="sana", pos="nuon"),
        row(concept_id="../../etc/passwd", lang="fi", term="x"),
    ]
    table = read_table(("\n".join([header, *rows]) + "\n").encode(), "t.csv", "csv")
    found = [(d.line, d.col, d.code) for d in table.diagnostics]
    assert found == [
        (2, col("term_status"), "L108"),
        (3, col("lang"), "L111"),
        (4, col("updated"), "L114"),
        (4, col("pos"), "L108"),
        (5, 1, "L110"),
    ]
    assert "did you mean 'preferred'" in table.diagnostics[0].message
    assert [c.id for c in table.concepts] == ["a", "b", "etc-passwd"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", b"", "the spreadsheet is empty"),
        ("nothing.csv", b"Sanat,Muuta\nx,y\n", "no column of terms"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable XLSX file"),
        ("notes.odt", b"hello", "cannot import this kind of file"),
        ("notes.txt", b"hello", "no column of terms"),
    ],
)
def test_unusable_files_are_one_clear_error(runner, tmp_path, name, data, message):
    from glossary.cli import app

    (tmp_path / name).write_bytes(data)
    result = runner.invoke(app, ["import", str(tmp_path / name), "--into", str(tmp_path / "t")])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "t").exists()


def test_a_quote_left_open_stops_the_csv_instead_of_swallowing_rows(runner, tmp_path):
    from glossary.cli import app

    sheet = tmp_path / "partner.csv"
    sheet.write_text(
        'fi;ru\nopintopiste;зачётная единица\nhuono;"rivi\ntutkinto;квалификация\n', "utf-8"
    )
    table = read_table(sheet.read_bytes(), str(sheet), "csv")
    assert [(d.line, d.code) for d in table.diagnostics] == [(4, "L101")]
    assert "broken CSV (unexpected end of data)" in table.diagnostics[0].message
    assert [c.id for c in table.concepts] == ["opintopiste"]

    result = runner.invoke(app, ["import", str(sheet), "--into", str(tmp_path / "t")])
    assert result.exit_code == 1
    assert f"{sheet}:4:0: error: L101 broken CSV" in result.stderr
    assert result.stderr.endswith(f"{sheet}: imported 1 concept: 1 created; 1 error (see above)\n")
    assert sorted(os.listdir(tmp_path / "t")) == ["glossary.toml", "opintopiste.yaml"]


# -- never lose what is there ----------------------------------------------------------------


def existing(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "t"\nlanguages = ["fi", "ru", "en"]\n', "utf-8"
    )
    (terms / "distance-learning.yaml").write_text(
        "id: distance-learning\nstatus: approved\nlanguages:\n  fi:\n    terms: [etäopiskelu]\n"
        "  ru:\n    definition: Обучение на расстоянии.\n    terms: [дистанционное обучение]\n",
        "utf-8",
    )
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "id,fi,ru,en,definition ru\n"
        "distance-learning,etäoppiminen,дистанционное обучение,distance learning,Другое.\n",
        "utf-8",
    )
    return terms, sheet


def test_an_existing_concept_is_skipped_unless_merged_or_forced(runner, tmp_path):
    from glossary.cli import app

    terms, sheet = existing(tmp_path)
    before = (terms / "distance-learning.yaml").read_bytes()
    result = runner.invoke(app, ["import", str(sheet), "--into", str(terms)])
    assert result.exit_code == 0
    assert "skipped   " in result.stdout
    assert "--merge adds what is new, --force replaces it" in result.stdout
    assert (terms / "distance-learning.yaml").read_bytes() == before

    result = runner.invoke(
        app, ["import", str(sheet), "--into", str(terms), "--merge", "--dry-run"]
    )
    assert "merged" in result.stdout and (terms / "distance-learning.yaml").read_bytes() == before

    result = runner.invoke(app, ["import", str(sheet), "--into", str(terms), "--merge"])
    assert result.exit_code == 0, result.stderr
    assert "added fi: 1 term, en: new language" in result.stdout
    merged = glossary.load(terms).concepts["distance-learning"]
    # A changed concept goes back for review; the differing definition is reported, not taken.
    assert merged.status.value == "reviewed"
    assert (
        "conflicts, kept as they were: ru definition differs ('Другое.' not taken)" in result.stdout
    )
    assert "1 conflict (kept as they were; see above)" in result.stderr
    assert [(t.term, t.status.value) for t in merged.languages["fi"].terms] == [
        ("etäopiskelu", "preferred"),
        ("etäoppiminen", "admitted"),  # a second preferred term is added as admitted
    ]
    assert merged.languages["ru"].definition == "Обучение на расстоянии."
    assert merged.languages["en"].terms[0].term == "distance learning"

    result = runner.invoke(app, ["import", str(sheet), "--into", str(terms), "--merge"])
    assert "nothing new" in result.stdout

    result = runner.invoke(app, ["import", str(sheet), "--into", str(terms), "--merge", "--force"])
    assert result.exit_code == 2


def test_a_merge_keeps_the_comments_and_adds_lines(tmp_path):
    terms, sheet = existing(tmp_path)
    path = terms / "distance-learning.yaml"
    path.write_text("# checked with the partner\n" + path.read_text("utf-8"), "utf-8")
    before = path.read_text("utf-8")
    report = import_file(sheet, terms, merge_existing=True, dry_run=True)
    assert [item.action for item in report.items] == [Action.MERGED]
    assert path.read_text("utf-8") == before
    report = import_file(sheet, terms, merge_existing=True, today=dt.date(2026, 12, 5))
    (item,) = report.items
    assert (item.action, item.reason) == (
        Action.MERGED,
        "added fi: 1 term, en: new language; conflicts, kept as they were: ru definition "
        "differs ('Другое.' not taken); for review: status approved -> reviewed, updated 2026-12-05",
    )
    assert path.read_text("utf-8") == before.replace(
        "terms: [etäopiskelu]\n", "terms: [etäopiskelu, {term: etäoppiminen, status: admitted}]\n"
    ).replace("status: approved", "status: reviewed") + (
        "  en:\n    terms: [distance learning]\nupdated: 2026-12-05\n"
    )


INCOMING = Concept(
    id="a",
    languages={
        "fi": LangSection(lang="fi", terms=(Term(term="y"),), definition="d"),
        "en": LangSection(lang="en", terms=(Term(term="e\nf"),)),
    },
    note="multi\nline",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "id: a\r\nlanguages:\r\n  fi:\r\n    terms:\r\n    - x\r\n",
            "id: a\r\nlanguages:\r\n  fi:\r\n    terms:\r\n    - x\r\n"
            "    - term: 'y'\r\n      status: admitted\r\n    definition: d\r\n"
            "  en:\r\n    terms:\r\n      - |-\r\n        e\r\n        f\r\n"
            "note: |-\r\n  multi\r\n  line\r\n",
            id="crlf-and-a-list-at-the-column-of-its-key",
        ),
        pytest.param(
            "id: a\nlanguages:\n  fi:\n    terms: [x]",
            'id: a\nlanguages:\n  fi:\n    terms: [x, {term: "y", status: admitted}]\n'
            "    definition: d\n  en:\n    terms:\n      - |-\n        e\n        f\n"
            "note: |-\n  multi\n  line",
            id="no-line-end-at-the-end",
        ),
        pytest.param(
            "---\nid: a\nlanguages:\n  fi:\n    note: |\n      a\n\n    terms:\n      - x\n...\n",
            "---\nid: a\nlanguages:\n  fi:\n    note: |\n      a\n\n    terms:\n      - x\n"
            "      - term: 'y'\n        status: admitted\n    definition: d\n"
            "  en:\n    terms:\n      - |-\n        e\n        f\nnote: |-\n  multi\n  line\n...\n",
            id="document-markers-and-a-block-scalar",
        ),
    ],
)
def test_what_a_merge_adds_is_inserted_as_text(text, expected):
    from glossary.importer import merge
    from glossary.sources.yaml import read_yaml
    from glossary.yamledit import add_to_text

    (concept,), _ = read_yaml(io.BytesIO(text.encode()), name="a.yaml")
    merged = merge(concept, INCOMING)
    assert add_to_text(text, concept, merged) == expected
    again, problems = read_yaml(io.BytesIO(expected.encode()), name="a.yaml")
    assert (again, problems) == ([merged], [])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "id: a\nlanguages: {fi: {terms: [x]}}\n",
            "a mapping written in flow style ({…}); add the new terms by hand",
        ),
        ("- id: a\n  languages:\n    fi:\n      terms: [x]\n", "the file holds several concepts"),
    ],
)
def test_a_file_that_cannot_be_added_to_is_left_alone(tmp_path, text, reason):
    terms = tmp_path / "terms"
    terms.mkdir()
    path = terms / "a.yaml"
    path.write_text(text, "utf-8")
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,fi,en\na,uusi,new\n", "utf-8")
    report = import_file(sheet, terms, merge_existing=True)
    (item,) = report.items
    assert item.action is Action.SKIPPED
    assert item.reason.startswith(reason)
    assert path.read_text("utf-8") == text


# -- real files of other tools ----------------------------------------------------------------


@pytest.mark.parametrize("sample", shared_samples(), ids=lambda p: "/".join(p.parts[-2:]))
def test_every_interop_sample_imports_or_says_why(interop, sample, tmp_path):
    try:
        report = import_file(sample, tmp_path / "terms")
    except LoadError as error:
        assert error.diagnostics, sample
        assert all(d.path == str(sample) for d in error.diagnostics)
        return
    assert report.items, sample
    created = [item for item in report.items if item.action is Action.CREATED]
    if created:
        loaded = glossary.load(tmp_path / "terms")
        assert len(loaded.concepts) == len(created)


def test_import_command_reports_what_it_did(runner, tmp_path, monkeypatch):
    from glossary.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    sheet = tmp_path / "g.xlsx"
    result = runner.invoke(app, ["export", "xlsx", "--out", str(sheet), "-g", str(DATA / "mini")])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["import", str(sheet), "--into", str(tmp_path / "t")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"created   {tmp_path / 't' / 'apprenticeship.yaml'}"
    assert result.stderr.endswith(f"{sheet}: imported 3 concepts: 3 created\n")
    assert os.listdir(tmp_path / "t") and TERMS.is_dir()
