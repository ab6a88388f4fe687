"""Helpers shared by the benchmark drivers (Python 3 standard library only)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def find_errgen(path=None):
    """--errgen, else $ERRGEN, else build-bench/gen/errgen, else build/."""
    cands = [path, os.environ.get("ERRGEN"),
             os.path.join(ROOT, "build-bench", "gen", "errgen"),
             os.path.join(ROOT, "build", "gen", "errgen")]
    for c in cands:
        if c and os.access(c, os.X_OK):
            return os.path.abspath(c)
    sys.exit("errgen not found; build it: meson setup build-bench "
             "-Dtests=false -Dbuildtype=release && ninja -C build-bench "
             "(or pass --errgen PATH)")


def have(prog):
    return shutil.which(prog) is not None


TIME = "/usr/bin/time"


def run_once(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, peak RSS in KiB, cpu seconds).

    CPU time comes from wait4() and includes the children the process
    reaped (a shell script's awk). Peak RSS comes from GNU time's %M when
    /usr/bin/time is installed: the maxrss that wait4() reports for a child
    of this (large) Python process starts at Python's own RSS, because Linux
    carries the pre-exec high-water mark over exec; /usr/bin/time is small,
    so the figure it reports is the tool's own. Without it the figure is an
    upper bound (marked in the output by benchlib.RSS_NOTE)."""
    tfile = None
    if os.access(TIME, os.X_OK):
        fd, tfile = tempfile.mkstemp(prefix="bench-time-")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", tfile] + list(cmd)
    try:
        with open(os.devnull, "wb") as null:
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, cwd=cwd, stdout=null,
                                 stderr=subprocess.PIPE)
            err = p.stderr.read()
            _, status, ru = os.wait4(p.pid, 0)
            t1 = time.perf_counter()
            p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            sys.exit("failed (%d): %s\n%s" % (
                p.returncode, " ".join(cmd), err.decode(errors="replace")))
        rss = ru.ru_maxrss
        if tfile:
            with open(tfile) as f:
                rss = int(f.read().split()[-1])
    finally:
        if tfile:
            os.unlink(tfile)
    return t1 - t0, rss, ru.ru_utime + ru.ru_stime


RSS_NOTE = ("peak RSS from /usr/bin/time %M" if os.access(TIME, os.X_OK)
            else "peak RSS from wait4(), an upper bound (includes the "
            "Python parent's RSS; install GNU time)")


def run(cmd, cwd=None, capture=True, check=True, env=None):
    r = subprocess.run(cmd, cwd=cwd, env=env,
                       stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.STDOUT if capture else None)
    if check and r.returncode != 0:
        out = r.stdout.decode(errors="replace") if capture else ""
        sys.exit("failed (%d): %s\n%s" % (r.returncode, " ".join(cmd), out))
    return r.stdout.decode(errors="replace") if capture else ""


class Workdir:
    """A scratch directory, removed at exit unless keep."""

    def __init__(self, path=None, keep=False, prefix="errgen-bench-"):
        self.keep = keep or bool(path)
        if path:
            os.makedirs(path, exist_ok=True)
            self.path = os.path.abspath(path)
        else:
            self.path = tempfile.mkdtemp(prefix=prefix)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        if self.keep:
            print("work files kept in %s" % self.path)
        else:
            shutil.rmtree(self.path, ignore_errors=True)


def table(rows, header):
    """Prints rows (lists of str) aligned under header; numbers right."""
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows
              else len(header[i]) for i in range(len(header))]

    def fmt(r):
        out = []
        for i, c in enumerate(r):
            num = c[:1].isdigit() or c[:1] in "-+." and c[1:2].isdigit()
            out.append(c.rjust(widths[i]) if num and i else c.ljust(widths[i]))
        return "  ".join(out).rstrip()

    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(fmt(r))


SUMMARY_ENV = "ERRGEN_BENCH_SUMMARY"


def summary(work, errgen, reference, ratio, verdict):
    """One row of the summary that tests/bench/run prints at the end (all
    goals in one table): appended to the file $ERRGEN_BENCH_SUMMARY names,
    when it is set."""
    path = os.environ.get(SUMMARY_ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as f:
        f.write("\t".join(str(x).replace("\t", " ") for x in
                          (work, errgen, reference, ratio, verdict)) + "\n")


def print_summary(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            rows.append(line.rstrip("\n").split("\t"))
    table(rows, ["work", "errgen", "peer or goal", "ratio", "verdict"])
