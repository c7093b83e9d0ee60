/* test-import-pipeline.c — the importer's worker threads and the
 * full-text rows written at a batch's commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>

#include "test-common.h"

#define N_FILES 150

static GThread *main_thread;

static const char * const people[] = {
  "Foreign Minister Annalena Baerbock", "President Emmanuel Macron",
  "Prime Minister Mark Carney", "Secretary of State Marco Rubio",
  "Chancellor Olaf Scholz", "President Lula da Silva",
};

static const char * const places[] = {
  "Berlin", "Warsaw", "Nairobi", "Lima", "Jakarta", "Cairo", "Toronto",
  "Madrid", "Hanoi", "Oslo",
};

/* a word found in one file only: letters, so that it is one search term */
static char *
unique_word (guint i)
{
  return g_strdup_printf ("zq%c%c%c", 'a' + i / 676 % 26, 'a' + i / 26 % 26, 'a' + i % 26);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* N_FILES articles in three folders (with a nested one), plus a copy of
 * one of them, a binary file, an empty file and a NewsDesk document of
 * two articles */
static char *
make_corpus (void)
{
  g_autofree char *json_src = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "import", "newsdesk-v1.json", NULL);
  g_autofree char *json_data = nd_test_read_file (json_src);
  char *dir = nd_test_make_dir ();

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *folder = g_strdup_printf ("%s/part-%u%s", dir, i % 3, i % 3 == 2 ? "/deeper" : "");
      g_autofree char *name = g_strdup_printf ("%s/article-%03u.%s", folder, i, i % 4 == 0 ? "md" : "txt");
      g_autofree char *word = unique_word (i);
      g_autofree char *text = NULL;

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      text = g_strdup_printf ("Talks on the %s corridor open in %s\n\n"
                              "%s will travel to %s on Monday, then to %s on Wednesday, "
                              "the ministry said on Sunday. The %s talks follow a visit by %s "
                              "to %s last month.\n\n"
                              "Delegations from %s and %s are expected; officials in %s "
                              "said the agenda covers trade and ports.\n",
                              word, places[i % G_N_ELEMENTS (places)],
                              people[i % G_N_ELEMENTS (people)], places[(i + 1) % G_N_ELEMENTS (places)],
                              places[(i + 2) % G_N_ELEMENTS (places)], word,
                              people[(i + 1) % G_N_ELEMENTS (people)], places[(i + 3) % G_N_ELEMENTS (places)],
                              places[(i + 4) % G_N_ELEMENTS (places)], places[(i + 5) % G_N_ELEMENTS (places)],
                              places[i % G_N_ELEMENTS (places)]);
      write_file (name, text, -1);

      /* the same article again, later in the walk: a duplicate */
      if (i == 10)
        {
          g_autofree char *copy = g_strdup_printf ("%s/part-1/zz-copy-of-010.txt", dir);

          g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
          write_file (copy, text, -1);
        }
    }

  {
    g_autofree char *bin = g_build_filename (dir, "part-0", "article-050b.png", NULL);
    g_autofree char *empty = g_build_filename (dir, "part-1", "article-070b.txt", NULL);
    g_autofree char *json = g_build_filename (dir, "part-2", "article-020b.json", NULL);

    write_file (bin, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    write_file (empty, "", 0);
    write_file (json, json_data, -1);
  }

  return dir;
}

typedef struct
{
  GPtrArray     *paths;
  GArray        *statuses;
  GArray        *ids;
  GPtrArray     *messages;
  /* like the window: commits every `batch` results (0: no batches) */
  NdDatabase    *database;
  guint          batch;
  guint          in_batch;
  guint          batches;
  /* cancels after this many results (0: never) */
  GCancellable  *cancellable;
  guint          cancel_after;
} Results;

static void
results_init (Results *r)
{
  memset (r, 0, sizeof *r);
  r->paths = g_ptr_array_new_with_free_func (g_free);
  r->statuses = g_array_new (FALSE, FALSE, sizeof (NdImportStatus));
  r->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
results_clear (Results *r)
{
  g_ptr_array_unref (r->paths);
  g_array_unref (r->statuses);
  g_array_unref (r->ids);
  g_ptr_array_unref (r->messages);
}

static guint
results_count (Results        *r,
               NdImportStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < r->statuses->len; i++)
    n += g_array_index (r->statuses, NdImportStatus, i) == status;
  return n;
}

static void
collect_result (const char     *path,
                NdImportStatus  status,
                gint64          id,
                const GError   *error,
                gpointer        user_data)
{
  Results *r = user_data;

  /* called in the caller's thread, as one thread would */
  g_assert_true (g_thread_self () == main_thread);
  g_assert_true ((status == ND_IMPORT_FAILED) == (error != NULL));
  g_assert_false (r->cancellable != NULL && g_cancellable_is_cancelled (r->cancellable));

  g_ptr_array_add (r->paths, g_strdup (path));
  g_array_append_val (r->statuses, status);
  g_array_append_val (r->ids, id);
  g_ptr_array_add (r->messages, g_strdup (error != NULL ? error->message : ""));

  if (r->batch > 0 && ++r->in_batch >= r->batch)
    {
      g_autoptr(GError) db_error = NULL;

      g_assert_true (nd_database_commit (r->database, &db_error));
      g_assert_no_error (db_error);
      g_assert_true (nd_database_begin (r->database, &db_error));
      g_assert_no_error (db_error);
      r->in_batch = 0;
      r->batches++;
    }

  if (r->cancel_after > 0 && r->statuses->len == r->cancel_after)
    g_cancellable_cancel (r->cancellable);
}

static NdDatabase *
open_desk (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  NdDatabase *database = nd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  return database;
}

/* Imports `corpus` into the desk with `n_workers` workers, in batches of
 * `batch` results like the window (0: each article alone, like the CLI) */
static gboolean
import_corpus (NdDatabase   *database,
               const char   *corpus,
               guint         n_workers,
               guint         batch,
               Results      *r)
{
  const char *paths[] = { corpus, NULL };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  r->database = database;
  r->batch = batch;
  if (batch > 0)
    {
      g_assert_true (nd_database_begin (database, &error));
      g_assert_no_error (error);
    }

  ok = nd_importer_import_paths_with_workers (database, paths, n_workers, r->cancellable,
                                              collect_result, r);

  if (batch > 0)
    {
      /* also when cancelled: every finished article stays */
      g_assert_true (nd_database_commit (database, &error));
      g_assert_no_error (error);
    }

  return ok;
}

static GArray *
search_ids (NdDatabase *database,
            const char *words)
{
  g_autoptr(GError) error = NULL;
  NdQuery query = { .search = words, .sort = ND_SORT_DATE_DESC };
  GArray *ids = nd_database_query_ids (database, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* The full-text index agrees with the articles: one row each, and FTS5's
 * own check finds nothing wrong */
static void
assert_index_sound (NdDatabase *database)
{
  const char *path = nd_database_get_path (database);
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles_fts_docsize"), ==,
                   nd_test_query_int (path, "SELECT count(*) FROM articles"));
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles WHERE id NOT IN "
                                    "(SELECT id FROM articles_fts_docsize)"), ==, 0);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("integrity-check of the search index: %s", message);
  sqlite3_close (db);
}

/* The id stored for the article with unique word i, from the results */
static gint64
id_of_file (Results *r,
            guint    i)
{
  g_autofree char *suffix = g_strdup_printf ("article-%03u.%s", i, i % 4 == 0 ? "md" : "txt");

  for (guint k = 0; k < r->paths->len; k++)
    if (g_str_has_suffix (g_ptr_array_index (r->paths, k), suffix))
      return g_array_index (r->ids, gint64, k);

  return 0;
}

static void
check_every_article_found (NdDatabase *database,
                           Results    *r)
{
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *word = unique_word (i);
      g_autoptr(GArray) ids = search_ids (database, word);
      gint64 id = id_of_file (r, i);

      g_assert_cmpint (id, >, 0);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
    }

  /* the NewsDesk document's articles too */
  {
    g_autoptr(GArray) ids = search_ids (database, "Geneva");

    g_assert_cmpuint (ids->len, >=, 1);
  }
}

static void
test_fts_finds_every_article (void)
{
  g_autofree char *corpus = make_corpus ();
  g_autofree char *dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) batched = open_desk (dir, "batched.db");
  g_autoptr(NdDatabase) alone = open_desk (dir, "alone.db");
  Results r1, r2;

  /* in batches, as the window and the benchmark import */
  results_init (&r1);
  g_assert_false (import_corpus (batched, corpus, 0, 7, &r1));
  g_assert_cmpuint (r1.batches, >, 10);
  g_assert_cmpuint (results_count (&r1, ND_IMPORT_IMPORTED), ==, N_FILES + 2);
  g_assert_cmpuint (results_count (&r1, ND_IMPORT_DUPLICATE), ==, 1);
  g_assert_cmpuint (results_count (&r1, ND_IMPORT_FAILED), ==, 2);
  g_assert_cmpuint (nd_database_count_articles (batched), ==, N_FILES + 2);
  check_every_article_found (batched, &r1);
  assert_index_sound (batched);

  /* each article its own transaction, as newsdesk-cli import */
  results_init (&r2);
  g_assert_false (import_corpus (alone, corpus, 0, 0, &r2));
  g_assert_cmpuint (nd_database_count_articles (alone), ==, N_FILES + 2);
  check_every_article_found (alone, &r2);
  assert_index_sound (alone);

  results_clear (&r1);
  results_clear (&r2);
  g_clear_object (&batched);
  g_clear_object (&alone);
  nd_test_remove_dir (dir);
  nd_test_remove_dir (corpus);
}

static void
assert_same_article (NdDatabase *a,
                     NdDatabase *b,
                     gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdArticle) x = nd_database_load_article (a, id, &error);
  g_autoptr(NdArticle) y = NULL;
  GPtrArray *ex, *ey;

  g_assert_no_error (error);
  y = nd_database_load_article (b, id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (nd_article_get_title (x), ==, nd_article_get_title (y));
  g_assert_cmpstr (nd_article_get_body (x), ==, nd_article_get_body (y));
  g_assert_cmpstr (nd_article_get_source (x), ==, nd_article_get_source (y));
  g_assert_true (g_strv_equal (nd_article_get_tags (x), nd_article_get_tags (y)));

  ex = nd_article_get_entities (x);
  ey = nd_article_get_entities (y);
  g_assert_cmpuint (ex->len, ==, ey->len);
  for (guint i = 0; i < ex->len; i++)
    {
      NdEntity *p = g_ptr_array_index (ex, i);
      NdEntity *q = g_ptr_array_index (ey, i);

      g_assert_cmpint (nd_entity_get_kind (p), ==, nd_entity_get_kind (q));
      g_assert_cmpstr (nd_entity_get_name (p), ==, nd_entity_get_name (q));
      g_assert_cmpint (nd_entity_get_id (p), ==, nd_entity_get_id (q));
      g_assert_cmpuint (nd_entity_get_n_mentions (p), ==, nd_entity_get_n_mentions (q));
      for (guint m = 0; m < nd_entity_get_n_mentions (p); m++)
        {
          g_assert_cmpint (nd_entity_get_mention (p, m)->start, ==, nd_entity_get_mention (q, m)->start);
          g_assert_cmpint (nd_entity_get_mention (p, m)->end, ==, nd_entity_get_mention (q, m)->end);
        }
    }

  g_assert_cmpuint (nd_article_get_itineraries (x)->len, ==, nd_article_get_itineraries (y)->len);
}

static void
test_same_as_one_thread (void)
{
  g_autofree char *corpus = make_corpus ();
  g_autofree char *dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) one = open_desk (dir, "one.db");
  g_autoptr(NdDatabase) four = open_desk (dir, "four.db");
  guint with_entities = 0;
  Results r1, r4;

  results_init (&r1);
  results_init (&r4);
  g_assert_false (import_corpus (one, corpus, 1, 20, &r1));
  g_assert_false (import_corpus (four, corpus, 4, 20, &r4));

  /* the same results, in the same order, with the same ids and messages */
  g_assert_cmpuint (r1.statuses->len, ==, N_FILES + 5);
  g_assert_cmpuint (r4.statuses->len, ==, r1.statuses->len);
  for (guint i = 0; i < r1.statuses->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (r4.paths, i), ==, g_ptr_array_index (r1.paths, i));
      g_assert_cmpint (g_array_index (r4.statuses, NdImportStatus, i), ==,
                       g_array_index (r1.statuses, NdImportStatus, i));
      g_assert_cmpint (g_array_index (r4.ids, gint64, i), ==, g_array_index (r1.ids, gint64, i));
      g_assert_cmpstr (g_ptr_array_index (r4.messages, i), ==, g_ptr_array_index (r1.messages, i));
    }

  /* in the order of the walk: folders and files by name */
  g_assert_true (g_str_has_suffix (g_ptr_array_index (r1.paths, 0), "part-0/article-000.md"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (r1.paths, r1.paths->len - 1), "part-2/deeper/article-149.txt"));

  /* and the same articles behind them */
  for (guint i = 0; i < r1.ids->len; i++)
    {
      gint64 id = g_array_index (r1.ids, gint64, i);
      g_autoptr(NdArticle) article = NULL;

      if (id == 0)
        continue;
      assert_same_article (one, four, id);
      article = nd_database_load_article (one, id, NULL);
      with_entities += nd_article_get_entities (article)->len > 0;
    }
  /* the extractor ran */
  g_assert_cmpuint (with_entities, >=, N_FILES);

  results_clear (&r1);
  results_clear (&r4);
  g_clear_object (&one);
  g_clear_object (&four);
  nd_test_remove_dir (dir);
  nd_test_remove_dir (corpus);
}

static void
test_cancel_leaves_whole_articles (void)
{
  g_autofree char *corpus = make_corpus ();
  g_autofree char *dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) reference = open_desk (dir, "reference.db");
  g_autoptr(NdDatabase) stopped = open_desk (dir, "stopped.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Results ref, r;

  results_init (&ref);
  import_corpus (reference, corpus, 1, 0, &ref);

  /* stopped after 40 results: the walker is waiting for room in the
   * queue then, and the workers are busy */
  results_init (&r);
  r.cancellable = cancellable;
  r.cancel_after = 40;
  g_assert_false (import_corpus (stopped, corpus, 0, 15, &r));

  /* nothing was reported after the stop, and what was reported is there */
  g_assert_cmpuint (r.statuses->len, ==, 40);
  g_assert_cmpuint (nd_database_count_articles (stopped), ==, results_count (&r, ND_IMPORT_IMPORTED));

  /* each whole: the article, its entities and its search row, as a full
   * import stored it */
  for (guint i = 0; i < r.ids->len; i++)
    {
      gint64 id = g_array_index (r.ids, gint64, i);

      g_assert_cmpstr (g_ptr_array_index (r.paths, i), ==, g_ptr_array_index (ref.paths, i));
      g_assert_cmpint (id, ==, g_array_index (ref.ids, gint64, i));
      if (id != 0)
        assert_same_article (reference, stopped, id);
    }
  assert_index_sound (stopped);
  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *word = unique_word (i);
      g_autoptr(GArray) ids = search_ids (stopped, word);
      gint64 id = id_of_file (&r, i);

      g_assert_cmpuint (ids->len, ==, id != 0 ? 1 : 0);
    }

  /* importing again completes the rest */
  {
    Results again;

    results_init (&again);
    import_corpus (stopped, corpus, 0, 15, &again);
    g_assert_cmpuint (nd_database_count_articles (stopped), ==, N_FILES + 2);
    g_assert_cmpuint (results_count (&again, ND_IMPORT_DUPLICATE), ==,
                      results_count (&r, ND_IMPORT_IMPORTED) + 1);
    check_every_article_found (stopped, &again);
    assert_index_sound (stopped);
    results_clear (&again);
  }

  results_clear (&ref);
  results_clear (&r);
  g_clear_object (&reference);
  g_clear_object (&stopped);
  nd_test_remove_dir (dir);
  nd_test_remove_dir (corpus);
}

static void
test_migrate_v5_keeps_search (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v5.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v5-pipeline.sql", NULL);
  g_autofree char *sql = nd_test_read_file (sql_path);
  g_autofree char *file = g_build_filename (dir, "new.txt", NULL);
  const char *paths[] = { file, NULL };
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(NdArticle) first = NULL;
  g_autoptr(NdArticle) second = NULL;
  gint64 first_id = 0, second_id = 0;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_cmpint (nd_test_query_int (path, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts_insert'"), ==, 1);

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts_insert'"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts_delete'"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts_update'"), ==, 1);

  /* the old articles are found as before */
  ids = search_ids (db, "quayside");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 3);
  g_clear_pointer (&ids, g_array_unref);
  ids = search_ids (db, "gdansk");
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* an import (each article alone) is found */
  write_file (file, "Lighthouse keepers strike in Valletta\n\nThe keepers of the old "
                    "lighthouse at Valletta stopped work on Monday.\n", -1);
  g_assert_true (nd_importer_import_paths (db, paths, NULL, NULL, NULL));
  ids = search_ids (db, "lighthouse");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), >, 8);
  g_clear_pointer (&ids, g_array_unref);

  /* in a batch: an article deleted before the commit leaves no row, the
   * others are found once committed */
  first = nd_test_article ("Glacier survey", "Surveyors measured the glacier near Tromsø.", NULL);
  second = nd_test_article ("Orchard frost", "A late frost hit the orchards of Kent.", NULL);
  g_assert_true (nd_database_begin (db, &error));
  g_assert_true (nd_database_insert_article (db, first, &first_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nd_database_delete_article (db, first_id, &error));
  g_assert_no_error (error);
  g_assert_true (nd_database_insert_article (db, second, &second_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nd_database_commit (db, &error));
  g_assert_no_error (error);

  ids = search_ids (db, "glacier");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = search_ids (db, "orchards");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, second_id);
  g_clear_pointer (&ids, g_array_unref);

  /* a rolled-back batch leaves nothing behind, in the index either */
  {
    g_autoptr(NdArticle) third = nd_test_article ("Canal dredging", "Barges dredged the canal at Ghent.", NULL);

    g_assert_true (nd_database_begin (db, &error));
    g_assert_true (nd_database_insert_article (db, third, NULL, NULL, &error));
    nd_database_rollback (db);
    ids = search_ids (db, "dredged");
    g_assert_cmpuint (ids->len, ==, 0);
    g_clear_pointer (&ids, g_array_unref);
  }

  /* deleting an old article takes it out of the index */
  g_assert_true (nd_database_delete_article (db, 5, &error));
  g_assert_no_error (error);
  ids = search_ids (db, "millet");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  assert_index_sound (db);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/import-pipeline/fts-finds-every-article", test_fts_finds_every_article);
  g_test_add_func ("/import-pipeline/same-as-one-thread", test_same_as_one_thread);
  g_test_add_func ("/import-pipeline/cancel-leaves-whole-articles", test_cancel_leaves_whole_articles);
  g_test_add_func ("/import-pipeline/migrate-v5-keeps-search", test_migrate_v5_keeps_search);

  return g_test_run ();
}
