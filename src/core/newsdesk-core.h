/* newsdesk-core.h — everything the app, the CLI and the tests use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nd-error.h"
#include "nd-entity.h"
#include "nd-article.h"
#include "nd-text.h"
#include "nd-body.h"
#include "nd-database.h"
#include "nd-article-store.h"
#include "nd-importer.h"
#include "nd-gazetteer.h"
#include "nd-lexicon.h"
#include "nd-extract-key.h"
#include "nd-extract-tokens.h"
#include "nd-extractor.h"
#include "nd-itinerary.h"
#include "nd-itinerary-builder.h"
#include "nd-reextractor.h"
#include "nd-exporter.h"
