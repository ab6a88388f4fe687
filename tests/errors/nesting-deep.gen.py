#!/usr/bin/env python3
"""Writes nesting-deep.xml into the directory given: 100,000 nested elements
inside a message (libxml2 stops at its depth limit; the diagnostic must be
clean, no crash, no stack overflow)."""
import os
import sys

DEPTH = 100_000
with open(os.path.join(sys.argv[1], 'nesting-deep.xml'), 'wb') as f:
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!-- Fault: 100,000 nested elements in the message of FOO_BAD. '
            b'-->\n'
            b'<errors xmlns="urn:errgen:1" domain="foo" prefix="FOO_">\n'
            b'  <title>Foo errors</title>\n'
            b'  <error name="FOO_BAD" value="1">\n'
            b'    <message>' + b'<b>' * DEPTH + b'Bad foo.' + b'</b>' * DEPTH
            + b'</message>\n'
            b'  </error>\n'
            b'</errors>\n')
