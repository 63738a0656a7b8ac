"""The pipeline, in one direction: discover → read and parse → file rules → library index →
library rules → findings. The core never prints and never exits.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from patternlint import suppressions
from patternlint.document import Document
from patternlint.index import FileRecord, LibraryIndex, record_for
from patternlint.model import Finding, Rule, Severity, Violation
from patternlint.settings import Settings
from patternlint.suppressions import Suppression

# Below this many files to parse, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 150

ProgressCallback = Callable[[int, int], None]


class UsageError(Exception):
    """Bad command-line input: the CLI reports it and exits 2."""


@dataclass(frozen=True)
class FileOutcome:
    path: str
    record: FileRecord
    # (rule code, violation); None when the file's rules were not run (it is only indexed)
    violations: tuple[tuple[str, Violation], ...] | None
    digest: str | None  # content hash, for the cache; None when the file could not be read
    suppressions: tuple[Suppression, ...] = ()


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    files_checked: int
    library_files: int
    library_root: Path

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.fails(Severity.ERROR)

    def fails(self, fail_on: Severity) -> bool:
        """Whether a finding is at least as severe as `fail_on` (the exit code is then 1)."""
        return any(f.severity >= fail_on for f in self.findings)


@dataclass(frozen=True)
class Target:
    """A file to read: where it is, how it is shown, whether its own rules run."""

    path: Path
    display: str
    checked: bool


def discover(root: Path, settings: Settings) -> Iterator[Path]:
    """The files below `root` that `include` names and `exclude` does not, in a stable order."""
    from patternlint.config import glob_match

    base = settings.filter_root.absolute() if settings.filter_root else root
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if not _excluded(Path(folder, d), root, base, settings.exclude)
        )
        for name in sorted(files):
            path = Path(folder, name)
            if any(glob_match(p, _relative(path, root, base)) for p in settings.include) and not _excluded(
                path, root, base, settings.exclude
            ):
                yield path


def _relative(path: Path, root: Path, base: Path) -> str:
    """The path as globs see it: relative to the configuration's folder when inside it, else
    to the folder being searched."""
    for anchor in (base, root):
        try:
            return path.relative_to(anchor).as_posix()
        except ValueError:
            continue
    return path.name


def _excluded(path: Path, root: Path, base: Path, exclude: Sequence[str]) -> bool:
    from patternlint.config import glob_match

    relative = _relative(path, root, base)
    return any(glob_match(pattern, relative) for pattern in exclude)


def display_path(path: Path, cwd: Path) -> str:
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def plan(paths: Sequence[Path], settings: Settings, cwd: Path) -> tuple[Path, list[Target]]:
    """Which files to read, and which of them to report on."""
    if not paths:
        paths = [cwd]
    folders: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        path = (cwd / raw).absolute()
        if path.is_dir():
            folders.append(path)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"path `{raw}` does not exist")
    anchors = folders + [f.parent for f in files]
    root = settings.library.absolute() if settings.library else Path(os.path.commonpath(anchors))
    library = list(discover(root, settings))
    if settings.force_exclude:  # pre-commit names files itself: still honour `exclude`
        base = settings.filter_root.absolute() if settings.filter_root else root
        files = [f for f in files if not _excluded(f, f.parent, base, settings.exclude)]
    checked: dict[Path, None] = dict.fromkeys(files)
    for folder in folders:
        if folder == root:
            checked.update(dict.fromkeys(library))
        else:
            checked.update(dict.fromkeys(discover(folder, settings)))
    everything = dict.fromkeys(library)
    everything.update(checked)
    targets = [Target(p, display_path(p, cwd), p in checked) for p in everything]
    return root, targets


def process(target: Target, settings: Settings) -> FileOutcome:
    """Read, parse and check one file. Runs in a worker process for large runs."""
    try:
        data: bytes | OSError = target.path.read_bytes()
    except OSError as exc:
        data = exc
    stem = target.path.name[:-3] if target.path.name.endswith(".md") else target.path.stem
    doc = Document(target.display, stem, data, settings.profile_for(target.path))
    violations: tuple[tuple[str, Violation], ...] | None = None
    found: tuple[Suppression, ...] = ()
    if target.checked:
        violations = tuple(
            (rule.code, violation)
            for rule in settings.rules
            if rule.file_check is not None
            for violation in rule.check_file(doc, settings.options(rule))
        )
        found = suppressions.parse(doc)
    content_digest = None
    if settings.cache_dir is not None and isinstance(data, bytes):
        from patternlint.cache import digest

        content_digest = digest(data)
    return FileOutcome(target.display, record_for(doc), violations, content_digest, found)


def _process_chunk(chunk: Sequence[Target], settings: Settings) -> list[FileOutcome]:
    return [process(t, settings) for t in chunk]


def run_files(
    targets: Sequence[Target],
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> list[FileOutcome]:
    jobs = settings.jobs or os.cpu_count() or 1
    if jobs < 2 or len(targets) < PARALLEL_THRESHOLD:
        outcomes = []
        for i, target in enumerate(targets):
            outcomes.append(process(target, settings))
            if progress and i % 64 == 0:
                progress(i, len(targets))
        return outcomes
    import multiprocessing

    # Small chunks balance the load (file sizes vary a lot) at a low pickling cost.
    size = max(8, min(64, len(targets) // (jobs * 8)))
    chunks = [targets[i : i + size] for i in range(0, len(targets), size)]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    results: list[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for chunk_result in pool.map(_process_chunk, chunks, [settings] * len(chunks)):
            results.extend(chunk_result)
            if progress:
                progress(len(results), len(targets))
    return results


def lint(
    paths: Sequence[Path],
    settings: Settings,
    cwd: Path | None = None,
    progress: ProgressCallback | None = None,
) -> LintResult:
    cwd = cwd or Path.cwd()
    root, targets = plan(paths, settings, cwd)
    if settings.cache_dir is not None:
        from patternlint.cache import Cache

        cache = Cache.open(settings.cache_dir, root, settings)
        result = cache.lint(
            targets,
            lambda todo: run_files(todo, settings, progress),
            lambda outcomes: collect(outcomes, targets, settings, root, cache.suggestions),
        )
        cache.save()
        return result
    return collect(run_files(targets, settings, progress), targets, settings, root)


def collect(
    outcomes: Iterable[FileOutcome],
    targets: Sequence[Target],
    settings: Settings,
    root: Path,
    suggestion_store: MutableMapping[str, dict[str, str | None]] | None = None,
) -> LintResult:
    outcomes = list(outcomes)
    checked = {t.display for t in targets if t.checked}
    by_code = {r.code: r for r in settings.rules}
    findings: list[Finding] = []
    for outcome in outcomes:
        if outcome.path not in checked:
            continue  # only indexed for this run (a cached entry may still carry findings)
        for code, violation in outcome.violations or ():
            findings.append(_stamp(outcome.path, code, violation, settings, by_code))
    index = LibraryIndex((o.record for o in outcomes), checked, suggestion_store)
    for rule in settings.rules:
        if rule.library_check is None:
            continue
        for lv in rule.check_library(index, settings.options(rule)):
            if lv.path in checked:
                findings.append(_stamp(lv.path, rule.code, lv.violation, settings, by_code))
    if settings.per_file_ignores:
        where = {t.display: t.path for t in targets}
        findings = [f for f in findings if not _ignored_here(f, where[f.path], settings)]
    if not settings.ignore_suppressions:
        findings = _suppress(findings, outcomes, checked, settings, by_code)
    findings.sort(key=Finding.sort_key)
    return LintResult(tuple(findings), len(checked), len(outcomes), root)


def _suppress(
    findings: list[Finding],
    outcomes: Sequence[FileOutcome],
    checked: set[str],
    settings: Settings,
    by_code: Mapping[str, Rule],
) -> list[Finding]:
    """Apply inline suppressions where findings are reported; report the unused ones."""
    from patternlint.rules import RULES
    from patternlint.rules import unused_suppression

    by_path = {o.path: o.suppressions for o in outcomes if o.suppressions and o.path in checked}
    if not by_path:
        return findings
    kept, unused = suppressions.apply(findings, by_path, {r.code: r.name for r in RULES})
    if unused_suppression.rule.code in by_code:
        for path, suppression, unknown in unused:
            violation = unused_suppression.report(suppression, unknown)
            kept.append(_stamp(path, unused_suppression.rule.code, violation, settings, by_code))
    return kept


def _ignored_here(finding: Finding, path: Path, settings: Settings) -> bool:
    from patternlint.config import glob_match

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
    path: str, code: str, violation: Violation, settings: Settings, by_code: Mapping[str, Rule]
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
    )
