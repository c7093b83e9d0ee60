/* nd-body-view.c — an article body as paragraphs, headings, lists, tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is split by nd_body_parse() into blocks; each block becomes a
 * widget: a wrapping selectable label for a paragraph, a heading-styled
 * label, a bulleted row for a list item, and a GtkGrid for a table.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "newsdesk-core.h"
#include "nd-body-view.h"

struct _NdBodyView
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (NdBodyView, nd_body_view, GTK_TYPE_WIDGET)

#define BLOCK_KIND_KEY "nd-block-kind"

static GtkWidget *
create_text_label_with_role (const char        *text,
                             GtkAccessibleRole  role)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", role,
                                   NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);

  return label;
}

static GtkWidget *
create_text_label (const char *text)
{
  return create_text_label_with_role (text, GTK_ACCESSIBLE_ROLE_LABEL);
}

static GtkWidget *
create_paragraph (NdBlock *block)
{
  GtkWidget *label = create_text_label (block->text);

  gtk_widget_add_css_class (label, "body-paragraph");

  return label;
}

static GtkWidget *
create_heading (NdBlock *block)
{
  GtkWidget *label = create_text_label_with_role (block->text, GTK_ACCESSIBLE_ROLE_HEADING);

  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "body-heading");
  return label;
}

static GtkWidget *
create_list_item (NdBlock *block)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label = create_text_label (block->text);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (box, "body-list-item");
  gtk_accessible_update_property (GTK_ACCESSIBLE (bullet),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("List item"),
                                  -1);
  gtk_box_append (GTK_BOX (box), bullet);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static GtkWidget *
create_table (NdBlock *block)
{
  GtkWidget *grid;
  guint n_rows;
  guint n_columns = 0;

  n_rows = block->rows != NULL ? block->rows->len : 0;
  for (guint r = 0; r < n_rows; r++)
    n_columns = MAX (n_columns, g_strv_length (g_ptr_array_index (block->rows, r)));

  if (n_rows == 0 || n_columns == 0)
    return create_paragraph (block);

  grid = gtk_grid_new ();
  gtk_widget_add_css_class (grid, "nd-table");
  gtk_widget_set_overflow (grid, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_halign (grid, GTK_ALIGN_FILL);
  gtk_widget_set_valign (grid, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Table"),
                                  -1);

  for (guint r = 0; r < n_rows; r++)
    {
      char **cells = g_ptr_array_index (block->rows, r);
      guint n_cells = g_strv_length (cells);

      for (guint c = 0; c < n_columns; c++)
        {
          GtkWidget *label = create_text_label (c < n_cells ? cells[c] : "");

          gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
          gtk_widget_set_hexpand (label, TRUE);
          gtk_widget_set_valign (label, GTK_ALIGN_FILL);
          gtk_widget_add_css_class (label, "nd-table-cell");
          if (r == 0)
            gtk_widget_add_css_class (label, "nd-table-header");
          if (r == n_rows - 1)
            gtk_widget_add_css_class (label, "last-row");
          if (c == n_columns - 1)
            gtk_widget_add_css_class (label, "last-column");
          gtk_grid_attach (GTK_GRID (grid), label, c, r, 1, 1);
        }
    }

  /* Cells wrap, so a wide table fits the view. (Not in a sideways
   * GtkScrolledWindow: that measures the height for the narrowest width
   * and leaves a tall blank under the table.) */
  return grid;
}

static void
nd_body_view_clear (NdBodyView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

static void
nd_body_view_dispose (GObject *object)
{
  nd_body_view_clear (ND_BODY_VIEW (object));

  G_OBJECT_CLASS (nd_body_view_parent_class)->dispose (object);
}

static void
nd_body_view_class_init (NdBodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_body_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndbodyview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nd_body_view_init (NdBodyView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
}

GtkWidget *
nd_body_view_new (void)
{
  return g_object_new (ND_TYPE_BODY_VIEW, NULL);
}

void
nd_body_view_set_body (NdBodyView *self,
                       const char *body)
{
  g_autoptr(GPtrArray) blocks = NULL;

  g_return_if_fail (ND_IS_BODY_VIEW (self));

  nd_body_view_clear (self);

  if (body == NULL || *body == '\0')
    return;

  blocks = nd_body_parse (body);
  if (blocks == NULL)
    return;

  for (guint i = 0; i < blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (blocks, i);
      GtkWidget *widget;

      switch (block->kind)
        {
        case ND_BLOCK_HEADING:
          widget = create_heading (block);
          break;
        case ND_BLOCK_LIST_ITEM:
          widget = create_list_item (block);
          break;
        case ND_BLOCK_TABLE:
          widget = create_table (block);
          break;
        case ND_BLOCK_PARAGRAPH:
        default:
          widget = create_paragraph (block);
          break;
        }

      g_object_set_data (G_OBJECT (widget), BLOCK_KIND_KEY, GINT_TO_POINTER (block->kind + 1));
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
    }
}

guint
nd_body_view_count_blocks (NdBodyView *self,
                           int         kind)
{
  guint n = 0;

  g_return_val_if_fail (ND_IS_BODY_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), BLOCK_KIND_KEY)) == kind + 1)
      n++;

  return n;
}
