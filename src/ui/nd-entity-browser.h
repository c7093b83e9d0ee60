/* nd-entity-browser.h — the people, places and organisations mentioned
 * most across the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "newsdesk-core.h"

G_BEGIN_DECLS

#define ND_TYPE_ENTITY_BROWSER (nd_entity_browser_get_type ())
G_DECLARE_FINAL_TYPE (NdEntityBrowser, nd_entity_browser, ND, ENTITY_BROWSER, GtkWidget)

/* How many entities of each kind the browser lists */
#define ND_ENTITY_BROWSER_LIMIT 20

GtkWidget    *nd_entity_browser_new          (void);
/* Lists the store's desk and follows its changes */
void          nd_entity_browser_set_store    (NdEntityBrowser *self,
                                              NdArticleStore  *store);
/* Reads the desk again now (it does by itself, when shown, after the
 * store changed) */
void          nd_entity_browser_refresh      (NdEntityBrowser *self);
/* The page shown: people, places or organisations */
NdEntityKind  nd_entity_browser_get_kind     (NdEntityBrowser *self);
void          nd_entity_browser_set_kind     (NdEntityBrowser *self,
                                              NdEntityKind     kind);

/* The rows of a page (activating one filters the list) */
guint         nd_entity_browser_get_n_rows   (NdEntityBrowser *self,
                                              NdEntityKind     kind);
GtkWidget    *nd_entity_browser_get_row      (NdEntityBrowser *self,
                                              NdEntityKind     kind,
                                              guint            index);
GtkWidget    *nd_entity_browser_find_row     (NdEntityBrowser *self,
                                              NdEntityKind     kind,
                                              const char      *name);
NdEntity     *nd_entity_browser_row_get_entity     (GtkWidget *row);
guint         nd_entity_browser_row_get_n_articles (GtkWidget *row);

G_END_DECLS
