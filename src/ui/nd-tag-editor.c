/* nd-tag-editor.c — tag chips with remove buttons and an entry to add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor only shows tags and reports what the user asks for through
 * its signals; the view that owns it changes the desk, and the chips are
 * refreshed from the store's article-changed signal.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-tag-editor.h"
#include "nd-ui-util.h"

struct _NdTagEditor
{
  GtkWidget           parent_instance;

  GtkFlowBox         *flow_box;
  GtkFlowBoxChild    *entry_child;
  GtkEntry           *entry;

  GtkListStore       *suggestions;
  GtkEntryCompletion *completion;
  GPtrArray          *tags;   /* char*, the chips in order */
};

G_DEFINE_FINAL_TYPE (NdTagEditor, nd_tag_editor, GTK_TYPE_WIDGET)

enum {
  TAG_ADDED,
  TAG_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
nd_tag_editor_has_tag (NdTagEditor *self,
                       const char  *tag)
{
  for (guint i = 0; i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), tag) == 0)
      return TRUE;
  return FALSE;
}

static void
emit_tag_added (NdTagEditor *self,
                const char  *text)
{
  g_autofree char *tag = nd_tag_normalize (text);

  if (tag == NULL)
    return;

  g_signal_emit (self, signals[TAG_ADDED], 0, tag);
}

static void
on_chip_clicked (NdTagEditor *self,
                 GtkButton   *chip)
{
  const char *tag = g_object_get_data (G_OBJECT (chip), "nd-tag");
  g_autofree char *copy = g_strdup (tag);

  /* the handler may replace the chips (and free the button's data) */
  g_signal_emit (self, signals[TAG_REMOVED], 0, copy);
}

static void
on_entry_activate (NdTagEditor *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  emit_tag_added (self, text);
}

static gboolean
on_match_selected (NdTagEditor        *self,
                   GtkTreeModel       *model,
                   GtkTreeIter        *iter,
                   GtkEntryCompletion *completion)
{
  g_autofree char *tag = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  emit_tag_added (self, tag);

  return TRUE;
}

static gboolean
completion_match (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  NdTagEditor *self = user_data;
  g_autofree char *tag = NULL;
  g_autofree char *folded_tag = NULL;
  g_autofree char *folded_key = NULL;
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  if (tag == NULL || nd_tag_editor_has_tag (self, tag))
    return FALSE;

  folded_tag = g_utf8_casefold (tag, -1);
  folded_key = g_utf8_casefold (key, -1);

  return strstr (folded_tag, folded_key) != NULL;
}

static GtkWidget *
create_chip (const char *tag)
{
  g_autofree char *label = NULL;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *text;
  GtkWidget *icon;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  text = gtk_label_new (tag);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 32);
  icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), icon);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "tag-chip");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "nd-tag", g_strdup (tag), g_free);

  /* Translators: the tooltip and accessible label of a tag chip */
  label = g_strdup_printf (_("Remove tag %s"), tag);
  nd_ui_set_icon_button_label (button, label);

  return button;
}

static void
nd_tag_editor_dispose (GObject *object)
{
  NdTagEditor *self = (NdTagEditor *)object;

  if (self->entry != NULL)
    gtk_entry_set_completion (self->entry, NULL);
  g_clear_object (&self->completion);
  g_clear_object (&self->suggestions);

  gtk_widget_dispose_template (GTK_WIDGET (self), ND_TYPE_TAG_EDITOR);

  G_OBJECT_CLASS (nd_tag_editor_parent_class)->dispose (object);
}

static void
nd_tag_editor_finalize (GObject *object)
{
  NdTagEditor *self = (NdTagEditor *)object;

  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_tag_editor_parent_class)->finalize (object);
}

static gboolean
nd_tag_editor_grab_focus (GtkWidget *widget)
{
  NdTagEditor *self = ND_TAG_EDITOR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
nd_tag_editor_class_init (NdTagEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_tag_editor_dispose;
  object_class->finalize = nd_tag_editor_finalize;

  widget_class->grab_focus = nd_tag_editor_grab_focus;

  /**
   * NdTagEditor::tag-added:
   * @tag: the normalised tag the user typed or picked
   */
  signals[TAG_ADDED] =
    g_signal_new ("tag-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * NdTagEditor::tag-removed:
   * @tag: the tag whose chip was clicked
   */
  signals[TAG_REMOVED] =
    g_signal_new ("tag-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/NewsDesk/nd-tag-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, NdTagEditor, flow_box);
  gtk_widget_class_bind_template_child (widget_class, NdTagEditor, entry_child);
  gtk_widget_class_bind_template_child (widget_class, NdTagEditor, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndtageditor");
}

static void
nd_tag_editor_init (NdTagEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tags = g_ptr_array_new_with_free_func (g_free);

  self->suggestions = gtk_list_store_new (1, G_TYPE_STRING);
  self->completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (self->completion, GTK_TREE_MODEL (self->suggestions));
  gtk_entry_completion_set_text_column (self->completion, 0);
  gtk_entry_completion_set_minimum_key_length (self->completion, 1);
  gtk_entry_completion_set_popup_single_match (self->completion, TRUE);
  gtk_entry_completion_set_match_func (self->completion, completion_match, self, NULL);
  g_signal_connect_object (self->completion, "match-selected",
                           G_CALLBACK (on_match_selected), self,
                           G_CONNECT_SWAPPED);
  gtk_entry_set_completion (self->entry, self->completion);
}

GtkWidget *
nd_tag_editor_new (void)
{
  return g_object_new (ND_TYPE_TAG_EDITOR, NULL);
}

void
nd_tag_editor_set_tags (NdTagEditor        *self,
                        const char * const *tags)
{
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (ND_IS_TAG_EDITOR (self));

  /* Unchanged: keep the chips (and the keyboard focus on them) */
  if (tags != NULL && g_strv_length ((char **) tags) == self->tags->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; same && tags[i] != NULL; i++)
        same = g_strcmp0 (tags[i], g_ptr_array_index (self->tags, i)) == 0;
      if (same)
        return;
    }
  else if (tags == NULL && self->tags->len == 0)
    return;

  /* Remove every chip, keep the entry */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->entry_child))
        gtk_flow_box_remove (self->flow_box, child);
      child = next;
    }

  g_ptr_array_set_size (self->tags, 0);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *chip = create_chip (tags[i]);
      GtkWidget *flow_child;

      g_signal_connect_object (chip, "clicked",
                               G_CALLBACK (on_chip_clicked), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_insert (self->flow_box, chip, n++);
      flow_child = gtk_widget_get_parent (chip);
      gtk_widget_set_focusable (flow_child, FALSE);
      g_ptr_array_add (self->tags, g_strdup (tags[i]));
    }
}

char **
nd_tag_editor_dup_tags (NdTagEditor *self)
{
  GStrvBuilder *builder;

  g_return_val_if_fail (ND_IS_TAG_EDITOR (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->tags, i));

  return g_strv_builder_end (builder);
}

void
nd_tag_editor_set_suggestions (NdTagEditor *self,
                               GPtrArray   *tag_counts)
{
  g_return_if_fail (ND_IS_TAG_EDITOR (self));

  gtk_list_store_clear (self->suggestions);

  for (guint i = 0; tag_counts != NULL && i < tag_counts->len; i++)
    {
      NdTagCount *tc = g_ptr_array_index (tag_counts, i);

      gtk_list_store_insert_with_values (self->suggestions, NULL, -1,
                                         0, tc->name,
                                         -1);
    }
}

GtkWidget *
nd_tag_editor_get_entry (NdTagEditor *self)
{
  g_return_val_if_fail (ND_IS_TAG_EDITOR (self), NULL);

  return GTK_WIDGET (self->entry);
}

void
nd_tag_editor_focus_entry (NdTagEditor *self)
{
  g_return_if_fail (ND_IS_TAG_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GtkWidget *
nd_tag_editor_get_chip (NdTagEditor *self,
                        const char  *tag)
{
  g_return_val_if_fail (ND_IS_TAG_EDITOR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (chip != NULL &&
          g_strcmp0 (g_object_get_data (G_OBJECT (chip), "nd-tag"), tag) == 0)
        return chip;
    }

  return NULL;
}
