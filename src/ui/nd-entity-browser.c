/* nd-entity-browser.c — the people, places and organisations mentioned
 * most across the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages (people, places, organisations), each a list bound to a
 * GListStore of the top entities from nd_database_list_entities() with
 * the number of articles that mention them. Activating a row filters the
 * article list (win.filter-entity). The lists are read again, shortly
 * after and only while the browser is shown, when the store announces a
 * change; a filter change leaves the counts as they are, so the rows are
 * only replaced when the counts differ.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-entity-browser.h"
#include "nd-entity-ui.h"

#define N_PAGES 3
#define N_ARTICLES_KEY "nd-n-articles"
/* set on a place when another place of the page has its name */
#define AMBIGUOUS_KEY "nd-ambiguous"
#define REFRESH_DELAY_MS 100

static const NdEntityKind page_kinds[N_PAGES] = {
  ND_ENTITY_PERSON,
  ND_ENTITY_PLACE,
  ND_ENTITY_ORGANIZATION,
};

typedef struct
{
  GtkWidget  *button;    /* in the switcher */
  GtkWidget  *scroller;
  GtkListBox *list;
  GListStore *model;   /* NdEntity, N_ARTICLES_KEY set */
} Page;

struct _NdEntityBrowser
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *switcher;
  GtkStack       *stack;
  Page            pages[N_PAGES];

  NdArticleStore *store;
  guint           refresh_id;
  gboolean        dirty;
};

G_DEFINE_FINAL_TYPE (NdEntityBrowser, nd_entity_browser, GTK_TYPE_WIDGET)

static Page *
get_page (NdEntityBrowser *self,
          NdEntityKind     kind)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (page_kinds[i] == kind)
      return &self->pages[i];

  return NULL;
}

static const char *
page_name (NdEntityKind kind)
{
  return nd_entity_kind_to_string (kind);
}

static const char *
empty_text (NdEntityKind kind)
{
  switch (kind)
    {
    case ND_ENTITY_PLACE:
      return _("No places in the desk yet");
    case ND_ENTITY_ORGANIZATION:
      return _("No organisations in the desk yet");
    case ND_ENTITY_PERSON:
    default:
      return _("No people in the desk yet");
    }
}

/* Rows -------------------------------------------------------------------- */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  NdEntity *entity = item;
  const char *name = nd_entity_get_name (entity);
  guint n_articles = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entity), N_ARTICLES_KEY));
  g_autofree char *count_text = g_strdup_printf ("%u", n_articles);
  g_autofree char *articles = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *swatch = g_object_new (GTK_TYPE_BOX,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    NULL);
  g_autofree char *shown_name = NULL;
  GtkWidget *name_label;
  GtkWidget *count = gtk_label_new (count_text);

  /* places of the same name (Cairo, Egypt and Cairo, Georgia) are told
   * apart by their country */
  if (g_object_get_data (G_OBJECT (entity), AMBIGUOUS_KEY) != NULL &&
      nd_entity_ui_country_name (nd_entity_get_country (entity)) != NULL &&
      g_strcmp0 (nd_entity_ui_country_name (nd_entity_get_country (entity)), name) != 0)
    name = shown_name =
      /* Translators: a place told apart from another of the same name by its
       * country: "Cairo (Egypt)" */
      g_strdup_printf (C_("place name", "%s (%s)"), name,
                       nd_entity_ui_country_name (nd_entity_get_country (entity)));
  name_label = gtk_label_new (name);

  gtk_widget_add_css_class (swatch, "entity-swatch");
  gtk_widget_add_css_class (swatch, nd_entity_ui_kind_css_class (nd_entity_get_kind (entity)));
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  articles = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u article",
                                           "%u articles",
                                           n_articles),
                              n_articles);
  /* Translators: the tooltip of a row of the entity browser: "Show the
   * articles that mention “Cairo” (3 articles)" */
  tooltip = g_strdup_printf (_("Show the articles that mention “%s” (%s)"), name, articles);
  gtk_widget_set_tooltip_text (row, tooltip);
  /* Translators: a row of the entity browser for a screen reader:
   * "Cairo, 3 articles" */
  label = g_strdup_printf (C_("entity browser row", "%s, %s"), name, articles);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  g_object_set_data_full (G_OBJECT (row), "nd-entity", g_object_ref (entity), g_object_unref);

  return row;
}

static void
sync_selection (NdEntityBrowser *self)
{
  const char *filter = self->store != NULL ? nd_article_store_get_entity (self->store) : NULL;
  g_autofree char *folded = filter != NULL ? g_utf8_casefold (filter, -1) : NULL;

  for (guint i = 0; i < N_PAGES; i++)
    {
      Page *page = &self->pages[i];
      GtkListBoxRow *selected = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (page->model));

      for (guint j = 0; folded != NULL && j < n && selected == NULL; j++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (page->list, (int) j);
          NdEntity *entity = nd_entity_browser_row_get_entity (GTK_WIDGET (row));
          g_autofree char *name = g_utf8_casefold (nd_entity_get_name (entity), -1);

          if (g_strcmp0 (name, folded) == 0)
            selected = row;
        }

      if (selected != NULL)
        gtk_list_box_select_row (page->list, selected);
      else
        gtk_list_box_unselect_all (page->list);
    }
}

static void
on_row_activated (NdEntityBrowser *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list)
{
  NdEntity *entity = nd_entity_browser_row_get_entity (GTK_WIDGET (row));

  if (entity != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.filter-entity", "s",
                                nd_entity_get_name (entity));
}

/* Refresh ----------------------------------------------------------------- */

static gboolean
same_entities (GListModel *model,
               GPtrArray  *counts)
{
  if (g_list_model_get_n_items (model) != counts->len)
    return FALSE;

  for (guint i = 0; i < counts->len; i++)
    {
      g_autoptr(NdEntity) old = g_list_model_get_item (model, i);
      NdEntityCount *count = g_ptr_array_index (counts, i);

      if (g_strcmp0 (nd_entity_get_name (old), nd_entity_get_name (count->entity)) != 0 ||
          g_strcmp0 (nd_entity_get_country (old), nd_entity_get_country (count->entity)) != 0 ||
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (old), N_ARTICLES_KEY)) != count->n_articles)
        return FALSE;
    }

  return TRUE;
}

static void
refresh_page (NdEntityBrowser *self,
              NdEntityKind     kind)
{
  Page *page = get_page (self, kind);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    {
      counts = nd_database_list_entities (nd_article_store_get_database (self->store),
                                          kind, ND_ENTITY_BROWSER_LIMIT, &error);
      if (counts == NULL)
        g_warning ("Cannot list the entities of the desk: %s", error->message);
    }
  if (counts == NULL)
    counts = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_entity_count_free);

  if (same_entities (G_LIST_MODEL (page->model), counts))
    return;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < counts->len; i++)
    {
      NdEntityCount *count = g_ptr_array_index (counts, i);
      gboolean ambiguous = FALSE;

      for (guint j = 0; j < counts->len && !ambiguous; j++)
        ambiguous = j != i &&
                    g_strcmp0 (nd_entity_get_name (count->entity),
                               nd_entity_get_name (((NdEntityCount *) g_ptr_array_index (counts, j))->entity)) == 0;

      g_object_set_data (G_OBJECT (count->entity), N_ARTICLES_KEY, GUINT_TO_POINTER (count->n_articles));
      g_object_set_data (G_OBJECT (count->entity), AMBIGUOUS_KEY, GUINT_TO_POINTER (ambiguous));
      g_ptr_array_add (items, g_object_ref (count->entity));
    }

  g_list_store_splice (page->model, 0, g_list_model_get_n_items (G_LIST_MODEL (page->model)),
                       items->pdata, items->len);
}

static gboolean
refresh_timeout (gpointer data)
{
  NdEntityBrowser *self = data;

  self->refresh_id = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    nd_entity_browser_refresh (self);
  else
    self->dirty = TRUE;

  return G_SOURCE_REMOVE;
}

/* A burst of changes (an import) is one refresh */
static void
queue_refresh (NdEntityBrowser *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_full (G_PRIORITY_DEFAULT, REFRESH_DELAY_MS,
                                           refresh_timeout, self, NULL);
}

static void
on_items_changed (NdEntityBrowser *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  queue_refresh (self);
}

static void
on_article_changed (NdEntityBrowser *self,
                    gint64           id,
                    NdArticleStore  *store)
{
  queue_refresh (self);
}

static void
on_entity_filter_changed (NdEntityBrowser *self,
                          GParamSpec      *pspec,
                          NdArticleStore  *store)
{
  sync_selection (self);
}

/* The switcher: toggle buttons as wide as their labels (a stack switcher
 * makes them all as wide as "Organisations", too wide for the sidebar) */
static void
on_switcher_toggled (NdEntityBrowser *self,
                     GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i].button == GTK_WIDGET (button))
      gtk_stack_set_visible_child (self->stack, self->pages[i].scroller);
}

static void
on_visible_page_changed (NdEntityBrowser *self,
                         GParamSpec      *pspec,
                         GtkStack        *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i].scroller == visible)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pages[i].button), TRUE);
}

/* GObject ----------------------------------------------------------------- */

static void
nd_entity_browser_map (GtkWidget *widget)
{
  NdEntityBrowser *self = ND_ENTITY_BROWSER (widget);

  GTK_WIDGET_CLASS (nd_entity_browser_parent_class)->map (widget);

  if (self->dirty)
    nd_entity_browser_refresh (self);
}

static void
nd_entity_browser_dispose (GObject *object)
{
  NdEntityBrowser *self = ND_ENTITY_BROWSER (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ENTITY_BROWSER);

  for (guint i = 0; i < N_PAGES; i++)
    g_clear_object (&self->pages[i].model);

  G_OBJECT_CLASS (nd_entity_browser_parent_class)->dispose (object);
}

static void
nd_entity_browser_class_init (NdEntityBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_entity_browser_dispose;
  widget_class->map = nd_entity_browser_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-entity-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, NdEntityBrowser, box);
  gtk_widget_class_bind_template_child (widget_class, NdEntityBrowser, switcher);
  gtk_widget_class_bind_template_child (widget_class, NdEntityBrowser, stack);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndentitybrowser");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_entity_browser_init (NdEntityBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entities in the desk"),
                                  -1);

  for (guint i = 0; i < N_PAGES; i++)
    {
      NdEntityKind kind = page_kinds[i];
      Page *page = &self->pages[i];
      GtkWidget *placeholder = gtk_label_new (empty_text (kind));
      GtkWidget *label;

      gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
      gtk_widget_add_css_class (placeholder, "dim-label");
      gtk_widget_set_margin_top (placeholder, 18);
      gtk_widget_set_margin_bottom (placeholder, 18);
      gtk_widget_set_margin_start (placeholder, 12);
      gtk_widget_set_margin_end (placeholder, 12);

      page->model = g_list_store_new (ND_TYPE_ENTITY);
      page->list = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (page->list, GTK_SELECTION_SINGLE);
      gtk_list_box_set_activate_on_single_click (page->list, TRUE);
      gtk_list_box_set_placeholder (page->list, placeholder);
      gtk_widget_add_css_class (GTK_WIDGET (page->list), "navigation-sidebar");
      gtk_accessible_update_property (GTK_ACCESSIBLE (page->list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, nd_entity_ui_kind_title (kind),
                                      -1);
      gtk_list_box_bind_model (page->list, G_LIST_MODEL (page->model), create_row, self, NULL);
      g_signal_connect_object (page->list, "row-activated",
                               G_CALLBACK (on_row_activated), self,
                               G_CONNECT_SWAPPED);

      page->scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page->scroller),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page->scroller), GTK_WIDGET (page->list));

      gtk_stack_add_titled (self->stack, page->scroller, page_name (kind),
                            nd_entity_ui_kind_title (kind));

      page->button = gtk_toggle_button_new ();
      label = gtk_label_new (nd_entity_ui_kind_title (kind));
      /* a narrow sidebar shortens them rather than grow */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_button_set_child (GTK_BUTTON (page->button), label);
      gtk_widget_set_tooltip_text (page->button, nd_entity_ui_kind_title (kind));
      gtk_widget_set_hexpand (page->button, TRUE);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (page->button),
                                     GTK_TOGGLE_BUTTON (self->pages[0].button));
      g_signal_connect_object (page->button, "toggled",
                               G_CALLBACK (on_switcher_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->switcher), page->button);
    }

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pages[0].button), TRUE);
  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self,
                           G_CONNECT_SWAPPED);
}

/* Public API -------------------------------------------------------------- */

GtkWidget *
nd_entity_browser_new (void)
{
  return g_object_new (ND_TYPE_ENTITY_BROWSER, NULL);
}

void
nd_entity_browser_set_store (NdEntityBrowser *self,
                             NdArticleStore  *store)
{
  g_return_if_fail (ND_IS_ENTITY_BROWSER (self));
  g_return_if_fail (store == NULL || ND_IS_ARTICLE_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "items-changed",
                               G_CALLBACK (on_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "article-changed",
                               G_CALLBACK (on_article_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::entity",
                               G_CALLBACK (on_entity_filter_changed), self,
                               G_CONNECT_SWAPPED);
    }

  self->dirty = TRUE;
  queue_refresh (self);
}

void
nd_entity_browser_refresh (NdEntityBrowser *self)
{
  g_return_if_fail (ND_IS_ENTITY_BROWSER (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->dirty = FALSE;

  for (guint i = 0; i < N_PAGES; i++)
    refresh_page (self, page_kinds[i]);

  sync_selection (self);
}

NdEntityKind
nd_entity_browser_get_kind (NdEntityBrowser *self)
{
  NdEntityKind kind = ND_ENTITY_PERSON;

  g_return_val_if_fail (ND_IS_ENTITY_BROWSER (self), ND_ENTITY_PERSON);

  nd_entity_kind_from_string (gtk_stack_get_visible_child_name (self->stack), &kind);

  return kind;
}

void
nd_entity_browser_set_kind (NdEntityBrowser *self,
                            NdEntityKind     kind)
{
  g_return_if_fail (ND_IS_ENTITY_BROWSER (self));
  g_return_if_fail (get_page (self, kind) != NULL);

  gtk_stack_set_visible_child_name (self->stack, page_name (kind));
}

guint
nd_entity_browser_get_n_rows (NdEntityBrowser *self,
                              NdEntityKind     kind)
{
  Page *page;

  g_return_val_if_fail (ND_IS_ENTITY_BROWSER (self), 0);

  page = get_page (self, kind);
  return page != NULL ? g_list_model_get_n_items (G_LIST_MODEL (page->model)) : 0;
}

GtkWidget *
nd_entity_browser_get_row (NdEntityBrowser *self,
                           NdEntityKind     kind,
                           guint            index)
{
  Page *page;
  GtkListBoxRow *row;

  g_return_val_if_fail (ND_IS_ENTITY_BROWSER (self), NULL);

  page = get_page (self, kind);
  if (page == NULL)
    return NULL;

  row = gtk_list_box_get_row_at_index (page->list, (int) index);
  return row != NULL ? GTK_WIDGET (row) : NULL;
}

GtkWidget *
nd_entity_browser_find_row (NdEntityBrowser *self,
                            NdEntityKind     kind,
                            const char      *name)
{
  guint n;

  g_return_val_if_fail (ND_IS_ENTITY_BROWSER (self), NULL);

  n = nd_entity_browser_get_n_rows (self, kind);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = nd_entity_browser_get_row (self, kind, i);

      if (g_strcmp0 (nd_entity_get_name (nd_entity_browser_row_get_entity (row)), name) == 0)
        return row;
    }

  return NULL;
}

NdEntity *
nd_entity_browser_row_get_entity (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), "nd-entity");
}

guint
nd_entity_browser_row_get_n_articles (GtkWidget *row)
{
  NdEntity *entity;

  g_return_val_if_fail (GTK_IS_WIDGET (row), 0);

  entity = nd_entity_browser_row_get_entity (row);
  return entity != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entity), N_ARTICLES_KEY)) : 0;
}
