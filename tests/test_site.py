"""The static web e-glossary: pages, links, languages, order, reproducibility, rebuilds.

The site is built from tests/data/site (terms chosen for their alphabetical order, one
entry with every field, one with hostile text) and parsed with lxml; what needs a browser
(search, keyboard, axe) is in test_site_browser.py.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SITE_IDS, TERMS
from lxml import etree, html

import glossary
from glossary.errors import ExportError
from glossary.site import MANIFEST, build_site, license_url
from glossary.site.entryfiles import FORMATS
from glossary.site.i18n import UI_LANGUAGES

SITE_SRC = DATA / "site"
EPOCH = "1795000000"  # 2026-11-18
IDS = SITE_IDS


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def build(out: Path, src: Path = SITE_SRC, **options) -> list[Path]:
    return build_site(glossary.load(src), out, options)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    with pytest.MonkeyPatch.context() as patch:  # (a session fixture: no monkeypatch)
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        build(out)
    return out


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- what is built --------------------------------------------------------------------


# The letter pages of A to Z: ASCII letters by themselves, others by code point.
FI_LETTER_PAGES = ("a", "e", "k", "s", "v", "w", "u00e5", "u00e4")
RU_LETTER_PAGES = ("u0430", "u0432", "u0434", "u0435", "u0437", "u043e", "u043f", "u0440", "latin")
EN_LETTER_PAGES = ("a", "c", "d", "m", "o", "s", "v", "w")


def test_every_page_is_built_and_recorded(site):
    expected = {
        "index.html",
        "404.html",
        "sitemap.xml",
        "assets/style.css",
        "assets/search.js",
        "assets/search-engine.js",
        "assets/snowball.js",
        "assets/icon.svg",
        "media/images/vocational-education.svg",
        "downloads/site-test.tbx",
        "downloads/site-test.csv",
        ".glossary-release.json",
    }
    for ui in ("fi", "ru", "en"):
        expected |= {
            f"{ui}/{name}.html" for name in ("index", "search", "about", "subjects", "whatsnew")
        }
        expected.add(f"{ui}/whatsnew.xml")
        expected.add(f"assets/search-ui.{ui}.js")
        expected |= {f"{ui}/az/{lang}.html" for lang in ("fi", "ru", "en")}
        expected |= {f"{ui}/az/fi/{slug}.html" for slug in FI_LETTER_PAGES}
        expected |= {f"{ui}/az/ru/{slug}.html" for slug in RU_LETTER_PAGES}
        expected |= {f"{ui}/az/en/{slug}.html" for slug in EN_LETTER_PAGES}
        expected |= {f"{ui}/subjects/{code}.html" for code in ("vet", "e-learning")}
        expected |= {f"{ui}/concepts/{cid}.html" for cid in IDS}
    expected |= {f"downloads/concepts/{cid}{suffix}" for cid in IDS for suffix in FORMATS}
    # The search index's shards (tests/test_site_search_index.py checks what they hold).
    shards = {f for f in files(site) if f.startswith("assets/search/")}
    assert {"assets/search/manifest.js", "assets/search/k0.js", "assets/search/d0.js"} <= shards
    expected |= shards
    assert set(files(site)) == expected | {MANIFEST}
    record = json.loads((site / MANIFEST).read_text("utf-8"))
    assert record["format"] == 1
    assert sorted(record["files"]) == sorted(expected)
    for name, (key, size) in record["files"].items():
        assert (len(key), size) == (32, (site / name).stat().st_size)


def test_downloads_are_the_glossary_in_tbx_and_csv(site):
    from glossary.exporters.csv import render as csv_render
    from glossary.exporters.tbx import render as tbx_render

    g = glossary.load(SITE_SRC)
    assert (site / "downloads/site-test.tbx").read_bytes() == tbx_render(g)
    assert (site / "downloads/site-test.csv").read_bytes() == csv_render(g)


# -- a concept page --------------------------------------------------------------------


def test_concept_page_shows_every_language_with_status_grammar_and_sources(site):
    doc = page(site, "fi/concepts/distance-learning.html")
    assert doc.get("lang") == "fi"
    assert text(doc.find(".//h1")) == "etäopiskelu"
    assert text(doc.find(".//title")) == "etäopiskelu – Testisanasto"
    sections = doc.find_class("language")
    assert [s.find("h2").text for s in sections] == ["suomi", "venäjä", "englanti"]
    fi, ru, en = sections
    terms = [
        (t.find_class("term-text")[0].get("lang"), text(t.find_class("term-text")[0]))
        for t in fi.find_class("term")
    ]
    assert terms == [("fi", "etäopiskelu"), ("fi", "etäoppiminen")]
    assert [text(b) for b in fi.find_class("badge")] == ["suositettava", "hyväksyttävä"]
    context = fi.find_class("context")[0]
    assert (context.get("lang"), text(context.find("p"))) == (
        "fi",
        "Etäopiskelu sopii hyvin työn ohessa opiskeleville.",
    )
    assert text(context.find("footer")) == "Verkkoaineisto"
    definition = fi.find_class("definition")[0]
    assert definition.find("p").get("lang") == "fi"
    assert text(definition.find_class("source")[0]) == "Lähde: Opetushallitus"
    # Russian: preferred first, the deprecated term struck through with advice and note.
    ru_terms = ru.find_class("term")
    assert text(ru_terms[0].find_class("grammar")[0]) == "substantiivi, neutri"
    deprecated = ru_terms[1]
    assert deprecated.find(".//del").text == "заочное обучение"
    assert text(deprecated.find_class("badge")[0]) == "vältettävä"
    assert deprecated.find_class("advice")
    # The term's note follows the definition and examples, as a usage note.
    usage = ru.find_class("note-usage")[0]
    assert usage.getparent().get("class") == "notes"
    assert text(usage.find_class("note-kind")[0]) == "Käyttö:"
    assert usage.xpath("span[@lang='ru']/i")[0].text == "заочное обучение"
    assert [text(t.find_class("term-text")[0]) for t in en.find_class("term")] == [
        "distance learning"
    ]
    # The concept's note is in English: marked so on the Finnish page, not on the English.
    assert doc.find_class("concept-note")[0].xpath("p/span/@lang") == ["en"]
    assert (
        page(site, "en/concepts/distance-learning.html")
        .find_class("concept-note")[0]
        .xpath("p/span/@lang")
        == []
    )
    status = text(doc.find_class("entry-status")[0])
    assert status == "Tietueen tila: hyväksytty · päivitetty 1. maaliskuuta 2026"
    related = [
        (a.get("href"), text(a))
        for a in doc.xpath("//section[@aria-labelledby='related-heading']//a")
    ]
    assert related == [
        ("../concepts/online-learning.html", "verkko-oppiminen"),
        ("../concepts/webinar.html", "webinaari"),
    ]
    assert [text(a) for a in doc.find_class("kicker")[0].iter("a")] == ["Verkko-oppiminen"]


def relation_groups(doc) -> dict[str, list[tuple[str, str]]]:
    return {
        section.get("aria-labelledby").removesuffix("-heading"): [
            (a.get("href"), text(a)) for a in section.iter("a")
        ]
        for section in doc.find_class("relations")
    }


def test_concept_page_shows_typed_relations_both_ways(site):
    online = page(site, "fi/concepts/online-learning.html")
    assert relation_groups(online) == {
        "narrower": [("../concepts/webinar.html", "webinaari")],
        "related": [("../concepts/distance-learning.html", "etäopiskelu")],
    }
    webinar = page(site, "fi/concepts/webinar.html")
    assert relation_groups(webinar) == {
        "broader": [("../concepts/online-learning.html", "verkko-oppiminen")],
        # Written on distance-learning only: related links are shown both ways.
        "related": [("../concepts/distance-learning.html", "etäopiskelu")],
    }
    assert [text(li) for li in webinar.xpath("//nav[@class='hierarchy']//li")] == [
        "verkko-oppiminen",
        "webinaari",
    ]
    vet = page(site, "en/concepts/vocational-education.html")
    assert relation_groups(vet) == {
        "parts": [("../concepts/mother-tongue.html", "mother tongue")],
        "replaces": [("../concepts/capacity.html", "capacity")],
    }
    mother = page(site, "ru/concepts/mother-tongue.html")
    assert relation_groups(mother) == {
        "part-of": [("../concepts/vocational-education.html", "профессиональное образование")]
    }


def test_retired_concept_points_to_its_replacement(site):
    doc = page(site, "fi/concepts/capacity.html")
    notice = doc.find_class("retired")[0]
    assert text(notice) == "Käsite ei ole enää käytössä. Käytä sen sijaan: ammatillinen koulutus"
    assert notice.find("a").get("href") == "../concepts/vocational-education.html"
    assert text(doc.find_class("entry-status")[0]) == "Tietueen tila: poistettu käytöstä"
    assert relation_groups(doc) == {
        "replaced-by": [("../concepts/vocational-education.html", "ammatillinen koulutus")]
    }


def test_equivalence_mark_image_and_term_labels(site):
    doc = page(site, "en/concepts/vocational-education.html")
    ru = next(s for s in doc.find_class("language") if s.get("aria-labelledby") == "lang-ru")
    (mark,) = ru.find_class("equivalence")
    assert (mark.tag, text(mark), mark.get("title")) == (
        "abbr",
        "≈",
        "near equivalent: the meanings differ slightly",
    )
    # The mark stands next to the first (preferred) term of the language.
    assert mark.getparent() is ru.find_class("term")[0]
    note = ru.find_class("equivalence-note")[0]
    assert text(note).endswith("In Russia it does not include apprenticeships.")
    assert note.xpath("span[@lang='en']")
    figure = doc.find_class("concept-image")[0]
    img = figure.find("img")
    assert img.get("src") == "../../media/images/vocational-education.svg"
    assert img.get("alt") == "A workshop at a vocational college"
    assert (site / "media/images/vocational-education.svg").read_bytes() == (
        SITE_SRC / "images/vocational-education.svg"
    ).read_bytes()
    assert text(figure.find("figcaption")) == (
        "A workshop at a vocational college Source: Drawn for the tests, CC0"
    )
    ru_page = page(site, "ru/concepts/online-learning.html")
    term = next(t for t in ru_page.find_class("term") if "онлайн" in text(t))
    assert text(term.find_class("homograph")[0]) == "1"
    assert text(term.find_class("grammar")[0]) == (
        "существительное, средний род, единственное число · разговорное, техническое"
    )


def test_concept_page_in_russian_and_english(site):
    ru = page(site, "ru/concepts/distance-learning.html")
    assert text(ru.find(".//h1")) == "дистанционное обучение"
    assert [s.find("h2").text for s in ru.find_class("language")] == [
        "финский",
        "русский",
        "английский",
    ]
    assert text(ru.find_class("cite")[0].find("p")) == (
        "дистанционное обучение // Test publisher. Тестовый глоссарий. 0.1. "
        "https://sanasto.example.fi/testi/ru/concepts/distance-learning.html. "
        "Дата обращения: 2026-11-18."
    )
    # The access date is the build date until the page's script puts in the reader's.
    assert ru.xpath("//section[@class='cite']//time/@datetime") == ["2026-11-18"]
    en = page(site, "en/concepts/distance-learning.html")
    assert text(en.find(".//h1")) == "distance learning"
    assert text(en.find_class("entry-status")[0]) == (
        "Entry status: approved · updated March 1, 2026"
    )


def test_a_title_in_another_language_is_marked(tmp_path):
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    doc = (
        (src / "webinar.yaml")
        .read_text("utf-8")
        .replace("  en:\n    terms:\n      - term: webinar\n        pos: noun\n", "")
    )
    (src / "webinar.yaml").write_text(doc, "utf-8")
    build(tmp_path / "out", src)
    h1 = page(tmp_path / "out", "en/concepts/webinar.html").find(".//h1")
    assert (h1.text, h1.get("lang")) == ("webinaari", "fi")


# -- languages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ui", "nav", "footer"),
    [
        (
            "fi",
            ["Etusivu", "Haku", "Aakkosittain", "Aihealueet", "Tietoja"],
            "8 käsitettä, 27 termiä. Koottu 18. marraskuuta 2026.",
        ),
        (
            "ru",
            ["Главная", "Поиск", "Алфавитный указатель", "Тематические разделы", "О глоссарии"],
            "Понятий: 8, терминов: 27. Собрано 18 ноября 2026 г.",
        ),
        (
            "en",
            ["Home", "Search", "A to Z", "Subjects", "About"],
            "8 concepts, 27 terms. Built November 18, 2026.",
        ),
    ],
)
def test_the_interface_speaks_each_language(site, ui, nav, footer):
    doc = page(site, f"{ui}/index.html")
    assert doc.get("lang") == ui
    assert [text(a) for a in doc.xpath("//nav[@class='main-nav']//a")] == nav
    assert text(doc.find_class("site-footer")[0].findall("p")[1]) == footer


def test_language_switch_keeps_the_page(site):
    doc = page(site, "fi/concepts/webinar.html")
    links = doc.xpath("//nav[@class='languages']//a")
    assert [(a.get("href"), a.get("hreflang"), a.get("lang"), text(a)) for a in links] == [
        ("../../fi/concepts/webinar.html", "fi", "fi", "suomi"),
        ("../../ru/concepts/webinar.html", "ru", "ru", "русский"),
        ("../../en/concepts/webinar.html", "en", "en", "English"),
    ]
    assert links[0].get("aria-current") == "true"
    for a in links:
        assert (site / "fi/concepts" / a.get("href")).resolve().is_file()


def test_hreflang_alternates_canonical_and_sitemap(site):
    doc = page(site, "ru/az/fi.html")
    base = "https://sanasto.example.fi/testi/"
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{base}ru/az/fi.html"]
    assert [
        (link.get("hreflang"), link.get("href"))
        for link in doc.xpath("//link[@rel='alternate' and @hreflang]")
    ] == [(ui, f"{base}{ui}/az/fi.html") for ui in ("fi", "ru", "en")]
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = sitemap.xpath("//s:loc/text()", namespaces=ns)
    pages = sorted(
        p for p in files(site) if p.split("/")[0] in UI_LANGUAGES and p.endswith(".html")
    )
    assert sorted(u.removeprefix(base) for u in locs) == pages
    first = sitemap.xpath("//s:url", namespaces=ns)[0]
    assert len(first.xpath("x:link[@rel='alternate']", namespaces=ns)) == 3


def test_without_base_url_there_are_no_absolute_links(tmp_path):
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    toml = (src / "glossary.toml").read_text("utf-8")
    (src / "glossary.toml").write_text(
        toml.replace('base_url = "https://sanasto.example.fi/testi/"\n', ""), "utf-8"
    )
    build(tmp_path / "out", src)
    out = tmp_path / "out"
    assert not (out / "sitemap.xml").exists()
    for name, data in files(out).items():
        if name.endswith(".html"):
            # The only absolute address is the licence's, on another site.
            licence = b'<a href="https://spdx.org/licenses/CC0-1.0.html" rel="license">'
            assert b"https://" not in data.replace(licence, b""), name
    # The option wins over the configuration, as `--base-url` does.
    build(tmp_path / "out", src, base_url="https://terms.example.org/fi-ru")
    assert page(out, "fi/index.html").xpath("//link[@rel='canonical']/@href") == [
        "https://terms.example.org/fi-ru/fi/index.html"
    ]
    assert (out / "sitemap.xml").is_file()


def test_every_text_in_another_language_says_so(site):
    """Terms, definitions, notes and titles carry their language wherever it is not the page's."""
    for name in files(site):
        if not name.endswith(".html") or "/" not in name:
            continue
        doc = page(site, name)
        ui = doc.get("lang")
        for element in doc.xpath(
            "//*[contains(@class,'term-text') or @class='definition' or ancestor::ul[@class='az-list']]"
        ):
            if element.tag in ("li", "span") and element.get("class") not in ("term-text",):
                continue
            lang = element.get("lang") or (
                element.find("p").get("lang") if element.find("p") is not None else None
            )
            assert lang in ("fi", "ru", "en"), (name, html.tostring(element)[:80])
        for title in doc.xpath("//h1[@id='concept-title']"):
            concept = Path(name).stem
            g = glossary.load(SITE_SRC)
            section = g.concepts[concept].languages.get(ui)
            assert (title.get("lang") is None) == (section is not None and bool(section.terms))


# -- A to Z ---------------------------------------------------------------------------


def az(site: Path, ui: str, lang: str) -> tuple[list[str], list[str]]:
    """The letters of the index page of A to Z, and the entries of its letter pages."""
    index = page(site, f"{ui}/az/{lang}.html")
    assert not index.xpath("//ul[@class='az-list']")  # the index lists letters only
    letters, entries = [], []
    for link in index.xpath("//nav[@class='az-index']//a"):
        letters.append(link.find("span").text)
        doc = page(site, f"{ui}/az/{link.get('href')}")
        assert [text(h) for h in doc.xpath("//main//section/h2")] == [letters[-1]]
        found = [text(a) for a in doc.xpath("//ul[@class='az-list']/li/a")]
        count = "".join(ch for ch in text(link.find_class("count")[0]) if ch.isdigit())
        assert count == str(len(found))
        entries += found
    return letters, entries


def test_finnish_a_to_z_ends_with_a_ring_a_diaeresis_and_o_diaeresis(site):
    letters, entries = az(site, "fi", "fi")
    # Leading punctuation is passed over, as in a printed dictionary: "<script>" is an S.
    assert letters == ["A", "E", "K", "S", "V", "W", "Å", "Ä"]
    assert entries == [
        "ammatillinen koulutus",
        "etäopiskelu",
        "etäoppiminen",
        "kapasiteetti",
        "<script>window.__pwned = 'term'</script>",
        "verkko-oppiminen",
        "webinaari",
        "Åbo Akademi",
        "äidinkieli",
    ]


def test_russian_a_to_z_files_yo_with_ye(site):
    letters, entries = az(site, "ru", "ru")
    assert letters == ["А", "В", "Д", "Е", "З", "О", "П", "Р", "A–Z"]
    assert entries == [
        "Академия Або",
        "вебинар",
        "дистанционное обучение",
        "ёмкость",
        "заочное обучение",
        "онлайн-обучение",
        "профессиональное образование",
        "родной язык",
        "</title><b>жирный</b>",
    ]


def test_latin_terms_in_a_russian_a_to_z_come_last_under_a_z(tmp_path):
    build(tmp_path / "out", TERMS)
    letters, entries = az(tmp_path / "out", "en", "ru")
    assert letters[-1] == "A–Z"
    assert letters[:3] == ["А", "Б", "В"]
    # After the Cyrillic entries, the Latin ones (ECVET, Europass …), and nothing else.
    first = next(i for i, entry in enumerate(entries) if entry[:1].isascii())
    assert "ECVET" in entries[first:]
    assert all(entry[:1].isascii() for entry in entries[first:])


def test_a_to_z_marks_status_and_links_to_the_entry(site):
    doc = page(site, "en/az/ru/u0437.html")
    item = doc.xpath("//ul[@class='az-list']/li[a='заочное обучение']")[0]
    assert item.find("a").get("href") == "../../concepts/distance-learning.html"
    assert item.find("a").get("class") == "status-deprecated"
    assert text(item.find_class("badge")[0]) == "deprecated"
    # Each term comes with the concept's preferred terms in the other languages.
    assert [(s.get("lang"), s.text) for s in item.find_class("equivalents")[0]] == [
        ("fi", "etäopiskelu"),
        ("en", "distance learning"),
    ]
    # The letter index on top: every letter, the page's own one current and not a link.
    nav = doc.xpath("//nav[@class='az-index']//li")
    assert [text(li) for li in nav] == ["А", "В", "Д", "Е", "З", "О", "П", "Р", "A–Z"]
    assert [li[0].tag for li in nav].count("span") == 1
    assert nav[4][0].get("aria-current") == "page" and text(nav[4]) == "З"
    assert nav[0][0].get("href") == "u0430.html"
    assert doc.xpath("//h1")[0].text_content().endswith("· З")


# -- subjects, about, 404 --------------------------------------------------------------


def test_subject_pages_list_their_concepts_in_order(site):
    doc = page(site, "fi/subjects.html")
    assert [(text(a), a.get("href")) for a in doc.xpath("//main//li/a")] == [
        ("Ammatillinen koulutus", "subjects/vet.html"),
        ("Verkko-oppiminen", "subjects/e-learning.html"),
    ]
    doc = page(site, "fi/subjects/e-learning.html")
    assert [text(a) for a in doc.xpath("//main//li/a")] == [
        "etäopiskelu",
        "verkko-oppiminen",
        "webinaari",
    ]


def test_about_page_has_version_licence_citation_and_downloads(site):
    doc = page(site, "fi/about.html")
    facts = dict(
        zip(
            [text(dt) for dt in doc.xpath("//dl[@class='facts']/dt")],
            [text(dd) for dd in doc.xpath("//dl[@class='facts']/dd")],
            strict=True,
        )
    )
    assert facts["Versio"] == "0.1"
    assert facts["Lisenssi"] == "CC0-1.0"
    assert facts["Kielet"] == "suomi, venäjä, englanti"
    downloads = [(text(a), a.get("href")) for a in doc.xpath("//main//ul/li/a")]
    assert downloads == [
        ("CSV", "../downloads/site-test.csv"),
        ("TBX", "../downloads/site-test.tbx"),
    ]
    assert "Testisanasto. 0.1. https://sanasto.example.fi/testi/fi/index.html." in text(doc)


def test_about_page_links_a_pdf_and_json_api_built_alongside(tmp_path):
    out = tmp_path / "out"
    build(out)
    (out / "downloads" / "site-test.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 250_000)
    (out / "downloads" / "json" / "v1").mkdir(parents=True)
    (out / "downloads" / "json" / "v1" / "index.json").write_text("{}", "utf-8")
    build(out)
    doc = page(out, "ru/about.html")
    items = [text(li) for li in doc.xpath("//main//ul/li")]
    assert items[1] == "PDF 250 кБ"
    assert items[-1] == "JSON API"
    # What other exporters put there is not the site's: a rebuild leaves it alone.
    assert (out / "downloads" / "site-test.pdf").is_file()


def test_404_page_links_absolutely_to_the_homes(site):
    doc = page(site, "404.html")
    assert [a.get("href") for a in doc.xpath("//ul[@class='homes']//a")] == [
        f"https://sanasto.example.fi/testi/{ui}/index.html" for ui in ("fi", "ru", "en")
    ]
    assert doc.xpath("//link[@rel='stylesheet' or @rel='icon']/@href") == [
        "https://sanasto.example.fi/testi/assets/style.css",
        "https://sanasto.example.fi/testi/assets/icon.svg",
    ]
    # A 404 answers for a missing address: it declares no canonical one nor alternates.
    assert doc.xpath("//link[@rel='canonical' or @hreflang]") == []


@pytest.mark.parametrize(
    ("license", "url"),
    [
        ("CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0.html"),
        (" CC0-1.0 ", "https://spdx.org/licenses/CC0-1.0.html"),
        ("https://example.org/terms", "https://example.org/terms"),
        ("MIT OR Apache-2.0", None),  # an expression names no single page
        ("all rights reserved", None),
        ("../../etc", None),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_licence_links_to_its_spdx_page_or_its_own_address(license, url):
    assert license_url(license) == url


def test_footer_names_publisher_and_links_the_licence(site, tmp_path):
    doc = page(site, "ru/concepts/webinar.html")
    footer = doc.xpath("//footer[@class='site-footer']/p")[0]
    assert text(footer) == (
        "Тестовый глоссарий · версия 0.1 · издатель: Test publisher · лицензия CC0-1.0"
    )
    link = footer.xpath("a[@rel='license']")[0]
    assert (link.text, link.get("href")) == ("CC0-1.0", "https://spdx.org/licenses/CC0-1.0.html")
    about = page(site, "en/about.html")
    assert about.xpath("//dd/a[@rel='license']/@href") == ["https://spdx.org/licenses/CC0-1.0.html"]
    # Without a publisher nothing stands in for one.
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    toml = (src / "glossary.toml").read_text("utf-8")
    (src / "glossary.toml").write_text(toml.replace('publisher = "Test publisher"\n', ""), "utf-8")
    build(tmp_path / "out", src)
    footer = page(tmp_path / "out", "en/index.html").xpath("//footer/p")[0]
    assert text(footer) == "Test glossary · version 0.1 · licence CC0-1.0"
    assert "Test publisher" not in text(page(tmp_path / "out", "en/about.html"))


def test_no_placeholder_publisher_is_shipped():
    """The bundled glossary names no publisher rather than a placeholder, and the
    templates and catalogs have none of their own."""
    assert "publisher" not in (TERMS / "glossary.toml").read_text("utf-8")
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".po", ".pot", ".typ", ".css", ".js"):
            assert "glossary project" not in path.read_text("utf-8"), path


def test_every_relative_link_leads_somewhere(site):
    for name in files(site):
        if not name.endswith(".html") or name == "404.html":
            continue
        doc = page(site, name)
        here = (site / name).parent
        for _element, _attribute, link, _ in doc.iterlinks():
            if link.startswith(("https://", "mailto:")):
                continue
            target, _, fragment = link.partition("#")
            target = target.partition("?")[0]
            path = (here / target).resolve() if target else site / name
            assert path.is_file(), f"{name}: {link}"
            if fragment:
                assert (
                    page(site, path.relative_to(site).as_posix()).get_element_by_id(fragment)
                    is not None
                )


# -- hostile content -------------------------------------------------------------------


def test_html_in_the_glossary_is_text_on_every_page(site):
    for name, data in files(site).items():
        if name.endswith(".html"):
            assert b"<script>window" not in data, name
            # The one picture is the concept image the glossary declares, in media/.
            assert data.count(b"<img") == (name.endswith("vocational-education.html")), name
            assert b"<svg" not in data, name
            assert b"<b>" not in data, name
    doc = page(site, "fi/concepts/hostile.html")
    assert doc.find(".//h1").text == "<script>window.__pwned = 'term'</script>"
    assert not doc.xpath("//main//script | //main//img | //main//svg | //main//b")
    assert doc.find_class("concept-note")[0].xpath("p/span[@lang]")[0].text_content() == (
        "</aside><script>window.__pwned = 'note'</script>"
    )


# -- the templates and their catalogs ---------------------------------------------------


def test_templates_use_only_what_their_context_documents():
    from dataclasses import fields

    from jinja2 import meta

    from glossary.site import context
    from glossary.templating import environment, templates_dir

    pages: dict[str, type | None] = dict(context.TEMPLATES)
    env = environment(templates_dir())
    folder = templates_dir() / "site"
    assert {p.name for p in folder.glob("*.html")} == set(pages)
    gettext = {"_", "gettext", "ngettext"}
    for name, kind in pages.items():
        source = (folder / name).read_text("utf-8")
        used = meta.find_undeclared_variables(env.parse(source)) - gettext
        allowed = {f.name for f in fields(kind)} if kind else set()
        assert used <= allowed, f"{name} uses {sorted(used - allowed)}, not in {kind}"
    for kind in vars(context).values():
        if isinstance(kind, type) and hasattr(kind, "__dataclass_fields__"):
            for f in fields(kind):
                assert f.metadata.get("help"), f"{kind.__name__}.{f.name} has no help text"


def test_docs_list_every_template_context():
    from glossary.site.reference import update

    on_disk = (ROOT / "docs" / "site.md").read_text("utf-8")
    assert on_disk == update(on_disk), "run: python -m glossary.site.reference docs/site.md"
    assert "#### `ConceptView`" in on_disk


def extracted_messages() -> dict[str, tuple[str, ...]]:
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "templates" / "babel.cfg", encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    found: dict[str, tuple[str, ...]] = {}
    for folder in (ROOT / "templates", ROOT / "glossary" / "site", ROOT / "glossary" / "pdf"):
        for _, _, message, _, _ in extract_from_dir(folder, method_map, options_map):
            key = message if isinstance(message, str) else message[0]
            found[key] = message if isinstance(message, tuple) else (message,)
    return found


def test_message_template_is_up_to_date_and_catalogs_are_complete():
    import re

    from babel.messages.pofile import read_po

    extracted = extracted_messages()
    with open(ROOT / "templates/locale/messages.pot", "rb") as fp:
        template = {m.id for m in read_po(fp) if m.id}
    assert template == set(extracted), "run the pybabel extract command in templates/babel.cfg"
    for lang in ("fi", "ru"):
        with open(ROOT / f"templates/locale/{lang}/LC_MESSAGES/messages.po", "rb") as fp:
            catalog = read_po(fp, locale=lang)
        for message_id in template:
            message = catalog.get(message_id)
            assert message is not None and message.string, (
                f"{lang}: no translation of {message_id!r}"
            )
            assert not message.fuzzy, f"{lang}: {message_id!r} is fuzzy"
            placeholders = sorted(re.findall(r"%\(\w+\)s", message_id))
            assert sorted(re.findall(r"%\(\w+\)s", message.string)) == placeholders, (
                lang,
                message_id,
            )


# -- reproducible and incremental ------------------------------------------------------


def test_two_builds_are_byte_identical(site, tmp_path):
    build(tmp_path / "again")
    assert files(tmp_path / "again") == files(site)


def test_a_rebuild_writes_only_what_changed(tmp_path):
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    out = tmp_path / "out"
    first = build(out, src)
    assert len(first) == len(files(out)) - 1  # all but the record
    assert build(out, src) == []
    before = {name: (out / name).stat().st_mtime_ns for name in files(out)}
    path = src / "webinar.yaml"
    path.write_text(path.read_text("utf-8").replace("webinaari", "verkkoseminaari"), "utf-8")
    written = sorted(p.relative_to(out).as_posix() for p in build(out, src))
    assert "fi/concepts/webinar.html" in written
    # No Finnish term begins with W any more: that letter's page goes, V's changes.
    assert "fi/az/fi/v.html" in written and "fi/az/fi.html" in written
    removed = {name for name in before if not (out / name).exists()}
    assert removed == {f"{ui}/az/fi/w.html" for ui in ("fi", "ru", "en")}
    # Every Finnish letter page has the letter index, which lost W; Russian А did not change.
    assert "fi/az/fi/a.html" in written and "fi/az/ru/u0430.html" not in written
    assert "downloads/concepts/webinar.tbx" in written
    assert "downloads/concepts/capacity.tbx" not in written
    assert "fi/concepts/capacity.html" not in written
    assert "fi/subjects/vet.html" not in written
    for name in set(before) - set(written) - removed - {MANIFEST}:
        assert (out / name).stat().st_mtime_ns == before[name], name


def test_a_rebuild_restores_what_was_deleted_or_edited_and_follows_the_templates(tmp_path):
    out = tmp_path / "out"
    build(out)
    reference = files(out)
    (out / "fi/concepts/capacity.html").unlink()
    (out / "ru/index.html").write_text("edited", "utf-8")
    written = sorted(p.relative_to(out).as_posix() for p in build(out))
    assert written == ["fi/concepts/capacity.html", "ru/index.html"]
    assert files(out) == reference
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    base = templates / "site" / "base.html"
    base.write_text(base.read_text("utf-8").replace("<main", "<main data-x", 1), "utf-8")
    written = build(out, templates=templates)
    assert len(written) == sum(1 for name in reference if name.endswith(".html"))


def test_a_removed_concept_loses_its_pages_and_nothing_else(tmp_path):
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    out = tmp_path / "out"
    build(out, src)
    (out / "fi" / "notes.txt").write_text("mine", "utf-8")
    (src / "capacity.yaml").unlink()
    build(out, src)
    assert not (out / "ru/concepts/capacity.html").exists()
    assert (out / "ru/concepts/webinar.html").exists()
    assert (out / "fi" / "notes.txt").read_text("utf-8") == "mine"
    assert (
        "ru/concepts/capacity.html" not in json.loads((out / MANIFEST).read_text("utf-8"))["files"]
    )


def test_refuses_a_folder_it_did_not_make(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "thesis.odt").write_bytes(b"precious")
    with pytest.raises(
        ExportError, match="is not empty and was not made by 'glossary export site'"
    ):
        build(out)
    assert [p.name for p in out.iterdir()] == ["thesis.odt"]
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(ExportError, match="is a file"):
        build(tmp_path / "file")


def test_a_tampered_record_never_removes_files_outside_the_site(tmp_path):
    out = tmp_path / "out"
    build(out)
    outside = tmp_path / "keep.txt"
    outside.write_text("mine", "utf-8")
    (out / MANIFEST).write_text(
        json.dumps({"files": {p: ["k", 4] for p in ("../keep.txt", str(outside), "", ".")}}),
        "utf-8",
    )
    build(out)
    assert outside.read_text("utf-8") == "mine"
    (out / MANIFEST).write_text("not json", "utf-8")
    build(out)
    assert (out / "index.html").is_file()


# -- the command line ------------------------------------------------------------------


def test_cli_export_site(runner, tmp_path):
    from glossary.cli import app

    out = tmp_path / "site"
    result = runner.invoke(app, ["export", "site", "--out", str(out), "-g", str(SITE_SRC)])
    assert result.exit_code == 0, result.stderr
    written = len(files(out)) - 1
    assert result.stderr == f"wrote {written} changed files in {out}\n"
    result = runner.invoke(app, ["export", "site", "--out", str(out), "-g", str(SITE_SRC)])
    assert result.stderr == f"{out} is up to date\n"
    result = runner.invoke(app, ["export", "site", "-g", str(SITE_SRC)])
    assert result.exit_code == 2
    assert "'site' writes a folder; give --out DIR" in result.stderr
    result = runner.invoke(
        app, ["export", "site", "--out", str(out), "--base-url", "sanasto", "-g", str(SITE_SRC)]
    )
    assert result.exit_code == 2
    assert "'sanasto' is not an http(s) address" in result.stderr


def test_cli_export_site_into_a_foreign_folder_fails_cleanly(runner, tmp_path):
    from glossary.cli import app

    (tmp_path / "mine.txt").write_text("x", "utf-8")
    result = runner.invoke(app, ["export", "site", "--out", str(tmp_path), "-g", str(SITE_SRC)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"glossary: error: {tmp_path} is not empty and was not made by 'glossary export site'; "
        "give an empty or new folder\n"
    )


def test_own_templates(runner, tmp_path):
    from glossary.cli import app

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    style = templates / "site" / "assets" / "style.css"
    style.write_text(style.read_text("utf-8") + ".brand { color: #ffe; }\n", "utf-8")
    out = tmp_path / "out"
    args = ["export", "site", "--out", str(out), "--templates", str(templates)]
    result = runner.invoke(app, [*args, "-g", str(SITE_SRC)])
    assert result.exit_code == 0, result.stderr
    assert (out / "assets/style.css").read_text("utf-8").endswith(".brand { color: #ffe; }\n")
    # A mistake in a template is one line naming the file and line, and nothing is written.
    concept = templates / "site" / "concept.html"
    concept.write_text(
        concept.read_text("utf-8").replace("{% endfor %}", "{% endfro %}", 1), "utf-8"
    )
    before = files(out)
    result = runner.invoke(app, [*args, "-g", str(SITE_SRC)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"glossary: error: {concept}:4: template error: ")
    assert "Traceback" not in result.stderr
    assert files(out) == before
    result = runner.invoke(
        app,
        ["export", "site", "--out", str(out), "--templates", str(tmp_path), "-g", str(SITE_SRC)],
    )
    assert result.exit_code == 2
    assert "has no site/ folder" in result.stderr


def test_library_export_site(tmp_path):
    g = glossary.load(SITE_SRC)
    written = glossary.export(g, "site", tmp_path / "out")
    assert tmp_path / "out" / "fi" / "index.html" in written


# -- glossary serve --------------------------------------------------------------------


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_serve_previews_and_rebuilds_on_change(tmp_path):
    from glossary.site.serve import Preview

    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    reports: list[str] = []
    with Preview(src, port=0, templates=templates, report=reports.append, interval=0.05) as preview:
        status, body = fetch(preview.url + "fi/concepts/webinar.html")
        assert status == 200
        assert b'<h1 id="concept-title">webinaari</h1>' in body
        assert b"/__glossary/build" in body  # the reload script, added as the page is sent
        assert b"/__glossary/" not in (preview.out / "fi/concepts/webinar.html").read_bytes()
        assert fetch(preview.url + "__glossary/build") == (200, b"1")
        assert fetch(preview.url + "assets/style.css")[0] == 200
        assert fetch(preview.url + "fi/")[0] == 200
        status, body = fetch(preview.url + "no/such/page.html")
        assert status == 404 and "Sivua ei löytynyt".encode() in body

        path = src / "webinar.yaml"
        path.write_text(path.read_text("utf-8").replace("webinaari", "verkkoseminaari"), "utf-8")
        assert wait_for(lambda: preview.build_number == 2), reports
        assert b"verkkoseminaari" in fetch(preview.url + "fi/concepts/webinar.html")[1]

        style = templates / "site" / "assets" / "style.css"
        style.write_text(style.read_text("utf-8") + "/* changed */\n", "utf-8")
        assert wait_for(lambda: preview.build_number == 3), reports
        assert fetch(preview.url + "assets/style.css")[1].endswith(b"/* changed */\n")

        path.write_text("id: webinar\nlanguages: [\n", "utf-8")
        assert wait_for(lambda: any("still serving" in r for r in reports)), reports
        assert any(f"{path.name}:" in r and "L10" in r for r in reports), reports
        assert preview.build_number == 3
        assert b"verkkoseminaari" in fetch(preview.url + "fi/concepts/webinar.html")[1]
        out = preview.out
    assert not out.exists()  # its own temporary folder is removed


def test_serve_refuses_broken_sources_at_start(tmp_path):
    from glossary.errors import LoadError
    from glossary.site.serve import Preview

    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    (src / "webinar.yaml").write_text("id: [\n", "utf-8")
    reports: list[str] = []
    preview = Preview(src, port=0, report=reports.append)
    with pytest.raises(LoadError):
        preview.start()
    assert not preview.out.exists()
    assert any("webinar.yaml:" in r for r in reports)


def test_exports_put_into_downloads_first_do_not_make_the_folder_foreign(tmp_path):
    out = tmp_path / "public"
    (out / "downloads").mkdir(parents=True)
    (out / "downloads" / "site-test.pdf").write_bytes(b"%PDF-1.7\n")
    build(out)
    assert (out / "downloads" / "site-test.pdf").read_bytes() == b"%PDF-1.7\n"
    about = (out / "en" / "about.html").read_text("utf-8")
    assert "downloads/site-test.pdf" in about


def test_serve_answers_a_path_component_over_255_bytes_with_404(tmp_path, capfd):
    from glossary.site.serve import Preview

    reports: list[str] = []
    with Preview(SITE_SRC, port=0, report=reports.append) as preview:
        for name in ("a" * 300, "a" * 300 + "/index.html", "%ED%A0%80", "x%00y.html"):
            status, body = fetch(preview.url + name)
            assert status == 404, name
            assert "Sivua ei löytynyt".encode() in body
        assert fetch(preview.url + "fi/")[0] == 200
    captured = capfd.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.out + captured.err == ""
    assert len(reports) == 1 and reports[0].startswith("built "), reports


def test_serve_a_client_that_does_not_read_blocks_no_other(tmp_path):
    import socket

    from glossary.site.serve import Preview

    out = tmp_path / "out"
    with Preview(SITE_SRC, port=0, out=out, report=lambda line: None) as preview:
        (out / "big.html").write_bytes(b"<p>" + b"x" * 16 * 1024 * 1024 + b"</p></body>")
        host, port = preview.server.server_address[:2]
        stuck = socket.create_connection((host, port), timeout=10)
        stuck.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        try:
            stuck.sendall(b"GET /big.html HTTP/1.1\r\nHost: x\r\n\r\n")
            time.sleep(0.5)  # the server is now writing the page nobody reads
            start = time.monotonic()
            with urllib.request.urlopen(preview.url + "fi/", timeout=5) as response:
                assert response.status == 200
            with urllib.request.urlopen(preview.url + "big.html", timeout=5) as response:
                assert response.read().endswith(b"</body>")
            assert time.monotonic() - start < 5
        finally:
            stuck.close()
