#!/usr/bin/env python3
"""A domain built to strain the catalog's perfect hashes, then checked like
every other consumer (run_consumer.py).

usage: stress.py ERRGEN dense|runs|sparse COMPILER STD

The names come in families that a hash of a few bytes cannot tell apart:
names of one to nine characters, names that share their length and their
last 16 bytes and differ at the start, and names of 60 to 200 characters
that differ only in their first bytes, plus random ones. Some codes have
aliases, some no message (obsolete); messages carry quotes, backslashes,
percent signs and UTF-8, and a few are long enough to cross the pool's
4095-byte literals. dense: values from -500 with gaps (a direct table
with holes); runs: six runs of values with holes, from INT_MIN, across
zero, at 2^20, 2^24 and 2^28 and up to INT_MAX (a range check per run);
sparse: random 32-bit values and both ends of int (hashed). The catalog
must use the layout the mode is named after.
The seed is fixed: every run checks the same table.
"""
import os
import random
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import layout  # noqa: E402
ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'


def names(rnd):
    out = []
    # short: 1 to 9 characters
    for n in range(1, 10):
        for k in range(12):
            out.append('Q' + ''.join(rnd.choice(ALNUM) for _ in range(n - 1)))
    # same length, same last 16 bytes, different starts
    for tail in ('_SAME_TAIL_ABCDEFGH', '_OTHER_TAIL_12345678'):
        for a in ALNUM[:26]:
            for b in 'XYZ':
                out.append('Q' + a + b + tail)
    # long, differing only in the first bytes
    for length in (60, 120, 200):  # the schema's longest name is 200
        body = 'L' * 20 + ''.join(rnd.choice(ALNUM) for _ in range(length - 23))
        for a in ALNUM[:20]:
            out.append('Z' + a + '_' + body)
    # random, 10 to 40 characters
    for _ in range(1500):
        n = rnd.randint(10, 40)
        out.append('X' + ''.join(rnd.choice(ALNUM + '_') for _ in range(n)))
    seen, uniq = set(), []
    for s in out:
        s = s.replace('__', '_Q').rstrip('_')
        if s not in seen:
            seen.add(s)
            uniq.append(s)
    rnd.shuffle(uniq)
    return uniq


def message(rnd, i, name):
    kinds = ['Plain message %d.' % i,
             'Quote "%d" and backslash \\ and 100%% sure' % i,
             'Ümlaut, accent é and 鍵 %d' % i,
             'Cannot open %%s: %d' % i]
    if i % 211 == 0:
        return ('Long message %d: ' % i) + 'x' * (4000 - len(name))
    return rnd.choice(kinds)


def write_xml(path, mode):
    rnd = random.Random(20261128)
    ns = names(rnd)
    aliases = ns[-60:]
    ns = ns[:-60]
    if mode == 'dense':
        values, v = [], -500
        for i in range(len(ns)):
            values.append(v)
            v += 2 if i % 3 == 0 else 1
    elif mode == 'runs':
        def run(start, count, step=1):
            out, v = [], start
            for i in range(count):
                out.append(v)
                # holes of one value, and now and then of 31
                v += step * (32 if i % 100 == 99 else 2 if i % 3 == 0 else 1)
            return out
        n = len(ns)
        sizes = [n * k // 100 for k in (8, 40, 20, 15, 10)]
        starts = [-2**31, -(sizes[1] // 2), 2**20, 2**24, 2**28]
        values = [v for s, k in zip(starts, sizes) for v in run(s, k)]
        values += run(2**31 - 1, n - sum(sizes), -1)
        rnd.shuffle(values)
    else:
        vals = {-2**31, 2**31 - 1, 0}
        while len(vals) < len(ns):
            vals.add(rnd.randint(-2**31, 2**31 - 1))
        values = sorted(vals)
        rnd.shuffle(values)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<errors xmlns="urn:errgen:1" domain="phfx">\n'
                '  <title>Perfect hash stress</title>\n')
        for i, (name, value) in enumerate(zip(ns, values)):
            if i % 97 == 5:
                f.write('  <error name="%s" value="%d" status="obsolete">\n'
                        % (name, value))
            else:
                f.write('  <error name="%s" value="%d">\n'
                        '    <message>%s</message>\n'
                        % (name, value, escape(message(rnd, i, name))))
            if i % 30 == 0 and aliases:
                f.write('    <alias name="%s"/>\n' % aliases.pop())
            f.write('  </error>\n')
        f.write('</errors>\n')


# The layout each mode's table must get (layout.py's names).
LAYOUT = {'dense': 'dense', 'runs': 'runs 6', 'sparse': 'hashed'}


def main():
    errgen, mode, compiler, std = sys.argv[1:5]
    with tempfile.TemporaryDirectory() as tmp:
        xml = os.path.join(tmp, 'stress-%s.xml' % mode)
        write_xml(xml, mode)
        out = os.path.join(tmp, 'layout')
        subprocess.run([errgen, '--flat', '--emit=catalog', '-o', out, xml],
                       check=True)
        with open(os.path.join(out, 'phfx_errors.c'), encoding='utf-8') as f:
            src = f.read()
        got = layout.catalog_layout(src, 'phfx')
        if got != LAYOUT[mode]:
            sys.exit('FAIL: the %s table got the layout %s, not %s'
                     % (mode, got, LAYOUT[mode]))
        r = subprocess.run([sys.executable,
                            os.path.join(HERE, 'run_consumer.py'),
                            errgen, xml, compiler, std])
        sys.exit(r.returncode)


if __name__ == '__main__':
    main()
