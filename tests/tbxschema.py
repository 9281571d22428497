"""The official TBX-Basic schemas, run with lxml.

The RELAX NG schema runs as published. The Schematron rules are written for XSLT 2,
which lxml cannot run; three of their expressions use XPath 2 and have exact XPath 1
equivalents here, so every rule of the official file runs unchanged in meaning:

- ``queryBinding="xslt2"`` -> ``"xslt"``;
- ``matches(@target,'https?://.+')`` -> ``starts-with`` on ``http://`` / ``https://``
  followed by at least one character;
- ``./local-name()`` (a path step calling a function, XPath 2) -> ``local-name()``.

A test checks that the rewrite touches exactly these expressions and that the rules
still reject the invalid samples of the TBX-Basic package.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, isoschematron

REWRITES = (
    ('queryBinding="xslt2"', 'queryBinding="xslt"'),
    (
        "matches(@target,'https?://.+')",
        "((starts-with(@target,'http://') and string-length(@target) > 7) or "
        "(starts-with(@target,'https://') and string-length(@target) > 8))",
    ),
    ("./local-name()", "local-name()"),
)


def basic_rng(interop: Path) -> etree.RelaxNG:
    path = interop / "schemas/tbx-v3/basic/TBXcoreStructV03_TBX-Basic_integrated.rng"
    return etree.RelaxNG(etree.parse(str(path)))


def core_rng(interop: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(interop / "schemas/tbx-v3/core/TBXcoreStructV03.rng")))


def schematron_text(interop: Path) -> str:
    return (interop / "schemas/tbx-v3/basic/TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")


def basic_schematron(interop: Path) -> isoschematron.Schematron:
    text = schematron_text(interop)
    for old, new in REWRITES:
        assert old in text, f"the official Schematron no longer contains {old!r}"
        text = text.replace(old, new)
    return isoschematron.Schematron(etree.XML(text.encode("utf-8")), store_report=True)


def errors(validator: etree._Validator) -> list[str]:
    return [f"{e.line}: {e.message}" for e in validator.error_log]


# -- TBX v2: TBX-Basic 2008 ---------------------------------------------------------------

_SCHEMATRON_15 = "http://www.ascc.net/xml/schematron"
_ISO_SCHEMATRON = "http://purl.oclc.org/dsdl/schematron"


def basic_v2_rng(interop: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(interop / "schemas/tbx-v2/basic/TBXBasicRNGV02.rng")))


def basic_v2_dtd(interop: Path) -> etree.DTD:
    return etree.DTD(str(interop / "schemas/tbx-v2/basic/TBXBasiccoreStructV02.dtd"))


def core_v2_dtd(interop: Path) -> etree.DTD:
    return etree.DTD(str(interop / "schemas/tbx-v2/core/TBXcoreStructV02.dtd"))


def basic_v2_schematron(interop: Path) -> isoschematron.Schematron:
    """The Schematron 1.5 rules embedded in the TBX-Basic 2008 RELAX NG schema, moved
    unchanged (their tests are XPath 1) into an ISO Schematron schema that lxml runs."""
    rng = etree.parse(str(interop / "schemas/tbx-v2/basic/TBXBasicRNGV02.rng"))
    schema = etree.Element(
        f"{{{_ISO_SCHEMATRON}}}schema", nsmap={"sch": _ISO_SCHEMATRON}, queryBinding="xslt"
    )
    for old in rng.iterfind(f".//{{{_SCHEMATRON_15}}}pattern"):
        pattern = etree.SubElement(schema, f"{{{_ISO_SCHEMATRON}}}pattern", id=old.get("name"))
        for old_rule in old.iterfind(f"{{{_SCHEMATRON_15}}}rule"):
            rule = etree.SubElement(
                pattern, f"{{{_ISO_SCHEMATRON}}}rule", context=old_rule.get("context")
            )
            for old_check in old_rule:
                name = etree.QName(old_check).localname
                check = etree.SubElement(
                    rule, f"{{{_ISO_SCHEMATRON}}}{name}", test=old_check.get("test")
                )
                check.text = " ".join((old_check.text or "").split())
    return isoschematron.Schematron(schema, store_report=True)
