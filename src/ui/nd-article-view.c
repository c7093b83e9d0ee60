/* nd-article-view.c — the detail view: one article, or a multi-selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the title, source, dates, tags and body of the selected article.
 * Edits go through the NdArticleStore; the view refreshes its header when
 * the store emits article-changed for the article shown, and its tag
 * suggestions on tags-changed. The suggestions are listed when an
 * article is first selected, not at start: counting the tags of a large
 * desk is not needed for the window's first frame.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nd-article-view.h"
#include "nd-body-view.h"
#include "nd-entity-panel.h"
#include "nd-map-view.h"
#include "nd-tag-editor.h"
#include "nd-ui-util.h"

struct _NdArticleView
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *article_scroller;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkWidget         *star_button;
  GtkWidget         *read_button;
  NdTagEditor       *tag_editor;
  NdBodyView        *body_view;
  AdwFlap           *flap;
  GtkWidget         *side_switcher;
  GtkStack          *side_stack;
  GtkStackPage      *trips_page;
  GtkLabel          *trips_heading;
  GtkLabel          *trips_subtitle;
  GtkWidget         *trips_back_button;
  GtkDropDown       *traveller_dropdown;
  GtkStringList     *traveller_list;
  gboolean           updating_travellers;
  gboolean           suggestions_listed;
  NdMapPanel        *map_panel;
  NdEntityPanel     *entity_panel;
  AdwStatusPage     *multi_page;
  NdTagEditor       *multi_tag_editor;

  NdArticleStore    *store;
  GArray            *ids;        /* gint64, the selection shown */
  gint64             article_id; /* the article shown, or 0 */
  GPtrArray         *entities;   /* NdEntity, of the article shown */
  GPtrArray         *itineraries; /* NdItinerary, of the article shown */
  char              *article_title;
  GPtrArray         *map_stops;  /* NdStop, as on the map panel */
  char              *traveller;  /* whose desk-wide trips are shown, or NULL */
};

G_DEFINE_FINAL_TYPE (NdArticleView, nd_article_view, GTK_TYPE_WIDGET)

static void
show_error (NdArticleView *self,
            const GError  *error)
{
  nd_ui_show_toast (GTK_WIDGET (self), error->message);
}

static void
update_header (NdArticleView *self,
               NdArticle     *article)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *published = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *meta = NULL;
  const char *source;
  gboolean starred, editable;
  gboolean read;

  gtk_label_set_label (self->title_label, nd_article_get_title (article));

  source = nd_article_get_source (article);
  if (source != NULL && *source != '\0')
    g_ptr_array_add (parts, g_strdup (source));

  published = nd_ui_format_date (nd_article_get_published (article));
  if (published != NULL)
    /* Translators: %s is a date */
    g_ptr_array_add (parts, g_strdup_printf (_("Published %s"), published));

  imported = nd_ui_format_datetime (nd_article_get_imported (article));
  if (imported != NULL)
    /* Translators: %s is a date and time */
    g_ptr_array_add (parts, g_strdup_printf (_("Imported %s"), imported));

  g_ptr_array_add (parts, NULL);
  meta = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->meta_label, meta);

  starred = nd_article_get_starred (article);
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  nd_ui_set_icon_button_label (self->star_button,
                               starred ? _("Unstar (Ctrl+D)") : _("Star (Ctrl+D)"));
  if (starred)
    gtk_widget_add_css_class (self->star_button, "starred");
  else
    gtk_widget_remove_css_class (self->star_button, "starred");

  read = nd_article_get_read (article);
  gtk_button_set_icon_name (GTK_BUTTON (self->read_button),
                            read ? "mail-unread-symbolic" : "mail-read-symbolic");
  nd_ui_set_icon_button_label (self->read_button,
                               read ? _("Mark as Unread (Ctrl+U)") : _("Mark as Read (Ctrl+U)"));

  nd_tag_editor_set_tags (self->tag_editor, nd_article_get_tags (article));

  /* a read-only desk takes no tags */
  editable = self->store == NULL ||
             !nd_database_is_read_only (nd_article_store_get_database (self->store));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_editor), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->multi_tag_editor), editable);
}

static gboolean
same_string (const char *a,
             const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
same_entity (NdEntity *a,
             NdEntity *b)
{
  double alat = 0, alon = 0, blat = 0, blon = 0;
  guint n = nd_entity_get_n_mentions (a);

  if (nd_entity_get_kind (a) != nd_entity_get_kind (b) ||
      !same_string (nd_entity_get_name (a), nd_entity_get_name (b)) ||
      !same_string (nd_entity_get_role (a), nd_entity_get_role (b)) ||
      !same_string (nd_entity_get_country (a), nd_entity_get_country (b)) ||
      !same_string (nd_entity_get_value (a), nd_entity_get_value (b)) ||
      nd_entity_has_coordinates (a) != nd_entity_has_coordinates (b) ||
      n != nd_entity_get_n_mentions (b))
    return FALSE;

  if (nd_entity_has_coordinates (a))
    {
      nd_entity_get_coordinates (a, &alat, &alon);
      nd_entity_get_coordinates (b, &blat, &blon);
      if (alat != blat || alon != blon)
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const NdMention *ma = nd_entity_get_mention (a, i);
      const NdMention *mb = nd_entity_get_mention (b, i);

      if (ma->start != mb->start || ma->end != mb->end)
        return FALSE;
    }

  return TRUE;
}

static gboolean
same_entities (GPtrArray *a,
               GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return a == b;

  for (guint i = 0; i < a->len; i++)
    if (!same_entity (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

/* Highlights the mentions and lists the entities of the article shown;
 * nothing changes when they are the same (a tag or the read state
 * changed), so that the panel keeps its focus and scroll position. */
static void
update_entities (NdArticleView *self,
                 NdArticle     *article,
                 gboolean       force)
{
  GPtrArray *entities = nd_article_get_entities (article);

  if (!force && same_entities (self->entities, entities))
    return;

  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = g_ptr_array_ref (entities);

  nd_body_view_set_entities (self->body_view, entities);
  nd_entity_panel_set_article (self->entity_panel, self->article_id, entities);
}


/* Trips ------------------------------------------------------------------- */

static guint
traveller_colour (GPtrArray  *travellers,
                  const char *name)
{
  for (guint i = 0; i < travellers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (travellers, i), name) == 0)
      return i % ND_MAP_N_COLOURS;

  g_ptr_array_add (travellers, g_strdup (name));
  return (travellers->len - 1) % ND_MAP_N_COLOURS;
}

static void
set_trips_page_visible (NdArticleView *self,
                        gboolean       visible)
{
  gtk_stack_page_set_visible (self->trips_page, visible);
  gtk_widget_set_visible (self->side_switcher, visible);
  if (!visible)
    gtk_stack_set_visible_child_name (self->side_stack, "entities");
}

/* Puts the stops (NdStop) on the map; with a traveller, the stops are
 * desk-wide (each from its own article) */
/* What the other articles say about a stop they give another time:
 * "⚠ “Blinken lands in Cairo” says Tuesday" */
static char *
conflict_text (GPtrArray    *desk_stops,
               const NdStop *stop)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < desk_stops->len; i++)
    {
      NdStop *other = g_ptr_array_index (desk_stops, i);

      if (other == stop || other->article_id == stop->article_id ||
          other->when == NULL || g_strcmp0 (other->place, stop->place) != 0 ||
          g_strcmp0 (other->when, stop->when) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: a conflict between articles on a traveller's
       * timeline: the first %s is the other article's title, the second
       * the time it gives for the same place ("Tuesday", "June 22") */
      g_string_append_printf (text, _("“%s” says %s"),
                              other->article_title != NULL ? other->article_title : "",
                              other->when);
    }
  if (text->len == 0)
    g_string_append (text, _("Another article gives another time"));
  g_string_prepend (text, "⚠ ");
  return g_string_free (text, FALSE);
}

static guint
show_stops (NdArticleView *self,
            GPtrArray     *itineraries,
            GPtrArray     *desk_stops,
            const char    *traveller)
{
  g_autoptr(GPtrArray) map_stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_map_stop_free);
  g_autoptr(GPtrArray) travellers = g_ptr_array_new_with_free_func (g_free);

  g_clear_pointer (&self->map_stops, g_ptr_array_unref);
  self->map_stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_stop_unref);

  for (guint i = 0; itineraries != NULL && i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      GPtrArray *stops = nd_itinerary_get_stops (itinerary);
      const char *name = nd_itinerary_get_traveller (itinerary);
      gboolean ordered = nd_itinerary_get_ordered (itinerary);
      guint colour = traveller_colour (travellers, name);

      for (guint j = 0; j < stops->len; j++)
        {
          NdStop *stop = g_ptr_array_index (stops, j);

          if (!stop->has_coordinates)
            continue;

          g_ptr_array_add (map_stops,
                           nd_map_stop_new (name, colour, stop->order, stop->place,
                                            stop->when, stop->purpose, self->article_title,
                                            stop->lat, stop->lon, ordered));
          g_ptr_array_add (self->map_stops, nd_stop_ref (stop));
        }
    }

  for (guint i = 0; desk_stops != NULL && i < desk_stops->len; i++)
    {
      NdStop *stop = g_ptr_array_index (desk_stops, i);
      g_autofree char *purpose = NULL;

      if (!stop->has_coordinates)
        continue;

      if (stop->conflict)
        {
          g_autofree char *other = conflict_text (desk_stops, stop);

          if (stop->purpose != NULL && *stop->purpose != '\0')
            purpose = g_strdup_printf ("%s · %s", other, stop->purpose);
          else
            purpose = g_steal_pointer (&other);
        }
      else
        purpose = g_strdup (stop->purpose);

      g_ptr_array_add (map_stops,
                       nd_map_stop_new (traveller, 0, map_stops->len + 1, stop->place,
                                        stop->when, purpose, stop->article_title,
                                        stop->lat, stop->lon, TRUE));
      g_ptr_array_add (self->map_stops, nd_stop_ref (stop));
    }

  nd_map_panel_set_stops (self->map_panel, map_stops);

  return map_stops->len;
}

static void
update_trips_heading (NdArticleView *self,
                      guint          n_stops)
{
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;

  if (self->traveller != NULL)
    {
      /* Translators: the heading of a person's trips across the desk */
      heading = g_strdup_printf (_("Trips of %s"), self->traveller);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u stop across the desk",
                                               "%u stops across the desk",
                                               n_stops),
                                  n_stops);
    }
  else
    {
      heading = g_strdup (_("Trips in This Article"));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u stop — choose one to find it in the text",
                                               "%u stops — choose one to find it in the text",
                                               n_stops),
                                  n_stops);
    }

  gtk_label_set_label (self->trips_heading, heading);
  gtk_label_set_label (self->trips_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->trips_subtitle), TRUE);
  gtk_widget_set_visible (self->trips_back_button, self->traveller != NULL);
}

/* Selects @name in the traveller dropdown (NULL: the article's own
 * trips), adding it when the article does not name it */
static void
select_traveller (NdArticleView *self,
                  const char    *name)
{
  GListModel *list = G_LIST_MODEL (self->traveller_list);
  guint n = g_list_model_get_n_items (list);
  guint selected = 0;

  /* "Witkoff" is the "Mitch Witkoff" of the list */
  for (guint i = 1; name != NULL && i < n && selected == 0; i++)
    {
      const char *item = gtk_string_list_get_string (self->traveller_list, i);
      gsize item_len = strlen (item), name_len = strlen (name);

      if (g_ascii_strcasecmp (item, name) == 0 ||
          (item_len > name_len && item[item_len - name_len - 1] == ' ' &&
           g_ascii_strcasecmp (item + item_len - name_len, name) == 0))
        selected = i;
    }
  self->updating_travellers = TRUE;
  if (name != NULL && selected == 0)
    {
      gtk_string_list_append (self->traveller_list, name);
      selected = n;
    }
  gtk_drop_down_set_selected (self->traveller_dropdown, selected);
  self->updating_travellers = FALSE;
}

/* "Everyone in This Article", then each person travelling in it */
static void
fill_travellers (NdArticleView *self)
{
  GListModel *list = G_LIST_MODEL (self->traveller_list);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  /* Translators: the first choice of the traveller dropdown on the
   * Trips page: the trips of every traveller of the article shown */
  g_ptr_array_add (names, (gpointer) _("Everyone in This Article"));
  for (guint i = 0; self->itineraries != NULL && i < self->itineraries->len; i++)
    {
      const char *name = nd_itinerary_get_traveller (g_ptr_array_index (self->itineraries, i));
      gboolean seen = FALSE;

      for (guint j = 1; j < names->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (names, j), name) == 0;
      if (!seen && name != NULL)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  self->updating_travellers = TRUE;
  gtk_string_list_splice (self->traveller_list, 0, g_list_model_get_n_items (list),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->traveller_dropdown, 0);
  self->updating_travellers = FALSE;
}

static void
show_article_trips (NdArticleView *self)
{
  guint n;

  g_clear_pointer (&self->traveller, g_free);
  n = show_stops (self, self->itineraries, NULL, NULL);
  update_trips_heading (self, n);
  set_trips_page_visible (self, n > 0);
  select_traveller (self, NULL);
}

static void
on_traveller_selected (NdArticleView *self,
                       GParamSpec    *pspec,
                       GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (self->updating_travellers || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == 0)
    show_article_trips (self);
  else if (!nd_article_view_show_traveller_trips (self,
                                                  gtk_string_list_get_string (self->traveller_list, selected),
                                                  &error))
    show_error (self, error);
}

/* The trips of the article shown; hides the page when it has none */
static void
update_trips (NdArticleView *self,
              NdArticle     *article)
{
  GPtrArray *itineraries = article != NULL ? nd_article_get_itineraries (article) : NULL;
  guint n;

  g_clear_pointer (&self->itineraries, g_ptr_array_unref);
  g_clear_pointer (&self->traveller, g_free);
  g_clear_pointer (&self->article_title, g_free);

  if (itineraries != NULL)
    self->itineraries = g_ptr_array_ref (itineraries);
  if (article != NULL)
    self->article_title = g_strdup (nd_article_get_title (article));

  n = show_stops (self, self->itineraries, NULL, NULL);
  update_trips_heading (self, n);
  set_trips_page_visible (self, n > 0);
  fill_travellers (self);
}

static void
show_article (NdArticleView *self,
              gint64         id)
{
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *vadjustment;

  article = nd_database_load_article (nd_article_store_get_database (self->store), id, &error);
  if (article == NULL)
    {
      self->article_id = 0;
      g_clear_pointer (&self->entities, g_ptr_array_unref);
      nd_entity_panel_set_article (self->entity_panel, 0, NULL);
      update_trips (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "none");
      show_error (self, error);
      return;
    }

  self->article_id = id;
  update_header (self, article);
  nd_body_view_set_body (self->body_view, nd_article_get_body (article));
  update_entities (self, article, TRUE);
  update_trips (self, article);

  vadjustment = gtk_scrolled_window_get_vadjustment (self->article_scroller);
  gtk_adjustment_set_value (vadjustment, 0);

  gtk_stack_set_visible_child_name (self->stack, "article");
}

static void
on_article_changed (NdArticleView  *self,
                    gint64          id,
                    NdArticleStore *store)
{
  g_autoptr(NdArticle) article = NULL;

  if (id == 0 || id != self->article_id)
    return;

  /* the body does not change; the entities may (a correction) */
  article = nd_database_load_article (nd_article_store_get_database (store), id, NULL);
  if (article != NULL)
    {
      update_header (self, article);
      update_entities (self, article, FALSE);
    }
}

static void
update_suggestions (NdArticleView *self)
{
  g_autoptr(GPtrArray) tags = NULL;

  if (self->store == NULL)
    return;

  self->suggestions_listed = TRUE;
  tags = nd_article_store_list_tags (self->store);
  nd_tag_editor_set_suggestions (self->tag_editor, tags);
  nd_tag_editor_set_suggestions (self->multi_tag_editor, tags);
}

static void
on_tags_changed (NdArticleView  *self,
                 NdArticleStore *store)
{
  update_suggestions (self);
}

static void
on_tag_added (NdArticleView *self,
              const char    *tag,
              NdTagEditor   *editor)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->article_id == 0)
    return;

  if (!nd_article_store_add_tag (self->store, self->article_id, tag, &error))
    show_error (self, error);
}

static void
on_tag_removed (NdArticleView *self,
                const char    *tag,
                NdTagEditor   *editor)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->article_id == 0)
    return;

  if (!nd_article_store_remove_tag (self->store, self->article_id, tag, &error))
    show_error (self, error);
}

static void
on_multi_tag_added (NdArticleView *self,
                    const char    *tag,
                    NdTagEditor   *editor)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *message = NULL;
  guint tagged = 0;

  if (self->store == NULL || self->ids->len == 0)
    return;

  /* the store may change the selection while we tag (a tag filter) */
  ids = g_array_copy (self->ids);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!nd_article_store_add_tag (self->store, g_array_index (ids, gint64, i), tag, &error))
        {
          show_error (self, error);
          break;
        }
      tagged++;
    }

  if (tagged > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Tagged %u article with “%s”",
                                              "Tagged %u articles with “%s”",
                                              tagged),
                                 tagged, tag);
      nd_ui_show_toast (GTK_WIDGET (self), message);
    }
}

static void
on_stop_activated (NdArticleView *self,
                   guint          index,
                   NdMapPanel    *panel)
{
  NdStop *stop;

  if (self->map_stops == NULL || index >= self->map_stops->len)
    return;

  stop = g_ptr_array_index (self->map_stops, index);

  /* a stop from another article: say which (its body is not shown) */
  if (self->traveller != NULL && stop->article_id != 0 && stop->article_id != self->article_id)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the title of the article that mentions a stop */
      message = g_strdup_printf (_("From “%s”"), stop->article_title != NULL ? stop->article_title : "");
      nd_ui_show_toast (GTK_WIDGET (self), message);
      return;
    }

  if (stop->evidence_end > stop->evidence_start)
    nd_body_view_reveal_range (self->body_view, stop->evidence_start, stop->evidence_end);
}

static void
on_show_trips (NdArticleView *self,
               const char    *name,
               NdEntityPanel *panel)
{
  g_autoptr(GError) error = NULL;

  if (!nd_article_view_show_traveller_trips (self, name, &error))
    show_error (self, error);
}

static void
on_trips_back_clicked (NdArticleView *self,
                       GtkButton     *button)
{
  show_article_trips (self);
}

static void
nd_article_view_dispose (GObject *object)
{
  NdArticleView *self = (NdArticleView *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ARTICLE_VIEW);

  G_OBJECT_CLASS (nd_article_view_parent_class)->dispose (object);
}

static void
nd_article_view_finalize (GObject *object)
{
  NdArticleView *self = (NdArticleView *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->itineraries, g_ptr_array_unref);
  g_clear_pointer (&self->map_stops, g_ptr_array_unref);
  g_clear_pointer (&self->article_title, g_free);
  g_clear_pointer (&self->traveller, g_free);

  G_OBJECT_CLASS (nd_article_view_parent_class)->finalize (object);
}

static void
nd_article_view_class_init (NdArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_article_view_dispose;
  object_class->finalize = nd_article_view_finalize;

  g_type_ensure (ND_TYPE_TAG_EDITOR);
  g_type_ensure (ND_TYPE_BODY_VIEW);
  g_type_ensure (ND_TYPE_ENTITY_PANEL);
  g_type_ensure (ND_TYPE_MAP_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, stack);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, article_scroller);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, star_button);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, read_button);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, tag_editor);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, body_view);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, flap);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, entity_panel);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, side_switcher);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, side_stack);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, trips_page);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, trips_heading);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, trips_subtitle);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, trips_back_button);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, traveller_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, traveller_list);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, map_panel);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, multi_page);
  gtk_widget_class_bind_template_child (widget_class, NdArticleView, multi_tag_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_added);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_removed);
  gtk_widget_class_bind_template_callback (widget_class, on_multi_tag_added);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show_trips);
  gtk_widget_class_bind_template_callback (widget_class, on_trips_back_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndarticleview");
}

static void
nd_article_view_init (NdArticleView *self)
{
  GtkWidget *entry;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect_object (self->traveller_dropdown, "notify::selected",
                           G_CALLBACK (on_traveller_selected), self, G_CONNECT_SWAPPED);

  entry = nd_tag_editor_get_entry (self->multi_tag_editor);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Tag all selected articles…"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 26);
}

GtkWidget *
nd_article_view_new (void)
{
  return g_object_new (ND_TYPE_ARTICLE_VIEW, NULL);
}

void
nd_article_view_set_store (NdArticleView  *self,
                           NdArticleStore *store)
{
  g_return_if_fail (ND_IS_ARTICLE_VIEW (self));
  g_return_if_fail (store == NULL || ND_IS_ARTICLE_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  nd_entity_panel_set_store (self->entity_panel, store);

  nd_article_view_set_selection (self, NULL, 0);

  if (store != NULL)
    {
      g_signal_connect_object (store, "article-changed",
                               G_CALLBACK (on_article_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "tags-changed",
                               G_CALLBACK (on_tags_changed), self,
                               G_CONNECT_SWAPPED);
      /* listed when an article is selected */
      self->suggestions_listed = FALSE;
    }
}

void
nd_article_view_set_selection (NdArticleView *self,
                               const gint64  *ids,
                               guint          n_ids)
{
  g_return_if_fail (ND_IS_ARTICLE_VIEW (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_array_set_size (self->ids, 0);
  if (n_ids > 0)
    g_array_append_vals (self->ids, ids, n_ids);

  if (n_ids > 0 && !self->suggestions_listed)
    update_suggestions (self);

  if (n_ids == 0 || self->store == NULL)
    {
      self->article_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "none");
      nd_entity_panel_set_article (self->entity_panel, 0, NULL);
    }
  else if (n_ids == 1)
    {
      if (ids[0] != self->article_id ||
          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "article") != 0)
        show_article (self, ids[0]);
    }
  else
    {
      g_autofree char *title = NULL;

      self->article_id = 0;
      nd_entity_panel_set_article (self->entity_panel, 0, NULL);
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u Article Selected",
                                            "%u Articles Selected",
                                            n_ids),
                               n_ids);
      adw_status_page_set_title (self->multi_page, title);
      gtk_stack_set_visible_child_name (self->stack, "multi");
    }
}

gint64
nd_article_view_get_article_id (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), 0);

  return self->article_id;
}

const char *
nd_article_view_get_page (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
nd_article_view_get_title (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  if (self->article_id == 0)
    return NULL;

  return gtk_label_get_label (self->title_label);
}

char **
nd_article_view_dup_tags (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return nd_tag_editor_dup_tags (self->tag_editor);
}

GtkWidget *
nd_article_view_get_tag_entry (NdArticleView *self)
{
  const char *page;

  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "article") == 0)
    return nd_tag_editor_get_entry (self->tag_editor);
  if (g_strcmp0 (page, "multi") == 0)
    return nd_tag_editor_get_entry (self->multi_tag_editor);

  return NULL;
}

gboolean
nd_article_view_focus_tag_entry (NdArticleView *self)
{
  GtkWidget *entry;

  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);

  entry = nd_article_view_get_tag_entry (self);
  if (entry == NULL)
    return FALSE;

  return gtk_widget_grab_focus (entry);
}

GtkWidget *
nd_article_view_get_body_view (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return GTK_WIDGET (self->body_view);
}

GtkWidget *
nd_article_view_get_tag_chip (NdArticleView *self,
                              const char    *tag)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return nd_tag_editor_get_chip (self->tag_editor, tag);
}

GtkWidget *
nd_article_view_get_entity_panel (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return GTK_WIDGET (self->entity_panel);
}

gboolean
nd_article_view_get_entity_panel_shown (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

void
nd_article_view_reload (NdArticleView *self)
{
  g_return_if_fail (ND_IS_ARTICLE_VIEW (self));

  if (self->store == NULL || self->article_id == 0)
    return;

  if (!nd_database_has_article (nd_article_store_get_database (self->store), self->article_id))
    {
      nd_article_view_set_selection (self, NULL, 0);
      return;
    }

  {
    g_autoptr(NdArticle) article = nd_database_load_article (nd_article_store_get_database (self->store),
                                                             self->article_id, NULL);

    if (article != NULL)
      {
        update_header (self, article);
        update_entities (self, article, TRUE);
        /* the stops are built again with the entities */
        if (self->traveller == NULL)
          update_trips (self, article);
      }
  }
}

GtkWidget *
nd_article_view_get_map_panel (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return GTK_WIDGET (self->map_panel);
}

gboolean
nd_article_view_has_trips (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);

  return self->article_id != 0 && gtk_stack_page_get_visible (self->trips_page);
}

gboolean
nd_article_view_show_trips (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);

  if (!nd_article_view_has_trips (self))
    return FALSE;

  gtk_stack_set_visible_child_name (self->side_stack, "trips");
  adw_flap_set_reveal_flap (self->flap, TRUE);

  return TRUE;
}

gboolean
nd_article_view_get_trips_shown (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);

  return nd_article_view_has_trips (self) &&
         adw_flap_get_reveal_flap (self->flap) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "trips") == 0;
}

gboolean
nd_article_view_show_traveller_trips (NdArticleView  *self,
                                      const char     *name,
                                      GError        **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  guint n;

  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;

  stops = nd_database_list_traveller_stops (nd_article_store_get_database (self->store), name, error);
  if (stops == NULL)
    return FALSE;

  select_traveller (self, name);
  g_free (self->traveller);
  /* the name as the dropdown shows it: "Witkoff" is "Mitch Witkoff" */
  self->traveller = g_strdup (gtk_string_list_get_string (self->traveller_list,
                                                          gtk_drop_down_get_selected (self->traveller_dropdown)));
  n = show_stops (self, NULL, stops, self->traveller);
  update_trips_heading (self, n);
  set_trips_page_visible (self, TRUE);

  return nd_article_view_show_trips (self);
}

/**
 * nd_article_view_get_traveller_dropdown:
 *
 * Returns: (transfer none): the Trips page's dropdown that chooses whose
 * trips the map shows: the article's, or one traveller's across the desk
 */
GtkWidget *
nd_article_view_get_traveller_dropdown (NdArticleView *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_VIEW (self), NULL);

  return GTK_WIDGET (self->traveller_dropdown);
}
