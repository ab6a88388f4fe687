#!/usr/bin/env python3
"""The command line: help, version, usage errors, --emit, --flat, exit codes.

usage: cli.py ERRGEN DATA_XML
"""
import os
import subprocess
import sys
import tempfile

failures = 0


def run(args, cwd=None):
    return subprocess.run([ERRGEN] + args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def check(cond, what, p=None):
    global failures
    if not cond:
        failures += 1
        print('FAIL: ' + what)
        if p is not None:
            print('  exit %d\n  stdout: %s\n  stderr: %s'
                  % (p.returncode, p.stdout[:500], p.stderr[:500]))


def tree(d):
    return sorted(os.path.relpath(os.path.join(r, f), d)
                  for r, _, fs in os.walk(d) for f in fs)


def main():
    global ERRGEN
    ERRGEN = os.path.abspath(sys.argv[1])
    xml = os.path.abspath(sys.argv[2])

    p = run(['--help'])
    check(p.returncode == 0 and 'usage: errgen' in p.stdout, '--help', p)
    for text in ('exit status', '  1  check', '  2  invalid input',
                 '  3  I/O failure', 'header', 'catalog', '--emit', '--flat'):
        check(text in p.stdout, '--help mentions %r' % text, p)
    p = run(['--version'])
    check(p.returncode == 0 and p.stdout.startswith('errgen '), '--version', p)

    p = run([])
    check(p.returncode == 2 and 'error: no input files' in p.stderr,
          'no input files: exit 2', p)
    p = run(['--bogus', xml])
    check(p.returncode == 2, 'unknown option: exit 2', p)
    p = run(['--emit=header,nonsense', xml])
    check(p.returncode == 2 and "unknown output kind 'nonsense'" in p.stderr,
          'unknown kind: exit 2', p)

    with tempfile.TemporaryDirectory() as tmp:
        p = run(['-o', tmp, '--emit=header', xml])
        check(p.returncode == 0 and p.stderr == '', '--emit=header runs', p)
        got = tree(tmp)
        check(len(got) == 1 and got[0].endswith('_errors.h') and '/' in got[0],
              '--emit=header writes only DOMAIN/DOMAIN_errors.h: %s' % got)
    with tempfile.TemporaryDirectory() as tmp:
        p = run(['generate', '--flat', '-o', tmp, xml])
        got = tree(tmp)
        c_files = [g for g in got if g.endswith(('_errors.h', '_errors.c',
                                                 '_assert.c'))]
        check(p.returncode == 0 and len(c_files) == 3
              and any(g.endswith('.pot') for g in got)
              and all('/' not in g for g in got),
              'generate --flat writes every kind into DIR itself: %s' % got, p)
        p = run(['check', '--flat', '-o', tmp, xml])
        check(p.returncode == 0 and p.stderr == '', 'check --flat: up to date', p)
        p = run(['check', '-o', tmp, xml])
        check(p.returncode == 1 and p.stderr.count('missing') == len(got),
              'check without --flat: all %d files missing, exit 1' % len(got),
              p)
    with tempfile.TemporaryDirectory() as tmp:
        # an output "directory" that is a regular file: I/O failure, exit 3
        blocker = os.path.join(tmp, 'file')
        open(blocker, 'w').close()
        p = run(['-o', blocker, xml])
        check(p.returncode == 3 and 'error: ' in p.stderr,
              'output under a regular file: exit 3', p)
        check(tree(tmp) == ['file'], 'nothing left behind after exit 3')
    # two inputs defining the same domain: rejected as a whole, exit 2
    with tempfile.TemporaryDirectory() as tmp:
        p = run(['-o', tmp, xml, xml])
        check(p.returncode == 2 and 'is defined twice' in p.stderr and tree(tmp) == [],
              'same domain twice: exit 2, nothing written', p)
    # two domains whose --flat outputs share a name (de.po): usage error
    sec = os.path.join(os.path.dirname(xml), 'nss-sec.xml')
    with tempfile.TemporaryDirectory() as tmp:
        p = run(['--flat', '-o', tmp, xml, sec])
        check(p.returncode == 2 and 'would be written to' in p.stderr
              and tree(tmp) == [],
              'colliding --flat outputs: exit 2, nothing written', p)
    # the same into directories that do not exist yet: the files staged
    # while rendering go, and so do the directories made for them
    with tempfile.TemporaryDirectory() as tmp:
        p = run(['--flat', '-o', os.path.join(tmp, 'new', 'dir'), xml, sec])
        check(p.returncode == 2 and 'would be written to' in p.stderr
              and os.listdir(tmp) == [],
              'colliding --flat outputs into new directories: nothing left',
              p)
    print('%d failures' % failures)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
