/* nd-importer.c — turning files into articles and storing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <stdio.h>
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

/* Boilerplate lines and bylines are short: a key is made of no more
 * than this many characters of a line that are not spaces */
#define BOILERPLATE_KEY_CHARS 200

/* Lower case, trimmed, inner white space folded, "…" spelt "...", and
 * without a closing colon; of a long line (a paragraph), only of its
 * start, and `*cut` says so */
static char *
boilerplate_key (const char *line,
                 gboolean   *cut)
{
  g_autofree char *folded = NULL;
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;
  const char *end = line;
  guint chars = 0;

  while (*end != '\0' && chars <= BOILERPLATE_KEY_CHARS)
    {
      if (!is_space_char (g_utf8_get_char (end)))
        chars++;
      end = g_utf8_next_char (end);
    }
  *cut = *end != '\0';
  folded = g_utf8_strdown (line, end - line);

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

  while (!*cut && key->len > 0 && key->str[key->len - 1] == ':')
    g_string_truncate (key, key->len - 1);
  while (!*cut && key->len > 0 && key->str[key->len - 1] == ' ')
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
  gboolean cut;
  g_autofree char *key = boilerplate_key (line, &cut);

  /* (a cut key is longer than any line of the list) */
  if ((!cut && g_strv_contains (boilerplate_lines, key)) || is_comment_count (key))
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
  gboolean cut;
  g_autofree char *key = boilerplate_key (line, &cut);
  g_auto(GStrv) words = NULL;
  const char *name = NULL;
  guint n;

  *generic = FALSE;

  /* a paragraph, not a byline */
  if (cut)
    return 0;

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

/* Markdown
 *
 * Text is taken for Markdown by what it holds, never by the file's name:
 * a heading ("# Title", or a line underlined with "===" or "---"), YAML
 * front matter, or two or more of strong emphasis, links, images, code
 * spans, fenced code, HTML comments and link reference definitions. Such
 * a text becomes the plain text a body holds, line by line: headings keep
 * their text on their own line, emphasis and code marks go (only in
 * balanced pairs), a link keeps its text, images, comments, rules, fence
 * lines and quote markers go, bullets become "- ", and pipe tables stay as
 * they are. A level-1 heading on the first line is the title. Whether a
 * heading line shows as a heading in the body is left to
 * nd_body_line_is_heading(), since only the plain text is stored and its
 * words are the author's. */

/* Setext underlines: "==" is enough, a "-" line needs three */
#define SETEXT_MIN_EQUALS 2
#define SETEXT_MIN_DASHES 3
/* Front matter is short: its closing line comes within these lines */
#define FRONT_MATTER_MAX_LINES 100

typedef struct
{
  guint headings;       /* ATX and setext headings with text */
  guint front_matter;
  guint constructs;     /* strong emphasis, links, images, code, comments... */
} MarkdownStats;

typedef struct
{
  GHashTable    *labels;      /* reference definitions, case-folded */
  MarkdownStats *stats;
  gboolean       table_row;   /* keep "\|", which a cell needs */
} InlineContext;

/* Literal text, or a run of emphasis delimiters (*, _ or ~) */
typedef struct
{
  char     *text;
  char      delim;
  guint     count;      /* delimiters not matched */
  gboolean  can_open;
  gboolean  can_close;
} Piece;

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_clear_pointer (&piece->text, g_free);
}

static void
push_text (GArray  *pieces,
           GString *text)
{
  Piece piece = { NULL, 0, 0, FALSE, FALSE };

  if (text->len == 0)
    return;

  piece.text = g_strndup (text->str, text->len);
  g_array_append_val (pieces, piece);
  g_string_truncate (text, 0);
}

static gboolean
is_ascii_punct (char c)
{
  return c != '\0' && g_ascii_ispunct (c);
}

/* The character before `p` in `start`, a space at the start */
static gunichar
char_before (const char *start,
             const char *p)
{
  const char *prev = p > start ? g_utf8_find_prev_char (start, p) : NULL;

  return prev != NULL ? g_utf8_get_char (prev) : ' ';
}

/* The character at `p`, a space at the end */
static gunichar
char_at (const char *p)
{
  return *p != '\0' ? g_utf8_get_char (p) : ' ';
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Up to three spaces of indentation, as Markdown allows before a block */
static const char *
skip_indent (const char *line)
{
  const char *p = line;

  while (*p == ' ' && p - line < 3)
    p++;
  return p;
}

static char *
label_key (const char *label,
           gsize       length)
{
  g_autofree char *copy = g_strndup (label, length);

  return g_utf8_casefold (g_strstrip (copy), -1);
}

/* Finds the "]" that closes the "[" at `open`, or NULL */
static const char *
find_closing_bracket (const char *open)
{
  guint depth = 0;

  for (const char *p = open; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        depth++;
      else if (*p == ']' && --depth == 0)
        return p;
    }

  return NULL;
}

/* Finds the ")" that closes the "(" at `open`, or NULL */
static const char *
find_closing_paren (const char *open)
{
  guint depth = 0;

  for (const char *p = open; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return p;
    }

  return NULL;
}

/* "(destination)" or "(destination "title")", or "()" */
static gboolean
is_link_destination (const char *start,
                     const char *end)
{
  g_autofree char *inner = g_strstrip (g_strndup (start, end - start));
  const char *title;
  char close;
  gsize n;

  if (*inner == '<')
    {
      const char *gt = strchr (inner, '>');

      if (gt == NULL)
        return FALSE;
      title = skip_spaces (gt + 1);
    }
  else
    {
      title = inner + strcspn (inner, " \t");
      title = skip_spaces (title);
    }

  if (*title == '\0')
    return TRUE;

  /* a title: "...", '...' or (...) */
  n = strlen (title);
  close = title[0] == '(' ? ')' : title[0];
  return n >= 2 && (title[0] == '"' || title[0] == '\'' || title[0] == '(') &&
         title[n - 1] == close;
}

/* At a "[": an inline link "[text](destination)", a reference link
 * "[text][label]" or "[text][]", or "[label]" alone, when the label is
 * defined. Returns the end of the link and sets the bounds of its text,
 * or returns NULL. */
static const char *
parse_link (const char    *open,
            GHashTable    *labels,
            const char   **text,
            gsize         *text_length)
{
  const char *close = find_closing_bracket (open);
  g_autofree char *key = NULL;

  if (close == NULL)
    return NULL;

  *text = open + 1;
  *text_length = close - (open + 1);

  if (close[1] == '(')
    {
      const char *paren = find_closing_paren (close + 1);

      if (paren != NULL && is_link_destination (close + 2, paren))
        return paren + 1;
      return NULL;
    }

  if (close[1] == '[')
    {
      const char *label_close = strchr (close + 2, ']');

      if (label_close == NULL)
        return NULL;

      if (label_close == close + 2)
        key = label_key (*text, *text_length);
      else
        key = label_key (close + 2, label_close - (close + 2));

      return g_hash_table_contains (labels, key) ? label_close + 1 : NULL;
    }

  key = label_key (*text, *text_length);
  return g_hash_table_contains (labels, key) ? close + 1 : NULL;
}

/* At a "<": an autolink "<https://...>" or "<name@example.com>"; returns
 * the end of it and sets the bounds of the address, or returns NULL */
static const char *
parse_autolink (const char  *open,
                const char **address,
                gsize       *length)
{
  const char *start = open + 1;
  const char *close = strchr (start, '>');
  const char *p = start;

  if (close == NULL || close == start)
    return NULL;

  for (const char *q = start; q < close; q++)
    {
      if (*q == ' ' || *q == '\t' || *q == '<')
        return NULL;
    }

  *address = start;
  *length = close - start;

  /* a scheme: a letter, then 1 to 31 letters, digits, "+", "." or "-" */
  if (g_ascii_isalpha (*p))
    {
      while (p < close && (g_ascii_isalnum (*p) || *p == '+' || *p == '.' || *p == '-'))
        p++;
      if (p < close && *p == ':' && p - start >= 2 && p - start <= 32)
        return close + 1;
    }

  /* an e-mail address */
  p = memchr (start, '@', close - start);
  if (p != NULL && p > start && memchr (p, '.', close - p) != NULL)
    return close + 1;

  return NULL;
}

/* Matches emphasis delimiters in balanced pairs, nearest opener first:
 * "**" with "**" for strong emphasis, one with one for emphasis, "~~"
 * with "~~"; delimiters that match nothing stay as they are. */
static void
match_emphasis (GArray        *pieces,
                MarkdownStats *stats)
{
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *closer = &g_array_index (pieces, Piece, i);

      if (closer->delim == 0 || !closer->can_close)
        continue;

      while (closer->count > 0)
        {
          Piece *opener = NULL;
          guint use;
          guint j;

          for (j = i; j-- > 0;)
            {
              Piece *candidate = &g_array_index (pieces, Piece, j);

              if (candidate->delim == closer->delim && candidate->can_open && candidate->count > 0)
                {
                  opener = candidate;
                  break;
                }
            }

          if (opener == NULL)
            break;

          use = opener->count >= 2 && closer->count >= 2 ? 2 : 1;
          opener->count -= use;
          closer->count -= use;
          if (use == 2)
            stats->constructs++;

          /* delimiters between the pair match nothing any more */
          for (guint k = j + 1; k < i; k++)
            {
              Piece *between = &g_array_index (pieces, Piece, k);

              between->can_open = FALSE;
              between->can_close = FALSE;
            }
        }
    }
}

static char *markdown_inline (const char    *line,
                              InlineContext *context);

/* A run of "*", "_" or "~" at `p`: flanking as CommonMark has it, but
 * never inside a word (snake_case, 2*3*4 stay), and "~" only as "~~" */
static const char *
push_delimiters (GArray     *pieces,
                 const char *line,
                 const char *p)
{
  Piece piece = { NULL, *p, 0, FALSE, FALSE };
  const char *end = p;
  gunichar prev = char_before (line, p);
  gunichar next;
  gboolean left;
  gboolean right;

  while (*end == *p)
    end++;

  next = char_at (end);
  piece.count = end - p;

  left = !g_unichar_isspace (next) &&
         (!g_unichar_ispunct (next) || g_unichar_isspace (prev) || g_unichar_ispunct (prev));
  right = !g_unichar_isspace (prev) &&
          (!g_unichar_ispunct (prev) || g_unichar_isspace (next) || g_unichar_ispunct (next));

  piece.can_open = left && !g_unichar_isalnum (prev);
  piece.can_close = right && !g_unichar_isalnum (next);
  if (piece.delim == '~' && piece.count != 2)
    piece.can_open = piece.can_close = FALSE;

  g_array_append_val (pieces, piece);
  return end;
}

/* A code span at the backticks at `p`: its text goes to `text` */
static const char *
append_code_span (GString       *text,
                  const char    *p,
                  InlineContext *context)
{
  const char *q = p;
  gsize n;

  while (*q == '`')
    q++;
  n = q - p;

  /* the closing run of exactly as many backticks */
  for (const char *c = q; *c; )
    {
      const char *run = c;

      if (*c != '`')
        {
          c++;
          continue;
        }

      while (*c == '`')
        c++;

      if ((gsize) (c - run) == n)
        {
          const char *start = q;
          const char *end = run;

          /* one space each side is padding, unless all is space */
          if (end - start >= 2 && *start == ' ' && end[-1] == ' ' &&
              strspn (start, " ") < (gsize) (end - start))
            {
              start++;
              end--;
            }

          g_string_append_len (text, start, end - start);
          context->stats->constructs++;
          return c;
        }
    }

  g_string_append_len (text, p, n);
  return q;
}

/* One line of Markdown to plain text */
static char *
markdown_inline (const char    *line,
                 InlineContext *context)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_autoptr(GString) text = g_string_new (NULL);
  GString *out;
  const char *p = line;

  g_array_set_clear_func (pieces, piece_clear);

  while (*p)
    {
      const char *link_text;
      const char *end;
      gsize length;

      switch (*p)
        {
        case '\\':
          if (p[1] == '|' && context->table_row)
            {
              g_string_append_len (text, p, 2);
              p += 2;
            }
          else if (is_ascii_punct (p[1]))
            {
              g_string_append_c (text, p[1]);
              p += 2;
            }
          else if (p[1] == '\0')
            p++;   /* a hard line break */
          else
            g_string_append_c (text, *p++);
          continue;

        case '`':
          p = append_code_span (text, p, context);
          continue;

        case '!':
          if (p[1] == '[' && (end = parse_link (p + 1, context->labels, &link_text, &length)) != NULL)
            {
              /* images go, with the space they leave */
              context->stats->constructs++;
              p = end;
              if (text->len == 0 || text->str[text->len - 1] == ' ')
                p = skip_spaces (p);
              continue;
            }
          break;

        case '[':
          if ((end = parse_link (p, context->labels, &link_text, &length)) != NULL)
            {
              g_autofree char *inner_line = g_strndup (link_text, length);
              g_autofree char *inner = markdown_inline (inner_line, context);

              context->stats->constructs++;
              g_string_append (text, inner);
              p = end;
              continue;
            }
          break;

        case '<':
          if ((end = parse_autolink (p, &link_text, &length)) != NULL)
            {
              g_string_append_len (text, link_text, length);
              p = end;
              continue;
            }
          break;

        case '*':
        case '_':
        case '~':
          push_text (pieces, text);
          p = push_delimiters (pieces, line, p);
          continue;

        default:
          break;
        }

      /* this character, and the plain ones after it at once */
      {
        gsize n = 1 + strcspn (p + 1, "\\`![<*_~");

        g_string_append_len (text, p, n);
        p += n;
      }
    }

  push_text (pieces, text);
  match_emphasis (pieces, context->stats);

  out = g_string_new (NULL);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      if (piece->text != NULL)
        g_string_append (out, piece->text);
      for (guint k = 0; k < piece->count; k++)
        g_string_append_c (out, piece->delim);
    }

  return g_string_free (out, FALSE);
}

/* "# Heading" to "###### Heading", with an optional closing "#" run;
 * returns the level (0 when the line is no ATX heading) and the text */
static guint
atx_heading (const char *line,
             char      **text)
{
  const char *p = skip_indent (line);
  const char *start;
  const char *end;
  guint level = 0;

  while (p[level] == '#')
    level++;

  if (level == 0 || level > 6 || (p[level] != ' ' && p[level] != '\t' && p[level] != '\0'))
    return 0;

  start = skip_spaces (p + level);
  end = start + strlen (start);

  /* a closing run of "#" after a space, or making up all the text */
  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (end > start && end[-1] == '#')
    {
      const char *hashes = end;

      while (hashes > start && hashes[-1] == '#')
        hashes--;
      if (hashes == start || hashes[-1] == ' ' || hashes[-1] == '\t')
        end = hashes;
      while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    }

  *text = g_strndup (start, end - start);
  return level;
}

/* A setext underline: returns '=' or '-', or 0 */
static char
setext_underline (const char *line)
{
  const char *p = skip_indent (line);
  const char *end = p;
  char c = *p;

  if (c != '=' && c != '-')
    return 0;

  while (*end == c)
    end++;

  if (*skip_spaces (end) != '\0')
    return 0;

  if ((gsize) (end - p) < (c == '=' ? SETEXT_MIN_EQUALS : SETEXT_MIN_DASHES))
    return 0;

  return c;
}

/* "***", "---", "___", also with spaces between */
static gboolean
is_thematic_break (const char *line)
{
  const char *p = skip_indent (line);
  char c = *p;
  guint n = 0;

  if (c != '-' && c != '*' && c != '_')
    return FALSE;

  for (; *p; p++)
    {
      if (*p == c)
        n++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }

  return n >= 3;
}

/* "```" or "~~~" (or longer): returns the fence's length, or 0 */
static guint
code_fence (const char *line,
            char       *fence_char,
            gboolean   *has_info)
{
  const char *p = skip_indent (line);
  const char *end = p;

  if (*p != '`' && *p != '~')
    return 0;

  while (*end == *p)
    end++;

  if (end - p < 3 || (*p == '`' && strchr (end, '`') != NULL))
    return 0;

  *fence_char = *p;
  *has_info = *skip_spaces (end) != '\0';
  return end - p;
}

static gboolean
closes_fence (const char *line,
              char        fence_char,
              guint       fence_length)
{
  char c;
  gboolean has_info;
  guint n = code_fence (line, &c, &has_info);

  return n >= fence_length && c == fence_char && !has_info;
}

/* "> " quote markers, nested or not */
static const char *
skip_quote_markers (const char *line)
{
  const char *p = line;

  while (TRUE)
    {
      const char *q = skip_indent (p);

      if (*q != '>')
        return p;

      q++;
      if (*q == ' ' || *q == '\t')
        q++;
      p = q;
    }
}

/* "[label]: destination": returns the label's key, or NULL */
static char *
reference_definition (const char *line)
{
  const char *p = skip_indent (line);
  const char *close;

  if (*p != '[' || p[1] == ']' || p[1] == '^')
    return NULL;

  close = strchr (p + 1, ']');
  if (close == NULL || close[1] != ':' || *skip_spaces (close + 2) == '\0')
    return NULL;

  return label_key (p + 1, close - (p + 1));
}

/* A bullet list item: returns the text after "* ", "+ " or "- " and sets
 * the indentation's length, or returns NULL */
static const char *
bullet_item (const char *line,
             gsize      *indent)
{
  const char *p = skip_spaces (line);

  if ((*p != '*' && *p != '+' && *p != '-') || (p[1] != ' ' && p[1] != '\t'))
    return NULL;

  *indent = p - line;
  p = skip_spaces (p + 1);
  return *p != '\0' ? p : NULL;
}

/* Removes "<!-- ... -->", also over several lines */
static char *
strip_html_comments (const char    *line,
                     gboolean      *in_comment,
                     MarkdownStats *stats)
{
  GString *out = g_string_new (NULL);
  const char *p = line;

  while (*p)
    {
      if (*in_comment)
        {
          const char *end = strstr (p, "-->");

          if (end == NULL)
            break;
          p = end + 3;
          *in_comment = FALSE;

          /* without the space the comment leaves */
          if (out->len == 0 || out->str[out->len - 1] == ' ')
            p = skip_spaces (p);
          continue;
        }

      {
        const char *open = strstr (p, "<!--");

        if (open == NULL)
          {
            g_string_append (out, p);
            break;
          }
        g_string_append_len (out, p, open - p);
        *in_comment = TRUE;
        stats->constructs++;
        p = open + 4;
      }
    }

  return g_string_free (out, FALSE);
}

/* YAML front matter: "---" on the first line, "key: value" lines, then
 * "---" or "..."; returns the index of the line after it (0 when there
 * is none) and the title it gives */
static guint
front_matter (GPtrArray  *lines,
              char      **title)
{
  gboolean keys = FALSE;

  *title = NULL;

  if (lines->len == 0 || g_strcmp0 (g_ptr_array_index (lines, 0), "---") != 0)
    return 0;

  for (guint i = 1; i < lines->len && i < FRONT_MATTER_MAX_LINES; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *p = line;

      if (strcmp (line, "---") == 0 || strcmp (line, "...") == 0)
        {
          if (keys)
            return i + 1;
          break;
        }

      /* blank, indented, a list entry or a comment */
      if (*line == '\0' || *line == ' ' || *line == '\t' || *line == '-' || *line == '#')
        continue;

      while (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.')
        p++;
      if (p == line || *p != ':' || (p[1] != '\0' && p[1] != ' '))
        break;

      keys = TRUE;
      if (*title == NULL && p - line == 5 && g_ascii_strncasecmp (line, "title", 5) == 0)
        {
          char *value = g_strstrip (g_strdup (p + 1));
          gsize n = strlen (value);

          if (n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n - 1] == value[0])
            {
              memmove (value, value + 1, n - 2);
              value[n - 2] = '\0';
            }
          *title = value;
        }
    }

  g_clear_pointer (title, g_free);
  return 0;
}

/* Link reference definitions, outside code fences */
static GHashTable *
collect_labels (GPtrArray *lines,
                guint      from)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char fence_char = 0;
  guint fence_length = 0;

  for (guint i = from; i < lines->len; i++)
    {
      const char *line = skip_quote_markers (g_ptr_array_index (lines, i));
      gboolean has_info;
      char c;
      guint n;

      if (fence_char != 0)
        {
          if (closes_fence (line, fence_char, fence_length))
            fence_char = 0;
        }
      else if ((n = code_fence (line, &c, &has_info)) > 0)
        {
          fence_char = c;
          fence_length = n;
        }
      else
        {
          char *key = reference_definition (line);

          if (key != NULL)
            g_hash_table_add (labels, key);
        }
    }

  return labels;
}

static gboolean
ends_a_sentence (const char *line)
{
  gunichar last = last_meaningful_char (line);

  return last == '.' || last == ',' || last == ';' || last == ':';
}

/* Whether `line` is underlined as a setext heading by the next line: "="
 * under any text line; "-" only under a line standing alone that does not
 * end like a sentence (else the "---" is a rule) */
static char
setext_level_char (GPtrArray  *lines,
                   guint       from,
                   guint       i,
                   const char *line)
{
  const char *next;
  char c;

  if (i + 1 >= lines->len)
    return 0;

  next = skip_quote_markers (g_ptr_array_index (lines, i + 1));
  c = setext_underline (next);
  if (c == 0 || !has_letter (line) ||
      nd_body_line_is_list_item (line) ||
      nd_body_line_is_table_row (line) ||
      is_thematic_break (line))
    return 0;

  if (c == '-' &&
      ((i > from && !is_blank_line (skip_quote_markers (g_ptr_array_index (lines, i - 1)))) ||
       ends_a_sentence (line)))
    return 0;

  return c;
}

/* Converts the lines of a text that reads as Markdown to plain text
 * lines; returns NULL when the text does not read as Markdown.
 * *title_marked tells whether the first line is a title the author
 * marked (a level-1 heading, or the title of the front matter). */
static GPtrArray *
markdown_to_plain (GPtrArray *lines,
                   gboolean  *title_marked)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) labels = NULL;
  g_autofree char *matter_title = NULL;
  MarkdownStats stats = { 0, 0, 0 };
  InlineContext context = { NULL, &stats, FALSE };
  gboolean in_comment = FALSE;
  gboolean fence_quoted = FALSE;
  gboolean seen_text = FALSE;
  gboolean first_is_title = FALSE;
  char fence_char = 0;
  guint fence_length = 0;
  guint from;

  *title_marked = FALSE;

  from = front_matter (lines, &matter_title);
  if (from > 0)
    stats.front_matter++;

  labels = collect_labels (lines, from);
  context.labels = labels;

  for (guint i = from; i < lines->len; i++)
    {
      const char *raw = g_ptr_array_index (lines, i);
      g_autofree char *uncommented = NULL;
      g_autofree char *heading = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *label = NULL;
      const char *line;
      const char *item;
      gboolean after_blank;
      gboolean has_info;
      gsize indent;
      guint level = 0;
      guint n;
      char c = 0;

      /* code: the lines as they are, without the fences */
      if (fence_char != 0)
        {
          line = fence_quoted ? skip_quote_markers (raw) : raw;
          if (closes_fence (line, fence_char, fence_length))
            {
              fence_char = 0;
            }
          else
            {
              g_ptr_array_add (out, g_strdup (line));
              seen_text = seen_text || !is_blank_line (line);
            }
          continue;
        }

      uncommented = strip_html_comments (raw, &in_comment, &stats);
      if (is_blank_line (uncommented) && !is_blank_line (raw))
        continue;

      line = skip_quote_markers (uncommented);
      if (is_blank_line (line))
        {
          g_ptr_array_add (out, g_strdup (""));
          continue;
        }

      if ((n = code_fence (line, &c, &has_info)) > 0)
        {
          fence_char = c;
          fence_length = n;
          fence_quoted = line != uncommented;
          stats.constructs++;
          continue;
        }

      if ((label = reference_definition (line)) != NULL)
        {
          stats.constructs++;
          continue;
        }

      after_blank = i > from && is_blank_line (g_ptr_array_index (lines, i - 1));
      if ((level = atx_heading (line, &heading)) == 0 &&
          (c = setext_level_char (lines, from, i, line)) != 0)
        {
          heading = g_strdup (line);
          level = c == '=' ? 1 : 2;
          i++;   /* the underline */
        }

      if (level > 0)
        {
          converted = g_strstrip (markdown_inline (heading, &context));
          if (*converted == '\0')
            continue;

          /* as evidence of Markdown, a heading opens the text or follows a
           * blank line, and does not start in lower case ("# of seats") */
          if ((!seen_text || after_blank) && !g_unichar_islower (g_utf8_get_char (converted)))
            stats.headings++;

          if (!seen_text)
            first_is_title = level == 1;
          seen_text = TRUE;
          g_ptr_array_add (out, g_steal_pointer (&converted));
          continue;
        }

      if (is_thematic_break (line))
        continue;

      if ((item = bullet_item (line, &indent)) != NULL)
        {
          g_autofree char *text = g_strstrip (markdown_inline (item, &context));

          /* an item that was only an image */
          if (*text == '\0')
            continue;
          converted = g_strdup_printf ("%.*s- %s", (int) indent, line, text);
        }
      else
        {
          const char *start = skip_spaces (line);
          g_autofree char *text = NULL;

          context.table_row = nd_body_line_is_table_row (line);
          text = g_strstrip (markdown_inline (start, &context));
          context.table_row = FALSE;
          converted = g_strdup_printf ("%.*s%s", (int) (start - line), line, text);

          /* a line that was only an image */
          if (*text == '\0')
            continue;
        }

      seen_text = TRUE;
      g_ptr_array_add (out, g_steal_pointer (&converted));
    }

  if (stats.headings == 0 && stats.front_matter == 0 && stats.constructs < 2)
    return NULL;

  /* the title of the front matter, unless a level-1 heading opens the text */
  if (matter_title != NULL && *matter_title != '\0' && !first_is_title)
    {
      g_ptr_array_insert (out, 0, g_strdup (""));
      g_ptr_array_insert (out, 0, g_steal_pointer (&matter_title));
      first_is_title = TRUE;
    }

  *title_marked = first_is_title;
  return g_steal_pointer (&out);
}

/* nd_importer_parse_text() of text that nd_text_normalize() gave */
static NdArticle *
parse_normalized_text (const char *normalized,
                       const char *source)
{
  g_autoptr(NdArticle) article = nd_article_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_auto(GStrv) split = NULL;
  gboolean title_marked = FALSE;
  guint first = 0;
  guint second;

  split = g_strsplit (normalized, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    g_ptr_array_add (lines, g_steal_pointer (&split[i]));

  /* Markdown, told by its content, becomes plain text first */
  plain = markdown_to_plain (lines, &title_marked);
  if (plain != NULL)
    {
      g_ptr_array_unref (lines);
      lines = g_steal_pointer (&plain);
    }

  strip_trailing_boilerplate (lines);

  while (first < lines->len && is_blank_line (g_ptr_array_index (lines, first)))
    first++;

  second = first + 1;
  while (second < lines->len && is_blank_line (g_ptr_array_index (lines, second)))
    second++;

  /* a title the author marked as such is the title whatever it reads like */
  if (first < lines->len && second < lines->len &&
      (title_marked || line_is_headline (g_ptr_array_index (lines, first))))
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

NdArticle *
nd_importer_parse_text (const char *text,
                        const char *source)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = nd_text_normalize (text);
  return parse_normalized_text (normalized, source);
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


/* {"action": "remove"|"kind"|"place", "kind": K, "name": N,
 *  "new_kind": K2, "place": NAME, "country": CC, "lat": .., "lon": ..} */
static NdCorrection *
parse_correction (JsonNode    *node,
                  const char  *path,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(NdCorrection) correction = NULL;
  JsonObject *object;
  const char *action_name = NULL;
  const char *kind_name = NULL;
  const char *entity_name = NULL;
  const char *value = NULL;
  NdCorrectionAction action;
  NdEntityKind kind;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (error, name, path, _("is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);

  if (!get_required_string (object, "action", path, name, &action_name, error) ||
      !get_required_string (object, "kind", path, name, &kind_name, error) ||
      !get_required_string (object, "name", path, name, &entity_name, error))
    return NULL;

  if (!nd_correction_action_from_string (action_name, &action))
    {
      g_autofree char *field = g_strdup_printf ("%s.action", path);
      json_fail (error, name, field, _("is not one of remove, kind or place"));
      return NULL;
    }

  if (!nd_entity_kind_from_string (kind_name, &kind))
    {
      g_autofree char *field = g_strdup_printf ("%s.kind", path);
      json_fail (error, name, field, _("is not one of person, place, organization or date"));
      return NULL;
    }

  correction = nd_correction_new (action, kind, entity_name);

  if (action == ND_CORRECTION_SET_KIND)
    {
      if (!get_required_string (object, "new_kind", path, name, &value, error))
        return NULL;
      if (!nd_entity_kind_from_string (value, &correction->new_kind))
        {
          g_autofree char *field = g_strdup_printf ("%s.new_kind", path);
          json_fail (error, name, field, _("is not one of person, place, organization or date"));
          return NULL;
        }
    }
  else if (action == ND_CORRECTION_SET_PLACE)
    {
      JsonNode *lat = json_object_get_member (object, "lat");
      JsonNode *lon = json_object_get_member (object, "lon");

      if (!get_optional_string (object, "place", path, name, &value, error))
        return NULL;
      correction->new_name = g_strdup (value);
      if (!get_optional_string (object, "country", path, name, &value, error))
        return NULL;
      correction->country = g_strdup (value);

      if (!node_is_number (lat) || !node_is_number (lon) ||
          json_node_get_double (lat) < -90.0 || json_node_get_double (lat) > 90.0 ||
          json_node_get_double (lon) < -180.0 || json_node_get_double (lon) > 180.0)
        {
          g_autofree char *field = g_strdup_printf ("%s.lat", path);
          json_fail (error, name, field, _("is not a latitude and longitude"));
          return NULL;
        }
      correction->lat = json_node_get_double (lat);
      correction->lon = json_node_get_double (lon);
    }

  return g_steal_pointer (&correction);
}

static NdEntity *
find_named_entity (GPtrArray    *entities,
                   NdEntityKind  kind,
                   const char   *entity_name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (entity) == kind &&
          g_strcmp0 (nd_entity_get_name (entity), entity_name) == 0)
        return entity;
    }

  /* a stop names its place as the text writes it ("St. Petersburg") */
  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);

      if (nd_entity_get_kind (entity) != kind)
        continue;
      for (guint j = 0; j < nd_entity_get_n_mentions (entity); j++)
        if (g_strcmp0 (nd_entity_get_mention (entity, j)->text, entity_name) == 0)
          return entity;
    }
  return NULL;
}

/* {"traveller": N, "ordered": B, "stops": [{"order": 1, "place": P,
 *  "country": CC, "lat": .., "lon": .., "when": W, "when_date": D,
 *  "purpose": T, "evidence": {"start": S, "end": E}}]} */
static NdItinerary *
parse_itinerary (JsonNode    *node,
                 const char  *path,
                 const char  *name,
                 GPtrArray   *entities,
                 glong        body_chars,
                 GError     **error)
{
  g_autoptr(NdItinerary) itinerary = NULL;
  JsonObject *object;
  JsonArray *stops = NULL;
  const char *traveller = NULL;
  gboolean ordered = TRUE;
  NdEntity *person;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_fail (error, name, path, _("is not an object"));
      return NULL;
    }

  object = json_node_get_object (node);
  if (!get_required_string (object, "traveller", path, name, &traveller, error))
    return NULL;
  if (json_object_has_member (object, "ordered") &&
      !get_optional_boolean (object, "ordered", path, name, &ordered, error))
    return NULL;
  if (!get_optional_array (object, "stops", path, name, &stops, error))
    return NULL;

  itinerary = nd_itinerary_new (traveller);
  if ((person = find_named_entity (entities, ND_ENTITY_PERSON, traveller)) != NULL)
    nd_itinerary_set_traveller_entity (itinerary, person);
  nd_itinerary_set_ordered (itinerary, ordered);

  for (guint i = 0; stops != NULL && i < json_array_get_length (stops); i++)
    {
      JsonNode *stop_node = json_array_get_element (stops, i);
      g_autofree char *stop_path = g_strdup_printf ("%s.stops[%u]", path, i);
      g_autoptr(NdStop) stop = NULL;
      JsonObject *member;
      JsonNode *lat, *lon, *order, *evidence;
      const char *place = NULL;
      const char *value = NULL;
      NdEntity *entity;

      if (!JSON_NODE_HOLDS_OBJECT (stop_node))
        {
          json_fail (error, name, stop_path, _("is not an object"));
          return NULL;
        }
      member = json_node_get_object (stop_node);
      if (!get_required_string (member, "place", stop_path, name, &place, error))
        return NULL;

      stop = nd_stop_new (place);
      if ((entity = find_named_entity (entities, ND_ENTITY_PLACE, place)) != NULL)
        {
          nd_stop_set_place_entity (stop, entity);
          g_free (stop->place);
          stop->place = g_strdup (place);
        }

      if (!get_optional_string (member, "country", stop_path, name, &value, error))
        return NULL;
      if (value != NULL)
        {
          g_free (stop->country);
          stop->country = g_strdup (value);
        }

      lat = json_object_get_member (member, "lat");
      lon = json_object_get_member (member, "lon");
      if (node_is_number (lat) && node_is_number (lon))
        {
          stop->has_coordinates = TRUE;
          stop->lat = json_node_get_double (lat);
          stop->lon = json_node_get_double (lon);
        }
      else if (!node_is_null (lat) || !node_is_null (lon))
        {
          g_autofree char *field = g_strdup_printf ("%s.lat", stop_path);
          json_fail (error, name, field, _("is not a number"));
          return NULL;
        }

      if (!get_optional_string (member, "when", stop_path, name, &value, error))
        return NULL;
      stop->when = g_strdup (value);
      if (!get_optional_string (member, "when_date", stop_path, name, &value, error))
        return NULL;
      stop->when_date = g_strdup (value);
      if (!get_optional_string (member, "purpose", stop_path, name, &value, error))
        return NULL;
      stop->purpose = g_strdup (value);

      order = json_object_get_member (member, "order");
      if (node_is_integer (order) && json_node_get_int (order) > 0)
        stop->order = (guint) json_node_get_int (order);

      evidence = json_object_get_member (member, "evidence");
      if (evidence != NULL && JSON_NODE_HOLDS_OBJECT (evidence))
        {
          g_autofree char *evidence_path = g_strdup_printf ("%s.evidence", stop_path);
          JsonObject *span = json_node_get_object (evidence);

          if (!get_offset (span, "start", evidence_path, name, &stop->evidence_start, error) ||
              !get_offset (span, "end", evidence_path, name, &stop->evidence_end, error))
            return NULL;
          if (stop->evidence_start > stop->evidence_end || stop->evidence_end > body_chars)
            {
              json_fail (error, name, evidence_path, _("lies outside the body"));
              return NULL;
            }
        }

      nd_itinerary_add_stop (itinerary, stop);
    }

  return g_steal_pointer (&itinerary);
}

static NdArticle *
parse_article (JsonNode    *node,
               const char  *path,
               const char  *name,
               GError     **error)
{
  g_autoptr(NdArticle) article = nd_article_new ();
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_correction_free);
  g_autoptr(GPtrArray) itineraries = g_ptr_array_new_with_free_func (g_object_unref);
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

  if (!get_optional_array (object, "corrections", path, name, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *correction_path = g_strdup_printf ("%s.corrections[%u]", path, i);
      NdCorrection *correction = parse_correction (json_array_get_element (array, i),
                                                   correction_path, name, error);

      if (correction == NULL)
        return NULL;

      g_ptr_array_add (corrections, correction);
    }
  nd_article_set_corrections (article, corrections);

  if (!get_optional_array (object, "itineraries", path, name, &array, error))
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *itinerary_path = g_strdup_printf ("%s.itineraries[%u]", path, i);
      NdItinerary *itinerary = parse_itinerary (json_array_get_element (array, i),
                                                itinerary_path, name, entities,
                                                body_chars, error);

      if (itinerary == NULL)
        return NULL;

      g_ptr_array_add (itineraries, itinerary);
    }
  /* a document from before itineraries: build them from its entities */
  if (!json_object_has_member (object, "itineraries") && entities->len > 0)
    {
      g_clear_pointer (&itineraries, g_ptr_array_unref);
      itineraries = nd_extractor_build_itineraries (nd_article_get_title (article), body,
                                                    nd_article_get_published (article), entities);
    }
  nd_article_set_itineraries (article, itineraries);

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
                   _("%s was written by a newer NewsDesk (format version %lld)"),
                   name, (long long) number);
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

/* json-glib turns an escaped lone UTF-16 surrogate ("\ud800") into bytes
 * that are not UTF-8: no text of the document (nor any member name) may
 * reach an article, the desk or a message unless it is valid */
static gboolean
json_text_is_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &child))
          {
            if (!g_utf8_validate (member, -1, NULL) || !json_text_is_valid (child))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!json_text_is_valid (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the first JSON value of `text` ends, by its brackets and quotes
 * only (the parser checks the rest); `length` when it does not end */
static gsize
json_value_end (const char *text,
                gsize       length)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (i < length && is_json_space (text[i]))
    i++;
  if (i == length)
    return length;

  if (text[i] != '{' && text[i] != '[' && text[i] != '"')
    {
      /* a number or a literal */
      gsize start = i;

      while (i < length && !is_json_space (text[i]) && strchr ("{}[],:\"", text[i]) == NULL)
        i++;
      return i > start ? i : length;
    }

  for (; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                return i + 1;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0 && --depth == 0)
        return i + 1;
    }

  return length;
}

/* JSON nested deeper than any NewsDesk document: refused before parsing,
 * as json-glib recurses once per level and would overflow the stack */
#define JSON_MAX_DEPTH 500

static gboolean
json_too_deep (const char *text,
               gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > JSON_MAX_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

typedef enum {
  JSON_ESCAPES_OK,
  JSON_ESCAPES_BAD_HEX,
  JSON_ESCAPES_LONE_SURROGATE,
} JsonEscapes;

/* Checks every \u escape of the strings in `text` before json-glib sees
 * them: four hexadecimal digits each, and UTF-16 surrogates only in pairs
 * (a high one, \ud800 to \udbff, then a low one, \udc00 to \udfff).
 * json-glib 1.6 leaks its string buffer on some bad escapes after a
 * surrogate, and lets lone surrogates through as bytes that are not
 * UTF-8. `*where` is set to the offset of the bad escape */
static JsonEscapes
json_check_escapes (const char *text,
                    gsize       length,
                    gsize      *where)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      int unit;

      if (!in_string)
        {
          in_string = c == '"';
          continue;
        }
      if (c == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (c != '\\' || i + 1 >= length)
        continue;

      *where = i;
      i++;
      if (text[i] != 'u')
        continue;

      unit = i + 4 < length ? hex4 (text + i + 1) : -1;
      if (unit < 0)
        return JSON_ESCAPES_BAD_HEX;
      i += 4;
      if (unit >= 0xdc00 && unit <= 0xdfff)
        return JSON_ESCAPES_LONE_SURROGATE;
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          /* \uLLLL must follow */
          if (i + 6 >= length || text[i + 1] != '\\' || text[i + 2] != 'u')
            return JSON_ESCAPES_LONE_SURROGATE;
          *where = i + 1;
          unit = hex4 (text + i + 3);
          if (unit < 0)
            return JSON_ESCAPES_BAD_HEX;
          if (unit < 0xdc00 || unit > 0xdfff)
            return JSON_ESCAPES_LONE_SURROGATE;
          i += 6;
        }
    }

  return JSON_ESCAPES_OK;
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
  gsize value_end;
  JsonEscapes escapes;
  gsize where = 0;

  text = strip_bom (data, length, &text_length, &converted);
  if (text == NULL || !g_utf8_validate_len (text, text_length, NULL))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_ENCODING,
                   _("%s is not UTF-8 text"), name);
      return NULL;
    }

  if (json_too_deep (text, text_length))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   _("%s is not a NewsDesk document: its JSON is nested more than %d levels deep"),
                   name, JSON_MAX_DEPTH);
      return NULL;
    }

  escapes = json_check_escapes (text, text_length, &where);
  if (escapes != JSON_ESCAPES_OK)
    {
      guint line = 1, column = 1;

      for (gsize j = 0; j < where; j++)
        {
          if (text[j] == '\n')
            line++, column = 1;
          else if ((text[j] & 0xc0) != 0x80)
            column++;
        }
      if (escapes == JSON_ESCAPES_BAD_HEX)
        g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                     _("%s is not valid JSON: line %u, column %u: a \\u escape needs four hexadecimal digits"),
                     name, line, column);
      else
        g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                     _("%s is not valid JSON: line %u, column %u: a string has an unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)"),
                     name, line, column);
      return NULL;
    }

  /* json-glib would keep the first of several values and drop the rest
   * (leaking them): a second document, or anything else after the first,
   * is refused */
  value_end = json_value_end (text, text_length);
  for (gsize i = value_end; i < text_length; i++)
    {
      if (!is_json_space (text[i]))
        {
          guint line = 1;

          for (gsize j = 0; j < i; j++)
            line += text[j] == '\n';
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                       _("%s is not valid JSON: there is more after the end of the document, on line %u"),
                       name, line);
          return NULL;
        }
    }

  if (!json_parser_load_from_data (parser, text, text_length, &local_error))
    {
      /* the parser quotes the document, which may not be valid text */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);
      const char *reason = message;
      unsigned line = 0, column = 0;
      int consumed = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: what" */
      if (sscanf (reason, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
        {
          reason += consumed;
          if (g_str_has_prefix (reason, "Parse error: "))
            reason += strlen ("Parse error: ");
          g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                       _("%s is not valid JSON: line %u, column %u: %s"), name, line, column, reason);
        }
      else
        g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                     _("%s is not valid JSON: %s"), name, reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  if (!json_text_is_valid (json_parser_get_root (parser)))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_INVALID_JSON,
                   _("%s is not valid JSON: a string has an unpaired UTF-16 surrogate escape (\\ud800 to \\udfff)"),
                   name);
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
  /* nd_text_decode() normalized it */
  g_ptr_array_add (articles, parse_normalized_text (text, basename));

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
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS))
    g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                 _("%s cannot be read: it is a symbolic link that loops"), name);
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

  /* GIO gives the link itself when it cannot follow it */
  if (type == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_UNREADABLE,
                   _("%s cannot be read: it is a symbolic link that loops or points nowhere"), name);
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

/* Importing
 *
 * A pipeline: a walker thread goes through the files and folders in name
 * order and queues one item per file (or per refused path); worker
 * threads (a GThreadPool) read, parse, hash and extract each file; the
 * caller's thread takes the items in the order they were queued and
 * stores their articles through its own connection, so the results, the
 * ids and the messages come out as if one thread did it all. The queue
 * holds at most MAX_QUEUED items, so memory stays flat on a big folder. */

#define MAX_QUEUED_PER_WORKER 16

typedef struct
{
  GFile      *file;       /* NULL: a path refused while walking */
  char       *path;
  GError     *error;      /* why the path or the file was refused */
  GPtrArray  *articles;   /* NdArticle, once parsed */
  GPtrArray  *hashes;     /* their nd_article_compute_hash() */
  gboolean    done;       /* the workers are finished with it */
  gboolean    skipped;    /* cancelled before or while it was read */
} Item;

typedef struct
{
  NdDatabase    *database;
  GCancellable  *cancellable;
  NdImportFunc   func;
  gpointer       user_data;
  gboolean       failed;
  gboolean       stopped;   /* the desk cannot take more: the rest is left */

  /* the walker's */
  GHashTable    *visited;   /* "device:inode" of folders walked */

  /* shared, under lock */
  GMutex         lock;
  GCond          cond;
  GQueue         items;     /* Item, in import order */
  guint          max_queued;
  gboolean       walk_done;
  gint           stop;      /* atomic: the writer stopped, stop walking */
  GThreadPool   *pool;

  /* committed articles, for the workers' duplicate check */
  NdDatabase    *reader;
  GMutex         reader_lock;
} ImportRun;

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->file);
  g_free (item->path);
  g_clear_error (&item->error);
  g_clear_pointer (&item->articles, g_ptr_array_unref);
  g_clear_pointer (&item->hashes, g_ptr_array_unref);
  g_free (item);
}

static gboolean
run_stopping (ImportRun *run)
{
  return g_atomic_int_get (&run->stop) || g_cancellable_is_cancelled (run->cancellable);
}

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

/* In a worker: reads, parses and extracts one file. An article already
 * in the desk (committed) is not extracted again. */
static void
work_item (gpointer data,
           gpointer user_data)
{
  Item *item = data;
  ImportRun *run = user_data;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) hashes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean skipped = FALSE;

  if (run_stopping (run))
    skipped = TRUE;
  else
    articles = load_file (item->file, item->path, run->cancellable, &error);

  if (articles == NULL && g_cancellable_is_cancelled (run->cancellable))
    skipped = TRUE;

  if (articles != NULL)
    {
      hashes = g_ptr_array_new_full (articles->len, g_free);
      for (guint i = 0; i < articles->len; i++)
        {
          NdArticle *article = g_ptr_array_index (articles, i);
          char *hash = nd_article_compute_hash (article);
          gint64 existing = 0;

          g_ptr_array_add (hashes, hash);

          if (run_stopping (run))
            {
              skipped = TRUE;
              break;
            }

          /* a file imported before: no need to extract its entities
           * again (the writer looks again, in what is not committed) */
          if (run->reader != NULL)
            {
              g_mutex_lock (&run->reader_lock);
              if (!nd_database_find_duplicate_hash (run->reader, hash, &existing, NULL))
                existing = 0;
              g_mutex_unlock (&run->reader_lock);
            }

          /* articles restored from NewsDesk JSON keep their entities */
          if (existing == 0 && nd_article_get_entities (article)->len == 0)
            nd_extractor_extract_article (article);
        }
    }

  g_mutex_lock (&run->lock);
  item->articles = g_steal_pointer (&articles);
  item->hashes = g_steal_pointer (&hashes);
  item->error = g_steal_pointer (&error);
  item->skipped = skipped;
  item->done = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

/* In the walker: queues an item, waiting while the queue is full. FALSE
 * when the import stops. */
static gboolean
queue_item (ImportRun  *run,
            GFile      *file,
            const char *path,
            GError     *error)
{
  Item *item = g_new0 (Item, 1);

  item->file = file != NULL ? g_object_ref (file) : NULL;
  item->path = g_strdup (path);
  item->error = error;
  item->done = file == NULL;

  g_mutex_lock (&run->lock);
  while (run->items.length >= run->max_queued && !run_stopping (run))
    g_cond_wait (&run->cond, &run->lock);

  if (run_stopping (run))
    {
      g_mutex_unlock (&run->lock);
      item_free (item);
      return FALSE;
    }

  g_queue_push_tail (&run->items, item);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);

  if (file != NULL)
    g_thread_pool_push (run->pool, item, NULL);

  return TRUE;
}

static void
queue_failure (ImportRun    *run,
               const char   *path,
               const GError *io_error)
{
  GError *error = NULL;

  set_io_error (&error, io_error, path);
  queue_item (run, NULL, path, error);
}

/* In the caller's thread: stores the articles of one file, as they were
 * queued */
static void
store_item (ImportRun *run,
            Item      *item)
{
  if (item->skipped)
    return;

  if (item->articles == NULL)
    {
      report (run, item->path, ND_IMPORT_FAILED, 0, item->error);
      return;
    }

  for (guint i = 0; i < item->articles->len; i++)
    {
      NdArticle *article = g_ptr_array_index (item->articles, i);
      const char *hash = g_ptr_array_index (item->hashes, i);
      g_autoptr(GError) db_error = NULL;
      gboolean duplicate = FALSE;
      gint64 id = 0;

      if (g_cancellable_is_cancelled (run->cancellable) || run->stopped)
        return;

      /* in the desk already, committed or earlier in this batch */
      if (!nd_database_find_duplicate_hash (run->database, hash, &id, &db_error))
        {
          /* the insert below says what is wrong */
          id = 0;
          g_clear_error (&db_error);
        }
      if (id != 0)
        {
          report (run, item->path, ND_IMPORT_DUPLICATE, id, NULL);
          continue;
        }

      /* the worker found it in the desk, and it has gone since */
      if (nd_article_get_entities (article)->len == 0)
        nd_extractor_extract_article (article);

      if (!nd_database_insert_article_with_hash (run->database, article, hash, &id, &duplicate, &db_error))
        {
          gboolean fatal = g_error_matches (db_error, ND_ERROR, ND_ERROR_DISK_FULL) ||
                           g_error_matches (db_error, ND_ERROR, ND_ERROR_READ_ONLY) ||
                           g_error_matches (db_error, ND_ERROR, ND_ERROR_BUSY);
          g_autoptr(GError) named = NULL;

          if (fatal)
            named = g_error_new (ND_ERROR, db_error->code,
                                 _("%s could not be stored: %s; the import stopped here"),
                                 item->path, db_error->message);
          else
            named = g_error_new (ND_ERROR, ND_ERROR_DATABASE,
                                 _("%s could not be stored: %s"),
                                 item->path, db_error->message);

          report (run, item->path, ND_IMPORT_FAILED, 0, named);
          /* the next files would fail the same way: stop here, with
           * every article before this one stored whole */
          if (fatal)
            run->stopped = TRUE;
          continue;
        }

      report (run, item->path, duplicate ? ND_IMPORT_DUPLICATE : ND_IMPORT_IMPORTED, id, NULL);
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

static void walk_path (ImportRun  *run,
                       GFile      *file,
                       const char *path);

static void
walk_folder (ImportRun  *run,
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
      queue_failure (run, path, local_error);
      return;
    }

  while (TRUE)
    {
      GFileInfo *info = NULL;
      Child *child;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, run->cancellable, &local_error))
        {
          queue_failure (run, path, local_error);
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

      if (run_stopping (run))
        return;

      /* sockets, pipes and devices found in a folder are not articles; a
       * symbolic link left as a link could not be followed (it loops or
       * points nowhere), and walk_path() says so */
      if (child->type != G_FILE_TYPE_REGULAR && child->type != G_FILE_TYPE_DIRECTORY &&
          child->type != G_FILE_TYPE_SYMBOLIC_LINK)
        continue;

      file = g_file_get_child (folder, child->name);
      child_path = g_build_filename (path, child->name, NULL);
      walk_path (run, file, child_path);
    }
}

static void
walk_path (ImportRun  *run,
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
      queue_failure (run, path, local_error);
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

      walk_folder (run, file, path);
      return;
    }

  queue_item (run, file, path, NULL);
}

typedef struct
{
  ImportRun           *run;
  const char * const  *paths;
} Walk;

static gpointer
walk_thread (gpointer data)
{
  Walk *walk = data;
  ImportRun *run = walk->run;

  for (guint i = 0; walk->paths != NULL && walk->paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;

      if (run_stopping (run))
        break;

      file = g_file_new_for_commandline_arg (walk->paths[i]);
      walk_path (run, file, walk->paths[i]);
    }

  g_mutex_lock (&run->lock);
  run->walk_done = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);

  return NULL;
}

/* The next item in import order once the workers are done with it; NULL
 * at the end */
static Item *
next_item (ImportRun *run)
{
  Item *item = NULL;

  g_mutex_lock (&run->lock);
  while (TRUE)
    {
      Item *head = g_queue_peek_head (&run->items);

      if (head != NULL && head->done)
        {
          item = g_queue_pop_head (&run->items);
          /* room for the walker */
          g_cond_broadcast (&run->cond);
          break;
        }

      if (head == NULL && run->walk_done)
        break;

      g_cond_wait (&run->cond, &run->lock);
    }
  g_mutex_unlock (&run->lock);

  return item;
}

/* Wakes the walker when the import is cancelled: it may wait for room in
 * the queue */
static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  ImportRun *run = user_data;

  g_mutex_lock (&run->lock);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

gboolean
nd_importer_import_paths_with_workers (NdDatabase         *database,
                                       const char * const *paths,
                                       guint               n_workers,
                                       GCancellable       *cancellable,
                                       NdImportFunc        func,
                                       gpointer            user_data)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  ImportRun run = { 0 };
  Walk walk = { &run, paths };
  GThread *walker;
  gulong cancelled_id = 0;
  Item *item;

  g_return_val_if_fail (ND_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (n_workers == 0)
    n_workers = g_get_num_processors ();
  n_workers = CLAMP (n_workers, 1, 64);

  run.database = database;
  run.cancellable = cancellable;
  run.func = func;
  run.user_data = user_data;
  run.visited = visited;
  run.max_queued = MAX_QUEUED_PER_WORKER * n_workers;
  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);
  g_mutex_init (&run.reader_lock);
  g_queue_init (&run.items);

  /* without it the workers extract every article, and the writer still
   * finds the duplicates */
  run.reader = nd_database_open_reader (database, &error);
  if (run.reader == NULL)
    g_debug ("No duplicate check before extraction: %s", error->message);

  nd_database_set_bulk_writing (database, TRUE);
  run.pool = g_thread_pool_new (work_item, &run, (int) n_workers, FALSE, NULL);
  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), &run, NULL);
  walker = g_thread_new ("nd-import-walk", walk_thread, &walk);

  while ((item = next_item (&run)) != NULL)
    {
      if (!g_cancellable_is_cancelled (cancellable) && !run.stopped)
        store_item (&run, item);
      item_free (item);

      if (g_cancellable_is_cancelled (cancellable) || run.stopped)
        break;
    }

  /* stop the walker and the workers: what is not stored is dropped */
  g_atomic_int_set (&run.stop, TRUE);
  g_mutex_lock (&run.lock);
  g_cond_broadcast (&run.cond);
  g_mutex_unlock (&run.lock);
  g_thread_join (walker);
  g_thread_pool_free (run.pool, TRUE, TRUE);
  if (cancelled_id != 0)
    g_cancellable_disconnect (cancellable, cancelled_id);

  nd_database_set_bulk_writing (database, FALSE);
  g_queue_clear_full (&run.items, item_free);
  g_clear_object (&run.reader);
  g_mutex_clear (&run.reader_lock);
  g_cond_clear (&run.cond);
  g_mutex_clear (&run.lock);

  return !run.failed && !g_cancellable_is_cancelled (cancellable);
}

gboolean
nd_importer_import_paths (NdDatabase         *database,
                          const char * const *paths,
                          GCancellable       *cancellable,
                          NdImportFunc        func,
                          gpointer            user_data)
{
  return nd_importer_import_paths_with_workers (database, paths, 0, cancellable, func, user_data);
}
