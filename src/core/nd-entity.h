/* nd-entity.h — a person, place, organisation or date found in an article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ND_ENTITY_PERSON,
  ND_ENTITY_PLACE,
  ND_ENTITY_ORGANIZATION,
  ND_ENTITY_DATE,
} NdEntityKind;

#define ND_TYPE_ENTITY_KIND (nd_entity_kind_get_type ())
GType nd_entity_kind_get_type (void);

/* "person", "place", "organization", "date" (FORMATS.md) */
const char *nd_entity_kind_to_string   (NdEntityKind  kind);
gboolean    nd_entity_kind_from_string (const char   *str,
                                        NdEntityKind *kind);

/* A mention: offsets count Unicode code points in the body, end exclusive. */
typedef struct
{
  guint start;
  guint end;
  char *text;
} NdMention;

#define ND_TYPE_ENTITY (nd_entity_get_type ())
G_DECLARE_FINAL_TYPE (NdEntity, nd_entity, ND, ENTITY, GObject)

NdEntity        *nd_entity_new            (NdEntityKind  kind,
                                           const char   *name);
gint64           nd_entity_get_id         (NdEntity     *self);
void             nd_entity_set_id         (NdEntity     *self,
                                           gint64        id);
NdEntityKind     nd_entity_get_kind       (NdEntity     *self);
void             nd_entity_set_kind       (NdEntity     *self,
                                           NdEntityKind  kind);
const char      *nd_entity_get_name       (NdEntity     *self);
void             nd_entity_set_name       (NdEntity     *self,
                                           const char   *name);
const char      *nd_entity_get_role       (NdEntity     *self);
void             nd_entity_set_role       (NdEntity     *self,
                                           const char   *role);
const char      *nd_entity_get_country    (NdEntity     *self);
void             nd_entity_set_country    (NdEntity     *self,
                                           const char   *country);
/* Date value, "YYYY-MM-DD", or NULL */
const char      *nd_entity_get_value      (NdEntity     *self);
void             nd_entity_set_value      (NdEntity     *self,
                                           const char   *value);
gboolean         nd_entity_has_coordinates (NdEntity    *self);
void             nd_entity_get_coordinates (NdEntity    *self,
                                            double      *lat,
                                            double      *lon);
void             nd_entity_set_coordinates (NdEntity    *self,
                                            double       lat,
                                            double       lon);
void             nd_entity_clear_coordinates (NdEntity  *self);

void             nd_entity_add_mention    (NdEntity     *self,
                                           guint         start,
                                           guint         end,
                                           const char   *text);
guint            nd_entity_get_n_mentions (NdEntity     *self);
const NdMention *nd_entity_get_mention    (NdEntity     *self,
                                           guint         index);

G_END_DECLS
