/* nd-window.c — the main window: article list and detail view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the actions (win.*) and the long jobs: import and
 * export run in GTask threads with their own NdDatabase connection, then
 * the store is refreshed on the main thread. The views update from the
 * store's signals only.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "nd-article-list.h"
#include "nd-article-view.h"
#include "nd-entity-browser.h"
#include "nd-ui-util.h"
#include "nd-window-private.h"

struct _NdWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *import_spinner;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *no_results_page;
  AdwStatusPage        *error_page;
  GtkPaned             *paned;
  GtkDropDown          *tag_dropdown;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *cancel_import_button;
  GtkRevealer          *entity_filter_revealer;
  GtkLabel             *entity_filter_label;
  NdEntityBrowser      *entity_browser;
  GtkStack             *list_stack;
  NdArticleList        *article_list;
  NdArticleView        *article_view;

  NdArticleStore       *store;
  GSettings            *settings;
  GListStore           *tag_model;       /* GtkStringObject */
  char                 *sort_order;
  char                 *error_message;
  char                 *last_toast;
  gboolean              updating_tags;
  gboolean              disposed;
  gboolean              entity_browser_visible;
  gboolean              entities_checked;

  /* import */
  GCancellable         *import_cancellable;
  GQueue                pending_imports;   /* ImportRequest */
  GStrv                 import_errors;

  /* re-extraction of a desk made by an older extractor */
  GCancellable         *reextract_cancellable;
  /* export */
  GCancellable         *export_cancellable;
  guint                 export_count;
  guint                 export_written;  /* of export_count, once known */
  guint                 export_pulse_source;
  guint                 reextract_done;
  guint                 reextract_total;
  guint                 reextract_source;
  gulong                map_handler;
  /* the tag filter lists the tags after the first frame (cold start) */
  gboolean              tags_listed;
  guint                 tags_source;
  guint                 bench_frames_at_end;
  /* import: batches committed by the worker, and shown in the list */
  guint                 import_batches_shown;
  gint64                import_last_refresh;
  guint                 import_refresh_source;

  /* undo of the last delete */
  GPtrArray            *last_deleted;
  AdwToast             *undo_toast;        /* weak */
  AdwToast             *shown_toast;       /* weak: the last one added */

  GtkNativeDialog      *file_chooser;

  /* a desk opened read-only: the notice at the top saying why */
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
};

G_DEFINE_FINAL_TYPE (NdWindow, nd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT_ORDER,
  PROP_ENTITY_BROWSER_VISIBLE,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  ENTITIES_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define SETTINGS_SCHEMA_ID APP_ID

static const struct {
  const char  *nick;
  NdSortOrder  sort;
} sort_orders[] = {
  { "date-desc", ND_SORT_DATE_DESC },
  { "date-asc",  ND_SORT_DATE_ASC },
  { "title",     ND_SORT_TITLE },
};

/* An import waiting for the one running: paths, or NULL for the samples */
typedef struct
{
  GStrv paths;
} ImportRequest;

/* The import worker commits its articles in batches: every
 * IMPORT_BATCH_ARTICLES articles or IMPORT_BATCH_MS milliseconds, whichever
 * comes first. A batch holds whole articles only, so stopping an import
 * keeps every article finished before it; the list shows each batch as it
 * lands (at most every IMPORT_REFRESH_MS). The time bound also bounds how
 * long an edit on the main thread may wait for the desk. */
#define IMPORT_BATCH_ARTICLES 200
#define IMPORT_BATCH_MS       100
#define IMPORT_REFRESH_MS     250

typedef struct
{
  GWeakRef window;
  int      done;      /* atomic */
  int      total;     /* atomic: files to read, 0 while unknown */
  int      batches;   /* atomic: batches committed */
  int      pending;   /* atomic: a progress update is queued */
} ImportProgress;

typedef struct
{
  char           *db_path;
  GStrv           paths;        /* NULL: the samples in the GResource */
  guint           imported;
  guint           duplicates;
  guint           failed;
  GPtrArray      *errors;       /* "PATH: reason" */
  char           *first_error;  /* the message of the first failure */
  ImportProgress *progress;
  GMainContext   *context;
  NdDatabase     *database;     /* the worker's connection */
  guint           in_batch;
  GPtrArray      *batch_paths;  /* the files of the articles of this batch */
  gint64          batch_start;
  gboolean        batch_failed;
} ImportJob;


typedef struct
{
  GWeakRef window;
  int      done;      /* atomic */
  int      total;     /* atomic */
  int      pending;   /* atomic: a progress update is queued */
} ReextractProgress;

typedef struct
{
  char              *db_path;
  GArray            *ids;
  GFile             *file;
  GMainContext      *context;
  ReextractProgress *progress;  /* articles written of all */
} ExportJob;

typedef struct
{
  char              *db_path;
  ReextractProgress *progress;
  GMainContext      *context;
} ReextractJob;

static void nd_window_start_import (NdWindow           *self,
                                    const char * const *paths);
static void update_actions         (NdWindow           *self);
static void update_progress_area   (NdWindow           *self);
static gboolean import_progress_dispatch (gpointer       data);

static void
import_request_free (ImportRequest *request)
{
  g_strfreev (request->paths);
  g_free (request);
}

static void
import_progress_clear (gpointer data)
{
  ImportProgress *progress = data;

  g_weak_ref_clear (&progress->window);
}

static void
import_progress_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, import_progress_clear);
}

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_strfreev (job->paths);
  g_clear_pointer (&job->errors, g_ptr_array_unref);
  g_clear_pointer (&job->batch_paths, g_ptr_array_unref);
  g_free (job->first_error);
  g_clear_pointer (&job->progress, import_progress_release);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
reextract_progress_clear (gpointer data)
{
  ReextractProgress *progress = data;

  g_weak_ref_clear (&progress->window);
}

static void
reextract_progress_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, reextract_progress_clear);
}

static void
reextract_job_free (ReextractJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->progress, reextract_progress_release);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->progress, reextract_progress_release);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->db_path);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_object (&job->file);
  g_free (job);
}

static NdSortOrder
sort_from_nick (const char *nick)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (g_strcmp0 (sort_orders[i].nick, nick) == 0)
      return sort_orders[i].sort;

  return ND_SORT_DATE_DESC;
}

static const char *
nick_from_sort (NdSortOrder sort)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (sort_orders[i].sort == sort)
      return sort_orders[i].nick;

  return "date-desc";
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without the schema: no settings, no crash */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The schema %s is not installed: window state is not saved",
               SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new (SETTINGS_SCHEMA_ID);
}

/* A dismissed toast is never dismissed again: libadwaita 1.2 frees a
 * toast dismissed a second time during its hide animation, and the
 * animation's end then touches freed memory */
static void
on_toast_dismissed (NdWindow *self,
                    AdwToast *toast)
{
  if (self->shown_toast == toast)
    {
      g_clear_weak_pointer (&self->shown_toast);
      if (!self->disposed)
        update_actions (self);
    }
}

/* The toast on screen offers its own Undo (a correction of the
 * extractor): Ctrl+Z presses it, as the Undo button cannot be reached by
 * Tab before the toast goes */
static gboolean
toast_offers_undo (NdWindow *self)
{
  AdwToast *toast = self->shown_toast;

  return toast != NULL && toast != self->undo_toast &&
         adw_toast_get_button_label (toast) != NULL &&
         adw_toast_get_action_name (toast) == NULL;
}

static void
add_toast (NdWindow *self,
           AdwToast *toast)
{
  AdwToast *previous = self->shown_toast;

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed),
                           self, G_CONNECT_SWAPPED);

  /* The newest message replaces the one shown. (Not with
   * ADW_TOAST_PRIORITY_HIGH: libadwaita 1.2 asserts when a toast it put
   * back in the queue is shown again during its hide animation.) */
  g_set_weak_pointer (&self->shown_toast, toast);
  if (previous != NULL)
    nd_ui_toast_dismiss (previous);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  update_actions (self);
}

static void
show_toast (NdWindow   *self,
            const char *title)
{
  add_toast (self, nd_ui_toast_new (title));
}

static guint
get_n_items (NdWindow *self)
{
  if (self->store == NULL)
    return 0;

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

/* Pages ------------------------------------------------------------------ */

static void
update_no_results (NdWindow *self)
{
  const char *search = nd_article_store_get_search (self->store);
  const char *tag = nd_article_store_get_tag (self->store);
  const char *entity = nd_article_store_get_entity (self->store);
  g_autofree char *description = NULL;

  if (entity != NULL && (tag != NULL || (search != NULL && *search != '\0')))
    description = g_strdup_printf (_("No article that mentions “%s” matches the filter."), entity);
  else if (entity != NULL)
    description = g_strdup_printf (_("No article mentions “%s”."), entity);
  else if (search != NULL && *search != '\0' && tag != NULL)
    description = g_strdup_printf (_("No article tagged “%s” matches “%s”."), tag, search);
  else if (search != NULL && *search != '\0')
    description = g_strdup_printf (_("No article matches “%s”."), search);
  else if (tag != NULL)
    description = g_strdup_printf (_("No article is tagged “%s”."), tag);
  else
    description = g_strdup (_("No article matches the filter."));

  adw_status_page_set_description (self->no_results_page, description);
}

static void
update_page (NdWindow *self)
{
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  if (get_n_items (self) > 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "desk");
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
  else if (nd_database_count_articles (nd_article_store_get_database (self->store)) == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
    }
  else
    {
      update_no_results (self);
      gtk_stack_set_visible_child_name (self->main_stack, "desk");
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
}

/* Read-only desks ---------------------------------------------------------- */

/* Whether the desk was opened read-only (a read-only file, or one from a
 * newer NewsDesk): reading works, every editing action is off. */
static gboolean
is_read_only (NdWindow *self)
{
  return self->store != NULL &&
         nd_database_is_read_only (nd_article_store_get_database (self->store));
}

/* A notice under the header bar, in the manner of AdwBanner (which
 * libadwaita 1.2 lacks): an icon and the reason, naming the file */
static void
add_read_only_notice (NdWindow *self)
{
  /* the template's vertical box: the header bar, then the content */
  GtkWidget *parent = adw_toast_overlay_get_child (self->toast_overlay);
  GtkWidget *header_bar = gtk_widget_get_first_child (parent);
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BOX (parent) && ADW_IS_HEADER_BAR (header_bar));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_margin_start (icon, 12);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  self->read_only_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_revealer), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self->read_only_revealer), "read-only-notice");
  gtk_revealer_set_child (self->read_only_revealer, box);
  self->read_only_label = GTK_LABEL (label);

  gtk_box_insert_child_after (GTK_BOX (parent), GTK_WIDGET (self->read_only_revealer), header_bar);
}

static void
update_read_only_notice (NdWindow *self)
{
  gboolean read_only = is_read_only (self);

  if (read_only)
    {
      const char *reason = nd_database_get_read_only_reason (nd_article_store_get_database (self->store));
      /* Translators: shown at the top of a window whose desk cannot be
       * changed; %s says why and names the file */
      g_autofree char *text = g_strdup_printf (_("%s. Nothing in this desk can be changed."),
                                               reason);

      gtk_label_set_text (self->read_only_label, text);
      /* Translators: the window's title for a desk that cannot be changed */
      gtk_window_set_title (GTK_WINDOW (self), _("NewsDesk (Read-only)"));
    }

  /* hidden, it takes no room: a window on a writable desk can be as
   * narrow as without it */
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_revealer), read_only);
  gtk_revealer_set_reveal_child (self->read_only_revealer, read_only);
}

static void
update_actions (NdWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean importing = self->import_cancellable != NULL;
  gboolean updating = self->reextract_cancellable != NULL;
  gboolean entity_filter = has_store && nd_article_store_get_entity (self->store) != NULL;
  guint n_items = get_n_items (self);
  guint n_selected = has_store ? nd_article_list_get_n_selected (self->article_list) : 0;
  gboolean editable = has_store && !is_read_only (self);

  gtk_widget_action_set_enabled (widget, "win.import", editable);
  gtk_widget_action_set_enabled (widget, "win.import-folder", editable);
  gtk_widget_action_set_enabled (widget, "win.load-samples", editable);
  gtk_widget_action_set_enabled (widget, "win.cancel-import", importing);
  gtk_widget_action_set_enabled (widget, "win.cancel-export", self->export_cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "win.export", n_items > 0);
  gtk_widget_action_set_enabled (widget, "win.search", has_store);
  gtk_widget_action_set_enabled (widget, "win.clear-filters", has_store);
  gtk_widget_action_set_enabled (widget, "win.sort", has_store);
  gtk_widget_action_set_enabled (widget, "win.select-all", n_items > 0);
  gtk_widget_action_set_enabled (widget, "win.add-tag", editable && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.delete", editable && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.toggle-read", editable && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.toggle-star", editable && n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.undo-delete",
                                 editable && (self->last_deleted != NULL || toast_offers_undo (self)));
  gtk_widget_action_set_enabled (widget, "win.show-import-errors", self->import_errors != NULL);
  gtk_widget_action_set_enabled (widget, "win.show-entity-browser", has_store);
  gtk_widget_action_set_enabled (widget, "win.filter-entity", has_store);
  gtk_widget_action_set_enabled (widget, "win.clear-entity-filter", entity_filter);
  gtk_widget_action_set_enabled (widget, "win.cancel-update-entities", updating);

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), has_store);
}

/* Tag filter ------------------------------------------------------------- */

#define TAG_COUNT_KEY "nd-tag-count"
#define TAG_ALL_KEY   "nd-tag-all"

static void
on_tag_item_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
on_tag_item_bind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *count = gtk_widget_get_next_sibling (name);
  gboolean all = g_object_get_data (G_OBJECT (string), TAG_ALL_KEY) != NULL;
  g_autofree char *count_text = NULL;

  gtk_label_set_label (GTK_LABEL (name), gtk_string_object_get_string (string));
  if (all)
    gtk_widget_remove_css_class (name, "tag-name");
  else
    gtk_widget_add_css_class (name, "tag-name");

  if (!all)
    count_text = g_strdup_printf ("%u", GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (string), TAG_COUNT_KEY)));
  gtk_label_set_label (GTK_LABEL (count), count_text != NULL ? count_text : "");
  gtk_widget_set_visible (count, count_text != NULL);
}

static GtkStringObject *
create_tag_item (const char *name,
                 guint       count,
                 gboolean    all)
{
  GtkStringObject *item = gtk_string_object_new (name);

  /* set before the item is in the model: the dropdown binds at once */
  g_object_set_data (G_OBJECT (item), TAG_COUNT_KEY, GUINT_TO_POINTER (count));
  if (all)
    g_object_set_data (G_OBJECT (item), TAG_ALL_KEY, GINT_TO_POINTER (TRUE));

  return item;
}

/* "All Articles", the first item of the tag filter */
static void
add_all_articles_item (NdWindow *self)
{
  g_autoptr(GtkStringObject) all = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->tag_model)) > 0)
    return;

  all = create_tag_item (_("All Articles"), 0, TRUE);
  g_list_store_append (self->tag_model, all);
}

static void
refresh_tag_filter (NdWindow *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *current = NULL;
  guint n_old;
  guint selected = 0;

  if (self->store == NULL)
    return;

  self->tags_listed = TRUE;
  g_clear_handle_id (&self->tags_source, g_source_remove);

  tags = nd_article_store_list_tags (self->store);
  current = g_strdup (nd_article_store_get_tag (self->store));

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      NdTagCount *tc = g_ptr_array_index (tags, i);

      g_ptr_array_add (items, create_tag_item (tc->name, tc->count, FALSE));
      if (current != NULL && g_strcmp0 (tc->name, current) == 0)
        selected = i + 1;
    }

  self->updating_tags = TRUE;

  add_all_articles_item (self);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->tag_model));

  g_list_store_splice (self->tag_model, 1, n_old - 1, items->pdata, items->len);
  gtk_drop_down_set_selected (self->tag_dropdown, selected);

  self->updating_tags = FALSE;

  /* The tag filtered on is gone: show everything again */
  if (current != NULL && selected == 0)
    nd_article_store_set_tag (self->store, NULL);
}

static const char *
get_tag_item_name (NdWindow *self,
                   guint     position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->tag_model), position);

  if (item == NULL || g_object_get_data (G_OBJECT (item), TAG_ALL_KEY) != NULL)
    return NULL;

  /* the model holds the item, the string lives as long */
  return gtk_string_object_get_string (item);
}

static void
on_tag_selected (NdWindow    *self,
                 GParamSpec  *pspec,
                 GtkDropDown *dropdown)
{
  guint selected;
  const char *tag = NULL;

  if (self->updating_tags || self->store == NULL)
    return;

  selected = gtk_drop_down_get_selected (dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    tag = get_tag_item_name (self, selected);

  if (g_strcmp0 (tag, nd_article_store_get_tag (self->store)) != 0)
    nd_article_store_set_tag (self->store, tag);
}

static void
on_tags_changed (NdWindow       *self,
                 NdArticleStore *store)
{
  refresh_tag_filter (self);
}

/* Counting the tags of a large desk is not needed for the first frame,
 * where the filter shows "All Articles": they are listed in an idle
 * right after it, or as soon as something asks for them */
static void
ensure_tag_filter (NdWindow *self)
{
  if (!self->tags_listed)
    refresh_tag_filter (self);
}

static gboolean
list_tags_idle (gpointer data)
{
  NdWindow *self = data;

  self->tags_source = 0;
  ensure_tag_filter (self);

  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *frame_clock,
                NdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_first_frame, self);

  if (!self->tags_listed && self->tags_source == 0)
    self->tags_source = g_idle_add (list_tags_idle, self);
}

/* Entity filter ---------------------------------------------------------- */

static void
update_entity_filter (NdWindow *self)
{
  const char *entity = self->store != NULL ? nd_article_store_get_entity (self->store) : NULL;

  if (entity != NULL)
    {
      /* Translators: the entity filter above the article list, "Mentioning Cairo" */
      g_autofree char *text = g_strdup_printf (_("Mentioning %s"), entity);

      gtk_label_set_label (self->entity_filter_label, text);
    }

  gtk_revealer_set_reveal_child (self->entity_filter_revealer, entity != NULL);
}

static void
on_entity_filter_changed (NdWindow       *self,
                          GParamSpec     *pspec,
                          NdArticleStore *store)
{
  update_entity_filter (self);
  update_page (self);
  update_actions (self);
}

static void
nd_window_set_entity_browser_visible (NdWindow *self,
                                      gboolean  visible)
{
  visible = !!visible;
  if (self->entity_browser_visible == visible)
    return;

  self->entity_browser_visible = visible;
  gtk_widget_set_visible (GTK_WIDGET (self->entity_browser), visible);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTITY_BROWSER_VISIBLE]);
}

/* Store and selection ---------------------------------------------------- */

static void
on_store_items_changed (NdWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  update_page (self);
  update_actions (self);
}

static void
on_selection_changed (NdWindow      *self,
                      NdArticleList *list)
{
  g_autoptr(GArray) ids = NULL;

  if (self->store == NULL)
    return;

  ids = nd_article_list_get_selected_ids (list);
  nd_article_view_set_selection (self->article_view, (const gint64 *) (gpointer) ids->data, ids->len);

  /* Reading an article marks it read */
  if (ids->len == 1)
    {
      gint64 id = g_array_index (ids, gint64, 0);
      guint position;

      if (nd_article_store_find (self->store, id, &position))
        {
          g_autoptr(NdArticle) article = g_list_model_get_item (G_LIST_MODEL (self->store), position);

          if (article != NULL && !nd_article_get_read (article))
            {
              g_autoptr(GError) error = NULL;

              if (!nd_article_store_set_read (self->store, id, TRUE, &error))
                show_toast (self, error->message);
            }
        }
    }

  update_actions (self);
}

static void
on_search_changed (NdWindow       *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const char *current;

  if (self->store == NULL)
    return;

  current = nd_article_store_get_search (self->store);
  if (g_strcmp0 (text, current != NULL ? current : "") == 0)
    return;

  nd_article_store_set_search (self->store, *text != '\0' ? text : NULL);
  update_page (self);
}

static void
on_stop_search (NdWindow       *self,
                GtkSearchEntry *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
}

/* Import ----------------------------------------------------------------- */

static gboolean
import_refresh_timeout (gpointer data)
{
  NdWindow *self = data;

  self->import_refresh_source = 0;
  self->import_last_refresh = g_get_monotonic_time ();
  if (self->store != NULL)
    nd_article_store_refresh (self->store);

  return G_SOURCE_REMOVE;
}

/* Shows the batches the worker committed in the list: at once when the
 * list was last refreshed long enough ago, else a little later, so that a
 * fast import does not spend the main loop re-reading the list. */
static void
import_show_batches (NdWindow *self,
                     guint     batches)
{
  gint64 since;

  if (batches == self->import_batches_shown || self->import_refresh_source != 0)
    return;

  self->import_batches_shown = batches;
  since = (g_get_monotonic_time () - self->import_last_refresh) / G_TIME_SPAN_MILLISECOND;
  if (since >= IMPORT_REFRESH_MS)
    import_refresh_timeout (self);
  else
    self->import_refresh_source = g_timeout_add ((guint) (IMPORT_REFRESH_MS - since),
                                                 import_refresh_timeout, self);
}

static void
import_queue_progress (ImportJob *job)
{
  if (g_atomic_int_compare_and_exchange (&job->progress->pending, 0, 1))
    g_main_context_invoke_full (job->context,
                                G_PRIORITY_DEFAULT_IDLE,
                                import_progress_dispatch,
                                g_atomic_rc_box_acquire (job->progress),
                                import_progress_release);
}

/* In the worker: ends the batch when it is full or old enough */
static void
import_commit_batch (ImportJob *job,
                     gboolean   last)
{
  g_autoptr(GError) error = NULL;

  if (job->database == NULL || job->batch_failed)
    return;

  if (!last && job->in_batch < IMPORT_BATCH_ARTICLES &&
      g_get_monotonic_time () - job->batch_start < IMPORT_BATCH_MS * G_TIME_SPAN_MILLISECOND)
    return;

  if (!nd_database_commit (job->database, &error))
    {
      /* The batch's articles are not in the desk (a full disk, most
       * likely, when their full-text rows are written): each of their
       * files is told so, and the count of imported articles is
       * corrected. Go on one transaction per article, as the importer
       * does alone. */
      for (guint i = 0; i < job->batch_paths->len; i++)
        {
          const char *path = g_ptr_array_index (job->batch_paths, i);

          job->imported--;
          job->failed++;
          g_ptr_array_add (job->errors,
                           g_strdup_printf (_("%s could not be stored: %s"), path, error->message));
          if (job->first_error == NULL)
            job->first_error = g_strdup (error->message);
        }
      g_ptr_array_set_size (job->batch_paths, 0);
      nd_database_rollback (job->database);
      job->batch_failed = TRUE;
      return;
    }
  g_ptr_array_set_size (job->batch_paths, 0);

  if (!last && !nd_database_begin (job->database, &error))
    {
      g_warning ("Cannot start a batch of the import: %s", error->message);
      job->batch_failed = TRUE;
      return;
    }

  if (job->in_batch > 0)
    g_atomic_int_inc (&job->progress->batches);
  job->in_batch = 0;
  job->batch_start = g_get_monotonic_time ();
}

static gboolean
import_progress_dispatch (gpointer data)
{
  ImportProgress *progress = data;
  g_autoptr(NdWindow) self = g_weak_ref_get (&progress->window);
  g_autofree char *text = NULL;
  guint done;
  guint total;

  g_atomic_int_set (&progress->pending, 0);

  if (self == NULL || self->disposed)
    return G_SOURCE_REMOVE;

  if (self->import_cancellable == NULL)
    return G_SOURCE_REMOVE;

  done = (guint) g_atomic_int_get (&progress->done);
  total = (guint) g_atomic_int_get (&progress->total);
  if (total > 0)
    /* Translators: progress of an import, "Importing… 120 of 5000 files" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Importing… %u of %u file",
                                         "Importing… %u of %u files",
                                         total),
                            MIN (done, total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Importing… %u file read",
                                         "Importing… %u files read",
                                         done),
                            done);
  gtk_label_set_label (self->progress_label, text);
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  import_show_batches (self, (guint) g_atomic_int_get (&progress->batches));

  return G_SOURCE_REMOVE;
}

static void
import_report (const char     *path,
               NdImportStatus  status,
               gint64          id,
               const GError   *error,
               gpointer        user_data)
{
  ImportJob *job = user_data;

  switch (status)
    {
    case ND_IMPORT_IMPORTED:
      job->imported++;
      break;
    case ND_IMPORT_DUPLICATE:
      job->duplicates++;
      break;
    case ND_IMPORT_FAILED:
    default:
      job->failed++;
      g_ptr_array_add (job->errors,
                       g_strdup_printf ("%s: %s", path,
                                        error != NULL ? error->message : _("unknown error")));
      if (job->first_error == NULL)
        job->first_error = g_strdup (error != NULL ? error->message : path);
      break;
    }

  if (status != ND_IMPORT_FAILED)
    job->in_batch++;
  if (status == ND_IMPORT_IMPORTED && !job->batch_failed)
    g_ptr_array_add (job->batch_paths, g_strdup (path));
  import_commit_batch (job, FALSE);

  g_atomic_int_inc (&job->progress->done);
  import_queue_progress (job);
}

/* The files an import will read, as the importer walks them: regular
 * files, folders recursively, hidden ones left out. Stops at `limit`. */
static guint
count_files (GFile        *file,
             GCancellable *cancellable,
             guint         depth,
             guint         limit)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint count = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    return 1;
  /* deeper than this is a link loop the importer skips */
  if (depth > 32)
    return 0;

  enumerator = g_file_enumerate_children (file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  while (enumerator != NULL && count < limit)
    {
      GFileInfo *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &child, NULL, cancellable, NULL) || child == NULL)
        break;

      name = g_file_info_get_name (child);
      if (name[0] == '.' || g_file_info_get_is_hidden (child))
        continue;

      if (g_file_info_get_file_type (child) == G_FILE_TYPE_DIRECTORY)
        {
          g_autoptr(GFile) folder = g_file_get_child (file, name);

          count += count_files (folder, cancellable, depth + 1, limit - count);
        }
      else if (g_file_info_get_file_type (child) == G_FILE_TYPE_REGULAR)
        count++;
    }

  return MIN (count, limit);
}

/* The samples are compiled into the app: parse them from the resource
 * bytes, run the extractor and store them, as an import would. */
static void
import_samples (NdDatabase   *database,
                ImportJob    *job,
                GCancellable *cancellable)
{
  g_auto(GStrv) names = nd_ui_list_samples ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *resource = g_strconcat (ND_SAMPLES_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GError) error = NULL;
      const char *data;
      gsize length;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          import_report (names[i], ND_IMPORT_FAILED, 0, error, job);
          continue;
        }

      data = g_bytes_get_data (bytes, &length);
      articles = nd_importer_parse_data (data, length, names[i], &error);
      if (articles == NULL)
        {
          import_report (names[i], ND_IMPORT_FAILED, 0, error, job);
          continue;
        }

      for (guint j = 0; j < articles->len; j++)
        {
          NdArticle *article = g_ptr_array_index (articles, j);
          g_autoptr(GError) insert_error = NULL;
          gboolean duplicate = FALSE;
          gint64 id = 0;

          if (nd_article_get_entities (article)->len == 0)
            nd_extractor_extract_article (article);

          if (!nd_database_insert_article (database, article, &id, &duplicate, &insert_error))
            import_report (names[i], ND_IMPORT_FAILED, 0, insert_error, job);
          else
            import_report (names[i], duplicate ? ND_IMPORT_DUPLICATE : ND_IMPORT_IMPORTED,
                           id, NULL, job);
        }
    }
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(NdDatabase) database = NULL;
  GError *error = NULL;

  database = nd_database_open (job->db_path, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->paths != NULL)
    {
      guint total = 0;

      /* the size of the job, for the progress bar */
      for (guint i = 0; job->paths[i] != NULL && !g_cancellable_is_cancelled (cancellable); i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (job->paths[i]);

          total += count_files (file, cancellable, 0, G_MAXINT / 2 - total);
        }
      g_atomic_int_set (&job->progress->total, (int) total);
      import_queue_progress (job);
    }

  /* Batches of whole articles; if one cannot start, one transaction per
   * article as the importer does alone */
  job->database = database;
  job->batch_start = g_get_monotonic_time ();
  if (!nd_database_begin (database, NULL))
    job->batch_failed = TRUE;

  if (job->paths != NULL)
    nd_importer_import_paths (database, (const char * const *) job->paths,
                              cancellable, import_report, job);
  else
    import_samples (database, job, cancellable);

  /* also when cancelled: every finished article stays */
  import_commit_batch (job, TRUE);
  job->database = NULL;

  g_task_return_boolean (task, TRUE);
}

static char *
describe_import (ImportJob *job,
                 gboolean   cancelled)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (job->imported > 0 || (job->duplicates == 0 && job->failed == 0))
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Imported %u article",
                                                   "Imported %u articles",
                                                   job->imported),
                                      job->imported));
  if (job->duplicates > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u already in the desk",
                                                   "%u already in the desk",
                                                   job->duplicates),
                                      job->duplicates));
  if (job->failed > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u file could not be imported",
                                                   "%u files could not be imported",
                                                   job->failed),
                                      job->failed));
  if (cancelled)
    g_ptr_array_add (parts, g_strdup (_("stopped")));

  g_ptr_array_add (parts, NULL);

  /* Translators: separates the parts of "Imported 3 articles, 2 already in the desk" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
import_finished (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NdWindow *self = ND_WINDOW (source_object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean cancelled = FALSE;
  ImportRequest *next;

  if (self->import_cancellable != NULL)
    cancelled = g_cancellable_is_cancelled (self->import_cancellable);
  g_clear_object (&self->import_cancellable);

  if (self->disposed)
    return;

  gtk_widget_set_visible (self->import_spinner, FALSE);
  g_clear_handle_id (&self->import_refresh_source, g_source_remove);
  update_progress_area (self);

  if (self->store != NULL)
    {
      nd_article_store_refresh (self->store);
      /* imported NewsDesk documents bring their tags: the tag filter and
       * the suggestions list them */
      g_signal_emit_by_name (self->store, "tags-changed");
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_toast (self, error->message);
    }
  else
    {
      g_autofree char *message = NULL;

      g_clear_pointer (&self->import_errors, g_strfreev);
      if (job->errors->len > 0)
        {
          g_ptr_array_add (job->errors, NULL);
          self->import_errors = (GStrv) g_ptr_array_steal (job->errors, NULL);
          job->errors = g_ptr_array_new_with_free_func (g_free);
        }

      if (job->failed == 1 && job->imported == 0 && job->duplicates == 0)
        {
          show_toast (self, job->first_error);
        }
      else if (job->failed > 0)
        {
          AdwToast *toast;

          message = describe_import (job, cancelled);
          toast = nd_ui_toast_new (message);
          adw_toast_set_button_label (toast, _("_Details"));
          adw_toast_set_action_name (toast, "win.show-import-errors");
          adw_toast_set_timeout (toast, 0);
          add_toast (self, toast);
        }
      else
        {
          message = describe_import (job, cancelled);
          show_toast (self, message);
        }
    }

  update_actions (self);

  g_signal_emit (self, signals[IMPORT_FINISHED], 0,
                 job->imported, job->duplicates, job->failed);

  next = g_queue_pop_head (&self->pending_imports);
  if (next != NULL)
    {
      nd_window_start_import (self, (const char * const *) next->paths);
      import_request_free (next);
    }
}

static void
nd_window_start_import (NdWindow           *self,
                        const char * const *paths)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (self->store != NULL);

  if (self->import_cancellable != NULL)
    {
      ImportRequest *request = g_new0 (ImportRequest, 1);

      request->paths = g_strdupv ((char **) paths);
      g_queue_push_tail (&self->pending_imports, request);
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->db_path = g_strdup (nd_database_get_path (nd_article_store_get_database (self->store)));
  job->paths = g_strdupv ((char **) paths);
  job->errors = g_ptr_array_new_with_free_func (g_free);
  job->batch_paths = g_ptr_array_new_with_free_func (g_free);
  job->context = g_main_context_ref_thread_default ();
  job->progress = g_atomic_rc_box_new0 (ImportProgress);
  g_weak_ref_init (&job->progress->window, self);

  self->import_cancellable = g_cancellable_new ();

  gtk_label_set_label (self->progress_label, _("Importing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->import_batches_shown = 0;
  self->import_last_refresh = g_get_monotonic_time ();
  gtk_widget_set_visible (self->import_spinner, TRUE);
  update_actions (self);
  update_progress_area (self);

  task = g_task_new (self, self->import_cancellable, import_finished, NULL);
  g_task_set_source_tag (task, nd_window_start_import);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_import_response (NdWindow             *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));

      nd_window_import_files (self, (GFile **) list->pdata, list->len);
    }

  g_clear_object (&self->file_chooser);
}

static void
show_import_chooser (NdWindow             *self,
                     GtkFileChooserAction  action)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;
  gboolean folders = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  native = gtk_file_chooser_native_new (folders ? _("Import Folders") : _("Import Articles"),
                                        GTK_WINDOW (self),
                                        action,
                                        _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  if (!folders)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Articles (text and NewsDesk JSON)"));
      gtk_file_filter_add_mime_type (filter, "text/plain");
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);

      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("All Files"));
      gtk_file_filter_add_pattern (filter, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);
    }

  g_signal_connect_object (native, "response",
                           G_CALLBACK (on_import_response), self,
                           G_CONNECT_SWAPPED);

  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

static gboolean
on_drop (NdWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (self->store == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (list, l->data);
  g_slist_free (files);

  if (list->len == 0)
    return FALSE;

  nd_window_import_files (self, (GFile **) list->pdata, list->len);

  return TRUE;
}

/* Re-extraction ---------------------------------------------------------- */

/* The progress area under the tag filter shows the import, else the
 * re-extraction, with a button that stops the one shown. */
static void
update_progress_area (NdWindow *self)
{
  gboolean importing = self->import_cancellable != NULL;
  gboolean updating = self->reextract_cancellable != NULL;
  gboolean exporting = self->export_cancellable != NULL;

  if (exporting && !importing && !updating)
    {
      g_autofree char *text = NULL;

      if (self->export_written > 0)
        /* Translators: export progress, "Exporting 3000 of 10000 articles…" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Exporting %u of %u article…",
                                             "Exporting %u of %u articles…",
                                             self->export_count),
                                self->export_written, self->export_count);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Exporting %u article…",
                                             "Exporting %u articles…",
                                             self->export_count),
                                self->export_count);
      gtk_label_set_label (self->progress_label, text);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_import_button), "win.cancel-export");
      nd_ui_set_icon_button_label (self->cancel_import_button, _("Stop Exporting"));
    }
  else if (importing)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_import_button), "win.cancel-import");
      nd_ui_set_icon_button_label (self->cancel_import_button, _("Stop Importing"));
    }
  else if (updating)
    {
      g_autofree char *text = NULL;

      /* Translators: progress of extracting the desk's entities again,
       * "Updating entities… 120 of 5000" */
      text = g_strdup_printf (_("Updating entities… %u of %u"),
                              self->reextract_done, self->reextract_total);
      gtk_label_set_label (self->progress_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     self->reextract_total > 0
                                     ? MIN (1.0, (double) self->reextract_done / self->reextract_total)
                                     : 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_import_button), "win.cancel-update-entities");
      nd_ui_set_icon_button_label (self->cancel_import_button, _("Stop Updating Entities"));
    }

  gtk_revealer_set_reveal_child (self->progress_revealer, importing || updating || exporting);
}

static gboolean
reextract_progress_dispatch (gpointer data)
{
  ReextractProgress *progress = data;
  g_autoptr(NdWindow) self = g_weak_ref_get (&progress->window);

  g_atomic_int_set (&progress->pending, 0);

  if (self == NULL || self->disposed || self->reextract_cancellable == NULL)
    return G_SOURCE_REMOVE;

  self->reextract_done = (guint) g_atomic_int_get (&progress->done);
  self->reextract_total = (guint) g_atomic_int_get (&progress->total);
  update_progress_area (self);

  return G_SOURCE_REMOVE;
}

static void
reextract_report (guint    done,
                  guint    total,
                  gpointer user_data)
{
  ReextractJob *job = user_data;

  g_atomic_int_set (&job->progress->done, (int) done);
  g_atomic_int_set (&job->progress->total, (int) total);

  if (g_atomic_int_compare_and_exchange (&job->progress->pending, 0, 1))
    g_main_context_invoke_full (job->context,
                                G_PRIORITY_DEFAULT_IDLE,
                                reextract_progress_dispatch,
                                g_atomic_rc_box_acquire (job->progress),
                                reextract_progress_release);
}

static void
reextract_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReextractJob *job = task_data;
  g_autoptr(NdDatabase) database = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  database = nd_database_open (job->db_path, &error);
  if (database == NULL ||
      !nd_reextractor_run (database, cancellable, reextract_report, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
reextract_finished (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NdWindow *self = ND_WINDOW (source_object);
  ReextractJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint done = (guint) g_atomic_int_get (&job->progress->done);
  gboolean cancelled = FALSE;

  g_clear_object (&self->reextract_cancellable);

  if (self->disposed)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (cancelled)
        message = g_strdup (_("Stopped updating the entities; NewsDesk goes on the next time it starts"));
      else
        /* Translators: %s is the reason */
        message = g_strdup_printf (_("Could not update the entities: %s"), error->message);
    }
  else if (done > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Updated the entities of %u article",
                                              "Updated the entities of %u articles",
                                              done),
                                 done);
    }

  update_progress_area (self);
  update_actions (self);

  /* The finished batches are in the desk, even when stopped */
  if (done > 0 && self->store != NULL)
    {
      nd_article_store_refresh (self->store);
      nd_article_view_reload (self->article_view);
      nd_entity_browser_refresh (self->entity_browser);
    }

  if (message != NULL)
    show_toast (self, message);

  g_signal_emit (self, signals[ENTITIES_UPDATED], 0, done, cancelled);
}

static void
start_reextraction (NdWindow *self)
{
  g_autoptr(GTask) task = NULL;
  NdDatabase *database;
  ReextractJob *job;
  guint stale;

  if (self->store == NULL || self->disposed || self->reextract_cancellable != NULL ||
      is_read_only (self))
    return;

  self->entities_checked = TRUE;
  database = nd_article_store_get_database (self->store);
  stale = nd_reextractor_count_stale (database);
  if (stale == 0)
    return;

  job = g_new0 (ReextractJob, 1);
  job->db_path = g_strdup (nd_database_get_path (database));
  job->context = g_main_context_ref_thread_default ();
  job->progress = g_atomic_rc_box_new0 (ReextractProgress);
  g_weak_ref_init (&job->progress->window, self);
  job->progress->total = (int) stale;

  self->reextract_cancellable = g_cancellable_new ();
  self->reextract_done = 0;
  self->reextract_total = stale;

  task = g_task_new (self, self->reextract_cancellable, reextract_finished, NULL);
  g_task_set_source_tag (task, start_reextraction);
  g_task_set_task_data (task, job, (GDestroyNotify) reextract_job_free);

  update_actions (self);
  update_progress_area (self);

  g_task_run_in_thread (task, reextract_thread);
}

static gboolean
start_reextraction_idle (gpointer data)
{
  NdWindow *self = data;

  self->reextract_source = 0;
  start_reextraction (self);

  return G_SOURCE_REMOVE;
}

/* Once the window is on screen, bring a desk made by an older extractor
 * up to date */
static void
on_first_map (NdWindow *self)
{
  g_clear_signal_handler (&self->map_handler, self);

  if (!self->tags_listed && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_first_frame), self, 0);
  else
    ensure_tag_filter (self);

  if (self->reextract_source == 0)
    self->reextract_source = g_idle_add_full (G_PRIORITY_LOW, start_reextraction_idle, self, NULL);
}

/* Benchmark hooks ---------------------------------------------------------
 *
 * Hidden, for build-aux/newsdesk-bench only (docs/performance.md):
 * NEWSDESK_BENCH_EXIT_AFTER_FIRST_FRAME=1 prints "first-frame" and the
 * peak RSS once a painted frame shows rows of the list, then quits;
 * NEWSDESK_BENCH_SCROLL_TO_END=P then scrolls the list to its end, P pages
 * a frame, prints the peak RSS and quits. */

static void
bench_print_peak_rss (void)
{
  g_autofree char *status = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");

      if (line != NULL)
        printf ("%.*s\n", (int) strcspn (line, "\n"), line);
    }
  fflush (stdout);
}

static gboolean
bench_list_shows_rows (NdWindow *self)
{
  GtkWidget *list_view = GTK_WIDGET (nd_article_list_get_list_view (self->article_list));

  if (self->store == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && gtk_widget_get_height (child) > 0)
      return TRUE;

  return FALSE;
}

static gboolean
bench_scroll_tick (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  NdWindow *self = ND_WINDOW (gtk_widget_get_root (widget));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  guint pages = GPOINTER_TO_UINT (user_data);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (value + page >= upper - 1)
    {
      if (++self->bench_frames_at_end >= 3)
        {
          printf ("rows-seen: %u\n", g_list_model_get_n_items (G_LIST_MODEL (self->store)));
          bench_print_peak_rss ();
          g_application_quit (g_application_get_default ());
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }

  self->bench_frames_at_end = 0;
  gtk_adjustment_set_value (adjustment, MIN (value + page * pages, upper - page));
  return G_SOURCE_CONTINUE;
}

static void
bench_after_paint (GdkFrameClock *frame_clock,
                   NdWindow      *self)
{
  const char *scroll = g_getenv ("NEWSDESK_BENCH_SCROLL_TO_END");
  GtkWidget *list_view;

  if (!bench_list_shows_rows (self))
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, bench_after_paint, self);
  {
    struct rusage usage;

    /* the CPU the process used up to here: on a busy machine, steadier
     * than the time */
    getrusage (RUSAGE_SELF, &usage);
    printf ("cpu-ms: %.0f\n",
            (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
            (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
  }
  printf ("first-frame\n");
  bench_print_peak_rss ();

  if (scroll == NULL || *scroll == '\0')
    {
      g_application_quit (g_application_get_default ());
      return;
    }

  list_view = GTK_WIDGET (nd_article_list_get_list_view (self->article_list));
  gtk_widget_add_tick_callback (list_view, bench_scroll_tick,
                                GUINT_TO_POINTER (MAX (1, atoi (scroll))), NULL);
}

static void
bench_on_realize (NdWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (bench_after_paint), self, 0);
}

static void
bench_setup (NdWindow *self)
{
  if (g_getenv ("NEWSDESK_BENCH_EXIT_AFTER_FIRST_FRAME") == NULL &&
      g_getenv ("NEWSDESK_BENCH_SCROLL_TO_END") == NULL)
    return;

  g_signal_connect (self, "realize", G_CALLBACK (bench_on_realize), NULL);
}

/* Export ----------------------------------------------------------------- */

/* On the main thread: the count of articles written so far */
static gboolean
export_progress_dispatch (gpointer data)
{
  ReextractProgress *progress = data;
  g_autoptr(NdWindow) self = g_weak_ref_get (&progress->window);

  g_atomic_int_set (&progress->pending, 0);

  if (self == NULL || self->disposed || self->export_cancellable == NULL)
    return G_SOURCE_REMOVE;

  self->export_written = (guint) g_atomic_int_get (&progress->done);
  if (self->export_count > 0 && self->import_cancellable == NULL && self->reextract_cancellable == NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) self->export_written / self->export_count);
  update_progress_area (self);

  return G_SOURCE_REMOVE;
}

/* In the export's thread, after each batch: at the priority of the
 * task's own completion, so that it is shown before the export ends */
static void
export_report (guint    n_written,
               guint    n_total,
               gpointer user_data)
{
  ExportJob *job = user_data;

  if (job == NULL || job->progress == NULL)
    return;

  g_atomic_int_set (&job->progress->done, (int) n_written);
  g_atomic_int_set (&job->progress->total, (int) n_total);
  if (g_atomic_int_compare_and_exchange (&job->progress->pending, 0, 1))
    g_main_context_invoke_full (job->context,
                                G_PRIORITY_DEFAULT,
                                export_progress_dispatch,
                                g_atomic_rc_box_acquire (job->progress),
                                reextract_progress_release);
}

static gboolean
export_ids_sync (const char    *db_path,
                 GArray        *ids,
                 GFile         *file,
                 ExportJob     *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(NdDatabase) database = NULL;

  /* exporting reads: a read-only desk exports too */
  database = nd_database_open_full (db_path, ND_DATABASE_OPEN_ALLOW_READ_ONLY, error);
  if (database == NULL)
    return FALSE;

  return nd_exporter_export_ids_with_progress (database, ids, file, export_report, job,
                                               cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (export_ids_sync (job->db_path, job->ids, job->file, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GArray *
get_export_ids (NdWindow *self)
{
  GArray *ids = nd_article_list_get_selected_ids (self->article_list);

  if (ids->len == 0)
    {
      guint n_items = get_n_items (self);

      for (guint i = 0; i < n_items; i++)
        {
          gint64 id = nd_article_store_get_id (self->store, i);

          g_array_append_val (ids, id);
        }
    }

  return ids;
}

static void
export_finished (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NdWindow *self = ND_WINDOW (source_object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->disposed)
    return;

  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->export_pulse_source, g_source_remove);
  update_progress_area (self);
  update_actions (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* the file was written atomically: nothing half-written is left */
        message = g_strdup (_("Export stopped"));
      else
        message = g_strdup_printf (_("Could not export: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Exported %u article to %s",
                                              "Exported %u articles to %s",
                                              job->ids->len),
                                 job->ids->len, name);
    }

  show_toast (self, message);
}

/* A pulse until the first batch is written, then the count shows */
static gboolean
export_pulse (gpointer data)
{
  NdWindow *self = data;

  if (self->import_cancellable == NULL && self->reextract_cancellable == NULL &&
      self->export_written == 0)
    gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
nd_window_export_async (NdWindow *self,
                        GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  job = g_new0 (ExportJob, 1);
  job->db_path = g_strdup (nd_database_get_path (nd_article_store_get_database (self->store)));
  job->ids = get_export_ids (self);
  job->file = g_object_ref (file);

  /* a long export shows its progress with a Stop button */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  self->export_count = job->ids->len;
  self->export_written = 0;
  job->context = g_main_context_ref_thread_default ();
  job->progress = g_atomic_rc_box_new0 (ReextractProgress);
  g_weak_ref_init (&job->progress->window, self);
  g_clear_handle_id (&self->export_pulse_source, g_source_remove);
  self->export_pulse_source = g_timeout_add (100, export_pulse, self);
  update_progress_area (self);
  update_actions (self);

  task = g_task_new (self, self->export_cancellable, export_finished, NULL);
  g_task_set_source_tag (task, nd_window_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_export_response (NdWindow             *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) folder = file != NULL ? g_file_get_parent (file) : NULL;

      if (folder != NULL && self->settings != NULL && g_file_peek_path (folder) != NULL)
        g_settings_set_string (self->settings, "last-export-folder", g_file_peek_path (folder));

      if (file != NULL)
        nd_window_export_async (self, file);
    }

  g_clear_object (&self->file_chooser);
}

/* Actions ---------------------------------------------------------------- */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  show_import_chooser (ND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_import_chooser (ND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
load_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  nd_window_load_samples (ND_WINDOW (widget));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  ImportRequest *request;

  while ((request = g_queue_pop_head (&self->pending_imports)) != NULL)
    import_request_free (request);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
on_import_errors_response (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
show_import_errors_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  if (self->import_errors == NULL)
    return;

  text = g_strjoinv ("\n", self->import_errors);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Some Files Were Not Imported"),
                                   _("NewsDesk imports text files (UTF-8, UTF-16 or Windows-1252) and NewsDesk JSON documents."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "monospace");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  g_signal_connect (dialog, "response", G_CALLBACK (on_import_errors_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  if (self->store == NULL)
    return;

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  native = gtk_file_chooser_native_new (_("Export Articles"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "newsdesk-export.json");

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("NewsDesk JSON"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  if (self->settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "last-export-folder");

      if (folder != NULL && *folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) file = g_file_new_for_path (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
        }
    }

  g_signal_connect_object (native, "response",
                           G_CALLBACK (on_export_response), self,
                           G_CONNECT_SWAPPED);

  self->file_chooser = GTK_NATIVE_DIALOG (native);
  gtk_native_dialog_show (self->file_chooser);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  nd_article_view_focus_tag_entry (self->article_view);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->store == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  nd_article_store_set_search (self->store, NULL);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  nd_article_store_set_tag (self->store, NULL);
  nd_article_store_set_entity (self->store, NULL);
  update_page (self);
}

static void
filter_entity_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->store == NULL)
    return;

  nd_article_store_set_entity (self->store, *name != '\0' ? name : NULL);
}

static void
clear_entity_filter_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->store == NULL)
    return;

  nd_article_store_set_entity (self->store, NULL);
}

static void
cancel_export_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
cancel_update_entities_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  if (self->reextract_cancellable != NULL)
    g_cancellable_cancel (self->reextract_cancellable);
}

static void
on_undo_toast_dismissed (NdWindow *self,
                         AdwToast *toast)
{
  /* Once the toast is gone the delete is final */
  if (toast != self->undo_toast || self->disposed)
    return;

  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->last_deleted, g_ptr_array_unref);
  update_actions (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *deleted = NULL;
  AdwToast *old_toast;
  AdwToast *toast;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  ids = nd_article_list_get_selected_ids (self->article_list);
  if (ids->len == 0)
    return;

  if (!nd_article_store_delete (self->store, (const gint64 *) (gpointer) ids->data, ids->len,
                                &deleted, &error))
    {
      show_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->last_deleted, g_ptr_array_unref);
  self->last_deleted = deleted;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Deleted %u article",
                                        "Deleted %u articles",
                                        ids->len),
                           ids->len);
  toast = nd_ui_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);

  old_toast = self->undo_toast;
  g_set_weak_pointer (&self->undo_toast, toast);
  if (old_toast != NULL)
    nd_ui_toast_dismiss (old_toast);

  add_toast (self, toast);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  GtkSelectionModel *selection;
  AdwToast *toast;

  if (self->store == NULL)
    return;
  if (self->last_deleted == NULL)
    {
      if (toast_offers_undo (self))
        {
          toast = self->shown_toast;
          g_signal_emit_by_name (toast, "button-clicked");
          nd_ui_toast_dismiss (toast);
        }
      return;
    }

  articles = g_steal_pointer (&self->last_deleted);
  toast = self->undo_toast;
  g_clear_weak_pointer (&self->undo_toast);
  if (toast != NULL)
    nd_ui_toast_dismiss (toast);

  if (!nd_article_store_restore (self->store, articles, &error))
    {
      show_toast (self, error->message);
      update_actions (self);
      return;
    }

  /* Select what came back */
  selection = nd_article_list_get_selection (self->article_list);
  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < articles->len; i++)
    {
      guint position;

      if (nd_article_store_find (self->store, nd_article_get_id (g_ptr_array_index (articles, i)), &position))
        gtk_selection_model_select_item (selection, position, FALSE);
    }

  update_actions (self);
}

static void
toggle_flag (NdWindow *self,
             gboolean  star)
{
  g_autoptr(GArray) ids = NULL;
  gboolean target = FALSE;

  if (self->store == NULL)
    return;

  ids = nd_article_list_get_selected_ids (self->article_list);

  /* One article: flip it. Several: set the flag on all unless all
   * have it already, then clear it on all. */
  for (guint i = 0; i < ids->len && !target; i++)
    {
      g_autoptr(NdArticle) article = NULL;
      guint position;

      if (!nd_article_store_find (self->store, g_array_index (ids, gint64, i), &position))
        continue;
      article = g_list_model_get_item (G_LIST_MODEL (self->store), position);
      if (article == NULL)
        continue;
      if (star ? !nd_article_get_starred (article) : !nd_article_get_read (article))
        target = TRUE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = g_array_index (ids, gint64, i);
      gboolean ok;

      if (star)
        ok = nd_article_store_set_starred (self->store, id, target, &error);
      else
        ok = nd_article_store_set_read (self->store, id, target, &error);

      if (!ok)
        {
          show_toast (self, error->message);
          break;
        }
    }
}

static void
toggle_read_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  toggle_flag (ND_WINDOW (widget), FALSE);
}

static void
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  toggle_flag (ND_WINDOW (widget), TRUE);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NdWindow *self = ND_WINDOW (widget);

  nd_article_list_select_all (self->article_list);
}

/* Window state ----------------------------------------------------------- */

static void
nd_window_set_sort_order (NdWindow   *self,
                          const char *sort_order)
{
  NdSortOrder sort = sort_from_nick (sort_order);

  sort_order = nick_from_sort (sort);
  if (g_strcmp0 (self->sort_order, sort_order) == 0)
    return;

  g_free (self->sort_order);
  self->sort_order = g_strdup (sort_order);

  if (self->store != NULL)
    nd_article_store_set_sort (self->store, sort);
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "sort-order", sort);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

static void
save_window_state (NdWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->store != NULL)
    g_settings_set_int (self->settings, "sidebar-position",
                        gtk_paned_get_position (self->paned));
}

static void
restore_window_state (NdWindow *self)
{
  if (self->settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
      gtk_paned_set_position (self->paned, 380);
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned,
                          MAX (280, g_settings_get_int (self->settings, "sidebar-position")));

  g_free (self->sort_order);
  self->sort_order = g_strdup (nick_from_sort (g_settings_get_enum (self->settings, "sort-order")));
}

/* GObject ---------------------------------------------------------------- */

static gboolean
nd_window_close_request (GtkWindow *window)
{
  NdWindow *self = ND_WINDOW (window);

  save_window_state (self);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->reextract_cancellable != NULL)
    g_cancellable_cancel (self->reextract_cancellable);

  return GTK_WINDOW_CLASS (nd_window_parent_class)->close_request (window);
}

static void
nd_window_constructed (GObject *object)
{
  NdWindow *self = (NdWindow *)object;
  GtkDropTarget *drop_target;

  G_OBJECT_CLASS (nd_window_parent_class)->constructed (object);

  self->settings = create_settings ();
  restore_window_state (self);
  add_read_only_notice (self);

  if (self->store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       self->error_message != NULL ? self->error_message : "");
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      update_actions (self);
      return;
    }

  nd_article_store_set_sort (self->store, sort_from_nick (self->sort_order));

  nd_article_list_set_store (self->article_list, self->store);
  nd_article_view_set_store (self->article_view, self->store);
  nd_entity_browser_set_store (self->entity_browser, self->store);

  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (on_store_items_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "tags-changed",
                           G_CALLBACK (on_tags_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::entity",
                           G_CALLBACK (on_entity_filter_changed), self,
                           G_CONNECT_SWAPPED);
  self->map_handler = g_signal_connect (self, "map", G_CALLBACK (on_first_map), NULL);
  bench_setup (self);

  add_all_articles_item (self);
  update_entity_filter (self);
  update_page (self);
  update_read_only_notice (self);
  update_actions (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop",
                           G_CALLBACK (on_drop), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));
}

static void
nd_window_dispose (GObject *object)
{
  NdWindow *self = (NdWindow *)object;
  ImportRequest *request;

  self->disposed = TRUE;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  while ((request = g_queue_pop_head (&self->pending_imports)) != NULL)
    import_request_free (request);
  if (self->reextract_cancellable != NULL)
    g_cancellable_cancel (self->reextract_cancellable);
  g_clear_handle_id (&self->reextract_source, g_source_remove);
  g_clear_handle_id (&self->tags_source, g_source_remove);
  g_clear_handle_id (&self->import_refresh_source, g_source_remove);
  g_clear_handle_id (&self->export_pulse_source, g_source_remove);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_signal_handler (&self->map_handler, self);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);

  g_clear_weak_pointer (&self->undo_toast);
  g_clear_weak_pointer (&self->shown_toast);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->tag_model);

  G_OBJECT_CLASS (nd_window_parent_class)->dispose (object);
}

static void
nd_window_finalize (GObject *object)
{
  NdWindow *self = (NdWindow *)object;

  g_clear_pointer (&self->last_deleted, g_ptr_array_unref);
  g_clear_pointer (&self->import_errors, g_strfreev);
  g_free (self->sort_order);
  g_free (self->error_message);
  g_free (self->last_toast);

  G_OBJECT_CLASS (nd_window_parent_class)->finalize (object);
}

static void
nd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdWindow *self = ND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;
    case PROP_ENTITY_BROWSER_VISIBLE:
      g_value_set_boolean (value, self->entity_browser_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdWindow *self = ND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_SORT_ORDER:
      nd_window_set_sort_order (self, g_value_get_string (value));
      break;
    case PROP_ENTITY_BROWSER_VISIBLE:
      nd_window_set_entity_browser_visible (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_window_class_init (NdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = nd_window_constructed;
  object_class->dispose = nd_window_dispose;
  object_class->finalize = nd_window_finalize;
  object_class->get_property = nd_window_get_property;
  object_class->set_property = nd_window_set_property;

  window_class->close_request = nd_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ND_TYPE_ARTICLE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL,
                         "date-desc",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENTITY_BROWSER_VISIBLE] =
    g_param_spec_boolean ("entity-browser-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdWindow::import-finished:
   * @imported: articles stored
   * @duplicates: articles that were already in the desk
   * @failed: files (or articles) refused
   *
   * An import started with win.import, win.load-samples, a drop or a
   * file from the command line has finished and the list is refreshed.
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * NdWindow::entities-updated:
   * @updated: articles extracted again
   * @cancelled: whether it was stopped before the end
   *
   * The desk was made by an older extractor and its articles have been
   * extracted again (when the window was first shown); the list and the
   * article shown are refreshed.
   */
  signals[ENTITIES_UPDATED] =
    g_signal_new ("entities-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  g_type_ensure (ND_TYPE_ARTICLE_LIST);
  g_type_ensure (ND_TYPE_ARTICLE_VIEW);
  g_type_ensure (ND_TYPE_ENTITY_BROWSER);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, cancel_import_button);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, entity_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, entity_filter_label);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, entity_browser);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, NdWindow, article_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.load-samples", NULL, load_samples_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.show-import-errors", NULL, show_import_errors_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.add-tag", NULL, add_tag_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  /* anywhere in the window (a text entry keeps Ctrl+Z for its own text) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-delete", NULL);
  gtk_widget_class_install_action (widget_class, "win.toggle-read", NULL, toggle_read_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort-order");
  gtk_widget_class_install_property_action (widget_class, "win.show-entity-browser", "entity-browser-visible");
  gtk_widget_class_install_action (widget_class, "win.filter-entity", "s", filter_entity_action);
  gtk_widget_class_install_action (widget_class, "win.clear-entity-filter", NULL, clear_entity_filter_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-update-entities", NULL, cancel_update_entities_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-export", NULL, cancel_export_action);
}

static void
nd_window_init (NdWindow *self)
{
  GtkListItemFactory *factory;

  self->sort_order = g_strdup ("date-desc");
  g_queue_init (&self->pending_imports);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The progress of an import or of updating the entities, beside its
   * count */
  {
    g_autoptr(GtkWidget) row = g_object_ref (gtk_widget_get_parent (GTK_WIDGET (self->progress_label)));
    GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    /* under the count and the Stop button, the width of the side
     * panel: it never makes the panel wider */
    self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
    gtk_widget_set_margin_start (GTK_WIDGET (self->progress_bar), 12);
    gtk_widget_set_margin_end (GTK_WIDGET (self->progress_bar), 12);
    gtk_widget_set_margin_bottom (GTK_WIDGET (self->progress_bar), 6);
    gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                    -1);
    gtk_revealer_set_child (self->progress_revealer, NULL);
    gtk_box_append (GTK_BOX (column), row);
    gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->progress_bar));
    gtk_revealer_set_child (self->progress_revealer, column);
  }

  self->tag_model = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_tag_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_tag_item_bind), NULL);
  gtk_drop_down_set_factory (self->tag_dropdown, factory);
  g_object_unref (factory);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tag_model));
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (on_tag_selected), self,
                           G_CONNECT_SWAPPED);
}

/* Public and private API ------------------------------------------------- */

NdWindow *
nd_window_new (NdApplication  *application,
               NdArticleStore *store)
{
  g_return_val_if_fail (ND_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (store), NULL);

  return g_object_new (ND_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

NdWindow *
nd_window_new_for_error (NdApplication *application,
                         const char    *message)
{
  NdWindow *self;

  g_return_val_if_fail (ND_IS_APPLICATION (application), NULL);

  /* the message is read in constructed(), so set it before */
  self = g_object_new (ND_TYPE_WINDOW, NULL);
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (application));

  return self;
}

NdArticleStore *
nd_window_get_store (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->store;
}

void
nd_window_import_files (NdWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (ND_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  for (guint i = 0; i < n_files; i++)
    {
      char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          g_autofree char *message = g_strdup_printf (_("%s is not a local file"), uri);

          show_toast (self, message);
          continue;
        }
      g_ptr_array_add (paths, path);
    }

  if (paths->len == 0)
    return;

  g_ptr_array_add (paths, NULL);
  nd_window_import_paths (self, (const char * const *) paths->pdata);
}

void
nd_window_import_paths (NdWindow           *self,
                        const char * const *paths)
{
  g_return_if_fail (ND_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  if (self->store == NULL || paths[0] == NULL)
    return;

  /* files dropped on the window or given on the command line */
  if (is_read_only (self))
    {
      show_toast (self, nd_database_get_read_only_reason (nd_article_store_get_database (self->store)));
      return;
    }

  nd_window_start_import (self, paths);
}

void
nd_window_load_samples (NdWindow *self)
{
  g_return_if_fail (ND_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  nd_window_start_import (self, NULL);
}

gboolean
nd_window_get_importing (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL || self->pending_imports.length > 0;
}

GtkDropDown *
nd_window_get_tag_dropdown (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  ensure_tag_filter (self);

  return self->tag_dropdown;
}

const char * const *
nd_window_get_import_errors (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return (const char * const *) self->import_errors;
}

gboolean
nd_window_export_to_file (NdWindow  *self,
                          GFile     *file,
                          GError   **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_FAILED, _("No desk is open"));
      return FALSE;
    }

  ids = get_export_ids (self);

  return export_ids_sync (nd_database_get_path (nd_article_store_get_database (self->store)),
                          ids, file, NULL, NULL, error);
}

void
nd_window_start_export (NdWindow *self,
                        GFile    *file)
{
  g_return_if_fail (ND_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store != NULL)
    nd_window_export_async (self, file);
}

GArray *
nd_window_get_selected_ids (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return nd_article_list_get_selected_ids (self->article_list);
}

void
nd_window_set_search_text (NdWindow   *self,
                           const char *text)
{
  g_return_if_fail (ND_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* apply now rather than after the entry's typing delay */
  on_search_changed (self, self->search_entry);
}

GtkWidget *
nd_window_get_search_entry (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

void
nd_window_select_position (NdWindow *self,
                           guint     position)
{
  g_return_if_fail (ND_IS_WINDOW (self));

  nd_article_list_select_position (self->article_list, position);
}

const char *
nd_window_get_page (NdWindow *self)
{
  const char *page;

  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "desk") == 0)
    return gtk_stack_get_visible_child_name (self->list_stack);

  return page;
}

GtkWidget *
nd_window_get_status_page (NdWindow   *self,
                           const char *page)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  if (g_strcmp0 (page, "empty") == 0)
    return GTK_WIDGET (self->empty_page);
  if (g_strcmp0 (page, "no-results") == 0)
    return GTK_WIDGET (self->no_results_page);
  if (g_strcmp0 (page, "error") == 0)
    return GTK_WIDGET (self->error_page);

  return NULL;
}

GtkListView *
nd_window_get_list_view (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  /* with all its rows, as after its first frame */
  nd_article_list_show_all_rows (self->article_list);

  return nd_article_list_get_list_view (self->article_list);
}

guint
nd_window_get_n_list_rows (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), 0);

  return nd_article_list_get_n_rows (self->article_list);
}

GtkWidget *
nd_window_get_list_row (NdWindow *self,
                        gint64    id)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return nd_article_list_get_row (self->article_list, id);
}

NdArticleView *
nd_window_get_article_view (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->article_view;
}

const char *
nd_window_get_detail_title (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return nd_article_view_get_title (self->article_view);
}

char **
nd_window_get_detail_tags (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return nd_article_view_dup_tags (self->article_view);
}

GtkWidget *
nd_window_get_tag_entry (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return nd_article_view_get_tag_entry (self->article_view);
}

guint
nd_window_get_tag_filter_n_items (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), 0);

  ensure_tag_filter (self);

  return g_list_model_get_n_items (G_LIST_MODEL (self->tag_model));
}

char *
nd_window_get_tag_filter_item (NdWindow *self,
                               guint     position,
                               guint    *count)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  ensure_tag_filter (self);
  if (count != NULL)
    *count = 0;

  item = g_list_model_get_item (G_LIST_MODEL (self->tag_model), position);
  if (item == NULL || g_object_get_data (item, TAG_ALL_KEY) != NULL)
    return NULL;

  if (count != NULL)
    *count = GPOINTER_TO_UINT (g_object_get_data (item, TAG_COUNT_KEY));

  return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
}

void
nd_window_set_tag_filter (NdWindow   *self,
                          const char *tag)
{
  guint n_items;

  g_return_if_fail (ND_IS_WINDOW (self));

  ensure_tag_filter (self);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->tag_model));
  for (guint i = 1; tag != NULL && i < n_items; i++)
    {
      if (g_strcmp0 (get_tag_item_name (self, i), tag) == 0)
        {
          gtk_drop_down_set_selected (self->tag_dropdown, i);
          return;
        }
    }

  gtk_drop_down_set_selected (self->tag_dropdown, 0);
}

GtkNativeDialog *
nd_window_get_file_chooser (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->file_chooser;
}

const char *
nd_window_get_last_toast (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return self->last_toast;
}

gboolean
nd_window_save_screenshot (NdWindow    *self,
                           const char  *png_path,
                           GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (png_path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_FAILED,
                           "The window is not shown, there is nothing to save");
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, ND_ERROR, ND_ERROR_FAILED,
                           "The window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  if (!gdk_texture_save_to_png (texture, png_path))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_FAILED,
                   "Could not write %s", png_path);
      return FALSE;
    }

  return TRUE;
}

void
nd_window_set_entity_filter (NdWindow   *self,
                             const char *name)
{
  g_return_if_fail (ND_IS_WINDOW (self));

  if (name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.filter-entity", "s", name);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-entity-filter", NULL);
}

const char *
nd_window_get_entity_filter_text (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->entity_filter_revealer))
    return NULL;

  return gtk_label_get_label (self->entity_filter_label);
}

GtkWidget *
nd_window_get_entity_browser (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->entity_browser);
}

gboolean
nd_window_get_updating_entities (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);

  return self->reextract_cancellable != NULL;
}

gboolean
nd_window_get_entities_checked (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);

  return self->entities_checked;
}

GtkWidget *
nd_window_get_progress_label (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->progress_label);
}

gboolean
nd_window_get_progress_shown (NdWindow *self)
{
  g_return_val_if_fail (ND_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->progress_revealer);
}

void
nd_window_add_toast (NdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (ND_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  add_toast (self, toast);
}
