/* test-fuzz-regressions.c — replays every input the fuzzers once crashed
 * on (tests/fuzz/regressions/<target>/) and the seed corpus
 * (tests/fuzz/seeds/<target>/) through the same entry points as the
 * libFuzzer programs, with the same checks; runs in the normal build,
 * under ASan/UBSan and under valgrind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "newsdesk-core.h"
#include "nd-fuzz.h"

static guint
replay_dir (const NdFuzzTarget *target,
            const char         *kind)
{
  g_autofree char *path = g_build_filename (ND_FUZZ_DIR, kind, target->name, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, "README") || name[0] == '.')
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s (%" G_GSIZE_FORMAT " bytes)", target->name, file, length);
      target->run ((const guint8 *) contents, length);
    }

  return names->len;
}

static void
test_replay (gconstpointer data)
{
  const NdFuzzTarget *target = data;
  guint n_seeds, n_regressions;

  n_seeds = replay_dir (target, "seeds");
  n_regressions = replay_dir (target, "regressions");
  g_test_message ("%s: %u seeds, %u regressions replayed", target->name, n_seeds, n_regressions);

  /* the corpus the fuzzers start from is in the repository */
  g_assert_cmpuint (n_seeds, >, 0);
}

/* What the user reads for the bugs the fuzzers found, beyond "no crash" */

static void
assert_refused (const char *document,
                const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  /* as a file named so, by content */
  articles = nd_importer_parse_data (document, strlen (document), "desk export.json", &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_json_surrogate (void)
{
  assert_refused ("{\"format\": \"newsdesk\", \"version\": 1, \"articles\": "
                  "[{\"title\": \"a\\ud800b\", \"body\": \"x\"}]}",
                  "desk export.json is not valid JSON: line 1, column 63: a string has an "
                  "unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)");
}

/* json-glib 1.6 leaked its string buffer on these (CI's fuzzing found the
 * first): they are refused before it parses them, each with its place */
static void
test_json_bad_escapes (void)
{
  assert_refused ("[\"\\ud8$\\u",
                  "desk export.json is not valid JSON: line 1, column 3: a \\u escape "
                  "needs four hexadecimal digits");
  assert_refused ("{\"title\":\n  \"Zürich \\ud800\\u00e9\"}",
                  "desk export.json is not valid JSON: line 2, column 17: a string has an "
                  "unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)");
  assert_refused ("[\"\\ud800\\ud800\"]",
                  "desk export.json is not valid JSON: line 1, column 9: a string has an "
                  "unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)");
  assert_refused ("[\"\\udc00\"]",
                  "desk export.json is not valid JSON: line 1, column 3: a string has an "
                  "unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)");
  assert_refused ("[\"\\ud800\\u12\"]",
                  "desk export.json is not valid JSON: line 1, column 9: a \\u escape "
                  "needs four hexadecimal digits");
}

/* A pair is one character; an escaped backslash is not an escape */
static void
test_json_good_escapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char *document = "{\"format\": \"newsdesk\", \"version\": 1, \"articles\": "
                         "[{\"title\": \"\\ud83d\\udcf0 News \\\\ud800\", \"body\": \"x\"}]}";

  articles = nd_importer_parse_json (document, strlen (document), "desk export.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (nd_article_get_title (g_ptr_array_index (articles, 0)), ==,
                   "\xf0\x9f\x93\xb0 News \\ud800");
}

static void
test_json_surrogate_in_syntax_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char *document = "{\"format\": \"newsdesk\", \"\\ud800\" 1}";

  articles = nd_importer_parse_data (document, strlen (document), "desk export.json", &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
  g_assert_true (g_str_has_prefix (error->message, "desk export.json is not valid JSON: "));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_json_two_documents (void)
{
  const char *doc = "{\"format\": \"newsdesk\", \"version\": 1, \"articles\": []}";
  g_autofree char *two = g_strdup_printf ("%s\n%s\n", doc, doc);

  assert_refused (two, "desk export.json is not valid JSON: there is more after the "
                       "end of the document, on line 2");
}

/* A JSON string followed by an object (read as JSON when the user chose
 * that format; by content, such a file is text) */
static void
test_json_string_then_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char *document = "\"format\" {\"version\": 1}";

  articles = nd_importer_parse_json (document, strlen (document), "desk export.json", &error);
  g_assert_null (articles);
  g_assert_error (error, ND_ERROR, ND_ERROR_INVALID_JSON);
  g_assert_cmpstr (error->message, ==, "desk export.json is not valid JSON: there is more "
                                       "after the end of the document, on line 1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  nd_fuzz_init ();

  for (guint i = 0; i < nd_fuzz_n_targets; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/fuzz/replay/%s", nd_fuzz_targets[i].name);

      g_test_add_data_func (test_path, &nd_fuzz_targets[i], test_replay);
    }

  g_test_add_func ("/fuzz/json/surrogate", test_json_surrogate);
  g_test_add_func ("/fuzz/json/surrogate-in-syntax-error", test_json_surrogate_in_syntax_error);
  g_test_add_func ("/fuzz/json/bad-escapes", test_json_bad_escapes);
  g_test_add_func ("/fuzz/json/good-escapes", test_json_good_escapes);
  g_test_add_func ("/fuzz/json/two-documents", test_json_two_documents);
  g_test_add_func ("/fuzz/json/string-then-object", test_json_string_then_object);

  return g_test_run ();
}
