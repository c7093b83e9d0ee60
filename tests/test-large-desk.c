/* test-large-desk.c — what keeps a big desk fast: the store loads only
 * the rows asked for, without their bodies; an import landing batch by
 * batch shows up as insertions; every filter runs on an index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No timing here: speed is measured by build-aux/newsdesk-bench.
 */
#include "test-common.h"

#define N_ARTICLES 300

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  char       *dir;
  char       *path;
  NdDatabase *db;
  GArray     *changes;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
}

/* Article i: published on day i of 2024 (so the newest-first list shows
 * them in reverse order), tagged "even" or "odd", mentioning a city */
static gint64
insert_article (NdDatabase *db,
                guint       i)
{
  g_autofree char *title = g_strdup_printf ("Report %03u", i);
  g_autofree char *body = g_strdup_printf ("The envoy flew to %s on day %u. Word%u appears once.",
                                           i % 3 == 0 ? "Nairobi" : "Lima", i, i);
  g_autofree char *published = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(NdArticle) article = nd_test_article (title, body, i % 2 == 0 ? "even" : "odd");
  g_autoptr(NdEntity) city = nd_entity_new (ND_ENTITY_PLACE, i % 3 == 0 ? "Nairobi" : "Lima");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  day = g_date_time_add_days (start, i);
  published = g_date_time_format (day, "%Y-%m-%d");
  nd_article_set_published (article, published);
  nd_entity_add_mention (city, 18, 18 + (i % 3 == 0 ? 7 : 4), i % 3 == 0 ? "Nairobi" : "Lima");
  g_ptr_array_add (entities, city);
  nd_article_set_entities (article, entities);

  g_assert_true (nd_database_insert_article (db, article, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = nd_test_make_dir ();
  f->path = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->db = nd_database_open (f->path, &error);
  g_assert_no_error (error);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_array_unref (f->changes);
  nd_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A row is loaded when the list asks for it, without its body and
 * entities; rows never asked for are never loaded; rows no longer shown
 * are let go. */
static void
test_rows_on_demand (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NdArticleStore) store = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NdArticle) whole = NULL;

  g_assert_true (nd_database_begin (f->db, NULL));
  for (guint i = 0; i < N_ARTICLES; i++)
    insert_article (f->db, i);
  g_assert_true (nd_database_commit (f->db, NULL));

  store = nd_article_store_new (f->db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_ARTICLES);
  g_assert_cmpuint (nd_article_store_get_n_loaded (store), ==, 0);

  /* a screenful */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (store), i));
  g_assert_cmpuint (nd_article_store_get_n_loaded (store), ==, 20);

  /* what a row shows is there; the body and the entities are not */
  {
    NdArticle *first = g_ptr_array_index (shown, 0);
    const char *tags[] = { "odd", NULL };

    g_assert_cmpstr (nd_article_get_title (first), ==, "Report 299");
    g_assert_cmpstr (nd_article_get_published (first), ==, "2024-10-26");
    g_assert_cmpstrv ((const char * const *) nd_article_get_tags (first), tags);
    g_assert_true (nd_article_get_body (first) == NULL || *nd_article_get_body (first) == '\0');
    g_assert_cmpuint (nd_article_get_entities (first)->len, ==, 0);
  }

  /* the same row asked again is the same object, not a second load */
  {
    g_autoptr(NdArticle) again = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (again == g_ptr_array_index (shown, 0));
    g_assert_cmpuint (nd_article_store_get_n_loaded (store), ==, 20);
  }

  /* scrolled away: nothing stays */
  g_ptr_array_set_size (shown, 0);
  g_assert_cmpuint (nd_article_store_get_n_loaded (store), ==, 0);

  /* the detail view loads the whole article itself */
  whole = nd_database_load_article (f->db, nd_article_store_get_id (store, 0), NULL);
  g_assert_nonnull (whole);
  g_assert_true (g_str_has_prefix (nd_article_get_body (whole), "The envoy flew to Lima"));
  g_assert_cmpuint (nd_article_get_entities (whole)->len, ==, 1);
}

/* Another connection (an import worker) adds articles in batches; each
 * refresh announces exactly the new articles, where they are, so the rows
 * around them and the selection stay. */
static void
test_batches_arrive_as_insertions (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(NdArticleStore) store = nd_article_store_new (f->db);
  g_autoptr(NdDatabase) worker = NULL;
  g_autoptr(GError) error = NULL;
  guint added = 0;

  worker = nd_database_open (f->path, &error);
  g_assert_no_error (error);

  /* the even days first, then the odd ones fall between them */
  for (guint i = 0; i < 40; i += 2)
    insert_article (worker, i);
  nd_article_store_refresh (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 20);

  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), f);

  g_assert_true (nd_database_begin (worker, NULL));
  for (guint i = 1; i < 10; i += 2)
    insert_article (worker, i);
  /* not committed: the list does not show it */
  nd_article_store_refresh (store);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (nd_database_commit (worker, NULL));

  nd_article_store_refresh (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 25);
  /* days 9, 7, 5, 3, 1 each between two even days, newest first */
  g_assert_cmpuint (f->changes->len, ==, 5);
  for (guint k = 0; k < f->changes->len; k++)
    {
      Change *change = &g_array_index (f->changes, Change, k);
      g_autoptr(NdArticle) article = NULL;
      g_autofree char *title = g_strdup_printf ("Report %03u", 9 - 2 * k);

      g_assert_cmpuint (change->removed, ==, 0);
      g_assert_cmpuint (change->added, ==, 1);
      /* 38..10 are 15 rows above day 9; each insertion moves the next
       * one down by two (itself and one even day) */
      g_assert_cmpuint (change->position, ==, 15 + 2 * k);
      article = g_list_model_get_item (G_LIST_MODEL (store), change->position);
      g_assert_cmpstr (nd_article_get_title (article), ==, title);
      added += change->added;
    }
  g_assert_cmpuint (added, ==, 5);

  /* a deletion is not an insertion: one range, as before */
  g_array_set_size (f->changes, 0);
  g_assert_true (nd_database_delete_article (worker, nd_article_store_get_id (store, 0), NULL));
  nd_article_store_refresh (store);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).position, ==, 0);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).removed, ==, 1);
  g_assert_cmpuint (g_array_index (f->changes, Change, 0).added, ==, 0);
}

/* The filters give the same articles alone and together, in each order */
static void
test_filters_combine (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NdArticleStore) store = NULL;
  NdQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;

  g_assert_true (nd_database_begin (f->db, NULL));
  for (guint i = 0; i < 60; i++)
    insert_article (f->db, i);
  g_assert_true (nd_database_commit (f->db, NULL));
  store = nd_article_store_new (f->db);

  nd_article_store_set_tag (store, "even");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 30);
  nd_article_store_set_entity (store, "nairobi");
  /* i % 2 == 0 and i % 3 == 0: 0, 6, ..., 54 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 10);
  nd_article_store_set_search (store, "envoy");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 10);
  nd_article_store_set_search (store, "word12");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  nd_article_store_set_tag (store, NULL);
  nd_article_store_set_search (store, "word13");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  nd_article_store_set_entity (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* every sort order with a filter */
  query.tag = "odd";
  query.entity = "Lima";
  for (NdSortOrder sort = ND_SORT_DATE_DESC; sort <= ND_SORT_TITLE; sort++)
    {
      query.sort = sort;
      g_clear_pointer (&ids, g_array_unref);
      ids = nd_database_query_ids (f->db, &query, NULL);
      g_assert_nonnull (ids);
      /* odd and not a multiple of 3: 1, 5, 7, 11, ... 59: 20 articles */
      g_assert_cmpuint (ids->len, ==, 20);
    }
}

/* The query plan of each filter starts from an index, never a scan of
 * every article (what keeps a filter fast at 100,000 articles). */
static void
test_filters_use_indexes (Fixture       *f,
                          gconstpointer  data)
{
  struct {
    NdQuery     query;
    const char *index;
  } cases[] = {
    { { .tag = "even" }, "article_tags_by_tag" },
    { { .entity = "Lima" }, "entities_by_name" },
    { { .entity = "Lima" }, "mention_variants_by_text" },
    /* the mention texts carry their article (schema 6; a table of their
     * own, schema 10) */
    { { .entity = "Lima" }, "COVERING INDEX mention_variants_by_text" },
    /* a filter's ids come from its index alone, unsorted (the kept order
     * of the desk sorts them) */
    { { .entity = "Lima" }, "-- filter\nCOMPOUND QUERY" },
    { { .tag = "even" }, "-- filter\nSEARCH t USING" },
    { { .search = "envoy" }, "-- filter\nSCAN articles_fts VIRTUAL TABLE" },
    { { .search = "envoy" }, "VIRTUAL TABLE" },
    { { .search = "envoy", .tag = "even", .sort = ND_SORT_TITLE }, "VIRTUAL TABLE" },
    { { .tag = "odd", .sort = ND_SORT_DATE_ASC }, "article_tags_by_tag" },
    /* the sort keys of what a filter found come from an index, not from
     * the articles' rows */
    { { .tag = "odd" }, "COVERING INDEX articles_sort_keys" },
    { { .search = "envoy" }, "COVERING INDEX articles_sort_keys" },
    { { .entity = "Lima", .sort = ND_SORT_TITLE }, "COVERING INDEX articles_sort_keys" },
    /* no filter: the sort index, not a sort of every article */
    { { .sort = ND_SORT_DATE_DESC }, "articles_by_date" },
    { { .sort = ND_SORT_TITLE }, "articles_by_title" },
  };

  g_assert_true (nd_database_begin (f->db, NULL));
  for (guint i = 0; i < 50; i++)
    insert_article (f->db, i);
  g_assert_true (nd_database_commit (f->db, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *plan = nd_database_explain_query_ids (f->db, &cases[i].query, &error);

      g_assert_no_error (error);
      g_test_message ("case %u:\n%s", i, plan);
      g_assert_nonnull (strstr (plan, cases[i].index));
      /* never every article tested one by one under a filter */
      if (cases[i].query.tag != NULL || cases[i].query.entity != NULL || cases[i].query.search != NULL)
        {
          g_assert_null (strstr (plan, "SCAN a\n"));
          g_assert_null (strstr (plan, "SCAN a USING"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/large-desk/rows-on-demand", test_rows_on_demand);
  ADD ("/large-desk/batches-arrive-as-insertions", test_batches_arrive_as_insertions);
  ADD ("/large-desk/filters-combine", test_filters_combine);
  ADD ("/large-desk/filters-use-indexes", test_filters_use_indexes);
#undef ADD

  return g_test_run ();
}
