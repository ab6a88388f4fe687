/* Checks a generated catalog against a list of its codes: every code gives
 * its name and message, every name its code, and the codes beside each one
 * (never codes, by construction of the list) give no name and the unknown
 * message. usage: scale_check KEYS, one "value\tname\tmessage" a line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scale_errors.h"

int main(int argc, char **argv)
{
	static char line[8192];
	const char *unknown = scale_error_message(SCALE_ERROR_MIN - 1);
	long n = 0, failures = 0;
	FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
	if (!f) {
		fprintf(stderr, "usage: scale_check KEYS\n");
		return 2;
	}
	while (fgets(line, sizeof(line), f)) {
		char *name = strchr(line, '\t');
		char *msg = name ? strchr(name + 1, '\t') : NULL;
		int code = 0;
		if (!msg)
			return 2;
		*name++ = '\0';
		*msg++ = '\0';
		msg[strcspn(msg, "\n")] = '\0';
		long v = strtol(line, NULL, 10);
		const char *got = scale_error_name((int)v);
		if (!got || strcmp(got, name) != 0) {
			if (failures++ < 10)
				printf("FAIL name of %ld: %s, want %s\n", v,
				       got ? got : "NULL", name);
		}
		got = scale_error_message((int)v);
		if (strcmp(got, msg) != 0) {
			if (failures++ < 10)
				printf("FAIL message of %ld: %s, want %s\n", v,
				       got, msg);
		}
		if (!scale_error_from_name(name, &code) || code != (int)v) {
			if (failures++ < 10)
				printf("FAIL code of %s: %d, want %ld\n", name,
				       code, v);
		}
		if (scale_error_name((int)v + 1) != NULL ||
		    strcmp(scale_error_message((int)v + 1), unknown) != 0) {
			if (failures++ < 10)
				printf("FAIL %ld + 1 is not a code\n", v);
		}
		n++;
	}
	fclose(f);
	printf("%ld codes checked, %ld failures\n", n, failures);
	return failures != 0;
}
