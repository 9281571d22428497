"""Small helpers shared by several modules."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["atomic_write", "did_you_mean", "http_url", "printable", "slugify"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` when a choice is close to ``word``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


#: What a terminal would act on rather than show: C0 and C1 control characters (ESC starts
#: colour, cursor and hyperlink sequences), DEL, line and paragraph separators, and the
#: bidirectional overrides and isolates that reorder what is shown.
_BIDI = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNPRINTABLE_NO_NL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    )


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` safe to print on a terminal: every control character shown as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``) instead of acting. Text from sources passes through
    here before the command line prints it; ``newlines`` keeps line breaks."""
    if text.isprintable():
        return text
    return (_UNPRINTABLE_NO_NL if newlines else _UNPRINTABLE).sub(_escape, text)


def http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) address with a host and nothing that a
    browser would read otherwise (no spaces, control characters or backslashes).

    The only addresses taken from sources into links: ``javascript:``, ``data:`` and the
    like never reach a page."""
    import urllib.parse

    if any(ch.isspace() or ord(ch) < 0x20 or ch in "\\\x7f<>\"'`" for ch in value):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = False, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half.

    Without ``overwrite`` an existing file is left alone and ``False`` is returned; the
    check and the write are one atomic step (a hard link), so a file that appears
    meanwhile is not overwritten either. ``durable`` syncs the data to disk before the
    file takes its name, so that it survives a crash too.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temporary name is longer than the file's: cut so that it fits wherever the
    # file's name fits (255 bytes).
    stem = path.name.encode("utf-8")[:200].decode("utf-8", "ignore")
    import tempfile

    fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
            fp.flush()
            if durable:
                os.fsync(fp.fileno())
        if path.exists() and path.is_file():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:
            # File systems without hard links: fall back to an exclusive create.
            try:
                with open(path, "xb") as fp:
                    fp.write(data)
            except FileExistsError:
                return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def slugify(text: str, fallback: str = "concept") -> str:
    """A concept id made from free text: ``'Access restrictions (plural)'`` ->
    ``'access-restrictions-plural'``. Non-Latin letters are transliterated where
    a simple table knows them and dropped otherwise."""
    import unicodedata

    out = []
    # Casefold after the decomposition too: NFKD makes capitals of some characters (™ → TM).
    for ch in unicodedata.normalize("NFKD", text.casefold()).casefold():
        if unicodedata.combining(ch):
            continue
        ch = _CYRILLIC.get(ch, ch)
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    if not slug or not slug[0].isalpha():
        slug = f"{fallback}-{slug}" if slug else fallback
    return slug[:80].rstrip("-")


_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "iu",
            "ia",
        ],
        strict=True,
    )
)


class UniqueIds:
    """Ids made unique by numbering (``course``, ``course-2``, ``course-3`` …), each in
    constant time however many rows share a name: the next number to try is kept per
    name, so the numbers taken are never tried again."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next: dict[str, int] = {}

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._used

    def add(self, wanted: str) -> str:
        """``wanted``, or ``wanted-N`` with the lowest N ≥ 2 not yet given, now taken."""
        concept_id = wanted
        if concept_id in self._used:
            number = self._next.get(wanted, 2)
            while f"{wanted}-{number}" in self._used:
                number += 1
            self._next[wanted] = number + 1
            concept_id = f"{wanted}-{number}"
        self._used.add(concept_id)
        return concept_id


def zip_problem(
    data: bytes, kind: str, *, max_bytes: int, max_ratio: int, max_members: int
) -> str | None:
    """Why a zip container (an XLSX or DOCX file, ``kind``) is not read, or None: checked
    from its directory before a byte is unzipped (parts, size once unzipped, and the
    ratio of any part over 1 MB, which a zip bomb exceeds)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        return f"not a readable {kind} file ({exc})"
    if len(members) > max_members:
        return f"not read: {len(members):,} parts in the zip (at most {max_members:,})"
    total = sum(member.file_size for member in members)
    if total > max_bytes:
        return (
            f"not read: {total / 2**20:,.0f} MB once unzipped (at most {max_bytes / 2**20:,.0f} MB)"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 2**20 and ratio > max_ratio:
            return (
                f"not read: '{member.filename}' unzips to {ratio:,.0f} times its size "
                f"(at most {max_ratio}; a zip bomb?)"
            )
    return None
