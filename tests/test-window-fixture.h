/* test-window-fixture.h — a main window on a new desk in a temporary
 * folder, for the widget tests (with test-gtk-common.h)
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

static gboolean
object_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
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
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  g_remove (path);
}

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
  gpointer window = f->window;
  gpointer store = f->store;
  gpointer database = f->database;

  g_object_add_weak_pointer (window, &window);
  g_signal_handlers_disconnect_by_data (window, f);
  gtk_window_destroy (GTK_WINDOW (window));
  f->window = NULL;
  g_assert_true (wait_for (object_is_gone, &window, 5000));

  g_object_add_weak_pointer (store, &store);
  g_object_add_weak_pointer (database, &database);
  g_clear_object (&f->store);
  g_clear_object (&f->database);
  g_assert_true (wait_for (object_is_gone, &store, 5000));
  g_assert_true (wait_for (object_is_gone, &database, 5000));

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
