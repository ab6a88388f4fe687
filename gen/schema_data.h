/* The schema files, embedded at build time by embed.c (NUL-terminated). */
#ifndef ERRGEN_SCHEMA_DATA_H
#define ERRGEN_SCHEMA_DATA_H

#include <stddef.h>

extern const char errgen_schema_xsd[];
extern const size_t errgen_schema_xsd_len;
extern const char errgen_xml_xsd[];
extern const size_t errgen_xml_xsd_len;

#endif
