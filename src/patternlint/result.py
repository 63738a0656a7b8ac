"""What the pipeline takes and hands back: the files to read (`Target`), each file's outcome,
and the run's result. Reporters import only this module."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Callable

from patternlint.frozen import frozen
from patternlint.facts import FileRecord
from patternlint.model import Finding, Severity, Violation
from patternlint.suppressions import Suppression

ProgressCallback = Callable[[int, int], None]


class UsageError(Exception):
    """Bad command-line input: the CLI reports it and exits 2."""


@frozen
class Target:
    """A file to read: where it is, how it is shown, whether its own rules run."""

    path: Path
    display: str
    checked: bool
    # What to check instead of the file's bytes: a fix's text not yet written (`--fix` re-lints
    # each pass in memory, and `--diff` never writes), an editor's unsaved buffer, stdin.
    content: bytes | None = None


@frozen
class FileOutcome:
    path: str
    record: FileRecord
    # (rule code, violation); None when the file's rules were not run (it is only indexed)
    violations: tuple[tuple[str, Violation], ...] | None
    digest: str | None  # content hash, for the cache; None when the file could not be read
    suppressions: tuple[Suppression, ...] = ()


@frozen
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
