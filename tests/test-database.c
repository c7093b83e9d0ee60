/* test-database.c — the desk's SQLite file: schema, migration, FTS, writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "test-common.h"

typedef struct
{
  char       *dir;
  char       *path;
  NdDatabase *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = nd_test_make_dir ();
  f->path = g_build_filename (f->dir, "desk", "newsdesk.db", NULL);
  f->db = nd_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_autofree char *desk = g_build_filename (f->dir, "desk", NULL);
  nd_test_remove_dir (desk);
  nd_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
insert (NdDatabase *db,
        NdArticle  *article)
{
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  gint64 id = 0;

  g_assert_true (nd_database_insert_article (db, article, &id, &duplicate, &error));
  g_assert_no_error (error);
  g_assert_false (duplicate);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GArray *
search (NdDatabase *db,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  NdQuery query = { .search = text };
  GArray *ids = nd_database_query_ids (db, &query, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (nd_database_get_schema_version (f->db), ==, ND_DATABASE_SCHEMA_VERSION);
  g_assert_cmpuint (nd_database_count_articles (f->db), ==, 0);
  g_assert_cmpstr (nd_database_get_path (f->db), ==, f->path);
  /* WAL mode is stored in the file */
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
}

static void
test_default_path (void)
{
  g_autofree char *fallback = NULL;
  g_autofree char *from_env = NULL;

  g_unsetenv ("NEWSDESK_DB");
  fallback = nd_database_default_path ();
  g_assert_true (g_str_has_prefix (fallback, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (fallback, "newsdesk/newsdesk.db"));

  g_setenv ("NEWSDESK_DB", "/tmp/elsewhere.db", TRUE);
  from_env = nd_database_default_path ();
  g_assert_cmpstr (from_env, ==, "/tmp/elsewhere.db");
  g_unsetenv ("NEWSDESK_DB");
}

static void
test_insert_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NdArticle) article = nd_test_article ("Talks in Türkiye", "Sergei Lavrov met Nguyễn Phú Trọng in Ankara.", "diplomacy");
  g_autoptr(NdEntity) person = nd_entity_new (ND_ENTITY_PERSON, "Sergei Lavrov");
  g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Ankara");
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "diplomacy", "Türkiye", NULL };
  NdEntity *e;
  gint64 id;

  nd_entity_set_role (person, "Foreign Minister");
  nd_entity_add_mention (person, 0, 13, "Sergei Lavrov");
  nd_entity_set_country (place, "TR");
  nd_entity_set_coordinates (place, 39.92, 32.85);
  nd_entity_add_mention (place, 37, 43, "Ankara");
  g_ptr_array_add (entities, person);
  g_ptr_array_add (entities, place);
  nd_article_set_entities (article, entities);
  nd_article_set_tags (article, tags);
  nd_article_set_published (article, "2024-05-01");
  nd_article_set_starred (article, TRUE);

  id = insert (f->db, article);
  g_assert_cmpint (nd_article_get_id (article), ==, id);
  g_assert_nonnull (nd_article_get_imported (article));

  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_article_get_title (loaded), ==, "Talks in Türkiye");
  g_assert_cmpstr (nd_article_get_body (loaded), ==, "Sergei Lavrov met Nguyễn Phú Trọng in Ankara.");
  g_assert_cmpstr (nd_article_get_source (loaded), ==, "test.txt");
  g_assert_cmpstr (nd_article_get_published (loaded), ==, "2024-05-01");
  g_assert_cmpstr (nd_article_get_date (loaded), ==, "2024-05-01");
  g_assert_true (nd_article_get_starred (loaded));
  g_assert_false (nd_article_get_read (loaded));
  g_assert_true (g_strv_equal (nd_article_get_tags (loaded), tags));

  g_assert_cmpuint (nd_article_get_entities (loaded)->len, ==, 2);
  e = g_ptr_array_index (nd_article_get_entities (loaded), 0);
  g_assert_cmpint (nd_entity_get_kind (e), ==, ND_ENTITY_PERSON);
  g_assert_cmpstr (nd_entity_get_name (e), ==, "Sergei Lavrov");
  g_assert_cmpstr (nd_entity_get_role (e), ==, "Foreign Minister");
  g_assert_cmpuint (nd_entity_get_n_mentions (e), ==, 1);
  g_assert_cmpuint (nd_entity_get_mention (e, 0)->end, ==, 13);
  e = g_ptr_array_index (nd_article_get_entities (loaded), 1);
  g_assert_cmpstr (nd_entity_get_country (e), ==, "TR");
  g_assert_true (nd_entity_has_coordinates (e));
  g_assert_cmpstr (nd_entity_get_mention (e, 0)->text, ==, "Ankara");

  /* a missing id is a clear error */
  g_clear_object (&loaded);
  loaded = nd_database_load_article (f->db, id + 100, &error);
  g_assert_null (loaded);
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NdArticle) first = nd_test_article ("Port strike", "Dockers walked out.\n\nTalks failed.", NULL);
  g_autoptr(NdArticle) again = nd_test_article ("Port  strike", "Dockers walked out.\nTalks   failed. ", "x");
  g_autoptr(GError) error = NULL;
  gboolean duplicate = FALSE;
  gint64 id, second_id = 0;

  id = insert (f->db, first);
  g_assert_true (nd_database_insert_article (f->db, again, &second_id, &duplicate, &error));
  g_assert_no_error (error);
  g_assert_true (duplicate);
  g_assert_cmpint (second_id, ==, id);
  g_assert_cmpuint (nd_database_count_articles (f->db), ==, 1);
  /* nothing of the duplicate was written: not even its tag */
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM tags"), ==, 0);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("A", "First body.", NULL);
  g_autoptr(NdArticle) b = nd_test_article ("B", "Second body.", NULL);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdArticle) loaded = NULL;
  gint64 ida = insert (f->db, a), idb = insert (f->db, b);
  NdTagCount *tc;

  g_assert_true (nd_database_add_tag (f->db, ida, "  gaza  ceasefire ", &error));
  g_assert_true (nd_database_add_tag (f->db, idb, "gaza ceasefire", &error));
  g_assert_true (nd_database_add_tag (f->db, idb, "it's \"quoted\"; DROP TABLE tags; --", &error));
  g_assert_true (nd_database_add_tag (f->db, idb, "gaza ceasefire", &error)); /* again: no error */
  g_assert_no_error (error);

  tags = nd_database_list_tags (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  tc = g_ptr_array_index (tags, 0);
  g_assert_cmpstr (tc->name, ==, "gaza ceasefire");
  g_assert_cmpuint (tc->count, ==, 2);
  tc = g_ptr_array_index (tags, 1);
  g_assert_cmpstr (tc->name, ==, "it's \"quoted\"; DROP TABLE tags; --");
  g_assert_cmpuint (tc->count, ==, 1);

  g_assert_false (nd_database_add_tag (f->db, ida, "   ", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_TAG);
  g_clear_error (&error);
  g_assert_false (nd_database_add_tag (f->db, 999, "x", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (nd_database_remove_tag (f->db, idb, "it's \"quoted\"; DROP TABLE tags; --", &error));
  g_assert_true (nd_database_remove_tag (f->db, idb, "never there", &error));
  g_assert_no_error (error);
  g_clear_pointer (&tags, g_ptr_array_unref);
  tags = nd_database_list_tags (f->db, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  /* a tag no article carries any more is gone */
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM tags"), ==, 1);

  loaded = nd_database_load_article (f->db, idb, &error);
  g_assert_cmpstr (nd_article_get_tags (loaded)[0], ==, "gaza ceasefire");
  g_assert_null (nd_article_get_tags (loaded)[1]);

  g_assert_true (nd_database_set_read (f->db, idb, TRUE, &error));
  g_assert_true (nd_database_set_starred (f->db, idb, TRUE, &error));
  g_clear_object (&loaded);
  loaded = nd_database_load_article_summary (f->db, idb, &error);
  g_assert_true (nd_article_get_read (loaded));
  g_assert_true (nd_article_get_starred (loaded));
  g_assert_null (nd_article_get_body (loaded));
}

static void
test_delete_cascades (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Summit", "Leaders met in Oslo.", "summits");
  g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Oslo");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 id;

  nd_entity_add_mention (place, 15, 19, "Oslo");
  g_ptr_array_add (entities, place);
  nd_article_set_entities (a, entities);
  id = insert (f->db, a);

  g_assert_cmpuint (nd_test_count_mentions (f->path), ==, 1);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM article_mentions"), ==, 1);
  g_assert_true (nd_database_delete_article (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_false (nd_database_has_article (f->db, id));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM article_mentions"), ==, 0);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM article_tags"), ==, 0);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM tags"), ==, 0);
  ids = search (f->db, "Oslo");
  g_assert_cmpuint (ids->len, ==, 0);

  g_assert_false (nd_database_delete_article (f->db, id, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
}

static void
test_fts (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Ceasefire talks in Cairo", "Mediators from Qatar joined.", NULL);
  g_autoptr(NdArticle) b = nd_test_article ("Election in Türkiye", "Voters in İzmir and Ankara queued.", NULL);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *snippet = NULL;
  gint64 ida = insert (f->db, a), idb = insert (f->db, b);

  ids = search (f->db, "cairo");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, ida);
  g_clear_pointer (&ids, g_array_unref);

  /* prefix, several words (AND), diacritics folded */
  ids = search (f->db, "Media qat");
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = search (f->db, "turkiye");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, idb);
  g_clear_pointer (&ids, g_array_unref);
  ids = search (f->db, "cairo ankara");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* FTS syntax and punctuation typed by a user are plain text */
  ids = search (f->db, "\"cairo* ^(:");
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = search (f->db, "*** ");
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = search (f->db, "   ");
  g_assert_cmpuint (ids->len, ==, 2);

  snippet = nd_database_get_snippet (f->db, ida, "qatar");
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "\xee\x80\x80Qatar\xee\x80\x81"));
}

/* One id found by a search, or 0 */
static gint64
search_one (NdDatabase *db,
            const char *text)
{
  g_autoptr(GArray) ids = search (db, text);

  g_test_message ("search \"%s\": %u found", text, ids->len);
  g_assert_cmpuint (ids->len, <=, 1);
  return ids->len == 1 ? g_array_index (ids, gint64, 0) : 0;
}

/* Words that FTS5's tokenizer splits in several tokens (Hindi vowel
 * signs and viramas, a decomposed accent, "U.S.", hyphens) find their
 * article, with its passage: the full-text index answers no phrase
 * (detail=column), so each token is a term of its own */
static void
test_fts_split_words (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(NdArticle) hindi = nd_test_article ("Namaste from Delhi",
                                                "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87 "
                                                "\xe0\xa4\xa6\xe0\xa5\x81\xe0\xa4\xa8\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe, "
                                                "said the minister in Delhi.", NULL);
  g_autoptr(NdArticle) envoy = nd_test_article ("U.S. envoy in Kyiv",
                                                "A well-known diplomat arrived on Monday.", NULL);
  g_autoptr(NdArticle) zurich = nd_test_article ("Talks in Z\xc3\xbcrich",
                                                 "Delegates met in Z\xc3\xbcrich and S\xc3\xa3o Paulo.", NULL);
  g_autoptr(NdArticle) other = nd_test_article ("Markets", "Oil was flat on Friday, traders in Kyiv said.", NULL);
  g_autofree char *snippet = NULL;
  gint64 id_hindi = insert (f->db, hindi);
  gint64 id_envoy = insert (f->db, envoy);
  gint64 id_zurich = insert (f->db, zurich);

  insert (f->db, other);

  /* नमस्ते, दुनिया and the start of नमस्ते */
  g_assert_cmpint (search_one (f->db, "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87"), ==, id_hindi);
  g_assert_cmpint (search_one (f->db, "\xe0\xa4\xa6\xe0\xa5\x81\xe0\xa4\xa8\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe delhi"), ==, id_hindi);
  g_assert_cmpint (search_one (f->db, "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d"), ==, id_hindi);
  snippet = nd_database_get_snippet (f->db, id_hindi, "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87");
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "\xee\x80\x80"));

  /* abbreviations and hyphens */
  g_assert_cmpint (search_one (f->db, "U.S."), ==, id_envoy);
  g_assert_cmpint (search_one (f->db, "u.s. envoy"), ==, id_envoy);
  g_assert_cmpint (search_one (f->db, "well-known"), ==, id_envoy);
  g_assert_cmpint (search_one (f->db, "well-kn"), ==, id_envoy);

  /* accents typed precomposed, decomposed (as some keyboards send them)
   * or not at all */
  g_assert_cmpint (search_one (f->db, "Z\xc3\xbcrich"), ==, id_zurich);
  g_assert_cmpint (search_one (f->db, "Zu\xcc\x88rich"), ==, id_zurich);
  g_assert_cmpint (search_one (f->db, "zurich sa\xcc\x83o"), ==, id_zurich);
  g_assert_cmpint (search_one (f->db, "sao paulo"), ==, id_zurich);
  g_clear_pointer (&snippet, g_free);
  snippet = nd_database_get_snippet (f->db, id_zurich, "Zu\xcc\x88rich");
  g_assert_nonnull (snippet);
  g_assert_nonnull (strstr (snippet, "\xee\x80\x80Z\xc3\xbcrich\xee\x80\x81"));
}

static void
test_sort_and_filters (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("beta", "One.", "x");
  g_autoptr(NdArticle) b = nd_test_article ("Alpha", "Two.", "x");
  g_autoptr(NdArticle) c = nd_test_article ("Gamma", "Three.", "y");
  g_autoptr(NdEntity) person = nd_entity_new (ND_ENTITY_PERSON, "Antony Blinken");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  NdQuery query = { 0 };
  gint64 ida, idb, idc;

  nd_article_set_published (a, "2024-01-03");
  nd_article_set_published (b, "2024-01-01");
  nd_article_set_published (c, "2024-01-02");
  nd_entity_add_mention (person, 0, 7, "Blinken");
  nd_entity_add_mention (person, 8, 22, "antony blinken");
  g_ptr_array_add (entities, person);
  nd_article_set_entities (c, entities);
  ida = insert (f->db, a);
  idb = insert (f->db, b);
  idc = insert (f->db, c);

  query.sort = ND_SORT_DATE_DESC;
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, ida);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, idc);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, idb);
  g_clear_pointer (&ids, g_array_unref);

  query.sort = ND_SORT_TITLE;
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, idb);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, ida);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, idc);
  g_clear_pointer (&ids, g_array_unref);

  query.tag = "x";
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  query.tag = NULL;
  query.entity = "blinken";  /* a mention text, any case */
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, idc);
  g_clear_pointer (&ids, g_array_unref);

  query.entity = "ANTONY BLINKEN";  /* the canonical name */
  query.tag = "y";
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  query.tag = "x";  /* AND */
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_array_unref);

  /* "antony blinken" is the name (as COLLATE NOCASE compares): the
   * filter finds it by the name, and only "Blinken" is kept for the
   * filter's index of other texts */
  query.tag = NULL;
  query.entity = "Antony blinken";
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (nd_test_count_mentions (f->path), ==, 2);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM mention_variants WHERE text = 'Blinken'"), ==, 1);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM mention_variants"), ==, 1);
}

static void
test_shared_entity (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *body = g_strdup_printf ("Report %u: Cairo hosted talks.", i);
      g_autoptr(NdArticle) a = nd_test_article ("Cairo", body, NULL);
      g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Cairo");
      g_autoptr(GPtrArray) entities = g_ptr_array_new ();

      nd_entity_add_mention (place, 10, 15, "Cairo");
      g_ptr_array_add (entities, place);
      nd_article_set_entities (a, entities);
      insert (f->db, a);
    }

  /* one row for the entity across the desk */
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities"), ==, 1);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM article_entities"), ==, 2);
}

static void
test_restore_keeps_id (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Kept", "Body.", "t");
  g_autoptr(NdArticle) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = insert (f->db, a), again = 0;

  snapshot = nd_database_load_article (f->db, id, &error);
  g_assert_true (nd_database_delete_article (f->db, id, &error));
  g_assert_true (nd_database_insert_article (f->db, snapshot, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpstr (nd_article_get_imported (snapshot), ==, nd_article_get_imported (a));
}


/* An article whose packed mentions are damaged (cut short) is not shown
 * half-read: the article view and the export say which desk and which
 * article; the other articles read as before */
static void
test_damaged_mentions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Summit", "Leaders met in Oslo.", NULL);
  g_autoptr(NdArticle) b = nd_test_article ("Talks", "Envoys met in Oslo.", NULL);
  g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Oslo");
  g_autoptr(NdEntity) other = nd_entity_new (ND_ENTITY_PLACE, "Oslo");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  gint64 id, ok_id;
  sqlite3 *raw = NULL;

  nd_entity_add_mention (place, 15, 19, "Oslo");
  g_ptr_array_add (entities, place);
  nd_article_set_entities (a, entities);
  id = insert (f->db, a);
  g_ptr_array_set_size (entities, 0);
  nd_entity_add_mention (other, 14, 18, "Oslo");
  g_ptr_array_add (entities, other);
  nd_article_set_entities (b, entities);
  ok_id = insert (f->db, b);

  /* the first varint of the row, its last byte gone */
  sql = g_strdup_printf ("UPDATE article_mentions SET data = x'ff' WHERE article_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  expected = g_strdup_printf ("The desk %s is damaged: the mentions of article %" G_GINT64_FORMAT " cannot be read",
                              f->path, id);
  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_null (loaded);
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  {
    g_autoptr(NdExportBatch) batch = nd_database_load_export_batch (f->db, NULL, &id, 1, &error);

    g_assert_null (batch);
    g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE);
    g_assert_cmpstr (error->message, ==, expected);
    g_clear_error (&error);
  }

  loaded = nd_database_load_article (f->db, ok_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_entity_get_n_mentions (g_ptr_array_index (nd_article_get_entities (loaded), 0)), ==, 1);
  g_assert_cmpstr (nd_entity_get_mention (g_ptr_array_index (nd_article_get_entities (loaded), 0), 0)->text, ==, "Oslo");
}

/* From now on, writing a mention whose text is "FAIL" (of an entity of
 * another name) fails (as a full disk or a broken file would, half-way
 * through an article) */
static void
fail_mentions_of_fail (const char *path)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "CREATE TRIGGER fail_mention BEFORE INSERT ON mention_variants "
                                 "WHEN new.text = 'FAIL' BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

/* A write that fails half-way leaves nothing of the article behind. */
static void
test_insert_is_atomic (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Half", "Written only half.", "half");
  g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Nowhere");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  fail_mentions_of_fail (f->path);

  nd_entity_add_mention (place, 0, 4, "FAIL");
  g_ptr_array_add (entities, place);
  nd_article_set_entities (a, entities);

  g_assert_false (nd_database_insert_article (f->db, a, NULL, NULL, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE);
  g_assert_cmpint (nd_article_get_id (a), ==, 0);
  g_assert_cmpuint (nd_database_count_articles (f->db), ==, 0);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities"), ==, 0);
}

static NdEntity *
entity_with_mention (NdEntityKind  kind,
                     const char   *name,
                     guint         start,
                     const char   *text)
{
  NdEntity *entity = nd_entity_new (kind, name);

  nd_entity_add_mention (entity, start, start + g_utf8_strlen (text, -1), text);
  return entity;
}

static GPtrArray *
extracted_entities (void)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func (g_object_unref);

  /* "Jordan met Smith in Paris. Jordan left." as an extractor might get it wrong */
  g_ptr_array_add (entities, entity_with_mention (ND_ENTITY_PERSON, "Jordan", 0, "Jordan"));
  g_ptr_array_add (entities, entity_with_mention (ND_ENTITY_PERSON, "Smith", 11, "Smith"));
  g_ptr_array_add (entities, entity_with_mention (ND_ENTITY_PLACE, "Paris", 20, "Paris"));
  nd_entity_set_country (g_ptr_array_index (entities, 2), "FR");
  nd_entity_set_coordinates (g_ptr_array_index (entities, 2), 48.85, 2.35);
  return entities;
}

static NdEntity *
find_entity (NdArticle  *article,
             const char *name)
{
  GPtrArray *entities = nd_article_get_entities (article);

  for (guint i = 0; i < entities->len; i++)
    if (g_str_equal (nd_entity_get_name (g_ptr_array_index (entities, i)), name))
      return g_ptr_array_index (entities, i);

  return NULL;
}

/* Corrections are stored, applied at once, and applied again when the
 * article is extracted anew. */
static void
test_corrections (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Talks", "Jordan met Smith in Paris. Jordan left.", NULL);
  g_autoptr(GPtrArray) entities = extracted_entities ();
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(NdCorrection) remove = nd_correction_new (ND_CORRECTION_REMOVE, ND_ENTITY_PERSON, "Smith");
  g_autoptr(NdCorrection) kind = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON, "Jordan");
  g_autoptr(NdCorrection) place = nd_correction_new (ND_CORRECTION_SET_PLACE, ND_ENTITY_PLACE, "Paris");
  g_autoptr(GError) error = NULL;
  double lat, lon;
  gint64 id;

  nd_article_set_entities (a, entities);
  id = insert (f->db, a);

  kind->new_kind = ND_ENTITY_PLACE;
  place->new_name = g_strdup ("Paris, Texas");
  place->country = g_strdup ("US");
  place->lat = 33.66;
  place->lon = -95.56;

  g_assert_true (nd_database_add_correction (f->db, id, remove, &error));
  g_assert_true (nd_database_add_correction (f->db, id, kind, &error));
  g_assert_true (nd_database_add_correction (f->db, id, place, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      NdEntity *e;

      g_clear_object (&loaded);
      loaded = nd_database_load_article (f->db, id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (nd_article_get_entities (loaded)->len, ==, 2);
      g_assert_null (find_entity (loaded, "Smith"));
      e = find_entity (loaded, "Jordan");
      g_assert_nonnull (e);
      g_assert_cmpint (nd_entity_get_kind (e), ==, ND_ENTITY_PLACE);
      e = find_entity (loaded, "Paris, Texas");
      g_assert_nonnull (e);
      g_assert_cmpstr (nd_entity_get_country (e), ==, "US");
      nd_entity_get_coordinates (e, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lon, -95.56, 1e-9);
      g_assert_cmpstr (nd_entity_get_mention (e, 0)->text, ==, "Paris");
      g_assert_cmpuint (nd_article_get_corrections (loaded)->len, ==, 3);

      /* the extractor runs again and finds the same wrong things */
      g_clear_pointer (&again, g_ptr_array_unref);
      again = extracted_entities ();
      g_assert_true (nd_database_replace_entities (f->db, id, again, 99, &error));
      g_assert_no_error (error);
    }

  stored = nd_database_list_corrections (f->db, id, &error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_cmpint (((NdCorrection *) g_ptr_array_index (stored, 1))->new_kind, ==, ND_ENTITY_PLACE);

  /* the person entities nobody mentions any more are gone from the desk */
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE kind = 'person'"), ==, 0);
}

/* A correction taken back: its row goes, the entities are as before,
 * and a correction it replaced comes back */
static void
test_remove_correction (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(NdArticle) a = nd_test_article ("Talks", "Jordan met Smith in Paris. Jordan left.", NULL);
  g_autoptr(GPtrArray) entities = extracted_entities ();
  g_autoptr(NdArticle) before = NULL;
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(NdCorrection) remove = nd_correction_new (ND_CORRECTION_REMOVE, ND_ENTITY_PERSON, "Smith");
  g_autoptr(NdCorrection) kind = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON, "Jordan");
  g_autoptr(NdCorrection) kind_again = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON, "Jordan");
  g_autoptr(GError) error = NULL;
  NdEntity *e;
  gint64 id;

  nd_article_set_entities (a, entities);
  id = insert (f->db, a);

  /* Smith removed, then back */
  before = nd_database_load_article (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_true (nd_database_add_correction (f->db, id, remove, &error));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM corrections"), ==, 1);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'Smith'"), ==, 0);

  g_assert_true (nd_database_remove_correction (f->db, id, ND_ENTITY_PERSON, "Smith", NULL,
                                                nd_article_get_entities (before), &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM corrections"), ==, 0);
  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_cmpuint (nd_article_get_entities (loaded)->len, ==, 3);
  e = find_entity (loaded, "Smith");
  g_assert_nonnull (e);
  g_assert_cmpint (nd_entity_get_kind (e), ==, ND_ENTITY_PERSON);
  g_assert_cmpuint (nd_entity_get_n_mentions (e), ==, 1);
  g_assert_cmpstr (nd_entity_get_mention (e, 0)->text, ==, "Smith");
  g_assert_cmpuint (nd_article_get_corrections (loaded)->len, ==, 0);

  /* Jordan made a place, then an organisation; undoing the second makes
   * it a place again */
  kind->new_kind = ND_ENTITY_PLACE;
  kind_again->kind = ND_ENTITY_PLACE;
  kind_again->new_kind = ND_ENTITY_ORGANIZATION;
  g_assert_true (nd_database_add_correction (f->db, id, kind, &error));
  g_clear_object (&before);
  before = nd_database_load_article (f->db, id, &error);
  g_assert_true (nd_database_add_correction (f->db, id, kind_again, &error));
  g_clear_object (&loaded);
  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_cmpint (nd_entity_get_kind (find_entity (loaded, "Jordan")), ==, ND_ENTITY_ORGANIZATION);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM corrections"), ==, 2);

  g_assert_true (nd_database_remove_correction (f->db, id, ND_ENTITY_PLACE, "Jordan", NULL,
                                                nd_article_get_entities (before), &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_cmpint (nd_entity_get_kind (find_entity (loaded, "Jordan")), ==, ND_ENTITY_PLACE);
  stored = nd_database_list_corrections (f->db, id, &error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpint (((NdCorrection *) g_ptr_array_index (stored, 0))->new_kind, ==, ND_ENTITY_PLACE);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE kind = 'organization'"), ==, 0);

  /* a correction that replaced another of the same entity: the other
   * comes back (here the kind correction, over the stored place) */
  g_assert_true (nd_database_remove_correction (f->db, id, ND_ENTITY_PERSON, "Jordan", kind,
                                                NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = nd_database_list_corrections (f->db, id, &error);
  g_assert_cmpuint (stored->len, ==, 1);

  /* and it holds when the extractor runs again */
  {
    g_autoptr(GPtrArray) again = extracted_entities ();

    g_assert_true (nd_database_replace_entities (f->db, id, again, 99, &error));
    g_clear_object (&loaded);
    loaded = nd_database_load_article (f->db, id, &error);
    g_assert_cmpint (nd_entity_get_kind (find_entity (loaded, "Jordan")), ==, ND_ENTITY_PLACE);
    g_assert_nonnull (find_entity (loaded, "Smith"));
  }

  /* an article that is not there */
  g_assert_false (nd_database_remove_correction (f->db, id + 100, ND_ENTITY_PERSON, "Smith", NULL, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_entities_across_desk (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GError) error = NULL;
  NdEntityCount *top;
  gint64 ids[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = g_strdup_printf ("Story %u about Jordan met Smith in Paris.", i);
      g_autoptr(NdArticle) a = nd_test_article ("Story", body, NULL);
      g_autoptr(GPtrArray) entities = extracted_entities ();

      if (i == 2)
        g_ptr_array_remove_index (entities, 1);  /* no Smith in the last */
      nd_article_set_entities (a, entities);
      ids[i] = insert (f->db, a);
    }

  people = nd_database_list_entities (f->db, ND_ENTITY_PERSON, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  top = g_ptr_array_index (people, 0);
  g_assert_cmpstr (nd_entity_get_name (top->entity), ==, "Jordan");
  g_assert_cmpuint (top->n_articles, ==, 3);
  top = g_ptr_array_index (people, 1);
  g_assert_cmpuint (top->n_articles, ==, 2);

  places = nd_database_list_entities (f->db, ND_ENTITY_PLACE, 1, &error);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_true (nd_entity_has_coordinates (((NdEntityCount *) g_ptr_array_index (places, 0))->entity));

  /* new articles carry the current extractor version; older ones are stale */
  stale = nd_database_query_stale_ids (f->db, ND_EXTRACTOR_VERSION, &error);
  g_assert_cmpuint (stale->len, ==, 0);
  g_clear_pointer (&stale, g_array_unref);
  stale = nd_database_query_stale_ids (f->db, ND_EXTRACTOR_VERSION + 1, &error);
  g_assert_cmpuint (stale->len, ==, 3);

  /* deleting the last article that mentions Jordan removes it from the desk */
  for (guint i = 0; i < 3; i++)
    g_assert_true (nd_database_delete_article (f->db, ids[i], &error));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities"), ==, 0);
}

static void
test_migration_from_v1 (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v1.sql", NULL);
  g_autofree char *sql = nd_test_read_file (sql_path);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { .sort = ND_SORT_DATE_DESC };
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);
  g_assert_cmpuint (nd_database_count_articles (db), ==, 2);

  article = nd_database_load_article (db, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_article_get_title (article), ==, "Harbour talks resume in Gdańsk");
  g_assert_cmpstr (nd_article_get_tags (article)[0], ==, "ports");
  g_assert_true (nd_article_get_read (article));

  /* old rows are in the new full-text index and sort by date */
  ids = search (db, "gdansk harbour");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 7);
  g_clear_pointer (&ids, g_array_unref);
  ids = nd_database_query_ids (db, &query, &error);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 9);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}


#define CAIRO_EGYPT_BODY \
  "CAIRO, Egypt — Egyptian mediators met delegations in Cairo on Monday, the " \
  "foreign ministry said. Officials in Egypt expect a second round in Alexandria next week."
#define CAIRO_GEORGIA_BODY \
  "CAIRO, Ga. — The city council of Cairo, Georgia, voted on Tuesday to build a park " \
  "near Thomasville, Georgia. The mayor of Cairo said work starts in spring in Grady County, Georgia."

static NdEntity *
find_place (NdArticle  *article,
            const char *name)
{
  GPtrArray *entities = nd_article_get_entities (article);

  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *e = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (e) == ND_ENTITY_PLACE && g_str_equal (nd_entity_get_name (e), name))
        return e;
    }

  return NULL;
}

static guint
count_named (GPtrArray  *counts,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < counts->len; i++)
    n += g_str_equal (nd_entity_get_name (((NdEntityCount *) g_ptr_array_index (counts, i))->entity), name);

  return n;
}

/* Cairo, Egypt and Cairo, Georgia are two entities of the desk, each with
 * its own coordinates; "every article about Cairo" finds both */
static void
test_same_name_places (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(NdArticle) egypt = nd_test_article ("Talks resume in Cairo", CAIRO_EGYPT_BODY, NULL);
  g_autoptr(NdArticle) georgia = nd_test_article ("Cairo council backs new park", CAIRO_GEORGIA_BODY, NULL);
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { .entity = "Cairo", .sort = ND_SORT_DATE_DESC };
  NdEntity *cairo;
  double lat, lon;
  gint64 egypt_id, georgia_id;

  nd_extractor_extract_article (egypt);
  nd_extractor_extract_article (georgia);
  g_assert_cmpstr (nd_entity_get_country (find_place (egypt, "Cairo")), ==, "EG");
  g_assert_cmpstr (nd_entity_get_country (find_place (georgia, "Cairo")), ==, "US");
  egypt_id = insert (f->db, egypt);
  georgia_id = insert (f->db, georgia);

  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE kind = 'place' AND name = 'Cairo'"), ==, 2);
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(DISTINCT round (lat, 2)) FROM entities WHERE name = 'Cairo'"), ==, 2);

  /* each article keeps its own Cairo */
  loaded = nd_database_load_article (f->db, georgia_id, &error);
  g_assert_no_error (error);
  cairo = find_place (loaded, "Cairo");
  g_assert_cmpstr (nd_entity_get_country (cairo), ==, "US");
  nd_entity_get_coordinates (cairo, &lat, &lon);
  g_assert_cmpfloat (lon, <, -80);
  g_clear_object (&loaded);
  loaded = nd_database_load_article (f->db, egypt_id, &error);
  cairo = find_place (loaded, "Cairo");
  g_assert_cmpstr (nd_entity_get_country (cairo), ==, "EG");
  nd_entity_get_coordinates (cairo, &lat, &lon);
  g_assert_cmpfloat (lon, >, 30);

  /* the desk's places list both, each with its country */
  places = nd_database_list_entities (f->db, ND_ENTITY_PLACE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_named (places, "Cairo"), ==, 2);

  /* list --entity Cairo: both articles */
  ids = nd_database_query_ids (f->db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);

  /* the same article again (extracted anew) stays on its own row */
  {
    g_autoptr(GPtrArray) again = nd_extractor_extract (CAIRO_GEORGIA_BODY, NULL);

    g_assert_true (nd_database_replace_entities (f->db, georgia_id, again, 99, &error));
    g_assert_no_error (error);
    g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'Cairo'"), ==, 2);
  }
}

static int
count_in (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* A schema 3 desk, where both articles share one "Cairo" row, migrates
 * to the current schema with every row kept; extracting the Georgia article again
 * gives it a Cairo of its own */
static void
test_migration_from_v3 (void)
{
  static const char * const counts[] = {
    "SELECT count(*) FROM articles",
    "SELECT count(*) FROM entities",
    "SELECT count(*) FROM article_entities",
    "SELECT count(*) FROM stops",
    "SELECT count(*) FROM corrections",
    "SELECT count(*) FROM article_tags",
  };
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v3.sql", NULL);
  g_autofree char *sql = nd_test_read_file (sql_path);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) corrections = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { .entity = "Cairo", .sort = ND_SORT_DATE_DESC };
  int before[G_N_ELEMENTS (counts)];
  int mentions_before;
  sqlite3 *raw = NULL;
  NdEntity *cairo;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      before[i] = count_in (raw, counts[i]);
      g_assert_cmpint (before[i], >, 0);
    }
  g_assert_cmpint (count_in (raw, "SELECT count(*) FROM entities WHERE name = 'Cairo'"), ==, 1);
  mentions_before = count_in (raw, "SELECT count(*) FROM mentions");
  g_assert_cmpint (mentions_before, >, 0);
  sqlite3_close (raw);

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);

  /* every row is still there */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_test_message ("%s: %d", counts[i], nd_test_query_int (path, counts[i]));
      g_assert_cmpint (nd_test_query_int (path, counts[i]), ==, before[i]);
    }
  g_assert_cmpuint (nd_test_count_mentions (path), ==, mentions_before);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM entities WHERE name = 'Cairo' AND geo_key = '30.0626,31.2497,EG'"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM entities WHERE kind != 'place' AND geo_key != ''"), ==, 0);

  article = nd_database_load_article (db, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_place (article, "Alexandria"));
  g_assert_cmpstr (nd_entity_get_country (find_place (article, "Cairo")), ==, "EG");
  g_assert_cmpstr (nd_article_get_tags (article)[0], ==, "egypt");
  corrections = nd_database_list_corrections (db, 1, &error);
  g_assert_cmpuint (corrections->len, ==, 1);
  stops = nd_database_list_traveller_stops (db, "Sameh Shoukry", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stops->len, ==, 1);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Cairo");

  /* the Georgia article extracted again: a Cairo of its own */
  {
    g_autoptr(NdArticle) georgia = nd_database_load_article (db, 2, &error);
    g_autoptr(GPtrArray) again = nd_extractor_extract (nd_article_get_body (georgia), NULL);

    g_assert_true (nd_database_replace_entities (db, 2, again, 99, &error));
    g_assert_no_error (error);
    g_clear_object (&georgia);
    georgia = nd_database_load_article (db, 2, &error);
    cairo = find_place (georgia, "Cairo");
    g_assert_cmpstr (nd_entity_get_country (cairo), ==, "US");
  }
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM entities WHERE name = 'Cairo'"), ==, 2);
  ids = nd_database_query_ids (db, &query, &error);
  g_assert_cmpuint (ids->len, ==, 2);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* The mentions of a desk, article by article in the order they were
 * written, and the schema of its full-text index and mentions */
static char *
dump_mentions (const char *path,
               const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT article_id, entity_id, start, end, text FROM mentions ORDER BY article_id, %s",
                                          order);
  GString *dump = g_string_new (NULL);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%lld %lld %d %d %s\n",
                            (long long) sqlite3_column_int64 (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  return g_string_free (dump, FALSE);
}

static char *
schema_sql (const char *path,
            const char *name)
{
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT sql FROM sqlite_master WHERE name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);

  g_assert_nonnull (sql);
  return g_steal_pointer (&sql);
}

static char *
load_fixture (const char *dir,
              const char *name,
              const char *extra_sql)
{
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), name, NULL);
  g_autofree char *sql = nd_test_read_file (sql_path);
  char *path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (extra_sql != NULL)
    g_assert_cmpint (sqlite3_exec (raw, extra_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  return path;
}

/* What the three articles of desk-v7.sql are found by, before and after
 * the migration (their ids) */
static const struct
{
  const char *search;
  gint64      ids[3];
} v7_searches[] = {
  { "zurich", { 1 } },
  { "Z\xc3\xbcrich envoy", { 1 } },
  { "U.S.", { 1 } },
  { "well-known", { 1 } },
  { "sao paulo", { 1 } },
  { "\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87", { 3 } },
  { "\xe0\xa4\xa6\xe0\xa5\x81\xe0\xa4\xa8\xe0\xa4\xbf\xe0\xa4\xaf\xe0\xa4\xbe delhi", { 3 } },
  { "travel", { 3, 1 } },
  { "oil", { 2 } },
  { "tra", { 3, 2, 1 } },
  { "geneva delhi", { 0 } },
};

static void
check_v7_searches (NdDatabase *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (v7_searches); i++)
    {
      g_autoptr(GArray) ids = search (db, v7_searches[i].search);
      guint n = 0;

      while (n < G_N_ELEMENTS (v7_searches[i].ids) && v7_searches[i].ids[n] != 0)
        n++;
      g_test_message ("search \"%s\": %u found", v7_searches[i].search, ids->len);
      g_assert_cmpuint (ids->len, ==, n);
      for (guint j = 0; j < n; j++)
        g_assert_cmpint (g_array_index (ids, gint64, j), ==, v7_searches[i].ids[j]);
    }
}

/* A schema 7 desk (full-text index with positions, mentions with rowids)
 * migrates to schema 8 with its articles, mentions (in their order),
 * entities, stops and tags, and is found by the same searches */
static void
test_migration_from_v7 (void)
{
  static const char * const counts[] = {
    "SELECT count(*) FROM articles",
    "SELECT count(*) FROM entities",
    "SELECT count(*) FROM article_entities",
    "SELECT count(*) FROM stops",
    "SELECT count(*) FROM article_tags",
  };
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "desk-v7.sql", NULL);
  g_autofree char *mentions_before = dump_mentions (path, "id");
  g_autofree char *mentions_after = NULL;
  g_autofree char *fts_sql = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { .entity = "Z\xc3\xbcrich", .sort = ND_SORT_DATE_DESC };
  int before[G_N_ELEMENTS (counts)];
  NdEntity *zurich;

  g_assert_cmpint (nd_test_query_int (path, "PRAGMA user_version"), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      before[i] = nd_test_query_int (path, counts[i]);
      g_assert_cmpint (before[i], >, 0);
    }

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_assert_cmpint (nd_test_query_int (path, counts[i]), ==, before[i]);
  /* (schema 10: packed, one row an article) */
  mentions_after = nd_test_dump_mentions (path);
  g_assert_cmpstr (mentions_after, ==, mentions_before);
  fts_sql = schema_sql (path, "articles_fts");
  g_assert_nonnull (strstr (fts_sql, "detail=column"));
  g_assert_cmpint (nd_test_query_int (path, "SELECT v FROM articles_fts_config WHERE k = 'automerge'"), ==, 8);

  check_v7_searches (db);

  /* the article view's mentions, the entity filter */
  article = nd_database_load_article (db, 1, &error);
  g_assert_no_error (error);
  zurich = find_place (article, "Z\xc3\xbcrich");
  g_assert_nonnull (zurich);
  g_assert_cmpuint (nd_entity_get_n_mentions (zurich), ==, 1);
  g_assert_cmpint (nd_entity_get_mention (zurich, 0)->start, ==, 52);
  g_assert_cmpstr (nd_entity_get_mention (zurich, 0)->text, ==, "Z\xc3\xbcrich");
  ids = nd_database_query_ids (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);

  /* schema 9: only "U.S." (of United States) is written otherwise than
   * its entity's name, and the filter finds it by that text, and by the
   * name in any case (schema 10: a table of those texts) */
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants WHERE text = 'U.S.'"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants INDEXED BY mention_variants_by_text WHERE text >= ''"), ==, 1);
  for (guint i = 0; i < 2; i++)
    {
      NdQuery by_text = { .entity = i == 0 ? "u.s." : "UNITED STATES", .sort = ND_SORT_DATE_DESC };

      g_clear_pointer (&ids, g_array_unref);
      ids = nd_database_query_ids (db, &by_text, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
    }

  /* a deleted article takes its mentions and its index rows with it */
  g_assert_true (nd_database_delete_article (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_mentions WHERE article_id = 1"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants WHERE article_id = 1"), ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = search (db, "zurich");
  g_assert_cmpuint (ids->len, ==, 0);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* A migration to schema 8 that fails half-way (a table in its way)
 * leaves the schema 7 desk as it was, still searchable; once the table
 * is gone the desk migrates */
static void
test_migration_from_v7_fails (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "desk-v7.sql", "CREATE TABLE mentions_v8 (x);");
  g_autofree char *mentions_before = dump_mentions (path, "id");
  g_autofree char *mentions_after = NULL;
  g_autofree char *fts_before = schema_sql (path, "articles_fts");
  g_autofree char *fts_after = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  db = nd_database_open (path, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "mentions_v8"));

  g_assert_cmpint (nd_test_query_int (path, "PRAGMA user_version"), ==, 7);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles"), ==, 3);
  mentions_after = dump_mentions (path, "id");
  g_assert_cmpstr (mentions_after, ==, mentions_before);
  fts_after = schema_sql (path, "articles_fts");
  g_assert_cmpstr (fts_after, ==, fts_before);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'zurich'"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"well known\"'"), ==, 1);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TABLE mentions_v8;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_clear_error (&error);
  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  check_v7_searches (db);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}


/* A file's text without its "exported" line (the time of the export) */
static char *
without_exported_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "\"exported\"") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);

  return g_string_free (kept, FALSE);
}

/* The mentions of `entity` in the article view: "start-end text" */
static char *
view_mentions (NdEntity *entity)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < nd_entity_get_n_mentions (entity); i++)
    {
      const NdMention *m = nd_entity_get_mention (entity, i);

      g_string_append_printf (text, "%u-%u %s;", m->start, m->end, m->text);
    }

  return g_string_free (text, FALSE);
}

/* A schema 9 desk (desk-v9.sql: one row a mention, some with texts of
 * their own or none, out of order, two at one start) migrates to schema
 * 10 (an article's mentions packed in one row) with every mention in its
 * order; the article view, the entity filter and the export are what
 * schema 9 gave (desk-v9-export.json and the filters below: what
 * newsdesk-cli export and list --entity printed on the schema 9 desk) */
static void
test_migration_from_v9 (void)
{
  static const struct
  {
    const char *entity;
    gint64      ids[3];
  } filters[] = {
    { "geneva", { 1 } }, { "GEN\xc3\x88VE", { 0 } }, { "Gen\xc3\xa8ve", { 1 } }, { "gen\xc3\xa8ve", { 1 } },
    { "Geneva talks", { 1 } }, { "gen", { 1 } }, { "u.s.", { 3, 1 } }, { "US", { 1 } },
    { "united states", { 3, 1 } }, { "Blinken", { 3 } }, { "blinken", { 3 } }, { "OPEC", { 3 } },
    { "week", { 1 } }, { "WEEK", { 1 } }, { "lima", { 2 } }, { "Peru", { 2 } }, { "nobody", { 0 } },
    { "Anna M\xc3\xbcller", { 1 } }, { "ANNA M\xc3\x9cLLER", { 0 } },
  };
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "desk-v9.sql", NULL);
  g_autofree char *export_path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *expected_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v9-export.json", NULL);
  g_autofree char *expected_export = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *mentions_before = dump_mentions (path, "seq");
  g_autofree char *mentions_after = NULL;
  g_autofree char *geneva_mentions = NULL;
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  int variants_before;

  g_assert_cmpint (nd_test_query_int (path, "PRAGMA user_version"), ==, 9);
  variants_before = nd_test_query_int (path, "SELECT count(*) FROM (SELECT DISTINCT article_id, text COLLATE NOCASE"
                                             " FROM mentions WHERE variant)");
  g_assert_cmpint (variants_before, >, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mentions WHERE text = ''"), ==, 1);

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'mentions%'"), ==, 0);

  /* every mention, in its order, with its text */
  mentions_after = nd_test_dump_mentions (path);
  g_assert_cmpstr (mentions_after, ==, mentions_before);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_mentions"), ==, 3);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants"), ==, variants_before);

  /* the article view: by start, two at one start in their order */
  article = nd_database_load_article (db, 1, &error);
  g_assert_no_error (error);
  geneva_mentions = view_mentions (find_place (article, "Geneva"));
  g_assert_cmpstr (geneva_mentions, ==, "0-11 Geneva talks;19-25 Gen\xc3\xa8ve;19-22 Gen;55-55 ;81-87 GENEVA;");

  /* the entity filter */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      NdQuery query = { .entity = filters[i].entity, .sort = ND_SORT_DATE_DESC };
      g_autoptr(GArray) ids = nd_database_query_ids (db, &query, &error);
      guint n = 0;

      g_assert_no_error (error);
      while (n < G_N_ELEMENTS (filters[i].ids) && filters[i].ids[n] != 0)
        n++;
      g_test_message ("entity \"%s\": %u found", filters[i].entity, ids->len);
      g_assert_cmpuint (ids->len, ==, n);
      for (guint j = 0; j < n; j++)
        g_assert_cmpint (g_array_index (ids, gint64, j), ==, filters[i].ids[j]);
    }

  /* the export, byte for byte but for its time */
  for (gint64 id = 1; id <= 3; id++)
    g_array_append_val (all_ids, id);
  g_assert_true (nd_exporter_export_ids (db, all_ids, export_file, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *got = nd_test_read_file (export_path);
    g_autofree char *want = nd_test_read_file (expected_path);

    exported = without_exported_line (got);
    expected_export = without_exported_line (want);
  }
  g_assert_cmpstr (exported, ==, expected_export);

  /* a deleted article takes its packed mentions and variant texts along */
  g_assert_true (nd_database_delete_article (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_mentions WHERE article_id = 1"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants WHERE article_id = 1"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants"), >, 0);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* A migration to schema 10 that fails while it moves the mentions (the
 * disk full half-way) leaves the schema 9 desk as it was; the next open
 * migrates it, 20,000 mentions of one article in their order */
static void
test_migration_from_v9_fails (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "desk-v9.sql",
                                        "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999) "
                                        "INSERT INTO mentions (article_id, seq, entity_id, start, end, text, variant) "
                                        "  SELECT 3, 100 + i, 7 + i % 5, i % 300, i % 300 + i % 7,"
                                        "    CASE WHEN i % 3 = 0 THEN 'own ' || i ELSE substr (a.body, i % 300 + 1, i % 7) END,"
                                        "    i % 2"
                                        "  FROM n, articles a WHERE a.id = 3;");
  g_autofree char *mentions_before = dump_mentions (path, "seq");
  g_autofree char *mentions_after = NULL;
  g_autofree char *pages = g_strdup_printf ("%d", nd_test_query_int (path, "PRAGMA page_count") + 8);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mentions"), ==, 20030);

  /* room for the new tables, not for what goes in them */
  g_setenv ("NEWSDESK_MAX_PAGE_COUNT", pages, TRUE);
  db = nd_database_open (path, &error);
  g_unsetenv ("NEWSDESK_MAX_PAGE_COUNT");
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);

  g_assert_cmpint (nd_test_query_int (path, "PRAGMA user_version"), ==, 9);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%mention%'"), ==, 2);
  mentions_after = dump_mentions (path, "seq");
  g_assert_cmpstr (mentions_after, ==, mentions_before);
  g_clear_pointer (&mentions_after, g_free);

  g_clear_error (&error);
  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nd_database_get_schema_version (db), ==, ND_DATABASE_SCHEMA_VERSION);
  mentions_after = nd_test_dump_mentions (path);
  g_assert_cmpstr (mentions_after, ==, mentions_before);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE future (x); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = nd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (nd_test_query_int (path, "SELECT user_version FROM pragma_user_version"), ==, 99);
  nd_test_remove_dir (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  const char *text = "These are my notes, not a database. They are long enough to fill a header page.....";
  g_autofree char *after = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  db = nd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "not a database"));
  after = nd_test_read_file (path);
  g_assert_cmpstr (after, ==, text);
  nd_test_remove_dir (dir);
}

static void
test_fts_query_builder (void)
{
  g_autofree char *q1 = nd_database_build_fts_query ("Gaza cease-fire");
  g_autofree char *q2 = nd_database_build_fts_query ("\"; DROP");
  g_autofree char *q3 = nd_database_build_fts_query (" -- ");
  g_autofree char *q4 = nd_database_build_fts_query ("U.S.");
  g_autofree char *q5 = nd_database_build_fts_query ("\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87");
  g_autofree char *q6 = nd_database_build_fts_query ("Zu\xcc\x88rich");

  g_assert_cmpstr (q1, ==, "\"Gaza\"* \"cease\"* \"fire\"*");
  g_assert_cmpstr (q2, ==, "\"DROP\"*");
  g_assert_null (q3);
  /* a word FTS5 splits: a term per token, the last a prefix */
  g_assert_cmpstr (q4, ==, "\"U\"* \"S\"*");
  g_assert_cmpstr (q5, ==, "\"\xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\" \"\xe0\xa4\xa4\"*");
  g_assert_cmpstr (q6, ==, "\"Z\xc3\xbcrich\"*");
}

/* An article with one entity of `kind` named `name`, mentioned as `text` */
static NdArticle *
article_naming (const char   *title,
                NdEntityKind  kind,
                const char   *name,
                const char   *text)
{
  g_autofree char *body = g_strdup_printf ("%s was in the news.", text);
  NdArticle *article = nd_test_article (title, body, NULL);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (entities, entity_with_mention (kind, name, 0, text));
  nd_article_set_entities (article, entities);
  return article;
}

static gint64
insert_in_batch_id (NdDatabase *db,
                    NdArticle  *article)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (nd_database_begin (db, &error));
  id = insert (db, article);
  g_assert_true (nd_database_commit (db, &error));
  g_assert_no_error (error);
  return id;
}

/* How many mentions of the entity `name` in the desk at `path` are
 * written `text` */
static guint
count_mentions_of (const char *path,
                   const char *name,
                   const char *text)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM entities WHERE name = '%s'", name);
  g_autofree char *dump = nd_test_dump_mentions (path);
  g_auto(GStrv) lines = g_strsplit (dump, "\n", -1);
  int entity_id = nd_test_query_int (path, sql);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 5);

      if (g_strv_length (fields) == 5 && g_ascii_strtoll (fields[1], NULL, 10) == entity_id &&
          g_str_equal (fields[4], text))
        n++;
    }

  return n;
}

/* A connection that writes batches remembers the ids of the entities it
 * stored; whatever happens to those rows meanwhile, every article it
 * writes names the entity rows that are in the desk. */
static void
test_entity_ids_in_batches (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(NdDatabase) other = NULL;
  g_autoptr(NdArticle) first = article_naming ("First", ND_ENTITY_PERSON, "Jane Okafor", "Jane Okafor");
  g_autoptr(NdArticle) second = article_naming ("Second", ND_ENTITY_PERSON, "Jane Okafor", "Okafor");
  g_autoptr(NdArticle) failing = article_naming ("Failing", ND_ENTITY_PLACE, "Lima", "FAIL");
  g_autoptr(NdArticle) after = article_naming ("After", ND_ENTITY_PLACE, "Lima", "Lima");
  g_autoptr(NdArticle) undated = article_naming ("Undated", ND_ENTITY_DATE, "March 3", "March 3");
  g_autoptr(NdArticle) dated = article_naming ("Dated", ND_ENTITY_DATE, "March 3", "March 3");
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* another program deletes the only article naming her, and so her
   * entity row, between two batches */
  id = insert_in_batch_id (f->db, first);
  other = nd_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (nd_database_delete_article (other, id, &error));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'Jane Okafor'"), ==, 0);

  id = insert_in_batch_id (f->db, second);
  loaded = nd_database_load_article (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_article_get_entities (loaded)->len, ==, 1);
  g_assert_cmpstr (nd_entity_get_name (g_ptr_array_index (nd_article_get_entities (loaded), 0)), ==, "Jane Okafor");
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'Jane Okafor'"), ==, 1);

  /* an article whose write fails takes its new entity row with it; the
   * next one naming the place adds the row again */
  fail_mentions_of_fail (f->path);
  g_assert_true (nd_database_begin (f->db, &error));
  g_assert_false (nd_database_insert_article (f->db, failing, NULL, NULL, &error));
  g_clear_error (&error);
  insert (f->db, after);
  g_assert_true (nd_database_commit (f->db, &error));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'Lima'"), ==, 1);
  g_assert_cmpuint (count_mentions_of (f->path, "Lima", "Lima"), ==, 1);

  /* what a later article knows of an entity is still added to its row */
  nd_entity_set_value (g_ptr_array_index (nd_article_get_entities (dated), 0), "2025-03-03");
  g_assert_true (nd_database_begin (f->db, &error));
  insert (f->db, undated);
  insert (f->db, dated);
  g_assert_true (nd_database_commit (f->db, &error));
  g_assert_cmpint (nd_test_query_int (f->path, "SELECT count(*) FROM entities WHERE name = 'March 3' AND value = '2025-03-03'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/database/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("open-creates", test_open_creates);
  ADD ("insert-load", test_insert_load);
  ADD ("duplicate", test_duplicate);
  ADD ("tags", test_tags);
  ADD ("delete-cascades", test_delete_cascades);
  ADD ("damaged-mentions", test_damaged_mentions);
  ADD ("fts", test_fts);
  ADD ("fts-split-words", test_fts_split_words);
  ADD ("sort-and-filters", test_sort_and_filters);
  ADD ("shared-entity", test_shared_entity);
  ADD ("restore-keeps-id", test_restore_keeps_id);
  ADD ("insert-is-atomic", test_insert_is_atomic);
  ADD ("corrections", test_corrections);
  ADD ("remove-correction", test_remove_correction);
  ADD ("same-name-places", test_same_name_places);
  ADD ("entities-across-desk", test_entities_across_desk);
  ADD ("entity-ids-in-batches", test_entity_ids_in_batches);
#undef ADD
  g_test_add_func ("/database/default-path", test_default_path);
  g_test_add_func ("/database/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/database/migration-from-v3", test_migration_from_v3);
  g_test_add_func ("/database/migration-from-v7", test_migration_from_v7);
  g_test_add_func ("/database/migration-from-v7-fails", test_migration_from_v7_fails);
  g_test_add_func ("/database/migration-from-v9", test_migration_from_v9);
  g_test_add_func ("/database/migration-from-v9-fails", test_migration_from_v9_fails);
  g_test_add_func ("/database/too-new", test_too_new);
  g_test_add_func ("/database/not-a-database", test_not_a_database);
  g_test_add_func ("/database/fts-query-builder", test_fts_query_builder);

  return g_test_run ();
}
