"""CSV and XLSX export -> import is lossless for arbitrary text (issue 13).

The values mix what breaks spreadsheets and CSV readers: quotes, the three usual
delimiters, line breaks, the characters that start a formula, tabs, right-to-left
text and combining marks. XLSX cannot hold most control characters, so its values
leave them out (openpyxl refuses them; so does Excel).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.exporters import csv as csv_export
from glossary.exporters import xlsx as xlsx_export
from glossary.model import Concept, Glossary, GlossaryMeta, LangSection, Term, TermStatus
from glossary.sources.tabular import read_table

#: At least 500 examples in CI (the acceptance line of issue 13); fewer on a laptop.
EXAMPLES = 500 if os.environ.get("CI") == "true" else 150

_TRICKY = "\"',;\t\n\r=+-@ #:|'\u05d0\u05d1\u0627\u0644\u0301\u0308\u200f\u200eaäöяЁ"
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_TRICKY),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=30,
)


@st.composite
def _concepts(draw, cell_text):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 3))
    concepts = []
    for index in range(n):
        sections = {}
        for lang in draw(st.lists(st.sampled_from(["fi", "ru", "ar"]), min_size=1, unique=True)):
            terms = draw(st.lists(cell_text, min_size=1, max_size=3, unique=True))
            sections[lang] = LangSection(
                lang=lang,
                terms=tuple(
                    Term(term=t, status=TermStatus.PREFERRED if i == 0 else TermStatus.ADMITTED)
                    for i, t in enumerate(terms)
                ),
                definition=draw(st.none() | cell_text),
                note=draw(st.none() | cell_text),
            )
        concepts.append(
            Concept(id=f"c{index}", languages=sections, note=draw(st.none() | cell_text))
        )
    return concepts


def _glossary(concepts: list[Concept]) -> Glossary:
    meta = GlossaryMeta(id="rt", languages=("fi", "ru", "ar"))
    return Glossary(meta, {c.id: c for c in concepts})


_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(concepts=_concepts(_TEXT))
def test_csv_export_imports_back_identically(concepts):
    data = csv_export.render(_glossary(concepts))
    table = read_table(data, "rt.csv", "csv")
    assert table.diagnostics == []
    assert table.concepts == concepts


_XLSX_TEXT = _TEXT.filter(lambda s: all(c in "\t\n" or ord(c) >= 32 for c in s))


@_SETTINGS
@given(concepts=_concepts(_XLSX_TEXT))
def test_xlsx_export_imports_back_identically(concepts):
    data = xlsx_export.render(_glossary(concepts))
    table = read_table(data, "rt.xlsx", "xlsx")
    assert table.diagnostics == []
    assert table.concepts == concepts


def _terms(data: bytes, name: str = "p.csv") -> list[dict[str, list[str]]]:
    table = read_table(data, name, "csv")
    assert [d for d in table.diagnostics if d.code != "L116"] == []
    return [{k: [t.term for t in s.terms] for k, s in c.languages.items()} for c in table.concepts]


def test_doubled_quotes_are_quotes_whatever_the_header_holds():
    assert _terms(b'fi,en\nsana,"say ""hi"", then go"\n') == [
        {"fi": ["sana"], "en": ['say "hi", then go']}
    ]


def test_the_delimiter_is_the_one_that_reads_the_whole_sample_consistently():
    # The header alone holds a comma in a cell and a semicolon between cells.
    data = "Termi (fi);Määritelmä, fi\nkoulu;paikka, jossa opitaan\n".encode()
    table = read_table(data, "p.csv", "csv")
    assert table.diagnostics == []
    section = table.concepts[0].languages["fi"]
    assert (section.terms[0].term, section.definition) == ("koulu", "paikka, jossa opitaan")
    assert _terms(b"Suomi|Englanti\nkoulu|school\n") == [{"fi": ["koulu"], "en": ["school"]}]
    assert _terms(b'en\tfi\n"a, b"\tc\n') == [{"en": ["a, b"], "fi": ["c"]}]


def test_utf16_with_a_bom_is_read():
    text = "fi\ten\nkoulu\tschool\n"
    for encoding in ("utf-16", "utf-16-be"):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        assert _terms(data, "g.txt") == [{"fi": ["koulu"], "en": ["school"]}]


def test_utf16_that_is_not_is_one_error():
    table = read_table(b"\xff\xfeA\x00\x00\xd8", "g.txt", "csv")
    assert [(d.line, d.col, d.code) for d in table.diagnostics] == [(1, 1, "L101")]
    assert "not UTF-16 text" in table.diagnostics[0].message
