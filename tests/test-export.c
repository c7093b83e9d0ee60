/* test-export.c — NewsDesk JSON: shape, atomic writes, round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "test-common.h"
#include "test-export-tree.h"

static JsonObject *
parse_document (const char *data,
                JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static NdArticle *
sample_article (void)
{
  NdArticle *article = nd_test_article ("Gespräche in Ankara — „Türkiye“ vermittelt",
                                        "Sergei Lavrov und Nguyễn Phú Trọng trafen sich in Ankara.\n\nZweiter Absatz.",
                                        "diplomatie");
  g_autoptr(NdEntity) place = nd_entity_new (ND_ENTITY_PLACE, "Ankara");
  g_autoptr(NdEntity) date = nd_entity_new (ND_ENTITY_DATE, "Day 1");
  g_autoptr(NdEntity) person = nd_entity_new (ND_ENTITY_PERSON, "Sergei Lavrov");
  g_autoptr(GPtrArray) entities = g_ptr_array_new ();

  nd_entity_set_country (place, "TR");
  nd_entity_set_coordinates (place, 39.92, 32.85);
  nd_entity_add_mention (place, 51, 57, "Ankara");
  nd_entity_add_mention (date, 0, 0, "Day 1");
  nd_entity_set_role (person, "Außenminister");
  nd_entity_add_mention (person, 0, 13, "Sergei Lavrov");
  g_ptr_array_add (entities, person);
  g_ptr_array_add (entities, place);
  g_ptr_array_add (entities, date);
  nd_article_set_entities (article, entities);
  {
    g_autoptr(NdItinerary) itinerary = nd_itinerary_new (NULL);
    g_autoptr(GPtrArray) itineraries = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(NdStop) stop = nd_stop_new (NULL);
    g_autoptr(NdStop) second = nd_stop_new ("Izmir");

    nd_itinerary_set_traveller_entity (itinerary, person);
    nd_stop_set_place_entity (stop, place);
    stop->when = g_strdup ("Day 1");
    stop->purpose = g_strdup ("Talks „über“ Grenzen");
    stop->evidence_start = 0;
    stop->evidence_end = 58;
    nd_itinerary_add_stop (itinerary, stop);
    second->country = g_strdup ("TR");
    second->has_coordinates = TRUE;
    second->lat = 38.42;
    second->lon = 27.14;
    second->when = g_strdup ("Day 2");
    nd_itinerary_add_stop (itinerary, second);
    g_ptr_array_add (itineraries, g_steal_pointer (&itinerary));
    nd_article_set_itineraries (article, itineraries);
  }
  nd_article_set_source (article, "ankara.txt");
  nd_article_set_published (article, "2024-05-02");
  nd_article_set_imported (article, "2024-05-03T10:00:00Z");
  nd_article_set_id (article, 12);
  nd_article_set_read (article, TRUE);

  return article;
}

static void
test_document_shape (void)
{
  g_autoptr(NdArticle) article = sample_article ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  JsonObject *doc, *a, *e;
  JsonArray *entities;

  g_ptr_array_add (articles, article);
  data = nd_exporter_to_string (articles, ND_EXPORT_FULL);
  doc = parse_document (data, parser);

  g_assert_cmpstr (json_object_get_string_member (doc, "format"), ==, "newsdesk");
  g_assert_cmpint (json_object_get_int_member (doc, "version"), ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "generator"), "NewsDesk "));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (doc, "exported"), "Z"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (doc, "articles")), ==, 1);

  a = json_array_get_object_element (json_object_get_array_member (doc, "articles"), 0);
  g_assert_cmpint (json_object_get_int_member (a, "id"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (a, "source"), ==, "ankara.txt");
  g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, "Gespräche in Ankara — „Türkiye“ vermittelt");
  g_assert_cmpstr (json_object_get_string_member (a, "published"), ==, "2024-05-02");
  g_assert_cmpstr (json_object_get_string_member (a, "imported"), ==, "2024-05-03T10:00:00Z");
  g_assert_true (json_object_get_boolean_member (a, "read"));
  g_assert_false (json_object_get_boolean_member (a, "starred"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (a, "tags"), 0), ==, "diplomatie");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (a, "body"), "Sergei Lavrov und Nguyễn Phú Trọng"));
  {
    JsonArray *itineraries = json_object_get_array_member (a, "itineraries");
    JsonObject *itinerary = json_array_get_object_element (itineraries, 0);
    JsonObject *stop = json_array_get_object_element (json_object_get_array_member (itinerary, "stops"), 0);
    JsonObject *evidence = json_object_get_object_member (stop, "evidence");

    g_assert_cmpuint (json_array_get_length (itineraries), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (itinerary, "traveller"), ==, "Sergei Lavrov");
    g_assert_true (json_object_get_boolean_member (itinerary, "ordered"));
    g_assert_cmpint (json_object_get_int_member (stop, "order"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (stop, "place"), ==, "Ankara");
    g_assert_cmpstr (json_object_get_string_member (stop, "country"), ==, "TR");
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stop, "lat"), 39.92, 1e-6);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stop, "lon"), 32.85, 1e-6);
    g_assert_cmpstr (json_object_get_string_member (stop, "when"), ==, "Day 1");
    g_assert_cmpstr (json_object_get_string_member (stop, "purpose"), ==, "Talks „über“ Grenzen");
    g_assert_cmpint (json_object_get_int_member (evidence, "start"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (evidence, "end"), ==, 58);
  }

  entities = json_object_get_array_member (a, "entities");
  g_assert_cmpuint (json_array_get_length (entities), ==, 3);
  e = json_array_get_object_element (entities, 0);
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "person");
  g_assert_cmpstr (json_object_get_string_member (e, "role"), ==, "Außenminister");
  e = json_array_get_object_element (entities, 1);
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "place");
  g_assert_cmpstr (json_object_get_string_member (e, "country"), ==, "TR");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (e, "lat"), 39.92, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (e, "lon"), 32.85, 1e-9);
  e = json_array_get_object_element (json_object_get_array_member (e, "mentions"), 0);
  g_assert_cmpint (json_object_get_int_member (e, "start"), ==, 51);
  g_assert_cmpint (json_object_get_int_member (e, "end"), ==, 57);
  g_assert_cmpstr (json_object_get_string_member (e, "text"), ==, "Ankara");
  e = json_array_get_object_element (entities, 2);
  g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, "date");
  g_assert_true (json_object_has_member (e, "value"));
  g_assert_true (json_object_get_null_member (e, "value"));
}

static void
test_flags (void)
{
  g_autoptr(NdArticle) article = sample_article ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autofree char *summary = NULL;
  g_autofree char *extract = NULL;
  JsonObject *a;

  g_ptr_array_add (articles, article);

  summary = nd_exporter_to_string (articles, ND_EXPORT_SUMMARY);
  a = json_array_get_object_element (json_object_get_array_member (parse_document (summary, parser), "articles"), 0);
  g_assert_false (json_object_has_member (a, "body"));
  g_assert_false (json_object_has_member (a, "entities"));
  g_assert_cmpstr (json_object_get_string_member (a, "title"), ==, nd_article_get_title (article));

  /* extract --json: what only a desk knows is null, tags empty */
  extract = nd_exporter_to_string (articles, ND_EXPORT_NO_DB);
  a = json_array_get_object_element (json_object_get_array_member (parse_document (extract, parser2), "articles"), 0);
  g_assert_true (json_object_get_null_member (a, "id"));
  g_assert_true (json_object_get_null_member (a, "imported"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "tags")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "entities")), ==, 3);
}

static void
test_atomic_write (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(NdArticle) article = sample_article ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GDir *listing;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (path, "old export", -1, NULL));
  g_ptr_array_add (articles, article);
  g_assert_true (nd_exporter_write_file (articles, file, NULL, &error));
  g_assert_no_error (error);
  contents = nd_test_read_file (path);
  parse_document (contents, parser);

  /* no temporary file is left beside it */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_dir_close (listing);
  g_assert_cmpuint (n_files, ==, 1);

  /* a failed write names the file and leaves nothing */
  g_assert_false (nd_exporter_write_file (articles, bad, NULL, &error));
  g_assert_error (error, ND_ERROR, ND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "export.json"));

  nd_test_remove_dir (dir);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(NdDatabase) a = nd_database_open (path_a, NULL);
  g_autoptr(NdDatabase) b = nd_database_open (path_b, NULL);
  g_autoptr(NdArticle) first = sample_article ();
  g_autoptr(NdArticle) second = nd_test_article ("Plain", "Plain ASCII body.\n\n| A | B |\n|---|---|\n| 1 | 2 |", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  nd_article_set_id (first, 0);
  nd_article_set_starred (second, TRUE);
  g_assert_true (nd_database_insert_article (a, first, NULL, NULL, &error));
  g_assert_true (nd_database_insert_article (a, second, NULL, NULL, &error));
  g_assert_true (nd_database_add_tag (a, nd_article_get_id (second), "zwei \"quoted\"", &error));
  g_assert_no_error (error);
  {
    /* the user corrected the extractor: the correction travels too */
    g_autoptr(NdCorrection) correction = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON, "Sergei Lavrov");

    correction->new_kind = ND_ENTITY_ORGANIZATION;
    g_assert_true (nd_database_add_correction (a, nd_article_get_id (first), correction, &error));
    g_assert_no_error (error);
  }
  {
    gint64 id = nd_article_get_id (first);
    g_array_append_val (ids, id);
  }
  {
    gint64 id = nd_article_get_id (second);
    g_array_append_val (ids, id);
  }

  g_assert_true (nd_exporter_export_ids (a, ids, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (out, &data, &length, NULL));
  restored = nd_importer_parse_data (data, length, "out.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->len, ==, 2);
  g_assert_nonnull (strstr (data, "\"corrections\""));
  g_assert_nonnull (strstr (data, "\"new_kind\" : \"organization\""));

  for (guint i = 0; i < restored->len; i++)
    {
      NdArticle *copy = g_ptr_array_index (restored, i);
      g_autoptr(NdArticle) original = nd_database_load_article (a, g_array_index (ids, gint64, i), NULL);
      g_autoptr(NdArticle) reloaded = NULL;
      gboolean duplicate = TRUE;

      g_assert_cmpint (nd_article_get_id (copy), ==, 0);  /* ids are new */
      g_assert_true (nd_database_insert_article (b, copy, NULL, &duplicate, &error));
      g_assert_no_error (error);
      g_assert_false (duplicate);
      reloaded = nd_database_load_article (b, nd_article_get_id (copy), &error);

      g_assert_cmpstr (nd_article_get_title (reloaded), ==, nd_article_get_title (original));
      g_assert_cmpstr (nd_article_get_body (reloaded), ==, nd_article_get_body (original));
      g_assert_cmpstr (nd_article_get_source (reloaded), ==, nd_article_get_source (original));
      g_assert_cmpstr (nd_article_get_published (reloaded), ==, nd_article_get_published (original));
      g_assert_cmpstr (nd_article_get_imported (reloaded), ==, nd_article_get_imported (original));
      g_assert_true (g_strv_equal (nd_article_get_tags (reloaded), nd_article_get_tags (original)));
      g_assert_cmpint (nd_article_get_read (reloaded), ==, nd_article_get_read (original));
      g_assert_cmpint (nd_article_get_starred (reloaded), ==, nd_article_get_starred (original));
      g_assert_cmpuint (nd_article_get_entities (reloaded)->len, ==, nd_article_get_entities (original)->len);
      g_assert_cmpuint (nd_article_get_corrections (reloaded)->len, ==, nd_article_get_corrections (original)->len);
      g_assert_cmpuint (nd_article_get_itineraries (reloaded)->len, ==, nd_article_get_itineraries (original)->len);
      for (guint t = 0; t < nd_article_get_itineraries (reloaded)->len; t++)
        {
          NdItinerary *x = g_ptr_array_index (nd_article_get_itineraries (reloaded), t);
          NdItinerary *y = g_ptr_array_index (nd_article_get_itineraries (original), t);
          GPtrArray *xs = nd_itinerary_get_stops (x);
          GPtrArray *ys = nd_itinerary_get_stops (y);

          g_assert_cmpstr (nd_itinerary_get_traveller (x), ==, nd_itinerary_get_traveller (y));
          g_assert_cmpint (nd_itinerary_get_ordered (x), ==, nd_itinerary_get_ordered (y));
          g_assert_cmpuint (xs->len, ==, ys->len);
          for (guint k = 0; k < xs->len; k++)
            {
              NdStop *p = g_ptr_array_index (xs, k);
              NdStop *q = g_ptr_array_index (ys, k);

              g_assert_cmpuint (p->order, ==, q->order);
              g_assert_cmpstr (p->place, ==, q->place);
              g_assert_cmpstr (p->country, ==, q->country);
              g_assert_cmpint (p->has_coordinates, ==, q->has_coordinates);
              g_assert_cmpfloat_with_epsilon (p->lat, q->lat, 1e-6);
              g_assert_cmpfloat_with_epsilon (p->lon, q->lon, 1e-6);
              g_assert_cmpstr (p->when, ==, q->when);
              g_assert_cmpstr (p->purpose, ==, q->purpose);
              g_assert_cmpuint (p->evidence_start, ==, q->evidence_start);
              g_assert_cmpuint (p->evidence_end, ==, q->evidence_end);
            }
        }
      for (guint e = 0; e < nd_article_get_entities (reloaded)->len; e++)
        {
          NdEntity *x = g_ptr_array_index (nd_article_get_entities (reloaded), e);
          NdEntity *y = g_ptr_array_index (nd_article_get_entities (original), e);

          g_assert_cmpstr (nd_entity_get_name (x), ==, nd_entity_get_name (y));
          g_assert_cmpint (nd_entity_get_kind (x), ==, nd_entity_get_kind (y));
        }
    }

  /* importing the export into the first desk again adds nothing */
  g_clear_pointer (&restored, g_ptr_array_unref);
  restored = nd_importer_parse_data (data, length, "out.json", &error);
  for (guint i = 0; i < restored->len; i++)
    {
      gboolean duplicate = FALSE;

      g_assert_true (nd_database_insert_article (a, g_ptr_array_index (restored, i), NULL, &duplicate, &error));
      g_assert_true (duplicate);
    }
  g_assert_cmpuint (nd_database_count_articles (a), ==, 2);

  g_clear_object (&a);
  g_clear_object (&b);
  nd_test_remove_dir (dir);
}

static void
test_geojson (void)
{
  g_autoptr(NdArticle) article = sample_article ();
  g_autoptr(NdArticle) plain = nd_test_article ("Plain", "No trip here.", NULL);
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *features;
  guint points = 0, lines = 0;

  g_ptr_array_add (articles, article);
  g_ptr_array_add (articles, plain);
  root = tree_build_geojson (articles);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (json_node_get_object (root), "features");

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonObject *props = json_object_get_object_member (feature, "properties");
      const char *type = json_object_get_string_member (geometry, "type");
      JsonArray *coords = json_object_get_array_member (geometry, "coordinates");

      g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
      g_assert_cmpstr (json_object_get_string_member (props, "traveller"), ==, "Sergei Lavrov");
      if (g_strcmp0 (type, "Point") == 0)
        {
          points++;
          /* [lon, lat] */
          if (json_object_get_int_member (props, "order") == 1)
            {
              g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coords, 0), 32.85, 1e-6);
              g_assert_cmpfloat_with_epsilon (json_array_get_double_element (coords, 1), 39.92, 1e-6);
              g_assert_cmpstr (json_object_get_string_member (props, "place"), ==, "Ankara");
              g_assert_cmpstr (json_object_get_string_member (props, "when"), ==, "Day 1");
              g_assert_cmpstr (json_object_get_string_member (props, "purpose"), ==, "Talks „über“ Grenzen");
            }
          g_assert_cmpint (json_object_get_int_member (props, "article_id"), ==, 12);
          g_assert_cmpstr (json_object_get_string_member (props, "article_title"), ==,
                           nd_article_get_title (article));
        }
      else
        {
          g_assert_cmpstr (type, ==, "LineString");
          g_assert_cmpuint (json_array_get_length (coords), ==, 2);
          lines++;
        }
    }
  g_assert_cmpuint (points, ==, 2);
  g_assert_cmpuint (lines, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/document-shape", test_document_shape);
  g_test_add_func ("/export/flags", test_flags);
  g_test_add_func ("/export/atomic-write", test_atomic_write);
  g_test_add_func ("/export/round-trip", test_round_trip);
  g_test_add_func ("/export/geojson", test_geojson);

  return g_test_run ();
}
