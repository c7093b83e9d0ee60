/* nd-extract-entity.h — a cheaper way for the extractor to fill in new
 * entities (private to the extraction code; implemented in nd-entity.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entity the extractor just made has no listeners yet: these set its
 * fields without notifications, and add mentions from text that is not
 * NUL-terminated without an intermediate copy.
 */
#pragma once

#include "nd-entity.h"

G_BEGIN_DECLS

/* A new entity with room for `n_mentions` mentions */
NdEntity *nd_entity_new_sized      (NdEntityKind  kind,
                                    const char   *name,
                                    guint         n_mentions);
/* Sets a string field ("role", "country", "value") of a new entity */
void      nd_entity_init_role      (NdEntity     *self,
                                    const char   *role);
void      nd_entity_init_country   (NdEntity     *self,
                                    const char   *country);
void      nd_entity_init_value     (NdEntity     *self,
                                    const char   *value);
/* nd_entity_add_mention() with `length` bytes of `text` */
void      nd_entity_add_mention_len (NdEntity   *self,
                                     guint       start,
                                     guint       end,
                                     const char *text,
                                     gsize       length);

G_END_DECLS
