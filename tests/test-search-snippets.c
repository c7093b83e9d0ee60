/* test-search-snippets.c — a search shows its rows at once and their
 * snippets after; the prefix index of schema 6 finds what schema 5 found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No timing here: speed is measured by build-aux/newsdesk-bench.
 */
#include <sqlite3.h>

#include "test-common.h"

#define N_ARTICLES 120

static const char * const words[] = {
  "envoy", "environment", "world", "worldwide", "work", "Zürich", "harbour", "harvest",
};

static const char * const searches[] = {
  "envoy", "env", "en", "wor", "world", "work", "zurich", "Zür", "harbour harvest", "har",
  "e", "report", "nothingmatches", "envoy worl",
};

typedef struct
{
  char           *dir;
  char           *path;
  NdDatabase     *db;
  NdArticleStore *store;
  /* each notify::snippet with a snippet: "ID\tSNIPPET" */
  GPtrArray      *notified;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = nd_test_make_dir ();
  f->path = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->db = nd_database_open (f->path, &error);
  g_assert_no_error (error);
  f->notified = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (nd_database_begin (f->db, NULL));
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Report %03u", i);
      g_autofree char *body = g_strdup_printf ("On day %u the %s met the %s. A long sentence follows "
                                               "so that snippets are cut: the council, the mayor, "
                                               "the press and many others spoke about the %s at length.",
                                               i, words[i % G_N_ELEMENTS (words)],
                                               words[(i * 7 + 3) % G_N_ELEMENTS (words)],
                                               words[(i * 5 + 1) % G_N_ELEMENTS (words)]);
      g_autofree char *published = g_strdup_printf ("2024-%02u-%02u", 1 + i % 12, 1 + (i * 13) % 28);
      g_autoptr(NdArticle) article = nd_test_article (title, body, NULL);

      nd_article_set_published (article, published);
      g_assert_true (nd_database_insert_article (f->db, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (nd_database_commit (f->db, NULL));

  f->store = nd_article_store_new (f->db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_ptr_array_unref (f->notified);
  nd_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* What a search found before snippets moved out of the rows: the ids the
 * full-text index matches, newest first, straight from SQLite */
static const char * const order_by[] = {
  [ND_SORT_DATE_DESC] = "ORDER BY sort_date DESC, id DESC",
  [ND_SORT_DATE_ASC] = "ORDER BY sort_date ASC, id ASC",
  [ND_SORT_TITLE] = "ORDER BY title COLLATE NOCASE ASC, id ASC",
};

static GArray *
reference_ids_sorted (const char  *path,
                      const char  *search,
                      NdSortOrder  sort)
{
  g_autofree char *sql = NULL;
  g_autofree char *fts = nd_database_build_fts_query (search);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  if (fts == NULL)
    return ids;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sql = g_strdup_printf ("SELECT id FROM articles WHERE id IN"
                         " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1) %s", order_by[sort]);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  return ids;
}

static GArray *
reference_ids (const char *path,
               const char *search)
{
  return reference_ids_sorted (path, search, ND_SORT_DATE_DESC);
}

static void
assert_same_ids (GArray *a,
                 GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static GArray *
store_ids (NdArticleStore *store)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      gint64 id = nd_article_store_get_id (store, i);
      g_array_append_val (ids, id);
    }

  return ids;
}

static void
run_idles (NdArticleStore *store)
{
  /* bounded: an idle that never finishes fails the test */
  for (guint i = 0; i < 1000 && nd_article_store_get_n_pending_snippets (store) > 0; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (nd_article_store_get_n_pending_snippets (store), ==, 0);
}

static void
on_snippet (NdArticle  *article,
            GParamSpec *pspec,
            Fixture    *f)
{
  if (nd_article_get_snippet (article) != NULL)
    g_ptr_array_add (f->notified, g_strdup_printf ("%" G_GINT64_FORMAT "\t%s",
                                                   nd_article_get_id (article),
                                                   nd_article_get_snippet (article)));
}

/* The first rows of the list, held as the list holds the rows it shows */
static GPtrArray *
take_rows (Fixture *f,
           guint    n)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  n = MIN (n, g_list_model_get_n_items (G_LIST_MODEL (f->store)));
  for (guint i = 0; i < n; i++)
    {
      NdArticle *article = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_signal_connect (article, "notify::snippet", G_CALLBACK (on_snippet), f);
      g_ptr_array_add (rows, article);
    }

  return rows;
}

static void
disconnect_rows (Fixture   *f,
                 GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (rows, i), f);
}

/* The rows of each search are the articles SQLite matches, in the same
 * order, in each sort order */
static void
test_rows_unchanged (Fixture       *f,
                     gconstpointer  data)
{
  /* many articles (put in order by walking the sort index) and few (by
   * sorting them): both give SQLite's order */
  for (NdSortOrder sort = ND_SORT_DATE_DESC; sort <= ND_SORT_TITLE; sort++)
    {
      nd_article_store_set_sort (f->store, sort);
      for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
        {
          g_autoptr(GArray) expected = reference_ids_sorted (f->path, searches[i], sort);
          g_autoptr(GArray) shown = NULL;

          nd_article_store_set_search (f->store, searches[i]);
          shown = store_ids (f->store);
          g_test_message ("%s (sort %d): %u rows", searches[i], sort, shown->len);
          assert_same_ids (shown, expected);
        }
    }
  nd_article_store_set_sort (f->store, ND_SORT_DATE_DESC);

  /* the words are found at all (not an empty list equal to an empty one) */
  nd_article_store_set_search (f->store, "env");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), >=, N_ARTICLES / 4);
  nd_article_store_set_search (f->store, "nothingmatches");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

/* The order of the whole desk is kept between queries: a change by this
 * connection, by another one, or inside a transaction that is rolled back
 * shows in the next query as it would without it */
static void
test_changes_show (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NdDatabase) other = NULL;
  g_autoptr(NdArticle) fresh = NULL;
  g_autoptr(NdArticle) rolled_back = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { .search = "env" };
  gint64 id = 0;

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GArray) before = NULL;
      g_autoptr(GArray) after = NULL;
      g_autoptr(GArray) expected = NULL;
      g_autoptr(NdArticle) article = NULL;
      g_autofree char *title = g_strdup_printf ("Envoy round %u", round);

      before = nd_database_query_ids (f->db, &query, &error);
      g_assert_no_error (error);
      article = nd_test_article (title, "The envoy came back.", NULL);
      nd_article_set_published (article, round % 2 == 0 ? "2024-06-15" : "2023-01-01");

      switch (round)
        {
        case 0: /* this connection */
          g_assert_true (nd_database_insert_article (f->db, article, &id, NULL, &error));
          break;
        case 1: /* another connection (an import worker) */
          other = nd_database_open (f->path, &error);
          g_assert_no_error (error);
          g_assert_true (nd_database_insert_article (other, article, &id, NULL, &error));
          break;
        case 2: /* deleted by the other one */
          g_assert_true (nd_database_delete_article (other, id, &error));
          break;
        case 3: /* in a transaction: seen inside it, gone after the rollback */
          g_assert_true (nd_database_begin (f->db, &error));
          g_assert_true (nd_database_insert_article (f->db, article, &id, NULL, &error));
          after = nd_database_query_ids (f->db, &query, &error);
          g_assert_cmpuint (after->len, ==, before->len + 1);
          g_clear_pointer (&after, g_array_unref);
          nd_database_rollback (f->db);
          break;
        }
      g_assert_no_error (error);

      after = nd_database_query_ids (f->db, &query, &error);
      g_assert_no_error (error);
      expected = reference_ids (f->path, "env");
      assert_same_ids (after, expected);
      g_assert_cmpuint (after->len, ==, round == 0 || round == 1 ? before->len + 1
                                        : round == 2 ? before->len - 1 : before->len);

      /* the whole list too */
      {
        NdQuery all = { 0 };
        g_autoptr(GArray) every = nd_database_query_ids (f->db, &all, &error);

        g_assert_cmpuint (every->len, ==, nd_database_count_articles (f->db));
      }
    }
}

/* Ids far apart (an article keeps its id when a delete is undone): no
 * kept ranks, SQLite sorts, the same rows */
static void
test_sparse_ids (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sparse.db", NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 ids[] = { 3, 70000, 123456789, 5000000000 };

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("Envoy %u", i);
      g_autoptr(NdArticle) article = nd_test_article (title, "The envoy spoke.", NULL);

      nd_article_set_id (article, ids[i]);
      nd_article_set_published (article, i % 2 == 0 ? "2024-01-01" : "2025-01-01");
      g_assert_true (nd_database_insert_article (db, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint round = 0; round < 2; round++)
    {
      NdQuery query = { .search = "envoy" };
      NdQuery all = { 0 };
      g_autoptr(GArray) found = nd_database_query_ids (db, &query, &error);
      g_autoptr(GArray) every = nd_database_query_ids (db, &all, &error);
      g_autoptr(GArray) expected = reference_ids (path, "envoy");

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (ids));
      assert_same_ids (found, expected);
      assert_same_ids (every, expected);
    }

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* Rows come without snippets; the idle brings each the snippet
 * nd_database_get_snippet() gives, with the match marked */
static void
count_change (guint *changes)
{
  (*changes)++;
}

static void
test_snippets_arrive (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint changes = 0;

  nd_article_store_set_search (f->store, "wor");
  rows = take_rows (f, 25);
  g_assert_cmpuint (rows->len, ==, 25);

  for (guint i = 0; i < rows->len; i++)
    g_assert_null (nd_article_get_snippet (g_ptr_array_index (rows, i)));
  g_assert_cmpuint (nd_article_store_get_n_pending_snippets (f->store), ==, 25);

  /* the snippets change rows, not the list: no items-changed, so the
   * selection and the scroll position stay */
  g_signal_connect_swapped (f->store, "items-changed", G_CALLBACK (count_change), &changes);
  run_idles (f->store);
  g_signal_handlers_disconnect_by_data (f->store, &changes);
  g_assert_cmpuint (changes, ==, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      NdArticle *article = g_ptr_array_index (rows, i);
      g_autofree char *expected = nd_database_get_snippet (f->db, nd_article_get_id (article), "wor");

      g_assert_nonnull (expected);
      g_assert_cmpstr (nd_article_get_snippet (article), ==, expected);
      /* a highlighted word starting with "wor" */
      g_assert_nonnull (strstr (nd_article_get_snippet (article), "\xee\x80\x80" "wor"));
    }
  /* each row was told once */
  g_assert_cmpuint (f->notified->len, ==, rows->len);
  disconnect_rows (f, rows);

  /* a row created again (scrolled back) gets its snippet at once */
  g_clear_pointer (&rows, g_ptr_array_unref);
  {
    g_autoptr(NdArticle) again = g_list_model_get_item (G_LIST_MODEL (f->store), 3);
    g_autofree char *expected = nd_database_get_snippet (f->db, nd_article_get_id (again), "wor");

    g_assert_cmpstr (nd_article_get_snippet (again), ==, expected);
    g_assert_cmpuint (nd_article_store_get_n_pending_snippets (f->store), ==, 0);
  }

  /* no search: no snippet */
  {
    g_autoptr(NdArticle) held = g_list_model_get_item (G_LIST_MODEL (f->store), 0);

    nd_article_store_set_search (f->store, NULL);
    g_assert_null (nd_article_get_snippet (held));
    g_assert_cmpuint (nd_article_store_get_n_pending_snippets (f->store), ==, 0);
  }
}

/* A second search before the snippets of the first came: only the
 * second's snippets ever reach the rows */
static void
test_second_search_wins (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  nd_article_store_set_search (f->store, "envoy");
  first = take_rows (f, 20);
  g_assert_cmpuint (nd_article_store_get_n_pending_snippets (f->store), >, 0);

  nd_article_store_set_search (f->store, "harvest");
  second = take_rows (f, 20);
  g_assert_cmpuint (second->len, >, 0);
  run_idles (f->store);

  g_assert_cmpuint (f->notified->len, >, 0);
  for (guint i = 0; i < f->notified->len; i++)
    {
      const char *line = g_ptr_array_index (f->notified, i);
      g_auto(GStrv) parts = g_strsplit (line, "\t", 2);
      g_autofree char *expected = nd_database_get_snippet (f->db, g_ascii_strtoll (parts[0], NULL, 10), "harvest");

      g_assert_cmpstr (parts[1], ==, expected);
      g_assert_null (strstr (parts[1], "\xee\x80\x80" "envoy"));
    }

  /* the rows of the second search all have theirs; rows of the first
   * that left the list have none */
  for (guint i = 0; i < second->len; i++)
    g_assert_nonnull (strstr (nd_article_get_snippet (g_ptr_array_index (second, i)),
                              "\xee\x80\x80" "harvest"));
  for (guint i = 0; i < first->len; i++)
    {
      NdArticle *article = g_ptr_array_index (first, i);

      if (!nd_article_store_find (f->store, nd_article_get_id (article), NULL))
        g_assert_null (nd_article_get_snippet (article));
    }

  disconnect_rows (f, first);
  disconnect_rows (f, second);
}

/* Several at once or one by one: the same snippets */
static void
test_batch_equals_single (Fixture       *f,
                          gconstpointer  data)
{
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autoptr(GArray) ids = reference_ids (f->path, searches[s]);
      g_autoptr(GHashTable) batch = NULL;
      g_autoptr(GError) error = NULL;
      guint n = MIN (ids->len, 30);

      batch = nd_database_get_snippets (f->db, searches[s], (gint64 *) (gpointer) ids->data, n, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (batch), ==, n);
      for (guint i = 0; i < n; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autofree char *single = nd_database_get_snippet (f->db, id, searches[s]);

          g_assert_nonnull (single);
          g_assert_cmpstr (g_hash_table_lookup (batch, &id), ==, single);
        }
    }
}

/* Typed prefixes of every length still find their words (2 and 3 letters
 * come from the prefix index, longer ones from the terms) */
static void
test_prefixes_find_words (Fixture       *f,
                          gconstpointer  data)
{
  const char *prefixes[] = { "en", "env", "envo", "envoy", "wo", "wor", "worl", "zü", "zur", "harv" };
  const char *word_of[] = { "env", "env", "envoy", "envoy", "wo", "wor", "worl", "zü", "zür", "harvest" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      NdQuery query = { .search = prefixes[i] };
      g_autoptr(GArray) ids = nd_database_query_ids (f->db, &query, NULL);
      guint expected = 0;

      /* count the articles whose text has a word with that prefix */
      for (guint a = 0; a < N_ARTICLES; a++)
        for (guint k = 0; k < 3; k++)
          {
            guint w = k == 0 ? a % G_N_ELEMENTS (words)
                    : k == 1 ? (a * 7 + 3) % G_N_ELEMENTS (words)
                    : (a * 5 + 1) % G_N_ELEMENTS (words);
            g_autofree char *folded = g_utf8_casefold (words[w], -1);
            g_autofree char *prefix = g_utf8_casefold (word_of[i], -1);

            if (g_str_has_prefix (folded, prefix))
              {
                expected++;
                break;
              }
          }

      g_test_message ("%s: %u of %u", prefixes[i], ids->len, expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (ids->len, ==, expected);
    }
}

/* has_mention_text (data, body, text): whether an article's packed
 * mentions (schema 10) have one written `text`, as COLLATE NOCASE
 * compares */
static void
has_mention_text (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  g_autoptr(GArray) mentions = nd_test_unpack_mentions (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                                        (const char *) sqlite3_value_text (argv[1]));
  gboolean found = FALSE;

  for (guint i = 0; i < mentions->len && !found; i++)
    found = sqlite3_stricmp (g_array_index (mentions, NdTestMention, i).text,
                             (const char *) sqlite3_value_text (argv[2])) == 0;
  sqlite3_result_int (context, found);
}

/* The entity filter finds what it found with a UNION sorted by SQLite:
 * articles with an entity of that name, and articles with a mention of
 * that text whatever its entity (a surname, another entity's name) */
static void
test_entity_filter_unchanged (void)
{
  const struct { const char *name; NdEntityKind kind; const char *mention; } mentions[] = {
    { "London", ND_ENTITY_PLACE, "London" },
    { "Jack London", ND_ENTITY_PERSON, "London" },
    { "Jack London", ND_ENTITY_PERSON, "Jack London" },
    { "Joe Biden", ND_ENTITY_PERSON, "Biden" },
    { "Joe Biden", ND_ENTITY_PERSON, "Joe Biden" },
    { "United Nations", ND_ENTITY_ORGANIZATION, "UN" },
  };
  const char *filters[] = { "London", "london", "Jack London", "Biden", "Joe Biden", "UN", "United Nations", "Nobody" };
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "entities.db", NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *title = g_strdup_printf ("Story %02u", (i * 37) % 90);
      g_autofree char *body = g_strdup_printf ("Story %u names someone.", i);
      g_autofree char *published = g_strdup_printf ("2024-01-%02u", 1 + (i * 11) % 28);
      g_autoptr(NdArticle) article = nd_test_article (title, body, NULL);
      g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint k = 0; k < G_N_ELEMENTS (mentions); k++)
        if ((i + k) % (k + 2) == 0)
          {
            NdEntity *entity = nd_entity_new (mentions[k].kind, mentions[k].name);

            nd_entity_add_mention (entity, 0, 5, mentions[k].mention);
            g_ptr_array_add (entities, entity);
          }
      nd_article_set_published (article, published);
      nd_article_set_entities (article, entities);
      g_assert_true (nd_database_insert_article (db, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_create_function (raw, "has_mention_text", 3, SQLITE_UTF8, NULL,
                                            has_mention_text, NULL, NULL), ==, SQLITE_OK);
  for (NdSortOrder sort = ND_SORT_DATE_DESC; sort <= ND_SORT_TITLE; sort++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        NdQuery query = { .entity = filters[f], .sort = sort };
        g_autoptr(GArray) ids = nd_database_query_ids (db, &query, &error);
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autofree char *sql = g_strdup_printf ("SELECT id FROM articles WHERE id IN ("
                                                "SELECT ae.article_id FROM entities e"
                                                " JOIN article_entities ae ON ae.entity_id = e.id"
                                                " WHERE e.name = ?1 COLLATE NOCASE"
                                                " UNION SELECT m.article_id FROM article_mentions m"
                                                " JOIN articles a ON a.id = m.article_id"
                                                " WHERE has_mention_text (m.data, a.body, ?1)) %s", order_by[sort]);
        sqlite3_stmt *stmt = NULL;

        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, filters[f], -1, SQLITE_STATIC);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            gint64 id = sqlite3_column_int64 (stmt, 0);
            g_array_append_val (expected, id);
          }
        sqlite3_finalize (stmt);

        g_test_message ("%s (sort %d): %u", filters[f], sort, ids->len);
        assert_same_ids (ids, expected);
        if (g_str_equal (filters[f], "London") || g_str_equal (filters[f], "Biden"))
          g_assert_cmpuint (ids->len, >, 0);
      }
  sqlite3_close (raw);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* Counts rows of one SQL query on a raw connection */
static int
count_in (sqlite3    *raw,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* A schema 5 desk: the migration to 6 makes the full-text index again
 * with prefix indexes, and every search finds what it found before */
static void
test_migration_from_v5 (void)
{
  const char *v5_searches[] = {
    "cairo", "Cairo Georgia", "env", "en", "envoy", "environment", "environmental", "wor",
    "world", "worldwide", "work", "zurich", "Zürich", "zü", "sao paulo", "SÃO", "park",
    "mayor", "said", "rebuild", "nothingmatches", "e", "w",
  };
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v5.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v5.sql", NULL);
  g_autofree char *sql = nd_test_read_file (sql_path);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_in (raw, "SELECT user_version FROM pragma_user_version"), ==, 5);
  g_assert_cmpint (count_in (raw, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"
                                  " AND sql LIKE '%prefix%'"), ==, 0);
  sqlite3_close (raw);

  for (guint i = 0; i < G_N_ELEMENTS (v5_searches); i++)
    g_ptr_array_add (before, reference_ids (path, v5_searches[i]));
  /* the fixture's words are there to be found */
  g_assert_cmpuint (((GArray *) g_ptr_array_index (before, 2))->len, ==, 2);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (before, 11))->len, ==, 1);

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), >=, 6);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (count_in (raw, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"
                                  " AND sql LIKE '%prefix=''2 3''%'"), ==, 1);
  /* every article is in the index once, and the index is sound */
  g_assert_cmpint (count_in (raw, "SELECT count(*) FROM articles_fts_docsize"), ==,
                   count_in (raw, "SELECT count(*) FROM articles"));
  g_assert_cmpint (sqlite3_exec (raw, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  for (guint i = 0; i < G_N_ELEMENTS (v5_searches); i++)
    {
      NdQuery query = { .search = v5_searches[i] };
      g_autoptr(GArray) ids = nd_database_query_ids (db, &query, &error);

      g_assert_no_error (error);
      g_test_message ("%s: %u", v5_searches[i], ids->len);
      assert_same_ids (ids, g_ptr_array_index (before, i));
      if (ids->len > 0)
        {
          g_autofree char *snippet = nd_database_get_snippet (db, g_array_index (ids, gint64, 0), v5_searches[i]);

          g_assert_nonnull (strstr (snippet, "\xee\x80\x80"));
        }
    }

  /* a new article is indexed as before */
  article = nd_test_article ("Envoys meet", "Two envoys met in Worcester.", NULL);
  g_assert_true (nd_database_insert_article (db, article, &id, NULL, &error));
  g_assert_no_error (error);
  {
    NdQuery query = { .search = "wor" };
    g_autoptr(GArray) ids = nd_database_query_ids (db, &query, NULL);
    g_autoptr(GArray) expected = reference_ids (path, "wor");

    assert_same_ids (ids, expected);
    g_assert_cmpuint (ids->len, ==, ((GArray *) g_ptr_array_index (before, 7))->len + 1);
  }

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/search/rows-unchanged", test_rows_unchanged);
  ADD ("/search/snippets-arrive", test_snippets_arrive);
  ADD ("/search/second-search-wins", test_second_search_wins);
  ADD ("/search/batch-equals-single", test_batch_equals_single);
  ADD ("/search/prefixes-find-words", test_prefixes_find_words);
  ADD ("/search/changes-show", test_changes_show);
#undef ADD
  g_test_add_func ("/search/migration-from-v5", test_migration_from_v5);
  g_test_add_func ("/search/entity-filter-unchanged", test_entity_filter_unchanged);
  g_test_add_func ("/search/sparse-ids", test_sparse_ids);

  return g_test_run ();
}
