/* nd-database.c — the desk's SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-database"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "nd-database.h"
#include "nd-error.h"
#include "nd-extract-entity.h"
#include "nd-extractor.h"
#include "nd-itinerary.h"

/* A mention as an article's row of article_mentions packs it (schema
 * 10): its text points into the packed data or into the body, `length`
 * bytes, not NUL-terminated */
typedef struct
{
  gint64      entity_id;
  guint       start;
  guint       end;
  guint       seq;      /* its place among the article's */
  const char *text;
  gsize       length;
} PackedMention;

/* The byte offset of each character of a body (and of its end), made
 * when a mention's text is compared with or taken from the body: the
 * characters of its ASCII start are their bytes; `offsets` holds those
 * of the characters from the first other byte on */
typedef struct
{
  const char *body;
  GArray     *offsets;   /* guint32 */
  guint       ascii;     /* bytes (characters) before the first other one */
  guint       n_chars;
  gboolean    made;
} BodyIndex;

struct _NdDatabase
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  /* SQL text -> sqlite3_stmt, prepared once per connection */
  GHashTable  *statements;
  gboolean     in_batch;
  guint        savepoint_depth;  /* nd_write savepoints open */
  gboolean     savepoint_owns;   /* the outermost began the transaction */
  /* ids of the articles inserted in this batch, whose full-text rows are
   * written at its commit */
  GArray      *fts_pending;
  /* Inside a batch: the ids of the entities this batch has looked up or
   * added ("kind\x1fname\x1fgeo_key" -> EntityId), so that an article's
   * entities that are already in the desk cost a hash lookup, not an
   * upsert. Only this connection writes while a batch holds the write
   * lock. The cache outlives a batch while no other connection commits
   * (PRAGMA data_version is then the same at the next batch's start); it
   * is emptied when a write or a batch is undone and when entities are
   * deleted. */
  GHashTable  *entity_ids;
  gint64       entity_ids_version;
  /* why SQLite undid a batch's whole transaction by itself (it may, on
   * a full disk or an I/O error): what is written after it would be
   * written outside the batch, so every write and the commit fail with
   * this until the batch ends */
  GError      *batch_lost;
  /* write_entity_rows()'s packed mentions and the body's character
   * offsets, kept between articles */
  GByteArray  *mention_data;
  GArray      *body_offsets;
  GPtrArray   *variant_texts;
  /* set when opened read-only: why, as a message for the user */
  char        *read_only_reason;
  /* the last search text and its FTS5 query (a list re-queries and asks
   * for snippets with the same text many times) */
  char        *fts_text;
  char        *fts_query;
  /* Every article id in one sort order (gint64), read from the sort
   * index, and the position of each id in it (guint32 by id, G_MAXUINT32
   * for none): a filter's ids are put in order with it. Valid while
   * nothing changed the desk: the connection's own changes
   * (sqlite3_total_changes64) and other connections' commits (PRAGMA
   * data_version) are the same as when it was read. */
  GArray      *order;
  guint32     *rank;
  gint64       rank_size;
  NdSortOrder  order_sort;
  sqlite3_int64 order_changes;
  gint64       order_data_version;
  /* the key above is valid, but the ids were too sparse for ranks */
  gboolean     order_sparse;
};

G_DEFINE_FINAL_TYPE (NdDatabase, nd_database, G_TYPE_OBJECT)

/* Each migration takes the schema one version up, in one transaction.
 * Never edit a released step: add a new one. */
static const char * const migrations[] = {
  /* 0 -> 1: articles and tags */
  "CREATE TABLE articles ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  source TEXT,"
  "  published TEXT,"
  "  imported TEXT NOT NULL,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  content_hash TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE article_tags ("
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (article_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);",

  /* 1 -> 2: entities, mentions, itinerary stops, full-text search and
   * the sort indexes */
  "ALTER TABLE articles ADD COLUMN sort_date TEXT;"
  "UPDATE articles SET sort_date = COALESCE (published, imported);"
  "CREATE INDEX articles_by_date ON articles (sort_date, id);"
  "CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE, id);"
  "CREATE TABLE entities ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  country TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  value TEXT,"
  "  UNIQUE (kind, name)"
  ");"
  "CREATE INDEX entities_by_name ON entities (name COLLATE NOCASE);"
  "CREATE TABLE article_entities ("
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  role TEXT,"
  "  PRIMARY KEY (article_id, entity_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_entities_by_entity ON article_entities (entity_id, article_id);"
  "CREATE TABLE mentions ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  text TEXT NOT NULL"
  ");"
  "CREATE INDEX mentions_by_article ON mentions (article_id, entity_id);"
  "CREATE INDEX mentions_by_text ON mentions (text COLLATE NOCASE);"
  "CREATE TABLE stops ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  traveller_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  place_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  ordered INTEGER NOT NULL DEFAULT 1,"
  "  when_text TEXT,"
  "  when_date TEXT,"
  "  purpose TEXT,"
  "  evidence_start INTEGER,"
  "  evidence_end INTEGER"
  ");"
  "CREATE INDEX stops_by_article ON stops (article_id, position);"
  "CREATE INDEX stops_by_traveller ON stops (traveller_id);"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body, content='articles', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "  INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;",

  /* 2 -> 3: which extractor version found an article's entities, and the
   * user's corrections of the extractor */
  "ALTER TABLE articles ADD COLUMN extractor_version INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX articles_by_extractor ON articles (extractor_version);"
  "CREATE TABLE corrections ("
  "  id INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  new_kind TEXT,"
  "  new_name TEXT,"
  "  country TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  UNIQUE (article_id, kind, name)"
  ");",

  /* 3 -> 4: places of the same name are different entities when the
   * gazetteer puts them in different places (Cairo, Egypt and Cairo,
   * Georgia): entities are unique by kind, name and geo_key, which is
   * "LAT,LON,CC" for a place with coordinates (4 decimals) and '' for
   * everything else. The table is built anew with the same ids. Foreign
   * keys are on (and cannot be turned off inside the migration's
   * transaction), so dropping the old table cascades to the rows that
   * point at it: they are kept aside and put back. */
  "CREATE TEMP TABLE keep_article_entities AS SELECT * FROM article_entities;"
  "CREATE TEMP TABLE keep_mentions AS SELECT * FROM mentions;"
  "CREATE TEMP TABLE keep_stops AS SELECT * FROM stops;"
  "CREATE TABLE entities_v4 ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  geo_key TEXT NOT NULL DEFAULT '',"
  "  country TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  value TEXT,"
  "  UNIQUE (kind, name, geo_key)"
  ");"
  "INSERT INTO entities_v4 (id, kind, name, geo_key, country, lat, lon, value)"
  "  SELECT id, kind, name,"
  "    CASE WHEN kind = 'place' AND lat IS NOT NULL AND lon IS NOT NULL"
  "      THEN printf ('%.4f,%.4f,%s', lat, lon, COALESCE (country, '')) ELSE '' END,"
  "    country, lat, lon, value"
  "  FROM entities;"
  "DROP TABLE entities;"
  "ALTER TABLE entities_v4 RENAME TO entities;"
  "CREATE INDEX entities_by_name ON entities (name COLLATE NOCASE);"
  "INSERT INTO article_entities SELECT * FROM keep_article_entities;"
  "INSERT INTO mentions SELECT * FROM keep_mentions;"
  "INSERT INTO stops SELECT * FROM keep_stops;"
  "DROP TABLE keep_article_entities;"
  "DROP TABLE keep_mentions;"
  "DROP TABLE keep_stops;",

  /* 4 -> 5: the sort keys of an article by its id, so that sorting the
   * articles a filter found (a search, a tag, an entity) reads this index
   * rather than each article's row past its body */
  "CREATE INDEX IF NOT EXISTS articles_sort_keys ON articles (id, sort_date, title COLLATE NOCASE);",

  /* 5 -> 6: the full-text index gets prefix indexes of 2 and 3
   * characters, so that a word being typed ("wor"*) reads one prefix
   * entry instead of every term that starts with it. FTS5 cannot add
   * them to an existing table: it is made again, and fill_fts() (called
   * by migrate() after this step's SQL, in the same transaction) fills
   * it from the articles with progress. The triggers name the table and
   * carry on. */
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body, content='articles', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='2 3'"
  ");"
  /* and the entity filter's mentions by text carry their article, so
   * that it reads the index alone, not each mention's row */
  "DROP INDEX mentions_by_text;"
  "CREATE INDEX mentions_by_text ON mentions (text COLLATE NOCASE, article_id);",

  /* 6 -> 7: the full-text rows of new articles are written by
   * nd_database_insert_article(): alone, inside the article's own
   * transaction; in a batch, all at once just before the batch's COMMIT
   * (write_fts_rows()), so that FTS5 builds one segment per batch rather
   * than one per article (it flushes its pending terms at every
   * savepoint). Updates and deletes keep their triggers. */
  "DROP TRIGGER IF EXISTS articles_fts_insert;",

  /* 7 -> 8: a cheaper import.
   * The full-text index keeps which columns hold a term, not where
   * (detail=column): about half the work and size of each batch's rows.
   * It cannot answer phrases, so nd_database_build_fts_query() gives it
   * one term per token of FTS5's own tokenizer. Made again and filled by
   * fill_fts() like the 5 -> 6 step; the triggers carry on.
   * The mentions are stored by (article, order in the article) without
   * a rowid: one B-tree fewer per mention, and an article's mentions are
   * read (export, article view, deletes) by that key. The order of an
   * article's mentions is the order of their old rowids. */
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, body, content='articles', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='2 3', detail=column"
  ");"
  /* FTS5 merges 8 segments of a level rather than 4: an import writes
   * one small segment a batch (every 100 ms), and merging them four at
   * a time rewrote each term once more per level */
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);"
  "CREATE TABLE mentions_v8 ("
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"
  "  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (article_id, seq)"
  ") WITHOUT ROWID;"
  "INSERT INTO mentions_v8 (article_id, seq, entity_id, start, end, text)"
  "  SELECT article_id, row_number () OVER (PARTITION BY article_id ORDER BY id) - 1,"
  "    entity_id, start, end, text FROM mentions ORDER BY article_id, id;"
  "DROP TABLE mentions;"
  "ALTER TABLE mentions_v8 RENAME TO mentions;"
  "CREATE INDEX mentions_by_text ON mentions (text COLLATE NOCASE, article_id);",

  /* 8 -> 9: the entity filter's index of mention texts keeps only the
   * mentions written otherwise than their entity's name ("Blinken" of
   * Antony Blinken, "U.S."): the filter finds the others by the name.
   * Four mentions in five are the name, and each row of that index was
   * a write at a random place of a large index for every import batch */
  "ALTER TABLE mentions ADD COLUMN variant INTEGER NOT NULL DEFAULT 0;"
  "UPDATE mentions SET variant = 1"
  "  WHERE text <> (SELECT e.name FROM entities e WHERE e.id = mentions.entity_id) COLLATE NOCASE;"
  "DROP INDEX mentions_by_text;"
  /* (`variant` in the index too, so that the filter reads the index
   * alone: SQLite checks the query's "m.variant" on what it reads) */
  "CREATE INDEX mentions_by_text ON mentions (text COLLATE NOCASE, article_id, variant) WHERE variant;",

  /* 9 -> 10: an article's mentions in one row rather than one row each
   * (some 55 rows an article were a quarter of the writer's CPU): packed
   * in their order (pack_mention()), a mention's text only when it is
   * not the body's characters it covers. The entity filter's texts
   * written otherwise than their entity's name are a table of their own,
   * once per article and text. fill_mentions() (called by migrate()
   * after this step's SQL, in the same transaction) moves the rows and
   * drops the old table. */
  "CREATE TABLE article_mentions ("
  "  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE mention_variants ("
  "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL COLLATE NOCASE,"
  "  PRIMARY KEY (article_id, text)"
  ") WITHOUT ROWID;"
  "CREATE INDEX mention_variants_by_text ON mention_variants (text, article_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ND_DATABASE_SCHEMA_VERSION);

#define ARTICLE_COLUMNS "id, title, source, published, imported, read, starred"

static const char * const query_sql[] = {
  [ND_SORT_DATE_DESC] = "ORDER BY a.sort_date DESC, a.id DESC",
  [ND_SORT_DATE_ASC] = "ORDER BY a.sort_date ASC, a.id ASC",
  [ND_SORT_TITLE] = "ORDER BY a.title COLLATE NOCASE ASC, a.id ASC",
};

GType
nd_sort_order_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { ND_SORT_DATE_DESC, "ND_SORT_DATE_DESC", "date-desc" },
    { ND_SORT_DATE_ASC, "ND_SORT_DATE_ASC", "date-asc" },
    { ND_SORT_TITLE, "ND_SORT_TITLE", "title" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("NdSortOrder"), values));

  return type_id;
}

void
nd_tag_count_free (NdTagCount *tag_count)
{
  if (tag_count == NULL)
    return;

  g_free (tag_count->name);
  g_free (tag_count);
}

void
nd_entity_count_free (NdEntityCount *entity_count)
{
  if (entity_count == NULL)
    return;

  g_clear_object (&entity_count->entity);
  g_free (entity_count);
}

static gboolean
set_sqlite_error (NdDatabase  *self,
                  GError     **error)
{
  int code = sqlite3_extended_errcode (self->db);

  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("%s is not a NewsDesk desk: the file is not a database"), self->path);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("The desk %s is damaged: %s"), self->path, sqlite3_errmsg (self->db));
      break;
    case SQLITE_FULL:
      /* every write is a transaction or a savepoint: a failed one is
       * undone whole */
      g_set_error (error, ND_ERROR, ND_ERROR_DISK_FULL,
                   _("Disk full: %s could not be written; nothing was changed"), self->path);
      break;
    case SQLITE_READONLY:
      if (self->read_only_reason != NULL)
        g_set_error_literal (error, ND_ERROR, ND_ERROR_READ_ONLY, self->read_only_reason);
      else
        g_set_error (error, ND_ERROR, ND_ERROR_READ_ONLY,
                     _("%s is read-only: changes cannot be saved"), self->path);
      break;
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("The desk %s cannot be opened: %s"), self->path, sqlite3_errmsg (self->db));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ND_ERROR, ND_ERROR_BUSY,
                   _("%s is busy: another program is writing to it; try again when it is done"),
                   self->path);
      break;
    default:
      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("The desk %s failed: %s"), self->path, sqlite3_errmsg (self->db));
      break;
    }

  return FALSE;
}

/* FALSE with the reason when the desk is open read-only */
static gboolean
check_writable (NdDatabase  *self,
                GError     **error)
{
  if (self->read_only_reason == NULL)
    return TRUE;

  g_set_error_literal (error, ND_ERROR, ND_ERROR_READ_ONLY, self->read_only_reason);
  return FALSE;
}

static sqlite3_stmt *
get_statement (NdDatabase  *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
exec_sql (NdDatabase  *self,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);

  return TRUE;
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (NdDatabase    *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/* Steps a bound statement whose first column is an id, appending each id */
static gboolean
step_ids (NdDatabase    *self,
          sqlite3_stmt  *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

/* The first columns of every query that reads entities */
#define ENTITY_COLUMNS "e.id, e.kind, e.name, e.country, e.lat, e.lon, e.value"

static NdEntity *
entity_from_row (sqlite3_stmt *stmt)
{
  NdEntityKind kind = ND_ENTITY_PERSON;
  NdEntity *entity;

  nd_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
  entity = nd_entity_new (kind, (const char *) sqlite3_column_text (stmt, 2));
  nd_entity_set_id (entity, sqlite3_column_int64 (stmt, 0));
  nd_entity_set_country (entity, (const char *) sqlite3_column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    nd_entity_set_coordinates (entity, sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 5));
  nd_entity_set_value (entity, (const char *) sqlite3_column_text (stmt, 6));

  return entity;
}

static int
get_user_version (NdDatabase *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  return version;
}

/* Fills the full-text index made again by the 5 -> 6 step from the
 * articles, a few thousand at a time, inside the migration's transaction
 * (what 'rebuild' does in one statement), saying how far it is when it
 * takes more than a moment: about two and a half minutes of CPU (with the
 * mentions index of this step) per 100,000 articles. */
static gboolean
fill_fts (NdDatabase  *self,
          GError     **error)
{
  sqlite3_stmt *count = NULL;
  sqlite3_stmt *bound = NULL;
  sqlite3_stmt *fill = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 said = start;
  gint64 last_id = G_MININT64;
  guint total = 0;
  guint done = 0;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM articles", -1, &count, NULL) != SQLITE_OK ||
      sqlite3_step (count) != SQLITE_ROW)
    goto out;
  total = sqlite3_column_int (count, 0);

  /* chunks of 2,000 ids in order: the last id of the next chunk, then
   * the chunk */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT max (id) FROM (SELECT id FROM articles WHERE id > ?1 ORDER BY id LIMIT 2000)",
                          -1, &bound, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db,
                          "INSERT INTO articles_fts (rowid, title, body)"
                          " SELECT id, title, body FROM articles WHERE id > ?1 AND id <= ?2 ORDER BY id",
                          -1, &fill, NULL) != SQLITE_OK)
    goto out;

  for (;;)
    {
      gint64 next;

      sqlite3_reset (bound);
      sqlite3_bind_int64 (bound, 1, last_id);
      if (sqlite3_step (bound) != SQLITE_ROW)
        goto out;
      if (sqlite3_column_type (bound, 0) == SQLITE_NULL)
        break;
      next = sqlite3_column_int64 (bound, 0);

      sqlite3_reset (fill);
      sqlite3_bind_int64 (fill, 1, last_id);
      sqlite3_bind_int64 (fill, 2, next);
      if (sqlite3_step (fill) != SQLITE_DONE)
        goto out;
      done += sqlite3_changes (self->db);
      last_id = next;

      if (g_get_monotonic_time () - said > 2 * G_USEC_PER_SEC)
        {
          said = g_get_monotonic_time ();
          g_message (_("Updating the search index of %s: %u of %u articles"), self->path, done, total);
        }
    }

  if (said != start)
    g_message (_("Updated the search index of %s (%u articles)"), self->path, done);
  ok = TRUE;

out:
  if (!ok)
    set_sqlite_error (self, error);
  sqlite3_finalize (count);
  sqlite3_finalize (bound);
  sqlite3_finalize (fill);
  return ok;
}

static gboolean fill_mentions (NdDatabase  *self,
                               GError     **error);

static gboolean
migrate (NdDatabase  *self,
         GError     **error)
{
  int version = get_user_version (self);

  if (version < 0)
    return set_sqlite_error (self, error);

  if (version > ND_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE_TOO_NEW,
                   _("%s was written by a newer NewsDesk (schema %d, this version knows %d)"),
                   self->path, version, ND_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int step = version; step < ND_DATABASE_SCHEMA_VERSION; step++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", step + 1);

      g_debug ("Migrating %s from schema %d to %d", self->path, step, step + 1);

      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!exec_sql (self, migrations[step], error) ||
          ((step == 5 || step == 7) && !fill_fts (self, error)) ||
          (step == 9 && !fill_mentions (self, error)) ||
          !exec_sql (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      if (!exec_sql (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
nd_database_finalize (GObject *object)
{
  NdDatabase *self = (NdDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->fts_pending, g_array_unref);
  g_clear_pointer (&self->entity_ids, g_hash_table_unref);
  g_clear_pointer (&self->mention_data, g_byte_array_unref);
  g_clear_pointer (&self->body_offsets, g_array_unref);
  g_clear_pointer (&self->variant_texts, g_ptr_array_unref);
  g_clear_error (&self->batch_lost);
  g_free (self->fts_text);
  g_free (self->fts_query);
  g_clear_pointer (&self->order, g_array_unref);
  g_free (self->rank);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->read_only_reason);

  G_OBJECT_CLASS (nd_database_parent_class)->finalize (object);
}

static void
nd_database_class_init (NdDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_database_finalize;
}

static void
nd_database_init (NdDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->fts_pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->entity_ids_version = -1;
  self->mention_data = g_byte_array_new ();
  self->body_offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->variant_texts = g_ptr_array_new ();
}

char *
nd_database_default_path (void)
{
  const char *env = g_getenv ("NEWSDESK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "newsdesk", "newsdesk.db", NULL);
}

NdDatabase *
nd_database_open (const char  *path,
                  GError     **error)
{
  return nd_database_open_full (path, ND_DATABASE_OPEN_NONE, error);
}

/* "file:" URI for sqlite3_open_v2 (SQLITE_OPEN_URI) */
static char *
sqlite_uri (const char *path,
            const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  GString *uri = g_string_new ("file:");

  for (const char *p = absolute; *p != '\0'; p++)
    {
      if (*p == '?' || *p == '#' || *p == '%')
        g_string_append_printf (uri, "%%%02X", (guchar) *p);
      else
        g_string_append_c (uri, *p);
    }
  g_string_append_printf (uri, "?%s", query);

  return g_string_free (uri, FALSE);
}

static gboolean
open_connection (NdDatabase  *self,
                 const char  *name,
                 int          flags,
                 GError     **error)
{
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  if (sqlite3_open_v2 (name, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                       _("Cannot open the desk %s: out of memory"), self->path);
          return FALSE;
        }
      sqlite3_extended_result_codes (self->db, 1);
      return set_sqlite_error (self, error);
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  return TRUE;
}

/* Opens an existing desk that cannot be written. A desk in WAL mode needs
 * its -shm file; in a read-only folder without one SQLite cannot open it
 * normally, and it is opened as immutable instead (nobody can be writing
 * it through that folder). */
static gboolean
open_read_only (NdDatabase  *self,
                GError     **error)
{
  g_autofree char *uri = NULL;

  if (open_connection (self, self->path, SQLITE_OPEN_READONLY, NULL) &&
      get_user_version (self) >= 0)
    return TRUE;

  uri = sqlite_uri (self->path, "immutable=1");
  if (!open_connection (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error))
    return FALSE;

  return TRUE;
}

NdDatabase *
nd_database_open_full (const char           *path,
                       NdDatabaseOpenFlags   flags,
                       GError              **error)
{
  g_autoptr(NdDatabase) self = NULL;
  g_autofree char *dir = NULL;
  gboolean exists;
  gboolean writable;
  const char *max_pages;
  int version;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ND_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("Cannot create the folder %s for the desk: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!exists && access (dir, W_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
                   _("Cannot create the desk %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  /* The desk and its folder (SQLite writes its journal beside the file)
   * must be writable. */
  writable = !exists || (access (path, W_OK) == 0 && access (dir, W_OK) == 0);

  if (writable)
    {
      if (!open_connection (self, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error))
        return NULL;
      /* SQLite falls back to read-only when it cannot write the file */
      writable = sqlite3_db_readonly (self->db, "main") == 0;
    }

  if (!writable)
    {
      if (!(flags & ND_DATABASE_OPEN_ALLOW_READ_ONLY))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_READ_ONLY,
                       _("%s is read-only: changes cannot be saved"), path);
          return NULL;
        }

      if (!open_read_only (self, error))
        return NULL;

      self->read_only_reason = g_strdup_printf (_("%s is read-only: opened read-only, changes cannot be saved"),
                                                path);
    }

  /* Test-only: NEWSDESK_MAX_PAGE_COUNT caps the desk's size in pages
   * (PRAGMA max_page_count), so that tests can fill the "disk" and check
   * that a write that does not fit is undone whole. */
  max_pages = g_getenv ("NEWSDESK_MAX_PAGE_COUNT");
  if (max_pages != NULL && *max_pages != '\0')
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT,
                                              g_ascii_strtoull (max_pages, NULL, 10));

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
    }

  /* The first statement reads the header: a file that is not a database
   * fails here, before anything is written to it. */
  if (!exec_sql (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  version = get_user_version (self);
  if (version < 0)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  if (version > ND_DATABASE_SCHEMA_VERSION)
    {
      if (!(flags & ND_DATABASE_OPEN_ALLOW_READ_ONLY))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_DATABASE_TOO_NEW,
                       _("%s was written by a newer NewsDesk (schema %d, this version knows %d)"),
                       path, version, ND_DATABASE_SCHEMA_VERSION);
          return NULL;
        }

      /* Reading what this version knows of it is safe; writing is not. */
      g_clear_pointer (&self->read_only_reason, g_free);
      self->read_only_reason = g_strdup_printf (_("%s was written by a newer NewsDesk (schema %d, this version knows %d); it is opened read-only"),
                                                path, version, ND_DATABASE_SCHEMA_VERSION);
    }
  else if (self->read_only_reason != NULL && version < ND_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_READ_ONLY,
                   _("%s is read-only and was written by an older NewsDesk: make it writable so that it can be updated"),
                   path);
      return NULL;
    }

  if (self->read_only_reason != NULL)
    {
      /* belt and braces: this connection never writes */
      sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
      return g_steal_pointer (&self);
    }

  if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (self, "PRAGMA synchronous = NORMAL", error) ||
      !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

NdDatabase *
nd_database_open_reader (NdDatabase  *self,
                         GError     **error)
{
  g_autoptr(NdDatabase) reader = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  reader = g_object_new (ND_TYPE_DATABASE, NULL);
  reader->path = g_strdup (self->path);
  reader->read_only_reason = g_strdup_printf (_("%s is read-only: opened read-only, changes cannot be saved"),
                                              self->path);
  if (!open_connection (reader, self->path, SQLITE_OPEN_READONLY, error))
    return NULL;
  /* belt and braces: this connection never writes */
  if (!exec_sql (reader, "PRAGMA query_only = ON", error))
    return NULL;

  return g_steal_pointer (&reader);
}

gboolean
nd_database_is_read_only (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  return self->read_only_reason != NULL;
}

const char *
nd_database_get_read_only_reason (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  return self->read_only_reason;
}

const char *
nd_database_get_path (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  return self->path;
}

int
nd_database_get_schema_version (NdDatabase *self)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), -1);
  return get_user_version (self);
}

/* Writes the full-text rows of the articles `ids` (of `n` ids) in one
 * statement: FTS5 keeps the terms in memory until the statement ends and
 * writes them as one segment. */
static gboolean
write_fts_rows (NdDatabase    *self,
                const gint64  *ids,
                guint          n,
                GError       **error)
{
  g_autoptr(GString) list = NULL;
  sqlite3_stmt *stmt;

  if (n == 0)
    return TRUE;

  if (n == 1)
    {
      if (!(stmt = get_statement (self,
                                  "INSERT INTO articles_fts (rowid, title, body) "
                                  "SELECT id, title, body FROM articles WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, ids[0]);
      return step_done (self, stmt, error);
    }

  list = g_string_sized_new (n * 8 + 2);
  g_string_append_c (list, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  if (!(stmt = get_statement (self,
                              "INSERT INTO articles_fts (rowid, title, body) "
                              "SELECT id, title, body FROM articles "
                              "WHERE id IN (SELECT value FROM json_each (?1)) ORDER BY id", error)))
    return FALSE;
  bind_text (stmt, 1, list->str);
  return step_done (self, stmt, error);
}

/* Whether the batch's transaction is gone (see batch_lost); says why */
static gboolean
batch_is_lost (NdDatabase  *self,
               GError     **error)
{
  if (!self->in_batch || !sqlite3_get_autocommit (self->db))
    return FALSE;

  if (self->batch_lost != NULL)
    g_propagate_error (error, g_error_copy (self->batch_lost));
  else
    g_set_error_literal (error, ND_ERROR, ND_ERROR_DATABASE,
                         _("The changes could not be saved together and were undone"));
  return TRUE;
}

/* Inside a batch: writes the full-text rows of the articles inserted so
 * far (before a commit, or before a write that needs them) */
static gboolean
flush_fts_pending (NdDatabase  *self,
                   GError     **error)
{
  gboolean ok;

  if (batch_is_lost (self, error))
    return FALSE;

  if (self->fts_pending->len == 0)
    return TRUE;

  /* a failed statement is undone whole: the rows stay pending */
  ok = write_fts_rows (self, (const gint64 *) (gpointer) self->fts_pending->data,
                       self->fts_pending->len, error);
  if (ok)
    g_array_set_size (self->fts_pending, 0);
  return ok;
}

static gint64 get_data_version (NdDatabase *self);

static void
forget_entity_ids (NdDatabase *self)
{
  g_hash_table_remove_all (self->entity_ids);
  self->entity_ids_version = -1;
}

gboolean
nd_database_begin (NdDatabase  *self,
                   GError     **error)
{
  gint64 version;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!check_writable (self, error))
    return FALSE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_batch = TRUE;
  g_clear_error (&self->batch_lost);
  /* another connection's commit may have deleted entities */
  version = get_data_version (self);
  if (version < 0 || version != self->entity_ids_version)
    forget_entity_ids (self);
  return TRUE;
}

gboolean
nd_database_commit (NdDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  /* the batch's articles are committed with their full-text rows, or
   * not at all */
  if (!flush_fts_pending (self, error) ||
      !exec_sql (self, "COMMIT", error))
    {
      nd_database_rollback (self);
      return FALSE;
    }

  self->in_batch = FALSE;
  self->entity_ids_version = get_data_version (self);
  return TRUE;
}

/* Page cache of a connection that writes many articles (an import): the
 * entity and mention indexes take rows all over, and with SQLite's default
 * 2 MB cache their pages are read back from disk and spilled again for
 * every batch. The default comes back when the bulk writing ends. */
#define BULK_CACHE_KIB 32768

void
nd_database_set_bulk_writing (NdDatabase *self,
                              gboolean    bulk)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ND_IS_DATABASE (self));

  sql = g_strdup_printf ("PRAGMA cache_size = %d", bulk ? -BULK_CACHE_KIB : -2000);
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  /* an import's worker waits longer for a lock than the window's own
   * connection may (it blocks no one's clicks): a loaded machine can
   * hold another connection's transaction for seconds */
  sqlite3_busy_timeout (self->db, bulk ? 30000 : 5000);
}

void
nd_database_rollback (NdDatabase *self)
{
  g_return_if_fail (ND_IS_DATABASE (self));

  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_batch = FALSE;
  g_array_set_size (self->fts_pending, 0);
  forget_entity_ids (self);
  g_clear_error (&self->batch_lost);
}

/* Every write is a savepoint: alone it is its own transaction, inside a
 * batch it is undone alone when it fails. */
static gboolean
savepoint_begin (NdDatabase  *self,
                 GError     **error)
{
  if (!check_writable (self, error) || batch_is_lost (self, error))
    return FALSE;

  /* A write outside a batch is a transaction of its own, begun as a
   * writer: a transaction that starts as a reader and finds the write
   * lock held for a moment when it first writes (another connection
   * reading the desk takes it to check the WAL index) fails at once,
   * as SQLite cannot wait there; BEGIN IMMEDIATE waits (busy timeout) */
  if (self->savepoint_depth == 0 && sqlite3_get_autocommit (self->db))
    {
      if (!exec_sql (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->savepoint_owns = TRUE;
    }
  if (!exec_sql (self, "SAVEPOINT nd_write", error))
    {
      if (self->savepoint_depth == 0 && self->savepoint_owns)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          self->savepoint_owns = FALSE;
        }
      return FALSE;
    }
  self->savepoint_depth++;
  return TRUE;
}

static gboolean
savepoint_end (NdDatabase  *self,
               gboolean     ok,
               GError     **error)
{
  gboolean outer;

  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);
  self->savepoint_depth--;
  outer = self->savepoint_depth == 0 && self->savepoint_owns;
  if (outer)
    self->savepoint_owns = FALSE;

  if (ok && exec_sql (self, "RELEASE nd_write", error))
    {
      if (!outer || exec_sql (self, "COMMIT", error))
        return TRUE;
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  else
    {
      sqlite3_exec (self->db, "ROLLBACK TO nd_write; RELEASE nd_write", NULL, NULL, NULL);
      if (outer)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  /* the ids of entities added by the undone write are gone with it */
  forget_entity_ids (self);
  if (self->in_batch && sqlite3_get_autocommit (self->db) && self->batch_lost == NULL)
    self->batch_lost = error != NULL && *error != NULL
      ? g_error_copy (*error)
      : g_error_new_literal (ND_ERROR, ND_ERROR_DATABASE,
                             _("The changes could not be saved together and were undone"));
  return FALSE;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* What tells apart places of the same name: "LAT,LON,CC" for a place
 * with coordinates, as migration 3 -> 4 writes it; '' otherwise */
static char *
geo_key (NdEntityKind  kind,
         gboolean      has_coordinates,
         double        lat,
         double        lon,
         const char   *country)
{
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE];
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (kind != ND_ENTITY_PLACE || !has_coordinates)
    return g_strdup ("");

  /* "%.4f" in the C locale, as SQLite's printf writes it */
  g_ascii_formatd (lat_text, sizeof lat_text, "%.4f", lat);
  g_ascii_formatd (lon_text, sizeof lon_text, "%.4f", lon);

  return g_strdup_printf ("%s,%s,%s", lat_text, lon_text, country != NULL ? country : "");
}

static gboolean
lookup_hash (NdDatabase  *self,
             const char  *hash,
             gint64      *out_id,
             GError     **error)
{
  sqlite3_stmt *stmt = get_statement (self, "SELECT id FROM articles WHERE content_hash = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

static gboolean
write_tag (NdDatabase  *self,
           gint64       id,
           const char  *tag,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = get_statement (self, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error)))
    return FALSE;
  bind_text (stmt, 1, tag);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = get_statement (self,
                              "INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                              "SELECT ?1, id FROM tags WHERE name = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, tag);
  return step_done (self, stmt, error);
}

/* What an entity row of the desk has (an upsert fills only what is NULL) */
enum
{
  ENTITY_HAS_COUNTRY     = 1 << 0,
  ENTITY_HAS_COORDINATES = 1 << 1,
  ENTITY_HAS_VALUE       = 1 << 2,
};

typedef struct
{
  gint64 id;
  guint  has;
} EntityId;

/* The id of the entity row (kind, name, key) when this batch has seen it
 * and an upsert of what `gives` would change nothing in it */
static gint64
cached_entity_id (NdDatabase *self,
                  const char *cache_key,
                  guint       gives)
{
  EntityId *found;

  if (!self->in_batch ||
      (found = g_hash_table_lookup (self->entity_ids, cache_key)) == NULL ||
      (gives & ~found->has) != 0)
    return 0;

  return found->id;
}

static void
cache_entity_id (NdDatabase *self,
                 char       *cache_key,
                 gint64      id,
                 guint       has)
{
  EntityId *entry;

  if (!self->in_batch)
    {
      g_free (cache_key);
      return;
    }

  /* a bound on its memory: 200,000 names are some 30 MB */
  if (g_hash_table_size (self->entity_ids) >= 200000)
    g_hash_table_remove_all (self->entity_ids);

  entry = g_new (EntityId, 1);
  entry->id = id;
  entry->has = has;
  g_hash_table_replace (self->entity_ids, cache_key, entry);
}

/* Steps an entity upsert whose RETURNING gives the id and what the row
 * has (RETURNING statements finish on the next step) */
static gboolean
step_entity_upsert (NdDatabase    *self,
                    sqlite3_stmt  *stmt,
                    gint64        *out_id,
                    guint         *out_has,
                    GError       **error)
{
  gint64 entity_id = 0;
  guint has = 0;
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      entity_id = sqlite3_column_int64 (stmt, 0);
      has = (sqlite3_column_int (stmt, 1) ? ENTITY_HAS_COUNTRY : 0) |
            (sqlite3_column_int (stmt, 2) ? ENTITY_HAS_COORDINATES : 0) |
            (sqlite3_column_int (stmt, 3) ? ENTITY_HAS_VALUE : 0);
    }
  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE || entity_id == 0)
    return set_sqlite_error (self, error);

  *out_id = entity_id;
  *out_has = has;
  return TRUE;
}

#define ENTITY_RETURNING \
  "RETURNING id, country IS NOT NULL, lat IS NOT NULL AND lon IS NOT NULL, value IS NOT NULL"

static gboolean
write_entity (NdDatabase  *self,
              NdEntity    *entity,
              GError     **error)
{
  sqlite3_stmt *stmt;
  const char *kind = nd_entity_kind_to_string (nd_entity_get_kind (entity));
  g_autofree char *key = NULL;
  g_autofree char *cache_key = NULL;
  gint64 entity_id = 0;
  double lat = 0, lon = 0;
  guint gives = 0;
  guint has = 0;

  if (nd_entity_get_country (entity) != NULL)
    gives |= ENTITY_HAS_COUNTRY;
  if (nd_entity_has_coordinates (entity))
    {
      nd_entity_get_coordinates (entity, &lat, &lon);
      gives |= ENTITY_HAS_COORDINATES;
    }
  if (nd_entity_get_value (entity) != NULL)
    gives |= ENTITY_HAS_VALUE;
  key = geo_key (nd_entity_get_kind (entity), nd_entity_has_coordinates (entity),
                 lat, lon, nd_entity_get_country (entity));
  cache_key = g_strjoin ("\x1f", kind, nd_entity_get_name (entity), key, NULL);

  if ((entity_id = cached_entity_id (self, cache_key, gives)) == 0)
    {
      if (!(stmt = get_statement (self,
                                  "INSERT INTO entities (kind, name, country, lat, lon, value, geo_key) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                  "ON CONFLICT (kind, name, geo_key) DO UPDATE SET "
                                  "  country = COALESCE (entities.country, excluded.country), "
                                  "  lat = COALESCE (entities.lat, excluded.lat), "
                                  "  lon = COALESCE (entities.lon, excluded.lon), "
                                  "  value = COALESCE (entities.value, excluded.value) "
                                  ENTITY_RETURNING, error)))
        return FALSE;

      bind_text (stmt, 1, kind);
      bind_text (stmt, 2, nd_entity_get_name (entity));
      bind_text (stmt, 3, nd_entity_get_country (entity));
      if (nd_entity_has_coordinates (entity))
        {
          sqlite3_bind_double (stmt, 4, lat);
          sqlite3_bind_double (stmt, 5, lon);
        }
      bind_text (stmt, 6, nd_entity_get_value (entity));
      bind_text (stmt, 7, key);

      if (!step_entity_upsert (self, stmt, &entity_id, &has, error))
        return FALSE;
      cache_entity_id (self, g_steal_pointer (&cache_key), entity_id, has);
    }

  nd_entity_set_id (entity, entity_id);
  return TRUE;
}

/* Rows of an article are inserted up to ROWS_PER_INSERT in one statement:
 * each statement has a cost of its own (a statement journal, checks)
 * beyond its rows. Returns the statement for `n` rows of `columns`
 * placeholders each, "INSERT … VALUES (?, …), (?, …) …". */
#define ROWS_PER_INSERT 32


static sqlite3_stmt *
get_insert_statement (NdDatabase  *self,
                      const char  *insert,
                      guint        columns,
                      guint        n,
                      GError     **error)
{
  g_autoptr(GString) sql = g_string_new (insert);

  g_string_append (sql, " VALUES ");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (sql, i > 0 ? ", (?" : "(?");
      for (guint c = 1; c < columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }

  return get_statement (self, sql->str, error);
}

/* Packed mentions (schema 10): an article's row of article_mentions holds
 * its mentions in their order, each as unsigned LEB128 varints relative
 * to the mention before it:
 *   zigzag (entity id - the previous mention's entity id)
 *   zigzag (start - the previous mention's start)
 *   zigzag (end - start) * 2, + 1 when the text follows
 *   [the text's length in bytes, then its bytes]
 * The text is left out when it is byte for byte the body's characters
 * [start, end), as every mention the extractor finds is; an imported
 * mention's own text (or none, stored as "") is kept. The body of an
 * article is never changed, so that its slice is the text again. */
static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline void
put_varint (GByteArray *data,
            guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  while (v >= 0x80)
    {
      buf[n++] = (guint8) (v | 0x80);
      v >>= 7;
    }
  buf[n++] = (guint8) v;
  g_byte_array_append (data, buf, n);
}

static inline gboolean
get_varint (const guint8 **p,
            const guint8  *end,
            guint64       *v)
{
  guint64 value = 0;

  for (guint shift = 0; shift < 64 && *p < end; shift += 7)
    {
      guint8 b = *(*p)++;

      value |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *v = value;
          return TRUE;
        }
    }

  return FALSE;
}

static void
body_index_init (BodyIndex  *index,
                 const char *body,
                 GArray     *offsets)
{
  index->body = body != NULL ? body : "";
  index->offsets = offsets;
  index->made = FALSE;
}

/* The bytes of the body's characters [start, end); FALSE when they are
 * not all in the body */
static gboolean
body_index_slice (BodyIndex   *index,
                  guint        start,
                  guint        end,
                  const char **text,
                  gsize       *length)
{
  const guint32 *offsets;

  guint32 from, to;

  if (!index->made)
    {
      const char *body = index->body;
      gsize size = strlen (body);
      gsize ascii = 0;
      const char *p;
      guint32 *out;
      guint n = 0;

      /* most bodies are ASCII, or their start: 8 bytes at a time */
      for (; ascii + 8 <= size; ascii += 8)
        {
          guint64 word;

          memcpy (&word, body + ascii, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
        }
      while (ascii < size && !(body[ascii] & 0x80))
        ascii++;

      /* (no more characters than bytes) */
      g_array_set_size (index->offsets, size - ascii + 1);
      out = (guint32 *) (gpointer) index->offsets->data;
      for (p = body + ascii; p < body + size; p = g_utf8_next_char (p))
        out[n++] = (guint32) (p - body);
      out[n++] = (guint32) size;
      g_array_set_size (index->offsets, n);
      index->ascii = (guint) ascii;
      index->n_chars = (guint) ascii + n - 1;
      index->made = TRUE;
    }

  if (start > end || end > index->n_chars)
    return FALSE;

  offsets = (const guint32 *) (gconstpointer) index->offsets->data;
  from = start <= index->ascii ? start : offsets[start - index->ascii];
  to = end <= index->ascii ? end : offsets[end - index->ascii];
  *text = index->body + from;
  *length = to - from;
  return TRUE;
}

/* Appends a mention of `entity_id` to `data`, `prev` being the one
 * before it (zero for the first), which it becomes */
static void
pack_mention (GByteArray    *data,
              PackedMention *prev,
              BodyIndex     *index,
              gint64         entity_id,
              guint          start,
              guint          end,
              const char    *text)
{
  gsize length = text != NULL ? strlen (text) : 0;
  const char *slice = NULL;
  gsize slice_length = 0;
  gboolean has_text;

  if (text == NULL)
    text = "";
  has_text = !body_index_slice (index, start, end, &slice, &slice_length) ||
             slice_length != length || memcmp (slice, text, length) != 0;

  put_varint (data, zigzag ((gint64) ((guint64) entity_id - (guint64) prev->entity_id)));
  put_varint (data, zigzag ((gint64) start - (gint64) prev->start));
  put_varint (data, (zigzag ((gint64) end - (gint64) start) << 1) | (has_text ? 1 : 0));
  if (has_text)
    {
      put_varint (data, length);
      g_byte_array_append (data, (const guint8 *) text, length);
    }

  prev->entity_id = entity_id;
  prev->start = start;
}

static int
compare_packed_mentions (gconstpointer a,
                         gconstpointer b)
{
  const PackedMention *ma = a;
  const PackedMention *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  return ma->seq < mb->seq ? -1 : ma->seq > mb->seq;
}

/* The mentions packed in `data` (PackedMention, their text in `data` or
 * in the body), in their order; FALSE when the data is damaged */
static gboolean
unpack_mentions (const void *data,
                 gsize       size,
                 BodyIndex  *index,
                 GArray     *mentions)
{
  const guint8 *p = data;
  const guint8 *end = p + size;
  PackedMention prev = { 0 };

  g_array_set_size (mentions, 0);
  while (p < end)
    {
      PackedMention m = { 0 };
      guint64 entity, start, span;

      if (!get_varint (&p, end, &entity) ||
          !get_varint (&p, end, &start) ||
          !get_varint (&p, end, &span))
        return FALSE;

      /* (in unsigned arithmetic: damaged data may not overflow) */
      m.entity_id = (gint64) ((guint64) prev.entity_id + (guint64) unzigzag (entity));
      m.start = (guint) ((guint64) prev.start + (guint64) unzigzag (start));
      m.end = (guint) ((guint64) m.start + (guint64) unzigzag (span >> 1));
      m.seq = mentions->len;
      if (span & 1)
        {
          guint64 length;

          if (!get_varint (&p, end, &length) || length > (guint64) (end - p))
            return FALSE;
          m.text = (const char *) p;
          m.length = length;
          p += length;
        }
      else if (!body_index_slice (index, m.start, m.end, &m.text, &m.length))
        return FALSE;

      g_array_append_val (mentions, m);
      prev = m;
    }

  return TRUE;
}

static gboolean
damaged_mentions (NdDatabase  *self,
                  gint64       article_id,
                  GError     **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, article_id);

  /* Translators: the second %s is the number of an article */
  g_set_error (error, ND_ERROR, ND_ERROR_DATABASE,
               _("The desk %s is damaged: the mentions of article %s cannot be read"),
               self->path, id);
  return FALSE;
}

/* Writes one article's packed mentions and variant texts (the texts
 * `variants` holds, written otherwise than their entity's name) */
static gboolean
write_packed_mentions (NdDatabase  *self,
                       gint64       article_id,
                       GByteArray  *data,
                       GPtrArray   *variants,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  if (data->len == 0)
    return TRUE;

  if (!(stmt = get_statement (self, "INSERT INTO article_mentions (article_id, data) VALUES (?1, ?2)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_blob (stmt, 2, data->data, data->len, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint done = 0; done < variants->len;)
    {
      guint n = MIN (variants->len - done, ROWS_PER_INSERT);

      if (!(stmt = get_insert_statement (self, "INSERT OR IGNORE INTO mention_variants (article_id, text)",
                                         2, n, error)))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          sqlite3_bind_int64 (stmt, 2 * i + 1, article_id);
          sqlite3_bind_text (stmt, 2 * i + 2, g_ptr_array_index (variants, done + i), -1, SQLITE_STATIC);
        }
      if (!step_done (self, stmt, error))
        return FALSE;
      done += n;
    }

  return TRUE;
}

/* Adds `text` to `variants` unless it is there already, as COLLATE
 * NOCASE compares */
static void
add_variant (GPtrArray  *variants,
             const char *text)
{
  for (guint i = 0; i < variants->len; i++)
    if (sqlite3_stricmp (g_ptr_array_index (variants, i), text) == 0)
      return;
  g_ptr_array_add (variants, (gpointer) text);
}


/* Moves the mentions of a schema 9 desk, one row each, into the packed
 * rows of the 9 -> 10 step, article by article in their order, with the
 * variant texts the old rows marked; then drops the old table. Inside
 * the migration's transaction: a failure leaves the desk as it was. */
static gboolean
fill_mentions (NdDatabase  *self,
               GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GPtrArray) variants = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *body = NULL;
  sqlite3_stmt *rows = NULL;
  sqlite3_stmt *body_stmt = NULL;
  PackedMention prev = { 0 };
  BodyIndex index;
  gint64 start = g_get_monotonic_time ();
  gint64 said = start;
  gint64 article_id = 0;
  gboolean have_article = FALSE;
  gboolean said_error = FALSE;
  gboolean ok = FALSE;
  guint done = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT article_id, entity_id, start, end, text, variant FROM mentions "
                          "ORDER BY article_id, seq", -1, &rows, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT body FROM articles WHERE id = ?1", -1, &body_stmt, NULL) != SQLITE_OK)
    goto out;

  body_index_init (&index, "", offsets);
  for (;;)
    {
      gint64 id = 0;

      rc = sqlite3_step (rows);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto out;
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (rows, 0);

      /* the article before is complete */
      if (have_article && (rc == SQLITE_DONE || id != article_id))
        {
          /* (sqlite3_bind_blob() copies nothing: the rows are written
           * by get_statement()'s statements, finished when done) */
          if (!write_packed_mentions (self, article_id, data, variants, error))
            {
              said_error = TRUE;
              goto out;
            }
          done++;
          have_article = FALSE;

          if (g_get_monotonic_time () - said > 2 * G_USEC_PER_SEC)
            {
              said = g_get_monotonic_time ();
              g_message (_("Updating the mentions of %s: %u articles done"), self->path, done);
            }
        }
      if (rc == SQLITE_DONE)
        break;

      if (!have_article)
        {
          /* a mention of an article no longer in the desk is not kept
           * (nothing showed it) */
          g_clear_pointer (&body, g_free);
          sqlite3_reset (body_stmt);
          sqlite3_bind_int64 (body_stmt, 1, id);
          rc = sqlite3_step (body_stmt);
          if (rc == SQLITE_ROW)
            body = g_strdup ((const char *) sqlite3_column_text (body_stmt, 0));
          else if (rc != SQLITE_DONE)
            goto out;
          sqlite3_reset (body_stmt);
          if (rc == SQLITE_DONE)
            continue;

          article_id = id;
          have_article = TRUE;
          body_index_init (&index, body, offsets);
          g_byte_array_set_size (data, 0);
          g_ptr_array_set_size (variants, 0);
          memset (&prev, 0, sizeof prev);
        }

      {
        const char *text = (const char *) sqlite3_column_text (rows, 4);

        if (text == NULL)
          text = "";
        /* as the old rows were read: start and end as int */
        pack_mention (data, &prev, &index, sqlite3_column_int64 (rows, 1),
                      (guint) sqlite3_column_int (rows, 2), (guint) sqlite3_column_int (rows, 3), text);
        if (sqlite3_column_int (rows, 5) != 0)
          {
            gboolean seen = FALSE;

            for (guint i = 0; i < variants->len && !seen; i++)
              seen = sqlite3_stricmp (g_ptr_array_index (variants, i), text) == 0;
            if (!seen)
              g_ptr_array_add (variants, g_strdup (text));
          }
      }
    }

  sqlite3_finalize (rows);
  rows = NULL;
  if (sqlite3_exec (self->db, "DROP TABLE mentions", NULL, NULL, NULL) != SQLITE_OK)
    goto out;

  if (said != start)
    g_message (_("Updated the mentions of %s (%u articles)"), self->path, done);
  ok = TRUE;

out:
  if (!ok && !said_error)
    set_sqlite_error (self, error);
  sqlite3_finalize (rows);
  sqlite3_finalize (body_stmt);
  return ok;
}

/* The article's entity rows and mentions, in the order of `entities`
 * (whose ids write_entity() has set); `body` is the article's */
static gboolean
write_entity_rows (NdDatabase  *self,
                   gint64       article_id,
                   const char  *body,
                   GPtrArray   *entities,
                   GError     **error)
{
  static const char insert_entities[] =
    "INSERT OR IGNORE INTO article_entities (article_id, entity_id, position, role)";
  PackedMention prev = { 0 };
  BodyIndex index;
  guint done;
  gboolean ok;

  for (done = 0; done < entities->len;)
    {
      guint n = MIN (entities->len - done, ROWS_PER_INSERT);
      sqlite3_stmt *stmt = get_insert_statement (self, insert_entities, 4, n, error);

      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          NdEntity *e = g_ptr_array_index (entities, done + i);

          sqlite3_bind_int64 (stmt, 4 * i + 1, article_id);
          sqlite3_bind_int64 (stmt, 4 * i + 2, nd_entity_get_id (e));
          sqlite3_bind_int (stmt, 4 * i + 3, (int) (done + i));
          bind_text (stmt, 4 * i + 4, nd_entity_get_role (e));
        }
      if (!step_done (self, stmt, error))
        return FALSE;
      done += n;
    }

  /* the mentions, entity by entity, packed in one row; the texts written
   * otherwise than their entity's name, as COLLATE NOCASE compares, for
   * the entity filter */
  body_index_init (&index, body, self->body_offsets);
  g_byte_array_set_size (self->mention_data, 0);
  g_ptr_array_set_size (self->variant_texts, 0);
  for (guint e = 0; e < entities->len; e++)
    {
      NdEntity *owner = g_ptr_array_index (entities, e);
      const char *name = nd_entity_get_name (owner);
      gint64 entity_id = nd_entity_get_id (owner);

      for (guint m = 0; m < nd_entity_get_n_mentions (owner); m++)
        {
          const NdMention *mention = nd_entity_get_mention (owner, m);
          const char *text = mention->text != NULL ? mention->text : "";

          pack_mention (self->mention_data, &prev, &index, entity_id, mention->start, mention->end, text);
          if (sqlite3_stricmp (text, name) != 0)
            add_variant (self->variant_texts, text);
        }
    }

  ok = write_packed_mentions (self, article_id, self->mention_data, self->variant_texts, error);
  g_ptr_array_set_size (self->variant_texts, 0);
  return ok;
}

static gboolean
write_correction (NdDatabase          *self,
                  gint64               article_id,
                  const NdCorrection  *c,
                  GError             **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = get_statement (self,
                              "INSERT OR REPLACE INTO corrections "
                              "  (article_id, kind, name, action, new_kind, new_name, country, lat, lon) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, article_id);
  bind_text (stmt, 2, nd_entity_kind_to_string (c->kind));
  bind_text (stmt, 3, c->name);
  bind_text (stmt, 4, nd_correction_action_to_string (c->action));
  if (c->action == ND_CORRECTION_SET_KIND)
    bind_text (stmt, 5, nd_entity_kind_to_string (c->new_kind));
  if (c->action == ND_CORRECTION_SET_PLACE)
    {
      bind_text (stmt, 6, c->new_name);
      bind_text (stmt, 7, c->country);
      sqlite3_bind_double (stmt, 8, c->lat);
      sqlite3_bind_double (stmt, 9, c->lon);
    }

  return step_done (self, stmt, error);
}

static GPtrArray *
load_corrections (NdDatabase  *self,
                  gint64       article_id,
                  GError     **error)
{
  g_autoptr(GPtrArray) corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_correction_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT kind, name, action, new_kind, new_name, country, lat, lon "
                              "FROM corrections WHERE article_id = ?1 ORDER BY id", error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NdEntityKind kind = ND_ENTITY_PERSON;
      NdCorrectionAction action;
      NdCorrection *c;

      if (!nd_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind) ||
          !nd_correction_action_from_string ((const char *) sqlite3_column_text (stmt, 2), &action))
        continue;

      c = nd_correction_new (action, kind, (const char *) sqlite3_column_text (stmt, 1));
      nd_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &c->new_kind);
      c->new_name = column_text (stmt, 4);
      c->country = column_text (stmt, 5);
      c->lat = sqlite3_column_double (stmt, 6);
      c->lon = sqlite3_column_double (stmt, 7);
      g_ptr_array_add (corrections, c);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&corrections);
}

/* Entities no article mentions any more are dropped, so that the desk's
 * entity browser lists only what is in the desk. Only the entities the
 * article had are checked, never the whole table. */
static gboolean
collect_entity_ids (NdDatabase  *self,
                    gint64       article_id,
                    GArray      *ids,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = get_statement (self, "SELECT entity_id FROM article_entities WHERE article_id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, article_id);
  return step_ids (self, stmt, ids, error);
}

static gboolean
drop_unused_entities (NdDatabase  *self,
                      GArray      *ids,
                      GError     **error)
{
  forget_entity_ids (self);

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = get_statement (self,
                                          "DELETE FROM entities WHERE id = ?1 AND NOT EXISTS "
                                          "(SELECT 1 FROM article_entities WHERE entity_id = ?1) "
                                          "AND NOT EXISTS (SELECT 1 FROM stops WHERE traveller_id = ?1 OR place_id = ?1)",
                                          error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
upsert_entity (NdDatabase   *self,
               NdEntityKind  kind,
               const char   *name,
               const NdStop *stop,
               gint64       *out_id,
               GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *key = NULL;
  g_autofree char *cache_key = NULL;
  gint64 entity_id = 0;
  guint gives = 0;
  guint has = 0;

  /* the row of the article's place entity: its coordinates make the key */
  if (stop != NULL && stop->place_entity != NULL && nd_entity_has_coordinates (stop->place_entity))
    {
      double lat, lon;

      nd_entity_get_coordinates (stop->place_entity, &lat, &lon);
      key = geo_key (kind, TRUE, lat, lon, nd_entity_get_country (stop->place_entity));
    }
  else
    key = geo_key (kind, stop != NULL && stop->has_coordinates,
                   stop != NULL ? stop->lat : 0, stop != NULL ? stop->lon : 0,
                   stop != NULL ? stop->country : NULL);
  if (stop != NULL && stop->country != NULL)
    gives |= ENTITY_HAS_COUNTRY;
  if (stop != NULL && stop->has_coordinates)
    gives |= ENTITY_HAS_COORDINATES;
  cache_key = g_strjoin ("\x1f", nd_entity_kind_to_string (kind), name, key, NULL);

  if ((entity_id = cached_entity_id (self, cache_key, gives)) != 0)
    {
      *out_id = entity_id;
      return TRUE;
    }

  if (!(stmt = get_statement (self,
                              "INSERT INTO entities (kind, name, country, lat, lon, geo_key) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT (kind, name, geo_key) DO UPDATE SET "
                              "  country = COALESCE (entities.country, excluded.country), "
                              "  lat = COALESCE (entities.lat, excluded.lat), "
                              "  lon = COALESCE (entities.lon, excluded.lon) "
                              ENTITY_RETURNING, error)))
    return FALSE;

  bind_text (stmt, 1, nd_entity_kind_to_string (kind));
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, stop != NULL ? stop->country : NULL);
  if (stop != NULL && stop->has_coordinates)
    {
      sqlite3_bind_double (stmt, 4, stop->lat);
      sqlite3_bind_double (stmt, 5, stop->lon);
    }
  bind_text (stmt, 6, key);

  if (!step_entity_upsert (self, stmt, &entity_id, &has, error))
    return FALSE;
  cache_entity_id (self, g_steal_pointer (&cache_key), entity_id, has);

  *out_id = entity_id;
  return TRUE;
}

/* Writes the stops of `itineraries` (NdItinerary); travellers and places
 * are entities of the desk, found or added by kind and name. */
static gboolean
write_stops (NdDatabase  *self,
             gint64       article_id,
             GPtrArray   *itineraries,
             GError     **error)
{
  for (guint i = 0; itineraries != NULL && i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      GPtrArray *stops = nd_itinerary_get_stops (itinerary);
      NdEntity *entity = nd_itinerary_get_traveller_entity (itinerary);
      /* a person, or a band or team on tour (an organisation) */
      NdEntityKind kind = entity != NULL && nd_entity_get_kind (entity) == ND_ENTITY_ORGANIZATION
        ? ND_ENTITY_ORGANIZATION : ND_ENTITY_PERSON;
      gint64 traveller_id;

      if (nd_itinerary_get_traveller (itinerary) == NULL || stops->len == 0)
        continue;
      if (!upsert_entity (self, kind, nd_itinerary_get_traveller (itinerary),
                          NULL, &traveller_id, error))
        return FALSE;

      for (guint j = 0; j < stops->len; j++)
        {
          NdStop *stop = g_ptr_array_index (stops, j);
          sqlite3_stmt *stmt;
          gint64 place_id;

          /* the place entity of the article, by its canonical name */
          const char *place = stop->place_entity != NULL
            ? nd_entity_get_name (stop->place_entity) : stop->place;

          if (place == NULL)
            continue;
          if (!upsert_entity (self, ND_ENTITY_PLACE, place, stop, &place_id, error))
            return FALSE;

          if (!(stmt = get_statement (self,
                                      "INSERT INTO stops (article_id, traveller_id, place_id, position, "
                                      "  ordered, when_text, when_date, purpose, evidence_start, evidence_end) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, article_id);
          sqlite3_bind_int64 (stmt, 2, traveller_id);
          sqlite3_bind_int64 (stmt, 3, place_id);
          sqlite3_bind_int (stmt, 4, stop->order > 0 ? (int) stop->order : (int) j + 1);
          sqlite3_bind_int (stmt, 5, nd_itinerary_get_ordered (itinerary));
          bind_text (stmt, 6, stop->when);
          bind_text (stmt, 7, stop->when_date);
          bind_text (stmt, 8, stop->purpose);
          sqlite3_bind_int (stmt, 9, stop->evidence_start);
          sqlite3_bind_int (stmt, 10, stop->evidence_end);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

#define STOP_COLUMNS \
  "s.article_id, a.title, t.name, p.name, p.country, p.lat, p.lon, s.when_text, " \
  "s.when_date, s.purpose, s.evidence_start, s.evidence_end, s.position, s.ordered"

static NdStop *
stop_from_row (sqlite3_stmt *stmt)
{
  NdStop *stop = nd_stop_new ((const char *) sqlite3_column_text (stmt, 3));

  stop->article_id = sqlite3_column_int64 (stmt, 0);
  stop->article_title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  stop->country = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL && sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      stop->has_coordinates = TRUE;
      stop->lat = sqlite3_column_double (stmt, 5);
      stop->lon = sqlite3_column_double (stmt, 6);
    }
  stop->when = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  stop->when_date = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  stop->purpose = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  stop->evidence_start = sqlite3_column_int (stmt, 10);
  stop->evidence_end = sqlite3_column_int (stmt, 11);
  stop->order = sqlite3_column_int (stmt, 12);
  return stop;
}

static NdEntity *
find_entity (GPtrArray    *entities,
             NdEntityKind  kind,
             const char   *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (entity) == kind && g_strcmp0 (nd_entity_get_name (entity), name) == 0)
        return entity;
    }
  return NULL;
}

/* "HANOI" in a dateline */
static gboolean
is_all_caps (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Adds a stop read from the desk to the itinerary of `traveller` (its
 * trip, or its past visits when not `ordered`) in `itineraries`, with
 * the place entity of the article's `entities` */
static void
attach_stop (GPtrArray  *itineraries,
             GPtrArray  *entities,
             const char *traveller,
             gboolean    ordered,
             NdStop     *stop)
{
  NdItinerary *itinerary = NULL;
  NdEntity *place;

  /* a traveller's trip and past visits are two itineraries */
  for (guint i = 0; i < itineraries->len && itinerary == NULL; i++)
    if (g_strcmp0 (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, i)), traveller) == 0 &&
        nd_itinerary_get_ordered (g_ptr_array_index (itineraries, i)) == ordered)
      itinerary = g_ptr_array_index (itineraries, i);
  if (itinerary == NULL)
    {
      NdEntity *person = find_entity (entities, ND_ENTITY_PERSON, traveller);

      /* (a band or team on tour) */
      if (person == NULL)
        person = find_entity (entities, ND_ENTITY_ORGANIZATION, traveller);
      itinerary = nd_itinerary_new (traveller);
      if (person != NULL)
        nd_itinerary_set_traveller_entity (itinerary, person);
      nd_itinerary_set_ordered (itinerary, ordered);
      /* the article's array takes this reference */
      g_ptr_array_add (itineraries, itinerary);
    }

  /* only the desk-wide timeline names the article */
  stop->article_id = 0;
  g_clear_pointer (&stop->article_title, g_free);
  if ((place = find_entity (entities, ND_ENTITY_PLACE, stop->place)) != NULL)
    {
      g_set_object (&stop->place_entity, place);
      /* the place as the evidence writes it ("St. Petersburg") */
      for (guint i = 0; i < nd_entity_get_n_mentions (place); i++)
        {
          const NdMention *mention = nd_entity_get_mention (place, i);

          if (mention->start >= stop->evidence_start && mention->end <= stop->evidence_end &&
              mention->text != NULL && g_utf8_strlen (mention->text, -1) >= 3 &&
              g_unichar_isupper (g_utf8_get_char (mention->text)) &&
              !is_all_caps (mention->text))
            {
              g_free (stop->place);
              stop->place = g_strdup (mention->text);
              break;
            }
        }
    }
  nd_itinerary_add_stop (itinerary, stop);
}

static gboolean
load_stops (NdDatabase  *self,
            NdArticle   *article,
            GError     **error)
{
  g_autoptr(GPtrArray) itineraries = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *entities = nd_article_get_entities (article);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT " STOP_COLUMNS " FROM stops s "
                              "JOIN articles a ON a.id = s.article_id "
                              "JOIN entities t ON t.id = s.traveller_id "
                              "JOIN entities p ON p.id = s.place_id "
                              "WHERE s.article_id = ?1 ORDER BY s.id", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, nd_article_get_id (article));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *traveller = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(NdStop) stop = stop_from_row (stmt);

      attach_stop (itineraries, entities, traveller, sqlite3_column_int (stmt, 13) != 0, stop);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  nd_article_set_itineraries (article, itineraries);
  return TRUE;
}

static gboolean
same_when (const NdStop *a,
           const NdStop *b)
{
  if (a->when_date != NULL && b->when_date != NULL)
    return strcmp (a->when_date, b->when_date) == 0;
  return g_ascii_strcasecmp (a->when, b->when) == 0;
}

GPtrArray *
nd_database_list_traveller_stops (NdDatabase  *self,
                                  const char  *traveller,
                                  GError     **error)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_stop_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (traveller != NULL, NULL);

  if (!(stmt = get_statement (self,
                              "SELECT " STOP_COLUMNS " FROM stops s "
                              "JOIN articles a ON a.id = s.article_id "
                              "JOIN entities t ON t.id = s.traveller_id "
                              "JOIN entities p ON p.id = s.place_id "
                              "WHERE t.name = ?1 COLLATE NOCASE "
                              "   OR t.name LIKE '% ' || ?1 "
                              "ORDER BY COALESCE (s.when_date, a.sort_date), a.sort_date, s.article_id, s.position",
                              error)))
    return NULL;

  bind_text (stmt, 1, traveller);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stops, stop_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  /* the same place on different days in two articles: show both */
  for (guint i = 0; i < stops->len; i++)
    for (guint j = i + 1; j < stops->len; j++)
      {
        NdStop *a = g_ptr_array_index (stops, i);
        NdStop *b = g_ptr_array_index (stops, j);

        if (a->article_id != b->article_id &&
            a->when != NULL && b->when != NULL &&
            g_strcmp0 (a->place, b->place) == 0 && !same_when (a, b))
          a->conflict = b->conflict = TRUE;
      }

  return g_steal_pointer (&stops);
}

static gboolean
write_article (NdDatabase  *self,
               NdArticle   *article,
               const char  *hash,
               gint64      *out_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  const char * const *tags;
  g_autofree char *imported = NULL;
  GPtrArray *entities;
  GPtrArray *corrections;
  gint64 id;

  if (nd_article_get_imported (article) != NULL)
    imported = g_strdup (nd_article_get_imported (article));
  else
    imported = now_utc ();

  if (!(stmt = get_statement (self,
                              "INSERT INTO articles (id, title, body, source, published, imported, "
                              "  read, starred, content_hash, sort_date, extractor_version) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE (?5, ?6), ?10)", error)))
    return FALSE;

  if (nd_article_get_id (article) > 0)
    sqlite3_bind_int64 (stmt, 1, nd_article_get_id (article));
  else
    sqlite3_bind_null (stmt, 1);
  bind_text (stmt, 2, nd_article_get_title (article) ? nd_article_get_title (article) : "");
  bind_text (stmt, 3, nd_article_get_body (article) ? nd_article_get_body (article) : "");
  bind_text (stmt, 4, nd_article_get_source (article));
  bind_text (stmt, 5, nd_article_get_published (article));
  bind_text (stmt, 6, imported);
  sqlite3_bind_int (stmt, 7, nd_article_get_read (article));
  sqlite3_bind_int (stmt, 8, nd_article_get_starred (article));
  bind_text (stmt, 9, hash);
  sqlite3_bind_int (stmt, 10, ND_EXTRACTOR_VERSION);

  if (!step_done (self, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (self->db);

  tags = nd_article_get_tags (article);
  for (guint i = 0; tags[i] != NULL; i++)
    if (!write_tag (self, id, tags[i], error))
      return FALSE;

  entities = nd_article_get_entities (article);
  for (guint i = 0; i < entities->len; i++)
    if (!write_entity (self, g_ptr_array_index (entities, i), error))
      return FALSE;
  if (!write_entity_rows (self, id, nd_article_get_body (article), entities, error))
    return FALSE;

  corrections = nd_article_get_corrections (article);
  for (guint i = 0; i < corrections->len; i++)
    if (!write_correction (self, id, g_ptr_array_index (corrections, i), error))
      return FALSE;

  if (!write_stops (self, id, nd_article_get_itineraries (article), error))
    return FALSE;

  *out_id = id;
  nd_article_set_imported (article, imported);
  return TRUE;
}

gboolean
nd_database_insert_article (NdDatabase  *self,
                            NdArticle   *article,
                            gint64      *out_id,
                            gboolean    *out_duplicate,
                            GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ND_IS_ARTICLE (article), FALSE);

  hash = nd_article_compute_hash (article);
  return nd_database_insert_article_with_hash (self, article, hash, out_id, out_duplicate, error);
}

gboolean
nd_database_insert_article_with_hash (NdDatabase  *self,
                                      NdArticle   *article,
                                      const char  *hash,
                                      gint64      *out_id,
                                      gboolean    *out_duplicate,
                                      GError     **error)
{
  gint64 existing = 0;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ND_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);

  if (out_duplicate != NULL)
    *out_duplicate = FALSE;
  if (out_id != NULL)
    *out_id = 0;

  if (!savepoint_begin (self, error))
    return FALSE;

  ok = lookup_hash (self, hash, &existing, error);
  if (ok && existing == 0)
    ok = write_article (self, article, hash, &id, error);
  /* alone, the article is its own transaction: its full-text row too;
   * in a batch, the rows are written at the commit */
  if (ok && existing == 0 && !self->in_batch)
    ok = write_fts_rows (self, &id, 1, error);

  if (!savepoint_end (self, ok, error))
    return FALSE;

  if (existing == 0 && self->in_batch)
    g_array_append_val (self->fts_pending, id);

  if (existing != 0)
    {
      if (out_duplicate != NULL)
        *out_duplicate = TRUE;
      if (out_id != NULL)
        *out_id = existing;
      return TRUE;
    }

  nd_article_set_id (article, id);
  if (out_id != NULL)
    *out_id = id;

  return TRUE;
}

gboolean
nd_database_find_duplicate (NdDatabase  *self,
                            NdArticle   *article,
                            gint64      *out_id,
                            GError     **error)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ND_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  hash = nd_article_compute_hash (article);
  return lookup_hash (self, hash, out_id, error);
}

gboolean
nd_database_find_duplicate_hash (NdDatabase  *self,
                                 const char  *hash,
                                 gint64      *out_id,
                                 GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  return lookup_hash (self, hash, out_id, error);
}

static NdArticle *
load_row (NdDatabase  *self,
          gint64       id,
          gboolean     with_body,
          GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  const char *sql = with_body
    ? "SELECT " ARTICLE_COLUMNS ", body FROM articles WHERE id = ?1"
    : "SELECT " ARTICLE_COLUMNS " FROM articles WHERE id = ?1";
  int rc;

  if (!(stmt = get_statement (self, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, ND_ERROR, ND_ERROR_NOT_FOUND, _("No article with id %lld"), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  article = nd_article_new ();
  nd_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  nd_article_set_title (article, (const char *) sqlite3_column_text (stmt, 1));
  nd_article_set_source (article, (const char *) sqlite3_column_text (stmt, 2));
  nd_article_set_published (article, (const char *) sqlite3_column_text (stmt, 3));
  nd_article_set_imported (article, (const char *) sqlite3_column_text (stmt, 4));
  nd_article_set_read (article, sqlite3_column_int (stmt, 5));
  nd_article_set_starred (article, sqlite3_column_int (stmt, 6));
  if (with_body)
    nd_article_set_body (article, (const char *) sqlite3_column_text (stmt, 7));
  sqlite3_reset (stmt);

  if (!(stmt = get_statement (self,
                              "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
                              "WHERE at.article_id = ?1", error)))
    return NULL;

  tags = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }
  g_ptr_array_add (tags, NULL);
  nd_article_set_tags (article, (const char * const *) tags->pdata);

  return g_steal_pointer (&article);
}

static gboolean
load_entities (NdDatabase  *self,
               NdArticle   *article,
               GError     **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gint64 id = nd_article_get_id (article);
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT " ENTITY_COLUMNS ", ae.role "
                              "FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
                              "WHERE ae.article_id = ?1 ORDER BY ae.position", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NdEntity *entity = entity_from_row (stmt);

      nd_entity_set_role (entity, (const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (entities, entity);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  if (!(stmt = get_statement (self, "SELECT data FROM article_mentions WHERE article_id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (PackedMention));
      BodyIndex index;

      body_index_init (&index, nd_article_get_body (article), self->body_offsets);
      if (!unpack_mentions (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), &index, mentions))
        {
          sqlite3_reset (stmt);
          return damaged_mentions (self, id, error);
        }

      /* by start, then in their order */
      g_array_sort (mentions, compare_packed_mentions);
      for (guint m = 0; m < mentions->len; m++)
        {
          const PackedMention *mention = &g_array_index (mentions, PackedMention, m);
          NdEntity *entity = NULL;

          for (guint i = 0; i < entities->len && entity == NULL; i++)
            if (nd_entity_get_id (g_ptr_array_index (entities, i)) == mention->entity_id)
              entity = g_ptr_array_index (entities, i);

          if (entity != NULL && mention->start <= mention->end)
            nd_entity_add_mention_len (entity, mention->start, mention->end, mention->text, mention->length);
        }
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  nd_article_set_entities (article, entities);
  return TRUE;
}

NdArticle *
nd_database_load_article (NdDatabase  *self,
                          gint64       id,
                          GError     **error)
{
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GPtrArray) corrections = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  if (!(article = load_row (self, id, TRUE, error)))
    return NULL;

  if (!load_entities (self, article, error))
    return NULL;

  if (!load_stops (self, article, error))
    return NULL;

  if (!(corrections = load_corrections (self, id, error)))
    return NULL;
  nd_article_set_corrections (article, corrections);

  return g_steal_pointer (&article);
}

NdArticle *
nd_database_load_article_summary (NdDatabase  *self,
                                  gint64       id,
                                  GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  return load_row (self, id, FALSE, error);
}

gboolean
nd_database_has_article (NdDatabase *self,
                         gint64      id)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  if (!(stmt = get_statement (self, "SELECT 1 FROM articles WHERE id = ?1", NULL)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}

static gboolean
require_article (NdDatabase  *self,
                 gint64       id,
                 GError     **error)
{
  if (nd_database_has_article (self, id))
    return TRUE;

  g_set_error (error, ND_ERROR, ND_ERROR_NOT_FOUND, _("No article with id %lld"), (long long) id);
  return FALSE;
}

static gboolean
drop_unused_tags (NdDatabase  *self,
                  GError     **error)
{
  sqlite3_stmt *stmt = get_statement (self,
                                      "DELETE FROM tags WHERE NOT EXISTS "
                                      "(SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id)",
                                      error);

  return stmt != NULL && step_done (self, stmt, error);
}

gboolean
nd_database_delete_article (NdDatabase  *self,
                            gint64       id,
                            GError     **error)
{
  g_autoptr(GArray) entity_ids = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  if (!require_article (self, id, error))
    return FALSE;

  /* the delete trigger takes the article's full-text row out: it must be
   * there (an article inserted earlier in this batch) */
  if (!flush_fts_pending (self, error))
    return FALSE;

  if (!savepoint_begin (self, error))
    return FALSE;

  entity_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ok = collect_entity_ids (self, id, entity_ids, error);
  ok = ok && (stmt = get_statement (self, "DELETE FROM articles WHERE id = ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = step_done (self, stmt, error);
    }
  ok = ok && drop_unused_tags (self, error);
  ok = ok && drop_unused_entities (self, entity_ids, error);

  return savepoint_end (self, ok, error);
}

gboolean
nd_database_add_tag (NdDatabase  *self,
                     gint64       id,
                     const char  *tag,
                     GError     **error)
{
  g_autofree char *normalized = nd_tag_normalize (tag);
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  if (normalized == NULL)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_TAG, _("A tag cannot be empty"));
      return FALSE;
    }

  if (!require_article (self, id, error))
    return FALSE;

  if (!savepoint_begin (self, error))
    return FALSE;
  ok = write_tag (self, id, normalized, error);
  return savepoint_end (self, ok, error);
}

gboolean
nd_database_remove_tag (NdDatabase  *self,
                        gint64       id,
                        const char  *tag,
                        GError     **error)
{
  g_autofree char *normalized = nd_tag_normalize (tag);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);

  if (!require_article (self, id, error))
    return FALSE;

  if (normalized == NULL)
    return TRUE;

  if (!savepoint_begin (self, error))
    return FALSE;

  ok = (stmt = get_statement (self,
                              "DELETE FROM article_tags WHERE article_id = ?1 AND "
                              "tag_id = (SELECT id FROM tags WHERE name = ?2)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, normalized);
      ok = step_done (self, stmt, error);
    }
  ok = ok && drop_unused_tags (self, error);

  return savepoint_end (self, ok, error);
}

static gboolean
set_flag (NdDatabase  *self,
          const char  *sql,
          gint64       id,
          gboolean     value,
          GError     **error)
{
  sqlite3_stmt *stmt;

  if (!require_article (self, id, error) || !check_writable (self, error))
    return FALSE;

  if (!(stmt = get_statement (self, sql, error)))
    return FALSE;

  sqlite3_bind_int (stmt, 1, !!value);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_done (self, stmt, error);
}

gboolean
nd_database_set_read (NdDatabase  *self,
                      gint64       id,
                      gboolean     read,
                      GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  return set_flag (self, "UPDATE articles SET read = ?1 WHERE id = ?2", id, read, error);
}

gboolean
nd_database_set_starred (NdDatabase  *self,
                         gint64       id,
                         gboolean     starred,
                         GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  return set_flag (self, "UPDATE articles SET starred = ?1 WHERE id = ?2", id, starred, error);
}

/* FTS5's own tokenizer, as the full-text index is made with: the query
 * is built from its tokens, so that each is a term of its own. FTS5's API
 * belongs to a connection: one in memory, opened once and kept for the
 * process (the tokenizer itself keeps no state between calls). */
static const fts5_tokenizer *
get_fts_tokenizer (void **user_data)
{
  static gsize once = 0;
  static sqlite3 *db = NULL;
  static fts5_tokenizer tokenizer;
  static void *tokenizer_data = NULL;
  static gboolean found = FALSE;

  if (g_once_init_enter (&once))
    {
      fts5_api *api = NULL;
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK &&
          sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
          sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);

      if (api != NULL && api->iVersion >= 2 &&
          api->xFindTokenizer (api, "unicode61", &tokenizer_data, &tokenizer) == SQLITE_OK)
        found = TRUE;
      else
        g_warning ("SQLite has no FTS5 unicode61 tokenizer: %s", db != NULL ? sqlite3_errmsg (db) : "no memory");

      g_once_init_leave (&once, 1);
    }

  *user_data = tokenizer_data;
  return found ? &tokenizer : NULL;
}

typedef struct
{
  GString    *query;
  const char *word;
  int         last_end;
} FtsTokens;

static int
add_fts_token (void       *data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FtsTokens *tokens = data;

  (void) flags;
  (void) token;
  (void) n_token;

  /* the token as typed ("Gaza", not "gaza"): FTS5 folds it again, to
   * the same one token */
  if (tokens->query->len > 0)
    g_string_append_c (tokens->query, ' ');
  g_string_append_c (tokens->query, '"');
  for (int i = start; i < end; i++)
    {
      if (tokens->word[i] == '"')
        g_string_append_c (tokens->query, '"');
      g_string_append_c (tokens->query, tokens->word[i]);
    }
  g_string_append_c (tokens->query, '"');
  tokens->last_end = (int) tokens->query->len;

  return SQLITE_OK;
}

char *
nd_database_build_fts_query (const char *text)
{
  static const char * const args[] = { "remove_diacritics", "2" };
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autofree char *nfc = NULL;
  const fts5_tokenizer *tokenizer;
  Fts5Tokenizer *instance = NULL;
  void *user_data = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* composed as the importer stores text (nd_text_normalize()): a
   * decomposed "u" + diaeresis is the "ü" of the article */
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;

  if ((tokenizer = get_fts_tokenizer (&user_data)) == NULL ||
      tokenizer->xCreate (user_data, (const char **) args, G_N_ELEMENTS (args), &instance) != SQLITE_OK)
    return NULL;

  for (const char *p = nfc; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          /* Each token of the word a quoted term, all of them required,
           * the last one a prefix (the word being typed): a word that
           * the tokenizer splits ("नमस्ते", a decomposed accent) is not a
           * phrase, which the index (detail=column) cannot answer. A
           * quoted string is one token to FTS5; no user text can reach
           * its query syntax. */
          FtsTokens tokens = { query, word->str, -1 };

          tokenizer->xTokenize (instance, &tokens, FTS5_TOKENIZE_QUERY, word->str, (int) word->len,
                                add_fts_token);
          if (tokens.last_end >= 0)
            g_string_insert_c (query, tokens.last_end, '*');
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  tokenizer->xDelete (instance);

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* nd_database_build_fts_query() of the last text asked for, kept: NULL
 * when the text has no word. Owned by self until the next call. */
static const char *
get_fts_query (NdDatabase *self,
               const char *text)
{
  if (g_strcmp0 (self->fts_text, text) != 0)
    {
      g_free (self->fts_text);
      g_free (self->fts_query);
      self->fts_text = g_strdup (text);
      self->fts_query = nd_database_build_fts_query (text);
    }

  return self->fts_query;
}

static gboolean
is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

/* The SQL of one filter combination: only the filters in use appear, so
 * that SQLite plans each combination on its own indexes (a search starts
 * from the full-text index, a tag from article_tags_by_tag, an entity
 * from entities_by_name and mentions_by_text) instead of testing every
 * article of the desk. The text of each combination is the same on every
 * call, so get_statement() prepares it once. */
static char *
build_query_sql (gboolean    search,
                 gboolean    tag,
                 gboolean    entity,
                 NdSortOrder sort,
                 gboolean    ordered)
{
  g_autoptr(GString) sql = g_string_new ("SELECT a.id FROM articles a");
  const char *where = " WHERE ";

  /* Under a filter, the sort keys of the articles found come from the
   * index by id (without statistics SQLite would read each article's row,
   * past its body) */
  if (search || tag || entity)
    g_string_append (sql, " INDEXED BY articles_sort_keys");

  if (search)
    {
      g_string_append_printf (sql, "%sa.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)",
                              where);
      where = " AND ";
    }
  if (tag)
    {
      g_string_append_printf (sql, "%sa.id IN (SELECT at.article_id FROM article_tags at"
                                   " JOIN tags t ON t.id = at.tag_id WHERE t.name = ?2)", where);
      where = " AND ";
    }
  if (entity)
    {
      g_string_append_printf (sql, "%sa.id IN ("
                                   "SELECT ae.article_id FROM entities e"
                                   " JOIN article_entities ae ON ae.entity_id = e.id"
                                   " WHERE e.name = ?3 COLLATE NOCASE"
                                   " UNION ALL SELECT v.article_id FROM mention_variants v"
                                   " WHERE v.text = ?3 COLLATE NOCASE)", where);
      where = " AND ";
    }
  /* ?1, ?2 and ?3 always exist, so the bindings do not depend on the
   * combination */
  g_string_append_printf (sql, "%s?1 IS ?1 AND ?2 IS ?2 AND ?3 IS ?3 %s", where, ordered ? query_sql[sort] : "");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The articles one filter (or a combination) matches, in no order, as
 * SQLite finds them fastest: straight from the full-text index, the tag
 * index or the entity indexes (an id may come twice) */
static char *
build_set_sql (gboolean search,
               gboolean tag,
               gboolean entity)
{
  if (search && !tag && !entity)
    return g_strdup ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 AND ?2 IS ?2 AND ?3 IS ?3");
  if (tag && !search && !entity)
    return g_strdup ("SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id"
                     " WHERE t.name = ?2 AND ?1 IS ?1 AND ?3 IS ?3");
  if (entity && !search && !tag)
    return g_strdup ("SELECT ae.article_id FROM entities e"
                     " JOIN article_entities ae ON ae.entity_id = e.id"
                     " WHERE e.name = ?3 COLLATE NOCASE AND ?1 IS ?1 AND ?2 IS ?2"
                     " UNION ALL SELECT v.article_id FROM mention_variants v"
                     " WHERE v.text = ?3 COLLATE NOCASE");

  return build_query_sql (search, tag, entity, ND_SORT_DATE_DESC, FALSE);
}

/* Binds the filters: unused parameters stay NULL */
static void
bind_query (sqlite3_stmt  *stmt,
            const char    *fts,
            const NdQuery *query)
{
  bind_text (stmt, 1, fts);
  if (!is_blank (query->tag))
    bind_text (stmt, 2, query->tag);
  if (!is_blank (query->entity))
    bind_text (stmt, 3, query->entity);
}

static gint64
get_data_version (NdDatabase *self)
{
  sqlite3_stmt *stmt = get_statement (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

/* The ids of the whole desk in `sort` order, with the rank of each id,
 * read again only when the desk changed since: the whole list costs one
 * walk of the sort index (about 0.1 µs an article) once, and a filter's
 * ids are then put in order by their ranks instead of a temporary B-tree
 * of their sort keys (about 1 µs an id). Inside a transaction, whose
 * changes may be rolled back, there is no cache: NULL (and no error). */
static GArray *
get_order (NdDatabase   *self,
           NdSortOrder   sort,
           GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_int64 changes;
  gint64 data_version;
  gint64 max_id = 0;
  sqlite3_stmt *stmt;

  if (!sqlite3_get_autocommit (self->db))
    return NULL;

  changes = sqlite3_total_changes64 (self->db);
  if ((data_version = get_data_version (self)) < 0)
    return NULL;

  if ((self->order != NULL || self->order_sparse) && self->order_sort == sort &&
      self->order_changes == changes && self->order_data_version == data_version)
    return self->order;

  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->rank, g_free);
  self->rank_size = 0;
  self->order_sparse = FALSE;

  sql = build_query_sql (FALSE, FALSE, FALSE, sort, TRUE);
  if (!(stmt = get_statement (self, sql, error)))
    return NULL;
  self->order = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!step_ids (self, stmt, self->order, error))
    {
      g_clear_pointer (&self->order, g_array_unref);
      return NULL;
    }

  for (guint i = 0; i < self->order->len; i++)
    max_id = MAX (max_id, g_array_index (self->order, gint64, i));

  self->order_sort = sort;
  self->order_changes = changes;
  self->order_data_version = data_version;

  /* ids are dense in practice (4 bytes an id); else no ranks until the
   * desk changes, and SQLite sorts */
  if (max_id < 0 || max_id >= (gint64) self->order->len * 4 + 1024)
    {
      g_clear_pointer (&self->order, g_array_unref);
      self->order_sparse = TRUE;
      return NULL;
    }

  self->rank_size = max_id + 1;
  self->rank = g_new (guint32, self->rank_size);
  memset (self->rank, 0xff, self->rank_size * sizeof (guint32));
  for (guint i = 0; i < self->order->len; i++)
    {
      gint64 id = g_array_index (self->order, gint64, i);

      if (id >= 0)
        self->rank[id] = i;
    }

  return self->order;
}

GArray *
nd_database_query_ids (NdDatabase     *self,
                       const NdQuery  *query,
                       GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = NULL;
  g_autofree char *sql = NULL;
  g_autofree guint64 *marks = NULL;
  const char *fts = NULL;
  gboolean search, tag, entity;
  GArray *order;
  NdSortOrder sort;
  sqlite3_stmt *stmt;
  gsize n_words;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  sort = query->sort <= ND_SORT_TITLE ? query->sort : ND_SORT_DATE_DESC;
  fts = is_blank (query->search) ? NULL : get_fts_query (self, query->search);

  /* Text made only of punctuation matches nothing rather than everything */
  if (!is_blank (query->search) && fts == NULL)
    return g_steal_pointer (&ids);

  search = fts != NULL;
  /* inside a batch, its articles are searchable before its commit */
  if (search && !flush_fts_pending (self, error))
    return NULL;
  tag = !is_blank (query->tag);
  entity = !is_blank (query->entity);

  order = get_order (self, sort, error);
  if (order == NULL && error != NULL && *error != NULL)
    return NULL;

  /* without a cache (in a transaction): SQLite sorts */
  if (order == NULL)
    {
      sql = build_query_sql (search, tag, entity, sort, TRUE);
      if (!(stmt = get_statement (self, sql, error)))
        return NULL;
      bind_query (stmt, fts, query);
      if (!step_ids (self, stmt, ids, error))
        return NULL;

      return g_steal_pointer (&ids);
    }

  if (!search && !tag && !entity)
    {
      g_array_append_vals (ids, order->data, order->len);
      return g_steal_pointer (&ids);
    }

  /* what the filter matches, unordered */
  sql = build_set_sql (search, tag, entity);
  if (!(stmt = get_statement (self, sql, error)))
    return NULL;
  bind_query (stmt, fts, query);
  found = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!step_ids (self, stmt, found, error))
    return NULL;

  /* mark the ranks of what was found (once each: an id may come twice),
   * then read the marks in order */
  n_words = order->len / 64 + 1;
  marks = g_new0 (guint64, n_words);
  for (guint i = 0; i < found->len; i++)
    {
      gint64 id = g_array_index (found, gint64, i);
      guint32 r;

      if (id < 0 || id >= self->rank_size || (r = self->rank[id]) == G_MAXUINT32)
        continue;
      marks[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
    }

  for (gsize w = 0; w < n_words; w++)
    {
      guint64 word = marks[w];

      while (word != 0)
        {
          guint bit = __builtin_ctzll (word);

          g_array_append_val (ids, g_array_index (order, gint64, w * 64 + bit));
          word &= word - 1;
        }
    }

  return g_steal_pointer (&ids);
}

/* The first ids of nd_database_query_ids() and how many it lists, from
 * one statement (one read of the desk: the count and the ids agree). The
 * whole desk walks the sort index only as far as `limit` and counts its
 * articles without reading them; a filter reads all it matches. */
GArray *
nd_database_query_first_ids (NdDatabase     *self,
                             const NdQuery  *query,
                             guint           limit,
                             guint          *out_total,
                             GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *limited = NULL;
  NdSortOrder sort;
  sqlite3_stmt *stmt;
  guint total = 0;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!is_blank (query->search) || !is_blank (query->tag) || !is_blank (query->entity))
    {
      ids = nd_database_query_ids (self, query, error);
      if (ids == NULL)
        return NULL;
      if (out_total != NULL)
        *out_total = ids->len;
      if (ids->len > limit)
        g_array_set_size (ids, limit);
      return g_steal_pointer (&ids);
    }

  sort = query->sort <= ND_SORT_TITLE ? query->sort : ND_SORT_DATE_DESC;
  /* the order of nd_database_query_ids() (its kept order is read with
   * the same ORDER BY), with the count as a second column */
  sql = build_query_sql (FALSE, FALSE, FALSE, sort, TRUE);
  g_assert (g_str_has_prefix (sql, "SELECT a.id "));
  limited = g_strdup_printf ("SELECT a.id, (SELECT count(*) FROM articles) %s LIMIT ?4",
                             sql + strlen ("SELECT a.id "));
  if (!(stmt = get_statement (self, limited, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 4, limit);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (limit, 1024));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      total = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  /* no row carries the count when there is no article */
  if (out_total != NULL)
    *out_total = MAX (total, ids->len);

  return g_steal_pointer (&ids);
}

static gboolean
explain_sql (NdDatabase  *self,
             const char  *query_sql_text,
             const char  *fts,
             const NdQuery *query,
             GString     *plan,
             GError     **error)
{
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", query_sql_text, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (self, error);

  bind_text (stmt, 1, fts);
  bind_text (stmt, 2, query->tag);
  bind_text (stmt, 3, query->entity);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

char *
nd_database_explain_query_ids (NdDatabase     *self,
                               const NdQuery  *query,
                               GError        **error)
{
  g_autofree char *ordered_sql = NULL;
  g_autofree char *set_sql = NULL;
  g_autofree char *fts = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  gboolean search, tag, entity;
  NdSortOrder sort;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  sort = query->sort <= ND_SORT_TITLE ? query->sort : ND_SORT_DATE_DESC;
  fts = is_blank (query->search) ? NULL : nd_database_build_fts_query (query->search);
  search = fts != NULL;
  tag = !is_blank (query->tag);
  entity = !is_blank (query->entity);

  /* what finds the ids of a filter (put in order by the kept ranks) */
  if (search || tag || entity)
    {
      set_sql = build_set_sql (search, tag, entity);
      g_string_append (plan, "-- filter\n");
      if (!explain_sql (self, set_sql, fts, query, plan, error))
        return NULL;
    }

  /* the whole list, and every query inside a transaction */
  ordered_sql = build_query_sql (search, tag, entity, sort, TRUE);
  g_string_append (plan, "-- in order\n");
  if (!explain_sql (self, ordered_sql, fts, query, plan, error))
    return NULL;

  return g_string_free (g_steal_pointer (&plan), FALSE);
}

guint
nd_database_count_articles (NdDatabase *self)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (ND_IS_DATABASE (self), 0);

  if (!(stmt = get_statement (self, "SELECT count(*) FROM articles", NULL)))
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* What a snippet is: the same for one article and for a screenful */
#define SNIPPET_SQL "SELECT rowid, snippet (articles_fts, -1, '\xee\x80\x80', '\xee\x80\x81', '…', 16) " \
                    "FROM articles_fts WHERE articles_fts MATCH ?1 AND "

char *
nd_database_get_snippet (NdDatabase *self,
                         gint64      id,
                         const char *search)
{
  const char *fts;
  sqlite3_stmt *stmt;
  char *snippet = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  if ((fts = get_fts_query (self, search)) == NULL || !flush_fts_pending (self, NULL))
    return NULL;

  if (!(stmt = get_statement (self, SNIPPET_SQL "rowid = ?2", NULL)))
    return NULL;

  bind_text (stmt, 1, fts);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    snippet = column_text (stmt, 1);
  sqlite3_reset (stmt);

  return snippet;
}

GHashTable *
nd_database_get_snippets (NdDatabase    *self,
                          const char    *search,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_autoptr(GHashTable) snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GString) list = g_string_new ("[");
  gint64 first = G_MAXINT64;
  gint64 last = G_MININT64;
  const char *fts;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (n_ids == 0 || (fts = get_fts_query (self, search)) == NULL)
    return g_steal_pointer (&snippets);
  if (!flush_fts_pending (self, error))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
      first = MIN (first, ids[i]);
      last = MAX (last, ids[i]);
    }
  g_string_append_c (list, ']');

  /* One MATCH for all of them, its rows bounded by the smallest and
   * largest id, and the ids tested after it ("+rowid"): with "rowid IN"
   * alone SQLite hands FTS5 one id at a time, which sets up the whole
   * query (and expands its prefixes) again for each row. */
  if (!(stmt = get_statement (self, SNIPPET_SQL "rowid >= ?3 AND rowid <= ?4"
                                    " AND +rowid IN (SELECT value FROM json_each (?2))", error)))
    return NULL;

  bind_text (stmt, 1, fts);
  bind_text (stmt, 2, list->str);
  sqlite3_bind_int64 (stmt, 3, first);
  sqlite3_bind_int64 (stmt, 4, last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (snippets, g_memdup2 (&id, sizeof id), column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&snippets);
}

GPtrArray *
nd_database_list_tags (NdDatabase  *self,
                       GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_tag_count_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  if (!(stmt = get_statement (self,
                              "SELECT t.name, count(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id "
                              "GROUP BY t.id ORDER BY t.name", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NdTagCount *tag = g_new0 (NdTagCount, 1);

      tag->name = column_text (stmt, 0);
      tag->count = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (tags, tag);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

GPtrArray *
nd_database_list_entities (NdDatabase    *self,
                           NdEntityKind   kind,
                           guint          limit,
                           GError       **error)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_entity_count_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  if (!(stmt = get_statement (self,
                              "SELECT " ENTITY_COLUMNS ", count (*) AS n "
                              "FROM entities e JOIN article_entities ae ON ae.entity_id = e.id "
                              "WHERE e.kind = ?1 GROUP BY e.id "
                              "ORDER BY n DESC, e.name COLLATE NOCASE LIMIT ?2", error)))
    return NULL;

  bind_text (stmt, 1, nd_entity_kind_to_string (kind));
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NdEntityCount *count = g_new0 (NdEntityCount, 1);

      count->entity = entity_from_row (stmt);
      count->n_articles = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (entities, count);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entities);
}

/* Rewrites the article's entities from `entities`, corrections applied */
static gboolean
rewrite_entities (NdDatabase  *self,
                  gint64       id,
                  GPtrArray   *entities,
                  GError     **error)
{
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) corrections = NULL;
  g_autoptr(GPtrArray) itineraries = NULL;
  g_autofree char *body = NULL;
  g_autofree char *published = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;

  if (!(corrections = load_corrections (self, id, error)))
    return FALSE;
  nd_corrections_apply (corrections, entities);

  if (!collect_entity_ids (self, id, old_ids, error))
    return FALSE;

  /* the stops are built again from the new entities and the stored body */
  if (!(stmt = get_statement (self, "SELECT body, published, title FROM articles WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      body = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      published = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  itineraries = nd_extractor_build_itineraries (title, body != NULL ? body : "", published, entities);

  if (!(stmt = get_statement (self, "SELECT traveller_id, place_id FROM stops WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int col = 0; col < 2; col++)
      {
        gint64 entity_id = sqlite3_column_int64 (stmt, col);

        g_array_append_val (old_ids, entity_id);
      }
  sqlite3_reset (stmt);

  if (!(stmt = get_statement (self, "DELETE FROM stops WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = get_statement (self, "DELETE FROM article_mentions WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = get_statement (self, "DELETE FROM mention_variants WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!(stmt = get_statement (self, "DELETE FROM article_entities WHERE article_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < entities->len; i++)
    if (!write_entity (self, g_ptr_array_index (entities, i), error))
      return FALSE;
  if (!write_entity_rows (self, id, body, entities, error))
    return FALSE;

  if (!write_stops (self, id, itineraries, error))
    return FALSE;

  return drop_unused_entities (self, old_ids, error);
}

gboolean
nd_database_replace_entities (NdDatabase  *self,
                              gint64       id,
                              GPtrArray   *entities,
                              int          extractor_version,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entities != NULL, FALSE);

  if (!require_article (self, id, error))
    return FALSE;

  if (!savepoint_begin (self, error))
    return FALSE;

  ok = rewrite_entities (self, id, entities, error);
  ok = ok && (stmt = get_statement (self, "UPDATE articles SET extractor_version = ?1 WHERE id = ?2", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, extractor_version);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = step_done (self, stmt, error);
    }

  return savepoint_end (self, ok, error);
}

GArray *
nd_database_query_stale_ids (NdDatabase  *self,
                             int          version,
                             GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  if (!(stmt = get_statement (self, "SELECT id FROM articles WHERE extractor_version < ?1 ORDER BY id", error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, version);
  if (!step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

gboolean
nd_database_add_correction (NdDatabase          *self,
                            gint64               id,
                            const NdCorrection  *correction,
                            GError             **error)
{
  g_autoptr(NdArticle) article = NULL;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (correction != NULL, FALSE);

  if (!savepoint_begin (self, error))
    return FALSE;

  /* (with the body, that the mentions' texts come from) */
  ok = (article = load_row (self, id, TRUE, error)) != NULL;
  ok = ok && load_entities (self, article, error);
  ok = ok && write_correction (self, id, correction, error);
  ok = ok && rewrite_entities (self, id, nd_article_get_entities (article), error);

  return savepoint_end (self, ok, error);
}

gboolean
nd_database_remove_correction (NdDatabase          *self,
                               gint64               id,
                               NdEntityKind         kind,
                               const char          *name,
                               const NdCorrection  *restore,
                               GPtrArray           *entities,
                               GError             **error)
{
  g_autoptr(NdArticle) article = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ND_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (restore == NULL ||
                        (restore->kind == kind && g_strcmp0 (restore->name, name) == 0), FALSE);

  if (!require_article (self, id, error))
    return FALSE;

  if (!savepoint_begin (self, error))
    return FALSE;

  ok = (stmt = get_statement (self,
                              "DELETE FROM corrections WHERE article_id = ?1 AND kind = ?2 AND name = ?3",
                              error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, nd_entity_kind_to_string (kind));
      bind_text (stmt, 3, name);
      ok = step_done (self, stmt, error);
    }

  if (ok && restore != NULL)
    ok = write_correction (self, id, restore, error);

  if (ok && entities == NULL)
    {
      ok = (article = load_row (self, id, TRUE, error)) != NULL;
      ok = ok && load_entities (self, article, error);
      if (ok)
        entities = nd_article_get_entities (article);
    }

  ok = ok && rewrite_entities (self, id, entities, error);

  return savepoint_end (self, ok, error);
}

GPtrArray *
nd_database_list_corrections (NdDatabase  *self,
                              gint64       id,
                              GError     **error)
{
  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);

  return load_corrections (self, id, error);
}

/* Export batches: plain rows ------------------------------------------------
 *
 * nd_database_load_export_batch() reads a batch of articles for export
 * with one query a table (articles, tags, entities, mentions, stops)
 * instead of six queries an article, into plain arrays: the same fields
 * as the NdArticle that nd_database_load_article() builds, without an
 * object for each of the 35 entities, 55 mentions and 12 stops of an
 * average article, whose making and freeing cost more than the queries.
 * The batch's ids go in as a JSON array, read back with json_each(), so
 * the statements are prepared once whatever the batch's size. Articles
 * with corrections (rare) are loaded whole, as NdArticle. The entities
 * are not joined to each reference (350,000 for 10,000 articles, and
 * 240,000 more from the stops' travellers and places): an export's
 * NdExportCache reads each once, when a batch first names it. */

#define BULK_IDS "(SELECT value FROM json_each (?1))"

/* The export's entities: each read once, by id, when a batch first
 * names it */
typedef struct
{
  gint64        id;
  NdEntityKind  kind;
  const char   *name;
  const char   *country;
  const char   *value;
  gboolean      has_lat;
  gboolean      has_lon;
  double        lat;
  double        lon;
} ExportCachedEntity;

typedef struct
{
  guint                     article;   /* index in the batch's articles */
  gint64                    position;
  gint64                    entity_id;
  const char               *role;
  const ExportCachedEntity *cached;
} ExportEntityRow;

typedef struct
{
  guint           entity;   /* index in the batch's entities */
  NdExportMention mention;
} ExportMentionRow;

typedef struct
{
  gint64        article_id;
  gint64        id;
  gint64        traveller_id;
  gint64        place_id;
  const char   *traveller;
  gboolean      ordered;
  guint         itinerary;  /* index in the batch's itineraries, once known */
  guint         seq;
  NdExportStop  stop;
} ExportStopRow;

static int
compare_export_stops (gconstpointer a,
                      gconstpointer b)
{
  const ExportStopRow *x = a;
  const ExportStopRow *y = b;

  if (x->article_id != y->article_id)
    return x->article_id < y->article_id ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The stops of one article, sorted by id, in itinerary order */
static int
compare_export_stops_by_itinerary (gconstpointer a,
                                   gconstpointer b)
{
  const ExportStopRow *x = a;
  const ExportStopRow *y = b;

  if (x->itinerary != y->itinerary)
    return x->itinerary < y->itinerary ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* As nd-article.c sorts tags */
static int
compare_export_tags (gconstpointer a,
                     gconstpointer b)
{
  const char *sa = *(const char * const *) a;
  const char *sb = *(const char * const *) b;
  g_autofree char *fa = g_utf8_casefold (sa, -1);
  g_autofree char *fb = g_utf8_casefold (sb, -1);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (sa, sb);
}

static const char *
chunk_text (GStringChunk *strings,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert_len (strings, text, sqlite3_column_bytes (stmt, column)) : NULL;
}

/* Ids to indexes, for the rows of an export: an open-addressing table
 * with the ids in its slots (a GHashTable of gint64 follows a pointer to
 * each key it compares, a cache miss per row of a large export) */
typedef struct
{
  gint64 id;
  guint  index;   /* G_MAXUINT: an empty slot */
} IdSlot;

typedef struct
{
  IdSlot *slots;
  guint   mask;
  guint   n;
} IdMap;

static void
id_map_init (IdMap *map,
             guint  expected)
{
  guint size = 64;

  while (size < 2 * expected)
    size *= 2;
  map->slots = g_new (IdSlot, size);
  for (guint i = 0; i < size; i++)
    map->slots[i].index = G_MAXUINT;
  map->mask = size - 1;
  map->n = 0;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->slots, g_free);
}

static inline guint
id_map_slot (const IdMap *map,
             gint64       id)
{
  guint i = (guint) (((guint64) id * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & map->mask;

  while (map->slots[i].index != G_MAXUINT && map->slots[i].id != id)
    i = (i + 1) & map->mask;
  return i;
}

/* The index of `id`, or G_MAXUINT */
static inline guint
id_map_lookup (const IdMap *map,
               gint64       id)
{
  return map->slots[id_map_slot (map, id)].index;
}

/* Sets the index of `id` (not G_MAXUINT) */
static void
id_map_insert (IdMap *map,
               gint64 id,
               guint  index)
{
  guint i = id_map_slot (map, id);

  if (map->slots[i].index == G_MAXUINT)
    {
      if (2 * (map->n + 1) > map->mask + 1)
        {
          IdMap bigger;

          id_map_init (&bigger, map->mask + 1);
          for (guint k = 0; k <= map->mask; k++)
            if (map->slots[k].index != G_MAXUINT)
              bigger.slots[id_map_slot (&bigger, map->slots[k].id)] = map->slots[k];
          bigger.n = map->n;
          g_free (map->slots);
          *map = bigger;
          i = id_map_slot (map, id);
        }
      map->n++;
      map->slots[i].id = id;
    }
  map->slots[i].index = index;
}


/* an entity being read */
#define PENDING (G_MAXUINT - 1)
#define DENSE_IDS (1 << 22)

struct _NdExportCache
{
  gatomicrefcount  ref_count;
  /* id -> index in entities, or PENDING: in an array for the ids below
   * DENSE_IDS (an entity's id is its row's, mostly dense), else a table */
  guint           *dense;
  gsize            n_dense;
  IdMap            by_id;
  GArray          *entities;  /* ExportCachedEntity */
  GStringChunk    *strings;
};

NdExportCache *
nd_export_cache_new (void)
{
  NdExportCache *cache = g_new0 (NdExportCache, 1);

  g_atomic_ref_count_init (&cache->ref_count);
  id_map_init (&cache->by_id, 0);
  cache->entities = g_array_new (FALSE, FALSE, sizeof (ExportCachedEntity));
  cache->strings = g_string_chunk_new (256 * 1024);
  return cache;
}

NdExportCache *
nd_export_cache_ref (NdExportCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  g_atomic_ref_count_inc (&cache->ref_count);
  return cache;
}

void
nd_export_cache_unref (NdExportCache *cache)
{
  g_return_if_fail (cache != NULL);

  if (!g_atomic_ref_count_dec (&cache->ref_count))
    return;

  id_map_clear (&cache->by_id);
  g_free (cache->dense);
  g_array_unref (cache->entities);
  g_string_chunk_free (cache->strings);
  g_free (cache);
}

/* The index of entity `id` in the cache, PENDING or G_MAXUINT */
static inline guint
export_cache_get (const NdExportCache *cache,
                  gint64               id)
{
  if (id >= 0 && id < DENSE_IDS)
    return (guint64) id < cache->n_dense ? cache->dense[id] : G_MAXUINT;
  return id_map_lookup (&cache->by_id, id);
}

static void
export_cache_set (NdExportCache *cache,
                  gint64         id,
                  guint          index)
{
  if (id < 0 || id >= DENSE_IDS)
    {
      id_map_insert (&cache->by_id, id, index);
      return;
    }

  if ((guint64) id >= cache->n_dense)
    {
      gsize n = MAX (cache->n_dense, 4096);

      while (n <= (guint64) id)
        n *= 2;
      n = MIN (n, DENSE_IDS);
      cache->dense = g_renew (guint, cache->dense, n);
      for (gsize i = cache->n_dense; i < n; i++)
        cache->dense[i] = G_MAXUINT;
      cache->n_dense = n;
    }
  cache->dense[id] = index;
}

/* Adds `id` to the JSON array `ids_json` of entities to read, unless it
 * is in the cache or in the array already */
static void
add_missing_entity (NdExportCache *cache,
                    GString       *ids_json,
                    gint64         id)
{
  if (export_cache_get (cache, id) != G_MAXUINT)
    return;

  export_cache_set (cache, id, PENDING);
  g_string_append_printf (ids_json, ids_json->len > 1 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, id);
}

/* Reads the entities `ids_json` (a JSON array) into the cache */
static gboolean
export_cache_read (NdDatabase     *self,
                   NdExportCache  *cache,
                   const char     *ids_json,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT " ENTITY_COLUMNS " FROM entities e WHERE e.id IN " BULK_IDS,
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportCachedEntity entity = { 0 };

      /* as entity_from_row() reads it */
      entity.id = sqlite3_column_int64 (stmt, 0);
      entity.kind = ND_ENTITY_PERSON;
      nd_entity_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &entity.kind);
      entity.name = chunk_text (cache->strings, stmt, 2);
      entity.country = chunk_text (cache->strings, stmt, 3);
      entity.has_lat = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      entity.has_lon = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      entity.lat = sqlite3_column_double (stmt, 4);
      entity.lon = sqlite3_column_double (stmt, 5);
      entity.value = chunk_text (cache->strings, stmt, 6);
      export_cache_set (cache, entity.id, cache->entities->len);
      g_array_append_val (cache->entities, entity);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

static inline const ExportCachedEntity *
export_cache_lookup (NdExportCache *cache,
                     gint64         id)
{
  guint index = export_cache_get (cache, id);

  /* PENDING after the read: not in the desk */
  return index < PENDING ? &g_array_index (cache->entities, ExportCachedEntity, index) : NULL;
}

void
nd_export_batch_free (NdExportBatch *batch)
{
  if (batch == NULL)
    return;

  for (guint i = 0; batch->articles != NULL && i < batch->articles->len; i++)
    g_clear_object (&g_array_index (batch->articles, NdExportArticle, i).article);
  g_clear_pointer (&batch->articles, g_array_unref);
  g_clear_pointer (&batch->entities, g_array_unref);
  g_clear_pointer (&batch->mentions, g_array_unref);
  g_clear_pointer (&batch->itineraries, g_array_unref);
  g_clear_pointer (&batch->stops, g_array_unref);
  g_clear_pointer (&batch->tags, g_ptr_array_unref);
  g_clear_pointer (&batch->strings, g_string_chunk_free);
  g_clear_pointer (&batch->cache, nd_export_cache_unref);
  g_free (batch);
}

static gboolean
export_load_tags (NdDatabase     *self,
                  NdExportBatch  *batch,
                  const IdMap    *by_id,
                  const char     *ids_json,
                  GError        **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  NdExportArticle *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT at.article_id, t.name FROM article_tags at "
                              "JOIN tags t ON t.id = at.tag_id "
                              "WHERE at.article_id IN " BULK_IDS " ORDER BY at.article_id, at.tag_id",
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  for (;;)
    {
      NdExportArticle *article = NULL;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          guint index = id_map_lookup (by_id, sqlite3_column_int64 (stmt, 0));

          if (index != G_MAXUINT)
            article = &g_array_index (batch->articles, NdExportArticle, index);
        }

      /* the tags of an article, as nd_article_set_tags() keeps them:
       * normalized, once each, sorted */
      if (current != NULL && (rc != SQLITE_ROW || article != current))
        {
          g_ptr_array_sort (tags, compare_export_tags);
          current->first_tag = batch->tags->len;
          current->n_tags = tags->len;
          for (guint i = 0; i < tags->len; i++)
            g_ptr_array_add (batch->tags, g_string_chunk_insert (batch->strings, g_ptr_array_index (tags, i)));
          g_ptr_array_set_size (tags, 0);
        }
      if (rc != SQLITE_ROW)
        break;

      current = article;
      if (article != NULL)
        {
          char *tag = nd_tag_normalize ((const char *) sqlite3_column_text (stmt, 1));
          gboolean seen = tag == NULL;

          for (guint i = 0; i < tags->len && !seen; i++)
            seen = g_str_equal (g_ptr_array_index (tags, i), tag);
          if (seen)
            g_free (tag);
          else
            g_ptr_array_add (tags, tag);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  return TRUE;
}

/* A new element at the end of `array` (of elements of `size` bytes), of
 * which `used` are in use: the array grows by doubling and is cut to
 * `used` at the end, so that a row costs no call (g_array_append_val()
 * is one, for each of 550,000 mentions) */
static inline gpointer
array_push (GArray *array,
            guint  *used,
            gsize   size)
{
  if (*used == array->len)
    g_array_set_size (array, MAX (64, 2 * array->len));
  return array->data + size * (*used)++;
}

static gboolean
export_load_entities (NdDatabase     *self,
                      NdExportBatch  *batch,
                      const IdMap    *by_id,
                      const char     *ids_json,
                      GError        **error)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (ExportEntityRow), 40 * batch->articles->len);
  g_autoptr(GArray) mentions = g_array_sized_new (FALSE, FALSE, sizeof (ExportMentionRow), 60 * batch->articles->len);
  g_autoptr(GArray) entity_ids = NULL;
  g_autoptr(GArray) packed = NULL;
  g_autoptr(GString) missing_json = g_string_new ("[");
  NdExportArticle *last_article = NULL;
  gint64 last_entity_id = 0;
  guint last_entity = G_MAXUINT;
  guint n_rows = 0;
  guint n_mentions = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* the article's references alone (the table's primary key holds them);
   * the entities come from the cache */
  if (!(stmt = get_statement (self,
                              "SELECT article_id, entity_id, position, role FROM article_entities "
                              "WHERE article_id IN " BULK_IDS,
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint article = id_map_lookup (by_id, sqlite3_column_int64 (stmt, 0));
      ExportEntityRow *row;

      if (article == G_MAXUINT)
        continue;
      row = array_push (rows, &n_rows, sizeof *row);
      row->article = article;
      row->entity_id = sqlite3_column_int64 (stmt, 1);
      row->position = sqlite3_column_int64 (stmt, 2);
      row->role = chunk_text (batch->strings, stmt, 3);
      add_missing_entity (batch->cache, missing_json, row->entity_id);
    }
  g_array_set_size (rows, n_rows);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  g_string_append_c (missing_json, ']');
  if (missing_json->len > 1 &&
      !export_cache_read (self, batch->cache, missing_json->str, error))
    return FALSE;

  /* by article (the rows are counted, then placed), by position within
   * each; an entity no longer in the desk has no row, as with a join */
  {
    guint n_articles = batch->articles->len;
    g_autofree guint *first = g_new0 (guint, n_articles + 1);
    g_autofree guint *placed = g_new0 (guint, n_articles);
    g_autofree ExportEntityRow *sorted = NULL;

    for (guint i = 0; i < rows->len; i++)
      {
        ExportEntityRow *row = &g_array_index (rows, ExportEntityRow, i);

        row->cached = export_cache_lookup (batch->cache, row->entity_id);
        if (row->cached != NULL)
          first[row->article + 1]++;
      }
    for (guint a = 0; a < n_articles; a++)
      first[a + 1] += first[a];
    sorted = g_new (ExportEntityRow, first[n_articles]);
    for (guint i = 0; i < rows->len; i++)
      {
        const ExportEntityRow *row = &g_array_index (rows, ExportEntityRow, i);

        if (row->cached != NULL)
          sorted[first[row->article] + placed[row->article]++] = *row;
      }

    entity_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), first[n_articles]);
    g_array_set_size (entity_ids, first[n_articles]);
    g_array_set_size (batch->entities, first[n_articles]);
    for (guint a = 0; a < n_articles; a++)
      {
        NdExportArticle *article = &g_array_index (batch->articles, NdExportArticle, a);
        ExportEntityRow *r = sorted + first[a];
        guint n = first[a + 1] - first[a];

        for (guint i = 1; i < n; i++)
          {
            ExportEntityRow key = r[i];
            guint k = i;

            for (; k > 0 && (r[k - 1].position > key.position ||
                             (r[k - 1].position == key.position && r[k - 1].entity_id > key.entity_id)); k--)
              r[k] = r[k - 1];
            r[k] = key;
          }

        if (n > 0)
          article->first_entity = first[a];
        article->n_entities = n;
        for (guint i = 0; i < n; i++)
          {
            const ExportCachedEntity *cached = r[i].cached;
            NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, first[a] + i);

            /* as entity_from_row() reads it */
            entity->kind = cached->kind;
            entity->name = cached->name;
            entity->country = cached->country;
            entity->value = cached->value;
            entity->has_coordinates = cached->has_lat;
            entity->lat = cached->has_lat ? cached->lat : 0;
            entity->lon = cached->has_lat ? cached->lon : 0;
            entity->role = r[i].role;
            entity->first_mention = 0;
            entity->n_mentions = 0;
            g_array_index (entity_ids, gint64, first[a] + i) = r[i].entity_id;
          }
      }
  }

  if (!(stmt = get_statement (self,
                              "SELECT article_id, data FROM article_mentions "
                              "WHERE article_id IN " BULK_IDS,
                              error)))
    return FALSE;

  packed = g_array_new (FALSE, FALSE, sizeof (PackedMention));
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 article_id = sqlite3_column_int64 (stmt, 0);
      NdExportArticle *article = NULL;
      guint index = id_map_lookup (by_id, article_id);
      BodyIndex body;

      if (index == G_MAXUINT)
        continue;
      article = &g_array_index (batch->articles, NdExportArticle, index);

      body_index_init (&body, article->body, self->body_offsets);
      if (!unpack_mentions (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1), &body, packed))
        {
          sqlite3_reset (stmt);
          return damaged_mentions (self, article_id, error);
        }

      for (guint m = 0; m < packed->len; m++)
        {
          const PackedMention *mention = &g_array_index (packed, PackedMention, m);
          ExportMentionRow *row;
          guint entity = G_MAXUINT;

          /* a mention mostly follows one of the same entity */
          if (article == last_article && mention->entity_id == last_entity_id)
            entity = last_entity;
          else
            {
              for (guint i = 0; i < article->n_entities && entity == G_MAXUINT; i++)
                if (g_array_index (entity_ids, gint64, article->first_entity + i) == mention->entity_id)
                  entity = article->first_entity + i;
              last_article = article;
              last_entity_id = mention->entity_id;
              last_entity = entity;
            }
          if (entity == G_MAXUINT)
            continue;

          row = array_push (mentions, &n_mentions, sizeof *row);
          row->entity = entity;
          row->mention.start = mention->start;
          row->mention.end = mention->end;
          row->mention.text = g_string_chunk_insert_len (batch->strings, mention->text, mention->length);
        }
    }
  g_array_set_size (mentions, n_mentions);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  /* grouped by entity (their rows are counted, then placed), by start
   * within each, as "ORDER BY start" gives them: the rows of an entity
   * come mostly by start already, so an insertion sort (stable: rows of
   * the same start stay in the order they came) */
  for (guint i = 0; i < mentions->len; i++)
    g_array_index (batch->entities, NdExportEntity, g_array_index (mentions, ExportMentionRow, i).entity).n_mentions++;
  {
    g_autofree guint *placed = g_new0 (guint, batch->entities->len);
    NdExportMention *out;
    guint first = 0;

    for (guint e = 0; e < batch->entities->len; e++)
      {
        NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, e);

        entity->first_mention = first;
        first += entity->n_mentions;
      }
    g_array_set_size (batch->mentions, mentions->len);
    out = (NdExportMention *) (gpointer) batch->mentions->data;
    for (guint i = 0; i < mentions->len; i++)
      {
        const ExportMentionRow *row = &g_array_index (mentions, ExportMentionRow, i);
        const NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, row->entity);

        out[entity->first_mention + placed[row->entity]++] = row->mention;
      }
    for (guint e = 0; e < batch->entities->len; e++)
      {
        const NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, e);
        NdExportMention *m = out + entity->first_mention;

        for (guint i = 1; i < entity->n_mentions; i++)
          {
            NdExportMention key = m[i];
            guint k = i;

            for (; k > 0 && m[k - 1].start > key.start; k--)
              m[k] = m[k - 1];
            m[k] = key;
          }
      }
  }

  return TRUE;
}

/* What load_stops() and nd_itinerary_add_stop() make of an article's
 * stops, `rows` being its stops in id order */
static void
export_build_itineraries (NdExportBatch   *batch,
                          NdExportArticle *article,
                          ExportStopRow   *rows,
                          guint            n_rows)
{
  g_autoptr(GArray) n_stops = g_array_new (FALSE, TRUE, sizeof (guint));

  article->first_itinerary = batch->itineraries->len;
  for (guint r = 0; r < n_rows; r++)
    {
      ExportStopRow *row = &rows[r];
      NdExportStop *stop = &row->stop;
      guint itinerary = G_MAXUINT;
      NdExportEntity *place = NULL;

      /* a traveller's trip and past visits are two itineraries */
      for (guint i = 0; i < article->n_itineraries && itinerary == G_MAXUINT; i++)
        {
          NdExportItinerary *it = &g_array_index (batch->itineraries, NdExportItinerary, article->first_itinerary + i);

          if (g_strcmp0 (it->traveller, row->traveller) == 0 && it->ordered == row->ordered)
            itinerary = i;
        }
      if (itinerary == G_MAXUINT)
        {
          NdExportItinerary it = { row->traveller, row->ordered, 0, 0 };
          guint zero = 0;

          g_array_append_val (batch->itineraries, it);
          g_array_append_val (n_stops, zero);
          itinerary = article->n_itineraries++;
        }

      /* the place as the evidence writes it ("St. Petersburg") */
      for (guint i = 0; i < article->n_entities && place == NULL; i++)
        {
          NdExportEntity *entity = &g_array_index (batch->entities, NdExportEntity, article->first_entity + i);

          if (entity->kind == ND_ENTITY_PLACE && g_strcmp0 (entity->name, stop->place) == 0)
            place = entity;
        }
      for (guint i = 0; place != NULL && i < place->n_mentions; i++)
        {
          const NdExportMention *mention = &g_array_index (batch->mentions, NdExportMention, place->first_mention + i);

          if (mention->start >= stop->evidence_start && mention->end <= stop->evidence_end &&
              mention->text != NULL && g_utf8_strlen (mention->text, -1) >= 3 &&
              g_unichar_isupper (g_utf8_get_char (mention->text)) &&
              !is_all_caps (mention->text))
            {
              stop->place = mention->text;
              break;
            }
        }

      /* nd_itinerary_add_stop() numbers a stop without an order */
      g_array_index (n_stops, guint, itinerary)++;
      if (stop->order == 0)
        stop->order = g_array_index (n_stops, guint, itinerary);
      row->itinerary = itinerary;
      row->seq = r;
    }

  qsort (rows, n_rows, sizeof *rows, compare_export_stops_by_itinerary);
  for (guint r = 0; r < n_rows; r++)
    {
      NdExportItinerary *it = &g_array_index (batch->itineraries, NdExportItinerary,
                                              article->first_itinerary + rows[r].itinerary);

      if (it->n_stops == 0)
        it->first_stop = batch->stops->len;
      it->n_stops++;
      g_array_append_val (batch->stops, rows[r].stop);
    }
}

static gboolean
export_load_stops (NdDatabase     *self,
                   NdExportBatch  *batch,
                   const IdMap    *by_id,
                   const char     *ids_json,
                   GError        **error)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (ExportStopRow), 16 * batch->articles->len);
  g_autoptr(GString) missing_json = g_string_new ("[");
  sqlite3_stmt *stmt;
  guint n_rows = 0;
  guint start;
  int rc;

  if (!(stmt = get_statement (self,
                              "SELECT article_id, traveller_id, place_id, when_text, when_date, purpose, "
                              "evidence_start, evidence_end, position, ordered, id FROM stops "
                              "WHERE article_id IN " BULK_IDS,
                              error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportStopRow *row = array_push (rows, &n_rows, sizeof *row);

      /* as stop_from_row() reads it; the traveller and the place come
       * from the cache */
      memset (row, 0, sizeof *row);
      row->article_id = sqlite3_column_int64 (stmt, 0);
      row->traveller_id = sqlite3_column_int64 (stmt, 1);
      row->place_id = sqlite3_column_int64 (stmt, 2);
      row->stop.when = chunk_text (batch->strings, stmt, 3);
      row->stop.when_date = chunk_text (batch->strings, stmt, 4);
      row->stop.purpose = chunk_text (batch->strings, stmt, 5);
      row->stop.evidence_start = sqlite3_column_int (stmt, 6);
      row->stop.evidence_end = sqlite3_column_int (stmt, 7);
      row->stop.order = sqlite3_column_int (stmt, 8);
      row->ordered = sqlite3_column_int (stmt, 9) != 0;
      row->id = sqlite3_column_int64 (stmt, 10);
      add_missing_entity (batch->cache, missing_json, row->traveller_id);
      add_missing_entity (batch->cache, missing_json, row->place_id);
    }
  g_array_set_size (rows, n_rows);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error);

  g_string_append_c (missing_json, ']');
  if (missing_json->len > 1 &&
      !export_cache_read (self, batch->cache, missing_json->str, error))
    return FALSE;

  /* as the joins with the traveller and the place did: none, no row */
  for (guint i = 0; i < rows->len;)
    {
      ExportStopRow *row = &g_array_index (rows, ExportStopRow, i);
      const ExportCachedEntity *traveller = export_cache_lookup (batch->cache, row->traveller_id);
      const ExportCachedEntity *place = export_cache_lookup (batch->cache, row->place_id);

      if (traveller == NULL || place == NULL)
        {
          g_array_remove_index_fast (rows, i);
          continue;
        }
      row->traveller = traveller->name;
      row->stop.place = place->name;
      row->stop.country = place->country;
      if (place->has_lat && place->has_lon)
        {
          row->stop.has_coordinates = TRUE;
          row->stop.lat = place->lat;
          row->stop.lon = place->lon;
        }
      i++;
    }

  g_array_sort (rows, compare_export_stops);
  for (start = 0; start < rows->len;)
    {
      ExportStopRow *first = &g_array_index (rows, ExportStopRow, start);
      guint end = start + 1;
      guint index = id_map_lookup (by_id, first->article_id);

      while (end < rows->len && g_array_index (rows, ExportStopRow, end).article_id == first->article_id)
        end++;
      if (index != G_MAXUINT)
        export_build_itineraries (batch, &g_array_index (batch->articles, NdExportArticle, index),
                                  first, end - start);
      start = end;
    }

  return TRUE;
}

NdExportBatch *
nd_database_load_export_batch (NdDatabase    *self,
                               NdExportCache *cache,
                               const gint64  *ids,
                               guint          n_ids,
                               GError       **error)
{
  g_autoptr(GString) ids_json = g_string_sized_new (16 * n_ids + 2);
  IdMap by_id;
  g_autoptr(GHashTable) corrected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (NdExportArticle));
  NdExportBatch *batch;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (ND_IS_DATABASE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  id_map_init (&by_id, n_ids);
  g_string_append_c (ids_json, '[');
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (ids_json, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, ids[i]);
  g_string_append_c (ids_json, ']');

  batch = g_new0 (NdExportBatch, 1);
  batch->articles = g_array_sized_new (FALSE, TRUE, sizeof (NdExportArticle), n_ids);
  batch->entities = g_array_new (FALSE, FALSE, sizeof (NdExportEntity));
  batch->mentions = g_array_new (FALSE, FALSE, sizeof (NdExportMention));
  batch->itineraries = g_array_new (FALSE, FALSE, sizeof (NdExportItinerary));
  batch->stops = g_array_new (FALSE, FALSE, sizeof (NdExportStop));
  batch->tags = g_ptr_array_new ();
  batch->strings = g_string_chunk_new (1024 * 1024);
  batch->cache = cache != NULL ? nd_export_cache_ref (cache) : nd_export_cache_new ();

  /* the articles with corrections are loaded whole */
  if (!(stmt = get_statement (self,
                              "SELECT DISTINCT article_id FROM corrections WHERE article_id IN " BULK_IDS,
                              error)))
    goto out;
  sqlite3_bind_text (stmt, 1, ids_json->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (corrected, key);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      goto out;
    }

  if (!(stmt = get_statement (self,
                              "SELECT " ARTICLE_COLUMNS ", body FROM articles WHERE id IN " BULK_IDS,
                              error)))
    goto out;
  sqlite3_bind_text (stmt, 1, ids_json->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NdExportArticle article = { 0 };

      /* as load_row() reads it */
      article.id = sqlite3_column_int64 (stmt, 0);
      article.title = chunk_text (batch->strings, stmt, 1);
      article.source = chunk_text (batch->strings, stmt, 2);
      article.published = chunk_text (batch->strings, stmt, 3);
      article.imported = chunk_text (batch->strings, stmt, 4);
      article.read = sqlite3_column_int (stmt, 5) != 0;
      article.starred = sqlite3_column_int (stmt, 6) != 0;
      article.body = chunk_text (batch->strings, stmt, 7);
      g_array_append_val (found, article);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      goto out;
    }

  /* in the order asked for; an id twice is read twice */
  {
    g_autoptr(GHashTable) found_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < found->len; i++)
      g_hash_table_insert (found_by_id, &g_array_index (found, NdExportArticle, i).id, GUINT_TO_POINTER (i));

    for (guint i = 0; i < n_ids; i++)
      {
        gpointer index;
        NdExportArticle article;

        if (!g_hash_table_lookup_extended (found_by_id, &ids[i], NULL, &index))
          {
            g_set_error (error, ND_ERROR, ND_ERROR_NOT_FOUND, _("No article with id %lld"), (long long) ids[i]);
            goto out;
          }
        article = g_array_index (found, NdExportArticle, GPOINTER_TO_UINT (index));
        if (g_hash_table_contains (corrected, &ids[i]) &&
            !(article.article = nd_database_load_article (self, ids[i], error)))
          goto out;
        g_array_append_val (batch->articles, article);
      }

    /* the rows below go to the first article of each id; a repeated id
     * is a copy of it, filled in at the end */
    for (guint i = 0; i < batch->articles->len; i++)
      {
        NdExportArticle *article = &g_array_index (batch->articles, NdExportArticle, i);

        if (article->article == NULL && id_map_lookup (&by_id, article->id) == G_MAXUINT)
          id_map_insert (&by_id, article->id, i);
      }
  }

  if (!export_load_tags (self, batch, &by_id, ids_json->str, error) ||
      !export_load_entities (self, batch, &by_id, ids_json->str, error) ||
      !export_load_stops (self, batch, &by_id, ids_json->str, error))
    goto out;

  for (guint i = 0; i < batch->articles->len; i++)
    {
      NdExportArticle *article = &g_array_index (batch->articles, NdExportArticle, i);
      guint index = article->article == NULL ? id_map_lookup (&by_id, article->id) : G_MAXUINT;

      if (index != G_MAXUINT && index != i)
        *article = g_array_index (batch->articles, NdExportArticle, index);
    }

  ok = TRUE;

out:
  id_map_clear (&by_id);
  if (!ok)
    g_clear_pointer (&batch, nd_export_batch_free);
  return batch;
}

/* The schema version of the desk at `path` as it is on disk, without
 * opening it as a desk (nor migrating it): 0 for a new or empty file, -1
 * when it cannot be read as an SQLite database */
int
nd_database_peek_schema_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_return_val_if_fail (path != NULL, -1);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}
