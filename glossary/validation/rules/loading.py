"""The problems the loaders find while reading sources (codes L1xx).

They are reported before any other rule runs, with the position of the problem in the
file. Each has a sample in tests/data/invalid/.
"""

from __future__ import annotations

from glossary.validation.diagnostics import LOAD_CODES
from glossary.validation.rules.base import Rule, Scope

__all__ = ["LOAD_RULES"]

_DOCS = {
    "L101": """The file cannot be read or decoded.

Sources are UTF-8 (a byte-order mark is allowed; UTF-16 and UTF-32 need one). A binary
file, text in another encoding such as Latin-1 or Windows-1252, or a file that cannot be
opened is reported here. TBX files may use any encoding their XML declaration names.

**Fails** (a Latin-1 file: the byte 0xE4 is not UTF-8)

```text
id: paivakoti
note: p\\xe4iv\\xe4koti
```

**Passes**

```yaml
id: paivakoti
note: päiväkoti
languages: {fi: {terms: [päiväkoti]}}
```
""",
    "L102": """The YAML is not well-formed.

The message is libyaml's; the position is where it stopped understanding the file. Two
mistakes get a message of their own at the place they were made: a bracket or quote
that is never closed (where it opened), and a tab in the indentation of a line (``tab
character in indentation; YAML indents with spaces``, at the tab).

**Fails**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu
```

**Passes**

```yaml
id: a
languages:
  fi:
    terms: [etäopiskelu]
```
""",
    "L103": """The XML is not well-formed.

**Fails**

```xml
<martif type="TBX"><text><body><termEntry id="a"></text></martif>
```

**Passes**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```
""",
    "L104": """glossary.toml is not valid TOML.

**Fails**

```toml
[glossary]
languages = ["fi", "ru"
```

**Passes**

```toml
[glossary]
languages = ["fi", "ru"]
```
""",
    "L105": """A key appears twice in one mapping.

Most YAML readers silently keep the last value; a glossary source must not depend on
that, so the second key is reported and ignored.

**Fails**

```yaml
id: a
status: draft
status: approved
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
status: approved
languages: {fi: {terms: [a]}}
```
""",
    "L106": """A field the format does not define.

Usually a typo; the message suggests the closest field. A language code written at the
top level is reported with a hint that language sections go under ``languages:``.

**Fails**

```yaml
id: a
statuz: approved
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
status: approved
languages: {fi: {terms: [a]}}
```
""",
    "L107": """A value of the wrong type: a list where text is expected, a mapping where a list is.

**Fails**

```yaml
id: a
note: [one, two]
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
note: one, two
languages: {fi: {terms: [a]}}
```
""",
    "L108": """A value outside a closed set (status, type, pos, gender).

The message lists the allowed values and suggests the closest one.

**Fails**

```yaml
id: a
languages:
  ru:
    terms:
      - term: обучение
        gender: neutral
```

**Passes**

```yaml
id: a
languages:
  ru:
    terms:
      - term: обучение
        gender: neuter
```
""",
    "L109": """A required field is missing or empty: ``id``, ``languages``, a term's text.

**Fails**

```yaml
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
languages: {fi: {terms: [a]}}
```
""",
    "L110": """A concept id that is not lower-case a-z, 0-9 and ``-``, starting with a letter.

Ids are used in URLs, file names and TBX ids, so they are kept to a safe alphabet.

**Fails**

```yaml
id: Distance_Learning
languages: {fi: {terms: [etäopiskelu]}}
```

**Passes**

```yaml
id: distance-learning
languages: {fi: {terms: [etäopiskelu]}}
```
""",
    "L111": """A language tag that is not a BCP 47 tag.

**Fails**

```yaml
id: a
languages: {finnish: {terms: [a]}}
```

**Passes**

```yaml
id: a
languages: {fi: {terms: [a]}}
```
""",
    "L112": """A source that defines no concept: an empty file, a file of comments, a folder
without concept files.

**Fails**

```yaml
# nothing here yet
```

**Passes**

```yaml
id: a
languages: {fi: {terms: [a]}}
```
""",
    "L113": """An XML file that is not TBX (its root is neither ``<tbx>`` nor ``<martif>``).

**Fails**

```xml
<html><body>not a termbase</body></html>
```

**Passes**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```
""",
    "L114": """A date that is not written YYYY-MM-DD.

**Fails**

```yaml
id: a
updated: 22.11.2026
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
updated: 2026-11-22
languages: {fi: {terms: [a]}}
```
""",
    "L115": """TBX data that the model has no field for was skipped (a warning).

Reported once per kind of data and file, with the number of times and the first place.
Importing such a file keeps everything else; this says what is left behind.

**Fails**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term><termNote type="customerSubset">ACME</termNote></tig></langSet></termEntry></body></text></martif>
```

**Passes**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term><termNote type="partOfSpeech">noun</termNote></tig></langSet></termEntry></body></text></martif>
```
""",
    "L116": """Data was repaired while reading (a warning): in TBX or MultiTerm, a missing or
unusable entry id, an empty ``<term/>``, a language repeated in one entry, a picklist
value outside the model; in XLSX, what openpyxl left out or replaced (a defined name for
a sheet the workbook lacks, unreadable relationships), each said once.

**Fails**

```xml
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```

**Passes**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```
""",
    "L117": """YAML anchors, aliases, merge keys and tags are not allowed.

Concept files are data, written by people and read by many tools; aliases make them
harder to read and can blow up in size ("billion laughs"), tags can ask a reader to
build objects. They are refused.

**Fails**

```yaml
id: &name a
note: *name
languages: {fi: {terms: [a]}}
```

**Passes**

```yaml
id: a
note: a
languages: {fi: {terms: [a]}}
```
""",
    "L118": """An XML document declares entities (``<!ENTITY …>`` in its DTD).

Entities are how XML files read other files (``SYSTEM "file:///etc/passwd"``) or blow
up in memory (nested entities, "billion laughs"). The parser never expands them and
never loads a DTD; a source that declares any is refused, so that a hostile file is
reported rather than read with holes in it.

**Fails**

```xml
<!DOCTYPE martif [<!ENTITY e "lol">]>
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```

**Passes**

```xml
<martif type="TBX"><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>
```
""",
    "L119": """A file larger than a concept file can reasonably be (limit: 10 MB for YAML).

Concept files are a few kilobytes each; a file of many megabytes is almost certainly a
mistake (a log, a dump) and is not parsed, which keeps validation fast and its memory
bounded. TBX files have no size limit.

**Fails**

```text
(a 50 MB file named concept.yaml)
```

**Passes**

```yaml
id: a
languages: {fi: {terms: [a]}}
```
""",
    "L121": """A symbolic link in the glossary folder that is not followed.

A glossary folder is read as what it holds: a link to a file or folder outside it
(``x.yaml -> /etc/shadow``), a link that leads nowhere, and a link to a folder that is
already being read (``loop -> .``) are skipped, so that nothing outside the folder is
read or shown in a message, and a loop cannot stop the reading. Links that stay inside
the folder are followed. A warning.

**Fails**

```text
terms/outside.yaml -> /home/me/notes.yaml
```

**Passes**

```text
terms/alias.yaml -> drafts/alias.yaml      (inside terms/)
```
""",
}


def _rule(code: str) -> Rule:
    name, severity, _ = LOAD_CODES[code]
    return Rule(code=code, name=name, severity=severity, scope=Scope.LOAD, doc=_DOCS[code])


LOAD_RULES = {code: _rule(code) for code in LOAD_CODES}
