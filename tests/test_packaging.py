"""The wheel carries the bundled glossary and the templates, so an installed tool works alone."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT, TERMS


def test_the_wheel_holds_terms_and_templates(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("glossary-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    assert "glossary/terms/glossary.toml" in names
    assert "glossary/py.typed" in names
    assert "glossary/templates/README.md" in names
    templates = ROOT / "templates"
    for source in templates.rglob("*"):
        if source.is_file():
            assert f"glossary/templates/{source.relative_to(templates).as_posix()}" in names
    for source in TERMS.glob("*.yaml"):
        assert f"glossary/terms/{source.name}" in names
    # Every file of the package, data included, and the PDF's Typst template.
    package = ROOT / "glossary"
    for source in package.rglob("*"):
        if source.is_file() and "__pycache__" not in source.parts:
            assert f"glossary/{source.relative_to(package).as_posix()}" in names
    assert "glossary/templates/pdf/dictionary.typ" in names
    assert not any(name.startswith(("tests/", "cli.py")) for name in names)
    assert "glossary = glossary.cli:main" in scripts
