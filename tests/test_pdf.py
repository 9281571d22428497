"""The printed dictionary, read back with pypdf: text, running heads, fonts, outline, links.

The bundled glossary is typeset once per session (about two minutes: WeasyPrint lays out
two columns with page-number cross-references); the small test glossary of the site's
tests is used where two builds are compared.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from conftest import DATA, TERMS

import glossary
from glossary.collation import sort_key
from glossary.errors import ExportError

EPOCH = "1795000000"  # 2026-11-18


def _weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        message = f"WeasyPrint cannot run here ({exc}); pip install -e '.[test]' and Pango"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def build(source: Path, **options) -> bytes:
    from glossary.pdf import build_pdf

    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_pdf(glossary.load(source), options)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="session")
def bundled_pdf() -> bytes:
    _weasyprint()
    return build(TERMS)


@pytest.fixture(scope="session")
def small_pdf() -> bytes:
    _weasyprint()
    return build(DATA / "site")


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    """Extracted text with line breaks and hyphenation undone."""
    return " ".join(re.sub("\u2010\n", "", text).split())


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


def running_heads(page) -> tuple[str, str]:
    """The running heads of a page: the text in the top margin, left and right half."""
    parts: list[tuple[bool, float, float, str]] = []
    middle = float(page.mediabox.width) * 96 / 72 / 2  # the text matrix is in CSS pixels

    def visit(text, cm, tm, font, size) -> None:
        if text.strip() and tm[5] < 55:  # the top margin
            parts.append((tm[4] > middle, tm[5], tm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    parts.sort()
    left = " ".join(text for right, _, _, text in parts if not right)
    right = " ".join(text for right, _, _, text in parts if right)
    return left, right


# -- the bundled glossary ----------------------------------------------------------------


def test_every_preferred_finnish_and_russian_term_is_in_the_text(bundled_pdf, bundled):
    text = flat("\n".join(page.extract_text() for page in reader(bundled_pdf).pages))
    missing = [
        (concept.id, lang, term.term)
        for concept in bundled.concepts.values()
        for lang in ("fi", "ru")
        if (term := concept.preferred(lang)) is not None and term.term not in text
    ]
    assert missing == []
    assert "\ufffd" not in text and "\u00ad" not in text


def test_running_heads_name_the_first_and_last_entry_of_the_page(bundled_pdf, bundled):
    from glossary.pdf import _Builder

    builder = _Builder(bundled, {})
    headwords = {}
    for part in (builder.part("fi", "ru"), builder.part("ru", "fi")):
        for group in part.letters:
            for item in group.items:
                headwords[item.anchor] = item.headword.text
    pdf = reader(bundled_pdf)
    on_page: dict[int, list[str]] = {}
    for name, destination in pdf.named_destinations.items():
        if name in headwords:
            on_page.setdefault(pdf.get_destination_page_number(destination), []).append(name)
    order = {anchor: n for n, anchor in enumerate(headwords)}
    pages = sorted(on_page)
    assert len(pages) > 40
    for index in pages[:: max(1, len(pages) // 12)]:
        anchors = sorted(on_page[index], key=order.__getitem__)
        first, last = (" ".join(headwords[a].split()) for a in (anchors[0], anchors[-1]))
        left, right = running_heads(pdf.pages[index])
        assert (left, right) == (first, last), index


def test_every_font_is_embedded(bundled_pdf):
    pdf = reader(bundled_pdf)
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"]] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+", 1)[1] for name in fonts} >= {"DejaVu-Serif", "DejaVu-Sans-Bold"}


def test_outline_has_both_parts_in_order_with_their_letters(bundled_pdf):
    marks = outline(bundled_pdf)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    titles = [title for title, _ in top]
    assert titles == [
        "Sisältö / Содержание",
        "Lyhenteet / Условные сокращения",
        "suomi → русский",
        "русский → suomi",
        "Hakemisto / Указатель: English",
    ]
    assert [page for _, page in top] == sorted(page for _, page in top)
    fi_part = titles.index("suomi → русский")
    letters = []
    for depth, title, _ in marks[marks.index((0, *top[fi_part])) + 1 :]:
        if depth == 0:
            break
        letters.append(title)
    assert letters == sorted(letters, key=lambda text: sort_key(text, "fi"))
    assert letters[-2:] == ["Y", "Ä"]  # Finnish: … y z å ä ö (no Z, Å or Ö term here)
    ru_start = marks.index((0, *top[fi_part + 1]))
    ru_letters = [t for d, t, _ in marks[ru_start + 1 :] if d == 1]
    assert ru_letters[:-1] == sorted(ru_letters[:-1], key=lambda text: sort_key(text, "ru"))
    assert ru_letters[:3] == ["А", "Б", "В"]
    assert ru_letters[-1] == "A–Z"
    assert "Ё" not in ru_letters


def test_cross_references_print_the_page_of_their_entry(bundled_pdf):
    pdf = reader(bundled_pdf)
    pages = {
        name: pdf.get_destination_page_number(destination) + 1
        for name, destination in pdf.named_destinations.items()
    }
    # "työssäoppiminen depr. → työpaikalla järjestettävä koulutus N"
    text = flat("\n".join(page.extract_text() for page in pdf.pages))
    found = re.search(r"työssäoppiminen depr\. → (\w[\w ]*?) (\d+)", text)
    assert found is not None
    assert found.group(1) == "työpaikalla järjestettävä koulutus"
    assert int(found.group(2)) == pages["firu-workplace-learning"]


def test_every_reference_to_a_headword_prints_its_page(bundled_pdf, bundled):
    """Every "→ headword N" and ", headword N" of both parts, against the PDF's own links."""
    pdf = reader(bundled_pdf)
    pages = {
        name: pdf.get_destination_page_number(destination) + 1
        for name, destination in pdf.named_destinations.items()
    }
    marks = [(title, page) for depth, title, page in outline(bundled_pdf) if depth == 0]
    starts = [page for _, page in marks]
    checked = 0
    parts = [i for i, (title, _) in enumerate(marks) if "→" in title]
    for index, (part, lang) in zip(parts, (("firu", "fi"), ("rufi", "ru")), strict=True):
        text = flat(
            "\n".join(p.extract_text() for p in pdf.pages[starts[index] : starts[index + 1]])
        )
        for concept in bundled.concepts.values():
            section = concept.languages.get(lang)
            if section is None or not section.terms or f"{part}-{concept.id}" not in pages:
                continue
            headword = re.escape(section.terms[0].term)
            for number in re.findall(rf"(?:→ |, ){headword} (\d+)\b", text):
                assert int(number) == pages[f"{part}-{concept.id}"], (part, concept.id)
                checked += 1
    assert checked > 100


def test_the_contents_give_the_page_of_each_part(bundled_pdf):
    pdf = reader(bundled_pdf)
    starts = {title: page + 1 for depth, title, page in outline(bundled_pdf) if depth == 0}
    lines = pdf.pages[1].extract_text().splitlines()[1:]
    printed = {
        re.sub(r" *\.{3,} *$", "", line.rsplit(" ", 1)[0]): int(line.split()[-1])
        for line in lines
        if "..." in line
    }
    assert len(printed) == 4  # abbreviations, two parts, the English index
    for title, page in printed.items():
        assert starts[title] == page, title


def test_metadata(bundled_pdf):
    pdf = reader(bundled_pdf)
    assert pdf.metadata.title == "Suomi–venäjä-sanasto: ammatillinen koulutus ja verkko-oppiminen"
    assert pdf.metadata["/CreationDate"] == "D:20261118"
    assert pdf.trailer["/Root"]["/Lang"] == "fi"
    assert float(pdf.pages[0].mediabox.width) == pytest.approx(595.28, abs=0.1)  # A4


# -- the small glossary ----------------------------------------------------------------


def test_two_builds_are_byte_identical(small_pdf):
    assert build(DATA / "site") == small_pdf


def test_page_numbers_are_those_target_counter_gives(small_pdf, monkeypatch):
    """The fast path (numbers read from a first layout) against CSS target-counter()."""
    import glossary.pdf

    monkeypatch.setattr(glossary.pdf, "_PAGE_PASSES", 0)  # straight to the fallback
    counted = reader(build(DATA / "site"))
    fast = reader(small_pdf)
    assert [page.extract_text() for page in fast.pages] == [
        page.extract_text() for page in counted.pages
    ]
    assert re.search(r"suomi → русский \.+ +4\n", fast.pages[1].extract_text())


def test_hostile_text_is_printed_as_text(small_pdf):
    text = flat("\n".join(page.extract_text() for page in reader(small_pdf).pages))
    assert "<script>window.__pwned = 'term'</script>" in text
    assert "</title><b>жирный</b>" in text


def test_title_page_and_abbreviations(small_pdf):
    pdf = reader(small_pdf)
    title = flat(pdf.pages[0].extract_text())
    assert title.startswith("Testisanasto Тестовый глоссарий Test glossary")
    assert "Versio / Версия 0.1" in title
    assert "18. marraskuuta 2026 / 18 ноября 2026 г." in title
    assert "Lisenssi / Лицензия CC0-1.0" in title
    abbreviations = flat(pdf.pages[2].extract_text())
    assert (
        "depr. vältettävä termi: älä käytä / нерекомендуемый термин: не употреблять"
        in abbreviations
    )


def test_a5_pocket_edition(_pdf_cli=None):
    _weasyprint()
    data = build(DATA / "site", page_size="A5")
    page = reader(data).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (420, 595)


def test_finnish_hyphenation_patterns():
    import pyphen

    from glossary.pdf.hyphenation import DICTIONARY, patterns, register

    assert DICTIONARY.read_text(encoding="utf-8") == patterns()
    register()
    finnish = pyphen.Pyphen(lang="fi")
    assert finnish.inserted("ammattikorkeakoulututkinto") == "am-mat-ti-kor-ke-a-kou-lu-tut-kin-to"
    assert finnish.inserted("työturvallisuuskortti") == "työ-tur-val-li-suus-kort-ti"
    assert finnish.inserted("liikkuvuus") == "liik-ku-vuus"


# -- the command line --------------------------------------------------------------------


def test_cli_export_pdf(runner, tmp_path):
    from glossary.cli import app

    _weasyprint()
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


def test_missing_fonts_are_one_clear_error(monkeypatch, tmp_path):
    import glossary.pdf

    _weasyprint()
    monkeypatch.setattr(glossary.pdf, "find_fonts", lambda *a: {})
    with pytest.raises(ExportError, match="sudo apt-get install fonts-dejavu-core"):
        glossary.pdf.build_pdf(glossary.load(DATA / "site"))


def test_one_language_is_not_a_dictionary(tmp_path):
    from glossary.pdf import build_pdf

    _weasyprint()
    (tmp_path / "glossary.toml").write_text('[glossary]\nid = "x"\nlanguages = ["fi"]\n', "utf-8")
    (tmp_path / "a.yaml").write_text("id: a\nlanguages:\n  fi:\n    terms: [termi]\n", "utf-8")
    with pytest.raises(ExportError, match="needs two languages"):
        build_pdf(glossary.load(tmp_path))
