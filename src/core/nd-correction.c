/* nd-correction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include "nd-correction.h"

static const char * const correction_actions[] = {
  [ND_CORRECTION_REMOVE] = "remove",
  [ND_CORRECTION_SET_KIND] = "kind",
  [ND_CORRECTION_SET_PLACE] = "place",
};

NdCorrection *
nd_correction_new (NdCorrectionAction  action,
                   NdEntityKind        kind,
                   const char         *name)
{
  NdCorrection *correction = g_new0 (NdCorrection, 1);

  correction->action = action;
  correction->kind = kind;
  correction->new_kind = kind;
  correction->name = g_strdup (name);

  return correction;
}

NdCorrection *
nd_correction_copy (const NdCorrection *correction)
{
  NdCorrection *copy;

  g_return_val_if_fail (correction != NULL, NULL);

  copy = g_memdup2 (correction, sizeof *correction);
  copy->name = g_strdup (correction->name);
  copy->new_name = g_strdup (correction->new_name);
  copy->country = g_strdup (correction->country);

  return copy;
}

void
nd_correction_free (NdCorrection *correction)
{
  if (correction == NULL)
    return;

  g_free (correction->name);
  g_free (correction->new_name);
  g_free (correction->country);
  g_free (correction);
}

static const NdCorrection *
find_correction (GPtrArray  *corrections,
                 NdEntity   *entity)
{
  for (guint i = 0; i < corrections->len; i++)
    {
      const NdCorrection *c = g_ptr_array_index (corrections, i);

      if (c->kind == nd_entity_get_kind (entity) &&
          g_strcmp0 (c->name, nd_entity_get_name (entity)) == 0)
        return c;
    }

  return NULL;
}

void
nd_corrections_apply (GPtrArray *corrections,
                      GPtrArray *entities)
{
  g_return_if_fail (entities != NULL);

  if (corrections == NULL || corrections->len == 0)
    return;

  for (guint i = 0; i < entities->len; )
    {
      NdEntity *entity = g_ptr_array_index (entities, i);
      const NdCorrection *c = find_correction (corrections, entity);

      if (c == NULL)
        {
          i++;
          continue;
        }

      switch (c->action)
        {
        case ND_CORRECTION_REMOVE:
          g_ptr_array_remove_index (entities, i);
          continue;

        case ND_CORRECTION_SET_KIND:
          nd_entity_set_kind (entity, c->new_kind);
          if (c->new_kind != ND_ENTITY_PLACE)
            {
              nd_entity_set_country (entity, NULL);
              nd_entity_clear_coordinates (entity);
            }
          if (c->new_kind != ND_ENTITY_DATE)
            nd_entity_set_value (entity, NULL);
          if (c->new_kind != ND_ENTITY_PERSON)
            nd_entity_set_role (entity, NULL);
          break;

        case ND_CORRECTION_SET_PLACE:
          nd_entity_set_kind (entity, ND_ENTITY_PLACE);
          if (c->new_name != NULL)
            nd_entity_set_name (entity, c->new_name);
          nd_entity_set_country (entity, c->country);
          nd_entity_set_coordinates (entity, c->lat, c->lon);
          break;

        default:
          g_assert_not_reached ();
        }

      i++;
    }

  /* Two entities that now have the same kind and name are one */
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *keep = g_ptr_array_index (entities, i);

      for (guint j = i + 1; j < entities->len; )
        {
          NdEntity *other = g_ptr_array_index (entities, j);

          if (nd_entity_get_kind (other) != nd_entity_get_kind (keep) ||
              g_strcmp0 (nd_entity_get_name (other), nd_entity_get_name (keep)) != 0)
            {
              j++;
              continue;
            }

          for (guint m = 0; m < nd_entity_get_n_mentions (other); m++)
            {
              const NdMention *mention = nd_entity_get_mention (other, m);

              nd_entity_add_mention (keep, mention->start, mention->end, mention->text);
            }
          g_ptr_array_remove_index (entities, j);
        }
    }
}

const char *
nd_correction_action_to_string (NdCorrectionAction action)
{
  g_return_val_if_fail (action <= ND_CORRECTION_SET_PLACE, NULL);
  return correction_actions[action];
}

gboolean
nd_correction_action_from_string (const char         *str,
                                  NdCorrectionAction *action)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (correction_actions); i++)
    {
      if (g_str_equal (str, correction_actions[i]))
        {
          if (action != NULL)
            *action = i;
          return TRUE;
        }
    }

  return FALSE;
}
