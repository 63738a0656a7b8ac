"""`patternlint explain CODE`: a rule's documentation page."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from patternlint.cli.stderr import say

if TYPE_CHECKING:
    from patternlint.model import Rule


def explain(
    code: Annotated[str, typer.Argument(help="A rule code (`PL201`) or name (`overall-score-mismatch`).")],
) -> None:
    """Show what a rule checks, why it matters, an example, and how to fix it."""
    from rich.markdown import Markdown

    from patternlint.reporters.text import make_console
    from patternlint.rules import RULES, lookup
    from patternlint.suggest import did_you_mean

    rule = lookup(code)
    if rule is None:
        hint = did_you_mean(code.lower(), [r.name for r in RULES], cutoff=0.6)
        say(f"patternlint: error: no rule `{code}`" + (f"; {hint}" if hint else "") + " (see `patternlint rules`)")
        raise typer.Exit(2)
    text = page(rule)
    console = make_console(sys.stdout)
    if console.is_terminal:
        console.print(Markdown(text))
    else:
        sys.stdout.write(text)


def page(rule: Rule[Any]) -> str:
    """A rule's page, as `explain` prints it and `docs/rules/CODE.md` keeps it (the SARIF
    `helpUri` of the rule)."""
    return (
        f"# {rule.code} {rule.name}\n\n{rule.summary}. Scope: {rule.scope.value}; "
        f"default severity: {rule.severity.label}; fix: {rule.fixable.value}; "
        f"{'on' if rule.enabled_by_default else 'off'} by default.\n\n{rule.doc.strip()}\n"
    )
