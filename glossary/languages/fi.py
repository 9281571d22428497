"""Finnish: inflected forms of the glossary's words from simplemma's Finnish dictionary,
compounds inflected through their last part, Snowball stems, and Voikko when installed.

simplemma maps 3.5 million Finnish word forms to their lemmas; loading it takes a few
seconds, so it is read only when the index is built for words not seen before, and the
forms found are kept in the cache folder (``fi-forms.pickle``). With the Voikko analyser
installed (Debian ``libvoikko1 voikko-fi`` and ``pip install libvoikko``), query words are
also analysed when the query is answered, which adds the forms simplemma does not know.
"""

from __future__ import annotations

import contextlib
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from glossary.languages.base import Language
from glossary.search.keys import fold

__all__ = ["Finnish"]

#: Shortest last part of a compound that is inflected on its own (``-tuki``, ``-haku``).
MIN_TAIL = 3
_FORMAT = 5


#: Determiners that say which or how many without naming anything (``muissa
#: oppimisympäristöissä``, ``erilaisissa oppimisympäristöissä``, ``kaikille
#: opiskelijoille``), in their case forms: function words like ``eri`` and ``koko``.
_DETERMINERS = tuple(
    """
    muu muun muuta muussa muusta muuhun muulla muulta muulle muuna muuksi
    muut muiden muitten muita muissa muista muihin muilla muilta muille muina
    kaikki kaiken kaikkea kaikessa kaikesta kaikkeen kaikella kaikelta kaikelle
    kaikkien kaikkia kaikissa kaikista kaikkiin kaikilla kaikilta kaikille
    jokainen jokaisen jokaista jokaisessa jokaisesta jokaiseen jokaisella jokaiselta
    jokaiselle
    erilainen erilaiset erilaisten erilaisia erilaisissa erilaisista erilaisiin
    erilaisilla erilaisilta erilaisille erilaisina
    """.split()  # noqa: SIM905 - one paragraph per word: muu, kaikki, jokainen, erilainen
)


#: Adverbs and postpositions that are case forms of nouns or adjectives of terms
#: (``lisäksi`` of ``lisä``, ``perusteella`` of ``peruste``, ``asti`` read as ``aste``):
#: "in addition", "on the basis of", "until" name no concept.
_ADVERBS = tuple(
    """
    lisäksi perusteella aikana avulla kautta mukaan mukaisesti yhteydessä jälkeen
    ennen sijaan takia vuoksi puolesta varten kanssa välillä ohella myötä lähtien
    asti saakka aluksi lopuksi erityisesti esimerkiksi yleensä lähinnä nykyään
    """.split()  # noqa: SIM905 - one paragraph per group
)
#: The relative pronoun in every case (``joka``, ``jonka`` and ``jotka`` above), and
#: conjunctions that name nothing (``jotta``, ``koska``): never a term on their own.
_RELATIVES = tuple(
    """
    jota jossa josta johon jolla jolta jolle jona joksi
    joiden joita joissa joista joihin joilla joilta joille joina joiksi
    jotta koska mikä mitä missä mistä mihin
    """.split()  # noqa: SIM905 - one paragraph per group
)


class Finnish(Language):
    code = "fi"
    snowball = "finnish"
    compounds = True
    head_last = True
    #: ``Opintopolku-järjestelmän``, ``opintopolku.fi-palvelussa``: the system, the
    #: service, the portal or site that the name before the hyphen is.
    classifier_words = frozenset(("järjestelmä", "palvelu", "verkkopalvelu", "portaali", "sivusto"))
    light_words = frozenset(
        fold(word)
        for word in """
        uusi uudet uusia uudistettu uudistetut uudistuva uudistuvat nykyinen
        nykyaikainen ajankohtainen ensimmäinen toinen toisen kolmas kolmannen
        """.split()  # noqa: SIM905
    )
    function_words = frozenset(
        fold(word)
        for word in [
            "ja",
            "tai",
            "sekä",
            "eli",
            "että",
            "on",
            "ei",
            "ovat",
            "oli",
            "kuin",
            "myös",
            "mutta",
            "vaan",
            "kun",
            "jos",
            "niin",
            "se",
            "ne",
            "tämä",
            "nämä",
            "jonka",
            "joka",
            "jotka",
            *_RELATIVES,
            "sen",
            "yms.",
            "ym.",
            "mm.",
            "eri",
            "koko",
            *_DETERMINERS,
            *_ADVERBS,
        ]
    )

    def forms(self, words: Iterable[str]) -> Iterator[tuple[str, set[str]]]:
        wanted = {w for w in words if w}
        known, unknown = _load_cache()
        missing = wanted - known.keys() - unknown
        if missing:
            for word, listed in _from_dictionary(missing).items():
                if listed:
                    known[word] = listed
                else:
                    unknown.add(word)
            _save_cache(known, unknown)
        for word in wanted:
            if _PARTICIPLE.search(word):
                # The dictionary lists a participle used as a noun (suorittanut) among
                # the forms of its verb: the verb's forms (suoritetaan) are not its own.
                found = {fold(f) for f in participle_forms(word)}
            else:
                found = {fold(f) for f in known.get(word, ())}
                found.update(fold(f) for f in regular_forms(word))
            found.add(fold(word))
            yield word, found

    def stem(self, word: str) -> str:
        """Snowball's stem, made to agree on the stem alternations it misses: nouns in
        -us/-ys (koulutus, koulutuksen -> koulutuks) and adjectives in -nen
        (ammatillinen, ammatillisessa -> ammatillis)."""
        head, _, last = word.rpartition("-")
        prefix = f"{head}-" if head else ""
        if len(last) > 5 and last.endswith("nen"):
            return prefix + last[:-3] + "s"
        if (
            len(last) > 4
            and last[-2:] in ("us", "ys", "os", "ös", "as", "äs")
            and last[-3] not in "aeiouyäö"
        ):
            return prefix + last[:-1] + "ks"
        return super().stem(word)

    def release(self) -> None:
        _dictionary.cache_clear()
        _lemmas.cache_clear()

    def lemmas(self, word: str) -> set[str]:
        voikko = _voikko()
        if voikko is None:
            return set()
        return {fold(a["BASEFORM"]) for a in voikko.analyze(word) if a.get("BASEFORM")}

    def readings(self, word: str) -> tuple[str, ...]:
        """The word without a possessive suffix: ``ammattitaidoltaan`` -> ``ammattitaidolta``
        (a case ending's vowel lengthened: -Vn), ``kehittamisensa`` -> ``kehittamisen``
        (-nsa/-nsä after a genitive), ``opintojensa`` -> ``opintojen``."""
        out: list[str] = []
        if len(word) > 5 and word[-1] == "n" and word[-2] == word[-3] and word[-2] in _VOWELS:
            out.append(word[:-2])
        if len(word) > 6 and word.endswith(("nsa", "nsä")):
            out.append(word[:-2])
        if len(word) > 6 and word.endswith(("mme", "nne")):
            out.append(word[:-3])
        # Adjectives in -ton/-tön and participles in -nut/-nyt, whose forms the
        # dictionary often lacks: johtamattoman -> johtamaton, valmistuneille -> valmistunut.
        if found := _TON.search(word):
            out.append(word[: found.start()] + "ton")
        # The vowel before -ne- is the verb's (suoritta|neet, valmistu|neille); the
        # ending's follows vowel harmony, which a folded word (ä as a) no longer shows.
        if found := _NUT.search(word):
            out.extend(word[: found.start()] + ending for ending in ("nut", "nyt"))
        return tuple(out)

    def describe(self) -> str:
        extra = ", Voikko at query time" if _voikko() is not None else ""
        return f"fi: simplemma word forms (compounds by their last part), Snowball (finnish){extra}"


#: Consonant gradation, strong grade -> weak grade, longest first.
_GRADATION = (
    ("kk", "k"),
    ("pp", "p"),
    ("tt", "t"),
    ("nk", "ng"),
    ("mp", "mm"),
    ("lt", "ll"),
    ("nt", "nn"),
    ("rt", "rr"),
    ("k", ""),
    ("p", "v"),
    ("t", "d"),
)
_VOWELS = "aeiouyäö"
_TON = re.compile(r"ttom(?:a|i)\w*$")
_NUT = re.compile(r"(?<=\w{3}[aeiouyäö])ne(?:ide|itte|i|e)\w*$")
#: A participle in -nut/-nyt (valmistunut, suorittanut, kehittynyt, tullut, mennyt).
_PARTICIPLE = re.compile(r"(?<=\w{3})(?:(?<=[aeiouyäö])n|ll|rr|ss|nn)[uy]t$")


def participle_forms(word: str) -> set[str]:
    """Case forms of a participle in -nut/-nyt used as a noun or adjective (Kotus type 47,
    kuollut): suorittanut, suorittaneen, suorittanutta, suorittaneet, suorittaneille."""
    if not _PARTICIPLE.search(word):
        return set()
    base = word[:-2]  # suorittan
    a = "a" if word[-2] == "u" else "ä"
    endings = (
        *("een", f"eess{a}", f"eest{a}", "eeseen", f"eell{a}", f"eelt{a}", "eelle"),
        *(f"een{a}", "eeksi", f"eett{a}", f"{word[-2]}tt{a}"),
        *("eet", "eiden", "eitten", f"eit{a}", f"eiss{a}", f"eist{a}", "eisiin"),
        *(f"eill{a}", f"eilt{a}", "eille", f"ein{a}", "eiksi", "ein", "eine"),
    )
    return {word, *(base + ending for ending in endings)}


#: Case endings after the stem of a word in -nen (ammatillise-, ammatillis-) or -ton
#: (johtamattoma-, johtamaton-), with ``A`` for a or ä by vowel harmony.
_NEN_ENDINGS = (
    ("se", ("n", "ssA", "stA", "en", "llA", "ltA", "lle", "ksi", "nA", "t")),
    ("s", ("tA", "ten")),
    ("si", ("A", "en", "ssA", "stA", "in", "llA", "ltA", "lle", "ksi", "nA", "ne")),
)
_TON_ENDINGS = (
    ("ttoma", ("n", "ssA", "stA", "An", "llA", "ltA", "lle", "ksi", "nA", "t")),
    ("ttomi", ("A", "en", "ssA", "stA", "in", "llA", "ltA", "lle", "ksi", "nA")),
    ("ton", ("tA",)),
)


def regular_forms(word: str) -> set[str]:
    """Case forms built by rule, which complete the dictionary (it gives an ambiguous
    form to one lemma only, and lacks many): of a noun or adjective ending in -o, -ö, -u
    or -y, with consonant gradation (tutkinto: tutkinnon, tutkinnoissa, tutkintoja); of
    one in -nen (ammatillinen: ammatillista, ammatillisessa, ammatillisia); and of an
    adjective in -ton/-tön (johtamaton: johtamatonta, johtamattomassa)."""
    if len(word) >= 6 and word.endswith("nen") and "-" not in word[-5:]:
        return _inflect(word, word[:-3], _NEN_ENDINGS)
    if len(word) >= 6 and word[-3:] in ("ton", "tön") and word[-4] in _VOWELS:
        return _inflect(word, word[:-3], _TON_ENDINGS)
    if len(word) < 4 or word[-1] not in "oöuy" or word[-2] in _VOWELS or "-" in word[-4:]:
        return set()
    strong = word
    weak = word
    stem, vowel = word[:-1], word[-1]
    for grade, lenited in _GRADATION:
        if stem.endswith(grade) and (len(grade) == 2 or stem[-2:-1] in _VOWELS + "lnr"):
            weak = stem[: len(stem) - len(grade)] + lenited + vowel
            break
    back = any(c in "aou" for c in word[-6:])
    a = "a" if back else "ä"
    forms = {
        weak + "n",
        weak + "ss" + a,
        weak + "st" + a,
        weak + "ll" + a,
        weak + "lt" + a,
        weak + "lle",
        weak + "ksi",
        weak + "tt" + a,
        weak + "t",
        strong + a,
        strong + vowel + "n",
        strong + "n" + a,
        weak + "iss" + a,
        weak + "ist" + a,
        weak + "ill" + a,
        weak + "ilt" + a,
        weak + "ille",
        weak + "iksi",
        weak + "in",
        strong + "j" + a,
        strong + "jen",
        strong + "ihin",
        strong + "in" + a,
        strong + "ine",
    }
    return forms


def _inflect(word: str, stem: str, endings: tuple[tuple[str, tuple[str, ...]], ...]) -> set[str]:
    last = next((c for c in reversed(word) if c in "aouäöy"), "ä")
    back = last in "aou"
    a = "a" if back else "ä"
    if not back:
        endings = tuple((part.replace("a", "ä").replace("o", "ö"), tail) for part, tail in endings)
    return {stem + part + ending.replace("A", a) for part, tails in endings for ending in tails}


def _from_dictionary(words: set[str]) -> dict[str, list[str]]:
    """Inflected forms of ``words``: their own forms in simplemma's dictionary, and for a
    compound the forms of its longest last part that is a lemma, with the first part kept.
    A word (or last part) that is itself an inflected form, such as a plural term
    (``digitaidot``), takes the forms of its lemma (``digitaito``: ``digitaitojen``)."""
    lemmas = _lemmas()
    lemma_of = _lemma_of()
    base_of: dict[str, str] = {}  # word -> its lemma, for a word that is a form
    tail_of: dict[str, tuple[str, str]] = {}  # word -> (head, tail lemma)
    for word in words:
        key = word.encode()
        if key not in lemmas and key in lemma_of:
            base_of[word] = lemma_of[key].decode()
        for cut in range(1, len(word) - MIN_TAIL + 1):
            ending = word[cut:].encode()
            if ending in lemmas:
                tail_of[word] = (word[:cut], word[cut:])
                break
            if ending in lemma_of and len(word) - cut > MIN_TAIL:
                tail_of[word] = (word[:cut], lemma_of[ending].decode())
                break
    wanted = (
        {w.encode() for w in words}
        | {tail.encode() for _, tail in tail_of.values()}
        | {base.encode() for base in base_of.values()}
    )
    found_bytes: dict[bytes, set[bytes]] = defaultdict(set)
    for form_bytes, lemma_bytes in _raw_items():
        if lemma_bytes in wanted:
            found_bytes[lemma_bytes].add(form_bytes)
    forms = {
        lemma.decode(): {form.decode() for form in listed} for lemma, listed in found_bytes.items()
    }
    out: dict[str, list[str]] = {}
    for word in words:
        found = set(forms.get(word, ()))
        if word in base_of:
            found |= forms.get(base_of[word], set()) | {base_of[word]}
        # Compounds inflect in their last part, which the dictionary often knows better
        # than the compound itself.
        if word in tail_of:
            head, tail = tail_of[word]
            found |= {head + form for form in (*forms.get(tail, ()), tail)}
        out[word] = sorted(found)
    return out


def _lemma_of() -> dict[bytes, bytes]:
    """The dictionary as a form -> lemma mapping over bytes."""
    raw = getattr(_dictionary(), "_dict", None)
    if isinstance(raw, dict):
        return raw
    return dict(_raw_items())


def _raw_items() -> Iterable[tuple[bytes, bytes]]:
    """The dictionary's (form, lemma) pairs as UTF-8 bytes.

    simplemma keeps them as bytes behind a str mapping that decodes each key and looks it
    up again on iteration: scanning the 3.5 million Finnish forms through it takes ten
    seconds, over the bytes a fraction of one. The public mapping is the fallback.
    """
    dictionary = _dictionary()
    raw = getattr(dictionary, "_dict", None)
    if isinstance(raw, dict):
        return raw.items()
    return ((form.encode(), lemma.encode()) for form, lemma in dictionary.items())


@lru_cache(maxsize=1)
def _lemmas() -> frozenset[bytes]:
    return frozenset(lemma for _, lemma in _raw_items())


@lru_cache(maxsize=1)
def _dictionary():  # type: ignore[no-untyped-def]
    """simplemma's Finnish form -> lemma dictionary (a few seconds to load, so once)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary("fi")


def _cache_path() -> Path:
    from glossary.cache import cache_dir

    return cache_dir() / "fi-forms.pickle"


def _load_cache() -> tuple[dict[str, list[str]], set[str]]:
    """Forms found before, and words the dictionary is known not to have."""
    from glossary.cache import enabled

    if not enabled():
        return {}, set()
    try:
        with open(_cache_path(), "rb") as fp:
            version, data, unknown = pickle.load(fp)
        return (dict(data), set(unknown)) if version == _FORMAT else ({}, set())
    except Exception:
        return {}, set()


def _save_cache(data: dict[str, list[str]], unknown: set[str]) -> None:
    from glossary.cache import enabled
    from glossary.util import atomic_write

    if not enabled():
        return
    with contextlib.suppress(OSError):
        atomic_write(_cache_path(), pickle.dumps((_FORMAT, data, unknown)), overwrite=True)


@lru_cache(maxsize=1)
def _voikko():  # type: ignore[no-untyped-def]
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:  # the package or the system library or dictionary is missing
        return None
