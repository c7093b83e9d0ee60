/* test-file-mode.c — the files NewsDesk writes get the permissions the
 * user's umask gives (an export is readable by the group when the umask
 * says so, and by nobody else when it is 077); the desk is private
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>
#include <sys/types.h>

#include "test-common.h"

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

static GPtrArray *
one_article (void)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (articles, nd_test_article ("Talks resume in Geneva",
                                              "Negotiators met in Geneva on Monday.",
                                              "diplomacy"));
  return articles;
}

typedef gboolean (*WriteFunc) (GPtrArray *, GFile *, GCancellable *, GError **);

/* Writes a new file with `mask` as the umask and returns its mode */
static guint
export_with_umask (WriteFunc   write,
                   const char *dir,
                   const char *name,
                   mode_t      mask)
{
  g_autoptr(GPtrArray) articles = one_article ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  mode_t old = umask (mask);
  gboolean ok = write (articles, file, NULL, &error);

  umask (old);
  g_assert_no_error (error);
  g_assert_true (ok);
  return file_mode (path);
}

static void
test_export_umask (gconstpointer data)
{
  WriteFunc write = (WriteFunc) data;
  g_autofree char *dir = nd_test_make_dir ();

  g_assert_cmpuint (export_with_umask (write, dir, "group.json", 027), ==, 0640);
  g_assert_cmpuint (export_with_umask (write, dir, "private.json", 077), ==, 0600);
  g_assert_cmpuint (export_with_umask (write, dir, "shared.json", 022), ==, 0644);

  nd_test_remove_dir (dir);
}

/* Writing over an export keeps the mode the user gave that file */
static void
test_export_replace_keeps_mode (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "export.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) articles = one_article ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  g_assert_true (nd_exporter_write_file (articles, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  contents = nd_test_read_file (path);
  g_assert_nonnull (strstr (contents, "Talks resume in Geneva"));

  nd_test_remove_dir (dir);
}

/* The desk's folder is the user's alone; the database file follows the
 * umask like any other document */
static void
test_desk_umask (void)
{
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *desk_dir = g_build_filename (dir, "newsdesk", NULL);
  g_autofree char *path = g_build_filename (desk_dir, "newsdesk.db", NULL);
  g_autoptr(NdDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old = umask (027);

  database = nd_database_open (path, &error);
  umask (old);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  g_assert_cmpuint (file_mode (desk_dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0640);

  g_clear_object (&database);
  nd_test_remove_dir (desk_dir);
  nd_test_remove_dir (dir);
}

/* newsdesk-cli export, run by a user whose umask is 027 */
static void
test_cli_export_umask (void)
{
  const char *cli = g_getenv ("NEWSDESK_CLI");
  const char *samples = g_getenv ("ND_SAMPLES_DIR");
  g_autofree char *dir = nd_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "desk.db", NULL);
  g_autofree char *out = g_build_filename (dir, "cli-export.json", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  int status = -1;
  mode_t old;

  if (cli == NULL || samples == NULL)
    {
      g_test_skip ("NEWSDESK_CLI and ND_SAMPLES_DIR are set by meson test");
      return;
    }
  sample = g_build_filename (samples, "000_a68f59e74025158f.txt", NULL);

  old = umask (027);
  {
    const char *import_argv[] = { cli, "--database", db, "import", sample, NULL };
    const char *export_argv[] = { cli, "--database", db, "export", "-o", out, NULL };

    g_spawn_sync (NULL, (char **) import_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    if (error == NULL)
      g_spawn_check_wait_status (status, &error);
    if (error == NULL)
      g_spawn_sync (NULL, (char **) export_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
    if (error == NULL)
      g_spawn_check_wait_status (status, &error);
  }
  umask (old);
  g_assert_no_error (error);

  g_assert_cmpuint (file_mode (out), ==, 0640);
  contents = nd_test_read_file (out);
  g_assert_nonnull (strstr (contents, "\"format\" : \"newsdesk\""));

  nd_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/file-mode/export-json-umask",
                        (gconstpointer) nd_exporter_write_file, test_export_umask);
  g_test_add_data_func ("/file-mode/export-geojson-umask",
                        (gconstpointer) nd_exporter_write_geojson, test_export_umask);
  g_test_add_func ("/file-mode/export-replace-keeps-mode", test_export_replace_keeps_mode);
  g_test_add_func ("/file-mode/desk-umask", test_desk_umask);
  g_test_add_func ("/file-mode/cli-export-umask", test_cli_export_umask);

  return g_test_run ();
}
