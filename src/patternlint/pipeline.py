"""The pipeline, in one direction: discover → read → parse → file rules → library index →
library rules → suppressions and per-file ignores → result. The core never prints and never
exits.

`Driver` is the one way through it: `check`, `--changed-since` and `--fix` (and any later entry
point: an editor, stdin) hand it a selection of files (`Target`s, with in-memory contents where
needed). It asks the cache, when there is one, for what it already knows, runs the rest, and
stores what it ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

from patternlint.discover import plan
from patternlint.result import FileOutcome, LintResult, ProgressCallback, Target
from patternlint.settings import Settings

if TYPE_CHECKING:
    from patternlint.cache import Cache
    from patternlint.collect import Store
    from patternlint.index import LibraryIndex


@dataclass
class LintRun:
    root: Path
    targets: list[Target]
    result: LintResult
    # Every file's outcome, in the order of `targets`; empty when the cache's kept result was
    # reused (nothing was read).
    outcomes: list[FileOutcome] = field(default_factory=list)
    store: Store | None = None  # the "did you mean" memo, with the cache


class Driver:
    """One run over one library: files in, outcomes and a result out, through the cache."""

    def __init__(self, settings: Settings, root: Path, progress: ProgressCallback | None = None) -> None:
        self.settings = settings
        self.root = root
        self.progress = progress
        self.cache: Cache | None = None
        if settings.cache_dir is not None:
            from patternlint import cache

            self.cache = cache.Cache.open(settings.cache_dir, root, settings)

    @property
    def suggestions(self) -> Store | None:
        # Read only when needed: a run that reuses the kept result never reads them.
        return None if self.cache is None else self.cache.suggestions

    def outcomes(self, targets: Sequence[Target], known: Mapping[int, FileOutcome] | None = None) -> list[FileOutcome]:
        """Each target's outcome: from `known` (by position), else the cache, else run now.
        Targets with in-memory `content` are never looked up nor stored."""
        found: dict[int, FileOutcome] = dict(known or {})
        rest = [i for i in range(len(targets)) if i not in found]
        todo = rest
        if self.cache is not None:
            hits, missing = self.cache.lookup([targets[i] for i in rest])
            found.update((rest[j], outcome) for j, outcome in hits.items())
            todo = [rest[j] for j in missing]
        if todo:
            from patternlint.runner import run_files  # the parsers and the rules, when a file is read

            computed = run_files([targets[i] for i in todo], self.settings, self.progress, self.root)
            if self.cache is not None:
                self.cache.store([targets[i] for i in todo], computed)
            found.update(zip(todo, computed))
        return [found[i] for i in range(len(targets))]

    def result(
        self, targets: Sequence[Target], outcomes: Sequence[FileOutcome], index: LibraryIndex | None = None
    ) -> LintResult:
        """The findings of `targets`; `index`, when given, is the outcomes' library index."""
        # Imported here: collecting builds the library index, which a run that reuses its cached
        # result does not (it would load the parsers with it).
        from patternlint.collect import collect

        return collect(outcomes, targets, self.settings, self.root, self.suggestions, index)

    def lint(
        self, targets: list[Target], reuse: bool = True, known: Mapping[int, FileOutcome] | None = None
    ) -> LintRun:
        """Lint `targets`. With `reuse`, the cache's kept result is returned as it is when
        nothing changed since it was kept (same files, contents and paths shown)."""
        if self.cache is not None and reuse:
            kept = self.cache.kept_result(targets)
            if kept is not None:
                return LintRun(self.root, targets, kept)
        outcomes = self.outcomes(targets, known)
        result = self.result(targets, outcomes)
        if self.cache is not None:
            result = self.cache.store_result(targets, result)
        return LintRun(self.root, targets, result, outcomes, self.suggestions)

    def close(self) -> None:
        """Keep what this run learnt (the cache is written once, at the end)."""
        if self.cache is not None:
            self.cache.save()


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
    reuse: bool = True,
) -> LintRun:
    """`check`: plan the files under `paths`, and lint them."""
    root, targets = plan(paths, settings, cwd or Path.cwd())
    driver = Driver(settings, root, progress)
    run = driver.lint(targets, reuse)
    driver.close()
    return run
