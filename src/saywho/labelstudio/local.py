"""A throwaway Label Studio server on 127.0.0.1 with SQLite and a preset user and token, for tests and demos.

Facts this relies on (label-studio 1.23.2): a preset LABEL_STUDIO_USER_TOKEN is accepted only if
LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN=true when the server first starts; the first start migrates the database
(about a minute); with no internet, the version check, analytics and Sentry must be off.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LocalServer:
    """A running server: stop it with stop(), which signals its process group by PID."""

    pid: int
    url: str
    token: str
    log: Path

    def stop(self, timeout: float = 30) -> None:
        try:
            os.killpg(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                os.killpg(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        os.killpg(self.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(executable: Path, data_dir: Path, *, port: int | None = None, timeout: float = 420) -> LocalServer:
    """Start `label-studio` and wait until its API answers; raises RuntimeError with the log's tail otherwise."""
    port = port or free_port()
    token = secrets.token_hex(20)
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "label-studio.log"
    env = {
        **os.environ,
        "LABEL_STUDIO_USERNAME": "annotator@saywho.local",
        "LABEL_STUDIO_PASSWORD": secrets.token_hex(12),
        "LABEL_STUDIO_USER_TOKEN": token,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LATEST_VERSION_CHECK": "false",
        "COLLECT_ANALYTICS": "false",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
    }
    command = [str(executable), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
               "--data-dir", str(data_dir)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    server = LocalServer(process.pid, f"http://127.0.0.1:{port}", token, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/api/version", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(2)
    server.stop()
    tail = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"Label Studio did not answer on {server.url} within {timeout:.0f}s; log tail:\n{tail}")
