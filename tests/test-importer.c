/* test-importer.c — decoding, article structure, import of files and folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "test-common.h"

#define SAMPLE_000 "000_a68f59e74025158f.txt"
#define SAMPLE_001 "001_bb392b16c2ef6bac.txt"
#define SAMPLE_002 "002_102573c19f998b04.txt"
#define SAMPLE_003 "003_fffc45ff05542f1c.txt"
#define SAMPLE_004 "004_f191fd87945b8b27.txt"

/* Helpers */

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("ND_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("ND_FIXTURES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "import", name, NULL);
}

static NdArticle *
load_one (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = nd_importer_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  g_assert_cmpuint (articles->len, ==, 1);

  return g_object_ref (g_ptr_array_index (articles, 0));
}

static NdArticle *
load_sample (const char *name)
{
  g_autofree char *path = sample_path (name);

  return load_one (path);
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Decodes `data` and checks the result */
static void
assert_decodes (const char *data,
                gsize       length,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = nd_text_decode (data, length, "sample.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

/* Decoding fails with `code` and a message naming the file */
static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = nd_text_decode (data, length, "report.txt", &error);

  g_assert_null (text);
  g_assert_error (error, ND_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* parse_data fails with `code`; the message starts with `prefix` */
static void
assert_data_refused (const char *data,
                     gsize       length,
                     const char *name,
                     int         code,
                     const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = nd_importer_parse_data (data, length, name, &error);

  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  g_assert_null (strchr (error->message, '\n'));
}

static GPtrArray *
blocks_of_kind (GPtrArray   *blocks,
                NdBlockKind  kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == kind)
        g_ptr_array_add (out, block);
    }

  return out;
}

/* The body between two code point offsets */
static char *
body_slice (const char *body,
            guint       start,
            guint       end)
{
  gsize from = nd_text_char_to_byte (body, start);
  gsize to = nd_text_char_to_byte (body, end);

  return g_strndup (body + from, to - from);
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *first,
            ...)
{
  const char * const *row = g_ptr_array_index (rows, index);
  const char *cell = first;
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (; cell != NULL; cell = va_arg (args, const char *), i++)
    g_assert_cmpstr (row[i], ==, cell);
  va_end (args);

  g_assert_cmpuint (g_strv_length ((GStrv) row), ==, i);
}

/* Samples: titles, bodies, boilerplate */

static void
test_sample_headline_titles (void)
{
  g_autoptr(NdArticle) a000 = load_sample (SAMPLE_000);
  g_autoptr(NdArticle) a004 = load_sample (SAMPLE_004);

  g_assert_cmpstr (nd_article_get_title (a000), ==,
                   "Witkoff Plans Mideast Visit to Advocate for Gaza Ceasefire, State Department Confirms");
  g_assert_true (g_str_has_prefix (nd_article_get_body (a000), "In a renewed effort to halt escalating violence"));
  g_assert_true (g_str_has_suffix (nd_article_get_body (a000), "in the days ahead."));
  g_assert_cmpstr (nd_article_get_source (a000), ==, SAMPLE_000);

  g_assert_cmpstr (nd_article_get_title (a004), ==,
                   "U.S. Envoy Cuts Gaza Ceasefire Talks Short, Citing Hamas's Bad Faith Actions");
  g_assert_true (g_str_has_prefix (nd_article_get_body (a004), "In a significant development in the ongoing"));
  g_assert_null (strstr (nd_article_get_body (a004), "Bad Faith Actions"));
  g_assert_cmpstr (nd_article_get_source (a004), ==, SAMPLE_004);
}

/* 001, 002 and 003 start with prose: the title comes from the first
 * sentence, cut at a word, and the body is the whole text */
static void
check_sentence_title (const char *name,
                      const char *title_start,
                      const char *body_start)
{
  g_autoptr(NdArticle) article = load_sample (name);
  g_autofree char *path = sample_path (name);
  g_autofree char *raw = nd_test_read_file (path);
  const char *title = nd_article_get_title (article);
  const char *body = nd_article_get_body (article);

  if (!g_str_has_prefix (title, title_start))
    g_error ("%s: title “%s” does not start with “%s”", name, title, title_start);
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 101);
  g_assert_true (g_str_has_suffix (title, "\u2026"));
  /* cut at a word, not inside one, and not on "the" */
  g_assert_false (g_str_has_suffix (title, " \u2026"));
  g_assert_false (g_str_has_suffix (title, " the\u2026"));
  g_assert_true (g_utf8_validate (title, -1, NULL));

  g_assert_true (g_str_has_prefix (body, body_start));
  /* the body is the text as it is (these files need no normalising) */
  if (strstr (raw, "By admin") == NULL)
    g_assert_cmpstr (body, ==, raw);
}

static void
test_sample_sentence_titles (void)
{
  check_sentence_title (SAMPLE_001,
                        "Secretary of State Antony Blinken is set to embark on his fifth urgent diplomatic mission",
                        "Secretary of State Antony Blinken is set to embark");
  check_sentence_title (SAMPLE_002,
                        "Cairo/Washington/Tel Aviv \u2013 In a fresh diplomatic effort",
                        "Cairo/Washington/Tel Aviv \u2013 In a fresh diplomatic effort");
  /* "U.S." does not end the first sentence */
  check_sentence_title (SAMPLE_003,
                        "U.S. Secretary of State Antony Blinken emphasized the urgency",
                        "U.S. Secretary of State Antony Blinken emphasized");
}

static void
test_sample_boilerplate (void)
{
  g_autoptr(NdArticle) article = load_sample (SAMPLE_002);
  const char *body = nd_article_get_body (article);

  g_assert_true (g_str_has_suffix (body, "could finally move toward a negotiated end."));
  g_assert_null (strstr (body, "By admin"));
  g_assert_null (strstr (body, "Leave a Reply"));
  g_assert_null (strstr (body, "Your email address"));
  g_assert_null (strstr (body, "Required fields"));
  /* paragraphs keep their one blank line; no blank line at either end */
  g_assert_nonnull (strstr (body, "post-war reconstruction and governance. The renewed"));
  g_assert_nonnull (strstr (body, "in weeks.\n\nThe talks, being held in Cairo"));
  g_assert_null (strstr (body, "\n\n\n"));
  g_assert_false (g_str_has_prefix (body, "\n"));
  g_assert_false (g_str_has_suffix (body, "\n"));
}

/* Article structure */

static void
test_sample_tables (void)
{
  g_autoptr(NdArticle) article = load_sample (SAMPLE_000);
  const char *body = nd_article_get_body (article);
  g_autoptr(GPtrArray) blocks = nd_body_parse (body);
  g_autoptr(GPtrArray) tables = blocks_of_kind (blocks, ND_BLOCK_TABLE);
  NdBlock *table;
  g_autofree char *slice = NULL;

  g_assert_cmpuint (tables->len, ==, 3);

  table = g_ptr_array_index (tables, 0);
  g_assert_cmpuint (table->rows->len, ==, 5);
  assert_row (table->rows, 0, "Day", "Location", "Key Focus", NULL);
  assert_row (table->rows, 1, "Day 1", "Tel Aviv, Israel",
              "Discussions with Israeli officials on security arrangements", NULL);
  assert_row (table->rows, 2, "Day 2", "Ramallah, West Bank",
              "Meetings with Palestinian Authority representatives", NULL);
  assert_row (table->rows, 4, "Day 4", "Amman, Jordan",
              "Regional strategy talks with Jordanian officials", NULL);
  /* the block spans all its lines, separator included */
  slice = body_slice (body, table->start, table->end);
  g_assert_true (g_str_has_prefix (slice, "Day | Location | Key Focus |\n---|---|---|\nDay 1"));
  g_assert_true (g_str_has_suffix (slice, "Regional strategy talks with Jordanian officials |"));
  g_assert_cmpstr (slice, ==, table->text);

  table = g_ptr_array_index (tables, 1);
  g_assert_cmpuint (table->rows->len, ==, 4);
  assert_row (table->rows, 0, "Priority Area", "Current Focus", NULL);
  assert_row (table->rows, 1, "Diplomatic Engagement",
              "Expanding high-level talks, including Witkoff\u2019s mission", NULL);
  assert_row (table->rows, 3, "Regional Stability",
              "Monitoring cross-border tensions and security risks", NULL);

  table = g_ptr_array_index (tables, 2);
  g_assert_cmpuint (table->rows->len, ==, 5);
  assert_row (table->rows, 0, "Collaborative Initiative", "Impact Area", "Status", NULL);
  assert_row (table->rows, 1, "Global Peace Commission", "Mediation & Dialogue", "Proposed", NULL);
  assert_row (table->rows, 4, "Regional Trade Partnerships", "Economic Stability", "Ongoing", NULL);
}

static void
test_sample_headings (void)
{
  const char *prose[] = { SAMPLE_001, SAMPLE_002, SAMPLE_003, SAMPLE_004 };
  g_autoptr(NdArticle) article = load_sample (SAMPLE_000);
  const char *body = nd_article_get_body (article);
  g_autoptr(GPtrArray) blocks = nd_body_parse (body);
  g_autoptr(GPtrArray) headings = blocks_of_kind (blocks, ND_BLOCK_HEADING);
  const char *expected[] = {
    "Witkoff\u2019s Mideast Visit Aims to Strengthen Diplomatic Efforts for Gaza Ceasefire",
    "State Department Emphasizes Urgency of De-escalation Amid Rising Regional Tensions",
    "Experts Suggest Increased International Collaboration to Support Sustainable Peace Initiatives",
    "Concluding Remarks",
  };

  g_assert_cmpuint (headings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      NdBlock *heading = g_ptr_array_index (headings, i);
      g_autofree char *slice = body_slice (body, heading->start, heading->end);

      g_assert_cmpstr (heading->text, ==, expected[i]);
      g_assert_cmpstr (slice, ==, expected[i]);
    }

  /* the plain-prose samples have no headings */
  for (guint i = 0; i < G_N_ELEMENTS (prose); i++)
    {
      g_autoptr(NdArticle) other = load_sample (prose[i]);
      g_autoptr(GPtrArray) other_blocks = nd_body_parse (nd_article_get_body (other));
      g_autoptr(GPtrArray) other_headings = blocks_of_kind (other_blocks, ND_BLOCK_HEADING);
      g_autoptr(GPtrArray) tables = blocks_of_kind (other_blocks, ND_BLOCK_TABLE);

      g_assert_cmpuint (other_headings->len, ==, 0);
      g_assert_cmpuint (tables->len, ==, 0);
      g_assert_cmpuint (other_blocks->len, >, 5);
    }
}

static void
test_sample_list_items (void)
{
  g_autoptr(NdArticle) article = load_sample (SAMPLE_000);
  const char *body = nd_article_get_body (article);
  g_autoptr(GPtrArray) blocks = nd_body_parse (body);
  g_autoptr(GPtrArray) items = blocks_of_kind (blocks, ND_BLOCK_LIST_ITEM);
  NdBlock *item;

  g_assert_cmpuint (items->len, ==, 10);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->text, ==, "Facilitating humanitarian aid access for civilians trapped in Gaza");
  item = g_ptr_array_index (items, 9);
  g_assert_cmpstr (item->text, ==,
                   "Implementing regional economic incentives to build mutual interdependence and reduce hostilities.");

  /* every block but a table is its slice of the body, and blocks come
   * in order without overlapping */
  for (guint i = 0, last_end = 0; i < blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *slice = body_slice (body, block->start, block->end);

      g_assert_cmpuint (block->start, >=, last_end);
      g_assert_cmpuint (block->end, >, block->start);
      g_assert_cmpstr (slice, ==, block->text);
      g_assert_true ((block->rows != NULL) == (block->kind == ND_BLOCK_TABLE));
      last_end = block->end;
    }
}

static void
test_heading_rule (void)
{
  /* invented lines, not from the samples */
  g_assert_true (nd_body_line_is_heading ("Talks Resume in Cairo"));
  g_assert_true (nd_body_line_is_heading ("Outlook"));
  g_assert_true (nd_body_line_is_heading ("What the Deal Means for the Region"));
  g_assert_true (nd_body_line_is_heading ("Élections Régionales en Île-de-France"));
  g_assert_true (nd_body_line_is_heading ("2024 Budget Talks Stall"));
  g_assert_false (nd_body_line_is_heading ("Officials said the talks resumed."));
  g_assert_false (nd_body_line_is_heading ("The talks resumed on Monday"));
  g_assert_false (nd_body_line_is_heading ("Main points of the plan include:"));
  g_assert_false (nd_body_line_is_heading ("Will the Truce Hold?"));
  g_assert_false (nd_body_line_is_heading ("- Talks Resume in Cairo"));
  g_assert_false (nd_body_line_is_heading ("City | Date |"));
  g_assert_false (nd_body_line_is_heading (""));
  g_assert_false (nd_body_line_is_heading ("A Very Long Line That Keeps Going With Capitalised Words Well Past "
                                           "Any Reasonable Length For A Heading In A News Article Body Text"));

  g_assert_true (nd_body_line_is_table_row ("a | b"));
  g_assert_true (nd_body_line_is_table_row ("| a |"));
  g_assert_true (nd_body_line_is_table_row ("---|:---:|"));
  g_assert_false (nd_body_line_is_table_row ("no pipes here"));
  g_assert_true (nd_body_line_is_list_item ("- an item"));
  g_assert_true (nd_body_line_is_list_item ("\u2022 an item"));
  g_assert_false (nd_body_line_is_list_item ("-5 degrees"));
  g_assert_false (nd_body_line_is_list_item ("- "));
}

static void
test_body_parse (void)
{
  const char *body =
    "Intro line about Zürich.\n"
    "\n"
    "Next Steps for the Summit\n"
    "- first point\n"
    "* second point\n"
    "Not a table | just a pipe\n"
    "| City | Date |\n"
    "|---|---|\n"
    "| Zürich | 3 May |\n"
    "| Bern | 4 May |\n"
    "Closing Words";
  g_autoptr(GPtrArray) blocks = nd_body_parse (body);
  NdBlock *block;

  g_assert_cmpuint (blocks->len, ==, 7);

  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block->start, ==, 0);
  g_assert_cmpuint (block->end, ==, 24);

  block = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_HEADING);
  g_assert_cmpuint (block->start, ==, 26);
  g_assert_cmpstr (block->text, ==, "Next Steps for the Summit");

  block = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_LIST_ITEM);
  g_assert_cmpstr (block->text, ==, "first point");
  g_assert_cmpuint (block->start, ==, 26 + 26 + 2);

  block = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_LIST_ITEM);
  g_assert_cmpstr (block->text, ==, "second point");

  /* a pipe without a separator line below is no table */
  block = g_ptr_array_index (blocks, 4);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_PARAGRAPH);
  g_assert_cmpstr (block->text, ==, "Not a table | just a pipe");

  /* opening and closing pipes leave no empty cells */
  block = g_ptr_array_index (blocks, 5);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_TABLE);
  g_assert_cmpuint (block->rows->len, ==, 3);
  assert_row (block->rows, 0, "City", "Date", NULL);
  assert_row (block->rows, 1, "Zürich", "3 May", NULL);
  assert_row (block->rows, 2, "Bern", "4 May", NULL);

  /* a heading needs text after it */
  block = g_ptr_array_index (blocks, 6);
  g_assert_cmpint (block->kind, ==, ND_BLOCK_PARAGRAPH);
  g_assert_cmpuint (block->end, ==, g_utf8_strlen (body, -1));

  g_clear_pointer (&blocks, g_ptr_array_unref);
  blocks = nd_body_parse ("");
  g_assert_cmpuint (blocks->len, ==, 0);
}

/* Text parsing */

static void
test_parse_text_titles (void)
{
  g_autoptr(NdArticle) a = NULL;
  g_autoptr(NdArticle) b = NULL;
  g_autoptr(NdArticle) c = NULL;
  g_autoptr(NdArticle) d = NULL;
  g_autoptr(NdArticle) e = NULL;

  /* a headline line, a blank line, then the body */
  a = nd_importer_parse_text ("\n\nBudget Deal Reached in Late-Night Session\n\n"
                              "Lawmakers agreed on a budget.\n\nThe vote is on Friday.\n", "a.txt");
  g_assert_cmpstr (nd_article_get_title (a), ==, "Budget Deal Reached in Late-Night Session");
  g_assert_cmpstr (nd_article_get_body (a), ==, "Lawmakers agreed on a budget.\n\nThe vote is on Friday.");
  g_assert_cmpstr (nd_article_get_source (a), ==, "a.txt");

  /* a short sentence: the title is the sentence without its full stop,
   * "Dr." does not end it, and the body stays whole */
  b = nd_importer_parse_text ("Dr. Jane Roe arrived in Oslo on Monday. She met the minister.\n"
                              "Talks went on late.", "b.txt");
  g_assert_cmpstr (nd_article_get_title (b), ==, "Dr. Jane Roe arrived in Oslo on Monday");
  g_assert_cmpstr (nd_article_get_body (b), ==,
                   "Dr. Jane Roe arrived in Oslo on Monday. She met the minister.\nTalks went on late.");

  /* one line only: never a headline, since nothing follows */
  c = nd_importer_parse_text ("Short note without a stop", "c.txt");
  g_assert_cmpstr (nd_article_get_title (c), ==, "Short note without a stop");
  g_assert_cmpstr (nd_article_get_body (c), ==, "Short note without a stop");

  /* two sentences on the first line are not a headline */
  d = nd_importer_parse_text ("Rain fell. Streets Flooded\nMore text follows here.", "d.txt");
  g_assert_cmpstr (nd_article_get_title (d), ==, "Rain fell");

  /* a dateline or a one-word label is not a headline */
  g_clear_object (&d);
  d = nd_importer_parse_text ("WASHINGTON \u2014\nThe Senate voted on Tuesday.", "d.txt");
  g_assert_cmpstr (nd_article_get_title (d), ==, "WASHINGTON \u2014 The Senate voted on Tuesday");
  g_assert_cmpstr (nd_article_get_body (d), ==, "WASHINGTON \u2014\nThe Senate voted on Tuesday.");
  g_clear_object (&d);
  d = nd_importer_parse_text ("Politics\nThe Senate voted on Tuesday.", "d.txt");
  g_assert_cmpstr (nd_article_get_body (d), ==, "Politics\nThe Senate voted on Tuesday.");

  /* a question may be a headline */
  e = nd_importer_parse_text ("Can the Ceasefire Hold?\nAnalysts doubt it.", "e.txt");
  g_assert_cmpstr (nd_article_get_title (e), ==, "Can the Ceasefire Hold?");
  g_assert_cmpstr (nd_article_get_body (e), ==, "Analysts doubt it.");
}

static void
test_parse_text_boilerplate (void)
{
  g_autoptr(NdArticle) a = NULL;
  g_autoptr(NdArticle) b = NULL;
  g_autoptr(NdArticle) c = NULL;
  g_autoptr(NdArticle) d = NULL;

  a = nd_importer_parse_text ("Harbour Reopens After Storm\n"
                              "The harbour reopened on Tuesday.\n\n\n\n"
                              "Related\nShips queued overnight.\n"
                              "Share this:\nTwitter\nFacebook\n\nLike this:\nLike Loading\u2026\n\n"
                              "Related\n\n3 Comments\nPost navigation\nPrevious post\n", "a.txt");
  /* "Related" in the middle stays; the footer goes; 3+ blank lines fold */
  g_assert_cmpstr (nd_article_get_body (a), ==,
                   "The harbour reopened on Tuesday.\n\nRelated\nShips queued overnight.");

  /* a byline that ends the article is kept; one before a footer goes */
  b = nd_importer_parse_text ("Harbour Reopens After Storm\nThe harbour reopened.\n\nBy Jane Doe", "b.txt");
  g_assert_cmpstr (nd_article_get_body (b), ==, "The harbour reopened.\n\nBy Jane Doe");

  c = nd_importer_parse_text ("Harbour Reopens After Storm\nThe harbour reopened.\n\nBy Jane Doe\n\n"
                              "Leave a Comment\nCancel reply\n"
                              "You must be logged in to post a comment.\n"
                              "\u00a9 2026 Harbour News. All rights reserved.", "c.txt");
  g_assert_cmpstr (nd_article_get_body (c), ==, "The harbour reopened.");

  /* CRLF, trailing spaces and decomposed accents are normalised */
  d = nd_importer_parse_text ("Cafe\u0301 Owners Protest   \r\nThe owners met.  \r\n\r\nBy admin\r\n", "d.txt");
  g_assert_cmpstr (nd_article_get_title (d), ==, "Caf\u00e9 Owners Protest");
  g_assert_cmpstr (nd_article_get_body (d), ==, "The owners met.");
}

/* Markdown */

#define STORM_BODY \
  "A storm hit the coast on Monday, the weather service said. Winds reached 120 km/h near Port Ellis.\n" \
  "\n" \
  "Damage Across the Region\n" \
  "\n" \
  "Roofs were torn off in three towns, and the A12 road was closed.\n" \
  "\n" \
  "- Port Ellis: 40 homes damaged\n" \
  "- Marwick: the pier collapsed\n" \
  "- Dunmore: power cut for 2,000 homes\n" \
  "\n" \
  "1. Stay indoors\n" \
  "2. Call 112 in an emergency\n" \
  "\n" \
  "What we know so far\n" \
  "\n" \
  "The sea wall held, but only just.\n" \
  "\u2014 harbour master Ana Reyes\n" \
  "\n" \
  "| Town | Homes damaged |\n" \
  "|---|---|\n" \
  "| Port Ellis | 40 |\n" \
  "| Marwick | 12 |\n" \
  "\n" \
  "wind_speed_max = 120\n" \
  "\n" \
  "Residents used the hashtag #StormEllis; snake_case, file_name and 5 * 3 stay as they are."

/* The first block whose text is `text`, or NULL */
static NdBlock *
find_block (GPtrArray  *blocks,
            const char *text)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (blocks, i);

      if (g_strcmp0 (block->text, text) == 0)
        return block;
    }

  return NULL;
}

static void
test_markdown_article (void)
{
  g_autofree char *path = fixture_path ("storm-article.md");
  g_autoptr(NdArticle) article = load_one (path);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  const char *body;
  NdBlock *block;
  gsize length;

  g_assert_cmpstr (nd_article_get_title (article), ==, "Storm hits the coast");
  body = nd_article_get_body (article);
  g_assert_cmpstr (body, ==, STORM_BODY);

  /* no Markdown syntax is left; link texts are */
  g_assert_null (strstr (body, "# "));
  g_assert_null (strstr (body, "**"));
  g_assert_null (strstr (body, "]("));
  g_assert_null (strstr (body, "https://"));
  g_assert_null (strstr (body, "```"));
  g_assert_null (strstr (body, "<!--"));
  g_assert_nonnull (strstr (body, "near Port Ellis."));
  g_assert_nonnull (strstr (body, "in three towns,"));

  /* a Title Case heading is a heading block; a sentence-case one stays a
   * line of its own, and the heading rule makes it a paragraph */
  blocks = nd_body_parse (body);
  headings = blocks_of_kind (blocks, ND_BLOCK_HEADING);
  g_assert_cmpuint (headings->len, ==, 1);
  block = g_ptr_array_index (headings, 0);
  g_assert_cmpstr (block->text, ==, "Damage Across the Region");
  block = find_block (blocks, "What we know so far");
  g_assert_true (block != NULL && block->kind == ND_BLOCK_PARAGRAPH);

  items = blocks_of_kind (blocks, ND_BLOCK_LIST_ITEM);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpstr (((NdBlock *) g_ptr_array_index (items, 1))->text, ==, "Marwick: the pier collapsed");

  tables = blocks_of_kind (blocks, ND_BLOCK_TABLE);
  g_assert_cmpuint (tables->len, ==, 1);
  block = g_ptr_array_index (tables, 0);
  g_assert_cmpuint (block->rows->len, ==, 3);
  assert_row (block->rows, 0, "Town", "Homes damaged", NULL);
  assert_row (block->rows, 2, "Marwick", "12", NULL);

  /* detection is by content: the same text under another name */
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  again = nd_importer_parse_data (data, length, "/in/folder/storm.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nd_article_get_title (g_ptr_array_index (again, 0)), ==, "Storm hits the coast");
  g_assert_cmpstr (nd_article_get_body (g_ptr_array_index (again, 0)), ==, STORM_BODY);
}

static void
test_markdown_plain_untouched (void)
{
  const char *text =
    "Council Approves New Budget\n"
    "The vote was 5 * 3 in favour, a spokesman for the clerk_office said.\n"
    "Rates rise by 2% *if* the plan passes; the snake_case_name field stays.\n"
    "Fields on the form are marked * as before.\n"
    "# of seats: 12\n"
    "[Update] The budget takes effect in May.";
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  NdArticle *article;

  /* plain text stays as it is, even in a file named .md */
  articles = nd_importer_parse_data (text, strlen (text), "budget.md", &error);
  g_assert_no_error (error);
  article = g_ptr_array_index (articles, 0);
  g_assert_cmpstr (nd_article_get_title (article), ==, "Council Approves New Budget");
  g_assert_cmpstr (nd_article_get_body (article), ==, strchr (text, '\n') + 1);
}

static void
test_markdown_setext (void)
{
  g_autoptr(NdArticle) a = NULL;
  g_autoptr(NdArticle) b = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) headings = NULL;

  a = nd_importer_parse_text ("Harbour reopens after the storm\n"
                              "===============================\n"
                              "\n"
                              "Ferries ran again on *Tuesday*.\n"
                              "\n"
                              "Timetable\n"
                              "---------\n"
                              "\n"
                              "The first ferry left at 6:00.\n", "a.txt");
  g_assert_cmpstr (nd_article_get_title (a), ==, "Harbour reopens after the storm");
  g_assert_cmpstr (nd_article_get_body (a), ==,
                   "Ferries ran again on Tuesday.\n\nTimetable\n\nThe first ferry left at 6:00.");
  blocks = nd_body_parse (nd_article_get_body (a));
  headings = blocks_of_kind (blocks, ND_BLOCK_HEADING);
  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (((NdBlock *) g_ptr_array_index (headings, 0))->text, ==, "Timetable");

  /* "---" under a sentence, or under a table header with pipes, is no
   * underline; a rule goes */
  b = nd_importer_parse_text ("Port News\n==\n\nShips **waited** outside.\n---\n\n"
                              "Ship | Berth\n---|---\nAurora | 4\n", "b.txt");
  g_assert_cmpstr (nd_article_get_title (b), ==, "Port News");
  g_assert_cmpstr (nd_article_get_body (b), ==,
                   "Ships waited outside.\n\nShip | Berth\n---|---\nAurora | 4");
}

static void
test_markdown_titles (void)
{
  g_autoptr(NdArticle) a = NULL;
  g_autoptr(NdArticle) b = NULL;
  g_autoptr(NdArticle) c = NULL;
  g_autoptr(NdArticle) d = NULL;
  g_autoptr(NdArticle) e = NULL;

  /* a "# " title is the title even where the headline rule says no */
  a = nd_importer_parse_text ("# Storms\n\nHeavy rain fell all week.", "a.md");
  g_assert_cmpstr (nd_article_get_title (a), ==, "Storms");
  g_assert_cmpstr (nd_article_get_body (a), ==, "Heavy rain fell all week.");

  b = nd_importer_parse_text ("# Rain again, and more to come.\nHeavy rain fell all week.", "b.md");
  g_assert_cmpstr (nd_article_get_title (b), ==, "Rain again, and more to come.");
  g_assert_cmpstr (nd_article_get_body (b), ==, "Heavy rain fell all week.");

  /* a lower heading first: the headline rule decides */
  c = nd_importer_parse_text ("## Flood Warning for the Valley\nRivers rose overnight.", "c.md");
  g_assert_cmpstr (nd_article_get_title (c), ==, "Flood Warning for the Valley");
  g_clear_object (&c);
  c = nd_importer_parse_text ("## Summary:\nRivers rose overnight.", "c.md");
  g_assert_cmpstr (nd_article_get_title (c), ==, "Summary: Rivers rose overnight");
  g_assert_cmpstr (nd_article_get_body (c), ==, "Summary:\nRivers rose overnight.");

  /* front matter goes, and gives the title */
  d = nd_importer_parse_text ("---\n"
                              "title: \"Bridge Closed for Repairs\"\n"
                              "date: 2026-03-02\n"
                              "tags:\n"
                              "  - roads\n"
                              "---\n"
                              "\n"
                              "The **old bridge** closed on Monday.\n"
                              "\n"
                              "Drivers should use the [ring road](https://x.example/ring).\n", "d.md");
  g_assert_cmpstr (nd_article_get_title (d), ==, "Bridge Closed for Repairs");
  g_assert_cmpstr (nd_article_get_body (d), ==,
                   "The old bridge closed on Monday.\n\nDrivers should use the ring road.");

  /* a heading that opens the text wins over the front matter's title */
  e = nd_importer_parse_text ("---\ntitle: draft-7\n---\n# Bridge Reopens\n\nCars crossed again.", "e.md");
  g_assert_cmpstr (nd_article_get_title (e), ==, "Bridge Reopens");
  g_assert_cmpstr (nd_article_get_body (e), ==, "Cars crossed again.");
}

static void
test_markdown_inline (void)
{
  /* one line of a Markdown text (told by its "# " heading) and its plain text */
  const struct { const char *line; const char *plain; } cases[] = {
    { "**Monday**'s vote", "Monday's vote" },
    { "***both*** and _one_ and *two*", "both and one and two" },
    { "snake_case, 5 * 3 and 2*3*4 stay", "snake_case, 5 * 3 and 2*3*4 stay" },
    { "**unclosed and *half", "**unclosed and *half" },
    { "\\*not emphasis\\* and C:\\Users", "*not emphasis* and C:\\Users" },
    { "run `a * b` and ``x ` y``", "run a * b and x ` y" },
    { "see <https://x.example/a> or <desk@x.example>", "see https://x.example/a or desk@x.example" },
    { "~~old~~ new, ~20 people", "old new, ~20 people" },
    { "[a [nested] **link**](https://x.example/(a)) here", "a [nested] link here" },
    { "[Update] no definition, [a](b c) no link", "[Update] no definition, [a](b c) no link" },
    { "a ![icon](i.png) inside", "a inside" },
    { "[![badge](b.svg)](https://x.example) Text", "Text" },
    { "Closing words <!-- note --> here", "Closing words here" },
    { "  * nested **item**", "  - nested item" },
    { "| a \\| b | **c** |", "| a \\| b | c |" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat ("# Notes\n\nFirst line.\n", cases[i].line, NULL);
      g_autofree char *expected = g_strconcat ("First line.\n", cases[i].plain, NULL);
      g_autoptr(NdArticle) article = nd_importer_parse_text (text, "notes.md");

      g_assert_cmpstr (nd_article_get_title (article), ==, "Notes");
      g_assert_cmpstr (nd_article_get_body (article), ==, expected);
    }
}

/* Decoding */

static void
test_decode_encodings (void)
{
  const char utf16le[] = "\xFF\xFE" "C\0a\0f\0\xE9\0 \0\xA9\x03\r\0\n\0t\0w\0o\0";
  const char utf16be[] = "\xFE\xFF" "\0C\0a\0f\0\xE9\0 \x03\xA9\0\r\0\n\0t\0w\0o";
  const char latin1[] = "Le caf\xE9 est ferm\xE9 depuis lundi.\n";
  const char cp1252[] = "\x93" "Hello,\x94 she said \x96 it\x92s fine\x85\n";
  const char bom_crlf[] = "\xEF\xBB\xBF" "Title\r\nBody one \r\rBody two\t\n";
  const char decomposed[] = "Cafe\xCC\x81";
  const char mixed[] = "Zo\xC3\xAB \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC";

  /* UTF-16 with a byte order mark, both ways round */
  assert_decodes (utf16le, sizeof utf16le - 1, "Caf\u00e9 \u03a9\ntwo");
  assert_decodes (utf16be, sizeof utf16be - 1, "Caf\u00e9 \u03a9\ntwo");

  /* clearly Latin-1 or Windows-1252 */
  assert_decodes (latin1, sizeof latin1 - 1, "Le caf\u00e9 est ferm\u00e9 depuis lundi.\n");
  assert_decodes (cp1252, sizeof cp1252 - 1,
                  "\u201cHello,\u201d she said \u2013 it\u2019s fine\u2026\n");

  /* UTF-8: the byte order mark goes, line ends become LF, trailing
   * spaces go, decomposed accents are composed */
  assert_decodes (bom_crlf, sizeof bom_crlf - 1, "Title\nBody one\n\nBody two\n");
  assert_decodes (decomposed, sizeof decomposed - 1, "Caf\u00e9");
  assert_decodes (mixed, sizeof mixed - 1, "Zo\u00eb \u2014 \u65e5\u672c");
}

static void
test_decode_refused (void)
{
  const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  const char controls[] = "ab\x01\x02\x03\x04\x05\x06" "cd\x07\x08\x0e\x0f";
  /* Russian in Windows-1251: not UTF-8, and not Western text either */
  const char cp1251[] = "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0! \xCA\xE0\xEA \xE4\xE5\xEB\xE0?\n";
  /* a byte Windows-1252 leaves undefined */
  const char undefined[] = "Plain text with \x81 a stray byte.\n";
  /* UTF-8 with one broken byte is not Latin-1 */
  const char broken[] = "It\xE2\x80\x99s caf\xE9 time.\n";
  /* truncated UTF-16 */
  const char odd16[] = "\xFF\xFE" "A\0B";

  assert_refused ("", 0, ND_ERROR_EMPTY, "report.txt is empty");
  assert_refused (" \n\t\r\n", 5, ND_ERROR_EMPTY, "report.txt is empty");
  assert_refused ("\xEF\xBB\xBF", 3, ND_ERROR_EMPTY, "report.txt is empty");
  assert_refused (png, sizeof png - 1, ND_ERROR_BINARY, "report.txt is a binary file, not text");
  assert_refused (controls, sizeof controls - 1, ND_ERROR_BINARY, "report.txt is a binary file, not text");
  assert_refused (cp1251, sizeof cp1251 - 1, ND_ERROR_ENCODING, "report.txt is not UTF-8 text");
  assert_refused (undefined, sizeof undefined - 1, ND_ERROR_ENCODING, "report.txt is not UTF-8 text");
  assert_refused (broken, sizeof broken - 1, ND_ERROR_ENCODING, "report.txt is not UTF-8 text");
  assert_refused (odd16, sizeof odd16 - 1, ND_ERROR_ENCODING, "report.txt is not valid UTF-16 text");
}

static void
test_offsets (void)
{
  /* C a f é ␠ – ␠ 日 本 ␠ x: é is 2 bytes, – and CJK 3 */
  const char *text = "Caf\u00e9 \u2013 \u65e5\u672c x";

  g_assert_cmpint (nd_text_byte_to_char (text, 0), ==, 0);
  g_assert_cmpint (nd_text_byte_to_char (text, 3), ==, 3);
  g_assert_cmpint (nd_text_byte_to_char (text, 5), ==, 4);
  g_assert_cmpint (nd_text_byte_to_char (text, 10), ==, 7);
  g_assert_cmpint (nd_text_byte_to_char (text, strlen (text)), ==, 11);
  g_assert_cmpint (nd_text_byte_to_char (text, 1000), ==, 11);

  g_assert_cmpuint (nd_text_char_to_byte (text, 0), ==, 0);
  g_assert_cmpuint (nd_text_char_to_byte (text, 4), ==, 5);
  g_assert_cmpuint (nd_text_char_to_byte (text, 6), ==, 9);
  g_assert_cmpuint (nd_text_char_to_byte (text, 7), ==, 10);
  g_assert_cmpuint (nd_text_char_to_byte (text, 11), ==, strlen (text));
  g_assert_cmpuint (nd_text_char_to_byte (text, 1000), ==, strlen (text));

  for (glong i = 0; i <= 11; i++)
    g_assert_cmpint (nd_text_byte_to_char (text, nd_text_char_to_byte (text, i)), ==, i);
}

static void
test_normalize (void)
{
  g_autofree char *a = nd_text_normalize ("one  \r\ntwo\t\rthree\xEF\xBB\xBF\n");
  g_autofree char *b = nd_text_normalize ("A\u0308rger");

  g_assert_cmpstr (a, ==, "one\ntwo\nthree\n");
  g_assert_cmpstr (b, ==, "\u00c4rger");
}

/* NewsDesk JSON */

static void
test_json_restore (void)
{
  g_autofree char *path = fixture_path ("newsdesk-v1.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = nd_importer_load_file (file, NULL, &error);
  const char * const *tags;
  NdArticle *article;
  GPtrArray *entities;
  NdEntity *entity;
  const NdMention *mention;
  double lat, lon;

  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 2);

  article = g_ptr_array_index (articles, 0);
  g_assert_cmpint (nd_article_get_id (article), ==, 0);
  g_assert_cmpstr (nd_article_get_title (article), ==, "Talks Resume in Geneva");
  g_assert_cmpstr (nd_article_get_source (article), ==, "talks.txt");
  g_assert_cmpstr (nd_article_get_published (article), ==, "2026-03-02");
  g_assert_cmpstr (nd_article_get_imported (article), ==, "2026-11-21T20:10:04Z");
  g_assert_true (nd_article_get_read (article));
  g_assert_false (nd_article_get_starred (article));
  tags = nd_article_get_tags (article);
  g_assert_cmpuint (g_strv_length ((GStrv) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "diplomacy");
  g_assert_cmpstr (tags[1], ==, "geneva talks");
  g_assert_true (g_str_has_prefix (nd_article_get_body (article), "Negotiators met in Gen\u00e8ve"));

  entities = nd_article_get_entities (article);
  g_assert_cmpuint (entities->len, ==, 3);
  entity = g_ptr_array_index (entities, 0);
  g_assert_cmpint (nd_entity_get_kind (entity), ==, ND_ENTITY_PLACE);
  g_assert_cmpstr (nd_entity_get_name (entity), ==, "Geneva");
  g_assert_cmpstr (nd_entity_get_country (entity), ==, "CH");
  g_assert_true (nd_entity_has_coordinates (entity));
  nd_entity_get_coordinates (entity, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 46.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 6.15, 1e-9);
  g_assert_cmpuint (nd_entity_get_n_mentions (entity), ==, 1);
  mention = nd_entity_get_mention (entity, 0);
  g_assert_cmpuint (mention->start, ==, 19);
  g_assert_cmpuint (mention->end, ==, 25);
  g_assert_cmpstr (mention->text, ==, "Gen\u00e8ve");
  {
    g_autofree char *slice = body_slice (nd_article_get_body (article), mention->start, mention->end);
    g_assert_cmpstr (slice, ==, mention->text);
  }

  entity = g_ptr_array_index (entities, 1);
  g_assert_cmpint (nd_entity_get_kind (entity), ==, ND_ENTITY_PERSON);
  g_assert_cmpstr (nd_entity_get_role (entity), ==, "Mediator");
  g_assert_false (nd_entity_has_coordinates (entity));

  entity = g_ptr_array_index (entities, 2);
  g_assert_cmpint (nd_entity_get_kind (entity), ==, ND_ENTITY_DATE);
  g_assert_null (nd_entity_get_value (entity));

  article = g_ptr_array_index (articles, 1);
  g_assert_cmpstr (nd_article_get_source (article), ==, "https://example.org/news/2");
  g_assert_null (nd_article_get_published (article));
  g_assert_true (nd_article_get_starred (article));
  g_assert_cmpuint (nd_article_get_entities (article)->len, ==, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) nd_article_get_tags (article)), ==, 0);
}

static void
test_json_refused (void)
{
  struct {
    const char *fixture;
    int         code;
    const char *message_part;
  } cases[] = {
    { "malformed.json", ND_ERROR_INVALID_JSON, "malformed.json is not valid JSON: " },
    { "newsdesk-future.json", ND_ERROR_UNSUPPORTED_VERSION,
      "newsdesk-future.json was written by a newer NewsDesk (format version 2)" },
    { "wrong-type.json", ND_ERROR_INVALID_JSON, "“articles[0].read”" },
    { "not-newsdesk.json", ND_ERROR_INVALID_JSON, "not-newsdesk.json is JSON but not a NewsDesk document" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i].fixture);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = nd_importer_load_file (file, NULL, &error);

      g_assert_null (articles);
      g_assert_error (error, ND_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("“%s” lacks “%s”", error->message, cases[i].message_part);
      /* the message names the file and is one line */
      g_assert_nonnull (strstr (error->message, cases[i].fixture));
      g_assert_null (strchr (error->message, '\n'));
    }
}

static void
test_json_wrong_types (void)
{
  struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "{\"format\":\"newsdesk\",\"version\":\"1\",\"articles\":[]}", "“version”" },
    { "{\"format\":\"newsdesk\",\"version\":1}", "“articles”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":{}}", "“articles”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[3]}", "“articles[0]”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"title\":\"T\"}]}", "“articles[0].body”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"title\":7,\"body\":\"B\"}]}", "“articles[0].title”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"body\":\"B\",\"tags\":[1]}]}", "“articles[0].tags[0]”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"body\":\"B\",\"entities\":[{\"kind\":\"ship\",\"name\":\"X\"}]}]}",
      "“articles[0].entities[0].kind”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"body\":\"B\",\"entities\":[{\"kind\":\"place\",\"name\":\"X\",\"lat\":\"north\",\"lon\":1}]}]}",
      "“articles[0].entities[0].lat”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"body\":\"B\",\"entities\":[{\"kind\":\"place\",\"name\":\"X\",\"mentions\":[{\"start\":0,\"end\":9}]}]}]}",
      "“articles[0].entities[0].mentions[0]”" },
    { "{\"format\":\"newsdesk\",\"version\":1,\"articles\":[{\"body\":\"B\",\"entities\":[{\"kind\":\"place\",\"name\":\"X\",\"mentions\":[{\"start\":0.5,\"end\":1}]}]}]}",
      "“articles[0].entities[0].mentions[0].start”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) articles = nd_importer_parse_data (cases[i].json, strlen (cases[i].json),
                                                              "doc.json", &error);

      g_assert_null (articles);
      g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
      g_assert_true (g_str_has_prefix (error->message, "doc.json "));
      if (strstr (error->message, cases[i].field) == NULL)
        g_error ("“%s” lacks “%s”", error->message, cases[i].field);
    }
}

/* Detection is by content, not by name */
static void
test_detection (void)
{
  const char *doc = "  \n{\"format\": \"newsdesk\", \"version\": 1, \"articles\": "
                    "[{\"title\": \"T\", \"body\": \"Body.\"}]}";
  const char *bracket = "[Update] Ferry Service Restored\nFerries run again from Monday.";
  const char utf16_doc[] = "\xFF\xFE{\0\"\0f\0o\0r\0m\0a\0t\0\"\0:\0\"\0n\0e\0w\0s\0d\0e\0s\0k\0\"\0,\0"
                           "\"\0v\0e\0r\0s\0i\0o\0n\0\"\0:\0001\0,\0\"\0a\0r\0t\0i\0c\0l\0e\0s\0\"\0:\0[\0]\0}\0";
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GError) error = NULL;

  a = nd_importer_parse_data (doc, strlen (doc), "/some/where/notes.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (nd_article_get_title (g_ptr_array_index (a, 0)), ==, "T");
  /* a document without a source gets the file's name */
  g_assert_cmpstr (nd_article_get_source (g_ptr_array_index (a, 0)), ==, "notes.txt");

  b = nd_importer_parse_data (bracket, strlen (bracket), "/in/folder/update.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (nd_article_get_title (g_ptr_array_index (b, 0)), ==, "[Update] Ferry Service Restored");
  g_assert_cmpstr (nd_article_get_source (g_ptr_array_index (b, 0)), ==, "update.json");

  c = nd_importer_parse_data (utf16_doc, sizeof utf16_doc - 1, "wide.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->len, ==, 0);

  assert_data_refused ("[1, 2,", 6, "list.txt", ND_ERROR_INVALID_JSON, "list.txt is not valid JSON: ");
  assert_data_refused ("[1, 2]", 6, "list.txt", ND_ERROR_INVALID_JSON,
                       "list.txt is JSON but not a NewsDesk document");
  assert_data_refused ("{\"format\": \"other\"}", 19, "o.json", ND_ERROR_INVALID_JSON,
                       "o.json is JSON but not a NewsDesk document");
  assert_data_refused ("", 0, "e.txt", ND_ERROR_EMPTY, "e.txt is empty");
}

/* Files */

static void
test_load_file_refused (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *large = g_build_filename (dir, "large.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *binary = g_build_filename (dir, "picture.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  int fd;

  articles = nd_importer_load_path (missing, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
  {
    g_autofree char *expected = g_strdup_printf ("%s: no such file", missing);
    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  /* a sparse 11 MB file: refused from its size, without reading it */
  fd = g_open (large, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 11 * 1000 * 1000), ==, 0);
  close (fd);
  articles = nd_importer_load_path (large, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_TOO_LARGE);
  {
    g_autofree char *expected = g_strdup_printf ("%s is larger than 10 MB", large);
    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  write_file (empty, "", 0);
  file = g_file_new_for_path (empty);
  articles = nd_importer_load_file (file, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_EMPTY);
  g_clear_error (&error);
  g_clear_object (&file);

  write_file (binary, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  file = g_file_new_for_path (binary);
  articles = nd_importer_load_file (file, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_BINARY);
  g_clear_error (&error);
  g_clear_object (&file);

  /* a folder is not a file */
  file = g_file_new_for_path (dir);
  articles = nd_importer_load_file (file, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_UNREADABLE);
  g_clear_error (&error);
  g_clear_object (&file);

  nd_test_remove_dir (dir);
}

/* Messages name the file as the user did */
static void
test_load_file_names (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *empty = g_build_filename (sub, "empty.txt", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_file (empty, "", 0);
  g_assert_cmpint (g_chdir (dir), ==, 0);

  articles = nd_importer_load_path ("./sub/empty.txt", NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "./sub/empty.txt is empty");
  g_clear_error (&error);

  file = g_file_new_for_commandline_arg ("sub/empty.txt");
  articles = nd_importer_load_file (file, NULL, &error);
  g_assert_null (articles);
  g_assert_cmpstr (error->message, ==, "sub/empty.txt is empty");
  g_clear_error (&error);

  articles = nd_importer_load_path ("sub/missing.txt", NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "sub/missing.txt: no such file");

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  nd_test_remove_dir (dir);
}

static void
test_load_file_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read any file");
      return;
    }

  dir = nd_test_make_dir ();
  path = g_build_filename (dir, "secret.txt", NULL);
  write_file (path, "Secret Headline\nSecret body.\n", -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  file = g_file_new_for_path (path);
  articles = nd_importer_load_file (file, NULL, &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_UNREADABLE);
  g_assert_true (g_str_has_suffix (error->message, "secret.txt cannot be read: permission denied"));

  g_chmod (path, 0644);
  nd_test_remove_dir (dir);
}

static void
test_load_file_encodings (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "windows.txt", NULL);
  g_autoptr(NdArticle) article = NULL;

  write_file (path, "Caf\xE9 Owners Protest\r\n\x93We will stay open,\x94 said one.\r\n", -1);
  article = load_one (path);
  g_assert_cmpstr (nd_article_get_title (article), ==, "Caf\u00e9 Owners Protest");
  g_assert_cmpstr (nd_article_get_body (article), ==, "\u201cWe will stay open,\u201d said one.");
  g_assert_cmpstr (nd_article_get_source (article), ==, "windows.txt");

  nd_test_remove_dir (dir);
}

/* Importing into a desk */

typedef struct
{
  GPtrArray *paths;
  GArray    *statuses;
  GArray    *ids;
  GPtrArray *messages;
} Results;

static void
results_init (Results *results)
{
  results->paths = g_ptr_array_new_with_free_func (g_free);
  results->statuses = g_array_new (FALSE, FALSE, sizeof (NdImportStatus));
  results->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  results->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
results_clear (Results *results)
{
  g_clear_pointer (&results->paths, g_ptr_array_unref);
  g_clear_pointer (&results->statuses, g_array_unref);
  g_clear_pointer (&results->ids, g_array_unref);
  g_clear_pointer (&results->messages, g_ptr_array_unref);
}

static guint
results_count (Results        *results,
               NdImportStatus  status)
{
  guint n = 0;

  for (guint i = 0; i < results->statuses->len; i++)
    n += g_array_index (results->statuses, NdImportStatus, i) == status;

  return n;
}

static void
collect_result (const char     *path,
                NdImportStatus  status,
                gint64          id,
                const GError   *error,
                gpointer        user_data)
{
  Results *results = user_data;

  g_assert_nonnull (path);
  g_assert_true ((status == ND_IMPORT_FAILED) == (error != NULL));
  if (status == ND_IMPORT_FAILED)
    {
      g_assert_cmpint (id, ==, 0);
      g_assert_null (strchr (error->message, '\n'));
    }
  else
    g_assert_cmpint (id, >, 0);

  g_ptr_array_add (results->paths, g_strdup (path));
  g_array_append_val (results->statuses, status);
  g_array_append_val (results->ids, id);
  g_ptr_array_add (results->messages, g_strdup (error != NULL ? error->message : ""));
}

static NdDatabase *
open_desk (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(GError) error = NULL;
  NdDatabase *database = nd_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  return database;
}

static void
test_import_samples (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) database = open_desk (dir);
  const char *samples = g_getenv ("ND_SAMPLES_DIR");
  const char *paths[] = { samples, NULL };
  Results first, second;
  gboolean ok;

  results_init (&first);
  ok = nd_importer_import_paths (database, paths, NULL, collect_result, &first);
  g_assert_true (ok);
  g_assert_cmpuint (first.statuses->len, ==, 5);
  g_assert_cmpuint (results_count (&first, ND_IMPORT_IMPORTED), ==, 5);
  g_assert_cmpuint (nd_database_count_articles (database), ==, 5);

  /* in name order, named as found in the folder */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%03u_", i);
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (first.paths, i));

      g_assert_true (g_str_has_prefix (g_ptr_array_index (first.paths, i), samples));
      g_assert_true (g_str_has_prefix (base, expected));
    }

  /* what landed is what the importer made */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NdArticle) stored = nd_database_load_article (database, g_array_index (first.ids, gint64, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_article_get_title (stored), ==,
                     "Witkoff Plans Mideast Visit to Advocate for Gaza Ceasefire, State Department Confirms");
    g_assert_cmpstr (nd_article_get_source (stored), ==, SAMPLE_000);
  }

  /* a second import finds them all in the desk */
  results_init (&second);
  ok = nd_importer_import_paths (database, paths, NULL, collect_result, &second);
  g_assert_true (ok);
  g_assert_cmpuint (second.statuses->len, ==, 5);
  g_assert_cmpuint (results_count (&second, ND_IMPORT_DUPLICATE), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (g_array_index (second.ids, gint64, i), ==, g_array_index (first.ids, gint64, i));
  g_assert_cmpuint (nd_database_count_articles (database), ==, 5);

  results_clear (&first);
  results_clear (&second);
  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

static void
test_import_mixed_folder (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *desk_dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) database = open_desk (desk_dir);
  g_autofree char *sub = g_build_filename (dir, "b-sub", NULL);
  g_autofree char *loop = g_build_filename (sub, "loop", NULL);
  g_autofree char *a = g_build_filename (dir, "a-good.txt", NULL);
  g_autofree char *bin = g_build_filename (dir, "c-picture.png", NULL);
  g_autofree char *empty = g_build_filename (dir, "d-empty.txt", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".hidden.txt", NULL);
  g_autofree char *nested = g_build_filename (sub, "nested.txt", NULL);
  g_autofree char *json_src = fixture_path ("newsdesk-v1.json");
  g_autofree char *json = g_build_filename (dir, "e-desk.json", NULL);
  g_autofree char *json_data = nd_test_read_file (json_src);
  g_autofree char *missing = g_build_filename (dir, "no-such-file.txt", NULL);
  const char *paths[] = { dir, missing, NULL };
  Results results;
  gboolean ok;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  /* a symbolic link back up the tree must not loop */
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  write_file (a, "Good Article Headline\nA good body.\n", -1);
  write_file (bin, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  write_file (empty, "", 0);
  write_file (hidden, "Hidden Headline\nHidden body.\n", -1);
  write_file (nested, "Nested Headline\nA nested body.\n", -1);
  write_file (json, json_data, -1);

  results_init (&results);
  ok = nd_importer_import_paths (database, paths, NULL, collect_result, &results);
  g_assert_false (ok);

  /* a-good, b-sub/nested, c-picture (failed), d-empty (failed),
   * e-desk.json (two articles), then the missing path (failed) */
  g_assert_cmpuint (results.statuses->len, ==, 7);
  g_assert_cmpuint (results_count (&results, ND_IMPORT_IMPORTED), ==, 4);
  g_assert_cmpuint (results_count (&results, ND_IMPORT_FAILED), ==, 3);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 0), ==, a);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 1), ==, nested);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 2), ==, bin);
  g_assert_cmpint (g_array_index (results.statuses, NdImportStatus, 2), ==, ND_IMPORT_FAILED);
  {
    g_autofree char *expected = g_strdup_printf ("%s is a binary file, not text", bin);
    g_assert_cmpstr (g_ptr_array_index (results.messages, 2), ==, expected);
  }
  g_assert_cmpstr (g_ptr_array_index (results.paths, 3), ==, empty);
  g_assert_cmpint (g_array_index (results.statuses, NdImportStatus, 3), ==, ND_IMPORT_FAILED);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 4), ==, json);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 5), ==, json);
  g_assert_cmpstr (g_ptr_array_index (results.paths, 6), ==, missing);
  {
    g_autofree char *expected = g_strdup_printf ("%s: no such file", missing);
    g_assert_cmpstr (g_ptr_array_index (results.messages, 6), ==, expected);
  }

  g_assert_cmpuint (nd_database_count_articles (database), ==, 4);

  /* the NewsDesk document came back with its tags, state and entities */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NdArticle) stored = nd_database_load_article (database, g_array_index (results.ids, gint64, 4), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (nd_article_get_title (stored), ==, "Talks Resume in Geneva");
    g_assert_true (nd_article_has_tag (stored, "diplomacy"));
    g_assert_true (nd_article_has_tag (stored, "geneva talks"));
    g_assert_true (nd_article_get_read (stored));
    g_assert_cmpuint (nd_article_get_entities (stored)->len, ==, 3);
  }

  results_clear (&results);
  g_clear_object (&database);
  nd_test_remove_dir (dir);
  nd_test_remove_dir (desk_dir);
}

static void
test_import_cancelled (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autoptr(NdDatabase) database = open_desk (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char *paths[] = { g_getenv ("ND_SAMPLES_DIR"), NULL };
  Results results;

  g_cancellable_cancel (cancellable);
  results_init (&results);
  g_assert_false (nd_importer_import_paths (database, paths, cancellable, collect_result, &results));
  g_assert_cmpuint (nd_database_count_articles (database), ==, 0);

  results_clear (&results);
  g_clear_object (&database);
  nd_test_remove_dir (dir);
}

/* The shortcut that skips normalising text which is NFC already agrees
 * with GLib: each character it lets through is NFC alone, after a letter
 * and before a combining accent's own letter, and text with anything
 * else still comes out composed */
static void
test_nfc_fast (void)
{
  static const gunichar ranges[][2] = {
    { 0x1, 0x2FF }, { 0x400, 0x52F }, { 0x2010, 0x2027 }, { 0x2030, 0x205E }, { 0x20A0, 0x20C0 },
  };
  g_autofree char *composed = NULL;

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (gunichar c = ranges[r][0]; c <= ranges[r][1]; c++)
      {
        char text[16] = "e";
        g_autofree char *nfc = NULL;
        int n = 1;

        n += g_unichar_to_utf8 (c, text + n);
        text[n] = 'a';
        text[n + 1] = 0;
        g_assert_true (nd_text_is_nfc_fast (text, -1));
        nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
        if (g_strcmp0 (nfc, text) != 0)
          g_error ("U+%04X is not NFC after a letter", c);
      }

  /* a combining accent, a singleton (the Ohm sign), Hangul jamo */
  g_assert_false (nd_text_is_nfc_fast ("Caf\x65\xcc\x81", -1));
  g_assert_false (nd_text_is_nfc_fast ("10 \xe2\x84\xa6", -1));
  g_assert_false (nd_text_is_nfc_fast ("\xe1\x84\x80\xe1\x85\xa1", -1));
  g_assert_true (nd_text_is_nfc_fast ("Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", -1));
  /* the length bounds it */
  g_assert_true (nd_text_is_nfc_fast ("Cafe\xcc\x81", 4));

  composed = nd_text_normalize ("Cafe\xcc\x81 au lait");
  g_assert_cmpstr (composed, ==, "Caf\xc3\xa9 au lait");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/importer/samples/headline-titles", test_sample_headline_titles);
  g_test_add_func ("/importer/samples/sentence-titles", test_sample_sentence_titles);
  g_test_add_func ("/importer/samples/boilerplate", test_sample_boilerplate);
  g_test_add_func ("/importer/samples/tables", test_sample_tables);
  g_test_add_func ("/importer/samples/headings", test_sample_headings);
  g_test_add_func ("/importer/samples/list-items", test_sample_list_items);
  g_test_add_func ("/importer/body/heading-rule", test_heading_rule);
  g_test_add_func ("/importer/body/parse", test_body_parse);
  g_test_add_func ("/importer/text/titles", test_parse_text_titles);
  g_test_add_func ("/importer/text/boilerplate", test_parse_text_boilerplate);
  g_test_add_func ("/importer/markdown/article", test_markdown_article);
  g_test_add_func ("/importer/markdown/plain-untouched", test_markdown_plain_untouched);
  g_test_add_func ("/importer/markdown/setext", test_markdown_setext);
  g_test_add_func ("/importer/markdown/titles", test_markdown_titles);
  g_test_add_func ("/importer/markdown/inline", test_markdown_inline);
  g_test_add_func ("/importer/decode/encodings", test_decode_encodings);
  g_test_add_func ("/importer/decode/refused", test_decode_refused);
  g_test_add_func ("/importer/decode/offsets", test_offsets);
  g_test_add_func ("/importer/decode/normalize", test_normalize);
  g_test_add_func ("/importer/json/restore", test_json_restore);
  g_test_add_func ("/importer/json/refused", test_json_refused);
  g_test_add_func ("/importer/json/wrong-types", test_json_wrong_types);
  g_test_add_func ("/importer/detection", test_detection);
  g_test_add_func ("/importer/file/refused", test_load_file_refused);
  g_test_add_func ("/importer/file/names", test_load_file_names);
  g_test_add_func ("/importer/file/unreadable", test_load_file_unreadable);
  g_test_add_func ("/importer/file/encodings", test_load_file_encodings);
  g_test_add_func ("/importer/nfc-fast", test_nfc_fast);
  g_test_add_func ("/importer/import/samples", test_import_samples);
  g_test_add_func ("/importer/import/mixed-folder", test_import_mixed_folder);
  g_test_add_func ("/importer/import/cancelled", test_import_cancelled);

  return g_test_run ();
}
