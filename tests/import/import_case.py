#!/usr/bin/env python3
"""One import case: errgen run in DIR with ARGS must exit with STATUS, write
exactly NAME.out on stdout (the XML; nothing when it fails) and NAME.err on
stderr. A written XML must pass `xmllint --schema SCHEMA`.

usage: import_case.py ERRGEN SCHEMA DIR NAME STATUS ARGS...

ERRGEN_REGEN=1 in the environment rewrites NAME.out and NAME.err instead.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def compare(path, got, what):
    if os.environ.get('ERRGEN_REGEN') == '1':
        with open(path, 'w') as f:
            f.write(got)
        print('rewrote ' + path)
        return True
    with open(path) as f:
        want = f.read()
    if got == want:
        return True
    print('FAIL: %s differs from %s:' % (what, os.path.basename(path)))
    sys.stdout.writelines(difflib.unified_diff(
        want.splitlines(True), got.splitlines(True),
        os.path.basename(path) + ' (expected)', what + ' (actual)'))
    return False


def main():
    errgen, schema, case_dir, name, status = sys.argv[1:6]
    args = sys.argv[6:]
    p = subprocess.run([os.path.abspath(errgen)] + args, cwd=case_dir,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    ok = True
    if p.returncode != int(status):
        print('FAIL: exit status %d, expected %s' % (p.returncode, status))
        ok = False
    if p.returncode != 0 and p.stdout:
        print('FAIL: it failed but wrote to stdout')
        ok = False
    ok &= compare(os.path.join(case_dir, name + '.err'), p.stderr, 'stderr')
    if p.returncode == 0:
        ok &= compare(os.path.join(case_dir, name + '.out'), p.stdout,
                      'stdout')
        if shutil.which('xmllint'):
            with tempfile.NamedTemporaryFile('w', suffix='.xml') as f:
                f.write(p.stdout)
                f.flush()
                v = subprocess.run(['xmllint', '--schema', schema, '--noout',
                                    f.name], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                if v.returncode != 0:
                    print('FAIL: xmllint --schema:\n' + v.stdout)
                    ok = False
        else:
            print('note: xmllint is not installed; schema not checked')
    if not ok:
        sys.exit(1)
    print(p.stderr, end='')


if __name__ == '__main__':
    main()
