"""Hostile inputs for ``fmt``, the TBX reader, ``serve`` and the did-you-mean of R202:
the real command in a child process under a memory and time limit (``childproc.run``)."""

from __future__ import annotations

from childproc import run

GLOSSARY_TOML = '[glossary]\nid = "g"\ntitle = "g"\nlanguages = ["fi", "ru", "en"]\n'


def test_did_you_mean_for_2000_broken_related_is_fast(tmp_path):
    """Every broken ``related`` of 2,000 concepts gets its suggestion from one index."""
    (tmp_path / "glossary.toml").write_text(GLOSSARY_TOML, encoding="utf-8")
    docs = [
        f"id: concept-{i:05d}-x\nrelated: [concpt-{(i * 7) % 2000:05d}-x, zz{i}]\n"
        f"languages:\n  fi:\n    terms: [termi{i}]\n"
        for i in range(2000)
    ]
    (tmp_path / "c.yaml").write_text("---\n".join(docs), encoding="utf-8")
    result = run("validate", tmp_path, "--select", "R202", timeout=60)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4000
    assert lines[0] == (
        f"{tmp_path / 'c.yaml'}:2:11: error: R202 related concept 'concpt-00000-x' does not exist"
        " (did you mean 'concept-00000-x'?)"
    )
    assert (
        lines[1] == f"{tmp_path / 'c.yaml'}:2:27: error: R202 related concept 'zz0' does not exist"
    )
    # Minutes before (difflib over every id); seconds now, with room for a loaded machine.
    assert result.elapsed < 30, result.elapsed


# -- TBX: comments and processing instructions anywhere in an entry ---------------------

TBX_WITH_COMMENTS = """<?xml version="1.0"?>
<?xml-stylesheet href="x.xsl"?>
<martif type="TBX" xml:lang="en"><!-- c --><martifHeader><!-- c --><fileDesc><?pi?>
<sourceDesc><!-- c --><p>Source</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="alpha"><!-- c --><?pi x?>
<descripGrp><!-- before --><?pi?><descrip type="subjectField">vet</descrip><!-- after -->
</descripGrp>
<langSet xml:lang="en"><!-- c --><descripGrp><?pi?><descrip type="definition">Def<!-- in -->ined.</descrip>
<!-- c --><admin type="source">Book</admin></descripGrp>
<tig><!-- c --><term>al<!-- in -->pha<?pi?></term><termNoteGrp><!-- c -->
<termNote type="partOfSpeech">noun</termNote></termNoteGrp><!-- c --></tig>
<ntig><termGrp><!-- c --><term>alfa</term><?pi?><termNote type="grammaticalGender"><!-- c
-->neuter</termNote></termGrp></ntig></langSet><!-- c --></termEntry><!-- c -->
</body></text></martif>
"""


def test_tbx_comments_and_processing_instructions_are_skipped(tmp_path):
    path = tmp_path / "c.tbx"
    path.write_text(TBX_WITH_COMMENTS, encoding="utf-8")
    result = run("validate", path)
    assert "ValueError" not in result.stdout + result.stderr
    assert " L1" not in result.stdout, result.stdout  # nothing failed to load
    result = run("lookup", "alpha", "--glossary", path, "--format", "tsv")
    assert result.returncode == 0, result.stderr
    assert "alpha" in result.stdout
    into = tmp_path / "terms"
    result = run("import", path, "--into", into)
    assert result.returncode == 0, result.stderr
    written = (into / "alpha.yaml").read_text(encoding="utf-8")
    assert "definition: Defined." in written
    assert "source: Book" in written
    assert "- term: alpha\n        pos: noun\n" in written
    assert "- term: alfa\n        gender: neuter\n" in written
    assert "subjects: [vet]" in written


# -- fmt ---------------------------------------------------------------------------------

COMMENTED = """\
# c01 before everything
- # c02 after a bare dash
  id: alpha
  related: [beta,  # c03 inside a flow list
    # c04 on its own line inside a flow list
    gamma]  # c05 after the closing bracket
  languages:
    fi:
      terms:
        -   # c06 after a bare dash, the item on the next lines
          term: alfa  # c07
          pos: noun
        - {term: alfa2,  # c08 inside a flow mapping
           pos: noun}
      note: |-  # c09 on a block scalar's header
        # not a comment: text of the note
- id: beta
  languages: {fi: {terms: [  # c10 after an opening bracket
    beeta]}}
- id: gamma
  languages:
    fi:
      terms: [gamma]
# c11 at the end
"""


def _comments(text: str) -> list[str]:
    return [word for word in text.split() if word.startswith("c") and word[1:].isdigit()]


def test_fmt_keeps_every_comment_of_flow_lists_and_bare_dashes(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = run("fmt", path)
    assert result.returncode == 0, result.stderr
    written = path.read_text(encoding="utf-8")
    # each comment once, where it was or with the nearest node that is kept
    assert sorted(_comments(written)) == [f"c{i:02d}" for i in range(1, 12)], written
    assert "  # c04 on its own line inside a flow list\n  related: [beta, gamma]  # c03" in written
    assert (
        "        # c06 after a bare dash, the item on the next lines\n        - term: alfa"
        in written
    )
    assert "note: '# not a comment: text of the note'  # c09" in written
    assert "related: [beta, gamma]" in written
    assert run("fmt", "--check", path).returncode == 0  # formatted once and for all
    assert path.read_text(encoding="utf-8") == written


def test_fmt_refuses_a_read_only_file(tmp_path):
    path = tmp_path / "a.yaml"
    before = b"languages: {fi: {terms: [alfa]}}\nid: alpha\n"
    path.write_bytes(before)
    path.chmod(0o444)
    try:
        result = run("fmt", path)
        assert result.returncode == 1
        assert f"{path}: read-only, not rewritten" in result.stderr.splitlines()
        assert result.stderr.splitlines()[-1] == "0 files reformatted, 0 unchanged, 1 not rewritten"
        assert path.read_bytes() == before
        assert path.stat().st_mode & 0o777 == 0o444
        assert list(tmp_path.iterdir()) == [path]  # no temporary file left either

        result = run("fmt", "--check", path)
        assert (result.returncode, result.stdout) == (1, f"would reformat {path}\n")
        # --diff writes nothing, so a read-only file is simply shown.
        result = run("fmt", "--diff", path)
        assert result.returncode == 0
        assert "+languages:\n" in result.stdout
        assert result.stderr == "1 file would be reformatted, 0 unchanged\n"
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_fmt_formats_every_document_of_a_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(
        "id: a  # ca\nlanguages: {fi: {terms: [aa]}}\n---\n# cb\n"
        "- id: b\n  languages: {fi: {terms: [bb]}}\n"
        "- id: c\n  languages: {fi: {terms: [cc]}}\n---\n# cd in an empty document\n---\n"
        "id: d\nlanguages: {fi: {terms: [dd]}}\n",
        encoding="utf-8",
    )
    result = run("fmt", "--check", path)
    assert (result.returncode, result.stdout) == (1, f"would reformat {path}\n")
    result = run("fmt", path)
    assert result.returncode == 0, result.stderr
    written = path.read_text(encoding="utf-8")
    assert written.count("\n---\n") == 2
    assert "id: a  # ca\n" in written and "# cb\n- id: b\n" in written
    assert "# cd in an empty document\nid: d\n" in written
    assert "\n- id: c\n" in written
    result = run("validate", path, "--select", "L")
    assert result.returncode == 0 and "4 concepts" in result.stderr


def test_fmt_refuses_a_file_over_the_size_limit_as_validate_does(tmp_path):
    path = tmp_path / "big.yaml"
    item = "- id: concept-{:06d}\n  languages: {{fi: {{terms: [termi]}}}}  # a comment\n"
    with path.open("w", encoding="utf-8") as fp:
        for index in range(29 * 1024 * 1024 // len(item.format(0)) + 1):
            fp.write(item.format(index))
    before = path.stat().st_mtime_ns
    message = f"{path}:1:1: error: L119 the file is 29 MB; concept files over 10 MB are not read"
    for args in (("fmt",), ("fmt", "--check")):
        result = run(*args, path)
        assert result.returncode == 1
        assert message in result.stderr.splitlines()
        assert result.elapsed < 10
    result = run("validate", path)
    assert message in result.stdout.splitlines()
    assert path.stat().st_mtime_ns == before


def _large_list(path, megabytes: float) -> int:
    """A list of concepts of ``megabytes`` in one YAML document; the number of concepts."""
    item = (
        "- id: concept-{0:06d}\n  subjects: [vet]\n  related: [concept-{1:06d}]\n"
        "  languages:\n"
        + "".join(
            f"    {lang}:\n      definition: A definition of concept {{0}} in {lang}, long "
            "enough to be a real one, with a few words more.\n      terms:\n"
            + "".join(
                f"        - term: {lang} term {{0}} {n}\n          pos: noun\n"
                "          context: An example of the term in a sentence.\n"
                for n in range(3)
            )
            for lang in ("fi", "ru", "en")
        )
    )
    count = int(megabytes * 1024 * 1024 / len(item.format(0, 1)))
    with path.open("w", encoding="utf-8") as fp:
        for index in range(count):
            fp.write(item.format(index, (index + 1) % count))
    return count


def test_a_10_mb_list_is_validated_in_bounded_memory(tmp_path, monkeypatch):
    """One YAML document of 9.6 MB: no node graph of the whole document is kept (it took
    another 250 MB), and the garbage collector does not walk it again and again."""
    import childproc

    (tmp_path / "glossary.toml").write_text(GLOSSARY_TOML, encoding="utf-8")
    count = _large_list(tmp_path / "big.yaml", 9.5)
    monkeypatch.setattr(childproc, "LIMIT_BYTES", 448 * 1024 * 1024)
    result = run("validate", tmp_path, "--select", "L,R", timeout=180)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"{count} concepts in 2 files: 0 errors" in result.stderr


def test_yaml_is_parsed_without_full_garbage_collections():
    """What made parsing superlinear: each full collection walked every node built so far."""
    import gc

    from glossary.sources.yamlnodes import parse_yaml

    text = "".join(f"- id: c{n}\n  languages: {{fi: {{terms: [t{n}]}}}}\n" for n in range(50_000))
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        documents, problems = parse_yaml(text)
    finally:
        gc.callbacks.remove(count)
    assert problems == [] and len(documents[0]) == 50_000
    # before: 4,499 collections, 12 of them full ones
    assert 2 not in collections and len(collections) < 10, collections
    assert gc.isenabled()


def test_deep_nesting_is_refused_at_its_position(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("id: a\nnote: " + "[" * 150 + "]" * 150 + "\n", encoding="utf-8")
    for args in (("validate", path), ("fmt", "--check", path)):
        result = run(*args)
        assert result.returncode == 1
        assert (
            f"{path}:2:106: error: L102 the YAML is nested too deeply"
            in (result.stdout + result.stderr).splitlines()
        )
