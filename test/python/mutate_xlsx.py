"""Produces school files for the end-to-end tests with openpyxl: fills a generated workbook through its
defined names, then damages it the way schools do (text in a number cell, a deleted or renamed sheet,
inserted rows, a removed name, a formula, an edited stamp). Many jobs run in one process.

usage: mutate_xlsx.py JOBS.json
JOBS.json is a list of jobs:
  {"src": "schools/a.xlsx", "dst": "received/a.xlsx", "fill": {"NAME": value, ...}, "ops": [op, ...]}
  {"dst": "received/x.xlsx", "docx": true}          (a minimal Word document instead of a workbook)
ops (applied in order, after the fill):
  {"op": "set", "sheet": S, "cell": "D5", "value": v}     a string starting with "=" becomes a formula,
                                                          an error code such as "#DIV/0!" an error cell
  {"op": "set_name", "name": N, "value": v}               the cell the workbook-level name N points at
  {"op": "delete_sheet", "sheet": S}
  {"op": "rename_sheet", "sheet": S, "to": T}
  {"op": "insert_rows", "sheet": S, "row": R, "amount": n}
  {"op": "delete_name", "name": N}
Prints JSON: one entry per job, {"dst", "filled", "missing": [names], "cells": {"NAME": [sheet, "D5", dataType]}}
where "cells" says where each set_name op wrote (as openpyxl resolved the name) and the type it stored.
"""
import json
import sys
import zipfile

import openpyxl

from xlsx_names import destinations, workbook_names

DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Отчёт школы</w:t></w:r></w:p></w:body></w:document>"
    ),
}


def write_docx(dst):
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in DOCX_PARTS.items():
            z.writestr(name, text)


def target(names, name):
    dn = names.get(name)
    if dn is None:
        raise SystemExit(f"no defined name {name}")
    places = destinations(dn)
    if len(places) != 1:
        raise SystemExit(f"name {name} points at {len(places)} ranges")
    sheet, coord = places[0]
    return sheet, coord.replace("$", "")


def delete_name(wb, name):
    names = wb.defined_names
    if hasattr(names, "definedName"):  # openpyxl 3.0
        names.delete(name)
    else:  # openpyxl 3.1+
        del names[name]


def run(job):
    if job.get("docx"):
        write_docx(job["dst"])
        return {"dst": job["dst"], "filled": 0, "missing": [], "cells": {}}
    wb = openpyxl.load_workbook(job["src"])
    names = dict(workbook_names(wb))
    filled = 0
    missing = []
    for name, value in job.get("fill", {}).items():
        if name not in names:
            missing.append(name)
            continue
        sheet, coord = target(names, name)
        wb[sheet][coord].value = value
        filled += 1
    cells = {}
    for op in job.get("ops", []):
        kind = op["op"]
        if kind == "set":
            wb[op["sheet"]][op["cell"]].value = op["value"]
        elif kind == "set_name":
            sheet, coord = target(names, op["name"])
            cell = wb[sheet][coord]
            cell.value = op["value"]
            cells[op["name"]] = [sheet, coord, cell.data_type]
        elif kind == "delete_sheet":
            del wb[op["sheet"]]
        elif kind == "rename_sheet":
            wb[op["sheet"]].title = op["to"]
        elif kind == "insert_rows":
            wb[op["sheet"]].insert_rows(op["row"], op["amount"])
        elif kind == "delete_name":
            delete_name(wb, op["name"])
        else:
            raise SystemExit(f"unknown op {kind}")
    wb.save(job["dst"])
    return {"dst": job["dst"], "filled": filled, "missing": missing, "cells": cells}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    print(json.dumps([run(job) for job in jobs], ensure_ascii=False))


if __name__ == "__main__":
    main()
