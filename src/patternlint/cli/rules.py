"""`patternlint rules`: every rule with its code, name, scope, severity and fixability."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

COLUMNS = ("code", "name", "scope", "severity", "fix", "default", "summary")


class RulesFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"


def rules(
    output_format: Annotated[
        RulesFormat,
        typer.Option("--output-format", "-f", case_sensitive=False, help="`text` (a table) or `json`."),
    ] = RulesFormat.TEXT,
) -> None:
    """List every rule."""
    from patternlint.rules import RULES

    if output_format is RulesFormat.JSON:
        import json

        from patternlint.cli.explain import page

        listed = [
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "scope": rule.scope.value,
                "severity": rule.severity.label,
                "fix": rule.fixable.value,
                "enabled_by_default": rule.enabled_by_default,
                "explanation": page(rule),
            }
            for rule in RULES
        ]
        sys.stdout.write(json.dumps(listed, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [COLUMNS] + [
        (
            rule.code,
            rule.name,
            rule.scope.value,
            rule.severity.label,
            rule.fixable.value,
            "on" if rule.enabled_by_default else "off",
            rule.summary,
        )
        for rule in RULES
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    # Columns two spaces apart, and no line ends in spaces (the last column is not padded).
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    from patternlint.reporters.text import make_console

    console = make_console(sys.stdout)
    if console.is_terminal:
        from rich.text import Text

        console.print(Text(lines[0], style="bold"), soft_wrap=True)
        console.print(Text("\n".join(lines[1:])), soft_wrap=True)
    else:
        sys.stdout.write("\n".join(lines) + "\n")
