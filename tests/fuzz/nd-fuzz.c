/* nd-fuzz.c — the fuzz targets: each runs one entry point of the core on
 * arbitrary bytes and checks what a caller relies on; a broken promise
 * aborts, which libFuzzer (and the replay test) reports as a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newsdesk-core.h"
#include "nd-fuzz.h"

#define FUZZ_CHECK(cond)                                                        \
  G_STMT_START {                                                                \
    if (G_UNLIKELY (!(cond)))                                                   \
      {                                                                         \
        fprintf (stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__,  \
                 #cond);                                                        \
        abort ();                                                               \
      }                                                                         \
  } G_STMT_END

/* The importer names the file in its messages: a name with a space and a
 * non-ASCII letter, as users' files have */
#define FUZZ_FILE_NAME "Ünter Wasser.md"

/* The extractor's targets resolve relative dates against this when the
 * input's length is even, and have no publication date when it is odd */
#define FUZZ_PUBLISHED "2024-02-29"

void
nd_fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* the itinerary builder checks its quick search for trip cues against
   * the full pattern on every sentence, and aborts on a difference */
  g_setenv ("ND_CHECK_CUES", "1", FALSE);
  /* the gazetteer is built once per process: not in every run */
  FUZZ_CHECK (nd_gazetteer_get_n_places (nd_gazetteer_get_default ()) > 0);
}

static gboolean
valid_text (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

static void
check_articles (GPtrArray    *articles,
                const GError *error)
{
  if (articles == NULL)
    {
      /* a refusal says which file and why */
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (strstr (error->message, FUZZ_FILE_NAME) != NULL);
      return;
    }

  FUZZ_CHECK (error == NULL);
  for (guint i = 0; i < articles->len; i++)
    {
      NdArticle *article = g_ptr_array_index (articles, i);
      const char * const *tags = nd_article_get_tags (article);

      FUZZ_CHECK (ND_IS_ARTICLE (article));
      FUZZ_CHECK (valid_text (nd_article_get_title (article)));
      FUZZ_CHECK (valid_text (nd_article_get_body (article)));
      FUZZ_CHECK (valid_text (nd_article_get_source (article)));
      FUZZ_CHECK (valid_text (nd_article_get_published (article)));
      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        FUZZ_CHECK (g_utf8_validate (tags[t], -1, NULL));

      /* what the desk stores for each article */
      g_free (nd_article_compute_hash (article));
    }
}

void
nd_fuzz_text_importer (const guint8 *data,
                       gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  articles = nd_importer_parse_data (size > 0 ? (const char *) data : "", size,
                                     FUZZ_FILE_NAME, &error);
  check_articles (articles, error);
}

void
nd_fuzz_json_importer (const guint8 *data,
                       gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  articles = nd_importer_parse_json (size > 0 ? (const char *) data : "", size,
                                     FUZZ_FILE_NAME, &error);
  check_articles (articles, error);
}

/* Every mention indexes the body (in code points) and quotes it */
static void
check_entities (const char *body,
                GPtrArray  *entities)
{
  glong n_chars = g_utf8_strlen (body, -1);

  FUZZ_CHECK (entities != NULL);
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      FUZZ_CHECK (ND_IS_ENTITY (entity));
      FUZZ_CHECK (nd_entity_get_name (entity) != NULL);
      FUZZ_CHECK (g_utf8_validate (nd_entity_get_name (entity), -1, NULL));
      FUZZ_CHECK (nd_entity_get_n_mentions (entity) > 0);
      for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
        {
          const NdMention *mention = nd_entity_get_mention (entity, m);
          g_autofree char *text = NULL;

          FUZZ_CHECK (mention->start <= mention->end);
          FUZZ_CHECK ((glong) mention->end <= n_chars);
          text = g_utf8_substring (body, mention->start, mention->end);
          FUZZ_CHECK (g_strcmp0 (text, mention->text) == 0);
        }
    }
}

static char *
body_from_bytes (const guint8 *data,
                 gsize         size)
{
  /* bodies are valid UTF-8 without NUL: the importer makes them so */
  return g_utf8_make_valid (size > 0 ? (const char *) data : "", size);
}

void
nd_fuzz_extractor (const guint8 *data,
                   gsize         size)
{
  g_autofree char *body = body_from_bytes (data, size);
  g_autoptr(GPtrArray) entities = NULL;

  entities = nd_extractor_extract (body, size % 2 == 0 ? FUZZ_PUBLISHED : NULL);
  check_entities (body, entities);
}

void
nd_fuzz_itinerary (const guint8 *data,
                   gsize         size)
{
  g_autofree char *body = body_from_bytes (data, size);
  const char *published = size % 2 == 0 ? FUZZ_PUBLISHED : NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) itineraries = NULL;
  glong n_chars = g_utf8_strlen (body, -1);

  entities = nd_extractor_extract (body, published);
  check_entities (body, entities);

  itineraries = nd_itinerary_builder_build (body, entities, published);
  FUZZ_CHECK (itineraries != NULL);
  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      GPtrArray *stops = nd_itinerary_get_stops (itinerary);

      FUZZ_CHECK (ND_IS_ITINERARY (itinerary));
      FUZZ_CHECK (nd_itinerary_get_traveller (itinerary) != NULL);
      FUZZ_CHECK (g_utf8_validate (nd_itinerary_get_traveller (itinerary), -1, NULL));
      FUZZ_CHECK (stops != NULL);
      for (guint s = 0; s < stops->len; s++)
        {
          NdStop *stop = g_ptr_array_index (stops, s);

          FUZZ_CHECK (stop->place != NULL && g_utf8_validate (stop->place, -1, NULL));
          FUZZ_CHECK (stop->order >= 1);
          FUZZ_CHECK (valid_text (stop->when));
          FUZZ_CHECK (valid_text (stop->purpose));
          FUZZ_CHECK (stop->when_date == NULL || strlen (stop->when_date) == 10);
          FUZZ_CHECK (stop->evidence_start <= stop->evidence_end);
          FUZZ_CHECK ((glong) stop->evidence_end <= n_chars);
        }
    }
}

const NdFuzzTarget nd_fuzz_targets[] = {
  { "text-importer", nd_fuzz_text_importer },
  { "json-importer", nd_fuzz_json_importer },
  { "extractor", nd_fuzz_extractor },
  { "itinerary", nd_fuzz_itinerary },
};

const guint nd_fuzz_n_targets = G_N_ELEMENTS (nd_fuzz_targets);
