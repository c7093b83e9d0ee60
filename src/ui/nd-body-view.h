/* nd-body-view.h — an article body as paragraphs, headings, lists, tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ND_TYPE_BODY_VIEW (nd_body_view_get_type ())
G_DECLARE_FINAL_TYPE (NdBodyView, nd_body_view, ND, BODY_VIEW, GtkWidget)

GtkWidget  *nd_body_view_new          (void);
void        nd_body_view_set_body     (NdBodyView *self,
                                       const char *body);
/* How many blocks of each kind are shown (for tests) */
guint       nd_body_view_count_blocks (NdBodyView *self,
                                       int         kind);

G_END_DECLS
