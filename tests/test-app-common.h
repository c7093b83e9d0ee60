/* test-app-common.h — what the widget tests of the main window share:
 * the application, temporary desks, and closing a window with a check
 * that nothing keeps it alive (with test-gtk-common.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-window.h"
#include "test-gtk-common.h"

static inline gboolean
object_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Every key of the app's settings back to its default (the tests run
 * with the memory backend, which outlives a window) */
static inline void
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

static inline void
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

/* Destroys the window (if any), drops the caller's references to the
 * store and the database, and checks that nothing else keeps any of them
 * alive (a leaked reference in a closure, a toast...) */
static inline void
destroy_window_checked (GtkWindow       *window,
                        NdArticleStore **store,
                        NdDatabase     **database)
{
  gpointer weak_window = window;
  gpointer weak_store = *store;
  gpointer weak_database = *database;

  if (weak_window != NULL)
    {
      g_object_add_weak_pointer (weak_window, &weak_window);
      gtk_window_destroy (window);
      g_assert_true (wait_for (object_is_gone, &weak_window, 5000));
    }

  if (weak_store != NULL)
    g_object_add_weak_pointer (weak_store, &weak_store);
  if (weak_database != NULL)
    g_object_add_weak_pointer (weak_database, &weak_database);
  g_clear_object (store);
  g_clear_object (database);
  g_assert_true (wait_for (object_is_gone, &weak_store, 5000));
  g_assert_true (wait_for (object_is_gone, &weak_database, 5000));
}

/* The application the test windows belong to, registered without a
 * session bus (and no clash with a running NewsDesk) and held between
 * tests; NULL when there is no display: the test then returns 77 */
static inline NdApplication *
ui_test_application_new (void)
{
  g_autoptr(GError) error = NULL;
  NdApplication *application;

  /* no accessibility bus: under a bare dbus-run-session, connecting to
   * one fails (and, with fatal criticals, ends the test); a test that
   * reads accessible properties sets GTK_A11Y=test before */
  g_setenv ("GTK_A11Y", "none", FALSE);

  if (!gtk_init_check () || gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return NULL;
    }

  application = nd_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (application));

  return application;
}
