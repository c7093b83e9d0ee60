/* nd-extract-map.c — a compact string-keyed hash table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-extract-map.h"

typedef struct
{
  const char *key;     /* NUL-terminated; NULL: an empty slot */
  guint32     hash;
  guint32     value;
} Slot;

struct _NdExtractMap
{
  Slot  *slots;
  guint  mask;
  guint  size;
};

static inline guint32
hash_bytes (const char *key,
            gsize       length)
{
  /* FNV-1a */
  guint32 h = 2166136261u;

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) key[i];
      h *= 16777619u;
    }

  /* FNV leaves the low bits, the ones a slot index takes, poorly mixed:
   * finish with MurmurHash3's mixer */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;

  return h;
}

/* At most two thirds full */
static guint
capacity_for (guint n)
{
  guint capacity = 16;

  while (capacity * 2 < n * 3)
    capacity <<= 1;

  return capacity;
}

NdExtractMap *
nd_extract_map_new (guint expected)
{
  NdExtractMap *map = g_new0 (NdExtractMap, 1);
  guint capacity = capacity_for (MAX (expected, 8));

  map->slots = g_new0 (Slot, capacity);
  map->mask = capacity - 1;

  return map;
}

void
nd_extract_map_free (NdExtractMap *map)
{
  if (map == NULL)
    return;

  g_free (map->slots);
  g_free (map);
}

static inline Slot *
find_slot (const NdExtractMap *map,
           const char         *key,
           gsize               length,
           guint32             hash)
{
  guint i = hash & map->mask;

  for (;;)
    {
      Slot *slot = &map->slots[i];

      if (slot->key == NULL)
        return slot;
      if (slot->hash == hash && memcmp (slot->key, key, length) == 0 &&
          slot->key[length] == '\0')
        return slot;
      i = (i + 1) & map->mask;
    }
}

static void
grow (NdExtractMap *map)
{
  Slot *old = map->slots;
  guint old_capacity = map->mask + 1;
  guint capacity = old_capacity * 2;

  map->slots = g_new0 (Slot, capacity);
  map->mask = capacity - 1;

  for (guint i = 0; i < old_capacity; i++)
    {
      if (old[i].key != NULL)
        {
          guint j = old[i].hash & map->mask;

          while (map->slots[j].key != NULL)
            j = (j + 1) & map->mask;
          map->slots[j] = old[i];
        }
    }

  g_free (old);
}

guint32
nd_extract_map_lookup (const NdExtractMap *map,
                       const char         *key,
                       gssize              length)
{
  gsize len = length < 0 ? strlen (key) : (gsize) length;

  return find_slot (map, key, len, hash_bytes (key, len))->value;
}

guint32 *
nd_extract_map_insert (NdExtractMap *map,
                       const char   *key,
                       gssize        length,
                       GStringChunk *strings)
{
  gsize len = length < 0 ? strlen (key) : (gsize) length;
  guint32 hash = hash_bytes (key, len);
  Slot *slot;

  if ((map->size + 1) * 3 > (map->mask + 1) * 2)
    grow (map);

  slot = find_slot (map, key, len, hash);
  if (slot->key == NULL)
    {
      slot->key = strings != NULL ? g_string_chunk_insert_len (strings, key, len) : key;
      slot->hash = hash;
      slot->value = 0;
      map->size++;
    }

  return &slot->value;
}

guint
nd_extract_map_size (const NdExtractMap *map)
{
  return map->size;
}
