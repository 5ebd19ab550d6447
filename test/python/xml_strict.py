"""Parses every XML part of .xlsx/.docx packages strictly (expat: forbidden characters, bad markup) and looks
for characters our writers must never emit (U+FFFE, U+FFFF, bidi overrides and isolates).

usage: xml_strict.py FILE...
Prints JSON {"FILE": [problems]} — an empty list means every part is well-formed and clean.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

BANNED = re.compile("[\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def check(path):
    problems = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.search(r"\.(xml|rels|vml)$", name):
                continue
            data = z.read(name)
            try:
                ET.fromstring(data)
            except ET.ParseError as e:
                problems.append(f"{name}: {e}")
                continue
            if BANNED.search(data.decode("utf-8", "replace")):
                problems.append(f"{name}: a banned character")
    return problems


def main():
    print(json.dumps({path: check(path) for path in sys.argv[1:]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
