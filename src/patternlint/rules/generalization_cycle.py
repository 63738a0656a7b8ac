"""## What it does
Checks that the generalization hierarchy has no cycle. Each link of a generalization type (the
types of the profile's `generalization` table; commons-v7: `generalizes_from` and
`specializes_to`) says one of its two patterns is the more general; following these steps
from a pattern must never lead back to it, as in `a` → `b` → `a` (`a` generalizes from `b`,
which generalizes from `a`) or longer. Which end of each link type is the more general is the
profile's setting: ADR-0005's reading by default (`A generalizes_from B`: A is the more
general; `A specializes_to B`: B is), or a profile's `generalization` table, e.g.
`generalization = {generalizes_from = "target", specializes_to = "source"}`.

Every file that writes one of the cycle's links gets one finding, on that link, listing the
shortest such cycle through it, read in the direction of the link's own type. A file that is on
a cycle only through its neighbours' links has nothing to change and gets none. A knot of more
than 64 patterns caught in cycles with each other is reported once, on its first file, with
how many patterns it holds. A long cycle is listed by its first names and a count of the rest.
Only the human-curated `relationships` are read. A pattern naming itself is
`self-relationship`'s, and one file naming a pattern under both types is
`contradictory-relationship`'s: neither is read as a cycle here.

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
from typing import Iterable, Iterator, Mapping, Sequence

from patternlint.index import LibraryIndex
from patternlint.facts import Link
from patternlint.model import LibraryViolation, Rule, Scope, Severity, Violation
from patternlint.links import General
from patternlint.rules._common import join_paths
from patternlint.rules._graph import name

Graph = Mapping[str, Iterable[str]]

# A knot of more patterns than this is reported once, on its first file, instead of once per
# file that writes one of its links: a search per member would take time quadratic in its size,
# and hundreds of findings about one knot say no more than one.
PER_FILE_LIMIT = 64
# A cycle longer than this is listed by its first names and a count of the rest.
LISTED = 6
# At most this many other files are named as places to change.
WRITERS_LISTED = 3


def check(index: LibraryIndex, options: None) -> Iterator[LibraryViolation]:
    edges = index.curated_edges
    reading = index.hierarchy
    # general → specific, whichever file writes the link
    down: dict[str, set[str]] = {}
    up: dict[str, set[str]] = {}
    for source, relation, named in edges:
        end = reading.get(relation)
        if end is None or source == named or _both_ways(edges, reading, source, named):
            continue
        general, specific = (source, named) if end is General.SOURCE else (named, source)
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
    knots_reported: set[int] = set()
    for record in index.reported:
        here = component.get(record.path)
        if here is None:
            continue
        inside = members[here]
        large = len(inside) > PER_FILE_LIMIT
        if large and here in knots_reported:
            continue
        candidates = [
            (link, target)
            for link, target in index.edges[record.path]
            if link.curated
            and link.relation in reading
            and target is not record
            and component.get(target.path) == here
            and not _both_ways(edges, reading, record.path, target.path)
        ]
        if not candidates:
            continue
        knots_reported.add(here)
        # A cycle is read in the direction of the link that closes it: towards the more
        # specific pattern when the file writing the link is the more general one.
        searched: dict[General, dict[str, str | None]] = {}
        best: tuple[int, int, int, Link, list[str]] | None = None
        for link, target in candidates:
            end = reading[link.relation]
            if end not in searched:
                # shortest paths back to this file along the links' reading direction
                searched[end] = shortest_paths(record.path, up if end is General.SOURCE else down, inside)
            if target.path not in searched[end]:
                continue
            cycle = [record.path, *walk(target.path, searched[end])]
            key = (len(cycle), link.span.line, link.span.column)
            if best is None or key < best[:3]:
                best = (*key, link, cycle)
        if best is None:
            continue
        link, cycle = best[3], best[4]
        end = reading[link.relation]
        names = _listed([f"`{name(by_path[p])}`" for p in cycle])
        reading_words = (
            link.relation.replace("_from", " from").replace("_to", " to").replace("_", " ") + " the next"
            if "_" in link.relation  # a verb phrase: `generalizes_from`
            else f"names the next as its `{link.relation}`"
        )
        impossible = "more general" if end is General.SOURCE else "more specific"
        # the other files that write one of the cycle's links: the places to change
        writers: dict[str, None] = {}
        for a, b in zip(cycle, cycle[1:]):
            general, specific = (a, b) if end is General.SOURCE else (b, a)
            for relation, writer_end in reading.items():
                writer, other = (general, specific) if writer_end is General.SOURCE else (specific, general)
                if (writer, relation, other) in edges:
                    writers[writer] = None
        writers.pop(record.path, None)
        where = f"here or in {_capped_paths(list(writers), record.path)}" if writers else "here"
        knot = ""
        if large:
            others = sorted(inside - set(cycle))
            if others:
                knot = (
                    f"; {len(inside)} patterns are caught in cycles with each other, "
                    f"reported once here: also {_capped([f'`{name(by_path[p])}`' for p in others])}"
                )
        yield LibraryViolation(
            record.path,
            Violation(
                f"`{link.relation}` closes the cycle {names} (each {reading_words}); "
                f"a pattern cannot be {impossible} than itself{knot}",
                link.span,
                "decide which pattern is the more general one and remove or turn around the "
                f"links that say otherwise, {where}",
            ),
        )


def _listed(names: Sequence[str]) -> str:
    """A cycle's names joined by arrows; a long one by its first names, a count, and its end."""
    if len(names) <= LISTED:
        return " → ".join(names)
    shown = LISTED - 2
    return " → ".join([*names[:shown], f"… {len(names) - shown - 1} more …", names[-1]])


def _capped(names: Sequence[str]) -> str:
    if len(names) <= WRITERS_LISTED:
        return ", ".join(names)
    return ", ".join(names[:WRITERS_LISTED]) + f" and {len(names) - WRITERS_LISTED} more"


def _more_files(count: int) -> str:
    return f" and {count} more file{'s' if count > 1 else ''}"


def _capped_paths(paths: Sequence[str], seen_from: str) -> str:
    if len(paths) <= WRITERS_LISTED:
        return join_paths(paths, seen_from)
    return join_paths(paths[:WRITERS_LISTED], seen_from) + _more_files(len(paths) - WRITERS_LISTED)


def _both_ways(edges: frozenset[tuple[str, str, str]], reading: Mapping[str, General], source: str, named: str) -> bool:
    """One file says both that it is the more general and that `named` is: that is
    contradictory-relationship's finding, not a cycle to list."""
    ends = {end for relation, end in reading.items() if (source, relation, named) in edges}
    return len(ends) > 1


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
