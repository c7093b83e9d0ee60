/* nd-tag-editor.h — tag chips with remove buttons and an entry to add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ND_TYPE_TAG_EDITOR (nd_tag_editor_get_type ())
G_DECLARE_FINAL_TYPE (NdTagEditor, nd_tag_editor, ND, TAG_EDITOR, GtkWidget)

GtkWidget  *nd_tag_editor_new             (void);
/* The chips: the tags of the article shown */
void        nd_tag_editor_set_tags        (NdTagEditor        *self,
                                           const char * const *tags);
char      **nd_tag_editor_dup_tags        (NdTagEditor        *self);
/* Completion: every tag in the desk (element type NdTagCount) */
void        nd_tag_editor_set_suggestions (NdTagEditor        *self,
                                           GPtrArray          *tag_counts);
GtkWidget  *nd_tag_editor_get_entry       (NdTagEditor        *self);
void        nd_tag_editor_focus_entry     (NdTagEditor        *self);
/* The chip widget for a tag (a GtkButton that removes it), or NULL */
GtkWidget  *nd_tag_editor_get_chip        (NdTagEditor        *self,
                                           const char         *tag);

G_END_DECLS
