"""Defined names of an openpyxl workbook across openpyxl 3.0 (a list) and 3.1+ (a dict)."""


def workbook_names(wb):
    """Yields (name, DefinedName) for workbook-level names (not sheet-local ones, not print areas)."""
    names = wb.defined_names
    if hasattr(names, "definedName"):  # openpyxl 3.0
        for dn in names.definedName:
            if dn.localSheetId is None:
                yield dn.name, dn
    else:  # openpyxl 3.1+
        for name, dn in names.items():
            yield name, dn


def destinations(dn):
    """[(sheet title, '$D$12'), ...] of one defined name."""
    return [(sheet, coord) for sheet, coord in dn.destinations]
