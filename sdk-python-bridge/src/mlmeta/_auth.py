"""Where the bearer token comes from, and the gateway's identity headers.

A token is looked up in this order: the ``token`` argument, the ``MLMETA_TOKEN`` environment
variable, then the token file: ``MLMETA_TOKEN_FILE`` if set, else ``~/.config/mlmeta/token`` (the
file ``mlmeta login`` writes). A token file is read again whenever it changes, so Kubernetes'
projected service-account tokens keep working after rotation.
"""

import os
import threading
from collections.abc import Mapping, Sequence
from typing import Optional

__all__ = [
    "TOKEN_ENV",
    "TOKEN_FILE_ENV",
    "DEFAULT_GATEWAY_HEADERS",
    "TokenFile",
    "default_token_file",
    "check_token",
    "gateway_headers",
]

TOKEN_ENV = "MLMETA_TOKEN"
"""Environment variable holding a bearer token; it wins over the token file."""

TOKEN_FILE_ENV = "MLMETA_TOKEN_FILE"
"""Environment variable naming the token file instead of ``~/.config/mlmeta/token``."""

DEFAULT_GATEWAY_HEADERS = ("kubeflow-userid", "kubeflow-groups")
"""The headers Kubeflow's gateway names the user and the groups in."""


def default_token_file(environ: Optional[Mapping[str, str]] = None) -> str:
    """``MLMETA_TOKEN_FILE`` if set, else ``~/.config/mlmeta/token``."""
    env = os.environ if environ is None else environ
    configured = (env.get(TOKEN_FILE_ENV) or "").strip()
    if configured:
        return configured
    return os.path.join(os.path.expanduser("~"), ".config", "mlmeta", "token")


def check_token(token: str) -> str:
    """The token without surrounding whitespace; raises ``ValueError`` if it cannot be a header."""
    value = token.strip()
    if not value:
        raise ValueError("the token is empty")
    for position, char in enumerate(value):
        if char <= " " or ord(char) >= 0x7F:
            raise ValueError(
                "the token holds a space, a control or a non-ASCII character at position "
                f"{position}"
            )
    return value


class TokenFile:
    """A file holding a bearer token, read again whenever its modification time changes.

    While the file is missing, unreadable or blank (a rotation in progress) the last token read is
    kept; the server judges it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._read_at: Optional[int] = None
        self._token: Optional[str] = None

    def current(self) -> Optional[str]:
        """The file's token, or ``None`` if it never held one."""
        with self._lock:
            try:
                modified = os.stat(self.path).st_mtime_ns
                if modified != self._read_at:
                    with open(self.path, encoding="utf-8") as handle:
                        text = handle.read().strip()
                    if text:
                        self._token = check_token(text)
                        self._read_at = modified
            except (OSError, ValueError):
                pass
            return self._token


def gateway_headers(
    user: str,
    groups: Sequence[str] = (),
    names: Sequence[str] = DEFAULT_GATEWAY_HEADERS,
) -> dict[str, str]:
    """The headers naming ``user`` and ``groups`` the way a gateway does.

    The server believes them only from its trusted proxy addresses and refuses them from anywhere
    else. The groups header is left out when there are no groups.
    """
    if isinstance(groups, str):
        raise ValueError("'gateway_groups' must be a list of group names, not a string")
    if len(names) != 2:
        raise ValueError("'gateway_headers' must be (user header, groups header)")
    name = (user or "").strip()
    if not name:
        raise ValueError("the gateway user is blank")
    cleaned = []
    for group in groups:
        if not group.strip() or "," in group:
            raise ValueError(f"a gateway group is blank or holds a comma: {group!r}")
        cleaned.append(group.strip())
    headers = {names[0]: name}
    if cleaned:
        headers[names[1]] = ",".join(cleaned)
    return headers
