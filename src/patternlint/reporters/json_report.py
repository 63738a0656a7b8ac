"""`--output-format json`: one document, stable keys, version 1."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from patternlint.result import LintResult
from patternlint.model import Finding, Severity
from patternlint.reporters.escape import clean


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": clean(f.path),
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.label,
        "message": clean(f.message),
        "hint": None if f.hint is None else clean(f.hint),
    }


def to_dict(result: LintResult) -> dict[str, Any]:
    by_rule = Counter(f"{f.code} {f.rule}" for f in result.findings)
    return {
        "version": 1,
        "findings": [finding_dict(f) for f in result.findings],
        "summary": {
            "files_checked": result.files_checked,
            "library_files": result.library_files,
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "by_rule": dict(sorted(by_rule.items())),
        },
    }


def render(result: LintResult, stream: TextIO) -> None:
    """One finding per line: readable, diffable, and written by the C encoder (fast)."""
    doc = to_dict(result)
    stream.write('{"version": 1, "findings": [')
    for i, finding in enumerate(doc["findings"]):
        stream.write(("\n  " if i == 0 else ",\n  ") + json.dumps(finding, ensure_ascii=False))
    stream.write("\n], \"summary\": " if doc["findings"] else "], \"summary\": ")
    stream.write(json.dumps(doc["summary"], ensure_ascii=False))
    stream.write("}\n")
