"""Text ``glossary diff`` prints: JSON (the contract), one line per change for a
terminal, and release notes in Markdown.

Pure functions from a :class:`~glossary.diff.GlossaryDiff` to a string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from glossary.diff import Change, ConceptChanges, GlossaryDiff, Value
from glossary.model import Concept, Glossary
from glossary.util import printable

__all__ = ["diff_json", "diff_markdown", "diff_text"]

#: Statuses a reader must not miss: the term (or concept) should no longer be used.
RETIRED = frozenset({"deprecated", "superseded", "obsolete", "retired"})
_TERM_FIELD = re.compile(r"term\[(?P<term>.*)\]\.(?P<name>[^.\]]+)", re.S)


def diff_json(diff: GlossaryDiff) -> str:
    return json.dumps(diff.as_dict(), ensure_ascii=False, indent=2)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _term_status(glossary: Glossary, concept_id: str, lang: str | None, text: str) -> str | None:
    concept = glossary.concepts.get(concept_id)
    section = concept.languages.get(lang or "") if concept else None
    for term in section.terms if section else ():
        if term.term == text:
            return str(term.status.value)
    return None


class _Style:
    """How one output format writes values and labels."""

    def __init__(
        self,
        quote: Callable[[str], str],
        arrow: str,
        listing: Callable[[str], str],
        pair: Callable[[str, str], str] | None = None,
    ):
        self.quote = quote
        self.arrow = arrow
        self.listing = listing
        #: How an old and a new text are shown (default: ``old -> new``).
        self.pair = pair

    def value(self, value: Value) -> str:
        if value is None:
            return "(none)"
        if isinstance(value, list):
            return ", ".join(self.value(v) for v in value) or "(none)"
        if isinstance(value, dict):
            return self.quote(json.dumps(value, ensure_ascii=False, sort_keys=True))
        if isinstance(value, bool | int | float):
            return str(value).lower() if isinstance(value, bool) else str(value)
        return self.quote(_one_line(value))


def _describe(change: Change, diff: GlossaryDiff, concept_id: str, style: _Style) -> str:
    """One change in words: ``term added: x (admitted)``, ``status: draft -> approved``."""
    old, new = change.old, change.new
    if change.field == "term":
        text = new if old is None else old
        side = diff.new if old is None else diff.old
        status = _term_status(side, concept_id, change.lang, text)
        shown = f" ({status})" if status and status != "preferred" else ""
        verb = "added" if old is None else "removed"
        return f"term {verb}: {style.quote(text)}{shown}"
    if change.field == "terms":
        return f"term order: {style.value(old)} {style.arrow} {style.value(new)}"
    label = change.field.replace("_", " ")
    found = _TERM_FIELD.fullmatch(change.field)
    if found:
        label = f"term {style.quote(found['term'])} {found['name'].replace('_', ' ')}"
        name = found["name"]
    else:
        name = change.field
    if name == "status" and isinstance(new, str) and new in RETIRED:
        called = style.listing(new)
        head = label.removesuffix("status").rstrip()
        return f"{head} {called}".lstrip() + f" (was {style.value(old)})"
    if isinstance(old, list | None) and isinstance(new, list | None) and (old or new):
        before, after = old or [], new or []
        gone = [v for v in before if v not in after]
        came = [v for v in after if v not in before]
        if gone or came:
            parts = []
            if came:
                parts.append("added " + ", ".join(style.value(v) for v in came))
            if gone:
                parts.append("removed " + ", ".join(style.value(v) for v in gone))
            return f"{label}: {'; '.join(parts)}"
        return f"{label} order: {style.value(old)} {style.arrow} {style.value(new)}"
    if old is None:
        return f"{label} added: {style.value(new)}"
    if new is None:
        return f"{label} removed: {style.value(old)}"
    if isinstance(old, str) and isinstance(new, str) and style.pair is not None:
        return f"{label}: {style.pair(old, new)}"
    return f"{label}: {style.value(old)} {style.arrow} {style.value(new)}"


# -- text -------------------------------------------------------------------------------

#: Longest value shown in the text output (the JSON has every value whole).
TEXT_WIDTH = 60


def _short_quote(text: str) -> str:
    if len(text) > TEXT_WIDTH:
        text = text[: TEXT_WIDTH - 1].rstrip() + "…"
    return f"'{text}'"


def _where_they_differ(old: str, new: str) -> str:
    """``'old' -> 'new'``, long texts from a little before their first difference, so
    that a change at the end of a definition is not cut off."""
    old, new = _one_line(old), _one_line(new)
    if len(old) > TEXT_WIDTH or len(new) > TEXT_WIDTH:
        old, new = _from_difference(old, new)
    return f"{_short_quote(old)} -> {_short_quote(new)}"


def _from_difference(old: str, new: str) -> tuple[str, str]:
    same = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        same += 1
    start = max(0, same - 15)
    if start:
        space = old.rfind(" ", 0, start + 1)
        start = space + 1 if space > 0 else start
    if start == 0:
        return old, new
    return "…" + old[start:], "…" + new[start:]


_TEXT = _Style(_short_quote, "->", str.upper, _where_they_differ)


def diff_text(diff: GlossaryDiff) -> str:
    """One line per change: ``added ID``, ``removed ID``, ``renamed OLD -> NEW``,
    ``changed ID[/LANG]: what``; empty when nothing changed."""
    lines = [f"added    {cid}" for cid in diff.added]
    lines += [f"removed  {cid}" for cid in diff.removed]
    lines += [f"renamed  {r.old} -> {r.new}" for r in diff.renamed]
    for concept in diff.changed:
        for change in concept.changes:
            where = concept.id + (f"/{change.lang}" if change.lang else "")
            lines.append(f"changed  {where}: {_describe(change, diff, concept.id, _TEXT)}")
    return "\n".join(printable(line) for line in lines)


# -- markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: str) -> str:
    """Source text safe in Markdown: one line, its markup characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(_one_line(text)))


#: Texts up to this long are shown whole, old → new; longer ones once, with the words
#: taken out struck through and the words put in in bold.
MARKDOWN_WIDTH = 80


def _marked_up(old: str, new: str) -> str:
    if len(old) <= MARKDOWN_WIDTH and len(new) <= MARKDOWN_WIDTH:
        return f"“{_md(old)}” → “{_md(new)}”"
    import difflib

    before, after = old.split(), new.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(_md(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"~~{_md(' '.join(before[i1:i2]))}~~")
        if j2 > j1:
            out.append(f"**{_md(' '.join(after[j1:j2]))}**")
    return "“" + " ".join(out) + "”"


_MARKDOWN = _Style(lambda text: f"“{_md(text)}”", "→", lambda word: f"**{word}**", _marked_up)


def _terms_line(glossary: Glossary, concept: Concept) -> str:
    """The concept's preferred terms in the glossary's languages: what the id means."""
    shown = []
    order = [lang for lang in glossary.languages if lang in concept.languages]
    order += [lang for lang in concept.languages if lang not in order]
    for lang in order:
        term = concept.preferred(lang)
        if term is not None:
            shown.append(f"{lang} {_md(term.term)}")
    return " · ".join(shown)


def _entry(glossary: Glossary, concept_id: str, label: str | None = None) -> str:
    concept = glossary.concepts.get(concept_id)
    terms = _terms_line(glossary, concept) if concept else ""
    return f"{label or f'`{concept_id}`'}" + (f": {terms}" if terms else "")


def _capital(text: str) -> str:
    """``text`` with its first letter (after any ``**``) in upper case."""
    start = len(text) - len(text.lstrip("*"))
    return text[:start] + text[start : start + 1].upper() + text[start + 1 :]


def _changed_block(diff: GlossaryDiff, concept: ConceptChanges) -> list[str]:
    lines = ["", f"### {_entry(diff.new, concept.id)}", ""]
    lang: str | None = None
    for change in concept.changes:
        text = _capital(_describe(change, diff, concept.id, _MARKDOWN))
        if change.lang is None:
            lines.append(f"- {text}")
            continue
        if change.lang != lang:
            lang = change.lang
            lines.append(f"- **{_md(lang)}**")
        lines.append(f"  - {text}")
    return lines


def diff_markdown(diff: GlossaryDiff, old_label: str = "old", new_label: str = "new") -> str:
    """Release notes: a summary, then Added, Removed, Renamed and Changed, each concept
    with its preferred terms, its changes grouped by language."""
    counts = [
        (len(diff.added), "added"),
        (len(diff.removed), "removed"),
        (len(diff.renamed), "renamed"),
        (len(diff.changed), "changed"),
    ]
    lines = [f"# Glossary changes: {_md(old_label)} → {_md(new_label)}", ""]
    if not diff:
        lines.append("No changes.")
        return "\n".join(lines)
    lines.append(", ".join(f"{n} {word}" for n, word in counts if n) + ".")
    if diff.added:
        lines += ["", "## Added", ""]
        lines += [f"- {_entry(diff.new, cid)}" for cid in diff.added]
    if diff.removed:
        lines += ["", "## Removed", ""]
        lines += [f"- {_entry(diff.old, cid)}" for cid in diff.removed]
    if diff.renamed:
        lines += ["", "## Renamed", ""]
        lines += [f"- {_entry(diff.new, r.new, f'`{r.old}` → `{r.new}`')}" for r in diff.renamed]
    if diff.changed:
        lines += ["", "## Changed"]
        for concept in diff.changed:
            lines += _changed_block(diff, concept)
    return "\n".join(lines)
