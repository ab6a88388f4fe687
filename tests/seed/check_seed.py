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
(namespace urn:errgen:1) must begin with one group per block, in order; a
heading "T: D" gives the group title T and description D, a heading without
": " gives the description only. Each row must be an error of the group of
its block, and the rows of a block must be the first errors of that group, in
the order of the table, with the same value, name (if the row has one),
message (the quoted text) and explanation (the text after the quote,
trimmed; no element if empty). Rows marked "(unused)" must be errors with
status="obsolete" and no message.

The XML may hold more than the table: groups after those of the blocks, and
errors after a block's rows in its group, as long as their values are not in
the table. Such codes are counted, not checked here.

Two tables below name the only places where the XML may depart from the
table because it follows the NSS library instead (RUNTIME_MESSAGES,
HEADER_OBSOLETE); any other difference is a mismatch, and so is an entry of
those tables that the XML does not use.

Prints one line per mismatch, then "N rows checked, M mismatches"; exits 1
if there is any mismatch (or the input cannot be read), 0 otherwise.
"""

import sys
import xml.etree.ElementTree as ET

NS = "{urn:errgen:1}"
UNUSED = "(unused)"

# data/nss-ssl.xml carries the messages that the NSS library itself returns
# (PR_ErrorToString(code, PR_LANGUAGE_I_DEFAULT) with NSS 3.87; the test
# tests/nss/fidelity.c proves them). For these values the documentation's
# table says something else, so the XML must have exactly this text instead
# of the table's. Six rows have a message in the table that NSS words
# differently; the three "(unused)" rows have no message in the table, but
# NSS still returns one for them (including its "error_code" typo).
RUNTIME_MESSAGES = {
    # (unused) row, SSL_ERROR_UNUSED_5
    -12283: "Unrecognized SSL error_code.",
    # (unused) row, SSL_ERROR_UNUSED_10
    -12278: "Unrecognized SSL error_code.",
    # SSL_ERROR_WRONG_CERTIFICATE: "does not correspond to" in the table
    -12277: "Client authentication failed: private key in key database "
            "does not match public key in certificate database.",
    # (unused) row, SSL_ERROR_POST_WARNING
    -12275: "Unrecognized SSL error code.",
    # SSL_ERROR_MAC_COMPUTATION_FAILURE: "Message Authentication Code ..."
    -12213: "MAC computation failed.",
    # SSL_ERROR_SESSION_KEY_GEN_FAILURE: the table lacks "Client"
    -12207: "Client failed to generate session keys for SSL session.",
    # SSL_ERROR_TOKEN_INSERTION_REMOVAL: "PKCS #11" with a space in the table
    -12205: "PKCS#11 token was inserted or removed while operation was "
            "in progress.",
    # SSL_ERROR_HANDSHAKE_NOT_COMPLETED: the table's text is about
    # initiating another handshake
    -12202: "Cannot perform the operation until the handshake is complete.",
    # SSL_ERROR_CERT_KEA_MISMATCH: "key exchange algorithm" in the table
    -12200: "The certificate provided cannot be used with the selected "
            "authentication type.",
}

# Codes the table documents as in use but that sslerr.h (NSS 3.87) marks
# obsolete ("error N is obsolete"): the XML gives them status="obsolete" and
# keeps their message and explanation.
HEADER_OBSOLETE = {
    -12288,     # SSL_ERROR_EXPORT_ONLY_SERVER
    -12287,     # SSL_ERROR_US_ONLY_SERVER
    -12284,     # SSL_ERROR_BAD_CERTIFICATE
    -12280,     # SSL_ERROR_UNSUPPORTED_CERTIFICATE_TYPE
    -12277,     # SSL_ERROR_WRONG_CERTIFICATE
    -12274,     # SSL_ERROR_SSL2_DISABLED
    -12267,     # SSL_ERROR_FORTEZZA_PQG
    -12217,     # SSL_ERROR_DECRYPTION_FAILURE
    -12210,     # SSL_ERROR_PUB_KEY_SIZE_LIMIT_EXCEEDED
    -12199,     # SSL_ERROR_NO_TRUSTED_SSL_CLIENT_CA
}


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
    if len(xml_groups) < len(blocks):
        problems.append("groups: fixture has %d blocks, xml has only %d groups"
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
                if row.value in RUNTIME_MESSAGES:
                    if len(messages) != 1 or message != RUNTIME_MESSAGES[row.value]:
                        problems.append("%s: unused code's message is %r, expected "
                                        "NSS's runtime message %r"
                                        % (where, message, RUNTIME_MESSAGES[row.value]))
                    # translations of the runtime message are welcome
                elif err.find(NS + "message") is not None:
                    problems.append("%s: unused code has a message" % where)
            else:
                if row.value in HEADER_OBSOLETE:
                    if status != "obsolete":
                        problems.append("%s: status is %r, expected 'obsolete' "
                                        "(sslerr.h marks it obsolete)" % (where, status))
                elif status == "obsolete":
                    problems.append("%s: status is 'obsolete' for a code in use" % where)
                if len(messages) != 1:
                    problems.append("%s: %d English messages, expected 1"
                                    % (where, len(messages)))
                expected = RUNTIME_MESSAGES.get(row.value, row.message)
                if message != expected:
                    problems.append("%s: message is %r, expected %r%s"
                                    % (where, message, expected,
                                       " (NSS's runtime message)"
                                       if row.value in RUNTIME_MESSAGES else ""))
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

    # Order inside each group (membership is reported per row above): the
    # block's rows first, in the order of the fixture; codes that the table
    # does not have may follow them.
    for bindex, (block, group) in enumerate(zip(blocks, xml_groups)):
        want = [r.value for r in block.rows]
        got = [parse_int(e.get("value", "")) for e in group.findall(NS + "error")]
        if set(want) <= set(got) and got[:len(want)] != want:
            problems.append("group %s: the fixture's rows are not its first errors, "
                            "in the order of the fixture" % group.get("id"))

    # Entries of the exception tables must be used: their values are rows of
    # the fixture (HEADER_OBSOLETE: rows in use).
    for value in sorted(set(RUNTIME_MESSAGES) - fixture_values, reverse=True):
        problems.append("RUNTIME_MESSAGES: value %d is not a row of the fixture" % value)
    in_use = {r.value for b in blocks for r in b.rows if not r.unused}
    for value in sorted(HEADER_OBSOLETE - in_use, reverse=True):
        problems.append("HEADER_OBSOLETE: value %d is not a row in use in the fixture"
                        % value)

    extra = sorted(set(by_value) - fixture_values, reverse=True)
    if extra:
        print("%d codes of the xml are not in the fixture (not checked here)"
              % len(extra))

    for p in problems:
        print(p)
    print("%d rows checked, %d mismatches" % (nrows, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
