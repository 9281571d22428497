"""``glossary.toml``: the glossary's metadata, subject list and linter settings."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from glossary.langtags import normalize_tag
from glossary.model import NAME_PATTERN, GlossaryMeta, SourceLocation
from glossary.paths import CONFIG_NAME
from glossary.util import did_you_mean, http_url
from glossary.validation.diagnostics import Diagnostic, load_diagnostic

__all__ = ["CONFIG_NAME", "Config", "ValidateConfig", "read_config"]


_GLOSSARY_KEYS = (
    "id",
    "title",
    "languages",
    "required",
    "version",
    "license",
    "publisher",
    "isbn",
    "base_url",
    "note_language",
)
_TOP_KEYS = ("glossary", "subjects", "validate")


@dataclass(frozen=True, slots=True)
class ValidateConfig:
    """The ``[validate]`` table: which rules run and how (checked by the rule engine)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    #: rule code -> "error" | "warning"
    severity: Mapping[str, str] = field(default_factory=dict, hash=False)
    #: rule code -> option name -> value
    options: Mapping[str, Mapping[str, object]] = field(default_factory=dict, hash=False)
    #: A RELAX NG schema to validate TBX sources against, as written (relative to the file).
    tbx_schema: str | None = None
    #: Where each setting was written: "select", "severity.K504", "options.K504.languages".
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, hash=False)
    path: str = ""


@dataclass(frozen=True, slots=True)
class Config:
    meta: GlossaryMeta
    validate: ValidateConfig = field(default_factory=ValidateConfig)


_KEY = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(_KEY, dotted))


class _Positions:
    """Line and column of keys in a TOML text, which ``tomllib`` does not report.

    Keys are found under ``[table]`` and ``[[array]]`` headers, as dotted keys
    (``K504.languages = …``) and inside inline tables on the key's line
    (``K504 = { languages = … }``). A key not found is placed at the nearest enclosing
    key or table that is, and at last at the start of the file: never at line 0."""

    _header = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
    _key = re.compile(rf"^\s*({_DOTTED})\s*=")
    _inline = re.compile(rf"[{{,]\s*({_DOTTED})\s*=")

    def __init__(self, text: str) -> None:
        self.where: dict[tuple[str, ...], tuple[int, int]] = {}
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if m := self._header.match(line):
                table = _split_key(m.group(1))
                self._put(table, number, m.start(1) + 1)
            elif m := self._key.match(line):
                path = table + _split_key(m.group(1))
                self._put(path, number, m.start(1) + 1)
                for inner in self._inline.finditer(line, m.end()):
                    self._put(path + _split_key(inner.group(1)), number, inner.start(1) + 1)

    def _put(self, path: tuple[str, ...], line: int, col: int) -> None:
        for size in range(1, len(path) + 1):
            self.where.setdefault(path[:size], (line, col))

    def of(self, table: str, key: str = "", sub: str | None = None) -> tuple[int, int]:
        path = _split_key(table) if table else ()
        path += tuple(part for part in (key, sub) if part)
        while path:
            if path in self.where:
                return self.where[path]
            path = path[:-1]
        return 1, 1


_VALIDATE_KEYS = ("select", "ignore", "extend-select", "severity", "options", "tbx_schema")


def _validate_table(
    raw: dict[str, object],
    pos: _Positions,
    path: str,
    report: Callable[[str, str, tuple[int, int]], None],
) -> ValidateConfig:
    positions: dict[str, tuple[int, int]] = {}
    codes: dict[str, tuple[str, ...]] = {}
    for key in raw:
        if key not in _VALIDATE_KEYS and key.replace("_", "-") not in _VALIDATE_KEYS:
            report(
                "L106",
                f"unknown setting '{key}' in [validate]{did_you_mean(key, _VALIDATE_KEYS)}",
                pos.of("validate", key),
            )
    for key in ("select", "ignore", "extend-select"):
        value = raw.get(key, raw.get(key.replace("-", "_"), []))
        positions[key] = pos.of("validate", key if key in raw else key.replace("-", "_"))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            report("L107", f"'{key}' must be a list of rule codes", positions[key])
            value = []
        codes[key] = tuple(value)

    def table(key: str) -> dict[str, object]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            report("L107", f"'{key}' must be a table", pos.of("validate", key))
            return {}
        return value

    severity: dict[str, str] = {}
    for code, level in table("severity").items():
        where = pos.of("validate.severity", code)
        if where == (0, 0) or where == pos.of("validate.severity"):
            where = pos.of("validate", "severity", code)
        positions[f"severity.{code}"] = where
        severity[code] = level if isinstance(level, str) else repr(level)
    options: dict[str, dict[str, object]] = {}
    for code, values in table("options").items():
        if not isinstance(values, dict):
            report("L107", f"options of {code} must be a table", pos.of("validate.options", code))
            continue
        options[code] = dict(values)
        for name in values:
            positions[f"options.{code}.{name}"] = pos.of(f"validate.options.{code}", name)
    tbx_schema = raw.get("tbx_schema")
    if tbx_schema is not None and not isinstance(tbx_schema, str):
        report("L107", "'tbx_schema' must be a path", pos.of("validate", "tbx_schema"))
        tbx_schema = None
    return ValidateConfig(
        select=codes["select"],
        ignore=codes["ignore"],
        extend_select=codes["extend-select"],
        severity=severity,
        options=options,
        tbx_schema=tbx_schema,
        positions=positions,
        path=path,
    )


def read_config(data: bytes, path: str) -> tuple[Config, list[Diagnostic]]:
    """Parse ``glossary.toml`` bytes; problems become diagnostics, never exceptions."""
    diagnostics: list[Diagnostic] = []

    def report(code: str, message: str, where: tuple[int, int] = (0, 0)) -> None:
        diagnostics.append(load_diagnostic(code, message, path, where[0], where[1]))

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        where = (before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        report("L101", f"not UTF-8: byte {data[exc.start]:#04x} at offset {exc.start}", where)
        return Config(GlossaryMeta(location=SourceLocation(path))), diagnostics
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        report("L104", message, where)
        return Config(GlossaryMeta(location=SourceLocation(path))), diagnostics

    pos = _Positions(text)
    for key in raw:
        if key not in _TOP_KEYS:
            report("L106", f"unknown table [{key}]{did_you_mean(key, _TOP_KEYS)}", pos.of(key))

    section = raw.get("glossary", {})
    if not isinstance(section, dict):
        report("L107", "[glossary] must be a table", pos.of("", "glossary"))
        section = {}
    for key in section:
        if key not in _GLOSSARY_KEYS:
            report(
                "L106",
                f"unknown field '{key}' in [glossary]{did_you_mean(key, _GLOSSARY_KEYS)}",
                pos.of("glossary", key),
            )

    def text_field(key: str) -> str | None:
        value = section.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            report("L107", f"'{key}' must be a string", pos.of("glossary", key))
            return None
        return value

    def lang_list(key: str) -> tuple[str, ...]:
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            report("L107", f"'{key}' must be a list of language tags", pos.of("glossary", key))
            return ()
        tags = []
        for value_tag in value:
            tag = normalize_tag(value_tag)
            if tag is None:
                report(
                    "L111",
                    f"'{value_tag}' in '{key}' is not a BCP 47 language tag",
                    pos.of("glossary", key),
                )
            else:
                tags.append(tag)
        return tuple(tags)

    def labels(value: object, table: str, key: str) -> dict[str, str]:
        if isinstance(value, str):
            return {"und": value}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            report("L107", f"'{key}' must be a table of language = text", pos.of(table, key))
            return {}
        out = {}
        for lang, text in value.items():
            tag = normalize_tag(lang)
            if tag is None:
                report(
                    "L111",
                    f"'{lang}' in '{key}' is not a BCP 47 language tag",
                    pos.of(table, key, lang),
                )
            else:
                out[tag] = text
        return out

    languages = lang_list("languages")
    required = lang_list("required")
    for tag in required:
        if languages and tag not in languages:
            report(
                "L108",
                f"required language '{tag}' is not in languages {list(languages)}",
                pos.of("glossary", "required"),
            )
    note_language = None
    raw_note_language = text_field("note_language")
    if raw_note_language is not None:
        note_language = normalize_tag(raw_note_language)
        if note_language is None:
            report(
                "L111",
                f"'{raw_note_language}' in 'note_language' is not a BCP 47 language tag",
                pos.of("glossary", "note_language"),
            )
    glossary_id = text_field("id") or "glossary"
    if not NAME_PATTERN.fullmatch(glossary_id):
        report(
            "L110",
            f"glossary id '{glossary_id}' must be lower-case letters, digits and -",
            pos.of("glossary", "id"),
        )
        glossary_id = "glossary"
    base_url = text_field("base_url")
    if base_url is not None and not http_url(base_url):
        report(
            "L108",
            f"base_url '{base_url}' is not an http(s) address",
            pos.of("glossary", "base_url"),
        )
        base_url = None
    title = labels(section.get("title", {}), "glossary", "title")

    subjects_raw = raw.get("subjects", {})
    subjects: dict[str, dict[str, str]] = {}
    if not isinstance(subjects_raw, dict):
        report("L107", "[subjects] must be a table", pos.of("", "subjects"))
    else:
        for code, value in subjects_raw.items():
            if not NAME_PATTERN.fullmatch(code):
                report(
                    "L110",
                    f"subject code '{code}' must be lower-case letters, digits and -",
                    pos.of("subjects", code),
                )
            subjects[code] = labels(value, "subjects", code)

    validate_raw = raw.get("validate", {})
    validate = ValidateConfig(path=path)
    if not isinstance(validate_raw, dict):
        report("L107", "[validate] must be a table", pos.of("", "validate"))
    else:
        validate = _validate_table(validate_raw, pos, path, report)

    meta = GlossaryMeta(
        id=glossary_id,
        title=title,
        languages=languages,
        required=required,
        version=text_field("version"),
        license=text_field("license"),
        publisher=text_field("publisher"),
        isbn=text_field("isbn"),
        base_url=base_url,
        note_language=note_language,
        subjects=subjects,
        location=SourceLocation(path, 1, 1),
    )
    return Config(meta, validate), diagnostics
