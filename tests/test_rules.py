"""Every rule: its documented examples, its failing sample (by line, column and code),
the selection and settings machinery, and the generated docs/rules.md."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import glossary
from glossary.model import Concept, GlossaryMeta, LangSection, SourceLocation, Term, TermStatus
from glossary.validation.docs import rules_markdown
from glossary.validation.rules import RULES, Context

INVALID = DATA / "invalid"
CONFIG = INVALID / "glossary.toml"


def _generate_too_large(path: Path) -> None:
    with open(path, "wb") as fp:
        fp.write(b"# expect: 1:1 L119\nid: a\nnote: ")
        fp.write(b"x" * (11 * 1024 * 1024))
        fp.write(b"\n")


def _generate_links(path: Path) -> None:
    """A glossary folder with a link out of it, a dangling link and a loop."""
    path.mkdir()
    shutil.copy(CONFIG, path / "glossary.toml")
    (path / "a.yaml").write_text("id: a\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8")
    outside = path.parent / "outside.yaml"
    outside.write_text("id: secret\nlanguages: {fi: {terms: [SECRET]}}\n", encoding="utf-8")
    (path / "out.yaml").symlink_to(outside)
    (path / "gone.yaml").symlink_to(path / "missing.yaml")
    (path / "loop").symlink_to(".")


#: Samples that cannot live in the repository as files are made when needed.
GENERATED = {
    "L119-file-too-large.yaml": _generate_too_large,
    "L121-skipped-link": _generate_links,
}
#: Samples that cannot carry an "expect:" comment.
EXPECTED = {
    "L101-unreadable-binary.yaml": {(1, 1, "L101")},
    "L121-skipped-link": {(1, 1, "L121")},
}


def samples() -> list[str]:
    names = [p.name for p in INVALID.iterdir() if p.name != "glossary.toml"]
    return sorted([*names, *GENERATED])


def expected(path: Path) -> set[tuple[int, int, str]]:
    if path.name in EXPECTED:
        return EXPECTED[path.name]
    target = path / "glossary.toml" if path.is_dir() else path
    with open(target, "rb") as fp:
        head = fp.read(300).decode("utf-8", "replace")
    match = re.search(r"expect: ([^\n]*)", head)
    assert match, f"{path.name} has no 'expect:' comment"
    return {
        (int(line), int(col), code)
        for line, col, code in re.findall(r"(\d+):(\d+) ([A-Z][0-9]{3})", match.group(1))
    }


@pytest.mark.parametrize("name", samples())
def test_failing_sample(name, tmp_path):
    path = INVALID / name
    if name in GENERATED:
        shutil.copy(CONFIG, tmp_path / "glossary.toml")
        path = tmp_path / name
        GENERATED[name](path)
        if name == "L121-skipped-link":
            report = glossary.validate(path, select=["L121"], cache=False)
            found = sorted((Path(d.path).name, d.message) for d in report.diagnostics)
            assert found == [
                ("gone.yaml", "a symbolic link that leads nowhere; not read"),
                ("loop", "a symbolic link to a folder already read (a loop); not read"),
                ("out.yaml", "a symbolic link out of the glossary folder; not read"),
            ]
            assert "SECRET" not in str(glossary.validate(path, cache=False).diagnostics)
    elif path.is_file():
        # Alone in a glossary folder: a file is checked against the folder it is in.
        shutil.copy(CONFIG, tmp_path / "glossary.toml")
        shutil.copy(path, tmp_path / name)
        path = tmp_path / name
    code = name[:4]
    report = glossary.validate(path, select=[code], cache=False)
    found = {(d.line, d.col, d.code) for d in report.diagnostics if d.code == code}
    assert found == expected(path), [str(d) for d in report.diagnostics]


def test_every_rule_has_a_failing_sample():
    covered = {name[:4] for name in samples()}
    assert set(RULES) - covered == set()


# -- documentation ----------------------------------------------------------------------

_BLOCK = re.compile(r"\*\*(Fails|Passes)\*\*[^\n]*\n\n```(\w+)\n(.*?)```", re.S)


def examples(code: str) -> list[tuple[str, str, str]]:
    return [(m.group(1), m.group(2), m.group(3)) for m in _BLOCK.finditer(RULES[code].doc)]


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_with_a_failing_and_a_passing_example(code):
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z][0-9]{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    paragraphs = [p for p in rule.doc.split("\n\n") if p.strip()]
    assert len(paragraphs) >= 3, "a summary, an explanation and examples"
    kinds = [kind for kind, _, _ in examples(code)]
    assert "Fails" in kinds and "Passes" in kinds


def _write_example(tmp_path: Path, language: str, text: str) -> Path:
    shutil.copy(CONFIG, tmp_path / "glossary.toml")
    if language == "yaml":
        path = tmp_path / "example.yaml"
    elif language == "xml":
        path = tmp_path / "example.tbx"
    elif language == "toml":
        (tmp_path / "glossary.toml").write_text(text, encoding="utf-8")
        (tmp_path / "a.yaml").write_text("id: a\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8")
        return tmp_path
    else:
        raise AssertionError(language)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "kind", "index"),
    [
        (code, kind, index)
        for code in sorted(RULES)
        for index, (kind, language, _) in enumerate(examples(code))
        if language != "text"
    ],
)
def test_documented_examples_do_what_they_say(code, kind, index, tmp_path):
    _, language, text = examples(code)[index]
    path = _write_example(tmp_path, language, text)
    report = glossary.validate(path, select=[code], cache=False)
    codes = [d.code for d in report.diagnostics]
    if kind == "Fails":
        assert code in codes, text
    else:
        assert code not in codes, [str(d) for d in report.diagnostics]


def test_docs_rules_md_is_generated_from_the_rules():
    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == rules_markdown(), "run: python -m glossary.validation.docs docs/rules.md"


# -- selection and settings -------------------------------------------------------------


BASE_TOML = """[glossary]
id = "t"
languages = ["fi", "ru", "en"]
required = ["fi", "ru"]

[subjects]
vet = { fi = "Ammatillinen koulutus", ru = "Профессиональное образование", en = "VET" }
"""


def concept_dir(tmp_path: Path, toml_extra: str = "", concept: str | None = None) -> Path:
    (tmp_path / "glossary.toml").write_text(BASE_TOML + toml_extra, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        concept or "id: a\nlanguages:\n  en:\n    terms: [Distance  learning]\n",
        encoding="utf-8",
    )
    return tmp_path


def codes_of(path: Path, **kwargs) -> list[str]:
    return sorted({d.code for d in glossary.validate(path, cache=False, **kwargs).diagnostics})


def test_longest_prefix_decides_and_ignore_wins_a_tie(tmp_path):
    root = concept_dir(tmp_path)
    assert "K504" in codes_of(root) and "H401" in codes_of(root)
    assert codes_of(root, select=["H", "K"], ignore=["K5"]) == ["H401"]
    assert codes_of(root, select=["K504"], ignore=["K"]) == ["K504"]
    assert codes_of(root, select=["K504"], ignore=["K504"]) == []


def test_cli_selection_must_match_a_rule(runner, tmp_path):
    from glossary.cli import app

    root = concept_dir(tmp_path)
    result = runner.invoke(app, ["validate", str(root), "--select", "Q9"])
    assert result.exit_code == 2
    assert result.stderr == "glossary: error: --select 'Q9' matches no rule\n"


def test_settings_in_glossary_toml(tmp_path):
    settings = """
[validate]
ignore = ["H401"]
extend-select = ["C305"]

[validate.severity]
K504 = "error"
"""
    root = concept_dir(tmp_path, settings)
    report = glossary.validate(root, cache=False)
    by_code = {d.code: d for d in report.diagnostics}
    assert "H401" not in by_code
    assert "C305" in by_code
    assert by_code["K504"].severity == "error"


def test_mistakes_in_the_settings_are_diagnostics_on_glossary_toml(tmp_path):
    settings = """
[validate]
ignore = ["K5O4"]
colour = "red"

[validate.severity]
K504 = "fatal"

[validate.options.C306]
languages = "ru"
langs = ["ru"]
"""
    root = concept_dir(tmp_path, settings)
    report = glossary.validate(root, cache=False)
    toml = [
        (d.line, d.code, d.message) for d in report.diagnostics if d.path.endswith("glossary.toml")
    ]
    assert toml == [
        (10, "L108", "'K5O4' in ignore matches no rule (did you mean 'K504'?)"),
        (11, "L106", "unknown setting 'colour' in [validate]"),
        (14, "L108", "severity of K504 must be 'error' or 'warning', not 'fatal'"),
        (17, "L107", "option 'languages' of rule C306 must be a list of text, not text"),
        (
            18,
            "L106",
            "rule C306 has no option 'langs' (did you mean 'languages'?) (options: languages)",
        ),
    ]


def test_rule_options_change_what_is_reported(tmp_path):
    concept = "id: a\nlanguages:\n  uk:\n    terms:\n      - term: навчання\n        pos: noun\n"
    root = concept_dir(tmp_path, concept=concept)
    assert "C306" in codes_of(root, select=["C306"])
    concept_dir(tmp_path, '\n[validate.options.C306]\nlanguages = ["ru"]\n', concept)
    assert "C306" not in codes_of(root, select=["C306"])


def test_noqa_comments_exempt_one_line(tmp_path):
    concept = (
        "id: a\nlanguages:\n  en:\n    terms:\n"
        "      - Distance learning  # noqa: K504 (a title)\n"
        "      - {term: Remote learning, status: admitted}\n"
        "      - {term: Open  learning, status: admitted}  # noqa\n"
    )
    root = concept_dir(tmp_path, concept=concept)
    report = glossary.validate(root, cache=False, select=["K504", "H401"])
    assert [(d.line, d.code) for d in report.diagnostics] == [(6, "K504")]


def test_drafts_get_warnings_for_missing_parts_and_others_errors(tmp_path):
    draft = "id: a\nstatus: draft\nlanguages:\n  fi: {terms: [a]}\n"
    root = concept_dir(tmp_path, concept=draft)
    report = glossary.validate(root, cache=False, select=["C301", "C302"])
    assert {(d.code, d.severity.value) for d in report.diagnostics} == {
        ("C301", "warning"),
        ("C302", "warning"),
    }
    concept_dir(tmp_path, concept=draft.replace("draft", "approved"))
    report = glossary.validate(root, cache=False, select=["C301", "C302"])
    assert {(d.code, d.severity.value) for d in report.diagnostics} == {
        ("C301", "error"),
        ("C302", "error"),
    }


def test_the_official_rng_can_be_named_for_tbx_sources(tmp_path, interop):
    rng = interop / "schemas/tbx-v3/basic/TBXcoreStructV03_TBX-Basic_integrated.rng"
    (tmp_path / "glossary.toml").write_text(f'[validate]\ntbx_schema = "{rng}"\n', encoding="utf-8")
    source = tmp_path / "partner.tbx"
    shutil.copy(
        interop / "samples/tbx-basic-package-v3/tbx_basic_sample_badelementorder.tbx", source
    )
    report = glossary.validate(source, cache=False)
    assert any(d.code == "X601" and "schema" in d.message for d in report.diagnostics)


# -- one root cause, one diagnostic -----------------------------------------------------

CLEAN = """\
id: a
status: approved
languages:
  fi:
    definition: Opiskelu, jossa opiskelija ja opettaja ovat eri paikoissa.
    terms:
      - term: etäopiskelu
        pos: noun
      - term: etäopetus
        status: admitted
        pos: noun
  ru:
    definition: Обучение, при котором обучающийся и преподаватель находятся в разных местах.
    terms:
      - term: дистанционное обучение
        pos: noun
        gender: neuter
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("status: admitted", "status: admited", (10, 17, "L108")),
        ("status: admitted", "staus: admitted", (10, 9, "L106")),
        ("status: admitted", "status: [admitted]", (10, 17, "L107")),
        (
            "pos: noun\n      - term: etäopetus",
            "pos: nun\n      - term: etäopetus",
            (8, 14, "L108"),
        ),
        ("gender: neuter", "gender: neutral", (17, 17, "L108")),
        ("gender: neuter", "gendr: neuter", (17, 9, "L106")),
        ("    definition: Opiskelu", "    definiton: Opiskelu", (5, 5, "L106")),
        (
            "    definition: Opiskelu, jossa opiskelija ja opettaja ovat eri paikoissa.",
            "    definition: [Opiskelu]",
            (5, 17, "L107"),
        ),
        ("      - term: etäopiskelu", "      - trm: etäopiskelu", (7, 9, "L106")),
        ("      - term: etäopiskelu", "      - term: [etäopiskelu]", (7, 15, "L107")),
        ("id: a", "idd: a", (1, 1, "L106")),
        ("  ru:", "  russian:", (12, 3, "L111")),
        ("  ru:", "  re:", (12, 3, "R209")),
        ("      - term: etäopiskelu", "      - term:", (7, 9, "L109")),
        ("      - term: etäopiskelu", "      - term: etäopiskelу", (7, 25, "H403")),
    ],
    ids=lambda value: value if isinstance(value, str) and ":" in value else None,
)
def test_one_root_cause_gives_one_diagnostic(tmp_path, old, new, expected):
    """A refused field is not reported again as missing (C301-C306, K504)."""
    assert glossary.validate(_concept(tmp_path, CLEAN), cache=False).diagnostics == ()
    broken = CLEAN.replace(old, new, 1)
    assert broken != CLEAN
    report = glossary.validate(_concept(tmp_path, broken), cache=False)
    assert [(d.line, d.col, d.code) for d in report.diagnostics] == [expected], [
        str(d) for d in report.diagnostics
    ]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("      - term:", (7, 9, "L109")),
        ("      - trm: etäopiskelu", (7, 9, "L106")),
        ("      - term: [etäopiskelu]", (7, 15, "L107")),
    ],
)
def test_a_refused_preferred_term_does_not_leave_a_deprecated_one_alone(tmp_path, new, expected):
    clean = CLEAN.replace("status: admitted", "status: deprecated", 1)
    assert glossary.validate(_concept(tmp_path, clean), cache=False).diagnostics == ()
    broken = clean.replace("      - term: etäopiskelu", new, 1)
    report = glossary.validate(_concept(tmp_path, broken), cache=False)
    assert [(d.line, d.col, d.code) for d in report.diagnostics] == [expected], [
        str(d) for d in report.diagnostics
    ]


def _concept(tmp_path: Path, text: str) -> Path:
    (tmp_path / "glossary.toml").write_text(
        BASE_TOML + '\n[validate]\nextend-select = ["C305", "C306"]\n', encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    return tmp_path


# -- one file of a glossary -------------------------------------------------------------


def test_one_file_is_checked_against_its_whole_glossary(tmp_path, runner, monkeypatch):
    from glossary.cli import app

    (tmp_path / "glossary.toml").write_text(BASE_TOML, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text(
        "id: a\nrelated: [b, zz]\nlanguages:\n  fi: {terms: [etäopiskelu]}\n"
        "  ru: {terms: [{term: обучение, status: admitted}, дистанционное обучение]}\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "id: b\nstatus: aproved\nlanguages:\n  fi: {terms: [b]}\n  ru: {terms: [обучение]}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "sub/a.yaml", "--select", "R,K,L"])
    assert result.exit_code == 1
    assert result.stdout == (
        "sub/a.yaml:2:14: error: R202 related concept 'zz' does not exist\n"
        "sub/a.yaml:5:23: warning: K507 'обучение' (ru, admitted) is also a term of 'b' "
        "(preferred) at b.yaml:5:16; if they are homographs, number them with 'homograph'\n"
    )
    assert result.stderr == "1 concept in 1 file: 1 error, 1 warning\n"
    whole = runner.invoke(app, ["validate", ".", "--select", "R,K,L"])
    assert "b.yaml:2:9: error: L108 'aproved' is not a valid status" in whole.stdout
    assert whole.stderr == "2 concepts in 3 files: 2 errors, 1 warning\n"
    both = runner.invoke(app, ["validate", "sub/a.yaml", "b.yaml", "--select", "R,K,L"])
    assert both.stdout.count("\n") == 3
    assert both.stderr == "2 concepts in 2 files: 2 errors, 1 warning\n"


# -- the new rules on any text ----------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"aäoöeкоеёи ,;/-=()«»'.", "\u0301", "\u0300", "γ", "Σ", "ß", "İ", "\u00ad", "1"]
    ),
    min_size=1,
    max_size=40,
)
_LANGS = st.sampled_from(["fi", "ru", "en", "sv", "de", "sr-Latn", "uz-Cyrl", "zh", "el", "und"])


@settings(max_examples=150, deadline=None)
@given(
    terms=st.lists(st.tuples(_LANGS, _TEXT, st.booleans(), _TEXT), min_size=1, max_size=6),
)
def test_the_new_rules_take_any_text(terms):
    """H406, H407, K503, K506, K507, K501 and R209 never raise, and point into the file."""
    here = SourceLocation("c.yaml", 3, 5)
    concepts = []
    for index, (lang, text, preferred, definition) in enumerate(terms):
        term = Term(
            term=text,
            status=TermStatus.PREFERRED if preferred else TermStatus.ADMITTED,
            location=here,
            spans={"term": (3, 5)},
        )
        section = LangSection(lang=lang, terms=(term,), definition=definition, location=here)
        concepts.append(Concept(id=f"c{index % 3}", languages={lang: section}, location=here))
    meta = GlossaryMeta(languages=("fi", "ru"))
    for code in ("H406", "H407", "K503", "K506", "K507", "K501", "R209"):
        rule = RULES[code]
        ctx = Context(meta, rule, dict(rule.defaults))
        assert rule.check is not None
        if rule.scope.value == "glossary":
            found = list(rule.check(concepts, ctx))
        else:
            found = [d for concept in concepts for d in rule.check(concept, ctx)]
        assert all(d.line >= 1 and d.code == code for d in found)


def test_a_named_file_the_walk_leaves_out_is_checked_and_its_edits_seen(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "terms"
    (root / "_drafts").mkdir(parents=True)
    (root / "glossary.toml").write_text(BASE_TOML, encoding="utf-8")
    (root / "b.yaml").write_text("id: b\nlanguages: {fi: {terms: [b]}}\n", encoding="utf-8")
    draft = root / "_drafts" / "a.yaml"
    draft.write_text("id: a\nrelated: [b]\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8")
    assert [d.code for d in glossary.validate(draft, select=["R"]).diagnostics] == []
    draft.write_text("id: a\nrelated: [c]\nlanguages: {fi: {terms: [a]}}\n", encoding="utf-8")
    report = glossary.validate(draft, select=["R"])  # the cache must not answer
    assert [(d.path, d.line, d.code) for d in report.diagnostics] == [(str(draft), 2, "R202")]
    assert glossary.validate(root, select=["R"]).diagnostics == ()  # the walk skips _drafts
