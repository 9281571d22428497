"""The lookup index: every key of every term, in one SQLite file.

Built once from a glossary (all morphology happens here, in the language plug-ins) and
kept in the user's cache folder, keyed by the sources it was built from, so that a
lookup opens a file and runs a few indexed queries: no YAML is read and no analyser
is loaded when the sources have not changed.

Tables:

- ``concept(cid, id, data)``: ``data`` is the JSON the output needs (terms by language
  with status and type, definitions, the concept's status and its notes);
- ``term(tid, cid, lang, text, status, words, content, abbr)``: ``content`` counts the
  words that are not function words; ``abbr`` marks abbreviations (by type, or written
  in capitals), which get no word forms or stems: they match as written;
- ``key(k, kind, tid)``: whole-term keys (``fold``, ``compact``, ``skeleton``);
- ``word(w, tid, pos)``: the folded words of each term;
- ``wordkey(k, kind, w)``: inflected forms, Snowball stems and transliteration keys of
  each term word, pointing at the word; and ``head``: ``k`` is a term word that is a
  part of another term word ``w`` (``assessment`` -> ``self-assessment``; in compounding
  languages also its last part: ``koulutus`` -> ``verkkokoulutus``);
- ``variant(vid, tid, text)`` and ``gram(g, n, ids)``: the strings for fuzzy matching and
  their trigram postings (``ids`` is an array of 32-bit variant ids).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.enums import TermStatus, TermType
from glossary.search.keys import compact, fold, is_cyrillic, light, skeleton, trigrams

if TYPE_CHECKING:
    from glossary.model import Concept, Glossary, Term

__all__ = ["FORMAT", "Index", "build"]

#: Bump when the index layout or the keys change.
FORMAT = 8

STATUS_CODE = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}
STATUS_OF = {code: status for status, code in STATUS_CODE.items()}

_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE concept(cid INTEGER PRIMARY KEY, id TEXT, data TEXT);
CREATE TABLE term(tid INTEGER PRIMARY KEY, cid INTEGER, lang TEXT, text TEXT,
                  status INTEGER, words INTEGER, content INTEGER, abbr INTEGER);
CREATE TABLE key(k TEXT, kind TEXT, tid INTEGER);
CREATE TABLE word(w TEXT, tid INTEGER, pos INTEGER);
CREATE TABLE wordkey(k TEXT, kind TEXT, w TEXT);
CREATE TABLE variant(vid INTEGER PRIMARY KEY, tid INTEGER, text TEXT);
CREATE TABLE gram(g TEXT PRIMARY KEY, n INTEGER, ids BLOB) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX key_k ON key(k);
CREATE INDEX word_w ON word(w);
CREATE INDEX wordkey_k ON wordkey(k);
"""


@dataclass(frozen=True, slots=True)
class TermRow:
    tid: int
    cid: int
    lang: str
    text: str
    status: TermStatus
    words: int
    #: Words that are not function words.
    content: int
    abbr: bool


class Index:
    """An open lookup index."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.db = connection
        self.path = path
        self._terms: dict[int, TermRow] = {}
        self._concepts: dict[int, tuple[str, dict[str, object]]] = {}
        self.languages: tuple[str, ...] = tuple(json.loads(self.meta("languages") or "[]"))

    @classmethod
    def open(cls, path: Path) -> Index:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        connection.execute("PRAGMA query_only = ON")
        return cls(connection, path)

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.db.close()

    # -- reading --------------------------------------------------------------------------

    def terms(self, tids: Iterable[int]) -> dict[int, TermRow]:
        wanted = [t for t in set(tids) if t not in self._terms]
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                "SELECT tid, cid, lang, text, status, words, content, abbr FROM term "
                f"WHERE tid IN ({marks})",
                chunk,
            ):
                self._terms[row[0]] = TermRow(
                    row[0], row[1], row[2], row[3], STATUS_OF[row[4]], row[5], row[6], bool(row[7])
                )
        return {t: self._terms[t] for t in tids if t in self._terms}

    def concept(self, cid: int) -> tuple[str, dict[str, object]]:
        found = self._concepts.get(cid)
        if found is None:
            row = self.db.execute("SELECT id, data FROM concept WHERE cid = ?", (cid,)).fetchone()
            found = (row[0], json.loads(row[1]))
            self._concepts[cid] = found
        return found

    def concept_ids(self) -> Iterator[tuple[int, str]]:
        yield from self.db.execute("SELECT cid, id FROM concept ORDER BY cid")

    def by_key(self, key: str, kind: str) -> list[int]:
        return [
            r[0]
            for r in self.db.execute("SELECT tid FROM key WHERE k = ? AND kind = ?", (key, kind))
        ]

    def by_key_prefix(self, prefix: str, kind: str, limit: int = 50) -> list[tuple[str, int]]:
        return list(
            self.db.execute(
                "SELECT k, tid FROM key WHERE k >= ? AND k < ? AND kind = ? LIMIT ?",
                (prefix, prefix + "\U0010ffff", kind, limit),
            )
        )

    def word_keys(self, key: str) -> list[tuple[str, str]]:
        """(kind, term word) for an inflected form, stem or transliteration key."""
        return list(
            self.db.execute("SELECT kind, w FROM wordkey WHERE k = ? AND kind != 'head'", (key,))
        )

    def compounds(self, words: list[str]) -> list[str]:
        """Term words that have one of ``words`` as a part (``koulutus`` ->
        ``verkkokoulutus``), at most 500."""
        marks = ",".join("?" * len(words))
        return [
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT w FROM wordkey WHERE k IN ({marks}) AND kind = 'head' LIMIT 500",
                words,
            )
        ]

    def words_or_forms(self, keys: list[str]) -> dict[str, set[str]]:
        """For each key that is a term word or an inflected form of one: those words."""
        found: dict[str, set[str]] = defaultdict(set)
        marks = ",".join("?" * len(keys))
        for key, word in self.db.execute(
            f"SELECT k, w FROM wordkey WHERE kind = 'form' AND k IN ({marks})", keys
        ):
            found[key].add(word)
        for (word,) in self.db.execute(f"SELECT DISTINCT w FROM word WHERE w IN ({marks})", keys):
            found[word].add(word)
        return found

    def places(self, words: Iterable[str]) -> set[tuple[int, int]]:
        """(term id, position) of every place where one of ``words`` is a term word."""
        keys = list(words)
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        return set(self.db.execute(f"SELECT tid, pos FROM word WHERE w IN ({marks})", keys))

    def stems(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` that are the stem of a term word."""
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        return {
            r[0]
            for r in self.db.execute(
                f"SELECT DISTINCT k FROM wordkey WHERE kind = 'stem' AND k IN ({marks})", keys
            )
        }

    def words_with_prefix(self, prefix: str, limit: int = 30) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT w FROM word WHERE w >= ? AND w < ? LIMIT ?",
                (prefix, prefix + "\U0010ffff", limit),
            )
        ]

    def postings(self, word: str) -> list[tuple[int, int]]:
        """(term id, position) of every term that has ``word``."""
        return list(self.db.execute("SELECT tid, pos FROM word WHERE w = ?", (word,)))

    def fuzzy_candidates(
        self, text: str, limit: int = 300, rarest: int = 8, budget: int = 40000
    ) -> list[tuple[int, int, str]]:
        """(variant id, term id, text) of the variants that share most of the rarest
        trigrams of ``text``: at most ``rarest`` trigrams, and no more postings than
        ``budget``; a candidate must share all of them but four (one typo changes up to
        four trigrams), or else the best-sharing ones are taken."""
        grams = sorted(trigrams(text))
        if not grams:
            return []
        marks = ",".join("?" * len(grams))
        known = sorted(self.db.execute(f"SELECT n, g FROM gram WHERE g IN ({marks})", grams))
        chosen: list[str] = []
        total = 0
        for count, gram in known:
            if len(chosen) >= rarest or (len(chosen) >= 3 and total + count > budget):
                break
            chosen.append(gram)
            total += count
        if not chosen:
            return []
        counter: Counter[int] = Counter()
        marks = ",".join("?" * len(chosen))
        for (blob,) in self.db.execute(f"SELECT ids FROM gram WHERE g IN ({marks})", chosen):
            ids = array("I")
            ids.frombytes(blob)
            counter.update(ids)
        shared = max(1, len(chosen) - 4)
        best = [(n, vid) for vid, n in counter.items() if n >= shared]
        if not best:
            best = [(n, vid) for vid, n in counter.most_common(limit)]
        if len(best) > limit:
            best.sort(reverse=True)
            best = best[:limit]
        rows: list[tuple[int, int, str]] = []
        for chunk in _chunks([vid for _, vid in best], 500):
            marks = ",".join("?" * len(chunk))
            rows.extend(
                self.db.execute(f"SELECT vid, tid, text FROM variant WHERE vid IN ({marks})", chunk)
            )
        return rows

    def size(self) -> int:
        return self.path.stat().st_size if self.path and self.path.exists() else 0


def is_abbreviation(term: Term) -> bool:
    """An abbreviation or acronym by type, or a term written in capitals (``KOSKI``)."""
    if term.type in (TermType.ABBREVIATION, TermType.ACRONYM):
        return True
    letters = [ch for ch in term.term if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _notes(languages: tuple[str, ...], concept: Concept) -> list[dict[str, str | None]]:
    """The concept's note and each language section's note, in display order."""
    notes: list[dict[str, str | None]] = []
    if concept.note:
        notes.append({"lang": None, "text": concept.note})
    order = [lang for lang in languages if lang in concept.languages]
    order += [lang for lang in concept.languages if lang not in order]
    for lang in order:
        note = concept.languages[lang].note
        if note:
            notes.append({"lang": lang, "text": note})
    return notes


#: A compound's head must be this long, and what precedes it too (``verkko|koulutus``).
MIN_HEAD = 4
MIN_MODIFIER = 3


def _heads(words: Iterable[str], closed: bool) -> Iterator[tuple[str, str]]:
    """(part, compound) for every glossary word that contains another glossary word: as
    a part of a hyphenated word in any language (``assessment`` -> ``self-assessment``,
    ``tutkinto`` -> ``tutkinto-ohjelma``), and for ``closed`` compounding languages as its
    last part (``koulutus`` -> ``verkkokoulutus``)."""
    known = set(words)
    for word in known:
        found: set[str] = set()
        if "-" in word:
            found.update(p for p in word.split("-") if len(p) >= MIN_MODIFIER and p in known)
        if closed:
            for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
                if word[cut:] in known:
                    found.add(word[cut:])
        found.discard(word)
        for part in found:
            yield part, word


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- building ---------------------------------------------------------------------------


def build(glossary: Glossary, path: Path | None, fingerprint: str = "") -> Index:
    """Build the index of ``glossary`` into ``path`` (in memory when None) and open it."""
    from glossary.languages import get as plugin

    started = time.perf_counter()
    target = ":memory:" if path is None else str(path) + f".{os.getpid()}.tmp"
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(target).unlink(missing_ok=True)
    db = sqlite3.connect(target, check_same_thread=False)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)

    words_by_lang: dict[str, dict[str, str]] = defaultdict(dict)  # lang -> folded -> light
    postings: dict[str, array[int]] = defaultdict(lambda: array("I"))
    rows: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    inserts = {
        "concept": "INSERT INTO concept VALUES (?, ?, ?)",
        "term": "INSERT INTO term VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        "key": "INSERT INTO key VALUES (?, ?, ?)",
        "word": "INSERT INTO word VALUES (?, ?, ?)",
        "variant": "INSERT INTO variant VALUES (?, ?, ?)",
    }

    def flush() -> None:
        for table, batch in rows.items():
            db.executemany(inserts[table], batch)
            batch.clear()

    tid = 0
    vid = 0

    def variant(term_id: int, text: str) -> None:
        nonlocal vid
        vid += 1
        rows["variant"].append((vid, term_id, text))
        for gram in trigrams(text):
            postings[gram].append(vid)

    # Glossary.languages looks at every concept: once, not once per concept.
    all_languages = glossary.languages
    small_words = {lang: plugin(lang).function_words for lang in all_languages}
    for cid, concept in enumerate(glossary.concepts.values()):
        data: dict[str, object] = {
            "terms": {},
            "definitions": {},
            "status": concept.status.value,
            "notes": _notes(all_languages, concept),
        }
        for lang, section in concept.languages.items():
            small = small_words.get(lang) or plugin(lang).function_words
            data["terms"][lang] = [  # type: ignore[index]
                [t.term, STATUS_CODE[t.status], t.type.value] for t in section.terms
            ]
            if section.definition:
                data["definitions"][lang] = section.definition  # type: ignore[index]
            for term in section.terms:
                tid += 1
                folded = fold(term.term)
                term_words = folded.split()
                light_words = light(term.term).split()
                abbr = is_abbreviation(term)
                content = sum(1 for w in term_words if len(w) > 1 and w not in small)
                rows["term"].append(
                    (
                        tid,
                        cid,
                        lang,
                        term.term,
                        STATUS_CODE[term.status],
                        len(term_words),
                        content or len(term_words),
                        int(abbr),
                    )
                )
                rows["key"].append((folded, "fold", tid))
                rows["key"].append((compact(term.term), "compact", tid))
                variant(tid, folded)
                if is_cyrillic(term.term):
                    key = skeleton(term.term)
                    rows["key"].append((key, "skeleton", tid))
                    variant(tid, key)
                rows["word"].extend(
                    (word, tid, position) for position, word in enumerate(term_words)
                )
                pairs = (
                    zip(term_words, light_words, strict=True)
                    if len(light_words) == len(term_words)
                    else ((w, w) for w in term_words)
                )
                if abbr:
                    continue  # matched as written, in any case: no forms, no stems
                known = words_by_lang[lang]
                for word, raw in pairs:
                    known.setdefault(word, raw)
        rows["concept"].append((cid, concept.id, json.dumps(data, ensure_ascii=False)))
        if len(rows["term"]) >= 20000:
            flush()
    flush()

    # Word forms, stems and transliteration keys, streamed to the database in batches:
    # for a large glossary they are the biggest part of the index.
    batch: list[tuple[str, str, str]] = []

    def add(key: str, kind: str, word: str) -> None:
        batch.append((key, kind, word))
        if len(batch) >= 50000:
            db.executemany("INSERT INTO wordkey VALUES (?, ?, ?)", batch)
            batch.clear()

    for lang, folded_to_light in words_by_lang.items():
        language = plugin(lang)
        folded_of: dict[str, list[str]] = defaultdict(list)
        for folded_word, raw in folded_to_light.items():
            folded_of[raw].append(folded_word)
        for folded_word in folded_to_light:
            stem = language.stem(folded_word)
            if stem and stem != folded_word:
                add(stem, "stem", folded_word)
        for raw, word_forms in language.forms(folded_of):
            for folded_word in folded_of.get(raw, ()):
                for form in word_forms:
                    if form != folded_word:
                        add(form, "form", folded_word)
                keys = set(language.transliterations(raw))
                for form in word_forms:
                    keys.update(language.transliterations(form))
                for key in keys:
                    add(key, "skeleton", folded_word)
        for head, compound in _heads(folded_to_light, language.compounds):
            add(head, "head", compound)
        language.release()
    db.executemany("INSERT INTO wordkey VALUES (?, ?, ?)", batch)
    batch.clear()
    words_by_lang.clear()

    db.executemany(
        "INSERT INTO gram VALUES (?, ?, ?)",
        ((g, len(ids), ids.tobytes()) for g, ids in postings.items()),
    )
    postings.clear()

    languages = list(all_languages)
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", str(FORMAT)),
            ("fingerprint", fingerprint),
            ("languages", json.dumps(languages)),
            ("byteorder", sys.byteorder),
            ("seconds", f"{time.perf_counter() - started:.3f}"),
        ],
    )
    db.executescript(_INDEXES)
    db.commit()
    if path is None:
        return Index(db)
    db.close()
    os.replace(target, path)
    return Index.open(path)
