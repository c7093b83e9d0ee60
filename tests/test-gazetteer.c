/* test-gazetteer.c — lookup keys, the gazetteer, place disambiguation and
 * the lexicons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "test-common.h"

/* Helpers */

static char *
key (const char *text)
{
  char *k = nd_extract_key_dup (text, -1);

  g_assert_nonnull (k);
  return k;
}

static const NdPlace *
resolve (const char           *name,
         const NdPlaceContext *context)
{
  g_autofree char *k = key (name);

  return nd_gazetteer_resolve (nd_gazetteer_get_default (), k, context);
}

static void
assert_near (const NdPlace *place,
             double         lat,
             double         lon)
{
  NdPlace expected = { .lat = lat, .lon = lon };

  g_assert_nonnull (place);
  g_assert_cmpfloat (nd_place_distance_km (place, &expected), <, 50);
}

/* Keys */

static void
test_keys (void)
{
  const struct { const char *text; const char *key; } cases[] = {
    { "Tel Aviv", "tel aviv" },
    { "U.S.", "us" },
    { "Khān Yūnis", "khan yunis" },
    { "Türkiye", "turkiye" },
    { "Nguyễn Phú Trọng", "nguyen phu trong" },
    { "Witkoff’s", "witkoffs" },
    { "O'Brien", "obrien" },
    { "Guinea-Bissau", "guinea bissau" },
    { "Straße", "strasse" },
    { "Łódź", "lodz" },
    { "  New   York  ", "new york" },
    { "Washington, D.C.", "washington dc" },
    { "SÃO PAULO", "sao paulo" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *k = nd_extract_key_dup (cases[i].text, -1);

      g_assert_cmpstr (k, ==, cases[i].key);
    }

  g_assert_null (nd_extract_key_dup ("...", -1));
  g_assert_null (nd_extract_key_dup ("", -1));
}

static void
test_keys_small_buffer (void)
{
  char buf[4];

  /* a key that does not fit is no key, not a truncated one */
  g_assert_cmpuint (nd_extract_key ("Jerusalem", -1, buf, sizeof buf), ==, 0);
  g_assert_cmpstr (buf, ==, "");
  g_assert_cmpuint (nd_extract_key ("Rome", 3, buf, sizeof buf), ==, 3);
  g_assert_cmpstr (buf, ==, "rom");
}

/* Loading */

static void
test_load (void)
{
  NdGazetteer *gazetteer;
  gint64 start = g_get_monotonic_time ();

  gazetteer = nd_gazetteer_get_default ();
  g_assert_nonnull (gazetteer);
  g_assert_true (gazetteer == nd_gazetteer_get_default ());
  g_assert_nonnull (nd_lexicon_get_default ());

  /* countries, regions, cities and areas */
  g_assert_cmpuint (nd_gazetteer_get_n_places (gazetteer), >, 30000);

  /* how long it takes is measured by bench-extract, not asserted here */
  g_test_message ("gazetteer and lexicons loaded in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

static gpointer
load_in_thread (gpointer data)
{
  return nd_gazetteer_get_default ();
}

static void
test_load_threads (void)
{
  GThread *threads[4];
  gpointer results[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("gazetteer", load_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    results[i] = g_thread_join (threads[i]);

  /* one gazetteer, however many threads ask at once */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (results[i] == nd_gazetteer_get_default ());
}

/* Lookup */

static void
test_lookup_names (void)
{
  NdGazetteer *gazetteer = nd_gazetteer_get_default ();
  const NdPlace *places[64];
  const NdPlace *us;
  g_autofree char *k = NULL;
  guint n;

  /* alternate names: Türkiye is Turkey */
  k = key ("Türkiye");
  n = nd_gazetteer_lookup (gazetteer, k, places, G_N_ELEMENTS (places));
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (places[0]->name, ==, "Turkey");
  g_assert_cmpstr (places[0]->country, ==, "TR");
  g_assert_cmpint (places[0]->kind, ==, ND_PLACE_COUNTRY);

  /* "U.S.", "US", "United States" and "America": one country */
  us = nd_gazetteer_lookup_country (gazetteer, "US");
  g_assert_nonnull (us);
  g_assert_cmpstr (us->name, ==, "United States");
  g_assert_true (resolve ("U.S.", NULL) == us);
  g_assert_true (resolve ("United States", NULL) == us);
  g_assert_true (resolve ("America", NULL) == us);

  /* cities with coordinates, diacritics ignored */
  assert_near (resolve ("Tel Aviv", NULL), 32.08, 34.78);
  assert_near (resolve ("Khan Yunis", NULL), 31.34, 34.31);
  assert_near (resolve ("Zürich", NULL), 47.37, 8.54);
  assert_near (resolve ("Zurich", NULL), 47.37, 8.54);

  /* well-known areas */
  g_assert_cmpint (resolve ("West Bank", NULL)->kind, ==, ND_PLACE_AREA);
  g_assert_cmpstr (resolve ("Mideast", NULL)->name, ==, "Middle East");
  /* the islands of a country of several, named alone */
  g_assert_cmpstr (resolve ("Trinidad", NULL)->country, ==, "TT");
  g_assert_cmpstr (resolve ("Crete", NULL)->country, ==, "GR");

  /* names the gazetteer does not have */
  k = (g_free (k), key ("Atlantis Prime"));
  g_assert_cmpuint (nd_gazetteer_lookup (gazetteer, k, places, G_N_ELEMENTS (places)), ==, 0);
  g_assert_null (nd_gazetteer_resolve (gazetteer, k, NULL));

  /* alternate names that are common words name nothing: "Island" is
   * Iceland only in Icelandic, "Jewish" no oblast in English news */
  k = (g_free (k), key ("Island"));
  n = nd_gazetteer_lookup (gazetteer, k, places, G_N_ELEMENTS (places));
  for (guint i = 0; i < MIN (n, G_N_ELEMENTS (places)); i++)
    g_assert_cmpstr (places[i]->name, !=, "Iceland");
  k = (g_free (k), key ("Jewish"));
  n = nd_gazetteer_lookup (gazetteer, k, places, G_N_ELEMENTS (places));
  for (guint i = 0; i < MIN (n, G_N_ELEMENTS (places)); i++)
    g_assert_cmpstr (places[i]->name, !=, "Jewish Autonomous Oblast");
}

static void
test_lookup_keys (void)
{
  NdGazetteer *gazetteer = nd_gazetteer_get_default ();

  g_assert_true (nd_gazetteer_lookup_key (gazetteer, "israel", -1) & ND_GAZETTEER_PLACE);
  g_assert_true (nd_gazetteer_lookup_key (gazetteer, "israeli", -1) & ND_GAZETTEER_DEMONYM);
  g_assert_true (nd_gazetteer_lookup_key (gazetteer, "united arab", -1) & ND_GAZETTEER_PREFIX);
  g_assert_cmpuint (nd_gazetteer_lookup_key (gazetteer, "xqzw", -1), ==, 0);
}

static void
test_demonyms (void)
{
  NdGazetteer *gazetteer = nd_gazetteer_get_default ();

  g_assert_cmpstr (nd_gazetteer_lookup_demonym (gazetteer, "israeli"), ==, "IL");
  g_assert_cmpstr (nd_gazetteer_lookup_demonym (gazetteer, "israelis"), ==, "IL");
  g_assert_cmpstr (nd_gazetteer_lookup_demonym (gazetteer, "egyptian"), ==, "EG");
  g_assert_cmpstr (nd_gazetteer_lookup_demonym (gazetteer, "sri lankan"), ==, "LK");
  g_assert_null (nd_gazetteer_lookup_demonym (gazetteer, "officials"));

  g_assert_cmpstr (nd_gazetteer_lookup_country (gazetteer, "EG")->name, ==, "Egypt");
  g_assert_null (nd_gazetteer_lookup_country (gazetteer, "XX"));
}

static void
test_contains (void)
{
  const NdPlace *israel = resolve ("Israel", NULL);
  const NdPlace *tel_aviv = resolve ("Tel Aviv", NULL);
  const NdPlace *cairo = resolve ("Cairo", NULL);
  const NdPlace *west_bank = resolve ("West Bank", NULL);
  const NdPlace *ramallah = resolve ("Ramallah", NULL);

  g_assert_true (nd_place_contains (israel, tel_aviv));
  g_assert_false (nd_place_contains (israel, cairo));
  g_assert_false (nd_place_contains (tel_aviv, israel));
  g_assert_true (nd_place_contains (west_bank, ramallah));
}

/* Disambiguation */

static void
test_disambiguation_population (void)
{
  /* without context, the bigger place: Paris in France, not Texas */
  g_assert_cmpstr (resolve ("Paris", NULL)->country, ==, "FR");
  g_assert_cmpstr (resolve ("Tripoli", NULL)->country, ==, "LY");

  /* Washington the capital, not the state or a small town */
  assert_near (resolve ("Washington", NULL), 38.9, -77.04);
}

static void
test_disambiguation_context (void)
{
  g_autoptr(NdPlaceContext) lebanon = nd_place_context_new ();
  g_autoptr(NdPlaceContext) northwest = nd_place_context_new ();
  g_autofree char *seattle_key = key ("Seattle");
  const NdPlace *seattle;

  /* the article is about Lebanon: its Tripoli */
  nd_place_context_add_country (lebanon, "LB", 2.0);
  g_assert_cmpstr (resolve ("Tripoli", lebanon)->country, ==, "LB");

  /* next to Seattle, Washington is the state */
  seattle = nd_gazetteer_resolve (nd_gazetteer_get_default (), seattle_key, NULL);
  g_assert_nonnull (seattle);
  nd_place_context_add_country (northwest, "US", 2.0);
  nd_place_context_add_place (northwest, seattle);
  g_assert_cmpint (resolve ("Washington", northwest)->kind, ==, ND_PLACE_REGION);
  g_assert_cmpfloat (nd_place_context_get_distance (northwest, resolve ("Washington", northwest)), <, 300);
  g_assert_cmpfloat (nd_place_context_get_weight (northwest, "US"), ==, 2.0);
  g_assert_cmpfloat (nd_place_context_get_weight (northwest, "FR"), ==, 0.0);
}

static void
test_disambiguation_countries (void)
{
  g_autoptr(NdPlaceContext) us = nd_place_context_new ();

  /* a name that is a country's is the country */
  g_assert_cmpint (resolve ("Georgia", NULL)->kind, ==, ND_PLACE_COUNTRY);
  g_assert_cmpint (resolve ("Jordan", NULL)->kind, ==, ND_PLACE_COUNTRY);
  nd_place_context_add_country (us, "US", 1.0);
  g_assert_cmpint (resolve ("Georgia", us)->kind, ==, ND_PLACE_COUNTRY);
}

/* Lexicons */

static void
test_lexicon_words (void)
{
  NdLexicon *lexicon = nd_lexicon_get_default ();
  guint32 info;

  info = nd_lexicon_lookup_word (lexicon, "sergei");
  g_assert_true (info & ND_WORD_FIRST_NAME);

  info = nd_lexicon_lookup_word (lexicon, "the");
  g_assert_true (info & ND_WORD_COMMON);
  g_assert_cmpuint (ND_WORD_INFO_RANK (info), >, 0);
  g_assert_cmpuint (ND_WORD_INFO_RANK (info), <, 10);

  g_assert_true (nd_lexicon_lookup_word (lexicon, "ministry") & ND_WORD_ORG_SUFFIX);
  g_assert_true (nd_lexicon_lookup_word (lexicon, "president") & ND_WORD_TITLE);
  g_assert_true (nd_lexicon_lookup_word (lexicon, "pope") & ND_WORD_TITLE_ROYAL);
  g_assert_cmpuint (nd_lexicon_lookup_word (lexicon, "xqzw"), ==, 0);

  /* surnames that are also common words stay ("Bush", "Rice"); words of
   * non-name categories are none ("Christmas", "Islam", "Ramadan") */
  g_assert_true (nd_lexicon_lookup_word (lexicon, "bush") & ND_WORD_SURNAME);
  g_assert_true (nd_lexicon_lookup_word (lexicon, "rice") & ND_WORD_SURNAME);
  g_assert_false (nd_lexicon_lookup_word (lexicon, "christmas") & ND_WORD_SURNAME);
  g_assert_false (nd_lexicon_lookup_word (lexicon, "islam") & ND_WORD_SURNAME);
  g_assert_false (nd_lexicon_lookup_word (lexicon, "ramadan") & ND_WORD_SURNAME);
  g_assert_false (nd_lexicon_lookup_word (lexicon, "western") & ND_WORD_SURNAME);
}

static void
test_lexicon_titles (void)
{
  NdLexicon *lexicon = nd_lexicon_get_default ();

  g_assert_true (nd_lexicon_is_title (lexicon, "secretary of state"));
  g_assert_true (nd_lexicon_is_title (lexicon, "prime minister"));
  g_assert_true (nd_lexicon_is_title (lexicon, "special envoy"));
  g_assert_false (nd_lexicon_is_title (lexicon, "state department"));
  g_assert_true (nd_lexicon_lookup_prefix (lexicon, "secretary of", -1) & ND_PREFIX_TITLE);
  g_assert_cmpuint (nd_lexicon_get_max_title_words (lexicon), >=, 4);
}

static void
test_lexicon_organizations (void)
{
  NdLexicon *lexicon = nd_lexicon_get_default ();

  g_assert_cmpstr (nd_lexicon_lookup_organization (lexicon, "cia", TRUE), ==, "Central Intelligence Agency");
  g_assert_cmpstr (nd_lexicon_lookup_organization (lexicon, "hamas", FALSE), ==, "Hamas");
  g_assert_cmpstr (nd_lexicon_lookup_organization (lexicon, "united nations", FALSE), ==, "United Nations");
  g_assert_cmpstr (nd_lexicon_lookup_organization (lexicon, "un", TRUE), ==, "United Nations");

  /* "WHO" is the World Health Organization, "who" is not */
  g_assert_cmpstr (nd_lexicon_lookup_organization (lexicon, "who", TRUE), ==, "World Health Organization");
  g_assert_null (nd_lexicon_lookup_organization (lexicon, "who", FALSE));

  g_assert_true (nd_lexicon_lookup_prefix (lexicon, "state", -1) & ND_PREFIX_ORGANIZATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gazetteer/keys", test_keys);
  g_test_add_func ("/gazetteer/keys/small-buffer", test_keys_small_buffer);
  g_test_add_func ("/gazetteer/load", test_load);
  g_test_add_func ("/gazetteer/load/threads", test_load_threads);
  g_test_add_func ("/gazetteer/lookup/names", test_lookup_names);
  g_test_add_func ("/gazetteer/lookup/keys", test_lookup_keys);
  g_test_add_func ("/gazetteer/lookup/demonyms", test_demonyms);
  g_test_add_func ("/gazetteer/contains", test_contains);
  g_test_add_func ("/gazetteer/disambiguation/population", test_disambiguation_population);
  g_test_add_func ("/gazetteer/disambiguation/context", test_disambiguation_context);
  g_test_add_func ("/gazetteer/disambiguation/countries", test_disambiguation_countries);
  g_test_add_func ("/lexicon/words", test_lexicon_words);
  g_test_add_func ("/lexicon/titles", test_lexicon_titles);
  g_test_add_func ("/lexicon/organizations", test_lexicon_organizations);

  return g_test_run ();
}
