"""Servers the fault tests own, so that they may stop, restart or kill them without touching the
PostgreSQL and Redis every other test uses: an SMTP server that can hold a message half-way, a
PostgreSQL cluster in a temporary directory, and the app's processes (gunicorn, Celery worker and
beat) started with `tests.faults.settings`."""

import os
import re
import shutil
import signal
import socketserver
import subprocess
import tempfile
import threading
from pathlib import Path

from tests.support import processes

KEY_HEADER = re.compile(rb"^X-Procon-Digital-Key: (.+?)\r?$", re.MULTILINE)


class SmtpSink:
    """A minimal SMTP server on loopback that records every message it accepts (a message counts
    only once the client sent it whole and got "250"). With `hold_next_message()`, the next
    session stops at its DATA command until `release()`: a client killed meanwhile never
    delivers."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.lock = threading.Lock()
        self.hold = False
        self.holding = threading.Event()
        self.released = threading.Event()
        sink = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                sink._session(self.rfile, self.wfile)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def hold_next_message(self) -> None:
        self.holding.clear()
        self.released.clear()
        self.hold = True

    def release(self) -> None:
        self.hold = False
        self.released.set()

    def delivered_keys(self) -> list[str]:
        """The X-Procon-Digital-Key of every accepted message (the outbox row's key)."""
        with self.lock:
            found = [KEY_HEADER.search(message) for message in self.messages]
        return [match.group(1).decode() for match in found if match]

    def close(self) -> None:
        self.release()
        self.server.shutdown()
        self.server.server_close()

    def _session(self, rfile, wfile) -> None:  # type: ignore[no-untyped-def]
        def reply(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        try:
            reply("220 faults-sink ESMTP")
            while True:
                line = rfile.readline()
                if not line:
                    return
                verb = line.strip().split(b" ", 1)[0].upper()
                if verb == b"EHLO":
                    reply("250-faults-sink")
                    reply("250 8BITMIME")
                elif verb == b"DATA":
                    if self.hold:
                        self.holding.set()
                        self.released.wait()
                    reply("354 end with <CRLF>.<CRLF>")
                    data = []
                    while (chunk := rfile.readline()) not in (b".\r\n", b".\n", b""):
                        data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                    if not chunk:
                        return
                    with self.lock:
                        self.messages.append(b"".join(data))
                    reply("250 accepted")
                elif verb == b"QUIT":
                    reply("221 bye")
                    return
                else:
                    reply("250 ok")
        except OSError:
            return


class PostgresCluster:
    """A PostgreSQL server of its own in a temporary directory, on a free port. As root, its
    commands run as the `postgres` user (PostgreSQL refuses root), from a directory that user can
    enter."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.port = processes.free_port()
        self.bin = self._bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="procon-faults-pg-", dir="/var/tmp"))
        self.data = self.root / "data"
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", user, "--auth=trust", "--no-locale",
                  "--encoding=UTF8")  # fmt: skip

    @staticmethod
    def _bin_dir() -> Path:
        pg_ctl = shutil.which("pg_ctl")
        if pg_ctl:
            return Path(pg_ctl).resolve().parent
        candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not candidates:
            raise RuntimeError("PostgreSQL's server binaries (pg_ctl, initdb) are not installed")
        return candidates[-1].parent

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd=self.root, check=True, capture_output=True, timeout=120)

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                  "-t", "60", action, *extra)  # fmt: skip

    def start(self) -> None:
        self._pg_ctl(
            "start",
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c synchronous_commit=off -c fsync=off",
        )

    def restart(self) -> None:
        """A fast restart: every session is ended, then the server comes back."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        try:
            self._pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def copy_database(self, source_url: str, database: str) -> None:
        """The source database (schemas, rows) copied into a new database of this cluster."""
        subprocess.run(
            ["psql", self.url("postgres"), "-qc", f'CREATE DATABASE "{database}"'],
            check=True, capture_output=True,
        )  # fmt: skip
        dump = subprocess.Popen(
            ["pg_dump", "--no-owner", "-Fc", source_url], stdout=subprocess.PIPE
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", self.url(database)],
            stdin=dump.stdout, check=True, capture_output=True,
        )  # fmt: skip
        if dump.wait() != 0:
            raise RuntimeError("pg_dump failed")


def fault_env(*, redis_url: str, smtp_port: int, **extra: str) -> dict[str, str]:
    return processes.child_env(
        DJANGO_SETTINGS_MODULE="tests.faults.settings",
        FAULTS_REDIS_URL=redis_url,
        FAULTS_SMTP_PORT=str(smtp_port),
        **extra,
    )


def start_worker(env: dict[str, str], log_path: Path, name: str) -> subprocess.Popen:
    """One thread, so that a message handed back by the broker never runs beside its first
    delivery (threads pool: SIGKILL takes the whole worker down at once)."""
    return subprocess.Popen(
        [str(processes.BIN / "celery"), "-A", "config", "worker", "--pool=threads",
         "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle",
         "--without-heartbeat", f"--hostname={name}-{os.getpid()}@%h"],
        cwd=processes.ROOT, env=env, stdout=log_path.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def start_beat(env: dict[str, str], log_path: Path, workdir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(processes.BIN / "celery"), "-A", "config", "beat", "--loglevel=INFO",
         f"--schedule={workdir / 'beat-schedule'}", f"--pidfile={workdir / 'beat.pid'}"],
        cwd=processes.ROOT, env=env, stdout=log_path.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def start_gunicorn(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(processes.BIN / "gunicorn"), "config.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--access-logfile", "-"],
        cwd=processes.ROOT, env={**env, "PLATFORM_PORT": str(port)},
        stdout=log_path.open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no shutdown, no acknowledgement, nothing handed back to the broker."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
