"""Which instance of the bot this process is, for the claims several instances on one database take."""

from __future__ import annotations

import os
import secrets
import socket
from functools import cache


@cache
def instance_id() -> str:
    """This process's name among the instances: host, pid and a random part (a restarted pid is a new instance)."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
