"""YAML -> TBX (v3 and v2) -> YAML keeps every field of the model, for any Unicode text;
the JSON API and SKOS exports of what comes back are those of what went in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.model import (
    Concept,
    ConceptStatus,
    Equivalence,
    Gender,
    Glossary,
    GlossaryMeta,
    GrammaticalNumber,
    Image,
    LangSection,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
    UsageLabel,
)
from glossary.sources.tbx import read_tbx
from glossary.sources.tbx_write import generate_tbx
from glossary.sources.yaml import dump_yaml, read_yaml

# Every character that both XML 1.0 and YAML can carry (YAML escapes what it cannot
# print): all of Unicode except surrogates, U+FFFE, U+FFFF and C0 controls other than
# tab, line feed and carriage return.
_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
    + "\ufffe\uffff",
)
text = st.text(_CHARS, max_size=40)
term_text = text.filter(lambda s: s.strip() != "")
# A blank value is no value: readers of other tools' files ignore empty elements (#13).
optional = st.none() | term_text
ids = st.from_regex(r"\A[a-z][a-z0-9-]{0,12}\Z")
langs = st.sampled_from(["fi", "ru", "en", "sv", "uz-Latn", "se", "ru-KZ"])
geo = st.none() | st.sampled_from(["ru-RU", "ru-KZ", "fi-FI", "sv-AX"])


@st.composite
def terms(draw):
    return Term(
        term=draw(term_text),
        status=draw(st.sampled_from(TermStatus)),
        type=draw(st.sampled_from(TermType)),
        pos=draw(st.none() | st.sampled_from(PartOfSpeech)),
        gender=draw(st.none() | st.sampled_from(Gender)),
        geo=draw(geo),
        context=(context := draw(optional)),
        context_source=draw(optional) if context is not None else None,
        source=draw(optional),
        note=draw(optional),
        usage=tuple(draw(st.lists(st.sampled_from(UsageLabel), max_size=3, unique=True))),
        number=draw(st.none() | st.sampled_from(GrammaticalNumber)),
        homograph=draw(st.none() | st.integers(1, 12)),
    )


# Paths inside the glossary folder (any letters, spaces, nesting) or http(s) addresses:
# what the reader accepts (L107 otherwise).
image_paths = st.from_regex(r"\A[\w.-][\w .-]{0,10}(/[\w.-][\w .-]{0,10}){0,2}\Z").filter(
    lambda p: ".." not in p.split("/") and p.strip() == p
) | st.from_regex(r"\Ahttps?://[a-z]{1,8}\.org/[\w%./-]{0,20}\Z")
images = st.builds(Image, image_paths, optional, optional)


@st.composite
def concepts(draw):
    codes = draw(st.lists(langs, min_size=1, max_size=4, unique=True))
    sections = {}
    for index, code in enumerate(codes):
        # The first language always has a term (a concept needs one); others may be
        # definitions waiting for their terms.
        low = 1 if index == 0 else 0
        section_terms = tuple(draw(st.lists(terms(), min_size=low, max_size=3)))
        definition = draw(optional)
        note = draw(optional)
        if not section_terms and definition is None and note is None:
            definition = draw(term_text)
        sections[code] = LangSection(
            code,
            section_terms,
            definition,
            draw(optional),
            note,
            draw(st.none() | st.sampled_from(Equivalence)),
            draw(optional),
        )
    return Concept(
        id=draw(ids),
        languages=sections,
        subjects=tuple(draw(st.lists(st.sampled_from(["vet", "e-learning", "x1"]), max_size=2))),
        status=draw(st.sampled_from(ConceptStatus)),
        broader=tuple(draw(st.lists(ids, max_size=2))),
        part_of=tuple(draw(st.lists(ids, max_size=2))),
        related=tuple(draw(st.lists(ids, max_size=3))),
        replaced_by=tuple(draw(st.lists(ids, max_size=2))),
        note=draw(optional),
        updated=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
        image=draw(st.none() | images),
    )


def via_yaml(concept: Concept) -> Concept:
    found, diagnostics = read_yaml(io.BytesIO(dump_yaml(concept).encode("utf-8")), name="c.yaml")
    assert diagnostics == []
    (again,) = found
    return again


META = GlossaryMeta(
    id="gen",
    title={"fi": "Sanasto", "ru": "Глоссарий"},
    languages=("fi", "ru", "en"),
    required=("fi", "ru"),
    version="1",
    license="CC0-1.0",
    publisher="Tests & <Co>",
    base_url="https://example.org/",
    subjects={"vet": {"fi": "Ammatillinen"}, "e-learning": {"en": "E-learning"}},
)


def outputs(glossary: Glossary) -> tuple[object, object]:
    """Each concept's JSON API document and the SKOS triples of ``glossary``."""
    from glossary.exporters.skos import build_graph
    from glossary.jsonapi import concept_document

    docs = {c.id: concept_document(c, META.languages, glossary) for c in glossary.concepts.values()}
    return docs, set(build_graph(glossary))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(concepts(), min_size=1, max_size=4, unique_by=lambda c: c.id),
    st.sampled_from([3, 2]),
)
def test_yaml_tbx_yaml_gives_an_equal_model(generated, version):
    from_yaml = [via_yaml(c) for c in generated]
    assert from_yaml == generated
    glossary = Glossary(META, {c.id: c for c in from_yaml})
    data = ("\n".join(generate_tbx(glossary, version=version)) + "\n").encode("utf-8")
    result = read_tbx(io.BytesIO(data), name="gen.tbx")
    assert [d for d in result.diagnostics if d.code != "L116"] == []
    assert result.glossary.meta == META
    back = [via_yaml(c) for c in result.glossary.concepts.values()]
    assert back == from_yaml
    assert outputs(Glossary(META, {c.id: c for c in back})) == outputs(glossary)


@pytest.mark.parametrize(
    "text", ["????????", "?x", ":x", "-x", "\t0\n0", "a\n b", "x: y", "[x]", "#x", "'q'", "null"]
)
def test_awkward_terms_are_written_so_that_they_read_back(text):
    """Cases found in real files (a TBX sample full of '?') and by the property tests."""
    import io

    from glossary.model import Concept, LangSection, Term
    from glossary.sources.yaml import dump_yaml, read_yaml

    for terms in ((Term(term=text),), (Term(term=text), Term(term="b"))):
        concept = Concept(id="c", languages={"fi": LangSection(lang="fi", terms=terms)})
        back, problems = read_yaml(io.BytesIO(dump_yaml(concept).encode()), name="c.yaml")
        assert (problems, back) == ([], [concept])


def from_document(doc: dict) -> Concept:
    """A concept back from its JSON API document (the derived relations left aside)."""

    def term(item: dict) -> Term:
        return Term(
            term=item["term"],
            status=TermStatus(item["status"]),
            type=TermType(item["type"]),
            pos=PartOfSpeech(item["pos"]) if "pos" in item else None,
            gender=Gender(item["gender"]) if "gender" in item else None,
            geo=item.get("geo"),
            context=item.get("context"),
            context_source=item.get("context_source"),
            source=item.get("source"),
            note=item.get("note"),
            usage=tuple(UsageLabel(label) for label in item["usage"]),
            number=GrammaticalNumber(item["number"]) if "number" in item else None,
            homograph=item.get("homograph"),
        )

    image = doc.get("image")
    return Concept(
        id=doc["id"],
        languages={
            lang: LangSection(
                lang,
                tuple(term(item) for item in section["terms"]),
                section.get("definition"),
                section.get("source"),
                section.get("note"),
                Equivalence(section["equivalence"]) if "equivalence" in section else None,
                section.get("equivalence_note"),
            )
            for lang, section in doc["languages"].items()
        },
        subjects=tuple(doc["subjects"]),
        status=ConceptStatus(doc["status"]),
        broader=tuple(doc["broader"]),
        part_of=tuple(doc["part_of"]),
        related=tuple(doc["related"]),
        replaced_by=tuple(doc["replaced_by"]),
        note=doc.get("note"),
        updated=dt.date.fromisoformat(doc["updated"]) if "updated" in doc else None,
        image=Image(image["path"], image.get("caption"), image.get("source")) if image else None,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(concepts(), min_size=1, max_size=4, unique_by=lambda c: c.id))
def test_json_and_skos_carry_every_field_and_relation(generated):
    import json

    from rdflib import OWL, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, SKOS

    from glossary.exporters.skos import Iris, build_graph
    from glossary.jsonapi import concept_document, encode

    glossary = Glossary(META, {c.id: c for c in generated})
    for concept in generated:
        doc = json.loads(encode(concept_document(concept, META.languages, glossary)))
        assert from_document(doc) == concept
        assert doc["narrower"] == list(glossary.narrower(concept.id))
        assert doc["parts"] == list(glossary.parts(concept.id))

    graph = build_graph(glossary)
    iris = Iris.for_glossary(glossary)
    isothes = Namespace("http://purl.org/iso25964/skos-thes#")

    def node(concept_id: str) -> URIRef:
        return URIRef(iris.concept(concept_id))

    expected = set()
    for concept in generated:
        for relation, forth, back in (
            ("broader", SKOS.broader, SKOS.narrower),
            ("part_of", isothes.broaderPartitive, isothes.narrowerPartitive),
            ("related", SKOS.related, SKOS.related),
            ("replaced_by", DCTERMS.isReplacedBy, DCTERMS.replaces),
        ):
            for target in getattr(concept, relation):
                if target in glossary.concepts and target != concept.id:
                    expected |= {(node(concept.id), forth, node(target))}
                    expected |= {(node(target), back, node(concept.id))}
        if concept.status is ConceptStatus.RETIRED:
            expected.add((node(concept.id), OWL.deprecated, Literal(True)))
    linking = {
        SKOS.broader,
        SKOS.narrower,
        SKOS.related,
        isothes.broaderPartitive,
        isothes.narrowerPartitive,
        DCTERMS.isReplacedBy,
        DCTERMS.replaces,
        OWL.deprecated,
    }
    assert {t for t in graph if t[1] in linking} == expected
