/* nd-lexicon.c — the word lists extraction relies on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All lists come from data/lexicons (see SOURCES.md there), compiled into
 * the core library as a GResource. Every word of every list lands in one
 * table, key -> flags and frequency rank, so that classifying a word is a
 * single lookup; multi-word titles and organisation names have tables of
 * their own, and their first words carry a flag saying a longer match may
 * start there.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-extract-data.h"
#include "nd-extract-key.h"
#include "nd-extract-map.h"
#include "nd-lexicon.h"

typedef struct
{
  const char *name;
  gboolean    caps_only;
} OrgEntry;

struct _NdLexicon
{
  GObject       parent_instance;

  GStringChunk *strings;
  GPtrArray    *files;          /* the loaded files, which keys point into */
  NdExtractMap *words;          /* key -> packed info */
  NdExtractMap *titles;         /* key -> TITLE_KNOWN | TITLE_NAME */
  NdExtractMap *organizations;  /* key -> OrgEntry */
  NdExtractMap *prefixes;       /* first words of longer names -> NdPrefixFlags */
  GPtrArray    *org_entries;    /* OrgEntry, owned */
  guint         max_title_words;
};

G_DEFINE_FINAL_TYPE (NdLexicon, nd_lexicon, G_TYPE_OBJECT)

/* Sizes the tables are made for (they grow if the lists do) */
#define EXPECTED_WORDS 160000
#define EXPECTED_TITLES 1024
#define EXPECTED_ORGS 4096

static guint
count_words (const char *key)
{
  guint n = 1;

  for (const char *p = key; *p != '\0'; p++)
    if (*p == ' ')
      n++;

  return n;
}

/* ORs `flags` into the info of the word `key` (`length` bytes), which is
 * copied into the lexicon's strings when `copy`, else kept by pointer */
static void
add_word (NdLexicon  *self,
          const char *key,
          gsize       length,
          gboolean    copy,
          guint32     flags)
{
  guint32 *slot = nd_extract_map_insert (self->words, key, length,
                                         copy ? self->strings : NULL);

  /* the rank is set once, by the first (most frequent) entry */
  if (ND_WORD_INFO_RANK (*slot) != 0)
    flags &= 0xffff;
  *slot |= flags;
}

/* Every proper prefix of a name of several words */
static void
add_prefixes (NdLexicon  *self,
              const char *key,
              guint32     flags)
{
  for (const char *space = strchr (key, ' '); space != NULL; space = strchr (space + 1, ' '))
    *nd_extract_map_insert (self->prefixes, key, space - key, self->strings) |= flags;
}

/* Loads a file the lexicon keeps (keys may point into it) */
static char *
load_file (NdLexicon  *self,
           const char *name)
{
  char *data = nd_extract_data_load (name, NULL);

  g_ptr_array_add (self->files, data);
  return data;
}

/* The key of `line`, written over the line itself when it fits (it
 * nearly always does: keys are never longer for ASCII), else into the
 * lexicon's strings. Returns NULL for an empty key. */
static const char *
line_key (NdLexicon *self,
          char      *line,
          gsize     *length)
{
  char key[ND_EXTRACT_KEY_MAX];
  gsize line_length = strlen (line);
  gsize n = nd_extract_key (line, line_length, key, sizeof key);

  *length = n;
  if (n == 0)
    return NULL;
  if (n <= line_length)
    {
      memcpy (line, key, n + 1);
      return line;
    }

  return g_string_chunk_insert_len (self->strings, key, n);
}

/* A one-word list: every line is a word with `flags` */
static void
load_word_list (NdLexicon  *self,
                const char *name,
                guint32     flags,
                gboolean    ranked)
{
  char *cursor = load_file (self, name);
  char *line;
  guint rank = 0;

  while ((line = nd_extract_data_next_line (&cursor)) != NULL)
    {
      guint32 info = flags;
      const char *key;
      gsize length;

      key = line_key (self, line, &length);
      if (key == NULL)
        continue;

      if (ranked && rank < 0xffff)
        info |= (guint32) ++rank << 16;

      add_word (self, key, length, FALSE, info);
    }
}

/* The sections of titles.txt whose one-word titles go with a name of
 * one word ("Pope Francis", "King Charles III") */
static const char * const royal_sections[] = { "royalty", "religious", NULL };

/* The values of the titles table */
#define TITLE_KNOWN 1
#define TITLE_NAME  2   /* names its one holder: "the Dalai Lama" */

static void
load_titles (NdLexicon *self)
{
  char *cursor = load_file (self, "lexicons/titles.txt");
  gboolean royal = FALSE;
  gboolean title_names = FALSE;

  while (*cursor != '\0')
    {
      char *line = cursor;
      char *end = strchr (cursor, '\n');
      const char *key;
      const char *space;
      gsize length;
      guint words;

      if (end != NULL)
        {
          *end = '\0';
          cursor = end + 1;
        }
      else
        {
          cursor += strlen (cursor);
        }

      /* "# --- royalty and traditional rulers" */
      if (g_str_has_prefix (line, "# ---"))
        {
          royal = FALSE;
          for (guint i = 0; royal_sections[i] != NULL; i++)
            if (strstr (line, royal_sections[i]) != NULL)
              royal = TRUE;
          /* "# --- title-names ...": titles that name their one holder */
          title_names = strstr (line, "title-names") != NULL;
          continue;
        }
      if (*line == '#' || *line == '\0')
        continue;

      key = line_key (self, line, &length);
      if (key == NULL)
        continue;

      *nd_extract_map_insert (self->titles, key, length, NULL) |= TITLE_KNOWN | (title_names ? TITLE_NAME : 0);

      words = count_words (key);
      self->max_title_words = MAX (self->max_title_words, words);

      space = strchr (key, ' ');
      if (space == NULL)
        {
          add_word (self, key, length, FALSE,
                    ND_WORD_TITLE | ND_WORD_TITLE_END | (royal ? ND_WORD_TITLE_ROYAL : 0));
        }
      else
        {
          const char *last = strrchr (key, ' ') + 1;

          add_word (self, key, space - key, TRUE, ND_WORD_TITLE_START);
          add_word (self, last, length - (last - key), TRUE, ND_WORD_TITLE_END);
        }
      add_prefixes (self, key, ND_PREFIX_TITLE);
    }
}

static void
load_org_suffixes (NdLexicon *self)
{
  char *cursor = load_file (self, "lexicons/org-suffixes.txt");
  char *line;

  while ((line = nd_extract_data_next_line (&cursor)) != NULL)
    {
      const char *key;
      const char *last;
      gsize length;

      key = line_key (self, line, &length);
      if (key == NULL)
        continue;

      /* "Ministry of" heads names; "Stock Exchange" ends them with its
       * last word */
      if (length > 3 && strcmp (key + length - 3, " of") == 0)
        length -= 3;

      last = g_strrstr_len (key, length, " ");
      if (last != NULL)
        add_word (self, last + 1, length - (last + 1 - key), TRUE, ND_WORD_ORG_SUFFIX);
      else
        add_word (self, key, length, TRUE, ND_WORD_ORG_SUFFIX);
    }
}

/* An all-capital acronym of up to four letters ("IS", "WHO", "PA"):
 * lower-case text with the same letters is an ordinary word */
static gboolean
is_caps_acronym (const char *text)
{
  guint letters = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_islower (*p))
        return FALSE;
      if (g_ascii_isupper (*p))
        letters++;
    }

  return letters > 0 && letters <= 4;
}

static void
add_organization (NdLexicon  *self,
                  const char *name,
                  const char *spelling)
{
  char buffer[ND_EXTRACT_KEY_MAX];
  const char *key = buffer;
  const char *space;
  guint32 *slot;
  gboolean caps_only;
  OrgEntry *entry;
  gsize length;

  length = nd_extract_key (spelling, -1, buffer, sizeof buffer);
  if (length == 0)
    return;

  /* "the Commonwealth": the article is not part of the name */
  if (g_str_has_prefix (key, "the ") && length > 4)
    {
      key += 4;
      length -= 4;
    }

  caps_only = is_caps_acronym (spelling);
  slot = nd_extract_map_insert (self->organizations, key, length, self->strings);
  if (*slot != 0)
    {
      entry = g_ptr_array_index (self->org_entries, *slot - 1);
      /* the first listing is the usual meaning; a spelling that is not
       * an acronym makes any case acceptable ("Nato" beside "NATO") */
      if (!caps_only && strcmp (entry->name, name) == 0)
        entry->caps_only = FALSE;
      return;
    }

  entry = g_new0 (OrgEntry, 1);
  entry->name = name;
  entry->caps_only = caps_only;
  g_ptr_array_add (self->org_entries, entry);
  *slot = self->org_entries->len;

  add_prefixes (self, key, ND_PREFIX_ORGANIZATION);

  space = strchr (key, ' ');
  if (space == NULL)
    add_word (self, key, length, TRUE, ND_WORD_ORG);
  else
    add_word (self, key, space - key, TRUE, ND_WORD_ORG_START);
}

static void
load_organizations (NdLexicon *self)
{
  char *cursor = load_file (self, "lexicons/organizations.txt");
  char *line;

  while ((line = nd_extract_data_next_line (&cursor)) != NULL)
    {
      char *fields[2] = { NULL, NULL };
      char *alt;

      if (nd_extract_data_split (line, fields, 2) < 1 || *fields[0] == '\0')
        continue;

      add_organization (self, fields[0], fields[0]);

      for (alt = fields[1]; alt != NULL && *alt != '\0';)
        {
          char *bar = strchr (alt, '|');

          if (bar != NULL)
            *bar = '\0';
          add_organization (self, fields[0], alt);
          alt = bar != NULL ? bar + 1 : NULL;
        }
    }
}

static void
nd_lexicon_finalize (GObject *object)
{
  NdLexicon *self = ND_LEXICON (object);

  g_clear_pointer (&self->words, nd_extract_map_free);
  g_clear_pointer (&self->titles, nd_extract_map_free);
  g_clear_pointer (&self->organizations, nd_extract_map_free);
  g_clear_pointer (&self->prefixes, nd_extract_map_free);
  g_clear_pointer (&self->org_entries, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (nd_lexicon_parent_class)->finalize (object);
}

static void
nd_lexicon_class_init (NdLexiconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_lexicon_finalize;
}

static void
nd_lexicon_init (NdLexicon *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->files = g_ptr_array_new_with_free_func (g_free);
  self->words = nd_extract_map_new (EXPECTED_WORDS);
  self->titles = nd_extract_map_new (EXPECTED_TITLES);
  self->organizations = nd_extract_map_new (EXPECTED_ORGS);
  self->prefixes = nd_extract_map_new (EXPECTED_ORGS * 2);
  self->org_entries = g_ptr_array_new_with_free_func (g_free);
}

static NdLexicon *
nd_lexicon_load (void)
{
  NdLexicon *self = g_object_new (ND_TYPE_LEXICON, NULL);

  /* common words first: their order is their rank */
  load_word_list (self, "lexicons/common-words.txt", ND_WORD_COMMON, TRUE);
  load_word_list (self, "lexicons/non-names.txt", ND_WORD_NON_NAME, FALSE);
  load_word_list (self, "lexicons/first-names.txt", ND_WORD_FIRST_NAME, FALSE);
  load_word_list (self, "lexicons/surnames.txt", ND_WORD_SURNAME, FALSE);
  load_titles (self);
  load_org_suffixes (self);
  load_organizations (self);

  return self;
}

NdLexicon *
nd_lexicon_get_default (void)
{
  static gsize instance = 0;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, (gsize) nd_lexicon_load ());

  return (NdLexicon *) instance;
}

guint32
nd_lexicon_lookup_word (NdLexicon  *self,
                        const char *key)
{
  return nd_extract_map_lookup (self->words, key, -1);
}

guint32
nd_lexicon_lookup_word_len (NdLexicon  *self,
                            const char *key,
                            gsize       length)
{
  return nd_extract_map_lookup (self->words, key, (gssize) length);
}

gboolean
nd_lexicon_is_title (NdLexicon  *self,
                     const char *key)
{
  return nd_extract_map_lookup (self->titles, key, -1) != 0;
}

gboolean
nd_lexicon_is_title_name (NdLexicon  *self,
                          const char *key)
{
  return (nd_extract_map_lookup (self->titles, key, -1) & TITLE_NAME) != 0;
}

const char *
nd_lexicon_lookup_organization (NdLexicon  *self,
                                const char *key,
                                gboolean    all_caps)
{
  guint32 index = nd_extract_map_lookup (self->organizations, key, -1);
  OrgEntry *entry;

  if (index == 0)
    return NULL;

  entry = g_ptr_array_index (self->org_entries, index - 1);
  if (entry->caps_only && !all_caps)
    return NULL;

  return entry->name;
}

guint
nd_lexicon_get_max_title_words (NdLexicon *self)
{
  return self->max_title_words;
}

guint
nd_lexicon_lookup_prefix (NdLexicon  *self,
                          const char *key,
                          gssize      length)
{
  g_return_val_if_fail (ND_IS_LEXICON (self), 0);
  g_return_val_if_fail (key != NULL, 0);

  return nd_extract_map_lookup (self->prefixes, key, length);
}