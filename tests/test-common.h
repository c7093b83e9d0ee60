/* test-common.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "newsdesk-core.h"

/* A new empty folder, removed with nd_test_remove_dir() */
static inline char *
nd_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("newsdesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
nd_test_remove_dir (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        nd_test_remove_dir (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

static inline NdArticle *
nd_test_article (const char *title,
                 const char *body,
                 const char *first_tag)
{
  NdArticle *article = nd_article_new ();
  const char *tags[] = { first_tag, NULL };

  nd_article_set_title (article, title);
  nd_article_set_body (article, body);
  nd_article_set_source (article, "test.txt");
  if (first_tag != NULL)
    nd_article_set_tags (article, tags);

  return article;
}

static inline char *
nd_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* One number read from the desk at `path` by SQL, as another program
 * would read it (tests that use it link sqlite3) */
static inline int
nd_test_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
