#!/usr/bin/env python3
"""Generation speed and memory: errgen against xmllint and compile_et.

    bench_generate.py [--sizes 1000,10000,100000] [--repeat 3]
                      [--errgen PATH] [--workdir DIR]

For each N, gen_table.py writes a dense domain of N codes and gen_et.py the
same codes as compile_et tables; then each tool runs --repeat times, one
run of each a round (fresh output directory each time, so errgen really
writes and compile_et's "unchanged" shortcut never applies):

  xmllint          xmllint --noout FILE: parsing the XML, the floor
  errgen all       errgen -o DIR FILE: every output kind
  errgen h+c       errgen --emit=header,catalog -o DIR FILE
  errgen h+c same  the same on SAME.xml, which holds what the compile_et
                   tables hold (names and English messages: no
                   translations, no mappings), the like-for-like comparison
  compile_et one   compile_et on one table of N codes (legal only up to 256)
  compile_et split compile_et once per 256-code table, one after the other

Wall time is the best of the runs (time.perf_counter around the process),
peak RSS the largest (GNU time's %M: the largest single process, so
compile_et's awk rather than its shell), CPU time from wait4() with the
children included. Figures only: nothing here passes or fails.
"""
import argparse
import math
import os
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import gen_et  # noqa: E402
import gen_table  # noqa: E402


def once(cmd, cwd=None, fresh=None):
    """One run of cmd: (wall, peak RSS, CPU)."""
    if fresh:
        shutil.rmtree(fresh, ignore_errors=True)
        os.makedirs(fresh)
    return benchlib.run_once(cmd, cwd=cwd)


def once_split(et_dir, names, out):
    """compile_et over every split table, one process after the other."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    tw, tc, rss = 0.0, 0.0, 0
    for n in names:
        w, r, c = benchlib.run_once(
            ["compile_et", os.path.join(et_dir, n + ".et")], cwd=out)
        tw, tc, rss = tw + w, tc + c, max(rss, r)
    return tw, rss, tc


def measure(jobs, repeat):
    """Runs every job once a round, repeat rounds, so that the machine's
    drift (this VM's speed wanders by tens of percent within minutes)
    falls on all the tools alike: {key: (best wall, largest RSS, best
    CPU)}."""
    res = {k: (math.inf, 0, math.inf) for k, _ in jobs}
    for _ in range(repeat):
        for key, run in jobs:
            w, r, c = run()
            bw, br, bc = res[key]
            res[key] = (min(bw, w), max(br, r), min(bc, c))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--errgen")
    ap.add_argument("--workdir", help="keep the inputs and outputs here")
    a = ap.parse_args()
    errgen = benchlib.find_errgen(a.errgen)
    sizes = [int(s) for s in a.sizes.split(",")]
    has_et = benchlib.have("compile_et")
    if not has_et:
        print("compile_et not found (apt-get install comerr-dev): "
              "its rows are skipped")
    if not benchlib.have("xmllint"):
        sys.exit("xmllint not found (apt-get install libxml2-utils)")
    print("errgen: %s" % errgen)
    print("machine: %d CPUs, best of %d runs, %s\n"
          % (os.cpu_count(), a.repeat, benchlib.RSS_NOTE))

    res = {}  # (tool, n) -> (wall, rss, cpu)
    with benchlib.Workdir(a.workdir) as wd:
        for n in sizes:
            d = os.path.join(wd, "n%d" % n)
            os.makedirs(d, exist_ok=True)
            xml = os.path.join(d, "bench.xml")
            cs = gen_table.codes(n)
            gen_table.write_xml(xml, cs, "dense")
            print("N=%d: %s, %.1f MB" % (n, xml, os.path.getsize(xml) / 1e6),
                  flush=True)
            out = os.path.join(d, "out")
            same = os.path.join(d, "same.xml")
            gen_table.write_xml(same, cs, "dense", english_only=True)
            jobs = [
                ("xmllint", lambda: once(["xmllint", "--noout", xml])),
                ("errgen all", lambda: once([errgen, "-o", out, xml],
                                            fresh=out)),
                ("errgen h+c", lambda: once(
                    [errgen, "--emit=header,catalog", "-o", out, xml],
                    fresh=out)),
                ("errgen h+c same", lambda: once(
                    [errgen, "--emit=header,catalog", "-o", out, same],
                    fresh=out)),
            ]
            if has_et:
                etd = os.path.join(d, "et")
                os.makedirs(os.path.join(etd, "one"), exist_ok=True)
                os.makedirs(os.path.join(etd, "split"), exist_ok=True)
                gen_et.write_et(os.path.join(etd, "one", "bnch.et"), "bnch",
                                cs)
                names = gen_et.split_names(n)
                for i, name in enumerate(names):
                    gen_et.write_et(os.path.join(etd, "split", name + ".et"),
                                    name, cs[256 * i:256 * (i + 1)])
                jobs += [
                    ("compile_et one", lambda: once(
                        ["compile_et", os.path.join(etd, "one", "bnch.et")],
                        cwd=out, fresh=out)),
                    ("compile_et split", lambda: once_split(
                        os.path.join(etd, "split"), names, out)),
                ]
            for key, fig in measure(jobs, a.repeat).items():
                res[key, n] = fig
            shutil.rmtree(out, ignore_errors=True)

    tools = ["xmllint", "errgen all", "errgen h+c", "errgen h+c same"]
    if has_et:
        tools += ["compile_et one", "compile_et split"]

    print("\nWall time (best), CPU time, peak RSS")
    rows = []
    for n in sizes:
        x = res["xmllint", n][0]
        for t in tools:
            w, rss, cpu = res[t, n]
            row = [t, n, "%.1f" % (w * 1e3), "%.1f" % (cpu * 1e3),
                   "%.2f" % (w * 1e6 / n), "%.1f" % (rss / 1024),
                   "%.2f" % (w / x)]
            if has_et:
                row += ["%.2f" % (w / res["compile_et one", n][0]),
                        "%.2f" % (w / res["compile_et split", n][0])]
            rows.append(row)
    hdr = ["tool", "N", "wall ms", "cpu ms", "us/code", "RSS MiB",
           "/xmllint"]
    if has_et:
        hdr += ["/et one", "/et split"]
    benchlib.table(rows, hdr)

    if len(sizes) > 1:
        print("\nGrowth between sizes: exponent k in time ~ N^k (1 = linear);"
              "\nmarginal memory = (RSS(N2) - RSS(N1)) / (N2 - N1)")
        rows = []
        for t in tools:
            for n1, n2 in zip(sizes, sizes[1:]):
                w1, r1, _ = res[t, n1]
                w2, r2, _ = res[t, n2]
                k = math.log(w2 / w1) / math.log(n2 / n1)
                mem = (r2 - r1) * 1024 / (n2 - n1)
                rows.append([t, "%d->%d" % (n1, n2), "%.2f" % k,
                             "%.0f" % mem])
                if t == "errgen all":
                    benchlib.summary(
                        "generate, growth %d -> %d" % (n1, n2),
                        "time ~ N^%.2f, %.0f B/code" % (k, mem),
                        "xmllint ~ N^%.2f, %.0f B/code" % (
                            math.log(res["xmllint", n2][0] /
                                     res["xmllint", n1][0]) /
                            math.log(n2 / n1),
                            (res["xmllint", n2][1] - res["xmllint", n1][1])
                            * 1024 / (n2 - n1)),
                        "", "linear" if k < 1.15 else "NOT linear")
        benchlib.table(rows, ["tool", "N", "time exponent",
                              "marginal bytes/code"])

    print("\nGoals (figures, not a verdict of the test suite)")
    for n in sizes:
        for t in ("errgen all", "errgen h+c"):
            r = res[t, n][0] / res["xmllint", n][0]
            print("N=%-6d %-15s %.2fx xmllint (goal <= 2: %s)" % (
                n, t, r, "met" if r <= 2 else "MISSED"))
            label = "all kinds" if t == "errgen all" else "header+catalog"
            benchlib.summary("generate N=%d, %s" % (n, label),
                             "%.1f ms" % (res[t, n][0] * 1e3),
                             "xmllint %.1f ms" % (res["xmllint", n][0] * 1e3),
                             "%.2fx (goal <= 2)" % r,
                             "met" if r <= 2 else "MISSED")
        if not has_et:
            continue
        # like for like: the table compile_et gets, as errgen XML; then,
        # for the record, the full table (3 languages, mappings, all kinds)
        for t, et, label in (
                ("errgen h+c same", "compile_et one", "same table, h+c"),
                ("errgen h+c same", "compile_et split", "same table, h+c"),
                ("errgen all", "compile_et one", "full table, all")):
            q = res[t, n][0] / res[et, n][0]
            verdict = "faster" if q < 1 else "NOT faster"
            print("N=%-6d %-15s %.2fx %s (%s)" % (n, t, q, et, verdict))
            benchlib.summary("generate N=%d, %s" % (n, label),
                             "%.1f ms" % (res[t, n][0] * 1e3),
                             "%s %.1f ms" % (et, res[et, n][0] * 1e3),
                             "%.2fx" % q, verdict)

if __name__ == "__main__":
    main()
