/* test-window-fixture.h — a main window on a new desk in a temporary
 * folder, for the widget tests (with test-app-common.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The including test defines TIMEOUT_MS and sets `app` before it runs
 * the fixture.
 */
#pragma once

static NdApplication *app;

typedef struct
{
  char           *dir;
  char           *db_path;
  NdDatabase     *database;
  NdArticleStore *store;
  NdWindow       *window;
  gboolean        import_done;
} Fixture;

/* Main loop helpers ------------------------------------------------------ */

static gboolean
import_is_done (gpointer data)
{
  return ((Fixture *) data)->import_done;
}

static void
on_import_finished (NdWindow *window,
                    guint     imported,
                    guint     duplicates,
                    guint     failed,
                    Fixture  *f)
{
  f->import_done = TRUE;
}

/* Fixture ---------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  reset_settings ();

  f->dir = g_dir_make_tmp ("newsdesk-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "desk.db", NULL);

  f->database = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  f->store = nd_article_store_new (f->database);
  f->window = nd_window_new (app, f->store);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_true (wait_for (widget_is_mapped, f->window, TIMEOUT_MS));
  pump (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->window, f);
  destroy_window_checked (GTK_WINDOW (f->window), &f->store, &f->database);
  f->window = NULL;

  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static void
load_samples_and_select (Fixture *f)
{
  f->import_done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-samples", NULL));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), >, 0);

  nd_window_select_position (f->window, 0);
  pump (100);
  g_assert_nonnull (nd_window_get_detail_title (f->window));
}
