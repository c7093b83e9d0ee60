/* test-i18n.c — NewsDesk in German
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session -- meson test ui) with
 * NEWSDESK_LOCALEDIR pointing at the .mo files of the build. Opens the
 * window on a new, empty desk with LANGUAGE=de and checks that what it
 * shows is German, and that the desktop file and the metainfo merged by
 * the build carry the German texts.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-window-private.h"
#include "test-app-common.h"

#define TIMEOUT_MS 20000

static NdApplication *app;

/* The first GtkButton below widget whose label is label */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_gettext (void)
{
  /* the catalog itself, before any widget */
  g_assert_cmpstr (_("Your Desk Is Empty"), ==, "Ihr Schreibtisch ist leer");
  g_assert_cmpstr (ngettext ("%u article", "%u articles", 1), ==, "%u Artikel");
  g_assert_cmpstr (ngettext ("Imported %u article", "Imported %u articles", 2), ==,
                   "%u Artikel importiert");
}

static void
test_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  NdDatabase *database;
  NdArticleStore *store;
  NdWindow *window;
  GtkWidget *page;
  GtkWidget *entry;

  dir = g_dir_make_tmp ("newsdesk-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "desk.db", NULL);

  database = nd_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  store = nd_article_store_new (database);
  window = nd_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (widget_is_mapped, window, TIMEOUT_MS));

  g_assert_cmpstr (nd_window_get_page (window), ==, "empty");
  page = nd_window_get_status_page (window, "empty");
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   "Ihr Schreibtisch ist leer");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                                   "Importieren Sie"));

  g_assert_nonnull (find_button (page, "Beispielartikel _laden"));
  g_assert_nonnull (find_button (page, "Artikel _importieren …"));
  g_assert_null (find_button (page, "_Load Sample Articles"));

  entry = nd_window_get_search_entry (window);
  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));
  {
    g_autofree char *placeholder = NULL;

    g_object_get (entry, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Artikel durchsuchen");
  }

  destroy_window_checked (GTK_WINDOW (window), &store, &database);

  remove_tree (dir);
}

static void
test_desktop_file (void)
{
  g_autofree char *path = g_build_filename (ND_BUILD_DATA_DIR, APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\nComment[de]="));
  g_assert_nonnull (strstr (contents, "\nGenericName[de]="));
  g_assert_nonnull (strstr (contents, "\nKeywords[de]="));

  g_assert_true (g_key_file_load_from_data (keyfile, contents, -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  comment = g_key_file_get_locale_string (keyfile, "Desktop Entry", "Comment", "de", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (comment, "Nachrichtenartikel"));
}

static void
test_metainfo (void)
{
  g_autofree char *path = g_build_filename (ND_BUILD_DATA_DIR, APP_ID ".metainfo.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<summary xml:lang=\"de\">"));
  g_assert_nonnull (strstr (contents, "xml:lang=\"de\""));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* gettext ignores LANGUAGE in the C locale: C.UTF-8 is always there */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("NEWSDESK_LOCALEDIR") != NULL ? g_getenv ("NEWSDESK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/gettext", test_gettext);
  g_test_add_func ("/i18n/desktop-file", test_desktop_file);
  g_test_add_func ("/i18n/metainfo", test_metainfo);

  if (!gtk_init_check () || gdk_display_get_default () == NULL)
    {
      g_test_message ("no display (run under xvfb-run): window test skipped");
    }
  else
    {
      app = nd_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      g_application_hold (G_APPLICATION (app));
      g_test_add_func ("/i18n/window", test_window);
    }

  status = g_test_run ();

  if (app != NULL)
    {
      g_application_release (G_APPLICATION (app));
      g_clear_object (&app);
    }

  return status;
}
