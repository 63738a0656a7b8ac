"""Stages 2 to 4 for each file: read, parse, and run the file rules; in worker processes for
large runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from patternlint import suppressions
from patternlint.discover import stem
from patternlint.document import Document
from patternlint.index import record_for
from patternlint.model import Violation
from patternlint.reading import read
from patternlint.result import FileOutcome, ProgressCallback, Target
from patternlint.settings import Settings
from patternlint.problems import ReadProblem, TooLarge
from patternlint.suppressions import Suppression

# Below this many files to parse, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 150


def document(target: Target, data: bytes | OSError | ReadProblem, settings: Settings) -> Document:
    """The file parsed as its profile and the limits say."""
    return Document(
        target.display, stem(target.path.name), data, settings.profile_for(target.path), settings.limits
    )


def process(target: Target, settings: Settings, root: Path | None = None) -> FileOutcome:
    """Read, parse and check one file. Runs in a worker process for large runs."""
    data: bytes | OSError | ReadProblem
    if target.content is None:
        data = read(target.path, settings, root)
    elif len(target.content) > settings.max_file_size:  # an in-memory text has the file's limit
        data = TooLarge(len(target.content), settings.max_file_size)
    else:
        data = target.content
    doc = document(target, data, settings)
    violations: tuple[tuple[str, Violation], ...] | None = None
    found: tuple[Suppression, ...] = ()
    if target.checked:
        violations = tuple(
            (rule.code, violation)
            for rule in settings.rules
            if rule.file_check is not None
            for violation in rule.check_file(doc, settings.options(rule))
        )
        if any(v.fix is not None for _, v in violations):
            from patternlint import fixguard

            codes = [code for code, _ in violations]
            violations = tuple(zip(codes, fixguard.screen(doc, [v for _, v in violations])))
        found = suppressions.parse(doc)
    content_digest = None
    if (settings.cache_dir is not None or settings.content_digests) and isinstance(data, bytes):
        from patternlint.cache import digest

        content_digest = digest(data)
    return FileOutcome(target.display, record_for(doc), violations, content_digest, found)


def _process_chunk(
    chunk: Sequence[Target], settings: Settings, root: Path | None
) -> list[FileOutcome]:
    return [process(t, settings, root) for t in chunk]


def _warm_up(settings: Settings) -> None:
    """Build, before forking, what every worker needs at once and is cheap to build here: the
    rules' modules, the compiled schema pre-check and the Markdown parser. (jsonschema, needed
    only for files that fail the pre-check, is left to the workers, which import it in parallel.)"""
    from patternlint import markdown, schema
    from patternlint.lines import LineMap

    settings.rules  # noqa: B018 - their modules, imported once here, not once in each worker
    markdown.headings(LineMap("# warm-up\n"))
    given = (settings.profile, *(p for _, _, p in settings.per_file_profiles))
    for profile in {p for profile in given for p in profile.reachable()}:
        if profile.schema is not None:
            schema.fast_is_valid(profile.schema, profile.schema_overrides)


def run_files(
    targets: Sequence[Target],
    settings: Settings,
    progress: ProgressCallback | None = None,
    root: Path | None = None,
) -> list[FileOutcome]:
    """Process every target; `root`, when given, is the library no symbolic link may leave."""
    jobs = settings.jobs or os.cpu_count() or 1
    if jobs < 2 or len(targets) < PARALLEL_THRESHOLD:
        outcomes = []
        for i, target in enumerate(targets):
            outcomes.append(process(target, settings, root))
            if progress and i % 64 == 0:
                progress(i, len(targets))
        return outcomes
    # Imported here: a run that reuses its kept result, or checks a few files, never starts a
    # pool (the two imports are about 2% of a warm run's instructions).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks balance the load (file sizes vary a lot) at a low pickling cost.
    size = max(8, min(64, len(targets) // (jobs * 8)))
    chunks = [targets[i : i + size] for i in range(0, len(targets), size)]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    if context.get_start_method() == "fork":
        _warm_up(settings)
    results: list[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for chunk_result in pool.map(_process_chunk, chunks, [settings] * len(chunks), [root] * len(chunks)):
            results.extend(chunk_result)
            if progress:
                progress(len(results), len(targets))
    return results
