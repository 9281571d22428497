"""The printed dictionary: ``glossary export pdf --out FILE``.

The glossary is built into a book (:mod:`glossary.pdf.book`): a title page, contents, the
list of abbreviations, a part for each direction between the first two languages
(Finnish–Russian in Finnish order, then Russian–Finnish in Russian order), and an index
for every further language (English) pointing to the entries of both parts by page. The
book goes as JSON into the Typst template ``templates/pdf/dictionary.typ`` and is typeset
by Typst (the ``typst`` package embeds the compiler; no system library is needed).

Typst resolves page references, running heads and bookmarks itself in the layouts it
iterates until they settle. The fonts (DejaVu) are given by file and embedded as subsets;
hyphenation uses Typst's patterns for each text's ``lang``. The PDF is tagged (PDF/UA-1)
or, on request, PDF/A-2b; it is then recompressed with object streams
(:mod:`glossary.pdf.compact`). The output is byte-reproducible: the only date is the
build date (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from glossary.errors import ExportError
from glossary.model import Glossary
from glossary.pdf.book import PAGE_SIZES, Builder, book_json, catalogs
from glossary.templating import build_date, templates_dir

__all__ = ["PAGE_SIZES", "PDF_STANDARDS", "build_pdf", "find_fonts"]

#: What ``--pdf-standard`` accepts: a tagged PDF for screen readers (the default), or an
#: archival PDF/A-2b.
PDF_STANDARDS = ("ua-1", "a-2b")

# -- fonts ---------------------------------------------------------------------------------

_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    os.path.expanduser("~/.local/share/fonts"),
    os.path.expanduser("~/.fonts"),
)
#: (family, weight, style, file); the first two are required.
_FACES = (
    ("DejaVu Serif", "normal", "normal", "DejaVuSerif.ttf"),
    ("DejaVu Serif", "bold", "normal", "DejaVuSerif-Bold.ttf"),
    ("DejaVu Serif", "normal", "italic", "DejaVuSerif-Italic.ttf"),
    ("DejaVu Serif", "bold", "italic", "DejaVuSerif-BoldItalic.ttf"),
    ("DejaVu Sans", "normal", "normal", "DejaVuSans.ttf"),
    ("DejaVu Sans", "bold", "normal", "DejaVuSans-Bold.ttf"),
)


def find_fonts(dirs: tuple[str, ...] = _FONT_DIRS) -> dict[str, Path]:
    """The DejaVu font files on this machine, by file name."""
    found: dict[str, Path] = {}
    wanted = {face[3] for face in _FACES}
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("DejaVu*.ttf")):
            if path.name in wanted:
                found.setdefault(path.name, path)
    return found


def _font_css(fonts: dict[str, Path]) -> str:
    missing = [face[3] for face in _FACES[:2] if face[3] not in fonts]
    if missing:
        raise ExportError(
            f"the PDF needs the DejaVu fonts ({', '.join(missing)} not found); "
            "on Debian or Ubuntu: sudo apt-get install fonts-dejavu-core fonts-dejavu-extra"
        )
    rules = []
    for family, weight, style, name in _FACES:
        if name in fonts:
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'font-style: {style}; src: url("{fonts[name].as_uri()}"); }}'
            )
    return "\n".join(rules) + "\n"


def _font_files(fonts: dict[str, Path]) -> list[str]:
    missing = [face[3] for face in _FACES[:2] if face[3] not in fonts]
    if missing:
        raise ExportError(
            f"the PDF needs the DejaVu fonts ({', '.join(missing)} not found); "
            "on Debian or Ubuntu: sudo apt-get install fonts-dejavu-core fonts-dejavu-extra"
        )
    return [str(fonts[face[3]]) for face in _FACES if face[3] in fonts]


# -- the whole ------------------------------------------------------------------------------


def _timestamp() -> int:
    """The build date as a Unix time (midnight UTC), the only date the PDF holds."""
    day = build_date()
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _where(template: Path, diagnostic: str) -> str:
    """``path:line:col: `` of the first place a Typst diagnostic points to."""
    found = re.search(r"┌─ (\S+?):(\d+):(\d+)", diagnostic or "")
    if found is None:
        return f"{template}: "
    name = Path(found.group(1)).name
    return f"{template.parent / name}:{found.group(2)}:{found.group(3)}: "


def build_pdf(glossary: Glossary, options: Mapping[str, Any] | None = None) -> bytes:
    """The glossary as a PDF dictionary (see the module's docstring)."""
    options = dict(options or {})
    standard: Literal["ua-1", "a-2b"] = options.get("pdf_standard") or "ua-1"
    if standard not in PDF_STANDARDS:
        raise ExportError(f"PDF standard '{standard}' is not one of {', '.join(PDF_STANDARDS)}")
    try:
        import typst
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ExportError(f"the PDF export needs the typst package ({exc})") from None
    templates = Path(options.get("templates") or templates_dir())
    template = templates / "pdf" / "dictionary.typ"
    if not template.is_file():
        raise ExportError(f"{template}: no such file (the PDF's Typst template)")
    subjects = tuple(options.get("subjects") or ())
    listed = options.get("concepts")
    whole = len(glossary.concepts)
    if subjects or listed:
        from glossary.subset import read_concept_list, select

        ids = read_concept_list(Path(listed), glossary) if listed else ()
        glossary = select(glossary, subjects, ids)
    builder = Builder(glossary, options, catalogs(templates, tuple(glossary.languages[:2])))
    builder.selection(subjects, whole)
    book = builder.book()
    fonts = typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=sorted({str(Path(f).parent) for f in _font_files(find_fonts())}),
    )
    compiler = typst.Compiler(
        template, root=template.parent, font_paths=fonts, ignore_system_fonts=True
    )
    try:
        data, warnings = compiler.compile_with_warnings(
            format="pdf",
            sys_inputs={"book": book_json(book), "standard": standard},
            pdf_standards=[standard],
            timestamp=_timestamp(),
        )
    except typst.TypstError as exc:
        raise ExportError(_where(template, exc.diagnostic) + exc.message) from None
    for warning in warnings:
        # A layout that did not settle could print a wrong page number: not a PDF to ship.
        if "did not converge" in warning.message:
            raise ExportError(f"{template}: {warning.message}")
    assert isinstance(data, bytes)
    from glossary.pdf.compact import finish

    return finish(data, _anchors(compiler))


#: The position of every entry's anchor, read from the layout just made (no new layout).
_ANCHORS = (
    "query(metadata).filter(m => m.value.at(0) != none)"
    ".map(m => (m.value.at(0), m.location().position()))"
)


def _anchors(compiler: Any) -> list[tuple[str, int, float, float]]:
    found = json.loads(compiler.eval(_ANCHORS, format="json"))
    return [
        (
            name,
            int(at["page"]),
            float(at["x"].removesuffix("pt")),
            float(at["y"].removesuffix("pt")),
        )
        for name, at in found
    ]
