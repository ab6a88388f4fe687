#!/usr/bin/env python3
"""errgen refuses exactly the empty texts that the schema does.

usage: schema_text.py ERRGEN SRC_ROOT

Every text of an errgen XML (titles, descriptions, messages, translations,
explanations, the unknown-code message, mapping notes) has the schema type
`text`, a string of at least one character. errgen's validation thread
leaves that minimum length out of its copy of the schema (libxml2 counted
the characters of every message to find it) and its event loader checks
it: on an empty text it hands the document to the tree loader, which
validates against the whole schema and reports. This test holds that
shortcut to the published schema: for every place a text can stand and a
list of awkward contents (empty, an empty CDATA section, only a comment,
white space written as is or as a character reference), one document each,
`xmllint --schema schema/errgen.xsd` gives the verdict, and errgen must
report the same "[facet 'minLength']" diagnostics, on the same lines, exit
2 for exactly the documents xmllint refuses, and generate the others.

Exit status: 0 pass, 1 failure, 77 skipped (no xmllint).
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from against_xmllint import each_value, setup  # noqa: E402

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<errors xmlns="urn:errgen:1" domain="txt" prefix="TXT_" languages="de"
        unknown-message="{unknown}">
  <title>{title}</title>
  <description>{description}</description>
  <group id="g">
    <title>{group_title}</title>
    <description>{group_description}</description>
    <error name="TXT_A" value="1">
      <message>{message}</message>
      <message xml:lang="de">{translation}</message>
      <explanation>{explanation}</explanation>
      <map to="errno" name="EPIPE" note="{note}"/>
    </error>
  </group>
</errors>
"""

ELEMENTS = ["title", "description", "group_title", "group_description",
            "message", "translation", "explanation"]
ATTRIBUTES = ["unknown", "note"]
DEFAULTS = {k: "Some text" for k in ELEMENTS + ATTRIBUTES}

ELEMENT_VALUES = ["", "<![CDATA[]]>", "<!-- only a comment -->",
                  "<![CDATA[]]><!-- c --><![CDATA[]]>", " ", "&#32;",
                  "\n", "<![CDATA[ ]]>", "x", "&#233;", "<![CDATA[x]]>"]
ATTRIBUTE_VALUES = ["", " ", "&#9;", "&#10;", "x", "&#233;"]

MIN_LENGTH = re.compile(r":(\d+):(?:\d+:)? .*\[facet 'minLength'\]")


def verdicts(text):
    """The lines of the minLength diagnostics in xmllint's or errgen's
    output (xmllint says FILE:LINE:, errgen FILE:LINE:COL:)."""
    return sorted(int(m.group(1)) for m in MIN_LENGTH.finditer(text))


def main():
    errgen, schema = setup(__doc__)
    failures = cases = refused = 0
    places = [(k, ELEMENT_VALUES) for k in ELEMENTS] + \
             [(k, ATTRIBUTE_VALUES) for k in ATTRIBUTES]
    for place, value, lint, gen, out in each_value(errgen, schema, TEMPLATE,
                                                   DEFAULTS, places):
        cases += 1
        want, got = verdicts(lint.stderr), verdicts(gen.stderr)
        refused += bool(want)
        valid = lint.returncode == 0
        if want != got or gen.returncode != (0 if valid else 2):
            failures += 1
            print("FAIL: %s=%r: xmllint (exit %d) refuses lines %r "
                  "by minLength, errgen (exit %d) %r\n%s%s"
                  % (place, value, lint.returncode, want,
                     gen.returncode, got, lint.stderr, gen.stderr))
        if valid and not os.path.exists(
                os.path.join(out, "txt", "txt_errors.h")):
            failures += 1
            print("FAIL: %s=%r: valid, but no header\n%s"
                  % (place, value, gen.stderr))
    # a test that refused nothing would check nothing
    if refused == 0:
        failures += 1
        print("FAIL: xmllint refused none of the documents")
    print("%d documents, %d refused by minLength, %d failures"
          % (cases, refused, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
