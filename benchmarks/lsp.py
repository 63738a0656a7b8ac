"""How fast `patternlint server` answers on a real library (see README.md, "Language server").

    .venv/bin/python benchmarks/lsp.py [LIBRARY] [--edits 60] [--requests 40] [--starts 5]

LIBRARY (default: the 3,616-file reference library) is copied to a temp folder, which is the
workspace. Measured, each with a fresh process where start-up is concerned:

- warm `check`: `patternlint check COPY` with the cache filled by one untimed run (best of 3);
- start-up: from starting `patternlint server` to the log line that says the library is
  indexed (same cache), and the part of it from `initialized` on (loading the library; what
  comes before is the interpreter, the imports and the handshake): median and best of
  `--starts` fresh servers, as one start on a shared machine says little; then, in the last
  of them, the first diagnostics of an opened file;
- diagnostics after an edit: a scripted series of edits to one open file (alternately: a
  score, a link's slug broken and mended, a line of body text), each timed from sending
  `didChange` to receiving that version's `publishDiagnostics`;
- completion (a slug in a link field) and hover (on a link): request to answer.

Targets (issue 17): start-up within a warm `check`; diagnostics ≤ 50 ms at the 95th
percentile; completion and hover ≤ 30 ms. The exit status is 0 when every measure ran.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REFERENCE = Path("/work/shared/reference/commons-os-library/_patterns")
SERVER = [sys.executable, "-m", "patternlint", "server"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def line(name: str, values: list[float], target: float | None = None) -> str:
    med, p95 = statistics.median(values), percentile(values, 95)
    verdict = "" if target is None else ("  ok" if p95 <= target else f"  MISSED (target {target:.0f} ms)")
    return f"{name:<34} median {med:7.1f} ms   p95 {p95:7.1f} ms   n={len(values)}{verdict}"


def warm_check(copy: Path) -> float:
    cmd = [sys.executable, "-m", "patternlint", "check", str(copy), "-q"]
    subprocess.run(cmd, cwd=copy, capture_output=True, check=False)  # fills the cache
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=copy, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def pick(copy: Path) -> tuple[Path, str, str]:
    """A v7 file with a curated link: its path, its text, and the slug it links to first."""
    for path in sorted(copy.glob("*.md"))[len(list(copy.glob("*.md"))) // 2 :]:
        text = path.read_text(encoding="utf-8")
        for row in text.splitlines():
            if row.startswith("    - slug: ") and "overall_score:" in text:
                return path, text, row[len("    - slug: ") :].strip()
    raise SystemExit("no v7 file with a curated link in the library")


async def measure(copy: Path, edits: int, requests: int, starts: int) -> list[str]:
    totals, loads = [], []
    for _ in range(max(0, starts - 1)):
        client, indexed, _versions = _client()
        start = time.perf_counter()
        loading = await _start(client, copy)
        ready = await asyncio.wait_for(indexed, 600)
        totals.append((ready - start) * 1000)
        loads.append((ready - loading) * 1000)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return await _measure(copy, edits, requests, totals, loads)


def _client() -> tuple[LanguageClient, asyncio.Future[float], dict[str, asyncio.Future[float]]]:
    client = LanguageClient("patternlint-bench", "1")
    versions: dict[str, asyncio.Future[float]] = {}
    indexed: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        future = versions.get(f"{params.uri}@{params.version}")
        if future is not None and not future.done():
            future.set_result(time.perf_counter())

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        if "files in the library" in params.message and not indexed.done():
            indexed.set_result(time.perf_counter())

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        return None

    return client, indexed, versions


async def _start(client: LanguageClient, copy: Path) -> float:
    """Start the server and initialize it; the time `initialized` was sent."""
    await client.start_io(*SERVER, cwd=str(copy))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=copy.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=copy.as_uri(), name="library")],
        )
    )
    loading = time.perf_counter()
    client.initialized(types.InitializedParams())
    return loading


async def _measure(copy: Path, edits: int, requests: int, totals: list[float], loads: list[float]) -> list[str]:
    client, indexed, versions = _client()
    out = []
    start = time.perf_counter()
    loading = await _start(client, copy)
    ready = await asyncio.wait_for(indexed, 600)
    totals.append((ready - start) * 1000)
    loads.append((ready - loading) * 1000)

    def starts(values: list[float]) -> str:
        return f"median {statistics.median(values):7.0f} ms   best {min(values):7.0f} ms   n={len(values)}"

    out.append(f"{'start-up (library indexed)':<34} {starts(totals)}")
    # The part that is the library's: the rest is the interpreter and the protocol's imports.
    out.append(f"{'  of which loading the library':<34} {starts(loads)}")

    path, text, linked = pick(copy)
    uri = path.as_uri()

    def expect(version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        versions[f"{uri}@{version}"] = future
        return future

    first = expect(1)
    sent = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text))
    )
    out.append(f"{'first diagnostics of an open file':<34} {(await asyncio.wait_for(first, 60) - sent) * 1000:7.0f} ms")

    variants = [
        text.replace("overall_score: ", "overall_score: 1", 1),
        text.replace(f"    - slug: {linked}", f"    - slug: {linked}-x", 1),
        text.replace(f"    - slug: {linked}", f"    - slug: {linked}", 1) + "\nAn added line.\n",
        text,
    ]
    latencies = []
    for n in range(edits):
        version = n + 2
        done = expect(version)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=variants[n % len(variants)])],
            )
        )
        latencies.append((await asyncio.wait_for(done, 60) - sent) * 1000)
    out.append(line("diagnostics after an edit", latencies, 50))

    rows = text.splitlines()
    row = rows.index(f"    - slug: {linked}")
    on_link = types.Position(line=row, character=len("    - slug: ") + 2)
    typed = types.Position(line=row, character=len("    - slug: ") + 3)
    doc = types.TextDocumentIdentifier(uri=uri)
    completion, hover = [], []
    for _ in range(requests):
        sent = time.perf_counter()
        await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=typed))
        completion.append((time.perf_counter() - sent) * 1000)
        sent = time.perf_counter()
        await client.text_document_hover_async(types.HoverParams(text_document=doc, position=on_link))
        hover.append((time.perf_counter() - sent) * 1000)
    out.append(line("completion (slug in a link field)", completion, 30))
    out.append(line("hover (on a link)", hover, 30))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", nargs="?", type=Path, default=REFERENCE)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--starts", type=int, default=5, help="fresh servers started for the start-up figures")
    args = parser.parse_args(argv)
    temp = Path(tempfile.mkdtemp(prefix="patternlint-lsp-bench-"))
    try:
        copy = temp / "_patterns"
        shutil.copytree(args.library, copy)
        files = sum(1 for _ in copy.rglob("*.md"))
        print(f"library: {args.library} ({files} files), copied to {copy}; cores: {os.cpu_count()}", flush=True)
        print(f"{'warm check (best of 3)':<34} {warm_check(copy):7.0f} ms", flush=True)
        for text in asyncio.run(measure(copy, args.edits, args.requests, args.starts)):
            print(text, flush=True)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
