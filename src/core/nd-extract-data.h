/* nd-extract-data.h — reading the data files compiled into the core
 * library (private to the extraction code)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The resource /com/example/NewsDesk/core/NAME ("gazetteer/places.tsv"),
 * as a writable NUL-terminated copy the caller frees; its length in
 * `length`. */
char     *nd_extract_data_load      (const char  *name,
                                     gsize       *length);

/* Iterates over the lines of `data` in place: returns the next line that
 * is neither empty nor a comment ("#..."), NUL-terminated (the newline is
 * overwritten), and advances `cursor`; NULL at the end. */
char     *nd_extract_data_next_line (char       **cursor);

/* Splits a line in place at tabs into at most `max` fields; returns the
 * number of fields. */
guint     nd_extract_data_split     (char        *line,
                                     char       **fields,
                                     guint        max);

G_END_DECLS
