"""C string literals for the expectation headers that the tests write.

Shared by tests/consumer/expect.py, tests/l10n/expect_l10n.py,
tests/openssl/run_openssl.py and tests/registry/run_registry.py.
"""


def c_string(s):
    """A C string literal for s (UTF-8) with nothing left to interpret:
    quotes, backslashes and '?' (trigraphs) escaped, every byte outside
    printable ASCII in octal. None gives NULL."""
    if s is None:
        return 'NULL'
    out = []
    for b in s.encode('utf-8'):
        c = chr(b)
        if c in '"\\?':
            out.append('\\' + c)
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append('\\%03o' % b)
    return '"' + ''.join(out) + '"'
