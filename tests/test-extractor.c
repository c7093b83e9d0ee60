/* test-extractor.c — tokens, sentences, people, places, organisations,
 * dates, coreference and offsets, as a user of the extract command sees
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "test-common.h"

/* Helpers */

typedef struct
{
  char      *body;
  GPtrArray *entities;
} Result;

static void
result_free (Result *result)
{
  g_free (result->body);
  g_ptr_array_unref (result->entities);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* Extracts `body` and checks every mention against the text it indexes */
static Result *
extract (const char *body,
         const char *published)
{
  Result *result = g_new0 (Result, 1);

  result->body = g_strdup (body);
  result->entities = nd_extractor_extract (result->body, published);
  g_assert_nonnull (result->entities);

  for (guint i = 0; i < result->entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (result->entities, i);

      g_assert_cmpuint (nd_entity_get_n_mentions (entity), >, 0);
      for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
        {
          const NdMention *mention = nd_entity_get_mention (entity, m);
          g_autofree char *text = g_utf8_substring (result->body, mention->start, mention->end);

          g_assert_cmpstr (text, ==, mention->text);
        }
    }

  return result;
}

static NdEntity *
find (Result       *result,
      NdEntityKind  kind,
      const char   *name)
{
  for (guint i = 0; i < result->entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (result->entities, i);

      if (nd_entity_get_kind (entity) == kind && g_strcmp0 (nd_entity_get_name (entity), name) == 0)
        return entity;
    }

  return NULL;
}

/* The entity of `kind` one of whose mentions is `text` */
static NdEntity *
find_mention (Result       *result,
              NdEntityKind  kind,
              const char   *text)
{
  for (guint i = 0; i < result->entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (result->entities, i);

      if (nd_entity_get_kind (entity) != kind)
        continue;
      for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
        if (strcmp (nd_entity_get_mention (entity, m)->text, text) == 0)
          return entity;
    }

  return NULL;
}

static guint
count_kind (Result       *result,
            NdEntityKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < result->entities->len; i++)
    if (nd_entity_get_kind (g_ptr_array_index (result->entities, i)) == kind)
      n++;

  return n;
}

static gboolean
has_mention (NdEntity   *entity,
             const char *text)
{
  for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
    if (strcmp (nd_entity_get_mention (entity, m)->text, text) == 0)
      return TRUE;

  return FALSE;
}

static char *
token_text (const char    *text,
            const NdToken *token)
{
  return g_strndup (text + token->start, token->end - token->start);
}

/* Tokens and sentences */

static void
test_tokens (void)
{
  const char *text = "Witkoff’s talks with the U.S. on Jan. 5 in Türkiye, al-Sisi's Gaza-Egypt plan.";
  const char *expected[] = {
    "Witkoff", "talks", "with", "the", "U.S.", "on", "Jan.", "5", "in", "Türkiye", ",",
    "al-Sisi", "Gaza-Egypt", "plan", ".", NULL
  };
  g_autoptr(GArray) tokens = nd_extract_tokenize (text);

  g_assert_cmpuint (tokens->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      const NdToken *token = &g_array_index (tokens, NdToken, i);
      g_autofree char *bytes = token_text (text, token);
      g_autofree char *chars = g_utf8_substring (text, token->cstart, token->cend);

      /* byte and code point offsets give the same text */
      g_assert_cmpstr (bytes, ==, expected[i]);
      g_assert_cmpstr (chars, ==, expected[i]);
    }

  /* possessives are left out of the word and flagged */
  g_assert_true (g_array_index (tokens, NdToken, 0).flags & ND_TOKEN_POSSESSIVE);
  g_assert_true (g_array_index (tokens, NdToken, 11).flags & ND_TOKEN_POSSESSIVE);
  g_assert_true (g_array_index (tokens, NdToken, 0).flags & ND_TOKEN_CAPITALIZED);
  g_assert_true (g_array_index (tokens, NdToken, 4).flags & ND_TOKEN_ABBREVIATION);
  g_assert_true (g_array_index (tokens, NdToken, 4).flags & ND_TOKEN_ALL_CAPS);
  g_assert_cmpint (g_array_index (tokens, NdToken, 7).kind, ==, ND_TOKEN_NUMBER);
  g_assert_true (g_array_index (tokens, NdToken, 9).flags & ND_TOKEN_NON_ASCII);
  /* "al-Sisi" is a name */
  g_assert_true (g_array_index (tokens, NdToken, 11).flags & ND_TOKEN_CAPITALIZED);
  g_assert_true (g_array_index (tokens, NdToken, 12).flags & ND_TOKEN_HYPHENATED);
  g_assert_cmpint (g_array_index (tokens, NdToken, 10).kind, ==, ND_TOKEN_PUNCT);
}

static void
test_tokens_numbers (void)
{
  const char *text = "It cost $1,000.50 on 2024-08-19 at 10:30.";
  g_autoptr(GArray) tokens = nd_extract_tokenize (text);
  g_autofree char *amount = token_text (text, &g_array_index (tokens, NdToken, 3));
  g_autofree char *date = token_text (text, &g_array_index (tokens, NdToken, 5));
  g_autofree char *time = token_text (text, &g_array_index (tokens, NdToken, 7));

  g_assert_cmpstr (amount, ==, "1,000.50");
  g_assert_cmpstr (date, ==, "2024-08-19");
  g_assert_cmpstr (time, ==, "10:30");
}

static void
assert_sentences (const char *text,
                  const char **expected)
{
  g_autoptr(GArray) sentences = nd_extract_split_sentences (text);

  g_assert_cmpuint (sentences->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      const NdTextSpan *span = &g_array_index (sentences, NdTextSpan, i);
      g_autofree char *sentence = g_utf8_substring (text, span->start, span->end);

      g_assert_cmpstr (sentence, ==, expected[i]);
    }
}

static void
test_sentences (void)
{
  const char *abbreviations[] = {
    "Dr. Miriam Stein met U.S. officials on Jan. 5 in Washington.",
    "They talked for an hour.",
    NULL
  };
  const char *acronym_end[] = {
    "The envoy flew to the U.S.",
    "The talks resumed on Monday!",
    "Will they last?",
    NULL
  };
  const char *lines[] = {
    "A Heading Without A Full Stop",
    "“We believe the talks are productive,” Kirby said.",
    "- a list item",
    NULL
  };
  const char *titles[] = {
    "U.S. Secretary of State Antony Blinken and Gen. Mark Milley arrived.",
    NULL
  };

  assert_sentences ("Dr. Miriam Stein met U.S. officials on Jan. 5 in Washington. They talked for an hour.",
                    abbreviations);
  assert_sentences ("The envoy flew to the U.S. The talks resumed on Monday! Will they last?", acronym_end);
  assert_sentences ("A Heading Without A Full Stop\n“We believe the talks are productive,” Kirby said.\n- a list item",
                    lines);
  assert_sentences ("U.S. Secretary of State Antony Blinken and Gen. Mark Milley arrived.", titles);
}

/* People */

static void
test_people_titles (void)
{
  g_autoptr(Result) result = extract (
    "Special Envoy Mitch Witkoff will travel to the region. Secretary of State Antony Blinken "
    "met Israeli Prime Minister Benjamin Netanyahu and Defense Minister Yoav Gallant. "
    "Dr. Miriam Stein, a political analyst, said the talks could falter.", NULL);
  NdEntity *witkoff = find (result, ND_ENTITY_PERSON, "Mitch Witkoff");
  NdEntity *blinken = find (result, ND_ENTITY_PERSON, "Antony Blinken");
  NdEntity *netanyahu = find (result, ND_ENTITY_PERSON, "Benjamin Netanyahu");
  NdEntity *gallant = find (result, ND_ENTITY_PERSON, "Yoav Gallant");
  NdEntity *stein = find (result, ND_ENTITY_PERSON, "Miriam Stein");

  /* titles are roles, not part of the name */
  g_assert_nonnull (witkoff);
  g_assert_cmpstr (nd_entity_get_role (witkoff), ==, "Special Envoy");
  g_assert_nonnull (blinken);
  g_assert_cmpstr (nd_entity_get_role (blinken), ==, "Secretary of State");
  g_assert_nonnull (netanyahu);
  g_assert_cmpstr (nd_entity_get_role (netanyahu), ==, "Prime Minister");
  g_assert_nonnull (gallant);
  g_assert_cmpstr (nd_entity_get_role (gallant), ==, "Defense Minister");
  g_assert_nonnull (stein);
  g_assert_cmpstr (nd_entity_get_role (stein), ==, "Dr.");

  /* "Israeli" says where, but is no place */
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Israeli"));
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 5);
}

/* A minister's portfolio, written before the name either way round
 * ("Minister of Industry X", "Minister for Fisheries X", "Mines Minister X") */
static void
test_people_portfolios (void)
{
  g_autoptr(Result) result = extract (
    "Minister of Industry Omar Haddad, Minister for Fisheries Lena Fischer and Mines Minister Tomas Brandt "
    "arrived on Monday.", NULL);
  NdEntity *haddad = find (result, ND_ENTITY_PERSON, "Omar Haddad");
  NdEntity *fischer = find (result, ND_ENTITY_PERSON, "Lena Fischer");
  NdEntity *brandt = find (result, ND_ENTITY_PERSON, "Tomas Brandt");

  g_assert_nonnull (haddad);
  g_assert_cmpstr (nd_entity_get_role (haddad), ==, "Minister of Industry");
  g_assert_nonnull (fischer);
  g_assert_cmpstr (nd_entity_get_role (fischer), ==, "Minister for Fisheries");
  g_assert_nonnull (brandt);
  g_assert_cmpstr (nd_entity_get_role (brandt), ==, "Mines Minister");
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 3);
}

/* A ruler's or cleric's title between a given name and a name is part of
 * the name ("Hassan Sheikh Mohamud"; Hassan is a town too); before a
 * name it stays a title ("Sheikh Mohammed bin Rashid"), and a town after
 * "in" stays a town */
static void
test_people_title_inside_name (void)
{
  g_autoptr(Result) result = extract (
    "Hassan Sheikh Mohamud arrived on Monday and met Sheikh Mohammed bin Rashid. Crowds in Hassan "
    "King Charles had visited cheered.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Hassan Sheikh Mohamud"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Sheikh Mohamud"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Mohammed bin Rashid"));
  g_assert_cmpstr (nd_entity_get_role (find (result, ND_ENTITY_PERSON, "Mohammed bin Rashid")), ==, "Sheikh");
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "King Charles"));
}

static void
test_people_names (void)
{
  g_autoptr(Result) result = extract (
    "The deal was signed by Brett McGurk and Hugh Grant. Jennifer Robinson, one of his lawyers, "
    "told reporters it was a historic day. Officials said little.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Brett McGurk"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Hugh Grant"));
  /* a given name, then a surname that is also a town's name */
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Jennifer Robinson"));
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Robinson"));
  /* a capitalised word at a sentence start is no name */
  g_assert_null (find_mention (result, ND_ENTITY_PERSON, "Officials"));
}

/* A given name that is a town (George, South Africa), then a surname that
 * is a town too (Mitchell, South Dakota); regnal numbers of any size */
static void
test_people_town_names (void)
{
  g_autoptr(Result) result = extract (
    "George Mitchell arrived in Cairo on Tuesday. Pope Leo XIV met Pope Emeritus Clement XV. "
    "Flights from Austin, Dallas and Victoria resumed.", NULL);
  NdEntity *clement;

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "George Mitchell"));
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Mitchell"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Pope Leo XIV"));
  clement = find (result, ND_ENTITY_PERSON, "Clement XV");
  g_assert_nonnull (clement);
  g_assert_cmpstr (nd_entity_get_role (clement), ==, "Pope Emeritus");
  /* towns in a list stay towns */
  g_assert_nonnull (find_mention (result, ND_ENTITY_PLACE, "Austin"));
  g_assert_nonnull (find_mention (result, ND_ENTITY_PLACE, "Dallas"));
}

static void
test_people_royal (void)
{
  g_autoptr(Result) result = extract ("Pope Francis met Queen Margrethe II in Rome. Francis spoke first.", NULL);
  g_autoptr(Result) two_words = extract ("After Pope Peter Paul III had said Mass in Lyon, the crowd left.", NULL);
  NdEntity *pope = find (result, ND_ENTITY_PERSON, "Pope Francis");

  g_assert_nonnull (pope);
  g_assert_true (has_mention (pope, "Francis"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Queen Margrethe II"));
  /* a regnal name of two words keeps its title too */
  g_assert_nonnull (find (two_words, ND_ENTITY_PERSON, "Pope Peter Paul III"));
}

/* A surname used alone that travels is a person, at a sentence start
 * too: "Ballard arrives in Delhi", "Ballard will fly to Pune"; "Gates"
 * is also a common word */
static void
test_surname_that_travels (void)
{
  g_autoptr(Result) result = extract ("Nobody would talk about Gates' plans. Gates arrives in Delhi on "
                                      "March 3. Here Gates will meet customers.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Gates"));
  g_assert_null (find (result, ND_ENTITY_ORGANIZATION, "Gates"));
}

/* "Fort Wilson, Canada": a place, though Fort is also a given name and
 * Wilson a surname */
static void
test_fort_place (void)
{
  g_autoptr(Result) result = extract ("The bishop will fly to Detroit and Fort Wilson, Canada, next week.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Fort Wilson"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Fort Wilson"));
}

/* Titles that name their one holder: "the Dalai Lama", "the Emir of
 * Zorland" are people; "the Prince" is the prince named before; a title
 * after a given name and a comma is that person's */
static void
test_people_title_names (void)
{
  g_autoptr(Result) result = extract (
    "The Dalai Lama left Dharamsala on Sunday. Dalai Lama's aides said he was well. "
    "Prince Osric will meet the Emir of Qatar in Doha, and the Prince will then fly home. "
    "Prince Osric and Rowena, Duchess of Kent, will visit Malta. Rowena will also see the Pope.", NULL);
  NdEntity *lama = find (result, ND_ENTITY_PERSON, "Dalai Lama");
  NdEntity *osric = find (result, ND_ENTITY_PERSON, "Prince Osric");
  NdEntity *rowena = find (result, ND_ENTITY_PERSON, "Rowena");

  g_assert_nonnull (lama);
  g_assert_cmpuint (nd_entity_get_n_mentions (lama), ==, 2);
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Emir of Qatar"));
  /* the place in the title is still no stop of anyone's */
  g_assert_nonnull (osric);
  g_assert_true (has_mention (osric, "Prince"));
  g_assert_nonnull (rowena);
  g_assert_true (has_mention (rowena, "Duchess of Kent"));
  g_assert_cmpuint (nd_entity_get_n_mentions (rowena), ==, 3);
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Pope"));
  /* a ruler's regnal name the name lists lack; "the Emperor" after
   * another emperor was named in passing is still the one named most */
  {
    g_autoptr(Result) rulers = extract ("Emperor Tavuro and Empress Nelwyn will visit Malta. Emperor Tavuro "
                                        "met the Emperor's father, Emperor Olduro, in 1963. "
                                        "The Emperor will speak in Valletta.", NULL);
    NdEntity *tavuro = find (rulers, ND_ENTITY_PERSON, "Emperor Tavuro");
    NdEntity *olduro = find (rulers, ND_ENTITY_PERSON, "Emperor Olduro");

    g_assert_nonnull (tavuro);
    g_assert_nonnull (olduro);
    g_assert_nonnull (find (rulers, ND_ENTITY_PERSON, "Empress Nelwyn"));
    g_assert_cmpuint (nd_entity_get_n_mentions (tavuro), ==, 4);
    g_assert_cmpuint (nd_entity_get_n_mentions (olduro), ==, 1);
  }
  /* "the Duke and Duchess of Kent" are two people, and "the Duke" later
   * is the first of them */
  {
    g_autoptr(Result) couple = extract ("THE Duke and Duchess of Kent will tour Peru. Aides said the Duke "
                                        "and the Duchess were pleased.", NULL);
    NdEntity *duke = find (couple, ND_ENTITY_PERSON, "Duke of Kent");
    NdEntity *duchess = find (couple, ND_ENTITY_PERSON, "Duchess of Kent");

    g_assert_nonnull (duke);
    g_assert_nonnull (duchess);
    g_assert_cmpuint (nd_entity_get_n_mentions (duke), ==, 2);
    g_assert_cmpuint (nd_entity_get_n_mentions (duchess), ==, 2);
    g_assert_null (find (couple, ND_ENTITY_PERSON, "Duke"));
  }
  /* lower case or without "the", a title names no one */
  {
    g_autoptr(Result) plain = extract ("The king of the jungle met a pope. Crown Prince said nothing.", NULL);

    g_assert_cmpuint (count_kind (plain, ND_ENTITY_PERSON), ==, 0);
  }
}

/* "the Taj Mahal" is no one's name but a landmark's ("the Bill Clinton
 * years" still name him); a rarer abstract noun ("Reconciliation")
 * before a name after a title ends the title */
static void
test_landmarks_and_long_titles (void)
{
  g_autoptr(Result) result = extract (
    "The couple will visit the Taj Mahal, where the light is soft. The Taj Mahal was built in 1648. "
    "Critics recalled the Bill Clinton years. US Representative for Afghanistan Reconciliation "
    "Zalmay Khalilzad will be in Islamabad. Khalilzad said he was hopeful.", NULL);
  NdEntity *taj = find (result, ND_ENTITY_PLACE, "Taj Mahal");
  NdEntity *envoy = find (result, ND_ENTITY_PERSON, "Zalmay Khalilzad");

  g_assert_nonnull (taj);
  g_assert_cmpuint (nd_entity_get_n_mentions (taj), ==, 2);
  g_assert_null (find (result, ND_ENTITY_PERSON, "Taj Mahal"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Bill Clinton"));
  g_assert_nonnull (envoy);
  g_assert_true (has_mention (envoy, "Zalmay Khalilzad"));
}

/* Buildings and residences that speak for an office are no people */
static void
test_buildings_are_no_people (void)
{
  g_autoptr(Result) result = extract (
    "Clarence House said the Prince will visit Oman. Officials at Rashtrapati Bhavan agreed, "
    "and Government House said nothing. Jerry Hall said she was pleased. "
    "The envoy will visit Everest Base Camp.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Clarence House"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Rashtrapati Bhavan"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Clarence House"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Rashtrapati Bhavan"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Government House"));
  /* a surname that is also a building word, after a given name */
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Jerry Hall"));
  /* a site is a place, even after a word that is a given name */
  g_assert_null (find (result, ND_ENTITY_PERSON, "Everest Base Camp"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Everest Base Camp"));
}

/* "sister city Yan Tai": an unknown name right after a lower-case word
 * for a kind of settlement is a place; a titled name there is a person */
static void
test_settlement_noun_names_place (void)
{
  g_autoptr(Result) result = extract (
    "The mayor will visit Beijing, sister city Yan Tai and Shanghai. "
    "The city Mayor Ana Lopes will not go.", NULL);

  g_assert_null (find (result, ND_ENTITY_PERSON, "Yan Tai"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Yan Tai"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
}

/* "Promoting Tauranga exporters ...": a verb's -ing form that opens a
 * sentence does not start a person's name; a surname that ends so does */
static void
test_opening_verb_is_no_name (void)
{
  g_autoptr(Result) result = extract (
    "Mayor Ana Lopes will showcase Tauranga in China. "
    "Promoting Tauranga exporters was the main aim of the trip, Lopes said. "
    "Peyton Manning said nothing.", NULL);

  g_assert_null (find (result, ND_ENTITY_PERSON, "Promoting Tauranga"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Peyton Manning"));
}

/* "the Wellington Employers' Chamber of Commerce": a plural possessive
 * inside an organisation's name is no person's name; "the Philippines'
 * Foreign Ministry" stays a place and a ministry */
static void
test_plural_possessive_in_org (void)
{
  g_autoptr(Result) result = extract (
    "The group includes representatives from the Wellington Employers' Chamber of Commerce. "
    "The Philippines' Foreign Ministry said nothing.", NULL);

  g_assert_null (find (result, ND_ENTITY_PERSON, "Wellington Employers"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Wellington Employers' Chamber of Commerce"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Philippines"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Foreign Ministry"));
}

/* "Attache Bong-Hyup Chung", "Defence Attache X", "Special Emissary X":
 * diplomatic titles, not part of the name */
/* A role written right after a name, with no comma, is no part of it;
 * a one-word title that is also a family name still is ("Carole King") */
static void
test_role_after_name (void)
{
  g_autoptr(Result) result = extract (
    "Mr Kofi Boateng Presidential Spokesperson and Mr Yaw Darko Minister of Fisheries "
    "flew to Lagos. Singer Carole King performed there.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Kofi Boateng"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Yaw Darko"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Kofi Boateng Presidential Spokesperson"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Kofi Boateng Presidential"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Carole King"));
}

/* A town that is also a given name, right after a relative, is the
 * relative's name: "his daughter Florence", "his wife, Regina" */
static void
test_relative_named_like_a_town (void)
{
  g_autoptr(Result) result = extract (
    "Senator Tomas Brandt travelled to Oslo with his daughter Florence and his wife, Regina. "
    "Mayor Ana Lopes and husband Austin arrived in Lima on Monday.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Florence"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Regina"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Austin"));
  g_assert_null (find (result, ND_ENTITY_PLACE, "Florence"));
  g_assert_null (find (result, ND_ENTITY_PLACE, "Austin"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Lima"));
}

/* A name in quotes of its own is a work's title: "her hit 'Nina Lovu'" */
static void
test_quoted_title_is_no_person (void)
{
  g_autoptr(Result) result = extract (
    "The singer Ana Lopes, whose latest hit 'Maria Lovu' tops the charts, will take her show to Nairobi. "
    "Her album “Pedro Alves” came out in May.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Maria Lovu"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Pedro Alves"));
}

/* A nickname in brackets inside a name: "Peter J. (Pete) Holmgren"; an
 * acronym in brackets is none ("Ana Lopes (PSD)") */
static void
test_nickname_in_brackets (void)
{
  g_autoptr(Result) result = extract (
    "Peter J. (Pete) Holmgren will meet Jan (Johnny) Kowalski in Oslo. Ana Lopes (PSD) was there too.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Peter J. (Pete) Holmgren"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Jan (Johnny) Kowalski"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Peter J."));
}

/* A run that opens with a demonym is no one's name: "the British
 * Airways Condor jet" */
static void
test_demonym_run_is_no_person (void)
{
  g_autoptr(Result) result = extract (
    "The king, the first Dutch monarch ever to visit Peru, arrived in Lima on Sunday.\n\n"
    "Awaiting the king was Foreign Minister Ana Lopes. The prince and Lopes walked up the stairway "
    "into the British Airways Condor jet and escorted the king from the plane.\n\n"
    "Also on hand was British Foreign Secretary Sir Tom Brandt, who flew to the Peruvian capital "
    "after a stopover in Quito.", NULL);

  g_assert_null (find (result, ND_ENTITY_PERSON, "British Airways Condor"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Tom Brandt"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
}

/* Initials without their last period: "Ambassador D.K Mensah" */
static void
test_initials_without_period (void)
{
  g_autoptr(Result) result = extract (
    "Ambassador D.K Mensah and Mr P.V Rao flew to Lagos on Friday.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "D.K Mensah"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "P.V Rao"));
}

/* "State Secretary Sukardi": one name after a title of two words */
static void
test_one_name_after_longer_title (void)
{
  g_autoptr(Result) result = extract (
    "State Secretary Sukardi will depart for Lima today.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Sukardi"));
}

static void
test_attache_is_a_title (void)
{
  g_autoptr(Result) result = extract (
    "Attache Bong-Hyup Chung will travel to Seoul. Defence Attache Tomas Varga flew to Lima. "
    "Special Emissary Ana Lopes arrived in Quito.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Bong-Hyup Chung"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Tomas Varga"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Ana Lopes"));
  g_assert_null (find (result, ND_ENTITY_PERSON, "Attache Bong-Hyup Chung"));
}

/* A given name coordinated with a person is a person */
static void
test_people_coordinated_given_name (void)
{
  g_autoptr(Result) result = extract (
    "Prince Osric is to tour the Gulf. Osric and Ysolde will then visit Kenya. "
    "Ysolde will join him in Nairobi.", NULL);
  NdEntity *ysolde = find (result, ND_ENTITY_PERSON, "Ysolde");

  g_assert_nonnull (ysolde);
  g_assert_cmpuint (nd_entity_get_n_mentions (ysolde), ==, 2);
  g_assert_null (find (result, ND_ENTITY_ORGANIZATION, "Ysolde"));
}

/* "Dorian and Mira Kessel": the given name alone shares the surname */
static void
test_people_shared_surname (void)
{
  g_autoptr(Result) result = extract (
    "Dorian and Mira Kessel board the plane on Sunday. Mr. Kessel will then speak.", NULL);
  NdEntity *dorian = find (result, ND_ENTITY_PERSON, "Dorian Kessel");

  g_assert_nonnull (dorian);
  g_assert_true (has_mention (dorian, "Dorian"));
  g_assert_true (has_mention (dorian, "Kessel"));
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Mira Kessel"));
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 2);
}

/* Coreference */

static void
test_coreference_surnames (void)
{
  g_autoptr(Result) result = extract (
    "Witkoff is preparing to travel. Special Envoy Mitch Witkoff is scheduled to embark on a "
    "mission. Key points for Witkoff’s visit include aid. Witkoff's team agreed.", NULL);
  NdEntity *witkoff = find (result, ND_ENTITY_PERSON, "Mitch Witkoff");

  /* a surname before and after the full name, and possessives with
   * either apostrophe: one person */
  g_assert_nonnull (witkoff);
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 1);
  g_assert_cmpuint (nd_entity_get_n_mentions (witkoff), ==, 4);
  g_assert_true (has_mention (witkoff, "Witkoff"));
  g_assert_true (has_mention (witkoff, "Mitch Witkoff"));
}

static void
test_coreference_names (void)
{
  g_autoptr(Result) result = extract (
    "Mexico elected Andrés Manuel López Obrador on Sunday. López Obrador thanked voters. "
    "Brazil's president, Luiz Inácio Lula da Silva, said Lula would attend. "
    "Enrique Peña Nieto congratulated him, and Peña Nieto's party conceded.", NULL);
  NdEntity *amlo = find (result, ND_ENTITY_PERSON, "Andrés Manuel López Obrador");
  NdEntity *lula = find (result, ND_ENTITY_PERSON, "Luiz Inácio Lula da Silva");
  NdEntity *pena = find (result, ND_ENTITY_PERSON, "Enrique Peña Nieto");

  g_assert_nonnull (amlo);
  g_assert_true (has_mention (amlo, "López Obrador"));
  g_assert_nonnull (lula);
  g_assert_true (has_mention (lula, "Lula"));
  g_assert_nonnull (pena);
  g_assert_true (has_mention (pena, "Peña Nieto"));
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 3);
}

static void
test_coreference_united_states (void)
{
  g_autoptr(Result) result = extract (
    "U.S. officials met in Washington. The United States’ position is clear, and America "
    "will not wait, said a US diplomat. Washington’s envoy agreed.", NULL);
  NdEntity *us = find (result, ND_ENTITY_PLACE, "United States");
  NdEntity *washington = find (result, ND_ENTITY_PLACE, "Washington");
  double lat, lon;

  /* "U.S.", "United States", "America" and "US": one country */
  g_assert_nonnull (us);
  g_assert_cmpstr (nd_entity_get_country (us), ==, "US");
  g_assert_cmpuint (nd_entity_get_n_mentions (us), ==, 4);

  /* Washington as a government is the capital, a place */
  g_assert_nonnull (washington);
  g_assert_cmpuint (nd_entity_get_n_mentions (washington), ==, 2);
  nd_entity_get_coordinates (washington, &lat, &lon);
  g_assert_cmpfloat (fabs (lat - 38.9), <, 0.5);
  g_assert_cmpfloat (fabs (lon + 77.0), <, 0.5);
}

/* Places */

static void
test_places (void)
{
  g_autoptr(Result) result = extract (
    "Blinken visited Israel, the West Bank, Jordan, Egypt, Qatar, Saudi Arabia, the United Arab "
    "Emirates, Türkiye and Iraq. Israeli officials spoke of the Gaza-Egypt border and the "
    "Middle East. He flew from Tel Aviv to Cairo.", NULL);
  NdEntity *tel_aviv = find (result, ND_ENTITY_PLACE, "Tel Aviv");
  NdEntity *turkey = find (result, ND_ENTITY_PLACE, "Turkey");
  double lat, lon;

  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Israel"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "West Bank"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Jordan"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Saudi Arabia"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "United Arab Emirates"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Middle East"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Cairo"));
  g_assert_nonnull (find_mention (result, ND_ENTITY_PLACE, "Gaza"));
  g_assert_true (has_mention (find (result, ND_ENTITY_PLACE, "Egypt"), "Egypt"));

  g_assert_nonnull (turkey);
  g_assert_true (has_mention (turkey, "Türkiye"));
  g_assert_cmpstr (nd_entity_get_country (turkey), ==, "TR");

  g_assert_nonnull (tel_aviv);
  g_assert_cmpstr (nd_entity_get_country (tel_aviv), ==, "IL");
  g_assert_true (nd_entity_has_coordinates (tel_aviv));
  nd_entity_get_coordinates (tel_aviv, &lat, &lon);
  g_assert_cmpfloat (fabs (lat - 32.08), <, 0.2);
  g_assert_cmpfloat (fabs (lon - 34.78), <, 0.2);

  /* a demonym alone is no place; "Blinken" is no place either */
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Israeli"));
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Blinken"));
}

static void
test_places_disambiguation (void)
{
  g_autoptr(Result) france = extract ("The summit in Paris drew leaders from France and Germany.", NULL);
  g_autoptr(Result) texas = extract ("The storm hit Paris, Texas, on Friday.", NULL);
  g_autoptr(Result) us_state = extract (
    "Voters in Georgia went to the polls. Turnout in Atlanta, the state capital, was high, "
    "and U.S. Senate control was at stake.", NULL);
  g_autoptr(Result) country = extract (
    "Russian tanks rolled into Georgia. Tbilisi appealed to the European Union.", NULL);
  NdEntity *paris;
  double lat, lon;

  paris = find (france, ND_ENTITY_PLACE, "Paris");
  g_assert_nonnull (paris);
  g_assert_cmpstr (nd_entity_get_country (paris), ==, "FR");

  /* "City, State" */
  paris = find (texas, ND_ENTITY_PLACE, "Paris");
  g_assert_nonnull (paris);
  g_assert_cmpstr (nd_entity_get_country (paris), ==, "US");
  g_assert_nonnull (find (texas, ND_ENTITY_PLACE, "Texas"));

  /* the state where the article is about the US, the country elsewhere */
  nd_entity_get_coordinates (find_mention (us_state, ND_ENTITY_PLACE, "Georgia"), &lat, &lon);
  g_assert_cmpfloat (lon, <, -75);
  g_assert_cmpstr (nd_entity_get_country (find_mention (country, ND_ENTITY_PLACE, "Georgia")), ==, "GE");
}

static void
test_places_common_words (void)
{
  g_autoptr(Result) result = extract (
    "Western officials said the House would vote. The Tampa Bay Rays play on Republic Day.", NULL);

  /* words that are also (small) places' names stay words */
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Western"));
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Bay"));
  g_assert_null (find_mention (result, ND_ENTITY_PLACE, "Republic"));
  g_assert_null (find_mention (result, ND_ENTITY_PERSON, "Western"));
}

/* Organisations */

static void
test_organizations (void)
{
  g_autoptr(Result) result = extract (
    "According to the White House and a State Department official, CIA Director William Burns "
    "met Hamas mediators. The National Security Council (NSC) and the NSC staff agreed. "
    "The U.N. and Acme Widgets Corp. were not consulted, nor was the Ministry of Foreign Affairs.",
    NULL);
  NdEntity *nsc = find (result, ND_ENTITY_ORGANIZATION, "National Security Council");
  NdEntity *burns = find (result, ND_ENTITY_PERSON, "William Burns");

  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "White House"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "State Department"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Central Intelligence Agency"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Hamas"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "United Nations"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Acme Widgets Corp."));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Ministry of Foreign Affairs"));

  g_assert_nonnull (nsc);
  g_assert_true (has_mention (nsc, "NSC"));

  g_assert_nonnull (burns);
  g_assert_cmpstr (nd_entity_get_role (burns), ==, "CIA Director");
}

static void
test_organizations_context (void)
{
  g_autoptr(Result) result = extract (
    "In an article in the Serbian newspaper Politika, Xi praised the radio station WWL. "
    "The deal goes to Zorvex, the chemicals group based in Frankfurt.", NULL);

  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Politika"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "WWL"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Zorvex"));
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "Frankfurt am Main"));
}

/* Dates */

static NdEntity *
find_date (Result     *result,
           const char *text)
{
  return find_mention (result, ND_ENTITY_DATE, text);
}

static void
test_dates_absolute (void)
{
  g_autoptr(Result) result = extract (
    "The accord of April 5th, 2018 was renewed on 12 February and again on 2024-08-19. "
    "Talks began in October and ended on Aug. 3.", "2024-08-21");

  g_assert_cmpstr (nd_entity_get_value (find_date (result, "April 5th, 2018")), ==, "2018-04-05");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "12 February")), ==, "2024-02-12");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "2024-08-19")), ==, "2024-08-19");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "Aug. 3")), ==, "2024-08-03");
  /* a month is no day */
  g_assert_nonnull (find_date (result, "October"));
  g_assert_null (nd_entity_get_value (find_date (result, "October")));
}

static void
test_dates_relative (void)
{
  /* published on Wednesday 21 August 2024 */
  g_autoptr(Result) result = extract (
    "Witkoff announced on Monday that talks held last week had failed. He will return this "
    "weekend and will meet the mediators on Friday. The plan: Day 1 in Cairo, Day 2 in Amman. "
    "Yesterday the envoy rested.", "2024-08-21");

  g_assert_cmpstr (nd_entity_get_value (find_date (result, "Monday")), ==, "2024-08-19");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "last week")), ==, "2024-08-12");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "this weekend")), ==, "2024-08-24");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "Friday")), ==, "2024-08-23");
  g_assert_cmpstr (nd_entity_get_value (find_date (result, "Yesterday")), ==, "2024-08-20");
  g_assert_nonnull (find_date (result, "Day 1"));
  g_assert_null (nd_entity_get_value (find_date (result, "Day 1")));
  g_assert_nonnull (find_date (result, "Day 2"));
  /* date words are no names */
  g_assert_null (find_mention (result, ND_ENTITY_PERSON, "Monday"));
}

static void
test_dates_unanchored (void)
{
  g_autoptr(Result) result = extract ("Talks resumed on Monday and will end this weekend.", NULL);

  /* without the article's date, relative dates have no value */
  g_assert_nonnull (find_date (result, "Monday"));
  g_assert_null (nd_entity_get_value (find_date (result, "Monday")));
  g_assert_nonnull (find_date (result, "this weekend"));
  g_assert_null (nd_entity_get_value (find_date (result, "this weekend")));
}

/* Non-ASCII names and offsets */

static void
test_non_ascii (void)
{
  g_autoptr(Result) result = extract (
    "Foreign Minister Sergei Lavrov met Nguyễn Phú Trọng in Hà Nội. Türkiye’s President "
    "Recep Tayyip Erdoğan called Lavrov. Erdoğan’s aides flew to Kahramanmaraş.", NULL);
  NdEntity *lavrov = find (result, ND_ENTITY_PERSON, "Sergei Lavrov");
  NdEntity *erdogan = find (result, ND_ENTITY_PERSON, "Recep Tayyip Erdoğan");

  g_assert_nonnull (lavrov);
  g_assert_true (has_mention (lavrov, "Lavrov"));
  g_assert_cmpstr (nd_entity_get_role (lavrov), ==, "Foreign Minister");
  g_assert_nonnull (find (result, ND_ENTITY_PERSON, "Nguyễn Phú Trọng"));
  g_assert_nonnull (erdogan);
  g_assert_true (has_mention (erdogan, "Erdoğan"));
  g_assert_nonnull (find_mention (result, ND_ENTITY_PLACE, "Türkiye"));
  g_assert_nonnull (find_mention (result, ND_ENTITY_PLACE, "Kahramanmaraş"));
}

static void
test_headings_and_tables (void)
{
  g_autoptr(Result) result = extract (
    "The envoy will visit the region.\n"
    "Experts Suggest Increased International Collaboration To Support Peace\n"
    "Day | Location | Key Focus |\n"
    "---|---|---|\n"
    "Day 1 | Tel Aviv, Israel | Talks with Israeli officials |\n"
    "Day 2 | Ramallah, West Bank | Meetings with Palestinian Authority representatives |\n",
    NULL);

  /* title case in a heading or a cell says nothing about names */
  g_assert_null (find_mention (result, ND_ENTITY_ORGANIZATION, "International Collaboration"));
  g_assert_null (find_mention (result, ND_ENTITY_PERSON, "Experts Suggest"));
  g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 0);

  /* cells name places and organisations */
  g_assert_cmpstr (nd_entity_get_country (find (result, ND_ENTITY_PLACE, "Tel Aviv")), ==, "IL");
  g_assert_cmpstr (nd_entity_get_country (find (result, ND_ENTITY_PLACE, "Ramallah")), ==, "PS");
  g_assert_nonnull (find (result, ND_ENTITY_PLACE, "West Bank"));
  g_assert_nonnull (find (result, ND_ENTITY_ORGANIZATION, "Palestinian Authority"));
  g_assert_nonnull (find_date (result, "Day 2"));
}

static void
test_offsets_samples (void)
{
  const char *dir = g_getenv ("ND_SAMPLES_DIR");
  g_autoptr(GDir) samples = NULL;
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  samples = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (samples);

  while ((name = g_dir_read_name (samples)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GError) error = NULL;

      articles = nd_importer_load_file (file, NULL, &error);
      g_assert_no_error (error);

      for (guint a = 0; a < articles->len; a++)
        {
          NdArticle *article = g_ptr_array_index (articles, a);
          const char *body = nd_article_get_body (article);
          GPtrArray *entities;

          nd_extractor_extract_article (article);
          entities = nd_article_get_entities (article);
          g_assert_cmpuint (entities->len, >, 0);

          /* every mention indexes the stored body */
          for (guint i = 0; i < entities->len; i++)
            {
              NdEntity *entity = g_ptr_array_index (entities, i);

              for (guint m = 0; m < nd_entity_get_n_mentions (entity); m++)
                {
                  const NdMention *mention = nd_entity_get_mention (entity, m);
                  g_autofree char *text = g_utf8_substring (body, mention->start, mention->end);

                  g_assert_cmpstr (text, ==, mention->text);
                  n++;
                }
            }
        }
    }

  g_assert_cmpuint (n, >, 100);
}

static void
test_article (void)
{
  g_autoptr(NdArticle) article = nd_test_article ("Envoy", "Witkoff met Qatar's prime minister on Monday.", NULL);
  NdEntity *monday = NULL;
  GPtrArray *entities;

  nd_article_set_published (article, "2024-08-21");
  nd_extractor_extract_article (article);
  entities = nd_article_get_entities (article);

  for (guint i = 0; i < entities->len; i++)
    if (nd_entity_get_kind (g_ptr_array_index (entities, i)) == ND_ENTITY_DATE)
      monday = g_ptr_array_index (entities, i);

  g_assert_nonnull (monday);
  g_assert_cmpstr (nd_entity_get_value (monday), ==, "2024-08-19");

  /* extracting again replaces, not adds */
  nd_extractor_extract_article (article);
  g_assert_cmpuint (nd_article_get_entities (article)->len, ==, entities->len);

  /* an empty body has no entities */
  nd_article_set_body (article, "");
  nd_extractor_extract_article (article);
  g_assert_cmpuint (nd_article_get_entities (article)->len, ==, 0);
}

static void
test_robustness (void)
{
  const char *texts[] = {
    "", " ", "\n\n\n", ".", "’s", "U.S.", "A", "The", "--- | --- |", "Mr.",
    "ÉÉÉ ÉÉÉ ÉÉÉ", "al- bin of the", "Day", "2024-13-45", "on Monday", "Ministry of",
    "Washington, D.C.", "\"\"\"", "a\xc2\xa0" "b", "Lake", "(NSC)",
  };
  g_autoptr(GString) long_name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(Result) result = extract (texts[i], "2024-08-21");

      (void) result;
    }

  /* a run of capitalised words far longer than any name */
  for (guint i = 0; i < 500; i++)
    g_string_append (long_name, "Alpha Beta Gamma Delta ");
  {
    g_autoptr(Result) result = extract (long_name->str, NULL);

    g_assert_cmpuint (count_kind (result, ND_ENTITY_PERSON), ==, 0);
  }
}

/* Entities as one string, to compare runs */
static char *
describe (GPtrArray *entities)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      g_string_append_printf (out, "%d:%s:%u;", nd_entity_get_kind (entity),
                              nd_entity_get_name (entity), nd_entity_get_n_mentions (entity));
    }

  return g_string_free (out, FALSE);
}

static const char *thread_text =
  "Secretary of State Antony Blinken met Israeli Prime Minister Benjamin Netanyahu in Tel Aviv "
  "on Monday, the State Department said. Blinken then flew to Cairo, Egypt, and Doha.";

static gpointer
extract_in_thread (gpointer data)
{
  GPtrArray *entities = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_clear_pointer (&entities, g_ptr_array_unref);
      entities = nd_extractor_extract (thread_text, "2024-08-21");
    }

  return entities;
}

static void
test_threads (void)
{
  g_autoptr(GPtrArray) alone = nd_extractor_extract (thread_text, "2024-08-21");
  g_autofree char *expected = describe (alone);
  GThread *threads[4];

  /* extraction runs in importers' worker threads: the same answers */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("extract", extract_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(GPtrArray) entities = g_thread_join (threads[i]);
      g_autofree char *got = describe (entities);

      g_assert_cmpstr (got, ==, expected);
    }
}

/* A generic body ("Congress", "the Army") is no one country's; with the
 * country before it, it is that country's body and the country a place */
static void
test_generic_bodies (void)
{
  g_autoptr(Result) colombia = extract (
    "Colombia's Congress approved the peace deal on Wednesday, and the Army said it would comply.", NULL);
  g_autoptr(Result) us = extract ("The U.S. Senate voted on the bill late on Tuesday.", NULL);
  NdEntity *congress;

  congress = find_mention (colombia, ND_ENTITY_ORGANIZATION, "Congress");
  g_assert_nonnull (congress);
  g_assert_cmpstr (nd_entity_get_name (congress), ==, "Congress");
  g_assert_null (find (colombia, ND_ENTITY_ORGANIZATION, "U.S. Army"));

  g_assert_nonnull (find (us, ND_ENTITY_ORGANIZATION, "U.S. Senate"));
  g_assert_nonnull (find (us, ND_ENTITY_PLACE, "United States"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extractor/tokens", test_tokens);
  g_test_add_func ("/extractor/tokens/numbers", test_tokens_numbers);
  g_test_add_func ("/extractor/sentences", test_sentences);
  g_test_add_func ("/extractor/people/titles", test_people_titles);
  g_test_add_func ("/extractor/people/portfolios", test_people_portfolios);
  g_test_add_func ("/extractor/people/title-inside-name", test_people_title_inside_name);
  g_test_add_func ("/extractor/people/names", test_people_names);
  g_test_add_func ("/extractor/people/town-names", test_people_town_names);
  g_test_add_func ("/extractor/people/royal", test_people_royal);
  g_test_add_func ("/extractor/coreference/surnames", test_coreference_surnames);
  g_test_add_func ("/extractor/coreference/names", test_coreference_names);
  g_test_add_func ("/extractor/coreference/united-states", test_coreference_united_states);
  g_test_add_func ("/extractor/places", test_places);
  g_test_add_func ("/extractor/places/disambiguation", test_places_disambiguation);
  g_test_add_func ("/extractor/places/common-words", test_places_common_words);
  g_test_add_func ("/extractor/organizations", test_organizations);
  g_test_add_func ("/extractor/organizations/context", test_organizations_context);
  g_test_add_func ("/extractor/dates/absolute", test_dates_absolute);
  g_test_add_func ("/extractor/dates/relative", test_dates_relative);
  g_test_add_func ("/extractor/dates/unanchored", test_dates_unanchored);
  g_test_add_func ("/extractor/non-ascii", test_non_ascii);
  g_test_add_func ("/extractor/headings-and-tables", test_headings_and_tables);
  g_test_add_func ("/extractor/people/title-names", test_people_title_names);
  g_test_add_func ("/extractor/people/landmarks-and-long-titles", test_landmarks_and_long_titles);
  g_test_add_func ("/extractor/people/buildings", test_buildings_are_no_people);
  g_test_add_func ("/extractor/places/settlement-noun", test_settlement_noun_names_place);
  g_test_add_func ("/extractor/people/opening-verb", test_opening_verb_is_no_name);
  g_test_add_func ("/extractor/organizations/plural-possessive", test_plural_possessive_in_org);
  g_test_add_func ("/extractor/people/attache", test_attache_is_a_title);
  g_test_add_func ("/extractor/people/role-after-name", test_role_after_name);
  g_test_add_func ("/extractor/people/quoted-title", test_quoted_title_is_no_person);
  g_test_add_func ("/extractor/people/nickname-in-brackets", test_nickname_in_brackets);
  g_test_add_func ("/extractor/people/demonym-run", test_demonym_run_is_no_person);
  g_test_add_func ("/extractor/people/initials-without-period", test_initials_without_period);
  g_test_add_func ("/extractor/people/one-name-after-longer-title", test_one_name_after_longer_title);
  g_test_add_func ("/extractor/people/relative-named-like-a-town", test_relative_named_like_a_town);
  g_test_add_func ("/extractor/people/coordinated-given-name", test_people_coordinated_given_name);
  g_test_add_func ("/extractor/people/shared-surname", test_people_shared_surname);
  g_test_add_func ("/extractor/offsets/samples", test_offsets_samples);
  g_test_add_func ("/extractor/article", test_article);
  g_test_add_func ("/extractor/fort-place", test_fort_place);
  g_test_add_func ("/extractor/surname-that-travels", test_surname_that_travels);
  g_test_add_func ("/extractor/robustness", test_robustness);
  g_test_add_func ("/extractor/threads", test_threads);
  g_test_add_func ("/extractor/generic-bodies", test_generic_bodies);

  return g_test_run ();
}
