#!/usr/bin/env python3
"""errgen at scale: a domain of 1,000,000 codes, and one of three codes far
apart, each generated (header and catalog), compiled and checked code by
code (scale_check.c).

usage: scale.py ERRGEN

The big domain mixes a dense run of 500,000 codes with 500,000 codes seven
apart and a few at the ends of int, so its catalog hashes the codes; every
code's neighbour above is not a code. The small one (1, 1000000,
-2000000000) must not get an index as wide as its range: every table of its
catalog holds at most 8 entries. Compiles with clang when installed (it is
three times faster than gcc on a 90 MB file), else cc.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print('$ ' + ' '.join(cmd))
        print(p.stdout[-4000:])
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def write(path, codes):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<errors xmlns="urn:errgen:1" domain="scale" '
                'prefix="SCALE_">\n  <title>Scale</title>\n')
        for v, name, msg in codes:
            f.write('  <error name="%s" value="%d"><message>%s</message>'
                    '</error>\n' % (name, v, msg.replace('&', '&amp;')
                                    .replace('<', '&lt;')))
    with open(path, 'a', encoding='utf-8') as f:
        f.write('</errors>\n')
    with open(path + '.keys', 'w', encoding='utf-8') as f:
        for v, name, msg in codes:
            f.write('%d\t%s\t%s\n' % (v, name, msg))


def big():
    codes = []
    for i in range(500000):
        codes.append((-1500000 + 2 * i, 'SCALE_D%d' % i,
                      'Dense code %d failed.' % i))
    for i in range(500000):
        codes.append((10000000 + 7 * i, 'SCALE_S%d_%s' % (i, 'X' * (i % 23)),
                      'Sparse "%d" \\ 100%% é' % i))
    codes.append((-2**31, 'SCALE_LOWEST', 'The lowest.'))
    codes.append((2**31 - 2, 'SCALE_HIGHEST', 'Nearly the highest.'))
    return codes


def check(errgen, xml, tmp, cc):
    out = os.path.join(tmp, 'out')
    shutil.rmtree(out, ignore_errors=True)
    run([errgen, '--flat', '--emit=header,catalog', '-o', out, xml], tmp)
    run([cc, '-O0', '-w', '-I', out, '-o', os.path.join(tmp, 'check'),
         os.path.join(HERE, 'scale_check.c'),
         os.path.join(out, 'scale_errors.c')], tmp)
    print(run([os.path.join(tmp, 'check'), xml + '.keys'], tmp), end='')
    return open(os.path.join(out, 'scale_errors.c'), encoding='utf-8').read()


def main():
    errgen = os.path.abspath(sys.argv[1])
    cc = shutil.which('clang') or shutil.which('cc')
    with tempfile.TemporaryDirectory() as tmp:
        xml = os.path.join(tmp, 'big.xml')
        write(xml, big())
        check(errgen, xml, tmp, cc)
        xml = os.path.join(tmp, 'few.xml')
        write(xml, [(1, 'SCALE_ONE', 'One.'),
                    (1000000, 'SCALE_MILLION', 'A million.'),
                    (-2000000000, 'SCALE_FAR', 'Far below.')])
        src = check(errgen, xml, tmp, cc)
        sizes = [int(m) for m in re.findall(
            r'^\t(?:u?int\d+_t) \w+\[(\d+)\];', src, re.M)]
        if not sizes or max(sizes) > 8:
            sys.exit('FAIL: the three-code catalog has tables of %s entries'
                     % sizes)
        print('three codes far apart: tables of %s entries' % sizes)


if __name__ == '__main__':
    main()
