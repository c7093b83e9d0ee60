/* nd-itinerary-builder.h — travellers and their stops, from tables and
 * sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nd-entity.h"

G_BEGIN_DECLS

/* The itineraries (element type NdItinerary) told by `body`, given the
 * entities the extractor found in it (NdEntity: people are the
 * travellers, places the stops, dates the whens). `published`
 * ("YYYY-MM-DD") may be NULL. Never NULL. */
GPtrArray *nd_itinerary_builder_build (const char *body,
                                       GPtrArray  *entities,
                                       const char *published);

/* nd_itinerary_builder_build(), with the person the headline names when
 * the body does not (`headline`, a person entity outside `entities`, or
 * NULL): the traveller of a trip whose sentences say only "she" or "the
 * secretary" and name no one before */
GPtrArray *nd_itinerary_builder_build_with_headline (const char *body,
                                                     GPtrArray  *entities,
                                                     const char *published,
                                                     NdEntity   *headline);

G_END_DECLS
