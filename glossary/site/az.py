"""The A-to-Z pages: for every content language an index of its initial letters at
``<ui>/az/<lang>.html`` (the address the single A-to-Z page had), and one page per
letter at ``<ui>/az/<lang>/<slug>.html``, each with the letter index on top.

A glossary of 2,000 concepts has some 3,000 terms per language: on one page that is
megabytes of HTML for a phone to lay out; split by initial, a page holds a letter's share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from glossary.site.context import AzPage, Link

if TYPE_CHECKING:
    from collections.abc import Callable

    from glossary.site.context import LetterGroup

__all__ = ["add_az_pages", "letter_slug"]


def letter_slug(letter: str) -> str:
    """The file name of a letter's page: an ASCII letter itself in lower case, ``latin``
    for Latin letters under another script, ``other`` for ``#``, and anything else as
    the hexadecimal code points of its lower case (``ä`` → ``u00e4``), so the
    addresses are plain ASCII and stay the same from build to build."""
    if letter == "A–Z":
        return "latin"
    if letter == "#":
        return "other"
    lower = letter.lower()
    if lower.isascii() and lower.isalnum():
        return lower
    return "-".join(f"u{ord(ch):04x}" for ch in lower)


def add_az_pages(builder: Any, ui: str, lang: str, gettext: Callable[[str], str]) -> None:
    """Add the index page and the letter pages of ``lang`` in interface ``ui``."""
    label = gettext("A to Z")
    index_groups: tuple[LetterGroup, ...] = builder.letters(lang, "../")
    slugs = [letter_slug(group.letter) for group in index_groups]

    def index(prefix: str) -> tuple[Link, ...]:
        return tuple(
            Link(
                text=group.letter,
                href=f"{prefix}{slug}.html",
                lang=lang,
                note=str(len(group.entries)),
            )
            for group, slug in zip(index_groups, slugs, strict=True)
        )

    base = builder.base(ui, f"az/{lang}.html", label, "az")
    builder.page(
        f"{ui}/az/{lang}.html",
        "site/az.html",
        AzPage(**base, lang=lang, index=index(f"{lang}/")),
    )
    groups = builder.letters(lang, "../../")
    for group, slug in zip(groups, slugs, strict=True):
        path = f"az/{lang}/{slug}.html"
        base = builder.base(ui, path, f"{label}: {group.letter}", "az")
        builder.page(
            f"{ui}/{path}",
            "site/az.html",
            AzPage(**base, lang=lang, letters=(group,), index=index("")),
        )
