"""Parses .eml files with Python's email package (policy.default) and prints what a mail program would see, as JSON.

Usage: parse_eml.py FILE... -> {file: {headers, from, to, subject, date, message_id, x_unsent, body, attachments, defects}}
"""
import email
import hashlib
import json
import sys
from email import policy


def parse(path):
    with open(path, 'rb') as f:
        m = email.message_from_binary_file(f, policy=policy.default)
    body = m.get_body(preferencelist=('plain',))
    frm = m['From']
    return {
        'headers': [[k, str(v)] for k, v in m.items()],
        'from': None if frm is None else [{'name': a.display_name, 'address': a.addr_spec} for a in frm.addresses],
        'to': [a.addr_spec for a in m['To'].addresses],
        'subject': str(m['Subject']),
        'date': None if m['Date'] is None else m['Date'].datetime.isoformat(),
        'message_id': m['Message-ID'],
        'x_unsent': m['X-Unsent'],
        'content_type': m.get_content_type(),
        'body': None if body is None else body.get_content(),
        'attachments': [
            {'filename': a.get_filename(), 'content_type': a.get_content_type(), 'sha256': hashlib.sha256(a.get_content()).hexdigest()}
            for a in m.iter_attachments()
        ],
        'defects': [type(d).__name__ for part in m.walk() for d in part.defects],
    }


print(json.dumps({p: parse(p) for p in sys.argv[1:]}, ensure_ascii=False))
