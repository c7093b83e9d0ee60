/* newsdesk-bench.c — how NewsDesk copes with a big desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   newsdesk-bench [--size N] [--seed S] [--cache DIR] [--reuse-desk]
 *                  [--no-app] [--import-only] [--import-workers N] [--batch N]
 *                  [--scroll-pages P] [--export-only]
 *
 * Run it through build-aux/newsdesk-bench, which builds it and provides
 * an X server (Xvfb) and a session bus for the app measurements.
 *
 * 1. Generates the corpus with build-aux/gen-corpus (cached in DIR by seed
 *    and size).
 * 2. Imports it into a fresh desk through nd_importer_import_paths(), the
 *    path the CLI and the window's import worker take (decoding,
 *    extraction, SQLite with FTS5).
 * 3. Extraction alone on this thread: MB/s of body text, entities and
 *    trips as the import extracts them, and the entities alone.
 * 4. Search, tag and entity filters through NdArticleStore (what the
 *    window's search entry and side panel call): the time to re-query and
 *    fetch the first screenful of rows, p50 and p95; for a search also
 *    the time until the snippets of those rows are in (the store fetches
 *    them in an idle after the rows are shown).
 * 5. Export of 10,000 articles to NewsDesk JSON (nd_exporter_export_ids(),
 *    what the window's export worker calls), with the process's peak RSS
 *    after it (with --export-only, nothing but the export runs).
 * 6. The app (src/ui/newsdesk) on the desk: cold start to the first frame
 *    showing rows (NEWSDESK_BENCH_EXIT_AFTER_FIRST_FRAME), its peak RSS
 *    then, and its peak RSS after scrolling the list from top to bottom
 *    (NEWSDESK_BENCH_SCROLL_TO_END).
 *
 * Prints a Markdown table. Not a test: figures depend on the machine.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <time.h>

#include "newsdesk-core.h"

#define N_QUERIES 200
#define SCREENFUL 20

typedef struct
{
  GString *table;
} Report;

static void
add_row (Report     *report,
         const char *what,
         const char *target,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static void
add_row (Report     *report,
         const char *what,
         const char *target,
         const char *format,
         ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (report->table, "| %s | %s | %s |\n", what, value, target);
  /* as we go, for long runs */
  fprintf (stderr, "  %s: %s\n", what, value);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
percentile (GArray *ms,
            double  p)
{
  guint i;

  if (ms->len == 0)
    return 0;

  g_array_sort (ms, compare_doubles);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, MIN (i, ms->len - 1));
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* CPU time of this thread: on a machine shared with other work, steadier
 * than the wall clock */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time of every thread of the process (the export reads the desk
 * on a thread of its own while this one writes) */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Times one query: wall ms into `ms`, CPU ms into `cpu` */
typedef struct
{
  double start;
  double cpu_start;
} Timer;

static Timer
timer_start (void)
{
  Timer t = { now_s (), thread_cpu_ms () };
  return t;
}

static void
timer_stop (Timer   t,
            GArray *ms,
            GArray *cpu)
{
  double wall = (now_s () - t.start) * 1000;
  double used = thread_cpu_ms () - t.cpu_start;

  g_array_append_val (ms, wall);
  g_array_append_val (cpu, used);
}

/* Corpus ------------------------------------------------------------------ */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
ensure_corpus (const char *dir,
               guint       seed,
               guint       size)
{
  g_autofree char *done = g_build_filename (dir, ".complete", NULL);
  g_autofree char *script = g_build_filename (ND_SOURCE_ROOT, "build-aux", "gen-corpus", NULL);
  g_autofree char *seed_str = g_strdup_printf ("%u", seed);
  g_autofree char *size_str = g_strdup_printf ("%u", size);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, seed_str, size_str, dir, NULL };
  int status = 0;
  double start;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    return TRUE;

  fprintf (stderr, "generating %u articles (seed %u) in %s…\n", size, seed, dir);
  start = now_s ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s: %s\n", script, error->message);
      return FALSE;
    }
  fprintf (stderr, "generated in %.0f s\n", now_s () - start);

  return g_file_set_contents (done, "", 0, NULL);
}

static void
list_files (const char *dir,
            GPtrArray  *paths,
            guint64    *bytes)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (name[0] == '.')
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, paths, bytes);
      else if (g_stat (path, &st) == 0)
        {
          *bytes += st.st_size;
          g_ptr_array_add (paths, g_steal_pointer (&path));
        }
    }
}

/* Import ------------------------------------------------------------------ */

/* One import worker: its own connection, the importer over its share of
 * the corpus folders, and commits every `batch` articles or 100 ms, as
 * the window's import worker does. */
typedef struct
{
  char        *desk;
  GPtrArray   *roots;
  guint        batch;
  guint        workers;
  NdDatabase  *database;
  gint64       batch_start;
  guint        in_batch;
  guint        imported;
  guint        duplicates;
  guint        failed;
  double       cpu;        /* the writer thread's own CPU seconds */
  GError      *error;
} ImportJob;

static void
import_cb (const char     *path,
           NdImportStatus  status,
           gint64          id,
           const GError   *error,
           gpointer        user_data)
{
  ImportJob *job = user_data;

  switch (status)
    {
    case ND_IMPORT_IMPORTED:
      job->imported++;
      if (job->imported % 5000 == 0)
        fprintf (stderr, "  … %u imported by one worker\n", job->imported);
      break;
    case ND_IMPORT_DUPLICATE:
      job->duplicates++;
      break;
    case ND_IMPORT_FAILED:
    default:
      if (job->failed++ < 5)
        fprintf (stderr, "  import failed: %s\n", error != NULL ? error->message : path);
      break;
    }

  if (job->batch > 1 &&
      (++job->in_batch >= job->batch ||
       g_get_monotonic_time () - job->batch_start >= 100 * G_TIME_SPAN_MILLISECOND))
    {
      if (!nd_database_commit (job->database, &job->error) ||
          !nd_database_begin (job->database, &job->error))
        g_error ("%s", job->error->message);
      job->in_batch = 0;
      job->batch_start = g_get_monotonic_time ();
    }
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gpointer
import_thread (gpointer data)
{
  ImportJob *job = data;
  double cpu = thread_cpu_seconds ();

  job->database = nd_database_open (job->desk, &job->error);
  if (job->database == NULL)
    return NULL;

  g_ptr_array_add (job->roots, NULL);
  if (job->batch > 1)
    {
      job->batch_start = g_get_monotonic_time ();
      if (!nd_database_begin (job->database, &job->error))
        return NULL;
    }
  nd_importer_import_paths_with_workers (job->database, (const char * const *) job->roots->pdata,
                                         job->workers, NULL, import_cb, job);
  if (job->batch > 1)
    nd_database_commit (job->database, &job->error);
  g_clear_object (&job->database);
  job->cpu = thread_cpu_seconds () - cpu;

  return NULL;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
bench_import (Report     *report,
              const char *desk,
              const char *corpus,
              guint64     bytes,
              guint       jobs,
              guint       batch,
              guint       workers)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, NULL);
  g_autofree ImportJob *work = g_new0 (ImportJob, jobs);
  g_autofree GThread **threads = g_new0 (GThread *, jobs);
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint imported = 0;
  guint failed = 0;
  double start;
  double cpu;
  double writer_cpu = 0;
  double seconds;

  /* creates the schema before the workers start */
  database = nd_database_open (desk, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  g_clear_object (&database);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (folders, g_build_filename (corpus, name, NULL));
  g_ptr_array_sort (folders, compare_paths);

  for (guint i = 0; i < jobs; i++)
    {
      work[i].desk = (char *) desk;
      work[i].batch = batch;
      work[i].workers = workers;
      work[i].roots = g_ptr_array_new ();
    }
  for (guint i = 0; i < folders->len; i++)
    g_ptr_array_add (work[i % jobs].roots, g_ptr_array_index (folders, i));

  /* the gazetteer loads once per process; not part of the rate */
  nd_gazetteer_get_default ();
  nd_lexicon_get_default ();

  fprintf (stderr, "importing into %s (%u writer(s), %u reading and extracting, commits every %u articles or 100 ms)…\n",
           desk, jobs, workers > 0 ? workers : g_get_num_processors (), batch);
  start = now_s ();
  cpu = cpu_seconds ();
  for (guint i = 0; i < jobs; i++)
    threads[i] = g_thread_new ("import", import_thread, &work[i]);
  for (guint i = 0; i < jobs; i++)
    {
      g_thread_join (threads[i]);
      if (work[i].error != NULL)
        g_error ("%s", work[i].error->message);
      imported += work[i].imported;
      failed += work[i].failed;
      writer_cpu += work[i].cpu;
      g_ptr_array_unref (work[i].roots);
    }
  seconds = now_s () - start;
  cpu = cpu_seconds () - cpu;

  add_row (report, "Import (extraction + FTS)", "≥ 2,000 articles/s",
           "%.0f articles/s, %.1f MB/s (%u articles in %.1f s, %u writer, %u extracting, %.1f ms CPU per article, "
           "of which %.1f ms in the writer, %u failed)",
           imported / seconds, bytes / 1e6 / seconds, imported, seconds, jobs,
           workers > 0 ? workers : g_get_num_processors (),
           cpu * 1000 / MAX (imported, 1), writer_cpu * 1000 / MAX (imported, 1), failed);
}

static void
remove_desk (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* Extraction -------------------------------------------------------------- */

static void
bench_extraction (Report    *report,
                  GPtrArray *paths)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 bytes = 0;
  double seconds = 0;
  double entity_seconds = 0;
  double best = 0;

  nd_gazetteer_get_default ();
  nd_lexicon_get_default ();

  /* the first files up to 20 MB of body text */
  for (guint i = 0; i < paths->len && bytes < 20 * 1000 * 1000; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      g_autoptr(GPtrArray) loaded = nd_importer_load_file (file, NULL, NULL);

      for (guint j = 0; loaded != NULL && j < loaded->len; j++)
        {
          NdArticle *article = g_ptr_array_index (loaded, j);

          bytes += strlen (nd_article_get_body (article));
          g_ptr_array_add (articles, g_object_ref (article));
        }
    }

  /* three rounds; the machine may be shared, so the best one counts too.
   * What the import runs on each article: the entities, then the trips
   * built from them (nd_extractor_extract_article()); the entities alone
   * are timed too */
  for (guint round = 0; round < 3; round++)
    {
      double start = now_s ();
      double entities_s = 0;
      double elapsed;

      for (guint i = 0; i < articles->len; i++)
        {
          NdArticle *article = g_ptr_array_index (articles, i);
          double t0 = now_s ();
          g_autoptr(GPtrArray) found = nd_extractor_extract (nd_article_get_body (article),
                                                             nd_article_get_published (article));
          g_autoptr(GPtrArray) trips = NULL;

          entities_s += now_s () - t0;
          trips = nd_extractor_build_itineraries (nd_article_get_title (article),
                                                  nd_article_get_body (article),
                                                  nd_article_get_published (article), found);
        }
      elapsed = now_s () - start;
      seconds += elapsed;
      entity_seconds += entities_s;
      best = round == 0 ? elapsed : MIN (best, elapsed);
    }

  add_row (report, "Extraction alone, one core", "≥ 20 MB/s",
           "%.1f MB/s with the trips (best round %.1f MB/s); entities alone %.1f MB/s "
           "(%u articles, %.1f MB)",
           3 * bytes / 1e6 / seconds, bytes / 1e6 / best, 3 * bytes / 1e6 / entity_seconds,
           articles->len, bytes / 1e6);
}

/* Queries through the store ---------------------------------------------- */

/* The first rows, as the list binds them; kept in `rows` when given (a
 * row on screen holds its article, which its snippet then reaches) */
static void
fetch_screenful (NdArticleStore *store,
                 GPtrArray      *rows)
{
  guint n = MIN (SCREENFUL, g_list_model_get_n_items (G_LIST_MODEL (store)));

  for (guint i = 0; i < n; i++)
    {
      NdArticle *article = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (rows != NULL)
        g_ptr_array_add (rows, article);
      else
        g_object_unref (article);
    }
}

static GPtrArray *
read_common_words (void)
{
  g_autofree char *path = g_build_filename (ND_SOURCE_ROOT, "data", "lexicons", "common-words.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return words;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && strlen (lines[i]) >= 4)
      g_ptr_array_add (words, g_strdup (lines[i]));

  return words;
}

/* 200 varied queries: people and places of the desk, common words, two
 * words, word prefixes (as typed, letter by letter), and words that match
 * nothing. Deterministic. */
static GPtrArray *
make_queries (NdDatabase *database)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) people = nd_database_list_entities (database, ND_ENTITY_PERSON, 200, NULL);
  g_autoptr(GPtrArray) places = nd_database_list_entities (database, ND_ENTITY_PLACE, 200, NULL);
  g_autoptr(GPtrArray) words = read_common_words ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; queries->len < N_QUERIES; i++)
    {
      guint kind = i % 8;

      if (kind == 0 && people != NULL && people->len > 0)
        {
          NdEntityCount *c = g_ptr_array_index (people, g_rand_int_range (rand, 0, people->len));
          g_ptr_array_add (queries, g_strdup (nd_entity_get_name (c->entity)));
        }
      else if (kind == 1 && places != NULL && places->len > 0)
        {
          NdEntityCount *c = g_ptr_array_index (places, g_rand_int_range (rand, 0, places->len));
          g_ptr_array_add (queries, g_strdup (nd_entity_get_name (c->entity)));
        }
      else if (words->len > 0 && (kind == 2 || kind == 3))
        {
          /* a frequent word, and a rarer one */
          guint range = kind == 2 ? MIN (words->len, 500) : words->len;
          g_ptr_array_add (queries, g_strdup (g_ptr_array_index (words, g_rand_int_range (rand, 0, range))));
        }
      else if (words->len > 0 && (kind == 4 || kind == 5))
        {
          const char *a = g_ptr_array_index (words, g_rand_int_range (rand, 0, MIN (words->len, 2000)));
          const char *b = g_ptr_array_index (words, g_rand_int_range (rand, 0, MIN (words->len, 2000)));
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", a, b));
        }
      else if (words->len > 0 && kind == 6)
        {
          const char *w = g_ptr_array_index (words, g_rand_int_range (rand, 0, words->len));
          g_ptr_array_add (queries, g_strndup (w, 3));
        }
      else
        g_ptr_array_add (queries, g_strdup_printf ("zqx%uvw", i));
    }

  return queries;
}

static void
bench_queries (Report     *report,
               NdDatabase *database)
{
  g_autoptr(NdArticleStore) store = nd_article_store_new (database);
  g_autoptr(GPtrArray) queries = make_queries (database);
  g_autoptr(GPtrArray) tags = nd_article_store_list_tags (store);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_free);
  GArray *ms[5];
  GArray *cpu[5];
  guint64 hits = 0;
  guint missing = 0;

  for (guint k = 0; k < 5; k++)
    {
      ms[k] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* 0: the unfiltered list after an edit (as after an import batch):
   * the desk changed, so the database reads the sort index again rather
   * than its kept order */
  for (guint i = 0; i < 20; i++)
    {
      gint64 first = nd_article_store_get_id (store, 0);
      Timer t;

      nd_database_set_read (database, first, i % 2 == 0, NULL);
      t = timer_start ();
      nd_article_store_refresh (store);
      fetch_screenful (store, NULL);
      timer_stop (t, ms[0], cpu[0]);
    }

  /* 1: search, the rows shown; 4: until their snippets are in (what the
   * main loop of the window does in between: the idle of the store) */
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
      Timer t = timer_start ();

      nd_article_store_set_search (store, g_ptr_array_index (queries, i));
      fetch_screenful (store, rows);
      timer_stop (t, ms[1], cpu[1]);
      while (nd_article_store_get_n_pending_snippets (store) > 0)
        g_main_context_iteration (NULL, TRUE);
      timer_stop (t, ms[4], cpu[4]);

      hits += g_list_model_get_n_items (G_LIST_MODEL (store));
      for (guint r = 0; r < rows->len; r++)
        if (nd_article_get_snippet (g_ptr_array_index (rows, r)) == NULL)
          missing++;
    }
  nd_article_store_set_search (store, NULL);

  /* 2: tag */
  for (guint i = 0; tags->len > 0 && i < N_QUERIES; i++)
    {
      NdTagCount *tag = g_ptr_array_index (tags, i % tags->len);
      Timer t = timer_start ();

      nd_article_store_set_tag (store, tag->name);
      fetch_screenful (store, NULL);
      timer_stop (t, ms[2], cpu[2]);
    }
  nd_article_store_set_tag (store, NULL);

  /* 3: entity */
  for (NdEntityKind kind = ND_ENTITY_PERSON; kind <= ND_ENTITY_ORGANIZATION; kind++)
    {
      g_autoptr(GPtrArray) list = nd_database_list_entities (database, kind, 70, NULL);

      for (guint i = 0; list != NULL && i < list->len; i++)
        g_ptr_array_add (entities,
                         g_strdup (nd_entity_get_name (((NdEntityCount *) g_ptr_array_index (list, i))->entity)));
    }

  for (guint i = 0; entities->len > 0 && i < N_QUERIES; i++)
    {
      Timer t = timer_start ();

      nd_article_store_set_entity (store, g_ptr_array_index (entities, i % entities->len));
      fetch_screenful (store, NULL);
      timer_stop (t, ms[3], cpu[3]);
    }
  nd_article_store_set_entity (store, NULL);

#define P(k) percentile (ms[k], 0.5), percentile (ms[k], 0.95), percentile (cpu[k], 0.5), percentile (cpu[k], 0.95)
  add_row (report, "Whole list after an edit (re-query every id + first 20 rows)", "—",
           "p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f ms)", P (0));
  add_row (report, "Full-text search, 200 queries (+ first 20 rows shown)", "p95 ≤ 20 ms",
           "p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f ms); %.0f hits per query",
           P (1), (double) hits / MAX (queries->len, 1));
  add_row (report, "Full-text search until the snippets of those 20 rows are in", "—",
           "p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f ms); %u rows without a snippet",
           P (4), missing);
  add_row (report, "Tag filter, 200 times (+ first 20 rows)", "p95 ≤ 10 ms",
           "p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f ms); %u tags", P (2), tags->len);
  add_row (report, "Entity filter, 200 times (+ first 20 rows)", "p95 ≤ 10 ms",
           "p50 %.1f ms, p95 %.1f ms (CPU p50 %.1f, p95 %.1f ms); %u entities", P (3), entities->len);
#undef P

  for (guint k = 0; k < 5; k++)
    {
      g_array_unref (ms[k]);
      g_array_unref (cpu[k]);
    }
}

/* Export ------------------------------------------------------------------ */

static void
bench_export (Report     *report,
              NdDatabase *database,
              const char *cache)
{
  NdQuery query = { 0 };
  g_autoptr(GArray) ids = nd_database_query_ids (database, &query, NULL);
  g_autofree char *path = g_build_filename (cache, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStatBuf st = { 0 };
  struct rusage usage = { 0 };
  double start;
  double seconds;
  double cpu;

  if (ids == NULL)
    return;
  g_array_set_size (ids, MIN (ids->len, 10000));

  start = now_s ();
  cpu = process_cpu_ms ();
  if (!nd_exporter_export_ids (database, ids, file, NULL, &error))
    {
      fprintf (stderr, "export: %s\n", error->message);
      return;
    }
  seconds = now_s () - start;
  cpu = process_cpu_ms () - cpu;
  g_stat (path, &st);
  g_unlink (path);
  getrusage (RUSAGE_SELF, &usage);

  add_row (report, "Export to JSON", "10,000 in ≤ 1 s",
           "%u articles in %.2f s (CPU of all threads %.2f s; %.0f MB; peak RSS of the process %.0f MB)",
           ids->len, seconds, cpu / 1000, st.st_size / 1e6, usage.ru_maxrss / 1024.0);
}

/* The app ----------------------------------------------------------------- */

/* GSK_RENDERER for the app: under Xvfb there is no GPU, and GTK's GL
 * renderer runs on llvmpipe, which spends most of each frame rasterising
 * in software; "cairo" draws what a laptop's GPU would (see
 * docs/performance.md). NULL or "": GTK's choice. */
static const char *renderer = NULL;

/* With the cairo renderer GTK 4.8 still opens a GL context when it opens
 * the display (gdk_display_prepare_gl()); under Xvfb that loads Mesa's
 * llvmpipe, 12% of the app's instructions to its first frame, for a
 * context nothing uses. Unless --probe-gl, the app is told not to
 * (GDK_DEBUG=gl-disable) when it draws with cairo. */
static gboolean probe_gl = FALSE;

/* Runs the app on the desk with one bench variable set; returns the
 * seconds from spawning it to its "first-frame" line (or < 0) and its
 * VmHWM (kB) as it printed. */
static double
run_app (const char *desk,
         const char *variable,
         const char *value,
         guint64    *out_hwm_kb,
         guint64    *out_rows,
         double     *out_cpu_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_dir = g_build_filename (ND_BUILD_ROOT, "data", NULL);
  double start;
  double first_frame = -1;
  char *line;

  g_subprocess_launcher_setenv (launcher, "NEWSDESK_DB", desk, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  if (renderer != NULL && *renderer != '\0')
    g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", renderer, TRUE);
  if (!probe_gl && g_strcmp0 (renderer, "cairo") == 0)
    g_subprocess_launcher_setenv (launcher, "GDK_DEBUG", "gl-disable", TRUE);

  start = now_s ();
  process = g_subprocess_launcher_spawn (launcher, &error, ND_APP_PATH, NULL);
  if (process == NULL)
    {
      fprintf (stderr, "%s: %s\n", ND_APP_PATH, error->message);
      return -1;
    }

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line (input, NULL, NULL, NULL)) != NULL)
    {
      guint64 value_kb;

      if (g_str_has_prefix (line, "first-frame") && first_frame < 0)
        first_frame = now_s () - start;
      else if (sscanf (line, "VmHWM: %" G_GUINT64_FORMAT, &value_kb) == 1 && out_hwm_kb != NULL)
        *out_hwm_kb = value_kb;
      else if (sscanf (line, "rows-seen: %" G_GUINT64_FORMAT, &value_kb) == 1 && out_rows != NULL)
        *out_rows = value_kb;
      else if (sscanf (line, "cpu-ms: %" G_GUINT64_FORMAT, &value_kb) == 1 && out_cpu_ms != NULL)
        *out_cpu_ms = value_kb;
      g_free (line);
    }

  if (!g_subprocess_wait_check (process, NULL, &error))
    fprintf (stderr, "%s: %s\n", ND_APP_PATH, error->message);

  return first_frame;
}

static void
bench_app (Report     *report,
           const char *desk,
           guint       scroll_pages)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *pages = g_strdup_printf ("%u", scroll_pages);
  guint64 open_kb = 0;
  guint64 scroll_kb = 0;
  guint64 rows = 0;
  double seconds = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "no display: skipping the app (run through build-aux/newsdesk-bench)\n");
      return;
    }

  /* one run to warm the page cache, as a second start of the day would */
  run_app (desk, "NEWSDESK_BENCH_EXIT_AFTER_FIRST_FRAME", "1", NULL, NULL, NULL);
  for (guint i = 0; i < 5; i++)
    {
      double cpu_ms = 0;
      double s = run_app (desk, "NEWSDESK_BENCH_EXIT_AFTER_FIRST_FRAME", "1", &open_kb, NULL, &cpu_ms);

      if (s >= 0)
        {
          g_array_append_val (starts, s);
          g_array_append_val (cpus, cpu_ms);
        }
    }

  if (starts->len == 0)
    {
      add_row (report, "Cold start to a populated list", "≤ 400 ms", "the app did not show rows");
      return;
    }

  add_row (report, "Cold start to a populated list (5 runs, warm page cache)", "≤ 400 ms",
           "median %.0f ms, best %.0f ms (CPU of the app to that frame: median %.0f ms%s)",
           percentile (starts, 0.5) * 1000, percentile (starts, 0) * 1000, percentile (cpus, 0.5),
           !probe_gl && g_strcmp0 (renderer, "cairo") == 0 ? "; no GL context opened" : "");
  add_row (report, "Peak RSS, desk open", "≤ 150 MB", "%.0f MB (GSK_RENDERER %s)", open_kb / 1024.0,
           renderer != NULL && *renderer != '\0' ? renderer : "default");

  fprintf (stderr, "scrolling the whole list, %u page(s) a frame…\n", scroll_pages);
  seconds = now_s ();
  if (run_app (desk, "NEWSDESK_BENCH_SCROLL_TO_END", pages, &scroll_kb, &rows, NULL) < 0 || scroll_kb == 0)
    {
      add_row (report, "Peak RSS after scrolling top to bottom", "≤ 150 MB", "the app did not scroll");
      return;
    }
  seconds = now_s () - seconds;
  add_row (report, "Peak RSS after scrolling top to bottom", "≤ 150 MB",
           "%.0f MB (%" G_GUINT64_FORMAT " rows in the list, scrolled in %.0f s)", scroll_kb / 1024.0, rows, seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cache = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *name = NULL;
  Report report = { g_string_new (NULL) };
  int size = 10000;
  int seed = 1;
  int scroll_pages = 1;
  char *renderer_option = NULL;
  /* one worker, as in the window: two writers on one desk make the
   * importer's per-article transactions fail with SQLITE_BUSY */
  int jobs = 1;
  int batch = 200;
  int import_workers = 0;
  gboolean reuse = FALSE;
  gboolean no_app = FALSE;
  gboolean import_only = FALSE;
  gboolean export_only = FALSE;
  guint64 bytes = 0;
  const GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_INT, &size, "Articles in the desk (10000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Corpus seed (1)", "S" },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache, "Where corpora and desks are kept", "DIR" },
    { "reuse-desk", 0, 0, G_OPTION_ARG_NONE, &reuse, "Keep the desk of an earlier run (no import)", NULL },
    { "no-app", 0, 0, G_OPTION_ARG_NONE, &no_app, "Skip the app (cold start, memory)", NULL },
    { "import-workers", 0, 0, G_OPTION_ARG_INT, &import_workers, "Threads reading and extracting during the import (0: one per processor)", "N" },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &import_only, "Import into a fresh desk, then stop", NULL },
    { "batch", 0, 0, G_OPTION_ARG_INT, &batch, "Import commits every N articles (200; 1: one transaction each)", "N" },
    { "scroll-pages", 0, 0, G_OPTION_ARG_INT, &scroll_pages, "Pages scrolled per frame (1)", "P" },
    { "export-only", 0, 0, G_OPTION_ARG_NONE, &export_only, "Only the export (no extraction, queries or app)", NULL },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer_option, "GSK_RENDERER for the app (cairo under Xvfb, else GTK's choice)", "NAME" },
    { "probe-gl", 0, 0, G_OPTION_ARG_NONE, &probe_gl, "Let the app open a GL context even when it draws with cairo", NULL },
    G_OPTION_ENTRY_NULL
  };

  options = g_option_context_new ("— NewsDesk benchmark");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (size < 1 || seed < 0 || scroll_pages < 1 || batch < 1)
    {
      fprintf (stderr, "--size, --batch and --scroll-pages must be at least 1, --seed not negative\n");
      return 2;
    }

  if (renderer_option != NULL)
    renderer = renderer_option;
  else if (g_getenv ("NEWSDESK_BENCH_XVFB") != NULL)
    renderer = "cairo";

  if (cache == NULL)
    cache = g_build_filename (g_get_user_cache_dir (), "newsdesk-bench", NULL);
  if (g_mkdir_with_parents (cache, 0755) != 0)
    {
      fprintf (stderr, "%s: %s\n", cache, g_strerror (errno));
      return 1;
    }

  name = g_strdup_printf ("corpus-%d-%d", seed, size);
  corpus = g_build_filename (cache, name, NULL);
  g_free (name);
  name = g_strdup_printf ("desk-%d-%d.db", seed, size);
  desk = g_build_filename (cache, name, NULL);

  if (!ensure_corpus (corpus, seed, size))
    return 1;

  list_files (corpus, paths, &bytes);
  g_ptr_array_sort (paths, compare_paths);

  g_string_append_printf (report.table,
                          "\nCorpus: %d articles (seed %d, %.0f MB of files)\n\n"
                          "| Measure | Result | Target |\n|---|---|---|\n",
                          size, seed, bytes / 1e6);

  if (!reuse || !g_file_test (desk, G_FILE_TEST_EXISTS))
    {
      remove_desk (desk);
      bench_import (&report, desk, corpus, bytes, jobs, batch, (guint) MAX (import_workers, 0));
    }

  if (import_only)
    {
      printf ("%s\n", report.table->str);
      g_string_free (report.table, TRUE);
      return 0;
    }

  database = nd_database_open (desk, &error);
  if (database == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  /* a desk kept with --reuse-desk may hold fewer */
  add_row (&report, "Articles in the desk", "—", "%u", nd_database_count_articles (database));
  if (!export_only)
    {
      bench_extraction (&report, paths);
      bench_queries (&report, database);
    }
  bench_export (&report, database, cache);
  g_clear_object (&database);

  if (!no_app && !export_only)
    bench_app (&report, desk, scroll_pages);

  printf ("%s\n", report.table->str);
  g_string_free (report.table, TRUE);

  return 0;
}
