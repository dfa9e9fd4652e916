"""Cache files that only this machine's ccos can have written.

The caches (record_cache.py, answer_cache.py) are decoded with `marshal`, which is not safe
against malicious data: a declared length of a billion makes it allocate and spin for
minutes. A pushed commit can put any file under `.ccos/cache/` (git checks out what a commit
adds there, `.gitignore` or not). So every cache file starts with the inode it was created
with: ccos creates the file (`O_EXCL | O_NOFOLLOW`), reads its own inode, writes it first,
then renames the file into place (a rename keeps the inode). A file that git (or anyone
else) put there has an inode nobody could know in advance, so it never matches and is
never decoded: it is "no cache". Copying a workspace changes inodes too; its caches are
simply rebuilt.

Only `os` and `struct`: the answer cache reads through this before anything heavy loads.
"""

from __future__ import annotations

import os
import stat
import struct

MAGIC = b"ccos-cache\x00\x01"
HEADER = struct.Struct(f"<{len(MAGIC)}sQ")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def write_new(path: str, data: bytes) -> None:
    """Create `path` (never an existing file, never through a link) holding its inode, then `data`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        view = memoryview(HEADER.pack(MAGIC, os.fstat(fd).st_ino) + data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def read_own(path: str, limit: int) -> bytes | None:
    """What `write_new` stored at `path` (now renamed there), or None for any other file."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit or info.st_size < HEADER.size:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= info.st_size:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) < HEADER.size:
        return None
    magic, inode = HEADER.unpack_from(raw)
    if magic != MAGIC or inode != info.st_ino or len(raw) > limit:
        return None
    return raw[HEADER.size :]
