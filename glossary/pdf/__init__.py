"""The printed dictionary: ``glossary export pdf --out FILE``.

The glossary is built into a book (:mod:`glossary.pdf.book`): a title page, contents, the
list of abbreviations, a part for each direction between the first two languages
(Finnish–Russian in Finnish order, then Russian–Finnish in Russian order), and an index
for every further language (English) pointing to the entries of both parts by page. The
book goes as JSON into the Typst template ``templates/pdf/dictionary.typ`` and is typeset
by Typst (the ``typst`` package embeds the compiler; no system library is needed).

Page numbers are passed from one layout to the next until they settle
(:mod:`glossary.pdf.typeset`); running heads and bookmarks are Typst's. The fonts are the
DejaVu files of the system, given by folder, embedded as subsets; hyphenation uses
Typst's patterns for each text's ``lang``. The PDF is tagged (PDF/UA-1) or, on request,
PDF/A-2b; it is finished with named destinations for the entries and object streams
(:mod:`glossary.pdf.compact`). The output is byte-reproducible: the only date is the
build date (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from glossary.errors import ExportError
from glossary.model import Glossary
from glossary.pdf.book import PAGE_SIZES, Book, Builder, book_json, catalogs
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
#: The faces the template uses; the first two are required (without the others Typst
#: takes the nearest face it has).
_FACES = (
    "DejaVuSerif.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "DejaVuSerif-BoldItalic.ttf",
    "DejaVuSans.ttf",
    "DejaVuSans-Oblique.ttf",
)


def find_fonts(dirs: tuple[str, ...] = _FONT_DIRS) -> dict[str, Path]:
    """The DejaVu font files on this machine, by file name."""
    found: dict[str, Path] = {}
    wanted = set(_FACES)
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("DejaVu*.ttf")):
            if path.name in wanted:
                found.setdefault(path.name, path)
    return found


def _font_files(fonts: dict[str, Path]) -> list[str]:
    missing = [face for face in _FACES[:2] if face not in fonts]
    if missing:
        raise ExportError(
            f"the PDF needs the DejaVu fonts ({', '.join(missing)} not found); "
            "on Debian or Ubuntu: sudo apt-get install fonts-dejavu-core fonts-dejavu-extra"
        )
    return [str(fonts[face]) for face in _FACES if face in fonts]


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
    job: dict[str, Any] = {
        "template": template.name,
        "fonts": sorted({str(Path(f).parent) for f in _font_files(find_fonts())}),
        "standard": standard,
        "timestamp": _timestamp(),
        "layouts": _LAYOUTS,
    }
    with tempfile.TemporaryDirectory(prefix="glossary-pdf-") as folder:
        work = Path(folder)
        shutil.copytree(template.parent, work / "pdf")  # the template's root is `work`
        (work / "book.json").write_text(book_json(book), "utf-8")
        typeset = _typeset_here if book.concepts <= _IN_PROCESS else _typeset_apart
        data, pages, warnings = typeset(work, job, _guess(book), template)
    for warning in warnings:
        if "unknown font family" in warning:
            raise ExportError(f"{template}: {warning}")
    from glossary.pdf.compact import finish

    return finish(data, [(name, int(p), x, y) for name, (p, x, y) in pages.items()])


#: Up to this many concepts the book is laid out in this process; beyond, the first
#: layout has a process of its own, and the next ones another, so that no process holds
#: more than about one layout (Typst keeps every layout it has made; docs/print.md).
_IN_PROCESS = 400
#: Layouts tried for the page numbers to settle.
_LAYOUTS = 5

Pages = dict[str, list[float]]


def _typeset_here(
    work: Path, job: dict[str, Any], pages: Pages, template: Path
) -> tuple[bytes, Pages, list[str]]:
    """The book laid out in this process until its pages settle (two or three layouts,
    the later ones redoing only the paragraphs with page numbers), and its PDF."""
    import typst

    from glossary.pdf import typeset

    compiler = typeset.compiler(work, job)
    try:
        found = typeset.settle(compiler, work, pages, _LAYOUTS)
        if found is None:
            raise ExportError(f"{template}: the page numbers did not settle in {_LAYOUTS} layouts")
        data, warnings = typeset.export(compiler, job)
    except (typst.TypstError, RuntimeError) as exc:
        error = typeset.error(compiler, exc)
        raise ExportError(_where(template, error["diagnostic"]) + error["message"]) from None
    return data, found, warnings


def _typeset_apart(
    work: Path, job: dict[str, Any], pages: Pages, template: Path
) -> tuple[bytes, Pages, list[str]]:
    """The first layout in a process of its own, then the next ones and the PDF in
    another (glossary/pdf/typeset.py): no process holds two full layouts."""
    for settle in (False, True):
        (work / "job.json").write_text(json.dumps({**job, "settle": settle}), "utf-8")
        (work / "pages.json").write_text(json.dumps(pages, sort_keys=True), "utf-8")
        _run(work, template)
        pages = json.loads((work / "positions.json").read_text("utf-8"))
    if not (work / "book.pdf").is_file():
        raise ExportError(f"{template}: the page numbers did not settle in {_LAYOUTS} layouts")
    warnings: list[str] = json.loads((work / "warnings.json").read_text("utf-8"))
    return (work / "book.pdf").read_bytes(), pages, warnings


def _guess(book: Book) -> Pages:
    """Where each anchor may be: spread over the pages a book of this size fills, so
    that most page numbers of the first layout have as many digits as they will have."""
    anchors = ["abbreviations"]
    for part in book.parts:
        anchors.append(part.anchor)
        for group in part.letters:
            anchors.append(group.anchor)
            anchors.extend(item.anchor for item in group.items)
    for index in book.indexes:
        anchors.append(index.anchor)
        anchors.extend(group.anchor for group in index.letters)
    front, pages = 4, 4 + book.concepts / 4.2  # about four concepts a page, both parts
    return {
        name: [int(front + (pages - front) * n / len(anchors)), 0, 0]
        for n, name in enumerate(anchors)
    }


def _run(work: Path, template: Path) -> None:
    """glossary/pdf/typeset.py in a process of its own."""
    script = Path(__file__).with_name("typeset.py")
    for name in ("positions.json", "error.json"):
        (work / name).unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, str(script), str(work)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    error = work / "error.json"
    if error.is_file():
        found = json.loads(error.read_text("utf-8"))
        raise ExportError(_where(template, found["diagnostic"]) + found["message"])
    if done.returncode != 0 or not (work / "positions.json").is_file():
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise ExportError(f"{template}: Typst stopped: {last}")
