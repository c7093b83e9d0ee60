/* test-itinerary-order.c — the order of stops from cues that reorder
 * what an earlier list of the whole trip said (invented texts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-common.h"

static GPtrArray *
build (const char *body)
{
  g_autoptr(GPtrArray) entities = nd_extractor_extract (body, NULL);

  return nd_itinerary_builder_build (body, entities, NULL);
}

static NdItinerary *
trip_of (GPtrArray  *itineraries,
         const char *traveller)
{
  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);

      if (g_strcmp0 (nd_itinerary_get_traveller (itinerary), traveller) == 0 &&
          nd_itinerary_get_ordered (itinerary))
        return itinerary;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The places of an itinerary joined by " > " */
static char *
route (NdItinerary *itinerary)
{
  GPtrArray *stops = nd_itinerary_get_stops (itinerary);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < stops->len; i++)
    {
      NdStop *stop = g_ptr_array_index (stops, i);

      if (i > 0)
        g_string_append (text, " > ");
      g_string_append (text, stop->place);
    }
  return g_string_free (text, FALSE);
}

static void
assert_route (const char *body,
              const char *traveller,
              const char *expected)
{
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *found = route (trip_of (itineraries, traveller));

  g_assert_cmpstr (found, ==, expected);
}

/* The places of the traveller's unordered itinerary (visits before),
 * joined by " > ", or NULL */
static char *
past_route (GPtrArray  *itineraries,
            const char *traveller)
{
  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);

      if (g_strcmp0 (nd_itinerary_get_traveller (itinerary), traveller) == 0 &&
          !nd_itinerary_get_ordered (itinerary))
        return route (itinerary);
    }
  return NULL;
}

/* Whether the traveller has any itinerary */
static gboolean
travels (GPtrArray  *itineraries,
         const char *traveller)
{
  for (guint i = 0; i < itineraries->len; i++)
    if (g_strcmp0 (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, i)), traveller) == 0)
      return TRUE;
  return FALSE;
}

/* "After her stop in X, she will visit Y and Z": right after X, before
 * a place the overview named earlier */
static void
test_after_clause (void)
{
  assert_route ("Foreign Minister Anna Lindqvist arrived in Peru late Saturday, the first leg of a "
                "weeklong tour to four Andean countries and Jamaica.\n\n"
                "After her stop in Peru, Lindqvist is scheduled to visit Chile, Bolivia and Paraguay, "
                "according to the ministry.",
                "Anna Lindqvist", "Peru > Chile > Bolivia > Paraguay > Jamaica");
}

/* "Before arriving in X, he visited Y and Z": just before X */
static void
test_before_clause (void)
{
  assert_route ("Prime Minister Tomas Varga is in Ghana on a three-day visit. "
                "Varga will then head to Accra to meet the president.\n\n"
                "Before arriving in Ghana, Varga already visited Mali and Niger.",
                "Tomas Varga", "Mali > Niger > Accra");
}

/* a cue between two stops of one sentence orders them against the
 * overview: "X before he flies to Y", "a stop in Z en route to W" */
static void
test_pair_cues (void)
{
  assert_route ("President Lena Hartmann leaves Berlin on Sunday on a visit to Indonesia and Australia.\n\n"
                "Hartmann will arrive in Jakarta on Tuesday.\n\n"
                "Her Indonesian visit includes a stop on the island of Bali before she flies to Canberra.\n\n"
                "She will speak during a refuelling stop in Darwin en route to Jakarta.",
                "Lena Hartmann", "Darwin > Jakarta > Bali > Canberra");
  /* "to X via Y": Y first */
  assert_route ("Envoy Marco Ferri left Rome on Monday en route to Ukraine via Poland. "
                "He arrived in Kyiv on Wednesday morning.",
                "Marco Ferri", "Poland > Kyiv");
  /* "arrived in X from Y": Y first */
  assert_route ("Envoy Marco Ferri will travel to Egypt and Jordan this week.\n\n"
                "On Friday, Ferri arrived in Amman, Jordan, from Egypt to attend a conference.",
                "Marco Ferri", "Egypt > Amman");
}

/* dates without a year ("Friday, 5 May") order the stops; a weekday
 * and the date right after it are one time */
static void
test_dates_without_year (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "Secretary-General Maria Olsen flew to Tokyo on Thursday, 18 May. She arrived in Osaka on "
    "Friday evening, 19 May.\n\n"
    "Olsen travelled to Ottawa on Wednesday, 10 May, to attend a dinner.\n\n"
    "On Friday, 5 May, Olsen arrived in Nairobi to attend a meeting.");
  NdItinerary *itinerary = trip_of (itineraries, "Maria Olsen");
  g_autofree char *found = route (itinerary);

  g_assert_cmpstr (found, ==, "Nairobi > Ottawa > Tokyo > Osaka");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (nd_itinerary_get_stops (itinerary), 3))->when, ==,
                   "Friday evening, 19 May");
}

/* "stops in Spain and Portugal ... will end his trip in Barcelona": a
 * return to a country visited before the last stop */
static void
test_final_return (void)
{
  assert_route ("Prime Minister Tomas Varga left on Sunday for a week-long tour with stops in "
                "Morocco, Spain and Portugal.\n\n"
                "Varga will end his trip in Barcelona ahead of a summit there.",
                "Tomas Varga", "Morocco > Spain > Portugal > Barcelona");
  /* the country is the last stop: the city is that stop */
  assert_route ("Prime Minister Tomas Varga left on Sunday for a tour with stops in "
                "Morocco and Spain.\n\n"
                "Varga will end his trip in Barcelona.",
                "Tomas Varga", "Morocco > Barcelona");
}

/* "in X on Wednesday" is a stop however long the weekday; "talks in X
 * in March 2021" is a mention of the past */
static void
test_bare_in (void)
{
  g_autoptr(GPtrArray) past = build ("Minister Carla Jensen recalled the talks in Lisbon in March 2021.");

  assert_route ("Minister Carla Jensen's visit to the Caribbean begins in Jamaica on Wednesday.",
                "Carla Jensen", "Jamaica");
  g_assert_cmpuint (past->len, ==, 0);
}

/* "start in X ... then Y on the 26th ... back to X on the 28th": the
 * return's date is not given to the first stay */
static void
test_return_date (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "Prime Minister Tomas Varga will start his visit in Chicago with a dinner. He will then travel to "
    "Denver on September 26, and will fly back to Chicago on September 28 for talks.");
  NdItinerary *itinerary = trip_of (itineraries, "Tomas Varga");
  g_autofree char *found = route (itinerary);

  g_assert_cmpstr (found, ==, "Chicago > Denver");
  g_assert_null (((NdStop *) g_ptr_array_index (nd_itinerary_get_stops (itinerary), 0))->when);
}

/* a schedule under place headings, with no other sentence of travel */
static void
test_place_headings (void)
{
  assert_route ("President Lena Hartmann is abroad this week on a three-country trip.\n\n"
                "Ghana\n\n"
                "Monday 3/4\n\n"
                "Meet with the president and lay a wreath\n\n"
                "Kenya\n\n"
                "Wednesday 3/6\n\n"
                "Address the parliament\n",
                "Lena Hartmann", "Ghana > Kenya");
}

/* more cues: "taking in X, Y and Z", "and on to X", "the tour will
 * begin with a stop in X" */
static void
test_more_cues (void)
{
  assert_route ("Minister Carla Jensen is making her first visit to the Balkans, taking in Serbia, "
                "Albania and Croatia.",
                "Carla Jensen", "Serbia > Albania > Croatia");
  assert_route ("Minister Carla Jensen began a trip yesterday that will take her to a naval base in Norway "
                "and on to Denmark and Sweden.",
                "Carla Jensen", "Norway > Denmark > Sweden");
  assert_route ("Minister Carla Jensen will embark on a trip that will take in Poland before heading to "
                "Finland.\n\nThe tour will begin with a brief stop in Iceland, her office said.",
                "Carla Jensen", "Iceland > Poland > Finland");
}

/* "via X", "travelled from A to B", "flies to Y's capital of Z", "the
 * West African nation of X", "is in northern X" */
static void
test_transit_and_descriptors (void)
{
  assert_route ("Envoy Marco Ferri departed Geneva to Osaka, via Seoul, on Thursday, 18 May. "
                "He arrived in Osaka on Friday evening, 19 May.",
                "Marco Ferri", "Seoul > Osaka");
  assert_route ("Envoy Marco Ferri travelled from Geneva to Ottawa on Wednesday, 10 May, to attend a dinner.",
                "Marco Ferri", "Ottawa");
  assert_route ("Minister Carla Jensen flies to Kenya's capital of Nairobi on July 10 for meetings. "
                "She will also visit the East African nation of Uganda.",
                "Carla Jensen", "Nairobi > Uganda");
  assert_route ("Minister Carla Jensen is in northern Ghana, at the start of a visit.",
                "Carla Jensen", "Ghana");
}

/* "a trip starting Tuesday to A, B and C": Tuesday is A's alone, and a
 * later "On Friday, she will fly to B" does not turn the order */
static void
test_list_date (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "Minister Carla Jensen will embark on a trip starting Tuesday to Chile, Peru, Ecuador and Colombia.\n\n"
    "On Friday, Jensen will fly to Peru's capital of Lima.");
  NdItinerary *itinerary = trip_of (itineraries, "Carla Jensen");
  g_autofree char *found = route (itinerary);

  g_assert_cmpstr (found, ==, "Chile > Lima > Ecuador > Colombia");
  g_assert_cmpstr (((NdStop *) g_ptr_array_index (nd_itinerary_get_stops (itinerary), 0))->when, ==, "Tuesday");
  g_assert_null (((NdStop *) g_ptr_array_index (nd_itinerary_get_stops (itinerary), 2))->when);
}

/* "X along with his wife, Y, will travel to ..."; "traveled to the
 * region once, visiting Z"; "Y has also traveled to A and B", where A is
 * a stop of this trip too */
static void
test_companions_and_past (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "In a statement Monday, the palace says President Lena Hartmann along with her husband, Erik, "
    "will travel to Mali, Ghana and Kenya in late June.\n\n"
    "President Lena Hartmann traveled to the region once during her presidency, visiting Gabon in 2019. "
    "Erik Hartmann has also traveled to Ghana and Zambia.");
  NdItinerary *itinerary;
  GPtrArray *stops;
  gboolean husband_past = FALSE;

  g_autofree char *hers = route (trip_of (itineraries, "Lena Hartmann"));
  g_autofree char *his = route (trip_of (itineraries, "Erik Hartmann"));

  g_assert_cmpstr (hers, ==, "Mali > Ghana > Kenya");
  g_assert_cmpstr (his, ==, "Mali > Ghana > Kenya");
  for (guint i = 0; i < itineraries->len; i++)
    {
      itinerary = g_ptr_array_index (itineraries, i);
      if (nd_itinerary_get_ordered (itinerary))
        continue;
      stops = nd_itinerary_get_stops (itinerary);
      if (g_strcmp0 (nd_itinerary_get_traveller (itinerary), "Lena Hartmann") == 0)
        {
          g_assert_cmpuint (stops->len, ==, 1);
          g_assert_cmpstr (((NdStop *) g_ptr_array_index (stops, 0))->place, ==, "Gabon");
        }
      else
        {
          g_autofree char *places = route (itinerary);

          g_assert_cmpstr (nd_itinerary_get_traveller (itinerary), ==, "Erik Hartmann");
          g_assert_cmpstr (places, ==, "Ghana > Zambia");
          husband_past = TRUE;
        }
    }
  g_assert_true (husband_past);
}

/* "arrived in Nice ..., before heading to the Principality of Monaco";
 * "a tour that has taken her to Italy" came first; "will pay a state
 * visit to France after the visit to Monaco" is a return to France */
static void
test_tour_so_far (void)
{
  assert_route ("President Lena Hartmann arrived in the southern French city of Nice on Sunday, before heading "
                "to the Principality of Monaco for a state visit.\n\n"
                "Monaco is the second leg of her Europe tour that has taken her to Italy. "
                "Hartmann will pay a state visit to France after the visit to Monaco.",
                "Lena Hartmann", "Italy > Nice > Monaco > France");
}

/* a family name written first ("Xi Jinping" ... "Xi's visit") is the
 * person, not the wife named just before */
static void
test_family_name_first (void)
{
  assert_route ("Chinese President Xi Jinping arrived in Madrid on Sunday.\n\n"
                "Xi and his wife, Peng Liyuan, were greeted at the airport.\n\n"
                "Xi's visit to Spain is the first one in a decade.\n\n"
                "Spain is the second leg of his tour that has taken him to Greece.",
                "Xi Jinping", "Greece > Madrid");
}

/* a dateline names the place of "flew here" and of "arrived on Sunday";
 * "talks with X, who flew here" is X's stop */
static void
test_dateline (void)
{
  assert_route ("NAIROBI, Kenya — President Samuel Otieno signed the accord on Friday after talks with "
                "Foreign Minister Carla Jensen, who flew here to back the deal.\n\n"
                "Jensen arrived from Ethiopia, where she had met officials on Thursday. "
                "Jensen will travel on Tuesday to Brussels for a meeting.",
                "Carla Jensen", "Ethiopia > Nairobi > Brussels");
  assert_route ("LIMA (AP) — Chancellor Tomas Varga told lawmakers on Tuesday that trade must grow.\n\n"
                "Varga arrived on Sunday afternoon, the first chancellor to visit in years. "
                "He was to fly to Quito on Tuesday evening.",
                "Tomas Varga", "Lima > Quito");
}

/* "He will then travel" after two travellers: the one of the sentence
 * just before, though the other has more stops; "X's predecessor Y had
 * also visited Z" is not X's stop */
static void
test_two_travellers (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "President Lena Hartmann will begin her trip in Seattle, then visit Chicago and Boston.\n\n"
    "Hartmann's predecessor Paul Weber had also visited Denver on a trip.\n\n"
    "Prime Minister Tomas Varga will start his visit in Miami with a dinner. He will then travel to "
    "Dallas on September 26.");
  g_autofree char *hers = route (trip_of (itineraries, "Lena Hartmann"));
  g_autofree char *his = route (trip_of (itineraries, "Tomas Varga"));

  g_assert_cmpstr (hers, ==, "Seattle > Chicago > Boston");
  g_assert_cmpstr (his, ==, "Miami > Dallas");
}

/* "The trip ... will include A, B and C" after a sentence naming the
 * traveller; "X, who will be traveling to Y"; "after traveling to A
 * and B earlier this month" is a past trip; "Prior to his US visit, he
 * will visit A and B" puts A and B first */
static void
test_trip_sentences (void)
{
  g_autoptr(GPtrArray) past = NULL;
  NdItinerary *earlier = NULL;

  assert_route ("Foreign Minister Carla Jensen will begin her scheduled tour across four countries on Thursday.\n\n"
                "The trip is set to take place over ten days and will include Chile, Peru, Ecuador and Mexico.",
                "Carla Jensen", "Chile > Peru > Ecuador > Mexico");
  assert_route ("Minister Carla Jensen will visit Spain and Portugal next week. In Madrid, she will be welcomed by "
                "President Tomas Varga, who will be traveling to Canada the same week.",
                "Tomas Varga", "Canada");
  assert_route ("President Lena Hartmann will meet the Canadian prime minister in Ottawa on June 7-8.\n\n"
                "Prior to her visit to Canada, Hartmann will pay state visits to Jamaica, Panama and Peru "
                "from May 31 to June 6.",
                "Lena Hartmann", "Jamaica > Panama > Peru > Ottawa");

  past = build ("Minister Carla Jensen plans to travel to Chile and Peru next month. It will be her second "
                "trip to the region after traveling to Ecuador and Bolivia earlier this month.");
  for (guint i = 0; i < past->len; i++)
    if (!nd_itinerary_get_ordered (g_ptr_array_index (past, i)))
      earlier = g_ptr_array_index (past, i);
  g_assert_nonnull (earlier);
  {
    g_autofree char *now = route (trip_of (past, "Carla Jensen"));
    g_autofree char *before = route (earlier);

    g_assert_cmpstr (now, ==, "Chile > Peru");
    g_assert_cmpstr (before, ==, "Ecuador > Bolivia");
  }
}

/* "President X's new envoy, Y, arrived in Z": Y travels, not X */
static void
test_envoy_of (void)
{
  g_autoptr(GPtrArray) itineraries = build (
    "President Lena Hartmann's new Arctic envoy, Tomas Varga, arrived in Oslo on Tuesday.");

  g_assert_cmpuint (itineraries->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, 0)), ==, "Tomas Varga");
}

/* an itinerary told as labelled paragraphs: "Place: what happens" */
static void
test_place_labels (void)
{
  assert_route ("Minister Carla Jensen arrived in Chile today for a weeklong tour.\n\n"
                "Her itinerary:\n\n"
                "Chile: Today, Jensen will attend the inauguration of the new president.\n\n"
                "Peru: Later today in Lima, she will meet the foreign minister.\n\n"
                "Ecuador: On Thursday, Jensen will bring relief supplies.\n\n"
                "Panama: On Friday, she will conclude her trip with a regional meeting.",
                "Carla Jensen", "Chile > Peru > Ecuador > Panama");
}

/* Regnal numbers end a name ("Leo XIV", "John XXIII"), and someone
 * named after "following" or "like" is not who "he" is in the next
 * sentence */
static void
test_regnal_and_following (void)
{
  g_autoptr(GPtrArray) itineraries = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  const char *body =
    "Pope Gregory XVII will visit Peru on Sunday. He will be the second pope to visit "
    "Peru, following Pope Emeritus Clement XV and Saint Sixtus VI.\n\n"
    "After Peru he will fly to Quito, where he will celebrate Mass.";
  gboolean found = FALSE;

  entities = nd_extractor_extract (body, NULL);
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (g_strcmp0 (nd_entity_get_name (entity), "Clement XV") == 0)
        {
          g_assert_cmpint (nd_entity_get_kind (entity), ==, ND_ENTITY_PERSON);
          g_assert_cmpstr (nd_entity_get_role (entity), ==, "Pope Emeritus");
          found = TRUE;
        }
    }
  g_assert_true (found);

  itineraries = nd_itinerary_builder_build (body, entities, NULL);
  {
    g_autofree char *found_route = route (trip_of (itineraries, "Pope Gregory XVII"));

    g_assert_cmpstr (found_route, ==, "Peru > Quito");
  }
  for (guint i = 0; i < itineraries->len; i++)
    g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, i)), !=, "Clement XV");
}

/* "The secretary will visit ...": the person named before with that
 * title, not the last name read ("the second Fenwick administration") */
static void
test_the_title (void)
{
  assert_route ("Secretary of State Mara Quill's predecessor Tom Hale traveled less than most.\n\n"
                "Aides expect more travel in the early weeks of the second Fenwick administration.\n\n"
                "The secretary will visit Oslo, Riga and Vilnius before flying to Cairo on Sunday.",
                "Mara Quill", "Oslo > Riga > Vilnius > Cairo");
}

/* Dates without a year in December and January: a trip across the new
 * year, December first */
static void
test_new_year (void)
{
  assert_route ("Archbishop Tomas Brennick will open a clinic in Cusco on December 28 and will "
                "preach in Lima on January 3.\n\n"
                "Brennick will visit Quito on December 30.",
                "Tomas Brennick", "Cusco > Quito > Lima");
}

/* Titles that name their holder travel: "the Prince" is the prince named
 * before, "the Pope" a traveller of his own; a residence that speaks
 * ("Clarence House said") is none */
static void
test_title_names (void)
{
  const char *body =
    "Prince Osric is to embark on a tour of the Gulf. Clarence House said the Prince will visit Oman first.\n\n"
    "The Prince will then visit the Emir of Qatar in Doha.\n\n"
    "The Pope will travel to Lisbon and Porto.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *prince = route (trip_of (itineraries, "Prince Osric"));
  g_autofree char *pope = route (trip_of (itineraries, "Pope"));

  g_assert_cmpstr (prince, ==, "Oman > Doha");
  g_assert_cmpstr (pope, ==, "Lisbon > Porto");
  g_assert_cmpuint (itineraries->len, ==, 2);
}

/* "arrived in C, the latest stop on a tour that took her to A and B",
 * "visited A and B earlier in the week": A and B, in their order, come
 * before C */
static void
test_latest_stop (void)
{
  assert_route ("Foreign Minister Anna Lindqvist arrived in Hanoi on Tuesday, the latest stop on a tour "
                "that has taken her to Jakarta and Manila.\n\n"
                "Lindqvist will fly to Seoul on Thursday.",
                "Anna Lindqvist", "Jakarta > Manila > Hanoi > Seoul");
  assert_route ("Foreign Minister Anna Lindqvist arrived in Hanoi on Tuesday, the latest stop on an "
                "Asian tour that took her to Jakarta and Manila.",
                "Anna Lindqvist", "Jakarta > Manila > Hanoi");
  assert_route ("Foreign Minister Anna Lindqvist arrived in Hanoi on Tuesday, the third stop of her tour. "
                "She visited Jakarta and Manila earlier in the week.",
                "Anna Lindqvist", "Jakarta > Manila > Hanoi");

  /* the search for "the third stop" (find_latest(), checked against the
   * whole pattern under ND_CHECK_CUES): in capitals, after words that
   * only look like it, and with a long s, which the caseless pattern
   * takes for an "s" */
  g_assert_true (g_getenv ("ND_CHECK_CUES") != NULL);
  assert_route ("Foreign Minister Anna Lindqvist said the second-stop idea and the unlatest stopover "
                "were off. She arrived in Hanoi on Tuesday, the Third Stop of her tour. "
                "She visited Jakarta and Manila earlier in the week.",
                "Anna Lindqvist", "Jakarta > Manila > Hanoi");
  assert_route ("Foreign Minister Anna Lindqvist arrived in Hanoi on Tuesday, the \xc5\xbf" "econd stop of her tour. "
                "She visited Jakarta and Manila earlier in the week.",
                "Anna Lindqvist", "Jakarta > Manila > Hanoi");
}

/* A team or a delegation travels as its named members: "X's team" as
 * the people the next sentence names (not X), "the U.S. team" later as
 * the same; "a delegation led by Y" is Y's trip, and so is "the
 * delegation" after it */
static void
test_team_members (void)
{
  const char *body =
    "President Harlan's Mideast team arrived in Egypt on Thursday as part of its regional tour.\n\n"
    "Harlan's son-in-law and senior adviser Dorian Kessel and envoy Mira Stavros met officials of the "
    "foreign ministry.\n\n"
    "Later Thursday, the U.S. team traveled to Qatar and met with its emir.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *kessel = route (trip_of (itineraries, "Dorian Kessel"));
  g_autofree char *stavros = route (trip_of (itineraries, "Mira Stavros"));

  g_assert_cmpstr (kessel, ==, "Egypt > Qatar");
  g_assert_cmpstr (stavros, ==, "Egypt > Qatar");
  for (guint i = 0; i < itineraries->len; i++)
    g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, i)), !=, "Harlan");

  assert_route ("A delegation led by Foreign Minister Anna Lindqvist arrived in Nairobi on Monday. "
                "The delegation will travel to Kampala on Wednesday.\n\n"
                "Senator Tom Bryce and his team will fly to Lagos.",
                "Anna Lindqvist", "Nairobi > Kampala");
}

/* "A, U.S. negotiator B and deputy adviser C met X in P, then flew to
 * Q" after "arrived in R, the latest stop on his trip": all three went
 * to P, then Q, and A's latest stop R comes after them */
static void
test_latest_stop_past_list (void)
{
  const char *body =
    "White House adviser Dorian Kessel touched down in Cairo on Wednesday, the latest stop on his Middle East trip.\n\n"
    "Kessel, U.S. negotiator Mira Stavros and deputy national security adviser Ilse Brandt met the crown prince "
    "in Jeddah, then flew to Doha to meet the emir.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *kessel = route (trip_of (itineraries, "Dorian Kessel"));
  g_autofree char *stavros = route (trip_of (itineraries, "Mira Stavros"));
  g_autofree char *brandt = route (trip_of (itineraries, "Ilse Brandt"));

  g_assert_cmpstr (kessel, ==, "Jeddah > Doha > Cairo");
  g_assert_cmpstr (stavros, ==, "Jeddah > Doha");
  g_assert_cmpstr (brandt, ==, "Jeddah > Doha");
}

/* "the royal couple" are the two named together latest who both travel
 * (not a pair named for a past visit); "the trip, which concludes in X"
 * ends in X */
static void
test_couple_and_concludes (void)
{
  const char *body =
    "Prince Osric will hire a plane for the entire trip, which concludes in Malta. "
    "First, Osric will visit Bosnia alone.\n\n"
    "Then, Osric and Ysolde will jointly visit Cyprus. Prince Edwin and Maud Carrow had already visited Cyprus.\n\n"
    "Later, the royal couple will visit Jordan.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *osric = route (trip_of (itineraries, "Prince Osric"));
  g_autofree char *ysolde = route (trip_of (itineraries, "Ysolde"));

  g_assert_cmpstr (osric, ==, "Bosnia > Cyprus > Jordan > Malta");
  g_assert_cmpstr (ysolde, ==, "Cyprus > Jordan");
}

/* "the assistant secretary" refers back like "the secretary" */
static void
test_modified_title (void)
{
  assert_route ("The department's top diplomat, Walter Brine, left Washington for Egypt, first stop on his tour. "
                "\"We have no illusions,\" Secretary of State Colm Ardle said in a statement.\n\n"
                "Brine's trip will start in Egypt on Wednesday, an official said. After Egypt, the assistant "
                "secretary of state will go to Israel, Jordan and Lebanon.",
                "Walter Brine", "Egypt > Israel > Jordan > Lebanon");
}

/* A place the gazetteer lacks ("Everest Base Camp") is a stop beside
 * the places it knows; a region ("the Gulf") is not */
static void
test_unknown_site (void)
{
  assert_route ("Secretary-General Antonio Guterres arrived in Kathmandu on Sunday, then flew on to the Gulf.\n\n"
                "The Secretary-General will visit Everest Base Camp on Tuesday.",
                "Antonio Guterres", "Kathmandu > Everest Base Camp");
}

/* "visit A, B and C from Jan. 13-18, Zorland's foreign ministry said":
 * a possessor ends the list of stops */
static void
test_list_possessor (void)
{
  assert_route ("Foreign Minister Anna Lindqvist will travel to Africa and visit Egypt, Tunisia and Togo "
                "from Jan. 13-18, Sweden's foreign ministry said on Thursday.",
                "Anna Lindqvist", "Egypt > Tunisia > Togo");
}

/* "The Minister will also go to X" after "Varga will leave for Moscow"
 * and a mention of "Prime Minister Ardle's visit": the one travelling,
 * whose title the text never gave */
static void
test_title_of_traveller (void)
{
  assert_route ("The defence minister will set the stage for Prime Minister Colm Ardle's visit later this year.\n\n"
                "Tomas Varga will leave for Moscow tomorrow. The Minister will also go to Kazan, where he will "
                "visit a shipyard.",
                "Tomas Varga", "Moscow > Kazan");
}

/* A visit told in the simple past by someone whose trip is all to come
 * is a visit before it, not a stop */
static void
test_simple_past_before_trip (void)
{
  const char *body =
    "Foreign Minister Anna Lindqvist will visit Singapore and Malaysia between Wednesday and Saturday.\n\n"
    "Lindqvist visited Britain for four days through Saturday, her first trip this year.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *trip = route (trip_of (itineraries, "Anna Lindqvist"));

  g_assert_cmpstr (trip, ==, "Singapore > Malaysia");
  g_assert_cmpuint (itineraries->len, ==, 2);
}

/* "Then, he will leave Rome and travel to L'Aquila" goes right after the
 * stop told last, before the rest of an overview of the tour; "the
 * president" is the traveller called only "Mr." so far, not a president
 * he meets */
static void
test_then_after_last_told (void)
{
  assert_route ("Dorian and Mira Kessel board a plane on Sunday for a trip that will take them to Russia, "
                "Italy and Ghana.\n\n"
                "Monday: The president will arrive in Moscow. Then Mr. Kessel will meet with former "
                "President Ivo Marek.\n\n"
                "Wednesday: The president flies to Rome. Then, he will leave Rome and travel to L'Aquila "
                "for a summit.",
                "Dorian Kessel", "Moscow > Rome > L'Aquila > Ghana");
}

/* "the last leg of his Australian tour" is not the end of a trip that
 * goes on "to conclude his 10-day three-nation tour" */
static void
test_conclude_longer_tour (void)
{
  assert_route ("Prime Minister Tomas Varga arrived in Melbourne on Tuesday on the last leg of his Australian tour.\n\n"
                "Varga will leave for Fiji in the night for a day-long visit to conclude his 10-day three-nation tour.",
                "Tomas Varga", "Melbourne > Fiji");
}

/* "... Malaysia, the first US president to visit since Tom Hale traveled
 * there in 1966": a past visit of Hale's to Malaysia */
static void
test_there_past_visit (void)
{
  const char *body =
    "President Mara Quill will then travel to Malaysia, where she will become the first US president "
    "to visit since Tom Hale traveled there in 1966 as part of an Asian tour.";
  g_autoptr(GPtrArray) itineraries = build (body);
  gboolean found = FALSE;

  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      g_autofree char *places = route (itinerary);

      if (g_strcmp0 (nd_itinerary_get_traveller (itinerary), "Tom Hale") != 0)
        continue;
      g_assert_false (nd_itinerary_get_ordered (itinerary));
      g_assert_cmpstr (places, ==, "Malaysia");
      found = TRUE;
    }
  g_assert_true (found);
  {
    g_autofree char *quill = route (trip_of (itineraries, "Mara Quill"));

    g_assert_cmpstr (quill, ==, "Malaysia");
  }
}

/* Sixth session. "The week-long mission will make stops in A, B": a
 * trip named with a hyphenated modifier is the subject, and its
 * traveller is the one who leads it */
static void
test_hyphenated_trip_subject (void)
{
  assert_route ("Governor Lena Hartmann will lead an economic development mission, including "
                "representatives from three firms, to the region next month.\n\n"
                "The week-long mission will make stops in Osaka, Nagoya and Tokyo to meet with business leaders.",
                "Lena Hartmann", "Osaka > Nagoya > Tokyo");
}

/* "has so far traveled to A, B and C": past visits, kept apart from the
 * trip to come, with any of the adverbs that say "up to now" */
static void
test_past_with_adverbs (void)
{
  const char *adverbs[] = { "so far", "thus far", "to date", "already", "recently" };

  for (guint i = 0; i < G_N_ELEMENTS (adverbs); i++)
    {
      g_autofree char *body = g_strdup_printf ("Bishop Marco Ferri plans to go to Bulgaria in April and to Cyprus in June.\n\n"
                                               "Bishop Ferri has %s traveled to Istanbul, Cairo and Damascus.",
                                               adverbs[i]);
      g_autoptr(GPtrArray) itineraries = build (body);
      g_autofree char *found = route (trip_of (itineraries, "Marco Ferri"));
      gboolean past = FALSE;

      g_assert_cmpstr (found, ==, "Bulgaria > Cyprus");
      for (guint k = 0; k < itineraries->len; k++)
        {
          NdItinerary *itinerary = g_ptr_array_index (itineraries, k);

          past |= !nd_itinerary_get_ordered (itinerary) && nd_itinerary_get_stops (itinerary)->len == 3;
        }
      g_assert_true (past);
    }
}

/* "X, along with a delegation, ... The delegation will travel to A and
 * B": the group is the one who heads it, even before X has a stop */
static void
test_delegation_of_a_leader (void)
{
  assert_route ("Opposition Leader Marco Ferri, along with a delegation of senior party members, "
                "continues his tour of the diaspora next month.\n\n"
                "The delegation will travel to London and Birmingham to meet supporters.",
                "Marco Ferri", "London > Birmingham");
  assert_route ("Mayor Ana Lopes will this weekend fly out at the head of a 39-member delegation "
                "that aims to strengthen business ties.\n\n"
                "The delegation will be on the road for seven days, visiting Beijing, Tianjin and Shanghai.",
                "Ana Lopes", "Beijing > Tianjin > Shanghai");
}

/* "Other delegates included A and B": they travel with the delegation */
static void
test_other_delegates (void)
{
  const char *body = "Mayor Ana Lopes will lead a delegation to China next month. The delegation will visit "
                     "Beijing and Shanghai.\n\n"
                     "Other delegates included Olga Lind from Education Wellington and Tomas Brandt from the "
                     "Rugby Union.";

  assert_route (body, "Ana Lopes", "Beijing > Shanghai");
  assert_route (body, "Olga Lind", "Beijing > Shanghai");
  assert_route (body, "Tomas Brandt", "Beijing > Shanghai");
}

/* "after conferring with X, the U.S. coordinator, who returned from a
 * visit to A, B and C": the relative clause after an apposition tells
 * X's trip, not the subject's */
static void
test_relative_after_apposition (void)
{
  g_autoptr(GPtrArray) itineraries = build ("Secretary Lena Hartmann will visit Cairo next month.\n\n"
                                            "Hartmann said she made the decision after conferring with Marco "
                                            "Ferri, the U.S. coordinator for the peace talks, who returned from a "
                                            "visit to Israel, Egypt and Jordan this week.");
  g_autofree char *hartmann = route (trip_of (itineraries, "Lena Hartmann"));
  NdItinerary *ferri = trip_of (itineraries, "Marco Ferri");

  g_assert_cmpstr (hartmann, ==, "Cairo");
  g_assert_cmpuint (nd_itinerary_get_stops (ferri)->len, ==, 3);
}

/* "In Algeria, Lula will sign ...": a place put first is a stop of
 * the one doing something there when he travels anywhere in the
 * article, told before or after; ", and, in Rio, he will attend": the
 * same inside a sentence */
static void
test_fronted_place_anywhere (void)
{
  assert_route ("President Tomas Varga arrived in Algiers on Wednesday.\n\n"
                "In Algeria, Varga will sign agreements on transport and trade.\n\n"
                "Tomorrow evening Varga flies to Benin, followed by Botswana.",
                "Tomas Varga", "Algiers > Benin > Botswana");
  assert_route ("In Namibia, President Tomas Varga will sign agreements on transport and trade.\n\n"
                "Tomorrow evening Varga flies to Benin, followed by Botswana.",
                "Tomas Varga", "Namibia > Benin > Botswana");
  assert_route ("Secretary Lena Hartmann will travel to Brazil next week.\n\n"
                "In Brasilia, she will talk with the president, and, in Recife, she will attend a "
                "meeting of foreign ministers.",
                "Lena Hartmann", "Brasilia > Recife");
  assert_route ("President Tomas Varga flew to Taipei on Monday.\n\n"
                "In Lisbon, he has scheduled meetings with bankers.",
                "Tomas Varga", "Taipei > Lisbon");
}

/* One list of title words serves every pattern that reads who is named
 * next: "and city councillor X", ", opposition leader X and first lady
 * Y", "From A, billionaire founder X will travel to B" */
static void
test_shared_title_words (void)
{
  const char *body = "Mayor Ana Lopes and city councillor Olga Lind will travel to Beijing and Shanghai next week.\n\n"
                     "President Tomas Varga, opposition leader Marco Ferri and first lady Lena Hartmann flew to "
                     "Lima on Monday.\n\n"
                     "From Lima, billionaire founder Bill Gates will travel to Quito.";

  assert_route (body, "Olga Lind", "Beijing > Shanghai");
  assert_route (body, "Tomas Varga", "Lima");
  assert_route (body, "Lena Hartmann", "Lima");
  assert_route (body, "Bill Gates", "Lima > Quito");
}

/* Not travellers: "senior advisers to X and Y would be meeting in A"
 * (the advisers meet), "the delegation has met figures including X and
 * Y" (the people met, not the delegation's members) */
static void
test_advisers_and_people_met (void)
{
  g_autoptr(GPtrArray) advisers = build ("Secretary Ana Lopes arrived in Cairo on Monday.\n\n"
                                         "Lopes said senior advisers to Prime Minister Tomas Varga and President "
                                         "Marco Ferri would be meeting in Washington next week.");
  g_autoptr(GPtrArray) met = build ("Chairman Tomas Varga will attend a dinner on Thursday in Beijing.\n\n"
                                    "In the past the delegation has met figures including President Marco Ferri "
                                    "and former president Lena Hartmann.");

  for (guint i = 0; i < advisers->len; i++)
    {
      const char *who = nd_itinerary_get_traveller (g_ptr_array_index (advisers, i));

      g_assert_cmpstr (who, !=, "Tomas Varga");
      g_assert_cmpstr (who, !=, "Marco Ferri");
    }
  g_assert_cmpuint (met->len, ==, 1);
  g_assert_cmpstr (nd_itinerary_get_traveller (g_ptr_array_index (met, 0)), ==, "Tomas Varga");
}

/* "The foreign minister will then fly to Libya": a title with a
 * lower-case modifier refers back to the traveller like "the minister" */
static void
test_modified_lower_case_title (void)
{
  assert_route ("Foreign affairs minister Ana Lopes will visit Kenya on Friday.\n\n"
                "Lopes would speak to the gathering of ambassadors.\n\n"
                "The foreign minister will then fly to Libya on Sunday.",
                "Ana Lopes", "Kenya > Libya");
}

/* "His engagements in South Africa will span across A, B and C": the
 * trip's engagements name its stops */
static void
test_engagements_span (void)
{
  assert_route ("Prime Minister Tomas Varga will arrive in Maputo on Thursday morning.\n\n"
                "After concluding his engagements in Mozambique, he will leave for South Africa on "
                "Thursday evening.\n\n"
                "His engagements in South Africa will span across Pretoria, Durban and Pietermaritzburg "
                "on Friday and Saturday.",
                "Tomas Varga", "Maputo > Pretoria > Durban > Pietermaritzburg");
}

/* Has `traveller` no itinerary at all? */
static gboolean
no_trip (GPtrArray  *itineraries,
         const char *traveller)
{
  for (guint i = 0; i < itineraries->len; i++)
    if (g_strcmp0 (nd_itinerary_get_traveller (g_ptr_array_index (itineraries, i)), traveller) == 0)
      return FALSE;
  return TRUE;
}

/* "X and Y, his foreign minister, were greeted ... in Lima": Y, named
 * with a traveller as the subject of a sentence naming the traveller's
 * stop, travels there too; "X and Z discussed trade in Quito" (Z may
 * be the host)
 * and "officials of A" (no stop of that sentence) do not; a spouse
 * ("X and his wife, Y") goes wherever X goes */
static void
test_co_subject (void)
{
  const char *body = "President Tomas Varga arrived in Lima on Monday and will fly to Quito on Wednesday.\n\n"
                     "Varga and Ana Lopes, his foreign minister, were greeted by a guard of honour at the "
                     "palace in Lima.\n\n"
                     "Varga and President Marco Ferri discussed trade in Quito.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autoptr(GPtrArray) officials = build ("President Tomas Varga arrived in Nice on Monday before heading to "
                                          "Monaco and France.\n\n"
                                          "Varga and Ana Lopes, his foreign minister, were greeted by officials "
                                          "of Monaco and France at the airport.");
  /* (a spouse goes along, though: "Varga and his wife, Ana Lopes") */
  const char *spouse = "President Tomas Varga arrived in Nice on Monday before heading to Monaco and France.\n\n"
                       "Varga and his wife, Ana Lopes, were greeted by officials of Monaco and France at the "
                       "airport.";

  assert_route (body, "Tomas Varga", "Lima > Quito");
  assert_route (body, "Ana Lopes", "Lima");
  g_assert_true (no_trip (itineraries, "Marco Ferri"));
  g_assert_true (no_trip (officials, "Ana Lopes"));
  assert_route (spouse, "Ana Lopes", "Nice > Monaco > France");
}

/* "A would be going, as well as B", "travelling with him are C and D",
 * "C and D will also travel with the minister":
 * the people such a sentence names go on the trip; the one who says so
 * does not */
static void
test_going_along (void)
{
  const char *body = "Mayor Greta Holm will lead a delegation to Beijing and Shanghai next week.\n\n"
                     "Export business owner Olga Lind would be going, as well as Marco Ferri from the "
                     "regional exporters' association, organiser Tomas Varga said.";
  const char *with = "Trade Minister Ana Lopes will fly to Nairobi and Kampala on Sunday.\n\n"
                     "Travelling with her are Deputy Secretary Erik Lund and adviser Maria Santos.";
  g_autoptr(GPtrArray) itineraries = build (body);

  assert_route (body, "Greta Holm", "Beijing > Shanghai");
  assert_route (body, "Olga Lind", "Beijing > Shanghai");
  assert_route (body, "Marco Ferri", "Beijing > Shanghai");
  g_assert_true (no_trip (itineraries, "Tomas Varga"));
  assert_route (with, "Erik Lund", "Nairobi > Kampala");
  assert_route (with, "Maria Santos", "Nairobi > Kampala");
  assert_route ("Trade Minister Ana Lopes will fly to Nairobi and Kampala on Sunday.\n\n"
                "Deputy Secretary Erik Lund and adviser Maria Santos will also travel with the minister.",
                "Maria Santos", "Nairobi > Kampala");
}

/* "X, his wife Y and Z arrived in A", "X and his adviser Y flew to B":
 * a relative or a title after "his" joins a list of travellers; "the
 * delegation will also include C and D": they go too */
static void
test_family_in_list (void)
{
  const char *body = "President Tomas Varga, his wife Ana Lopes and adviser Erik Lund arrived in Lima on "
                     "Monday.";
  const char *adviser = "Mayor Greta Holm and her deputy Marco Ferri flew to Osaka on Monday.";
  const char *include = "Trade Minister Olga Lind will fly to Nairobi and Kampala on Sunday.\n\n"
                        "The delegation will also include Deputy Secretary Erik Lund and adviser Maria Santos.";

  assert_route (body, "Tomas Varga", "Lima");
  assert_route (body, "Ana Lopes", "Lima");
  assert_route (body, "Erik Lund", "Lima");
  assert_route (adviser, "Marco Ferri", "Osaka");
  assert_route (include, "Erik Lund", "Nairobi > Kampala");
  assert_route (include, "Maria Santos", "Nairobi > Kampala");
}

/* "LIMA, Peru — X and Y, his foreign minister, flew here on Sunday":
 * the stop the sentence tells, though it names no place of its own, is
 * Y's too; X's later stops are not */
static void
test_co_subject_dateline (void)
{
  const char *body = "LIMA, Peru — President Tomas Varga and Ana Lopes, his foreign minister, flew here on "
                     "Sunday for a three-day visit.\n\n"
                     "Varga will travel to Quito on Wednesday.";

  assert_route (body, "Tomas Varga", "Lima > Quito");
  assert_route (body, "Ana Lopes", "Lima");
}

/* "King X and Queen Y opened a museum ... The royals will travel to
 * A": the royals are the two named together, though neither travelled
 * yet */
static void
test_couple_named_together (void)
{
  const char *royals = "King Harald and Queen Sonja opened the new museum on Friday.\n\n"
                       "The royals will travel to Chile next month.";

  assert_route (royals, "King Harald", "Chile");
  assert_route (royals, "Queen Sonja", "Chile");
}

/* "A and B are accompanying the minister", "members of the delegation
 * are C and D": they travel the minister's stops */
static void
test_accompanying_and_members (void)
{
  const char *accompanying = "Health Minister Ana Lopes will fly to Geneva on Sunday for the assembly.\n\n"
                             "Deputy Secretary Erik Lund and adviser Maria Santos are accompanying the minister.";
  const char *members = "Mayor Greta Holm will lead a delegation to Osaka and Kyoto next week.\n\n"
                        "Other members of the delegation are councillor Olga Lind and Marco Ferri.";

  assert_route (accompanying, "Erik Lund", "Geneva");
  assert_route (accompanying, "Maria Santos", "Geneva");
  assert_route (members, "Olga Lind", "Osaka > Kyoto");
  assert_route (members, "Marco Ferri", "Osaka > Kyoto");
}

/* "Among her delegation are C and D": they go along ("Joining Lopes on
 * the trip are A and B" reads as "on the trip are") */
static void
test_joining_on_the_trip (void)
{
  const char *joining = "Foreign Minister Ana Lopes will travel to Hanoi and Manila next week.\n\n"
                        "Joining Lopes on the trip are Deputy Secretary Erik Lund and adviser Maria Santos.";
  const char *among = "Governor Greta Holm will visit Osaka and Kyoto next week.\n\n"
                      "Among her delegation are councillor Olga Lind and Marco Ferri.";

  assert_route (joining, "Erik Lund", "Hanoi > Manila");
  assert_route (joining, "Maria Santos", "Hanoi > Manila");
  assert_route (among, "Olga Lind", "Osaka > Kyoto");
  assert_route (among, "Marco Ferri", "Osaka > Kyoto");
}

/* "X will be accompanied on the trip by A", "X's wife, B, will also
 * make the trip": they travel X's stops (not X's own name in "X's") */
static void
test_make_the_trip (void)
{
  const char *body = "Prime Minister Tomas Varga will visit Hanoi and Manila next week.\n\n"
                     "Varga will be accompanied on the trip by Deputy Secretary Erik Lund.\n\n"
                     "Varga's wife, Ana Lopes, will also make the trip.";

  assert_route (body, "Tomas Varga", "Hanoi > Manila");
  assert_route (body, "Erik Lund", "Hanoi > Manila");
  assert_route (body, "Ana Lopes", "Hanoi > Manila");
}

/* A host at home is no traveller: "Cuban President X met President Y in
 * Havana ... at the airport to greet Y"; "his visit to Moscow's old
 * ally" is no stop in Moscow */
static void
test_host_at_home (void)
{
  const char *body = "HAVANA — Cuban President Rafael Ortiz met Russian President Ivan Petrov in Havana late "
                     "Wednesday at the start of his visit to Moscow's old ally.\n\n"
                     "Ortiz was at the airport to greet Petrov, who arrived shortly before midnight.";
  g_autoptr(GPtrArray) itineraries = build (body);

  g_assert_false (travels (itineraries, "Rafael Ortiz"));
  assert_route (body, "Ivan Petrov", "Havana");
}

/* Under a dateline, one from abroad welcomed in the opening sentence is
 * there; "Y's wife, Z" goes along; the one welcoming stays home */
static void
test_welcomed_and_spouse (void)
{
  const char *body = "OSLO — Norwegian Prime Minister Kari Dahl rolled out the red carpet Friday for Indian "
                     "Prime Minister Arjun Mehta as the two opened a trade fair.\n\n"
                     "Dahl's husband, Olav, was present for the ceremony, along with Mehta's Delhi-born "
                     "wife, Leela, who wore a sari.";
  g_autoptr(GPtrArray) itineraries = build (body);

  assert_route (body, "Arjun Mehta", "Oslo");
  assert_route (body, "Leela", "Oslo");
  g_assert_false (travels (itineraries, "Kari Dahl"));
  g_assert_false (travels (itineraries, "Olav"));
}

/* "before leaving Kenya for Uganda": the place left is a stop of one who
 * is abroad there, before the country left for; not of one at home */
static void
test_left_abroad (void)
{
  const char *abroad = "The British Foreign Secretary, Joan Whitby, arrived in Kampala yesterday.\n\n"
                       "Earlier, at a press conference before leaving Kenya for Uganda, Mrs Whitby declined "
                       "to comment on the talks.";
  const char *home = "The Kenyan runner Ann Wambui left Kenya for London on Monday to race in the marathon.";

  assert_route (abroad, "Joan Whitby", "Kenya > Kampala");
  assert_route (home, "Ann Wambui", "London");
}

/* "The last visit to Chile from Spain was by Spanish king X in 1995":
 * a past visit of X, not of the one named before */
static void
test_visit_was_by (void)
{
  const char *body = "President Ana Lopes arrived in Santiago on Monday for a three-day visit.\n\n"
                     "The last visit to Chile by a European head of state was by former Spanish king "
                     "Juan Ortega in 1995.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *past = past_route (itineraries, "Juan Ortega");

  assert_route (body, "Ana Lopes", "Santiago");
  g_assert_cmpstr (past, ==, "Chile");
}

/* "She made a brief visit last week to A and B in the West Bank": a
 * visit before the trip, and "in the West Bank" says where B lies */
static void
test_visit_last_week (void)
{
  const char *body = "Minister Ana Lopes plans to fly to Cairo on Monday and then head to Amman.\n\n"
                     "She made a brief visit last week to Hebron and Jericho in the West Bank.";
  g_autoptr(GPtrArray) itineraries = build (body);
  g_autofree char *past = past_route (itineraries, "Ana Lopes");

  assert_route (body, "Ana Lopes", "Cairo > Amman");
  g_assert_cmpstr (past, ==, "Hebron > Jericho");
}

/* "X told reporters that the ministry's office would stay in A": what
 * is said of another subject is no stop of the one speaking */
static void
test_speaker_not_subject (void)
{
  assert_route ("Minister Ana Lopes will fly to Lima on Monday.\n\n"
                "Lopes told reporters on Sunday that the ministry's trade office would stay in Quito "
                "to keep ties with the region.",
                "Ana Lopes", "Lima");
}

/* "He came here after concluding his state visit to A": A before the
 * place told last (not the region of "the fourth leg of his tour of
 * Latin America") */
static void
test_came_here_after (void)
{
  assert_route ("President Ola Berg arrived in Brazil on Wednesday for a working visit. Brazil is the "
                "fourth leg of his six-nation tour of Latin America. He came here after concluding his "
                "state visit to Uruguay.",
                "Ola Berg", "Uruguay > Brazil");
}

/* "is returning to Lesotho" ends the trip; "about to board a plane in
 * Denver" is where the traveller was; "Archbishop Mabuza" is Peter
 * Mabuza */
static void
test_returning_and_boarding (void)
{
  assert_route ("Archbishop Peter Mabuza did not cancel a trip to Ohio because of an emergency, his "
                "office said.\n\n"
                "\"Archbishop Mabuza is returning to Lesotho,\" an aide said.\n\n"
                "The organiser said Mabuza was about to board a Columbus-bound plane in Denver on Tuesday.",
                "Peter Mabuza", "Denver > Lesotho");
}

/* "X's entourage who arrived aboard the same plane included A and B":
 * they travel X's stops */
static void
test_entourage_same_plane (void)
{
  const char *body = "President Li Wen arrived in Lima on Monday for a state visit. Li's entourage who "
                     "arrived aboard the same plane included Vice Premier Wang Tao and Foreign Minister "
                     "Zhou Ming.";

  assert_route (body, "Wang Tao", "Lima");
  assert_route (body, "Zhou Ming", "Lima");
}

/* "taking him to the American South, the West, Detroit and Fort
 * Wilson, Canada": regions the gazetteer lacks do not end the list, a
 * fort is a place; "asked if he would like to ... visit X" is no trip */
static void
test_regions_and_conditions (void)
{
  assert_route ("Pope Peter Paul III was in good spirits. An aide asked a worshipper if he would like "
                "to return the call and visit the Vatican.\n\n"
                "His 12th trip will begin Thursday, taking him to the American South, the West, Detroit "
                "and Fort Wilson, Canada.",
                "Pope Peter Paul III", "Detroit > Fort Wilson > Canada");
}

/* "X last visited the region in 2024 when she attended a meeting in A.
 * She also travelled to B May last year": two visits before the trip,
 * each an unordered itinerary of its own */
static void
test_last_visited (void)
{
  const char *body = "Foreign Minister Ana Lopes will visit Peru, Chile and Bolivia next week.\n\n"
                     "Lopes last visited the region in August 2024 when she attended a forum in Quito.\n\n"
                     "She also travelled to Panama May last year, where she announced new aid.";
  g_autoptr(GPtrArray) itineraries = build (body);
  guint n_past = 0;

  assert_route (body, "Ana Lopes", "Peru > Chile > Bolivia");
  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      g_autofree char *places = NULL;

      if (nd_itinerary_get_ordered (itinerary))
        continue;
      places = route (itinerary);
      g_assert_true (g_strcmp0 (places, "Quito") == 0 || g_strcmp0 (places, "Panama") == 0);
      n_past++;
    }
  g_assert_cmpuint (n_past, ==, 2);
}

/* "Later, she proceeded for Multan"; a town whose name is a common word
 * ("Saddle"), always capitalised and named after "to", "in" and "from",
 * is a place */
static void
test_proceeded_and_common_word_town (void)
{
  assert_route ("Activist Ana Lopes visited her hometown Saddle valley on Saturday. She said she came to "
                "Saddle to open a school.\n\n"
                "Later, she proceeded for Multan. During her visit to Saddle, she met old friends.",
                "Ana Lopes", "Saddle > Multan");
}

/* "followed up her journey to A with a later visit to war-torn B": a
 * hyphenated adjective before a place does not end the trip */
static void
test_hyphenated_adjective (void)
{
  assert_route ("Princess Ana was busy all year.\n\n"
                "She followed up her journey to Angola with a later visit to quake-hit Nepal, "
                "championing the cause.",
                "Princess Ana", "Angola > Nepal");
}

/* "The Kiwi Ferns left Auckland for London": a team as the subject
 * travels as the people named as its captain and coach (not a former
 * coach) */
static void
test_squad_members (void)
{
  const char *body = "The Kiwi Ferns left Auckland for London on Thursday to defend their title.\n\n"
                     "They will play under the same captain, Mere Tane, and a new head coach, Lisa Holt, "
                     "who was an assistant to former coach Joan Reid.";
  g_autoptr(GPtrArray) itineraries = build (body);

  assert_route (body, "Mere Tane", "London");
  assert_route (body, "Lisa Holt", "London");
  g_assert_false (travels (itineraries, "Joan Reid"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/itinerary-order/after-clause", test_after_clause);
  g_test_add_func ("/itinerary-order/before-clause", test_before_clause);
  g_test_add_func ("/itinerary-order/pair-cues", test_pair_cues);
  g_test_add_func ("/itinerary-order/dates-without-year", test_dates_without_year);
  g_test_add_func ("/itinerary-order/final-return", test_final_return);
  g_test_add_func ("/itinerary-order/bare-in", test_bare_in);
  g_test_add_func ("/itinerary-order/return-date", test_return_date);
  g_test_add_func ("/itinerary-order/place-headings", test_place_headings);
  g_test_add_func ("/itinerary-order/more-cues", test_more_cues);
  g_test_add_func ("/itinerary-order/transit-and-descriptors", test_transit_and_descriptors);
  g_test_add_func ("/itinerary-order/list-date", test_list_date);
  g_test_add_func ("/itinerary-order/companions-and-past", test_companions_and_past);
  g_test_add_func ("/itinerary-order/tour-so-far", test_tour_so_far);
  g_test_add_func ("/itinerary-order/family-name-first", test_family_name_first);
  g_test_add_func ("/itinerary-order/dateline", test_dateline);
  g_test_add_func ("/itinerary-order/two-travellers", test_two_travellers);
  g_test_add_func ("/itinerary-order/trip-sentences", test_trip_sentences);
  g_test_add_func ("/itinerary-order/envoy-of", test_envoy_of);
  g_test_add_func ("/itinerary-order/place-labels", test_place_labels);
  g_test_add_func ("/itinerary-order/regnal-and-following", test_regnal_and_following);
  g_test_add_func ("/itinerary-order/the-title", test_the_title);
  g_test_add_func ("/itinerary-order/new-year", test_new_year);
  g_test_add_func ("/itinerary-order/title-names", test_title_names);
  g_test_add_func ("/itinerary-order/latest-stop", test_latest_stop);
  g_test_add_func ("/itinerary-order/team-members", test_team_members);
  g_test_add_func ("/itinerary-order/latest-stop-past-list", test_latest_stop_past_list);
  g_test_add_func ("/itinerary-order/couple-and-concludes", test_couple_and_concludes);
  g_test_add_func ("/itinerary-order/modified-title", test_modified_title);
  g_test_add_func ("/itinerary-order/unknown-site", test_unknown_site);
  g_test_add_func ("/itinerary-order/list-possessor", test_list_possessor);
  g_test_add_func ("/itinerary-order/title-of-traveller", test_title_of_traveller);
  g_test_add_func ("/itinerary-order/simple-past-before-trip", test_simple_past_before_trip);
  g_test_add_func ("/itinerary-order/then-after-last-told", test_then_after_last_told);
  g_test_add_func ("/itinerary-order/conclude-longer-tour", test_conclude_longer_tour);
  g_test_add_func ("/itinerary-order/there-past-visit", test_there_past_visit);
  g_test_add_func ("/itinerary-order/hyphenated-trip-subject", test_hyphenated_trip_subject);
  g_test_add_func ("/itinerary-order/past-with-adverbs", test_past_with_adverbs);
  g_test_add_func ("/itinerary-order/delegation-of-a-leader", test_delegation_of_a_leader);
  g_test_add_func ("/itinerary-order/other-delegates", test_other_delegates);
  g_test_add_func ("/itinerary-order/relative-after-apposition", test_relative_after_apposition);
  g_test_add_func ("/itinerary-order/fronted-place-anywhere", test_fronted_place_anywhere);
  g_test_add_func ("/itinerary-order/shared-title-words", test_shared_title_words);
  g_test_add_func ("/itinerary-order/advisers-and-people-met", test_advisers_and_people_met);
  g_test_add_func ("/itinerary-order/modified-lower-case-title", test_modified_lower_case_title);
  g_test_add_func ("/itinerary-order/engagements-span", test_engagements_span);
  g_test_add_func ("/itinerary-order/co-subject", test_co_subject);
  g_test_add_func ("/itinerary-order/going-along", test_going_along);
  g_test_add_func ("/itinerary-order/family-in-list", test_family_in_list);
  g_test_add_func ("/itinerary-order/co-subject-dateline", test_co_subject_dateline);
  g_test_add_func ("/itinerary-order/couple-named-together", test_couple_named_together);
  g_test_add_func ("/itinerary-order/accompanying-and-members", test_accompanying_and_members);
  g_test_add_func ("/itinerary-order/joining-on-the-trip", test_joining_on_the_trip);
  g_test_add_func ("/itinerary-order/make-the-trip", test_make_the_trip);
  g_test_add_func ("/itinerary-order/host-at-home", test_host_at_home);
  g_test_add_func ("/itinerary-order/welcomed-and-spouse", test_welcomed_and_spouse);
  g_test_add_func ("/itinerary-order/left-abroad", test_left_abroad);
  g_test_add_func ("/itinerary-order/visit-was-by", test_visit_was_by);
  g_test_add_func ("/itinerary-order/visit-last-week", test_visit_last_week);
  g_test_add_func ("/itinerary-order/speaker-not-subject", test_speaker_not_subject);
  g_test_add_func ("/itinerary-order/came-here-after", test_came_here_after);
  g_test_add_func ("/itinerary-order/returning-and-boarding", test_returning_and_boarding);
  g_test_add_func ("/itinerary-order/entourage-same-plane", test_entourage_same_plane);
  g_test_add_func ("/itinerary-order/regions-and-conditions", test_regions_and_conditions);
  g_test_add_func ("/itinerary-order/last-visited", test_last_visited);
  g_test_add_func ("/itinerary-order/proceeded-and-common-word-town", test_proceeded_and_common_word_town);
  g_test_add_func ("/itinerary-order/hyphenated-adjective", test_hyphenated_adjective);
  g_test_add_func ("/itinerary-order/squad-members", test_squad_members);

  return g_test_run ();
}
