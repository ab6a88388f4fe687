#!/usr/bin/env python3
"""errgen check --against: a real header against the XML that describes it.

usage: run_drift.py ERRGEN XML HEADER

1. The header as installed agrees with the XML: exit 0, no error or warning,
   the last line says so.
2. A copy of the header with one code's value changed, one code deleted and
   one code added reports exactly those three, each where it is (the deleted
   one at its place in the XML), and exits 1.
Skipped (77) when HEADER is not installed (Debian: libnss3-dev).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'


def drift(errgen, header, xml, cwd):
    return subprocess.run([errgen, 'check', '--against', header, xml],
                          cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def line_col(text, i):
    return text.count('\n', 0, i) + 1, i - (text.rfind('\n', 0, i) + 1) + 1


def main():
    errgen, xml, header = (os.path.abspath(a) for a in sys.argv[1:4])
    if not os.path.exists(header):
        print('SKIP: %s is not installed' % header)
        sys.exit(77)
    failed = []
    xml_name = os.path.basename(xml)
    p = drift(errgen, header, xml, None)
    print(p.stderr, end='')
    lines = p.stderr.splitlines()
    if p.returncode != 0 or any(': error: ' in l or ': warning: ' in l
                                for l in lines) or p.stdout:
        failed.append('%s and %s: exit %d, expected 0 and no errors'
                      % (header, xml_name, p.returncode))
    if not lines or 'note: agrees with %s' % xml_name not in lines[-1]:
        failed.append('the last line does not say that they agree')

    values = {e.get('name'): int(e.get('value'))
              for e in ET.parse(xml).getroot().iter(NS + 'error')}
    with open(header) as f:
        text = f.read()
    with open(xml) as f:
        xml_text = f.read()
    # enumerators "NAME = (BASE + n)," of codes the XML has
    enum = [m for m in re.finditer(
        r'^([ \t]*)(\w+)[ \t]*=[ \t]*\(?[ \t]*(\w+)[ \t]*\+[ \t]*(\d+)'
        r'[ \t]*\)?,[^\n]*\n', text, re.M) if m.group(2) in values]
    changed, deleted = enum[6], enum[7]
    base = values[changed.group(2)] - int(changed.group(4))
    end = re.search(r'^[ \t]*\w+_END_OF_LIST', text, re.M)
    added_name = changed.group(2).rsplit('_', 1)[0] + '_DRIFT_ADDED'
    copy = (text[:changed.start(4)] + str(int(changed.group(4)) + 500)
            + text[changed.end(4):deleted.start()] + text[deleted.end():
                                                          end.start()]
            + '    %s = (%s + 900),\n' % (added_name, changed.group(3))
            + text[end.start():])
    with tempfile.TemporaryDirectory() as tmp:
        name = os.path.join(tmp, os.path.basename(header))
        with open(name, 'w') as f:
            f.write(copy)
        p = drift(errgen, name, xml, None)
        print(p.stderr, end='')
        got = p.stderr.splitlines()
        cname = changed.group(2)
        lc, cc = line_col(copy, copy.index('\n' + changed.group(1) + cname)
                          + 1 + len(changed.group(1)))
        la, ca = line_col(copy, copy.index(added_name))
        i = xml_text.index('name="%s"' % deleted.group(2)) + len('name="')
        ld, cd = line_col(xml_text, i)
        i = xml_text.index('name="%s"' % cname) + len('name="')
        lx, cx = line_col(xml_text, i)
        want = [
            '%s:%d:%d: error: mismatched: %s is %d here but %d in %s'
            % (name, lc, cc, cname, values[cname] + 500, values[cname],
               xml_name),
            '%s:%d:%d: note: %s is defined here' % (xml, lx, cx, cname),
            '%s:%d:%d: error: extra: %s (%d) is not in %s'
            % (name, la, ca, added_name, base + 900, xml_name),
            '%s:%d:%d: error: missing: %s (%d) is not in %s'
            % (xml, ld, cd, deleted.group(2), values[deleted.group(2)], name),
            '%s: note: 1 missing, 1 extra and 1 mismatched against %s'
            % (name, xml_name)]
        # the reader's notes (the sentinel, the limit) come first
        tail = got[-len(want):]
        if p.returncode != 1 or tail != want or any(
                ': error: ' in l for l in got[:-len(want)]):
            failed.append('the drifted copy: exit %d (expected 1)\n'
                          '  expected, at the end:\n    %s\n  got:\n    %s'
                          % (p.returncode, '\n    '.join(want),
                             '\n    '.join(got)))
    if failed:
        sys.exit('FAIL:\n  ' + '\n  '.join(failed))
    print('%s: agrees with %s; a drifted copy is caught exactly'
          % (os.path.basename(header), xml_name))


if __name__ == '__main__':
    main()
