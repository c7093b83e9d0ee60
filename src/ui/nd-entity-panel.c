/* nd-entity-panel.c — the people, places, organisations and dates of the
 * article shown, with the extractor's corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One section per kind, each a boxed list bound to a GListStore of the
 * article's entities (most mentioned first). A row shows the name, a
 * detail (role, country and coordinates, date) and the number of
 * mentions; activating it filters the article list to every article that
 * mentions the entity (win.filter-entity). Its menu corrects the
 * extractor through the row's "entity" actions; corrections go through
 * nd_article_store_correct_entity(), which emits article-changed, and the
 * article view gives the panel the corrected entities.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "nd-entity-panel.h"
#include "nd-entity-ui.h"
#include "nd-extract-key.h"
#include "nd-gazetteer.h"
#include "nd-ui-util.h"
#include "nd-window.h"

#define MAX_PLACE_CANDIDATES 30

typedef struct
{
  GtkWidget  *box;
  GtkLabel   *count_label;
  GtkListBox *list;
  GListStore *model;    /* NdEntity */
} Section;

struct _NdEntityPanel
{
  GtkWidget       parent_instance;

  GtkScrolledWindow *scroller;
  GtkWidget      *content;
  GtkWidget      *empty_label;
  Section         sections[ND_ENTITY_N_KINDS];

  NdArticleStore *store;
  gint64          article_id;
  GtkWidget      *place_chooser;   /* weak */
};

G_DEFINE_FINAL_TYPE (NdEntityPanel, nd_entity_panel, GTK_TYPE_WIDGET)

enum {
  SHOW_TRIPS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_ENTITY_KEY "nd-entity"

/* Display order of the sections */
static const NdEntityKind section_order[ND_ENTITY_N_KINDS] = {
  ND_ENTITY_PERSON,
  ND_ENTITY_PLACE,
  ND_ENTITY_ORGANIZATION,
  ND_ENTITY_DATE,
};

/* A correction waiting for the menu that asked for it to close */
typedef struct
{
  GWeakRef      panel;
  gint64        article_id;
  NdCorrection *correction;
  char         *message;
} PendingCorrection;

/* What the place chooser corrects */
typedef struct
{
  GWeakRef       panel;
  gint64         article_id;
  NdEntityKind   kind;
  char          *name;
  GPtrArray     *places;     /* const NdPlace *, owned by the gazetteer */
  GPtrArray     *checks;     /* GtkCheckButton *, one per place */
  guint          current;    /* the place the entity is, or G_MAXUINT */
} PlaceChoice;

static void
pending_correction_free (PendingCorrection *pending)
{
  g_weak_ref_clear (&pending->panel);
  nd_correction_free (pending->correction);
  g_free (pending->message);
  g_free (pending);
}

static void
place_choice_free (PlaceChoice *choice)
{
  g_weak_ref_clear (&choice->panel);
  g_free (choice->name);
  g_ptr_array_unref (choice->places);
  g_ptr_array_unref (choice->checks);
  g_free (choice);
}

/* Corrections ------------------------------------------------------------- */

/* What the Undo button of a correction's toast takes back */
typedef struct
{
  GWeakRef          store;
  GWeakRef          panel;
  NdCorrectionUndo *undo;
} UndoData;

static void
undo_data_free (gpointer data,
                GClosure *closure)
{
  UndoData *undo_data = data;

  g_weak_ref_clear (&undo_data->store);
  g_weak_ref_clear (&undo_data->panel);
  nd_correction_undo_free (undo_data->undo);
  g_free (undo_data);
}

static void
on_undo_clicked (AdwToast *toast,
                 UndoData *undo_data)
{
  g_autoptr(NdArticleStore) store = g_weak_ref_get (&undo_data->store);
  g_autoptr(NdEntityPanel) panel = g_weak_ref_get (&undo_data->panel);
  g_autoptr(GError) error = NULL;

  if (store == NULL || undo_data->undo == NULL)
    return;

  if (!nd_article_store_undo_correction (store, undo_data->undo, &error) && panel != NULL)
    nd_ui_show_toast (GTK_WIDGET (panel), error->message);

  /* once: a second click finds nothing to take back */
  g_clear_pointer (&undo_data->undo, nd_correction_undo_free);
}

/* Shows the toast of a correction, with an Undo button that takes it
 * back (takes `undo`) */
static void
show_correction_toast (NdEntityPanel    *self,
                       const char       *message,
                       NdCorrectionUndo *undo)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  UndoData *undo_data;
  AdwToast *toast;

  if (!ND_IS_WINDOW (root))
    {
      nd_correction_undo_free (undo);
      nd_ui_show_toast (GTK_WIDGET (self), message);
      return;
    }

  undo_data = g_new0 (UndoData, 1);
  g_weak_ref_init (&undo_data->store, self->store);
  g_weak_ref_init (&undo_data->panel, self);
  undo_data->undo = undo;

  toast = nd_ui_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked",
                         G_CALLBACK (on_undo_clicked), undo_data,
                         undo_data_free, 0);
  nd_window_add_toast (ND_WINDOW (root), toast);
}

static gboolean
apply_pending_correction (gpointer data)
{
  PendingCorrection *pending = data;
  g_autoptr(NdEntityPanel) self = g_weak_ref_get (&pending->panel);
  g_autoptr(GError) error = NULL;
  NdCorrectionUndo *undo;

  if (self == NULL || self->store == NULL)
    return G_SOURCE_REMOVE;

  undo = nd_article_store_correct_entity_with_undo (self->store, pending->article_id,
                                                    pending->correction, &error);
  if (undo == NULL)
    nd_ui_show_toast (GTK_WIDGET (self), error->message);
  else
    show_correction_toast (self, pending->message, undo);

  return G_SOURCE_REMOVE;
}

/* The rows are rebuilt when the correction lands; run it once the menu
 * that asked for it has closed, not from inside the row's popover. */
static void
correct_later (NdEntityPanel *self,
               NdCorrection  *correction,
               char          *message)
{
  PendingCorrection *pending = g_new0 (PendingCorrection, 1);

  g_weak_ref_init (&pending->panel, self);
  pending->article_id = self->article_id;
  pending->correction = correction;
  pending->message = message;

  g_idle_add_full (G_PRIORITY_DEFAULT, apply_pending_correction, pending,
                   (GDestroyNotify) pending_correction_free);
}

static NdEntityPanel *
get_panel (GtkWidget *row)
{
  GtkWidget *panel = gtk_widget_get_ancestor (row, ND_TYPE_ENTITY_PANEL);

  return panel != NULL ? ND_ENTITY_PANEL (panel) : NULL;
}

static void
row_show_articles (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWidget *row = user_data;
  NdEntity *entity = nd_entity_panel_row_get_entity (row);

  gtk_widget_activate_action (row, "win.filter-entity", "s", nd_entity_get_name (entity));
}

static void
row_show_trips (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWidget *row = user_data;
  NdEntityPanel *self = get_panel (row);
  NdEntity *entity = nd_entity_panel_row_get_entity (row);

  if (self == NULL)
    return;

  g_signal_emit (self, signals[SHOW_TRIPS], 0, nd_entity_get_name (entity));
}

static void
row_remove (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GtkWidget *row = user_data;
  NdEntityPanel *self = get_panel (row);
  NdEntity *entity = nd_entity_panel_row_get_entity (row);
  NdCorrection *correction;

  if (self == NULL || self->article_id == 0)
    return;

  correction = nd_correction_new (ND_CORRECTION_REMOVE,
                                  nd_entity_get_kind (entity),
                                  nd_entity_get_name (entity));
  correct_later (self, correction,
                 /* Translators: a toast after removing an entity from an article */
                 g_strdup_printf (_("Removed “%s” from this article"), nd_entity_get_name (entity)));
}

static void
row_set_kind (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWidget *row = user_data;
  NdEntityPanel *self = get_panel (row);
  NdEntity *entity = nd_entity_panel_row_get_entity (row);
  NdCorrection *correction;
  NdEntityKind kind;

  if (self == NULL || self->article_id == 0 ||
      !nd_entity_kind_from_string (g_variant_get_string (parameter, NULL), &kind) ||
      kind == nd_entity_get_kind (entity))
    return;

  correction = nd_correction_new (ND_CORRECTION_SET_KIND,
                                  nd_entity_get_kind (entity),
                                  nd_entity_get_name (entity));
  correction->new_kind = kind;
  correct_later (self, correction,
                 /* Translators: a toast after changing an entity's kind:
                  * "“Hamas” is now under Organisations" */
                 g_strdup_printf (_("“%s” is now under %s"),
                                  nd_entity_get_name (entity),
                                  nd_entity_ui_kind_title (kind)));
}

/* The place chooser ------------------------------------------------------- */

static const char *
place_kind_label (NdPlaceKind kind)
{
  switch (kind)
    {
    case ND_PLACE_COUNTRY:
      return C_("place kind", "Country");
    case ND_PLACE_REGION:
      return C_("place kind", "Region");
    case ND_PLACE_AREA:
      return C_("place kind", "Area");
    case ND_PLACE_CONTINENT:
      return C_("place kind", "Continent");
    case ND_PLACE_CITY:
    default:
      return C_("place kind", "City");
    }
}

static void
add_candidates (GPtrArray  *places,
                const char *text)
{
  g_autofree char *key = NULL;
  const NdPlace *found[MAX_PLACE_CANDIDATES];
  guint n;

  if (text == NULL || (key = nd_extract_key_dup (text, -1)) == NULL)
    return;

  n = nd_gazetteer_lookup (nd_gazetteer_get_default (), key, found, G_N_ELEMENTS (found));
  n = MIN (n, G_N_ELEMENTS (found));

  for (guint i = 0; i < n && places->len < MAX_PLACE_CANDIDATES; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < places->len && !seen; j++)
        {
          const NdPlace *other = g_ptr_array_index (places, j);

          seen = other == found[i] ||
                 (g_strcmp0 (other->name, found[i]->name) == 0 &&
                  g_strcmp0 (other->country, found[i]->country) == 0 &&
                  other->lat == found[i]->lat && other->lon == found[i]->lon);
        }

      if (!seen)
        g_ptr_array_add (places, (gpointer) found[i]);
    }
}

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const NdPlace *pa = *(const NdPlace **) a;
  const NdPlace *pb = *(const NdPlace **) b;

  if (pa->population != pb->population)
    return pa->population > pb->population ? -1 : 1;
  if (pa->kind != pb->kind)
    return pa->kind < pb->kind ? -1 : 1;

  return g_strcmp0 (pa->name, pb->name);
}

/* The gazetteer's places that the entity's name or mentions may mean,
 * most populous first */
static GPtrArray *
collect_place_candidates (NdEntity *entity)
{
  GPtrArray *places = g_ptr_array_new ();

  add_candidates (places, nd_entity_get_name (entity));
  for (guint i = 0; i < nd_entity_get_n_mentions (entity); i++)
    add_candidates (places, nd_entity_get_mention (entity, i)->text);

  g_ptr_array_sort (places, compare_places);

  return places;
}

static gboolean
place_is_entity (const NdPlace *place,
                 NdEntity      *entity)
{
  double lat, lon;

  /* not by name: a chosen place may have a name of its own */
  if (!nd_entity_has_coordinates (entity) ||
      g_strcmp0 (place->country, nd_entity_get_country (entity)) != 0)
    return FALSE;

  nd_entity_get_coordinates (entity, &lat, &lon);

  return fabs (place->lat - lat) < 0.01 && fabs (place->lon - lon) < 0.01;
}

static char *
describe_place (const NdPlace *place)
{
  g_autoptr(NdEntity) entity = nd_entity_new (ND_ENTITY_PLACE, place->name);
  g_autofree char *coordinates = NULL;
  g_autofree char *population = NULL;

  nd_entity_set_coordinates (entity, place->lat, place->lon);
  coordinates = nd_entity_ui_format_coordinates (entity);

  if (place->population > 0)
    {
      /* Translators: the population of a place, with thousands grouped as
       * the locale does ("pop. 9,606,916") */
      population = g_strdup_printf (_("pop. %'u"), place->population);
      /* Translators: a place in the place chooser: its kind, population
       * and coordinates, "City, pop. 9,606,916 · 30.06° N, 31.25° E" */
      return g_strdup_printf (_("%s, %s · %s"), place_kind_label (place->kind), population, coordinates);
    }

  /* Translators: a place in the place chooser: its kind and coordinates,
   * "Region · 29.95° N, 31.54° E" */
  return g_strdup_printf (_("%s · %s"), place_kind_label (place->kind), coordinates);
}

static char *
place_title (const NdPlace *place)
{
  const char *country = nd_entity_ui_country_name (place->country);

  if (country == NULL || g_strcmp0 (country, place->name) == 0)
    return g_strdup (place->name);

  if (place->kind == ND_PLACE_CITY &&
      place->admin1 != NULL && *place->admin1 != '\0' &&
      !g_ascii_isdigit (place->admin1[0]) && strlen (place->admin1) <= 3)
    /* Translators: a place, its country and the code of its region:
     * "Cairo — United States (GA)" */
    return g_strdup_printf (_("%s — %s (%s)"), place->name, country, place->admin1);

  /* Translators: a place and its country: "Cairo — Egypt" */
  return g_strdup_printf (_("%s — %s"), place->name, country);
}

/* The name the chosen place gets in the desk. A desk knows one place per
 * name (FORMATS.md: kind and canonical name identify an entity), so
 * another place of the same name needs a name of its own: "Cairo (GA,
 * United States)". */
static char *
chosen_place_name (const NdPlace *place,
                   const char    *current_name)
{
  const char *country = nd_entity_ui_country_name (place->country);

  if (g_strcmp0 (place->name, current_name) != 0 || country == NULL)
    return g_strdup (place->name);

  if (place->kind == ND_PLACE_CITY && place->admin1 != NULL && *place->admin1 != '\0' &&
      !g_ascii_isdigit (place->admin1[0]) && strlen (place->admin1) <= 3)
    /* Translators: a place told apart from another of the same name by
     * its region code and country: "Cairo (GA, United States)" */
    return g_strdup_printf (C_("place name", "%s (%s, %s)"), place->name, place->admin1, country);

  if (place->kind != ND_PLACE_CITY)
    {
      g_autofree char *kind = g_utf8_strdown (place_kind_label (place->kind), -1);

      /* Translators: a place told apart from another of the same name by
       * its country and kind: "Cairo (Egypt, region)" */
      return g_strdup_printf (C_("place name", "%s (%s, %s)"), place->name, country, kind);
    }

  /* Translators: a place told apart from another of the same name by its
   * country: "Cairo (Egypt)" */
  return g_strdup_printf (C_("place name", "%s (%s)"), place->name, country);
}

static void
on_place_chooser_response (AdwMessageDialog *dialog,
                           const char       *response,
                           PlaceChoice      *choice)
{
  g_autoptr(NdEntityPanel) self = g_weak_ref_get (&choice->panel);

  if (self != NULL && self->store != NULL && g_strcmp0 (response, "choose") == 0)
    {
      for (guint i = 0; i < choice->checks->len; i++)
        {
          const NdPlace *place = g_ptr_array_index (choice->places, i);
          g_autoptr(NdCorrection) correction = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *title = NULL;
          g_autofree char *message = NULL;
          NdCorrectionUndo *undo;

          if (!gtk_check_button_get_active (g_ptr_array_index (choice->checks, i)))
            continue;

          if (i == choice->current)
            break;

          correction = nd_correction_new (ND_CORRECTION_SET_PLACE, choice->kind, choice->name);
          correction->new_name = chosen_place_name (place, choice->name);
          correction->country = g_strdup (place->country);
          correction->lat = place->lat;
          correction->lon = place->lon;

          /* the dialog is not inside the row: correct at once */
          undo = nd_article_store_correct_entity_with_undo (self->store, choice->article_id,
                                                            correction, &error);
          if (undo == NULL)
            {
              nd_ui_show_toast (GTK_WIDGET (self), error->message);
              break;
            }

          title = place_title (place);
          /* Translators: a toast after choosing another place, "“Cairo” is
           * now Cairo — United States (GA)" */
          message = g_strdup_printf (_("“%s” in this article is now %s"), choice->name, title);
          show_correction_toast (self, message, undo);
          break;
        }
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
show_place_chooser (NdEntityPanel *self,
                    NdEntity      *entity)
{
  g_autoptr(GPtrArray) places = collect_place_candidates (entity);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *list;
  GtkWidget *group = NULL;
  PlaceChoice *choice;
  GtkRoot *root;

  if (places->len == 0)
    {
      g_autofree char *message =
        /* Translators: a toast when the gazetteer has no place of that name */
        g_strdup_printf (_("NewsDesk knows no place called “%s”"), nd_entity_get_name (entity));

      nd_ui_show_toast (GTK_WIDGET (self), message);
      return;
    }

  if (self->place_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->place_chooser));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: the place chooser's heading; %s is a place name */
  heading = g_strdup_printf (_("Which “%s”?"), nd_entity_get_name (entity));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Choose the place this article means. NewsDesk keeps your choice when it extracts the article again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("C_hoose"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Places"),
                                  -1);

  choice = g_new0 (PlaceChoice, 1);
  g_weak_ref_init (&choice->panel, self);
  choice->article_id = self->article_id;
  choice->kind = nd_entity_get_kind (entity);
  choice->name = g_strdup (nd_entity_get_name (entity));
  choice->places = g_ptr_array_ref (places);
  choice->checks = g_ptr_array_new ();
  choice->current = G_MAXUINT;

  for (guint i = 0; i < places->len; i++)
    {
      const NdPlace *place = g_ptr_array_index (places, i);
      g_autofree char *title = place_title (place);
      g_autofree char *subtitle = describe_place (place);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
      else
        group = check;
      if (choice->current == G_MAXUINT && place_is_entity (place, entity))
        {
          choice->current = i;
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (choice->checks, check);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_place_chooser_response), choice,
                         (GClosureNotify) (void (*) (void)) place_choice_free, 0);

  g_set_weak_pointer (&self->place_chooser, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_choose_place (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWidget *row = user_data;
  NdEntityPanel *self = get_panel (row);

  if (self == NULL || self->article_id == 0)
    return;

  show_place_chooser (self, nd_entity_panel_row_get_entity (row));
}

/* Rows -------------------------------------------------------------------- */

static const GActionEntry row_actions[] = {
  { .name = "show-articles", .activate = row_show_articles },
  { .name = "show-trips", .activate = row_show_trips },
  { .name = "remove", .activate = row_remove },
  { .name = "set-kind", .activate = row_set_kind, .parameter_type = "s" },
  { .name = "choose-place", .activate = row_choose_place },
};

static const char *
kind_menu_label (NdEntityKind kind)
{
  switch (kind)
    {
    case ND_ENTITY_PLACE:
      return C_("change kind to", "P_lace");
    case ND_ENTITY_ORGANIZATION:
      return C_("change kind to", "_Organisation");
    case ND_ENTITY_DATE:
      return C_("change kind to", "_Date");
    case ND_ENTITY_PERSON:
    default:
      return C_("change kind to", "_Person");
    }
}

static GMenuModel *
create_row_menu (NdEntity *entity)
{
  g_autoptr(GMenu) show = g_menu_new ();
  g_autoptr(GMenu) correct = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  GMenu *menu = g_menu_new ();
  NdEntityKind kind = nd_entity_get_kind (entity);

  g_menu_append (show, _("_Show Articles Mentioning It"), "entity.show-articles");
  if (kind == ND_ENTITY_PERSON)
    g_menu_append (show, _("Show _Trips Across the Desk"), "entity.show-trips");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (show));

  for (guint i = 0; i < G_N_ELEMENTS (section_order); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (section_order[i] == kind)
        continue;

      item = g_menu_item_new (kind_menu_label (section_order[i]), NULL);
      g_menu_item_set_action_and_target (item, "entity.set-kind", "s",
                                         nd_entity_kind_to_string (section_order[i]));
      g_menu_append_item (kinds, item);
    }

  if (kind == ND_ENTITY_PLACE)
    g_menu_append (correct, _("Choose Another _Place…"), "entity.choose-place");
  g_menu_append_submenu (correct, _("Change _Kind"), G_MENU_MODEL (kinds));
  g_menu_append (correct, _("_Not in This Article"), "entity.remove");
  /* Translators: the heading of the corrections in an entity's menu */
  g_menu_append_section (menu, _("Correct the Extractor"), G_MENU_MODEL (correct));

  return G_MENU_MODEL (menu);
}

static void
on_row_activated (NdEntityPanel *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  NdEntity *entity = nd_entity_panel_row_get_entity (GTK_WIDGET (row));

  if (entity != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.filter-entity", "s",
                                nd_entity_get_name (entity));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  NdEntityPanel *self = user_data;
  NdEntity *entity = item;
  const char *name = nd_entity_get_name (entity);
  guint n_mentions = nd_entity_get_n_mentions (entity);
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GMenuModel) menu = create_row_menu (entity);
  g_autofree char *detail = nd_entity_ui_dup_detail (entity);
  g_autofree char *count_text = g_strdup_printf ("%u", n_mentions);
  g_autofree char *mentioned = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *menu_label = NULL;
  g_autofree char *description = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new (count_text);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GAction *choose_place;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* Translators: the tooltip of an entity in the entity panel */
  tooltip = g_strdup_printf (_("Show every article that mentions “%s”"), name);
  gtk_widget_set_tooltip_text (row, tooltip);

  mentioned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Mentioned %u time in this article",
                                            "Mentioned %u times in this article",
                                            n_mentions),
                               n_mentions);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "entity-count");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (count, mentioned);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  /* Translators: the menu button of an entity in the entity panel */
  menu_label = g_strdup_printf (_("Correct “%s”"), name);
  nd_ui_set_icon_button_label (menu_button, menu_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  /* Translators: an entity row's accessible description, "Place, mentioned
   * 3 times in this article" */
  description = g_strdup_printf (C_("entity row", "%s, %s"),
                                 nd_entity_ui_kind_label (nd_entity_get_kind (entity)),
                                 mentioned);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  g_object_set_data_full (G_OBJECT (row), ROW_ENTITY_KEY, g_object_ref (entity), g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (actions),
                                   row_actions, G_N_ELEMENTS (row_actions),
                                   row);
  choose_place = g_action_map_lookup_action (G_ACTION_MAP (actions), "choose-place");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (choose_place),
                               nd_entity_get_kind (entity) == ND_ENTITY_PLACE);
  /* a read-only desk takes no corrections */
  if (self->store != NULL &&
      nd_database_is_read_only (nd_article_store_get_database (self->store)))
    {
      const char *corrections[] = { "remove", "set-kind", "choose-place" };

      for (guint i = 0; i < G_N_ELEMENTS (corrections); i++)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (actions),
                                                                                  corrections[i])),
                                     FALSE);
    }
  gtk_widget_insert_action_group (row, "entity", G_ACTION_GROUP (actions));

  return row;
}

static Section *
get_section (NdEntityPanel *self,
             NdEntityKind   kind)
{
  return (guint) kind < ND_ENTITY_N_KINDS ? &self->sections[kind] : NULL;
}

static void
create_section (NdEntityPanel *self,
                NdEntityKind   kind)
{
  Section *section = &self->sections[kind];
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = g_object_new (GTK_TYPE_BOX,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    NULL);
  GtkWidget *title;
  GtkWidget *count = gtk_label_new (NULL);

  section->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (section->box, "entity-section");

  /* the colour the text is highlighted with: a legend */
  gtk_widget_add_css_class (swatch, "entity-swatch");
  gtk_widget_add_css_class (swatch, nd_entity_ui_kind_css_class (kind));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  title = g_object_new (GTK_TYPE_LABEL,
                        "label", nd_entity_ui_kind_title (kind),
                        "xalign", 0.0f,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        NULL);
  gtk_widget_add_css_class (title, "heading");

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_hexpand (count, TRUE);
  gtk_label_set_xalign (GTK_LABEL (count), 1.0f);
  section->count_label = GTK_LABEL (count);

  gtk_box_append (GTK_BOX (header), swatch);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), count);
  gtk_box_append (GTK_BOX (section->box), header);

  section->model = g_list_store_new (ND_TYPE_ENTITY);
  section->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (section->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (section->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, nd_entity_ui_kind_title (kind),
                                  -1);
  gtk_list_box_bind_model (section->list, G_LIST_MODEL (section->model),
                           create_row, self, NULL);
  g_signal_connect_object (section->list, "row-activated",
                           G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (section->box), GTK_WIDGET (section->list));

  gtk_widget_set_visible (section->box, FALSE);
  gtk_box_append (GTK_BOX (self->content), section->box);
}

/* GObject ----------------------------------------------------------------- */

static void
nd_entity_panel_dispose (GObject *object)
{
  NdEntityPanel *self = ND_ENTITY_PANEL (object);

  if (self->place_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->place_chooser));
  g_clear_weak_pointer (&self->place_chooser);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ENTITY_PANEL);

  for (guint i = 0; i < ND_ENTITY_N_KINDS; i++)
    g_clear_object (&self->sections[i].model);

  G_OBJECT_CLASS (nd_entity_panel_parent_class)->dispose (object);
}

static void
nd_entity_panel_class_init (NdEntityPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_entity_panel_dispose;

  /**
   * NdEntityPanel::show-trips:
   * @name: the person's name
   *
   * The person's menu asked for their trips across the desk.
   */
  signals[SHOW_TRIPS] =
    g_signal_new ("show-trips",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-entity-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, NdEntityPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, NdEntityPanel, content);
  gtk_widget_class_bind_template_child (widget_class, NdEntityPanel, empty_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndentitypanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_entity_panel_init (NdEntityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (section_order); i++)
    create_section (self, section_order[i]);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entities in this article"),
                                  -1);
}

/* Public API -------------------------------------------------------------- */

GtkWidget *
nd_entity_panel_new (void)
{
  return g_object_new (ND_TYPE_ENTITY_PANEL, NULL);
}

void
nd_entity_panel_set_store (NdEntityPanel  *self,
                           NdArticleStore *store)
{
  g_return_if_fail (ND_IS_ENTITY_PANEL (self));
  g_return_if_fail (store == NULL || ND_IS_ARTICLE_STORE (store));

  g_set_object (&self->store, store);
}

void
nd_entity_panel_set_article (NdEntityPanel *self,
                             gint64         id,
                             GPtrArray     *entities)
{
  guint total = 0;

  g_return_if_fail (ND_IS_ENTITY_PANEL (self));

  if (id != self->article_id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  self->article_id = id;

  for (guint i = 0; i < ND_ENTITY_N_KINDS; i++)
    {
      NdEntityKind kind = section_order[i];
      Section *section = get_section (self, kind);
      g_autoptr(GPtrArray) sorted = nd_entity_ui_sort_by_mentions (id != 0 ? entities : NULL, kind);
      g_autofree char *count = g_strdup_printf ("%u", sorted->len);

      g_list_store_splice (section->model, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (section->model)),
                           sorted->pdata, sorted->len);
      gtk_label_set_label (section->count_label, count);
      gtk_widget_set_visible (section->box, sorted->len > 0);
      total += sorted->len;
    }

  gtk_widget_set_visible (self->empty_label, total == 0);
}

gint64
nd_entity_panel_get_article_id (NdEntityPanel *self)
{
  g_return_val_if_fail (ND_IS_ENTITY_PANEL (self), 0);

  return self->article_id;
}

guint
nd_entity_panel_get_n_rows (NdEntityPanel *self,
                            NdEntityKind   kind)
{
  Section *section;

  g_return_val_if_fail (ND_IS_ENTITY_PANEL (self), 0);

  section = get_section (self, kind);
  return section != NULL ? g_list_model_get_n_items (G_LIST_MODEL (section->model)) : 0;
}

GtkWidget *
nd_entity_panel_get_row (NdEntityPanel *self,
                         NdEntityKind   kind,
                         guint          index)
{
  Section *section;
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_ENTITY_PANEL (self), NULL);

  section = get_section (self, kind);
  if (section == NULL)
    return NULL;

  row = gtk_list_box_get_row_at_index (section->list, (int) index);

  return row != NULL ? GTK_WIDGET (row) : NULL;
}

GtkWidget *
nd_entity_panel_find_row (NdEntityPanel *self,
                          NdEntityKind   kind,
                          const char    *name)
{
  guint n;

  g_return_val_if_fail (ND_IS_ENTITY_PANEL (self), NULL);

  n = nd_entity_panel_get_n_rows (self, kind);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = nd_entity_panel_get_row (self, kind, i);

      if (row != NULL &&
          g_strcmp0 (nd_entity_get_name (nd_entity_panel_row_get_entity (row)), name) == 0)
        return row;
    }

  return NULL;
}

NdEntity *
nd_entity_panel_row_get_entity (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), ROW_ENTITY_KEY);
}

GtkWidget *
nd_entity_panel_get_place_chooser (NdEntityPanel *self)
{
  g_return_val_if_fail (ND_IS_ENTITY_PANEL (self), NULL);

  return self->place_chooser;
}
