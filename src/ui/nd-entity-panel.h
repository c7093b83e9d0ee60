/* nd-entity-panel.h — the people, places, organisations and dates of the
 * article shown, with the extractor's corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_TYPE_ENTITY_PANEL (nd_entity_panel_get_type ())
G_DECLARE_FINAL_TYPE (NdEntityPanel, nd_entity_panel, ND, ENTITY_PANEL, GtkWidget)

GtkWidget *nd_entity_panel_new             (void);
/* Corrections go through the store */
void       nd_entity_panel_set_store       (NdEntityPanel  *self,
                                            NdArticleStore *store);
/* The article shown (0: none) and its entities (NdEntity) */
void       nd_entity_panel_set_article     (NdEntityPanel  *self,
                                            gint64          id,
                                            GPtrArray      *entities);
gint64     nd_entity_panel_get_article_id  (NdEntityPanel  *self);

/* The rows of a kind (AdwActionRow, activating one filters the list);
 * each has an "entity" action group: entity.show-articles,
 * entity.remove, entity.set-kind (s: "person", "place"...) and, for
 * places, entity.choose-place. */
guint      nd_entity_panel_get_n_rows      (NdEntityPanel  *self,
                                            NdEntityKind    kind);
GtkWidget *nd_entity_panel_get_row         (NdEntityPanel  *self,
                                            NdEntityKind    kind,
                                            guint           index);
GtkWidget *nd_entity_panel_find_row        (NdEntityPanel  *self,
                                            NdEntityKind    kind,
                                            const char     *name);
/* The entity a row shows */
NdEntity  *nd_entity_panel_row_get_entity  (GtkWidget      *row);
/* The dialog entity.choose-place shows, while it is open */
GtkWidget *nd_entity_panel_get_place_chooser (NdEntityPanel *self);

G_END_DECLS
