"""A subject that is not in the ``[subjects]`` table of glossary.toml.

Subjects are codes with labels in every language; a code without a label cannot be shown
on the site or in the PDF. Not checked when glossary.toml has no ``[subjects]`` table.

**Fails**

```yaml
id: webinar
subjects: [e-lerning]
languages: {fi: {terms: [webinaari]}}
```

**Passes**

```yaml
id: webinar
subjects: [e-learning]
languages: {fi: {terms: [webinaari]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.model import Concept
from glossary.util import did_you_mean
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules.base import Context, Scope

CODE = "R203"
NAME = "unknown-subject"
SCOPE = Scope.CONCEPT


def check(concept: Concept, ctx: Context) -> Iterator[Diagnostic]:
    known = ctx.meta.subjects
    if not known:
        return
    for index, subject in enumerate(concept.subjects):
        if subject not in known:
            yield ctx.report(
                concept.where(f"subjects.{index}"),
                f"subject '{subject}' is not in [subjects] of glossary.toml"
                + did_you_mean(subject, known),
                concept.id,
            )
