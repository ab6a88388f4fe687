#!/usr/bin/env python3
"""Compile-time agreement between the shipped NSS data sets and NSS's headers.

usage: static_assert.py ERRGEN SRC_ROOT

1. Generates errgen's static assertions (--emit=static-assert) for
   data/nss-ssl.xml and data/nss-sec.xml and compiles nss_ssl_assert.c with
   -include sslerr.h and nss_sec_assert.c with -include secerr.h (cflags from
   `pkg-config --cflags nss`, strict C11 warnings as errors). Both must
   compile: every symbol and alias of the XML is then an identifier of NSS's
   header with the XML's value.
2. Proves that the check can fail: a copy of data/nss-ssl.xml with the value
   of one code changed must not compile, and the compiler's message must be
   that code's assertion.

The compiler is $CC if set, else cc. Exit status 0 on success, 1 on
failure, 77 (skipped) when pkg-config does not know nss.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile

CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-c"]

# The deliberate drift for step 2: this code's value is moved to one that no
# code of the domain uses (inside the domain's declared range, so errgen
# accepts the file).
DRIFT_SYMBOL = "SSL_ERROR_BAD_MAC_READ"
DRIFT_FROM = "-12273"
DRIFT_TO = "-11300"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def errgen_assert(errgen, outdir, inputs):
    """Run errgen --emit=static-assert; True when it succeeded silently."""
    r = run([errgen, "--flat", "--emit=static-assert", "-o", outdir] + inputs)
    if r.returncode != 0 or r.stdout or r.stderr:
        print("errgen failed (exit %d) for %s:\n%s%s"
              % (r.returncode, " ".join(inputs), r.stdout, r.stderr))
        return False
    return True


def compile_c(cc, cflags, header, source, obj):
    return run(cc + CFLAGS + cflags + ["-include", header, source, "-o", obj])


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: static_assert.py ERRGEN SRC_ROOT\n")
        return 2
    errgen, src_root = argv[1], argv[2]
    ssl_xml = os.path.join(src_root, "data", "nss-ssl.xml")
    sec_xml = os.path.join(src_root, "data", "nss-sec.xml")

    try:
        pc = run(["pkg-config", "--cflags", "nss"])
    except OSError as exc:
        print("skipped: cannot run pkg-config: %s" % exc)
        return 77
    if pc.returncode != 0:
        print("skipped: pkg-config does not know nss: %s" % pc.stderr.strip())
        return 77
    cflags = shlex.split(pc.stdout)
    cc = shlex.split(os.environ.get("CC", "cc"))
    failures = 0

    with tempfile.TemporaryDirectory(prefix="errgen-nss-assert-") as tmp:
        # 1. The shipped files agree with the headers.
        if not errgen_assert(errgen, tmp, [ssl_xml, sec_xml]):
            return 1
        for domain, header in (("nss_ssl", "sslerr.h"), ("nss_sec", "secerr.h")):
            source = os.path.join(tmp, domain + "_assert.c")
            r = compile_c(cc, cflags, header, source, os.path.join(tmp, domain + ".o"))
            if r.returncode != 0:
                print("FAIL: %s_assert.c does not compile against %s:\n%s%s"
                      % (domain, header, r.stdout, r.stderr))
                failures += 1
            else:
                with open(source, encoding="utf-8") as f:
                    count = len(re.findall(r"^NSS_\w+_ASSERT\(", f.read(), re.M))
                print("ok: %s_assert.c compiles against %s (%d assertions)"
                      % (domain, header, count))

        # 2. A drifted copy must not compile, and must say which symbol.
        with open(ssl_xml, encoding="utf-8") as f:
            text = f.read()
        old = 'name="%s" value="%s"' % (DRIFT_SYMBOL, DRIFT_FROM)
        if text.count(old) != 1 or ('value="%s"' % DRIFT_TO) in text:
            print("FAIL: cannot make the drifted copy: %r occurs %d times in %s, "
                  "or value %s is taken"
                  % (old, text.count(old), ssl_xml, DRIFT_TO))
            return 1
        bad_dir = os.path.join(tmp, "drift")
        os.mkdir(bad_dir)
        bad_xml = os.path.join(bad_dir, "nss-ssl.xml")
        with open(bad_xml, "w", encoding="utf-8") as f:
            f.write(text.replace(old, 'name="%s" value="%s"' % (DRIFT_SYMBOL, DRIFT_TO)))
        if not errgen_assert(errgen, bad_dir, [bad_xml]):
            return 1
        r = compile_c(cc, cflags, "sslerr.h", os.path.join(bad_dir, "nss_ssl_assert.c"),
                      os.path.join(bad_dir, "nss_ssl.o"))
        want = "%s is not %s" % (DRIFT_SYMBOL, DRIFT_TO)
        errors = [line for line in r.stderr.splitlines() if "error:" in line]
        if r.returncode == 0:
            print("FAIL: the copy with %s = %s compiled against sslerr.h"
                  % (DRIFT_SYMBOL, DRIFT_TO))
            failures += 1
        elif len(errors) != 1 or want not in errors[0]:
            print("FAIL: compiling the copy with %s = %s should give exactly one "
                  "error, naming %r; the compiler said:\n%s"
                  % (DRIFT_SYMBOL, DRIFT_TO, want, r.stderr))
            failures += 1
        else:
            print("ok: with %s = %s the compilation fails: %s"
                  % (DRIFT_SYMBOL, DRIFT_TO, errors[0].strip()))

    print("%d failures" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
