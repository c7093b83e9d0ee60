/* nd-exporter.h — NewsDesk JSON documents (FORMATS.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nd-article.h"
#include "nd-database.h"

G_BEGIN_DECLS

typedef enum
{
  ND_EXPORT_FULL    = 0,
  ND_EXPORT_SUMMARY = 1 << 0,  /* leave out body, entities, itineraries */
  ND_EXPORT_NO_DB   = 1 << 1,  /* id and imported are null, tags empty (extract) */
} NdExportFlags;

/* The documents are written by a streaming writer (nd-json-writer.h);
 * the whole document for `articles` (NdArticle) as a string: */
char     *nd_exporter_to_string       (GPtrArray      *articles,
                                       NdExportFlags   flags);
/* Writes the document atomically: the old file stays whole until the new
 * one is complete. */
gboolean  nd_exporter_write_file      (GPtrArray      *articles,
                                       GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* A GeoJSON FeatureCollection (FORMATS.md): a Point per located stop,
 * a LineString per ordered itinerary with two located stops or more. */
gboolean  nd_exporter_write_geojson   (GPtrArray      *articles,
                                       GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* Loads the articles by id from the desk, a batch at a time, and writes
 * them as they come (memory stays bounded by a few batches). The batches
 * are read on two threads, one with `database`'s connection (the caller
 * waits meanwhile, so nothing else may use it) and one with a second
 * connection to the same desk; the file is written on the calling
 * thread. Cancelling, or a failure, leaves the old file as it was and no
 * new or temporary file. */
gboolean  nd_exporter_export_ids      (NdDatabase     *database,
                                       GArray         *ids,
                                       GFile          *file,
                                       GCancellable   *cancellable,
                                       GError        **error);
/* Called on the exporting thread after each batch of articles is written */
typedef void (*NdExportProgressFunc) (guint     n_written,
                                      guint     n_total,
                                      gpointer  user_data);
gboolean  nd_exporter_export_ids_with_progress (NdDatabase            *database,
                                                GArray                *ids,
                                                GFile                 *file,
                                                NdExportProgressFunc   progress,
                                                gpointer               user_data,
                                                GCancellable          *cancellable,
                                                GError               **error);
gboolean  nd_exporter_export_ids_geojson (NdDatabase  *database,
                                          GArray      *ids,
                                          GFile       *file,
                                          GCancellable *cancellable,
                                          GError     **error);

G_END_DECLS
