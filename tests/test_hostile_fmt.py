"""Hostile inputs for ``fmt``, the TBX reader, ``serve`` and the did-you-mean of R202:
the real command in a child process under a memory and time limit (``childproc.run``)."""

from __future__ import annotations

from childproc import run

GLOSSARY_TOML = '[glossary]\nid = "g"\ntitle = "g"\nlanguages = ["fi"]\n'


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
        f"{tmp_path / 'c.yaml'}:2:11: R202 related concept 'concpt-00000-x' does not exist"
        " (did you mean 'concept-00000-x'?)"
    )
    assert lines[1] == f"{tmp_path / 'c.yaml'}:2:27: R202 related concept 'zz0' does not exist"
    assert result.elapsed < 10, result.elapsed  # minutes before (difflib over every id)


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
