#!/usr/bin/env python3
"""Generates a domain's C code with errgen, compiles it together with
consumer.c using one compiler and language standard under strict warnings,
runs the program, and fails unless every check in it holds.

usage: run_consumer.py ERRGEN XML COMPILER STD
  COMPILER: gcc, clang, g++ or clang++ (the C++ ones compile the generated .c
  as C++ too); STD: c99, c11, c++11, c++17, ...
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

COMMON = ['-Wall', '-Wextra', '-Wpedantic', '-Wconversion', '-Wshadow',
          '-Werror', '-Wcast-qual', '-Wundef', '-Wwrite-strings',
          '-Wredundant-decls', '-Wsign-conversion', '-Wcast-align',
          '-Wformat=2', '-Wmissing-declarations']
C_ONLY = ['-Wstrict-prototypes', '-Wmissing-prototypes',
          '-Wold-style-definition', '-Wc++-compat']
CXX_ONLY = ['-Wold-style-cast', '-Wuseless-cast', '-Wzero-as-null-pointer-constant']
# clang's -Weverything on the generated file alone, minus what no C99/C++98
# code base could satisfy.
CLANG_EVERYTHING = ['-Weverything', '-Wno-padded', '-Wno-poison-system-directories',
                    '-Wno-c++98-compat', '-Wno-declaration-after-statement']


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        print('$ ' + ' '.join(cmd))
        print(p.stdout)
        sys.exit('FAIL: exit status %d' % p.returncode)
    return p.stdout


def compile_flags(compiler, std):
    """(flags for the generated files, flags for a test program, language
    flags) with compiler and std: the generated files get every warning, the
    test program only the common set (it is C that is also compiled as
    C++)."""
    cxx = compiler.endswith('++')
    generated = ['-std=' + std] + COMMON + (CXX_ONLY if cxx else C_ONLY)
    if compiler.startswith('clang'):
        generated = [f for f in generated if f != '-Wuseless-cast']
        generated += CLANG_EVERYTHING
    program = ['-std=' + std] + COMMON + ([] if cxx else C_ONLY)
    return generated, program, (['-x', 'c++'] if cxx else [])


def main():
    errgen, xml, compiler, std = sys.argv[1:5]
    errgen = os.path.abspath(errgen)
    if shutil.which(compiler) is None:
        print('SKIP: %s is not installed' % compiler)
        sys.exit(77)
    flags, consumer_flags, lang = compile_flags(compiler, std)
    with tempfile.TemporaryDirectory() as tmp:
        run([errgen, '--flat', '-o', tmp, os.path.abspath(xml)], tmp)
        domain = [f for f in os.listdir(tmp) if f.endswith('_errors.c')][0][:-9]
        run([sys.executable, os.path.join(HERE, 'expect.py'),
             os.path.abspath(xml), os.path.join(tmp, 'expect.h')], tmp)
        catalog = domain + '_errors.c'
        with open(os.path.join(tmp, 'header_only.c'), 'w') as f:
            f.write('#include "%s_errors.h"\n'
                    'int header_only(void);\n'
                    'int header_only(void) { return %s_ERROR_COUNT > 0; }\n'
                    % (domain, domain.upper()))
        run([compiler] + flags + lang + ['-c', 'header_only.c', '-o', 'h.o'], tmp)
        run([compiler] + flags + lang + ['-c', catalog, '-o', 'catalog.o'], tmp)
        run([compiler] + flags + lang + ['-fPIC', '-c', catalog, '-o', 'pic.o'], tmp)
        run([compiler] + consumer_flags + lang + ['-I.', '-c',
             os.path.join(HERE, 'consumer.c'), '-o', 'consumer.o'], tmp)
        run([compiler, 'consumer.o', 'catalog.o', '-o', 'consumer'], tmp)
        # and without NLS: no <libintl.h>, localized lookups give English
        run([compiler] + flags + lang + ['-DERRGEN_NO_NLS', '-c', catalog,
             '-o', 'catalog_nonls.o'], tmp)
        run([compiler, 'consumer.o', 'catalog_nonls.o', '-o',
             'consumer_nonls'], tmp)
        out_nonls = run(['./consumer_nonls'], tmp)
        if ', 0 failures' not in out_nonls:
            sys.exit('FAIL without NLS:\n' + out_nonls)
        # the static assertions hold against errgen's own header (they need
        # C11 _Static_assert or C++11 static_assert)
        if std not in ('c89', 'c90', 'c99', 'c++98', 'c++03'):
            run([compiler] + flags + lang + ['-include', domain + '_errors.h',
                 '-c', domain + '_assert.c', '-o', 'assert.o'], tmp)
        out = run(['./consumer'], tmp)
        print(out, end='')
        # once per data set, with AddressSanitizer and UBSan: no lookup
        # reads outside what it was given (from_name_n() gets buffers of
        # exactly the name's bytes)
        if std == 'c99' and compiler in ('gcc', 'clang'):
            san = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all',
                   '-g', '-O1']
            run([compiler] + flags + san + ['-c', catalog, '-o', 'cat_san.o'],
                tmp)
            run([compiler] + consumer_flags + san + ['-I.', '-c',
                 os.path.join(HERE, 'consumer.c'), '-o', 'consumer_san.o'], tmp)
            run([compiler] + san + ['consumer_san.o', 'cat_san.o', '-o',
                 'consumer_san'], tmp)
            out_san = run(['./consumer_san'], tmp)
            if ', 0 failures' not in out_san:
                sys.exit('FAIL under the sanitizers:\n' + out_san)
        # zero relocations: the tables hold offsets, not pointers
        relocs = subprocess.run(['readelf', '-r', 'pic.o'], cwd=tmp, text=True,
                                stdout=subprocess.PIPE).stdout
        data_relocs = [l for l in relocs.splitlines()
                       if 'R_X86_64_64' in l or 'R_X86_64_RELATIVE' in l]
        if data_relocs:
            print('\n'.join(data_relocs))
            sys.exit('FAIL: the catalog has data relocations')


if __name__ == '__main__':
    main()
