/* test-export-stream.c — the streaming export writes what the json-glib
 * tree (the way NewsDesk exported before) writes, for the sample desk and
 * for a desk of hostile text; batches, round trips, cancellation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "nd-json-writer.h"
#include "test-common.h"
#include "test-export-tree.h"

/* The text json-glib writes for a tree: what export wrote before */
static char *
tree_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The document with its "exported" time set to a fixed one: two exports
 * a second apart differ there only */
static char *
fixed_time (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"exported\" : \"[0-9T:Z-]+\"", 0, 0, NULL);

  return g_regex_replace_literal (regex, text, -1, 0, "\"exported\" : \"TIME\"", 0, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The two texts are the same document: the same tree when parsed, and
 * the same bytes but for the escape of U+001F, which json-glib 1.6 writes
 * raw (not valid JSON) and the streaming writer as \u001f */
static void
assert_same_document (const char *old_text,
                      const char *new_text)
{
  g_autofree char *old_fixed = fixed_time (old_text);
  g_autofree char *new_fixed = fixed_time (new_text);
  g_autoptr(GString) new_raw = g_string_new (new_fixed);
  g_autoptr(JsonNode) old_root = parse (old_fixed);
  g_autoptr(JsonNode) new_root = parse (new_fixed);

  g_assert_true (json_node_equal (old_root, new_root));

  g_string_replace (new_raw, "\\u001f", "\x1f", 0);
  if (strcmp (new_raw->str, old_fixed) != 0)
    {
      gsize at = 0;

      while (new_raw->str[at] == old_fixed[at])
        at++;
      g_test_message ("first difference at byte %" G_GSIZE_FORMAT ": new \"%.60s\", old \"%.60s\"",
                      at, new_raw->str + (at > 20 ? at - 20 : 0), old_fixed + (at > 20 ? at - 20 : 0));
    }
  g_assert_cmpuint (new_raw->len, ==, strlen (old_fixed));
  g_assert_true (strcmp (new_raw->str, old_fixed) == 0);
}

/* Every article of the desk, newest first, as the export selects them */
static GArray *
all_ids (NdDatabase *database)
{
  NdQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  GArray *ids = nd_database_query_ids (database, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* The articles loaded one by one, as export loaded them before */
static GPtrArray *
load_one_by_one (NdDatabase *database,
                 GArray     *ids)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      NdArticle *article = nd_database_load_article (database, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (articles, article);
    }
  return articles;
}

static char *
export_to_text (NdDatabase *database,
                GArray     *ids,
                const char *dir,
                gboolean    geojson)
{
  g_autofree char *path = g_build_filename (dir, geojson ? "out.geojson" : "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = geojson
    ? nd_exporter_export_ids_geojson (database, ids, file, NULL, &error)
    : nd_exporter_export_ids (database, ids, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return nd_test_read_file (path);
}

/* The GeoJSON export (written from the desk's rows, a batch at a time)
 * is, byte for byte, what nd_exporter_write_geojson() writes for the
 * same articles loaded one by one as NdArticle */
static void
assert_geojson_as_articles (NdDatabase *database,
                            GArray     *ids,
                            const char *dir)
{
  g_autoptr(GPtrArray) articles = load_one_by_one (database, ids);
  g_autofree char *path = g_build_filename (dir, "articles.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = export_to_text (database, ids, dir, TRUE);

  g_assert_true (nd_exporter_write_geojson (articles, file, NULL, &error));
  g_assert_no_error (error);
  expected = nd_test_read_file (path);
  g_assert_cmpuint (strlen (text), ==, strlen (expected));
  g_assert_cmpstr (text, ==, expected);
}

/* The desk exported both ways, and every other document */
static void
check_desk (NdDatabase *database,
            const char *dir)
{
  g_autoptr(GArray) ids = all_ids (database);
  g_autoptr(GPtrArray) articles = load_one_by_one (database, ids);
  g_autoptr(JsonNode) tree = tree_build (articles, ND_EXPORT_FULL);
  g_autoptr(JsonNode) geo_tree = tree_build_geojson (articles);
  g_autofree char *old_text = tree_text (tree);
  g_autofree char *old_geo = tree_text (geo_tree);
  g_autofree char *new_text = export_to_text (database, ids, dir, FALSE);
  g_autofree char *new_geo = export_to_text (database, ids, dir, TRUE);

  g_assert_cmpuint (ids->len, >, 0);
  assert_same_document (old_text, new_text);
  assert_same_document (old_geo, new_geo);

  /* from articles in memory: the file, the string (show --json, extract
   * --json, the CLI's list) */
  {
    g_autofree char *path = g_build_filename (dir, "articles.json", NULL);
    g_autofree char *geo_path = g_build_filename (dir, "articles.geojson", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) geo_file = g_file_new_for_path (geo_path);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    g_autofree char *geo_text = NULL;

    g_assert_true (nd_exporter_write_file (articles, file, NULL, &error));
    g_assert_no_error (error);
    text = nd_test_read_file (path);
    assert_same_document (old_text, text);

    g_assert_true (nd_exporter_write_geojson (articles, geo_file, NULL, &error));
    g_assert_no_error (error);
    geo_text = nd_test_read_file (geo_path);
    assert_same_document (old_geo, geo_text);
    /* the export's rows give, byte for byte, what the NdArticles give */
    g_assert_cmpstr (new_geo, ==, geo_text);
  }

  for (guint f = 0; f < 3; f++)
    {
      NdExportFlags flags = (NdExportFlags[]) { ND_EXPORT_FULL, ND_EXPORT_SUMMARY, ND_EXPORT_NO_DB }[f];
      g_autoptr(JsonNode) flag_tree = tree_build (articles, flags);
      g_autofree char *expected = tree_text (flag_tree);
      g_autofree char *text = nd_exporter_to_string (articles, flags);

      assert_same_document (expected, text);
    }
}

static void
test_sample_desk (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *devset = g_build_filename (g_getenv ("ND_FIXTURES_DIR"), "devset", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NdDatabase) database = nd_database_open (path, NULL);
  g_autoptr(GError) error = NULL;
  GDir *listing = g_dir_open (devset, 0, NULL);
  const char *name;

  /* the samples and the extraction test's articles (not its gold file) */
  g_ptr_array_add (paths, g_strdup (g_getenv ("ND_SAMPLES_DIR")));
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (devset, name, NULL));
  g_dir_close (listing);
  g_ptr_array_add (paths, NULL);

  g_assert_true (nd_importer_import_paths (database, (const char * const *) paths->pdata, NULL, NULL, NULL));
  g_assert_cmpuint (nd_database_count_articles (database), >=, 30);
  g_assert_true (nd_database_add_tag (database, 1, "ceasefire", &error));
  g_assert_true (nd_database_add_tag (database, 1, "envoys", &error));
  g_assert_true (nd_database_set_starred (database, 2, TRUE, &error));
  g_assert_no_error (error);

  check_desk (database, dir);

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* Text that needs escaping, everywhere text goes */
static const char * const hostile[] = {
  "quotes \"inside\" and a \\ backslash \\\" both",
  "control \x01\x02\x07\b\t\n\x0b\f\r\x0e\x1b\x1e\x1f\x7f characters",
  "line\xe2\x80\xa8separator and paragraph\xe2\x80\xa9separator",
  "emoji \xf0\x9f\x98\x80 and \xf0\x9f\x87\xba\xf0\x9f\x87\xa6 flags",
  "Nguy\xe1\xbb\x85n Ph\xc3\xba Tr\xe1\xbb\x8dng in Z\xc3\xbcrich, \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0, \xe5\x8c\x97\xe4\xba\xac",
  "a / slash, </script> and \\u0041 as text",
  "",
};

static NdEntity *
hostile_entity (NdEntityKind  kind,
                const char   *name,
                guint         i)
{
  NdEntity *entity = nd_entity_new (kind, name);

  /* mentions written out of order in some articles: the exact load */
  if (i % 5 == 4)
    {
      nd_entity_add_mention (entity, 40, 45, hostile[i % G_N_ELEMENTS (hostile)]);
      nd_entity_add_mention (entity, 3, 8, name);
    }
  else
    {
      nd_entity_add_mention (entity, 3, 8, name);
      nd_entity_add_mention (entity, 40, 45, hostile[i % G_N_ELEMENTS (hostile)]);
    }
  return entity;
}

static NdStop *
hostile_stop (const char *place,
              gboolean    located,
              double      lat,
              double      lon,
              guint       order)
{
  NdStop *stop = nd_stop_new (place);

  stop->order = order;
  stop->has_coordinates = located;
  stop->lat = lat;
  stop->lon = lon;
  return stop;
}

static void
add_second_traveller (NdArticle *article,
                      GPtrArray *entities,
                      GPtrArray *itineraries,
                      guint      i)
{
  const char *text = hostile[(i + 2) % G_N_ELEMENTS (hostile)];
  NdEntity *person = hostile_entity (ND_ENTITY_PERSON, "Se\xc3\xa1n \"SJ\" O'Brien \\ Jr.", i);
  g_autoptr(NdItinerary) trip = nd_itinerary_new (NULL);
  g_autoptr(NdItinerary) visits = nd_itinerary_new (NULL);
  NdStop *stops[] = {
    hostile_stop ("Ber\"lin\"", TRUE, 52.52 + i * 1e-6, 13.405, 0),
    hostile_stop ("No \\ where", FALSE, 0, 0, 0),
    hostile_stop ("Dakar \xf0\x9f\x98\x80", TRUE, 14.7167, -17.4677 - i * 1e-6, 0),
    /* past visits, written in an order that is not theirs */
    hostile_stop ("Lima", TRUE, -12.0464, -77.0428, 3),
    hostile_stop ("Quito \"old town\"", FALSE, 0, 0, 1),
    hostile_stop ("Hobart", TRUE, -42.8821, 147.3272, 2),
  };

  g_ptr_array_add (entities, person);
  nd_article_set_entities (article, entities);
  nd_itinerary_set_traveller_entity (trip, person);
  nd_itinerary_set_traveller_entity (visits, person);
  nd_itinerary_set_ordered (visits, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (stops); k++)
    {
      stops[k]->when = k % 2 ? NULL : g_strdup_printf ("day \"%u\"", k);
      stops[k]->purpose = k == 2 ? NULL : g_strdup (text);
      stops[k]->country = k == 1 ? NULL : g_strdup ("ZZ");
      nd_itinerary_add_stop (k < 3 ? trip : visits, stops[k]);
      nd_stop_unref (stops[k]);
    }
  g_ptr_array_add (itineraries, g_object_ref (trip));
  g_ptr_array_add (itineraries, g_object_ref (visits));
}

static NdArticle *
hostile_article (guint i)
{
  const char *text = hostile[i % G_N_ELEMENTS (hostile)];
  g_autofree char *title = g_strdup_printf ("%u: %s", i, text);
  g_autofree char *body = g_strdup_printf ("Article %u.\n\n%s\n\n%s %s", i, text, hostile[(i + 1) % G_N_ELEMENTS (hostile)],
                                           hostile[(i + 3) % G_N_ELEMENTS (hostile)]);
  g_autofree char *tag = g_strdup_printf ("tag \"%u\" \\ \xe2\x80\xa8", i % 4);
  NdArticle *article = nd_test_article (title, body, i % 3 == 0 ? NULL : tag);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) itineraries = g_ptr_array_new_with_free_func (g_object_unref);

  nd_article_set_source (article, i % 2 ? "hostile \"source\".txt" : "https://example.org/a?b=\\c");
  if (i % 4 == 1)
    nd_article_set_published (article, "2024-02-29");
  nd_article_set_read (article, i % 2 == 0);
  nd_article_set_starred (article, i % 3 == 1);

  /* every seventh article has no entities and no trips */
  if (i % 7 != 6)
    {
      NdEntity *person = hostile_entity (ND_ENTITY_PERSON, "Nguy\xe1\xbb\x85n Ph\xc3\xba Tr\xe1\xbb\x8dng", i);
      NdEntity *place = hostile_entity (ND_ENTITY_PLACE, "Z\xc3\xbcrich", i);
      NdEntity *date = hostile_entity (ND_ENTITY_DATE, "Day \"1\"", i);
      NdEntity *org = hostile_entity (ND_ENTITY_ORGANIZATION, i % 2 ? "\xe2\x80\xa8Org\\" : "\xf0\x9f\x98\x80 Org", i);
      g_autoptr(NdItinerary) trip = nd_itinerary_new (NULL);
      g_autoptr(NdItinerary) visits = nd_itinerary_new (NULL);
      g_autoptr(NdStop) first = nd_stop_new (NULL);
      g_autoptr(NdStop) nowhere = nd_stop_new ("Atlantis \"lost\"");
      g_autoptr(NdStop) past = nd_stop_new ("Kyiv");

      if (i % 2)
        nd_entity_set_role (person, "Minister \"of\" \\ Affairs");
      nd_entity_set_country (place, "CH");
      nd_entity_set_coordinates (place, 47.376888 + i * 1e-7, 8.541694 - i * 1e-9);
      if (i % 3 == 0)
        nd_entity_set_value (date, "2024-01-01");
      g_ptr_array_add (entities, person);
      g_ptr_array_add (entities, place);
      g_ptr_array_add (entities, date);
      g_ptr_array_add (entities, org);
      nd_article_set_entities (article, entities);

      nd_itinerary_set_traveller_entity (trip, person);
      nd_stop_set_place_entity (first, place);
      first->when = g_strdup ("Day \"1\"");
      first->purpose = g_strdup (text);
      first->evidence_start = 0;
      first->evidence_end = 60;
      nd_itinerary_add_stop (trip, first);
      /* a stop without coordinates */
      nowhere->when = g_strdup ("later\ttoday");
      nowhere->when_date = g_strdup ("2024-03-01");
      nd_itinerary_add_stop (trip, nowhere);
      g_ptr_array_add (itineraries, g_object_ref (trip));

      if (i % 2 == 0)
        {
          nd_itinerary_set_traveller_entity (visits, person);
          nd_itinerary_set_ordered (visits, FALSE);
          past->country = g_strdup ("UA");
          past->has_coordinates = TRUE;
          past->lat = 50.4501;
          past->lon = 30.5234;
          nd_itinerary_add_stop (visits, past);
          g_ptr_array_add (itineraries, g_object_ref (visits));
        }

      /* a second traveller in most: a trip with a line (two stops with a
       * position around one without), and past visits out of order */
      if (i % 3 != 2)
        add_second_traveller (article, entities, itineraries, i);
      nd_article_set_itineraries (article, itineraries);
    }

  return article;
}

/* More articles than a batch (500), so batches and their ends count */
#define N_HOSTILE 510

/* Built once (inserting is the slow part, under valgrind above all),
 * copied for each test */
static char *hostile_template = NULL;

static NdDatabase *build_hostile_desk (const char *path);

/* renumber_mentions (data, body, residue, add): an article's packed
 * mentions (schema 10) with `add` added to the entity ids that are
 * `residue` modulo 3, as "UPDATE … SET entity_id = entity_id + add
 * WHERE entity_id % 3 = residue" renumbers a column */
static void
renumber_mentions (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  g_autoptr(GArray) mentions = nd_test_unpack_mentions (sqlite3_value_blob (argv[0]), sqlite3_value_bytes (argv[0]),
                                                        (const char *) sqlite3_value_text (argv[1]));
  g_autoptr(GByteArray) data = NULL;

  for (guint i = 0; i < mentions->len; i++)
    {
      NdTestMention *m = &g_array_index (mentions, NdTestMention, i);

      if (m->entity_id % 3 == sqlite3_value_int64 (argv[2]))
        m->entity_id += sqlite3_value_int64 (argv[3]);
    }
  data = nd_test_pack_mentions (mentions);
  sqlite3_result_blob (context, data->data, data->len, SQLITE_TRANSIENT);
}

static NdDatabase *
hostile_desk (const char *path)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NdDatabase *database;

  if (hostile_template == NULL)
    {
      g_autofree char *dir = nd_test_make_dir ();

      hostile_template = g_build_filename (dir, "template.db", NULL);
      database = build_hostile_desk (hostile_template);
      /* everything in the main file, nothing left in the WAL */
      g_object_unref (database);
    }

  source = g_file_new_for_path (hostile_template);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  database = nd_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

static NdDatabase *
build_hostile_desk (const char *path)
{
  g_autoptr(NdDatabase) database = nd_database_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (database);
  g_assert_true (nd_database_begin (database, &error));
  for (guint i = 0; i < N_HOSTILE; i++)
    {
      g_autoptr(NdArticle) article = hostile_article (i);

      g_assert_true (nd_database_insert_article (database, article, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (nd_database_commit (database, &error));
  g_assert_no_error (error);

  {
    g_autoptr(NdCorrection) correction = nd_correction_new (ND_CORRECTION_SET_KIND, ND_ENTITY_PERSON,
                                                            "Nguy\xe1\xbb\x85n Ph\xc3\xba Tr\xe1\xbb\x8dng");

    correction->new_kind = ND_ENTITY_ORGANIZATION;
    g_assert_true (nd_database_add_correction (database, 2, correction, &error));
    g_assert_no_error (error);
  }

  /* entities of large ids (an export keeps the small ones in an array,
   * the others in a table), above 2^32 too */
  {
    sqlite3 *raw = NULL;
    const char *sql =
      "UPDATE entities SET id = id + 5000000 WHERE id % 3 = 1;"
      "UPDATE article_entities SET entity_id = entity_id + 5000000 WHERE entity_id % 3 = 1;"
      "UPDATE article_mentions SET data = renumber_mentions (data, (SELECT body FROM articles WHERE id = article_id), 1, 5000000);"
      "UPDATE stops SET traveller_id = traveller_id + 5000000 WHERE traveller_id % 3 = 1;"
      "UPDATE stops SET place_id = place_id + 5000000 WHERE place_id % 3 = 1;"
      "UPDATE entities SET id = id + 9000000000 WHERE id % 3 = 2;"
      "UPDATE article_entities SET entity_id = entity_id + 9000000000 WHERE entity_id % 3 = 2;"
      "UPDATE article_mentions SET data = renumber_mentions (data, (SELECT body FROM articles WHERE id = article_id), 2, 9000000000);"
      "UPDATE stops SET traveller_id = traveller_id + 9000000000 WHERE traveller_id % 3 = 2;"
      "UPDATE stops SET place_id = place_id + 9000000000 WHERE place_id % 3 = 2;";

    g_clear_object (&database);
    g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_create_function (raw, "renumber_mentions", 4, SQLITE_UTF8, NULL,
                                              renumber_mentions, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
    g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM entities WHERE id > 9000000000"), >=, 5);
    g_assert_cmpint (nd_test_query_int (path, "SELECT count(*) FROM entities WHERE id BETWEEN 5000000 AND 6000000"), >=, 5);
    database = nd_database_open (path, &error);
    g_assert_no_error (error);
  }

  return g_steal_pointer (&database);
}

static void
test_hostile_desk (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "hostile.db", NULL);
  g_autoptr(NdDatabase) database = hostile_desk (path);
  g_autoptr(GArray) ids = all_ids (database);
  g_autofree char *text = NULL;

  g_assert_cmpuint (ids->len, ==, N_HOSTILE);
  check_desk (database, dir);

  /* what the hostile text looks like in the file */
  text = export_to_text (database, ids, dir, FALSE);
  g_assert_nonnull (strstr (text, "quotes \\\"inside\\\" and a \\\\ backslash \\\\\\\" both"));
  g_assert_nonnull (strstr (text, "control \\u0001\\u0002\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u001b\\u001e\\u001f\\u007f characters"));
  g_assert_nonnull (strstr (text, "line\xe2\x80\xa8separator"));
  g_assert_nonnull (strstr (text, "emoji \xf0\x9f\x98\x80"));
  g_assert_nonnull (strstr (text, "\"lat\" : null"));
  g_assert_nonnull (strstr (text, "\"tags\" : []"));
  g_assert_nonnull (strstr (text, "\"entities\" : []"));
  g_assert_nonnull (strstr (text, "\"corrections\" : ["));
  /* a double reads back as the same double */
  g_assert_nonnull (strstr (text, "\"lat\" : 50.450099999999999"));

  /* the GeoJSON of the same: two travellers, lines, past visits */
  g_clear_pointer (&text, g_free);
  text = export_to_text (database, ids, dir, TRUE);
  g_assert_nonnull (strstr (text, "\"traveller\" : \"Se\xc3\xa1n \\\"SJ\\\" O'Brien \\\\ Jr.\""));
  g_assert_nonnull (strstr (text, "\"traveller\" : \"Nguy\xe1\xbb\x85n Ph\xc3\xba Tr\xe1\xbb\x8dng\""));
  g_assert_nonnull (strstr (text, "\"place\" : \"Ber\\\"lin\\\"\""));
  g_assert_nonnull (strstr (text, "\"type\" : \"LineString\""));
  g_assert_nonnull (strstr (text, "\"ordered\" : false"));
  g_assert_nonnull (strstr (text, "\"purpose\" : null"));
  /* the stops without a position are not features */
  g_assert_null (strstr (text, "No \\\\ where"));
  g_assert_null (strstr (text, "Atlantis"));

  /* a selection in another order, an id twice, the corrected article (2),
   * across a batch's end */
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < ids->len; i += 2)
      g_array_prepend_val (some, g_array_index (ids, gint64, i));
    for (guint i = 0; i < 3; i++)
      g_array_append_val (some, g_array_index (ids, gint64, 5));
    g_array_append_vals (some, (gint64[]) { 2, 1, 2 }, 3);
    g_assert_cmpuint (some->len, ==, N_HOSTILE / 2 + 6);
    assert_geojson_as_articles (database, some, dir);
  }

  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* The articles of a document, without what a new desk gives anew */
static JsonNode *
articles_of (const char *text)
{
  g_autoptr(JsonNode) root = parse (text);
  JsonArray *articles = json_object_get_array_member (json_node_get_object (root), "articles");

  for (guint i = 0; i < json_array_get_length (articles); i++)
    json_object_remove_member (json_array_get_object_element (articles, i), "id");
  return json_node_copy (json_object_get_member (json_node_get_object (root), "articles"));
}

/* Exported, imported into a new desk, exported again: the same articles */
static void
test_hostile_round_trip (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "hostile.db", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *json_path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(NdDatabase) database = hostile_desk (path);
  g_autoptr(NdDatabase) copy = nd_database_open (copy_path, NULL);
  g_autoptr(GArray) ids = all_ids (database);
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GArray) copy_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *text = export_to_text (database, ids, dir, FALSE);
  g_autofree char *copy_text = NULL;

  restored = nd_importer_parse_data (text, strlen (text), json_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (restored->len, ==, N_HOSTILE);
  /* oldest first, so that the copy sorts the same */
  g_assert_true (nd_database_begin (copy, &error));
  for (guint i = restored->len; i > 0; i--)
    {
      gboolean duplicate = TRUE;

      g_assert_true (nd_database_insert_article (copy, g_ptr_array_index (restored, i - 1), NULL, &duplicate, &error));
      g_assert_no_error (error);
      g_assert_false (duplicate);
    }
  g_assert_true (nd_database_commit (copy, &error));

  copy_ids = all_ids (copy);
  copy_text = export_to_text (copy, copy_ids, dir, FALSE);

  before = articles_of (text);
  after = articles_of (copy_text);
  g_assert_true (json_node_equal (before, after));

  g_clear_object (&database);
  g_clear_object (&copy);
  nd_test_remove_dir (dir);
}

static void
cancel_after_first_batch (guint    n_written,
                          guint    n_total,
                          gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpuint (n_written, <, n_total);
  g_cancellable_cancel (cancellable);
}

static guint
count_files (const char *dir)
{
  GDir *listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  g_dir_close (listing);
  return n;
}

/* Stopped after the first batch was written: the old file stays as it
 * was, a new one is not left behind, and no temporary file either */
static void
test_cancel (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *desk_dir = g_build_filename (dir, "desk", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (desk_dir, "hostile.db", NULL);
  g_autofree char *old_path = g_build_filename (out_dir, "old.json", NULL);
  g_autofree char *new_path = g_build_filename (out_dir, "new.json", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_mkdir (desk_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  database = hostile_desk (path);
  ids = all_ids (database);
  g_assert_true (g_file_set_contents (old_path, "the old export", -1, NULL));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      GFile *file = i == 0 ? old_file : new_file;

      g_assert_false (nd_exporter_export_ids_with_progress (database, ids, file, cancel_after_first_batch,
                                                            cancellable, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  contents = nd_test_read_file (old_path);
  g_assert_cmpstr (contents, ==, "the old export");
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  /* a desk that fails mid-way (an article deleted): the same */
  {
    gint64 missing = 999999;

    g_array_append_val (ids, missing);
    g_assert_false (nd_exporter_export_ids (database, ids, old_file, NULL, &error));
    g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (nd_exporter_export_ids (database, ids, new_file, NULL, &error));
    g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_clear_pointer (&contents, g_free);
  contents = nd_test_read_file (old_path);
  g_assert_cmpstr (contents, ==, "the old export");
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  g_clear_object (&database);
  nd_test_remove_dir (out_dir);
  nd_test_remove_dir (desk_dir);
  nd_test_remove_dir (dir);
}

/* The writer alone: numbers and nesting as JsonGenerator writes them */
static void
test_writer (void)
{
  const double doubles[] = { 0.0, -0.0, 1.0, -180.0, 0.1, 32.08, 1e-7, 5e-324, 1.7976931348623157e308, 123456.789 };
  g_autoptr(NdJsonWriter) writer = nd_json_writer_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  JsonArray *numbers;

  nd_json_writer_begin_object (writer);
  json_builder_begin_object (builder);
  nd_json_writer_member (writer, "numbers");
  json_builder_set_member_name (builder, "numbers");
  nd_json_writer_begin_array (writer);
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      /* twice: the second comes from the writer's table */
      for (guint k = 0; k < 2; k++)
        {
          nd_json_writer_double (writer, doubles[i]);
          json_builder_add_double_value (builder, doubles[i]);
        }
    }
  nd_json_writer_int (writer, G_MININT64);
  json_builder_add_int_value (builder, G_MININT64);
  nd_json_writer_int (writer, G_MAXINT64);
  json_builder_add_int_value (builder, G_MAXINT64);
  nd_json_writer_begin_array (writer);
  json_builder_begin_array (builder);
  nd_json_writer_begin_object (writer);
  json_builder_begin_object (builder);
  nd_json_writer_end_object (writer);
  json_builder_end_object (builder);
  nd_json_writer_end_array (writer);
  json_builder_end_array (builder);
  nd_json_writer_end_array (writer);
  json_builder_end_array (builder);
  ND_JSON_WRITER_MEMBER (writer, "empty");
  json_builder_set_member_name (builder, "empty");
  nd_json_writer_begin_array (writer);
  json_builder_begin_array (builder);
  nd_json_writer_end_array (writer);
  json_builder_end_array (builder);
  nd_json_writer_member_string (writer, "a \"name\"", NULL);
  json_builder_set_member_name (builder, "a \"name\"");
  json_builder_add_null_value (builder);
  nd_json_writer_end_object (writer);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  expected = tree_text (root);
  text = nd_json_writer_steal_text (writer);
  g_assert_cmpstr (text, ==, expected);

  /* each number reads back as the same double */
  parsed = parse (text);
  numbers = json_object_get_array_member (json_node_get_object (parsed), "numbers");
  for (guint i = 0; i < G_N_ELEMENTS (doubles); i++)
    g_assert_true (json_array_get_double_element (numbers, 2 * i) == doubles[i]);
}

/* The writer's escapes, 8 bytes at a time and byte by byte: every ASCII
 * character and a few multi-byte ones at each place of strings of 0 to 24
 * bytes, as values and as member names, written as JsonGenerator writes
 * them (but for U+001F, see assert_same_document()) */
static void
test_writer_escapes (void)
{
  static const char * const wide[] = { "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80" };
  g_autoptr(NdJsonWriter) writer = nd_json_writer_new (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) raw = NULL;
  guint n_strings = 0;

  nd_json_writer_begin_object (writer);
  json_builder_begin_object (builder);
  nd_json_writer_member (writer, "strings");
  json_builder_set_member_name (builder, "strings");
  nd_json_writer_begin_array (writer);
  json_builder_begin_array (builder);
  for (guint length = 0; length <= 24; length++)
    for (guint at = 0; at < MAX (length, 1); at++)
      for (guint c = 1; c < 128 + G_N_ELEMENTS (wide); c++)
        {
          g_autoptr(GString) value = g_string_new (NULL);

          for (guint i = 0; i < length; i++)
            {
              if (i != at)
                g_string_append_c (value, 'a' + i % 26);
              else if (c < 128)
                g_string_append_c (value, (char) c);
              else
                g_string_append (value, wide[c - 128]);
            }
          nd_json_writer_string (writer, value->str);
          json_builder_add_string_value (builder, value->str);
          n_strings++;
        }
  nd_json_writer_end_array (writer);
  json_builder_end_array (builder);
  for (guint c = 1; c < 128; c++)
    {
      char name[] = { 'n', 'a', 'm', 'e', ' ', 'w', 'i', 't', 'h', ' ', (char) c, '.', 0 };

      nd_json_writer_member_int (writer, name, c);
      json_builder_set_member_name (builder, name);
      json_builder_add_int_value (builder, c);
    }
  nd_json_writer_end_object (writer);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  expected = tree_text (root);
  text = nd_json_writer_steal_text (writer);
  raw = g_string_new (text);
  g_string_replace (raw, "\\u001f", "\x1f", 0);
  g_assert_cmpuint (n_strings, >, 30000);
  g_assert_cmpstr (raw->str, ==, expected);
  /* and the writer's text is valid JSON */
  g_clear_pointer (&root, json_node_unref);
  root = parse (text);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "strings")),
                    ==, n_strings);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-stream/writer", test_writer);
  g_test_add_func ("/export-stream/writer-escapes", test_writer_escapes);
  g_test_add_func ("/export-stream/sample-desk", test_sample_desk);
  g_test_add_func ("/export-stream/hostile-desk", test_hostile_desk);
  g_test_add_func ("/export-stream/hostile-round-trip", test_hostile_round_trip);
  g_test_add_func ("/export-stream/cancel", test_cancel);

  status = g_test_run ();

  if (hostile_template != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (hostile_template);

      nd_test_remove_dir (dir);
      g_clear_pointer (&hostile_template, g_free);
    }
  return status;
}
