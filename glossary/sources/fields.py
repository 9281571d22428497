"""Build model objects from parsed mappings, reporting every problem with its position.

The field tables here are the source format: docs/format.md describes the same
fields, and a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from glossary.langtags import normalize_tag
from glossary.model import (
    ID_PATTERN,
    Concept,
    ConceptStatus,
    Equivalence,
    Gender,
    GrammaticalNumber,
    Image,
    LangSection,
    PartOfSpeech,
    SourceLocation,
    Term,
    TermStatus,
    TermType,
    UsageLabel,
)
from glossary.sources.yamlnodes import Pos, PosDict, PosList
from glossary.util import did_you_mean
from glossary.validation.diagnostics import Diagnostic, load_diagnostic

__all__ = [
    "CONCEPT_FIELDS",
    "IMAGE_FIELDS",
    "SECTION_FIELDS",
    "TERM_FIELDS",
    "ConceptBuilder",
]

#: Field names in the order ``fmt`` writes them.
CONCEPT_FIELDS = (
    "id",
    "subjects",
    "status",
    "broader",
    "part_of",
    "related",
    "replaced_by",
    "note",
    "updated",
    "image",
    "languages",
)
SECTION_FIELDS = ("definition", "source", "note", "equivalence", "equivalence_note", "terms")
IMAGE_FIELDS = ("path", "caption", "source")
TERM_FIELDS = (
    "term",
    "status",
    "type",
    "pos",
    "gender",
    "geo",
    "context",
    "context_source",
    "source",
    "note",
    "usage",
    "number",
    "homograph",
)

E = TypeVar("E", bound=StrEnum)


class ConceptBuilder:
    """Converts parsed YAML (or any mapping with positions) into concepts."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._concept_id: str | None = None
        #: Fields of the object being read whose value was refused (or whose key was
        #: misspelt): the object records them as spans "!name", so that the rules do not
        #: report the field as missing too (one root cause, one diagnostic).
        self._rejected: dict[str, Pos] = {}

    def _refuse(self, key: str, pos: Pos) -> None:
        self._rejected.setdefault(key, pos)

    def _begin(self) -> dict[str, Pos]:
        outer, self._rejected = self._rejected, {}
        return outer

    def _end(self, outer: dict[str, Pos], spans: dict[str, Pos]) -> dict[str, Pos]:
        """``spans`` with the refused fields of the object just read, as ``!name``."""
        for key, pos in self._rejected.items():
            spans[f"!{key}"] = pos
        self._rejected = outer
        return spans

    # -- reporting -------------------------------------------------------------------

    def report(self, code: str, message: str, pos: Pos = (0, 0)) -> None:
        self.diagnostics.append(
            load_diagnostic(code, message, self.path, pos[0], pos[1], self._concept_id)
        )

    def loc(self, pos: Pos) -> SourceLocation:
        return SourceLocation(self.path, pos[0], pos[1])

    def spans(self, data: PosDict, names: tuple[str, ...]) -> dict[str, Pos]:
        """Where each known field's value starts; list items as ``name.index``."""
        found = {}
        for name in names:
            if name in data.value_pos:
                found[name] = data.value_pos[name]
                value = data[name]
                if isinstance(value, PosList):
                    for index, pos in enumerate(value.item_pos):
                        found[f"{name}.{index}"] = pos
                elif isinstance(value, str):  # one item written bare: `related: webinar`
                    found[f"{name}.0"] = data.value_pos[name]
        return found

    # -- typed field readers ---------------------------------------------------------

    def _check_keys(
        self, data: PosDict, allowed: tuple[str, ...], what: str, hint: str = ""
    ) -> None:
        for key in data:
            if key not in allowed:
                extra = did_you_mean(key, allowed)
                close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
                if close and close[0] not in data:
                    self._refuse(close[0], data.key_pos[key])
                if not extra and hint and normalize_tag(key):
                    extra = hint
                self.report("L106", f"unknown field '{key}' in {what}{extra}", data.key_pos[key])

    def text(self, data: PosDict, key: str, *, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            # A misspelt key was reported (L106) and is the only problem to report.
            if required and key not in self._rejected:
                where = data.key_pos.get(key, data.pos)
                self.report("L109", f"'{key}' is required", where)
                self._refuse(key, where)
            return None
        value = data[key]
        if isinstance(value, str):
            if value == "" and required:
                self.report("L109", f"'{key}' must not be empty", data.value_pos[key])
                self._refuse(key, data.value_pos[key])
                return None
            return value
        kind = "a list" if isinstance(value, list) else "a mapping"
        self.report("L107", f"'{key}' must be text, not {kind}", data.value_pos[key])
        self._refuse(key, data.value_pos[key])
        return None

    def choice(self, data: PosDict, key: str, enum: type[E], default: E | None) -> E | None:
        raw = self.text(data, key)
        if raw is None:
            return default
        try:
            return enum(raw)
        except ValueError:
            values = [member.value for member in enum]
            lowered = {v.lower(): v for v in values}
            hint = did_you_mean(raw, values)
            if not hint and raw.lower() in lowered:
                hint = f" (did you mean '{lowered[raw.lower()]}'?)"
            self.report(
                "L108",
                f"'{raw}' is not a valid {key}; expected one of: {', '.join(values)}{hint}",
                data.value_pos[key],
            )
            self._refuse(key, data.value_pos[key])
            return default

    def id_list(
        self, data: PosDict, key: str, check: Callable[[str, Pos], None]
    ) -> tuple[str, ...]:
        if key not in data or data[key] is None:
            return ()
        value = data[key]
        if isinstance(value, str):
            items: list[tuple[str, Pos]] = [(value, data.value_pos[key])]
        elif isinstance(value, PosList):
            items = []
            for item, pos in zip(value, value.item_pos, strict=True):
                if isinstance(item, str):
                    items.append((item, pos))
                else:
                    self.report("L107", f"items of '{key}' must be text", pos)
        else:
            self.report("L107", f"'{key}' must be a list", data.value_pos[key])
            return ()
        for item, pos in items:
            check(item, pos)
        return tuple(item for item, _ in items)

    def choices(self, data: PosDict, key: str, enum: type[E]) -> tuple[E, ...]:
        """A list of values from a closed set (one value alone may be written bare)."""
        if key not in data or data[key] is None:
            return ()
        value = data[key]
        if isinstance(value, str):
            raw: list[tuple[str, Pos]] = [(value, data.value_pos[key])]
        elif isinstance(value, PosList):
            raw = []
            for item, pos in zip(value, value.item_pos, strict=True):
                if isinstance(item, str):
                    raw.append((item, pos))
                else:
                    self.report("L107", f"items of '{key}' must be text", pos)
        else:
            self.report("L107", f"'{key}' must be a list", data.value_pos[key])
            return ()
        found: list[E] = []
        for item, pos in raw:
            holder = PosDict(pos)
            holder[key] = item
            holder.value_pos[key] = pos
            member = self.choice(holder, key, enum, None)
            if member is not None and member not in found:
                found.append(member)
        return tuple(found)

    def positive(self, data: PosDict, key: str) -> int | None:
        raw = self.text(data, key)
        if raw is None:
            return None
        if raw.isascii() and raw.isdigit() and int(raw) > 0:
            return int(raw)
        self.report(
            "L107", f"'{key}' must be a whole number from 1 up, not '{raw}'", data.value_pos[key]
        )
        return None

    def image(self, data: PosDict) -> Image | None:
        value = data.get("image")
        if value is None:
            return None
        if isinstance(value, str):
            if not value.strip():
                self.report("L109", "'image' must not be empty", data.value_pos["image"])
                return None
            return Image(value) if self._image_path(value, data.value_pos["image"]) else None
        if not isinstance(value, PosDict):
            self.report(
                "L107",
                "'image' must be a path or a mapping with 'path', 'caption' and 'source'",
                data.value_pos["image"],
            )
            return None
        self._check_keys(value, IMAGE_FIELDS, "image")
        path = self.text(value, "path", required=True)
        if path is None or not self._image_path(path, value.value_pos["path"]):
            return None
        return Image(path, self.text(value, "caption"), self.text(value, "source"))

    def _image_path(self, path: str, pos: Pos) -> bool:
        """A path inside the glossary folder, or an http(s) URL: the site copies the file,
        so a path never leads out of the folder."""
        if re.match(r"https?://[^\s]+\Z", path):
            return True
        parts = path.replace("\\", "/").split("/")
        if path.startswith(("/", "\\")) or ":" in path or ".." in parts or not path.strip():
            self.report(
                "L107",
                f"image '{path}' must be a path inside the glossary folder (relative, no '..') "
                "or an http(s) URL",
                pos,
            )
            return False
        return True

    def date(self, data: PosDict, key: str) -> dt.date | None:
        raw = self.text(data, key)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.report("L114", f"'{raw}' is not a date (YYYY-MM-DD)", data.value_pos[key])
            return None

    # -- the model -------------------------------------------------------------------

    def concept(self, data: Any, pos: Pos) -> Concept | None:
        if not isinstance(data, PosDict):
            self.report("L107", "a concept must be a mapping of fields", pos)
            return None
        self._concept_id = None
        outer = self._begin()
        self._check_keys(
            data,
            CONCEPT_FIELDS,
            "concept",
            hint=" (language sections go under 'languages:')",
        )
        concept_id = self.text(data, "id", required=True)
        if concept_id is not None and not ID_PATTERN.fullmatch(concept_id):
            self.report(
                "L110",
                f"id '{concept_id}' must start with a-z and hold only a-z, 0-9 and -",
                data.value_pos["id"],
            )
        self._concept_id = concept_id

        def no_check(item: str, pos: Pos) -> None:
            pass

        def id_check(item: str, pos: Pos) -> None:
            if not ID_PATTERN.fullmatch(item):
                self.report("L110", f"'{item}' is not a concept id", pos)

        subjects = self.id_list(data, "subjects", no_check)
        broader = self.id_list(data, "broader", id_check)
        part_of = self.id_list(data, "part_of", id_check)
        related = self.id_list(data, "related", id_check)
        replaced_by = self.id_list(data, "replaced_by", id_check)
        status = self.choice(data, "status", ConceptStatus, ConceptStatus.DRAFT)
        note = self.text(data, "note")
        updated = self.date(data, "updated")
        image = self.image(data)

        languages: dict[str, LangSection] = {}
        raw_languages = data.get("languages")
        if raw_languages is None:
            if "languages" not in self._rejected:
                where = data.key_pos.get("languages", data.pos)
                self.report("L109", "'languages' is required", where)
        elif not isinstance(raw_languages, PosDict):
            self.report(
                "L107",
                "'languages' must be a mapping of language sections",
                data.value_pos["languages"],
            )
        else:
            for code, section in raw_languages.items():
                key_pos = raw_languages.key_pos[code]
                tag = normalize_tag(code)
                if tag is None:
                    self.report("L111", f"'{code}' is not a BCP 47 language tag", key_pos)
                    self._refuse("languages", key_pos)
                    continue
                if tag in languages:
                    self.report("L105", f"language '{tag}' appears twice (as '{code}')", key_pos)
                    continue
                built = self.section(tag, section, key_pos, raw_languages.value_pos[code])
                if built is not None:
                    languages[tag] = built
                else:
                    self._refuse("languages", key_pos)
            if not raw_languages:
                self.report(
                    "L109",
                    "'languages' must hold at least one language",
                    data.value_pos["languages"],
                )
        spans = self._end(outer, self.spans(data, CONCEPT_FIELDS))
        if concept_id is None:
            return None
        assert status is not None
        return Concept(
            id=concept_id,
            languages=languages,
            subjects=subjects,
            status=status,
            broader=broader,
            part_of=part_of,
            related=related,
            replaced_by=replaced_by,
            note=note,
            updated=updated,
            image=image,
            location=self.loc(data.pos),
            spans=spans,
        )

    def section(self, lang: str, data: Any, key_pos: Pos, value_pos: Pos) -> LangSection | None:
        if data is None:
            self.report("L109", f"language section '{lang}' is empty", key_pos)
            return None
        if not isinstance(data, PosDict):
            self.report("L107", f"language section '{lang}' must be a mapping", value_pos)
            return None
        outer = self._begin()
        self._check_keys(data, SECTION_FIELDS, f"language section '{lang}'")
        terms: list[Term] = []
        raw_terms = data.get("terms")
        if raw_terms is None:
            if "terms" not in self._rejected:
                where = data.key_pos.get("terms", key_pos)
                self.report("L109", f"'terms' is required in language section '{lang}'", where)
                self._refuse("terms", where)
        elif isinstance(raw_terms, str):
            term = self.term(raw_terms, data.value_pos["terms"])
            if term:
                terms.append(term)
            else:
                self._refuse("terms", data.value_pos["terms"])
        elif not isinstance(raw_terms, PosList):
            self.report("L107", "'terms' must be a list", data.value_pos["terms"])
            self._refuse("terms", data.value_pos["terms"])
        else:
            for item, pos in zip(raw_terms, raw_terms.item_pos, strict=True):
                term = self.term(item, pos)
                if term is not None:
                    terms.append(term)
                else:
                    self._refuse("terms", pos)
        definition = self.text(data, "definition")
        source = self.text(data, "source")
        note = self.text(data, "note")
        equivalence = self.choice(data, "equivalence", Equivalence, None)
        equivalence_note = self.text(data, "equivalence_note")
        return LangSection(
            lang=lang,
            terms=tuple(terms),
            definition=definition,
            source=source,
            note=note,
            equivalence=equivalence,
            equivalence_note=equivalence_note,
            location=self.loc(key_pos),
            spans=self._end(outer, self.spans(data, SECTION_FIELDS)),
        )

    def term(self, data: Any, pos: Pos) -> Term | None:
        if isinstance(data, str):
            if not data.strip():
                self.report("L109", "a term must not be empty", pos)
                return None
            return Term(term=data, location=self.loc(pos), spans={"term": pos})
        if data is None:
            self.report("L109", "a term must not be empty", pos)
            return None
        if not isinstance(data, PosDict):
            self.report("L107", "a term must be text or a mapping with 'term:'", pos)
            return None
        outer = self._begin()
        self._check_keys(data, TERM_FIELDS, "term")
        text = self.text(data, "term", required=True)
        if text is not None and not text.strip():
            self.report("L109", "a term must not be empty", data.value_pos["term"])
            text = None
        status = self.choice(data, "status", TermStatus, TermStatus.PREFERRED)
        term_type = self.choice(data, "type", TermType, TermType.FULL_FORM)
        pos_ = self.choice(data, "pos", PartOfSpeech, None)
        gender = self.choice(data, "gender", Gender, None)
        geo = self.text(data, "geo")
        if geo is not None:
            tag = normalize_tag(geo)
            if tag is None:
                self.report(
                    "L111", f"geo '{geo}' is not a BCP 47 tag such as ru-KZ", data.value_pos["geo"]
                )
            geo = tag or geo
        context = self.text(data, "context")
        context_source = self.text(data, "context_source")
        source = self.text(data, "source")
        note = self.text(data, "note")
        usage = self.choices(data, "usage", UsageLabel)
        number = self.choice(data, "number", GrammaticalNumber, None)
        homograph = self.positive(data, "homograph")
        spans = self._end(outer, self.spans(data, TERM_FIELDS))
        if text is None:
            return None
        assert status is not None and term_type is not None
        return Term(
            term=text,
            status=status,
            type=term_type,
            pos=pos_,
            gender=gender,
            geo=geo,
            context=context,
            context_source=context_source,
            source=source,
            note=note,
            usage=usage,
            number=number,
            homograph=homograph,
            location=self.loc(data.value_pos.get("term", pos)),
            spans=spans,
        )
