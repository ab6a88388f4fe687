#!/usr/bin/env python3
"""doc/errgen.1 is clean roff and complete.

usage: man_lint.py ERRGEN doc/errgen.1

- `groff -ww -man -Tutf8 -z` (all warnings on) prints nothing and succeeds;
  groff is required (Debian: groff-base);
- `mandoc -T lint` prints nothing, where mandoc is installed;
- every output kind, option and command that `errgen --help` lists is
  documented, and so is every exit status.
"""
import os
import re
import shutil
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    return p.returncode, p.stdout


def main():
    errgen, page = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    failed = False
    groff = shutil.which('groff')
    if not groff:
        sys.exit('FAIL: groff is missing (Debian: apt-get install groff-base)')
    rc, out = run([groff, '-ww', '-man', '-Tutf8', '-z', page])
    if rc != 0 or out:
        print(out)
        print('FAIL: groff -ww reports problems (exit %d)' % rc)
        failed = True
    else:
        print('groff -ww: clean')
    mandoc = shutil.which('mandoc')
    if mandoc:
        rc, out = run([mandoc, '-T', 'lint', page])
        if rc != 0 or out:
            print(out)
            print('FAIL: mandoc -T lint reports problems (exit %d)' % rc)
            failed = True
        else:
            print('mandoc -T lint: clean')
    else:
        print('note: mandoc is not installed; only groff checked the page')

    with open(page, encoding='utf-8') as f:
        roff = f.read()
    # what the reader sees of a macro argument: \- is a plain hyphen
    text = roff.replace('\\-', '-')
    rc, helptext = run([errgen, '--help'])
    kinds = re.findall(r'^  (\S+)\s+\S+', helptext.split('kinds:')[1]
                       .split('exit status:')[0], re.M)
    wanted = ['.B ' + k for k in kinds]
    wanted += ['.B ' + c for c in ('generate', 'check')]
    wanted += ['.BI "import-po ', '.B --flat', '.BI --emit',
               '.BI -o " dir" "\\fR, \\fP--output', '.BR -h ", " --help',
               '.BR -V ", " --version', '.B SOURCE_DATE_EPOCH']
    wanted += ['.B %d\n' % s for s in (0, 1, 2, 3)]
    for w in wanted:
        if w not in text:
            print('FAIL: the page lacks %r' % w)
            failed = True
    if len(kinds) < 3:
        print('FAIL: could not read the kinds from errgen --help')
        failed = True
    if failed:
        sys.exit(1)
    print('%d kinds and every option documented' % len(kinds))


if __name__ == '__main__':
    main()
