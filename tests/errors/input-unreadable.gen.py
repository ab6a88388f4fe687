#!/usr/bin/env python3
"""Writes input-unreadable.xml, a valid document, with mode 000; run_case.py
runs errgen without privileges (input-unreadable.case.json), so it cannot
open the file."""
import os
import sys

path = os.path.join(sys.argv[1], 'input-unreadable.xml')
with open(path, 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!-- Fault: errgen may not read this file (mode 000). -->\n'
            '<errors xmlns="urn:errgen:1" domain="foo" prefix="FOO_">\n'
            '  <title>Foo errors</title>\n'
            '  <error name="FOO_BAD" value="1">\n'
            '    <message>Bad foo.</message>\n'
            '  </error>\n'
            '</errors>\n')
os.chmod(path, 0)
