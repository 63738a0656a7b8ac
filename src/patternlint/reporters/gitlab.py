"""`--output-format gitlab`: a GitLab Code Quality report (a subset of Code Climate's format),
for `artifacts: reports: codequality`. Fingerprints are stable across line moves."""

from __future__ import annotations

import json
import os
from typing import Any, TextIO

from patternlint.result import LintResult
from patternlint.model import Severity
from patternlint.reporters import last_line
from patternlint.reporters.escape import clean

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def to_list(result: LintResult) -> list[dict[str, Any]]:
    from patternlint.baseline import fingerprints

    return [
        {
            "description": f"{f.code} {clean(f.message)}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[f.severity],
            "location": {
                "path": clean(f.path if os.sep == "/" else f.path.replace(os.sep, "/")),
                "lines": {"begin": f.span.line, "end": last_line(f.span)},
            },
        }
        for f, fingerprint in zip(result.findings, fingerprints(result.findings))
    ]


def render(result: LintResult, stream: TextIO) -> None:
    stream.write(json.dumps(to_list(result), ensure_ascii=False, indent=2) + "\n")
