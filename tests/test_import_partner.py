"""Partners' sheets as they really come (#13): headers in many languages, title rows,
a second sheet, date cells, headerless tab glossaries, the sanastot.suomi.fi template."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from glossary.cli import app
from glossary.sources.tableheaders import header_columns
from glossary.sources.tabular import TableOptions, read_table


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _found(table):  # type: ignore[no-untyped-def]
    return [
        {lang: [(t.term, t.status.value) for t in s.terms] for lang, s in c.languages.items()}
        for c in table.concepts
    ]


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Термин (рус.)", ("term", "ru")),
        ("Suomeksi", ("term", "fi")),
        ("Russian", ("term", "ru")),
        ("venäjä", ("term", "ru")),
        ("Ryska", ("term", "ru")),
        ("Finnisch", ("term", "fi")),
        ("anglais", ("term", "en")),
        ("Определение", None),  # a field without a language: skipped, counted
        ("Определение (фин.)", ("definition", "fi")),
        ("Примечание", ("note", None)),
        ("määritelmä suomi", ("definition", "fi")),
        ("lähde_fi", ("source", "fi")),
        ("esimerkki (suomi)", ("context", "fi")),
        ("Part of speech (en)", ("pos", "en")),
        ("sanaluokka fi", ("pos", "fi")),
        ("род ru", ("gender", "ru")),
        ("aihe", ("subject", None)),
        ("область", ("subject", None)),
        ("Status", ("status", None)),
        ("prefLabel_fi", ("term", "fi")),
        ("altLabel_sv", ("alt", "sv")),
        ("notRecommendedSynonym_fi", ("deprecated", "fi")),
        ("definition_en", ("definition", "en")),
        ("FI-fi", ("term", "fi-FI")),
        ("fin", ("term", "fi")),
        ("zh_Hans", ("term", "zh-Hans")),
        ("№", None),
        ("See Also", None),
        ("POS/Type", None),
        ("Use Case", None),
        ("term_var", None),
        ("kde", None),
        ("csv kde", None),
        ("No", None),
    ],
)
def test_what_a_header_names(header, column):
    columns, skipped = header_columns([header])
    if column is None:
        assert columns == []
        assert len(skipped) == 1
    else:
        assert [(c.field, c.lang) for c in columns] == [column]
        assert skipped == []


def _russian_partner_sheet() -> bytes:
    return _xlsx(
        {
            "Термины": [
                ["Глоссарий колледжа, версия от 12.03.2026"],
                [],
                ["№", "Термин (рус.)", "Suomeksi", "Определение", "Примечание", "Дата"],
                [
                    1,
                    "дистанционное обучение",
                    "etäopetus",
                    "Обучение на расстоянии.",
                    "См. ГОСТ",
                    dt.datetime(2026, 3, 1),
                ],
                [2, "наставник", "ohjaaja", None, None, dt.datetime(2026, 3, 2)],
                [3, dt.datetime(2026, 3, 3), "työssäoppiminen", None, None, None],
            ],
            "Комментарии": [["Кто", "Что"], ["Анна", "проверить 2"]],
        }
    )


def test_a_russian_partner_sheet_imports_without_options(runner, tmp_path):
    path = tmp_path / "partner.xlsx"
    path.write_bytes(_russian_partner_sheet())
    table = read_table(path.read_bytes(), "partner.xlsx", "xlsx")
    assert _found(table) == [
        {"ru": [("дистанционное обучение", "preferred")], "fi": [("etäopetus", "preferred")]},
        {"ru": [("наставник", "preferred")], "fi": [("ohjaaja", "preferred")]},
        {"fi": [("työssäoppiminen", "preferred")]},
    ]
    first = table.concepts[0]
    assert first.note == "См. ГОСТ"
    # "Определение" names no language, but is Russian, and the sheet has Russian terms.
    assert first.languages["ru"].definition == "Обучение на расстоянии."
    assert [(d.line, d.col, d.code, d.message) for d in table.diagnostics] == [
        (
            1,
            1,
            "L115",
            "row 1 above the header (a title?) not imported",
        ),
        (
            1,
            1,
            "L115",
            "sheet 'Комментарии' was not read: 4 cells not imported (--sheet 2 reads it)",
        ),
        (
            3,
            1,
            "L106",
            "column '№' numbers the rows: 3 cells not imported, first at partner.xlsx:4:1",
        ),
        (
            3,
            6,
            "L106",
            "column 'Дата' is neither a language nor a field (did you mean 'data'?): 2 cells not imported, first at partner.xlsx:4:6".replace(
                " (did you mean 'data'?)", ""
            ),
        ),
        (
            6,
            2,
            "L115",
            "date cells where a term belongs (a spreadsheet's date is never a term): 1 cell not imported, first at partner.xlsx:6:2",
        ),
    ]
    out = tmp_path / "terms"
    result = runner.invoke(app, ["import", str(path), "--into", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "3 created" in result.stderr


def test_the_terms_of_a_second_sheet_need_sheet(runner, tmp_path):
    path = tmp_path / "book.xlsx"
    path.write_bytes(
        _xlsx({"Info": [["Made by", "Anna"]], "Sanasto": [["fi", "ru"], ["koulu", "школа"]]})
    )
    out = tmp_path / "terms"
    result = runner.invoke(app, ["import", str(path), "--into", str(out)])
    assert result.exit_code == 1
    assert "(sheet 'Info'; others: 'Sanasto'; choose one with --sheet)" in result.stderr
    for choice in ("Sanasto", "2", "sanasto"):
        table = read_table(path.read_bytes(), "b.xlsx", "xlsx", TableOptions(sheet=choice))
        assert _found(table) == [{"fi": [("koulu", "preferred")], "ru": [("школа", "preferred")]}]
        # The sheet not read is counted, not dropped without a word.
        assert [(d.code, d.message) for d in table.diagnostics] == [
            ("L115", "sheet 'Info' was not read: 2 cells not imported (--sheet 1 reads it)")
        ]
    table = read_table(path.read_bytes(), "b.xlsx", "xlsx", TableOptions(sheet="3"))
    assert [d.message for d in table.diagnostics] == [
        "no sheet '3' in the workbook; its sheets: 1 'Info', 2 'Sanasto'"
    ]


def _rewritten(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == member:
                assert old in content, content[:300]
                content = content.replace(old, new, 1)
            zout.writestr(item, content)
    return out.getvalue()


def test_what_openpyxl_repairs_is_a_warning_of_the_import_not_a_python_warning(runner, tmp_path):
    import warnings

    good = _xlsx({"Sanasto": [["fi", "ru"], ["koulu", "школа"]]})
    # A defined name for a sheet the workbook does not have: openpyxl drops it, warning.
    named = _rewritten(
        good,
        "xl/workbook.xml",
        b"<definedNames/>",
        b'<definedNames><definedName name="x" localSheetId="7">'
        b"Sanasto!$A$1</definedName></definedNames>",
    )
    # A relationship without its type: openpyxl reads none of them, then fails.
    broken = _rewritten(
        good,
        "xl/_rels/workbook.xml.rels",
        b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"',
        b"",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped would fail here
        table = read_table(named, "named.xlsx", "xlsx")
        failed = read_table(broken, "broken.xlsx", "xlsx")
    assert _found(table) == [{"fi": [("koulu", "preferred")], "ru": [("школа", "preferred")]}]
    assert [str(d) for d in table.diagnostics] == [
        "named.xlsx:1:1: warning: L116 openpyxl: Defined names for sheet index 7 cannot be located"
    ]
    assert [str(d) for d in failed.diagnostics] == [
        "broken.xlsx:1:1: warning: L116 openpyxl: xl/_rels/workbook.xml.rels contains invalid"
        " dependency definitions",
        "broken.xlsx:1:1: error: L101 not a readable XLSX file (KeyError: 'rId1')",
    ]
    path = tmp_path / "named.xlsx"
    path.write_bytes(named)
    result = runner.invoke(app, ["import", str(path), "--into", str(tmp_path / "terms")])
    assert result.exit_code == 0, result.output
    assert "UserWarning" not in result.output
    assert "L116 openpyxl: Defined names for sheet index 7 cannot be located" in result.stderr


def test_header_row_option():
    data = b"Sanasto\nfi;en\nkoulu;school\n"
    assert _found(read_table(data, "s.csv", "csv", TableOptions(header_row=2))) == [
        {"fi": [("koulu", "preferred")], "en": [("school", "preferred")]}
    ]
    table = read_table(data, "s.csv", "csv", TableOptions(header_row=9))
    assert [d.message for d in table.diagnostics] == [
        "row 9 is empty or beyond the end; no header there"
    ]


def test_the_sanastot_template():
    header = [
        "identifier",
        "prefLabel_fi",
        "prefLabel_sv",
        "altLabel_fi",
        "notRecommendedSynonym_fi",
        "definition_fi",
        "note_fi",
        "example_fi",
        "status",
        "wordClass_fi",
    ]
    row = [
        "c1",
        "ammattitutkinto",
        "yrkesexamen",
        "ammatillinen tutkinto; AT",
        "ammattikoe",
        "Tutkinto, joka osoittaa ammattitaidon.",
        "Vrt. erikoisammattitutkinto.",
        "Hän suoritti ammattitutkinnon.",
        "VALID",
        "noun",
    ]
    table = read_table(_xlsx({"Concepts": [header, row]}), "t.xlsx", "xlsx")
    assert table.diagnostics == []
    (concept,) = table.concepts
    assert concept.id == "c1"
    assert concept.status.value == "approved"
    fi = concept.languages["fi"]
    assert [(t.term, t.status.value) for t in fi.terms] == [
        ("ammattitutkinto", "preferred"),
        ("ammatillinen tutkinto", "admitted"),
        ("AT", "admitted"),
        ("ammattikoe", "deprecated"),
    ]
    assert fi.terms[0].context == "Hän suoritti ammattitutkinnon."
    assert fi.terms[0].pos is not None and fi.terms[0].pos.value == "noun"
    assert (fi.definition, fi.note) == (
        "Tutkinto, joka osoittaa ammattitaidon.",
        "Vrt. erikoisammattitutkinto.",
    )
    assert [t.term for t in concept.languages["sv"].terms] == ["yrkesexamen"]


def test_a_headerless_tab_glossary_with_languages(runner, tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text(
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
        "distance learning\tetäopetus\tfrom the partner\nmentor\tohjaaja\n",
        "utf-8",
    )
    options = TableOptions(languages=("en", "fi"))
    table = read_table(path.read_bytes(), "g.txt", "csv", options)
    assert _found(table) == [
        {"en": [("distance learning", "preferred")], "fi": [("etäopetus", "preferred")]},
        {"en": [("mentor", "preferred")], "fi": [("ohjaaja", "preferred")]},
    ]
    assert table.concepts[0].note == "from the partner"
    assert table.diagnostics == []
    out = tmp_path / "terms"
    result = runner.invoke(app, ["import", str(path), "--into", str(out), "--languages", "en,fi"])
    assert result.exit_code == 0, result.stderr
    assert (out / "mentor.yaml").read_text("utf-8") == (
        "id: mentor\nstatus: draft\nlanguages:\n  en:\n    terms: [mentor]\n"
        "  fi:\n    terms: [ohjaaja]\n"
    )
    result = runner.invoke(app, ["import", str(path), "--into", str(out)])
    assert result.exit_code == 1
    assert "--languages en,fi" in result.stderr


def test_a_source_target_header_is_not_a_concept():
    data = b'"source","target"\n"100% stacked bar chart","x"\n'
    table = read_table(data, "t.csv", "csv", TableOptions(languages=("en", "ug")))
    assert [c.id for c in table.concepts] == ["concept-100-stacked-bar-chart"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--languages", ""], "name at least one language"),
        (["--languages", "en,not a tag"], "'not a tag' is not a language tag"),
        (["--languages", "en,fi", "--header-row", "2"], "a file without a header has none"),
    ],
)
def test_bad_table_options_are_usage_errors(runner, tmp_path, args, message):
    path = tmp_path / "g.txt"
    path.write_text("a\tb\n", "utf-8")
    result = runner.invoke(app, ["import", str(path), "--into", str(tmp_path / "t"), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_table_options_on_a_tbx_file_are_refused(runner, tmp_path):
    path = tmp_path / "g.tbx"
    path.write_text("<martif/>", "utf-8")
    result = runner.invoke(
        app, ["import", str(path), "--into", str(tmp_path / "t"), "--sheet", "2"]
    )
    assert result.exit_code == 1
    assert (
        "--languages, --sheet and --header-row are for spreadsheets and tab files" in result.stderr
    )


@pytest.mark.parametrize("name", ["p.csv", "p.tsv", "p.xlsx"])
def test_validate_on_a_spreadsheet_says_to_import_it(runner, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(
        _xlsx({"S": [["fi", "en"], ["koulu", "school"]]}) if name.endswith("xlsx") else b"fi,en\n"
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:1:1: error: L101 a spreadsheet or tab file, not a glossary source: use glossary import "
        f"{path} --into DIR to make concept files of it"
    ) in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_required_language_that_came_out_empty_fails_the_import(runner, tmp_path):
    out = tmp_path / "terms"
    out.mkdir()
    (out / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru"]\nrequired = ["fi", "ru"]\n', "utf-8"
    )
    sheet = tmp_path / "p.csv"
    sheet.write_text("fi;Русский язык (Россия)\nkoulu;школа\n", "utf-8")
    result = runner.invoke(app, ["import", str(sheet), "--into", str(out)])
    assert result.exit_code == 1
    assert (
        f"{sheet}:1:1: error: L109 no imported concept has a 'ru' section, and the glossary requires "
        "it: name its column so the import finds it ('ru' or the language's name)"
    ) in result.stderr
    sheet.write_text("fi;ru-RU\nkoulu;школа\n", "utf-8")
    result = runner.invoke(app, ["import", str(sheet), "--into", str(out), "--dry-run"])
    assert result.exit_code == 1
    assert "fold 'ru-RU' into it with --lang-map ru-RU=ru" in result.stderr
    result = runner.invoke(
        app, ["import", str(sheet), "--into", str(out), "--lang-map", "ru-RU=ru"]
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "koulu.yaml").exists()
