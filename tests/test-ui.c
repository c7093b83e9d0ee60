/* test-ui.c — the NewsDesk window with real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session -- meson test ui). Each
 * test opens a window on a new desk in a temporary folder and drives it
 * through its actions, as the menus, buttons and shortcuts do.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-article-view.h"
#include "nd-body-view.h"
#include "nd-window-private.h"

#define TIMEOUT_MS 20000

static NdApplication *app;

typedef struct
{
  char           *dir;
  char           *db_path;
  NdDatabase     *database;
  NdArticleStore *store;
  NdWindow       *window;
  gboolean        import_done;
  guint           imported;
  guint           duplicates;
  guint           failed;
} Fixture;

/* Main loop helpers ------------------------------------------------------ */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for a while: layout, frames, idles */
static void
pump (guint ms)
{
  wait_for (never, NULL, ms);
}

static gboolean
import_is_done (gpointer data)
{
  Fixture *f = data;

  return f->import_done;
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
on_import_finished (NdWindow *window,
                    guint     imported,
                    guint     duplicates,
                    guint     failed,
                    Fixture  *f)
{
  f->import_done = TRUE;
  f->imported = imported;
  f->duplicates = duplicates;
  f->failed = failed;
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
open_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->database = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->database);

  f->store = nd_article_store_new (f->database);
  f->window = nd_window_new (app, f->store);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_true (wait_for (widget_is_mapped, f->window, TIMEOUT_MS));
  pump (50);
}

static gboolean
object_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes the window and checks that nothing keeps the window, the store
 * or the database alive (a leaked reference in a closure, a toast...) */
static void
close_window (Fixture *f)
{
  gpointer window = f->window;
  gpointer store = f->store;
  gpointer database = f->database;

  if (window != NULL)
    {
      g_object_add_weak_pointer (window, &window);
      g_signal_handlers_disconnect_by_data (window, f);
      gtk_window_destroy (GTK_WINDOW (window));
      f->window = NULL;
      g_assert_true (wait_for (object_is_gone, &window, 5000));
    }

  if (store != NULL)
    g_object_add_weak_pointer (store, &store);
  if (database != NULL)
    g_object_add_weak_pointer (database, &database);

  g_clear_object (&f->store);
  g_clear_object (&f->database);

  g_assert_true (wait_for (object_is_gone, &store, 5000));
  g_assert_true (wait_for (object_is_gone, &database, 5000));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  reset_settings ();

  f->dir = g_dir_make_tmp ("newsdesk-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "desk.db", NULL);

  open_window (f);
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
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_window (f);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static void
load_samples (Fixture *f)
{
  f->import_done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-samples", NULL));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (50);
}

static guint
n_articles (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->store));
}

static gboolean
strv_contains (char       **strv,
               const char  *str)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, str);
}

static guint
find_position_by_title_prefix (Fixture    *f,
                               const char *prefix)
{
  for (guint i = 0; i < n_articles (f); i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (g_str_has_prefix (nd_article_get_title (article), prefix))
        return i;
    }

  g_assert_not_reached ();
}

static void
select_one (Fixture *f,
            guint    position)
{
  nd_window_select_position (f->window, position);
  pump (30);
}

static int
tag_filter_count (Fixture    *f,
                  const char *tag)
{
  for (guint i = 0; i < nd_window_get_tag_filter_n_items (f->window); i++)
    {
      guint count = 0;
      g_autofree char *name = nd_window_get_tag_filter_item (f->window, i, &count);

      if (g_strcmp0 (name, tag) == 0)
        return (int) count;
    }

  return -1;
}

/* Tests ------------------------------------------------------------------ */

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *status;

  g_assert_cmpstr (nd_window_get_page (f->window), ==, "empty");
  status = nd_window_get_status_page (f->window, "empty");
  g_assert_true (ADW_IS_STATUS_PAGE (status));
  g_assert_true (gtk_widget_get_mapped (status));

  /* It offers both ways in */
  g_assert_cmpuint (n_articles (f), ==, 0);
  g_assert_cmpuint (nd_window_get_tag_filter_n_items (f->window), ==, 1);

  /* win.import opens a file chooser; cancelling it does nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  pump (50);
  g_assert_nonnull (nd_window_get_file_chooser (f->window));
  g_signal_emit_by_name (nd_window_get_file_chooser (f->window), "response", GTK_RESPONSE_CANCEL);
  pump (20);
  g_assert_null (nd_window_get_file_chooser (f->window));
  g_assert_cmpuint (n_articles (f), ==, 0);
}

static void
test_load_samples (Fixture       *f,
                   gconstpointer  data)
{
  GtkListView *list_view;
  GListModel *model;

  load_samples (f);

  g_assert_cmpuint (f->imported, ==, 5);
  g_assert_cmpuint (f->duplicates, ==, 0);
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "Imported 5 articles");

  g_assert_cmpuint (n_articles (f), ==, 5);
  list_view = nd_window_get_list_view (f->window);
  model = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, 5);
  g_assert_cmpstr (nd_window_get_page (f->window), ==, "list");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list_view)));

  /* Loading them again finds them in the desk */
  load_samples (f);
  g_assert_cmpuint (f->imported, ==, 0);
  g_assert_cmpuint (f->duplicates, ==, 5);
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "5 already in the desk");
  g_assert_cmpuint (n_articles (f), ==, 5);
}

static void
test_import_folder (Fixture       *f,
                    gconstpointer  data)
{
  const char *samples = g_getenv ("ND_SAMPLES_DIR");
  g_autofree char *bad = g_build_filename (f->dir, "binary.txt", NULL);
  const char *paths[] = { NULL, NULL, NULL };
  const char * const *errors;

  if (samples == NULL)
    {
      g_test_skip ("ND_SAMPLES_DIR is not set");
      return;
    }

  g_assert_true (g_file_set_contents (bad, "\x00\x01\x02\x03\xff\xfe\x00", 7, NULL));
  paths[0] = samples;
  paths[1] = bad;

  f->import_done = FALSE;
  nd_window_import_paths (f->window, paths);
  g_assert_true (nd_window_get_importing (f->window));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (30);

  g_assert_false (nd_window_get_importing (f->window));
  g_assert_cmpuint (f->imported, ==, 5);
  g_assert_cmpuint (f->failed, ==, 1);
  g_assert_cmpuint (n_articles (f), ==, 5);
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, 5);

  /* one line per refused file, "PATH: reason" */
  errors = nd_window_get_import_errors (f->window);
  g_assert_nonnull (errors);
  g_assert_cmpuint (g_strv_length ((char **) errors), ==, 1);
  g_assert_true (g_str_has_prefix (errors[0], bad));
  g_assert_true (g_str_has_prefix (errors[0] + strlen (bad), ": "));
}

static void
test_open_files (Fixture       *f,
                 gconstpointer  data)
{
  const char *samples = g_getenv ("ND_SAMPLES_DIR");
  g_autofree char *other_db = g_build_filename (f->dir, "opened.db", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  NdWindow *window = NULL;

  if (samples == NULL)
    {
      g_test_skip ("ND_SAMPLES_DIR is not set");
      return;
    }

  /* No window yet: open() creates one on the desk given with --database */
  close_window (f);
  nd_application_set_database_path (app, other_db);

  dir = g_dir_open (samples, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_file_new_build_filename (samples, name, NULL));

  g_application_open (G_APPLICATION (app), (GFile **) files->pdata, (int) files->len, "");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ND_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);

  f->window = window;
  f->store = g_object_ref (nd_window_get_store (window));
  f->database = g_object_ref (nd_article_store_get_database (f->store));
  g_assert_cmpstr (nd_database_get_path (f->database), ==, other_db);
  g_signal_connect (window, "import-finished", G_CALLBACK (on_import_finished), f);

  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  g_assert_cmpuint (f->imported, ==, (guint) files->len);
  g_assert_cmpuint (n_articles (f), ==, (guint) files->len);

  nd_application_set_database_path (app, NULL);
}

static void
test_database_error (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GList) before = NULL;
  NdWindow *window = NULL;

  close_window (f);

  /* A folder is not a desk: the window says so instead of crashing */
  g_test_expect_message ("newsdesk-ui", G_LOG_LEVEL_WARNING, "Could not open*");
  nd_application_set_database_path (app, f->dir);
  g_application_activate (G_APPLICATION (app));
  g_test_assert_expected_messages ();
  nd_application_set_database_path (app, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ND_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  g_assert_null (nd_window_get_store (window));
  g_assert_cmpstr (nd_window_get_page (window), ==, "error");
  g_assert_true (gtk_widget_get_mapped (nd_window_get_status_page (window, "error")));
  /* the actions do nothing without a desk */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-samples", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL);
  pump (20);

  gtk_window_destroy (GTK_WINDOW (window));
  pump (20);
}

static void
test_select_shows_article (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(NdArticle) first = NULL;
  g_autoptr(NdArticle) stored = NULL;
  NdArticleView *view;
  guint position;

  load_samples (f);
  g_assert_cmpstr (nd_article_view_get_page (nd_window_get_article_view (f->window)), ==, "none");

  first = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  g_assert_false (nd_article_get_read (first));
  select_one (f, 0);

  view = nd_window_get_article_view (f->window);
  g_assert_cmpstr (nd_article_view_get_page (view), ==, "article");
  g_assert_cmpstr (nd_window_get_detail_title (f->window), ==, nd_article_get_title (first));

  /* Reading marks it read */
  stored = nd_database_load_article_summary (f->database, nd_article_get_id (first), NULL);
  g_assert_true (nd_article_get_read (stored));

  /* The sample with the timeline shows its three tables as tables, its
   * ten list items and its section headings */
  position = find_position_by_title_prefix (f, "Witkoff Plans Mideast Visit");
  select_one (f, position);
  g_assert_true (g_str_has_prefix (nd_window_get_detail_title (f->window), "Witkoff Plans"));
  g_assert_cmpuint (nd_body_view_count_blocks (ND_BODY_VIEW (nd_article_view_get_body_view (view)), ND_BLOCK_TABLE), ==, 3);
  g_assert_cmpuint (nd_body_view_count_blocks (ND_BODY_VIEW (nd_article_view_get_body_view (view)), ND_BLOCK_LIST_ITEM), ==, 10);
  g_assert_cmpuint (nd_body_view_count_blocks (ND_BODY_VIEW (nd_article_view_get_body_view (view)), ND_BLOCK_HEADING), >=, 3);

  /* Several selected */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  pump (20);
  g_assert_cmpstr (nd_article_view_get_page (view), ==, "multi");
}

static gboolean
entry_has_focus (gpointer data)
{
  GtkWidget *entry = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (entry));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
add_tag_through_entry (Fixture    *f,
                       const char *tag)
{
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-tag", NULL));
  entry = nd_window_get_tag_entry (f->window);
  g_assert_nonnull (entry);
  g_assert_true (wait_for (entry_has_focus, entry, 2000));

  gtk_editable_set_text (GTK_EDITABLE (entry), tag);
  g_signal_emit_by_name (entry, "activate");
  pump (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_tag_persists (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(GStrv) tags = NULL;
  const char *tooltip;
  GtkWidget *chip;
  gint64 id;
  guint position;

  load_samples (f);
  select_one (f, 0);
  id = nd_article_store_get_id (f->store, 0);

  add_tag_through_entry (f, "  ceasefire   talks ");

  /* The chip appears (the tag normalised), with a remove label */
  tags = nd_window_get_detail_tags (f->window);
  g_assert_true (strv_contains (tags, "ceasefire talks"));
  chip = nd_article_view_get_tag_chip (nd_window_get_article_view (f->window), "ceasefire talks");
  g_assert_nonnull (chip);
  tooltip = gtk_widget_get_tooltip_text (chip);
  g_assert_cmpstr (tooltip, ==, "Remove tag ceasefire talks");

  /* The filter lists it with its count */
  g_assert_cmpint (tag_filter_count (f, "ceasefire talks"), ==, 1);

  /* Close, open the same desk again: the tag is still there */
  close_window (f);
  open_window (f);
  g_assert_cmpstr (nd_window_get_page (f->window), ==, "list");
  g_assert_true (nd_article_store_find (f->store, id, &position));
  select_one (f, position);
  g_clear_pointer (&tags, g_strfreev);
  tags = nd_window_get_detail_tags (f->window);
  g_assert_true (strv_contains (tags, "ceasefire talks"));
  g_assert_cmpint (tag_filter_count (f, "ceasefire talks"), ==, 1);

  /* Filtering by it shows that article only */
  nd_window_set_tag_filter (f->window, "ceasefire talks");
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 1);
  g_assert_cmpint (nd_article_store_get_id (f->store, 0), ==, id);
  nd_window_set_tag_filter (f->window, NULL);
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 5);

  /* One click on the chip removes it */
  g_assert_true (nd_article_store_find (f->store, id, &position));
  select_one (f, position);
  chip = nd_article_view_get_tag_chip (nd_window_get_article_view (f->window), "ceasefire talks");
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  pump (20);
  g_clear_pointer (&tags, g_strfreev);
  tags = nd_window_get_detail_tags (f->window);
  g_assert_false (strv_contains (tags, "ceasefire talks"));
  g_assert_cmpint (tag_filter_count (f, "ceasefire talks"), ==, -1);
}

static void
test_tag_several (Fixture       *f,
                  gconstpointer  data)
{
  load_samples (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  pump (20);
  g_assert_cmpstr (nd_article_view_get_page (nd_window_get_article_view (f->window)), ==, "multi");

  add_tag_through_entry (f, "gaza");
  g_assert_cmpint (tag_filter_count (f, "gaza"), ==, 5);
}

static gboolean
store_has_n_items (gpointer data)
{
  Fixture *f = data;

  return n_articles (f) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (f->store), "wanted"));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *entry;

  load_samples (f);

  nd_window_set_search_text (f->window, "Herzog");
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (nd_window_get_list_view (f->window)))), ==, 1);
  g_assert_cmpstr (nd_window_get_page (f->window), ==, "list");

  nd_window_set_search_text (f->window, "zzyzx");
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 0);
  g_assert_cmpstr (nd_window_get_page (f->window), ==, "no-results");
  g_assert_true (gtk_widget_get_mapped (nd_window_get_status_page (f->window, "no-results")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL));
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 5);

  /* Typing in the entry searches as you type */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  entry = nd_window_get_search_entry (f->window);
  g_assert_true (wait_for (entry_has_focus, entry, 2000));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Herzog");
  g_object_set_data (G_OBJECT (f->store), "wanted", GUINT_TO_POINTER (1));
  g_assert_true (wait_for (store_has_n_items, f, 5000));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static JsonNode *
parse_json_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  GtkSelectionModel *selection;

  load_samples (f);

  /* Nothing selected: every article shown */
  g_assert_true (nd_window_export_to_file (f->window, file, &error));
  g_assert_no_error (error);
  root = parse_json_file (path);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "newsdesk");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "articles")), ==, 5);
  g_clear_pointer (&root, json_node_unref);

  /* win.export: the file chooser, then a worker writes the file */
  {
    g_autofree char *action_path = g_build_filename (f->dir, "action.json", NULL);
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
    g_autofree char *last_folder = NULL;
    GtkNativeDialog *chooser;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
    pump (50);
    chooser = nd_window_get_file_chooser (f->window);
    g_assert_nonnull (chooser);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "action.json");
    pump (50);
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
    g_assert_true (wait_for (file_exists, action_path, TIMEOUT_MS));
    pump (100);
    g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "Exported 5 articles to action.json");
    last_folder = g_settings_get_string (settings, "last-export-folder");
    g_assert_cmpstr (last_folder, ==, f->dir);
    root = parse_json_file (action_path);
    object = json_node_get_object (root);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "articles")), ==, 5);
    g_clear_pointer (&root, json_node_unref);
  }

  /* Two selected: those two */
  selection = GTK_SELECTION_MODEL (gtk_list_view_get_model (nd_window_get_list_view (f->window)));
  gtk_selection_model_select_item (selection, 1, TRUE);
  gtk_selection_model_select_item (selection, 3, FALSE);
  pump (20);
  g_assert_true (nd_window_export_to_file (f->window, file, &error));
  g_assert_no_error (error);
  root = parse_json_file (path);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "articles")), ==, 2);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(NdArticle) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint position;

  load_samples (f);
  select_one (f, 2);
  id = nd_article_store_get_id (f->store, 2);
  add_tag_through_entry (f, "keep");
  g_assert_cmpint (tag_filter_count (f, "keep"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 4);
  g_assert_false (nd_article_store_find (f->store, id, &position));
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "Deleted 1 article");
  g_assert_cmpint (tag_filter_count (f, "keep"), ==, -1);

  /* The toast's Undo button activates win.undo-delete */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL));
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 5);
  g_assert_true (nd_article_store_find (f->store, id, &position));
  restored = nd_database_load_article (f->database, id, &error);
  g_assert_no_error (error);
  g_assert_true (nd_article_has_tag (restored, "keep"));
  g_assert_cmpint (tag_filter_count (f, "keep"), ==, 1);

  /* and selects what came back */
  g_assert_cmpstr (nd_article_view_get_page (nd_window_get_article_view (f->window)), ==, "article");
  g_assert_cmpint (nd_article_view_get_article_id (nd_window_get_article_view (f->window)), ==, id);

  /* Nothing left to undo */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL);
  pump (20);
  g_assert_cmpuint (n_articles (f), ==, 5);
}

static void
test_star_read (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  gint64 id;

  load_samples (f);
  select_one (f, 1);
  id = nd_article_store_get_id (f->store, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  article = nd_database_load_article_summary (f->database, id, NULL);
  g_assert_true (nd_article_get_starred (article));
  g_clear_object (&article);

  /* selecting marked it read; toggling marks it unread */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-read", NULL));
  article = nd_database_load_article_summary (f->database, id, NULL);
  g_assert_false (nd_article_get_read (article));
  g_clear_object (&article);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  article = nd_database_load_article_summary (f->database, id, NULL);
  g_assert_false (nd_article_get_starred (article));
}

static void
test_sort_saved (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *previous = NULL;

  load_samples (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sort", "s", "title"));
  pump (20);
  g_assert_cmpint (nd_article_store_get_sort (f->store), ==, ND_SORT_TITLE);
  g_assert_cmpint (g_settings_get_enum (settings, "sort-order"), ==, ND_SORT_TITLE);

  for (guint i = 0; i < n_articles (f); i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      g_autofree char *key = g_utf8_casefold (nd_article_get_title (article), -1);

      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, key), <=, 0);
      g_free (previous);
      previous = g_steal_pointer (&key);
    }

  /* A new window starts with the saved order and size */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  close_window (f);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  open_window (f);
  g_assert_cmpint (nd_article_store_get_sort (f->store), ==, ND_SORT_TITLE);
}

static void
collect_accels (GtkWidget  *widget,
                GPtrArray  *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      if (accel != NULL)
        g_ptr_array_add (accels, accel);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accels (child, accels);
}

static gboolean
same_accel (const char *a,
            const char *b)
{
  guint key_a, key_b;
  GdkModifierType mods_a, mods_b;

  return gtk_accelerator_parse (a, &key_a, &mods_a) &&
         gtk_accelerator_parse (b, &key_b, &mods_b) &&
         key_a == key_b && mods_a == mods_b;
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *action;
    const char *accel;
    gboolean    app_accel;   /* else bound on the article list */
  } expected[] = {
    { "app.quit",          "<Control>q", TRUE },
    { "app.shortcuts",     "<Control>question", TRUE },
    { "win.import",        "<Control>o", TRUE },
    { "win.import-folder", "<Control><Shift>o", TRUE },
    { "win.export",        "<Control>e", TRUE },
    { "win.search",        "<Control>f", TRUE },
    { "win.add-tag",       "<Control>t", TRUE },
    { "win.toggle-read",   "<Control>u", TRUE },
    { "win.toggle-star",   "<Control>d", TRUE },
    { "window.close",      "<Control>w", TRUE },
    { "win.delete",        "Delete", FALSE },
    { "win.select-all",    "<Control>a", FALSE },
    { "win.undo-delete",   "<Control>z", FALSE },
  };
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  GtkShortcutsWindow *overlay;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  collect_accels (GTK_WIDGET (overlay), accels);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < accels->len && !listed; j++)
        listed = same_accel (g_ptr_array_index (accels, j), expected[i].accel);
      if (!listed)
        g_error ("%s (%s) is not in the shortcuts window", expected[i].action, expected[i].accel);

      if (expected[i].app_accel)
        {
          g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     expected[i].action);

          g_assert_nonnull (set);
          g_assert_nonnull (set[0]);
          g_assert_true (same_accel (set[0], expected[i].accel));
        }
    }

  /* app.about shows the about window */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pump (50);
  {
    GtkWindow *about = NULL;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
      if (ADW_IS_ABOUT_WINDOW (l->data))
        about = l->data;
    g_assert_nonnull (about);
    g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
    g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, "https://example.com/newsdesk");
    g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
    gtk_window_destroy (about);
  }

  /* app.shortcuts shows it */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (wait_for (widget_is_mapped, overlay, 5000));
  gtk_window_close (GTK_WINDOW (overlay));
}

static const char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("ND_SCREENSHOT_DIR");

  return dir != NULL && *dir != '\0' ? dir : ".";
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  g_autofree char *path = g_build_filename (screenshot_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (screenshot_dir (), 0755);
  pump (400);
  if (!nd_window_save_screenshot (f->window, path, &error))
    g_error ("Could not save %s: %s", path, error->message);
  g_test_message ("screenshot: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static GtkWidget *
find_widget_with_class (GtkWidget  *widget,
                        const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Scrolls the detail view to its first table, for a person to look at */
static void
scroll_to_table (Fixture *f)
{
  GtkWidget *table;
  GtkWidget *scroller;
  GtkWidget *content;
  double x, y;

  table = find_widget_with_class (GTK_WIDGET (nd_window_get_article_view (f->window)), "nd-table");
  g_assert_nonnull (table);
  scroller = gtk_widget_get_ancestor (table, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_translate_coordinates (table, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            y - 120);
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  guint position;

  save_screenshot (f, "newsdesk-empty.png");

  load_samples (f);
  position = find_position_by_title_prefix (f, "Witkoff Plans Mideast Visit");
  select_one (f, position);
  add_tag_through_entry (f, "ceasefire");
  add_tag_through_entry (f, "envoys");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-star", NULL));
  gtk_widget_grab_focus (GTK_WIDGET (nd_window_get_list_view (f->window)));
  /* let the "Imported 5 articles" toast time out: it would hide the table */
  pump (5300);
  save_screenshot (f, "newsdesk-window.png");

  scroll_to_table (f);
  save_screenshot (f, "newsdesk-table.png");

  nd_window_set_search_text (f->window, "Blinken Cairo");
  save_screenshot (f, "newsdesk-search.png");

  nd_window_set_search_text (f->window, "zzyzx");
  save_screenshot (f, "newsdesk-no-results.png");

  nd_window_set_search_text (f->window, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  save_screenshot (f, "newsdesk-multi.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check () || gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 77;
    }

  app = nd_application_new ();
  /* no session bus needed, and no clash with a running NewsDesk */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* keep the application alive without windows between tests */
  g_application_hold (G_APPLICATION (app));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/empty-state", test_empty_state);
  ADD ("/ui/load-samples", test_load_samples);
  ADD ("/ui/import-folder", test_import_folder);
  ADD ("/ui/open-files", test_open_files);
  ADD ("/ui/database-error", test_database_error);
  ADD ("/ui/select", test_select_shows_article);
  ADD ("/ui/tag-persists", test_tag_persists);
  ADD ("/ui/tag-several", test_tag_several);
  ADD ("/ui/search", test_search);
  ADD ("/ui/export", test_export);
  ADD ("/ui/delete-undo", test_delete_undo);
  ADD ("/ui/star-read", test_star_read);
  ADD ("/ui/sort-saved", test_sort_saved);
  ADD ("/ui/shortcuts", test_shortcuts);
  ADD ("/ui/screenshot", test_screenshot);

#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
