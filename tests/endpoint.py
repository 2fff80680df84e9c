"""A real HTTP endpoint on 127.0.0.1 for Apprise's json:// notifications, run in a thread."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Endpoint:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.received: list[dict[str, Any]] = []
        self.down = False  # answer 503, as a notifier under maintenance would
        self.on_receive: Callable[[dict[str, Any]], None] | None = None
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_port}/hook"

    def titles(self) -> Counter[str]:
        with self.lock:
            return Counter(m["title"] for m in self.received)


@contextmanager
def endpoint() -> Iterator[Endpoint]:
    holder: dict[str, Endpoint] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            ep = holder["ep"]
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if ep.down:
                self.send_response(503)
                self.end_headers()
                return
            message = json.loads(body)
            with ep.lock:
                ep.received.append(message)
            if ep.on_receive:
                ep.on_receive(message)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["ep"] = Endpoint(server)
    # A short poll: shutdown() waits for it, and every test with an endpoint ends with one.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield holder["ep"]
    finally:
        server.shutdown()
        server.server_close()
