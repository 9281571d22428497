"""The words of the site's search interface, for ``assets/search.js``.

The messages are gettext messages like the templates' (extracted by ``pybabel extract``
through the ``N_`` marks below); each interface language gets them, with the names of
the glossary's languages, subjects and statuses, as ``assets/search-ui.<ui>.js``, a
script that sets ``window.GLOSSARY_UI`` (a script rather than JSON so that it loads from
``file://``). ``{count}`` and ``{query}`` are filled in by the script.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from glossary.site.context import Choice, SearchPage

if TYPE_CHECKING:
    from glossary.model import GlossaryMeta

__all__ = ["MESSAGES", "TERM_STATUSES", "search_page", "search_ui_js"]


def N_(message: str) -> str:
    """Marks a message for the catalogs; it is translated where it is used."""
    return message


#: The statuses the search page filters by: the terms' and the draft entries'.
TERM_STATUSES = ("preferred", "admitted", "deprecated", "superseded", "draft")

MESSAGES = {
    "countOne": N_("1 concept found."),
    "countMany": N_("%(count)s concepts found."),
    "none": N_("Nothing found for “%(query)s”."),
    "nearest": N_("Not in the glossary; nearest:"),
    "nearestCount": N_("%(count)s nearest terms are shown."),
    "readAs": N_("read as:"),
    "allResults": N_("All results (%(count)s)"),
    "showMore": N_("Show %(count)s more (%(left)s not shown)"),
    "draftEntry": N_("draft entry"),
    "failed": N_("The search could not be loaded."),
}

_PLACEHOLDERS = {"count": "{count}", "query": "{query}", "left": "{left}"}


def search_page(
    base: Mapping[str, Any],
    meta: GlossaryMeta,
    languages: Sequence[str],
    status_labels: Mapping[str, str],
) -> SearchPage:
    """The search page's context, with its filters: languages, subjects and statuses."""
    from glossary.collation import sort_key
    from glossary.templating import language_name

    ui = str(base["ui"])
    subjects = sorted(meta.subjects, key=lambda code: sort_key(meta.subject_label(code, ui), ui))
    return SearchPage(
        **base,
        languages=tuple(Choice(lang, language_name(lang, ui)) for lang in languages),
        subjects=tuple(Choice(code, meta.subject_label(code, ui)) for code in subjects),
        statuses=tuple(Choice(status, status_labels[status]) for status in TERM_STATUSES),
    )


def search_ui(
    gettext: Callable[[str], str],
    languages: Mapping[str, str],
    subjects: Mapping[str, str],
    statuses: Mapping[str, str],
) -> dict[str, object]:
    """The interface's words in one language: the messages, then the names of the
    glossary's languages, subjects and statuses by code."""
    words: dict[str, object] = {
        key: gettext(message) % _PLACEHOLDERS if "%(" in message else gettext(message)
        for key, message in MESSAGES.items()
    }
    words["languages"] = dict(languages)
    words["subjects"] = dict(subjects)
    words["status"] = dict(statuses)
    return words


def search_ui_js(
    gettext: Callable[[str], str],
    meta: GlossaryMeta,
    languages: Sequence[str],
    status_labels: Mapping[str, str],
    ui: str,
) -> bytes:
    """assets/search-ui.<ui>.js: the words of the search interface in ``ui``."""
    from glossary.templating import language_name

    words = search_ui(
        gettext,
        {lang: language_name(lang, ui) for lang in languages},
        {code: meta.subject_label(code, ui) for code in meta.subjects},
        status_labels,
    )
    data = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "<\/" is "</" in a JavaScript string: the text stays inert even if inlined in a page.
    data = data.replace("</", "<\\/")
    return f"window.GLOSSARY_UI = {data};\n".encode()
