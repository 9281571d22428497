"""One broken file blocks no one: lookup, show and stats answer from the files that load
and warn once about the rest; validate, export and import --merge still refuse."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA

from glossary.cli import app
from glossary.errors import LoadError
from glossary.search import open_index
from glossary.search.store import index_path, usable_index

MINI = DATA / "mini"

#: A second file for the small glossary, broken in three ways; each also defines a term
#: (kisälli) that no good file has.
BROKEN = {
    "yaml-syntax": "id: journeyman\nlanguages: {fi: {terms: [kisälli]}\n",
    "unknown-status": "id: journeyman\nstatus: aproved\nlanguages: {fi: {terms: [kisälli]}}\n",
    "duplicate-id": "id: apprenticeship\nlanguages: {fi: {terms: [kisälli]}}\n",
}
#: The line each one has on stderr, exactly once.
WARNING = (
    "glossary: warning: 1 file has errors and was skipped (1 error); "
    "see: glossary validate {root}\n"
)


def run(runner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def clean(tmp_path) -> Path:
    root = tmp_path / "clean"
    shutil.copytree(MINI, root)
    return root


def broken_glossary(tmp_path: Path, kind: str) -> Path:
    root = tmp_path / kind
    shutil.copytree(MINI, root)
    # Named to sort after apprenticeship.yaml, so that the duplicate is the later one.
    (root / "journeyman.yaml").write_text(BROKEN[kind], encoding="utf-8")
    return root


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_lookup_answers_from_the_good_files_and_warns_once(runner, tmp_path, clean, kind):
    root = broken_glossary(tmp_path, kind)
    expected = run(runner, "lookup", "oppisopimuskoulutus", "-g", str(clean))
    assert expected.exit_code == 0 and expected.stderr == ""
    for _ in range(2):  # built, then from the stored index: the warning both times
        result = run(runner, "lookup", "oppisopimuskoulutus", "-g", str(root))
        assert result.exit_code == 0
        assert result.stdout == expected.stdout
        assert result.stderr == WARNING.format(root=root)
    missing = run(runner, "lookup", "kisälli", "-g", str(root), "-f", "json")
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["matches"] == []
    assert missing.stderr.count("glossary: warning:") == 1


def test_a_batch_warns_once_for_all_its_queries(runner, tmp_path):
    root = broken_glossary(tmp_path, "yaml-syntax")
    queries = "oppisopimuskoulutus\nученичество\netäopiskelu\n"
    result = run(runner, "lookup", "--batch", "-", "-g", str(root), input=queries)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr == WARNING.format(root=root)


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_show_answers_from_the_good_files(runner, tmp_path, clean, kind):
    root = broken_glossary(tmp_path, kind)
    expected = run(runner, "show", "apprenticeship", "-g", str(clean))
    result = run(runner, "show", "apprenticeship", "-g", str(root))
    assert result.exit_code == 0
    assert result.stdout == expected.stdout
    assert result.stderr == WARNING.format(root=root)


def test_show_of_a_concept_in_a_broken_file_says_where_it_is(runner, tmp_path):
    root = broken_glossary(tmp_path, "unknown-status")
    result = run(runner, "show", "journeyman", "-g", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == WARNING.format(root=root) + (
        f"glossary: error: concept 'journeyman' is in {root / 'journeyman.yaml'}, "
        "which has errors\n"
    )


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_stats_count_what_loaded(runner, tmp_path, clean, kind):
    root = broken_glossary(tmp_path, kind)
    expected = run(runner, "stats", "-f", "json", "-g", str(clean))
    result = run(runner, "stats", "-f", "json", "-g", str(root))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(expected.stdout)
    assert result.stderr == WARNING.format(root=root)


def test_the_warning_counts_files_and_errors_and_quotes_the_path(runner, tmp_path):
    root = tmp_path / "my terms"
    shutil.copytree(MINI, root)
    (root / "a.yaml").write_text(
        "id: A\nstatus: aproved\nlanguages: {fi: {terms: [x]}}\n", encoding="utf-8"
    )
    (root / "b.yaml").write_text("id: b\nlanguages: [\n", encoding="utf-8")
    result = run(runner, "show", "apprenticeship", "-g", str(root))
    assert result.exit_code == 0
    assert result.stderr == (
        "glossary: warning: 2 files have errors and were skipped (3 errors); "
        f"see: glossary validate '{root}'\n"
    )


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_validate_export_and_merge_still_refuse(runner, tmp_path, kind):
    # import --merge never writes into a file with errors: it reports them and fails.
    root = broken_glossary(tmp_path, kind)
    assert run(runner, "validate", str(root)).exit_code == 1
    exported = run(runner, "export", "csv", "-g", str(root))
    assert exported.exit_code == 1
    assert exported.stdout == ""
    assert "glossary: error: the glossary has 1 error; run 'glossary validate'" in exported.stderr
    if kind != "duplicate-id":
        before = (root / "journeyman.yaml").read_bytes()
        sheet = tmp_path / "partner.csv"
        sheet.write_text("id,fi,ru\njourneyman,kisälli,подмастерье\n", encoding="utf-8")
        merged = run(runner, "import", str(sheet), "--into", str(root), "--merge")
        assert merged.exit_code == 1
        assert merged.stdout.splitlines()[0] == (
            f"skipped   {root / 'journeyman.yaml'}  "
            "(the file has errors (see above); nothing merged)"
        )
        assert merged.stderr.startswith(f"{root / 'journeyman.yaml'}:2:")
        assert (root / "journeyman.yaml").read_bytes() == before


def test_a_broken_glossary_toml_still_refuses(runner, tmp_path):
    root = broken_glossary(tmp_path, "yaml-syntax")
    (root / "glossary.toml").write_text("[glossary\n", encoding="utf-8")
    for args in (("lookup", "oppisopimuskoulutus"), ("show", "apprenticeship"), ("stats",)):
        result = run(runner, *args, "-g", str(root))
        assert result.exit_code == 1
        assert " L104 " in result.stderr
        assert result.stderr.splitlines()[-1].startswith("glossary: error: the glossary has ")
        assert "warning" not in result.stderr


def test_the_stored_index_of_part_of_a_glossary_is_never_taken_for_the_whole(tmp_path):
    root = broken_glossary(tmp_path, "unknown-status")
    index, skipped = usable_index(root)
    assert skipped.files == (str(root / "journeyman.yaml"),)
    assert skipped.errors == 1 and skipped.concepts == {"journeyman": skipped.files[0]}
    index.close()
    stamp = json.loads(index_path(root).with_suffix(".json").read_text(encoding="utf-8"))
    assert stamp["skipped"]["files"] == [str(root / "journeyman.yaml")]
    # The library's strict index reads the sources again, and refuses as before.
    with pytest.raises(LoadError):
        open_index(root)
    # Fixing the file builds the index again, whole, with the concept it defines.
    (root / "journeyman.yaml").write_text(
        BROKEN["unknown-status"].replace("aproved", "approved"), encoding="utf-8"
    )
    index, skipped = usable_index(root)
    assert not skipped
    assert "skipped" not in json.loads(index_path(root).with_suffix(".json").read_text("utf-8"))
    from glossary.search import lookup_index

    assert lookup_index(index, "kisälli")[0].concept_id == "journeyman"
    index.close()
    whole = open_index(root)
    assert lookup_index(whole, "kisälli")[0].concept_id == "journeyman"
    whole.close()


def test_after_the_fix_lookup_answers_from_the_fixed_file_without_a_warning(runner, tmp_path):
    root = broken_glossary(tmp_path, "yaml-syntax")
    assert run(runner, "lookup", "kisälli", "-g", str(root)).exit_code == 1
    (root / "journeyman.yaml").write_text(
        "id: journeyman\nlanguages: {fi: {terms: [kisälli]}}\n", encoding="utf-8"
    )
    result = run(runner, "lookup", "kisälli", "-g", str(root))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[1].startswith("kisälli ")


def test_with_the_cache_off_the_answer_and_the_warning_are_the_same(runner, tmp_path, monkeypatch):
    root = broken_glossary(tmp_path, "duplicate-id")
    monkeypatch.setenv("GLOSSARY_NO_CACHE", "1")
    result = run(runner, "lookup", "ученичество", "-g", str(root), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["matches"][0]["concept_id"] == "apprenticeship"
    assert result.stderr == WARNING.format(root=root)
    assert not index_path(root).exists()


def test_the_repeated_ids_left_out_are_those_rule_r201_reports(tmp_path):
    import glossary
    from glossary.sources import duplicate_ids, read

    # The sample alone in a glossary of its own: validating one file of a folder checks
    # it against every file of that folder, which have ids of their own.
    sample = tmp_path / "R201-duplicate-id.yaml"
    shutil.copy(DATA / "invalid" / "R201-duplicate-id.yaml", sample)
    shutil.copy(DATA / "invalid" / "glossary.toml", tmp_path / "glossary.toml")
    rule = glossary.validate(sample, select=["R201"], cache=False).diagnostics
    ours = duplicate_ids(read(sample, cache=False).concepts)
    assert [(d.line, d.col, d.code, d.message) for d in ours] == [
        (d.line, d.col, d.code, d.message) for d in rule
    ]
    assert ours
