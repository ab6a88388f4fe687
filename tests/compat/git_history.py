#!/usr/bin/env python3
"""Every shipped data file against its previous committed version: a change
to data/ that breaks consumers (a code removed, a value changed, ...) fails
here, in the commit that makes it.

usage: git_history.py ERRGEN SRC_ROOT
The previous version is HEAD's when the working tree changes the file, else
the version before the last commit that touched it. Without git history
(an export, a shallow clone) the test is skipped (77).
"""
import os
import subprocess
import sys
import tempfile


def git(src, *args):
    p = subprocess.run(['git', '-C', src] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return p.stdout if p.returncode == 0 else None


def previous(src, rel):
    """(label, text) of the version to compare rel with, or None."""
    if git(src, 'diff', '--quiet', 'HEAD', '--', rel) is None:
        return 'HEAD', git(src, 'show', 'HEAD:' + rel)
    revs = (git(src, 'log', '--format=%H', '-n', '2', '--', rel) or '').split()
    if len(revs) < 2:
        return None
    return revs[1][:10], git(src, 'show', '%s:%s' % (revs[1], rel))


def main():
    errgen, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if git(src, 'rev-parse', 'HEAD') is None:
        print('SKIP: no git history')
        sys.exit(77)
    data = sorted(f for f in os.listdir(os.path.join(src, 'data'))
                  if f.endswith('.xml'))
    compared = 0
    for name in data:
        rel = 'data/' + name
        prev = previous(src, rel)
        if not prev or prev[1] is None:
            print('%s: no previous version' % rel)
            continue
        with tempfile.NamedTemporaryFile('w', suffix='-' + name) as old:
            old.write(prev[1])
            old.flush()
            p = subprocess.run([errgen, 'compat', old.name,
                                os.path.join(src, rel)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
        notes = p.stderr.count(': note: ')
        if p.returncode != 0:
            print(p.stderr)
            sys.exit('FAIL: %s breaks consumers of its version %s (exit %d)'
                     % (rel, prev[0], p.returncode))
        print('%s: compatible with %s (%d notes)' % (rel, prev[0], notes))
        compared += 1
    if not compared:
        print('SKIP: no data file has a previous version')
        sys.exit(77)


if __name__ == '__main__':
    main()
