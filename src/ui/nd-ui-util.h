/* nd-ui-util.h — small helpers shared by the NewsDesk widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ND_SAMPLES_RESOURCE_PATH "/com/example/NewsDesk/samples/"

/* "2024-03-05" -> "5 Mar 2024"; NULL stays NULL; text that is not a date
 * is returned as it is. */
char      *nd_ui_format_date        (const char  *iso_date);
/* "2026-11-21T20:10:04Z" -> "21 Nov 2026, 21:10" in local time */
char      *nd_ui_format_datetime    (const char  *iso_datetime);
/* A search snippet with matches between U+E000 and U+E001 -> Pango markup
 * with the matches in bold, everything else escaped. */
char      *nd_ui_snippet_to_markup  (const char  *snippet);
/* Sets the accessible label and the tooltip of an icon-only button. */
void       nd_ui_set_icon_button_label (GtkWidget   *widget,
                                        const char  *label);
/* The resource names of the sample articles shipped in the app, sorted. */
char     **nd_ui_list_samples       (void);
/* A toast with a plain text title (escaped: AdwToast titles are markup) */
AdwToast  *nd_ui_toast_new          (const char  *title);
void       nd_ui_toast_dismiss      (AdwToast    *toast);
/* Shows a toast in the toast overlay the widget is inside of, if any. */
void       nd_ui_show_toast         (GtkWidget   *widget,
                                     const char  *title);

G_END_DECLS
