/* nd-extract-dates.h — dates in a tokenised body: absolute ("April 5th,
 * 2018", "12 February", "2024-08-19"), weekdays ("on Monday") and
 * relative phrases ("this weekend", "last week", "Day 2")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  first;   /* token indices, inclusive */
  guint  last;
  char  *value;   /* "YYYY-MM-DD", or NULL when the text and the article's
                   * date do not give one day */
} NdDateMatch;

void    nd_date_match_clear      (NdDateMatch *match);

/* Finds the dates among `tokens` (from nd_extract_tokenize() and
 * nd_extract_mark_sentences() over `text`). `published` ("YYYY-MM-DD",
 * or NULL) anchors relative dates and years left out. Returns an array
 * of NdDateMatch in text order, without overlaps. */
GArray *nd_extract_find_dates    (GArray     *tokens,
                                  const char *text,
                                  const char *published);

G_END_DECLS
