"""A loopback HTTP proxy that misbehaves on purpose, for sync fault-injection tests.

Forwards to UPSTREAM; with a seeded RNG it delays requests, drops connections
without an answer, answers 500 without forwarding, or forwards and then cuts the
reply body short. CORS preflights are forwarded untouched so browsers can use it.
Usage: python3 tests/faulty_proxy.py PORT UPSTREAM [SEED]"""

import http.client
import http.server
import random
import sys
import threading
import time
import urllib.parse

PORT, UPSTREAM = int(sys.argv[1]), sys.argv[2]
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 7
up = urllib.parse.urlsplit(UPSTREAM)
rng = random.Random(SEED)
lock = threading.Lock()
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


def roll():
    with lock:
        return rng.random(), rng.random()


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=60)
        # Ask for an uncompressed reply, so that cutting it short cuts JSON text.
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP | {"host", "accept-encoding"}}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp.reason, [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP], data

    def handle_any(self):
        fault, amount = roll()
        if self.command == "OPTIONS":
            fault = 1.0  # never break preflights: the browser would hide the real fault
        if fault < 0.08:
            time.sleep(0.05 + amount * 0.25)  # slow, but otherwise fine
        elif fault < 0.16:
            self.close_connection = True  # drop: no answer at all
            self.connection.shutdown(2)
            return
        elif fault < 0.24:
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin", "*"))
            self.send_header("Access-Control-Allow-Credentials", "true")
            payload = b'{"error":"injected","reason":"faulty proxy"}'
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        status, reason, headers, data = self.forward()
        if 0.24 <= fault < 0.32 and len(data) > 2:
            data = data[: int(len(data) * amount * 0.9)]  # the server did the work; the reply is cut
        self.send_response(status, reason)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = handle_any


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Proxy).serve_forever()
