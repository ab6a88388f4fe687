#!/usr/bin/env python3
"""output/ must be exactly what errgen generates from data/, and
`errgen check` must notice any changed, missing or damaged file.

usage: freshness.py ERRGEN SOURCE_ROOT
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def errgen_run(errgen, args, cwd):
    return subprocess.run([errgen] + args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


def expect(p, rc, what):
    if p.returncode != rc:
        print(p.stdout + p.stderr)
        sys.exit('FAIL: %s: exit status %d, want %d' % (what, p.returncode, rc))


def main():
    errgen = os.path.abspath(sys.argv[1])
    src = os.path.abspath(sys.argv[2])
    data = sorted(os.path.relpath(f, src)
                  for f in glob.glob(os.path.join(src, 'data', '*.xml')))
    if not data:
        sys.exit('FAIL: no data/*.xml')

    # 1. the committed tree is up to date
    p = errgen_run(errgen, ['check', '-o', 'output'] + data, src)
    if p.returncode != 0:
        print(p.stderr)
        sys.exit('FAIL: output/ is stale; run `meson compile -C build output` '
                 'and commit the result')
    if p.stderr:
        sys.exit('FAIL: check printed something on success: ' + p.stderr)

    # 2. regenerating from scratch gives the same bytes
    with tempfile.TemporaryDirectory() as tmp:
        expect(errgen_run(errgen, ['-o', tmp] + data, src), 0, 'generate')
        p = subprocess.run(['diff', '-r', os.path.join(src, 'output'), tmp],
                           stdout=subprocess.PIPE, text=True)
        if p.returncode != 0:
            print(p.stdout[:4000])
            sys.exit('FAIL: a fresh generation differs from output/')

        files = sorted(os.path.relpath(os.path.join(d, f), tmp)
                       for d, _, fs in os.walk(tmp) for f in fs)
        # 3. any changed byte, in any file, is reported as drift (exit 1)
        for rel in files:
            path = os.path.join(tmp, rel)
            with open(path, 'rb') as f:
                orig = f.read()
            for pos in (0, len(orig) // 2, len(orig) - 1):
                damaged = bytearray(orig)
                damaged[pos] ^= 0x01
                with open(path, 'wb') as f:
                    f.write(damaged)
                p = errgen_run(errgen, ['check', '-o', tmp] + data, src)
                expect(p, 1, 'check after changing byte %d of %s' % (pos, rel))
                want = '%s: error: differs from what errgen generates' % path
                if want not in p.stderr:
                    sys.exit('FAIL: check did not name %s:\n%s' % (rel, p.stderr))
            with open(path, 'wb') as f:
                f.write(orig)
        # 4. a missing file too, and nothing is written in check mode
        os.remove(os.path.join(tmp, files[0]))
        p = errgen_run(errgen, ['check', '-o', tmp] + data, src)
        expect(p, 1, 'check with a file missing')
        if 'missing' not in p.stderr or os.path.exists(os.path.join(tmp, files[0])):
            sys.exit('FAIL: missing file not reported, or check wrote it')
        # 5. generate repairs it, and check is content again
        expect(errgen_run(errgen, ['-o', tmp] + data, src), 0, 'regenerate')
        expect(errgen_run(errgen, ['check', '-o', tmp] + data, src), 0,
               'check after regenerating')
    print('%d data files, %d outputs: fresh; %d damaged variants caught'
          % (len(data), len(files), 3 * len(files)))


if __name__ == '__main__':
    main()
