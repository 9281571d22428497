"""The web glossary's sharded search index (glossary.site.searchindex): every key of the
lookup index is in the shard the manifest leads to, with the term rows it points to; the
tables the browser needs are those of the Python code; the files are inert scripts; and
a rebuild with nothing changed writes none of them."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

import glossary
from glossary.search.index import Index, build
from glossary.search.keys import trigrams
from glossary.site import build_site, searchindex
from glossary.site.searchindex import FOLDER, _cut, _separator, deltas, first_sentence, search_files

REGISTER = re.compile(r'^GlossarySearch\.register\("([a-z]+\d*)",(.*)\);\n$', re.S)


def _data(text: str) -> tuple[str, object]:
    found = REGISTER.match(text)
    assert found, text[:80]
    return found.group(1), json.loads(found.group(2).replace("<\\/", "</"))


@pytest.fixture(scope="module")
def small():
    g = glossary.load(DATA / "site")
    index = build(g, None)
    made = search_files(g, index)
    return g, index, {path: _data(text) for path, text in made.files.items()}


def _range(starts: list[str], key: str) -> int:
    """What search-engine.js rangeOf() does (JavaScript compares UTF-16 code units)."""
    number = 0
    for i, start in enumerate(starts):
        if start.encode("utf-16-be") <= key.encode("utf-16-be"):
            number = i
    return number


def _undelta(text: str) -> list[int]:
    out, previous = [], 0
    for part in text.split(","):
        previous += int(part)
        out.append(previous)
    return out


@given(st.lists(st.integers(0, 10**7), min_size=1).map(sorted))
def test_deltas_read_back(numbers):
    assert _undelta(deltas(numbers)) == numbers


def test_deltas_are_short_for_sorted_numbers():
    assert deltas([5, 7, 40]) == "5,2,33"
    assert deltas([123456]) == "123456"


@given(st.lists(st.text(min_size=1, max_size=6), min_size=1, unique=True), st.integers(1, 40))
def test_shards_are_consecutive_runs_found_again_by_their_first_keys(keys, limit):
    keys = sorted(keys, key=lambda k: k.encode("utf-16-be"))
    runs = _cut(keys, len, limit)
    assert [k for _, run in runs for k in run] == keys
    starts = [start for start, _ in runs]
    assert starts[0] == ""
    for number, (_, run) in enumerate(runs):
        for key in run:
            assert _range(starts, key) == number


def test_a_separator_is_the_shortest_prefix_after_the_key_before():
    assert _separator("kouluttaja", "koulutus") == "koulutu"
    assert _separator("a", "b") == "b"
    assert _separator("ab", "abc") == "abc"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Koulutus, jossa opitaan. Toinen lause.", "Koulutus, jossa opitaan."),
        ("Esim. koulutus jatkuu. Toinen.", "Esim. koulutus jatkuu."),
        ("Обучение, т. е. процесс. Второе.", "Обучение, т. е. процесс."),
        ("One sentence only", "One sentence only"),
        ("  spaced\n out.  Next", "spaced out."),
        ("Ends with a number 2. 2020 was a year.", "Ends with a number 2."),
    ],
)
def test_first_sentence(text, first):
    assert first_sentence(text) == first


def _key_starts(files: dict[str, tuple[str, object]]) -> list[str]:
    """The first key of every key shard, from the directory files (i<n>.js), checked
    against the manifest's first key of each block."""
    manifest = files[f"{FOLDER}/manifest.js"][1]
    assert isinstance(manifest, dict)
    size, blocks = manifest["keyBlock"], manifest["keyBlocks"]
    starts: list[str] = []
    for number, first in enumerate(blocks):
        name, block = files[f"{FOLDER}/i{number}.js"]
        assert name == f"i{number}" and isinstance(block, list)
        assert block[0] == first
        assert len(block) == size or number == len(blocks) - 1
        starts += block
    assert f"{FOLDER}/i{len(blocks)}.js" not in files
    assert len(starts) == manifest["keyShards"]
    return starts


def _block_and_shard(manifest: dict, files: dict, key: str) -> int:
    """What search-engine.js shardOf() does: the block from the manifest, then the
    shard from that block's directory file."""
    block = _range(manifest["keyBlocks"], key)
    starts = files[f"{FOLDER}/i{block}.js"][1]
    return block * manifest["keyBlock"] + _range(starts, key)


def test_every_key_of_the_lookup_index_is_in_its_shard_with_its_terms(small):
    _, index, files = small
    manifest = files[f"{FOLDER}/manifest.js"][1]
    shards = {name: data for name, data in files.values() if name.startswith("k")}
    starts = _key_starts(files)
    assert len(shards) == len(starts)
    keys = {}
    for name, data in shards.items():
        for key, entry in data["keys"]:
            assert _range(starts, key) == int(name[1:]), key
            assert _block_and_shard(manifest, files, key) == int(name[1:]), key
            keys[key] = (entry, data)
    for key, kind, tid in index.db.execute("SELECT k, kind, tid FROM key"):
        entry, shard = keys[key]
        field = {"fold": "f", "compact": "c", "skeleton": "s"}[kind]
        if field == "c" and field not in entry:
            field = "f"  # a compact key that is the fold key is kept once
        assert tid in _undelta(entry[field]), (key, kind)
        row = shard["terms"][str(tid)]
        assert row[2] == index.terms([tid])[tid].text
        assert shard["concepts"][str(row[0])][0] == index.concept(row[0])[0]
    for word, tid, position in index.db.execute("SELECT w, tid, pos FROM word"):
        entry, shard = keys[word]
        pairs = [int(n) for n in entry["w"].split(",")]
        assert (tid, position) in set(zip(pairs[0::2], pairs[1::2], strict=True))
        assert str(tid) in shard["terms"]
    for key, kind, word in index.db.execute("SELECT k, kind, w FROM wordkey"):
        entry, _ = keys[key]
        if kind == "head":
            assert word in [c for c, _ in entry["h"]]
        else:
            assert word in entry[{"form": "m", "stem": "t", "skeleton": "x"}[kind]]


def test_a_directory_of_many_blocks_leads_every_key_to_its_shard(monkeypatch):
    # Small shards and blocks, so that the bundled test glossary needs several of each.
    monkeypatch.setattr(searchindex, "SHARD_CHARS", 2_000)
    monkeypatch.setattr(searchindex, "KEY_BLOCK", 3)
    g = glossary.load(DATA / "site")
    made = search_files(g, build(g, None))
    files = {path: _data(text) for path, text in made.files.items()}
    manifest = files[f"{FOLDER}/manifest.js"][1]
    starts = _key_starts(files)
    assert manifest["keyBlock"] == 3 and len(manifest["keyBlocks"]) >= 3
    assert len(starts) == made.shards >= 7
    for name, data in files.values():
        if name.startswith("k"):
            for key, _ in data["keys"]:
                assert _block_and_shard(manifest, files, key) == int(name[1:]), key
    # A key before, between and after every first key finds the shard a prefix scan needs.
    for number, start in enumerate(starts[1:], 1):
        assert _block_and_shard(manifest, files, start) == number
        assert _block_and_shard(manifest, files, start + "\uffff") == number
        assert _block_and_shard(manifest, files, start[:-1]) == number - 1


def _variants(files: dict) -> list[tuple[int, str]]:
    """Every variant (term, text) in number order, from the variant files."""
    manifest = files[f"{FOLDER}/manifest.js"][1]
    size = manifest["variantBucket"]
    out: list[tuple[int, str]] = []
    number = 0
    while f"{FOLDER}/v{number}.js" in files:
        name, data = files[f"{FOLDER}/v{number}.js"]
        assert name == f"v{number}"
        listed = [(tid, text) for text, tids in data["v"] for tid in _undelta(tids)]
        assert len(listed) == size or f"{FOLDER}/v{number + 1}.js" not in files
        for tid, _ in listed:
            row = data["terms"][str(tid)]  # the rows a ranking needs, in the same file
            assert str(row[0]) in data["concepts"]
        out += listed
        number += 1
    assert len(out) == manifest["variants"]
    return out


def _texts(listed: list[str]) -> list[str]:
    """The texts of a trigram list, each ``""`` read as the one before it."""
    out: list[str] = []
    for text in listed:
        out.append(text or (out[-1] if out else ""))
    return out


def _gram_lists(files: dict) -> dict[str, tuple[list[int], list[str] | None]]:
    """Every trigram's variant numbers, with their texts where the list carries them:
    the rare ones from their shards (``g<n>``), the others from ``gc`` and ``p<n>``."""
    manifest = files[f"{FOLDER}/manifest.js"][1]
    out: dict[str, tuple[list[int], list[str] | None]] = {}
    for name, data in files.values():
        if name.startswith("g") and name != "gc":
            for gram, vids, texts in data:
                assert _range(manifest["rareShards"], gram) == int(name[1:])
                out[gram] = (_undelta(vids), _texts(texts))
                assert 0 < len(out[gram][0]) <= searchindex.GRAM_INLINE
                assert len(texts) == len(out[gram][0])
    name, (common, counts) = files[f"{FOLDER}/gc.js"]
    assert name == "gc" and common == sorted(common, key=lambda g: g.encode("utf-16-be"))
    for number, (gram, count) in enumerate(
        zip(common, map(int, counts.split(",") if counts else []), strict=True)
    ):
        assert gram not in out
        listed = files[f"{FOLDER}/p{number}.js"][1]
        if count <= searchindex.GRAM_TEXTS:
            assert isinstance(listed, list) and len(listed[1]) == count
            out[gram] = (_undelta(listed[0]), _texts(listed[1]))
        else:
            assert isinstance(listed, str)
            out[gram] = (_undelta(listed), None)
        assert len(out[gram][0]) == count > searchindex.GRAM_INLINE
    assert f"{FOLDER}/p{len(common)}.js" not in files
    return out


def test_variants_are_the_fold_and_skeleton_keys_the_trigram_lists_number(small):
    _, index, files = small
    variants = _variants(files)
    expected = sorted(
        (tid, k)
        for k, kind, tid in index.db.execute("SELECT k, kind, tid FROM key")
        if kind in ("fold", "skeleton")
    )
    assert sorted(set(variants)) == sorted(set(expected))
    grams = _gram_lists(files)
    for gram, (vids, texts) in grams.items():
        for vid in vids:
            assert gram in trigrams(variants[vid][1]), (gram, variants[vid])
        if texts is not None:  # the texts the browser compares without the variant files
            assert texts == [variants[vid][1] for vid in vids], gram
    for vid, (_, text) in enumerate(variants):
        for gram in trigrams(text):
            assert vid in grams[gram][0]


def test_variants_are_numbered_by_length_which_the_manifest_gives(small):
    # The browser tells from a candidate's number alone whether it can be alike enough.
    _, _, files = small
    manifest = files[f"{FOLDER}/manifest.js"][1]
    variants = _variants(files)
    lengths = [len(text.encode("utf-16-le")) // 2 for _, text in variants]
    assert lengths == sorted(lengths) and lengths[0] < lengths[-1]
    runs = manifest["variantLengths"]
    assert runs == [[n, lengths.index(n)] for n in sorted(set(lengths))]
    assert searchindex._utf16_length("a\U0001d518") == 3  # as JavaScript counts, not Python


def test_long_trigram_lists_carry_numbers_only(monkeypatch):
    # Short limits, so that the bundled test glossary has lists of each kind.
    monkeypatch.setattr(searchindex, "GRAM_INLINE", 2)
    monkeypatch.setattr(searchindex, "GRAM_TEXTS", 4)
    g = glossary.load(DATA / "site")
    index = build(g, None)
    files = {path: _data(text) for path, text in search_files(g, index).files.items()}
    variants, grams = _variants(files), _gram_lists(files)
    textless = [gram for gram, (_, texts) in grams.items() if texts is None]
    assert textless and all(len(grams[gram][0]) > searchindex.GRAM_TEXTS for gram in textless)
    assert any(
        len(vids) > searchindex.GRAM_INLINE and texts is not None for vids, texts in grams.values()
    )
    for vids, texts in grams.values():
        assert texts is None or texts == [variants[vid][1] for vid in vids]
    for query in ["koulutsu", "ammatilinen", "обученье", "webinaari", "zzqx"]:
        _check_candidates(index, files, query)


@pytest.mark.parametrize("query", ["koulutsu", "ammatilinen", "обученье", "webinaari", "zzqx"])
def test_the_files_give_the_typo_candidates_of_the_command_line(small, query):
    _, index, files = small
    _check_candidates(index, files, query)


def _check_candidates(index: Index, files: dict, query: str) -> None:
    """Index.fuzzy_candidates read from the files (as search-engine.js does before it
    keeps the 40 that share most): the same terms and texts."""
    variants, grams = _variants(files), _gram_lists(files)
    known = sorted((len(grams[g][0]), g) for g in trigrams(query) if g in grams)
    chosen: list[str] = []
    total = 0
    for count, gram in known:
        if len(chosen) >= 8 or (len(chosen) >= 3 and total + count > 40000):
            break
        chosen.append(gram)
        total += count
    counter: dict[int, int] = {}
    for gram in chosen:
        for vid in grams[gram][0]:
            counter[vid] = counter.get(vid, 0) + 1
    shared = max(1, len(chosen) - 4)
    best = [vid for vid, n in counter.items() if n >= shared]
    assert len(best) <= 300  # the command line's limit is not reached here
    found = sorted({variants[vid] for vid in best})
    assert found == sorted({(tid, text) for _, tid, text in index.fuzzy_candidates(query)})


def test_the_manifest_carries_the_tables_of_the_python_code(small):
    from glossary.languages import get as plugin
    from glossary.search.layouts import LAYOUTS
    from glossary.search.query import _ENDINGS

    g, index, files = small
    manifest = files[f"{FOLDER}/manifest.js"][1]
    assert manifest["languages"][: len(index.languages)] == list(index.languages)
    expected = set().union(*(plugin(lang).function_words for lang in index.languages))
    assert set(manifest["functionWords"]) == expected
    phrases = set().union(*(plugin(lang).function_phrases for lang in index.languages))
    assert set(manifest["functionPhrases"]) == phrases
    assert [len(p.split()) for p in manifest["functionPhrases"]] == sorted(
        (len(p.split()) for p in phrases), reverse=True
    )
    assert set(manifest["endings"]) == set(_ENDINGS)
    for name, table in LAYOUTS.items():
        assert manifest["layouts"][name] == {chr(k): v for k, v in table.items()}
    assert manifest["concepts"] == len(g.concepts)
    assert manifest["statuses"] == ["preferred", "admitted", "deprecated", "superseded"]


def test_details_hold_every_term_and_the_first_sentence_of_each_definition(small):
    g, _, files = small
    manifest = files[f"{FOLDER}/manifest.js"][1]
    bucket = manifest["detailBucket"]
    for cid, concept in enumerate(g.concepts.values()):
        terms, definitions = files[f"{FOLDER}/d{cid // bucket}.js"][1][cid % bucket]
        assert [(manifest["languages"][t[0]], t[1], t[2]) for t in terms] == [
            (lang, t.term, t.status.value)
            for lang, section in concept.languages.items()
            for t in section.terms
        ]
        assert definitions == {
            lang: first_sentence(s.definition)
            for lang, s in concept.languages.items()
            if s.definition
        }


def test_the_files_are_inert_scripts(small):
    _, _, files = small
    made = search_files(glossary.load(DATA / "site"), build(glossary.load(DATA / "site"), None))
    for text in made.files.values():
        assert "</" not in text
        assert REGISTER.match(text)
    texts = [
        row[2]
        for name, data in files.values()
        if name.startswith("k")
        for row in data["terms"].values()
    ]
    assert "</title><b>жирный</b>" in texts


def test_an_index_of_another_glossary_is_refused():
    g = glossary.load(DATA / "site")
    other = build(glossary.load(DATA / "mini"), None)
    with pytest.raises(ValueError, match="not that of this glossary"):
        search_files(g, other)


def test_a_rebuild_with_nothing_changed_writes_no_shard(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    out = tmp_path / "site"
    first = build_site(glossary.load(DATA / "site"), out)
    shards = sorted(p for p in first if FOLDER in p.as_posix())
    assert any(p.name == "manifest.js" for p in shards)
    assert build_site(glossary.load(DATA / "site"), out) == []
    # A file edited by hand is rebuilt, and so are the others of its index.
    victim = out / FOLDER / "k0.js"
    victim.write_text("GlossarySearch.register('k0', {});\n", "utf-8")
    again = build_site(glossary.load(DATA / "site"), out)
    assert Path(victim) in again
    assert victim.read_text("utf-8") == Path(
        shards[[p.name for p in shards].index("k0.js")]
    ).read_text("utf-8")
    assert os.path.getsize(victim) > 100
