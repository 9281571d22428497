"""The record of releases that the site's "What's new" and the JSON API's
``changes.json`` are made from.

A build that publishes the glossary (``glossary export site`` or ``json``) keeps a small
record in its output folder, ``.glossary-release.json``: a :func:`snapshot` of the
glossary it published (per concept its status, terms, replacements and a short digest of
each field, not the text itself), the snapshot it compared that with, the history of the
last :data:`KEEP` releases (what each added, renamed, retired, removed and changed) and
every id that ever disappeared with what replaced it (:attr:`Record.moved`), so that an
old address never stops working.

A release is told apart by the glossary's ``version`` (``glossary.toml``), or by the
build date when there is none. Building again with the same version recomputes that
release against the same earlier snapshot; a new version starts a new release, compared
with the last one built. ``since`` (a snapshot of another glossary, from ``--since
REV``) replaces what the newest release is compared with.

Everything here is pure: :func:`update` takes the record read before the build and
returns the one to write; nothing depends on the clock except through the date given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from glossary.diff import RENAME_OVERLAP, plain
from glossary.model import ID_PATTERN, Concept, ConceptStatus, Glossary

__all__ = [
    "CONCEPT_FIELDS",
    "FORMAT",
    "KEEP",
    "RECORD_NAME",
    "SECTION_FIELDS",
    "Record",
    "changes_document",
    "compare_snapshots",
    "parse_record",
    "read_record",
    "resolve_moved",
    "since_glossary",
    "snapshot",
    "update",
]

#: The name of the record in an output folder.
RECORD_NAME = ".glossary-release.json"
FORMAT = 1
#: How many releases the history keeps (the ids they moved are kept for ever).
KEEP = 20

Json = dict[str, Any]

#: The concept's fields that are compared (its id and languages apart), in model order.
_CONCEPT_FIELDS = tuple(
    f.name for f in fields(Concept) if f.compare and f.name not in ("id", "languages")
)
_SECTION_FIELDS = ("definition", "source", "note", "equivalence", "equivalence_note", "terms")
#: The names a change of a concept (``lang`` absent) or of a language section can have.
CONCEPT_FIELDS, SECTION_FIELDS = _CONCEPT_FIELDS, _SECTION_FIELDS


def _digest(value: object) -> str:
    """A short digest of a field's value as plain data, unset parts left out, so that a
    field added to the model later does not make every concept look changed."""
    data = json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(data.encode("utf-8"), digest_size=6).hexdigest()


_COMPARED: dict[type, tuple[str, ...]] = {}


def _compared(kind: type[Any]) -> tuple[str, ...]:
    found = _COMPARED.get(kind)
    if found is None:
        found = _COMPARED[kind] = tuple(f.name for f in fields(kind) if f.compare)
    return found


def _plain(value: object) -> Any:
    """:func:`glossary.diff.plain` with unset fields of nested objects left out."""
    if isinstance(value, str):  # also a StrEnum: its value
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    kind: type[Any] = type(value)
    if hasattr(kind, "__dataclass_fields__"):
        found = {}
        for name in _compared(kind):
            item = getattr(value, name)
            if not _empty(item):
                found[name] = _plain(item)
        return found
    return plain(value)


def _empty(value: object) -> bool:
    return value is None or value == () or value == {} or value == ""


def concept_snapshot(concept: Concept) -> Json:
    """What the record keeps of a concept: enough to tell what changed and to name it."""
    digests: dict[str, str] = {}
    for name in _CONCEPT_FIELDS:
        value = getattr(concept, name)
        if not _empty(value) and name != "status":
            digests[name] = _digest(value)
    terms: dict[str, list[str]] = {}
    for lang, section in concept.languages.items():
        texts = [t.term for t in section.terms]
        preferred = section.preferred
        if preferred is not None and texts:
            texts.remove(preferred.term)
            texts.insert(0, preferred.term)
        terms[lang] = texts
        for name in _SECTION_FIELDS:
            value = getattr(section, name)
            if not _empty(value):
                digests[f"{lang}/{name}"] = _digest(value)
    return {
        "status": concept.status.value,
        "replaced_by": list(concept.replaced_by),
        "terms": terms,
        "digests": digests,
    }


def snapshot(glossary: Glossary) -> Json:
    """The record's picture of ``glossary``: its version, required languages and every
    concept by id (in id order)."""
    return {
        "version": glossary.meta.version,
        "required": list(glossary.meta.required),
        "concepts": {
            cid: concept_snapshot(glossary.concepts[cid]) for cid in sorted(glossary.concepts)
        },
    }


# -- comparing two snapshots ------------------------------------------------------------


def _title(entry: Json) -> dict[str, str]:
    """The preferred (else first) term of each language."""
    return {lang: texts[0] for lang, texts in entry.get("terms", {}).items() if texts}


def _terms(entry: Json, languages: Sequence[str] = ()) -> tuple[frozenset[Any], frozenset[Any]]:
    """(the first terms of ``languages`` (all when empty), every term), case folded:
    what :mod:`glossary.diff` compares to find a renamed concept."""

    def key(lang: str, text: str) -> tuple[str, str]:
        return (lang, " ".join(text.casefold().split()))

    terms: Mapping[str, list[str]] = entry.get("terms", {})
    first = frozenset(
        key(lang, texts[0])
        for lang, texts in terms.items()
        if texts and (not languages or lang in languages)
    )
    every = frozenset(key(lang, text) for lang, texts in terms.items() for text in texts)
    return first, every


def _score(old: Json, new: Json, required: Sequence[str]) -> float:
    before, after = _terms(old, required), _terms(new, required)
    if before[0] and before[0] == after[0]:
        return 1.0
    if not before[1] or not after[1]:
        return 0.0
    overlap = len(before[1] & after[1]) / len(before[1] | after[1])
    return overlap if overlap >= RENAME_OVERLAP else 0.0


def _field_changes(old: Json, new: Json, languages: Sequence[str]) -> list[Json]:
    """``{"lang"?, "field"}`` for every field whose digest differs, the concept's own
    fields first, then each language in ``languages`` order."""
    before, after = old.get("digests", {}), new.get("digests", {})
    changes: list[Json] = []
    if old.get("status") != new.get("status"):
        changes.append({"field": "status"})
    for name in _CONCEPT_FIELDS:
        if name != "status" and before.get(name) != after.get(name):
            changes.append({"field": name})
    seen = [lang for lang in languages]
    for entry in (old, new):
        seen += [lang for lang in entry.get("terms", {}) if lang not in seen]
    for lang in seen:
        for name in _SECTION_FIELDS:
            key = f"{lang}/{name}"
            if before.get(key) != after.get(key):
                changes.append({"lang": lang, "field": name})
    return changes


def compare_snapshots(old: Json, new: Json, languages: Sequence[str] = ()) -> dict[str, list[Json]]:
    """What changed from snapshot ``old`` to ``new``: lists ``added``, ``renamed``,
    ``retired``, ``removed`` and ``changed``, each entry with the concept's ``title``
    (its terms by language, from the side it is on), in id order."""
    before: Mapping[str, Json] = old.get("concepts", {})
    after: Mapping[str, Json] = new.get("concepts", {})
    removed = [cid for cid in before if cid not in after]
    added = [cid for cid in after if cid not in before]
    required = new.get("required") or old.get("required") or ()
    # Renames, surest first, among concepts that share a term (as glossary diff finds them).
    having: dict[Any, list[str]] = {}
    for cid in added:
        for term in _terms(after[cid])[1]:
            having.setdefault(term, []).append(cid)
    candidates = []
    for cid in removed:
        for other in sorted({a for t in _terms(before[cid])[1] for a in having.get(t, ())}):
            score = _score(before[cid], after[other], required)
            if score > 0:
                candidates.append((-score, cid, other))
    renamed: dict[str, str] = {}
    for _, cid, other in sorted(candidates):
        if cid not in renamed and other not in renamed.values():
            renamed[cid] = other
    taken = set(renamed.values())
    result: dict[str, list[Json]] = {
        "added": [
            {"id": cid, "title": _title(after[cid])} for cid in sorted(added) if cid not in taken
        ],
        "renamed": [
            {"from": cid, "to": renamed[cid], "title": _title(after[renamed[cid]])}
            for cid in sorted(renamed)
        ],
        "retired": [],
        "removed": [
            {
                "id": cid,
                "title": _title(before[cid]),
                "replaced_by": list(before[cid].get("replaced_by", [])),
            }
            for cid in sorted(removed)
            if cid not in renamed
        ],
        "changed": [],
    }
    pairs = [(cid, cid) for cid in before if cid in after] + list(renamed.items())
    for was, now in sorted(pairs, key=lambda pair: pair[1]):
        old_entry, new_entry = before[was], after[now]
        retired = ConceptStatus.RETIRED.value
        if new_entry.get("status") == retired and old_entry.get("status") != retired:
            result["retired"].append(
                {
                    "id": now,
                    "title": _title(new_entry),
                    "replaced_by": list(new_entry.get("replaced_by", [])),
                }
            )
            continue
        changes = _field_changes(old_entry, new_entry, languages)
        if changes:
            result["changed"].append({"id": now, "title": _title(new_entry), "changes": changes})
    return result


# -- the record --------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """What a build remembers of the releases it published."""

    #: Newest first, at most :data:`KEEP`.
    releases: tuple[Json, ...] = ()
    #: The snapshot of the newest release as built, and the one it was compared with.
    current: Json | None = None
    baseline: Json | None = None
    #: Ids that disappeared in releases no longer in the history -> what replaced them.
    moved: Mapping[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> Json:
        return {
            "format": FORMAT,
            "releases": list(self.releases),
            "moved": dict(sorted(self.moved.items())),
            "baseline": self.baseline,
            "current": self.current,
        }

    def encode(self) -> bytes:
        return (
            json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        ).encode("utf-8")

    def all_moved(self) -> dict[str, list[str]]:
        """Every id that disappeared in any release -> what replaced it (a later
        release wins)."""
        moved = dict(self.moved)
        for release in reversed(self.releases):
            for rename in release.get("renamed", []):
                moved[rename["from"]] = [rename["to"]]
            for gone in release.get("removed", []):
                moved[gone["id"]] = list(gone.get("replaced_by", []))
        return moved


def parse_record(data: bytes) -> Record | None:
    """The record in ``data``; None when it is not one this version can read (the
    history then starts again, which loses nothing of the glossary itself)."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        return None
    releases, moved = value.get("releases"), value.get("moved")
    current, baseline = value.get("current"), value.get("baseline")
    if (
        not isinstance(releases, list)
        or not all(_is_release(r) for r in releases)
        or not isinstance(moved, dict)
        or not all(
            _is_id(k) and isinstance(v, list) and all(_is_id(t) for t in v)
            for k, v in moved.items()
        )
        or not _is_snapshot(current)
        or not (baseline is None or _is_snapshot(baseline))
    ):
        return None
    return Record(tuple(releases[:KEEP]), current, baseline, moved)


def _is_release(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("date"), str):
        return False
    try:
        dt.date.fromisoformat(value["date"])
    except ValueError:
        return False
    if not all(isinstance(value.get(name), str | None) for name in ("version", "since")):
        return False
    return all(
        isinstance(value.get(kind), list) and all(_is_item(kind, item) for item in value[kind])
        for kind in ("added", "renamed", "retired", "removed", "changed")
    )


def _is_id(value: object) -> bool:
    return isinstance(value, str) and ID_PATTERN.match(value) is not None


def _is_item(kind: str, item: object) -> bool:
    """Whether ``item`` is an entry of a release's list ``kind`` as :func:`update`
    writes it (the record lies in a folder anyone may have edited)."""
    if not isinstance(item, dict):
        return False
    title = item.get("title")
    if not isinstance(title, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in title.items()
    ):
        return False
    if kind == "renamed":
        return _is_id(item.get("from")) and _is_id(item.get("to"))
    if not _is_id(item.get("id")):
        return False
    if kind in ("retired", "removed"):
        targets = item.get("replaced_by")
        return isinstance(targets, list) and all(_is_id(t) for t in targets)
    if kind == "changed":
        changes = item.get("changes")
        return isinstance(changes, list) and all(
            isinstance(c, dict)
            and isinstance(c.get("field"), str)
            and isinstance(c.get("lang", ""), str)
            for c in changes
        )
    return True


def _is_snapshot(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("concepts"), dict):
        return False
    required = value.get("required", [])
    if not isinstance(value.get("version"), str | None) or not (
        isinstance(required, list) and all(isinstance(lang, str) for lang in required)
    ):
        return False
    return all(
        isinstance(entry, dict)
        and isinstance(entry.get("status"), str)
        and isinstance(entry.get("replaced_by"), list)
        and isinstance(entry.get("terms"), dict)
        and all(
            isinstance(texts, list) and all(isinstance(t, str) for t in texts)
            for texts in entry["terms"].values()
        )
        and isinstance(entry.get("digests"), dict)
        for entry in value["concepts"].values()
    )


def read_record(path: Any) -> Record | None:
    """The record at ``path`` (a :class:`pathlib.Path`), None when absent or unreadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return parse_record(data)


def _key(version: str | None, date: str) -> str:
    return version or date


def update(
    record: Record | None,
    glossary: Glossary,
    date: dt.date,
    since: Glossary | None = None,
    since_label: str | None = None,
) -> Record:
    """The record after publishing ``glossary`` on ``date``.

    The newest release is compared with ``since`` when given, else with the release
    before it (the snapshot of the last build, when the version changed since). The
    first release recorded has nothing to be compared with and lists no changes."""
    current = snapshot(glossary)
    version = glossary.meta.version
    day = date.isoformat()
    older: tuple[Json, ...] = ()
    baseline: Json | None = None
    label: str | None = None
    moved = dict(record.moved) if record else {}
    kept: Json | None = None
    if record is not None and record.releases:
        top = record.releases[0]
        if _key(top.get("version"), top["date"]) == _key(version, day):
            kept, older, baseline = top, record.releases[1:], record.baseline
            label = top.get("since")
        else:
            older, baseline = record.releases, record.current
            label = (record.current or {}).get("version") or top["date"]
    if since is not None:
        baseline = snapshot(since)
        label = since_label or since.meta.version
    changes = (
        compare_snapshots(baseline, current, glossary.languages)
        if baseline is not None
        else {kind: [] for kind in ("added", "renamed", "retired", "removed", "changed")}
    )
    release: Json = {"version": version, "date": day, "since": label if baseline else None}
    release.update(changes)
    if kept is not None and {k: v for k, v in kept.items() if k != "date"} == {
        k: v for k, v in release.items() if k != "date"
    }:
        release["date"] = kept["date"]  # the same release rebuilt: its date stays
    releases = (release, *older)
    for dropped in releases[KEEP:]:
        moved.update(Record(releases=(dropped,)).all_moved())
    return Record(releases[:KEEP], current, baseline, moved)


def since_glossary(glossary: Glossary, since: object) -> tuple[Glossary | None, str | None]:
    """The glossary that ``since`` names (option ``since``: a :class:`Glossary`, or a
    folder, file or git revision as ``glossary diff`` reads them, relative to the
    glossary being built), and how the release notes call it."""
    if since is None or since == "":
        return None, None
    if isinstance(since, Glossary):
        return since, since.meta.version
    from pathlib import Path

    from glossary.diff import read_side

    spec = str(since)
    return read_side(spec, Path(glossary.origin) if glossary.origin else None), spec


def resolve_moved(moved: Mapping[str, list[str]], existing: Iterable[str]) -> dict[str, list[str]]:
    """Each id of ``moved`` that no longer exists -> the existing concepts it now leads
    to, following renames of renames (a circle leads nowhere)."""
    present = set(existing)
    out: dict[str, list[str]] = {}
    for old in sorted(moved):
        if old in present:
            continue
        found: list[str] = []
        seen = {old}
        todo = list(moved[old])
        while todo:
            target = todo.pop(0)
            if target in seen:
                continue
            seen.add(target)
            if target in present:
                if target not in found:
                    found.append(target)
            else:
                todo.extend(moved.get(target, []))
        out[old] = found
    return out


def changes_document(record: Record, glossary_id: str, api_version: str = "v1") -> Json:
    """The published history (``v1/changes.json``): every release newest first, and
    every id that disappeared with where it leads now. Unset fields are left out."""
    releases = []
    for release in record.releases:
        doc: Json = {}
        if release.get("version"):
            doc["version"] = release["version"]
        doc["date"] = release["date"]
        if release.get("since"):
            doc["since"] = release["since"]
        for kind in ("added", "renamed", "retired", "removed", "changed"):
            doc[kind] = release.get(kind, [])
        releases.append(doc)
    current = (record.current or {}).get("concepts", {})
    return {
        "api_version": api_version,
        "glossary": glossary_id,
        "releases": releases,
        "moved": resolve_moved(record.all_moved(), current),
    }
