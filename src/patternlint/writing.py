"""Writing a file whole or not at all: a temporary file in the same folder, then a rename.

This is the one writer: the fixer, the cache, the kept report and `init` all go through it.
The temporary file is written and flushed to disk (`fsync`) before the rename, and the folder
after it, so that after a crash (`kill -9`, a power cut) the file is either its old or its new
content, never a mix. A process killed between the two leaves its temporary file behind; it is
named `.NAME.XXXXXXXX.patternlint-tmp`, so that a later run can tell it from anything else and
remove it (`remove_leftovers`).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from patternlint.frozen import frozen

SUFFIX = ".patternlint-tmp"
# `.` + the file's name + `.` + mkstemp's 8 random characters + the suffix.
_LEFTOVER = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(SUFFIX))
# A temporary file younger than this may belong to a run that is still writing.
LEFTOVER_AGE = 5.0


@frozen
class Staged:
    """New content written next to `path`, not yet renamed over it."""

    path: Path
    temporary: str

    def commit(self, sync_folder: bool = True) -> None:
        """Rename the temporary file over `path`; on an error it is removed and the OSError
        raised. `sync_folder=False` leaves flushing the folder to the caller (`sync_folder`),
        for one flush after many renames in the same folder."""
        try:
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise
        if sync_folder:
            sync_folder_of(self.path)

    def discard(self) -> None:
        try:
            os.unlink(self.temporary)
        except OSError:
            pass


def stage(path: Path, data: bytes) -> Staged:
    """Write `data` to a new temporary file next to `path`, flushed to disk, with the mode of
    `path` (or, for a new file, the mode a new file gets). On any error nothing is left behind
    and the OSError is raised."""
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.chmod(tmp, mode)
            os.fsync(handle.fileno())
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return Staged(path, tmp)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`; on any error the old file (or no file) stays, the temporary
    file is removed, and the OSError is raised."""
    stage(path, data).commit()


def sync_folder_of(path: Path) -> None:
    """Flush the folder's entry for `path` (a rename) to disk. Where a folder cannot be opened
    or flushed (some file systems, Windows), the rename stands anyway."""
    try:
        fd = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        return stat.S_IMODE(st.st_mode)
    # A new file, or one that replaces something other than a regular file (a device's mode,
    # such as /dev/zero's 0666, is no file's): mkstemp makes the file private (0600); it gets
    # what `open` would give a new file.
    umask = os.umask(0o22)
    os.umask(umask)
    return 0o666 & ~umask


def is_leftover(name: str) -> bool:
    """Whether `name` is a temporary file of ours (see `stage`)."""
    return _LEFTOVER.fullmatch(name) is not None


def remove_leftovers(folder: Path, min_age: float = LEFTOVER_AGE) -> list[Path]:
    """Remove the temporary files a killed run left in `folder` (not below it): regular files
    named as ours, not touched for `min_age` seconds. Symbolic links are neither followed nor
    removed. Returns what was removed; a folder that cannot be read is left as it is."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_leftover(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < min_age:
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
