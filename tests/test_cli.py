"""The command line, run through Typer's test runner: exact output and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest import mock

import pytest
from conftest import DATA, TERMS

from glossary.cli import app

MINI = str(DATA / "mini")


def run(runner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


# -- lookup -----------------------------------------------------------------------------


def test_lookup_of_the_bundled_glossary_finds_the_russian_equivalent(runner):
    result = run(runner, "lookup", "etäopiskelu")
    assert result.exit_code == 0
    assert "дистанционное обучение" in result.stdout
    assert result.stderr == ""


def test_lookup_table(runner):
    result = run(runner, "lookup", "-g", MINI, "oppisopimuskoulutus")
    assert result.exit_code == 0
    assert result.stdout == (
        "TERM                 LANG  STATUS     RU           EN              MATCH\n"
        "oppisopimuskoulutus  fi    preferred  ученичество  apprenticeship  exact 100\n"
        "  Koulutus työsuhteessa.\n"
        "  [reviewed]\n"
    )


def test_lookup_joins_words_and_ignores_case_and_diacritics(runner):
    result = run(
        runner, "lookup", "-g", MINI, "Tyopaikalla", "JARJESTETTAVA", "koulutus", "-f", "json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "query": "Tyopaikalla JARJESTETTAVA koulutus",
        "matches": [
            {
                "concept_id": "workplace-learning",
                "lang": "fi",
                "term": "työpaikalla järjestettävä koulutus",
                "status": "preferred",
                "score": 96.0,
                "kind": "normalized",
                "preferred": None,
                "concept_status": "approved",
                "notes": [],
                "equivalents": {
                    "ru": [{"term": "обучение на рабочем месте", "status": "preferred"}],
                    "en": [{"term": "workplace learning", "status": "preferred"}],
                },
            }
        ],
        "nearest": [],
    }


def test_lookup_works_in_both_directions(runner):
    result = run(runner, "lookup", "-g", MINI, "ученичество", "-f", "tsv")
    assert result.exit_code == 0
    assert result.stdout == (
        "query\tconcept_id\tlang\tterm\tstatus\tscore\tkind\tanswer\tconcept_status\tfi\ten\n"
        "ученичество\tapprenticeship\tru\tученичество\tpreferred\t100\texact\tyes\treviewed\t"
        "oppisopimuskoulutus\tapprenticeship; apprenticeship training\n"
    )


def test_a_deprecated_term_says_which_term_to_use(runner):
    result = run(runner, "lookup", "-g", MINI, "työssäoppiminen")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "työssäoppiminen  fi    deprecated  обучение на рабочем месте  workplace learning  exact 100",
        "  'työssäoppiminen' is deprecated: use 'työpaikalla järjestettävä koulutus'",
        "  Koulutusta, joka järjestetään työpaikalla.",
    ]


def test_lookup_to_and_lang_narrow_the_output(runner):
    result = run(runner, "lookup", "-g", MINI, "apprenticeship", "--to", "ru", "-f", "json")
    match = json.loads(result.stdout)["matches"][0]
    assert list(match["equivalents"]) == ["ru"]
    result = run(runner, "lookup", "-g", MINI, "apprenticeship", "--lang", "fi")
    assert result.exit_code == 1


def test_nothing_found_exits_1_with_a_message(runner):
    result = run(runner, "lookup", "-g", MINI, "zzz")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "glossary: nothing found for 'zzz'\n"


def test_batch_prints_one_json_object_per_line(runner, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("etäopiskelu\n\nученичество\nzzz\n", encoding="utf-8")
    result = run(runner, "lookup", "-g", MINI, "--batch", str(queries))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["query"], [m["concept_id"] for m in o["matches"]]) for o in lines] == [
        ("etäopiskelu", ["distance-learning"]),
        ("ученичество", ["apprenticeship"]),
        ("zzz", []),
    ]
    assert result.exit_code == 1  # one query found nothing

    result = run(runner, "lookup", "-g", MINI, "--batch", "-", input="etäopiskelu\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["matches"][0]["term"] == "etäopiskelu"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["lookup"], id="no-words"),
        pytest.param(["lookup", "x", "--format", "xml"], id="bad-format"),
        pytest.param(["lookup", "x", "--batch", "-"], id="words-and-batch"),
        pytest.param(["lookup", "x", "--limit", "0"], id="bad-limit"),
        pytest.param(["nosuchcommand"], id="unknown-command"),
        pytest.param(["export", "pdfx"], id="unknown-format"),
    ],
)
def test_wrong_usage_exits_2(runner, args):
    result = (
        run(runner, "-g", MINI, *args)
        if args[0] == "nosuchcommand"
        else run(runner, *args, "-g", MINI)
    )
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_export_format_suggests_one(runner):
    result = run(runner, "export", "tbz", "-g", MINI)
    assert result.exit_code == 2
    assert result.stderr == (
        "glossary: error: unknown export format 'tbz' (did you mean 'tbx'?); "
        "choose one of: csv, json, pdf, site, skos, tbx, xlsx\n"
    )


# -- which glossary ---------------------------------------------------------------------


def test_glossary_path_comes_from_option_then_env_then_local_terms(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(runner, "show", "apprenticeship").exit_code == 1  # bundled glossary has no such id
    monkeypatch.setenv("GLOSSARY_PATH", MINI)
    assert run(runner, "show", "apprenticeship").exit_code == 0
    monkeypatch.delenv("GLOSSARY_PATH")
    local = tmp_path / "terms"
    local.mkdir()
    for file in Path(MINI).iterdir():
        (local / file.name).write_bytes(file.read_bytes())
    assert run(runner, "show", "apprenticeship").exit_code == 0
    assert run(runner, "show", "apprenticeship", "-g", str(TERMS)).exit_code == 1


def test_a_broken_glossary_gives_diagnostics_and_exit_1_not_a_traceback(runner, tmp_path):
    (tmp_path / "a.yaml").write_text(
        "id: a\nlanguages: {fi: {terms: [x]}}\nstatus: [\n", encoding="utf-8"
    )
    (tmp_path / "b.yaml").write_text("id: B\nlanguages: {fi: {terms: [y]}}\n", encoding="utf-8")
    result = run(runner, "lookup", "x", "-g", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'a.yaml'}:4:1: error: L102 ") or lines[0].startswith(
        "a.yaml"
    )
    assert any(":1:5: error: L110 " in line for line in lines)
    assert lines[-1] == "glossary: error: the glossary has 2 errors; run 'glossary validate'"
    assert "Traceback" not in result.stderr


def test_a_missing_glossary_path_is_one_line(runner, tmp_path):
    result = run(runner, "lookup", "x", "-g", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert result.stderr == f"glossary: error: {tmp_path / 'nope'}: no such file or folder\n"


# -- show -------------------------------------------------------------------------------


def test_show_text(runner):
    result = run(runner, "show", "apprenticeship", "-g", MINI)
    assert result.exit_code == 0
    assert result.stdout == (
        "apprenticeship  [reviewed]\n"
        "subjects: VET\n"
        "related: workplace-learning\n"
        "\n"
        "fi    oppisopimuskoulutus  preferred, noun\n"
        "      definition: Koulutus työsuhteessa.\n"
        "\n"
        "ru    ученичество  preferred, noun, neuter\n"
        "      definition: Обучение по договору.\n"
        "\n"
        "en    apprenticeship           preferred, noun\n"
        "      apprenticeship training  admitted, noun\n"
    )


def test_show_yaml_is_the_canonical_source(runner):
    result = run(runner, "show", "distance-learning", "-g", MINI, "--format", "yaml")
    assert result.stdout == (DATA / "mini/distance-learning.yaml").read_text(encoding="utf-8")


def test_show_json(runner):
    result = run(runner, "show", "distance-learning", "-g", MINI, "-f", "json")
    data = json.loads(result.stdout)
    assert data["languages"]["ru"]["terms"] == [
        {
            "term": "дистанционное обучение",
            "status": "preferred",
            "type": "fullForm",
            "pos": "noun",
            "gender": "neuter",
        }
    ]


def test_show_unknown_id_suggests_the_closest(runner):
    result = run(runner, "show", "apprenticeshp", "-g", MINI)
    assert result.exit_code == 1
    assert (
        result.stderr
        == "glossary: error: no concept 'apprenticeshp' (did you mean 'apprenticeship'?)\n"
    )


# -- export -----------------------------------------------------------------------------


def test_export_tbx_to_stdout_and_to_a_file(runner, tmp_path):
    result = run(runner, "export", "tbx", "-g", MINI)
    assert result.exit_code == 0
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert '<conceptEntry id="apprenticeship">' in result.stdout
    out = tmp_path / "out" / "mini.tbx"
    result = run(runner, "export", "tbx", "-g", MINI, "--out", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout or out.stat().st_size > 0
    assert result.stderr == f"wrote {out}\n"


def test_export_csv_has_one_row_per_term(runner):
    result = run(runner, "export", "csv", "-g", MINI)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "concept_id,subjects,concept_status,broader,part_of,related,replaced_by,concept_note,"
        "updated,image,image_caption,image_source,lang,definition,definition_source,lang_note,"
        "equivalence,equivalence_note,term,term_status,term_type,pos,gender,geo,context,"
        "context_source,term_source,term_note,usage,number,homograph"
    )
    assert lines[1] == (
        "apprenticeship,vet,reviewed,,,workplace-learning,,,,,,,fi,Koulutus työsuhteessa.,,,,,"
        "oppisopimuskoulutus,preferred,fullForm,noun,,,,,,,,,"
    )
    assert len([line for line in lines[1:] if line]) == 11


def test_export_passes_options_through_unchanged(runner, tmp_path):
    with mock.patch(
        "glossary.exporters.tbx.export", autospec=True, return_value=[tmp_path / "x.tbx"]
    ) as fake:
        result = run(runner, "export", "tbx", "-g", MINI, "--out", str(tmp_path / "x.tbx"))
    assert result.exit_code == 0
    glossary_arg, out_arg, options = fake.call_args.args
    assert glossary_arg.meta.id == "mini"
    assert out_arg == tmp_path / "x.tbx"
    assert options == {}


# -- import -----------------------------------------------------------------------------


def test_import_writes_concept_files_and_never_overwrites_without_force(runner, tmp_path):
    tbx = tmp_path / "mini.tbx"
    assert run(runner, "export", "tbx", "-g", MINI, "--out", str(tbx)).exit_code == 0
    into = tmp_path / "terms"

    result = run(runner, "import", str(tbx), "--into", str(into))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"created   {into / 'apprenticeship.yaml'}",
        f"created   {into / 'distance-learning.yaml'}",
        f"created   {into / 'workplace-learning.yaml'}",
        f"wrote {into / 'glossary.toml'}",
    ]
    assert result.stderr == f"{tbx}: imported 3 concepts: 3 created\n"
    assert (into / "distance-learning.yaml").read_text(encoding="utf-8") == (
        DATA / "mini/distance-learning.yaml"
    ).read_text(encoding="utf-8")

    again = run(runner, "import", str(tbx), "--into", str(into))
    assert again.stderr.endswith("imported 3 concepts: 3 unchanged\n")

    edited = into / "apprenticeship.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("reviewed", "approved"), encoding="utf-8"
    )
    kept = edited.read_bytes()
    result = run(runner, "import", str(tbx), "--into", str(into))
    assert (
        f"skipped   {edited}  (file exists; --merge adds what is new, --force replaces it)"
        in result.stdout
    )
    assert edited.read_bytes() == kept

    result = run(runner, "import", str(tbx), "--into", str(into), "--force")
    assert f"replaced  {edited}" in result.stdout
    assert b"reviewed" in edited.read_bytes()
    assert not [p for p in into.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_import_dry_run_writes_nothing(runner, tmp_path):
    tbx = tmp_path / "mini.tbx"
    run(runner, "export", "tbx", "-g", MINI, "--out", str(tbx))
    result = run(runner, "import", str(tbx), "--into", str(tmp_path / "terms"), "--dry-run")
    assert result.exit_code == 0
    assert not (tmp_path / "terms").exists()
    assert result.stderr.endswith("would import 3 concepts: 3 created\n")


def test_import_of_a_broken_file_is_a_clear_error(runner, tmp_path):
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b"<martif><text><body><termEntry>")
    result = run(runner, "import", str(bad), "--into", str(tmp_path / "terms"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{bad}:1:")
    assert "L103" in result.stderr
    assert not (tmp_path / "terms").exists()


def test_import_keeps_an_id_defined_in_another_file(runner, tmp_path):
    tbx = tmp_path / "mini.tbx"
    run(runner, "export", "tbx", "-g", MINI, "--out", str(tbx))
    into = tmp_path / "terms"
    (into / "sub").mkdir(parents=True)
    (into / "sub" / "mine.yaml").write_text(
        "id: apprenticeship\nlanguages: {fi: {terms: [oma]}}\n", encoding="utf-8"
    )
    result = run(runner, "import", str(tbx), "--into", str(into), "--force")
    assert (
        f"skipped   {into / 'apprenticeship.yaml'}  "
        f"(id already defined in {into / 'sub' / 'mine.yaml'})" in result.stdout
    )
    assert not (into / "apprenticeship.yaml").exists()


# -- validate ---------------------------------------------------------------------------


def test_validate_clean_and_broken(runner, tmp_path):
    result = run(runner, "validate", MINI)
    assert result.exit_code == 0
    assert result.stderr == "3 concepts in 4 files: 0 errors, 0 warnings\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: a\nstatuz: x\nlanguages: {fi: {terms: [x]}}\n", encoding="utf-8")
    result = run(runner, "validate", str(bad))
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{bad}:2:1: error: L106 unknown field 'statuz' in concept (did you mean 'status'?)\n"
    )
    result = run(runner, "validate", str(bad), "--format", "github")
    assert result.stdout.startswith(f"::error file={bad},line=2,col=1,title=L106 unknown-field::")


def test_version_and_help(runner):
    assert run(runner, "--version").stdout.startswith("glossary ")
    result = run(runner, "--help")
    for command in ("lookup", "show", "validate", "export", "import"):
        assert command in result.stdout


def test_every_command_has_help_with_an_example(runner):
    from typer.main import get_command

    for name, command in get_command(app).commands.items():
        assert command.help and "Example: glossary " in command.help, name


def test_debug_shows_the_traceback(runner):
    result = runner.invoke(app, ["--debug", "show", "nope", "-g", MINI])
    assert result.exit_code != 0
    assert result.exception is not None
    os.environ.pop("GLOSSARY_DEBUG", None)
    import glossary.cli

    glossary.cli._debug = False


# -- new and stats ----------------------------------------------------------------------


def _copy_mini(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "terms"
    shutil.copytree(MINI, target)
    return target


def test_new_writes_a_valid_draft_and_says_what_is_left_to_do(runner, tmp_path):
    root = _copy_mini(tmp_path)
    result = run(
        runner,
        "new",
        "virtual-classroom",
        "--fi",
        "virtuaalinen  luokkahuone",
        "--ru",
        "виртуальный класс",
        "--gender",
        "ru=masculine",
        "--en",
        "virtual classroom",
        "-s",
        "vet",
        "-d",
        "fi=Verkossa toimiva opetustila.",
        "-g",
        str(root),
    )
    assert result.exit_code == 0, result.stderr
    path = root / "virtual-classroom.yaml"
    assert result.stdout == f"created {path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("id: virtual-classroom\nsubjects: [vet]\nstatus: draft\nupdated: ")
    assert "      - term: virtuaalinen luokkahuone\n        pos: noun\n" in text
    assert "        gender: masculine\n" in text
    assert result.stderr == f"still to do:\n{path}:11:3: warning: C302 no definition in 'ru'\n"
    report = __import__("glossary").validate(root)
    assert report.errors == ()


def test_new_refuses_an_existing_id_a_bad_id_and_an_unknown_subject(runner, tmp_path):
    root = _copy_mini(tmp_path)
    kept = (root / "apprenticeship.yaml").read_bytes()
    result = run(runner, "new", "apprenticeship", "--fi", "x", "-g", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith("glossary: error: concept 'apprenticeship' already exists at ")
    assert (root / "apprenticeship.yaml").read_bytes() == kept
    assert run(runner, "new", "Bad_Id", "--fi", "x", "-g", str(root)).exit_code == 2
    result = run(runner, "new", "x", "--fi", "x", "-s", "vtt", "-g", str(root))
    assert result.exit_code == 2
    assert "unknown subject 'vtt' (did you mean 'vet'?)" in result.stderr
    result = run(runner, "new", "x", "--fi", "x", "--gender", "ru=neutral", "-g", str(root))
    assert result.exit_code == 2


def test_stats_table_and_json(runner):
    result = run(runner, "stats", "-g", MINI)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:6] == [
        "3 concepts, 11 terms, 0 concepts with a context sentence",
        "",
        "LANGUAGE  CONCEPTS  TERMS  PREFERRED  ADMITTED  DEPRECATED  SUPERSEDED  DEFINITIONS  CONTEXTS",
        "fi        3         4      3          0         1           0           3            0",
        "ru        3         3      3          0         0           0           3            0",
        "en        3         4      3          1         0           0           0            0",
    ]
    assert result.stdout.splitlines()[-3:] == [
        "GAPS",
        "no context sentence (3): apprenticeship, distance-learning, workplace-learning",
        "terms without part of speech (2): distance-learning: distance learning (en), "
        "workplace-learning: workplace learning (en)",
    ]
    data = json.loads(run(runner, "stats", "-g", MINI, "-f", "json").stdout)
    assert data["concepts"] == 3
    assert data["statuses"] == {"draft": 1, "reviewed": 1, "approved": 1, "retired": 0}
    assert data["gaps"]["missing_context"] == [
        "apprenticeship",
        "distance-learning",
        "workplace-learning",
    ]
    assert data["gaps"]["missing_definition"] == {"fi": [], "ru": []}
    assert data["gaps"]["missing_gender"] == []
    assert {item["term"] for item in data["gaps"]["missing_pos"]} == {
        "workplace learning",
        "distance learning",
    }


def test_stats_of_the_bundled_glossary_has_no_gaps_that_matter(runner):
    data = json.loads(run(runner, "stats", "-f", "json", "-g", str(TERMS)).stdout)
    gaps = data["gaps"]
    assert gaps["missing_definition"] == {"fi": [], "ru": []}
    assert gaps["missing_gender"] == [] and gaps["missing_pos"] == []
    assert data["with_context"] * 2 >= data["concepts"]


def test_validate_json_strict_and_summary(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: a\nlanguages:\n  en:\n    terms: [Distance learning]\n", encoding="utf-8")
    result = run(runner, "validate", str(bad), "--format", "json", "--select", "K504")
    assert result.exit_code == 0  # a warning only
    assert json.loads(result.stdout) == [
        {
            "path": str(bad),
            "line": 4,
            "col": 13,
            "code": "K504",
            "name": "capitalised-term",
            "severity": "warning",
            "message": "'Distance learning' (en) starts with a capital letter but is not marked "
            "as a proper noun or an abbreviation",
            "concept_id": "a",
        }
    ]
    result = run(runner, "validate", str(bad), "--strict", "--select", "K504")
    assert result.exit_code == 1
    assert result.stderr == "1 concept in 1 file: 0 errors, 1 warning\n"


def test_nothing_found_suggests_close_terms(runner):
    result = run(runner, "lookup", "-g", MINI, "etäopsikelujärjestelmä")
    assert result.exit_code in (0, 1)
    result = run(runner, "lookup", "-g", MINI, "xyzzyq")
    assert result.exit_code == 1
    assert result.stderr == "glossary: nothing found for 'xyzzyq'\n"
    result = run(runner, "lookup", "-g", MINI, "oppisop koulutusmalli", "--lang", "ru")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "glossary: nothing found for 'oppisop koulutusmalli'; did you mean "
    )
    assert "'oppisopimuskoulutus'" in result.stderr


@pytest.mark.parametrize("query", ["в", "ja", "и", "of the", "которые"])
def test_function_words_alone_get_a_reason_not_look_alikes(runner, query):
    # Before: "did you mean 'ВО' or 'вуз' or 'ВКР'?" for в, "'hakija'?" for ja.
    result = run(runner, "lookup", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"glossary: nothing found for '{query}' (function words alone name no concept: "
        "type a term or a word of one)\n"
    )


def test_colours_only_on_request(runner, monkeypatch):
    plain = run(runner, "lookup", "-g", MINI, "työssäoppiminen").stdout
    assert "\x1b[" not in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run(runner, "lookup", "-g", MINI, "työssäoppiminen").stdout
    assert "\x1b[31;9mtyössäoppiminen" in coloured  # deprecated: red, struck through
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(runner, "lookup", "-g", MINI, "työssäoppiminen").stdout
