"""`patternlint rules`: every rule with its code, name, scope, severity and fixability."""

from __future__ import annotations

import sys


def rules() -> None:
    """List every rule."""
    from rich.table import Table

    from patternlint.reporters.text import make_console
    from patternlint.rules import RULES

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("code", "name", "scope", "severity", "fix", "default", "summary"):
        table.add_column(column)
    for rule in RULES:
        table.add_row(
            rule.code,
            rule.name,
            rule.scope.value,
            rule.severity.label,
            rule.fixable.value,
            "on" if rule.enabled_by_default else "off",
            rule.summary,
        )
    console = make_console(sys.stdout)
    if not console.is_terminal:
        console.width = 200  # a pipe or file has no width to fit: never cut a rule's name
    console.print(table)
