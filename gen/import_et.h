/*
 * Imports: other projects' error tables written as errgen XML.
 *
 *   errgen import-et FILE.et [-o OUT.xml]
 *     a compile_et / com_err table, with the values compile_et gives;
 *   errgen import-header FILE.h [--domain NAME] [--prefix P] [-o OUT.xml]
 *     the codes of a C header (enumerators, #defines, aliases; cheader.h).
 *
 * The XML goes to stdout, or atomically to OUT.xml; it is validated against
 * the schema before it is written. What could not be taken is reported on
 * stderr.
 */
#ifndef ERRGEN_IMPORT_ET_H
#define ERRGEN_IMPORT_ET_H

#include <stdbool.h>
#include <stdint.h>

/* argv[0] is "errgen", argv[1] the command. Return the exit status: 0
 * written, 2 invalid input or usage (nothing written), 3 I/O failure. */
int import_et_main(int argc, char **argv);
int import_header_main(int argc, char **argv);

/* The base compile_et gives a table of this name, as in its et_h.awk: each
 * character's 1-based index in "A-Za-z0-9_" (0 for others), 6 bits each,
 * shifted left by 8, taken modulo 2^32 as a signed 32-bit number. Returns
 * false for names longer than 4 characters, whose codes do not fit 32 bits.
 */
bool et_table_base(const char *name, int32_t *base);

#endif
