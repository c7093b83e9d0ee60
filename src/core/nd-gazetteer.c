/* nd-gazetteer.c — places by name, with coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded once from the GResource compiled into the core library
 * (data/gazetteer, see SOURCES.md there). The place rows are parsed in
 * place: names point into the loaded text. Names and alternate names map
 * to chains of candidates, so that "Washington" yields the capital, the
 * state and the smaller towns, and resolution picks one for the article.
 */
#define G_LOG_DOMAIN "newsdesk-gazetteer"

#include <math.h>
#include <string.h>

#include "nd-extract-data.h"
#include "nd-extract-key.h"
#include "nd-extract-map.h"
#include "nd-gazetteer.h"

typedef struct
{
  guint place;
  guint next;   /* 1-based index of the next link, 0 at the end */
} Link;

struct _NdGazetteer
{
  GObject       parent_instance;

  char         *places_data;
  char         *areas_data;
  char         *demonyms_data;
  GStringChunk *strings;

  NdPlace      *places;
  guint         n_places;
  GArray       *links;        /* Link */
  NdExtractMap *names;        /* key -> 1-based head link */
  NdExtractMap *keys;         /* every name, demonym and first words of
                               * longer names -> NdGazetteerKeyFlags */
  NdExtractMap *demonyms;     /* key -> 1-based index in demonym_countries */
  GPtrArray    *demonym_countries;
  NdExtractMap *countries;    /* country code -> 1-based place index */
};

G_DEFINE_FINAL_TYPE (NdGazetteer, nd_gazetteer, G_TYPE_OBJECT)

typedef struct
{
  char   country[3];
  double weight;
} CountryWeight;

struct _NdPlaceContext
{
  GArray    *countries;  /* CountryWeight */
  GPtrArray *places;     /* const NdPlace */
  double     max_weight;
};

/* Size the name table is made for (it grows if the data does) */
#define EXPECTED_NAMES 80000

/* Scores, see nd_gazetteer_score() */
#define SCORE_COUNTRY        100.0
#define SCORE_AREA            80.0
#define REGION_LOG_POPULATION  5.5
#define POPULATION_WEIGHT      1.5

/* Place context */

NdPlaceContext *
nd_place_context_new (void)
{
  NdPlaceContext *context = g_new0 (NdPlaceContext, 1);

  context->countries = g_array_new (FALSE, FALSE, sizeof (CountryWeight));
  context->places = g_ptr_array_new ();

  return context;
}

void
nd_place_context_free (NdPlaceContext *context)
{
  if (context == NULL)
    return;

  g_array_unref (context->countries);
  g_ptr_array_unref (context->places);
  g_free (context);
}

void
nd_place_context_add_country (NdPlaceContext *context,
                              const char     *country,
                              double          weight)
{
  CountryWeight entry = { { 0 }, 0 };

  g_return_if_fail (context != NULL);

  if (country == NULL || strlen (country) != 2)
    return;

  for (guint i = 0; i < context->countries->len; i++)
    {
      CountryWeight *cw = &g_array_index (context->countries, CountryWeight, i);

      if (memcmp (cw->country, country, 2) == 0)
        {
          cw->weight += weight;
          context->max_weight = MAX (context->max_weight, cw->weight);
          return;
        }
    }

  memcpy (entry.country, country, 2);
  entry.weight = weight;
  g_array_append_val (context->countries, entry);
  context->max_weight = MAX (context->max_weight, weight);
}

void
nd_place_context_add_place (NdPlaceContext *context,
                            const NdPlace  *place)
{
  g_return_if_fail (context != NULL);
  g_return_if_fail (place != NULL);

  for (guint i = 0; i < context->places->len; i++)
    if (g_ptr_array_index (context->places, i) == place)
      return;

  g_ptr_array_add (context->places, (gpointer) place);
}

static double
context_country_weight (const NdPlaceContext *context,
                        const char           *country)
{
  if (context == NULL || country[0] == '\0')
    return 0;

  for (guint i = 0; i < context->countries->len; i++)
    {
      const CountryWeight *cw = &g_array_index (context->countries, CountryWeight, i);

      if (memcmp (cw->country, country, 2) == 0)
        return cw->weight;
    }

  return 0;
}

double
nd_place_context_get_weight (const NdPlaceContext *context,
                             const char           *country)
{
  g_return_val_if_fail (context != NULL, 0);

  return country != NULL ? context_country_weight (context, country) : 0;
}

/* Distance in km, equirectangular: within a few percent of the great
 * circle at the distances context cares about (up to ~1000 km), and no
 * trigonometry but one cosine */
static double
approximate_distance_km (const NdPlace *a,
                         const NdPlace *b,
                         double         cos_lat)
{
  double dlat = b->lat - a->lat;
  double dlon = b->lon - a->lon;

  if (dlon > 180)
    dlon -= 360;
  else if (dlon < -180)
    dlon += 360;
  dlon *= cos_lat;

  return 111.195 * sqrt (dlat * dlat + dlon * dlon);
}

double
nd_place_context_get_distance (const NdPlaceContext *context,
                               const NdPlace        *place)
{
  double nearest = G_MAXDOUBLE;
  double cos_lat;

  g_return_val_if_fail (context != NULL, G_MAXDOUBLE);
  g_return_val_if_fail (place != NULL, G_MAXDOUBLE);

  if (context->places->len == 0)
    return G_MAXDOUBLE;

  cos_lat = cos (place->lat * G_PI / 180.0);
  for (guint i = 0; i < context->places->len; i++)
    {
      const NdPlace *other = g_ptr_array_index (context->places, i);

      if (other == place || other->kind == ND_PLACE_COUNTRY || other->kind == ND_PLACE_CONTINENT)
        continue;
      nearest = MIN (nearest, approximate_distance_km (place, other, cos_lat));
    }

  return nearest;
}

/* Places */

double
nd_place_distance_km (const NdPlace *a,
                      const NdPlace *b)
{
  const double r = 6371.0;
  double lat1 = a->lat * G_PI / 180.0;
  double lat2 = b->lat * G_PI / 180.0;
  double dlat = lat2 - lat1;
  double dlon = (b->lon - a->lon) * G_PI / 180.0;
  double h = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1) * cos (lat2) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * r * asin (MIN (1.0, sqrt (h)));
}

gboolean
nd_place_contains (const NdPlace *outer,
                   const NdPlace *inner)
{
  g_return_val_if_fail (outer != NULL && inner != NULL, FALSE);

  if (outer == inner)
    return FALSE;

  switch (outer->kind)
    {
    case ND_PLACE_COUNTRY:
      return inner->kind != ND_PLACE_COUNTRY &&
             strcmp (outer->country, inner->country) == 0;

    case ND_PLACE_REGION:
      if (inner->kind != ND_PLACE_CITY || strcmp (outer->country, inner->country) != 0)
        return FALSE;
      /* region codes and GeoNames admin1 codes agree for the US and a
       * few other countries; elsewhere nearness has to do */
      if (inner->admin1[0] != '\0' && strcmp (outer->admin1, inner->admin1) == 0)
        return TRUE;
      return nd_place_distance_km (outer, inner) < 300;

    case ND_PLACE_AREA:
      if (inner->kind == ND_PLACE_COUNTRY || inner->kind == ND_PLACE_CONTINENT)
        return FALSE;
      if (outer->country[0] != '\0' && strcmp (outer->country, inner->country) != 0)
        return FALSE;
      return nd_place_distance_km (outer, inner) < 400;

    case ND_PLACE_CONTINENT:
      return inner->kind != ND_PLACE_CONTINENT &&
             nd_place_distance_km (outer, inner) < 4000;

    case ND_PLACE_CITY:
    default:
      return FALSE;
    }
}

/* Loading */

static gboolean
parse_kind (const char  *text,
            NdPlaceKind *kind)
{
  if (strcmp (text, "city") == 0)
    *kind = ND_PLACE_CITY;
  else if (strcmp (text, "region") == 0)
    *kind = ND_PLACE_REGION;
  else if (strcmp (text, "country") == 0)
    *kind = ND_PLACE_COUNTRY;
  else if (strcmp (text, "area") == 0)
    *kind = ND_PLACE_AREA;
  else if (strcmp (text, "continent") == 0)
    *kind = ND_PLACE_CONTINENT;
  else
    return FALSE;

  return TRUE;
}

static guint
count_lines (const char *data)
{
  guint n = 1;

  for (const char *p = strchr (data, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;

  return n;
}

/* Every proper prefix of a name of several words: "united", "united
 * arab" for "united arab emirates" */
static void
add_key (NdGazetteer *self,
         const char  *key,
         guint32      flag)
{
  for (const char *space = strchr (key, ' '); space != NULL; space = strchr (space + 1, ' '))
    *nd_extract_map_insert (self->keys, key, space - key, self->strings) |= ND_GAZETTEER_PREFIX;
  *nd_extract_map_insert (self->keys, key, -1, self->strings) |= flag;
}

static void
add_name (NdGazetteer *self,
          const char  *spelling,
          guint        place)
{
  char buffer[ND_EXTRACT_KEY_MAX];
  const char *key = buffer;
  guint32 *slot;
  gsize length;
  Link link;

  length = nd_extract_key (spelling, -1, buffer, sizeof buffer);
  if (length == 0)
    return;

  /* "the Gulf", "the Emirates": the article is not part of the name */
  if (g_str_has_prefix (key, "the ") && length > 4)
    {
      key += 4;
      length -= 4;
    }

  slot = nd_extract_map_insert (self->names, key, length, self->strings);

  /* the same place under the same key twice (name and alt name) */
  if (*slot != 0 && g_array_index (self->links, Link, *slot - 1).place == place)
    return;

  link.place = place;
  link.next = *slot;
  g_array_append_val (self->links, link);
  *slot = self->links->len;

  add_key (self, key, ND_GAZETTEER_PLACE);
}

static char *
join_name (const char *head,
                        gsize       head_length,
                        const char *middle,
                        const char *tail)
{
  GString *out = g_string_new_len (head, head_length);

  g_string_append (out, middle);
  g_string_append (out, tail);
  return g_string_free (out, FALSE);
}

/* Decimal degrees: "-77.0364"; anything else goes to g_ascii_strtod() */
static double
parse_degrees (const char *text)
{
  const char *p = text;
  double value = 0;
  double scale = 1;
  gboolean negative = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  while (g_ascii_isdigit (*p))
    value = value * 10 + (*p++ - '0');

  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          scale /= 10;
          value += (*p++ - '0') * scale;
        }
    }

  if (*p != '\0')
    return g_ascii_strtod (text, NULL);

  return negative ? -value : value;
}

/* Shorter names a place goes by: "Frankfurt am Main" is Frankfurt,
 * "Boulogne-sur-Mer" Boulogne, "North Ossetia–Alania" North Ossetia, and
 * "Republic of the Congo" is also "Republic of Congo" */
static const char * const name_joiners[] = {
  " am ", " an der ", " im ", " in der ", " bei ", " ob der ", " vor der ",
  " upon ", "-sur-", "-en-", "-upon-", " (", "\u2013", "\u2014", " / ",
  NULL
};

static void
add_name_variants (NdGazetteer   *self,
                   const NdPlace *place,
                   const char    *spelling,
                   guint          index)
{
  const char *of_the;

  /* every joiner has a space, a hyphen or a dash (its first byte 0xE2):
   * most names have none of them, and need no search */
  if (strpbrk (spelling, " -\xE2") == NULL)
    return;

  of_the = strstr (spelling, " of the ");

  if (of_the != NULL)
    {
      g_autofree char *shorter = join_name (spelling, of_the - spelling, " of ",
                                                         of_the + strlen (" of the "));

      add_name (self, shorter, index);
    }

  if (place->kind != ND_PLACE_CITY && place->kind != ND_PLACE_REGION)
    return;

  for (guint i = 0; name_joiners[i] != NULL; i++)
    {
      const char *joiner = strstr (spelling, name_joiners[i]);

      if (joiner != NULL && joiner > spelling)
        {
          g_autofree char *prefix = g_strndup (spelling, joiner - spelling);

          add_name (self, prefix, index);
          break;
        }
    }
}

static void
load_places (NdGazetteer *self,
             char        *data)
{
  char *cursor = data;
  char *line;

  while ((line = nd_extract_data_next_line (&cursor)) != NULL)
    {
      char *fields[8] = { NULL, };
      NdPlace *place;
      guint n;

      n = nd_extract_data_split (line, fields, G_N_ELEMENTS (fields));
      if (n < 7)
        {
          g_warning ("Bad gazetteer row: %s", fields[0]);
          continue;
        }

      place = &self->places[self->n_places];
      if (!parse_kind (fields[1], &place->kind))
        continue;

      place->name = fields[0];
      place->country = fields[2];
      place->lat = parse_degrees (fields[3]);
      place->lon = parse_degrees (fields[4]);
      place->population = (guint) g_ascii_strtoull (fields[5], NULL, 10);
      place->admin1 = fields[6];

      if (place->kind == ND_PLACE_COUNTRY)
        {
          guint32 *slot = nd_extract_map_insert (self->countries, place->country, -1, NULL);

          if (*slot == 0)
            *slot = self->n_places + 1;
        }

      add_name (self, place->name, self->n_places);
      add_name_variants (self, place, place->name, self->n_places);
      if (n > 7 && fields[7][0] != '\0')
        {
          char *alt = fields[7];

          while (alt != NULL)
            {
              char *bar = strchr (alt, '|');

              if (bar != NULL)
                *bar = '\0';
              if (*alt != '\0')
                {
                  add_name (self, alt, self->n_places);
                  add_name_variants (self, place, alt, self->n_places);
                }
              alt = bar != NULL ? bar + 1 : NULL;
            }
        }

      self->n_places++;
    }
}

static void
load_demonyms (NdGazetteer *self,
               char        *data)
{
  char *cursor = data;
  char *line;

  while ((line = nd_extract_data_next_line (&cursor)) != NULL)
    {
      char *fields[2] = { NULL, NULL };
      char key[ND_EXTRACT_KEY_MAX];
      guint32 *slot;
      gsize length;

      if (nd_extract_data_split (line, fields, 2) < 2)
        continue;
      length = nd_extract_key (fields[0], -1, key, sizeof key);
      if (length == 0)
        continue;
      slot = nd_extract_map_insert (self->demonyms, key, length, self->strings);
      add_key (self, key, ND_GAZETTEER_DEMONYM);
      if (*slot == 0)
        {
          g_ptr_array_add (self->demonym_countries, fields[1]);
          *slot = self->demonym_countries->len;
        }
    }
}

static NdGazetteer *
nd_gazetteer_load (void)
{
  NdGazetteer *self = g_object_new (ND_TYPE_GAZETTEER, NULL);
  guint capacity;

  self->places_data = nd_extract_data_load ("gazetteer/places.tsv", NULL);
  self->areas_data = nd_extract_data_load ("gazetteer/areas.tsv", NULL);
  self->demonyms_data = nd_extract_data_load ("gazetteer/demonyms.tsv", NULL);

  capacity = count_lines (self->places_data) + count_lines (self->areas_data);
  self->places = g_new0 (NdPlace, capacity);
  self->links = g_array_sized_new (FALSE, FALSE, sizeof (Link), capacity * 2);

  load_places (self, self->places_data);
  load_places (self, self->areas_data);
  load_demonyms (self, self->demonyms_data);

  g_debug ("Gazetteer: %u places, %u names", self->n_places, nd_extract_map_size (self->names));

  return self;
}

/* GObject */

static void
nd_gazetteer_finalize (GObject *object)
{
  NdGazetteer *self = ND_GAZETTEER (object);

  g_clear_pointer (&self->names, nd_extract_map_free);
  g_clear_pointer (&self->keys, nd_extract_map_free);
  g_clear_pointer (&self->demonyms, nd_extract_map_free);
  g_clear_pointer (&self->countries, nd_extract_map_free);
  g_clear_pointer (&self->demonym_countries, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_array_unref);
  g_clear_pointer (&self->places, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->places_data, g_free);
  g_clear_pointer (&self->areas_data, g_free);
  g_clear_pointer (&self->demonyms_data, g_free);

  G_OBJECT_CLASS (nd_gazetteer_parent_class)->finalize (object);
}

static void
nd_gazetteer_class_init (NdGazetteerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_gazetteer_finalize;
}

static void
nd_gazetteer_init (NdGazetteer *self)
{
  self->strings = g_string_chunk_new (256 * 1024);
  self->names = nd_extract_map_new (EXPECTED_NAMES);
  self->keys = nd_extract_map_new (EXPECTED_NAMES * 3 / 2);
  self->demonyms = nd_extract_map_new (1024);
  self->countries = nd_extract_map_new (512);
  self->demonym_countries = g_ptr_array_new ();
}

/* Public API */

NdGazetteer *
nd_gazetteer_get_default (void)
{
  static gsize instance = 0;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, (gsize) nd_gazetteer_load ());

  return (NdGazetteer *) instance;
}

guint
nd_gazetteer_lookup (NdGazetteer    *self,
                     const char     *key,
                     const NdPlace **out,
                     guint           max_out)
{
  guint link;
  guint n = 0;

  g_return_val_if_fail (ND_IS_GAZETTEER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  link = nd_extract_map_lookup (self->names, key, -1);
  while (link != 0)
    {
      const Link *l = &g_array_index (self->links, Link, link - 1);

      if (n < max_out)
        out[n] = &self->places[l->place];
      n++;
      link = l->next;
    }

  return n;
}

guint
nd_gazetteer_lookup_key (NdGazetteer *self,
                         const char  *key,
                         gssize       length)
{
  g_return_val_if_fail (ND_IS_GAZETTEER (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return nd_extract_map_lookup (self->keys, key, length);
}const char *
nd_gazetteer_lookup_demonym (NdGazetteer *self,
                             const char  *key)
{
  g_return_val_if_fail (ND_IS_GAZETTEER (self), NULL);

  guint32 index;

  g_return_val_if_fail (key != NULL, NULL);

  index = nd_extract_map_lookup (self->demonyms, key, -1);
  return index != 0 ? g_ptr_array_index (self->demonym_countries, index - 1) : NULL;
}

const NdPlace *
nd_gazetteer_lookup_country (NdGazetteer *self,
                             const char  *country)
{
  g_return_val_if_fail (ND_IS_GAZETTEER (self), NULL);

  if (country == NULL)
    return NULL;

  guint32 index;

  index = nd_extract_map_lookup (self->countries, country, -1);
  return index != 0 ? &self->places[index - 1] : NULL;
}

guint
nd_gazetteer_get_n_places (NdGazetteer *self)
{
  g_return_val_if_fail (ND_IS_GAZETTEER (self), 0);

  return self->n_places;
}

double
nd_gazetteer_score (NdGazetteer          *self,
                    const NdPlace        *place,
                    const NdPlaceContext *context)
{
  double score;
  double weight;

  g_return_val_if_fail (place != NULL, 0);

  switch (place->kind)
    {
    case ND_PLACE_COUNTRY:
      score = SCORE_COUNTRY;
      break;
    case ND_PLACE_AREA:
    case ND_PLACE_CONTINENT:
      score = SCORE_AREA;
      break;
    case ND_PLACE_REGION:
      score = POPULATION_WEIGHT * REGION_LOG_POPULATION;
      break;
    case ND_PLACE_CITY:
    default:
      score = POPULATION_WEIGHT * log10 (MAX (place->population, 1000));
      if (place->population >= 1000000)
        score += 0.5;
      break;
    }

  if (context == NULL)
    return score;

  /* the countries the article is about */
  weight = context_country_weight (context, place->country);
  if (weight > 0)
    score += 1.5 + weight / MAX (context->max_weight, 1.0);

  /* nearness to the places it names */
  if (place->kind == ND_PLACE_CITY || place->kind == ND_PLACE_REGION)
    {
      double nearest = nd_place_context_get_distance (context, place);

      if (nearest < 50)
        score += 2.0;
      else if (nearest < 200)
        score += 1.5;
      else if (nearest < 500)
        score += 0.75;
    }

  return score;
}

const NdPlace *
nd_gazetteer_resolve (NdGazetteer          *self,
                      const char           *key,
                      const NdPlaceContext *context)
{
  const NdPlace *candidates[64];
  const NdPlace *best = NULL;
  double best_score = -G_MAXDOUBLE;
  guint n;

  g_return_val_if_fail (ND_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  n = nd_gazetteer_lookup (self, key, candidates, G_N_ELEMENTS (candidates));
  n = MIN (n, G_N_ELEMENTS (candidates));

  for (guint i = 0; i < n; i++)
    {
      double score = nd_gazetteer_score (self, candidates[i], context);

      if (score > best_score)
        {
          best = candidates[i];
          best_score = score;
        }
    }

  return best;
}
