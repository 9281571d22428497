"""The words of the site's search interface, for ``assets/search.js``.

The messages are gettext messages like the templates' (extracted by ``pybabel extract``
through the ``N_`` marks below); each interface language gets them, with the names of
the glossary's languages, subjects and statuses, as ``assets/search-ui.<ui>.js``, a
script that sets ``window.GLOSSARY_UI`` (a script rather than JSON so that it loads from
``file://``). ``{count}`` and ``{query}`` are filled in by the script.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

__all__ = ["MESSAGES", "TERM_STATUSES", "search_ui_js"]


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


def search_ui_js(words: Mapping[str, object]) -> str:
    data = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "<\/" is "</" in a JavaScript string: the text stays inert even if inlined in a page.
    data = data.replace("</", "<\\/")
    return f"window.GLOSSARY_UI = {data};\n"
