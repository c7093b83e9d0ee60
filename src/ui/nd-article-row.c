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
  NdArticleRow *self = ND_ARTICLE_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (nd_article_row_parent_class)->dispose (object);
}

static void
nd_article_row_class_init (NdArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_article_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndarticlerow");
}

/* A wrapping label of at most `lines` lines. Its natural width is that
 * of its text on one line: measuring the narrowest wrapping would lay
 * the text out again and again, for each of the couple of hundred rows
 * the list creates when it opens */
static GtkLabel *
wrapping_label_new (int lines)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
  gtk_label_set_lines (label, lines);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  /* no width-chars: with its natural width unwrapped, a short text would
   * be narrower than that minimum, which GTK refuses */
  gtk_label_set_max_width_chars (label, 60);

  return label;
}

/* Built in code rather than from a template: the list creates about 200
 * rows when it opens, and this is the cheaper way (cold start) */
static void
nd_article_row_init (NdArticleRow *self)
{
  GtkWidget *top;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (self->box, 10);
  gtk_widget_set_margin_bottom (self->box, 10);
  gtk_widget_set_margin_start (self->box, 10);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (self->box), top);

  self->unread_dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (self->unread_dot, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->unread_dot, 6);
  gtk_widget_set_tooltip_text (self->unread_dot, _("Unread"));
  gtk_widget_add_css_class (self->unread_dot, "unread-dot");
  gtk_box_append (GTK_BOX (top), self->unread_dot);

  self->title_label = wrapping_label_new (2);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title_label));

  self->star_image = gtk_image_new_from_icon_name ("starred-symbolic");
  gtk_widget_set_valign (self->star_image, GTK_ALIGN_START);
  gtk_widget_set_visible (self->star_image, FALSE);
  gtk_widget_set_tooltip_text (self->star_image, _("Starred"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Starred"),
                                  -1);
  gtk_widget_add_css_class (self->star_image, "star");
  gtk_box_append (GTK_BOX (top), self->star_image);

  self->meta_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->meta_label, 0);
  gtk_label_set_ellipsize (self->meta_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->meta_label, 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->meta_label), 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->meta_label), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->meta_label));

  self->snippet_label = wrapping_label_new (3);
  gtk_widget_set_visible (GTK_WIDGET (self->snippet_label), FALSE);
  gtk_label_set_use_markup (self->snippet_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->snippet_label), 16);
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->snippet_label), "snippet");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->snippet_label));

  self->tags_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_visible (self->tags_box, FALSE);
  gtk_widget_set_margin_start (self->tags_box, 16);
  gtk_widget_set_overflow (self->tags_box, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (self->box), self->tags_box);
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
