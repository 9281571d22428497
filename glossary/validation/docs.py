"""docs/rules.md, generated from the rules themselves: ``python -m glossary.validation.docs``.

Each rule's docstring is its documentation; a test fails when docs/rules.md is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.validation.rules import RULES, Rule

__all__ = ["rules_markdown"]

_INTRO = """\
# Rules

`glossary validate` reads every source, then runs these rules and prints each problem as
`path:line:col: severity: CODE message`, as compilers do (or as JSON with `--format json`,
or as GitHub workflow annotations with `--format github`):

```console
$ glossary validate terms/webinar.yaml
terms/webinar.yaml:3:9: error: L108 'aproved' is not a valid status; expected one of: draft, reviewed, approved, retired (did you mean 'approved'?)
terms/webinar.yaml:9:15: error: K506 'webinaari, verkkoseminaari' (fi) looks like two terms joined by ','; give each its own entry under terms
1 concept in 1 file: 2 errors, 0 warnings
```

It exits with 1 when there is an error (with `--strict`, a warning too) and with 0
otherwise.

Given one concept file (or several), it checks them against the whole glossary they
belong to, the folder of the nearest `glossary.toml` above them: a relation to a concept
in another file is found, a term another file uses is compared, and only the named
files' problems are printed. That is quick enough to run when a file is saved: on the
bundled glossary (620 files, a machine shared by several busy processes), one file took
3.9 s without the cache against 7.6 s for the folder, and 2.7 s with the cache after an
edit to it, the same as the whole folder then (2.5 s), both mostly start-up and reading
the cache.

Codes start with a letter for their family:

| family | what |
|---|---|
| `L` | loading and structure: syntax, fields, types, values, ids, language tags |
| `R` | references: ids, cross-references, subjects |
| `C` | completeness: required languages, definitions, preferred terms, grammar |
| `H` | term hygiene: spaces, Unicode normalisation, mixed scripts, invisible characters, brackets |
| `K` | consistency: duplicates, deprecated terms, circular definitions, capitals |
| `X` | TBX sources against the TBX-Basic schema |

## Errors and warnings

A rule's severity says what a terminologist would do about what it finds. An **error**
is data that is wrong whoever looks at it, and that a reader or a tool would take at its
word: a term in the wrong script (H406), two terms in one (K506), a stress mark inside
a term (H407), a section in a language the glossary does not declare (R209), relations
that contradict each other (R207), one preferred term for two concepts (K501). A
**warning** asks for a judgment the data cannot make: a term that two concepts share
with another status (K507; homonymy can be real, and numbered homographs silence it), a
definition that may only repeat its term (K503), a capital letter (K504), a `related`
link that repeats a hierarchical one (R208), a missing part of a draft. `--strict`
fails on warnings too; the bundled glossary is kept clean under it, deciding each
warning with a fix, a `homograph` number or a `# noqa` comment that says why.

## Choosing rules

In `glossary.toml`:

```toml
[validate]
select = []                 # when not empty, only these rules run
extend-select = ["C305"]    # rules that are off by default, switched on
ignore = ["K504"]           # rules switched off
tbx_schema = "schemas/TBXcoreStructV03_TBX-Basic_integrated.rng"  # optional, for TBX sources

[validate.severity]
K507 = "error"              # make a warning an error, or the reverse

[validate.options.C306]
languages = ["ru", "uk"]    # a rule's options, checked against the types below
```

Codes may be prefixes (`H4` is every hygiene rule); for each rule the longest matching
prefix decides, and an ignore wins a tie. On the command line, `--select` and `--ignore`
(comma-separated, repeatable) replace the settings of `glossary.toml`. Mistakes in these
settings (an unknown code, an option of the wrong type) are reported as diagnostics on
`glossary.toml`.

A single line of a YAML source can be exempted with a comment at its end:
`# noqa: K504` (one or more codes or prefixes) or `# noqa` (every rule); say why after it.

Unchanged files are not read again: what each file gave is cached, keyed by its content
(see the README); `--no-cache` reads everything afresh.

## All rules

"""  # noqa: E501 (the example output is as long as it prints)


def _row(rule: Rule) -> str:
    default = "on" if rule.default_enabled else "off"
    link = f"[`{rule.code}`](#{rule.code.lower()}-{rule.name})"
    return f"| {link} | {rule.name} | {rule.severity.value} | {default} | {rule.summary} |"


def _section(rule: Rule) -> str:
    doc = rule.doc.strip()
    lines = [f"## {rule.code} {rule.name}", ""]
    facts = f"Severity: **{rule.severity.value}**. "
    facts += "On by default." if rule.default_enabled else "Off unless selected."
    lines += [doc, "", facts]
    if rule.options:
        lines += ["", "| option | type | default |", "|---|---|---|"]
        for name, kind in rule.options.items():
            lines.append(f"| `{name}` | {kind.__name__} | `{rule.defaults.get(name)!r}` |")
    return "\n".join(lines)


def rules_markdown() -> str:
    parts = [_INTRO]
    parts.append("| code | name | severity | default | what |\n|---|---|---|---|---|")
    parts.append("\n".join(_row(rule) for rule in RULES.values()))
    parts.append("")
    for rule in RULES.values():
        parts.append(_section(rule))
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    text = rules_markdown()
    if target is None:
        sys.stdout.write(text)
    else:
        target.write_text(text, encoding="utf-8")
