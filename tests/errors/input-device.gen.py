#!/usr/bin/env python3
"""Makes input-device.xml a symbolic link to /dev/null, a character device:
not a regular file."""
import os
import sys

os.symlink('/dev/null', os.path.join(sys.argv[1], 'input-device.xml'))
