#!/usr/bin/python3
"""Reads saved messages with Python's own email package (and icalendar for invites) and prints
what a mail client would show, as JSON: one object per file given.

    read_mail.py FILE...
"""
import base64
import email
import email.policy
import json
import sys

import icalendar


def read(path):
    with open(path, "rb") as file:
        raw = file.read()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    result = {
        "subject": str(message["Subject"]),
        "from_name": message["From"].addresses[0].display_name,
        "from": message["From"].addresses[0].addr_spec,
        "to_name": message["To"].addresses[0].display_name,
        "to": message["To"].addresses[0].addr_spec,
        "reply_to": message["Reply-To"].addresses[0].addr_spec if message["Reply-To"] else None,
        "bcc": str(message["Bcc"]) if message["Bcc"] else None,
        "message_id": message["Message-ID"],
        "date": message["Date"],
        "content_type": message.get_content_type(),
        "longest_line": max(raw.split(b"\r\n"), key=len).decode("ascii", "replace"),
        "bare_line_feeds": raw.replace(b"\r\n", b"").count(b"\n"),
        "parts": [],
        "events": [],
    }
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        entry = {"type": kind, "filename": part.get_filename()}
        if kind.startswith("text/") and kind != "text/calendar":
            entry["text"] = part.get_content().replace("\r\n", "\n")
        elif kind != "text/calendar":
            entry["data"] = base64.b64encode(part.get_payload(decode=True)).decode("ascii")
        result["parts"].append(entry)
        if kind == "text/calendar":
            calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            result["method"] = str(calendar.get("METHOD"))
            for event in calendar.walk("VEVENT"):
                start = event.decoded("DTSTART")
                end = event.decoded("DTEND")
                result["events"].append({
                    "uid": str(event.get("UID")),
                    "sequence": int(event.get("SEQUENCE", 0)),
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "tz": str(start.tzinfo),
                    "summary": str(event.get("SUMMARY")),
                    "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
                })
    return result


print(json.dumps([read(path) for path in sys.argv[1:]], ensure_ascii=False))
