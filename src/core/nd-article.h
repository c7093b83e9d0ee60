/* nd-article.h — one news article in a desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nd-correction.h"
#include "nd-entity.h"
#include "nd-itinerary.h"

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE (nd_article_get_type ())
G_DECLARE_FINAL_TYPE (NdArticle, nd_article, ND, ARTICLE, GObject)

NdArticle          *nd_article_new           (void);

/* 0 until the article is stored in a desk */
gint64              nd_article_get_id        (NdArticle          *self);
void                nd_article_set_id        (NdArticle          *self,
                                              gint64              id);
const char         *nd_article_get_title     (NdArticle          *self);
void                nd_article_set_title     (NdArticle          *self,
                                              const char         *title);
/* Plain text, LF line endings, NFC; entity offsets index it. */
const char         *nd_article_get_body      (NdArticle          *self);
void                nd_article_set_body      (NdArticle          *self,
                                              const char         *body);
/* The file's base name, or a URL */
const char         *nd_article_get_source    (NdArticle          *self);
void                nd_article_set_source    (NdArticle          *self,
                                              const char         *source);
/* "YYYY-MM-DD" or NULL */
const char         *nd_article_get_published (NdArticle          *self);
void                nd_article_set_published (NdArticle          *self,
                                              const char         *published);
/* ISO 8601 UTC, "2026-11-21T20:10:04Z", or NULL before it is stored */
const char         *nd_article_get_imported  (NdArticle          *self);
void                nd_article_set_imported  (NdArticle          *self,
                                              const char         *imported);
/* published, else the date part of imported; may be NULL */
const char         *nd_article_get_date      (NdArticle          *self);
gboolean            nd_article_get_read      (NdArticle          *self);
void                nd_article_set_read      (NdArticle          *self,
                                              gboolean            read);
gboolean            nd_article_get_starred   (NdArticle          *self);
void                nd_article_set_starred   (NdArticle          *self,
                                              gboolean            starred);
/* Sorted, unique; never NULL (an empty vector) */
const char * const *nd_article_get_tags      (NdArticle          *self);
void                nd_article_set_tags      (NdArticle          *self,
                                              const char * const *tags);
gboolean            nd_article_has_tag       (NdArticle          *self,
                                              const char         *tag);
/* A search snippet with the matches between U+E000 and U+E001, or NULL */
const char         *nd_article_get_snippet   (NdArticle          *self);
void                nd_article_set_snippet   (NdArticle          *self,
                                              const char         *snippet);
/* Entities found in the body (element type NdEntity); never NULL */
GPtrArray          *nd_article_get_entities  (NdArticle          *self);
void                nd_article_set_entities  (NdArticle          *self,
                                              GPtrArray          *entities);
/* Travellers and their stops (element type NdItinerary); never NULL */
GPtrArray          *nd_article_get_itineraries (NdArticle        *self);
void                nd_article_set_itineraries (NdArticle        *self,
                                                GPtrArray        *itineraries);
/* The user's corrections of the extractor for this article
 * (NdCorrection); never NULL. The entities already have them applied. */
GPtrArray          *nd_article_get_corrections (NdArticle        *self);
void                nd_article_set_corrections (NdArticle        *self,
                                                GPtrArray        *corrections);
/* A hash of the normalised title and body: the same article imported twice
 * has the same hash. */
char               *nd_article_compute_hash  (NdArticle          *self);

/* Tag normalisation: trims white space, folds inner runs of white space to
 * one space; returns NULL for an empty tag. */
char               *nd_tag_normalize         (const char         *tag);

G_END_DECLS
