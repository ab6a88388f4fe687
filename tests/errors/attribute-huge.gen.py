#!/usr/bin/env python3
"""Writes attribute-huge.xml into the directory given: the name attribute of
FOO_WORSE is 8 MiB long (the schema allows 200 characters). The diagnostic
must stay short."""
import os
import sys

NAME = b'FOO_' + b'W' * (8 * 1024 * 1024 - 4)
with open(os.path.join(sys.argv[1], 'attribute-huge.xml'), 'wb') as f:
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!-- Fault: the name of the second code is 8 MiB long. -->\n'
            b'<errors xmlns="urn:errgen:1" domain="foo" prefix="FOO_">\n'
            b'  <title>Foo errors</title>\n'
            b'  <error name="FOO_BAD" value="1">\n'
            b'    <message>Bad foo.</message>\n'
            b'  </error>\n'
            b'  <error name="' + NAME + b'" value="2">\n'
            b'    <message>Worse foo.</message>\n'
            b'  </error>\n'
            b'</errors>\n')
