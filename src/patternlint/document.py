"""A parsed pattern file: what every file rule looks at."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Mapping

from patternlint import markdown, org, problems, profiles, source, yamlload
from patternlint.profiles import Layout, Profile
from patternlint.sections import SectionAnalysis, SectionHeading, analyse, classify
from patternlint.model import Span

if TYPE_CHECKING:
    from patternlint.schema import SchemaIssue


__all__ = ["Document", "Layout"]  # Layout: the profile's, read by many rules


class Document:
    """One pattern file, split and parsed. Expensive views (headings, schema) are lazy."""

    def __init__(
        self,
        path: str,
        stem: str,
        data: bytes | OSError | problems.ReadProblem,
        profile: Profile = profiles.DEFAULT,
        limits: yamlload.Limits = yamlload.Limits(),
    ) -> None:
        """`data` is the file's bytes, or why it was not read (an OSError, or a refusal such as
        a file over the size limit). A `profile` with routes becomes the one that takes the file."""
        routed = profile
        self.path = path
        self.stem = stem
        self.profile = profile
        # What stopped reading or parsing; the rules that report them word them.
        self.problems: list[problems.Problem] = []
        if isinstance(data, OSError):
            self.source = source.unreadable(data)
        elif isinstance(data, bytes):
            self.source = source.split(data)
        else:
            self.source = source.refused(data)
        # Whether any line may end in `\r\n`: scanning bytes is far cheaper than scanning text.
        self.has_carriage_return = isinstance(data, bytes) and b"\r" in data
        self.data: Mapping[str, object] | None = None
        self.positions: yamlload.Positions | None = None
        if profile.routes:  # routed by the metadata; without any, by no metadata
            self.profile = profile = profile.route(None)
        if profile.format is profiles.Format.ORG and isinstance(self.source.problem, problems.MissingFrontmatter):
            self.data, self.positions = org.keywords(self.source.text)
            if routed is not profile:
                self.profile = routed.route(self.data)
            return
        if self.source.problem is not None:
            if isinstance(self.source.problem, problems.MissingFrontmatter) and not profile.frontmatter_required:
                return  # a pattern language whose files need no frontmatter
            self.problems.append(self.source.problem)
            return
        assert self.source.frontmatter is not None
        try:
            parsed, self.positions, duplicates = yamlload.parse_frontmatter(
                self.source.frontmatter, self.source.frontmatter_line, limits
            )
        except (yamlload.YamlSyntaxError, yamlload.LimitExceeded) as exc:
            self.problems.append(exc.problem)
            return
        self.problems.extend(duplicates)
        if not isinstance(parsed, dict):
            self.problems.append(
                problems.NotMapping(
                    None if parsed is None else type(parsed).__name__,
                    self.positions.value_span(()) if parsed is not None else Span(1, 1, 1, 4),
                )
            )
            return
        self.data = parsed
        if routed is not profile:
            self.profile = routed.route(parsed)

    @cached_property
    def layout(self) -> Layout:
        """The frontmatter's layout, as the profile tells its layouts apart."""
        return self.profile.layouts.classify(self.data)

    @cached_property
    def shared_marks(self) -> tuple[Span, ...] | None:
        """Where the frontmatter writes anchored nodes and aliases (see fixguard), read once for
        the file rules' fixes and the file's record."""
        return yamlload.anchors_and_aliases(self.source.frontmatter, self.source.frontmatter_line)

    @cached_property
    def blocks(self) -> markdown.Blocks:
        """The body's block model: headings, code blocks, section extents."""
        if self.source.problem is not None and not isinstance(self.source.problem, problems.MissingFrontmatter):
            return markdown.EMPTY
        if self.profile.format is profiles.Format.ORG:
            return org.blocks(self.source.body_lines)
        found = markdown.blocks(self.source.body_lines)
        spec = self.profile.sections
        if spec is None or not spec.bold_labels:
            return found
        return markdown.with_labels(found, spec.level, lambda heading: classify(heading, spec) is not None)

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

