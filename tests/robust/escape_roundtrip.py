#!/usr/bin/env python3
"""Awkward strings survive every output of errgen byte for byte.

usage: escape_roundtrip.py ERRGEN [escape.xml]

escape.xml is a valid document whose messages, translations, titles,
descriptions, explanations, unknown-message and map notes hold text that
is hard to carry into C and gettext: comment delimiters, trigraphs, quotes,
backslashes, newlines, tabs, CR, %%, non-ASCII (4-byte UTF-8, combining
marks, U+200B, U+FEFF), XML escapes, CDATA, text that looks like an octal
or hex escape followed by digits, a 4086-byte message, a 13000-byte
explanation without a space and a 200-character symbol.

The test:
  1. generates every kind of output with errgen (no diagnostics expected);
  2. compiles the header and the catalog with gcc (C99, where trigraphs are
     on, and C11) and g++ (C++11, trigraphs on, and C++17) under
     -Wall -Wextra -Wpedantic -Werror, plus every other generated .c file
     with the standard it is meant for;
  3. runs escape_dump (escape_dump.c), which prints every name and message
     through the generated API as hex, and compares the bytes with the XML
     text as Python's xml.etree reads it: names, English messages, the
     unknown-message fallback, name -> code, localized messages via the
     .mo files msgfmt builds from the generated .po (if the locales are
     installed) and catgets via the catalogs gencat builds from the .msg;
  4. reads the gettext files back: every .po through msgfmt --check and
     Python's gettext module (msgctxt, msgid and msgstr exact), the .pot
     through msgen + msgfmt; explanations must appear, words intact, in the
     translator comments.

  5. reads DOMAIN.json back with the json module: every text exact. The
     Markdown and HTML pages are read back by tests/docs/check_docs.py,
     which meson runs on escape.xml as robust-docs-escape-{json,html,markdown}.

Extension point: a new output kind makes check_other_kinds() fail until a
reader for it is added here.

Exit status: 0 pass, 1 failure, 77 skipped (no C compiler).
"""
import gettext
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
NS = '{urn:errgen:1}'
LANG_ATTR = '{http://www.w3.org/XML/1998/namespace}lang'
DOMAIN = 'esc'
STRICT = ['-Wall', '-Wextra', '-Wpedantic', '-Werror']
# compiler, standard, whether trigraphs are on in that mode
BUILDS = [('gcc', 'c99'), ('gcc', 'c11'), ('g++', 'c++11'), ('g++', 'c++17')]
# a locale per language of escape.xml, for the localized lookups
LOCALES = {'de': 'de_DE.UTF-8', 'fr': 'fr_FR.UTF-8'}

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def run(cmd, cwd, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if check and p.returncode != 0:
        print('$ ' + ' '.join(cmd))
        sys.stdout.write(p.stdout.decode('utf-8', 'replace')[-4000:])
        sys.stdout.write(p.stderr.decode('utf-8', 'replace')[-4000:])
        fail('%s exited with %d' % (os.path.basename(cmd[0]), p.returncode))
    return p


def expectations(xml_path):
    """The XML's texts as Python reads them."""
    root = ET.parse(xml_path).getroot()
    unknown = root.get('unknown-message', 'Unknown error code')
    codes = {}
    for e in root.iter(NS + 'error'):
        texts = {}
        for m in e.findall(NS + 'message'):
            texts[m.get(LANG_ATTR)] = m.text or ''
        ex = e.find(NS + 'explanation')
        codes[int(e.get('value'))] = {
            'name': e.get('name'),
            'english': texts.pop(None, None),
            'tr': texts,
            'explanation': ex.text if ex is not None else None,
            'aliases': [a.get('name') for a in e.findall(NS + 'alias')],
        }
    langs = (root.get('languages') or '').split()
    return root, unknown, codes, langs


def sanity(unknown, codes):
    """escape.xml must really contain what the test claims to cover."""
    everything = unknown + ''.join(
        (c['english'] or '') + ''.join(c['tr'].values())
        for c in codes.values())
    for needle in ['*/', '/*', '??/', '??=', '"', '\\', '\n', '\t', '\r',
                   '%%', '\U0001D11E', '\u0301', '\ufeff', '<', '&',
                   '\\012', '\xe9123', '\xe9abc']:
        if needle not in everything:
            fail('escape.xml lost its %r' % needle)
    longest = max(len((c['english'] or '').encode()) for c in codes.values())
    if longest < 4000:
        fail('escape.xml has no message near the 4095-byte limit')


def hexs(s):
    return s.encode('utf-8').hex() if s else 'empty'


def compile_all(out, tmp):
    """Compiles the generated C in every mode; returns the dump programs."""
    programs = []
    for compiler, std in BUILDS:
        if shutil.which(compiler) is None:
            print('note: %s not installed; %s skipped' % (compiler, std))
            continue
        cxx = compiler.endswith('++')
        lang = ['-x', 'c++'] if cxx else []
        flags = ['-std=' + std] + STRICT
        exe = os.path.join(tmp, 'dump-%s-%s' % (compiler, std))
        objs = []
        for src in [os.path.join(out, DOMAIN + '_errors.c'),
                    os.path.join(HERE, 'escape_dump.c')]:
            obj = os.path.join(tmp, '%s-%s-%s.o' % (
                os.path.basename(src), compiler, std))
            cmd = [compiler] + flags + lang + ['-I', out, '-c', src, '-o', obj]
            if run(cmd, tmp).returncode == 0:
                objs.append(obj)
        if len(objs) == 2 and run([compiler] + objs + ['-o', exe],
                                  tmp).returncode == 0:
            programs.append(exe)
        # the other generated C files, in their own language mode
        for src in sorted(glob.glob(os.path.join(out, '*.c'))):
            base = os.path.basename(src)
            if base == DOMAIN + '_errors.c':
                continue
            if base.endswith('_assert.c'):
                if std == 'c99':
                    continue  # _Static_assert: C11 and C++11
                extra = ['-include', os.path.join(out, DOMAIN + '_errors.h')]
            else:
                extra = []
            print('compiling %s as %s' % (base, std))
            run([compiler] + flags + lang + extra + ['-I', out, '-c', src,
                                                     '-o', os.devnull], tmp)
    return programs


def parse_dump(text):
    got = {}
    for line in text.splitlines():
        parts = line.split(' ')
        got[tuple(parts[:-1])] = parts[-1]
    return got


def check_dump(got, unknown, codes, label):
    lo, hi = min(codes) - 1, max(codes) + 1
    for code in range(lo, hi + 1):
        c = codes.get(code)
        want_name = c['name'].encode().hex() if c else '-'
        if got.get(('name', str(code))) != want_name:
            fail('%s: name of %d: got %s, want %s' % (
                label, code, got.get(('name', str(code))), want_name))
        english = c['english'] if c else None
        want_msg = hexs(english if english is not None else unknown)
        if got.get(('message', str(code))) != want_msg:
            fail('%s: message of %d differs:\n  got  %s\n  want %s' % (
                label, code, got.get(('message', str(code))), want_msg))
        if c:
            found = got.get(('from_name', str(code), '1'))
            if found != str(code):
                fail('%s: from_name(%s) gave %r' % (label, c['name'], found))


def check_l10n(got, unknown, codes, lang, label):
    for code in range(min(codes) - 1, max(codes) + 2):
        c = codes.get(code)
        if c is None:
            want = unknown
        else:
            want = c['tr'].get(lang) or c['english'] or unknown
        key = ('l10n', lang, str(code))
        if got.get(key) != hexs(want):
            fail('%s: %s message of %d differs:\n  got  %s\n  want %s' % (
                label, lang, code, got.get(key), hexs(want)))


def check_catgets(got, codes, lang, label):
    for code in range(min(codes), max(codes) + 1):
        c = codes.get(code)
        want = c['tr'].get(lang) if c else None
        key = ('catgets', lang, str(code))
        have = got.get(key)
        if want is not None and have != hexs(want):
            fail('%s: catgets %s of %d differs:\n  got  %s\n  want %s' % (
                label, lang, code, have, hexs(want)))
        if want is None and have != '-':
            fail('%s: catgets %s has a message for %d, which has no %s '
                 'translation: %s' % (label, lang, code, lang, have))


def mo_catalog(po, tmp, env):
    mo = os.path.join(tmp, os.path.basename(po) + '.mo')
    if run(['msgfmt', '--check', '-o', mo, po], tmp, env).returncode:
        return None, None
    with open(mo, 'rb') as f:
        return gettext.GNUTranslations(f)._catalog, mo


def check_gettext(out, tmp, codes, langs, unknown, env):
    """The .po and .pot read back through msgfmt and Python's gettext."""
    if not shutil.which('msgfmt'):
        print('note: msgfmt not installed; gettext files not read back')
        return {}
    mos = {}
    for lang in langs:
        po = os.path.join(out, lang + '.po')
        cat, mo = mo_catalog(po, tmp, env)
        if cat is None:
            continue
        mos[lang] = mo
        want = {}
        for c in codes.values():
            if c['english'] is not None and lang in c['tr']:
                want[c['name'] + '\x04' + c['english']] = c['tr'][lang]
        have = {k: v for k, v in cat.items() if k != ''}
        for k in sorted(set(want) | set(have)):
            if want.get(k) != have.get(k):
                fail('%s.po: entry %r: got %r, want %r' % (
                    lang, k[:60], (have.get(k) or '')[:80],
                    (want.get(k) or '')[:80]))
    pot = os.path.join(out, DOMAIN + '.pot')
    if shutil.which('msgen'):
        en = os.path.join(tmp, 'en.po')
        if run(['msgen', '-o', en, pot], tmp, env).returncode == 0:
            cat, _ = mo_catalog(en, tmp, env)
            if cat is not None:
                want = {c['name'] + '\x04' + c['english']: c['english']
                        for c in codes.values() if c['english'] is not None}
                # the fallback text, with a context of its own
                want[DOMAIN + '_error_unknown\x04' + unknown] = unknown
                have = {k: v for k, v in cat.items() if k != ''}
                if want != have:
                    for k in sorted(set(want) ^ set(have)):
                        fail('%s.pot: entry %r only in %s' % (
                            DOMAIN, k[:70], 'XML' if k in want else 'pot'))
    else:
        print('note: msgen not installed; .pot msgids not read back')
    # explanations in the translator comments: the words, intact
    with open(pot, encoding='utf-8') as f:
        pot_text = f.read()
    for block in pot_text.split('\n\n'):
        lines = block.split('\n')
        ctx = [l for l in lines if l.startswith('msgctxt ')]
        if not ctx:
            continue
        sym = ctx[0][len('msgctxt "'):-1]
        c = next((c for c in codes.values() if c['name'] == sym), None)
        if not c or not c['explanation']:
            continue
        comment = ' '.join(l[3:] for l in lines if l.startswith('#. '))
        if ' '.join(c['explanation'].split()) not in ' '.join(comment.split()):
            fail('%s.pot: the explanation of %s is not intact in its '
                 'comments' % (DOMAIN, sym))
    return mos


def check_json(out, xml):
    """DOMAIN.json read back with the json module: every text exact."""
    path = os.path.join(out, DOMAIN + '.json')
    if not os.path.exists(path):
        print('note: no %s.json (errgen without the json kind)' % DOMAIN)
        return
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    root = ET.parse(xml).getroot()

    def text(el, tag):
        k = el.find(NS + tag)
        return k.text if k is not None else None

    want = {'title': text(root, 'title'),
            'description': text(root, 'description'),
            'unknown_message': root.get('unknown-message')}
    for k, v in want.items():
        if doc.get(k) != v:
            fail('%s.json: %s is %r, want %r' % (DOMAIN, k, doc.get(k), v))
    groups = {g['id']: g for g in doc.get('groups', [])}
    for g in root.iter(NS + 'group'):
        for k in ('title', 'description'):
            if groups.get(g.get('id'), {}).get(k) != text(g, k):
                fail('%s.json: group %s %s differs' % (DOMAIN, g.get('id'), k))
    errors = {e['name']: e for e in doc.get('errors', [])}
    for e in root.iter(NS + 'error'):
        got = errors.get(e.get('name'))
        if got is None:
            fail('%s.json: %s missing' % (DOMAIN, e.get('name')))
            continue
        msgs = {m.get(LANG_ATTR): m.text for m in e.findall(NS + 'message')}
        checks = [('value', int(e.get('value'))),
                  ('message', msgs.pop(None, None)),
                  ('translations', msgs),
                  ('explanation', text(e, 'explanation')),
                  ('aliases',
                   [a.get('name') for a in e.findall(NS + 'alias')])]
        for k, v in checks:
            if got.get(k) != v:
                fail('%s.json: %s.%s is %r, want %r' % (
                    DOMAIN, e.get('name'), k, str(got.get(k))[:80],
                    str(v)[:80]))
        notes = [m.get('note') for m in e.findall(NS + 'map')]
        if [m.get('note') for m in got.get('mappings', [])] != notes:
            fail('%s.json: %s mapping notes differ' % (DOMAIN, e.get('name')))
    print('%s.json: every text equals the XML' % DOMAIN)


def check_other_kinds(out):
    """Extension point: output kinds this test does not read back yet. The
    Markdown and HTML pages are checked by tests/docs/check_docs.py, which
    tests/robust/meson.build runs on escape.xml (robust-docs-escape-*)."""
    known = ('.h', '.c', '.po', '.pot', '.msg', '.json', '.md', '.html')
    for name in sorted(os.listdir(out)):
        if not name.endswith(known):
            fail('errgen now writes %s; teach escape_roundtrip.py to read it '
                 'back (check_other_kinds)' % name)


def main():
    errgen = os.path.abspath(sys.argv[1])
    xml = os.path.abspath(sys.argv[2] if len(sys.argv) > 2
                          else os.path.join(HERE, 'escape.xml'))
    if not any(shutil.which(c) for c, _ in BUILDS):
        print('SKIP: neither gcc nor g++ is installed')
        return 77
    root, unknown, codes, langs = expectations(xml)
    sanity(unknown, codes)
    env = dict(os.environ, LC_ALL='C.UTF-8')
    env.pop('LANGUAGE', None)
    with tempfile.TemporaryDirectory(prefix='errgen-escape-') as tmp:
        out = os.path.join(tmp, 'out')
        p = run([errgen, '--flat', '-o', out, xml], tmp, env)
        if p.returncode:
            return 1
        if p.stderr:
            fail('errgen printed diagnostics for a valid file:\n'
                 + p.stderr.decode('utf-8', 'replace'))
        check_other_kinds(out)
        check_json(out, xml)
        mos = check_gettext(out, tmp, codes, langs, unknown, env)
        # .mo files where bindtextdomain looks, .cat files from gencat
        localedir = os.path.join(tmp, 'locale')
        gettext_domain = root.get('gettext-domain', DOMAIN.replace('_', '-'))
        specs = []
        for lang in langs:
            if lang in mos:
                d = os.path.join(localedir, lang, 'LC_MESSAGES')
                os.makedirs(d, exist_ok=True)
                shutil.copy(mos[lang], os.path.join(d, gettext_domain + '.mo'))
            spec = '%s=%s' % (lang, LOCALES.get(lang, lang))
            msg = os.path.join(out, lang + '.msg')
            if shutil.which('gencat') and os.path.exists(msg):
                cat = os.path.join(tmp, lang + '.cat')
                if run(['gencat', cat, msg], tmp, env).returncode == 0:
                    spec += '=' + cat
            specs.append(spec)
        programs = compile_all(out, tmp)
        if not programs:
            fail('nothing compiled')
        for exe in programs:
            label = os.path.basename(exe)
            p = run([exe, localedir] + specs, tmp, env)
            if p.returncode:
                continue
            got = parse_dump(p.stdout.decode('ascii'))
            check_dump(got, unknown, codes, label)
            for spec in specs:
                lang = spec.split('=')[0]
                if ('nolocale', lang) in got:
                    print('note: locale for %s not installed; localized '
                          'lookups not checked' % lang)
                elif lang in mos:
                    check_l10n(got, unknown, codes, lang, label)
                if spec.count('=') == 2:
                    check_catgets(got, codes, lang, label)
            print('%s: %d lines checked' % (label, len(got)))
    if failures:
        print('%d failure(s)' % len(failures))
        return 1
    print('PASS: every string of %s survived errgen byte for byte'
          % os.path.basename(xml))
    return 0


if __name__ == '__main__':
    sys.exit(main())
