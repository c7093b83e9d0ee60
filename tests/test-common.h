/* test-common.h — helpers shared by the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

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

/* A mention as the desk packs it in article_mentions (schema 10; the
 * format is described in nd-database.c, above pack_mention()), read and
 * written here independently of the desk's own code, as another program
 * would */
typedef struct
{
  gint64    entity_id;
  gint64    start;
  gint64    end;
  gboolean  has_text;   /* its own text, not the body's characters */
  char     *text;       /* always set */
} NdTestMention;

static inline void
nd_test_mention_clear (gpointer data)
{
  g_free (((NdTestMention *) data)->text);
}

static inline guint64
nd_test_get_varint (const guint8 **p,
                    const guint8  *end)
{
  guint64 value = 0;

  for (guint shift = 0; *p < end; shift += 7)
    {
      guint8 b = *(*p)++;

      g_assert_cmpuint (shift, <, 64);
      value |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        return value;
    }

  g_assert_not_reached ();
}

static inline void
nd_test_put_varint (GByteArray *data,
                    guint64     v)
{
  for (; v >= 0x80; v >>= 7)
    {
      guint8 b = (guint8) (v | 0x80);
      g_byte_array_append (data, &b, 1);
    }
  {
    guint8 b = (guint8) v;
    g_byte_array_append (data, &b, 1);
  }
}

static inline gint64
nd_test_unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline guint64
nd_test_zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

/* The mentions packed in `data` (NdTestMention), with their texts from
 * `body` when they have none of their own */
static inline GArray *
nd_test_unpack_mentions (const void *data,
                         gsize       size,
                         const char *body)
{
  GArray *mentions = g_array_new (FALSE, TRUE, sizeof (NdTestMention));
  const guint8 *p = data;
  const guint8 *end = p + size;
  gint64 entity_id = 0;
  gint64 start = 0;

  g_array_set_clear_func (mentions, nd_test_mention_clear);
  while (p < end)
    {
      NdTestMention m = { 0 };
      guint64 span;

      m.entity_id = entity_id = entity_id + nd_test_unzigzag (nd_test_get_varint (&p, end));
      m.start = start = start + nd_test_unzigzag (nd_test_get_varint (&p, end));
      span = nd_test_get_varint (&p, end);
      m.end = m.start + nd_test_unzigzag (span >> 1);
      m.has_text = (span & 1) != 0;
      if (m.has_text)
        {
          guint64 length = nd_test_get_varint (&p, end);

          g_assert_cmpuint (length, <=, (guint64) (end - p));
          m.text = g_strndup ((const char *) p, length);
          p += length;
        }
      else
        {
          g_assert_cmpint (m.end, <=, g_utf8_strlen (body, -1));
          m.text = g_utf8_substring (body, m.start, m.end);
        }
      g_array_append_val (mentions, m);
    }

  return mentions;
}

static inline GByteArray *
nd_test_pack_mentions (GArray *mentions)
{
  GByteArray *data = g_byte_array_new ();
  gint64 entity_id = 0;
  gint64 start = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      const NdTestMention *m = &g_array_index (mentions, NdTestMention, i);

      nd_test_put_varint (data, nd_test_zigzag (m->entity_id - entity_id));
      nd_test_put_varint (data, nd_test_zigzag (m->start - start));
      nd_test_put_varint (data, (nd_test_zigzag (m->end - m->start) << 1) | (m->has_text ? 1 : 0));
      if (m->has_text)
        {
          nd_test_put_varint (data, strlen (m->text));
          g_byte_array_append (data, (const guint8 *) m->text, strlen (m->text));
        }
      entity_id = m->entity_id;
      start = m->start;
    }

  return data;
}

/* Every mention of the desk at `path`, article by article in the order
 * they were written: "article entity start end text" lines */
static inline char *
nd_test_dump_mentions (const char *path)
{
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT m.article_id, m.data, a.body FROM article_mentions m"
                                       " JOIN articles a ON a.id = m.article_id ORDER BY m.article_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GArray *mentions = nd_test_unpack_mentions (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                                  (const char *) sqlite3_column_text (stmt, 2));

      for (guint i = 0; i < mentions->len; i++)
        {
          const NdTestMention *m = &g_array_index (mentions, NdTestMention, i);

          g_string_append_printf (dump, "%lld %lld %d %d %s\n",
                                  (long long) sqlite3_column_int64 (stmt, 0), (long long) m->entity_id,
                                  (int) m->start, (int) m->end, m->text);
        }
      g_array_unref (mentions);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

/* How many mentions the desk at `path` holds */
static inline guint
nd_test_count_mentions (const char *path)
{
  g_autofree char *dump = nd_test_dump_mentions (path);
  guint n = 0;

  for (const char *p = dump; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}
