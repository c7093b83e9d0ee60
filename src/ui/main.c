/* main.c — starts NewsDesk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "nd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NdApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* NEWSDESK_LOCALEDIR: translations of an uninstalled build (<build>/po) */
  {
    const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");

    bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  }
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("NewsDesk"));

  app = nd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
