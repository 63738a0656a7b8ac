"""What the human formats show besides the per-file listing: the causes that recur across many
files, each once, and the table of findings per rule.

A library-wide run can print thousands of findings, most of them a few generated defects
repeated in every file; the rare error that matters (a file that does not parse) then sits
thousands of lines down. So `full` shows a cause that recurs in `RECURRING_FILES` files or more
once, with its count and a few examples, before the listing (`--expand` lists every finding).
A report longer than a screen (more than `TABLE_FINDINGS` findings) lists the files that hold
errors first and ends with the table of findings per rule, which `--statistics` asks for in any
report. A short report reads best as it is: in path order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from patternlint.frozen import frozen
from patternlint.model import Finding, Severity
from patternlint.reporters.escape import visible
from patternlint.reporters.text import STYLES, Pieces

# A cause recurs when one rule says the same thing (numbers aside) in this many files.
RECURRING_FILES = 20
# A report of more findings than this does not fit on a screen: errors first, and the table.
TABLE_FINDINGS = 20
EXAMPLES = 3
# Numbers differ between files that share one cause (`overall_score is `4.4``, a list index,
# a line number): the message's shape leaves them out.
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@frozen
class Cause:
    """Findings of one rule that say the same thing, numbers aside, in `files` files."""

    code: str
    rule: str
    severity: Severity
    shape: str
    findings: tuple[Finding, ...]
    files: int
    alike: int = 0  # more shapes of the same rule in exactly the same files, folded into this one


def shape(finding: Finding) -> tuple[str, str]:
    return finding.code, _NUMBER.sub("#", finding.message)


def recurring(findings: Iterable[Finding], threshold: int = RECURRING_FILES) -> tuple[Cause, ...]:
    """The causes found in `threshold` files or more: the most severe first, then by rule and
    by how many files they are in."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault(shape(finding), []).append(finding)
    # Shapes of one rule found in exactly the same files are one cause seen several times per
    # file (a generator that wrote all eight headings `### 1. Context`): one entry.
    by_files: dict[tuple[str, Severity, frozenset[str]], list[tuple[str, list[Finding]]]] = {}
    for (code, message), members in groups.items():
        paths = frozenset(f.path for f in members)
        if len(paths) >= threshold:
            by_files.setdefault((code, members[0].severity, paths), []).append((message, members))
    causes = []
    for (code, severity, paths), shapes in by_files.items():
        shapes.sort(key=lambda item: item[1][0].sort_key())
        members = sorted((f for _, group in shapes for f in group), key=Finding.sort_key)
        message, first = shapes[0]
        causes.append(Cause(code, first[0].rule, severity, message, tuple(members), len(paths), len(shapes) - 1))
    causes.sort(key=lambda c: (-c.severity, c.code, -c.files, c.findings[0].sort_key()))
    return tuple(causes)


def by_importance(findings: Sequence[Finding]) -> list[Finding]:
    """The findings, file by file (each file's in line order), the files that hold the most
    severe findings first; among those, the file whose most severe finding comes from the
    earliest rule (a file that does not parse before one with a wrong score), then by path."""
    worst: dict[str, tuple[int, str]] = {}
    for f in findings:
        rank = (-f.severity, f.code)
        if f.path not in worst or rank < worst[f.path]:
            worst[f.path] = rank
    return sorted(findings, key=lambda f: (worst[f.path], f.sort_key()))


def causes_section(causes: Sequence[Cause]) -> Pieces:
    """Each recurring cause once: its rule, severity, counts and message, then a few examples."""
    text = Pieces()
    if not causes:
        return text
    total = sum(len(c.findings) for c in causes)
    text.append("Recurring findings", "bold underline")
    text.append(
        f" ({total} findings of {len(causes)} cause{'s' if len(causes) != 1 else ''}, each shown once; "
        "`--expand` lists them all)\n"
    )
    for cause in causes:
        style = STYLES[cause.severity]
        count = len(cause.findings)
        text.append("  ")
        text.append(cause.code, style)
        text.append(f" {cause.severity.label}", style)
        text.append(f"  {count} finding{'s' if count != 1 else ''} in {cause.files} files  ")
        text.append(f"{visible(_message(cause))}\n")
        examples = ", ".join(f"{visible(f.path)}:{f.span.line}:{f.span.column}" for f in cause.findings[:EXAMPLES])
        text.append(f"      e.g. {examples}\n")
    return text


def _message(cause: Cause) -> str:
    """The cause's message as its findings say it: their own words when they all agree, else
    the shape, with `…` where the numbers differ."""
    first = cause.findings[0].message
    alike = f" (and {cause.alike} more like it in each file)" if cause.alike else ""
    if cause.alike or any(f.message != first for f in cause.findings):
        return cause.shape.replace("#", "…") + alike
    return first


def table(findings: Sequence[Finding]) -> Pieces:
    """Findings and files per rule, the most severe rules first, then by code."""
    rows: dict[tuple[str, str, Severity], tuple[int, set[str]]] = {}
    for f in findings:
        count, files = rows.get((f.code, f.rule, f.severity), (0, set()))
        files.add(f.path)
        rows[(f.code, f.rule, f.severity)] = (count + 1, files)
    text = Pieces()
    if not rows:
        return text
    ordered = sorted(rows.items(), key=lambda item: (-item[0][2], item[0][0]))
    rule_width = max(len("rule"), *(len(f"{code} {rule}") for (code, rule, _), _ in ordered))
    count_width = max(len("findings"), *(len(str(n)) for _, (n, _) in ordered))
    files_width = max(len("files"), *(len(str(len(files))) for _, (_, files) in ordered))
    text.append(f"{'rule':<{rule_width}}  {'severity':<8}  {'findings':>{count_width}}  {'files':>{files_width}}\n", "bold")
    for (code, rule, severity), (count, files) in ordered:
        text.append(code, STYLES[severity])
        text.append(f" {rule:<{rule_width - len(code) - 1}}  ")
        text.append(f"{severity.label:<8}", STYLES[severity])
        text.append(f"  {count:>{count_width}}  {len(files):>{files_width}}\n")
    return text
