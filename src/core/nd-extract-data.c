/* nd-extract-data.c — reading the data files compiled into the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-core-resources.h"
#include "nd-extract-data.h"

#define RESOURCE_PREFIX "/com/example/NewsDesk/core/"

char *
nd_extract_data_load (const char *name,
                      gsize      *length)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  gconstpointer data;
  gsize size;
  char *copy;

  bytes = g_resource_lookup_data (nd_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  /* the data is compiled in: missing data is a broken build, not bad
   * input; extraction then finds less, but goes on */
  if (bytes == NULL)
    {
      g_critical ("NewsDesk was built without %s: %s", path, error->message);
      if (length != NULL)
        *length = 0;
      return g_strdup ("");
    }

  data = g_bytes_get_data (bytes, &size);
  copy = g_malloc (size + 1);
  memcpy (copy, data, size);
  copy[size] = '\0';

  if (length != NULL)
    *length = size;

  return copy;
}

char *
nd_extract_data_next_line (char **cursor)
{
  while (*cursor != NULL && **cursor != '\0')
    {
      char *line = *cursor;
      char *end = strchr (line, '\n');

      if (end != NULL)
        {
          *end = '\0';
          *cursor = end + 1;
        }
      else
        {
          end = line + strlen (line);
          *cursor = end;
        }

      while (end > line && (end[-1] == '\r' || end[-1] == ' '))
        *--end = '\0';

      if (*line == '\0' || *line == '#')
        continue;

      return line;
    }

  return NULL;
}

guint
nd_extract_data_split (char  *line,
                       char **fields,
                       guint  max)
{
  guint n = 0;

  if (max == 0)
    return 0;

  fields[n++] = line;
  for (char *p = line; *p != '\0' && n < max; p++)
    {
      if (*p == '\t')
        {
          *p = '\0';
          fields[n++] = p + 1;
        }
    }

  return n;
}
