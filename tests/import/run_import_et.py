#!/usr/bin/env python3
"""errgen import-et against the real compile_et (Debian: comerr-dev).

usage: run_import_et.py ERRGEN SCHEMA FILE.et

1. compile_et FILE.et, and a small C program including its header prints
   every code compile_et defines, with its value, as the compiler sees it;
2. errgen import-et FILE.et -o OUT.xml; xmllint --schema validates OUT.xml,
   whose names and values must be exactly compile_et's (read with Python's
   own XML parser);
3. errgen generates the header and catalog from OUT.xml (so the import is a
   description errgen accepts), and a C program including the generated
   header prints every enumerator: the same names and values again.
Skipped (77) without compile_et or xmllint.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'
CFLAGS = ['-std=c99', '-Wall', '-Wextra', '-Werror']


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit('FAIL: %s: exit %d\n%s%s' % (' '.join(cmd), p.returncode,
                                             p.stdout, p.stderr))
    return p


def print_program(header, names):
    lines = ['#include <stdio.h>', '#include "%s"' % header,
             'int main(void)', '{']
    for n in names:
        lines.append('\tprintf("%%s %%ld\\n", "%s", (long)(%s));' % (n, n))
    lines += ['\treturn 0;', '}', '']
    return '\n'.join(lines)


def values_from(cwd, header, names, cc_args=()):
    with open(os.path.join(cwd, 'print.c'), 'w') as f:
        f.write(print_program(header, names))
    run(['cc'] + CFLAGS + list(cc_args) + ['-I.', 'print.c', '-o', 'print'],
        cwd)
    out = run(['./print'], cwd).stdout
    return [(l.split()[0], int(l.split()[1])) for l in out.splitlines()]


def main():
    errgen, schema, et = (os.path.abspath(a) for a in sys.argv[1:4])
    for tool in ('compile_et', 'xmllint', 'cc'):
        if not shutil.which(tool):
            print('SKIP: %s is not installed (Debian: comerr-dev, '
                  'libxml2-utils)' % tool)
            sys.exit(77)
    table = os.path.basename(et)[:-3]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(et, tmp)
        run(['compile_et', table + '.et'], tmp)
        with open(os.path.join(tmp, table + '.h')) as f:
            header = f.read()
        # every code compile_et defines; its own macros end the list
        names = [m.group(1) for m in re.finditer(
            r'^#define (\S+)\s+\(-?\d+L\)$', header, re.M)
            if not m.group(1).startswith('ERROR_TABLE_BASE_')]
        et_values = values_from(tmp, table + '.h', names)
        print('compile_et: %d codes, from %s' % (len(et_values),
                                                et_values[0]))

        p = run([errgen, 'import-et', table + '.et', '-o', 'out.xml'], tmp)
        if p.stdout:
            sys.exit('FAIL: import-et -o wrote to stdout')
        print(p.stderr, end='')
        run(['xmllint', '--schema', schema, '--noout', 'out.xml'], tmp)
        root = ET.parse(os.path.join(tmp, 'out.xml')).getroot()
        xml_values = [(e.get('name'), int(e.get('value')))
                      for e in root.iter(NS + 'error')]
        if xml_values != et_values:
            sys.exit('FAIL: import-et disagrees with compile_et:\n'
                     '  compile_et: %s\n  import-et:  %s'
                     % (et_values, xml_values))
        for e in root.iter(NS + 'error'):
            if e.find(NS + 'message') is None:
                sys.exit('FAIL: %s has no message' % e.get('name'))

        # the same XML through errgen and a C compiler
        gen = os.path.join(tmp, 'gen')
        run([errgen, '--flat', '--emit=header,catalog', '-o', gen,
             'out.xml'], tmp)
        domain = root.get('domain')
        gen_values = values_from(gen, domain + '_errors.h',
                                 [n for n, _ in et_values])
        if gen_values != et_values:
            sys.exit('FAIL: errgen\'s header disagrees with compile_et:\n'
                     '  compile_et: %s\n  errgen:     %s'
                     % (et_values, gen_values))
        run(['cc'] + CFLAGS + ['-c', domain + '_errors.c'], gen)
    print('%s: %d names and values agree: compile_et, import-et, errgen'
          % (table, len(et_values)))


if __name__ == '__main__':
    main()
