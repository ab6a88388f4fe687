/* sparse_map_openssl.c: Sparse * / codes ? ?/ with awkward text. Generated
 * by errgen 0.1.0 from input.xml; do not edit: change the XML and
 * regenerate. */
#include "sparse_map_openssl.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "sparse_errors.h"

#include <stddef.h>
#if defined(__cplusplus) && __cplusplus >= 201103L
#define NO_STRING nullptr
#else
#define NO_STRING NULL
#endif

int sparse_error_from_openssl(unsigned long packed, int *code)
{
	int lib = ERR_GET_LIB(packed);
	int reason = ERR_GET_REASON(packed);
	(void)lib;
	(void)reason;
	(void)code;
	return 0;
}

unsigned long sparse_error_to_openssl(int code)
{
	switch (code) {
	default:
		return 0;
	}
}

int sparse_error_from_x509_verify(long result, int *code)
{
	(void)result;
	(void)code;
	return 0;
}

long sparse_error_to_x509_verify(int code)
{
	switch (code) {
	default:
		return 0;
	}
}

const char *sparse_error_map_openssl_missing(unsigned index)
{
	static const char *const missing[] = {
		NO_STRING
	};
	unsigned i;
	for (i = 0; missing[i]; i++)
		if (i == index)
			return missing[i];
	return NO_STRING;
}
