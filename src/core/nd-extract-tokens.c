/* nd-extract-tokens.c — words, numbers and punctuation of a body, and
 * sentence boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes: code point offsets are counted as the bytes go
 * by, ASCII takes a table-driven path, and only non-ASCII characters are
 * decoded.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-extract-key.h"
#include "nd-extract-tokens.h"
#include "nd-lexicon.h"

/* Words that keep their period ("Dr.", "Jan.", "Inc."); single capital
 * letters ("F.") and dotted acronyms ("U.S.") keep theirs by rule. */
static const char * const abbreviations[] = {
  "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
  "Cmdr", "Cdr", "Sgt", "Cpl", "Pvt", "Pfc", "Spc", "Adm", "Brig", "Sen",
  "Sens", "Rep", "Reps", "Gov", "Govs", "Pres", "Supt", "Insp", "Det", "Rev",
  "Fr", "Msgr", "Hon", "Rt", "St", "Ste", "Mt", "Ft", "Jr", "Sr", "Sra",
  "Mme", "Esq", "Co", "Cos", "Corp", "Inc", "Ltd", "Bros", "Dept", "Univ",
  "Assn", "No", "Nos", "vs", "etc", "al", "approx", "est", "ca", "cf",
  "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
  "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
  "Sat", "Sun", "Ave", "Blvd", "Rd",
  NULL
};

/* Words that cannot end a sentence after an abbreviation's period when
 * they are among these most frequent words ("in the U.S. The talks") */
#define SENTENCE_WORD_MAX_RANK 500

/* Case matters ("No." but not "no."), except in capitals: "ST. PETERSBURG" */
static gboolean
is_abbreviation (const char *word,
                 gsize       length,
                 gboolean    all_caps)
{
  /* a cheap test first: abbreviations are short and most start with a
   * capital */
  if (length == 0 || length > 6)
    return FALSE;
  if (!g_ascii_isupper (word[0]) && word[0] != 'v' && word[0] != 'e' && word[0] != 'a' && word[0] != 'c')
    return FALSE;

  for (guint i = 0; abbreviations[i] != NULL; i++)
    {
      if (abbreviations[i][0] != word[0] && !all_caps)
        continue;
      if (strlen (abbreviations[i]) != length)
        continue;
      if (all_caps ? g_ascii_strncasecmp (abbreviations[i], word, length) == 0
                   : memcmp (abbreviations[i], word, length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* What an ASCII byte is in a word: BYTE_LOWER, BYTE_UPPER, BYTE_DIGIT, or
 * 0 for no letter or digit */
enum
{
  BYTE_LOWER = 1,
  BYTE_UPPER = 2,
  BYTE_DIGIT = 4,
};

static const guint8 word_bytes[256] = {
  ['0'] = BYTE_DIGIT, ['1'] = BYTE_DIGIT, ['2'] = BYTE_DIGIT, ['3'] = BYTE_DIGIT, ['4'] = BYTE_DIGIT, ['5'] = BYTE_DIGIT, ['6'] = BYTE_DIGIT, ['7'] = BYTE_DIGIT,
  ['8'] = BYTE_DIGIT, ['9'] = BYTE_DIGIT,
  ['A'] = BYTE_UPPER, ['B'] = BYTE_UPPER, ['C'] = BYTE_UPPER, ['D'] = BYTE_UPPER, ['E'] = BYTE_UPPER, ['F'] = BYTE_UPPER, ['G'] = BYTE_UPPER, ['H'] = BYTE_UPPER,
  ['I'] = BYTE_UPPER, ['J'] = BYTE_UPPER, ['K'] = BYTE_UPPER, ['L'] = BYTE_UPPER, ['M'] = BYTE_UPPER, ['N'] = BYTE_UPPER, ['O'] = BYTE_UPPER, ['P'] = BYTE_UPPER,
  ['Q'] = BYTE_UPPER, ['R'] = BYTE_UPPER, ['S'] = BYTE_UPPER, ['T'] = BYTE_UPPER, ['U'] = BYTE_UPPER, ['V'] = BYTE_UPPER, ['W'] = BYTE_UPPER, ['X'] = BYTE_UPPER,
  ['Y'] = BYTE_UPPER, ['Z'] = BYTE_UPPER,
  ['a'] = BYTE_LOWER, ['b'] = BYTE_LOWER, ['c'] = BYTE_LOWER, ['d'] = BYTE_LOWER, ['e'] = BYTE_LOWER, ['f'] = BYTE_LOWER, ['g'] = BYTE_LOWER, ['h'] = BYTE_LOWER,
  ['i'] = BYTE_LOWER, ['j'] = BYTE_LOWER, ['k'] = BYTE_LOWER, ['l'] = BYTE_LOWER, ['m'] = BYTE_LOWER, ['n'] = BYTE_LOWER, ['o'] = BYTE_LOWER, ['p'] = BYTE_LOWER,
  ['q'] = BYTE_LOWER, ['r'] = BYTE_LOWER, ['s'] = BYTE_LOWER, ['t'] = BYTE_LOWER, ['u'] = BYTE_LOWER, ['v'] = BYTE_LOWER, ['w'] = BYTE_LOWER, ['x'] = BYTE_LOWER,
  ['y'] = BYTE_LOWER, ['z'] = BYTE_LOWER,
};

static inline gboolean
ascii_alnum (guchar b)
{
  return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}

/* The character at `p` (NUL at the end) and its length in bytes */
static inline gunichar
char_at (const guchar *p,
         guint        *length)
{
  if (*p < 128)
    {
      *length = *p != '\0' ? 1 : 0;
      return *p;
    }

  *length = g_utf8_skip[*p];
  return g_utf8_get_char ((const char *) p);
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 128)
    return ascii_alnum ((guchar) c);

  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_letter (gunichar c)
{
  if (c < 128)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

  return g_unichar_isalpha (c);
}

static inline gboolean
is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static inline gboolean
is_space (gunichar c)
{
  if (c < 128)
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';

  /* quotes and dashes, the usual non-ASCII characters between words */
  if (c >= 0x2010 && c <= 0x201F)
    return FALSE;

  return c == 0x00A0 || c == 0x202F || c == 0xFEFF || g_unichar_isspace (c) ||
         (c >= 0x200B && c <= 0x200D);
}

/* Punctuation folded to one ASCII byte */
static guint8
fold_punct (gunichar c)
{
  if (c < 128)
    return (guint8) c;

  switch (c)
    {
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x2039: case 0x203A:
      return '\'';
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';
    case 0x2026:
      return '.';
    case 0x2022: case 0x00B7:
      return '*';
    default:
      return 0;
    }
}

static const guchar *scan_word_slow (const guchar *text,
                                     const guchar *p,
                                     guint32      *cpos,
                                     NdToken      *token);

/* Bytes that end a plain ASCII word with nothing more to decide */
static inline gboolean
is_plain_end (const guchar *q,
              gboolean      number)
{
  switch (*q)
    {
    case ' ': case '\n': case '\t': case '\r': case ';': case ')': case '"':
    case '!': case '?': case '\0': case '|': case '(':
      return TRUE;
    case ',':
    case ':':
      return !(number && q[1] >= '0' && q[1] <= '9');
    default:
      return FALSE;
    }
}

/* Scans a word or number from `p`; fills the token's end, its flags, and
 * returns the byte and code point positions after it. Plain ASCII words
 * take a short path; dots, hyphens, apostrophes and other characters the
 * long one. */
static inline const guchar *
scan_word (const guchar *text,
           const guchar *p,
           guint32      *cpos,
           NdToken      *token)
{
  const guchar *q = p;
  guint16 flags = 0;
  guint8 seen = 0;    /* the BYTE_ kinds of the word's bytes */
  guint8 b;
  gboolean number = *p >= '0' && *p <= '9';

  while ((b = word_bytes[*q]) != 0)
    {
      seen |= b;
      q++;
    }

  if (!is_plain_end (q, number))
    return scan_word_slow (text, p, cpos, token);

  if (*p >= 'A' && *p <= 'Z')
    {
      flags |= ND_TOKEN_CAPITALIZED;
      /* no lower case letter and two capitals or more */
      if (!(seen & BYTE_LOWER))
        {
          guint upper = 0;

          for (const guchar *r = p; r < q && upper < 2; r++)
            if (*r >= 'A' && *r <= 'Z')
              upper++;
          if (upper >= 2)
            flags |= ND_TOKEN_ALL_CAPS;
        }
    }
  else if (*p >= 'a' && *p <= 'z')
    {
      flags |= ND_TOKEN_LOWER;
    }
  else if (seen & (BYTE_LOWER | BYTE_UPPER))
    {
      /* "5th", "2018": the case of the first letter, if any */
      for (const guchar *r = p; r < q; r++)
        {
          if (*r >= 'a' && *r <= 'z')
            {
              flags |= ND_TOKEN_LOWER;
              break;
            }
          if (*r >= 'A' && *r <= 'Z')
            {
              flags |= ND_TOKEN_CAPITALIZED;
              break;
            }
        }
    }

  token->end = (guint32) (q - text);
  *cpos += q - p;
  token->cend = *cpos;
  token->flags = flags;
  token->kind = number ? ND_TOKEN_NUMBER : ND_TOKEN_WORD;

  return q;
}

static const guchar *
scan_word_slow (const guchar *text,
                const guchar *p,
                guint32      *cpos,
                NdToken      *token)
{
  guint upper = 0;
  guint lower = 0;
  guint segment = 0;        /* letters since the start or the last dot */
  gboolean dotted = FALSE;  /* "U.S" */
  gboolean first_letter_seen = FALSE;
  gboolean number = is_digit (*p);
  guint16 flags = 0;
  guint first_segment_lower = 0;
  gboolean in_first_segment = TRUE;
  gboolean capital_after_hyphen = FALSE;
  guint32 c_pos = *cpos;
  guint n;

  for (;;)
    {
      gunichar c;

      /* ASCII letters and digits, most of any text */
      if (*p >= 'a' && *p <= 'z')
        {
          if (!first_letter_seen)
            {
              first_letter_seen = TRUE;
              flags |= ND_TOKEN_LOWER;
            }
          lower++;
          if (in_first_segment)
            first_segment_lower++;
          segment++;
          p++;
          c_pos++;
          continue;
        }
      if (*p >= 'A' && *p <= 'Z')
        {
          if (!first_letter_seen)
            {
              first_letter_seen = TRUE;
              flags |= ND_TOKEN_CAPITALIZED;
            }
          upper++;
          segment++;
          p++;
          c_pos++;
          continue;
        }
      if (*p >= '0' && *p <= '9')
        {
          p++;
          c_pos++;
          continue;
        }

      c = char_at (p, &n);
      if (n == 0)
        break;

      if (is_word_char (c))
        {
          if (c >= 128)
            flags |= ND_TOKEN_NON_ASCII;

          if (is_letter (c))
            {
              gboolean up = c < 128 ? (c >= 'A' && c <= 'Z') : g_unichar_isupper (c);
              gboolean down = c < 128 ? (c >= 'a' && c <= 'z') : g_unichar_islower (c);

              if (!first_letter_seen)
                {
                  first_letter_seen = TRUE;
                  if (up)
                    flags |= ND_TOKEN_CAPITALIZED;
                  else if (down)
                    flags |= ND_TOKEN_LOWER;
                }
              if (up)
                upper++;
              if (down)
                {
                  lower++;
                  if (in_first_segment)
                    first_segment_lower++;
                }
              segment++;
            }

          p += n;
          c_pos++;
          continue;
        }

      {
        guint n2;
        gunichar next = char_at (p + n, &n2);

        if (c == '.' && !number && is_letter (next) && segment > 0 && segment <= 2)
          {
            dotted = TRUE;
            segment = 0;
            p += n;
            c_pos++;
            continue;
          }

        if (number && (c == '.' || c == ',' || c == ':' || c == '/') && is_digit (next))
          {
            p += n;
            c_pos++;
            continue;
          }

        if (is_hyphen (c) && is_word_char (next))
          {
            flags |= ND_TOKEN_HYPHENATED;
            if (in_first_segment)
              {
                in_first_segment = FALSE;
                capital_after_hyphen = next < 128 ? (next >= 'A' && next <= 'Z') : g_unichar_isupper (next);
              }
            segment = 0;
            p += n;
            c_pos++;
            continue;
          }

        if (is_apostrophe (c) && !number)
          {
            guint n3;
            gunichar after = n2 > 0 ? char_at (p + n + n2, &n3) : 0;

            /* "Witkoff’s", "Hamas's": the ending is not part of the name */
            if ((next == 's' || next == 'S') && !is_word_char (after))
              {
                token->end = (guint32) (p - text);
                token->cend = c_pos;
                token->flags = flags | ND_TOKEN_POSSESSIVE;
                c_pos += 2;
                p += n + n2;
                goto done;
              }

            /* "O'Brien", "don't", "d'Ivoire" */
            if (is_letter (next))
              {
                p += n;
                c_pos++;
                continue;
              }

            /* "the United States’ commitment" */
            if (p > text && (p[-1] == 's' || p[-1] == 'S') && !is_word_char (next))
              {
                token->end = (guint32) (p - text);
                token->cend = c_pos;
                token->flags = flags | ND_TOKEN_POSSESSIVE;
                c_pos += 1;
                p += n;
                goto done;
              }
          }
      }

      break;
    }

  token->end = (guint32) (p - text);
  token->cend = c_pos;

  /* a period that belongs to the word: "U.S.", "F.", "Dr." */
  if (*p == '.' && !number)
    {
      guint length = token->end - token->start;
      gboolean initial = length == 1 && upper == 1;

      if ((dotted && segment <= 2) || initial ||
          is_abbreviation ((const char *) text + token->start, length, upper >= 2 && lower == 0))
        {
          flags |= ND_TOKEN_ABBREVIATION;
          if (initial)
            flags |= ND_TOKEN_INITIAL;
          p++;
          c_pos++;
          token->end++;
          token->cend++;
        }
    }

  token->flags = flags;

 done:
  flags = token->flags;
  if (upper >= 2 && lower == 0)
    flags |= ND_TOKEN_ALL_CAPS;
  /* name particles: "al-Sisi", "el-Baradei", "bin-Salman" */
  if ((flags & ND_TOKEN_LOWER) && (flags & ND_TOKEN_HYPHENATED) &&
      first_segment_lower <= 3 && capital_after_hyphen)
    {
      flags &= ~ND_TOKEN_LOWER;
      flags |= ND_TOKEN_CAPITALIZED;
    }
  token->flags = flags;
  token->kind = number ? ND_TOKEN_NUMBER : ND_TOKEN_WORD;
  *cpos = c_pos;

  return p;
}

GArray *
nd_extract_tokenize (const char *text)
{
  GArray *tokens;

  g_return_val_if_fail (text != NULL, NULL);

  tokens = g_array_new (FALSE, FALSE, sizeof (NdToken));
  nd_extract_tokenize_into (tokens, text);

  return tokens;
}

/* Appends without g_array_append_val(): the array is sized for the worst
 * case (a token every byte) up front */
#define EMIT(token) (out[n_out++] = (token))

void
nd_extract_tokenize_into (GArray     *tokens,
                          const char *text)
{
  const guchar *start = (const guchar *) text;
  const guchar *p = start;
  guint32 cpos = 0;
  gboolean space = TRUE;
  NdToken *out;
  guint n_out = 0;

  g_return_if_fail (tokens != NULL);
  g_return_if_fail (text != NULL);

  g_array_set_size (tokens, strlen (text) + 1);
  out = (NdToken *) (gpointer) tokens->data;

  while (*p != '\0')
    {
      NdToken token;
      gunichar c;
      guint n;

      /* ASCII words, the bulk of the text, straight to scan_word(),
       * into their place in the array */
      if (word_bytes[*p] != 0)
        {
          NdToken *word = &out[n_out++];

          word->start = (guint32) (p - start);
          word->cstart = cpos;
          word->ch = 0;
          p = scan_word (start, p, &cpos, word);
          if (space)
            word->flags |= ND_TOKEN_SPACE_BEFORE;
          /* the space after it, the most common next byte */
          space = *p == ' ';
          if (space)
            {
              p++;
              cpos++;
            }
          continue;
        }
      if (*p == ' ')
        {
          p++;
          cpos++;
          space = TRUE;
          continue;
        }

      token = (NdToken) { 0, };
      if (*p == '\n')
        {
          token.start = (guint32) (p - start);
          token.end = token.start + 1;
          token.cstart = cpos;
          token.cend = cpos + 1;
          token.kind = ND_TOKEN_NEWLINE;
          token.ch = '\n';
          EMIT (token);
          p++;
          cpos++;
          space = TRUE;
          continue;
        }

      c = char_at (p, &n);

      if (is_space (c))
        {
          p += n;
          cpos++;
          space = TRUE;
          continue;
        }

      token.start = (guint32) (p - start);
      token.cstart = cpos;

      if (is_word_char (c) && !g_unichar_ismark (c))
        {
          p = scan_word (start, p, &cpos, &token);
        }
      else
        {
          p += n;
          cpos++;
          token.end = (guint32) (p - start);
          token.cend = cpos;
          token.kind = ND_TOKEN_PUNCT;
          token.ch = fold_punct (c);
        }

      if (space)
        token.flags |= ND_TOKEN_SPACE_BEFORE;
      space = FALSE;

      EMIT (token);
    }

  g_array_set_size (tokens, n_out);
}

static inline gboolean
is_word (const NdToken *token)
{
  return token->kind == ND_TOKEN_WORD || token->kind == ND_TOKEN_NUMBER;
}

/* After an abbreviation's period: does the next word start a sentence? */
static gboolean
starts_sentence_after_abbreviation (const char    *text,
                                    const NdToken *next)
{
  char key[ND_EXTRACT_KEY_MAX];
  guint32 info;
  guint rank;

  if (!(next->flags & ND_TOKEN_CAPITALIZED) || (next->flags & ND_TOKEN_INITIAL))
    return FALSE;

  if (nd_extract_key (text + next->start, next->end - next->start, key, sizeof key) == 0)
    return FALSE;

  info = nd_lexicon_lookup_word (nd_lexicon_get_default (), key);
  rank = ND_WORD_INFO_RANK (info);
  if (rank == 0 || rank > SENTENCE_WORD_MAX_RANK)
    return FALSE;

  /* "U.S. Secretary of State", "U.S. House" */
  return !(info & (ND_WORD_TITLE | ND_WORD_TITLE_START | ND_WORD_ORG |
                   ND_WORD_ORG_START | ND_WORD_ORG_SUFFIX));
}

void
nd_extract_mark_sentences (GArray     *tokens,
                           const char *text)
{
  gboolean sentence_pending = TRUE;
  gboolean clause_pending = FALSE;
  NdToken *toks;
  guint n;

  g_return_if_fail (tokens != NULL);
  g_return_if_fail (text != NULL);

  /* the array's fields once: writes to the tokens cannot change them */
  toks = (NdToken *) (gpointer) tokens->data;
  n = tokens->len;

  for (guint i = 0; i < n; i++)
    {
      NdToken *token = &toks[i];

      if (token->kind == ND_TOKEN_NEWLINE)
        {
          /* a line without closing punctuation (a heading, a cell) ends
           * at its end too */
          for (guint j = i; j-- > 0;)
            {
              NdToken *before = &toks[j];

              if (before->kind == ND_TOKEN_NEWLINE)
                break;
              if (is_word (before) || before->ch == '.' || before->ch == '!' || before->ch == '?')
                {
                  before->flags |= ND_TOKEN_SENTENCE_END;
                  break;
                }
            }
          sentence_pending = TRUE;
          clause_pending = FALSE;
          continue;
        }

      if (token->kind == ND_TOKEN_PUNCT)
        {
          switch (token->ch)
            {
            case '.':
            case '!':
            case '?':
              token->flags |= ND_TOKEN_SENTENCE_END;
              sentence_pending = TRUE;
              break;
            case ':':
            case '|':
            case '*':
            case '(':
              clause_pending = TRUE;
              break;
            case '-':
              /* a dash after a dateline or at a line start, not a hyphen */
              if (token->flags & ND_TOKEN_SPACE_BEFORE || i == 0)
                clause_pending = TRUE;
              break;
            case '"':
            case '\'':
              /* an opening quote */
              if ((token->flags & ND_TOKEN_SPACE_BEFORE || i == 0) && i + 1 < n &&
                  is_word (&toks[i + 1]))
                clause_pending = TRUE;
              break;
            default:
              break;
            }
          continue;
        }

      if (sentence_pending)
        token->flags |= ND_TOKEN_SENTENCE_START;
      else if (clause_pending)
        token->flags |= ND_TOKEN_CLAUSE_START;
      sentence_pending = FALSE;
      clause_pending = FALSE;

      if (token->flags & ND_TOKEN_ABBREVIATION)
        {
          guint j = i + 1;

          while (j < n && toks[j].kind == ND_TOKEN_PUNCT &&
                 (toks[j].ch == '"' || toks[j].ch == '\'' ||
                  toks[j].ch == ')'))
            j++;

          if (j < n && is_word (&toks[j]) &&
              starts_sentence_after_abbreviation (text, &toks[j]))
            {
              token->flags |= ND_TOKEN_SENTENCE_END;
              sentence_pending = TRUE;
            }
        }
    }

  /* the last sentence ends with the text */
  for (guint j = n; j-- > 0;)
    {
      NdToken *last = &toks[j];

      if (last->kind != ND_TOKEN_NEWLINE)
        {
          last->flags |= ND_TOKEN_SENTENCE_END;
          break;
        }
    }
}

GArray *
nd_extract_split_sentences (const char *text)
{
  g_autoptr(GArray) tokens = NULL;
  GArray *sentences;
  NdTextSpan span = { 0, 0 };
  gboolean open = FALSE;
  gboolean has_word = FALSE;   /* the open sentence has a word yet */

  g_return_val_if_fail (text != NULL, NULL);

  tokens = nd_extract_tokenize (text);
  nd_extract_mark_sentences (tokens, text);
  sentences = g_array_new (FALSE, FALSE, sizeof (NdTextSpan));

  for (guint i = 0; i < tokens->len; i++)
    {
      const NdToken *token = &g_array_index (tokens, NdToken, i);
      const NdToken *next = i + 1 < tokens->len ? &g_array_index (tokens, NdToken, i + 1) : NULL;
      gboolean starts;

      /* a line ends a sentence */
      if (token->kind == ND_TOKEN_NEWLINE)
        {
          if (open)
            g_array_append_val (sentences, span);
          open = FALSE;
          continue;
        }

      /* the first word, or an opening quote or bracket right before it */
      if (token->kind == ND_TOKEN_PUNCT)
        starts = (token->flags & ND_TOKEN_SPACE_BEFORE) && next != NULL &&
                 (next->flags & ND_TOKEN_SENTENCE_START) && !(next->flags & ND_TOKEN_SPACE_BEFORE);
      else
        starts = (token->flags & ND_TOKEN_SENTENCE_START) != 0;

      if (starts && open && has_word)
        {
          g_array_append_val (sentences, span);
          open = FALSE;
        }

      if (!open)
        {
          span.start = token->cstart;
          open = TRUE;
          has_word = FALSE;
        }
      if (token->kind != ND_TOKEN_PUNCT)
        has_word = TRUE;
      span.end = token->cend;
    }

  if (open)
    g_array_append_val (sentences, span);

  return sentences;
}
