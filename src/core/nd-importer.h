/* nd-importer.h — turning files into articles and storing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nd-article.h"
#include "nd-database.h"

G_BEGIN_DECLS

#define ND_IMPORT_MAX_SIZE (10 * 1000 * 1000)

typedef enum
{
  ND_IMPORT_IMPORTED,
  ND_IMPORT_DUPLICATE,
  ND_IMPORT_FAILED,
} NdImportStatus;

/* Called once per article stored (a NewsDesk JSON file may hold several)
 * and once per refused file. `path` is the file as the user named it (or
 * as found in a folder); `error` is set when status is ND_IMPORT_FAILED
 * and its message names the file. */
typedef void (*NdImportFunc) (const char     *path,
                              NdImportStatus  status,
                              gint64          id,
                              const GError   *error,
                              gpointer        user_data);

/* Makes an article from decoded text: the title is the first line when it
 * reads as a headline (then left out of the body), else made from the
 * first sentence (the body stays whole); site boilerplate at the end is
 * removed. `source` is the file's base name. */
NdArticle *nd_importer_parse_text  (const char    *text,
                                    const char    *source);

/* A NewsDesk JSON document ("format": "newsdesk") to articles with their
 * tags, read, starred and entities; ids are cleared. `name` is used in
 * error messages. */
GPtrArray *nd_importer_parse_json  (const char    *data,
                                    gsize          length,
                                    const char    *name,
                                    GError       **error);

/* Detects the format by content and parses; element type NdArticle. */
GPtrArray *nd_importer_parse_data  (const char    *data,
                                    gsize          length,
                                    const char    *name,
                                    GError       **error);

/* Reads a file (refusing one over 10 MB) and parses it. Messages name
 * the file by its path (relative to the current folder when inside it). */
GPtrArray *nd_importer_load_file   (GFile         *file,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* The same for a path or URI as the user typed it; messages name the file
 * exactly so. */
GPtrArray *nd_importer_load_path   (const char    *path,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* Imports files and folders (recursively, in name order, following no
 * symlink loops) into the desk, one transaction per article (or the
 * caller's batch, see nd_database_begin()), running the extractor on
 * each. Files are read, parsed and extracted by one worker thread per
 * processor; the articles are stored by the calling thread, in order, and
 * `func` is called there, exactly as if one thread did it all. Reports each result through `func`. Returns FALSE if
 * any file failed or the import was cancelled; the rest of a batch goes on
 * past a bad file. A desk that cannot take more (a full disk, a read-only
 * or busy desk) stops the batch after reporting the file that failed:
 * every article stored before it is whole, and it is not stored at all. */
gboolean   nd_importer_import_paths (NdDatabase        *database,
                                     const char * const *paths,
                                     GCancellable      *cancellable,
                                     NdImportFunc       func,
                                     gpointer           user_data);

/* The same with `n_workers` threads reading, parsing and extracting
 * (0: one per processor) */
gboolean   nd_importer_import_paths_with_workers (NdDatabase        *database,
                                     const char * const *paths,
                                     guint              n_workers,
                                     GCancellable      *cancellable,
                                     NdImportFunc       func,
                                     gpointer           user_data);

G_END_DECLS
