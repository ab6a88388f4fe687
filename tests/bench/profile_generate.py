#!/usr/bin/env python3
"""Where errgen's generation time goes: callgrind (and perf) at one N.

    profile_generate.py [--n 10000] [--emit KINDS] [--no-perf]
                        [--errgen PATH] [--workdir DIR]

Runs, on gen_table.py's dense domain of N codes:
  - xmllint --noout under callgrind: the instructions of parsing alone;
  - errgen -o DIR (every kind, or --emit KINDS) under callgrind, then
    prints the inclusive instructions of each phase (load: libxml2 parse,
    schema validation, model building; check; each emitter; the commit)
    and the functions with the most instructions of their own;
  - unless --no-perf or perf is missing: perf record -e cpu-clock over the
    same run, whose self-time report also shows the kernel's share
    (writing the output files), which callgrind does not count.
Build errgen without -g for figures that match bench_generate.py; function
names come from the symbol table. Figures only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import gen_table  # noqa: E402

PHASES = [
    ("load (all)", "loader_load_file"),
    ("  libxml2 parse", "xmlCtxtReadMemory"),
    ("  schema validation", "xmlSchemaValidateDoc"),
    ("check", "check_domains"),
    ("emit header", "emit_header"),
    ("emit catalog", "emit_catalog"),
    ("emit static-assert", "emit_static_assert"),
    ("emit gettext", "emit_gettext"),
    ("emit catgets", "emit_catgets"),
    ("emit map", "emit_map"),
    ("emit map-openssl", "emit_map_openssl"),
    ("emit markdown", "emit_markdown"),
    ("emit html", "emit_html"),
    ("emit json", "emit_json"),
    ("commit (user space only)", "output_commit"),
    ("free the model", "domain_free"),
    ("buf_printf (all callers)", "buf_printf"),
    ("  of it vsnprintf", "vsnprintf"),
    ("buf_putc (all callers)", "buf_putc"),
]


def annotate(cgfile, inclusive):
    args = ["callgrind_annotate", "--threshold=100"]
    if inclusive:
        args.append("--inclusive=yes")
    txt = subprocess.run(args + [cgfile], stdout=subprocess.PIPE).stdout
    rows = []
    for line in txt.decode(errors="replace").splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        fn = re.sub(r"\s*\[.*\]$", "", m.group(2))
        fn = fn.split(":", 1)[-1]
        rows.append((fn, int(m.group(1).replace(",", ""))))
    return rows


def total(cgfile):
    with open(cgfile) as f:
        m = re.search(r"^(?:totals|summary):\s*(\d+)", f.read(), re.M)
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--emit")
    ap.add_argument("--no-perf", action="store_true")
    ap.add_argument("--errgen")
    ap.add_argument("--workdir")
    a = ap.parse_args()
    errgen = benchlib.find_errgen(a.errgen)
    with benchlib.Workdir(a.workdir) as wd:
        xml = os.path.join(wd, "bench.xml")
        gen_table.write_xml(xml, gen_table.codes(a.n), "dense")
        out = os.path.join(wd, "out")
        emit = ["--emit=" + a.emit] if a.emit else []
        cg_x = os.path.join(wd, "cg.xmllint")
        cg_e = os.path.join(wd, "cg.errgen")
        benchlib.run(["valgrind", "--tool=callgrind",
                      "--callgrind-out-file=" + cg_x,
                      "xmllint", "--noout", xml])
        shutil.rmtree(out, ignore_errors=True)
        benchlib.run(["valgrind", "--tool=callgrind",
                      "--callgrind-out-file=" + cg_e,
                      errgen, "-o", out] + emit + [xml])
        tx, te = total(cg_x), total(cg_e)
        print("N=%d, errgen %s: %.0f M instructions; xmllint --noout: "
              "%.0f M (errgen/xmllint %.2f)\n"
              % (a.n, a.emit or "all kinds", te / 1e6, tx / 1e6, te / tx))
        inc = dict()
        for fn, ir in annotate(cg_e, True):
            inc.setdefault(fn, ir)
        rows = []
        for label, fn in PHASES:
            ir = inc.get(fn)
            if ir is None:
                continue
            rows.append([label, fn, "%.1f" % (ir / 1e6),
                         "%.1f%%" % (100 * ir / te), "%.0f" % (ir / a.n),
                         "%.2f" % (ir / tx)])
        print("Inclusive instructions by phase (callgrind)")
        benchlib.table(rows, ["phase", "function", "M instr", "share",
                              "instr/code", "x xmllint"])
        print("\nFunctions with the most instructions of their own")
        rows = [[fn, "%.1f" % (ir / 1e6), "%.1f%%" % (100 * ir / te)]
                for fn, ir in annotate(cg_e, False)[:15]]
        benchlib.table(rows, ["function", "M instr", "share"])
        sizes = sum(os.path.getsize(os.path.join(r, f))
                    for r, _, fs in os.walk(out) for f in fs)
        print("\noutput written: %.1f MB from %.1f MB of XML"
              % (sizes / 1e6, os.path.getsize(xml) / 1e6))

        if a.no_perf or not benchlib.have("perf"):
            return
        pd = os.path.join(wd, "perf.data")
        shutil.rmtree(out, ignore_errors=True)
        r = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock",
                            "-F", "10000", "-o", pd, errgen, "-o", out]
                           + emit + [xml], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            print("\nperf record failed: %s" % r.stderr.decode()[-300:])
            return
        rep = subprocess.run(["perf", "report", "-i", pd, "--no-children",
                              "--sort", "dso,symbol", "--stdio", "-g",
                              "none"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode()
        print("\nperf (cpu-clock samples, self time, kernel included)")
        kernel = 0.0
        shown = 0
        for line in rep.splitlines():
            m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(\S+)", line)
            if not m:
                continue
            pct = float(m.group(1))
            if m.group(3) == "k":
                kernel += pct
            if shown < 15:
                print("  %5.1f%%  %-22s %s" % (pct, m.group(2), m.group(4)))
                shown += 1
        print("  kernel total: %.1f%% (page faults, writing the files)"
              % kernel)


if __name__ == "__main__":
    main()
