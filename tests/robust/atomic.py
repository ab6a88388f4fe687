#!/usr/bin/env python3
"""errgen's writes are all-or-nothing and safe to run concurrently.

usage: atomic.py ERRGEN SRC_ROOT [ROUNDS]

(a) A run that fails after some files were written. The output tree holds a
    previous generation of data/nss-ssl.xml and data/nss-sec.xml in which
    some files have old content, one is missing, and a directory stands where
    one output file goes. errgen must exit 3 with an "errgen: error: ..."
    diagnostic, and leave every file as it was (bytes and mtime), create
    nothing (not the missing file, not a directory) and leave no temporary
    file (".NAME.XXXXXX") anywhere. Every output of the run in turn is the
    one blocked, so the failure comes early (few temporary files written)
    and late (all others written), whatever order errgen writes in; then
    again for each nss_sec/ output with nss_ssl/ missing entirely (errgen
    creates it and writes temporary files into it, then must remove them and
    it). After each failure the directory is removed and the same run must
    succeed and repair the tree.
(b) Concurrency. 8 errgen processes at once generate both data files into the
    same empty directory, ROUNDS times (default 20) with the directory
    emptied in between; then 8 at once over an existing identical tree,
    which none of them may rewrite (mtimes unchanged). Every run exits 0
    without diagnostics; afterwards every output is complete (byte-equal to a
    reference generation) and no temporary file remains.

Exit status: 0 pass, 1 failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROCS = 8
OLD_NS = 1_000_000_000 * 1_000_000_000  # 2001-09-09, an exact old mtime
TEMP_RE = re.compile(r'^\..+\.[A-Za-z0-9]{6}$')

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def tree(root):
    """{relpath: ('file', bytes, mtime_ns) | ('dir', None, None)}."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            snap[os.path.relpath(os.path.join(dirpath, name), root)] = (
                'dir', None, None)
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                snap[os.path.relpath(path, root)] = (
                    'file', f.read(), os.stat(path).st_mtime_ns)
    return snap


def temp_files(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            if TEMP_RE.match(name) or name.startswith('.'):
                found.append(os.path.relpath(os.path.join(dirpath, name),
                                             root))
    return found


def inputs(src_root):
    return [os.path.join(src_root, 'data', 'nss-ssl.xml'),
            os.path.join(src_root, 'data', 'nss-sec.xml')]


def scenario_failure(errgen, src_root, ref, tmp, label, blocker,
                     drop_dir=None):
    out = os.path.join(tmp, 'fail')
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(os.path.join(tmp, 'ref'), out)
    # old content in some files, one file missing, a directory in the way
    changed = ['nss_ssl/nss_ssl_errors.h', 'nss_sec/nss_sec_errors.c',
               'nss_ssl/de.po', 'nss_sec/nss_sec.pot']
    for rel in changed:
        if rel != blocker and os.path.exists(os.path.join(out, rel)):
            with open(os.path.join(out, rel), 'ab') as f:
                f.write(b'/* old content */\n')
    missing = 'nss_ssl/de.msg'
    if blocker == missing:
        missing = 'nss_ssl/de.po'
    if os.path.exists(os.path.join(out, missing)):
        os.remove(os.path.join(out, missing))
    os.remove(os.path.join(out, blocker))
    os.makedirs(os.path.join(out, blocker, 'inside'))
    if drop_dir:
        shutil.rmtree(os.path.join(out, drop_dir))
    for dirpath, dirnames, filenames in os.walk(out):
        for name in filenames:
            os.utime(os.path.join(dirpath, name), ns=(OLD_NS, OLD_NS))
    before = tree(out)
    p = subprocess.run([errgen, '-o', out] + inputs(src_root),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    after = tree(out)
    stderr = p.stderr.decode('utf-8', 'replace')
    if p.returncode != 3:
        fail('%s: exit status %d, expected 3' % (label, p.returncode))
    if not re.match(r'errgen: error: \S', stderr) or p.stdout:
        fail('%s: expected an "errgen: error: ..." diagnostic, got %r %r'
             % (label, p.stdout, stderr))
    if blocker not in stderr:
        fail('%s: the diagnostic does not name %s' % (label, blocker))
    for rel in sorted(set(after) - set(before)):
        fail('%s: created %s' % (label, rel))
    for rel in sorted(set(before) - set(after)):
        fail('%s: removed %s' % (label, rel))
    for rel in sorted(set(before) & set(after)):
        if before[rel] != after[rel]:
            what = 'content' if before[rel][1] != after[rel][1] else 'mtime'
            fail('%s: %s changed (%s)' % (label, rel, what))
    for rel in temp_files(out):
        fail('%s: temporary file left: %s' % (label, rel))
    # and once the way is clear, the same run succeeds and repairs it all
    shutil.rmtree(os.path.join(out, blocker))
    p = subprocess.run([errgen, '-o', out] + inputs(src_root),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        fail('%s: the repairing run exited %d: %s' % (
            label, p.returncode, p.stderr.decode('utf-8', 'replace')))
    check_complete(label + ', repaired', out, ref)


def check_complete(label, out, ref):
    got = tree(out)
    for rel in sorted(set(ref) | set(got)):
        if rel not in got:
            fail('%s: %s missing' % (label, rel))
        elif rel not in ref:
            fail('%s: unexpected %s' % (label, rel))
        elif got[rel][:2] != ref[rel][:2]:
            fail('%s: %s differs from the reference (%d bytes, reference '
                 '%d)' % (label, rel, len(got[rel][1] or b''),
                          len(ref[rel][1] or b'')))
    for rel in temp_files(out):
        fail('%s: temporary file left: %s' % (label, rel))
    return got


def concurrent(errgen, src_root, out, label):
    procs = [subprocess.Popen([errgen, '-o', out] + inputs(src_root),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(PROCS)]
    for i, p in enumerate(procs):
        stdout, stderr = p.communicate(timeout=120)
        if p.returncode != 0 or stdout or stderr:
            fail('%s: process %d exited %d: %s' % (
                label, i, p.returncode, stderr.decode('utf-8', 'replace')))


def main():
    errgen = os.path.abspath(sys.argv[1])
    src_root = os.path.abspath(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with tempfile.TemporaryDirectory(prefix='errgen-atomic-') as tmp:
        refdir = os.path.join(tmp, 'ref')
        p = subprocess.run([errgen, '-o', refdir] + inputs(src_root))
        if p.returncode != 0:
            fail('the reference generation exited %d' % p.returncode)
            return 1
        ref = tree(refdir)
        # (a) failures: each output in turn is the one in the way, so the
        # failure comes at every point of the run, after more and more
        # temporary files were written
        outputs = sorted(rel for rel, v in ref.items() if v[0] == 'file')
        for blocker in outputs:
            scenario_failure(errgen, src_root, ref, tmp,
                             'blocked at ' + blocker, blocker)
        # and with nss_ssl/ missing: errgen creates it, writes temporary
        # files into it, then must remove them and it
        for blocker in outputs:
            if blocker.startswith('nss_sec/'):
                scenario_failure(errgen, src_root, ref, tmp,
                                 'new nss_ssl/, blocked at ' + blocker,
                                 blocker, drop_dir='nss_ssl')
        print('%d outputs, each blocking a run in turn' % len(outputs))

        # (b) concurrency
        out = os.path.join(tmp, 'concurrent')
        for r in range(rounds):
            if os.path.exists(out):
                shutil.rmtree(out)
            os.mkdir(out)
            concurrent(errgen, src_root, out, 'round %d' % (r + 1))
            check_complete('round %d' % (r + 1), out, ref)
        print('%d rounds of %d concurrent runs into an empty directory'
              % (rounds, PROCS))
        for dirpath, dirnames, filenames in os.walk(out):
            for name in filenames:
                os.utime(os.path.join(dirpath, name), ns=(OLD_NS, OLD_NS))
        before = tree(out)
        concurrent(errgen, src_root, out, 'over an identical tree')
        after = check_complete('over an identical tree', out, ref)
        for rel in sorted(before):
            if before[rel][0] == 'file' and after.get(rel) != before[rel]:
                fail('over an identical tree: %s was rewritten' % rel)
        print('%d concurrent runs over an identical tree' % PROCS)

    if failures:
        print('%d failure(s)' % len(failures))
        return 1
    print('PASS: failed runs change nothing; concurrent runs are safe')
    return 0


if __name__ == '__main__':
    sys.exit(main())
