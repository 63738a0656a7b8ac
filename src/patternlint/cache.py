"""The result cache (like `.ruff_cache`): per-file results keyed by content, per library.

A file's entry is reused when its size and modification time are unchanged, or, failing that,
when its content hash is; the whole cache is void when the version, schema, rules or their
options change (the settings fingerprint). Library-wide rules are never cached: they are
recomputed every run from the cached index records, so a change in one file re-checks every
file that points at it. A cache that cannot be read or does not have exactly the expected shape
is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import tempfile
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import orjson
from typing import Any, Sequence

from patternlint.reading import read_upto
from patternlint.records import Codec
from patternlint.result import FileOutcome, LintResult, Target
from patternlint.fixes import Fix
from patternlint.facts import FileRecord
from patternlint.model import Finding, Violation
from patternlint.settings import Settings
from patternlint.suppressions import Suppression
from patternlint.writing import write_atomically
from patternlint.model import PathPart

# 2: violations and findings carry their fix; 3: header, result and body lines; 4: sealed;
# 6: records encoded from their types (records.Codec)
FORMAT = 7
# A cache file larger than this is not read (a library of 3,616 files makes 9 MB).
MAX_BYTES = 1 << 30
KEY_BYTES = 32
MAC_HEX = 2 * KEY_BYTES
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by patternlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# ---------------------------------------------------------------------------------------------
# Trust: the key, sealing, and opening only regular files

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Opening a FIFO for reading would wait for a writer; with O_NONBLOCK it returns at once, and
# the fstat that follows turns it away.
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def key_file() -> Path | None:
    """Where the key is kept: the user's own cache folder (`$XDG_CACHE_HOME`, else
    `~/.cache`), never the project's cache folder, which a repository may contain."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found
            return None
    return Path(base, "patternlint", "key")


@lru_cache(maxsize=1)
def secret() -> bytes | None:
    """This user's key on this machine, made on first use; None when it can be neither read nor
    made (the cache is then neither read nor written)."""
    file = key_file()
    if file is None:
        return None
    key = _read_key(file)
    if key is not None:
        return key
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=file.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(tmp, file)  # whole or not at all, and the first of two runs wins
            except FileExistsError:
                if _read_key(file) is None:
                    os.replace(tmp, file)  # a key we cannot use (see _read_key): replace it
        finally:
            if os.path.lexists(tmp):
                os.unlink(tmp)
    except OSError:
        return None
    return _read_key(file)


def _read_key(file: Path) -> bytes | None:
    """The key, if it is a regular file of the right size that only this user can read."""
    try:
        fd = os.open(file, _READ_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        owner = getattr(os, "geteuid", lambda: st.st_uid)()
        if not stat.S_ISREG(st.st_mode) or st.st_uid != owner or st.st_mode & 0o077 or st.st_size != KEY_BYTES:
            return None
        key = os.read(fd, KEY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == KEY_BYTES else None


def _mac(key: bytes, domain: str, *parts: bytes | memoryview) -> bytes:
    """HMAC-SHA256 of the parts, for one cache file (`domain`, its name): a sealed file
    copied under another name does not verify. (SHA-256 is hardware-accelerated on most CPUs:
    about 1 ms a megabyte here, faster than keyed BLAKE2b.)"""
    mac = hmac.new(key, _utf8(domain) + b"\0", "sha256")
    for part in parts:
        mac.update(part)
    return mac.digest()


def seal(file: Path, payload: bytes) -> bytes | None:
    """`payload` with its MAC in front, to be written to `file`; None without a key."""
    key = secret()
    return None if key is None else _mac(key, file.name, payload).hex().encode() + b"\n" + payload


def unseal(file: Path) -> bytes | None:
    """What `seal` sealed in `file`, if this user's key verifies it; else None."""
    key = secret()
    data = read_regular(file)
    if key is None or data is None:
        return None
    mac, _, payload = data.partition(b"\n")
    try:
        expected = bytes.fromhex(mac.decode("ascii"))
    except ValueError:
        return None
    return payload if hmac.compare_digest(_mac(key, file.name, payload), expected) else None


def read_regular(file: Path, limit: int | None = None) -> bytes | None:
    """The file's bytes if it is a regular file (not a link, FIFO or device) of at most `limit`
    bytes; None otherwise or when it cannot be read."""
    limit = MAX_BYTES if limit is None else limit
    try:
        fd = os.open(file, _READ_FLAGS)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
                return None
            data = read_upto(handle, st.st_size, limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


def write_file(file: Path, data: bytes) -> None:
    """Replace `file` whole, with the permissions a new file gets here (the umask's), not the
    temporary file's 0600: a cache is no secret; the key is."""
    write_atomically(file, data)
    fd = os.open(file, _READ_FLAGS)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, 0o666 & ~_umask())
    finally:
        os.close(fd)


@lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def _create(file: Path, data: bytes) -> None:
    """Write a new file, unless something (even a dangling symbolic link) is there already."""
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


class Cache:
    """One file per library, three JSON documents on three lines, read only as far as needed:

    1. the header: format, settings fingerprint, the key of the kept result, and a stamp per
       file (`[mtime_ns, size, content hash, whether its rules ran]`);
    2. the kept result (the findings of the last run), read when nothing changed;
    3. the body: each file's index record, violations and suppressions, and the "did you mean"
       memo, read only when some file must be re-checked.

    When nothing changed, a run reads the header and the result and never parses the body
    (two thirds of the file)."""

    def __init__(self, file: Path, fingerprint: str, loaded: Loaded, key: bytes | None) -> None:
        self._file = file
        self._fingerprint = fingerprint
        self._key = key  # None: no key could be kept, so nothing is read or written
        self._codes: frozenset[str] = frozenset()
        self._stamps, self._result_key, self._result_raw, self._body_raw, self._body_seal = loaded
        self._body: tuple[dict[str, dict[str, Any]], dict[str, dict[str, list[str]]]] | None = None
        self._suggestions_before = b""
        self._stats: dict[str, os.stat_result | None] = {}
        # What this run keeps: the stamps and entries of the files it looked up or ran.
        self._new_stamps: dict[str, list[Any]] = {}
        self._new_entries: dict[str, dict[str, Any]] = {}
        self._result: dict[str, Any] = {}
        self._dirty = False

    @classmethod
    def open(cls, cache_dir: Path, root: Path, settings: Settings) -> Cache:
        # The profiles' fingerprints cover their schemas' contents.
        fingerprint = f"{settings.fingerprint()}-{shape()}"
        name = hashlib.blake2b(_utf8(str(root)), digest_size=8).hexdigest()
        file = cache_dir / f"library-{name}.json"
        key = secret()
        cache = cls(file, fingerprint, _load(file, fingerprint, key) if key else _EMPTY, key)
        cache._codes = frozenset(settings.codes)
        return cache

    @property
    def suggestions(self) -> dict[str, dict[str, list[str]]]:
        """"Did you mean" answers, keyed by the digest of the library's names (see
        LibraryIndex)."""
        return self._read_body()[1]

    def _entries(self) -> dict[str, dict[str, Any]]:
        return self._read_body()[0]

    def _read_body(self) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, list[str]]]]:
        if self._body is None:
            front, expected = self._body_seal
            raw, key = self._body_raw, self._key
            # The body is checked only when it is needed: a warm run never reads it. The check
            # (hashing, which lets go of the interpreter) runs on another core while the body is
            # parsed (JSON parsing is safe on any bytes); a body that fails it is dropped.
            sealed: list[bytes] = []
            body = None
            if key is not None:
                import threading

                name = self._file.name
                hashing = threading.Thread(target=lambda: sealed.append(_mac(key, name, front, raw)))
                hashing.start()
                body = _body(raw)
                hashing.join()
            if body is None or not sealed or not hmac.compare_digest(sealed[0], expected):
                body = _body(b"")
            self._body = body
            self._body_raw = b""
            # The result's view kept the whole file's bytes; a copy of it lets them go.
            self._result_raw = bytes(self._result_raw)
            self._suggestions_before = _dumps(self._body[1])
        return self._body

    def _fresh(self, target: Target, key: str | None = None) -> list[Any] | None:
        """The target's stamp if its entry still holds (same size and modification time, or
        same content), else None. A target with in-memory content never has one. `key`, when
        the caller has it, is `str(target.path)`."""
        if target.content is not None:
            return None
        if key is None:
            key = str(target.path)
        if key in self._stats:
            st = self._stats[key]
        else:
            try:
                # The link itself, not what it points at: a file swapped for a symbolic link is
                # not a regular file here, so it is read again (and judged by reading.read).
                st = os.lstat(target.path)
            except OSError:
                st = None
            self._stats[key] = st  # taken before the file is read: a later edit is seen next run
        stamp = self._new_stamps.get(key) or self._stamps.get(key)
        if stamp is None or st is None or not self._valid(stamp, st, target):
            return None
        return stamp

    def kept_result(self, targets: Sequence[Target]) -> LintResult | None:
        """The last run's result, when no file changed since (same files, same contents, same
        paths reported); else None."""
        fresh: dict[str, list[Any]] = {}
        for target in targets:
            stamp = self._fresh(target)
            if stamp is None:
                return None
            fresh[str(target.path)] = stamp
        result_key = _result_key(self._fingerprint, targets, fresh)
        if self._result_key != result_key:
            return None
        try:
            raw = _loads(self._result_raw)
            shown = {t.display for t in targets}
            result = replace(_decode_result(raw, self._codes, shown), key=result_key)
        except (KeyError, TypeError, ValueError):  # orjson.JSONDecodeError is a ValueError
            return None
        self._new_stamps.update(fresh)
        self._result = raw
        return result

    def lookup(self, targets: Sequence[Target], findings: bool = True) -> tuple[dict[int, FileOutcome], list[int]]:
        """The outcomes the cache holds for `targets` (by position), and the positions of the
        targets it holds none for (stale, never seen, or an entry not of the expected shape).
        Without `findings`, an outcome holds the file's record only (its violations None, as
        an indexed file's): `findings_of` gives the rest when it is needed."""
        entries = self._entries()
        found: dict[int, FileOutcome] = {}
        missing: list[int] = []
        new_entries = self._new_entries
        for i, target in enumerate(targets):
            key = str(target.path)
            stamp = self._fresh(target, key)
            if stamp is not None:
                try:
                    entry = new_entries.get(key) or entries[key]
                    found[i] = _decode_outcome(entry, stamp[2], target, self._codes, findings)
                except (KeyError, TypeError, ValueError):
                    pass
                else:
                    self._new_stamps[key], self._new_entries[key] = stamp, entry
                    continue
            missing.append(i)
        return found, missing

    def findings_of(self, target: Target, outcome: FileOutcome) -> FileOutcome | None:
        """`outcome`, looked up without its findings, with them: from the same entry, when the
        file is still as it was then; else None."""
        key = str(target.path)
        stamp = self._fresh(target)
        entry = self._new_entries.get(key)
        if stamp is None or entry is None or stamp[2] != outcome.digest:
            return None
        try:
            found = _decode_outcome(entry, stamp[2], target, self._codes)
        except (KeyError, TypeError, ValueError):
            return None
        return replace(outcome, violations=found.violations, suppressions=found.suppressions)

    def store(self, targets: Sequence[Target], outcomes: Sequence[FileOutcome]) -> None:
        """Keep the outcomes just computed for `targets` (not those of in-memory contents)."""
        for target, outcome in zip(targets, outcomes):
            key = str(target.path)
            st = self._stats.get(key)
            if target.content is None and st is not None and outcome.digest is not None:
                self._new_stamps[key], self._new_entries[key] = _encode_entry(outcome, st)
        self._dirty = True

    def store_result(self, targets: Sequence[Target], result: LintResult) -> LintResult:
        """Keep `result` for the next run, when every target's outcome is in the cache; the
        result is returned with its key.

        A run that found every outcome in the cache as it was (nothing read, nothing changed)
        leaves the kept result alone: it is another selection's (most often the whole
        library's, which `check LIBRARY` reuses), and rewriting the cache for it would cost
        more than the one-file run that asked."""
        if not self._dirty and self._result_key is not None:
            return result
        self._result = {}
        self._dirty = True
        if all(str(t.path) in self._new_entries and t.content is None for t in targets):
            result = replace(result, key=_result_key(self._fingerprint, targets, self._new_stamps))
            self._result = _encode_result(result, result.key or "")
        return result

    def _valid(self, stamp: list[Any], st: os.stat_result, target: Target) -> bool:
        try:
            return self._still_valid(stamp, st, target)
        except (KeyError, TypeError, ValueError):
            return False  # a stamp of the wrong shape: not ours, recompute

    def _still_valid(self, stamp: list[Any], st: os.stat_result, target: Target) -> bool:
        mtime, size, content, checked = stamp
        if type(mtime) is not int or type(size) is not int or type(content) is not str or type(checked) is not bool:
            return False
        if not stat.S_ISREG(st.st_mode):
            return False  # now a link, FIFO, device or folder: never read it here (reading.read says why)
        if target.checked and not checked:
            return False  # indexed before, never checked: run its rules now
        if size != st.st_size:
            return False
        if mtime != st.st_mtime_ns:
            try:
                if digest(target.path.read_bytes()) != content:
                    return False
            except OSError:
                return False
            stamp[0] = st.st_mtime_ns
            self._dirty = True
        return True

    def save(self) -> None:
        if self._key is None:
            return
        suggestions_changed = self._body is not None and _dumps(self._body[1]) != self._suggestions_before
        if not self._dirty and not suggestions_changed:
            return
        entries = dict(self._new_entries)
        if len(entries) < len(self._new_stamps):  # the kept result was reused: those are as read
            old = self._entries()
            entries.update((key, old[key]) for key in self._new_stamps if key not in entries and key in old)
        header = {
            "format": FORMAT,
            "fingerprint": self._fingerprint,
            "result_key": self._result.get("key"),
            "stamps": {key: stamp for key, stamp in self._new_stamps.items() if key in entries},
        }
        body = {"files": entries, "suggestions": self.suggestions}
        folder = self._file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _create(folder / "CACHEDIR.TAG", CACHEDIR_TAG.encode())
            _create(folder / ".gitignore", b"# Created by patternlint automatically.\n*\n")
            # Neither JSON writer puts a raw line break inside a document: one per line.
            header_raw, result_raw, body_raw = (_dumps_line(part) for part in (header, self._result, body))
            front = _mac(self._key, self._file.name, header_raw, b"\n", result_raw)
            seal = f"{front.hex()} {_mac(self._key, self._file.name, front, body_raw).hex()}".encode()
            write_file(self._file, b"\n".join((seal, header_raw, result_raw, body_raw)))
        except OSError:
            pass  # a cache that cannot be written only costs speed next time


# (stamps, key of the kept result, the result's JSON, the body's JSON, what seals the body: the
# MAC of the header and result, and the body's own MAC)
Loaded = tuple[dict[str, list[Any]], "str | None", "bytes | memoryview", "bytes | memoryview", tuple[bytes, bytes]]
_EMPTY: Loaded = ({}, None, b"", b"", (b"", b""))


def _load(file: Path, fingerprint: str, key: bytes) -> Loaded:
    data = read_regular(file)
    if data is None:
        return _EMPTY
    try:
        # Views, not copies, of the file's three documents (9 MB for the reference library).
        seal, header_raw, result_raw, body_raw = _lines(data, 4)
        front_hex, body_hex = bytes(seal).split(b" ")
        front, body_seal = bytes.fromhex(front_hex.decode("ascii")), bytes.fromhex(body_hex.decode("ascii"))
    except ValueError:  # a short split, or a seal that is not hex (UnicodeDecodeError is one)
        return _EMPTY
    if not hmac.compare_digest(_mac(key, file.name, header_raw, b"\n", result_raw), front):
        return _EMPTY  # not written by this user on this machine (or by another version)
    try:
        header = _loads(header_raw)
    except ValueError:
        return _EMPTY
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("fingerprint") != fingerprint
        or not isinstance(header.get("stamps"), dict)
    ):
        return _EMPTY
    result_key = header.get("result_key")
    stamps: dict[str, list[Any]] = header["stamps"]
    if not all(type(stamp) is list for stamp in stamps.values()):
        return _EMPTY
    return stamps, result_key if isinstance(result_key, str) else None, result_raw, body_raw, (front, body_seal)


def _lines(data: bytes, count: int) -> list[memoryview]:
    """The first `count - 1` lines of `data` and the rest, as views; ValueError when there are
    fewer lines."""
    view = memoryview(data)
    found, start = [], 0
    for _ in range(count - 1):
        end = data.index(b"\n", start)
        found.append(view[start:end])
        start = end + 1
    return [*found, view[start:]]


def _body(raw: bytes | memoryview) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, list[str]]]]:
    """The body's entries and memo; what does not have exactly the expected shape is dropped
    (the files are then re-checked)."""
    try:
        payload = _loads(raw) if raw else {}
    except ValueError:
        return {}, {}
    if not isinstance(payload, dict):
        return {}, {}
    suggestions = payload.get("suggestions")
    if not (
        isinstance(suggestions, dict)
        and all(
            isinstance(memo, dict)
            and all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v)
                for k, v in memo.items()
            )
            for memo in suggestions.values()
        )
    ):
        suggestions = {}
    files = payload.get("files")
    if not isinstance(files, dict):
        return {}, suggestions
    for entry in files.values():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("r"), list)
            and "v" in entry
            and (entry["v"] is None or isinstance(entry["v"], list))
        ):
            return {}, suggestions
    return files, suggestions


# ---------------------------------------------------------------------------------------------
# Compact encoding: lists, not objects, so the cache loads fast; derived from the record types
# (see records), so a field added to one is stored without a change here.

_NAMES = {"Fix": Fix, "PathPart": PathPart}  # annotations under TYPE_CHECKING in their modules
RECORD = Codec(FileRecord, omit=("path",))  # the path is the run's, as it shows it
VIOLATION = Codec(Violation, names=_NAMES)
SUPPRESSION = Codec(Suppression)
FINDING = Codec(Finding, names=_NAMES)


@lru_cache(maxsize=1)
def shape() -> str:
    """What the encoding looks like, for the fingerprint: a changed record type voids old
    caches by itself."""
    codecs: tuple[Codec[Any], ...] = (RECORD, VIOLATION, SUPPRESSION, FINDING)
    text = "\n".join(c.shape for c in codecs)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _encode_entry(outcome: FileOutcome, st: os.stat_result) -> tuple[list[Any], dict[str, Any]]:
    """The file's stamp (for the header) and its entry (for the body)."""
    stamp = [st.st_mtime_ns, st.st_size, outcome.digest, outcome.violations is not None]
    encode = VIOLATION.encode
    return stamp, {
        "r": RECORD.encode(outcome.record),
        "v": None if outcome.violations is None else [[code, encode(v)] for code, v in outcome.violations],
        "x": [SUPPRESSION.encode(x) for x in outcome.suppressions],
    }


def _code(value: object, codes: frozenset[str]) -> str:
    """A rule code this run knows; anything else means the cache is not ours."""
    if value not in codes:
        raise ValueError("unknown rule code")
    return str(value)


def _decode_outcome(
    entry: dict[str, Any], content: str, target: Target, codes: frozenset[str], findings: bool = True
) -> FileOutcome:
    record = RECORD.decode(entry["r"], target.display)
    raw = entry["v"]
    if target.checked and raw is None:
        raise ValueError("a checked file without its findings")
    # Only the reported files' own findings matter; the others are here for the index.
    wanted = target.checked and findings
    violations = None
    if raw is not None and wanted:
        decode = VIOLATION.decode
        violations = tuple((_code(code, codes), decode(v)) for code, v in raw)
    found = tuple([SUPPRESSION.decode(x) for x in entry.get("x", ())]) if wanted else ()
    return FileOutcome(target.display, record, violations, _str(content), found)


def _dumps(value: object) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # see _dumps_line
        return json.dumps(value, sort_keys=True).encode("ascii")


def _dumps_line(value: object) -> bytes:
    """One JSON document on one line. orjson takes only valid UTF-8; a file name that is not
    (Python keeps its bytes as lone surrogates) goes to the standard library, which writes them
    as `\\udcxx` escapes that read back the same."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _loads(raw: bytes | memoryview) -> Any:
    """What `_dumps_line` wrote (the data is sealed, so only the escapes of lone surrogates, which
    orjson refuses, send it to the standard library)."""
    try:
        return orjson.loads(raw)
    except ValueError:  # orjson.JSONDecodeError is a ValueError
        return json.loads(bytes(raw))


def _utf8(text: str) -> bytes:
    """Text as bytes for a hash: lone surrogates (from file names) kept distinct, never an error."""
    return text.encode("utf-8", "surrogatepass")


def _result_key(fingerprint: str, targets: Sequence[Target], stamps: dict[str, list[Any]]) -> str:
    """Everything a result depends on: the settings (fingerprint), which files are shown how,
    and their contents."""
    h = hashlib.blake2b(fingerprint.encode(), digest_size=16)
    for t in targets:
        h.update(_utf8(f"{t.display}\0{int(t.checked)}\0{stamps[str(t.path)][2]}\n"))
    return h.hexdigest()


def _encode_result(result: LintResult, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "files_checked": result.files_checked,
        "library_files": result.library_files,
        "root": str(result.library_root),
        "findings": [FINDING.encode(f) for f in result.findings],
    }


def _decode_result(raw: dict[str, Any], codes: frozenset[str], shown: set[str]) -> LintResult:
    findings = tuple(FINDING.decode(f) for f in raw["findings"])
    for finding in findings:
        _code(finding.code, codes)
        if finding.path not in shown:  # reports read the files findings name: only this run's
            raise ValueError("a path this run does not show")
    files_checked, library_files = raw["files_checked"], raw["library_files"]
    if type(files_checked) is not int or type(library_files) is not int:
        raise ValueError("bad counts")
    return LintResult(findings, files_checked, library_files, Path(_str(raw["root"])))


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("bad string")
    return value
