/* nd-article-list.h — the list of articles with multi-selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE_LIST (nd_article_list_get_type ())
G_DECLARE_FINAL_TYPE (NdArticleList, nd_article_list, ND, ARTICLE_LIST, GtkWidget)

GtkWidget         *nd_article_list_new              (void);
void               nd_article_list_set_store        (NdArticleList  *self,
                                                     NdArticleStore *store);
/* Until the list's first frame it shows only the first rows */
void               nd_article_list_show_all_rows    (NdArticleList  *self);
GtkSelectionModel *nd_article_list_get_selection    (NdArticleList  *self);
GtkListView       *nd_article_list_get_list_view    (NdArticleList  *self);
/* The ids of the selected articles in list order (element gint64) */
GArray            *nd_article_list_get_selected_ids (NdArticleList  *self);
guint              nd_article_list_get_n_selected   (NdArticleList  *self);
/* Selects only the article at position and scrolls to it */
void               nd_article_list_select_position  (NdArticleList  *self,
                                                     guint           position);
void               nd_article_list_select_all       (NdArticleList  *self);
/* How many row widgets are bound to articles right now */
guint              nd_article_list_get_n_rows       (NdArticleList  *self);
/* The row widget showing the article, if it is bound */
GtkWidget         *nd_article_list_get_row          (NdArticleList  *self,
                                                     gint64          id);

G_END_DECLS
