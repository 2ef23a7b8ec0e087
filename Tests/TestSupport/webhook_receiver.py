#!/usr/bin/python3
"""A real HTTP receiver on loopback for webhook tests: checks each POST's Atelier-Signature with
the shared secret and answers the statuses it is told, in order.

    webhook_receiver.py FOLDER

FOLDER/secret holds the shared secret (read at each request); FOLDER/port gets the port; FOLDER/statuses, read at each request, holds the statuses to answer
one a line, consumed in order (200 once they are used up). Each request is saved as
FOLDER/<n>.json: {"path", "event_id", "signature_valid", "age_seconds", "status", "body"}.
"""
import hashlib
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


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        fields = dict(part.split("=", 1) for part in self.headers.get("Atelier-Signature", "").split(",") if "=" in part)
        timestamp = fields.get("t", "0")
        with open(os.path.join(folder, "secret"), "rb") as file:
            secret = file.read().strip()
        expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        valid = hmac.compare_digest(expected, fields.get("v1", ""))
        with lock:
            status = next_status()
            state["received"] += 1
            number = state["received"]
            record = {"path": self.path, "event_id": self.headers.get("Atelier-Event-Id"), "signature_valid": valid,
                      "age_seconds": time.time() - int(timestamp), "status": status, "body": json.loads(body)}
            path = os.path.join(folder, f"{number}.json")
            with open(path + ".part", "w", encoding="utf-8") as file:
                json.dump(record, file, ensure_ascii=False)
            os.rename(path + ".part", path)
        answer = json.dumps({"status": status}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *arguments):
        pass


signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(os.path.join(folder, "port.part"), "w", encoding="utf-8") as file:
    file.write(f"{server.server_address[1]}\n")
os.rename(os.path.join(folder, "port.part"), os.path.join(folder, "port"))
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
server.serve_forever()
