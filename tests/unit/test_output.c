/* output: all-or-nothing commits, untouched unchanged files, --check. */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "output.h"

/* A far-away time, to see whether a file was rewritten. */
#define OLD_TIME 1000000000

static char *dir; /* a fresh directory per test */

static int setup(void **state)
{
	(void)state;
	dir = make_temp_dir("output");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove_tree(dir);
	free(dir);
	dir = NULL;
	return 0;
}

static char *in_dir(const char *name)
{
	return path_join(dir, name);
}

/* Adds name (relative to dir) with content text. */
static void add(struct output_set *s, const char *name, const char *text)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, text);
	assert_true(output_set_add(s, in_dir(name), &b));
	assert_null(b.data); /* the set owns it now */
}

static void make_old(const char *name)
{
	char *p = in_dir(name);
	struct timespec times[2] = {{OLD_TIME, 0}, {OLD_TIME, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
	free(p);
}

static void put(const char *name, const char *text)
{
	char *p = in_dir(name);
	write_file(p, text, strlen(text));
	free(p);
}

static struct stat stat_of(const char *name)
{
	char *p = in_dir(name);
	struct stat sb;
	if (stat(p, &sb) != 0)
		fail_msg("stat %s: %s", p, strerror(errno));
	free(p);
	return sb;
}

static bool exists(const char *name)
{
	char *p = in_dir(name);
	struct stat sb;
	bool r = lstat(p, &sb) == 0;
	free(p);
	return r;
}

static void assert_content(const char *name, const char *text)
{
	char *p = in_dir(name);
	size_t len;
	char *got = read_file(p, &len);
	if (!got)
		fail_msg("%s cannot be read", p);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(got, text, len);
	free(got);
	free(p);
}

/* Counts entries under path whose names start with '.' (temp files). */
static int count_hidden(const char *path)
{
	int n = 0;
	DIR *d = opendir(path);
	if (!d)
		return 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.')
			n++;
		char *sub = path_join(path, de->d_name);
		struct stat sb;
		if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
			n += count_hidden(sub);
		free(sub);
	}
	closedir(d);
	return n;
}

/* The names in dir, sorted, joined by spaces: a snapshot of the tree. */
static void list_tree(const char *path, const char *rel, struct buf *out)
{
	DIR *d = opendir(path);
	assert_non_null(d);
	char *names[64];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 64)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			names[n++] = strdup(de->d_name);
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0;
		     j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "%s%s ", rel, names[i]);
		char *sub = path_join(path, names[i]);
		struct stat sb;
		if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			char *subrel =
				malloc(strlen(rel) + strlen(names[i]) + 2);
			assert_non_null(subrel);
			sprintf(subrel, "%s%s/", rel, names[i]);
			list_tree(sub, subrel, out);
			free(subrel);
		}
		free(sub);
		free(names[i]);
	}
}

static char *tree(void)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "");
	list_tree(dir, "", &b);
	return b.data;
}

static enum output_result commit(struct output_set *s, size_t *written,
				 char **diags)
{
	struct capture c;
	capture_begin(&c);
	enum output_result r = output_commit(s, written);
	*diags = capture_end(&c);
	return r;
}

static enum output_result check(const struct output_set *s, char **diags)
{
	struct capture c;
	capture_begin(&c);
	enum output_result r = output_check(s);
	*diags = capture_end(&c);
	return r;
}

/* ------------------------------------------------------------------ */

static void test_set_owns_what_it_is_given(void **state)
{
	(void)state;
	struct output_set s;
	output_set_init(&s);
	for (int i = 0; i < 20; i++) { /* past the first growth */
		char name[32];
		snprintf(name, sizeof(name), "f%d", i);
		add(&s, name, name);
	}
	assert_int_equal(s.n, 20);
	assert_string_equal(s.files[19].content.data, "f19");
	output_set_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.files);
}

static void test_commit_creates_files_and_directories(void **state)
{
	(void)state;
	struct output_set s;
	output_set_init(&s);
	add(&s, "top.h", "top\n");
	add(&s, "a/b/c/deep.c", "deep\n");
	add(&s, "a/side.h", "side\n");
	add(&s, "empty.txt", "");
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	assert_string_equal(diags, "");
	assert_int_equal(written, 4);
	assert_content("top.h", "top\n");
	assert_content("a/b/c/deep.c", "deep\n");
	assert_content("a/side.h", "side\n");
	assert_content("empty.txt", "");
	char *t = tree();
	assert_string_equal(
		t, "a a/b a/b/c a/b/c/deep.c a/side.h empty.txt top.h ");
	free(t);
	free(diags);
	output_set_free(&s);
}

static void test_mode_follows_umask(void **state)
{
	(void)state;
	mode_t old = umask(022);
	struct output_set s;
	output_set_init(&s);
	add(&s, "m644", "x");
	size_t written;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	free(diags);
	output_set_free(&s);
	assert_int_equal(stat_of("m644").st_mode & 07777, 0644);

	umask(077);
	output_set_init(&s);
	add(&s, "m600", "x");
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	free(diags);
	output_set_free(&s);
	assert_int_equal(stat_of("m600").st_mode & 07777, 0600);

	/* a replaced file takes the mode anew, not the old file's */
	umask(002);
	put("m600", "old");
	output_set_init(&s);
	add(&s, "m600", "new");
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	free(diags);
	output_set_free(&s);
	assert_int_equal(stat_of("m600").st_mode & 07777, 0664);
	umask(old);
}

static void test_identical_content_left_untouched(void **state)
{
	(void)state;
	/* larger than the comparison's 64 KiB chunks */
	size_t n = 200000;
	char *big = malloc(n + 1);
	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + (char)(i % 26));
	big[n] = '\0';
	put("same.h", "same\n");
	put("big.c", big);
	make_old("same.h");
	make_old("big.c");
	struct stat before = stat_of("same.h");
	struct stat before_big = stat_of("big.c");

	struct output_set s;
	output_set_init(&s);
	add(&s, "same.h", "same\n");
	add(&s, "big.c", big);
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	assert_string_equal(diags, "");
	assert_int_equal(written, 0);
	struct stat after = stat_of("same.h");
	struct stat after_big = stat_of("big.c");
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtim.tv_sec, OLD_TIME);
	assert_int_equal(after_big.st_ino, before_big.st_ino);
	assert_int_equal(after_big.st_mtim.tv_sec, OLD_TIME);
	assert_int_equal(count_hidden(dir), 0);
	free(diags);
	output_set_free(&s);
	free(big);
}

static void test_changed_content_replaced_atomically(void **state)
{
	(void)state;
	put("one.h", "old one\n");
	put("two.h", "two\n");
	put("three.h", "old three, longer than the new one\n");
	make_old("one.h");
	make_old("two.h");
	make_old("three.h");
	struct stat one = stat_of("one.h"), two = stat_of("two.h"),
		    three = stat_of("three.h");
	/* hold the old file open: a rename leaves it intact for readers */
	char *p = in_dir("one.h");
	int fd = open(p, O_RDONLY);
	assert_true(fd >= 0);
	free(p);

	struct output_set s;
	output_set_init(&s);
	add(&s, "one.h", "new one\n"); /* same size, other bytes */
	add(&s, "two.h", "two\n");     /* unchanged */
	add(&s, "three.h", "new three\n");
	size_t written = 0;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	assert_string_equal(diags, "");
	assert_int_equal(written, 2);
	assert_content("one.h", "new one\n");
	assert_content("two.h", "two\n");
	assert_content("three.h", "new three\n");
	assert_int_not_equal(stat_of("one.h").st_ino, one.st_ino);
	assert_int_not_equal(stat_of("three.h").st_ino, three.st_ino);
	assert_true(stat_of("one.h").st_mtim.tv_sec > OLD_TIME);
	assert_int_equal(stat_of("two.h").st_ino, two.st_ino);
	assert_int_equal(stat_of("two.h").st_mtim.tv_sec, OLD_TIME);
	char old[16] = {0};
	assert_int_equal(read(fd, old, sizeof(old) - 1), 8);
	assert_string_equal(old, "old one\n");
	close(fd);
	assert_int_equal(count_hidden(dir), 0);
	free(diags);
	output_set_free(&s);
}

/* A later file that cannot be written undoes everything: no file changes,
 * no temporary file stays, directories made by the run go again. */
static void test_failed_commit_changes_nothing(void **state)
{
	(void)state;
	put("existing.h", "existing\n");
	put("plain", "a regular file\n");
	make_old("existing.h");
	struct stat existing = stat_of("existing.h");
	char *before = tree();

	struct output_set s;
	output_set_init(&s);
	add(&s, "new.h", "new\n");
	add(&s, "sub/deep/x.h", "x\n");
	add(&s, "existing.h", "changed\n");
	add(&s, "plain/under-a-file.h", "y\n"); /* ENOTDIR */
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_IO_ERROR);
	char want[1024];
	snprintf(want, sizeof(want),
		 "errgen: error: cannot write '%s/plain/under-a-file.h': a "
		 "directory on its path is a file\n",
		 dir);
	assert_string_equal(diags, want);
	assert_int_equal(written, 0);
	char *after = tree();
	assert_string_equal(after, before);
	assert_content("existing.h", "existing\n");
	assert_int_equal(stat_of("existing.h").st_ino, existing.st_ino);
	assert_int_equal(stat_of("existing.h").st_mtim.tv_sec, OLD_TIME);
	assert_false(exists("new.h"));
	assert_false(exists("sub"));
	assert_int_equal(count_hidden(dir), 0);
	free(before);
	free(after);
	free(diags);
	output_set_free(&s);
}

/* Stages name (relative to dir) with content text into s; the stager
 * empties the buffer. want_tmp: a temporary file is expected (the content
 * is new). */
static void stage(struct output_stager *st, struct output_set *s,
		  const char *name, const char *text, bool want_tmp)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, text);
	char *path = in_dir(name);
	char *tmp = NULL;
	assert_true(output_stage(st, path, &b, &tmp));
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_free(&b);
	if (want_tmp)
		assert_non_null(tmp);
	else
		assert_null(tmp);
	assert_true(output_set_add_staged(s, path, tmp));
}

/* An empty set and a stager for it. */
static struct output_stager *stager_for(struct output_set *s)
{
	output_set_init(s);
	struct output_stager *st = output_stager_new(s);
	assert_non_null(st);
	return st;
}

/* The tree is what it was (before, which this frees), with no temporary
 * file left anywhere. */
static void assert_tree_is(char *before)
{
	char *after = tree();
	assert_string_equal(after, before);
	assert_int_equal(count_hidden(dir), 0);
	free(before);
	free(after);
}

/* Files staged while rendering go in place with the others, at commit. */
static void test_staged_files_commit(void **state)
{
	(void)state;
	put("same.h", "same\n");
	make_old("same.h");
	struct output_set s;
	struct output_stager *st = stager_for(&s);
	stage(st, &s, "sub/deep/a.h", "a\n", true);
	stage(st, &s, "same.h", "same\n", false);
	add(&s, "b.h", "b\n");
	/* staged is not yet in place: only its temporary file exists */
	assert_false(exists("sub/deep/a.h"));
	assert_int_equal(count_hidden(dir), 1);
	output_stager_free(st);
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_OK);
	assert_string_equal(diags, "");
	assert_int_equal(written, 2);
	assert_content("sub/deep/a.h", "a\n");
	assert_content("b.h", "b\n");
	assert_content("same.h", "same\n");
	assert_int_equal(stat_of("same.h").st_mtim.tv_sec, OLD_TIME);
	assert_int_equal(count_hidden(dir), 0);
	free(diags);
	output_set_free(&s);
	/* committed: freeing the set keeps the files and directories */
	assert_content("sub/deep/a.h", "a\n");
}

/* A run that fails after staging (two outputs for one path, say) frees
 * the set without committing: nothing of it stays. */
static void test_staged_files_dropped_without_commit(void **state)
{
	(void)state;
	put("keep.h", "keep\n");
	char *before = tree();
	struct output_set s;
	struct output_stager *st = stager_for(&s);
	stage(st, &s, "sub/deep/a.h", "a\n", true);
	stage(st, &s, "keep.h", "other\n", true);
	output_stager_free(st);
	output_set_free(&s);
	assert_tree_is(before);
	assert_content("keep.h", "keep\n");
	assert_false(exists("sub"));
}

/* A commit that fails on a file that was not staged undoes the staged
 * ones too, directories included. */
static void test_staged_then_failed_commit_changes_nothing(void **state)
{
	(void)state;
	put("plain", "a regular file\n");
	char *before = tree();
	struct output_set s;
	struct output_stager *st = stager_for(&s);
	stage(st, &s, "sub/deep/a.h", "a\n", true);
	output_stager_free(st);
	add(&s, "new.h", "new\n");
	add(&s, "plain/under-a-file.h", "y\n"); /* ENOTDIR */
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_IO_ERROR);
	assert_non_null(strstr(diags, "plain/under-a-file.h"));
	assert_int_equal(written, 0);
	assert_tree_is(before);
	free(diags);
	output_set_free(&s);
	assert_false(exists("sub"));
}

/* Staging says nothing and keeps the content when it cannot write: the
 * commit then does it the ordinary way, and reports. */
static void test_stage_refuses_quietly(void **state)
{
	(void)state;
	put("plain", "a regular file\n");
	struct output_set s;
	struct output_stager *st = stager_for(&s);
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "y\n");
	char *path = in_dir("plain/under-a-file.h");
	char *tmp = NULL;
	struct capture c;
	capture_begin(&c);
	assert_false(output_stage(st, path, &b, &tmp));
	char *diags = capture_end(&c);
	assert_string_equal(diags, "");
	assert_null(tmp);
	assert_non_null(b.data);
	assert_string_equal(b.data, "y\n");
	output_stager_free(st);
	assert_int_equal(s.nmade, 0);
	assert_int_equal(count_hidden(dir), 0);
	buf_free(&b);
	free(path);
	free(diags);
	output_set_free(&s);
}

/* The same when a target is a directory; the message says why. */
static void test_target_is_directory(void **state)
{
	(void)state;
	put("existing.h", "existing\n");
	char *p = in_dir("isdir");
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	make_old("existing.h");
	char *before = tree();

	struct output_set s;
	output_set_init(&s);
	add(&s, "new/new.h", "new\n");
	add(&s, "existing.h", "changed\n");
	add(&s, "isdir", "not a dir\n");
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_IO_ERROR);
	assert_int_equal(written, 0);
	char *after = tree();
	assert_string_equal(after, before);
	assert_content("existing.h", "existing\n");
	assert_int_equal(stat_of("existing.h").st_mtim.tv_sec, OLD_TIME);
	assert_false(exists("new"));
	assert_int_equal(count_hidden(dir), 0);
	/* A target that is a directory is named as such, not with a stale
	 * errno from an earlier call. */
	char want[1024];
	snprintf(want, sizeof(want),
		 "errgen: error: cannot read '%s/isdir': Is a directory\n",
		 dir);
	assert_string_equal(diags, want);
	free(before);
	free(after);
	free(diags);
	output_set_free(&s);
}

/* A rendering that ran out of memory is never written. */
static void test_failed_buffer_not_committed(void **state)
{
	(void)state;
	put("keep.h", "keep\n");
	struct output_set s;
	output_set_init(&s);
	add(&s, "fresh.h", "fresh\n");
	add(&s, "keep.h", "half");
	s.files[1].content.failed = true;
	size_t written = 99;
	char *diags;
	assert_int_equal(commit(&s, &written, &diags), OUTPUT_IO_ERROR);
	char want[1024];
	snprintf(want, sizeof(want),
		 "errgen: error: out of memory rendering '%s/keep.h'\n", dir);
	assert_string_equal(diags, want);
	assert_int_equal(written, 0);
	assert_false(exists("fresh.h"));
	assert_content("keep.h", "keep\n");
	assert_int_equal(count_hidden(dir), 0);
	free(diags);
	output_set_free(&s);
}

static void test_check_reports_without_writing(void **state)
{
	(void)state;
	put("same.h", "same\n");
	put("changed.h", "old\n");
	put("longer.h", "same\nplus more\n");
	make_old("same.h");
	make_old("changed.h");
	char *before = tree();

	struct output_set s;
	output_set_init(&s);
	add(&s, "same.h", "same\n");
	add(&s, "changed.h", "new\n");
	add(&s, "missing.h", "m\n");
	add(&s, "nodir/missing.c", "m\n");
	add(&s, "longer.h", "same\n");
	char *diags;
	struct capture c;
	capture_begin(&c);
	enum output_result r = output_check(&s);
	unsigned errors = diag_error_count();
	diags = capture_end(&c);
	assert_int_equal(r, OUTPUT_DIFFERS);
	assert_int_equal(errors, 4);
	char want[2048];
	snprintf(want, sizeof(want),
		 "%s/changed.h: error: differs from what errgen generates\n"
		 "%s/missing.h: error: missing; errgen would create it\n"
		 "%s/nodir/missing.c: error: missing; errgen would create it\n"
		 "%s/longer.h: error: differs from what errgen generates\n",
		 dir, dir, dir, dir);
	assert_string_equal(diags, want);
	char *after = tree();
	assert_string_equal(after, before);
	assert_content("changed.h", "old\n");
	assert_int_equal(stat_of("same.h").st_mtim.tv_sec, OLD_TIME);
	assert_int_equal(stat_of("changed.h").st_mtim.tv_sec, OLD_TIME);
	free(before);
	free(after);
	free(diags);
	output_set_free(&s);

	/* everything up to date */
	output_set_init(&s);
	add(&s, "same.h", "same\n");
	add(&s, "changed.h", "old\n");
	assert_int_equal(check(&s, &diags), OUTPUT_OK);
	assert_string_equal(diags, "");
	free(diags);
	output_set_free(&s);
}

static void test_check_target_is_directory(void **state)
{
	(void)state;
	char *p = in_dir("isdir");
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	struct output_set s;
	output_set_init(&s);
	add(&s, "missing.h", "m\n");
	add(&s, "isdir", "x\n");
	char *diags;
	assert_int_equal(check(&s, &diags), OUTPUT_IO_ERROR);
	/* As in output_commit: a directory is reported as one. */
	char want[1024];
	snprintf(want, sizeof(want),
		 "%s/missing.h: error: missing; errgen would create it\n"
		 "errgen: error: cannot read '%s/isdir': Is a directory\n",
		 dir, dir);
	assert_string_equal(diags, want);
	free(diags);
	output_set_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_owns_what_it_is_given,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_commit_creates_files_and_directories, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_mode_follows_umask, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_identical_content_left_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_changed_content_replaced_atomically, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_commit_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_target_is_directory, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_failed_buffer_not_committed, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_check_reports_without_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_target_is_directory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_staged_files_commit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_staged_files_dropped_without_commit, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_staged_then_failed_commit_changes_nothing, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_stage_refuses_quietly,
						setup, teardown),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
