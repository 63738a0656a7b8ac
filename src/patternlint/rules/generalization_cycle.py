"""## What it does
Checks that the generalization hierarchy has no cycle. Each `generalizes_from` B in A's file,
and each `specializes_to` A in B's file, says A is more general than B; following these steps
from a pattern must never lead back to it, as in `a` → `b` → `a` (`a` generalizes from `b`,
which generalizes from `a`) or longer.

Every file that writes one of the cycle's links gets one finding, on that link, listing the
shortest such cycle through it, read in the direction of the link's own type. A file that is on
a cycle only through its neighbours' links has nothing to change and gets none. Only the
human-curated `relationships` are read. A pattern naming itself is `self-relationship`'s, and
one file naming a pattern under both types is `contradictory-relationship`'s: neither is read as
a cycle here.

## Why is this bad?
Generalization is an order: "what is this a case of" and "which variants exist" are walked up
and down it. A cycle makes a pattern more general than itself, so the hierarchy has no top, a
breadcrumb or tree built from it never ends, and at least one of the links is the wrong way
round.

## Example
In `absurdism-and-joy.md`:
```yaml
relationships:
  specializes_to:
    - slug: absurdist-perspectives-on-existential-challenges
```
and in `absurdist-perspectives-on-existential-challenges.md`:
```yaml
relationships:
  specializes_to:
    - slug: absurdism-and-joy
```

## Use instead
Decide which pattern is the more general one; if it is the broader perspectives pattern,
`absurdist-perspectives-on-existential-challenges.md` says:
```yaml
relationships:
  generalizes_from:
    - slug: absurdism-and-joy
```

## Fix
Not fixable automatically: only the author knows which pattern is the more general.
"""

from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator, Mapping

from patternlint.index import LibraryIndex, Link
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.rules._common import join_paths
from patternlint.rules._graph import name

Graph = Mapping[str, Iterable[str]]


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    # general → specific, whichever file writes the link
    edges = index.curated_edges
    down: dict[str, set[str]] = {}
    up: dict[str, set[str]] = {}
    for source, relation, named in edges:
        if source == named or _both_ways(edges, source, named):
            continue
        if relation == "generalizes_from":
            general, specific = source, named
        elif relation == "specializes_to":
            general, specific = named, source
        else:
            continue
        down.setdefault(general, set()).add(specific)
        up.setdefault(specific, set()).add(general)
    if not down:
        return
    component = strongly_connected(down)
    if not component:
        return
    members: dict[int, set[str]] = {}
    for path, number in component.items():
        members.setdefault(number, set()).add(path)
    by_path = {r.path: r for r in index.records}
    for record in index.reported:
        here = component.get(record.path)
        if here is None:
            continue
        candidates = [
            (link, target)
            for link, target in index.edges[record.path]
            if link.curated
            and link.relation in ("generalizes_from", "specializes_to")
            and target is not record
            and component.get(target.path) == here
            and not _both_ways(edges, record.path, target.path)
        ]
        if not candidates:
            continue
        inside = members[here]
        # shortest paths back to this file (along `down`) and onwards from it
        to_here = shortest_paths(record.path, up, inside)
        from_here = shortest_paths(record.path, down, inside)
        best: tuple[int, int, int, Link, list[str]] | None = None
        for link, target in candidates:
            if link.relation == "generalizes_from":
                # record → target, then down from target back to record
                steps = walk(target.path, to_here)
            else:
                # record is below target: up from record to target, read as "specializes to"
                steps = walk(target.path, from_here)
            cycle = [record.path, *steps]
            key = (len(cycle), link.span.line, link.span.column)
            if best is None or key < best[:3]:
                best = (*key, link, cycle)
        assert best is not None
        link, cycle = best[3], best[4]
        names = " → ".join(f"`{name(by_path[p])}`" for p in cycle)
        if link.relation == "generalizes_from":
            reading, impossible = "generalizes from", "more general"
        else:
            reading, impossible = "specializes to", "more specific"
        # the other files that write one of the cycle's links: the places to change
        downward = cycle if link.relation == "generalizes_from" else cycle[::-1]
        writers: dict[str, None] = {}
        for general, specific in zip(downward, downward[1:]):
            if (general, "generalizes_from", specific) in edges:
                writers[general] = None
            if (specific, "specializes_to", general) in edges:
                writers[specific] = None
        writers.pop(record.path, None)
        others = join_paths(writers, record.path)
        where = f"here or in {others}" if others else "here"
        yield LibraryViolation(
            record.path,
            Violation(
                f"`{link.relation}` closes the cycle {names} (each {reading} the next); "
                f"a pattern cannot be {impossible} than itself",
                link.span,
                "decide which pattern is the more general one and remove or turn around the "
                f"links that say otherwise, {where}",
            ),
        )


def _both_ways(edges: frozenset[tuple[str, str, str]], source: str, named: str) -> bool:
    """One file says both: that is contradictory-relationship's finding, not a cycle to list."""
    return (source, "generalizes_from", named) in edges and (source, "specializes_to", named) in edges


def strongly_connected(graph: Graph) -> dict[str, int]:
    """The strongly connected component of each node that is on a cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    if len(members) > 1:
                        for member in members:
                            component[member] = index[node]
    return component


def shortest_paths(start: str, graph: Graph, inside: set[str]) -> dict[str, str | None]:
    """Breadth-first from `start` within `inside`: each reached node's step back towards it."""
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph.get(node, ())):
            if nxt in inside and nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return previous


def walk(node: str, previous: Mapping[str, str | None]) -> list[str]:
    """From `node` back to the start of the search that produced `previous`."""
    path = [node]
    step = previous[node]
    while step is not None:
        path.append(step)
        step = previous[step]
    return path


rule = Rule(
    code="PL308",
    name="generalization-cycle",
    summary="Generalization links form a cycle",
    scope=Scope.LIBRARY,
    severity=Severity.ERROR,
    doc=__doc__,
    library_check=check,
)
