/*
 * errgen compat OLD.xml NEW.xml, and errgen check --against FILE.h.
 *
 * compat compares two versions of one domain code by code. What breaks a
 * consumer that compiled against OLD (a name it uses is gone, a value it
 * compared against means something else, the generated API is renamed) is
 * an error; everything else that changed is a note, so the report doubles
 * as a change log. Each diagnostic points into NEW, or into OLD for what
 * is no longer there.
 *
 * The drift report compares another project's header, read by cheader.c,
 * with the XML by name.
 */
#include "compat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "cheader.h"
#include "diag.h"
#include "load.h"

#define NO_ALIAS ((size_t)-1)

/* Every name of a domain (symbols and aliases), sorted for lookups. */
struct name_ref {
	const char *name;
	size_t error;
	size_t alias; /* NO_ALIAS for the symbol */
};

struct names {
	struct name_ref *refs;
	size_t n;
};

static int cmp_name_ref(const void *a, const void *b)
{
	return strcmp(((const struct name_ref *)a)->name,
		      ((const struct name_ref *)b)->name);
}

static bool names_build(const struct domain *d, struct names *out)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nerrors; i++)
		n += 1 + d->errors[i].naliases;
	out->refs = malloc((n ? n : 1) * sizeof(*out->refs));
	out->n = 0;
	if (!out->refs)
		return false;
	for (size_t i = 0; i < d->nerrors; i++) {
		const struct error *e = &d->errors[i];
		out->refs[out->n++] = (struct name_ref){e->name, i, NO_ALIAS};
		for (size_t a = 0; a < e->naliases; a++)
			out->refs[out->n++] =
				(struct name_ref){e->aliases[a].name, i, a};
	}
	qsort(out->refs, out->n, sizeof(*out->refs), cmp_name_ref);
	return true;
}

static const struct name_ref *names_find(const struct names *ns,
					 const char *name)
{
	struct name_ref key = {name, 0, 0};
	return bsearch(&key, ns->refs, ns->n, sizeof(*ns->refs), cmp_name_ref);
}

/* The error of d with value v, or NULL. */
static const struct error *by_value(const struct domain *d, int32_t v)
{
	for (size_t i = 0; i < d->nerrors; i++)
		if (d->errors[i].value == v)
			return &d->errors[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* compat                                                              */

struct compat {
	const struct domain *old, *new_;
	struct names old_names, new_names;
	size_t breaking, compatible;
};

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A comma-separated list of languages, for a note. */
static void add_lang(struct buf *b, const char *lang)
{
	if (b->len)
		buf_puts(b, ", ");
	buf_puts(b, lang);
}

static bool declares(const struct domain *d, const char *lang)
{
	for (size_t i = 0; i < d->nlanguages; i++)
		if (strcmp(d->languages[i], lang) == 0)
			return true;
	return false;
}

/* Languages one version declares and the other does not. */
static void compare_languages(struct compat *c, const struct domain *from,
			      const struct domain *to, const struct loc *at,
			      const char *what)
{
	struct buf list;
	buf_init(&list);
	for (size_t i = 0; i < to->nlanguages; i++)
		if (!declares(from, to->languages[i]))
			add_lang(&list, to->languages[i]);
	if (list.len) {
		diag_note(at, "languages %s: %s", what, list.data);
		c->compatible++;
	}
	if (list.failed)
		diag_plain(DIAG_ERROR, "out of memory");
	buf_free(&list);
}

static void compare_domain(struct compat *c)
{
	const struct domain *o = c->old, *n = c->new_;
	if (strcmp(o->name, n->name) != 0) {
		diag_error(&n->loc,
			   "the domain is renamed from '%s' to '%s': every "
			   "generated function, macro and file name changes",
			   o->name, n->name);
		diag_note(&o->loc, "it was '%s' here", o->name);
		c->breaking++;
	}
	if (o->prefix && n->prefix && strcmp(o->prefix, n->prefix) != 0) {
		diag_error(&n->loc, "the prefix changes from '%s' to '%s'",
			   o->prefix, n->prefix);
		diag_note(&o->loc, "it was '%s' here", o->prefix);
		c->breaking++;
	} else if (!same_text(o->prefix, n->prefix)) {
		if (n->prefix)
			diag_note(&n->loc, "the prefix '%s' is declared",
				  n->prefix);
		else
			diag_note(&n->loc,
				  "the prefix '%s' is no longer "
				  "declared",
				  o->prefix);
		c->compatible++;
	}
	if (o->has_base && n->has_base && o->base != n->base) {
		diag_warning(&n->base_loc,
			     "base changes from %d to %d: the generated "
			     "_ERROR_BASE macro changes with it",
			     (int)o->base, (int)n->base);
		c->compatible++;
	}
	if (o->has_min != n->has_min || o->has_max != n->has_max ||
	    (o->has_min && o->min != n->min) ||
	    (o->has_max && o->max != n->max)) {
		diag_note(&n->loc, "the declared range changes");
		c->compatible++;
	}
	if (!same_text(o->gettext_domain, n->gettext_domain)) {
		diag_warning(&n->loc,
			     "the gettext domain changes from '%s' to '%s': "
			     "installed .mo files must be renamed",
			     o->gettext_domain, n->gettext_domain);
		c->compatible++;
	}
	compare_languages(c, o, n, &n->languages_loc, "declared");
	compare_languages(c, n, o, &o->languages_loc, "no longer declared");
	if (!same_text(o->unknown_message, n->unknown_message)) {
		diag_note(&n->loc, "the message for unknown codes is reworded");
		c->compatible++;
	}
}

static const struct translation *find_translation(const struct error *e,
						  const char *lang)
{
	for (size_t i = 0; i < e->ntranslations; i++)
		if (strcmp(e->translations[i].lang, lang) == 0)
			return &e->translations[i];
	return NULL;
}

static void compare_translations(struct compat *c, const struct error *e,
				 const struct error *f)
{
	struct buf added, changed, removed;
	buf_init(&added);
	buf_init(&changed);
	buf_init(&removed);
	const struct loc *added_at = NULL, *changed_at = NULL,
			 *removed_at = NULL;
	for (size_t i = 0; i < f->ntranslations; i++) {
		const struct translation *t = &f->translations[i];
		const struct translation *was = find_translation(e, t->lang);
		if (!was) {
			add_lang(&added, t->lang);
			added_at = added_at ? added_at : &t->loc;
		} else if (strcmp(was->text, t->text) != 0) {
			add_lang(&changed, t->lang);
			changed_at = changed_at ? changed_at : &t->loc;
		}
	}
	for (size_t i = 0; i < e->ntranslations; i++)
		if (!find_translation(f, e->translations[i].lang)) {
			add_lang(&removed, e->translations[i].lang);
			removed_at = removed_at ? removed_at
						: &e->translations[i].loc;
		}
	if (added_at) {
		diag_note(added_at, "%s: translations added (%s)", f->name,
			  added.data);
		c->compatible++;
	}
	if (changed_at) {
		diag_note(changed_at, "%s: translations changed (%s)", f->name,
			  changed.data);
		c->compatible++;
	}
	if (removed_at) {
		diag_note(removed_at, "%s: translations removed (%s)", f->name,
			  removed.data);
		c->compatible++;
	}
	if (added.failed || changed.failed || removed.failed)
		diag_plain(DIAG_ERROR, "out of memory");
	buf_free(&added);
	buf_free(&changed);
	buf_free(&removed);
}

static bool same_mappings(const struct error *e, const struct error *f)
{
	if (e->nmappings != f->nmappings)
		return false;
	for (size_t i = 0; i < e->nmappings; i++) {
		bool found = false;
		for (size_t j = 0; j < f->nmappings && !found; j++) {
			const struct mapping *a = &e->mappings[i],
					     *b = &f->mappings[j];
			found = a->target == b->target &&
				a->direction == b->direction &&
				a->preferred == b->preferred &&
				strcmp(a->name, b->name) == 0 &&
				same_text(a->lib, b->lib);
		}
		if (!found)
			return false;
	}
	return true;
}

/* Status, text and names of a code found in both versions under the name
 * it had in OLD. */
static void compare_code(struct compat *c, const struct error *e,
			 const struct error *f)
{
	if (e->status == STATUS_OBSOLETE && f->status != STATUS_OBSOLETE) {
		diag_error(&f->loc,
			   "%s goes back from obsolete to %s: its value was "
			   "retired",
			   e->name, status_name(f->status));
		diag_note(&e->loc, "it is obsolete here");
		c->breaking++;
	} else if (e->status != f->status) {
		diag_note(&f->loc, "%s: %s", f->name,
			  f->status == STATUS_OBSOLETE ? "retired (obsolete)"
			  : f->status == STATUS_DEPRECATED
				  ? "deprecated"
				  : "no longer deprecated");
		c->compatible++;
	}
	if (e->message && f->message && strcmp(e->message, f->message) != 0) {
		diag_note(&f->message_loc, "%s: the message is reworded",
			  f->name);
		c->compatible++;
	} else if (!e->message && f->message) {
		diag_note(&f->message_loc, "%s: a message is added", f->name);
		c->compatible++;
	} else if (e->message && !f->message) {
		diag_note(&e->message_loc, "%s: the message is removed",
			  f->name);
		c->compatible++;
	}
	compare_translations(c, e, f);
	if (!same_text(e->explanation, f->explanation)) {
		diag_note(e->explanation && !f->explanation ? &e->loc : &f->loc,
			  "%s: the explanation is %s", f->name,
			  !e->explanation   ? "added"
			  : !f->explanation ? "removed"
					    : "changed");
		c->compatible++;
	}
	if (!same_mappings(e, f)) {
		diag_note(&f->loc, "%s: the mappings change", f->name);
		c->compatible++;
	}
	for (size_t a = 0; a < f->naliases; a++)
		if (!names_find(&c->old_names, f->aliases[a].name)) {
			diag_note(&f->aliases[a].loc, "%s: alias %s is added",
				  f->name, f->aliases[a].name);
			c->compatible++;
		}
}

/* A name of OLD (e's symbol or alias a) that NEW no longer has. */
static void name_gone(struct compat *c, const struct error *e, size_t a)
{
	const char *name = a == NO_ALIAS ? e->name : e->aliases[a].name;
	const struct loc *at =
		a == NO_ALIAS ? &e->name_loc : &e->aliases[a].loc;
	const struct error *g = by_value(c->new_, e->value);
	/* a code of OLD that moved to this value was not renamed from e */
	bool moved = g && names_find(&c->old_names, g->name);
	if (g && a == NO_ALIAS && e->status == STATUS_OBSOLETE) {
		diag_error(&g->name_loc,
			   "value %d of obsolete code %s is reused by %s: a "
			   "retired value is never given to another code",
			   (int)e->value, e->name, g->name);
		diag_note(at, "%s was retired here", e->name);
	} else if (g && a == NO_ALIAS && !moved) {
		diag_error(&g->name_loc,
			   "%s is renamed to %s (value %d) and the old name "
			   "is not kept: code that uses %s no longer compiles; "
			   "add <alias name=\"%s\"/> to %s",
			   e->name, g->name, (int)e->value, e->name, e->name,
			   g->name);
		diag_note(at, "%s was here", e->name);
	} else if (a == NO_ALIAS) {
		diag_error(at,
			   "%s (value %d) is removed: code that uses it no "
			   "longer compiles; keep it with status=\"obsolete\"",
			   e->name, (int)e->value);
	} else {
		diag_error(at,
			   "alias %s of %s is removed: code that uses it no "
			   "longer compiles",
			   name, e->name);
	}
	c->breaking++;
}

/* One name of OLD error e (its symbol, or alias a), looked up in NEW;
 * returns the NEW error it still names with the same value, or NULL. */
static const struct error *follow_name(struct compat *c, const struct error *e,
				       size_t a)
{
	const struct domain *n = c->new_;
	const char *name = a == NO_ALIAS ? e->name : e->aliases[a].name;
	const struct name_ref *r = names_find(&c->new_names, name);
	if (!r) {
		name_gone(c, e, a);
		return NULL;
	}
	const struct error *f = &n->errors[r->error];
	if (f->value == e->value)
		return f;
	diag_error(&f->value_loc, "the value of %s changes from %d to %d", name,
		   (int)e->value, (int)f->value);
	diag_note(&e->value_loc, "it was %d here", (int)e->value);
	c->breaking++;
	const struct error *g = by_value(n, e->value);
	if (a == NO_ALIAS && g && e->status == STATUS_OBSOLETE) {
		diag_error(&g->name_loc,
			   "value %d of obsolete code %s is reused by %s: a "
			   "retired value is never given to another code",
			   (int)e->value, e->name, g->name);
		c->breaking++;
	}
	return NULL;
}

/* Every name of OLD error e; then the code itself, if NEW still has it. */
static void follow_code(struct compat *c, const struct error *e)
{
	const struct error *f = follow_name(c, e, NO_ALIAS);
	for (size_t a = 0; a < e->naliases; a++)
		follow_name(c, e, a);
	if (!f)
		return;
	const struct name_ref *r = names_find(&c->new_names, e->name);
	if (r->alias != NO_ALIAS) {
		diag_note(&f->aliases[r->alias].loc,
			  "%s is renamed to %s and kept as its alias", e->name,
			  f->name);
		c->compatible++;
	}
	compare_code(c, e, f);
}

/* Codes of NEW that OLD did not have under any of their names. */
static void added_codes(struct compat *c)
{
	const struct domain *n = c->new_;
	for (size_t i = 0; i < n->nerrors; i++) {
		const struct error *f = &n->errors[i];
		bool known = names_find(&c->old_names, f->name) != NULL;
		for (size_t a = 0; !known && a < f->naliases; a++)
			known = names_find(&c->old_names, f->aliases[a].name) !=
				NULL;
		/* a value of OLD under a new name was reported with OLD's code,
		 * unless that code is still there under its name */
		const struct error *g = by_value(c->old, f->value);
		if (known || (g && !names_find(&c->new_names, g->name)))
			continue;
		diag_note(&f->name_loc, "%s (value %d) is added%s", f->name,
			  (int)f->value,
			  f->status == STATUS_OBSOLETE ? " as obsolete" : "");
		c->compatible++;
	}
}

size_t compat_compare(const struct domain *old, const struct domain *new_)
{
	struct compat c = {.old = old, .new_ = new_};
	if (!names_build(old, &c.old_names) ||
	    !names_build(new_, &c.new_names)) {
		diag_plain(DIAG_ERROR, "out of memory");
		free(c.old_names.refs);
		free(c.new_names.refs);
		return 1;
	}
	compare_domain(&c);
	for (size_t i = 0; i < old->nerrors; i++)
		follow_code(&c, &old->errors[i]);
	added_codes(&c);
	struct loc loc = {new_->path, 0, 0};
	if (c.breaking)
		diag_note(&loc,
			  "%zu breaking and %zu compatible changes against %s",
			  c.breaking, c.compatible, old->path);
	else
		diag_note(&loc,
			  "compatible with %s: %zu changes, none breaking",
			  old->path, c.compatible);
	free(c.old_names.refs);
	free(c.new_names.refs);
	return c.breaking;
}

int compat_main(int argc, char **argv)
{
	if (argc != 4 || argv[2][0] == '-' || argv[3][0] == '-') {
		diag_plain(DIAG_ERROR, "usage: errgen compat OLD.xml NEW.xml");
		return 2;
	}
	struct loader *l = loader_new();
	if (!l)
		return 2;
	struct domain d[2];
	bool ok = true;
	for (int i = 0; i < 2; i++) {
		/* each version alone: they share names and values */
		bool loaded = loader_load_file(l, argv[2 + i], &d[i]);
		ok &= loaded && check_domains(&d[i], 1);
	}
	loader_free(l);
	int rc = 2;
	if (ok)
		rc = compat_compare(&d[0], &d[1]) ? 1 : 0;
	domain_free(&d[0]);
	domain_free(&d[1]);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The drift report                                                    */

struct xml_name {
	const char *name;
	int32_t value;
	const struct loc *loc;
};

static int cmp_xml_name(const void *a, const void *b)
{
	return strcmp(((const struct xml_name *)a)->name,
		      ((const struct xml_name *)b)->name);
}

int drift_check(const char *header, const struct domain *doms, size_t n)
{
	struct cheader h;
	if (!cheader_read(header, NULL, &h)) {
		cheader_free(&h);
		return 2;
	}
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < doms[i].nerrors; j++)
			count += 1 + doms[i].errors[j].naliases;
	struct xml_name *xs = malloc((count ? count : 1) * sizeof(*xs));
	struct xml_name *sorted = malloc((count ? count : 1) * sizeof(*xs));
	if (!xs || !sorted) {
		diag_plain(DIAG_ERROR, "out of memory");
		free(xs);
		free(sorted);
		cheader_free(&h);
		return 2;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < doms[i].nerrors; j++) {
			const struct error *e = &doms[i].errors[j];
			xs[k++] = (struct xml_name){e->name, e->value,
						    &e->name_loc};
			for (size_t a = 0; a < e->naliases; a++)
				xs[k++] = (struct xml_name){e->aliases[a].name,
							    e->value,
							    &e->aliases[a].loc};
		}
	memcpy(sorted, xs, count * sizeof(*xs));
	qsort(sorted, count, sizeof(*sorted), cmp_xml_name);
	size_t missing = 0, extra = 0, mismatched = 0;
	const char *xml = n == 1 ? doms[0].basename : "the XML";
	for (size_t i = 0; i < h.n; i++) {
		const struct cheader_name *hn = &h.names[i];
		struct xml_name key = {hn->name, 0, NULL};
		const struct xml_name *x = bsearch(
			&key, sorted, count, sizeof(*sorted), cmp_xml_name);
		if (!x) {
			diag_error(&hn->loc, "extra: %s (%d) is not in %s",
				   hn->name, (int)hn->value, xml);
			extra++;
		} else if (x->value != hn->value) {
			diag_error(&hn->loc,
				   "mismatched: %s is %d here but %d in %s",
				   hn->name, (int)hn->value, (int)x->value,
				   xml);
			diag_note(x->loc, "%s is defined here", hn->name);
			mismatched++;
		}
	}
	for (size_t i = 0; i < count; i++)
		if (cheader_find(&h, xs[i].name) == CHEADER_NONE) {
			diag_error(xs[i].loc, "missing: %s (%d) is not in %s",
				   xs[i].name, (int)xs[i].value, h.path);
			missing++;
		}
	struct loc loc = {h.path, 0, 0};
	if (missing + extra + mismatched)
		diag_note(&loc,
			  "%zu missing, %zu extra and %zu mismatched against "
			  "%s",
			  missing, extra, mismatched, xml);
	else
		diag_note(&loc, "agrees with %s: %zu names", xml, count);
	free(xs);
	free(sorted);
	cheader_free(&h);
	return missing + extra + mismatched ? 1 : 0;
}
