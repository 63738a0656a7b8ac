"""The rule registry: one line per rule, in code order.

A line names the rule (its code and name) and whether it runs by default: what choosing rules
needs. Everything else, the check, its words, its options, is in the rule's module,
`patternlint.rules.<name with underscores>`, imported when a rule is used, so that a run that
reuses its cached result reads no rule module at all. `test_registry` checks each line against
its module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Iterable

from patternlint.frozen import frozen

if TYPE_CHECKING:
    from patternlint.model import Rule


@frozen(slots=True)
class Entry:
    code: str
    name: str
    default: bool = True  # runs unless the configuration leaves it out

    @property
    def module(self) -> str:
        return f"patternlint.rules.{self.name.replace('-', '_')}"

    def load(self) -> Rule[Any]:
        rule: Rule[Any] = importlib.import_module(self.module).rule
        return rule


TABLE: tuple[Entry, ...] = (
    Entry("PL001", "not-utf8"),
    Entry("PL002", "empty-file"),
    Entry("PL003", "missing-frontmatter"),
    Entry("PL004", "unclosed-frontmatter"),
    Entry("PL005", "yaml-syntax-error"),
    Entry("PL006", "duplicate-key"),
    Entry("PL007", "frontmatter-not-mapping"),
    Entry("PL008", "unreadable-file"),
    Entry("PL009", "unused-suppression"),
    Entry("PL010", "legacy-layout"),
    Entry("PL011", "yaml11-ambiguous-value"),
    Entry("PL012", "tab-indentation"),
    Entry("PL013", "mixed-line-endings"),
    Entry("PL014", "limit-exceeded"),
    Entry("PL101", "missing-required-key"),
    Entry("PL102", "unknown-key"),
    Entry("PL103", "wrong-type"),
    Entry("PL104", "invalid-value"),
    Entry("PL105", "value-out-of-range"),
    Entry("PL106", "invalid-format"),
    Entry("PL201", "overall-score-mismatch"),
    Entry("PL202", "confidence-rating-mismatch"),
    Entry("PL203", "primary-tension-mismatch"),
    Entry("PL204", "summary-mismatch", default=False),
    Entry("PL205", "quoted-score-mismatch"),
    Entry("PL206", "vitality-band-mismatch"),
    Entry("PL207", "malformed-tension"),
    Entry("PL208", "placeholder-value"),
    Entry("PL301", "unresolved-relationship"),
    Entry("PL302", "relationship-item-shape"),
    Entry("PL303", "unresolved-inferred-link"),
    Entry("PL304", "self-relationship"),
    Entry("PL305", "duplicate-relationship"),
    Entry("PL306", "contradictory-relationship"),
    Entry("PL307", "missing-inverse-relationship", default=False),
    Entry("PL308", "generalization-cycle"),
    Entry("PL309", "orphan-pattern", default=False),
    Entry("PL310", "generalization-direction-mismatch"),
    Entry("PL401", "missing-section"),
    Entry("PL402", "misnumbered-section"),
    Entry("PL403", "section-out-of-order"),
    Entry("PL404", "section-heading-level"),
    Entry("PL405", "empty-section"),
    Entry("PL406", "duplicate-section"),
    Entry("PL407", "section-heading-extra-text"),
    Entry("PL408", "section-length", default=False),
    Entry("PL409", "truncated-text"),
    Entry("PL410", "title-in-body"),
    Entry("PL411", "callout-outside-blockquote"),
    Entry("PL412", "forbidden-heading"),
    Entry("PL501", "slug-filename-mismatch"),
    Entry("PL502", "duplicate-id"),
    Entry("PL503", "duplicate-slug"),
)

CODES: frozenset[str] = frozenset(e.code for e in TABLE)
NAMES: dict[str, str] = {e.code: e.name for e in TABLE}


if TYPE_CHECKING:
    RULES: tuple[Rule[Any], ...]  # every rule, in code order
    BY_CODE: dict[str, Rule[Any]]
    BY_NAME: dict[str, Rule[Any]]


def __getattr__(name: str) -> object:
    """`RULES`, `BY_CODE` and `BY_NAME`, made when first asked for: they import every rule."""
    if name == "RULES":
        value: object = tuple(e.load() for e in TABLE)
    elif name in ("BY_CODE", "BY_NAME"):
        rules: tuple[Rule[Any], ...] = globals().get("RULES") or __getattr__("RULES")  # type: ignore[assignment]
        value = {(r.code if name == "BY_CODE" else r.name): r for r in rules}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def load(codes: Iterable[str]) -> tuple[Rule[Any], ...]:
    """The rules with these codes (imports only their modules)."""
    entries = {e.code: e for e in TABLE}
    return tuple(entries[code].load() for code in codes)


def lookup(code_or_name: str) -> Rule[Any] | None:
    """The rule with this code or name, in any case; None if there is none."""
    wanted = code_or_name.lower()
    entry = next((e for e in TABLE if e.code.lower() == wanted or e.name == wanted), None)
    return entry.load() if entry else None
