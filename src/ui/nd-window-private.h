/* nd-window-private.h — what the application and the tests drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nd-window.h"
#include "nd-article-view.h"

G_BEGIN_DECLS

/* Import, as win.import does after the file chooser, and as
 * win.load-samples does with the samples inside the app. Both run in a
 * GTask thread with their own NdDatabase and end with the
 * "import-finished" signal (imported, duplicates, failed). */
void           nd_window_import_paths          (NdWindow           *self,
                                                const char * const *paths);
void           nd_window_load_samples          (NdWindow           *self);
gboolean       nd_window_get_importing         (NdWindow           *self);
/* "PATH: reason" lines of the last import */
const char * const *nd_window_get_import_errors (NdWindow          *self);
/* the tag filter above the list: "All Articles", then a tag per item */
GtkDropDown   *nd_window_get_tag_dropdown      (NdWindow           *self);

/* Writes the selected articles (all visible ones when none is selected),
 * as win.export does after the file chooser. */
/* What win.export does once the file is chosen: the export runs in a
 * worker, with its progress in the side panel and a toast at the end */
void           nd_window_start_export          (NdWindow           *self,
                                                GFile              *file);
gboolean       nd_window_export_to_file        (NdWindow           *self,
                                                GFile              *file,
                                                GError            **error);
/* The ids win.export, win.delete... act on (element gint64) */
GArray        *nd_window_get_selected_ids      (NdWindow           *self);

void           nd_window_set_search_text       (NdWindow           *self,
                                                const char         *text);
GtkWidget     *nd_window_get_search_entry      (NdWindow           *self);
void           nd_window_select_position       (NdWindow           *self,
                                                guint               position);
/* "empty", "list", "no-results" or "error" */
const char    *nd_window_get_page              (NdWindow           *self);
GtkWidget     *nd_window_get_status_page       (NdWindow           *self,
                                                const char         *page);
GtkListView   *nd_window_get_list_view         (NdWindow           *self);
guint          nd_window_get_n_list_rows       (NdWindow           *self);
GtkWidget     *nd_window_get_list_row          (NdWindow           *self,
                                                gint64              id);
NdArticleView *nd_window_get_article_view      (NdWindow           *self);
const char    *nd_window_get_detail_title      (NdWindow           *self);
char         **nd_window_get_detail_tags       (NdWindow           *self);
GtkWidget     *nd_window_get_tag_entry         (NdWindow           *self);

/* The tag filter: item 0 is "All Articles" (name NULL) */
guint          nd_window_get_tag_filter_n_items (NdWindow          *self);
char          *nd_window_get_tag_filter_item   (NdWindow           *self,
                                                guint               position,
                                                guint              *count);
void           nd_window_set_tag_filter        (NdWindow           *self,
                                                const char         *tag);

/* The file chooser win.import or win.export shows, while it is open */
GtkNativeDialog *nd_window_get_file_chooser    (NdWindow           *self);

/* The title of the last toast the window showed */
const char    *nd_window_get_last_toast        (NdWindow           *self);

/* The entity filter, as win.filter-entity (NULL: win.clear-entity-filter)
 * does; the text of the filter bar above the list, NULL when hidden */
void           nd_window_set_entity_filter     (NdWindow           *self,
                                                const char         *name);
const char    *nd_window_get_entity_filter_text (NdWindow          *self);
/* The desk-wide entity browser (win.show-entity-browser shows it) */
GtkWidget     *nd_window_get_entity_browser    (NdWindow           *self);

/* Re-extraction of a desk made by an older extractor: it starts once
 * the window is shown and ends with "entities-updated" (updated,
 * cancelled); win.cancel-update-entities stops it. */
gboolean       nd_window_get_updating_entities (NdWindow           *self);
/* Whether the window has looked for stale articles yet */
gboolean       nd_window_get_entities_checked  (NdWindow           *self);
/* The label and revealer of the progress area (import, re-extraction) */
GtkWidget     *nd_window_get_progress_label    (NdWindow           *self);
gboolean       nd_window_get_progress_shown    (NdWindow           *self);

gboolean       nd_window_save_screenshot       (NdWindow           *self,
                                                const char         *png_path,
                                                GError            **error);

G_END_DECLS
