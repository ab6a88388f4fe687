#!/usr/bin/env python3
"""Writes expect_l10n.h for l10n.c: every code with its English, German and
French text, read from the XML by Python's parser."""
import os
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
from ctext import c_string  # noqa: E402

NS = '{urn:errgen:1}'
LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main(xml_path, out_path):
    root = ET.parse(xml_path).getroot()
    d = root.get('domain')
    up = d.upper()
    unknown = root.get('unknown-message', 'Unknown error code')
    values = [int(e.get('value')) for e in root.iter(NS + 'error')]
    base = int(root.get('min')) if root.get('min') else min(values)
    lines = ['#include "%s_errors.h"' % d,
             '#define D_error_message_localized %s_error_message_localized' % d,
             '#define D_error_message_l %s_error_message_l' % d,
             '#define D_TEXTDOMAIN %s_ERROR_TEXTDOMAIN' % up,
             '#define D_CATGETS_SET %s_ERROR_CATGETS_SET' % up,
             '#define D_CATGETS_NUMBER %s_ERROR_CATGETS_NUMBER' % up,
             'struct expected_l10n {',
             '\tconst char *name; int value; const char *english;',
             '\tconst char *de; const char *fr; int catgets_number;',
             '\tconst char *key; /* what gettext is asked */',
             '};',
             'static const struct expected_l10n expected[] = {']
    for e in root.iter(NS + 'error'):
        texts = {}
        for m in e.findall(NS + 'message'):
            texts[m.get(LANG)] = m.text or ''
        value = int(e.get('value'))
        english = texts.get(None, unknown)
        number = value - base + 1
        key = ('%s\x04%s' % (e.get('name'), english) if None in texts
               else '%s_error_unknown\x04%s' % (d, unknown))
        lines.append('\t{%s, %d, %s, %s, %s, %d, %s},' % (
            c_string(e.get('name')), value, c_string(english),
            c_string(texts.get('de')), c_string(texts.get('fr')),
            number if 1 <= number <= 32767 else 0, c_string(key)))
    lines.append('};')
    lines.append('#define N_EXPECTED %d' % len(values))
    # a code the domain does not use, just outside its range
    taken = set(values)
    unused = min(values) - 1 if min(values) > -2**31 else 1
    while unused in taken:
        unused += 1
    lines.append('#define UNKNOWN_CODE (%d)' % unused)
    lines.append('static const struct expected_l10n unknown_code = '
                 '{"(unknown)", %d, %s, NULL, NULL, 0, %s};'
                 % (unused, c_string(unknown),
                    c_string('%s_error_unknown\x04%s' % (d, unknown))))
    with open(out_path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
