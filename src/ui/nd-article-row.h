/* nd-article-row.h — one row of the article list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE_ROW (nd_article_row_get_type ())
G_DECLARE_FINAL_TYPE (NdArticleRow, nd_article_row, ND, ARTICLE_ROW, GtkWidget)

GtkWidget  *nd_article_row_new          (void);
/* Shows the article (NULL clears); `snippet` is the search snippet with
 * U+E000/U+E001 around matches, or NULL. */
void        nd_article_row_set_article  (NdArticleRow *self,
                                         NdArticle    *article,
                                         const char   *snippet);
gint64      nd_article_row_get_id       (NdArticleRow *self);
const char *nd_article_row_get_title    (NdArticleRow *self);

G_END_DECLS
