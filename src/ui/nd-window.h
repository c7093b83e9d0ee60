/* nd-window.h — the main window: article list and detail view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "newsdesk-core.h"
#include "nd-application.h"

G_BEGIN_DECLS

#define ND_TYPE_WINDOW (nd_window_get_type ())
G_DECLARE_FINAL_TYPE (NdWindow, nd_window, ND, WINDOW, AdwApplicationWindow)

NdWindow       *nd_window_new            (NdApplication  *application,
                                          NdArticleStore *store);
/* A window that explains why the desk could not be opened */
NdWindow       *nd_window_new_for_error  (NdApplication  *application,
                                          const char     *message);
NdArticleStore *nd_window_get_store      (NdWindow       *self);
/* Imports files and folders in a worker thread; emits import-finished */
void            nd_window_import_files   (NdWindow       *self,
                                          GFile         **files,
                                          guint           n_files);

/* Shows a toast in place of the one shown (takes the floating toast) */
void            nd_window_add_toast      (NdWindow       *self,
                                          AdwToast       *toast);

G_END_DECLS
