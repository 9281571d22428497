"""Find and read glossary sources: a folder of YAML files, one YAML file, or a TBX file
(or a MultiTerm XML export).

``read(path)`` never raises for bad content: it returns whatever could be read together
with every diagnostic. ``load(path)`` is the strict variant that the library exposes as
``glossary.load``: it raises :class:`~glossary.errors.LoadError` when there are errors.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.config import CONFIG_NAME, Config, ValidateConfig, read_config
from glossary.errors import LoadError, NotFoundError
from glossary.model import NAME_PATTERN, Concept, Glossary, GlossaryMeta, SourceLocation
from glossary.paths import (
    ENV_VAR,
    TBX_SUFFIXES,
    YAML_SUFFIXES,
    _display,
    bundled_path,
    discover,
    display_path,
    resolve_path,
    source_files,
)
from glossary.validation.diagnostics import Diagnostic, Severity, load_diagnostic

if TYPE_CHECKING:
    from glossary.cache import FileEntry, SourceCache

__all__ = [
    "ENV_VAR",
    "TBX_SUFFIXES",
    "YAML_SUFFIXES",
    "LoadResult",
    "bundled_path",
    "checked_meta",
    "discover",
    "display_path",
    "duplicate_ids",
    "load",
    "read",
    "resolve_path",
    "source_files",
]

#: Files ``glossary import`` reads and the loader does not (``validate`` says so).
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything read from the sources, good and bad."""

    glossary: Glossary
    #: Every concept read, including those whose id repeats an earlier one.
    concepts: tuple[Concept, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    validate: ValidateConfig = field(default_factory=ValidateConfig)
    #: Suppression comments (``noqa``): display path -> line -> codes (None: every code).
    suppressions: Mapping[str, Mapping[int, frozenset[str] | None]] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _read_file(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    try:
        return path.read_bytes(), []
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [load_diagnostic("L101", f"cannot read the file: {reason}", _display(path))]


def _read_config(directory: Path) -> tuple[Config, list[Diagnostic], Path | None]:
    config_path = directory / CONFIG_NAME
    if not config_path.is_file():
        meta = GlossaryMeta(id=directory.resolve().name or "glossary")
        return Config(meta), [], None
    data, problems = _read_file(config_path)
    if data is None:
        return Config(GlossaryMeta()), problems, config_path
    config, problems = read_config(data, _display(config_path))
    return config, problems, config_path


def checked_meta(
    meta: GlossaryMeta, concepts: list[Concept]
) -> tuple[GlossaryMeta, list[Diagnostic]]:
    """The metadata a TBX file brought, held to the rules glossary.toml is held to: its
    names become file names and its address a link, so nothing unsafe is kept."""
    from glossary.util import http_url, slugify

    problems: list[Diagnostic] = []
    where = meta.location

    def report(code: str, message: str, at: SourceLocation = where) -> None:
        problems.append(load_diagnostic(code, message, at.path, at.line, at.col))

    changes: dict[str, object] = {}
    if not NAME_PATTERN.fullmatch(meta.id):
        report("L110", f"glossary id '{meta.id}' must be lower-case letters, digits and -")
        changes["id"] = slugify(meta.id, "glossary")
    if meta.base_url is not None and not http_url(meta.base_url):
        report("L108", f"base_url '{meta.base_url}' is not an http(s) address; not used")
        changes["base_url"] = None
    bad = {code for code in meta.subjects if not NAME_PATTERN.fullmatch(code)}
    for code in sorted(bad):
        report("L110", f"subject code '{code}' must be lower-case letters, digits and -")
    for concept in concepts:
        for code in concept.subjects:
            if code not in bad and not NAME_PATTERN.fullmatch(code):
                bad.add(code)
                report(
                    "L110",
                    f"subject code '{code}' must be lower-case letters, digits and -",
                    concept.location,
                )
    return (replace(meta, **changes) if changes else meta), problems  # type: ignore[arg-type]


def _assemble(meta: GlossaryMeta, concepts: list[Concept], location: SourceLocation) -> Glossary:
    """The glossary: the first concept of each id (rule R201 reports the others)."""
    by_id: dict[str, Concept] = {}
    for concept in concepts:
        by_id.setdefault(concept.id, concept)
    if not meta.languages:
        seen: dict[str, None] = {}
        for concept in concepts:
            seen.update(dict.fromkeys(concept.languages))
        meta = replace(meta, languages=tuple(seen))
    return Glossary(meta, by_id, location)


_NOQA = re.compile(rb"#\s*noqa\b(?::\s*([A-Z][0-9]*(?:\s*,\s*[A-Z][0-9]*)*))?")


def noqa_lines(data: bytes) -> dict[int, frozenset[str] | None]:
    """Lines with a ``# noqa`` or ``# noqa: K504,H401`` comment: codes (None = all) by line."""
    if b"noqa" not in data:
        return {}
    found: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(data.splitlines(), start=1):
        match = _NOQA.search(line)
        if match:
            codes = match.group(1)
            found[number] = (
                frozenset(c.strip().decode() for c in codes.split(b",")) if codes else None
            )
    return found


def fingerprint(path: str | os.PathLike[str] | None = None) -> str | None:
    """A digest of everything the glossary at ``path`` is read from (None if unreadable)."""
    import hashlib

    root = resolve_path(path)
    if root.is_dir():
        files = [root / CONFIG_NAME, *source_files(root)]
    else:
        files = [root.parent / CONFIG_NAME, root]
    total = hashlib.blake2b(digest_size=16)
    for file in files:
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            data = b"\0missing"
        except OSError:
            return None
        total.update(_display(file).encode("utf-8") + b"\0")
        total.update(hashlib.blake2b(data, digest_size=16).digest())
    return total.hexdigest()


def _read_source(
    file: Path,
    name: str,
    data: bytes,
    cache: SourceCache | None,
    schema: bool,
    tbx_rng: Path | None,
) -> FileEntry:
    """One source file, from the cache when its content has not changed."""
    from glossary.cache import FileEntry
    from glossary.cache import digest as content_digest

    if file.suffix.lower() in TABLE_SUFFIXES or data[:4] == b"PK\x03\x04":
        message = (
            f"a spreadsheet or tab file, not a glossary source: use glossary import {name} "
            "--into DIR to make concept files of it"
        )
        return FileEntry((), (load_diagnostic("L101", message, name, 1, 1),))
    is_tbx = file.suffix.lower() in TBX_SUFFIXES or (
        file.suffix.lower() not in YAML_SUFFIXES
        and (data.lstrip()[:1] == b"<" or data[:2] in (b"\xff\xfe", b"\xfe\xff"))
    )
    salt = f"{name}|{is_tbx}|{schema and is_tbx}|{tbx_rng if is_tbx else ''}"
    key = content_digest(data, salt)
    if cache is not None:
        entry = cache.get(name, key)
        if entry is not None:
            return entry
    if is_tbx:
        from glossary.sources.multiterm import is_multiterm, read_multiterm
        from glossary.sources.tbx import read_tbx

        if is_multiterm(data):
            result = read_multiterm(io.BytesIO(data), name=name)
        else:
            result = read_tbx(io.BytesIO(data), name=name, schema=schema, rng=tbx_rng)
        entry = FileEntry(tuple(result.concepts), tuple(result.diagnostics))
        entry.meta = result.glossary.meta if result.glossary else None
    else:
        from glossary.sources.yaml import read_yaml

        # read_yaml refuses a file over the size limit at once (L119), as fmt does.
        found, problems = read_yaml(io.BytesIO(data), name=name)
        entry = FileEntry(tuple(found), tuple(problems), noqa_lines(data))
    if cache is not None:
        cache.put(name, key, entry)
    return entry


def read(
    path: str | os.PathLike[str] | None = None,
    *,
    cache: bool | SourceCache | None = None,
    schema: bool = False,
    tbx_rng: Path | None = None,
    also: Sequence[Path] = (),
) -> LoadResult:
    """Read the glossary at ``path`` (see :func:`resolve_path`) with every diagnostic.

    ``also`` names YAML files read with a folder's own even where the folder's walk
    leaves them out (a file in a hidden or ``_`` sub-folder, given by name).

    ``cache`` keeps what each file gave, keyed by its content (default: on unless
    ``GLOSSARY_NO_CACHE`` is set). ``schema`` also checks TBX sources against TBX-Basic
    (and against the RELAX NG schema ``tbx_rng`` when given).
    """
    from glossary.cache import SourceCache, enabled

    root = resolve_path(path)
    if not root.exists():
        raise NotFoundError(f"{root}: no such file or folder")
    if isinstance(cache, SourceCache):
        store: SourceCache | None = cache
    else:
        store = SourceCache.for_source(root) if (enabled() if cache is None else cache) else None
    diagnostics: list[Diagnostic] = []
    concepts: list[Concept] = []
    files: list[Path] = []
    suppressions: dict[str, Mapping[int, frozenset[str] | None]] = {}
    validate = ValidateConfig()

    def rng_for(config: Config, config_dir: Path) -> Path | None:
        if tbx_rng is not None or not schema or not config.validate.tbx_schema:
            return tbx_rng
        return config_dir / config.validate.tbx_schema

    rng = tbx_rng

    import hashlib

    total = hashlib.blake2b(digest_size=16)

    def account(file: Path, data: bytes | None) -> None:
        total.update(_display(file).encode("utf-8") + b"\0")
        total.update(hashlib.blake2b(data or b"\0missing", digest_size=16).digest())

    def take(file: Path) -> FileEntry | None:
        files.append(file)
        data, problems = _read_file(file)
        diagnostics.extend(problems)
        account(file, data)
        if data is None:
            return None
        name = _display(file)
        entry = _read_source(file, name, data, store, schema, rng)
        concepts.extend(entry.concepts)
        diagnostics.extend(entry.diagnostics)
        if entry.suppressions:
            suppressions[name] = entry.suppressions
        return entry

    if root.is_dir():
        config, problems, config_path = _read_config(root)
        account(root / CONFIG_NAME, _bytes_or_none(root / CONFIG_NAME))
        diagnostics.extend(problems)
        validate = config.validate
        rng = rng_for(config, root)
        if config_path is not None:
            files.append(config_path)
        sources, skipped = discover(root)
        for link, reason in skipped:
            diagnostics.append(load_diagnostic("L121", f"{reason}; not read", _display(link)))
        known = set(sources)
        for file in sources + [f for f in also if f not in known]:
            take(file)
        if not sources:
            diagnostics.append(
                load_diagnostic(
                    "L112", "the folder holds no concept files (*.yaml)", _display(root)
                )
            )
        glossary = _assemble(config.meta, concepts, SourceLocation(_display(root)))
    else:
        config, problems, config_path = _read_config(root.parent)
        account(root.parent / CONFIG_NAME, _bytes_or_none(root.parent / CONFIG_NAME))
        rng = rng_for(config, root.parent)
        entry = take(root)
        meta = getattr(entry, "meta", None) if entry is not None else None
        if meta is None:
            # A YAML file takes its metadata from a glossary.toml beside it.
            if config_path is not None:
                files.insert(0, config_path)
                diagnostics.extend(problems)
                validate = config.validate
            meta = config.meta
        else:
            meta, problems = checked_meta(meta, concepts)
            diagnostics.extend(problems)
        glossary = _assemble(meta, concepts, SourceLocation(_display(root)))
    glossary = replace(glossary, origin=str(root.resolve()), fingerprint=total.hexdigest())
    if store is not None and store is not cache:
        store.save()
    return LoadResult(
        glossary,
        tuple(concepts),
        tuple(sorted(diagnostics)),
        tuple(files),
        validate,
        suppressions,
    )


def duplicate_ids(concepts: tuple[Concept, ...]) -> list[Diagnostic]:
    """R201 for every concept whose id an earlier one already has (the first one wins)."""
    first: dict[str, Concept] = {}
    found = []
    for concept in concepts:
        earlier = first.setdefault(concept.id, concept)
        if earlier is not concept:
            at = concept.where("id")
            found.append(
                Diagnostic(
                    at.path,
                    at.line,
                    at.col,
                    "R201",
                    f"id '{concept.id}' is already used by the concept at {earlier.where('id')}",
                    Severity.ERROR,
                    concept.id,
                )
            )
    return found


def load(path: str | os.PathLike[str] | None = None) -> Glossary:
    """The glossary at ``path``; raises :class:`LoadError` listing every error if any
    (a repeated id among them: the glossary would silently lose a concept)."""
    result = read(path)
    errors = tuple(sorted((*result.errors, *duplicate_ids(result.concepts))))
    if errors:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        raise LoadError(f"the glossary has {count} {noun}; run 'glossary validate'", errors)
    return result.glossary
