/* test-search-ui.c — typing a search in the window: the list shows the
 * matching rows, then each row its snippet with the match in bold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under Xvfb (see README.md); skipped without a display.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-ui-util.h"
#include "nd-window-private.h"
#include "test-app-common.h"

#define TIMEOUT_MS 20000

#include "test-window-fixture.h"

/* The label of a row with the "snippet" style class, or NULL */
static GtkLabel *
find_snippet_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "snippet"))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_snippet_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  const char *word;
} Wanted;

/* The first row of the list shows a snippet with the word in bold */
static gboolean
first_row_has_snippet (gpointer data)
{
  Wanted *wanted = data;
  GtkWidget *row;
  GtkLabel *label;
  g_autofree char *bold = NULL;
  g_autofree char *markup = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (wanted->f->store)) == 0)
    return FALSE;

  row = nd_window_get_list_row (wanted->f->window, nd_article_store_get_id (wanted->f->store, 0));
  if (row == NULL || (label = find_snippet_label (row)) == NULL ||
      !gtk_widget_get_visible (GTK_WIDGET (label)))
    return FALSE;

  markup = g_utf8_casefold (gtk_label_get_label (label), -1);
  bold = g_strdup_printf ("<b>%s", wanted->word);
  return strstr (markup, bold) != NULL;
}

static void
type_text (Fixture    *f,
           const char *text)
{
  GtkWidget *entry = nd_window_get_search_entry (f->window);

  gtk_widget_grab_focus (entry);
  /* letter by letter, as typed; the entry reports after a short pause */
  for (const char *p = text; *p != '\0'; p++)
    {
      g_autofree char *typed = g_strndup (text, p - text + 1);

      gtk_editable_set_text (GTK_EDITABLE (entry), typed);
      pump (30);
    }
}

static void
test_typed_search_shows_snippets (Fixture       *f,
                                  gconstpointer  data)
{
  Wanted wanted = { f, "ceasefire" };
  guint n_all;
  GtkWidget *row;
  GtkLabel *label;
  g_autofree char *expected = NULL;
  g_autofree char *expected_markup = NULL;

  /* the selection stays while the snippets come in */
  load_samples_and_select (f);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_assert_cmpuint (n_all, >, 1);

  /* no search: no snippet */
  row = nd_window_get_list_row (f->window, nd_article_store_get_id (f->store, 0));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_snippet_label (row))));

  type_text (f, "ceasef");
  g_assert_true (wait_for (first_row_has_snippet, &wanted, TIMEOUT_MS));
  g_assert_cmpstr (nd_article_store_get_search (f->store), ==, "ceasef");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), <, n_all);
  g_assert_cmpstr (nd_window_get_page (f->window), ==, "list");

  /* the snippet is the desk's snippet for that article, as markup */
  row = nd_window_get_list_row (f->window, nd_article_store_get_id (f->store, 0));
  label = find_snippet_label (row);
  expected = nd_database_get_snippet (f->database, nd_article_store_get_id (f->store, 0), "ceasef");
  g_assert_nonnull (expected);
  expected_markup = nd_ui_snippet_to_markup (expected);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected_markup);

  /* another search: the rows show its snippets, not the first's */
  wanted.word = "gaza";
  type_text (f, "gaza");
  if (g_list_model_get_n_items (G_LIST_MODEL (f->store)) > 0)
    g_assert_true (wait_for (first_row_has_snippet, &wanted, TIMEOUT_MS));

  /* cleared: the snippets go */
  gtk_editable_set_text (GTK_EDITABLE (nd_window_get_search_entry (f->window)), "");
  nd_window_set_search_text (f->window, NULL);
  pump (200);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_all);
  row = nd_window_get_list_row (f->window, nd_article_store_get_id (f->store, 0));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (find_snippet_label (row))));
}

int
main (int   argc,
      char *argv[])
{

  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

  g_test_add ("/search-ui/typed-search-shows-snippets", Fixture, NULL,
              fixture_setup, test_typed_search_shows_snippets, fixture_teardown);

  return g_test_run ();
}
