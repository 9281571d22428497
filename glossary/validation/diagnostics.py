"""Diagnostics: problems found in sources, as values that sort by position."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["LOAD_CODES", "Diagnostic", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


#: Problems found while reading sources, before any rule runs: code -> (name, severity, summary).
LOAD_CODES: dict[str, tuple[str, Severity, str]] = {
    "L101": ("unreadable-file", Severity.ERROR, "the file cannot be read or decoded"),
    "L102": ("yaml-syntax", Severity.ERROR, "the YAML is not well-formed"),
    "L103": ("xml-syntax", Severity.ERROR, "the XML is not well-formed"),
    "L104": ("toml-syntax", Severity.ERROR, "glossary.toml is not valid TOML"),
    "L105": ("duplicate-key", Severity.ERROR, "a key appears twice in one mapping"),
    "L106": ("unknown-field", Severity.ERROR, "a field the format does not define"),
    "L107": ("wrong-type", Severity.ERROR, "a value of the wrong type"),
    "L108": ("unknown-value", Severity.ERROR, "a value outside a closed set"),
    "L109": ("missing-field", Severity.ERROR, "a required field is missing or empty"),
    "L110": ("invalid-id", Severity.ERROR, "a concept id that is not lower-case a-z, 0-9 and -"),
    "L111": ("invalid-language-tag", Severity.ERROR, "a language tag that is not BCP 47"),
    "L112": ("empty-source", Severity.ERROR, "a source that defines no concept"),
    "L113": ("not-tbx", Severity.ERROR, "an XML file that is not TBX"),
    "L114": ("invalid-date", Severity.ERROR, "a date that is not YYYY-MM-DD"),
    "L115": ("unmapped-data", Severity.WARNING, "TBX data the model has no field for was skipped"),
    "L116": ("repaired-data", Severity.WARNING, "data was repaired while reading"),
    "L117": ("yaml-alias", Severity.ERROR, "YAML anchors, aliases and tags are not allowed"),
    "L118": ("xml-entities", Severity.ERROR, "an XML document declares entities"),
    "L119": ("file-too-large", Severity.ERROR, "a YAML source over 10 MB is not read"),
    "L121": ("skipped-link", Severity.WARNING, "a symbolic link out of the folder, or a loop"),
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem at one place: ``path:line:col: severity: CODE message``.

    Lines and columns are 1-based. A problem of a whole file is placed at its start
    (1:1), so every diagnostic points into the file; a column of 0 means the whole line.
    """

    path: str
    line: int
    col: int
    code: str
    message: str = field(compare=True)
    severity: Severity = field(default=Severity.ERROR, compare=False)
    concept_id: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.line < 1:
            object.__setattr__(self, "line", 1)
            object.__setattr__(self, "col", max(self.col, 1))

    @property
    def name(self) -> str:
        """The rule name (slug) of the code, or the code itself when unknown."""
        from glossary.validation import rule_name

        return rule_name(self.code)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "concept_id": self.concept_id,
        }


def load_diagnostic(
    code: str,
    message: str,
    path: str,
    line: int = 0,
    col: int = 0,
    concept_id: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic with the default severity of a load code."""
    return Diagnostic(path, line, col, code, message, severity or LOAD_CODES[code][1], concept_id)
