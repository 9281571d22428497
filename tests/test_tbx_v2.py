"""TBX v2 (``martif``, TBX-Basic 2008): what tools that read only v2 get from us."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from conftest import DATA, TERMS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from tbxschema import (
    basic_v2_dtd,
    basic_v2_rng,
    basic_v2_schematron,
    core_v2_dtd,
    errors,
)
from test_roundtrip import _CHARS, concepts, ids, langs, via_yaml

import glossary
from glossary.cli import app
from glossary.errors import ExportError, UsageError
from glossary.exporters import tbx as tbx_exporter
from glossary.model import (
    Concept,
    ConceptStatus,
    Glossary,
    GlossaryMeta,
    LangSection,
    PartOfSpeech,
    Term,
    TermStatus,
)
from glossary.sources.tbx import read_tbx
from glossary.sources.tbx_write import generate_tbx

SITE = DATA / "site"


def v2_bytes(g: Glossary) -> bytes:
    return ("\n".join(generate_tbx(g, version=2)) + "\n").encode("utf-8")


def read_back(data: bytes) -> Glossary:
    result = read_tbx(io.BytesIO(data), name="v2.tbx")
    assert result.diagnostics == []
    assert result.glossary is not None
    return result.glossary


@pytest.fixture(scope="module")
def exported(bundled) -> bytes:
    return v2_bytes(bundled)


@pytest.fixture(scope="module")
def site() -> Glossary:
    return glossary.load(SITE)


# -- the document -----------------------------------------------------------------------


TINY = Glossary(
    GlossaryMeta(
        id="tiny",
        title={"en": "Tiny"},
        languages=("fi", "en"),
        version="1",
        subjects={"x": {"en": "X"}},
    ),
    {
        "a": Concept(
            "a",
            {
                # Written in the glossary's language order: fi, en, then the rest.
                "en": LangSection("en", (Term("Helsinki", pos=PartOfSpeech.PROPER_NOUN),)),
                "fi": LangSection(
                    "fi",
                    (
                        Term(
                            "äiti & <lapsi>",
                            pos=PartOfSpeech.NOUN,
                            context="Äiti ja lapsi.",
                            context_source="Kirja",
                        ),
                    ),
                    "Määritelmä.",
                    "Lähde",
                ),
                "ru": LangSection("ru", (), "Определение."),
            },
            subjects=("x",),
            status=ConceptStatus.APPROVED,
            related=("b", "gone"),
            updated=dt.date(2026, 1, 2),
        ),
        "b": Concept(
            "b",
            {
                "fi": LangSection(
                    "fi", (Term("vanha", status=TermStatus.DEPRECATED, note="Älä käytä."),)
                )
            },
        ),
    },
)


def test_export_of_a_small_glossary_is_exactly_this():
    expected = (DATA / "tbx/tiny-expected-v2.tbx").read_text(encoding="utf-8")
    assert v2_bytes(TINY).decode("utf-8") == expected


def test_the_small_glossary_reads_back_equal():
    back = read_back(v2_bytes(TINY))
    assert back.meta == TINY.meta
    assert back.concepts == TINY.concepts


def test_version_3_stays_the_default_and_other_versions_are_refused(bundled):
    v3 = ("\n".join(generate_tbx(bundled)) + "\n").encode("utf-8")
    out = io.BytesIO()
    tbx_exporter.write(out, bundled, {})
    assert out.getvalue() == v3 == tbx_exporter.render(bundled)
    out = io.BytesIO()
    tbx_exporter.write(out, bundled, {"tbx_version": 3})
    assert out.getvalue() == v3
    with pytest.raises(UsageError, match="choose 2 or 3"):
        tbx_exporter.write(io.BytesIO(), bundled, {"tbx_version": 4})
    with pytest.raises(ExportError):
        list(generate_tbx(bundled, version=1))


def test_export_checks_for_characters_xml_cannot_hold():
    g = Glossary(GlossaryMeta(), {"a": Concept("a", {"fi": LangSection("fi", (Term("a\x01"),))})})
    with pytest.raises(ExportError, match="U\\+0001"):
        v2_bytes(g)


# -- the official TBX-Basic 2008 schemas ---------------------------------------------------


@pytest.mark.parametrize("which", ["bundled", "site", "tiny"])
def test_export_is_valid_against_every_tbx_basic_2008_schema(which, bundled, site, interop):
    g = {"bundled": bundled, "site": site, "tiny": TINY}[which]
    document = etree.fromstring(v2_bytes(g)).getroottree()
    for validator in (
        basic_v2_rng(interop),
        basic_v2_dtd(interop),
        core_v2_dtd(interop),
        basic_v2_schematron(interop),
    ):
        assert validator.validate(document), errors(validator)


def test_a_cross_reference_to_an_entry_not_written_is_no_idref(bundled, interop):
    first, second = list(bundled.concepts.values())[:2]
    linked = Concept(first.id, first.languages, related=(second.id,))
    data = "\n".join(generate_tbx(bundled, [linked], version=2)).encode("utf-8")
    assert f'<ref type="crossReference">{second.id}</ref>'.encode() in data
    assert basic_v2_rng(interop).validate(etree.fromstring(data).getroottree())
    assert read_back(data).concepts[first.id].related == (second.id,)


def test_the_schematron_port_still_rejects_what_it_should(interop):
    schematron = basic_v2_schematron(interop)
    verdicts = {
        path.name: schematron.validate(etree.parse(str(path)))
        for folder in ("samples/ltac-converter/v2", "samples/tbx-basic-package-v2")
        for path in sorted((interop / folder).glob("*.tbx"))
        if "notwellformed" not in path.name
    }
    # Good-Basic1 and -2 pass, as recorded in ../shared/interop/SOURCES.md; the others
    # use ntig, capitalised picklist values or data categories outside TBX-Basic.
    assert verdicts == {
        "Good-Basic1.tbx": True,
        "Good-Basic2.tbx": True,
        "Unknown_Dialect1.tbx": False,
        "Unknown_Dialect2.tbx": False,
        "TBX-basic-sample.tbx": True,
        "tbx_basic_sample_badattribute.tbx": True,
        "tbx_basic_sample_badelement.tbx": True,
        "tbx_basic_sample_badelementcontent.tbx": False,
        "tbx_basic_sample_badelementorder.tbx": True,
    }


# -- round trips ------------------------------------------------------------------------


def test_bundled_glossary_round_trips_through_v2(bundled, exported):
    back = read_back(exported)
    assert back.meta == bundled.meta
    assert back.concepts == bundled.concepts


def test_hostile_text_round_trips_through_v2(site):
    back = read_back(v2_bytes(site))
    assert back.concepts == site.concepts
    assert back.concepts["hostile"].languages["fi"].terms[0].term == (
        "<script>window.__pwned = 'term'</script>"
    )


_text = st.text(_CHARS, max_size=30)
_title = _text.filter(lambda s: s.strip() == s and s != "")


@st.composite
def metas(draw):
    languages = tuple(draw(st.lists(langs, min_size=1, max_size=4, unique=True)))
    return GlossaryMeta(
        id=draw(ids),
        title=draw(st.dictionaries(langs, _title, max_size=3)),
        languages=languages,
        required=tuple(draw(st.lists(st.sampled_from(languages), unique=True))),
        version=draw(st.none() | _text),
        license=draw(st.none() | _text),
        publisher=draw(st.none() | _text),
        base_url=draw(st.none() | _text),
        note_language=draw(st.none() | st.sampled_from(languages[1:] or (None,))),
        subjects=draw(
            st.dictionaries(
                st.sampled_from(["vet", "e-learning", "x1"]),
                st.dictionaries(langs, _text, min_size=1, max_size=3),
                max_size=3,
            )
        ),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(metas(), st.lists(concepts(), min_size=1, max_size=4, unique_by=lambda c: c.id))
def test_generated_glossaries_round_trip_through_v2(meta, generated):
    from_yaml = [via_yaml(c) for c in generated]
    g = Glossary(meta, {c.id: c for c in from_yaml})
    result = read_tbx(io.BytesIO(v2_bytes(g)), name="gen.tbx")
    assert [d for d in result.diagnostics if d.code != "L116"] == []
    assert result.glossary.meta == meta
    back = [via_yaml(c) for c in result.glossary.concepts.values()]
    assert back == from_yaml


# -- translate-toolkit (Weblate, Pootle) -------------------------------------------------


def test_translate_toolkit_reads_every_concept_and_term(bundled, exported):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(exported, sourcelanguage="fi", targetlanguage="ru")
    units = {unit.getid(): unit for unit in store.units}
    assert list(units) == list(bundled.concepts)
    statuses = {
        TermStatus.PREFERRED: "preferredTerm-admn-sts",
        TermStatus.ADMITTED: "admittedTerm-admn-sts",
        TermStatus.DEPRECATED: "deprecatedTerm-admn-sts",
        TermStatus.SUPERSEDED: "supersededTerm-admn-sts",
    }
    for concept_id, concept in bundled.concepts.items():
        unit = units[concept_id]
        fi, ru, en = (concept.languages[lang].terms for lang in ("fi", "ru", "en"))
        # The unit's source and target are the first term of each language, which is
        # the preferred one in this glossary.
        assert unit.source == fi[0].term == concept.preferred("fi").term
        assert unit.target == ru[0].term == concept.preferred("ru").term
        assert [(t.text, t.administrative_status) for t in unit.get_source_terms()] == [
            (t.term, statuses[t.status]) for t in fi
        ]
        assert [(t.text, t.administrative_status) for t in unit.get_target_terms()] == [
            (t.term, statuses[t.status]) for t in ru
        ]
        assert [t.text for t in unit.get_target_terms("en")] == [t.term for t in en]
        assert [t.deprecated for t in unit.get_target_terms()] == [
            t.status is TermStatus.DEPRECATED for t in ru
        ]
        assert not unit.isobsolete()


def test_translate_toolkit_without_languages_takes_the_glossarys_first_language(site):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(v2_bytes(site))
    units = {unit.getid(): unit for unit in store.units}
    assert list(units) == list(site.concepts)
    for concept_id, unit in units.items():
        concept = site.concepts[concept_id]
        assert unit.source == concept.preferred("fi").term
        assert unit.target == concept.preferred("ru").term
    assert units["hostile"].source == "<script>window.__pwned = 'term'</script>"
    assert units["hostile"].target == "</title><b>жирный</b>"


# -- command line -----------------------------------------------------------------------


def test_cli_writes_v2_to_stdout(runner, bundled, exported):
    result = runner.invoke(app, ["export", "tbx", "--tbx-version", "2", "-g", str(TERMS)])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == exported
    root = etree.fromstring(result.stdout_bytes)
    assert (root.tag, root.get("type")) == ("martif", "TBX-Basic")


def test_cli_writes_v2_to_a_file_and_v3_by_default(runner, tmp_path, site):
    out = tmp_path / "g.tbx"
    args = ["export", "tbx", "-g", str(SITE), "--out", str(out)]
    assert runner.invoke(app, [*args, "--tbx-version", "2"]).exit_code == 0
    assert out.read_bytes() == v2_bytes(site)
    assert runner.invoke(app, args).exit_code == 0
    assert out.read_bytes() == tbx_exporter.render(site)
    assert etree.fromstring(out.read_bytes()).tag == "{urn:iso:std:iso:30042:ed-2}tbx"


def test_cli_refuses_a_tbx_version_that_does_not_exist(runner):
    result = runner.invoke(app, ["export", "tbx", "--tbx-version", "4", "-g", str(SITE)])
    assert result.exit_code == 2
    assert "choose 2 or 3" in result.output
    assert result.stdout == ""
