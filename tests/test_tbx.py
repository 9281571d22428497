"""TBX: reading every dialect real tools write, and writing valid TBX-Basic."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from conftest import DATA, TERMS, shared_samples
from lxml import etree
from tbxschema import basic_rng, basic_schematron, core_rng, errors

import glossary
from glossary.model import (
    Concept,
    ConceptStatus,
    Gender,
    Glossary,
    GlossaryMeta,
    LangSection,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)
from glossary.sources.tbx import read_tbx
from glossary.sources.tbx_write import generate_tbx


def read(path):
    with open(path, "rb") as fp:
        return read_tbx(fp, name=str(path))


def tbx_bytes(g: Glossary) -> bytes:
    return ("\n".join(generate_tbx(g)) + "\n").encode("utf-8")


# -- reading ----------------------------------------------------------------------------


def test_v2_tig_file_with_every_field_we_map():
    result = read(DATA / "tbx/v2-tig.tbx")
    c1 = result.glossary.concepts["c1"]
    assert c1.subjects == ("vocational-training",)
    assert result.glossary.meta.subjects["vocational-training"] == {"en": "Vocational Training"}
    assert result.glossary.meta.title == {"en": "Partner termbase"}
    assert c1.note == "Checked in 2025."
    assert c1.updated == dt.date(2025, 4, 2)
    en = c1.languages["en"]
    assert en.definition == "Training that prepares for an occupation."
    assert en.source == "Partner glossary"
    first, abbreviation = en.terms
    assert (first.term, first.status, first.pos, first.context) == (
        "vocational training",
        TermStatus.PREFERRED,
        PartOfSpeech.NOUN,
        "She chose vocational training.",
    )
    assert (abbreviation.type, abbreviation.status) == (TermType.ABBREVIATION, TermStatus.ADMITTED)
    ru = c1.languages["ru"].terms[0]
    assert (ru.gender, ru.pos, ru.geo) == (Gender.NEUTER, PartOfSpeech.NOUN, "ru-RU")
    assert "fi" not in c1.languages  # only an empty <term/>
    helsinki = result.glossary.concepts["helsinki"]
    assert helsinki.languages["en"].terms[0].pos is PartOfSpeech.PROPER_NOUN


def test_v2_tig_file_reports_what_it_skipped_and_repaired():
    result = read(DATA / "tbx/v2-tig.tbx")
    found = {(d.code, d.line) for d in result.diagnostics}
    assert ("L115", 32) in found  # customerSubset: no field in the model
    assert ("L116", 44) in found  # the empty <term/>
    assert ("L116", 47) in found  # the entry without an id
    assert all(d.path.endswith("v2-tig.tbx") for d in result.diagnostics)


def test_columns_point_at_the_start_tag():
    result = read(DATA / "tbx/v2-tig.tbx")
    customer = next(d for d in result.diagnostics if "customerSubset" in d.message)
    assert (customer.line, customer.col) == (32, 13)
    term = result.glossary.concepts["c1"].languages["en"].terms[0]
    assert (term.location.line, term.location.col) == (23, 13)


def test_ntig_martifheader_root_repeated_languages_and_bad_tags():
    result = read(DATA / "tbx/v2-ntig.tbx")
    (concept,) = result.glossary.concepts.values()
    assert concept.id == "geo-term"
    sv = concept.languages["sv"].terms
    assert [(t.term, t.status, t.gender) for t in sv] == [
        ("lera", TermStatus.PREFERRED, Gender.OTHER),
        ("ler", TermStatus.DEPRECATED, None),
    ]
    fi = concept.languages["fi"].terms
    assert [(t.term, t.status) for t in fi] == [
        ("savi", TermStatus.PREFERRED),
        ("saviaines", TermStatus.DEPRECATED),
    ]
    codes = sorted((d.code, d.line) for d in result.diagnostics)
    assert ("L111", 18) in codes  # xml:lang="---"
    assert ("L116", 2) in codes  # <martifHeader> root
    assert ("L116", 17) in codes  # fi repeated, merged


def test_dct_style_with_module_namespaces():
    result = read(DATA / "tbx/v3-dct.tbx")
    concept = result.glossary.concepts["c-001"]
    assert concept.subjects == ("e-learning",)
    assert concept.languages["en"].definition == "Learning through electronic media."
    term = concept.languages["en"].terms[0]
    assert (term.pos, term.status, term.type) == (
        PartOfSpeech.NOUN,
        TermStatus.PREFERRED,
        TermType.FULL_FORM,
    )
    assert result.diagnostics == []


def test_utf16_with_bom_and_a_legacy_encoding_load():
    text = (
        (DATA / "tbx/v3-dct.tbx")
        .read_text(encoding="utf-8")
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
    )
    result = read_tbx(io.BytesIO(text.encode("utf-16")), name="utf16.tbx")
    assert result.diagnostics == []
    assert result.glossary.concepts["c-001"].languages["fi"].terms[0].term == "verkko-oppiminen"
    assert result.glossary.concepts["c-001"].languages["fi"].terms[0].location.col == 13

    legacy = text.replace('encoding="UTF-16"', 'encoding="windows-1252"').replace(
        "verkko-oppiminen", "verkko-oppimin\u00e4"
    )
    result = read_tbx(io.BytesIO(legacy.encode("windows-1252")), name="cp1252.tbx")
    assert result.glossary.concepts["c-001"].languages["fi"].terms[0].term == "verkko-oppiminä"


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file://{secret}">]>
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>x&xxe;</term></tig></langSet></termEntry></body></text></martif>"""
    result = read_tbx(io.BytesIO(xxe.encode()), name="xxe.tbx")
    terms = [t.term for c in result.concepts for t in c.terms()]
    assert not any("TOP-SECRET" in t for t in terms)
    assert "L118" in {d.code for d in result.diagnostics}


def test_an_entity_expansion_bomb_is_harmless():
    entities = ['<!ENTITY e0 "lol">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    ]
    bomb = f"""<?xml version="1.0"?>
<!DOCTYPE martif [{"".join(entities)}]>
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en">
<tig><term>&e9;</term></tig></langSet></termEntry></body></text></martif>"""
    start = time.perf_counter()
    result = read_tbx(io.BytesIO(bomb.encode()), name="bomb.tbx")
    assert time.perf_counter() - start < 2
    assert all(len(t.term) < 1000 for c in result.concepts for t in c.terms())


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        pytest.param(b"<martif><text><body><termEntry>", "L103", 1, id="truncated"),
        pytest.param(b"", "L112", 1, id="empty"),
        pytest.param(b"<html><body>hello</body></html>", "L113", 1, id="not-tbx"),
        pytest.param(
            b'<?xml version="1.0" encoding="x-unknown"?><martif/>', "L101", 1, id="unknown-encoding"
        ),
        pytest.param(
            b"<martif type='TBX'><text><body/></text></martif>", "L112", 1, id="no-entries"
        ),
    ],
)
def test_broken_files_give_one_clear_diagnostic(data, code, line):
    result = read_tbx(io.BytesIO(data), name="broken.tbx")
    assert [(d.code, d.line) for d in result.diagnostics] == [(code, line)]


@pytest.mark.parametrize("path", shared_samples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_real_sample_loads_or_gives_diagnostics_with_file_and_line(path, interop):
    result = read(path)
    assert result.glossary is not None or result.diagnostics
    for diagnostic in result.diagnostics:
        assert diagnostic.path == str(path)
        assert diagnostic.line >= 1, diagnostic
    if result.glossary is None:
        assert any(d.severity == "error" for d in result.diagnostics)
    else:
        for concept in result.concepts:
            assert glossary.model.ID_PATTERN.match(concept.id)
            assert any(section.terms for section in concept.languages.values())


def test_shared_samples_are_present(interop):
    assert len(shared_samples()) >= 60


# -- writing ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(bundled) -> bytes:
    return tbx_bytes(bundled)


def test_export_is_valid_against_the_official_tbx_basic_relax_ng(exported, interop):
    document = etree.fromstring(exported).getroottree()
    for schema in (basic_rng(interop), core_rng(interop)):
        assert schema.validate(document), errors(schema)


def test_export_passes_the_official_tbx_basic_schematron(exported, interop):
    schematron = basic_schematron(interop)
    document = etree.fromstring(exported).getroottree()
    assert schematron.validate(document), errors(schematron)


def test_the_schematron_port_still_rejects_what_it_should(interop):
    schematron = basic_schematron(interop)
    package = interop / "samples/tbx-basic-package-v3"
    verdicts = {
        path.name: schematron.validate(etree.parse(str(path)))
        for path in sorted(package.glob("*.tbx"))
        if "notwellformed" not in path.name
    }
    # As recorded in ../shared/interop/SOURCES.md (run there with Saxon).
    assert verdicts == {
        "TBX-basic-sample.tbx": False,
        "tbx_basic_sample_badattribute.tbx": False,
        "tbx_basic_sample_badelement.tbx": True,
        "tbx_basic_sample_badelementcontent.tbx": False,
        "tbx_basic_sample_badelementorder.tbx": True,
        "tbx_basic_sample_badtargetattribute_value.tbx": True,
    }


def test_export_of_a_small_glossary_is_exactly_this():
    g = Glossary(
        GlossaryMeta(
            id="tiny", title={"en": "Tiny"}, languages=("fi", "en"), subjects={"x": {"en": "X"}}
        ),
        {
            "a": Concept(
                "a",
                {
                    "fi": LangSection(
                        "fi", (Term("äiti & <lapsi>", pos=PartOfSpeech.NOUN),), "Määritelmä."
                    ),
                    "en": LangSection("en", (Term("Helsinki", pos=PartOfSpeech.PROPER_NOUN),)),
                },
                subjects=("x",),
                status=ConceptStatus.APPROVED,
            )
        },
    )
    assert tbx_bytes(g).decode() == (DATA / "tbx/tiny-expected.tbx").read_text(encoding="utf-8")


# -- round trips ------------------------------------------------------------------------


def test_bundled_glossary_round_trips_through_tbx(bundled, exported):
    result = read_tbx(io.BytesIO(exported), name="bundled.tbx")
    assert result.diagnostics == []
    assert result.glossary.meta == bundled.meta
    assert result.glossary.concepts == bundled.concepts


def test_bundled_glossary_round_trips_yaml_tbx_yaml(bundled, exported, tmp_path):
    from glossary.importer import import_file

    source = tmp_path / "bundled.tbx"
    source.write_bytes(exported)
    report = import_file(source, tmp_path / "terms")
    assert report.count(report.items[0].action) == len(bundled)
    again = glossary.load(tmp_path / "terms")
    assert again.meta == bundled.meta
    assert again.concepts == bundled.concepts
    # The written files are the canonical form of the sources.
    for concept_id in bundled.concepts:
        assert (tmp_path / "terms" / f"{concept_id}.yaml").is_file()


def test_export_checks_for_characters_xml_cannot_hold():
    g = Glossary(GlossaryMeta(), {"a": Concept("a", {"fi": LangSection("fi", (Term("a\x01b"),))})})
    with pytest.raises(glossary.errors.ExportError, match="U\\+0001"):
        tbx_bytes(g)


def test_loading_a_tbx_as_the_glossary(tmp_path, exported):
    path = tmp_path / "g.tbx"
    path.write_bytes(exported)
    g = glossary.load(path)
    assert g.concepts == glossary.load(TERMS).concepts


def test_the_language_of_concept_notes_is_the_documents_language(tmp_path):
    (tmp_path / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru"]\nnote_language = "EN"\n', "utf-8"
    )
    (tmp_path / "c.yaml").write_text(
        "id: c\nnote: Checked.\nlanguages:\n  fi:\n    terms: [termi]\n  ru:\n    terms: [термин]\n",
        "utf-8",
    )
    g = glossary.load(tmp_path)
    assert (g.meta.note_language, g.meta.notes_lang) == ("en", "en")
    data = tbx_bytes(g)
    assert b'<tbx type="TBX-Basic" style="dca" xml:lang="en"' in data
    back = read_tbx(io.BytesIO(data), name="g.tbx").glossary
    assert back.meta == g.meta
    # The first language is the default and is not stated again.
    (tmp_path / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "ru"]\n', "utf-8"
    )
    g = glossary.load(tmp_path)
    assert (g.meta.note_language, g.meta.notes_lang) == (None, "fi")
    assert read_tbx(io.BytesIO(tbx_bytes(g)), name="g.tbx").glossary.meta.note_language is None


def test_a_note_language_that_is_no_language_tag_is_reported(tmp_path):
    (tmp_path / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi"]\nnote_language = "english!"\n', "utf-8"
    )
    report = glossary.validate(tmp_path, cache=False)
    assert [(d.line, d.code, d.message) for d in report.diagnostics if d.code == "L111"] == [
        (4, "L111", "'english!' in 'note_language' is not a BCP 47 language tag")
    ]


def test_relations_equivalence_usage_and_image_stay_valid_tbx_basic_and_read_back(interop):
    """The test site's glossary has every relation, a retired concept, an image, an
    equivalence and usage labels: still valid TBX-Basic, and read back unchanged."""
    site = glossary.load(DATA / "site")
    data = tbx_bytes(site)
    document = etree.fromstring(data).getroottree()
    for validator in (basic_rng(interop), core_rng(interop), basic_schematron(interop)):
        assert validator.validate(document), errors(validator)
    text = data.decode("utf-8")
    assert (
        '<ref type="crossReference" target="online-learning">broader: online-learning</ref>' in text
    )
    assert "<note>Equivalence: near</note>" in text
    assert "<note>Usage: colloquial, technical</note>" in text
    assert "<note>Image: images/vocational-education.svg</note>" in text
    back = read_tbx(io.BytesIO(data), name="site.tbx").glossary
    assert dict(back.concepts) == dict(site.concepts)
