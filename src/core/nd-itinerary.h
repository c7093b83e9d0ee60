/* nd-itinerary.h — a traveller's stops in one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nd-entity.h"

G_BEGIN_DECLS

/* One stop of a trip. Offsets count code points in the article body. */
typedef struct
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  guint     order;          /* 1-based: travel order, or text order when unordered */
  char     *place;          /* the place's canonical name */
  NdEntity *place_entity;   /* the place entity, or NULL */
  char     *country;        /* ISO 3166-1 alpha-2, or NULL */
  gboolean  has_coordinates;
  double    lat;
  double    lon;
  char     *when;           /* as written: "Day 2", "Monday", "June 21"; or NULL */
  char     *when_date;      /* "YYYY-MM-DD" or NULL */
  char     *purpose;        /* or NULL */
  guint     evidence_start;
  guint     evidence_end;
  /* Desk-wide timelines only (nd_database_list_traveller_stops) */
  gint64    article_id;
  char     *article_title;
  gboolean  conflict;       /* another article gives this place another when */
} NdStop;

#define ND_TYPE_STOP (nd_stop_get_type ())
GType    nd_stop_get_type  (void);
NdStop  *nd_stop_new       (const char *place);
NdStop  *nd_stop_ref       (NdStop     *stop);
void     nd_stop_unref     (NdStop     *stop);
/* Takes the place name, country and coordinates from a place entity */
void     nd_stop_set_place_entity (NdStop   *stop,
                                   NdEntity *entity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdStop, nd_stop_unref)

#define ND_TYPE_ITINERARY (nd_itinerary_get_type ())
G_DECLARE_FINAL_TYPE (NdItinerary, nd_itinerary, ND, ITINERARY, GObject)

NdItinerary *nd_itinerary_new                  (const char  *traveller);
const char  *nd_itinerary_get_traveller        (NdItinerary *self);
void         nd_itinerary_set_traveller        (NdItinerary *self,
                                                const char  *traveller);
/* The person entity, or NULL */
NdEntity    *nd_itinerary_get_traveller_entity (NdItinerary *self);
void         nd_itinerary_set_traveller_entity (NdItinerary *self,
                                                NdEntity    *entity);
/* FALSE when the text lists places visited without an order */
gboolean     nd_itinerary_get_ordered          (NdItinerary *self);
void         nd_itinerary_set_ordered          (NdItinerary *self,
                                                gboolean     ordered);
/* Element type NdStop, in order; never NULL */
GPtrArray   *nd_itinerary_get_stops            (NdItinerary *self);
/* Takes a reference; numbers the stop if its order is 0 */
void         nd_itinerary_add_stop             (NdItinerary *self,
                                                NdStop      *stop);

G_END_DECLS

/* the builder that makes them from an article */
#include "nd-itinerary-builder.h"
