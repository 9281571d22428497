"""Broader (or part_of) relations that lead round in a circle.

Following ``broader`` from a concept must never come back to it: in a chain
A → B → C → A each concept would be a kind of itself. The same holds for ``part_of``.
Each tangle of circles is reported once, at its first concept in source order, with
the shortest circle through it. (Two concepts that name each other are reported by
R207.)

**Fails**

```yaml
- id: learning
  broader: [online-learning]
  languages: {fi: {terms: [oppiminen]}}
- id: e-learning
  broader: [learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
```

**Passes**

```yaml
- id: learning
  languages: {fi: {terms: [oppiminen]}}
- id: e-learning
  broader: [learning]
  languages: {fi: {terms: [verkko-oppiminen]}}
- id: online-learning
  broader: [e-learning]
  languages: {fi: {terms: [verkkokoulutus]}}
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.model import Concept
from glossary.validation.diagnostics import Diagnostic
from glossary.validation.rules._relations import HIERARCHICAL, edges
from glossary.validation.rules.base import Context, Scope

CODE = "R205"
NAME = "relation-cycle"
SCOPE = Scope.GLOSSARY


def _components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan, iterative: a long chain needs no deep stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _circle(graph: dict[str, list[str]], start: str, members: set[str]) -> list[str] | None:
    """A shortest circle of three or more concepts from ``start`` back to it inside one
    component, or None (breadth first; two concepts naming each other are R207's)."""
    previous: dict[str, str] = {start: start}
    depth = {start: 0}
    queue = [start]
    for node in queue:
        for target in graph[node]:
            if target not in members:
                continue
            if target == start and depth[node] >= 2:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target not in previous:
                previous[target] = node
                depth[target] = depth[node] + 1
                queue.append(target)
    return None


def check(concepts: Sequence[Concept], ctx: Context) -> Iterator[Diagnostic]:
    order = {concept.id: position for position, concept in enumerate(concepts)}
    by_id = {concept.id: concept for concept in concepts}
    for relation in HIERARCHICAL:
        graph = edges(concepts, relation)
        for component in _components(graph):
            if len(component) < 3:
                continue  # one concept: R204; two naming each other: R207
            members = set(component)
            path = None
            for first in sorted(component, key=order.__getitem__):
                path = _circle(graph, first, members)
                if path is not None:
                    break
            if path is None:
                continue  # only pairs naming each other
            concept = by_id[path[0]]
            at = getattr(concept, relation).index(path[1])
            yield ctx.report(
                concept.where(f"{relation}.{at}"),
                f"'{relation}' goes round in a circle: {' → '.join(path)}",
                concept.id,
            )
