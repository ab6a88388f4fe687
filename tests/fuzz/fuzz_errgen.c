/*
 * libFuzzer target: any bytes through the loader, the checks and every
 * emitter, as one errgen run would take them, and through the loader and
 * the checks of the fast way. Diagnostics go to /dev/null;
 * crashes, leaks and undefined behaviour are what the sanitizers report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct loader *loader;

static void emit_all(const struct domain *d)
{
	for (size_t k = 0; emitters[k]; k++) {
		if (emitters[k]->emit_many) {
			struct emit_files files = {0};
			emitters[k]->emit_many(d, &files);
			emit_files_free(&files);
		} else if (emitters[k]->emit_run) {
			struct emit_files files = {0};
			emitters[k]->emit_run(d, 1, "fuzz", &files);
			emit_files_free(&files);
		} else {
			struct buf b;
			buf_init(&b);
			emitters[k]->emit(d, &b);
			buf_free(&b);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!loader) {
		diag_set_stream(fopen("/dev/null", "w"));
		loader = loader_new();
		if (!loader)
			return 0;
	}
	struct domain d;
	if (loader_load_memory(loader, "fuzz.xml", (const char *)data, size,
			       &d) &&
	    check_domains(&d, 1))
		emit_all(&d);
	domain_free(&d);
	/* The fast way's load, whose model the checks read before the
	 * validation in the other thread has passed. */
	if (loader_load_unvalidated("fuzz.xml", (const char *)data, size, &d))
		check_domains(&d, 1);
	domain_free(&d);
	return 0;
}
