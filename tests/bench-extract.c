/* bench-extract.c — extraction throughput on one core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-extract [--min-mb N] [FILE...]
 *
 * Loads the gazetteer and the lexicons (printing how long that took),
 * imports the files given (by default the sample articles in
 * data/samples) and extracts their bodies over and over, on this thread
 * only, until at least N MB (default 50) of body text went through;
 * prints MB/s of extraction, and of extraction and freeing the entities
 * it made (timed apart); and MB/s per second this thread spent on the
 * CPU, which other processes taking the core change less. Then the
 * same with the trips built from those entities, as the import does
 * (nd_extractor_extract_article()). Not a test: run it by hand on a
 * quiet machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "newsdesk-core.h"

static GPtrArray *
load_articles (char **paths)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      loaded = nd_importer_load_file (file, NULL, &error);
      if (loaded == NULL)
        {
          fprintf (stderr, "%s: %s\n", paths[i], error->message);
          continue;
        }
      for (guint j = 0; j < loaded->len; j++)
        g_ptr_array_add (articles, g_object_ref (g_ptr_array_index (loaded, j)));
    }

  return articles;
}

/* Seconds this thread has run on a CPU */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char **
sample_paths (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (ND_SAMPLES_DIR, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return g_new0 (char *, 1);
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (ND_SAMPLES_DIR, name, NULL));
  g_ptr_array_sort (paths, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (paths, NULL);

  return (char **) g_ptr_array_steal (paths, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) files = NULL;
  int min_mb = 50;
  const GOptionEntry entries[] = {
    { "min-mb", 0, 0, G_OPTION_ARG_INT, &min_mb, "Extract at least this many MB of text (50)", "N" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "[FILE…]" },
    G_OPTION_ENTRY_NULL
  };
  gsize bytes_per_round = 0;
  gsize bytes = 0;
  gsize entities = 0;
  guint rounds = 0;
  gint64 start;
  double load_ms;
  double load_cpu;
  double seconds = 0;
  double free_seconds = 0;
  double best_round = G_MAXDOUBLE;
  double cpu_seconds = 0;
  double trip_cpu_seconds = 0;
  gsize trips = 0;

  options = g_option_context_new ("[FILE…] — extraction throughput");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  load_cpu = thread_cpu_seconds ();
  start = g_get_monotonic_time ();
  nd_gazetteer_get_default ();
  nd_lexicon_get_default ();
  load_ms = (g_get_monotonic_time () - start) / 1000.0;
  load_cpu = thread_cpu_seconds () - load_cpu;
  printf ("gazetteer and lexicons loaded in %.1f ms, %.1f ms on the CPU (%u places)\n",
          load_ms, load_cpu * 1000, nd_gazetteer_get_n_places (nd_gazetteer_get_default ()));

  paths = files != NULL ? g_strdupv (files) : sample_paths ();
  articles = load_articles (paths);
  for (guint i = 0; i < articles->len; i++)
    bytes_per_round += strlen (nd_article_get_body (g_ptr_array_index (articles, i)));

  if (bytes_per_round == 0)
    {
      fprintf (stderr, "no text to extract\n");
      return 1;
    }

  /* each round: extract every article (the clock runs), then free the
   * entities (it does not, but is timed apart) */
  while (bytes < (gsize) min_mb * 1000 * 1000)
    {
      g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      double cpu_start = thread_cpu_seconds ();
      gint64 round_start = g_get_monotonic_time ();
      gint64 round_end;
      gint64 free_start;
      double round_seconds;

      for (guint i = 0; i < articles->len; i++)
        {
          NdArticle *article = g_ptr_array_index (articles, i);
          GPtrArray *found = nd_extractor_extract (nd_article_get_body (article),
                                                   nd_article_get_published (article));

          entities += found->len;
          g_ptr_array_add (results, found);
        }
      round_end = g_get_monotonic_time ();
      cpu_seconds += thread_cpu_seconds () - cpu_start;

      /* the trips of the same articles, from the entities just found */
      cpu_start = thread_cpu_seconds ();
      for (guint i = 0; i < articles->len; i++)
        {
          NdArticle *article = g_ptr_array_index (articles, i);
          g_autoptr(GPtrArray) built = nd_extractor_build_itineraries (nd_article_get_title (article),
                                                                      nd_article_get_body (article),
                                                                      nd_article_get_published (article),
                                                                      g_ptr_array_index (results, i));

          trips += built->len;
        }
      trip_cpu_seconds += thread_cpu_seconds () - cpu_start;

      free_start = g_get_monotonic_time ();
      g_ptr_array_set_size (results, 0);
      free_seconds += (g_get_monotonic_time () - free_start) / 1e6;

      round_seconds = (round_end - round_start) / 1e6;
      seconds += round_seconds;
      best_round = MIN (best_round, round_seconds);
      bytes += bytes_per_round;
      rounds++;
    }

  printf ("%u articles (%zu bytes of body text) x %u rounds = %.1f MB, %.1f entities per article\n",
          articles->len, bytes_per_round, rounds, bytes / 1e6,
          (double) entities / (articles->len * rounds));
  printf ("extraction: %.1f MB/s (%.0f articles/s); with freeing the entities: %.1f MB/s\n",
          bytes / 1e6 / seconds, articles->len * rounds / seconds,
          bytes / 1e6 / (seconds + free_seconds));
  /* other processes take the core now and then: the fastest round shows
   * what extraction alone costs */
  printf ("fastest round: %.1f MB/s\n", bytes_per_round / 1e6 / best_round);
  /* the time the extracting thread was on a CPU: waits for the core
   * while other processes run do not count */
  if (cpu_seconds > 0)
    printf ("extraction per CPU second: %.1f MB/s\n", bytes / 1e6 / cpu_seconds);
  /* what the import extracts: the entities, then the trips */
  if (cpu_seconds + trip_cpu_seconds > 0)
    printf ("with the trips (%.2f trips per article), per CPU second: %.1f MB/s (the trips alone %.1f MB/s)\n",
            (double) trips / (articles->len * rounds), bytes / 1e6 / (cpu_seconds + trip_cpu_seconds),
            trip_cpu_seconds > 0 ? bytes / 1e6 / trip_cpu_seconds : 0);

  return 0;
}
