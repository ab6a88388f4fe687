#!/usr/bin/env python3
"""The .po round trip: emit, edit translations as a translator would,
errgen import-po, emit again. The edits appear, nothing else changes; fuzzy,
obsolete and unknown entries are reported and skipped; a translation whose
printf conversions differ is refused and the XML stays as it was.

usage: po_roundtrip.py ERRGEN XML   (the XML must declare the language de)
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile


def errgen(*args, cwd):
    return subprocess.run([ERRGEN] + list(args), cwd=cwd, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def entries(po):
    """(msgctxt, msgstr-start, msgstr-end) of every single-line entry."""
    for m in re.finditer(r'msgctxt "([^"]*)"\nmsgid "((?:[^"\\]|\\.)+)"\n'
                         r'msgstr "((?:[^"\\]|\\.)*)"\n', po):
        yield m


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def fail(msg, p=None):
    if p is not None:
        print(p.stdout + p.stderr)
    sys.exit('FAIL: ' + msg)


def main():
    global ERRGEN
    ERRGEN = os.path.abspath(sys.argv[1])
    src = os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        xml = os.path.join(tmp, 'in.xml')
        shutil.copy(src, xml)
        out1, out2 = os.path.join(tmp, 'out1'), os.path.join(tmp, 'out2')
        p = errgen('--flat', '-o', out1, xml, cwd=tmp)
        if p.returncode:
            fail('generate', p)
        po = read(os.path.join(out1, 'de.po'))
        found = list(entries(po))
        done = [m for m in found if m.group(3)]
        todo = [m for m in found if not m.group(3)
                and not m.group(1).endswith('_error_unknown')
                and '%' not in m.group(2)]
        if not done or len(todo) < 3:
            fail('the XML needs German translations and untranslated codes')
        changed, added, fuzzy = done[0], todo[0], todo[1]
        new_text = changed.group(3) + ' (überarbeitet)'
        added_text = 'Neu übersetzt: ' + added.group(2)
        # edits from the end, so earlier offsets stay valid
        edits = sorted([
            (changed.start(3), changed.end(3), new_text),
            (added.start(3), added.end(3), added_text),
            (fuzzy.start(0), fuzzy.start(0), '#, fuzzy\n'),
            (fuzzy.start(3), fuzzy.end(3), 'Unscharf'),
        ], reverse=True)
        for a, b, text in edits:
            po = po[:a] + text + po[b:]
        po += ('\n#~ msgctxt "%s"\n#~ msgid "Old"\n#~ msgstr "Alt"\n'
               % todo[2].group(1))
        po += ('\nmsgctxt "NO_SUCH_CODE"\nmsgid "Nothing"\nmsgstr "Nichts"\n')
        edited = os.path.join(tmp, 'de.po')
        write(edited, po)

        before = read(xml)
        p = errgen('import-po', edited, xml, cwd=tmp)
        if p.returncode != 0:
            fail('import-po exit status %d' % p.returncode, p)
        for want in ('fuzzy translation skipped', "entry 'NO_SUCH_CODE'",
                     '1 added, 1 updated', '1 obsolete', '1 unknown'):
            if want not in p.stderr:
                fail('import-po did not report %r' % want, p)
        after = read(xml)
        diff = [l for l in difflib.unified_diff(before.splitlines(),
                                                after.splitlines(), n=0,
                                                lineterm='')
                if l[:1] in '+-' and l[:3] not in ('+++', '---')]
        minus = [l for l in diff if l.startswith('-')]
        plus = [l for l in diff if l.startswith('+')]
        if len(minus) != 1 or len(plus) != 2:
            fail('the XML changed more than the two translations:\n'
                 + '\n'.join(diff))

        p = errgen('--flat', '-o', out2, xml, cwd=tmp)
        if p.returncode:
            fail('generate after import', p)
        po2 = read(os.path.join(out2, 'de.po'))
        for text in (new_text, added_text):
            if 'msgstr "%s"' % text not in po2:
                fail('de.po after import lacks %r' % text)
        if 'Unscharf' in po2:
            fail('the fuzzy translation was imported')
        # the other outputs are unchanged, except that a line added to the
        # XML moves the "#: in.xml:LINE" references of later entries
        def masked(name, text):
            if name.endswith(('.po', '.pot')):
                return re.sub(r'(?m)^#: .*$', '#:', text)
            return text
        for name in sorted(os.listdir(out1)):
            # de.po and de.msg carry the edits; the reference docs and JSON
            # show every translation, so they change with them too
            if name in ('de.po', 'de.msg') or name.endswith(
                    ('.json', '.md', '.html')):
                continue
            if masked(name, read(os.path.join(out1, name))) != \
                    masked(name, read(os.path.join(out2, name))):
                fail('%s changed though no input of it did' % name)

        # a translation with other printf conversions is refused whole
        fmt = [m for m in entries(po2) if '%s' in m.group(2)]
        if fmt:
            bad = po2[:fmt[0].start(3)] + 'Fehler %d' + po2[fmt[0].end(3):]
            write(edited, bad)
            before = read(xml)
            p = errgen('import-po', edited, xml, cwd=tmp)
            if p.returncode != 2 or 'refused' not in p.stderr:
                fail('a printf mismatch was not refused', p)
            if read(xml) != before:
                fail('a refused import changed the XML')
    print('round trip: 1 updated, 1 added, fuzzy/obsolete/unknown skipped'
          + (', printf mismatch refused' if fmt else ''))


if __name__ == '__main__':
    main()
