"""What the server answers beyond diagnostics: code actions, navigation over the graph,
completion, rename, and following the files and the configuration on disk."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.uris import from_fs_path, to_fs_path

from patternlint.facts import FileRecord, Link
from patternlint.model import Finding, Fixability, Span
from patternlint.server.library import Library, Loaded, names
from patternlint.server.positions import Codec, contains

if TYPE_CHECKING:
    from patternlint.server.session import PatternServer

F = TypeVar("F", bound=Callable[..., Any])
Register = Callable[[str, Any], Callable[[F], F]]

FIX_ALL = "source.fixAll.patternlint"
COMPLETION_LIMIT = 100  # slugs offered at once; typing more narrows them (the list is incomplete)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Here:
    """A request's file and position, as the library sees them."""

    def __init__(self, server: PatternServer, uri: str, position: types.Position | None = None) -> None:
        self.server = server
        self.library = server.lib()
        self.uri = uri
        self.i = server.position_of(uri)
        text = self.library.text(self.i)
        if text is None:
            raise JsonRpcInvalidParams(f"`{uri}` cannot be read")
        self.codec = server.codec(text)
        self.record = self.library.record(self.i)
        self.line, self.column = (0, 0) if position is None else self.codec.location(position)

    @cached_property
    def loaded(self) -> Loaded:
        """The file parsed (only the requests that need more than the index ask for it)."""
        loaded = self.library.loaded(self.i)
        if loaded is None:
            raise JsonRpcInvalidParams(f"`{self.uri}` cannot be read")
        return loaded

    def link(self) -> Link | None:
        return next((link for link in self.record.links if contains(link.span, self.line, self.column)), None)

    def subject(self) -> tuple[FileRecord | None, str | None, Span | None]:
        """The pattern the cursor names (a link's target, or the file's own slug or id), the
        name as written, and where it is written."""
        link = self.link()
        if link is not None:
            return self.library.index.resolve(link.target), link.target, link.span
        for name, span in ((self.record.slug, self.record.slug_span), (self.record.id, self.record.id_span)):
            if span is not None and contains(span, self.line, self.column):
                return self.record, name, span
        return None, None, None


def location(server: PatternServer, library: Library, record: FileRecord, span: Span | None) -> types.Location:
    i = library.by_display[record.path]
    uri = server.uri(i)
    if span is None:
        return types.Location(uri, types.Range(types.Position(0, 0), types.Position(0, 0)))
    loaded = library.loaded(i)
    codec = server.codec(loaded.text if loaded else "")
    return types.Location(uri, codec.range(span))


# ---------------------------------------------------------------------------------------------
# Hover


def describe(library: Library, record: FileRecord) -> str:
    """A pattern as hover shows it: title, slug, summary and (commons v7.1) the overall score."""
    lines = [f"**{record.title or record.slug or record.stem}** (`{record.slug or record.stem}`)"]
    loaded = library.loaded(library.by_display[record.path])
    if loaded is not None:
        summary = loaded.document.get("summary")
        if isinstance(summary, str) and summary.strip():
            lines += ["", summary.strip()]
        score = loaded.document.get("ontology", "commons_assessment", "overall_score")
        if isinstance(score, (int, float)) and not isinstance(score, bool):
            lines += ["", f"overall score: {score}"]
    inbound = len(library.index.inbound.get(record.path, ()))
    lines += ["", f"`{record.path}` · linked from {inbound} pattern{'s' if inbound != 1 else ''}"]
    return "\n".join(lines)


def hover(server: PatternServer, params: types.HoverParams) -> types.Hover | None:
    here = Here(server, params.text_document.uri, params.position)
    record, name, span = here.subject()
    if name is None or span is None:
        return None
    if record is not None:
        text = describe(here.library, record)
    else:
        text = f"`{name}` is not a pattern in this library"
        link = here.link()  # an unresolved name is always a link's target (subject says so)
        hint = None if link is None else here.library.index.suggestion(here.record, link).hint()
        if hint:
            text += f"; {hint}"
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), here.codec.range(span))


# ---------------------------------------------------------------------------------------------
# Definition, references


def definition(server: PatternServer, params: types.DefinitionParams) -> types.Location | None:
    here = Here(server, params.text_document.uri, params.position)
    link = here.link()
    if link is None:
        return None
    target = here.library.index.resolve(link.target)
    if target is None:
        return None
    return location(server, here.library, target, target.slug_span)


def references(server: PatternServer, params: types.ReferenceParams) -> list[types.Location]:
    here = Here(server, params.text_document.uri, params.position)
    record, _, _ = here.subject()
    if record is None:
        record = here.record  # anywhere else in a pattern: who links to this pattern
    library = here.library
    found = []
    if params.context.include_declaration and record.slug_span is not None:
        found.append(location(server, library, record, record.slug_span))
    index = library.index
    for path in sorted(index.inbound.get(record.path, ())):
        source = index.records[index.position(path)]
        for link, target in index.edges[path]:
            if target is record:
                found.append(location(server, library, source, link.span))
    return found


# ---------------------------------------------------------------------------------------------
# Document symbols

_GROUP = re.compile(r"#\s*(GROUP\s+\d+\s*:.*\S)")


def symbols(server: PatternServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    here = Here(server, params.text_document.uri)
    doc, codec = here.loaded.document, here.codec
    found: list[types.DocumentSymbol] = []
    src = doc.source
    if doc.positions is not None and isinstance(doc.data, dict):
        keys = []
        for key in doc.data:
            start = doc.positions.key_span((key,))
            end = doc.positions.value_span((key,))
            whole = types.Range(codec.position(start.line, start.column), codec.position(end.end_line, end.end_column))
            keys.append((start.line, types.DocumentSymbol(str(key), types.SymbolKind.Field, whole, codec.range(start))))
        groups = []
        if src.frontmatter is not None:
            for n, text in enumerate(src.frontmatter.splitlines()):
                match = _GROUP.match(text.strip())
                if match:
                    groups.append((src.frontmatter_line + n, match.group(1)))
        if groups:
            bounds = [line for line, _ in groups] + [src.body_line]
            loose = [s for line, s in keys if line < bounds[0]]
            found += loose
            for g, (line, name) in enumerate(groups):
                inside = [s for at, s in keys if line <= at < bounds[g + 1]]
                if not inside:
                    continue
                whole = types.Range(codec.position(line, 1), inside[-1].range.end)
                found.append(
                    types.DocumentSymbol(name, types.SymbolKind.Namespace, whole, codec.range(Span(line, 1, line, 1)), children=inside)
                )
        else:
            found += [s for _, s in keys]
    # Sections: each heading holds what follows it up to the next heading of its level or above.
    stack: list[tuple[int, types.DocumentSymbol]] = []
    last = codec.position(src.lines.last_line + 1, 1)
    for heading in doc.headings:
        symbol = types.DocumentSymbol(
            heading.text or "(empty heading)",
            types.SymbolKind.String,
            types.Range(codec.position(heading.span.line, 1), last),
            codec.range(heading.span),
            children=[],
        )
        while stack and stack[-1][0] >= heading.level:
            _, closed = stack.pop()
            closed.range = types.Range(closed.range.start, codec.position(heading.span.line, 1))
        if stack:
            parent = stack[-1][1]
            parent.children = [*(parent.children or ()), symbol]
        else:
            found.append(symbol)
        stack.append((heading.level, symbol))
    return found


# ---------------------------------------------------------------------------------------------
# Code actions


def _overlaps(span: Span, codec: Codec, wanted: types.Range) -> bool:
    got = codec.range(span)
    start = (got.start.line, got.start.character)
    end = (got.end.line, got.end.character)
    return start <= (wanted.end.line, wanted.end.character) and (wanted.start.line, wanted.start.character) <= end


def _resolved_edits(server: PatternServer, library: Library, finding: Finding) -> tuple[int, list[types.TextEdit]] | None:
    """The fix of `finding` as edits of the file it edits; None when it no longer applies."""
    from patternlint import fixes, fixguard
    from patternlint.lines import LineMap

    fix = finding.fix
    if fix is None:
        return None
    j = library.by_display.get(fix.path or finding.path)
    loaded = None if j is None else library.loaded(j)
    if j is None or loaded is None:
        return None
    split = loaded.document.source
    if fixguard.blocked(fix, split, fixguard.shared_marks(split)):
        return None
    view = fixes.Target(loaded.target.display, loaded.text, LineMap(loaded.text), loaded.document)
    resolved = fixes.resolve(fix, view)
    if resolved is None:
        return None
    codec = server.codec(loaded.text)
    return j, [types.TextEdit(codec.offset_range(r.start, r.end), r.content) for r in resolved.ranges]


def _workspace_edit(server: PatternServer, edits: dict[int, list[types.TextEdit]]) -> types.WorkspaceEdit:
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = []
    for j, file_edits in sorted(edits.items()):
        uri = server.uri(j)
        document = server.workspace.text_documents.get(uri)
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri, document.version if document else None)
        changes.append(types.TextDocumentEdit(identifier, list(file_edits)))
    return types.WorkspaceEdit(document_changes=changes)


def _suppression(here: Here, finding: Finding) -> types.TextEdit | None:
    """The edit that inserts the project's suppression comment for `finding`, tried on the text
    first: a comment that would change the data, or would not cover the finding, is not offered."""
    from patternlint import suppressions
    from patternlint.document import Document
    from patternlint.discover import stem

    doc = here.loaded.document
    src, lines = doc.source, doc.source.lines
    line, code = finding.span.line, finding.code
    candidates: list[tuple[int, int, str, int]] = []  # (line, column, text, the finding's line after)
    in_frontmatter = src.frontmatter is not None and src.frontmatter_line <= line < src.body_line - 1
    if in_frontmatter:
        text = lines.line(line)
        indent = text[: len(text) - len(text.lstrip(" "))]
        candidates.append((line, len(text) + 1, f"  # patternlint: ignore[{code}]", line))
        candidates.append((line, 1, f"{indent}# patternlint: ignore[{code}]{lines.eol(line)}", line + 1))
    elif line >= src.body_line:
        candidates.append((line, 1, f"<!-- patternlint-disable-next-line {code} -->{lines.eol(line)}", line + 1))
    elif src.frontmatter is not None:  # a fence: the finding is about the whole file
        candidates.append((2, 1, f"# patternlint: file-ignore[{code}]{lines.eol(1)}", line if line < 2 else line + 1))
    for at_line, column, insert, moved in candidates:
        offset = lines.offset(at_line, column)
        if offset is None:
            continue
        new_text = lines.text[:offset] + insert + lines.text[offset:]
        new = Document(doc.path, stem(Path(doc.path).name), new_text.encode("utf-8", "surrogatepass"), doc.profile)
        if new.data != doc.data:
            continue
        if any(
            s.covers(moved) and any(suppressions.matches(sel, code, finding.rule) for sel in s.selectors)
            for s in suppressions.parse(new)
        ):
            position = here.codec.position(at_line, column)
            return types.TextEdit(types.Range(position, position), insert)
    return None


def code_actions(server: PatternServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    here = Here(server, params.text_document.uri)
    library = here.library
    findings = server.last_findings.get(library.targets[here.i].display)
    if findings is None:
        findings = library.findings([here.i])[here.i]
    wanted = params.context.only
    actions: list[types.CodeAction] = []
    quick = wanted is None or any(k.startswith("quickfix") for k in wanted)
    for finding in findings:
        if not _overlaps(finding.span, here.codec, params.range):
            continue
        diagnostic = server.diagnostic(finding, here.codec)
        if quick and finding.fix is not None:
            resolved = _resolved_edits(server, library, finding)
            if resolved is not None:
                unsafe = finding.fix.applicability is Fixability.UNSAFE
                title = f"{finding.code}: {finding.fix.description}" + (" (unsafe fix)" if unsafe else "")
                actions.append(
                    types.CodeAction(
                        title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=_workspace_edit(server, {resolved[0]: resolved[1]}),
                        is_preferred=not unsafe,
                    )
                )
        if quick:
            edit = _suppression(here, finding)
            if edit is not None:
                actions.append(
                    types.CodeAction(
                        f"{finding.code}: suppress `{finding.rule}` here",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=_workspace_edit(server, {here.i: [edit]}),
                    )
                )
    if wanted is None or any(FIX_ALL.startswith(k) for k in wanted):
        fix_all = fix_all_safe(server, here, findings)
        if fix_all is not None:
            actions.append(types.CodeAction("patternlint: fix all safe findings in this file", kind=FIX_ALL, edit=fix_all))
    return actions


def fix_all_safe(server: PatternServer, here: Here, findings: Sequence[Finding]) -> types.WorkspaceEdit | None:
    """One pass of `--fix` over this file's own text: its safe fixes that do not clash."""
    from patternlint import fixes, fixguard
    from patternlint.lines import LineMap

    loaded = here.loaded
    split = loaded.document.source
    marks = fixguard.shared_marks(split)
    view = fixes.Target(loaded.target.display, loaded.text, LineMap(loaded.text), loaded.document)
    taken: list[fixes.Range] = []
    claims: set[str] = set()
    for finding in findings:
        fix = finding.fix
        if fix is None or not fix.applies(False) or (fix.path or finding.path) != loaded.target.display:
            continue
        if fixguard.blocked(fix, split, marks):
            continue
        resolved = fixes.resolve(fix, view)
        if resolved is None or resolved.claims & claims:
            continue
        if any(fixes.clash(a, b) for a in resolved.ranges for b in taken):
            continue
        taken.extend(resolved.ranges)
        claims |= resolved.claims
    if not taken:
        return None
    edits = [types.TextEdit(here.codec.offset_range(r.start, r.end), r.content) for r in taken]
    return _workspace_edit(server, {here.i: edits})


# ---------------------------------------------------------------------------------------------
# Completion

_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[\w-]+)\s*:(?:\s|$)")
_ITEM_LINE = re.compile(r"^(?P<indent> *)- ")


def _ancestors(lines: list[str], row: int) -> list[str]:
    """The frontmatter keys above line `row` (0-based in `lines`), `[]` for a list item."""
    current = lines[row]
    dash = _ITEM_LINE.match(current)
    limit = len(current) - len(current.lstrip(" "))
    path: list[str] = []
    if dash is not None:
        path.insert(0, "[]")
        limit = len(dash.group("indent"))
    else:
        limit = len(current) - len(current.lstrip(" ")) if current.strip() else limit
    for text in reversed(lines[:row]):
        if limit == 0:
            break
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        match = _KEY_LINE.match(text)
        item = _ITEM_LINE.match(text)
        key_col = indent + (len(match.group("dash")) if match and match.group("dash") else 0)
        if match is not None:
            if item is not None and key_col == limit:
                path.insert(0, "[]")
                limit = indent
            elif key_col < limit:
                path.insert(0, match.group("key"))
                if item is not None:
                    path.insert(0, "[]")
                    limit = indent
                else:
                    limit = key_col
        elif item is not None and indent < limit:
            path.insert(0, "[]")
            limit = indent
    return path


def _schema_at(schema: Any, path: Iterable[str]) -> Any:
    node = schema
    for part in path:
        if not isinstance(node, dict):
            return None
        node = _merged(node)
        node = node.get("items") if part == "[]" else (node.get("properties") or {}).get(part)
    return _merged(node) if isinstance(node, dict) else None


def _merged(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with the branches of its `allOf`/`anyOf`/`oneOf` folded in (enough to
    list keys and values; validation is the schema's business)."""
    merged = dict(node)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(key) or ():
            if isinstance(branch, dict):
                branch = _merged(branch)
                merged.setdefault("properties", {})
                merged["properties"] = {**branch.get("properties", {}), **merged["properties"]}
                for k in ("enum", "items", "description"):
                    if k in branch and k not in merged:
                        merged[k] = branch[k]
    return merged


def _profile_schema(library: Library, i: int) -> Any:
    from patternlint.schema.loading import inline_refs, load_schema

    profile = library.settings.profile_for(library.targets[i].path)
    if profile.schema is None:
        return None
    key = (profile.schema, profile.schema_overrides)
    if key not in _SCHEMAS:
        _SCHEMAS[key] = inline_refs(load_schema(profile.schema, profile.schema_overrides))
    return _SCHEMAS[key]


_SCHEMAS: dict[object, Any] = {}  # (schema file, overrides): the schema with its `$ref`s inlined


_LINK_VALUE = re.compile(r"^ *(?:- +)?(?:(?P<key>[\w-]+)\s*:\s*)?[\"']?(?P<typed>[\w-]*)$")
_VALUE = re.compile(r"^ *(?:- +)?(?P<key>[\w-]+)\s*:\s*[\"']?(?P<typed>[\w.-]*)$")
_KEY = re.compile(r"^ *(?:- +)?(?P<typed>[\w-]*)$")
_HEADING = re.compile(r"^(?P<marks>#{0,6})\s*(?P<typed>.*)$")


def completion(server: PatternServer, params: types.CompletionParams) -> types.CompletionList:
    here = Here(server, params.text_document.uri, params.position)
    doc = here.loaded.document
    src = doc.source
    lines = src.lines
    line_text = lines.line(here.line) if here.line <= lines.last_line + 1 else ""
    before = line_text[: here.column - 1]
    if src.frontmatter is not None and src.frontmatter_line <= here.line < src.body_line - 1:
        rows = [lines.line(n) for n in range(src.frontmatter_line, here.line + 1)]
        path = _ancestors(rows, len(rows) - 1)
        # In a field the profile declares as naming patterns: a list item, or a name key of one.
        fields = [f for f in doc.profile.links.fields if f.path and path[: len(f.path)] == list(f.path)]
        match = _LINK_VALUE.match(before)
        key = match.group("key") if match is not None else None
        if fields and match is not None and (key in {k for f in fields for k in f.keys} or (key is None and "-" in before)):
            typed = match.group("typed")
            return _slugs(here, typed, _replace(here, params.position, len(typed)))
        match = _VALUE.match(before)
        schema = _profile_schema(here.library, here.i)
        if match is not None:
            node = _schema_at(schema, [*path, match.group("key")])
            values = (node or {}).get("enum") or ((node or {}).get("items") or {}).get("enum") or []
            typed = match.group("typed")
            items = [
                types.CompletionItem(str(v), kind=types.CompletionItemKind.EnumMember, documentation=(node or {}).get("description"))
                for v in values
                if isinstance(v, (str, int, float)) and str(v).startswith(typed)
            ]
            return types.CompletionList(False, items)
        match = _KEY.match(before)
        if match is not None:
            node = _schema_at(schema, path)
            present = _present_keys(doc.data, path)
            items = []
            for key, sub in ((node or {}).get("properties") or {}).items():
                if key in present or not key.startswith(match.group("typed")):
                    continue
                description = sub.get("description") if isinstance(sub, dict) else None
                required = key in ((node or {}).get("required") or ())
                items.append(
                    types.CompletionItem(
                        key,
                        kind=types.CompletionItemKind.Property,
                        detail="required" if required else None,
                        documentation=description,
                        insert_text=f"{key}: ",
                        sort_text=("0" if required else "1") + key,
                    )
                )
            return types.CompletionList(False, items)
        return types.CompletionList(False, [])
    if here.line >= src.body_line or src.frontmatter is None:
        match = _HEADING.match(before)
        sections = doc.sections
        if match is None or sections is None or (not match.group("marks") and match.group("typed")):
            return types.CompletionList(False, [])
        spec = sections.spec
        edit_range = types.Range(types.Position(params.position.line, 0), params.position)
        items = []
        for order, index in enumerate(sections.missing):
            heading = spec.heading_line(index)
            items.append(
                types.CompletionItem(
                    heading,
                    kind=types.CompletionItemKind.Snippet,
                    detail="a section the contract expects",
                    text_edit=types.TextEdit(edit_range, heading),
                    sort_text=f"{order:03}",
                    filter_text=before + spec.heading_text(index),
                )
            )
        return types.CompletionList(False, items)
    return types.CompletionList(False, [])


def _present_keys(data: object, path: Sequence[str]) -> set[str]:
    node = data
    for part in path:
        if part == "[]":
            return set()  # which item is not known here: offer every key
        if not isinstance(node, dict):
            return set()
        node = node.get(part)
    return {str(k) for k in node} if isinstance(node, dict) else set()


def _replace(here: Here, position: types.Position, typed: int) -> types.Range:
    start = types.Position(position.line, max(0, position.character - typed))
    return types.Range(start, position)


def _slugs(here: Here, typed: str, edit_range: types.Range) -> types.CompletionList:
    """Slugs that match what is typed: first those that start with it, then those with a word
    that starts with it, then those that contain it (in the slug or the title)."""
    lowered = typed.lower()
    ranked = []
    for record in here.library.index.records:
        slug = record.slug or record.stem
        if record is here.record:
            continue
        title = (record.title or "").lower()
        if slug.startswith(lowered):
            rank = 0
        elif f"-{lowered}" in slug:
            rank = 1
        elif lowered in slug:
            rank = 2
        elif lowered and lowered in title:
            rank = 3
        else:
            continue
        ranked.append((rank, slug, record))
    ranked.sort(key=lambda r: (r[0], r[1]))
    items = [
        types.CompletionItem(
            slug,
            kind=types.CompletionItemKind.Reference,
            detail=record.title,
            text_edit=types.TextEdit(edit_range, slug),
            sort_text=f"{rank}{n:05}",
            filter_text=slug,
        )
        for n, (rank, slug, record) in enumerate(ranked[:COMPLETION_LIMIT])
    ]
    return types.CompletionList(len(ranked) > COMPLETION_LIMIT, items)


# ---------------------------------------------------------------------------------------------
# Rename


def _renamed(here: Here) -> FileRecord:
    record, _, _ = here.subject()
    if record is None:
        raise JsonRpcInvalidParams("rename works on a pattern's slug, or on a link to a pattern")
    if record.slug is None:
        raise JsonRpcInvalidParams(f"`{record.path}` has no slug to rename")
    return record


def prepare_rename(server: PatternServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    here = Here(server, params.text_document.uri, params.position)
    record, name, span = here.subject()
    if record is None or record.slug is None or span is None or name != record.slug:
        return None  # the slug is what is renamed: on an id, or on a link by id, there is none
    return types.PrepareRenamePlaceholder(here.codec.range(span), record.slug)


def _slug_edits(server: PatternServer, library: Library, record: FileRecord, new: str) -> dict[int, list[types.TextEdit]]:
    """The pattern's `slug`, and every link that names it by it, written as `new`."""
    from patternlint.fixes import value_edit

    old = record.slug
    assert old is not None
    if not SLUG.fullmatch(new):
        raise JsonRpcInvalidParams(f"`{new}` is not a slug; a slug is lowercase words joined by `-`")
    if new != old and library.index.resolves(new):
        raise JsonRpcInvalidParams(f"`{new}` already names a pattern in this library")
    edits: dict[int, list[types.TextEdit]] = {}

    def edit(path: str, span: Span | None) -> None:
        j = library.by_display[path]
        text = library.text(j)
        if span is None or text is None:
            return
        change = value_edit(span, len(old), new)
        if change is not None:
            edits.setdefault(j, []).append(types.TextEdit(server.codec(text).range(change.span), new))

    edit(record.path, record.slug_span)
    index = library.index
    for path in sorted(index.inbound.get(record.path, ())):
        for link, target in index.edges[path]:
            if target is record and link.target == old:
                edit(path, link.span)
    return edits


def rename(server: PatternServer, params: types.RenameParams) -> types.WorkspaceEdit:
    here = Here(server, params.text_document.uri, params.position)
    library = here.library
    record = _renamed(here)
    new = params.new_name.strip()
    workspace_edit = _workspace_edit(server, _slug_edits(server, library, record, new))
    path = library.targets[library.by_display[record.path]].path
    if record.stem == record.slug and new != record.slug:
        # The file is named after its slug: it follows, or the two would no longer match.
        new_path = path.with_name(f"{new}.md")
        if new_path.exists():
            raise JsonRpcInvalidParams(f"`{new_path.name}` already exists")
        moved = types.RenameFile(server.uri(library.by_display[record.path]), str(from_fs_path(str(new_path))))
        workspace_edit.document_changes = [*(workspace_edit.document_changes or ()), moved]
    return workspace_edit


def will_rename_files(server: PatternServer, params: types.RenameFilesParams) -> types.WorkspaceEdit | None:
    """A pattern file renamed in the editor: its slug (when it was the file's name) and every
    link naming it follow, in the same workspace edit the editor applies with the move."""
    from patternlint.discover import stem

    library = server.lib()
    edits: dict[int, list[types.TextEdit]] = {}
    for moved in params.files:
        old_path, new_path = to_fs_path(moved.old_uri), to_fs_path(moved.new_uri)
        if old_path is None or new_path is None or not new_path.endswith(".md"):
            continue
        i = library.find(Path(old_path))
        if i is None:
            continue
        record = library.record(i)
        if record.slug is None or record.slug != record.stem:
            continue
        new = stem(Path(new_path).name)
        if new != record.slug:
            for j, file_edits in _slug_edits(server, library, record, new).items():
                edits.setdefault(j, []).extend(file_edits)
    return _workspace_edit(server, edits) if edits else None


# ---------------------------------------------------------------------------------------------
# Files and configuration on disk


def watched(server: PatternServer, params: types.DidChangeWatchedFilesParams) -> None:
    library = server.lib()
    touched: set[str] = set()
    changed: set[int] = set()
    for change in params.changes:
        path = to_fs_path(change.uri)
        if path is None:
            continue
        if Path(path).name in server_config_names():
            server.load()  # settings may change anything: start again, as a restart would
            return
        i = library.find(Path(path))
        if change.type == types.FileChangeType.Deleted:
            if i is not None and i not in library.buffers:
                touched |= names(library.record(i))
                display = library.remove(Path(path))
                if display is not None:
                    server.forget(display)
        elif i is None:
            i = library.add(Path(path))
            if i is not None:
                touched |= names(library.record(i))
                changed.add(i)
        elif i not in library.buffers:  # an open buffer wins over the file on disk
            touched |= names(library.record(i))
            library.update(i, None)
            touched |= names(library.record(i))
            changed.add(i)
    server.schedule(changed | server.lib().dependents(touched))


def server_config_names() -> set[str]:
    from patternlint.server.session import CONFIG_NAMES

    return CONFIG_NAMES


def register(server: PatternServer, request: Register[Any], notification: Register[Any]) -> None:
    request(types.TEXT_DOCUMENT_HOVER, None)(lambda p: hover(server, p))
    request(types.TEXT_DOCUMENT_DEFINITION, None)(lambda p: definition(server, p))
    request(types.TEXT_DOCUMENT_REFERENCES, None)(lambda p: references(server, p))
    request(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, None)(lambda p: symbols(server, p))
    request(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )(lambda p: code_actions(server, p))
    request(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", ":", "#", "-"]),
    )(lambda p: completion(server, p))
    request(types.TEXT_DOCUMENT_PREPARE_RENAME, None)(lambda p: prepare_rename(server, p))
    request(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))(lambda p: rename(server, p))
    request(
        types.WORKSPACE_WILL_RENAME_FILES,
        types.FileOperationRegistrationOptions(
            filters=[types.FileOperationFilter(pattern=types.FileOperationPattern(glob="**/*.md"))]
        ),
    )(lambda p: will_rename_files(server, p))
    notification(types.WORKSPACE_DID_CHANGE_WATCHED_FILES, None)(lambda p: watched(server, p))
    notification(types.WORKSPACE_DID_CHANGE_CONFIGURATION, None)(lambda p: server.load())
