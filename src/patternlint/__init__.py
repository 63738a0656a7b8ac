"""patternlint: a fast, exact linter for pattern libraries."""

__version__ = "0.1.0"
