#!/usr/bin/env python3
"""A meson project that uses errgen, built and run from scratch.

usage: run_consumer_project.py installed|subproject BUILD_ROOT SOURCE_ROOT

installed   errgen's build (BUILD_ROOT) is installed with --destdir into a
            temporary directory; the consumer finds it through pkg-config
            (PKG_CONFIG_PATH into the DESTDIR), as dependency('errgen') and
            find_program() of its 'errgen' variable
subproject  the consumer gets errgen's source tree (SOURCE_ROOT) as
            subprojects/errgen, a symlink, and uses subproject('errgen') and
            find_program('errgen'); errgen's tests and its `output` target
            must stay out of the parent's build

Either way the consumer (tests/meson-consumer/project, copied to a temporary
directory) is configured, built, tested and run; its program must print the
right name and message, and the docs and JSON must be among its build
products.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED_LINE = 'DEMO_E_NOT_FOUND: The demo file was not found.'


def run(cmd, env=None, cwd=None):
    print('$ ' + ' '.join(cmd))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, env=env, cwd=cwd)
    if p.returncode != 0:
        print(p.stdout[-6000:])
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def introspect(build, what):
    return json.loads(run(['meson', 'introspect', '--' + what, build]))


def install_errgen(build_root, dest):
    """Installs errgen into dest; returns the environment that finds it."""
    run(['meson', 'install', '--no-rebuild', '--quiet', '--destdir', dest,
         '-C', build_root])
    opts = {o['name']: o['value']
            for o in introspect(build_root, 'buildoptions')}
    datadir = opts['datadir']
    if not os.path.isabs(datadir):
        datadir = os.path.join(opts['prefix'], datadir)
    pcdir = dest + os.path.join(datadir, 'pkgconfig')
    env = dict(os.environ, PKG_CONFIG_PATH=pcdir)
    probe = subprocess.run(['pkg-config', '--about'], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env)
    if probe.returncode == 0:
        # pkgconf puts the sysroot in front of variables as well, so the
        # errgen variable names the DESTDIR copy
        env['PKG_CONFIG_SYSROOT_DIR'] = dest
    else:
        # freedesktop pkg-config does not: relocate a copy of the .pc file,
        # as its --define-prefix would
        relocated = os.path.join(dest, 'pc-relocated')
        os.makedirs(relocated)
        with open(os.path.join(pcdir, 'errgen.pc')) as f:
            lines = f.read().split('\n')
        lines = ['prefix=' + dest + l[len('prefix='):]
                 if l.startswith('prefix=') else l for l in lines]
        with open(os.path.join(relocated, 'errgen.pc'), 'w') as f:
            f.write('\n'.join(lines))
        env['PKG_CONFIG_PATH'] = relocated
    return env


def check_products(build, mode, dest):
    for f in ('demo_errors.h', 'demo_errors.c', 'demo_map.h', 'demo_map.c',
              'demo.md', 'demo.html', 'demo.json',
              'po/de/LC_MESSAGES/demo-errors.mo'):
        if not os.path.isfile(os.path.join(build, f)):
            sys.exit('FAIL: %s was not built' % f)
    with open(os.path.join(build, 'demo.json'), encoding='utf-8') as f:
        doc = json.load(f)
    names = [e['name'] for e in doc['errors']]
    if doc['domain'] != 'demo' or names != ['DEMO_E_NOT_FOUND',
                                            'DEMO_E_EMPTY_NAME',
                                            'DEMO_E_RETIRED']:
        sys.exit('FAIL: demo.json: %s %s' % (doc['domain'], names))
    with open(os.path.join(build, 'demo.html'), encoding='utf-8') as f:
        if 'id="DEMO_E_NOT_FOUND"' not in f.read():
            sys.exit('FAIL: demo.html has no anchor for DEMO_E_NOT_FOUND')
    with open(os.path.join(build, 'demo.md'), encoding='utf-8') as f:
        if '<a id="DEMO_E_EMPTY_NAME"></a>' not in f.read():
            sys.exit('FAIL: demo.md has no anchor for DEMO_E_EMPTY_NAME')


def check_errgen_used(log, mode, dest):
    """The setup log names the errgen that the consumer runs."""
    if mode == 'installed':
        want = 'Program %s' % dest
        if want not in log:
            print(log)
            sys.exit('FAIL: the consumer did not take errgen from the '
                     'DESTDIR install')
    elif 'Executing subproject errgen' not in log:
        print(log)
        sys.exit('FAIL: errgen was not configured as a subproject')


def check_subproject_quiet(build):
    """errgen's own tests and its `output` target are not the parent's."""
    tests = [t['name'] for t in introspect(build, 'tests')]
    if tests != ['demo']:
        sys.exit('FAIL: the consumer has these tests: %s' % tests)
    targets = [t['name'] for t in introspect(build, 'targets')]
    if 'output' in targets:
        sys.exit("FAIL: errgen's output target is in the consumer's build")
    if 'errgen' not in targets:
        sys.exit('FAIL: errgen was not built as part of the consumer')


def main():
    mode, build_root, src_root = sys.argv[1:4]
    build_root, src_root = map(os.path.abspath, (build_root, src_root))
    if mode not in ('installed', 'subproject'):
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'demo')
        shutil.copytree(os.path.join(HERE, 'project'), src)
        build = os.path.join(tmp, 'build')
        dest = os.path.join(tmp, 'dest')
        env = dict(os.environ)
        if mode == 'installed':
            env = install_errgen(build_root, dest)
        else:
            os.makedirs(os.path.join(src, 'subprojects'))
            os.symlink(src_root, os.path.join(src, 'subprojects', 'errgen'))
        # no stray configuration from the environment the test runs in
        for k in ('CFLAGS', 'LDFLAGS', 'MESON_TESTTHREADS'):
            env.pop(k, None)
        log = run(['meson', 'setup', build, src, '-Derrgen_from=' + mode],
                  env=env)
        check_errgen_used(log, mode, dest)
        if mode == 'subproject':
            check_subproject_quiet(build)
        run(['meson', 'compile', '-C', build], env=env)
        check_products(build, mode, dest)
        out = run([os.path.join(build, 'demo')])
        if out.strip() != EXPECTED_LINE:
            sys.exit('FAIL: demo printed %r, want %r' % (out, EXPECTED_LINE))
        run(['meson', 'test', '-C', build, '--print-errorlogs'], env=env)
        # the docs are installable build products
        run(['meson', 'install', '--quiet', '--destdir',
             os.path.join(tmp, 'demo-dest'), '-C', build], env=env)
        docs = [f for _, _, fs in os.walk(os.path.join(tmp, 'demo-dest'))
                for f in fs if f.startswith('demo')]
        if sorted(docs) != ['demo-errors.mo', 'demo.html', 'demo.json',
                            'demo.md']:
            sys.exit('FAIL: the consumer installed %s' % sorted(docs))
        # the committed po/ files are what errgen makes of the XML
        errgen = os.path.join(build_root, 'gen', 'errgen')
        run([errgen, 'check', '--flat', '--emit=gettext', '-o',
             os.path.join(HERE, 'project', 'po'),
             os.path.join(HERE, 'project', 'demo-errors.xml')])
    print('consumer built with errgen from %s: %s' % (mode, EXPECTED_LINE))


if __name__ == '__main__':
    main()
