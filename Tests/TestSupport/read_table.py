"""Reads a table file as an accountant's software would, and prints it as JSON.

read_table.py csv FILE   -> {"bom": bool, "crlf": count of CRLF, "rows": [[text, ...], ...]}
                            (Python's csv module, ';' separator, the BOM handled by utf-8-sig)
read_table.py xlsx FILE  -> {"sheets": [...], "rows": [[{"value", "type", "format"}, ...]],
                            "cached": [[value, ...]], "widths": {"A": w}, "frozen": "A2"}
                            (openpyxl: formulas as written, then the values cached with them)
"""
import csv
import datetime
import json
import sys


def cell_json(cell):
    value = cell.value
    if isinstance(value, datetime.datetime):
        value = value.date().isoformat()
    return {"value": value, "type": type(cell.value).__name__, "format": cell.number_format, "bold": bool(cell.font.b)}


def read_csv(path):
    raw = open(path, "rb").read()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    return {"bom": raw.startswith(b"\xef\xbb\xbf"), "crlf": raw.count(b"\r\n"), "rows": rows}


def read_xlsx(path):
    import openpyxl
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    cached = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    return {
        "sheets": book.sheetnames,
        "rows": [[cell_json(cell) for cell in row] for row in sheet.iter_rows()],
        "cached": [[cell.value if not isinstance(cell.value, datetime.datetime) else cell.value.date().isoformat()
                    for cell in row] for row in cached.iter_rows()],
        "widths": {key: dimension.width for key, dimension in sheet.column_dimensions.items()},
        "frozen": sheet.freeze_panes,
    }


kind, path = sys.argv[1], sys.argv[2]
print(json.dumps(read_csv(path) if kind == "csv" else read_xlsx(path), ensure_ascii=False))
