"""The printed dictionary: ``glossary export pdf --out FILE``.

The glossary is built into a book (:mod:`glossary.pdf.book`): a title page, contents, the
list of abbreviations, a part for each direction between the first two languages
(Finnish–Russian in Finnish order, then Russian–Finnish in Russian order), and an index
for every further language (English) pointing to the entries of both parts by page. The
book goes as JSON into the Typst template ``templates/pdf/dictionary.typ`` and is typeset
by Typst (the ``typst`` package embeds the compiler; no system library is needed).

Page numbers and running heads are passed from one layout to the next until they settle
(:mod:`glossary.pdf.typeset`); bookmarks are Typst's. The fonts are the
DejaVu files of the system, given by folder, embedded as subsets; hyphenation uses
Typst's patterns for each text's ``lang``. The PDF is tagged (PDF/UA-1) or, on request,
PDF/A-2b; it is finished with named destinations for the entries and object streams
(:mod:`glossary.pdf.compact`). The output is byte-reproducible: the only date is the
build date (``SOURCE_DATE_EPOCH`` when set).
"""

from __future__ import annotations

import contextlib
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
from glossary.pdf.book import (
    PAGE_SIZES,
    Book,
    Builder,
    Entry,
    IndexLine,
    SeeEntry,
    book_json,
    catalogs,
)
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
    }
    with tempfile.TemporaryDirectory(prefix="glossary-pdf-") as folder:
        work = Path(folder)
        shutil.copytree(template.parent, work / "pdf")  # the template's root is `work`
        (work / "book.json").write_text(book_json(book), "utf-8")
        memory = _memory(glossary, template, options)
        start = _guess(book)
        recalled, heads = _recall(memory)
        start.update((k, v) for k, v in recalled.items() if k in start)
        if book.concepts <= _IN_PROCESS:
            data, found, heads, warnings = _typeset_here(work, job, start, heads, template)
            joined = [data]
        else:
            joined, found, heads, warnings = _typeset_apart(work, job, start, heads, template, book)
    _remember(memory, {name: int(at[0]) for name, at in found.items()}, heads)
    for warning in warnings:
        if "unknown font family" in warning:
            raise ExportError(f"{template}: {warning}")
    from glossary.pdf.compact import finish

    anchors = [(name, int(p), x, y) for name, (p, x, y) in found.items()]
    return finish(joined, anchors, _languages(book))


#: Up to this many concepts the book is laid out in this process; beyond, each layout
#: has a process of its own, so that no process holds more than one layout (Typst keeps
#: every layout it has made; docs/print.md).
_IN_PROCESS = 1000
#: Layouts tried for the page numbers to settle.
_LAYOUTS = 5

Pages = dict[str, int]
Positions = dict[str, list[float]]
Heads = dict[str, list[str]]


def _typeset_here(
    work: Path, job: dict[str, Any], pages: Pages, heads: Heads, template: Path
) -> tuple[bytes, Positions, Heads, list[str]]:
    """The book laid out in this process until its pages and running heads settle (two
    or three layouts, the later ones redoing only the paragraphs with page numbers and
    the heads), and its PDF."""
    import typst

    from glossary.pdf import typeset

    compiler = typeset.compiler(work, job)
    try:
        settled = typeset.settle(compiler, work, pages, heads, _LAYOUTS)
        if settled is None:
            raise ExportError(f"{template}: the page numbers did not settle in {_LAYOUTS} layouts")
        data, warnings = typeset.export(compiler, job)
    except (typst.TypstError, RuntimeError) as exc:
        error = typeset.error(compiler, exc)
        raise ExportError(_where(template, error["diagnostic"]) + error["message"]) from None
    return data, settled[0], settled[1], warnings


def _typeset_apart(
    work: Path, job: dict[str, Any], pages: Pages, heads: Heads, template: Path, book: Book
) -> tuple[list[bytes], Positions, Heads, list[str]]:
    """The book laid out section by section (:func:`_sections`: the front matter, each
    part, each index), each layout of each section in a process of its own
    (glossary/pdf/typeset.py), in the order of the book: each section begins on the page
    after the last one the section before it has just been found to end on, its own
    pages moved by as many pages as its first page moved, and prints the pages the
    sections before it have just been found at. A round of layouts is repeated until
    each section has written its PDF with the pages it prints as they are, a section
    laid out again only when its first page or a page it prints changed: no process
    holds more than one section's layout. A book built again (the pages of its last
    build kept) has one round. The PDFs of the sections, in the order of the book."""
    sections = _sections(book)
    firsts = [1] + [pages.get(anchor, 1) for _, anchor in sections[1:]]
    folders = [work / f"section-{n}" for n in range(len(sections))]
    needs: list[set[str]] = []  # the anchors whose pages each section prints
    own: list[set[str]] = []  # the anchors each section lays out
    for folder, (only, _) in zip(folders, sections, strict=True):
        folder.mkdir()
        text = book_json(_section_book(book, only))
        (folder / "book.json").write_text(text, "utf-8")
        needs.append({"abbreviations", *_ANCHOR.findall(text)})
        own.append(_own(book, only))
    mine_heads: list[Heads] = [dict(heads) for _ in sections]
    lasts: list[int | None] = [None] * len(sections)
    given: list[tuple[int, Pages] | None] = [None] * len(sections)
    found: Positions = {}
    for _ in range(_LAYOUTS):
        for n, folder in enumerate(folders):
            first = 1 if n == 0 else int(lasts[n - 1] or firsts[n] - 1) + 1
            shift, firsts[n] = first - firsts[n], first
            if shift:
                pages.update((name, pages[name] + shift) for name in own[n] if name in pages)
                mine_heads[n] = {str(int(k) + shift): v for k, v in mine_heads[n].items()}
                lasts[n] = None if lasts[n] is None else int(lasts[n] or 0) + shift
            mine = (first, {name: pages.get(name, 0) for name in needs[n]})
            if given[n] == mine and (folder / "book.pdf").is_file():
                continue  # laid out with the same pages, its heads its own: the same again
            given[n] = mine
            for name in ("book.pdf", "warnings.json"):
                (folder / name).unlink(missing_ok=True)
            section_job = {**job, "only": {**sections[n][0], "first": first}}
            section_job["book"] = str(folder / "book.json")
            (folder / "job.json").write_text(json.dumps(section_job), "utf-8")
            (work / "pages.json").write_text(json.dumps(pages, sort_keys=True), "utf-8")
            written = _heads_from(mine_heads, firsts)
            (work / "heads.json").write_text(json.dumps(written, sort_keys=True), "utf-8")
            _run(work, template, folder)
            positions = json.loads((folder / "positions.json").read_text("utf-8"))
            found.update(positions)
            pages.update((name, int(at[0])) for name, at in positions.items())
            mine_heads[n] = json.loads((folder / "headwords.json").read_text("utf-8"))
            lasts[n] = int(json.loads((folder / "last.json").read_text("utf-8")))
        if all(
            (folder / "book.pdf").is_file()
            and given[n] == (firsts[n], {name: pages.get(name, 0) for name in needs[n]})
            for n, folder in enumerate(folders)
        ):
            break
    else:
        raise ExportError(f"{template}: the page numbers did not settle in {_LAYOUTS} layouts")
    warnings: list[str] = []
    for folder in folders:
        warnings += json.loads((folder / "warnings.json").read_text("utf-8"))
    pdfs = [(folder / "book.pdf").read_bytes() for folder in folders]
    return pdfs, found, _heads_from(mine_heads, firsts), warnings


def _heads_from(mine: list[Heads], firsts: list[int]) -> Heads:
    """The running heads of every section's pages, each from its pages only."""
    heads: Heads = {}
    for n, section in enumerate(mine):
        end = firsts[n + 1] if n + 1 < len(firsts) else None
        heads.update(
            (k, v)
            for k, v in section.items()
            if int(k) >= firsts[n] and (end is None or int(k) < end)
        )
    return heads


def _own(book: Book, only: dict[str, Any]) -> set[str]:
    """The anchors the section ``only`` lays out."""
    names: set[str] = {"abbreviations"} if only["front"] else set()
    for n in only["parts"]:
        part = book.parts[n]
        names.add(part.anchor)
        for group in part.letters:
            names.add(group.anchor)
            names.update(item.anchor for item in group.items)
    for n in only["indexes"]:
        index = book.indexes[n]
        names.add(index.anchor)
        names.update(group.anchor for group in index.letters)
    return names


#: The anchors a section's book names (its entries', their references', the letters').
_ANCHOR = re.compile(r'"(?:anchor|target)":"([^"\\]*)"')


def _section_book(book: Book, only: dict[str, Any]) -> Book:
    """The book as a section needs it: the entries of its parts and the lines of its
    indexes, the letters of the others (for the contents), no more. (Each layout
    process parses the book it is given: the whole book in each would hold the whole
    book's text in each.)"""
    from dataclasses import replace

    return replace(
        book,
        parts=tuple(
            part
            if n in only["parts"]
            else replace(part, letters=tuple(replace(g, items=()) for g in part.letters))
            for n, part in enumerate(book.parts)
        ),
        indexes=tuple(
            index
            if n in only["indexes"]
            else replace(index, letters=tuple(replace(g, lines=()) for g in index.letters))
            for n, index in enumerate(book.indexes)
        ),
    )


def _sections(book: Book) -> list[tuple[dict[str, Any], str]]:
    """The sections a large book is laid out in, each with the anchor of its start: the
    front matter (a few pages, apart so that a part need not be laid out again when only
    the pages its contents print move), then each part and each index."""
    sections: list[tuple[dict[str, Any], str]] = [
        ({"front": True, "parts": [], "indexes": []}, "abbreviations")
    ]
    for n, part in enumerate(book.parts):
        sections.append(({"front": False, "parts": [n], "indexes": []}, part.anchor))
    for n, index in enumerate(book.indexes):
        sections.append(({"front": False, "parts": [], "indexes": [n]}, index.anchor))
    return sections


def _guess(book: Book) -> Pages:
    """Where each anchor may be: the pages its part fills up to it, from the characters
    printed before it (:func:`_size`) and the characters a page holds, measured on the
    bundled glossary and on 10,000 generated concepts. The guess changes no page printed,
    only how soon they settle: with every page number of the right width, the first
    layout breaks its lines where the last will, and the second finds the pages the
    first found (the bundled glossary: 1,316 of its 1,967 anchors guessed right and 6 of
    another width, where pages spread evenly over the book gave 188 and 73; 10,000
    generated concepts, against the pages of their third layout: 6,751 of 60,057 right
    and 71 of another width, where the even spread gave 66 and 5,077)."""
    from glossary.search.keys import CYRILLIC_LANGUAGES

    scale = _PAGE_CHARS.get(book.page_size.upper(), _PAGE_CHARS["A4"])
    pages: Pages = {"abbreviations": 3}
    page = 4.0
    for n, part in enumerate(book.parts):
        page = page if n == 0 else float(int(page) + 1)  # a part begins a page
        pages[part.anchor] = int(page)
        per_page = scale * (_CYRILLIC if part.source.split("-")[0] in CYRILLIC_LANGUAGES else 1.0)
        for group in part.letters:
            pages[group.anchor] = int(page)
            page += _LETTER / per_page
            for item in group.items:
                pages[item.anchor] = int(page)
                page += _size(item) / per_page
    for index in book.indexes:
        page = float(int(page) + 1)
        pages[index.anchor] = int(page)
        for letter in index.letters:
            pages[letter.anchor] = int(page)
            page += (_LETTER + sum(_size(line) for line in letter.lines)) / (scale * _INDEX)
    return pages


#: Characters a page of a part holds (as :func:`_size` counts them), by page size, as
#: the bundled glossary fills them (A5: 927 of its 1,967 anchors guessed right, 1 of
#: another width).
_PAGE_CHARS = {"A4": 7450.0, "A5": 5250.0}
#: A page of the index holds fewer (short lines), one of a Russian part fewer too (wider
#: letters).
_INDEX = 5900 / 7450
_CYRILLIC = 0.93
#: A letter's heading, as characters.
_LETTER = 120


def _size(item: Entry | SeeEntry | IndexLine) -> int:
    """About how many characters ``item`` takes on the page, each block counted as
    a line's worth more (what a line leaves blank after its last word)."""
    if isinstance(item, SeeEntry):
        return len(item.headword.text) + len(item.target.text) + 60
    if isinstance(item, IndexLine):
        return len(item.term.text) + sum(len(ref.text) + 6 for ref in item.refs) + 30
    size = len(item.headword.text) + sum(len(s.text) + 8 for s in item.synonyms) + 60
    for equivalents in item.equivalents:
        size += sum(len(t.text) + 8 for t in equivalents.terms) + 40
    for text in (item.definition, item.context, item.note):
        size += len(text) + 30 if text else 0
    size += sum(len(ref.text) + 6 for ref in item.related) + (30 if item.related else 0)
    return size + sum(len(typed.ref.text) + 40 for typed in item.typed)


# -- the pages of the last build ----------------------------------------------------------------
#
# The first layout prints page numbers where the entries are guessed to be; the next
# ones print where the layout before put them, until they agree (glossary/pdf/typeset.py).
# The pages of the last build of the same book (same glossary, template and options)
# are a far better guess than any estimate: a book built again unchanged needs one
# layout, a book with a few entries changed nearly so. They are kept in the user's cache
# folder (glossary/cache.py), never change what is printed, only how soon it settles,
# and GLOSSARY_NO_CACHE=1 turns them off.


def _memory(glossary: Glossary, template: Path, options: Mapping[str, Any]) -> Path | None:
    from glossary import cache

    if not cache.enabled():
        return None
    key = [
        glossary.meta.id,
        str(template.resolve()),
        options.get("page_size") or "A4",
        sorted(options.get("subjects") or ()),
        str(options.get("concepts") or ""),
    ]
    return cache.cache_dir() / "pdf" / f"{cache.digest(json.dumps(key).encode('utf-8'))}.json"


def _recall(memory: Path | None) -> tuple[Pages, Heads]:
    """The pages and running heads of the last build; what is not well formed is left
    out (and guessed)."""
    if memory is None:
        return {}, {}
    try:
        found = json.loads(memory.read_bytes())
    except (OSError, ValueError):  # none yet, or damaged: guess
        return {}, {}
    if not isinstance(found, dict):
        return {}, {}
    pages, heads = found.get("pages"), found.get("heads")
    pages = pages if isinstance(pages, dict) else {}
    heads = heads if isinstance(heads, dict) else {}
    return (
        {k: v for k, v in pages.items() if isinstance(k, str) and type(v) is int and v > 0},
        {
            k: v
            for k, v in heads.items()
            if k.isdigit()
            and isinstance(v, list)
            and len(v) == 2
            and all(isinstance(t, str) for t in v)
        },
    )


def _remember(memory: Path | None, pages: Pages, heads: Heads) -> None:
    if memory is None:
        return
    from glossary.util import atomic_write

    record = json.dumps({"heads": heads, "pages": pages}, sort_keys=True).encode("utf-8")
    with contextlib.suppress(OSError):  # a read-only home: guess next time
        atomic_write(memory, record, overwrite=True)


def _languages(book: Book) -> dict[str, str]:
    """The language of each anchor's entry or heading: a link to it says "page N" in
    that language (the language of the link's text)."""
    langs = {"abbreviations": book.lang}
    for part in book.parts:
        langs[part.anchor] = book.lang
        for group in part.letters:
            langs[group.anchor] = part.source
            langs.update((item.anchor, part.source) for item in group.items)
    for index in book.indexes:
        langs[index.anchor] = book.lang
        langs.update((group.anchor, index.lang) for group in index.letters)
    return langs


def _run(work: Path, template: Path, section: Path) -> None:
    """glossary/pdf/typeset.py in a process of its own, for the section of the book in
    ``section``."""
    script = Path(__file__).with_name("typeset.py")
    for name in ("positions.json", "headwords.json", "last.json", "error.json"):
        (section / name).unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, str(script), str(work), str(section)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    error = section / "error.json"
    if error.is_file():
        found = json.loads(error.read_text("utf-8"))
        raise ExportError(_where(template, found["diagnostic"]) + found["message"])
    if done.returncode != 0 or not (section / "positions.json").is_file():
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise ExportError(f"{template}: Typst stopped: {last}")
