#include "foreign.h"

#include <string.h>

/* The TLS AlertDescription registry (IANA), names as RFC 8446 spells them,
 * including the values reserved from earlier versions. */
static const struct {
	const char *name;
	int number;
} tls_alerts[] = {
	{"close_notify", 0},
	{"unexpected_message", 10},
	{"bad_record_mac", 20},
	{"decryption_failed_RESERVED", 21},
	{"record_overflow", 22},
	{"decompression_failure_RESERVED", 30},
	{"handshake_failure", 40},
	{"no_certificate_RESERVED", 41},
	{"bad_certificate", 42},
	{"unsupported_certificate", 43},
	{"certificate_revoked", 44},
	{"certificate_expired", 45},
	{"certificate_unknown", 46},
	{"illegal_parameter", 47},
	{"unknown_ca", 48},
	{"access_denied", 49},
	{"decode_error", 50},
	{"decrypt_error", 51},
	{"too_many_cids_requested", 52},
	{"export_restriction_RESERVED", 60},
	{"protocol_version", 70},
	{"insufficient_security", 71},
	{"internal_error", 80},
	{"inappropriate_fallback", 86},
	{"user_canceled", 90},
	{"no_renegotiation_RESERVED", 100},
	{"missing_extension", 109},
	{"unsupported_extension", 110},
	{"certificate_unobtainable_RESERVED", 111},
	{"unrecognized_name", 112},
	{"bad_certificate_status_response", 113},
	{"bad_certificate_hash_value_RESERVED", 114},
	{"unknown_psk_identity", 115},
	{"certificate_required", 116},
	{"general_error", 117},
	{"no_application_protocol", 120},
	{"ech_required", 121},
};

int tls_alert_number(const char *name)
{
	for (size_t i = 0; i < sizeof(tls_alerts) / sizeof(tls_alerts[0]); i++)
		if (strcmp(tls_alerts[i].name, name) == 0)
			return tls_alerts[i].number;
	return -1;
}
