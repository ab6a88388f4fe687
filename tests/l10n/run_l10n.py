#!/usr/bin/env python3
"""The gettext and catgets outputs of one XML, used for real: msgfmt --check
on every .po and the .pot, .mo files in a temporary locale directory,
gencat over the German .msg, and l10n.c compiled against the generated
catalog and run (German and French through the locale and LANGUAGE, English
for what is untranslated, two threads in two locales, catgets).

usage: run_l10n.py ERRGEN XML
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# A template keeps these fields at their default values on purpose.
POT_DEFAULTS = ('PO-Revision-Date', 'Last-Translator', 'Language-Team',
                'Language')


def run(cmd, cwd, ok=(0,)):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        print('$ ' + ' '.join(cmd) + '\n' + p.stdout + p.stderr)
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p


def main():
    errgen, xml = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        run([errgen, '--flat', '-o', tmp, xml], tmp)
        files = sorted(os.listdir(tmp))
        domain = [f for f in files if f.endswith('_errors.h')][0][:-9]
        with open(os.path.join(tmp, domain + '_errors.h')) as f:
            textdomain = [l.split('"')[1] for l in f
                          if '_ERROR_TEXTDOMAIN "' in l][0]
        pos = [f for f in files if f.endswith('.po')]
        for po in pos + [domain + '.pot']:
            p = run(['msgfmt', '--check', '--statistics', '-o', '/dev/null',
                     po], tmp)
            warnings = [l for l in p.stderr.splitlines()
                        if 'warning' in l and not (
                            po.endswith('.pot') and
                            any("'%s'" % h in l for h in POT_DEFAULTS))]
            if warnings:
                sys.exit('FAIL: msgfmt --check on %s:\n%s'
                         % (po, '\n'.join(warnings)))
            print('%s: %s' % (po, p.stderr.strip().splitlines()[-1]))
        for po in pos:
            lang = po[:-3]
            mo_dir = os.path.join(tmp, 'locale', lang, 'LC_MESSAGES')
            os.makedirs(mo_dir)
            run(['msgfmt', '--check', '-o',
                 os.path.join(mo_dir, textdomain + '.mo'), po], tmp)
        cat = os.path.join(tmp, 'de.cat')
        if os.path.exists(os.path.join(tmp, 'de.msg')):
            run(['gencat', cat, 'de.msg'], tmp)
        else:
            cat = ''  # no German: nothing for catgets
        run([sys.executable, os.path.join(HERE, 'expect_l10n.py'), xml,
             os.path.join(tmp, 'expect_l10n.h')], tmp)
        # the checks count gettext calls through --wrap (see l10n.c); the
        # second build runs them again under ThreadSanitizer, which sees the
        # catalog's lock-free cache from two threads
        cc = ['gcc', '-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Wall',
              '-Wextra', '-Werror', '-pthread', '-I.',
              '-Wl,--wrap=dgettext,--wrap=dcgettext',
              os.path.join(HERE, 'l10n.c'), domain + '_errors.c']
        run(cc + ['-O2', '-o', 'l10n'], tmp)
        args = [os.path.join(tmp, 'locale'), cat]
        p = run(['./l10n'] + args, tmp, ok=(0, 1, 77))
        print(p.stdout, end='')
        if p.returncode != 0:
            sys.exit(p.returncode)
        # the same checks with the cache of answers turned off
        run(cc + ['-O2', '-DERRGEN_NO_CACHE', '-o', 'l10n-nocache'], tmp)
        p = run(['./l10n-nocache'] + args, tmp, ok=(0, 1))
        if p.returncode != 0:
            print(p.stdout, end='')
            sys.exit('FAIL: with -DERRGEN_NO_CACHE')
        print('-DERRGEN_NO_CACHE: the same checks pass, gettext asked '
              'every time')
        run(cc + ['-O1', '-g', '-fsanitize=thread', '-o', 'l10n-tsan'], tmp)
        env = dict(os.environ, TSAN_OPTIONS='halt_on_error=1 exitcode=66')
        t = subprocess.run(['./l10n-tsan'] + args, cwd=tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if t.returncode != 0:
            print(t.stdout)
            sys.exit('FAIL: under ThreadSanitizer: exit status %d'
                     % t.returncode)
        print('ThreadSanitizer: the same checks pass, no report')


if __name__ == '__main__':
    main()
