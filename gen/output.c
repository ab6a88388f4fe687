#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

void output_set_init(struct output_set *s)
{
	memset(s, 0, sizeof(*s));
}

void output_set_free(struct output_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->files[i].path);
		buf_free(&s->files[i].content);
		/* staged but never committed */
		if (s->files[i].tmp)
			unlink(s->files[i].tmp);
		free(s->files[i].tmp);
	}
	for (size_t i = s->nmade; i-- > 0;) {
		rmdir(s->made[i]);
		free(s->made[i]);
	}
	free(s->made);
	free(s->files);
	output_set_init(s);
}

bool output_set_add(struct output_set *s, char *path, struct buf *content)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct output_file *f = realloc(s->files, cap * sizeof(*f));
		if (!f) {
			free(path);
			buf_free(content);
			return false;
		}
		s->files = f;
		s->cap = cap;
	}
	s->files[s->n] =
		(struct output_file){.path = path, .content = *content};
	buf_init(content);
	s->n++;
	return true;
}

bool output_set_add_staged(struct output_set *s, char *path, char *tmp)
{
	struct buf none;
	buf_init(&none);
	if (!output_set_add(s, path, &none)) {
		if (tmp)
			unlink(tmp);
		free(tmp);
		return false;
	}
	s->files[s->n - 1].staged = true;
	s->files[s->n - 1].tmp = tmp;
	return true;
}

/* 1 if path holds exactly data, 0 if it differs or is missing, -1 on error. */
static int same_content(const char *path, const struct buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat sb;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		errno = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	if ((size_t)sb.st_size != b->len) {
		close(fd);
		return 0;
	}
	char chunk[65536];
	size_t off = 0;
	int result = 1;
	while (off < b->len) {
		ssize_t r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || (size_t)r > b->len - off ||
		    memcmp(chunk, b->data + off, (size_t)r) != 0) {
			result = r < 0 ? -1 : 0;
			break;
		}
		off += (size_t)r;
	}
	close(fd);
	return result;
}

/* Why an output could not be compared with what is on disk. */
static void report_unreadable(const char *path)
{
	if (errno == ENOTDIR)
		diag_plain(
			DIAG_ERROR,
			"cannot write '%s': a directory on its path is a file",
			path);
	else
		diag_plain(DIAG_ERROR, "cannot read '%s': %s", path,
			   strerror(errno));
}

/* Creates each missing directory of path's parent; records what it made.
 * quiet: no diagnostic (the caller redoes it the ordinary way). */
static bool make_parents(const char *path, char ***made, size_t *nmade,
			 bool quiet)
{
	char *dir = strdup(path);
	if (!dir)
		return false;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) == 0) {
			char **m = realloc(*made, (*nmade + 1) * sizeof(*m));
			char *copy = strdup(dir);
			if (m)
				*made = m;
			if (!m || !copy) {
				free(copy);
				free(dir);
				return false;
			}
			(*made)[(*nmade)++] = copy;
		} else if (errno != EEXIST) {
			if (!quiet)
				diag_plain(DIAG_ERROR,
					   "cannot create directory '%s': %s",
					   dir, strerror(errno));
			free(dir);
			return false;
		}
		*p = '/';
	}
	free(dir);
	return true;
}

static bool write_all(int fd, const struct buf *b)
{
	size_t off = 0;
	while (off < b->len) {
		ssize_t w = write(fd, b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		off += (size_t)w;
	}
	return true;
}

/* Writes b to a new temporary file beside path; returns its name. */
static char *write_temp(const char *path, const struct buf *b, mode_t mode,
			bool quiet)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		return NULL;
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	snprintf(tmp, n, "%.*s.%s.XXXXXX", dirlen, path,
		 slash ? slash + 1 : path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		if (!quiet)
			diag_plain(DIAG_ERROR,
				   "cannot create a file beside '%s': %s", path,
				   strerror(errno));
		free(tmp);
		return NULL;
	}
	/* No fsync: like compilers, errgen leaves durability to the file
	 * system; rename still replaces the file whole. */
	bool ok = fchmod(fd, mode) == 0 && write_all(fd, b);
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		if (!quiet)
			diag_plain(DIAG_ERROR, "cannot write '%s': %s", tmp,
				   strerror(saved));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

struct output_stager {
	pthread_mutex_t lock; /* for set->made and set->nmade */
	struct output_set *set;
	mode_t mode;
};

static mode_t file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

struct output_stager *output_stager_new(struct output_set *s)
{
	struct output_stager *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->set = s;
	if (pthread_mutex_init(&st->lock, NULL) != 0) {
		free(st);
		return NULL;
	}
	st->mode = file_mode(); /* umask: before the threads start */
	return st;
}

bool output_stage(struct output_stager *st, const char *path,
		  struct buf *content, char **tmp)
{
	*tmp = NULL;
	if (!st || content->failed)
		return false;
	int same = same_content(path, content);
	if (same < 0)
		return false;
	if (same == 0) {
		pthread_mutex_lock(&st->lock);
		bool made = make_parents(path, &st->set->made,
					 &st->set->nmade, true);
		pthread_mutex_unlock(&st->lock);
		if (!made ||
		    !(*tmp = write_temp(path, content, st->mode, true)))
			return false;
	}
	buf_clear(content);
	return true;
}

void output_stager_free(struct output_stager *st)
{
	if (!st)
		return;
	pthread_mutex_destroy(&st->lock);
	free(st);
}

/* The temporary files written by two threads at once, without a word: on
 * any trouble everything they did is undone and the caller writes them one
 * by one, which reports exactly. */
struct parallel_write {
	const struct output_set *s;
	char **tmps;
	mode_t mode;
	atomic_size_t next;
	atomic_bool failed;
	pthread_mutex_t lock; /* for made and nmade */
	char **made;
	size_t nmade;
};

static void *write_some(void *arg)
{
	struct parallel_write *w = arg;
	for (size_t i; !atomic_load(&w->failed) &&
		       (i = atomic_fetch_add(&w->next, 1)) < w->s->n;) {
		const struct output_file *f = &w->s->files[i];
		if (f->staged)
			continue;
		int same = f->content.failed
				   ? -1
				   : same_content(f->path, &f->content);
		bool ok = same >= 0;
		if (ok && same == 0) {
			pthread_mutex_lock(&w->lock);
			ok = make_parents(f->path, &w->made, &w->nmade, true);
			pthread_mutex_unlock(&w->lock);
			ok = ok &&
			     (w->tmps[i] = write_temp(f->path, &f->content,
						      w->mode, true));
		}
		if (!ok)
			atomic_store(&w->failed, true);
	}
	return NULL;
}

static bool write_temps_in_parallel(const struct output_set *s, char **tmps,
				    mode_t mode, char ***made, size_t *nmade)
{
	/* new directories are added after those made already */
	size_t had = *nmade;
	struct parallel_write w = {.s = s,
				   .tmps = tmps,
				   .mode = mode,
				   .made = *made,
				   .nmade = had};
	atomic_init(&w.next, 0);
	atomic_init(&w.failed, false);
	if (pthread_mutex_init(&w.lock, NULL) != 0)
		return false;
	pthread_t helper;
	bool helped = pthread_create(&helper, NULL, write_some, &w) == 0;
	write_some(&w);
	if (helped)
		pthread_join(helper, NULL);
	pthread_mutex_destroy(&w.lock);
	bool ok = helped && !atomic_load(&w.failed);
	for (size_t i = 0; !ok && i < s->n; i++) {
		if (s->files[i].staged)
			continue; /* not this function's */
		if (tmps[i])
			unlink(tmps[i]);
		free(tmps[i]);
		tmps[i] = NULL;
	}
	for (size_t i = w.nmade; !ok && i-- > had;) {
		rmdir(w.made[i]);
		free(w.made[i]);
	}
	*made = w.made;
	*nmade = ok ? w.nmade : had;
	return ok;
}

enum output_result output_commit(struct output_set *s, size_t *written)
{
	*written = 0;
	char **tmps = calloc(s->n ? s->n : 1, sizeof(*tmps));
	/* what the stager made comes first, so that removal (in reverse)
	 * goes deepest first */
	char **made = s->made;
	size_t nmade = s->nmade;
	s->made = NULL;
	s->nmade = 0;
	bool ok = tmps != NULL;
	size_t unstaged = 0;
	for (size_t i = 0; ok && i < s->n; i++) {
		tmps[i] = s->files[i].tmp;
		s->files[i].tmp = NULL;
		unstaged += !s->files[i].staged;
	}

	mode_t mode = file_mode();

	/* done is how many files already have their temporary file (or need
	 * none): all or nothing; a second thread only for two or more */
	size_t done = ok && unstaged > 1 &&
				      write_temps_in_parallel(s, tmps, mode,
							      &made, &nmade)
			      ? s->n
			      : 0;
	for (size_t i = done; ok && i < s->n; i++) {
		const struct output_file *f = &s->files[i];
		if (f->staged)
			continue;
		if (f->content.failed) {
			diag_plain(DIAG_ERROR, "out of memory rendering '%s'",
				   f->path);
			ok = false;
			break;
		}
		int same = same_content(f->path, &f->content);
		if (same < 0) {
			report_unreadable(f->path);
			ok = false;
		} else if (same == 0) {
			ok = make_parents(f->path, &made, &nmade, false) &&
			     (tmps[i] = write_temp(f->path, &f->content, mode,
						   false));
		}
	}
	/* Every file is on disk; now put them in place. */
	for (size_t i = 0; ok && i < s->n; i++) {
		if (!tmps[i])
			continue;
		if (rename(tmps[i], s->files[i].path) != 0) {
			diag_plain(DIAG_ERROR, "cannot rename '%s' to '%s': %s",
				   tmps[i], s->files[i].path, strerror(errno));
			ok = false;
			break;
		}
		free(tmps[i]);
		tmps[i] = NULL;
		(*written)++;
	}
	for (size_t i = 0; tmps && i < s->n; i++) {
		if (tmps[i])
			unlink(tmps[i]);
		free(tmps[i]);
	}
	/* On failure, remove the directories this run created (deepest first).
	 */
	for (size_t i = nmade; i-- > 0;) {
		if (!ok)
			rmdir(made[i]);
		free(made[i]);
	}
	free(made);
	free(tmps);
	return ok ? OUTPUT_OK : OUTPUT_IO_ERROR;
}

enum output_result output_check(const struct output_set *s)
{
	enum output_result r = OUTPUT_OK;
	for (size_t i = 0; i < s->n; i++) {
		const struct output_file *f = &s->files[i];
		int same = same_content(f->path, &f->content);
		if (same == 1)
			continue;
		if (same < 0) {
			report_unreadable(f->path);
			return OUTPUT_IO_ERROR;
		}
		struct stat sb;
		struct loc loc = {f->path, 0, 0};
		if (stat(f->path, &sb) != 0)
			diag_error(&loc, "missing; errgen would create it");
		else
			diag_error(&loc, "differs from what errgen generates");
		r = OUTPUT_DIFFERS;
	}
	return r;
}
