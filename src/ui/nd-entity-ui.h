/* nd-entity-ui.h — how the widgets name, colour and describe entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_ENTITY_N_KINDS 4

/* "Person", "Place", "Organisation", "Date" */
const char *nd_entity_ui_kind_label      (NdEntityKind  kind);
/* "People", "Places", "Organisations", "Dates" */
const char *nd_entity_ui_kind_title      (NdEntityKind  kind);
/* The CSS class of a kind: "entity-person", "entity-place"... */
const char *nd_entity_ui_kind_css_class  (NdEntityKind  kind);

/* The colour a kind is highlighted with in the text (the underline), for
 * the light or the dark style; the background is the same with alpha. */
void        nd_entity_ui_kind_color      (NdEntityKind  kind,
                                          gboolean      dark,
                                          GdkRGBA      *color);

/* "30.06° N, 31.25° E", or NULL without coordinates */
char       *nd_entity_ui_format_coordinates (NdEntity  *entity);
/* The country's name for an ISO code ("EG" -> "Egypt"); the code when
 * the gazetteer does not know it; NULL for NULL or "" */
const char *nd_entity_ui_country_name    (const char   *country);

/* What a row shows under the name: a person's role, a place's country
 * and coordinates, a date's value; NULL when there is nothing to add. */
char       *nd_entity_ui_dup_detail      (NdEntity     *entity);

/* The tooltip of a mention: "Person: Mitch Witkoff" and the detail on a
 * second line; `text` (the mention's text) is quoted when it differs
 * from the name. */
char       *nd_entity_ui_dup_description (NdEntity     *entity,
                                          const char   *text);

/* Entities of the article sorted for display: most mentions first, then
 * the first mention. (element type NdEntity, referenced) */
GPtrArray  *nd_entity_ui_sort_by_mentions (GPtrArray   *entities,
                                           NdEntityKind kind);

G_END_DECLS
