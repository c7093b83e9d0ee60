/* nd-exporter.c — NewsDesk JSON documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nd-error.h"
#include "nd-exporter.h"
#include "nd-json-writer.h"

#define FORMAT_VERSION 1

/* Members by their literal names (written with one copy) */
#define MEMBER(writer, name) ND_JSON_WRITER_MEMBER (writer, name)
#define MEMBER_VALUE(writer, name, type, value) \
  G_STMT_START { ND_JSON_WRITER_MEMBER (writer, name); nd_json_writer_##type (writer, value); } G_STMT_END
#define MEMBER_STRING(writer, name, value) MEMBER_VALUE (writer, name, string, value)
#define MEMBER_INT(writer, name, value) MEMBER_VALUE (writer, name, int, value)
#define MEMBER_DOUBLE(writer, name, value) MEMBER_VALUE (writer, name, double, value)
#define MEMBER_BOOLEAN(writer, name, value) MEMBER_VALUE (writer, name, boolean, value)


/* Streaming: the same documents as the trees above, written as they go
 * (nd-json-writer.h writes what JsonGenerator writes) */

static void
write_entity (NdJsonWriter *writer,
              NdEntity     *entity)
{
  NdEntityKind kind = nd_entity_get_kind (entity);

  nd_json_writer_begin_object (writer);
  MEMBER_STRING (writer, "kind", nd_entity_kind_to_string (kind));
  MEMBER_STRING (writer, "name", nd_entity_get_name (entity));

  if (nd_entity_get_role (entity) != NULL)
    MEMBER_STRING (writer, "role", nd_entity_get_role (entity));

  if (kind == ND_ENTITY_PLACE)
    {
      MEMBER_STRING (writer, "country", nd_entity_get_country (entity));
      if (nd_entity_has_coordinates (entity))
        {
          double lat, lon;

          nd_entity_get_coordinates (entity, &lat, &lon);
          MEMBER_DOUBLE (writer, "lat", lat);
          MEMBER_DOUBLE (writer, "lon", lon);
        }
    }

  if (kind == ND_ENTITY_DATE)
    MEMBER_STRING (writer, "value", nd_entity_get_value (entity));

  MEMBER (writer, "mentions");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; i < nd_entity_get_n_mentions (entity); i++)
    {
      const NdMention *mention = nd_entity_get_mention (entity, i);

      nd_json_writer_begin_object (writer);
      MEMBER_INT (writer, "start", mention->start);
      MEMBER_INT (writer, "end", mention->end);
      MEMBER_STRING (writer, "text", mention->text);
      nd_json_writer_end_object (writer);
    }
  nd_json_writer_end_array (writer);

  nd_json_writer_end_object (writer);
}

static void
write_correction (NdJsonWriter       *writer,
                  const NdCorrection *c)
{
  nd_json_writer_begin_object (writer);
  MEMBER_STRING (writer, "action", nd_correction_action_to_string (c->action));
  MEMBER_STRING (writer, "kind", nd_entity_kind_to_string (c->kind));
  MEMBER_STRING (writer, "name", c->name);

  if (c->action == ND_CORRECTION_SET_KIND)
    MEMBER_STRING (writer, "new_kind", nd_entity_kind_to_string (c->new_kind));

  if (c->action == ND_CORRECTION_SET_PLACE)
    {
      MEMBER_STRING (writer, "place", c->new_name);
      MEMBER_STRING (writer, "country", c->country);
      MEMBER_DOUBLE (writer, "lat", c->lat);
      MEMBER_DOUBLE (writer, "lon", c->lon);
    }

  nd_json_writer_end_object (writer);
}

static void
write_stop (NdJsonWriter *writer,
            const NdStop *stop)
{
  nd_json_writer_begin_object (writer);
  MEMBER_INT (writer, "order", stop->order);
  MEMBER_STRING (writer, "place", stop->place);
  MEMBER_STRING (writer, "country", stop->country);
  MEMBER (writer, "lat");
  if (stop->has_coordinates)
    nd_json_writer_double (writer, stop->lat);
  else
    nd_json_writer_null (writer);
  MEMBER (writer, "lon");
  if (stop->has_coordinates)
    nd_json_writer_double (writer, stop->lon);
  else
    nd_json_writer_null (writer);
  MEMBER_STRING (writer, "when", stop->when);
  if (stop->when_date != NULL)
    MEMBER_STRING (writer, "when_date", stop->when_date);
  MEMBER_STRING (writer, "purpose", stop->purpose);
  MEMBER (writer, "evidence");
  nd_json_writer_begin_object (writer);
  MEMBER_INT (writer, "start", stop->evidence_start);
  MEMBER_INT (writer, "end", stop->evidence_end);
  nd_json_writer_end_object (writer);
  nd_json_writer_end_object (writer);
}

static void
write_itinerary (NdJsonWriter *writer,
                 NdItinerary  *itinerary)
{
  GPtrArray *stops = nd_itinerary_get_stops (itinerary);

  nd_json_writer_begin_object (writer);
  MEMBER_STRING (writer, "traveller", nd_itinerary_get_traveller (itinerary));
  MEMBER_BOOLEAN (writer, "ordered", nd_itinerary_get_ordered (itinerary));
  MEMBER (writer, "stops");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; i < stops->len; i++)
    write_stop (writer, g_ptr_array_index (stops, i));
  nd_json_writer_end_array (writer);
  nd_json_writer_end_object (writer);
}

static void
write_article (NdJsonWriter  *writer,
               NdArticle     *article,
               NdExportFlags  flags)
{
  gboolean no_db = (flags & ND_EXPORT_NO_DB) != 0;
  const char * const *tags = nd_article_get_tags (article);

  nd_json_writer_begin_object (writer);

  MEMBER (writer, "id");
  if (no_db || nd_article_get_id (article) <= 0)
    nd_json_writer_null (writer);
  else
    nd_json_writer_int (writer, nd_article_get_id (article));

  MEMBER_STRING (writer, "source", nd_article_get_source (article));
  MEMBER_STRING (writer, "title", nd_article_get_title (article));
  MEMBER_STRING (writer, "published", nd_article_get_published (article));
  MEMBER_STRING (writer, "imported", no_db ? NULL : nd_article_get_imported (article));
  MEMBER_BOOLEAN (writer, "read", nd_article_get_read (article));
  MEMBER_BOOLEAN (writer, "starred", nd_article_get_starred (article));

  MEMBER (writer, "tags");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; !no_db && tags[i] != NULL; i++)
    nd_json_writer_string (writer, tags[i]);
  nd_json_writer_end_array (writer);

  if ((flags & ND_EXPORT_SUMMARY) == 0)
    {
      GPtrArray *entities = nd_article_get_entities (article);
      GPtrArray *corrections = nd_article_get_corrections (article);
      GPtrArray *itineraries = nd_article_get_itineraries (article);

      MEMBER_STRING (writer, "body",
                     nd_article_get_body (article) ? nd_article_get_body (article) : "");

      MEMBER (writer, "entities");
      nd_json_writer_begin_array (writer);
      for (guint i = 0; i < entities->len; i++)
        write_entity (writer, g_ptr_array_index (entities, i));
      nd_json_writer_end_array (writer);

      if (corrections->len > 0)
        {
          MEMBER (writer, "corrections");
          nd_json_writer_begin_array (writer);
          for (guint i = 0; i < corrections->len; i++)
            write_correction (writer, g_ptr_array_index (corrections, i));
          nd_json_writer_end_array (writer);
        }

      MEMBER (writer, "itineraries");
      nd_json_writer_begin_array (writer);
      for (guint i = 0; i < itineraries->len; i++)
        write_itinerary (writer, g_ptr_array_index (itineraries, i));
      nd_json_writer_end_array (writer);
    }

  nd_json_writer_end_object (writer);
}

/* The same as write_article() for an article of an export batch */
static void
write_batch_article (NdJsonWriter  *writer,
                     NdExportBatch *batch,
                     guint          index)
{
  const NdExportArticle *article = &g_array_index (batch->articles, NdExportArticle, index);

  if (article->article != NULL)
    {
      write_article (writer, article->article, ND_EXPORT_FULL);
      return;
    }

  nd_json_writer_begin_object (writer);

  MEMBER (writer, "id");
  if (article->id <= 0)
    nd_json_writer_null (writer);
  else
    nd_json_writer_int (writer, article->id);

  MEMBER_STRING (writer, "source", article->source);
  MEMBER_STRING (writer, "title", article->title);
  MEMBER_STRING (writer, "published", article->published);
  MEMBER_STRING (writer, "imported", article->imported);
  MEMBER_BOOLEAN (writer, "read", article->read);
  MEMBER_BOOLEAN (writer, "starred", article->starred);

  MEMBER (writer, "tags");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; i < article->n_tags; i++)
    nd_json_writer_string (writer, g_ptr_array_index (batch->tags, article->first_tag + i));
  nd_json_writer_end_array (writer);

  MEMBER_STRING (writer, "body", article->body ? article->body : "");

  MEMBER (writer, "entities");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; i < article->n_entities; i++)
    {
      const NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, article->first_entity + i);

      nd_json_writer_begin_object (writer);
      MEMBER_STRING (writer, "kind", nd_entity_kind_to_string (entity->kind));
      MEMBER_STRING (writer, "name", entity->name);
      if (entity->role != NULL)
        MEMBER_STRING (writer, "role", entity->role);
      if (entity->kind == ND_ENTITY_PLACE)
        {
          MEMBER_STRING (writer, "country", entity->country);
          if (entity->has_coordinates)
            {
              MEMBER_DOUBLE (writer, "lat", entity->lat);
              MEMBER_DOUBLE (writer, "lon", entity->lon);
            }
        }
      if (entity->kind == ND_ENTITY_DATE)
        MEMBER_STRING (writer, "value", entity->value);

      MEMBER (writer, "mentions");
      nd_json_writer_begin_array (writer);
      for (guint m = 0; m < entity->n_mentions; m++)
        {
          const NdExportMention *mention = &g_array_index (batch->mentions, NdExportMention, entity->first_mention + m);

          nd_json_writer_begin_object (writer);
          MEMBER_INT (writer, "start", mention->start);
          MEMBER_INT (writer, "end", mention->end);
          MEMBER_STRING (writer, "text", mention->text);
          nd_json_writer_end_object (writer);
        }
      nd_json_writer_end_array (writer);
      nd_json_writer_end_object (writer);
    }
  nd_json_writer_end_array (writer);

  /* an article with corrections is written from its NdArticle, above */

  MEMBER (writer, "itineraries");
  nd_json_writer_begin_array (writer);
  for (guint i = 0; i < article->n_itineraries; i++)
    {
      const NdExportItinerary *itinerary = &g_array_index (batch->itineraries, NdExportItinerary,
                                                           article->first_itinerary + i);

      nd_json_writer_begin_object (writer);
      MEMBER_STRING (writer, "traveller", itinerary->traveller);
      MEMBER_BOOLEAN (writer, "ordered", itinerary->ordered);
      MEMBER (writer, "stops");
      nd_json_writer_begin_array (writer);
      for (guint k = 0; k < itinerary->n_stops; k++)
        {
          const NdExportStop *stop = &g_array_index (batch->stops, NdExportStop, itinerary->first_stop + k);

          nd_json_writer_begin_object (writer);
          MEMBER_INT (writer, "order", stop->order);
          MEMBER_STRING (writer, "place", stop->place);
          MEMBER_STRING (writer, "country", stop->country);
          MEMBER (writer, "lat");
          if (stop->has_coordinates)
            nd_json_writer_double (writer, stop->lat);
          else
            nd_json_writer_null (writer);
          MEMBER (writer, "lon");
          if (stop->has_coordinates)
            nd_json_writer_double (writer, stop->lon);
          else
            nd_json_writer_null (writer);
          MEMBER_STRING (writer, "when", stop->when);
          if (stop->when_date != NULL)
            MEMBER_STRING (writer, "when_date", stop->when_date);
          MEMBER_STRING (writer, "purpose", stop->purpose);
          MEMBER (writer, "evidence");
          nd_json_writer_begin_object (writer);
          MEMBER_INT (writer, "start", stop->evidence_start);
          MEMBER_INT (writer, "end", stop->evidence_end);
          nd_json_writer_end_object (writer);
          nd_json_writer_end_object (writer);
        }
      nd_json_writer_end_array (writer);
      nd_json_writer_end_object (writer);
    }
  nd_json_writer_end_array (writer);

  nd_json_writer_end_object (writer);
}

/* The members before the articles; the "articles" array is left open */
static void
write_document_start (NdJsonWriter *writer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  nd_json_writer_begin_object (writer);
  MEMBER_STRING (writer, "format", "newsdesk");
  MEMBER_INT (writer, "version", FORMAT_VERSION);
  MEMBER_STRING (writer, "generator", "NewsDesk " PACKAGE_VERSION);
  MEMBER_STRING (writer, "exported", exported);
  MEMBER (writer, "articles");
  nd_json_writer_begin_array (writer);
}

static void
write_document_end (NdJsonWriter *writer)
{
  nd_json_writer_end_array (writer);
  nd_json_writer_end_object (writer);
}

char *
nd_exporter_to_string (GPtrArray     *articles,
                       NdExportFlags  flags)
{
  g_autoptr(NdJsonWriter) writer = nd_json_writer_new (NULL);

  g_return_val_if_fail (articles != NULL, NULL);

  write_document_start (writer);
  for (guint i = 0; i < articles->len; i++)
    write_article (writer, g_ptr_array_index (articles, i), flags);
  write_document_end (writer);

  return nd_json_writer_steal_text (writer);
}

/* Says why `file` cannot be written, once, in words a user can act on */
static void
set_write_error (GFile   *file,
                 GError  *local_error,
                 GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  /* GIO's message repeats the path; say it once, with the reason */
  const char *reason = local_error->message;

  if (local_error->domain == G_IO_ERROR)
    {
      switch (local_error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          reason = _("the folder does not exist");
          break;
        case G_IO_ERROR_PERMISSION_DENIED:
          reason = _("permission denied");
          break;
        case G_IO_ERROR_NO_SPACE:
          reason = _("the disk is full");
          break;
        case G_IO_ERROR_IS_DIRECTORY:
          reason = _("it is a folder");
          break;
        case G_IO_ERROR_READ_ONLY:
          reason = _("the file system is read-only");
          break;
        default:
          break;
        }
    }

  g_set_error (error, ND_ERROR, ND_ERROR_FAILED,
               _("Cannot write %s: %s"), name, reason);
}

/* Writes the document's text into the writer (flushing it as it goes);
 * fails with the writer's error, the cancellation or the desk's */
typedef gboolean (*WriteContents) (NdJsonWriter  *writer,
                                   gpointer       data,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* Writes `file` atomically, as g_file_replace_contents() did: GIO writes
 * a temporary file beside the target and renames it over the old one on
 * close, so a reader (or a crash) sees the old file or the complete new
 * one, never a part; a new file gets the mode the umask gives, a replaced
 * one keeps its mode. On failure or cancellation the stream is closed with
 * a cancelled GCancellable, which makes GIO drop the temporary file and
 * keep the old one; a file that did not exist before is removed. */
static gboolean
write_atomically (GFile          *file,
                  WriteContents   contents,
                  gpointer        data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(NdJsonWriter) writer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GCancellable) abort = NULL;
  gboolean existed;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  existed = g_file_query_exists (file, NULL);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_write_error (file, local_error, error);
      return FALSE;
    }

  writer = nd_json_writer_new (G_OUTPUT_STREAM (stream));
  if (contents (writer, data, cancellable, &local_error) &&
      nd_json_writer_flush (writer, TRUE, cancellable, &local_error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    return TRUE;

  abort = g_cancellable_new ();
  g_cancellable_cancel (abort);
  if (!g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
    g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);

  /* the desk's errors and a cancellation say so themselves */
  if (local_error->domain == G_IO_ERROR && local_error->code != G_IO_ERROR_CANCELLED)
    set_write_error (file, local_error, error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
write_articles (NdJsonWriter  *writer,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  GPtrArray *articles = data;

  write_document_start (writer);
  for (guint i = 0; i < articles->len; i++)
    {
      write_article (writer, g_ptr_array_index (articles, i), ND_EXPORT_FULL);
      if (!nd_json_writer_flush (writer, FALSE, cancellable, error))
        return FALSE;
    }
  write_document_end (writer);
  return TRUE;
}

gboolean
nd_exporter_write_file (GPtrArray     *articles,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (articles != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return write_atomically (file, write_articles, articles, cancellable, error);
}


static void
write_position (NdJsonWriter       *writer,
                const NdExportStop *stop)
{
  nd_json_writer_begin_array (writer);
  nd_json_writer_double (writer, stop->lon);
  nd_json_writer_double (writer, stop->lat);
  nd_json_writer_end_array (writer);
}

static void
write_article_properties (NdJsonWriter          *writer,
                          const NdExportArticle *article)
{
  MEMBER (writer, "article_id");
  if (article->id > 0)
    nd_json_writer_int (writer, article->id);
  else
    nd_json_writer_null (writer);
  MEMBER_STRING (writer, "article_title", article->title);
}

static void write_features (NdJsonWriter *writer,
                            NdArticle    *article);

/* The features of an article of an export batch (FORMATS.md): a Point for
 * each stop with a position, then a LineString for an ordered itinerary
 * with two or more */
static void
write_batch_features (NdJsonWriter  *writer,
                      NdExportBatch *batch,
                      guint          index)
{
  const NdExportArticle *article = &g_array_index (batch->articles, NdExportArticle, index);

  if (article->article != NULL)
    {
      write_features (writer, article->article);
      return;
    }

  for (guint j = 0; j < article->n_itineraries; j++)
    {
      const NdExportItinerary *itinerary = &g_array_index (batch->itineraries, NdExportItinerary,
                                                           article->first_itinerary + j);
      const NdExportStop *stops = itinerary->n_stops > 0
        ? &g_array_index (batch->stops, NdExportStop, itinerary->first_stop) : NULL;
      guint n_located = 0;

      for (guint k = 0; k < itinerary->n_stops; k++)
        {
          const NdExportStop *stop = &stops[k];

          /* a Point needs a position */
          if (!stop->has_coordinates)
            continue;
          n_located++;

          nd_json_writer_begin_object (writer);
          MEMBER_STRING (writer, "type", "Feature");
          MEMBER (writer, "geometry");
          nd_json_writer_begin_object (writer);
          MEMBER_STRING (writer, "type", "Point");
          MEMBER (writer, "coordinates");
          write_position (writer, stop);
          nd_json_writer_end_object (writer);

          MEMBER (writer, "properties");
          nd_json_writer_begin_object (writer);
          MEMBER_STRING (writer, "traveller", itinerary->traveller);
          MEMBER_INT (writer, "order", stop->order);
          MEMBER_STRING (writer, "place", stop->place);
          MEMBER_STRING (writer, "when", stop->when);
          MEMBER_STRING (writer, "purpose", stop->purpose);
          MEMBER_BOOLEAN (writer, "ordered", itinerary->ordered);
          write_article_properties (writer, article);
          nd_json_writer_end_object (writer);
          nd_json_writer_end_object (writer);
        }

      if (!itinerary->ordered || n_located < 2)
        continue;

      nd_json_writer_begin_object (writer);
      MEMBER_STRING (writer, "type", "Feature");
      MEMBER (writer, "geometry");
      nd_json_writer_begin_object (writer);
      MEMBER_STRING (writer, "type", "LineString");
      MEMBER (writer, "coordinates");
      nd_json_writer_begin_array (writer);
      for (guint k = 0; k < itinerary->n_stops; k++)
        if (stops[k].has_coordinates)
          write_position (writer, &stops[k]);
      nd_json_writer_end_array (writer);
      nd_json_writer_end_object (writer);
      MEMBER (writer, "properties");
      nd_json_writer_begin_object (writer);
      MEMBER_STRING (writer, "traveller", itinerary->traveller);
      write_article_properties (writer, article);
      nd_json_writer_end_object (writer);
      nd_json_writer_end_object (writer);
    }
}

/* The features of an article in memory: its itineraries as the rows of a
 * batch of one (the strings stay the article's), written as above */
static void
write_features (NdJsonWriter *writer,
                NdArticle    *article)
{
  GPtrArray *itineraries = nd_article_get_itineraries (article);
  g_autoptr(GArray) articles = g_array_sized_new (FALSE, TRUE, sizeof (NdExportArticle), 1);
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (NdExportItinerary), itineraries->len);
  g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (NdExportStop));
  NdExportBatch batch = { .articles = articles, .itineraries = rows, .stops = stops };
  NdExportArticle row = { 0 };

  row.id = nd_article_get_id (article);
  row.title = nd_article_get_title (article);
  row.n_itineraries = itineraries->len;
  for (guint j = 0; j < itineraries->len; j++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, j);
      GPtrArray *its_stops = nd_itinerary_get_stops (itinerary);
      NdExportItinerary it = { nd_itinerary_get_traveller (itinerary), nd_itinerary_get_ordered (itinerary),
                               stops->len, its_stops->len };

      g_array_append_val (rows, it);
      for (guint k = 0; k < its_stops->len; k++)
        {
          const NdStop *stop = g_ptr_array_index (its_stops, k);
          NdExportStop s = { stop->order, stop->place, stop->country, stop->has_coordinates, stop->lat, stop->lon,
                             stop->when, stop->when_date, stop->purpose, stop->evidence_start, stop->evidence_end };

          g_array_append_val (stops, s);
        }
    }
  g_array_append_val (articles, row);

  write_batch_features (writer, &batch, 0);
}

static void
write_geojson_start (NdJsonWriter *writer)
{
  nd_json_writer_begin_object (writer);
  MEMBER_STRING (writer, "type", "FeatureCollection");
  MEMBER (writer, "features");
  nd_json_writer_begin_array (writer);
}

static gboolean
write_geojson_articles (NdJsonWriter  *writer,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GPtrArray *articles = data;

  write_geojson_start (writer);
  for (guint i = 0; i < articles->len; i++)
    {
      write_features (writer, g_ptr_array_index (articles, i));
      if (!nd_json_writer_flush (writer, FALSE, cancellable, error))
        return FALSE;
    }
  write_document_end (writer);
  return TRUE;
}

gboolean
nd_exporter_write_geojson (GPtrArray     *articles,
                           GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (articles != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return write_atomically (file, write_geojson_articles, articles, cancellable, error);
}

/* Articles are read from the desk this many at a time: a few queries a
 * batch, and never more than a batch in memory */
#define EXPORT_BATCH 500

typedef struct
{
  NdDatabase           *database;
  GArray               *ids;
  gboolean              geojson;
  NdExportProgressFunc  progress;
  gpointer              user_data;
} ExportIds;

/* Reading the desk takes about twice as long as writing the file (SQLite
 * steps through 55 mentions and 35 entities an article): two loader
 * threads, each with a connection of its own (the caller's, which waits
 * in nd_exporter_export_ids() meanwhile, and a second one on the same
 * desk), read the batches in turn while this thread writes them in
 * order. Each batch is read as nd_database_load_article() reads an
 * article, statement by statement. At most LOADED_AHEAD batches a loader
 * wait to be written, so memory stays bounded whatever the number of
 * articles. One loader when the machine has one core, the export is a
 * batch or the desk cannot be opened twice. */
#define LOADED_AHEAD 2
#define MAX_LOADERS 2

typedef struct
{
  /* NULL: the end, or `error` */
  NdExportBatch *rows;
  guint          n;
  GError        *error;
} LoadedBatch;

typedef struct
{
  ExportIds     *export;
  NdDatabase    *database;
  guint          first;     /* the loader's first batch, then every n_loaders-th */
  guint          n_loaders;
  GCancellable  *cancellable;
  GAsyncQueue   *loaded;    /* LoadedBatch, for the writer */
  GAsyncQueue   *slots;     /* a token per batch that may be loaded ahead */
  NdExportCache *entities;  /* the entities this loader has read */
  gint           stop;      /* atomic: the writer gave up */
  GThread       *thread;
} Loader;

static gpointer
load_batches (gpointer data)
{
  Loader *loader = data;
  GArray *ids = loader->export->ids;

  for (guint start = loader->first * EXPORT_BATCH; start < ids->len; start += loader->n_loaders * EXPORT_BATCH)
    {
      guint n = MIN (EXPORT_BATCH, ids->len - start);
      LoadedBatch *batch = g_new0 (LoadedBatch, 1);
      gboolean failed;

      /* wait for room */
      g_async_queue_pop (loader->slots);
      if (g_atomic_int_get (&loader->stop) ||
          g_cancellable_set_error_if_cancelled (loader->cancellable, &batch->error))
        {
          if (batch->error != NULL)
            g_async_queue_push (loader->loaded, batch);
          else
            g_free (batch);
          return NULL;
        }

      batch->n = n;
      batch->rows = nd_database_load_export_batch (loader->database, loader->entities,
                                                   &g_array_index (ids, gint64, start), n,
                                                   &batch->error);
      failed = batch->rows == NULL;
      /* the writer owns the batch from here on, and may free it at once */
      g_async_queue_push (loader->loaded, batch);
      if (failed)
        return NULL;
    }

  /* the end */
  g_async_queue_push (loader->loaded, g_new0 (LoadedBatch, 1));
  return NULL;
}

static void
loaded_batch_free (gpointer data)
{
  LoadedBatch *batch = data;

  g_clear_pointer (&batch->rows, nd_export_batch_free);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* A second connection for a second loader, or NULL */
static NdDatabase *
open_second_connection (NdDatabase *database,
                        guint       n_ids)
{
  const char *path = nd_database_get_path (database);

  if (n_ids <= EXPORT_BATCH || g_get_num_processors () < 2 ||
      path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, NULL);
}

static gboolean
write_ids (NdJsonWriter  *writer,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ExportIds *export = data;
  g_autoptr(NdDatabase) second = open_second_connection (export->database, export->ids->len);
  Loader loaders[MAX_LOADERS] = { { 0 } };
  guint n_loaders = second != NULL ? 2 : 1;
  guint n_written = 0;
  gboolean ok = TRUE;

  if (export->geojson)
    write_geojson_start (writer);
  else
    write_document_start (writer);

  for (guint l = 0; l < n_loaders; l++)
    {
      Loader *loader = &loaders[l];

      loader->export = export;
      loader->database = l == 0 ? export->database : second;
      loader->first = l;
      loader->n_loaders = n_loaders;
      loader->cancellable = cancellable;
      loader->loaded = g_async_queue_new_full (loaded_batch_free);
      loader->slots = g_async_queue_new ();
      loader->entities = nd_export_cache_new ();
      for (guint i = 0; i < LOADED_AHEAD; i++)
        g_async_queue_push (loader->slots, GUINT_TO_POINTER (1));
      loader->thread = g_thread_new ("newsdesk-export", load_batches, loader);
    }

  /* the batches in order: the loaders' in turn */
  for (guint b = 0; ok; b++)
    {
      Loader *loader = &loaders[b % n_loaders];
      LoadedBatch *batch = g_async_queue_pop (loader->loaded);

      if (batch->rows == NULL)
        {
          if (batch->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&batch->error));
              ok = FALSE;
            }
          loaded_batch_free (batch);
          break;
        }

      for (guint i = 0; ok && i < batch->n; i++)
        {
          if (export->geojson)
            write_batch_features (writer, batch->rows, i);
          else
            write_batch_article (writer, batch->rows, i);
          ok = nd_json_writer_flush (writer, FALSE, cancellable, error);
        }
      n_written += batch->n;
      loaded_batch_free (batch);
      g_async_queue_push (loader->slots, GUINT_TO_POINTER (1));

      if (ok && export->progress != NULL)
        export->progress (n_written, export->ids->len, export->user_data);
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }

  /* done, or a failure: each loader stops at its next batch (it may wait
   * for a slot: give it one) */
  for (guint l = 0; l < n_loaders; l++)
    {
      g_atomic_int_set (&loaders[l].stop, 1);
      g_async_queue_push (loaders[l].slots, GUINT_TO_POINTER (1));
    }
  for (guint l = 0; l < n_loaders; l++)
    {
      g_thread_join (loaders[l].thread);
      g_async_queue_unref (loaders[l].loaded);
      g_async_queue_unref (loaders[l].slots);
      nd_export_cache_unref (loaders[l].entities);
    }

  if (!ok)
    return FALSE;

  write_document_end (writer);
  return TRUE;
}

gboolean
nd_exporter_export_ids (NdDatabase    *database,
                        GArray        *ids,
                        GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return nd_exporter_export_ids_with_progress (database, ids, file, NULL, NULL, cancellable, error);
}

gboolean
nd_exporter_export_ids_with_progress (NdDatabase            *database,
                                      GArray                *ids,
                                      GFile                 *file,
                                      NdExportProgressFunc   progress,
                                      gpointer               user_data,
                                      GCancellable          *cancellable,
                                      GError               **error)
{
  ExportIds export = { database, ids, FALSE, progress, user_data };

  g_return_val_if_fail (ND_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return write_atomically (file, write_ids, &export, cancellable, error);
}

gboolean
nd_exporter_export_ids_geojson (NdDatabase    *database,
                                GArray        *ids,
                                GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  ExportIds export = { database, ids, TRUE, NULL, NULL };

  g_return_val_if_fail (ND_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return write_atomically (file, write_ids, &export, cancellable, error);
}
