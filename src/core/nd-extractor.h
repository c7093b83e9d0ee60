/* nd-extractor.h — finds people, places, organisations and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nd-article.h"

G_BEGIN_DECLS

#define ND_EXTRACTOR_VERSION 0

/* Fills the article's entities from its body. */
void nd_extractor_extract_article (NdArticle *article);

G_END_DECLS
