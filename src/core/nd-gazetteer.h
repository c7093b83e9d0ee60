/* nd-gazetteer.h — places by name: countries, first-level regions, cities,
 * continents and well-known areas, with coordinates; demonyms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ND_PLACE_COUNTRY,
  ND_PLACE_REGION,
  ND_PLACE_CITY,
  ND_PLACE_AREA,
  ND_PLACE_CONTINENT,
} NdPlaceKind;

typedef struct
{
  const char  *name;        /* "Tel Aviv", "United States" */
  const char  *country;     /* ISO 3166-1 alpha-2, "" for areas across borders */
  const char  *admin1;      /* first-level region code, "" when unknown */
  double       lat;
  double       lon;
  guint        population;  /* 0 when unknown */
  NdPlaceKind  kind;
} NdPlace;

/* Great-circle distance in kilometres */
double    nd_place_distance_km (const NdPlace *a,
                                const NdPlace *b);
/* TRUE when `inner` lies in `outer` (a country, region or area): "Tel
 * Aviv, Israel", "Austin, Texas", "Ramallah, West Bank" */
gboolean  nd_place_contains    (const NdPlace *outer,
                                const NdPlace *inner);

/* What an article says about where it is: the countries it names (or
 * whose demonyms it uses), with weights, and places already resolved. */
typedef struct _NdPlaceContext NdPlaceContext;

NdPlaceContext *nd_place_context_new         (void);
void            nd_place_context_free        (NdPlaceContext *context);
void            nd_place_context_add_country (NdPlaceContext *context,
                                              const char     *country,
                                              double          weight);
void            nd_place_context_add_place   (NdPlaceContext *context,
                                              const NdPlace  *place);
/* The weight of `country` so far (0 when the article has not named it) */
double          nd_place_context_get_weight  (const NdPlaceContext *context,
                                              const char           *country);
/* The distance in km from `place` to the nearest place of the context
 * that is no country or continent; G_MAXDOUBLE when there is none */
double          nd_place_context_get_distance (const NdPlaceContext *context,
                                               const NdPlace        *place);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdPlaceContext, nd_place_context_free)

#define ND_TYPE_GAZETTEER (nd_gazetteer_get_type ())
G_DECLARE_FINAL_TYPE (NdGazetteer, nd_gazetteer, ND, GAZETTEER, GObject)

/* The gazetteer compiled into NewsDesk, loaded once (thread-safe) */
NdGazetteer    *nd_gazetteer_get_default     (void);

/* All lookups take keys made by nd_extract_key(). */

/* Fills `out` with up to `max_out` places named `key` (by name or by an
 * alternate name) and returns how many there are in all. */
guint           nd_gazetteer_lookup          (NdGazetteer    *self,
                                              const char     *key,
                                              const NdPlace **out,
                                              guint           max_out);
typedef enum
{
  ND_GAZETTEER_PLACE   = 1 << 0,  /* a place's name */
  ND_GAZETTEER_DEMONYM = 1 << 1,
  ND_GAZETTEER_PREFIX  = 1 << 2,  /* the first words of a longer one */
} NdGazetteerKeyFlags;

/* What `key` (`length` bytes, -1: NUL-terminated) is in the gazetteer,
 * in one lookup: "united arab" is a prefix, "israel" a place */
guint           nd_gazetteer_lookup_key      (NdGazetteer    *self,
                                              const char     *key,
                                              gssize          length);
/* The country code of a demonym ("israeli" -> "IL"), or NULL */
const char     *nd_gazetteer_lookup_demonym  (NdGazetteer    *self,
                                              const char     *key);
/* The country with ISO code `country`, or NULL */
const NdPlace  *nd_gazetteer_lookup_country  (NdGazetteer    *self,
                                              const char     *country);
guint           nd_gazetteer_get_n_places    (NdGazetteer    *self);

/* How well `place` fits `context` (higher is better): countries and
 * areas first, then the article's countries, nearness to places already
 * found, and population. */
double          nd_gazetteer_score           (NdGazetteer          *self,
                                              const NdPlace        *place,
                                              const NdPlaceContext *context);
/* The best of the places named `key` for `context` (may be NULL), or
 * NULL when there is none. */
const NdPlace  *nd_gazetteer_resolve         (NdGazetteer          *self,
                                              const char           *key,
                                              const NdPlaceContext *context);

G_END_DECLS
