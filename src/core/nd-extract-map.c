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

static inline guint64
load64 (const guchar *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return v;
}

static inline guint64
load32 (const guchar *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return v;
}

static inline guint32
hash_bytes (const char *key,
            gsize       length)
{
  /* eight bytes at a time (keys are short: one multiplication or two);
   * the last one to eight bytes in two overlapping loads, without a loop
   * over them; then a 64-bit finaliser that mixes the low bits a slot
   * index takes */
  const guchar *p = (const guchar *) key;
  guint64 h = 0x9e3779b97f4a7c15u ^ length;
  guint64 v;

  while (length > 8)
    {
      h = (h ^ load64 (p)) * 0xff51afd7ed558ccdu;
      h ^= h >> 32;
      p += 8;
      length -= 8;
    }

  if (length >= 4)
    v = load32 (p) | load32 (p + length - 4) << 32;
  else if (length > 0)
    v = p[0] | (guint64) p[length >> 1] << 8 | (guint64) p[length - 1] << 16;
  else
    v = 0;
  h = (h ^ v) * 0xff51afd7ed558ccdu;
  h ^= h >> 32;

  h ^= h >> 29;
  h *= 0xc4ceb9fe1a85ec53u;
  h ^= h >> 32;

  return (guint32) h;
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
      /* strncmp, not memcmp: a stored key shorter than `length` with the
       * same hash must not be read past its end */
      if (slot->hash == hash && strncmp (slot->key, key, length) == 0 &&
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

/* Tables from keys to pointers, emptied and reused text after text */

typedef struct
{
  gconstpointer key;    /* NULL: an empty slot */
  gpointer      value;
  guint32       hash;
} PtrSlot;

struct _NdExtractPtrMap
{
  PtrSlot  *slots;
  guint    *used;       /* indices of the occupied slots, for clearing */
  guint     mask;
  guint     size;
  gboolean  by_pointer;
};

NdExtractPtrMap *
nd_extract_ptr_map_new (gboolean by_pointer)
{
  NdExtractPtrMap *map = g_new0 (NdExtractPtrMap, 1);

  map->mask = 63;
  map->slots = g_new0 (PtrSlot, map->mask + 1);
  map->used = g_new (guint, map->mask + 1);
  map->by_pointer = by_pointer;

  return map;
}

void
nd_extract_ptr_map_free (NdExtractPtrMap *map)
{
  if (map == NULL)
    return;

  g_free (map->slots);
  g_free (map->used);
  g_free (map);
}

void
nd_extract_ptr_map_clear (NdExtractPtrMap *map)
{
  for (guint i = 0; i < map->size; i++)
    map->slots[map->used[i]].key = NULL;
  map->size = 0;
}

static inline guint32
ptr_map_hash (const NdExtractPtrMap *map,
              gconstpointer          key)
{
  if (map->by_pointer)
    {
      guint64 h = (guint64) (guintptr) key * 0x9e3779b97f4a7c15u;

      return (guint32) (h >> 32);
    }

  return hash_bytes (key, strlen (key));
}

static inline PtrSlot *
ptr_map_find_slot (const NdExtractPtrMap *map,
                   gconstpointer          key,
                   guint32                hash,
                   guint                 *index)
{
  guint i = hash & map->mask;

  for (;;)
    {
      PtrSlot *slot = &map->slots[i];

      if (slot->key == NULL ||
          (slot->hash == hash &&
           (map->by_pointer ? slot->key == key : strcmp (slot->key, key) == 0)))
        {
          *index = i;
          return slot;
        }
      i = (i + 1) & map->mask;
    }
}

static void
ptr_map_grow (NdExtractPtrMap *map)
{
  PtrSlot *old = map->slots;
  guint capacity = (map->mask + 1) * 2;

  map->slots = g_new0 (PtrSlot, capacity);
  map->mask = capacity - 1;
  map->used = g_renew (guint, map->used, capacity);

  for (guint k = 0; k < map->size; k++)
    {
      PtrSlot *slot = &old[map->used[k]];
      guint j = slot->hash & map->mask;

      while (map->slots[j].key != NULL)
        j = (j + 1) & map->mask;
      map->slots[j] = *slot;
      map->used[k] = j;
    }

  g_free (old);
}

gboolean
nd_extract_ptr_map_find (NdExtractPtrMap *map,
                         gconstpointer    key,
                         gpointer        *value)
{
  guint index;
  PtrSlot *slot = ptr_map_find_slot (map, key, ptr_map_hash (map, key), &index);

  if (slot->key == NULL)
    return FALSE;
  if (value != NULL)
    *value = slot->value;
  return TRUE;
}

gpointer
nd_extract_ptr_map_lookup (NdExtractPtrMap *map,
                           gconstpointer    key)
{
  gpointer value = NULL;

  nd_extract_ptr_map_find (map, key, &value);
  return value;
}

void
nd_extract_ptr_map_insert (NdExtractPtrMap *map,
                           gconstpointer    key,
                           gpointer         value)
{
  guint32 hash = ptr_map_hash (map, key);
  guint index;
  PtrSlot *slot;

  if ((map->size + 1) * 3 > (map->mask + 1) * 2)
    ptr_map_grow (map);

  slot = ptr_map_find_slot (map, key, hash, &index);
  if (slot->key == NULL)
    {
      slot->key = key;
      slot->hash = hash;
      map->used[map->size++] = index;
    }
  slot->value = value;
}
