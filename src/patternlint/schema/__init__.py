"""The JSON Schema contract: a file's frontmatter checked against it, as typed issues.

`loading` reads a schema (with the rule options that change its contract, and the documents
its `$ref`s name), `fast` answers "valid?" with compiled checks, `translate` turns jsonschema's
errors into `issues`, `check` puts them together. The rules that report each kind of issue word it.

The names below are imported from their modules when first used: reading a contract's schema
(`loading`) must not load the parser and the checking machinery, which a run that reuses its
cached result never needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from patternlint.schema.check import contract, group_check, validate, validator
    from patternlint.schema.fast import compiled_checks_agree, fast_is_valid, top_level_checks
    from patternlint.schema.issues import (
        About,
        BadFormat,
        IssueKind,
        MissingKey,
        NotAllowed,
        NotFinite,
        NotInForm,
        OtherShape,
        OutOfRange,
        SchemaIssue,
        UnknownKey,
        WrongType,
    )
    from patternlint.schema.loading import (
        DEFAULT_SCHEMA,
        DEFAULT_SLUG_PATTERN,
        SCHEMA_DIR,
        Override,
        Overrides,
        RefError,
        SlugPattern,
        WeightRange,
        documents,
        has_external_refs,
        inline_refs,
        load_schema,
    )
    from patternlint.schema.translate import Contract

_MODULES = {
    "check": ("contract", "group_check", "validate", "validator"),
    "fast": ("compiled_checks_agree", "fast_is_valid", "top_level_checks"),
    "issues": (
        "About", "BadFormat", "IssueKind", "MissingKey", "NotAllowed", "NotFinite", "NotInForm", "OtherShape",
        "OutOfRange", "SchemaIssue", "UnknownKey", "WrongType",
    ),
    "loading": (
        "DEFAULT_SCHEMA", "DEFAULT_SLUG_PATTERN", "SCHEMA_DIR", "Override", "Overrides", "RefError", "SlugPattern",
        "WeightRange", "documents", "has_external_refs", "inline_refs", "load_schema",
    ),
    "translate": ("Contract",),
}  # fmt: skip
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "About", "BadFormat", "Contract", "DEFAULT_SCHEMA", "DEFAULT_SLUG_PATTERN", "IssueKind",
    "MissingKey", "NotAllowed", "NotFinite", "NotInForm", "OtherShape", "OutOfRange", "Override",
    "Overrides", "RefError", "SCHEMA_DIR", "SchemaIssue", "SlugPattern", "UnknownKey",
    "WeightRange", "WrongType", "compiled_checks_agree", "contract", "documents", "fast_is_valid", "group_check",
    "has_external_refs", "inline_refs", "load_schema", "top_level_checks", "validate", "validator",
]  # fmt: skip


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
