"""CPU seconds and memory after each stage of one `patternlint` command, in-process.

    python benchmarks/stages.py check LIBRARY/file.md --cache-dir TMP

Prints to stderr, after each stage, the process's CPU time (`time.process_time`, which a
loaded machine does not inflate as it does wall time) and its RSS and peak RSS (VmRSS and
VmHWM from /proc, so Linux only). The stages are the pipeline's (discovery, the cache's
open, kept result, body and lookup, the file stage, the library phase, the save); a stage
that does not run prints nothing. The console script ends with `os._exit`, so the app is
run here directly.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable

START = time.process_time()


def memory() -> str:
    with open("/proc/self/status", encoding="ascii") as status:
        fields = dict(line.split(":", 1) for line in status)
    rss, peak = (int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
    return f"RSS {rss:6.0f} MB, peak {peak:6.0f} MB"


def mark(label: str) -> None:
    print(f"[stage] {time.process_time() - START:7.3f} s cpu  {memory()}  after {label}", file=sys.stderr, flush=True)


def wrap(owner: Any, name: str, label: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        out = original(*args, **kwargs)
        mark(label)
        return out

    setattr(owner, name, wrapper)


def main() -> None:
    mark("interpreter start")
    from patternlint import cache, pipeline
    from patternlint.cli.app import app

    mark("imports of the CLI")
    wrap(pipeline, "plan", "discovery (plan)")
    opened = cache.Cache.open.__func__  # type: ignore[attr-defined]

    def open_cache(cls: type[cache.Cache], *args: Any) -> cache.Cache:
        found: cache.Cache = opened(cls, *args)
        mark("Cache.open (the file read, header and result MAC'd)")
        return found

    cache.Cache.open = classmethod(open_cache)  # type: ignore[method-assign, assignment]
    wrap(cache.Cache, "kept_result", "Cache.kept_result (stamps, kept findings)")
    wrap(cache.Cache, "_read_body", "Cache._read_body (body MAC'd and parsed)")
    wrap(cache.Cache, "lookup", "Cache.lookup (entries decoded)")
    wrap(pipeline, "run_files", "run_files (read, parse, file rules)")
    wrap(pipeline, "collect", "collect (index, library rules, suppressions)")
    wrap(cache.Cache, "save", "Cache.save")
    try:
        app(prog_name="patternlint")
    except SystemExit:
        pass
    mark("end")


if __name__ == "__main__":
    main()
