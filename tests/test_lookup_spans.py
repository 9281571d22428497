"""Terms inside a longer run of words: :func:`glossary.search.spans.spans` (longest
matches, left to right, never overlapping: what ``scan`` marks) and the lookup answers of
kind ``part`` built on them.

The glossary is tests/data/lookup (see test_lookup_cli.py)."""

from __future__ import annotations

import itertools

import pytest
from conftest import DATA

from glossary.search import find
from glossary.search.query import analyse
from glossary.search.spans import Span, spans


@pytest.fixture(scope="module")
def index():
    from glossary.search.index import build
    from glossary.sources import load

    return build(load(DATA / "lookup"), None)


def found(index, text: str) -> list[tuple[int, int, str, list[tuple[str, str, str]]]]:
    return [
        (s.start, s.end, s.text, [(t.concept_id, t.term, t.kind) for t in s.terms])
        for s in spans(index, text)
    ]


def test_terms_in_a_sentence_left_to_right_in_any_form(index):
    text = "HOKSin mukaan opiskelu järjestetään ammatillisessa koulutuksessa ja verkkokoulutuksena"
    assert found(index, text) == [
        (0, 1, "hoksin", [("personal-competence-development-plan", "HOKS", "normalized")]),
        (
            4,
            6,
            "ammatillisessa koulutuksessa",
            [("vocational-education", "ammatillinen koulutus", "lemma")],
        ),
        (7, 8, "verkkokoulutuksena", [("online-training", "verkkokoulutus", "lemma")]),
    ]


def test_the_longest_run_wins_and_runs_never_overlap(index):
    # обучение alone is a term too, but it is inside дистанционного обучения.
    assert found(index, "в системе дистанционного обучения") == [
        (
            2,
            4,
            "дистанционного обучения",
            [("distance-learning", "дистанционное обучение", "lemma")],
        )
    ]
    # Left to right: ammatillisen koulutuksen is taken first, so koulutuksen is not
    # read again with what follows.
    assert [(s.start, s.end) for s in spans(index, "ammatillisen koulutuksen liikkuvuus")] == [
        (0, 2),
        (2, 3),
    ]


def test_a_query_or_its_text_give_the_same_spans(index):
    text = "обучение в течение всей жизни и высшее образование"
    assert spans(index, analyse(text, index.languages)) == spans(index, text)
    assert [(s.start, s.end, s.terms[0].concept_id) for s in spans(index, text)] == [
        (0, 5, "lifelong-learning"),
        (6, 8, "higher-education"),
    ]


def test_an_abbreviation_with_a_finnish_ending_after_a_colon(index):
    result = spans(index, "HOKS:n laatiminen")
    assert result == [
        Span(
            0,
            1,
            "hoks",
            result[0].terms,
        )
    ]
    assert result[0].terms[0].term == "HOKS"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "…", "в и по", "\u00ad", "x" * 500, "и " * 300, "%$#@!", "\x00\x01"],
)
def test_nothing_in_empty_and_hostile_text(index, text):
    assert spans(index, text) == []


def test_a_long_text_gives_every_term_once(index):
    text = " ".join(["koulutus", "ja", "liikkuvuus"] * 300)
    result = spans(index, text)
    assert len(result) == 600
    assert {s.terms[0].concept_id for s in result} == {"training", "mobility"}
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))


# -- answers of kind part -----------------------------------------------------------------


def answers(index, text: str) -> list[tuple[str, str, float]]:
    return [(m.concept_id, m.kind, m.score) for m in find(index, text).matches]


def test_a_term_framed_by_function_and_frame_words_answers(index):
    # 78 + 8 × the share of the phrase's content words the term covers (2 of 3).
    assert answers(index, "в сфере дистанционного обучения") == [
        ("distance-learning", "part", 83.3)
    ]


def test_terms_that_cover_the_whole_phrase_answer_head_first(index):
    # Finnish puts the head last, Russian first; the head comes first whatever its
    # length, with the share of the longest part, and each further part 2 less.
    assert answers(index, "koulutuksen liikkuvuus") == [
        ("mobility", "part", 82.0),
        ("training", "part", 80.0),
    ]
    assert answers(index, "мобильность обучающихся в сфере высшего образования") == []
    assert answers(index, "экзамен высшего образования") == [
        ("examination", "part", 83.3),  # the head: 78 + 8 × 2/3, the longest part's share
        ("higher-education", "part", 81.3),  # 2 of 3 words, 2 less as the second part
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Laki ammatillisesta koulutuksesta",  # a law, not the training
        "в системе дистанционного обучения взрослых",  # a word no term accounts for
        "heikosti koulutettujen liikkuvuus",
    ],
)
def test_a_word_no_term_accounts_for_leaves_only_guesses(index, text):
    result = find(index, text)
    assert result.matches == []
    assert result.nearest


def test_a_whole_term_is_not_a_part(index):
    assert answers(index, "ammatillisessa koulutuksessa") == [
        ("vocational-education", "lemma", 90.2)
    ]


def test_running_text_is_no_phrase_to_answer(index):
    # More than 40 content words: the terms are in it (spans), but it is not a query
    # that one of them answers.
    text = " ".join(["koulutuksen liikkuvuus"] * 21)
    assert find(index, text).matches == []
    assert len(spans(index, text)) == 42
    assert answers(index, " ".join(["koulutuksen liikkuvuus"] * 20))[:1] == [
        ("mobility", "part", 78.2)
    ]
