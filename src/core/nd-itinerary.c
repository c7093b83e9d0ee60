/* nd-itinerary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-itinerary"

#include "nd-itinerary.h"

struct _NdItinerary
{
  GObject    parent_instance;

  char      *traveller;
  NdEntity  *traveller_entity;
  gboolean   ordered;
  GPtrArray *stops;
};

G_DEFINE_TYPE (NdItinerary, nd_itinerary, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (NdStop, nd_stop, nd_stop_ref, nd_stop_unref)

enum {
  PROP_0,
  PROP_TRAVELLER,
  PROP_ORDERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

NdStop *
nd_stop_new (const char *place)
{
  NdStop *stop = g_new0 (NdStop, 1);

  g_atomic_ref_count_init (&stop->ref_count);
  stop->place = g_strdup (place);
  return stop;
}

NdStop *
nd_stop_ref (NdStop *stop)
{
  g_return_val_if_fail (stop != NULL, NULL);
  g_atomic_ref_count_inc (&stop->ref_count);
  return stop;
}

void
nd_stop_unref (NdStop *stop)
{
  g_return_if_fail (stop != NULL);

  if (!g_atomic_ref_count_dec (&stop->ref_count))
    return;

  g_free (stop->place);
  g_clear_object (&stop->place_entity);
  g_free (stop->country);
  g_free (stop->when);
  g_free (stop->when_date);
  g_free (stop->purpose);
  g_free (stop->article_title);
  g_free (stop);
}

void
nd_stop_set_place_entity (NdStop   *stop,
                          NdEntity *entity)
{
  g_return_if_fail (stop != NULL);

  g_set_object (&stop->place_entity, entity);
  if (entity == NULL)
    return;

  g_free (stop->place);
  stop->place = g_strdup (nd_entity_get_name (entity));
  g_free (stop->country);
  stop->country = g_strdup (nd_entity_get_country (entity));
  stop->has_coordinates = nd_entity_has_coordinates (entity);
  if (stop->has_coordinates)
    nd_entity_get_coordinates (entity, &stop->lat, &stop->lon);
}

static void
nd_itinerary_dispose (GObject *object)
{
  NdItinerary *self = ND_ITINERARY (object);

  g_clear_object (&self->traveller_entity);
  g_clear_pointer (&self->stops, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_itinerary_parent_class)->dispose (object);
}

static void
nd_itinerary_finalize (GObject *object)
{
  NdItinerary *self = ND_ITINERARY (object);

  g_free (self->traveller);

  G_OBJECT_CLASS (nd_itinerary_parent_class)->finalize (object);
}

static void
nd_itinerary_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NdItinerary *self = ND_ITINERARY (object);

  switch (prop_id)
    {
    case PROP_TRAVELLER:
      g_value_set_string (value, self->traveller);
      break;
    case PROP_ORDERED:
      g_value_set_boolean (value, self->ordered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_itinerary_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NdItinerary *self = ND_ITINERARY (object);

  switch (prop_id)
    {
    case PROP_TRAVELLER:
      nd_itinerary_set_traveller (self, g_value_get_string (value));
      break;
    case PROP_ORDERED:
      nd_itinerary_set_ordered (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_itinerary_class_init (NdItineraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = nd_itinerary_dispose;
  object_class->finalize = nd_itinerary_finalize;
  object_class->get_property = nd_itinerary_get_property;
  object_class->set_property = nd_itinerary_set_property;

  properties[PROP_TRAVELLER] = g_param_spec_string ("traveller", NULL, NULL, NULL, flags);
  properties[PROP_ORDERED] = g_param_spec_boolean ("ordered", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_itinerary_init (NdItinerary *self)
{
  self->ordered = TRUE;
  self->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_stop_unref);
}

NdItinerary *
nd_itinerary_new (const char *traveller)
{
  return g_object_new (ND_TYPE_ITINERARY, "traveller", traveller, NULL);
}

const char *
nd_itinerary_get_traveller (NdItinerary *self)
{
  g_return_val_if_fail (ND_IS_ITINERARY (self), NULL);
  return self->traveller;
}

void
nd_itinerary_set_traveller (NdItinerary *self,
                            const char  *traveller)
{
  g_return_if_fail (ND_IS_ITINERARY (self));

  if (g_strcmp0 (self->traveller, traveller) == 0)
    return;
  g_free (self->traveller);
  self->traveller = g_strdup (traveller);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAVELLER]);
}

NdEntity *
nd_itinerary_get_traveller_entity (NdItinerary *self)
{
  g_return_val_if_fail (ND_IS_ITINERARY (self), NULL);
  return self->traveller_entity;
}

void
nd_itinerary_set_traveller_entity (NdItinerary *self,
                                   NdEntity    *entity)
{
  g_return_if_fail (ND_IS_ITINERARY (self));

  g_set_object (&self->traveller_entity, entity);
  if (entity != NULL)
    nd_itinerary_set_traveller (self, nd_entity_get_name (entity));
}

gboolean
nd_itinerary_get_ordered (NdItinerary *self)
{
  g_return_val_if_fail (ND_IS_ITINERARY (self), FALSE);
  return self->ordered;
}

void
nd_itinerary_set_ordered (NdItinerary *self,
                          gboolean     ordered)
{
  g_return_if_fail (ND_IS_ITINERARY (self));

  ordered = !!ordered;
  if (self->ordered != ordered)
    {
      self->ordered = ordered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDERED]);
    }
}

GPtrArray *
nd_itinerary_get_stops (NdItinerary *self)
{
  g_return_val_if_fail (ND_IS_ITINERARY (self), NULL);
  return self->stops;
}

void
nd_itinerary_add_stop (NdItinerary *self,
                       NdStop      *stop)
{
  g_return_if_fail (ND_IS_ITINERARY (self));
  g_return_if_fail (stop != NULL);

  if (stop->order == 0)
    stop->order = self->stops->len + 1;
  g_ptr_array_add (self->stops, nd_stop_ref (stop));
}
