"""Prints what openpyxl reads from an .xlsx (a report written by msoko) as JSON: per sheet its name, state,
merged ranges and the values of its first rows.

usage: dump_xlsx.py FILE.xlsx [MAX_ROWS]
Output: {"sheets": [{"title", "state", "maxRow", "maxCol", "merged": ["A1:F1", ...],
                     "rows": [[value, ...], ...]}]}
Values are str/int/float/bool or null; dates and other objects are given as text. MAX_ROWS (default: all)
limits how many rows are printed per sheet.
"""
import json
import sys

import openpyxl


def plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        last = ws.max_row if limit is None else min(ws.max_row, limit)
        rows = [[plain(c.value) for c in row] for row in ws.iter_rows(min_row=1, max_row=last, max_col=ws.max_column)]
        sheets.append(
            {
                "title": ws.title,
                "state": ws.sheet_state,
                "maxRow": ws.max_row,
                "maxCol": ws.max_column,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "rows": rows,
            }
        )
    print(json.dumps({"sheets": sheets}, ensure_ascii=False))


if __name__ == "__main__":
    main()
