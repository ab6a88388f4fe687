#!/usr/bin/env python3
"""`meson install` puts errgen, its schema, its manual page and errgen.pc in
place, and errgen.pc leads to the installed program and schema.

usage: install.py BUILD_DIR SOURCE_ROOT

The build directory is installed with --destdir into a temporary directory
(--no-rebuild: meson test has built it). Then:
- the files are there (errgen executable, errgen.xsd and xml.xsd, errgen.1
  as in doc/, errgen.pc) and `meson introspect --installed` agrees;
- errgen.pc validates, has no compile or link flags (data only), gives the
  project's version, and its variables errgen and schemadir are the
  installed paths: as written (prefix-based), with --define-prefix (the
  DESTDIR copy), and, with pkgconf, under PKG_CONFIG_SYSROOT_DIR;
- the installed program runs: --version, and a generation of
  data/nss-ssl.xml.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(cmd, env=None, check=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, env=env)
    if check and p.returncode != 0:
        print(p.stdout + p.stderr)
        sys.exit('FAIL: %s exited %d' % (' '.join(cmd), p.returncode))
    return p


failed = False


def expect(cond, msg):
    global failed
    if not cond:
        print('FAIL: ' + msg)
        failed = True


def options(build):
    p = run(['meson', 'introspect', '--buildoptions', build])
    return {o['name']: o['value'] for o in json.loads(p.stdout)}


def under(prefix, d):
    return d if os.path.isabs(d) else os.path.join(prefix, d)


def main():
    build, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    opts = options(build)
    prefix = opts['prefix']
    version = json.loads(run(['meson', 'introspect', '--projectinfo',
                              build]).stdout)['version']
    bindir = under(prefix, opts['bindir'])
    datadir = under(prefix, opts['datadir'])
    mandir = under(prefix, opts['mandir'])
    with tempfile.TemporaryDirectory() as dest:
        run(['meson', 'install', '--no-rebuild', '--destdir', dest,
             '-C', build])

        def staged(p):
            return dest + p

        prog = os.path.join(bindir, 'errgen')
        schemadir = os.path.join(datadir, 'errgen')
        pcdir = os.path.join(datadir, 'pkgconfig')
        files = [prog, os.path.join(schemadir, 'errgen.xsd'),
                 os.path.join(schemadir, 'xml.xsd'),
                 os.path.join(mandir, 'man1', 'errgen.1'),
                 os.path.join(pcdir, 'errgen.pc')]
        for f in files:
            expect(os.path.isfile(staged(f)), '%s not installed' % f)
        expect(os.access(staged(prog), os.X_OK), 'errgen is not executable')
        installed = json.loads(run(['meson', 'introspect', '--installed',
                                    build]).stdout).values()
        for f in files:
            expect(f in installed, '%s not in introspect --installed' % f)
        with open(staged(os.path.join(mandir, 'man1', 'errgen.1')),
                  'rb') as a, open(os.path.join(src, 'doc', 'errgen.1'),
                                   'rb') as b:
            expect(a.read() == b.read(), 'installed man page differs')

        # the installed program
        p = run([staged(prog), '--version'])
        expect(p.stdout == 'errgen %s\n' % version,
               'installed errgen --version: %r' % p.stdout)
        with tempfile.TemporaryDirectory() as out:
            p = run([staged(prog), '-o', out,
                     os.path.join(src, 'data', 'nss-ssl.xml')])
            expect(os.path.isfile(os.path.join(out, 'nss_ssl',
                                               'nss_ssl_errors.h')),
                   'installed errgen generated nothing')

        # errgen.pc, found through PKG_CONFIG_PATH only
        env = dict(os.environ, PKG_CONFIG_PATH=staged(pcdir),
                   PKG_CONFIG_LIBDIR=staged(pcdir))
        env.pop('PKG_CONFIG_SYSROOT_DIR', None)

        def pc(*args, extra=None):
            e = dict(env, **(extra or {}))
            return run(['pkg-config'] + list(args) + ['errgen'],
                       env=e).stdout.strip()

        run(['pkg-config', '--validate', 'errgen'], env=env)
        expect(pc('--modversion') == version, 'pkg-config --modversion')
        expect(pc('--cflags', '--libs') == '',
               'errgen.pc has flags: %r' % pc('--cflags', '--libs'))
        expect(pc('--variable=errgen') == prog,
               'variable errgen: %r, want %r' % (pc('--variable=errgen'),
                                                 prog))
        expect(pc('--variable=schemadir') == schemadir,
               'variable schemadir: %r' % pc('--variable=schemadir'))
        # relocated to where the .pc file is: the DESTDIR copy
        moved = pc('--define-prefix', '--variable=errgen')
        expect(os.path.realpath(moved) == os.path.realpath(staged(prog)),
               '--define-prefix: errgen %r, want %r' % (moved, staged(prog)))
        moved = pc('--define-prefix', '--variable=schemadir')
        expect(os.path.isfile(os.path.join(moved, 'errgen.xsd')),
               '--define-prefix: schemadir %r has no errgen.xsd' % moved)
        p = run(['pkg-config', '--define-prefix', '--variable=errgen',
                 'errgen'], env=env)
        run([p.stdout.strip(), '--version'])
        # pkgconf puts the sysroot in front of variables too
        if run(['pkg-config', '--about'], env=env,
               check=False).returncode == 0:
            got = pc('--variable=errgen',
                     extra={'PKG_CONFIG_SYSROOT_DIR': dest})
            expect(got == staged(prog),
                   'PKG_CONFIG_SYSROOT_DIR: errgen %r' % got)
        else:
            print('note: not pkgconf; PKG_CONFIG_SYSROOT_DIR not checked')
    if failed:
        sys.exit(1)
    print('installed: %s; errgen.pc variables right' % ', '.join(files))


if __name__ == '__main__':
    main()
