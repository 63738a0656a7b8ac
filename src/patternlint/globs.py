"""Globs (include, exclude, per-file-ignores, per-file-profiles), matched like .gitignore
patterns: one module that configuration, settings and discovery all read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    # Case-insensitive, so `README.md` also skips `Readme.md`.
    return re.compile(out + r"\Z", re.IGNORECASE)


@dataclass(frozen=True)
class PathFilter:
    """`include` and `exclude` compiled once: component patterns (no `/`) into one regex
    matched against names, path patterns into one matched against the relative path."""

    include_names: re.Pattern[str] | None
    include_paths: re.Pattern[str] | None
    exclude_names: re.Pattern[str] | None
    exclude_paths: re.Pattern[str] | None

    def excludes(self, name: str, relative: str) -> bool:
        """Whether a folder or file is excluded; its parent folders were checked already."""
        return bool(
            (self.exclude_names and self.exclude_names.match(name))
            or (self.exclude_paths and self.exclude_paths.match(relative))
        )

    def includes(self, name: str, relative: str) -> bool:
        included = (self.include_names and self.include_names.match(name)) or (
            self.include_paths and self.include_paths.match(relative)
        )
        return bool(included) and not self.excludes(name, relative)


@lru_cache(maxsize=16)
def path_filter(include: tuple[str, ...], exclude: tuple[str, ...]) -> PathFilter:
    def combine(patterns: Iterable[str], with_slash: bool) -> re.Pattern[str] | None:
        chosen = [p for p in patterns if ("/" in p.rstrip("/")) == with_slash]
        if not chosen:
            return None
        parts = [_glob_regex(p.strip("/") if with_slash else p.rstrip("/")).pattern for p in chosen]
        return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)

    return PathFilter(
        combine(include, False), combine(include, True), combine(exclude, False), combine(exclude, True)
    )


def glob_match(pattern: str, relative: str) -> bool:
    """A pattern without `/` matches any one path component (like `.gitignore`); with `/`, the
    whole relative path."""
    if "/" not in pattern.rstrip("/"):
        regex = _glob_regex(pattern.rstrip("/"))
        return any(regex.match(part) for part in relative.split("/") if part)
    return bool(_glob_regex(pattern.lstrip("/")).match(relative))

