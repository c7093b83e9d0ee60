/* test-readonly-ui.c — the window on a desk it cannot change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. A desk written by a newer NewsDesk opens read-only: the
 * window shows a notice at the top naming the file and saying why, and
 * importing, tagging, deleting, marking read or starred are off. A
 * writable desk shows no notice.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-article-view.h"
#include "nd-window-private.h"
#include <adwaita.h>
#include "test-app-common.h"

#define TIMEOUT_MS 20000

static NdApplication *app;

typedef struct
{
  char           *dir;
  char           *db_path;
  NdDatabase     *database;
  NdArticleStore *store;
  NdWindow       *window;
} Fixture;

static void
make_desk (Fixture *f,
           int      user_version)
{
  g_autoptr(NdDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;

  db = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(NdArticle) article = nd_article_new ();
      g_autofree char *title = g_strdup_printf ("Envoy in Cairo, day %u", i + 1);

      nd_article_set_title (article, title);
      nd_article_set_body (article, "The envoy arrived in Cairo on Monday for talks.");
      nd_article_set_source (article, "cairo.txt");
      nd_extractor_extract_article (article);
      nd_database_insert_article (db, article, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&db);

  if (user_version > 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", user_version);

      g_assert_cmpint (sqlite3_open (f->db_path, &raw), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);
    }
}

static void
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->database = nd_database_open_full (f->db_path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  g_assert_no_error (error);
  f->store = nd_article_store_new (f->database);
  f->window = nd_window_new (app, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (widget_is_mapped, f->window, TIMEOUT_MS));
  pump (50);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("newsdesk-readonly-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "desk.db", NULL);
  make_desk (f, GPOINTER_TO_INT (data));
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_window_checked (GTK_WINDOW (f->window), &f->store, &f->database);
  f->window = NULL;
  remove_tree (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* The first widget in the tree under `root` named `name` */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkLabel *
find_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every button in the tree wired to `action`: the innermost, as a split
 * button passes its action to the button inside it */
static void
collect_actionables (GtkWidget  *root,
                     const char *action,
                     GPtrArray  *found)
{
  guint before = found->len;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_actionables (child, action, found);

  if (found->len == before && GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    g_ptr_array_add (found, root);
}

static void
assert_buttons_sensitive (NdWindow   *window,
                          const char *action,
                          gboolean    sensitive)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_actionables (GTK_WIDGET (window), action, buttons);
  g_assert_cmpuint (buttons->len, >, 0);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      g_test_message ("%s %s: %s", action, G_OBJECT_TYPE_NAME (button),
                      gtk_widget_get_sensitive (button) ? "sensitive" : "insensitive");
      g_assert_cmpint (gtk_widget_get_sensitive (button), ==, sensitive);
    }
}

static GtkWidget *
find_action_row (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_action_row (child);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static void
test_newer_desk (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *reason = g_strdup_printf ("%s was written by a newer NewsDesk (schema 99, this version knows %d); "
                                             "it is opened read-only", f->db_path, ND_DATABASE_SCHEMA_VERSION);
  const char *samples = g_getenv ("ND_SAMPLES_DIR");
  const char *paths[] = { samples, NULL };
  GtkWidget *notice;
  GtkLabel *label;

  g_assert_true (nd_database_is_read_only (f->database));

  /* the notice is on screen and says why, naming the file */
  notice = find_named (GTK_WIDGET (f->window), "read-only-notice");
  g_assert_nonnull (notice);
  g_assert_true (GTK_IS_REVEALER (notice));
  g_assert_true (wait_for (widget_is_mapped, notice, TIMEOUT_MS));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (notice)));
  label = find_label (notice);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_text (label), reason));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));

  /* the articles are there to read */
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, 2);

  /* with every article selected, the editing actions are still off */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  pump (50);
  g_assert_cmpuint (nd_window_get_selected_ids (f->window)->len, ==, 2);
  assert_buttons_sensitive (f->window, "win.import", FALSE);
  assert_buttons_sensitive (f->window, "win.delete", FALSE);

  /* and doing them anyway changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL);
  pump (100);
  g_assert_cmpuint (nd_database_count_articles (f->database), ==, 2);
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, 2);
  g_assert_null (nd_window_get_file_chooser (f->window));

  /* an article's own tags and the extractor's corrections are off too */
  {
    NdArticleView *view = nd_window_get_article_view (f->window);
    GtkWidget *panel = nd_article_view_get_entity_panel (view);
    GtkWidget *row = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
    nd_window_select_position (f->window, 0);
    pump (100);
    g_assert_false (gtk_widget_is_sensitive (nd_article_view_get_tag_entry (view)));
    row = find_action_row (panel);
    g_assert_nonnull (row);
    {
      gint64 id = nd_article_view_get_article_id (view);
      g_autoptr(NdArticle) before = nd_database_load_article (f->database, id, NULL);
      g_autoptr(NdArticle) after = NULL;

      g_autofree char *toast = g_strdup (nd_window_get_last_toast (f->window));

      g_assert_nonnull (before);
      /* the correction is disabled: activating it does nothing, not even
       * try and say it failed */
      gtk_widget_activate_action (row, "entity.remove", NULL);
      pump (100);
      g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, toast);
      after = nd_database_load_article (f->database, id, NULL);
      g_assert_nonnull (after);
      g_assert_cmpuint (nd_article_get_entities (after)->len, ==, nd_article_get_entities (before)->len);
      g_assert_true (find_action_row (panel) != NULL);
    }
    g_assert_cmpuint (nd_database_count_articles (f->database), ==, 2);
  }

  /* files dropped on the window: refused, saying why */
  g_assert_nonnull (samples);
  nd_window_import_paths (f->window, paths);
  pump (100);
  g_assert_false (nd_window_get_importing (f->window));
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, reason);
  g_assert_cmpuint (nd_database_count_articles (f->database), ==, 2);
}

static void
test_writable_desk (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *notice;

  g_assert_false (nd_database_is_read_only (f->database));

  notice = find_named (GTK_WIDGET (f->window), "read-only-notice");
  g_assert_nonnull (notice);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (notice)));
  g_assert_false (gtk_widget_get_visible (notice));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  pump (50);
  assert_buttons_sensitive (f->window, "win.import", TRUE);
  assert_buttons_sensitive (f->window, "win.delete", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

  g_test_add ("/readonly-ui/newer-desk", Fixture, GINT_TO_POINTER (99),
              fixture_setup, test_newer_desk, fixture_teardown);
  g_test_add ("/readonly-ui/writable-desk", Fixture, GINT_TO_POINTER (0),
              fixture_setup, test_writable_desk, fixture_teardown);

  return g_test_run ();
}
