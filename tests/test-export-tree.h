/* test-export-tree.h — the NewsDesk JSON and GeoJSON documents built as
 * json-glib trees, the way NewsDesk wrote them before its streaming
 * writer (src/core/nd-json-writer.c): the reference the tests compare
 * the streamed files with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <json-glib/json-glib.h>

#include "newsdesk-core.h"

#define TREE_FORMAT_VERSION 1

static G_GNUC_UNUSED void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static G_GNUC_UNUSED void
add_entity (JsonBuilder *builder,
            NdEntity    *entity)
{
  NdEntityKind kind = nd_entity_get_kind (entity);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, nd_entity_kind_to_string (kind));
  add_string_or_null (builder, "name", nd_entity_get_name (entity));

  if (nd_entity_get_role (entity) != NULL)
    add_string_or_null (builder, "role", nd_entity_get_role (entity));

  if (kind == ND_ENTITY_PLACE)
    {
      add_string_or_null (builder, "country", nd_entity_get_country (entity));
      if (nd_entity_has_coordinates (entity))
        {
          double lat, lon;

          nd_entity_get_coordinates (entity, &lat, &lon);
          json_builder_set_member_name (builder, "lat");
          json_builder_add_double_value (builder, lat);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_double_value (builder, lon);
        }
    }

  if (kind == ND_ENTITY_DATE)
    add_string_or_null (builder, "value", nd_entity_get_value (entity));

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < nd_entity_get_n_mentions (entity); i++)
    {
      const NdMention *mention = nd_entity_get_mention (entity, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, mention->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, mention->end);
      add_string_or_null (builder, "text", mention->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static G_GNUC_UNUSED void
add_correction (JsonBuilder        *builder,
                const NdCorrection *c)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "action", nd_correction_action_to_string (c->action));
  add_string_or_null (builder, "kind", nd_entity_kind_to_string (c->kind));
  add_string_or_null (builder, "name", c->name);

  if (c->action == ND_CORRECTION_SET_KIND)
    add_string_or_null (builder, "new_kind", nd_entity_kind_to_string (c->new_kind));

  if (c->action == ND_CORRECTION_SET_PLACE)
    {
      add_string_or_null (builder, "place", c->new_name);
      add_string_or_null (builder, "country", c->country);
      json_builder_set_member_name (builder, "lat");
      json_builder_add_double_value (builder, c->lat);
      json_builder_set_member_name (builder, "lon");
      json_builder_add_double_value (builder, c->lon);
    }

  json_builder_end_object (builder);
}

static G_GNUC_UNUSED void
add_stop (JsonBuilder  *builder,
          const NdStop *stop)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "order");
  json_builder_add_int_value (builder, stop->order);
  add_string_or_null (builder, "place", stop->place);
  add_string_or_null (builder, "country", stop->country);
  json_builder_set_member_name (builder, "lat");
  if (stop->has_coordinates)
    json_builder_add_double_value (builder, stop->lat);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "lon");
  if (stop->has_coordinates)
    json_builder_add_double_value (builder, stop->lon);
  else
    json_builder_add_null_value (builder);
  add_string_or_null (builder, "when", stop->when);
  if (stop->when_date != NULL)
    add_string_or_null (builder, "when_date", stop->when_date);
  add_string_or_null (builder, "purpose", stop->purpose);
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, stop->evidence_start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, stop->evidence_end);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static G_GNUC_UNUSED void
add_itinerary (JsonBuilder *builder,
               NdItinerary *itinerary)
{
  GPtrArray *stops = nd_itinerary_get_stops (itinerary);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "traveller", nd_itinerary_get_traveller (itinerary));
  json_builder_set_member_name (builder, "ordered");
  json_builder_add_boolean_value (builder, nd_itinerary_get_ordered (itinerary));
  json_builder_set_member_name (builder, "stops");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stops->len; i++)
    add_stop (builder, g_ptr_array_index (stops, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static G_GNUC_UNUSED void
add_article (JsonBuilder   *builder,
             NdArticle     *article,
             NdExportFlags  flags)
{
  gboolean no_db = (flags & ND_EXPORT_NO_DB) != 0;
  const char * const *tags = nd_article_get_tags (article);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  if (no_db || nd_article_get_id (article) <= 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, nd_article_get_id (article));

  add_string_or_null (builder, "source", nd_article_get_source (article));
  add_string_or_null (builder, "title", nd_article_get_title (article));
  add_string_or_null (builder, "published", nd_article_get_published (article));
  add_string_or_null (builder, "imported", no_db ? NULL : nd_article_get_imported (article));

  json_builder_set_member_name (builder, "read");
  json_builder_add_boolean_value (builder, nd_article_get_read (article));
  json_builder_set_member_name (builder, "starred");
  json_builder_add_boolean_value (builder, nd_article_get_starred (article));

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; !no_db && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  if ((flags & ND_EXPORT_SUMMARY) == 0)
    {
      GPtrArray *entities = nd_article_get_entities (article);

      add_string_or_null (builder, "body", nd_article_get_body (article) ? nd_article_get_body (article) : "");

      json_builder_set_member_name (builder, "entities");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entities->len; i++)
        add_entity (builder, g_ptr_array_index (entities, i));
      json_builder_end_array (builder);

      if (nd_article_get_corrections (article)->len > 0)
        {
          GPtrArray *corrections = nd_article_get_corrections (article);

          json_builder_set_member_name (builder, "corrections");
          json_builder_begin_array (builder);
          for (guint i = 0; i < corrections->len; i++)
            add_correction (builder, g_ptr_array_index (corrections, i));
          json_builder_end_array (builder);
        }

      json_builder_set_member_name (builder, "itineraries");
      json_builder_begin_array (builder);
      for (guint i = 0; i < nd_article_get_itineraries (article)->len; i++)
        add_itinerary (builder, g_ptr_array_index (nd_article_get_itineraries (article), i));
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
}

static G_GNUC_UNUSED JsonNode *
tree_article_to_json (NdArticle     *article,
                             NdExportFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (ND_IS_ARTICLE (article), NULL);

  add_article (builder, article, flags);
  return json_builder_get_root (builder);
}

static G_GNUC_UNUSED JsonNode *
tree_build (GPtrArray     *articles,
                   NdExportFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  g_return_val_if_fail (articles != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "newsdesk");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TREE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "NewsDesk " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "exported");
  json_builder_add_string_value (builder, exported);

  json_builder_set_member_name (builder, "articles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < articles->len; i++)
    add_article (builder, g_ptr_array_index (articles, i), flags);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static G_GNUC_UNUSED void
add_position (JsonBuilder  *builder,
              const NdStop *stop)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, stop->lon);
  json_builder_add_double_value (builder, stop->lat);
  json_builder_end_array (builder);
}

static G_GNUC_UNUSED JsonNode *
tree_build_geojson (GPtrArray *articles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (articles != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);

  for (guint i = 0; i < articles->len; i++)
    {
      NdArticle *article = g_ptr_array_index (articles, i);
      GPtrArray *itineraries = nd_article_get_itineraries (article);

      for (guint j = 0; j < itineraries->len; j++)
        {
          NdItinerary *itinerary = g_ptr_array_index (itineraries, j);
          GPtrArray *stops = nd_itinerary_get_stops (itinerary);
          guint n_located = 0;

          for (guint k = 0; k < stops->len; k++)
            {
              NdStop *stop = g_ptr_array_index (stops, k);

              /* a Point needs a position */
              if (!stop->has_coordinates)
                continue;
              n_located++;

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "type");
              json_builder_add_string_value (builder, "Feature");
              json_builder_set_member_name (builder, "geometry");
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "type");
              json_builder_add_string_value (builder, "Point");
              json_builder_set_member_name (builder, "coordinates");
              add_position (builder, stop);
              json_builder_end_object (builder);

              json_builder_set_member_name (builder, "properties");
              json_builder_begin_object (builder);
              add_string_or_null (builder, "traveller", nd_itinerary_get_traveller (itinerary));
              json_builder_set_member_name (builder, "order");
              json_builder_add_int_value (builder, stop->order);
              add_string_or_null (builder, "place", stop->place);
              add_string_or_null (builder, "when", stop->when);
              add_string_or_null (builder, "purpose", stop->purpose);
              json_builder_set_member_name (builder, "ordered");
              json_builder_add_boolean_value (builder, nd_itinerary_get_ordered (itinerary));
              json_builder_set_member_name (builder, "article_id");
              if (nd_article_get_id (article) > 0)
                json_builder_add_int_value (builder, nd_article_get_id (article));
              else
                json_builder_add_null_value (builder);
              add_string_or_null (builder, "article_title", nd_article_get_title (article));
              json_builder_end_object (builder);
              json_builder_end_object (builder);
            }

          if (!nd_itinerary_get_ordered (itinerary) || n_located < 2)
            continue;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "Feature");
          json_builder_set_member_name (builder, "geometry");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "LineString");
          json_builder_set_member_name (builder, "coordinates");
          json_builder_begin_array (builder);
          for (guint k = 0; k < stops->len; k++)
            {
              NdStop *stop = g_ptr_array_index (stops, k);

              if (stop->has_coordinates)
                add_position (builder, stop);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          json_builder_set_member_name (builder, "properties");
          json_builder_begin_object (builder);
          add_string_or_null (builder, "traveller", nd_itinerary_get_traveller (itinerary));
          json_builder_set_member_name (builder, "article_id");
          if (nd_article_get_id (article) > 0)
            json_builder_add_int_value (builder, nd_article_get_id (article));
          else
            json_builder_add_null_value (builder);
          add_string_or_null (builder, "article_title", nd_article_get_title (article));
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
