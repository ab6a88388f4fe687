#!/usr/bin/env python3
"""Writes gen_table.py's N codes as compile_et (com_err) error tables.

    gen_et.py N OUT_DIR [--seed S]

OUT_DIR/one/bnch.et    all N codes in one table. compile_et accepts it, but
                       com_err keeps 8 bits for the index in a table, so
                       past 256 codes the values run into the next tables'
                       ranges and error_message() answers wrongly: a
                       benchmark of the tool, not of a usable table.
OUT_DIR/split/eXY.et   the same codes in legal tables of at most 256 codes
                       each (ceil(N / 256) tables, names eAA, eAB, ...).
OUT_DIR/split/tables.txt  the split tables' names, one a line, in order.

Only names and English messages carry over: compile_et has no
translations, no explanations and no mappings, and assigns the values.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import gen_table

ALNUM = ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def table_name(i):
    return "e" + ALNUM[i // len(ALNUM)] + ALNUM[i % len(ALNUM)]


def write_et(path, name, cs):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Synthetic benchmark table (tests/bench/gen_et.py)\n")
        f.write("error_table %s\n\n" % name)
        for c in cs:
            msg = c["msg"].replace("\\", "\\\\").replace('"', '\\"')
            f.write('ec %s,\n\t"%s"\n' % (c["name"], msg))
        f.write("\nend\n")


def split_names(n):
    return [table_name(i) for i in range((n + 255) // 256)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    cs = gen_table.codes(a.n, "dense", a.seed)
    one = os.path.join(a.out_dir, "one")
    split = os.path.join(a.out_dir, "split")
    os.makedirs(one, exist_ok=True)
    os.makedirs(split, exist_ok=True)
    write_et(os.path.join(one, "bnch.et"), "bnch", cs)
    names = split_names(a.n)
    for i, name in enumerate(names):
        write_et(os.path.join(split, name + ".et"), name,
                 cs[256 * i:256 * (i + 1)])
    with open(os.path.join(split, "tables.txt"), "w") as f:
        f.write("".join(n + "\n" for n in names))


if __name__ == "__main__":
    main()
