"""Write docs/rules/CODE.md, one page per rule, as `patternlint explain CODE` prints it: the
pages SARIF's `helpUri` names. tests/test_conventions.py fails while a page is out of date."""

from __future__ import annotations

from pathlib import Path

from patternlint.cli.explain import page
from patternlint.rules import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    for old in DOCS.glob("*.md"):
        old.unlink()
    for rule in RULES:
        (DOCS / f"{rule.code}.md").write_text(page(rule), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
