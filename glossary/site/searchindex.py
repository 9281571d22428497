"""The web glossary's search index: the lookup keys of the command line, for JavaScript.

The keys are those of :mod:`glossary.search.keys`; ``assets/search.js`` implements
``fold``, ``compact`` and ``skeleton`` the same way (a browser test checks they agree on
every term), and the inflected forms come from the same language plug-ins as the command
line's index. The index is a JavaScript file that sets ``window.GLOSSARY_SEARCH``, so that
it loads from ``file://`` as well as from a web server.

Word forms are stored compactly: each form as the number of letters to drop from the end
of its word and the letters to add (``koulutus`` + ``1ksessa`` = ``koulutuksessa``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from glossary.model import Glossary, TermStatus
from glossary.search.keys import fold, light

__all__ = ["search_index"]

_STATUS = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÅА-ЯЁ0-9«\"(])")


def first_sentence(text: str) -> str:
    """The first sentence of a definition: up to the first ``.``, ``!`` or ``?`` that is
    followed by a space and a capital letter (``esim. koulutus`` does not end it)."""
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _encode(word: str, form: str) -> str:
    common = 0
    for a, b in zip(word, form, strict=False):
        if a != b:
            break
        common += 1
    return f"{len(word) - common}{form[common:]}"


def search_index(glossary: Glossary) -> dict[str, object]:
    """The index as plain data (see the module's docstring)."""
    from glossary.languages import get as plugin

    languages = list(glossary.languages)
    lang_index = {lang: i for i, lang in enumerate(languages)}
    concepts: list[list[object]] = []
    terms: list[list[object]] = []
    term_words: list[list[int]] = []
    word_ids: dict[str, int] = {}
    words_by_lang: dict[str, dict[str, str]] = defaultdict(dict)

    for cid, concept in enumerate(glossary.concepts.values()):
        preferred = {}
        definitions = {
            lang: first_sentence(section.definition)
            for lang, section in concept.languages.items()
            if section.definition
        }
        for lang, section in concept.languages.items():
            first = section.preferred or (section.terms[0] if section.terms else None)
            if first is not None:
                preferred[lang] = first.term
            for term in section.terms:
                if lang not in lang_index:
                    lang_index[lang] = len(languages)
                    languages.append(lang)
                folded = fold(term.term).split()
                raw = light(term.term).split()
                ids = []
                for position, word in enumerate(folded):
                    ids.append(word_ids.setdefault(word, len(word_ids)))
                    source = raw[position] if len(raw) == len(folded) else word
                    words_by_lang[lang].setdefault(word, source)
                terms.append([cid, lang_index[lang], term.term, _STATUS[term.status]])
                term_words.append(ids)
        concepts.append(
            [concept.id, preferred, concept.status.value, list(concept.subjects), definitions]
        )

    forms: dict[int, set[str]] = defaultdict(set)
    for lang, folded_to_raw in words_by_lang.items():
        language = plugin(lang)
        folded_of: dict[str, list[str]] = defaultdict(list)
        for folded_word, raw_word in folded_to_raw.items():
            folded_of[raw_word].append(folded_word)
        for raw_word, found in language.forms(folded_of):
            for folded_word in folded_of.get(raw_word, ()):
                forms[word_ids[folded_word]].update(f for f in found if f != folded_word)
        language.release()

    words = [""] * len(word_ids)
    for word, index in word_ids.items():
        words[index] = word
    return {
        "version": 1,
        "languages": languages,
        "concepts": concepts,
        "terms": terms,
        "words": words,
        "termWords": term_words,
        "forms": {
            str(index): " ".join(sorted(_encode(words[index], f) for f in found))
            for index, found in sorted(forms.items())
        },
    }


def search_index_js(glossary: Glossary) -> str:
    data = json.dumps(search_index(glossary), ensure_ascii=False, separators=(",", ":"))
    # "<\/" is "</" in a JavaScript string: the index stays inert even if inlined in a page.
    data = data.replace("</", "<\\/")
    return f"window.GLOSSARY_SEARCH = {data};\n"
