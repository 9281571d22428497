"""Validation: every problem in a glossary's sources, as diagnostics.

``validate(path)`` never raises for bad content; it returns a :class:`Report`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary.validation.diagnostics import LOAD_CODES, Diagnostic, Severity

__all__ = ["Diagnostic", "Report", "Severity", "glossary_folder", "rule_name", "validate"]


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating a glossary."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    concepts: int = 0
    extra: dict[str, object] = field(default_factory=dict, hash=False)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def rule_name(code: str) -> str:
    """The name of a rule code (``K504`` -> ``capitalised-term``)."""
    from glossary.validation.rules import RULES

    rule = RULES.get(code)
    if rule is not None:
        return rule.name
    return LOAD_CODES[code][0] if code in LOAD_CODES else code


PathArg = str | os.PathLike[str]


def glossary_folder(file: Path) -> Path | None:
    """The folder of the nearest ``glossary.toml`` above a YAML concept file (None for a
    folder, a TBX file, or a file that belongs to no glossary)."""
    from glossary.config import CONFIG_NAME
    from glossary.sources import YAML_SUFFIXES

    if file.is_dir() or file.suffix.lower() not in YAML_SUFFIXES:
        return None
    for folder in Path(os.path.abspath(file)).parents:
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def validate(
    path: PathArg | Sequence[PathArg] | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    cache: bool | None = None,
) -> Report:
    """Read the glossary at ``path`` and run every enabled rule over it.

    ``path`` may also be one concept file or several: each is then checked against the
    whole glossary it belongs to (the folder of the nearest ``glossary.toml`` above it),
    so that relations and shared terms are judged as in a full run, and only the named
    files' problems are reported. ``select`` and ``ignore`` (codes or prefixes) replace
    those of glossary.toml when given. Never raises for bad content: problems are
    diagnostics in the report.
    """
    from glossary.sources import resolve_path

    given = (
        [resolve_path(path)]
        if path is None or isinstance(path, str | os.PathLike)
        else [Path(p) for p in path] or [resolve_path(None)]
    )
    groups: dict[Path, list[Path]] = {}
    whole: list[Path] = []
    for item in given:
        folder = glossary_folder(item) if item.exists() else None
        if folder is None:
            whole.append(item)
        else:
            groups.setdefault(folder, []).append(item)
    reports = [_validate(item, None, select, ignore, cache) for item in whole]
    reports += [_validate(folder, files, select, ignore, cache) for folder, files in groups.items()]
    if len(reports) == 1:
        return reports[0]
    return Report(
        tuple(sorted(d for r in reports for d in r.diagnostics)),
        tuple(f for r in reports for f in r.files),
        sum(r.concepts for r in reports),
    )


def _validate(
    root: Path,
    named: list[Path] | None,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    cache: bool | None,
) -> Report:
    """The report of the glossary at ``root``; with ``named`` files, only theirs."""
    from glossary.cache import SourceCache, enabled
    from glossary.sources import display_path, fingerprint, read
    from glossary.validation.engine import run, settings_from

    # The named files as the reader names them, and as the user wrote them.
    shown: dict[str, str] = {}
    for file in named or ():
        shown[display_path(Path(os.path.abspath(file)))] = display_path(file)
    store = None
    print_key = None
    if (enabled() if cache is None else cache) and root.exists():
        store = SourceCache.for_source(root)
        # Nothing changed since the last run with the same settings: its report stands.
        print_key = (
            fingerprint(root),
            tuple(select or ()),
            tuple(ignore or ()),
            select is None,
            tuple(sorted(shown.items())),
            # A named file the folder's walk leaves out (``_drafts/x.yaml``) is not in
            # the fingerprint: its content is.
            tuple(_digest(file) for file in named or ()),
        )
        last = store.summary()
        if print_key[0] is not None and isinstance(last, tuple) and last[0] == print_key:
            return last[1]  # type: ignore[no-any-return]
    extra = [Path(os.path.abspath(file)) for file in named or ()]
    result = read(root, cache=store if store is not None else False, schema=True, also=extra)
    settings, problems = settings_from(result.validate, select, ignore)
    only = frozenset(shown) if named is not None else None
    diagnostics = run(result, settings, store, only=only) + problems
    if only is None:
        report = Report(tuple(sorted(diagnostics)), result.files, len(result.concepts))
    else:
        mine = [replace(d, path=shown[d.path]) for d in diagnostics if d.path in only]
        files = tuple(Path(name) for name in shown.values())
        count = sum(1 for concept in result.concepts if concept.location.path in only)
        report = Report(tuple(sorted(mine)), files, count)
    if store is not None:
        store.save()
        store.set_summary((print_key, report))
    return report


def _digest(file: Path) -> str | None:
    import hashlib

    try:
        return hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None
