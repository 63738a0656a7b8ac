"""Effective settings of one run: which rules, their options and severities, where things are."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

from patternlint import __version__, profiles
from patternlint.model import Rule, Severity
from patternlint.profiles import Profile
from patternlint.yamlload import Limits


@dataclass(frozen=True)
class PerFileIgnore:
    glob: str  # matched against the path relative to `base`
    base: str  # the folder of the configuration file that says it
    codes: frozenset[str]


# Searching a folder skips these (any path component; see config.glob_match): tool folders,
# hidden ones, and the files that document a library rather than being patterns.
DEFAULT_EXCLUDE = (
    ".*",
    "node_modules",
    "_site",
    "__pycache__",
    "venv",
    "README.md",
    "CHANGELOG.md",
    "CONTRIBUTING.md",
    "LICENSE.md",
    "CODE_OF_CONDUCT.md",
    "SECURITY.md",
)


@dataclass(frozen=True)
class Settings:
    rules: tuple[Rule, ...]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    library: Path | None = None
    cache_dir: Path | None = None  # None: no cache
    jobs: int | None = None  # None: decide from the number of files and cores
    include: tuple[str, ...] = ("*.md",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    filter_root: Path | None = None  # where `/`-anchored include and exclude globs start
    force_exclude: bool = False  # apply `exclude` to files named on the command line too
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    fail_on: Severity = Severity.ERROR
    ignore_suppressions: bool = False  # report what inline comments suppress, too
    max_file_size: int = 10 * 1_048_576  # bytes; a larger file is a finding, not read
    max_nesting_depth: int = 100
    max_alias_expansion: int = 100_000
    profile: Profile = profiles.DEFAULT
    per_file_profiles: tuple[tuple[str, str, Profile], ...] = ()  # (glob, base folder, profile)
    # Hash every file's content even without a cache (`--fix` leaves a file that changed since
    # it was linted alone). Changes no finding, so not part of the fingerprint.
    content_digests: bool = False

    @property
    def limits(self) -> Limits:
        return Limits(self.max_nesting_depth, self.max_alias_expansion)

    def profile_for(self, path: Path) -> Profile:
        """The profile of one file: the last matching `per-file-profiles` glob, else the default."""
        if self.per_file_profiles:
            from patternlint.config import glob_match

            for glob, base, profile in reversed(self.per_file_profiles):
                try:
                    relative = path.relative_to(base).as_posix()
                except ValueError:
                    continue
                if glob_match(glob, relative):
                    return profile
        return self.profile

    def severity(self, rule: Rule) -> Severity:
        return self.severities.get(rule.code, rule.severity)

    def options(self, rule: Rule) -> Mapping[str, object]:
        """The rule's options, configured over its defaults (asked for every rule of every file:
        merged once a run for the rules selected)."""
        merged = self._options.get(rule.code)
        return merged if merged is not None else _merge(rule, self.rule_options)

    @cached_property
    def _options(self) -> dict[str, Mapping[str, object]]:
        return {rule.code: _merge(rule, self.rule_options) for rule in self.rules}

    def fingerprint(self) -> str:
        """Everything that changes per-file results: cached results from other settings are void."""
        payload = {
            "version": __version__,
            "rules": [
                (r.code, sorted(self.options(r).items()), int(self.severity(r)))
                for r in self.rules
            ],
            "per_file_ignores": [(p.glob, p.base, sorted(p.codes)) for p in self.per_file_ignores],
            "ignore_suppressions": self.ignore_suppressions,
            "profile": self.profile.fingerprint(),
            "limits": [self.max_file_size, self.max_nesting_depth, self.max_alias_expansion],
            "per_file_profiles": [(g, b, p.fingerprint()) for g, b, p in self.per_file_profiles],
        }
        blob = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.blake2b(blob, digest_size=12).hexdigest()


def _merge(rule: Rule, configured: Mapping[str, Mapping[str, object]]) -> Mapping[str, object]:
    return {**rule.options, **configured.get(rule.code, {})}


def default_settings() -> Settings:
    from patternlint.rules import RULES

    return Settings(rules=tuple(r for r in RULES if r.enabled_by_default))
