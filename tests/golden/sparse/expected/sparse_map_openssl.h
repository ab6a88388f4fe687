/* sparse_map_openssl.h: Sparse * / codes ? ?/ with awkward text. Generated
 * by errgen 0.1.0 from input.xml; do not edit: change the XML and
 * regenerate. */
#ifndef SPARSE_ERRORS_MAP_OPENSSL_H
#define SPARSE_ERRORS_MAP_OPENSSL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Mappings declared in the XML, OpenSSL reasons and verification results. */
#define SPARSE_ERROR_MAP_OPENSSL_DECLARED 0

/* If the packed OpenSSL error (from ERR_get_error or ERR_peek_error) maps
 * to a code, by library and reason, stores it in *code and returns 1;
 * otherwise returns 0. */
int sparse_error_from_openssl(unsigned long packed, int *code);

/* The packed OpenSSL error (library and reason, as ERR_PACK makes it) for
 * code, or 0 when it maps to none. */
unsigned long sparse_error_to_openssl(int code);

/* If the certificate verification result (an X509_V_ERR_* value, from
 * SSL_get_verify_result or X509_STORE_CTX_get_error) maps to a code, stores
 * it in *code and returns 1; otherwise returns 0. */
int sparse_error_from_x509_verify(long result, int *code);

/* The X509_V_ERR_* value for code, or 0 (X509_V_OK) when it maps to none. */
long sparse_error_to_x509_verify(int code);

/* The index-th declared OpenSSL mapping whose name this OpenSSL build
 * lacks, or NULL past the last. */
const char *sparse_error_map_openssl_missing(unsigned index);

#ifdef __cplusplus
}
#endif

#endif /* SPARSE_ERRORS_MAP_OPENSSL_H */
