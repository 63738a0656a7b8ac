"""The pipeline, in one direction: discover → read and parse → file rules → library index →
library rules → findings. The core never prints and never exits.
"""

from __future__ import annotations

import os
import stat
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

from patternlint import suppressions
from patternlint.document import Document
from patternlint.fixes import Fix
from patternlint.problems import LinkLeavesLibrary, NotRegularFile, ReadProblem, TooLarge
from patternlint.index import FileRecord, LibraryIndex, record_for
from patternlint.model import Finding, Rule, Severity, Span, Violation
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
    # With the cache: a digest of everything the result depends on (settings, every file's
    # content, the paths shown). Equal keys mean equal results, so a report can be reused.
    key: str | None = field(default=None, compare=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, fail_on: Severity) -> bool:
        """Whether a finding is at least as severe as `fail_on` (the exit code is then 1)."""
        return any(f.severity >= fail_on for f in self.findings)


@dataclass(frozen=True)
class Target:
    """A file to read: where it is, how it is shown, whether its own rules run."""

    path: Path
    display: str
    checked: bool
    # What to check instead of the file's bytes: a fix's text not yet written (`--fix` re-lints
    # each pass in memory, and `--diff` never writes).
    content: bytes | None = None


def discover(root: Path, settings: Settings) -> Iterator[Path]:
    """The files below `root` that `include` names and `exclude` does not, in a stable order."""
    from patternlint.config import path_filter

    selected = path_filter(settings.include, settings.exclude)
    prefix = _prefix(root, settings)
    for folder, dirs, files in os.walk(root):
        here = os.path.relpath(folder, root)
        here = prefix + ("" if here == "." else here.replace(os.sep, "/") + "/")
        # A folder name matching a component pattern prunes the whole folder.
        dirs[:] = sorted(d for d in dirs if not selected.excludes(d, here + d))
        for name in sorted(files):
            if selected.includes(name, here + name):
                yield Path(folder, name)


def _prefix(root: Path, settings: Settings) -> str:
    """How globs see `root`: relative to the configuration's folder when inside it."""
    if settings.filter_root is None:
        return ""
    try:
        relative = root.absolute().relative_to(settings.filter_root.absolute()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


def _excluded(path: Path, root: Path, settings: Settings) -> bool:
    from patternlint.config import path_filter

    relative = _prefix(root, settings) + path.name
    return path_filter(settings.include, settings.exclude).excludes(path.name, relative)


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` when inside it (as `Path.relative_to` says, by name only), else
    as it is. Both are absolute here; comparing strings is far cheaper for thousands of files."""
    text, base = str(path), str(cwd)
    if text == base:
        return "."
    if os.altsep is None and path.is_absolute() and cwd.is_absolute():
        # Normalised absolute paths: inside exactly when the text starts with the folder's.
        prefix = base if base.endswith(os.sep) else base + os.sep
        return text[len(prefix) :] if text.startswith(prefix) else text
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return text


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
    if settings.library is not None and not settings.library.is_dir():
        raise UsageError(f"library `{settings.library}` is not a folder")
    root = settings.library.absolute() if settings.library else Path(os.path.commonpath(anchors))
    library = list(discover(root, settings))
    if settings.force_exclude:  # pre-commit names files itself: still honour `exclude`
        files = [f for f in files if not _excluded(f, f.parent, settings)]
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


def read(path: Path, settings: Settings, root: Path | None) -> bytes | OSError | ReadProblem:
    """The file's bytes, or why they were not read. Only regular files are opened (a FIFO would
    block forever), never more than the size limit, and never through a symbolic link that
    leaves the library (its content would be echoed into findings)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            return NotRegularFile(path.name, kind)
        if root is not None and path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return LinkLeavesLibrary()
        if st.st_size > settings.max_file_size:
            return TooLarge(st.st_size, settings.max_file_size)
        with open(path, "rb") as handle:
            data = read_upto(handle, st.st_size, settings.max_file_size + 1)
    except OSError as exc:
        return exc
    if len(data) > settings.max_file_size:  # it grew while we looked
        return TooLarge(len(data), settings.max_file_size)
    return data


def read_upto(handle: BinaryIO, size: int, most: int) -> bytes:
    """At most `most` bytes of an open file that `stat` said holds `size`. The read asks for the
    size the file has, plus one byte that tells it grew (or that `stat` says 0, as on procfs),
    and only then reads on: asking for `most` at once would allocate, and then shrink, a buffer
    of the whole limit for every file."""
    data = handle.read(min(size + 1, most))
    if len(data) > size:
        data += handle.read(max(0, most - len(data)))
    return data


_FILE_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def stem(name: str) -> str:
    """A file's name as links may name it: without `.md`."""
    return name[:-3] if name.endswith(".md") else Path(name).stem


def document(target: Target, data: bytes | OSError | ReadProblem, settings: Settings) -> Document:
    """The file parsed as its profile and the limits say."""
    return Document(
        target.display, stem(target.path.name), data, settings.profile_for(target.path), settings.limits
    )


def process(target: Target, settings: Settings, root: Path | None = None) -> FileOutcome:
    """Read, parse and check one file. Runs in a worker process for large runs."""
    data = read(target.path, settings, root) if target.content is None else target.content
    doc = document(target, data, settings)
    violations: tuple[tuple[str, Violation], ...] | None = None
    found: tuple[Suppression, ...] = ()
    if target.checked:
        violations = tuple(
            (rule.code, violation)
            for rule in settings.rules
            if rule.file_check is not None
            for violation in rule.check_file(doc, settings.options(rule))
        )
        if any(v.fix is not None for _, v in violations):
            from patternlint import fixguard

            codes = [code for code, _ in violations]
            violations = tuple(zip(codes, fixguard.screen(doc, [v for _, v in violations])))
        found = suppressions.parse(doc)
    content_digest = None
    if (settings.cache_dir is not None or settings.content_digests) and isinstance(data, bytes):
        from patternlint.cache import digest

        content_digest = digest(data)
    return FileOutcome(target.display, record_for(doc), violations, content_digest, found)


def _process_chunk(
    chunk: Sequence[Target], settings: Settings, root: Path | None
) -> list[FileOutcome]:
    return [process(t, settings, root) for t in chunk]


def _warm_up(settings: Settings) -> None:
    """Build, before forking, what every worker needs at once and is cheap to build here: the
    compiled schema pre-check and the Markdown parser. (jsonschema, needed only for files that
    fail the pre-check, is left to the workers, which import it in parallel.)"""
    from patternlint import markdown, schema
    from patternlint.lines import LineMap

    markdown.headings(LineMap("# warm-up\n"))
    profiles = {settings.profile, *(p for _, _, p in settings.per_file_profiles)}
    for profile in profiles:
        if profile.schema is not None:
            schema.fast_is_valid(profile.schema, profile.schema_overrides)


def run_files(
    targets: Sequence[Target],
    settings: Settings,
    progress: ProgressCallback | None = None,
    root: Path | None = None,
) -> list[FileOutcome]:
    """Process every target; `root`, when given, is the library no symbolic link may leave."""
    jobs = settings.jobs or os.cpu_count() or 1
    if jobs < 2 or len(targets) < PARALLEL_THRESHOLD:
        outcomes = []
        for i, target in enumerate(targets):
            outcomes.append(process(target, settings, root))
            if progress and i % 64 == 0:
                progress(i, len(targets))
        return outcomes
    import multiprocessing

    # Small chunks balance the load (file sizes vary a lot) at a low pickling cost.
    size = max(8, min(64, len(targets) // (jobs * 8)))
    chunks = [targets[i : i + size] for i in range(0, len(targets), size)]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    if context.get_start_method() == "fork":
        _warm_up(settings)
    results: list[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for chunk_result in pool.map(_process_chunk, chunks, [settings] * len(chunks), [root] * len(chunks)):
            results.extend(chunk_result)
            if progress:
                progress(len(results), len(targets))
    return results


# "Did you mean" answers carried between runs (see LibraryIndex).
Store = MutableMapping[str, dict[str, "str | None"]]


@dataclass
class LintRun:
    root: Path
    targets: list[Target]
    result: LintResult
    # Every file's outcome and the suggestion memo: kept only when asked (`--fix` re-lints a
    # few files each pass and needs the others' as they are).
    outcomes: list[FileOutcome] = field(default_factory=list)
    store: Store | None = None


def lint(
    paths: Sequence[Path],
    settings: Settings,
    cwd: Path | None = None,
    progress: ProgressCallback | None = None,
) -> LintResult:
    return lint_run(paths, settings, cwd, progress).result


def lint_run(
    paths: Sequence[Path],
    settings: Settings,
    cwd: Path | None = None,
    progress: ProgressCallback | None = None,
    keep_outcomes: bool = False,
) -> LintRun:
    """Plan, run (through the cache when there is one) and collect."""
    cwd = cwd or Path.cwd()
    root, targets = plan(paths, settings, cwd)
    if settings.cache_dir is None:
        outcomes = run_files(targets, settings, progress, root)
        result = collect(outcomes, targets, settings, root)
        return LintRun(root, targets, result, outcomes if keep_outcomes else [])
    from patternlint.cache import Cache

    cache = Cache.open(settings.cache_dir, root, settings)
    kept: list[FileOutcome] = []

    def finish(outcomes: list[FileOutcome]) -> LintResult:
        if keep_outcomes:
            kept[:] = outcomes
        # `cache.suggestions` only here: a run that reuses the kept result never reads them.
        return collect(outcomes, targets, settings, root, cache.suggestions)

    result = cache.lint(
        targets, lambda todo: run_files(todo, settings, progress, root), finish, reuse_result=not keep_outcomes
    )
    cache.save()
    return LintRun(root, targets, result, kept, cache.suggestions if keep_outcomes else None)


def collect(
    outcomes: Iterable[FileOutcome],
    targets: Sequence[Target],
    settings: Settings,
    root: Path,
    suggestion_store: Store | None = None,
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
    from patternlint.rules import RULES

    by_path = {o.path: o.suppressions for o in outcomes if o.suppressions and o.path in checked}
    if not by_path:
        return findings
    kept, unused = suppressions.apply(findings, by_path, {r.code: r.name for r in RULES})
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
