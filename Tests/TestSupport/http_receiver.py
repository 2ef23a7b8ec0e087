#!/usr/bin/python3
"""A real HTTP(S) receiver on loopback: checks each webhook POST's Atelier-Signature with the
shared secret, keeps each PUT's file, and answers the statuses it is told, in order.

    http_receiver.py FOLDER [--tls CERT KEY]

FOLDER/secret holds the shared secret (read at each request); FOLDER/port gets the port;
FOLDER/padding, if any, the number of spaces added to each answer; FOLDER/statuses, read at each request, holds the statuses to answer one a line, consumed in order
(200 once they are used up). Each request is saved as FOLDER/<n>.json: {"method", "path",
"status", "event_id", "signature_valid", "age_seconds", "body"} for a POST, {"method", "path",
"status", "content_type", "length", "sha256"} for a PUT, whose bytes go to FOLDER/<n>.bin.
With --tls, it speaks HTTPS with that certificate.
"""
import hashlib
import ssl
import hmac
import http.server
import json
import os
import signal
import sys
import threading
import time

folder = sys.argv[1]
lock = threading.Lock()
state = {"answered": 0, "received": 0}


def next_status():
    try:
        with open(os.path.join(folder, "statuses"), encoding="utf-8") as file:
            statuses = [int(line) for line in file.read().split()]
    except FileNotFoundError:
        statuses = []
    index = state["answered"]
    state["answered"] += 1
    return statuses[index] if index < len(statuses) else 200


def answer_padding():
    """How many spaces to add to each answer (FOLDER/padding): a receiver that answers too much."""
    try:
        with open(os.path.join(folder, "padding"), encoding="utf-8") as file:
            return int(file.read())
    except FileNotFoundError:
        return 0


def save(record, payload=None):
    """Saves a request as the next numbered file; returns the status to answer."""
    with lock:
        status = next_status()
        state["received"] += 1
        number = state["received"]
        record["status"] = status
        path = os.path.join(folder, f"{number}.json")
        if payload is not None:
            with open(os.path.join(folder, f"{number}.bin"), "wb") as file:
                file.write(payload)
        with open(path + ".part", "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(path + ".part", path)
    return status


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status):
        answer = json.dumps({"status": status}).encode()
        padding = answer_padding()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer) + padding))
        self.end_headers()
        self.wfile.write(answer)
        chunk = b" " * (1 << 20)
        while padding > 0:
            self.wfile.write(chunk[:padding])
            padding -= len(chunk)

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.answer(save({"method": "PUT", "path": self.path, "content_type": self.headers.get("Content-Type"),
                          "length": len(body), "sha256": hashlib.sha256(body).hexdigest()}, body))

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        fields = dict(part.split("=", 1) for part in self.headers.get("Atelier-Signature", "").split(",") if "=" in part)
        timestamp = fields.get("t", "0")
        with open(os.path.join(folder, "secret"), "rb") as file:
            secret = file.read().strip()
        expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, fields.get("v1", ""))
        self.answer(save({"method": "POST", "path": self.path, "event_id": self.headers.get("Atelier-Event-Id"),
                          "signature_valid": valid, "age_seconds": time.time() - int(timestamp), "body": json.loads(body)}))

    def log_message(self, *arguments):
        pass


signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if "--tls" in sys.argv:
    index = sys.argv.index("--tls")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[index + 1], sys.argv[index + 2])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(os.path.join(folder, "port.part"), "w", encoding="utf-8") as file:
    file.write(f"{server.server_address[1]}\n")
os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
server.serve_forever()
