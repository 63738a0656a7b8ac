"""Stage 2, read: a file's bytes, safely (regular files only, within the size limit, never
through a symbolic link out of the library), or why they were not read."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from patternlint.settings import Settings

if TYPE_CHECKING:
    from patternlint.problems import ReadProblem


def read(path: Path, settings: Settings, root: Path | None) -> bytes | OSError | ReadProblem:
    """The file's bytes, or why they were not read. Only regular files are opened (a FIFO would
    block forever), never more than the size limit, and never through a symbolic link that
    leaves the library (its content would be echoed into findings)."""
    # Imported here, not above: the cache reads its own file with `read_upto`, and a run that
    # reuses its result never reads a pattern.
    from patternlint.problems import LinkLeavesLibrary, NotRegularFile, TooLarge

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
            return NotRegularFile(path.name, kind)
        if root is not None and path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root.resolve()):
                return LinkLeavesLibrary()
        if st.st_size > settings.max_file_size:
            return TooLarge(st.st_size, settings.max_file_size)
        with open(path, "rb") as handle:
            data = read_upto(handle, st.st_size, settings.max_file_size + 1)
    except OSError as exc:
        return exc
    if len(data) > settings.max_file_size:  # it grew while we looked
        return TooLarge(len(data), settings.max_file_size)
    return data


def read_upto(handle: BinaryIO, size: int, most: int) -> bytes:
    """At most `most` bytes of an open file that `stat` said holds `size`. The read asks for the
    size the file has, plus one byte that tells it grew (or that `stat` says 0, as on procfs),
    and only then reads on: asking for `most` at once would allocate, and then shrink, a buffer
    of the whole limit for every file."""
    data = handle.read(min(size + 1, most))
    if len(data) > size:
        data += handle.read(max(0, most - len(data)))
    return data


_FILE_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


