"""The web glossary's search index: the command line's lookup index, in shards for the browser.

The data is that of :mod:`glossary.search.index` (the same keys, word forms, stems,
transliteration keys, compound parts and trigrams, made by the same language plug-ins),
so that ``assets/search-engine.js``, a port of :mod:`glossary.search.tiers`, answers as
``glossary lookup`` does. A query reads only the shards it needs, like Pagefind's
index, and every file is a script that calls ``GlossarySearch.register(name, data)``,
injected as a ``<script>`` tag: the search works from ``file://`` and fetches nothing.

Files, under ``assets/search/``:

- ``manifest.js``: the languages, function, frame and country words, the forms of the
  light and classifier words, the institution words with the endings of the adjectives
  that agree with them, Finnish case endings of abbreviations, the keyboard layout
  tables, the status and subject codes, the first trigram of each trigram shard, and the
  first key of every :data:`KEY_BLOCK`-th key shard (the shards hold consecutive ranges
  of the keys in sorted order, cut at the shortest prefix that separates them, so a
  prefix search reads consecutive shards);
- ``i<n>.js``: the first keys of the :data:`KEY_BLOCK` key shards from the n-th such
  block on (the manifest of 100,000 concepts would otherwise hold 12,000 of them);
- ``k<n>.js``: the keys. Each key (a folded term, a compact key, a skeleton, a term
  word, an inflected form, a stem) holds what the lookup index has under it: the terms
  with that whole-term key (``f`` fold, ``c`` compact when it differs from fold, ``s``
  skeleton), the terms that have it as a word and where (``w``: term, position …), the
  term words it is a form, stem or transliteration of (``m``, ``t``, ``x``), and the
  longer words it is a part of, with their postings (``h``). With them, the term rows
  they point to (``t``: concept, language, text, status, words, content words,
  abbreviation) and those terms' concepts (``c``: id, status, subjects), so that
  ranking and filters need nothing else;
- ``gc.js``: the trigrams of more than :data:`GRAM_INLINE` variants (the fold and
  skeleton keys of the terms, numbered by length, then in key order: the manifest's
  ``variantLengths`` gives the first number of each length) with their counts; the list of the
  n-th, ``p<n>.js``, is read only when that trigram is among a query's rarest;
- ``g<n>.js``: the other trigrams with their lists, in shards of
  :data:`GRAM_SHARD_CHARS`. A list of at most :data:`GRAM_TEXTS` variants carries their
  texts, so that a query's typo candidates are compared from the lists it read;
- ``v<n>.js``: the variants, :data:`VARIANT_BUCKET` a file by number: their texts with
  the rows of their terms and concepts, read for the candidates close enough to be
  offered (and, up to a number per query, those whose text no list read has);
- ``d<n>.js``: what a result shows of its concept (all its terms with their status, the
  first sentence of each definition), :data:`DETAIL_BUCKET` concepts a file.

Sorted lists of numbers are written as differences from the one before.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from glossary.search.keys import fold, trigrams

if TYPE_CHECKING:
    from glossary.model import Glossary
    from glossary.search.index import Index

__all__ = ["SearchFiles", "first_sentence", "search_files"]

#: A shard of keys or trigrams is cut when its JSON passes this many characters.
SHARD_CHARS = 32_000
#: A shard of trigrams is cut when its JSON passes this many characters.
GRAM_SHARD_CHARS = 4_000
#: Trigram lists longer than this are kept in a file of their own.
GRAM_INLINE = 24
#: Trigram lists of at most this many variants carry the variants' texts.
GRAM_TEXTS = 1_000
#: Variants (typo candidates) per file.
VARIANT_BUCKET = 32
#: First keys of this many key shards per file of the directory (``i<n>.js``).
KEY_BLOCK = 128
#: Concepts per file of result details.
DETAIL_BUCKET = 8
FOLDER = "assets/search"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÅА-ЯЁ0-9«\"(])")
_KIND = {"fold": "f", "compact": "c", "skeleton": "s"}
_WORDKEY = {"form": "m", "stem": "t", "skeleton": "x"}


def first_sentence(text: str) -> str:
    """The first sentence of a definition: up to the first ``.``, ``!`` or ``?`` that is
    followed by a space and a capital letter (``esim. koulutus`` does not end it)."""
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def deltas(numbers: list[int]) -> str:
    """``[5, 7, 40]`` -> ``'5,2,33'``: each number as its difference from the one before
    (sorted lists become short)."""
    if len(numbers) == 1:
        return str(numbers[0])
    return ",".join(map(str, [b - a for a, b in zip([0, *numbers], numbers, strict=False)]))


def _utf16(key: str) -> bytes:
    """The sort key of JavaScript's string comparison (UTF-16 code units)."""
    return key.encode("utf-16-be")


def _utf16_length(text: str) -> int:
    """The length of ``text`` in JavaScript (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _separator(before: str, first: str) -> str:
    """The shortest prefix of ``first`` that sorts after ``before``."""
    for end in range(1, len(first) + 1):
        if _utf16(first[:end]) > _utf16(before):
            return first[:end]
    return first


def _cut(keys: list[str], size: Callable[[str], int], limit: int) -> list[tuple[str, list[str]]]:
    """Consecutive runs of the sorted ``keys`` of at most ``limit`` characters each, with
    the first key of each run (shortened)."""
    runs: list[tuple[str, list[str]]] = []
    current: list[str] = []
    total = 0
    for key in keys:
        cost = size(key)
        if current and total + cost > limit:
            runs.append(("", current))
            current, total = [], 0
        current.append(key)
        total += cost
    if current:
        runs.append(("", current))
    out = []
    for number, (_, run) in enumerate(runs):
        start = "" if number == 0 else _separator(runs[number - 1][1][-1], run[0])
        out.append((start, run))
    return out


@dataclass(frozen=True)
class SearchFiles:
    """The files of the search index: path under the site -> content; and figures."""

    files: dict[str, str]
    keys: int
    shards: int


def _register(name: str, data: object) -> str:
    return _script(name, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _script(name: str, text: str) -> str:
    # "<\/" is "</" in a JavaScript string: the data stays inert even if inlined in a page.
    text = text.replace("</", "<\\/")
    return f"GlossarySearch.register({json.dumps(name)},{text});\n"


def _manifest_tables(languages: tuple[str, ...]) -> dict[str, object]:
    from glossary.languages import get as plugin
    from glossary.search.layouts import LAYOUTS
    from glossary.search.query import _ENDINGS, _POSSESSIVES

    return {
        "functionWords": sorted({w for lang in languages for w in plugin(lang).function_words}),
        "functionPhrases": sorted(
            {p for lang in languages for p in plugin(lang).function_phrases},
            key=lambda p: (-len(p.split()), p),
        ),
        "frameWords": sorted({w for lang in languages for w in plugin(lang).frame_words}),
        "countryWords": sorted({w for lang in languages for w in plugin(lang).country_words}),
        "lightWords": _stem_forms(languages, "light_words"),
        "classifierWords": _stem_forms(languages, "classifier_words"),
        "institutions": {
            lang: {
                "words": sorted(plugin(lang).institution_words),
                "cases": {
                    stem: {ending: list(agree) for ending, agree in cases.items()}
                    for stem, cases in plugin(lang).institution_cases.items()
                },
            }
            for lang in languages
            if plugin(lang).institution_words
        },
        "compounding": [lang for lang in languages if plugin(lang).compounds],
        "headLast": [lang for lang in languages if plugin(lang).head_last],
        "endings": sorted(_ENDINGS),
        "possessives": list(_POSSESSIVES),
        "layouts": {name: {chr(k): v for k, v in table.items()} for name, table in LAYOUTS.items()},
    }


def _stem_forms(languages: tuple[str, ...], kind: str) -> list[str]:
    """The forms, folded, of the words of one list of each language's plug-in (``kind``:
    the light words, the classifier words) that have the stem of one of them: lookup
    matches these words by stem, and the browser, which has no stemmer, looks query
    words up in this list."""
    from glossary.languages import get as plugin
    from glossary.search.query import _stems

    out: set[str] = set()
    for lang in languages:
        language = plugin(lang)
        stems = _stems(lang, kind)
        for word, forms in language.forms(sorted(getattr(language, kind))):
            out |= {form for form in {word, *forms} if language.stem(form) in stems}
    return sorted(out)


def _gram_list(vids: list[int], texts: list[str]) -> list[str | list[str]]:
    """A trigram's variants with their texts: ``[numbers, texts]``, a text that is the
    one before it written as ``""``."""
    listed: list[str] = []
    before = None
    for vid in vids:
        text = texts[vid]
        listed.append("" if text == before else text)
        before = text
    return [deltas(vids), listed]


def _gram_files(
    gram_keys: list[str], grams: dict[str, list[int]], texts: list[str]
) -> dict[str, str]:
    """``gc.js`` (the trigrams of more than :data:`GRAM_INLINE` variants, with their
    counts) and the list of each, ``p<n>.js`` (n its place in ``gc.js``), with the
    variants' texts when there are at most :data:`GRAM_TEXTS`."""
    files: dict[str, str] = {}
    common = [g for g in gram_keys if len(grams[g]) > GRAM_INLINE]
    for number, gram in enumerate(common):
        vids = grams[gram]
        data: object = deltas(vids)
        if len(vids) <= GRAM_TEXTS:
            data = _gram_list(vids, texts)
        files[f"{FOLDER}/p{number}.js"] = _register(f"p{number}", data)
    counts = ",".join(str(len(grams[g])) for g in common)
    files[f"{FOLDER}/gc.js"] = _register("gc", [common, counts])
    return files


def search_files(glossary: Glossary, index: Index) -> SearchFiles:
    """The shards of ``index``, the lookup index of ``glossary`` (module docstring)."""
    db = index.db
    concepts = list(glossary.concepts.values())
    ids = [cid_id for _, cid_id in index.concept_ids()]
    if ids != [c.id for c in concepts]:
        raise ValueError("the lookup index is not that of this glossary")
    languages = list(index.languages)
    lang_code: dict[str, int] = {}

    def lang_of(lang: str) -> int:
        if lang not in lang_code:
            if lang not in languages:
                languages.append(lang)
            lang_code[lang] = languages.index(lang)
        return lang_code[lang]

    subjects = sorted({s for c in concepts for s in c.subjects})
    subject_code = {s: i for i, s in enumerate(subjects)}
    statuses = ["draft", "reviewed", "approved"]
    for concept in concepts:
        if concept.status.value not in statuses:
            statuses.append(concept.status.value)
    concept_rows = [
        [c.id, statuses.index(c.status.value), [subject_code[s] for s in c.subjects]]
        for c in concepts
    ]
    term_rows: dict[int, tuple[int, int, str, int, int, int, int]] = {}
    for tid, cid, lang, text, status, words, content, abbr in db.execute(
        "SELECT tid, cid, lang, text, status, words, content, abbr FROM term"
    ):
        term_rows[tid] = (cid, lang_of(lang), text, status, words, content, abbr)

    # key -> terms with it as a whole-term key (f fold, c compact, s skeleton); as a word
    # (w: term, position …); term words it is a form (m), stem (t) or skeleton (x) of;
    # longer words it is a part of (h).
    whole: dict[str, dict[str, list[int]]] = {"f": {}, "c": {}, "s": {}}
    for key, kind, tid in db.execute("SELECT k, kind, tid FROM key ORDER BY tid"):
        if kind == "compact" and fold(term_rows[tid][2]) == key:
            continue  # the same as its fold key, which the browser also reads as compact
        whole[_KIND[kind]].setdefault(key, []).append(tid)
    postings: dict[str, list[int]] = {}
    for word, tid, position in db.execute("SELECT w, tid, pos FROM word ORDER BY tid, pos"):
        found = postings.get(word)
        if found is None:
            postings[word] = [tid, position]
        else:
            found += (tid, position)
    word_keys: dict[str, dict[str, list[str]]] = {"m": {}, "t": {}, "x": {}}
    heads: dict[str, list[str]] = {}
    for key, kind, word in db.execute(
        "SELECT DISTINCT k, kind, w FROM wordkey ORDER BY k, kind, w"
    ):
        if kind == "head":
            part = heads.setdefault(key, [])
            if len(part) < 500 and word in postings:
                part.append(word)
        else:
            word_keys[_WORDKEY[kind]].setdefault(key, []).append(word)

    keys: set[str] = set(postings).union(heads, *whole.values(), *word_keys.values())
    ordered = sorted(keys)
    if any(ord(max(key)) > 0xFFFF for key in ordered if key):
        ordered.sort(key=_utf16)
    quote = json.encoder.encode_basestring
    fields = [(name, table) for name, table in whole.items()]
    word_fields = list(word_keys.items())
    encoded: dict[str, str] = {}
    term_refs: dict[str, list[int]] = {}
    for key in ordered:
        parts = []
        refs: list[int] = []
        for name, table in fields:
            found = table.get(key)
            if found is not None:
                parts.append(f'"{name}":"{deltas(found)}"')
                refs += found
        found = postings.get(key)
        if found is not None:
            parts.append('"w":"' + ",".join(map(str, found)) + '"')
            refs += found[0::2]
        for name, table2 in word_fields:
            listed = table2.get(key)
            if listed is not None:
                parts.append(f'"{name}":[' + ",".join(map(quote, listed)) + "]")
        compounds = heads.get(key)
        if compounds:
            items = []
            for compound in compounds:
                where = postings[compound]
                items.append("[" + quote(compound) + ',"' + ",".join(map(str, where)) + '"]')
                refs += where[0::2]
            parts.append('"h":[' + ",".join(items) + "]")
        encoded[key] = "[" + quote(key) + ",{" + ",".join(parts) + "}]"
        term_refs[key] = refs

    def rows_of(tids: set[int]) -> str:
        cids = {term_rows[t][0] for t in tids}
        return json.dumps(
            {
                "terms": {str(t): term_rows[t] for t in sorted(tids)},
                "concepts": {str(c): concept_rows[c] for c in sorted(cids)},
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    files: dict[str, str] = {}
    key_starts: list[str] = []
    variant_list: list[tuple[int, str]] = []  # variant number -> (term, text)
    folds, skeletons = whole["f"], whole["s"]
    for number, (start, run) in enumerate(_cut(ordered, lambda k: len(encoded[k]), SHARD_CHARS)):
        key_starts.append(start)
        tids: set[int] = set()
        for key in run:
            tids.update(term_refs[key])
            if key in folds or key in skeletons:
                variant_list.extend(
                    (tid, key) for tid in sorted([*folds.get(key, ()), *skeletons.get(key, ())])
                )
        body = '{"keys":[' + ",".join(encoded[key] for key in run) + "]," + rows_of(tids)[1:]
        files[f"{FOLDER}/k{number}.js"] = _script(f"k{number}", body)

    # Numbered by length (then key order): a candidate's length, and so how alike it can
    # be to a query, is known from its number alone (manifest ``variantLengths``).
    variant_list.sort(key=lambda item: _utf16_length(item[1]))
    lengths: list[list[int]] = []
    for number, (_, text) in enumerate(variant_list):
        length = _utf16_length(text)
        if not lengths or lengths[-1][0] != length:
            lengths.append([length, number])

    for first in range(0, len(variant_list), VARIANT_BUCKET):
        run_of = variant_list[first : first + VARIANT_BUCKET]
        groups: list[tuple[str, list[int]]] = []  # consecutive variants of one text
        for tid, text in run_of:
            if groups and groups[-1][0] == text:
                groups[-1][1].append(tid)
            else:
                groups.append((text, [tid]))
        entries = [[text, deltas(group)] for text, group in groups]
        number = first // VARIANT_BUCKET
        body = (
            '{"v":'
            + json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
            + ","
            + rows_of({tid for tid, _ in run_of})[1:]
        )
        files[f"{FOLDER}/v{number}.js"] = _script(f"v{number}", body)

    grams: dict[str, list[int]] = defaultdict(list)
    for vid, (_, text) in enumerate(variant_list):
        for gram in trigrams(text):
            grams[gram].append(vid)
    gram_keys = sorted(grams, key=_utf16)
    texts = [text for _, text in variant_list]
    files.update(_gram_files(gram_keys, grams, texts))
    rare = [g for g in gram_keys if len(grams[g]) <= GRAM_INLINE]
    rare_body = {g: _gram_list(grams[g], texts) for g in rare}
    gram_starts: list[str] = []
    rare_sizes = {g: len(json.dumps(rare_body[g], ensure_ascii=False)) + 6 for g in rare}
    for number, (start, run) in enumerate(_cut(rare, rare_sizes.__getitem__, GRAM_SHARD_CHARS)):
        gram_starts.append(start)
        files[f"{FOLDER}/g{number}.js"] = _register(f"g{number}", [[g, *rare_body[g]] for g in run])

    for first in range(0, len(concepts), DETAIL_BUCKET):
        bucket = []
        for cid in range(first, min(first + DETAIL_BUCKET, len(concepts))):
            concept = concepts[cid]
            bucket.append(
                [
                    [
                        [lang_of(lang), t.term, t.status.value]
                        for lang, section in concept.languages.items()
                        for t in section.terms
                    ],
                    {
                        lang: first_sentence(section.definition)
                        for lang, section in concept.languages.items()
                        if section.definition
                    },
                ]
            )
        number = first // DETAIL_BUCKET
        files[f"{FOLDER}/d{number}.js"] = _register(f"d{number}", bucket)

    for first in range(0, len(key_starts), KEY_BLOCK):
        number = first // KEY_BLOCK
        files[f"{FOLDER}/i{number}.js"] = _register(
            f"i{number}", key_starts[first : first + KEY_BLOCK]
        )

    manifest = {
        "version": 5,
        "languages": languages,
        "statuses": ["preferred", "admitted", "deprecated", "superseded"],
        "conceptStatuses": statuses,
        "subjects": subjects,
        "concepts": len(concepts),
        "detailBucket": DETAIL_BUCKET,
        "keyShards": len(key_starts),
        "keyBlock": KEY_BLOCK,
        "keyBlocks": key_starts[::KEY_BLOCK],
        "variantBucket": VARIANT_BUCKET,
        "variants": len(variant_list),
        "variantLengths": lengths,
        "rareShards": gram_starts,
        **_manifest_tables(tuple(index.languages)),
    }
    files[f"{FOLDER}/manifest.js"] = _register("manifest", manifest)
    return SearchFiles(files=files, keys=len(ordered), shards=len(key_starts))


# -- the whole index, for the search page of before the engine (assets/search.js) -------
