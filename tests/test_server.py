"""`patternlint server` driven by a real LSP client (pytest-lsp) over stdio, as an editor does:
a copy of `examples/valid` (four patterns that link to each other, clean) is the library."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

pytestmark = [pytest.mark.external, pytest.mark.asyncio(loop_scope="function")]

EXAMPLES = Path(__file__).parent.parent / "examples" / "valid"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "patterns"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "patternlint", "server"]),
)
async def client(lsp_client: LanguageClient, library: Path) -> Any:
    registered: list[types.Registration] = []
    lsp_client.registrations = registered  # type: ignore[attr-defined]

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=library.as_uri(),
            workspace_folders=[types.WorkspaceFolder(library.as_uri(), "patterns")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def uri(library: Path, name: str) -> str:
    return (library / name).as_uri()


def open_file(client: LanguageClient, library: Path, name: str, text: str | None = None) -> str:
    address = uri(library, name)
    content = (library / name).read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=address, language_id="markdown", version=1, text=content))
    )
    return address


def change(client: LanguageClient, address: str, text: str, version: int = 2) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=address, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(
    client: LanguageClient, address: str, ready: Callable[[list[types.Diagnostic]], bool]
) -> list[types.Diagnostic]:
    """The file's diagnostics once `ready` says they are what we wait for (10 s at most)."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            got = client.diagnostics.get(address)
            if got is not None and ready(got):
                return got
            await asyncio.sleep(0.01)

    try:
        return await asyncio.wait_for(wait(), 10)
    except TimeoutError:
        raise AssertionError(f"{address}: {client.diagnostics.get(address)}") from None


def codes(found: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)


async def test_an_edit_changes_the_diagnostics_of_a_file_that_was_not_edited(client: LanguageClient, library: Path) -> None:
    other = open_file(client, library, "acquaintance-layer.md")
    edited_text = (library / "accountability-partnership.md").read_text(encoding="utf-8")
    edited = open_file(client, library, "accountability-partnership.md", edited_text)
    # The edited pattern takes the other one's slug: both are now duplicates.
    change(client, edited, edited_text.replace("slug: accountability-partnership", "slug: acquaintance-layer"))

    found = await diagnostics(client, other, lambda d: "PL503" in codes(d))
    duplicate = next(d for d in found if d.code == "PL503")
    line = (library / "acquaintance-layer.md").read_text(encoding="utf-8").splitlines()[duplicate.range.start.line]
    assert line == "slug: acquaintance-layer"
    assert duplicate.range.start.character == len("slug: ")
    assert duplicate.severity == types.DiagnosticSeverity.Error
    assert duplicate.source == "patternlint"
    assert duplicate.code_description is not None
    assert duplicate.code_description.href.endswith("/rules/duplicate_slug.py")
    assert "accountability-partnership.md" in duplicate.message

    mine = await diagnostics(client, edited, lambda d: "PL503" in codes(d))
    assert {"PL501", "PL503"} <= set(codes(mine))  # and the slug no longer matches the file name

    # Mended: the other file's diagnostic goes away.
    change(client, edited, edited_text, 3)
    await diagnostics(client, other, lambda d: not d)
    await diagnostics(client, edited, lambda d: not d)


async def test_diagnostics_are_check_s_findings_for_an_in_memory_text(client: LanguageClient, library: Path) -> None:
    text = (library / "peer-knowledge-exchange.md").read_text(encoding="utf-8")
    broken = text.replace("overall_score:", "overall_score: 1.0\n    old_score:", 1)
    address = open_file(client, library, "peer-knowledge-exchange.md", broken)
    found = await diagnostics(client, address, lambda d: bool(d))
    (library / "peer-knowledge-exchange.md").write_text(broken, encoding="utf-8")
    import json
    import subprocess

    run = subprocess.run(
        [sys.executable, "-m", "patternlint", "check", str(library), "--no-cache", "-f", "json"],
        capture_output=True, text=True, cwd=library, check=False,
    )
    expected = [f for f in json.loads(run.stdout)["findings"] if f["path"].endswith("peer-knowledge-exchange.md")]
    assert expected
    assert sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found) == sorted(
        (f["code"], f["line"], f["column"]) for f in expected
    )


def at(library: Path, name: str, needle: str, offset: int = 0) -> types.Position:
    """The position of `needle` (plus `offset` characters) in the file."""
    for n, line in enumerate((library / name).read_text(encoding="utf-8").splitlines()):
        if needle in line:
            return types.Position(line=n, character=line.index(needle) + offset)
    raise AssertionError(f"{needle} not in {name}")


def doc(address: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=address)


async def test_definition_references_hover_and_symbols(client: LanguageClient, library: Path) -> None:
    address = open_file(client, library, "acquaintance-layer.md")
    link = at(library, "acquaintance-layer.md", "slug: accountability-partnership", 8)

    found = await client.text_document_definition_async(types.DefinitionParams(text_document=doc(address), position=link))
    assert isinstance(found, types.Location)
    assert found.uri == uri(library, "accountability-partnership.md")
    assert found.range.start == at(library, "accountability-partnership.md", "slug: accountability-partnership", 6)

    references = await client.text_document_references_async(
        types.ReferenceParams(text_document=doc(address), position=link, context=types.ReferenceContext(include_declaration=False))
    )
    assert references is not None
    # Every field that names it: curated relationships and the graph garden's inferred links.
    assert {Path(r.uri).name for r in references} == {
        "acquaintance-layer.md", "active-listening-depth.md", "peer-knowledge-exchange.md"
    }
    for reference in references:
        line = Path(reference.uri[len("file://"):]).read_text(encoding="utf-8").splitlines()[reference.range.start.line]
        assert line[reference.range.start.character : reference.range.end.character] == "accountability-partnership"

    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(address), position=link))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**Accountability Partnership** (`accountability-partnership`)" in hover.contents.value
    assert "overall score: " in hover.contents.value

    text = (library / "acquaintance-layer.md").read_text(encoding="utf-8")
    change(client, address, text.replace("slug: accountability-partnership", "slug: accountability-partnershop"))
    await diagnostics(client, address, lambda d: "PL301" in codes(d))
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(address), position=link))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == (
        "`accountability-partnershop` is not a pattern in this library; did you mean `accountability-partnership`?"
    )

    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(address)))
    assert symbols is not None
    tops = [s for s in symbols if isinstance(s, types.DocumentSymbol)]
    groups = [s for s in tops if s.name.startswith("GROUP ")]
    assert groups[0].name == "GROUP 1: CORE IDENTITY"
    assert [c.name for c in groups[0].children or ()][:3] == ["id", "slug", "title"]
    headings = [s for s in tops if s.kind == types.SymbolKind.String]
    sections = [c.name for h in headings for c in [h, *(h.children or ())]]
    assert "Section 1: Context" in sections and "Section 8: Vitality" in sections


async def test_code_actions_fix_and_suppress(client: LanguageClient, library: Path) -> None:
    text = (library / "peer-knowledge-exchange.md").read_text(encoding="utf-8")
    broken = text.replace("overall_score: 3.7", "overall_score: 4.9")
    address = open_file(client, library, "peer-knowledge-exchange.md", broken)
    found = await diagnostics(client, address, lambda d: "PL201" in codes(d))
    mismatch = next(d for d in found if d.code == "PL201")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(address), range=mismatch.range, context=types.CodeActionContext(diagnostics=[mismatch]))
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and "set `overall_score`" in a.title)
    assert fix.edit is not None and fix.edit.document_changes is not None
    (edit,) = [c for c in fix.edit.document_changes if isinstance(c, types.TextDocumentEdit)]
    assert [e.new_text for e in edit.edits] == ["3.7"]
    assert any(t == "PL201: suppress `overall-score-mismatch` here" for t in titles)
    assert "patternlint: fix all safe findings in this file" in titles
    suppress = next(a for a in actions if isinstance(a, types.CodeAction) and "suppress" in a.title)
    assert suppress.edit is not None and suppress.edit.document_changes is not None
    (insert,) = [c for c in suppress.edit.document_changes if isinstance(c, types.TextDocumentEdit)]
    assert [e.new_text for e in insert.edits] == ["  # patternlint: ignore[PL201]"]

    # Applied as the editor would, the suppression silences the finding.
    line = broken.splitlines()[mismatch.range.start.line]
    change(client, address, broken.replace(line, line + "  # patternlint: ignore[PL201]"))
    await diagnostics(client, address, lambda d: "PL201" not in codes(d))


async def test_completion_of_slugs_keys_values_and_sections(client: LanguageClient, library: Path) -> None:
    text = (library / "acquaintance-layer.md").read_text(encoding="utf-8")
    typed = text.replace("    - slug: accountability-partnership", "    - slug: acc")
    address = open_file(client, library, "acquaintance-layer.md", typed)
    position = types.Position(line=typed.splitlines().index("    - slug: acc"), character=len("    - slug: acc"))
    got = await client.text_document_completion_async(types.CompletionParams(text_document=doc(address), position=position))
    assert isinstance(got, types.CompletionList)
    assert [(i.label, i.detail) for i in got.items] == [("accountability-partnership", "Accountability Partnership")]

    lines = text.splitlines()
    status = next(n for n, line in enumerate(lines) if line.startswith("  usage_stage:"))
    typed = "\n".join(lines[:status] + ["  usage_stage: "] + lines[status + 1 :]) + "\n"
    change(client, address, typed)
    got = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(address), position=types.Position(line=status, character=len("  usage_stage: ")))
    )
    assert isinstance(got, types.CompletionList)
    assert len(got.items) > 1 and all(i.kind == types.CompletionItemKind.EnumMember for i in got.items)

    context = next(n for n, line in enumerate(lines) if line == "### Section 1: Context")
    typed = "\n".join(lines[:context] + ["###"] + lines[context + 1 :]) + "\n"
    change(client, address, typed, 3)
    got = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(address), position=types.Position(line=context, character=3))
    )
    assert isinstance(got, types.CompletionList)
    assert [i.label for i in got.items] == ["### Section 1: Context"]


async def test_rename_renames_the_file_its_slug_and_every_reference(client: LanguageClient, library: Path) -> None:
    address = open_file(client, library, "accountability-partnership.md")
    own = at(library, "accountability-partnership.md", "slug: accountability-partnership", 8)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(address), position=own))
    assert isinstance(prepared, types.PrepareRenamePlaceholder)
    assert prepared.placeholder == "accountability-partnership"
    on_id = at(library, "accountability-partnership.md", "id: pat_", 6)
    assert await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(address), position=on_id)) is None

    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc(address), position=own, new_name="mutual-accountability"))
    assert edit is not None and edit.document_changes is not None
    renamed = set()
    for c in edit.document_changes:
        if isinstance(c, types.TextDocumentEdit):
            lines = (library / Path(c.text_document.uri).name).read_text(encoding="utf-8").splitlines()
            for e in c.edits:
                assert e.new_text == "mutual-accountability"
                assert e.range.start.line == e.range.end.line
                old = lines[e.range.start.line][e.range.start.character : e.range.end.character]
                assert old == "accountability-partnership"
            renamed.add(Path(c.text_document.uri).name)
    assert renamed == {
        "accountability-partnership.md", "acquaintance-layer.md", "active-listening-depth.md", "peer-knowledge-exchange.md"
    }
    (moved,) = [c for c in edit.document_changes if isinstance(c, types.RenameFile)]
    assert (moved.old_uri, moved.new_uri) == (address, uri(library, "mutual-accountability.md"))

    # Renaming the file in the editor (a file operation) brings the same edits, without the move.
    follow = await client.workspace_will_rename_files_async(
        types.RenameFilesParams(
            files=[types.FileRename(old_uri=address, new_uri=uri(library, "mutual-accountability.md"))]
        )
    )
    assert follow is not None and follow.document_changes is not None
    assert not any(isinstance(c, types.RenameFile) for c in follow.document_changes)
    assert [c for c in follow.document_changes if isinstance(c, types.TextDocumentEdit)] == [
        c for c in edit.document_changes if isinstance(c, types.TextDocumentEdit)
    ]

    taken = await asyncio.gather(
        client.text_document_rename_async(types.RenameParams(text_document=doc(address), position=own, new_name="acquaintance-layer")),
        return_exceptions=True,
    )
    assert isinstance(taken[0], Exception) and "already names a pattern" in str(taken[0])


async def test_watched_files_follow_the_disk(client: LanguageClient, library: Path) -> None:
    address = open_file(client, library, "acquaintance-layer.md")
    await diagnostics(client, address, lambda d: True)  # loaded
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)  # type: ignore[attr-defined]
    (library / "acquaintance-layer-copy.md").write_text(
        (library / "acquaintance-layer.md").read_text(encoding="utf-8").replace("pat_", "pat_x"), encoding="utf-8"
    )
    created = uri(library, "acquaintance-layer-copy.md")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=created, type=types.FileChangeType.Created)])
    )
    await diagnostics(client, address, lambda d: "PL503" in codes(d))
    (library / "acquaintance-layer-copy.md").unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=created, type=types.FileChangeType.Deleted)])
    )
    await diagnostics(client, address, lambda d: not d)

    # A configuration written next to the library applies without a restart.
    (library / "patternlint.toml").write_text('ignore = ["PL503"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(library, "patternlint.toml"), type=types.FileChangeType.Created)]
        )
    )
    text = (library / "acquaintance-layer.md").read_text(encoding="utf-8")
    change(client, address, text.replace("slug: acquaintance-layer", "slug: peer-knowledge-exchange"))
    found = await diagnostics(client, address, lambda d: "PL501" in codes(d))
    assert "PL503" not in codes(found)


async def test_bad_input_gets_an_error_response_and_the_server_keeps_serving(client: LanguageClient, library: Path) -> None:
    address = open_file(client, library, "acquaintance-layer.md")
    outside = library.parent / "elsewhere.md"
    outside.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a file of the library"):
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc(outside.as_uri()), position=types.Position(line=0, character=0))
        )
    # A position far past the end of the text, and a malformed request.
    assert await client.text_document_hover_async(
        types.HoverParams(text_document=doc(address), position=types.Position(line=10_000, character=99))
    ) is None
    # A malformed request (written by hand: the client's types would refuse it).
    answer: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    client.protocol._request_futures["malformed"] = answer  # noqa: SLF001
    client.protocol._send_data(  # noqa: SLF001
        {"jsonrpc": "2.0", "id": "malformed", "method": "textDocument/hover", "params": {"textDocument": 7}}
    )
    from pygls.exceptions import JsonRpcInvalidParams

    with pytest.raises(JsonRpcInvalidParams):
        await asyncio.wait_for(answer, 5)
    # A buffer over `max-file-size` and a binary one are findings, not crashes.
    (library / "patternlint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(library, "patternlint.toml"), type=types.FileChangeType.Created)]
        )
    )
    huge = open_file(client, library, "huge.md", "---\ntitle: x\n---\n" + "x" * 2000)
    assert codes(await diagnostics(client, huge, lambda d: bool(d))) == ["PL014"]
    binary = open_file(client, library, "binary.md", "\x00\x01\x02\ufffd" * 100)
    assert await diagnostics(client, binary, lambda d: bool(d))
    # Still serving (with the configuration gone again).
    (library / "patternlint.toml").unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(library, "patternlint.toml"), type=types.FileChangeType.Deleted)]
        )
    )
    link = at(library, "acquaintance-layer.md", "slug: accountability-partnership", 8)
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=doc(address), position=link))
    assert isinstance(found, types.Location)
