/* errgen: the command line. */
/* sbrk(), MADV_HUGEPAGE */
#define _DEFAULT_SOURCE 1

#include <getopt.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#endif
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "compat.h"
#include "diag.h"
#include "emit.h"
#include "import_et.h"
#include "import_po.h"
#include "load.h"
#include "mem.h"
#include "output.h"

enum exit_code {
	EXIT_OK = 0,
	EXIT_DRIFT = 1,
	EXIT_INVALID = 2,
	EXIT_IO = 3,
};

/* Room for every kind of output; main() refuses to run if emitters[]
 * outgrows it. */
#define MAX_KINDS 32

struct options {
	bool check;
	bool flat;
	const char *outdir;
	bool kinds[MAX_KINDS]; /* indexed like emitters[] */
	char **files;
	int nfiles;
	const char *registry; /* --registry NAME */
	const char *against;  /* check --against FILE.h */
};

static void usage(FILE *f)
{
	fputs("usage: errgen [generate] [options] FILE.xml...\n"
	      "       errgen check [options] FILE.xml...\n"
	      "       errgen import-po LANG.po FILE.xml\n"
	      "       errgen check --against FILE.h FILE.xml...\n"
	      "       errgen compat OLD.xml NEW.xml\n"
	      "       errgen import-et FILE.et [-o OUT.xml]\n"
	      "       errgen import-header FILE.h [--domain NAME] [--prefix P] "
	      "[-o OUT.xml]\n"
	      "\n"
	      "Compiles error-table descriptions (XML, schema urn:errgen:1) "
	      "into\n"
	      "C headers, catalogs and other artifacts.\n"
	      "\n"
	      "commands:\n"
	      "  generate        write the outputs (the default)\n"
	      "  check           write nothing; report every output file that "
	      "is\n"
	      "                  missing or differs from what would be "
	      "generated\n"
	      "  import-po       merge a translator's LANG.po into FILE.xml, "
	      "matching\n"
	      "                  entries by context (the symbol); fuzzy, "
	      "obsolete and\n"
	      "                  unknown entries are reported and skipped; "
	      "translations\n"
	      "                  whose printf conversions differ are refused; "
	      "the rest\n"
	      "                  of the XML is kept byte for byte\n"
	      "  check --against FILE.h\n"
	      "                  compare another project's header with the "
	      "XML by name:\n"
	      "                  every code missing from it, extra in it, or "
	      "with another\n"
	      "                  value is an error (exit 1); 0 when they "
	      "agree\n"
	      "  compat          compare two versions of a domain: what breaks "
	      "consumers\n"
	      "                  (a code or alias removed, a value changed, a "
	      "rename\n"
	      "                  without alias, an obsolete value reused, a "
	      "code back from\n"
	      "                  obsolete, the domain or prefix changed) is an "
	      "error\n"
	      "                  (exit 1); added, retired, deprecated, "
	      "reworded and\n"
	      "                  translated codes, explanations and aliases "
	      "added are\n"
	      "                  notes (exit 0)\n"
	      "  import-et       a compile_et table as errgen XML (stdout, or "
	      "-o OUT.xml),\n"
	      "                  with the values compile_et gives\n"
	      "  import-header   the codes of a C header (enumerators, "
	      "#defines, aliases)\n"
	      "                  as errgen XML; messages are left to write; "
	      "--domain names\n"
	      "                  the domain (default: the file name), --prefix "
	      "takes only\n"
	      "                  names that start with P and declares it\n"
	      "\n"
	      "options:\n"
	      "  -o, --output DIR    where outputs go (default: .); each "
	      "domain gets\n"
	      "                      DIR/DOMAIN/ unless --flat\n"
	      "      --flat          write into DIR itself (for meson "
	      "custom_target)\n"
	      "      --emit KIND,... only these kinds of output (default: "
	      "all but\n"
	      "                      registry)\n"
	      "      --registry NAME the run's registry is NAME_registry.h/.c, "
	      "with\n"
	      "                      NAME_error_name() and so on (default: "
	      "errgen); implies\n"
	      "                      the registry kind; the domains of a run "
	      "must not\n"
	      "                      overlap in value\n"
	      "  -h, --help          this text\n"
	      "  -V, --version       the version\n"
	      "\n"
	      "kinds:\n",
	      f);
	for (size_t i = 0; emitters[i]; i++) {
		char files[64];
		snprintf(files, sizeof(files), "%s%s",
			 emitters[i]->emit ? "DOMAIN" : "",
			 emitters[i]->file_suffix);
		fprintf(f, "  %-13s %-24s %s\n", emitters[i]->kind, files,
			emitters[i]->summary);
	}
	fputs("\n"
	      "exit status:\n"
	      "  0  success (check: every output is up to date)\n"
	      "  1  check: some output is missing or differs; check --against: "
	      "the\n"
	      "     header differs; compat: a breaking change\n"
	      "  2  invalid input or usage; nothing was written\n"
	      "  3  I/O failure writing outputs; nothing was changed\n"
	      "\n"
	      "Diagnostics read FILE:LINE:COL: error: MESSAGE.\n",
	      f);
}

static bool parse_kinds(struct options *o, const char *list)
{
	char *copy = strdup(list);
	bool ok = copy != NULL;
	for (char *save = NULL, *k = copy ? strtok_r(copy, ",", &save) : NULL;
	     k; k = strtok_r(NULL, ",", &save)) {
		const struct emitter *em = emitter_find(k);
		if (!em) {
			diag_plain(DIAG_ERROR,
				   "unknown output kind '%s' (see --help)", k);
			ok = false;
			continue;
		}
		for (size_t i = 0; emitters[i]; i++)
			if (emitters[i] == em)
				o->kinds[i] = true;
	}
	free(copy);
	return ok;
}

/* Returns -1 to go on, or the exit code. */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"emit", required_argument, NULL, 'e'},
		{"flat", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{"registry", required_argument, NULL, 'r'},
		{"against", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0},
	};
	memset(o, 0, sizeof(*o));
	o->outdir = ".";
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "check") == 0) {
		o->check = true;
		first = 2;
	} else if (argc > 1 && strcmp(argv[1], "generate") == 0) {
		first = 2;
	}
	argv[first - 1] = argv[0];
	argc -= first - 1;
	argv += first - 1;
	bool any_kind = false, ok = true;
	int c;
	while ((c = getopt_long(argc, argv, "o:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->outdir = optarg;
			break;
		case 'e':
			ok &= parse_kinds(o, optarg);
			any_kind = true;
			break;
		case 'f':
			o->flat = true;
			break;
		case 'r':
			o->registry = optarg;
			break;
		case 'a':
			o->against = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			puts("errgen " ERRGEN_VERSION);
			return EXIT_OK;
		default:
			fputs("Try 'errgen --help'.\n", stderr);
			return EXIT_INVALID;
		}
	}
	if (!ok)
		return EXIT_INVALID;
	if (!any_kind) /* all, but run-level kinds only on request */
		for (size_t i = 0; emitters[i]; i++)
			o->kinds[i] = !emitters[i]->emit_run;
	for (size_t i = 0; emitters[i]; i++) {
		o->kinds[i] |= o->registry && emitters[i]->emit_run;
		if (o->kinds[i] && emitters[i]->emit_run && !o->registry)
			o->registry = "errgen";
	}
	if (o->against && !o->check) {
		diag_plain(DIAG_ERROR,
			   "--against goes with check (see --help)");
		return EXIT_INVALID;
	}
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (o->nfiles == 0) {
		diag_plain(DIAG_ERROR, "no input files (see --help)");
		return EXIT_INVALID;
	}
	if (!*o->outdir) {
		diag_plain(DIAG_ERROR, "the output directory name is empty");
		return EXIT_INVALID;
	}
	return -1;
}

static char *join_path(const char *dir, const char *sub, const char *file)
{
	size_t n = strlen(dir) + (sub ? strlen(sub) : 0) + strlen(file) + 3;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s%s%s", dir, sub ? sub : "", sub ? "/" : "",
			 file);
	return p;
}

/* One rendered file into the set, under DIR/SUBDIR (or DIR with --flat,
 * or for run-level files, whose subdir is NULL). Takes b. */
static bool add_output(struct output_set *set, const struct options *o,
		       const char *subdir, const char *file, struct buf *b)
{
	char *path = join_path(o->outdir, o->flat ? NULL : subdir, file);
	if (b->failed || !path) {
		diag_plain(DIAG_ERROR, "out of memory");
		buf_free(b);
		free(path);
		return false;
	}
	if (!output_set_add(set, path, b)) {
		diag_plain(DIAG_ERROR, "out of memory");
		return false;
	}
	return true;
}

/* One kind for one domain (or, when d is NULL, a run-level kind), rendered
 * into memory by whichever thread takes it. */
struct render_job {
	const struct emitter *em;
	const struct domain *d;
	struct buf b;
	struct emit_files files;
	/* per file (one for emit, files.n for the others): the path and
	 * temporary file of what was staged early, or NULL */
	char **staged_path;
	char **staged_tmp;
};

struct render_queue {
	struct render_job *jobs;
	size_t *order; /* the jobs in the order the threads take them */
	size_t n;
	atomic_size_t next;
	const struct options *o;
	const struct domain *doms;
	size_t ndoms;
	struct output_stager *stager; /* NULL: nothing is staged */
};

/* A job that renders one buffer (emit) rather than a list of files. */
static bool job_is_single(const struct render_job *j)
{
	return j->d && !j->em->emit_many;
}

/* Whether the job's one file went to its temporary file (its buffer is
 * empty, its memory kept). */
static bool job_staged_single(const struct render_job *j)
{
	return job_is_single(j) && j->staged_path && j->staged_path[0];
}

/* How many files the job rendered. */
static size_t job_files(const struct render_job *j)
{
	return job_is_single(j) ? 1 : j->files.n;
}

/* Each file of a job, written to its temporary file as soon as it is
 * rendered: its buffer is freed and the next job reuses the memory. What
 * cannot be staged stays in its buffer for output_commit(). */
static void stage_job(struct render_queue *q, struct render_job *j)
{
	bool one = job_is_single(j);
	size_t n = job_files(j);
	if (!q->stager || n == 0 || (!one && j->files.failed))
		return;
	j->staged_path = calloc(n, sizeof(char *));
	j->staged_tmp = calloc(n, sizeof(char *));
	if (!j->staged_path || !j->staged_tmp)
		return;
	const char *sub = q->o->flat || !j->d ? NULL : j->d->name;
	char *single = one ? emit_file_name(j->em, j->d) : NULL;
	for (size_t i = 0; i < n; i++) {
		const char *file = one ? single : j->files.files[i].name;
		struct buf *b = one ? &j->b : &j->files.files[i].content;
		char *path = file ? join_path(q->o->outdir, sub, file) : NULL;
		if (path && output_stage(q->stager, path, b, &j->staged_tmp[i]))
			j->staged_path[i] = path;
		else
			free(path);
		if (!one && j->staged_path[i])
			buf_free(b); /* (a single file's memory is reused) */
	}
	free(single);
}

static void *render_jobs(void *arg)
{
	struct render_queue *q = arg;
	/* the memory of the last staged single file, for the next one */
	struct buf spare;
	buf_init(&spare);
	for (size_t i; (i = atomic_fetch_add(&q->next, 1)) < q->n;) {
		struct render_job *j = &q->jobs[q->order[i]];
		if (!j->d) {
			j->em->emit_run(q->doms, q->ndoms, q->o->registry,
					&j->files);
		} else if (j->em->emit_many) {
			j->em->emit_many(j->d, &j->files);
		} else {
			buf_free(&j->b);
			j->b = spare;
			buf_init(&spare);
			j->em->emit(j->d, &j->b);
		}
		stage_job(q, j);
		if (job_staged_single(j)) {
			spare = j->b;
			buf_init(&j->b);
		}
	}
	buf_free(&spare);
	return NULL;
}

/* A job's staged files: n entries, freed (the temporary files removed
 * unless taken). */
static void free_staged(struct render_job *j, size_t n)
{
	for (size_t i = 0; j->staged_tmp && i < n; i++) {
		if (j->staged_tmp[i])
			unlink(j->staged_tmp[i]);
		free(j->staged_tmp[i]);
	}
	for (size_t i = 0; j->staged_path && i < n; i++)
		free(j->staged_path[i]);
	free(j->staged_tmp);
	free(j->staged_path);
	j->staged_tmp = NULL;
	j->staged_path = NULL;
}

/* File i of a job, staged: into the set, taking its path and tmp. */
static bool take_staged(struct output_set *set, struct render_job *j,
			size_t i)
{
	char *path = j->staged_path[i], *tmp = j->staged_tmp[i];
	j->staged_path[i] = NULL;
	j->staged_tmp[i] = NULL;
	if (!output_set_add_staged(set, path, tmp)) {
		diag_plain(DIAG_ERROR, "out of memory");
		return false;
	}
	return true;
}

/* A rendered job's files into the set; takes its buffers. */
static bool add_job(struct output_set *set, const struct options *o,
		    struct render_job *j)
{
	bool one = job_is_single(j);
	size_t n = job_files(j);
	bool ok = true;
	if (!one) {
		const char *sub = j->d ? j->d->name : NULL;
		ok = !j->files.failed;
		if (!ok)
			diag_plain(DIAG_ERROR, "out of memory");
		for (size_t i = 0; ok && i < n; i++)
			ok = j->staged_path && j->staged_path[i]
				     ? take_staged(set, j, i)
				     : add_output(set, o, sub,
						  j->files.files[i].name,
						  &j->files.files[i].content);
		emit_files_free(&j->files);
	} else if (job_staged_single(j)) {
		ok = take_staged(set, j, 0);
	} else {
		char *file = emit_file_name(j->em, j->d);
		ok = file && add_output(set, o, j->d->name, file, &j->b);
		if (!file) {
			diag_plain(DIAG_ERROR, "out of memory");
			buf_free(&j->b);
		}
		free(file);
	}
	free_staged(j, n);
	return ok;
}

/* The kinds that take longest to render (measured on large tables), in
 * that order; the threads take them first, so that both end together. */
static int render_rank(const struct emitter *em)
{
	static const char *const slow[] = {"gettext",	   "json", "catgets",
					   "catalog",	   "html", "markdown",
					   "static-assert"};
	size_t n = sizeof(slow) / sizeof(slow[0]);
	for (size_t i = 0; i < n; i++)
		if (strcmp(em->kind, slow[i]) == 0)
			return (int)i;
	return (int)n;
}

/* Emitters read a const model and write only their own buffers, so the
 * kinds render on two threads; the files join the set in the usual order. */
static bool render(const struct options *o, const struct domain *doms, size_t n,
		   struct output_set *set)
{
	size_t nkinds = 0;
	while (emitters[nkinds])
		nkinds++;
	struct render_job *jobs = calloc(n * nkinds + nkinds, sizeof(*jobs));
	size_t *order = calloc(n * nkinds + nkinds, sizeof(*order));
	if (!jobs || !order) {
		diag_plain(DIAG_ERROR, "out of memory");
		free(jobs);
		free(order);
		return false;
	}
	size_t njobs = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nkinds; k++)
			if (o->kinds[k] && !emitters[k]->emit_run)
				jobs[njobs++] = (struct render_job){
					.em = emitters[k], .d = &doms[i]};
	for (size_t k = 0; k < nkinds; k++)
		if (o->kinds[k] && emitters[k]->emit_run)
			jobs[njobs++] = (struct render_job){.em = emitters[k]};
	for (size_t i = 0; i < njobs; i++)
		buf_init(&jobs[i].b);
	size_t norder = 0; /* stable: by rank, then as listed */
	for (int rank = 0; norder < njobs; rank++)
		for (size_t i = 0; i < njobs; i++)
			if (render_rank(jobs[i].em) == rank)
				order[norder++] = i;

	/* check mode compares the buffers: nothing to stage */
	struct output_stager *stager =
		o->check ? NULL : output_stager_new(set);
	struct render_queue q = {.jobs = jobs,
				 .order = order,
				 .n = njobs,
				 .o = o,
				 .doms = doms,
				 .ndoms = n,
				 .stager = stager};
	atomic_init(&q.next, 0);
	pthread_t helper;
	bool helped = njobs > 1 &&
		      pthread_create(&helper, NULL, render_jobs, &q) == 0;
	render_jobs(&q);
	if (helped)
		pthread_join(helper, NULL);
	output_stager_free(stager);

	bool ok = true;
	for (size_t i = 0; i < njobs; i++) {
		if (ok) {
			ok = add_job(set, o, &jobs[i]);
		} else {
			free_staged(&jobs[i], job_files(&jobs[i]));
			buf_free(&jobs[i].b);
			emit_files_free(&jobs[i].files);
		}
	}
	free(jobs);
	free(order);
	return ok;
}

/* Two domains writing de.po into one --flat directory, say: a usage error,
 * found before anything is written. */
static bool outputs_collide(const struct output_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(set->files[i].path, set->files[j].path) ==
			    0) {
				diag_plain(
					DIAG_ERROR,
					"two outputs of this run would be "
					"written to '%s'; give the domains "
					"their own directories (drop --flat)",
					set->files[i].path);
				return true;
			}
	return false;
}

struct freeing {
	struct domain *doms;
	size_t n;
	pthread_t thread;
};

static void *free_domains(void *arg)
{
	struct freeing *f = arg;
	for (size_t i = 0; i < f->n; i++)
		domain_free(&f->doms[i]);
	return NULL;
}

/* Whether the run writes the gettext kind, whose files carry a date. */
static bool writes_dates(const struct options *o)
{
	for (size_t k = 0; emitters[k]; k++)
		if (o->kinds[k] && strcmp(emitters[k]->kind, "gettext") == 0)
			return true;
	return false;
}

/* Everything after loading: checks, then the outputs. ok says whether every
 * input loaded; n domains did. checked is CHECK_PENDING, or what
 * check_domains() said when it already ran. Frees the domains. */
enum { CHECK_FAILED, CHECK_PASSED, CHECK_PENDING };

static int finish_run(const struct options *o, struct domain *doms, size_t n,
		      bool ok, int checked)
{
	/* Checks run on what loaded, so one run reports as much as it can. */
	if (checked == CHECK_PENDING)
		checked = check_domains(doms, n) ? CHECK_PASSED : CHECK_FAILED;
	if (checked != CHECK_PASSED || !ok ||
	    (o->registry && !registry_name_ok(o->registry, doms, n))) {
		for (size_t i = 0; i < n; i++)
			domain_free(&doms[i]);
		return EXIT_INVALID;
	}
	if (o->against) {
		int drift = drift_check(o->against, doms, n);
		for (size_t i = 0; i < n; i++)
			domain_free(&doms[i]);
		return drift;
	}

	/* the .po dates: the one input that is not a file */
	if (writes_dates(o) && !emit_source_date_ok()) {
		for (size_t i = 0; i < n; i++)
			domain_free(&doms[i]);
		return EXIT_INVALID;
	}

	struct output_set set;
	output_set_init(&set);
	int rc = EXIT_IO; /* a failed render has been reported */
	bool rendered = render(o, doms, n, &set);
	/* The files hold all they need: the model goes while they are
	 * written. */
	struct freeing f = {.doms = doms, .n = n};
	bool freeing = pthread_create(&f.thread, NULL, free_domains, &f) == 0;
	if (!freeing)
		free_domains(&f);
	if (rendered) {
		if (outputs_collide(&set)) {
			rc = EXIT_INVALID;
		} else if (o->check) {
			enum output_result r = output_check(&set);
			rc = r == OUTPUT_OK	   ? EXIT_OK
			     : r == OUTPUT_DIFFERS ? EXIT_DRIFT
						   : EXIT_IO;
		} else {
			size_t written;
			rc = output_commit(&set, &written) == OUTPUT_OK
				     ? EXIT_OK
				     : EXIT_IO;
		}
	}
	if (freeing)
		pthread_join(f.thread, NULL);
	output_set_free(&set);
	return rc;
}

/* The ordinary way: each input loaded and validated in turn. */
static int run_in_order(const struct options *o, struct domain *doms)
{
	struct loader *l = loader_new();
	if (!l)
		return EXIT_INVALID;
	bool ok = true;
	size_t n = 0;
	for (int i = 0; i < o->nfiles; i++) {
		if (loader_load_file(l, o->files[i], &doms[n]))
			n++;
		else {
			domain_free(&doms[n]);
			ok = false;
		}
	}
	loader_free(l);
	return finish_run(o, doms, n, ok, CHECK_PENDING);
}

/* Loads every input with its schema validation in a second thread; false
 * (with the domains freed) unless all of it went without a single
 * diagnostic, so that the ordinary way can redo it and report exactly.
 * While the validation goes on, the checks run on the loaded model: their
 * diagnostics are held back and said only once the validation passed, and
 * *checked is their verdict. */
static bool load_overlapped(const struct options *o, struct domain *doms,
			    int *checked)
{
	size_t n = (size_t)o->nfiles;
	char **data = calloc(n, sizeof(*data));
	size_t *len = calloc(n, sizeof(*len));
	char *said = NULL;
	size_t nsaid = 0;
	FILE *quiet = open_memstream(&said, &nsaid);
	if (!data || !len || !quiet) {
		free(data);
		free(len);
		if (quiet)
			fclose(quiet);
		free(said);
		return false;
	}
	FILE *saved = diag_get_stream();
	unsigned errors = diag_error_count();
	diag_set_stream(quiet);

	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		ok = (data[i] = loader_read_file(o->files[i], &len[i]));
	struct prevalidation *pv =
		ok ? loader_prevalidate((const char *const *)data, len, n)
		   : NULL;
	size_t loaded = 0;
	for (size_t i = 0; pv && ok && i < n; i++, loaded++)
		ok = loader_load_unvalidated(o->files[i], data[i], len[i],
					     &doms[i]);
	fflush(quiet);
	bool loaded_quietly = pv && ok && nsaid == 0;
	if (loaded_quietly)
		*checked = check_domains(doms, n) ? CHECK_PASSED : CHECK_FAILED;
	ok = loader_prevalidation_wait(pv) && ok;
	for (size_t i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(len);

	diag_set_stream(saved);
	fclose(quiet);
	if (ok && loaded_quietly) {
		/* all of it is what the checks said */
		FILE *out = saved ? saved : stderr;
		fwrite(said, 1, nsaid, out);
		fflush(out);
		free(said);
		return true;
	}
	free(said);
	for (size_t i = 0; i < loaded; i++)
		domain_free(&doms[i]);
	memset(doms, 0, n * sizeof(*doms));
	diag_set_error_count(errors);
	return false;
}

/* A large run's heap grows to several times its input (the model, then
 * every output rendered in memory), faulted in 4 KiB at a time: for
 * 100,000 codes, half the run. Where the kernel gives transparent huge pages
 * to those who ask (Linux's default "madvise" mode), the heap grows once by
 * twelve times the input (what the benchmark's tables need, with room), in
 * 2 MiB pages. Small runs are left alone. */
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && defined(M_TOP_PAD)
#if __GLIBC_PREREQ(2, 33) /* mallinfo2() */
#define RESERVE_HEAP 1
#endif
#endif

static void reserve_heap(const struct options *o)
{
#ifdef RESERVE_HEAP
	size_t input = 0;
	for (int i = 0; i < o->nfiles; i++) {
		struct stat sb;
		if (stat(o->files[i], &sb) == 0 && S_ISREG(sb.st_mode))
			input += (size_t)sb.st_size;
	}
	if (input < ((size_t)1 << 20) || input > ((size_t)256 << 20))
		return;
	size_t want = input < ((size_t)80 << 20) ? 12 * input : (size_t)1 << 30;
	/* a reserved heap counts against a data limit as if it were used */
	struct rlimit lim;
	if (getrlimit(RLIMIT_DATA, &lim) == 0 &&
	    lim.rlim_cur != RLIM_INFINITY && want > lim.rlim_cur / 2)
		return;
	mallopt(M_TRIM_THRESHOLD, (int)(want + ((size_t)256 << 20)));
	mallopt(M_TOP_PAD, (int)want);
	/* more than the heap has free: it grows by this and the pad */
	struct mallinfo2 mi = mallinfo2();
	char *p = malloc(mi.keepcost + ((size_t)64 << 10));
	char *top = sbrk(0);
	if (p && top > p) /* p from the heap, not mapped on its own */
		mem_want_huge_pages(p, (size_t)(top - p));
	free(p);
	mallopt(M_TOP_PAD, 16 << 20);
#else
	(void)o;
#endif
}

static int run(const struct options *o, struct domain *doms)
{
	int checked = CHECK_PENDING;
	reserve_heap(o);
	if (load_overlapped(o, doms, &checked))
		return finish_run(o, doms, (size_t)o->nfiles, true, checked);
	return run_in_order(o, doms);
}

static int run_import_po(int argc, char **argv)
{
	if (argc != 4) {
		diag_plain(DIAG_ERROR,
			   "usage: errgen import-po LANG.po FILE.xml");
		return EXIT_INVALID;
	}
	struct loader *l = loader_new();
	if (!l)
		return EXIT_INVALID;
	int rc = import_po(l, argv[2], argv[3]);
	loader_free(l);
	return rc;
}

/* errgen is a short batch run that renders every output into memory and
 * frees most of it before it exits. glibc's defaults hand big blocks back to
 * the kernel on free() and map fresh zeroed pages for the next one; keeping
 * them in the heap instead saves most of the page faults (about a tenth of
 * the run time for 10,000 codes, measured on a 2-core VM). */
static void tune_allocator(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD) && \
	defined(M_TOP_PAD)
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
}

int main(int argc, char **argv)
{
	size_t nkinds = 0;
	tune_allocator();
	while (emitters[nkinds])
		nkinds++;
	if (nkinds > MAX_KINDS) {
		diag_plain(DIAG_ERROR,
			   "internal: more output kinds than MAX_KINDS");
		return EXIT_IO;
	}
	if (argc > 1 && strcmp(argv[1], "import-po") == 0)
		return run_import_po(argc, argv);
	if (argc > 1 && strcmp(argv[1], "import-et") == 0)
		return import_et_main(argc, argv);
	if (argc > 1 && strcmp(argv[1], "import-header") == 0)
		return import_header_main(argc, argv);
	if (argc > 1 && strcmp(argv[1], "compat") == 0)
		return compat_main(argc, argv);
	struct options o;
	int rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct domain *doms = calloc((size_t)o.nfiles, sizeof(*doms));
	if (!doms) {
		diag_plain(DIAG_ERROR, "out of memory");
		return EXIT_IO;
	}
	rc = run(&o, doms);
	free(doms);
	return rc;
}
