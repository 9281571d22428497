"""The static JSON API: its documents against their schemas and the model, its OpenAPI
description, its links, its order, reproducibility, rebuilds and the command line.

Built from tests/data/site (terms chosen for their alphabetical order, one entry with
every field, one with hostile text) and from the bundled glossary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from enum import Enum
from pathlib import Path

import pytest
from conftest import DATA, SITE_IDS
from jsonschema import Draft202012Validator

import glossary
from glossary.collation import sort_key
from glossary.errors import ExportError
from glossary.jsonapi import RECORD, build_api
from glossary.model import Concept, Glossary, GlossaryMeta, LangSection, Term

SITE_SRC = DATA / "site"
IDS = SITE_IDS
SCHEMA_TYPES = ("index", "concept", "term-index", "subject", "dump", "changes")
RELEASES = ".glossary-release.json"


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def load(root: Path, path: str):
    return json.loads((root / "v1" / path).read_text("utf-8"))


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("api") / "out"
    build_api(glossary.load(SITE_SRC), out)
    return out


@pytest.fixture(scope="module")
def bundled_api(tmp_path_factory, bundled) -> Path:
    out = tmp_path_factory.mktemp("bundled-api") / "out"
    build_api(bundled, out)
    return out


def schema_type(path: str) -> str | None:
    """The document type of a file under v1/ (None for the schemas and the OpenAPI)."""
    if path == "index.json":
        return "index"
    if path == "glossary.json":
        return "dump"
    if path == "changes.json":
        return "changes"
    folder = path.split("/", 1)[0] if "/" in path else ""
    return {"concepts": "concept", "terms": "term-index", "subjects": "subject"}.get(folder)


# -- what is built ----------------------------------------------------------------------


def test_every_document_is_built_and_recorded(api):
    expected = {
        "v1/index.json",
        "v1/glossary.json",
        "v1/openapi.json",
        "v1/changes.json",
        RELEASES,
        *(f"v1/concepts/{cid}.json" for cid in IDS),
        *(f"v1/terms/{lang}.json" for lang in ("fi", "ru", "en")),
        *(f"v1/subjects/{code}.json" for code in ("vet", "e-learning")),
        *(f"v1/schemas/{name}.schema.json" for name in SCHEMA_TYPES),
    }
    assert set(files(api)) == expected | {RECORD}
    record = json.loads((api / RECORD).read_text("utf-8"))
    assert record["format"] == 1
    assert sorted(record["files"]) == sorted(expected)
    for name, (key, size) in record["files"].items():
        assert (len(key), size) == (32, (api / name).stat().st_size)


def test_documents_are_utf8_indented_by_two_with_a_final_newline(api):
    for name, data in files(api).items():
        if name in (RECORD, RELEASES):
            continue
        text = data.decode("utf-8")
        assert text.endswith("}\n"), name
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", name
        assert "\\u" not in text, name
    assert "Тестовый глоссарий" in (api / "v1/index.json").read_text("utf-8")


# -- schemas and the OpenAPI description -----------------------------------------------


@pytest.mark.parametrize("which", ["site", "bundled"])
def test_every_document_validates_against_its_published_schema(which, api, bundled_api):
    root = (api if which == "site" else bundled_api) / "v1"
    schemas = {}
    for name in SCHEMA_TYPES:
        schema = json.loads((root / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{name}.schema.json"
        Draft202012Validator.check_schema(schema)
        schemas[name] = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
    checked = dict.fromkeys(SCHEMA_TYPES, 0)
    for path in sorted(root.rglob("*.json")):
        name = path.relative_to(root).as_posix()
        kind = schema_type(name)
        if kind is None:
            assert name.startswith("schemas/") or name == "openapi.json", name
            continue
        errors = [e.message for e in schemas[kind].iter_errors(json.loads(path.read_bytes()))]
        assert errors == [], name
        checked[kind] += 1
    assert all(checked.values()), checked


def test_the_schemas_are_strict(api):
    def errors(kind, document):
        schema = json.loads((api / "v1/schemas" / f"{kind}.schema.json").read_text("utf-8"))
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [e.message for e in validator.iter_errors(document)]

    concept = load(api, "concepts/distance-learning.json")
    assert errors("concept", concept) == []
    term = concept["languages"]["fi"]["terms"][0]
    for change in (
        {"note": None},  # unset is left out, never null
        {"colour": "red"},  # no field the model does not have
        {"updated": "1 March 2026"},  # a date
        {"status": "final"},  # the model's enums
    ):
        assert errors("concept", {**concept, **change}), change
    for change in ({"gender": "common"}, {"pos": None}, {"type": "full form"}):
        bad = {**concept, "languages": {"fi": {"terms": [{**term, **change}]}}}
        assert errors("concept", bad), change
    assert errors("concept", {k: v for k, v in concept.items() if k != "related"})
    index = load(api, "index.json")
    assert errors("index", {**index, "api_version": "v2"})


def test_the_openapi_document_is_valid_and_reuses_the_schemas(api):
    from openapi_spec_validator import validate

    document = load(api, "openapi.json")
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "..", "description": "The folder that holds v1/."}]
    assert list(document["paths"]) == [
        "/v1/index.json",
        "/v1/concepts/{id}.json",
        "/v1/terms/{lang}.json",
        "/v1/subjects/{code}.json",
        "/v1/glossary.json",
        "/v1/changes.json",
        "/v1/schemas/{type}.schema.json",
        "/v1/openapi.json",
    ]
    lang = document["paths"]["/v1/terms/{lang}.json"]["get"]["parameters"][0]["schema"]
    assert lang["enum"] == ["fi", "ru", "en"]
    components = json.dumps(document["components"]["schemas"])
    components = json.loads(components.replace("#/components/schemas/", "#/$defs/"))
    for name in SCHEMA_TYPES:
        schema = load(api, f"schemas/{name}.schema.json")
        defs = schema.pop("$defs")
        for key in ("$schema", "$id"):
            del schema[key]
        top = next(k for k, v in components.items() if v.get("title") == schema["title"])
        assert components[top] == schema
        for other, definition in defs.items():
            assert components[other] == definition, other


def test_every_link_in_the_index_resolves_and_every_document_is_linked(api, bundled_api):
    for root in (api / "v1", bundled_api / "v1"):
        links = json.loads((root / "index.json").read_text("utf-8"))["links"]
        found = []

        def walk(value, found=found):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            else:
                found.append(value)

        walk(links)
        for link in found:
            assert not link.startswith(("/", "http")), link
            assert (root / link).is_file(), link
        produced = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        assert set(found) == produced - {"index.json"}
        assert len(found) == len(set(found))


# -- reproducible and incremental -------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    # The only date is that of each release in changes.json: the build date, or
    # SOURCE_DATE_EPOCH when it is set.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    build_api(glossary.load(SITE_SRC), tmp_path / "one")
    build_api(glossary.load(SITE_SRC), tmp_path / "two")
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert load(tmp_path / "one", "changes.json")["releases"][0]["date"] == "2001-09-09"


def test_a_rebuild_writes_only_what_changed_and_removes_what_is_gone(tmp_path):
    src = tmp_path / "g"
    shutil.copytree(SITE_SRC, src)
    out = tmp_path / "out"
    first = build_api(glossary.load(src), out)
    assert len(first) == len(files(out)) - 1  # all but the record
    assert build_api(glossary.load(src), out) == []
    (out / "v1" / "notes.txt").write_text("mine", "utf-8")
    path = src / "webinar.yaml"
    path.write_text(path.read_text("utf-8").replace("webinaari", "verkkoseminaari"), "utf-8")
    (src / "capacity.yaml").unlink()
    written = sorted(p.relative_to(out).as_posix() for p in build_api(glossary.load(src), out))
    assert written == [
        RELEASES,  # the same release (version 0.1) with another snapshot
        "v1/concepts/webinar.json",
        "v1/glossary.json",
        "v1/index.json",
        "v1/subjects/e-learning.json",
        "v1/subjects/vet.json",
        "v1/terms/en.json",
        "v1/terms/fi.json",
        "v1/terms/ru.json",
    ]
    assert not (out / "v1/concepts/capacity.json").exists()
    assert (out / "v1" / "notes.txt").read_text("utf-8") == "mine"
    assert "v1/concepts/capacity.json" not in json.loads((out / RECORD).read_text("utf-8"))["files"]


def test_refuses_a_folder_it_did_not_make(tmp_path):
    g = glossary.load(SITE_SRC)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "thesis.odt").write_bytes(b"precious")
    with pytest.raises(
        ExportError, match="is not empty and was not made by 'glossary export json'"
    ):
        build_api(g, out)
    assert [p.name for p in out.iterdir()] == ["thesis.odt"]
    # Nor does it take a site's folder for its own.
    (out / "thesis.odt").unlink()
    (out / ".glossary-site.json").write_text('{"format": 1, "files": {}}', "utf-8")
    with pytest.raises(ExportError, match="was not made by 'glossary export json'"):
        build_api(g, out)
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(ExportError, match="is a file; give a folder for the JSON API"):
        build_api(g, tmp_path / "file")


def test_a_subject_code_that_cannot_name_a_file_is_refused(tmp_path):
    term = Term("x")
    concept = Concept("x", {"fi": LangSection("fi", (term,))}, subjects=("../x",))
    g = Glossary(GlossaryMeta(languages=("fi",)), {"x": concept})
    with pytest.raises(ExportError, match=r"subject code '\.\./x' cannot name a file"):
        build_api(g, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_json_api_inside_the_sites_downloads_is_linked_from_the_site(tmp_path):
    from glossary.site import build_site

    g = glossary.load(SITE_SRC)
    site = tmp_path / "site"
    build_site(g, site)
    build_api(g, site / "downloads" / "json")
    written = [p.relative_to(site).as_posix() for p in build_site(g, site)]
    assert sorted(written) == ["en/about.html", "fi/about.html", "ru/about.html"]
    assert 'href="../downloads/json/v1/index.json"' in (site / "fi/about.html").read_text("utf-8")
    assert (site / "downloads/json/v1/index.json").is_file()


# -- content ----------------------------------------------------------------------------

DISTANCE_LEARNING = """\
{
  "id": "distance-learning",
  "status": "approved",
  "subjects": [
    "e-learning"
  ],
  "broader": [],
  "part_of": [],
  "related": [
    "online-learning",
    "webinar"
  ],
  "replaced_by": [],
  "narrower": [],
  "parts": [],
  "note": "The learner and the teacher are apart in place; they may also be apart in time.",
  "updated": "2026-03-01",
  "languages": {
    "fi": {
      "definition": "Opiskelu, jossa opiskelija ja opettaja ovat eri paikoissa ja viestivät tietoverkon tai muun välineen kautta.",
      "source": "Opetushallitus",
      "terms": [
        {
          "term": "etäopiskelu",
          "status": "preferred",
          "type": "fullForm",
          "pos": "noun",
          "context": "Etäopiskelu sopii hyvin työn ohessa opiskeleville.",
          "context_source": "Verkkoaineisto",
          "usage": []
        },
        {
          "term": "etäoppiminen",
          "status": "admitted",
          "type": "fullForm",
          "pos": "noun",
          "usage": []
        }
      ]
    },
    "ru": {
      "definition": "Обучение, при котором обучающийся и преподаватель находятся в разных местах и взаимодействуют через сеть или иные средства связи.",
      "terms": [
        {
          "term": "дистанционное обучение",
          "status": "preferred",
          "type": "fullForm",
          "pos": "noun",
          "gender": "neuter",
          "usage": []
        },
        {
          "term": "заочное обучение",
          "status": "deprecated",
          "type": "fullForm",
          "pos": "noun",
          "gender": "neuter",
          "note": "Заочное обучение — другая форма обучения, не обязательно дистанционная.",
          "usage": []
        }
      ]
    },
    "en": {
      "terms": [
        {
          "term": "distance learning",
          "status": "preferred",
          "type": "fullForm",
          "pos": "noun",
          "usage": []
        }
      ]
    }
  }
}
"""


def test_a_concept_document_with_every_field(api):
    assert (api / "v1/concepts/distance-learning.json").read_text("utf-8") == DISTANCE_LEARNING


def test_relations_image_equivalence_and_term_labels_in_concept_documents(api):
    vet = load(api, "concepts/vocational-education.json")
    assert {k: vet[k] for k in ("broader", "part_of", "replaced_by", "narrower", "parts")} == {
        "broader": [],
        "part_of": [],
        "replaced_by": [],
        "narrower": [],
        "parts": ["mother-tongue"],
    }
    assert vet["image"] == {
        "path": "images/vocational-education.svg",
        "caption": "A workshop at a vocational college",
        "source": "Drawn for the tests, CC0",
    }
    assert list(vet["languages"]["ru"]) == [
        "definition",
        "equivalence",
        "equivalence_note",
        "terms",
    ]
    assert vet["languages"]["ru"]["equivalence"] == "near"
    assert load(api, "concepts/online-learning.json")["narrower"] == ["webinar"]
    assert load(api, "concepts/online-learning.json")["languages"]["ru"]["terms"][0] == {
        "term": "онлайн-обучение",
        "status": "preferred",
        "type": "fullForm",
        "pos": "noun",
        "gender": "neuter",
        "usage": ["colloquial", "technical"],
        "number": "singular",
        "homograph": 1,
    }
    capacity = load(api, "concepts/capacity.json")
    assert (capacity["status"], capacity["replaced_by"]) == ("retired", ["vocational-education"])


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {k: v for k, v in dataclasses.asdict(value).items() if v is not None}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _fields(obj, skip=()):
    """Every set field of a model object, as JSON values (unset ones left out)."""
    names = [f.name for f in dataclasses.fields(obj) if f.name not in ("location", "spans", *skip)]
    return {name: _plain(getattr(obj, name)) for name in names if getattr(obj, name) is not None}


def test_every_concept_document_is_what_the_model_says(bundled, bundled_api):
    for concept in bundled.concepts.values():
        expected = _fields(concept, skip=("languages",))
        expected["narrower"] = list(bundled.narrower(concept.id))
        expected["parts"] = list(bundled.parts(concept.id))
        expected["languages"] = {
            lang: {
                **_fields(section, skip=("lang", "terms")),
                "terms": [_fields(term) for term in section.terms],
            }
            for lang, section in concept.languages.items()
        }
        document = load(bundled_api, f"concepts/{concept.id}.json")
        assert document == expected, concept.id
        order = [lang for lang in bundled.languages if lang in concept.languages]
        assert list(document["languages"]) == order
    dump = load(bundled_api, "glossary.json")
    assert [c["id"] for c in dump["concepts"]] == sorted(bundled.concepts)
    for concept in dump["concepts"]:
        assert concept == load(bundled_api, f"concepts/{concept['id']}.json")
    assert dump["glossary"] == load(bundled_api, "index.json")["glossary"]


def test_the_index(api):
    index = load(api, "index.json")
    assert list(index) == ["api_version", "glossary", "counts", "subjects", "links"]
    assert index["glossary"] == {
        "id": "site-test",
        "title": {"fi": "Testisanasto", "ru": "Тестовый глоссарий", "en": "Test glossary"},
        "version": "0.1",
        "license": "CC0-1.0",
        "publisher": "Test publisher",
        "languages": ["fi", "ru", "en"],
        "required": ["fi", "ru"],
        "note_language": "en",
        "base_url": "https://sanasto.example.fi/testi/",
    }
    assert index["counts"] == {"concepts": 8, "terms": {"fi": 9, "ru": 9, "en": 9}}
    assert [(s["code"], s["labels"]["ru"], s["concepts"]) for s in index["subjects"]] == [
        ("vet", "Профессиональное образование", 5),
        ("e-learning", "Электронное обучение", 3),
    ]
    assert index["links"]["terms"] == {
        "fi": "terms/fi.json",
        "ru": "terms/ru.json",
        "en": "terms/en.json",
    }
    assert list(index["links"]["concepts"]) == list(IDS)


def test_the_bundled_index_counts_what_the_model_holds(bundled, bundled_api):
    index = load(bundled_api, "index.json")
    assert index["counts"]["concepts"] == len(bundled.concepts)
    for lang in bundled.languages:
        count = sum(1 for c in bundled.concepts.values() for _ in c.terms(lang))
        assert index["counts"]["terms"][lang] == count
        assert len(load(bundled_api, f"terms/{lang}.json")["terms"]) == count
    for subject in index["subjects"]:
        members = [c for c in bundled.concepts.values() if subject["code"] in c.subjects]
        assert subject["concepts"] == len(members)
        assert subject["labels"] == dict(bundled.meta.subjects[subject["code"]])


def test_term_index_in_finnish_order(api, bundled_api):
    terms = load(api, "terms/fi.json")["terms"]
    assert [(t["term"], t["concept"]) for t in terms] == [
        ("ammatillinen koulutus", "vocational-education"),
        ("etäopiskelu", "distance-learning"),
        ("etäoppiminen", "distance-learning"),
        ("kapasiteetti", "capacity"),
        ("<script>window.__pwned = 'term'</script>", "hostile"),
        ("verkko-oppiminen", "online-learning"),
        ("webinaari", "webinar"),
        ("Åbo Akademi", "abo-akademi"),
        ("äidinkieli", "mother-tongue"),
    ]
    assert terms[2] == {
        "term": "etäoppiminen",
        "status": "admitted",
        "type": "fullForm",
        "concept": "distance-learning",
        "preferred": False,
    }
    bundled_terms = [t["term"] for t in load(bundled_api, "terms/fi.json")["terms"]]
    assert bundled_terms == sorted(bundled_terms, key=lambda t: sort_key(t, "fi"))
    first_letters = [t[0].lower() for t in bundled_terms]
    last_latin = max(i for i, ch in enumerate(first_letters) if "a" <= ch <= "z")
    assert all(ch in "åäö" for ch in first_letters[last_latin + 1 :])
    assert bundled_terms[-1] == "älytaulu"


def test_term_index_in_russian_order(api, bundled_api):
    terms = load(api, "terms/ru.json")["terms"]
    assert [t["term"] for t in terms] == [
        "Академия Або",
        "вебинар",
        "дистанционное обучение",
        "ёмкость",  # ё sorts with е, not after я
        "заочное обучение",
        "онлайн-обучение",
        "профессиональное образование",
        "родной язык",
        "</title><b>жирный</b>",  # Latin letters come after Cyrillic ones
    ]
    assert [t["preferred"] for t in terms].count(False) == 1  # заочное обучение
    bundled_terms = [t["term"] for t in load(bundled_api, "terms/ru.json")["terms"]]
    assert bundled_terms == sorted(bundled_terms, key=lambda t: sort_key(t, "ru"))
    assert bundled_terms.index("зачётная единица") < bundled_terms.index(
        "зачёт результатов обучения"
    )


def test_a_subject_document(api):
    assert load(api, "subjects/e-learning.json") == {
        "code": "e-learning",
        "labels": {"fi": "Verkko-oppiminen", "ru": "Электронное обучение", "en": "E-learning"},
        "concepts": [
            {
                "id": "distance-learning",
                "preferred": {
                    "fi": "etäopiskelu",
                    "ru": "дистанционное обучение",
                    "en": "distance learning",
                },
            },
            {
                "id": "online-learning",
                "preferred": {
                    "fi": "verkko-oppiminen",
                    "ru": "онлайн-обучение",
                    "en": "online learning",
                },
            },
            {
                "id": "webinar",
                "preferred": {"fi": "webinaari", "ru": "вебинар", "en": "webinar"},
            },
        ],
    }


def test_hostile_text_is_kept_verbatim(api):
    concept = load(api, "concepts/hostile.json")
    assert concept["note"] == "</aside><script>window.__pwned = 'note'</script>"
    fi = concept["languages"]["fi"]
    assert fi["definition"] == "<img src=x onerror=\"window.__pwned = 'definition'\">"
    assert fi["terms"][0]["term"] == "<script>window.__pwned = 'term'</script>"
    assert concept["languages"]["ru"]["terms"][0]["term"] == "</title><b>жирный</b>"
    en = concept["languages"]["en"]["terms"][0]["term"]
    assert en == '"><svg onload="window.__pwned = \'attr\'">'
    raw = (api / "v1/concepts/hostile.json").read_text("utf-8")
    assert "</aside><script>window.__pwned = 'note'</script>" in raw
    assert '"term": "\\"><svg onload=\\"window.__pwned = \'attr\'\\">"' in raw
    dump = load(api, "glossary.json")
    assert next(c for c in dump["concepts"] if c["id"] == "hostile") == concept


# -- the command line -------------------------------------------------------------------


def test_cli_export_json(runner, tmp_path):
    from glossary.cli import app

    out = tmp_path / "api"
    result = runner.invoke(app, ["export", "json", "--out", str(out), "-g", str(SITE_SRC)])
    assert result.exit_code == 0, result.stderr
    written = len(files(out)) - 1
    assert written == 24
    assert result.stderr == f"wrote {written} changed files in {out}\n"
    assert result.stdout == ""
    result = runner.invoke(app, ["export", "json", "--out", str(out), "-g", str(SITE_SRC)])
    assert result.exit_code == 0
    assert result.stderr == f"{out} is up to date\n"
    result = runner.invoke(app, ["export", "json", "-g", str(SITE_SRC)])
    assert result.exit_code == 2
    assert "'json' writes a folder; give --out DIR" in result.stderr


def test_cli_export_json_with_a_base_url(runner, tmp_path):
    from glossary.cli import app

    out = tmp_path / "api"
    url = "https://data.example.org/glossary/"
    args = ["export", "json", "--out", str(out), "--base-url", url, "-g", str(SITE_SRC)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    schema = load(out, "schemas/concept.schema.json")
    assert schema["$id"] == "https://data.example.org/glossary/v1/schemas/concept.schema.json"
    assert load(out, "openapi.json")["servers"][0]["url"] == "https://data.example.org/glossary"
    # The glossary's own address (its web site) is reported as it is.
    assert load(out, "index.json")["glossary"]["base_url"] == "https://sanasto.example.fi/testi/"


def test_cli_export_json_into_a_foreign_folder_fails_cleanly(runner, tmp_path):
    from glossary.cli import app

    (tmp_path / "mine.txt").write_text("x", "utf-8")
    result = runner.invoke(app, ["export", "json", "--out", str(tmp_path), "-g", str(SITE_SRC)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"glossary: error: {tmp_path} is not empty and was not made by 'glossary export json'; "
        "give an empty or new folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]
