"""Fuzzing that stays: every reader and ``fmt`` fed mutated real files.

Seeds are real files of each format (concept files of the bundled glossary with
comments, glossary.toml, TBX, MultiTerm XML, CSV and XLSX exported from the test
glossary); Hypothesis mutates their bytes with the edits that broke readers before
(inserted XML comments and processing instructions, quotes, tabs, brackets, control
characters, truncation, duplicated and deleted spans). The properties:

- no exception escapes a reader or ``fmt``: every problem is a diagnostic;
- every diagnostic points into the file (line >= 1);
- ``fmt`` never loses a comment or a value, and a second run changes nothing;
- what an import reads, exported and imported again, exports the same.

CI runs a few hundred cases per reader (well under a minute in all). A longer campaign
runs the same properties for as long as you like: ``python tools/fuzz.py --minutes 10``
(see docs/security.md).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.validation.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
#: Cases per reader in a normal test run; ``GLOSSARY_FUZZ_EXAMPLES`` raises it.
EXAMPLES = int(os.environ.get("GLOSSARY_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: How many cases each property has run in this process (tools/fuzz.py reports them).
COUNTS: dict[str, int] = {}


def _count(name: str) -> None:
    COUNTS[name] = COUNTS.get(name, 0) + 1


# -- seeds ------------------------------------------------------------------------------


@cache
def _site():  # type: ignore[no-untyped-def]
    import glossary

    return glossary.load(DATA / "site")


@cache
def yaml_seeds() -> tuple[bytes, ...]:
    names = ["distance-learning", "vocational-upper-secondary-qualification", "ecvet"]
    seeds = [(ROOT / "terms" / f"{name}.yaml").read_bytes() for name in names]
    seeds.append((DATA / "site" / "hostile.yaml").read_bytes())
    seeds.append(
        b"# a file of two concepts\n- id: a  # first\n  related: [b,  # why\n    c]\n"
        b"  languages:\n    fi:\n      terms:\n        -\n          # the term\n"
        b"          term: aa\n- id: b\n  languages: {fi: {terms: [bb]}}  # end\n"
    )
    seeds.append(b"id: a\nlanguages:\n  fi:\n    terms: [a]\n---\n- id: b\n")
    return tuple(seeds)


@cache
def toml_seeds() -> tuple[bytes, ...]:
    return (
        (ROOT / "terms" / "glossary.toml").read_bytes(),
        (DATA / "site" / "glossary.toml").read_bytes(),
        b'[glossary]\nid = "a"\n[validate]\nextend-select = ["C305"]\n'
        b'[validate.options]\nK504 = { languages = ["de"] }\nH404.allow = ["U+200C"]\n',
    )


@cache
def tbx_seeds() -> tuple[bytes, ...]:
    from glossary.sources.tbx_write import generate_tbx

    seeds = [p.read_bytes() for p in sorted((DATA / "tbx").glob("*.tbx"))]
    seeds.append("".join(generate_tbx(_site(), version=3)).encode("utf-8"))
    seeds.append("".join(generate_tbx(_site(), version=2)).encode("utf-8"))
    return tuple(seeds)


@cache
def multiterm_seeds() -> tuple[bytes, ...]:
    files = [p.read_bytes() for p in sorted((DATA / "multiterm").glob("*.xml"))]
    # UTF-8 copies too: a mutation of UTF-16 bytes mostly breaks the encoding.
    utf8 = [
        f.decode("utf-16").replace("'UTF-16'", "'UTF-8'").encode("utf-8")
        for f in files
        if f[:2] == b"\xff\xfe"
    ]
    return tuple(files + utf8)


@cache
def csv_seeds() -> tuple[bytes, ...]:
    from glossary.exporters import csv

    return (
        csv.render(_site()),
        "Термин (рус.);Suomeksi;Определение\nдистанционное обучение;etäopiskelu;"
        '"Обучение; ""на расстоянии"""\n'.encode(),
        b"source\ttarget\tcomment\nterm\ttermi\t# note\n",
    )


@cache
def xlsx_seed() -> bytes:
    from glossary.exporters import xlsx

    return xlsx.render(_site())


# -- mutations --------------------------------------------------------------------------

TOKENS = [
    b"<!-- c -->",
    b"<?pi x?>",
    b"<![CDATA[x]]>",
    b"&amp;",
    b"&x;",
    b"</",
    b"<",
    b">",
    b'"',
    b"'",
    b'""',
    b"\t",
    b"\n",
    b"\r\n",
    b"- ",
    b"-\n",
    b"# c\n",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b";",
    b"=",
    b"=HYPERLINK(1)",
    b"\x00",
    b"\x1b[31m",
    "\uffff".encode(),
    "\ufeff".encode(),
    "ä".encode(),
    "ё".encode(),
    b"\xff\xfe",
    b"---\n",
    b"...\n",
    b"*a",
    b"&a ",
    b"!!python/object ",
    b'xml:lang="en_US"',
    b'type="subject:../x"',
    b"[x]\n",
    b"1e400",
]

_EDIT = st.tuples(
    st.sampled_from(["insert", "delete", "duplicate", "replace", "truncate"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=6),
)


def mutate(seed: bytes, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    data = bytearray(seed)
    for kind, where, span, token in edits:
        at = int(where * len(data))
        length = int(span * min(len(data) - at, 64))
        if kind == "insert":
            data[at:at] = token
        elif kind == "delete":
            del data[at : at + length]
        elif kind == "duplicate":
            data[at:at] = data[at : at + length]
        elif kind == "replace" and at < len(data):
            data[at] = token[0]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


def mutants(seeds: Callable[[], tuple[bytes, ...]]) -> st.SearchStrategy[bytes]:
    return st.builds(
        mutate, st.sampled_from(list(seeds())), st.lists(_EDIT, min_size=1, max_size=5)
    )


def check_positions(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.col >= 0, str(d)
        assert d.path, str(d)


# -- properties -------------------------------------------------------------------------


@FUZZ
@given(data=mutants(yaml_seeds))
def test_yaml_reader(data):
    from glossary.sources.yaml import read_yaml

    _count("yaml")
    _, diagnostics = read_yaml(io.BytesIO(data), name="fuzz.yaml")
    check_positions(diagnostics)


_MARKER = re.compile(rb"#[ ]?c\d+\b")


def _with_markers(data: bytes, where: list[float]) -> bytes:
    """``data`` with comments ``# cN`` put at the ends of some lines."""
    lines = data.split(b"\n")
    for number, fraction in enumerate(where):
        index = int(fraction * len(lines))
        if index < len(lines):
            lines[index] += b"  # c%d" % number
    return b"\n".join(lines)


@FUZZ
@given(data=mutants(yaml_seeds), where=st.lists(st.floats(0, 1), max_size=4))
def test_fmt_keeps_comments_and_values(data, where):
    from glossary.formatting import format_text
    from glossary.sources.yaml import read_yaml

    _count("fmt")
    data = _with_markers(data, where)
    result = format_text(data, "fuzz.yaml")
    check_positions(result.diagnostics)
    if result.text is None:
        return
    out = result.text.encode("utf-8")
    # A marker is a comment or part of a value: either way fmt must keep it.
    assert set(_MARKER.findall(data)) <= set(_MARKER.findall(out))
    before, _ = read_yaml(io.BytesIO(data), name="fuzz.yaml")
    after, _ = read_yaml(io.BytesIO(out), name="fuzz.yaml")
    assert after == before
    again = format_text(out, "fuzz.yaml")
    assert again.text == result.text


@FUZZ
@given(data=mutants(toml_seeds))
def test_toml_reader(data):
    from glossary.config import read_config
    from glossary.validation.engine import settings_from

    _count("toml")
    config, diagnostics = read_config(data, "glossary.toml")
    check_positions(diagnostics)
    _, problems = settings_from(config.validate)
    check_positions(problems)


@FUZZ
@given(data=mutants(tbx_seeds))
def test_tbx_reader(data):
    from glossary.sources.tbx import read_tbx

    _count("tbx")
    result = read_tbx(io.BytesIO(data), name="fuzz.tbx")
    check_positions(list(result.diagnostics))


@FUZZ
@given(data=mutants(multiterm_seeds))
def test_multiterm_reader(data):
    from glossary.sources.multiterm import is_multiterm, read_multiterm

    _count("multiterm")
    is_multiterm(data)
    result = read_multiterm(io.BytesIO(data), name="fuzz.xml")
    check_positions(list(result.diagnostics))


@FUZZ
@given(data=mutants(csv_seeds))
def test_csv_reader_and_round_trip(data):
    from glossary.sources.tabular import read_table

    _count("csv")
    result = read_table(data, "fuzz.csv", "csv")
    check_positions(list(result.diagnostics))
    if result.concepts:
        _round_trip(result.concepts, result.languages)


def _round_trip(concepts, languages) -> None:  # type: ignore[no-untyped-def]
    """Exported as CSV and imported again, what was read exports the same."""
    from dataclasses import replace

    from glossary.exporters import csv
    from glossary.model import Glossary, GlossaryMeta
    from glossary.sources.tabular import read_table

    def glossary_of(items) -> Glossary:  # type: ignore[no-untyped-def]
        meta = GlossaryMeta(id="fuzz", languages=tuple(languages))
        return Glossary(meta, {c.id: replace(c) for c in items})

    first = csv.render(glossary_of(concepts))
    again = read_table(first, "again.csv", "csv")
    assert csv.render(glossary_of(again.concepts)) == first


def _xlsx_mutant(seed: bytes, member: int, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    """The workbook with one of its XML parts mutated (or the zip bytes themselves)."""
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        names = archive.namelist()
        parts = {name: archive.read(name) for name in names}
    if member >= len(names):
        return mutate(seed, edits)
    name = names[member]
    parts[name] = mutate(parts[name], edits)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in names:
            archive.writestr(part, parts[part])
    return out.getvalue()


@FUZZ
@given(member=st.integers(0, 12), edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_xlsx_reader(member, edits):
    from glossary.sources.tabular import read_table

    _count("xlsx")
    data = _xlsx_mutant(xlsx_seed(), member, edits)
    result = read_table(data, "fuzz.xlsx", "xlsx")
    check_positions(list(result.diagnostics))


@FUZZ
@given(text=st.text())
def test_an_id_made_from_any_text_is_an_id(text):
    """Found by the fuzzer: ``™`` became ``TM`` after case folding, an id with capitals."""
    from glossary.model import ID_PATTERN
    from glossary.util import slugify

    for fallback in ("concept", "glossary"):
        assert ID_PATTERN.fullmatch(slugify(text, fallback))


def test_a_csv_row_named_by_a_trade_mark_sign_round_trips():
    # The fuzzer's header "\x99m" (Windows-1252 "™m") is no longer taken for a language
    # ("tmm"): the sign now names the row through its English term.
    _round_trip_of(b"fi\ten\t# note\ntermi\t\x99m\t<!-- c -->\ntermi\t\x99m\t# note\n")


def _round_trip_of(data: bytes) -> None:
    from glossary.sources.tabular import read_table

    result = read_table(data, "fuzz.csv", "csv")
    assert result.concepts
    _round_trip(result.concepts, result.languages)
