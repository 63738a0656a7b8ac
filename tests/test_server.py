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
        types.DidOpenTextDocumentParams(types.TextDocumentItem(address, "markdown", 1, content))
    )
    return address


def change(client: LanguageClient, address: str, text: str, version: int = 2) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=address, version=version),
            [types.TextDocumentContentChangeWholeDocument(text)],
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
