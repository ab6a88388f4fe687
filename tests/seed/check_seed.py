#!/usr/bin/env python3
"""Check that an errgen XML file carries a seed error table without loss.

usage: check_seed.py FIXTURE XML

FIXTURE is a verbatim copy of a table in the layout of "Table 8.1 Error
codes defined in sslerr.h" of the NSS documentation:

    Table 8.1 Error codes defined in sslerr.h
    Constant | Value | Description |
    ---|---|---|
    SYMBOL | VALUE | "Message." Longer explanation. |
    SYMBOL | VALUE | (unused) |
    VALUE | (unused) | |
    Block title: block description | ||
    Block description without a title | ||

Rows before the first block heading form a first, untitled block. The XML
(namespace urn:errgen:1) must have one group per block, in order; a heading
"T: D" gives the group title T and description D, a heading without ": "
gives the description only. Each row must be an error of the group of its
block, in the order of the table, with the same value, name (if the row has
one), message (the quoted text) and explanation (the text after the quote,
trimmed; no element if empty). Rows marked "(unused)" must be errors with
status="obsolete" and no message.

Prints one line per mismatch, then "N rows checked, M mismatches"; exits 1
if there is any mismatch (or the input cannot be read), 0 otherwise.
"""

import sys
import xml.etree.ElementTree as ET

NS = "{urn:errgen:1}"
UNUSED = "(unused)"


class Row:
    def __init__(self, lineno, value, name, message, explanation, unused):
        self.lineno = lineno
        self.value = value          # int
        self.name = name            # str or None
        self.message = message      # str or None
        self.explanation = explanation  # str ('' when none)
        self.unused = unused        # bool


class Block:
    def __init__(self, lineno, title, description):
        self.lineno = lineno        # None for the rows before any heading
        self.title = title          # None when the heading has no title
        self.description = description
        self.rows = []


def parse_int(text):
    text = text.strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isdigit():
        return None
    return int(text)


def parse_fixture(path, problems):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < 3 or not lines[0].startswith("Table "):
        problems.append("fixture: first line is not a table caption")
    if len(lines) < 3 or lines[1] != "Constant | Value | Description |" \
            or lines[2] != "---|---|---|":
        problems.append("fixture: missing table header lines")
    blocks = [Block(None, None, None)]
    for lineno, line in enumerate(lines[3:], start=4):
        if line.endswith(" | ||"):
            heading = line[: -len(" | ||")].strip()
            colon = heading.find(": ")
            if colon >= 0:
                blocks.append(Block(lineno, heading[:colon].strip(),
                                    heading[colon + 2:].strip()))
            else:
                blocks.append(Block(lineno, None, heading))
            continue
        cells = line.split("|", 2)
        if len(cells) != 3 or not line.endswith(" |"):
            problems.append("fixture line %d: not a table row: %r" % (lineno, line))
            continue
        first, second = cells[0].strip(), cells[1].strip()
        third = cells[2].rstrip()[:-1]      # drop the closing "|"
        # Unnamed row: "VALUE | (unused) | |"
        if second == UNUSED and parse_int(first) is not None:
            if third.strip():
                problems.append("fixture line %d: text after (unused)" % lineno)
            blocks[-1].rows.append(Row(lineno, parse_int(first), None, None, "", True))
            continue
        value = parse_int(second)
        if value is None:
            problems.append("fixture line %d: no value: %r" % (lineno, line))
            continue
        name = first
        desc = third.strip()
        if desc == UNUSED:
            blocks[-1].rows.append(Row(lineno, value, name, None, "", True))
            continue
        if not desc.startswith('"') or desc.find('"', 1) < 0:
            problems.append("fixture line %d: no quoted message: %r" % (lineno, line))
            continue
        close = desc.find('"', 1)
        blocks[-1].rows.append(Row(lineno, value, name, desc[1:close],
                                   desc[close + 1:].strip(), False))
    if not blocks[0].rows:
        blocks.pop(0)
    return blocks


def child_text(elem, tag):
    found = elem.find(NS + tag)
    if found is None:
        return None
    return "".join(found.itertext())


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: check_seed.py FIXTURE XML\n")
        return 2
    fixture_path, xml_path = argv[1], argv[2]
    problems = []

    try:
        blocks = parse_fixture(fixture_path, problems)
        root = ET.parse(xml_path).getroot()
    except (OSError, UnicodeDecodeError, ET.ParseError) as exc:
        print("cannot read input: %s" % exc)
        print("0 rows checked, 1 mismatches")
        return 1

    if root.tag != NS + "errors":
        problems.append("xml: root element is %s, not {urn:errgen:1}errors" % root.tag)

    # Index the XML: every error, with the group it sits in (None: top level).
    xml_groups = root.findall(NS + "group")
    by_value = {}
    for parent, gindex in [(root, None)] + [(g, i) for i, g in enumerate(xml_groups)]:
        for err in parent.findall(NS + "error"):
            value = parse_int(err.get("value", ""))
            if value is None:
                problems.append("xml: error %s has a bad value %r"
                                % (err.get("name"), err.get("value")))
                continue
            if value in by_value:
                problems.append("xml: value %d occurs more than once" % value)
                continue
            by_value[value] = (err, gindex)

    # Groups: one per block, in order.
    if len(xml_groups) != len(blocks):
        problems.append("groups: fixture has %d blocks, xml has %d groups"
                        % (len(blocks), len(xml_groups)))
    for bindex, (block, group) in enumerate(zip(blocks, xml_groups)):
        gid = group.get("id")
        where = "block %d (fixture line %s)" % (bindex + 1, block.lineno or "-")
        title = child_text(group, "title")
        description = child_text(group, "description")
        if block.title is not None and title != block.title:
            problems.append("%s: group %s title is %r, expected %r"
                            % (where, gid, title, block.title))
        if block.description is not None and description != block.description:
            problems.append("%s: group %s description is %r, expected %r"
                            % (where, gid, description, block.description))
        if not title:
            problems.append("%s: group %s has no title" % (where, gid))

    # Rows.
    nrows = 0
    fixture_values = set()
    for bindex, block in enumerate(blocks):
        for row in block.rows:
            nrows += 1
            where = "line %d (%d)" % (row.lineno, row.value)
            if row.value in fixture_values:
                problems.append("%s: value repeated in fixture" % where)
            fixture_values.add(row.value)
            if row.value not in by_value:
                problems.append("%s: value missing from xml" % where)
                continue
            err, gindex = by_value[row.value]
            name = err.get("name")
            status = err.get("status", "active")
            messages = [m for m in err.findall(NS + "message")
                        if m.get("{http://www.w3.org/XML/1998/namespace}lang") is None]
            message = "".join(messages[0].itertext()) if messages else None
            explanation = child_text(err, "explanation") or ""
            if row.name is not None and name != row.name:
                problems.append("%s: name is %r, expected %r" % (where, name, row.name))
            if row.unused:
                if status != "obsolete":
                    problems.append("%s: status is %r, expected 'obsolete'" % (where, status))
                if err.find(NS + "message") is not None:
                    problems.append("%s: unused code has a message" % where)
            else:
                if status == "obsolete":
                    problems.append("%s: status is 'obsolete' for a code in use" % where)
                if len(messages) != 1:
                    problems.append("%s: %d English messages, expected 1"
                                    % (where, len(messages)))
                if message != row.message:
                    problems.append("%s: message is %r, expected %r"
                                    % (where, message, row.message))
            if explanation != row.explanation:
                problems.append("%s: explanation is %r, expected %r"
                                % (where, explanation, row.explanation))
            if gindex != bindex:
                got = "top level" if gindex is None else \
                    "group %s" % xml_groups[gindex].get("id")
                want = "group %d" % (bindex + 1)
                if bindex < len(xml_groups):
                    want = "group %s" % xml_groups[bindex].get("id")
                problems.append("%s: is in %s, expected %s" % (where, got, want))

    # Order inside each group (membership is reported per row above).
    for bindex, (block, group) in enumerate(zip(blocks, xml_groups)):
        want = [r.value for r in block.rows]
        got = [parse_int(e.get("value", "")) for e in group.findall(NS + "error")]
        if sorted(want) == sorted(got) and want != got:
            problems.append("group %s: errors are not in the order of the fixture"
                            % group.get("id"))

    for value in sorted(set(by_value) - fixture_values, reverse=True):
        problems.append("xml: value %d (%s) is not in the fixture"
                        % (value, by_value[value][0].get("name")))

    for p in problems:
        print(p)
    print("%d rows checked, %d mismatches" % (nrows, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
