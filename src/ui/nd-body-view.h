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
/* Shows a body without highlights (builds the widgets) */
void        nd_body_view_set_body     (NdBodyView *self,
                                       const char *body);
/* Highlights the mentions of the entities (NdEntity, offsets into the
 * body shown) by kind; NULL clears them. Keeps the widgets. */
void        nd_body_view_set_entities (NdBodyView *self,
                                       GPtrArray  *entities);
/* How many blocks of each kind are shown (for tests) */
guint       nd_body_view_count_blocks (NdBodyView *self,
                                       int         kind);

/* The label showing the character at code point `offset` of the body,
 * and the byte index of that character in the label's text; NULL when
 * no label shows it. */
GtkLabel   *nd_body_view_get_label_at (NdBodyView *self,
                                       guint       offset,
                                       int        *out_index);
/* What the tooltip of `label` says at (x, y) in the label's
 * coordinates: the kind, name and detail of the mention under the
 * pointer, or NULL when there is none. */
char       *nd_body_view_query_mention (NdBodyView *self,
                                        GtkLabel   *label,
                                        double      x,
                                        double      y);
/* How many highlighted mention ranges the labels show */
guint       nd_body_view_count_highlights (NdBodyView *self);

/* Shows the text between code points `start` and `end` of the body (the
 * evidence of a trip's stop): selects it in the labels that show it, tints
 * the cells of a table row, and scrolls the nearest GtkScrolledWindow to
 * it. FALSE when no label shows any of it. */
gboolean    nd_body_view_reveal_range (NdBodyView *self,
                                       guint       start,
                                       guint       end);
/* The part of the last revealed range that labels show; FALSE when none */
gboolean    nd_body_view_get_revealed_range (NdBodyView *self,
                                             guint      *start,
                                             guint      *end);
/* The text of that range as the labels show it, cells joined by " | " */
char       *nd_body_view_dup_revealed_text (NdBodyView *self);

G_END_DECLS
