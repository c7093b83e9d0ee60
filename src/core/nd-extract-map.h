/* nd-extract-map.h — a compact string-keyed hash table for the lexicons
 * and the gazetteer (private to the extraction code)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open addressing with 16-byte slots, sized up front, 32-bit values,
 * keys by pointer and length: loading a few hundred thousand names stays
 * well within the 100 ms NewsDesk allows itself, and a lookup needs no
 * NUL-terminated copy of the key. Value 0 means "absent".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NdExtractMap NdExtractMap;

NdExtractMap *nd_extract_map_new      (guint               expected);
void          nd_extract_map_free     (NdExtractMap       *map);
/* The value stored for `key` (`length` bytes; -1: NUL-terminated), or 0 */
guint32       nd_extract_map_lookup   (const NdExtractMap *map,
                                       const char         *key,
                                       gssize              length);
/* The slot holding the value for `key`, created (holding 0) when the key
 * is new: then the key is copied into `strings`, or, when `strings` is
 * NULL, stored by pointer (it must then be NUL-terminated after `length`
 * bytes and outlive the map). The slot is valid until the next
 * insertion. */
guint32      *nd_extract_map_insert   (NdExtractMap       *map,
                                       const char         *key,
                                       gssize              length,
                                       GStringChunk       *strings);
guint         nd_extract_map_size     (const NdExtractMap *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdExtractMap, nd_extract_map_free)

G_END_DECLS
