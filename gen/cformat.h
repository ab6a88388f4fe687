/* printf conversions in message text: what arguments a message expects. */
#ifndef ERRGEN_CFORMAT_H
#define ERRGEN_CFORMAT_H

#include "buf.h"

enum cformat_result {
	CFORMAT_OK,
	CFORMAT_HAS_N,	  /* a %n conversion: never acceptable in a message */
	CFORMAT_MIXED,	  /* numbered (%1$s) and unnumbered conversions mixed */
	CFORMAT_GAP,	  /* numbered conversions skip an argument */
	CFORMAT_CONFLICT, /* one argument used with two types: %1$s %1$d */
};

/*
 * Describes the arguments that the valid printf conversions of s consume, in
 * argument order, as a comma-separated list of C types ("int, const char *").
 * Text that is not a valid conversion ("100% sure") is plain text. Returns
 * CFORMAT_OK when the list was written; *count gets the number of arguments.
 */
enum cformat_result cformat_args(const char *s, struct buf *out, int *count);

#endif
