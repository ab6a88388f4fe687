#!/usr/bin/env python3
"""Writes entity-bomb-quadratic.xml into the directory given: one internal
entity of 100 kB referenced 10,000 times (1 GB once expanded), the
"quadratic blowup" attack. 150 kB on disk, so generated, not committed."""
import os
import sys

ENTITY = b'x' * 100_000
with open(os.path.join(sys.argv[1], 'entity-bomb-quadratic.xml'), 'wb') as f:
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!-- Fault: a 100 kB entity referenced 10,000 times (quadratic '
            b'blowup). -->\n'
            b'<!DOCTYPE errors [\n  <!ENTITY big "' + ENTITY + b'">\n]>\n'
            b'<errors xmlns="urn:errgen:1" domain="foo" prefix="FOO_">\n'
            b'  <title>Foo errors</title>\n'
            b'  <error name="FOO_BAD" value="1">\n'
            b'    <message>' + b'&big;' * 10_000 + b'</message>\n'
            b'  </error>\n'
            b'</errors>\n')
