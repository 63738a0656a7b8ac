"""A parsed pattern file: what every file rule looks at."""

from __future__ import annotations

import bisect
import enum
from functools import cached_property
from typing import TYPE_CHECKING, Mapping

from patternlint import markdown, problems, profiles, source, yamlload
from patternlint.profiles import Profile
from patternlint.sections import SectionAnalysis, SectionHeading, analyse
from patternlint.model import Span

if TYPE_CHECKING:
    from patternlint.schema import SchemaIssue


class Layout(enum.Enum):
    V7 = "v7"  # spec v7.1: ontology, lifecycle, relationships, graph_garden groups
    V1 = "v1"  # the older layout: classification, page_url, top-level relationship lists
    NONE = "none"  # no usable frontmatter mapping


# Keys that only the older v1 layout has at the top level.
V1_MARKERS = ("classification", "page_url", "github_url")
V7_MARKERS = ("ontology", "lifecycle", "relationships", "graph_garden", "context_labels")


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
        a file over the size limit)."""
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

    @cached_property
    def layout(self) -> Layout:
        if self.data is None:
            return Layout.NONE
        if not any(k in self.data for k in V7_MARKERS) and any(
            k in self.data for k in V1_MARKERS
        ):
            return Layout.V1
        return Layout.V7

    @cached_property
    def headings(self) -> tuple[markdown.Heading, ...]:
        if self.source.problem is not None and not isinstance(self.source.problem, problems.MissingFrontmatter):
            return ()
        return markdown.headings(self.source.body_lines)

    @property
    def in_profile_layout(self) -> bool:
        """False for a file in another layout than the profile's (`legacy-layout` reports it
        once; its sections and schema are not checked against the wrong contract)."""
        return not (self.profile.layout == "v7" and self.layout is not Layout.V7)

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
        """The section's content: the text after its heading, up to the next heading of the
        same or a higher level (sub-headings and their text belong to it) or the body's end."""
        heading = section.heading
        headings = self.headings
        body = self.source.body
        start = self.body_offset(heading.span.end_line + 1)
        end = len(body)
        for i in range(bisect.bisect_right(self._heading_lines, heading.span.line), len(headings)):
            if headings[i].level <= heading.level:
                end = self.body_offset(headings[i].span.line)
                break
        return body[start:end]

    def body_offset(self, line: int) -> int:
        """Where file line `line` starts in `source.body` (`len(body)` past its end)."""
        return self.source.body_lines.start(line)

    @cached_property
    def _heading_lines(self) -> list[int]:
        return [h.span.line for h in self.headings]

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

