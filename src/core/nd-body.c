/* nd-body.c — the structure of an article body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <string.h>

#include "nd-body.h"

/* A heading is a short line */
#define HEADING_MAX_CHARS 120
#define HEADING_MAX_WORDS 18

/* Markers that start a list item, each followed by a space */
static const char * const list_markers[] = { "-", "*", "\u2022", NULL };

/* Words a title-case headline leaves in lower case */
static const char * const minor_words[] = {
  "a", "an", "the",
  "and", "but", "or", "nor", "so", "yet",
  "as", "at", "by", "for", "from", "in", "into", "of", "off", "on", "onto",
  "out", "over", "per", "to", "up", "upon", "via", "vs", "with", "amid",
  "among", "after", "before", "about", "against", "than", "that",
  /* particles of names and small words of other languages */
  "de", "del", "della", "la", "le", "les", "des", "du", "en", "et", "aux",
  "el", "los", "las", "y", "da", "di", "do", "dos", "van", "von", "der",
  "den", "und", "al", "bin", "ibn",
  NULL
};

typedef struct
{
  const char *start;   /* the line without leading white space */
  gsize       length;  /* bytes, without trailing white space */
  guint       char_start;
  guint       char_end;
} Line;

static const char *
skip_space (const char *p)
{
  while (*p && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static char *
strip_copy (const char *text,
            gssize      length)
{
  char *copy = length < 0 ? g_strdup (text) : g_strndup (text, length);

  return g_strstrip (copy);
}

/* Returns the text after the marker, or NULL when the line is no list item */
static const char *
list_item_text (const char *line)
{
  const char *p = skip_space (line);

  for (guint i = 0; list_markers[i] != NULL; i++)
    {
      gsize n = strlen (list_markers[i]);

      if (strncmp (p, list_markers[i], n) == 0 && (p[n] == ' ' || p[n] == '\t'))
        {
          const char *text = skip_space (p + n);

          return *text ? text : NULL;
        }
    }

  return NULL;
}

gboolean
nd_body_line_is_list_item (const char *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  return list_item_text (line) != NULL;
}

static gboolean
line_is_table_separator (const char *line,
                         gsize       length)
{
  gboolean dash = FALSE;
  gboolean pipe = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      switch (line[i])
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
          break;
        default:
          return FALSE;
        }
    }

  return dash && pipe;
}

/* Splits a pipe table row into trimmed cells, without the empty cells
 * an opening or closing pipe leaves. */
static GStrv
split_row (const char *line,
           gsize       length)
{
  g_autofree char *copy = strip_copy (line, length);
  g_auto(GStrv) parts = g_strsplit (copy, "|", -1);
  GPtrArray *cells = g_ptr_array_new ();
  guint n = g_strv_length (parts);
  guint first = 0;

  if (n > 0 && copy[0] == '|')
    first = 1;
  if (n > first && g_str_has_suffix (copy, "|"))
    n--;

  for (guint i = first; i < n; i++)
    g_ptr_array_add (cells, g_strdup (g_strstrip (parts[i])));
  g_ptr_array_add (cells, NULL);

  return (GStrv) g_ptr_array_free (cells, FALSE);
}

static gboolean
line_is_table_row (const char *line,
                   gsize       length)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) cells = NULL;

  if (memchr (line, '|', length) == NULL)
    return FALSE;

  if (line_is_table_separator (line, length))
    return TRUE;

  copy = strip_copy (line, length);
  if (copy[0] == '|' || g_str_has_suffix (copy, "|"))
    return TRUE;

  cells = split_row (line, length);
  return g_strv_length (cells) >= 2;
}

gboolean
nd_body_line_is_table_row (const char *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  return line_is_table_row (line, strlen (line));
}

static gboolean
is_minor_word (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);

  return g_strv_contains (minor_words, folded);
}

static gboolean
is_opening_or_closing (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == '\'' ||
         type == G_UNICODE_INITIAL_PUNCTUATION ||
         type == G_UNICODE_FINAL_PUNCTUATION ||
         type == G_UNICODE_OPEN_PUNCTUATION ||
         type == G_UNICODE_CLOSE_PUNCTUATION;
}

/* The last character that is not a closing quote or bracket */
static gunichar
last_meaningful_char (const char *text)
{
  const char *end = text + strlen (text);
  const char *p = end;

  while ((p = g_utf8_find_prev_char (text, p)) != NULL)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !is_opening_or_closing (c))
        return c;
    }

  return 0;
}

static gboolean
is_closing_punctuation (gunichar c)
{
  if (c == 0)
    return FALSE;
  if (c < 0x80)
    return strchr (".:;,?!", (int) c) != NULL;

  /* … 。 ． ： ； ， ？ ！ */
  return c == 0x2026 || c == 0x3002 || c == 0xFF0E || c == 0xFF1A ||
         c == 0xFF1B || c == 0xFF0C || c == 0xFF1F || c == 0xFF01;
}

gboolean
nd_body_line_is_heading (const char *line)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) words = NULL;
  guint n_words = 0;
  guint counted = 0;
  guint capitalised = 0;
  gboolean first = TRUE;

  g_return_val_if_fail (line != NULL, FALSE);

  text = strip_copy (line, -1);

  if (*text == '\0' ||
      g_utf8_strlen (text, -1) > HEADING_MAX_CHARS ||
      strchr (text, '\n') != NULL ||
      nd_body_line_is_list_item (text) ||
      nd_body_line_is_table_row (text) ||
      is_closing_punctuation (last_meaningful_char (text)))
    return FALSE;

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gunichar c;

      if (*word == '\0')
        continue;

      n_words++;

      /* skip opening quotes and brackets */
      while (*word && is_opening_or_closing (g_utf8_get_char (word)))
        word = g_utf8_next_char (word);

      c = g_utf8_get_char (word);
      if (*word == '\0' || !g_unichar_isalnum (c))
        continue;   /* a dash, an ampersand... */

      if (first)
        {
          /* the first word is always capitalised */
          if (!g_unichar_isupper (c) && !g_unichar_istitle (c) && !g_unichar_isdigit (c))
            return FALSE;
          first = FALSE;
        }
      else if (is_minor_word (word))
        continue;

      counted++;
      if (g_unichar_isupper (c) || g_unichar_istitle (c) || g_unichar_isdigit (c))
        capitalised++;
    }

  if (n_words == 0 || n_words > HEADING_MAX_WORDS || counted == 0)
    return FALSE;

  /* mostly capitalised words: allow one in five to be lower case
   * ("Talks Resume in Cairo after eight months") */
  return capitalised * 5 >= counted * 4;
}

void
nd_block_free (NdBlock *block)
{
  if (block == NULL)
    return;

  g_free (block->text);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

/* g_unichar_isspace() of the character at `p`, ASCII without decoding
 * (most of a body) */
static inline gboolean
char_is_space (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (g_utf8_get_char (p));
}

static GArray *
split_lines (const char *body)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = body;
  guint offset = 0;

  while (TRUE)
    {
      const char *end = strchr (p, '\n');
      const char *stop = end != NULL ? end : p + strlen (p);
      const char *q = p;
      Line line;

      /* leading white space */
      while (q < stop && char_is_space (q))
        {
          q = g_utf8_next_char (q);
          offset++;
        }

      line.start = q;
      line.char_start = offset;
      line.length = 0;
      line.char_end = offset;

      while (q < stop)
        {
          gboolean space = char_is_space (q);

          q = g_utf8_next_char (q);
          offset++;
          if (!space)
            {
              line.length = q - line.start;
              line.char_end = offset;
            }
        }

      g_array_append_val (lines, line);

      if (end == NULL)
        break;

      p = end + 1;
      offset++;   /* the line feed */
    }

  return lines;
}

static NdBlock *
block_new (NdBlockKind  kind,
           guint        start,
           guint        end,
           const char  *text,
           gssize       length)
{
  NdBlock *block = g_new0 (NdBlock, 1);

  block->kind = kind;
  block->start = start;
  block->end = end;
  block->text = length < 0 ? g_strdup (text) : g_strndup (text, length);

  return block;
}

static gboolean
more_text_after (GArray *lines,
                 guint   index)
{
  for (guint i = index + 1; i < lines->len; i++)
    {
      if (g_array_index (lines, Line, i).length > 0)
        return TRUE;
    }

  return FALSE;
}

GPtrArray *
nd_body_parse (const char *body)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_block_free);
  g_autoptr(GArray) lines = NULL;

  if (body == NULL || *body == '\0')
    return g_steal_pointer (&blocks);

  lines = split_lines (body);

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);
      g_autofree char *text = NULL;
      const char *item;

      if (line->length == 0)
        continue;

      /* a table: a header row, a separator line, then data rows */
      if (i + 1 < lines->len &&
          line_is_table_row (line->start, line->length) &&
          !line_is_table_separator (line->start, line->length))
        {
          const Line *next = &g_array_index (lines, Line, i + 1);

          if (next->length > 0 && line_is_table_separator (next->start, next->length))
            {
              NdBlock *block;
              const Line *last = next;
              guint j;

              block = block_new (ND_BLOCK_TABLE, line->char_start, 0, NULL, 0);
              block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
              g_ptr_array_add (block->rows, split_row (line->start, line->length));

              for (j = i + 2; j < lines->len; j++)
                {
                  const Line *row = &g_array_index (lines, Line, j);

                  if (row->length == 0 || !line_is_table_row (row->start, row->length))
                    break;

                  if (!line_is_table_separator (row->start, row->length))
                    g_ptr_array_add (block->rows, split_row (row->start, row->length));
                  last = row;
                }

              block->end = last->char_end;
              g_free (block->text);
              block->text = g_strndup (line->start, (last->start + last->length) - line->start);
              g_ptr_array_add (blocks, block);

              i = j - 1;
              continue;
            }
        }

      text = g_strndup (line->start, line->length);

      if ((item = list_item_text (text)) != NULL)
        {
          guint skipped = g_utf8_pointer_to_offset (text, item);

          g_ptr_array_add (blocks, block_new (ND_BLOCK_LIST_ITEM,
                                              line->char_start + skipped,
                                              line->char_end, item, -1));
        }
      else if (more_text_after (lines, i) && nd_body_line_is_heading (text))
        {
          g_ptr_array_add (blocks, block_new (ND_BLOCK_HEADING,
                                              line->char_start, line->char_end,
                                              text, -1));
        }
      else
        {
          g_ptr_array_add (blocks, block_new (ND_BLOCK_PARAGRAPH,
                                              line->char_start, line->char_end,
                                              text, -1));
        }
    }

  return g_steal_pointer (&blocks);
}
