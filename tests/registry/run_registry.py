#!/usr/bin/env python3
"""The registry of a run, compiled with the domains' catalogs and asked about
every code.

usage: run_registry.py ERRGEN COMPILER STD XML...

errgen --flat --emit=header,catalog,registry writes every domain's header and
catalog and errgen_registry.h/.c; they are compiled with COMPILER (gcc,
clang, g++ or clang++; the C++ ones compile the generated C as C++) and STD
under the strict warnings of tests/consumer/run_consumer.py, together with a
test program whose expectations come from the XML files (Python's own
parser). It checks, for every code of every file: errgen_error_name,
_message, _message_localized (the C locale: English) and _domain, and
errgen_error_from_name for every symbol and alias; then codes no domain
defines: inside a domain's range (NULL name and domain, the domain's text for
unknown codes), between the ranges and outside all of them, INT_MIN and
INT_MAX (NULL, "Unknown error code"). The registry object must carry no data
relocations.
"""
import os
import shutil
import subprocess
import sys
sys.dont_write_bytecode = True  # nothing written into tests/consumer
import tempfile
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'consumer'))
sys.path.insert(0, os.path.join(HERE, '..'))
from run_consumer import compile_flags  # noqa: E402
from ctext import c_string  # noqa: E402


def read_domain(path):
    root = ET.parse(path).getroot()
    d = {'name': root.get('domain'),
         'unknown': root.get('unknown-message', 'Unknown error code'),
         'codes': [], 'aliases': []}
    values = []
    for e in root.iter(NS + 'error'):
        msg = None
        for m in e.findall(NS + 'message'):
            if m.get(XML_LANG) is None:
                msg = m.text
        v = int(e.get('value'))
        values.append(v)
        d['codes'].append((e.get('name'), v, msg if msg is not None
                           else d['unknown']))
        for a in e.findall(NS + 'alias'):
            d['aliases'].append((a.get('name'), v))
    lo = int(root.get('min')) if root.get('min') else min(values)
    hi = int(root.get('max')) if root.get('max') else max(values)
    d['range'] = (lo, hi)
    d['values'] = set(values)
    return d


def unknown_codes(domains):
    """(code, domain or None) for codes no domain defines."""
    ranges = sorted(d['range'] + (d,) for d in domains)
    out = []
    # inside each range, a value the domain does not define
    for lo, hi, d in ranges:
        for v in (lo, lo + 1, hi, hi - 1, (lo + hi) // 2):
            if lo <= v <= hi and v not in d['values']:
                out.append((v, d))
                break
    # between neighbouring ranges and outside all of them
    for (lo1, hi1, _), (lo2, hi2, _) in zip(ranges, ranges[1:]):
        if hi1 + 1 < lo2:
            out += [(hi1 + 1, None), ((hi1 + lo2) // 2, None),
                    (lo2 - 1, None)]
    lo_all, hi_all = ranges[0][0], ranges[-1][1]
    if lo_all > -2 ** 31:
        out.append((lo_all - 1, None))
    if hi_all < 2 ** 31 - 1:
        out.append((hi_all + 1, None))
    out += [(v, None) for v in (-2 ** 31, 2 ** 31 - 1, 0)
            if not any(lo <= v <= hi for lo, hi, _ in ranges)]
    return out


def test_program(domains):
    L = ['#include <limits.h>', '#include <stdio.h>', '#include <string.h>',
         '#include "errgen_registry.h"',
         'static int failures;',
         'static int same(const char *a, const char *b)',
         '{ return (!a && !b) || (a && b && strcmp(a, b) == 0); }',
         'static void expect(int code, const char *name, const char *message,'
         ' const char *domain)',
         '{',
         '\tif (!same(errgen_error_name(code), name) ||',
         '\t    !same(errgen_error_message(code), message) ||',
         '\t    !same(errgen_error_message_localized(code), message) ||',
         '\t    !same(errgen_error_domain(code), domain)) {',
         '\t\tprintf("FAIL: code %d: %s / %s / %s\\n", code,',
         '\t\t       errgen_error_name(code) ? errgen_error_name(code) : "(null)",',
         '\t\t       errgen_error_message(code),',
         '\t\t       errgen_error_domain(code) ? errgen_error_domain(code) : "(null)");',
         '\t\tfailures++;',
         '\t}',
         '}',
         'static void expect_name(const char *name, int value)',
         '{',
         '\tint code = 12345;',
         '\tif (!errgen_error_from_name(name, &code) || code != value) {',
         '\t\tprintf("FAIL: from_name %s\\n", name);',
         '\t\tfailures++;',
         '\t}',
         '\t/* by length, in a buffer that goes on past the name */',
         '\tchar buf[300];',
         '\tsize_t len = strlen(name);',
         '\tcode = 12345;',
         '\tsnprintf(buf, sizeof(buf), "%sZZ", name);',
         '\tif (!errgen_error_from_name_n(buf, len, &code) || code != value ||',
         '\t    errgen_error_from_name_n(buf, len + 1, &code)) {',
         '\t\tprintf("FAIL: from_name_n %s\\n", name);',
         '\t\tfailures++;',
         '\t}',
         '}',
         'int main(void)',
         '{',
         '\tint code = 777;',
         '\tint checks = 0;']
    for d in domains:
        for name, v, msg in d['codes']:
            L.append('\texpect(%d, %s, %s, %s);' % (
                v, c_string(name), c_string(msg), c_string(d['name'])))
            L.append('\texpect_name(%s, %d);' % (c_string(name), v))
            L.append('\tchecks += 2;')
        for name, v in d['aliases']:
            L.append('\texpect_name(%s, %d);' % (c_string(name), v))
            L.append('\tchecks++;')
    unknown = unknown_codes(domains)
    for v, d in unknown:
        lit = '(-2147483647 - 1)' if v == -2 ** 31 else '(%d)' % v
        L.append('\texpect(%s, NULL, %s, NULL);' % (
            lit, c_string(d['unknown'] if d else 'Unknown error code')))
        L.append('\tchecks++;')
    L += ['\tif (errgen_error_from_name("NO_SUCH_CODE", &code) || '
          'errgen_error_from_name(NULL, &code) ||',
          '\t    errgen_error_from_name_n(NULL, 0, &code) || '
          'errgen_error_from_name_n("NO_SUCH_CODE", 12, &code) ||',
          '\t    code != 777) {',
          '\t\tprintf("FAIL: unknown names\\n");',
          '\t\tfailures++;',
          '\t}',
          '\tprintf("%d checks, %d failures\\n", checks + 1, failures);',
          '\treturn failures != 0;',
          '}', '']
    return '\n'.join(L), len(unknown)


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print('$ ' + ' '.join(cmd))
        print(p.stdout)
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def main():
    errgen, compiler, std = sys.argv[1:4]
    xmls = [os.path.abspath(x) for x in sys.argv[4:]]
    errgen = os.path.abspath(errgen)
    if shutil.which(compiler) is None:
        print('SKIP: %s is not installed' % compiler)
        sys.exit(77)
    flags, test_flags, lang = compile_flags(compiler, std)
    domains = [read_domain(x) for x in xmls]
    with tempfile.TemporaryDirectory() as tmp:
        run([errgen, '--flat', '--emit=header,catalog,registry', '-o', tmp]
            + xmls, tmp)
        objects = []
        for d in domains:
            src = d['name'] + '_errors.c'
            run([compiler] + flags + lang + ['-c', src, '-o', src + '.o'],
                tmp)
            objects.append(src + '.o')
        run([compiler] + flags + lang + ['-c', 'errgen_registry.c', '-o',
                                         'registry.o'], tmp)
        run([compiler] + flags + lang + ['-fPIC', '-c', 'errgen_registry.c',
                                         '-o', 'registry_pic.o'], tmp)
        program, nunknown = test_program(domains)
        with open(os.path.join(tmp, 'test.c'), 'w') as f:
            f.write(program)
        run([compiler] + test_flags + lang + ['-I.', '-c', 'test.c', '-o',
                                              'test.o'], tmp)
        run([compiler, 'test.o', 'registry.o'] + objects + ['-o', 'test'],
            tmp)
        out = run(['./test'], tmp)
        print(out, end='')
        if ', 0 failures' not in out:
            sys.exit('FAIL')
        relocs = subprocess.run(['readelf', '-r', 'registry_pic.o'], cwd=tmp,
                                text=True, stdout=subprocess.PIPE).stdout
        data = [l for l in relocs.splitlines()
                if 'R_X86_64_64' in l or 'R_X86_64_RELATIVE' in l]
        if data:
            print('\n'.join(data))
            sys.exit('FAIL: the registry has data relocations')
    print('%d domains, %d codes not defined by any: all answered'
          % (len(domains), nunknown))


if __name__ == '__main__':
    main()
