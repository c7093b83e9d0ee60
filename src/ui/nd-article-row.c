/* nd-article-row.c — one row of the article list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title (bold with a dot while unread), source and date, the search
 * snippet while searching, tag pills and a star.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "nd-article-row.h"
#include "nd-ui-util.h"

struct _NdArticleRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *unread_dot;
  GtkLabel  *title_label;
  GtkWidget *star_image;
  GtkLabel  *meta_label;
  GtkLabel  *snippet_label;
  GtkWidget *tags_box;

  gint64     id;
};

G_DEFINE_FINAL_TYPE (NdArticleRow, nd_article_row, GTK_TYPE_WIDGET)

static void
nd_article_row_set_tags (NdArticleRow       *self,
                         const char * const *tags)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (self->tags_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->tags_box), child);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *pill = gtk_label_new (tags[i]);

      gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 18);
      gtk_widget_add_css_class (pill, "tag-pill");
      gtk_box_append (GTK_BOX (self->tags_box), pill);
      n++;
    }

  gtk_widget_set_visible (self->tags_box, n > 0);
}

static void
nd_article_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ND_TYPE_ARTICLE_ROW);

  G_OBJECT_CLASS (nd_article_row_parent_class)->dispose (object);
}

static void
nd_article_row_class_init (NdArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_article_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, box);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, star_image);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, snippet_label);
  gtk_widget_class_bind_template_child (widget_class, NdArticleRow, tags_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndarticlerow");
}

static void
nd_article_row_init (NdArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nd_article_row_new (void)
{
  return g_object_new (ND_TYPE_ARTICLE_ROW, NULL);
}

void
nd_article_row_set_article (NdArticleRow *self,
                            NdArticle    *article,
                            const char   *snippet)
{
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *markup = NULL;
  const char *source;
  const char *state;
  gboolean unread;

  g_return_if_fail (ND_IS_ARTICLE_ROW (self));
  g_return_if_fail (article == NULL || ND_IS_ARTICLE (article));

  if (article == NULL)
    {
      self->id = 0;
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->meta_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
      gtk_widget_set_visible (self->star_image, FALSE);
      nd_article_row_set_tags (self, NULL);
      return;
    }

  self->id = nd_article_get_id (article);
  unread = !nd_article_get_read (article);

  gtk_label_set_label (self->title_label, nd_article_get_title (article));
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_opacity (self->unread_dot, unread ? 1.0 : 0.0);
  gtk_widget_set_visible (self->star_image, nd_article_get_starred (article));

  source = nd_article_get_source (article);
  date = nd_ui_format_date (nd_article_get_date (article));
  if (source != NULL && date != NULL)
    /* Translators: source and date of an article in the list */
    meta = g_strdup_printf (_("%s · %s"), source, date);
  else
    meta = g_strdup (source != NULL ? source : date != NULL ? date : "");
  gtk_label_set_label (self->meta_label, meta);

  markup = nd_ui_snippet_to_markup (snippet);
  gtk_label_set_markup (self->snippet_label, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), markup != NULL);

  nd_article_row_set_tags (self, nd_article_get_tags (article));

  /* The dot and the star are only seen: say the state in words too */
  if (unread && nd_article_get_starred (article))
    state = _("Unread, starred");
  else if (unread)
    state = _("Unread");
  else if (nd_article_get_starred (article))
    state = _("Starred");
  else
    state = "";
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
}

gint64
nd_article_row_get_id (NdArticleRow *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_ROW (self), 0);

  return self->id;
}

const char *
nd_article_row_get_title (NdArticleRow *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}
