#!/usr/bin/env python3
"""Writes unknown-message-too-long.xml into the directory given: 1,000
characters of unknown-message (the schema's limit) in four-byte UTF-8 are
4,000 bytes, and with a 90-character domain its gettext key
"DOMAIN_error_unknown\\004text" outgrows the 4,095 bytes a C literal may
hold."""
import os
import sys

DOMAIN = 'd' + 'x' * 89
TEXT = '\U0001F600' * 1000
with open(os.path.join(sys.argv[1], 'unknown-message-too-long.xml'), 'w',
          encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!-- Fault: unknown-message is 4000 bytes, its key too long. -->\n'
            '<errors xmlns="urn:errgen:1" domain="%s" unknown-message="%s">\n'
            '  <title>Foo errors</title>\n'
            '  <error name="FOO_BAD" value="1">\n'
            '    <message>Bad foo.</message>\n'
            '  </error>\n'
            '</errors>\n' % (DOMAIN, TEXT))
