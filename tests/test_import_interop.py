"""Every file under ../shared/interop/peers and samples imports with every entry and
canonical language tags, or is refused with one clear line (#13).

The number of concepts each file should give is counted here independently of our
readers: with lxml for TBX (entries holding at least one non-empty ``<term>``), with the
csv module for the headerless glossaries of OmegaT and Microsoft.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import SHARED
from lxml import etree

from glossary.errors import LoadError
from glossary.importer import Action, import_file
from glossary.langtags import canonical_tag
from glossary.sources.tabular import TableOptions
from glossary.sources.yaml import read_yaml


def _files() -> list[Path]:
    roots = [SHARED / "interop" / "peers", SHARED / "interop" / "samples"]
    found = sorted(p for root in roots if root.exists() for p in root.rglob("*") if p.is_file())
    return found or [roots[0] / "(missing)"]


#: Headerless glossaries and the languages of their columns.
HEADERLESS = {
    "glossary.txt": ("en", "ja"),
    "test.tab": ("en", "fr"),
    "test.csv": ("en", "fr"),
    "testUTF16LE.txt": ("en", "en-x-long"),
    "Terms-ug.csv": ("en", "ug"),
}


def _tbx_entries(path: Path) -> int | None:
    """Entries with a term, or None for a file that is not well-formed XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError:
        return None
    entries = tree.xpath('//*[local-name()="termEntry" or local-name()="conceptEntry"]')
    return sum(
        1
        for entry in entries
        if any((t.text or "").strip() for t in entry.xpath('.//*[local-name()="term"]'))
    )


def _table_rows(path: Path) -> int:
    data = path.read_bytes()
    text = (
        data.decode("utf-16")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff")
        else data.decode("utf-8-sig")
    )
    delimiter = "\t" if "\t" in text.split("\n", 2)[1] else ","
    rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(r)]
    rows = [r for r in rows if not (r[0].startswith("#") and sum(1 for c in r if c) == 1)]
    if rows and [c.lower() for c in rows[0]] == ["source", "target"]:
        rows = rows[1:]
    return len(rows)


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_interop_file_imports_whole_or_is_refused(interop, tmp_path, path):
    table = None
    if path.name in HEADERLESS:
        table = TableOptions(languages=HEADERLESS[path.name])
        expected = _table_rows(path)
    else:
        expected = _tbx_entries(path)
    if expected is None:
        with pytest.raises(LoadError) as refused:
            import_file(path, tmp_path / "t", dry_run=True)
        assert str(refused.value) == f"{path}: nothing could be imported"
        assert [d.code for d in refused.value.diagnostics] in (["L103"], ["L101"])
        return
    report = import_file(path, tmp_path / "t", table=table)
    created = [item for item in report.items if item.action is Action.CREATED]
    assert len(created) == expected, [i for i in report.items if i.action is not Action.CREATED]
    # Whatever was left out is reported at a position in the file.
    assert all(d.path == str(path) and d.line >= 1 for d in report.diagnostics)
    # Every language tag is canonical BCP 47 in the files written.
    languages = set()
    for item in created:
        (concept,), problems = read_yaml(io.BytesIO(item.path.read_bytes()), name="c.yaml")
        assert problems == []
        languages.update(concept.languages)
    assert languages
    assert all(canonical_tag(tag) == tag for tag in languages), sorted(languages)
