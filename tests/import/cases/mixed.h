/* A hand-kept header in the styles errgen import-header reads. */
#ifndef MIXED_H
#define MIXED_H

#define MY_ERR_BASE 0x100
#define MY_ERR_SCALE(n) ((n) * 2)   /* function-like: not a value */

typedef enum my_err {
	MY_ERR_OK,                       /* implicit: 0 */
	MY_ERR_DEC = 7,
	MY_ERR_NEXT,                     /* implicit: 8 */
	MY_ERR_HEX = 0x20,
	MY_ERR_NEG = -5,
	MY_ERR_PAREN = (-(12)),
	MY_ERR_FROM_BASE = (MY_ERR_BASE + 3),
	MY_ERR_AFTER_BASE,               /* implicit: 0x104 */
	MY_ERR_SAME = MY_ERR_DEC,        /* another name */
	MY_ERR_SHIFTED = 1 << 10,
	MY_ERR_LONG = 2000L,
	MY_ERR_CAST = (int)5,            /* a cast: not evaluated */
	MY_ERR_UNKNOWN_NEXT,             /* follows one that failed */
	MY_ERR_TOO_BIG = 0x100000000,
	MY_ERR_UNDEFINED = NOT_HERE + 1,
	// a line comment
	MY_ERR_SPLICED = \
		40,
	MY_ERR_COUNT
} my_err;

#define MY_ERR_ALIAS MY_ERR_HEX
#define MY_ERR_ALIAS2 MY_ERR_ALIAS   /* an alias of an alias */
#define MY_ERR_OLD_SENTINEL MY_ERR_COUNT
#define MY_ERR_VERSION "1.0"
#define OTHER_THING 12
#endif
