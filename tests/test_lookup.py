"""Lookup: search keys, language plug-ins, ranking, the stored index, and the labelled
evaluation set (tests/data/lookup-eval.tsv) against the brute-force baseline."""

from __future__ import annotations

import collections
import os
import shutil
import time

import pytest
from conftest import DATA

import glossary
from glossary.languages import get as plugin
from glossary.search import lookup, lookup_index, open_index
from glossary.search.index import build
from glossary.search.keys import compact, fold, light, skeleton, term_keys, words
from glossary.search.store import index_path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Etäopiskelu", "etaopiskelu"),
        ("Зачётная  единица", "зачетная единица"),
        ("verkko‐oppiminen", "verkko-oppiminen"),
        ("«Открытое образование»", "открытое образование"),
        ("Åbo", "abo"),
        ("  e-learning  ", "e-learning"),
        ("café's", "cafes"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_compact_words_and_light():
    assert compact("verkko-oppiminen") == compact("verkko oppiminen") == "verkkooppiminen"
    assert words("IT-tuki ja verkko-oppiminen") == ["it-tuki", "ja", "verkko-oppiminen"]
    assert light("Дополнительный ЗАЧЁТ") == "дополнительный зачет"  # й kept for morphology


@pytest.mark.parametrize(
    "spelling",
    [
        "дистанционное обучение",
        "distantsionnoye obucheniye",
        "distantsionnoe obuchenie",
        "distancionnoe obuchenie",
        "distancionnoe obučenie",
        "distantcionnoe obuchenie",
        "dystantsyonnoe obuchenye",
        "distantsionnoje obuchenije",
    ],
)
def test_transliterations_share_one_skeleton(spelling):
    assert skeleton(spelling) == skeleton("дистанционное обучение")


def test_term_keys_is_what_the_site_index_uses():
    assert term_keys("Дистанционное обучение", "ru") == {
        "fold": "дистанционное обучение",
        "compact": "дистанционноеобучение",
        "skeleton": skeleton("дистанционное обучение"),
    }
    assert "skeleton" not in term_keys("etäopiskelu", "fi")


def test_language_plugins():
    assert "koulutuksessa" in dict(plugin("fi").forms(["koulutus"]))["koulutus"]
    assert (
        "verkko-oppimisessa" in dict(plugin("fi").forms(["verkko-oppiminen"]))["verkko-oppiminen"]
    )
    assert plugin("fi").stem("ammatillisessa") == plugin("fi").stem("ammatillinen")
    assert "рынке" in dict(plugin("ru").forms(["рынок"]))["рынок"]
    assert "онлайн-курсов" in dict(plugin("ru").forms(["онлайн-курс"]))["онлайн-курс"]
    assert plugin("ru-KZ").code == "ru"
    assert "webinars" in dict(plugin("en").forms(["webinar"]))["webinar"]
    swedish = plugin("sv")
    assert swedish.stem("utbildningen") == swedish.stem("utbildning")
    assert plugin("qq").stem("word") == "word"


@pytest.fixture(scope="module")
def mini_index():
    return build(glossary.load(DATA / "mini"), None)


def test_ranking_tiers_and_kinds(mini_index):
    def best(query):
        match = lookup_index(mini_index, query, limit=1)[0]
        return match.concept_id, match.kind

    assert best("etäopiskelu") == ("distance-learning", "exact")
    assert best("ETÄOPISKELU") == ("distance-learning", "normalized")
    assert best("etaopiskelussa") == ("distance-learning", "lemma")
    assert best("дистанционного обучения") == ("distance-learning", "lemma")
    assert best("distantsionnoye obucheniye") == ("distance-learning", "translit")
    assert best("oppisopimuskoul") == ("apprenticeship", "prefix")
    assert best("oppisopimsukoulutus") == ("apprenticeship", "fuzzy")


def test_one_result_per_concept_best_term_and_equivalents(mini_index):
    (match,) = lookup_index(mini_index, "apprenticeship", limit=5)[:1]
    assert (match.concept_id, match.term, match.status.value) == (
        "apprenticeship",
        "apprenticeship",
        "preferred",
    )
    assert [(e.term, e.status.value) for e in match.equivalents["ru"]] == [
        ("ученичество", "preferred")
    ]
    ids = [m.concept_id for m in lookup_index(mini_index, "koulutus", limit=10)]
    assert len(ids) == len(set(ids))


def test_a_deprecated_term_leads_to_the_preferred_one(mini_index):
    (match,) = lookup_index(mini_index, "työssäoppimisessa", limit=1)
    assert (match.term, match.status.value) == ("työssäoppiminen", "deprecated")
    assert match.preferred == "työpaikalla järjestettävä koulutus"
    # As an equivalent, a deprecated term comes after the preferred one.
    (match,) = lookup_index(mini_index, "workplace learning", limit=1)
    assert [e.status.value for e in match.equivalents["fi"]] == ["preferred", "deprecated"]


def test_lang_and_to(mini_index):
    assert lookup_index(mini_index, "apprenticeship", lang="fi") == []
    (match,) = lookup_index(mini_index, "apprenticeship", limit=1, to=["fi"])
    assert list(match.equivalents) == ["fi"]


def test_empty_and_hopeless_queries(mini_index):
    assert lookup_index(mini_index, "   ") == []
    assert lookup_index(mini_index, "§§§") == []
    assert lookup_index(mini_index, "qwzxv") == []


# -- the stored index -------------------------------------------------------------------


def copy_mini(tmp_path):
    root = tmp_path / "terms"
    shutil.copytree(DATA / "mini", root)
    return root


def test_the_index_is_rebuilt_only_when_the_sources_change(tmp_path):
    root = copy_mini(tmp_path)
    first = open_index(root)
    built = index_path(root).stat().st_mtime_ns
    assert lookup_index(first, "ученичество")[0].concept_id == "apprenticeship"
    os.utime(root / "apprenticeship.yaml")  # touched, not changed: content decides
    open_index(root)
    assert index_path(root).stat().st_mtime_ns == built
    path = root / "apprenticeship.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("ученичество", "ученичество по договору"),
        encoding="utf-8",
    )
    time.sleep(0.01)
    again = open_index(root)
    assert index_path(root).stat().st_mtime_ns != built
    assert lookup_index(again, "ученичество по договору")[0].kind == "exact"


def test_a_broken_glossary_is_not_indexed(tmp_path):
    root = copy_mini(tmp_path)
    (root / "broken.yaml").write_text("id: x\nlanguages: [\n", encoding="utf-8")
    with pytest.raises(glossary.errors.LoadError):
        open_index(root)


def test_library_lookup_on_a_loaded_glossary_reuses_the_stored_index(tmp_path):
    root = copy_mini(tmp_path)
    g = glossary.load(root)
    assert g.lookup("etäopiskelussa")[0].concept_id == "distance-learning"
    assert index_path(root).exists()
    # A glossary made in code gets an index in memory.
    from dataclasses import replace

    made = replace(g, origin="", fingerprint="")
    assert lookup(made, "ученичеству")[0].concept_id == "apprenticeship"


def test_without_a_cache_the_index_is_built_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    root = copy_mini(tmp_path)
    assert lookup_index(open_index(root), "etäopiskelu")[0].concept_id == "distance-learning"
    assert not index_path(root).exists()


# -- the evaluation set -----------------------------------------------------------------


def evaluation_set():
    rows = []
    with open(DATA / "lookup-eval.tsv", encoding="utf-8") as fp:
        for line in fp:
            if line.strip() and not line.startswith("#"):
                kind, query, expected = line.rstrip("\n").split("\t")
                rows.append((kind, query, expected))
    return rows


def test_the_evaluation_set_is_large_enough_and_valid(bundled):
    rows = evaluation_set()
    assert len(rows) >= 150
    kinds = {kind for kind, _, _ in rows}
    assert kinds == {
        "fi-inflected",
        "ru-inflected",
        "typo",
        "no-diacritics",
        "yo-as-e",
        "case",
        "hyphen-space",
        "translit",
        "english",
        "abbreviation",
    }
    for _, _, expected in rows:
        assert expected in bundled.concepts, expected


def test_recall_at_1_on_the_evaluation_set(bundled):
    from rapidfuzz import fuzz, process, utils

    index = build(bundled, None)
    choices, owners = [], []
    for concept in bundled.concepts.values():
        for term in concept.terms():
            choices.append(term.term)
            owners.append(concept.id)
    found, baseline, total = collections.Counter(), collections.Counter(), collections.Counter()
    misses = []
    for kind, query, expected in evaluation_set():
        total[kind] += 1
        matches = lookup_index(index, query, limit=1)
        if matches and matches[0].concept_id == expected:
            found[kind] += 1
        else:
            misses.append((kind, query, expected, [m.concept_id for m in matches]))
        best = process.extractOne(
            query, choices, scorer=fuzz.ratio, processor=utils.default_process
        )
        baseline[kind] += bool(best and owners[best[2]] == expected)
    for kind in total:
        assert found[kind] / total[kind] >= 0.95, (kind, misses)
    assert sum(found.values()) > sum(baseline.values())


def test_the_skeleton_agrees_with_the_27_romanisation_schemes(bundled):
    import iuliia

    from glossary.search.keys import is_cyrillic

    schemes = [
        getattr(iuliia, name)
        for name in dir(iuliia)
        if name.isupper() and name != "UZ" and hasattr(getattr(iuliia, name), "translate")
    ]
    assert len(schemes) >= 25
    terms = {
        t.term for c in bundled.concepts.values() for t in c.terms("ru") if is_cyrillic(t.term)
    }
    agree = total = 0
    for term in terms:
        for scheme in schemes:
            total += 1
            agree += skeleton(scheme.translate(term)) == skeleton(term)
    assert agree / total >= 0.98


def test_a_term_answered_already_is_not_read_again_as_a_typo(bundled):
    """``certification`` has the stem of ``certificate``, an answer of the word tier; a
    typo reading of the same term (a guess, since the query has other answers) no longer
    replaces it, so the answers found before the typo search stay (the web glossary shows
    them early)."""
    from glossary.search import find
    from glossary.search.index import build

    result = find(build(bundled, None), "certification", limit=50)
    kinds = {m.concept_id: m.kind for m in result.matches}
    assert kinds.get("certificate") == "lemma"


@pytest.mark.parametrize(
    "query", ["in addition to vocational education", "additionally vocational education"]
)
def test_a_word_of_a_preposition_is_no_typo_of_a_term_word(bundled, query):
    """``addition``, a word of ``in addition to``, and the adverb ``additionally`` name
    no concept: that they are near ``additional`` does not make *additional vocational
    education* a typo's answer."""
    from glossary.search import find
    from glossary.search.index import build

    result = find(build(bundled, None), query)
    assert not [m.concept_id for m in result.matches if m.confident]
