/* nd-extract-key.h — lookup keys for names: case-folded, without
 * diacritics, dots and apostrophes, hyphens as spaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest key (in bytes, without the NUL) the extractor builds */
#define ND_EXTRACT_KEY_MAX 256

/* Writes the lookup key of the first `length` bytes of `text` (-1: up to
 * the NUL) into `out`, NUL-terminated: letters in lower case without
 * diacritics ("Khān Yūnis" -> "khan yunis", "ß" -> "ss"), dots and
 * apostrophes dropped ("U.S." -> "us", "Witkoff’s" -> "witkoffs"), commas
 * dropped, hyphens, slashes and white space as one space, no space at
 * either end. Returns the key's length, or 0 when it is empty or does not
 * fit in `out_size` bytes. */
gsize  nd_extract_key      (const char *text,
                            gssize      length,
                            char       *out,
                            gsize       out_size);

/* The same, newly allocated; NULL when the key is empty */
char  *nd_extract_key_dup  (const char *text,
                            gssize      length);

G_END_DECLS
