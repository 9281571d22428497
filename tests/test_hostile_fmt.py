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
