#!/usr/bin/env python3
"""errgen's outputs depend on the XML alone, not on the environment.

usage: reproducible.py ERRGEN SRC_ROOT

Generates data/nss-ssl.xml and data/nss-sec.xml (one run, both inputs) under
a reference environment (LC_ALL=C, TZ=UTC, umask 022, run from SRC_ROOT with
relative input paths, SOURCE_DATE_EPOCH unset), then again with one thing
changed at a time, and once with everything changed together:
  - LC_ALL: an installed UTF-8 locale (de_DE.UTF-8 if there is one; see
    `locale -a`), and LANG/LANGUAGE to match;
  - TZ: Pacific/Kiritimati (UTC+14, a day ahead of UTC);
  - umask 077 (file modes follow the umask, as they should: each output's
    mode must be 0666 & ~umask; the bytes must not change);
  - the working directory (a temporary one) and the spelling of the input
    paths: absolute, relative from elsewhere, with ./, with .. and through a
    symbolic link to data/.
Every output must be byte-identical to the reference (same file names too).

SOURCE_DATE_EPOCH: two different values must not change any output that has
no date; in the .pot and .po files only the POT-Creation-Date and
PO-Revision-Date header lines may change, and they must read the epoch's UTC
date ("%Y-%m-%d %H:%M+0000"), whatever TZ says (the .pot's PO-Revision-Date
is xgettext's placeholder YEAR-MO-DA HO:MI+ZONE). Unset, the date is the
fixed 1970-01-01 00:00+0000.

Exit status: 0 pass, 1 failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

DATA = ['nss-ssl.xml', 'nss-sec.xml']
EPOCHS = [1234567890, 1700000000]  # 2009-02-13 23:31, 2023-11-14 22:13 UTC
DATE_FIELDS = ('POT-Creation-Date', 'PO-Revision-Date')
POT_REVISION = 'YEAR-MO-DA HO:MI+ZONE'  # xgettext's placeholder

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def utf8_locale():
    """An installed UTF-8 locale other than C, preferably German."""
    try:
        out = subprocess.run(['locale', '-a'], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True).stdout
    except OSError:
        return None
    names = [l.strip() for l in out.splitlines()]
    utf8 = [n for n in names if re.search(r'\.utf-?8$', n, re.I)
            and not n.lower().startswith(('c.', 'posix'))]
    for n in utf8:
        if n.lower().startswith('de_de'):
            return n
    return utf8[0] if utf8 else None


def generate(errgen, out, inputs, cwd, env, umask):
    """Runs errgen under the given umask; returns {relpath: (bytes, mode)}."""
    def set_umask():
        os.umask(umask)
    p = subprocess.run([errgen, '-o', out] + inputs, cwd=cwd, env=env,
                       preexec_fn=set_umask, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0 or p.stderr or p.stdout:
        fail('errgen %s (cwd %s) exited %d:\n%s%s' % (
            ' '.join(inputs), cwd, p.returncode,
            p.stdout.decode('utf-8', 'replace'),
            p.stderr.decode('utf-8', 'replace')))
        return None
    files = {}
    for dirpath, _, filenames in os.walk(out):
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                files[os.path.relpath(path, out)] = (
                    f.read(), os.stat(path).st_mode & 0o7777)
    return files


def compare(label, ref, got, umask, date_lines_may_differ=False):
    if got is None:
        return
    if set(ref) != set(got):
        fail('%s: other files: only in reference %s, only here %s' % (
            label, sorted(set(ref) - set(got)), sorted(set(got) - set(ref))))
    for rel in sorted(set(ref) & set(got)):
        want_mode = 0o666 & ~umask
        if got[rel][1] != want_mode:
            fail('%s: %s has mode %o, expected %o (0666 & ~umask %03o)' % (
                label, rel, got[rel][1], want_mode, umask))
        if got[rel][0] == ref[rel][0]:
            continue
        if date_lines_may_differ and rel.endswith(('.po', '.pot')):
            continue  # checked by check_dates
        a = ref[rel][0].split(b'\n')
        b = got[rel][0].split(b'\n')
        n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y),
                 min(len(a), len(b)))
        fail('%s: %s differs from the reference, first at line %d:\n'
             '  reference: %r\n  here:      %r' % (
                 label, rel, n + 1, a[n][:160] if n < len(a) else b'<eof>',
                 b[n][:160] if n < len(b) else b'<eof>'))


def date_of(epoch):
    return time.strftime('%Y-%m-%d %H:%M+0000', time.gmtime(epoch))


def check_dates(label, ref, got, epoch):
    """In .po/.pot only the date header lines differ, and hold epoch's
    date."""
    if got is None:
        return
    want = date_of(epoch) if epoch is not None else '1970-01-01 00:00+0000'
    for rel in sorted(r for r in got if r.endswith(('.po', '.pot'))):
        a = ref[rel][0].decode('utf-8').split('\n')
        b = got[rel][0].decode('utf-8').split('\n')
        if len(a) != len(b):
            fail('%s: %s has %d lines, the reference %d' % (
                label, rel, len(b), len(a)))
            continue
        seen = set()
        for x, y in zip(a, b):
            m = re.match(r'"(%s): (.*)\\n"$' % '|'.join(DATE_FIELDS), y)
            if m:
                seen.add(m.group(1))
                expect = want
                if rel.endswith('.pot') and m.group(1) == 'PO-Revision-Date':
                    expect = POT_REVISION  # a template is never revised
                if m.group(2) != expect:
                    fail('%s: %s: %s is %r, expected %r' % (
                        label, rel, m.group(1), m.group(2), expect))
            elif x != y:
                fail('%s: %s: a line other than the dates changed:\n'
                     '  %r\n  %r' % (label, rel, x[:160], y[:160]))
        if seen != set(DATE_FIELDS):
            fail('%s: %s lacks %s' % (label, rel, sorted(set(DATE_FIELDS)
                                                         - seen)))


def main():
    errgen = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2])
    data = os.path.join(root, 'data')
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith('LC_') and k not in (
                    'LANG', 'LANGUAGE', 'TZ', 'SOURCE_DATE_EPOCH')}
    ref_env = dict(base_env, LC_ALL='C', TZ='UTC')
    loc = utf8_locale()
    if loc is None:
        print('note: no UTF-8 locale besides C is installed; LC_ALL=C.UTF-8')
        loc = 'C.UTF-8'
    tz_env = {'TZ': 'Pacific/Kiritimati'}
    if not os.path.exists('/usr/share/zoneinfo/Pacific/Kiritimati'):
        print('note: no tzdata; TZ=<+14>-14 instead of Pacific/Kiritimati')
        tz_env = {'TZ': '<+14>-14'}
    loc_env = {'LC_ALL': loc, 'LANG': loc, 'LANGUAGE': 'de:fr'}
    print('locale %s, %s' % (loc, tz_env['TZ']))

    with tempfile.TemporaryDirectory(prefix='errgen-repro-') as tmp:
        elsewhere = os.path.join(tmp, 'cwd', 'deeper')
        os.makedirs(elsewhere)
        link = os.path.join(tmp, 'link-to-data')
        os.symlink(data, link)
        rel_from_elsewhere = os.path.relpath(data, elsewhere)
        spellings = {
            'relative': (root, ['data/' + d for d in DATA]),
            'absolute': (elsewhere, [os.path.join(data, d) for d in DATA]),
            'relative from elsewhere': (elsewhere, [
                os.path.join(rel_from_elsewhere, d) for d in DATA]),
            'with ./': (root, ['./data/./' + d for d in DATA]),
            'with ..': (os.path.join(root, 'data'),
                        ['../data/../data/' + d for d in DATA]),
            'bare name': (data, list(DATA)),
            'through a symlink': (tmp, ['link-to-data/' + d for d in DATA]),
            'symlink, absolute': (elsewhere,
                                  [os.path.join(link, d) for d in DATA]),
        }
        n = [0]

        def run(label, env, umask=0o022, spelling='relative'):
            n[0] += 1
            out = os.path.join(tmp, 'out%d' % n[0])
            cwd, inputs = spellings[spelling]
            got = generate(errgen, out, inputs, cwd, env, umask)
            print('%-40s %s' % (label, 'ok' if got else 'failed'))
            return got

        ref = run('reference', ref_env)
        if ref is None:
            return 1
        if not any(r.endswith('.pot') for r in ref):
            fail('no .pot among the outputs; the gettext checks are void')
        compare('same again', ref, run('same again', ref_env), 0o022)
        compare('LC_ALL=' + loc, ref,
                run('LC_ALL=' + loc, dict(ref_env, **loc_env)), 0o022)
        compare('TZ', ref, run('TZ=' + tz_env['TZ'], dict(ref_env, **tz_env)),
                0o022)
        compare('umask 077', ref, run('umask 077', ref_env, 0o077), 0o077)
        for spelling in spellings:
            if spelling != 'relative':
                compare(spelling, ref, run('input ' + spelling, ref_env,
                                           spelling=spelling), 0o022)
        everything = dict(ref_env, **loc_env)
        everything.update(tz_env)
        compare('everything at once', ref,
                run('everything at once', everything, 0o077,
                    'through a symlink'), 0o077)

        # SOURCE_DATE_EPOCH
        check_dates('SOURCE_DATE_EPOCH unset', ref, ref, None)
        for epoch in EPOCHS:
            for label, env in [
                    ('SOURCE_DATE_EPOCH=%d' % epoch,
                     dict(ref_env, SOURCE_DATE_EPOCH=str(epoch))),
                    ('SOURCE_DATE_EPOCH=%d, TZ, locale' % epoch,
                     dict(everything, SOURCE_DATE_EPOCH=str(epoch)))]:
                got = run(label, env)
                compare(label, ref, got, 0o022, date_lines_may_differ=True)
                check_dates(label, ref, got, epoch)

        # a malformed SOURCE_DATE_EPOCH is an error (reproducible-builds.org:
        # "the build process SHOULD exit with a non-zero error code"), told
        # before anything is written; kinds without a date do not mind it
        cwd, inputs = spellings['relative']
        for bad in ['abc', '-5', '+5', ' 12', '12 ', '12.5', '0x10',
                    '253402300800', '9' * 30]:
            out = os.path.join(tmp, 'bad-epoch')
            r = subprocess.run([errgen, '-o', out] + inputs, cwd=cwd,
                               env=dict(ref_env, SOURCE_DATE_EPOCH=bad),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            err = r.stderr.decode('utf-8', 'replace')
            ok = (r.returncode == 2 and 'SOURCE_DATE_EPOCH' in err and
                  'error' in err and not os.path.exists(out))
            print('%-40s %s' % ('SOURCE_DATE_EPOCH=%r refused' % bad,
                                'ok' if ok else 'failed'))
            if not ok:
                fail('SOURCE_DATE_EPOCH=%r: exit %d, %s, stderr %r' % (
                    bad, r.returncode,
                    'files written' if os.path.exists(out) else 'nothing',
                    err[:300]))
            shutil.rmtree(out, ignore_errors=True)
            r = subprocess.run([errgen, '--emit=header,catalog', '-o', out]
                               + inputs, cwd=cwd,
                               env=dict(ref_env, SOURCE_DATE_EPOCH=bad),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if r.returncode != 0 or not os.path.isdir(out):
                fail('SOURCE_DATE_EPOCH=%r with --emit=header,catalog: '
                     'exit %d' % (bad, r.returncode))
            shutil.rmtree(out, ignore_errors=True)

    if failures:
        print('%d failure(s)' % len(failures))
        return 1
    print('PASS: outputs are reproducible')
    return 0


if __name__ == '__main__':
    sys.exit(main())
