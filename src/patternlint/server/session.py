"""The server's state between requests: the library, the open files' diagnostics, and the
conversions of findings to the protocol's types. `app` registers the handlers; `features`
answers the requests."""

from __future__ import annotations

import asyncio
import gc
import traceback
from pathlib import Path
from typing import Any, Iterable

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from patternlint import __version__
from patternlint.model import Finding, Severity
from patternlint.server.library import Library
from patternlint.server.positions import Codec

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
# The files whose changes on disk matter: patterns, and the configuration files `check` reads.
WATCHED = ("**/*.md", "**/patternlint.toml", "**/.patternlint.toml", "**/pyproject.toml")
CONFIG_NAMES = {"patternlint.toml", ".patternlint.toml", "pyproject.toml"}


class OutsideLibrary(JsonRpcException):
    """A request about a file that is not part of the library."""

    code = -32803  # LSP's RequestFailed


class Protocol(LanguageServerProtocol):
    """pygls's protocol, but a request it cannot read (malformed parameters) still gets an
    error response: pygls only logs it, and the client would wait for an answer forever."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], None, exc.to_response_error())
                self._server.window_log_message(
                    types.LogMessageParams(
                        types.MessageType.Error, f"patternlint: a malformed `{data['method']}` request was refused"
                    )
                )
            raise


class PatternServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("patternlint", __version__, protocol_cls=Protocol)
        self.library: Library | None = None
        self.folder: Path | None = None
        self.rule_docs: str | None = None  # a URL template with `{code}` and `{name}`
        # By displayed path (positions shift when a file leaves the library):
        self.published: dict[str, str] = {}  # files that now show diagnostics, and their URIs
        self.pending: set[str] = set()  # files whose diagnostics wait to be sent
        self.flush_scheduled = False
        self.last_findings: dict[str, list[Finding]] = {}

    # -- plumbing --------------------------------------------------------------------------

    def log_client(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(kind, message))

    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding or "utf-16")

    def codec(self, text: str) -> Codec:
        return Codec(text, self.encoding())

    def lib(self) -> Library:
        if self.library is None:
            raise JsonRpcInternalError("the library is not loaded yet")
        return self.library

    def position_of(self, uri: str) -> int:
        """The library file `uri` names; an error response when it names none."""
        path = to_fs_path(uri)
        library = self.lib()
        found = None if path is None else library.find(Path(path))
        if found is None:
            raise OutsideLibrary(f"`{uri}` is not a file of the library `{library.root}`")
        return found

    def uri(self, i: int) -> str:
        return str(from_fs_path(str(self.lib().targets[i].path)))

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        assert self.folder is not None
        reloading = self.library is not None
        self.library = None  # the old one's objects can go before the new one is built
        gc.unfreeze()
        # Loading makes hundreds of thousands of small acyclic objects (no garbage cycles: a
        # collection after it finds none); with the collector on, it would walk them again and
        # again as they come (about a third of start-up). The old library is collected first,
        # while there is little else to walk. At start-up, what the imports left (made with the
        # collector off: see `patternlint server`) stays: about 17,000 small objects, not
        # worth a collection of every object imported (35 ms).
        if reloading:
            gc.collect()
        gc.disable()
        try:
            library = self.library = Library(self.folder)
            library.index  # noqa: B018 - "indexed" means ready: the first request builds nothing
        finally:
            # The library's records live as long as the server: out of the collector's sight, a
            # full collection no longer walks them (a pause of 100 ms and more in an edit's path).
            # Serving makes cycles (exceptions, the protocol's objects): the collector is on.
            gc.freeze()
            gc.enable()
        self.log_client(f"patternlint: {len(library.targets)} files in the library `{library.root}`")
        for document in list(self.workspace.text_documents.values()):
            path = to_fs_path(document.uri)
            if path is None:
                continue
            i = library.find(Path(path)) or library.add(Path(path))
            if i is not None:
                library.update(i, document.source)
                self.pending.add(library.targets[i].display)
        for display, uri in list(self.published.items()):
            if display not in library.by_display:
                self.forget(display)
        self.pending |= set(self.published)
        self.flush()

    def forget(self, display: str) -> None:
        """The file left the library: its diagnostics go."""
        uri = self.published.pop(display, None)
        self.last_findings.pop(display, None)
        if uri is not None:
            self.clear(uri)

    # -- diagnostics -----------------------------------------------------------------------

    def open_files(self) -> set[int]:
        library = self.lib()
        found = set()
        for document in self.workspace.text_documents.values():
            path = to_fs_path(document.uri)
            i = None if path is None else library.find(Path(path))
            if i is not None:
                found.add(i)
        return found

    def schedule(self, changed: Iterable[int]) -> None:
        """Send the diagnostics of `changed` and every open file soon: edits that arrive
        together are linted once."""
        targets = self.lib().targets
        self.pending |= {targets[i].display for i in set(changed) | self.open_files()}
        if not self.flush_scheduled:
            self.flush_scheduled = True
            asyncio.get_running_loop().call_soon(self._flush_soon)

    def _flush_soon(self) -> None:
        self.flush_scheduled = False
        try:
            self.flush()
        except Exception as exc:  # a notification's work: log it, keep serving
            self.log_client(f"patternlint: internal error: {exc}\n{traceback.format_exc()}", types.MessageType.Error)

    def flush(self) -> None:
        if not self.pending or self.library is None:
            return
        library = self.library
        todo, self.pending = self.pending, set()
        found = library.findings(library.by_display[d] for d in todo if d in library.by_display)
        opened = self.open_files()
        for i, findings in found.items():
            display = library.targets[i].display
            before = self.last_findings.get(display)
            self.last_findings[display] = findings
            if i not in opened and (findings == before or (not findings and display not in self.published)):
                continue  # a closed file whose diagnostics did not change: nothing to say
            self.publish(i, findings)

    def publish(self, i: int, findings: list[Finding]) -> None:
        uri = self.uri(i)
        diagnostics: list[types.Diagnostic] = []
        if findings:
            codec = self.codec(self.lib().text(i) or "")
            diagnostics = [self.diagnostic(f, codec) for f in findings]
            self.published[self.lib().targets[i].display] = uri
        else:
            self.published.pop(self.lib().targets[i].display, None)
        document = self.workspace.text_documents.get(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri, diagnostics, document.version if document else None)
        )

    def diagnostic(self, finding: Finding, codec: Codec) -> types.Diagnostic:
        message = finding.message if finding.hint is None else f"{finding.message}\nhint: {finding.hint}"
        return types.Diagnostic(
            range=codec.range(finding.span),
            message=message,
            severity=SEVERITIES[finding.severity],
            code=finding.code,
            code_description=types.CodeDescription(href=self.docs_url(finding.code, finding.rule)),
            source="patternlint",
            data={"rule": finding.rule, "fixable": finding.fix is not None},
        )

    def docs_url(self, code: str, name: str) -> str:
        if self.rule_docs:
            return self.rule_docs.format(code=code, name=name)
        return rule_page(name)

    def clear(self, uri: str) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def rule_page(name: str) -> str:
    """The rule's documentation page as installed: its module, whose docstring is the page
    `patternlint explain` prints."""
    import importlib.util

    spec = importlib.util.find_spec(f"patternlint.rules.{name.replace('-', '_')}")
    origin = spec.origin if spec is not None else None
    return str(from_fs_path(origin)) if origin else f"patternlint:explain/{name}"
