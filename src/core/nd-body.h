/* nd-body.h — the structure of an article body: paragraphs, headings,
 * list items and pipe tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ND_BLOCK_PARAGRAPH,
  ND_BLOCK_HEADING,
  ND_BLOCK_LIST_ITEM,
  ND_BLOCK_TABLE,
} NdBlockKind;

typedef struct
{
  NdBlockKind  kind;
  /* code point offsets into the body, end exclusive; a table spans all
   * its lines, the separator line (---|---|) included */
  guint        start;
  guint        end;
  /* the block's text (a list item without its "- " marker) */
  char        *text;
  /* tables only: rows (GStrv of trimmed cells), the header row first,
   * the separator line left out; NULL otherwise */
  GPtrArray   *rows;
} NdBlock;

void       nd_block_free            (NdBlock    *block);

/* Splits a body into blocks, one per non-empty line except tables, which
 * are one block. Headings are short lines that read as a headline (no
 * closing punctuation, capitalised words) followed by more text. */
GPtrArray *nd_body_parse            (const char *body);

/* TRUE when the line reads as a headline: short, no closing full stop
 * (or colon, question mark...), mostly capitalised words, not a list item
 * or table row. */
gboolean   nd_body_line_is_heading  (const char *line);

/* TRUE when the line is a pipe table row or separator */
gboolean   nd_body_line_is_table_row (const char *line);

/* TRUE when the line is a list item: "- ", "* " or "• " and text */
gboolean   nd_body_line_is_list_item (const char *line);

G_END_DECLS
