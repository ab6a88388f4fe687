#!/usr/bin/env python3
"""One drift case: `errgen check --against HEADER XML...` run in DIR must
exit with STATUS and print exactly NAME.err (ERRGEN_REGEN=1 rewrites it).

usage: drift_case.py ERRGEN DIR NAME STATUS HEADER XML...
"""
import difflib
import os
import subprocess
import sys


def main():
    errgen, case_dir, name, status, header = sys.argv[1:6]
    p = subprocess.run([os.path.abspath(errgen), 'check', '--against',
                        header] + sys.argv[6:], cwd=case_dir,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    path = os.path.join(case_dir, name + '.err')
    ok = p.returncode == int(status) and not p.stdout
    if not ok:
        print('FAIL: exit status %d, expected %s; stdout: %r'
              % (p.returncode, status, p.stdout))
    if os.environ.get('ERRGEN_REGEN') == '1':
        with open(path, 'w') as f:
            f.write(p.stderr)
    else:
        with open(path) as f:
            want = f.read()
        if p.stderr != want:
            ok = False
            print('FAIL: stderr differs from %s.err:' % name)
            sys.stdout.writelines(difflib.unified_diff(
                want.splitlines(True), p.stderr.splitlines(True),
                name + '.err (expected)', 'stderr (actual)'))
    print(p.stderr, end='')
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
