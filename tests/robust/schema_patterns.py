#!/usr/bin/env python3
"""errgen refuses exactly the attribute values that the schema's patterns do.

usage: schema_patterns.py ERRGEN SRC_ROOT

errgen validates in a thread of its own with a copy of the schema whose
patterns for C identifiers and decimal integers are left out (libxml2's
pattern matching was half of the validation's time); its event loader
checks those values itself and, on one it refuses, hands the document to
the tree loader, which validates against the whole schema and reports.
This test holds that shortcut to the published schema: for every attribute
of those types (errors@domain, @prefix, @base, @min, @max; error@name,
@value; alias@name; map@name, @lib) and a list of awkward values, one
document each, `xmllint --schema schema/errgen.xsd` gives the verdict, and
errgen must report "ATTR 'V' is not a C identifier (...)" or "... is not
a plain decimal integer (...)" (its words for libxml2's pattern failure)
for exactly the values xmllint refuses by pattern, and for no other.
Values are written as they stand in the file (character references, white
space), so what the parser hands over is what is checked.

Exit status: 0 pass, 1 failure, 77 skipped (no xmllint).
"""
import os
import re
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from against_xmllint import both, each_value, setup  # noqa: E402

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<errors xmlns="urn:errgen:1" domain="{domain}" prefix="{prefix}"
        base="{base}" min="{min}" max="{max}">
  <title>Patterns</title>
  <error name="{name}" value="{value}">
    <message>A message.</message>
    <alias name="{alias}"/>
    <map to="openssl" lib="{lib}" name="{map}"/>
  </error>
</errors>
"""

DEFAULTS = {"domain": "pat", "prefix": "PAT_", "base": "1", "min": "-5",
            "max": "100", "name": "PAT_A", "value": "1", "alias": "PAT_B",
            "lib": "SSL", "map": "SSL_R_BAD_PACKET"}

IDENTIFIERS = [
    "A", "_", "a1", "PAT_Z9", "1A", "A-B", "A B", " A", "A ", "A.B", "",
    "A&#9;B", "&#65;", "&#x31;A", "A\u00e9", "\u00c4", "A$", "A\u0661",
    "PAT_" + "W" * 90,
]
DECIMALS = [
    "0", "-0", "00", "01", "1", "-1", "+1", " 1", "1 ", "1.0", "1e3", "-",
    "", "2147483647", "-2147483648", "2147483648", "9999999999999999999",
    "99999999999999999999", "&#48;", "&#x31;2", "\u0663", "0x10",
]
ATTRIBUTES = {
    "domain": IDENTIFIERS, "prefix": IDENTIFIERS, "name": IDENTIFIERS,
    "alias": IDENTIFIERS, "lib": IDENTIFIERS, "map": IDENTIFIERS,
    "base": DECIMALS, "min": DECIMALS, "max": DECIMALS, "value": DECIMALS,
}

# xmllint's words, and errgen's for the same failure (it rewords libxml2's
# pattern messages for these two types)
XMLLINT = re.compile(r"\[facet 'pattern'\] The value '(.*?)' is not accepted")
ERRGEN = re.compile(r"\b\w+ '(.*?)' is not (?:a plain decimal integer|a C "
                    r"identifier) \(")


def main():
    errgen, schema = setup(__doc__)
    failures = 0
    cases = 0
    for attr, value, lint, gen, _ in each_value(errgen, schema, TEMPLATE,
                                                DEFAULTS, ATTRIBUTES.items()):
        cases += 1
        want = XMLLINT.findall(lint.stderr)
        got = ERRGEN.findall(gen.stderr)
        if want != got or (want and gen.returncode != 2):
            failures += 1
            print("FAIL: %s=%r: xmllint refuses %r by pattern, errgen %r "
                  "(exit %d)\n%s"
                  % (attr, value, want, got, gen.returncode, gen.stderr))
        if gen.returncode not in (0, 2):
            failures += 1
            print("FAIL: %s=%r: errgen exit %d\n%s"
                  % (attr, value, gen.returncode, gen.stderr))
    # the template itself is valid and generates
    with tempfile.TemporaryDirectory() as tmp:
        _, gen, _ = both(errgen, schema, tmp, TEMPLATE.format(**DEFAULTS))
    if gen.returncode != 0:
        failures += 1
        print("FAIL: the template itself: exit %d\n%s"
              % (gen.returncode, gen.stderr))
    print("%d values, %d failures" % (cases, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
