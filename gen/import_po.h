/* errgen import-po: a translator's .po file merged back into the XML. */
#ifndef ERRGEN_IMPORT_PO_H
#define ERRGEN_IMPORT_PO_H

#include "load.h"

/* Returns the exit status: 0 merged (or nothing to change), 2 invalid
 * input or refused translations (nothing written), 3 I/O failure. */
int import_po(struct loader *l, const char *po_path, const char *xml_path);

#endif
