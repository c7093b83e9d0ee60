/* nd-fuzz.h — the fuzz targets' entry points, shared by the libFuzzer
 * programs (fuzz-main.c) and the replay test (test-fuzz-regressions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Loads what every target needs once (the gazetteer) and makes GLib
 * criticals and warnings fatal, so that a failed precondition is a crash */
void nd_fuzz_init           (void);

/* Bytes as a file to import, by content (text or Markdown in any
 * supported encoding, or NewsDesk JSON), as nd_importer_load_file() does */
void nd_fuzz_text_importer  (const guint8 *data,
                             gsize         size);
/* Bytes as a NewsDesk JSON document */
void nd_fuzz_json_importer  (const guint8 *data,
                             gsize         size);
/* Bytes (made valid UTF-8) as an article body to the extractor */
void nd_fuzz_extractor      (const guint8 *data,
                             gsize         size);
/* The same, then the extractor's entities to the itinerary builder */
void nd_fuzz_itinerary      (const guint8 *data,
                             gsize         size);

typedef struct
{
  const char *name;   /* the folder under seeds/ and regressions/ */
  void (*run) (const guint8 *data, gsize size);
} NdFuzzTarget;

extern const NdFuzzTarget nd_fuzz_targets[];
extern const guint nd_fuzz_n_targets;

G_END_DECLS
