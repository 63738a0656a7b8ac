"""What the health report shows, derived from one lint run: the records of every file of the
library (its graph) and the findings of the files checked. Pure data, no HTML: `page.py` turns it
into the page, and the tests check these numbers against counts of their own.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from patternlint.frozen import frozen
from patternlint.index import LibraryIndex
from patternlint.facts import SCORES, FileRecord
from patternlint.model import Finding, Severity
from patternlint.links import General, Links
from patternlint.facts import Layout
from patternlint.report.decisions import SECTION_KINDS

# A cause is systemic when it reaches at least this many files (and this share of the files).
CAUSE_MIN_FILES = 10
CAUSE_MIN_SHARE = 0.01
CAUSE_EXAMPLES = 3
# The overall score may differ from the mean of the dimensions by this much (the rounding to one
# decimal that the library's tooling does; the score rule's default tolerance).
SCORE_TOLERANCE = 0.05 + 1e-9
DEGREE_CAP = 20  # the last bar of the links-per-pattern histograms counts this many and more
LETTERS = "abcdefghijklmnopqrstuvwxyz#"  # `#`: any other first character
_VALUE = re.compile(r"`[^`]*`")
_NUMBERS = re.compile(r"`(\d+)`")


@frozen
class Node:
    path: str  # as the run shows it
    href: str  # relative to the report's folder
    name: str  # the slug, else the file name
    layout: str
    profile: str
    domain: str | None
    scores: tuple[float | None, ...]


@frozen
class Edge:
    source: int
    target: int
    relation: str
    curated: bool


@frozen
class Broken:
    source: int
    relation: str
    target: str
    curated: bool


@frozen
class Cause:
    """One cause behind many findings: a rule's message with its values left out."""

    code: str
    rule: str
    severity: Severity
    template: str
    findings: int
    files: int
    examples: tuple[Finding, ...]
    decision: str


@frozen
class Coverage:
    relation: str
    checkable: int  # curated links of the type between two different v7 files
    covered: int  # ... whose target names the source under the inverse type


@frozen
class SectionGaps:
    section: str
    missing: tuple[int, ...]  # node indices
    empty: tuple[int, ...]
    short: tuple[int, ...]
    long: tuple[int, ...]


@frozen
class BaselineChange:
    file: str
    known: int  # findings the baseline lists
    new: int  # findings it does not
    fixed: int  # baseline entries that no longer occur


@frozen
class Report:
    root: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    broken: tuple[Broken, ...]
    findings: tuple[Finding, ...]
    finding_nodes: tuple[int, ...]  # the node of each finding
    new: tuple[bool, ...] | None  # per finding, with a baseline: not in it
    baseline: BaselineChange | None
    rules: Mapping[str, tuple[str, str]]  # code → (name, summary)
    by_layout: Mapping[str, int]
    by_profile: Mapping[str, int]
    by_severity: Mapping[str, int]
    by_rule: Mapping[str, int]
    causes: tuple[Cause, ...]
    orphans: tuple[int, ...]  # v7 patterns no curated link joins to another
    untargeted: tuple[int, ...]  # v7 patterns no other file's curated link names
    cycles: tuple[tuple[int, ...], ...]  # generalization cycles, each its node indices
    coverage: tuple[Coverage, ...]
    letters: Mapping[str, Mapping[str, int]]  # `slugs`, `curated`, `inferred` → letter → count
    score_bins: Mapping[str, Mapping[float, int]]  # dimension → bin start → count
    score_pairs: tuple[tuple[int, float, float], ...]  # (node, mean of dimensions, overall)
    degrees: Mapping[str, Mapping[int, int]]  # `in`, `out` → links → patterns
    sections: tuple[SectionGaps, ...]

    @property
    def mismatches(self) -> int:
        return sum(1 for _, mean, overall in self.score_pairs if abs(mean - overall) > SCORE_TOLERANCE)


def build(
    records: Iterable[FileRecord],
    findings: Sequence[Finding],
    profiles: Mapping[str, str],
    locations: Mapping[str, Path],
    root: Path,
    out_dir: Path,
    rules: Mapping[str, tuple[str, str]],
    decisions: Mapping[str, str],
    new: Sequence[bool] | None = None,
    baseline: BaselineChange | None = None,
    *,
    links: Links,
) -> Report:
    """`profiles` names each record's profile by path, `locations` its file; `out_dir` is the report's folder (links to
    files are relative to it); `decisions` is the decision that fixes a cause, by rule name."""
    index = LibraryIndex(records, links=links)
    records = index.records
    position = {r.path: i for i, r in enumerate(records)}
    hrefs = _hrefs([locations.get(r.path) or Path(r.path) for r in records], out_dir)
    nodes = tuple(
        Node(
            r.path,
            href,
            r.slug or r.stem,
            r.layout.value,
            profiles.get(r.path, ""),
            r.domain,
            r.scores,
        )
        for r, href in zip(records, hrefs)
    )
    edges: list[Edge] = []
    broken: list[Broken] = []
    for i, record in enumerate(records):
        for link in record.links:
            target = index.resolve(link.target)
            if target is not None:
                edges.append(Edge(i, position[target.path], link.relation, link.curated))
            elif not index.resolves(link.target):
                broken.append(Broken(i, link.relation, link.target, link.curated))
    finding_nodes = tuple(position.get(f.path, -1) for f in findings)
    v7 = [i for i, r in enumerate(records) if r.layout is Layout.V7]
    curated = [e for e in edges if e.curated and e.source != e.target]
    joined = {e.source for e in curated} | {e.target for e in curated}
    targeted = {e.target for e in curated}
    return Report(
        root=str(root),
        nodes=nodes,
        edges=tuple(edges),
        broken=tuple(broken),
        findings=tuple(findings),
        finding_nodes=finding_nodes,
        new=None if new is None else tuple(new),
        baseline=baseline,
        rules=rules,
        by_layout=dict(Counter(n.layout for n in nodes).most_common()),
        by_profile=dict(Counter(n.profile for n in nodes).most_common()),
        by_severity={s.label: sum(1 for f in findings if f.severity is s) for s in _severities()},
        by_rule=dict(sorted(Counter(f.code for f in findings).items())),
        causes=causes(findings, len(nodes), rules, decisions),
        orphans=tuple(i for i in v7 if i not in joined),
        untargeted=tuple(i for i in v7 if i not in targeted),
        cycles=cycles(len(nodes), edges, links),
        coverage=coverage(edges, records, links),
        letters=letters(records),
        score_bins=score_bins(records),
        score_pairs=score_pairs(records),
        degrees=degrees(len(nodes), v7, curated),
        sections=section_gaps(findings, finding_nodes),
    )


def _severities() -> list[Severity]:
    return sorted(Severity, reverse=True)


def _hrefs(paths: Sequence[Path], out_dir: Path) -> list[str]:
    """Each file's link from the report's folder (a folder's way there worked out once)."""
    start = os.path.abspath(out_dir)
    ways: dict[str, str] = {}
    hrefs = []
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))
        way = ways.get(folder)
        if way is None:
            try:
                way = ways[folder] = Path(os.path.relpath(folder, start)).as_posix()
            except ValueError:  # another drive (Windows): only an absolute link reaches it
                way = ways[folder] = Path(folder).as_uri()
        hrefs.append(name if way == "." else f"{way}/{name}")
    return hrefs


def template(message: str) -> str:
    """A message with its values left out: what findings of one cause have in common."""
    return _VALUE.sub("`…`", message)


def causes(
    findings: Sequence[Finding], n_files: int, rules: Mapping[str, tuple[str, str]], decisions: Mapping[str, str]
) -> tuple[Cause, ...]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.code, template(finding.message)), []).append(finding)
    least = max(CAUSE_MIN_FILES, int(n_files * CAUSE_MIN_SHARE))
    found: list[Cause] = []
    for (code, text), group in groups.items():
        files = {f.path for f in group}
        if len(files) < least:
            continue
        name, summary = rules.get(code, (group[0].rule, ""))
        examples: list[Finding] = []
        for finding in group:
            if all(e.path != finding.path for e in examples):
                examples.append(finding)
            if len(examples) == CAUSE_EXAMPLES:
                break
        decision = decisions.get(name) or _common_hint(group) or f"{summary}: see `patternlint explain {code}`"
        found.append(Cause(code, name, group[0].severity, text, len(group), len(files), tuple(examples), decision))
    found.sort(key=lambda c: (-c.files, -c.findings, c.code, c.template))
    return tuple(found)


def _common_hint(group: Sequence[Finding]) -> str | None:
    """The hint most of the group shares, with its values left out; None when there is none."""
    hints = Counter(template(f.hint) for f in group if f.hint)
    if not hints:
        return None
    hint, count = hints.most_common(1)[0]
    return hint if count * 2 > len(group) else None


def cycles(n: int, edges: Sequence[Edge], links: Links) -> tuple[tuple[int, ...], ...]:
    """The strongly connected groups of the generalization graph (more specific → more
    general), with more than one pattern or a pattern that generalizes itself."""
    up: list[list[int]] = [[] for _ in range(n)]
    loops: set[int] = set()
    reading = dict(links.hierarchy)
    for e in edges:
        if not e.curated or e.relation not in reading:
            continue
        low, high = (e.target, e.source) if reading[e.relation] is General.SOURCE else (e.source, e.target)
        if low == high:
            loops.add(low)
        else:
            up[low].append(high)
    found = [group for group in _components(up) if len(group) > 1 or group[0] in loops]
    return tuple(sorted(tuple(sorted(g)) for g in found))


def _components(graph: Sequence[Sequence[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components, without recursion (a chain can be long)."""
    n = len(graph)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for start in range(n):
        if index[start] >= 0:
            continue
        work = [(start, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            if i < len(graph[v]):
                work.append((v, i + 1))
                w = graph[v][i]
                if index[w] < 0:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            for w in graph[v]:
                if on_stack[w]:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    group.append(w)
                    if w == v:
                        break
                groups.append(group)
    return groups


def coverage(edges: Sequence[Edge], records: Sequence[FileRecord], links: Links) -> tuple[Coverage, ...]:
    """For each paired type, how many curated links the target writes back as the inverse.
    Only links between two v7 files are checkable (a v1 file's links are not read)."""
    present = {(e.source, e.relation, e.target) for e in edges if e.curated}
    inverse = dict(links.inverses)
    counts: dict[str, list[int]] = {r: [0, 0] for r in links.types if r in inverse}
    for e in edges:
        if not e.curated or e.relation not in inverse or e.source == e.target:
            continue
        if records[e.target].layout is not Layout.V7:
            continue
        counts[e.relation][0] += 1
        counts[e.relation][1] += (e.target, inverse[e.relation], e.source) in present
    return tuple(Coverage(r, c[0], c[1]) for r, c in counts.items())


def _letter(name: str) -> str:
    first = name[:1].lower()
    return first if first and first in LETTERS[:-1] else "#"


def letters(records: Sequence[FileRecord]) -> dict[str, dict[str, int]]:
    """First letters of the v7 slugs, and of the targets of curated and inferred links."""
    counts: dict[str, Counter[str]] = {"slugs": Counter(), "curated": Counter(), "inferred": Counter()}
    for record in records:
        if record.layout is not Layout.V7:
            continue
        counts["slugs"][_letter(record.slug or record.stem)] += 1
        for link in record.links:
            counts["curated" if link.curated else "inferred"][_letter(link.target)] += 1
    return {kind: {c: counter[c] for c in LETTERS} for kind, counter in counts.items()}


def score_bins(records: Sequence[FileRecord]) -> dict[str, dict[float, int]]:
    """Each score's histogram, in half-point bins (a bin counts from its start, 5 has its own)."""
    bins: dict[str, dict[float, int]] = {name: {b / 2: 0 for b in range(11)} for name in SCORES}
    for record in records:
        for name, score in zip(SCORES, record.scores):
            if score is not None and 0 <= score <= 5:
                bins[name][min(int(score * 2), 10) / 2] += 1
    return bins


def score_pairs(records: Sequence[FileRecord]) -> tuple[tuple[int, float, float], ...]:
    """(node, mean of the eight dimensions, overall score) where all nine are numbers."""
    pairs = []
    for i, record in enumerate(records):
        scores = record.scores
        if len(scores) == len(SCORES) and all(s is not None for s in scores):
            values = [s for s in scores if s is not None]
            pairs.append((i, sum(values[:-1]) / (len(values) - 1), values[-1]))
    return tuple(pairs)


def degrees(n: int, v7: Sequence[int], curated: Sequence[Edge]) -> dict[str, dict[int, int]]:
    """How many v7 patterns have k curated links to other patterns, out and in (the last bar
    counts `DEGREE_CAP` and more)."""
    out = Counter(e.source for e in curated)
    into = Counter(e.target for e in curated)
    result: dict[str, dict[int, int]] = {}
    for kind, counter in (("out", out), ("in", into)):
        bars = dict.fromkeys(range(DEGREE_CAP + 1), 0)
        for i in v7:
            bars[min(counter[i], DEGREE_CAP)] += 1
        result[kind] = bars
    return result


def section_gaps(findings: Sequence[Finding], nodes: Sequence[int]) -> tuple[SectionGaps, ...]:
    """Which required sections are missing, empty, too short or too long, in which files (from
    the section findings of the run; a rule not run shows nothing)."""
    gaps: dict[str, dict[str, set[int]]] = {}
    for finding, node in zip(findings, nodes):
        kind = SECTION_KINDS.get(finding.rule)
        if kind is None:
            continue
        values = _VALUE.findall(finding.message)
        if not values:
            continue
        if kind == "length":
            numbers = [int(x) for x in _NUMBERS.findall(finding.message)]
            kind = "short" if len(numbers) == 3 and numbers[0] < numbers[1] else "long"
        # One finding may name several missing sections; the others name one, first.
        for value in values if kind == "missing" else values[:1]:
            section = re.sub(r"^(?:Section\s*\d+\s*[:.]\s*|\d+\.\s*)", "", value.strip("`"))
            gaps.setdefault(section, {k: set() for k in ("missing", "empty", "short", "long")})[kind].add(node)
    return tuple(
        SectionGaps(name, *(tuple(sorted(g[k])) for k in ("missing", "empty", "short", "long")))
        for name, g in sorted(gaps.items(), key=lambda item: -sum(len(s) for s in item[1].values()))
    )

