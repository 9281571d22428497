"""Import concepts from other formats into a folder of YAML concept files.

Nothing the user owns is lost: an existing concept file is never overwritten unless
``force`` is given, every write is atomic, and the report says what was created,
replaced, left unchanged or skipped, and why.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from glossary.config import CONFIG_NAME
from glossary.errors import GlossaryError, LoadError, NotFoundError
from glossary.model import Concept, GlossaryMeta, LangSection, Term
from glossary.sources import TBX_SUFFIXES, source_files
from glossary.sources.yaml import dump_yaml, read_yaml
from glossary.util import atomic_write
from glossary.validation.diagnostics import Diagnostic, Severity

__all__ = ["Action", "ImportItem", "ImportReport", "import_file"]


class Action(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class ImportItem:
    concept_id: str
    action: Action
    path: Path
    reason: str = ""


@dataclass
class ImportReport:
    source: str
    items: list[ImportItem] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config_written: Path | None = None
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)

    def summary(self) -> str:
        parts = [f"{self.count(a)} {a.value}" for a in Action if self.count(a)]
        verb = "would import" if self.dry_run else "imported"
        return f"{self.source}: {verb} {len(self.items)} concepts: " + (", ".join(parts) or "none")


_SPACES = re.compile(r"\s*\n\s*")


def _tidy(text: str | None) -> str | None:
    """Prose from other tools is often wrapped and indented; join its lines."""
    if text is None:
        return None
    joined = _SPACES.sub(" ", text.strip()) if "\n" in text.strip() else text
    return joined


def _tidy_concept(concept: Concept) -> Concept:
    def term(t: Term) -> Term:
        return replace(t, context=_tidy(t.context), note=_tidy(t.note))

    def section(s: LangSection) -> LangSection:
        return replace(
            s,
            definition=_tidy(s.definition),
            note=_tidy(s.note),
            terms=tuple(term(t) for t in s.terms),
        )

    return replace(
        concept,
        note=_tidy(concept.note),
        languages={lang: section(s) for lang, s in concept.languages.items()},
    )


def _existing(into: Path) -> dict[str, Path]:
    """Concept ids already defined under ``into`` and the files that define them."""
    found: dict[str, Path] = {}
    if not into.is_dir():
        return found
    for file in source_files(into):
        try:
            concepts, _ = read_yaml(io.BytesIO(file.read_bytes()), name=str(file))
        except OSError:
            continue
        for concept in concepts:
            found.setdefault(concept.id, file)
    return found


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _inline(labels: Mapping[str, str]) -> str:
    return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_string(v)}" for k, v in labels.items()) + " }"


def config_text(meta: GlossaryMeta) -> str:
    """A ``glossary.toml`` for ``meta``."""
    lines = ["[glossary]", f"id = {_toml_string(meta.id)}"]
    if meta.title:
        lines.append(f"title = {_inline(meta.title)}")
    lines.append("languages = [" + ", ".join(_toml_string(t) for t in meta.languages) + "]")
    lines.append("required = [" + ", ".join(_toml_string(t) for t in meta.required) + "]")
    for key in ("version", "license", "publisher", "base_url", "note_language"):
        value = getattr(meta, key)
        if value is not None:
            lines.append(f"{key} = {_toml_string(value)}")
    lines += ["", "[subjects]"]
    for code, labels in meta.subjects.items():
        lines.append(f"{_toml_key(code)} = {_inline(labels)}")
    lines += ["", "[validate]", "ignore = []", ""]
    return "\n".join(lines)


def _read_source(src: Path) -> tuple[GlossaryMeta, list[Concept], list[Diagnostic]]:
    from glossary.sources.tbx import read_tbx

    if not src.is_file():
        raise NotFoundError(f"{src}: no such file")
    data = src.read_bytes()
    suffix = src.suffix.lower()
    if suffix in TBX_SUFFIXES or data.lstrip()[:1] == b"<":
        result = read_tbx(io.BytesIO(data), name=str(src))
        meta = result.glossary.meta if result.glossary else GlossaryMeta()
        return meta, list(result.concepts), list(result.diagnostics)
    raise GlossaryError(f"{src}: cannot import this kind of file (expected .tbx)")


def import_file(
    src: str | Path,
    into: str | Path,
    *,
    force: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Write every concept of ``src`` as ``<into>/<id>.yaml``."""
    src, into = Path(src), Path(into)
    meta, concepts, diagnostics = _read_source(src)
    report = ImportReport(str(src), diagnostics=diagnostics, dry_run=dry_run)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors and not concepts:
        raise LoadError(f"{src}: nothing could be imported", errors)

    existing = _existing(into)
    seen: set[str] = set()
    for concept in concepts:
        if concept.id in seen:
            continue
        seen.add(concept.id)
        concept = _tidy_concept(concept)
        target = into / f"{concept.id}.yaml"
        data = dump_yaml(concept).encode("utf-8")
        where = existing.get(concept.id)
        if where is not None and where.resolve() != target.resolve():
            report.items.append(
                ImportItem(concept.id, Action.SKIPPED, target, f"id already defined in {where}")
            )
            continue
        if target.exists():
            if target.read_bytes() == data:
                report.items.append(ImportItem(concept.id, Action.UNCHANGED, target))
                continue
            if not force:
                report.items.append(
                    ImportItem(
                        concept.id, Action.SKIPPED, target, "file exists; use --force to replace it"
                    )
                )
                continue
            if not dry_run:
                atomic_write(target, data, overwrite=True)
            report.items.append(ImportItem(concept.id, Action.REPLACED, target))
            continue
        if not dry_run and not atomic_write(target, data):
            report.items.append(
                ImportItem(concept.id, Action.SKIPPED, target, "file appeared during the import")
            )
            continue
        report.items.append(ImportItem(concept.id, Action.CREATED, target))

    config = into / CONFIG_NAME
    if not config.exists():
        if not dry_run:
            atomic_write(config, config_text(meta).encode("utf-8"))
        report.config_written = config
    else:
        known = _known_subjects(config)
        missing = sorted({s for c in concepts for s in c.subjects} - known)
        if missing:
            report.notes.append(
                f"subjects not in {config}: {', '.join(missing)} (add them under [subjects])"
            )
    return report


def _known_subjects(config: Path) -> set[str]:
    from glossary.config import read_config

    try:
        parsed, _ = read_config(config.read_bytes(), str(config))
    except OSError:
        return set()
    return set(parsed.meta.subjects)


def describe(items: Iterable[ImportItem]) -> list[str]:
    return [
        f"{item.action.value:<9} {item.path}" + (f"  ({item.reason})" if item.reason else "")
        for item in items
    ]
