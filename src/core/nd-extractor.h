/* nd-extractor.h — finds people, places, organisations and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nd-article.h"

G_BEGIN_DECLS

/* Bumped whenever extraction changes what it finds, so that stored
 * articles can be extracted again. */
#define ND_EXTRACTOR_VERSION 1

/* Fills the article's entities from its body; relative dates are
 * resolved against its publication date when it has one. */
void       nd_extractor_extract_article (NdArticle  *article);

/* The entities (element type NdEntity) in `body`, in the order of their
 * first mention; `published` ("YYYY-MM-DD") may be NULL. */
GPtrArray *nd_extractor_extract         (const char *body,
                                         const char *published);

/* The itineraries (NdItinerary) of an article from its body and the
 * `entities` found in it; `title`, when there is one, may name the
 * traveller the body only calls "she" or "the secretary". */
GPtrArray *nd_extractor_build_itineraries (const char *title,
                                           const char *body,
                                           const char *published,
                                           GPtrArray  *entities);

G_END_DECLS
