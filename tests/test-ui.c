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
#include <sqlite3.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-article-view.h"
#include "nd-body-view.h"
#include "nd-entity-browser.h"
#include "nd-entity-panel.h"
#include "nd-entity-ui.h"
#include "nd-map-view.h"
#include "nd-window-private.h"
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
  gboolean        import_done;
  guint           imported;
  guint           duplicates;
  guint           failed;
  /* re-extraction when the window opens */
  gboolean        entities_updated;
  guint           n_updated;
  gboolean        update_cancelled;
  gboolean        cancel_update;      /* stop it as soon as it starts */
  GPtrArray      *progress_texts;     /* what the progress label said */
} Fixture;

/* Main loop helpers ------------------------------------------------------ */

static gboolean
import_is_done (gpointer data)
{
  Fixture *f = data;

  return f->import_done;
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

static void
on_entities_updated (NdWindow *window,
                     guint     updated,
                     gboolean  cancelled,
                     Fixture  *f)
{
  f->entities_updated = TRUE;
  f->n_updated = updated;
  f->update_cancelled = cancelled;
}

static void
on_progress_label (GtkLabel   *label,
                   GParamSpec *pspec,
                   Fixture    *f)
{
  const char *text = gtk_label_get_label (label);

  g_ptr_array_add (f->progress_texts, g_strdup (text));

  if (f->cancel_update && g_str_has_prefix (text, "Updating entities…"))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (label), "win.cancel-update-entities", NULL));
}

/* Fixture ---------------------------------------------------------------- */

/* A window on the desk, not shown yet */
static void
create_window (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->database = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->database);

  f->store = nd_article_store_new (f->database);
  f->window = nd_window_new (app, f->store);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
  g_signal_connect (f->window, "entities-updated", G_CALLBACK (on_entities_updated), f);
  f->entities_updated = FALSE;
  if (f->progress_texts == NULL)
    f->progress_texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (f->progress_texts, 0);
  g_signal_connect (nd_window_get_progress_label (f->window), "notify::label",
                    G_CALLBACK (on_progress_label), f);
}

static void
show_window (Fixture *f)
{
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_true (wait_for (widget_is_mapped, f->window, TIMEOUT_MS));
  pump (50);
}

static void
open_window (Fixture *f)
{
  create_window (f);
  show_window (f);
}

/* Closes the window and checks that nothing keeps the window, the store
 * or the database alive */
static void
close_window (Fixture *f)
{
  if (f->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->window, f);
      g_signal_handlers_disconnect_by_data (nd_window_get_progress_label (f->window), f);
    }
  destroy_window_checked (GTK_WINDOW (f->window), &f->store, &f->database);
  f->window = NULL;
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
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_window (f);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_clear_pointer (&f->progress_texts, g_ptr_array_unref);
}

static void
load_samples (Fixture *f)
{
  f->import_done = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-samples", NULL));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (50);
}

/* Writes `contents` to `path` and imports it through the window */
static void
import_text_file (Fixture    *f,
                  const char *path,
                  const char *contents)
{
  const char *paths[] = { path, NULL };

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  f->import_done = FALSE;
  nd_window_import_paths (f->window, paths);
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (30);
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
  g_autofree char *tagged = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "import", "newsdesk-v1.json", NULL);
  const char *paths[] = { NULL, NULL, NULL, NULL };
  const char * const *errors;
  GListModel *tag_items;
  gboolean listed = FALSE;

  if (samples == NULL)
    {
      g_test_skip ("ND_SAMPLES_DIR is not set");
      return;
    }

  g_assert_true (g_file_set_contents (bad, "\x00\x01\x02\x03\xff\xfe\x00", 7, NULL));
  paths[0] = samples;
  paths[1] = bad;
  paths[2] = tagged;

  f->import_done = FALSE;
  nd_window_import_paths (f->window, paths);
  g_assert_true (nd_window_get_importing (f->window));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (30);

  g_assert_false (nd_window_get_importing (f->window));
  g_assert_cmpuint (f->imported, ==, 7);
  g_assert_cmpuint (f->failed, ==, 1);
  g_assert_cmpuint (n_articles (f), ==, 7);
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, 7);

  /* the tags the NewsDesk document brought are in the tag filter */
  tag_items = gtk_drop_down_get_model (nd_window_get_tag_dropdown (f->window));
  for (guint i = 0; i < g_list_model_get_n_items (tag_items); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (tag_items, i);

      listed |= g_strcmp0 (gtk_string_object_get_string (item), "geneva talks") == 0;
    }
  g_assert_true (listed);

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

static gboolean
nd_window_exists (gpointer data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ND_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A desk from an earlier NewsDesk (schema 5) is updated in a thread
 * behind a window that says so; then the desk's window opens with every
 * old article, and a file given meanwhile is imported into it */
static void
test_older_desk (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *old_db = g_build_filename (f->dir, "older.db", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "desk-v5.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *updating = NULL;
  GtkWidget *page;
  NdWindow *window = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  int old_articles = 0;
  g_autoptr(GDir) samples = g_dir_open (g_getenv ("ND_SAMPLES_DIR"), 0, NULL);

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (old_db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM articles", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  old_articles = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  g_assert_cmpint (old_articles, >, 0);
  g_assert_cmpint (nd_database_peek_schema_version (old_db), ==, 5);

  close_window (f);
  nd_application_set_database_path (app, old_db);
  g_assert_nonnull (samples);
  sample = g_build_filename (g_getenv ("ND_SAMPLES_DIR"), g_dir_read_name (samples), NULL);
  file = g_file_new_for_path (sample);
  g_application_open (G_APPLICATION (app), &file, 1, "");

  /* at once: the window that says the desk is being updated */
  g_assert_false (nd_window_exists (NULL));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    updating = l->data;
  g_assert_nonnull (updating);
  page = find_status_page (GTK_WIDGET (updating));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "Updating Your Desk…");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "older.db"));
  g_object_add_weak_pointer (G_OBJECT (updating), (gpointer *) &updating);

  /* then the desk, up to date, in its own window */
  g_assert_true (wait_for (nd_window_exists, NULL, TIMEOUT_MS));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ND_IS_WINDOW (l->data))
      window = l->data;
  g_assert_true (wait_for (object_is_gone, &updating, 5000));
  nd_application_set_database_path (app, NULL);

  f->window = window;
  f->store = g_object_ref (nd_window_get_store (window));
  f->database = g_object_ref (nd_article_store_get_database (f->store));
  g_assert_cmpstr (nd_database_get_path (f->database), ==, old_db);
  g_assert_cmpint (nd_database_get_schema_version (f->database), ==, ND_DATABASE_SCHEMA_VERSION);
  g_signal_connect (window, "import-finished", G_CALLBACK (on_import_finished), f);
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  g_assert_cmpuint (f->imported, ==, 1);
  g_assert_cmpuint (n_articles (f), ==, (guint) old_articles + 1);
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

/* The window's toast is no longer the one it showed before (the
 * export's worker reports on the main loop after the file is renamed) */
static gboolean
toast_changed (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (nd_window_get_last_toast (f->window), g_object_get_data (G_OBJECT (f->window), "nd-test-toast")) != 0;
}

/* The chooser's file is in the folder the test asked for */
static gboolean
chooser_is_in_folder (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;
  GFile *wanted = g_object_get_data (G_OBJECT (data), "nd-test-folder");

  return parent != NULL && wanted != NULL && g_file_equal (parent, wanted);
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
    g_object_set_data_full (G_OBJECT (chooser), "nd-test-folder", g_object_ref (folder), g_object_unref);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "action.json");
    /* The chooser changes folder asynchronously: answer once it is there,
     * as a person would */
    g_assert_true (wait_for (chooser_is_in_folder, chooser, TIMEOUT_MS));
    g_object_set_data_full (G_OBJECT (f->window), "nd-test-toast",
                            g_strdup (nd_window_get_last_toast (f->window)), g_free);
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
    g_assert_true (wait_for (file_exists, action_path, TIMEOUT_MS));
    g_assert_true (wait_for (toast_changed, f, TIMEOUT_MS));
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
    { "win.show-entity-browser", "<Control><Shift>e", TRUE },
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

static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (transition_running (child))
        return TRUE;
    }

  return FALSE;
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  g_autofree char *path = g_build_filename (screenshot_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (screenshot_dir (), 0755);
  pump (400);
  /* a busy machine draws fewer frames: a crossfade may still be going */
  for (guint i = 0; i < 60 && transition_running (GTK_WIDGET (f->window)); i++)
    pump (50);
  /* the window's last frame is what is saved: when a redraw is still
   * pending (a slow frame), there is none yet; wait for it */
  for (guint i = 0; !nd_window_save_screenshot (f->window, path, &error); i++)
    {
      if (i == 40)
        g_error ("Could not save %s: %s", path, error->message);
      g_clear_error (&error);
      pump (50);
    }
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

/* Entities --------------------------------------------------------------- */

#define WITKOFF_TITLE "Witkoff Plans Mideast Visit"

static NdEntityPanel *
entity_panel (Fixture *f)
{
  return ND_ENTITY_PANEL (nd_article_view_get_entity_panel (nd_window_get_article_view (f->window)));
}

static NdBodyView *
body_view (Fixture *f)
{
  return ND_BODY_VIEW (nd_article_view_get_body_view (nd_window_get_article_view (f->window)));
}

/* Selects the article with the timeline (000) and returns its id */
static gint64
select_witkoff (Fixture *f)
{
  guint position = find_position_by_title_prefix (f, WITKOFF_TITLE);

  select_one (f, position);
  g_assert_true (g_str_has_prefix (nd_window_get_detail_title (f->window), WITKOFF_TITLE));

  return nd_article_store_get_id (f->store, position);
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* Whether a visible label inside the widget says exactly `text` */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_texts (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static NdEntity *
find_entity (GPtrArray    *entities,
             NdEntityKind  kind,
             const char   *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (entity) == kind && g_strcmp0 (nd_entity_get_name (entity), name) == 0)
        return entity;
    }

  return NULL;
}

static NdArticle *
load_article (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  NdArticle *article = nd_database_load_article (f->database, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

static guint
count_query (Fixture    *f,
             const char *entity)
{
  NdQuery query = { .entity = entity, .sort = ND_SORT_DATE_DESC };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = nd_database_query_ids (f->database, &query, &error);

  g_assert_no_error (error);
  return ids->len;
}

/* The row of an entity shows its name and the number of its mentions */
static void
assert_entity_row (Fixture    *f,
                   GPtrArray  *entities,
                   NdEntityKind kind,
                   const char *name)
{
  NdEntity *entity = find_entity (entities, kind, name);
  GtkWidget *row;
  g_autofree char *count = NULL;

  if (entity == NULL)
    g_error ("The extractor found no %s “%s” in the article", nd_entity_kind_to_string (kind), name);

  row = nd_entity_panel_find_row (entity_panel (f), kind, name);
  if (row == NULL)
    g_error ("The entity panel has no row for %s", name);

  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (shows_text (row, name));
  count = g_strdup_printf ("%u", nd_entity_get_n_mentions (entity));
  g_assert_true (shows_text (row, count));
}

static void
test_entity_panel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  NdEntityPanel *panel;
  GPtrArray *entities;
  GtkWidget *row;
  guint expected;
  gint64 id;

  load_samples (f);
  id = select_witkoff (f);
  article = load_article (f, id);
  entities = nd_article_get_entities (article);

  panel = entity_panel (f);
  g_assert_true (nd_article_view_get_entity_panel_shown (nd_window_get_article_view (f->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpint (nd_entity_panel_get_article_id (panel), ==, id);

  /* One row per entity, in the section of its kind */
  for (NdEntityKind kind = ND_ENTITY_PERSON; kind <= ND_ENTITY_DATE; kind++)
    {
      guint n = 0;

      for (guint i = 0; i < entities->len; i++)
        if (nd_entity_get_kind (g_ptr_array_index (entities, i)) == kind)
          n++;
      g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, kind), ==, n);
    }
  g_assert_true (shows_text (GTK_WIDGET (panel), "People"));
  g_assert_true (shows_text (GTK_WIDGET (panel), "Places"));
  g_assert_true (shows_text (GTK_WIDGET (panel), "Organisations"));

  assert_entity_row (f, entities, ND_ENTITY_PERSON, "Mitch Witkoff");
  assert_entity_row (f, entities, ND_ENTITY_PLACE, "Tel Aviv");
  assert_entity_row (f, entities, ND_ENTITY_PLACE, "Cairo");
  assert_entity_row (f, entities, ND_ENTITY_ORGANIZATION, "State Department");

  /* The subtitles: the role of a person, the country and coordinates of
   * a place */
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PERSON, "Mitch Witkoff");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   nd_entity_get_role (find_entity (entities, ND_ENTITY_PERSON, "Mitch Witkoff")));
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Egypt · 30.06°\u00a0N,\u00a031.2"));

  /* The most mentioned person comes first */
  row = nd_entity_panel_get_row (panel, ND_ENTITY_PERSON, 0);
  g_assert_cmpstr (nd_entity_get_name (nd_entity_panel_row_get_entity (row)), ==, "Mitch Witkoff");

  /* Activating Cairo lists every article that mentions it */
  expected = count_query (f, "Cairo");
  g_assert_cmpuint (expected, >, 1);
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo");
  gtk_widget_activate (row);
  pump (50);
  g_assert_cmpstr (nd_article_store_get_entity (f->store), ==, "Cairo");
  g_assert_cmpuint (n_articles (f), ==, expected);
  g_assert_cmpuint (nd_window_get_n_list_rows (f->window), ==, expected);
  g_assert_cmpstr (nd_window_get_entity_filter_text (f->window), ==, "Mentioning Cairo");
  /* the article shown mentions it: it stays */
  g_assert_cmpint (nd_article_view_get_article_id (nd_window_get_article_view (f->window)), ==, id);

  /* The button of the filter bar clears it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-entity-filter", NULL));
  pump (50);
  g_assert_null (nd_article_store_get_entity (f->store));
  g_assert_cmpuint (n_articles (f), ==, 5);
  g_assert_null (nd_window_get_entity_filter_text (f->window));

  /* The row's menu filters the same way (a person now) */
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PERSON, "Mitch Witkoff");
  g_assert_true (gtk_widget_activate_action (row, "entity.show-articles", NULL));
  pump (50);
  g_assert_cmpuint (n_articles (f), ==, count_query (f, "Mitch Witkoff"));
  g_assert_cmpstr (nd_window_get_entity_filter_text (f->window), ==, "Mentioning Mitch Witkoff");

  /* Show All Articles clears every filter */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-filters", NULL));
  pump (50);
  g_assert_cmpuint (n_articles (f), ==, 5);
}

static gboolean
attrs_cover (PangoAttrList  *attrs,
             PangoAttrType   type,
             int             start,
             int             end,
             const GdkRGBA  *color)
{
  g_autoptr(GSList) list = NULL;
  gboolean found = FALSE;

  if (attrs == NULL)
    return FALSE;

  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (!found && attr->klass->type == type &&
          (int) attr->start_index <= start && (int) attr->end_index >= end)
        {
          found = TRUE;
          if (color != NULL)
            {
              PangoColor *pc = &((PangoAttrColor *) attr)->color;

              found = ABS (pc->red / 65535.0 - color->red) < 0.01 &&
                      ABS (pc->green / 65535.0 - color->green) < 0.01 &&
                      ABS (pc->blue / 65535.0 - color->blue) < 0.01;
            }
        }
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);

  return found;
}

/* What the tooltip says with the pointer over a mention */
static char *
tooltip_at_mention (Fixture         *f,
                    const NdMention *mention)
{
  g_autofree char *text = NULL;
  PangoRectangle rect;
  GtkLabel *label;
  int index, end;
  int lx, ly;

  /* the first character: a mention may wrap over two lines */
  label = nd_body_view_get_label_at (body_view (f), mention->start, &index);
  g_assert_nonnull (label);
  g_assert_nonnull (nd_body_view_get_label_at (body_view (f), mention->end - 1, &end));
  g_assert_cmpint (end, >=, index);

  pango_layout_index_to_pos (gtk_label_get_layout (label), index, &rect);
  gtk_label_get_layout_offsets (label, &lx, &ly);

  return nd_body_view_query_mention (body_view (f), label,
                                     lx + (rect.x + rect.width / 2.0) / PANGO_SCALE,
                                     ly + (rect.y + rect.height / 2.0) / PANGO_SCALE);
}

static void
test_entity_highlights (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  GPtrArray *entities;
  guint n_mentions = 0;
  gint64 id;

  load_samples (f);
  id = select_witkoff (f);
  article = load_article (f, id);
  entities = nd_article_get_entities (article);

  /* Every mention is highlighted in the colour of its kind, where it is:
   * paragraphs, headings, list items (after the "- ") and table cells */
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);
      GdkRGBA color;

      nd_entity_ui_kind_color (nd_entity_get_kind (entity), FALSE, &color);

      for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
        {
          const NdMention *mention = nd_entity_get_mention (entity, m);
          GtkLabel *label;
          int start, last;
          const char *text;

          label = nd_body_view_get_label_at (body_view (f), mention->start, &start);
          if (label == NULL)
            g_error ("No label shows “%s” at %u", mention->text, mention->start);
          g_assert_true (nd_body_view_get_label_at (body_view (f), mention->end - 1, &last) == label);

          /* the label shows the mention's text there */
          text = gtk_label_get_text (label);
          g_assert_true (strncmp (text + start, mention->text, strlen (mention->text)) == 0);

          g_assert_true (attrs_cover (gtk_label_get_attributes (label), PANGO_ATTR_BACKGROUND,
                                      start, start + (int) strlen (mention->text), &color));
          g_assert_true (attrs_cover (gtk_label_get_attributes (label), PANGO_ATTR_UNDERLINE_COLOR,
                                      start, start + (int) strlen (mention->text), &color));
          g_assert_true (attrs_cover (gtk_label_get_attributes (label), PANGO_ATTR_UNDERLINE,
                                      start, start + (int) strlen (mention->text), NULL));
          g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (label)));
          n_mentions++;
        }
    }
  g_assert_cmpuint (n_mentions, >, 20);
  g_assert_cmpuint (nd_body_view_count_highlights (body_view (f)), ==, n_mentions);

  /* The kinds have different colours */
  {
    GdkRGBA person, place;

    nd_entity_ui_kind_color (ND_ENTITY_PERSON, FALSE, &person);
    nd_entity_ui_kind_color (ND_ENTITY_PLACE, FALSE, &place);
    g_assert_false (gdk_rgba_equal (&person, &place));
  }

  /* The tooltip says the kind, the name and the detail */
  {
    NdEntity *witkoff = find_entity (entities, ND_ENTITY_PERSON, "Mitch Witkoff");
    NdEntity *cairo = find_entity (entities, ND_ENTITY_PLACE, "Cairo");
    g_autofree char *tip = NULL;
    g_autofree char *expected = NULL;
    guint m;

    g_assert_nonnull (witkoff);
    g_assert_nonnull (cairo);

    /* a short mention, "Witkoff", gives the full name */
    for (m = 0; m < nd_entity_get_n_mentions (witkoff); m++)
      if (g_strcmp0 (nd_entity_get_mention (witkoff, m)->text, "Witkoff") == 0)
        break;
    g_assert_cmpuint (m, <, nd_entity_get_n_mentions (witkoff));
    tip = tooltip_at_mention (f, nd_entity_get_mention (witkoff, m));
    g_assert_nonnull (tip);
    g_assert_true (g_str_has_prefix (tip, "Person: Mitch Witkoff"));
    g_assert_nonnull (strstr (tip, "“Witkoff”"));
    if (nd_entity_get_role (witkoff) != NULL)
      g_assert_nonnull (strstr (tip, nd_entity_get_role (witkoff)));
    g_clear_pointer (&tip, g_free);

    /* Cairo is in a table cell */
    tip = tooltip_at_mention (f, nd_entity_get_mention (cairo, 0));
    g_assert_nonnull (tip);
    expected = g_strdup_printf ("Place: Cairo\nEgypt · 30.06°\u00a0N,\u00a031.25°\u00a0E");
    g_assert_cmpstr (tip, ==, expected);
    g_clear_pointer (&tip, g_free);

    /* and nothing between the mentions */
    {
      GtkLabel *label = nd_body_view_get_label_at (body_view (f), 0, NULL);
      int lx, ly;

      g_assert_nonnull (label);
      gtk_label_get_layout_offsets (label, &lx, &ly);
      /* "In a renewed effort": no entity there */
      tip = nd_body_view_query_mention (body_view (f), label, lx + 3, ly + 3);
      g_assert_null (tip);
    }
  }
}

/* A place of the article, the least mentioned first, other than Cairo
 * and `except` (what the extractor finds may change; these do not) */
static char *
pick_place (NdEntityPanel *panel,
            const char    *except)
{
  for (guint i = nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE); i > 0; i--)
    {
      GtkWidget *row = nd_entity_panel_get_row (panel, ND_ENTITY_PLACE, i - 1);
      const char *name = nd_entity_get_name (nd_entity_panel_row_get_entity (row));

      if (g_strcmp0 (name, "Cairo") != 0 && g_strcmp0 (name, except) != 0)
        return g_strdup (name);
    }

  g_assert_not_reached ();
}

static void
test_entity_correction (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *tooltip = NULL;
  NdEntityPanel *panel;
  NdEntity *entity;
  GtkWidget *row;
  guint n_places;
  guint n_orgs;
  guint position;
  guint offset;
  gint64 id;

  load_samples (f);
  id = select_witkoff (f);
  panel = entity_panel (f);

  /* Remove a wrong entity, through the row's menu action */
  removed = pick_place (panel, NULL);
  n_places = nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE);
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, removed);
  offset = nd_entity_get_mention (nd_entity_panel_row_get_entity (row), 0)->start;
  g_assert_nonnull (nd_body_view_get_label_at (body_view (f), offset, NULL));
  g_assert_true (gtk_widget_activate_action (row, "entity.remove", NULL));
  pump (50);
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, removed));
  g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE), ==, n_places - 1);
  toast = g_strdup_printf ("Removed “%s” from this article", removed);
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, toast);
  article = load_article (f, id);
  g_assert_null (find_entity (nd_article_get_entities (article), ND_ENTITY_PLACE, removed));
  g_clear_object (&article);
  /* and its highlight goes */
  {
    GtkLabel *label = nd_body_view_get_label_at (body_view (f), offset, NULL);
    PangoRectangle rect;
    int index, lx, ly;
    char *tip;

    nd_body_view_get_label_at (body_view (f), offset, &index);
    pango_layout_index_to_pos (gtk_label_get_layout (label), index, &rect);
    gtk_label_get_layout_offsets (label, &lx, &ly);
    tip = nd_body_view_query_mention (body_view (f), label,
                                      lx + (rect.x + rect.width / 2.0) / PANGO_SCALE,
                                      ly + (rect.y + rect.height / 2.0) / PANGO_SCALE);
    g_assert_null (tip);
  }

  /* A wrong kind: the row moves to the other section, and the highlight
   * and tooltip follow */
  moved = pick_place (panel, removed);
  n_places = nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE);
  n_orgs = nd_entity_panel_get_n_rows (panel, ND_ENTITY_ORGANIZATION);
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, moved);
  g_assert_nonnull (row);
  offset = nd_entity_get_mention (nd_entity_panel_row_get_entity (row), 0)->start;
  g_assert_true (gtk_widget_activate_action (row, "entity.set-kind", "s", "organization"));
  pump (50);
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, moved));
  row = nd_entity_panel_find_row (panel, ND_ENTITY_ORGANIZATION, moved);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (shows_text (row, moved));
  g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE), ==, n_places - 1);
  g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, ND_ENTITY_ORGANIZATION), ==, n_orgs + 1);
  entity = nd_entity_panel_row_get_entity (row);
  g_assert_cmpuint (nd_entity_get_mention (entity, 0)->start, ==, offset);
  tooltip = tooltip_at_mention (f, nd_entity_get_mention (entity, 0));
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Organisation: "));
  g_assert_nonnull (strstr (tooltip, moved));

  /* Both survive closing and opening the desk */
  close_window (f);
  open_window (f);
  g_assert_true (nd_article_store_find (f->store, id, &position));
  select_one (f, position);
  panel = entity_panel (f);
  g_assert_cmpint (nd_entity_panel_get_article_id (panel), ==, id);
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, removed));
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, moved));
  g_assert_nonnull (nd_entity_panel_find_row (panel, ND_ENTITY_ORGANIZATION, moved));
  g_assert_nonnull (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo"));
  g_assert_nonnull (nd_entity_panel_find_row (panel, ND_ENTITY_PERSON, "Mitch Witkoff"));

  /* Ctrl+Z (win.undo-delete) takes the last correction back, as the
   * toast's Undo button would */
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo");
  g_assert_true (gtk_widget_activate_action (row, "entity.remove", NULL));
  pump (100);
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-delete", NULL));
  pump (100);
  panel = entity_panel (f);
  g_assert_nonnull (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo"));
  g_clear_object (&article);
  article = load_article (f, id);
  g_assert_nonnull (find_entity (nd_article_get_entities (article), ND_ENTITY_PLACE, "Cairo"));
}

static GtkWidget *
find_check_for_title (GtkWidget  *widget,
                      const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_for_title (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_entity_choose_place (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(NdArticle) article = NULL;
  NdEntityPanel *panel;
  NdEntity *cairo;
  GtkWidget *dialog;
  GtkWidget *egypt;
  GtkWidget *georgia;
  GtkWidget *row;
  double lat, lon;
  gint64 id;

  load_samples (f);
  id = select_witkoff (f);
  panel = entity_panel (f);

  /* Only places can be moved to another place */
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PERSON, "Mitch Witkoff");
  gtk_widget_activate_action (row, "entity.choose-place", NULL);
  pump (20);
  g_assert_null (nd_entity_panel_get_place_chooser (panel));

  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo");
  g_assert_true (gtk_widget_activate_action (row, "entity.choose-place", NULL));
  pump (50);
  dialog = nd_entity_panel_get_place_chooser (panel);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_mapped (dialog));

  /* The gazetteer's candidates, the one the extractor chose checked */
  egypt = find_check_for_title (dialog, "Cairo — Egypt");
  georgia = find_check_for_title (dialog, "Cairo — United States (GA)");
  g_assert_nonnull (egypt);
  g_assert_nonnull (georgia);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (egypt)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (georgia)));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (georgia), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (egypt)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  pump (50);
  g_assert_null (nd_entity_panel_get_place_chooser (panel));

  /* The desk knows one place per name: this one gets a name of its own,
   * the other articles keep Cairo, Egypt */
  g_assert_null (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo"));
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo (GA, United States)");
  g_assert_nonnull (row);
  g_assert_true (shows_text (row, "Cairo (GA, United States)"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "United States · 30.88°\u00a0N,\u00a084.20°\u00a0W"));
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "“Cairo” in this article is now Cairo — United States (GA)");

  article = load_article (f, id);
  cairo = find_entity (nd_article_get_entities (article), ND_ENTITY_PLACE, "Cairo (GA, United States)");
  g_assert_nonnull (cairo);
  g_assert_cmpstr (nd_entity_get_country (cairo), ==, "US");
  g_assert_cmpstr (nd_entity_get_mention (cairo, 0)->text, ==, "Cairo");
  nd_entity_get_coordinates (cairo, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 30.8775, 0.01);
  g_assert_cmpfloat_with_epsilon (lon, -84.2021, 0.01);
  /* still found by the text of the mention */
  g_assert_cmpuint (count_query (f, "Cairo"), ==, 3);

  /* Cancel changes nothing */
  g_assert_true (gtk_widget_activate_action (row, "entity.choose-place", NULL));
  pump (50);
  dialog = nd_entity_panel_get_place_chooser (panel);
  g_assert_nonnull (dialog);
  georgia = find_check_for_title (dialog, "Cairo — United States (GA)");
  g_assert_nonnull (georgia);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (georgia)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  pump (50);
  g_assert_nonnull (nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo (GA, United States)"));

  /* Back to Cairo, Egypt: the same entity as in the other articles */
  g_assert_true (gtk_widget_activate_action (row, "entity.choose-place", NULL));
  pump (50);
  dialog = nd_entity_panel_get_place_chooser (panel);
  egypt = find_check_for_title (dialog, "Cairo — Egypt");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (egypt), TRUE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  pump (50);
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, "Cairo");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Egypt · 30.06°\u00a0N"));
}

static gboolean
browser_counts_cairo (gpointer data)
{
  NdEntityBrowser *browser = data;
  GtkWidget *row = nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo");

  return row != NULL &&
         nd_entity_browser_row_get_n_articles (row) == GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (browser), "wanted"));
}

static void
test_entity_browser (Fixture       *f,
                     gconstpointer  data)
{
  NdEntityBrowser *browser;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GError) error = NULL;
  NdEntityCount *top;
  GtkWidget *row;
  g_autofree char *count = NULL;
  guint position;

  load_samples (f);
  browser = ND_ENTITY_BROWSER (nd_window_get_entity_browser (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (browser)));

  /* win.show-entity-browser (Ctrl+Shift+E) shows it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entity-browser", NULL));
  g_assert_true (wait_for (widget_is_mapped, browser, 5000));
  pump (50);

  /* The top people, places and organisations, with article counts */
  places = nd_database_list_entities (f->database, ND_ENTITY_PLACE, ND_ENTITY_BROWSER_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, >, 5);
  g_assert_cmpuint (nd_entity_browser_get_n_rows (browser, ND_ENTITY_PLACE), ==, places->len);
  g_assert_cmpuint (nd_entity_browser_get_n_rows (browser, ND_ENTITY_PERSON), >, 0);
  g_assert_cmpuint (nd_entity_browser_get_n_rows (browser, ND_ENTITY_ORGANIZATION), >, 0);
  g_assert_cmpuint (nd_entity_browser_get_n_rows (browser, ND_ENTITY_PERSON), <=, ND_ENTITY_BROWSER_LIMIT);

  nd_entity_browser_set_kind (browser, ND_ENTITY_PLACE);
  pump (50);
  top = g_ptr_array_index (places, 0);
  row = nd_entity_browser_get_row (browser, ND_ENTITY_PLACE, 0);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (shows_text (row, nd_entity_get_name (top->entity)));
  count = g_strdup_printf ("%u", top->n_articles);
  g_assert_true (shows_text (row, count));

  /* Cairo: in three articles */
  row = nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo");
  g_assert_nonnull (row);
  g_clear_pointer (&count, g_free);
  count = g_strdup_printf ("%u", count_query (f, "Cairo"));
  g_assert_true (shows_text (row, "Cairo"));
  g_assert_true (shows_text (row, count));
  g_assert_cmpuint (nd_entity_browser_row_get_n_articles (row), ==, count_query (f, "Cairo"));

  /* Activating a row filters the list the same way */
  gtk_widget_activate (row);
  pump (50);
  g_assert_cmpuint (n_articles (f), ==, count_query (f, "Cairo"));
  g_assert_cmpstr (nd_window_get_entity_filter_text (f->window), ==, "Mentioning Cairo");
  g_assert_true (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo"))));

  /* It follows the desk: a deleted article lowers the counts */
  g_assert_true (nd_article_store_find (f->store, nd_article_store_get_id (f->store, 0), &position));
  select_one (f, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete", NULL));
  g_object_set_data (G_OBJECT (browser), "wanted", GUINT_TO_POINTER (count_query (f, "Cairo")));
  g_assert_true (wait_for (browser_counts_cairo, browser, 5000));
  row = nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo");
  g_assert_nonnull (row);
  g_assert_cmpuint (nd_entity_browser_row_get_n_articles (row), ==, count_query (f, "Cairo"));
  g_assert_cmpuint (n_articles (f), ==, count_query (f, "Cairo"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-entity-filter", NULL));
  pump (50);
  g_assert_cmpuint (n_articles (f), ==, 4);
  g_assert_false (gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));

  /* and hides again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entity-browser", NULL));
  pump (20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (browser)));
}

static void
make_desk_stale (Fixture *f)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "UPDATE articles SET extractor_version = 0", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot make the desk stale: %s", message);
  sqlite3_close (db);
}

static gboolean
entities_are_updated (gpointer data)
{
  Fixture *f = data;

  return f->entities_updated;
}

static gboolean
entities_are_checked (gpointer data)
{
  return nd_window_get_entities_checked (data);
}

static gboolean
progress_said (Fixture    *f,
               const char *text)
{
  for (guint i = 0; i < f->progress_texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (f->progress_texts, i), text) == 0)
      return TRUE;

  return FALSE;
}

static void
test_reextract (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *removed = NULL;
  GtkWidget *row;
  guint position;
  gint64 id;

  load_samples (f);
  g_assert_false (f->entities_updated);   /* a new desk is up to date */
  g_assert_cmpuint (nd_reextractor_count_stale (f->database), ==, 0);

  /* A correction made before */
  id = select_witkoff (f);
  removed = pick_place (entity_panel (f), NULL);
  row = nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PLACE, removed);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "entity.remove", NULL));
  pump (50);
  g_assert_null (nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PLACE, removed));

  /* A desk made by an older extractor */
  close_window (f);
  make_desk_stale (f);

  /* Stopped as soon as it starts: nothing done, the desk still stale */
  f->cancel_update = TRUE;
  open_window (f);
  g_assert_true (wait_for (entities_are_updated, f, TIMEOUT_MS));
  f->cancel_update = FALSE;
  g_assert_true (f->update_cancelled);
  g_assert_cmpuint (f->n_updated, ==, 0);
  g_assert_true (progress_said (f, "Updating entities… 0 of 5"));
  g_assert_false (nd_window_get_updating_entities (f->window));
  g_assert_cmpuint (nd_reextractor_count_stale (f->database), ==, 5);
  close_window (f);

  /* Opened again: it runs to the end, with progress in the window */
  open_window (f);
  g_assert_true (wait_for (entities_are_updated, f, TIMEOUT_MS));
  g_assert_false (f->update_cancelled);
  g_assert_cmpuint (f->n_updated, ==, 5);
  g_assert_true (progress_said (f, "Updating entities… 0 of 5"));
  g_assert_false (nd_window_get_updating_entities (f->window));
  pump (300);
  g_assert_false (nd_window_get_progress_shown (f->window));
  g_assert_cmpuint (nd_reextractor_count_stale (f->database), ==, 0);
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, "Updated the entities of 5 articles");
  g_assert_cmpuint (n_articles (f), ==, 5);

  /* the correction survived; the rest is back */
  g_assert_true (nd_article_store_find (f->store, id, &position));
  select_one (f, position);
  g_assert_null (nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PLACE, removed));
  g_assert_nonnull (nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PLACE, "Cairo"));
  g_assert_nonnull (nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PERSON, "Mitch Witkoff"));

  /* and the next start has nothing to do */
  close_window (f);
  open_window (f);
  g_assert_true (wait_for (entities_are_checked, f->window, TIMEOUT_MS));
  pump (50);
  g_assert_false (f->entities_updated);
  g_assert_false (nd_window_get_updating_entities (f->window));
  g_assert_false (nd_window_get_progress_shown (f->window));
}

static gboolean
narrow_layout_done (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->window)) < 1000 &&
         gtk_widget_get_width (GTK_WIDGET (body_view (f))) >= 300;
}

static void
test_entity_screenshots (Fixture       *f,
                         gconstpointer  data)
{
  NdEntityBrowser *browser;
  GtkWidget *row;

  load_samples (f);
  select_witkoff (f);
  gtk_widget_grab_focus (GTK_WIDGET (nd_window_get_list_view (f->window)));
  /* let the "Imported 5 articles" toast time out */
  pump (5300);
  save_screenshot (f, "newsdesk-entities.png");

  scroll_to_table (f);
  save_screenshot (f, "newsdesk-entities-table.png");

  /* The dark style: lighter colours, readable on a dark background */
  {
    AdwStyleManager *manager = adw_style_manager_get_default ();
    g_autoptr(NdArticle) article = load_article (f, nd_article_view_get_article_id (nd_window_get_article_view (f->window)));
    NdEntity *cairo = find_entity (nd_article_get_entities (article), ND_ENTITY_PLACE, "Cairo");
    const NdMention *mention = nd_entity_get_mention (cairo, 0);
    GtkLabel *label;
    GdkRGBA dark;
    int start;

    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
    pump (100);
    g_assert_true (adw_style_manager_get_dark (manager));
    nd_entity_ui_kind_color (ND_ENTITY_PLACE, TRUE, &dark);
    label = nd_body_view_get_label_at (body_view (f), mention->start, &start);
    g_assert_true (attrs_cover (gtk_label_get_attributes (label), PANGO_ATTR_UNDERLINE_COLOR,
                                start, start + (int) strlen (mention->text), &dark));
    save_screenshot (f, "newsdesk-entities-dark.png");
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
    pump (100);
  }

  browser = ND_ENTITY_BROWSER (nd_window_get_entity_browser (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entity-browser", NULL));
  g_assert_true (wait_for (widget_is_mapped, browser, 5000));
  nd_entity_browser_set_kind (browser, ND_ENTITY_PLACE);
  pump (50);
  row = nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  pump (50);
  save_screenshot (f, "newsdesk-entity-browser.png");

  /* The narrowest window: the panel does not squeeze the text */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 600);
  /* a loaded machine may take a while to lay the narrow window out */
  wait_for (narrow_layout_done, f, 5000);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <, 1000);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (body_view (f))), >=, 300);
  save_screenshot (f, "newsdesk-entities-narrow.png");
}

/* Trips ------------------------------------------------------------------ */

static NdMapPanel *
map_panel (Fixture *f)
{
  return ND_MAP_PANEL (nd_article_view_get_map_panel (nd_window_get_article_view (f->window)));
}

/* The first label of a row of the stop list: "Cairo · Day 3" */
static const char *
stop_row_title (GtkListBoxRow *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  while (label != NULL && !GTK_IS_LABEL (label))
    {
      GtkWidget *child = gtk_widget_get_first_child (label);

      /* skip the marker */
      while (child != NULL && GTK_IS_DRAWING_AREA (child))
        child = gtk_widget_get_next_sibling (child);
      label = child;
    }

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_trips (Fixture       *f,
            gconstpointer  data)
{
  static const char *places[] = { "Tel Aviv", "Ramallah", "Cairo", "Amman" };
  NdArticleView *view;
  NdMapPanel *panel;
  NdMapView *map;
  GtkListBox *list;
  g_autofree char *revealed = NULL;
  guint start = 0, end = 0;
  guint position;

  load_samples (f);
  view = nd_window_get_article_view (f->window);
  panel = map_panel (f);
  map = nd_map_panel_get_map_view (panel);
  list = nd_map_panel_get_list (panel);

  select_witkoff (f);
  g_assert_true (nd_article_view_has_trips (view));
  g_assert_true (nd_article_view_show_trips (view));
  g_assert_true (wait_for (widget_is_mapped, panel, 5000));
  g_assert_true (nd_article_view_get_trips_shown (view));

  /* four stops, numbered in order, on the map and in the list */
  g_assert_cmpuint (nd_map_view_get_n_stops (map), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const NdMapStop *stop = nd_map_view_get_stop (map, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) i);
      const char *title;

      g_assert_nonnull (stop);
      g_assert_cmpuint (stop->number, ==, i + 1);
      g_assert_true (stop->ordered);
      g_assert_cmpstr (stop->place, ==, places[i]);
      g_assert_true (g_str_has_prefix (stop->article, WITKOFF_TITLE));

      g_assert_nonnull (row);
      title = stop_row_title (row);
      g_assert_nonnull (title);
      g_assert_true (g_str_has_prefix (title, places[i]));
    }
  g_assert_null (gtk_list_box_get_row_at_index (list, 4));

  /* the button that fits the map to the stops says what it does */
  {
    GtkWidget *fit = find_button_with_tooltip (GTK_WIDGET (panel), "Fit to Stops");

    g_assert_nonnull (fit);
    g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (fit)), ==, "zoom-fit-best-symbolic");
    gtk_widget_activate (fit);
  }

  /* Stop 3, Cairo: the body shows the row of the table that says so */
  nd_map_view_activate_stop (map, 2);
  pump (100);
  g_assert_true (nd_body_view_get_revealed_range (body_view (f), &start, &end));
  g_assert_cmpuint (end, >, start);
  revealed = nd_body_view_dup_revealed_text (body_view (f));
  g_assert_nonnull (revealed);
  g_test_message ("revealed: %s", revealed);
  g_assert_nonnull (strstr (revealed, "Cairo"));
  g_assert_nonnull (strstr (revealed, "Day 3"));
  g_assert_nonnull (find_widget_with_class (GTK_WIDGET (body_view (f)), "nd-evidence-cell"));
  g_assert_cmpint (nd_map_view_get_selected (map), ==, 2);

  /* the same from the list */
  g_clear_pointer (&revealed, g_free);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  pump (50);
  revealed = nd_body_view_dup_revealed_text (body_view (f));
  g_assert_nonnull (revealed);
  g_assert_nonnull (strstr (revealed, "Tel Aviv"));

  /* an article without trips hides the page */
  position = find_position_by_title_prefix (f, "U.S. Envoy Cuts Gaza Ceasefire Talks Short");
  select_one (f, position);
  pump (50);
  g_assert_false (nd_article_view_has_trips (view));
  g_assert_false (nd_article_view_get_trips_shown (view));
  g_assert_false (nd_article_view_show_trips (view));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_false (nd_body_view_get_revealed_range (body_view (f), NULL, NULL));

  /* a person's trips across the desk, from the person's menu */
  select_witkoff (f);
  {
    GtkWidget *row = nd_entity_panel_find_row (entity_panel (f), ND_ENTITY_PERSON, "Mitch Witkoff");

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_activate_action (row, "entity.show-trips", NULL));
  }
  pump (50);
  g_assert_true (nd_article_view_get_trips_shown (view));
  g_assert_cmpuint (nd_map_view_get_n_stops (map), >=, 4);
  for (guint i = 0; i < nd_map_view_get_n_stops (map); i++)
    g_assert_cmpstr (nd_map_view_get_stop (map, i)->traveller, ==, "Mitch Witkoff");

  /* the same from the dropdown on the Trips page, and back */
  {
    GtkDropDown *dropdown = GTK_DROP_DOWN (nd_article_view_get_traveller_dropdown (view));
    GListModel *names = gtk_drop_down_get_model (dropdown);
    guint witkoff = GTK_INVALID_LIST_POSITION;

    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dropdown)));
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names),
                                                 gtk_drop_down_get_selected (dropdown)), ==, "Mitch Witkoff");
    gtk_drop_down_set_selected (dropdown, 0);
    pump (50);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Everyone in This Article");
    g_assert_cmpuint (nd_map_view_get_n_stops (map), ==, 4);
    for (guint i = 1; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Mitch Witkoff") == 0)
        witkoff = i;
    g_assert_cmpuint (witkoff, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (dropdown, witkoff);
    pump (50);
    g_assert_true (nd_article_view_get_trips_shown (view));
    g_assert_true (shows_text (GTK_WIDGET (view), "Trips of Mitch Witkoff"));
  }

  /* another article gives Cairo another day: both stops say what the
   * other article says */
  {
    g_autofree char *path = g_build_filename (f->dir, "cairo.txt", NULL);
    guint conflicts = 0;

    import_text_file (f, path,
                      "Witkoff changes plans\n\n"
                      "Special Envoy Mitch Witkoff will travel to Cairo on Friday for talks "
                      "with Egyptian officials.\n");
    g_assert_true (nd_article_view_show_traveller_trips (view, "Witkoff", NULL));
    pump (50);
    for (guint i = 0; i < nd_map_view_get_n_stops (map); i++)
      {
        const NdMapStop *stop = nd_map_view_get_stop (map, i);

        if (g_strcmp0 (stop->place, "Cairo") != 0 || stop->purpose == NULL ||
            !g_str_has_prefix (stop->purpose, "⚠"))
          continue;
        conflicts++;
        if (g_strcmp0 (stop->when, "Friday") == 0)
          g_assert_nonnull (strstr (stop->purpose, "says Day 3"));
        else
          g_assert_nonnull (strstr (stop->purpose, "“Witkoff changes plans” says Friday"));
      }
    g_assert_cmpuint (conflicts, ==, 2);
  }
}

static void
test_trips_screenshot (Fixture       *f,
                       gconstpointer  data)
{
  NdArticleView *view;
  NdMapView *map;

  load_samples (f);
  view = nd_window_get_article_view (f->window);
  map = nd_map_panel_get_map_view (map_panel (f));

  select_witkoff (f);
  g_assert_true (nd_article_view_show_trips (view));
  g_assert_true (wait_for (widget_is_mapped, map, 5000));
  nd_map_view_activate_stop (map, 2);
  /* let the "Imported 5 articles" toast time out */
  pump (5300);
  save_screenshot (f, "newsdesk-map-window.png");

  g_assert_true (nd_article_view_show_traveller_trips (view, "Witkoff", NULL));
  pump (300);
  save_screenshot (f, "newsdesk-map-traveller.png");
}

/* A band's tour: the Trips page of an article that lists a band's tour
 * dates shows the band as the traveller, its stops numbered in order on
 * the map and in the list, and its name in the traveller dropdown */
static void
test_band_tour (Fixture       *f,
                gconstpointer  data)
{
  static const char *places[] = { "Santiago", "Buenos Aires", "Lima", "Bogota" };
  g_autofree char *path = g_build_filename (f->dir, "band.txt", NULL);
  NdArticleView *view;
  NdMapView *map;
  GtkDropDown *dropdown;
  GListModel *names;
  gboolean listed = FALSE;

  import_text_file (f, path,
                    "Copper Lanterns announce South American tour\n\n"
                    "Copper Lanterns have announced a string of live tour dates for the new "
                    "year, their first in South America.\n\n"
                    "January 15th \u2013 Santiago, Chile\n"
                    "January 18th \u2013 Buenos Aires, Argentina\n"
                    "January 21st \u2013 Lima, Peru\n"
                    "January 24th \u2013 Bogota, Colombia\n");
  g_assert_cmpuint (f->imported, ==, 1);

  view = nd_window_get_article_view (f->window);
  map = nd_map_panel_get_map_view (map_panel (f));
  select_one (f, find_position_by_title_prefix (f, "Copper Lanterns"));
  g_assert_true (nd_article_view_has_trips (view));
  g_assert_true (nd_article_view_show_trips (view));
  g_assert_true (wait_for (widget_is_mapped, map, 5000));

  g_assert_cmpuint (nd_map_view_get_n_stops (map), ==, G_N_ELEMENTS (places));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      const NdMapStop *stop = nd_map_view_get_stop (map, i);

      g_assert_cmpuint (stop->number, ==, i + 1);
      g_assert_cmpstr (stop->place, ==, places[i]);
      g_assert_cmpstr (stop->traveller, ==, "Copper Lanterns");
    }

  dropdown = GTK_DROP_DOWN (nd_article_view_get_traveller_dropdown (view));
  names = gtk_drop_down_get_model (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    listed |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Copper Lanterns") == 0;
  g_assert_true (listed);

  /* let the "Imported 1 article" toast time out */
  pump (5300);
  save_screenshot (f, "newsdesk-band-tour.png");
}

/* Cold start ------------------------------------------------------------
 *
 * The window's first frame lists only a screen's worth of rows and counts
 * no tags (docs/performance.md, "Cold start"): the rest comes right after
 * it. Once the window is up, the user sees what a window that built
 * everything at once would show. Only what the user reaches is used
 * here: the widgets on screen, not the window's accessors (which build
 * what they are asked for first). */

#define COLD_ARTICLES 420

typedef struct
{
  GtkListView *list_view;
  GtkDropDown *dropdown;
  guint        n_items;
  const char  *title;
} ColdWatch;

/* What the window showed in its first frame with rows */
typedef struct
{
  NdWindow       *window;
  NdArticleStore *store;
  gboolean        seen;
  guint           n_items;
  gboolean        complete;
  char           *page;
} FirstFrame;

static gboolean
list_shows_rows (NdWindow *window)
{
  GtkWidget *list_view = find_widget_with_class (GTK_WIDGET (window), "article-list");

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && gtk_widget_get_height (child) > 0)
      return TRUE;

  return FALSE;
}

static void
first_frame_after_paint (GdkFrameClock *frame_clock,
                         FirstFrame    *first)
{
  if (!list_shows_rows (first->window))
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_after_paint, first);
  first->seen = TRUE;
  /* as a user sees it: how long the list is, and which page is shown */
  first->n_items = g_list_model_get_n_items (G_LIST_MODEL (first->store));
  first->complete = nd_article_store_is_complete (first->store);
  first->page = g_strdup (nd_window_get_page (first->window));
}

static void
first_frame_realize (GtkWidget  *window,
                     FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_after_paint), first);
}

static gboolean
first_frame_seen (gpointer data)
{
  FirstFrame *first = data;

  return first->seen;
}

static gboolean
store_is_complete (gpointer data)
{
  return nd_article_store_is_complete (data);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
list_has_all_items (gpointer data)
{
  ColdWatch *w = data;

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (w->list_view))) == w->n_items;
}

static gboolean
dropdown_has_all_items (gpointer data)
{
  ColdWatch *w = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (w->dropdown)) == w->n_items;
}

/* Scrolls the list to its end (the heights of rows not yet seen are
 * estimates: again until it stays there) and looks for the row */
static gboolean
scrolled_to_title (gpointer data)
{
  ColdWatch *w = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w->list_view));

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));

  return shows_text (GTK_WIDGET (w->list_view), w->title);
}

static void
test_cold_start (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(NdArticle) last = NULL;
  g_autoptr(GtkStringObject) item = NULL;
  g_autofree char *title = NULL;
  GtkTreeModel *suggestions;
  GtkTreeIter iter;
  gboolean found_fifth = FALSE;
  gboolean found_third = FALSE;
  ColdWatch w = { NULL };
  FirstFrame first = { NULL };

  /* A desk with more articles than a screen shows, some of them tagged,
   * opened in a new window as at start */
  close_window (f);
  database = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < COLD_ARTICLES; i++)
    {
      g_autoptr(NdArticle) article = nd_article_new ();
      g_autofree char *article_title = g_strdup_printf ("Cold start article %03u", i);
      g_autofree char *body = g_strdup_printf ("The body of article %u, about the harbour of Marseille.", i);
      gint64 id = 0;

      nd_article_set_title (article, article_title);
      nd_article_set_body (article, body);
      g_assert_true (nd_database_insert_article (database, article, &id, NULL, &error));
      g_assert_no_error (error);
      if (i % 3 == 0)
        g_assert_true (nd_database_add_tag (database, id, "every third", &error));
      if (i % 5 == 0)
        g_assert_true (nd_database_add_tag (database, id, "fifth", &error));
      g_assert_no_error (error);
    }
  tags = nd_database_list_tags (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_clear_object (&database);

  create_window (f);
  first.window = f->window;
  first.store = f->store;
  g_signal_connect_after (f->window, "realize", G_CALLBACK (first_frame_realize), &first);
  show_window (f);

  /* The first frame shows rows, the list's true length and never the
   * empty desk's page, though only the first ids were read then; the
   * others come right after it, with nothing asked of the window */
  g_assert_true (wait_for (first_frame_seen, &first, TIMEOUT_MS));
  g_assert_cmpuint (first.n_items, ==, COLD_ARTICLES);
  g_assert_cmpstr (first.page, ==, "list");
  g_assert_false (first.complete);
  g_assert_true (wait_for (store_is_complete, f->store, TIMEOUT_MS));
  g_assert_cmpuint (n_articles (f), ==, COLD_ARTICLES);

  /* The list: every article, down to the last one */
  w.list_view = GTK_LIST_VIEW (find_widget_with_class (GTK_WIDGET (f->window), "article-list"));
  g_assert_nonnull (w.list_view);
  w.n_items = COLD_ARTICLES;
  g_assert_true (wait_for (list_has_all_items, &w, TIMEOUT_MS));
  last = g_list_model_get_item (G_LIST_MODEL (f->store), COLD_ARTICLES - 1);
  title = g_strdup (nd_article_get_title (last));
  w.title = title;
  g_assert_true (wait_for (scrolled_to_title, &w, TIMEOUT_MS));

  /* The tag filter: "All Articles", then the desk's tags with their
   * counts */
  w.dropdown = GTK_DROP_DOWN (find_widget_of_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (w.dropdown);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (w.dropdown)), ==, "Show the articles with a tag");
  w.n_items = 1 + tags->len;
  g_assert_true (wait_for (dropdown_has_all_items, &w, TIMEOUT_MS));
  item = g_list_model_get_item (gtk_drop_down_get_model (w.dropdown), 0);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "All Articles");
  g_assert_cmpint (tag_filter_count (f, "every third"), ==, COLD_ARTICLES / 3);
  g_assert_cmpint (tag_filter_count (f, "fifth"), ==, COLD_ARTICLES / 5);

  /* Typing a tag for an article suggests the desk's tags */
  select_one (f, 0);
  suggestions = gtk_entry_completion_get_model (gtk_entry_get_completion (GTK_ENTRY (nd_window_get_tag_entry (f->window))));
  for (gboolean ok = gtk_tree_model_get_iter_first (suggestions, &iter);
       ok;
       ok = gtk_tree_model_iter_next (suggestions, &iter))
    {
      g_autofree char *name = NULL;

      gtk_tree_model_get (suggestions, &iter, 0, &name, -1);
      found_fifth |= g_strcmp0 (name, "fifth") == 0;
      found_third |= g_strcmp0 (name, "every third") == 0;
    }
  g_assert_true (found_fifth);
  g_assert_true (found_third);

  /* A tag filter set as the window opens, before the rest of the list
   * is read: the list is the filter's, whole */
  close_window (f);
  create_window (f);
  nd_article_store_set_tag (f->store, "fifth");
  show_window (f);
  w.list_view = GTK_LIST_VIEW (find_widget_with_class (GTK_WIDGET (f->window), "article-list"));
  w.n_items = COLD_ARTICLES / 5;
  g_assert_true (wait_for (list_has_all_items, &w, TIMEOUT_MS));
  g_assert_cmpuint (n_articles (f), ==, COLD_ARTICLES / 5);
  for (guint i = 0; i < COLD_ARTICLES / 5; i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_assert_true (nd_article_has_tag (article, "fifth"));
    }

  /* and one set right after the first frame, before the rest came */
  close_window (f);
  g_clear_pointer (&first.page, g_free);
  first.seen = FALSE;
  create_window (f);
  first.window = f->window;
  first.store = f->store;
  g_signal_connect_after (f->window, "realize", G_CALLBACK (first_frame_realize), &first);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (first_frame_seen, &first, TIMEOUT_MS));
  g_assert_false (nd_article_store_is_complete (f->store));
  nd_article_store_set_tag (f->store, "every third");
  g_assert_true (wait_for (widget_is_mapped, f->window, TIMEOUT_MS));
  w.list_view = GTK_LIST_VIEW (find_widget_with_class (GTK_WIDGET (f->window), "article-list"));
  w.n_items = COLD_ARTICLES / 3;
  g_assert_true (wait_for (list_has_all_items, &w, TIMEOUT_MS));
  g_assert_cmpuint (n_articles (f), ==, COLD_ARTICLES / 3);
  for (guint i = 0; i < COLD_ARTICLES / 3; i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_assert_true (nd_article_has_tag (article, "every third"));
    }
  g_free (first.page);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/empty-state", test_empty_state);
  ADD ("/ui/older-desk", test_older_desk);
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
  ADD ("/ui/entity-panel", test_entity_panel);
  ADD ("/ui/entity-highlights", test_entity_highlights);
  ADD ("/ui/entity-correction", test_entity_correction);
  ADD ("/ui/entity-choose-place", test_entity_choose_place);
  ADD ("/ui/entity-browser", test_entity_browser);
  ADD ("/ui/reextract", test_reextract);
  ADD ("/ui/entity-screenshots", test_entity_screenshots);
  ADD ("/ui/trips", test_trips);
  ADD ("/ui/trips-screenshot", test_trips_screenshot);
  ADD ("/ui/band-tour", test_band_tour);
  ADD ("/ui/cold-start", test_cold_start);

#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
