"""glossary: multilingual terminology kept as source files.

>>> import glossary
>>> g = glossary.load()                          # the bundled Finnish–Russian glossary
>>> g.concepts["distance-learning"].preferred("ru").term
'дистанционное обучение'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Glossary", "Match", "export", "load", "validate"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from glossary.exporters import export
    from glossary.model import Glossary
    from glossary.search import Match
    from glossary.sources import load
    from glossary.validation import validate

_LAZY = {
    "Glossary": ("glossary.model", "Glossary"),
    "Match": ("glossary.search", "Match"),
    "export": ("glossary.exporters", "export"),
    "load": ("glossary.sources", "load"),
    "validate": ("glossary.validation", "validate"),
}


def _lookup(glossary: Glossary, query: str, *, lang: str | None, limit: int) -> list[Match]:
    """``Glossary.lookup``: the search package, imported on first use."""
    from glossary.search import lookup

    return lookup(glossary, query, lang=lang, limit=limit)


def _install() -> None:
    """Make ``Glossary.lookup`` delegate to the search package (on its first call: the
    model never imports the search, and ``import glossary`` stays cheap)."""
    from glossary import model

    model.install_lookup(_lookup)


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import glossary` stays cheap on the lookup path.
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
