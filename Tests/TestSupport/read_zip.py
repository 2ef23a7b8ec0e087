"""Opens a ZIP as an auditor's software would (Python's zipfile), and prints it as JSON.

read_zip.py FILE -> {"ok": testzip() found no bad entry, "entries": [{"name", "size",
                     "sha256", "base64"}, ...]} in the archive's order
"""
import base64
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as archive:
    entries = []
    for info in archive.infolist():
        data = archive.read(info)
        entries.append({
            "name": info.filename, "size": info.file_size, "sha256": hashlib.sha256(data).hexdigest(),
            "base64": base64.b64encode(data).decode("ascii"),
        })
    print(json.dumps({"ok": archive.testzip() is None, "entries": entries}))
