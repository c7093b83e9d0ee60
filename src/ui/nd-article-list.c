/* nd-article-list.c — the list of articles with multi-selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView over a GtkMultiSelection over the NdArticleStore. Rows
 * are bound in bind and cleared in unbind; a row is refreshed when the
 * store emits article-changed for its article.
 *
 * The first frame (cold start): GtkListView 4.8 creates, binds and
 * measures about 200 rows when it gets its model, whatever its height:
 * ten times the rows a window shows. Until the list has been drawn once
 * it therefore sees only the first articles (a GtkSliceListModel), as
 * many as rows of MIN_ROW_HEIGHT fit the height of the screen it is
 * mapped on, and right after that first frame all of them: an insertion
 * after the rows on screen, so the scroll position stays, and nothing
 * can be selected before it. Whatever reads or changes the selection
 * shows all of them first.
 *
 * The store, likewise, reads only the ids of its first page before that
 * frame (and counts the others: the list has its true length at once),
 * and the rest in the same step after it
 * (nd_article_store_read_first()).
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-article-list.h"
#include "nd-article-row.h"

struct _NdArticleList
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scroller;
  GtkListView       *list_view;

  NdArticleStore    *store;
  /* the store, or only its first page until the list's first frame */
  GtkSliceListModel *first_page;
  GtkMultiSelection *selection;
  GHashTable        *bound_rows;   /* set of NdArticleRow */

  gulong             after_paint_handler;
  GdkFrameClock     *frame_clock;
  guint              show_all_source;
};

G_DEFINE_FINAL_TYPE (NdArticleList, nd_article_list, GTK_TYPE_WIDGET)

/* Less than the height of the shortest row (a title of one line and
 * the source), in pixels: the first frame gets a screen's height of
 * them; 3,000 pixels when the screen is not known */
#define MIN_ROW_HEIGHT 48
#define UNKNOWN_SCREEN_HEIGHT 3000

/* The ids the store reads before the first frame: more than the rows of
 * any screen (reading one costs about a microsecond) */
#define STORE_FIRST_PAGE 256

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The snippet a row shows: none when not searching; while searching the
 * article's, which the store fills in after the rows are shown (until
 * then an empty line keeps its place) */
static const char *
row_snippet (NdArticleList *self,
             NdArticle     *article)
{
  const char *search = nd_article_store_get_search (self->store);

  if (search == NULL || *search == '\0')
    return NULL;

  return nd_article_get_snippet (article) != NULL ? nd_article_get_snippet (article) : "";
}

static void
update_row (NdArticleList *self,
            NdArticleRow  *row,
            NdArticle     *article)
{
  nd_article_row_set_article (row, article, row_snippet (self, article));
}

/* The store set an article's snippet: only its row changes (the model
 * does not, so the selection and the scroll position stay) */
static void
on_snippet_changed (NdArticleList *self,
                    GParamSpec    *pspec,
                    NdArticle     *article)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (nd_article_row_get_id (key) == nd_article_get_id (article))
      update_row (self, key, article);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          NdArticleList            *self)
{
  gtk_list_item_set_child (item, nd_article_row_new ());
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         NdArticleList            *self)
{
  NdArticleRow *row = ND_ARTICLE_ROW (gtk_list_item_get_child (item));
  NdArticle *article = gtk_list_item_get_item (item);

  update_row (self, row, article);
  g_hash_table_add (self->bound_rows, row);
  g_signal_connect_object (article, "notify::snippet",
                           G_CALLBACK (on_snippet_changed), self, G_CONNECT_SWAPPED);
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           NdArticleList            *self)
{
  NdArticleRow *row = ND_ARTICLE_ROW (gtk_list_item_get_child (item));
  NdArticle *article = gtk_list_item_get_item (item);

  if (article != NULL)
    g_signal_handlers_disconnect_by_func (article, on_snippet_changed, self);
  g_hash_table_remove (self->bound_rows, row);
  nd_article_row_set_article (row, NULL, NULL);
}

static void
on_article_changed (NdArticleList  *self,
                    gint64          id,
                    NdArticleStore *store)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      NdArticleRow *row = key;
      g_autoptr(NdArticle) article = NULL;
      guint position;

      if (nd_article_row_get_id (row) != id)
        continue;

      if (!nd_article_store_find (store, id, &position))
        continue;

      article = g_list_model_get_item (G_LIST_MODEL (store), position);
      if (article != NULL)
        update_row (self, row, article);
    }
}

static void
on_selection_changed (NdArticleList     *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
on_items_changed (NdArticleList *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
stop_waiting_for_first_frame (NdArticleList *self)
{
  /* (a frame clock that was disposed has no handlers left) */
  if (self->frame_clock != NULL && self->after_paint_handler != 0 &&
      g_signal_handler_is_connected (self->frame_clock, self->after_paint_handler))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_handler);
  self->after_paint_handler = 0;
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->show_all_source, g_source_remove);
}

static gboolean
show_all_rows_cb (gpointer data)
{
  NdArticleList *self = data;

  self->show_all_source = 0;
  nd_article_list_show_all_rows (self);

  return G_SOURCE_REMOVE;
}

/* The list's first frame is on screen: the other rows come next, before
 * any input is handled */
static void
on_after_paint (GdkFrameClock *frame_clock,
                NdArticleList *self)
{
  g_clear_signal_handler (&self->after_paint_handler, frame_clock);
  g_clear_object (&self->frame_clock);

  if (self->show_all_source == 0)
    self->show_all_source = g_idle_add_full (G_PRIORITY_HIGH, show_all_rows_cb, self, NULL);
}

/* How many rows a list on this screen can show at most */
static guint
first_page_size (NdArticleList *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = NULL;
  int height = UNKNOWN_SCREEN_HEIGHT;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (geometry.height > 0)
        height = geometry.height;
    }

  return (guint) height / MIN_ROW_HEIGHT + 2;
}

static void
on_list_view_map (NdArticleList *self)
{
  if (self->first_page == NULL ||
      gtk_slice_list_model_get_size (self->first_page) == G_MAXUINT ||
      self->frame_clock != NULL)
    return;

  /* the rows of the first frame, made before it is laid out */
  if (self->show_all_source == 0)
    gtk_slice_list_model_set_size (self->first_page, first_page_size (self));

  self->frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  if (self->frame_clock == NULL)
    {
      nd_article_list_show_all_rows (self);
      return;
    }

  g_object_ref (self->frame_clock);
  self->after_paint_handler = g_signal_connect (self->frame_clock, "after-paint",
                                                G_CALLBACK (on_after_paint), self);
}

/* Hidden before it was drawn: it waits for its first frame again */
static void
on_list_view_unmap (NdArticleList *self)
{
  if (self->show_all_source == 0)
    stop_waiting_for_first_frame (self);
}

static void
nd_article_list_dispose (GObject *object)
{
  NdArticleList *self = (NdArticleList *)object;

  stop_waiting_for_first_frame (self);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_page);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_ARTICLE_LIST);

  G_OBJECT_CLASS (nd_article_list_parent_class)->dispose (object);
}

static void
nd_article_list_finalize (GObject *object)
{
  NdArticleList *self = (NdArticleList *)object;

  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (nd_article_list_parent_class)->finalize (object);
}

/* Enter on the focused row (or a double click) shows that article: Tab
 * moves the focus between rows without selecting them */
static void
on_list_activate (GtkListView   *list_view,
                  guint          position,
                  NdArticleList *self)
{
  if (self->selection == NULL ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

static gboolean
nd_article_list_grab_focus (GtkWidget *widget)
{
  NdArticleList *self = ND_ARTICLE_LIST (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
nd_article_list_class_init (NdArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_article_list_dispose;
  object_class->finalize = nd_article_list_finalize;

  widget_class->grab_focus = nd_article_list_grab_focus;

  /**
   * NdArticleList::selection-changed:
   *
   * The selected articles changed: the user selected others, or the
   * list changed under the selection.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-article-list.ui");
  gtk_widget_class_bind_template_child (widget_class, NdArticleList, scroller);
  gtk_widget_class_bind_template_child (widget_class, NdArticleList, list_view);

  /* Keys that would get in the way of typing in an entry are bound here,
   * where the list has the focus, rather than as application accels
   * (which GTK runs in the capture phase). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-delete", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndarticlelist");
}

static void
nd_article_list_init (NdArticleList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate), self);
  g_signal_connect_swapped (self->list_view, "map", G_CALLBACK (on_list_view_map), self);
  g_signal_connect_swapped (self->list_view, "unmap", G_CALLBACK (on_list_view_unmap), self);
}

GtkWidget *
nd_article_list_new (void)
{
  return g_object_new (ND_TYPE_ARTICLE_LIST, NULL);
}

void
nd_article_list_set_store (NdArticleList  *self,
                           NdArticleStore *store)
{
  g_return_if_fail (ND_IS_ARTICLE_LIST (self));
  g_return_if_fail (store == NULL || ND_IS_ARTICLE_STORE (store));

  if (self->store == store)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  stop_waiting_for_first_frame (self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->first_page);
  g_clear_object (&self->store);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  /* all of it once the list has been drawn (see the top of the file) */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    nd_article_store_read_first (store, STORE_FIRST_PAGE);
  self->first_page = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (store)), 0,
                                               gtk_widget_get_mapped (GTK_WIDGET (self->list_view)) ?
                                               G_MAXUINT : 0);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->first_page)));

  g_signal_connect_object (store, "article-changed",
                           G_CALLBACK (on_article_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

void
nd_article_list_show_all_rows (NdArticleList *self)
{
  g_return_if_fail (ND_IS_ARTICLE_LIST (self));

  stop_waiting_for_first_frame (self);
  if (self->store != NULL)
    nd_article_store_read_rest (self->store);
  if (self->first_page != NULL && gtk_slice_list_model_get_size (self->first_page) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->first_page, G_MAXUINT);
}

GtkSelectionModel *
nd_article_list_get_selection (NdArticleList *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), NULL);

  nd_article_list_show_all_rows (self);

  return GTK_SELECTION_MODEL (self->selection);
}

GtkListView *
nd_article_list_get_list_view (NdArticleList *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), NULL);

  return self->list_view;
}

GArray *
nd_article_list_get_selected_ids (NdArticleList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint position;

  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->selection == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = nd_article_store_get_id (self->store, position);

      if (id > 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

guint
nd_article_list_get_n_selected (NdArticleList *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), 0);

  if (self->selection == NULL)
    return 0;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

void
nd_article_list_select_position (NdArticleList *self,
                                 guint          position)
{
  g_return_if_fail (ND_IS_ARTICLE_LIST (self));

  nd_article_list_show_all_rows (self);
  if (self->selection == NULL ||
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

void
nd_article_list_select_all (NdArticleList *self)
{
  g_return_if_fail (ND_IS_ARTICLE_LIST (self));

  nd_article_list_show_all_rows (self);
  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

guint
nd_article_list_get_n_rows (NdArticleList *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), 0);

  nd_article_list_show_all_rows (self);

  return g_hash_table_size (self->bound_rows);
}

GtkWidget *
nd_article_list_get_row (NdArticleList *self,
                         gint64         id)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ND_IS_ARTICLE_LIST (self), NULL);

  nd_article_list_show_all_rows (self);
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (nd_article_row_get_id (key) == id)
      return key;

  return NULL;
}
