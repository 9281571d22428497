"""A TBX source that breaks the TBX-Basic schema (TBX v3, DCA style).

A TBX file given as a glossary source is checked against the rules of the official
TBX-Basic dialect (release 1.2.1): the TBX core structure (what each element may contain
and in which order), the data categories TBX-Basic allows on each element and at which
level, their picklist values, unique ids, and cross-references that point at an id of the
file or at an http(s) address. These are the constraints of the official RELAX NG schema
and Schematron rules, checked without needing those files; the test suite holds this
check to the official schemas' verdicts on real files. With ``tbx_schema`` set in
``[validate]`` (the path of an official ``.rng``), that schema is run as well.

Files of other dialects or of TBX v2 are read all the same; they are reported once as
not TBX-Basic (``X602``, a warning) and not checked further.

**Fails**

```xml
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <termSec>
          <term>galaxy</term>
          <termNote type="partOfSpeech">Noun</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
```

**Passes**

```xml
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <termSec>
          <term>galaxy</term>
          <termNote type="partOfSpeech">noun</termNote>
        </termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
```
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from glossary.validation.diagnostics import Diagnostic, Severity
from glossary.validation.rules.base import Scope

CODE = "X601"
NAME = "tbx-basic"
SCOPE = Scope.TBX
NOT_BASIC = ("X602", "not-tbx-basic")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

Where = Callable[[etree._Element], tuple[int, int]]

# -- the core structure: the children each element may have, in order ------------------

_AUX = {"descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}
_NOTE_TEXT = {"hi", "foreign", "sc", "ec", "ph"}

#: element -> ordered groups: (allowed names, minimum, maximum)
_CONTENT: dict[str, list[tuple[set[str], int, int | None]]] = {
    "tbx": [({"tbxHeader"}, 1, 1), ({"text"}, 1, 1)],
    "tbxHeader": [({"fileDesc"}, 1, 1), ({"encodingDesc"}, 0, 1), ({"revisionDesc"}, 0, 1)],
    # The core schema puts publicationStmt first, the TBX-Basic one titleStmt first.
    "fileDesc": [({"titleStmt", "publicationStmt"}, 0, 2), ({"sourceDesc"}, 1, None)],
    "titleStmt": [({"title"}, 1, 1), ({"note"}, 0, None)],
    "publicationStmt": [({"p"}, 1, None)],
    "sourceDesc": [({"p"}, 1, None)],
    "encodingDesc": [({"p"}, 1, None)],
    "revisionDesc": [({"change"}, 1, None)],
    "change": [({"p"}, 1, None)],
    "text": [({"body"}, 1, 1), ({"back"}, 0, 1)],
    "body": [({"conceptEntry"}, 0, None)],
    "back": [({"refObjectSec"}, 0, None)],
    "refObjectSec": [({"refObject"}, 1, None)],
    "refObject": [({"itemSet", "itemGrp", "item"}, 1, None)],
    "conceptEntry": [(_AUX, 0, None), ({"langSec"}, 1, None)],
    "langSec": [(_AUX, 0, None), ({"termSec"}, 1, None)],
    "termSec": [({"term"}, 1, 1), ({"termNote", "termNoteGrp"}, 0, None), (_AUX, 0, None)],
    "descripGrp": [
        ({"descrip"}, 1, 1),
        ({"descripNote", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}, 0, None),
    ],
    "adminGrp": [({"admin"}, 1, 1), ({"adminNote", "note", "ref", "xref"}, 0, None)],
    "transacGrp": [({"transac"}, 1, 1), ({"transacNote", "date", "note", "ref", "xref"}, 0, None)],
    "termNoteGrp": [({"termNote"}, 1, 1), ({"adminGrp", "transacGrp", "note"}, 0, None)],
}
_TEXT_ONLY = {
    "term",
    "termNote",
    "descrip",
    "admin",
    "note",
    "p",
    "title",
    "ref",
    "xref",
    "transac",
    "transacNote",
    "date",
    "descripNote",
    "adminNote",
    "item",
}
_REQUIRED_ATTRIBUTES = {
    "tbx": ("type", "style", _XML_LANG),
    "conceptEntry": ("id",),
    "langSec": (_XML_LANG,),
    "termNote": ("type",),
    "descrip": ("type",),
    "admin": ("type",),
    "ref": ("type",),
    "xref": ("type", "target"),
    "transac": ("type",),
}

# -- TBX-Basic (DCA): data categories, levels and picklists ---------------------------

_TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {
        "administrativeStatus",
        "partOfSpeech",
        "geographicalUsage",
        "grammaticalGender",
        "termLocation",
        "termType",
    },
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
#: (element, type) -> the levels where it may stand (directly, or inside a *Grp there)
_LEVELS = {
    ("admin", "customerSubset"): {"conceptEntry", "termSec"},
    ("admin", "projectSubset"): {"conceptEntry", "termSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "context"): {"termSec"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("transac", "transactionType"): {"conceptEntry", "langSec", "termSec"},
    ("transacNote", "responsibility"): {"conceptEntry", "langSec", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "langSec", "termSec"},
    ("xref", "xGraphic"): {"conceptEntry", "langSec"},
}
_PICKLISTS = {
    "administrativeStatus": {
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
        "preferredTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    "termLocation": {
        "checkBox",
        "comboBox",
        "comboBoxElement",
        "dialogBox",
        "groupBox",
        "informativeMessage",
        "interactiveMessage",
        "menuItem",
        "progressBar",
        "pushButton",
        "radioButton",
        "slider",
        "spinBox",
        "tab",
        "tableText",
        "textBox",
        "toolTip",
        "user-definedType",
    },
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "transactionType": {"origination", "modification"},
}
_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
_HTTP = re.compile(r"^https?://.+")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace


def is_basic_dca(root: etree._Element) -> bool:
    return (
        _local(root) == "tbx"
        and _namespace(root) == TBX_NS
        and root.get("type") == "TBX-Basic"
        and root.get("style") == "dca"
    )


def dialect(root: etree._Element) -> str:
    name = _local(root)
    if name != "tbx":
        return f"TBX v2 (<{name}>)"
    return f"TBX v3 {root.get('type') or '(no type)'} in {root.get('style') or '(no)'} style"


def _level(element: etree._Element) -> str | None:
    """The level (conceptEntry, langSec, termSec) an element stands at."""
    parent = element.getparent()
    while parent is not None and _local(parent).endswith("Grp"):
        parent = parent.getparent()
    return _local(parent) if parent is not None else None


def _check_content(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    name = _local(element)
    children = [c for c in element if isinstance(c.tag, str)]
    if name in _TEXT_ONLY:
        for child in children:
            if _local(child) not in _NOTE_TEXT:
                yield child, f"<{_local(child)}> is not allowed inside <{name}>"
        return
    groups = _CONTENT.get(name)
    if groups is None:
        return
    index = 0
    for allowed, low, high in groups:
        count = 0
        while index < len(children) and _local(children[index]) in allowed:
            index += 1
            count += 1
            if high is not None and count > high:
                yield children[index - 1], f"too many <{_local(children[index - 1])}> in <{name}>"
        if count < low:
            at = children[index] if index < len(children) else element
            wanted = " or ".join(f"<{a}>" for a in sorted(allowed))
            yield at, f"<{name}> needs {wanted} here"
    if index < len(children):  # the first child out of place; what follows is its echo
        yield children[index], f"<{_local(children[index])}> is not allowed here in <{name}>"
    for text in [element.text, *(c.tail for c in children)]:
        if text and text.strip():
            yield element, f"<{name}> may not contain text"
            break


def check_tree(root: etree._Element, path: str, where: Where) -> Iterator[Diagnostic]:
    """Every TBX-Basic (DCA) violation of a parsed TBX document."""

    def report(element: etree._Element, message: str) -> Diagnostic:
        line, col = where(element)
        return Diagnostic(path, line, col, CODE, message, Severity.ERROR)

    if not is_basic_dca(root):
        line, col = where(root)
        yield Diagnostic(
            path,
            line,
            col,
            NOT_BASIC[0],
            f"{dialect(root)}: read, but not checked against TBX-Basic (TBX v3, DCA)",
            Severity.WARNING,
        )
        return

    ids: dict[str, etree._Element] = {}
    for element in root.iter(tag=etree.Element):
        if element.get("id") is not None:
            value = element.get("id", "")
            if not _NCNAME.match(value):
                yield report(element, f"id '{value}' is not an XML name")
            elif value in ids:
                line, _ = where(ids[value])
                yield report(element, f"id '{value}' is already used on line {line}")
            else:
                ids[value] = element

    for element in root.iter(tag=etree.Element):
        name = _local(element)
        if _namespace(element) != TBX_NS:
            yield report(
                element,
                f"<{element.prefix}:{name}>: DCT-style elements are not permitted in DCA-style TBX",
            )
            continue
        for attribute in _REQUIRED_ATTRIBUTES.get(name, ()):
            if element.get(attribute) in (None, ""):
                shown = "xml:lang" if attribute == _XML_LANG else attribute
                yield report(element, f"<{name}> needs the attribute {shown}")
        yield from (report(e, m) for e, m in _check_content(element))

        kind = element.get("type")
        if name in _TYPES and kind:
            if kind not in _TYPES[name]:
                allowed = ", ".join(sorted(_TYPES[name]))
                yield report(element, f'<{name} type="{kind}">: TBX-Basic permits {allowed}')
            else:
                levels = _LEVELS.get((name, kind))
                level = _level(element)
                if levels and level not in levels:
                    yield report(
                        element,
                        f"/{kind}/ may only appear at level(s): {', '.join(sorted(levels))}",
                    )
                values = _PICKLISTS.get(kind)
                text = "".join(str(t) for t in element.itertext())
                if values and text not in values:
                    yield report(
                        element, f"/{kind}/ may be: {', '.join(sorted(values))}; not '{text}'"
                    )
        if name == "termNote" and _level(element) != "termSec":
            yield report(element, "a termNote is only allowed at the termSec level")
        target = element.get("target")
        if target is not None and not (_HTTP.match(target) or target in ids):
            yield report(
                element, f"target '{target}' is neither an id of this file nor an http(s) URI"
            )
