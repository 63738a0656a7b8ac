"""A parsed pattern file: what every file rule looks at."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Mapping

from patternlint import markdown, profiles, source, yamlload
from patternlint.profiles import Layout, Profile
from patternlint.sections import SectionAnalysis, SectionHeading, analyse
from patternlint.model import Span, Violation

if TYPE_CHECKING:
    from patternlint.schema import SchemaIssue


__all__ = ["Document", "Layout", "ParseProblem"]  # Layout: the profile's, read by many rules


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """A reading or parsing problem; `kind` is the name of the rule that reports it."""

    kind: str
    violation: Violation


class Document:
    """One pattern file, split and parsed. Expensive views (headings, schema) are lazy."""

    def __init__(
        self,
        path: str,
        stem: str,
        data: bytes | OSError | source.SplitProblem,
        profile: Profile = profiles.DEFAULT,
        limits: yamlload.Limits = yamlload.Limits(),
    ) -> None:
        """`data` is the file's bytes, or why it was not read (an OSError, or a refusal such as
        a file over the size limit)."""
        self.path = path
        self.stem = stem
        self.profile = profile
        self.problems: list[ParseProblem] = []
        if isinstance(data, OSError):
            self.source = source.unreadable(data)
        elif isinstance(data, source.SplitProblem):
            self.source = source.refused(data)
        else:
            self.source = source.split(data)
        # Whether any line may end in `\r\n`: scanning bytes is far cheaper than scanning text.
        self.has_carriage_return = isinstance(data, bytes) and b"\r" in data
        self.data: Mapping[str, object] | None = None
        self.positions: yamlload.Positions | None = None
        if self.source.problem is not None:
            p = self.source.problem
            if p.kind == "missing-frontmatter" and not profile.frontmatter_required:
                return  # a pattern language whose files need no frontmatter
            self.problems.append(ParseProblem(p.kind, Violation(p.message, p.span, p.hint)))
            return
        assert self.source.frontmatter is not None
        try:
            parsed, self.positions, duplicates = yamlload.parse_frontmatter(
                self.source.frontmatter, self.source.frontmatter_line, limits
            )
        except yamlload.TabIndentation as exc:
            # libyaml gives up at the tab with a message about tokens; say what is wrong instead.
            self.problems.append(
                ParseProblem("tab-indentation", Violation(exc.message, exc.span, exc.hint))
            )
            return
        except yamlload.YamlSyntaxError as exc:
            self.problems.append(
                ParseProblem(
                    "yaml-syntax-error",
                    Violation(
                        f"frontmatter is not valid YAML: {exc.message}",
                        exc.span,
                        exc.hint
                        or "fix the YAML here; quote values that contain `: ` or start with `[`, `{`, `*` or `&`",
                    ),
                )
            )
            return
        except yamlload.LimitExceeded as exc:
            self.problems.append(
                ParseProblem("limit-exceeded", Violation(exc.message, exc.span, exc.hint))
            )
            return
        for dup in duplicates:
            self.problems.append(
                ParseProblem(
                    "duplicate-key",
                    Violation(
                        f"key `{dup.key}` appears again; it was first set on line {dup.first_line}",
                        dup.span,
                        "remove one of the two; YAML readers silently keep only the last one",
                    ),
                )
            )
        if not isinstance(parsed, dict):
            kind = "empty" if parsed is None else _kind(parsed)
            self.problems.append(
                ParseProblem(
                    "frontmatter-not-mapping",
                    Violation(
                        f"frontmatter is {kind}; expected a mapping of keys to values",
                        self.positions.value_span(()) if parsed is not None else Span(1, 1, 1, 4),
                        "write the frontmatter as `key: value` lines",
                    ),
                )
            )
            return
        self.data = parsed

    @cached_property
    def layout(self) -> Layout:
        """The frontmatter's layout, as the profile tells its layouts apart."""
        return self.profile.layouts.classify(self.data)

    @cached_property
    def blocks(self) -> markdown.Blocks:
        """The body's block model: headings, code blocks, section extents."""
        if self.source.problem is not None and self.source.problem.kind != "missing-frontmatter":
            return markdown.EMPTY
        return markdown.blocks(self.source.body_lines)

    @property
    def headings(self) -> tuple[markdown.Heading, ...]:
        return self.blocks.headings

    @property
    def in_profile_layout(self) -> bool:
        """False for a file in another layout than the profile's (`legacy-layout` reports it
        once; its sections and schema are not checked against the wrong contract)."""
        return self.profile.in_layout(self.layout)

    @cached_property
    def sections(self) -> SectionAnalysis | None:
        """The required-section analysis; None where it does not apply: the profile requires
        no sections, the file has no usable frontmatter although it must, or it is in another
        layout than the profile's (`legacy-layout` reports that once)."""
        spec = self.profile.sections
        if spec is None or (self.profile.frontmatter_required and self.data is None):
            return None
        if not self.in_profile_layout:
            return None
        return analyse(self.headings, spec)

    @cached_property
    def schema_issues(self) -> tuple[SchemaIssue, ...]:
        from patternlint import schema

        if self.data is None or self.profile.schema is None:
            return ()
        if not self.in_profile_layout:
            return ()
        return schema.validate(
            self.data, self.span_finder(), self.profile.schema, self.profile.schema_overrides
        )

    def section_text(self, section: SectionHeading) -> str:
        """The section's content: the text of `blocks.section_lines`."""
        first, end = self.blocks.section_lines(section.heading)
        return self.source.body[self.body_offset(first) : self.body_offset(end)]

    def body_offset(self, line: int) -> int:
        """Where file line `line` starts in `source.body` (`len(body)` past its end)."""
        return self.source.body_lines.start(line)

    def span_finder(self) -> yamlload.Positions:
        assert self.positions is not None
        return self.positions

    def get(self, *path: str) -> object:
        """The value at `path` in the frontmatter, or None when any step is missing."""
        node: object = self.data
        for part in path:
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a plain string"
    return f"a single {type(value).__name__} value"
