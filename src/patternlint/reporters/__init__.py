"""Reporters render a LintResult to an injected stream; they never decide the exit code."""

from __future__ import annotations

import enum


class OutputFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
