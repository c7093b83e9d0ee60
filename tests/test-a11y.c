/* test-a11y.c — icon-only buttons have a tooltip and an accessible label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session -- meson test a11y).
 * Opens the main window on a new desk in a temporary folder, walks its
 * whole widget tree (empty desk, then with the samples loaded and an
 * article selected) and fails on any icon-only button without a tooltip
 * or an accessible label, naming it. GTK 4.8 has no public getter for
 * accessible properties: the test runs with GTK_A11Y=test and reads them
 * through gtk_test_accessible_has_property ().
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-article-view.h"
#include "nd-window-private.h"
#include "test-app-common.h"

#define TIMEOUT_MS 20000

#include "test-window-fixture.h"

/* The walk --------------------------------------------------------------- */

/* Buttons that the toolkit builds inside its own widgets: window
 * controls, the halves of a split or menu button (checked as a whole),
 * spin buttons, popover menus, and the close button of a toast
 * (AdwToastWidget, private: libadwaita 1.2 gives it no label, and the
 * toast goes away by itself or with Escape) */
static gboolean
is_toolkit_internal (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_WINDOW_CONTROLS (w) || GTK_IS_MENU_BUTTON (w) ||
          ADW_IS_SPLIT_BUTTON (w) || GTK_IS_SPIN_BUTTON (w) ||
          GTK_IS_POPOVER_MENU (w) ||
          g_strcmp0 (G_OBJECT_TYPE_NAME (w), "AdwToastWidget") == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* Whether a widget shows any label text (a GtkLabel or a button label
 * somewhere below it) */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return has_text (gtk_label_get_label (GTK_LABEL (widget)));

  if (ADW_IS_BUTTON_CONTENT (widget))
    return has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c))
      return TRUE;

  return FALSE;
}

static gboolean
shows_image (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_image (c))
      return TRUE;

  return FALSE;
}

static gboolean
is_icon_only_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GtkMenuButton *button = GTK_MENU_BUTTON (widget);

      if (gtk_menu_button_get_child (button) != NULL)
        return !shows_text (gtk_menu_button_get_child (button));
      if (has_text (gtk_menu_button_get_label (button)))
        return FALSE;
      return has_text (gtk_menu_button_get_icon_name (button));
    }

  if (ADW_IS_SPLIT_BUTTON (widget))
    {
      AdwSplitButton *button = ADW_SPLIT_BUTTON (widget);

      if (has_text (adw_split_button_get_label (button)))
        return FALSE;
      return has_text (adw_split_button_get_icon_name (button)) ||
             (adw_split_button_get_child (button) != NULL &&
              !shows_text (adw_split_button_get_child (button)));
    }

  if (GTK_IS_BUTTON (widget))
    {
      GtkButton *button = GTK_BUTTON (widget);
      GtkWidget *child = gtk_button_get_child (button);

      if (is_toolkit_internal (widget))
        return FALSE;
      if (has_text (gtk_button_get_icon_name (button)) && !has_text (gtk_button_get_label (button)))
        return TRUE;
      if (child == NULL)
        return FALSE;
      if (GTK_IS_IMAGE (child))
        return TRUE;
      if (ADW_IS_BUTTON_CONTENT (child))
        return !has_text (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)));
      /* a box with an image and no text */
      return shows_image (child) && !shows_text (child);
    }

  return FALSE;
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);
  const char *icon = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  else if (ADW_IS_SPLIT_BUTTON (widget))
    icon = adw_split_button_get_icon_name (ADW_SPLIT_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));

  /* the widget path up to the nearest ancestor with a buildable id,
   * "NdArticleView#star_button" or "GtkBox#tags > GtkButton" */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
      g_autofree char *segment = NULL;

      if (id != NULL)
        segment = g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id);
      else
        segment = g_strdup (G_OBJECT_TYPE_NAME (w));

      if (path->len > 0)
        g_string_prepend (path, " > ");
      g_string_prepend (path, segment);
      if (id != NULL)
        break;
    }

  if (icon != NULL)
    g_string_append_printf (path, " (icon %s)", icon);

  return g_string_free (path, FALSE);
}

static gboolean
has_tooltip (GtkWidget *widget)
{
  if (has_text (gtk_widget_get_tooltip_text (widget)) ||
      has_text (gtk_widget_get_tooltip_markup (widget)))
    return TRUE;

  /* a tooltip given by a query-tooltip handler */
  return gtk_widget_get_has_tooltip (widget) &&
         g_signal_has_handler_pending (widget, g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0, FALSE);
}

static gboolean
has_accessible_label (GtkWidget *widget)
{
  /* (has_relation () is TRUE for LABELLED_BY even when unset: the
   * relations of the test context always hold their default, empty
   * value, so only the label property counts) */
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

typedef struct
{
  guint      n_buttons;
  guint      n_chips;
  guint      n_problems;
  char      *first_problem;
  GPtrArray *focusable;
} Walk;

static void
problem (Walk       *w,
         const char *what,
         const char *name)
{
  g_test_message ("%s: %s", what, name);
  if (w->n_problems++ == 0)
    w->first_problem = g_strdup_printf ("%s: %s", what, name);
}

static void
walk (GtkWidget *widget,
      Walk      *w)
{
  if (is_icon_only_button (widget))
    {
      g_autofree char *name = describe (widget);

      w->n_buttons++;
      g_test_message ("icon-only button: %s", name);
      if (!has_tooltip (widget))
        problem (w, "no tooltip", name);
      if (!has_accessible_label (widget))
        problem (w, "no accessible label", name);
      if (ADW_IS_SPLIT_BUTTON (widget) &&
          !has_text (adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (widget))))
        problem (w, "no dropdown tooltip", name);
    }

  /* a tag chip shows its tag and removes it on a click: its × needs
   * the tooltip and label that say so */
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "tag-chip"))
    {
      g_autofree char *name = describe (widget);

      w->n_chips++;
      if (!has_tooltip (widget))
        problem (w, "no tooltip", name);
      if (!has_accessible_label (widget))
        problem (w, "no accessible label", name);
    }

  if (gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget))
    g_ptr_array_add (w->focusable, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    walk (c, w);
}

static guint
check_window (Fixture *f,
              Walk    *w)
{
  w->n_buttons = 0;
  w->n_chips = 0;
  w->n_problems = 0;
  w->first_problem = NULL;
  w->focusable = g_ptr_array_new ();

  walk (GTK_WIDGET (f->window), w);

  /* every problem is in a "# " message above; the failure names the first */
  if (w->n_problems > 0)
    g_test_fail_printf ("%u problems with icon-only buttons, first %s",
                        w->n_problems, w->first_problem);
  g_clear_pointer (&w->first_problem, g_free);

  return w->n_buttons;
}

/* Whether the widget or a widget inside it takes the keyboard focus */
static gboolean
reachable (Walk      *w,
           GtkWidget *widget)
{
  for (guint i = 0; i < w->focusable->len; i++)
    {
      GtkWidget *focusable = g_ptr_array_index (w->focusable, i);

      if ((focusable == widget || gtk_widget_is_ancestor (focusable, widget)) &&
          gtk_widget_is_sensitive (focusable) && gtk_widget_is_visible (focusable))
        return TRUE;
    }

  return FALSE;
}

/* Tests ------------------------------------------------------------------ */

static void
test_empty_desk (Fixture       *f,
                 gconstpointer  data)
{
  Walk w = { 0, };
  guint n;

  g_assert_cmpstr (nd_window_get_page (f->window), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (nd_window_get_status_page (f->window, "empty")));

  n = check_window (f, &w);
  g_test_message ("%u icon-only buttons on an empty desk", n);
  g_assert_cmpuint (n, >, 0);
  g_assert_true (reachable (&w, nd_window_get_search_entry (f->window)));
  g_ptr_array_unref (w.focusable);
}

static void
test_article_selected (Fixture       *f,
                       gconstpointer  data)
{
  Walk w = { 0, };
  guint n;

  GtkWidget *entry;

  load_samples_and_select (f);

  /* a tag, for a tag chip in the detail view */
  entry = nd_window_get_tag_entry (f->window);
  gtk_editable_set_text (GTK_EDITABLE (entry), "a11y-check");
  g_signal_emit_by_name (entry, "activate");
  pump (50);

  n = check_window (f, &w);
  g_assert_cmpuint (w.n_chips, >, 0);
  g_test_message ("%u icon-only buttons with an article selected", n);
  g_assert_cmpuint (n, >, 0);

  /* keyboard reachability: the search entry, the article list, the tag
   * entry of the article */
  g_assert_true (reachable (&w, nd_window_get_search_entry (f->window)));
  g_assert_true (reachable (&w, GTK_WIDGET (nd_window_get_list_view (f->window))));
  g_assert_true (reachable (&w, nd_window_get_tag_entry (f->window)));
  g_ptr_array_unref (w.focusable);
}

/* The check itself: a button without a label is found and named */
static void
test_detects_missing_label (void)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-find-symbolic");
  g_autofree char *name = NULL;

  g_assert_true (is_icon_only_button (button));
  g_assert_false (has_tooltip (button));
  g_assert_false (has_accessible_label (button));
  name = describe (button);
  g_assert_nonnull (strstr (name, "edit-find-symbolic"));

  gtk_widget_set_tooltip_text (button, "Find");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Find",
                                  -1);
  g_assert_true (has_tooltip (button));
  g_assert_true (has_accessible_label (button));

  g_object_ref_sink (button);
  g_object_unref (button);
}

int
main (int   argc,
      char *argv[])
{
  /* the test AT context keeps the accessible properties to read back */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

  g_test_add_func ("/a11y/detects-missing-label", test_detects_missing_label);
  g_test_add ("/a11y/empty-desk", Fixture, NULL, fixture_setup, test_empty_desk, fixture_teardown);
  g_test_add ("/a11y/article-selected", Fixture, NULL, fixture_setup, test_article_selected, fixture_teardown);

  return g_test_run ();
}
