"""Everything the YAML writer writes loads identically with every common YAML parser (#13).

PyYAML's pure-Python loader, libyaml (``CSafeLoader``) and ruamel.yaml (YAML 1.2, pure
and C) must each read back exactly the text that was written: no scalar may be taken as
a number, a boolean, a date, null, an alias, a tag, a comment or a flow indicator by any
of them.
"""

from __future__ import annotations

import io
import os

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from glossary.model import Concept, LangSection, Term, TermStatus
from glossary.sources.yaml import dump_yaml, read_yaml, yaml_scalar

EXAMPLES = 500 if os.environ.get("CI") == "true" else 200


def _pure(text: str) -> object:
    return yaml.load(text, Loader=yaml.SafeLoader)


def _libyaml(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _ruamel_pure(text: str) -> object:
    return YAML(typ="safe", pure=True).load(text)


def _ruamel_1_1(text: str) -> object:
    loader = YAML(typ="safe", pure=True)
    loader.version = (1, 1)
    return loader.load(text)


LOADERS = {
    "pyyaml": _pure,
    "libyaml": _libyaml,
    "ruamel": _ruamel_pure,
    "ruamel-1.1": _ruamel_1_1,
}

#: Words and shapes that one YAML version or another reads as something else.
SPECIAL = [
    "yes",
    "No",
    "ON",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "NULL",
    "1",
    "-1",
    "+1",
    "0o17",
    "0x1F",
    "017",
    "1_000",
    "1e3",
    "1.5",
    ".5",
    "1.",
    "-.inf",
    ".NaN",
    "1:20",
    "1:20:30.5",
    "2026-01-01",
    "2026-1-1 10:00",
    "<<",
    "=",
    "?",
    ":",
    "-",
    "? x",
    ": x",
    "- x",
    "#x",
    "x #y",
    "x: y",
    "x:",
    "!x",
    "&x",
    "*x",
    "%x",
    "@x",
    "`x",
    "[x]",
    "{x}",
    "x, y",
    "x,y",
    "a ?",
    "угла ?",
    "x ?]",
    "---",
    "...",
    "--- x",
    "'x'",
    '"x"',
    "|x",
    ">x",
    " x",
    "x ",
    "x\ty",
    "\tx",
    "a\nb",
    "a\n\nb",
    "x\r",
    "x\u2028y",
    "\ufeffx",
    "x\u0085y",
    "é",
    "a]b",
    "a}b",
    "a[b",
    "a{b",
    "a?b",
    "a:b",
    "a#b",
    "a!b",
]


def _concept(text: str) -> Concept:
    fi = LangSection(
        lang="fi",
        terms=(Term(term=text), Term(term=text + "2", status=TermStatus.ADMITTED)),
        definition=text,
        note=text,
    )
    ru = LangSection(
        lang="ru",
        terms=(Term(term=text, context=text, source=text, note=text),),
    )
    return Concept(id="c", languages={"fi": fi, "ru": ru}, note=text)


def _expected(text: str) -> dict[str, object]:
    return {
        "id": "c",
        "status": "draft",
        "note": text,
        "languages": {
            "fi": {"definition": text, "note": text, "terms": [text, text + "2"]},
            "ru": {"terms": [{"term": text, "context": text, "source": text, "note": text}]},
        },
    }


def _check(text: str) -> None:
    """``text`` (not blank: the model has no blank terms) in every place a scalar goes."""
    written = dump_yaml(_concept(text))
    for name, load in LOADERS.items():
        try:
            loaded = load(written)
        except Exception as exc:  # any parser's error is a failure of the writer
            raise AssertionError(f"{name} cannot read:\n{written}\n{exc}") from exc
        fi = loaded["languages"]["fi"]
        # The admitted term is written as a mapping: compare only the texts.
        fi = {**fi, "terms": [t["term"] if isinstance(t, dict) else t for t in fi["terms"]]}
        assert {**loaded, "languages": {**loaded["languages"], "fi": fi}} == _expected(text), (
            name,
            written,
        )
    concepts, diagnostics = read_yaml(io.BytesIO(written.encode()), name="c.yaml")
    assert diagnostics == []
    assert concepts == [_concept(text)]


@pytest.mark.parametrize("text", SPECIAL)
def test_special_scalars_load_identically_everywhere(text):
    _check(text)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@example("конструкция механизма изменения угла ?")
@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_any_text_loads_identically_everywhere(text):
    _check(text)


@given(
    st.text(alphabet=st.sampled_from("-?:,[]{}#&*!|>'\"%@` \t\nab1.~=<"), min_size=1).filter(
        str.strip
    )
)
@settings(max_examples=EXAMPLES, deadline=None)
def test_indicator_soup_loads_identically_everywhere(text):
    _check(text)


def test_plain_text_stays_plain():
    """Quoting is not overdone: ordinary terms and prose stay readable."""
    for text in ("e-learning", "ammatillinen koulutus", "дистанционное обучение", "C++", "50/50"):
        assert yaml_scalar(text) == text
