#!/usr/bin/env python3
"""The documentation and JSON outputs, checked against the XML read on its own
(xml.etree, not errgen's loader).

usage: check_docs.py ERRGEN FILE.xml json
       check_docs.py ERRGEN FILE.xml html
       check_docs.py ERRGEN FILE.xml markdown
       check_docs.py ERRGEN FILE.xml screenshot PNG

json        every field of DOMAIN.json, and its key order, equals the XML
html        DOMAIN.html parses as HTML5 without a single parse error
            (html5lib, strict); it is standalone; ids are unique; every code
            and alias has its anchor; the sections follow the groups; each
            code's row shows its value, status, message (exactly), explanation
            and mappings
markdown    DOMAIN.md: every table row has exactly four cells when split at
            unescaped pipes; anchors; message cells unescape to the message;
            and, where cmark-gfm (GitHub's Markdown) is installed, its
            rendering shows each message exactly
screenshot  headless Chromium renders DOMAIN.html into PNG, which must be a
            real, non-blank image (exit 77, skipped, without chromium)

Every kind is generated twice, into two directories, and must come out
byte-for-byte the same, with errgen silent on stderr.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

NS = '{urn:errgen:1}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'

failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 40:
        print('FAIL: ' + msg)


# ---------------------------------------------------------------------------
# The XML, read independently

def read_xml(path):
    root = ET.parse(path).getroot()
    if root.tag != NS + 'errors':
        sys.exit('not an errgen document: ' + path)
    a = root.attrib

    def num(k):
        return int(a[k]) if k in a else None

    dom = {
        'domain': a['domain'],
        'prefix': a.get('prefix'),
        'base': num('base'),
        'min': num('min'),
        'max': num('max'),
        'gettext_domain': a.get('gettext-domain',
                                a['domain'].replace('_', '-')),
        'languages': a.get('languages', '').split(),
        'title': None,
        'description': None,
        'unknown_message': a.get('unknown-message', 'Unknown error code'),
        'groups': [],
        'errors': [],
    }
    for k in root:
        if k.tag == NS + 'title':
            dom['title'] = k.text or ''
        elif k.tag == NS + 'description':
            dom['description'] = k.text or ''
        elif k.tag == NS + 'group':
            g = {'id': k.attrib['id'].strip(), 'title': None,
                 'description': None}
            for c in k:
                if c.tag == NS + 'title':
                    g['title'] = c.text or ''
                elif c.tag == NS + 'description':
                    g['description'] = c.text or ''
                elif c.tag == NS + 'error':
                    dom['errors'].append(read_error(c, g['id']))
            dom['groups'].append(g)
        elif k.tag == NS + 'error':
            dom['errors'].append(read_error(k, None))
    return dom


def read_error(el, group):
    e = {
        'name': el.attrib['name'],
        'value': int(el.attrib['value']),
        'status': el.attrib.get('status', 'active').strip(),
        'group': group,
        'message': None,
        'translations': {},
        'explanation': None,
        'aliases': [],
        'mappings': [],
    }
    for c in el:
        if c.tag == NS + 'message':
            if XML_LANG in c.attrib:
                e['translations'][c.attrib[XML_LANG].strip()] = c.text or ''
            else:
                e['message'] = c.text or ''
        elif c.tag == NS + 'explanation':
            e['explanation'] = c.text or ''
        elif c.tag == NS + 'alias':
            e['aliases'].append(c.attrib['name'])
        elif c.tag == NS + 'map':
            m = c.attrib
            e['mappings'].append({
                'to': m['to'].strip(),
                'name': m['name'],
                'lib': m.get('lib'),
                'direction': m.get('direction', 'both').strip(),
                'preferred': m.get('preferred', 'false').strip() in ('true',
                                                                     '1'),
                'note': m.get('note'),
            })
    return e


def collapse(s):
    """Prose as the documents show it: runs of XML white space made one
    space, none at the ends (other Unicode spaces are kept)."""
    return re.sub('[ \t\n\r]+', ' ', s).strip(' \t\n\r') if s else ''


def prose(s):
    """Titles, descriptions, explanations, notes: XML white space (CR
    included) collapsed, then shown as a page can carry it."""
    return shown(collapse(s))


def shown(s):
    """A message as an HTML page can carry it: CR made visible, the
    characters HTML forbids (DEL, C1 controls, noncharacters) as U+FFFD."""
    out = []
    for ch in s:
        c = ord(ch)
        if ch == '\r':
            out.append('\u240d')
        elif (0x7f <= c <= 0x9f or 0xfdd0 <= c <= 0xfdef
              or (c & 0xfffe) == 0xfffe):
            out.append('\ufffd')
        else:
            out.append(ch)
    return ''.join(out)


def sections(dom):
    """(anchor, title or None, codes) in the order the documents use."""
    out = []
    for g in dom['groups']:
        out.append(('group-' + g['id'], g,
                    [e for e in dom['errors'] if e['group'] == g['id']]))
    loose = [e for e in dom['errors'] if e['group'] is None]
    if loose:
        out.append(('ungrouped-codes', None, loose))
    return out


# ---------------------------------------------------------------------------
# Generation

def generate(errgen, xml, kind):
    """Runs errgen twice; returns the bytes of the one file of kind."""
    outs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in ('a', 'b'):
            d = os.path.join(tmp, n)
            p = subprocess.run([errgen, '--flat', '-o', d, '--emit', kind,
                                xml], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
            # warnings (an errno name errgen does not know, say) are fine
            errors = [l for l in p.stderr.splitlines()
                      if ': warning: ' not in l]
            if p.returncode != 0 or errors or p.stdout:
                print(p.stdout + p.stderr)
                sys.exit('FAIL: errgen --emit %s exited %d or printed '
                         'something' % (kind, p.returncode))
            files = os.listdir(d)
            if len(files) != 1:
                sys.exit('FAIL: --emit %s wrote %s' % (kind, files))
            with open(os.path.join(d, files[0]), 'rb') as f:
                outs.append((files[0], f.read()))
    if outs[0] != outs[1]:
        fail('two runs gave different %s output' % kind)
    name, data = outs[0]
    try:
        data.decode('utf-8')
    except UnicodeDecodeError as ex:
        fail('%s is not UTF-8: %s' % (name, ex))
    if not data.endswith(b'\n') or data.endswith(b'\n\n'):
        fail('%s does not end with exactly one newline' % name)
    return name, data


def version(errgen):
    p = subprocess.run([errgen, '--version'], stdout=subprocess.PIPE,
                       text=True, check=True)
    return p.stdout.split()[-1]


# ---------------------------------------------------------------------------
# JSON

TOP_KEYS = ['errgen', 'source', 'domain', 'prefix', 'base', 'min', 'max',
            'gettext_domain', 'languages', 'title', 'description',
            'unknown_message', 'groups', 'errors']
GROUP_KEYS = ['id', 'title', 'description']
ERROR_KEYS = ['name', 'value', 'status', 'group', 'message', 'translations',
              'explanation', 'aliases', 'mappings']
MAP_KEYS = ['to', 'name', 'lib', 'direction', 'preferred', 'note']


def ordered(pairs):
    d = dict(pairs)
    d['\0order'] = [k for k, _ in pairs]
    return d


def check_order(obj, keys, where):
    if obj.get('\0order') != keys:
        fail('%s: keys %s, want %s' % (where, obj.get('\0order'), keys))


def strip_order(x):
    if isinstance(x, dict):
        return {k: strip_order(v) for k, v in x.items() if k != '\0order'}
    if isinstance(x, list):
        return [strip_order(v) for v in x]
    return x


def check_json(errgen, xml, dom):
    name, data = generate(errgen, xml, 'json')
    if name != dom['domain'] + '.json':
        fail('file name %s' % name)
    # strict: raw control characters inside strings are errors
    doc = json.loads(data.decode('utf-8'), object_pairs_hook=ordered)
    check_order(doc, TOP_KEYS, 'top level')
    for i, g in enumerate(doc['groups']):
        check_order(g, GROUP_KEYS, 'groups[%d]' % i)
    for e in doc['errors']:
        check_order(e, ERROR_KEYS, e.get('name'))
        for i, m in enumerate(e['mappings']):
            check_order(m, MAP_KEYS, '%s mappings[%d]' % (e['name'], i))
    doc = strip_order(doc)
    want = dict(dom)
    want['errgen'] = version(errgen)
    want['source'] = os.path.basename(xml)
    for k in TOP_KEYS:
        if k in ('groups', 'errors'):
            continue
        if doc[k] != want[k] or type(doc[k]) is not type(want[k]):
            fail('%s: %r, want %r' % (k, doc[k], want[k]))
    if doc['groups'] != want['groups']:
        fail('groups differ:\n%r\n%r' % (doc['groups'], want['groups']))
    if len(doc['errors']) != len(want['errors']):
        fail('%d errors, want %d' % (len(doc['errors']), len(want['errors'])))
    for got, exp in zip(doc['errors'], want['errors']):
        for k in ERROR_KEYS:
            if got[k] != exp[k]:
                fail('%s.%s: %r, want %r' % (exp['name'], k, got[k], exp[k]))
        if list(got['translations']) != list(exp['translations']):
            fail('%s: translations in order %s, want %s' % (
                exp['name'], list(got['translations']),
                list(exp['translations'])))
    # the escapes errgen promises, and nothing raw that JSON forbids
    text = data.decode('utf-8')
    if re.search('[\x00-\x1f]', text.replace('\n', '')):
        fail('a raw control character outside the line ends')
    if '\u2028' in text or '\u2029' in text:
        fail('a raw U+2028 or U+2029')
    print('json: %d errors, %d groups' % (len(doc['errors']),
                                          len(doc['groups'])))


# ---------------------------------------------------------------------------
# HTML

def need_html5lib():
    try:
        import html5lib  # noqa: F401
        return
    except ImportError:
        pass
    # Debian's python3-html5lib serves /usr/bin/python3, which may not be
    # the python3 first on PATH (pyenv, a virtualenv)
    system = '/usr/bin/python3'
    if (os.path.exists(system) and
            os.path.realpath(sys.executable) != os.path.realpath(system) and
            not os.environ.get('ERRGEN_DOCS_REEXEC')):
        os.environ['ERRGEN_DOCS_REEXEC'] = '1'
        os.execv(system, [system] + sys.argv)
    sys.exit('FAIL: html5lib is missing (Debian: apt-get install '
             'python3-html5lib)')


def parse_html(data, what):
    import html5lib
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(data)
    except html5lib.html5parser.ParseError as ex:
        line, col = parser.errors[-1][0] if parser.errors else (0, 0)
        lines = data.decode('utf-8', 'replace').split('\n')
        context = lines[line - 1] if 0 < line <= len(lines) else ''
        sys.exit('FAIL: %s is not valid HTML5: %s at %d:%d\n  %s'
                 % (what, ex, line, col, context[:200]))


def text_of(el):
    """The text of an element as a browser's innerText roughly gives it:
    <br> as a line break."""
    out = [el.text or '']
    for c in el:
        out.append('\n' if c.tag == 'br' else text_of(c))
        out.append(c.tail or '')
    return ''.join(out)


def classes(el):
    return el.get('class', '').split()


def find_class(el, tag, cls):
    return [x for x in el.iter(tag) if cls in classes(x)]


def check_html(errgen, xml, dom):
    need_html5lib()
    name, data = generate(errgen, xml, 'html')
    if name != dom['domain'] + '.html':
        fail('file name %s' % name)
    text = data.decode('utf-8')
    if not text.startswith('<!DOCTYPE html>\n<!-- '):
        fail('does not start with the doctype and the banner')
    banner = text.split('\n', 2)[1]
    if 'errgen' not in banner or os.path.basename(xml) not in banner:
        fail('banner does not name errgen and the input: ' + banner)
    root = parse_html(data, name)

    # standalone: no script, nothing fetched from elsewhere
    for tag in ('script', 'link', 'img', 'iframe', 'object', 'embed',
                'base', 'video', 'audio', 'source'):
        if list(root.iter(tag)):
            fail('has a <%s> element' % tag)
    for el in root.iter():
        for attr in ('src', 'srcset', 'action', 'formaction', 'data'):
            if el.get(attr) is not None:
                fail('<%s %s=...>' % (el.tag, attr))
        if el.get('href') is not None and not el.get('href').startswith('#'):
            fail('a link that leaves the page: %s' % el.get('href'))
        for attr in el.keys():
            if attr.startswith('on'):
                fail('event handler attribute %s' % attr)
    styles = [s.text or '' for s in root.iter('style')]
    if any('url(' in s or '@import' in s for s in styles):
        fail('CSS that fetches something')
    metas = list(root.iter('meta'))
    if not any(m.get('charset', '').lower() == 'utf-8' for m in metas):
        fail('no <meta charset="utf-8">')
    if not any(m.get('name') == 'viewport' for m in metas):
        fail('no viewport <meta>')
    html = root if root.tag == 'html' else root.find('html')
    if html is None or html.get('lang') != 'en':
        fail('<html lang="en"> missing')

    # ids unique; every code and alias has one
    ids = {}
    for el in root.iter():
        i = el.get('id')
        if i is not None:
            if i in ids:
                fail('duplicate id %s' % i)
            ids[i] = el
    title = prose(dom['title'])
    t = list(root.iter('title'))
    if not t or t[0].text != title:
        fail('<title> %r, want %r' % (t and t[0].text, title))
    h1 = list(root.iter('h1'))
    if not h1 or text_of(h1[0]) != title:
        fail('<h1> differs from the title')

    # sections in the documents' order, each with its codes in order
    want = sections(dom)
    got = [s for s in root.iter('section')]
    if [s.get('id') for s in got] != [w[0] for w in want]:
        fail('sections %s, want %s' % ([s.get('id') for s in got],
                                       [w[0] for w in want]))
    for sec, (anchor, g, codes) in zip(got, want):
        h2 = sec.find('h2')
        if g is not None and (h2 is None or
                              text_of(h2) != prose(g['title'])):
            fail('%s: heading %r' % (anchor, h2 is not None and text_of(h2)))
        if g is not None and g['description'] is not None:
            ps = [text_of(p) for p in sec.findall('p')]
            if prose(g['description']) not in ps:
                fail('%s: description missing' % anchor)
        rows = [tr.get('id') for tr in sec.iter('tr') if tr.get('id')]
        if rows != [e['name'] for e in codes]:
            fail('%s: rows %s, want %s' % (anchor, rows,
                                           [e['name'] for e in codes]))

    for e in dom['errors']:
        check_html_row(e, ids)
    print('html: %d codes, %d sections, %d ids' % (len(dom['errors']),
                                                   len(want), len(ids)))


def check_html_row(e, ids):
    n = e['name']
    tr = ids.get(n)
    if tr is None or tr.tag != 'tr':
        fail('%s: no <tr id=...>' % n)
        return
    cells = tr.findall('td')
    if len(cells) != 4:
        fail('%s: %d cells' % (n, len(cells)))
        return
    name, value, msg, expl = cells
    if 'msg' not in classes(msg):
        fail('%s: the third cell is not the message' % n)
    links = [a for a in name.iter('a') if a.get('href') == '#' + n]
    if not links or text_of(links[0]) != n:
        fail('%s: no self link in the name cell' % n)
    if text_of(value) != str(e['value']):
        fail('%s: value %r' % (n, text_of(value)))
    want = shown(e['message']) if e['message'] is not None else ''
    if text_of(msg) != want:
        fail('%s: message cell %r, want %r' % (n, text_of(msg), want))
    st = find_class(name, 'span', 'status')
    if e['status'] == 'active':
        if st or classes(tr):
            fail('%s: active but shown with a status' % n)
    elif (not st or text_of(st[0]) != e['status'] or
          e['status'] not in classes(tr)):
        fail('%s: status %s not shown' % (n, e['status']))
    for a in e['aliases']:
        el = ids.get(a)
        if el is None or el not in list(name.iter()):
            fail('%s: alias %s has no anchor in the name cell' % (n, a))
        elif text_of(el) != a:
            fail('%s: alias anchor text %r' % (n, text_of(el)))
    body = text_of(expl)
    if e['explanation'] is not None and \
            prose(e['explanation']) not in body:
        fail('%s: explanation not shown' % n)
    if e['explanation'] is None and not e['mappings'] and body:
        fail('%s: explanation cell not empty: %r' % (n, body))
    items = list(expl.iter('li'))
    if len(items) != len(e['mappings']):
        fail('%s: %d mapping items, want %d' % (n, len(items),
                                                len(e['mappings'])))
    for li, m in zip(items, e['mappings']):
        codes = [text_of(c) for c in li.iter('code')]
        s = text_of(li)
        if m['name'] not in codes or (m['lib'] and m['lib'] not in codes):
            fail('%s: mapping %s not shown' % (n, m['name']))
        if m['note'] and prose(m['note']) not in s:
            fail('%s: mapping note not shown' % n)
        if m['preferred'] != ('preferred' in s):
            fail('%s: preferred not shown right' % n)
        words = {'both': 'to and from', 'to': 'Maps to ',
                 'from': 'Maps from '}[m['direction']]
        if words not in s:
            fail('%s: direction %s not shown' % (n, m['direction']))


# ---------------------------------------------------------------------------
# Markdown

def split_row(line):
    """Cells of a GFM table row: split at pipes not preceded by a backslash
    (GFM's rule, before any other unescaping)."""
    if not (line.startswith('| ') and line.endswith(' |')):
        return None
    cells, cur, prev = [], '', ''
    body = line[1:-1]
    for ch in body:
        if ch == '|' and prev != '\\':
            cells.append(cur)
            cur = ''
        else:
            cur += ch
        prev = ch
    cells.append(cur)
    return [c.strip(' ') for c in cells]


def md_unescape(cell):
    """What a Markdown cell of errgen's says, as text."""
    s = cell.replace('<br>', '\n').replace('&#9;', '\t').replace('&#32;', ' ')
    return re.sub(r'\\([!-/:-@\[-`{-~])', r'\1', s)


ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
HEADER = ['Code', 'Value', 'Message', 'Explanation']


def check_markdown(errgen, xml, dom):
    name, data = generate(errgen, xml, 'markdown')
    if name != dom['domain'] + '.md':
        fail('file name %s' % name)
    text = data.decode('utf-8')
    lines = text.split('\n')
    if not (lines[0].startswith('<!-- ') and lines[0].endswith(' -->') and
            'errgen' in lines[0] and os.path.basename(xml) in lines[0]):
        fail('banner: ' + lines[0])
    if lines[2] != '# ' + lines[2][2:] or \
            md_unescape(lines[2][2:]) != prose(dom['title']):
        fail('title line %r' % lines[2])

    anchors = ANCHOR.findall(text)
    if len(anchors) != len(set(anchors)):
        fail('duplicate anchors')
    for e in dom['errors']:
        for a in [e['name']] + e['aliases']:
            if anchors.count(a) != 1:
                fail('anchor %s appears %d times' % (a, anchors.count(a)))

    # tables: a header, a delimiter, rows of four cells
    rows = {}
    order = []
    section = None
    for i, line in enumerate(lines):
        m = re.fullmatch(r'<a id="([^"]+)"></a>', line)
        if m:
            section = m.group(1)
            order.append((section, []))
            continue
        if not line.startswith('|'):
            continue
        if re.fullmatch(r'\|(:?-+:?\|)+', line):
            if split_row(lines[i - 1]) != HEADER:
                fail('line %d: a delimiter row not after a header' % (i + 1))
            continue
        cells = split_row(line)
        if cells is None or len(cells) != 4:
            fail('line %d: %s cells: %s' % (i + 1, cells and len(cells),
                                            line[:120]))
            continue
        if cells == HEADER:
            if not re.fullmatch(r'\|(:?-+:?\|){4}', lines[i + 1]):
                fail('line %d: no delimiter row after the header' % (i + 2))
            continue
        m = ANCHOR.match(cells[0])
        if not m:
            fail('line %d: row without an anchor' % (i + 1))
            continue
        rows[m.group(1)] = cells
        order[-1][1].append(m.group(1))
        # nothing that GitHub would read as HTML, apart from ours
        rest = ANCHOR.sub('', line).replace('<br>', '')
        if re.search(r'(?<!\\)<', rest):
            fail('line %d: an unescaped <' % (i + 1))
    want = [(a, [e['name'] for e in codes]) for a, _, codes in sections(dom)]
    if order != want:
        fail('sections and rows %s, want %s' % (order, want))
    for e in dom['errors']:
        cells = rows.get(e['name'])
        if not cells:
            continue
        if md_unescape(cells[1]) != str(e['value']):
            fail('%s: value %r' % (e['name'], cells[1]))
        want_msg = shown(e['message']) if e['message'] is not None else ''
        if md_unescape(cells[2]) != want_msg:
            fail('%s: message cell %r, want %r' % (e['name'], cells[2],
                                                   want_msg))
        if e['status'] != 'active' and \
                '**%s**' % e['status'] not in cells[0]:
            fail('%s: status not shown' % e['name'])
        if e['explanation'] and \
                prose(e['explanation']) not in md_unescape(cells[3]):
            fail('%s: explanation not shown' % e['name'])
        for m in e['mappings']:
            if '`%s`' % m['name'] not in cells[3]:
                fail('%s: mapping %s not shown' % (e['name'], m['name']))
    rendered = check_markdown_rendered(text, dom)
    print('markdown: %d rows in %d sections%s' % (
        len(rows), len(order), rendered))


def check_markdown_rendered(text, dom):
    """GitHub's own Markdown (cmark-gfm) must show each message exactly."""
    cmark = shutil.which('cmark-gfm')
    if not cmark:
        print('note: cmark-gfm is not installed; the rendering is not checked')
        return ''
    p = subprocess.run([cmark, '--unsafe', '-e', 'table', '-e',
                        'strikethrough', '-e', 'autolink'],
                       input=text.encode('utf-8'), stdout=subprocess.PIPE,
                       check=True)
    root = parse_html(b'<!DOCTYPE html><meta charset="utf-8"><title>x</title>'
                      + p.stdout, 'cmark-gfm output')
    ids = {el.get('id'): el for el in root.iter() if el.get('id')}
    h1 = list(root.iter('h1'))
    if not h1 or text_of(h1[0]) != prose(dom['title']):
        fail('rendered title %r' % (h1 and text_of(h1[0])))
    n = 0
    for e in dom['errors']:
        a = ids.get(e['name'])
        tr = None
        for cand in root.iter('tr'):
            if a is not None and a in list(cand.iter()):
                tr = cand
        if tr is None:
            fail('%s: no rendered row' % e['name'])
            continue
        cells = tr.findall('td')
        want = shown(e['message']) if e['message'] is not None else ''
        if len(cells) != 4 or text_of(cells[2]) != want:
            fail('%s: rendered message %r, want %r' % (
                e['name'], len(cells) == 4 and text_of(cells[2]), want))
        n += 1
    return ', %d rendered by cmark-gfm' % n


# ---------------------------------------------------------------------------
# Screenshot

def png_size_and_pixels(path):
    """Width, height, and whether the image has more than one colour."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return None
    w, h = struct.unpack('>II', data[16:24])
    idat = b''
    pos = 8
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        if kind == b'IDAT':
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    # filtered scanlines: a blank page has (nearly) all-zero deltas after
    # the first line; count distinct bytes as a cheap measure of content
    return w, h, len(set(raw[:4000000]))


def check_screenshot(xml, dom, png, errgen):
    chromium = None
    for c in ('chromium', 'chromium-browser', 'google-chrome'):
        chromium = shutil.which(c)
        if chromium:
            break
    if not chromium:
        print('chromium is not installed (Debian: apt-get install chromium)')
        sys.exit(77)
    name, data = generate(errgen, xml, 'html')
    os.makedirs(os.path.dirname(os.path.abspath(png)), exist_ok=True)
    if os.path.exists(png):
        os.remove(png)
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, name)
        with open(page, 'wb') as f:
            f.write(data)
        profile = os.path.join(tmp, 'profile')
        cmd = [chromium, '--headless', '--no-sandbox', '--disable-gpu',
               '--disable-quic', '--no-first-run',
               '--disable-background-networking',
               '--disable-component-update', '--disable-sync',
               '--user-data-dir=' + profile,
               '--screenshot=' + os.path.abspath(png),
               '--window-size=1280,2000', 'file://' + page]
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               timeout=120, env=dict(os.environ, HOME=tmp))
        except subprocess.TimeoutExpired:
            sys.exit('FAIL: chromium took more than 120 s')
    if not os.path.exists(png):
        print(p.stdout[-3000:])
        sys.exit('FAIL: chromium exited %d without a screenshot'
                 % p.returncode)
    info = png_size_and_pixels(png)
    size = os.path.getsize(png)
    if info is None:
        sys.exit('FAIL: %s is not a PNG' % png)
    w, h, distinct = info
    if (w, h) != (1280, 2000):
        fail('screenshot is %dx%d, want 1280x2000' % (w, h))
    if size <= 10000 or distinct < 16:
        fail('screenshot looks blank (%d bytes, %d distinct bytes)'
             % (size, distinct))
    print('screenshot: %s, %dx%d, %d bytes' % (png, w, h, size))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    errgen = os.path.abspath(sys.argv[1])
    xml = os.path.abspath(sys.argv[2])
    kind = sys.argv[3]
    if kind in ('html', 'markdown'):
        need_html5lib()  # first: it may run this script again
    dom = read_xml(xml)
    if kind == 'json':
        check_json(errgen, xml, dom)
    elif kind == 'html':
        check_html(errgen, xml, dom)
    elif kind == 'markdown':
        check_markdown(errgen, xml, dom)
    elif kind == 'screenshot':
        check_screenshot(xml, dom, sys.argv[4], errgen)
    else:
        sys.exit(__doc__)
    if failures:
        sys.exit('%d failures' % len(failures))


if __name__ == '__main__':
    main()
