#!/usr/bin/env python3
"""Makes input-directory.xml a directory (with a file inside, so that it is
not mistaken for an empty input)."""
import os
import sys

path = os.path.join(sys.argv[1], 'input-directory.xml')
os.mkdir(path)
with open(os.path.join(path, 'inside.xml'), 'w') as f:
    f.write('<!-- not an input -->\n')
