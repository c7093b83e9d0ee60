/* nd-ui-util.c — small helpers shared by the NewsDesk widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "nd-ui-util.h"
#include "nd-window.h"

#define MATCH_START 0xE000
#define MATCH_END   0xE001

char *
nd_ui_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day;

  if (iso_date == NULL || *iso_date == '\0')
    return NULL;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);

  dt = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (dt == NULL)
    return g_strdup (iso_date);

  /* Translators: a date as shown in the article list and detail view,
   * see g_date_time_format() */
  return g_date_time_format (dt, C_("date format", "%-d %b %Y"));
}

char *
nd_ui_format_datetime (const char *iso_datetime)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_datetime == NULL || *iso_datetime == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso_datetime, NULL);
  if (utc == NULL)
    return nd_ui_format_date (iso_datetime);

  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (local, C_("date and time format", "%-d %b %Y, %H:%M"));
}

char *
nd_ui_snippet_to_markup (const char *snippet)
{
  GString *markup;
  const char *p;
  const char *run;
  gboolean in_match = FALSE;

  if (snippet == NULL)
    return NULL;

  markup = g_string_new (NULL);
  run = snippet;

  for (p = snippet; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == MATCH_START || c == MATCH_END)
        {
          g_autofree char *escaped = g_markup_escape_text (run, p - run);

          g_string_append (markup, escaped);
          if (c == MATCH_START && !in_match)
            {
              g_string_append (markup, "<b>");
              in_match = TRUE;
            }
          else if (c == MATCH_END && in_match)
            {
              g_string_append (markup, "</b>");
              in_match = FALSE;
            }
          run = g_utf8_next_char (p);
        }
    }

  if (p > run)
    {
      g_autofree char *escaped = g_markup_escape_text (run, p - run);
      g_string_append (markup, escaped);
    }

  if (in_match)
    g_string_append (markup, "</b>");

  return g_string_free (markup, FALSE);
}

void
nd_ui_set_icon_button_label (GtkWidget  *widget,
                             const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char **
nd_ui_list_samples (void)
{
  g_auto(GStrv) children = NULL;
  GPtrArray *names = g_ptr_array_new ();

  children = g_resources_enumerate_children (ND_SAMPLES_RESOURCE_PATH,
                                             G_RESOURCE_LOOKUP_FLAGS_NONE,
                                             NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      if (g_str_has_suffix (children[i], "/"))
        continue;
      g_ptr_array_add (names, g_strdup (children[i]));
    }

  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (char **) g_ptr_array_free (names, FALSE);
}

/* How long after it is made a toast may still be in its show animation:
 * up to one toast's delay in the queue (see nd_ui_toast_dismiss), then
 * AdwToastOverlay 1.2's animation when it replaces another (500 ms) */
#define TOAST_SHOW_MS 1200

static void
on_toast_dismissed (AdwToast *toast)
{
  g_object_set_data (G_OBJECT (toast), "nd-dismissed", GINT_TO_POINTER (TRUE));
}

AdwToast *
nd_ui_toast_new (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  /* the title of an AdwToast is Pango markup */
  toast = adw_toast_new (escaped);
  g_object_set_data_full (G_OBJECT (toast), "nd-created-us",
                          g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)),
                          g_free);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed), NULL);
  return toast;
}

static gboolean
dismiss_later (gpointer data)
{
  AdwToast *toast = data;

  if (!g_object_get_data (G_OBJECT (toast), "nd-dismissed"))
    adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/**
 * nd_ui_toast_dismiss:
 *
 * Dismisses a toast once. libadwaita 1.2 frees a toast dismissed before
 * its show animation ends while that animation still runs, and crashes
 * when it ends; a toast younger than that is dismissed when it is over.
 */
void
nd_ui_toast_dismiss (AdwToast *toast)
{
  const gint64 *created;
  gint64 age_ms;

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (g_object_get_data (G_OBJECT (toast), "nd-dismissed"))
    return;
  created = g_object_get_data (G_OBJECT (toast), "nd-created-us");
  age_ms = created != NULL ? (g_get_monotonic_time () - *created) / 1000 : TOAST_SHOW_MS;
  if (age_ms >= TOAST_SHOW_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, TOAST_SHOW_MS - age_ms, dismiss_later,
                        g_object_ref (toast), g_object_unref);
}

void
nd_ui_show_toast (GtkWidget  *widget,
                  const char *title)
{
  GtkWidget *overlay;
  GtkRoot *root;
  AdwToast *toast;

  /* The window shows one toast at a time and remembers it */
  root = gtk_widget_get_root (widget);
  if (ND_IS_WINDOW (root))
    {
      nd_window_add_toast (ND_WINDOW (root), nd_ui_toast_new (title));
      return;
    }

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }

  toast = nd_ui_toast_new (title);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}
