"""Relations between concepts: the inverses derived on the glossary, the rules that check
them (beyond their documented examples and samples), and merging them on import."""

from __future__ import annotations

import shutil

from conftest import DATA

import glossary
from glossary.model import (
    Concept,
    ConceptStatus,
    Equivalence,
    Glossary,
    GlossaryMeta,
    Image,
    LangSection,
    Term,
)
from glossary.sources.tbx_write import write_tbx


def concept(cid: str, **relations: tuple[str, ...]) -> Concept:
    return Concept(cid, {"fi": LangSection("fi", (Term(cid),))}, **relations)  # type: ignore[arg-type]


def test_inverse_relations_are_derived_in_source_order_once():
    g = Glossary(
        concepts={
            c.id: c
            for c in (
                concept("learning"),
                concept("e-learning", broader=("learning", "learning"), related=("webinar",)),
                concept("mobile-learning", broader=("learning", "gone")),
                concept("webinar", part_of=("e-learning",), related=("e-learning",)),
                concept("self", broader=("self",)),
                concept("old", status=ConceptStatus.RETIRED, replaced_by=("e-learning",)),
            )
        }
    )
    assert g.narrower("learning") == ("e-learning", "mobile-learning")
    assert g.narrower("self") == ()
    assert g.narrower("gone") == ()
    assert g.parts("e-learning") == ("webinar",)
    assert g.replaces("e-learning") == ("old",)
    assert g.related_to("e-learning") == ("webinar",)
    assert g.related_to("webinar") == ("e-learning",)
    assert g.narrower("nothing-here") == ()


def lint(tmp_path, text: str, code: str) -> list[str]:
    shutil.copy(DATA / "invalid" / "glossary.toml", tmp_path / "glossary.toml")
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    report = glossary.validate(tmp_path, select=[code], cache=False)
    return [f"{d.line}:{d.col} {d.message}" for d in report.diagnostics]


def entries(*lines: str) -> str:
    return "".join(f"- id: {line}\n  languages: {{fi: {{terms: [x]}}}}\n" for line in lines)


def test_every_circle_is_reported_once_with_its_path(tmp_path):
    text = entries(
        "a\n  broader: [b]",
        "b\n  broader: [c, a]",  # b -> a and a -> b: R207, not a circle here
        "c\n  broader: [d]",
        "d\n  broader: [a]",
        "p\n  part_of: [q]",
        "q\n  part_of: [r]",
        "r\n  part_of: [p]",
    )
    assert lint(tmp_path, text, "R205") == [
        "2:13 'broader' goes round in a circle: a → b → c → d → a",
        "14:13 'part_of' goes round in a circle: p → q → r → p",
    ]
    assert lint(tmp_path, text, "R207") == [
        "5:16 'b' names 'a' in broader, and 'a' names 'b' in broader: one of the two is "
        "the wrong way round"
    ]


def test_a_long_chain_is_no_circle_and_needs_no_deep_recursion(tmp_path):
    text = entries(*(f"c{i}\n  broader: [c{i + 1}]" for i in range(3000)), "c3000")
    assert lint(tmp_path, text, "R205") == []
    circle = entries(*(f"c{i}\n  broader: [c{(i + 1) % 3000}]" for i in range(3000)))
    (found,) = lint(tmp_path, circle, "R205")
    assert found.startswith("2:13 'broader' goes round in a circle: c0 → c1 → c2 → ")
    assert found.endswith(" → c2999 → c0")


def test_unknown_targets_of_every_relation_get_a_suggestion(tmp_path):
    text = entries(
        "learning",
        "e-learning\n  broader: [lerning]\n  part_of: [e-learnin]\n  replaced_by: [x]",
    )
    assert lint(tmp_path, text, "R202") == [
        "4:13 broader concept 'lerning' does not exist (did you mean 'learning'?)",
        "5:13 whole (part_of) 'e-learnin' does not exist (did you mean 'e-learning'?)",
        "6:17 replacement (replaced_by) 'x' does not exist",
    ]


def test_merge_import_adds_relations_equivalence_and_image(tmp_path, runner):
    from glossary.cli import app

    folder = tmp_path / "g"
    folder.mkdir()
    shutil.copy(DATA / "invalid" / "glossary.toml", folder / "glossary.toml")
    (folder / "a.yaml").write_text(
        "id: a\nrelated: [b]\nlanguages:\n  fi:\n    terms: [aa]\n", encoding="utf-8"
    )
    (folder / "b.yaml").write_text("id: b\nlanguages:\n  fi:\n    terms: [bb]\n", encoding="utf-8")
    incoming = tmp_path / "in.tbx"
    new = Concept(
        "a",
        {"fi": LangSection("fi", (Term("aa"),), equivalence=Equivalence.NEAR)},
        broader=("b",),
        related=("b",),
        image=Image("pics/a.png"),
    )
    with open(incoming, "wb") as fp:
        write_tbx(fp, Glossary(GlossaryMeta(languages=("fi",)), {"a": new}))
    result = runner.invoke(app, ["import", str(incoming), "--into", str(folder), "--merge"])
    assert result.exit_code == 0, result.output
    merged = glossary.load(folder).concepts["a"]
    assert (merged.broader, merged.related, merged.image.path) == (("b",), ("b",), "pics/a.png")
    assert merged.languages["fi"].equivalence.value == "near"
