"""The reference of the site's template contexts in docs/site.md.

    python -m glossary.site.reference docs/site.md

rewrites the part of the page between ``<!-- context:start -->`` and
``<!-- context:end -->``; a test checks it is up to date.
"""

from __future__ import annotations

import re
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from glossary.site.context import (
    TEMPLATES,
    AzEntry,
    ChangeView,
    Choice,
    ConceptView,
    Download,
    LetterGroup,
    Link,
    PageContext,
    ReleaseView,
    SectionView,
    SiteView,
    TermView,
)

__all__ = ["reference_markdown", "update"]

START, END = "<!-- context:start -->\n", "<!-- context:end -->"
_VALUES = (
    ConceptView,
    SectionView,
    TermView,
    SiteView,
    LetterGroup,
    AzEntry,
    ReleaseView,
    ChangeView,
    Link,
    Download,
    Choice,
)


def _type_name(kind: Any) -> str:
    return str(kind).replace("tuple[", "").replace(", ...]", "…").replace("| None", "or none")


def reference_markdown() -> str:
    """The reference of every template's context, for docs/site.md."""
    lines: list[str] = []
    own = {f.name for f in fields(PageContext)}
    for kind in (*dict.fromkeys(TEMPLATES.values()), *_VALUES):
        used_by = [name for name, page in TEMPLATES.items() if page is kind]
        title = f"`{kind.__name__}`" + (f" ({', '.join(used_by)})" if used_by else "")
        lines += [f"#### {title}", ""]
        extra = [f for f in fields(kind) if kind is PageContext or f.name not in own]
        if kind is not PageContext and issubclass(kind, PageContext):
            lines += ["Everything of `PageContext`, and:" if extra else "`PageContext` only.", ""]
        if extra:
            lines += ["| name | type | what |", "|---|---|---|"]
            lines += [
                f"| `{f.name}` | {_type_name(f.type)} | {f.metadata['help']} |" for f in extra
            ]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def update(text: str) -> str:
    """``text`` (docs/site.md) with its reference part regenerated."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: START + reference_markdown() + END, text)


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1])
    path.write_text(update(path.read_text(encoding="utf-8")), encoding="utf-8")
