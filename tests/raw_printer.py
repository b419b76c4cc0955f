"""The far end of a network thermal printer's raw port, for the tests: a TCP listener on
127.0.0.1 that keeps every byte it is sent and answers ESC/POS real-time status requests
(``DLE EOT n``) the way a printer in a given state does."""

from __future__ import annotations

import socket
import threading

# Status bytes per state for DLE EOT 1 (printer), 2 (offline cause), 4 (roll paper sensor).
STATES = {
    "ready": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},  # offline, stopped at the paper end, sensor: no paper
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},  # offline, cover open
    "error": {1: 0x1A, 2: 0x52, 4: 0x12},  # offline with an error (a cutter jam)
}


class RawPrinter:
    """``state`` is a key of STATES or "silent" (never answers); ``runs_out_after`` switches
    to "paper_out" once that many status requests were answered."""

    def __init__(self, state: str = "ready", runs_out_after: int | None = None) -> None:
        self.state = state
        self.runs_out_after = runs_out_after
        self.received = bytearray()
        self.answered = 0
        self.connections = 0
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(4)
        self.port = self._server.getsockname()[1]
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, name="raw-printer", daemon=True)
        self._thread.start()

    @property
    def address(self) -> str:
        return f"escpos:tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        seen = 0  # bytes of this connection already scanned for status requests
        start = len(self.received)
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                with self._lock:
                    self.received += chunk
                    data = bytes(self.received[start:])
                while True:
                    i = data.find(b"\x10\x04", seen)
                    if i < 0:
                        seen = max(seen, len(data) - 1)  # a DLE at the very end may begin a request
                        break
                    if i + 2 >= len(data):
                        seen = i  # the n of this request is still on its way
                        break
                    seen = i + 3
                    self._answer(conn, data[i + 2])

    def _answer(self, conn: socket.socket, n: int) -> None:
        if self.runs_out_after is not None and self.answered >= self.runs_out_after:
            self.state = "paper_out"
        if self.state == "silent" or n not in STATES["ready"]:
            return
        self.answered += 1
        conn.sendall(bytes([STATES[self.state][n]]))

    def close(self) -> None:
        """Stop listening: a connection attempt is refused from now on, as by a printer that is off."""
        try:
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the serving thread
        except OSError:
            pass
        self._server.close()
        self._thread.join(timeout=5)
