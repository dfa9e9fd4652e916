"""Private text at rest: age encryption (through pyrage) of notes kept in the workspace.

The small API other capabilities use: `seal(text, recipients)` gives an ASCII-armored age
block; `reveal(body, identity)` gives the clear text of a body holding such blocks (or says
why it cannot). The identity (secret key) lives outside the workspace
(`$XDG_CONFIG_HOME/ccos/identity`, else `~/.config/ccos/identity`, mode 600) and is never
synced; the recipients (public keys) are listed in ccos.toml. pyrage is imported only in the
functions that encrypt or decrypt (start-up is a feature).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ccos.errors import EnvironmentFailure, InvalidInput
from ccos.i18n import tr

BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
END = "-----END AGE ENCRYPTED FILE-----"
_BLOCK = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.DOTALL)
_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")

State = Literal["clear", "opened", "unreadable", "corrupt"]


@dataclass(frozen=True)
class Revealed:
    """A body as this machine can show it: `text` is the clear text when `state` is clear or
    opened; otherwise the clear parts only (a private part is left out)."""

    text: str
    state: State


def identity_path(environ: Mapping[str, str], home: Path) -> Path:
    """Where this machine's identity is: $XDG_CONFIG_HOME/ccos/identity, else ~/.config/ccos/identity."""
    config = environ.get("XDG_CONFIG_HOME")
    base = Path(config) if config and Path(config).is_absolute() else home / ".config"
    return base / "ccos" / "identity"


def is_sealed(body: str) -> bool:
    return BEGIN in body


def check_recipient(text: str) -> str:
    """An age recipient (`age1...`), stripped; InvalidInput otherwise."""
    value = text.strip()
    if _RECIPIENT.match(value):
        from pyrage import x25519

        try:
            x25519.Recipient.from_str(value)
        except Exception:
            pass
        else:
            return value
    raise InvalidInput(
        tr("not an age recipient: {value}").format(value=repr(text)[:80]),
        tr("give the line `ccos privacy init` printed, starting with age1"),
    )


def new_identity() -> tuple[str, str]:
    """A fresh identity: (secret key, its recipient)."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(secret: str) -> str:
    from pyrage import x25519

    return str(x25519.Identity.from_str(secret).to_public())


def read_identity(path: Path) -> str | None:
    """The secret key kept at `path`; None when there is none. A file that is not an age
    identity stops the command, named (exit 2)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise EnvironmentFailure(
            tr("{path}: cannot read the identity: {problem}").format(path=path, problem=exc),
            tr("check the file's permissions, or restore it from your backup"),
        ) from None
    keys = [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]
    if len(keys) == 1:
        try:
            recipient_of(keys[0])
        except Exception:
            pass
        else:
            return keys[0]
    raise InvalidInput(
        tr("{path} is not an age identity").format(path=path),
        tr("restore it with the file `ccos privacy backup-identity` wrote"),
    )


def write_identity(path: Path, secret: str) -> None:
    """Write the identity with mode 600 (created exclusively, never through a symlink)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise InvalidInput(
            tr("{path} exists already").format(path=path), tr("remove it first or choose another file")
        ) from None
    except OSError as exc:
        raise EnvironmentFailure(tr("cannot write {path}: {problem}").format(path=path, problem=exc)) from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"# ccos identity (age); keep it secret, keep a backup\n# recipient: {recipient_of(secret)}\n")
        out.write(secret + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, 0o600)


def seal(text: str, recipients: Sequence[str]) -> str:
    """`text` encrypted to every recipient, as one armored block ending in a newline."""
    import pyrage
    from pyrage import x25519

    keys = [x25519.Recipient.from_str(r) for r in recipients]
    armored: bytes = pyrage.encrypt(text.encode("utf-8"), keys, armored=True)
    return armored.decode("ascii").strip("\n") + "\n"


class Unopened(Exception):
    """A block that cannot be opened: `corrupt` (damaged) or not (written for other keys)."""

    def __init__(self, corrupt: bool) -> None:
        super().__init__("corrupt" if corrupt else "foreign")
        self.corrupt = corrupt


def open_block(ciphertext: str, identity: str) -> str:
    """The clear text of one armored block; Unopened when it cannot be."""
    import pyrage
    from pyrage import x25519

    try:
        data: bytes = pyrage.decrypt(ciphertext.encode("ascii", "replace"), [x25519.Identity.from_str(identity)])
        return data.decode("utf-8")
    except pyrage.DecryptError as exc:
        raise Unopened(corrupt="no matching keys" not in str(exc).lower()) from None
    except (UnicodeDecodeError, ValueError):
        raise Unopened(corrupt=True) from None


def reveal(body: str, identity: str | None) -> Revealed:
    """A body with its private blocks opened when `identity` can."""
    if not is_sealed(body):
        return Revealed(body, "clear")
    state: State = "opened"
    parts: list[str] = []
    position = 0
    for match in _BLOCK.finditer(body):
        parts.append(body[position : match.start()])
        position = match.end()
        if identity is None:
            state = "unreadable"
            continue
        try:
            parts.append(open_block(match.group(0), identity).rstrip("\n") + "\n")
        except Unopened as exc:
            state = "corrupt" if exc.corrupt else ("unreadable" if state != "corrupt" else state)
    rest = body[position:]
    if BEGIN in rest:  # a block with no end: damaged
        state = "corrupt"
        rest = rest[: rest.index(BEGIN)]
    parts.append(rest)
    return Revealed("".join(parts), state)


def clear_parts(body: str) -> str:
    """What of a body is not sealed yet (for `encrypt-existing`)."""
    return _BLOCK.sub("", body)


def seal_body(body: str, recipients: Sequence[str]) -> str:
    """A body whose clear text is sealed too: its blocks kept as they are, the clear text around
    them sealed as one more block. An empty body stays empty."""
    blocks = "".join(match.group(0).rstrip("\n") + "\n" for match in _BLOCK.finditer(body))
    clear = clear_parts(body).strip("\n")
    if not clear.strip():
        return blocks
    return blocks + seal(clear + "\n", recipients)


def machine_identity(environ: Mapping[str, str], home: Path) -> str | None:
    """This machine's identity, or None when it has none."""
    return read_identity(identity_path(environ, home))


def damaged_note(file: str) -> str:
    """The stderr line naming a session file whose private note cannot be decoded."""
    return tr("warning: {file}: the private note is damaged and cannot be read; the rest is shown").format(file=file)
