#!/usr/bin/env python3
"""Generates the catalogs and mappings of both NSS data sets with errgen,
compiles a test program against them and the installed OpenSSL, and runs it.

usage: run_openssl.py ERRGEN SSL_XML SEC_XML PROGRAM [COMPILER [FLAG...]]

PROGRAM is handshake (real TLS handshakes, OpenSSL calls and system calls
that fail, mapped) or roundtrip (every mapping of the XML taken there and
back, and OpenSSL's received-alert reasons against the TLS alert table).
The expectations that come from the XML (messages, mappings) are written
by this script with Python's own XML parser, not by errgen. FLAGs (such
as -I and -L for OpenSSL) go to every compiler and linker call.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
from ctext import c_string  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NS = '{urn:errgen:1}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
FLAGS = ['-std=c11', '-Wall', '-Wextra', '-Wpedantic', '-Werror']


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print('$ ' + ' '.join(cmd) + '\n' + p.stdout)
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def english(error):
    for m in error.findall(NS + 'message'):
        if m.get(XML_LANG) is None:
            return m.text
    return None


def write_messages(xmls, path):
    lines = ['/* The English message of every code, from the XML. */',
             'static const struct { const char *name, *message; } '
             'xml_messages[] = {']
    for xml in xmls:
        for e in ET.parse(xml).getroot().iter(NS + 'error'):
            msg = english(e)
            if msg is not None:
                lines.append('\t{%s, %s},' % (c_string(e.get('name')),
                                             c_string(msg)))
    lines.append('};')
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')


def main():
    errgen = os.path.abspath(sys.argv[1])
    xmls = [os.path.abspath(x) for x in sys.argv[2:4]]
    program = sys.argv[4]
    compiler = sys.argv[5] if len(sys.argv) > 5 else 'gcc'
    extra = sys.argv[6:]
    if shutil.which(compiler) is None:
        print('SKIP: no ' + compiler)
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        objs, incs = [], []
        for xml in xmls:
            out = os.path.join(tmp, os.path.basename(xml)[:-4])
            os.mkdir(out)
            run([errgen, '--flat', '--emit=header,catalog,map,map-openssl',
                 '-o', out, xml], tmp)
            incs.append('-I' + out)
            for src in sorted(os.listdir(out)):
                if src.endswith('.c'):
                    obj = os.path.join(out, src + '.o')
                    run([compiler] + FLAGS + extra +
                        ['-c', os.path.join(out, src), '-o', obj], tmp)
                    objs.append(obj)
        write_messages(xmls, os.path.join(tmp, 'xml_messages.h'))
        if program == 'roundtrip':
            sys.dont_write_bytecode = True  # no __pycache__ in the sources
            sys.path.insert(0, HERE)
            import expect_roundtrip
            expect_roundtrip.write(xmls, os.path.join(tmp,
                                                      'expect_roundtrip.h'))
        run([compiler] + FLAGS + extra + ['-I' + tmp] + incs +
            ['-c', os.path.join(HERE, program + '.c'), '-o', 'prog.o'], tmp)
        run([compiler, 'prog.o'] + objs + extra +
            ['-o', program, '-lssl', '-lcrypto'], tmp)
        print(run(['./' + program], tmp), end='')


if __name__ == '__main__':
    main()
