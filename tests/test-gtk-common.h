/* test-gtk-common.h — main loop helpers shared by the widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until condition (data) holds, or timeout_ms passes;
 * FALSE on timeout. */
static inline gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return TRUE;
}

static inline gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for a while: layout, frames, idles */
static inline void
pump (guint ms)
{
  wait_for (never, NULL, ms);
}

static inline gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}
