"""A parsed pattern file: what every file rule looks at."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Mapping, Union

from patternlint import markdown, org, problems, profiles, source, yamlload
from patternlint.contract import default
from patternlint.profiles import Profile
from patternlint.facts import Layout
from patternlint.sections import SectionAnalysis, SectionHeading, analyse, classify
from patternlint.model import Span

if TYPE_CHECKING:
    from patternlint.schema import SchemaIssue


# The frontmatter parsed: its data, positions and duplicate keys; or why it could not be.
_Parsed = Union[tuple[object, yamlload.Positions, list[problems.DuplicateKey]], problems.Problem]

__all__ = ["Document", "Layout"]  # Layout: the profile's, read by many rules


class Document:
    """One pattern file, split and parsed. Expensive views (headings, schema) are lazy."""

    def __init__(
        self,
        path: str,
        stem: str,
        data: bytes | OSError | problems.ReadProblem,
        profile: Profile | None = None,
        limits: yamlload.Limits = yamlload.Limits(),
    ) -> None:
        """`data` is the file's bytes, or why it was not read (an OSError, or a refusal such as
        a file over the size limit). A `profile` with routes becomes the one that takes the file."""
        self.path = path
        self.stem = stem
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
        self._limits = limits
        self._yaml: _Parsed | None = None
        self._markdown: markdown.Blocks | None = None
        if profile is None:
            profile = default()
        if profile.routes:  # each file to the first profile that takes it
            profile = profile.route(self._metadata, _Content(self))
        self.profile = profile
        if profile.format is profiles.Format.ORG and isinstance(self.source.problem, problems.MissingFrontmatter):
            self.data, self.positions = org.keywords(self.source.text)
            return
        if self.source.problem is not None:
            if isinstance(self.source.problem, problems.MissingFrontmatter) and not profile.frontmatter_required:
                return  # a pattern language whose files need no frontmatter
            self.problems.append(self.source.problem)
            return
        parsed = self._parsed()
        if not isinstance(parsed, tuple):
            self.problems.append(parsed)
            return
        read, self.positions, duplicates = parsed
        self.problems.extend(duplicates)
        if not isinstance(read, dict):
            self.problems.append(
                problems.NotMapping(
                    None if read is None else type(read).__name__,
                    self.positions.value_span(()) if read is not None else Span(1, 1, 1, 4),
                )
            )
            return
        self.data = read

    def _parsed(self) -> _Parsed:
        """The frontmatter parsed (once: routing may have read it), or why it could not be."""
        if self._yaml is None:
            assert self.source.frontmatter is not None
            try:
                self._yaml = yamlload.parse_frontmatter(self.source.frontmatter, self.source.frontmatter_line, self._limits)
            except (yamlload.YamlSyntaxError, yamlload.LimitExceeded) as exc:
                self._yaml = exc.problem
        return self._yaml

    def _metadata(self, format: profiles.Format) -> Mapping[str, object] | None:
        """The file's metadata as a profile of `format` reads it, for routing."""
        if format is profiles.Format.ORG and isinstance(self.source.problem, problems.MissingFrontmatter):
            return org.keywords(self.source.text)[0]
        if self.source.problem is not None:
            return None
        parsed = self._parsed()
        if not isinstance(parsed, tuple) or not isinstance(parsed[0], dict):
            return None
        return parsed[0]

    def markdown_blocks(self) -> markdown.Blocks:
        """The body read as Markdown (once: routing may have read it)."""
        if self._markdown is None:
            self._markdown = markdown.blocks(self.source.body_lines)
        return self._markdown

    @cached_property
    def layout(self) -> Layout:
        """The frontmatter's layout, as the profile tells its layouts apart."""
        layouts = self.profile.layouts
        return layouts.classify(self.data, _Content(self) if layouts.on_content else None)

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
        found = self.markdown_blocks()
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



class _Content:
    """A file's content as `when` conditions read it (profiles.Content), each part on demand."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def text(self) -> str:
        return self._doc.source.text

    def form(self) -> str:
        found = self._doc.source
        if found.frontmatter is not None or isinstance(found.problem, problems.UnclosedFrontmatter):
            return "yaml"
        if isinstance(found.problem, problems.MissingFrontmatter) and org.keywords(found.text)[0]:
            return "org"
        return "none"

    def headings(self, format: profiles.Format) -> tuple[str, ...]:
        if format is profiles.Format.ORG:
            found = org.blocks(self._doc.source.body_lines)
        else:
            found = self._doc.markdown_blocks()
        return tuple(h.text for h in found.headings)

    def labels(self) -> tuple[str, ...]:
        found = markdown.with_labels(self._doc.markdown_blocks(), 1, lambda heading: True)
        return tuple(h.text for h in found.headings if h.span.line in found.labels)
