#!/usr/bin/env python3
"""Writes a synthetic, valid errgen domain with N codes (a benchmark input).

    gen_table.py N OUT.xml [--sparse | --runs] [--seed S]

Codes are named BENCH_ERR_<WORDS>_<n> (25 to 35 characters), carry an
English message of about 60 characters with German and French
translations, and about 20% of them map to an errno name, a TLS alert or
both. Values are dense from a base (default); with --runs, in three runs
the way libgpg-error's are (half of them from 0, 30% from 65536, 20% from
-16777216, one value in 16 left out; a range check per run in the
catalog); or, with --sparse, spread over the whole 32-bit range (a perfect
hash of the code in the catalog).

errgen's mapping rules are respected: one to-direction mapping per system
per code, and only the first code that uses a foreign name maps from it
(the others say direction="to"), so no preferred="true" is needed.

The same N and seed give the same names and messages whatever the values;
gen_et.py uses codes() from here for the compile_et tables.
"""
import argparse
import random
import sys
from xml.sax.saxutils import escape, quoteattr

DOMAIN = "bench"
PREFIX = "BENCH_ERR_"
DENSE_BASE = 20000

WORDS = (
    "CERT", "CERTIFICATE", "HANDSHAKE", "RECORD", "CIPHER", "KEY", "SESSION",
    "TOKEN", "BUFFER", "SOCKET", "PEER", "SERVER", "CLIENT", "ALERT",
    "SIGNATURE", "DIGEST", "NONCE", "TICKET", "EXTENSION", "VERSION",
    "PADDING", "LENGTH", "ENCODING", "POLICY", "ISSUER", "SUBJECT", "CHAIN",
    "TRUST", "STORE", "CACHE", "TIMEOUT", "RENEGOTIATION", "COMPRESSION",
    "PROTOCOL", "MAC", "ENTROPY", "RANDOM", "DATABASE", "SLOT", "MODULE",
    "INVALID", "MALFORMED", "EXPIRED", "REVOKED", "UNSUPPORTED", "MISSING",
    "TOO_LONG", "TOO_SHORT", "MISMATCH", "DENIED", "UNKNOWN", "FAILED",
    "OVERFLOW", "LOCKED", "BUSY", "CLOSED", "RESET", "REFUSED", "CORRUPT",
)

# (English, German, French); a message is "SITUATION: CAUSE (case n)."
SITUATIONS = (
    ("Unable to complete the handshake",
     "Der Handshake konnte nicht abgeschlossen werden",
     "Impossible de terminer la négociation"),
    ("Cannot verify the certificate chain",
     "Die Zertifikatskette kann nicht geprüft werden",
     "Impossible de vérifier la chaîne de certificats"),
    ("The record could not be decrypted",
     "Der Datensatz konnte nicht entschlüsselt werden",
     "L’enregistrement n’a pas pu être déchiffré"),
    ("Failed to open the key database",
     "Die Schlüsseldatenbank ließ sich nicht öffnen",
     "Échec de l’ouverture de la base de clés"),
    ("The session cannot be resumed",
     "Die Sitzung kann nicht fortgesetzt werden",
     "La session ne peut pas être reprise"),
    ("Signature verification failed",
     "Die Prüfung der Signatur ist fehlgeschlagen",
     "La vérification de la signature a échoué"),
    ("The token refused the operation",
     "Das Token hat den Vorgang abgelehnt",
     "Le jeton a refusé l’opération"),
    ("Cannot negotiate a protocol version",
     "Es lässt sich keine Protokollversion aushandeln",
     "Impossible de négocier une version du protocole"),
    ("The connection was closed early",
     "Die Verbindung wurde vorzeitig geschlossen",
     "La connexion a été fermée prématurément"),
    ("The extension could not be parsed",
     "Die Erweiterung konnte nicht gelesen werden",
     "L’extension n’a pas pu être analysée"),
    ("Key generation did not succeed",
     "Die Schlüsselerzeugung ist nicht gelungen",
     "La génération de clé n’a pas réussi"),
    ("The policy forbids this request",
     "Die Richtlinie verbietet diese Anfrage",
     "La politique interdit cette requête"),
)
CAUSES = (
    # quotes, backslashes, printf conversions and non-ASCII, as real
    # tables have them
    ("the file \"key.db\" is damaged",
     "die Datei „key.db“ ist beschädigt",
     "le fichier « key.db » est endommagé"),
    ("the path C:\\certs\\ca.pem is unreadable",
     "der Pfad C:\\certs\\ca.pem ist unlesbar",
     "le chemin C:\\certs\\ca.pem est illisible"),
    ("the %s buffer is 100%% full",
     "der %s-Puffer ist zu 100%% voll",
     "le tampon %s est plein à 100%%"),
    ("the naïve resolver gave up",
     "der naïve Resolver gab auf",
     "le résolveur naïf a abandonné"),
    ("the peer sent bad data",
     "die Gegenstelle sandte fehlerhafte Daten",
     "le pair a envoyé des données erronées"),
    ("a length field is wrong",
     "ein Längenfeld ist falsch",
     "un champ de longueur est faux"),
    ("the issuer is not trusted",
     "der Aussteller ist nicht vertrauenswürdig",
     "l’émetteur n’est pas de confiance"),
    ("memory ran out",
     "der Speicher ist erschöpft",
     "la mémoire est épuisée"),
    ("the timer expired",
     "die Zeit ist abgelaufen",
     "le délai a expiré"),
    ("the module is locked",
     "das Modul ist gesperrt",
     "le module est verrouillé"),
    ("no common cipher exists",
     "es gibt keine gemeinsame Chiffre",
     "aucun chiffrement commun n’existe"),
    ("the padding is invalid",
     "das Padding ist ungültig",
     "le remplissage est invalide"),
    ("the input was truncated",
     "die Eingabe wurde abgeschnitten",
     "l’entrée a été tronquée"),
    ("a digest did not match",
     "ein Hashwert stimmte nicht überein",
     "un condensat ne correspondait pas"),
)

ERRNO_NAMES = (
    "EPERM", "ENOENT", "EIO", "EACCES", "EAGAIN", "EINVAL", "ENOMEM",
    "EEXIST", "EBUSY", "ENOSPC", "EPIPE", "ETIMEDOUT", "ECONNREFUSED",
    "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EADDRINUSE", "ENOTSUP",
    "EPROTO", "EBADMSG", "EMSGSIZE", "ENOBUFS", "EOVERFLOW", "ERANGE",
    "EFAULT", "EBADF", "ENOTCONN", "EALREADY", "EINPROGRESS", "ENOSYS",
    "ENODATA", "EILSEQ", "ECANCELED", "EKEYEXPIRED", "EKEYREJECTED",
)
TLS_ALERTS = (
    "unexpected_message", "bad_record_mac", "record_overflow",
    "handshake_failure", "bad_certificate", "unsupported_certificate",
    "certificate_revoked", "certificate_expired", "certificate_unknown",
    "illegal_parameter", "unknown_ca", "access_denied", "decode_error",
    "decrypt_error", "protocol_version", "insufficient_security",
    "internal_error", "inappropriate_fallback", "user_canceled",
    "missing_extension", "unsupported_extension", "unrecognized_name",
    "bad_certificate_status_response", "unknown_psk_identity",
    "certificate_required", "no_application_protocol",
)


def run_values(start, count):
    """count values from start, every 16th one left out."""
    return [start + i + i // 15 for i in range(count)]


KINDS = ("dense", "runs", "sparse")


def codes(n, kind="dense", seed=1):
    """The N codes in value order: dicts name, value, msg, de, fr, maps.
    kind: "dense", "runs" (three runs) or "sparse" (random 32-bit
    values)."""
    if kind not in KINDS:
        raise ValueError("kind %r: not one of %s" % (kind, ", ".join(KINDS)))
    rng = random.Random(seed)
    if kind == "runs":
        a, b = n // 2, n * 3 // 10
        values = sorted(run_values(0, a) + run_values(65536, b) +
                        run_values(-2**24, n - a - b))
    elif kind == "sparse":
        values = sorted(random.Random(seed + 1).sample(
            range(-2**31, 2**31), n))
    else:
        values = list(range(DENSE_BASE, DENSE_BASE + n))
    seen_from = set()
    out = []
    for i in range(n):
        suffix = "_%d" % i
        target = rng.randint(25, 35) - len(PREFIX) - len(suffix)
        words = []
        while not words or len("_".join(words)) < target - 2:
            words.append(rng.choice(WORDS))
        name = PREFIX + "_".join(words)[:max(target, 3)].rstrip("_") + suffix
        s = rng.choice(SITUATIONS)
        c = rng.choice(CAUSES)
        msg = ["%s: %s (case %d)." % (s[k], c[k], i) for k in range(3)]
        maps = []
        if rng.random() < 0.2:
            kind = rng.randrange(3)  # 0 errno, 1 tls-alert, 2 both
            if kind in (0, 2):
                maps.append(("errno", rng.choice(ERRNO_NAMES)))
            if kind in (1, 2):
                maps.append(("tls-alert", rng.choice(TLS_ALERTS)))
        dmaps = []
        for to, mname in maps:
            if (to, mname) in seen_from:
                dmaps.append((to, mname, "to"))
            else:
                seen_from.add((to, mname))
                dmaps.append((to, mname, None))
        out.append(dict(name=name, value=values[i], msg=msg[0], de=msg[1],
                        fr=msg[2], maps=dmaps))
    return out


def write_xml(path, cs, kind, english_only=False):
    """kind: as codes() took it. english_only: names and English messages
    alone, what a compile_et table (gen_et.py) holds of the same codes."""
    lo, hi = cs[0]["value"], cs[-1]["value"]
    base = ' base="%d"' % DENSE_BASE if kind == "dense" else ""
    languages = "" if english_only else ' languages="de fr"'
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<!-- Synthetic benchmark domain (tests/bench/gen_table.py), '
                '%d codes, %s. -->\n' % (len(cs), kind))
        f.write('<errors xmlns="urn:errgen:1" domain="%s" prefix="%s"%s '
                'min="%d" max="%d" gettext-domain="bench-errors"%s '
                'unknown-message="Unknown benchmark error '
                'code.">\n' % (DOMAIN, PREFIX, base, lo, hi, languages))
        f.write("  <title>Synthetic benchmark codes</title>\n")
        for c in cs:
            f.write('  <error name="%s" value="%d">\n' % (c["name"], c["value"]))
            f.write("    <message>%s</message>\n" % escape(c["msg"]))
            if english_only:
                f.write("  </error>\n")
                continue
            f.write('    <message xml:lang="de">%s</message>\n' % escape(c["de"]))
            f.write('    <message xml:lang="fr">%s</message>\n' % escape(c["fr"]))
            for to, mname, direction in c["maps"]:
                d = ' direction="%s"' % direction if direction else ""
                f.write('    <map to="%s" name=%s%s/>\n' % (to, quoteattr(mname), d))
            f.write("  </error>\n")
        f.write("</errors>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--sparse", action="store_true")
    ap.add_argument("--runs", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.n < 1:
        sys.exit("N must be at least 1")
    kind = "runs" if a.runs else "sparse" if a.sparse else "dense"
    write_xml(a.out, codes(a.n, kind, a.seed), kind)


if __name__ == "__main__":
    main()
