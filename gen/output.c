#include "output.h"

#include <errno.h>
#include <fcntl.h>
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
	}
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
	s->files[s->n].path = path;
	s->files[s->n].content = *content;
	buf_init(content);
	s->n++;
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

/* Creates each missing directory of path's parent; records what it made. */
static bool make_parents(const char *path, char ***made, size_t *nmade)
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
			diag_plain(DIAG_ERROR,
				   "cannot create directory '%s': %s", dir,
				   strerror(errno));
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
static char *write_temp(const char *path, const struct buf *b, mode_t mode)
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
		diag_plain(DIAG_ERROR, "cannot create a file beside '%s': %s",
			   path, strerror(errno));
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
		diag_plain(DIAG_ERROR, "cannot write '%s': %s", tmp,
			   strerror(saved));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

enum output_result output_commit(const struct output_set *s, size_t *written)
{
	*written = 0;
	char **tmps = calloc(s->n ? s->n : 1, sizeof(*tmps));
	char **made = NULL;
	size_t nmade = 0;
	bool ok = tmps != NULL;

	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = 0666 & ~mask;

	for (size_t i = 0; ok && i < s->n; i++) {
		const struct output_file *f = &s->files[i];
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
			ok = make_parents(f->path, &made, &nmade) &&
			     (tmps[i] = write_temp(f->path, &f->content, mode));
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
