"""Checks that files are whole zip packages (as .docx and .xlsx are) with Python's zipfile.

usage: zip_check.py FILE...
Prints JSON {"FILE": {"zip": bool, "bad": first corrupt member or null, "parts": [member names]}}.
"""
import json
import sys
import zipfile


def check(path):
    if not zipfile.is_zipfile(path):
        return {"zip": False, "bad": None, "parts": []}
    try:
        with zipfile.ZipFile(path) as z:
            return {"zip": True, "bad": z.testzip(), "parts": z.namelist()}
    except zipfile.BadZipFile as e:
        return {"zip": False, "bad": str(e), "parts": []}


def main():
    print(json.dumps({path: check(path) for path in sys.argv[1:]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
