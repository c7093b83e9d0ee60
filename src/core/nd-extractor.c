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
 *    to the other places, population last; a town named without any of
 *    that is no place ("Monsanto"). Remaining single words become people,
 *    organisations or places the gazetteer lacks when the text says so
 *    ("Kirby said", "the newspaper Politika", "in Milner"), else nothing;
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
#include "nd-extract-entity.h"
#include "nd-extract-key.h"
#include "nd-extract-map.h"
#include "nd-extract-tokens.h"
#include "nd-extractor.h"
#include "nd-gazetteer.h"
#include "nd-itinerary-builder.h"
#include "nd-lexicon.h"

/* Per-token marks */
enum
{
  MARK_USED    = 1 << 0,  /* part of a date or of an entity already */
  MARK_STRICT  = 1 << 1,  /* in a heading or a table cell */
  MARK_KEYED   = 1 << 2,  /* key computed */
  MARK_INFO    = 1 << 3,  /* lexicon information looked up */
  MARK_COUNTRY_KNOWN      = 1 << 4,  /* names_country() asked */
  MARK_COUNTRY            = 1 << 5,
  MARK_COUNTRY_NAME_KNOWN = 1 << 6,  /* names_country (by name) asked */
  MARK_COUNTRY_NAME       = 1 << 7,
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
  CAND_SURFACE       = 1 << 7,  /* a place named as written ("Guantánamo Bay") */
  CAND_UNRESOLVED    = 1 << 8,  /* a place the gazetteer does not know */
  CAND_ORG_CUE       = 1 << 9,  /* "the newspaper X", "X, the chemicals group" */
  CAND_TITLE_NAME    = 1 << 10, /* a title that names its holder: "the Dalai Lama" */
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
  guint          surname;   /* "Barack" in "Barack and Michelle Obama": the
                             * surname's token, else 0 */
  guint          n_words;
  gint8          broad;     /* is_ambiguous_broad(): -1 not yet known */
  gint8          ambiguous;
} Cand;

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

typedef struct
{
  char  *name;       /* the fullest form */
  char  *words;      /* keys of the name's words: "antony blinken" */
  char  *first_key;  /* NULL for a surname alone */
  char  *last_key;
  char  *role;
  guint  n_words;
  guint  first_position;  /* code point offset of the first mention */
  guint64 word_bits;      /* word_bit() of each of the words */
} Person;

/* What the extraction learnt about a word, kept from one text to the next
 * (per thread): its key, and its lexicon, gazetteer and country answers
 * once asked. Everything here follows from the word's bytes alone. */
typedef struct
{
  const char *text;       /* the word as written; NULL: an empty slot */
  const char *key;
  guint32     hash;
  guint32     length;     /* of text */
  guint32     key_len;
  guint32     info;       /* when `marks` has MARK_INFO */
  guint8      gazetteer_flags;  /* NdGazetteerKeyFlags | GAZ_KNOWN, or 0 */
  guint8      marks;      /* MARK_INFO and the MARK_COUNTRY_* bits */
} KnownWord;

/* Slots of the table of known words (a power of two), and how many words
 * it takes before it starts over */
#define KNOWN_WORDS_SIZE  32768
#define KNOWN_WORDS_LIMIT 16384

typedef struct
{
  KnownWord    *slots;
  guint         used;
  GStringChunk *strings;
} KnownWords;

typedef struct
{
  NdLexicon    *lexicon;
  NdGazetteer  *gazetteer;
  KnownWords   *known_words;
  KnownWord   **known_word;  /* per canon token: its entry, or NULL */
  const char   *text;
  GArray       *tokens;
  const NdToken *toks;       /* tokens->data */
  guint         n;
  guint8       *marks;
  guint32      *info;
  guint32      *key_offset;
  guint32      *key_len;     /* per token: strlen() of its key */
  guint32      *canon;       /* per token: the first token of the same text */
  guint8       *gazetteer_flags; /* per canon token: NdGazetteerKeyFlags | GAZ_KNOWN */
  char         *keys;
  guint32      *word_cache;  /* distinct words: 1 + a token with that text */
  guint         word_cache_used;
  guint32      *classes;     /* per token: word classes, or CLASS_UNKNOWN */
  Match        *known;       /* per token: find_known() results */
  guint32      *known_last;  /* per token: the chunk end they are for, + 1 */
  GArray       *cands;       /* Cand */
  GStringChunk *strings;     /* overflow of the arena */
  char         *arena;       /* this text's small allocations, freed at once */
  gsize         arena_size;
  gsize         arena_used;
  NdExtractPtrMap *place_lists; /* key -> PlaceList */
  NdExtractPtrMap *stats;       /* resolve_singles(): key -> WordStats */
  NdExtractPtrMap *resolved;    /* resolve_places(): key -> NdPlace */
  NdExtractPtrMap *by_key;      /* build_entities(): id -> Group */
  NdExtractPtrMap *by_place;    /* build_entities(): NdPlace -> Group */
  GPtrArray       *persons;     /* Person */
  NdExtractPtrMap *acronyms;    /* key -> organisation name */
} Ex;

/* Connectors inside names: "Bank of England", "Mohammed bin Salman",
 * "Ursula von der Leyen" */
static const char * const connectors[] = {
  "of", "the", "for", "and", "on", "de", "du", "da", "das", "dos", "del",
  "della", "di", "do", "van", "von", "der", "den", "ter", "bin", "ibn", "bint",
  "al", "el", "la", "le", "y", "e",
  NULL
};

/* Connectors that end a name unless it is an organisation's */
static const char * const hard_connectors[] = {
  "of", "the", "for", "and", "on", "&",
  NULL
};

/* Verbs of speech after or before a name: "Kirby said", "said Kirby" */
static const char * const speech_verbs[] = {
  "said", "says", "told", "tells", "added", "adds", "stated", "announced",
  "noted", "explained", "argued", "warned", "wrote", "writes", "insisted",
  "claimed", "asked", "replied", "urged", "acknowledged", "confirmed",
  "emphasized", "emphasised", "stressed", "declared", "tweeted", "posted",
  "continued", "concluded", "commented", "observed", "recalled",
  "suggested", "believes", "thinks", "described", "responded", "admitted",
  "denied", "testified", "predicted", "cautioned", "conceded", "remarked",
  "expressed", "highlighted", "characterized", "characterised", "spoke",
  "speaks",
  NULL
};

/* Lower-case words after a hyphen that make the part before it a place
 * or organisation mention: "Doha-based", "U.S.-led", "Hamas-run" */
static const char * const hyphen_suffixes[] = {
  "based", "led", "run", "backed", "born", "brokered", "controlled",
  "held", "bound", "made", "owned", "funded", "allied", "aligned",
  "linked", "style", "area", "wide",
  NULL
};

/* Words of direction that some regions are called by ("Eastern" for the
 * Eastern Province) but that alone name no place in running text; the
 * first ones also go before a place's name as part of its mention
 * ("North Kivu") */
static const char * const direction_words[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern",
  "western", "central", "northeast", "northwest", "southeast",
  "southwest", "northeastern", "northwestern", "southeastern",
  "southwestern", "upper", "lower",
  "greater", "inner", "outer", "middle", "new", "old", "mid",
  NULL
};
#define N_COMPASS_WORDS 19

/* Words that end the name of a place by its kind: "Gorée Island", "Lake
 * Pontchartrain" starts one */
static const char * const feature_suffixes[] = {
  "island", "islands", "isle", "bay", "river", "valley", "mountains",
  "mountain", "hills", "desert", "sea", "ocean", "coast", "peninsula",
  "strait", "straits", "canal", "lake", "lakes", "falls", "harbor",
  "harbour", "delta", "plateau", "basin", "glacier", "reef", "archipelago",
  "gulf", "creek", "forest", "gorge", "canyon", "range", "highlands",
  "lagoon", "atoll", "cape", "volcano", "heights", "park", "reserve",
  "sanctuary", "wetlands",
  NULL
};

static const char * const feature_prefixes[] = {
  "lake", "mount", "mt", "cape", "gulf", "bay", "isle", "strait", "sea",
  "mountains", "river", "fort",
  NULL
};

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

/* Nouns that say what kind of organisation a name is: "the Serbian
 * newspaper Politika", "BASF, the chemicals group", "the M23 rebel
 * group" */
static const char * const org_nouns[] = {
  "company", "companies", "firm", "group", "maker", "manufacturer",
  "producer", "automaker", "carmaker", "chipmaker", "drugmaker", "giant",
  "conglomerate", "bank", "lender", "insurer", "airline", "carrier",
  "retailer", "chain", "startup", "club", "team", "party", "movement",
  "coalition", "alliance", "union", "organization", "organisation",
  "association", "foundation", "charity", "institute", "newspaper",
  "daily", "weekly", "magazine", "tabloid", "broadcaster", "network",
  "channel", "station", "agency", "website", "outlet", "publisher",
  "brand", "studio", "operator", "supplier", "subsidiary", "rival",
  "rivals", "competitor", "militia", "faction", "cartel", "gang",
  "regulator", "watchdog", "consortium", "exchange", "fund",
  NULL
};

/* Words before a place name that say it is one: "in Saipan", "flew to
 * Orly" */
static const char * const locatives[] = {
  "in", "at", "near", "outside", "to", "from", "into", "via", "across",
  "toward", "towards", "around", "throughout", "visited", "visiting",
  "visit", "toured", "touring", "reached", "left", "leaving", "entered",
  NULL
};

/* Lower-case nouns for a kind of settlement right before an unknown
 * name of several words make it a place: "sister city Yan Tai", "the
 * port town Puerto Ayora" (hand-kept list) */
static const char * const settlement_nouns[] = {
  "city", "town", "village", "port", "capital", "province", "county",
  "district", "region", "resort", "hometown", "township", "municipality",
  NULL
};

/* Words before an unknown name that make it a place: "in Milner", "at
 * Chequers" */
static const char * const strong_locatives[] = {
  "in", "near", "outside", "at", NULL
};

/* Words after a noun that show it heads its phrase */
static const char * const phrase_after_words[] = {
  "of", "for", "at", "in", "to", "and", "who", "which", "that", "with",
  "since", "from", "on", "until", "based", "led", "whose", NULL
};

/* Words that end the name of a building, a residence or a street:
 * "Clarence House", "Rashtrapati Bhavan", "Downing Street"; such a name
 * is an organisation (the office it houses), never a person. The second
 * list's words are also common surnames ("Jerry Hall"): a building after
 * a given name only after "the" or with a common word ("Everest Base
 * Camp") */
static const char * const building_words[] = {
  "house", "palace", "bhavan", "bhawan", "mansion", "residence", "building",
  "cathedral", "mosque", "basilica", "lodge", "castle", "abbey", "manor",
  "cottage", "tower", "kremlin",
  NULL
};

static const char * const building_words_weak[] = {
  "hall", "temple", "church", "chambers", "villa", "court",
  NULL
};

/* The same for the name of a street or a site, which is a place:
 * "Downing Street", "Everest Base Camp" */
static const char * const site_words[] = {
  "square", "avenue", "road", "street", "boulevard", "camp",
  NULL
};

static const char * const site_words_weak[] = {
  "lane",
  NULL
};

/* Words that end the phrase before them: "the Taj Mahal, where",
 * "the Taj Mahal was built", "at the Taj Mahal on April 16" */
static const char * const phrase_end_words[] = {
  "was", "is", "were", "are", "has", "had", "will", "would", "on", "in",
  "at", "where", "which", "and", "or", "to", "for", "with", "from",
  "during", "before", "after", "by", "near", "itself",
  NULL
};

/* Word classes: every list above in one table, looked up once a token */
enum
{
  WC_CONNECTOR       = 1 << 0,
  WC_HARD_CONNECTOR  = 1 << 1,
  WC_SPEECH          = 1 << 2,   /* after a name, makes it a person's */
  WC_LOCATIVE        = 1 << 4,
  WC_STRONG_LOCATIVE = 1 << 5,
  WC_RELATIVE        = 1 << 6,
  WC_APPOSITION      = 1 << 7,
  WC_AFTER_TITLE     = 1 << 8,
  WC_PHRASE_AFTER    = 1 << 9,
  WC_ORG_NOUN        = 1 << 10,
  WC_DIRECTION       = 1 << 11,
  WC_COMPASS         = 1 << 12,
  WC_FEATURE_SUFFIX  = 1 << 13,
  WC_FEATURE_PREFIX  = 1 << 14,
  WC_HYPHEN_SUFFIX   = 1 << 15,
  WC_BUILDING        = 1 << 16,
  WC_BUILDING_WEAK   = 1 << 17,
  WC_SITE            = 1 << 18,
  WC_SITE_WEAK       = 1 << 19,
  WC_PHRASE_END      = 1 << 20,
  WC_SETTLEMENT      = 1 << 21,
};

static NdExtractMap *word_classes;
/* What the lists' words start with, and their longest: most words (all
 * the capitalised ones) are in none of the lists, and need no lookup */
static guint8 word_class_starts[256];
static gsize word_class_max_length;

static void
add_word_class (const char * const *words,
                guint               n,
                guint32             klass)
{
  for (guint i = 0; words[i] != NULL && i < n; i++)
    {
      *nd_extract_map_insert (word_classes, words[i], -1, NULL) |= klass;
      word_class_starts[(guchar) words[i][0]] = 1;
      word_class_max_length = MAX (word_class_max_length, strlen (words[i]));
    }
}

static void
init_word_classes (void)
{
  word_classes = nd_extract_map_new (512);
  add_word_class (connectors, G_MAXUINT, WC_CONNECTOR);
  add_word_class (hard_connectors, G_MAXUINT, WC_HARD_CONNECTOR);
  add_word_class (speech_verbs, G_MAXUINT, WC_SPEECH);
  add_word_class (locatives, G_MAXUINT, WC_LOCATIVE);
  add_word_class (strong_locatives, G_MAXUINT, WC_STRONG_LOCATIVE);
  add_word_class (relatives, G_MAXUINT, WC_RELATIVE);
  add_word_class (apposition_starts, G_MAXUINT, WC_APPOSITION);
  add_word_class (after_title_words, G_MAXUINT, WC_AFTER_TITLE);
  add_word_class (phrase_after_words, G_MAXUINT, WC_PHRASE_AFTER);
  add_word_class (org_nouns, G_MAXUINT, WC_ORG_NOUN);
  add_word_class (direction_words, G_MAXUINT, WC_DIRECTION);
  add_word_class (direction_words, N_COMPASS_WORDS, WC_COMPASS);
  add_word_class (feature_suffixes, G_MAXUINT, WC_FEATURE_SUFFIX);
  add_word_class (feature_prefixes, G_MAXUINT, WC_FEATURE_PREFIX);
  add_word_class (hyphen_suffixes, G_MAXUINT, WC_HYPHEN_SUFFIX);
  add_word_class (building_words, G_MAXUINT, WC_BUILDING);
  add_word_class (building_words_weak, G_MAXUINT, WC_BUILDING_WEAK);
  add_word_class (site_words, G_MAXUINT, WC_SITE);
  add_word_class (site_words_weak, G_MAXUINT, WC_SITE_WEAK);
  add_word_class (phrase_end_words, G_MAXUINT, WC_PHRASE_END);
  add_word_class (settlement_nouns, G_MAXUINT, WC_SETTLEMENT);
}

/* The classes of a word (bytes as they are: lists are in lower case) */
static guint32
word_class (const char *word,
            gsize       length)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      init_word_classes ();
      g_once_init_leave (&initialized, 1);
    }

  if (length == 0 || length > word_class_max_length || !word_class_starts[(guchar) word[0]])
    return 0;

  return nd_extract_map_lookup (word_classes, word, length);
}

static guint32
key_class (const char *key)
{
  return word_class (key, strlen (key));
}

/* Person runs longer than this are no names */
#define MAX_NAME_WORDS 5

/* Common words ranked above this (rarer) do not count as common when
 * judging whether a run is a name */
#define COMMON_RANK_NAME 5000

/* Common words rarer than this ("Congress", "Parliament") keep a known
 * name's sense at a sentence start; "House", "Police" do not */
#define RARE_WORD_RANK 2000

/* A single capitalised common word may name a city only this big */
#define COMMON_WORD_CITY_POPULATION 100000

/* Distinct words remembered per text (a power of two) */
#define WORD_CACHE_SIZE 2048

/* Tokens */

static inline const NdToken *
tok (const Ex *ex,
     guint     i)
{
  return &ex->toks[i];
}

static inline gboolean
is_word (const NdToken *token)
{
  return token->kind == ND_TOKEN_WORD || token->kind == ND_TOKEN_NUMBER;
}

/* Is token `i` the lower-case word `word`? */
static inline gboolean
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


static inline gboolean
token_is_punct (const Ex *ex,
                guint     i,
                char      ch)
{
  return i < ex->n && tok (ex, i)->kind == ND_TOKEN_PUNCT && tok (ex, i)->ch == (guchar) ch;
}

/* Does the space-separated `words` contain `word` as a whole word? */
static gboolean
has_word_len (const char *words,
              const char *word,
              gsize       length)
{
  if (length == 0)
    {
      for (const char *p = words;; p++)
        {
          if ((p == words || p[-1] == ' ') && (p[0] == ' ' || p[0] == '\0'))
            return TRUE;
          if (p[0] == '\0')
            return FALSE;
        }
    }

  /* an occurrence starts a word: try the starts only */
  for (const char *p = words;;)
    {
      if (p[0] == word[0] && strncmp (p, word, length) == 0 &&
          (p[length] == ' ' || p[length] == '\0'))
        return TRUE;
      p = strchr (p, ' ');
      if (p == NULL)
        return FALSE;
      p++;
    }
}

static gboolean
has_word (const char *words,
          const char *word)
{
  return has_word_len (words, word, strlen (word));
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

static gboolean
is_compass (const char *key)
{
  return (key_class (key) & WC_COMPASS) != 0;
}
/* Computes the key of token `i` (see ensure_key()) */
static G_GNUC_NO_INLINE void
compute_key (Ex    *ex,
             guint  i)
{
  const NdToken *token;
  char *out;
  gsize capacity;

  ex->marks[i] |= MARK_KEYED;
  token = tok (ex, i);

  /* each token owns [2 * start + i, 2 * end + i] of the key buffer: keys
   * are at most twice as long as their text, and regions never overlap */
  ex->key_offset[i] = 2 * token->start + i;
  out = ex->keys + ex->key_offset[i];
  capacity = 2 * (token->end - token->start) + 1;

  ex->canon[i] = i;
  if (token->kind == ND_TOKEN_PUNCT)
    {
      out[0] = token->ch == '&' ? '&' : '\0';
      out[1] = '\0';
      ex->key_len[i] = token->ch == '&' ? 1 : 0;
      ex->known_word[i] = NULL;
      return;
    }

  /* the same word seen before in this text: its key and information,
   * without going to the big tables again */
  {
    const char *text = ex->text + token->start;
    guint length = token->end - token->start;
    guint32 h = 2166136261u;
    guint slot;

    for (guint k = 0; k < length; k++)
      h = (h ^ (guchar) text[k]) * 16777619u;

    for (slot = h & (WORD_CACHE_SIZE - 1);; slot = (slot + 1) & (WORD_CACHE_SIZE - 1))
      {
        guint32 seen = ex->word_cache[slot];
        const NdToken *other;

        if (seen == 0)
          break;
        other = tok (ex, seen - 1);
        if (other->end - other->start == length && memcmp (ex->text + other->start, text, length) == 0)
          {
            ex->key_offset[i] = ex->key_offset[seen - 1];
            ex->key_len[i] = ex->key_len[seen - 1];
            ex->canon[i] = seen - 1;
            return;
          }
      }

    ex->canon[i] = i;
    ex->known_word[i] = NULL;

    /* a word of an earlier text */
    {
      KnownWords *words = ex->known_words;
      guint k;

      for (k = h & (KNOWN_WORDS_SIZE - 1);; k = (k + 1) & (KNOWN_WORDS_SIZE - 1))
        {
          KnownWord *word = &words->slots[k];

          if (word->text == NULL)
            break;
          if (word->hash == h && word->length == length && memcmp (word->text, text, length) == 0)
            {
              memcpy (out, word->key, word->key_len + 1);
              ex->key_len[i] = word->key_len;
              ex->known_word[i] = word;
              ex->marks[i] |= word->marks;
              ex->info[i] = word->info;
              ex->gazetteer_flags[i] = word->gazetteer_flags;
              goto keyed;
            }
        }

      ex->key_len[i] = (guint32) nd_extract_key (text, length, out, capacity);
      if (words->used < KNOWN_WORDS_LIMIT)
        {
          KnownWord *word = &words->slots[k];

          word->text = g_string_chunk_insert_len (words->strings, text, length);
          word->key = g_string_chunk_insert_len (words->strings, out, ex->key_len[i]);
          word->hash = h;
          word->length = length;
          word->key_len = ex->key_len[i];
          word->info = 0;
          word->gazetteer_flags = 0;
          word->marks = 0;
          words->used++;
          ex->known_word[i] = word;
        }
    }

   keyed:
    if (ex->word_cache_used < WORD_CACHE_SIZE / 2)
      {
        ex->word_cache[slot] = i + 1;
        ex->word_cache_used++;
      }
  }
}

/* Computes (once) the key of token `i` */
static inline void
ensure_key (Ex    *ex,
            guint  i)
{
  if (G_UNLIKELY (!(ex->marks[i] & MARK_KEYED)))
    compute_key (ex, i);
}

static inline const char *
key_of (Ex    *ex,
        guint  i)
{
  ensure_key (ex, i);
  return ex->keys + ex->key_offset[i];
}

/* Does a word end as English abstract nouns do ("-tion", "-ment")? */
static gboolean
has_noun_suffix (const char *key,
                 gsize       length)
{
  static const char * const suffixes[] = { "tion", "sion", "ment", "ness", "ship", "ities" };

  if (length < 8)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize n = strlen (suffixes[i]);

      if (memcmp (key + length - n, suffixes[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The lexicon's information on token `i`, looked up once per word */
static guint32
info_of (Ex    *ex,
         guint  i)
{
  guint j;

  ensure_key (ex, i);
  j = ex->canon[i];
  if (!(ex->marks[j] & MARK_INFO))
    {
      const char *key = ex->keys + ex->key_offset[j];

      ex->marks[j] |= MARK_INFO;
      ex->info[j] = key[0] != '\0' ? nd_lexicon_lookup_word_len (ex->lexicon, key, ex->key_len[j]) : 0;
      /* "Reconciliation", "Empowerment": a rarer English noun the
       * frequency list lacks, not a name, is a common word */
      if (ND_WORD_INFO_RANK (ex->info[j]) == 0 && !(ex->info[j] & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)) &&
          has_noun_suffix (key, ex->key_len[j]))
        ex->info[j] |= (guint32) 10000 << 16;
      if (ex->known_word[j] != NULL)
        {
          ex->known_word[j]->info = ex->info[j];
          ex->known_word[j]->marks |= MARK_INFO;
        }
    }

  return ex->info[j];
}
/* Capitals of up to five letters: "UN", "NATO", "U.S."; not a word in
 * capitals ("ISLAND" in a dateline) */
static gboolean
is_acronym (const NdToken *token)
{
  return (token->flags & ND_TOKEN_ALL_CAPS) &&
         ((token->flags & ND_TOKEN_ABBREVIATION) || token->end - token->start <= 5);
}

#define CLASS_UNKNOWN G_MAXUINT32

/* The word classes of token `i` (see word_class()), once */
static guint32
token_class (Ex    *ex,
             guint  i)
{
  const NdToken *token;

  if (i >= ex->n)
    return 0;
  if (ex->classes[i] != CLASS_UNKNOWN)
    return ex->classes[i];

  token = tok (ex, i);
  if (token->kind == ND_TOKEN_WORD && token->end - token->start < 24)
    ex->classes[i] = word_class (ex->text + token->start, token->end - token->start);
  else if (token->kind == ND_TOKEN_PUNCT && token->ch == '&')
    ex->classes[i] = WC_CONNECTOR | WC_HARD_CONNECTOR;
  else
    ex->classes[i] = 0;

  return ex->classes[i];
}

static gpointer ex_alloc  (Ex         *ex,
                           gsize       size);
static char    *ex_strdup (Ex         *ex,
                           const char *text);

/* The places named `key`, looked up once per text: a name comes back
 * many times (its mentions, its qualifier, coreference) */
typedef struct
{
  guint          n;
  gint8          country;          /* names_country() answers, -1: not yet */
  gint8          country_by_name;
  const NdPlace *places[64];
} PlaceList;

static PlaceList *
places_named (Ex         *ex,
              const char *key)
{
  PlaceList *list = nd_extract_ptr_map_lookup (ex->place_lists, key);

  if (list == NULL)
    {
      const NdPlace *places[64];
      guint n = MIN (nd_gazetteer_lookup (ex->gazetteer, key, places, G_N_ELEMENTS (places)),
                     G_N_ELEMENTS (places));

      list = ex_alloc (ex, G_STRUCT_OFFSET (PlaceList, places) + n * sizeof (const NdPlace *));
      list->n = n;
      memcpy (list->places, places, n * sizeof (const NdPlace *));
      list->country = list->country_by_name = -1;
      nd_extract_ptr_map_insert (ex->place_lists, ex_strdup (ex, key), list);
    }

  return list;
}

#define GAZ_KNOWN 0x80

/* What the gazetteer has for token `i`'s word, looked up once per word */
static guint
gazetteer_flags_of (Ex    *ex,
                    guint  i)
{
  guint j;

  ensure_key (ex, i);
  j = ex->canon[i];
  if (!(ex->gazetteer_flags[j] & GAZ_KNOWN))
    {
      ex->gazetteer_flags[j] = GAZ_KNOWN |
        nd_gazetteer_lookup_key (ex->gazetteer, ex->keys + ex->key_offset[j], ex->key_len[j]);
      if (ex->known_word[j] != NULL)
        ex->known_word[j]->gazetteer_flags = ex->gazetteer_flags[j];
    }

  return ex->gazetteer_flags[j] & ~GAZ_KNOWN;
}

/* Does the word name a country or a continent ("Turkey", "China",
 * "Chad")? With `by_name`, only by its own name, not an alternate one
 * ("Island" is Iceland's in Icelandic, not in English news) */
static gboolean
names_country (Ex         *ex,
               const char *key,
               gboolean    by_name)
{
  PlaceList *list;
  gint8 *answer;

  /* most words are no place at all: one lookup says so */
  if (!(nd_gazetteer_lookup_key (ex->gazetteer, key, -1) & ND_GAZETTEER_PLACE))
    return FALSE;

  list = places_named (ex, key);
  answer = by_name ? &list->country_by_name : &list->country;
  if (*answer < 0)
    {
      *answer = FALSE;
      for (guint i = 0; i < list->n && !*answer; i++)
        {
          char name_key[ND_EXTRACT_KEY_MAX];
          const NdPlace *place = list->places[i];

          if (place->kind != ND_PLACE_COUNTRY && place->kind != ND_PLACE_CONTINENT)
            continue;
          *answer = !by_name || (nd_extract_key (place->name, -1, name_key, sizeof name_key) > 0 &&
                                 strcmp (name_key, key) == 0);
        }
    }

  return *answer;
}

/* names_country() for token `i` */
static gboolean
token_names_country (Ex       *ex,
                     guint     i,
                     gboolean  by_name)
{
  guint j;

  if (!(gazetteer_flags_of (ex, i) & ND_GAZETTEER_PLACE))
    return FALSE;

  /* the answer, once per word */
  j = ex->canon[i];
  if (!(ex->marks[j] & (by_name ? MARK_COUNTRY_NAME_KNOWN : MARK_COUNTRY_KNOWN)))
    {
      gboolean answer = names_country (ex, key_of (ex, i), by_name);

      ex->marks[j] |= by_name ? MARK_COUNTRY_NAME_KNOWN : MARK_COUNTRY_KNOWN;
      if (answer)
        ex->marks[j] |= by_name ? MARK_COUNTRY_NAME : MARK_COUNTRY;
      if (ex->known_word[j] != NULL)
        ex->known_word[j]->marks |= ex->marks[j] & (MARK_COUNTRY_KNOWN | MARK_COUNTRY |
                                                     MARK_COUNTRY_NAME_KNOWN | MARK_COUNTRY_NAME);
    }

  return (ex->marks[j] & (by_name ? MARK_COUNTRY_NAME : MARK_COUNTRY)) != 0;
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
static inline gboolean
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

static inline gboolean
is_connector (Ex    *ex,
              guint  i)
{
  const NdToken *token;

  if (i >= ex->n)
    return FALSE;

  token = tok (ex, i);
  if (token->kind == ND_TOKEN_PUNCT)
    return token->ch == '&';

  return (token->flags & ND_TOKEN_LOWER) && (token_class (ex, i) & WC_CONNECTOR);
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
      gsize length = ex->key_len[i];

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

/* Candidates' keys and roles live in the extraction's string chunk */
static void
cand_clear (Cand *cand)
{
  cand->key = NULL;
  cand->role = NULL;
}

/* `size` bytes that live as long as the extraction of this text */
static gpointer
ex_alloc (Ex    *ex,
          gsize  size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize) 7;
  if (ex->arena_used + size > ex->arena_size)
    {
      /* rare: a text with more names than its length suggests (the
       * chunk copies its argument: give it zeros, never NULL) */
      static const char zeros[1024];
      char *block;

      if (size + 7 <= sizeof zeros)
        {
          block = g_string_chunk_insert_len (ex->strings, zeros, size + 7);
        }
      else
        {
          char *tmp = g_malloc0 (size + 7);

          block = g_string_chunk_insert_len (ex->strings, tmp, size + 7);
          g_free (tmp);
        }

      return (gpointer) (((guintptr) block + 7) & ~(guintptr) 7);
    }

  memory = ex->arena + ex->arena_used;
  ex->arena_used += size;
  return memory;
}

static char *
ex_strdup (Ex         *ex,
           const char *text)
{
  gsize length;
  char *copy;

  if (text == NULL)
    return NULL;

  length = strlen (text);
  copy = ex_alloc (ex, length + 1);
  memcpy (copy, text, length + 1);
  return copy;
}

static char *
ex_strndup (Ex         *ex,
            const char *text,
            gsize       length)
{
  char *copy = ex_alloc (ex, length + 1);

  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
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
  cand.broad = -1;
  if (span_key (ex, first, last, key, sizeof key))
    cand.key = ex_strdup (ex, key);
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

/* "<name>, the president of FIFA," */
static gboolean
has_title_apposition (Ex    *ex,
                      guint  start)
{
  if (start >= ex->n || !(token_class (ex, start) & WC_APPOSITION))
    return FALSE;

  for (guint k = start + 1; k < ex->n && k <= start + 6; k++)
    {
      const NdToken *token = tok (ex, k);

      if (token->kind != ND_TOKEN_WORD)
        return FALSE;
      if (!(info_of (ex, k) & (ND_WORD_TITLE | ND_WORD_TITLE_START)) && !(token_class (ex, k) & WC_RELATIVE))
        continue;
      if (token->flags & ND_TOKEN_POSSESSIVE)
        return FALSE;
      /* the head of the phrase: punctuation or a preposition after it */
      if (k + 1 >= ex->n || tok (ex, k + 1)->kind != ND_TOKEN_WORD || (token_class (ex, k + 1) & WC_AFTER_TITLE))
        return TRUE;
    }

  return FALSE;
}

/* Is `i` the head of a noun phrase: punctuation, a preposition or a
 * relative pronoun after it? */
static gboolean
is_phrase_head (Ex    *ex,
                guint  i)
{
  return i + 1 >= ex->n || tok (ex, i + 1)->kind != ND_TOKEN_WORD ||
         (token_class (ex, i + 1) & WC_PHRASE_AFTER);
}

/* Evidence in the words around first..last that it names an
 * organisation */
static gboolean
has_org_cue (Ex    *ex,
             guint  first,
             guint  last)
{
  /* "the newspaper Politika", "battery maker CATL", "her group Fair Fight" */
  if (first >= 1 && (token_class (ex, first - 1) & WC_ORG_NOUN) && (tok (ex, first - 1)->flags & ND_TOKEN_LOWER))
    return TRUE;

  /* "his own movement, Morena," */
  if (first >= 2 && token_is_punct (ex, first - 1, ',') && (token_class (ex, first - 2) & WC_ORG_NOUN))
    return TRUE;

  if (tok (ex, last)->flags & ND_TOKEN_POSSESSIVE)
    return FALSE;

  /* "the M23 rebel group", "the Morena party" */
  for (guint k = last + 1; k < ex->n && k <= last + 2; k++)
    {
      if (tok (ex, k)->kind != ND_TOKEN_WORD || !(tok (ex, k)->flags & ND_TOKEN_LOWER))
        break;
      if ((token_class (ex, k) & WC_ORG_NOUN) && is_phrase_head (ex, k))
        return TRUE;
    }

  /* "BASF, the chemicals group based in Ludwigshafen" */
  if (token_is_punct (ex, last + 1, ',') && last + 2 < ex->n && (token_class (ex, last + 2) & WC_APPOSITION))
    {
      for (guint k = last + 3; k < ex->n && k <= last + 7; k++)
        {
          if (tok (ex, k)->kind != ND_TOKEN_WORD)
            break;
          if ((token_class (ex, k) & WC_ORG_NOUN) && is_phrase_head (ex, k))
            return TRUE;
        }
    }

  return FALSE;
}

/* "arrives in", "flies to", "will fly to" right after token `last`: its
 * name is of one who travels */
static gboolean
travels_after (Ex    *ex,
               guint  last)
{
  static const char * const verbs[] = {
    "arrives", "arrived", "flies", "flew", "lands", "landed", "travels", "traveled", "travelled", NULL
  };
  static const char * const future[] = { "arrive", "fly", "land", "travel", NULL };
  guint v = last + 1;
  gboolean verb = FALSE;

  if (last + 3 >= ex->n)
    return FALSE;
  if (token_is (ex, v, "will"))
    {
      v++;
      for (guint k = 0; future[k] != NULL && !verb; k++)
        verb = token_is (ex, v, future[k]);
    }
  else
    for (guint k = 0; verbs[k] != NULL && !verb; k++)
      verb = token_is (ex, v, verbs[k]);
  return verb && (token_is (ex, v + 1, "in") || token_is (ex, v + 1, "to") || token_is (ex, v + 1, "at"));
}

/* "X said", "X, 45, said", "said X" */
static gboolean
has_speech_cue (Ex    *ex,
                guint  first,
                guint  last)
{
  guint j = last + 1;

  if (!(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    {
      if (j < ex->n && token_is_punct (ex, j, ','))
        {
          if (has_title_apposition (ex, j + 1))
            return TRUE;
          j++;
        }

      if (token_class (ex, j) & WC_SPEECH)
        return TRUE;
    }

  /* "said Kirby", but not "said WikiLeaks' work" */
  if (first >= 1 && token_is (ex, first - 1, "said") && (first < 2 || !is_name_token (ex, first - 2)) &&
      !(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    return TRUE;
  /* "Macky Sall of Senegal": people (and bodies) of a country */
  if (token_is (ex, last + 1, "of") && is_name_token (ex, last + 2) &&
      token_names_country (ex, last + 2, FALSE) && !(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE))
    return TRUE;

  /* "Pakistan's Benazir Bhutto": a country's someone */
  if (first >= 1 && last > first && (tok (ex, first - 1)->flags & ND_TOKEN_POSSESSIVE) &&
      is_name_token (ex, first - 1) && token_names_country (ex, first - 1, FALSE))
    return TRUE;

  /* "their daughter, Neve", "his wife Jill" */
  if (first >= 1 && (token_class (ex, first - 1) & WC_RELATIVE))
    return TRUE;
  if (first >= 2 && token_is_punct (ex, first - 1, ',') && (token_class (ex, first - 2) & WC_RELATIVE))
    return TRUE;

  /* "Pelé's widow": a person has relatives */
  if ((tok (ex, last)->flags & ND_TOKEN_POSSESSIVE) && (token_class (ex, last + 1) & WC_RELATIVE))
    return TRUE;

  /* "Gates arrives in Delhi", "Gates flies to Mumbai", "Gates will fly
   * to Seoul": one who travels */
  if (!(tok (ex, last)->flags & ND_TOKEN_POSSESSIVE) && travels_after (ex, last))
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
  if (end == 0 || !is_word (tok (ex, end - 1)) || !(tok (ex, end - 1)->flags & ND_TOKEN_LOWER) ||
      !(info_of (ex, end - 1) & ND_WORD_TITLE_END))
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

static void find_known_uncached (Ex    *ex,
                                 guint  first,
                                 guint  chunk_last,
                                 Match *best);

/* The longest known name (organisation, place, title, demonym) starting
 * at token `first` of a chunk ending at `chunk_last` */
static void
find_known (Ex    *ex,
            guint  first,
            guint  chunk_last,
            Match *best)
{

  /* asked again for the same chunk: the answer is known */
  if (ex->known_last[first] == chunk_last + 1)
    {
      *best = ex->known[first];
      return;
    }
  find_known_uncached (ex, first, chunk_last, best);
  ex->known[first] = *best;
  ex->known_last[first] = chunk_last + 1;
}

static void
find_known_uncached (Ex    *ex,
                     guint  first,
                     guint  chunk_last,
                     Match *best)
{
  guint window[24];
  gsize ends[24];          /* key length after each word */
  char key[ND_EXTRACT_KEY_MAX];
  guint n;
  guint org_reach = 1;     /* words that may still be an organisation's name */
  guint place_reach = 1;
  guint title_reach = 1;
  guint32 info;
  guint gazetteer_flags = 0;
  gboolean all_caps;
  gsize o = 0;

  best->kind = MATCH_NONE;
  best->last = first;
  best->org = NULL;
  best->country = NULL;

  /* known names run on at most a few lower-case words past the chunk */
  n = match_window (ex, first, MIN (G_N_ELEMENTS (window), chunk_last - first + 4), window);
  if (n == 0 || key_of (ex, first)[0] == '\0')
    return;

  info = info_of (ex, first);
  all_caps = (tok (ex, first)->flags & ND_TOKEN_ALL_CAPS) != 0;

  /* the words of the window joined, as far as some known name of more
   * words goes on with them */
  for (guint w = 0; w < n; w++)
    {
      const char *word = key_of (ex, window[w]);
      gsize length = ex->key_len[window[w]];
      guint lexicon_prefix;
      gboolean place_prefix;

      if (length == 0 || o + length + 2 > sizeof key)
        break;
      if (o > 0)
        key[o++] = ' ';
      memcpy (key + o, word, length);
      o += length;
      key[o] = '\0';
      ends[w] = o;

      if (w + 1 == n)
        break;

      /* one word: its lexicon information says as much */
      if (w == 0 && memchr (key, ' ', o) == NULL)
        lexicon_prefix = ((info & ND_WORD_ORG_START) ? ND_PREFIX_ORGANIZATION : 0) |
                         ((info & ND_WORD_TITLE_START) ? ND_PREFIX_TITLE : 0);
      else
        lexicon_prefix = nd_lexicon_lookup_prefix (ex->lexicon, key, o);
      if (w == 0)
        {
          gazetteer_flags = gazetteer_flags_of (ex, first);
          place_prefix = (gazetteer_flags & ND_GAZETTEER_PREFIX) != 0;
        }
      else
        {
          place_prefix = (nd_gazetteer_lookup_key (ex->gazetteer, key, o) & ND_GAZETTEER_PREFIX) != 0;
        }
      if (lexicon_prefix & ND_PREFIX_ORGANIZATION)
        org_reach = w + 2;
      if (lexicon_prefix & ND_PREFIX_TITLE)
        title_reach = w + 2;
      if (place_prefix)
        place_reach = w + 2;
      if (lexicon_prefix == 0 && !place_prefix)
        break;
    }

#define KEY_OF_WORDS(w) (key[ends[(w) - 1]] = '\0', key)
#define RESTORE_KEY(w) do { if (ends[(w) - 1] < o) key[ends[(w) - 1]] = ' '; } while (0)

  /* organisations */
  for (guint w = org_reach; w >= 2; w--)
    {
      const char *org;

      if (!is_name_token (ex, window[w - 1]) && window[w - 1] <= chunk_last)
        continue;
      org = nd_lexicon_lookup_organization (ex->lexicon, KEY_OF_WORDS (w), TRUE);
      RESTORE_KEY (w);
      if (org != NULL)
        {
          best->kind = MATCH_ORG;
          best->last = window[w - 1];
          best->org = org;
          break;
        }
    }

  /* places and demonyms of several words ("Sri Lankan") */
  for (guint w = place_reach; w >= 2 && window[w - 1] > best->last; w--)
    {
      const char *country = NULL;
      guint flags = nd_gazetteer_lookup_key (ex->gazetteer, KEY_OF_WORDS (w), -1);
      gboolean found = (flags & ND_GAZETTEER_PLACE) != 0;

      if (!found && (flags & ND_GAZETTEER_DEMONYM) && window[w - 1] <= chunk_last)
        country = nd_gazetteer_lookup_demonym (ex->gazetteer, key);
      RESTORE_KEY (w);
      if (found || country != NULL)
        {
          best->kind = found ? MATCH_PLACE : MATCH_DEMONYM;
          best->last = window[w - 1];
          best->org = NULL;
          best->country = country;
          break;
        }
    }

  /* titles (within the chunk) */
  for (guint w = title_reach; w >= 2 && window[w - 1] > best->last; w--)
    {
      gboolean found;

      if (window[w - 1] > chunk_last)
        continue;
      found = nd_lexicon_is_title (ex->lexicon, KEY_OF_WORDS (w));
      RESTORE_KEY (w);
      if (found)
        {
          best->kind = MATCH_TITLE;
          best->last = window[w - 1];
          best->org = NULL;
          break;
        }
    }

#undef KEY_OF_WORDS
#undef RESTORE_KEY

  if (best->kind != MATCH_NONE)
    return;

  /* one word: an acronym is an organisation first ("PA"), a name a
   * place first ("Jordan") */
  key[ends[0]] = '\0';
  if (n == 1)
    gazetteer_flags = gazetteer_flags_of (ex, first);
  if (info & ND_WORD_ORG)
    {
      const char *org = nd_lexicon_lookup_organization (ex->lexicon, key, all_caps);

      if (org != NULL && all_caps)
        {
          best->kind = MATCH_ORG;
          best->org = org;
          return;
        }
      if (org != NULL)
        best->org = org;
    }

  /* "Saudi officials", "Saudi Crown Prince": a word that is a demonym and
   * another name of a place ("Saudi", "Vatican") is the demonym before
   * another word, the place on its own ("the Vatican said") */
  if ((gazetteer_flags & ND_GAZETTEER_PLACE) && place_key_ok (ex, first, first, key) &&
      !((gazetteer_flags & ND_GAZETTEER_DEMONYM) && !token_names_country (ex, first, TRUE) &&
        first + 1 < ex->n && is_word (tok (ex, first + 1)) && !(tok (ex, first)->flags & ND_TOKEN_POSSESSIVE) &&
        !(first > 0 && (token_is (ex, first - 1, "the") || token_is (ex, first - 1, "The")))))
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

  /* "Secretary-General": one hyphenated word, a title of two */
  if ((info & ND_WORD_TITLE) || (strchr (key, ' ') != NULL && nd_lexicon_is_title (ex->lexicon, key)))
    {
      best->kind = MATCH_TITLE;
      return;
    }

  if (gazetteer_flags & ND_GAZETTEER_DEMONYM)
    {
      best->country = nd_gazetteer_lookup_demonym (ex->gazetteer, key);
      if (best->country != NULL)
        best->kind = MATCH_DEMONYM;
    }
}

/* Is there a place of this name that is no small town: a region, an
 * area, or a city of a million? */
static gboolean
is_big_place (Ex         *ex,
              const char *key)
{
  const PlaceList *list = places_named (ex, key);
  const NdPlace * const *places = list->places;
  guint n = list->n;
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
  guint       name_first; /* places: "North Kivu" is Kivu, "Guantánamo Bay" */
  guint       name_last;  /* near Guantánamo */
  guint       last;
  const char *org;
  const char *country;
} Segment;

/* A regnal or family number of two letters or more, II to LXXXIX
 * ("Charles III", "Leo XIV", "John XXIII"): tens then units, as Roman
 * numerals are written */
static gboolean
is_roman_numeral (const char *text,
                  gsize       length)
{
  static const char * const units[] = { "IX", "IV", "VIII", "VII", "VI", "V", "III", "II", "I", "" };
  static const char * const tens[] = { "LXXX", "LXX", "LX", "L", "XL", "XXX", "XX", "X", "" };
  gsize t = 0;

  if (length < 2)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tens); i++)
    {
      gsize n = strlen (tens[i]);

      if (n <= length && strncmp (text, tens[i], n) == 0)
        {
          t = n;
          break;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gsize n = strlen (units[i]);

      if (t + n == length && strncmp (text + t, units[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Jr.", "Sr.", "II", "III", "XIV": ends of names */
static gboolean
is_name_suffix (const Ex *ex,
                guint     i)
{
  static const char * const suffixes[] = {
    "Jr.", "Jr", "Sr.", "Sr", NULL
  };
  const NdToken *token = tok (ex, i);

  return token->kind == ND_TOKEN_WORD &&
         (text_in (ex->text + token->start, token->end - token->start, suffixes) ||
          is_roman_numeral (ex->text + token->start, token->end - token->start));
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

/* Does token `i` end the phrase before it: punctuation, the end, or a
 * verb or preposition that cannot belong to a name? */
static gboolean
ends_phrase (Ex    *ex,
             guint  i)
{
  if (i >= ex->n || tok (ex, i)->kind == ND_TOKEN_PUNCT)
    return TRUE;
  return (tok (ex, i)->flags & ND_TOKEN_CAPITALIZED) == 0 && (key_class (key_of (ex, i)) & WC_PHRASE_END) != 0;
}

/* Classifies a run of unknown words first..last (name tokens and name
 * particles, no hard connectors) */
/* "D.K", "A.P.J": capitals joined by periods, the last one without */
static gboolean
is_initials (const char *text,
             gsize       length)
{
  if (length < 3 || length % 2 == 0)
    return FALSE;
  for (gsize k = 0; k < length; k++)
    if ((k % 2 == 0 && !g_ascii_isupper (text[k])) || (k % 2 == 1 && text[k] != '.'))
      return FALSE;
  return TRUE;
}

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
      /* "AMX-10 RC", "MQ-9B": no one's name; "D.K Osei", "A.K Antony":
       * initials without their last period are */
      if (has_digit (ex, i) || (token->flags & ND_TOKEN_ALL_CAPS && !(token->flags & ND_TOKEN_ABBREVIATION) &&
                                token->end - token->start > 1 && !is_name_suffix (ex, i) &&
                                !(i < last && is_initials (ex->text + token->start, token->end - token->start))))
        no_name = TRUE;
    }

  if (n_words == 0)
    return CAND_NONE;

  first_info = info_of (ex, first_word);
  last_info = info_of (ex, last_word);

  /* "North Ossetia", "South Sudan": no one's name */
  if ((key_class (key_of (ex, first_word)) & WC_DIRECTION))
    return CAND_NONE;

  /* "the British Airways Tristar jet", "the Argentine Republic": nor
   * is a run that opens with a demonym */
  if (!titled && n_words > 1 && !(first_info & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)) &&
      nd_gazetteer_lookup_demonym (ex->gazetteer, key_of (ex, first_word)) != NULL)
    return CAND_NONE;

  /* after a title: a name unless it reads as words ("U.S. Envoy Cuts
   * Gaza Ceasefire Talks Short") */
  if (titled)
    {
      /* "manager Pep Guardiola": one common word in a name after a title
       * is still a name; "Envoy Cuts Gaza Ceasefire Talks" is not */
      if (n_words > MAX_NAME_WORDS - 1 || no_name ||
          n_common > (n_words >= 2 && !is_common (ex, last_word, G_MAXUINT) ? 1u : 0u))
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

  /* "Promoting Tauranga exporters ...", "Leaving Wellington, ...": a
   * verb's -ing form opening a sentence is no one's given name */
  if ((tok (ex, first_word)->flags & (ND_TOKEN_SENTENCE_START | ND_TOKEN_CLAUSE_START)) &&
      !(first_info & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)))
    {
      const char *key = key_of (ex, first_word);
      gsize len = strlen (key);

      if (len >= 7 && strcmp (key + len - 3, "ing") == 0)
        return CAND_NONE;
    }

  /* "Clarence House", "Rashtrapati Bhavan": a building, the office in it */
  {
    guint32 klass = key_class (key_of (ex, last_word));
    gboolean the = first > 0 && (token_is (ex, first - 1, "the") || token_is (ex, first - 1, "The"));

    if (((klass & (WC_BUILDING | WC_SITE)) ||
         ((klass & (WC_BUILDING_WEAK | WC_SITE_WEAK)) &&
          (the || !(first_info & ND_WORD_FIRST_NAME) || n_common > 0))) &&
        (tok (ex, last_word)->flags & ND_TOKEN_CAPITALIZED))
      {
        if (strict && !the)
          return CAND_NONE;
        return (klass & (WC_SITE | WC_SITE_WEAK)) ? CAND_PLACE : CAND_ORG;
      }
  }

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

  /* "the Taj Mahal", "the Hagia Sophia": "the" is never right before a
   * person's name that ends a phrase ("the Bill Clinton years" is his):
   * a landmark the gazetteer lacks */
  if (first > 0 && (token_is (ex, first - 1, "the") || token_is (ex, first - 1, "The")) &&
      (first_info & ND_WORD_FIRST_NAME) && n_common == 0 && ends_phrase (ex, last + 1))
    return strict ? CAND_NONE : CAND_PLACE;

  /* "sister city Yan Tai": a kind of settlement, in lower case, right
   * before names no one has */
  if (first > 0 && !(tok (ex, first - 1)->flags & ND_TOKEN_CAPITALIZED) &&
      (token_class (ex, first - 1) & WC_SETTLEMENT) && n_common == 0)
    return strict ? CAND_NONE : CAND_PLACE;

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

/* Does a run start or end with a word for a kind of place? */
static gboolean
names_feature (Ex    *ex,
               guint  first,
               guint  last)
{
  const char *head = key_of (ex, first);
  const char *tail = key_of (ex, last);

  if (!is_name_token (ex, first) || !is_name_token (ex, last))
    return FALSE;

  return (key_class (head) & WC_FEATURE_PREFIX) ||
         (key_class (tail) & WC_FEATURE_SUFFIX);
}

/* ", Canada" right after token `last`: where the place just named lies
 * ("Fort Simpson, Canada", though Fort is also a given name) */
static gboolean
followed_by_place (Ex    *ex,
                   guint  last)
{
  const NdToken *token = tok (ex, last);
  const char *p = ex->text + token->end;
  const char *word;
  char key[ND_EXTRACT_KEY_MAX];

  if (p[0] != ',' || p[1] != ' ' || !g_ascii_isupper (p[2]))
    return FALSE;
  word = p + 2;
  for (p = word; g_ascii_isalpha (*p) || *p == '.'; p++)
    ;
  if (nd_extract_key (word, p - word, key, sizeof key) == 0)
    return FALSE;
  return (nd_gazetteer_lookup_key (ex->gazetteer, key, -1) & ND_GAZETTEER_PLACE) != 0;
}

/* Whether the word of token `i` is also written in lower case in the
 * text */
static gboolean
lower_case_in_text (Ex    *ex,
                    guint  i)
{
  const NdToken *token = tok (ex, i);
  gsize len = token->end - token->start;
  const char *word = ex->text + token->start;

  for (const char *p = ex->text; (p = strchr (p, g_ascii_tolower (word[0]))) != NULL; p++)
    if ((p == ex->text || !g_ascii_isalnum (p[-1])) && strncmp (p + 1, word + 1, len - 1) == 0 &&
        !g_ascii_isalnum (p[len]))
      return TRUE;
  return FALSE;
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

  /* "her latest hit 'Nina Lovu'": a name in quotes of its own is a
   * work's title, no one's name */
  if (first >= 1 && last + 1 < ex->n && last - first < 4 && role == NULL &&
      (token_is_punct (ex, first - 1, '\'') || token_is_punct (ex, first - 1, '"')) &&
      token_is_punct (ex, last + 1, tok (ex, first - 1)->ch) &&
      (tok (ex, first - 1)->start == 0 || g_ascii_isspace (ex->text[tok (ex, first - 1)->start - 1])) &&
      !g_ascii_isalnum (ex->text[tok (ex, last + 1)->end]))
    return;

  for (guint i = first; i <= last; i++)
    if (!is_name_token (ex, i) && (token_class (ex, i) & WC_HARD_CONNECTOR))
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
          /* "House of Slaves on Gorée Island": "on" joins an
           * organisation's name only after its head ("Council on Foreign
           * Relations") */
          for (guint i = first + 1; i < last; i++)
            {
              if (token_is (ex, i, "on") && !(info_of (ex, i - 1) & ND_WORD_ORG_SUFFIX) &&
                  names_feature (ex, i + 1, last))
                {
                  add_run (ex, first, i - 1, NULL, FALSE, G_MAXUINT, place_before);
                  add_run (ex, i + 1, last, NULL, FALSE, G_MAXUINT, -1);
                  return;
                }
            }
          /* "Kenya National Commission on Human Rights" */
          if (place_before >= 0 && g_array_index (ex->cands, Cand, place_before).last + 1 == first)
            {
              Cand *before = &g_array_index (ex->cands, Cand, place_before);

              first = before->first;
              cand_clear (before);
              before->kind = CAND_NONE;
            }
          add_cand (ex, CAND_ORG, first, last);
          return;
        }

      /* split: "Smith and Jones" */
      for (guint i = first; i <= last; i++)
        {
          if (!is_name_token (ex, i) && (token_class (ex, i) & WC_HARD_CONNECTOR))
            {
              add_run (ex, first, i - 1, role, weak_title, royal_first, place_before);
              add_run (ex, i + 1, last, NULL, FALSE, G_MAXUINT, -1);
              return;
            }
        }
    }

  /* "Representative for Afghanistan Reconciliation Zalmay Khalilzad":
   * common words before a given name after a title end the title */
  /* (also after a title's place: "Representative for Afghanistan
   * Reconciliation Zalmay Khalilzad") */
  if (role != NULL || (first >= 2 && token_is (ex, first - 2, "for") && !(info_of (ex, last) & ND_WORD_ORG_SUFFIX)))
    while (first < last && is_name_token (ex, first) && is_common (ex, first, G_MAXUINT) &&
           !(info_of (ex, first) & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)) &&
           is_name_token (ex, first + 1) && !is_common (ex, first + 1, G_MAXUINT) &&
           ((info_of (ex, first + 1) & ND_WORD_FIRST_NAME) || count_words_in (ex, first + 1, last) >= 2))
      first++;

  kind = classify_run (ex, first, last, role != NULL, weak_title, strict, &flags);

  /* "Lake Pontchartrain", "Gorée Island": a place the gazetteer lacks;
   * so is "Fort Simpson", though Simpson is a surname, when a place
   * word that is no given name opens it */
  if (role == NULL && last > first && names_feature (ex, first, last) &&
      (kind != CAND_PERSON ||
       ((key_class (key_of (ex, first)) & WC_FEATURE_PREFIX) &&
        (!(info_of (ex, first) & ND_WORD_FIRST_NAME) || followed_by_place (ex, last)))))
    {
      cand = add_cand (ex, CAND_PLACE, first, last);
      cand->flags |= CAND_UNRESOLVED;
      return;
    }

  /* "Amazon Fund", "U.S. Army": a place and an organisation word */
  if (kind == CAND_SINGLE && place_before >= 0 && (info_of (ex, first) & ND_WORD_ORG_SUFFIX) &&
      g_array_index (ex->cands, Cand, place_before).last + 1 == first)
    kind = CAND_ORG;

  /* "Pope Francis", "Queen Margrethe II": the title is part of the name;
   * so it is of a regnal name of two words ("Pope John Paul II", "King
   * Carl Gustaf XVI"), which its number marks as a ruler's */
  if (kind == CAND_PERSON && royal_first != G_MAXUINT &&
      (count_words_in (ex, first, last) == 1 ||
       (count_words_in (ex, first, last) == 2 && is_roman_numeral (ex->text + tok (ex, last)->start,
                                                                   tok (ex, last)->end - tok (ex, last)->start))))
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

  /* "her group Fair Fight", "the radio station WWL": an organisation the
   * lists lack */
  if ((kind == CAND_NONE || kind == CAND_SINGLE || (kind == CAND_PERSON && (flags & CAND_WEAK))) &&
      role == NULL && has_org_cue (ex, first, last) && !has_speech_cue (ex, first, last))
    {
      if (kind == CAND_SINGLE)
        flags |= CAND_ORG_CUE;
      else
        {
          kind = CAND_ORG;
          flags &= ~CAND_WEAK;
        }
    }

  if (kind == CAND_NONE)
    return;

  /* "Downing Street", "Everest Base Camp": a place the gazetteer lacks */
  if (kind == CAND_PLACE)
    flags |= CAND_UNRESOLVED;

  cand = add_cand (ex, kind, first, last);
  cand->flags |= flags;
  if (role != NULL)
    {
      cand->flags |= CAND_TITLED;
      cand->role = ex_strdup (ex, role);
    }
  if (tok (ex, first)->flags & ND_TOKEN_ALL_CAPS && first == last)
    cand->flags |= CAND_ALL_CAPS;
  if (is_common (ex, first, G_MAXUINT) && first == last)
    cand->flags |= CAND_COMMON;
  if (has_speech_cue (ex, first, last))
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
                      n == 2 && (word_class (ex->text + parts[1].bstart, parts[1].bend - parts[1].bstart) & WC_HYPHEN_SUFFIX)))
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
      cand.broad = -1;
      if (nd_extract_key (ex->text + cand.bstart, cand.bend - cand.bstart, key, sizeof key) > 0)
        cand.key = ex_strdup (ex, key);
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
  segment->last = segment->name_last = last;
  segment->org = org;
  segment->country = country;
}

/* Is the name one of a city of a million or more, a country or an area?
 * Those stay places before other capitalised words ("Paris Olympics") */
static gboolean
is_landmark_name (Ex         *ex,
                  const char *key)
{
  const PlaceList *list = places_named (ex, key);
  const NdPlace * const *places = list->places;
  guint n = list->n;
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
            guint          name_last,
            guint          last)
{
  const NdToken *token = tok (ex, p);
  char key[ND_EXTRACT_KEY_MAX];
  gboolean after_title = n > 0 && segments[n - 1].kind == MATCH_TITLE && segments[n - 1].last + 1 == p;
  gboolean run_before = n > 0 && segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p &&
                        is_name_token (ex, p - 1);
  guint next_name = p + 1;

  if (!span_key (ex, p, name_last, key, sizeof key))
    return FALSE;

  /* "Tampa Bay Rays", "Republic Day", "Tel Aviv University": a place's
   * name in a longer name, unless it is a big one ("Paris Olympics") */
  if (unknown_word_follows (ex, match->last, last) && !is_landmark_name (ex, key))
    return FALSE;

  if (name_last != p || (token->flags & ND_TOKEN_ALL_CAPS))
    return TRUE;

  if ((key_class (key) & WC_DIRECTION))
    return FALSE;
  if (token_names_country (ex, p, FALSE))
    return TRUE;

  /* "North Kivu" */
  if (run_before && segments[n - 1].first == p - 1 && is_compass (key_of (ex, p - 1)))
    return TRUE;

  /* "his daughter Chelsea", "wife, Camilla": a town that is a given
   * name, right after a relative, is the relative's name */
  if ((info_of (ex, p) & ND_WORD_FIRST_NAME) &&
      ((p >= 1 && (token_class (ex, p - 1) & WC_RELATIVE)) ||
       (p >= 2 && token_is_punct (ex, p - 1, ',') && (token_class (ex, p - 2) & WC_RELATIVE))))
    return FALSE;

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
      /* "George Mitchell": a town that is a given name, then one word
       * that is a town and a surname */
      if (next.kind == MATCH_PLACE && next.last == next_name &&
          (info_of (ex, next_name) & ND_WORD_SURNAME) && !is_big_place (ex, key_of (ex, next_name)))
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
      guint name_last, seg_first;
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
          gboolean country = match.kind == MATCH_PLACE && token_names_country (ex, p, TRUE);

          /* "Congress approved ...": a rarer word that is a known
           * organisation's name stays one at a sentence start */
          gboolean rare_org = match.kind == MATCH_ORG && first == *last && !strict &&
                              ND_WORD_INFO_RANK (info_of (ex, p)) > RARE_WORD_RANK;

          if (!country && !rare_org && (first != *last || positional || strict))
            match.kind = MATCH_NONE;
        }

      name_last = match.last;
      if (match.kind == MATCH_PLACE)
        {
          /* "Guantánamo Bay", "Gorée Island": a place and a kind of place */
          if (match.last < *last && is_name_token (ex, match.last + 1) &&
              !(tok (ex, match.last)->flags & ND_TOKEN_POSSESSIVE) &&
              (key_class (key_of (ex, match.last + 1)) & WC_FEATURE_SUFFIX))
            match.last++;

          if (!place_fits (ex, segments, n, p, &match, name_last, *last))
            match.kind = MATCH_NONE;
        }

      /* "Air Force One", "Congress Party": a known name in a longer one */
      if (match.kind == MATCH_ORG && !(token->flags & ND_TOKEN_ALL_CAPS) &&
          unknown_word_follows (ex, match.last, *last))
        match.kind = MATCH_NONE;

      /* "Martin Luther King", "Stephen King": a one-word title in a
       * name, when it is also a family name (or after one word); "Kofi
       * Mensah Spokesperson" is a name and a role */
      if (match.kind == MATCH_TITLE && match.last == p && n > 0 &&
          segments[n - 1].kind == MATCH_NONE && segments[n - 1].last + 1 == p &&
          is_name_token (ex, segments[n - 1].first) && is_name_token (ex, p - 1) &&
          (info_of (ex, segments[n - 1].first) & ND_WORD_FIRST_NAME) &&
          ((info_of (ex, p) & ND_WORD_SURNAME) || segments[n - 1].first + 1 == p))
        match.kind = MATCH_NONE;

      /* "Mr Kofi Mensah Presidential Spokesperson": the frequent words
       * right before a title are part of it, not of the name */
      seg_first = p;
      if (match.kind == MATCH_TITLE && n > 0 && segments[n - 1].kind == MATCH_NONE &&
          segments[n - 1].last + 1 == p)
        {
          while (seg_first - 1 > segments[n - 1].first && is_name_token (ex, seg_first - 1) &&
                 is_common (ex, seg_first - 1, G_MAXUINT) &&
                 !(info_of (ex, seg_first - 1) & (ND_WORD_FIRST_NAME | ND_WORD_SURNAME)))
            seg_first--;
          segments[n - 1].last = seg_first - 1;
        }

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

              /* "Gates arrives in Delhi": a surname that travels */
              if (!name_follows && !((info & ND_WORD_SURNAME) && !(info & ND_WORD_NON_NAME) &&
                                     !(token->flags & ND_TOKEN_ALL_CAPS) &&
                                     (p == *last || !is_name_token (ex, p + 1)) && travels_after (ex, p)))
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

      add_segment (segments, &n, match.kind, seg_first, match.last, match.org, match.country);
      segments[n - 1].name_last = match.kind == MATCH_PLACE ? name_last : match.last;

      /* "North Kivu", "Southern Lebanon": the direction is part of the
       * mention, the place is Kivu, Lebanon */
      if (match.kind == MATCH_PLACE && n > 1 && segments[n - 2].kind == MATCH_NONE &&
          segments[n - 2].first == segments[n - 2].last && segments[n - 2].last + 1 == p &&
          is_name_token (ex, p - 1) && is_compass (key_of (ex, p - 1)))
        {
          segments[n - 2] = segments[n - 1];
          segments[n - 2].first = p - 1;
          segments[n - 2].name_first = p;
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

static gboolean org_names (const char *org,
                           const char *key);

/* An organisation listed under the very words of `key` ("Senate",
 * "Parliament"): a generic body, whose country the text says */
static gboolean
is_generic_org (const char *org,
                const char *key)
{
  char org_key[ND_EXTRACT_KEY_MAX];

  return nd_extract_key (org, -1, org_key, sizeof org_key) > 0 && strcmp (org_key, key) == 0;
}

/* "U.S. Congress", "U.S. State Department": a known organisation whose
 * name starts with a place and goes on with another of its names, or
 * starts with a country and goes on with the name of the generic body
 * its name contains ("Senate" in "U.S. Senate"), is the place and the
 * organisation. Returns the place's last
 * token, or 0. */
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
      if (org != NULL && is_generic_org (org, key) && org_names (segment->org, key) &&
          span_key (ex, segment->first, k, key, sizeof key) && names_country (ex, key, FALSE))
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

/* "the Dalai Lama", "the Pope", "the Emir of Qatar", "Camilla, Duchess
 * of Cornwall": a title with no name after it that names its one holder
 * (capitalised, after "the", or a title of several rare words, or with
 * "of" and a place) is a person's mention. Returns how many segments
 * after `segment` it took. */
static guint
add_title_name (Ex            *ex,
                const Segment *segment,
                const Segment *next,
                const Segment *after,
                const Segment *more)
{
  char key[ND_EXTRACT_KEY_MAX];
  guint last = segment->last;
  guint taken = 0;
  gboolean the;
  g_autofree char *role = NULL;
  Cand *cand;

  if (!(tok (ex, segment->first)->flags & ND_TOKEN_CAPITALIZED) ||
      (tok (ex, segment->first)->flags & ND_TOKEN_ALL_CAPS) ||
      !span_key (ex, segment->first, segment->last, key, sizeof key) ||
      !nd_lexicon_is_title_name (ex->lexicon, key))
    return 0;

  the = segment->first > 0 && (token_is (ex, segment->first - 1, "the") || token_is (ex, segment->first - 1, "The") ||
                               token_is (ex, segment->first - 1, "THE"));

  /* "the Emir of Qatar", "Duchess of Cornwall" */
  if (next != NULL && after != NULL && next->kind == MATCH_NONE && next->first == segment->last + 1 &&
      next->first == next->last && token_is (ex, next->first, "of") &&
      after->kind == MATCH_PLACE && after->first == next->last + 1 &&
      !(tok (ex, segment->last)->flags & ND_TOKEN_POSSESSIVE))
    {
      /* "Emir of Qatar Sheikh Tamim": a role before the name */
      if (after->last + 1 < ex->n && is_name_token (ex, after->last + 1) &&
          !(tok (ex, after->last)->flags & ND_TOKEN_POSSESSIVE))
        return 0;
      last = after->last;
      taken = 2;
    }
  else if (!the && (segment->first == segment->last || is_common (ex, segment->first, G_MAXUINT)))
    {
      return 0;
    }

  role = text_of (ex, tok (ex, segment->first)->start, tok (ex, segment->last)->end);

  /* "the Duke and Duchess of Cambridge": the Duke of Cambridge too */
  if (last == segment->last && next != NULL && after != NULL && more != NULL &&
      next->kind == MATCH_NONE && next->first == segment->last + 1 && next->first == next->last &&
      token_is (ex, next->first, "and") && after->kind == MATCH_TITLE && after->first == next->last + 1 &&
      more->kind == MATCH_NONE && more->first == after->last + 1 && more->first == more->last &&
      token_is (ex, more->first, "of") && (more + 1)->kind == MATCH_PLACE && (more + 1)->first == more->last + 1)
    {
      g_autofree char *place = text_of (ex, tok (ex, (more + 1)->first)->start, tok (ex, (more + 1)->last)->end);
      char *full = g_strdup_printf ("%s of %s", role, place);

      g_free (role);
      role = full;
    }
  cand = add_cand (ex, CAND_PERSON, segment->first, last);
  cand->flags |= CAND_TITLED | CAND_TITLE_NAME;
  cand->role = ex_strdup (ex, role);

  return taken;
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

      /* "Hassan Sheikh Mohamud", "Ali Shah Ahmed": a ruler's or cleric's
       * title between a given name (a town's too: Hassan) and a name is
       * part of the name, not the title of what follows */
      if ((segment->kind == MATCH_NONE || segment->kind == MATCH_PLACE) &&
          next != NULL && next->kind == MATCH_TITLE && next->first == next->last &&
          next->first == segment->last + 1 && s + 2 < n &&
          segments[s + 2].kind == MATCH_NONE && segments[s + 2].first == next->last + 1 &&
          is_name_token (ex, segment->last) && is_name_token (ex, segments[s + 2].first) &&
          (info_of (ex, segment->last) & ND_WORD_FIRST_NAME) && royal_title (ex, next) &&
          /* (not "in Hassan King Charles said": a town after "in") */
          !(segment->kind == MATCH_PLACE && segment->first > 0 &&
            (token_is (ex, segment->first - 1, "in") || token_is (ex, segment->first - 1, "to") ||
             token_is (ex, segment->first - 1, "from") || token_is (ex, segment->first - 1, "at") ||
             token_is (ex, segment->first - 1, "near") || token_is (ex, segment->first - 1, "of"))))
        {
          gboolean weak = FALSE;
          g_autofree char *role = s == 0 ? title_before (ex, segment->first, &weak) : NULL;

          add_run (ex, segment->first, segments[s + 2].last, role, weak, G_MAXUINT, place_before);
          place_before = -1;
          s += 2;
          continue;
        }

      switch (segment->kind)
        {
        case MATCH_ORG:
          {
            guint split = split_org_place (ex, segment);
            Cand *before = place_before >= 0 ? &g_array_index (ex->cands, Cand, place_before) : NULL;

            Segment *after = s + 2 < n ? &segments[s + 2] : NULL;

            /* "U.S. District Court for the Northern Mariana Islands" */
            if (next != NULL && after != NULL && next->kind == MATCH_NONE &&
                next->first == segment->last + 1 && count_words_in (ex, next->first, next->last) == 0 &&
                after->first == next->last + 1 &&
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
          if (segment->name_first != segment->first || segment->name_last != segment->last)
            {
              char key[ND_EXTRACT_KEY_MAX];

              cand->key = span_key (ex, segment->name_first, segment->name_last, key, sizeof key) ? ex_strdup (ex, key) : NULL;
              /* named as written, placed at the place it contains */
              cand->flags |= CAND_SURFACE;
            }
          if (segment->name_first == segment->name_last && is_common (ex, segment->name_last, G_MAXUINT))
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
                /* a one-word title that is a common word: "General";
                 * a ruler's title is not ("Emperor Akihito", "Sultan
                 * Qaboos": a regnal name the name lists lack) */
                gboolean royal = royal_title (ex, segment);
                /* (but "State Secretary X": a capitalised word of the
                 * role before it makes a longer title) */
                gboolean weak = segment->first == segment->last && !royal &&
                                is_common (ex, segment->first, G_MAXUINT) &&
                                !(segment->first > 0 && is_name_token (ex, segment->first - 1) &&
                                  (info_of (ex, segment->first - 1) & ND_WORD_TITLE_START));

                add_run (ex, next->first, next->last, role, weak,
                         royal ? segment->first : G_MAXUINT, -1);
                s++;
              }
            else
              {
                s += add_title_name (ex, segment, next, s + 2 < n ? &segments[s + 2] : NULL,
                                     s + 4 < n ? &segments[s + 3] : NULL);
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

            /* "Hidetada Fukushima, a professor": an unknown word and a
             * town that is a surname, said of a person */
            if (next != NULL && next->kind == MATCH_PLACE && s + 2 == n && next->first == segment->last + 1 &&
                next->first == next->last && segment->first == segment->last &&
                is_name_token (ex, segment->first) && !is_common (ex, segment->first, G_MAXUINT) &&
                !token_names_country (ex, next->first, FALSE) &&
                has_speech_cue (ex, segment->first, next->last))
              {
                add_run (ex, segment->first, next->last, NULL, FALSE, G_MAXUINT, -1);
                s++;
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


/* "the Wellington Employers' Chamber of Commerce": a plural possessive
 * ("Employers'", not "Israel's") followed by a name that ends as an
 * organisation's does is inside that name */
static gboolean
plural_possessive_in_org (Ex    *ex,
                          guint  j,
                          guint  k)
{
  const NdToken *token = tok (ex, j);

  if (token->end - token->start < 3 || (ex->text[token->end - 1] != 's' && ex->text[token->end - 1] != 'S') ||
      ex->text[token->end] != '\'' ||
      (ex->text[token->end + 1] == 's' || ex->text[token->end + 1] == 'S') ||
      /* "the Philippines' Foreign Ministry": a place's */
      (gazetteer_flags_of (ex, j) & ND_GAZETTEER_PLACE))
    return FALSE;
  for (guint i = k; i < ex->n && i < k + 5; i++)
    {
      if (tok (ex, i)->flags & ND_TOKEN_SENTENCE_START)
        return FALSE;
      if (is_name_token (ex, i))
        {
          if (info_of (ex, i) & ND_WORD_ORG_SUFFIX)
            return TRUE;
        }
      else if (!is_connector (ex, i))
        return FALSE;
    }
  return FALSE;
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
                !(tok (ex, k)->flags & ND_TOKEN_SENTENCE_START)) &&
              !plural_possessive_in_org (ex, j, k))
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
          /* "Thomas F. (Mack) McLarty": a nickname in brackets after a
           * given name or an initial, inside the name */
          if (k + 3 < ex->n && token_is_punct (ex, k, '(') && is_name_token (ex, k + 1) &&
              token_is_punct (ex, k + 2, ')') && is_name_token (ex, k + 3) &&
              !(tok (ex, k + 1)->flags & ND_TOKEN_ALL_CAPS) && !(tok (ex, k + 3)->flags & ND_TOKEN_ALL_CAPS) &&
              ((tok (ex, j)->flags & ND_TOKEN_INITIAL) || (info_of (ex, j) & ND_WORD_FIRST_NAME)) &&
              !(gazetteer_flags_of (ex, k + 1) & ND_GAZETTEER_PLACE))
            {
              j = k + 3;
              continue;
            }
          break;
        }

      i = process_chunk (ex, i, j);
    }
}

/* Blocks: headings and table rows are strict. Lines are judged as
 * nd_body_parse() judges them, without building its blocks: only lines
 * that can be a heading (short, no closing punctuation, more text after)
 * or a table row (a pipe) are looked at closer. */

#define HEADING_MAX_WORDS 18

static void
mark_line (Ex    *ex,
           guint  first,
           guint  end,
           guint  words,
           gboolean has_pipe,
           gboolean last_line)
{
  const NdToken *last_token = tok (ex, end - 1);
  g_autofree char *line = NULL;
  gboolean strict = FALSE;

  if (has_pipe)
    {
      line = g_strndup (ex->text + tok (ex, first)->start, last_token->end - tok (ex, first)->start);
      strict = nd_body_line_is_table_row (line);
    }

  if (!strict && !last_line && words > 0 && words <= HEADING_MAX_WORDS &&
      !(last_token->kind == ND_TOKEN_PUNCT &&
        (last_token->ch == '.' || last_token->ch == '!' || last_token->ch == '?' || last_token->ch == ':' ||
         last_token->ch == ',' || last_token->ch == ';')))
    {
      if (line == NULL)
        line = g_strndup (ex->text + tok (ex, first)->start, last_token->end - tok (ex, first)->start);
      strict = nd_body_line_is_heading (line);
    }

  if (strict)
    for (guint t = first; t < end; t++)
      ex->marks[t] |= MARK_STRICT;
}

static void
mark_blocks (Ex *ex)
{
  guint first = 0;
  guint words = 0;
  gboolean has_pipe = FALSE;

  for (guint t = 0; t <= ex->n; t++)
    {
      const NdToken *token = t < ex->n ? tok (ex, t) : NULL;

      if (token == NULL || token->kind == ND_TOKEN_NEWLINE)
        {
          if (t > first)
            {
              /* a heading needs text after it */
              gboolean last_line = TRUE;

              for (guint k = t; k < ex->n && last_line; k++)
                if (tok (ex, k)->kind != ND_TOKEN_NEWLINE)
                  last_line = FALSE;

              mark_line (ex, first, t, words, has_pipe, last_line);
            }
          first = t + 1;
          words = 0;
          has_pipe = FALSE;
          continue;
        }

      if (token->kind == ND_TOKEN_WORD || token->kind == ND_TOKEN_NUMBER)
        words++;
      else if (token->ch == '|')
        has_pipe = TRUE;
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

/* The keys of a person's name words, joined by spaces: "antony blinken"
 * (in the extraction's arena) */
static char *
name_words_key (Ex         *ex,
                const Cand *cand)
{
  gsize size = 1;
  gsize o = 0;
  char *key;

  for (guint i = cand->first; i <= cand->last; i++)
    {
      const NdToken *token = tok (ex, i);

      if (token->kind != ND_TOKEN_WORD || !(token->flags & (ND_TOKEN_CAPITALIZED | ND_TOKEN_ALL_CAPS)))
        continue;
      ensure_key (ex, i);
      size += ex->key_len[i] + 1;
    }

  key = ex_alloc (ex, size);
  for (guint i = cand->first; i <= cand->last; i++)
    {
      const NdToken *token = tok (ex, i);

      if (token->kind != ND_TOKEN_WORD || !(token->flags & (ND_TOKEN_CAPITALIZED | ND_TOKEN_ALL_CAPS)))
        continue;
      if (o > 0)
        key[o++] = ' ';
      memcpy (key + o, key_of (ex, i), ex->key_len[i]);
      o += ex->key_len[i];
    }
  key[o] = '\0';

  return key;
}

/* One of 64 bits for a word: a person whose `word_bits` lack a word's bit
 * has no such word, and needs no comparison */
static guint64
word_bit (const char *word,
          gsize       length)
{
  guint32 h = 2166136261u;

  for (gsize k = 0; k < length; k++)
    h = (h ^ (guchar) word[k]) * 16777619u;

  return G_GUINT64_CONSTANT (1) << (h >> 26);
}

static gint
add_person (Ex         *ex,
            const char *name,
            const char *words,
            guint       n_words,
            const char *role,
            guint       position)
{
  /* people live as long as the extraction: in its arena */
  Person *person = ex_alloc (ex, sizeof (Person));
  const char *space = strchr (words, ' ');
  const char *last_space = strrchr (words, ' ');

  memset (person, 0, sizeof (Person));
  person->first_position = position;
  person->name = ex_strdup (ex, name);
  person->words = ex_strdup (ex, words);
  person->first_key = space != NULL ? ex_strndup (ex, words, space - words) : NULL;
  person->last_key = ex_strdup (ex, last_space != NULL ? last_space + 1 : words);
  person->n_words = n_words;
  person->role = ex_strdup (ex, role);
  for (const char *w = words;;)
    {
      const char *end = strchr (w, ' ');
      gsize length = end != NULL ? (gsize) (end - w) : strlen (w);

      person->word_bits |= word_bit (w, length);
      if (end == NULL)
        break;
      w = end + 1;
    }
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
  gsize length = key != NULL ? strlen (key) : 0;
  /* the surname and the given name are among the words too; a key of
   * several words ("al sisi") is looked for without the filter */
  guint64 bit = length > 0 && memchr (key, ' ', length) == NULL ? word_bit (key, length) : G_MAXUINT64;

  for (guint pass = 0; key != NULL && pass < 3; pass++)
    {
      gint found = -1;

      for (guint i = 0; i < ex->persons->len; i++)
        {
          Person *person = g_ptr_array_index (ex->persons, i);
          gboolean hit;

          if (!(person->word_bits & bit))
            continue;
          if (pass == 0)
            hit = person->last_key[0] == key[0] && strcmp (person->last_key, key) == 0;
          else if (pass == 1)
            hit = person->first_key != NULL && person->first_key[0] == key[0] &&
                  strcmp (person->first_key, key) == 0;
          else
            hit = has_word_len (person->words, key, length);

          if (!hit)
            continue;
          /* two people share it ("Shinzo Abe", "Akie Abe"): the one the
           * article introduced first, most often its subject */
          if (found < 0 || person->first_position <
                           ((Person *) g_ptr_array_index (ex->persons, found))->first_position)
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

/* Does the person bear the title whose key is `title` ("prince", "crown
 * prince"): a name that starts with it ("Prince Charles"), or that role? */
static gboolean
person_has_title (Ex         *ex,
                  Person     *person,
                  const char *title)
{
  char role[ND_EXTRACT_KEY_MAX];
  gsize length = strlen (title);

  if (strncmp (person->words, title, length) == 0 && person->words[length] == ' ')
    return TRUE;

  return person->role != NULL && nd_extract_key (person->role, -1, role, sizeof role) > 0 &&
         strcmp (role, title) == 0;
}

/* Title-names ("the Prince", "the Prince of Wales", "the Dalai Lama")
 * are the person named with that title most often before (else the
 * first after), else a person named by the title */
static void
resolve_title_names (Ex *ex)
{
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      char title[ND_EXTRACT_KEY_MAX];
      char head[ND_EXTRACT_KEY_MAX];
      const char *space;
      const char *words;
      gint person = -1;
      guint first_word, last_word;

      if (cand->kind != CAND_PERSON || !(cand->flags & CAND_TITLE_NAME))
        continue;
      if (nd_extract_key (cand->role, -1, title, sizeof title) == 0)
        {
          cand->kind = CAND_NONE;
          continue;
        }
      /* "prince" of "prince of wales" */
      space = strchr (title, ' ');
      g_strlcpy (head, title, space != NULL && strncmp (space, " of ", 4) == 0 ? (gsize) (space - title) + 1 : sizeof head);

      /* "Camilla, Duchess of Cornwall": the title of the name before */
      if (c > 0 && token_is_punct (ex, cand->first - 1, ','))
        {
          Cand *before = &g_array_index (ex->cands, Cand, c - 1);

          if (before->last + 2 == cand->first && before->kind == CAND_PERSON && before->person >= 0 &&
              !(before->flags & CAND_TITLE_NAME))
            {
              person = before->person;
            }
          else if (before->last + 2 == cand->first && before->first == before->last && before->key != NULL &&
                   (before->kind == CAND_SINGLE ||
                    (before->kind == CAND_PLACE && !token_names_country (ex, before->first, FALSE))) &&
                   (info_of (ex, before->first) & ND_WORD_FIRST_NAME) && !is_common (ex, before->first, G_MAXUINT))
            {
              person = link_word (ex, before->key);
              if (person == -1)
                {
                  g_autofree char *name = text_of (ex, before->bstart, before->bend);

                  person = add_person (ex, name, before->key, 1, cand->role, before->cstart);
                }
              if (person >= 0)
                {
                  before->kind = CAND_PERSON;
                  before->person = person;
                }
            }
          if (person >= 0)
            {
              Person *p = g_ptr_array_index (ex->persons, person);

              if (p->role == NULL)
                p->role = ex_strdup (ex, cand->role);
            }
        }

      /* "the Archbishop of Canterbury, Justin Welby": the name after */
      if (person < 0 && c + 1 < ex->cands->len && token_is_punct (ex, cand->last + 1, ','))
        {
          const Cand *after = &g_array_index (ex->cands, Cand, c + 1);

          if (after->first == cand->last + 2 && after->kind == CAND_PERSON && after->person >= 0 &&
              !(after->flags & CAND_TITLE_NAME))
            person = after->person;
        }

      /* of the people with that title named before, the one named most
       * often so far, the nearest of those: "Emperor Akihito ... the
       * Emperor's father, Emperor Hirohito ... the Emperor" is still
       * Akihito */
      if (person < 0)
        {
          guint best_count = 0;

          for (guint k = c; k-- > 0;)
            {
              const Cand *other = &g_array_index (ex->cands, Cand, k);
              guint count = 0;

              /* (title-names before this one are resolved already) */
              if (other->kind != CAND_PERSON || other->person < 0 || other->person == person ||
                  !(person_has_title (ex, g_ptr_array_index (ex->persons, other->person), title) ||
                    person_has_title (ex, g_ptr_array_index (ex->persons, other->person), head)))
                continue;
              for (guint j = 0; j < c; j++)
                {
                  const Cand *mention = &g_array_index (ex->cands, Cand, j);

                  if (mention->kind == CAND_PERSON && mention->person == other->person)
                    count++;
                }
              if (count > best_count)
                {
                  best_count = count;
                  person = other->person;
                }
            }
        }

      /* else the first named after */
      for (guint o = c + 1; o < ex->cands->len && person < 0; o++)
        {
          const Cand *other = &g_array_index (ex->cands, Cand, o);

          if (other->kind != CAND_PERSON || other->person < 0 || (other->flags & CAND_TITLE_NAME))
            continue;
          if (person_has_title (ex, g_ptr_array_index (ex->persons, other->person), title) ||
              person_has_title (ex, g_ptr_array_index (ex->persons, other->person), head))
            person = other->person;
        }

      if (person < 0)
        {
          cand->n_words = count_name_words (ex, cand, &first_word, &last_word);
          words = name_words_key (ex, cand);
          /* "the Duke [and Duchess] of Cambridge": named by the whole title */
          if (strstr (cand->role, " of ") != NULL && strchr (words, ' ') == NULL)
            {
              char role_key[ND_EXTRACT_KEY_MAX];
              g_autofree char *joined = NULL;
              char *of;

              if (nd_extract_key (cand->role, -1, role_key, sizeof role_key) > 0 &&
                  (of = strstr (role_key, " of ")) != NULL)
                {
                  memmove (of, of + 3, strlen (of + 3) + 1);
                  joined = g_strdup (role_key);
                  words = ex_strdup (ex, joined);
                  cand->n_words++;
                }
            }
          for (guint i = 0; i < ex->persons->len && person < 0; i++)
            if (strcmp (((Person *) g_ptr_array_index (ex->persons, i))->words, words) == 0)
              person = (gint) i;
          if (person < 0)
            {
              g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

              if (strstr (cand->role, " of ") != NULL && strstr (name, " of ") == NULL)
                {
                  g_free (name);
                  name = g_strdup (cand->role);
                }
              person = add_person (ex, name, words, cand->n_words, cand->role, cand->cstart);
            }
        }
      cand->person = person;
    }
}

static void
resolve_persons (Ex *ex)
{
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (guint));

  /* "Barack" of "Barack and Michelle Obama": Barack Obama, a given name
   * alone before "and" and a full name sharing its surname */
  for (guint c = 0; c + 1 < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      const Cand *next = &g_array_index (ex->cands, Cand, c + 1);
      g_autofree char *given = NULL;
      g_autofree char *name = NULL;
      char *words;

      if (cand->first != cand->last || cand->key == NULL || next->kind != CAND_PERSON ||
          next->first != cand->last + 2 || !token_is (ex, cand->last + 1, "and") || next->last == next->first ||
          !(cand->kind == CAND_SINGLE || cand->kind == CAND_PERSON ||
            (cand->kind == CAND_PLACE && !token_names_country (ex, cand->first, FALSE))) ||
          (info_of (ex, cand->first) & (ND_WORD_FIRST_NAME | ND_WORD_NON_NAME)) != ND_WORD_FIRST_NAME ||
          !(info_of (ex, next->first) & ND_WORD_FIRST_NAME) ||
          !(tok (ex, next->last)->flags & ND_TOKEN_CAPITALIZED) || (cand->flags & CAND_TITLE_NAME))
        continue;
      cand->kind = CAND_PERSON;
      cand->surname = next->last;
      ensure_key (ex, cand->surname);
      given = text_of (ex, cand->bstart, cand->bend);
      name = g_strdup_printf ("%s %.*s", given, (int) (tok (ex, cand->surname)->end - tok (ex, cand->surname)->start),
                              ex->text + tok (ex, cand->surname)->start);
      {
        g_autofree char *joined = g_strconcat (cand->key, " ", key_of (ex, cand->surname), NULL);

        words = ex_strdup (ex, joined);
      }
      cand->person = link_name (ex, words);
      if (cand->person == -1)
        cand->person = add_person (ex, name, words, 2, cand->role, cand->cstart);
      if (cand->person < 0)
        cand->kind = CAND_NONE;
    }

  /* names of several words, longest first, so that shorter forms find
   * the full name they belong to */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      guint first_word, last_word;

      if (cand->kind != CAND_PERSON || (cand->flags & CAND_TITLE_NAME) || cand->surname != 0)
        continue;

      cand->n_words = count_name_words (ex, cand, &first_word, &last_word);
      if (cand->n_words < 2)
        continue;

      /* "to Bab al-Hawa", "at the Casa Rosada": a place the gazetteer lacks */
      if ((cand->flags & CAND_WEAK) && cand->first > 0 &&
          ((token_class (ex, cand->first - 1) & WC_STRONG_LOCATIVE) || token_is (ex, cand->first - 1, "to") ||
           (token_is (ex, cand->first - 1, "the") && cand->first > 1 &&
            (token_class (ex, cand->first - 2) & WC_STRONG_LOCATIVE))))
        {
          cand->kind = CAND_PLACE;
          cand->flags |= CAND_UNRESOLVED;
          continue;
        }

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
      const char *words = name_words_key (ex, cand);
      gint person = link_name (ex, words);

      if (person == -1)
        {
          g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

          person = add_person (ex, name, words, cand->n_words, cand->role, cand->cstart);
        }
      if (person < 0)
        {
          cand->kind = CAND_NONE;
          continue;
        }
      cand->person = person;

      {
        Person *p = g_ptr_array_index (ex->persons, person);

        p->first_position = MIN (p->first_position, cand->cstart);
        if (p->role == NULL && cand->role != NULL)
          p->role = ex_strdup (ex, cand->role);
      }
    }

  /* one word after a title: "President Biden", "Pope Francis" */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      gint person;

      if (cand->kind != CAND_PERSON || cand->person >= 0 || cand->key == NULL ||
          (cand->flags & CAND_TITLE_NAME))
        continue;

      person = link_word (ex, cand->key);
      if (person == -1)
        {
          g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

          person = add_person (ex, name, cand->key, 1, cand->role, cand->cstart);
        }
      else if (person >= 0 && cand->role != NULL)
        {
          Person *p = g_ptr_array_index (ex->persons, person);

          if (p->role == NULL)
            p->role = ex_strdup (ex, cand->role);
        }

      if (person >= 0)
        cand->person = person;
      else
        cand->kind = CAND_NONE;
    }

  resolve_title_names (ex);

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
      if (cand->kind == CAND_PLACE && !(cand->flags & CAND_SURFACE) && token_names_country (ex, cand->first, FALSE))
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
      char *name;

      if (cand->kind != CAND_ORG || cand->first == cand->last)
        continue;
      if (!token_is_punct (ex, i, '(') || !token_is_punct (ex, i + 2, ')'))
        continue;

      token = tok (ex, i + 1);
      if (token->kind != ND_TOKEN_WORD || !(token->flags & ND_TOKEN_ALL_CAPS))
        continue;

      if (cand->org != NULL)
        {
          name = ex_strdup (ex, cand->org);
        }
      else
        {
          name = ex_alloc (ex, cand->bend - cand->bstart + 1);
          memcpy (name, ex->text + cand->bstart, cand->bend - cand->bstart);
          name[cand->bend - cand->bstart] = '\0';
        }
      nd_extract_ptr_map_insert (ex->acronyms, ex_strdup (ex, key_of (ex, i + 1)), name);
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
  guint    total;
  guint    running;      /* in running text, not capitalised by position */
  guint    to_cues;      /* after "to", "from", "in", "at" */
  guint    person_cues;
  guint    org_cues;
  guint    place_cues;
  guint32  info;
  gboolean all_caps;
} WordStats;

/* Is the candidate next to a known organisation in a list: "Dow and
 * DuPont", "BASF, Bayer and Syngenta"? */
static gboolean
coordinated_with_org (Ex         *ex,
                      const Cand *cand)
{
  for (guint c = 0; c < ex->cands->len; c++)
    {
      const Cand *other = &g_array_index (ex->cands, Cand, c);

      if (other->kind != CAND_ORG || other == cand)
        continue;

      /* "ORG and X", "ORG, X" */
      if (other->last + 2 == cand->first &&
          (token_is (ex, cand->first - 1, "and") || token_is_punct (ex, cand->first - 1, ',')))
        return TRUE;
      /* "X and ORG", "X, ORG" */
      if (cand->last + 2 == other->first &&
          (token_is (ex, cand->last + 1, "and") || token_is_punct (ex, cand->last + 1, ',')))
        return TRUE;
    }

  return FALSE;
}

/* Is a given name coordinated with a person: "Charles and Camilla",
 * "Camilla and Charles"? */
static gboolean
coordinated_with_person (Ex         *ex,
                         const Cand *cand)
{
  if (!(info_of (ex, cand->first) & ND_WORD_FIRST_NAME))
    return FALSE;

  for (guint c = 0; c < ex->cands->len; c++)
    {
      const Cand *other = &g_array_index (ex->cands, Cand, c);

      if (other->kind != CAND_PERSON || other == cand)
        continue;
      if (other->last + 2 == cand->first && token_is (ex, cand->first - 1, "and"))
        return TRUE;
      if (cand->last + 2 == other->first && token_is (ex, cand->last + 1, "and"))
        return TRUE;
      if (other->first > cand->last + 2)
        break;
    }

  return FALSE;
}

/* Single unknown words: a person, an organisation or a place, when the
 * text says which; a word the text says nothing about is left out */
static void
resolve_singles (Ex *ex)
{
  NdExtractPtrMap *stats = ex->stats;

  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      WordStats *ws;

      if (cand->kind != CAND_SINGLE || cand->key == NULL)
        continue;

      ws = nd_extract_ptr_map_lookup (stats, cand->key);
      if (ws == NULL)
        {
          ws = ex_alloc (ex, sizeof (WordStats));
          memset (ws, 0, sizeof (WordStats));
          ws->info = info_of (ex, cand->first);
          nd_extract_ptr_map_insert (stats, cand->key, ws);
        }
      ws->total++;
      if (!(cand->flags & (CAND_INITIAL | CAND_STRICT)))
        ws->running++;
      if ((cand->flags & CAND_CUE) || coordinated_with_person (ex, cand))
        ws->person_cues++;
      if ((cand->flags & CAND_ORG_CUE) || coordinated_with_org (ex, cand))
        ws->org_cues++;
      if (cand->first > 0 && (token_class (ex, cand->first - 1) & WC_STRONG_LOCATIVE))
        ws->place_cues++;
      if (cand->first > 0 && (token_is (ex, cand->first - 1, "to") || token_is (ex, cand->first - 1, "from") ||
                              token_is (ex, cand->first - 1, "in") || token_is (ex, cand->first - 1, "at")))
        ws->to_cues++;
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

      org = nd_extract_ptr_map_lookup (ex->acronyms, cand->key);
      if (org != NULL)
        {
          cand->kind = CAND_ORG;
          cand->org = org;
          continue;
        }

      ws = nd_extract_ptr_map_lookup (stats, cand->key);
      name_word = (ws->info & (ND_WORD_SURNAME | ND_WORD_FIRST_NAME)) != 0;

      /* "her visit to Swat ... came to Swat ... from Swat": a common
       * word the text always capitalises, after "to", "in", "from"
       * again and again, is a place the gazetteer lacks */
      if (ws->running >= 2 && ws->to_cues >= 2 && ws->to_cues * 2 >= ws->total &&
          ws->person_cues == 0 && ws->org_cues == 0 && !ws->all_caps && !name_word &&
          is_common (ex, cand->first, G_MAXUINT) && !lower_case_in_text (ex, cand->first))
        {
          cand->kind = CAND_PLACE;
          cand->flags |= CAND_UNRESOLVED;
          continue;
        }
      if (ws->running == 0 || (is_common (ex, cand->first, G_MAXUINT) && !name_word) ||
          strlen (cand->key) < 2 ||
          (key_class (cand->key) & WC_DIRECTION))
        {
          cand->kind = CAND_NONE;
          continue;
        }

      /* "WikiLeaks", "YouTube", "PayPal": brands, not people */
      if (is_camel_case (ex, cand->first) || ws->org_cues > ws->person_cues)
        {
          cand->kind = CAND_ORG;
          continue;
        }

      if (ws->person_cues > 0 && !ws->all_caps)
        {
          person = link_word (ex, cand->key);
          if (person == -1)
            {
              g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

              person = add_person (ex, name, cand->key, 1, NULL, cand->cstart);
            }
          if (person >= 0)
            {
              cand->kind = CAND_PERSON;
              cand->person = person;
              continue;
            }
        }

      /* "in Milner", "at Chequers": a place the gazetteer lacks */
      if (ws->place_cues > 0 && !ws->all_caps)
        {
          cand->kind = CAND_PLACE;
          cand->flags |= CAND_UNRESOLVED;
          continue;
        }

      /* a name the text keeps using without saying what it is: an
       * organisation far more often than anything else ("Monsanto") */
      if (ws->running >= 2 && !ws->all_caps)
        {
          cand->kind = CAND_ORG;
          continue;
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

  {
    const PlaceList *list = places_named (ex, cand->key);

    n = MIN (list->n, max);
    memcpy (out, list->places, n * sizeof (const NdPlace *));
  }

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

/* A city named without its country needs a reason to be taken for one:
 * this many people, or the article's context */
#define BARE_CITY_POPULATION 500000

static gboolean
has_place_cue (Ex         *ex,
               const Cand *cand)
{
  const NdToken *first = tok (ex, cand->first);

  if (cand->first > 0 && (token_class (ex, cand->first - 1) & WC_LOCATIVE))
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

/* A town this much smaller than another of the same name is meant only
 * when the text says so ("Amsterdam" is not Amsterdam, New York) */
#define TOWN_POPULATION_RATIO 20

/* Is `place` in the place the text names after the name ("Atlanta,
 * Georgia")? `qualifiers` are the candidates naming those. Sets a
 * qualifier's place when it had none. */
static gboolean
is_qualified (Ex            *ex,
              const guint   *qualifiers,
              guint          n_qualifiers,
              const NdPlace *place)
{
  for (guint k = 0; k < n_qualifiers; k++)
    {
      Cand *q = &g_array_index (ex->cands, Cand, qualifiers[k]);
      const NdPlace *outer[64];
      guint m;

      m = q->place != NULL ? 1 : place_candidates (ex, q, outer, G_N_ELEMENTS (outer));
      if (q->place != NULL)
        outer[0] = q->place;
      for (guint j = 0; j < m; j++)
        {
          if (nd_place_contains (outer[j], place))
            {
              if (q->place == NULL)
                q->place = outer[j];
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Chooses the place a name means here; NULL when it means none */
static const NdPlace *
choose_place (Ex             *ex,
              guint           c,
              NdPlaceContext *context,
              gboolean        late)
{
  Cand *cand = &g_array_index (ex->cands, Cand, c);
  const NdPlace *places[64];
  const NdPlace *best = NULL;
  const NdPlace *broad = NULL;
  double best_score = -G_MAXDOUBLE;
  gboolean best_qualified = FALSE;
  gboolean cue = FALSE;
  guint qualifiers[8];
  guint n_qualifiers = 0;
  guint max_population = 0;
  guint n;

  n = place_candidates (ex, cand, places, G_N_ELEMENTS (places));

  /* what all mentions of the name say: a cue, a place named after it */
  for (guint k = c; k < ex->cands->len; k++)
    {
      Cand *other = &g_array_index (ex->cands, Cand, k);

      if (other->kind != CAND_PLACE || other->key == NULL || strcmp (other->key, cand->key) != 0)
        continue;
      if (!cue && has_place_cue (ex, other))
        cue = TRUE;
      if (other->qualifier >= 0 && n_qualifiers < G_N_ELEMENTS (qualifiers))
        qualifiers[n_qualifiers++] = other->qualifier;
    }

  for (guint i = 0; i < n; i++)
    {
      if (places[i]->kind == ND_PLACE_CITY)
        max_population = MAX (max_population, places[i]->population);
      if (is_broad (places[i]) && broad == NULL)
        broad = places[i];
    }

  for (guint i = 0; i < n; i++)
    {
      gboolean qualified = n_qualifiers > 0 && is_qualified (ex, qualifiers, n_qualifiers, places[i]);
      double score;

      if (places[i]->kind == ND_PLACE_CITY && !qualified &&
          (guint64) places[i]->population * TOWN_POPULATION_RATIO < max_population)
        continue;

      score = nd_gazetteer_score (ex->gazetteer, places[i], context);
      if (qualified)
        /* datelines and "City, Country" name cities */
        score += 200 + (places[i]->kind == ND_PLACE_CITY ? 1 : 0);

      if (score > best_score)
        {
          best = places[i];
          best_score = score;
          best_qualified = qualified;
        }
    }

  /* "Georgia" is the country unless the text is about the US state: its
   * country named, the country's not, places near it */
  if (late && broad != NULL && best == broad)
    {
      for (guint i = 0; i < n; i++)
        {
          const NdPlace *other = places[i];

          if (is_broad (other) || nd_place_context_get_weight (context, broad->country) > 0)
            continue;
          if (nd_place_context_get_weight (context, other->country) >= 1.5 &&
              nd_place_context_get_distance (context, other) < 500)
            {
              best = other;
              break;
            }
        }
    }

  /* "Monsanto", "Morena": a town of that name somewhere the article is
   * not about is no reason to think a place is meant; nor is a region's
   * other name ("Jewish" for the Jewish Autonomous Oblast) */
  if (best != NULL && !best_qualified && !cue &&
      ((best->kind == ND_PLACE_CITY && best->population < BARE_CITY_POPULATION) ||
       (best->kind == ND_PLACE_REGION && cand->first == cand->last && !is_own_name (best, cand->key))))
    {
      gboolean in_context = nd_gazetteer_score (ex->gazetteer, best, context) >
                            nd_gazetteer_score (ex->gazetteer, best, NULL) + 0.5;

      if (!in_context)
        best = NULL;
    }

  return best;
}

/* Does the name have a country (or area) among its places, and other
 * places too ("Georgia")? */
static gboolean
is_ambiguous_broad (Ex       *ex,
                    Cand     *cand,
                    gboolean *broad)
{
  if (cand->broad < 0)
    {
      const NdPlace *places[64];
      guint n = place_candidates (ex, cand, places, G_N_ELEMENTS (places));
      gboolean other = FALSE;

      cand->broad = FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (is_broad (places[i]))
            cand->broad = TRUE;
          else if (places[i]->kind == ND_PLACE_REGION ||
                   (places[i]->kind == ND_PLACE_CITY && places[i]->population >= BARE_CITY_POPULATION))
            other = TRUE;
        }
      cand->ambiguous = cand->broad && other;
    }

  *broad = cand->broad;
  return cand->ambiguous;
}

static void
resolve_places (Ex *ex)
{
  g_autoptr(NdPlaceContext) context = nd_place_context_new ();
  NdExtractPtrMap *resolved = ex->resolved;
  const NdPlace *places[64];
  gpointer found;

  /* "Tel Aviv, Israel": the second names where the first is */
  for (guint c = 0; c + 1 < ex->cands->len; c++)
    {
      Cand *a = &g_array_index (ex->cands, Cand, c);
      Cand *b = &g_array_index (ex->cands, Cand, c + 1);

      if (a->kind == CAND_PLACE && b->kind == CAND_PLACE &&
          !((a->flags | b->flags) & CAND_UNRESOLVED) &&
          token_is_punct (ex, a->last + 1, ',') && b->first == a->last + 2)
        a->qualifier = (gint) c + 1;
    }

  /* context: demonyms, and names that are countries or areas */
  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      gboolean broad;
      guint n;

      if (cand->kind == CAND_DEMONYM)
        {
          nd_place_context_add_country (context, cand->country, 0.5);
          continue;
        }
      if (cand->kind != CAND_PLACE || (cand->flags & CAND_UNRESOLVED))
        continue;

      n = place_candidates (ex, cand, places, G_N_ELEMENTS (places));
      if (n == 0)
        {
          cand->kind = cand->first == cand->last ? CAND_SINGLE : CAND_NONE;
          continue;
        }

      if (is_ambiguous_broad (ex, cand, &broad) || !broad || cand->qualifier >= 0)
        continue;

      for (guint i = 0; i < n && cand->place == NULL; i++)
        if (is_broad (places[i]))
          cand->place = places[i];

      nd_place_context_add_country (context, cand->place->country, 1.0);
      if (!is_broad (cand->place))
        nd_place_context_add_place (context, cand->place);
    }

  /* then the rest, one name at a time in text order, every mention of a
   * name the same place, each adding to the context; names that may be a
   * country or something else last, with all the context there is */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint c = 0; c < ex->cands->len; c++)
        {
          Cand *cand = &g_array_index (ex->cands, Cand, c);
          const NdPlace *best;
          gboolean broad;

          if (cand->kind != CAND_PLACE || cand->place != NULL || (cand->flags & CAND_UNRESOLVED))
            continue;

          if (nd_extract_ptr_map_find (resolved, cand->key, &found))
            {
              cand->place = found;
              if (cand->place == NULL)
                cand->kind = cand->first == cand->last ? CAND_SINGLE : CAND_NONE;
              continue;
            }

          if (pass == 0 && is_ambiguous_broad (ex, cand, &broad) && cand->qualifier < 0)
            continue;

          best = choose_place (ex, c, context, pass == 1);
          nd_extract_ptr_map_insert (resolved, cand->key, (gpointer) best);
          cand->place = best;
          if (best != NULL)
            {
              nd_place_context_add_country (context, best->country, is_broad (best) ? 1.0 : 0.5);
              if (!is_broad (best))
                nd_place_context_add_place (context, best);
            }
          else
            {
              /* no place after all: maybe an organisation ("Monsanto") */
              cand->kind = cand->first == cand->last ? CAND_SINGLE : CAND_NONE;
            }
        }
    }
}

/* Entities */

typedef struct
{
  NdEntity *entity;
  guint     first_mention;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  /* the group itself is in the extraction's arena */
  g_clear_object (&group->entity);
}

static gint
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(const Group * const *) a;
  const Group *gb = *(const Group * const *) b;

  return (ga->first_mention > gb->first_mention) - (ga->first_mention < gb->first_mention);
}

static Group *
group_new (Ex           *ex,
           GPtrArray    *order,
           NdEntityKind  kind,
           const char   *name,
           guint         position)
{
  Group *group = ex_alloc (ex, sizeof (Group));

  memset (group, 0, sizeof (Group));

  /* fields set directly: nothing listens to a new entity yet */
  group->entity = nd_entity_new_sized (kind, name, 0);
  group->first_mention = position;
  g_ptr_array_add (order, group);

  return group;
}

/* g_utf8_strdown(), with a short path for ASCII text (the same result) */
static char *
ascii_or_utf8_strdown (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_strdown (text, -1);

  return g_ascii_strdown (text, -1);
}

/* g_snprintf (id, size, "%c%s%s", kind, prefix, text), without printf */
static void
make_id (char       *id,
         gsize       size,
         char        kind,
         const char *prefix,
         const char *text)
{
  gsize o = 0;

  if (size == 0)
    return;
  if (o + 1 < size)
    id[o++] = kind;
  for (const char *p = prefix; *p != '\0' && o + 1 < size; p++)
    id[o++] = *p;
  for (const char *p = text; *p != '\0' && o + 1 < size; p++)
    id[o++] = *p;
  id[o] = '\0';
}

/* The group for a string id, created (named `name`) when new */
static Group *
group_by_key (Ex           *ex,
              NdExtractPtrMap *groups,
              GPtrArray    *order,
              const char   *id,
              NdEntityKind  kind,
              const char   *name,
              guint         position,
              gboolean     *is_new)
{
  Group *group = nd_extract_ptr_map_lookup (groups, id);

  *is_new = group == NULL;
  if (group == NULL)
    {
      group = group_new (ex, order, kind, name, position);
      nd_extract_ptr_map_insert (groups, ex_strdup (ex, id), group);
    }
  else if (position < group->first_mention)
    {
      group->first_mention = position;
    }

  return group;
}

static GPtrArray *
build_entities (Ex     *ex,
                GArray *dates)
{
  NdExtractPtrMap *by_key = ex->by_key;
  NdExtractPtrMap *by_place = ex->by_place;
  g_autoptr(GPtrArray) order = g_ptr_array_new_full (ex->cands->len + dates->len, group_free);
  g_autofree Group **by_person = g_new0 (Group *, ex->persons->len + 1);
  GPtrArray *entities;

  for (guint c = 0; c < ex->cands->len; c++)
    {
      Cand *cand = &g_array_index (ex->cands, Cand, c);
      char id[ND_EXTRACT_KEY_MAX + 2];
      char buffer[ND_EXTRACT_KEY_MAX];
      Group *group = NULL;
      gboolean is_new = FALSE;

      switch (cand->kind)
        {
        case CAND_PERSON:
          {
            Person *person = g_ptr_array_index (ex->persons, cand->person);

            group = by_person[cand->person];
            is_new = group == NULL;
            if (group == NULL)
              {
                group = by_person[cand->person] =
                  group_new (ex, order, ND_ENTITY_PERSON, person->name, cand->cstart);
                if (person->role != NULL)
                  nd_entity_init_role (group->entity, person->role);
              }
          }
          break;

        case CAND_PLACE:
          if (cand->place != NULL && !(cand->flags & CAND_SURFACE))
            {
              group = nd_extract_ptr_map_lookup (by_place, cand->place);
              is_new = group == NULL;
              if (group == NULL)
                {
                  group = group_new (ex, order, ND_ENTITY_PLACE, cand->place->name, cand->cstart);
                  nd_extract_ptr_map_insert (by_place, cand->place, group);
                }
            }
          else
            {
              /* "Guantánamo Bay", "Lake Pontchartrain": as written */
              g_autofree char *name = text_of (ex, cand->bstart, cand->bend);

              make_id (id, sizeof id, 'l', "",
                       nd_extract_key (name, -1, buffer, sizeof buffer) > 0 ? buffer : name);
              group = group_by_key (ex, by_key, order, id, ND_ENTITY_PLACE, name, cand->cstart, &is_new);
            }
          if (is_new && cand->place != NULL)
            {
              if (cand->place->country[0] != '\0')
                nd_entity_init_country (group->entity, cand->place->country);
              nd_entity_set_coordinates (group->entity, cand->place->lat, cand->place->lon);
            }
          break;

        case CAND_ORG:
          {
            g_autofree char *surface = cand->org == NULL ? text_of (ex, cand->bstart, cand->bend) : NULL;
            const char *name = cand->org != NULL ? cand->org : surface;

            make_id (id, sizeof id, 'o', "",
                     nd_extract_key (name, -1, buffer, sizeof buffer) > 0 ? buffer : name);
            group = group_by_key (ex, by_key, order, id, ND_ENTITY_ORGANIZATION, name, cand->cstart, &is_new);
          }
          break;

        case CAND_SINGLE:
        case CAND_DEMONYM:
        case CAND_NONE:
        default:
          continue;
        }

      if (!is_new && cand->cstart < group->first_mention)
        group->first_mention = cand->cstart;

      nd_entity_add_mention_len (group->entity, cand->cstart, cand->cend,
                                 ex->text + cand->bstart, cand->bend - cand->bstart);
    }

  for (guint d = 0; d < dates->len; d++)
    {
      const NdDateMatch *match = &g_array_index (dates, NdDateMatch, d);
      const NdToken *first = tok (ex, match->first);
      const NdToken *last = tok (ex, match->last);
      g_autofree char *text = text_of (ex, first->start, last->end);
      g_autofree char *lower = match->value != NULL ? NULL : ascii_or_utf8_strdown (text);
      char id[ND_EXTRACT_KEY_MAX + 2];
      gboolean is_new;
      Group *group;

      if (match->value != NULL)
        make_id (id, sizeof id, 'd', "", match->value);
      else
        make_id (id, sizeof id, 'd', ":", lower);
      group = group_by_key (ex, by_key, order, id, ND_ENTITY_DATE, text, first->cstart, &is_new);
      if (is_new)
        nd_entity_init_value (group->entity, match->value);
      nd_entity_add_mention_len (group->entity, first->cstart, last->cend, text, last->end - first->start);
    }

  g_ptr_array_sort (order, compare_groups);

  entities = g_ptr_array_new_full (order->len, g_object_unref);
  for (guint i = 0; i < order->len; i++)
    {
      Group *group = g_ptr_array_index (order, i);

      g_ptr_array_add (entities, g_steal_pointer (&group->entity));
    }

  return entities;
}

/* Per-thread buffers, kept from one text to the next: extraction runs on
 * many articles in a row, and allocating them each time costs more than
 * the work on a short text */
typedef struct
{
  gsize     n_tokens;
  gsize     n_bytes;
  guint8   *marks;
  guint32  *info;
  guint32  *key_offset;
  guint32  *key_len;
  guint32  *canon;
  guint8   *gazetteer_flags;
  guint32  *classes;
  Match    *known;
  guint32  *known_last;
  guint32  *word_cache;
  char     *keys;
  GArray   *tokens;
  GArray   *cands;
  GStringChunk *strings;
  NdExtractPtrMap *place_lists;
  char       *arena;
  gsize       arena_size;
  NdExtractPtrMap *acronyms;
  NdExtractPtrMap *stats;
  NdExtractPtrMap *resolved;
  NdExtractPtrMap *by_key;
  NdExtractPtrMap *by_place;
  GPtrArray       *persons;
  KnownWords       known_words;
  KnownWord      **known_word;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_free (scratch->marks);
  g_free (scratch->info);
  g_free (scratch->key_offset);
  g_free (scratch->key_len);
  g_free (scratch->canon);
  g_free (scratch->gazetteer_flags);
  g_free (scratch->classes);
  g_free (scratch->known);
  g_free (scratch->known_last);
  g_free (scratch->word_cache);
  g_free (scratch->keys);
  g_array_unref (scratch->tokens);
  g_array_unref (scratch->cands);
  g_string_chunk_free (scratch->strings);
  nd_extract_ptr_map_free (scratch->place_lists);
  g_free (scratch->arena);
  nd_extract_ptr_map_free (scratch->acronyms);
  nd_extract_ptr_map_free (scratch->stats);
  nd_extract_ptr_map_free (scratch->resolved);
  nd_extract_ptr_map_free (scratch->by_key);
  nd_extract_ptr_map_free (scratch->by_place);
  g_ptr_array_unref (scratch->persons);
  g_free (scratch->known_words.slots);
  g_string_chunk_free (scratch->known_words.strings);
  g_free (scratch->known_word);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

/* This thread's buffers, for at least `n_tokens` tokens and `n_bytes` of
 * keys */
static Scratch *
scratch_get (gsize n_tokens,
             gsize n_bytes)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      scratch->word_cache = g_new (guint32, WORD_CACHE_SIZE);
      scratch->tokens = g_array_new (FALSE, FALSE, sizeof (NdToken));
      scratch->cands = g_array_new (FALSE, FALSE, sizeof (Cand));
      scratch->strings = g_string_chunk_new (4096);
      scratch->place_lists = nd_extract_ptr_map_new (FALSE);
      scratch->acronyms = nd_extract_ptr_map_new (FALSE);
      scratch->stats = nd_extract_ptr_map_new (FALSE);
      scratch->resolved = nd_extract_ptr_map_new (FALSE);
      scratch->by_key = nd_extract_ptr_map_new (FALSE);
      scratch->by_place = nd_extract_ptr_map_new (TRUE);
      scratch->persons = g_ptr_array_sized_new (64);
      scratch->known_words.slots = g_new0 (KnownWord, KNOWN_WORDS_SIZE);
      scratch->known_words.strings = g_string_chunk_new (16384);
      g_private_set (&scratch_key, scratch);
    }

  if (scratch->n_tokens < n_tokens)
    {
      gsize n = MAX (n_tokens, 2 * scratch->n_tokens);

      scratch->marks = g_renew (guint8, scratch->marks, n);
      scratch->info = g_renew (guint32, scratch->info, n);
      scratch->key_offset = g_renew (guint32, scratch->key_offset, n);
      scratch->key_len = g_renew (guint32, scratch->key_len, n);
      scratch->canon = g_renew (guint32, scratch->canon, n);
      scratch->gazetteer_flags = g_renew (guint8, scratch->gazetteer_flags, n);
      scratch->classes = g_renew (guint32, scratch->classes, n);
      scratch->known = g_renew (Match, scratch->known, n);
      scratch->known_last = g_renew (guint32, scratch->known_last, n);
      scratch->known_word = g_renew (KnownWord *, scratch->known_word, n);
      scratch->n_tokens = n;
    }

  /* the arena: keys and small records, a few times the text */
  if (scratch->arena_size < 4 * n_bytes + 8192)
    {
      scratch->arena_size = 4 * n_bytes + 8192;
      g_free (scratch->arena);
      scratch->arena = g_malloc (scratch->arena_size);
    }

  if (scratch->n_bytes < n_bytes)
    {
      gsize n = MAX (n_bytes, 2 * scratch->n_bytes);

      scratch->keys = g_realloc (scratch->keys, n);
      scratch->n_bytes = n;
    }

  return scratch;
}

/* Public API */

GPtrArray *
nd_extractor_extract (const char *body,
                      const char *published)
{
  g_autoptr(GArray) dates = NULL;
  GPtrArray *entities;
  Scratch *scratch;
  Ex ex = { 0, };
  gsize length;

  g_return_val_if_fail (body != NULL, NULL);

  ex.lexicon = nd_lexicon_get_default ();
  ex.gazetteer = nd_gazetteer_get_default ();
  ex.text = body;
  scratch = scratch_get (0, 0);
  nd_extract_tokenize_into (scratch->tokens, body);
  ex.tokens = scratch->tokens;
  ex.n = ex.tokens->len;
  ex.toks = (const NdToken *) (gpointer) ex.tokens->data;
  nd_extract_mark_sentences (ex.tokens, body);

  length = strlen (body);
  scratch = scratch_get (ex.n + 1, 2 * length + ex.n + 16);
  ex.marks = scratch->marks;
  ex.info = scratch->info;
  ex.key_offset = scratch->key_offset;
  ex.key_len = scratch->key_len;
  ex.canon = scratch->canon;
  ex.gazetteer_flags = scratch->gazetteer_flags;
  ex.keys = scratch->keys;
  ex.word_cache = scratch->word_cache;
  ex.classes = scratch->classes;
  ex.known = scratch->known;
  ex.known_last = scratch->known_last;
  ex.known_word = scratch->known_word;
  /* the words of earlier texts, until there are too many of them */
  if (scratch->known_words.used >= KNOWN_WORDS_LIMIT)
    {
      memset (scratch->known_words.slots, 0, sizeof (KnownWord) * KNOWN_WORDS_SIZE);
      g_string_chunk_clear (scratch->known_words.strings);
      scratch->known_words.used = 0;
    }
  ex.known_words = &scratch->known_words;
  memset (ex.marks, 0, ex.n + 1);
  memset (ex.gazetteer_flags, 0, ex.n + 1);
  memset (ex.word_cache, 0, sizeof (guint32) * WORD_CACHE_SIZE);
  memset (ex.classes, 0xff, sizeof (guint32) * (ex.n + 1));
  memset (ex.known_last, 0, sizeof (guint32) * (ex.n + 1));
  ex.cands = scratch->cands;
  g_array_set_size (ex.cands, 0);
  ex.strings = scratch->strings;
  g_string_chunk_clear (ex.strings);
  ex.arena = scratch->arena;
  ex.arena_size = scratch->arena_size;
  ex.arena_used = 0;
  /* the tables of the previous text, emptied */
  ex.place_lists = scratch->place_lists;
  ex.acronyms = scratch->acronyms;
  ex.stats = scratch->stats;
  ex.resolved = scratch->resolved;
  ex.by_key = scratch->by_key;
  ex.by_place = scratch->by_place;
  nd_extract_ptr_map_clear (ex.place_lists);
  nd_extract_ptr_map_clear (ex.acronyms);
  nd_extract_ptr_map_clear (ex.stats);
  nd_extract_ptr_map_clear (ex.resolved);
  nd_extract_ptr_map_clear (ex.by_key);
  nd_extract_ptr_map_clear (ex.by_place);
  ex.persons = scratch->persons;
  g_ptr_array_set_size (ex.persons, 0);


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
  resolve_places (&ex);
  resolve_singles (&ex);
  entities = build_entities (&ex, dates);




  return entities;
}

/* The person the headline names ("Secretary Clinton to visit Asia") with a
 * title or a full name when the body names no one of that name, as a new
 * entity (its mentions would index the headline, not the body); else
 * NULL */
static NdEntity *
headline_person (const char *title,
                 const char *published,
                 GPtrArray  *entities)
{
  g_autoptr(GPtrArray) found = NULL;

  if (title == NULL || *title == '\0' || strlen (title) > 300)
    return NULL;

  found = nd_extractor_extract (title, published);
  for (guint i = 0; i < found->len; i++)
    {
      NdEntity *person = g_ptr_array_index (found, i);
      const char *name = nd_entity_get_name (person);
      const char *last = strrchr (name, ' ');
      NdEntity *copy;

      if (nd_entity_get_kind (person) != ND_ENTITY_PERSON ||
          (nd_entity_get_role (person) == NULL && last == NULL))
        continue;
      last = last != NULL ? last + 1 : name;
      for (guint j = 0; j < entities->len; j++)
        {
          NdEntity *other = g_ptr_array_index (entities, j);
          const char *other_name = nd_entity_get_name (other);
          const char *other_last = strrchr (other_name, ' ');

          if (nd_entity_get_kind (other) != ND_ENTITY_PERSON)
            continue;
          if (strcmp (other_name, name) == 0 ||
              strcmp (other_last != NULL ? other_last + 1 : other_name, last) == 0)
            return NULL;
        }
      copy = nd_entity_new (ND_ENTITY_PERSON, name);
      if (nd_entity_get_role (person) != NULL)
        nd_entity_set_role (copy, nd_entity_get_role (person));
      return copy;
    }

  return NULL;
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
  {
    g_autoptr(GPtrArray) itineraries = nd_extractor_build_itineraries (nd_article_get_title (article), body,
                                                                       nd_article_get_published (article),
                                                                       entities);
    nd_article_set_itineraries (article, itineraries);
  }
}

/* A word that is a known given name and nothing else a capitalised word
 * could be: no place, organisation, title or common word */
static gboolean
only_given_name (const char *word)
{
  g_autofree char *key = nd_extract_key_dup (word, -1);
  const NdPlace *found[1];
  guint32 info;

  if (key == NULL)
    return FALSE;
  info = ND_WORD_INFO_FLAGS (nd_lexicon_lookup_word (nd_lexicon_get_default (), key));
  if (!(info & ND_WORD_FIRST_NAME) ||
      (info & (ND_WORD_COMMON | ND_WORD_NON_NAME | ND_WORD_TITLE | ND_WORD_TITLE_START |
               ND_WORD_ORG | ND_WORD_ORG_START | ND_WORD_ORG_SUFFIX | ND_WORD_TITLE_ROYAL)))
    return FALSE;
  return nd_gazetteer_lookup (nd_gazetteer_get_default (), key, found, G_N_ELEMENTS (found)) == 0;
}

/* "Where will Ann and Bertil go?": two given names joined by "and" in the
 * headline are two people, when the body names no one of either name */
static gboolean
headline_pair (const char *title,
               GPtrArray  *entities,
               NdEntity  **first,
               NdEntity  **second)
{
  static GRegex *pair_regex;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  static gsize initialized;

  if (title == NULL || strlen (title) > 300)
    return FALSE;
  if (g_once_init_enter (&initialized))
    {
      pair_regex = g_regex_new ("(?<![\\w’'-])(\\p{Lu}\\p{Ll}+) and (\\p{Lu}\\p{Ll}+)(?![\\w’'-])",
                                G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  if (!g_regex_match (pair_regex, title, 0, &info))
    return FALSE;
  a = g_match_info_fetch (info, 1);
  b = g_match_info_fetch (info, 2);
  if (strcmp (a, b) == 0 || !only_given_name (a) || !only_given_name (b))
    return FALSE;
  for (guint j = 0; j < entities->len; j++)
    {
      NdEntity *other = g_ptr_array_index (entities, j);
      const char *name = nd_entity_get_name (other);

      if (nd_entity_get_kind (other) == ND_ENTITY_PERSON &&
          (strstr (name, a) != NULL || strstr (name, b) != NULL))
        return FALSE;
    }
  *first = nd_entity_new (ND_ENTITY_PERSON, a);
  *second = nd_entity_new (ND_ENTITY_PERSON, b);
  return TRUE;
}

GPtrArray *
nd_extractor_build_itineraries (const char *title,
                                const char *body,
                                const char *published,
                                GPtrArray  *entities)
{
  g_autoptr(NdEntity) headline = NULL;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (entities != NULL, NULL);

  {
    g_autoptr(NdEntity) first = NULL;
    g_autoptr(NdEntity) second = NULL;
    GPtrArray *result;
    guint n;

    if (!headline_pair (title, entities, &first, &second))
      {
        headline = headline_person (title, published, entities);
        return nd_itinerary_builder_build_with_headline (body, entities, published, headline);
      }
    /* the second of the pair travels the stops of the first */
    result = nd_itinerary_builder_build_with_headline (body, entities, published, first);
    n = result->len;
    for (guint i = 0; i < n; i++)
      {
        NdItinerary *itinerary = g_ptr_array_index (result, i);
        GPtrArray *stops = nd_itinerary_get_stops (itinerary);
        NdItinerary *copy;

        if (nd_itinerary_get_traveller_entity (itinerary) != first)
          continue;
        copy = nd_itinerary_new (NULL);
        nd_itinerary_set_traveller_entity (copy, second);
        nd_itinerary_set_ordered (copy, nd_itinerary_get_ordered (itinerary));
        for (guint j = 0; j < stops->len; j++)
          nd_itinerary_add_stop (copy, g_ptr_array_index (stops, j));
        g_ptr_array_add (result, copy);
      }
    return result;
  }
}
