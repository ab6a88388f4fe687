"""Writes expect_roundtrip.h for roundtrip.c from the XML of both data sets
(Python's own parser): every declared mapping with its direction and the
code that must win lookups from its foreign name, and every code with the
foreign value it must map to in each system (or none)."""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'map'))
from expect_map import TLS_ALERTS  # noqa: E402  the IANA table, kept once

NS = '{urn:errgen:1}'
SYSTEMS = ['errno', 'tls-alert', 'openssl', 'x509']
DIRECTIONS = {'both': 0, 'to': 1, 'from': 2}


def lib_of(m):
    if m.get('lib'):
        return 'ERR_LIB_' + m.get('lib')
    return 'ERR_LIB_' + m.get('name').split('_R_')[0]


def guard(m):
    """The condition under which the foreign name exists, as errgen's."""
    to, name = m.get('to'), m.get('name')
    if to == 'tls-alert':
        return None
    if to == 'openssl':
        return 'defined(%s) && defined(%s)' % (lib_of(m), name)
    return 'defined(%s)' % name


def value(m):
    to, name = m.get('to'), m.get('name')
    if to == 'tls-alert':
        return str(TLS_ALERTS[name])
    if to == 'openssl':
        return '(long)ERR_PACK(%s, 0, %s)' % (lib_of(m), name)
    return '(long)' + name


def write(xmls, out):
    L = []
    rows, codes = [], []
    for dom, xml in enumerate(xmls):
        root = ET.parse(xml).getroot()
        errors = list(root.iter(NS + 'error'))
        winners = {}
        for e in errors:
            for m in e.findall(NS + 'map'):
                if m.get('direction', 'both') == 'to':
                    continue
                key = (m.get('to'), m.get('name'))
                pref = m.get('preferred') in ('true', '1')
                if key not in winners or pref:
                    winners[key] = e.get('name')
        for e in errors:
            to_of = {}
            for m in e.findall(NS + 'map'):
                d = m.get('direction', 'both')
                key = (m.get('to'), m.get('name'))
                rows.append((dom, m, e.get('name'), DIRECTIONS[d],
                             winners.get(key)))
                if d != 'from':
                    to_of[m.get('to')] = m
            codes.append((dom, e.get('name'), to_of))
    L.append('struct row { int dom; const char *system, *foreign; long value; '
             'const char *code_name; int code, dir; const char *winner_name; '
             'int winner; };')
    L.append('static const struct row rows[] = {')
    for dom, m, name, d, win in rows:
        g = guard(m)
        if g:
            L.append('#if ' + g)
        L.append('\t{%d, "%s", "%s", %s, "%s", %s, %d, %s, %s},' % (
            dom, m.get('to'), m.get('name'), value(m), name, name, d,
            '"%s"' % win if win else '0', win if win else '0'))
        if g:
            L.append('#endif')
    L.append('\t{0, 0, 0, 0, 0, 0, 0, 0, 0}')
    L.append('};')
    L.append('struct code_row { int dom; const char *name; int code; '
             'long to[4]; };')
    L.append('static const struct code_row code_rows[] = {')
    none = ['0', '-1', '0', '0']  # what each to-function returns for none
    for dom, name, to_of in codes:
        vals = []
        for i, system in enumerate(SYSTEMS):
            m = to_of.get(system)
            if m is None:
                vals.append(none[i])
            elif guard(m):
                vals.append('\n#if %s\n%s\n#else\n%s\n#endif\n' % (
                    guard(m), value(m), none[i]))
            else:
                vals.append(value(m))
        L.append('\t{%d, "%s", %s, {%s}},' % (dom, name, name,
                                             ', '.join(vals)))
    L.append('\t{0, 0, 0, {0, 0, 0, 0}}')
    L.append('};')
    with open(out, 'w') as f:
        f.write('\n'.join(L) + '\n')


if __name__ == '__main__':
    write(sys.argv[1:3], sys.argv[3])
