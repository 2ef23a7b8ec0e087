"""`make demo`'s half-day signed from phones: of the participants whose convocations are among
the MAIL files, the first signs the half-day open now from the personal link in it, drawing; the
next in the room, typing at ROOM (the room page's address) the personal code of the convocation,
then their name. The trainer closes the half-day from the trainer link in their message, marking
the second late. Each step is an HTTP request to the running page server, as a phone's browser
would make it.

    demo-signing.py ROOM MAIL...
"""

import base64
import email
import email.policy
import math
import re
import struct
import sys
import urllib.parse
import urllib.request
import zlib

room, paths = sys.argv[1], sys.argv[2:]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


opener = urllib.request.build_opener(NoRedirect)


def fetch(url, fields=None):
    """The page at `url`, or what posting `fields` to it answers: (status, text)."""
    data = urllib.parse.urlencode(fields).encode() if fields is not None else None
    try:
        with opener.open(urllib.request.Request(url, data=data, headers={"User-Agent": "make demo"})) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode()


def field(page, name):
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def drawing():
    """A signature as the pad sends one: a PNG of a pen stroke, as a data: URL."""
    width, height = 240, 60
    rows = []
    for y in range(height):
        row = bytearray(b"\0")
        for x in range(width):
            curve = height / 2 + 18 * math.sin(x / 14) * math.cos(x / 41)
            row += b"\x20" if abs(y - curve) < 2 else b"\xff"
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


participants, trainer = [], None
for path in paths:
    message = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    text = message.get_body(("plain",)).get_content()
    signing = re.search(r"http://\S+/s/[0-9a-f]{32}", text)
    certifying = re.search(r"http://\S+/t/[0-9a-f]{32}", text)
    code = re.search(r"code personnel\s:\s([A-Z2-9]{4} [A-Z2-9]{4})", text)
    if message["Message-ID"].startswith("<convocation.") and signing and code:
        participants.append((message["To"].addresses[0].display_name, signing.group(0), code.group(1)))
    if message["Message-ID"].startswith("<trainer-link.") and certifying:
        trainer = (message["To"].addresses[0].display_name, certifying.group(0))

if len(participants) < 2 or trainer is None:
    sys.exit("The mail catcher holds no two convocations and no trainer link for the session.")

def heading(page):
    return re.search(r"<h1>(.*?)</h1>", page).group(1)


name, link, _ = participants[0]
status, page = fetch(link)
status, answer = fetch(link, {"csrf": field(page, "csrf"), "slot": field(page, "slot"), "drawing": drawing()})
print(f"{name} signs from {link} (drawn): {status}, « {heading(answer)} »")

name, _, code = participants[1]
status, page = fetch(room)
status, page = fetch(room, {"csrf": field(page, "csrf"), "code": code})
fields = {"csrf": field(page, "csrf"), "code": field(page, "code"), "slot": field(page, "slot"), "name": name,
          "certify": "oui"}
status, answer = fetch(room, fields)
print(f"{name} signs at {room} with the personal code {code} (name typed): {status}, « {heading(answer)} »")

name, link = trainer
status, page = fetch(link)
late = re.findall(r'name="status-(\d+)"', page)[1]
fields = {"csrf": field(page, "csrf"), "slot": field(page, "slot"), "name": "Camille Roux", "certify": "oui",
          f"status-{late}": "late", f"reason-{late}": "bus en retard"}
status, answer = fetch(link, fields)
print(f"{name} closes the half-day from {link}: {status} (then the page again, read-only)")
if status != 303:
    sys.exit(answer)
