"""What the report knows about particular rules: the section rules, whose findings say which
sections are missing, empty or out of their word range; and the one decision that removes a
systemic cause, for the rules whose causes are decisions rather than edits (a rule not listed
gets its findings' common hint, else its summary)."""

from __future__ import annotations

from typing import Mapping

DECISIONS: Mapping[str, str] = {
    "legacy-layout": (
        "decide the future of the older layout once: migrate these files to spec v7.1 in one scripted "
        "pass, or declare them `commons-v1` with `per-file-profiles` so they are checked against their own contract"
    ),
    "missing-inverse-relationship": (
        "decide whether a paired relationship is stored in both files (ADR-0005): if it is, write the "
        "inverses in one generated pass (`--fix --unsafe-fixes`); if not, turn the rule off"
    ),
    "section-length": (
        "decide whether the spec's word ranges are rules or guidance: configure `ranges` to what the "
        "library accepts, or plan the rewrites"
    ),
    "confidence-rating-mismatch": (
        "decide which is the source of truth, the stars in the body or `lifecycle.confidence`, and "
        "regenerate the other from it"
    ),
    "summary-mismatch": (
        "decide whether the body's opening paragraph repeats `summary`; if it does, generate one from the other"
    ),
    "unresolved-relationship": (
        "fix the generator that wrote these relationships: let it choose targets only among the existing slugs"
    ),
    "unresolved-inferred-link": (
        "re-run the graph-garden pruning against the current slugs; inferred links are rewritten, not edited"
    ),
    "relationship-item-shape": "convert the plain-string relationship items to `{slug, weight}` in one pass",
    "misnumbered-section": "renumber the section headings with `patternlint check --fix`",
    "section-heading-extra-text": "decide whether section headings may carry a subtitle; if so, turn the rule off",
    "missing-required-key": "add the key to the template the files were generated from, then backfill it",
    "unknown-key": "add the keys the library uses to the schema (a profile override), or drop them in one pass",
}

# The section rules, by name: what their findings say about a section (the section is the first
# value a finding names; a missing-section finding may name several).
SECTION_KINDS: Mapping[str, str] = {
    "missing-section": "missing",
    "empty-section": "empty",
    "section-length": "length",
}
