/* test-itinerary.c — travellers and stops from the sample articles,
 * their storage and the desk-wide timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static NdArticle *
load_sample (const char *prefix)
{
  const char *dir = g_getenv ("ND_SAMPLES_DIR");
  g_autoptr(GDir) samples = NULL;
  const char *name;

  g_assert_nonnull (dir);
  samples = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (samples);

  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;

      path = g_build_filename (dir, name, NULL);
      file = g_file_new_for_path (path);
      articles = nd_importer_load_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (articles->len, ==, 1);
      nd_extractor_extract_article (g_ptr_array_index (articles, 0));
      return g_object_ref (g_ptr_array_index (articles, 0));
    }

  g_assert_not_reached ();
  return NULL;
}

static NdItinerary *
find_itinerary (NdArticle  *article,
                const char *surname)
{
  GPtrArray *itineraries = nd_article_get_itineraries (article);

  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);

      if (g_str_has_suffix (nd_itinerary_get_traveller (itinerary), surname))
        return itinerary;
    }
  return NULL;
}

static NdStop *
stop_at (NdItinerary *itinerary,
         guint        index)
{
  return g_ptr_array_index (nd_itinerary_get_stops (itinerary), index);
}

/* 000: a schedule table, Day | Location | Key Focus */
static void
test_table (void)
{
  g_autoptr(NdArticle) article = load_sample ("000_");
  NdItinerary *itinerary = find_itinerary (article, "Witkoff");
  const char *places[] = { "Tel Aviv", "Ramallah", "Cairo", "Amman" };
  const char *body = nd_article_get_body (article);

  g_assert_nonnull (itinerary);
  g_assert_true (nd_itinerary_get_ordered (itinerary));
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      NdStop *stop = stop_at (itinerary, i);
      g_autofree char *when = g_strdup_printf ("Day %u", i + 1);
      g_autofree char *evidence = NULL;

      g_assert_cmpuint (stop->order, ==, i + 1);
      g_assert_cmpstr (stop->place, ==, places[i]);
      g_assert_cmpstr (stop->when, ==, when);
      g_assert_nonnull (stop->purpose);
      g_assert_true (stop->has_coordinates);
      g_assert_nonnull (stop->country);

      /* the evidence is the table row */
      evidence = g_utf8_substring (body, stop->evidence_start, stop->evidence_end);
      g_assert_true (g_str_has_prefix (evidence, when));
      g_assert_nonnull (strstr (evidence, places[i]));
    }
  g_assert_cmpstr (stop_at (itinerary, 0)->purpose, ==,
                   "Discussions with Israeli officials on security arrangements");
}

/* 003: "visit to Tel Aviv ... before traveling to Egypt" */
static void
test_prose_order (void)
{
  g_autoptr(NdArticle) article = load_sample ("003_");
  NdItinerary *itinerary = find_itinerary (article, "Blinken");

  g_assert_nonnull (itinerary);
  g_assert_true (nd_itinerary_get_ordered (itinerary));
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 2);
  g_assert_cmpstr (stop_at (itinerary, 0)->place, ==, "Tel Aviv");
  g_assert_cmpstr (stop_at (itinerary, 1)->place, ==, "Egypt");
}

/* 001: "In his previous visits, Blinken has visited ... Israel, ..." */
static void
test_past_visits (void)
{
  g_autoptr(NdArticle) article = load_sample ("001_");
  NdItinerary *itinerary = find_itinerary (article, "Blinken");
  GPtrArray *stops;
  gboolean israel = FALSE, jordan = FALSE, egypt = FALSE;

  g_assert_nonnull (itinerary);
  g_assert_false (nd_itinerary_get_ordered (itinerary));
  stops = nd_itinerary_get_stops (itinerary);
  g_assert_cmpuint (stops->len, >=, 3);
  for (guint i = 0; i < stops->len; i++)
    {
      NdStop *stop = g_ptr_array_index (stops, i);

      israel |= g_strcmp0 (stop->place, "Israel") == 0;
      jordan |= g_strcmp0 (stop->place, "Jordan") == 0;
      egypt |= g_strcmp0 (stop->place, "Egypt") == 0;
      g_assert_cmpuint (stop->order, ==, i + 1);
    }
  g_assert_true (israel && jordan && egypt);
}

/* 002 and 004 tell no trip */
static void
test_no_itinerary (void)
{
  g_autoptr(NdArticle) a = load_sample ("002_");
  g_autoptr(NdArticle) b = load_sample ("004_");

  g_assert_cmpuint (nd_article_get_itineraries (a)->len, ==, 0);
  g_assert_cmpuint (nd_article_get_itineraries (b)->len, ==, 0);
}

static GPtrArray *
build (const char *body)
{
  g_autoptr(GPtrArray) entities = nd_extractor_extract (body, NULL);

  return nd_itinerary_builder_build (body, entities, NULL);
}

/* The builder looks for trip cues only at words that can start one
 * (next_cue()); with ND_CHECK_CUES (set for the test suite) it checks
 * every sentence against the full search, and aborts on a difference.
 * Letters a caseless pattern takes for ASCII ones ("ſ" for "s", the
 * Kelvin sign for "k") and cues after a dash, a quote or a letter of
 * another script find the same cues both ways */
static void
test_cue_search (void)
{
  g_autoptr(GPtrArray) long_s = build ("Foreign Minister Jane Harlow will vi\xc5\xbfit Paris on Monday.");
  g_autoptr(GPtrArray) kelvin = build ("Foreign Minister Jane Harlow will ta\xe2\x84\xaa" "e a trip to Oslo.");
  g_autoptr(GPtrArray) marks = build ("Foreign Minister Jane Harlow\xe2\x80\x94visiting Lima\xe2\x80\x94met "
                                      "\xc3\xa9lus there; \xe2\x80\x9cTravelling to Quito\xe2\x80\x9d, she said, "
                                      "and Mr. Tom Reyes in Bogota.");

  g_assert_true (g_getenv ("ND_CHECK_CUES") != NULL);
  g_assert_cmpuint (long_s->len, ==, 1);
  g_assert_cmpstr (stop_at (g_ptr_array_index (long_s, 0), 0)->place, ==, "Paris");
  g_assert_cmpuint (kelvin->len, ==, 1);
  g_assert_cmpstr (stop_at (g_ptr_array_index (kelvin, 0), 0)->place, ==, "Oslo");
  g_assert_cmpuint (marks->len, >=, 1);
  g_assert_cmpstr (stop_at (g_ptr_array_index (marks, 0), 0)->place, ==, "Lima");
}

/* The places of an itinerary joined by " > " */
static char *
route_of (NdItinerary *itinerary)
{
  GPtrArray *stops = nd_itinerary_get_stops (itinerary);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < stops->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " > " : "", ((NdStop *) g_ptr_array_index (stops, i))->place);
  return g_string_free (text, FALSE);
}

/* `body` gives one itinerary, of `traveller`, whose route ends with
 * `tail` ("A > B"), or is `tail` when `whole` */
static void
assert_one_trip (const char *body,
                 const char *traveller,
                 const char *tail,
                 gboolean    whole)
{
  g_autoptr(GPtrArray) built = build (body);
  g_autofree char *found = NULL;
  g_autofree char *after_stop = g_strconcat (" > ", tail, NULL);

  g_assert_cmpuint (built->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (built, 0)), ==, traveller);
  found = route_of (g_ptr_array_index (built, 0));
  if (whole || g_strcmp0 (found, tail) == 0)
    g_assert_cmpstr (found, ==, tail);
  else if (!g_str_has_suffix (found, after_stop))
    g_error ("route %s does not end with %s", found, tail);
}

/* `body` gives one itinerary for each of `travellers` ("A|B|C"), in that
 * order, each with the route `route` */
static void
assert_travel_together (const char *body,
                        const char *travellers,
                        const char *route)
{
  g_autoptr(GPtrArray) built = build (body);
  g_auto(GStrv) names = g_strsplit (travellers, "|", -1);
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < built->len; i++)
    {
      g_autofree char *stops = route_of (g_ptr_array_index (built, i));

      g_string_append_printf (found, "%s%s: %s", i > 0 ? "; " : "",
                              nd_itinerary_get_traveller (g_ptr_array_index (built, i)), stops);
    }
  {
    g_autoptr(GString) expected = g_string_new (NULL);

    for (guint i = 0; names[i] != NULL; i++)
      g_string_append_printf (expected, "%s%s: %s", i > 0 ? "; " : "", names[i], route);
    g_assert_cmpstr (found->str, ==, expected->str);
  }
}

/* Companions named in the ways a delegation is written out: a list
 * after the verb ("Accompanying X on the trip will be A and B",
 * "Travelling with the president are A, ...; B, ...; and C", "Those
 * accompanying on this trip are also A (H) and B (H)"), honorifics in
 * the list ("comprises Dr. A, Foreign Minister, Ms. B"), the traveller
 * quoted ("I will be taking with me A and B"), a list after a colon
 * whose lead-in has capitals, and an acronym in brackets before "will
 * be accompanying" */
static void
test_delegation_lists (void)
{
  assert_travel_together ("Governor Tomas Brandt will travel to Recife on April 14. Accompanying Brandt on the trade "
                          "mission will be his wife Ana Lopes and Commerce Director Lena Fischer.",
                          "Tomas Brandt|Ana Lopes|Lena Fischer", "Recife");
  assert_travel_together ("President Ana Lopes arrived in Amman on Friday. Travelling with the president are "
                          "Tomas Brandt, the minister of trade and of relations with industry; Lena Fischer, "
                          "the minister of health; and the chief of staff, Omar Haddad.",
                          "Ana Lopes|Tomas Brandt|Lena Fischer|Omar Haddad", "Amman");
  assert_travel_together ("King Tomas Brandt arrived in Beijing on Monday. Those accompanying on this trip are also "
                          "Foreign Minister Lena Fischer (H) and Minister of Industry Omar Haddad (H).",
                          "Tomas Brandt|Lena Fischer|Omar Haddad", "Beijing");
  assert_travel_together ("Prime Minister Ana Lopes arrives in Asmara today for an official visit. The senior "
                          "delegation comprises Dr. Tomas Brandt, Foreign Minister, Ms. Lena Fischer, Speaker of "
                          "the House, and Mr. Omar Haddad, a regional governor.",
                          "Ana Lopes|Tomas Brandt|Lena Fischer|Omar Haddad", "Asmara");
  assert_travel_together ("Prime Minister Ana Lopes will travel to Jakarta on Friday. \u201cI will be taking with me "
                          "Trade Minister Hon. Tomas Brandt and Health Minister Hon. Lena Fischer to this "
                          "meeting,\u201d she said.",
                          "Ana Lopes|Tomas Brandt|Lena Fischer", "Jakarta");
  assert_travel_together ("President Ana Lopes arrived in Osaka on Monday.\n\nHer official delegation consists of "
                          "several Cabinet members:\n\nForeign Secretary Tomas Brandt\n\nFinance Secretary Lena "
                          "Fischer\n",
                          "Ana Lopes|Tomas Brandt|Lena Fischer", "Osaka");
  assert_travel_together ("President Ana Lopes will travel to Addis Ababa on Sunday. Foreign Minister Tomas Brandt, "
                          "and the Director-General of the National Intelligence Agency (NIA), Ambassador Lena "
                          "Fischer will be accompanying the President on the trip.",
                          "Ana Lopes|Tomas Brandt|Lena Fischer", "Addis Ababa");
  assert_travel_together ("President Tomas Brandt will arrive in Belfast on Tuesday. His son Omar Brandt and sister "
                          "Lena Fischer are believed to be accompanying him for the trip.",
                          "Tomas Brandt|Omar Brandt|Lena Fischer", "Belfast");
  /* greeted together: "welcomed X at the airport, along with A, B and
   * his guide, C"; "X and his wife, A, were greeted" */
  assert_travel_together ("President Tomas Brandt arrived in Tel Aviv on Sunday. Foreign Minister Omar Haddad "
                          "welcomed Brandt at the airport, along with Foreign Minister Lena Fischer, Chief of Staff "
                          "Ana Lopes, and his spiritual guide, Rabbi Marco Rossi.",
                          "Tomas Brandt|Lena Fischer|Ana Lopes|Marco Rossi", "Tel Aviv");
  assert_travel_together ("President Tomas Brandt arrived in Nice on Sunday. Brandt and his wife, Ana Lopes, were "
                          "greeted by officials at the airport.",
                          "Tomas Brandt|Ana Lopes", "Nice");
  /* the people met are no companions, honorific or not */
  assert_travel_together ("President Ana Lopes arrived in Amman on Friday, where she met Dr. Omar Haddad. "
                          "Travelling with the president are Tomas Brandt and Lena Fischer.",
                          "Ana Lopes|Tomas Brandt|Lena Fischer", "Amman");
}

/* A companion told of a stop of their own goes to the trip's others too */
static void
test_companion_with_own_stop (void)
{
  assert_travel_together ("President Ana Lopes arrived in Nairobi on Monday, a day after Trade Minister Tomas "
                          "Brandt had landed in Nairobi. Lopes will then travel to Kampala and Kigali. Brandt is "
                          "accompanying the president on the tour.",
                          "Ana Lopes|Tomas Brandt", "Nairobi > Kampala > Kigali");
}

/* "The squad led by X departed for Y", "The team, captained by X, flew
 * to Y": X goes with the side */
static void
test_side_led_by (void)
{
  assert_one_trip ("The Indian squad led by Ravi Menon departed for New Zealand from here today for a five-match "
                   "series.",
                   "Ravi Menon", "New Zealand", TRUE);
  assert_one_trip ("The England team, captained by Joe Hartley, flew to Colombo on Sunday.",
                   "Joe Hartley", "Colombo", TRUE);
}

/* "..., the Vatican announced", "..., Brasilia said": who says so is no
 * stop at the end of a list */
static void
test_announcer_ends_list (void)
{
  assert_one_trip ("Foreign Minister Ana Lopes will visit Chile and Peru from November 19 to 26, Brasilia said "
                   "on Friday.",
                   "Ana Lopes", "Chile > Peru", TRUE);
  assert_one_trip ("Foreign Minister Ana Lopes is to visit Chile and Peru, including Lima and Cusco, from November "
                   "19 to 26, the Vatican announced on Friday.",
                   "Ana Lopes", "Cusco", FALSE);
}

/* Lists of stops go on past a clause said of one ("South Africa, where
 * she will open the summit, and Mozambique") and past a word said of a
 * country ("and troubled Central African Republic") */
static void
test_list_through_clause (void)
{
  assert_one_trip ("President Ana Lopes will also visit South Africa, where she will open the annual Commonwealth "
                   "summit, and Mozambique.",
                   "Ana Lopes", "South Africa > Mozambique", TRUE);
  assert_one_trip ("President Ana Lopes will visit Uganda and troubled Central African Republic on a six-day trip.",
                   "Ana Lopes", "Uganda > Central African Republic", TRUE);
}

/* Sentences whose subject is the trip: "That is followed by a stop in
 * X", "The trip concludes with a visit to Y, which will include stops in
 * ..." (what Y includes is no overview of the trip), "The trip will
 * involve engagements across A and B"; a pair told together of late goes
 * on together */
static void
test_trip_as_subject (void)
{
  assert_travel_together ("Prince Tomas Brandt and his wife Ana Lopes will arrive in Belize on Saturday. That is "
                          "followed by a stop in Jamaica, which includes a visit with the Jamaica Defence Force. "
                          "The trip concludes later this week with a visit to The Bahamas, which will include "
                          "stops in several different islands.",
                          "Tomas Brandt|Ana Lopes", "Belize > Jamaica > Bahamas");
  assert_one_trip ("President Tomas Brandt will arrive in Belfast on Tuesday. The trip will then involve "
                   "engagements across Louth, Dublin and Mayo.",
                   "Tomas Brandt", "Belfast > Louth > Dublin > Mayo", TRUE);
}

/* A band, orchestra or team whose tour the article opens with travels
 * its tour dates, a line each ("January 15th – Santiago, Chile", or a day
 * under a month); an office announcing someone else's tour does not, nor
 * a title */
#define TOUR_DATES "January 15th \u2013 Santiago, Chile\nJanuary 18th \u2013 Buenos Aires, Argentina\n" \
                   "January 21st \u2013 Lima, Peru\n"

static void
test_touring_group (void)
{
  g_autoptr(GPtrArray) days = build ("The Copper Lanterns have unveiled their 2025 European tour for later this "
                                     "year.\n\nNOVEMBER\n\n1 Campo Pequeno, Lisbon, Portugal\n\n2 WiZink Center, "
                                     "Madrid, Spain\n\n4 Alcatraz, Milan, Italy\n");
  g_autoptr(GPtrArray) palace = build ("Kensington Palace has announced details of the royal tour.\n\n" TOUR_DATES);
  g_autoptr(GPtrArray) title = build ("Defence Minister will embark on a two-nation tour.\n\n" TOUR_DATES);

  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (days, 0)), ==, "The Copper Lanterns");
  {
    g_autofree char *route = route_of (g_ptr_array_index (days, 0));

    g_assert_cmpstr (route, ==, "Lisbon > Madrid > Milan");
  }
  g_assert_cmpstr (stop_at (g_ptr_array_index (days, 0), 0)->when, ==, "November 1");
  g_assert_cmpstr (stop_at (g_ptr_array_index (days, 0), 2)->when, ==, "November 4");
  g_assert_cmpint (nd_entity_get_kind (nd_itinerary_get_traveller_entity (g_ptr_array_index (days, 0))), ==,
                   ND_ENTITY_ORGANIZATION);

  assert_one_trip ("Copper Lanterns have announced a string of live tour dates.\n\n" TOUR_DATES,
                   "Copper Lanterns", "Santiago > Buenos Aires > Lima", TRUE);

  /* told in prose: "rock band the Copper Lanterns are looking to wrap up
   * their tour in X", "The Ole Tour kicked off in Y", "the band heads
   * to Z" */
  assert_one_trip ("BUENOS AIRES -- British rock band the Copper Lanterns are looking to wrap up their Latin "
                   "America tour in Havana.\n\nThe Ole Tour kicked off in Santiago on Feb. 3. Three concerts were "
                   "held in Brazil before the band heads to Peru and Colombia.",
                   "The Copper Lanterns", "Santiago > Brazil > Peru > Colombia > Havana", TRUE);

  /* "K-pop boy group X is gearing up for performances ... It will perform
   * in A next Tuesday; in B on Nov. 21" */
  assert_one_trip ("Following sold-out concerts in North America, boy group Copper Lanterns is gearing up for "
                   "performances in front of Asian fans. It will perform in Tokyo next Tuesday; in Osaka on "
                   "Nov. 21; and Fukuoka on Feb. 16.",
                   "Copper Lanterns", "Tokyo > Osaka > Fukuoka", TRUE);

  for (guint i = 0; i < palace->len; i++)
    g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (palace, i)), !=, "Kensington Palace");
  g_assert_cmpuint (title->len, ==, 0);
}

/* A campaign's stops: "spend Wednesday evening rallying in X", "has also
 * scheduled rallies in Y and Z" (planned, not done before), "is scheduled
 * to appear in W"; "his four-day stay will involve engagements across A,
 * B and C"; but an event "scheduled for 11 July in X" is no stop */
static void
test_campaign_stops (void)
{
  assert_one_trip ("Senator Tomas Brandt will stop in Atkinson on Tuesday and spend Wednesday evening rallying in "
                   "Portsmouth. Brandt has also scheduled rallies in Manchester and Rochester for the weekend.",
                   "Tomas Brandt", "Atkinson > Portsmouth > Manchester > Rochester", TRUE);
  assert_one_trip ("Weather permitting, Senator Tomas Brandt is scheduled to appear on Tuesday in Clinton and "
                   "Waterloo.",
                   "Tomas Brandt", "Clinton > Waterloo", TRUE);
  assert_one_trip ("President Tomas Brandt will arrive in Belfast on Tuesday. His four-day stay in the Republic "
                   "will involve engagements across Louth, Dublin and Mayo.",
                   "Tomas Brandt", "Belfast > Louth > Dublin > Mayo", TRUE);
  assert_one_trip ("President Tomas Brandt will visit Nairobi on 6 July. His plan had been to award the cup to the "
                   "winners of the championship, scheduled for 11 July in Johannesburg.",
                   "Tomas Brandt", "Nairobi", TRUE);
}

/* "left X this afternoon to participate in the ... in Y": Y is a stop,
 * the place left is not */
static void
test_left_to_attend (void)
{
  assert_one_trip ("Prime Minister Ana Lopes left Jamaica this afternoon to participate in the 44th Regular "
                   "Meeting of the Conference of Heads of Government of the Caribbean Community (CARICOM) in "
                   "Nassau, Bahamas.",
                   "Ana Lopes", "Nassau", TRUE);
  assert_one_trip ("President Tomas Brandt departed Lima on Monday to attend the annual summit of the Andean "
                   "leaders in Quito.",
                   "Tomas Brandt", "Quito", TRUE);
}

/* a compass direction between the verb of travel and where it goes:
 * "will travel south to", "flew north-west to", "headed east for" */
static void
test_compass_direction (void)
{
  assert_one_trip ("Foreign Minister Jane Harlow arrived in Baghdad on Friday. Tomorrow, she will travel south to Basra.",
                   "Jane Harlow", "Baghdad > Basra", TRUE);
  assert_one_trip ("Foreign Minister Jane Harlow arrived in Baghdad on Friday. On Saturday she flew north-west to Basra.",
                   "Jane Harlow", "Baghdad > Basra", TRUE);
  assert_one_trip ("Foreign Minister Jane Harlow arrived in Baghdad on Friday. She then headed southwards for Basra.",
                   "Jane Harlow", "Baghdad > Basra", TRUE);
}

/* "the diplomat", "the top diplomat": the traveller named before */
static void
test_diplomat_back_reference (void)
{
  assert_one_trip ("Foreign Minister Ana Lopes left for Africa on Sunday. The diplomat will pay an official visit "
                   "to Kampala and Kigali from January 4 to 7.",
                   "Ana Lopes", "Kampala > Kigali", FALSE);
  assert_one_trip ("Foreign Minister Ana Lopes left for Africa on Sunday. The top diplomat will pay an official visit "
                   "to Kampala and Kigali from January 4 to 7.",
                   "Ana Lopes", "Kampala > Kigali", FALSE);
}

/* "X said in Y, before flying to Z": X was in Y, then Z; not "said in
 * a statement" or "said in Y" with no departure after it */
static void
test_said_in_before_leaving (void)
{
  g_autoptr(GPtrArray) home = build ("Envoy Jane Harlow said in Damascus on Sunday that the talks had been useful.");

  assert_one_trip ("Envoy Jane Harlow said in Damascus on Sunday, before flying to Tehran, "
                   "that the talks had been useful.",
                   "Jane Harlow", "Damascus > Tehran", TRUE);
  g_assert_cmpuint (home->len, ==, 0);
}

/* "returned to X after attending ... in Y": Y is the leg before X */
static void
test_after_attending (void)
{
  assert_one_trip ("President Ana Lopes returned to Lima on Monday after attending the 12th Summit of the Andean "
                   "Community in Quito.",
                   "Ana Lopes", "Quito > Lima", TRUE);
  assert_one_trip ("President Ana Lopes flew back to Lima on Monday following participating in the Andean Community "
                   "summit in Quito.",
                   "Ana Lopes", "Quito > Lima", TRUE);
}

/* negation and mere mentions make no stop; "after" reorders */
static void
test_rules (void)
{
  g_autoptr(GPtrArray) none = build ("Chancellor Olaf Scholz will not travel to Paris this week. "
                                     "Scholz said Paris and Madrid were close partners.");
  g_autoptr(GPtrArray) after = build ("Prime Minister Justin Trudeau flew to Berlin on Monday "
                                      "after visiting Warsaw.");
  g_autoptr(GPtrArray) then = build ("President Emmanuel Macron will travel to Beijing on Wednesday, "
                                     "then head to Tokyo.");
  g_autoptr(GPtrArray) past = build ("Prime Minister Justin Trudeau spoke on Monday. "
                                     "His previous visits included Brazil, Chile and Peru.");
  g_autoptr(GPtrArray) day = build ("Prime Minister Justin Trudeau said the talks mattered. "
                                    "He will be in Paris on Monday and will fly to Rome on Tuesday.");
  g_autoptr(GPtrArray) list = build ("President Recep Tayyip Erdogan visited Kahramanmaras, Hatay and Adana "
                                     "on Wednesday. Prime Minister Justin Trudeau flew to Paris, France.");
  GPtrArray *stops;

  g_assert_cmpuint (none->len, ==, 0);

  /* a list of stops; "Paris, France" is one stop */
  g_assert_cmpuint (list->len, ==, 2);
  stops = nd_itinerary_get_stops (g_ptr_array_index (list, 0));
  g_assert_cmpuint (stops->len, ==, 3);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 1))->place, ==, "Hatay");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 2))->when, ==, "Wednesday");
  stops = nd_itinerary_get_stops (g_ptr_array_index (list, 1));
  g_assert_cmpuint (stops->len, ==, 1);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Paris");

  g_assert_cmpuint (past->len, ==, 1);
  g_assert_false (nd_itinerary_get_ordered (g_ptr_array_index (past, 0)));
  stops = nd_itinerary_get_stops (g_ptr_array_index (past, 0));
  g_assert_cmpuint (stops->len, ==, 3);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 2))->place, ==, "Peru");

  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (day, 0)), ==, "Justin Trudeau");
  stops = nd_itinerary_get_stops (g_ptr_array_index (day, 0));
  g_assert_cmpuint (stops->len, ==, 2);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Paris");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->when, ==, "Monday");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 1))->place, ==, "Rome");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 1))->when, ==, "Tuesday");

  g_assert_cmpuint (after->len, ==, 1);
  stops = nd_itinerary_get_stops (g_ptr_array_index (after, 0));
  g_assert_cmpuint (stops->len, ==, 2);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Warsaw");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 1))->place, ==, "Berlin");

  g_assert_cmpuint (then->len, ==, 1);
  stops = nd_itinerary_get_stops (g_ptr_array_index (then, 0));
  g_assert_cmpuint (stops->len, ==, 2);
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Beijing");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->when, ==, "Wednesday");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 1))->place, ==, "Tokyo");
}

/* stored, loaded back, and merged across articles with conflicts shown */
static void
test_database (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDatabase) db = nd_database_open (path, &error);
  g_autoptr(NdArticle) first = nd_test_article ("Trip one",
                                                "Prime Minister Justin Trudeau will travel to Berlin on Monday, "
                                                "then head to Warsaw on Tuesday.", NULL);
  g_autoptr(NdArticle) second = nd_test_article ("Trip two",
                                                 "Prime Minister Justin Trudeau will fly to Berlin on Wednesday.",
                                                 NULL);
  g_autoptr(NdArticle) loaded = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 id1 = 0, id2 = 0;
  gboolean duplicate = FALSE;
  NdItinerary *itinerary;
  guint conflicts = 0;

  g_assert_no_error (error);
  nd_extractor_extract_article (first);
  nd_extractor_extract_article (second);
  g_assert_cmpuint (nd_article_get_itineraries (first)->len, ==, 1);

  g_assert_true (nd_database_insert_article (db, first, &id1, &duplicate, &error));
  g_assert_no_error (error);
  g_assert_true (nd_database_insert_article (db, second, &id2, &duplicate, &error));
  g_assert_no_error (error);

  loaded = nd_database_load_article (db, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_article_get_itineraries (loaded)->len, ==, 1);
  itinerary = g_ptr_array_index (nd_article_get_itineraries (loaded), 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (itinerary), ==, "Justin Trudeau");
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 2);
  g_assert_cmpstr (stop_at (itinerary, 0)->place, ==, "Berlin");
  g_assert_cmpstr (stop_at (itinerary, 0)->when, ==, "Monday");
  g_assert_true (stop_at (itinerary, 0)->has_coordinates);
  g_assert_cmpstr (stop_at (itinerary, 1)->place, ==, "Warsaw");

  timeline = nd_database_list_traveller_stops (db, "Trudeau", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 3);
  for (guint i = 0; i < timeline->len; i++)
    {
      NdStop *stop = g_ptr_array_index (timeline, i);

      g_assert_true (stop->article_id == id1 || stop->article_id == id2);
      g_assert_nonnull (stop->article_title);
      if (stop->conflict)
        {
          g_assert_cmpstr (stop->place, ==, "Berlin");
          conflicts++;
        }
    }
  g_assert_cmpuint (conflicts, ==, 2);

  /* extracting again keeps the stops */
  g_assert_true (nd_database_replace_entities (db, id1, nd_article_get_entities (loaded),
                                               ND_EXTRACTOR_VERSION, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = nd_database_load_article (db, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nd_article_get_itineraries (loaded)->len, ==, 1);

  /* deleting the article drops its stops */
  g_assert_true (nd_database_delete_article (db, id1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = nd_database_list_traveller_stops (db, "Justin Trudeau", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

static NdItinerary *
find_trip (GPtrArray  *itineraries,
                const char *traveller,
                gboolean    ordered)
{
  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);

      if (g_strcmp0 (nd_itinerary_get_traveller (itinerary), traveller) == 0 &&
          nd_itinerary_get_ordered (itinerary) == ordered)
        return itinerary;
    }
  return NULL;
}

static const char *
place_at (NdItinerary *itinerary,
          guint        i)
{
  GPtrArray *stops = nd_itinerary_get_stops (itinerary);

  g_assert_cmpuint (i, <, stops->len);
  return ((NdStop *) g_ptr_array_index (stops, i))->place;
}

/* Rules learnt from real trip reports: lists split by dates, a trip and
 * earlier visits side by side, two travellers joined by "and", a title
 * named before the person, and a country list refined city by city */
static void
test_real_patterns (void)
{
  g_autoptr(GPtrArray) split = build ("Foreign Minister Toshimitsu Motegi will visit Singapore and Malaysia "
                                      "between Wednesday and Saturday, and Cambodia, Laos and Myanmar on Aug. 20-25.");
  g_autoptr(GPtrArray) past = build ("Prime Minister Narendra Modi will visit Ghana, Argentina and Namibia this week. "
                                     "The last tour Modi took was in 2016, when he visited Mexico, Qatar and Switzerland.");
  g_autoptr(GPtrArray) pair = build ("Secretary of State Rex Tillerson and Homeland Security Secretary John Kelly "
                                     "are headed to Mexico City next week.");
  g_autoptr(GPtrArray) title = build ("This morning the Pope left Rome on Wednesday for Maputo. "
                                      "On Friday, Pope Francis will fly to Antananarivo.");
  g_autoptr(GPtrArray) refine = build ("Secretary of State John Kerry will travel to Vietnam, France and Switzerland. "
                                       "On January 13, Kerry will travel to Hanoi and Ho Chi Minh City. "
                                       "On January 15, Kerry will visit Paris.");
  g_autoptr(GPtrArray) modifier = build ("Secretary of State Rex Tillerson will visit China in November, "
                                         "and the U.S. trade deficit will be discussed.");
  g_autoptr(GPtrArray) fronted = build ("Chancellor Olaf Scholz will visit Chongqing and Shanghai on Sunday. "
                                        "In Beijing, Scholz will meet Premier Li Qiang.");
  g_autoptr(GPtrArray) host = build ("In Berlin, Chancellor Olaf Scholz will meet Premier Li Qiang on Monday.");
  g_autoptr(GPtrArray) before = build ("Chancellor Olaf Scholz's trip to Kyiv will come one week after "
                                       "his trip to Washington.");
  NdItinerary *itinerary;

  g_assert_cmpuint (split->len, ==, 1);
  itinerary = g_ptr_array_index (split, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 5);
  g_assert_cmpstr (place_at (itinerary, 0), ==, "Singapore");
  g_assert_cmpstr (place_at (itinerary, 2), ==, "Cambodia");
  g_assert_cmpstr (place_at (itinerary, 4), ==, "Myanmar");

  g_assert_cmpuint (past->len, ==, 2);
  itinerary = find_trip (past, "Narendra Modi", TRUE);
  g_assert_nonnull (itinerary);
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 3);
  g_assert_cmpstr (place_at (itinerary, 2), ==, "Namibia");
  itinerary = find_trip (past, "Narendra Modi", FALSE);
  g_assert_nonnull (itinerary);
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 3);
  g_assert_cmpstr (place_at (itinerary, 0), ==, "Mexico");

  g_assert_cmpuint (pair->len, ==, 2);
  g_assert_cmpstr (place_at (find_trip (pair, "Rex Tillerson", TRUE), 0), ==, "Mexico City");
  g_assert_cmpstr (place_at (find_trip (pair, "John Kelly", TRUE), 0), ==, "Mexico City");

  g_assert_cmpuint (title->len, ==, 1);
  itinerary = g_ptr_array_index (title, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (itinerary), ==, "Pope Francis");
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 2);
  g_assert_cmpstr (place_at (itinerary, 0), ==, "Maputo");
  g_assert_cmpstr (place_at (itinerary, 1), ==, "Antananarivo");

  g_assert_cmpuint (refine->len, ==, 1);
  itinerary = g_ptr_array_index (refine, 0);
  g_assert_cmpstr (place_at (itinerary, 0), ==, "Hanoi");
  g_assert_cmpstr (place_at (itinerary, 1), ==, "Ho Chi Minh City");
  g_assert_cmpstr (place_at (itinerary, 2), ==, "Paris");
  g_assert_cmpstr (place_at (itinerary, 3), ==, "Switzerland");

  g_assert_cmpuint (modifier->len, ==, 1);
  g_assert_cmpuint (nd_itinerary_get_stops (g_ptr_array_index (modifier, 0))->len, ==, 1);

  /* "In Beijing, Scholz will meet ...": a stop of a traveller already
   * on the move, and none for someone who is not */
  g_assert_cmpuint (fronted->len, ==, 1);
  itinerary = g_ptr_array_index (fronted, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (itinerary)->len, ==, 3);
  g_assert_cmpstr (place_at (itinerary, 2), ==, "Beijing");
  g_assert_cmpuint (host->len, ==, 0);

  /* "Scholz's trip to Kyiv will come one week after his trip to
   * Washington": Washington first */
  g_assert_cmpuint (before->len, ==, 1);
  itinerary = g_ptr_array_index (before, 0);
  g_assert_cmpstr (place_at (itinerary, 0), ==, "Washington");
  g_assert_cmpstr (place_at (itinerary, 1), ==, "Kyiv");
}

/* a trip and earlier visits are stored and read back as two itineraries */
static void
test_database_past_visits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(NdDatabase) db = nd_database_open (path, &error);
  g_autoptr(NdArticle) article = nd_test_article ("Tour",
                                                  "Prime Minister Narendra Modi will visit Ghana, Argentina and Namibia this week. "
                                                  "The last tour Modi took was in 2016, when he visited Mexico, Qatar and Switzerland.",
                                                  NULL);
  g_autoptr(NdArticle) loaded = NULL;
  gint64 id = 0;
  gboolean duplicate = FALSE;
  GPtrArray *itineraries;

  g_assert_no_error (error);
  nd_extractor_extract_article (article);
  g_assert_cmpuint (nd_article_get_itineraries (article)->len, ==, 2);
  g_assert_true (nd_database_insert_article (db, article, &id, &duplicate, &error));
  g_assert_no_error (error);
  loaded = nd_database_load_article (db, id, &error);
  g_assert_no_error (error);
  itineraries = nd_article_get_itineraries (loaded);
  g_assert_cmpuint (itineraries->len, ==, 2);
  g_assert_cmpuint (nd_itinerary_get_stops (find_trip (itineraries, "Narendra Modi", TRUE))->len, ==, 3);
  g_assert_cmpuint (nd_itinerary_get_stops (find_trip (itineraries, "Narendra Modi", FALSE))->len, ==, 3);

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* A traveller named only in the headline ("Secretary Mara Quill to visit
 * the Baltics") over a body that says "the secretary" and "she": the
 * headline's person travels, and stays the traveller in the desk */
static void
test_headline_traveller (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(NdDatabase) db = nd_database_open (path, &error);
  g_autoptr(NdArticle) article = nd_test_article ("Secretary Mara Quill to visit the Baltics",
                                                  "The secretary will fly to Oslo on Monday and then on to Riga.\n\n"
                                                  "She will stop in Vilnius on Friday.",
                                                  NULL);
  g_autoptr(NdArticle) named = nd_test_article ("Secretary Mara Quill to visit the Baltics",
                                                "Ambassador Tom Hale will fly to Oslo on Monday.",
                                                NULL);
  g_autoptr(NdArticle) loaded = NULL;
  GPtrArray *itineraries;
  NdItinerary *trip;
  gint64 id = 0;
  gboolean duplicate = FALSE;

  g_assert_no_error (error);
  nd_extractor_extract_article (article);
  itineraries = nd_article_get_itineraries (article);
  g_assert_cmpuint (itineraries->len, ==, 1);
  trip = g_ptr_array_index (itineraries, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Mara Quill");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Oslo");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Vilnius");
  /* the entities still index the body only */
  for (guint i = 0; i < nd_article_get_entities (article)->len; i++)
    g_assert_cmpstr (nd_entity_get_name (g_ptr_array_index (nd_article_get_entities (article), i)), !=, "Mara Quill");

  g_assert_true (nd_database_insert_article (db, article, &id, &duplicate, &error));
  g_assert_no_error (error);
  loaded = nd_database_load_article (db, id, &error);
  g_assert_no_error (error);
  itineraries = nd_article_get_itineraries (loaded);
  g_assert_cmpuint (itineraries->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, 0)), ==, "Mara Quill");
  g_clear_object (&loaded);

  /* and when the desk extracts it again (a newer extractor, a correction) */
  {
    g_autoptr(GPtrArray) entities = nd_extractor_extract (nd_article_get_body (article), NULL);

    g_assert_true (nd_database_replace_entities (db, id, entities, ND_EXTRACTOR_VERSION, &error));
    g_assert_no_error (error);
  }
  loaded = nd_database_load_article (db, id, &error);
  g_assert_no_error (error);
  itineraries = nd_article_get_itineraries (loaded);
  g_assert_cmpuint (itineraries->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, 0)), ==, "Mara Quill");
  g_assert_cmpuint (nd_itinerary_get_stops (g_ptr_array_index (itineraries, 0))->len, ==, 3);

  /* a body that names its traveller keeps it */
  nd_extractor_extract_article (named);
  itineraries = nd_article_get_itineraries (named);
  g_assert_cmpuint (itineraries->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, 0)), ==, "Tom Hale");

  g_clear_object (&db);
  nd_test_remove_dir (dir);
}

/* A schedule of date-led lines with no verb: each line's places are
 * stops of the article's traveller, dated by the line; consecutive days
 * in one place are one stop, a return after others is another */
static void
test_date_schedule (void)
{
  const char *schedule = "Monday 3rd May: Lyon, France\n\n"
                         "Tuesday 4th May: Lyon, France\n\n"
                         "Wednesday 5th May: Nantes and Brest, France\n\n"
                         "Thursday 6th May: Lyon, France\n";
  g_autofree char *body = g_strconcat ("Mayor Olga Brandt sets out next week.\n\n", schedule, NULL);
  g_autoptr(GPtrArray) trips = build (body);
  g_autoptr(NdArticle) pair = nd_test_article ("Where will Ilse and Bjorn go on their spring tour?", schedule, NULL);
  g_autoptr(NdArticle) place = nd_test_article ("Where will Jordan and Bjorn go on their spring tour?", schedule, NULL);
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Olga Brandt");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 4);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Lyon");
  g_assert_cmpstr (stop_at (trip, 0)->when, ==, "Monday 3rd May");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Nantes");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Brest");
  g_assert_cmpstr (stop_at (trip, 2)->when, ==, "Wednesday 5th May");
  g_assert_cmpstr (stop_at (trip, 3)->place, ==, "Lyon");
  g_assert_cmpstr (stop_at (trip, 3)->when, ==, "Thursday 6th May");

  /* two given names joined by "and" in the headline are two travellers */
  nd_extractor_extract_article (pair);
  g_assert_cmpuint (nd_article_get_itineraries (pair)->len, ==, 2);
  trip = g_ptr_array_index (nd_article_get_itineraries (pair), 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Ilse");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 4);
  trip = g_ptr_array_index (nd_article_get_itineraries (pair), 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Bjorn");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 4);
  g_assert_cmpstr (stop_at (trip, 3)->place, ==, "Lyon");

  /* but not when one of them is a place */
  nd_extractor_extract_article (place);
  g_assert_cmpuint (nd_article_get_itineraries (place)->len, ==, 0);
}

/* "visited A, Country on Date; B, Country on Date; and ...": every item
 * of a semicolon list is a stop, in order, with its date */
static void
test_semicolon_list (void)
{
  g_autoptr(GPtrArray) trips = build ("Senator Olga Brandt has toured Europe this spring.\n\n"
                                      "She's visited Lyon, France on Easter Sunday; Porto, Portugal on May 5; "
                                      "Madrid, Spain on May 7; and will be in Rome on May 9 before flying to "
                                      "Oslo, Norway, on May 11.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Olga Brandt");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 5);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Lyon");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Porto");
  g_assert_cmpstr (stop_at (trip, 1)->when, ==, "May 5");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Madrid");
  g_assert_cmpstr (stop_at (trip, 2)->when, ==, "May 7");
  g_assert_cmpstr (stop_at (trip, 3)->place, ==, "Rome");
  g_assert_cmpstr (stop_at (trip, 4)->place, ==, "Oslo");
}

/* "X is touring ... with her husband, A, and two sons, B and C": the
 * family named travel the stops of X */
static void
test_family (void)
{
  g_autoptr(GPtrArray) trips = build ("Governor Olga Brandt is touring the Baltics with her husband, Tomas, "
                                      "and two sons, Bjorn and Anders.\n\n"
                                      "She will fly to Oslo on Monday and then to Riga on Wednesday.");
  const char *names[] = { "Olga Brandt", "Tomas", "Bjorn", "Anders" };

  g_assert_cmpuint (trips->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      NdItinerary *trip = g_ptr_array_index (trips, i);

      g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, names[i]);
      g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
      g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Oslo");
      g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Riga");
      g_assert_cmpstr (stop_at (trip, 1)->when, ==, "Wednesday");
    }
}

/* "her first trip since 2009" in an undated article: the article is of a
 * later year, so "visited ... in 2009" is a past visit */
static void
test_since_year (void)
{
  g_autoptr(GPtrArray) trips = build ("Mayor Olga Brandt is making her first multi-day Asian trip since 2009. "
                                      "Brandt will visit Laos, Cambodia and then Nepal.\n\n"
                                      "She kicks off the visits to two Asian countries, Laos on Sunday and "
                                      "Cambodia the following day.\n\n"
                                      "Brandt visited three Asian countries in 2009, Japan in the east, "
                                      "Mongolia in the north and Asia’s most populous nation, China.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 2);
  trip = g_ptr_array_index (trips, 0);
  g_assert_true (nd_itinerary_get_ordered (trip));
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Laos");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Nepal");
  trip = g_ptr_array_index (trips, 1);
  g_assert_false (nd_itinerary_get_ordered (trip));
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Japan");
}

/* "Pope Peter Paul III ... Peter Paul's visit": the name without its
 * regnal number is the same traveller, one trip (named with the title,
 * as "Pope Leo XIV" is) */
static void
test_regnal_number (void)
{
  g_autoptr(GPtrArray) trips = build ("QUITO, Ecuador (AP) _ Pope Peter Paul III arrived in Lima on Tuesday "
                                      "to end a journey that has tested his stamina.\n\n"
                                      "Peter Paul's visit to Peru wraps up a pilgrimage that included a visit "
                                      "to a church in Ecuador.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Pope Peter Paul III");
  g_assert_cmpstr (stop_at (trip, nd_itinerary_get_stops (trip)->len - 1)->place, ==, "Lima");
}

/* "will make a weeklong trip from Feb. 28 to X": a trip dated by its
 * start is a cue all the same */
static void
test_trip_from_date (void)
{
  g_autoptr(GPtrArray) trips = build ("President Ana Lopes will make a weeklong trip from Feb. 28 to Vietnam "
                                      "and Thailand.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Ana Lopes");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Vietnam");
  g_assert_cmpstr (stop_at (trip, 0)->when, ==, "Feb. 28");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Thailand");
}

/* "Emperor X and Empress Y will make a trip ... The couple will leave
 * A for B ... They will then head to C": a ruler's unknown regnal name
 * is a person, both travel, and "the couple" and "they" are the two */
static void
test_travelling_pair (void)
{
  g_autoptr(GPtrArray) trips = build ("Emperor Tavuro and Empress Nelwyn will make a weeklong trip from Feb. 28 "
                                      "to Lesotho, the palace said Friday.\n\n"
                                      "The visit was the palace's idea. The couple will leave Tokyo for Maseru on "
                                      "Feb. 28.\n\n"
                                      "They will then head to Gaborone on March 5.");
  const char *names[] = { "Emperor Tavuro", "Empress Nelwyn" };

  g_assert_cmpuint (trips->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      NdItinerary *trip = g_ptr_array_index (trips, i);

      g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, names[i]);
      g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
      g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Maseru");
      g_assert_cmpstr (stop_at (trip, 0)->when, ==, "Feb. 28");
      g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Gaborone");
      g_assert_cmpstr (stop_at (trip, 1)->when, ==, "March 5");
    }
}

/* Days counted from the day of writing ("yesterday", "later today"),
 * "the visit of X, which began in A", "From A, X will travel to B",
 * "X's destinations -- in order, A, B and C"; a storm is no traveller */
static void
test_overview_cues (void)
{
  g_autoptr(GPtrArray) told = build ("President Ana Lopes arrives in Lisbon later today for talks. "
                                     "Yesterday Ms Lopes toured the old town of Porto.\n\n"
                                     "The visit of Ms Lopes, which began in Madrid, has been calm.");
  g_autoptr(GPtrArray) fronted = build ("From Nairobi, Ana Lopes will travel to Uganda, where she will meet "
                                        "the president.");
  g_autoptr(GPtrArray) listed = build ("It will be the first time a president has stopped in any of Lopes's "
                                       "destinations -- in order, Ghana, Rwanda and Botswana. Ana Lopes said little.");
  g_autoptr(GPtrArray) storm = build ("Hurricane Olga hit Cuba on Monday. From Cuba, Olga went on to lash "
                                      "Jamaica.");
  NdItinerary *trip;

  g_assert_cmpuint (told->len, ==, 1);
  trip = g_ptr_array_index (told, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Madrid");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Porto");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Lisbon");

  g_assert_cmpuint (fronted->len, ==, 1);
  trip = g_ptr_array_index (fronted, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Ana Lopes");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Nairobi");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Uganda");

  g_assert_cmpuint (listed->len, ==, 1);
  trip = g_ptr_array_index (listed, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Ghana");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Botswana");

  g_assert_cmpuint (storm->len, ==, 0);
}

/* "During the visit, X is to meet the leaders of A, B and C"; "X will
 * lead a delegation to A and B till October 14" (when the trip ends is
 * no stop's date) */
static void
test_meetings_and_delegations (void)
{
  g_autoptr(GPtrArray) meets = build ("Prime Minister Ana Lopes left Lisbon Friday to start a tour of Latin "
                                      "America.\n\n"
                                      "During the 11-day visit, Lopes is scheduled to meet with the leaders of "
                                      "Peru, Chile and Bolivia, local media said.");
  g_autoptr(GPtrArray) leads = build ("On his trip starting today, Ambassador Tomas Brandt will lead an "
                                      "interagency delegation to Kenya, Uganda and Rwanda till October 14.");
  NdItinerary *trip;

  g_assert_cmpuint (meets->len, ==, 1);
  trip = g_ptr_array_index (meets, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Peru");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Bolivia");

  g_assert_cmpuint (leads->len, ==, 1);
  trip = g_ptr_array_index (leads, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Tomas Brandt");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Kenya");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Rwanda");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (stop_at (trip, i)->when, !=, "October 14");
}

/* "her first trip back to A"; "a short flight to B"; "Following talks in
 * A ..., the Chilean leader arrived in B"; "staff objected to him
 * boarding a flight to C" is no trip */
static void
test_flights_and_fronted_talks (void)
{
  g_autoptr(GPtrArray) back = build ("President Ana Lopes arrived Sunday on a historic visit, her first trip "
                                     "back to Peru.\n\n"
                                     "The next day she took a short flight to Bolivia.");
  g_autoptr(GPtrArray) talks = build ("President Ana Lopes arrived in Lima on Monday.\n\n"
                                      "Following fruitful talks in Quito between Lopes and President Tomas Brandt "
                                      "on May 16, the Chilean leader has arrived in Cusco.");
  g_autoptr(GPtrArray) stopped = build ("Minister Tomas Brandt was prevented from leaving on Tuesday when staff "
                                        "objected to him boarding a flight to Dubai.");
  NdItinerary *trip;

  g_assert_cmpuint (back->len, ==, 1);
  trip = g_ptr_array_index (back, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Peru");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Bolivia");

  g_assert_cmpuint (talks->len, ==, 1);
  trip = g_ptr_array_index (talks, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Lima");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Quito");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Cusco");

  g_assert_cmpuint (stopped->len, ==, 0);
}

/* "followed by stints in A and B"; "received a prize in the city of C";
 * "a spokesman announced today" dates the telling, not the stop; a host
 * who "received them" in a place is no traveller */
static void
test_stints_and_told_dates (void)
{
  g_autoptr(GPtrArray) stints = build ("President Ana Lopes had begun her trip by visiting Rome on Saturday, "
                                       "followed by stints in Berlin and Paris on Sunday.\n\n"
                                       "In Germany, she also received the prestigious Grand Prize in the western "
                                       "city of Aachen.");
  g_autoptr(GPtrArray) told = build ("Secretary-General Tomas Brandt heads to Kenya for a visit that will take "
                                     "him to Nairobi, a spokesman announced today.");
  g_autoptr(GPtrArray) host = build ("On Saturday the delegation flew to Lima, where President Ana Lopes "
                                     "received them at the palace on the Gulf of Finland.");
  NdItinerary *trip;

  g_assert_cmpuint (stints->len, ==, 1);
  trip = g_ptr_array_index (stints, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, >=, 3);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Rome");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Berlin");
  g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Paris");

  g_assert_cmpuint (told->len, ==, 1);
  trip = g_ptr_array_index (told, 0);
  for (guint i = 0; i < nd_itinerary_get_stops (trip)->len; i++)
    g_assert_cmpstr (stop_at (trip, i)->when, !=, "today");

  for (guint i = 0; i < host->len; i++)
    g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (host, i)), !=, "Ana Lopes");
}

/* "a trip from A to B and C": A is the first stop; "... arrived in D.
 * Crowds cheered as he and his wife, E, stepped down": E travels too */
static void
test_trip_from_and_spouse (void)
{
  g_autoptr(GPtrArray) from = build ("Mr Brandt's four-day trip from Nigeria to Ghana, Sierra Leone and Senegal "
                                     "was meant to help.");
  g_autoptr(GPtrArray) spouse = build ("Mr Tomas Brandt arrived in Harbin yesterday on the second leg of his visit. "
                                       "Crowds shouted greetings as he and his wife, Olga, descended from their "
                                       "aircraft.");
  NdItinerary *trip;

  g_assert_cmpuint (from->len, ==, 1);
  trip = g_ptr_array_index (from, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 4);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Nigeria");
  g_assert_cmpstr (stop_at (trip, 3)->place, ==, "Senegal");

  g_assert_cmpuint (spouse->len, ==, 2);
  trip = g_ptr_array_index (spouse, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Olga");
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Harbin");
}

/* "They ... before finishing their visit at B": still the pair of the
 * trip, not everyone the earlier sentence named; "met in A after talks
 * ... in B" puts B first; "the Serb-held land in X" is no stop */
static void
test_pair_through_sentence (void)
{
  g_autoptr(GPtrArray) pair = build ("THE Duke and Duchess of Kent are to visit Peru, where Princess Olga "
                                     "famously signalled that her marriage to Prince Tomas was over.\n\n"
                                     "They will travel to Lima before finishing their visit at Cusco on April 16.");
  g_autoptr(GPtrArray) talks = build ("Envoy Tomas Brandt met Sunday in Zagreb with the president after "
                                      "inconclusive talks with the government in Sarajevo.\n\n"
                                      "Brandt and the president discussed the last Serb-held land in Croatia.");
  NdItinerary *trip;

  g_assert_cmpuint (pair->len, ==, 2);
  for (guint i = 0; i < pair->len; i++)
    {
      trip = g_ptr_array_index (pair, i);
      g_assert_true (g_str_has_suffix (nd_itinerary_get_traveller (trip), "of Kent"));
      g_assert_cmpstr (stop_at (trip, nd_itinerary_get_stops (trip)->len - 1)->place, ==, "Cusco");
    }

  g_assert_cmpuint (talks->len, ==, 1);
  trip = g_ptr_array_index (talks, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Sarajevo");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Zagreb");
}

/* "the Kaziranga National Park": a park the gazetteer lacks is a stop;
 * "a stop at Peace Memorial Park in Hiroshima" is a stop in Hiroshima;
 * "visit Tesla's Shanghai factory" is a stop in Shanghai */
static void
test_parks_and_sites (void)
{
  g_autoptr(GPtrArray) parks = build ("Minister Tomas Brandt will travel to New Delhi, the Kaziranga National Park "
                                      "and Kathmandu before finishing his visit at Agra on April 16.");
  g_autoptr(GPtrArray) site = build ("President Ana Lopes will begin her trip in Hanoi. Lopes's stop at Peace "
                                     "Memorial Park in Hiroshima is meant to heal.");
  g_autoptr(GPtrArray) factory = build ("Ana Lopes will travel to Beijing on Tuesday. Lopes is also expected to "
                                        "visit Tesla's Shanghai factory, people said.");
  NdItinerary *trip;

  g_assert_cmpuint (parks->len, ==, 1);
  trip = g_ptr_array_index (parks, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 4);
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Kaziranga National Park");
  g_assert_cmpstr (stop_at (trip, 3)->place, ==, "Agra");

  g_assert_cmpuint (site->len, ==, 1);
  trip = g_ptr_array_index (site, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Hiroshima");

  g_assert_cmpuint (factory->len, ==, 1);
  trip = g_ptr_array_index (factory, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Shanghai");
}

/* "the Duke and Duchess will visit A for a tour starting in B": both
 * travel to B; "arrived in the small West African state of X"; "LIMA
 * (JP): ... is expected to arrive here" */
static void
test_descriptors_and_datelines (void)
{
  g_autoptr(GPtrArray) pair = build ("Kensington Palace said the Duke and Duchess of Kent will visit Peru for an "
                                     "official tour starting in Lima on April 10.");
  g_autoptr(GPtrArray) state = build ("Ana Lopes, accompanied by her husband Tomas, arrived in the small West "
                                      "African state of Benin, the first stop on a trip that will also take her "
                                      "to Ghana.");
  g_autoptr(GPtrArray) here = build ("LIMA (JP): Boxing legend Ana Lopes is expected to arrive here this morning "
                                     "for a one-week visit.");
  NdItinerary *trip;

  g_assert_cmpuint (pair->len, ==, 2);
  for (guint i = 0; i < pair->len; i++)
    {
      trip = g_ptr_array_index (pair, i);
      g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Lima");
    }

  g_assert_cmpuint (state->len, >=, 1);
  trip = g_ptr_array_index (state, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Ana Lopes");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Benin");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Ghana");

  /* Trinidad the island, though the United States is named too; "visit
   * the Pan American Health Organization (PAHO) in X" */
  {
    g_autoptr(GPtrArray) islands = build ("Opposition Leader Tomas Brandt will soon travel to Trinidad and then "
                                          "the United States.\n\n"
                                          "Brandt will visit the Pan Health Agency (PHA) in Ottawa.");

    g_assert_cmpuint (islands->len, ==, 1);
    trip = g_ptr_array_index (islands, 0);
    g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
    g_assert_cmpstr (stop_at (trip, 0)->country, ==, "TT");
    g_assert_cmpstr (stop_at (trip, 1)->place, ==, "United States");
    g_assert_cmpstr (stop_at (trip, 2)->place, ==, "Ottawa");
  }

  g_assert_cmpuint (here->len, ==, 1);
  trip = g_ptr_array_index (here, 0);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Lima");
  g_assert_cmpstr (stop_at (trip, 0)->when, ==, "this morning");
}

/* An overview "a tour of West Africa that will take him to Ghana, Liberia
 * and Burkina Faso", then "first stop will be Accra, Ghana", "to
 * Ouagadougou in Burkina Faso": a city takes its country's place; "the
 * UN Mission in Liberia" is no trip */
static void
test_overview_then_cities (void)
{
  g_autoptr(GPtrArray) trips = build ("Secretary-General Tomas Brandt will embark on a tour of West Africa that "
                                      "will take him to Ghana, Liberia and Burkina Faso.\n\n"
                                      "Mr. Brandt's first stop will be Accra, Ghana, where he will speak.\n\n"
                                      "From Accra, he will travel to Monrovia, where he will meet members of the UN "
                                      "Mission in Liberia.\n\n"
                                      "Following that, Mr. Brandt plans to travel to Ouagadougou in Burkina Faso.");
  const char *route[] = { "Accra", "Monrovia", "Ouagadougou" };
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, G_N_ELEMENTS (route));
  for (guint i = 0; i < G_N_ELEMENTS (route); i++)
    g_assert_cmpstr (stop_at (trip, i)->place, ==, route[i]);
}

/* An overview, its cities, then each leg told again: "will land in the
 * Gambia on Sunday" is the first stop told once more, not a return */
static void
test_legs_told_again (void)
{
  g_autoptr(GPtrArray) trips = build ("Prime Minister Ana Lopes will first visit the Gambia and then travel to "
                                      "Kenya, Downing Street said.\n\n"
                                      "The trip to Banjul and Nairobi comes as talks go on.\n\n"
                                      "Lopes will land in the Gambia on Sunday evening, ahead of talks.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Banjul");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Nairobi");
}


/* "X and his entourage, including A, will depart for Y"; "the entourage
 * is composed of the following ministers:" and one person a line, names
 * the extraction misses too ("Ângela Vidal – Minister of Health;") */
static void
test_entourage_lists (void)
{
  g_autoptr(GPtrArray) including = build ("Governor Peter Otieno arrived in Mombasa on Monday.\n\n"
                                          "The governor and his entourage, including Finance Minister John Kamau, "
                                          "will depart for Nairobi today.");
  g_autoptr(GPtrArray) listed = build ("Governor Peter Otieno left for Mombasa on Monday.\n\n"
                                       "The governor's entourage is also composed of the following ministers:\n\n"
                                       "Anna Wanjiru – Minister of Culture;\n\n"
                                       "Ângela Vidal – Minister of Health;\n\n"
                                       "Grace Achieng – president of the Tourism Board.\n\n"
                                       "The trip will focus on trade with Nairobi.");
  const char *members[] = { "Anna Wanjiru", "Ângela Vidal", "Grace Achieng" };
  NdItinerary *trip;

  trip = find_trip (including, "John Kamau", TRUE);
  g_assert_nonnull (trip);
  g_assert_cmpstr (place_at (trip, 0), ==, "Mombasa");
  g_assert_cmpstr (place_at (trip, 1), ==, "Nairobi");

  g_assert_cmpuint (listed->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      trip = find_trip (listed, members[i], TRUE);
      g_assert_nonnull (trip);
      g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 1);
      g_assert_cmpstr (place_at (trip, 0), ==, "Mombasa");
    }
}

/* "X and wife Y landed in Z": no "his" needed for the spouse to travel */
static void
test_spouse_without_possessive (void)
{
  g_autoptr(GPtrArray) trips = build ("Mayor Ana Lopes and husband Pedro landed in Lima on Monday for a two-day visit.");
  NdItinerary *trip = find_trip (trips, "Pedro", TRUE);

  g_assert_cmpuint (trips->len, ==, 2);
  g_assert_nonnull (trip);
  g_assert_cmpstr (place_at (trip, 0), ==, "Lima");
}

/* Back-references by office: "the monarch" (a king), "the Holy Father"
 * (a pope), "the bishop"; and "travel by air to" */
static void
test_office_back_references (void)
{
  g_autoptr(GPtrArray) king = build ("King Haakon Olsen will visit Tromsø on Monday. Crowds are expected.\n\n"
                                     "On Tuesday, the monarch will travel by air to Bergen, where Mayor Ana Lopes "
                                     "will greet him.");
  g_autoptr(GPtrArray) pope = build ("Pope Leo Martins began a visit to Lisbon on Friday. The visit was long "
                                     "planned by officials.\n\nOn Sunday, the Holy Father will fly to Porto for a mass.");
  g_autoptr(GPtrArray) bishop = build ("Bishop Tomas Brandt will tour the country next month. Officials prepared "
                                       "for weeks.\n\nThe bishop is expected to arrive in Lagos on October 9.");
  NdItinerary *trip;

  g_assert_cmpuint (king->len, ==, 1);
  trip = g_ptr_array_index (king, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Haakon Olsen");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 1), ==, "Bergen");

  g_assert_cmpuint (pope->len, ==, 1);
  trip = g_ptr_array_index (pope, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 1), ==, "Porto");

  g_assert_cmpuint (bishop->len, ==, 1);
  trip = g_ptr_array_index (bishop, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Tomas Brandt");
  g_assert_cmpstr (place_at (trip, 0), ==, "Lagos");
}

/* A time between "arrived" and "in", a place "nearby" after the cue */
static void
test_arrival_time_and_nearby (void)
{
  g_autoptr(GPtrArray) trips = build ("Chancellor Tomas Brandt arrived shortly after 9:30 am (0130 GMT) in the "
                                      "northern Italian city of Turin en route to nearby Milan.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 0), ==, "Turin");
  g_assert_cmpstr (place_at (trip, 1), ==, "Milan");
}

/* "Adviser to the President, X, will travel": the title after "to" is
 * no subject, X is */
static void
test_title_after_preposition (void)
{
  g_autoptr(GPtrArray) trips = build ("Adviser to the President, Peter Holmgren, will travel to Chile, Peru, and "
                                      "Bolivia next month. His visit is intended to show President Ana Lopes's "
                                      "strong support.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Peter Holmgren");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
}

/* A squad's trip: "X led a group of other national team players to Y";
 * "also expected to join camp in Y are A, B and C" */
static void
test_squad_and_camp (void)
{
  g_autoptr(GPtrArray) trips = build ("Captain Tomas Brandt last night led a group of other national team players "
                                      "to Denmark ahead of Friday's friendly.\n\n"
                                      "Also expected to join camp in Denmark are Pedro Alves, Olga Lind and Ana Lopes.");
  const char *players[] = { "Tomas Brandt", "Pedro Alves", "Olga Lind", "Ana Lopes" };

  g_assert_cmpuint (trips->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (players); i++)
    {
      NdItinerary *trip = find_trip (trips, players[i], TRUE);

      g_assert_nonnull (trip);
      g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 1);
      g_assert_cmpstr (place_at (trip, 0), ==, "Denmark");
    }
}

/* A dateline after a standfirst; "X launched a tour Wednesday" there
 * starts the trip there; "Today in A, he ...", "And in B over the
 * weekend, he ..." */
static void
test_dateline_after_standfirst (void)
{
  g_autoptr(GPtrArray) trips = build ("Envoy upbeat on tour\n\n"
                                      "Diplomacy: The visit follows years of reform.\n\n"
                                      "LIMA, Peru — Tomas Brandt launched a South American tour Monday, officials said.\n\n"
                                      "Today in Bolivia, he is to visit a school. And in Paraguay over the weekend, "
                                      "he will take a boat ride.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Tomas Brandt");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (place_at (trip, 0), ==, "Lima");
  g_assert_cmpstr (place_at (trip, 1), ==, "Bolivia");
  g_assert_cmpstr (place_at (trip, 2), ==, "Paraguay");
}

/* The place left as a trip ends was a stop: "has left A today for B,
 * wrapping up her visit to C"; "left A late Tuesday, ending a tour" */
static void
test_place_left_at_the_end (void)
{
  g_autoptr(GPtrArray) wrap = build ("Director-General Dr Ana Lopes has left Lima today for Geneva, Switzerland, "
                                     "wrapping up her three-day official visit to Peru.");
  g_autoptr(GPtrArray) ending = build ("Foreign Minister Ana Lopes left the Peruvian capital of Lima late Tuesday, "
                                       "ending a week-long regional tour.");
  NdItinerary *trip;

  g_assert_cmpuint (wrap->len, ==, 1);
  trip = g_ptr_array_index (wrap, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 0), ==, "Lima");
  g_assert_cmpstr (place_at (trip, 1), ==, "Geneva");

  g_assert_cmpuint (ending->len, ==, 1);
  trip = g_ptr_array_index (ending, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Ana Lopes");
  g_assert_cmpstr (place_at (trip, 0), ==, "Lima");
}

/* Under a dateline, "who arrived 30 minutes earlier" arrived there; an
 * all-capital dateline is named as the body writes it */
static void
test_arrived_earlier_under_dateline (void)
{
  g_autoptr(GPtrArray) trips = build ("BOMBAY — Queen Ana Lopes arrived in Bombay Sunday for a week-long tour.\n\n"
                                      "Awaiting the queen was her husband, Prince Tomas Brandt, who arrived 30 "
                                      "minutes earlier on a flight from Delhi.");
  NdItinerary *trip = find_trip (trips, "Tomas Brandt", TRUE);

  g_assert_nonnull (trip);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 1);
  g_assert_cmpstr (place_at (trip, 0), ==, "Bombay");

  /* a dateline written only in capitals: as written, not "Cancún" */
  {
    g_autoptr(GPtrArray) here = build ("CANCUN, Mexico — President Ana Lopes arrived here on Saturday evening "
                                       "for a summit.");

    g_assert_cmpuint (here->len, ==, 1);
    g_assert_cmpstr (place_at (g_ptr_array_index (here, 0), 0), ==, "Cancun");
  }
}

/* "would be arrested if he ever visited X": a condition, no stop */
static void
test_conditional_visit (void)
{
  g_autoptr(GPtrArray) trips = build ("President Tomas Brandt will travel to Ghana and Peru next week. A court said "
                                      "Brandt would be arrested if he ever visited Chile.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 0), ==, "Ghana");
  g_assert_cmpstr (place_at (trip, 1), ==, "Peru");
}

/* "Afterwards, the petista will travel to X": a rare noun is an epithet
 * of the one travelling; a frequent one ("the convoy") is not */
static void
test_epithet_subject (void)
{
  g_autoptr(GPtrArray) trips = build ("President Ana Lopes left for Lisbon on Thursday.\n\n"
                                      "Afterwards, the petista will travel to Madrid, Spain. Later the convoy will "
                                      "travel to Toledo.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (place_at (trip, 0), ==, "Lisbon");
  g_assert_cmpstr (place_at (trip, 1), ==, "Madrid");
}

/* Seventh session: a date between the verb of travel and where it goes
 * ("leave on 17 November for X", "travelling on 19 November to Y") */
static void
test_date_before_destination (void)
{
  g_autoptr(GPtrArray) trips = build ("The envoy, Tomas Brandt, is scheduled to leave on 3 March for Vilnius to "
                                      "meet the prime minister. Mr Brandt will then be travelling on March 5th to "
                                      "Riga, before flying on 7 March to Tallinn.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Tomas Brandt");
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 3);
  g_assert_cmpstr (place_at (trip, 0), ==, "Vilnius");
  g_assert_cmpstr (place_at (trip, 1), ==, "Riga");
  g_assert_cmpstr (place_at (trip, 2), ==, "Tallinn");
}
/* People who go with the traveller: "A, B and C will accompany the
 * minister", "accompanied by A and B, but C stayed home"; "Health and
 * Family Welfare Minister X" is one title, X the traveller */
static void
test_companions (void)
{
  g_autoptr(GPtrArray) accompany = build ("Health and Family Welfare Minister Tomas Brandt will leave for Geneva, "
                                          "Switzerland tonight to attend a meeting.\n\n"
                                          "During the visit, Deputy Secretary Olga Lind and Private Secretary "
                                          "Ana Lopes will accompany the health minister, a statement said.");
  g_autoptr(GPtrArray) with = build ("Mr Tomas Brandt arrived in Harbin on Monday. Mr Brandt is accompanied by "
                                     "Governor Olga Lind, but Mr Pedro Alves, Governor of the region, was "
                                     "excluded from the talks.");
  NdItinerary *trip;

  g_assert_cmpuint (accompany->len, ==, 3);
  for (guint i = 0; i < accompany->len; i++)
    {
      trip = g_ptr_array_index (accompany, i);
      g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Geneva");
    }
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (accompany, 0)), ==, "Tomas Brandt");

  /* "They" after "X will lead a delegation" are X's group */
  {
    g_autoptr(GPtrArray) led = build ("Mayor Tomas Brandt will lead his first delegation to China next week.\n\n"
                                      "The organiser said 24 people would go. They will arrive in Beijing on "
                                      "April 3 and visit Shanghai before returning home.");
    gboolean beijing = FALSE;

    g_assert_cmpuint (led->len, ==, 1);
    trip = g_ptr_array_index (led, 0);
    g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Tomas Brandt");
    for (guint i = 0; i < nd_itinerary_get_stops (trip)->len; i++)
      beijing |= g_strcmp0 (stop_at (trip, i)->place, "Beijing") == 0;
    g_assert_true (beijing);
  }

  /* "given a warm welcome by a delegation comprising A and B": hosts */
  {
    g_autoptr(GPtrArray) hosts = build ("Prince Tomas Brandt arrived in Gilgit on Monday. In Gilgit, the Prince was "
                                        "given a warm welcome by a delegation comprising of Chief Minister Ana "
                                        "Lopes and Chief Secretary Olga Lind.");

    g_assert_cmpuint (hosts->len, ==, 1);
  }

  g_assert_cmpuint (with->len, ==, 2);
  trip = g_ptr_array_index (with, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (trip), ==, "Olga Lind");
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Harbin");
}

/* "X will meet Y in Washington and Z in New York": stops of X, who is
 * travelling; a host who "will meet X in Montreal" is not */
static void
test_meetings_of_a_traveller (void)
{
  g_autoptr(GPtrArray) trips = build ("President Ana Lopes flies to Canada on Tuesday for talks.\n\n"
                                      "Ms Lopes will meet with Prime Minister Tomas Brandt in Ottawa and "
                                      "Secretary-General Olga Lind in Montreal.");
  g_autoptr(GPtrArray) host = build ("Prime Minister Tomas Brandt will meet President Ana Lopes in Montreal "
                                     "to discuss trade.");
  NdItinerary *trip;

  g_assert_cmpuint (trips->len, ==, 1);
  trip = g_ptr_array_index (trips, 0);
  g_assert_cmpuint (nd_itinerary_get_stops (trip)->len, ==, 2);
  g_assert_cmpstr (stop_at (trip, 0)->place, ==, "Ottawa");
  g_assert_cmpstr (stop_at (trip, 1)->place, ==, "Montreal");

  g_assert_cmpuint (host->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/itinerary/table", test_table);
  g_test_add_func ("/itinerary/prose-order", test_prose_order);
  g_test_add_func ("/itinerary/past-visits", test_past_visits);
  g_test_add_func ("/itinerary/no-itinerary", test_no_itinerary);
  g_test_add_func ("/itinerary/rules", test_rules);
  g_test_add_func ("/itinerary/cue-search", test_cue_search);
  g_test_add_func ("/itinerary/compass-direction", test_compass_direction);
  g_test_add_func ("/itinerary/after-attending", test_after_attending);
  g_test_add_func ("/itinerary/said-in-before-leaving", test_said_in_before_leaving);
  g_test_add_func ("/itinerary/diplomat-back-reference", test_diplomat_back_reference);
  g_test_add_func ("/itinerary/database", test_database);
  g_test_add_func ("/itinerary/real-patterns", test_real_patterns);
  g_test_add_func ("/itinerary/database-past-visits", test_database_past_visits);
  g_test_add_func ("/itinerary/headline-traveller", test_headline_traveller);
  g_test_add_func ("/itinerary/date-schedule", test_date_schedule);
  g_test_add_func ("/itinerary/semicolon-list", test_semicolon_list);
  g_test_add_func ("/itinerary/family", test_family);
  g_test_add_func ("/itinerary/since-year", test_since_year);
  g_test_add_func ("/itinerary/regnal-number", test_regnal_number);
  g_test_add_func ("/itinerary/trip-from-date", test_trip_from_date);
  g_test_add_func ("/itinerary/travelling-pair", test_travelling_pair);
  g_test_add_func ("/itinerary/overview-cues", test_overview_cues);
  g_test_add_func ("/itinerary/meetings-and-delegations", test_meetings_and_delegations);
  g_test_add_func ("/itinerary/flights-and-fronted-talks", test_flights_and_fronted_talks);
  g_test_add_func ("/itinerary/stints-and-told-dates", test_stints_and_told_dates);
  g_test_add_func ("/itinerary/trip-from-and-spouse", test_trip_from_and_spouse);
  g_test_add_func ("/itinerary/pair-through-sentence", test_pair_through_sentence);
  g_test_add_func ("/itinerary/parks-and-sites", test_parks_and_sites);
  g_test_add_func ("/itinerary/descriptors-and-datelines", test_descriptors_and_datelines);
  g_test_add_func ("/itinerary/overview-then-cities", test_overview_then_cities);
  g_test_add_func ("/itinerary/legs-told-again", test_legs_told_again);
  g_test_add_func ("/itinerary/companions", test_companions);
  g_test_add_func ("/itinerary/delegation-lists", test_delegation_lists);
  g_test_add_func ("/itinerary/left-to-attend", test_left_to_attend);
  g_test_add_func ("/itinerary/companion-with-own-stop", test_companion_with_own_stop);
  g_test_add_func ("/itinerary/side-led-by", test_side_led_by);
  g_test_add_func ("/itinerary/announcer-ends-list", test_announcer_ends_list);
  g_test_add_func ("/itinerary/list-through-clause", test_list_through_clause);
  g_test_add_func ("/itinerary/trip-as-subject", test_trip_as_subject);
  g_test_add_func ("/itinerary/touring-group", test_touring_group);
  g_test_add_func ("/itinerary/campaign-stops", test_campaign_stops);
  g_test_add_func ("/itinerary/meetings-of-a-traveller", test_meetings_of_a_traveller);
  g_test_add_func ("/itinerary/date-before-destination", test_date_before_destination);
  g_test_add_func ("/itinerary/entourage-lists", test_entourage_lists);
  g_test_add_func ("/itinerary/spouse-without-possessive", test_spouse_without_possessive);
  g_test_add_func ("/itinerary/office-back-references", test_office_back_references);
  g_test_add_func ("/itinerary/arrival-time-and-nearby", test_arrival_time_and_nearby);
  g_test_add_func ("/itinerary/title-after-preposition", test_title_after_preposition);
  g_test_add_func ("/itinerary/squad-and-camp", test_squad_and_camp);
  g_test_add_func ("/itinerary/dateline-after-standfirst", test_dateline_after_standfirst);
  g_test_add_func ("/itinerary/place-left-at-the-end", test_place_left_at_the_end);
  g_test_add_func ("/itinerary/arrived-earlier-under-dateline", test_arrived_earlier_under_dateline);
  g_test_add_func ("/itinerary/conditional-visit", test_conditional_visit);
  g_test_add_func ("/itinerary/epithet-subject", test_epithet_subject);

  return g_test_run ();
}
