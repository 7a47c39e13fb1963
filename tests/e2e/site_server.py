"""The static server the e2e tests load the app from: a copy of the built app
(so a test may change a file, as a new deployment would), on a fixed loopback
port that can be stopped and started again (to cut the network)."""

import functools
import json
import http.server
import os
import shutil
import socket
import tempfile
import threading


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with index.html for client-side routes (like `trunk serve`).
    `policies` maps a path to the Content-Security-Policy it is served with
    (`/index.html` covers every client-side route). Browsers POST what a policy
    blocked to `/csp-report` (the policy's `report-uri`); `reports` keeps them."""

    policies = {}
    reports = []

    def do_POST(self):
        if self.path.split("?")[0] != "/csp-report":
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        try:
            self.reports.append(json.loads(body))
        except ValueError:
            self.reports.append(body)
        self.send_response(204)
        self.end_headers()

    def end_headers(self):
        path = self.path.split("?")[0]
        policy = self.policies.get("/index.html" if path == "/" else path)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.exists(path) or os.path.isdir(path) and not self.path.endswith("/"):
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, *args):
        pass


class Site:
    def __init__(self, dist):
        self.root = tempfile.mkdtemp(prefix="waypoint-site-")
        shutil.copytree(dist, self.root, dirs_exist_ok=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None
        self.start()

    def start(self):
        handler = functools.partial(SpaHandler, directory=self.root)
        http.server.ThreadingHTTPServer.allow_reuse_address = True
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        """Cuts the network for the app: nothing answers on its address."""
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def path(self, rel):
        return os.path.join(self.root, rel)

    def close(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
