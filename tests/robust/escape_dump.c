/* Prints, through the generated API of the "esc" domain (escape.xml), every
 * name and message as hex, so that escape_roundtrip.py can compare them with
 * the XML byte for byte. C that also compiles as C++.
 *
 * usage: escape_dump [LOCALEDIR [LANG=LOCALE[=CATFILE]]...]
 *
 * Lines (CODE decimal, HEX the bytes of the string, "-" for NULL):
 *   name CODE HEX          esc_error_name(code), for MIN-1 .. MAX+1
 *   message CODE HEX       esc_error_message(code)
 *   from_name CODE RESULT VALUE   esc_error_from_name(name of code)
 *   l10n LANG CODE HEX     esc_error_message_l(code, newlocale(LOCALE)),
 *                          after bindtextdomain(TEXTDOMAIN, LOCALEDIR)
 *   nolocale LANG 1        LOCALE is not installed
 *   catgets LANG CODE HEX  catgets(catopen(CATFILE)) for the code's set and
 *                          number, "-" when absent
 */
#if !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && \
    !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#include "esc_errors.h"

#include <libintl.h>
#include <locale.h>
#include <nl_types.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const char *s)
{
	if (!s) {
		fputs("-", stdout);
		return;
	}
	if (!*s)
		fputs("empty", stdout);
	for (; *s; s++)
		printf("%02x", (unsigned)(unsigned char)*s);
}

int main(int argc, char **argv)
{
	int code, lo = ESC_ERROR_MIN - 1, hi = ESC_ERROR_MAX + 1, i;
	for (code = lo; code <= hi; code++) {
		const char *name = esc_error_name(code);
		printf("name %d ", code);
		hex(name);
		printf("\nmessage %d ", code);
		hex(esc_error_message(code));
		putchar('\n');
		if (name) {
			int value = 12345;
			int found = esc_error_from_name(name, &value);
			printf("from_name %d %d %d\n", code, found, value);
		}
	}
	if (argc < 2)
		return 0;
	if (!bindtextdomain(ESC_ERROR_TEXTDOMAIN, argv[1]) ||
	    !bind_textdomain_codeset(ESC_ERROR_TEXTDOMAIN, "UTF-8")) {
		perror("bindtextdomain");
		return 1;
	}
	for (i = 2; i < argc; i++) {
		char *spec = argv[i];
		char *loc_name = strchr(spec, '=');
		char *cat_file;
		locale_t loc;
		if (!loc_name)
			return 2;
		*loc_name++ = '\0';
		cat_file = strchr(loc_name, '=');
		if (cat_file)
			*cat_file++ = '\0';
		loc = newlocale(LC_ALL_MASK, loc_name, (locale_t)0);
		if (!loc) {
			printf("nolocale %s 1\n", spec);
		} else {
			for (code = lo; code <= hi; code++) {
				printf("l10n %s %d ", spec, code);
				hex(esc_error_message_l(code, loc));
				putchar('\n');
			}
			freelocale(loc);
		}
		if (cat_file) {
			nl_catd cat = catopen(cat_file, 0);
			if (cat == (nl_catd)-1) {
				perror(cat_file);
				return 1;
			}
			for (code = ESC_ERROR_MIN; code <= ESC_ERROR_MAX; code++) {
				printf("catgets %s %d ", spec, code);
				hex(catgets(cat, ESC_ERROR_CATGETS_SET,
					    ESC_ERROR_CATGETS_NUMBER(code),
					    NULL));
				putchar('\n');
			}
			catclose(cat);
		}
	}
	return 0;
}
