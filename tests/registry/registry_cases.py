#!/usr/bin/env python3
"""The registry and the ranges of a run, from the command line.

usage: registry_cases.py ERRGEN DIR SSL.xml SEC.xml

DIR holds overlap-{a,b}.xml (declared ranges that overlap) and span-{a,b}.xml
(no declared ranges; spans of values that interleave). Checks:
- overlapping domains are refused with exit 2, exactly the expected
  diagnostics (an error at the later domain, a note at the earlier), and
  nothing written, with or without the registry kind;
- domains that touch nothing: a run without the registry kind writes no
  registry; --registry NAME writes NAME_registry.h/.c into DIR itself, also
  without --flat, and they compile and link against the catalogs in
  DIR/DOMAIN/;
- a --registry name that is no identifier, or that is a domain's name, is a
  usage error (exit 2, nothing written).
"""
import os
import subprocess
import sys
import tempfile

failures = 0


def check(cond, what, p=None):
    global failures
    if not cond:
        failures += 1
        print('FAIL: ' + what)
        if p is not None:
            print('  exit %d\n  stderr: %s' % (p.returncode, p.stderr))
    else:
        print('ok: ' + what)


def errgen(args, cwd):
    return subprocess.run([ERRGEN] + args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def tree(d):
    return sorted(os.path.relpath(os.path.join(r, f), d)
                  for r, _, fs in os.walk(d) for f in fs)


def main():
    global ERRGEN
    ERRGEN = os.path.abspath(sys.argv[1])
    here, ssl, sec = (os.path.abspath(a) for a in sys.argv[2:5])

    overlap = ('overlap-b.xml:2:64: error: the range [150, 249] that domain '
               '\'beta\' declares overlaps the range [100, 199] that domain '
               '\'alpha\' declares: the domains of one run need ranges of '
               'their own\n'
               'overlap-a.xml:2:66: note: domain \'alpha\' declares its '
               'range here\n')
    span = ('span-b.xml:2:1: error: the values of domain \'delta\' (5 to 20) '
            'overlap the values of domain \'gamma\' (1 to 10): the domains '
            'of one run need ranges of their own\n'
            'span-a.xml:2:1: note: domain \'gamma\' is here\n')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out')
        for files, want in ((['overlap-a.xml', 'overlap-b.xml'], overlap),
                            (['span-a.xml', 'span-b.xml'], span)):
            for extra in ([], ['--emit=header,catalog,registry'],
                          ['--registry', 'both']):
                p = errgen(['-o', out] + extra + files, here)
                check(p.returncode == 2 and p.stderr == want and
                      not os.path.exists(out),
                      '%s %s: refused, exactly, nothing written'
                      % (' '.join(files), ' '.join(extra)), p)
                if p.stderr != want:
                    print('  expected:\n' + want)
        # the same domains one at a time are fine
        p = errgen(['-o', out, 'overlap-a.xml'], here)
        check(p.returncode == 0, 'overlap-a.xml alone is accepted', p)

    with tempfile.TemporaryDirectory() as tmp:
        p = errgen(['-o', tmp, '--emit=header,catalog', ssl, sec], tmp)
        check(p.returncode == 0 and not any('registry' in f
                                            for f in tree(tmp)),
              'no registry unless asked for', p)
    with tempfile.TemporaryDirectory() as tmp:
        p = errgen(['-o', tmp, '--emit=header,catalog', '--registry', 'nss',
                    ssl, sec], tmp)
        got = tree(tmp)
        check(p.returncode == 0 and 'nss_registry.h' in got and
              'nss_registry.c' in got and
              'nss_ssl/nss_ssl_errors.c' in got,
              '--registry nss: DIR/nss_registry.h/.c beside DIR/DOMAIN/: %s'
              % got, p)
        with open(os.path.join(tmp, 'main.c'), 'w') as f:
            f.write('#include <stdio.h>\n#include <string.h>\n'
                    '#include "nss_registry.h"\n'
                    'int main(void)\n{\n'
                    '\tint code = 0;\n'
                    '\treturn !(strcmp(nss_error_domain(-12285), "nss_ssl") '
                    '== 0 && strcmp(nss_error_name(-8191), '
                    '"SEC_ERROR_LIBRARY_FAILURE") == 0 && '
                    'nss_error_from_name("SSL_ERROR_MISSING_ECH_EXTENSION", '
                    '&code) && code == -12110 && NSS_REGISTRY_DOMAINS == 2);'
                    '\n}\n')
        c = subprocess.run(['cc', '-std=c99', '-Wall', '-Wextra', '-Werror',
                            'main.c', 'nss_registry.c',
                            'nss_ssl/nss_ssl_errors.c',
                            'nss_sec/nss_sec_errors.c', '-Inss_ssl',
                            '-o', 'main'], cwd=tmp, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        r = subprocess.run(['./main'], cwd=tmp) if c.returncode == 0 else c
        check(c.returncode == 0 and r.returncode == 0,
              'nss_registry.c builds from DIR against DIR/DOMAIN/ and answers'
              + ('' if c.returncode == 0 else ':\n' + c.stdout))
        # check mode knows the registry files too
        p = errgen(['check', '-o', tmp, '--emit=header,catalog',
                    '--registry', 'nss', ssl, sec], tmp)
        check(p.returncode == 0 and p.stderr == '',
              'check --registry: up to date', p)
        os.unlink(os.path.join(tmp, 'nss_registry.c'))
        p = errgen(['check', '-o', tmp, '--emit=header,catalog',
                    '--registry', 'nss', ssl, sec], tmp)
        check(p.returncode == 1 and 'nss_registry.c: error: missing' in
              p.stderr, 'check --registry: a missing registry file', p)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out')
        p = errgen(['-o', out, '--registry', 'no-name', ssl], tmp)
        check(p.returncode == 2 and p.stderr ==
              "errgen: error: registry name 'no-name' is not a C "
              "identifier\n" and not os.path.exists(out),
              '--registry no-name: refused', p)
        p = errgen(['-o', out, '--registry', 'nss_ssl', ssl, sec], tmp)
        check(p.returncode == 2 and "error: the registry may not share the "
              "name 'nss_ssl' with a domain" in p.stderr
              and not os.path.exists(out),
              '--registry nss_ssl: refused', p)
    if failures:
        sys.exit('%d failures' % failures)


if __name__ == '__main__':
    main()
