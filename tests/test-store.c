/* test-store.c — NdArticleStore: the GListModel the views show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  char           *dir;
  NdDatabase     *db;
  NdArticleStore *store;
  GArray         *changes;
  GArray         *edited;
  guint           tags_changed;
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

static void
article_changed_cb (NdArticleStore *store,
                    gint64          id,
                    Fixture        *f)
{
  g_array_append_val (f->edited, id);
}

static void
tags_changed_cb (NdArticleStore *store,
                 Fixture        *f)
{
  f->tags_changed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = nd_test_make_dir ();
  path = g_build_filename (f->dir, "newsdesk.db", NULL);
  f->db = nd_database_open (path, &error);
  g_assert_no_error (error);
  f->store = nd_article_store_new (f->db);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  f->edited = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_signal_connect (f->store, "article-changed", G_CALLBACK (article_changed_cb), f);
  g_signal_connect (f->store, "tags-changed", G_CALLBACK (tags_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->db);
  g_array_unref (f->changes);
  g_array_unref (f->edited);
  nd_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
assert_change (Fixture *f,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  Change *c;

  g_assert_cmpuint (index, <, f->changes->len);
  c = &g_array_index (f->changes, Change, index);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static gint64
add (Fixture    *f,
     const char *title,
     const char *published,
     const char *tag)
{
  g_autofree char *body = g_strdup_printf ("The story of %s.", title);
  g_autoptr(NdArticle) article = nd_test_article (title, body, tag);
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  gint64 id = 0;

  nd_article_set_published (article, published);
  g_assert_true (nd_article_store_insert (f->store, article, &id, &duplicate, &error));
  g_assert_no_error (error);
  g_assert_false (duplicate);
  return id;
}

static const char *
title_at (Fixture *f,
          guint    position)
{
  g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), position);
  static char buffer[256];

  g_assert_nonnull (article);
  g_strlcpy (buffer, nd_article_get_title (article), sizeof buffer);
  return buffer;
}

static void
test_insert_ranges (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->store);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == ND_TYPE_ARTICLE);

  add (f, "Middle", "2024-02-01", NULL);
  assert_change (f, 0, 0, 0, 1);
  add (f, "Newest", "2024-03-01", NULL);   /* newest first: goes on top */
  assert_change (f, 1, 0, 0, 1);
  add (f, "Oldest", "2024-01-01", NULL);   /* goes last */
  assert_change (f, 2, 2, 0, 1);
  g_assert_cmpuint (f->changes->len, ==, 3);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (title_at (f, 0), ==, "Newest");
  g_assert_cmpstr (title_at (f, 1), ==, "Middle");
  g_assert_cmpstr (title_at (f, 2), ==, "Oldest");
  g_assert_null (g_list_model_get_item (model, 3));

  /* a duplicate changes nothing */
  {
    g_autoptr(NdArticle) again = nd_test_article ("Middle", "The story of Middle.", NULL);
    gboolean duplicate = FALSE;

    g_assert_true (nd_article_store_insert (f->store, again, NULL, &duplicate, NULL));
    g_assert_true (duplicate);
    g_assert_cmpuint (f->changes->len, ==, 3);
  }
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[1];

  add (f, "A", "2024-01-03", NULL);
  ids[0] = add (f, "B", "2024-01-02", "keep me");
  add (f, "C", "2024-01-01", NULL);
  g_array_set_size (f->changes, 0);
  f->tags_changed = 0;

  g_assert_true (nd_article_store_delete (f->store, ids, 1, &deleted, &error));
  g_assert_no_error (error);
  assert_change (f, 0, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpuint (f->tags_changed, ==, 1);
  {
    g_autoptr(GPtrArray) tags = nd_article_store_list_tags (f->store);
    g_assert_cmpuint (tags->len, ==, 0);
  }

  /* undo: the same article, same place, same tags */
  g_assert_true (nd_article_store_restore (f->store, deleted, &error));
  g_assert_no_error (error);
  assert_change (f, 1, 1, 0, 1);
  g_assert_cmpstr (title_at (f, 1), ==, "B");
  {
    g_autoptr(NdArticle) b = g_list_model_get_item (G_LIST_MODEL (f->store), 1);
    g_autoptr(GPtrArray) tags = nd_article_store_list_tags (f->store);

    g_assert_cmpint (nd_article_get_id (b), ==, ids[0]);
    g_assert_true (nd_article_has_tag (b, "keep me"));
    g_assert_cmpuint (tags->len, ==, 1);
  }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->store);

  add (f, "Ceasefire talks in Cairo", "2024-01-04", "gaza");
  add (f, "Harvest report", "2024-01-03", NULL);
  add (f, "Cairo traffic", "2024-01-02", "gaza");
  add (f, "Elections", "2024-01-01", NULL);
  g_array_set_size (f->changes, 0);

  /* rows 1 and 3 leave: the range covers them */
  nd_article_store_set_tag (f->store, "gaza");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  assert_change (f, 0, 1, 3, 1);
  g_assert_cmpstr (nd_article_store_get_tag (f->store), ==, "gaza");

  nd_article_store_set_search (f->store, "traffic");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  assert_change (f, 1, 0, 1, 0);
  g_assert_cmpstr (title_at (f, 0), ==, "Cairo traffic");
  {
    g_autoptr(NdArticle) article = g_list_model_get_item (model, 0);

    /* the row first, its snippet from an idle after */
    while (nd_article_store_get_n_pending_snippets (f->store) > 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (strstr (nd_article_get_snippet (article), "\xee\x80\x80" "traffic\xee\x80\x81"));
  }

  /* the same filter again is no change at all */
  nd_article_store_set_search (f->store, " traffic ");
  g_assert_cmpuint (f->changes->len, ==, 2);

  nd_article_store_set_search (f->store, NULL);
  nd_article_store_set_tag (f->store, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_null (nd_article_store_get_tag (f->store));

  nd_article_store_set_sort (f->store, ND_SORT_TITLE);
  g_assert_cmpstr (title_at (f, 0), ==, "Cairo traffic");
  g_assert_cmpstr (title_at (f, 3), ==, "Harvest report");
  nd_article_store_set_sort (f->store, ND_SORT_DATE_ASC);
  g_assert_cmpstr (title_at (f, 0), ==, "Elections");
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  guint tag_notifies = 0;
  gint64 id;

  id = add (f, "Edited", "2024-01-01", NULL);
  add (f, "Other", "2024-01-02", NULL);
  article = g_list_model_get_item (G_LIST_MODEL (f->store), 1);
  g_assert_cmpint (nd_article_get_id (article), ==, id);
  g_signal_connect (article, "notify::tags", G_CALLBACK (notify_count_cb), &tag_notifies);
  g_array_set_size (f->changes, 0);
  f->tags_changed = 0;

  g_assert_true (nd_article_store_add_tag (f->store, id, "review", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->edited->len, ==, 1);
  g_assert_cmpint (g_array_index (f->edited, gint64, 0), ==, id);
  g_assert_cmpuint (f->tags_changed, ==, 1);
  /* the object a row shows is updated in place */
  g_assert_true (nd_article_has_tag (article, "review"));
  g_assert_cmpuint (tag_notifies, ==, 1);
  g_assert_cmpuint (f->changes->len, ==, 0);

  g_assert_true (nd_article_store_set_read (f->store, id, TRUE, &error));
  g_assert_true (nd_article_get_read (article));
  g_assert_true (nd_article_store_set_starred (f->store, id, TRUE, &error));
  g_assert_true (nd_article_get_starred (article));
  g_assert_cmpuint (f->edited->len, ==, 3);

  /* removing the filtered tag takes the row out of the filtered list */
  nd_article_store_set_tag (f->store, "review");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_array_set_size (f->changes, 0);
  g_assert_true (nd_article_store_remove_tag (f->store, id, "review", &error));
  g_assert_false (nd_article_has_tag (article, "review"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  assert_change (f, 0, 0, 1, 0);

  /* an edit of a missing article is an error and emits nothing */
  g_array_set_size (f->edited, 0);
  g_assert_false (nd_article_store_add_tag (f->store, id + 100, "x", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
  g_assert_cmpuint (f->edited->len, ==, 0);
}

static void
test_refresh_after_worker (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(NdDatabase) worker = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  add (f, "Existing", "2024-01-01", NULL);
  g_array_set_size (f->changes, 0);

  /* another connection (an import worker) writes two articles */
  worker = nd_database_open (nd_database_get_path (f->db), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *title = g_strdup_printf ("Imported %u", i);
      g_autoptr(NdArticle) article = nd_test_article (title, title, NULL);

      nd_article_set_published (article, "2024-06-01");
      g_assert_true (nd_database_insert_article (worker, article, NULL, NULL, &error));
    }

  nd_article_store_refresh (f->store);
  assert_change (f, 0, 0, 0, 2);
  g_assert_true (nd_article_store_find (f->store, nd_article_store_get_id (f->store, 2), &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_cmpstr (title_at (f, 2), ==, "Existing");
}

static void
test_correct_entity (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(NdArticle) article = nd_test_article ("Visit", "Jordan arrived in Amman.", NULL);
  g_autoptr(NdArticle) shown = NULL;
  g_autoptr(NdEntity) wrong = nd_entity_new (ND_ENTITY_PERSON, "Jordan");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(NdCorrection) correction = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON, "Jordan");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  nd_entity_add_mention (wrong, 0, 6, "Jordan");
  g_ptr_array_add (entities, wrong);
  nd_article_set_entities (article, entities);
  g_assert_true (nd_article_store_insert (f->store, article, &id, NULL, &error));
  nd_article_store_set_entity (f->store, "jordan");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  shown = g_list_model_get_item (G_LIST_MODEL (f->store), 0);

  correction->new_kind = ND_ENTITY_PLACE;
  g_assert_true (nd_article_store_correct_entity (f->store, id, correction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->edited->len, ==, 1);
  /* the object the detail view shows has the corrected entity */
  g_assert_cmpint (nd_entity_get_kind (g_ptr_array_index (nd_article_get_entities (shown), 0)), ==, ND_ENTITY_PLACE);
  g_assert_cmpuint (nd_article_get_corrections (shown)->len, ==, 1);
  /* still found by name: the entity filter matches any kind */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);

  /* removing it takes the article out of the entity filter */
  {
    g_autoptr(NdCorrection) remove = nd_correction_new (ND_CORRECTION_REMOVE, ND_ENTITY_PLACE, "Jordan");

    g_assert_true (nd_article_store_correct_entity (f->store, id, remove, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  }
}

/* A correction with undo: the article shows the entity again, the
 * correction is gone, the article is back in the entity filter */
static void
test_undo_correction (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NdArticle) article = nd_test_article ("Visit", "Jordan arrived in Amman.", NULL);
  g_autoptr(NdArticle) shown = NULL;
  g_autoptr(NdEntity) person = nd_entity_new (ND_ENTITY_PERSON, "Jordan");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(NdCorrection) remove = nd_correction_new (ND_CORRECTION_REMOVE, ND_ENTITY_PERSON, "Jordan");
  g_autoptr(NdCorrectionUndo) undo = NULL;
  g_autoptr(GPtrArray) corrections = NULL;
  g_autoptr(GError) error = NULL;
  NdEntity *back;
  gint64 id = 0;

  nd_entity_add_mention (person, 0, 6, "Jordan");
  nd_entity_set_role (person, "Minister");
  g_ptr_array_add (entities, person);
  nd_article_set_entities (article, entities);
  g_assert_true (nd_article_store_insert (f->store, article, &id, NULL, &error));
  nd_article_store_set_entity (f->store, "jordan");
  shown = g_list_model_get_item (G_LIST_MODEL (f->store), 0);

  undo = nd_article_store_correct_entity_with_undo (f->store, id, remove, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  g_assert_cmpint (nd_correction_undo_get_article_id (undo), ==, id);
  g_assert_cmpuint (nd_article_get_entities (shown)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_cmpuint (f->edited->len, ==, 1);

  g_assert_true (nd_article_store_undo_correction (f->store, undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->edited->len, ==, 2);
  g_assert_cmpuint (nd_article_get_entities (shown)->len, ==, 1);
  back = g_ptr_array_index (nd_article_get_entities (shown), 0);
  g_assert_cmpstr (nd_entity_get_name (back), ==, "Jordan");
  g_assert_cmpint (nd_entity_get_kind (back), ==, ND_ENTITY_PERSON);
  g_assert_cmpstr (nd_entity_get_role (back), ==, "Minister");
  g_assert_cmpuint (nd_entity_get_n_mentions (back), ==, 1);
  g_assert_cmpuint (nd_article_get_corrections (shown)->len, ==, 0);
  corrections = nd_database_list_corrections (f->db, id, &error);
  g_assert_cmpuint (corrections->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
}

/* First page -----------------------------------------------------------
 *
 * A window's first frame reads only the first ids of the list and counts
 * the others; the rest comes after it, or with the first refresh. */

#define PAGED_ARTICLES 30
#define PAGE 10

/* PAGED_ARTICLES articles written by another connection (as a desk that
 * is opened), one a day: "Day 29" is the newest, first in the list; the
 * last ten ("Day 00" to "Day 09") are tagged "early" */
static void
write_days (Fixture *f)
{
  g_autoptr(NdDatabase) writer = NULL;
  g_autoptr(GError) error = NULL;

  writer = nd_database_open (nd_database_get_path (f->db), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < PAGED_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Day %02u", i);
      g_autofree char *body = g_strdup_printf ("What happened on day %u.", i);
      g_autofree char *date = g_strdup_printf ("2024-01-%02u", i + 1);
      g_autoptr(NdArticle) article = nd_test_article (title, body, i < 10 ? "early" : NULL);

      nd_article_set_published (article, date);
      g_assert_true (nd_database_insert_article (writer, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* The store lists what the desk lists for its filter, in order */
static void
assert_whole_list (Fixture    *f,
                   const char *tag)
{
  NdQuery query = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (f->store);

  query.tag = tag;
  query.sort = nd_article_store_get_sort (f->store);
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (model, i);

      g_assert_cmpint (nd_article_get_id (article), ==, g_array_index (ids, gint64, i));
      g_assert_cmpint (nd_article_store_get_id (f->store, i), ==, g_array_index (ids, gint64, i));
    }
  g_assert_null (g_list_model_get_item (model, ids->len));
}

static void
test_first_page (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->store);
  g_autoptr(NdDatabase) writer = NULL;
  g_autoptr(NdArticle) last = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  write_days (f);

  /* the first page, and the true length of the list at once */
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  g_assert_false (nd_article_store_is_complete (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, PAGED_ARTICLES);
  g_assert_cmpstr (title_at (f, 0), ==, "Day 29");
  g_assert_cmpstr (title_at (f, PAGE - 1), ==, "Day 20");
  g_assert_false (nd_article_store_is_complete (f->store));
  /* asked again, it is still the same first page */
  g_assert_true (nd_article_store_read_first (f->store, PAGE));

  /* the rest: the list was already right, so nothing changes */
  nd_article_store_read_rest (f->store);
  g_assert_true (nd_article_store_is_complete (f->store));
  g_assert_cmpuint (f->changes->len, ==, 0);
  assert_whole_list (f, NULL);
  nd_article_store_read_rest (f->store);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* a first page asked for once the list is read changes nothing */
  g_assert_false (nd_article_store_read_first (f->store, PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, PAGED_ARTICLES);

  /* an article past the first page, before the rest was read: the
   * rest comes with it, and nothing else changes */
  g_clear_object (&f->store);
  f->store = nd_article_store_new (f->db);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  model = G_LIST_MODEL (f->store);
  last = g_list_model_get_item (model, PAGED_ARTICLES - 1);
  g_assert_cmpstr (nd_article_get_title (last), ==, "Day 00");
  g_assert_true (nd_article_store_is_complete (f->store));
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* finding an article past the first page, likewise */
  g_clear_object (&f->store);
  f->store = nd_article_store_new (f->db);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  g_assert_true (nd_article_store_find (f->store, nd_article_get_id (last), &position));
  g_assert_cmpuint (position, ==, PAGED_ARTICLES - 1);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* an empty desk: the first page is the whole list */
  g_clear_object (&f->store);
  writer = nd_database_open (nd_database_get_path (f->db), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GArray) all = nd_database_query_ids (writer, &(NdQuery) { 0 }, &error);

    g_assert_true (nd_database_begin (writer, &error));
    for (guint i = 0; i < all->len; i++)
      g_assert_true (nd_database_delete_article (writer, g_array_index (all, gint64, i), &error));
    g_assert_true (nd_database_commit (writer, &error));
    g_assert_no_error (error);
  }
  f->store = nd_article_store_new (f->db);
  g_assert_false (nd_article_store_read_first (f->store, PAGE));
  g_assert_true (nd_article_store_is_complete (f->store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

static void
test_first_page_superseded (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(NdDatabase) writer = NULL;
  g_autoptr(GError) error = NULL;

  write_days (f);

  /* a filter while the rest is still to read: its articles are all past
   * the first page, and the list is the filter's, whole */
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  nd_article_store_set_tag (f->store, "early");
  g_assert_true (nd_article_store_is_complete (f->store));
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, PAGED_ARTICLES, 10);
  assert_whole_list (f, "early");
  g_assert_cmpstr (title_at (f, 0), ==, "Day 09");
  /* the rest, asked for after that, is already there */
  nd_article_store_read_rest (f->store);
  g_assert_cmpuint (f->changes->len, ==, 1);
  nd_article_store_set_tag (f->store, NULL);
  assert_whole_list (f, NULL);

  /* a sort while the rest is to read */
  g_clear_object (&f->store);
  g_array_set_size (f->changes, 0);
  f->store = nd_article_store_new (f->db);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  nd_article_store_set_sort (f->store, ND_SORT_DATE_ASC);
  g_assert_true (nd_article_store_is_complete (f->store));
  assert_change (f, 0, 0, PAGED_ARTICLES, PAGED_ARTICLES);
  assert_whole_list (f, NULL);
  g_assert_cmpstr (title_at (f, 0), ==, "Day 00");

  /* another program writes to the desk before the rest is read: a newer
   * article, and one past the first page deleted */
  g_clear_object (&f->store);
  g_array_set_size (f->changes, 0);
  f->store = nd_article_store_new (f->db);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_assert_true (nd_article_store_read_first (f->store, PAGE));
  writer = nd_database_open (nd_database_get_path (f->db), &error);
  g_assert_no_error (error);
  {
    /* "Day 15", at position 14 */
    g_autoptr(GArray) all = nd_database_query_ids (writer, &(NdQuery) { 0 }, &error);

    g_assert_no_error (error);
    g_assert_true (nd_database_delete_article (writer, g_array_index (all, gint64, 14), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (f->changes->len, ==, 0);
  nd_article_store_read_rest (f->store);
  /* all but the first page replaced: one fewer */
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, PAGE, PAGED_ARTICLES - PAGE, PAGED_ARTICLES - PAGE - 1);
  assert_whole_list (f, NULL);
  {
    g_autoptr(NdArticle) article = nd_test_article ("Day 99", "The newest.", NULL);

    g_clear_object (&f->store);
    g_array_set_size (f->changes, 0);
    f->store = nd_article_store_new (f->db);
    g_signal_connect (f->store, "items-changed", G_CALLBACK (items_changed_cb), f);
    g_assert_true (nd_article_store_read_first (f->store, PAGE));
    nd_article_set_published (article, "2025-01-01");
    g_assert_true (nd_database_insert_article (writer, article, NULL, NULL, &error));
    g_assert_no_error (error);
    /* a refresh (after an import's batch) reads the rest too */
    nd_article_store_refresh (f->store);
    g_assert_true (nd_article_store_is_complete (f->store));
    assert_change (f, 0, 0, PAGED_ARTICLES - 1, PAGED_ARTICLES);
    assert_whole_list (f, NULL);
    g_assert_cmpstr (title_at (f, 0), ==, "Day 99");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("insert-ranges", test_insert_ranges);
  ADD ("delete-and-undo", test_delete_and_undo);
  ADD ("filters", test_filters);
  ADD ("edits", test_edits);
  ADD ("refresh-after-worker", test_refresh_after_worker);
  ADD ("correct-entity", test_correct_entity);
  ADD ("undo-correction", test_undo_correction);
  ADD ("first-page", test_first_page);
  ADD ("first-page-superseded", test_first_page_superseded);
#undef ADD

  return g_test_run ();
}
