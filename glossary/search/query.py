"""One analysis of a query, computed once and read by every tier of lookup.

:func:`analyse` cleans what was typed or copied (soft hyphens, a word broken at a line
end: ``oppisopimus- koulutuksessa``), then derives every key lookup needs: the folded and
compact text, the words, the Latin skeleton, which words are function words (``в``,
``ja``, ``of``) or single letters, abbreviations with Finnish case endings (``HOKS:n``,
``ECVETiin``), and, on demand, what the text reads as on another keyboard layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from glossary.search.keys import compact, fold, is_cyrillic, skeleton

__all__ = [
    "CONJUNCTIONS",
    "Query",
    "abbreviation_readings",
    "analyse",
    "clean",
    "country_words",
    "frame_words",
    "function_words",
]

_SOFT_HYPHEN = "\u00ad"
_HYPHENS = "-\u2010\u2011\u2012\u2013"
#: Words before which a hyphen at a line end is a suspended compound (``lisä- ja
#: täydennyskoulutus``), not a word broken in two.
CONJUNCTIONS = ("ja", "tai", "sekä", "eli", "и", "или", "либо", "а", "and", "or")
_BROKEN = re.compile(
    rf"(\w)[{_HYPHENS}][ \t]*(?:\r?\n)?[ \t]+(?!(?:{'|'.join(CONJUNCTIONS)})(?!\w))(\w)",
    re.IGNORECASE,
)
#: A web address joined by a hyphen to the word that says what it is, read as the name
#: before its top-level domain (``opintopolku.fi-palvelussa``).
_WEB_ADDRESS = re.compile(
    r"(?<![\w.])(?:www\.)?([A-Za-zÄÖÅäöå]\w*)\.(?:fi|eu|ru|com|org|net)(?=-\w)"
)
#: A parenthesis of two to eight capitals: an abbreviation of what precedes it, perhaps
#: (:func:`_spelt_out`). The white space before it is matched from its start only, so
#: that a long run of spaces is not read again from each of its positions.
_PARENTHESIS = re.compile(r"(?<!\s)\s*\(([A-ZÄÖÅА-ЯЁ]{2,8})\)")
#: How much of the text before a parenthesis :func:`_initials` reads: eight words and the
#: short words between them.
_READ_BACK = 400
_WORD_PARTS = re.compile(rf"[\s{re.escape(_HYPHENS)}/]+")
_BROKEN_AT_NEWLINE = re.compile(rf"(\w)[{_HYPHENS}]\r?\n[ \t]*(\w)")
_VOWELS = "aeiouyäöå"
#: Function words are short: longer Latin words are not checked as transliterations.
_SHORT = 6

#: Finnish case endings an abbreviation takes (``HOKS:n``, ``AHOT:ssa``, ``ECVET:iin``):
#: the endings proper, with a linking ``i`` or ``e`` (``HOKSin``, ``HOKSiin``), and the
#: illatives in -hVn.
_CASES = [
    "n",
    "a",
    "ä",
    "ta",
    "tä",
    "na",
    "nä",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "tta",
    "ttä",
    "t",
    "ja",
    "jä",
    "ien",
    "in",
    "iin",
    "ihin",
    "issa",
    "issä",
    "ista",
    "istä",
    "illa",
    "illä",
    "ilta",
    "iltä",
    "ille",
    "iksi",
    "ina",
    "inä",
    "ia",
    "iä",
    "ita",
    "itä",
    "ssakin",
    "ssäkin",
    "ksi",
]
_ENDINGS = frozenset(
    _CASES
    + ["i" + c for c in _CASES]
    + ["e" + c for c in _CASES]
    + [f"h{v}n" for v in _VOWELS]
    + [f"{v}n" for v in _VOWELS]
    + [f"{v}{v}n" for v in _VOWELS]
    + ["seen", "siin"]
)
#: Finnish possessive suffixes, which follow a case ending (``HOKSiasi``: ``HOKS`` +
#: partitive ``ia`` + ``si``, your): first, second and third person; the third person
#: after a case ending in a vowel lengthens it (``HOKSissaan``).
_POSSESSIVES = ("ni", "si", "mme", "nne", "nsa", "nsä")
_CAPS = "A-ZÄÖÅА-ЯЁ"
_ABBREVIATION = re.compile(rf"^([{_CAPS}][{_CAPS}0-9]+)(?::|-)?([a-zäöå]+)$")
#: Russian case endings of an abbreviation declined as a masculine noun (``ФГОСа``,
#: ``вуза``, ``Рособрнадзором``).
_RU_CASES = ("а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")
_RU_ABBREVIATION = re.compile(r"^([А-ЯЁ]{2,})-?([а-яё]{1,3})$")
_RU_WORD = re.compile(r"^([А-ЯЁа-яё][а-яё]{2,})$")
_COLON_FORM = re.compile(r"^([^\W_]{2,}):([a-zäöå]+)$", re.IGNORECASE)
#: A suspended first part of a compound: ``perus-,``, ``koulutus-``, ``учебно-``.
_SUSPENDED = re.compile(rf"^(\w+)[{_HYPHENS}],?$")


def clean(text: str) -> str:
    """The query as meant: soft hyphens removed, a word broken by a hyphen at a line end
    joined (``oppisopimus- koulutuksessa`` -> ``oppisopimuskoulutuksessa``; kept before a
    conjunction: ``lisä- ja täydennyskoulutus``; kept between two equal vowels, as
    Finnish writes them: ``verkko- oppiminen`` -> ``verkko-oppiminen``), white space
    made single; a web address joined by a hyphen read as the name before its top-level
    domain (``opintopolku.fi-palvelussa`` -> ``opintopolku-palvelussa``)."""
    text = text.replace(_SOFT_HYPHEN, "")
    if "." in text:
        text = _WEB_ADDRESS.sub(r"\1", text)
    if "(" in text:
        text = _spelt_out(text)
    if any(h in text for h in _HYPHENS):
        text = _BROKEN_AT_NEWLINE.sub(_join, text)
        text = _BROKEN.sub(_join, text)
    return " ".join(text.split())


def _spelt_out(text: str) -> str:
    """``text`` without each parenthesis that holds the initials of the words just before
    it: ``vocational education and training (VET)``, ``non-formal and informal learning
    (NFIL)``, ``среднее профессиональное образование (СПО)``. The abbreviation says the
    same as those words: it is no word of the phrase. Each stretch of text is read once,
    so a long text costs time in proportion to its length."""
    out: list[str] = []
    last = 0
    for found in _PARENTHESIS.finditer(text):
        before = text[last : found.start()]
        out.append(before)
        if not (before.strip() and _initials(before, found.group(1))):
            out.append(found.group(0))
        last = found.end()
    out.append(text[last:])
    return "".join(out)


def _initials(before: str, letters: str) -> bool:
    """Whether ``letters`` are the initials, in order, of the last words (and parts of
    hyphenated words) of ``before``; a short word (``and``, ``of``, ``и``) may be
    passed over. At least two words give a letter. Only the end of ``before`` is read."""
    parts = _WORD_PARTS.split(before[-_READ_BACK:].strip())
    wanted = list(letters.casefold())
    given = 0
    for part in reversed(parts):
        if not wanted:
            break
        if not part:
            continue
        if part[0].casefold() == wanted[-1]:
            wanted.pop()
            given += 1
        elif len(part) > 3:
            return False
    return not wanted and given >= 2


def _join(found: re.Match[str]) -> str:
    left, right = found.group(1), found.group(2)
    same_vowel = left.lower() == right.lower() and left.lower() in _VOWELS
    return f"{left}-{right}" if same_vowel else left + right


def abbreviation_readings(word: str) -> tuple[str, ...]:
    """Folded abbreviations that ``word`` (as typed) may be a Finnish case form of:
    ``HOKSin``, ``HOKS:n``, ``hoks:iin`` -> ``('hoks',)``. Without a colon the
    abbreviation must be written in capitals, so that ordinary words are left alone."""
    russian = _RU_ABBREVIATION.match(word)
    if russian:
        return (fold(russian.group(1)),) if russian.group(2) in _RU_CASES else ()
    found = _ABBREVIATION.match(word) or _COLON_FORM.match(word)
    if not found:
        return ()
    base, ending = found.group(1), found.group(2)
    if not _case_ending(ending.lower()):
        return ()
    return (fold(base),)


def declined_readings(word: str) -> tuple[str, ...]:
    """Folded abbreviations that ``word``, a Russian word in lower case (its first letter
    may be a capital), may be a case form of, for abbreviations that the glossary writes
    as a word and that decline as one: ``вуза`` -> ``('вуз',)``. The lookup takes them
    only for such abbreviations (``вуз``, ``Рособрнадзор``), not for those in capitals."""
    if not _RU_WORD.match(word):
        return ()
    lowered = word.casefold()
    return tuple(
        fold(lowered[: -len(ending)])
        for ending in _RU_CASES
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3
    )


def _case_ending(ending: str) -> bool:
    """Whether ``ending`` is a Finnish case ending of an abbreviation, with or without a
    possessive suffix after it (``iasi``, ``issamme``, ``issaan``; a case ending in
    ``n`` drops it before the suffix: ``in`` + ``si`` = ``isi``)."""
    if ending in _ENDINGS:
        return True
    for suffix in _POSSESSIVES:
        rest = ending[: -len(suffix)]
        if ending.endswith(suffix) and rest and (rest in _ENDINGS or rest + "n" in _ENDINGS):
            return True
    # The third person after a vowel: the vowel doubled and ``n`` (``ssa`` + ``an``).
    return (
        len(ending) >= 3
        and ending[-1] == "n"
        and ending[-2] == ending[-3]
        and ending[-2] in _VOWELS
        and ending[:-2] in _ENDINGS
    )


def function_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The folded function words of ``languages`` (their plug-ins' lists), together."""
    return _plugin_words(languages, "function_words")


@lru_cache(maxsize=16)
def function_phrases(languages: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The fixed phrases of ``languages`` that work as one function word (``в течение``,
    ``in terms of``), as tuples of folded words, the longest first."""
    phrases = {tuple(p.split()) for p in _plugin_words(languages, "function_phrases")}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def _in_phrases(words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> set[int]:
    """The positions of ``words`` inside one of ``phrases`` (each found where it stands)."""
    out: set[int] = set()
    if not phrases:
        return out
    firsts = {p[0] for p in phrases}
    for i, word in enumerate(words):
        if word not in firsts:
            continue
        for phrase in phrases:
            if words[i : i + len(phrase)] == phrase:
                out.update(range(i, i + len(phrase)))
                break
    return out


def frame_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The folded frame words of ``languages`` (``в системе``, ``РФ``): words that frame
    a term without changing what it names."""
    return _plugin_words(languages, "frame_words")


def country_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The folded words of ``languages`` that name the country in a term (``Российской
    Федерации``), which a query may leave out."""
    return _plugin_words(languages, "country_words")


def light_word(word: str, lang: str) -> bool:
    """Whether ``word`` (folded) has the stem of one of the light words of ``lang``."""
    from glossary.languages import get as plugin

    return plugin(lang).stem(word) in _stems(lang, "light_words")


def classifier_word(word: str, lang: str) -> bool:
    """Whether ``word`` (folded) has the stem of one of the classifier words of ``lang``
    (``järjestelmän``: :attr:`~glossary.languages.base.Language.classifier_words`)."""
    from glossary.languages import get as plugin

    return plugin(lang).stem(word) in _stems(lang, "classifier_words")


@lru_cache(maxsize=16)
def _stems(lang: str, kind: str) -> frozenset[str]:
    """The stems of one list of words (``kind``) of the plug-in of ``lang``."""
    from glossary.languages import get as plugin

    language = plugin(lang)
    return frozenset(language.stem(fold(word)) for word in getattr(language, kind))


@lru_cache(maxsize=48)
def _plugin_words(languages: tuple[str, ...], kind: str) -> frozenset[str]:
    """The union of one list of words (``kind``, an attribute of a language plug-in)
    over ``languages``."""
    from glossary.languages import get as plugin

    out: set[str] = set()
    for lang in languages:
        out |= getattr(plugin(lang), kind)
    return frozenset(out)


@dataclass(frozen=True)
class Query:
    """A query, analysed: every tier of lookup reads these instead of folding again."""

    #: As given, and as meant (:func:`clean`).
    raw: str
    text: str
    folded: str
    compact: str
    #: Folded words, and for each whether it is a function word or a single letter.
    words: tuple[str, ...]
    function: tuple[bool, ...]
    #: The Latin skeleton of a Latin query (a possible transliteration of Russian).
    skeleton: str
    cyrillic: bool
    #: Folded abbreviations that some word is a Finnish case form of (``HOKS:n``).
    abbreviations: tuple[str, ...] = ()
    #: Folded abbreviations written as a word that a one-word Russian query may be a
    #: case form of (``вуза`` -> ``вуз``; :func:`declined_readings`).
    declined: tuple[str, ...] = ()
    #: The same by the position of the word in :attr:`words` (its ending, if written
    #: after a colon, counts as a function word).
    abbreviation_at: tuple[tuple[int, str], ...] = ()
    #: Whether the query is written in capitals (``ВО``, ``HOKS``): an abbreviation as
    #: written, even when its letters spell a function word.
    capitals: bool = False
    #: Coordinations with a hyphen ellipsis (``perus-, ammatti- tai
    #: erikoisammattitutkinto``): the positions in :attr:`words` of the suspended first
    #: parts, and of the word whose last part they share.
    ellipses: tuple[tuple[tuple[int, ...], int], ...] = ()
    #: A coordination whose conjuncts may share the last word (``formal and non-formal
    #: learning``, ``среднее профессиональное и (или) высшее образование``): the
    #: positions in :attr:`words` of its conjunctions, first and end (exclusive).
    coordination: tuple[int, int] | None = None
    languages: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def content_positions(self) -> frozenset[int]:
        return frozenset(i for i, f in enumerate(self.function) if not f)

    @cached_property
    def function_positions(self) -> frozenset[int]:
        return frozenset(i for i, f in enumerate(self.function) if f)

    @cached_property
    def light_positions(self) -> frozenset[int]:
        """Positions of content words that are modifiers of evaluation or time (``uudet``,
        ``renewed``, ``востребованные``): their stem is the stem of one of a language
        plug-in's :attr:`~glossary.languages.base.Language.light_words`."""
        return frozenset(
            i
            for i in self.content_positions
            if any(light_word(self.words[i], lang) for lang in self.languages)
        )

    @property
    def content(self) -> tuple[str, ...]:
        """The words that are not function words or single letters."""
        return tuple(w for w, f in zip(self.words, self.function, strict=True) if not f)

    @property
    def only_function_words(self) -> bool:
        """``в``, ``по``, ``ja``, ``of the``: nothing here names a concept."""
        return bool(self.words) and all(self.function) and not self.capitals

    @cached_property
    def layouts(self) -> tuple[str, ...]:
        """What the text reads as on the other keyboard layouts (computed when asked)."""
        from glossary.search.layouts import readings

        return readings(self.text)


def analyse(text: str, languages: Iterable[str] = ()) -> Query:
    """The analysis of ``text`` for a glossary in ``languages``."""
    languages = tuple(languages)
    cleaned = clean(text)
    folded = fold(cleaned)
    words = tuple(folded.split())
    small = function_words(languages)
    cyrillic = is_cyrillic(cleaned)
    abbreviations: list[str] = []
    at: list[tuple[int, str]] = []
    endings: set[int] = set()
    position = 0
    for raw_word in cleaned.split():
        parts = len(fold(raw_word).split())
        for reading in abbreviation_readings(raw_word.strip(".,;()[]«»\"'")):
            if reading not in abbreviations:
                abbreviations.append(reading)
            if parts:
                # ``HOKS:n`` folds to ``hoks n``: the ending is no word of its own.
                at.append((position, reading))
                endings.update(range(position + 1, position + parts))
        position += parts
    if position != len(words):  # pragma: no cover - fold splits words alike either way
        at, endings = [], set()
    fixed = _in_phrases(words, function_phrases(languages))
    function = tuple(
        len(w) <= 1
        or w in small
        or i in endings
        or i in fixed
        or (not cyrillic and len(w) <= _SHORT and skeleton(w) in small)
        for i, w in enumerate(words)
    )
    tokens = cleaned.split()
    declined = declined_readings(tokens[0].strip(".,;()[]«»\"'")) if len(tokens) == 1 else ()
    ellipses = suspended(tokens, words)
    letters = [ch for ch in cleaned if ch.isalpha()]
    capitals = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    return Query(
        raw=text,
        text=cleaned,
        folded=folded,
        compact=compact(cleaned),
        words=words,
        function=function,
        skeleton="" if cyrillic else skeleton(cleaned),
        cyrillic=cyrillic,
        abbreviations=tuple(abbreviations),
        abbreviation_at=tuple(at),
        declined=declined,
        capitals=capitals,
        ellipses=ellipses,
        coordination=None if ellipses else coordinated(words),
        languages=languages,
    )


def coordinated(words: tuple[str, ...]) -> tuple[int, int] | None:
    """The one run of conjunctions in ``words`` (folded) that joins a first conjunct of
    one to three words to a second of at least two, whose last word the first may share
    (``formal and non-formal learning``); ``None`` when there is none or more than one."""
    runs = [i for i, w in enumerate(words) if w in CONJUNCTIONS]
    if not runs or runs[-1] - runs[0] + 1 != len(runs):
        return None
    first, end = runs[0], runs[-1] + 1
    if not 1 <= first <= 3 or len(words) - end < 2:
        return None
    return first, end


def suspended(tokens: list[str], words: tuple[str, ...]) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Coordinations with a hyphen ellipsis among ``tokens`` (the cleaned text split at
    spaces; ``words`` its folded words): one or more first parts written with a hyphen
    (``perus-,`` ``ammatti-``), a conjunction, and the word whose last part each of them
    shares (``tai erikoisammattitutkinto``; ``koulutus- tai oppisopimuksella``;
    ``учебно- и научно-производственных``). Returns, for each, the positions in
    ``words`` of the first parts and of that word."""
    places: list[int] = []  # the position in ``words`` of each token's first word
    position = 0
    for token in tokens:
        places.append(position)
        position += len(fold(token).split())
    if position != len(words):  # pragma: no cover - fold splits words alike either way
        return ()
    found: list[tuple[tuple[int, ...], int]] = []
    parts: list[int] = []
    conjunction = False
    for at, token in enumerate(tokens):
        if _SUSPENDED.match(token):
            parts.append(places[at])
            conjunction = False
        elif parts and fold(token) in CONJUNCTIONS:
            conjunction = True
        elif parts and conjunction and len(fold(token).split()) == 1:
            found.append((tuple(parts), places[at]))
            parts, conjunction = [], False
        else:
            parts, conjunction = [], False
    return tuple(found)
