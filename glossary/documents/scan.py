"""Term recognition in running text: every occurrence of a glossary term, left to right.

Morphology stays where lookup keeps it, in the index (:mod:`glossary.search.index`): the
scanner reads the index's term words and their inflected forms once into a
:class:`Table` (a dictionary from a folded word form to the term words it can be, and
from a term's first word to its terms), and a scan is then one hashed look-up per word
of the text. At each word the longest term that starts there and whose every word is
found, as written or as one of its forms, in the next words of the text is taken; the
scan goes on after it (longest non-overlapping matches, left to right).

What is matched (docs/documents.md):

- terms of any status in any letter case and any inflected form the index knows
  (``ammatillisen koulutuksen järjestäjälle``, ``в системе среднего профессионального
  образования``); a term's words must follow each other with only white space between
  them (a line break is white space);
- abbreviations as written in capitals, with Finnish case endings (``HOKSin``,
  ``ECVET:n``); an abbreviation is never matched by a word in small letters (``до`` is
  not ``ДО``);
- a compound only when the whole compound is a term or a form of one (no heads:
  ``koulutustyöpaikalla`` is not ``työpaikka``);
- never a function word alone (``в``, ``ja``, ``of``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from glossary.model import TermStatus
from glossary.search.keys import CYRILLIC_LANGUAGES, fold, is_cyrillic
from glossary.search.query import abbreviation_readings, function_words

if TYPE_CHECKING:
    from glossary.documents.readers import Document
    from glossary.search.index import Index

__all__ = [
    "FileScan",
    "ScanMatch",
    "Table",
    "Token",
    "detect_language",
    "paragraph_languages",
    "scan",
    "scan_document",
    "scan_parts",
    "table_for",
    "tokens",
]

#: A word of running text: letters and digits, with inner hyphens, apostrophes and an
#: abbreviation's colon (``verkko-oppiminen``, ``ECVET:n``); a hyphen at either end
#: (``tuotanto- ja``) is not part of the word.
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019:][^\W_]+)*")
_GAP = re.compile(r"\s+")
_SUSPENDED = re.compile(r"[-\u2010\u2011]?\s+")
_HYPHENS = ("-", "\u2010", "\u2011")
#: A word shorter than this is never matched by its stem alone.
_MIN_STEM = 5

_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}


class Token(NamedTuple):
    start: int
    end: int
    text: str
    folded: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A term as the scanner needs it."""

    tid: int
    cid: int
    lang: str
    text: str
    status: TermStatus
    words: tuple[str, ...]
    abbr: bool
    #: Written with a suspended compound (``opetus- ja kulttuuriministeriö``).
    suspended: bool = False


@dataclass(frozen=True, slots=True)
class ScanMatch:
    """One occurrence of a term in a text; ``start``/``end`` are code-point offsets
    (end exclusive), ``line``/``col`` 1-based."""

    start: int
    end: int
    line: int
    col: int
    text: str
    concept_id: str
    term: str
    lang: str
    status: TermStatus
    kind: str
    score: float
    #: The concept's terms in the languages asked for: preferred first, with status.
    equivalents: dict[str, list[dict[str, str]]] = field(default_factory=dict, hash=False)
    #: The preferred term of the concept in the matched language, when this is not it.
    preferred: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "col": self.col,
            "text": self.text,
            "concept_id": self.concept_id,
            "term": self.term,
            "lang": self.lang,
            "status": self.status.value,
            "kind": self.kind,
            "score": self.score,
            "equivalents": self.equivalents,
        }


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their offsets and folded forms."""
    folded: dict[str, str] = {}
    out: list[Token] = []
    for m in _WORD.finditer(text):
        word = m.group()
        key = folded.get(word)
        if key is None:
            key = folded[word] = fold(word)
        out.append(Token(m.start(), m.end(), word, key))
    return out


_CHUNK = 500


class Table:
    """The index's terms as the scanner needs them, read from the index's tables when a
    word of a text first asks for them and kept for the next ones: nothing is read
    when the table is made, so its cost is that of the words scanned, not the size of
    the glossary (see :func:`table_for`)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.db = index.db
        self.languages: tuple[str, ...] = index.languages
        self._forms: dict[str, dict[str, frozenset[str]]] = {x: {} for x in self.languages}
        self._term_word: dict[str, dict[str, bool]] = {x: {} for x in self.languages}
        self._starts: dict[tuple[str, bool], dict[str, list[Entry]]] = {}
        self._has_abbreviations: dict[str, bool] = {}
        self._cyrillic: dict[str, bool] = {}
        self._concepts: dict[int, tuple[str, dict[str, object]]] = {}
        self._equivalents: dict[
            tuple[int, str, tuple[str, ...]],
            tuple[str, dict[str, list[dict[str, str]]], str | None],
        ] = {}

    # -- word forms --------------------------------------------------------------------

    def forms(self, lang: str, folded: str) -> frozenset[str]:
        """The ``lang`` term words that ``folded`` is, or is a form of (empty when none)."""
        cache = self._forms.setdefault(lang, {})
        found = cache.get(folded)
        if found is None:
            self.prefetch(lang, (folded,))
            found = cache[folded]
        return found

    def knows(self, lang: str, folded: str) -> bool:
        return bool(self.forms(lang, folded))

    def prefetch(self, lang: str, words: Iterable[str]) -> None:
        """Read the forms of ``words`` in a few queries (a text's distinct words at once)."""
        cache = self._forms.setdefault(lang, {})
        wanted = [w for w in dict.fromkeys(words) if w not in cache]
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            of: dict[str, set[str]] = {w: {w} for w in chunk}
            for form, word in self.db.execute(
                f"SELECT k, w FROM wordkey WHERE kind = 'form' AND k IN ({marks})", chunk
            ):
                of[form].add(word)
            self._term_words(lang, {w for found in of.values() for w in found})
            known = self._term_word[lang]
            for form, found in of.items():
                cache[form] = frozenset(w for w in found if known[w])

    def _term_words(self, lang: str, words: Iterable[str]) -> None:
        """Note which of ``words`` are words of a ``lang`` term (not an abbreviation)."""
        known = self._term_word.setdefault(lang, {})
        wanted = [w for w in words if w not in known]
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found = {
                row[0]
                for row in self.db.execute(
                    "SELECT DISTINCT word.w FROM word JOIN term ON term.tid = word.tid "
                    f"WHERE word.w IN ({marks}) AND term.lang = ? AND term.abbr = 0",
                    (*chunk, lang),
                )
            }
            for word in chunk:
                known[word] = word in found

    # -- terms -------------------------------------------------------------------------

    def starts(self, lang: str, word: str, abbr: bool = False) -> list[Entry]:
        """The ``lang`` terms whose first word is ``word``: longest first, then preferred
        before admitted, then in glossary order. ``abbr``: the abbreviations instead."""
        cache = self._starts.setdefault((lang, abbr), {})
        found = cache.get(word)
        if found is None:
            from glossary.search.index import STATUS_OF

            found = []
            for tid, cid, text, status in self.db.execute(
                "SELECT term.tid, term.cid, term.text, term.status FROM word "
                "JOIN term ON term.tid = word.tid "
                "WHERE word.w = ? AND word.pos = 0 AND term.lang = ? AND term.abbr = ?",
                (word, lang, int(abbr)),
            ):
                # The index's words of a term are its folded text split at spaces.
                words = tuple(fold(text).split())
                found.append(
                    Entry(tid, cid, lang, text, STATUS_OF[status], words, abbr, "- " in text)
                )
            found.sort(key=lambda e: (-len(e.words), _STATUS_RANK[e.status], e.tid))
            cache[word] = found
        return found

    def has_abbreviations(self, lang: str) -> bool:
        found = self._has_abbreviations.get(lang)
        if found is None:
            row = self.db.execute(
                "SELECT 1 FROM term WHERE lang = ? AND abbr = 1 LIMIT 1", (lang,)
            ).fetchone()
            found = self._has_abbreviations[lang] = row is not None
        return found

    def cyrillic(self, lang: str) -> bool:
        """Whether ``lang``'s terms are written in Cyrillic."""
        found = self._cyrillic.get(lang)
        if found is None:
            row = self.db.execute(
                "SELECT text FROM term WHERE lang = ? AND abbr = 0 LIMIT 1", (lang,)
            ).fetchone()
            found = is_cyrillic(row[0]) if row is not None else lang in CYRILLIC_LANGUAGES
            self._cyrillic[lang] = found
        return found

    def concept(self, cid: int) -> tuple[str, dict[str, object]]:
        found = self._concepts.get(cid)
        if found is None:
            found = self._concepts[cid] = self.index.concept(cid)
        return found

    def equivalents(
        self, cid: int, lang: str, targets: tuple[str, ...]
    ) -> tuple[str, dict[str, list[dict[str, str]]], str | None]:
        """The concept's id, its terms in ``targets`` (preferred first) and its preferred
        term in ``lang``; made once per concept and languages."""
        key = (cid, lang, targets)
        found = self._equivalents.get(key)
        if found is None:
            concept_id, data = self.concept(cid)
            terms_by_lang: dict[str, list[list[object]]] = data["terms"]  # type: ignore[assignment]
            equivalents = {
                code: _ordered(terms_by_lang[code]) for code in targets if terms_by_lang.get(code)
            }
            own = _ordered(terms_by_lang.get(lang, []))
            preferred = next((e["term"] for e in own if e["status"] == "preferred"), None)
            found = self._equivalents[key] = (concept_id, equivalents, preferred)
        return found


_TABLES: dict[int, tuple[Index, Table]] = {}


def table_for(index: Index) -> Table:
    """The scanner's table of ``index``, one per open index."""
    entry = _TABLES.get(id(index))
    if entry is not None and entry[0] is index:
        return entry[1]
    table = Table(index)
    _TABLES.clear()
    _TABLES[id(index)] = (index, table)
    return table


def detect_language(table: Table, words: Sequence[Token]) -> str:
    """The glossary language whose term words and function words the text's words are
    most often; ties go to the language listed first. Cyrillic words count only for
    languages written in Cyrillic, Latin words only for the others."""
    sample = words[:5000]
    counts = _counts(table, sample)
    best = max(table.languages, key=lambda lang: (counts[lang], -table.languages.index(lang)))
    if counts[best] == 0:
        letters = sum(1 for t in sample if is_cyrillic(t.text))
        wanted = letters * 2 > len(sample)
        for lang in table.languages:
            if table.cyrillic(lang) == wanted:
                return lang
    return best


def _counts(table: Table, words: Sequence[Token]) -> dict[str, int]:
    """For each glossary language, how many of ``words`` are its term words, their forms
    or its function words (in its script)."""
    counts: dict[str, int] = {}
    for lang in table.languages:
        small = function_words((lang,))
        cyrillic = table.cyrillic(lang)
        chosen = [t.folded for t in words if is_cyrillic(t.text) == cyrillic]
        table.prefetch(lang, chosen)
        counts[lang] = sum(1 for w in chosen if w in small or table.knows(lang, w))
    return counts


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: Documents whose every line is a paragraph (or a translation unit).
_LINE_KINDS = frozenset({"docx", "html", "xliff", "po", "tmx"})


def paragraph_languages(
    table: Table, text: str, by_line: bool = False
) -> tuple[str, list[tuple[int, str]]]:
    """The language of ``text`` and of each of its paragraphs: (the language of most of
    its words, [(offset where a run of paragraphs in one language starts, language)]).
    Paragraphs are separated by blank lines, or are lines (``by_line``: DOCX, HTML).

    A paragraph takes the language that more of its words are words of (its glossary
    words and their forms, its function words) than of any other. A paragraph with
    nothing to go on (a number, a tie) takes the one language its script allows, else the
    language of the next paragraph that has one (a heading is followed by its text), else
    of the previous one, else of the whole text."""
    words = tokens(text)
    whole = detect_language(table, words)
    starts = [t.start for t in words]
    breaks = (m.end() for m in (re.finditer("\n", text) if by_line else _BLANK_LINE.finditer(text)))
    bounds = [0, *breaks, len(text)]
    paragraphs: list[tuple[int, int, int, str | None]] = []
    for begin, end in pairwise(bounds):
        lo, hi = bisect_left(starts, begin), bisect_left(starts, end)
        if lo == hi:
            continue
        part = words[lo:hi]
        counts = _counts(table, part)
        best = max(table.languages, key=lambda x: (counts[x], x == whole))
        second = max((n for x, n in counts.items() if x != best), default=0)
        lang: str | None = None
        if counts[best] > second:
            lang = best
        else:
            cyrillic = sum(1 for t in part if is_cyrillic(t.text)) * 2 > len(part)
            scripts = [x for x in table.languages if table.cyrillic(x) == cyrillic]
            if len(scripts) == 1:
                lang = scripts[0]
        paragraphs.append((begin, lo, hi, lang))
    if not paragraphs:
        return whole, [(0, whole)]
    chosen: list[str] = []
    following: str | None = None
    for *_, lang in reversed(paragraphs):
        following = lang or following
        chosen.append(lang or following or "")
    chosen.reverse()
    previous = whole
    parts: list[tuple[int, str]] = []
    sizes: dict[str, int] = {}
    for (begin, lo, hi, own), lang in zip(paragraphs, chosen, strict=True):
        lang = own or lang or previous
        previous = lang
        sizes[lang] = sizes.get(lang, 0) + hi - lo
        if not parts or parts[-1][1] != lang:
            parts.append((begin, lang))
    main = max(sizes, key=lambda x: (sizes[x], x == whole))
    return main, [(0, parts[0][1]), *parts[1:]]


def scan(
    table: Table,
    text: str,
    lang: str,
    to: Iterable[str] | None = None,
) -> list[ScanMatch]:
    """Every occurrence of a ``lang`` term of the table's glossary in ``text``: longest
    first, left to right, never overlapping."""
    return scan_parts(table, text, [(0, lang)], to)


def scan_parts(
    table: Table,
    text: str,
    parts: Sequence[tuple[int, str]],
    to: Iterable[str] | None = None,
) -> list[ScanMatch]:
    """:func:`scan` of a text in several languages: ``parts`` are (offset where a part
    starts, its language), in order; a term never runs from one part into the next."""
    words = tokens(text)
    lines = _line_starts(text)
    starts = [t.start for t in words]
    given = tuple(to) if to is not None else None
    found: list[ScanMatch] = []
    for k, (begin, lang) in enumerate(parts):
        end = parts[k + 1][0] if k + 1 < len(parts) else len(text)
        part = words[bisect_left(starts, begin) : bisect_left(starts, end)]
        if len(parts) == 1:
            part = words
        targets = given if given is not None else tuple(x for x in table.languages if x != lang)
        found += [
            _match(table, text, part, lines, entry, i, j, targets)
            for entry, i, j in _spans(table, text, part, lang)
        ]
    return found


def _spans(
    table: Table, text: str, words: Sequence[Token], lang: str
) -> Iterator[tuple[Entry, int, int]]:
    """(term, first word, word after the last) of each match."""
    return _Pass(table, text, words, lang).run()


class _Pass:
    """One scan of one text: the words' candidate term words are looked up once each."""

    def __init__(self, table: Table, text: str, words: Sequence[Token], lang: str) -> None:
        from glossary.languages import get as plugin

        self.text = text
        self.words = words
        self.table = table
        self.lang = lang
        self.has_abbreviations = table.has_abbreviations(lang)
        self.small = function_words((lang,))
        self.language = plugin(lang)
        self._known: dict[str, frozenset[str]] = {}
        self._stem: dict[str, str] = {}
        self._readings: dict[str, tuple[str, ...]] = {}

    def known(self, folded: str) -> frozenset[str]:
        """The term words that ``folded`` is, or is a form of."""
        found = self._known.get(folded)
        if found is None:
            found = self.table.forms(self.lang, folded)
            if not found:
                for reading in self.language.readings(folded):
                    found |= self.table.forms(self.lang, reading)
            self._known[folded] = found
        return found

    def readings(self, token: Token) -> tuple[str, ...]:
        if token.text.islower() or not self.has_abbreviations:
            return ()
        found = self._readings.get(token.text)
        if found is None:
            found = self._readings[token.text] = _abbreviation_readings(token)
        return found

    def stem(self, folded: str) -> str:
        found = self._stem.get(folded)
        if found is None:
            found = self._stem[folded] = self.language.stem(folded)
        return found

    def term_stem(self, word: str) -> str:
        """A term word's stem, as the index has it (the word itself when it has none)."""
        return self.stem(word) or word

    def run(self) -> Iterator[tuple[Entry, int, int]]:
        words = self.words
        self.table.prefetch(self.lang, (t.folded for t in words))
        count = len(words)
        i = 0
        while i < count:
            token = words[i]
            best: tuple[tuple[int, int, int, int], Entry] | None = None
            candidates = self.known(token.folded)
            following: frozenset[str] = frozenset()
            following_stem = ""
            if candidates and i + 1 < count:
                after = words[i + 1].folded
                following = self.known(after)
                if len(after) >= _MIN_STEM:
                    following_stem = self.stem(after)
            for word in candidates:
                for entry in self.table.starts(self.lang, word):
                    n = len(entry.words)
                    if best is not None and n < -best[0][0]:
                        break
                    if n == 1:
                        if token.folded in self.small or self._suspended(i):
                            continue
                    elif (
                        entry.words[1] not in following
                        and self.term_stem(entry.words[1]) != following_stem
                    ) or not self._follows(i, entry, True):
                        continue
                    exact = 0 if token.folded == word else 1
                    rank = (-n, exact, _STATUS_RANK[entry.status], entry.tid)
                    if best is None or rank < best[0]:
                        best = (rank, entry)
            for reading in self.readings(token):
                for entry in self.table.starts(self.lang, reading, abbr=True):
                    n = len(entry.words)
                    if n > 1 and not self._follows(i, entry, False):
                        continue
                    rank = (-n, 0, _STATUS_RANK[entry.status], entry.tid)
                    if best is None or rank < best[0]:
                        best = (rank, entry)
            if best is None:
                i += 1
                continue
            n = len(best[1].words)
            yield best[1], i, i + n
            i += n

    def _suspended(self, i: int) -> bool:
        """``oppisopimus- ja koulutussopimus``: the first part of a suspended compound is
        not a word of its own."""
        end = self.words[i].end
        return self.text[end : end + 1] in _HYPHENS and self.text[end + 1 : end + 2].isspace()

    def _follows(self, i: int, entry: Entry, inflected: bool) -> bool:
        """Whether the words after ``words[i]`` are the rest of the term, with only white
        space between them (and a hyphen where the term has one: ``opetus- ja``). Words
        between the first and the last may also be found by their stem (``työpaikalla
        järjestettävän koulutuksen``): they are modifiers, whose forms the dictionaries
        know less well than those of the head."""
        wanted = entry.words
        words = self.words
        if i + len(wanted) > len(words):
            return False
        for k in range(1, len(wanted)):
            token = words[i + k]
            previous = words[i + k - 1]
            if previous.end == token.start:
                return False
            gap = _SUSPENDED if entry.suspended else _GAP
            if not gap.fullmatch(self.text, previous.end, token.start):
                return False
            if not inflected:
                if token.folded != wanted[k]:
                    return False
            elif wanted[k] not in self.known(token.folded) and (
                k == len(wanted) - 1
                or len(token.folded) < _MIN_STEM
                or self.term_stem(wanted[k]) != self.stem(token.folded)
            ):
                return False
        return True


def _abbreviation_readings(token: Token) -> tuple[str, ...]:
    """An abbreviation is matched as written in capitals, alone (``HOKS``) or with a
    Finnish case ending (``HOKSin``, ``ECVET:n``)."""
    letters = [ch for ch in token.text if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return (token.folded,)
    return abbreviation_readings(token.text)


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _match(
    table: Table,
    text: str,
    words: Sequence[Token],
    lines: list[int],
    entry: Entry,
    i: int,
    j: int,
    targets: tuple[str, ...],
) -> ScanMatch:
    start, end = words[i].start, words[j - 1].end
    found = text[start:end]
    if found == entry.text:
        kind, score = "exact", 100.0
    elif fold(found) == fold(entry.text):
        kind, score = "normalized", 97.0
    else:
        kind, score = "lemma", 90.0
    concept_id, equivalents, preferred = table.equivalents(entry.cid, entry.lang, targets)
    line = bisect_right(lines, start)
    return ScanMatch(
        start=start,
        end=end,
        line=line,
        col=start - lines[line - 1] + 1,
        text=found,
        concept_id=concept_id,
        term=entry.text,
        lang=entry.lang,
        status=entry.status,
        kind=kind,
        score=score,
        equivalents=equivalents,
        preferred=preferred if preferred != entry.text else None,
    )


def _ordered(terms: Iterable[list[object]]) -> list[dict[str, str]]:
    from glossary.search.index import STATUS_OF

    items = [(str(t[0]), STATUS_OF[int(t[1])]) for t in terms]  # type: ignore[call-overload]
    ranked = sorted(enumerate(items), key=lambda item: (_STATUS_RANK[item[1][1]], item[0]))
    return [{"term": text, "status": status.value} for _, (text, status) in ranked]


@dataclass(frozen=True)
class FileScan:
    """The terms found in one document."""

    path: str
    lang: str
    matches: list[ScanMatch]

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "lang": self.lang,
            "matches": [m.as_dict() for m in self.matches],
        }


def scan_document(
    table: Table,
    document: Document,
    lang: str | None = None,
    to: Iterable[str] | None = None,
) -> FileScan:
    """The terms of ``document`` in ``lang``; else in the language the file declares (XLIFF,
    PO, TMX); else each paragraph in its own language (:func:`paragraph_languages`), and
    the file's language is that of most of its words."""
    chosen = lang or _glossary_language(table, document.lang)
    if chosen is not None:
        found = scan(table, document.scanned, chosen, to)
    else:
        by_line = document.kind in _LINE_KINDS
        chosen, parts = paragraph_languages(table, document.scanned, by_line)
        found = scan_parts(table, document.scanned, parts, to)
    if document.scanned is not document.text:
        found = [replace(m, text=document.text[m.start : m.end]) for m in found]
    return FileScan(document.path, chosen, found)


def _glossary_language(table: Table, declared: str | None) -> str | None:
    """The glossary language a file's declared language (``fi-FI``, ``ru_RU``) is."""
    if not declared:
        return None
    tag = declared.replace("_", "-").lower()
    for lang in table.languages:
        if lang.lower() == tag:
            return lang
    primary = tag.split("-")[0]
    for lang in table.languages:
        if lang.lower().split("-")[0] == primary:
            return lang
    return None
