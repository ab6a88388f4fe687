#!/usr/bin/env python3
"""errgen compat over a real history: the first data/nss-ssl.xml (the seed's
103-code table, nss-ssl-seed.xml here) against today's, which must be
compatible; then breaking edits of the seed made here, each of which must be
caught with its exact diagnostic.

usage: nss_history.py ERRGEN SEED.xml TODAY.xml
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'
failures = 0


def fail(msg):
    global failures
    failures += 1
    print('FAIL: ' + msg)


def compat(errgen, old, new, cwd):
    p = subprocess.run([errgen, 'compat', old, new], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def codes(path):
    root = ET.parse(path).getroot()
    return {e.get('name'): e for e in root.iter(NS + 'error')}


def today_is_compatible(errgen, seed, today):
    rc, out, err = compat(errgen, seed, today, None)
    print(err, end='')
    lines = err.splitlines()
    if rc != 0:
        fail('seed -> today: exit %d, expected 0 (compatible)' % rc)
    if out:
        fail('seed -> today: output on stdout')
    bad = [l for l in lines if ': error: ' in l or ': warning: ' in l]
    if bad:
        fail('seed -> today: errors or warnings:\n  ' + '\n  '.join(bad))
    if not lines or 'compatible with %s' % seed not in lines[-1]:
        fail('seed -> today: the last line does not say compatible')
    old, new = codes(seed), codes(today)
    # every code the seed has and today marks obsolete is reported retired
    for name, e in old.items():
        if (e.get('status', 'active') != 'obsolete' and name in new
                and new[name].get('status') == 'obsolete'):
            want = ': note: %s: retired (obsolete)' % name
            if not any(want in l for l in lines):
                fail('seed -> today: no note that %s was retired' % name)
    # every code today adds is reported added, at its name
    added = [n for n in new if n not in old and not any(
        a.get('name') in old for a in new[n].findall(NS + 'alias'))]
    for name in added:
        value = new[name].get('value')
        if not any(': note: %s (value %s) is added' % (name, value) in l
                   for l in lines):
            fail('seed -> today: no note that %s was added' % name)
    if len(added) < 80:
        fail('seed -> today: only %d codes added?' % len(added))
    if not any(': note: languages declared: de, fr' in l for l in lines):
        fail('seed -> today: no note about the new languages')
    print('seed -> today: compatible, %d codes added, %d notes'
          % (len(added), len(lines) - 1))


def line_col(text, i):
    """1-based line and column of offset i in text."""
    return text.count('\n', 0, i) + 1, i - (text.rfind('\n', 0, i) + 1) + 1


def position(text, needle, offset=0):
    return line_col(text, text.index(needle) + offset)


def name_at(text, name):
    return position(text, 'name="%s"' % name, len('name="'))


def value_at(text, name):
    i = text.index('name="%s"' % name)
    return line_col(text, text.index('value="', i) + len('value="'))


def element_at(text, name):
    i = text.index('name="%s"' % name)
    return line_col(text, text.rindex('<', 0, i))


def variants(seed_text):
    """(name, new text, expected diagnostic lines with OLD/NEW for the
    file names)."""
    out = []
    t = seed_text

    # a code deleted
    m = re.search(r'\n[ \t]*<error name="SSL_ERROR_BAD_CLIENT".*?</error>', t,
                  re.S)
    new = t[:m.start()] + t[m.end():]
    l, c = name_at(t, 'SSL_ERROR_BAD_CLIENT')
    out.append(('removed', new, [
        'OLD:%d:%d: error: SSL_ERROR_BAD_CLIENT (value -12282) is removed: '
        'code that uses it no longer compiles; keep it with '
        'status="obsolete"' % (l, c)]))

    # a value changed
    new = t.replace('name="SSL_ERROR_BAD_SERVER" value="-12281"',
                    'name="SSL_ERROR_BAD_SERVER" value="-12000"')
    ln, cn = value_at(new, 'SSL_ERROR_BAD_SERVER')
    lo, co = value_at(t, 'SSL_ERROR_BAD_SERVER')
    out.append(('value-changed', new, [
        'NEW:%d:%d: error: the value of SSL_ERROR_BAD_SERVER changes from '
        '-12281 to -12000' % (ln, cn),
        'OLD:%d:%d: note: it was -12281 here' % (lo, co)]))

    # a symbol renamed without keeping the old name
    new = t.replace('name="SSL_ERROR_NO_CERTIFICATE"',
                    'name="SSL_ERROR_NO_CERTIFICATE_FOUND"')
    ln, cn = name_at(new, 'SSL_ERROR_NO_CERTIFICATE_FOUND')
    lo, co = name_at(t, 'SSL_ERROR_NO_CERTIFICATE')
    out.append(('renamed', new, [
        'NEW:%d:%d: error: SSL_ERROR_NO_CERTIFICATE is renamed to '
        'SSL_ERROR_NO_CERTIFICATE_FOUND (value -12285) and the old name is '
        'not kept: code that uses SSL_ERROR_NO_CERTIFICATE no longer '
        'compiles; add <alias name="SSL_ERROR_NO_CERTIFICATE"/> to '
        'SSL_ERROR_NO_CERTIFICATE_FOUND' % (ln, cn),
        'OLD:%d:%d: note: SSL_ERROR_NO_CERTIFICATE was here' % (lo, co)]))

    # the value of an obsolete code given to a new one
    old_el = '<error name="SSL_ERROR_UNUSED_5" value="-12283" status="obsolete"/>'
    new = t.replace(old_el, '<error name="SSL_ERROR_SHINY_NEW" value="-12283">'
                    '<message>Something new.</message></error>')
    ln, cn = name_at(new, 'SSL_ERROR_SHINY_NEW')
    lo, co = name_at(t, 'SSL_ERROR_UNUSED_5')
    out.append(('obsolete-reused', new, [
        'NEW:%d:%d: error: value -12283 of obsolete code SSL_ERROR_UNUSED_5 '
        'is reused by SSL_ERROR_SHINY_NEW: a retired value is never given '
        'to another code' % (ln, cn),
        'OLD:%d:%d: note: SSL_ERROR_UNUSED_5 was retired here' % (lo, co)]))

    # an obsolete code made active again
    new = t.replace(old_el, '<error name="SSL_ERROR_UNUSED_5" value="-12283">'
                    '<message>Back again.</message></error>')
    ln, cn = element_at(new, 'SSL_ERROR_UNUSED_5')
    lo, co = element_at(t, 'SSL_ERROR_UNUSED_5')
    lm, cm = position(new, '<message>Back again.')
    out.append(('unretired', new, [
        'NEW:%d:%d: error: SSL_ERROR_UNUSED_5 goes back from obsolete to '
        'active: its value was retired' % (ln, cn),
        'OLD:%d:%d: note: it is obsolete here' % (lo, co),
        'NEW:%d:%d: note: SSL_ERROR_UNUSED_5: a message is added' % (lm, cm)]))

    # the domain renamed (the seed declares its gettext-domain, which stays)
    new = t.replace('domain="nss_ssl"', 'domain="nss_tls"', 1)
    lr, cr = position(t, '<errors ')
    out.append(('domain-renamed', new, [
        'NEW:%d:%d: error: the domain is renamed from \'nss_ssl\' to '
        '\'nss_tls\': every generated function, macro and file name '
        'changes' % (lr, cr),
        'OLD:%d:%d: note: it was \'nss_ssl\' here' % (lr, cr)]))

    # the prefix changed
    new = t.replace('prefix="SSL_ERROR_"', 'prefix="SSL_"', 1)
    out.append(('prefix-changed', new, [
        'NEW:%d:%d: error: the prefix changes from \'SSL_ERROR_\' to '
        '\'SSL_\'' % (lr, cr),
        'OLD:%d:%d: note: it was \'SSL_ERROR_\' here' % (lr, cr)]))
    return out


def breaking_variants(errgen, seed_text):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(SEED, os.path.join(tmp, 'old.xml'))
        for name, text, want in variants(seed_text):
            if text == seed_text:
                fail('%s: the edit did not apply' % name)
                continue
            with open(os.path.join(tmp, 'new.xml'), 'w') as f:
                f.write(text)
            rc, out, err = compat(errgen, 'old.xml', 'new.xml', tmp)
            nbreak = sum(': error: ' in w for w in want)
            want = [('old.xml' if w.startswith('OLD') else 'new.xml') + w[3:]
                    for w in want]
            want.append('new.xml: note: %d breaking and %d compatible '
                        'changes against old.xml'
                        % (nbreak, sum(': note: ' in w and 'here' not in w
                                       for w in want)))
            got = err.splitlines()
            if rc != 1 or got != want or out:
                fail('%s: exit %d (expected 1)\n  expected:\n    %s\n'
                     '  got:\n    %s' % (name, rc, '\n    '.join(want),
                                        '\n    '.join(got)))
            else:
                print('%s: caught: %s' % (name, got[0]))


def main():
    global SEED
    errgen, SEED, today = (os.path.abspath(a) for a in sys.argv[1:4])
    today_is_compatible(errgen, SEED, today)
    with open(SEED) as f:
        breaking_variants(errgen, f.read())
    if failures:
        sys.exit('%d failures' % failures)
    print('all passed')


if __name__ == '__main__':
    main()
