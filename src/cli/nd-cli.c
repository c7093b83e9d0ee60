/* nd-cli.c — newsdesk-cli: the desk from a shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands, their output lines and exit statuses are a contract
 * (docs/FORMATS.md): scripts read them. Output is UTF-8 whatever the
 * locale, one line per record; every failure is one line on stderr that
 * names the file; wrong usage exits 2.
 */
#define G_LOG_DOMAIN "newsdesk-cli"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "newsdesk-core.h"

#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef struct
{
  char       *database_path;
  NdDatabase *database;
} Cli;

typedef struct _CliCommand CliCommand;

typedef int (*CliCommandFunc) (Cli              *cli,
                               const CliCommand *command,
                               int               argc,
                               char            **argv);

struct _CliCommand
{
  const char     *name;
  const char     *synopsis;   /* what follows the name in a usage line */
  const char     *summary;
  CliCommandFunc  func;
};

/* An option of a command: a flag (arg_name NULL, sets *flag) or an option
 * with a value (sets *value; given at most once). */
typedef struct
{
  const char  *long_name;
  char         short_name;
  const char  *arg_name;
  const char  *description;
  gboolean    *flag;
  char       **value;
} CliOption;

typedef enum
{
  PARSE_OK,
  PARSE_HELP,
  PARSE_USAGE,
} ParseResult;

static int cmd_import  (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_list    (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_show    (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_tag     (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_delete  (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_export  (Cli *cli, const CliCommand *command, int argc, char **argv);
static int cmd_extract (Cli *cli, const CliCommand *command, int argc, char **argv);

static const CliCommand commands[] = {
  { "import", N_("PATH…"),
    N_("Import files and folders (folders recursively)"), cmd_import },
  { "list", N_("[--tag TAG] [--search WORDS] [--entity NAME] [--json]"),
    N_("List articles: id, date, title and tags"), cmd_list },
  { "show", N_("ID [--json]"),
    N_("Show one article with its tags and entities"), cmd_show },
  { "tag", N_("ID TAG…"),
    N_("Add tags to an article"), cmd_tag },
  { "untag", N_("ID TAG…"),
    N_("Remove tags from an article"), cmd_tag },
  { "delete", N_("ID…"),
    N_("Delete articles with their tags and entities"), cmd_delete },
  { "export", N_("[--ids 1,2,…] [--tag TAG] [--search WORDS] [--entity NAME] [--format json|geojson] -o FILE"),
    N_("Write the selected articles (every article when none is selected) to FILE"), cmd_export },
  { "extract", N_("--json FILE…"),
    N_("Print what extraction finds in the files, without a database"), cmd_extract },
};

/* Output
 *
 * stdio rather than g_print(): g_print() converts to the locale's charset,
 * and the contract is UTF-8 output even under LC_ALL=C.
 */

static void
out_print (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
out_print (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
}

static void
err_print (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static void
err_print (const char *format,
           ...)
{
  va_list args;

  fflush (stdout);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
}

/* Valid UTF-8 on one line: control characters (tab, newline...) and line
 * or paragraph separators become spaces. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *line = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (line, ' ');
      else
        g_string_append_unichar (line, c);
    }

  return g_string_free (line, FALSE);
}

/* A file name as a user reads it, on one line */
static char *
display_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  return one_line (display);
}

/* The length of the file's name at the start of `message` when the message
 * starts with one of the ways the core names a file (as given, as an
 * absolute path, relative to the current folder, or its base name) followed
 * by ":" or a space; 0 when it does not. */
static gsize
name_prefix_length (const char *message,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *absolute = g_file_peek_path (file);
  gsize longest = 0;

  g_ptr_array_add (names, g_strdup (path));
  g_ptr_array_add (names, g_path_get_basename (path));
  if (absolute != NULL)
    {
      g_autofree char *cwd = g_get_current_dir ();
      gsize n = strlen (cwd);

      g_ptr_array_add (names, g_strdup (absolute));
      if (strncmp (absolute, cwd, n) == 0 && absolute[n] == G_DIR_SEPARATOR)
        g_ptr_array_add (names, g_strdup (absolute + n + 1));
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = display_path (g_ptr_array_index (names, i));
      gsize length = strlen (name);

      if (length > longest && g_str_has_prefix (message, name) &&
          (message[length] == ':' || message[length] == ' '))
        longest = length;
    }

  return longest;
}

/* A refused file, for import and extract: one line on stderr in the shape
 * scripts read, `PATH: reason`. Core messages already name the file ("a.txt
 * is empty"); that name gives way to PATH rather than being repeated. */
static void
print_refused (const char   *path,
               const GError *error)
{
  g_autofree char *display = display_path (path);
  g_autofree char *message = one_line (error->message);
  const char *reason = message + name_prefix_length (message, path);

  if (*reason == ':')
    reason++;
  while (*reason == ' ')
    reason++;

  err_print ("%s: %s\n", display, reason);
}

/* Any other failure about a file (the desk, an export): one line on
 * stderr, the message as it is when it names the file, else prefixed
 * with the file. */
static void
print_file_error (const char   *path,
                  const GError *error)
{
  g_autofree char *display = display_path (path);
  g_autofree char *message = one_line (error->message);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display_base = display_path (base);

  if (strstr (message, display) != NULL || strstr (message, display_base) != NULL)
    err_print ("%s\n", message);
  else
    err_print ("%s: %s\n", display, message);
}

static void
print_error (const GError *error)
{
  g_autofree char *message = one_line (error->message);

  err_print ("%s\n", message);
}

static void
print_no_article (gint64 id)
{
  /* %lld, not G_GINT64_FORMAT: xgettext cannot see through the macro */
  err_print (_("No article with id %lld\n"), (long long) id);
}

/* Prints a document from nd_exporter_to_string(), ending with a newline */
static void
print_document (const char *document)
{
  fputs (document, stdout);
  if (!g_str_has_suffix (document, "\n"))
    fputc ('\n', stdout);
}

/* Usage */

static void
print_command_usage (FILE             *stream,
                     const CliCommand *command)
{
  fprintf (stream, _("Usage: %s [--database PATH] %s %s\n"),
           g_get_prgname (), command->name, _(command->synopsis));
}

static int
usage_error (const CliCommand *command,
             const char       *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const CliCommand *command,
             const char       *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  if (command != NULL)
    {
      fprintf (stderr, "%s %s: %s\n", g_get_prgname (), command->name, message);
      print_command_usage (stderr, command);
    }
  else
    {
      fprintf (stderr, "%s: %s\n", g_get_prgname (), message);
      fprintf (stderr, _("Usage: %s [--database PATH] COMMAND [ARGUMENT…]; see %s --help\n"),
               g_get_prgname (), g_get_prgname ());
    }

  return EXIT_USAGE;
}

static void
print_option_help (const char *left,
                   const char *description)
{
  glong width = g_utf8_strlen (left, -1);

  /* padded by characters, not bytes: "1,2,…" is wider in bytes */
  out_print ("  %s%*s %s\n", left, (int) MAX (24 - width, 0), "", description);
}

static void
print_command_help (const CliCommand *command,
                    const CliOption  *options)
{
  print_command_usage (stdout, command);
  out_print ("\n%s\n\n%s\n", _(command->summary), _("Options:"));

  for (const CliOption *o = options; o->long_name != NULL; o++)
    {
      g_autofree char *left = NULL;

      if (o->short_name != '\0' && o->arg_name != NULL)
        left = g_strdup_printf ("-%c, --%s %s", o->short_name, o->long_name, _(o->arg_name));
      else if (o->short_name != '\0')
        left = g_strdup_printf ("-%c, --%s", o->short_name, o->long_name);
      else if (o->arg_name != NULL)
        left = g_strdup_printf ("--%s %s", o->long_name, _(o->arg_name));
      else
        left = g_strdup_printf ("--%s", o->long_name);

      print_option_help (left, _(o->description));
    }
  print_option_help ("-h, --help", _("Show this help"));
}

static void
print_help (void)
{
  out_print (_("Usage: %s [--database PATH] COMMAND [ARGUMENT…]\n"), g_get_prgname ());
  out_print ("\n%s\n\n%s\n",
             _("Reads and changes a NewsDesk desk from a shell."),
             _("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    out_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));

  out_print ("\n%s\n", _("Options:"));
  /* Translators: PATH is the word the usage line uses for a file path */
  print_option_help (_("--database PATH"),
                     _("The desk to use (default: $NEWSDESK_DB, then $XDG_DATA_HOME/newsdesk/newsdesk.db)"));
  print_option_help ("-h, --help", _("Show this help"));
  print_option_help ("--version", _("Show the version"));
  out_print ("\n");
  out_print (_("Run “%s COMMAND --help” for the options of a command.\n"), g_get_prgname ());
}

static const CliOption *
find_long_option (const CliOption *options,
                  const char      *name,
                  gsize            length)
{
  for (const CliOption *o = options; o->long_name != NULL; o++)
    if (strlen (o->long_name) == length && strncmp (o->long_name, name, length) == 0)
      return o;

  return NULL;
}

static const CliOption *
find_short_option (const CliOption *options,
                   char             name)
{
  for (const CliOption *o = options; o->long_name != NULL; o++)
    if (o->short_name != '\0' && o->short_name == name)
      return o;

  return NULL;
}

static ParseResult
set_option (const CliCommand *command,
            const CliOption  *option,
            const char       *value)
{
  if (option->arg_name == NULL)
    {
      *option->flag = TRUE;
      return PARSE_OK;
    }

  if (value == NULL)
    {
      usage_error (command, _("--%s needs a value"), option->long_name);
      return PARSE_USAGE;
    }

  if (*option->value != NULL)
    {
      usage_error (command, _("--%s may be given only once"), option->long_name);
      return PARSE_USAGE;
    }

  *option->value = g_strdup (value);

  return PARSE_OK;
}

/* Parses a command's arguments (argv[0] is the command name): options may
 * come anywhere, "--" ends them. The other arguments go to *out_args. */
static ParseResult
parse_arguments (const CliCommand  *command,
                 const CliOption   *options,
                 int                argc,
                 char             **argv,
                 GPtrArray        **out_args)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gboolean options_done = FALSE;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const CliOption *option;
      ParseResult result;

      if (options_done || arg[0] != '-' || arg[1] == '\0')
        {
          g_ptr_array_add (args, (gpointer) arg);
          continue;
        }

      if (strcmp (arg, "--") == 0)
        {
          options_done = TRUE;
          continue;
        }

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_command_help (command, options);
          return PARSE_HELP;
        }

      if (arg[1] == '-')
        {
          const char *name = arg + 2;
          const char *equals = strchr (name, '=');
          const char *value = NULL;

          option = find_long_option (options, name,
                                     equals != NULL ? (gsize) (equals - name) : strlen (name));
          if (option == NULL)
            {
              g_autofree char *shown = one_line (arg);

              usage_error (command, _("unknown option “%s”"), shown);
              return PARSE_USAGE;
            }

          if (equals != NULL)
            {
              if (option->arg_name == NULL)
                {
                  usage_error (command, _("--%s takes no value"), option->long_name);
                  return PARSE_USAGE;
                }
              value = equals + 1;
            }
          else if (option->arg_name != NULL && i + 1 < argc)
            {
              value = argv[++i];
            }

          result = set_option (command, option, value);
        }
      else
        {
          const char *value = NULL;

          option = find_short_option (options, arg[1]);
          if (option == NULL || (option->arg_name == NULL && arg[2] != '\0'))
            {
              g_autofree char *shown = one_line (arg);

              usage_error (command, _("unknown option “%s”"), shown);
              return PARSE_USAGE;
            }

          if (option->arg_name != NULL)
            {
              if (arg[2] != '\0')
                value = arg + 2;
              else if (i + 1 < argc)
                value = argv[++i];
            }

          result = set_option (command, option, value);
        }

      if (result != PARSE_OK)
        return result;
    }

  *out_args = g_steal_pointer (&args);

  return PARSE_OK;
}

static int
parse_result_status (ParseResult result)
{
  return result == PARSE_HELP ? EXIT_SUCCESS : EXIT_USAGE;
}

static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_id = (gint64) value;

  return TRUE;
}

static int
bad_id_error (const CliCommand *command,
              const char       *text)
{
  g_autofree char *shown = one_line (text);

  return usage_error (command, _("“%s” is not an article id"), shown);
}

/* Parses article ids, leaving out repeats; FALSE (after a usage error)
 * for one that is not an id. */
static gboolean
parse_ids (const CliCommand  *command,
           const char *const *texts,
           guint              n_texts,
           GArray           **out_ids)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n_texts; i++)
    {
      gint64 id;
      gboolean seen = FALSE;

      if (!parse_id (texts[i], &id))
        {
          bad_id_error (command, texts[i]);
          return FALSE;
        }

      for (guint j = 0; j < ids->len && !seen; j++)
        seen = g_array_index (ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }

  *out_ids = g_steal_pointer (&ids);

  return TRUE;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Database */

static NdDatabase *
cli_get_database (Cli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->database != NULL)
    return cli->database;

  /* --database, else NEWSDESK_DB, else the default desk */
  if (cli->database_path == NULL)
    cli->database_path = nd_database_default_path ();

  /* A desk that cannot be written (a read-only file, or one from a newer
   * NewsDesk) still lists, shows and exports; the commands that change it
   * ask for cli_get_writable_database() and fail saying why. */
  cli->database = nd_database_open_full (cli->database_path,
                                         ND_DATABASE_OPEN_ALLOW_READ_ONLY, &error);
  if (cli->database == NULL)
    print_file_error (cli->database_path, error);

  return cli->database;
}

/* The desk for a command that changes it: NULL, after saying why, when it
 * is open read-only */
static NdDatabase *
cli_get_writable_database (Cli *cli)
{
  NdDatabase *database = cli_get_database (cli);

  if (database != NULL && nd_database_is_read_only (database))
    {
      g_autofree char *message = one_line (nd_database_get_read_only_reason (database));

      err_print ("%s\n", message);
      return NULL;
    }

  return database;
}

/* FALSE, after saying so, when the desk has no article `id` */
static gboolean
check_article (NdDatabase *database,
               gint64      id)
{
  if (nd_database_has_article (database, id))
    return TRUE;

  print_no_article (id);

  return FALSE;
}

static int
database_failure (Cli          *cli,
                  const GError *error)
{
  if (g_error_matches (error, ND_ERROR, ND_ERROR_DATABASE) ||
      g_error_matches (error, ND_ERROR, ND_ERROR_DATABASE_TOO_NEW) ||
      g_error_matches (error, ND_ERROR, ND_ERROR_READ_ONLY) ||
      g_error_matches (error, ND_ERROR, ND_ERROR_BUSY) ||
      g_error_matches (error, ND_ERROR, ND_ERROR_DISK_FULL))
    print_file_error (cli->database_path, error);
  else
    print_error (error);

  return EXIT_FAILED;
}

/* Plain output */

static char *
join_tags (NdArticle  *article,
           const char *separator)
{
  const char * const *tags = nd_article_get_tags (article);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = one_line (tags[i]);

      if (i > 0)
        g_string_append (joined, separator);
      g_string_append (joined, tag);
    }

  return g_string_free (joined, FALSE);
}

static void
print_list_row (NdArticle *article)
{
  g_autofree char *title = one_line (nd_article_get_title (article));
  g_autofree char *date = one_line (nd_article_get_date (article));
  g_autofree char *tags = join_tags (article, ",");

  out_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
             nd_article_get_id (article), date, title, tags);
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *line = one_line (value);

  out_print ("%s: %s\n", label, line);
}

static char *
describe_entity (NdEntity *entity)
{
  const char *name = nd_entity_get_name (entity);
  const char *detail = NULL;

  switch (nd_entity_get_kind (entity))
    {
    case ND_ENTITY_PERSON:
      detail = nd_entity_get_role (entity);
      break;
    case ND_ENTITY_PLACE:
      detail = nd_entity_get_country (entity);
      break;
    case ND_ENTITY_DATE:
      detail = nd_entity_get_value (entity);
      break;
    case ND_ENTITY_ORGANIZATION:
    default:
      break;
    }

  if (detail != NULL && *detail != '\0')
    return g_strdup_printf ("%s (%s)", name, detail);

  return g_strdup (name);
}

static void
print_entities (NdArticle *article)
{
  static const struct {
    NdEntityKind kind;
    const char *label;
  } groups[] = {
    { ND_ENTITY_PERSON, N_("People") },
    { ND_ENTITY_PLACE, N_("Places") },
    { ND_ENTITY_ORGANIZATION, N_("Organizations") },
    { ND_ENTITY_DATE, N_("Dates") },
  };
  GPtrArray *entities = nd_article_get_entities (article);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < entities->len; i++)
        {
          NdEntity *entity = g_ptr_array_index (entities, i);
          g_autofree char *description = NULL;

          if (nd_entity_get_kind (entity) != groups[g].kind)
            continue;

          description = describe_entity (entity);
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, description);
        }

      if (names->len > 0)
        print_field (_(groups[g].label), names->str);
    }
}

/* "Itinerary: Mitch Witkoff: 1. Tel Aviv (Day 1) → 2. Ramallah (Day 2)";
 * places visited without an order are joined by commas */
static void
print_itineraries (NdArticle *article)
{
  GPtrArray *itineraries = nd_article_get_itineraries (article);

  for (guint i = 0; i < itineraries->len; i++)
    {
      NdItinerary *itinerary = g_ptr_array_index (itineraries, i);
      GPtrArray *stops = nd_itinerary_get_stops (itinerary);
      gboolean ordered = nd_itinerary_get_ordered (itinerary);
      g_autoptr(GString) line = g_string_new (nd_itinerary_get_traveller (itinerary));

      g_string_append (line, ": ");
      for (guint j = 0; j < stops->len; j++)
        {
          NdStop *stop = g_ptr_array_index (stops, j);

          if (j > 0)
            g_string_append (line, ordered ? " → " : ", ");
          if (ordered)
            g_string_append_printf (line, "%u. ", stop->order);
          g_string_append (line, stop->place);
          if (stop->when != NULL)
            g_string_append_printf (line, " (%s)", stop->when);
        }

      print_field (ordered ? _("Itinerary") : _("Places visited"), line->str);
    }
}

static void
print_article (NdArticle *article)
{
  g_autofree char *title = one_line (nd_article_get_title (article));
  g_autofree char *tags = join_tags (article, ", ");
  g_autofree char *body = g_utf8_make_valid (nd_article_get_body (article) != NULL ?
                                             nd_article_get_body (article) : "", -1);

  out_print ("%s\n\n", title);
  out_print ("%s: %" G_GINT64_FORMAT "\n", _("Id"), nd_article_get_id (article));
  if (nd_article_get_source (article) != NULL)
    print_field (_("Source"), nd_article_get_source (article));
  if (nd_article_get_published (article) != NULL)
    print_field (_("Published"), nd_article_get_published (article));
  if (nd_article_get_imported (article) != NULL)
    print_field (_("Imported"), nd_article_get_imported (article));
  print_field (_("Tags"), *tags != '\0' ? tags : _("none"));
  print_field (_("Read"), nd_article_get_read (article) ? _("yes") : _("no"));
  print_field (_("Starred"), nd_article_get_starred (article) ? _("yes") : _("no"));
  print_entities (article);
  print_itineraries (article);

  out_print ("\n%s", body);
  if (*body != '\0' && !g_str_has_suffix (body, "\n"))
    out_print ("\n");
}

/* Commands */

static void
import_cb (const char     *path,
           NdImportStatus  status,
           gint64          id,
           const GError   *error,
           gpointer        user_data)
{
  g_autofree char *display = display_path (path);

  switch (status)
    {
    case ND_IMPORT_IMPORTED:
      out_print ("imported\t%s\t%" G_GINT64_FORMAT "\n", display, id);
      break;

    case ND_IMPORT_DUPLICATE:
      out_print ("duplicate\t%s\t%" G_GINT64_FORMAT "\n", display, id);
      break;

    case ND_IMPORT_FAILED:
    default:
      if (error != NULL)
        print_refused (path, error);
      else
        err_print (_("%s: could not be imported\n"), display);
      break;
    }
}

static int
cmd_import (Cli              *cli,
            const CliCommand *command,
            int               argc,
            char            **argv)
{
  const CliOption options[] = { { NULL } };
  g_autoptr(GPtrArray) args = NULL;
  ParseResult result;
  NdDatabase *database;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len == 0)
    return usage_error (command, _("no file or folder to import"));

  if ((database = cli_get_writable_database (cli)) == NULL)
    return EXIT_FAILED;

  g_ptr_array_add (args, NULL);
  if (!nd_importer_import_paths (database, (const char * const *) args->pdata,
                                 NULL, import_cb, cli))
    return EXIT_FAILED;

  return EXIT_SUCCESS;
}

static int
cmd_list (Cli              *cli,
          const CliCommand *command,
          int               argc,
          char            **argv)
{
  g_autofree char *tag = NULL;
  g_autofree char *search = NULL;
  g_autofree char *entity = NULL;
  gboolean json = FALSE;
  const CliOption options[] = {
    { "tag", 0, N_("TAG"), N_("Only articles with this tag (exactly)"), NULL, &tag },
    { "search", 0, N_("WORDS"), N_("Only articles with all these words"), NULL, &search },
    { "entity", 0, N_("NAME"), N_("Only articles naming this person, place, organization or date"), NULL, &entity },
    { "json", 0, NULL, N_("Print a NewsDesk JSON document (without bodies and entities)"), &json, NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  NdQuery query = { 0 };
  ParseResult result;
  NdDatabase *database;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len > 0)
    {
      g_autofree char *shown = one_line (g_ptr_array_index (args, 0));

      return usage_error (command, _("unexpected argument “%s”"), shown);
    }

  if ((database = cli_get_database (cli)) == NULL)
    return EXIT_FAILED;

  query.tag = empty_to_null (tag);
  query.search = empty_to_null (search);
  query.entity = empty_to_null (entity);
  query.sort = ND_SORT_DATE_DESC;

  if ((ids = nd_database_query_ids (database, &query, &error)) == NULL)
    return database_failure (cli, error);

  articles = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      NdArticle *article;

      article = nd_database_load_article_summary (database, g_array_index (ids, gint64, i), &error);
      if (article == NULL)
        return database_failure (cli, error);

      if (json)
        g_ptr_array_add (articles, article);
      else
        {
          print_list_row (article);
          g_object_unref (article);
        }
    }

  if (json)
    {
      g_autofree char *document = nd_exporter_to_string (articles, ND_EXPORT_SUMMARY);

      print_document (document);
    }

  return EXIT_SUCCESS;
}

static int
cmd_show (Cli              *cli,
          const CliCommand *command,
          int               argc,
          char            **argv)
{
  gboolean json = FALSE;
  const CliOption options[] = {
    { "json", 0, NULL, N_("Print a NewsDesk JSON document with the article"), &json, NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(NdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  ParseResult result;
  NdDatabase *database;
  gint64 id;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len == 0)
    return usage_error (command, _("no article id given"));
  if (args->len > 1)
    return usage_error (command, _("only one article id at a time"));
  if (!parse_id (g_ptr_array_index (args, 0), &id))
    return bad_id_error (command, g_ptr_array_index (args, 0));

  if ((database = cli_get_database (cli)) == NULL)
    return EXIT_FAILED;

  article = nd_database_load_article (database, id, &error);
  if (article == NULL)
    {
      if (g_error_matches (error, ND_ERROR, ND_ERROR_NOT_FOUND))
        {
          print_no_article (id);
          return EXIT_FAILED;
        }
      return database_failure (cli, error);
    }

  if (json)
    {
      g_autoptr(GPtrArray) articles = g_ptr_array_new ();
      g_autofree char *document = NULL;

      g_ptr_array_add (articles, article);
      document = nd_exporter_to_string (articles, ND_EXPORT_FULL);
      print_document (document);
    }
  else
    {
      print_article (article);
    }

  return EXIT_SUCCESS;
}

/* tag and untag */
static int
cmd_tag (Cli              *cli,
         const CliCommand *command,
         int               argc,
         char            **argv)
{
  const CliOption options[] = { { NULL } };
  gboolean add = strcmp (command->name, "tag") == 0;
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  ParseResult result;
  NdDatabase *database;
  gint64 id;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len == 0)
    return usage_error (command, _("no article id given"));
  if (!parse_id (g_ptr_array_index (args, 0), &id))
    return bad_id_error (command, g_ptr_array_index (args, 0));
  if (args->len < 2)
    return usage_error (command, _("no tag given"));

  tags = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < args->len; i++)
    {
      char *tag = nd_tag_normalize (g_ptr_array_index (args, i));

      if (tag == NULL)
        return usage_error (command, _("a tag cannot be empty"));
      g_ptr_array_add (tags, tag);
    }

  if ((database = cli_get_writable_database (cli)) == NULL)
    return EXIT_FAILED;

  if (!check_article (database, id))
    return EXIT_FAILED;

  if (!nd_database_begin (database, &error))
    return database_failure (cli, error);

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      gboolean ok;

      if (add)
        ok = nd_database_add_tag (database, id, tag, &error);
      else
        ok = nd_database_remove_tag (database, id, tag, &error);

      if (!ok)
        {
          nd_database_rollback (database);
          return database_failure (cli, error);
        }
    }

  if (!nd_database_commit (database, &error))
    {
      nd_database_rollback (database);
      return database_failure (cli, error);
    }

  return EXIT_SUCCESS;
}

static int
cmd_delete (Cli              *cli,
            const CliCommand *command,
            int               argc,
            char            **argv)
{
  const CliOption options[] = { { NULL } };
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  ParseResult result;
  NdDatabase *database;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len == 0)
    return usage_error (command, _("no article id given"));
  if (!parse_ids (command, (const char * const *) args->pdata, args->len, &ids))
    return EXIT_USAGE;

  if ((database = cli_get_writable_database (cli)) == NULL)
    return EXIT_FAILED;

  /* All or nothing: a missing id deletes none of the others. */
  for (guint i = 0; i < ids->len; i++)
    if (!check_article (database, g_array_index (ids, gint64, i)))
      return EXIT_FAILED;

  if (!nd_database_begin (database, &error))
    return database_failure (cli, error);

  for (guint i = 0; i < ids->len; i++)
    {
      if (!nd_database_delete_article (database, g_array_index (ids, gint64, i), &error))
        {
          nd_database_rollback (database);
          return database_failure (cli, error);
        }
    }

  if (!nd_database_commit (database, &error))
    {
      nd_database_rollback (database);
      return database_failure (cli, error);
    }

  return EXIT_SUCCESS;
}

/* The GeoJSON FeatureCollection (RFC 7946) of the stops of the selected
 * articles (FORMATS.md), read from the desk a batch at a time */
static gboolean
write_geojson (NdDatabase  *database,
               GArray      *ids,
               GFile       *file,
               GError     **error)
{
  return nd_exporter_export_ids_geojson (database, ids, file, NULL, error);
}

static gboolean
array_contains_id (GArray *ids,
                   gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static int
cmd_export (Cli              *cli,
            const CliCommand *command,
            int               argc,
            char            **argv)
{
  g_autofree char *ids_text = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *search = NULL;
  g_autofree char *entity = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const CliOption options[] = {
    { "ids", 0, N_("1,2,…"), N_("Only these articles"), NULL, &ids_text },
    { "tag", 0, N_("TAG"), N_("Only articles with this tag (exactly)"), NULL, &tag },
    { "search", 0, N_("WORDS"), N_("Only articles with all these words"), NULL, &search },
    { "entity", 0, N_("NAME"), N_("Only articles naming this person, place, organization or date"), NULL, &entity },
    { "format", 0, N_("json|geojson"), N_("NewsDesk JSON (the default) or GeoJSON of the stops"), NULL, &format },
    { "output", 'o', N_("FILE"), N_("The file to write"), NULL, &output },
    { NULL }
  };
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GArray) requested = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean geojson = FALSE;
  ParseResult result;
  NdDatabase *database;
  NdQuery query = { 0 };

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (args->len > 0)
    {
      g_autofree char *shown = one_line (g_ptr_array_index (args, 0));

      return usage_error (command, _("unexpected argument “%s”"), shown);
    }
  if (output == NULL || *output == '\0')
    return usage_error (command, _("no output file given (-o FILE)"));

  if (format == NULL || strcmp (format, "json") == 0)
    geojson = FALSE;
  else if (strcmp (format, "geojson") == 0)
    geojson = TRUE;
  else
    {
      g_autofree char *shown = one_line (format);

      return usage_error (command, _("unknown format “%s” (json or geojson)"), shown);
    }

  if (ids_text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (ids_text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_strstrip (parts[i]);
      if (!parse_ids (command, (const char * const *) parts, g_strv_length (parts), &requested))
        return EXIT_USAGE;
    }

  if ((database = cli_get_database (cli)) == NULL)
    return EXIT_FAILED;

  query.tag = empty_to_null (tag);
  query.search = empty_to_null (search);
  query.entity = empty_to_null (entity);
  query.sort = ND_SORT_DATE_ASC;

  if (requested != NULL)
    {
      for (guint i = 0; i < requested->len; i++)
        if (!check_article (database, g_array_index (requested, gint64, i)))
          return EXIT_FAILED;
    }

  if (requested == NULL || query.tag != NULL || query.search != NULL || query.entity != NULL)
    {
      if ((ids = nd_database_query_ids (database, &query, &error)) == NULL)
        return database_failure (cli, error);
    }

  /* Selectors combine with AND; --ids keeps the order it gives. */
  if (requested != NULL && ids != NULL)
    {
      g_autoptr(GArray) matching = g_steal_pointer (&ids);

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < requested->len; i++)
        {
          gint64 id = g_array_index (requested, gint64, i);

          if (array_contains_id (matching, id))
            g_array_append_val (ids, id);
        }
    }
  else if (requested != NULL)
    {
      ids = g_steal_pointer (&requested);
    }

  file = g_file_new_for_commandline_arg (output);

  if (geojson ? !write_geojson (database, ids, file, &error)
              : !nd_exporter_export_ids (database, ids, file, NULL, &error))
    {
      print_file_error (output, error);
      return EXIT_FAILED;
    }

  return EXIT_SUCCESS;
}

static int
cmd_extract (Cli              *cli,
             const CliCommand *command,
             int               argc,
             char            **argv)
{
  gboolean json = FALSE;
  const CliOption options[] = {
    { "json", 0, NULL, N_("Print a NewsDesk JSON document (the only output so far)"), &json, NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) args = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *document = NULL;
  gboolean failed = FALSE;
  ParseResult result;

  if ((result = parse_arguments (command, options, argc, argv, &args)) != PARSE_OK)
    return parse_result_status (result);

  if (!json)
    return usage_error (command, _("extract prints JSON: give --json"));
  if (args->len == 0)
    return usage_error (command, _("no file given"));

  articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < args->len; i++)
    {
      const char *path = g_ptr_array_index (args, i);
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GPtrArray) loaded = NULL;
      g_autoptr(GError) error = NULL;

      loaded = nd_importer_load_file (file, NULL, &error);
      if (loaded == NULL)
        {
          print_refused (path, error);
          failed = TRUE;
          continue;
        }

      for (guint j = 0; j < loaded->len; j++)
        {
          NdArticle *article = g_ptr_array_index (loaded, j);

          nd_extractor_extract_article (article);
          g_ptr_array_add (articles, g_object_ref (article));
        }
    }

  document = nd_exporter_to_string (articles, ND_EXPORT_NO_DB);
  print_document (document);

  return failed ? EXIT_FAILED : EXIT_SUCCESS;
}

static const CliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

/* Options before COMMAND; returns the index of COMMAND, or -1 with
 * *out_status set when there is nothing more to do. */
static int
parse_global_options (Cli   *cli,
                      int    argc,
                      char **argv,
                      int   *out_status)
{
  int i;

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        return i + 1;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          print_help ();
          *out_status = EXIT_SUCCESS;
          return -1;
        }

      if (strcmp (arg, "--version") == 0)
        {
          out_print ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
          *out_status = EXIT_SUCCESS;
          return -1;
        }

      if (strcmp (arg, "--database") == 0 || g_str_has_prefix (arg, "--database="))
        {
          const char *value = NULL;

          if (arg[strlen ("--database")] == '=')
            value = arg + strlen ("--database=");
          else if (i + 1 < argc)
            value = argv[++i];

          if (value == NULL || *value == '\0')
            {
              *out_status = usage_error (NULL, _("--database needs a file name"));
              return -1;
            }
          if (cli->database_path != NULL)
            {
              *out_status = usage_error (NULL, _("--database may be given only once"));
              return -1;
            }

          cli->database_path = g_strdup (value);
          continue;
        }

      {
        g_autofree char *shown = one_line (arg);

        *out_status = usage_error (NULL, _("unknown option “%s”"), shown);
        return -1;
      }
    }

  return i;
}

int
main (int    argc,
      char **argv)
{
  Cli cli = { NULL, NULL };
  const CliCommand *command;
  int status = EXIT_SUCCESS;
  int index;

  setlocale (LC_ALL, "");
  /* NEWSDESK_LOCALEDIR: translations of an uninstalled build (<build>/po) */
  {
    const char *localedir = g_getenv ("NEWSDESK_LOCALEDIR");

    bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  }
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("newsdesk-cli");

  index = parse_global_options (&cli, argc, argv, &status);
  if (index < 0)
    goto out;

  if (index >= argc)
    {
      status = usage_error (NULL, _("no command given"));
      goto out;
    }

  if (strcmp (argv[index], "help") == 0)
    {
      const char *name = index + 1 < argc ? argv[index + 1] : NULL;
      char *help_argv[] = { NULL, (char *) "--help", NULL };

      if (name == NULL)
        {
          print_help ();
          goto out;
        }
      if ((command = find_command (name)) == NULL)
        {
          g_autofree char *shown = one_line (name);

          status = usage_error (NULL, _("unknown command “%s”"), shown);
          goto out;
        }
      help_argv[0] = (char *) name;
      status = command->func (&cli, command, 2, help_argv);
      goto out;
    }

  if ((command = find_command (argv[index])) == NULL)
    {
      g_autofree char *shown = one_line (argv[index]);

      status = usage_error (NULL, _("unknown command “%s”"), shown);
      goto out;
    }

  status = command->func (&cli, command, argc - index, argv + index);

out:
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "%s: %s\n", g_get_prgname (), _("could not write to standard output"));
      if (status == EXIT_SUCCESS)
        status = EXIT_FAILED;
    }

  g_clear_object (&cli.database);
  g_free (cli.database_path);

  return status;
}
