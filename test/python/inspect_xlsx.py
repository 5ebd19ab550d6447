"""Prints what openpyxl sees in an .xlsx, as JSON: defined names, data validations, protection, unlocked
cells, sheet states, print areas, frozen panes, conditional-format ranges and the workbook calc flag.

usage: inspect_xlsx.py FILE.xlsx [PROBES.json]
PROBES.json is [["Sheet", "B5"], ...]: for each, the cell's value, data_type and locked flag are reported.
"""
import json
import sys

import openpyxl

from xlsx_names import destinations, workbook_names


def print_area(ws):
    area = ws.print_area
    if area is None:
        return None
    return ",".join(area) if isinstance(area, (list, tuple)) else str(area)


def sheet_info(ws):
    p = ws.protection
    unlocked = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.has_style and cell.protection is not None and cell.protection.locked is False:
                unlocked.append(cell.coordinate)
    validations = [
        {
            "sqref": str(dv.sqref),
            "type": dv.type,
            "operator": dv.operator,
            "formula1": dv.formula1,
            "formula2": dv.formula2,
            "allowBlank": bool(dv.allow_blank),
            "showErrorMessage": bool(dv.showErrorMessage),
            "errorStyle": dv.errorStyle,
            "errorTitle": dv.errorTitle,
            "error": dv.error,
        }
        for dv in ws.data_validations.dataValidation
    ]
    conditional = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            conditional.append({"sqref": str(cf.sqref), "type": rule.type, "formula": list(rule.formula or [])})
    return {
        "title": ws.title,
        "state": ws.sheet_state,
        "protection": {
            # OOXML flags say what is *forbidden* («1» = protected); report what the user may do.
            "sheet": bool(p.sheet),
            "selectLockedCellsAllowed": not p.selectLockedCells,
            "selectUnlockedCellsAllowed": not p.selectUnlockedCells,
            "formatColumnsAllowed": not p.formatColumns,
            "formatCellsAllowed": not p.formatCells,
            "insertRowsAllowed": not p.insertRows,
            "deleteRowsAllowed": not p.deleteRows,
            "hashed": bool(p.hashValue),
        },
        "printArea": print_area(ws),
        "freeze": ws.freeze_panes,
        "orientation": ws.page_setup.orientation,
        "paperSize": ws.page_setup.paperSize,
        "unlocked": unlocked,
        "validations": validations,
        "conditional": conditional,
    }


def main():
    path = sys.argv[1]
    probes = []
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            probes = json.load(f)
    wb = openpyxl.load_workbook(path)
    out = {
        "names": {name: destinations(dn) for name, dn in workbook_names(wb)},
        "sheets": [sheet_info(ws) for ws in wb.worksheets],
        "fullCalcOnLoad": bool(wb.calculation.fullCalcOnLoad) if wb.calculation is not None else False,
        "probes": [],
    }
    for sheet, coord in probes:
        cell = wb[sheet][coord]
        value = cell.value
        out["probes"].append(
            {
                "sheet": sheet,
                "cell": coord,
                "value": value if isinstance(value, (str, int, float, bool)) or value is None else str(value),
                "dataType": cell.data_type,
                "locked": bool(cell.protection.locked),
            }
        )
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
