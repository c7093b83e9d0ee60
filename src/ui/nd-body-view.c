/* nd-body-view.c — an article body as paragraphs, headings, lists, tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body is split by nd_body_parse() into blocks; each block becomes a
 * widget: a wrapping selectable label for a paragraph, a heading-styled
 * label, a bulleted row for a list item, and a GtkGrid for a table.
 *
 * Every label remembers where its text starts in the body (a code point
 * offset), so that the mentions of entities can be highlighted with
 * Pango attributes: a tinted background and an underline in the colour
 * of the entity's kind. GTK 4.8 has no accessible text attributes, so
 * the meaning is also in a tooltip (the kind and the name of the mention
 * under the pointer) and in the label's accessible description.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-body-view.h"
#include "nd-entity-ui.h"

/* A highlighted range of a label's text */
typedef struct
{
  int       byte_start;
  int       byte_end;
  NdEntity *entity;
  guint     mention;
} Span;

/* A label and where its text is in the body */
typedef struct
{
  GtkLabel *label;      /* not owned: a descendant of the view */
  guint     start;      /* code point offset of the text in the body */
  guint     length;     /* in code points */
  GArray   *spans;      /* Span */
} TextRun;

struct _NdBodyView
{
  GtkWidget  parent_instance;

  GPtrArray *runs;      /* TextRun, in body order */
  GPtrArray *entities;  /* NdEntity, the ones highlighted */

  /* The range shown by nd_body_view_reveal_range(), or 0, 0 */
  guint      revealed_start;
  guint      revealed_end;
  guint      scroll_source;
  GtkWidget *scroll_target; /* not owned: a descendant, or NULL */
};

G_DEFINE_FINAL_TYPE (NdBodyView, nd_body_view, GTK_TYPE_WIDGET)

#define BLOCK_KIND_KEY "nd-block-kind"
#define TEXT_RUN_KEY   "nd-text-run"

/* Background tint of a highlight (the underline is opaque) */
#define HIGHLIGHT_ALPHA_LIGHT 0.17
#define HIGHLIGHT_ALPHA_DARK  0.24

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_clear_object (&span->entity);
}

static void
text_run_free (TextRun *run)
{
  g_clear_pointer (&run->spans, g_array_unref);
  g_free (run);
}

/* Labels ------------------------------------------------------------------ */

static gboolean on_label_query_tooltip (GtkWidget  *label,
                                        int         x,
                                        int         y,
                                        gboolean    keyboard_mode,
                                        GtkTooltip *tooltip,
                                        NdBodyView *self);

/* Registers a label whose text starts at code point `start` of the body,
 * so that mentions in it can be highlighted. G_MAXUINT: not in the body
 * as it is shown (no highlights). */
static void
add_text_run (NdBodyView *self,
              GtkWidget  *label,
              guint       start)
{
  TextRun *run;

  if (start == G_MAXUINT)
    return;

  run = g_new0 (TextRun, 1);
  run->label = GTK_LABEL (label);
  run->start = start;
  run->length = g_utf8_strlen (gtk_label_get_text (GTK_LABEL (label)), -1);
  run->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (run->spans, span_clear);

  g_ptr_array_add (self->runs, run);
  g_object_set_data (G_OBJECT (label), TEXT_RUN_KEY, run);
  g_signal_connect_object (label, "query-tooltip",
                           G_CALLBACK (on_label_query_tooltip), self,
                           0);
}

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
create_paragraph (NdBodyView *self,
                  NdBlock    *block)
{
  GtkWidget *label = create_text_label (block->text);

  gtk_widget_add_css_class (label, "body-paragraph");
  add_text_run (self, label, block->start);

  return label;
}

static GtkWidget *
create_heading (NdBodyView *self,
                NdBlock    *block)
{
  GtkWidget *label = create_text_label_with_role (block->text, GTK_ACCESSIBLE_ROLE_HEADING);

  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "body-heading");
  add_text_run (self, label, block->start);

  return label;
}

static GtkWidget *
create_list_item (NdBodyView *self,
                  NdBlock    *block)
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

  /* the block starts after the "- " marker, as the label's text does */
  add_text_run (self, label, block->start);

  return box;
}

/* As nd-body.c: only dashes, colons, pipes and blanks, with a dash and a
 * pipe */
static gboolean
is_separator_line (const char *line,
                   const char *end)
{
  gboolean dash = FALSE;
  gboolean pipe = FALSE;

  for (const char *p = line; p < end; p++)
    {
      switch (*p)
        {
        case '-':
          dash = TRUE;
          break;
        case '|':
          pipe = TRUE;
          break;
        case ':':
        case ' ':
        case '\t':
        case '\r':
          break;
        default:
          return FALSE;
        }
    }

  return dash && pipe;
}

/* Where each cell of a table starts in the body (code points), row by
 * row (GArray of guint), split as nd_body_parse() splits them: the table
 * block's text is the body from block->start, separator line included.
 * A cell whose text is not found where expected gets G_MAXUINT. */
static GPtrArray *
locate_cells (NdBlock *block)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const char *line = block->text;
  guint offset = block->start;
  guint row = 0;

  while (line != NULL)
    {
      const char *eol = strchr (line, '\n');
      const char *stop = eol != NULL ? eol : line + strlen (line);

      if (!is_separator_line (line, stop))
        {
          GArray *cells = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (const char *));
          const char *s = line;
          const char *e = stop;
          const char *segment;
          char **expected = row < block->rows->len ? g_ptr_array_index (block->rows, row) : NULL;
          guint first = 0;
          guint n;

          while (s < e && g_ascii_isspace (*s))
            s++;
          while (e > s && g_ascii_isspace (e[-1]))
            e--;

          segment = s;
          for (const char *p = s; p <= e; p++)
            {
              if (p == e || *p == '|')
                {
                  g_array_append_val (segments, segment);
                  segment = p + 1;
                }
            }

          n = segments->len;
          if (n > 0 && s < e && *s == '|')
            first = 1;
          if (n > first && e > s && e[-1] == '|')
            n--;

          for (guint i = first; i < n; i++)
            {
              const char *cell = g_array_index (segments, const char *, i);
              guint c = i - first;
              guint start = G_MAXUINT;

              while (g_ascii_isspace (*cell) && *cell != '\n')
                cell++;

              if (expected != NULL && c < g_strv_length (expected) &&
                  strncmp (cell, expected[c], strlen (expected[c])) == 0)
                start = offset + (guint) g_utf8_pointer_to_offset (line, cell);

              g_array_append_val (cells, start);
            }

          g_ptr_array_add (rows, cells);
          row++;
        }

      offset += (guint) g_utf8_strlen (line, stop - line);
      if (eol != NULL)
        offset++;
      line = eol != NULL ? eol + 1 : NULL;
    }

  return rows;
}

static GtkWidget *
create_table (NdBodyView *self,
              NdBlock    *block)
{
  g_autoptr(GPtrArray) cell_starts = NULL;
  GtkWidget *grid;
  guint n_rows;
  guint n_columns = 0;

  n_rows = block->rows != NULL ? block->rows->len : 0;
  for (guint r = 0; r < n_rows; r++)
    n_columns = MAX (n_columns, g_strv_length (g_ptr_array_index (block->rows, r)));

  if (n_rows == 0 || n_columns == 0)
    return create_paragraph (self, block);

  cell_starts = locate_cells (block);

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
      GArray *starts = r < cell_starts->len ? g_ptr_array_index (cell_starts, r) : NULL;

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

          if (c < n_cells && starts != NULL && c < starts->len)
            add_text_run (self, label, g_array_index (starts, guint, c));
        }
    }

  /* Cells wrap, so a wide table fits the view. (Not in a sideways
   * GtkScrolledWindow: that measures the height for the narrowest width
   * and leaves a tall blank under the table.) */
  return grid;
}

/* Highlights -------------------------------------------------------------- */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->byte_start != sb->byte_start)
    return sa->byte_start < sb->byte_start ? -1 : 1;

  return (sa->byte_end - sa->byte_start) - (sb->byte_end - sb->byte_start);
}

static void
collect_spans (TextRun   *run,
               GPtrArray *entities)
{
  const char *text = gtk_label_get_text (run->label);
  guint run_end = run->start + run->length;

  g_array_set_size (run->spans, 0);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);
      guint n = nd_entity_get_n_mentions (entity);

      for (guint m = 0; m < n; m++)
        {
          const NdMention *mention = nd_entity_get_mention (entity, m);
          guint start = MAX (mention->start, run->start);
          guint end = MIN (mention->end, run_end);
          Span span;

          if (start >= end)
            continue;

          span.byte_start = g_utf8_offset_to_pointer (text, start - run->start) - text;
          span.byte_end = g_utf8_offset_to_pointer (text, end - run->start) - text;
          span.entity = g_object_ref (entity);
          span.mention = m;
          g_array_append_val (run->spans, span);
        }
    }

  g_array_sort (run->spans, compare_spans);
}

static PangoAttribute *
set_range (PangoAttribute *attr,
           const Span     *span)
{
  attr->start_index = (guint) span->byte_start;
  attr->end_index = (guint) span->byte_end;

  return attr;
}

static guint16
to_pango (double component)
{
  return (guint16) CLAMP (component * 65535.0 + 0.5, 0.0, 65535.0);
}

static void
apply_attributes (TextRun  *run,
                  gboolean  dark)
{
  g_autoptr(PangoAttrList) attrs = NULL;
  g_autoptr(GString) description = NULL;
  g_autoptr(GHashTable) described = NULL;

  if (run->spans->len == 0)
    {
      gtk_label_set_attributes (run->label, NULL);
      gtk_widget_set_has_tooltip (GTK_WIDGET (run->label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (run->label),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  attrs = pango_attr_list_new ();
  description = g_string_new (NULL);
  described = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < run->spans->len; i++)
    {
      const Span *span = &g_array_index (run->spans, Span, i);
      NdEntityKind kind = nd_entity_get_kind (span->entity);
      GdkRGBA color;
      guint16 r, g, b;

      nd_entity_ui_kind_color (kind, dark, &color);
      r = to_pango (color.red);
      g = to_pango (color.green);
      b = to_pango (color.blue);

      pango_attr_list_insert (attrs, set_range (pango_attr_background_new (r, g, b), span));
      pango_attr_list_insert (attrs, set_range (pango_attr_background_alpha_new (to_pango (dark ? HIGHLIGHT_ALPHA_DARK
                                                                                                 : HIGHLIGHT_ALPHA_LIGHT)),
                                                span));
      pango_attr_list_insert (attrs, set_range (pango_attr_underline_new (PANGO_UNDERLINE_SINGLE), span));
      pango_attr_list_insert (attrs, set_range (pango_attr_underline_color_new (r, g, b), span));

      /* "Mentions Mitch Witkoff (person), Cairo (place)" for screen readers */
      if (!g_hash_table_contains (described, span->entity))
        {
          g_hash_table_add (described, span->entity);
          if (description->len > 0)
            /* Translators: separates the entities in "Mentions A (person), B (place)" */
            g_string_append (description, _(", "));
          /* Translators: an entity in a paragraph's accessible description,
           * "Cairo (place)" */
          g_string_append_printf (description, C_("mention", "%s (%s)"),
                                  nd_entity_get_name (span->entity),
                                  nd_entity_kind_to_string (kind));
        }
    }

  gtk_label_set_attributes (run->label, attrs);
  gtk_widget_set_has_tooltip (GTK_WIDGET (run->label), TRUE);

  {
    /* Translators: a paragraph's accessible description; %s lists the
     * entities it mentions */
    g_autofree char *text = g_strdup_printf (_("Mentions %s"), description->str);

    gtk_accessible_update_property (GTK_ACCESSIBLE (run->label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
  }
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
apply_all_attributes (NdBodyView *self)
{
  gboolean dark = is_dark ();

  for (guint i = 0; i < self->runs->len; i++)
    apply_attributes (g_ptr_array_index (self->runs, i), dark);
}

static void
on_dark_changed (NdBodyView      *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  apply_all_attributes (self);
}

static const Span *
find_span (TextRun *run,
           int      index)
{
  const Span *found = NULL;

  /* the shortest range under the index: a mention inside another */
  for (guint i = 0; i < run->spans->len; i++)
    {
      const Span *span = &g_array_index (run->spans, Span, i);

      if (index >= span->byte_start && index < span->byte_end &&
          (found == NULL ||
           span->byte_end - span->byte_start < found->byte_end - found->byte_start))
        found = span;
    }

  return found;
}

static char *
describe_span (const Span *span)
{
  const NdMention *mention = nd_entity_get_mention (span->entity, span->mention);

  return nd_entity_ui_dup_description (span->entity, mention != NULL ? mention->text : NULL);
}

static gboolean
on_label_query_tooltip (GtkWidget  *label,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip,
                        NdBodyView *self)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    {
      TextRun *run = g_object_get_data (G_OBJECT (label), TEXT_RUN_KEY);
      const char *label_text = gtk_label_get_text (GTK_LABEL (label));
      const Span *span;
      int start, end;

      if (run == NULL)
        return FALSE;

      /* the mention at the cursor of the selectable label (the bounds
       * are the cursor when nothing is selected) */
      gtk_label_get_selection_bounds (GTK_LABEL (label), &start, &end);
      span = find_span (run, g_utf8_offset_to_pointer (label_text, start) - label_text);
      if (span != NULL)
        text = describe_span (span);
    }
  else
    {
      text = nd_body_view_query_mention (self, GTK_LABEL (label), x, y);
    }

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Evidence ---------------------------------------------------------------- */

static void
clear_revealed (NdBodyView *self)
{
  for (guint i = 0; i < self->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (self->runs, i);

      if (gtk_widget_has_css_class (GTK_WIDGET (run->label), "nd-evidence"))
        {
          gtk_widget_remove_css_class (GTK_WIDGET (run->label), "nd-evidence");
          gtk_widget_remove_css_class (GTK_WIDGET (run->label), "nd-evidence-cell");
          gtk_label_select_region (run->label, 0, 0);
        }
    }

  self->revealed_start = 0;
  self->revealed_end = 0;
  self->scroll_target = NULL;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
}

/* Scrolls the nearest scrolled window so that the target shows, a third
 * of the way down; after a layout, so that new allocations count. */
static gboolean
scroll_to_target (gpointer data)
{
  NdBodyView *self = data;
  GtkWidget *scroller;
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_point_t point;
  double page, top, height, value;

  self->scroll_source = 0;

  if (self->scroll_target == NULL)
    return G_SOURCE_REMOVE;

  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return G_SOURCE_REMOVE;

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (content == NULL ||
      !gtk_widget_compute_point (self->scroll_target, content,
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  page = gtk_adjustment_get_page_size (adjustment);
  top = point.y;
  height = gtk_widget_get_height (self->scroll_target);

  /* already in full view: leave the reader where they are */
  value = gtk_adjustment_get_value (adjustment);
  if (top >= value && top + height <= value + page)
    return G_SOURCE_REMOVE;

  value = top - MAX (page / 3.0 - height / 2.0, 24.0);
  gtk_adjustment_set_value (adjustment,
                            CLAMP (value,
                                   gtk_adjustment_get_lower (adjustment),
                                   gtk_adjustment_get_upper (adjustment) - page));

  return G_SOURCE_REMOVE;
}

static void
nd_body_view_clear (NdBodyView *self)
{
  GtkWidget *child;

  clear_revealed (self);
  g_ptr_array_set_size (self->runs, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/* GObject ----------------------------------------------------------------- */

static void
nd_body_view_dispose (GObject *object)
{
  NdBodyView *self = ND_BODY_VIEW (object);

  nd_body_view_clear (self);
  g_clear_pointer (&self->entities, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_body_view_parent_class)->dispose (object);
}

static void
nd_body_view_finalize (GObject *object)
{
  NdBodyView *self = ND_BODY_VIEW (object);

  g_clear_pointer (&self->runs, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_body_view_parent_class)->finalize (object);
}

static void
nd_body_view_class_init (NdBodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_body_view_dispose;
  object_class->finalize = nd_body_view_finalize;

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

  self->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) text_run_free);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
}

/* Public API -------------------------------------------------------------- */

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
  g_clear_pointer (&self->entities, g_ptr_array_unref);

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
          widget = create_heading (self, block);
          break;
        case ND_BLOCK_LIST_ITEM:
          widget = create_list_item (self, block);
          break;
        case ND_BLOCK_TABLE:
          widget = create_table (self, block);
          break;
        case ND_BLOCK_PARAGRAPH:
        default:
          widget = create_paragraph (self, block);
          break;
        }

      g_object_set_data (G_OBJECT (widget), BLOCK_KIND_KEY, GINT_TO_POINTER (block->kind + 1));
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
    }
}

void
nd_body_view_set_entities (NdBodyView *self,
                           GPtrArray  *entities)
{
  gboolean dark;

  g_return_if_fail (ND_IS_BODY_VIEW (self));

  if (entities != NULL)
    g_ptr_array_ref (entities);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  self->entities = entities;

  dark = is_dark ();
  for (guint i = 0; i < self->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (self->runs, i);

      collect_spans (run, entities);
      apply_attributes (run, dark);
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

GtkLabel *
nd_body_view_get_label_at (NdBodyView *self,
                           guint       offset,
                           int        *out_index)
{
  g_return_val_if_fail (ND_IS_BODY_VIEW (self), NULL);

  for (guint i = 0; i < self->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (self->runs, i);

      if (offset >= run->start && offset < run->start + run->length)
        {
          const char *text = gtk_label_get_text (run->label);

          if (out_index != NULL)
            *out_index = g_utf8_offset_to_pointer (text, offset - run->start) - text;
          return run->label;
        }
    }

  return NULL;
}

char *
nd_body_view_query_mention (NdBodyView *self,
                            GtkLabel   *label,
                            double      x,
                            double      y)
{
  TextRun *run;
  PangoLayout *layout;
  const Span *span;
  int layout_x, layout_y;
  int index, trailing;

  g_return_val_if_fail (ND_IS_BODY_VIEW (self), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  run = g_object_get_data (G_OBJECT (label), TEXT_RUN_KEY);
  if (run == NULL || run->spans->len == 0)
    return NULL;

  /* as GtkLabel finds the link under the pointer */
  layout = gtk_label_get_layout (label);
  gtk_label_get_layout_offsets (label, &layout_x, &layout_y);
  if (!pango_layout_xy_to_index (layout,
                                 (int) ((x - layout_x) * PANGO_SCALE),
                                 (int) ((y - layout_y) * PANGO_SCALE),
                                 &index, &trailing))
    return NULL;

  span = find_span (run, index);
  if (span == NULL)
    return NULL;

  return describe_span (span);
}

guint
nd_body_view_count_highlights (NdBodyView *self)
{
  guint n = 0;

  g_return_val_if_fail (ND_IS_BODY_VIEW (self), 0);

  for (guint i = 0; i < self->runs->len; i++)
    n += ((TextRun *) g_ptr_array_index (self->runs, i))->spans->len;

  return n;
}

/* The label of a table cell, or NULL */
static GtkWidget *
table_of (GtkLabel *label)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (label));

  return GTK_IS_GRID (parent) && gtk_widget_has_css_class (parent, "nd-table") ? parent : NULL;
}

gboolean
nd_body_view_reveal_range (NdBodyView *self,
                           guint       start,
                           guint       end)
{
  GtkWidget *first = NULL;
  guint found_start = G_MAXUINT;
  guint found_end = 0;

  g_return_val_if_fail (ND_IS_BODY_VIEW (self), FALSE);

  clear_revealed (self);

  if (end <= start)
    return FALSE;

  for (guint i = 0; i < self->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (self->runs, i);
      guint run_end = run->start + run->length;
      guint s = MAX (start, run->start);
      guint e = MIN (end, run_end);

      if (s >= e)
        continue;

      /* a table row: the evidence tints its cells, too */
      if (table_of (run->label) != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (run->label), "nd-evidence-cell");
      gtk_widget_add_css_class (GTK_WIDGET (run->label), "nd-evidence");
      gtk_label_select_region (run->label, (int) (s - run->start), (int) (e - run->start));

      if (first == NULL)
        first = GTK_WIDGET (run->label);
      found_start = MIN (found_start, s);
      found_end = MAX (found_end, e);
    }

  if (first == NULL)
    return FALSE;

  self->revealed_start = found_start;
  self->revealed_end = found_end;
  self->scroll_target = first;

  /* now, and again once a new allocation is in */
  scroll_to_target (self);
  self->scroll_target = first;
  self->scroll_source = g_idle_add_full (G_PRIORITY_LOW, scroll_to_target, self, NULL);

  return TRUE;
}

gboolean
nd_body_view_get_revealed_range (NdBodyView *self,
                                 guint      *start,
                                 guint      *end)
{
  g_return_val_if_fail (ND_IS_BODY_VIEW (self), FALSE);

  if (start != NULL)
    *start = self->revealed_start;
  if (end != NULL)
    *end = self->revealed_end;

  return self->revealed_end > self->revealed_start;
}

char *
nd_body_view_dup_revealed_text (NdBodyView *self)
{
  GString *text;

  g_return_val_if_fail (ND_IS_BODY_VIEW (self), NULL);

  if (self->revealed_end <= self->revealed_start)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->runs->len; i++)
    {
      TextRun *run = g_ptr_array_index (self->runs, i);
      const char *label = gtk_label_get_text (run->label);
      guint s = MAX (self->revealed_start, run->start);
      guint e = MIN (self->revealed_end, run->start + run->length);
      const char *from, *to;

      if (s >= e)
        continue;

      from = g_utf8_offset_to_pointer (label, s - run->start);
      to = g_utf8_offset_to_pointer (label, e - run->start);
      if (text->len > 0)
        g_string_append (text, table_of (run->label) != NULL ? " | " : " ");
      g_string_append_len (text, from, to - from);
    }

  return g_string_free (text, FALSE);
}
