"""Import concepts from other formats into a folder of YAML concept files.

Nothing the user owns is lost: an existing concept file is never overwritten unless
``force`` is given, every write is atomic, and the report says what was created,
replaced, left unchanged or skipped, and why.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from glossary.config import CONFIG_NAME
from glossary.errors import GlossaryError, LoadError, NotFoundError
from glossary.langtags import normalize_tag
from glossary.model import Concept, GlossaryMeta, LangSection, Term, TermStatus
from glossary.sources import TBX_SUFFIXES, checked_meta, source_files
from glossary.sources.tabular import TableOptions
from glossary.sources.yaml import dump_yaml, read_yaml
from glossary.util import atomic_write, slugify
from glossary.validation.diagnostics import Diagnostic, Severity

__all__ = ["Action", "ImportItem", "ImportReport", "import_file"]


class Action(StrEnum):
    CREATED = "created"
    REPLACED = "replaced"
    MERGED = "merged"
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
    #: Targets that could not be written (a folder in the way, a failed write): the
    #: import fails.
    failures: list[str] = field(default_factory=list)
    #: A write failed and the import stopped there.
    stopped: bool = False
    #: Values of the import that differ from the glossary's and were not taken (--merge).
    conflicts: int = 0

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action is action)

    def summary(self) -> str:
        parts = [f"{self.count(a)} {a.value}" for a in Action if self.count(a)]
        verb = "would import" if self.dry_run else "imported"
        n = len(self.items)
        counted = f"{n} concept" if n == 1 else f"{n} concepts"
        errors = sum(d.severity is Severity.ERROR for d in self.diagnostics)
        problems = f"; {errors} error{'' if errors == 1 else 's'} (see above)" if errors else ""
        failed = "".join(f"; not written: {failure}" for failure in self.failures)
        if self.conflicts:
            failed += (
                f"; {self.conflicts} conflict{'' if self.conflicts == 1 else 's'} "
                "(kept as they were; see above)"
            )
        if self.stopped:
            failed += "; the files listed as created, replaced or merged were written, no other"
        return (
            f"{self.source}: {verb} {counted}: " + (", ".join(parts) or "none") + problems + failed
        )

    @property
    def has_errors(self) -> bool:
        return bool(self.failures) or any(d.severity is Severity.ERROR for d in self.diagnostics)


_SPACES = re.compile(r"\s*\n\s*")


def _tidy(text: str | None) -> str | None:
    """Prose from other tools is often wrapped and indented; join its lines."""
    if text is None:
        return None
    joined = _SPACES.sub(" ", text.strip()) if "\n" in text.strip() else text
    return joined


def _tidy_concept(concept: Concept) -> Concept:
    def term(t: Term) -> Term:
        note = _tidy(t.note)
        geo = t.geo
        if geo is not None and normalize_tag(geo) is None:
            # Other tools write regions as free text ("Canada"); the model wants a tag, so
            # the text is kept in the note rather than lost or left invalid.
            usage = f"Used in: {geo}."
            note = f"{note} {usage}" if note else usage
            geo = None
        return replace(t, context=_tidy(t.context), note=note, geo=geo)

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


def _errors_of(data: bytes, path: Path) -> list[Diagnostic]:
    _, problems = read_yaml(io.BytesIO(data), name=str(path))
    return [d for d in problems if d.severity is Severity.ERROR]


def _existing(into: Path) -> dict[str, tuple[Path, Concept]]:
    """Concepts already defined under ``into``, with the files that define them."""
    found: dict[str, tuple[Path, Concept]] = {}
    if not into.is_dir():
        return found
    for file in source_files(into):
        try:
            concepts, _ = read_yaml(io.BytesIO(file.read_bytes()), name=str(file))
        except OSError:
            continue
        for concept in concepts:
            found.setdefault(concept.id, (file, concept))
    return found


def merge(existing: Concept, incoming: Concept) -> Concept:
    """``existing`` with what ``incoming`` adds: languages, terms, and fields it lacks.

    Nothing of ``existing`` changes or goes: a term it has keeps its status and details;
    an added term that would be a second preferred one is added as admitted.
    """
    languages = dict(existing.languages)
    for lang, new in incoming.languages.items():
        old = languages.get(lang)
        if old is None:
            languages[lang] = new
            continue
        known = {term.term for term in old.terms}
        has_preferred = old.preferred is not None
        added = []
        for term in new.terms:
            if term.term in known:
                continue
            if term.status is TermStatus.PREFERRED and has_preferred:
                term = replace(term, status=TermStatus.ADMITTED)
            has_preferred = has_preferred or term.status is TermStatus.PREFERRED
            added.append(term)
        languages[lang] = replace(
            old,
            terms=old.terms + tuple(added),
            definition=old.definition or new.definition,
            source=old.source or (new.source if not old.definition else None),
            note=old.note or new.note,
            equivalence=old.equivalence or new.equivalence,
            equivalence_note=old.equivalence_note or new.equivalence_note,
        )

    def grown(name: str) -> tuple[str, ...]:
        before: tuple[str, ...] = getattr(existing, name)
        return before + tuple(dict.fromkeys(t for t in getattr(incoming, name) if t not in before))

    return replace(
        existing,
        languages=languages,
        subjects=grown("subjects"),
        broader=grown("broader"),
        part_of=grown("part_of"),
        related=grown("related"),
        replaced_by=grown("replaced_by"),
        note=existing.note or incoming.note,
        updated=existing.updated or incoming.updated,
        image=existing.image or incoming.image,
    )


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


def fold_languages(
    meta: GlossaryMeta, concepts: list[Concept], lang_map: Mapping[str, str]
) -> tuple[GlossaryMeta, list[Concept]]:
    """Sections renamed by ``lang_map`` (``{"ru-RU": "ru"}``); two that meet are joined.

    The joined section keeps the terms of both (each text once, in order) and, of the
    definition, source and note, what the first one read has, else the other's.
    """
    if not lang_map:
        return meta, concepts

    def tag(lang: str) -> str:
        return lang_map.get(lang, lang)

    def join(old: LangSection, new: LangSection) -> LangSection:
        known = {t.term for t in old.terms}
        return replace(
            old,
            terms=old.terms + tuple(t for t in new.terms if t.term not in known),
            definition=old.definition or new.definition,
            source=old.source if old.definition else (new.source or old.source),
            note=old.note or new.note,
        )

    folded: list[Concept] = []
    for concept in concepts:
        sections: dict[str, LangSection] = {}
        for lang, section in concept.languages.items():
            target = tag(lang)
            section = replace(section, lang=target)
            sections[target] = join(sections[target], section) if target in sections else section
        folded.append(replace(concept, languages=sections))
    meta = replace(
        meta,
        languages=tuple(dict.fromkeys(tag(t) for t in meta.languages)),
        required=tuple(dict.fromkeys(tag(t) for t in meta.required)),
        title={tag(k): v for k, v in reversed(list(meta.title.items()))},
    )
    return meta, folded


def _read_source(
    src: Path, table: TableOptions | None = None
) -> tuple[GlossaryMeta, list[Concept], list[Diagnostic]]:
    from glossary.sources.multiterm import is_multiterm, read_multiterm
    from glossary.sources.tabular import about_meta, read_table, table_kind
    from glossary.sources.tbx import read_tbx

    if not src.is_file():
        raise NotFoundError(f"{src}: no such file")
    data = src.read_bytes()
    suffix = src.suffix.lower()
    kind = table_kind(src, data)
    if kind is not None:
        read = read_table(data, str(src), kind, table)
        meta = about_meta(read.about, slugify(src.stem, "glossary"), read.languages)
        return meta, read.concepts, read.diagnostics
    if table is not None and table != TableOptions():
        raise GlossaryError(
            f"{src}: --languages, --sheet and --header-row are for spreadsheets and tab files"
        )
    if suffix == ".mtf" or is_multiterm(data):
        result = read_multiterm(io.BytesIO(data), name=str(src))
    elif suffix in TBX_SUFFIXES or data.lstrip()[:1] == b"<":
        result = read_tbx(io.BytesIO(data), name=str(src))
    else:
        result = None
    if result is not None:
        meta = result.glossary.meta if result.glossary else GlossaryMeta()
        meta, problems = checked_meta(meta, list(result.concepts))
        return meta, list(result.concepts), [*result.diagnostics, *problems]
    raise GlossaryError(
        f"{src}: cannot import this kind of file (expected TBX, MultiTerm XML, .csv, .tsv, "
        ".txt, .tab or .xlsx)"
    )


#: The longest file name most file systems take, in bytes (ext4, APFS, NTFS: 255).
NAME_MAX = 255


@dataclass(frozen=True, slots=True)
class _Write:
    """A file the import will write, once every target has been checked."""

    item: ImportItem
    data: bytes
    #: What the file held when it was read (None: a new file); if it changes meanwhile,
    #: it is left alone.
    before: bytes | None = None


def _check_folder(into: Path) -> None:
    """Refuse ``into`` when it, or the nearest folder above it that exists, is not a folder."""
    for folder in (into, *into.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                what = "the folder to import into" if folder == into else f"a folder of {into}"
                raise GlossaryError(f"{folder}: not a folder ({what}); nothing imported")
            return


def _too_long(concept: Concept, src: Path) -> Diagnostic:
    at = concept.location
    most = NAME_MAX - len(".yaml")
    message = (
        f"id '{concept.id[:40]}…' is {len(concept.id.encode('utf-8'))} characters long; "
        f"the file it names holds at most {most}: not imported (give the concept a shorter id)"
    )
    line, col = max(at.line, 1), max(at.col, 1)
    return Diagnostic(at.path or str(src), line, col, "L110", message, Severity.ERROR)


def _target_problem(target: Path) -> str | None:
    """Why ``target`` cannot be written as a concept file, or None."""
    if (target.exists() or target.is_symlink()) and not target.is_file():
        kind = "a folder" if target.is_dir() else "something that is not a file"
        return f"{kind} is in the way"
    return None


def import_file(
    src: str | Path,
    into: str | Path,
    *,
    force: bool = False,
    merge_existing: bool = False,
    dry_run: bool = False,
    lang_map: Mapping[str, str] | None = None,
    table: TableOptions | None = None,
    keep_status: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Write every concept of ``src`` as ``<into>/<id>.yaml``.

    An id that is already defined is skipped, unless ``force`` (the file is replaced) or
    ``merge_existing`` (what the import adds is merged into the file; see :func:`merge`).

    Every target is checked before anything is written: an id too long for a file name
    and a folder (or anything but a file) where a file should go are refused, each with a
    line, and fail the import. A write that fails all the same (a full disk, no
    permission) stops the import: each file is written whole or not at all, and the
    report lists what was written before the failure and what was not.

    ``lang_map`` renames languages (``{"ru-RU": "ru"}``; see :func:`fold_languages`);
    ``table`` says how to read a spreadsheet without a header, or its sheet and header row.
    A merge reports conflicts and leaves a changed concept for review, see
    :mod:`glossary.mergereview` (``keep_status`` keeps an approved one approved).
    """
    src, into = Path(src), Path(into)
    meta, concepts, diagnostics = _read_source(src, table)
    meta, concepts = fold_languages(meta, concepts, lang_map or {})
    report = ImportReport(str(src), diagnostics=diagnostics, dry_run=dry_run)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors and not concepts:
        raise LoadError(f"{src}: nothing could be imported", errors)
    declared = _target_meta(into / CONFIG_NAME)
    note_language = declared.note_language if declared else None
    rules = MergeRules(
        languages=declared.languages if declared else (),
        notes_in_language=note_language is None or meta.note_language == note_language,
        keep_status=keep_status,
        today=today,
    )
    _check_folder(into)

    existing = _existing(into)
    # A merge adds to concepts that have their sections already: only the concepts the
    # import would create must bring the required languages.
    created = [c for c in concepts if not (merge_existing and c.id in existing)]
    if created:
        required = declared.required if declared else meta.required
        report.diagnostics.extend(_missing_languages(str(src), created, required))
    seen: set[str] = set()
    writes: list[_Write] = []
    for concept in concepts:
        target = into / f"{concept.id}.yaml"
        if concept.id in seen:
            report.items.append(
                ImportItem(concept.id, Action.SKIPPED, target, "id twice in the file")
            )
            continue
        seen.add(concept.id)
        concept = _tidy_concept(concept)
        found = existing.get(concept.id)
        if len(target.name.encode("utf-8")) > NAME_MAX:
            report.diagnostics.append(_too_long(concept, src))
            report.items.append(
                ImportItem(concept.id, Action.SKIPPED, target, "id too long for a file name")
            )
            continue
        problem = _target_problem(found[0] if found is not None else target)
        if problem is not None:
            report.items.append(ImportItem(concept.id, Action.SKIPPED, target, problem))
            report.failures.append(f"{target}: {problem}")
            continue
        if found is not None and merge_existing and not force:
            item, change = _merge_into(found, concept, report, rules)
            if change is None:
                report.items.append(item)
            else:
                writes.append(_Write(item, change[1], before=change[0]))
            continue
        where = found[0] if found is not None else None
        data = dump_yaml(concept).encode("utf-8")
        if where is not None and where.resolve() != target.resolve():
            report.items.append(
                ImportItem(concept.id, Action.SKIPPED, target, f"id already defined in {where}")
            )
            continue
        if target.exists():
            before = target.read_bytes()
            if before == data:
                report.items.append(ImportItem(concept.id, Action.UNCHANGED, target))
                continue
            errors = _errors_of(before, target) if merge_existing and not force else []
            if errors:
                # The file cannot be read as it stands: nothing is merged into it.
                report.diagnostics.extend(errors)
                reason = "the file has errors (see above); nothing merged"
                report.items.append(ImportItem(concept.id, Action.SKIPPED, target, reason))
                continue
            if not force:
                report.items.append(
                    ImportItem(
                        concept.id,
                        Action.SKIPPED,
                        target,
                        "file exists; --merge adds what is new, --force replaces it",
                    )
                )
                continue
            writes.append(_Write(ImportItem(concept.id, Action.REPLACED, target), data, before))
            continue
        writes.append(_Write(ImportItem(concept.id, Action.CREATED, target), data))

    config = into / CONFIG_NAME
    config_data: bytes | None = None
    if not config.exists() and not config.is_symlink():
        config_data = config_text(meta).encode("utf-8")
    elif not config.is_file():
        report.failures.append(f"{config}: not a file; the glossary's settings were not written")
    else:
        known = _known_subjects(config)
        missing = sorted({s for c in concepts for s in c.subjects} - known)
        if missing:
            report.notes.append(
                f"subjects not in {config}: {', '.join(missing)} (add them under [subjects])"
            )
    if dry_run:
        report.items.extend(write.item for write in writes)
        report.config_written = config if config_data is not None else None
        return report
    _write_all(writes, report)
    if config_data is not None and not report.stopped:
        try:
            atomic_write(config, config_data)
            report.config_written = config
        except OSError as exc:
            report.failures.append(f"{config}: cannot be written ({exc.strerror or exc})")
    return report


def _write_all(writes: list[_Write], report: ImportReport) -> None:
    """Write the planned files in order; the first failure stops the import (see above)."""
    for index, write in enumerate(writes):
        item, replacing = write.item, write.before is not None
        try:
            if replacing and item.path.read_bytes() != write.before:
                report.items.append(
                    replace(
                        item, action=Action.SKIPPED, reason="the file changed during the import"
                    )
                )
                continue
            # New files are not synced one by one (10,000 syncs take half a minute); they
            # are synced together below. Replaced and merged files are, being the user's.
            written = atomic_write(item.path, write.data, overwrite=replacing, durable=replacing)
        except OSError as exc:
            reason = f"cannot be written ({exc.strerror or exc}); the import stopped here"
            report.items.append(replace(item, action=Action.SKIPPED, reason=reason))
            report.items.extend(
                replace(rest.item, action=Action.SKIPPED, reason="not written: the import stopped")
                for rest in writes[index + 1 :]
            )
            report.failures.append(f"{item.path}: {reason}")
            report.stopped = True
            break
        if written:
            report.items.append(item)
        else:
            report.items.append(
                replace(item, action=Action.SKIPPED, reason="file appeared during the import")
            )
    if report.count(Action.CREATED):
        os.sync()


@dataclass(frozen=True)
class MergeRules:
    """What a merge may write (see :mod:`glossary.mergereview`)."""

    #: The glossary's languages (empty: any).
    languages: tuple[str, ...] = ()
    #: Whether the import's concept notes are in the language of the glossary's notes.
    notes_in_language: bool = True
    keep_status: bool = False
    today: dt.date | None = None


def _merge_into(
    found: tuple[Path, Concept],
    incoming: Concept,
    report: ImportReport,
    rules: MergeRules = MergeRules(),
) -> tuple[ImportItem, tuple[bytes, bytes] | None]:
    """Add what ``incoming`` brings to the file that defines the concept, as inserted text.

    The rest of the file stays byte for byte (see :mod:`glossary.yamledit`). A file that
    does not load cleanly is not touched: its errors are reported and the import fails.
    """
    from glossary.yamledit import CannotEdit, add_to_text

    path = found[0]

    def skip(reason: str, action: Action = Action.SKIPPED) -> tuple[ImportItem, None]:
        return ImportItem(incoming.id, action, path, reason), None

    by_hand = "add the new terms by hand"
    data = path.read_bytes()
    concepts, diagnostics = read_yaml(io.BytesIO(data), name=str(path))
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        report.diagnostics.extend(errors)
        return skip("the file has errors (see above); nothing merged")
    if len(concepts) != 1:
        return skip(f"the file holds several concepts; {by_hand}")
    existing = concepts[0]
    from glossary.mergereview import review

    checked = review(
        existing,
        incoming,
        languages=rules.languages,
        notes_in_language=rules.notes_in_language,
        keep_status=rules.keep_status,
        today=rules.today,
    )
    merged = checked.merged
    said = "".join(
        f"; {label}: {', '.join(values)}"
        for label, values in (
            ("conflicts, kept as they were", checked.conflicts),
            ("not added", checked.refused),
        )
        if values
    )
    report.conflicts += len(checked.conflicts)
    if merged == existing:
        return skip("nothing new" + said, Action.UNCHANGED)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
        new = bom + add_to_text(text, existing, merged).encode("utf-8")
    except UnicodeDecodeError:
        return skip(f"the file is not UTF-8; {by_hand}")
    except CannotEdit as exc:
        return skip(f"{exc}; {by_hand}")
    again, problems = read_yaml(io.BytesIO(new), name=str(path))
    if again != [merged] or any(d.severity is Severity.ERROR for d in problems):
        # Never write what would not read back as the merged concept.
        return skip(f"the file cannot be added to safely; {by_hand}")
    added = _what_was_added(existing, merged)
    marked = f"; for review: {', '.join(checked.marked)}" if checked.marked else ""
    return ImportItem(incoming.id, Action.MERGED, path, added + said + marked), (data, new)


def _what_was_added(before: Concept, after: Concept) -> str:
    parts = []
    for lang, section in after.languages.items():
        old = before.languages.get(lang)
        if old is None:
            parts.append(f"{lang}: new language")
            continue
        new_terms = len(section.terms) - len(old.terms)
        fields = [f"{new_terms} term{'s' if new_terms > 1 else ''}"] if new_terms else []
        fields += [
            key
            for key in ("definition", "source", "note", "equivalence", "equivalence_note")
            if getattr(old, key) is None and getattr(section, key) is not None
        ]
        if fields:
            parts.append(f"{lang}: {', '.join(fields)}")
    if after.subjects != before.subjects:
        parts.append("subjects")
    if tuple(after.relations()) != tuple(before.relations()):
        parts.append("related concepts")
    for key in ("note", "image"):
        if getattr(before, key) is None and getattr(after, key) is not None:
            parts.append(f"concept {key}")
    return "added " + ", ".join(parts) if parts else "added nothing but its review marks"


def _target_meta(config: Path) -> GlossaryMeta | None:
    """What the glossary imported into declares, if it has a readable glossary.toml."""
    from glossary.config import read_config

    try:
        parsed, _ = read_config(config.read_bytes(), str(config))
    except OSError:
        return None
    return parsed.meta


def _known_subjects(config: Path) -> set[str]:
    meta = _target_meta(config)
    return set(meta.subjects) if meta else set()


def _missing_languages(
    src: str, concepts: list[Concept], required: Iterable[str]
) -> list[Diagnostic]:
    """An error for each required language no imported concept has a section in."""
    present = list(dict.fromkeys(lang for c in concepts for lang in c.languages))
    problems = []
    for lang in required:
        if lang in present:
            continue
        variants = [tag for tag in present if tag.split("-")[0] == lang.split("-")[0]]
        hint = (
            f"fold '{variants[0]}' into it with --lang-map {variants[0]}={lang}"
            if variants
            else f"name its column so the import finds it ('{lang}' or the language's name)"
        )
        message = (
            f"no imported concept has a '{lang}' section, and the glossary requires it: {hint}"
        )
        problems.append(Diagnostic(src, 1, 1, "L109", message, Severity.ERROR))
    return problems


def describe(items: Iterable[ImportItem]) -> list[str]:
    return [
        f"{item.action.value:<9} {item.path}" + (f"  ({item.reason})" if item.reason else "")
        for item in items
    ]
