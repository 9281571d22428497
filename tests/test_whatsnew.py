"""What's new: the release record kept by the site and the JSON API, the What's new page,
the Atom feed, ``changes.json``, the pages at the old address of ids that moved, and
``--since REV``.

Most tests publish tests/data/site as release 0.1, then a second release 0.2 that adds,
renames, retires, removes and changes one concept each, through the command line.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA
from jsonschema import Draft202012Validator
from lxml import etree, html
from test_diff import _first_release, _second_release, git, need_git  # noqa: F401

import glossary
from glossary.cli import app
from glossary.diff import compare
from glossary.releases import (
    KEEP,
    RECORD_NAME,
    changes_document,
    compare_snapshots,
    parse_record,
    snapshot,
    update,
)

SITE_SRC = DATA / "site"
BASE = "https://sanasto.example.fi/testi/"
ATOM = "{http://www.w3.org/2005/Atom}"
FIRST, SECOND = "1795000000", "1795100000"  # 2026-11-18, 2026-11-19


def run(runner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def second_release(src: Path) -> None:
    """Release 0.2: e-tutor added, webinar renamed web-seminar, online-learning retired
    (replaced by distance-learning), mother-tongue removed, distance-learning changed."""
    toml = src / "glossary.toml"
    toml.write_text(toml.read_text("utf-8").replace('version = "0.1"', 'version = "0.2"'), "utf-8")
    webinar = (src / "webinar.yaml").read_text("utf-8")
    (src / "webinar.yaml").unlink()
    (src / "web-seminar.yaml").write_text(
        webinar.replace("id: webinar", "id: web-seminar"), "utf-8"
    )
    online = src / "online-learning.yaml"
    online.write_text(
        online.read_text("utf-8").replace(
            "status: reviewed", "status: retired\nreplaced_by: [distance-learning]"
        ),
        "utf-8",
    )
    (src / "mother-tongue.yaml").unlink()
    (src / "e-tutor.yaml").write_text(
        "id: e-tutor\nsubjects: [e-learning]\nlanguages:\n"
        "  fi: {terms: [etätuutori]}\n  ru: {terms: [онлайн-тьютор]}\n",
        "utf-8",
    )
    distance = src / "distance-learning.yaml"
    text = distance.read_text("utf-8")
    text = text.replace("status: approved", "status: reviewed")
    text = text.replace("related: [online-learning, webinar]", "related: [web-seminar]")
    text = text.replace("Обучение, при котором", "Форма обучения, при которой")
    distance.write_text(text, "utf-8")


@pytest.fixture()
def src(tmp_path) -> Path:
    folder = tmp_path / "src"
    shutil.copytree(SITE_SRC, folder)
    return folder


def publish(runner, monkeypatch, src: Path, out: Path, epoch: str, fmt: str = "site", *extra):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run(runner, "export", fmt, "--out", str(out), "-g", str(src), *extra)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture()
def two_releases(runner, monkeypatch, src, tmp_path) -> Path:
    out = tmp_path / "site"
    publish(runner, monkeypatch, src, out, FIRST)
    second_release(src)
    publish(runner, monkeypatch, src, out, SECOND)
    return out


def page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def text(element) -> str:
    return " ".join(element.text_content().split())


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# -- the What's new page ---------------------------------------------------------------


def test_whats_new_lists_every_change_of_each_release_newest_first(two_releases):
    doc = page(two_releases / "en/whatsnew.html")
    assert text(doc.find(".//h1")) == "What's new"
    releases = doc.find_class("release")
    assert [text(r.find("h2")) for r in releases] == ["0.2", "0.1"]
    newest, first = releases
    assert text(newest.find_class("release-date")[0]) == "November 19, 2026 · changes since 0.1"
    assert [text(h) for h in newest.findall("h3")] == [
        "Added 1",
        "New address 1",
        "Retired 1",
        "Removed 1",
        "Changed 1",
    ]
    items = {
        ul.get("class").split()[-1]: [text(li) for li in ul.findall("li")]
        for ul in newest.find_class("changes")
    }
    assert items == {
        "changes-added": ["etätuutori"],
        "changes-renamed": ["webinar – formerly webinar"],
        "changes-retired": ["online learning – Use instead: distance learning"],
        "changes-removed": ["mother tongue"],
        "changes-changed": [
            "distance learning – entry status, related concepts, definition (Russian)"
        ],
    }
    assert "The first release recorded" in text(first)
    # Every link leads to a page of the site; a term in another language says so.
    for a in doc.xpath("//main//a"):
        assert (two_releases / "en" / a.get("href")).resolve().is_file(), a.get("href")
    added = newest.find_class("changes-added")[0].find("li/a")
    assert (added.get("href"), added.get("lang")) == ("concepts/e-tutor.html", "fi")
    # Linked from every page's footer, and the feed from every page's head.
    for path in ("en/index.html", "en/concepts/webinar.html", "en/az/ru.html"):
        doc = page(two_releases / path)
        footer = doc.find_class("site-footer")[0]
        link = [a for a in footer.iter("a") if text(a) == "What's new"]
        assert len(link) == 1
        target = (two_releases / path).parent / link[0].get("href")
        assert target.resolve() == (two_releases / "en/whatsnew.html").resolve()
        feed = doc.xpath("//head/link[@type='application/atom+xml']")
        assert len(feed) == 1 and feed[0].get("rel") == "alternate"
        target = (two_releases / path).parent / feed[0].get("href")
        assert target.resolve() == (two_releases / "en/whatsnew.xml").resolve()


def test_whats_new_speaks_the_interface_language(two_releases):
    fi = page(two_releases / "fi/whatsnew.html")
    assert text(fi.find(".//h1")) == "Uutta sanastossa"
    assert [text(h) for h in fi.find_class("release")[0].findall("h3")] == [
        "Lisätyt 1",
        "Uusi osoite 1",
        "Käytöstä poistetut 1",
        "Poistetut 1",
        "Muutetut 1",
    ]
    changed = fi.find_class("changes-changed")[0]
    assert text(changed) == "etäopiskelu – tietueen tila, lähikäsitteet, määritelmä (venäjä)"
    ru = page(two_releases / "ru/whatsnew.html")
    assert text(ru.find(".//h1")) == "Что нового"
    assert (
        text(ru.find_class("release-date")[0]) == "19 ноября 2026 г. · изменения по сравнению с 0.1"
    )


# -- the Atom feed ------------------------------------------------------------------------


def test_the_feed_is_atom_with_an_entry_per_change(two_releases):
    feed = etree.fromstring((two_releases / "en/whatsnew.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    # RFC 4287 4.1.1: exactly one id, title and updated; an author (no entry has one).
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}title") == "Test glossary: What's new"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-19T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Test publisher"
    assert uuid.UUID(feed.findtext(f"{ATOM}id").removeprefix("urn:uuid:")).version == 5
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": f"{BASE}en/whatsnew.xml", "alternate": f"{BASE}en/whatsnew.html"}
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Added: etätuutori",
        "New address: webinar",
        "Retired: online learning",
        "Removed: mother tongue",
        "Changed: distance learning",
    ]
    for entry in entries:
        # 4.1.2: one id, title, updated; a link rel=alternate since there is no content.
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        href = alternate.get("href")
        assert href.startswith(f"{BASE}en/concepts/")
        assert (two_releases / href.removeprefix(BASE)).is_file()
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    assert entries[1].findtext(f"{ATOM}summary") == "Release 0.2. Formerly webinar."
    assert entries[2].findtext(f"{ATOM}summary") == ("Release 0.2. Use instead: distance learning.")


def test_feed_ids_stay_the_same_when_a_later_release_is_added(
    runner, monkeypatch, src, two_releases
):
    def ids() -> list[str]:
        feed = etree.fromstring((two_releases / "fi/whatsnew.xml").read_bytes())
        return [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]

    before = ids()
    toml = src / "glossary.toml"
    toml.write_text(toml.read_text("utf-8").replace('"0.2"', '"0.3"'), "utf-8")
    (src / "e-tutor.yaml").unlink()
    publish(runner, monkeypatch, src, two_releases, "1795200000")
    after = ids()
    assert len(after) == len(before) + 1
    assert after[1:] == before


def test_without_a_site_address_the_feed_links_are_relative(runner, monkeypatch, src, tmp_path):
    toml = src / "glossary.toml"
    toml.write_text(
        "\n".join(line for line in toml.read_text("utf-8").splitlines() if "base_url" not in line),
        "utf-8",
    )
    out = tmp_path / "site"
    publish(runner, monkeypatch, src, out, FIRST)
    second_release(src)
    publish(runner, monkeypatch, src, out, SECOND)
    feed = etree.fromstring((out / "ru/whatsnew.xml").read_bytes())
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "whatsnew.xml", "alternate": "whatsnew.html"}
    hrefs = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert hrefs[0] == "concepts/e-tutor.html"
    assert all((out / "ru" / href).is_file() for href in hrefs)
    moved = page(out / "ru/concepts/webinar.html")
    assert moved.xpath("//link[@rel='canonical']/@href") == ["../concepts/web-seminar.html"]


# -- old addresses -----------------------------------------------------------------------


def test_a_renamed_id_keeps_a_page_that_leads_to_the_new_one(two_releases):
    doc = page(two_releases / "fi/concepts/webinar.html")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [
        "0; url=../concepts/web-seminar.html"
    ]
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{BASE}fi/concepts/web-seminar.html"]
    assert text(doc.find(".//h1")) == "Tietue on siirretty"
    moved = doc.find_class("moved")[0]
    assert text(moved) == "Käsite webinar on nyt täällä: webinaari"
    href = moved.find("a").get("href")
    assert (two_releases / "fi/concepts" / href).resolve().name == "web-seminar.html"
    # Not offered to search engines.
    sitemap = (two_releases / "sitemap.xml").read_text("utf-8")
    assert "concepts/webinar.html" not in sitemap
    assert "concepts/web-seminar.html" in sitemap


def test_a_removed_id_keeps_a_page_that_says_so(two_releases):
    doc = page(two_releases / "en/concepts/mother-tongue.html")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//meta[@http-equiv='refresh']") == []
    assert doc.xpath("//link[@rel='canonical']") == []
    assert text(doc.find(".//h1")) == "This entry was removed"
    moved = doc.find_class("moved")[0]
    assert text(moved) == (
        "The concept mother-tongue is no longer in the glossary. What's new · Search"
    )
    for a in moved.findall("a"):
        assert (two_releases / "en/concepts" / a.get("href")).resolve().is_file()


def test_a_retired_concept_keeps_its_page_with_its_replacement(two_releases):
    doc = page(two_releases / "en/concepts/online-learning.html")
    notice = doc.find_class("retired")[0]
    assert text(notice) == "This concept is no longer in use. Use instead: distance learning"
    assert notice.find("a").get("href") == "../concepts/distance-learning.html"


def test_renames_of_renames_lead_to_the_latest_id(runner, monkeypatch, src, two_releases):
    toml = src / "glossary.toml"
    toml.write_text(toml.read_text("utf-8").replace('"0.2"', '"0.3"'), "utf-8")
    seminar = (src / "web-seminar.yaml").read_text("utf-8")
    (src / "web-seminar.yaml").unlink()
    (src / "online-seminar.yaml").write_text(
        seminar.replace("id: web-seminar", "id: online-seminar"), "utf-8"
    )
    distance = src / "distance-learning.yaml"
    distance.write_text(
        distance.read_text("utf-8").replace("[web-seminar]", "[online-seminar]"), "utf-8"
    )
    publish(runner, monkeypatch, src, two_releases, "1795200000")
    for old in ("webinar", "web-seminar"):
        doc = page(two_releases / f"en/concepts/{old}.html")
        assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [
            "0; url=../concepts/online-seminar.html"
        ]
    doc = page(two_releases / "en/whatsnew.html")
    assert [text(h) for h in doc.xpath("//section[@class='release']/h2")] == ["0.3", "0.2", "0.1"]


def test_an_id_that_comes_back_is_a_concept_again(runner, monkeypatch, src, two_releases):
    toml = src / "glossary.toml"
    toml.write_text(toml.read_text("utf-8").replace('"0.2"', '"0.3"'), "utf-8")
    shutil.copy(SITE_SRC / "mother-tongue.yaml", src / "mother-tongue.yaml")
    publish(runner, monkeypatch, src, two_releases, "1795200000")
    doc = page(two_releases / "en/concepts/mother-tongue.html")
    assert text(doc.find(".//h1")) == "mother tongue"
    assert doc.xpath("//meta[@name='robots']") == []


# -- the JSON API ------------------------------------------------------------------------


def test_changes_json_lists_each_release_and_validates_against_its_schema(
    runner, monkeypatch, src, tmp_path
):
    out = tmp_path / "api"
    publish(runner, monkeypatch, src, out, FIRST, "json")
    second_release(src)
    publish(runner, monkeypatch, src, out, SECOND, "json")
    document = json.loads((out / "v1/changes.json").read_text("utf-8"))
    assert document == {
        "api_version": "v1",
        "glossary": "site-test",
        "releases": [
            {
                "version": "0.2",
                "date": "2026-11-19",
                "since": "0.1",
                "added": [{"id": "e-tutor", "title": {"fi": "etätuutori", "ru": "онлайн-тьютор"}}],
                "renamed": [
                    {
                        "from": "webinar",
                        "to": "web-seminar",
                        "title": {"fi": "webinaari", "ru": "вебинар", "en": "webinar"},
                    }
                ],
                "retired": [
                    {
                        "id": "online-learning",
                        "title": {
                            "fi": "verkko-oppiminen",
                            "ru": "онлайн-обучение",
                            "en": "online learning",
                        },
                        "replaced_by": ["distance-learning"],
                    }
                ],
                "removed": [
                    {
                        "id": "mother-tongue",
                        "title": {"fi": "äidinkieli", "ru": "родной язык", "en": "mother tongue"},
                        "replaced_by": [],
                    }
                ],
                "changed": [
                    {
                        "id": "distance-learning",
                        "title": {
                            "fi": "etäopiskelu",
                            "ru": "дистанционное обучение",
                            "en": "distance learning",
                        },
                        "changes": [
                            {"field": "status"},
                            {"field": "related"},
                            {"lang": "ru", "field": "definition"},
                        ],
                    }
                ],
            },
            {
                "version": "0.1",
                "date": "2026-11-18",
                "added": [],
                "renamed": [],
                "retired": [],
                "removed": [],
                "changed": [],
            },
        ],
        "moved": {"mother-tongue": [], "webinar": ["web-seminar"]},
    }
    schema = json.loads((out / "v1/schemas/changes.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(document)) == []
    # The schema is strict.
    bad = json.loads(json.dumps(document))
    bad["releases"][0]["changed"][0]["changes"][0]["field"] = "colour"
    assert list(validator.iter_errors(bad))
    del bad["releases"][0]["date"]
    assert list(validator.iter_errors(bad))
    assert json.loads((out / "v1/index.json").read_text("utf-8"))["links"]["changes"] == (
        "changes.json"
    )


def test_snapshots_find_what_glossary_diff_finds(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _first_release(old)
    shutil.copytree(old, new)
    _second_release(new)
    a, b = glossary.load(old), glossary.load(new)
    diff = compare(a, b)
    found = compare_snapshots(snapshot(a), snapshot(b), b.languages)
    assert [item["id"] for item in found["added"]] == list(diff.added)
    assert [item["id"] for item in found["removed"]] == list(diff.removed)
    assert [(r["from"], r["to"]) for r in found["renamed"]] == [
        (r.old, r.new) for r in diff.renamed
    ]
    assert [item["id"] for item in found["changed"]] == [c.id for c in diff.changed]
    fields = [(c.get("lang"), c["field"]) for c in found["changed"][0]["changes"]]
    assert fields == [(None, "status"), (None, "related"), ("fi", "terms"), ("ru", "definition")]


# -- --since -----------------------------------------------------------------------------


def test_since_a_git_revision(runner, monkeypatch, tmp_path, need_git):  # noqa: F811
    root = tmp_path / "repo"
    terms = root / "terms"
    root.mkdir(parents=True)
    git(root, "init", "-q")
    _first_release(terms)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    _second_release(terms)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "second")
    monkeypatch.chdir(root)
    out = tmp_path / "api"
    publish(runner, monkeypatch, terms, out, FIRST, "json", "--since", "HEAD~1")
    release = json.loads((out / "v1/changes.json").read_text("utf-8"))["releases"][0]
    assert release["since"] == "HEAD~1"
    assert [item["id"] for item in release["added"]] == ["webinar"]
    assert [item["id"] for item in release["removed"]] == ["e-tutor"]
    assert [(r["from"], r["to"]) for r in release["renamed"]] == [("online-course", "e-course")]
    assert [item["id"] for item in release["changed"]] == ["distance-learning"]
    site = tmp_path / "site"
    publish(runner, monkeypatch, terms, site, FIRST, "site", "--since", "HEAD~1")
    doc = page(site / "en/whatsnew.html")
    assert text(doc.find_class("release-date")[0]) == "November 18, 2026 · changes since HEAD~1"
    assert (site / "en/concepts/online-course.html").is_file()
    # Rebuilt without --since, the release keeps what it was compared with.
    publish(runner, monkeypatch, terms, site, FIRST)
    assert page(site / "en/whatsnew.html").find_class("changes-renamed")


def test_since_mistakes_are_one_line_errors(runner, src, tmp_path, need_git):  # noqa: F811
    out = tmp_path / "site"
    result = run(runner, "export", "tbx", "--since", "HEAD", "-g", str(src))
    assert result.exit_code == 2
    assert "'tbx' keeps no release history" in result.stderr
    result = run(runner, "export", "site", "--out", str(out), "--since", "v9", "-g", str(src))
    assert result.exit_code == 2
    assert result.stderr.startswith("glossary: error: ")
    assert "Traceback" not in result.stderr
    assert not out.exists()
    # A folder is a glossary too: the same folder has nothing new.
    result = run(runner, "export", "site", "--out", str(out), "--since", str(src), "-g", str(src))
    assert result.exit_code == 0, result.stderr
    doc = page(out / "en/whatsnew.html")
    assert "No concept changed." in text(doc)


# -- the record ----------------------------------------------------------------------------


def test_two_builds_of_the_same_releases_are_byte_identical(runner, monkeypatch, tmp_path):
    outputs = []
    src = tmp_path / "src"
    for name in ("a", "b"):
        shutil.rmtree(src, ignore_errors=True)
        shutil.copytree(SITE_SRC, src)
        out = tmp_path / name
        publish(runner, monkeypatch, src, out, FIRST)
        second_release(src)
        publish(runner, monkeypatch, src, out, SECOND)
        outputs.append(files(out))
    assert outputs[0] == outputs[1]
    # Built again on a later day from the same sources, the release keeps its date (the
    # pages' footers say when they were built) and the feed does not change.
    before = files(tmp_path / "a")
    publish(runner, monkeypatch, src, tmp_path / "a", "1796000000")
    after = files(tmp_path / "a")
    for name in (RECORD_NAME, "fi/whatsnew.xml", "ru/whatsnew.xml", "en/whatsnew.xml"):
        assert after[name] == before[name], name
    assert after["en/about.html"] != before["en/about.html"]


def test_the_same_version_built_again_is_the_same_release(runner, monkeypatch, src, two_releases):
    (src / "hostile.yaml").unlink()
    publish(runner, monkeypatch, src, two_releases, "1795200000")
    doc = page(two_releases / "en/whatsnew.html")
    releases = doc.find_class("release")
    assert [text(r.find("h2")) for r in releases] == ["0.2", "0.1"]
    removed = [text(li) for li in releases[0].find_class("changes-removed")[0].findall("li")]
    assert len(removed) == 2 and removed[0] == "mother tongue"  # in alphabetical order
    # The release changed, so it has the date of the build that changed it.
    assert text(releases[0].find_class("release-date")[0]).startswith("November 20, 2026")


@pytest.mark.parametrize(
    "record",
    [
        b"not json",
        b"[]",
        b'{"format": 99}',
        b'{"format": 1, "releases": [], "moved": {"../../../etc/passwd": []}, '
        b'"baseline": null, "current": {"concepts": {}}}',
        b'{"format": 1, "releases": [{"date": "2026-01-01", "added": [{"id": "x"}], '
        b'"renamed": [], "retired": [], "removed": [], "changed": []}], "moved": {}, '
        b'"baseline": null, "current": {"concepts": {}}}',
    ],
    ids=["not-json", "a-list", "another-format", "a-path-as-id", "an-item-without-title"],
)
def test_a_damaged_record_starts_the_history_again(runner, monkeypatch, src, tmp_path, record):
    out = tmp_path / "site"
    publish(runner, monkeypatch, src, out, FIRST)
    (out / RECORD_NAME).write_bytes(record)
    assert parse_record(record) is None
    second_release(src)
    publish(runner, monkeypatch, src, out, SECOND)
    doc = page(out / "en/whatsnew.html")
    assert [text(h) for h in doc.xpath("//section[@class='release']/h2")] == ["0.2"]
    assert not (tmp_path / "etc").exists()


def test_text_from_the_record_is_escaped(runner, monkeypatch, src, two_releases):
    record = json.loads((two_releases / RECORD_NAME).read_text("utf-8"))
    hostile = '<script>alert("x")</script>'
    record["releases"][1]["added"] = [{"id": "web-seminar", "title": {"en": hostile}}]
    (two_releases / RECORD_NAME).write_text(json.dumps(record), "utf-8")
    publish(runner, monkeypatch, src, two_releases, SECOND)
    doc = page(two_releases / "en/whatsnew.html")
    added = doc.find_class("release")[1].find_class("changes-added")[0]
    assert text(added) == hostile  # shown as text, not run
    assert "<script>alert" not in (two_releases / "en/whatsnew.html").read_text("utf-8")
    feed = etree.fromstring((two_releases / "en/whatsnew.xml").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles[-1] == f"Added: {hostile}"


def test_control_characters_from_the_record_leave_the_feed_well_formed(
    runner, monkeypatch, src, two_releases
):
    # The build refuses sources with characters XML cannot hold, but the record is a
    # file anyone may have edited.
    record = json.loads((two_releases / RECORD_NAME).read_text("utf-8"))
    record["releases"][1]["added"] = [{"id": "web-seminar", "title": {"en": "a\x01b\x0b"}}]
    (two_releases / RECORD_NAME).write_text(json.dumps(record), "utf-8")
    publish(runner, monkeypatch, src, two_releases, SECOND)
    feed = etree.fromstring((two_releases / "en/whatsnew.xml").read_bytes())
    assert feed.findall(f"{ATOM}entry/{ATOM}title")[-1].text == "Added: ab"


def test_the_history_keeps_the_last_releases_and_every_moved_id():
    g = glossary.load(SITE_SRC)
    record = None
    concepts = dict(g.concepts)
    for n in range(KEEP + 5):
        if n == 1:  # webinar becomes web-seminar early on
            webinar = concepts.pop("webinar")
            concepts["web-seminar"] = replace(webinar, id="web-seminar")
        version = replace(g, meta=replace(g.meta, version=f"1.{n}"), concepts=dict(concepts))
        record = update(record, version, dt.date(2026, 1, 1) + dt.timedelta(days=n))
    assert record is not None
    assert len(record.releases) == KEEP
    assert record.releases[0]["version"] == f"1.{KEEP + 4}"
    assert all(not r["renamed"] for r in record.releases)
    document = changes_document(record, "site-test")
    assert document["moved"] == {"webinar": ["web-seminar"]}
    assert parse_record(record.encode()) == record
