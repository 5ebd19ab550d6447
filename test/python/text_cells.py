"""Finds every cell whose content contains one of the given texts, with the type openpyxl gives it:
's' (a string), 'f' (a formula), 'n' (a number), ... — so a test can check that a school name such as
«=HYPERLINK(...)» or «+1» was written as text and never as a formula.

usage: text_cells.py QUERY.json
QUERY.json is {"files": [path, ...], "needles": [text, ...]}
Prints JSON {path: [[sheet, "B5", data_type, value as text, needle], ...]} (one entry per cell and needle).
"""
import json
import sys

import openpyxl


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        query = json.load(f)
    out = {}
    for path in query["files"]:
        wb = openpyxl.load_workbook(path)
        hits = []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    text = str(cell.value)
                    for needle in query["needles"]:
                        if needle in text:
                            hits.append([ws.title, cell.coordinate, cell.data_type, text, needle])
        out[path] = hits
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
