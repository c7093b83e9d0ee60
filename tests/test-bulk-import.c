/* test-bulk-import.c — importing many files in the window: the list grows
 * batch by batch while the import runs, a progress bar and a count show
 * how far it is, and stopping it keeps every finished article, whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No timing here: speed is measured by build-aux/newsdesk-bench.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-window.h"
#include "nd-window-private.h"
#include "test-common.h"
#include "test-app-common.h"

#define N_FILES    1500
#define TIMEOUT_MS 300000

static NdApplication *app;

typedef struct
{
  char           *dir;
  char           *files;
  char           *db_path;
  NdDatabase     *database;
  NdArticleStore *store;
  NdWindow       *window;
  gboolean        import_done;
  guint           imported;
  guint           failed;
  /* seen while the import ran */
  guint           rows_while_importing;
  double          fraction_while_importing;
  gboolean        cancel_on_growth;
  GPtrArray      *progress_texts;
} Fixture;

static const char *people[] = { "Antony Blinken", "Annalena Baerbock", "Penny Wong", "Mauro Vieira" };
static const char *places[] = { "Paris", "Nairobi", "Jakarta", "Lima", "Ankara" };

static void
write_files (Fixture *f)
{
  f->files = g_build_filename (f->dir, "articles", NULL);
  g_assert_cmpint (g_mkdir (f->files, 0700), ==, 0);

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u.txt", i);
      g_autofree char *path = g_build_filename (f->files, name, NULL);
      g_autofree char *text = NULL;
      const char *person = people[i % G_N_ELEMENTS (people)];
      const char *place = places[i % G_N_ELEMENTS (places)];
      const char *next = places[(i + 1) % G_N_ELEMENTS (places)];

      text = g_strdup_printf ("Talks round %u open in %s\n\n"
                              "The ambassador %s arrived in %s on Monday for round %u of the talks, "
                              "marked token%04u in the minutes. Officials said the delegations would "
                              "meet again on Tuesday. %s will travel to %s on Wednesday, then return home.\n\n"
                              "The agenda covers trade, energy and security, and the talks are expected "
                              "to last three days.\n",
                              i, place, person, place, i, i, person, next);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }
}

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
  f->failed = failed;
}

static GtkProgressBar *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return GTK_PROGRESS_BAR (widget);

  for (GtkWidget *w = gtk_widget_get_first_child (widget); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkProgressBar *bar = find_progress_bar (w);

      if (bar != NULL)
        return bar;
    }

  return NULL;
}

/* The bar in the progress area, beside the count */
static GtkProgressBar *
progress_bar (Fixture *f)
{
  GtkWidget *area = nd_window_get_progress_label (f->window);
  GtkProgressBar *bar = NULL;

  while (bar == NULL && (area = gtk_widget_get_parent (area)) != NULL && !GTK_IS_REVEALER (area))
    bar = find_progress_bar (area);

  g_assert_nonnull (bar);
  return bar;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  guint n = g_list_model_get_n_items (model);

  if (!nd_window_get_importing (f->window) || n == 0 || f->rows_while_importing > 0)
    return;

  f->rows_while_importing = n;
  f->fraction_while_importing = gtk_progress_bar_get_fraction (progress_bar (f));

  if (f->cancel_on_growth)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-import", NULL));
}

static void
on_progress_label (GtkLabel   *label,
                   GParamSpec *pspec,
                   Fixture    *f)
{
  g_ptr_array_add (f->progress_texts, g_strdup (gtk_label_get_label (label)));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = nd_test_make_dir ();
  f->db_path = g_build_filename (f->dir, "desk.db", NULL);
  f->progress_texts = g_ptr_array_new_with_free_func (g_free);
  write_files (f);

  f->database = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  f->store = nd_article_store_new (f->database);
  f->window = nd_window_new (app, f->store);
  g_signal_connect (f->window, "import-finished", G_CALLBACK (on_import_finished), f);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (nd_window_get_progress_label (f->window), "notify::label",
                    G_CALLBACK (on_progress_label), f);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (widget_is_mapped, f->window, 20000));
  pump (50);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->window, f);
  g_signal_handlers_disconnect_by_data (f->store, f);
  g_signal_handlers_disconnect_by_data (nd_window_get_progress_label (f->window), f);
  destroy_window_checked (GTK_WINDOW (f->window), &f->store, &f->database);
  f->window = NULL;

  nd_test_remove_dir (f->files);
  nd_test_remove_dir (f->dir);
  g_free (f->files);
  g_free (f->dir);
  g_free (f->db_path);
  g_ptr_array_unref (f->progress_texts);
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *part)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

static gboolean
progress_hidden (gpointer data)
{
  return !nd_window_get_progress_shown (data);
}

/* Every article in the desk is whole: its entities and its full-text row
 * are there (a search for a word of every file finds each one). */
static void
assert_desk_whole (Fixture *f,
                   guint    expected)
{
  g_autoptr(NdDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) found = NULL;
  NdQuery query = { 0 };

  /* what another program opening the desk sees */
  other = nd_database_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_database_count_articles (other), ==, expected);

  all = nd_database_query_ids (other, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, expected);
  query.search = "ambassador";
  found = nd_database_query_ids (other, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, expected);

  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(NdArticle) article = nd_database_load_article (other, g_array_index (all, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (nd_article_get_title (article), "Talks round "));
      g_assert_nonnull (strstr (nd_article_get_body (article), "three days."));
      g_assert_cmpuint (nd_article_get_entities (article)->len, >, 0);
    }
}

/* The list shows articles while the import still runs, with a count of
 * the files and a progress bar; stopping it keeps what was finished. */
static void
test_grows_then_cancel (Fixture       *f,
                        gconstpointer  data)
{
  const char *paths[] = { f->files, NULL };
  g_autofree char *of_total = g_strdup_printf ("of %u files", N_FILES);

  f->cancel_on_growth = TRUE;
  nd_window_import_paths (f->window, paths);
  g_assert_true (nd_window_get_importing (f->window));
  g_assert_true (nd_window_get_progress_shown (f->window));
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (50);

  g_test_message ("%u rows shown while importing (bar at %.2f), %u imported when stopped",
                  f->rows_while_importing, f->fraction_while_importing, f->imported);

  /* the list grew before the import ended, the bar had moved */
  g_assert_cmpuint (f->rows_while_importing, >, 0);
  g_assert_cmpuint (f->rows_while_importing, <, N_FILES);
  g_assert_cmpfloat (f->fraction_while_importing, >, 0.0);
  g_assert_cmpfloat (f->fraction_while_importing, <, 1.0);
  g_assert_true (texts_contain (f->progress_texts, of_total));

  /* stopped: fewer than all, and every finished one is in the list */
  g_assert_false (nd_window_get_importing (f->window));
  g_assert_false (nd_window_get_progress_shown (f->window));
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpuint (f->imported, >=, f->rows_while_importing);
  g_assert_cmpuint (f->imported, <, N_FILES);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, f->imported);

  /* and in the desk, whole */
  assert_desk_whole (f, f->imported);

  /* importing again adds the rest, and only the rest */
  f->import_done = FALSE;
  f->cancel_on_growth = FALSE;
  f->rows_while_importing = 0;
  {
    guint before = f->imported;

    nd_window_import_paths (f->window, paths);
    g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
    pump (50);
    g_assert_cmpuint (f->imported, ==, N_FILES - before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_FILES);
  assert_desk_whole (f, N_FILES);

  /* exporting them all counts the articles written as it goes */
  {
    g_autofree char *path = g_build_filename (f->dir, "export.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *toast = g_strdup_printf ("Exported %u articles to export.json", N_FILES);
    g_autofree char *of_all = g_strdup_printf (" of %u articles…", N_FILES);
    gboolean counted = FALSE;

    g_ptr_array_set_size (f->progress_texts, 0);
    nd_window_start_export (f->window, file);
    g_assert_true (nd_window_get_progress_shown (f->window));
    g_assert_true (wait_for (file_exists, path, TIMEOUT_MS));
    g_assert_true (wait_for (progress_hidden, f->window, TIMEOUT_MS));
    pump (50);
    g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, toast);

    for (guint i = 0; i < f->progress_texts->len; i++)
      {
        const char *text = g_ptr_array_index (f->progress_texts, i);

        counted |= g_str_has_prefix (text, "Exporting ") && g_str_has_suffix (text, of_all);
      }
    g_assert_true (counted);
  }
}

/* The disk fills up while the window imports: it says which files could
 * not be stored, and what it says was imported is what the desk holds,
 * whole (a batch that cannot be committed is not counted) */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { f->files, NULL };
  const char * const *errors;
  g_autofree char *pages = NULL;

  /* room for some of the articles only: the import's own connection is
   * opened with the cap */
  pages = g_strdup_printf ("%d", nd_test_query_int (f->db_path, "SELECT page_count FROM pragma_page_count") + 80);
  g_setenv ("NEWSDESK_MAX_PAGE_COUNT", pages, TRUE);
  nd_window_import_paths (f->window, paths);
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  g_unsetenv ("NEWSDESK_MAX_PAGE_COUNT");
  pump (50);

  g_test_message ("%u imported, %u failed before the desk was full", f->imported, f->failed);
  g_assert_cmpuint (f->imported, >, 0);
  g_assert_cmpuint (f->failed, >, 0);
  g_assert_cmpuint (f->imported + f->failed, <=, N_FILES);

  /* each failure names its file and the full disk */
  errors = nd_window_get_import_errors (f->window);
  g_assert_nonnull (errors);
  g_assert_cmpuint (g_strv_length ((char **) errors), ==, f->failed);
  for (guint i = 0; errors[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (errors[i], f->files));
      g_assert_nonnull (strstr (errors[i], "ull"));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, f->imported);
  assert_desk_whole (f, f->imported);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

  g_test_add ("/bulk-import/grows-then-cancel", Fixture, NULL,
              fixture_setup, test_grows_then_cancel, fixture_teardown);
  g_test_add ("/bulk-import/disk-full", Fixture, NULL,
              fixture_setup, test_disk_full, fixture_teardown);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
