#!/usr/bin/env python3
"""Which layout the catalog gives a domain's codes: a direct table, a range
check per run of values, or a perfect hash of the code (emit_catalog.c's
rules), checked on small tables at the edges of each rule, and on the
codes of libgpg-error as its installed <gpg-error.h> defines them (package
libgpg-error-dev; that case is skipped without it).

usage: layout.py ERRGEN
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

# A phrase of the slot function's comment for each layout.
PHRASE = {'dense': 'outside the table',
          'runs': 'runs of values',
          'hashed': 'the perfect hash of the code'}


def catalog_layout(src, domain):
    """The layout of a generated catalog's source, as its slot function's
    comment tells it: 'dense', 'runs N' (its codes come in N runs),
    'hashed', or '?'."""
    head = src[:src.index('static uint32_t %s_error_slot' % domain)]
    comment = head[head.rindex('/*'):].replace('\n * ', ' ')
    got = [k for k, p in PHRASE.items() if p in comment]
    if got == ['runs']:
        return 'runs ' + comment.split(' runs of values')[0].split()[-1]
    return got[0] if len(got) == 1 else '?'


def run_of(start, count):
    return list(range(start, start + count))


CASES = [
    # one run with holes, half full at most: direct
    ('half full', [v * 2 for v in range(40)], 'dense'),
    # two runs far apart
    ('two runs', run_of(0, 30) + run_of(1 << 20, 10), 'runs 2'),
    # neighbours 32 apart are in one run, 33 apart in two
    ('32 apart', run_of(0, 20) + run_of(51, 20) + run_of(5000, 20),
     'runs 2'),
    ('33 apart', run_of(0, 20) + run_of(52, 20) + run_of(5000, 20),
     'runs 3'),
    # the three codes far apart of the scale test are three runs
    ('three codes', [1, 1000000, -2000000000], 'runs 3'),
    # libgpg-error's shape: 0.., 721.., 1024.., 1500.., 16381.., 32768..
    ('gpg-like', run_of(0, 300) + run_of(721, 150) + run_of(1024, 16) +
     run_of(1500, 100) + run_of(16381, 3) + run_of(32768, 130), 'runs 6'),
    # eight runs of one size: 4.5 range checks a code on average, too many
    ('eight even runs', [v for k in range(8) for v in run_of(k << 16, 10)],
     'hashed'),
    # sixteen runs, most codes in the first: few checks on average
    ('sixteen runs', [v for k in range(16) for v in
                      run_of(k << 16, 100 if k == 0 else 1)], 'runs 16'),
    # seventeen: more than the most the catalog checks
    ('seventeen runs', [v for k in range(17) for v in
                        run_of(k << 16, 100 if k == 0 else 1)], 'hashed'),
    # runs whose holes take more slots than a direct table may have
    ('holey runs', [v * 3 for v in range(30)] + [v * 3 + (1 << 20)
                                                 for v in range(30)],
     'hashed'),
]


def gpg_error_codes():
    """The values of gpg_err_code_t in the installed <gpg-error.h>, or None.
    System errors are GPG_ERR_SYSTEM_ERROR | errno; GPG_ERR_CODE_DIM is a
    bound, not a code."""
    headers = glob.glob('/usr/include/gpg-error.h') + glob.glob(
        '/usr/include/*/gpg-error.h')
    if not headers:
        return None
    with open(headers[0], encoding='utf-8', errors='replace') as f:
        text = f.read()
    m = re.search(r'#define GPG_ERR_SYSTEM_ERROR\s+\(1 << (\d+)\)', text)
    enum = text[:text.index('} gpg_err_code_t;')]
    enum = enum[enum.rindex('typedef enum'):]
    values = [int(v) for v in re.findall(r'GPG_ERR_\w+ = (\d+),', enum)]
    values += [(1 << int(m.group(1))) | int(v) for v in re.findall(
        r'GPG_ERR_\w+ = GPG_ERR_SYSTEM_ERROR \| (\d+),', enum)]
    return sorted(set(values)) if len(values) > 100 else None


def main():
    errgen = os.path.abspath(sys.argv[1])
    failures = 0
    cases = list(CASES)
    gpg = gpg_error_codes()
    if gpg:
        # every code it has: 0 to about 300, 666, 711.., 881.., 1024..,
        # 1500.., 1600.., 16381.., 32768 | errno
        cases.append(('libgpg-error, %d codes' % len(gpg), gpg, 'runs 9'))
    else:
        print('SKIP libgpg-error: <gpg-error.h> not installed '
              '(apt-get install libgpg-error-dev)')
    with tempfile.TemporaryDirectory() as tmp:
        for label, values, want in cases:
            xml = os.path.join(tmp, 'lay.xml')
            with open(xml, 'w') as f:
                f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<errors xmlns="urn:errgen:1" domain="lay">\n'
                        '  <title>Layout</title>\n')
                for i, v in enumerate(values):
                    f.write('  <error name="LAY_%d" value="%d"><message>'
                            'm %d</message></error>\n' % (i, v, i))
                f.write('</errors>\n')
            out = os.path.join(tmp, 'out')
            subprocess.run([errgen, '--flat', '--emit=catalog', '-o', out,
                            xml], check=True)
            with open(os.path.join(out, 'lay_errors.c')) as f:
                src = f.read()
            got = catalog_layout(src, 'lay')
            ok = got == want
            failures += not ok
            print('%s %s: %s (want %s)' % ('PASS' if ok else 'FAIL', label,
                                            got, want))
    print('%d cases, %d failures' % (len(cases), failures))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
