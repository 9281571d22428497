"""The web glossary's search interface in Chromium: the panel under every search box, the
keys, the search page's filters and pages, phones, dark mode, axe-core, file://.

Two kinds of test. Those on the real engine (assets/search-engine.js, tested on its own
in test_site_search_engine_browser.py) check that the interface shows exactly what the
engine answers and that real queries lead to the right entries. Those on a *given*
answer replace search-engine.js, through the browser's request routing, with a script
that answers fixed Answer objects (the engine's documented shape), so that what is shown
for a highlight, a draft entry, a keyboard-layout reading, 45 results or hostile text is
checked exactly, whatever the engine's ranking becomes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest
import test_site_browser as shared
from conftest import TERMS, guarded_page

import glossary

# The axe-core check of the other browser tests (the browser and sites: conftest.py).
serious_violations = shared.serious_violations

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def result(term, lang="fi", cid="distance-learning", **fields):
    """A Result of the engine's API, with defaults for what a test does not care about."""
    base = {
        "id": cid,
        "url": f"concepts/{cid}.html",
        "term": term,
        "lang": lang,
        "status": "preferred",
        "kind": "exact",
        "score": 100,
        "highlight": [[0, len(term)]],
        "conceptStatus": "approved",
        "subjects": [],
        "equivalents": [],
        "definition": {},
    }
    base.update(fields)
    return base


def answer(query, matches=(), nearest=(), read_as=None):
    return {"query": query, "readAs": read_as, "matches": list(matches), "nearest": list(nearest)}


#: The fixed answers of the stand-in engine, by query.
GIVEN = {
    "etäopiskelussa": answer(
        "etäopiskelussa",
        [
            result(
                "etäopiskelu",
                highlight=[[3, 7], [7, 11]],
                subjects=["e-learning", "vet"],
                equivalents=[
                    {"lang": "ru", "term": "дистанционное обучение", "status": "preferred"},
                    {"lang": "ru", "term": "дистанционное образование", "status": "admitted"},
                    {"lang": "en", "term": "distance learning", "status": "preferred"},
                ],
                definition={
                    "fi": "Opiskelumuoto, jossa opiskelija ja opettaja ovat eri paikoissa.",
                    "ru": "Форма обучения на расстоянии.",
                },
            ),
            result(
                "etäopetus",
                cid="academic-debt",
                status="deprecated",
                highlight=[[0, 3]],
                conceptStatus="draft",
            ),
        ],
    ),
    "lbcnfywbjyyjt j,extybt": answer(
        "lbcnfywbjyyjt j,extybt",
        [result("дистанционное обучение", lang="ru", kind="layout", highlight=[[0, 22]])],
        read_as="дистанционное обучение",
    ),
    "laki koulutuksesta": answer(
        "laki koulutuksesta",
        [],
        [
            result("ammatillinen koulutus", cid="vet", kind="word", highlight=[[13, 21]]),
            result("koulutus", cid="education", kind="fuzzy", highlight=[]),
        ],
    ),
    "many": answer(
        "many",
        [
            result(
                f"term {n:02d}",
                lang="en",
                cid=f"c{n:02d}",
                url=f"concepts/{'webinar' if n == 40 else 'distance-learning'}.html",
                highlight=[[0, 4]],
                # As the engine answers: the first 20 with their details, then without.
                equivalents=[{"lang": "fi", "term": f"termi {n:02d}", "status": "preferred"}]
                if n < 20
                else [],
                detailed=n < 20,
            )
            for n in range(45)
        ],
    ),
    "hostile": answer(
        "hostile",
        [
            result(
                "<img src=x onerror=\"window.__pwned='term'\">",
                highlight=[[0, 4], [2, 9], [40, 99], [7, 3], "x", [None, 2]],
                subjects=["<b>subject</b>"],
                equivalents=[{"lang": "ru", "term": "</li><b>жирный</b>", "status": "admitted"}],
                definition={"fi": "<script>window.__pwned='def'</script>"},
                url="concepts/hostile.html",
            )
        ],
    ),
}

GIVEN_ENGINE = """
window.GlossarySearch = {
  calls: [],
  search: function (query, options) {
    this.calls.push([query, options]);
    var given = %s[query] || {query: query, readAs: null, matches: [], nearest: []};
    var copy = JSON.parse(JSON.stringify(given));
    if (options.lang) copy.matches = copy.matches.filter(function (r) { return r.lang === options.lang; });
    return new Promise(function (resolve) { setTimeout(function () { resolve(copy); }, 5); });
  },
  details: function (results) {
    results.forEach(function (r) {
      if (r.detailed !== false) throw new Error("details asked for a detailed result");
      r.equivalents = [{lang: "fi", term: "termi " + r.term.slice(5), status: "preferred"}];
      r.detailed = true;
    });
    /* A bigger batch takes longer: a later, smaller one would come back first. */
    var wait = 3 * results.length;
    return new Promise(function (resolve) { setTimeout(function () { resolve(results); }, wait); });
  }
};
"""


@contextmanager
def opened(browser, viewport=DESKTOP, scheme="light", given=False, locale="fi-FI") -> Iterator:
    """A page that may load nothing from outside the site and must log no error; with
    ``given``, search-engine.js answers the fixed answers above."""
    context = browser.new_context(
        locale=locale,
        viewport=viewport,
        color_scheme=scheme,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )

    def serve(route, url: str) -> bool:
        if not (given and url.endswith("/assets/search-engine.js")):
            return False
        route.fulfill(
            body=GIVEN_ENGINE % json.dumps(GIVEN, ensure_ascii=False) if given is True else given,
            content_type="text/javascript; charset=utf-8",
        )
        return True

    with guarded_page(context, serve=serve) as page:
        yield page


def typed(page, box: str, query: str, early: bool = False) -> None:
    """Type ``query`` into the box and wait until its results are those of ``query``: the
    whole answer, or with ``early`` the first shown (the list is busy until the whole
    answer comes)."""
    page.fill(box, query)
    page.wait_for_function(
        """([box, q, early]) => { const list = document.getElementById(box.slice(1) + '-list');
             return list.dataset.query === q && (early || !list.hasAttribute('aria-busy')); }""",
        arg=[box, query, early],
    )


def rows(page, box: str) -> list[str]:
    return page.locator(f"{box}-list .result .result-term").all_text_contents()


def engine_answer(page, query: str, options: dict | None = None) -> dict:
    return page.evaluate("([q, o]) => GlossarySearch.search(q, o)", [query, options or {}])


# -- the panel under a box -----------------------------------------------------------------


def test_typing_in_the_header_shows_the_results_under_the_box(browser, bundled_site):
    with opened(browser) as page:
        page.goto(bundled_site.url + "fi/concepts/webinar.html")
        box = page.locator("#quick-q")
        assert box.get_attribute("aria-expanded") == "false"
        assert page.locator("#quick-q-panel").is_hidden()
        # Nothing of the search is loaded before a box is used.
        assert page.evaluate("typeof window.GlossarySearch") == "undefined"
        page.click("#quick-q")
        typed(page, "#quick-q", "ammatillisessa koulutuksessa")
        assert page.locator("#quick-q-panel").is_visible()
        assert box.get_attribute("aria-expanded") == "true"
        expected = engine_answer(page, "ammatillisessa koulutuksessa")
        assert [r["term"] for r in expected["matches"]][:1] == ["ammatillinen koulutus"]
        assert rows(page, "#quick-q") == [r["term"] for r in expected["matches"]][:8]
        first = page.locator("#quick-q-list .result").first
        assert first.locator(".result-term").get_attribute("lang") == "fi"
        assert (
            "профессиональное образование"
            in first.locator(".equivalent-term[lang=ru]").all_text_contents()
        )
        count = len(expected["matches"])
        assert page.locator("#quick-q-panel .search-count").text_content() == (
            "Löytyi 1 käsite." if count == 1 else f"Löytyi {count} käsitettä."
        )
        # ↓ chooses the first result, Enter opens it; the focus never leaves the box.
        page.keyboard.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == "quick-q-opt-0"
        assert first.get_attribute("aria-selected") == "true"
        assert page.evaluate("document.activeElement.id") == "quick-q"
        page.keyboard.press("Enter")
        page.wait_for_url("**/fi/concepts/vocational-education-and-training.html")
        assert page.locator("h1").text_content() == "ammatillinen koulutus"


def test_the_keys_go_through_every_result_and_escape_goes_back_to_the_box(browser, bundled_site):
    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "en/about.html")
        page.click("#quick-q")
        typed(page, "#quick-q", "many")
        box = page.locator("#quick-q")
        options = page.locator("#quick-q-list [role=option]")
        # Eight results and "All results (45)" in the panel.
        assert options.count() == 9
        assert options.last.text_content() == "All results (45)"
        seen = []
        for _ in range(9):
            page.keyboard.press("ArrowDown")
            seen.append(box.get_attribute("aria-activedescendant"))
        assert seen == [f"quick-q-opt-{n}" for n in range(8)] + ["quick-q-all"]
        assert page.locator("#quick-q-list [aria-selected=true]").count() == 1
        page.keyboard.press("ArrowDown")  # past the last: back to the box
        assert box.get_attribute("aria-activedescendant") is None
        page.keyboard.press("ArrowUp")  # from the box up: the last
        assert box.get_attribute("aria-activedescendant") == "quick-q-all"
        page.keyboard.press("ArrowUp")
        assert box.get_attribute("aria-activedescendant") == "quick-q-opt-7"
        page.keyboard.press("Escape")
        assert page.locator("#quick-q-panel").is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        assert box.get_attribute("aria-activedescendant") is None
        assert page.evaluate("document.activeElement.id") == "quick-q"
        assert box.input_value() == "many"
        page.keyboard.press("ArrowDown")  # opens the panel again on the first result
        assert page.locator("#quick-q-panel").is_visible()
        assert box.get_attribute("aria-activedescendant") == "quick-q-opt-0"
        page.keyboard.press("End")
        page.keyboard.press("Enter")  # "All results": the search page
        page.wait_for_url("**/en/search.html?q=many")
        page.wait_for_selector("#q-list .result")
        assert page.locator("#q").input_value() == "many"


#: An engine that gives the first three answers early and the whole answer when the
#: test says so (window.release).
EARLY_ENGINE = GIVEN_ENGINE.replace(
    "    return new Promise(function (resolve) { setTimeout(function () { resolve(copy); }, 5); });",
    """    var early = JSON.parse(JSON.stringify(copy));
    early.matches = early.matches.slice(0, 3);
    setTimeout(function () { options.early(early); }, 5);
    return new Promise(function (resolve) {
      var wait = setInterval(function () {
        if (window.release) { clearInterval(wait); resolve(copy); }
      }, 5);
    });""",
)


def test_early_answers_show_at_once_and_the_chosen_row_stays_chosen(browser, bundled_site):
    assert EARLY_ENGINE != GIVEN_ENGINE
    engine = EARLY_ENGINE % json.dumps(GIVEN, ensure_ascii=False)
    with opened(browser, given=engine) as page:
        page.goto(bundled_site.url + "en/about.html")
        page.click("#quick-q")
        typed(page, "#quick-q", "many", early=True)
        box = page.locator("#quick-q")
        assert rows(page, "#quick-q") == ["term 00", "term 01", "term 02"]
        assert page.locator("#quick-q-list").get_attribute("aria-busy") == "true"
        assert page.locator("#quick-q-panel .search-count").text_content() == "3 concepts found."
        # Not announced: screen readers hear the whole answer once.
        assert page.locator("#quick-q-live").text_content() == ""
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert box.get_attribute("aria-activedescendant") == "quick-q-opt-1"
        page.evaluate("window.release = true")
        page.wait_for_function(
            "document.querySelectorAll('#quick-q-list [role=option]').length === 9"
        )
        assert rows(page, "#quick-q")[:3] == ["term 00", "term 01", "term 02"]
        assert box.get_attribute("aria-activedescendant") == "quick-q-opt-1"
        assert page.locator("#quick-q-list [aria-selected=true]").count() == 1
        assert page.locator("#quick-q-live").text_content() == "45 concepts found."
        assert page.locator("#quick-q-list").get_attribute("aria-busy") is None


def test_an_earlier_search_never_shows_over_a_later_one(browser, bundled_site):
    engine = EARLY_ENGINE % json.dumps(GIVEN, ensure_ascii=False)
    with opened(browser, given=engine) as page:
        page.goto(bundled_site.url + "en/about.html")
        page.click("#quick-q")
        typed(page, "#quick-q", "many", early=True)
        assert len(rows(page, "#quick-q")) == 3
        # A new query before the first one's whole answer: its early answer replaces the
        # first's, and when both whole answers come only the new one's is shown.
        typed(page, "#quick-q", "etäopiskelussa", early=True)
        assert rows(page, "#quick-q")[:1] == ["etäopiskelu"]
        page.evaluate("window.release = true")
        page.wait_for_function("!document.getElementById('quick-q-list').hasAttribute('aria-busy')")
        assert rows(page, "#quick-q")[:1] == ["etäopiskelu"]
        assert page.locator("#quick-q-list").get_attribute("data-query") == "etäopiskelussa"
        found = len(GIVEN["etäopiskelussa"]["matches"])
        assert page.locator("#quick-q-live").text_content() == (
            "1 concept found." if found == 1 else f"{found} concepts found."
        )


def test_enter_in_a_box_opens_the_search_page_and_a_click_opens_a_result(browser, bundled_site):
    with opened(browser) as page:
        page.goto(bundled_site.url + "ru/index.html")
        page.click("#home-q")
        typed(page, "#home-q", "etaopiskelu")
        assert page.locator("#home-q-panel").is_visible()
        page.keyboard.press("Enter")
        page.wait_for_url("**/ru/search.html?q=etaopiskelu")
        page.wait_for_selector("#q-list .result")
        assert rows(page, "#q")[0] == "etäopiskelu"
        assert page.locator("#q-live").text_content().startswith("Найдено")
        page.locator("#q-list .result").first.click()
        page.wait_for_url("**/ru/concepts/distance-learning.html")
        assert page.locator("h1").text_content() == "дистанционное обучение"


@pytest.mark.parametrize(
    "query",
    [
        "дистанционного обучения",  # an inflected Russian form
        "etaopiskelu",  # Finnish without its ä
        "distantsionnoe obuchenie",  # Russian in Latin letters
        "ETÄOPISKELUSSA",  # inflected, in capitals
        "lbcnfywbjyyjt j,extybt",  # Russian typed with an English keyboard layout
    ],
)
def test_real_queries_lead_to_the_entry(browser, bundled_site, query):
    with opened(browser) as page:
        page.goto(bundled_site.url + "fi/concepts/webinar.html")
        page.click("#quick-q")
        typed(page, "#quick-q", query)
        first = page.locator("#quick-q-list .result").first
        terms = first.locator(".result-term, .equivalent-term").all_text_contents()
        assert "etäopiskelu" in terms and "дистанционное обучение" in terms, terms
        if query.startswith("lbc"):
            assert page.locator("#quick-q-panel .read-as").text_content() == (
                "luettuna: дистанционное обучение"
            )
        first.click()
        page.wait_for_url("**/fi/concepts/distance-learning.html")
        assert page.locator("h1").text_content() == "etäopiskelu"


def test_a_deprecated_term_is_marked_and_leads_to_its_entry(browser, bundled_site):
    with opened(browser) as page:
        page.goto(bundled_site.url + "fi/search.html?q=työssäoppiminen")
        page.wait_for_selector("#q-list .result")
        first = page.locator("#q-list .result").first
        assert first.locator(".result-term").text_content() == "työssäoppiminen"
        assert "result-retired" in first.locator(".result-term").get_attribute("class")
        assert first.locator(".result-meta .badge").first.text_content() == "vältettävä"


def test_a_click_outside_closes_the_panel(browser, bundled_site):
    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "fi/subjects.html")
        page.click("#quick-q")
        typed(page, "#quick-q", "etäopiskelussa")
        assert page.locator("#quick-q-panel").is_visible()
        page.click("footer.site-footer")
        assert page.locator("#quick-q-panel").is_hidden()
        assert page.locator("#quick-q").get_attribute("aria-expanded") == "false"
        page.click("#quick-q")  # the same results come back with the focus
        assert page.locator("#quick-q-panel").is_visible()


# -- what a result shows -------------------------------------------------------------------


def test_a_result_shows_the_match_highlighted_its_labels_equivalents_subject_definition(
    browser, bundled_site
):
    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "fi/search.html?q=etäopiskelussa")
        page.wait_for_selector("#q-list .result")
        first = page.locator("#q-list .result").first
        term = first.locator(".result-term")
        assert term.inner_html() == "etä<mark>opiskelu</mark>"  # touching spans: one mark
        # The language, short on screen and in full for a screen reader, then the status.
        assert first.locator(".result-meta").text_content() == "FIsuomi:suositettava"
        assert first.locator(".result-meta .lang-tag [aria-hidden=true]").text_content() == "FI"
        assert first.locator(".result-meta .badge").text_content() == "suositettava"
        assert first.locator(".result-equivalents .equivalent").evaluate_all(
            "groups => groups.map(g => g.textContent)"
        ) == [
            "RUvenäjä:дистанционное обучение · дистанционное образование (hyväksyttävä)",
            "ENenglanti:distance learning",
        ]
        assert first.locator(".equivalent-term").evaluate_all(
            "terms => terms.map(t => t.lang)"
        ) == ["ru", "ru", "en"]
        assert first.locator(".result-subjects").text_content() == (
            "Verkko-oppiminen · Ammatillinen koulutus"
        )
        definition = first.locator(".result-definition")
        assert (definition.text_content(), definition.get_attribute("lang")) == (
            "Opiskelumuoto, jossa opiskelija ja opettaja ovat eri paikoissa.",
            "fi",
        )
        # A draft entry and a deprecated term say so.
        second = page.locator("#q-list .result").nth(1)
        assert second.locator(".badge").all_text_contents() == ["vältettävä", "luonnos"]
        assert "result-retired" in second.locator(".result-term").get_attribute("class")
        assert "result-draft" in second.get_attribute("class")
        assert second.locator(".result-term").inner_html() == "<mark>etä</mark>opetus"
        assert page.locator("#q-panel .search-count").text_content() == "Löytyi 2 käsitettä."
        assert page.locator("#q-live").text_content() == "Löytyi 2 käsitettä."


def test_the_definition_is_in_the_interface_language_when_there_is_one(browser, bundled_site):
    with opened(browser, given=True, locale="ru-RU") as page:
        page.goto(bundled_site.url + "ru/search.html?q=etäopiskelussa")
        page.wait_for_selector("#q-list .result")
        definition = page.locator("#q-list .result-definition").first
        assert (definition.text_content(), definition.get_attribute("lang")) == (
            "Форма обучения на расстоянии.",
            "ru",
        )
        assert page.locator("#q-list .result .badge").first.text_content() == "предпочтительный"


def test_a_keyboard_layout_reading_and_nearest_guesses_are_shown_as_such(browser, bundled_site):
    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "en/search.html?q=" + "lbcnfywbjyyjt%20j%2Cextybt")
        page.wait_for_selector("#q-list .result")
        read_as = page.locator("#q-panel .read-as")
        assert read_as.text_content() == "read as: дистанционное обучение"
        assert read_as.locator("span").get_attribute("lang") == "ru"
        typed(page, "#q", "laki koulutuksesta")
        assert page.locator("#q-panel .read-as").is_hidden()
        assert page.locator("#q-panel .search-count").text_content() == (
            "Nothing found for “laki koulutuksesta”."
        )
        assert page.locator("#q-list .nearest-heading").text_content() == (
            "Not in the glossary; nearest:"
        )
        assert rows(page, "#q") == ["ammatillinen koulutus", "koulutus"]
        assert page.locator("#q-list .result-nearest").count() == 2
        assert page.locator("#q-live").text_content() == (
            "Nothing found for “laki koulutuksesta”. 2 nearest terms are shown."
        )
        typed(page, "#q", "zzxq")
        assert rows(page, "#q") == []
        assert page.locator("#q-list .nearest-heading").count() == 0


def test_the_reading_and_the_nearest_heading_speak_each_language(browser, bundled_site):
    with opened(browser, given=True, locale="ru-RU") as page:
        page.goto(bundled_site.url + "ru/search.html?q=laki%20koulutuksesta")
        page.wait_for_selector("#q-list .nearest-heading")
        assert page.locator("#q-list .nearest-heading").text_content() == (
            "В глоссарии нет; ближайшие:"
        )
        page.goto(bundled_site.url + "fi/search.html?q=lbcnfywbjyyjt%20j%2Cextybt")
        page.wait_for_selector("#q-list .result")
        assert page.locator("#q-panel .read-as").text_content() == (
            "luettuna: дистанционное обучение"
        )


def test_hostile_text_stays_text(browser, bundled_site, test_site):
    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "fi/search.html?q=hostile")
        page.wait_for_selector("#q-list .result")
        row = page.locator("#q-list .result").first
        assert row.locator(".result-term").text_content() == (
            "<img src=x onerror=\"window.__pwned='term'\">"
        )
        # Overlapping, reversed, out-of-range and malformed spans: no text lost or doubled.
        assert row.locator(".result-term mark").all_text_contents() == ["<img src=", "'\">"]
        assert row.locator(".result-subjects").text_content() == "<b>subject</b>"
        assert row.locator(".equivalent-term").text_content() == "</li><b>жирный</b>"
        assert page.locator("#q-list img, #q-list b, #q-list script").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
    with opened(browser) as page:  # and the real engine on the test glossary's hostile entry
        page.goto(test_site.url + "ru/search.html")
        typed(page, "#q", "</title><b>жирный</b>")
        assert rows(page, "#q") == ["</title><b>жирный</b>"]
        typed(page, "#q", "<img src=x onerror=alert(1)>")
        assert "<img src=x onerror=alert(1)>" in page.locator("#q-live").text_content()
        assert page.locator("main img, main b, main svg").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"


def test_an_engine_that_does_not_load_is_said_and_the_page_keeps_working(browser, bundled_site):
    broken = "window.SomethingElse = 1;"  # a script that defines no GlossarySearch
    with opened(browser, given=broken) as page:
        page.goto(bundled_site.url + "fi/concepts/webinar.html")
        page.click("#quick-q")
        page.fill("#quick-q", "etäopiskelu")
        page.wait_for_function("document.getElementById('quick-q-live').textContent !== ''")
        assert page.locator("#quick-q-live").text_content() == "Hakua ei voitu ladata."
        assert page.locator("#quick-q-panel").is_hidden()
        page.keyboard.press("Enter")  # the search page is still there
        page.wait_for_url("**/fi/search.html?q=*")


# -- the search page: every result, filters in the address ------------------------------


def test_every_result_is_reachable_with_the_true_count(browser, bundled_site):
    from playwright.sync_api import expect

    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "en/search.html?q=many")
        page.wait_for_selector("#q-list .result")
        assert page.locator("#q-panel .search-count").text_content() == "45 concepts found."
        results = page.locator("#q-list .result")
        assert results.count() == 20
        more = page.locator("#q-more")
        assert more.text_content() == "Show 20 more (25 not shown)"
        more.click()
        expect(results).to_have_count(40)
        # The focus goes back to the box, on the first new result.
        expect(page.locator("#q")).to_have_attribute("aria-activedescendant", "q-opt-20")
        assert page.evaluate("document.activeElement.id") == "q"
        assert more.text_content() == "Show 5 more (5 not shown)"
        # ↓ past the last result shown shows the next ones.
        for _ in range(20):
            page.keyboard.press("ArrowDown")
        expect(results).to_have_count(45)
        expect(page.locator("#q")).to_have_attribute("aria-activedescendant", "q-opt-40")
        assert more.is_hidden()
        assert rows(page, "#q") == [f"term {n:02d}" for n in range(45)]
        # Those shown later were given their details first.
        assert page.locator("#q-list .result .equivalent").all_text_contents() == [
            f"FIFinnish:termi {n:02d}" for n in range(45)
        ]
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/concepts/webinar.html")


def test_pages_asked_for_quickly_come_in_order(browser, bundled_site):
    from playwright.sync_api import expect

    with opened(browser, given=True) as page:
        page.goto(bundled_site.url + "en/search.html?q=many")
        page.wait_for_selector("#q-list .result")
        page.evaluate(
            "() => { const b = document.getElementById('q-more'); b.click(); b.click(); }"
        )
        expect(page.locator("#q-list .result")).to_have_count(45)
        assert rows(page, "#q") == [f"term {n:02d}" for n in range(45)]
        ids = page.locator("#q-list .result").evaluate_all("rows => rows.map(r => r.id)")
        assert ids == [f"q-opt-{n}" for n in range(45)]


def test_the_search_page_shows_all_the_engine_answers(browser, bundled_site):
    """The real engine: the count and the rows are exactly its answer, in its order."""
    with opened(browser) as page:
        page.goto(bundled_site.url + "fi/search.html")
        for query in ["koulutus", "learning", "обучение", "Laki ammatillisesta koulutuksesta"]:
            typed(page, "#q", query)
            expected = engine_answer(page, query)
            more = page.locator("#q-more")
            while more.is_visible():
                shown = page.locator("#q-list .result").count()
                more.click()
                page.wait_for_function(
                    "n => document.querySelectorAll('#q-list .result').length > n", arg=shown
                )
            if expected["matches"]:
                assert rows(page, "#q") == [r["term"] for r in expected["matches"]], query
                count = len(expected["matches"])
                assert page.locator("#q-panel .search-count").text_content() == (
                    "Löytyi 1 käsite." if count == 1 else f"Löytyi {count} käsitettä."
                )
            else:
                assert rows(page, "#q") == [r["term"] for r in expected["nearest"]][:5], query
            hrefs = page.evaluate(
                "[...document.querySelectorAll('#q-list .result')].map(r => r.id)"
            )
            assert len(set(hrefs)) == len(hrefs)


def test_filters_stay_in_the_address_and_come_back_on_load_and_back(browser, bundled_site):
    subjects = glossary.load(TERMS).meta.subjects
    with opened(browser) as page:
        page.goto(bundled_site.url + "fi/search.html?q=koulutus")
        page.wait_for_selector("#q-list .result")
        all_languages = rows(page, "#q")
        page.select_option("select[name=lang]", "fi")
        page.wait_for_url("**/fi/search.html?q=koulutus&lang=fi")
        expected = engine_answer(page, "koulutus", {"lang": "fi"})
        page.wait_for_function(
            "n => document.querySelectorAll('#q-list .result').length === n",
            arg=min(20, len(expected["matches"])),
        )
        assert rows(page, "#q") == [r["term"] for r in expected["matches"]][:20]
        assert {r["lang"] for r in expected["matches"]} <= {"fi"}
        langs = page.locator("#q-list .result .result-term").evaluate_all(
            "terms => terms.map(t => t.lang)"
        )
        assert set(langs) <= {"fi"}
        page.select_option("select[name=subject]", "vet")
        page.wait_for_url("**/fi/search.html?q=koulutus&lang=fi&subject=vet")
        page.select_option("select[name=status]", "preferred")
        page.wait_for_url("**/search.html?q=koulutus&lang=fi&subject=vet&status=preferred")
        filtered = engine_answer(
            page, "koulutus", {"lang": "fi", "subject": "vet", "status": "preferred"}
        )
        page.wait_for_function(
            "q => document.getElementById('q-list').dataset.query === q", arg="koulutus"
        )
        page.wait_for_function(
            "n => document.querySelectorAll('#q-list .result').length === n",
            arg=min(20, len(filtered["matches"])) if filtered["matches"] else 0,
        )
        for r in filtered["matches"]:
            assert r["lang"] == "fi" and "vet" in r["subjects"] and r["status"] == "preferred"
        # A reload keeps the query and the filters.
        page.reload()
        page.wait_for_function("document.getElementById('q-list').dataset.query === 'koulutus'")
        assert page.locator("#q").input_value() == "koulutus"
        assert page.locator("select[name=lang]").input_value() == "fi"
        assert page.locator("select[name=subject]").input_value() == "vet"
        assert page.locator("select[name=status]").input_value() == "preferred"
        # Back undoes one filter at a time.
        page.go_back()
        page.wait_for_url("**/fi/search.html?q=koulutus&lang=fi&subject=vet")
        page.wait_for_function("() => document.querySelector('select[name=status]').value === ''")
        assert page.locator("select[name=subject]").input_value() == "vet"
        page.go_back()
        page.go_back()
        page.wait_for_url("**/fi/search.html?q=koulutus")
        page.wait_for_function("() => document.querySelector('select[name=lang]').value === ''")
        page.wait_for_function(
            "n => document.querySelectorAll('#q-list .result').length === n",
            arg=len(all_languages),
        )
        unfiltered = [r["term"] for r in engine_answer(page, "koulutus")["matches"]]
        assert rows(page, "#q") == unfiltered[:20]
        # The same order as on the first load, whatever the engine had read in between.
        assert rows(page, "#q") == all_languages
        # The subjects offered are the glossary's, named in the interface language.
        offered = page.locator("select[name=subject] option").evaluate_all(
            "options => options.map(o => o.value)"
        )
        assert sorted(offered[1:]) == sorted(subjects) and offered[0] == ""
        statuses = page.locator("select[name=status] option").all_text_contents()
        assert statuses == [
            "Mikä tahansa tila",
            "suositettava",
            "hyväksyttävä",
            "vältettävä",
            "vanhentunut",
            "luonnos",
        ]


def test_an_unknown_filter_in_the_address_is_no_filter(browser, bundled_site):
    with opened(browser) as page:
        page.goto(bundled_site.url + "en/search.html?q=etaopiskelu&lang=xx&subject=%3Cb%3E")
        page.wait_for_selector("#q-list .result")
        assert page.locator("select[name=lang]").input_value() == ""
        assert page.locator("select[name=subject]").input_value() == ""
        assert rows(page, "#q")[0] == "etäopiskelu"


def test_typing_replaces_the_address_and_enter_adds_to_the_history(browser, bundled_site):
    with opened(browser) as page:
        page.goto(bundled_site.url + "en/search.html")
        before = page.evaluate("history.length")
        page.keyboard.type("webinaarissa")
        page.wait_for_selector("#q-list .result")
        assert parse_qs(urlsplit(page.url).query) == {"q": ["webinaarissa"]}
        assert page.evaluate("history.length") == before
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/concepts/webinar.html")
        page.go_back()
        page.wait_for_selector("#q-list .result")
        assert page.locator("#q").input_value() == "webinaarissa"


# -- phones, schemes, accessibility, file:// ---------------------------------------------


@pytest.mark.parametrize("path", ["fi/concepts/distance-learning.html", "fi/index.html"])
def test_on_a_phone_the_results_show_above_the_keyboard(browser, bundled_site, path):
    with opened(browser, viewport=PHONE) as page:
        page.goto(bundled_site.url + path)
        box = "#quick-q" if "concepts" in path else "#home-q"
        page.tap(box)
        typed(page, box, "koulutus")
        panel = page.locator(f"{box}-panel").bounding_box()
        first = page.locator(f"{box}-list .result").first.bounding_box()
        field = page.locator(box).bounding_box()
        assert field["y"] >= 0
        assert panel["y"] >= field["y"] + field["height"] - 1
        assert panel["y"] + panel["height"] <= PHONE["height"] / 2, panel
        assert first["y"] + first["height"] <= PHONE["height"] / 2, first
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0


def test_on_a_phone_the_search_page_shows_results_in_the_upper_half(browser, bundled_site):
    with opened(browser, viewport=PHONE) as page:
        page.goto(bundled_site.url + "ru/search.html?q=etaopiskelu")
        page.wait_for_selector("#q-list .result")
        assert page.evaluate("document.activeElement.id") == "q"
        first = page.locator("#q-list .result").first.bounding_box()
        assert first["y"] + 40 <= PHONE["height"] / 2, first


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_nothing_serious_with_the_panel_open(
    browser, bundled_site, axe_source, viewport, scheme
):
    with opened(browser, viewport=viewport, scheme=scheme, given=True) as page:
        page.goto(bundled_site.url + "fi/concepts/webinar.html")
        page.click("#quick-q")
        typed(page, "#quick-q", "etäopiskelussa")
        page.keyboard.press("ArrowDown")
        assert page.locator("#quick-q-panel").is_visible()
        assert serious_violations(page, axe_source) == []
        page.goto(bundled_site.url + "fi/search.html?q=laki%20koulutuksesta&lang=fi")
        page.wait_for_selector("#q-list .result")
        assert serious_violations(page, axe_source) == []
        page.goto(bundled_site.url + "fi/search.html?q=many")
        page.wait_for_selector("#q-list .result")
        page.keyboard.press("ArrowDown")
        assert serious_violations(page, axe_source) == []
        # The highlight stands out from the text in either scheme.
        colours = page.locator("#q-list mark").first.evaluate(
            "m => [getComputedStyle(m).backgroundColor, getComputedStyle(m.parentNode).color]"
        )
        assert colours[0] not in ("rgba(0, 0, 0, 0)", colours[1])


def test_the_search_works_from_file_urls(browser, bundled_site):
    with opened(browser) as page:
        page.goto((bundled_site.root / "en" / "concepts" / "webinar.html").as_uri())
        page.click("#quick-q")
        typed(page, "#quick-q", "oppisopimuskoulutukseen")
        assert rows(page, "#quick-q")[0] == "oppisopimuskoulutus"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("file://**/en/concepts/apprenticeship-training.html")
        page.goto((bundled_site.root / "fi" / "search.html").as_uri() + "?q=koulutus&lang=ru")
        page.wait_for_function("document.getElementById('q-list').dataset.query === 'koulutus'")
        assert page.locator("select[name=lang]").input_value() == "ru"
        page.select_option("select[name=lang]", "fi")
        page.wait_for_selector("#q-list .result")
        assert (
            page.locator("#q-list .result").first.locator(".result-term").get_attribute("lang")
            == "fi"
        )
