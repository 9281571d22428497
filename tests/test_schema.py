"""`glossary schema`: the JSON Schema of a concept file agrees with the loader and the linter.

Files are read here as an editor reads them (YAML 1.2 core schema, as yaml-language-server
does: ``2`` is a number, ``2026-01-05`` and ``no`` are text), validated with the
`jsonschema` library, and every schema error is placed at a line and column with the
project's own parser, to be compared with the linter's diagnostics.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT, TERMS
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

import glossary
from glossary.cli import app
from glossary.langtags import normalize_tag
from glossary.sources import source_files
from glossary.sources.schema import HELP, concept_schema, glossary_meta, schema_text, tag_pattern
from glossary.sources.yamlnodes import PosDict, parse_yaml
from glossary.validation.diagnostics import Severity
from glossary.validation.rules import RULES

INVALID = DATA / "invalid"
CONFIG = INVALID / "glossary.toml"
#: The codes whose problems a schema can see in one file: the rest need the YAML syntax
#: (L102, L105, L117), other files (R2xx) or the meaning of the text (Hxxx, Kxxx).
SCHEMA_CODES = {"L106", "L107", "L108", "L109", "L110", "L111", "L114", "R203", "C301"}


# -- reading YAML as an editor does -----------------------------------------------------


class Yaml12Loader(yaml.CSafeLoader):
    """The YAML 1.2 core schema (spec 1.2.2, 10.3.2), which yaml-language-server uses."""


Yaml12Loader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("null", r"~|null|Null|NULL|", [*"~nN", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", list("-+0123456789")),
    (
        "float",
        r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(f"^(?:{_pattern})$"), _first
    )


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(key) for key, _ in node.value]
    if len(set(keys)) != len(keys):  # yaml-language-server: "Map keys must be unique"
        raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
    return loader.construct_mapping(node)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node).lower().replace(".inf", "inf").replace(".nan", "nan")
    return float(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _mapping)


def editor_documents(text: str) -> list[Any]:
    return [doc for doc in yaml.load_all(text, Loader=Yaml12Loader) if doc is not None]


def test_the_editor_reading_is_yaml_1_2():
    docs = editor_documents("a: 2026-01-05\nb: no\nc: 017\nd: 0x1F\ne: true\nf: ~\ng: .inf\n")
    assert docs == [
        {"a": "2026-01-05", "b": "no", "c": 17, "d": 31, "e": True, "f": None, "g": float("inf")}
    ]


# -- schema errors at line and column ---------------------------------------------------


def _validator(schema: dict[str, Any], document: Any) -> Draft202012Validator:
    """Against the concept (or the list of concepts) itself, so that every error is
    reported rather than one "not any of" at the root."""
    root = {key: value for key, value in schema.items() if key != "anyOf"}
    concept = {"$ref": "#/$defs/concept"}
    root.update(concept if isinstance(document, dict) else {"type": "array", "items": concept})
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _node(tree: Any, path: list[Any]) -> tuple[Any, tuple[int, int]]:
    node, pos = tree, tree.pos
    for step in path:
        # A language section is placed at its language code, as the loader places it.
        if isinstance(node, PosDict):
            pos = node.key_pos[step] if path[-2:-1] == ["languages"] else node.value_pos[step]
        else:
            pos = node.item_pos[step]
        node = node[step]
    return node, pos


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors that say what is wrong: for "any of", those of the deepest alternative."""
    if not error.context:
        return [error]
    depth = max(len(e.absolute_path) for e in error.context)
    return [leaf for e in error.context if len(e.absolute_path) == depth for leaf in _leaves(e)]


def schema_positions(text: str, schema: dict[str, Any]) -> set[tuple[int, int]]:
    values = editor_documents(text)
    trees = [tree for tree in parse_yaml(text)[0] if tree is not None]
    assert len(values) == len(trees)
    found = set()
    for value, tree in zip(values, trees, strict=True):
        verdict = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = list(_validator(schema, value).iter_errors(value))
        assert verdict.is_valid(value) == (not errors)
        for error in errors:
            for leaf in _leaves(error):
                path = list(leaf.absolute_path)
                node, pos = _node(tree, path)
                if leaf.validator == "additionalProperties":
                    known = leaf.schema["properties"]
                    found.update(node.key_pos[key] for key in node if key not in known)
                elif "propertyNames" in leaf.absolute_schema_path:
                    found.add(node.key_pos[leaf.instance])
                else:
                    found.add(pos)
    return found


def linter_positions(path: Path, *, every_error: bool = False) -> set[tuple[int, int]]:
    report = glossary.validate(path, cache=False)
    return {
        (d.line, d.col)
        for d in report.diagnostics
        if d.severity is Severity.ERROR and (every_error or d.code in SCHEMA_CODES)
    }


@pytest.fixture(scope="module")
def samples_schema() -> dict[str, Any]:
    return concept_schema(glossary_meta(INVALID))


# -- the schema itself ------------------------------------------------------------------


@pytest.mark.parametrize("path", [None, INVALID, TERMS])
def test_the_schema_is_a_valid_draft_2020_12_schema(path):
    schema = concept_schema(None if path is None else glossary_meta(path))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    concept = schema["$defs"]["concept"]
    assert concept["additionalProperties"] is False
    assert concept["properties"]["status"]["enum"] == [
        "draft",
        "reviewed",
        "approved",
        "retired",
        None,
    ]
    term = schema["$defs"]["section"]["properties"]["terms"]["items"]
    assert term["additionalProperties"] is False
    assert term["properties"]["pos"]["enum"][:2] == ["noun", "verb"]
    assert schema["$defs"]["section"]["additionalProperties"] is False


def test_a_glossary_schema_knows_its_subjects_and_required_languages():
    schema = concept_schema(glossary_meta(INVALID))
    concept = schema["$defs"]["concept"]
    code = concept["properties"]["subjects"]["anyOf"][0]
    assert code == {
        "enum": ["e-learning", "vet"],
        "enumDescriptions": [
            "Verkko-oppiminen / Электронное обучение / E-learning",
            "Ammatillinen koulutus / Профессиональное образование / VET",
        ],
    }
    assert concept["then"] == {"properties": {"languages": {"required": ["fi", "ru"]}}}
    assert list(concept["properties"]["languages"]["properties"]) == ["fi", "ru", "en"]
    generic = concept_schema(None)["$defs"]["concept"]
    assert "then" not in generic
    assert "anyOf" not in generic["properties"]["subjects"]


def test_every_field_has_the_meaning_docs_format_md_gives_it():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for table, heading in (
        ("concept", "### Concept fields"),
        ("section", "### Language section fields"),
        ("term", "### Term fields"),
    ):
        rows = text.split(heading, 1)[1].split("\n\n", 2)[1]
        meanings = {}
        for row in rows.splitlines()[2:]:
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]]
            meanings[cells[0].strip("`")] = cells[-1].replace("\\|", "|")
        assert meanings == HELP[table]
    description = concept_schema()["$defs"]["concept"]["properties"]["image"]
    assert description["description"].startswith("A picture of the concept: a bare path, or path")
    assert description["markdownDescription"].startswith("A picture of the concept: a bare")


def test_a_field_without_help_is_refused(monkeypatch):
    monkeypatch.setitem(HELP, "term", {k: v for k, v in HELP["term"].items() if k != "number"})
    with pytest.raises(RuntimeError, match=r"term fields out of step: \['number'\]"):
        concept_schema()


@given(st.text(alphabet="aAbBzZxXq-_09 ", max_size=14))
def test_the_language_tag_pattern_accepts_what_the_loader_accepts(tag):
    assert (re.search(tag_pattern(), tag) is not None) == (normalize_tag(tag) is not None)


@given(st.text(alphabet="ab/\\.: \nhtps", max_size=14))
def test_the_image_path_pattern_accepts_what_the_loader_accepts(path):
    from glossary.sources.fields import ConceptBuilder
    from glossary.sources.schema import _IMAGE_PATH

    loader = bool(path.strip()) and ConceptBuilder("c.yaml")._image_path(path, (1, 1))
    assert (re.search(_IMAGE_PATH, path) is not None) == loader


@pytest.mark.parametrize(
    "tag", ["fi", "EN_us", "uz-Latn", "zh-Hant-TW", "x-private", "de-CH-1996", "en-a-bbb-x-a"]
)
def test_real_language_tags_match(tag):
    assert normalize_tag(tag) is not None
    assert re.search(tag_pattern(), tag)


# -- every bundled file passes ----------------------------------------------------------


def test_every_bundled_concept_file_passes_its_glossary_schema():
    # The generic schema only relaxes this one (any subject code, no required language).
    schema = concept_schema(glossary_meta(TERMS))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    files = source_files(TERMS)
    assert len(files) > 600
    failures = []
    for path in files:
        for document in editor_documents(path.read_text(encoding="utf-8")):
            failures.extend(f"{path.name}: {e.message}" for e in validator.iter_errors(document))
    assert failures == []


# -- the linter and the schema agree ----------------------------------------------------


def _yaml_samples() -> list[str]:
    # L101 samples are not text at all.
    return sorted(p.name for p in INVALID.glob("*.yaml") if not p.name.startswith("L101"))


@pytest.mark.parametrize("name", _yaml_samples())
def test_the_schema_rejects_the_invalid_samples_where_the_linter_does(name, samples_schema):
    path = INVALID / name
    text = path.read_text(encoding="utf-8")
    try:
        editor_documents(text)
    except yaml.YAMLError:
        assert name[:4] in ("L102", "L105", "L117")  # the editor reports the YAML itself
        return
    assert schema_positions(text, samples_schema) == linter_positions(path)
    if name[:4] in SCHEMA_CODES:
        assert linter_positions(path)


#: Typical mistakes, and good files that use what an editor reads differently (numbers,
#: booleans, dates, empty values). Each is checked by the linter and by the schema.
CASES = {
    "good": """\
id: distance-learning
subjects: [e-learning]
status: approved
related: e-learning
note:
updated: 2026-01-05
image: {path: images/a.svg, caption: A learner}
languages:
  fi:
    definition: Opiskelu etänä.
    terms: [{term: etäopiskelu, pos: noun, homograph: 2, usage: formal}]
  ru:
    definition: Обучение на расстоянии.
    equivalence: near
    terms:
      - {term: дистанционное обучение, pos: noun, gender: neuter, usage: [official, legal]}
      - {term: 2020, pos: other, status: admitted, number: singular}
---
id: e-learning
languages: {fi: {terms: [verkko-oppiminen]}, ru: {terms: [электронное обучение]}}
""",
    "good-list": """\
- id: webinar
  languages: {fi: {terms: [webinaari]}, en: {terms: [no]}}
- id: webinars
  status: draft
  languages: {fi: {terms: [true]}}
""",
    "misspelt-term-status": """\
id: a
languages:
  fi: {definition: Opiskelu etänä., terms: [{term: etäopiskelu, pos: noun, status: admited}]}
""",
    "misspelt-concept-status": "id: a\nstatus: aproved\nlanguages: {fi: {terms: [a]}}\n",
    "unknown-field": "id: a\ndefinition: x\nlanguages: {fi: {terms: [a], synonyms: [b]}}\n",
    "unknown-term-field": "id: a\nlanguages: {fi: {terms: [{term: a, plural: b}]}}\n",
    "pos-outside-the-list": "id: a\nlanguages: {fi: {terms: [{term: a, pos: substantive}]}}\n",
    "gender-on-a-wrong-value": "id: a\nlanguages: {ru: {terms: [{term: a, gender: female}]}}\n",
    "usage-outside-the-list": "id: a\nlanguages: {fi: {terms: [{term: a, usage: [legal, slng]}]}}\n",
    "equivalence-outside-the-list": "id: a\nlanguages: {ru: {equivalence: partial, terms: [a]}}\n",
    "number-outside-the-list": "id: a\nlanguages: {ru: {terms: [{term: a, number: dual}]}}\n",
    "homograph-zero": "id: a\nlanguages: {fi: {terms: [{term: a, homograph: 0}]}}\n",
    "image-out-of-the-folder": "id: a\nimage: ../secret.png\nlanguages: {fi: {terms: [a]}}\n",
    "relation-not-an-id": "id: a\nbroader: Learning\nlanguages: {fi: {terms: [a]}}\n",
    "empty-term": "id: a\nlanguages: {fi: {terms: ['  ', {term: ''}]}}\n",
    "no-languages": "id: a\nlanguages: {}\n",
    "unknown-subject": "id: a\nsubjects: e-lerning\nlanguages: {fi: {terms: [a]}}\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_linter_and_the_schema_agree(name, tmp_path, samples_schema):
    shutil.copy(CONFIG, tmp_path / "glossary.toml")
    path = tmp_path / f"{name}.yaml"
    path.write_text(CASES[name], encoding="utf-8")
    if name.startswith("good"):
        assert linter_positions(path, every_error=True) == set()
        assert schema_positions(CASES[name], samples_schema) == set()
    else:
        found = linter_positions(path)
        assert found
        assert schema_positions(CASES[name], samples_schema) == found


_BLOCK = re.compile(r"\*\*(?:Fails|Passes)\*\*[^\n]*\n\n```yaml\n(.*?)```", re.S)


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_rule_examples_fail_the_schema_where_they_fail_the_linter(
    code, tmp_path, samples_schema
):
    shutil.copy(CONFIG, tmp_path / "glossary.toml")
    for index, text in enumerate(_BLOCK.findall(RULES[code].doc)):
        try:
            editor_documents(text)
        except yaml.YAMLError:
            assert code in ("L102", "L105", "L117")
            continue
        path = tmp_path / f"example-{index}.yaml"
        path.write_text(text, encoding="utf-8")
        assert schema_positions(text, samples_schema) == linter_positions(path), text
        path.unlink()


# -- the command ------------------------------------------------------------------------


def run(runner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_schema_prints_the_schema_of_the_glossary_in_use(runner):
    result = run(runner, "schema", "-g", str(INVALID))
    assert result.exit_code == 0
    assert result.stdout == schema_text(glossary_meta(INVALID))
    assert json.loads(result.stdout)["title"] == "A concept file of the glossary 'samples'"
    generic = run(runner, "schema", "--generic", "-g", str(INVALID))
    assert json.loads(generic.stdout) == concept_schema(None)
    assert json.loads(generic.stdout)["title"] == "A glossary concept file"


def test_schema_output_writes_the_file_and_says_so(runner, tmp_path):
    target = tmp_path / "terms" / "concept.schema.json"
    result = run(runner, "schema", "--output", str(target), "-g", str(TERMS))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == schema_text(glossary_meta(TERMS))
    assert [p.name for p in target.parent.iterdir()] == ["concept.schema.json"]


def test_schema_of_a_broken_glossary_toml_is_refused(runner, tmp_path):
    (tmp_path / "glossary.toml").write_text("[glossary]\nlanguages = [\n", encoding="utf-8")
    result = run(runner, "schema", "-g", str(tmp_path), "--output", str(tmp_path / "s.json"))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'glossary.toml'}:") and " L104 " in lines[0]
    assert lines[-1] == "glossary: error: glossary.toml has 1 error; run 'glossary validate'"
    assert not (tmp_path / "s.json").exists()
    missing = run(runner, "schema", "-g", str(tmp_path / "nope"))
    assert missing.exit_code == 1
    assert missing.stderr == f"glossary: error: {tmp_path / 'nope'}: no such file or folder\n"


def test_a_folder_without_glossary_toml_gets_the_generic_fields(runner, tmp_path):
    (tmp_path / "a.yaml").write_text("id: a\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8")
    schema = json.loads(run(runner, "schema", "-g", str(tmp_path / "a.yaml")).stdout)
    generic = concept_schema(None)
    assert schema["$defs"] == generic["$defs"]
    assert schema["title"] == f"A concept file of the glossary '{tmp_path.name}'"
