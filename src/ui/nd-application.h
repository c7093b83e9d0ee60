/* nd-application.h — the NewsDesk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ND_TYPE_APPLICATION (nd_application_get_type ())
G_DECLARE_FINAL_TYPE (NdApplication, nd_application, ND, APPLICATION, AdwApplication)

NdApplication *nd_application_new               (void);
/* The desk file the application opens: --database, else NEWSDESK_DB,
 * else the default path. */
char          *nd_application_dup_database_path (NdApplication *self);
void           nd_application_set_database_path (NdApplication *self,
                                                 const char    *path);

G_END_DECLS
