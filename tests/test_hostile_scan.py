"""Hostile documents for ``glossary scan`` and ``glossary check``, each run as the real
command in a child process under a memory and time limit (``childproc.run``): one line
on stderr naming the file, exit code 1, nothing on stdout, and the glossary is not even
opened."""

from __future__ import annotations

import io
import zipfile

import pytest
from childproc import run
from conftest import DATA

SMALL = DATA / "lookup"

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE xliff [\n<!ENTITY a "koulutus koulutus">\n'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(9)
    )
    + b']>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    b'<file source-language="fi" target-language="ru" datatype="plaintext" original="x">'
    b'<body><trans-unit id="1"><source>&j;</source><target>&j;</target></trans-unit>'
    b"</body></file></xliff>\n"
)


BILLION_LAUGHS_TMX = (
    BILLION_LAUGHS.split(b"<xliff")[0].replace(b"DOCTYPE xliff", b"DOCTYPE tmx")
    + b'<tmx version="1.4"><header srclang="fi" adminlang="en" segtype="sentence" o-tmf="x"'
    b' datatype="plaintext" creationtool="x" creationtoolversion="1"/><body><tu tuid="1">'
    b'<tuv xml:lang="fi"><seg>&j;</seg></tuv><tuv xml:lang="ru"><seg>&j;</seg></tuv></tu>'
    b"</body></tmx>\n"
)


def docx_with(document_xml: bytes) -> bytes:
    """A DOCX whose word/document.xml is ``document_xml``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def docx_laughs() -> bytes:
    """The "billion laughs" inside a DOCX: a small zip whose XML expands to gigabytes."""
    dtd = BILLION_LAUGHS.split(b"<xliff")[0].replace(b"DOCTYPE xliff", b"DOCTYPE w:document")
    return docx_with(
        dtd + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
        b'main"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
    )


def docx_external_entity() -> bytes:
    """An external entity (XXE) that would read a local file into the text."""
    return docx_with(
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )


def zip_bomb() -> bytes:
    """A DOCX-shaped zip whose document part unzips to 1 GiB of zeros (about 1 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 24)
            for _ in range(64):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("command", ["scan", "check"])
@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("bomb.docx", zip_bomb, "not read: 1,024 MB once unzipped (at most 20 MB)"),
        ("laughs.xlf", lambda: BILLION_LAUGHS, "not read: the XML declares entities"),
        ("laughs.tmx", lambda: BILLION_LAUGHS_TMX, "not read: the XML declares entities"),
        ("laughs.docx", docx_laughs, "not read: word/document.xml declares XML entities"),
        ("xxe.docx", docx_external_entity, "not read: word/document.xml declares XML entities"),
        ("noise.docx", lambda: bytes(range(256)) * 64, "(File is not a zip file)"),
        (
            "noise.xlf",
            lambda: bytes(range(1, 256)) * 64,
            "not readable XLIFF (Start tag expected, '<' not found, line 1, column 1 (<string>, line 1))",
        ),
        ("binary.txt", lambda: bytes(range(256)) * 64, "binary data, not text"),
    ],
)
def test_hostile_file(tmp_path, command, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    result = run(command, "-g", SMALL, path, cache_dir=tmp_path / "cache")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"glossary: error: {path}")
    if command == "scan" or not name.endswith(".txt"):
        assert lines[0].endswith(message)
    assert not (tmp_path / "cache").exists()  # refused before the glossary was opened


def test_a_50_mb_text_is_refused_unread(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fp:
        fp.write(b"koulutus " * (50 * 1024 * 1024 // 9))
    result = run("scan", "-g", SMALL, path, cache_dir=tmp_path / "cache")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"glossary: error: {path}: not read: 50 MB (at most 20 MB; split the file)\n"
    )


def test_a_50_mb_text_on_standard_input_is_refused(tmp_path):
    result = run(
        "scan", "-g", SMALL, "-", cache_dir=tmp_path / "cache", stdin="koulutus " * 5_800_000
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "glossary: error: <stdin>: not read: more than 20 MB (split the text)\n"
    )
