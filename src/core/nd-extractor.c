/* nd-extractor.c — finds people, places, organisations and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline, for one body:
 *
 * 1. tokens and sentences (nd-extract-tokens.c); headings and table cells
 *    are marked "strict": title case there says nothing, so only names
 *    known from the lexicons, the gazetteer or the rest of the text count;
 * 2. dates (nd-extract-dates.c), whose words are then no names;
 * 3. chunks: runs of capitalised words with connectors ("of", "bin",
 *    "van der"...), each cut into segments by longest match against the
 *    known organisations, the gazetteer, the titles and the demonyms, the
 *    rest left as runs of unknown words;
 * 4. segments become candidates: a title followed by a run is a person
 *    with that role; a run is a person on name evidence (given names,
 *    surnames, context such as "X said"), an organisation when it ends
 *    with an organisation word ("... Ministry", "... Corp."), else a
 *    single word waiting for coreference;
 * 5. coreference: a surname or a given name alone refers to the one full
 *    name it belongs to, anywhere in the article; places that are a
 *    person's name ("Jordan" after "Michael Jordan") go to the person;
 *    acronyms defined in the text ("... Council (NSC)") to their
 *    organisation;
 * 6. places are resolved with the article as context: the countries it
 *    names or whose demonyms it uses, "City, Country" patterns, nearness
 *    to the other places, population last;
 * 7. candidates are grouped into entities, one canonical name each: the
 *    fullest form for people, the gazetteer's name for places ("U.S.",
 *    "America" and "United States" are one place), the lexicon's name for
 *    known organisations.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-body.h"
#include "nd-entity.h"
#include "nd-extract-dates.h"
#include "nd-extract-key.h"
#include "nd-extract-tokens.h"
#include "nd-extractor.h"
#include "nd-gazetteer.h"
#include "nd-lexicon.h"

/* Per-token marks */
enum
{
  MARK_USED    = 1 << 0,  /* part of a date or of an entity already */
  MARK_STRICT  = 1 << 1,  /* in a heading or a table cell */
  MARK_KEYED   = 1 << 2,  /* key and info computed */
};

typedef enum
{
  CAND_PERSON,
  CAND_PLACE,
  CAND_ORG,
  CAND_SINGLE,     /* one unknown capitalised word: a surname, maybe */
  CAND_DEMONYM,    /* context only: "Israeli officials" */
  CAND_NONE,
} CandKind;

/* Candidate flags */
enum
{
  CAND_STRICT        = 1 << 0,
  CAND_INITIAL       = 1 << 1,  /* capitalised by position (sentence start...) */
  CAND_TITLED        = 1 << 2,  /* after a title: a person */
  CAND_CUE           = 1 << 3,  /* "X said", "according to X" */
  CAND_ALL_CAPS      = 1 << 4,
  CAND_COMMON        = 1 << 5,  /* a common English word */
  CAND_WEAK          = 1 << 6,  /* a person on little evidence */
  CAND_COUNTRY_OK    = 1 << 7,  /* a single common word that names a country */
};

typedef struct
{
  CandKind       kind;
  guint16        flags;
  guint          first;     /* tokens, inclusive */
  guint          last;
  guint32        bstart;    /* the mention: bytes and code points, end exclusive */
  guint32        bend;
  guint32        cstart;
  guint32        cend;
  char          *key;
  const char    *org;       /* a known organisation's name */
  const char    *country;   /* a demonym's country */
  char          *role;
  const NdPlace *place;
  gint           qualifier; /* index of the place cand in "City, Country" */
  gint           person;    /* index into persons */
  guint          n_words;
  guint32        first_info;
  char          *first_key;
  char          *last_key;
} Cand;

typedef struct
{
  char  *name;       /* the fullest form */
  char  *words;      /* keys of the name's words: "antony blinken" */
  char  *first_key;  /* NULL for a surname alone */
  char  *last_key;
  char  *role;
  guint  n_words;
} Person;

typedef struct
{
  NdLexicon    *lexicon;
  NdGazetteer  *gazetteer;
  const char   *text;
  GArray       *tokens;
  guint         n;
  guint8       *marks;
  guint32      *info;
  guint32      *key_offset;
  char         *keys;
  GArray       *cands;       /* Cand */
  GPtrArray    *persons;     /* Person */
  GHashTable   *acronyms;    /* key -> organisation name (owned) */
} Ex;

/* Connectors inside names: "Bank of England", "Mohammed bin Salman",
 * "Ursula von der Leyen" */
static const char * const connectors[] = {
  "of", "the", "for", "and", "on", "de", "du", "da", "das", "dos", "del",
  "della", "di", "do", "van", "von", "der", "den", "ter", "bin", "ibn", "bint",
  "al", "el", "la", "le", "y", "e", "of the",
  NULL
};

/* Connectors that end a name unless it is an organisation's */
static const char * const hard_connectors[] = {
  "of", "the", "for", "and", "on", "&",
  NULL
};

/* Verbs of speech after or before a name: "Kirby said", "said Kirby" */
static const char * const speech_verbs[] = {
  "said", "says", "told", "added", "stated", "announced", "noted",
  "explained", "argued", "warned", "wrote", "insisted", "claimed",
  "asked", "replied", "urged", "acknowledged", "confirmed", "emphasized",
  "emphasised", "stressed", "declared", "tweeted", "posted", "continued",
  "concluded", "commented", "observed", "recalled", "suggested",
  "believes", "thinks", "described", "responded", "admitted", "denied",
  "testified", "predicted", "cautioned", "conceded", "remarked",
  "expressed", "highlighted", "characterized", "characterised", "met",
  "visited", "spoke", "speaks", "tells", "adds", "writes", "wants",
  "hopes", "expects", "traveled", "travelled", "arrived", "resigned",
  "died", "was", "is", "has", "had", "will", "would",
  NULL
};

/* Speech verbs that on their own make a single unknown word a person
 * ("Kirby said"); the rest of speech_verbs only support other evidence */
#define STRONG_SPEECH_VERBS 45

/* Lower-case words after a hyphen that make the part before it a place
 * or organisation mention: "Doha-based", "U.S.-led", "Hamas-run" */
static const char * const hyphen_suffixes[] = {
  "based", "led", "run", "backed", "born", "brokered", "controlled",
  "held", "bound", "made", "owned", "funded", "allied", "aligned",
  "linked", "style", "area", "wide",
  NULL
};

/* Words of direction that some regions are called by ("Eastern" for the
 * Eastern Province) but that alone name no place in running text */
static const char * const direction_words[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern",
  "western", "central", "northeast", "northwest", "southeast",
  "southwest", "northeastern", "northwestern", "southeastern",
  "southwestern", "upper", "lower", "greater", "inner", "outer", "middle",
  "new", "old", "mid",
  NULL
};

/* Person runs longer than this are no names */
#define MAX_NAME_WORDS 5

/* Common words ranked above this (rarer) do not count as common when
 * judging whether a run is a name */
#define COMMON_RANK_NAME 5000

/* A single capitalised common word may name a city only this big */
#define COMMON_WORD_CITY_POPULATION 100000

/* Tokens */

static inline const NdToken *
tok (const Ex *ex,
     guint     i)
{
  return &g_array_index (ex->tokens, NdToken, i);
}

static inline gboolean
is_word (const NdToken *token)
{
  return token->kind == ND_TOKEN_WORD || token->kind == ND_TOKEN_NUMBER;
}

/* Is token `i` the lower-case word `word`? */
static gboolean
token_is (const Ex   *ex,
          guint       i,
          const char *word)
{
  const NdToken *token;
  gsize length = strlen (word);

  if (i >= ex->n)
    return FALSE;

  token = tok (ex, i);
  if (token->kind == ND_TOKEN_PUNCT)
    return length == 1 && token->ch == (guchar) word[0];
  if (token->kind != ND_TOKEN_WORD || token->end - token->start != length)
    return FALSE;

  return memcmp (ex->text + token->start, word, length) == 0;
}

static gboolean
token_in (const Ex           *ex,
          guint               i,
          const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (token_is (ex, i, words[k]))
      return TRUE;

  return FALSE;
}

static gint
token_index_in (const Ex           *ex,
                guint               i,
                const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (token_is (ex, i, words[k]))
      return (gint) k;

  return -1;
}

static gboolean
token_is_punct (const Ex *ex,
                guint     i,
                char      ch)
{
  return i < ex->n && tok (ex, i)->kind == ND_TOKEN_PUNCT && tok (ex, i)->ch == (guchar) ch;
}

/* Does the space-separated `words` contain `word` as a whole word? */
static gboolean
has_word (const char *words,
          const char *word)
{
  gsize length = strlen (word);

  for (const char *p = strstr (words, word); p != NULL; p = strstr (p + 1, word))
    if ((p == words || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0'))
      return TRUE;

  return FALSE;
}

static gboolean
text_in (const char         *text,
         gsize               length,
         const char * const *words)
{
  for (guint k = 0; words[k] != NULL; k++)
    if (strlen (words[k]) == length && memcmp (words[k], text, length) == 0)
      return TRUE;

  return FALSE;
}

/* Computes (once) the key and the lexicon information of token `i` */
static void
ensure_key (Ex    *ex,
            guint  i)
{
  const NdToken *token;
  char *out;
  gsize capacity;

  if (ex->marks[i] & MARK_KEYED)
    return;

  ex->marks[i] |= MARK_KEYED;
  token = tok (ex, i);

  /* each token owns [2 * start + i, 2 * end + i] of the key buffer: keys
   * are at most twice as long as their text, and regions never overlap */
  ex->key_offset[i] = 2 * token->start + i;
  out = ex->keys + ex->key_offset[i];
  capacity = 2 * (token->end - token->start) + 1;

  if (token->kind == ND_TOKEN_PUNCT)
    {
      out[0] = token->ch == '&' ? '&' : '\0';
      out[1] = '\0';
      ex->info[i] = 0;
      return;
    }

  nd_extract_key (ex->text + token->start, token->end - token->start, out, capacity);
  ex->info[i] = out[0] != '\0' ? nd_lexicon_lookup_word (ex->lexicon, out) : 0;
}

static const char *
key_of (Ex    *ex,
        guint  i)
{
  ensure_key (ex, i);
  return ex->keys + ex->key_offset[i];
}

static guint32
info_of (Ex    *ex,
         guint  i)
{
  ensure_key (ex, i);
  return ex->info[i];
}

/* Capitals of up to five letters: "UN", "NATO", "U.S."; not a word in
 * capitals ("ISLAND" in a dateline) */
static gboolean
is_acronym (const NdToken *token)
{
  return (token->flags & ND_TOKEN_ALL_CAPS) &&
         ((token->flags & ND_TOKEN_ABBREVIATION) || token->end - token->start <= 5);
}

/* A common word, for judging names: ranked among the frequent words and
 * not a given name ("Will", "Mark" count as names) */
static gboolean
is_common (Ex    *ex,
           guint  i,
           guint  max_rank)
{
  guint32 info = info_of (ex, i);
  guint rank = ND_WORD_INFO_RANK (info);

  return rank != 0 && rank <= max_rank;
}

/* A capitalised word that can be part of a name */
static gboolean
is_name_token (const Ex *ex,
               guint     i)
{
  const NdToken *token;

  if (i >= ex->n)
    return FALSE;

  token = tok (ex, i);
  return token->kind == ND_TOKEN_WORD &&
         (token->flags & (ND_TOKEN_CAPITALIZED | ND_TOKEN_ALL_CAPS)) &&
         !(ex->marks[i] & MARK_USED);
}

static gboolean
is_connector (const Ex *ex,
              guint     i)
{
  const NdToken *token;

  if (i >= ex->n)
    return FALSE;

  token = tok (ex, i);
  if (token->kind == ND_TOKEN_PUNCT)
    return token->ch == '&';

  return (token->flags & ND_TOKEN_LOWER) && token_in (ex, i, connectors);
}

/* Writes the key of tokens first..last (word tokens and "&", joined by
 * spaces) into `buf`; FALSE when it does not fit */
static gboolean
span_key (Ex    *ex,
          guint  first,
          guint  last,
          char  *buf,
          gsize  size)
{
  gsize o = 0;

  for (guint i = first; i <= last; i++)
    {
      const char *key = key_of (ex, i);
      gsize length = strlen (key);

      if (length == 0)
        continue;
      if (o + length + 2 > size)
        return FALSE;
      if (o > 0)
        buf[o++] = ' ';
      memcpy (buf + o, key, length);
      o += length;
    }

  buf[o] = '\0';
  return o > 0;
}

/* Candidates */

static void
cand_clear (Cand *cand)
{
  g_clear_pointer (&cand->key, g_free);
  g_clear_pointer (&cand->role, g_free);
  g_clear_pointer (&cand->first_key, g_free);
  g_clear_pointer (&cand->last_key, g_free);
}

static void
person_free (Person *person)
{
  g_free (person->name);
  g_free (person->words);
  g_free (person->first_key);
  g_free (person->last_key);
  g_free (person->role);
  g_free (person);
}

static char *
text_of (const Ex *ex,
         guint32   bstart,
         guint32   bend)
{
  return g_strndup (ex->text + bstart, bend - bstart);
}

/* Adds a candidate for tokens first..last */
static Cand *
add_cand (Ex       *ex,
          CandKind  kind,
          guint     first,
          guint     last)
{
  Cand cand = { 0, };
  char key[ND_EXTRACT_KEY_MAX];

  cand.kind = kind;
  cand.first = first;
  cand.last = last;
  cand.bstart = tok (ex, first)->start;
  cand.bend = tok (ex, last)->end;
  cand.cstart = tok (ex, first)->cstart;
  cand.cend = tok (ex, last)->cend;
  cand.qualifier = -1;
  cand.person = -1;
  if (span_key (ex, first, last, key, sizeof key))
    cand.key = g_strdup (key);
  if (ex->marks[first] & MARK_STRICT)
    cand.flags |= CAND_STRICT;
  if (tok (ex, first)->flags & (ND_TOKEN_SENTENCE_START | ND_TOKEN_CLAUSE_START))
    cand.flags |= CAND_INITIAL;

  for (guint i = first; i <= last; i++)
    ex->marks[i] |= MARK_USED;

  g_array_append_val (ex->cands, cand);
  return &g_array_index (ex->cands, Cand, ex->cands->len - 1);
}

/* Context cues */

/* Words that start an apposition after a name: "Sepp Blatter, the
 * president of FIFA", "Hidetada Fukushima, a professor of ..." */
static const char * const apposition_starts[] = {
  "the", "a", "an", "his", "her", "their", "its", "who", "now", "then",
  "also", "formerly", "former", "currently", NULL
};

/* Words after a title that show it is the head of the apposition ("the
 * president of FIFA") and not a modifier ("the prime minister's
 * residence", "the president's plane") */
static const char * const after_title_words[] = {
  "of", "for", "at", "in", "to", "and", "who", "with", "since", "from",
  "on", "until", NULL
};

/* Family words before a name: "their daughter, Neve", "his widow Márcia" */
static const char * const relatives[] = {
  "daughter", "son", "wife", "husband", "mother", "father", "brother",
  "sister", "partner", "widow", "widower", "fiancé", "fiancée", "fiance",
  "fiancee", "grandson", "granddaughter", "niece", "nephew", "cousin",
  "uncle", "aunt", "daughters", "sons", "children", "child", "baby",
  "stepson", "stepdaughter", "spouse", "girlfriend", "boyfriend",
  "grandmother", "grandfather", NULL
};

/* "<name>, the president of FIFA," */
static gboolean
has_title_apposition (Ex    *ex,
                      guint  start)
{
  if (start >= ex->n || !token_in (ex, start, apposition_starts))
    return FALSE;

  for (guint k = start + 1; k < ex->n && k <= start + 6; k++)
    {
      const NdToken *token = tok (ex, k);

      if (token->kind != ND_TOKEN_WORD)
        return FALSE;
      if (!(info_of (ex, k) & (ND_WORD_TITLE | ND_WORD_TITLE_START)) && !token_in (ex, k, relatives))
        continue;
      if (token->flags & ND_TOKEN_POSSESSIVE)
        return FALSE;
      /* the head of the phrase: punctuation or a preposition after it */
      if (k + 1 >= ex->n || tok (ex, k + 1)->kind != ND_TOKEN_WORD || token_in (ex, k + 1, after_title_words))
        return TRUE;
    }

  return FALSE;
}

/* "X said", "X, 45, said", "said X" */
static gboolean
has_speech_cue (Ex    *ex,
                guint  first,
                guint  last,
                guint  max_verb)
{
  guint j = last + 1;
  gint verb;

  if (!(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    {
      if (j < ex->n && token_is_punct (ex, j, ','))
        {
          if (has_title_apposition (ex, j + 1))
            return TRUE;
          j++;
        }

      verb = token_index_in (ex, j, speech_verbs);
      if (verb >= 0 && (guint) verb < max_verb)
        return TRUE;
    }

  /* "said Kirby", but not "said WikiLeaks' work" */
  if (first >= 1 && token_is (ex, first - 1, "said") && (first < 2 || !is_name_token (ex, first - 2)) &&
      !(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    return TRUE;
  /* "their daughter, Neve", "his wife Jill" */
  if (first >= 1 && token_in (ex, first - 1, relatives))
    return TRUE;
  if (first >= 2 && token_is_punct (ex, first - 1, ',') && token_in (ex, first - 2, relatives))
    return TRUE;

  /* "Pelé's widow": a person has relatives */
  if ((tok (ex, last)->flags & ND_TOKEN_POSSESSIVE) && token_in (ex, last + 1, relatives))
    return TRUE;

  return FALSE;
}

/* A title written before a chunk in lower case ("envoy Witkoff", "prime
 * minister Benjamin Netanyahu"), or with a comma ("spokesman, John
 * Kirby"). Returns the title's text, or NULL. */
static char *
title_before (Ex       *ex,
              guint     first,
              gboolean *weak)
{
  guint max = nd_lexicon_get_max_title_words (ex->lexicon);
  guint end = first;
  char key[ND_EXTRACT_KEY_MAX];

  if (end > 0 && token_is_punct (ex, end - 1, ',') && end > 1 &&
      is_word (tok (ex, end - 2)))
    end--;
  if (end == 0 || !is_word (tok (ex, end - 1)) || !(tok (ex, end - 1)->flags & ND_TOKEN_LOWER))
    return NULL;

  for (guint words = MIN (max, end); words >= 1; words--)
    {
      guint start = end - words;
      gboolean ok = TRUE;

      for (guint i = start; i < end; i++)
        if (!is_word (tok (ex, i)))
          ok = FALSE;
      if (!ok || !span_key (ex, start, end - 1, key, sizeof key))
        continue;
      if (nd_lexicon_is_title (ex->lexicon, key))
        {
          *weak = words == 1 && is_common (ex, start, G_MAXUINT);
          return text_of (ex, tok (ex, start)->start, tok (ex, end - 1)->end);
        }
    }

  return NULL;
}

/* Known names: longest match at a position */

typedef enum
{
  MATCH_NONE,
  MATCH_ORG,
  MATCH_PLACE,
  MATCH_TITLE,
  MATCH_DEMONYM,
} MatchKind;

typedef struct
{
  MatchKind   kind;
  guint       last;
  const char *org;
  const char *country;
} Match;

/* The tokens a match starting at `first` may span: contiguous words of
 * one sentence, lower-case words past the chunk's end included
 * ("Palestinian territories", "Gulf states"). Returns how many. */
static guint
match_window (Ex    *ex,
              guint  first,
              guint  max,
              guint *window)
{
  guint n = 0;

  for (guint i = first; i < ex->n && n < max; i++)
    {
      const NdToken *token = tok (ex, i);

      if (i > first && (token->flags & ND_TOKEN_SENTENCE_START))
        break;
      if (token->kind == ND_TOKEN_PUNCT && token->ch != '&')
        break;
      if (token->kind == ND_TOKEN_NEWLINE || (ex->marks[i] & MARK_USED))
        break;
      window[n++] = i;
      /* a possessive ends the name: "Israel’s army" */
      if (token->flags & ND_TOKEN_POSSESSIVE)
        break;
    }

  return n;
}

static gboolean
place_key_ok (const Ex   *ex,
              guint       first,
              guint       last,
              const char *key)
{
  /* "US", "UK": two-letter names only in capitals */
  if (strlen (key) <= 2)
    return first == last && (tok (ex, first)->flags & ND_TOKEN_ALL_CAPS);

  return TRUE;
}

static void
find_known (Ex    *ex,
            guint  first,
            guint  chunk_last,
            Match *best)
{
  guint window[24];
  guint n;
  guint32 info;
  const char *first_key;
  const char *first_key_words;
  char first_word[ND_EXTRACT_KEY_MAX];
  char key[ND_EXTRACT_KEY_MAX];
  guint max_words;
  gboolean all_caps;

  best->kind = MATCH_NONE;
  best->last = first;
  best->org = NULL;
  best->country = NULL;

  n = match_window (ex, first, G_N_ELEMENTS (window), window);
  if (n == 0)
    return;

  /* titles and single words stay within the chunk */
  first_key = key_of (ex, first);
  if (first_key[0] == '\0')
    return;
  info = info_of (ex, first);

  /* "Asia-Pacific Economic Cooperation": names start with the first word
   * of a hyphenated one */
  if (strchr (first_key, ' ') != NULL)
    {
      gsize length = strchr (first_key, ' ') - first_key;

      memcpy (first_word, first_key, length);
      first_word[length] = '\0';
      info |= nd_lexicon_lookup_word (ex->lexicon, first_word) & (ND_WORD_ORG_START | ND_WORD_TITLE_START);
      first_key_words = first_word;
    }
  else
    {
      first_key_words = first_key;
    }
  all_caps = (tok (ex, first)->flags & ND_TOKEN_ALL_CAPS) != 0;

  /* organisations */
  if (info & ND_WORD_ORG_START)
    {
      max_words = MIN (nd_lexicon_get_max_org_words (ex->lexicon), n);
      for (guint w = max_words; w >= 2; w--)
        {
          const char *org;

          if (!is_name_token (ex, window[w - 1]) && window[w - 1] <= chunk_last)
            continue;
          if (!span_key (ex, first, window[w - 1], key, sizeof key))
            continue;
          org = nd_lexicon_lookup_organization (ex->lexicon, key, TRUE);
          if (org != NULL)
            {
              best->kind = MATCH_ORG;
              best->last = window[w - 1];
              best->org = org;
              break;
            }
        }
    }

  /* places */
  max_words = MIN (nd_gazetteer_get_max_words (ex->gazetteer, first_key_words), n);
  for (guint w = max_words; w >= 2 && window[w - 1] > best->last; w--)
    {
      if (!span_key (ex, first, window[w - 1], key, sizeof key))
        continue;
      if (nd_gazetteer_lookup (ex->gazetteer, key, NULL, 0) > 0)
        {
          best->kind = MATCH_PLACE;
          best->last = window[w - 1];
          best->org = NULL;
          break;
        }
    }

  /* titles (within the chunk) */
  if (info & ND_WORD_TITLE_START)
    {
      max_words = MIN (nd_lexicon_get_max_title_words (ex->lexicon), n);
      for (guint w = max_words; w >= 2 && window[w - 1] > best->last; w--)
        {
          if (window[w - 1] > chunk_last)
            continue;
          if (!span_key (ex, first, window[w - 1], key, sizeof key))
            continue;
          if (nd_lexicon_is_title (ex->lexicon, key))
            {
              best->kind = MATCH_TITLE;
              best->last = window[w - 1];
              best->org = NULL;
              break;
            }
        }
    }

  /* demonyms of several words: "Sri Lankan", "South African" */
  for (guint w = MIN (3, n); w >= 2 && window[w - 1] > best->last; w--)
    {
      const char *country;

      if (window[w - 1] > chunk_last || !span_key (ex, first, window[w - 1], key, sizeof key))
        continue;
      country = nd_gazetteer_lookup_demonym (ex->gazetteer, key);
      if (country != NULL)
        {
          best->kind = MATCH_DEMONYM;
          best->last = window[w - 1];
          best->org = NULL;
          best->country = country;
          break;
        }
    }

  if (best->kind != MATCH_NONE)
    return;

  /* one word: an acronym is an organisation first ("PA"), a name a
   * place first ("Jordan") */
  if (info & ND_WORD_ORG)
    {
      const char *org = nd_lexicon_lookup_organization (ex->lexicon, first_key, all_caps);

      if (org != NULL && all_caps)
        {
          best->kind = MATCH_ORG;
          best->org = org;
          return;
        }
      if (org != NULL)
        best->org = org;
    }

  if (place_key_ok (ex, first, first, first_key) &&
      nd_gazetteer_lookup (ex->gazetteer, first_key, NULL, 0) > 0)
    {
      best->kind = MATCH_PLACE;
      best->org = NULL;
      return;
    }

  if (best->org != NULL)
    {
      best->kind = MATCH_ORG;
      return;
    }

  if (info & ND_WORD_TITLE)
    {
      best->kind = MATCH_TITLE;
      return;
    }

  best->country = nd_gazetteer_lookup_demonym (ex->gazetteer, first_key);
  if (best->country != NULL)
    best->kind = MATCH_DEMONYM;
}

/* Does the word name a country or a continent ("Turkey", "China",
 * "Chad")? With `by_name`, only by its own name, not an alternate one
 * ("Island" is Iceland's in Icelandic, not in English news) */
static gboolean
names_country (Ex         *ex,
               const char *key,
               gboolean    by_name)
{
  const NdPlace *places[64];
  guint n = nd_gazetteer_lookup (ex->gazetteer, key, places, G_N_ELEMENTS (places));

  n = MIN (n, G_N_ELEMENTS (places));
  for (guint i = 0; i < n; i++)
    {
      char name_key[ND_EXTRACT_KEY_MAX];

      if (places[i]->kind != ND_PLACE_COUNTRY && places[i]->kind != ND_PLACE_CONTINENT)
        continue;
      if (!by_name)
        return TRUE;
      if (nd_extract_key (places[i]->name, -1, name_key, sizeof name_key) > 0 &&
          strcmp (name_key, key) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Is there a place of this name that is no small town: a region, an
 * area, or a city of a million? */
static gboolean
is_big_place (Ex         *ex,
              const char *key)
{
  const NdPlace *places[64];
  guint n = nd_gazetteer_lookup (ex->gazetteer, key, places, G_N_ELEMENTS (places));

  n = MIN (n, G_N_ELEMENTS (places));
  for (guint i = 0; i < n; i++)
    if (places[i]->kind != ND_PLACE_CITY || places[i]->population >= 1000000)
      return TRUE;

  return FALSE;
}

/* Segments of a chunk */

typedef struct
{
  MatchKind   kind;      /* MATCH_NONE: a run of unknown words */
  guint       first;
  guint       name_first; /* places: "North Kivu" is Kivu */
  guint       last;
  const char *org;
  const char *country;
} Segment;

/* "Jr.", "Sr.", "II", "III", "IV": ends of names */
static gboolean
is_name_suffix (const Ex *ex,
                guint     i)
{
  static const char * const suffixes[] = {
    "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "VI", "VII", "VIII", NULL
  };
  const NdToken *token = tok (ex, i);

  return token->kind == ND_TOKEN_WORD &&
         text_in (ex->text + token->start, token->end - token->start, suffixes);
}

static gboolean
has_digit (const Ex *ex,
           guint     i)
{
  const NdToken *token = tok (ex, i);

  for (guint32 b = token->start; b < token->end; b++)
    if (g_ascii_isdigit (ex->text[b]))
      return TRUE;

  return FALSE;
}

/* Classifies a run of unknown words first..last (name tokens and name
 * particles, no hard connectors) */
static CandKind
classify_run (Ex       *ex,
              guint     first,
              guint     last,
              gboolean  titled,
              gboolean  weak_title,
              gboolean  strict,
              guint16  *flags)
{
  gboolean no_name = FALSE;
  guint n_words = 0;
  guint n_common = 0;
  guint first_word = G_MAXUINT;
  guint last_word = 0;
  guint32 first_info;
  guint32 last_info;

  for (guint i = first; i <= last; i++)
    {
      const NdToken *token = tok (ex, i);

      if (!is_name_token (ex, i) && !(token->flags & ND_TOKEN_CAPITALIZED))
        continue;
      n_words++;
      if (first_word == G_MAXUINT)
        first_word = i;
      last_word = i;
      if (is_common (ex, i, G_MAXUINT) && !(info_of (ex, i) & ND_WORD_FIRST_NAME) &&
          !(i == last && (info_of (ex, i) & ND_WORD_SURNAME) &&
            (titled || (i > first && (info_of (ex, first) & ND_WORD_FIRST_NAME)))) &&
          !is_name_suffix (ex, i))
        n_common++;
      /* "AMX-10 RC", "MQ-9B": no one's name */
      if (has_digit (ex, i) || (token->flags & ND_TOKEN_ALL_CAPS && !(token->flags & ND_TOKEN_ABBREVIATION) &&
                                token->end - token->start > 1 && !is_name_suffix (ex, i)))
        no_name = TRUE;
    }

  if (n_words == 0)
    return CAND_NONE;

  first_info = info_of (ex, first_word);
  last_info = info_of (ex, last_word);

  /* "North Ossetia", "South Sudan": no one's name */
  if (text_in (key_of (ex, first_word), strlen (key_of (ex, first_word)), direction_words))
    return CAND_NONE;

  /* after a title: a name unless it reads as words ("U.S. Envoy Cuts
   * Gaza Ceasefire Talks Short") */
  if (titled)
    {
      if (n_words > MAX_NAME_WORDS - 1 || n_common > 0 || no_name)
        return CAND_NONE;
      if (strict && !((first_info | last_info) & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)))
        return CAND_NONE;
      /* "General Atomics": a one-word title that is also a common word
       * needs a name after it */
      if (n_words == 1 && weak_title && !(first_info & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)))
        return CAND_SINGLE;
      return CAND_PERSON;
    }

  if (no_name && n_words > 1 && !(last_info & ND_WORD_ORG_SUFFIX))
    return CAND_NONE;

  if (n_words == 1)
    return CAND_SINGLE;

  /* "Humanitarian Aid Network", "Acme Corp.", "Israeli Defense Ministry" */
  if (last_info & ND_WORD_ORG_SUFFIX)
    {
      if (n_words == 2 && (first_info & ND_WORD_FIRST_NAME) && !is_common (ex, first_word, COMMON_RANK_NAME) &&
          (last_info & ND_WORD_SURNAME))
        return CAND_PERSON;
      if (strict && !(first > 0 && token_is (ex, first - 1, "the")))
        return CAND_NONE;
      return CAND_ORG;
    }

  if (n_words > MAX_NAME_WORDS)
    return CAND_NONE;

  /* a given name first: "Brett McGurk", "Sergei Lavrov" */
  if ((first_info & ND_WORD_FIRST_NAME) && n_common == 0 &&
      !(first_info & ND_WORD_NON_NAME))
    return CAND_PERSON;

  /* "Will Smith": a given name that is a common word, then a surname */
  if ((first_info & ND_WORD_FIRST_NAME) && n_common <= 1 &&
      (last_info & ND_WORD_SURNAME) && !is_common (ex, last_word, COMMON_RANK_NAME))
    return CAND_PERSON;

  if (strict)
    return CAND_NONE;

  /* surnames, given names in other orders, names the lists lack */
  if (n_common == 0)
    {
      gboolean known = (first_info | last_info) & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME);

      if (!known)
        *flags |= CAND_WEAK;
      return n_words <= 4 ? CAND_PERSON : CAND_NONE;
    }

  return CAND_NONE;
}

/* Name words in first..last, not counting "Jr." or "II" */
static guint
count_words_in (Ex    *ex,
                guint  first,
                guint  last)
{
  guint n = 0;

  for (guint i = first; i <= last; i++)
    if (is_name_token (ex, i) && !is_name_suffix (ex, i))
      n++;

  return n;
}

/* A run of unknown words to candidates, splitting it at hard connectors
 * unless it is an organisation's name ("Ministry of Foreign Affairs") */
static void
add_run (Ex         *ex,
         guint       first,
         guint       last,
         const char *role,
         gboolean    weak_title,
         guint       royal_first,
         gint        place_before)
{
  guint16 flags = 0;
  CandKind kind;
  gboolean strict = (ex->marks[first] & MARK_STRICT) != 0;
  gboolean has_hard = FALSE;
  Cand *cand;

  /* trim connectors at the ends */
  while (first <= last && !is_name_token (ex, first))
    first++;
  while (last > first && !is_name_token (ex, last))
    last--;
  if (first > last || !is_name_token (ex, first))
    return;

  for (guint i = first; i <= last; i++)
    if (!is_name_token (ex, i) && token_in (ex, i, hard_connectors))
      has_hard = TRUE;

  if (has_hard)
    {
      guint32 last_info = info_of (ex, last);
      gboolean head = FALSE;

      /* "Ministry of ...", "Agency for Research on Cancer", "Army Corps
       * of Engineers" */
      for (guint i = first; i < last && !head; i++)
        if ((info_of (ex, i) & ND_WORD_ORG_SUFFIX) && is_name_token (ex, i) &&
            (token_is (ex, i + 1, "of") || token_is (ex, i + 1, "for") || token_is (ex, i + 1, "on")))
          head = TRUE;

      gboolean and_the = FALSE;

      /* "the Superdome and the Convention Center": two names */
      for (guint i = first; i < last; i++)
        if (token_is (ex, i, "and") && token_is (ex, i + 1, "the"))
          and_the = TRUE;

      if (((last_info & ND_WORD_ORG_SUFFIX) || head) && role == NULL && !and_the &&
          (!strict || (first > 0 && token_is (ex, first - 1, "the"))))
        {
          add_cand (ex, CAND_ORG, first, last);
          return;
        }

      /* split: "Smith and Jones" */
      for (guint i = first; i <= last; i++)
        {
          if (!is_name_token (ex, i) && token_in (ex, i, hard_connectors))
            {
              add_run (ex, first, i - 1, role, weak_title, royal_first, place_before);
              add_run (ex, i + 1, last, NULL, FALSE, G_MAXUINT, -1);
              return;
            }
        }
    }

  kind = classify_run (ex, first, last, role != NULL, weak_title, strict, &flags);

  /* "Amazon Fund", "U.S. Army": a place and an organisation word */
  if (kind == CAND_SINGLE && place_before >= 0 && (info_of (ex, first) & ND_WORD_ORG_SUFFIX) &&
      g_array_index (ex->cands, Cand, place_before).last + 1 == first)
    kind = CAND_ORG;

  /* "Pope Francis", "Queen Margrethe II": the title is part of the name */
  if (kind == CAND_PERSON && royal_first != G_MAXUINT && count_words_in (ex, first, last) == 1)
    first = royal_first;

  /* "Israeli Defense Ministry", "Gaza Health Ministry": the place or
   * demonym before belongs to the organisation's name */
  if (kind == CAND_ORG && place_before >= 0)
    {
      Cand *before = &g_array_index (ex->cands, Cand, place_before);

      if (before->last + 1 == first)
        {
          first = before->first;
          cand_clear (before);
          before->kind = CAND_NONE;
        }
    }

  if (kind == CAND_NONE)
    return;

  cand = add_cand (ex, kind, first, last);
  cand->flags |= flags;
  if (role != NULL)
    {
      cand->flags |= CAND_TITLED;
      cand->role = g_strdup (role);
    }
  if (tok (ex, first)->flags & ND_TOKEN_ALL_CAPS && first == last)
    cand->flags |= CAND_ALL_CAPS;
  if (is_common (ex, first, G_MAXUINT) && first == last)
    cand->flags |= CAND_COMMON;
  if (has_speech_cue (ex, first, last, STRONG_SPEECH_VERBS))
    cand->flags |= CAND_CUE;
}

/* Splits a hyphenated token into place or organisation mentions:
 * "Gaza-Egypt border", "Israel-Palestine conflict", "Doha-based" */
static gboolean
add_hyphen_parts (Ex    *ex,
                  guint  i)
{
  const NdToken *token = tok (ex, i);
  const char *p = ex->text + token->start;
  const char *end = ex->text + token->end;
  struct { guint32 bstart, bend, cstart, cend; MatchKind kind; const char *org; } parts[8];
  guint n = 0;
  guint32 cpos = token->cstart;
  guint known = 0;
  gboolean lower_tail = TRUE;

  while (p < end && n < G_N_ELEMENTS (parts))
    {
      const char *q = p;
      guint32 c0 = cpos;
      char key[ND_EXTRACT_KEY_MAX];

      while (q < end && *q != '-')
        {
          q = g_utf8_next_char (q);
          cpos++;
        }

      parts[n].bstart = (guint32) (p - ex->text);
      parts[n].bend = (guint32) (q - ex->text);
      parts[n].cstart = c0;
      parts[n].cend = cpos;
      parts[n].kind = MATCH_NONE;
      parts[n].org = NULL;

      if (nd_extract_key (p, q - p, key, sizeof key) > 2 && g_unichar_isupper (g_utf8_get_char (p)))
        {
          guint32 info = nd_lexicon_lookup_word (ex->lexicon, key);
          const char *org = (info & ND_WORD_ORG) ? nd_lexicon_lookup_organization (ex->lexicon, key, FALSE) : NULL;

          if (org != NULL)
            {
              parts[n].kind = MATCH_ORG;
              parts[n].org = org;
            }
          else if (nd_gazetteer_lookup (ex->gazetteer, key, NULL, 0) > 0 &&
                   (ND_WORD_INFO_RANK (info) == 0 || names_country (ex, key, TRUE)))
            {
              parts[n].kind = MATCH_PLACE;
            }
        }

      if (parts[n].kind != MATCH_NONE)
        known++;
      else if (n > 0 && !g_unichar_islower (g_utf8_get_char (p)))
        lower_tail = FALSE;

      n++;
      if (q < end)
        {
          q++;
          cpos++;
        }
      p = q;
    }

  if (known == 0)
    return FALSE;
  /* "Gaza-Egypt": every part known; "Doha-based": the first, then a
   * lower-case word */
  if (known != n && !(known == 1 && parts[0].kind != MATCH_NONE && lower_tail &&
                      n == 2 && text_in (ex->text + parts[1].bstart, parts[1].bend - parts[1].bstart,
                                          hyphen_suffixes)))
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      Cand cand = { 0, };
      char key[ND_EXTRACT_KEY_MAX];

      if (parts[k].kind == MATCH_NONE)
        continue;

      cand.kind = parts[k].kind == MATCH_ORG ? CAND_ORG : CAND_PLACE;
      cand.first = cand.last = i;
      cand.bstart = parts[k].bstart;
      cand.bend = parts[k].bend;
      cand.cstart = parts[k].cstart;
      cand.cend = parts[k].cend;
      cand.org = parts[k].org;
      cand.qualifier = -1;
      cand.person = -1;
      if (nd_extract_key (ex->text + cand.bstart, cand.bend - cand.bstart, key, sizeof key) > 0)
        cand.key = g_strdup (key);
      if (ex->marks[i] & MARK_STRICT)
        cand.flags |= CAND_STRICT;
      g_array_append_val (ex->cands, cand);
    }

  ex->marks[i] |= MARK_USED;
  return TRUE;
}

static void
add_segment (Segment    *segments,
             guint      *n,
             MatchKind   kind,
             guint       first,
             guint       last,
             const char *org,
             const char *country)
{
  Segment *segment = &segments[(*n)++];

  segment->kind = kind;
  segment->first = segment->name_first = first;
  segment->last = last;
  segment->org = org;
  segment->country = country;
}

/* Is the name one of a city of a million or more, a country or an area?
 * Those stay places before other capitalised words ("Paris Olympics") */
static gboolean
is_landmark_name (Ex         *ex,
                  const char *key)
{
  const NdPlace *places[64];
  guint n = nd_gazetteer_lookup (ex->gazetteer, key, places, G_N_ELEMENTS (places));

  n = MIN (n, G_N_ELEMENTS (places));
  for (guint i = 0; i < n; i++)
    if (places[i]->kind != ND_PLACE_REGION &&
        (places[i]->kind != ND_PLACE_CITY || places[i]->population >= 1000000))
      return TRUE;

  return FALSE;
}

/* Does an unknown capitalised word follow `last` in the chunk? */
static gboolean
unknown_word_follows (Ex    *ex,
                      guint  last,
                      guint  chunk_last)
{
  Match next;

  if (last >= chunk_last || !is_name_token (ex, last + 1) ||
      (tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    return FALSE;

  find_known (ex, last + 1, chunk_last, &next);
  return next.kind == MATCH_NONE;
}

/* Reconsiders a place match at `p` in its chunk; returns FALSE when the
 * words are something else here */
static gboolean
place_fits (Ex            *ex,
            const Segment *segments,
            guint          n,
            guint          p,
            const Match   *match,
            guint          last)
{
  const NdToken *token = tok (ex, p);
  char key[ND_EXTRACT_KEY_MAX];
  gboolean after_title = n > 0 && segments[n - 1].kind == MATCH_TITLE && segments[n - 1].last + 1 == p;
  gboolean run_before = n > 0 && segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p &&
                        is_name_token (ex, p - 1);
  guint next_name = p + 1;

  if (!span_key (ex, p, match->last, key, sizeof key))
    return FALSE;

  /* "Tampa Bay Rays", "Republic Day", "Tel Aviv University": a place's
   * name in a longer name, unless it is a big one ("Paris Olympics") */
  if (unknown_word_follows (ex, match->last, last) && !is_landmark_name (ex, key))
    return FALSE;

  if (match->last != p || (token->flags & ND_TOKEN_ALL_CAPS))
    return TRUE;

  if (text_in (key, strlen (key), direction_words))
    return FALSE;
  if (names_country (ex, key, FALSE))
    return TRUE;

  /* "North Kivu" */
  if (run_before && segments[n - 1].first == p - 1 &&
      text_in (key_of (ex, p - 1), strlen (key_of (ex, p - 1)), direction_words))
    return TRUE;

  /* "Secretary of State Antony Blinken" */
  if (after_title)
    return FALSE;

  /* "Bill Clinton", "Iker Casillas": a given name, then a town that is a
   * surname */
  if (run_before && (info_of (ex, segments[n - 1].first) & ND_WORD_FIRST_NAME))
    return FALSE;

  /* "Paris Hilton", "Nigel de Jong": a town that is a given name */
  while (next_name <= last && !is_name_token (ex, next_name))
    next_name++;
  if ((info_of (ex, p) & ND_WORD_FIRST_NAME) && next_name <= last &&
      !is_common (ex, next_name, G_MAXUINT))
    {
      Match next;

      find_known (ex, next_name, last, &next);
      if (next.kind == MATCH_NONE)
        return FALSE;
    }

  /* "University", "Union": the end of a name */
  if (info_of (ex, p) & ND_WORD_ORG_SUFFIX)
    return FALSE;

  /* "National Republic": a small town's name after other capitalised
   * words */
  if (run_before && !is_big_place (ex, key))
    return FALSE;

  return TRUE;
}

/* Cuts the chunk first..last into segments: known names by longest
 * match, runs of other words between them. Returns the number of
 * segments; `last` may grow when a known name runs on into lower-case
 * words ("Palestinian territories"). */
static guint
segment_chunk (Ex      *ex,
               guint    first,
               guint   *last,
               Segment *segments,
               guint    max)
{
  gboolean strict = (ex->marks[first] & MARK_STRICT) != 0;
  guint n = 0;
  guint p = first;

  while (p <= *last && n < max - 1)
    {
      const NdToken *token = tok (ex, p);
      gboolean positional = (token->flags & (ND_TOKEN_SENTENCE_START | ND_TOKEN_CLAUSE_START)) != 0;
      Match match;

      if (!is_name_token (ex, p))
        {
          /* a connector: kept in a run, a separator elsewhere */
          if (n > 0 && segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p)
            segments[n - 1].last = p;
          else
            add_segment (segments, &n, MATCH_NONE, p, p, NULL, NULL);
          p++;
          continue;
        }

      find_known (ex, p, *last, &match);

      /* one common word ("House", "Strip") is a name only alone and in
       * running text, where its capital means something */
      if (match.kind != MATCH_NONE && match.kind != MATCH_TITLE && match.last == p &&
          is_common (ex, p, G_MAXUINT) && !is_acronym (token))
        {
          gboolean country = match.kind == MATCH_PLACE && names_country (ex, key_of (ex, p), TRUE);

          if (!country && (first != *last || positional || strict))
            match.kind = MATCH_NONE;
        }

      if (match.kind == MATCH_PLACE && !place_fits (ex, segments, n, p, &match, *last))
        match.kind = MATCH_NONE;

      /* "Air Force One", "Congress Party": a known name in a longer one */
      if (match.kind == MATCH_ORG && !(token->flags & ND_TOKEN_ALL_CAPS) &&
          unknown_word_follows (ex, match.last, *last))
        match.kind = MATCH_NONE;

      /* "Martin Luther King", "Stephen King": a one-word title in a name */
      if (match.kind == MATCH_TITLE && match.last == p && n > 0 &&
          segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p &&
          is_name_token (ex, segments[n - 1].first) && is_name_token (ex, p - 1) &&
          (info_of (ex, segments[n - 1].first) & ND_WORD_FIRST_NAME))
        match.kind = MATCH_NONE;

      if (match.kind == MATCH_NONE && (token->flags & ND_TOKEN_HYPHENATED) && add_hyphen_parts (ex, p))
        {
          /* a separator between runs */
          add_segment (segments, &n, MATCH_DEMONYM, p, p, NULL, NULL);
          p++;
          continue;
        }

      if (match.kind == MATCH_NONE)
        {
          guint32 info = info_of (ex, p);

          /* "The", "However", "Officials" at a sentence start */
          if (positional && p == first && (is_common (ex, p, G_MAXUINT) || (info & ND_WORD_NON_NAME)))
            {
              gboolean name_follows = (info & ND_WORD_FIRST_NAME) && !(info & ND_WORD_NON_NAME) &&
                                      p < *last && is_name_token (ex, p + 1) &&
                                      (info_of (ex, p + 1) & ND_WORD_SURNAME) &&
                                      !is_common (ex, p + 1, COMMON_RANK_NAME);

              if (!name_follows)
                {
                  p++;
                  first = p;
                  continue;
                }
            }

          if (n > 0 && segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p)
            segments[n - 1].last = p;
          else
            add_segment (segments, &n, MATCH_NONE, p, p, NULL, NULL);
          p++;
          continue;
        }

      add_segment (segments, &n, match.kind, p, match.last, match.org, match.country);

      /* "North Kivu", "Southern Lebanon": the direction is part of the
       * mention, the place is Kivu, Lebanon */
      if (match.kind == MATCH_PLACE && n > 1 && segments[n - 2].kind == MATCH_NONE &&
          segments[n - 2].first == segments[n - 2].last && segments[n - 2].last + 1 == p &&
          is_name_token (ex, p - 1) &&
          text_in (key_of (ex, p - 1), strlen (key_of (ex, p - 1)), direction_words))
        {
          segments[n - 2] = segments[n - 1];
          segments[n - 2].first = p - 1;
          n--;
        }

      if (match.last > *last)
        *last = match.last;
      p = match.last + 1;
    }

  return n;
}

/* Ends with a connector ("Church of", "Agency for") after an
 * organisation word? */
static gboolean
is_org_head (Ex            *ex,
             const Segment *segment)
{
  guint end = segment->last;

  if (is_name_token (ex, end) || end == segment->first)
    return FALSE;
  if (!token_is (ex, end, "of") && !token_is (ex, end, "for"))
    return FALSE;

  return (info_of (ex, end - 1) & ND_WORD_ORG_SUFFIX) && is_name_token (ex, end - 1);
}

/* "U.S. Congress", "U.S. State Department": a known organisation whose
 * name starts with a place and goes on with another of its names is the
 * place and the organisation. Returns the place's last token, or 0. */
static guint
split_org_place (Ex            *ex,
                 const Segment *segment)
{
  char key[ND_EXTRACT_KEY_MAX];

  for (guint k = segment->first; k < segment->last; k++)
    {
      const char *org;

      if (!span_key (ex, segment->first, k, key, sizeof key) ||
          !place_key_ok (ex, segment->first, k, key) ||
          nd_gazetteer_lookup (ex->gazetteer, key, NULL, 0) == 0)
        continue;
      if (!span_key (ex, k + 1, segment->last, key, sizeof key))
        continue;
      org = nd_lexicon_lookup_organization (ex->lexicon, key, (tok (ex, k + 1)->flags & ND_TOKEN_ALL_CAPS) != 0);
      if (org != NULL && strcmp (org, segment->org) == 0)
        return k;
    }

  return 0;
}

/* Does the organisation's name contain the words of `key`? */
static gboolean
org_names (const char *org,
           const char *key)
{
  char org_key[ND_EXTRACT_KEY_MAX];

  if (nd_extract_key (org, -1, org_key, sizeof org_key) == 0)
    return FALSE;

  return has_word (org_key, key);
}

/* "Pope", "Queen", "King": titles that are part of a name of one word
 * ("Pope Francis", "Queen Margrethe II") */
static gboolean
royal_title (Ex            *ex,
             const Segment *segment)
{
  char key[ND_EXTRACT_KEY_MAX];

  if (!span_key (ex, segment->first, segment->last, key, sizeof key))
    return FALSE;

  return (nd_lexicon_lookup_word (ex->lexicon, key) & ND_WORD_TITLE_ROYAL) != 0;
}

/* Turns the segments of a chunk into candidates */
static void
interpret_segments (Ex      *ex,
                    Segment *segments,
                    guint    n)
{
  gint place_before = -1;

  for (guint s = 0; s < n; s++)
    {
      Segment *segment = &segments[s];
      Segment *next = s + 1 < n ? &segments[s + 1] : NULL;
      Cand *cand;

      switch (segment->kind)
        {
        case MATCH_ORG:
          {
            guint split = split_org_place (ex, segment);
            Cand *before = place_before >= 0 ? &g_array_index (ex->cands, Cand, place_before) : NULL;

            Segment *after = s + 2 < n ? &segments[s + 2] : NULL;

            /* "U.S. District Court for the Northern Mariana Islands" */
            if (next != NULL && after != NULL && next->kind == MATCH_NONE &&
                next->first == segment->last + 1 && !is_name_token (ex, next->first) &&
                !is_name_token (ex, next->last) && after->first == next->last + 1 &&
                (after->kind == MATCH_PLACE || after->kind == MATCH_ORG) &&
                (token_is (ex, next->first, "of") || token_is (ex, next->first, "for")) &&
                (info_of (ex, segment->last) & ND_WORD_ORG_SUFFIX))
              {
                cand = add_cand (ex, CAND_ORG, segment->first, after->last);
                s += 2;
                place_before = -1;
                break;
              }

            if (split > 0)
              {
                add_cand (ex, CAND_PLACE, segment->first, split);
                cand = add_cand (ex, CAND_ORG, split + 1, segment->last);
                cand->org = segment->org;
              }
            else if (before != NULL && before->last + 1 == segment->first && before->key != NULL &&
                     !org_names (segment->org, before->key))
              {
                /* "Sri Lankan Air Force": not the U.S. one the words alone
                 * name */
                guint start = before->first;

                cand_clear (before);
                before->kind = CAND_NONE;
                cand = add_cand (ex, CAND_ORG, start, segment->last);
              }
            else
              {
                cand = add_cand (ex, CAND_ORG, segment->first, segment->last);
                cand->org = segment->org;
              }
            if (tok (ex, segment->first)->flags & ND_TOKEN_ALL_CAPS)
              cand->flags |= CAND_ALL_CAPS;
            place_before = -1;
          }
          break;

        case MATCH_PLACE:
          cand = add_cand (ex, CAND_PLACE, segment->first, segment->last);
          if (segment->name_first != segment->first)
            {
              char key[ND_EXTRACT_KEY_MAX];

              g_free (cand->key);
              cand->key = span_key (ex, segment->name_first, segment->last, key, sizeof key) ? g_strdup (key) : NULL;
            }
          if (segment->name_first == segment->last && is_common (ex, segment->last, G_MAXUINT))
            cand->flags |= CAND_COMMON;
          place_before = (gint) ex->cands->len - 1;
          break;

        case MATCH_DEMONYM:
          if (segment->country != NULL)
            {
              cand = add_cand (ex, CAND_DEMONYM, segment->first, segment->last);
              cand->country = segment->country;
              place_before = (gint) ex->cands->len - 1;
            }
          break;

        case MATCH_TITLE:
          {
            g_autofree char *role = text_of (ex, tok (ex, segment->first)->start,
                                             tok (ex, segment->last)->end);

            /* a title that starts with an organisation or a place: "CIA
             * Director", "White House Press Secretary", "UN Envoy" */
            for (guint k = segment->last; k-- > segment->first;)
              {
                char key[ND_EXTRACT_KEY_MAX];
                const char *org;

                if (!span_key (ex, segment->first, k, key, sizeof key))
                  continue;
                /* an acronym, or a name of several words */
                if (!(tok (ex, segment->first)->flags & ND_TOKEN_ALL_CAPS) && k == segment->first)
                  continue;
                org = nd_lexicon_lookup_organization (ex->lexicon, key, TRUE);
                if (org != NULL)
                  {
                    cand = add_cand (ex, CAND_ORG, segment->first, k);
                    cand->org = org;
                    break;
                  }
                if (place_key_ok (ex, segment->first, k, key) && !is_common (ex, k, G_MAXUINT) &&
                    nd_gazetteer_lookup (ex->gazetteer, key, NULL, 0) > 0)
                  {
                    add_cand (ex, CAND_PLACE, segment->first, k);
                    break;
                  }
              }

            /* a title and a name: "Prime Minister Benjamin Netanyahu" */
            if (next != NULL && next->kind == MATCH_NONE && next->first == segment->last + 1 &&
                is_name_token (ex, next->first))
              {
                /* a one-word title that is a common word: "General" */
                gboolean weak = segment->first == segment->last && is_common (ex, segment->first, G_MAXUINT);

                add_run (ex, next->first, next->last, role, weak,
                         royal_title (ex, segment) ? segment->first : G_MAXUINT, -1);
                s++;
              }
            place_before = -1;
          }
          break;

        case MATCH_NONE:
        default:
          {
            g_autofree char *role = NULL;
            gboolean weak = FALSE;

            if (!is_name_token (ex, segment->first) && segment->first == segment->last)
              break;

            /* "Church of Scotland", "Ministry of Foreign Affairs",
             * "University of Tokyo" */
            if (is_org_head (ex, segment) && next != NULL && next->first == segment->last + 1 &&
                next->kind != MATCH_TITLE)
              {
                guint start = segment->first;

                while (!is_name_token (ex, start))
                  start++;
                add_cand (ex, CAND_ORG, start, next->last);
                s++;
                place_before = -1;
                break;
              }

            if (s == 0)
              role = title_before (ex, segment->first, &weak);
            add_run (ex, segment->first, segment->last, role, weak, G_MAXUINT, place_before);
            place_before = -1;
          }
          break;
        }
    }
}

/* Cuts the chunk first..last into segments and turns them into
 * candidates; returns the chunk's last token (a known name may run on
 * into lower-case words) */
static guint
process_chunk (Ex    *ex,
               guint  first,
               guint  last)
{
  Segment segments[48];
  guint n;

  n = segment_chunk (ex, first, &last, segments, G_N_ELEMENTS (segments));
  interpret_segments (ex, segments, n);

  return last;
}

static void
find_chunks (Ex *ex)
{
  for (guint i = 0; i < ex->n; i++)
    {
      guint j = i;

      if (!is_name_token (ex, i))
        continue;

      for (;;)
        {
          guint k = j + 1;
          guint c = k;

          /* a possessive ends a name ("Israel's army"), unless it is
           * a common word inside one ("Women's University", "People's
           * Party") */
          if ((tok (ex, j)->flags & ND_TOKEN_POSSESSIVE) &&
              !(is_common (ex, j, G_MAXUINT) && is_name_token (ex, k) &&
                !(tok (ex, k)->flags & ND_TOKEN_SENTENCE_START)))
            break;
          if (is_name_token (ex, k) && !(tok (ex, k)->flags & ND_TOKEN_SENTENCE_START))
            {
              j = k;
              continue;
            }

          /* up to two connectors: "Bank of England", "Commander of the Faithful" */
          while (c < ex->n && c < k + 2 && is_connector (ex, c) && !is_name_token (ex, c))
            c++;
          if (c > k && is_name_token (ex, c) && !(tok (ex, c)->flags & ND_TOKEN_SENTENCE_START))
            {
              j = c;
              continue;
            }
          break;
        }

      i = process_chunk (ex, i, j);
    }
}

/* Blocks: headings and tables are strict */
static void
mark_blocks (Ex *ex)
{
  g_autoptr(GPtrArray) blocks = nd_body_parse (ex->text);
  guint t = 0;

  for (guint b = 0; b < blocks->len; b++)
    {
      const NdBlock *block = g_ptr_array_index (blocks, b);

      if (block->kind != ND_BLOCK_HEADING && block->kind != ND_BLOCK_TABLE)
        continue;

      while (t < ex->n && tok (ex, t)->cstart < block->start)
        t++;
      for (; t < ex->n && tok (ex, t)->cstart < block->end; t++)
        ex->marks[t] |= MARK_STRICT;
    }
}

/* Coreference */

static guint
count_name_words (Ex         *ex,
                  const Cand *cand,
                  guint      *first_word,
                  guint      *last_word)
{
  guint n = 0;

  *first_word = cand->first;
  *last_word = cand->last;
  for (guint i = cand->first; i <= cand->last; i++)
    {
      const NdToken *token = tok (ex, i);

      if (token->kind != ND_TOKEN_WORD || !(token->flags & (ND_TOKEN_CAPITALIZED | ND_TOKEN_ALL_CAPS)))
        continue;
      if (n == 0)
        *first_word = i;
      *last_word = i;
      n++;
    }

  return n;
}

/* The keys of a person's name words, joined by spaces: "antony blinken" */
static char *
name_words_key (Ex         *ex,
                const Cand *cand)
{
  GString *key = g_string_new (NULL);

  for (guint i = cand->first; i <= cand->last; i++)
    {
      const NdToken *token = tok (ex, i);

      if (token->kind != ND_TOKEN_WORD || !(token->flags & (ND_TOKEN_CAPITALIZED | ND_TOKEN_ALL_CAPS)))
        continue;
      if (key->len > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, key_of (ex, i));
    }

  return g_string_free (key, FALSE);
}

static gint
add_person (Ex         *ex,
            const char *name,
            const char *words,
            guint       n_words,
            const char *role)
{
  Person *person = g_new0 (Person, 1);
  const char *space = strchr (words, ' ');
  const char *last_space = strrchr (words, ' ');

  person->name = g_strdup (name);
  person->words = g_strdup (words);
  person->first_key = space != NULL ? g_strndup (words, space - words) : NULL;
  person->last_key = g_strdup (last_space != NULL ? last_space + 1 : words);
  person->n_words = n_words;
  person->role = g_strdup (role);
  g_ptr_array_add (ex->persons, person);

  return (gint) ex->persons->len - 1;
}

/* The person a one-word mention refers to: the one whose surname it is,
 * else whose given name, else who has it among the words of the name
 * ("Lula" in "Luiz Inácio Lula da Silva"). -1 when none, -2 when two
 * people share it. */
static gint
link_word (Ex         *ex,
           const char *key)
{
  for (guint pass = 0; key != NULL && pass < 3; pass++)
    {
      gint found = -1;

      for (guint i = 0; i < ex->persons->len; i++)
        {
          Person *person = g_ptr_array_index (ex->persons, i);
          gboolean hit;

          if (pass == 0)
            hit = strcmp (person->last_key, key) == 0;
          else if (pass == 1)
            hit = person->first_key != NULL && strcmp (person->first_key, key) == 0;
          else
            hit = has_word (person->words, key);

          if (!hit)
            continue;
          if (found >= 0)
            return -2;
          found = (gint) i;
        }

      if (found >= 0)
        return found;
    }

  return -1;
}

/* The person a name of several words refers to: the same words, or the
 * last words of a longer name ("Peña Nieto", "Lacalle Pou") */
static gint
link_name (Ex         *ex,
           const char *words)
{
  gsize length = strlen (words);
  gint found = -1;

  for (guint i = 0; i < ex->persons->len; i++)
    {
      Person *person = g_ptr_array_index (ex->persons, i);
      gsize plength = strlen (person->words);

      if (strcmp (person->words, words) == 0)
        return (gint) i;

      if (plength > length && person->words[plength - length - 1] == ' ' &&
          strcmp (person->words + plength - length, words) == 0)
        {
          if (found >= 0)
            return -2;
          found = (gint) i;
        }
    }

  return found;
}

/* Is `key` mentioned on its own elsewhere (a surname used again)? */
static gboolean
mentioned_alone (Ex         *ex,
                 guint       except,
                 const char *key)
{
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);

      if (c != except && cand->first == cand->last && cand->key != NULL &&
          strcmp (cand->key, key) == 0)
        return TRUE;
    }

  return FALSE;
}

static gint
compare_by_words (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Ex *ex = user_data;
  const Cand *ca = &g_array_index (ex->cands, Cand, *(const guint *) a);
  const Cand *cb = &g_array_index (ex->cands, Cand, *(const guint *) b);

  if (ca->n_words != cb->n_words)
    return ca->n_words > cb->n_words ? -1 : 1;

  return (ca->cstart > cb->cstart) - (ca->cstart < cb->cstart);
}

static void
resolve_persons (Ex *ex)
{
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (guint));

  /* names of several words, longest first, so that shorter forms find
   * the full name they belong to */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      guint first_word, last_word;

      if (cand->kind != CAND_PERSON)
        continue;

      cand->n_words = count_name_words (ex, cand, &first_word, &last_word);
      if (cand->n_words < 2)
        continue;

      /* a name no list knows, said once, without context: no evidence */
      if ((cand->flags & CAND_WEAK) && !(cand->flags & CAND_CUE))
        {
          gboolean again = FALSE;

          for (guint i = cand->first; i <= cand->last && !again; i++)
            if (is_name_token (ex, i) || (tok (ex, i)->flags & ND_TOKEN_CAPITALIZED))
              again = mentioned_alone (ex, c, key_of (ex, i));

          if (!again)
            {
              cand->kind = CAND_NONE;
              continue;
            }
        }

      g_array_append_val (full, c);
    }

  g_array_sort_with_data (full, compare_by_words, ex);

  for (guint f = 0; f < full->len; f++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, g_array_index (full, guint, f));
      g_autofree char *words = name_words_key (ex, cand);
      gint person = link_name (ex, words);

      if (person == -1)
        {
          g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

          person = add_person (ex, name, words, cand->n_words, cand->role);
        }
      if (person < 0)
        {
          cand->kind = CAND_NONE;
          continue;
        }
      cand->person = person;

      if (cand->role != NULL)
        {
          Person *p = g_ptr_array_index (ex->persons, person);

          if (p->role == NULL)
            p->role = g_strdup (cand->role);
        }
    }

  /* one word after a title: "President Biden", "Pope Francis" */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      gint person;

      if (cand->kind != CAND_PERSON || cand->person >= 0 || cand->key == NULL)
        continue;

      person = link_word (ex, cand->key);
      if (person == -1)
        {
          g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

          person = add_person (ex, name, cand->key, 1, cand->role);
        }
      else if (person >= 0 && cand->role != NULL)
        {
          Person *p = g_ptr_array_index (ex->persons, person);

          if (p->role == NULL)
            p->role = g_strdup (cand->role);
        }

      if (person >= 0)
        cand->person = person;
      else
        cand->kind = CAND_NONE;
    }

  /* single words and one-word places that are someone's name
   * ("Clinton", "Jordan" after "Michael Jordan") */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      gint person;

      if (cand->key == NULL || cand->first != cand->last)
        continue;
      if (cand->kind != CAND_SINGLE && cand->kind != CAND_PLACE)
        continue;
      if (cand->kind == CAND_PLACE && names_country (ex, cand->key, FALSE))
        continue;

      person = link_word (ex, cand->key);
      if (person >= 0)
        {
          cand->kind = CAND_PERSON;
          cand->person = person;
        }
    }
}

/* Acronyms the text defines: "National Security Council (NSC)" */
static void
find_acronyms (Ex *ex)
{
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      guint i = cand->last + 1;
      const NdToken *token;
      g_autofree char *name = NULL;

      if (cand->kind != CAND_ORG || cand->first == cand->last)
        continue;
      if (!token_is_punct (ex, i, '(') || !token_is_punct (ex, i + 2, ')'))
        continue;

      token = tok (ex, i + 1);
      if (token->kind != ND_TOKEN_WORD || !(token->flags & ND_TOKEN_ALL_CAPS))
        continue;

      name = cand->org != NULL ? g_strdup (cand->org) : text_of (ex, cand->bstart, cand->bend);
      g_hash_table_insert (ex->acronyms, g_strdup (key_of (ex, i + 1)), g_steal_pointer (&name));
    }
}

/* An inner capital after lower-case letters ("WikiLeaks"), not a name
 * prefix ("McGurk", "MacArthur", "DeSantis", "LaGuardia", "VanDyke") */
static gboolean
is_camel_case (const Ex *ex,
               guint     i)
{
  static const char * const prefixes[] = { "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O", NULL };
  const NdToken *token = tok (ex, i);
  const char *text = ex->text + token->start;
  guint length = token->end - token->start;

  for (guint k = 2; k < length; k++)
    {
      if (!g_ascii_isupper (text[k]) || !g_ascii_islower (text[k - 1]))
        continue;
      for (guint p = 0; prefixes[p] != NULL; p++)
        if (strlen (prefixes[p]) == k && memcmp (prefixes[p], text, k) == 0)
          return FALSE;
      return TRUE;
    }

  return FALSE;
}

typedef struct
{
  guint total;
  guint running;   /* in running text, not capitalised by position */
  guint cues;
  guint32 info;
  gboolean all_caps;
} WordStats;

/* Single unknown words: people when the text says so */
static void
resolve_singles (Ex *ex)
{
  g_autoptr(GHashTable) stats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      WordStats *ws;

      if (cand->kind != CAND_SINGLE || cand->key == NULL)
        continue;

      ws = g_hash_table_lookup (stats, cand->key);
      if (ws == NULL)
        {
          ws = g_new0 (WordStats, 1);
          ws->info = info_of (ex, cand->first);
          g_hash_table_insert (stats, cand->key, ws);
        }
      ws->total++;
      if (!(cand->flags & (CAND_INITIAL | CAND_STRICT)))
        ws->running++;
      if (cand->flags & CAND_CUE)
        ws->cues++;
      if (cand->flags & CAND_ALL_CAPS)
        ws->all_caps = TRUE;
    }

  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      const char *org;
      WordStats *ws;
      gboolean name_word;
      gint person;

      if (cand->kind != CAND_SINGLE || cand->key == NULL)
        continue;

      org = g_hash_table_lookup (ex->acronyms, cand->key);
      if (org != NULL)
        {
          cand->kind = CAND_ORG;
          cand->org = org;
          continue;
        }

      ws = g_hash_table_lookup (stats, cand->key);
      name_word = (ws->info & (ND_WORD_SURNAME | ND_WORD_FIRST_NAME)) != 0;

      if (ws->all_caps || ws->running == 0 ||
          (is_common (ex, cand->first, G_MAXUINT) && !name_word) ||
          text_in (cand->key, strlen (cand->key), direction_words))
        {
          cand->kind = CAND_NONE;
          continue;
        }

      /* "WikiLeaks", "YouTube", "PayPal": brands, not people */
      if (is_camel_case (ex, cand->first))
        {
          cand->kind = CAND_ORG;
          continue;
        }

      if (ws->cues > 0)
        {
          person = link_word (ex, cand->key);
          if (person == -1)
            {
              g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

              person = add_person (ex, name, cand->key, 1, NULL);
            }
          if (person >= 0)
            {
              cand->kind = CAND_PERSON;
              cand->person = person;
              continue;
            }
        }

      cand->kind = CAND_NONE;
    }
}

/* Places */

static guint
place_candidates (Ex             *ex,
                  const Cand     *cand,
                  const NdPlace **out,
                  guint           max)
{
  guint n;
  guint kept = 0;

  if (cand->key == NULL)
    return 0;

  n = MIN (nd_gazetteer_lookup (ex->gazetteer, cand->key, out, max), max);

  for (guint i = 0; i < n; i++)
    {
      const NdPlace *place = out[i];

      /* a common word ("Mobile", "Reading") only as a big place */
      if (cand->flags & CAND_COMMON)
        {
          if (place->kind == ND_PLACE_REGION)
            continue;
          if (place->kind == ND_PLACE_CITY && place->population < COMMON_WORD_CITY_POPULATION)
            continue;
        }
      out[kept++] = place;
    }

  return kept;
}

static gboolean
is_broad (const NdPlace *place)
{
  return place->kind == ND_PLACE_COUNTRY || place->kind == ND_PLACE_AREA ||
         place->kind == ND_PLACE_CONTINENT;
}

/* Words before a place name that say it is one: "in Saipan", "flew to
 * Orly" */
static const char * const locatives[] = {
  "in", "at", "near", "outside", "to", "from", "into", "via", "across",
  "toward", "towards", "around", "throughout", "visited", "visiting",
  "visit", "toured", "touring", "reached", "left", "leaving", "entered",
  NULL
};

/* A city named without its country needs a reason to be taken for one:
 * this many people, or the article's context */
#define BARE_CITY_POPULATION 500000

static gboolean
has_place_cue (Ex         *ex,
               const Cand *cand)
{
  const NdToken *first = tok (ex, cand->first);

  if (cand->first > 0 && token_in (ex, cand->first - 1, locatives))
    return TRUE;

  /* a dateline: "SAIPAN, Northern Mariana Islands (AP) —" */
  if ((first->flags & ND_TOKEN_SENTENCE_START) && (first->flags & ND_TOKEN_ALL_CAPS) &&
      (token_is_punct (ex, cand->last + 1, ',') || token_is_punct (ex, cand->last + 1, '(') ||
       token_is_punct (ex, cand->last + 1, '-')))
    return TRUE;

  return FALSE;
}

/* Is `key` the place's own name, not one of its other names? */
static gboolean
is_own_name (const NdPlace *place,
             const char    *key)
{
  char name_key[ND_EXTRACT_KEY_MAX];

  return nd_extract_key (place->name, -1, name_key, sizeof name_key) > 0 &&
         strcmp (name_key, key) == 0;
}

static void
resolve_places (Ex *ex)
{
  g_autoptr(NdPlaceContext) context = nd_place_context_new ();
  g_autoptr(GHashTable) resolved = g_hash_table_new (g_str_hash, g_str_equal);
  const NdPlace *places[64];

  /* "Tel Aviv, Israel": the second names where the first is */
  for (guint c = 0; c + 1 < ex->cands->len; c++)
    {
      Cand *a = &g_array_index (ex->cands, Cand, c);
      Cand *b = &g_array_index (ex->cands, Cand, c + 1);

      if (a->kind == CAND_PLACE && b->kind == CAND_PLACE &&
          token_is_punct (ex, a->last + 1, ',') && b->first == a->last + 2)
        a->qualifier = (gint) c + 1;
    }

  /* context: demonyms, and names that are countries or areas or have
   * only one place */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      guint n;

      if (cand->kind == CAND_DEMONYM)
        {
          nd_place_context_add_country (context, cand->country, 0.5);
          continue;
        }
      if (cand->kind != CAND_PLACE)
        continue;

      n = place_candidates (ex, cand, places, G_N_ELEMENTS (places));
      if (n == 0)
        {
          cand->kind = CAND_NONE;
          continue;
        }

      for (guint i = 0; i < n; i++)
        {
          if (is_broad (places[i]))
            {
              cand->place = places[i];
              break;
            }
        }
      if (cand->place == NULL && n == 1 && places[0]->kind == ND_PLACE_REGION)
        cand->place = places[0];

      if (cand->place != NULL)
        {
          nd_place_context_add_country (context, cand->place->country, 1.0);
          if (!is_broad (cand->place))
            nd_place_context_add_place (context, cand->place);
        }
    }

  /* then the rest, one name at a time in text order, every mention of a
   * name the same place; each adds to the context */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      const NdPlace *best = NULL;
      double best_score = -G_MAXDOUBLE;
      gboolean cue = FALSE;
      gboolean qualified = FALSE;
      gboolean in_context = FALSE;
      guint n;

      if (cand->kind != CAND_PLACE || cand->place != NULL)
        continue;

      if (g_hash_table_contains (resolved, cand->key))
        {
          cand->place = g_hash_table_lookup (resolved, cand->key);
          if (cand->place == NULL)
            cand->kind = CAND_NONE;
          continue;
        }

      n = place_candidates (ex, cand, places, G_N_ELEMENTS (places));

      /* what all mentions of the name say */
      for (guint k = c; k < ex->cands->len; k++)
        {
          Cand *other = &g_array_index (ex->cands, Cand, k);

          if (other->kind == CAND_PLACE && strcmp (other->key, cand->key) == 0 && has_place_cue (ex, other))
            cue = TRUE;
        }

      for (guint i = 0; i < n; i++)
        {
          double score = nd_gazetteer_score (ex->gazetteer, places[i], context);

          for (guint k = c; k < ex->cands->len; k++)
            {
              Cand *other = &g_array_index (ex->cands, Cand, k);
              Cand *q;
              const NdPlace *outer[64];
              guint m;

              if (other->kind != CAND_PLACE || other->qualifier < 0 || strcmp (other->key, cand->key) != 0)
                continue;

              q = &g_array_index (ex->cands, Cand, other->qualifier);
              m = q->place != NULL ? 1 : place_candidates (ex, q, outer, G_N_ELEMENTS (outer));
              if (q->place != NULL)
                outer[0] = q->place;
              for (guint j = 0; j < m; j++)
                {
                  if (nd_place_contains (outer[j], places[i]))
                    {
                      /* datelines and "City, Country" name cities */
                      score += 20 + (places[i]->kind == ND_PLACE_CITY ? 1 : 0);
                      qualified = TRUE;
                      if (q->place == NULL)
                        q->place = outer[j];
                      break;
                    }
                }
              break;
            }

          if (score > best_score)
            {
              best = places[i];
              best_score = score;
            }
        }

      /* "Monsanto", "Morena": a town of that name somewhere the article
       * is not about is no reason to think a place is meant; nor is a
       * region's other name ("Jewish" for the Jewish Autonomous Oblast) */
      if (best != NULL && !qualified && !cue &&
          ((best->kind == ND_PLACE_CITY && best->population < BARE_CITY_POPULATION) ||
           (best->kind == ND_PLACE_REGION && cand->first == cand->last && !is_own_name (best, cand->key))))
        {
          in_context = nd_gazetteer_score (ex->gazetteer, best, context) >
                       nd_gazetteer_score (ex->gazetteer, best, NULL) + 0.5;
          if (!in_context)
            best = NULL;
        }

      g_hash_table_insert (resolved, cand->key, (gpointer) best);
      cand->place = best;
      if (best != NULL)
        {
          nd_place_context_add_country (context, best->country, 0.5);
          nd_place_context_add_place (context, best);
        }
      else
        {
          cand->kind = CAND_NONE;
        }
    }
}

/* Entities */

typedef struct
{
  NdEntity *entity;
  guint     first_mention;
} Group;

/* The entity for `id` (taken), created when it is new */
static NdEntity *
group_entity (GHashTable   *groups,
              GPtrArray    *order,
              char         *id,
              NdEntityKind  kind,
              const char   *name,
              guint         position,
              gboolean     *is_new)
{
  Group *group = g_hash_table_lookup (groups, id);

  *is_new = group == NULL;
  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->entity = nd_entity_new (kind, name);
      group->first_mention = position;
      g_hash_table_insert (groups, id, group);
      g_ptr_array_add (order, group);
    }
  else
    {
      g_free (id);
      if (position < group->first_mention)
        group->first_mention = position;
    }

  return group->entity;
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(const Group * const *) a;
  const Group *gb = *(const Group * const *) b;

  return (ga->first_mention > gb->first_mention) - (ga->first_mention < gb->first_mention);
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_clear_object (&group->entity);
  g_free (group);
}

static GPtrArray *
build_entities (Ex     *ex,
                GArray *dates)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (group_free);
  GPtrArray *entities;

  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      g_autofree char *text = NULL;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      NdEntityKind kind;
      NdEntity *entity;
      gboolean is_new;

      switch (cand->kind)
        {
        case CAND_PERSON:
          {
            Person *person = g_ptr_array_index (ex->persons, cand->person);

            kind = ND_ENTITY_PERSON;
            id = g_strdup_printf ("p%d", cand->person);
            name = g_strdup (person->name);
          }
          break;

        case CAND_PLACE:
          kind = ND_ENTITY_PLACE;
          id = g_strdup_printf ("l%p", (gpointer) cand->place);
          name = g_strdup (cand->place->name);
          break;

        case CAND_ORG:
          kind = ND_ENTITY_ORGANIZATION;
          {
            char key[ND_EXTRACT_KEY_MAX];
            const char *name_key;

            name = cand->org != NULL ? g_strdup (cand->org) : text_of (ex, cand->bstart, cand->bend);
            name_key = nd_extract_key (name, -1, key, sizeof key) > 0 ? key : name;
            id = g_strconcat ("o", name_key, NULL);
          }
          break;

        case CAND_SINGLE:
        case CAND_DEMONYM:
        case CAND_NONE:
        default:
          continue;
        }

      entity = group_entity (groups, order, g_steal_pointer (&id), kind, name, cand->cstart, &is_new);
      if (is_new && kind == ND_ENTITY_PERSON)
        {
          Person *person = g_ptr_array_index (ex->persons, cand->person);

          if (person->role != NULL)
            nd_entity_set_role (entity, person->role);
        }
      if (is_new && kind == ND_ENTITY_PLACE)
        {
          if (cand->place->country[0] != '\0')
            nd_entity_set_country (entity, cand->place->country);
          nd_entity_set_coordinates (entity, cand->place->lat, cand->place->lon);
        }

      text = text_of (ex, cand->bstart, cand->bend);
      nd_entity_add_mention (entity, cand->cstart, cand->cend, text);
    }

  for (guint d = 0; d < dates->len; d++)
    {
      const NdDateMatch *match = &g_array_index (dates, NdDateMatch, d);
      const NdToken *first = tok (ex, match->first);
      const NdToken *last = tok (ex, match->last);
      g_autofree char *text = text_of (ex, first->start, last->end);
      g_autofree char *lower = g_utf8_strdown (text, -1);
      NdEntity *entity;
      gboolean is_new;
      char *id;

      id = match->value != NULL ? g_strconcat ("d", match->value, NULL) : g_strconcat ("d:", lower, NULL);
      entity = group_entity (groups, order, id, ND_ENTITY_DATE, text, first->cstart, &is_new);
      if (is_new)
        nd_entity_set_value (entity, match->value);
      nd_entity_add_mention (entity, first->cstart, last->cend, text);
    }

  g_ptr_array_sort (order, compare_groups);

  entities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      Group *group = g_ptr_array_index (order, i);

      g_ptr_array_add (entities, g_steal_pointer (&group->entity));
    }

  return entities;
}

/* Public API */

GPtrArray *
nd_extractor_extract (const char *body,
                      const char *published)
{
  g_autoptr(GArray) dates = NULL;
  GPtrArray *entities;
  Ex ex = { 0, };
  gsize length;

  g_return_val_if_fail (body != NULL, NULL);

  ex.lexicon = nd_lexicon_get_default ();
  ex.gazetteer = nd_gazetteer_get_default ();
  ex.text = body;
  ex.tokens = nd_extract_tokenize (body);
  ex.n = ex.tokens->len;
  nd_extract_mark_sentences (ex.tokens, body);

  length = strlen (body);
  ex.marks = g_new0 (guint8, ex.n + 1);
  ex.info = g_new (guint32, ex.n + 1);
  ex.key_offset = g_new (guint32, ex.n + 1);
  ex.keys = g_malloc (2 * length + ex.n + 16);
  ex.cands = g_array_new (FALSE, FALSE, sizeof (Cand));
  g_array_set_clear_func (ex.cands, (GDestroyNotify) cand_clear);
  ex.persons = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  ex.acronyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  mark_blocks (&ex);

  dates = nd_extract_find_dates (ex.tokens, body, published);
  for (guint d = 0; d < dates->len; d++)
    {
      const NdDateMatch *match = &g_array_index (dates, NdDateMatch, d);

      for (guint i = match->first; i <= match->last; i++)
        ex.marks[i] |= MARK_USED;
    }

  find_chunks (&ex);
  resolve_persons (&ex);
  find_acronyms (&ex);
  resolve_singles (&ex);
  resolve_places (&ex);
  entities = build_entities (&ex, dates);

  g_hash_table_unref (ex.acronyms);
  g_ptr_array_unref (ex.persons);
  g_array_unref (ex.cands);
  g_free (ex.keys);
  g_free (ex.key_offset);
  g_free (ex.info);
  g_free (ex.marks);
  g_array_unref (ex.tokens);

  return entities;
}

void
nd_extractor_extract_article (NdArticle *article)
{
  g_autoptr(GPtrArray) entities = NULL;
  const char *body;

  g_return_if_fail (ND_IS_ARTICLE (article));

  body = nd_article_get_body (article);
  if (body == NULL || *body == '\0')
    {
      nd_article_set_entities (article, NULL);
      return;
    }

  entities = nd_extractor_extract (body, nd_article_get_published (article));
  nd_article_set_entities (article, entities);
}
