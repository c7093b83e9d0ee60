/* nd-importer.c — turning files into articles and storing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "nd-body.h"
#include "nd-error.h"
#include "nd-extractor.h"
#include "nd-importer.h"
#include "nd-text.h"

#define ND_FORMAT_NAME    "newsdesk"
#define ND_FORMAT_VERSION 1

/* A first line that reads as a headline */
#define TITLE_LINE_MAX_CHARS 150
#define TITLE_LINE_MAX_WORDS 25
/* A title made from the first sentence */
#define TITLE_MAX_CHARS      100
#define READ_CHUNK           65536

/* Abbreviations whose full stop does not end a sentence */
static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "mx", "dr", "prof", "sr", "jr", "st", "mt", "ft",
  "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt",
  "gov", "sen", "rep", "rev", "hon", "pres", "amb", "sec", "supt", "insp",
  "no", "nos", "vs", "etc", "approx", "dept", "est", "fig", "vol", "op",
  "inc", "ltd", "co", "corp", "bros", "univ", "assn",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
  "nov", "dec",
  NULL
};

/* Words a title cut short should not end on */
static const char * const dangling_words[] = {
  "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at",
  "by", "for", "from", "with", "as", "into", "that", "which", "who", "its",
  "his", "her", "their", "our", "this", "these", "those", NULL
};

/* Footer lines of blogs and news sites (WordPress and others), compared
 * in lower case without a closing colon; only removed at the end of a body */
static const char * const boilerplate_lines[] = {
  "leave a reply", "leave a comment", "leave a reply cancel reply",
  "cancel reply", "reply", "comment", "comments", "no comments",
  "no comments yet", "comment *", "name", "name *", "email", "email *",
  "website", "post comment", "submit comment", "post navigation",
  "previous post", "next post", "previous article", "next article",
  "previous", "next", "older post", "newer post", "older posts", "newer posts",
  "share", "share this", "share this article", "share this post",
  "share this story", "share on facebook", "share on twitter", "share on x",
  "share on linkedin", "share on whatsapp", "share via", "tweet", "pin it",
  "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit",
  "telegram", "tumblr", "pocket", "print", "more", "like this", "like",
  "like loading...", "loading...", "related", "related posts",
  "related articles", "related stories", "related news", "read more",
  "read next", "more stories", "more from this author", "you may also like",
  "you might also like", "recommended", "advertisement", "sponsored",
  "subscribe", "tags", "categories", "uncategorized", "about the author",
  "all rights reserved", "all rights reserved.", "back to top",
  NULL
};

static const char * const boilerplate_prefixes[] = {
  "your email address will not be published",
  "required fields are marked",
  "save my name, email",
  "you must be logged in to post a comment",
  "notify me of follow-up comments", "notify me of new posts",
  "this site uses akismet",
  "click to share on", "click to print", "click to email",
  "posted in ", "filed under", "tagged ", "tags:", "categories:", "category:",
  "this entry was posted in", "bookmark the permalink",
  "copyright ", "copyright\u00a9", "\u00a9", "(c) ",
  "powered by ", "proudly powered by", "theme:", "theme by ",
  "discover more from", "subscribe to get the latest",
  "subscribe to our newsletter", "sign up for our newsletter",
  "follow us on", "type your email", "continue reading",
  NULL
};

/* Generic author names that make a byline boilerplate on their own */
static const char * const generic_authors[] = {
  "admin", "administrator", "editor", "editors", "staff", "guest",
  "webmaster", "author", "team", "newsdesk", NULL
};

static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c);
}

static gboolean
is_quote_or_bracket (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return c == '"' || c == '\'' ||
         type == G_UNICODE_INITIAL_PUNCTUATION ||
         type == G_UNICODE_FINAL_PUNCTUATION ||
         type == G_UNICODE_OPEN_PUNCTUATION ||
         type == G_UNICODE_CLOSE_PUNCTUATION;
}

static gboolean
is_blank_line (const char *line)
{
  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      if (!is_space_char (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Lower case, trimmed, inner white space folded, "…" spelt "...", and
 * without a closing colon */
static char *
boilerplate_key (const char *line)
{
  g_autofree char *folded = g_utf8_strdown (line, -1);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space_char (c))
        {
          space = key->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;

      if (c == 0x2026)
        g_string_append (key, "...");
      else
        g_string_append_unichar (key, c);
    }

  while (key->len > 0 && key->str[key->len - 1] == ':')
    g_string_truncate (key, key->len - 1);
  while (key->len > 0 && key->str[key->len - 1] == ' ')
    g_string_truncate (key, key->len - 1);

  return g_string_free (key, FALSE);
}

/* "12 Comments", "3 thoughts on “...”", "1 Response" */
static gboolean
is_comment_count (const char *key)
{
  const char *p = key;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  while (g_ascii_isdigit (*p))
    p++;

  return g_str_has_prefix (p, " comment") ||
         g_str_has_prefix (p, " response") ||
         g_str_has_prefix (p, " thought") ||
         g_str_has_prefix (p, " repl");
}

static gboolean
is_boilerplate_line (const char *line)
{
  g_autofree char *key = boilerplate_key (line);

  if (g_strv_contains (boilerplate_lines, key) || is_comment_count (key))
    return TRUE;

  for (guint i = 0; boilerplate_prefixes[i] != NULL; i++)
    {
      if (g_str_has_prefix (key, boilerplate_prefixes[i]))
        return TRUE;
    }

  return FALSE;
}

/* "By admin", "Posted by Jane Doe", "Written by staff": returns the
 * author name's word count (1 to 3), or 0 when the line is no byline;
 * *generic tells whether the author is a generic site name. */
static guint
byline_words (const char *line,
              gboolean   *generic)
{
  static const char * const openings[] = { "by ", "posted by ", "written by ", "author: ", NULL };
  g_autofree char *key = boilerplate_key (line);
  g_auto(GStrv) words = NULL;
  const char *name = NULL;
  guint n;

  *generic = FALSE;

  for (guint i = 0; openings[i] != NULL && name == NULL; i++)
    {
      if (g_str_has_prefix (key, openings[i]))
        name = key + strlen (openings[i]);
    }

  if (name == NULL || *name == '\0')
    return 0;

  words = g_strsplit (name, " ", -1);
  n = g_strv_length (words);
  if (n > 3)
    return 0;

  *generic = n == 1 && g_strv_contains (generic_authors, words[0]);
  return n;
}

/* Removes blog and site footers from the end: lines such as "Leave a
 * Reply" and "Share this:", and a byline ("By admin") that only such
 * lines follow. */
static void
strip_trailing_boilerplate (GPtrArray *lines)
{
  guint removed = 0;
  guint n = lines->len;

  while (n > 0)
    {
      const char *line = g_ptr_array_index (lines, n - 1);
      gboolean generic;

      if (is_blank_line (line))
        {
          n--;
          continue;
        }

      if (is_boilerplate_line (line) ||
          (byline_words (line, &generic) > 0 && (generic || removed > 0)))
        {
          removed++;
          n--;
          continue;
        }

      break;
    }

  /* a text made only of such lines is kept as it is */
  if (n > 0)
    g_ptr_array_set_size (lines, n);
}

static gboolean
is_abbreviation (const char *sentence_start,
                 const char *dot)
{
  const char *word = dot;
  g_autofree char *token = NULL;
  g_autofree char *folded = NULL;

  /* back to the start of the word */
  while (word > sentence_start)
    {
      const char *prev = g_utf8_find_prev_char (sentence_start, word);

      if (prev == NULL || is_space_char (g_utf8_get_char (prev)))
        break;
      word = prev;
    }

  while (word < dot && is_quote_or_bracket (g_utf8_get_char (word)))
    word = g_utf8_next_char (word);

  if (word == dot)
    return FALSE;

  token = g_strndup (word, dot - word);

  /* initials and dotted abbreviations: "J.", "U.S.", "e.g." */
  if (g_utf8_strlen (token, -1) == 1 && g_unichar_isalpha (g_utf8_get_char (token)))
    return TRUE;
  if (strchr (token, '.') != NULL)
    return TRUE;

  folded = g_utf8_casefold (token, -1);
  return g_strv_contains (abbreviations, folded);
}

/* The byte length of the first sentence of `text` (which is one line):
 * up to a full stop, question or exclamation mark (with closing quotes)
 * that white space and a capital, digit or quote follow. */
static gsize
first_sentence_length (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *end;
      const char *next;
      gunichar n;

      if (c != '.' && c != '?' && c != '!')
        continue;

      end = g_utf8_next_char (p);
      while (*end && (g_utf8_get_char (end) == c || is_quote_or_bracket (g_utf8_get_char (end))))
        end = g_utf8_next_char (end);

      if (*end == '\0')
        return end - text;

      if (!is_space_char (g_utf8_get_char (end)))
        continue;

      next = end;
      while (*next && is_space_char (g_utf8_get_char (next)))
        next = g_utf8_next_char (next);

      n = g_utf8_get_char (next);
      if (*next != '\0' &&
          !g_unichar_isupper (n) && !g_unichar_istitle (n) &&
          !g_unichar_isdigit (n) && !is_quote_or_bracket (n))
        continue;

      if (c == '.' && is_abbreviation (text, p))
        continue;

      return end - text;
    }

  return strlen (text);
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean space = is_space_char (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }

  return n;
}

/* The last character that is not a closing quote or bracket */
static gunichar
last_meaningful_char (const char *text)
{
  const char *p = text + strlen (text);

  while ((p = g_utf8_find_prev_char (text, p)) != NULL)
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space_char (c) && !is_quote_or_bracket (c))
        return c;
    }

  return 0;
}

/* Punctuation that leads on to more text: , ; : - – — / & */
static gboolean
is_leading_on (gunichar c)
{
  return c == ',' || c == ';' || c == ':' || c == '-' || c == '/' || c == '&' ||
         c == 0x2013 || c == 0x2014;
}

/* Whether the first line of an article reads as its headline; the caller
 * checks that more text follows. */
static gboolean
line_is_headline (const char *line)
{
  gunichar last = last_meaningful_char (line);

  if (!has_letter (line) ||
      g_utf8_strlen (line, -1) > TITLE_LINE_MAX_CHARS ||
      count_words (line) > TITLE_LINE_MAX_WORDS ||
      nd_body_line_is_list_item (line) ||
      nd_body_line_is_table_row (line))
    return FALSE;

  /* a headline may ask or exclaim, but does not end like a sentence or
   * lead into what follows */
  if (last == '.' || last == 0x2026 || is_leading_on (last))
    return FALSE;

  /* a one-word line is a label ("Politics"), not a headline */
  if (count_words (line) < 2)
    return FALSE;

  /* one sentence, not two run together */
  return first_sentence_length (line) >= strlen (line);
}

static gboolean
is_dangling_word (const char *word)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);

  return g_strv_contains (dangling_words, folded);
}

/* Cuts `text` at a word boundary to at most `max_chars` characters, without
 * a dangling "the" or comma at the end, and adds "…". */
static char *
cut_at_word (const char *text,
             guint       max_chars)
{
  g_autoptr(GString) out = NULL;
  const char *limit = g_utf8_offset_to_pointer (text, max_chars);
  const char *cut = NULL;

  for (const char *p = text; p <= limit && *p; p = g_utf8_next_char (p))
    {
      if (is_space_char (g_utf8_get_char (p)))
        cut = p;
    }

  if (cut == NULL)
    cut = limit;

  out = g_string_new_len (text, cut - text);

  while (out->len > 0)
    {
      const char *last_space;
      const char *end = out->str + out->len;
      const char *prev = g_utf8_find_prev_char (out->str, end);
      gunichar c = prev != NULL ? g_utf8_get_char (prev) : 0;

      /* trailing white space and punctuation that leads on */
      if (prev != NULL && (is_space_char (c) || is_leading_on (c)))
        {
          g_string_truncate (out, prev - out->str);
          continue;
        }

      /* a small word that leads on: "... mission to the" */
      last_space = strrchr (out->str, ' ');
      if (last_space != NULL && is_dangling_word (last_space + 1))
        {
          g_string_truncate (out, last_space - out->str);
          continue;
        }

      break;
    }

  if (out->len == 0)
    g_string_append_len (out, text, limit - text);

  g_string_append (out, "\u2026");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A title from the first sentence of the text */
static char *
title_from_sentence (const char *text)
{
  g_autoptr(GString) first_line = g_string_new (NULL);
  g_autofree char *sentence = NULL;
  gsize length;

  /* the first line, and the lines after it while a line leads on to
   * the next ("WASHINGTON \u2014" and then the sentence) */
  while (*text != '\0')
    {
      const char *newline;
      gunichar last;

      text += strspn (text, " \t\n");
      newline = strchr (text, '\n');

      if (first_line->len > 0)
        g_string_append_c (first_line, ' ');
      if (newline != NULL)
        g_string_append_len (first_line, text, newline - text);
      else
        g_string_append (first_line, text);

      last = last_meaningful_char (first_line->str);
      if (newline == NULL || !is_leading_on (last))
        break;

      text = newline + 1;
    }

  length = first_sentence_length (first_line->str);
  sentence = g_strstrip (g_strndup (first_line->str, length));

  if ((guint) g_utf8_strlen (sentence, -1) > TITLE_MAX_CHARS)
    return cut_at_word (sentence, TITLE_MAX_CHARS);

  /* a title has no closing full stop */
  length = strlen (sentence);
  if (length > 1 && sentence[length - 1] == '.' && sentence[length - 2] != '.')
    sentence[length - 1] = '\0';

  return g_steal_pointer (&sentence);
}

/* Joins lines, keeping one blank line where there were one or more, and
 * leaving out blank lines at the start and end. */
static char *
join_lines (GPtrArray *lines,
            guint      from)
{
  GString *out = g_string_new (NULL);
  gboolean blank = FALSE;

  for (guint i = from; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (is_blank_line (line))
        {
          blank = out->len > 0;
          continue;
        }

      if (out->len > 0)
        g_string_append (out, blank ? "\n\n" : "\n");
      blank = FALSE;
      g_string_append (out, line);
    }

  return g_string_free (out, FALSE);
}

NdArticle *
nd_importer_parse_text (const char *text,
                        const char *source)
{
  g_autoptr(NdArticle) article = nd_article_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *normalized = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) split = NULL;
  guint first = 0;
  guint second;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = nd_text_normalize (text);
  split = g_strsplit (normalized, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (lines, g_steal_pointer (&split[i]));

  strip_trailing_boilerplate (lines);

  while (first < lines->len && is_blank_line (g_ptr_array_index (lines, first)))
    first++;

  second = first + 1;
  while (second < lines->len && is_blank_line (g_ptr_array_index (lines, second)))
    second++;

  if (first < lines->len && second < lines->len &&
      line_is_headline (g_ptr_array_index (lines, first)))
    {
      title = g_strstrip (g_strdup (g_ptr_array_index (lines, first)));
      body = join_lines (lines, second);
    }
  else
    {
      body = join_lines (lines, first);
      title = title_from_sentence (body);
    }

  nd_article_set_title (article, title);
  nd_article_set_body (article, body);
  nd_article_set_source (article, source);

  return g_steal_pointer (&article);
}

/* NewsDesk JSON */

static gboolean
json_fail (GError    **error,
           const char *name,
           const char *field,
           const char *problem)
{
  g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
               /* Translators: the first %s is a file name, the second a
                * field such as “articles[2].title”, the third what is
                * wrong with it */
               _("%s is not a valid NewsDesk document: “%s” %s"),
               name, field, problem);
  return FALSE;
}

static gboolean
node_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* "articles[2].title", or "version" at the top of the document */
static char *
field_name (const char *path,
            const char *member)
{
  if (path == NULL || *path == '\0')
    return g_strdup (member);

  return g_strdup_printf ("%s.%s", path, member);
}

/* An optional string member: missing or null gives NULL */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     const char  *path,
                     const char  *name,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node_is_null (node))
    return TRUE;

  if (!node_is_string (node))
    {
      g_autofree char *field = field_name (path, member);
      return json_fail (error, name, field, _("is not a string"));
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_required_string (JsonObject  *object,
                     const char  *member,
                     const char  *path,
                     const char  *name,
                     const char **out,
                     GError     **error)
{
  if (!get_optional_string (object, member, path, name, out, error))
    return FALSE;

  if (*out == NULL)
    {
      g_autofree char *field = field_name (path, member);
      return json_fail (error, name, field, _("is missing"));
    }

  return TRUE;
}

static gboolean
get_optional_boolean (JsonObject  *object,
                      const char  *member,
                      const char  *path,
                      const char  *name,
                      gboolean    *out,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node_is_null (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *field = field_name (path, member);
      return json_fail (error, name, field, _("is not true or false"));
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* An optional array member: missing or null gives NULL */
static gboolean
get_optional_array (JsonObject  *object,
                    const char  *member,
                    const char  *path,
                    const char  *name,
                    JsonArray  **out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node_is_null (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *field = field_name (path, member);
      return json_fail (error, name, field, _("is not a list"));
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_offset (JsonObject  *object,
            const char  *member,
            const char  *path,
            const char  *name,
            guint       *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *field = field_name (path, member);
  gint64 value;

  if (node == NULL)
    return json_fail (error, name, field, _("is missing"));

  if (!node_is_integer (node))
    return json_fail (error, name, field, _("is not a whole number"));

  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXUINT)
    return json_fail (error, name, field, _("is out of range"));

  *out = (guint) value;
  return TRUE;
}

static NdEntity *
parse_entity (JsonNode    *node,
              const char  *path,
              const char  *name,
              glong        body_chars,
              GError     **error)
{
  g_autoptr(NdEntity) entity = NULL;
  JsonObject *object;
  JsonArray *mentions = NULL;
  JsonNode *lat;
  JsonNode *lon;
  const char *kind_name = NULL;
  const char *entity_name = NULL;
  const char *value = NULL;
  NdEntityKind kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (error, name, path, _("is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!get_required_string (object, "kind", path, name, &kind_name, error) ||
      !get_required_string (object, "name", path, name, &entity_name, error))
    return NULL;

  if (!nd_entity_kind_from_string (kind_name, &kind))
    {
      g_autofree char *field = g_strdup_printf ("%s.kind", path);
      json_fail (error, name, field,
                 _("is not one of person, place, organization or date"));
      return NULL;
    }

  entity = nd_entity_new (kind, entity_name);

  if (!get_optional_string (object, "role", path, name, &value, error))
    return NULL;
  nd_entity_set_role (entity, value);

  if (!get_optional_string (object, "country", path, name, &value, error))
    return NULL;
  nd_entity_set_country (entity, value);

  if (!get_optional_string (object, "value", path, name, &value, error))
    return NULL;
  nd_entity_set_value (entity, value);

  lat = json_object_get_member (object, "lat");
  lon = json_object_get_member (object, "lon");
  if (!node_is_null (lat) || !node_is_null (lon))
    {
      double la, lo;

      if (!node_is_number (lat) || !node_is_number (lon))
        {
          g_autofree char *field = g_strdup_printf ("%s.%s", path,
                                                    node_is_number (lat) ? "lon" : "lat");
          json_fail (error, name, field, _("is not a number"));
          return NULL;
        }

      la = json_node_get_double (lat);
      lo = json_node_get_double (lon);
      if (la < -90.0 || la > 90.0 || lo < -180.0 || lo > 180.0)
        {
          g_autofree char *field = g_strdup_printf ("%s.lat", path);
          json_fail (error, name, field, _("is out of range"));
          return NULL;
        }

      nd_entity_set_coordinates (entity, la, lo);
    }

  if (!get_optional_array (object, "mentions", path, name, &mentions, error))
    return NULL;

  for (guint i = 0; mentions != NULL && i < json_array_get_length (mentions); i++)
    {
      JsonNode *mention_node = json_array_get_element (mentions, i);
      g_autofree char *mention_path = g_strdup_printf ("%s.mentions[%u]", path, i);
      JsonObject *mention;
      const char *text = NULL;
      guint start, end;

      if (!JSON_NODE_HOLDS_OBJECT (mention_node))
        {
          json_fail (error, name, mention_path, _("is not an object"));
          return NULL;
        }

      mention = json_node_get_object (mention_node);
      if (!get_offset (mention, "start", mention_path, name, &start, error) ||
          !get_offset (mention, "end", mention_path, name, &end, error) ||
          !get_optional_string (mention, "text", mention_path, name, &text, error))
        return NULL;

      if (start > end || end > body_chars)
        {
          json_fail (error, name, mention_path, _("lies outside the body"));
          return NULL;
        }

      nd_entity_add_mention (entity, start, end, text);
    }

  return g_steal_pointer (&entity);
}

static NdArticle *
parse_article (JsonNode    *node,
               const char  *path,
               const char  *name,
               GError     **error)
{
  g_autoptr(NdArticle) article = nd_article_new ();
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *array = NULL;
  const char *title = NULL;
  const char *body = NULL;
  const char *value = NULL;
  gboolean flag;
  glong body_chars;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (error, name, path, _("is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!get_required_string (object, "body", path, name, &body, error) ||
      !get_optional_string (object, "title", path, name, &title, error))
    return NULL;

  nd_article_set_body (article, body);
  if (title == NULL || *title == '\0')
    {
      g_autofree char *made = title_from_sentence (body);
      nd_article_set_title (article, made);
    }
  else
    nd_article_set_title (article, title);

  if (!get_optional_string (object, "source", path, name, &value, error))
    return NULL;
  nd_article_set_source (article, value);

  if (!get_optional_string (object, "published", path, name, &value, error))
    return NULL;
  nd_article_set_published (article, value);

  if (!get_optional_string (object, "imported", path, name, &value, error))
    return NULL;
  nd_article_set_imported (article, value);

  if (!get_optional_boolean (object, "read", path, name, &flag, error))
    return NULL;
  nd_article_set_read (article, flag);

  if (!get_optional_boolean (object, "starred", path, name, &flag, error))
    return NULL;
  nd_article_set_starred (article, flag);

  if (!get_optional_array (object, "tags", path, name, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *tag = json_array_get_element (array, i);

      if (!node_is_string (tag))
        {
          g_autofree char *field = g_strdup_printf ("%s.tags[%u]", path, i);
          json_fail (error, name, field, _("is not a string"));
          return NULL;
        }

      g_ptr_array_add (tags, (gpointer) json_node_get_string (tag));
    }
  g_ptr_array_add (tags, NULL);
  nd_article_set_tags (article, (const char * const *) tags->pdata);

  body_chars = g_utf8_strlen (body, -1);

  if (!get_optional_array (object, "entities", path, name, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *entity_path = g_strdup_printf ("%s.entities[%u]", path, i);
      NdEntity *entity = parse_entity (json_array_get_element (array, i),
                                       entity_path, name, body_chars, error);

      if (entity == NULL)
        return NULL;

      g_ptr_array_add (entities, entity);
    }
  nd_article_set_entities (article, entities);

  /* ids are given by the desk the article goes into */
  nd_article_set_id (article, 0);

  return g_steal_pointer (&article);
}

/* Whether a parsed document says it is a NewsDesk document */
static gboolean
is_newsdesk_document (JsonNode *root)
{
  JsonObject *object;
  JsonNode *format;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  format = json_object_get_member (object, "format");

  return node_is_string (format) &&
         g_strcmp0 (json_node_get_string (format), ND_FORMAT_NAME) == 0;
}

static GPtrArray *
parse_document (JsonNode    *root,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *basename = g_path_get_basename (name);
  JsonObject *object;
  JsonNode *version;
  JsonArray *array = NULL;
  gint64 number;

  if (!is_newsdesk_document (root))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   _("%s is JSON but not a NewsDesk document"), name);
      return NULL;
    }

  object = json_node_get_object (root);
  version = json_object_get_member (object, "version");

  if (version == NULL)
    {
      json_fail (error, name, "version", _("is missing"));
      return NULL;
    }

  if (!node_is_integer (version))
    {
      json_fail (error, name, "version", _("is not a whole number"));
      return NULL;
    }

  number = json_node_get_int (version);
  if (number > ND_FORMAT_VERSION)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_UNSUPPORTED_VERSION,
                   _("%s was written by a newer NewsDesk (format version %" G_GINT64_FORMAT ")"),
                   name, number);
      return NULL;
    }

  if (number < 1)
    {
      json_fail (error, name, "version", _("is out of range"));
      return NULL;
    }

  if (!get_optional_array (object, "articles", NULL, name, &array, error))
    return NULL;

  if (array == NULL)
    {
      json_fail (error, name, "articles", _("is missing"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("articles[%u]", i);
      NdArticle *article = parse_article (json_array_get_element (array, i), path, name, error);

      if (article == NULL)
        return NULL;

      if (nd_article_get_source (article) == NULL)
        nd_article_set_source (article, basename);

      g_ptr_array_add (articles, article);
    }

  return g_steal_pointer (&articles);
}

/* Converts data with a Unicode byte order mark to UTF-8 without one; data
 * without a mark is returned as it is. Returns NULL (and sets *converted
 * to NULL) when a marked text does not convert. */
static const char *
strip_bom (const char  *data,
           gsize        length,
           gsize       *out_length,
           char       **converted)
{
  const guchar *bytes = (const guchar *) data;
  const char *charset = NULL;
  gsize skip = 0;

  *converted = NULL;
  *out_length = length;

  if (length >= 4 && memcmp (bytes, "\xFF\xFE\x00\x00", 4) == 0)
    charset = "UTF-32LE", skip = 4;
  else if (length >= 4 && memcmp (bytes, "\x00\x00\xFE\xFF", 4) == 0)
    charset = "UTF-32BE", skip = 4;
  else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    charset = "UTF-16LE", skip = 2;
  else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    charset = "UTF-16BE", skip = 2;
  else if (length >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    {
      *out_length = length - 3;
      return data + 3;
    }

  if (charset == NULL)
    return data;

  *converted = g_convert (data + skip, length - skip, "UTF-8", charset,
                          NULL, out_length, NULL);
  return *converted;
}

/* Whether the text starts like a JSON document: an object, or an array
 * of values (so that a text starting "[Update] ..." stays text) */
static gboolean
looks_like_json (const char *text,
                 gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (text[i]))
    i++;

  if (i >= length)
    return FALSE;

  if (text[i] == '{')
    return TRUE;

  if (text[i] != '[')
    return FALSE;

  i++;
  while (i < length && g_ascii_isspace (text[i]))
    i++;

  return i < length && strchr ("{[\"]-0123456789tfn", text[i]) != NULL;
}

static JsonNode *
load_json (const char  *data,
           gsize        length,
           const char  *name,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *converted = NULL;
  const char *text;
  gsize text_length;

  text = strip_bom (data, length, &text_length, &converted);
  if (text == NULL || !g_utf8_validate_len (text, text_length, NULL))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_ENCODING,
                   _("%s is not UTF-8 text"), name);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, text_length, &local_error))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: %s"), name, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

GPtrArray *
nd_importer_parse_json (const char  *data,
                        gsize        length,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  root = load_json (data, length, name, error);
  if (root == NULL)
    return NULL;

  return parse_document (root, name, error);
}

GPtrArray *
nd_importer_parse_data (const char  *data,
                        gsize        length,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  const char *raw;
  gsize raw_length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  /* detection by content: a JSON document, whatever the file's name */
  raw = strip_bom (data, length, &raw_length, &converted);
  if (raw != NULL && looks_like_json (raw, raw_length) &&
      memchr (raw, '\0', raw_length) == NULL)
    return nd_importer_parse_json (data, length, name, error);

  text = nd_text_decode (data, length, name, error);
  if (text == NULL)
    return NULL;

  basename = g_path_get_basename (name);
  articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (articles, nd_importer_parse_text (text, basename));

  return g_steal_pointer (&articles);
}

/* Files */

static void
set_io_error (GError     **error,
              const GError *io_error,
              const char  *name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, ND_ERROR, ND_ERROR_NOT_FOUND, _("%s: no such file"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                 _("%s cannot be read: permission denied"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                 _("%s is a folder, not a file"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, io_error->message);
  else
    g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                 _("%s cannot be read"), name);
}

/* The file as messages name it: relative to the current folder when it
 * is inside it, else the whole path (or URI) */
static char *
file_display_name (GFile *file)
{
  const char *path = g_file_peek_path (file);
  g_autofree char *cwd = NULL;
  gsize n;

  if (path == NULL)
    return g_file_get_parse_name (file);

  cwd = g_get_current_dir ();
  n = strlen (cwd);
  if (n > 1 && strncmp (path, cwd, n) == 0 && path[n] == G_DIR_SEPARATOR && path[n + 1] != '\0')
    return g_strdup (path + n + 1);

  return g_strdup (path);
}

/* Reads the file, refusing one over the limit before reading it all */
static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info == NULL)
    {
      set_io_error (error, local_error, name);
      return NULL;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                   _("%s is a folder, not a file"), name);
      return NULL;
    }

  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                   _("%s is not a regular file"), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > ND_IMPORT_MAX_SIZE)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_TOO_LARGE,
                   _("%s is larger than 10 MB"), name);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      set_io_error (error, local_error, name);
      return NULL;
    }

  /* the file may have grown since: never read more than the limit */
  buffer = g_byte_array_sized_new (g_file_info_get_size (info) + 1);
  while (TRUE)
    {
      guint8 chunk[READ_CHUNK];
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                      cancellable, &local_error);

      if (n < 0)
        {
          set_io_error (error, local_error, name);
          return NULL;
        }

      if (n == 0)
        break;

      g_byte_array_append (buffer, chunk, n);
      if (buffer->len > ND_IMPORT_MAX_SIZE)
        {
          g_set_error (error, ND_ERROR, ND_ERROR_TOO_LARGE,
                       _("%s is larger than 10 MB"), name);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static GPtrArray *
load_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  bytes = read_file (file, name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return nd_importer_parse_data (data != NULL ? data : "", length, name, error);
}

GPtrArray *
nd_importer_load_file (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = file_display_name (file);
  return load_file (file, name, cancellable, error);
}

GPtrArray *
nd_importer_load_path (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_commandline_arg (path);
  return load_file (file, path, cancellable, error);
}

/* Importing */

typedef struct
{
  NdDatabase    *database;
  GCancellable  *cancellable;
  NdImportFunc   func;
  gpointer       user_data;
  GHashTable    *visited;   /* "device:inode" of folders walked */
  gboolean       failed;
} ImportRun;

static void
report (ImportRun      *run,
        const char     *path,
        NdImportStatus  status,
        gint64          id,
        const GError   *error)
{
  if (status == ND_IMPORT_FAILED)
    {
      run->failed = TRUE;
      g_debug ("Import of %s failed: %s", path, error != NULL ? error->message : "?");
    }

  if (run->func != NULL)
    run->func (path, status, id, error, run->user_data);
}

static void
import_file (ImportRun  *run,
             GFile      *file,
             const char *path)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  articles = load_file (file, path, run->cancellable, &error);
  if (articles == NULL && g_cancellable_is_cancelled (run->cancellable))
    return;

  if (articles == NULL)
    {
      report (run, path, ND_IMPORT_FAILED, 0, error);
      return;
    }

  for (guint i = 0; i < articles->len; i++)
    {
      NdArticle *article = g_ptr_array_index (articles, i);
      g_autoptr(GError) db_error = NULL;
      gboolean duplicate = FALSE;
      gint64 id = 0;

      if (g_cancellable_is_cancelled (run->cancellable))
        return;

      /* articles restored from NewsDesk JSON keep their entities */
      if (nd_article_get_entities (article)->len == 0)
        nd_extractor_extract_article (article);

      if (!nd_database_insert_article (run->database, article, &id, &duplicate, &db_error))
        {
          g_autoptr(GError) named = g_error_new (ND_ERROR, ND_ERROR_DATABASE,
                                                 _("%s could not be stored: %s"),
                                                 path, db_error->message);
          report (run, path, ND_IMPORT_FAILED, 0, named);
          continue;
        }

      report (run, path, duplicate ? ND_IMPORT_DUPLICATE : ND_IMPORT_IMPORTED, id, NULL);
    }
}

typedef struct
{
  char      *name;
  char      *key;
  GFileType  type;
} Child;

static void
child_free (gpointer data)
{
  Child *child = data;

  g_free (child->name);
  g_free (child->key);
  g_free (child);
}

static int
compare_children (gconstpointer a,
                  gconstpointer b)
{
  const Child *ca = *(const Child * const *) a;
  const Child *cb = *(const Child * const *) b;
  int cmp = strcmp (ca->key, cb->key);

  return cmp != 0 ? cmp : strcmp (ca->name, cb->name);
}

static char *
folder_key (GFileInfo *info)
{
  if (!g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_DEVICE) ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE))
    return NULL;

  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT,
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

static void import_path (ImportRun  *run,
                         GFile      *file,
                         const char *path);

static void
import_folder (ImportRun  *run,
               GFile      *folder,
               const char *path)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (child_free);
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NONE,
                                          run->cancellable, &local_error);
  if (enumerator == NULL)
    {
      g_autoptr(GError) error = NULL;

      set_io_error (&error, local_error, path);
      report (run, path, ND_IMPORT_FAILED, 0, error);
      return;
    }

  while (TRUE)
    {
      GFileInfo *info = NULL;
      Child *child;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, run->cancellable, &local_error))
        {
          g_autoptr(GError) error = NULL;

          set_io_error (&error, local_error, path);
          report (run, path, ND_IMPORT_FAILED, 0, error);
          break;
        }

      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (name[0] == '.' || g_file_info_get_is_hidden (info))
        continue;

      child = g_new0 (Child, 1);
      child->name = g_strdup (name);
      child->key = g_utf8_collate_key_for_filename (name, -1);
      child->type = g_file_info_get_file_type (info);
      g_ptr_array_add (children, child);
    }

  g_ptr_array_sort (children, compare_children);

  for (guint i = 0; i < children->len; i++)
    {
      const Child *child = g_ptr_array_index (children, i);
      g_autoptr(GFile) file = NULL;
      g_autofree char *child_path = NULL;

      if (g_cancellable_is_cancelled (run->cancellable))
        return;

      /* sockets, pipes and devices found in a folder are not articles */
      if (child->type != G_FILE_TYPE_REGULAR && child->type != G_FILE_TYPE_DIRECTORY)
        continue;

      file = g_file_get_child (folder, child->name);
      child_path = g_build_filename (path, child->name, NULL);
      import_path (run, file, child_path);
    }
}

static void
import_path (ImportRun  *run,
             GFile      *file,
             const char *path)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_UNIX_DEVICE ","
                            G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE,
                            run->cancellable, &local_error);
  if (info == NULL)
    {
      g_autoptr(GError) error = NULL;

      set_io_error (&error, local_error, path);
      report (run, path, ND_IMPORT_FAILED, 0, error);
      return;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *key = folder_key (info);

      /* a symbolic link back up the tree, or a folder seen already */
      if (key != NULL)
        {
          if (g_hash_table_contains (run->visited, key))
            return;
          g_hash_table_add (run->visited, g_steal_pointer (&key));
        }

      import_folder (run, file, path);
      return;
    }

  import_file (run, file, path);
}

gboolean
nd_importer_import_paths (NdDatabase         *database,
                          const char * const *paths,
                          GCancellable       *cancellable,
                          NdImportFunc        func,
                          gpointer            user_data)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ImportRun run = { database, cancellable, func, user_data, visited, FALSE };

  g_return_val_if_fail (ND_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      file = g_file_new_for_commandline_arg (paths[i]);
      import_path (&run, file, paths[i]);
    }

  return !run.failed && !g_cancellable_is_cancelled (cancellable);
}
