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

G_BEGIN_DECLS

/* A table from keys to pointers for the extraction of one text: string
 * keys (NUL-terminated, stored by pointer: they must live until the next
 * clear) or, with `by_pointer`, the pointers themselves. Clearing keeps
 * the slots, so a table reused for text after text does not allocate. */
typedef struct _NdExtractPtrMap NdExtractPtrMap;

NdExtractPtrMap *nd_extract_ptr_map_new    (gboolean         by_pointer);
void             nd_extract_ptr_map_free   (NdExtractPtrMap *map);
void             nd_extract_ptr_map_clear  (NdExtractPtrMap *map);
/* Is `key` in the table? Then `*value` (if not NULL) is its value. */
gboolean         nd_extract_ptr_map_find   (NdExtractPtrMap *map,
                                            gconstpointer    key,
                                            gpointer        *value);
/* The value for `key`, or NULL */
gpointer         nd_extract_ptr_map_lookup (NdExtractPtrMap *map,
                                            gconstpointer    key);
/* Sets the value of `key` (replacing any) */
void             nd_extract_ptr_map_insert (NdExtractPtrMap *map,
                                            gconstpointer    key,
                                            gpointer         value);

G_END_DECLS
