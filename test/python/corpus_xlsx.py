"""Builds the .xlsx files of the bad-input corpus (test/corpus/bad-inputs.ts) in ONE python process:
mutate_xlsx.py's jobs and ops, plus the damage openpyxl alone cannot express as a plain value.

usage: corpus_xlsx.py JOBS.json
JOBS.json is a list of mutate_xlsx.py jobs; besides its ops, these are understood:
  {"op": "set_name_date", "name": N, "iso": "2026-01-15"}            a real date in the named cell
  {"op": "set_name_formula", "name": N, "formula": "=10+2", "cached": 12}
                                    a formula WITH a cached result, as Excel saves it (openpyxl writes
                                    none: the result is patched into the sheet XML after saving)
  {"op": "unprotect", "sheet": S}                                    sheet protection removed
Prints JSON like mutate_xlsx.py: one entry per job, {"dst", "filled", "missing", "cells"}.
"""
import datetime
import json
import os
import re
import sys
import zipfile

import openpyxl

from mutate_xlsx import delete_name, target, write_docx
from xlsx_names import workbook_names


def patch_cached(path, patches):
    """patches: [(0-based sheet index, 'D25', cached number)] -> the <v> of those formula cells filled in."""
    if not patches:
        return
    tmp = path + ".patch"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            for index, coord, cached in patches:
                if item.filename != f"xl/worksheets/sheet{index + 1}.xml":
                    continue
                text = data.decode("utf-8")
                pattern = re.compile(rf'(<c r="{coord}"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?')
                text, n = pattern.subn(lambda m: f"{m.group(1)}<v>{cached}</v>", text)
                if n != 1:
                    raise SystemExit(f"formula cell {coord} not found in {item.filename}")
                data = text.encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


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
    patches = []
    for op in job.get("ops", []):
        kind = op["op"]
        if kind in ("set_name", "set_name_date", "set_name_formula"):
            sheet, coord = target(names, op["name"])
            cell = wb[sheet][coord]
            if kind == "set_name":
                cell.value = op["value"]
            elif kind == "set_name_date":
                cell.value = datetime.datetime.fromisoformat(op["iso"])
            else:
                cell.value = op["formula"]
                patches.append((sheet, coord, op["cached"]))
            cells[op["name"]] = [sheet, coord, cell.data_type]
        elif kind == "set":
            wb[op["sheet"]][op["cell"]].value = op["value"]
        elif kind == "unprotect":
            wb[op["sheet"]].protection.sheet = False
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
    # openpyxl writes the worksheets as sheet1.xml, sheet2.xml, … in workbook order
    patch_cached(job["dst"], [(wb.sheetnames.index(s), c, v) for s, c, v in patches])
    return {"dst": job["dst"], "filled": filled, "missing": missing, "cells": cells}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    print(json.dumps([run(job) for job in jobs], ensure_ascii=False))


if __name__ == "__main__":
    main()
