/* nd-extract-dates.c — dates in a tokenised body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Relative dates are resolved against the article's publication date the
 * way news uses them: a bare weekday in past-tense reporting is the most
 * recent such day, in a sentence about plans ("will", "scheduled") the
 * next one; "this weekend" is the Saturday of that week.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <stdlib.h>
#include <string.h>

#include "nd-extract-dates.h"
#include "nd-extract-map.h"
#include "nd-extract-tokens.h"

typedef struct
{
  GArray     *tokens;
  const char *text;
  GDate       published;
  gboolean    has_published;
  guint      *words;     /* per token: date_word_at(), or WORD_UNKNOWN */
} Scan;

#define WORD_UNKNOWN G_MAXUINT

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

static const char * const month_abbreviations[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
  "nov", "dec",
};

static const char * const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char * const weekday_abbreviations[] = {
  "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

/* Words before a month name that make it a month ("in May", not "may") */
static const char * const month_cues[] = {
  "in", "since", "until", "till", "by", "from", "through", "early", "late",
  "mid", "last", "next", "this", "of", "during", "between", "before",
  "after", "and", "or", "to", "on", "throughout", "around", "past",
  NULL
};

/* Words that put a sentence in the future ("will meet on Monday") */
static const char * const future_cues[] = {
  "will", "scheduled", "expected", "plans", "planned", "planning", "set",
  "upcoming", "next", "due", "shall", "intends", "aims", "hopes", "'ll",
  NULL
};

void
nd_date_match_clear (NdDateMatch *match)
{
  g_clear_pointer (&match->value, g_free);
}

static inline const NdToken *
token_at (const Scan *scan,
          guint       i)
{
  return &g_array_index (scan->tokens, NdToken, i);
}

static inline gboolean
is_word_token (const NdToken *token)
{
  return token->kind == ND_TOKEN_WORD || token->kind == ND_TOKEN_NUMBER;
}

/* The token's text in lower case, without a final period, into `buf` */
static const char *
lower_word (const Scan    *scan,
            const NdToken *token,
            char          *buf,
            gsize          size)
{
  gsize length = token->end - token->start;

  if (token->flags & ND_TOKEN_ABBREVIATION)
    length--;
  if (length >= size)
    length = size - 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = scan->text[token->start + i];

      buf[i] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
  buf[length] = '\0';

  return buf;
}

static gboolean
word_is (const Scan *scan,
         guint       i,
         const char *word)
{
  char buf[32];

  if (i >= scan->tokens->len || !is_word_token (token_at (scan, i)))
    return FALSE;

  return strcmp (lower_word (scan, token_at (scan, i), buf, sizeof buf), word) == 0;
}

static gboolean
word_in (const Scan         *scan,
         guint               i,
         const char * const *words)
{
  char buf[32];

  if (i >= scan->tokens->len || !is_word_token (token_at (scan, i)))
    return FALSE;

  lower_word (scan, token_at (scan, i), buf, sizeof buf);
  for (guint k = 0; words[k] != NULL; k++)
    if (strcmp (buf, words[k]) == 0)
      return TRUE;

  return FALSE;
}

/* Month and weekday names, in one table: value = DATE_MONTH | m,
 * DATE_WEEKDAY | d, with DATE_SHORT for abbreviations ("Jan.", "Sept.",
 * "Mon."), which count only with their period */
enum
{
  DATE_MONTH   = 1 << 8,
  DATE_WEEKDAY = 1 << 9,
  DATE_SHORT   = 1 << 10,
};

static NdExtractMap *date_words;

static void
init_date_words (void)
{
  date_words = nd_extract_map_new (64);
  for (guint m = 0; m < 12; m++)
    {
      *nd_extract_map_insert (date_words, month_names[m], -1, NULL) |= DATE_MONTH | (m + 1);
      if (strcmp (month_names[m], month_abbreviations[m]) != 0)
        *nd_extract_map_insert (date_words, month_abbreviations[m], -1, NULL) |= DATE_MONTH | DATE_SHORT | (m + 1);
    }
  *nd_extract_map_insert (date_words, "sept", -1, NULL) |= DATE_MONTH | DATE_SHORT | 9;
  for (guint d = 0; d < 7; d++)
    {
      *nd_extract_map_insert (date_words, weekday_names[d], -1, NULL) |= DATE_WEEKDAY | (d + 1);
      *nd_extract_map_insert (date_words, weekday_abbreviations[d], -1, NULL) |= DATE_WEEKDAY | DATE_SHORT | (d + 1);
    }
}

/* The date word at `i`, capitalised: DATE_MONTH | 1..12, DATE_WEEKDAY |
 * 1..7, or 0 */
static guint date_word_uncached (const Scan *scan,
                                 guint       i);

static guint
date_word_at (const Scan *scan,
              guint       i)
{
  if (i >= scan->tokens->len)
    return 0;
  if (scan->words[i] == WORD_UNKNOWN)
    scan->words[i] = date_word_uncached (scan, i);

  return scan->words[i];
}

static guint
date_word_uncached (const Scan *scan,
                    guint       i)
{
  static gsize initialized = 0;
  const NdToken *token;
  char buf[16];
  guint value;

  token = token_at (scan, i);
  if (token->kind != ND_TOKEN_WORD || !(token->flags & ND_TOKEN_CAPITALIZED) ||
      token->end - token->start < 3 || token->end - token->start > 10)
    return 0;

  if (g_once_init_enter (&initialized))
    {
      init_date_words ();
      g_once_init_leave (&initialized, 1);
    }

  lower_word (scan, token, buf, sizeof buf);
  value = nd_extract_map_lookup (date_words, buf, -1);

  /* "Jan." and "Sept." keep their period; "Jan" alone is a name */
  if ((value & DATE_SHORT) && !(token->flags & ND_TOKEN_ABBREVIATION))
    {
      /* "May" is both */
      if (!((value & DATE_MONTH) && strcmp (buf, "may") == 0))
        return 0;
    }

  return value;
}

/* 1..12 for a capitalised month name or abbreviation ("Sept."), else 0 */
static guint
month_at (const Scan *scan,
          guint       i)
{
  guint value = date_word_at (scan, i);

  return (value & DATE_MONTH) ? (value & 0xff) : 0;
}

/* 1..7 (Monday..Sunday) for a capitalised weekday, else 0 */
static guint
weekday_at (const Scan *scan,
            guint       i)
{
  guint value = date_word_at (scan, i);

  return (value & DATE_WEEKDAY) ? (value & 0xff) : 0;
}

/* A day of the month: "5", "5th", "21st" */
static guint
day_at (const Scan *scan,
        guint       i)
{
  const NdToken *token;
  char buf[8];
  char *end = NULL;
  guint64 day;

  if (i >= scan->tokens->len)
    return 0;

  token = token_at (scan, i);
  if (token->kind != ND_TOKEN_NUMBER || token->end - token->start > 4)
    return 0;

  lower_word (scan, token, buf, sizeof buf);
  day = g_ascii_strtoull (buf, &end, 10);
  if (day < 1 || day > 31)
    return 0;
  if (*end != '\0' && strcmp (end, "st") != 0 && strcmp (end, "nd") != 0 &&
      strcmp (end, "rd") != 0 && strcmp (end, "th") != 0)
    return 0;

  return (guint) day;
}

/* A four-digit year from 1900 to 2099 */
static guint
year_at (const Scan *scan,
         guint       i)
{
  const NdToken *token;
  char buf[8];
  guint year;

  if (i >= scan->tokens->len)
    return 0;

  token = token_at (scan, i);
  if (token->kind != ND_TOKEN_NUMBER || token->end - token->start != 4)
    return 0;

  lower_word (scan, token, buf, sizeof buf);
  if (!g_ascii_isdigit (buf[0]) || !g_ascii_isdigit (buf[3]))
    return 0;

  year = (guint) atoi (buf);
  return year >= 1900 && year <= 2099 ? year : 0;
}

static gboolean
is_punct (const Scan *scan,
          guint       i,
          char        ch)
{
  return i < scan->tokens->len && token_at (scan, i)->kind == ND_TOKEN_PUNCT &&
         token_at (scan, i)->ch == ch;
}

static char *
format_date (const GDate *date)
{
  if (!g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static char *
format_ymd (guint year,
            guint month,
            guint day)
{
  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* The year of a day and month the text gives without one: the latest
 * such day up to two months after publication (news looks back more
 * than ahead: "renewed on 12 February" in August is last February) */
#define DAYS_AHEAD 60

static guint
infer_year (const Scan *scan,
            guint       month,
            guint       day)
{
  guint year = g_date_get_year (&scan->published);

  for (guint y = year + 1; y >= year - 1; y--)
    {
      GDate date;

      if (!g_date_valid_dmy (day, month, y))
        continue;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, day, month, y);
      if (g_date_days_between (&scan->published, &date) <= DAYS_AHEAD)
        return y;
    }

  return year;
}

static char *
absolute_value (const Scan *scan,
                guint       year,
                guint       month,
                guint       day)
{
  if (year == 0)
    {
      if (!scan->has_published)
        return NULL;
      year = infer_year (scan, month, day);
    }

  return format_ymd (year, month, day);
}

static char *
offset_value (const Scan *scan,
              gint        days)
{
  GDate date;

  if (!scan->has_published)
    return NULL;

  date = scan->published;
  if (days > 0)
    g_date_add_days (&date, days);
  else if (days < 0)
    g_date_subtract_days (&date, -days);

  return format_date (&date);
}

/* Is the sentence around token `i` about something to come? */
static gboolean
sentence_is_future (const Scan *scan,
                    guint       i)
{
  guint start = i;

  while (start > 0 && !(token_at (scan, start)->flags & ND_TOKEN_SENTENCE_START))
    start--;

  for (guint k = start; k < i; k++)
    if (word_in (scan, k, future_cues))
      return TRUE;

  return FALSE;
}

/* The day `weekday` (1..7) relative to the publication date: `direction`
 * -1 the last one (or the day itself), +1 the next one, 0 from the
 * sentence's tense */
static char *
weekday_value (const Scan *scan,
               guint       weekday,
               gint        direction,
               guint       i)
{
  gint published_weekday;
  gint delta;

  if (!scan->has_published)
    return NULL;

  if (direction == 0)
    direction = sentence_is_future (scan, i) ? 1 : -1;

  published_weekday = g_date_get_weekday (&scan->published);
  delta = (gint) weekday - published_weekday;
  if (direction < 0)
    {
      if (delta > 0)
        delta -= 7;
    }
  else
    {
      if (delta <= 0)
        delta += 7;
    }

  return offset_value (scan, delta);
}

/* Monday of the publication week, plus `weeks` weeks */
static char *
week_value (const Scan *scan,
            gint        weeks,
            gint        extra_days)
{
  gint monday;

  if (!scan->has_published)
    return NULL;

  monday = 1 - (gint) g_date_get_weekday (&scan->published);
  return offset_value (scan, monday + weeks * 7 + extra_days);
}

static char *
month_value (const Scan *scan,
             gint        months)
{
  GDate date;

  if (!scan->has_published)
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, g_date_get_month (&scan->published),
                  g_date_get_year (&scan->published));
  if (months > 0)
    g_date_add_months (&date, months);
  else if (months < 0)
    g_date_subtract_months (&date, -months);

  return format_date (&date);
}

static char *
year_value (const Scan *scan,
            gint        years)
{
  if (!scan->has_published)
    return NULL;

  return format_ymd (g_date_get_year (&scan->published) + years, 1, 1);
}

/* "5 April 2018", "5th of April", "12 February": day first */
static gboolean
match_day_month (const Scan  *scan,
                 guint        i,
                 NdDateMatch *match)
{
  guint day = day_at (scan, i);
  guint j = i + 1;
  guint month;
  guint year;

  if (day == 0)
    return FALSE;
  if (word_is (scan, j, "of"))
    j++;
  month = month_at (scan, j);
  if (month == 0)
    return FALSE;

  match->first = i;
  match->last = j;
  year = year_at (scan, j + 1);
  if (year == 0 && is_punct (scan, j + 1, ','))
    {
      year = year_at (scan, j + 2);
      if (year != 0)
        match->last = j + 2;
    }
  else if (year != 0)
    {
      match->last = j + 1;
    }

  match->value = absolute_value (scan, year, month, day);
  return TRUE;
}

/* "April 5th, 2018", "Aug. 19", "October 2023", "in May" */
static gboolean
match_month (const Scan  *scan,
             guint        i,
             NdDateMatch *match)
{
  guint month = month_at (scan, i);
  guint day;
  guint year;

  if (month == 0)
    return FALSE;

  day = day_at (scan, i + 1);
  if (day != 0)
    {
      match->first = i;
      match->last = i + 1;
      year = 0;
      if (is_punct (scan, i + 2, ','))
        {
          year = year_at (scan, i + 3);
          if (year != 0)
            match->last = i + 3;
        }
      else
        {
          year = year_at (scan, i + 2);
          if (year != 0)
            match->last = i + 2;
        }
      match->value = absolute_value (scan, year, month, day);
      return TRUE;
    }

  year = year_at (scan, i + 1);
  if (year == 0 && is_punct (scan, i + 1, ','))
    year = 0;
  if (year != 0)
    {
      match->first = i;
      match->last = i + 1;
      match->value = NULL;  /* a month, not a day */
      return TRUE;
    }

  /* a month alone needs a word that makes it one: "in May", "since March" */
  if (i > 0 && word_in (scan, i - 1, month_cues) &&
      (token_at (scan, i - 1)->flags & ND_TOKEN_LOWER))
    {
      match->first = i;
      match->last = i;
      match->value = NULL;
      return TRUE;
    }

  return FALSE;
}

/* "Monday", "last Friday", "Monday, August 19", "Tuesday morning" */
static gboolean
match_weekday (const Scan  *scan,
               guint        i,
               NdDateMatch *match)
{
  guint weekday = weekday_at (scan, i);
  gint direction = 0;
  NdDateMatch absolute = { 0, };

  if (weekday == 0)
    return FALSE;

  match->first = i;
  match->last = i;

  if (i > 0 && (word_is (scan, i - 1, "last") || word_is (scan, i - 1, "past")))
    {
      direction = -1;
      match->first = i - 1;
    }
  else if (i > 0 && (word_is (scan, i - 1, "next") || word_is (scan, i - 1, "coming")))
    {
      direction = 1;
      match->first = i - 1;
    }
  else if (i > 0 && word_is (scan, i - 1, "this"))
    {
      match->first = i - 1;
    }

  /* "Monday, August 19, 2024", "Monday 19 August" */
  {
    guint j = is_punct (scan, i + 1, ',') ? i + 2 : i + 1;

    if (match_month (scan, j, &absolute) && absolute.first == j && absolute.last > j)
      {
        match->last = absolute.last;
        match->value = g_steal_pointer (&absolute.value);
        return TRUE;
      }
    nd_date_match_clear (&absolute);
    if (match_day_month (scan, j, &absolute))
      {
        match->last = absolute.last;
        match->value = g_steal_pointer (&absolute.value);
        return TRUE;
      }
    nd_date_match_clear (&absolute);
  }

  if (word_is (scan, i + 1, "morning") || word_is (scan, i + 1, "afternoon") ||
      word_is (scan, i + 1, "evening") || word_is (scan, i + 1, "night"))
    match->last = i + 1;

  match->value = weekday_value (scan, weekday, direction, i);
  return TRUE;
}

/* "today", "yesterday", "this weekend", "last week", "next month",
 * "three days ago", "Day 2" */
static gboolean
match_relative (const Scan  *scan,
                guint        i,
                NdDateMatch *match)
{
  const NdToken *token = token_at (scan, i);
  char word[32];
  char next[32] = "";
  gint which;

  if (token->kind == ND_TOKEN_NUMBER)
    {
      guint64 n;
      char *end = NULL;

      lower_word (scan, token, word, sizeof word);
      n = g_ascii_strtoull (word, &end, 10);
      if (*end != '\0' || n == 0 || n > 400 || i + 2 >= scan->tokens->len || !word_is (scan, i + 2, "ago"))
        return FALSE;

      match->first = i;
      match->last = i + 2;
      if (word_is (scan, i + 1, "days") || word_is (scan, i + 1, "day"))
        match->value = offset_value (scan, -(gint) n);
      else if (word_is (scan, i + 1, "weeks") || word_is (scan, i + 1, "week"))
        match->value = offset_value (scan, -7 * (gint) n);
      else if (word_is (scan, i + 1, "months") || word_is (scan, i + 1, "years"))
        match->value = NULL;
      else
        return FALSE;
      return TRUE;
    }

  if (token->kind != ND_TOKEN_WORD)
    return FALSE;

  lower_word (scan, token, word, sizeof word);

  /* "Day 2" of a programme: a date with no day the text gives */
  if (strcmp (word, "day") == 0 && (token->flags & ND_TOKEN_CAPITALIZED))
    {
      const NdToken *number = i + 1 < scan->tokens->len ? token_at (scan, i + 1) : NULL;

      if (number != NULL && number->kind == ND_TOKEN_NUMBER && number->end - number->start <= 2 &&
          g_ascii_isdigit (scan->text[number->start]) && g_ascii_isdigit (scan->text[number->end - 1]))
        {
          match->first = i;
          match->last = i + 1;
          match->value = NULL;
          return TRUE;
        }
      return FALSE;
    }

  match->first = i;
  match->last = i;

  if (strcmp (word, "today") == 0 || strcmp (word, "tonight") == 0)
    {
      match->value = offset_value (scan, 0);
      return TRUE;
    }
  if (strcmp (word, "yesterday") == 0)
    {
      match->value = offset_value (scan, -1);
      return TRUE;
    }
  if (strcmp (word, "tomorrow") == 0)
    {
      match->value = offset_value (scan, 1);
      return TRUE;
    }

  if (strcmp (word, "this") == 0)
    which = 0;
  else if (strcmp (word, "last") == 0 || strcmp (word, "past") == 0)
    which = -1;
  else if (strcmp (word, "next") == 0 || strcmp (word, "coming") == 0)
    which = 1;
  else
    return FALSE;

  if (i + 1 >= scan->tokens->len || !is_word_token (token_at (scan, i + 1)))
    return FALSE;
  lower_word (scan, token_at (scan, i + 1), next, sizeof next);
  match->last = i + 1;

  if (strcmp (next, "week") == 0)
    match->value = week_value (scan, which, 0);
  else if (strcmp (next, "weekend") == 0)
    match->value = week_value (scan, which, 5);
  else if (strcmp (next, "month") == 0)
    match->value = month_value (scan, which);
  else if (strcmp (next, "year") == 0)
    match->value = year_value (scan, which);
  else if (which == 0 && (strcmp (next, "morning") == 0 || strcmp (next, "afternoon") == 0 ||
                          strcmp (next, "evening") == 0))
    match->value = offset_value (scan, 0);
  else if (which == -1 && strcmp (next, "night") == 0)
    match->value = offset_value (scan, -1);
  else
    return FALSE;

  /* "earlier this week", "later this month": the week, the month */
  if (i > 0 && which == 0 && (word_is (scan, i - 1, "earlier") || word_is (scan, i - 1, "later")))
    match->first = i - 1;

  return TRUE;
}

/* Cheap test before match_relative(): lower-case words that can start a
 * relative date ("today", "this", "last", "next", "past", "coming",
 * "yesterday", "tomorrow", "tonight") */
static inline gboolean
may_start_relative (const Scan    *scan,
                    const NdToken *token)
{
  guint length = token->end - token->start;
  const char *text = scan->text + token->start;

#define IS(word) (length == sizeof (word) - 1 && memcmp (text, word, sizeof (word) - 1) == 0)
  switch (text[0])
    {
    case 't':
      return IS ("today") || IS ("tonight") || IS ("tomorrow") || IS ("this");
    case 'y':
      return IS ("yesterday");
    case 'l':
      return IS ("last");
    case 'p':
      return IS ("past");
    case 'n':
      return IS ("next");
    case 'c':
      return IS ("coming");
    default:
      return FALSE;
    }
#undef IS
}

/* Cheap test before the capitalised patterns: months, weekdays,
 * "Today", "Day 2", "This", "Last", "Next"... begin with one of few
 * letters and are short */
/* The first three letters of every capitalised word a date can start
 * with: months, weekdays, "Day", "Today", "This", "Last"... */
static const char * const date_prefixes[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
  "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "day",
  "tod", "ton", "yes", "tom", "thi", "las", "nex", "pas", "com", "ear",
  "lat",
  NULL
};

static guint8 prefix_bits[26 * 26 * 26 / 8 + 1];

static inline gint
prefix_index (const char *text)
{
  gint a = (text[0] | 0x20) - 'a';
  gint b = (text[1] | 0x20) - 'a';
  gint c = (text[2] | 0x20) - 'a';

  if (a < 0 || a >= 26 || b < 0 || b >= 26 || c < 0 || c >= 26)
    return -1;

  return (a * 26 + b) * 26 + c;
}

static gboolean
may_start_date (const Scan    *scan,
                const NdToken *token)
{
  static gsize initialized = 0;
  guint length = token->end - token->start;
  gint index;

  if (length < 3 || length > 10)
    return FALSE;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; date_prefixes[i] != NULL; i++)
        {
          gint k = prefix_index (date_prefixes[i]);

          prefix_bits[k / 8] |= 1 << (k % 8);
        }
      g_once_init_leave (&initialized, 1);
    }

  index = prefix_index (scan->text + token->start);
  return index >= 0 && (prefix_bits[index / 8] & (1 << (index % 8)));
}

/* "2024-08-19" */
static gboolean
match_iso (const Scan  *scan,
           guint        i,
           NdDateMatch *match)
{
  const NdToken *token = token_at (scan, i);
  const char *s = scan->text + token->start;
  guint year, month, day;

  if (token->kind != ND_TOKEN_NUMBER || token->end - token->start != 10)
    return FALSE;
  for (guint k = 0; k < 10; k++)
    if ((k == 4 || k == 7) ? s[k] != '-' : !g_ascii_isdigit (s[k]))
      return FALSE;

  year = (guint) atoi (s);
  month = (guint) atoi (s + 5);
  day = (guint) atoi (s + 8);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  match->first = i;
  match->last = i;
  match->value = format_ymd (year, month, day);
  return TRUE;
}

GArray *
nd_extract_find_dates (GArray     *tokens,
                       const char *text,
                       const char *published)
{
  static GPrivate words_key = G_PRIVATE_INIT ((GDestroyNotify) g_array_unref);
  Scan scan = { tokens, text, { 0, }, FALSE, NULL };
  GArray *words;
  GArray *matches;

  g_return_val_if_fail (tokens != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* a buffer per thread, kept from one text to the next */
  words = g_private_get (&words_key);
  if (words == NULL)
    {
      words = g_array_new (FALSE, FALSE, sizeof (guint));
      g_private_set (&words_key, words);
    }
  g_array_set_size (words, tokens->len + 1);
  memset (words->data, 0xff, sizeof (guint) * (tokens->len + 1));
  scan.words = (guint *) (gpointer) words->data;

  matches = g_array_new (FALSE, FALSE, sizeof (NdDateMatch));
  g_array_set_clear_func (matches, (GDestroyNotify) nd_date_match_clear);

  g_date_clear (&scan.published, 1);
  if (published != NULL && strlen (published) >= 10)
    {
      guint year = (guint) atoi (published);
      guint month = (guint) atoi (published + 5);
      guint day = (guint) atoi (published + 8);

      if (g_date_valid_dmy (day, month, year))
        {
          g_date_set_dmy (&scan.published, day, month, year);
          scan.has_published = TRUE;
        }
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      const NdToken *token = token_at (&scan, i);
      NdDateMatch match;
      gboolean found;

      /* most words start no date: lower-case ones that are not one of a
       * few, and punctuation */
      if (token->kind == ND_TOKEN_WORD && (token->flags & ND_TOKEN_LOWER) &&
          !may_start_relative (&scan, token))
        continue;
      if (!is_word_token (token))
        continue;

      match.first = match.last = 0;
      match.value = NULL;

      /* cheap filter: dates start with a capital, a digit or one of a few
       * lower-case words */
      if (token->kind == ND_TOKEN_NUMBER)
        found = match_iso (&scan, i, &match) || match_day_month (&scan, i, &match) ||
                match_relative (&scan, i, &match);
      else if ((token->flags & ND_TOKEN_CAPITALIZED) && may_start_date (&scan, token))
        found = match_month (&scan, i, &match) || match_weekday (&scan, i, &match) ||
                match_relative (&scan, i, &match);
      else if (may_start_relative (&scan, token))
        found = match_relative (&scan, i, &match);
      else
        found = FALSE;

      if (!found)
        {
          nd_date_match_clear (&match);
          continue;
        }

      /* "last Friday" starts at a word already passed: no overlaps */
      if (matches->len > 0 &&
          g_array_index (matches, NdDateMatch, matches->len - 1).last >= match.first)
        {
          nd_date_match_clear (&match);
          continue;
        }

      g_array_append_val (matches, match);
      i = match.last;
    }

  return matches;
}
