"""Lookup on queries copied from real documents of the field (tests/data/lookup-real.tsv,
sources in tests/data/lookup-real-sources.md), and single words of the field whose
expected concepts are computed from the glossary itself.

The real set has a ``tune`` split (the scores, the confidence line and the synonyms
were set on it; it holds the seven earlier held-out splits too, ``held-out-3`` since
round 4, ``held-out-4`` since round 5, ``held-out-5`` since round 6, ``held-out-6``
since round 7 and ``held-out-7`` since round 8). A fresh
held-out split, from new documents, is added with its figures when it is built (measured
once when added, never used for tuning). Every split is reported (``python
tests/test_lookup_real.py``) and held to the figures in docs/lookup.md.
"""

from __future__ import annotations

import collections
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import DATA, TERMS

REAL = DATA / "lookup-real.tsv"
#: Kinds whose expected answer is that nothing in the glossary is meant.
ABSENT = ("absent", "function-word")


@dataclass(frozen=True)
class Row:
    split: str
    kind: str
    query: str
    expected: tuple[str, ...]  # empty: not in the glossary
    source: str


def real_rows() -> list[Row]:
    rows = []
    with open(REAL, encoding="utf-8") as fp:
        for number, line in enumerate(fp, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if cells[:3] == ["split", "kind", "query"]:
                continue
            assert len(cells) == 5, f"{REAL}:{number}: {len(cells)} columns"
            split, kind, query, expected, source = cells
            ids = () if expected == "-" else tuple(e for e in expected.split(",") if e)
            rows.append(Row(split, kind, query, ids, source))
    return rows


@dataclass
class Figures:
    """Per split: recall@1 of answers on in-glossary queries, confident wrong answers on
    absent ones, layout slips found, and for single words the share of expected concepts
    listed among the answers."""

    found: int = 0
    present: int = 0
    wrong: int = 0
    absent: int = 0
    layouts: int = 0
    layout_total: int = 0
    listed: int = 0
    expected_listed: int = 0
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.present if self.present else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:9} recall@1 of answers {self.found}/{self.present} = {self.recall:.3f}; "
            f"confident wrong on absent {self.wrong}/{self.absent}; "
            f"layouts {self.layouts}/{self.layout_total}; "
            f"single words: {self.listed}/{self.expected_listed} expected concepts listed"
        )


def evaluate(index, rows: list[Row], min_score: float | None = None) -> dict[str, Figures]:
    from glossary.search import find

    figures: dict[str, Figures] = collections.defaultdict(Figures)
    for row in rows:
        single = row.kind.endswith("-word")
        result = find(index, row.query, limit=500 if single else 10, min_score=min_score)
        top = [m.concept_id for m in result.matches]
        fig = figures[row.split]
        if row.kind in ABSENT or not row.expected:
            fig.absent += 1
            if top:
                fig.wrong += 1
                fig.misses.append((row.kind, row.query, "-", top[:3]))
            continue
        fig.present += 1
        hit = bool(top) and top[0] in row.expected
        fig.found += hit
        if not hit:
            fig.misses.append((row.kind, row.query, ",".join(row.expected[:3]), top[:3]))
        if row.kind == "layout":
            fig.layout_total += 1
            fig.layouts += hit and result.matches[0].kind == "layout"
        if single:
            fig.expected_listed += len(row.expected)
            fig.listed += len(set(row.expected) & set(top))
    return figures


@pytest.fixture(scope="module")
def bundled_index(bundled):
    from glossary.search.index import build

    return build(bundled, None)


@pytest.fixture(scope="module")
def real_figures(bundled_index):
    return evaluate(bundled_index, real_rows())


#: The splits a row may belong to. ``held-out-3`` was analysed and tuned on in round 4,
#: ``held-out-4`` in round 5, ``held-out-5`` in round 6, ``held-out-6`` in round 7 and
#: ``held-out-7`` in round 8 and ``held-out-8`` in round 9 (their rows say ``tune`` now).
#: ``held-out-9``, added after round 9 and measured once then, is kept out of the tuning.
SPLITS = ("tune", "held-out-9")


def test_the_real_set_is_valid(bundled):
    rows = real_rows()
    splits = collections.Counter(row.split for row in rows)
    assert set(splits) <= set(SPLITS), sorted(set(splits) - set(SPLITS))
    assert splits["tune"] >= 500
    for row in rows:
        assert row.source, row
        for concept_id in row.expected:
            assert concept_id in bundled.concepts, (row.query, concept_id)
        if row.kind in ABSENT:
            assert not row.expected, row


#: Per split, as measured and given in docs/lookup.md: (answers whose concept came first,
#: queries whose concept is in the glossary), (confident wrong answers, absent queries),
#: (layout slips found, layout queries). The issue's targets are recall@1 ≥ 0.99, at
#: most 1 confident wrong answer in 15 and 10 layout slips in 11. The tune split holds
#: the seven earlier held-out splits, tuned on since (docs/lookup.md gives what they
#: measured before; held-out-5, 61/100 and 4/64, joined it in round 6, held-out-6,
#: 70/103 and 2/62, in round 7, and held-out-7, 62/91 and 1/47, in round 8). A change that
#: moves any figure changes this table and the docs with it; a held-out split is
#: measured once, when it is added, and its figures entered here as they are.
FIGURES = {
    "tune": ((898, 1023), (11, 566), (107, 107)),
    "held-out-9": ((47, 89), (3, 52), (11, 11)),
}


@pytest.mark.parametrize("split", SPLITS)
def test_answers_on_real_queries(real_figures, split):
    if split not in real_figures:
        pytest.skip(f"the real set has no {split} rows")
    fig = real_figures[split]
    if split not in FIGURES:
        pytest.fail(f"measure the new split and enter its figures in FIGURES: {fig.line(split)}")
    recall, wrong, layouts = FIGURES[split]
    assert (fig.found, fig.present) == recall, (fig.line(split), fig.misses)
    assert (fig.wrong, fig.absent) == wrong, (fig.line(split), fig.misses)
    assert (fig.layouts, fig.layout_total) == layouts, fig.line(split)


def test_every_kind_of_layout_slip_is_read(bundled_index):
    """tests/data/lookup-real-layouts.tsv names the slip behind each layout query (Russian
    on QWERTY, on the Finnish layout, Finnish and English on ЙЦУКЕН, capitals, the keys
    of б ж э ё …): at least 10 of every 11 kinds are found, every query of the kind."""
    from glossary.search import find

    expected = {row.query: row.expected for row in real_rows() if row.kind == "layout"}
    kinds: dict[str, list[bool]] = collections.defaultdict(list)
    with open(DATA / "lookup-real-layouts.tsv", encoding="utf-8") as fp:
        for line in fp.read().splitlines()[1:]:
            query, _meant, slip = line.split("\t")
            top = find(bundled_index, query).matches[:1]
            hit = bool(top) and top[0].kind == "layout" and top[0].concept_id in expected[query]
            kinds[slip].append(hit)
    found = [slip for slip, hits in kinds.items() if all(hits)]
    assert len(kinds) >= 11
    assert len(found) / len(kinds) >= 10 / 11, sorted(set(kinds) - set(found))


@pytest.mark.parametrize(
    "query",
    [
        "в",
        "о",
        "по",
        "и",
        "ja",
        "on",
        "the",
        "of",
        "с",
        "к",
        "perusteella",
        "в целях",
        "as part of",
    ],
)
def test_function_words_never_answer(bundled_index, query):
    from glossary.search import find

    assert find(bundled_index, query).matches == []


# -- the causes of the held-out splits' misses and wrong answers, one query each --------


@pytest.mark.parametrize(
    ("query", "answer", "guess"),
    [
        # Fuzzy: a typo answers; a different word of similar letters does not.
        ("etäopiskleu", "distance-learning", None),
        ("Министр просвещения Российской Федерации", None, "ministry-of-education-russia"),
        ("urasuunnittelua", None, "career-management-skills"),
        # A compound query that is a word of a term but not its head.
        ("tutkintokoulutukseen", None, "preparatory-education"),
        ("osaamistarpeisiin", None, "skills-forecasting"),
        # A query word that stands for a term word only through its head.
        ("ammatillista peruskoulutusta", None, "vocational-education-and-training"),
        # A phrase that a longer term continues word for word.
        ("Erasmus+ Programme", "erasmus-plus", None),
        ("Erasmus+ Programme Guide", "erasmus-programme-guide", None),
        # The country in a name may be left out; other words of a term may not.
        (
            "Министерства науки и высшего образования",
            "ministry-of-science-and-higher-education-russia",
            None,
        ),
        ("дистанционное обучение", "distance-learning", None),
        # Finnish determiners in any case, and the forms of words in -nen and -ton.
        ("muissa oppimisympäristöissä", "learning-environment", None),
        ("tutkintoon johtamatonta muuta ammatillista koulutusta", "vocational-training", None),
        # Frame words in any case, and a year, around a term.
        ("систему СПО", "vocational-upper-secondary-qualification", None),
        ("2020 Council Recommendation on VET", "council-recommendation-on-vet", None),
        # A hyphen ellipsis: each suspended part completed by the shared last part.
        (
            "perus-, ammatti- tai erikoisammattitutkinto",
            "specialist-vocational-qualification",
            None,
        ),
        ("koulutus- tai oppisopimuksella", "apprenticeship-contract", None),
        # Conjuncts that share the last word.
        ("formal and non-formal learning", "formal-learning", None),
        # Conjuncts that share the first word (the head, in Russian).
        (
            "подготовку квалифицированных рабочих, служащих и специалистов среднего звена",
            "skilled-worker-training",
            None,
        ),
        ("подготовку квалифицированных рабочих и кошек", None, None),
        (
            "среднее профессиональное и (или) высшее образование",
            "vocational-upper-secondary-qualification",
            None,
        ),
        # A first conjunct that the shared word does not complete into a term.
        ("education and training authorities", None, None),
        # A two-word term written as one word, inflected; a compound of words that are
        # no one term stays unanswered.
        ("tutkinnonperusteiden", "qualification-requirements", None),
        ("palautekeskusteluihin", None, None),
        # A suspended part that no glossary word completes leaves a word unaccounted.
        ("kissa- tai oppisopimuksella", None, "apprenticeship-contract"),
        # Round 4. A one-word query that is a pronoun or conjunction is a guess at most.
        ("которые", None, None),
        ("которым", None, None),
        ("jotta", None, None),
        ("joissa", None, None),
        ("which", None, None),
        # Terms that modify one another: the head answers first, last in English and
        # Finnish when the terms are adjacent, else first (after a preposition, and in
        # Russian).
        ("learning outcomes descriptors", "level-descriptor", None),
        ("аттестат об основном общем образовании", "school-leaving-certificate", None),
        ("Osnabrück Declaration on VET", "osnabrueck-declaration", None),
        # Round 5. An agent noun is not its action noun; Latin plurals.
        ("recruiters", None, None),
        ("curricula", "curriculum", None),
        # A modifier of evaluation or time in front of a term costs little; one that
        # classifies, a whole word.
        ("uudistetut yhteiset tutkinnon osat", "common-units", None),
        ("востребованные специальности", "specialty", None),
        ("new learning outcomes", "learning-outcomes", None),
        ("geographical mobility", None, "mobility"),
        ("recent graduates", None, "graduate"),
        # An abbreviation followed by the head of its own expansion; a word of it that
        # is not a head names another concept.
        ("VET education", "vocational-education-and-training", None),
        ("TUVA koulutuksessa", "preparatory-education", None),
        ("ECTS credits", "credit-point", None),
        # Round 6. Finnish possessive suffixes after an abbreviation's case ending.
        ("HOKSiasi", "personal-competence-development-plan", None),
        ("HOKSissaan", "personal-competence-development-plan", None),
        # A hyphen compound of an abbreviation and the head of its full term; any other
        # word after the hyphen names another concept, and a function word is no
        # abbreviation.
        ("Valma-koulutuksissa", "preparatory-education", None),
        ("HOKS-keskustelun", None, "personal-competence-development-plan"),
        ("ВО-образование", None, None),
        # A term without its first, classifying words answers where nothing else fits;
        # not when a term is the phrase's head alone, nor when the words left out hold
        # the head (``Centre of``).
        ("osaamisen kehittämissuunnitelma", "personal-competence-development-plan", None),
        ("development plan", "personal-competence-development-plan", None),
        ("ohjaavan opettajan", None, "practice-supervisor"),
        ("Vocational Excellence", None, "centre-of-vocational-excellence"),
        # A letter more or less makes another abbreviation; an English plural does not.
        ("cVET", None, "ecvet"),
        ("iVET", None, "vocational-education-and-training"),
        ("NQFs", "national-qualifications-framework", None),
        # A word derived from a term (the same stem) is a modifier, not the term.
        ("accredited consortium coordinator", None, "lead-partner"),
        ("occupational mobility", None, "mobility"),
        # Terms of different concepts that overlap give way to terms that do not.
        ("Assessment of learning outcomes", "assessment", None),
        # Round 7. A term joined to the next word by a hyphen modifies it (English,
        # Finnish); the rest must be a term too, and one term twice is no phrase.
        ("Europass-Diploma Supplement", "diploma-supplement", None),
        ("AMK-valintakokeessa", "entrance-examination", None),
        ("Europass-kissa", None, None),
        # A parenthesis of the initials of the words before it is those words.
        ("non-formal and informal learning (NFIL)", "non-formal-learning", None),
        (
            "среднее профессиональное образование (СПО)",
            "vocational-upper-secondary-qualification",
            None,
        ),
        ("informal learning (XYZ)", None, "informal-learning"),
        # Russian abbreviations in case forms: in capitals any, written as a word only
        # those the glossary writes as a word.
        ("ФГОСа", "federal-state-educational-standard", None),
        ("вуза", "higher-education-institution", None),
        ("Рособрнадзором", "rosobrnadzor", None),
        ("споа", None, None),
        # The country named another way.
        ("Минпросвещения РФ", "ministry-of-education-russia", None),
        # An adjective in front of a type of VET institution names one institution; in
        # front of a university, a status the law gives; in front of another term, a
        # narrower concept.
        ("агропромышленный техникум", "technical-school", None),
        ("сельскохозяйственных колледжей", "vocational-college", None),
        ("Чаплыгинский аграрный колледж", "vocational-college", None),
        # Only adjectives right in front of it and agreeing with it: a noun in -ии is
        # none (the college's admissions committee is not the college).
        ("приёмной комиссии колледжа", None, "vocational-college"),
        ("Национального исследовательского университета", None, "university"),
        ("государственного экзамена", None, "examination"),
        # A typo of a transliteration is a guess.
        ("technikum", None, "technical-school"),
        # A word of another term of the same concept says the same thing again.
        ("school pupils", "pupil", None),
        # An ordinal names one of a term's instances in a sequence.
        ("первого курса", "year-of-study", None),
        ("первой промежуточной аттестации", "intermediate-attestation", None),
        # Round 8. Latin capitals that are no known abbreviation are read on the other
        # layouts even when a look-alike came close (ФОС typed with Caps Lock on QWERTY);
        # a reading that answers nothing leaves the query as it was.
        ("AJC", "assessment-toolkit", None),
        ("CQFW", None, None),
        # A name joined by a hyphen to a noun saying what kind of thing it is (a system,
        # a service) is the name's concept, written as a web address too; after an
        # abbreviation the noun names something else (a system for HOKSes).
        ("Opintopolku-järjestelmän", "studyinfo", None),
        ("opintopolku.fi-palvelussa", "studyinfo", None),
        ("HOKS-järjestelmä", None, "personal-competence-development-plan"),
        # Round 9. An adverb or postposition that is a case form of a term word (lisäksi
        # of lisä, asti read as aste) and a preposition of several words (в течение, of
        # обучение в течение всей жизни) name nothing; the terms around them still answer.
        ("lisäksi", None, None),
        ("asti", None, None),
        ("в течение", None, "lifelong-learning"),
        ("in terms of", None, None),
        ("в течение учебного года", "academic-year", None),
        ("in terms of learning outcomes", "learning-outcomes", None),
        ("оценивания на основе компетенций", "competence-based-assessment", None),
        ("обучению в течение всей жизни", "lifelong-learning", None),
    ],
)
def test_what_each_cause_of_a_miss_now_does(bundled_index, query, answer, guess):
    from glossary.search import find

    result = find(bundled_index, query)
    answers = [m.concept_id for m in result.matches]
    if answer is None:
        assert answers == [], [(m.concept_id, m.kind, m.score) for m in result.matches]
        assert guess is None or guess in [m.concept_id for m in result.nearest]
    else:
        assert answers[:1] == [answer], [(m.concept_id, m.kind, m.score) for m in result.matches]
    # Not the longer terms that have these words.
    assert "distance-learning-system" not in answers
    assert query.endswith("Guide") or "erasmus-programme-guide" not in answers


@pytest.mark.parametrize(
    "query", ["etäopiskelu-järjestelmässä", "etäopiskelu-järjestelmän", "Etäopiskelu-järjestelmä"]
)
def test_a_classifier_word_is_kept_when_the_compound_is_a_term(bundled_index, query):
    """``etäopiskelu-järjestelmässä`` is the distance learning system (a term), not
    distance learning with its classifier word left out."""
    from glossary.search import find

    result = find(bundled_index, query)
    assert "distance-learning" not in [m.concept_id for m in result.matches]
    assert [m.concept_id for m in (result.matches or result.nearest)][:1] == [
        "distance-learning-system"
    ]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        (
            "vocational education and training (VET) programme",
            "vocational education and training programme",
        ),
        ("non-formal and informal learning (NFIL)", "non-formal and informal learning"),
        ("среднее профессиональное образование (СПО)", "среднее профессиональное образование"),
        ("Centres of Vocational Excellence (COVE)", "Centres of Vocational Excellence"),
        # Not the initials of the words before: kept.
        (
            "henkilökohtainen osaamisen kehittämissuunnitelma (HOKS)",
            "henkilökohtainen osaamisen kehittämissuunnitelma (HOKS)",
        ),
        ("learning (VET)", "learning (VET)"),
        ("(VET)", "(VET)"),
        ("ECVET (European)", "ECVET (European)"),
        ("a b (AB) c d (CD)", "a b c d"),
        ("((", "(("),
        ("x (", "x ("),
    ],
)
def test_a_parenthesis_of_initials_is_the_words_before_it(text, meant):
    from glossary.search.query import clean

    assert clean(text) == meant


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("opintopolku.fi-palvelussa", "opintopolku-palvelussa"),
        ("www.studyinfo.fi-palvelu", "studyinfo-palvelu"),
        # Not joined by a hyphen to a word, or no top-level domain of the list: kept.
        ("Opintopolku.fi", "Opintopolku.fi"),
        ("Opintopolku.fi:ssä", "Opintopolku.fi:ssä"),
        ("koulutus.fi.", "koulutus.fi."),
        ("a.b.fi-palvelu", "a.b.fi-palvelu"),
        ("т.е.-", "т.е.-"),
    ],
)
def test_a_web_address_joined_by_a_hyphen_is_the_name_before_its_domain(text, meant):
    from glossary.search.query import clean

    assert clean(text) == meant


def test_web_addresses_in_a_long_text_are_each_read_once():
    # A long word before a dot, or many dots, is read once (`python benchmarks/linear.py
    # lookup-long` times it: ten times the text, ten times the time; here the result).
    from glossary.search.query import clean

    assert clean("a" * 40000 + ".fi-palvelu") == "a" * 40000 + "-palvelu"
    assert clean("a" * 40000 + ".fi") == "a" * 40000 + ".fi"
    assert clean("a." * 20000 + "fi-b") == ("a." * 20000 + "fi-b")
    assert clean("x.fi-palvelu " * 1000) == " ".join(["x-palvelu"] * 1000)


def test_parentheses_in_a_long_text_are_each_read_once():
    # Each parenthesis reads only the text since the one before (`python
    # benchmarks/linear.py lookup-long` times it; here the result): an unclosed one, and a thousand that are or are not initials.
    from glossary.search.query import clean

    assert clean("a " * 20000 + "(VETT") == ("a " * 20000 + "(VETT").strip()
    assert clean("learning bodies (LB) " * 1000) == " ".join(["learning bodies"] * 1000)
    # A long run of white space before a parenthesis is read once, not from each of its
    # positions (40,000 spaces took 6 s that way).
    assert clean("a" + " " * 40000 + "b (XY) c") == "a b (XY) c"
    assert clean("vocational training" + " " * 40000 + "(VT) x") == "vocational training x"
    assert clean("learning (XY) " * 1000) == " ".join(["learning (XY)"] * 1000)


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("вуза", ("вуз",)),
        ("вузами", ("вуз",)),
        ("Рособрнадзором", ("рособрнадзор",)),
        ("вуз", ()),
        ("ВУЗа", ()),  # capitals: abbreviation_readings
        ("на", ()),
        ("vuza", ()),
    ],
)
def test_russian_abbreviations_written_as_words_decline(word, readings):
    from glossary.search.query import abbreviation_readings, declined_readings

    assert declined_readings(word) == readings
    if word.startswith("ВУЗ"):
        assert abbreviation_readings(word) == ("вуз",)


@pytest.mark.parametrize(
    ("query", "answers"),
    [
        ("-", []),
        ("--", []),
        ("в-", []),
        ("и-образование", []),
        ("HOKS-", ["personal-competence-development-plan"]),
        ("-HOKS", ["personal-competence-development-plan"]),
        ("VET--koulutus", ["vocational-education-and-training"]),
        ("valma-koulutus-koulutus", []),
        ("ECVET-ECVET", []),
    ],
)
def test_hyphens_around_abbreviations(bundled_index, query, answers):
    """Broken hyphen compounds: a hyphen at either end is no compound, and only a word
    after the abbreviation that heads its full term answers."""
    from glossary.search import find

    assert [m.concept_id for m in find(bundled_index, query).matches][:1] == answers


def test_english_learned_plurals_and_agent_nouns():
    from glossary.languages import get as plugin

    english = plugin("en")
    forms = dict(english.forms(["curriculum", "criterion", "syllabus", "person", "region"]))
    assert {"curricula", "curriculums"} <= forms["curriculum"]
    assert "criteria" in forms["criterion"]
    assert "syllabi" in forms["syllabus"]
    # -on is Greek only after r or in -enon: not ``persa``, ``regia``.
    assert forms["person"] == {"person", "persons", "personed", "personing", "person's"}
    assert "regia" not in forms["region"]
    # An agent noun is not its action noun; its own forms share its stem.
    assert english.stem("recruiters") == english.stem("recruiter") == "recruiter"
    assert english.stem("recruitment") != english.stem("recruiter")
    assert english.stem("educators") != english.stem("education")
    assert english.stem("self-assessors") == "self-assessor"
    # Words that Snowball leaves whole keep its stem.
    assert english.stem("teachers") == english.stem("teacher") == "teacher"
    assert english.stem("training") == "train"


def test_finnish_forms_by_rule():
    from glossary.languages.fi import regular_forms

    assert {"ammatillista", "ammatillisessa", "ammatillisia", "ammatillisten"} <= regular_forms(
        "ammatillinen"
    )
    assert {"johtamatonta", "johtamattomassa", "johtamattomia"} <= regular_forms("johtamaton")
    assert {"yhteistä", "yhteisissä"} <= regular_forms("yhteinen")
    assert {"tietämätöntä", "tietämättömään"} <= regular_forms("tietämätön")
    assert regular_forms("nen") == set()


# -- single words: every concept with the word ------------------------------------------

COMMON = {
    "fi": [
        "koulutus",
        "oppiminen",
        "tutkinto",
        "osaaminen",
        "opiskelija",
        "opettaja",
        "arviointi",
        "ammatillinen",
        "opetus",
        "ohjelma",
        "työ",
        "oppilaitos",
        "todistus",
        "koulutuksen",
        "digitaalinen",
        "eurooppalainen",
        "kansallinen",
        "osa",
        "osaamisen",
        "henkilökohtainen",
        "opinto",
        "aikuinen",
    ],
    "ru": [
        "обучение",
        "образование",
        "квалификация",
        "программа",
        "профессиональный",
        "оценка",
        "практика",
        "система",
        "центр",
        "план",
        "цифровой",
        "дистанционный",
        "общий",
        "среднее",
        "высшее",
        "стандарт",
        "учебный",
        "работа",
        "единица",
        "европейский",
        "результат",
        "образовательный",
        "обучения",
    ],
    "en": [
        "learning",
        "education",
        "qualification",
        "assessment",
        "course",
        "training",
        "vocational",
        "student",
        "teacher",
        "system",
        "digital",
        "european",
        "plan",
        "programme",
        "recognition",
        "competence",
        "framework",
        "unit",
        "skills",
        "online",
        "adult",
        "national",
    ],
}


def concepts_with_word(glossary, lang: str, word: str) -> set[str]:
    """Every concept with ``word`` as a word of one of its ``lang`` terms, lemma-matched:
    a term word matches when the language plug-in lists the word among its forms, or the
    two share their dictionary form (computed with the plug-in, independently of the
    index)."""
    from glossary.languages import get as plugin
    from glossary.search.index import is_abbreviation
    from glossary.search.keys import fold

    language = plugin(lang)
    target = fold(word)
    term_words: dict[str, set[str]] = collections.defaultdict(set)
    for concept in glossary.concepts.values():
        for term in concept.terms(lang):
            if is_abbreviation(term):
                continue
            for term_word in fold(term.term).split():
                term_words[term_word].add(concept.id)
    wanted: set[str] = set()
    target_forms = dict(language.forms([word.lower()])).get(word.lower(), {target})
    forms_of = dict(language.forms(sorted(term_words)))
    for term_word, ids in term_words.items():
        forms = forms_of.get(term_word, {term_word}) | {term_word}
        if target in forms or term_word in target_forms:
            wanted |= ids
    return wanted


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, word) for lang, words in COMMON.items() for word in words]
)
def test_a_single_word_lists_every_concept_that_has_it(bundled, bundled_index, lang, word):
    from glossary.search import find

    expected = concepts_with_word(bundled, lang, word)
    assert expected, f"no concept has {word!r}: choose another common word"
    result = find(bundled_index, word, limit=1000)
    answers = [m.concept_id for m in result.matches]
    assert expected <= set(answers), sorted(expected - set(answers))
    # Nothing that only looks alike (a typo, a beginning, a compound) ranks above them.
    last = max(answers.index(concept_id) for concept_id in expected)
    above = [m for m in result.matches[:last] if m.concept_id not in expected]
    assert all(m.kind not in ("fuzzy", "prefix", "compound") for m in above), above
    assert result.more == 0


def test_the_common_words_are_at_least_twenty_per_language():
    assert all(len(set(words)) >= 20 for words in COMMON.values())


if __name__ == "__main__":  # figures for docs/lookup.md
    import glossary
    from glossary.search import CONFIDENT
    from glossary.search.index import build

    index = build(glossary.load(TERMS), None)
    rows = real_rows()
    for name, fig in sorted(evaluate(index, rows).items(), reverse=True):
        print(fig.line(name))
        if "-v" in sys.argv:
            for miss in fig.misses:
                print("   ", miss)
    if "--trade-off" in sys.argv:
        names = [name for name in SPLITS if any(row.split == name for row in rows)]
        print(
            "| --min-score | "
            + " | ".join(f"{name}: recall@1 | {name}: confident wrong" for name in names)
            + " |"
        )
        print("|---" * (1 + 2 * len(names)) + "|")
        for line in (
            65,
            70,
            CONFIDENT - 5,
            75,
            CONFIDENT - 1,
            CONFIDENT,
            CONFIDENT + 1,
            80,
            CONFIDENT + 5,
            85,
            90,
        ):
            figs = evaluate(index, rows, min_score=line)
            cells = [f"{line:g}"]
            for name in names:
                fig = figs[name]
                cells += [
                    f"{fig.found}/{fig.present} = {fig.recall:.3f}",
                    f"{fig.wrong}/{fig.absent}",
                ]
            print("| " + " | ".join(cells) + " |")
