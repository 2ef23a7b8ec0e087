"""`make demo`'s half-day signed from phones: each participant whose convocation is among the
MAIL files signs the half-day open now from the personal link in it
(the first with a drawn signature, the next with the name typed), then the trainer closes it from
the trainer link in their message, marking the second late. Each step is an HTTP request to the
running page server, as a phone's browser would make it.

    demo-signing.py MAIL...
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

paths = sys.argv[1:]


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
    if message["Message-ID"].startswith("<convocation.") and signing:
        participants.append((message["To"].addresses[0].display_name, signing.group(0)))
    if message["Message-ID"].startswith("<trainer-link.") and certifying:
        trainer = (message["To"].addresses[0].display_name, certifying.group(0))

if len(participants) < 2 or trainer is None:
    sys.exit("The mail catcher holds no two convocations and no trainer link for the session.")

for index, (name, link) in enumerate(participants[:2]):
    status, page = fetch(link)
    fields = {"csrf": field(page, "csrf"), "slot": field(page, "slot")}
    fields.update({"drawing": drawing()} if index == 0 else {"name": name, "certify": "oui"})
    status, answer = fetch(link, fields)
    heading = re.search(r"<h1>(.*?)</h1>", answer).group(1)
    print(f"{name} signs from {link} ({'drawn' if index == 0 else 'name typed'}): {status}, « {heading} »")

name, link = trainer
status, page = fetch(link)
late = re.findall(r'name="status-(\d+)"', page)[1]
fields = {"csrf": field(page, "csrf"), "slot": field(page, "slot"), "name": "Camille Roux", "certify": "oui",
          f"status-{late}": "late", f"reason-{late}": "bus en retard"}
status, answer = fetch(link, fields)
print(f"{name} closes the half-day from {link}: {status} (then the page again, read-only)")
if status != 303:
    sys.exit(answer)
