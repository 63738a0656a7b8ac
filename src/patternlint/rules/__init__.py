"""The rule registry: one line per rule, in code order."""

from __future__ import annotations

from patternlint.model import Rule
from patternlint.rules import (
    duplicate_id,
    duplicate_key,
    duplicate_slug,
    empty_file,
    frontmatter_not_mapping,
    invalid_format,
    invalid_value,
    legacy_layout,
    misnumbered_section,
    missing_frontmatter,
    missing_required_key,
    missing_section,
    not_utf8,
    overall_score_mismatch,
    relationship_item_shape,
    section_heading_level,
    section_out_of_order,
    slug_filename_mismatch,
    unclosed_frontmatter,
    unknown_key,
    unreadable_file,
    unresolved_inferred_link,
    unresolved_relationship,
    value_out_of_range,
    wrong_type,
    yaml_syntax_error,
)

RULES: tuple[Rule, ...] = (
    not_utf8.rule,
    empty_file.rule,
    missing_frontmatter.rule,
    unclosed_frontmatter.rule,
    yaml_syntax_error.rule,
    duplicate_key.rule,
    frontmatter_not_mapping.rule,
    unreadable_file.rule,
    legacy_layout.rule,
    missing_required_key.rule,
    unknown_key.rule,
    wrong_type.rule,
    invalid_value.rule,
    value_out_of_range.rule,
    invalid_format.rule,
    overall_score_mismatch.rule,
    unresolved_relationship.rule,
    relationship_item_shape.rule,
    unresolved_inferred_link.rule,
    missing_section.rule,
    misnumbered_section.rule,
    section_out_of_order.rule,
    section_heading_level.rule,
    slug_filename_mismatch.rule,
    duplicate_id.rule,
    duplicate_slug.rule,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def lookup(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
