"""Stages 5 to 7: build the library index, run the library rules, apply inline suppressions
and per-file ignores, and stamp the findings (code, severity, path) into the result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Mapping, MutableMapping, Sequence

from patternlint import suppressions
from patternlint.fixes import Fix
from patternlint.index import LibraryIndex
from patternlint.facts import FileRecord
from patternlint.model import Finding, Rule, Violation
from patternlint.result import FileOutcome, LintResult, Target
from patternlint.settings import Settings

# "Did you mean" answers carried between runs (see LibraryIndex).
Store = MutableMapping[str, dict[str, list[str]]]


def collect(
    outcomes: Iterable[FileOutcome],
    targets: Sequence[Target],
    settings: Settings,
    root: Path,
    suggestion_store: Store | None = None,
    index: LibraryIndex | None = None,
) -> LintResult:
    """`index`, when given, is the index of these outcomes' records, kept from an earlier run
    (the language server updates it file by file); else it is built here."""
    outcomes = list(outcomes)
    checked = {t.display for t in targets if t.checked}
    by_code = {r.code: r for r in settings.rules}
    findings: list[Finding] = []
    for outcome in outcomes:
        if outcome.path not in checked:
            continue  # only indexed for this run (a cached entry may still carry findings)
        for code, violation in outcome.violations or ():
            findings.append(_stamp(outcome.path, code, violation, settings, by_code))
    if index is None:
        index = LibraryIndex((o.record for o in outcomes), checked, suggestion_store, links=settings.links)
    else:
        index = index.reporting(checked)
    records = {o.path: o.record for o in outcomes}
    for rule in settings.rules:
        if rule.library_check is None:
            continue
        for lv in rule.check_library(index, settings.options(rule)):
            if lv.path in checked:
                violation = lv.violation
                if violation.fix is not None:
                    violation = _screened(violation, violation.fix, lv.path, records)
                findings.append(_stamp(lv.path, rule.code, violation, settings, by_code))
    # Inline suppressions first, so that one covering a finding that per-file-ignores would
    # also drop counts as used.
    if not settings.ignore_suppressions:
        findings = _suppress(findings, outcomes, checked, settings, by_code)
    if settings.per_file_ignores:
        where = {t.display: t.path for t in targets}
        findings = [f for f in findings if not _ignored_here(f, where[f.path], settings)]
    findings.sort(key=Finding.sort_key)
    return LintResult(tuple(findings), len(checked), len(outcomes), root)


def _screened(violation: Violation, fix: Fix, path: str, records: Mapping[str, FileRecord]) -> Violation:
    """The violation without its fix when the fix would edit through an anchor or alias of the
    file it edits (file rules' fixes are screened where the file is read: fixguard.screen)."""
    from patternlint import fixguard

    record = records.get(fix.path or path)
    if record is None or fixguard.blocked_in_frontmatter(fix, record.shared):
        return replace(violation, fix=None)
    return violation


def _suppress(
    findings: list[Finding],
    outcomes: Sequence[FileOutcome],
    checked: set[str],
    settings: Settings,
    by_code: Mapping[str, Rule[Any]],
) -> list[Finding]:
    """Apply inline suppressions where findings are reported; report the unused ones."""
    from patternlint.rules import NAMES

    by_path = {o.path: o.suppressions for o in outcomes if o.suppressions and o.path in checked}
    if not by_path:
        return findings
    kept, unused = suppressions.apply(findings, by_path, NAMES)
    reporter = next((r for r in by_code.values() if r.suppression_check is not None), None)
    if reporter is not None and reporter.suppression_check is not None:
        for path, suppression, unknown in unused:
            if unknown is None and not any(
                suppressions.matches(s, code, rule.name)
                for s in suppression.selectors
                for code, rule in by_code.items()
                if code != reporter.code
            ):
                continue  # it names only rules this run does not run: not known to be unused
            violation = reporter.suppression_check(suppression, unknown)
            kept.append(_stamp(path, reporter.code, violation, settings, by_code))
    return kept


def _ignored_here(finding: Finding, path: Path, settings: Settings) -> bool:
    from patternlint.globs import glob_match

    for rule in settings.per_file_ignores:
        if finding.code not in rule.codes:
            continue
        try:
            relative = path.relative_to(rule.base).as_posix()
        except ValueError:
            continue
        if glob_match(rule.glob, relative):
            return True
    return False


def _stamp(
    path: str, code: str, violation: Violation, settings: Settings, by_code: Mapping[str, Rule[Any]]
) -> Finding:
    rule = by_code[code]
    return Finding(
        path=path,
        span=violation.span,
        code=code,
        rule=rule.name,
        severity=settings.severity(rule),
        message=violation.message,
        hint=violation.hint,
        fix=violation.fix,
    )
