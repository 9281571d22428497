"""One Jinja environment for everything rendered from templates (the site and the PDF).

Templates live in ``templates/`` (shipped inside the package as ``glossary/templates``);
an exporter may be given another folder with its ``templates`` option.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

__all__ = ["build_date", "environment", "templates_dir"]


def templates_dir() -> Path:
    """The shipped templates: inside the installed package, or ``templates/`` of a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    if (installed / "site").is_dir():
        return installed
    return here.parent / "templates"


def build_date() -> dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


@lru_cache(maxsize=64)
def _locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def language_name(code: str, ui: str) -> str:
    """``'ru'`` in Finnish -> ``'venäjä'``; ``'ru-KZ'`` -> ``'venäjä (Kazakstan)'``."""
    locale = _locale(ui)
    primary, _, rest = code.partition("-")
    name = locale.languages.get(primary) or code
    if rest:
        region = rest.split("-")[-1]
        territory = locale.territories.get(region.upper())
        if territory:
            return f"{name} ({territory})"
    return str(name)


def territory_name(tag: str, ui: str) -> str:
    """The region of a tag like ``ru-KZ``, named in the UI language; the tag if none."""
    region = tag.split("-")[-1].upper()
    return str(_locale(ui).territories.get(region, tag))


def format_date(value: dt.date | None, ui: str) -> str:
    if value is None:
        return ""
    from babel.dates import format_date as babel_date

    return str(babel_date(value, format="long", locale=_locale(ui)))


def environment(
    folder: Path | None = None, filters: dict[str, Callable[..., Any]] | None = None
) -> jinja2.Environment:
    """The environment, with the gettext extension and every filter the templates use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder or templates_dir())),
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        {
            "language_name": language_name,
            "territory_name": territory_name,
            "format_date": format_date,
        }
    )
    if filters:
        env.filters.update(filters)
    return env
