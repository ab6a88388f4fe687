#!/usr/bin/env python3
"""Generates a domain's mappings with errgen, compiles them (C and C++, with
and without OpenSSL) with map_check.c and runs it.

usage: run_map.py ERRGEN XML COMPILER STD [EXPECTED_MISSING...]
EXPECTED_MISSING: "errno NAME (SYMBOL)" strings that this platform must
report as compiled out (none for the shipped data sets).
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGS = ['-Wall', '-Wextra', '-Wpedantic', '-Wconversion', '-Wshadow',
         '-Werror', '-Wundef', '-Wcast-qual']


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print('$ ' + ' '.join(cmd) + '\n' + p.stdout)
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def main():
    errgen, xml = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    compiler, std = sys.argv[3], sys.argv[4]
    missing = sys.argv[5:]
    if shutil.which(compiler) is None:
        print('SKIP: no ' + compiler)
        sys.exit(77)
    cxx = ['-x', 'c++'] if compiler.endswith('++') else []
    with tempfile.TemporaryDirectory() as tmp:
        run([errgen, '--flat', '--emit=header,catalog,map,map-openssl',
             '-o', tmp, xml], tmp)
        d = [f for f in os.listdir(tmp) if f.endswith('_map.c')][0][:-6]
        flags = ['-std=' + std] + FLAGS
        # without OpenSSL: the errno and alert part stands alone
        objs = []
        for src in (d + '_errors.c', d + '_map.c'):
            run([compiler] + flags + cxx + ['-c', src, '-o', src + '.o'], tmp)
            objs.append(src + '.o')
        errno_missing = [m for m in missing if not m.startswith('openssl')]
        run([sys.executable, os.path.join(HERE, 'expect_map.py'), xml,
             os.path.join(tmp, 'expect_map.h')] + errno_missing, tmp)
        run([compiler] + flags + cxx + ['-I.', '-c',
             os.path.join(HERE, 'map_check.c'), '-o', 'check.o'], tmp)
        run([compiler, 'check.o'] + objs + ['-o', 'check'], tmp)
        print(run(['./check'], tmp), end='')
        # with OpenSSL
        run([sys.executable, os.path.join(HERE, 'expect_map.py'), xml,
             os.path.join(tmp, 'expect_map.h')] + missing, tmp)
        ssl = ['-DWITH_OPENSSL']
        run([compiler] + flags + cxx + ['-c', d + '_map_openssl.c', '-o',
             'ossl.o'], tmp)
        run([compiler] + flags + cxx + ssl + ['-I.', '-c',
             os.path.join(HERE, 'map_check.c'), '-o', 'check.o'], tmp)
        run([compiler, 'check.o', 'ossl.o'] + objs + ['-o', 'check_ssl',
             '-lssl', '-lcrypto'], tmp)
        print(run(['./check_ssl'], tmp), end='')


if __name__ == '__main__':
    main()
