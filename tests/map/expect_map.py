#!/usr/bin/env python3
"""Writes expect_map.h for map_check.c from the XML (Python's own parser):
every declared mapping with its direction, the code that must win lookups
from each foreign name (the preferred one, or the only one), and the TLS
alert numbers of the IANA registry.

usage: expect_map.py XML OUT.h [EXPECTED_MISSING...]
"""
import sys
import xml.etree.ElementTree as ET

NS = '{urn:errgen:1}'

# IANA TLS AlertDescription registry (RFC 8446 names).
TLS_ALERTS = {
    'close_notify': 0, 'unexpected_message': 10, 'bad_record_mac': 20,
    'decryption_failed_RESERVED': 21, 'record_overflow': 22,
    'decompression_failure_RESERVED': 30, 'handshake_failure': 40,
    'no_certificate_RESERVED': 41, 'bad_certificate': 42,
    'unsupported_certificate': 43, 'certificate_revoked': 44,
    'certificate_expired': 45, 'certificate_unknown': 46,
    'illegal_parameter': 47, 'unknown_ca': 48, 'access_denied': 49,
    'decode_error': 50, 'decrypt_error': 51, 'too_many_cids_requested': 52,
    'export_restriction_RESERVED': 60, 'protocol_version': 70,
    'insufficient_security': 71, 'internal_error': 80,
    'inappropriate_fallback': 86, 'user_canceled': 90,
    'no_renegotiation_RESERVED': 100, 'missing_extension': 109,
    'unsupported_extension': 110, 'certificate_unobtainable_RESERVED': 111,
    'unrecognized_name': 112, 'bad_certificate_status_response': 113,
    'bad_certificate_hash_value_RESERVED': 114, 'unknown_psk_identity': 115,
    'certificate_required': 116, 'general_error': 117,
    'no_application_protocol': 120, 'ech_required': 121,
}


def lib_of(m):
    if m.get('lib'):
        return 'ERR_LIB_' + m.get('lib')
    return 'ERR_LIB_' + m.get('name').split('_R_')[0]


def main():
    xml, out = sys.argv[1], sys.argv[2]
    expected_missing = sys.argv[3:]
    root = ET.parse(xml).getroot()
    d = root.get('domain')
    to_rows, from_rows = [], {}
    for e in root.iter(NS + 'error'):
        for m in e.findall(NS + 'map'):
            target, name = m.get('to'), m.get('name')
            direction = m.get('direction', 'both')
            pref = m.get('preferred') in ('true', '1')
            if direction != 'from':
                to_rows.append((target, name, e.get('name'), m))
            if direction != 'to':
                key = (target, name)
                cur = from_rows.get(key)
                if cur is None or (pref and not cur[1]):
                    from_rows[key] = (e.get('name'), pref, m)
    L = ['#include "%s_errors.h"' % d, '#include "%s_map.h"' % d]
    L += ['#ifdef WITH_OPENSSL', '#include <openssl/err.h>',
          '#include <openssl/ssl.h>', '#include <openssl/x509_vfy.h>',
          '#include "%s_map_openssl.h"' % d, '#endif', '#include <errno.h>']
    for f in ('to_errno', 'from_errno', 'to_tls_alert', 'from_tls_alert',
              'map_missing', 'from_openssl', 'to_openssl',
              'from_x509_verify', 'to_x509_verify', 'map_openssl_missing'):
        L.append('#define D_%s %s_error_%s' % (f, d, f))
    L.append('struct to_row { const char *system; const char *foreign; '
             'int code; long value; };')
    L.append('static const struct to_row to_rows[] = {')
    for target, name, sym, m in to_rows:
        if target == 'errno':
            L += ['#ifdef ' + name,
                  '\t{"errno", "%s", %s, %s},' % (name, sym, name), '#endif']
        elif target == 'tls-alert':
            L.append('\t{"tls-alert", "%s", %s, %d},'
                     % (name, sym, TLS_ALERTS[name]))
        elif target == 'x509':
            L += ['#if defined(WITH_OPENSSL) && defined(%s)' % name,
                  '\t{"x509", "%s", %s, %s},' % (name, sym, name), '#endif']
        else:
            L += ['#if defined(WITH_OPENSSL) && defined(%s) && defined(%s)'
                  % (name, lib_of(m)),
                  '\t{"openssl", "%s", %s, (long)ERR_PACK(%s, 0, %s)},'
                  % (name, sym, lib_of(m), name), '#endif']
    L += ['\t{0, 0, 0, 0}', '};']
    L.append('struct from_row { const char *system; const char *foreign; '
             'long value; int lib; int code; };')
    L.append('static const struct from_row from_rows[] = {')
    for (target, name), (sym, pref, m) in from_rows.items():
        if target == 'errno':
            L += ['#ifdef ' + name,
                  '\t{"errno", "%s", %s, 0, %s},' % (name, name, sym), '#endif']
        elif target == 'tls-alert':
            L.append('\t{"tls-alert", "%s", %d, 0, %s},'
                     % (name, TLS_ALERTS[name], sym))
        elif target == 'x509':
            L += ['#if defined(WITH_OPENSSL) && defined(%s)' % name,
                  '\t{"x509", "%s", %s, 0, %s},' % (name, name, sym),
                  '#endif']
        else:
            L += ['#if defined(WITH_OPENSSL) && defined(%s) && defined(%s)'
                  % (name, lib_of(m)),
                  '\t{"openssl", "%s", %s, %s, %s},' % (name, name, lib_of(m), sym),
                  '#endif']
    L += ['\t{0, 0, 0, 0, 0}', '};']
    L.append('static const char *const expected_missing[] = {')
    L += ['\t"%s",' % m for m in expected_missing]
    L += ['\t0', '};']
    with open(out, 'w') as f:
        f.write('\n'.join(L) + '\n')


if __name__ == '__main__':
    main()
