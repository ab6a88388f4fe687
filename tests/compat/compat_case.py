#!/usr/bin/env python3
"""One compat case: `errgen compat NAME.old.xml NAME.new.xml` must exit with
the expected status and print exactly NAME.err.

usage: compat_case.py ERRGEN DIR NAME STATUS [--regen]

errgen runs in DIR with relative file names, so NAME.err holds the
diagnostics as a user sees them. Nothing may appear on stdout. With --regen
(or ERRGEN_REGEN=1 in the environment) NAME.err is rewritten instead.
"""
import difflib
import os
import subprocess
import sys


def main():
    errgen, case_dir, name, status = sys.argv[1:5]
    regen = '--regen' in sys.argv[5:] or os.environ.get('ERRGEN_REGEN') == '1'
    p = subprocess.run([os.path.abspath(errgen), 'compat', name + '.old.xml',
                        name + '.new.xml'], cwd=case_dir,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    err_path = os.path.join(case_dir, name + '.err')
    failed = False
    if p.returncode != int(status):
        print('FAIL: exit status %d, expected %s' % (p.returncode, status))
        failed = True
    if p.stdout:
        print('FAIL: output on stdout:\n' + p.stdout)
        failed = True
    if regen:
        with open(err_path, 'w') as f:
            f.write(p.stderr)
        print('rewrote ' + err_path)
    else:
        with open(err_path) as f:
            want = f.read()
        if p.stderr != want:
            print('FAIL: stderr differs from %s.err:' % name)
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), p.stderr.splitlines(True),
                name + '.err (expected)', 'stderr (actual)'))
            failed = True
    if failed:
        sys.exit(1)
    print(p.stderr, end='')


if __name__ == '__main__':
    main()
