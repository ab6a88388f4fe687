#include "demo.h"

#include <stdio.h>
#include <string.h>

int demo_open(const char *name)
{
	if (!name || !*name)
		return DEMO_E_EMPTY_NAME;
	if (strcmp(name, "hello.txt") == 0)
		return 0;
	return DEMO_E_NOT_FOUND;
}

void demo_describe(int code, char *buf, size_t size)
{
	const char *name = demo_error_name(code);
	snprintf(buf, size, "%s: %s", name ? name : "?",
		 demo_error_message(code));
}
