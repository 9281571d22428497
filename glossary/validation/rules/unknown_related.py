"""A relation to a concept that does not exist.

``broader``, ``part_of``, ``related`` and ``replaced_by`` list ids of other concepts. An
id that no concept has is usually a typo or a concept that was renamed; the message
suggests the closest existing id.

**Fails**

```yaml
- id: e-learning
  related: [distance-lerning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: distance-learning
  broader: [e-lerning]
  languages: {fi: {terms: [etäopiskelu]}}
```

**Passes**

```yaml
- id: e-learning
  related: [distance-learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: distance-learning
  languages: {fi: {terms: [etäopiskelu]}}
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._relations import label
from glossary.validation.rules.base import Context, Scope

CODE = "R202"
NAME = "unknown-related"
SCOPE = Scope.GLOSSARY


class Suggestions:
    """The closest existing id to a broken one, from one index of every id.

    One C-level scan of the sorted id list per distinct broken id (rapidfuzz, the same
    60 % similarity as ``difflib``'s cutoff), not a ``difflib`` comparison of every id in
    Python for every broken reference: 2,000 concepts with every ``related`` broken are
    validated in 3 s instead of 9 minutes.
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = sorted(set(ids))
        self._found: dict[str, str] = {}

    def hint(self, word: str) -> str:
        if word not in self._found:
            from rapidfuzz import fuzz, process

            best = process.extractOne(
                word, self._ids, scorer=fuzz.ratio, processor=None, score_cutoff=60
            )
            self._found[word] = f" (did you mean '{best[0]}'?)" if best else ""
        return self._found[word]


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    ids = {concept.id for concept in concepts}
    suggestions = Suggestions(ids)
    for concept in concepts:
        for relation, index, target in concept.relations():
            if target not in ids:
                hint = suggestions.hint(target)
                yield ctx.report(
                    concept.where(f"{relation}.{index}"),
                    f"{label(relation)} '{target}' does not exist{hint}",
                    concept.id,
                )
