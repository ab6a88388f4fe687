/*
 * Real failures, mapped: TLS handshakes between two OpenSSL endpoints in
 * memory that fail in known ways, OpenSSL calls that fail outside a
 * handshake, and system calls that fail with known errno values. For each
 * one, what OpenSSL (or the kernel) reports on each side goes through the
 * mappings errgen generated from data/nss-ssl.xml and data/nss-sec.xml, and
 * must give the NSS code that NSS itself would report, whose name and
 * message in the generated catalog must be the XML's (xml_messages.h, made
 * by run_openssl.py from the XML with Python's parser).
 *
 * Certificates and keys are made here: a CA, server certificates it signs
 * (valid, expired, for another host name), a client certificate, a
 * self-signed certificate nobody trusts and a certificate from a CA nobody
 * trusts. Bytes move between the two ends
 * through memory BIOs, so a scenario can also corrupt or forge them.
 */
#define _XOPEN_SOURCE	700 /* posix_openpt and the pty calls */
#define _DEFAULT_SOURCE	    /* MAP_ANONYMOUS, MAP_NORESERVE */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "nss_sec_errors.h"
#include "nss_sec_map.h"
#include "nss_sec_map_openssl.h"
#include "nss_ssl_errors.h"
#include "nss_ssl_map.h"
#include "nss_ssl_map_openssl.h"
#include "xml_messages.h"

static int checks, failures;
static const char *scenario = "";

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void
fail(const char *fmt, ...)
{
	va_list ap;
	printf("FAIL [%s] ", scenario);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failures++;
}

/* ------------------------------------------------------------------ */
/* The catalog against the XML                                          */

static const char *xml_message(const char *name)
{
	for (size_t i = 0; i < sizeof(xml_messages) / sizeof(xml_messages[0]);
	     i++)
		if (strcmp(xml_messages[i].name, name) == 0)
			return xml_messages[i].message;
	return NULL;
}

static const char *catalog_name(int code)
{
	const char *n = nss_ssl_error_name(code);
	return n ? n : nss_sec_error_name(code);
}

static const char *catalog_message(int code)
{
	return nss_ssl_error_name(code) ? nss_ssl_error_message(code)
					: nss_sec_error_message(code);
}

/* The generated catalog knows code as wname, with the XML's message. */
static void check_catalog(int code, const char *wname)
{
	const char *name = catalog_name(code), *want = xml_message(wname);
	checks++;
	if (!name || strcmp(name, wname) != 0) {
		fail("catalog names the code %s, want %s",
		     name ? name : "(none)", wname);
		return;
	}
	if (!want) {
		fail("%s is not in the XML", wname);
		return;
	}
	if (strcmp(catalog_message(code), want) != 0)
		fail("message of %s differs from the XML: %s", wname,
		     catalog_message(code));
}

/* A lookup gave (ok, code); it must be want, called wname. */
static void expect_code(const char *what, int ok, int code, int want,
			const char *wname)
{
	checks++;
	if (!ok) {
		fail("%s: no mapping, want %s", what, wname);
		return;
	}
	if (code != want) {
		const char *n = catalog_name(code);
		fail("%s: got %s, want %s", what, n ? n : "(unknown code)",
		     wname);
		return;
	}
	printf("ok   [%s] %s -> %s\n", scenario, what, wname);
	check_catalog(code, wname);
}

static void expect_none(const char *what, int ok, int code, int sentinel)
{
	checks++;
	if (ok || code != sentinel) {
		const char *n = catalog_name(code);
		fail("%s: mapped to %s, want no mapping", what,
		     n ? n : "(unknown code)");
		return;
	}
	printf("ok   [%s] %s -> no mapping\n", scenario, what);
}

static void expect_int(const char *what, long got, long want)
{
	checks++;
	if (got != want) {
		fail("%s: got %ld, want %ld", what, got, want);
		return;
	}
	printf("ok   [%s] %s = %ld\n", scenario, what, got);
}

/* ------------------------------------------------------------------ */
/* OpenSSL reports, mapped                                              */

/* The packed error through both domains' tables: exactly one may map it. */
static int map_openssl(unsigned long e, int *code)
{
	int a = 0, b = 0;
	int n = nss_ssl_error_from_openssl(e, &a) +
		nss_sec_error_from_openssl(e, &b);
	if (n == 2) {
		fail("%s maps in both domains", ERR_reason_error_string(e));
		return 0;
	}
	if (n)
		*code = a ? a : b;
	return n;
}

static int map_x509(long v, int *code)
{
	int a = 0, b = 0;
	int n = nss_ssl_error_from_x509_verify(v, &a) +
		nss_sec_error_from_x509_verify(v, &b);
	if (n == 2) {
		fail("%s maps in both domains",
		     X509_verify_cert_error_string(v));
		return 0;
	}
	if (n)
		*code = a ? a : b;
	return n;
}

/* OpenSSL's error queue, oldest first, taken out: the error to report is
 * the first one the tables map (a provider's low-level error can come
 * before the SSL library's own, as "cipher operation failed" does before
 * "decryption failed or bad record mac" for TLS 1.2 AES-GCM), else the
 * first one. */
static unsigned long drain(unsigned long *errs, int *n)
{
	unsigned long e;
	int code;
	*n = 0;
	while ((e = ERR_get_error()) != 0)
		if (*n < 16)
			errs[(*n)++] = e;
	for (int i = 0; i < *n; i++)
		if (map_openssl(errs[i], &code))
			return errs[i];
	return *n ? errs[0] : 0;
}

static void expect_openssl(const char *side, unsigned long e, int want,
			   const char *wname)
{
	char what[300];
	int code = 0, ok;
	const char *r = ERR_reason_error_string(e);
	snprintf(what, sizeof(what), "%s: OpenSSL error %d:%d \"%s\"", side,
		 ERR_GET_LIB(e), ERR_GET_REASON(e), r ? r : "?");
	if (e == 0) {
		fail("%s: OpenSSL reported no error, want %s", side, wname);
		return;
	}
	ok = map_openssl(e, &code);
	if (!wname) {
		expect_none(what, ok, code, 0);
		return;
	}
	expect_code(what, ok, code, want, wname);
}
#define EXPECT_OPENSSL(side, e, WANT) expect_openssl(side, e, WANT, #WANT)

static void expect_verify(const char *side, long v, int want, const char *wname)
{
	char what[300];
	int code = 0, ok;
	snprintf(what, sizeof(what), "%s: verify result %ld \"%s\"", side, v,
		 X509_verify_cert_error_string(v));
	ok = map_x509(v, &code);
	expect_code(what, ok, code, want, wname);
}
#define EXPECT_VERIFY(side, v, WANT) expect_verify(side, v, WANT, #WANT)

/* A received alert: both its number and OpenSSL's reason for it. */
static void expect_alert_received(const char *side, int alert, int want,
				  const char *wname)
{
	char what[300];
	int code = 0, ok;
	snprintf(what, sizeof(what), "%s: received alert %d \"%s\"", side,
		 alert,
		 alert >= 0 ? SSL_alert_desc_string_long(alert) : "none");
	if (alert < 0) {
		fail("%s: no alert received, want %s", side, wname);
		return;
	}
	ok = nss_ssl_error_from_tls_alert(alert, &code);
	expect_code(what, ok, code, want, wname);
}
#define EXPECT_ALERT_RECEIVED(side, a, WANT)                                   \
	expect_alert_received(side, a, WANT, #WANT)

/* OpenSSL sent the fatal alert want_sent (-1: none) for its error, which
 * maps to code; the alert the data gives for code (to_tls_alert, -1: none)
 * must be want_mapped. They are the same unless OpenSSL and NSS answer the
 * condition differently. */
static void expect_alert_sent(const char *side, int sent, int code,
			      int want_sent, int want_mapped)
{
	char what[300];
	int mapped = nss_ssl_error_name(code)
			     ? nss_ssl_error_to_tls_alert(code)
			     : nss_sec_error_to_tls_alert(code);
	snprintf(what, sizeof(what), "%s: alert sent (%s)", side,
		 sent >= 0 ? SSL_alert_desc_string_long(sent) : "none");
	expect_int(what, sent, want_sent);
	snprintf(what, sizeof(what), "%s: to_tls_alert(%s)", side,
		 catalog_name(code) ? catalog_name(code) : "?");
	expect_int(what, mapped, want_mapped);
}

/* ------------------------------------------------------------------ */
/* Keys and certificates                                                */

static EVP_PKEY *new_key(void)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!k) {
		ERR_print_errors_fp(stdout);
		exit(2);
	}
	return k;
}

static void add_ext(X509 *cert, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, cert, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (!ext || !X509_add_ext(cert, ext, -1)) {
		ERR_print_errors_fp(stdout);
		exit(2);
	}
	X509_EXTENSION_free(ext);
}

/* A certificate for cn (and DNS name dns) with key, signed by issuer's
 * key (itself when issuer is NULL), valid from days_from to days_to. */
static X509 *new_cert(const char *cn, const char *dns, EVP_PKEY *key,
		      X509 *issuer, EVP_PKEY *issuer_key, long days_from,
		      long days_to, int ca)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509_set_version(x, X509_VERSION_3);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(x), days_from * 86400);
	X509_gmtime_adj(X509_getm_notAfter(x), days_to * 86400);
	X509_NAME *name = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : name);
	X509_set_pubkey(x, key);
	if (ca) {
		add_ext(x, issuer ? issuer : x, NID_basic_constraints,
			"critical,CA:TRUE");
		add_ext(x, issuer ? issuer : x, NID_key_usage,
			"critical,keyCertSign,cRLSign");
	} else {
		char san[300];
		add_ext(x, issuer ? issuer : x, NID_basic_constraints,
			"CA:FALSE");
		if (dns) {
			snprintf(san, sizeof(san), "DNS:%s", dns);
			add_ext(x, issuer ? issuer : x, NID_subject_alt_name,
				san);
		}
	}
	if (!X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256())) {
		ERR_print_errors_fp(stdout);
		exit(2);
	}
	return x;
}

static EVP_PKEY *ca_key, *server_key, *client_key, *rogue_key;
static X509 *ca, *server_cert, *expired_cert, *other_host_cert, *client_cert,
	*rogue_cert, *rogue_ca, *rogue_leaf;

static void make_pki(void)
{
	ca_key = new_key();
	server_key = new_key();
	client_key = new_key();
	rogue_key = new_key();
	ca = new_cert("errgen test CA", NULL, ca_key, NULL, NULL, -1, 30, 1);
	server_cert = new_cert("server.example", "server.example", server_key,
			       ca, ca_key, -1, 30, 0);
	expired_cert = new_cert("server.example", "server.example", server_key,
				ca, ca_key, -30, -1, 0);
	other_host_cert = new_cert("other.example", "other.example", server_key,
				   ca, ca_key, -1, 30, 0);
	client_cert =
		new_cert("client", NULL, client_key, ca, ca_key, -1, 30, 0);
	rogue_cert = new_cert("server.example", "server.example", rogue_key,
			      NULL, NULL, -1, 30, 0);
	rogue_ca =
		new_cert("unknown CA", NULL, rogue_key, NULL, NULL, -1, 30, 1);
	rogue_leaf = new_cert("server.example", "server.example", server_key,
			      rogue_ca, rogue_key, -1, 30, 0);
}

/* ------------------------------------------------------------------ */
/* Two ends in memory                                                   */

struct end {
	const char *role;
	SSL *ssl;
	BIO *in, *out;		/* what it reads, what it wrote */
	int done;		/* handshake finished */
	int failed;		/* an SSL call failed for good */
	int ssl_error;		/* SSL_get_error of that call */
	unsigned long errs[16]; /* OpenSSL's error queue after it */
	int nerrs;
	unsigned long err;  /* the one to map: see drain() */
	int sent, received; /* fatal alert descriptions, -1: none */
};

static void info_cb(const SSL *ssl, int where, int ret)
{
	struct end *e = SSL_get_app_data(ssl);
	if (!e || !(where & SSL_CB_ALERT) || (ret >> 8) != SSL3_AL_FATAL)
		return;
	if ((where & SSL_CB_WRITE) && e->sent < 0)
		e->sent = ret & 0xff;
	if ((where & SSL_CB_READ) && e->received < 0)
		e->received = ret & 0xff;
}

static void end_init(struct end *e, const char *role, SSL_CTX *ctx, int server)
{
	memset(e, 0, sizeof(*e));
	e->role = role;
	e->sent = e->received = -1;
	e->ssl = SSL_new(ctx);
	e->in = BIO_new(BIO_s_mem());
	e->out = BIO_new(BIO_s_mem());
	BIO_set_mem_eof_return(e->in, -1);
	BIO_set_mem_eof_return(e->out, -1);
	SSL_set_bio(e->ssl, e->in, e->out);
	SSL_set_app_data(e->ssl, e);
	SSL_set_info_callback(e->ssl, info_cb);
	if (server)
		SSL_set_accept_state(e->ssl);
	else
		SSL_set_connect_state(e->ssl);
}

static void end_free(struct end *e)
{
	SSL_free(e->ssl); /* frees the BIOs */
}

/* The failure of call r on e: take OpenSSL's error queue, for e alone
 * (both ends share this thread's error queue). */
static void end_result(struct end *e, int r)
{
	int err = SSL_get_error(e->ssl, r);
	if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
		ERR_clear_error();
		return;
	}
	e->failed = 1;
	e->ssl_error = err;
	e->err = drain(e->errs, &e->nerrs);
}

static void step(struct end *e)
{
	char buf[512];
	int r;
	if (e->failed)
		return;
	ERR_clear_error();
	if (!e->done) {
		r = SSL_do_handshake(e->ssl);
		if (r == 1) {
			e->done = 1;
			return;
		}
	} else {
		r = SSL_read(e->ssl, buf, sizeof(buf));
		if (r > 0)
			return;
	}
	end_result(e, r);
}

typedef void tamper_fn(const char *dir, unsigned char *buf, int len);

/* Moves what from wrote to to; returns the number of bytes moved. */
static int move(struct end *from, struct end *to, tamper_fn *tamper)
{
	unsigned char buf[1 << 16];
	int n, total = 0;
	while ((n = BIO_read(from->out, buf, sizeof(buf))) > 0) {
		if (tamper)
			tamper(from->role, buf, n);
		BIO_write(to->in, buf, n);
		total += n;
	}
	return total;
}

static void pump(struct end *c, struct end *s, tamper_fn *tamper)
{
	for (int i = 0; i < 200; i++) {
		int moved;
		step(c);
		moved = move(c, s, tamper);
		step(s);
		moved += move(s, c, tamper);
		if (!moved && (c->done || c->failed) && (s->done || s->failed))
			break;
	}
}

static void describe(const struct end *e)
{
	printf("     %s: %s", e->role,
	       e->failed ? "failed"
	       : e->done ? "handshake done"
			 : "stuck");
	for (int i = 0; i < e->nerrs; i++)
		printf("%s %d:%d \"%s\"", i ? "," : ", errors",
		       ERR_GET_LIB(e->errs[i]), ERR_GET_REASON(e->errs[i]),
		       ERR_reason_error_string(e->errs[i]));
	if (e->sent >= 0)
		printf(", sent %s", SSL_alert_desc_string_long(e->sent));
	if (e->received >= 0)
		printf(", received %s",
		       SSL_alert_desc_string_long(e->received));
	if (SSL_get_verify_result(e->ssl) != X509_V_OK)
		printf(", verify result %ld",
		       (long)SSL_get_verify_result(e->ssl));
	printf("\n");
}

static SSL_CTX *server_ctx(X509 *cert, EVP_PKEY *key)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (cert && (!SSL_CTX_use_certificate(ctx, cert) ||
		     !SSL_CTX_use_PrivateKey(ctx, key))) {
		ERR_print_errors_fp(stdout);
		exit(2);
	}
	return ctx;
}

static SSL_CTX *client_ctx(int verify)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), ca);
	if (verify)
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	return ctx;
}

static struct end C, S;

/* A handshake between contexts cc and sc; the client asks for host. */
static void run(const char *name, SSL_CTX *cc, SSL_CTX *sc, const char *host,
		tamper_fn *tamper)
{
	scenario = name;
	printf("---- %s\n", name);
	end_init(&C, "client", cc, 0);
	end_init(&S, "server", sc, 1);
	if (host) {
		SSL_set_tlsext_host_name(C.ssl, host);
		SSL_set1_host(C.ssl, host);
	}
	pump(&C, &S, tamper);
	describe(&C);
	describe(&S);
}

static void finish(SSL_CTX *cc, SSL_CTX *sc)
{
	end_free(&C);
	end_free(&S);
	SSL_CTX_free(cc);
	SSL_CTX_free(sc);
}

static void expect_failed(struct end *e)
{
	char what[100];
	snprintf(what, sizeof(what), "%s failed", e->role);
	expect_int(what, e->failed, 1);
}

/* ------------------------------------------------------------------ */
/* Handshakes that fail                                                 */

static void no_shared_cipher(int tls13)
{
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	if (tls13) {
		SSL_CTX_set_ciphersuites(cc, "TLS_AES_128_GCM_SHA256");
		SSL_CTX_set_ciphersuites(sc, "TLS_AES_256_GCM_SHA384");
	} else {
		SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
		SSL_CTX_set_max_proto_version(sc, TLS1_2_VERSION);
		SSL_CTX_set_cipher_list(cc, "ECDHE-ECDSA-AES128-GCM-SHA256");
		SSL_CTX_set_cipher_list(sc, "ECDHE-ECDSA-AES256-GCM-SHA384");
	}
	run(tls13 ? "no shared cipher, TLS 1.3" : "no shared cipher, TLS 1.2",
	    cc, sc, NULL, NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_NO_CYPHER_OVERLAP);
	expect_alert_sent("server", S.sent, SSL_ERROR_NO_CYPHER_OVERLAP,
			  SSL3_AD_HANDSHAKE_FAILURE, SSL3_AD_HANDSHAKE_FAILURE);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_HANDSHAKE_FAILURE_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_HANDSHAKE_FAILURE_ALERT);
	finish(cc, sc);
}

static void version_mismatch(void)
{
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	SSL_CTX_set_min_proto_version(sc, TLS1_3_VERSION);
	run("protocol version: TLS 1.2 client, TLS 1.3 server", cc, sc, NULL,
	    NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_UNSUPPORTED_VERSION);
	expect_alert_sent("server", S.sent, SSL_ERROR_UNSUPPORTED_VERSION,
			  TLS1_AD_PROTOCOL_VERSION, TLS1_AD_PROTOCOL_VERSION);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_PROTOCOL_VERSION_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_PROTOCOL_VERSION_ALERT);
	finish(cc, sc);

	cc = client_ctx(0);
	sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_min_proto_version(cc, TLS1_3_VERSION);
	SSL_CTX_set_max_proto_version(sc, TLS1_2_VERSION);
	run("protocol version: TLS 1.3 client, TLS 1.2 server", cc, sc, NULL,
	    NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_UNSUPPORTED_VERSION);
	expect_alert_sent("server", S.sent, SSL_ERROR_UNSUPPORTED_VERSION,
			  TLS1_AD_PROTOCOL_VERSION, TLS1_AD_PROTOCOL_VERSION);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_PROTOCOL_VERSION_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_PROTOCOL_VERSION_ALERT);
	finish(cc, sc);
}

static void fallback(void)
{
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	SSL_CTX_set_mode(cc, SSL_MODE_SEND_FALLBACK_SCSV);
	run("inappropriate fallback", cc, sc, NULL, NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT);
	expect_alert_sent(
		"server", S.sent, SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT,
		TLS1_AD_INAPPROPRIATE_FALLBACK, TLS1_AD_INAPPROPRIATE_FALLBACK);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT);
	finish(cc, sc);
}

/* The client rejects the server's certificate. */
static void bad_server_cert(const char *name, X509 *cert, EVP_PKEY *key,
			    long want_verify, int want_code,
			    const char *want_name, int want_alert,
			    int want_server_code, const char *want_server_name)
{
	SSL_CTX *cc = client_ctx(1), *sc = server_ctx(cert, key);
	run(name, cc, sc, "server.example", NULL);
	expect_failed(&C);
	expect_failed(&S);
	long v = SSL_get_verify_result(C.ssl);
	expect_int("client: verify result", v, want_verify);
	expect_verify("client", v, want_code, want_name);
	EXPECT_OPENSSL("client", C.err, SEC_ERROR_CERT_NOT_VALID);
	expect_alert_sent("client", C.sent, want_code, want_alert, want_alert);
	expect_openssl("server", S.err, want_server_code, want_server_name);
	expect_alert_received("server", S.received, want_server_code,
			      want_server_name);
	finish(cc, sc);
}

static void certificates(void)
{
	bad_server_cert(
		"expired server certificate", expired_cert, server_key,
		X509_V_ERR_CERT_HAS_EXPIRED, SEC_ERROR_EXPIRED_CERTIFICATE,
		"SEC_ERROR_EXPIRED_CERTIFICATE", SSL3_AD_CERTIFICATE_EXPIRED,
		SSL_ERROR_EXPIRED_CERT_ALERT, "SSL_ERROR_EXPIRED_CERT_ALERT");
	bad_server_cert("certificate for another host", other_host_cert,
			server_key, X509_V_ERR_HOSTNAME_MISMATCH,
			SSL_ERROR_BAD_CERT_DOMAIN, "SSL_ERROR_BAD_CERT_DOMAIN",
			SSL3_AD_BAD_CERTIFICATE, SSL_ERROR_BAD_CERT_ALERT,
			"SSL_ERROR_BAD_CERT_ALERT");
	bad_server_cert("server certificate from an unknown CA", rogue_leaf,
			server_key,
			X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
			SEC_ERROR_UNKNOWN_ISSUER, "SEC_ERROR_UNKNOWN_ISSUER",
			TLS1_AD_UNKNOWN_CA, SSL_ERROR_UNKNOWN_CA_ALERT,
			"SSL_ERROR_UNKNOWN_CA_ALERT");
	bad_server_cert("self-signed certificate nobody trusts", rogue_cert,
			rogue_key, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
			SEC_ERROR_UNKNOWN_ISSUER, "SEC_ERROR_UNKNOWN_ISSUER",
			TLS1_AD_UNKNOWN_CA, SSL_ERROR_UNKNOWN_CA_ALERT,
			"SSL_ERROR_UNKNOWN_CA_ALERT");
}

/* The server requires a client certificate and the client has none. In
 * TLS 1.3 the client has finished its handshake before the server looks:
 * it hears the alert when it next reads. */
static void certificate_required(void)
{
	SSL_CTX *cc = client_ctx(1), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_verify(
		sc, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	run("client certificate required, TLS 1.3", cc, sc, "server.example",
	    NULL);
	expect_int("client finished its handshake first", C.done, 1);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_NO_CERTIFICATE);
	expect_alert_sent("server", S.sent, SSL_ERROR_NO_CERTIFICATE,
			  TLS13_AD_CERTIFICATE_REQUIRED,
			  TLS13_AD_CERTIFICATE_REQUIRED);
	EXPECT_OPENSSL("client", C.err,
		       SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT);
	finish(cc, sc);

	/* TLS 1.2 has no certificate_required: OpenSSL sends
	 * handshake_failure (NSS, bad_certificate) */
	cc = client_ctx(1);
	sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	SSL_CTX_set_verify(
		sc, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
	run("client certificate required, TLS 1.2", cc, sc, "server.example",
	    NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_NO_CERTIFICATE);
	expect_alert_sent("server", S.sent, SSL_ERROR_NO_CERTIFICATE,
			  SSL3_AD_HANDSHAKE_FAILURE,
			  TLS13_AD_CERTIFICATE_REQUIRED);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_HANDSHAKE_FAILURE_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_HANDSHAKE_FAILURE_ALERT);
	finish(cc, sc);
}

/* The server checks the client's certificate with a callback that
 * rejects it for a reason of its choice: the client hears the alert. */
static long reject_with;

static int reject_cb(int ok, X509_STORE_CTX *ctx)
{
	(void)ok;
	X509_STORE_CTX_set_error(ctx, (int)reject_with);
	return 0;
}

static void client_cert_rejected(const char *name, long why, int want_code,
				 const char *want_name, int want_alert,
				 int want_mapped, int want_client,
				 const char *want_client_name)
{
	SSL_CTX *cc = client_ctx(1), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_use_certificate(cc, client_cert);
	SSL_CTX_use_PrivateKey(cc, client_key);
	reject_with = why;
	SSL_CTX_set_verify(sc,
			   SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
			   reject_cb);
	run(name, cc, sc, "server.example", NULL);
	expect_failed(&C);
	expect_failed(&S);
	long v = SSL_get_verify_result(S.ssl);
	expect_int("server: verify result", v, why);
	expect_verify("server", v, want_code, want_name);
	EXPECT_OPENSSL("server", S.err, SEC_ERROR_CERT_NOT_VALID);
	expect_alert_sent("server", S.sent, want_code, want_alert, want_mapped);
	expect_openssl("client", C.err, want_client, want_client_name);
	expect_alert_received("client", C.received, want_client,
			      want_client_name);
	finish(cc, sc);
}

static void client_certs(void)
{
	client_cert_rejected(
		"server rejects the client certificate as revoked",
		X509_V_ERR_CERT_REVOKED, SEC_ERROR_REVOKED_CERTIFICATE,
		"SEC_ERROR_REVOKED_CERTIFICATE", SSL3_AD_CERTIFICATE_REVOKED,
		SSL3_AD_CERTIFICATE_REVOKED, SSL_ERROR_REVOKED_CERT_ALERT,
		"SSL_ERROR_REVOKED_CERT_ALERT");
	client_cert_rejected(
		"server rejects the client certificate as expired",
		X509_V_ERR_CERT_HAS_EXPIRED, SEC_ERROR_EXPIRED_CERTIFICATE,
		"SEC_ERROR_EXPIRED_CERTIFICATE", SSL3_AD_CERTIFICATE_EXPIRED,
		SSL3_AD_CERTIFICATE_EXPIRED, SSL_ERROR_EXPIRED_CERT_ALERT,
		"SSL_ERROR_EXPIRED_CERT_ALERT");
	client_cert_rejected(
		"server's application rejects the client certificate",
		X509_V_ERR_APPLICATION_VERIFICATION,
		SEC_ERROR_APPLICATION_CALLBACK_ERROR,
		"SEC_ERROR_APPLICATION_CALLBACK_ERROR",
		SSL3_AD_HANDSHAKE_FAILURE, -1,
		SSL_ERROR_HANDSHAKE_FAILURE_ALERT,
		"SSL_ERROR_HANDSHAKE_FAILURE_ALERT");
}

/* The server's application aborts the handshake from its ClientHello
 * callback with an alert of its choice. */
static int abort_hello_cb(SSL *ssl, int *alert, void *arg)
{
	(void)ssl;
	(void)arg;
	*alert = SSL_AD_ACCESS_DENIED;
	return SSL_CLIENT_HELLO_ERROR;
}

static void application_abort(void)
{
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_client_hello_cb(sc, abort_hello_cb, NULL);
	run("server application aborts with access_denied", cc, sc, NULL, NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_APPLICATION_ABORT);
	expect_alert_sent("server", S.sent, SSL_ERROR_APPLICATION_ABORT,
			  TLS1_AD_ACCESS_DENIED, -1);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_ACCESS_DENIED_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_ACCESS_DENIED_ALERT);
	finish(cc, sc);
}

static int alpn_select(SSL *ssl, const unsigned char **out,
		       unsigned char *outlen, const unsigned char *in,
		       unsigned int inlen, void *arg)
{
	static const unsigned char mine[] = "\x02h2";
	(void)ssl;
	(void)arg;
	if (SSL_select_next_proto((unsigned char **)out, outlen, mine,
				  sizeof(mine) - 1, in,
				  inlen) == OPENSSL_NPN_NEGOTIATED)
		return SSL_TLSEXT_ERR_OK;
	return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static void no_application_protocol(void)
{
	static const unsigned char theirs[] = "\x08http/1.1";
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_alpn_protos(cc, theirs, sizeof(theirs) - 1);
	SSL_CTX_set_alpn_select_cb(sc, alpn_select, NULL);
	run("no common ALPN protocol", cc, sc, NULL, NULL);
	expect_failed(&C);
	expect_failed(&S);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL);
	expect_alert_sent("server", S.sent, SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL,
			  TLS1_AD_NO_APPLICATION_PROTOCOL,
			  TLS1_AD_NO_APPLICATION_PROTOCOL);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL);
	EXPECT_ALERT_RECEIVED("client", C.received,
			      SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL);
	finish(cc, sc);
}

/* A record corrupted in flight after the handshake. */
static int corrupt_next;

static void flip_last_byte(const char *dir, unsigned char *buf, int len)
{
	if (corrupt_next && strcmp(dir, "client") == 0 && len > 0) {
		buf[len - 1] ^= 0x01;
		corrupt_next = 0;
	}
}

static void bad_record_mac(int tls13)
{
	SSL_CTX *cc = client_ctx(0), *sc = server_ctx(server_cert, server_key);
	if (!tls13) {
		SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
		SSL_CTX_set_cipher_list(cc, "ECDHE-ECDSA-AES128-GCM-SHA256");
	}
	run(tls13 ? "corrupted record, TLS 1.3" : "corrupted record, TLS 1.2",
	    cc, sc, NULL, flip_last_byte);
	expect_int("handshake done", C.done && S.done, 1);
	SSL_write(C.ssl, "hello", 5);
	corrupt_next = 1;
	pump(&C, &S, flip_last_byte);
	describe(&C);
	describe(&S);
	expect_failed(&S);
	expect_failed(&C);
	EXPECT_OPENSSL("server", S.err, SSL_ERROR_BAD_MAC_READ);
	expect_alert_sent("server", S.sent, SSL_ERROR_BAD_MAC_READ,
			  SSL3_AD_BAD_RECORD_MAC, SSL3_AD_BAD_RECORD_MAC);
	EXPECT_OPENSSL("client", C.err, SSL_ERROR_BAD_MAC_ALERT);
	EXPECT_ALERT_RECEIVED("client", C.received, SSL_ERROR_BAD_MAC_ALERT);
	finish(cc, sc);
}

/* Raw bytes sent to a server, at the start or (after_hello) once it has
 * answered a real TLS 1.2 ClientHello: what it reports, the alert record
 * it puts on the wire (in clear: no keys yet) and the NSS code's own. */
static void raw_to_server(const char *name, int after_hello,
			  const unsigned char *bytes, size_t len, int want_code,
			  const char *want_name, int want_sent, int want_mapped)
{
	SSL_CTX *sc = server_ctx(server_cert, server_key), *cc = NULL;
	scenario = name;
	printf("---- %s\n", name);
	end_init(&S, "server", sc, 1);
	if (after_hello) {
		cc = client_ctx(0);
		SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
		end_init(&C, "client", cc, 0);
		step(&C);
		move(&C, &S, NULL);
		step(&S);
		move(&S, &C, NULL);
		expect_int("server is waiting for the client", S.failed, 0);
	}
	BIO_write(S.in, bytes, (int)len);
	step(&S);
	describe(&S);
	expect_failed(&S);
	expect_openssl("server", S.err, want_code, want_name);
	unsigned char out[64];
	int n = BIO_read(S.out, out, sizeof(out));
	expect_int("server: alert record on the wire",
		   n >= 7 && out[0] == 21 && out[3] == 0 && out[4] == 2 ? out[6]
									: -1,
		   want_sent);
	expect_alert_sent("server", S.sent, want_code, want_sent, want_mapped);
	end_free(&S);
	SSL_CTX_free(sc);
	if (cc) {
		end_free(&C);
		SSL_CTX_free(cc);
	}
}

static void raw_records(void)
{
	static const unsigned char too_long[] = {0x16, 0x03, 0x01, 0xff, 0xff};
	static const unsigned char bad_version[] = {
		0x16, 0x09, 0x09, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00};
	/* a ServerHello sent to a server */
	static const unsigned char server_hello[] = {
		0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00};
	/* an alert record of three bytes */
	static const unsigned char long_alert[] = {0x15, 0x03, 0x03, 0x00,
						   0x03, 0x02, 0x28, 0x00};
	raw_to_server("record longer than the maximum", 0, too_long,
		      sizeof(too_long), SSL_ERROR_RX_RECORD_TOO_LONG,
		      "SSL_ERROR_RX_RECORD_TOO_LONG", TLS1_AD_RECORD_OVERFLOW,
		      TLS1_AD_RECORD_OVERFLOW);
	/* OpenSSL sends no alert to what may not be TLS at all */
	raw_to_server("record with an unknown version", 0, bad_version,
		      sizeof(bad_version), SSL_ERROR_UNSUPPORTED_VERSION,
		      "SSL_ERROR_UNSUPPORTED_VERSION", -1,
		      TLS1_AD_PROTOCOL_VERSION);
	raw_to_server("ServerHello sent to a server", 0, server_hello,
		      sizeof(server_hello), SSL_ERROR_RX_UNEXPECTED_HANDSHAKE,
		      "SSL_ERROR_RX_UNEXPECTED_HANDSHAKE",
		      SSL3_AD_UNEXPECTED_MESSAGE, SSL3_AD_UNEXPECTED_MESSAGE);
	/* before the ClientHello OpenSSL calls any alert unexpected */
	raw_to_server("alert record before the ClientHello", 0, long_alert,
		      sizeof(long_alert), SSL_ERROR_RX_UNEXPECTED_HANDSHAKE,
		      "SSL_ERROR_RX_UNEXPECTED_HANDSHAKE",
		      SSL3_AD_UNEXPECTED_MESSAGE, SSL3_AD_UNEXPECTED_MESSAGE);
	/* NSS answers a malformed alert with decode_error, OpenSSL with
	 * unexpected_message */
	raw_to_server("alert record of the wrong length", 1, long_alert,
		      sizeof(long_alert), SSL_ERROR_RX_MALFORMED_ALERT,
		      "SSL_ERROR_RX_MALFORMED_ALERT",
		      SSL3_AD_UNEXPECTED_MESSAGE, TLS1_AD_DECODE_ERROR);
}

/* ------------------------------------------------------------------ */
/* OpenSSL calls that fail outside a handshake                          */

static unsigned long call_error(void)
{
	unsigned long errs[16];
	int n;
	return drain(errs, &n);
}

static void api_failures(void)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_method());
	scenario = "API misuse";
	printf("---- %s\n", scenario);
	ERR_clear_error();
	expect_int("SSL_CTX_check_private_key without a certificate",
		   SSL_CTX_check_private_key(ctx), 0);
	EXPECT_OPENSSL("check_private_key", call_error(),
		       SSL_ERROR_NO_CERTIFICATE);
	SSL_CTX_use_certificate(ctx, server_cert);
	expect_int("SSL_CTX_check_private_key without the key",
		   SSL_CTX_check_private_key(ctx), 0);
	EXPECT_OPENSSL("check_private_key", call_error(), SEC_ERROR_NO_KEY);
	expect_int("SSL_CTX_set_cipher_list(\"NO-SUCH-CIPHER\")",
		   SSL_CTX_set_cipher_list(ctx, "NO-SUCH-CIPHER"), 0);
	EXPECT_OPENSSL("set_cipher_list", call_error(),
		       SSL_ERROR_UNKNOWN_CIPHER_SUITE);
	SSL_CTX_free(ctx);

	/* no protocol version left */
	SSL_CTX *cc = client_ctx(0);
	SSL_CTX_set_min_proto_version(cc, TLS1_3_VERSION);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	SSL *ssl = SSL_new(cc);
	SSL_set_connect_state(ssl);
	SSL_set_bio(ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
	expect_int("SSL_connect with no version enabled", SSL_connect(ssl) > 0,
		   0);
	EXPECT_OPENSSL("connect", call_error(), SSL_ERROR_SSL_DISABLED);
	SSL_free(ssl);
	SSL_CTX_free(cc);

	/* TLS 1.2 only, with only TLS 1.3 cipher suites */
	cc = client_ctx(0);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	SSL_CTX_set_cipher_list(cc, "aNULL");
	ssl = SSL_new(cc);
	SSL_set_connect_state(ssl);
	SSL_set_bio(ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
	expect_int("SSL_connect with no usable cipher", SSL_connect(ssl) > 0,
		   0);
	EXPECT_OPENSSL("connect", call_error(), SSL_ERROR_NO_CIPHERS_SUPPORTED);
	SSL_free(ssl);
	SSL_CTX_free(cc);

	/* after a TLS 1.2 handshake: no key update; after TLS 1.3: a client
	 * cannot ask itself for a certificate */
	cc = client_ctx(0);
	SSL_CTX *sc = server_ctx(server_cert, server_key);
	SSL_CTX_set_max_proto_version(cc, TLS1_2_VERSION);
	run("TLS 1.2 connection", cc, sc, NULL, NULL);
	expect_int("handshake done", C.done && S.done, 1);
	expect_int("SSL_key_update on TLS 1.2",
		   SSL_key_update(C.ssl, SSL_KEY_UPDATE_REQUESTED), 0);
	EXPECT_OPENSSL("key_update", call_error(),
		       SSL_ERROR_FEATURE_NOT_SUPPORTED_FOR_VERSION);
	finish(cc, sc);
	cc = client_ctx(0);
	sc = server_ctx(server_cert, server_key);
	run("TLS 1.3 connection", cc, sc, NULL, NULL);
	expect_int("handshake done", C.done && S.done, 1);
	expect_int("SSL_verify_client_post_handshake on a client",
		   SSL_verify_client_post_handshake(C.ssl), 0);
	EXPECT_OPENSSL("verify_client_post_handshake", call_error(),
		       SSL_ERROR_FEATURE_NOT_SUPPORTED_FOR_CLIENTS);
	finish(cc, sc);

	scenario = "crypto library";
	printf("---- %s\n", scenario);
	static const unsigned char junk[] = {0xff, 0xff, 0xff};
	const unsigned char *p = junk;
	expect_int("d2i_X509 of junk gives NULL",
		   d2i_X509(NULL, &p, sizeof(junk)) == NULL, 1);
	EXPECT_OPENSSL("d2i_X509", call_error(), SEC_ERROR_BAD_DER);
	static const unsigned char truncated[] = {0x30, 0x82, 0x01, 0x00, 0x30};
	p = truncated;
	expect_int("d2i_X509 of a truncated SEQUENCE gives NULL",
		   d2i_X509(NULL, &p, sizeof(truncated)) == NULL, 1);
	EXPECT_OPENSSL("d2i_X509", call_error(), SEC_ERROR_BAD_DER);
	expect_int("EC key on an unknown curve",
		   EVP_PKEY_Q_keygen(NULL, NULL, "EC", "no-such-curve") == NULL,
		   1);
	EXPECT_OPENSSL("EVP_PKEY_Q_keygen", call_error(),
		       SEC_ERROR_UNSUPPORTED_ELLIPTIC_CURVE);
}

/* Verification results outside TLS, from X509_verify_cert. */
static void verify_outside_tls(void)
{
	scenario = "X509_verify_cert";
	printf("---- %s\n", scenario);
	X509_STORE *store = X509_STORE_new();
	X509_STORE_add_cert(store, ca);
	struct {
		X509 *cert;
		long want;
		int code;
		const char *name;
	} cases[] = {
		{server_cert, X509_V_OK, 0, NULL},
		{expired_cert, X509_V_ERR_CERT_HAS_EXPIRED,
		 SEC_ERROR_EXPIRED_CERTIFICATE,
		 "SEC_ERROR_EXPIRED_CERTIFICATE"},
		{rogue_cert, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
		 SEC_ERROR_UNKNOWN_ISSUER, "SEC_ERROR_UNKNOWN_ISSUER"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		X509_STORE_CTX *ctx = X509_STORE_CTX_new();
		X509_STORE_CTX_init(ctx, store, cases[i].cert, NULL);
		X509_verify_cert(ctx);
		long v = X509_STORE_CTX_get_error(ctx);
		expect_int("X509_STORE_CTX_get_error", v, cases[i].want);
		if (cases[i].name)
			expect_verify("verify", v, cases[i].code,
				      cases[i].name);
		X509_STORE_CTX_free(ctx);
	}
	/* a certificate signed by a CA that is not in the store */
	X509 *leaf = new_cert("leaf", "leaf.example", server_key, rogue_cert,
			      rogue_key, -1, 30, 0);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509_STORE_CTX_init(ctx, store, leaf, NULL);
	X509_verify_cert(ctx);
	long v = X509_STORE_CTX_get_error(ctx);
	printf("     unknown issuer: %ld \"%s\"\n", v,
	       X509_verify_cert_error_string(v));
	EXPECT_VERIFY("verify", v, SEC_ERROR_UNKNOWN_ISSUER);
	X509_STORE_CTX_free(ctx);
	X509_free(leaf);
	/* a valid certificate checked for an address it does not carry */
	ctx = X509_STORE_CTX_new();
	X509_STORE_CTX_init(ctx, store, server_cert, NULL);
	X509_VERIFY_PARAM_set1_email(X509_STORE_CTX_get0_param(ctx),
				     "someone@server.example", 0);
	X509_verify_cert(ctx);
	EXPECT_VERIFY("e-mail address", X509_STORE_CTX_get_error(ctx),
		      SEC_ERROR_CERT_ADDR_MISMATCH);
	X509_STORE_CTX_free(ctx);
	ctx = X509_STORE_CTX_new();
	X509_STORE_CTX_init(ctx, store, server_cert, NULL);
	X509_VERIFY_PARAM_set1_ip_asc(X509_STORE_CTX_get0_param(ctx),
				      "192.0.2.1");
	X509_verify_cert(ctx);
	EXPECT_VERIFY("IP address", X509_STORE_CTX_get_error(ctx),
		      SSL_ERROR_BAD_CERT_DOMAIN);
	X509_STORE_CTX_free(ctx);
	int code = 12345;
	int ok = map_x509(X509_V_OK, &code);
	expect_none("verify result X509_V_OK", ok, code, 12345);
	X509_STORE_free(store);
}

/* ------------------------------------------------------------------ */
/* System calls that fail                                               */

static void expect_errno(const char *call, int err, int want, const char *wname)
{
	char what[200];
	int a = 12345, b = 12345;
	int ok_ssl = nss_ssl_error_from_errno(err, &a);
	int ok_sec = nss_sec_error_from_errno(err, &b);
	snprintf(what, sizeof(what), "%s: errno %d (%s)", call, err,
		 strerror(err));
	if (!wname) {
		expect_none(what, ok_ssl || ok_sec,
			    ok_ssl   ? a
			    : ok_sec ? b
				     : 12345,
			    12345);
		return;
	}
	if (ok_ssl && ok_sec) {
		fail("%s maps in both domains", what);
		return;
	}
	expect_code(what, ok_ssl || ok_sec, ok_ssl ? a : b, want, wname);
	/* and back, for a mapping both ways */
	int back =
		ok_ssl ? nss_ssl_error_to_errno(a) : nss_sec_error_to_errno(b);
	if (back) {
		snprintf(what, sizeof(what), "to_errno(%s)", wname);
		expect_int(what, back, err);
	}
}
#define EXPECT_ERRNO(call, err, WANT) expect_errno(call, err, WANT, #WANT)

static void system_calls(void)
{
	int fds[2], r;
	scenario = "system calls";
	printf("---- %s\n", scenario);

	signal(SIGPIPE, SIG_IGN);
	if (pipe(fds) != 0) {
		perror("pipe");
		exit(2);
	}
	close(fds[0]);
	r = (int)write(fds[1], "x", 1);
	expect_int("write to a pipe without reader", r, -1);
	EXPECT_ERRNO("write", errno, SSL_ERROR_SOCKET_WRITE_FAILURE);
	close(fds[1]);

	/* a loopback port that is bound but does not listen refuses */
	int a = socket(AF_INET, SOCK_STREAM, 0),
	    b = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (a >= 0 && b >= 0 &&
	    bind(a, (struct sockaddr *)&sin, sizeof(sin)) == 0 &&
	    getsockname(a, (struct sockaddr *)&sin, &len) == 0) {
		r = connect(b, (struct sockaddr *)&sin, sizeof(sin));
		expect_int("connect to a closed loopback port", r, -1);
		expect_int("errno is ECONNREFUSED", errno, ECONNREFUSED);
		expect_errno("connect", errno, 0, NULL);
	} else {
		printf("     (no loopback here: the ECONNREFUSED case is "
		       "skipped)\n");
	}
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);

	r = open("/nonexistent/errgen/file", O_RDONLY);
	expect_int("open of a missing file", r, -1);
	expect_errno("open", errno, 0, NULL);

	FILE *tmp = tmpfile();
	if (!tmp) {
		perror("tmpfile");
		exit(2);
	}
	r = (int)lseek(fileno(tmp), -1, SEEK_SET);
	expect_int("lseek of a file to a negative offset", r, -1);
	EXPECT_ERRNO("lseek", errno, SEC_ERROR_INVALID_ARGS);
	fclose(tmp);

	void *m = mmap(NULL, (size_t)1 << 62, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	expect_int("mmap of 2^62 bytes fails", m == MAP_FAILED, 1);
	EXPECT_ERRNO("mmap", errno, SEC_ERROR_NO_MEMORY);

	/* a pseudo-terminal whose other side is closed reads EIO */
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0) {
		int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
		char c;
		if (slave >= 0) {
			close(slave);
			r = (int)read(master, &c, 1);
			expect_int("read from a pty whose terminal is closed",
				   r, -1);
			EXPECT_ERRNO("read", errno, SEC_ERROR_IO);
		}
		close(master);
	} else {
		printf("     (no pseudo-terminal here: the EIO case is "
		       "skipped)\n");
	}
	int code = 12345;
	int ok = nss_ssl_error_from_errno(0, &code) ||
		 nss_sec_error_from_errno(0, &code);
	expect_none("from_errno(0)", ok, code, 12345);
}

static void free_pki(void)
{
	X509 *certs[] = {
		ca,	     server_cert, expired_cert, other_host_cert,
		client_cert, rogue_cert,  rogue_ca,	rogue_leaf};
	EVP_PKEY *keys[] = {ca_key, server_key, client_key, rogue_key};
	for (size_t i = 0; i < sizeof(certs) / sizeof(certs[0]); i++)
		X509_free(certs[i]);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		EVP_PKEY_free(keys[i]);
}

int main(void)
{
	make_pki();
	no_shared_cipher(0);
	no_shared_cipher(1);
	version_mismatch();
	fallback();
	certificates();
	certificate_required();
	client_certs();
	application_abort();
	no_application_protocol();
	bad_record_mac(0);
	bad_record_mac(1);
	raw_records();
	api_failures();
	verify_outside_tls();
	system_calls();
	free_pki();
	printf("%d checks, %d failures\n", checks, failures);
	return failures ? 1 : 0;
}
