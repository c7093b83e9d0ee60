/* nd-entity-ui.c — how the widgets name, colour and describe entities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the body view (highlights and their tooltips), the entity
 * panel of an article and the desk-wide entity browser, so that a kind
 * has one name and one colour everywhere.
 */
#define G_LOG_DOMAIN "newsdesk-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nd-entity-ui.h"
#include "nd-gazetteer.h"
#include "nd-ui-util.h"

/* The GNOME palette: a darker shade on the light style, a lighter one on
 * the dark style, so that the underline stands out on both. */
static const struct {
  const char *css_class;
  const char *light;
  const char *dark;
} kinds[ND_ENTITY_N_KINDS] = {
  [ND_ENTITY_PERSON]       = { "entity-person",       "#1c71d8", "#62a0ea" },
  [ND_ENTITY_PLACE]        = { "entity-place",        "#26a269", "#57e389" },
  [ND_ENTITY_ORGANIZATION] = { "entity-organization", "#9141ac", "#c061cb" },
  [ND_ENTITY_DATE]         = { "entity-date",         "#c64600", "#ffa348" },
};

static guint
kind_index (NdEntityKind kind)
{
  return (guint) kind < ND_ENTITY_N_KINDS ? (guint) kind : ND_ENTITY_PERSON;
}

const char *
nd_entity_ui_kind_label (NdEntityKind kind)
{
  switch (kind)
    {
    case ND_ENTITY_PLACE:
      return C_("entity kind", "Place");
    case ND_ENTITY_ORGANIZATION:
      return C_("entity kind", "Organisation");
    case ND_ENTITY_DATE:
      return C_("entity kind", "Date");
    case ND_ENTITY_PERSON:
    default:
      return C_("entity kind", "Person");
    }
}

const char *
nd_entity_ui_kind_title (NdEntityKind kind)
{
  switch (kind)
    {
    case ND_ENTITY_PLACE:
      return _("Places");
    case ND_ENTITY_ORGANIZATION:
      return _("Organisations");
    case ND_ENTITY_DATE:
      return _("Dates");
    case ND_ENTITY_PERSON:
    default:
      return _("People");
    }
}

const char *
nd_entity_ui_kind_css_class (NdEntityKind kind)
{
  return kinds[kind_index (kind)].css_class;
}

void
nd_entity_ui_kind_color (NdEntityKind  kind,
                         gboolean      dark,
                         GdkRGBA      *color)
{
  guint i = kind_index (kind);

  gdk_rgba_parse (color, dark ? kinds[i].dark : kinds[i].light);
}

char *
nd_entity_ui_format_coordinates (NdEntity *entity)
{
  double lat, lon;

  if (entity == NULL || !nd_entity_has_coordinates (entity))
    return NULL;

  nd_entity_get_coordinates (entity, &lat, &lon);

  /* Translators: latitude and longitude, "30.06° N, 31.25° E"; the
   * first %s is N or S, the second E or W. The spaces are no-break
   * spaces: the coordinates wrap as a whole. */
  return g_strdup_printf (_("%.2f°\u00a0%s,\u00a0%.2f°\u00a0%s"),
                          fabs (lat), lat >= 0 ? C_("compass", "N") : C_("compass", "S"),
                          fabs (lon), lon >= 0 ? C_("compass", "E") : C_("compass", "W"));
}

const char *
nd_entity_ui_country_name (const char *country)
{
  const NdPlace *place;

  if (country == NULL || *country == '\0')
    return NULL;

  place = nd_gazetteer_lookup_country (nd_gazetteer_get_default (), country);

  return place != NULL ? place->name : country;
}

char *
nd_entity_ui_dup_detail (NdEntity *entity)
{
  g_return_val_if_fail (ND_IS_ENTITY (entity), NULL);

  switch (nd_entity_get_kind (entity))
    {
    case ND_ENTITY_PERSON:
      {
        const char *role = nd_entity_get_role (entity);

        return role != NULL && *role != '\0' ? g_strdup (role) : NULL;
      }

    case ND_ENTITY_PLACE:
      {
        const char *country = nd_entity_ui_country_name (nd_entity_get_country (entity));
        g_autofree char *coordinates = nd_entity_ui_format_coordinates (entity);

        /* a country needs no "Egypt" under "Egypt" */
        if (g_strcmp0 (country, nd_entity_get_name (entity)) == 0)
          country = NULL;

        if (country != NULL && coordinates != NULL)
          /* Translators: a place's country and its coordinates */
          return g_strdup_printf (_("%s · %s"), country, coordinates);
        if (coordinates != NULL)
          return g_steal_pointer (&coordinates);
        return g_strdup (country);
      }

    case ND_ENTITY_DATE:
      return nd_ui_format_date (nd_entity_get_value (entity));

    case ND_ENTITY_ORGANIZATION:
    default:
      return NULL;
    }
}

char *
nd_entity_ui_dup_description (NdEntity   *entity,
                              const char *text)
{
  g_autofree char *detail = NULL;
  GString *description;

  g_return_val_if_fail (ND_IS_ENTITY (entity), NULL);

  description = g_string_new (NULL);
  /* Translators: a highlighted mention's tooltip, "Person: Mitch Witkoff" */
  g_string_append_printf (description, _("%s: %s"),
                          nd_entity_ui_kind_label (nd_entity_get_kind (entity)),
                          nd_entity_get_name (entity));

  if (text != NULL && *text != '\0' &&
      g_utf8_collate (text, nd_entity_get_name (entity)) != 0)
    {
      g_string_append_c (description, ' ');
      /* Translators: the text of the mention, after the entity's name */
      g_string_append_printf (description, _("(“%s”)"), text);
    }

  detail = nd_entity_ui_dup_detail (entity);
  if (detail != NULL)
    {
      g_string_append_c (description, '\n');
      g_string_append (description, detail);
    }

  return g_string_free (description, FALSE);
}

static int
compare_by_mentions (gconstpointer a,
                     gconstpointer b)
{
  NdEntity *ea = *(NdEntity **) a;
  NdEntity *eb = *(NdEntity **) b;
  guint na = nd_entity_get_n_mentions (ea);
  guint nb = nd_entity_get_n_mentions (eb);
  guint fa = na > 0 ? nd_entity_get_mention (ea, 0)->start : G_MAXUINT;
  guint fb = nb > 0 ? nd_entity_get_mention (eb, 0)->start : G_MAXUINT;

  if (na != nb)
    return na > nb ? -1 : 1;
  if (fa != fb)
    return fa < fb ? -1 : 1;

  return g_utf8_collate (nd_entity_get_name (ea), nd_entity_get_name (eb));
}

GPtrArray *
nd_entity_ui_sort_by_mentions (GPtrArray    *entities,
                               NdEntityKind  kind)
{
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; entities != NULL && i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (entity) == kind)
        g_ptr_array_add (sorted, g_object_ref (entity));
    }

  g_ptr_array_sort (sorted, compare_by_mentions);

  return sorted;
}
