"""Effective settings of one run: which rules, their options and severities, where things are."""

from __future__ import annotations

import hashlib
import json
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from patternlint.frozen import frozen
from patternlint import __version__, options
from patternlint.model import Rule, Severity
from patternlint.contract import default
from patternlint.links import Links, merged
from patternlint.profiles import Profile

if TYPE_CHECKING:
    from patternlint.yamlload import Limits


@frozen
class PerFileIgnore:
    glob: str  # matched against the path relative to `base`
    base: str  # the folder of the configuration file that says it
    codes: frozenset[str]


# Searching a folder skips these (any path component; see globs): tool folders,
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


@frozen
class Settings:
    codes: tuple[str, ...]  # the rules that run, in code order (see `rules`)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    # code → an instance of the rule's options dataclass, for the rules configured
    rule_options: Mapping[str, object] = field(default_factory=dict)
    library: Path | None = None
    cache_dir: Path | None = None  # None: no cache
    jobs: int | None = None  # None: decide from the number of files and cores
    include: tuple[str, ...] = ("*.md",)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    filter_root: Path | None = None  # where `/`-anchored include and exclude globs start
    force_exclude: bool = False  # apply `exclude` to files named on the command line too
    respect_gitignore: bool = True  # leave out what `.gitignore` files and `.git/info/exclude` ignore
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    fail_on: Severity = Severity.ERROR
    ignore_suppressions: bool = False  # report what inline comments suppress, too
    max_file_size: int = 10 * 1_048_576  # bytes; a larger file is a finding, not read
    max_nesting_depth: int = 100
    max_alias_expansion: int = 100_000
    profile: Profile = field(default_factory=default)
    per_file_profiles: tuple[tuple[str, str, Profile], ...] = ()  # (glob, base folder, profile)
    # Hash every file's content even without a cache (`--fix` leaves a file that changed since
    # it was linted alone). Changes no finding, so not part of the fingerprint.
    content_digests: bool = False

    @cached_property
    def rules(self) -> tuple[Rule[Any], ...]:
        """The rules that run: their modules are imported when a file is checked, not when a
        run reuses its cached result."""
        from patternlint import rules

        return rules.load(self.codes)

    def __getstate__(self) -> dict[str, object]:
        # Worker processes import the rules themselves: their checks are module functions and
        # closures, which pickle cannot carry.
        return {k: v for k, v in self.__dict__.items() if k not in ("rules", "_options")}

    @property
    def limits(self) -> Limits:
        from patternlint.yamlload import Limits  # the parser's: not loaded by a run that parses nothing

        return Limits(self.max_nesting_depth, self.max_alias_expansion)

    @property
    def links(self) -> Links:
        """How the library's links are read: every profile's declaration, the default's first."""
        return merged((self.profile.links, *(p.links for _, _, p in self.per_file_profiles)))

    def profile_for(self, path: Path) -> Profile:
        """The profile of one file: the last matching `per-file-profiles` glob, else the default."""
        if self.per_file_profiles:
            from patternlint.globs import glob_match

            for glob, base, profile in reversed(self.per_file_profiles):
                try:
                    relative = path.relative_to(base).as_posix()
                except ValueError:
                    continue
                if glob_match(glob, relative):
                    return profile
        return self.profile

    def severity(self, rule: Rule[Any]) -> Severity:
        return self.severities.get(rule.code, rule.severity)

    def options(self, rule: Rule[Any]) -> Any:
        """The rule's options: the configured ones, else its defaults; None for a rule without
        options (asked for every rule of every file: made once a run for the rules selected)."""
        if rule.code in self._options:
            return self._options[rule.code]
        return _options(rule, self.rule_options)

    @cached_property
    def _options(self) -> dict[str, object]:
        return {rule.code: _options(rule, self.rule_options) for rule in self.rules}

    def fingerprint(self) -> str:
        """Everything that changes per-file results: cached results from other settings are void."""
        payload = {
            "version": __version__,
            # The rules' defaults (options, severities) are the code's, which `version` covers:
            # only what the configuration chooses is read here, so no rule module is imported.
            "rules": self.codes,
            "options": {code: changed for code, o in sorted(self.rule_options.items()) if (changed := _changed(o))},
            "severities": {code: int(s) for code, s in sorted(self.severities.items())},
            "per_file_ignores": [(p.glob, p.base, sorted(p.codes)) for p in self.per_file_ignores],
            "ignore_suppressions": self.ignore_suppressions,
            "profile": self.profile.fingerprint(),
            "limits": [self.max_file_size, self.max_nesting_depth, self.max_alias_expansion],
            "per_file_profiles": [(g, b, p.fingerprint()) for g, b, p in self.per_file_profiles],
        }
        blob = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.blake2b(blob, digest_size=12).hexdigest()


def _changed(configured: object) -> dict[str, object]:
    """The options that differ from their defaults (configuring a default changes nothing)."""
    defaults = options.values(type(configured)())
    return {key: value for key, value in options.values(configured).items() if defaults.get(key) != value}


def _options(rule: Rule[Any], configured: Mapping[str, object]) -> object:
    if rule.code in configured:
        return configured[rule.code]
    return None if rule.options is None else rule.options()


def default_settings() -> Settings:
    from patternlint.rules import TABLE

    return Settings(codes=tuple(e.code for e in TABLE if e.default))
