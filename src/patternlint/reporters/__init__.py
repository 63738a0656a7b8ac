"""Reporters render a LintResult to an injected stream; they never decide the exit code.

One module per format, imported only when that format is used: start-up time matters.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from patternlint.model import Span


class OutputFormat(str, enum.Enum):
    FULL = "full"
    CONCISE = "concise"
    JSON = "json"
    JSON_LINES = "json-lines"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    GITLAB = "gitlab"
    AUTO = "auto"  # `github` inside GitHub Actions, `full` elsewhere
    TEXT = "text"  # the name `full` had before: kept so existing scripts keep working

    def resolve(self, environ: Mapping[str, str] | None = None) -> OutputFormat:
        """The concrete format: `text` is `full`, `auto` depends on where we run."""
        if self is OutputFormat.TEXT:
            return OutputFormat.FULL
        if self is OutputFormat.AUTO:
            import os

            env = os.environ if environ is None else environ
            running_in_actions = env.get("GITHUB_ACTIONS", "").lower() not in ("", "false", "0")
            return OutputFormat.GITHUB if running_in_actions else OutputFormat.FULL
        return self

    @property
    def is_human(self) -> bool:
        """Written for people: styled on a terminal, with a summary line and statistics inline."""
        return self in (OutputFormat.FULL, OutputFormat.CONCISE, OutputFormat.TEXT)


def last_line(span: Span) -> int:
    """The last line that holds part of the span: one that ends at column 1 of a line stops
    at the end of the line before (end positions are exclusive)."""
    if span.end_line > span.line and span.end_column == 1:
        return span.end_line - 1
    return span.end_line
