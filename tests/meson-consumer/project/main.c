/* Prints what the generated catalog says about a failure, and exits 0 only
 * when name, message and the name lookup are what demo-errors.xml says. */
#include <stdio.h>
#include <string.h>

#include "demo.h"

int main(void)
{
	char line[256];
	int code = demo_open("missing.txt");
	demo_describe(code, line, sizeof(line));
	puts(line);
	int ok = code == DEMO_E_NOT_FOUND && code == 1000 &&
		 strcmp(line, "DEMO_E_NOT_FOUND: The demo file was not found.") ==
			 0;

	int back = 0;
	ok = ok && demo_error_from_name("DEMO_E_EMPTY_NAME", &back) &&
	     back == demo_open("");
	ok = ok && demo_open("hello.txt") == 0;
	ok = ok && strcmp(demo_error_message(4242), "Unknown demo error.") == 0;
	ok = ok && DEMO_ERROR_COUNT == 3;
	return ok ? 0 : 1;
}
