/* nd-extractor.c — finds people, places, organisations and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Version 0 finds nothing: entity extraction is its own piece of work
 * (the extraction issue). The pipeline, storage, JSON and views around it
 * are in place, so a real extractor only has to fill the entities here.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include "nd-extractor.h"

void
nd_extractor_extract_article (NdArticle *article)
{
  g_return_if_fail (ND_IS_ARTICLE (article));

  nd_article_set_entities (article, NULL);
}
