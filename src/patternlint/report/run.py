"""`patternlint report`: the same lint run as `check` (settings, cache, profiles, baseline), and
the report written from it. Nothing here prints or exits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from patternlint.frozen import frozen

if TYPE_CHECKING:
    from patternlint.report.data import Report
    from patternlint.result import ProgressCallback
    from patternlint.service import CheckRequest


@frozen
class Written:
    report: Report
    output: Path
    size: int  # bytes


def lint(request: CheckRequest, out_dir: Path, progress: ProgressCallback | None = None) -> Report:
    """Lint as `check` does and derive the report's data from the run."""
    from patternlint import baseline as baselines
    from patternlint import service
    from patternlint.pipeline import Driver, lint_run
    from patternlint.report import data
    from patternlint.report.decisions import DECISIONS
    from patternlint.rules import RULES

    settings = service.resolve_settings(request).settings
    run = lint_run(list(request.paths), settings, request.cwd, progress)
    outcomes = run.outcomes
    if not outcomes:
        # The cache's kept result was reused: the records are in the cache too.
        driver = Driver(settings, run.root)
        outcomes = driver.outcomes(run.targets)
    where = {t.display: t.path for t in run.targets}
    profiles = {o.path: settings.profile_for(where[o.path]).name for o in outcomes}
    result = run.result
    new: list[bool] | None = None
    change = None
    if request.gate.baseline is not None:
        checked = tuple(t.display for t in run.targets if t.checked)
        known = baselines.load(request.gate.baseline, request.cwd)
        remaining, applied = baselines.apply(result, known, request.cwd, checked, {o.path: o.record for o in outcomes})
        fresh = {id(f) for f in remaining.findings}
        new = [id(f) in fresh for f in result.findings]
        change = data.BaselineChange(
            str(request.gate.baseline), applied.matched, len(remaining.findings), len(applied.stale)
        )
    return data.build(
        (o.record for o in outcomes),
        result.findings,
        profiles,
        where,
        run.root,
        out_dir,
        {r.code: (r.name, r.summary) for r in RULES},
        DECISIONS,
        new,
        change,
        links=settings.links,
    )


def write(request: CheckRequest, output: Path, progress: ProgressCallback | None = None) -> Written:
    from patternlint.report.page import render
    from patternlint.result import UsageError
    from patternlint.writing import write_atomically

    target = request.cwd / output
    report = lint(request, target.parent, progress)
    html = render(report).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, html)
    except OSError as exc:
        raise UsageError(f"cannot write `{output}`: {exc.strerror or exc}") from None
    return Written(report, output, len(html))
