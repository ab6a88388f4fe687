#!/usr/bin/env python3
"""errgen import-header on a real header against the XML that describes it.

usage: run_import_header.py ERRGEN SCHEMA HEADER XML

The import must hold exactly the names, values and aliases of XML (read with
Python's own parser; order and messages aside), pass xmllint --schema, say on
stderr that the enum's END_OF_LIST sentinel is no code and that messages are
still to write, and be refused by errgen until they are: one "has no English
message" error per code. Skipped (77) when HEADER is not installed (Debian:
libnss3-dev).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'


def table(root):
    return {e.get('name'): (int(e.get('value')),
                            sorted(a.get('name')
                                   for a in e.findall(NS + 'alias')))
            for e in root.iter(NS + 'error')}


def main():
    errgen, schema, header, xml = (os.path.abspath(a) for a in sys.argv[1:5])
    if not os.path.exists(header):
        print('SKIP: %s is not installed' % header)
        sys.exit(77)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([errgen, 'import-header', header], cwd=tmp,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        print(p.stderr, end='')
        if p.returncode != 0:
            sys.exit('FAIL: import-header exit %d' % p.returncode)
        out = os.path.join(tmp, 'imported.xml')
        with open(out, 'w') as f:
            f.write(p.stdout)
        if shutil.which('xmllint'):
            v = subprocess.run(['xmllint', '--schema', schema, '--noout',
                                out], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
            if v.returncode != 0:
                failed.append('xmllint --schema: ' + v.stdout)
        got = table(ET.parse(out).getroot())
        want = table(ET.parse(xml).getroot())
        for name in sorted(set(got) | set(want)):
            if got.get(name) != want.get(name):
                failed.append('%s: imported %s, %s has %s' % (
                    name, got.get(name), os.path.basename(xml),
                    want.get(name)))
        sentinel = [l for l in p.stderr.splitlines()
                    if re.search(r': note: \w+_END_OF_LIST is read as the '
                                 r'end-of-list sentinel', l)]
        if len(sentinel) != 1:
            failed.append('stderr does not name the END_OF_LIST sentinel')
        if 'none has a message yet' not in p.stderr:
            failed.append('stderr does not say that messages are missing')
        if any(': warning: ' in l or ': error: ' in l
               for l in p.stderr.splitlines()):
            failed.append('warnings or errors on stderr')
        # errgen asks for the messages, one error per code
        g = subprocess.run([errgen, '-o', os.path.join(tmp, 'out'), out],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        asks = g.stderr.count('has no English message')
        if g.returncode != 2 or asks != len(got):
            failed.append('errgen on the import: exit %d, %d messages asked '
                          'for, %d codes' % (g.returncode, asks, len(got)))
    if failed:
        sys.exit('FAIL:\n  ' + '\n  '.join(failed))
    naliases = sum(len(a) for _, a in got.values())
    print('%s: the %d codes and %d aliases of %s'
          % (os.path.basename(header), len(got), naliases,
             os.path.basename(xml)))


if __name__ == '__main__':
    main()
