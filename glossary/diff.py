"""What changed between two versions of a glossary: release notes as data.

:func:`compare` takes two :class:`~glossary.model.Glossary` values and returns a
:class:`GlossaryDiff`: the concepts added, removed and renamed, and for every other
concept the changes per language and field. It walks the model's dataclass fields, so a
field added to the model is compared with no change here.

:func:`read_side` gives the glossary one side of ``glossary diff`` names: a folder or
file, or a git revision of the repository that holds the glossary, read with ``git
ls-tree`` and ``git cat-file`` into a temporary folder and loaded by the normal reader.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from glossary.errors import GlossaryError, LoadError, NotFoundError, UsageError
from glossary.model import Concept, Glossary, LangSection, Term

__all__ = [
    "Change",
    "ConceptChanges",
    "GlossaryDiff",
    "Rename",
    "compare",
    "read_revision",
    "read_side",
]

#: JSON-like values: what a field's old and new value become.
Value = Any

#: Fields compared on their own terms rather than walked.
_CONCEPT_SKIP = frozenset({"id", "languages"})
_SECTION_SKIP = frozenset({"lang", "terms"})
_TERM_SKIP = frozenset({"term"})


@dataclass(frozen=True, slots=True)
class Change:
    """One field that differs. ``lang`` is None for a field of the concept itself.

    ``field`` is the model's field name (``status``, ``definition``, ``related`` …);
    a change to a term is ``term`` (added: ``old`` is None; removed: ``new`` is None),
    ``term[TEXT].NAME`` for one of its fields, and ``terms`` when only their order
    changed. Values are plain data: strings, numbers, lists, objects or None.
    """

    lang: str | None
    field: str
    old: Value
    new: Value

    def as_dict(self) -> dict[str, Value]:
        return {"lang": self.lang, "field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class ConceptChanges:
    id: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Rename:
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class GlossaryDiff:
    """Ids added, removed and renamed, and the changes of the concepts on both sides
    (a renamed concept's changes are listed under its new id)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    renamed: tuple[Rename, ...] = ()
    changed: tuple[ConceptChanges, ...] = ()
    #: The two glossaries, for renderers that show terms next to ids.
    old: Glossary = field(default_factory=Glossary, compare=False, repr=False)
    new: Glossary = field(default_factory=Glossary, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed or self.changed)

    def as_dict(self) -> dict[str, Value]:
        """The JSON contract of ``glossary diff --format json``."""
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "renamed": [{"from": r.old, "to": r.new} for r in self.renamed],
            "changed": [
                {"id": c.id, "changes": [change.as_dict() for change in c.changes]}
                for c in self.changed
            ],
        }


# -- comparing --------------------------------------------------------------------------


def plain(value: object) -> Value:
    """A model value as plain data: enums by value, dates in ISO form, tuples as lists,
    nested dataclasses as objects of their compared fields."""
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value) if f.compare}
    return str(value)


def _field_changes(
    old: object, new: object, skip: frozenset[str], lang: str | None, prefix: str = ""
) -> Iterator[Change]:
    """A change for every compared field of two objects of one dataclass that differs."""
    assert is_dataclass(old) and is_dataclass(new)
    for f in fields(old):
        if not f.compare or f.name in skip:
            continue
        before = plain(getattr(old, f.name, None))
        after = plain(getattr(new, f.name, None))
        if before != after:
            yield Change(lang, prefix + f.name, before, after)


def _keyed_terms(terms: tuple[Term, ...]) -> dict[tuple[str, int], Term]:
    """Terms by text (and occurrence, should a text repeat), in order."""
    seen: dict[str, int] = {}
    out: dict[tuple[str, int], Term] = {}
    for term in terms:
        n = seen.get(term.term, 0)
        seen[term.term] = n + 1
        out[(term.term, n)] = term
    return out


def _section_changes(lang: str, old: LangSection, new: LangSection) -> Iterator[Change]:
    yield from _field_changes(old, new, _SECTION_SKIP, lang)
    before, after = _keyed_terms(old.terms), _keyed_terms(new.terms)
    for key, term in before.items():
        if key not in after:
            yield Change(lang, "term", term.term, None)
    for key, term in after.items():
        if key not in before:
            yield Change(lang, "term", None, term.term)
    for key, term in after.items():
        if key in before:
            yield from _field_changes(before[key], term, _TERM_SKIP, lang, f"term[{key[0]}].")
    kept_before = [key for key in before if key in after]
    kept_after = [key for key in after if key in before]
    if kept_before != kept_after:
        yield Change(lang, "terms", [t.term for t in old.terms], [t.term for t in new.terms])


def concept_changes(old: Concept, new: Concept, languages: tuple[str, ...] = ()) -> list[Change]:
    """Every change from ``old`` to ``new``: the concept's fields, then each language in
    the order of ``languages`` (then any other)."""
    changes = list(_field_changes(old, new, _CONCEPT_SKIP, None))
    order = [lang for lang in languages if lang in old.languages or lang in new.languages]
    order += [lang for lang in old.languages if lang not in order]
    order += [lang for lang in new.languages if lang not in order]
    for lang in order:
        changes.extend(
            _section_changes(
                lang,
                old.languages.get(lang, LangSection(lang)),
                new.languages.get(lang, LangSection(lang)),
            )
        )
    return changes


def _signature(concept: Concept, languages: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The preferred terms of ``languages`` (all when empty), case folded."""
    return frozenset(
        (lang, " ".join(term.term.casefold().split()))
        for lang, section in concept.languages.items()
        if not languages or lang in languages
        for term in section.terms
        if term is section.preferred
    )


def _all_terms(concept: Concept) -> frozenset[tuple[str, str]]:
    return frozenset(
        (lang, " ".join(term.term.casefold().split()))
        for lang, section in concept.languages.items()
        for term in section.terms
    )


#: Two concepts whose terms overlap at least this much (Jaccard) are the same concept.
RENAME_OVERLAP = 0.6


def rename_score(old: Concept, new: Concept, required: tuple[str, ...] = ()) -> float:
    """How surely ``new`` is ``old`` under another id: 1.0 when the preferred terms of
    the required languages are the same, else the share of terms they have in common
    (0 when below :data:`RENAME_OVERLAP`)."""
    return _score(
        (_signature(old, required), _all_terms(old)), (_signature(new, required), _all_terms(new))
    )


_Terms = tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]


def _score(old: _Terms, new: _Terms) -> float:
    if old[0] and old[0] == new[0]:
        return 1.0
    before, after = old[1], new[1]
    if not before or not after:
        return 0.0
    overlap = len(before & after) / len(before | after)
    return overlap if overlap >= RENAME_OVERLAP else 0.0


def _renames(old: Glossary, new: Glossary, removed: list[str], added: list[str]) -> dict[str, str]:
    """Removed id -> added id for the pairs that are one concept, surest first; only
    concepts that share a term are compared."""
    required = new.meta.required or old.meta.required
    terms = {a: (_signature(new.concepts[a], required), _all_terms(new.concepts[a])) for a in added}
    having: dict[tuple[str, str], list[str]] = {}
    for a, (_, every) in terms.items():
        for term in every:
            having.setdefault(term, []).append(a)
    candidates = []
    for r in removed:
        mine = (_signature(old.concepts[r], required), _all_terms(old.concepts[r]))
        for a in sorted({a for term in mine[1] for a in having.get(term, ())}):
            score = _score(mine, terms[a])
            if score > 0:
                candidates.append((-score, r, a))
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    for _, r, a in sorted(candidates):
        if r not in renamed and a not in taken:
            renamed[r] = a
            taken.add(a)
    return renamed


def compare(old: Glossary, new: Glossary) -> GlossaryDiff:
    """What changed from ``old`` to ``new``; ids in each list sorted."""
    removed = [cid for cid in old.concepts if cid not in new.concepts]
    added = [cid for cid in new.concepts if cid not in old.concepts]
    renamed = _renames(old, new, removed, added)
    taken = set(renamed.values())
    languages = new.languages
    changed = []
    pairs = [(cid, cid) for cid in old.concepts if cid in new.concepts]
    pairs += list(renamed.items())
    for before, after in sorted(pairs, key=lambda pair: pair[1]):
        changes = concept_changes(old.concepts[before], new.concepts[after], languages)
        if changes:
            changed.append(ConceptChanges(after, tuple(changes)))
    return GlossaryDiff(
        added=tuple(sorted(a for a in added if a not in taken)),
        removed=tuple(sorted(r for r in removed if r not in renamed)),
        renamed=tuple(Rename(r, a) for r, a in sorted(renamed.items())),
        changed=tuple(changed),
        old=old,
        new=new,
    )


# -- reading a side ---------------------------------------------------------------------


def _git(cwd: Path, *args: str, binary: bool = False, data: bytes | None = None) -> Any:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            check=False,
            text=not binary,
            encoding=None if binary else "utf-8",
            errors=None if binary else "replace",
        )
    except FileNotFoundError:
        raise GlossaryError("git is not installed; give two folders instead of revisions") from None


def _repository(path: Path) -> tuple[Path, str]:
    """The top folder of the git repository holding ``path`` and ``path`` within it."""
    absolute = Path(os.path.abspath(path))
    start = absolute if absolute.is_dir() else absolute.parent
    while not start.is_dir() and start != start.parent:
        start = start.parent
    done = _git(start, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError(f"{path} is not in a git repository; give two folders to compare")
    top = Path(done.stdout.strip())
    real = Path(os.path.realpath(start)) / absolute.relative_to(start)
    try:
        inside = real.relative_to(os.path.realpath(top))
    except ValueError:
        raise UsageError(f"{path} is not in the git repository at {top}") from None
    return top, inside.as_posix() if str(inside) != "." else ""


def read_revision(revision: str, glossary: Path) -> Glossary:
    """The glossary at ``glossary`` (a folder or file in a git working tree) as it was at
    ``revision``; raises :class:`UsageError` for an unknown revision or no repository,
    :class:`NotFoundError` when the glossary did not exist then, :class:`LoadError` when
    it had errors (their paths written ``REVISION:path``)."""
    from glossary.config import CONFIG_NAME
    from glossary.sources import read

    if revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a revision")
    top, inside = _repository(glossary)
    done = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if done.returncode != 0:
        raise UsageError(f"unknown revision '{revision}' in the git repository at {top}")
    commit = done.stdout.strip()
    where = [inside] if inside else []
    listing = _git(
        top, "--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, "--", *where
    )
    if listing.returncode != 0:
        raise GlossaryError(f"git ls-tree failed: {listing.stderr.strip()}")
    blobs = _blobs(listing.stdout)
    if not blobs:
        raise NotFoundError(f"{inside or '.'} does not exist at revision '{revision}'")
    single = len(blobs) == 1 and blobs[0][1] == inside
    if single:  # a glossary file: its glossary.toml is beside it
        beside = str(PurePosixPath(inside).parent / CONFIG_NAME)
        more = _git(
            top, "--literal-pathspecs", "ls-tree", "-z", "--full-tree", commit, "--", beside
        )
        blobs += [b for b in _blobs(more.stdout) if b[1] == beside]
    with tempfile.TemporaryDirectory(prefix="glossary-diff-") as folder:
        root = Path(folder)
        batch = "".join(f"{sha}\n" for sha, _ in blobs).encode("ascii")
        out = _git(top, "cat-file", "--batch", binary=True, data=batch)
        if out.returncode != 0:
            raise GlossaryError(f"git cat-file failed: {out.stderr.decode(errors='replace')}")
        stream: bytes = out.stdout
        at = 0
        for _, name in blobs:
            header_end = stream.index(b"\n", at)
            size = int(stream[at:header_end].split()[2])
            content = stream[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
            target = root.joinpath(*PurePosixPath(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        source = root.joinpath(*PurePosixPath(inside).parts) if inside else root
        result = read(source, cache=False)
        prefix = os.path.abspath(root) + os.sep
        label = f"{revision}:"
        if result.errors:
            errors = [
                replace(d, path=label + d.path[len(prefix) :].replace(os.sep, "/"))
                if d.path.startswith(prefix)
                else d
                for d in result.errors
            ]
            noun = "error" if len(errors) == 1 else "errors"
            raise LoadError(
                f"the glossary at revision '{revision}' has {len(errors)} {noun}", errors
            )
        return result.glossary


def _blobs(listing: str) -> list[tuple[str, str]]:
    """(object id, path) of the files in ``git ls-tree -z`` output (links left out)."""
    out = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        info, _, name = entry.partition("\t")
        mode, kind, sha = info.split()
        if kind == "blob" and mode in ("100644", "100755"):
            out.append((sha, name))
    return out


def read_side(spec: str, glossary: Path | None = None) -> Glossary:
    """The glossary ``spec`` names: an existing folder or file, else a git revision of
    the repository that holds the glossary in use (``glossary``, or the default)."""
    from glossary.sources import load, resolve_path

    if os.path.exists(spec):
        return load(spec)
    return read_revision(spec, resolve_path(glossary))
