"""Fills an .xlsx through its defined names with openpyxl (a second library, independent of exceljs).

usage: fill_by_names.py SRC.xlsx DST.xlsx VALUES.json
VALUES.json is {"NAME": value, ...}; every name must be a workbook-level name of exactly one cell.
Prints JSON {"filled": n, "missing": [names without a definition]}.
"""
import json
import sys

import openpyxl

from xlsx_names import destinations, workbook_names


def main():
    src, dst, values_path = sys.argv[1:4]
    with open(values_path, encoding="utf-8") as f:
        values = json.load(f)
    wb = openpyxl.load_workbook(src)
    names = dict(workbook_names(wb))
    filled = 0
    missing = []
    for name, value in values.items():
        dn = names.get(name)
        if dn is None:
            missing.append(name)
            continue
        targets = destinations(dn)
        if len(targets) != 1:
            raise SystemExit(f"name {name} points at {len(targets)} ranges")
        sheet, coord = targets[0]
        wb[sheet][coord.replace("$", "")].value = value
        filled += 1
    wb.save(dst)
    print(json.dumps({"filled": filled, "missing": missing}, ensure_ascii=False))


if __name__ == "__main__":
    main()
