"""Lookup as a translator meets it: answers and nearest guesses, every concept with a
word, compounds, function words, abbreviations with case endings, keyboard layouts,
caveats, --limit, --min-score and --batch in every format; and the query analysis.

The glossary is tests/data/lookup: a dozen concepts chosen so that each behaviour has
something to find and something that only looks alike."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import DATA

from glossary.cli import app
from glossary.search.layouts import readings
from glossary.search.query import abbreviation_readings, analyse, clean

LOOKUP = str(DATA / "lookup")


def run(runner, *args: str, input: str | None = None):
    return runner.invoke(app, ["lookup", "-g", LOOKUP, *args], input=input, catch_exceptions=False)


def found(runner, *args: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    result = run(runner, *args, "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == (0 if data["matches"] else 1)
    return (
        [(m["concept_id"], m["kind"]) for m in data["matches"]],
        [(m["concept_id"], m["kind"]) for m in data["nearest"]],
    )


@pytest.fixture(autouse=True)
def _columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")


# -- word search ------------------------------------------------------------------------


def test_a_word_lists_every_concept_with_it_then_compounds(runner):
    matches, _ = found(runner, "koulutus", "-n", "50")
    assert matches == [
        ("training", "exact"),
        ("vocational-education", "word"),
        ("additional-education", "compound"),
        ("online-training", "compound"),
        ("higher-education", "compound"),
        ("apprenticeship-training", "compound"),
    ]
    # Any inflected form finds the same concepts.
    assert found(runner, "koulutuksessa", "-n", "50")[0][1:] == matches[1:]


def test_look_alikes_are_not_answers(runner):
    matches, _ = found(runner, "обучение", "-n", "50")
    assert matches == [
        ("training", "exact"),
        ("e-learning", "word"),
        ("distance-learning", "word"),
        ("lifelong-learning", "word"),
        ("apprenticeship-training", "word"),
    ]
    assert ("microlearning", "fuzzy") not in matches


def test_the_limit_says_how_many_more(runner):
    result = run(runner, "обучение", "-n", "2")
    assert result.exit_code == 0
    assert result.stdout == (
        "TERM                  LANG  STATUS     FI                EN          MATCH\n"
        "обучение              ru    preferred  koulutus          training    exact 100\n"
        "  Tiedon ja taitojen opettaminen.\n"
        "электронное обучение  ru    preferred  verkko-oppiminen  e-learning  word 84\n"
        "  [reviewed]\n"
        "… and 3 more: --limit 5\n"
    )


# -- answers and guesses ----------------------------------------------------------------


def test_a_longer_phrase_than_the_glossary_has_is_a_guess(runner):
    result = run(runner, "Дополнительное", "профессиональное", "образование")
    assert result.exit_code == 1
    assert result.stdout == (
        "not in the glossary; nearest:\n"
        "TERM                          LANG  STATUS     FI                     EN"
        "                    MATCH\n"
        "дополнительное образование    ru    preferred  lisäkoulutus           additional education"
        "  word 77\n"
        "профессиональное образование  ru    preferred  ammatillinen koulutus  vocational education"
        "  word 77\n"
    )
    assert result.stderr == ""


def test_min_score_moves_the_line(runner):
    query = ("Дополнительное", "профессиональное", "образование")
    assert found(runner, *query)[0] == []
    matches, _ = found(runner, *query, "--min-score", "75")
    assert matches == [("additional-education", "word"), ("vocational-education", "word")]
    matches, nearest = found(runner, "koulutus", "--min-score", "81")
    assert ("online-training", "compound") in nearest
    assert ("online-training", "compound") not in matches


@pytest.mark.parametrize("query", ["в", "о", "по", "и", "ja", "во", "on", "the", "of", "a"])
def test_function_words_never_answer(runner, query):
    result = run(runner, query, "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["matches"] == []


def test_an_abbreviation_in_capitals_is_an_answer_even_if_it_spells_a_function_word(runner):
    assert found(runner, "ВО")[0] == [("higher-education", "exact")]
    assert found(runner, "во")[0] == []


@pytest.mark.parametrize("query", ["HOKS", "hoks", "HOKSin", "HOKS:n", "HOKS:iin", "hoks:ssa"])
def test_abbreviations_with_finnish_case_endings(runner, query):
    assert [m for m, _ in found(runner, query)[0]] == ["personal-competence-development-plan"]


def test_ordinary_words_are_not_read_as_abbreviations():
    assert abbreviation_readings("HOKSin") == ("hoks",)
    assert abbreviation_readings("ECVET:iin") == ("ecvet",)
    assert abbreviation_readings("AHOTissa") == ("ahot",)
    assert abbreviation_readings("hoksin") == ()  # no capitals, no colon
    # A possessive suffix after the case ending (your, our, their …).
    assert abbreviation_readings("HOKSiasi") == ("hoks",)
    assert abbreviation_readings("HOKSissamme") == ("hoks",)
    assert abbreviation_readings("HOKSissaan") == ("hoks",)
    assert abbreviation_readings("HOKSisi") == ("hoks",)  # genitive -n dropped
    assert abbreviation_readings("HOKSkissa") == ()
    assert abbreviation_readings("HOKSnne") == ()  # no case ending before it
    assert abbreviation_readings("HOKSissaon") == ()
    assert abbreviation_readings("Koulutus") == ()
    assert abbreviation_readings("HOKSxyz") == ()  # not a case ending


# -- Finnish compounds and forms --------------------------------------------------------


def test_a_compound_whose_head_is_a_term_is_a_near_guess(runner):
    assert found(runner, "opiskelijaliikkuvuus") == ([], [("mobility", "compound")])
    assert found(runner, "opiskelijaliikkuvuutta") == ([], [("mobility", "compound")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oppisopimus- koulutuksessa", "oppisopimuskoulutuksessa"),
        ("oppisopimus-\nkoulutuksessa", "oppisopimuskoulutuksessa"),
        ("oppi\u00adsopimus\u00adkoulutuksessa", "oppisopimuskoulutuksessa"),
        ("lisä- ja täydennyskoulutus", "lisä- ja täydennyskoulutus"),
        ("профессионально- и общеобразовательный", "профессионально- и общеобразовательный"),
        ("verkko- oppiminen", "verkko-oppiminen"),
        ("verkko-oppiminen", "verkko-oppiminen"),
        ("  e-learning\t ", "e-learning"),
    ],
)
def test_soft_hyphens_and_words_broken_at_a_line_end(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("perus-, ammatti- tai erikoisammattitutkinto", (((0, 1), 3),)),
        ("koulutus- tai oppisopimuksella", (((0,), 2),)),
        ("учебно- и научно-производственных", (((0,), 2),)),
        ("lisä- ja täydennyskoulutus sekä verkko- tai monimuoto-opetus", (((0,), 2), ((4,), 6))),
        # Not an ellipsis: no conjunction, nothing after it, a hyphen joined to a word.
        ("koulutus- oppisopimus", ()),
        ("koulutus- tai", ()),
        ("- tai oppisopimus", ()),
        ("verkko-oppiminen ja oppisopimus", ()),
        ("tai oppisopimus-", ()),
    ],
)
def test_coordinations_with_a_hyphen_ellipsis(text, expected):
    assert analyse(text, ("fi", "ru", "en")).ellipses == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("formal and non-formal learning", (1, 2)),
        ("среднее профессиональное и (или) высшее образование", (2, 4)),
        # The first conjunct is one to three words, the second at least two.
        ("and non-formal learning", None),
        ("formal and learning", None),
        ("a b c d and non-formal learning", None),
        # More than one run of conjunctions.
        ("formal and non-formal and informal learning", None),
        ("oppisopimus", None),
        # A hyphen ellipsis is completed in its own way.
        ("koulutus- tai oppisopimuksella", None),
    ],
)
def test_coordinations_that_may_share_the_last_word(text, expected):
    assert analyse(text, ("fi", "ru", "en")).coordination == expected


def test_a_word_broken_at_a_line_end_is_found(runner):
    for query in ("oppisopimus- koulutuksessa", "oppi\u00adsopimus\u00adkoulutuksessa"):
        assert found(runner, query)[0] == [("apprenticeship-training", "lemma")]


# -- keyboard layouts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lbcnfywbjyyjt j,extybt", "дистанционное обучение"),  # ru on US QWERTY
        ("'rpfvty", "экзамен"),  # э on the quote key
        ("ärpfvty", "экзамен"),  # ru on the Finnish layout: э on the ä key
        ("ЛЩГДГЕГЫ", "KOULUTUS"),  # capitals on ЙЦУКЕН
        ("уеэщзшылудг", "etäopiskelu"),  # fi on ЙЦУКЕН over a Finnish keyboard
        ("мукллщ.щззшьштут", "verkko-oppiminen"),  # the Finnish hyphen key gives a period
    ],
)
def test_layout_readings(typed, meant):
    assert meant in readings(typed)


def test_readings_of_text_that_is_not_a_slip():
    assert readings("123") == ()
    assert readings("koulutus обучение") == ()  # mixed scripts


def test_a_query_typed_in_the_wrong_layout_is_read_and_found(runner):
    result = run(runner, "lbcnfywbjyyjt", "j,extybt")
    assert result.exit_code == 0
    assert result.stdout == (
        "read as: дистанционное обучение\n"
        "TERM                    LANG  STATUS     FI           EN                 MATCH\n"
        "дистанционное обучение  ru    preferred  etäopiskelu  distance learning  layout 100\n"
    )
    data = json.loads(run(runner, "уеэщзшылудг", "-f", "json").stdout)
    assert [(m["concept_id"], m["kind"], m["read_as"]) for m in data["matches"]] == [
        ("distance-learning", "layout", "etäopiskelu")
    ]


def test_a_query_that_answers_as_typed_is_not_read_on_another_layout(runner):
    assert found(runner, "koe")[0] == [("examination", "exact")]


# -- caveats ----------------------------------------------------------------------------


def test_caveats_in_the_table_and_whole_in_json(runner):
    result = run(runner, "HOKSin", "--to", "ru")
    assert result.exit_code == 0
    assert result.stdout == (
        "TERM  LANG  STATUS    RU                                        MATCH\n"
        "HOKS  fi    admitted  индивидуальный план развития компетенций  lemma 91\n"
        "  [draft] note: Specific to Finnish VET; Russian has no institutional equivalent.\n"
    )
    (match,) = json.loads(run(runner, "HOKSin", "-f", "json").stdout)["matches"]
    assert match["concept_status"] == "draft"
    assert match["notes"] == [
        {"lang": None, "text": "Specific to Finnish VET; Russian has no institutional equivalent."},
        {"lang": "ru", "text": "The Russian term is a descriptive rendering."},
    ]


def test_a_long_note_is_shortened_to_the_terminal(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    lines = run(runner, "HOKS").stdout.splitlines()
    assert lines[-1] == "  [draft] note: Specific to Finnish VET…"


# -- batch ------------------------------------------------------------------------------


def test_batch_honours_the_format(runner):
    queries = "koulutus\nв\n\nHOKS\n"
    result = run(runner, "--batch", "-", input=queries)
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["query"], len(o["matches"])) for o in objects] == [
        ("koulutus", 6),
        ("в", 0),
        ("HOKS", 1),
    ]
    assert result.exit_code == 1  # one query has no answer

    result = run(runner, "--batch", "-", "-f", "tsv", "--to", "en", input="HOKS\nkoe\n")
    assert result.exit_code == 0
    assert result.stdout == (
        "query\tconcept_id\tlang\tterm\tstatus\tscore\tkind\tanswer\tconcept_status\ten\n"
        "HOKS\tpersonal-competence-development-plan\tfi\tHOKS\tadmitted\t100\texact\tyes\t"
        "draft\tpersonal competence development plan\n"
        "koe\texamination\tfi\tkoe\tpreferred\t100\texact\tyes\tapproved\texamination\n"
    )

    result = run(runner, "--batch", "-", "-f", "table", "--to", "ru", input="HOKS\nzzz\n")
    assert result.exit_code == 1
    assert result.stdout == (
        "query: HOKS\n"
        "TERM  LANG  STATUS    RU                                        MATCH\n"
        "HOKS  fi    admitted  индивидуальный план развития компетенций  exact 100\n"
        "  [draft] note: Specific to Finnish VET; Russian has no institutional equivalent.\n"
        "\n"
        "query: zzz\n"
        "nothing found\n"
    )


# -- the query analysis and the library -------------------------------------------------


def test_one_analysis_of_the_query():
    query = analyse("Oppi\u00adsopimus- koulutuksessa ja HOKS:n", ("fi", "ru", "en"))
    assert query.text == "Oppisopimuskoulutuksessa ja HOKS:n"
    assert query.words == ("oppisopimuskoulutuksessa", "ja", "hoks", "n")
    assert query.function == (False, True, False, True)
    assert query.content == ("oppisopimuskoulutuksessa", "hoks")
    assert query.abbreviations == ("hoks",)
    assert not query.only_function_words
    assert analyse("в", ("ru",)).only_function_words
    assert not analyse("ВО", ("ru",)).only_function_words


def test_the_model_does_not_import_the_search_package(tmp_path):
    code = (
        "import sys, glossary.model\n"
        "assert 'glossary.search' not in sys.modules, 'model imported search'\n"
        "import glossary\n"
        f"g = glossary.load({LOOKUP!r})\n"
        "assert 'glossary.search' not in sys.modules\n"
        "print(g.lookup('koulutuksessa', limit=2)[0].concept_id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"GLOSSARY_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "training\n"


def test_library_lookup_lists_answers_then_guesses():
    import glossary

    g = glossary.load(LOOKUP)
    found = g.lookup("Дополнительное профессиональное образование")
    assert [(m.concept_id, m.confident) for m in found] == [
        ("additional-education", False),
        ("vocational-education", False),
    ]
    assert [m.confident for m in g.lookup("koulutus")][:2] == [True, True]


def test_a_cold_lookup_imports_only_what_it_needs(runner):
    """``glossary lookup`` of an indexed glossary runs the lookup command alone (the same
    output as the whole app) and imports no reader, model, validation or config."""
    expected = run(runner, "koulutus", "-f", "json").stdout  # the index is built here
    code = (
        "import sys\n"
        f"sys.argv = ['glossary', 'lookup', '-g', {LOOKUP!r}, 'koulutus', '-f', 'json']\n"
        "from glossary.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('glossary.model', 'glossary.sources', 'glossary.config', "
        "'glossary.validation', 'glossary.stats', 'tomllib', 'yaml')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    cold = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"GLOSSARY_CACHE_DIR": os.environ["GLOSSARY_CACHE_DIR"], "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert cold.stderr == "[]\n"
    assert cold.stdout == expected
