"""MultiTerm XML exports (``<mtf>``): every field with a home in the model is read, the
rest counted with a position; hostile files are refused like TBX files (#13).

``data/multiterm/eigennamen-excerpt.xml`` is the start of a real export (see SOURCES.md
there); ``vocational.xml`` is built as RWS's MTF reference shows the format, with every
field the reader maps and some it does not.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from childproc import run
from lxml import etree

import glossary
from glossary.importer import Action, import_file
from glossary.sources.multiterm import is_multiterm, read_multiterm

DATA = Path(__file__).resolve().parent / "data" / "multiterm"
VOCATIONAL = DATA / "vocational.xml"
EXCERPT = DATA / "eigennamen-excerpt.xml"


def _mtf(body: str, prolog: str = "") -> bytes:
    return f"<?xml version='1.0' encoding='UTF-8'?>\n{prolog}<mtf>{body}</mtf>\n".encode()


def _concept(languages: str, fields: str = "", number: str = "1") -> str:
    return f"<conceptGrp><concept>{number}</concept>{fields}{languages}</conceptGrp>"


def _language(code: str, terms: str, name: str = "English", fields: str = "") -> str:
    return f'<languageGrp><language type="{name}" lang="{code}"/>{fields}{terms}</languageGrp>'


def _read(data: bytes):  # type: ignore[no-untyped-def]
    return read_multiterm(io.BytesIO(data), name="mt.xml")


WORKPLACE_LEARNING = """\
id: workplace-learning
subjects: [vocational-education]
status: approved
related: [apprenticeship]
note: Checked against Act 531/2017.
updated: 2024-06-02
languages:
  fi:
    definition: Ammatillisen koulutuksen toteutustapa, jossa opiskelija hankkii osaamista työpaikalla.
    source: Laki ammatillisesta koulutuksesta 531/2017
    terms:
      - term: työpaikalla järjestettävä koulutus
        pos: noun
      - term: työssäoppiminen
        status: deprecated
        note: Replaced by the 2018 reform.
  ru:
    terms:
      - term: обучение на рабочем месте
        gender: neuter
        context: Обучение на рабочем месте длится три месяца.
        context_source: Договор 12/2024
  en:
    terms:
      - term: workplace learning
        source: Finnish National Agency for Education (https://www.oph.fi/en)
"""

APPRENTICESHIP = """\
id: apprenticeship
status: draft
note: 'Definition: Training at a workplace under a fixed-term contract.'
languages:
  fi:
    terms: [oppisopimuskoulutus]
  ru:
    terms: [ученичество]
  en:
    terms: [apprenticeship]
"""


def test_every_field_of_the_documented_export_is_imported_or_counted(tmp_path):
    report = import_file(VOCATIONAL, tmp_path, lang_map={"ru-RU": "ru", "en-GB": "en"})
    assert [(i.concept_id, i.action) for i in report.items] == [
        ("workplace-learning", Action.CREATED),
        ("apprenticeship", Action.CREATED),
    ]
    assert (tmp_path / "workplace-learning.yaml").read_text("utf-8") == WORKPLACE_LEARNING
    assert (tmp_path / "apprenticeship.yaml").read_text("utf-8") == APPRENTICESHIP
    assert 'vocational-education = { fi = "Vocational education" }' in (
        tmp_path / "glossary.toml"
    ).read_text("utf-8")
    assert [(d.line, d.col, d.code, d.message) for d in report.diagnostics] == [
        (3, 1, "L116", "MultiTerm entry numbers (<concept>) are not kept: each concept's id "
         "is made from its English term, else its first term (2 times; the first is here)"),
        (5, 1, "L115", "system fields ('entryClass') have no field in the model and were not "
         "imported"),
        (7, 13, "L115", 'authors of changes (<transac>, <transacNote type="responsibility">) '
         "have no field in the model and were not imported (3 times; the first is here)"),
        (7, 55, "L115", "creation dates (<transacGrp> of an origination) have no field in the "
         "model and were not imported"),
        (33, 13, "L115", "'Auteur' on terms has no field in the model and was not imported"),
        (47, 13, "L116", "definitions at concept level name no language; they were kept in "
         "the concept's note as 'Definition: …'"),
        (48, 13, "L115", "'Illustration' at concept level has no field in the model and was "
         "not imported"),
        (48, 13, "L115", "links in fields (<xref>, Clink, Tlink, Ulink …) were not imported"),
        (62, 1, "L116", "entries without any term were skipped"),
        (66, 10, "L116", "empty terms were skipped"),
    ]  # fmt: skip
    assert all(d.path == str(VOCATIONAL) for d in report.diagnostics)


def test_without_a_lang_map_regional_tags_stay_and_the_required_check_names_the_fold(tmp_path):
    (tmp_path / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru", "en"]\nrequired = ["fi", "ru"]\n', "utf-8"
    )
    report = import_file(VOCATIONAL, tmp_path, dry_run=True)
    (missing,) = [d for d in report.diagnostics if d.code == "L109"]
    assert "fold 'ru-RU' into it with --lang-map ru-RU=ru" in missing.message
    assert report.has_errors


def test_a_real_export_imports_every_entry_with_canonical_tags(tmp_path):
    tree = etree.parse(str(EXCERPT))
    entries = tree.findall("conceptGrp")
    assert len(entries) == 25
    report = import_file(EXCERPT, tmp_path)
    assert report.count(Action.CREATED) == 25
    first = (tmp_path / "german-federal-ministry-of-education-and-research.yaml").read_text("utf-8")
    assert first == (
        "id: german-federal-ministry-of-education-and-research\n"
        "status: draft\n"
        "updated: 2016-08-03\n"
        "languages:\n"
        "  de:\n"
        "    terms: [Bundesministerium für Bildung und Forschung (BMBF)]\n"
        "  en:\n"
        "    terms: [German Federal Ministry of Education and Research]\n"
    )
    loaded = glossary.load(tmp_path)
    assert loaded.meta.languages == ("de", "en")
    assert all(set(c.languages) == {"de", "en"} for c in loaded.concepts.values())
    # One term per language in every entry, as in the file.
    terms = sum(len(list(c.terms())) for c in loaded.concepts.values())
    assert terms == len(tree.findall("conceptGrp/languageGrp/termGrp/term")) == 50
    assert sorted((d.code, d.message.split(" (")[0]) for d in report.diagnostics) == [
        ("L115", "authors of changes"),
        ("L115", "creation dates"),
        ("L116", "MultiTerm entry numbers"),
    ]
    assert "(150 times; the first is here)" in report.diagnostics[1].message  # 6 per entry


def test_utf8_and_utf16_read_the_same_and_are_found_by_content(tmp_path):
    utf16 = VOCATIONAL.read_bytes()
    text = utf16.decode("utf-16").replace("encoding='UTF-16'", "encoding='UTF-8'")
    assert is_multiterm(utf16) and is_multiterm(text.encode())
    assert not is_multiterm(b"<?xml version='1.0'?><martif><text/></martif>")
    assert not is_multiterm(b"\x00\x01 not xml")
    from_16 = read_multiterm(io.BytesIO(utf16), name="a.mtf").concepts
    from_8 = read_multiterm(io.BytesIO(text.encode()), name="a.mtf").concepts
    assert from_16 == from_8 and len(from_8) == 2
    # A .mtf file, or one with no suffix, is found by its content too.
    for name in ("export.mtf", "export"):
        (tmp_path / name).write_bytes(utf16)
        report = import_file(tmp_path / name, tmp_path / f"out-{name}", dry_run=True)
        assert report.count(Action.CREATED) == 2


def test_a_multiterm_file_is_a_glossary_source_like_a_tbx_file(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(VOCATIONAL.read_bytes())
    loaded = glossary.load(path)
    assert sorted(loaded.concepts) == ["apprenticeship", "workplace-learning"]


def test_cross_references_by_entry_number_term_link_or_text():
    fr = _language("FR", "<termGrp><term>maison</term></termGrp>", "French")
    data = _mtf(
        _concept(_language("EN", "<termGrp><term>home</term></termGrp>"), number="7")
        + _concept(
            _language("EN", "<termGrp><term>house</term></termGrp>") + fr,
            '<descripGrp><descrip type="Cross-reference" Clink="7">home</descrip></descripGrp>'
            '<descripGrp><descrip type="See also">flat</descrip></descripGrp>',
            number="8",
        )
        + _concept(
            _language(
                "EN",
                "<termGrp><term>flat</term><descripGrp><descrip type='Related'>"
                "<xref Tlink='English:nowhere'>nowhere</xref></descrip></descripGrp></termGrp>",
            ),
            number="9",
        )
    )
    result = _read(data)
    home, house, flat = result.concepts
    assert house.related == ("home", "flat")
    assert flat.related == () and home.related == ()
    col = data.decode().splitlines()[1].index("<descrip type='Related'>") + 1
    assert [(d.line, d.col, d.code, d.message) for d in result.diagnostics if d.code == "L115"] == [
        (
            2,
            col,
            "L115",
            "cross-references to no other entry of the file (or to several) were not imported",
        )
    ]


def test_a_language_is_named_by_its_code_else_by_its_name():
    data = _mtf(
        _concept(
            '<languageGrp><language type="Russian" lang=""/><termGrp><term>колледж</term>'
            "</termGrp></languageGrp>"
            '<languageGrp><language type="Allikas" lang="XX-YY-ZZZZZZZZZZ"/><termGrp>'
            "<term>x</term></termGrp></languageGrp>"
            + _language("en_us", "<termGrp><term>college</term></termGrp>")
        )
    )
    result = _read(data)
    (concept,) = result.concepts
    assert list(concept.languages) == ["ru", "en-US"]
    assert [(d.code, d.message) for d in result.diagnostics if d.code == "L111"] == [
        (
            "L111",
            "language groups of 'Allikas' with lang 'XX-YY-ZZZZZZZZZZ' (not a BCP 47 tag) "
            "were skipped",
        )
    ]


def test_finnish_and_russian_field_names_and_usage_labels():
    fi = _language(
        "FI",
        "<termGrp><term>ohjaaja</term><descripGrp><descrip type='Huomautus'>Vanha.</descrip>"
        "</descripGrp><descripGrp><descrip type='Usage'>colloquial</descrip></descripGrp>"
        "</termGrp>",
        "Finnish",
        "<descripGrp><descrip type='Määritelmä'>Henkilö, joka ohjaa.</descrip></descripGrp>",
    )
    ru = _language(
        "RU",
        "<termGrp><term>наставник</term><descripGrp><descrip type='Статус'>Forbidden</descrip>"
        "</descripGrp></termGrp>",
        "Russian",
        "<descripGrp><descrip type='Определение'>Тот, кто наставляет.</descrip></descripGrp>",
    )
    (concept,) = _read(_mtf(_concept(fi + ru))).concepts
    assert concept.languages["fi"].definition == "Henkilö, joka ohjaa."
    (ohjaaja,) = concept.languages["fi"].terms
    assert (ohjaaja.note, [u.value for u in ohjaaja.usage]) == ("Vanha.", ["colloquial"])
    assert concept.languages["ru"].definition == "Тот, кто наставляет."
    assert concept.languages["ru"].terms[0].status.value == "deprecated"


# -- hostile files: refused like TBX files, with path:line:col ---------------------------


def test_declared_entities_are_refused_and_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_bytes(
        _mtf(
            _concept(_language("EN", "<termGrp><term>&xxe;</term></termGrp>")),
            f'<!DOCTYPE mtf [<!ENTITY xxe SYSTEM "file://{secret}">]>\n',
        )
    )
    result = run("import", path, "--into", tmp_path / "out")
    assert result.returncode == 1
    assert f"{path}:2:1: error: L118 the document declares XML entities" in result.stderr
    assert "TOP-SECRET" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.yaml"))


def test_an_entity_bomb_stops_within_the_limits(tmp_path):
    entities = ['<!ENTITY e0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 12)
    ]
    path = tmp_path / "bomb.xml"
    path.write_bytes(
        _mtf(
            _concept(_language("EN", "<termGrp><term>&e11;</term></termGrp>")),
            f"<!DOCTYPE mtf [{''.join(entities)}]>\n",
        )
    )
    result = run("import", path, "--into", tmp_path / "out")
    assert result.returncode == 1
    assert f"{path}:2:1: error: L118 " in result.stderr or "amplification" in result.stderr


def test_deep_nesting_is_refused_at_its_position(tmp_path):
    path = tmp_path / "deep.xml"
    fields = "<descripGrp>" * 300 + "<descrip type='Note'>x</descrip>" + "</descripGrp>" * 300
    path.write_bytes(_mtf(_concept(_language("EN", "<termGrp><term>a</term></termGrp>"), fields)))
    result = run("import", path, "--into", tmp_path / "out")
    assert result.returncode == 1
    (line,) = [ln for ln in result.stderr.splitlines() if " L103 " in ln]
    assert line.startswith(f"{path}:2:")
    assert "Excessive depth in document: 256" in line
    assert result.stderr.endswith(f"{path}: nothing could be imported\n")


def test_a_huge_text_node_is_refused_in_bounded_time(tmp_path):
    path = tmp_path / "huge.xml"
    with open(path, "wb") as fp:
        fp.write(b"<?xml version='1.0'?>\n<mtf><conceptGrp><concept>1</concept><languageGrp>")
        fp.write(b'<language type="English" lang="EN"/><termGrp><term>')
        for _ in range(12):
            fp.write(b"x" * (1024 * 1024))
        fp.write(b"</term></termGrp></languageGrp></conceptGrp></mtf>\n")
    result = run("import", path, "--into", tmp_path / "out")
    assert result.returncode == 1
    assert f"{path}:2:" in result.stderr and " L103 " in result.stderr
    assert result.elapsed < 15


@pytest.mark.parametrize(
    ("data", "where", "code"),
    [
        pytest.param(b"<mtf><conceptGrp>", "1:18", "L103", id="truncated"),
        pytest.param(
            "<?xml version='1.0' encoding='UTF-16'?><mtf><conceptGrp>".encode("utf-16")[:40],
            "1:",
            "L103",
            id="truncated-utf16",
        ),
        pytest.param(b"<mtf></mtf>", "1:1", "L112", id="no-entries"),
    ],
)
def test_broken_exports_are_one_line_each(tmp_path, data, where, code):
    path = tmp_path / "broken.mtf"
    path.write_bytes(data)
    result = run("import", path, "--into", tmp_path / "out")
    assert result.returncode == 1
    assert f"{path}:{where}" in result.stderr and f" {code} " in result.stderr
