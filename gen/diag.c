#include "diag.h"

#include <stdarg.h>

/* The one global the style allows: the diagnostics sink and its counter. */
static struct {
	FILE *stream;
	unsigned errors;
} diag;

void diag_set_stream(FILE *f)
{
	diag.stream = f;
}

FILE *diag_get_stream(void)
{
	return diag.stream;
}

void diag_set_error_count(unsigned n)
{
	diag.errors = n;
}

void diag_reset(void)
{
	diag.errors = 0;
}

unsigned diag_error_count(void)
{
	return diag.errors;
}

static const char *level_name(enum diag_level level)
{
	switch (level) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

__attribute__((format(printf, 3, 0), nonnull(3))) static void
emit(enum diag_level level, const struct loc *loc, const char *fmt, va_list ap)
{
	FILE *out = diag.stream ? diag.stream : stderr;
	if (level == DIAG_ERROR)
		diag.errors++;
	if (!loc || !loc->file)
		fputs("errgen:", out);
	else if (loc->line > 0 && loc->col > 0)
		fprintf(out, "%s:%d:%d:", loc->file, loc->line, loc->col);
	else if (loc->line > 0)
		fprintf(out, "%s:%d:", loc->file, loc->line);
	else
		fprintf(out, "%s:", loc->file);
	fprintf(out, " %s: ", level_name(level));
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	fflush(out);
}

void diag_at(enum diag_level level, const struct loc *loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(level, loc, fmt, ap);
	va_end(ap);
}

void diag_plain(enum diag_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(level, NULL, fmt, ap);
	va_end(ap);
}
