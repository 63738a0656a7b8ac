"""`--output-format gitlab`: a GitLab Code Quality report (a subset of Code Climate's format),
for `artifacts: reports: codequality`. Fingerprints are stable across line moves."""

from __future__ import annotations

from dataclasses import replace

import json
from pathlib import Path
from typing import Any, TextIO

from patternlint.result import LintResult
from patternlint.model import Severity
from patternlint.reporters import RepositoryPaths, last_line
from patternlint.reporters.escape import clean

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def to_list(result: LintResult, cwd: Path | None = None) -> list[dict[str, Any]]:
    """Paths relative to the repository root, as GitLab shows them on a merge request."""
    from patternlint.baseline import fingerprints

    paths = RepositoryPaths(result.library_root, cwd)
    return [
        {
            "description": f"{f.code} {clean(f.message)}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "location": {
                "path": clean(paths(f.path)),
                "lines": {"begin": f.span.line, "end": last_line(f.span)},
            },
        }
        for f, fingerprint in zip(result.findings, fingerprints([replace(f, path=paths(f.path)) for f in result.findings]))
    ]


def render(result: LintResult, stream: TextIO) -> None:
    stream.write(json.dumps(to_list(result), ensure_ascii=False, indent=2) + "\n")
