/* Prints what the generated catalog says about a failure, and exits 0 only
 * when name, message and the name lookup are what demo-errors.xml says. */
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "demo_map.h"

/* The German message, through the .mo file meson's i18n module built. A
 * machine without the de_DE.UTF-8 locale skips this part. */
static int localized_ok(void)
{
	if (!setlocale(LC_ALL, "de_DE.UTF-8"))
		return 1;
	bindtextdomain(DEMO_ERROR_TEXTDOMAIN, LOCALEDIR);
	int ok = strcmp(demo_error_message_localized(DEMO_E_NOT_FOUND),
			"Die Demo-Datei wurde nicht gefunden.") == 0 &&
		 strcmp(demo_error_message_localized(DEMO_E_RETIRED),
			"Unknown demo error.") == 0;
	setlocale(LC_ALL, "C");
	return ok;
}

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
	/* a name inside a longer line, by its length */
	back = 0;
	ok = ok && demo_error_from_name_n("DEMO_E_NOT_FOUND=1", 16, &back) &&
	     back == DEMO_E_NOT_FOUND;
	ok = ok && demo_open("hello.txt") == 0;
	ok = ok && strcmp(demo_error_message(4242), "Unknown demo error.") == 0;
	ok = ok && DEMO_ERROR_COUNT == 3;
	/* the mappings: ENOENT both ways */
	ok = ok && demo_error_to_errno(DEMO_E_NOT_FOUND) == ENOENT;
	ok = ok && demo_error_from_errno(EINVAL, &back) &&
	     back == DEMO_E_EMPTY_NAME;
	ok = ok && localized_ok();
	return ok ? 0 : 1;
}
