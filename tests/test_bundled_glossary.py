"""The glossary shipped in terms/: complete, consistent, and as the vocabulary list says."""

from __future__ import annotations

import csv

import pytest
from conftest import TERMS

import glossary
from glossary.model import PartOfSpeech, TermStatus, TermType

NOUNS = (PartOfSpeech.NOUN, PartOfSpeech.PROPER_NOUN)


def test_the_bundled_glossary_has_no_diagnostics():
    report = glossary.validate(TERMS)
    assert [str(d) for d in report.diagnostics] == []


#: Core terms that a professional review found wrong: (id, lang) -> the term now preferred.
#: The core list's term stays in the entry as a deprecated or admitted term.
CORRECTED_CORE_TERMS = {
    # The 2009 ECVET Recommendation, OPH and CIMO put "eurooppalainen" before
    # "siirtojärjestelmä"; the core list had the words in another order.
    ("ecvet", "fi"): "ammatillisen koulutuksen opintosuoritusten eurooppalainen siirtojärjestelmä",
}


def test_every_core_concept_is_there_with_its_exact_terms(bundled, core_concepts):
    with open(core_concepts, encoding="utf-8", newline="") as fp:
        rows = list(csv.DictReader(fp, delimiter="\t"))
    assert len(rows) >= 70
    for row in rows:
        concept = bundled.concepts.get(row["id"])
        assert concept is not None, row["id"]
        assert row["subject"] in concept.subjects, row["id"]
        for lang in ("fi", "ru", "en"):
            preferred = concept.preferred(lang)
            assert preferred is not None, (row["id"], lang)
            corrected = CORRECTED_CORE_TERMS.get((row["id"], lang))
            if corrected is None:
                assert preferred.term == row[lang], (row["id"], lang)
            else:
                assert preferred.term == corrected, (row["id"], lang)
                terms = [t.term for t in concept.languages[lang].terms]
                assert row[lang] in terms, (row["id"], lang)


def test_required_languages_have_definitions(bundled):
    assert bundled.meta.required == ("fi", "ru")
    for concept in bundled.concepts.values():
        for lang in ("fi", "ru", "en"):
            assert lang in concept.languages, (concept.id, lang)
        for lang in bundled.meta.required:
            definition = concept.languages[lang].definition
            assert definition and len(definition) > 30, (concept.id, lang)


def test_every_term_has_a_part_of_speech_and_russian_nouns_a_gender(bundled):
    for concept in bundled.concepts.values():
        for section in concept.languages.values():
            for term in section.terms:
                assert term.pos is not None, (concept.id, term.term)
                if section.lang == "ru" and term.pos in NOUNS:
                    assert term.gender is not None, (concept.id, term.term)
                if section.lang in ("fi", "en"):
                    assert term.gender is None, (concept.id, term.term)


def test_exactly_one_preferred_term_per_language(bundled):
    for concept in bundled.concepts.values():
        for section in concept.languages.values():
            preferred = [t for t in section.terms if t.status is TermStatus.PREFERRED]
            assert len(preferred) == 1, (concept.id, section.lang)
            assert section.terms[0].status is TermStatus.PREFERRED, (concept.id, section.lang)


@pytest.mark.parametrize(
    ("abbreviation", "concept_id"),
    [
        ("ECVET", "ecvet"),
        ("EQF", "european-qualifications-framework"),
        ("VET", "vocational-education-and-training"),
        ("LMS", "learning-management-system"),
        ("MOOC", "mooc"),
        ("МООК", "mooc"),
        ("СДО", "distance-learning-system"),
        ("ЕРК", "european-qualifications-framework"),
    ],
)
def test_abbreviations_are_terms_of_the_right_type(bundled, abbreviation, concept_id):
    found = [t for t in bundled.concepts[concept_id].terms() if t.term == abbreviation]
    assert found, abbreviation
    assert all(t.type in (TermType.ABBREVIATION, TermType.ACRONYM) for t in found)


def test_subjects_and_cross_references_resolve(bundled):
    for code, labels in bundled.meta.subjects.items():
        assert set(labels) >= {"fi", "ru", "en"}, code
    for concept in bundled.concepts.values():
        assert concept.subjects, concept.id
        for subject in concept.subjects:
            assert subject in bundled.meta.subjects, (concept.id, subject)
        for target in concept.related:
            assert target in bundled.concepts, (concept.id, target)
            assert target != concept.id


def test_draft_concepts_say_what_is_uncertain(bundled):
    for concept in bundled.concepts.values():
        if concept.status.value == "draft":
            assert concept.note, concept.id


def test_the_glossary_is_large_enough_and_half_of_it_has_context(bundled):
    from glossary.stats import compute

    assert len(bundled.concepts) >= 250
    stats = compute(bundled)
    assert stats.missing_definition == {"fi": [], "ru": []}
    assert stats.missing_gender == [] and stats.missing_pos == []
    assert stats.with_context * 2 >= stats.concepts


def test_no_two_concepts_share_a_preferred_term_in_one_language(bundled):
    seen = {}
    for concept in bundled.concepts.values():
        for lang, section in concept.languages.items():
            preferred = section.preferred
            key = (lang, preferred.term.casefold())
            assert key not in seen, (concept.id, seen.get(key))
            seen[key] = concept.id
