/* nd-correction.h — a user's correction of the extractor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nd-entity.h"

G_BEGIN_DECLS

/* A user's correction of the extractor for one article. It is stored and
 * applied again every time the article is extracted anew. */
typedef enum
{
  ND_CORRECTION_REMOVE,     /* the entity is not in this article */
  ND_CORRECTION_SET_KIND,   /* the entity is of another kind */
  ND_CORRECTION_SET_PLACE,  /* the place is another gazetteer match */
} NdCorrectionAction;

typedef struct
{
  NdCorrectionAction action;
  NdEntityKind       kind;      /* the entity as the extractor found it */
  char              *name;
  NdEntityKind       new_kind;  /* SET_KIND */
  char              *new_name;  /* SET_PLACE: the chosen place's name */
  char              *country;   /* SET_PLACE */
  double             lat;       /* SET_PLACE */
  double             lon;       /* SET_PLACE */
} NdCorrection;

NdCorrection *nd_correction_new  (NdCorrectionAction  action,
                                  NdEntityKind        kind,
                                  const char         *name);
NdCorrection *nd_correction_copy (const NdCorrection *correction);
void          nd_correction_free (NdCorrection       *correction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCorrection, nd_correction_free)

/* Applies corrections (NdCorrection) to extracted entities (NdEntity), in
 * place: removed entities go, kinds change, places move; entities that
 * end up with the same kind and name are merged. */
void          nd_corrections_apply (GPtrArray *corrections,
                                    GPtrArray *entities);

/* "remove", "kind", "place" */
const char   *nd_correction_action_to_string   (NdCorrectionAction  action);
gboolean      nd_correction_action_from_string (const char         *str,
                                                NdCorrectionAction *action);

G_END_DECLS
