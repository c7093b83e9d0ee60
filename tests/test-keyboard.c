/* test-keyboard.c — every feature of the main window by keyboard alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session -- meson test keyboard).
 * Loads the sample articles and moves the keyboard focus the way Tab
 * does (the window's move-focus keybinding signal), recording the focus
 * chain: it must reach the search entry, the article rows, the body of
 * the detail view, the tag entry, the rows of the entity panel, the rows
 * of the map's stop list and of the desk's entity browser, every focused
 * widget must be visible and mapped, and the chain must come back to
 * where it started. Arrow keys and Enter are the list's own keybindings.
 * Also: every shortcut the shortcuts window lists is a real accelerator,
 * and a correction of the extractor can be undone from its toast.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-article-view.h"
#include "nd-entity-browser.h"
#include "nd-entity-panel.h"
#include "nd-map-view.h"
#include "nd-window-private.h"
#include "test-app-common.h"

#ifdef GDK_WINDOWING_X11
#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#endif

#define TIMEOUT_MS 20000

#include "test-window-fixture.h"

/* Focus ------------------------------------------------------------------ */

typedef enum
{
  TARGET_SEARCH,
  TARGET_ARTICLE_ROW,
  TARGET_BODY,
  TARGET_TAG_ENTRY,
  TARGET_ENTITY_ROW,
  TARGET_STOP_ROW,
  TARGET_BROWSER_ROW,
  N_TARGETS
} Target;

static const char * const target_names[N_TARGETS] = {
  "search entry",
  "article list row",
  "detail view body",
  "tag entry",
  "entity panel row",
  "map stop list row",
  "entity browser row",
};

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
inside (GtkWidget *widget,
        GtkWidget *container)
{
  return widget != NULL && container != NULL &&
         (widget == container || gtk_widget_is_ancestor (widget, container));
}

static NdArticleView *
article_view (Fixture *f)
{
  return nd_window_get_article_view (f->window);
}

static GtkWidget *
stop_list (Fixture *f)
{
  GtkWidget *panel = nd_article_view_get_map_panel (article_view (f));

  return GTK_WIDGET (nd_map_panel_get_list (ND_MAP_PANEL (panel)));
}

/* Which of the targets the focused widget is, or -1 */
static int
classify (Fixture   *f,
          GtkWidget *focus)
{
  GtkWidget *list_view = GTK_WIDGET (nd_window_get_list_view (f->window));
  GtkWidget *panel = nd_article_view_get_entity_panel (article_view (f));
  GtkWidget *row = GTK_IS_LIST_BOX_ROW (focus) ? focus : NULL;

  if (inside (focus, nd_window_get_search_entry (f->window)))
    return TARGET_SEARCH;
  if (inside (focus, list_view) && focus != list_view)
    return TARGET_ARTICLE_ROW;
  if (inside (focus, nd_article_view_get_body_view (article_view (f))))
    return TARGET_BODY;
  if (inside (focus, nd_window_get_tag_entry (f->window)))
    return TARGET_TAG_ENTRY;
  if (row != NULL && inside (row, panel))
    return TARGET_ENTITY_ROW;
  if (row != NULL && inside (row, stop_list (f)))
    return TARGET_STOP_ROW;
  if (row != NULL && inside (row, nd_window_get_entity_browser (f->window)))
    return TARGET_BROWSER_ROW;

  return -1;
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  if (widget == NULL)
    return g_strdup ("(nothing)");

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      if (path->len > 0)
        g_string_prepend (path, " > ");
      if (id != NULL)
        {
          g_string_prepend (path, id);
          g_string_prepend (path, "#");
        }
      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
      if (id != NULL || ND_IS_WINDOW (w))
        break;
    }

  return g_string_free (path, FALSE);
}

/* Tab, as the window's keybinding does it */
static void
press_tab (Fixture          *f,
           GtkDirectionType  direction)
{
  g_signal_emit_by_name (f->window, "move-focus", direction);
  pump (10);
}

typedef struct
{
  guint      steps;
  gboolean   cycled;
  gboolean   seen[N_TARGETS];
  GPtrArray *chain;        /* char *, one per step */
} Walk;

static void
walk_clear (Walk *w)
{
  g_clear_pointer (&w->chain, g_ptr_array_unref);
}

/* Tabs through the window until the focus comes back to a widget it had
 * before; the targets count when they are in that cycle (a few widgets
 * that Tab goes round and round in are a trap, and miss the others).
 * Fails when a focused widget is not shown or Tab stays put. */
static void
tab_walk (Fixture *f,
          Walk    *w,
          guint    max_steps)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  memset (w, 0, sizeof *w);
  w->chain = g_ptr_array_new_with_free_func (g_free);

  for (w->steps = 0; w->steps < max_steps; w->steps++)
    {
      GtkWidget *before = focus_of (f);
      GtkWidget *focus;
      g_autofree char *name = NULL;
      guint index;

      press_tab (f, GTK_DIR_TAB_FORWARD);
      focus = focus_of (f);
      name = describe (focus);
      g_test_message ("tab %u: %s", w->steps + 1, name);

      if (focus == NULL)
        g_error ("Tab %u left nothing focused", w->steps + 1);
      if (focus == before)
        g_error ("Tab is stuck on %s", name);
      if (!gtk_widget_is_visible (focus) || !gtk_widget_get_mapped (focus))
        g_error ("Tab %u focused %s, which is not shown", w->steps + 1, name);
      if (!gtk_widget_is_sensitive (focus))
        g_error ("Tab %u focused %s, which is insensitive", w->steps + 1, name);

      if (g_ptr_array_find (widgets, focus, &index))
        {
          /* the cycle: from the first visit of this widget on */
          w->cycled = TRUE;
          g_ptr_array_remove_range (w->chain, 0, index);
          for (guint i = index; i < widgets->len; i++)
            {
              int target = classify (f, g_ptr_array_index (widgets, i));

              if (target >= 0)
                w->seen[target] = TRUE;
            }
          w->steps = widgets->len - index;
          return;
        }

      g_ptr_array_add (widgets, focus);
      g_ptr_array_add (w->chain, g_steal_pointer (&name));
    }
}

static void
assert_reached (Walk   *w,
                Target  target)
{
  if (!w->seen[target])
    {
      g_autofree char *chain = NULL;

      g_ptr_array_add (w->chain, NULL);
      chain = g_strjoinv ("\n  ", (char **) w->chain->pdata);
      g_error ("Tab never reaches the %s; the focus chain:\n  %s", target_names[target], chain);
    }
}

/* Tests ------------------------------------------------------------------ */

static gboolean
trips_shown (gpointer data)
{
  Fixture *f = data;

  return nd_article_view_get_trips_shown (article_view (f));
}

static gboolean
stop_list_laid_out (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (stop_list (f)) && gtk_widget_get_height (stop_list (f)) > 0;
}

/* Tabs until `want` is focused (a target, or -1 with `widget`): the
 * focused widget, or an error naming the chain */
static GtkWidget *
tab_to (Fixture   *f,
        int        want,
        GtkWidget *widget,
        guint      max_steps)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < max_steps; i++)
    {
      GtkWidget *focus;

      press_tab (f, GTK_DIR_TAB_FORWARD);
      focus = focus_of (f);
      if ((want >= 0 && classify (f, focus) == want) ||
          (widget != NULL && (inside (focus, widget) || inside (widget, focus))))
        return focus;
      g_ptr_array_add (chain, describe (focus));
    }

  g_ptr_array_add (chain, NULL);
  g_error ("Tab never reaches %s; the focus chain:\n  %s",
           want >= 0 ? target_names[want] : G_OBJECT_TYPE_NAME (widget),
           g_strjoinv ("\n  ", (char **) chain->pdata));
}

static guint
position_of_title (Fixture    *f,
                   const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      if (g_str_has_prefix (nd_article_get_title (article), prefix))
        return i;
    }

  g_error ("No sample article “%s…”", prefix);
}

#define WITKOFF_TITLE "Witkoff Plans Mideast Visit"

/* The button of a GtkStackSwitcher for the page titled `title` */
static GtkWidget *
switcher_button (GtkWidget  *switcher,
                 const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (switcher); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *label = gtk_widget_get_first_child (c);

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), title) == 0)
        return c;
    }

  return NULL;
}

static GtkWidget *
find_by_id (GtkWidget  *widget,
            const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_id (c, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_tab_walk (Fixture       *f,
               gconstpointer  data)
{
  Walk w;
  GtkWidget *focus;
  GtkWidget *row;
  GtkWidget *trips_button;
  GtkWidget *browser_button;
  g_autoptr(NdArticle) witkoff = NULL;
  guint position;
  gint64 id;

  load_samples_and_select (f);
  position = position_of_title (f, WITKOFF_TITLE);
  g_assert_cmpuint (position, !=, 0);
  witkoff = g_list_model_get_item (G_LIST_MODEL (f->store), position);
  id = nd_article_get_id (witkoff);

  /* 1. The whole chain with an article shown */
  tab_walk (f, &w, 400);
  g_test_message ("%u widgets in the focus chain", w.steps);
  g_assert_true (w.cycled);
  assert_reached (&w, TARGET_SEARCH);
  assert_reached (&w, TARGET_ARTICLE_ROW);
  assert_reached (&w, TARGET_BODY);
  assert_reached (&w, TARGET_TAG_ENTRY);
  assert_reached (&w, TARGET_ENTITY_ROW);
  walk_clear (&w);

  /* 2. An article row focused by Tab and activated by Enter is shown */
  g_assert_false (g_str_has_prefix (nd_window_get_detail_title (f->window), WITKOFF_TITLE));
  row = nd_window_get_list_row (f->window, id);
  g_assert_nonnull (row);
  focus = tab_to (f, -1, row, 400);
  g_assert_cmpint (classify (f, focus), ==, TARGET_ARTICLE_ROW);
  g_assert_true (gtk_widget_activate (focus));
  pump (50);
  g_assert_true (g_str_has_prefix (nd_window_get_detail_title (f->window), WITKOFF_TITLE));
  /* and the focus stays on it */
  g_assert_true (inside (focus_of (f), focus));

  /* 3. The map's stop list: the side panel's Trips button, then its rows */
  g_assert_true (nd_article_view_has_trips (article_view (f)));
  trips_button = switcher_button (find_by_id (GTK_WIDGET (article_view (f)), "side_switcher"), "Trips");
  g_assert_nonnull (trips_button);
  focus = tab_to (f, -1, trips_button, 400);
  /* (a button activated by keyboard clicks once its pressed look has
   * shown) */
  g_assert_true (gtk_widget_activate (focus));
  g_assert_true (wait_for (trips_shown, f, TIMEOUT_MS));
  /* as a person would: once the panel is laid out */
  g_assert_true (wait_for (stop_list_laid_out, f, TIMEOUT_MS));
  pump (50);
  tab_walk (f, &w, 400);
  g_assert_true (w.cycled);
  assert_reached (&w, TARGET_STOP_ROW);
  assert_reached (&w, TARGET_ARTICLE_ROW);
  walk_clear (&w);

  /* a stop row activated by keyboard selects its stop on the map */
  focus = tab_to (f, TARGET_STOP_ROW, NULL, 400);
  g_assert_true (gtk_widget_activate (focus));
  pump (50);
  {
    NdMapPanel *panel = ND_MAP_PANEL (nd_article_view_get_map_panel (article_view (f)));

    g_assert_cmpint (nd_map_view_get_selected (nd_map_panel_get_map_view (panel)), ==,
                     gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (focus)));
  }

  /* 4. The desk's entity browser: its toggle, then its rows */
  browser_button = find_by_id (GTK_WIDGET (f->window), "entity_browser_button");
  focus = tab_to (f, -1, browser_button, 400);
  g_assert_true (gtk_widget_activate (focus));
  g_assert_true (wait_for (widget_is_mapped, nd_window_get_entity_browser (f->window), TIMEOUT_MS));
  pump (100);
  tab_walk (f, &w, 600);
  g_assert_true (w.cycled);
  assert_reached (&w, TARGET_BROWSER_ROW);
  assert_reached (&w, TARGET_SEARCH);
  assert_reached (&w, TARGET_ARTICLE_ROW);
  assert_reached (&w, TARGET_TAG_ENTRY);
  walk_clear (&w);

  /* a browser row activated by keyboard filters the list */
  focus = tab_to (f, TARGET_BROWSER_ROW, NULL, 600);
  g_assert_true (gtk_widget_activate (focus));
  pump (100);
  g_assert_nonnull (nd_article_store_get_entity (f->store));
  g_assert_nonnull (nd_window_get_entity_filter_text (f->window));
}

/* The shortcuts window ---------------------------------------------------- */

/* Whether the window or the application has the action ("win.delete",
 * "window.close", "app.quit") */
static gboolean
has_action (Fixture    *f,
            const char *action)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (f->window);
  const char *dot = strchr (action, '.');
  GType owner;
  const char *name;
  const GVariantType *parameter_type;
  const char *property;

  if (dot == NULL)
    return FALSE;

  if (g_str_has_prefix (action, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (app), dot + 1);

  if (g_str_has_prefix (action, "win.") &&
      g_action_group_has_action (G_ACTION_GROUP (f->window), dot + 1))
    return TRUE;

  /* the actions the window's classes install */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property); i++)
    if (g_strcmp0 (name, action) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  Fixture         *f;
  guint            keyval;
  GdkModifierType  mods;
  char            *action;   /* the window's or app's action it activates */
  GString         *others;   /* the other bindings of the key */
} KeyBinding;

/* Looks through the shortcut controllers of the widget tree (the class
 * keybindings of each widget among them) for the key bound to an action
 * of the window or the application (the entries bind Ctrl+Z and Delete
 * too, to their own editing) */
static void
find_key_binding (GtkWidget  *widget,
                  KeyBinding *binding)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && binding->action == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != binding->keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != binding->mods)
            continue;

          if (GTK_IS_NAMED_ACTION (action) &&
              has_action (binding->f, gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))))
            {
              binding->action = g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
              break;
            }
          else
            {
              g_autofree char *text = gtk_shortcut_action_to_string (action);

              g_string_append_printf (binding->others, " %s on %s", text, G_OBJECT_TYPE_NAME (widget));
            }
        }
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && binding->action == NULL;
       c = gtk_widget_get_next_sibling (c))
    find_key_binding (c, binding);
}

static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, shortcuts);
}

/* Every key the shortcuts window shows does what it says: it is the
 * accelerator of an action the app or window has, or a keybinding of a
 * widget of the window (the article list's Delete) */
static void
test_shortcuts_are_real (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  GtkShortcutsWindow *overlay;
  guint n_keys = 0;

  load_samples_and_select (f);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >, 0);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i),
                    "title", &title, "accelerator", &accelerator, NULL);
      if (accelerator == NULL || *accelerator == '\0')
        continue;

      /* "<Control>a <Control>b" lists two keys for one entry */
      accels = g_strsplit (accelerator, " ", -1);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          g_auto(GStrv) actions = NULL;
          KeyBinding binding = { f, 0, };

          if (*accels[k] == '\0')
            continue;
          if (!gtk_accelerator_parse (accels[k], &binding.keyval, &binding.mods))
            g_error ("“%s”: %s is not an accelerator", title, accels[k]);
          n_keys++;

          actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accels[k]);
          if (actions != NULL && actions[0] != NULL)
            {
              for (guint j = 0; actions[j] != NULL; j++)
                {
                  g_test_message ("“%s” %s: accel of %s", title, accels[k], actions[j]);
                  if (!has_action (f, actions[j]))
                    g_error ("“%s”: %s is the accelerator of %s, which nothing has",
                             title, accels[k], actions[j]);
                }
              continue;
            }

          binding.others = g_string_new (NULL);
          find_key_binding (GTK_WIDGET (f->window), &binding);
          if (binding.action == NULL)
            g_error ("The shortcuts window lists %s for “%s”, but it is no accelerator, "
                     "and no widget binds it to an action of the window (only:%s)",
                     accels[k], title, binding.others->str);
          g_test_message ("“%s” %s: keybinding of %s", title, accels[k], binding.action);
          g_string_free (binding.others, TRUE);
          g_free (binding.action);
        }
    }

  g_test_message ("%u keys in the shortcuts window", n_keys);
  g_assert_cmpuint (n_keys, >=, shortcuts->len);
}

/* Undo of a correction ---------------------------------------------------- */

/* The Undo button of the toast shown, or NULL */
static GtkWidget *
find_undo_button (GtkWidget *widget,
                  gboolean   in_toast)
{
  in_toast = in_toast || g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") == 0;

  if (in_toast && GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_undo_button (c, in_toast);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  Fixture      *f;
  NdEntityKind  kind;
  const char   *name;
} RowQuery;

static gboolean
row_is_shown (gpointer data)
{
  RowQuery *q = data;
  NdEntityPanel *panel = ND_ENTITY_PANEL (nd_article_view_get_entity_panel (article_view (q->f)));

  return nd_entity_panel_find_row (panel, q->kind, q->name) != NULL;
}

static gboolean
row_is_gone (gpointer data)
{
  return !row_is_shown (data);
}

static gboolean
undo_button_shown (gpointer data)
{
  Fixture *f = data;

  return find_undo_button (GTK_WIDGET (f->window), FALSE) != NULL;
}

static gboolean
undo_button_gone (gpointer data)
{
  return !undo_button_shown (data);
}

static guint
count_corrections (Fixture *f,
                   gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) corrections = nd_database_list_corrections (f->database, id, &error);

  g_assert_no_error (error);
  return corrections->len;
}

/* Presses the Undo button of the toast, as Enter on it does */
static void
press_undo (Fixture *f)
{
  GtkWidget *undo;

  g_assert_true (wait_for (undo_button_shown, f, TIMEOUT_MS));
  undo = find_undo_button (GTK_WIDGET (f->window), FALSE);
  g_assert_true (gtk_widget_activate (undo));
}

static void
test_undo_correction (Fixture       *f,
                      gconstpointer  data)
{
  NdEntityPanel *panel;
  GtkWidget *row;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  g_autoptr(NdArticle) article = NULL;
  RowQuery q = { f, ND_ENTITY_PLACE, NULL };
  guint n_places, n_mentions;
  gint64 id;

  load_samples_and_select (f);
  nd_window_select_position (f->window, position_of_title (f, WITKOFF_TITLE));
  pump (100);
  id = nd_article_view_get_article_id (article_view (f));
  panel = ND_ENTITY_PANEL (nd_article_view_get_entity_panel (article_view (f)));
  g_assert_cmpuint (count_corrections (f, id), ==, 0);

  /* Remove the last place of the panel */
  n_places = nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE);
  g_assert_cmpuint (n_places, >, 1);
  row = nd_entity_panel_get_row (panel, ND_ENTITY_PLACE, n_places - 1);
  name = g_strdup (nd_entity_get_name (nd_entity_panel_row_get_entity (row)));
  n_mentions = nd_entity_get_n_mentions (nd_entity_panel_row_get_entity (row));
  q.name = name;
  g_assert_true (gtk_widget_activate_action (row, "entity.remove", NULL));
  g_assert_true (wait_for (row_is_gone, &q, TIMEOUT_MS));
  g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE), ==, n_places - 1);
  toast = g_strdup_printf ("Removed “%s” from this article", name);
  g_assert_cmpstr (nd_window_get_last_toast (f->window), ==, toast);
  g_assert_cmpuint (count_corrections (f, id), ==, 1);

  /* Undo: the place is back with its mentions, the correction is gone */
  press_undo (f);
  g_assert_true (wait_for (row_is_shown, &q, TIMEOUT_MS));
  g_assert_cmpuint (nd_entity_panel_get_n_rows (panel, ND_ENTITY_PLACE), ==, n_places);
  row = nd_entity_panel_find_row (panel, ND_ENTITY_PLACE, name);
  g_assert_cmpuint (nd_entity_get_n_mentions (nd_entity_panel_row_get_entity (row)), ==, n_mentions);
  g_assert_cmpuint (count_corrections (f, id), ==, 0);
  article = nd_database_load_article (f->database, id, NULL);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < nd_article_get_entities (article)->len; i++)
      {
        NdEntity *e = g_ptr_array_index (nd_article_get_entities (article), i);

        found = found || (nd_entity_get_kind (e) == ND_ENTITY_PLACE && g_strcmp0 (nd_entity_get_name (e), name) == 0);
      }
    g_assert_true (found);
  }

  /* the toast goes once its Undo is pressed */
  g_assert_true (wait_for (undo_button_gone, f, TIMEOUT_MS));

  /* A change of kind, undone: back under Places */
  g_assert_true (gtk_widget_activate_action (row, "entity.set-kind", "s", "organization"));
  g_assert_true (wait_for (row_is_gone, &q, TIMEOUT_MS));
  q.kind = ND_ENTITY_ORGANIZATION;
  g_assert_true (row_is_shown (&q));
  g_assert_cmpuint (count_corrections (f, id), ==, 1);
  press_undo (f);
  q.kind = ND_ENTITY_PLACE;
  g_assert_true (wait_for (row_is_shown, &q, TIMEOUT_MS));
  q.kind = ND_ENTITY_ORGANIZATION;
  g_assert_false (row_is_shown (&q));
  g_assert_cmpuint (count_corrections (f, id), ==, 0);
}

/* Places of the same name ------------------------------------------------- */

static const char *
row_text (GtkWidget *row)
{
  /* the row's name label: the first label of its box */
  for (GtkWidget *w = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c))
        return gtk_label_get_text (GTK_LABEL (c));

  return NULL;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Cairo, Egypt and Cairo, Georgia: two rows of the desk's places, each
 * with its country, both reached by keyboard; either shows the articles
 * about a Cairo */
static void
test_browser_same_name_places (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *egypt = g_build_filename (f->dir, "egypt.txt", NULL);
  g_autofree char *georgia = g_build_filename (f->dir, "georgia.txt", NULL);
  const char *paths[] = { egypt, georgia, NULL };
  NdEntityBrowser *browser = ND_ENTITY_BROWSER (nd_window_get_entity_browser (f->window));
  gboolean seen_egypt = FALSE, seen_us = FALSE;
  guint n_cairo = 0;
  GtkWidget *focus;

  write_text (egypt,
              "Talks resume in Cairo\n\n"
              "CAIRO, Egypt — Egyptian mediators met delegations in Cairo on Monday, the foreign "
              "ministry said. Officials in Egypt expect a second round in Alexandria next week.\n");
  write_text (georgia,
              "Cairo council backs new park\n\n"
              "CAIRO, Ga. — The city council of Cairo, Georgia, voted on Tuesday to build a park near "
              "Thomasville, Georgia. The mayor of Cairo said work starts in spring in Grady County, Georgia.\n");

  f->import_done = FALSE;
  nd_window_import_paths (f->window, paths);
  g_assert_true (wait_for (import_is_done, f, TIMEOUT_MS));
  pump (50);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entity-browser", NULL));
  g_assert_true (wait_for (widget_is_mapped, browser, TIMEOUT_MS));
  nd_entity_browser_set_kind (browser, ND_ENTITY_PLACE);
  nd_entity_browser_refresh (browser);
  pump (50);

  for (guint i = 0; i < nd_entity_browser_get_n_rows (browser, ND_ENTITY_PLACE); i++)
    {
      GtkWidget *row = nd_entity_browser_get_row (browser, ND_ENTITY_PLACE, i);
      NdEntity *entity = nd_entity_browser_row_get_entity (row);

      g_test_message ("place row: %s", row_text (row));
      if (g_strcmp0 (nd_entity_get_name (entity), "Cairo") != 0)
        continue;
      n_cairo++;
      if (g_strcmp0 (row_text (row), "Cairo (Egypt)") == 0)
        seen_egypt = TRUE;
      if (g_strcmp0 (row_text (row), "Cairo (United States)") == 0)
        seen_us = TRUE;
    }
  g_assert_cmpuint (n_cairo, ==, 2);
  g_assert_true (seen_egypt);
  g_assert_true (seen_us);

  /* by keyboard: Tab to a Cairo row, Enter: the articles about a Cairo */
  focus = tab_to (f, -1, nd_entity_browser_find_row (browser, ND_ENTITY_PLACE, "Cairo"), 600);
  g_assert_true (gtk_widget_activate (focus));
  pump (100);
  g_assert_cmpstr (nd_article_store_get_entity (f->store), ==, "Cairo");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
}

/* Real key presses ------------------------------------------------------- */

/* Presses and releases a key through the X server (the XTest extension
 * of Xvfb), as a keyboard does: GTK then sees a real key event. FALSE
 * when that is not possible here (not X11, no libXtst). */
static gboolean
press_real_key (Fixture *f,
                guint    keyval)
{
#ifdef GDK_WINDOWING_X11
  /* libX11 is in the process already (GTK's X11 backend); libXtst comes
   * with the accessibility stack */
  typedef int (*FakeKeyEvent) (Display *, unsigned int, Bool, unsigned long);
  typedef KeyCode (*KeysymToKeycode) (Display *, KeySym);
  typedef int (*SetInputFocus) (Display *, Window, int, Time);
  typedef int (*Flush) (Display *);
  static FakeKeyEvent fake_key_event = NULL;
  static KeysymToKeycode keysym_to_keycode = NULL;
  static SetInputFocus set_input_focus = NULL;
  static Flush flush = NULL;
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  Display *xdisplay;
  Window xid;
  KeyCode keycode;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;

  if (fake_key_event == NULL)
    {
      void *xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);
      void *x11 = dlopen ("libX11.so.6", RTLD_NOW | RTLD_LOCAL);

      if (xtst == NULL || x11 == NULL)
        return FALSE;
      keysym_to_keycode = (KeysymToKeycode) dlsym (x11, "XKeysymToKeycode");
      set_input_focus = (SetInputFocus) dlsym (x11, "XSetInputFocus");
      flush = (Flush) dlsym (x11, "XFlush");
      fake_key_event = (FakeKeyEvent) dlsym (xtst, "XTestFakeKeyEvent");
      if (keysym_to_keycode == NULL || set_input_focus == NULL || flush == NULL)
        fake_key_event = NULL;
      if (fake_key_event == NULL)
        return FALSE;
    }

  xdisplay = gdk_x11_display_get_xdisplay (display);
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window)));
  keycode = keysym_to_keycode (xdisplay, keyval);
  if (keycode == 0)
    return FALSE;

  /* no window manager under Xvfb: give the window the keyboard */
  set_input_focus (xdisplay, xid, RevertToParent, CurrentTime);
  fake_key_event (xdisplay, keycode, True, CurrentTime);
  fake_key_event (xdisplay, keycode, False, CurrentTime);
  flush (xdisplay);

  return TRUE;
#else
  return FALSE;
#endif
}

typedef struct
{
  Fixture   *f;
  GtkWidget *before;
} FocusMove;

static gboolean
focus_moved_visibly (gpointer data)
{
  FocusMove *move = data;

  return focus_of (move->f) != move->before &&
         gtk_window_get_focus_visible (GTK_WINDOW (move->f->window));
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("ND_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir != NULL && *dir != '\0' ? dir : ".", name, NULL);
  g_autoptr(GError) error = NULL;

  /* the focus ring fades in (200 ms), and stays 3 s */
  pump (500);
  if (!nd_window_save_screenshot (f->window, path, &error))
    g_error ("Could not save %s: %s", path, error->message);
  g_test_message ("screenshot: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* A real Tab moves the focus and makes it visible (GTK draws focus rings
 * after a key press, hides them after a click, and again 3 s after the
 * last key press) */
static void
test_focus_visible (Fixture       *f,
                    gconstpointer  data)
{
  FocusMove move = { f, NULL };
  GtkWidget *row;

  load_samples_and_select (f);

  /* the focus just before the first row of the entity panel, the focus
   * rings off as after a click */
  row = tab_to (f, TARGET_ENTITY_ROW, NULL, 400);
  press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_true (focus_of (f) != row);
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), FALSE);
  g_assert_false (gtk_widget_has_visible_focus (focus_of (f)));
  move.before = focus_of (f);

  if (!press_real_key (f, GDK_KEY_Tab))
    {
      g_test_skip ("No X11 display with the XTest extension: cannot press a real key");
      return;
    }
  if (!wait_for (focus_moved_visibly, &move, TIMEOUT_MS))
    {
      g_autofree char *name = describe (focus_of (f));

      g_error ("After a real Tab the focus is on %s, focus-visible %d",
               name, gtk_window_get_focus_visible (GTK_WINDOW (f->window)));
    }
  g_assert_true (focus_of (f) == row);
  g_assert_true (gtk_widget_has_visible_focus (row));

  /* for a person to look at: the row with its focus ring */
  save_screenshot (f, "newsdesk-keyboard-focus.png");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  app = ui_test_application_new ();
  if (app == NULL)
    return 77;

  g_test_add ("/keyboard/tab-walk", Fixture, NULL, fixture_setup, test_tab_walk, fixture_teardown);
  g_test_add ("/keyboard/shortcuts-are-real", Fixture, NULL, fixture_setup, test_shortcuts_are_real, fixture_teardown);
  g_test_add ("/keyboard/undo-correction", Fixture, NULL, fixture_setup, test_undo_correction, fixture_teardown);
  g_test_add ("/keyboard/browser-same-name-places", Fixture, NULL, fixture_setup, test_browser_same_name_places, fixture_teardown);
  g_test_add ("/keyboard/focus-visible", Fixture, NULL, fixture_setup, test_focus_visible, fixture_teardown);

  return g_test_run ();
}
