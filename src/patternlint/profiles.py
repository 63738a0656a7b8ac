"""Profiles: a pattern language's contract. A profile bundles the frontmatter schema, whether
frontmatter is required, the required sections, and which layout it expects.

- `commons-v7` (default): spec v7.1 of the commons.engineering Pattern Library.
- `commons-v1`: the library's older layout (`classification`, `page_url`, `### 1. Overview`),
  derived from the 1,542 files of the reference library that still use it.
- `peeragogy`: the Peeragogy pattern language: no YAML needed (an optional `title`), sections
  Motivation … References as plain `##` headings.
A configuration may define its own (a schema path and a list of required headings) and map
globs to profiles, so a library can keep a folder of legacy files next to its v7 files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from patternlint.schema import SCHEMA_DIR, Overrides, RefError, documents, has_external_refs
from patternlint.sections import COMMONS_V7, Form, SectionSpec


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    schema: Path | None  # None: the frontmatter is not validated
    frontmatter_required: bool
    sections: SectionSpec | None
    # The file layout the profile's own rules read ("v7": the spec v7.1 groups). A file in
    # another layout is reported once, by the layout rule, instead of by every rule.
    layout: str = "any"
    # Rule options that adjust the schema (a weight range, a slug pattern), see schema.loading.
    schema_overrides: Overrides = ()

    def fingerprint(self) -> str:
        """Everything about the profile that changes results, for the cache key."""
        digest = hashlib.blake2b(digest_size=8)
        digest.update(
            repr(
                (self.name, self.frontmatter_required, self.sections, self.layout, self.schema_overrides)
            ).encode()
        )
        if self.schema is not None:
            try:
                data = self.schema.read_bytes()
                digest.update(data)
                if has_external_refs(data):  # the documents it refers to count too
                    digest.update(json.dumps(documents(self.schema), sort_keys=True).encode())
            except (OSError, RefError):
                digest.update(b"<unreadable>")
        return digest.hexdigest()


COMMONS_V7_PROFILE = Profile(
    "commons-v7",
    "commons.engineering Pattern Library, spec v7.1 (the default)",
    SCHEMA_DIR / "pattern.schema.json",
    True,
    COMMONS_V7,
    layout="v7",
)

COMMONS_V1_PROFILE = Profile(
    "commons-v1",
    "commons.engineering Pattern Library, the older v1 layout (classification, page_url)",
    SCHEMA_DIR / "pattern-v1.schema.json",
    True,
    # The four sections nearly every v1 file has, in this order; the others vary. Files number
    # Implementation 4 or 5, so a number is required but not a particular one.
    SectionSpec(("Overview", "Core Principles", "Key Practices", "Implementation"), 3, Form.NUMBERED, exact_numbers=False),
    layout="v1",
)

PEERAGOGY_PROFILE = Profile(
    "peeragogy",
    "The Peeragogy pattern language (Markdown headings, optional `title` frontmatter)",
    SCHEMA_DIR / "peeragogy.schema.json",
    False,
    SectionSpec(
        (
            "Motivation",
            "Context",
            "Forces",
            "Problem",
            "Solution",
            "Rationale",
            "Resolution",
            "Example 1",
            "Example 2",
            "What's Next in the Peeragogy Project",
            "References",
        ),
        2,
        Form.PLAIN,
    ),
)

BUILT_IN: dict[str, Profile] = {
    p.name: p for p in (COMMONS_V7_PROFILE, COMMONS_V1_PROFILE, PEERAGOGY_PROFILE)
}
DEFAULT = COMMONS_V7_PROFILE

