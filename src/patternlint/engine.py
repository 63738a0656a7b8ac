"""The pipeline, in one direction: discover → read and parse → file rules → library index →
library rules → findings. The core never prints and never exits.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from patternlint.document import Document
from patternlint.index import FileRecord, LibraryIndex, record_for
from patternlint.model import Finding, Rule, Scope, Severity, Violation
from patternlint.settings import Settings

# Directories never searched for patterns, and files that document a library, not patterns.
EXCLUDED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "_site", "__pycache__", "venv"})
EXCLUDED_FILES = frozenset(
    {"readme.md", "changelog.md", "contributing.md", "license.md", "code_of_conduct.md", "security.md"}
)
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
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class Target:
    """A file to read: where it is, how it is shown, whether its own rules run."""

    path: Path
    display: str
    checked: bool


def discover(root: Path) -> Iterator[Path]:
    """Every `*.md` below `root`, in a stable order, skipping hidden and tool folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in EXCLUDED_DIRS)
        for name in sorted(files):
            if name.endswith(".md") and name.lower() not in EXCLUDED_FILES:
                yield Path(folder, name)


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
    library = list(discover(root))
    checked: dict[Path, None] = dict.fromkeys(files)
    for folder in folders:
        if folder == root:
            checked.update(dict.fromkeys(library))
        else:
            checked.update(dict.fromkeys(discover(folder)))
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
    doc = Document(target.display, stem, data)
    violations: tuple[tuple[str, Violation], ...] | None = None
    if target.checked:
        violations = tuple(
            (rule.code, violation)
            for rule in settings.rules
            if rule.scope is Scope.FILE
            for violation in rule.check_file(doc, settings.options(rule))
        )
    content_digest = None
    if settings.cache_dir is not None and isinstance(data, bytes):
        from patternlint.cache import digest

        content_digest = digest(data)
    return FileOutcome(target.display, record_for(doc), violations, content_digest)


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
        if rule.scope is not Scope.LIBRARY:
            continue
        for lv in rule.check_library(index, settings.options(rule)):
            if lv.path in checked:
                findings.append(_stamp(lv.path, rule.code, lv.violation, settings, by_code))
    findings.sort(key=Finding.sort_key)
    return LintResult(tuple(findings), len(checked), len(outcomes), root)


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
