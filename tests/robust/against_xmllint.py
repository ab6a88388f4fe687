"""One document through `xmllint --schema` and through errgen, for the tests
that hold errgen's shortcuts in validation (schema_patterns.py,
schema_text.py) to the published schema."""
import os
import shutil
import subprocess
import sys
import tempfile


def setup(usage):
    """ERRGEN and SRC_ROOT from the command line: errgen's path and the
    published schema's; exits 77 (skipped) without xmllint."""
    if len(sys.argv) != 3:
        sys.exit(usage)
    if not shutil.which("xmllint"):
        print("SKIP: xmllint not found (apt-get install libxml2-utils)")
        sys.exit(77)
    return sys.argv[1], os.path.join(sys.argv[2], "schema", "errgen.xsd")


def both(errgen, schema, tmp, text):
    """Writes text to TMP/input.xml; returns xmllint's and errgen's
    completed processes (errgen writes the header into TMP/out) and the
    output directory."""
    xml = os.path.join(tmp, "input.xml")
    with open(xml, "w", encoding="utf-8") as f:
        f.write(text)
    lint = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", schema, xml],
        capture_output=True, text=True)
    out = os.path.join(tmp, "out")
    shutil.rmtree(out, ignore_errors=True)
    gen = subprocess.run([errgen, "--emit", "header", "-o", out, xml],
                         capture_output=True, text=True)
    return lint, gen, out


def each_value(errgen, schema, template, defaults, places):
    """For every (place, values) of places and every value: template filled
    in from defaults with value at place, through both(); yields (place,
    value, xmllint's process, errgen's, errgen's output directory)."""
    with tempfile.TemporaryDirectory() as tmp:
        for place, values in places:
            for value in values:
                fields = dict(defaults)
                fields[place] = value
                yield (place, value) + both(errgen, schema, tmp,
                                            template.format(**fields))
