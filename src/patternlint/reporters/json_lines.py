"""`--output-format json-lines`: one JSON object per finding per line, the keys of `json`'s
findings; nothing else, so `jq -c`, `grep` and line-by-line readers all work."""

from __future__ import annotations

import json
from typing import TextIO

from patternlint.result import LintResult
from patternlint.reporters.json_report import finding_dict

# JSON allows these raw inside strings, but line readers (Python's `splitlines`, JavaScript's
# line terminators) split on them; escaped, every record stays on its one line.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def render(result: LintResult, stream: TextIO) -> None:
    for f in result.findings:
        stream.write(json.dumps(finding_dict(f), ensure_ascii=False).translate(_LINE_BREAKS) + "\n")
