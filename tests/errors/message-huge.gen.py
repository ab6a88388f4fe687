#!/usr/bin/env python3
"""Writes message-huge.xml into the directory given: the message of
FOO_WORSE is 8 MiB long (the limit is 4095 bytes). The diagnostic must not
echo it."""
import os
import sys

MESSAGE = (b'Worse foo. ' * (8 * 1024 * 1024 // 11))[:-1]
with open(os.path.join(sys.argv[1], 'message-huge.xml'), 'wb') as f:
    f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<!-- Fault: the message of FOO_WORSE is 8 MiB long. -->\n'
            b'<errors xmlns="urn:errgen:1" domain="foo" prefix="FOO_">\n'
            b'  <title>Foo errors</title>\n'
            b'  <error name="FOO_BAD" value="1">\n'
            b'    <message>Bad foo.</message>\n'
            b'  </error>\n'
            b'  <error name="FOO_WORSE" value="2">\n'
            b'    <message>' + MESSAGE + b'</message>\n'
            b'  </error>\n'
            b'</errors>\n')
