"""The printed dictionary, read back with pypdf and pdfinfo: text, running heads, page
references, column feet, fonts, outline, tags, metadata, reproducibility.

The bundled glossary is typeset once per session (a few seconds); the small glossary of
the site's tests where two builds are compared or options are tried.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, TERMS

import glossary
from glossary.collation import sort_key
from glossary.errors import ExportError

EPOCH = "1795000000"  # 2026-11-18


def _need_fonts() -> None:
    from glossary.pdf import find_fonts

    if not {"DejaVuSerif.ttf", "DejaVuSans-Bold.ttf"} <= set(find_fonts()):
        message = "the DejaVu fonts are missing: sudo apt-get install fonts-dejavu-core"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def build(source: Path | glossary.Glossary, **options) -> bytes:
    from glossary.pdf import build_pdf

    _need_fonts()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        g = source if isinstance(source, glossary.Glossary) else glossary.load(source)
        return build_pdf(g, options)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="session")
def bundled_pdf() -> bytes:
    return build(TERMS)


@pytest.fixture(scope="session")
def bundled_pages(bundled_pdf) -> list[tuple[str, list[tuple[float, float, str]]]]:
    """The text of each page of the bundled book, and its pieces with their positions
    (pypdf reads them slowly: once a session)."""
    return [read_page(page) for page in reader(bundled_pdf).pages]


@pytest.fixture(scope="session")
def apart_pdf() -> bytes:
    """The small glossary laid out as a large book is: section by section, each in a
    process of its own, the sections' PDFs joined."""
    import glossary.pdf

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glossary.pdf, "_IN_PROCESS", 0)
        patch.setenv("GLOSSARY_NO_CACHE", "1")
        return build(DATA / "site")


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    return build(DATA / "site")


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    """Extracted text with line breaks undone (a soft hyphen at a line end removed)."""
    text = re.sub("\u00ad\n", "", text)
    text = re.sub("-\n", "-", text)
    return " ".join(text.split())


def pdfinfo(data: bytes, tmp_path: Path) -> dict[str, str]:
    if shutil.which("pdfinfo") is None:
        message = "pdfinfo is missing: sudo apt-get install poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    path = tmp_path / "book.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, encoding="utf-8", check=True
    )
    # Poppler reads the whole file without a complaint (it reports a `/Suspects false`
    # in the MarkInfo as "Suspects object is wrong type (boolean)", valid as it is).
    assert out.stderr == ""
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    pdf = reader(data)
    found: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline, 0)
    return found


def read_page(page) -> tuple[str, list[tuple[float, float, str]]]:
    """The text of a page, and (x, y, text) of every piece of it, y from the bottom."""
    found: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    text = page.extract_text(visitor_text=visit)
    return text, found


HEAD_ZONE = 56.0  # the top margin (20 mm), in points
FOOT_ZONE = 51.0  # the bottom margin (18 mm)


def running_heads(page, pieces) -> tuple[str, str]:
    """The running heads of a page: the text in the top margin, left and right half."""
    top = float(page.mediabox.height) - HEAD_ZONE
    middle = float(page.mediabox.width) / 2
    parts = sorted((x > middle, -y, x, t) for x, y, t in pieces if y > top)
    left = " ".join(t for right, _, _, t in parts if not right)
    right = " ".join(t for right, _, _, t in parts if right)
    return unhyphen(left), unhyphen(right)


def unhyphen(text: str) -> str:
    """The text with no space after a hyphen inside a word: the PDF may set a hyphenated
    word (``NEET-молодёжь``) as two pieces, which the running heads join with a space,
    so a head and the headword it is compared with are both read this way."""
    return re.sub(r"(?<=\w-) (?=\w)", "", text)


def destinations(pdf) -> dict[str, int]:
    """Named destination -> page number (from 1)."""
    return {
        name: pdf.get_destination_page_number(dest) + 1
        for name, dest in pdf.named_destinations.items()
    }


def sections(data: bytes) -> dict[str, tuple[int, int]]:
    """Top-level bookmark title -> (first page index, index after its last page)."""
    top = [(title, page) for depth, title, page in outline(data) if depth == 0]
    end = len(reader(data).pages)
    return {
        title: (page, top[i + 1][1] if i + 1 < len(top) else end)
        for i, (title, page) in enumerate(top)
    }


DICTIONARY = ("suomi → русский", "русский → suomi", "Hakemisto / Указатель: English")


# -- the bundled glossary ----------------------------------------------------------------


def test_every_preferred_finnish_and_russian_term_is_in_the_text(bundled_pages, bundled):
    text = flat("\n".join(text for text, _ in bundled_pages))
    missing = [
        (concept.id, lang, term.term)
        for concept in bundled.concepts.values()
        for lang in ("fi", "ru")
        if (term := concept.preferred(lang)) is not None and term.term not in text
    ]
    assert missing == []
    assert "\ufffd" not in text


def _headwords(g) -> dict[str, str]:
    """Anchor -> headword of every entry and short entry of both parts, in book order."""
    from glossary.pdf.book import Builder

    builder = Builder(g, {})
    return {
        item.anchor: item.headword.text
        for part in (builder.part("fi", "ru"), builder.part("ru", "fi"))
        for group in part.letters
        for item in group.items
    }


def test_running_heads_name_the_first_and_last_entry_of_every_page(
    bundled_pdf, bundled_pages, bundled
):
    headwords = _headwords(bundled)
    pdf = reader(bundled_pdf)
    pages = destinations(pdf)
    assert set(headwords) <= set(pages)  # every entry is a named destination
    on_page: dict[int, list[str]] = {}
    for anchor in headwords:
        on_page.setdefault(pages[anchor], []).append(anchor)
    spans = sections(bundled_pdf)
    first, end = spans[DICTIONARY[0]][0], spans[DICTIONARY[1]][1]
    previous = None
    checked = 0
    for index in range(first, end):
        anchors = on_page.get(index + 1)
        if anchors:
            expected = (unhyphen(headwords[anchors[0]]), unhyphen(headwords[anchors[-1]]))
            previous = headwords[anchors[-1]]
        else:  # an entry runs over the whole page
            assert previous is not None
            expected = (unhyphen(previous), unhyphen(previous))
        assert running_heads(pdf.pages[index], bundled_pages[index][1]) == expected, index + 1
        checked += 1
    assert checked > 50
    start, stop = spans[DICTIONARY[2]]
    for index in range(start, stop):  # the index: its first and last term of the page
        left, right = running_heads(pdf.pages[index], bundled_pages[index][1])
        assert left and right, index + 1


def test_every_font_is_embedded_and_subset(bundled_pdf):
    pdf = reader(bundled_pdf)
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"]).lstrip("/")] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert all(re.fullmatch(r"[A-Z]{6}\+DejaVu\S+", name) for name in fonts), fonts  # subsets
    assert {name.split("+", 1)[1] for name in fonts} >= {"DejaVuSerif", "DejaVuSans-Bold"}


def test_outline_has_both_parts_in_order_with_their_letters(bundled_pdf):
    marks = outline(bundled_pdf)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    titles = [title for title, _ in top]
    assert titles == [
        "Sisältö / Содержание",
        "Lyhenteet / Условные сокращения",
        *DICTIONARY,
    ]
    assert [page for _, page in top] == sorted(page for _, page in top)
    fi_part = titles.index("suomi → русский")
    letters = []
    for depth, title, _ in marks[marks.index((0, *top[fi_part])) + 1 :]:
        if depth == 0:
            break
        letters.append(title)
    # Headwords that start with no letter (360-asteinen video) are grouped under "#",
    # after the alphabet.
    if "#" in letters:
        assert letters[-1] == "#"
        letters = letters[:-1]
    assert letters == sorted(letters, key=lambda text: sort_key(text, "fi"))
    assert letters[-2:] == ["Y", "Ä"]  # Finnish: … y z å ä ö (no Z, Å or Ö term here)
    ru_start = marks.index((0, *top[fi_part + 1]))
    ru_letters = []
    for depth, title, _ in marks[ru_start + 1 :]:
        if depth == 0:
            break
        ru_letters.append(title)
    assert ru_letters[:-1] == sorted(ru_letters[:-1], key=lambda text: sort_key(text, "ru"))
    assert ru_letters[:3] == ["А", "Б", "В"]
    assert ru_letters[-1] == "A–Z"
    assert "Ё" not in ru_letters
    index_letters = [t for d, t, _ in marks[marks.index((0, *top[-1])) + 1 :]]
    if "#" in index_letters:
        assert index_letters[-1] == "#"
        index_letters = index_letters[:-1]
    assert index_letters[:3] == ["A", "B", "C"]  # the index has letter dividers too
    assert index_letters == sorted(index_letters, key=lambda text: sort_key(text, "en"))


def test_every_link_prints_the_page_it_leads_to(bundled_pdf, bundled_pages):
    """Each "→ headword N" and index reference is a link; N is the page it opens. A link
    is on one line: a reference is never broken, unless longer than the template keeps
    whole (then it breaks at spaces, and its last piece holds the number)."""
    pdf = reader(bundled_pdf)
    number_of = {page.indirect_reference.idnum: n for n, page in enumerate(pdf.pages, start=1)}
    named = destinations(pdf)
    checked = 0
    links = [
        (n, a.get_object())
        for n, page in enumerate(pdf.pages)
        for a in page.get("/Annots", [])
        if a.get_object().get("/Subtype") == "/Link" and "/Dest" in a.get_object()
    ]
    for at, (n, annotation) in enumerate(links):
        pieces = bundled_pages[n][1]
        x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
        if at + 1 < len(links) and links[at + 1][1]["/Dest"] == annotation["/Dest"]:
            # A reference longer than a line (templates/pdf/dictionary.typ, `keep`) may
            # go on in the next line, column or page: its last rectangle has the number.
            continue
        if y1 - y0 > 15:  # a long term over two lines: its rectangle holds others too
            continue
        inside = [(y, t) for x, y, t in pieces if x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 - 3]
        numbers = re.findall(r"\d+", " ".join(t for _, t in inside))
        assert max(y for y, _ in inside) - min(y for y, _ in inside) < 1, inside
        dest = annotation["/Dest"]
        target = named[dest] if isinstance(dest, str) else number_of[dest[0].idnum]
        assert numbers and int(numbers[-1]) == target, (inside, target)
        checked += 1
    assert checked > 1000


def test_every_reference_to_a_headword_prints_the_page_of_its_entry(
    bundled_pdf, bundled_pages, bundled
):
    """Every "→ headword N" and ", headword N" of both parts, against the entries' pages."""
    pages = destinations(reader(bundled_pdf))
    spans = sections(bundled_pdf)
    checked = 0
    for title, (part, lang) in zip(DICTIONARY[:2], (("firu", "fi"), ("rufi", "ru")), strict=True):
        start, stop = spans[title]
        text = flat("\n".join(text for text, _ in bundled_pages[start:stop]))
        for concept in bundled.concepts.values():
            section = concept.languages.get(lang)
            if section is None or not section.terms:
                continue
            headword = re.escape(concept.preferred(lang).term)
            for number in re.findall(rf"(?:→ |, ){headword} (\d+)\b", text):
                assert int(number) == pages[f"{part}-{concept.id}"], (part, concept.id)
                checked += 1
    assert checked > 400


def test_the_contents_give_the_page_of_each_part_and_letter(bundled_pdf, bundled_pages):
    starts = {title: page + 1 for title, (page, _) in sections(bundled_pdf).items()}
    lines = flat(bundled_pages[1][0].split("\n", 1)[1])  # below the heading
    printed = {
        title.strip(): int(page)
        for title, page in re.findall(r"([^.\d]+?)(?: ?\.){3,} ?(\d+)", lines)
    }
    assert printed == {
        title: starts[title] for title in ("Lyhenteet / Условные сокращения", *DICTIONARY)
    }
    marks = outline(bundled_pdf)
    fi_part = marks.index((0, DICTIONARY[0], starts[DICTIONARY[0]] - 1))
    fi_letters: dict[str, int] = {}
    for depth, title, page in marks[fi_part + 1 :]:
        if depth == 0:
            break
        fi_letters[title] = page + 1
    assert f"A {fi_letters['A']}" in lines and f"Ä {fi_letters['Ä']}" in lines


def test_column_feet_are_balanced_on_every_full_page(bundled_pdf, bundled_pages):
    """The two columns of a page end within two lines of each other, except on the last
    page of a part and of the index."""
    pdf = reader(bundled_pdf)
    spans = sections(bundled_pdf)
    checked = 0
    for title in DICTIONARY:
        start, stop = spans[title]
        for index in range(start, stop - 1):
            page = pdf.pages[index]
            middle = float(page.mediabox.width) / 2
            top = float(page.mediabox.height) - HEAD_ZONE
            lines: dict[bool, set[float]] = {False: set(), True: set()}
            for x, y, _ in bundled_pages[index][1]:
                if FOOT_ZONE < y < top:
                    lines[x > middle].add(round(y, 1))
            left, right = sorted(lines[False]), sorted(lines[True])
            pitch = min(b - a for a, b in itertools.pairwise(left) if b - a > 5)
            assert abs(left[0] - right[0]) <= 2 * pitch + 1, (index + 1, left[0], right[0])
            checked += 1
    assert checked > 50


def _lines_of(text: str, pieces: list[tuple[float, float, str]]) -> list[list[str]]:
    """The lines ``text`` is printed on, each time it is printed on a page (it is made of
    consecutive pieces)."""
    found = []
    for i, (_, _, first) in enumerate(pieces):
        if not text.startswith(first):
            continue
        lines: dict[float, str] = {}
        joined = ""
        for _, y, piece in pieces[i:]:
            for candidate in (joined + piece, f"{joined} {piece}"):
                if text.startswith(candidate):
                    joined = candidate
                    key = round(y)
                    lines[key] = f"{lines[key]} {piece}" if key in lines else piece
                    break
            else:
                break
            if joined == text:
                found.append([" ".join(line.split()) for line in lines.values()])
                break
    return found


def test_headwords_are_never_hyphenated(bundled_pdf, bundled_pages, bundled):
    """Each headword is on one line of its page, or, longer than a column can hold, broken
    at spaces only; definitions are hyphenated."""
    pages = destinations(reader(bundled_pdf))
    wrong = []
    for anchor, headword in _headwords(bundled).items():
        printed = _lines_of(headword, bundled_pages[pages[anchor] - 1][1])
        # (a synonym in another entry's head may be broken: the headword is one of these)
        # (pypdf reads a space after a hyphen where the script changes: "NEET- молодёжь")
        if not any(
            headword
            in (" ".join(lines), re.sub(r"(?<=[A-Za-z])- (?=[А-яЁё])", "-", " ".join(lines)))
            and (len(lines) == 1 or len(headword) > 32)
            for lines in printed
        ):
            wrong.append((anchor, headword, printed))
    assert wrong == []
    spans = sections(bundled_pdf)
    text = "\n".join(text for text, _ in bundled_pages[slice(*spans[DICTIONARY[0]])])
    assert len(re.findall(r"[a-zäö]-\n[a-zäö]", text)) > 20


def test_grammar_labels_are_in_the_language_of_each_part(bundled_pdf, bundled_pages):
    spans = sections(bundled_pdf)
    fi = flat("\n".join(text for text, _ in bundled_pages[slice(*spans[DICTIONARY[0]])]))
    ru = flat("\n".join(text for text, _ in bundled_pages[slice(*spans[DICTIONARY[1]])]))
    assert "ammatillinen koulutus; ammattikoulutus hyv." in fi  # hyväksyttävä
    assert "RU профессиональное образование neutr." in fi  # neutri
    assert "взаимооценивание ср.; взаимное оценивание ср., доп." in ru
    assert "Европасс собств., м., вар., доп. → Europass" in ru
    assert " depr." not in fi + ru and " adj." not in ru and " n." not in fi


def test_metadata_tags_and_pdfinfo(bundled_pdf, tmp_path):
    pdf = reader(bundled_pdf)
    assert pdf.metadata.title == "Suomi–venäjä-sanasto: ammatillinen koulutus ja verkko-oppiminen"
    assert pdf.metadata["/CreationDate"].startswith("D:20261118")
    assert "/Author" not in pdf.metadata  # the bundled glossary names no publisher
    assert pdf.trailer["/Root"]["/Lang"] == "fi"
    assert float(pdf.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)  # A4
    info = pdfinfo(bundled_pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == pdf.metadata.title
    assert int(info["Pages"]) == len(pdf.pages)
    assert b"pdfuaid:part" in pdf.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_the_file_is_finished_compact(bundled_pdf):
    """Object streams, and no /QuadPoints on links that fit one line: without them the
    same file is three times as large (a tagged PDF with 3,105 links; docs/print.md)."""
    pdf = reader(bundled_pdf)
    assert b"/ObjStm" in bundled_pdf
    one_line = [
        annotation.get_object()
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if float(annotation.get_object()["/Rect"][3]) - float(annotation.get_object()["/Rect"][1])
        < 15
    ]
    assert len(one_line) > 2000
    assert not any("/QuadPoints" in annotation for annotation in one_line)
    assert len(bundled_pdf) <= 16_000 * len(pdf.pages), (len(bundled_pdf), len(pdf.pages))


# -- the small glossary ----------------------------------------------------------------


def test_two_builds_are_byte_identical(small_pdf):
    assert build(DATA / "site") == small_pdf


def test_a_large_book_is_laid_out_the_same_section_by_section(small_pdf, apart_pdf):
    """Beyond a thousand concepts the book is laid out section by section (the front
    matter with the first part, the second part, the index), each layout in a process
    of its own, the page numbers passed from one round to the next, and the sections'
    PDFs joined: the same pages, numbers, links, bookmarks and destinations."""
    apart, here = reader(apart_pdf), reader(small_pdf)
    assert [p.extract_text() for p in apart.pages] == [p.extract_text() for p in here.pages]
    assert destinations(apart) == destinations(here)
    assert outline(apart_pdf) == outline(small_pdf)
    assert re.search(r"suomi → русский(?: ?\.)+ ?4\n", here.pages[1].extract_text())
    assert re.search(r"English(?: ?\.)+ ?6\n", apart.pages[1].extract_text())

    def links(pdf) -> list[tuple[int, str, str]]:
        return [
            (n, str(a.get_object()["/Dest"]), str(a.get_object()["/Contents"]))
            for n, page in enumerate(pdf.pages)
            for a in page.get("/Annots", [])
        ]

    assert links(apart) == links(here)
    assert len(links(apart)) > 50


def test_the_sections_joined_are_one_tagged_pdf(apart_pdf, tmp_path):
    """The joined book has one structure tree: one Document element holding every
    section's elements, each parent tree key once (every page's StructParents, every
    link's StructParent), each link's key leading to the element that holds it; one
    outline; the metadata of the whole book."""
    import pikepdf

    info = pdfinfo(apart_pdf, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Pages"] == "6"
    with pikepdf.open(io.BytesIO(apart_pdf)) as pdf:
        tree = pdf.Root.StructTreeRoot
        (document,) = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
        assert document.S == "/Document"
        assert all(kid.P.objgen == document.objgen for kid in document.K)
        parents = dict(pikepdf.NumberTree(tree.ParentTree).items())
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        keys += [int(a.StructParent) for a in annotations]
        assert sorted(keys) == sorted(parents) == list(range(len(keys)))
        assert int(tree.ParentTreeNextKey) == len(keys)
        for annotation in annotations:
            element = parents[int(annotation.StructParent)]
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert any(
                isinstance(k, pikepdf.Dictionary) and k.get("/Obj") == annotation for k in kids
            )
        for page in pdf.pages:  # each page's marked content belongs to elements of that page
            for element in parents[int(page.obj.StructParents)]:
                assert element.Pg.objgen == page.obj.objgen
        xmp = pdf.Root.Metadata.read_bytes()
        assert b"<xmpTPg:NPages>6</xmpTPg:NPages>" in xmp
    assert reader(apart_pdf).metadata.title == "Testisanasto"


def test_sections_are_laid_out_in_order_each_after_the_last(apart_pdf, monkeypatch, tmp_path):
    """The front matter, each part and each index are sections of their own, laid out in
    the order of the book, each beginning on the page after the one the section before
    it was just found to end on; a section is laid out again only when a page it prints
    or its first page changed; two builds give the same bytes."""
    import glossary.pdf

    monkeypatch.setattr(glossary.pdf, "_IN_PROCESS", 0)
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    runs: list[tuple[str, int, int]] = []
    run = glossary.pdf._run

    def traced(work, template, section):
        run(work, template, section)
        first = json.loads((section / "job.json").read_text("utf-8"))["only"]["first"]
        last = json.loads((section / "last.json").read_text("utf-8"))
        runs.append((section.name, first, last))

    monkeypatch.setattr(glossary.pdf, "_run", traced)
    assert build(DATA / "site") == apart_pdf
    # the front matter is laid out once (the pages its contents print are those it
    # guessed); the parts and the index again, since they printed guessed pages
    assert runs == [
        ("section-0", 1, 3),
        ("section-1", 4, 4),
        ("section-2", 5, 5),
        ("section-3", 6, 6),
        ("section-1", 4, 4),
        ("section-2", 5, 5),
        ("section-3", 6, 6),
    ]
    ends: dict[str, int] = {}
    for name, first, last in runs:
        n = int(name.split("-")[1])
        assert first == (ends[f"section-{n - 1}"] + 1 if n else 1)
        ends[name] = last


def test_the_pages_of_the_last_build_start_the_next(small_pdf, monkeypatch, tmp_path):
    """A book built again starts from the pages the last build found: one layout, the
    same bytes. A damaged record is ignored; GLOSSARY_NO_CACHE=1 guesses again."""
    from glossary.pdf import typeset

    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    layouts: list[int] = []
    layout = typeset.layout

    def counted(*args, **kwargs):
        layouts.append(1)
        return layout(*args, **kwargs)

    monkeypatch.setattr(typeset, "layout", counted)
    assert build(DATA / "site") == small_pdf
    first = len(layouts)
    assert first >= 2
    (record,) = (tmp_path / "cache" / "pdf").iterdir()
    layouts.clear()
    assert build(DATA / "site") == small_pdf
    assert len(layouts) == 1
    record.write_bytes(b"\x00{not json")
    layouts.clear()
    assert build(DATA / "site") == small_pdf
    assert len(layouts) == first
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    layouts.clear()
    assert build(DATA / "site") == small_pdf
    assert len(layouts) == first


def test_the_first_guess_of_the_pages_gives_nearly_every_number_its_width(bundled_pdf):
    """A first build starts from pages guessed from the characters of each entry: they
    never change what is printed, only how soon the pages settle, which they do at once
    where every number printed has the width it will have. On the bundled book most are
    right, nearly all of the right width, in the order of the book (pages spread evenly
    gave 188 of 1,967 right and 73 of another width)."""
    from glossary.pdf import _guess
    from glossary.pdf.book import Builder, catalogs
    from glossary.templating import templates_dir

    g = glossary.load(TERMS)
    book = Builder(g, {}, catalogs(templates_dir(), tuple(g.languages[:2]))).book()
    guess = _guess(book)
    real = destinations(reader(bundled_pdf))
    assert set(guess) <= set(real)
    assert list(guess.values()) == sorted(guess.values())
    right = sum(page == real[name] for name, page in guess.items())
    wide = sum(len(str(page)) != len(str(real[name])) for name, page in guess.items())
    assert right >= len(guess) / 2
    assert wide <= len(guess) / 100


def test_a_large_book_built_again_is_laid_out_once(small_pdf, monkeypatch, tmp_path):
    """Laid out section by section, a layout a process, a book built again has one round
    (a process for each of its four sections: the front matter, two parts, the index),
    each of which finds the pages it was given and writes its PDF: the same book."""
    import glossary.pdf

    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(glossary.pdf, "_IN_PROCESS", 0)
    runs: list[int] = []
    run = glossary.pdf._run

    def counted(*args):
        runs.append(1)
        return run(*args)

    monkeypatch.setattr(glossary.pdf, "_run", counted)
    first = build(DATA / "site")
    assert len(runs) == 7
    runs.clear()
    again = build(DATA / "site")
    assert len(runs) == 4
    assert again == first
    assert [p.extract_text() for p in reader(again).pages] == [
        p.extract_text() for p in reader(small_pdf).pages
    ]


def test_links_are_finished_the_same_when_typst_writes_them_otherwise(small_pdf, monkeypatch):
    """The links are rewritten in Typst's bytes where they have the form Typst 0.15
    writes; any other form is rewritten through qpdf's objects, to the same file."""
    import glossary.pdf.compact as compact

    monkeypatch.setattr(compact, "_LINK", re.compile(rb"(?!)"))
    slow = build(DATA / "site")
    pdf = reader(slow)
    links = [a.get_object() for page in pdf.pages for a in page.get("/Annots", [])]
    assert links and all(isinstance(link["/Dest"], str) for link in links)
    assert not any("/A" in link for link in links)
    assert [page.extract_text() for page in pdf.pages] == [
        page.extract_text() for page in reader(small_pdf).pages
    ]
    assert destinations(pdf) == destinations(reader(small_pdf))


def test_a_link_over_two_lines_has_one_quadrilateral_a_line():
    from glossary.pdf.compact import _lines

    words = (
        b"10 100 30 100 30 110 10 110 30 99 50 99 50 111 30 111 "  # two words on a line
        b"10 88 40 88 40 98 10 98"  # one on the next
    )
    assert _lines(words) == b"10 99 50 99 50 111 10 111 10 88 40 88 40 98 10 98"


def test_content_numbers_are_rounded_to_a_tenth_and_strings_kept():
    """Numbers to a tenth (a tenth that would carry over cut to two decimals instead);
    glyph strings, names and whole numbers as they were."""
    from glossary.pdf.compact import _coarse

    content = (
        b"q 1 0 0 -1 297.6378 785.19684 cm/c0 cs 0.6 scn 0 0 m 0.000000000000044955145 734.1 l\n"
        b"BT/f1 7.998 Tf 1 0 0 -1 0 0 Tm[(\\000.\\0002\\000\\r)-103.57422(\\000.)-12.04]TJ\n"
        b"ET 3.96 -0.05 -2.449 Q"
    )
    assert _coarse(content) == (
        b"q 1 0 0 -1 297.6 785.2 cm/c0 cs 0.6 scn 0 0 m 0.0 734.1 l\n"
        b"BT/f1 7.99 Tf 1 0 0 -1 0 0 Tm[(\\000.\\0002\\000\\r)-103.6(\\000.)-12.0]TJ\n"
        b"ET 3.96 -0.1 -2.4 Q"
    )
    assert _coarse(b"") == b""
    assert _coarse(b"...") == b"..."


def test_running_heads_of_each_page_from_the_pages_of_the_headwords():
    """First and last headword of each page; a page where none starts has the last one
    before it, twice; no heads before the first headword or after the last."""
    from glossary.pdf.typeset import heads_of

    assert heads_of([(5, "a"), (5, "b"), (6, "c"), (9, "d"), (9, "e"), (9, "f")]) == {
        "5": ["a", "b"],
        "6": ["c", "c"],
        "7": ["c", "c"],
        "8": ["c", "c"],
        "9": ["d", "f"],
    }
    assert heads_of([]) == {}


def test_a_record_of_the_last_build_in_any_other_form_is_ignored(tmp_path):
    """The pages and heads of the last build, read back; a record of an older form (the
    pages alone) or with wrong values gives what is well formed, never an error."""
    from glossary.pdf import _recall, _remember

    record = tmp_path / "record.json"
    _remember(record, {"a": 3, "b": 4}, {"3": ["x", "y"], "4": ["y", "y"]})
    assert _recall(record) == ({"a": 3, "b": 4}, {"3": ["x", "y"], "4": ["y", "y"]})
    record.write_text('{"a": 3, "b": 4}', "utf-8")  # the pages alone, as before
    assert _recall(record) == ({}, {})
    record.write_text(
        '{"pages": {"a": 3, "b": "4", "c": 0, "d": true},'
        ' "heads": {"3": ["x"], "4": ["y", 5], "x": ["a", "b"], "5": ["p", "q"]}}',
        "utf-8",
    )
    assert _recall(record) == ({"a": 3}, {"5": ["p", "q"]})
    record.write_text("[1, 2]", "utf-8")
    assert _recall(record) == ({}, {})
    assert _recall(tmp_path / "none.json") == ({}, {})
    assert _recall(None) == ({}, {})


def test_a_link_to_no_anchor_is_one_clear_error(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TERMS.parent / "templates", templates)
    typ = templates / "pdf" / "dictionary.typ"
    typ.write_text(
        typ.read_text("utf-8").replace('"#" + anchor', '"#nowhere-" + anchor'),
        "utf-8",
    )
    with pytest.raises(ExportError, match="links to '#nowhere"):
        build(DATA / "site", templates=templates)


def test_html_in_the_sources_is_printed_as_text(small_pdf):
    text = flat("\n".join(page.extract_text() for page in reader(small_pdf).pages))
    assert "<script>window.__pwned = 'term'</script>" in text
    assert "</title><b>жирный</b>" in text


MARKUP = '# * _ $ < @ \\ ] [ // #import "x.typ": * #{panic()} <lbl> @lbl `raw` = ='


def test_typst_markup_in_every_field_is_printed_as_text(tmp_path):
    quoted = MARKUP.replace("\\", "\\\\").replace('"', '\\"')
    (tmp_path / "glossary.toml").write_text(
        "[glossary]\n"
        'id = "markup"\n'
        f'title = {{ fi = "{quoted} fi", ru = "{quoted} ru" }}\n'
        'languages = ["fi", "ru", "en"]\n'
        f'version = "{quoted}"\nlicense = "{quoted}"\npublisher = "{quoted}"\n',
        "utf-8",
    )
    yaml_text = MARKUP.replace("'", "''")
    for n in (1, 2):
        (tmp_path / f"c{n}.yaml").write_text(
            f"id: c{n}\nrelated: [c{3 - n}]\nnote: '{yaml_text} note'\nlanguages:\n"
            + "".join(
                f"  {lang}:\n    definition: '{yaml_text} {lang} def {n}'\n"
                f"    note: '{yaml_text} {lang} note {n}'\n"
                f"    terms:\n      - term: '{yaml_text} {lang} {n}'\n"
                f"        context: '{yaml_text} {lang} ctx {n}'\n"
                f"      - term: '{yaml_text} {lang} syn {n}'\n        status: deprecated\n"
                for lang in ("fi", "ru", "en")
            ),
            "utf-8",
        )
    text = flat("\n".join(p.extract_text() for p in reader(build(tmp_path)).pages))
    for lang in ("fi", "ru"):
        for n in (1, 2):
            for what in ("", " def", " ctx", " note", " syn"):
                assert f"{MARKUP} {lang}{what} {n}" in text, (lang, what, n)
    assert f"{MARKUP} en 1" in text
    assert f"{MARKUP} fi" in text  # the title


def test_title_page_and_abbreviations(small_pdf):
    pdf = reader(small_pdf)
    title = flat(pdf.pages[0].extract_text())
    assert title.startswith("Testisanasto Тестовый глоссарий Test glossary")
    assert "Painos / Издание 0.1" in title
    assert "18. marraskuuta 2026 / 18 ноября 2026 г." in title
    assert "Lisenssi / Лицензия CC0-1.0" in title
    assert "Julkaisija / Издатель Test publisher" in title
    assert "ISBN" not in title
    abbreviations = flat(pdf.pages[2].extract_text())
    assert (
        "vält. нерек. vältettävä termi: älä käytä / нерекомендуемый термин: не употреблять"
        in abbreviations
    )
    assert "mask. м. maskuliini / мужской род" in abbreviations


def test_broader_concepts_and_wholes_with_their_label_and_page(small_pdf):
    """Typed relations (issue 15): under webinaari "→ yläk. verkko-oppiminen N", under
    äidinkieli "→ kok. ammatillinen koulutus N", with Russian labels in the Russian part;
    N is the page of the entry; the list of abbreviations explains both labels in both
    languages."""
    pdf = reader(small_pdf)
    pages = destinations(pdf)
    text = flat("\n".join(page.extract_text() for page in pdf.pages))
    for label, headword, anchor in (
        ("yläk.", "verkko-oppiminen", "firu-online-learning"),
        ("kok.", "ammatillinen koulutus", "firu-vocational-education"),
        ("род.", "онлайн-обучение", "rufi-online-learning"),
        ("целое", "профессиональное образование", "rufi-vocational-education"),
    ):
        found = re.findall(rf"→ {re.escape(label)} {headword} (\d+)", text)
        assert found == [str(pages[anchor])], (label, found)
    abbreviations = flat(pdf.pages[2].extract_text())
    assert (
        "yläk. род. yläkäsite: hakusana on sen alakäsite / "
        "родовое понятие: понятие статьи — его вид" in abbreviations
    )
    assert (
        "kok. целое kokonaisuus: hakusana on sen osa / целое: понятие статьи — его часть"
        in abbreviations
    )


def test_a_relation_to_a_concept_left_out_is_left_out():
    from glossary.pdf.book import Builder, Entry, Ref, Typed
    from glossary.subset import select

    whole = glossary.load(DATA / "site")

    def entry(g, concept_id: str) -> Entry:
        part = Builder(g, {}).part("fi", "ru")
        return next(
            item
            for group in part.letters
            for item in group.items
            if isinstance(item, Entry) and item.anchor == f"firu-{concept_id}"
        )

    target = Ref("verkko-oppiminen", "fi", "firu-online-learning")
    assert entry(whole, "webinar").typed == (Typed("yläk.", target),)
    assert entry(select(whole, (), ("webinar",)), "webinar").typed == ()


def test_isbn_from_glossary_toml(tmp_path):
    shutil.copytree(DATA / "site", tmp_path / "g")
    toml = tmp_path / "g" / "glossary.toml"
    toml.write_text(
        toml.read_text("utf-8").replace(
            'version = "0.1"', 'version = "0.1"\nisbn = "978-952-00-0000-1"'
        ),
        "utf-8",
    )
    title = flat(reader(build(tmp_path / "g")).pages[0].extract_text())
    assert "ISBN 978-952-00-0000-1" in title


def test_a5_pocket_edition():
    data = build(DATA / "site", page_size="A5")
    page = reader(data).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (420, 595)


@pytest.mark.parametrize("apart", [False, True], ids=["here", "apart"])
def test_pdf_a_2b_for_archives(tmp_path, monkeypatch, apart):
    """Also when the sections of a large book are joined: the first section's metadata
    and output intent, the page count of the whole."""
    import glossary.pdf

    if apart:
        monkeypatch.setattr(glossary.pdf, "_IN_PROCESS", 0)
    data = build(DATA / "site", pdf_standard="a-2b")
    pdf = reader(data)
    metadata = pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in metadata
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in metadata
    assert b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(pdf.pages) in metadata
    assert "/OutputIntents" in pdf.trailer["/Root"]
    info = pdfinfo(data, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Pages"] == "6"


def test_every_entry_is_a_named_destination(small_pdf):
    names = set(reader(small_pdf).named_destinations)
    assert {"firu-distance-learning", "rufi-distance-learning", "part-firu"} <= names
    assert "firu-distance-learning-1" in names  # the short entry of a synonym


# -- a part of the glossary ----------------------------------------------------------------


def test_a_subject_is_a_book_of_its_own():
    pdf = reader(build(DATA / "site", subjects=("e-learning",)))
    title = flat(pdf.pages[0].extract_text())
    assert "Verkko-oppiminen / Электронное обучение" in title
    assert "3 sanaston 8 käsitteestä / 3 из 8 понятий глоссария" in title
    text = flat("\n".join(page.extract_text() for page in pdf.pages))
    assert "webinaari" in text and "etäopiskelu" in text and "verkko-oppiminen" in text
    assert "kapasiteetti" not in text and "емкость" not in text.lower()
    assert "ammatillinen koulutus" not in text  # a related concept of another subject
    assert "firu-capacity" not in pdf.named_destinations


def test_a_list_of_concepts_and_a_subject(tmp_path):
    course = tmp_path / "course.txt"
    course.write_text("# the first week\ncapacity\n\n  webinar  # a comment\n", "utf-8")
    text = flat(
        "\n".join(p.extract_text() for p in reader(build(DATA / "site", concepts=course)).pages)
    )
    assert "kapasiteetti" in text and "webinaari" in text and "etäopiskelu" not in text
    both = build(DATA / "site", concepts=course, subjects=("e-learning",))
    assert set(reader(both).named_destinations) >= {"firu-capacity", "firu-distance-learning"}


def test_a_wrong_subject_or_list_is_one_clear_error(tmp_path):
    from glossary.errors import NotFoundError

    with pytest.raises(
        NotFoundError,
        match="no subject 'e-learnin' in the glossary \\(did you mean 'e-learning'\\?\\); its subjects: e-learning, vet",
    ):
        build(DATA / "site", subjects=("e-learnin",))
    course = tmp_path / "course.txt"
    course.write_text("capacity\n  webinr\n", "utf-8")
    with pytest.raises(
        NotFoundError,
        match=f"^{re.escape(str(course))}:2:3: no concept 'webinr' in the glossary \\(did you mean 'webinar'\\?\\)$",
    ):
        build(DATA / "site", concepts=course)
    course.write_text("# nothing\n", "utf-8")
    with pytest.raises(NotFoundError, match="names no concept"):
        build(DATA / "site", concepts=course)
    course.write_bytes(b"capacity\n\xff\n")
    with pytest.raises(NotFoundError, match="not UTF-8 text"):
        build(DATA / "site", concepts=course)
    with pytest.raises(NotFoundError, match="No such file"):
        build(DATA / "site", concepts=tmp_path / "missing.txt")


# -- the command line --------------------------------------------------------------------


def test_cli_export_pdf(runner, tmp_path):
    from glossary.cli import app

    out = tmp_path / "dictionary.pdf"
    result = runner.invoke(app, ["export", "pdf", "--out", str(out), "-g", str(DATA / "site")])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}\n"
    assert out.read_bytes().startswith(b"%PDF-")
    result = runner.invoke(
        app, ["export", "pdf", "--page-size", "A3", "--out", str(out), "-g", str(DATA / "site")]
    )
    assert result.exit_code == 2
    assert "'A3' is not a page size we print; choose A4 or A5" in result.stderr
    result = runner.invoke(app, ["export", "tbx", "--page-size", "A5", "-g", str(DATA / "site")])
    assert result.exit_code == 2
    assert "'tbx' has no pages" in result.stderr
    result = runner.invoke(
        app, ["export", "pdf", "--pdf-standard", "a-1b", "-o", str(out), "-g", str(DATA / "site")]
    )
    assert result.exit_code == 2
    assert "'a-1b' is not a PDF standard we write; choose ua-1 or a-2b" in result.stderr
    course = tmp_path / "course.txt"
    course.write_text("webinar\n", "utf-8")
    result = runner.invoke(
        app,
        [
            "export",
            "pdf",
            "--subject",
            "vet",
            "--subject",
            "e-learning",
            "--concepts",
            str(course),
            "-o",
            str(out),
            "-g",
            str(DATA / "site"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(
        app, ["export", "pdf", "--subject", "nope", "-o", str(out), "-g", str(DATA / "site")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("glossary: error: no subject 'nope' in the glossary")
    assert len(result.stderr.splitlines()) == 1
    result = runner.invoke(app, ["export", "csv", "--subject", "vet", "-g", str(DATA / "site")])
    assert result.exit_code == 2
    assert "'csv' prints no selection" in result.stderr


@pytest.mark.parametrize("apart", [False, True], ids=["here", "apart"])
def test_a_broken_template_is_one_clear_error(tmp_path, monkeypatch, apart):
    import glossary.pdf

    if apart:
        monkeypatch.setattr(glossary.pdf, "_IN_PROCESS", 0)
    shutil.copytree(TERMS.parent / "templates", tmp_path / "templates")
    template = tmp_path / "templates" / "pdf" / "dictionary.typ"
    template.write_text(template.read_text("utf-8") + "\n#let x = (\n", "utf-8")
    with pytest.raises(ExportError, match=r"dictionary\.typ:\d+:\d+: unclosed delimiter"):
        build(DATA / "site", templates=tmp_path / "templates")
    template.write_text(
        template.read_text("utf-8").replace("#let x = (\n", '#panic("no")\n'), "utf-8"
    )
    with pytest.raises(ExportError, match=r"dictionary\.typ:\d+:1: panicked with: no$"):
        build(DATA / "site", templates=tmp_path / "templates")


def test_missing_fonts_are_one_clear_error(monkeypatch):
    import glossary.pdf

    monkeypatch.setattr(glossary.pdf, "find_fonts", lambda *a: {})
    with pytest.raises(ExportError, match="sudo apt-get install fonts-dejavu-core"):
        glossary.pdf.build_pdf(glossary.load(DATA / "site"))


def test_one_language_is_not_a_dictionary(tmp_path):
    from glossary.pdf import build_pdf

    (tmp_path / "glossary.toml").write_text('[glossary]\nid = "x"\nlanguages = ["fi"]\n', "utf-8")
    (tmp_path / "a.yaml").write_text("id: a\nlanguages:\n  fi:\n    terms: [termi]\n", "utf-8")
    with pytest.raises(ExportError, match="needs two languages"):
        build_pdf(glossary.load(tmp_path))
