"""One document through `xmllint --schema` and through errgen, for the tests
that hold errgen's shortcuts in validation (schema_patterns.py,
schema_text.py) to the published schema."""
import os
import shutil
import subprocess


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
