#!/usr/bin/env python3
"""Golden test: errgen over CASE/input.xml must produce exactly the files in
CASE/expected/ (names and bytes).

usage: golden.py ERRGEN CASEDIR
Set ERRGEN_REGEN=1 to rewrite CASE/expected/ from errgen's output instead
(then review the diff with git before committing).
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    errgen = os.path.abspath(sys.argv[1])
    case = os.path.abspath(sys.argv[2])
    expected = os.path.join(case, 'expected')
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([errgen, '--flat', '-o', tmp, 'input.xml'], cwd=case,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        # warnings, if any, are part of the expected result
        stderr_file = os.path.join(case, 'expected.stderr')
        want_stderr = ''
        if os.path.exists(stderr_file):
            with open(stderr_file) as f:
                want_stderr = f.read()
        if os.environ.get('ERRGEN_REGEN') == '1':
            if p.returncode != 0:
                print(p.stderr)
                sys.exit('FAIL: errgen exited %d' % p.returncode)
            shutil.rmtree(expected, ignore_errors=True)
            shutil.copytree(tmp, expected)
            if p.stderr:
                with open(stderr_file, 'w') as f:
                    f.write(p.stderr)
            elif os.path.exists(stderr_file):
                os.remove(stderr_file)
            print('regenerated %s' % expected)
            return
        if p.returncode != 0 or p.stderr != want_stderr:
            print(p.stderr)
            sys.exit('FAIL: errgen exited %d, stderr %s' % (
                p.returncode, 'as expected' if p.stderr == want_stderr
                else 'differs from expected.stderr'))
        got = sorted(os.listdir(tmp))
        want = sorted(os.listdir(expected))
        failed = False
        if got != want:
            print('files: got %s, want %s' % (got, want))
            failed = True
        for name in sorted(set(got) & set(want)):
            with open(os.path.join(tmp, name), 'rb') as f:
                a = f.read()
            with open(os.path.join(expected, name), 'rb') as f:
                b = f.read()
            if a != b:
                failed = True
                diff = difflib.unified_diff(
                    b.decode('utf-8', 'replace').splitlines(True),
                    a.decode('utf-8', 'replace').splitlines(True),
                    'expected/' + name, 'generated/' + name)
                sys.stdout.writelines(diff)
        if failed:
            sys.exit('FAIL: output differs from %s (ERRGEN_REGEN=1 rewrites it)'
                     % expected)
        print('%d files match' % len(got))


if __name__ == '__main__':
    main()
