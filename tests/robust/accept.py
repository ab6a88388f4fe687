#!/usr/bin/env python3
"""Valid XML that looks hostile is accepted, and means what it says.

usage: accept.py ERRGEN SRC_ROOT

Each variant below is the same document as tests/golden/grouped/input.xml
(with some non-ASCII text added), spelled differently; XML says they are the
same document, so errgen must accept every one without a diagnostic and
generate exactly the reference's outputs:
  - a UTF-8 byte order mark (EF BB BF) before the XML declaration;
  - declared and encoded as ISO-8859-1;
  - declared and encoded as UTF-16 (with its byte order mark);
  - CRLF line ends (XML normalizes them to LF);
  - xsi:schemaLocation and xsi:noNamespaceSchemaLocation hints naming
    secret.txt and http://example.invalid/ (errgen validates against its own
    schema and must not fetch either: the proxy variables point at a
    listener that fails the test on any connection, and the marker of
    tests/errors/secret.txt must not reach any output);
  - a processing instruction (xml-stylesheet) naming a URL, and comments;
  - attribute values spelled with character references (domain, base,
    gettext-domain, an error's name and value, a map's target), which
    the parser hands over rewritten, no longer where they stand in the
    file.
Every input is named input.xml, in its own directory, so that banners agree.

Exit status: 0 pass, 1 failure.
"""
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..'))
from nettrap import NetworkTrap  # noqa: E402

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def read_tree(root):
    files = {}
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                files[os.path.relpath(path, root)] = f.read()
    return files


def variants(text, secret_path):
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    assert text.startswith(decl)
    root_start = '<errors xmlns="urn:errgen:1"'
    assert root_start in text
    hints = (root_start + '\n        xmlns:xsi='
             '"http://www.w3.org/2001/XMLSchema-instance"\n        '
             'xsi:schemaLocation="urn:errgen:1 http://example.invalid/e.xsd'
             ' urn:other %s"\n        xsi:noNamespaceSchemaLocation="%s"'
             % (secret_path, secret_path))
    # same line count as the original where line numbers reach the outputs
    one_line_hints = hints.replace('\n        ', ' ')
    def refs(attr):
        """attr="value" with every character of value as &#N;"""
        name, value = attr.split('=', 1)
        assert attr in text
        return name + '="' + ''.join('&#%d;' % ord(c)
                                     for c in value.strip('"')) + '"'
    spelled = text
    for attr in ('domain="grp"', 'base="-500"', 'gettext-domain="grp-errors"',
                 'name="GRP_E_READ"', 'value="-500"', 'to="tls-alert"'):
        spelled = spelled.replace(attr, refs(attr), 1)
    pi = ('<?xml-stylesheet type="text/xsl" '
          'href="http://example.invalid/errgen.xsl"?><!-- a comment -->')
    return {
        'utf8-bom': b'\xef\xbb\xbf' + text.encode('utf-8'),
        'latin1': text.replace(decl, decl.replace('UTF-8', 'ISO-8859-1'))
                      .encode('latin-1'),
        'utf16': text.replace(decl, decl.replace('UTF-8', 'UTF-16'))
                     .encode('utf-16'),
        'crlf': text.replace('\n', '\r\n').encode('utf-8'),
        'schema-hints': text.replace(root_start, one_line_hints, 1)
                            .encode('utf-8'),
        'stylesheet-pi': text.replace(decl, decl + pi, 1).encode('utf-8'),
        'char-refs': spelled.encode('utf-8'),
    }


def main():
    errgen = os.path.abspath(sys.argv[1])
    src_root = os.path.abspath(sys.argv[2])
    with open(os.path.join(src_root, 'tests/golden/grouped/input.xml'),
              encoding='utf-8') as f:
        text = f.read()
    # non-ASCII text that Latin-1 can carry
    text = text.replace('<message>Read failed.</message>',
                        '<message>Read failed: d\u00e9j\u00e0 vu, '
                        '\u00fcber, \u00df.</message>')
    assert '\u00e9' in text
    secret_path = os.path.join(src_root, 'tests/errors/secret.txt')
    with open(secret_path, 'rb') as f:
        secret = f.read().strip()
    trap = NetworkTrap()
    env = dict(os.environ)
    for var in ['http_proxy', 'HTTP_PROXY', 'ftp_proxy', 'FTP_PROXY',
                'all_proxy', 'ALL_PROXY']:
        env[var] = trap.url
    env.pop('no_proxy', None)
    env.pop('NO_PROXY', None)
    try:
        with tempfile.TemporaryDirectory(prefix='errgen-accept-') as tmp:
            def generate(name, data):
                d = os.path.join(tmp, name)
                os.mkdir(d)
                with open(os.path.join(d, 'input.xml'), 'wb') as f:
                    f.write(data)
                p = subprocess.run([errgen, '-o', 'out', 'input.xml'], cwd=d,
                                   env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=60)
                if p.returncode != 0 or p.stdout or p.stderr:
                    fail('%s: exit status %d, expected 0 and no output:\n%s'
                         % (name, p.returncode,
                            (p.stdout + p.stderr).decode('utf-8', 'replace')))
                    return None
                return read_tree(os.path.join(d, 'out'))

            ref = generate('reference', text.encode('utf-8'))
            if ref is None:
                return 1
            for name, data in variants(text, secret_path).items():
                got = generate(name, data)
                if got is None:
                    continue
                if set(got) != set(ref):
                    fail('%s: other output files: %s' % (name, sorted(
                        set(got) ^ set(ref))))
                for rel in sorted(set(got) & set(ref)):
                    if got[rel] != ref[rel]:
                        fail('%s: %s differs from the reference' % (name, rel))
                    if secret in got[rel]:
                        fail('%s: %s holds the content of secret.txt'
                             % (name, rel))
                print('%-14s accepted, outputs identical' % name)
    finally:
        trap.close()
    for request in trap.connections:
        fail('errgen connected to the network (through the proxy): %r'
             % request[:200])
    if failures:
        print('%d failure(s)' % len(failures))
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
