#!/usr/bin/env python3
"""Size of the generated catalog as a -fPIC shared object, against com_err.

    bench_size.py [--n 10000] [--errgen PATH] [--workdir DIR]

Builds, with cc -O2 -fPIC:
  errgen dense         the catalog of gen_table.py's N dense codes
  errgen dense no-NLS  the same with -DERRGEN_NO_NLS (no gettext key table)
  errgen dense no-cache  the same with -DERRGEN_NO_CACHE (no kept answers)
  errgen runs          the catalog of the codes in three runs (no value
                       table)
  errgen sparse        the catalog of the sparse variant (value table)
  compile_et           gen_et.py's ceil(N/256) legal tables of the same
                       codes, all in one shared object
  (empty)              a shared object of an empty file, the baseline that
                       the crt files alone bring (a few relocations)
and reports the sizes of .text, .rodata, .data.rel.ro and .rela.dyn
(readelf -S), the dynamic relocations (readelf -r, minus the empty
baseline; the data relocations, RELATIVE and 64, apart from the imported
variables, GLOB_DAT, by name), the relocations the object file asks for
outside .text, the
bytes per code of the tables (nm -S on the object: every symbol but the
string pool) and of the strings, and each table's integer type against the
narrowest type that holds its largest entry. Figures only.
"""
import argparse
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import gen_et  # noqa: E402
import gen_table  # noqa: E402

CC = os.environ.get("CC", "cc")
SECTIONS = (".text", ".rodata", ".data.rel.ro", ".data", ".rela.dyn")


def sections(path):
    out = benchlib.run(["readelf", "-S", "-W", path])
    sizes = {}
    for m in re.finditer(r"\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+"
                         r"([0-9a-f]+)", out):
        sizes[m.group(1)] = int(m.group(2), 16)
    return sizes


def relocs(path):
    """{section: count} from readelf -r."""
    out = benchlib.run(["readelf", "-r", "-W", path])
    counts, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"Relocation section '([^']+)' .* contains (\d+) entr",
                     line)
        if m:
            counts[m.group(1)] = int(m.group(2))
    return counts


def dyn_entries(path):
    """[(type, symbol without its version)] of .rela.dyn."""
    out = benchlib.run(["readelf", "-r", "-W", path])
    part = out.split("Relocation section '.rela.dyn'")
    if len(part) < 2:
        return []
    part = part[1].split("Relocation section")[0]
    ents = []
    for m in re.finditer(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+(R_\w+)(.*)$", part,
                         re.M):
        f = m.group(2).split()
        sym = f[1].split("@")[0] if len(f) >= 3 else ""
        ents.append((m.group(1), sym))
    return ents


def dyn_beyond(path, base_path):
    """(data relocations, [imported variables]) beyond the baseline .so."""
    ents, base = dyn_entries(path), dyn_entries(base_path)
    data = sum(1 for t, _ in ents if t in ("R_X86_64_RELATIVE", "R_X86_64_64"))
    data -= sum(1 for t, _ in base
                if t in ("R_X86_64_RELATIVE", "R_X86_64_64"))
    base_syms = {s for t, s in base if t == "R_X86_64_GLOB_DAT"}
    imports = sorted(s for t, s in ents
                     if t == "R_X86_64_GLOB_DAT" and s not in base_syms)
    return data, imports


def reloc_types(path):
    out = benchlib.run(["readelf", "-r", "-W", path])
    types = {}
    for m in re.finditer(r"^\s*[0-9a-f]+\s+[0-9a-f]+\s+(R_\w+)", out, re.M):
        types[m.group(1)] = types.get(m.group(1), 0) + 1
    return types


def nm_sizes(obj):
    """[(name, type letter, size)] of the object's sized symbols."""
    out = benchlib.run(["nm", "-S", obj])
    syms = []
    for line in out.splitlines():
        p = line.split()
        if len(p) == 4:
            syms.append((p[3], p[2], int(p[1], 16)))
    return syms


def narrowest(maxval, signed):
    if signed:
        for t, hi in (("int8_t", 127), ("int16_t", 32767),
                      ("int32_t", 2**31 - 1)):
            if maxval <= hi:
                return t
        return "int64_t"
    for t, hi in (("uint8_t", 255), ("uint16_t", 65535),
                  ("uint32_t", 2**32 - 1)):
        if maxval <= hi:
            return t
    return "uint64_t"


TYPE_BYTES = {"uint8_t": 1, "uint16_t": 2, "uint32_t": 4, "uint64_t": 8,
              "int8_t": 1, "int16_t": 2, "int32_t": 4, "int64_t": 8}


def table_types(csrc):
    """[(table, type, entries, largest |entry|, negative?)] from the
    generated .c: the integer members of the D_error_tables struct, in
    order, and their initializers (the brace groups that follow)."""
    src = open(csrc, encoding="utf-8").read()
    m = re.search(r"static const struct (\w+)_error_tables \{(.*?)\n\} "
                  r"\w+_error_tables = \{\n(.*?)\n\};", src, re.S)
    if not m:
        return []
    members = re.findall(r"^\t(u?int\d+_t) (\w+)\[(\d+)\];", m.group(2),
                         re.M)
    inits = re.findall(r"^\t\{\n(.*?)\n\t\},", m.group(3), re.M | re.S)
    rows = []
    for (typ, name, count), init in zip(members, inits):
        vals = [int(v) for v in re.findall(r"-?\d+", init)]
        rows.append((name, typ, int(count),
                     max((abs(v) for v in vals), default=0),
                     min(vals, default=0) < 0))
    return rows


def pool_bytes(csrc):
    """The pool's size, from the generated compile-time check."""
    src = open(csrc, encoding="utf-8").read()
    m = re.search(r"sizeof\(struct \w+_error_pool\) == (\d+)", src)
    return int(m.group(1)) if m else 0


def table_bytes(csrc):
    """[(table, bytes)]: the integer members of the tables struct."""
    return [(name, count * TYPE_BYTES[typ])
            for name, typ, count, _, _ in table_types(csrc)]


def build_so(srcs, so, flags=(), cwd=None):
    objs = []
    for s in srcs:
        o = os.path.splitext(s)[0] + (".nonls.o" if "-DERRGEN_NO_NLS" in flags
                                      else ".o")
        benchlib.run([CC, "-O2", "-fPIC", "-c", "-o", o, s] + list(flags),
                     cwd=cwd)
        objs.append(o)
    benchlib.run([CC, "-shared", "-o", so] + objs, cwd=cwd)
    return objs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--errgen")
    ap.add_argument("--workdir")
    a = ap.parse_args()
    errgen = benchlib.find_errgen(a.errgen)
    n = a.n
    with benchlib.Workdir(a.workdir) as wd:
        builds = {}  # label -> (so, [objs], csrc or None)
        empty = os.path.join(wd, "empty.c")
        with open(empty, "w") as f:
            f.write("/* nothing */\nint bench_size_empty;\n")
        builds["(empty)"] = (os.path.join(wd, "libempty.so"),
                             build_so([empty], os.path.join(wd, "libempty.so")),
                             None)
        strings = {}
        for kind in gen_table.KINDS:
            d = os.path.join(wd, kind)
            os.makedirs(d, exist_ok=True)
            cs = gen_table.codes(n, kind)
            strings[kind] = (sum(len(c["name"]) + 1 for c in cs),
                             sum(len(c["msg"].encode()) + 1 for c in cs))
            xml = os.path.join(d, "bench.xml")
            gen_table.write_xml(xml, cs, kind)
            benchlib.run([errgen, "--flat", "-o", d,
                          "--emit=header,catalog", xml])
            c = os.path.join(d, "bench_errors.c")
            so = os.path.join(d, "libbench_errors.so")
            builds["errgen " + kind] = (so, build_so([c], so), c)
            if kind == "dense":
                so2 = os.path.join(d, "libbench_errors_nonls.so")
                builds["errgen dense no-NLS"] = (
                    so2, build_so([c], so2, ["-DERRGEN_NO_NLS"]), c)
                so3 = os.path.join(d, "libbench_errors_nocache.so")
                builds["errgen dense no-cache"] = (
                    so3, build_so([c], so3, ["-DERRGEN_NO_CACHE"]), c)
        if benchlib.have("compile_et"):
            etd = os.path.join(wd, "et")
            os.makedirs(etd, exist_ok=True)
            cs = gen_table.codes(n)
            srcs = []
            for i, t in enumerate(gen_et.split_names(n)):
                gen_et.write_et(os.path.join(etd, t + ".et"), t,
                                cs[256 * i:256 * (i + 1)])
                benchlib.run(["compile_et", t + ".et"], cwd=etd)
                srcs.append(os.path.join(etd, t + ".c"))
            so = os.path.join(etd, "libbench_et.so")
            builds["compile_et %d tables" % len(srcs)] = (
                so, build_so(srcs, so), None)
        else:
            print("compile_et not found (apt-get install comerr-dev): "
                  "its row is skipped")

        base = relocs(builds["(empty)"][0])
        print("N=%d codes; sizes in bytes. Relocations of the .so beyond "
              "the empty .so's (%d in .rela.dyn, %d in .rela.plt): .rela.dyn "
              "holds the data relocations a loader must apply (RELATIVE, "
              "GLOB_DAT), .rela.plt the imported functions (JUMP_SLOT, "
              "lazily bound); '.o data' counts the object's relocations "
              "outside .text and .eh_frame\n"
              % (n, base.get(".rela.dyn", 0), base.get(".rela.plt", 0)))
        rows = []
        for label, (so, objs, _) in builds.items():
            s = sections(so)
            r = relocs(so)
            data_rel = sum(v for k, v in
                           ((k, v) for o in objs for k, v in relocs(o).items())
                           if not k.startswith((".rela.text", ".rela.eh_frame")))
            sub = label != "(empty)"
            rows.append([label] + [str(s.get(x, 0)) for x in SECTIONS] + [
                str(r.get(".rela.dyn", 0) - (base.get(".rela.dyn", 0) if sub
                                             else 0)),
                str(r.get(".rela.plt", 0) - (base.get(".rela.plt", 0) if sub
                                             else 0)),
                str(data_rel)])
        benchlib.table(rows, ["shared object"] + list(SECTIONS) +
                       ["+rela.dyn", "+rela.plt", ".o data"])
        for label in ("errgen dense", "errgen runs", "errgen sparse"):
            print("%s relocation types: %s" % (label, ", ".join(
                "%s %d" % kv for kv in sorted(
                    reloc_types(builds[label][0]).items()))))
        for label in [k for k in builds if k.startswith("errgen")]:
            data, imports = dyn_beyond(builds[label][0],
                                       builds["(empty)"][0])
            print("%s beyond the empty .so: %d data relocations, imported "
                  "variables: %s" % (label, data,
                                     ", ".join(imports) or "none"))

        et_label = [k for k in builds if k.startswith("compile_et")]
        if et_label:
            print("\ncompile_et relocation types: %s" % ", ".join(
                "%s %d" % kv for kv in sorted(
                    reloc_types(builds[et_label[0]][0]).items())))

        print("\nTable bytes per code (nm -S on the object; the string pool "
              "is not a table)")
        rows = []
        for label in ("errgen dense", "errgen dense no-NLS", "errgen runs",
                      "errgen sparse"):
            so, objs, c = builds[label]
            syms = nm_sizes(objs[0])
            # one symbol holds the tables and the pool; the object has no
            # other data
            data = sum(sz for nm, t, sz in syms if t in "rRdD")
            pool = pool_bytes(c)
            tabs = table_bytes(c)
            total = data - pool
            kind = label.split()[1]
            nb, mb = strings[kind]
            rows.append([label, "%.2f" % (total / n),
                         ", ".join("%s %d" % kv for kv in tabs) +
                         (", padding %d" % (total - sum(v for _, v in tabs))
                          if total != sum(v for _, v in tabs) else ""),
                         "%.1f" % (pool / n), "%.1f" % ((nb + mb) / n),
                         "%.1f" % ((pool - nb - mb) / n)])
        if et_label:
            so, objs, _ = builds[et_label[0]]
            ptrs = sum(sz for o in objs for nm, t, sz in nm_sizes(o)
                       if nm == "text")
            heads = sum(sz for o in objs for nm, t, sz in nm_sizes(o)
                        if nm.endswith("_error_table") or nm == "link")
            rela = sections(so).get(".rela.dyn", 0)
            rows.append([et_label[0], "%.2f" % ((ptrs + heads) / n),
                         "text[] %d, table heads %d (+ .rela.dyn %d = "
                         "%.1f/code at load)" % (ptrs, heads, rela, rela / n),
                         "", "%.1f" % (strings["dense"][1] / n), ""])
        benchlib.table(rows, ["catalog", "table B/code", "tables (bytes)",
                              "pool B/code", "strings B/code",
                              "pool - strings"])
        print("  strings B/code: each name and English message once, with "
              "its NUL (what code->name and code->message need); the pool "
              "holds exactly these, plus the unknown message and its gettext "
              "key once")

        print("\nInteger types of the tables (generated source) against the "
              "narrowest type holding the largest entry")
        rows = []
        for label in ("errgen dense", "errgen runs", "errgen sparse"):
            for name, typ, count, big, neg in table_types(builds[label][2]):
                want = narrowest(big, neg or typ.startswith("int"))
                rows.append([label, name.replace("bench_error_", ""), typ,
                             str(count), str(big), want,
                             "yes" if want == typ else "no"])
        benchlib.table(rows, ["catalog", "table", "type", "entries",
                              "largest", "narrowest", "narrowest?"])

        print("\nGoals (figures, not a verdict of the test suite)")
        for r in rows_goal(builds, n, builds["(empty)"][0]):
            print("  " + r)


def rows_goal(builds, n, base_so):
    out = []
    for label in ("errgen dense", "errgen runs", "errgen sparse"):
        so, objs, c = builds[label]
        syms = nm_sizes(objs[0])
        total = sum(sz for nm, t, sz in syms if t in "rRdD") - pool_bytes(c)
        out.append("%s: %.2f table bytes/code (goal <= 8: %s)" % (
            label, total / n, "met" if total / n <= 8 else "MISSED"))
        benchlib.summary("%s tables, N=%d" % (label, n),
                         "%.2f B/code" % (total / n), "goal <= 8", "",
                         "met" if total / n <= 8 else "MISSED")
        # the tables' relocations would be data relocations (a pointer
        # per entry); imported variables (GLOB_DAT) and functions
        # (JUMP_SLOT) are references to other libraries, listed apart
        dyn, imports = dyn_beyond(so, base_so)
        r, b = relocs(so), relocs(base_so)
        plt = r.get(".rela.plt", 0) - b.get(".rela.plt", 0)
        out.append("%s: %d data relocations beyond the empty .so "
                   "(goal 0: %s); imports: %d variable%s (%s), %d functions "
                   "(PLT)" % (label, dyn, "met" if dyn <= 0 else "MISSED",
                              len(imports), "" if len(imports) == 1 else "s",
                              ", ".join(imports) or "none", plt))
        benchlib.summary("%s data relocations, -fPIC .so" % label,
                         "%d" % dyn, "goal 0",
                         "imports %s" % (", ".join(imports) or "none"),
                         "met" if dyn <= 0 else "MISSED")
        narrow = all(narrowest(big, neg or typ.startswith("int")) == typ
                     for _, typ, _, big, neg in table_types(c))
        out.append("%s: every table of the narrowest type for its largest "
                   "entry: %s" % (label, "yes" if narrow else "no"))
        benchlib.summary("%s integer types" % label,
                         "narrowest" if narrow else "NOT narrowest",
                         "narrowest that fits", "",
                         "met" if narrow else "MISSED")
    return out


if __name__ == "__main__":
    main()
