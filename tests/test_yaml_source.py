"""The YAML source format: what it accepts, and the diagnostics for what it does not."""

from __future__ import annotations

import datetime as dt
import io
import textwrap

import pytest

from glossary.model import ConceptStatus, Gender, PartOfSpeech, TermStatus, TermType, UsageLabel
from glossary.sources.yaml import dump_yaml, read_yaml, yaml_scalar


def read(text: str, name: str = "c.yaml"):
    data = textwrap.dedent(text).lstrip("\n").encode("utf-8")
    return read_yaml(io.BytesIO(data), name=name)


def problems(text: str) -> list[tuple[int, int, str]]:
    _, diagnostics = read(text)
    return [(d.line, d.col, d.code) for d in diagnostics]


GOOD = """
    id: distance-learning
    subjects: [e-learning]
    status: approved
    related: [e-learning]
    note: A note.
    updated: 2026-11-22
    languages:
      fi:
        definition: Opiskelua etäältä.
        source: Laki ammatillisesta koulutuksesta (531/2017)
        terms:
          - etäopiskelu
          - term: etäopetus
            status: admitted
            pos: noun
      ru:
        terms:
          - term: дистанционное обучение
            pos: noun
            gender: neuter
            geo: ru-ru
            context: "Колледж перешёл на дистанционное обучение."
            context_source: own example
            source: 273-ФЗ
            note: Термин закона.
          - term: ДО
            type: abbreviation
"""


def test_a_full_concept_is_read_with_every_field():
    concepts, diagnostics = read(GOOD)
    assert diagnostics == []
    (concept,) = concepts
    assert concept.id == "distance-learning"
    assert concept.subjects == ("e-learning",)
    assert concept.status is ConceptStatus.APPROVED
    assert concept.related == ("e-learning",)
    assert concept.note == "A note."
    assert concept.updated == dt.date(2026, 11, 22)
    fi = concept.languages["fi"]
    assert fi.definition == "Opiskelua etäältä."
    assert fi.source == "Laki ammatillisesta koulutuksesta (531/2017)"
    bare, admitted = fi.terms
    assert (bare.term, bare.status, bare.type, bare.pos) == (
        "etäopiskelu",
        TermStatus.PREFERRED,
        TermType.FULL_FORM,
        None,
    )
    assert (admitted.status, admitted.pos) == (TermStatus.ADMITTED, PartOfSpeech.NOUN)
    ru = concept.languages["ru"].terms[0]
    assert ru.gender is Gender.NEUTER
    assert ru.geo == "ru-RU"
    assert ru.context == "Колледж перешёл на дистанционное обучение."
    assert (ru.context_source, ru.source, ru.note) == ("own example", "273-ФЗ", "Термин закона.")
    assert concept.languages["ru"].terms[1].type is TermType.ABBREVIATION


def test_every_object_knows_its_line_and_column():
    (concept,), _ = read(GOOD)
    assert (concept.location.line, concept.location.col) == (1, 1)
    fi = concept.languages["fi"]
    assert (fi.location.line, fi.location.col) == (8, 3)
    assert (fi.terms[0].location.line, fi.terms[0].location.col) == (12, 9)
    assert (fi.terms[1].location.line, fi.terms[1].location.col) == (13, 15)
    # Quoted scalars point at their first character, after the quote.
    assert concept.languages["ru"].terms[0].location.line == 18


def test_text_never_turns_into_booleans_numbers_or_dates():
    concepts, diagnostics = read(
        """
        id: norway
        languages:
          nb:
            terms: [no, "yes", 1.0, 2026-01-01, on]
        """
    )
    assert diagnostics == []
    assert [t.term for t in concepts[0].languages["nb"].terms] == [
        "no",
        "yes",
        "1.0",
        "2026-01-01",
        "on",
    ]


def test_a_file_may_hold_a_list_of_concepts():
    concepts, diagnostics = read(
        """
        - id: a
          languages: {fi: {terms: [aa]}}
        - id: b
          languages: {fi: {terms: [bb]}}
        """
    )
    assert diagnostics == []
    assert [c.id for c in concepts] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "id: a\nid: b\nlanguages: {fi: {terms: [x]}}\n", [(2, 1, "L105")], id="duplicate-key"
        ),
        pytest.param(
            "id: a\nstatuz: draft\nlanguages: {fi: {terms: [x]}}\n",
            [(2, 1, "L106")],
            id="unknown-field",
        ),
        pytest.param(
            "id: a\nfi:\n  terms: [x]\nlanguages: {ru: {terms: [y]}}\n",
            [(2, 1, "L106")],
            id="language-at-top-level",
        ),
        pytest.param(
            "id: a\nlanguages: {fi: {terms: [{term: x, pos: nuon}]}}\n",
            [(2, 41, "L108")],
            id="unknown-value",
        ),
        pytest.param(
            "id: a\nstatus: [draft]\nlanguages: {fi: {terms: [x]}}\n",
            [(2, 9, "L107")],
            id="wrong-type",
        ),
        pytest.param(
            "id: Bad_Id\nlanguages: {fi: {terms: [x]}}\n", [(1, 5, "L110")], id="invalid-id"
        ),
        pytest.param("languages: {fi: {terms: [x]}}\n", [(1, 1, "L109")], id="missing-id"),
        pytest.param("id: a\n", [(1, 1, "L109")], id="missing-languages"),
        pytest.param(
            "id: a\nlanguages: {f1n: {terms: [x]}}\n", [(2, 13, "L111")], id="invalid-language"
        ),
        pytest.param(
            "id: a\nupdated: 22.11.2026\nlanguages: {fi: {terms: [x]}}\n",
            [(2, 10, "L114")],
            id="invalid-date",
        ),
        pytest.param(
            "id: a\nlanguages:\n  fi:\n    terms: [x\n", [(4, 12, "L102")], id="yaml-syntax"
        ),
        pytest.param(
            "id: &x a\nnote: *x\nlanguages: {fi: {terms: [x]}}\n", [(2, 7, "L117")], id="alias"
        ),
        pytest.param(
            "id: a\nnote: !!python/object:os.system x\nlanguages: {fi: {terms: [x]}}\n",
            [(2, 7, "L117")],
            id="tag",
        ),
        pytest.param("", [(1, 1, "L112")], id="empty-file"),
        pytest.param("# only a comment\n", [(1, 1, "L112")], id="only-comment"),
    ],
)
def test_problems_are_reported_at_their_position(text, expected):
    assert problems(text) == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("id: a\nlanguages:\n  fi:\n\tterms: [a]\n", (4, 1), id="key"),
        pytest.param("id: a\nlanguages:\n  fi:\n    terms:\n    \t- a\n", (5, 5), id="item"),
        pytest.param(
            "id: a\nlanguages:\n  fi:\n    terms:\n      - term: a\n\t  status: admitted\n",
            (6, 1),
            id="in-mapping",
        ),
        pytest.param("id: a\nnote: |\n\tkept\nlanguages: {fi: {terms: [a]}}\n", (3, 1), id="block"),
    ],
)
def test_a_tab_in_indentation_is_named_where_it_is(text, where):
    _, diagnostics = read(text)
    assert [(d.line, d.col, d.code, d.message) for d in diagnostics] == [
        (*where, "L102", "tab character in indentation; YAML indents with spaces")
    ]


def test_a_tab_inside_a_value_is_no_indentation():
    _, diagnostics = read("id: a\nnote: a\tb\nlanguages:\n  fi:\n    terms: [a]\n")
    assert [d.code for d in diagnostics] == []
    _, diagnostics = read("id: a\nlanguages:\n  fi:\n    terms: [x\n\n")
    assert [(d.line, d.col, d.message) for d in diagnostics] == [
        (4, 12, "a flow sequence opened here is never closed")
    ]


def test_all_problems_of_a_file_are_reported_not_only_the_first():
    found = problems(
        """
        id: a
        statuz: draft
        status: finished
        languages:
          fi:
            terms:
              - term: x
                pos: nuon
                gender: neutral
        """
    )
    assert [code for _, _, code in found] == ["L106", "L108", "L108", "L108"]


def test_did_you_mean_names_the_closest_field_and_value():
    _, diagnostics = read(
        "id: a\nstatuz: draft\nlanguages: {fi: {terms: [{term: x, pos: Noun}]}}\n"
    )
    messages = [d.message for d in diagnostics]
    assert "unknown field 'statuz' in concept (did you mean 'status'?)" in messages
    assert any("(did you mean 'noun'?)" in m for m in messages)


def test_an_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    _, diagnostics = read("\n".join(lines) + "\n")
    assert {d.code for d in diagnostics} >= {"L117"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\0\0\0", "L101", id="binary"),
        pytest.param("id: a\n".encode("latin-1") + b"note: caf\xe9\n", "L101", id="latin-1"),
    ],
)
def test_undecodable_files_are_reported(data, code):
    _, diagnostics = read_yaml(io.BytesIO(data), name="bad.yaml")
    assert [d.code for d in diagnostics] == [code]
    assert diagnostics[0].line >= 1


def test_utf8_bom_and_utf16_are_read():
    text = "id: a\nlanguages: {fi: {terms: [äiti]}}\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        concepts, diagnostics = read_yaml(io.BytesIO(data), name="x.yaml")
        assert diagnostics == []
        assert concepts[0].languages["fi"].terms[0].term == "äiti"


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "yes",
        "1.5",
        "~",
        "null",
        "",
        " lead",
        "trail ",
        "a: b",
        "a #b",
        "- x",
        "[x]",
        "'q'",
        '"q"',
        "x\ny",
        "tab\there",
        "nbsp\xa0x",
        "\u2028",
        "@at",
        "%p",
        "*x",
        "&x",
        "!x",
        "?",
        ":",
        "-",
        "2026-01-01",
        "0x1F",
        "…",
        "ё",
        "\x01",
        "\ud7ff",
        "\U0001f600",
        "#x",
        "a:",
        "---",
        "...",
    ],
)
def test_scalars_are_written_so_that_they_read_back_unchanged(text):
    concept_yaml = f"id: a\nnote: {yaml_scalar(text)}\nlanguages: {{fi: {{terms: [x]}}}}\n"
    concepts, diagnostics = read_yaml(io.BytesIO(concept_yaml.encode()), name="x.yaml")
    assert diagnostics == []
    assert concepts[0].note == text


def test_the_canonical_form_uses_bare_strings_only_where_nothing_else_is_set():
    (concept,), _ = read(GOOD)
    text = dump_yaml(concept)
    assert text == textwrap.dedent(
        """\
        id: distance-learning
        subjects: [e-learning]
        status: approved
        related: [e-learning]
        note: A note.
        updated: 2026-11-22
        languages:
          fi:
            definition: Opiskelua etäältä.
            source: Laki ammatillisesta koulutuksesta (531/2017)
            terms:
              - etäopiskelu
              - term: etäopetus
                status: admitted
                pos: noun
          ru:
            terms:
              - term: дистанционное обучение
                pos: noun
                gender: neuter
                geo: ru-RU
                context: Колледж перешёл на дистанционное обучение.
                context_source: own example
                source: 273-ФЗ
                note: Термин закона.
              - term: ДО
                type: abbreviation
        """
    )
    again, _ = read_yaml(io.BytesIO(text.encode()), name="x.yaml")
    assert again == [concept]


def test_many_documents_in_one_file_are_all_read():
    text = "".join(
        f"---\nid: c{i}\nlanguages:\n  fi:\n    definition: Määritelmä {i}.\n    terms: [termi{i}, toinen{i}]\n"
        for i in range(300)
    )
    concepts, diagnostics = read_yaml(io.BytesIO(text.encode()), name="many.yaml")
    assert diagnostics == []
    assert [c.id for c in concepts] == [f"c{i}" for i in range(300)]
    assert concepts[-1].languages["fi"].definition == "Määritelmä 299."


def test_relations_image_equivalence_and_term_labels_are_checked_where_written():
    text = """\
        id: a
        status: retierd
        broader: [B]
        image: {path: ../up.png, capton: x}
        languages:
          fi:
            equivalence: aproximate
            terms:
              - term: x
                usage: [colloqial, legal, legal]
                number: plurals
                homograph: 0
              - term: y
                usage: legal
                homograph: '2'
        """
    concepts, diagnostics = read(text)
    assert [(d.line, d.col, d.code) for d in diagnostics] == [
        (3, 11, "L110"),
        (2, 9, "L108"),
        (4, 26, "L106"),
        (4, 15, "L107"),
        (10, 17, "L108"),
        (11, 17, "L108"),
        (12, 20, "L107"),
        (7, 18, "L108"),
    ]
    messages = [d.message for d in diagnostics]
    assert messages[1].endswith("(did you mean 'retired'?)")
    assert "'colloqial' is not a valid usage; expected one of: " in messages[4]
    assert messages[4].endswith("(did you mean 'colloquial'?)")
    assert messages[6] == "'homograph' must be a whole number from 1 up, not '0'"
    (concept,) = concepts
    x, y = concept.languages["fi"].terms
    assert (x.usage, x.number, x.homograph, concept.image) == (
        (UsageLabel.LEGAL,),
        None,
        None,
        None,
    )
    assert (y.usage, y.homograph) == ((UsageLabel.LEGAL,), 2)


def test_an_id_or_code_written_bare_is_placed_where_it_is_written():
    concepts, diagnostics = read(
        """
        id: a
        subjects: vet
        broader: learning
        related: [webinar]
        languages: {fi: {terms: [a]}}
        """
    )
    assert diagnostics == []
    concept = concepts[0]
    assert concept.subjects == ("vet",) and concept.broader == ("learning",)
    spots = {name: concept.where(name) for name in ("subjects.0", "broader.0", "related.0")}
    assert {name: (at.line, at.col) for name, at in spots.items()} == {
        "subjects.0": (2, 11),
        "broader.0": (3, 10),
        "related.0": (4, 11),
    }
