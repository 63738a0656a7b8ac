"""`--output-format junit`: JUnit XML, which CI test reporters (GitLab, Jenkins, Azure, the
test-report actions) show: one testsuite per file, one failing testcase per finding.

A run without findings has one passing testcase, so that reporters which insist on at least
one test see the check pass.
"""

from __future__ import annotations

import re
from pathlib import Path
from itertools import groupby
from typing import TextIO

from patternlint.result import LintResult
from patternlint.model import Finding
from patternlint.reporters import RepositoryPaths
from patternlint.reporters.escape import visible

# Characters XML 1.0 cannot carry at all, not even as `&#…;`, beyond those `visible` handles.
_NOT_XML = re.compile("[\ufffe\uffff]")


def _text(value: str) -> str:
    value = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(value))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _testcase(f: Finding, path: str) -> str:
    where = f"{path}:{f.span.line}:{f.span.column}"
    lines = [f"{where}: {f.code} {f.severity.label}: {f.message}"]
    if f.hint:
        lines.append(f"hint: {f.hint}")
    # The name is what a test report tracks from run to run: the rule and what the finding says
    # (the message names the key, pointer or slug), never the line, which moves with every edit.
    name = f"{f.code} {f.rule}: {f.message}"
    return (
        f'    <testcase name="{_attr(name)}" classname="{_attr(path)}" file="{_attr(path)}" line="{f.span.line}">\n'
        f'      <failure type="{f.severity.label}" message="{_attr(f.message)}">'
        + "\n".join(_text(line) for line in lines)
        + "</failure>\n"
        "    </testcase>\n"
    )


def render(result: LintResult, stream: TextIO, cwd: Path | None = None) -> None:
    """Paths relative to the repository root (see reporters.RepositoryPaths)."""
    paths = RepositoryPaths(result.library_root, cwd)
    n = len(result.findings)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not n:
        stream.write(
            '<testsuites name="patternlint" tests="1" failures="0" errors="0" skipped="0">\n'
            '  <testsuite name="patternlint" tests="1" failures="0" errors="0" skipped="0">\n'
            f'    <testcase name="{_attr(f"checked {result.files_checked} files")}" classname="patternlint"/>\n'
            "  </testsuite>\n"
            "</testsuites>\n"
        )
        return
    stream.write(f'<testsuites name="patternlint" tests="{n}" failures="{n}" errors="0" skipped="0">\n')
    for path, group in groupby(result.findings, key=lambda f: f.path):
        findings = list(group)
        k = len(findings)
        stream.write(
            f'  <testsuite name="{_attr(paths(path))}" tests="{k}" failures="{k}" errors="0" skipped="0">\n'
        )
        for f in findings:
            stream.write(_testcase(f, paths(path)))
        stream.write("  </testsuite>\n")
    stream.write("</testsuites>\n")
