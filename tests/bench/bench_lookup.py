#!/usr/bin/env python3
"""Lookup cost in instructions per call (callgrind), errgen against peers.

    bench_lookup.py [--n 10000] [--calls 1000000] [--jobs 2]
                    [--no-breakdown] [--errgen PATH] [--workdir DIR]

gen_table.py writes an N-code domain three times: dense, in three runs of
values (as libgpg-error's), and sparse (the same names and messages);
errgen generates the header, catalog and .po files of each.
lookup_errgen.c (built once per catalog) and lookup_peers.c (built with
whatever peers are installed) each run one loop of --calls lookups under
valgrind --tool=callgrind --toggle-collect=loop_VARIANT; the figure is

    (instructions of the loop - instructions of the empty loop) / calls

where the empty loop loads the same array elements without calling
anything. Codes and names come from one shared sequence of random numbers
(element i is valid code r[i] % count of each variant). Instruction counts
are repeatable, unlike times.

Rows: errgen's code->message, code->name, name->code (from_name, which
takes a NUL-terminated name, and from_name_n, which is given its length:
the loop's lengths are computed beforehand), message_localized in
the C locale (no translation) and in de_DE.UTF-8 with the German .mo
(msgfmt of the generated de.po) bound, and message_l with a de locale_t;
peers: gperf (name->code over the same names, with strlen and with the
length given), bsearch +
strcmp over the sorted names, glibc strerror, libgpg-error gpg_strerror,
com_err error_message over the compile_et tables of the same N codes
(ceil(N/256) tables), NSS PR_ErrorToString, OpenSSL
ERR_reason_error_string. A peer that is not installed is skipped (the
Debian package is named). --breakdown (default) adds the functions that
name->code and the German localized lookup spend their instructions in.
Figures only: nothing here passes or fails.
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import struct
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import gen_et  # noqa: E402
import gen_table  # noqa: E402

HERE = benchlib.HERE
CC = os.environ.get("CC", "cc")
CFLAGS = ["-O2", "-Wall", "-Wno-unused-function"]


def compiles(src, flags):
    """True when a one-line program using src's header builds and links."""
    return subprocess.run([CC, "-x", "c", "-", "-o", os.devnull] + flags,
                          input=src.encode(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def pkg(name):
    r = subprocess.run(["pkg-config", "--cflags", "--libs", name],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return r.stdout.decode().split() if r.returncode == 0 else None


def have_locale(name):
    out = subprocess.run(["locale", "-a"], stdout=subprocess.PIPE).stdout
    want = name.lower().replace("utf-8", "utf8")
    return want in out.decode().lower().split()


def ensure_locale(name):
    """de_DE.UTF-8: present, or generated with localedef when we may."""
    if have_locale(name):
        return True
    if os.geteuid() == 0 and benchlib.have("localedef"):
        lang, charset = name.split(".")
        subprocess.run(["localedef", "-i", lang, "-f", charset, name],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return have_locale(name)


def callgrind(binary, variant, args, outdir, dump_instr=False):
    out = os.path.join(outdir, "cg.%s.%s" % (os.path.basename(binary),
                                             variant.replace("/", "_")))
    loop = variant.split(":")[0]
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
           "--toggle-collect=loop_" + loop,
           "--dump-instr=" + ("yes" if dump_instr else "no"),
           binary, loop] + args
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        return None, r.stderr.decode(errors="replace")[-2000:], out
    with open(out) as f:
        text = f.read()
    m = re.search(r"^totals:\s*(\d+)", text, re.M) or \
        re.search(r"^summary:\s*(\d+)", text, re.M)
    return int(m.group(1)), r.stdout.decode().strip(), out


def breakdown(cgfile, calls, top=8):
    """Self instructions per call of the top functions of a callgrind run."""
    txt = subprocess.run(["callgrind_annotate", "--threshold=99.9", cgfile],
                         stdout=subprocess.PIPE).stdout.decode()
    rows = []
    for line in txt.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if m and "PROGRAM TOTALS" not in line:
            ir = int(m.group(1).replace(",", ""))
            fn = m.group(2)
            fn = re.sub(r"\s*\[.*\]$", "", fn)
            fn = fn.split(":", 1)[-1] if ":" in fn else fn
            rows.append((fn, ir / calls))
    return rows[:top]


# The code layouts: dense values, three runs of values (a range check per
# run), random 32-bit values (a perfect hash).
KINDS = gen_table.KINDS

LOOKUP_WORK = {"message": "code -> message", "name": "code -> name",
               "from_name": "name -> code",
               "from_name_n": "name -> code, length given"}


def hash_shape(csrc):
    """What the generated catalog's perfect name hash looks like: slots,
    buckets, pilot type, and how many words of a name it reads."""
    src = open(csrc, encoding="utf-8").read()
    slots = re.search(r"^\t(\w+) name_slot\[(\d+)\];", src, re.M)
    pilots = re.search(r"^\t(\w+) name_pilot\[(\d+)\];", src, re.M)
    body = src[src.index("_error_from_name_n(const"):]
    body = body[:body.index("\n}\n")]
    if "while (off > 0)" in body:
        words = "every 8-byte word"
    else:
        m = re.search(r"k < (\d+)u", body)
        words = ("the last %s 8-byte words" % m.group(1) if m
                 else "the last 8 bytes")
    return (int(slots.group(2)), int(pilots.group(2)), pilots.group(1),
            words)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--calls", type=int, default=1000000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-breakdown", action="store_true")
    ap.add_argument("--errgen")
    ap.add_argument("--workdir")
    a = ap.parse_args()
    errgen = benchlib.find_errgen(a.errgen)
    if not benchlib.have("valgrind"):
        sys.exit("valgrind not found (apt-get install valgrind)")
    skipped = []
    with benchlib.Workdir(a.workdir) as wd:
        # inputs: the random sequence and the two domains
        rnd = random.Random(12345)
        randfile = os.path.join(wd, "random.bin")
        with open(randfile, "wb") as f:
            f.write(struct.pack("<%dI" % a.calls,
                                *(rnd.getrandbits(32) for _ in range(a.calls))))
        keys = {}
        for kind in KINDS:
            d = os.path.join(wd, kind)
            os.makedirs(d, exist_ok=True)
            cs = gen_table.codes(a.n, kind)
            xml = os.path.join(d, "bench.xml")
            gen_table.write_xml(xml, cs, kind)
            keys[kind] = os.path.join(d, "keys.txt")
            with open(keys[kind], "w") as f:
                f.write("".join("%d %s\n" % (c["value"], c["name"])
                                for c in cs))
            benchlib.run([errgen, "--flat", "-o", d,
                          "--emit=header,catalog,gettext", xml])
        names = [c["name"] for c in cs]

        # the German .mo for both catalogs (same text domain)
        locale_ok = ensure_locale("de_DE.UTF-8")
        localedir = os.path.join(wd, "locale")
        if locale_ok and benchlib.have("msgfmt"):
            mo = os.path.join(localedir, "de", "LC_MESSAGES")
            os.makedirs(mo, exist_ok=True)
            benchlib.run(["msgfmt", "--check", "-o",
                          os.path.join(mo, "bench-errors.mo"),
                          os.path.join(wd, "dense", "de.po")])
        else:
            locale_ok = False
            skipped.append("German rows: de_DE.UTF-8 locale or msgfmt "
                           "missing (apt-get install locales gettext)")

        # gperf runs long (tens of seconds at 10,000 names): start it now
        gperf_proc = None
        if benchlib.have("gperf"):
            gp = os.path.join(wd, "bench.gperf")
            with open(gp, "w") as f:
                f.write("%{\n#include <stddef.h>\n#include <string.h>\n%}\n"
                        "%struct-type\n%language=ANSI-C\n%readonly-tables\n"
                        "%define lookup-function-name gperf_lookup\n"
                        "%define hash-function-name gperf_hash\n"
                        "struct gperf_entry { const char *name; int code; };"
                        "\n%%\n")
                f.write("".join("%s, %d\n" % (c["name"], c["value"])
                                for c in gen_table.codes(a.n)))
            gperf_out = open(os.path.join(wd, "bench_gperf.c"), "w")
            gperf_proc = subprocess.Popen(["gperf", gp], stdout=gperf_out)
        else:
            skipped.append("gperf (apt-get install gperf)")

        # the errgen programs
        bins = {}
        for kind in KINDS:
            d = os.path.join(wd, kind)
            b = os.path.join(wd, "lookup_" + kind)
            benchlib.run([CC] + CFLAGS + ["-I", d, "-o", b,
                                          os.path.join(HERE, "lookup_errgen.c"),
                                          os.path.join(d, "bench_errors.c")])
            bins[kind] = b

        # the peers program
        peer_src = [os.path.join(HERE, "lookup_peers.c")]
        peer_flags, peer_libs, peers = [], [], ["bsearch", "strerror"]
        if compiles("#include <gpg-error.h>\nint main(void){return "
                    "!gpg_strerror(1);}\n", ["-lgpg-error"]):
            peer_flags.append("-DHAVE_GPG_ERROR")
            peer_libs.append("-lgpg-error")
            peers.append("gpg_strerror")
        else:
            skipped.append("gpg_strerror (apt-get install libgpg-error-dev)")
        if benchlib.have("compile_et") and compiles(
                "#include <et/com_err.h>\nint main(void){return "
                "!error_message(0);}\n", ["-lcom_err"]):
            etd = os.path.join(wd, "et")
            os.makedirs(etd, exist_ok=True)
            cs = gen_table.codes(a.n)
            tables = gen_et.split_names(a.n)
            for i, t in enumerate(tables):
                gen_et.write_et(os.path.join(etd, t + ".et"), t,
                                cs[256 * i:256 * (i + 1)])
                benchlib.run(["compile_et", t + ".et"], cwd=etd)
                peer_src.append(os.path.join(etd, t + ".c"))
            with open(os.path.join(etd, "et_codes.c"), "w") as f:
                f.write("#include <stddef.h>\n")
                f.write("".join('#include "%s.h"\n' % t for t in tables))
                f.write("const long et_codes[] = {\n")
                f.write("".join("\t%s,\n" % c["name"] for c in cs))
                f.write("};\nconst size_t et_ncodes = %d;\n" % len(cs))
                f.write("void et_init_all(void);\nvoid et_init_all(void)\n{\n")
                f.write("".join("\tinitialize_%s_error_table();\n" % t
                                for t in tables))
                f.write("}\n")
            peer_src.append(os.path.join(etd, "et_codes.c"))
            peer_flags.append("-DHAVE_COM_ERR")
            peer_libs.append("-lcom_err")
            peers.append("com_err")
        else:
            skipped.append("com_err (apt-get install comerr-dev)")
        nss = pkg("nss")
        if nss and compiles("#include <nss.h>\n#include <ssl.h>\n"
                            "int main(void){return NSS_NoDB_Init(0);}\n",
                            nss):
            peer_flags += ["-DHAVE_NSS"] + [x for x in nss if x[:2] == "-I"]
            peer_libs += [x for x in nss if x[:2] != "-I"]
            peers.append("nss")
        else:
            skipped.append("NSS (apt-get install libnss3-dev)")
        ossl = pkg("openssl")
        if ossl and compiles("#include <openssl/err.h>\nint main(void){"
                             "return !ERR_reason_error_string(0);}\n", ossl):
            peer_flags.append("-DHAVE_OPENSSL")
            peer_libs += ossl
            peers.append("openssl")
        else:
            skipped.append("OpenSSL (apt-get install libssl-dev)")
        if gperf_proc:
            gperf_proc.wait()
            gperf_out.close()
            if gperf_proc.returncode == 0:
                peer_src.append(os.path.join(wd, "bench_gperf.c"))
                peer_flags.append("-DHAVE_GPERF")
                peers.insert(0, "gperf")
            else:
                skipped.append("gperf (failed on the names)")
        peer_bin = os.path.join(wd, "lookup_peers")
        benchlib.run([CC] + CFLAGS + peer_flags + ["-I", HERE, "-o", peer_bin]
                     + peer_src + peer_libs)

        # the runs: (key, binary, variant, args)
        de = [localedir, "de_DE.UTF-8"]
        c_loc = [localedir, "C"]
        jobs = []
        for kind in KINDS:
            b, k = bins[kind], keys[kind]
            base = [randfile, k]
            jobs += [((kind, "empty_code"), b, "empty_code", base),
                     ((kind, "empty_name"), b, "empty_name", base),
                     ((kind, "empty_name_n"), b, "empty_name_n", base),
                     ((kind, "message"), b, "message", base),
                     ((kind, "name"), b, "name", base),
                     ((kind, "from_name"), b, "from_name", base),
                     ((kind, "from_name_n"), b, "from_name_n", base),
                     ((kind, "localized C"), b, "localized", base + c_loc)]
            if locale_ok:
                jobs += [((kind, "localized de"), b, "localized", base + de),
                         ((kind, "localized de kept"), b, "localized_kept",
                          base + de),
                         ((kind, "message_l de"), b, "message_l", base + de)]
        pb = [randfile, keys["dense"]]
        jobs += [(("peers", v), peer_bin, v, pb)
                 for v in ("empty_code", "empty_long", "empty_name",
                           "empty_name_n")]
        if "gperf" in peers:
            jobs.append((("peers", "gperf_n"), peer_bin, "gperf_n", pb))
        for p in peers:
            jobs.append((("peers", p + " C" if p in ("strerror",
                                                     "gpg_strerror") else p),
                         peer_bin, p, pb))
            if p in ("strerror", "gpg_strerror") and locale_ok:
                jobs.append((("peers", p + " de"), peer_bin, p,
                             pb + ["de_DE.UTF-8"]))
        cgdir = os.path.join(wd, "callgrind")
        os.makedirs(cgdir, exist_ok=True)
        print("%d callgrind runs of %d calls each, %d at a time..."
              % (len(jobs), a.calls, a.jobs), flush=True)
        ir, info = {}, {}
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
            futs = {ex.submit(callgrind, b, v + ":" + " ".join(key[1:])
                              .replace(" ", "_"), args, cgdir): key
                    for key, b, v, args in jobs}
            for fut in concurrent.futures.as_completed(futs):
                key = futs[fut]
                n, out, _ = fut.result()
                if n is None:
                    print("FAILED %s: %s" % (key, out))
                    continue
                ir[key], info[key] = n, out

        def per_call(key, empty):
            if key not in ir or empty not in ir:
                return None
            # every loop ran once more as a warm-up: calls + 1 in all
            return (ir[key] - ir[empty]) / (a.calls + 1)

        res = {}
        for kind in KINDS:
            for v in ("message", "name", "localized C", "localized de",
                      "localized de kept", "message_l de"):
                res[kind, v] = per_call((kind, v), (kind, "empty_code"))
            res[kind, "from_name"] = per_call((kind, "from_name"),
                                              (kind, "empty_name"))
            res[kind, "from_name_n"] = per_call((kind, "from_name_n"),
                                                (kind, "empty_name_n"))
        for key in ir:
            if key[0] != "peers" or key[1].startswith("empty"):
                continue
            empty = {"gperf": "empty_name", "gperf_n": "empty_name_n",
                     "bsearch": "empty_name",
                     "com_err": "empty_long", "openssl": "empty_long"}.get(
                         key[1].split()[0], "empty_code")
            res[key] = per_call(key, ("peers", empty))

        for key in sorted(info):
            m = re.search(r"translated=(\w+)", info[key])
            if m and m.group(1) == "no" and key[1].endswith(" de"):
                print("WARNING: %s did not translate (the .mo was not used)"
                      % (key,))

        # the table
        E = res.get
        # each kind's rows, the dense ones the counterparts of the others
        rows_of = [("message", "code->message"), ("name", "code->name"),
                   ("from_name", "name->code"),
                   ("from_name_n", "name->code, len given"),
                   ("localized C", "localized, C locale"),
                   ("localized de", "localized, de .mo"),
                   ("localized de kept", "localized, de, answers kept"),
                   ("message_l de", "message_l, de locale_t")]
        labels = [((kind, v), "errgen %s %s" % (kind, what),
                   ("dense", v) if kind != "dense" else None)
                  for kind in KINDS for v, what in rows_of]
        labels += [
            (("peers", "gperf"), "gperf + strlen (name->code)",
             ("dense", "from_name")),
            (("peers", "gperf_n"), "gperf, len given (name->code)",
             ("dense", "from_name_n")),
            (("peers", "bsearch"), "bsearch + strcmp (name->code)",
             ("dense", "from_name")),
            (("peers", "strerror C"), "glibc strerror, C locale",
             ("dense", "localized C")),
            (("peers", "strerror de"), "glibc strerror, de locale",
             ("dense", "localized de")),
            (("peers", "gpg_strerror C"), "gpg_strerror, C locale",
             ("dense", "localized C")),
            (("peers", "gpg_strerror de"), "gpg_strerror, de locale",
             ("dense", "localized de")),
            (("peers", "com_err"), "com_err error_message, %d tables"
             % len(gen_et.split_names(a.n)), ("dense", "message")),
            (("peers", "nss"), "NSS PR_ErrorToString", ("dense", "message")),
            (("peers", "openssl"), "OpenSSL ERR_reason_error_string",
             ("dense", "message")),
        ]
        print("\nInstructions per call (callgrind Ir, minus the empty loop), "
              "N=%d, %d calls" % (a.n, a.calls))
        rows = []
        for key, label, ref in labels:
            v = E(key)
            if v is None:
                continue
            r = E(ref) if ref else None
            rows.append([label, "%.1f" % v,
                         "%.2f" % (v / r) if r else "",
                         labels_name(labels, ref) if ref else ""])
        benchlib.table(rows, ["lookup", "instr/call", "/ errgen",
                              "errgen counterpart"])
        if skipped:
            print("\nskipped: " + "; ".join(skipped))

        nslots, nbuckets, ptype, words = hash_shape(
            os.path.join(wd, "dense", "bench_errors.c"))
        print("\nerrgen name hash: perfect, %d names in %d slots, %d buckets "
              "with %s pilots; names average %.1f bytes; the hash reads the "
              "length and %s of the name, then one length check and a "
              "comparison a word at a time" % (len(names), nslots, nbuckets, ptype,
                          sum(map(len, names)) / len(names), words))

        print("\nGoals (figures, not a verdict of the test suite)")

        def goal(text, ok, work, x, ref, ratio=""):
            print("  %-62s %s" % (text, "met" if ok else "MISSED"))
            benchlib.summary(work, "%.1f instr" % x, ref, ratio,
                             "met" if ok else "MISSED")

        for kind in KINDS:
            for v, lim in (("message", 12), ("name", 12), ("from_name", 60),
                           ("from_name_n", 60)):
                x = E((kind, v))
                if x is not None:
                    goal("%s %s: %.1f <= %d" % (kind, v, x, lim), x <= lim,
                         "%s %s, N=%d" % (kind, LOOKUP_WORK[v], a.n), x,
                         "goal <= %d" % lim)
            for v, peer, how in (("from_name", "gperf", "gperf + strlen"),
                                 ("from_name_n", "gperf_n",
                                  "gperf, len given")):
                g, x = E(("peers", peer)), E((kind, v))
                if g is not None and x is not None:
                    goal("%s %s %.1f faster than %s %.1f"
                         % (kind, v, x, how, g), x < g,
                         "%s %s, N=%d" % (kind, LOOKUP_WORK[v], a.n), x,
                         "%s %.1f" % (how, g), "%.2fx" % (x / g))
            for loc in ("C", "de"):
                x, g = E((kind, "localized " + loc)), E(
                    ("peers", "gpg_strerror " + loc))
                if x is not None and g is not None:
                    goal("%s localized %s %.1f <= gpg_strerror %.1f"
                         % (kind, loc, x, g), x <= g,
                         "%s localized, %s locale" % (
                             kind, "C" if loc == "C" else "German"), x,
                         "gpg_strerror %.1f" % g, "%.2fx" % (x / g))

        if not a.no_breakdown:
            todo = [(("dense", "from_name"), bins["dense"], "from_name",
                     [randfile, keys["dense"]]),
                    (("dense", "from_name_n"), bins["dense"], "from_name_n",
                     [randfile, keys["dense"]])]
            todo.append((("dense", "localized C"), bins["dense"],
                         "localized", [randfile, keys["dense"]] + c_loc))
            if locale_ok:
                todo.append((("dense", "localized de"), bins["dense"],
                             "localized", [randfile, keys["dense"]] + de))
            if "gperf" in peers:
                todo.append((("peers", "gperf"), peer_bin, "gperf",
                             [randfile, keys["dense"]]))
            if "gpg_strerror" in peers:
                todo.append((("peers", "gpg_strerror C"), peer_bin,
                             "gpg_strerror", [randfile, keys["dense"], "C"]))
            if "gpg_strerror" in peers and locale_ok:
                todo.append((("peers", "gpg_strerror de"), peer_bin,
                             "gpg_strerror",
                             [randfile, keys["dense"], "de_DE.UTF-8"]))
            with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
                futs = [(key, ex.submit(
                    callgrind, b, v + ":bd_" + "_".join(key).replace(" ", "_"),
                    args, cgdir, True)) for key, b, v, args in todo]
                for key, fut in futs:
                    n, _, f = fut.result()
                    if n is None:
                        continue
                    print("\nWhere %s spends its instructions (self Ir per "
                          "call; loop_* is the benchmark loop itself):"
                          % " ".join(key))
                    for fn, v in breakdown(f, a.calls):
                        print("  %8.1f  %s" % (v, fn))


def labels_name(labels, ref):
    for key, label, _ in labels:
        if key == ref:
            return label
    return ""


if __name__ == "__main__":
    main()
