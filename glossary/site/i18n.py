"""The interface's message catalogs: gettext ``.po`` files under ``templates/locale``,
compiled with Babel when the site is built (no compiled ``.mo`` files are kept)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = ["UI_LANGUAGES", "catalog_path", "translations"]

#: The languages of the interface; English is the language of the message ids.
UI_LANGUAGES = ("fi", "ru", "en")


def catalog_path(templates: Path, lang: str) -> Path:
    return templates / "locale" / lang / "LC_MESSAGES" / "messages.po"


def translations(templates: Path, lang: str) -> NullTranslations:
    """The compiled catalog of ``lang`` (English needs none)."""
    path = catalog_path(templates, lang)
    if lang == "en" or not path.is_file():
        return NullTranslations()
    with open(path, "rb") as fp:
        catalog = read_po(fp, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer)
