/* test-dberrors.c — a desk that cannot be used as usual: not a database,
 * from a newer NewsDesk, read-only, busy, on a full disk. Each gets a
 * message naming the file; where it can, the desk opens read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "test-common.h"

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

/* A desk with one tagged article, closed */
static char *
make_desk (const char *dir)
{
  char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = nd_test_article ("Envoy in Cairo", "The envoy arrived in Cairo on Monday.", "envoys");
  g_autoptr(GError) error = NULL;

  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  nd_database_insert_article (db, article, NULL, NULL, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *text = g_strnfill (8192, 'n');
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  db = nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "is not a NewsDesk desk"));
  after = nd_test_read_file (path);
  g_assert_cmpstr (after, ==, text);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  nd_test_remove_dir (dir);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);
  g_autofree char *reason = NULL;
  g_autofree char *expected = g_strdup_printf ("newer NewsDesk (schema 99, this version knows %d)",
                                               ND_DATABASE_SCHEMA_VERSION);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(NdArticle) article = nd_test_article ("New", "A new article.", NULL);
  g_autoptr(GError) error = NULL;

  exec_raw (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");

  /* without leave to open read-only: refused, saying why */
  db = nd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_DATABASE_TOO_NEW);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* with it: read-only */
  db = nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (nd_database_is_read_only (db));
  reason = g_strdup_printf ("%s was written by a newer NewsDesk (schema 99, this version knows %d); it is opened read-only",
                            path, ND_DATABASE_SCHEMA_VERSION);
  g_assert_cmpstr (nd_database_get_read_only_reason (db), ==, reason);

  loaded = nd_database_load_article (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_article_get_title (loaded), ==, "Envoy in Cairo");
  g_assert_cmpuint (nd_database_count_articles (db), ==, 1);

  g_assert_false (nd_database_add_tag (db, 1, "more", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);
  g_assert_false (nd_database_insert_article (db, article, NULL, NULL, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (nd_database_delete_article (db, 1, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (nd_database_set_starred (db, 1, TRUE, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (nd_database_begin (db, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_clear_object (&db);

  g_assert_cmpint (nd_test_query_int (path, "SELECT user_version FROM pragma_user_version"), ==, 99);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_tags"), ==, 1);
  nd_test_remove_dir (dir);
}

/* Runs in a subprocess: as root, as nobody (root writes read-only files) */
static void
read_only_child (void)
{
  const char *path = g_getenv ("ND_TEST_READ_ONLY_DESK");
  g_autofree char *reason = g_strdup_printf ("%s is read-only: opened read-only, changes cannot be saved", path);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = nd_test_article ("New", "A new article.", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  NdQuery query = { 0 };

  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  db = nd_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  db = nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (nd_database_is_read_only (db));
  g_assert_cmpstr (nd_database_get_read_only_reason (db), ==, reason);

  ids = nd_database_query_ids (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  g_assert_false (nd_database_insert_article (db, article, NULL, NULL, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);
  g_assert_false (nd_database_remove_tag (db, 1, "envoys", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
}

static void
read_only_parent (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("ND_TEST_READ_ONLY_DESK", path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_tags"), ==, 1);
  g_chmod (dir, 0700);
  g_chmod (path, 0600);
  nd_test_remove_dir (dir);
}

static void
test_read_only (void)
{
  if (g_test_subprocess ())
    read_only_child ();
  else
    read_only_parent ();
}

static void
read_only_old_child (void)
{
  const char *path = g_getenv ("ND_TEST_READ_ONLY_DESK");
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (getuid () == 0)
    {
      g_assert_cmpint (setgid (65534), ==, 0);
      g_assert_cmpint (setuid (65534), ==, 0);
    }

  /* it would need upgrading, which cannot be written: refused, saying so */
  db = nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, ND_ERROR, ND_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "older NewsDesk"));
}

static void
read_only_old_schema_parent (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);

  exec_raw (path, "PRAGMA user_version = 2;");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_setenv ("ND_TEST_READ_ONLY_DESK", path, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_chmod (dir, 0700);
  g_chmod (path, 0600);
  nd_test_remove_dir (dir);
}

static void
test_read_only_old_schema (void)
{
  if (g_test_subprocess ())
    read_only_old_child ();
  else
    read_only_old_schema_parent ();
}

static void
test_busy (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);
  g_autofree char *expected = g_strdup_printf ("%s is busy: another program is writing to it; try again when it is done",
                                               path);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  NdQuery query = { 0 };
  sqlite3 *other = NULL;

  db = nd_database_open (path, &error);
  g_assert_no_error (error);

  /* another program in the middle of writing */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE articles SET starred = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* reading goes on */
  ids = nd_database_query_ids (db, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);

  /* writing waits a moment, then says so */
  g_assert_false (nd_database_add_tag (db, 1, "more", &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  g_assert_true (nd_database_add_tag (db, 1, "more", &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

static gpointer
release_later (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  return NULL;
}

/* Another connection holding the write lock for a moment (as one reading
 * the desk does while it checks the WAL index): a write of one article
 * waits for it and goes in, it does not fail as busy */
static void
test_busy_moment (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = nd_test_article ("Envoy in Amman", "The envoy arrived in Amman on Tuesday.", NULL);
  g_autoptr(GError) error = NULL;
  GThread *thread;
  sqlite3 *other = NULL;
  gint64 id = 0;

  db = nd_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE articles SET starred = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("release-later", release_later, other);

  g_assert_true (nd_database_insert_article (db, article, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 1);
  g_thread_join (thread);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);
  g_autofree char *pages = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  GString *body = g_string_new (NULL);
  gint64 id = 0;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (body, "Paragraph %u: the envoy travelled to Cairo and Doha for talks.\n\n", i);
  article = nd_test_article ("A long report", body->str, "long");
  g_string_free (body, TRUE);

  /* the desk may not grow: as if the disk were full */
  pages = g_strdup_printf ("%d", nd_test_query_int (path, "SELECT page_count FROM pragma_page_count"));
  g_setenv ("NEWSDESK_MAX_PAGE_COUNT", pages, TRUE);
  db = nd_database_open (path, &error);
  g_unsetenv ("NEWSDESK_MAX_PAGE_COUNT");
  g_assert_no_error (error);

  expected = g_strdup_printf ("Disk full: %s could not be written; nothing was changed", path);
  g_assert_false (nd_database_insert_article (db, article, &id, NULL, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_DISK_FULL);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_assert_cmpuint (nd_database_count_articles (db), ==, 1);
  g_clear_object (&db);

  /* nothing of it was stored, and the desk is sound */
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles"), ==, 1);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM tags WHERE name = 'long'"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM article_mentions WHERE article_id <> 1"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM mention_variants WHERE article_id <> 1"), ==, 0);
  g_assert_cmpint (nd_test_query_int (path, "SELECT integrity_check = 'ok' FROM pragma_integrity_check"), ==, 1);

  /* with room again it goes in */
  db = nd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (nd_database_insert_article (db, article, &id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nd_database_count_articles (db), ==, 2);
  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* The disk fills up inside a batch (an import's): whatever SQLite undid,
 * no article is left in the desk without the rest of its batch, the
 * commit says the disk is full, and the desk is sound. */
static void
test_disk_full_in_batch (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = make_desk (dir);
  g_autofree char *pages = NULL;
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  guint stored = 0;
  gboolean full = FALSE;

  pages = g_strdup_printf ("%d", nd_test_query_int (path, "SELECT page_count FROM pragma_page_count") + 24);
  g_setenv ("NEWSDESK_MAX_PAGE_COUNT", pages, TRUE);
  db = nd_database_open (path, &error);
  g_unsetenv ("NEWSDESK_MAX_PAGE_COUNT");
  g_assert_no_error (error);

  g_assert_true (nd_database_begin (db, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Round %u", i);
      g_autofree char *body = g_strdup_printf ("Round %u of the talks opened in Cairo on Monday, "
                                               "with envoys of %u countries.", i, i);
      g_autoptr(NdArticle) article = nd_test_article (title, body, NULL);

      if (nd_database_insert_article (db, article, NULL, NULL, &error))
        {
          /* after a full disk, nothing more is written in this batch
           * than what its transaction holds */
          g_assert_false (full);
          stored++;
          continue;
        }
      g_assert_error (error, ND_ERROR, ND_ERROR_DISK_FULL);
      g_clear_error (&error);
      full = TRUE;
      break;
    }
  g_assert_true (full);

  if (nd_database_commit (db, &error))
    g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles"), ==, 1 + stored);
  else
    {
      /* the whole batch is undone, and the reason is the full disk */
      g_assert_error (error, ND_ERROR, ND_ERROR_DISK_FULL);
      g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles"), ==, 1);
    }
  g_clear_error (&error);
  g_clear_object (&db);

  /* every article there is searchable, and the desk is sound */
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'envoy*'"), ==,
                   nd_test_query_int (path, "SELECT count(*) FROM articles"));
  g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), ==, 0);
  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dberrors/not-a-database", test_not_a_database);
  g_test_add_func ("/dberrors/newer-schema", test_newer_schema);
  g_test_add_func ("/dberrors/read-only", test_read_only);
  g_test_add_func ("/dberrors/read-only-old", test_read_only_old_schema);
  g_test_add_func ("/dberrors/busy", test_busy);
  g_test_add_func ("/dberrors/busy-moment", test_busy_moment);
  g_test_add_func ("/dberrors/disk-full", test_disk_full);
  g_test_add_func ("/dberrors/disk-full-in-batch", test_disk_full_in_batch);

  return g_test_run ();
}
