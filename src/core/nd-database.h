/* nd-database.h — one desk: a SQLite file with articles, tags and entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An NdDatabase is one connection. It is not thread-safe: a worker thread
 * opens its own NdDatabase on the same path.
 */
#pragma once

#include <glib-object.h>

#include "nd-article.h"

G_BEGIN_DECLS

#define ND_DATABASE_SCHEMA_VERSION 10

typedef enum
{
  ND_SORT_DATE_DESC,  /* newest first (published, else imported) */
  ND_SORT_DATE_ASC,
  ND_SORT_TITLE,      /* A to Z, ignoring case */
} NdSortOrder;

#define ND_TYPE_SORT_ORDER (nd_sort_order_get_type ())
GType nd_sort_order_get_type (void);

/* A filter: every field may be NULL; the fields combine with AND. */
typedef struct
{
  const char  *search;   /* full-text words, as typed by the user */
  const char  *tag;      /* exact tag */
  const char  *entity;   /* entity name or mention text, ignoring case */
  NdSortOrder  sort;
} NdQuery;

typedef struct
{
  char  *name;
  guint  count;
} NdTagCount;

void nd_tag_count_free (NdTagCount *tag_count);

/* An entity across the desk with the number of articles mentioning it */
typedef struct
{
  NdEntity *entity;
  guint     n_articles;
} NdEntityCount;

void nd_entity_count_free (NdEntityCount *entity_count);



#define ND_TYPE_DATABASE (nd_database_get_type ())
G_DECLARE_FINAL_TYPE (NdDatabase, nd_database, ND, DATABASE, GObject)

/* NEWSDESK_DB, else $XDG_DATA_HOME/newsdesk/newsdesk.db */
char        *nd_database_default_path      (void);

typedef enum
{
  ND_DATABASE_OPEN_NONE            = 0,
  /* A desk that cannot be written (a read-only file or folder) or that a
   * newer NewsDesk wrote is opened read-only instead of failing: reading
   * works, every write fails with ND_ERROR_READ_ONLY. */
  ND_DATABASE_OPEN_ALLOW_READ_ONLY = 1 << 0,
} NdDatabaseOpenFlags;

/* Opens (creating the file and its folder when missing) and migrates.
 * A desk that cannot be opened for writing fails with ND_ERROR_READ_ONLY
 * (ND_ERROR_DATABASE_TOO_NEW for one from a newer NewsDesk). */
NdDatabase  *nd_database_open              (const char   *path,
                                            GError      **error);
NdDatabase  *nd_database_open_full         (const char          *path,
                                            NdDatabaseOpenFlags  flags,
                                            GError             **error);
/* Whether the desk was opened read-only, and why: a message for the user
 * naming the file ("…/desk.db is read-only: …"), NULL when writable. */
gboolean     nd_database_is_read_only      (NdDatabase   *self);
const char  *nd_database_get_read_only_reason (NdDatabase *self);
const char  *nd_database_get_path          (NdDatabase   *self);
int          nd_database_get_schema_version (NdDatabase  *self);
int          nd_database_peek_schema_version (const char *path);

/* Batches: many whole articles in one transaction. Calls do not nest. */
gboolean     nd_database_begin             (NdDatabase   *self,
                                            GError      **error);
void         nd_database_set_bulk_writing  (NdDatabase   *self,
                                            gboolean      bulk);
gboolean     nd_database_commit            (NdDatabase   *self,
                                            GError      **error);
void         nd_database_rollback          (NdDatabase   *self);

/* Writes the article with its tags, entities and mentions and its
 * full-text row, all or nothing. When an article with the same content is
 * already in the desk nothing is written, *out_duplicate is TRUE and
 * *out_id is the existing id. An article with an id > 0 keeps that id
 * (used to undo a delete); otherwise a new id is given. On success the
 * article's id and imported date are set. */
gboolean     nd_database_insert_article    (NdDatabase   *self,
                                            NdArticle    *article,
                                            gint64       *out_id,
                                            gboolean     *out_duplicate,
                                            GError      **error);

/* The same with the article's nd_article_compute_hash() computed
 * beforehand (by an import's worker thread). */
gboolean     nd_database_insert_article_with_hash (NdDatabase *self,
                                            NdArticle    *article,
                                            const char   *hash,
                                            gint64       *out_id,
                                            gboolean     *out_duplicate,
                                            GError      **error);

/* Whether an article with the same title and body (the content that
 * makes a duplicate) is in the desk: its id, else 0. Cheap: an importer
 * asks before extracting entities. */
gboolean     nd_database_find_duplicate    (NdDatabase   *self,
                                            NdArticle    *article,
                                            gint64       *out_id,
                                            GError      **error);

/* nd_database_find_duplicate() with the hash computed beforehand */
gboolean     nd_database_find_duplicate_hash (NdDatabase *self,
                                            const char   *hash,
                                            gint64       *out_id,
                                            GError      **error);

/* A second, read-only connection to the same desk, for another thread
 * (an import's workers look for duplicates through it). In WAL mode it
 * reads what is committed and never waits for the writer. */
NdDatabase  *nd_database_open_reader       (NdDatabase   *self,
                                            GError      **error);

/* The whole article: tags, entities with mentions. NULL and
 * ND_ERROR_NOT_FOUND when there is no such article. */
NdArticle   *nd_database_load_article      (NdDatabase   *self,
                                            gint64        id,
                                            GError      **error);
/* Without the body and entities: what a list row needs. */
NdArticle   *nd_database_load_article_summary (NdDatabase *self,
                                            gint64        id,
                                            GError      **error);
gboolean     nd_database_has_article       (NdDatabase   *self,
                                            gint64        id);
gboolean     nd_database_delete_article    (NdDatabase   *self,
                                            gint64        id,
                                            GError      **error);
/* Adding a tag the article has, or removing one it lacks, is not an error. */
gboolean     nd_database_add_tag           (NdDatabase   *self,
                                            gint64        id,
                                            const char   *tag,
                                            GError      **error);
gboolean     nd_database_remove_tag        (NdDatabase   *self,
                                            gint64        id,
                                            const char   *tag,
                                            GError      **error);
gboolean     nd_database_set_read          (NdDatabase   *self,
                                            gint64        id,
                                            gboolean      read,
                                            GError      **error);
gboolean     nd_database_set_starred       (NdDatabase   *self,
                                            gint64        id,
                                            gboolean      starred,
                                            GError      **error);

/* Article ids matching the query, in its sort order (element gint64). */
GArray      *nd_database_query_ids         (NdDatabase   *self,
                                            const NdQuery *query,
                                            GError      **error);
/* The first @limit ids of nd_database_query_ids() (fewer when it lists
 * fewer), and in *out_total how many it lists, read together: without a
 * filter, only those ids are read and the articles counted. */
GArray      *nd_database_query_first_ids   (NdDatabase   *self,
                                            const NdQuery *query,
                                            guint         limit,
                                            guint        *out_total,
                                            GError      **error);
/* How SQLite runs nd_database_query_ids() for this query: the lines of
 * EXPLAIN QUERY PLAN (for tests and the benchmark), under "-- filter"
 * the query that finds a filter's ids (put in order with the kept order
 * of the desk), under "-- in order" the query that sorts in SQL (the
 * whole list, and any query inside a transaction). */
char        *nd_database_explain_query_ids (NdDatabase   *self,
                                            const NdQuery *query,
                                            GError      **error);
guint        nd_database_count_articles    (NdDatabase   *self);
/* A short extract of title or body around the search words, with the
 * matches between U+E000 and U+E001; NULL when nothing matches. */
char        *nd_database_get_snippet       (NdDatabase   *self,
                                            gint64        id,
                                            const char   *search);
/* The snippets of several articles for one search in one query: a table
 * of id (gint64 *) -> snippet (char *), each as nd_database_get_snippet()
 * gives it, for the ids that match. */
GHashTable  *nd_database_get_snippets      (NdDatabase    *self,
                                            const char    *search,
                                            const gint64  *ids,
                                            guint          n_ids,
                                            GError       **error);
/* Every tag in the desk with its article count, by name (NdTagCount). */
GPtrArray   *nd_database_list_tags         (NdDatabase   *self,
                                            GError      **error);

/* The entities of a kind across the desk (NdEntityCount), most
 * mentioned first; limit 0 means all. */
GPtrArray   *nd_database_list_entities     (NdDatabase   *self,
                                            NdEntityKind  kind,
                                            guint         limit,
                                            GError      **error);

/* Replaces an article's entities and mentions (after extracting it
 * again), applying its stored corrections, builds its itinerary stops
 * again from them, and records the extractor version that produced them.
 * All or nothing. */
gboolean     nd_database_replace_entities  (NdDatabase   *self,
                                            gint64        id,
                                            GPtrArray    *entities,
                                            int           extractor_version,
                                            GError      **error);
/* A traveller's stops across the desk (NdStop, with article_id and
 * article_title), in time order (dates when known, else the articles'
 * dates); `traveller` is a canonical name or a surname. Stops at the same
 * place with different whens in two articles have `conflict` set. */
GPtrArray   *nd_database_list_traveller_stops (NdDatabase *self,
                                               const char *traveller,
                                               GError    **error);
/* Articles whose entities came from an extractor older than `version`
 * (element gint64). */
GArray      *nd_database_query_stale_ids   (NdDatabase   *self,
                                            int           version,
                                            GError      **error);

/* Stores a correction for an article and applies it to the stored
 * entities at once. A later correction of the same entity replaces the
 * earlier one. */
gboolean     nd_database_add_correction    (NdDatabase          *self,
                                            gint64               id,
                                            const NdCorrection  *correction,
                                            GError             **error);
/* Takes back the article's correction of the entity (kind, name): the
 * stored correction goes, `restore` (the correction it replaced, or NULL)
 * is stored again, and the article's entities are rewritten from
 * `entities` (NdEntity: the entities before the correction, changed in
 * place) with the remaining corrections applied; with `entities` NULL
 * from the stored ones (an entity the correction removed stays removed
 * until the article is extracted again). One transaction. */
gboolean     nd_database_remove_correction (NdDatabase          *self,
                                            gint64               id,
                                            NdEntityKind         kind,
                                            const char          *name,
                                            const NdCorrection  *restore,
                                            GPtrArray           *entities,
                                            GError             **error);
/* The article's corrections (NdCorrection), oldest first */
GPtrArray   *nd_database_list_corrections  (NdDatabase   *self,
                                            gint64        id,
                                            GError      **error);

/* Turns what a user types into an FTS5 query: each word a quoted prefix,
 * all of them required. NULL when there is no word. */
char        *nd_database_build_fts_query   (const char   *text);

/* A batch of articles for export as plain rows (nd-exporter.c writes
 * them, as NewsDesk JSON or GeoJSON): what nd_database_load_article()
 * would give, field for field, without an object for each entity, mention
 * and stop, read with a few queries for the whole batch (a few hundred
 * articles at a time). Strings belong to the batch. */
typedef struct
{
  guint       start;
  guint       end;
  const char *text;
} NdExportMention;

typedef struct
{
  NdEntityKind  kind;
  const char   *name;
  const char   *role;
  const char   *country;
  const char   *value;
  gboolean      has_coordinates;
  double        lat;
  double        lon;
  guint         first_mention;   /* in the batch's mentions */
  guint         n_mentions;
} NdExportEntity;

typedef struct
{
  guint       order;
  const char *place;
  const char *country;
  gboolean    has_coordinates;
  double      lat;
  double      lon;
  const char *when;
  const char *when_date;
  const char *purpose;
  guint       evidence_start;
  guint       evidence_end;
} NdExportStop;

typedef struct
{
  const char *traveller;
  gboolean    ordered;
  guint       first_stop;        /* in the batch's stops */
  guint       n_stops;
} NdExportItinerary;

typedef struct
{
  /* set for an article with corrections, loaded whole: write it instead */
  NdArticle  *article;
  gint64      id;
  const char *source;
  const char *title;
  const char *published;
  const char *imported;
  gboolean    read;
  gboolean    starred;
  const char *body;
  guint       first_tag;         /* in the batch's tags */
  guint       n_tags;
  guint       first_entity;      /* in the batch's entities */
  guint       n_entities;
  guint       first_itinerary;   /* in the batch's itineraries */
  guint       n_itineraries;
} NdExportArticle;

/* The entities an export has read so far (id -> kind, name, country,
 * coordinates, value), so that each is read once an export rather than once
 * an article that names it: a batch's entities and stops point into it,
 * and each batch holds a reference. Loading fills it: one loader at a
 * time may use it; references may be dropped from any thread. */
typedef struct _NdExportCache NdExportCache;

NdExportCache *nd_export_cache_new   (void);
NdExportCache *nd_export_cache_ref   (NdExportCache *cache);
void           nd_export_cache_unref (NdExportCache *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdExportCache, nd_export_cache_unref)

typedef struct
{
  GArray        *articles;      /* NdExportArticle, in the order of the ids */
  GArray        *entities;      /* NdExportEntity */
  GArray        *mentions;      /* NdExportMention */
  GArray        *itineraries;   /* NdExportItinerary */
  GArray        *stops;         /* NdExportStop */
  GPtrArray     *tags;          /* const char * */
  GStringChunk  *strings;
  NdExportCache *cache;         /* the entities' strings, or NULL */
} NdExportBatch;

/* The articles `ids` as an export batch; ND_ERROR_NOT_FOUND when an id is
 * not in the desk. `cache`: the export's entities so far (it gets those
 * of the batch), or NULL for a cache of the batch alone. */
NdExportBatch *nd_database_load_export_batch (NdDatabase    *self,
                                              NdExportCache *cache,
                                              const gint64  *ids,
                                              guint          n_ids,
                                              GError       **error);
void           nd_export_batch_free          (NdExportBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdExportBatch, nd_export_batch_free)

G_END_DECLS
