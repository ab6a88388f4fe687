#!/usr/bin/env python3
"""Writes expect.h: what a domain's generated API must return, read from the
XML with Python's own parser (independent of errgen's loader)."""
import os
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
from ctext import c_string  # noqa: E402

NS = '{urn:errgen:1}'


def main(xml_path, out_path):
    root = ET.parse(xml_path).getroot()
    domain = root.get('domain')
    up = domain.upper()
    unknown = root.get('unknown-message', 'Unknown error code')
    rows = []
    aliases = []
    for e in root.iter(NS + 'error'):
        for a in e.findall(NS + 'alias'):
            aliases.append((a.get('name'), int(e.get('value')), e.get('name')))
        msg = None
        for m in e.findall(NS + 'message'):
            if m.get('{http://www.w3.org/XML/1998/namespace}lang') is None:
                msg = m.text or ''
        rows.append((e.get('name'), int(e.get('value')), msg))
    lines = [
        '/* Written by expect.py from %s. */' % xml_path.split('/')[-1],
        '#include "%s_errors.h"' % domain,
        '#define D_error_name %s_error_name' % domain,
        '#define D_error_message %s_error_message' % domain,
        '#define D_error_from_name %s_error_from_name' % domain,
        '#define D_error_from_name_n %s_error_from_name_n' % domain,
        '#define D_error_message_localized %s_error_message_localized' % domain,
        '#define D_MIN %s_ERROR_MIN' % up,
        '#define D_MAX %s_ERROR_MAX' % up,
        '#define D_COUNT %s_ERROR_COUNT' % up,
        '#define D_UNKNOWN %s' % c_string(unknown),
        'static const struct expected_code {',
        '\tconst char *name;',
        '\tlong value;      /* from the XML */',
        '\tlong enum_value; /* from the generated enum */',
        '\tconst char *message;',
        '} expected[] = {',
    ]
    for name, value, msg in rows:
        lines.append('\t{ %s, %dL, (long)%s, %s },' % (
            c_string(name), value, name,
            c_string(msg) if msg is not None else 'D_UNKNOWN'))
    lines += ['};', '#define N_EXPECTED %d' % len(rows)]
    lines += ['static const struct expected_alias {',
              '\tconst char *name;',
              '\tlong value;',
              '\tlong enum_value;',
              '\tconst char *of;',
              '} expected_aliases[] = {']
    for name, value, of in aliases:
        lines.append('\t{ %s, %dL, (long)%s, %s },' % (
            c_string(name), value, name, c_string(of)))
    if not aliases:
        lines.append('\t{ 0, 0, 0, 0 } /* none; C wants one entry */')
    lines += ['};', '#define N_ALIASES %d' % len(aliases), '']
    with open(out_path, 'w') as f:
        f.write('\n'.join(lines))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
