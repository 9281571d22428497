"""The web glossary in a real browser: Debian's Chromium driven by Playwright.

Every page is opened from a local web server (and some from ``file://``); a request to
any other address is refused and recorded, and a console error fails the test. The
accessibility checks inject axe-core from ``node_modules`` (``npm ci``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from conftest import DATA, TERMS, Served, built_site, guarded_page

import glossary

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser):
    """A fresh page that may load nothing from outside the site and must log no error."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    with guarded_page(context) as page:
        yield page


# -- search (the interface: test_site_search_browser.py) ----------------------------


def test_javascript_keys_agree_with_the_command_line(page, bundled_site):
    from glossary.search.keys import compact, fold, skeleton

    g = glossary.load(TERMS)
    samples = sorted({t.term for c in g.concepts.values() for t in c.terms()})
    samples += [
        "Ёлка-палка",
        "ЕТÄOPISKELU",
        "on-line",
        "«Профессионалитет»",
        "työ‐elämä",
        "distantsionnoye obucheniye",
        "shchyotka",
        "Mäki-Ö",
        "x  y",
        "",
    ]
    page.goto(bundled_site.url + "fi/search.html")
    page.wait_for_function("() => !!(window.GlossarySearch && window.GlossarySearch.fold)")
    got = page.evaluate(
        """samples => samples.map(s => [GlossarySearch.fold(s), GlossarySearch.compact(s),
                                       GlossarySearch.skeleton(s)])""",
        samples,
    )
    expected = [[fold(s), compact(s), skeleton(s)] for s in samples]
    mismatched = [(s, g_, e) for s, g_, e in zip(samples, got, expected, strict=True) if g_ != e]
    assert mismatched == []


# -- navigation ------------------------------------------------------------------------


def test_language_switch_keeps_the_page(page, bundled_site):
    page.goto(bundled_site.url + "fi/concepts/distance-learning.html")
    page.locator("nav.languages a[hreflang='ru']").click()
    page.wait_for_url("**/ru/concepts/distance-learning.html")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").text_content() == "дистанционное обучение"
    page.locator("nav.languages a[hreflang='en']").click()
    page.wait_for_url("**/en/concepts/distance-learning.html")
    assert page.locator("h1").text_content() == "distance learning"


def test_a_to_z_in_each_languages_order(page, test_site):
    page.goto(test_site.url + "fi/az/fi.html")
    index = page.locator("nav.az-index a")
    assert [t.split()[0] for t in index.all_inner_texts()] == list("AEKSVWÅÄ")
    entries = []
    for href in index.evaluate_all("links => links.map(a => a.href)"):
        page.goto(href)
        entries += page.locator(".az-list a").all_text_contents()
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
    # The letter index on top of a letter page leads to the other letters.
    page.goto(test_site.url + "fi/az/fi/a.html")
    page.locator("nav.az-index a", has_text="Ä").click()
    page.wait_for_url("**/fi/az/fi/u00e4.html")
    assert page.locator(".az-list a").all_text_contents() == ["äidinkieli"]
    assert page.locator("nav.az-index [aria-current=page]").text_content() == "Ä"
    page.goto(test_site.url + "ru/az/ru/u0435.html")
    assert page.locator(".az-list a").all_text_contents() == ["ёмкость"]


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)])
def test_an_old_a_to_z_anchor_shows_its_letter_below_the_header(browser, test_site, viewport):
    """The single A-to-Z page's #letter-N anchors land on the letter in the index page,
    in view and not under anything that sticks to the top."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(test_site.url + "fi/az/fi.html#letter-7")
    target = page.locator("#letter-7")
    box = target.bounding_box()
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('#letter-7') !== null",
        [box["x"] + 5, box["y"] + box["height"] / 2],
    )
    href = target.locator("a").get_attribute("href")
    context.close()
    assert 0 <= box["y"] < viewport[1] and on_top
    assert href == "fi/u00e4.html"


def test_keyboard_only(page, bundled_site):
    page.goto(bundled_site.url + "fi/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    assert page.locator(".skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every control is reachable with Tab and shows where the focus is.
    page.goto(bundled_site.url + "fi/index.html")
    seen = []
    for _ in range(100):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                       return [e.tagName, e.getAttribute('href') || e.id || e.type,
                               s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
        )
        if style[0] == "BODY":  # past the last control
            break
        seen.append(style[1])
        assert style[2] != "none" and style[3] >= 2, f"no visible focus on {style}"
    assert len(seen) > 20
    assert "search.html" in seen and "home-q" in seen and "az/ru.html" in seen
    # Search, choose a result and open it without a mouse.
    page.goto(bundled_site.url + "fi/search.html")
    page.keyboard.type("webinaarissa")
    page.wait_for_selector("#q-list .result")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.getAttribute('aria-activedescendant')")
    assert page.locator(f"#{chosen} .result-term").text_content() == "webinaari"
    page.keyboard.press("Enter")
    page.wait_for_url("**/fi/concepts/webinar.html")


# -- hostile content -------------------------------------------------------------------


def test_hostile_text_is_shown_as_text(page, test_site):
    page.goto(test_site.url + "fi/concepts/hostile.html")
    assert page.locator("h1").text_content() == "<script>window.__pwned = 'term'</script>"
    assert page.locator(".definition p").first.text_content() == (
        "<img src=x onerror=\"window.__pwned = 'definition'\">"
    )
    assert page.locator("main img, main svg, main b, main script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


# -- accessibility and layout --------------------------------------------------------


PAGES = [
    "index.html",
    "fi/index.html",
    "fi/concepts/distance-learning.html",
    "ru/concepts/vocational-education-and-training.html",
    "en/az/fi.html",
    "ru/az/ru.html",
    "ru/az/ru/u0434.html",
    "fi/concepts/academic-debt.html",  # a draft entry
    "fi/search.html?q=etäopiskelu",
    "ru/search.html?q=zzzz",
    "en/subjects.html",
    "fi/subjects/vet.html",
    "ru/about.html",
    "404.html",
]


def serious_violations(page, axe_source) -> list:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(page, bundled_site, axe_source, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(bundled_site.url + path)
    if "search.html" in path:
        page.wait_for_function("document.getElementById('q-live').textContent !== ''")
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "fi/concepts/vocational-education.html",  # image, equivalence mark, parts, replaces
        "ru/concepts/webinar.html",  # hierarchy trail, broader
        "en/concepts/capacity.html",  # retired, replaced by
        "ru/concepts/online-learning.html",  # usage labels, number, homograph, narrower
    ],
)
def test_axe_finds_no_serious_violation_in_relations_images_and_labels(
    page, test_site, axe_source, path, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto(test_site.url + path)
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.evaluate("document.images.length") == (1 if "vocational" in path else 0)
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")


@pytest.mark.parametrize(
    "path",
    [
        "fi/index.html",
        "fi/concepts/distance-learning.html",
        "ru/az/ru.html",
        "ru/search.html?q=обучение",
        "en/about.html",
    ],
)
def test_fits_a_phone_screen(browser, bundled_site, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(bundled_site.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_print_stylesheet(page, bundled_site):
    page.goto(bundled_site.url + "fi/concepts/distance-learning.html")
    assert not page.locator(".print-address").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator(".quick-search").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("section.language").count() == 3
    # The citation and the page's address are printed (without base_url: where it was read).
    assert page.locator(".cite").is_visible()
    address = page.locator(".print-address")
    assert address.is_visible()
    assert address.text_content() == (
        f"Osoite: {bundled_site.url}fi/concepts/distance-learning.html"
    )
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_every_kind_of_page_loads_nothing_from_outside(page, bundled_site):
    """The ``page`` fixture refuses and reports any outside request; visit every kind."""
    for path in [*PAGES, "fi/subjects.html", "en/about.html"]:
        page.goto(bundled_site.url + path)
        page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def released_site(browser, tmp_path_factory) -> Iterator[Served]:
    """tests/data/site published as release 0.1, then 0.2 with one concept added,
    renamed, retired, removed and changed (test_whatsnew.second_release)."""
    from test_whatsnew import second_release

    src = tmp_path_factory.mktemp("released") / "src"
    shutil.copytree(DATA / "site", src)
    out = built_site(src, src.parent / "site")
    second_release(src)
    served = Served(built_site(src, out, epoch="1795100000"))
    yield served
    served.close()


def test_whats_new_renders_its_links_resolve_and_old_addresses_lead_on(
    page, released_site, axe_source
):
    page.goto(released_site.url + "en/whatsnew.html")
    assert page.locator("h1").text_content() == "What's new"
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})"""
    )
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    hrefs = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
    assert len(hrefs) == 7  # the feed, five concepts and a replacement
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, href
    # The old address of the renamed concept sends the browser on to the new one.
    page.goto(released_site.url + "en/concepts/webinar.html")
    page.wait_for_url("**/en/concepts/web-seminar.html")
    assert page.locator("h1").text_content() == "webinar"


# -- the entry page, the phone header, dark mode ------------------------------------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def test_an_entry_reads_terms_definition_examples_notes_then_its_facts(page, test_site):
    page.goto(test_site.url + "en/concepts/distance-learning.html")
    order = page.locator("section.language").evaluate_all(
        """sections => sections.map(s =>
             [...s.querySelectorAll('ul.terms, .definition, .examples, .notes')]
             .map(e => e.className))"""
    )
    assert order == [
        ["terms", "definition", "examples"],
        ["terms", "definition", "notes"],
        ["terms"],  # English has no definition here
    ]
    ru = page.locator("section.language").nth(1)
    assert ru.locator(".definition h3").inner_text().lower() == "definition"
    # Notes are typed by kind and styled apart: a usage note is not an amber warning.
    usage = ru.locator(".note-usage")
    assert usage.locator(".note-kind").text_content() == "Usage:"
    colours = usage.evaluate("e => getComputedStyle(e).backgroundColor")
    warning = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--note-warn').trim()"
    )
    assert warning == "#fff8e6" and colours != "rgb(255, 248, 230)"
    facts = page.locator("section.entry-facts dl").inner_text().split("\n")
    assert facts[:4] == [
        "Concept id",
        "distance-learning",
        "Permanent address",
        "https://sanasto.example.fi/testi/en/concepts/distance-learning.html",
    ]
    # The access date is the reader's today, set by the page's script.
    today = page.evaluate("new Date().toLocaleDateString('sv-SE')")  # YYYY-MM-DD
    assert page.locator(".cite time").text_content() == today


def test_the_downloads_of_an_entry_hold_that_entry(page, test_site):
    page.goto(test_site.url + "fi/concepts/webinar.html")
    links = page.locator(".entry-downloads a")
    assert links.all_text_contents() == ["JSON", "TBX", "SKOS (Turtle)"]
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    data = [page.request.get(href) for href in hrefs]
    assert [r.status for r in data] == [200, 200, 200]
    assert data[0].json()["id"] == "webinar"
    assert data[0].json()["languages"]["fi"]["terms"][0]["term"] == "webinaari"
    tbx = data[1].text()
    assert tbx.count("<conceptEntry ") == 1 and 'id="webinar"' in tbx
    assert "webinaari" in tbx
    assert "skos:Concept" in data[2].text() and '"webinaari"@fi' in data[2].text()


def test_a_draft_entry_says_so_and_its_terms_are_only_proposed(page, bundled_site):
    page.goto(bundled_site.url + "en/concepts/academic-debt.html")
    banner = page.locator(".draft-banner")
    assert banner.is_visible()
    assert banner.text_content().startswith("Draft entry:")
    # The banner comes before the first language, right under the title.
    assert banner.bounding_box()["y"] < page.locator("section.language").first.bounding_box()["y"]
    assert page.locator(".badge-preferred").count() == 0
    proposed = page.locator(".badge-proposed")
    assert proposed.count() >= 2 and set(proposed.all_text_contents()) == {"proposed"}
    # An approved entry keeps its preferred badges.
    page.goto(bundled_site.url + "en/concepts/distance-learning.html")
    assert page.locator(".draft-banner").count() == 0
    assert page.locator(".badge-preferred").count() >= 3


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_header_is_one_bar_and_the_title_starts_high(
    browser, bundled_site, axe_source, scheme
):
    context = browser.new_context(viewport=PHONE, is_mobile=True, color_scheme=scheme)
    page = context.new_page()
    page.goto(bundled_site.url + "fi/concepts/distance-learning.html")
    title = page.locator("h1").bounding_box()
    header = page.locator("header.site-header").bounding_box()
    nav_hidden = not page.locator("nav.main-nav").is_visible()
    search_visible = page.locator("#quick-q").is_visible()
    serious = serious_violations(page, axe_source)
    page.locator(".menu summary").click()  # the menu opens behind its button
    nav_after = page.locator("nav.main-nav a").all_text_contents()
    languages = page.locator("nav.languages").is_visible()
    context.close()
    assert title["y"] <= 160, title
    assert header["height"] <= 110, header
    assert nav_hidden and search_visible
    assert nav_after == ["Etusivu", "Haku", "Aakkosittain", "Aihealueet", "Tietoja"]
    assert languages
    assert serious == []


def test_on_a_desktop_the_menu_is_open_without_a_button(page, bundled_site):
    page.goto(bundled_site.url + "fi/concepts/distance-learning.html")
    assert page.locator("nav.main-nav").is_visible()
    assert not page.locator(".menu summary").is_visible()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_the_home_page_has_the_title_once_and_one_search_box(browser, bundled_site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(bundled_site.url + "fi/index.html")
    boxes = page.locator("input[type=search]").count()
    brand = page.locator(".brand").count()
    title = page.locator("h1").text_content()
    visible_titles = page.get_by_text(title, exact=True).count()
    context.close()
    assert (boxes, brand, visible_titles) == (1, 0, 1)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_dark_mode_follows_the_system_setting(browser, bundled_site, axe_source, viewport):
    context = browser.new_context(viewport=viewport, color_scheme="dark")
    page = context.new_page()
    page.goto(bundled_site.url + "ru/concepts/webinar.html")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    field = page.evaluate("getComputedStyle(document.getElementById('quick-q')).backgroundColor")
    serious = serious_violations(page, axe_source)
    context.close()
    assert background == "rgb(15, 20, 25)" and text == "rgb(230, 237, 243)"
    assert field != "rgb(255, 255, 255)"
    assert serious == []
