"""Stage 1, discover: which files to read, and which of them to report on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator, Sequence

from patternlint.result import Target, UsageError
from patternlint.settings import Settings


def discover(root: Path, settings: Settings) -> Iterator[Path]:
    """The files below `root` that `include` names and neither `exclude` nor (with
    `respect_gitignore`) git ignores, in a stable order."""
    from patternlint.globs import GitIgnore, gitignore_above, path_filter, repository_root

    selected = path_filter(settings.include, settings.exclude)
    prefix = _prefix(root, settings)
    repository = repository_root(root) if settings.respect_gitignore else None
    # Per folder: what git ignores there, and the folder's path from the repository root.
    ignores: dict[str, tuple[GitIgnore, str]] = {}
    if repository is not None:
        normal = Path(os.path.abspath(root))  # without `..`, which `cwd / "../lib"` keeps
        in_repository = normal.relative_to(repository).as_posix()
        base = "" if in_repository == "." else in_repository + "/"
        ignores[str(root)] = (gitignore_above(repository, normal), base)
    for folder, dirs, files in os.walk(root):
        here = os.path.relpath(folder, root)
        here = prefix + ("" if here == "." else here.replace(os.sep, "/") + "/")
        # An excluded folder is pruned whole: nothing below it can be included again (as in git).
        kept = sorted(d for d in dirs if not selected.excludes(here + d + "/", d + "/"))
        chosen = sorted(name for name in files if selected.includes(here + name, name))
        if repository is not None:
            ignore, base = ignores.pop(folder)
            ignore = ignore.entering(Path(folder), base, files)
            if ignore.files:
                kept = [d for d in kept if not ignore.ignores(base + d + "/", d + "/")]
                chosen = [name for name in chosen if not ignore.ignores(base + name, name)]
            for d in kept:
                ignores[os.path.join(folder, d)] = (ignore, base + d + "/")
        dirs[:] = kept
        # A name from the walk is one component: the folder's path is parsed once, not once
        # a file (Python 3.11 and 3.12 join without parsing again; 3.13 has no such method).
        parent = Path(folder)
        child: Callable[[str], Path] = getattr(parent, "_make_child_relpath", parent.joinpath)
        for name in chosen:
            yield child(name)


def _prefix(root: Path, settings: Settings) -> str:
    """How globs see `root`: relative to the configuration's folder when inside it."""
    if settings.filter_root is None:
        return ""
    relative = os.path.relpath(os.path.abspath(root), os.path.abspath(settings.filter_root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return ""  # outside it: `..` is no folder a glob names
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def excluded(path: Path, root: Path, settings: Settings) -> bool:
    """Whether `exclude` (or, with `respect_gitignore`, git) leaves out a file named on the
    command line (`--force-exclude`)."""
    from patternlint.globs import gitignore_above, path_filter, repository_root

    relative = _prefix(root, settings) + path.name
    selected = path_filter(settings.include, settings.exclude)
    # As a folder search would: each folder on the way (from the configuration's folder), then
    # the file; a file inside an excluded folder is excluded too.
    if any(map(selected.excludes, _folders(relative))) or selected.excludes(relative):
        return True
    repository = repository_root(path.parent) if settings.respect_gitignore else None
    if repository is None:
        return False
    absolute = Path(os.path.abspath(path))
    ignore = gitignore_above(repository, absolute.parent)
    # A file inside an ignored folder is ignored too: each folder on the way is asked.
    in_repository = absolute.relative_to(repository).as_posix()
    return any(map(ignore.ignores, _folders(in_repository))) or ignore.ignores(in_repository)


def _folders(relative: str) -> list[str]:
    """The folders a relative path goes through, each with its `/`: `a/b/c.md` → `a/`, `a/b/`."""
    parts = relative.split("/")
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts) - 1)]


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` when inside it (as `Path.relative_to` says, by name only), else
    as it is."""
    return _displayer(cwd)(path)


def _displayer(cwd: Path) -> Callable[[Path], str]:
    """`display_path` for one `cwd`, worked out once for thousands of files."""
    base = str(cwd)
    if os.altsep is None and cwd.is_absolute():
        # Normalised absolute paths: inside exactly when the text starts with the folder's.
        # Comparing strings is far cheaper than `relative_to`.
        prefix = base if base.endswith(os.sep) else base + os.sep
        cut = len(prefix)

        def display(path: Path) -> str:
            text = str(path)
            if text == base:
                return "."
            return text[cut:] if text.startswith(prefix) and path.is_absolute() else text

        return display

    def relative(path: Path) -> str:
        text = str(path)
        if text == base:
            return "."
        try:
            return str(path.relative_to(cwd))
        except ValueError:
            return text

    return relative


def plan(paths: Sequence[Path], settings: Settings, cwd: Path) -> tuple[Path, list[Target]]:
    """Which files to read, and which of them to report on."""
    if not paths:
        paths = [cwd]
    folders: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        path = (cwd / raw).absolute()
        if path.is_dir():
            folders.append(path)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"path `{raw}` does not exist")
    anchors = folders + [f.parent for f in files]
    if settings.library is not None and not settings.library.is_dir():
        raise UsageError(f"library `{settings.library}` is not a folder")
    root = settings.library.absolute() if settings.library else Path(os.path.commonpath(anchors))
    library = list(discover(root, settings))
    if settings.force_exclude:  # pre-commit names files itself: still honour `exclude`
        files = [f for f in files if not excluded(f, f.parent, settings)]
    display = _displayer(cwd)
    if not files and folders == [root]:  # the library itself (an editor's, `check` in it)
        return root, [Target(p, display(p), True) for p in library]
    checked: dict[Path, None] = dict.fromkeys(files)
    for folder in folders:
        if folder == root:
            checked.update(dict.fromkeys(library))
        else:
            checked.update(dict.fromkeys(discover(folder, settings)))
    everything = dict.fromkeys(library)
    everything.update(checked)
    targets = [Target(p, display(p), p in checked) for p in everything]
    return root, targets


def stem(name: str) -> str:
    """A file's name as links may name it: without `.md`."""
    return name[:-3] if name.endswith(".md") else Path(name).stem
