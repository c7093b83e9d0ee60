/* nd-article-view.h — the detail view: one article, or a multi-selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE_VIEW (nd_article_view_get_type ())
G_DECLARE_FINAL_TYPE (NdArticleView, nd_article_view, ND, ARTICLE_VIEW, GtkWidget)

GtkWidget  *nd_article_view_new             (void);
void        nd_article_view_set_store       (NdArticleView  *self,
                                             NdArticleStore *store);
/* Shows nothing (n_ids 0), one article, or "N articles selected". */
void        nd_article_view_set_selection   (NdArticleView  *self,
                                             const gint64   *ids,
                                             guint           n_ids);
gint64      nd_article_view_get_article_id  (NdArticleView  *self);
/* "none", "article" or "multi" */
const char *nd_article_view_get_page        (NdArticleView  *self);
const char *nd_article_view_get_title       (NdArticleView  *self);
char      **nd_article_view_dup_tags        (NdArticleView  *self);
/* The tag entry of the page shown (NULL when nothing is selected) */
GtkWidget  *nd_article_view_get_tag_entry   (NdArticleView  *self);
gboolean    nd_article_view_focus_tag_entry (NdArticleView  *self);
GtkWidget  *nd_article_view_get_body_view   (NdArticleView  *self);
/* The chip of a tag of the article shown (a button that removes it) */
GtkWidget  *nd_article_view_get_tag_chip    (NdArticleView  *self,
                                             const char     *tag);

/* The people, places, organisations and dates of the article shown */
GtkWidget  *nd_article_view_get_entity_panel (NdArticleView *self);
gboolean    nd_article_view_get_entity_panel_shown (NdArticleView *self);
/* The map of the trips (an NdMapPanel), on the side panel's Trips page */
GtkWidget  *nd_article_view_get_map_panel   (NdArticleView  *self);
/* Whether the article shown has trips with places on the map */
gboolean    nd_article_view_has_trips       (NdArticleView  *self);
/* Opens the side panel on its Trips page; FALSE when there are none */
gboolean    nd_article_view_show_trips      (NdArticleView  *self);
gboolean    nd_article_view_get_trips_shown (NdArticleView  *self);
/* Shows a person's stops across the desk on the Trips page */
GtkWidget  *nd_article_view_get_traveller_dropdown (NdArticleView *self);
gboolean    nd_article_view_show_traveller_trips (NdArticleView  *self,
                                                  const char     *name,
                                                  GError        **error);
/* Reads the article shown again (after a worker changed the desk) */
void        nd_article_view_reload          (NdArticleView  *self);

G_END_DECLS
