"""The protocol side: a pygls server whose handlers turn requests into questions for the
`Library` and its answers into protocol types.

Every handler runs through `_guarded`: an exception is logged to the client (window/logMessage)
and, for a request, answered with an error response; the server keeps serving. A request about
a file outside the library is answered with an error too (the editor asked the wrong server).
"""

from __future__ import annotations

import logging
import traceback
from functools import wraps
from pathlib import Path
from typing import Any, Callable, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError
from pygls.uris import to_fs_path

from patternlint.server import features
from patternlint.server.library import names
from patternlint.server.session import WATCHED, PatternServer

F = TypeVar("F", bound=Callable[..., Any])


def _guarded(server: PatternServer, request: bool, name: str) -> Callable[[F], F]:
    """Log what goes wrong to the client; answer a request with an error response."""

    def wrap(handler: F) -> F:
        @wraps(handler)
        def guarded(params: Any) -> Any:
            try:
                return handler(params)
            except JsonRpcException as exc:
                server.log_client(f"patternlint: {name}: {exc}", types.MessageType.Warning)
                if request:
                    raise
                return None
            except Exception as exc:
                server.log_client(
                    f"patternlint: internal error in {name}: {exc}\n{traceback.format_exc()}",
                    types.MessageType.Error,
                )
                if request:
                    raise JsonRpcInternalError(f"patternlint: internal error: {exc}") from exc
                return None

        return guarded  # type: ignore[return-value]

    return wrap


def create_server() -> PatternServer:
    server = PatternServer()

    def notification(method: str, options: Any = None) -> Callable[[F], F]:
        def register(handler: F) -> F:
            server.feature(method, options)(_guarded(server, False, method)(handler))
            return handler

        return register

    def request(method: str, options: Any = None) -> Callable[[F], F]:
        def register(handler: F) -> F:
            server.feature(method, options)(_guarded(server, True, method)(handler))
            return handler

        return register

    @notification(types.INITIALIZED)
    def initialized(params: types.InitializedParams) -> None:
        server.load()
        registration = types.Registration(
            id="patternlint-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            ),
        )
        capabilities = server.client_capabilities
        workspace = capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is not None and watched.dynamic_registration:
            server.client_register_capability(types.RegistrationParams([registration]))

    @request(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        folder: str | None = None
        if params.workspace_folders:
            folder = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            folder = to_fs_path(params.root_uri)
        elif params.root_path:
            folder = params.root_path
        server.folder = Path(folder).absolute() if folder else Path.cwd()
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("ruleDocs"), str):
            server.rule_docs = options["ruleDocs"]

    @notification(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        edited(params.text_document.uri)

    @notification(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        edited(params.text_document.uri)

    @notification(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        edited(params.text_document.uri)

    @notification(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        library = server.lib()
        path = to_fs_path(params.text_document.uri)
        i = None if path is None else library.find(Path(path))
        if i is None:
            return
        before = names(library.record(i))
        display = library.targets[i].display
        if Path(library.targets[i].path).exists():
            library.update(i, None)
            after = names(library.record(i))
        else:  # never saved: it was only ever a buffer
            library.buffers.pop(i, None)
            library.remove(library.targets[i].path)
            after = set()
        server.forget(display)
        server.clear(params.text_document.uri)
        server.schedule(library.dependents(before | after))

    def edited(uri: str) -> None:
        library = server.lib()
        path = to_fs_path(uri)
        document = server.workspace.get_text_document(uri)
        if path is None:
            return
        i = library.find(Path(path))
        if i is None:
            i = library.add(Path(path))
        if i is None:
            server.log_client(
                f"patternlint: `{path}` is not part of the library `{library.root}`; it is not checked",
                types.MessageType.Info,
            )
            return
        before = names(library.record(i))
        library.update(i, document.source)
        after = names(library.record(i))
        server.schedule({i} | library.dependents(before | after))

    features.register(server, request, notification)
    return server


def serve() -> None:
    """Serve over stdin and stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    create_server().start_io()
