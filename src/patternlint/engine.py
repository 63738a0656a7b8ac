"""Where the pipeline's parts used to live, kept so that `from patternlint.engine import …`
still works: the stages are `discover`, `reading`, `runner` and `collect`, the driver is
`pipeline`, and the types are in `result`."""

from __future__ import annotations

from patternlint.collect import Store, collect
from patternlint.discover import display_path, plan, stem
from patternlint.pipeline import Driver, LintRun, lint, lint_run
from patternlint.reading import read, read_upto
from patternlint.result import FileOutcome, LintResult, ProgressCallback, Target, UsageError
from patternlint.runner import document, process, run_files

__all__ = [
    "Driver", "FileOutcome", "LintResult", "LintRun", "ProgressCallback", "Store", "Target",
    "UsageError", "collect", "display_path", "document", "lint", "lint_run", "plan", "process",
    "read", "read_upto", "run_files", "stem",
]
