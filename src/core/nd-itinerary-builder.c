/* nd-itinerary-builder.c — travellers and their stops, from schedule
 * tables and from sentences that tell a trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables: a table whose header names a day or date column and a place
 * column (and maybe a focus or purpose column) gives one stop per row.
 * Prose: a travel cue ("visit", "travel to", "arrive in", "head to",
 * "stops in"...) followed closely by a place, or a list of places, or an
 * activity right before a place ("held talks ... in X", "in X on
 * Monday"), makes stops for the sentence's subject: a person named before
 * the cue in the same clause who is not an object ("met X", "with X"),
 * else the person a pronoun or title refers to (the traveller or subject
 * of the sentences just before), else a group ("they", "the delegation":
 * the people a recent sentence lists). Negated trips are left out; past
 * visits listed without order make an unordered itinerary; places only
 * mentioned make nothing. The order comes from dates, "Day N", cues
 * ("after visiting X", "arrived from X", "first stop", "final stop") and
 * else from the text. A schedule table replaces what the prose said about
 * the same traveller's trip.
 */
#define G_LOG_DOMAIN "newsdesk-itinerary"
#define _GNU_SOURCE   /* memmem() */

#include <stdlib.h>
#include <string.h>

#include "nd-body.h"
#include "nd-extract-key.h"
#include "nd-extract-tokens.h"
#include "nd-gazetteer.h"
#include "nd-itinerary.h"
#include "nd-itinerary-builder.h"
#include "nd-lexicon.h"

typedef struct
{
  guint     start;
  guint     end;
  NdEntity *entity;
} Mention;

typedef struct
{
  NdStop  *stop;
  double   key;
  gboolean unordered;
  gboolean from_table;
  int      rank;         /* the date the order goes by, while sorting */
} Candidate;

typedef struct
{
  NdEntity  *person;
  GArray    *candidates;   /* Candidate */
  gboolean   has_base;     /* stops told afterwards as done before: */
  double     base;         /* the earliest key when the first was read */
  guint      n_back;       /* and how many there are */
  gboolean   has_told;     /* the key of the stop told last */
  double     told_key;
  gboolean   future;       /* its stops so far are all told as to come */
  gboolean   told;         /* it has stops from prose */
  const char *body;        /* the article, and the byte offset of each */
  const glong *byte_at;    /* character, for the evidence's text */
} Trip;

typedef struct
{
  const char *body;
  guint       n_chars;
  glong      *byte_at;     /* code point -> byte offset, n_chars + 1 */
  GArray     *places;      /* Mention, by start */
  GArray     *people;
  GArray     *dates;
  GPtrArray  *trips;       /* Trip */
  GPtrArray  *blocks;      /* NdBlock */
  GPtrArray  *tables;      /* the blocks that are tables (not owned) */
  NdEntity   *last_traveller;
  GArray     *sentences;   /* NdTextSpan */
  guint       sentence;    /* the index of the sentence being read */
  int         year;        /* the article's year: published, else the latest named */
  const Mention *dateline; /* "TBILISI, Georgia —": where the report is filed, or NULL */
  gboolean    latest_stop; /* "the latest stop on a tour": the trip is under way */
  gboolean    latest;      /* "latest", not "third" */
  guint       latest_at;   /* where that is said */
  NdEntity   *team[8];     /* the members of "the team" told of last */
  guint       n_team;
  NdEntity   *group[8];    /* the travellers of the last trip made together */
  guint       n_group;
  guint       group_sentence; /* the sentence that told of it */
  NdEntity   *headline;    /* a person only the headline names, or NULL */
  NdEntity   *touring;     /* a band, orchestra or team on tour that the
                            * article opens with, or NULL: the traveller
                            * where no person is */
  GPtrArray  *owned;       /* people the builder names itself (NdEntity) */
} Builder;

static int month_day_of (const char *when);
static gboolean joined (Builder *b, const Mention *a, const Mention *next);
static const char *home_country (Builder *b, NdEntity *person);
static const char *stop_country (const Candidate *c);

static GRegex *cue_regex;
static GRegex *cue_at_regex;
static gboolean check_cues;  /* ND_CHECK_CUES: next_cue() and find_latest() are checked on every sentence and body */
static GRegex *past_regex;
/* "in 2016, when he visited X", "his last tour ... was in 2016": a trip
 * told as an earlier one; each pattern runs only on sentences with one
 * of its words (past_clause_words[], in the same order) */
static const char * const past_clause_patterns[] = {
  "\\bwhen (?:he|she|they|\\p{Lu}[\\w'’-]+) (?:\\w+ )?(?:visited|toured|traveled|travelled|went to|flew to|was in|were in)\\b",
  "\\b(?:last|previous|prior|earlier)\\b[^.;]{0,50}\\b(?:trip|tour|visit|journey|stop)s?\\b[^.;]{0,40}\\b(?:was|were|came|took place)\\b",
  /* (not "has also scheduled rallies in": what is planned is to come) */
  "\\b(?:had|has|have) (?:\\w+ )?(?:earlier|previously|once|already|also|twice|before)\\b(?! (?:scheduled|planned|arranged|booked|announced|added|set)\\b)",
  /* "Wong last visited the Pacific in August 2024 when ..." */
  "\\b(?:last|previously|earlier) (?:visited|toured|traveled|travelled|went to|flew to|was in|came to)\\b",
  /* "traveled to the region once during his presidency" */
  "(?<!who )(?<!which )\\b(?:visited|traveled|travelled|toured|went)\\b(?:\\s+[\\w-]+){0,4}\\s+(?:once|twice)\\b",
};
static GRegex *past_clause_regex[G_N_ELEMENTS (past_clause_patterns)];
static GRegex *year_regex;
static GRegex *coordinated_regex;
static GRegex *listed_regex;
static GRegex *negation_regex;
static GRegex *pronoun_regex;
static GRegex *object_regex;
static GRegex *led_by_regex;
static GRegex *team_regex;
static GRegex *place_gap_regex;
static GRegex *descriptor_gap_regex;
static GRegex *group_regex;
static GRegex *lead_regex;
static GRegex *clause_in_regex;
static GRegex *subordinate_regex;
static GRegex *purpose_regex;
static GRegex *gap_regex;
static GRegex *after_regex;
static GRegex *final_regex;
static GRegex *first_regex;
static GRegex *day_regex;
static GRegex *precedes_regex;
static GRegex *follows_regex;
static GRegex *anchor_regex;
static GRegex *here_regex;
static GRegex *latest_regex;
static GRegex *latest_at_regex;
static GRegex *there_regex;

/* Lower-case words of the titles and descriptions written before a
 * name ("U.S. negotiator Jason Greenblatt", "city councillor Jo
 * Coughlan", "billionaire philanthropist Bill Gates"), shared by every
 * pattern that reads who is named next (hand-kept list) */
#define TITLE_WORDS \
  "(?:envoy|adviser|advisor|negotiator|secretary|minister|ministers|ambassador|aide|senior|special|deputy|chief|" \
  "national|security|foreign|defen[cs]e|state|vice|assistant|top|trade|representative|counselor|counsellor|" \
  "director|spokesman|spokeswoman|president|prime|premier|chancellor|governor|mayor|councillor|councilor|" \
  "senator|congressman|congresswoman|commissioner|general|admiral|chairman|chairwoman|chair|ceo|founder|" \
  "billionaire|philanthropist|executive|officer|king|queen|prince|princess|crown|first|lady|city|party|" \
  "opposition|leader|coordinator|delegate|member|owner|head|official|attache|attaché|archbishop|bishop|" \
  "cardinal|patriarch|metropolitan|imam|rabbi|reverend)"

/* Words by how they start: stems of four letters stand for every word
 * that starts with them (in any case), shorter ones for themselves; a
 * bit for each (a letter or the word's end, four times) */
typedef struct
{
  guint8 bits[27 * 27 * 27 * 27 / 8 + 1];
} WordStarts;

/* The bit of the word at `p`: its first four letters in lower case, or
 * all of it and its end */
static inline guint
stem_index (const char *p)
{
  guint k = 0, n = 0;

  for (; n < 4 && g_ascii_isalpha (p[n]); n++)
    k = k * 27 + (guint) ((p[n] | 0x20) - 'a');
  for (; n < 4; n++)
    k = k * 27 + 26;
  return k;
}

static void
word_starts_init (WordStarts         *set,
                  const char * const *stems)
{
  for (guint i = 0; stems[i] != NULL; i++)
    {
      guint k = stem_index (stems[i]);

      g_assert (strlen (stems[i]) <= 4);
      set->bits[k / 8] |= 1 << (k % 8);
    }
}

/* Whether the word at `p` is one of `set` */
static inline gboolean
word_starts_has (const WordStarts *set,
                 const char       *p)
{
  guint k;
  guint n = 0;

  /* a letter of another script among the first four may be one that a
   * caseless pattern takes for an ASCII letter ("ſ" for "s", the Kelvin
   * sign for "k"): such a word may be one of any set */
  while (n < 4 && g_ascii_isalpha (p[n]))
    n++;
  if (n < 4 && (guchar) p[n] >= 0x80)
    return TRUE;

  k = stem_index (p);
  return (set->bits[k / 8] & (1 << (k % 8))) != 0;
}

/* Whether `p` starts a word: an ASCII letter after a character that is
 * not an ASCII letter, digit or "_" (a letter of another script counts
 * as a word's end, so that no start is missed) */
static inline gboolean
starts_word (const char *text,
             const char *p)
{
  /* (the first byte of a character of another script counts as a letter) */
  return (g_ascii_isalpha (*p) || (guchar) *p >= 0xC0) &&
         (p == text || !(g_ascii_isalnum (p[-1]) || p[-1] == '_'));
}

/* Whether `text` has a word of `set` */
static gboolean
says_word_of (const WordStarts *set,
              const char       *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (starts_word (text, p) && word_starts_has (set, p))
      return TRUE;
  return FALSE;
}

/* Finding the cues of a sentence
 *
 * `cue_regex` has some sixty alternatives, and trying them all at every
 * word of every sentence was a fifth of an import's time. Every cue
 * starts at the start of a word, and that word starts with one of the
 * stems below (its first four letters, or the whole word when it is
 * shorter), or follows "and " ("meetand"). So next_cue() tries the
 * pattern, anchored, only at the words that can start a cue; it finds
 * what a search with `cue_regex` finds. A word that starts a new
 * alternative of `cue_regex` is added here; with ND_CHECK_CUES set (the
 * itinerary tests set it), every sentence is also searched the slow way
 * and a difference aborts. */
static const char * const cue_stems[] = {
  /* words of four letters or more: their first four */
  "trip", "tour", "jour", "visi", "miss", "swin", "stat", "offi", "work", "brie", "surp", "firs",
  "seco", "next", "plan", "upco", "trav", "stop", "voya", "flig", "fina", "last", "refu", "flie",
  "flew", "flyi", "flow", "head", "arri", "land", "goes", "goin", "went", "move", "cont", "proc",
  "retu", "come", "came", "will", "woul", "were", "bein", "been", "expe", "sche", "join", "acco",
  "cros", "stay", "stin", "reac", "touc", "boun", "leav", "left", "depa", "brin", "brou", "ends",
  "ende", "conc", "fini", "begi", "bega", "star", "dest", "lead", "took", "take", "taki", "then",
  "late", "befo", "afte", "itin", "enga", "prog", "drov", "driv", "from", "foll", "meet", "spea",
  "addr", "hold", "held", "atte", "spok", "deli", "gave", "host", "laid", "open", "inau", "walk",
  "surv", "insp", "pray", "cele", "rall", "camp", "unve", "sign", "appe", "rece", "acce", "said",
  "says", "told",
  "comi", "movi", "boar", "perf",
  /* shorter words, whole */
  "go", "is", "be", "en", "on", "in", "to", "fly", "led", "set", "due", "end", "are", "was", "via",
  "and", "met",
  NULL
};

static WordStarts cue_starts;

/* The words one of `with_regex`, `going_regex` and `accompany_regex`
 * cannot match without: most sentences have none */
static const char * const companion_stems[] = {
  "acco", "join", "with", "dele", "ento", "part", "team", "memb", "goin", "trip", "tour", "visi",
  "jour", "flig", "miss", "alon", "amon", "make", NULL
};
static WordStarts companion_starts;
/* " south", " on to the north-east" between a verb of travel and where it
 * goes ("he will travel south to Najaf", "flew west to Lagos") */
#define COMPASS "(?: (?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:wards?)?)"

/* " on 17 November", " on Nov. 17th" between a verb of travel and
 * where it goes ("leave on 17 November for Sarajevo") */
#define ON_DATE " on (?:\\w+,? )?(?:\\d{1,2}(?:st|nd|rd|th)? \\p{L}+\\.?|\\p{L}+\\.? \\d{1,2}(?:st|nd|rd|th)?)"

/* " just before 6:00 pm (0900 GMT)" between "arrived" and "in" */
#define AT_TIME "(?: (?:just |shortly |soon )?(?:before|after|at|around|about) \\d{1,2}(?:[:.]\\d\\d)? ?(?:[ap]\\.?m\\.?)?(?: (?:local time|GMT|UTC))?(?: \\([^()]{1,20}\\))?)?"

static void
init_regexes (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  /* "from": a cue whose place comes before the rest ("arrived from X");
   * "activity": something done somewhere ("held talks ... in X");
   * "with": companions ("joined in X by Y") */
  static const char cue_pattern[] =
    /* first, before "visit": "the visit of X, which began in A";
     * "During the 11-day visit, Abe is scheduled to meet with the
     * leaders of A, B and C" */
    "\\b(?:(?<meet>(?:trip|tour|journey|visit)s?\\b[^.;:]{0,80}?\\b(?:meet|meets|met|meeting)(?: with)? (?:the )?(?:leaders|presidents|heads of (?:state|government)|prime ministers|governments) of)(?= (?:the )?\\p{Lu})"
    "|(?:trip|tour|visit|journey|mission|swing)s?(?: of (?:\\p{Lu}[\\w.’'-]*\\s?){1,4})?(?:,? (?:which|that))? (?:began|begins|begin|started|starts|start|opened|opens|kicked off|kicks off|ended|ends|end|continued|continues|wrapped up|concluded|concludes)(?: \\w+){0,3} (?:in|at)"
    "|(?:state |official |working |brief |surprise |first |second |next |planned |upcoming )?visit(?:s|ed|ing)?(?: to)?"
    /* ("mission" in lower case: not the "UN Mission in Liberia") */
    "|(?:trip|tour|journey|(?-i:mission)|travel|swing|stopover|stop-over|visit|voyage)s?(?: back| home| (?:starting|beginning|next|this|later this) \\w+(?:\\.? \\d{1,2}(?:st|nd|rd|th)?)?| from \\w+\\.? \\d{1,2}(?:st|nd|rd|th)?)? (?:to|through|of|in)"
    "|flights? (?:back |home )?to"
    "|toured|tours|touring"
    "|(?:first |next |final |last |refuell?ing )?stops? (?:was|is|will be|included|in|at|to|on)"
    "|travel(?:s|ed|led|ing|ling)?(?:" ON_DATE "| on \\w+| later| next| back| onward| on|" COMPASS ")?(?: by (?:air|road|car|train|rail|sea|boat|ship|plane|helicopter|bus|coach))? (?:to|through)"
    "|(?:fly|flies|flew|flying|flown)(?:" ON_DATE "| on| back| later| next| directly| straight|" COMPASS "| [\\d,.]+ (?:miles|kilometres|kilometers|km))? (?:to|into)"
    "|(?:head|heads|headed|heading)(?: on| next| back| later|" COMPASS ")? (?:to|for)"
    /* "Later, she proceeded for Islamabad" */
    "|(?:proceed|proceeds|proceeded|proceeding)(?: on| next| back| later)? for"
    /* ("land in" only as a verb: not "the Serb-held land in Croatia") */
    "|(?:arrive|arrives|arrived|arriving|landed|lands|landing|(?<=to |will |would |shall |could |should |did |may |might )land)(?: \\w+)?" AT_TIME " (?:in|at)"
    "|(?:go|goes|went|going|move|moves|moved|continue|continues|continued|proceed|proceeds|proceeded|return|returns|returned|come|comes|came)(?: on| back|" COMPASS ")? to"
    /* "is returning to South Africa" (not "before returning to", told
     * of whoever was named last) */
    "|(?<=is |are |was |were |be )(?:moving|continuing|proceeding|returning|coming)(?: on| back| home)? to"
    /* "was about to board a plane in Nashville": where the traveller is */
    "|(?:board|boards|boarded|boarding) (?:a|an|the|his|her|their)(?: [\\w-]+){0,3} (?:plane|flight|jet|aircraft|train|ship|helicopter) (?:in|at)"
    "|(?:will be|would be|was|were|is|are|be) (?:in|at)"
    "|(?:was|were|is|are|be|being|been) (?:driven|taken|flown|brought|escorted|welcomed|received|greeted) (?:to|in|at)"
    "|(?:due|expected|scheduled|set) (?:to arrive |to land |to stop )?(?:in|at)"
    "|(?<with>(?:be |been |was |were |is |are )?(?:joined|accompanied) (?:in|at))"
    "|(?:cross|crosses|crossed|crossing) into"

    /* "His four-day stay in the Republic will involve engagements
     * across A, B and C" (before "stay in") */
    "|stays?\\b(?:(?!,\\s*which\\b)[^.;:]){0,80}?\\b(?:will involve|involves|involved|will include|includes|included) (?:engagements|events|stops|visits) (?:across|in|at)"
    "|(?:arrival|arrivals|return|stay|stays|stint|stints|stopover|stop-over) (?:in|at|to)"
    "|(?:reach|reaches|reached|reaching|touched down in|touches down in|touch down in)"
    "|en route to|on (?:his|her|their|its) way to|bound for"
    "|(?:stop|stops|stopped|stopping)(?: \\w+){0,2} (?:in|at)"
    "|(?:leave|leaves|left|leaving|depart|departs|departed|departing)(?: \\p{Lu}[\\w'’-]*){0,3}(?:" ON_DATE "| on \\w+| \\w+ \\w+)? for"
    /* "left Jamaica this afternoon to participate in the 44th Meeting
     * of ... in Nassau": the place left is home, the meeting's a stop */
    "|(?:leave|leaves|left|leaving|depart|departs|departed|departing)\\b[^.;:]{0,60}? to (?:attend|participate in|take part in)\\b[^.;:]{0,160}? in(?= (?:the )?\\p{Lu})"
    "|(?:bring|brings|brought|bringing) (?:him|her|them) to"
    "|(?:end|ends|ended|ending|conclude|concludes|concluded|concluding|finish|finishes|finished|finishing|begin|begins|began|beginning|start|starts|started|starting) (?:his |her |their |the |its )?(?:[\\w-]+ )?(?:trip|tour|visit|journey)(?: [\\w.]+){0,4}? (?:in|at|from)"
    "|(?:bound|destined) for"
    /* "will lead an interagency delegation to A, B and C" */
    "|(?:lead|leads|led|leading|head|heads|headed|heading) (?:a|an|the|his|her|their)(?: [\\w-]+){0,5}? (?:delegation|mission|team|squad|contingent|players|athletes|troupe|crew)s? to"
    "|(?:take|takes|took|taking|taken) (?:him|her|them) (?:from|to)"
    "|(?:then|next|later|before|after)(?: on)? to"
    "|(?:and|then) on to(?= \\p{Lu})"
    "|via(?= \\p{Lu})"
    /* "Clinton's six destinations -- in order, Ghana, Uganda ...",
     * "her stops: Lima, Quito" */
    "|(?:destinations|stops|itinerary)\\s*(?:--|—|–|:|(?:are|were|will be|include|includes|included)\\b)\\s*(?:in (?:that |this )?order,?\\s*)?(?=(?:the )?\\p{Lu})"
    /* "His engagements in South Africa will span across A, B and C" */
    /* (not "a visit to The Bahamas, which will include stops in ...":
     * what a place's clause includes is no overview of the trip) */
    /* "The visit will involve engagements across A, B and C" */
    "|(?:trip|tour|itinerary|journey|visit|engagement|programme|program)s?\\b(?:(?!,\\s*which\\b)[^.;:]){0,80}?\\b(?:include|includes|included|will include|span|spans|spanned|cover|covers|covered|take in|takes in|took in|involve|involves|involved|will involve)(?: (?:engagements|events|stops|visits))?(?: across| over)?"
    "|(?:travel(?:s|ed|led|ing|ling)?|fly|flies|flew|flying|drove|drives|went|goes|headed|heads|moved|moves) from [^,.;:()]{1,40}? to(?= (?:the )?\\p{Lu})"
    /* "a trip from A to B and C" tells the trip's stops, A too ("flew
     * from A to B" may start from home) */
    "|(?<fromto>(?:trip|tour|journey) from )[^,.;:()]{1,40}? to(?= (?:the )?\\p{Lu})"
    "|(?:taking|takes|take|took) in(?= \\p{Lu})"
    "|(?:before|after) (?:traveling|travelling|flying|heading|going|moving|continuing)(?: on)? to"
    "|(?<from>(?:arrived|arrives|arriving|returned|returns|returning|flew|flown|came|comes)(?: \\w+){0,3} from"
    /* "Following talks in Beijing ..., the Russian leader arrived in",
     * "met in Zagreb after talks with the government in Sarajevo" */
    "|(?:after|following) (?:[\\w-]+ ){0,3}(?:talks|meetings?|summit|stay|visit)s?\\b[^,.;:()]{0,60}? in(?= (?:the )?\\p{Lu})"
    /* "Annan said in Damascus, before flying to Tehran": where the
     * speaker was as a trip went on */
    "|(?:said|says|told (?:reporters|journalists)|spoke) in(?= \\p{Lu}[^,.;:()]{0,30}?,? (?:before|ahead of|prior to) (?:flying|leaving|heading|travell?ing|departing|going|moving) )"
    /* "returned to Abuja after attending the 36th Ordinary Session of
     * the Assembly of the African Union in Addis Ababa" */
    "|(?:after|following) (?:attending|participating in|taking part in)\\b[^,.;:()]{0,80}? in(?= (?:the )?\\p{Lu})"
    /* "From Nairobi, she will travel to Uganda" */
    "|^[\\s\"“‘']*from(?= (?:the )?\\p{Lu}[^,.;:]{0,40},))"
    /* "Chirac will meet with President Bush in Washington": only of
     * someone already travelling (hosts meet visitors at home) */
    "|(?<meetin>(?<!-)\\bmeet\\b[^,.;:()]{0,60}? in)(?= (?:the )?\\p{Lu})"
    /* "... in Washington and Secretary-General Kofi Annan in New York" */
    "|(?<meetand>(?<=\\band )(?:[\\p{Lu}][\\w.’'-]*\\s+){1,6}in)(?= (?:the )?\\p{Lu})"
    "|(?<activity>(?<!-)(?:speaking|addressing|visiting|touring|held|holds|hold|holding|attended|attends|attend|attending|met|meets|meeting|spoke|speaks|addressed|addresses|delivered|delivers|gave|led(?! by)|hosted|toured|tours|touring|laid|opened|inaugurated|visited|walked|surveyed|inspected|prayed|celebrated|rallied|rallying|campaigned|campaigning|scheduled (?:a |an |two |three |several |more )?(?:rallies|rally|town halls?|campaign events?|campaign stops?|stops?|visits?)|(?:scheduled|set|due|expected) to (?:appear|speak|campaign|rally|perform|play|stage (?:\\d+ )?(?:concerts|shows))|perform|performs|performed|performing|unveiled|signed|appeared|(?:received|receives|accepted|accepts)(?! (?:them|him|her|us|the (?:delegation|visitors?|guests?|leaders?|president|king|queen)\\b|\\p{Lu})))\\b[^,.;:()]{0,60}? (?:in|at|on))"
    "|(?:in|to) (?=\\p{Lu}))";
  /* matched only where the search starts (see next_cue()); the pattern
   * as it is only to check next_cue() against it */
  {
    g_autofree char *at = g_strconcat ("\\G", cue_pattern, NULL);

    cue_at_regex = g_regex_new (at, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  }
  check_cues = g_getenv ("ND_CHECK_CUES") != NULL;
  if (check_cues)
    cue_regex = g_regex_new (cue_pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  word_starts_init (&cue_starts, cue_stems);
  word_starts_init (&companion_starts, companion_stems);
  past_regex = g_regex_new (
    "\\b(?:(?:previous|past|prior|earlier|former|other) (?:visits?|trips?|travels?|stops?)"
    "|(?:has|have|had)(?: also| already| since| previously| repeatedly| so far| thus far| until now| to date| once| twice| before| ever| recently| often)* (?:visited|traveled|travelled|been to|toured|gone to|made \\w+ (?:visits|trips)))",
    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (past_clause_regex); i++)
    past_clause_regex[i] = g_regex_new (past_clause_patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  year_regex = g_regex_new ("\\b(?:19|20)\\d\\d\\b", G_REGEX_OPTIMIZE, 0, NULL);
  /* "Tillerson and Homeland Security Secretary John Kelly are headed to" */
  /* "Obama along with his wife, Michelle, will travel" */
  coordinated_regex = g_regex_new ("^\\s*,?\\s*(?:and|along with|together with)\\s+(?:(?:(?:his|her|their) )?(?:wife|husband|spouse|partner|son|daughter|" TITLE_WORDS "),?\\s+)?(?:[\\p{Lu}][\\w.’'-]*\\s+|" TITLE_WORDS "\\s+){0,6}$", G_REGEX_OPTIMIZE, 0, NULL);
  /* "Kushner, U.S. negotiator Jason Greenblatt and ...": a list; "X,
   * his wife Y and ..." */
  listed_regex = g_regex_new ("^\\s*,\\s+(?:(?:(?:his|her|their) )?(?:wife|husband|spouse|partner|son|daughter|" TITLE_WORDS "),?\\s+)?(?:[\\p{Lu}][\\w.’'-]*\\s+|" TITLE_WORDS "\\s+){0,6}$", G_REGEX_OPTIMIZE, 0, NULL);
  negation_regex = g_regex_new (
    "\\b(?:not|n't|no|never|without|cancel\\w*|call\\w* off|postpone\\w*|scrap\\w*|skip\\w*|instead of|rather than|den(?:y|ied|ies)|ruled? out|refus\\w*|declin\\w*|prevent\\w* from|barred from|blocked from|objected to)\\b|n't\\b",
    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  pronoun_regex = g_regex_new ("\\b(?:he|she|his|her|him)\\b|\\bthe (?:[\\p{Lu}][\\w-]+ |(?:assistant|deputy|foreign|defen[cs]e|finance|health|trade|interior|prime|vice|former|new|visiting|incoming|outgoing|top|chief|[\\p{Ll}]+al) )?(?:president|president-elect|prime minister|premier|chancellor|pope|pontiff|secretary|minister|envoy|diplomat|king|queen|emperor|empress|monarch|sovereign|prince|princess|duke|duchess|archbishop|bishop|cardinal|patriarch|holy father|leader|senator|governor|mayor|amir|emir|sultan|sheikh)\\b",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  object_regex = g_regex_new ("(?:(?<!,) and|\\b(?:government|regime|wife|son|daughter|husband|widow|office|ministry|administration|spokesman|spokeswoman|spokesperson|aides?|successor|predecessor|rivals?|ally|allies|critics?|supporters?|members?|security detail|plane|envoy|invitation) of|\\b(?:advisers?|advisors?|aides?|envoys?|representatives?|emissar(?:y|ies)|counterparts?) (?:to|for)|\\b(?:with|met|meet|meets|meeting|by|from|told|hosted|hosts|host|greeted|greet|welcomed|welcome|joined|join|invited|invite|received|receive|called|accompanied|than|following|succeeding|succeeded|replacing|replaced|like|unlike))\\b[^,;.]{0,60}$",
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "a delegation led by Foreign Minister X": X is no object */
  /* ("The Indian squad led by X departed for", "The England team,
   * captained by X, flew to") */
  led_by_regex = g_regex_new ("\\b(?:delegation|team|mission|group|entourage|party|visit|trip|tour|squad|side|contingent|crew|troupe|expedition)s?,?\\s+(?:led|headed|captained|skippered)\\s+by\\s+(?:[\\w.’'-]+\\s+){0,5}$",
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "President X's Mideast team arrived", "the U.S. team traveled": a
   * team as the subject, right before the cue */
  team_regex = g_regex_new ("(?:\\b[Tt]he\\s+(?:[\\p{Lu}][\\w.’'-]*\\s+){0,3}|['’]s\\s+(?:[\\p{Lu}][\\w.’'-]*\\s+|(?:own|new|negotiating|advance|diplomatic|peace)\\s+){0,2})(?:team|negotiating team|delegation)\\b[^,;.]{0,40}$",
                            G_REGEX_OPTIMIZE, 0, NULL);
  gap_regex = g_regex_new (
    "^(?:[\\s,;()\\-–—]|\\b(?:and|then|on|to|before|after|finally|later|followed|by|as|well|the|city|cities|capital|of|a|stop|stops|in|at|into|visiting|visit|traveling|travelling|flying|heading|going|continuing|stopover|next|from|via|through|also|both|including|include|includes|included|such|like|various|several|many|other|countries|nations|island|islands|neighbouring|neighboring|nearby|fellow|region|north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western|central|north-east|north-west|south-east|south-west|places|destinations|between|until|till|\\d+|two|three|four|five|six|seven|eight|nine|ten|troubled|restive|remote|volatile|embattled|impoverished|tiny|small|poor|landlocked|isolated|predominantly|mainly|largely|muslim|catholic|buddhist|christian|communist)\\b|\\p{Lu}[\\w-]*(?= (?:countries|nations|states|cities|capitals)\\b)"
    /* "to the American South, the West, Detroit": regions the
     * gazetteer lacks, listed before a place it knows */
    "|(?<=the )\\p{Lu}[\\w-]*(?=,| \\p{Lu}[\\w-]*,)"
    /* "a later visit to war-torn Bosnia" */
    "|\\p{Ll}+-\\p{Ll}+(?=\\s*$))*$",
    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  after_regex = g_regex_new ("\\bafter\\s+(?:(?:concluding|completing|ending|finishing|wrapping up|winding up) )?(?:a |an |his |her |their |the )?(?:\\w+ )?$",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  final_regex = g_regex_new ("\\b(?:final|last) (?:stop|leg|destination)|\\b(?:trip|tour|visit|journey)(?:,? (?:which|that))? (?:will |would |is to |is set to |is due to )?(?:end|ends|ended|conclude|concludes|concluded|wrap up|wraps up|wrapped up)\\b|\\b(?:end|ends|ending|wrap|wraps|wrapping|conclude|concludes|concluding) (?:up )?(?:his |her |the |their )?(?:[\\w-]+ ){0,2}(?:trip|tour|visit|journey)",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  first_regex = g_regex_new ("\\bfirst (?:stop|leg|destination)|\\b(?:trip|tour|visit|journey)(?: of (?:\\p{Lu}[\\w.’'-]*\\s?){1,4})?(?:,? (?:which|that))? (?:will |would |is to |is set to |is due to )?(?:began|begins|begin|started|starts|start|opened|opens|open|kicks off|kick off|kicked off)\\b|\\b(?:begin|begins|began|start|starts|started|kick\\w* off) (?:his |her |the |their )?(?:trip|tour|visit|journey)",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "... to Athens on Friday for talks with X", "... to Juba to meet Y" */
  purpose_regex = g_regex_new ("^(?:\\s*,[^,.;:()]{0,40},)?[^,.;:()]{0,40}?\\b((?:for (?!(?:a|an|the|his|her|their) (?:[\\w-]+ )?(?:visit|trip|tour|stay|stop|journey)\\b)(?:talks|a |an |the |meetings?|consultations?|discussions?|negotiations?|ceremonies|celebrations|commemorations)"
                               "|to (?:meet|attend|discuss|sign|mark|hold|address|accept|congratulate|join|lead|open|inaugurate|deliver|review|lay|pay|present|receive|survey|inspect|console|comfort|negotiate|push|press|seek|celebrate|commemorate))"
                               "[^,.;:()]*?)(?=,|;|\\.|\\(| before | after | and then | then |$)",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  subordinate_regex = g_regex_new ("\\b(?:since|when|while|because|whereas|although|though|until|unless)\\b",
                                   G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  group_regex = g_regex_new ("\\b(?:they|the (?:delegation|delegations|leaders|visitors|group|envoys|ministers|delegates|presidents|heads of state|mission|trio|pair|(?:[\\w-]+ )?couple|royals|duo|(?:two|three|four|both) (?:[\\w-]+ ){0,2}(?:leaders|secretaries|ministers|officials|envoys|presidents|diplomats|men|women)))\\b",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "X will lead a delegation", "X, along with a delegation of ..." */
  lead_regex = g_regex_new ("\\b(?:lead|leads|led|leading|head|heads|headed|heading|at the head of|along with|together with|accompanied by)\\b[^.]{0,60}\\b(?:delegation|group|team|mission|party|entourage)\\b",
                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "..., and, in Rio, he will": a clause that opens with a place */
  clause_in_regex = g_regex_new ("[,;]\\s*(?:(?:and|but|while|then|later|meanwhile),?\\s+)?(in \\p{Lu})", G_REGEX_OPTIMIZE, 0, NULL);
  /* "visit the Indian capital, New Delhi", "the Black Sea resort of Sochi" */
  descriptor_gap_regex = g_regex_new ("^(?:['’]s\\s+)?[\\s,]*(?:and\\s+|then\\s+|to\\s+)*(?:the\\s+)?(?:(?:southern|northern|eastern|western|central|coastal|border|port|holy|ancient|old|resort|island|small|tiny|big|large|poor|rich|impoverished|landlocked|oil-rich|war-torn)\\s+){0,2}(?:[\\p{Lu}][\\w'’-]*\\s+){0,3}(?:[\\p{Ll}][\\w-]*\\s+){0,3}"
                                      "(?:capital|city|port|resort|town|village|region|province|state|island|enclave|territory|suburb|hub|nation|country|kingdom|republic|emirate|archipelago|principality|sultanate)(?:\\s+of)?[\\s,]*(?:the\\s+)?$",
                                      G_REGEX_OPTIMIZE, 0, NULL);
  /* "visit an AIDS clinic in X" */
  /* (and "visit the Pan American Health Organization (PAHO) in X") */
  place_gap_regex = g_regex_new ("^(?:[^,.;:()]|\\(\\p{Lu}{2,8}\\)){0,40}\\b(?:in|at|on)\\s+(?:the\\s+)?$", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  day_regex = g_regex_new ("^day\\s*(\\d+)", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* between two stops of one sentence: the first comes before the
   * second ("Bali before he flies to Canberra", "a refuelling stop in
   * Guam en route to Jakarta") ... */
  precedes_regex = g_regex_new ("\\b(?:before|then|followed by|ahead of|prior to|en route to|on (?:his|her|their|its) way to|bound for)\\b",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* ... or after it ("to Ukraine via Poland", "in Bujumbura, from Kenya") */
  follows_regex = g_regex_new ("\\b(?:after|following|via)\\b|\\bfrom\\s+(?:the\\s+)?$",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "After his stop in Egypt, Kishida will visit ...", "Before arriving
   * in Nigeria, he visited ...": a clause put first that names a stop */
  /* (a new alternative's word goes in here_words[] too) */
  here_regex = g_regex_new ("\\b(?:flew|flown|came|come|comes|coming|arrive|arrived|arrives|arriving|land|landed|lands|landing|traveled|travelled|is|was|were|will be|(?<=['’]s )visit) here\\b"
                            "|\\b(?:arrived|arrives|landed|lands|touched down|touches down)(?= on| late| early| in the (?:morning|afternoon|evening)| at (?:dawn|noon|night)| shortly| (?:\\d+|an?|one|two|three) (?:minutes?|hours?|days?) (?:earlier|later|before|after))"
                            /* "X launched a Latin American tour Wednesday"
                             * under a dateline: it starts there */
                            "|\\b(?:launched|launches|began|begins|started|starts|opened|opens|kicked off|kicks off) (?:a|an|his|her|their)(?: [\\w-]+){0,3} (?:tour|trip|visit|journey)\\b",
                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "since Johnson traveled there in 1966": the when in group 1 */
  there_regex = g_regex_new ("\\b(?:visited|traveled|travelled|went|flew|was|were) there\\b((?:[^,.;:]{0,20}?)\\b(?:in|during) (?:\\w+ )?(?:19|20)\\d\\d)",
                             G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  /* "Hanoi, the latest stop on a tour": the trip is under way */
#define LATEST_PATTERN "\\b(?:latest|most recent|second|third|fourth|fifth|sixth|seventh|penultimate) (?:stop|leg|destination)\\b"
  latest_regex = g_regex_new (LATEST_PATTERN, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  latest_at_regex = g_regex_new ("\\G" LATEST_PATTERN, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
#undef LATEST_PATTERN
  anchor_regex = g_regex_new ("^\\W*(?:(?<after>after|following)|(?<before>before|prior to|ahead of))\\b",
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

  g_once_init_leave (&initialized, 1);
}

/* g_regex_match_simple() compiles its pattern on every call; the
 * builder's patterns are literals, so each is compiled once, keyed by its
 * address (and flags). Each thread keeps its own (a GRegex matches in any
 * thread, but one shared table needs a lock at every call, and the import
 * extracts on two threads at once). */
static void
free_regex_cache (gpointer cache)
{
  g_hash_table_unref (cache);
}

/* one table for the patterns matched as written, one for caseless */
static GPrivate regex_cache[2] = { G_PRIVATE_INIT (free_regex_cache), G_PRIVATE_INIT (free_regex_cache) };

static gboolean
re_search (const char          *pattern,
           const char          *text,
           GRegexCompileFlags   flags,
           GMatchInfo         **info)
{
  GPrivate *slot = &regex_cache[(flags & G_REGEX_CASELESS) ? 1 : 0];
  GHashTable *cache = g_private_get (slot);
  GRegex *regex;

  g_assert ((flags & ~G_REGEX_CASELESS) == 0);
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_regex_unref);
      g_private_set (slot, cache);
    }
  regex = g_hash_table_lookup (cache, pattern);
  if (regex == NULL)
    {
      regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (regex != NULL);
      g_hash_table_insert (cache, (gpointer) pattern, regex);
    }

  return g_regex_match (regex, text, 0, info);
}

/* Whether `pattern` (a literal) matches `text` */
static gboolean
re_match (const char         *pattern,
          const char         *text,
          GRegexCompileFlags  flags)
{
  return re_search (pattern, text, flags, NULL);
}

/* Appends `entity` to `list`, which holds `n`, unless it is there
 * already; returns the new count (the caller keeps room for one more) */
static inline guint
add_once (NdEntity **list,
          guint      n,
          NdEntity  *entity)
{
  for (guint i = 0; i < n; i++)
    if (list[i] == entity)
      return n;
  list[n] = entity;
  return n + 1;
}

/* Whether the `n` bytes at `bytes` hold `needle` (memmem() rather than
 * g_strstr_len(), which compares byte by byte at every position) */
static inline gboolean
bytes_hold (const char *bytes,
            gsize       n,
            const char *needle)
{
  return memmem (bytes, n, needle, strlen (needle)) != NULL;
}

/* Whether `lower` (text in ASCII lower case) holds one of `needles`: the
 * cheap test before a pattern that cannot match without one of them, so
 * that most sentences never reach the pattern. Each list says which
 * pattern it stands for; a word added to the pattern's alternatives is
 * added to its list. */
static gboolean
holds_any (const char         *lower,
           const char * const *needles)
{
  /* a caseless pattern takes the long s for "s" and the Kelvin sign for
   * "k": text with either may match without the words */
  if (strstr (lower, "\xc5\xbf") != NULL || strstr (lower, "\xe2\x84\xaa") != NULL)
    return TRUE;
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (lower, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* What `final_regex` and `first_regex` cannot match without */
static const char * const trip_words[] = {
  "stop", "leg", "destination", "trip", "tour", "visit", "journey", NULL
};

/* What `here_regex` cannot match without */
static const char * const here_words[] = {
  "here", "arrive", "land", "touche", "launch", "began", "begin", "start", "open", "kick", NULL
};

/* What `there_regex` cannot match without */
static const char * const there_words[] = { " there", NULL };

/* What `latest_regex` cannot match without */
static const char * const latest_words[] = { "stop", "leg", "destination", NULL };

/* What `past_regex` cannot match without */
static const char * const past_words[] = {
  "visit", "trip", "travel", "stop", "been to", "toured", "gone to", NULL
};

/* What each of `past_clause_regex` cannot match without */
static const char * const * const past_clause_words[] = {
  (const char * const[]) { "when ", NULL },
  (const char * const[]) { "last", "previous", "prior", "earlier", NULL },
  (const char * const[]) { "had ", "has ", "have ", NULL },
  (const char * const[]) { "last", "previous", "earlier", NULL },
  (const char * const[]) { "once", "twice", NULL },
};
G_STATIC_ASSERT (G_N_ELEMENTS (past_clause_words) == G_N_ELEMENTS (past_clause_patterns));

/* Whether a sentence tells of an earlier trip in a clause ("when he
 * visited X"); `lower` is `text` in ASCII lower case */
static gboolean
says_past_clause (const char *lower,
                  const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (past_clause_regex); i++)
    if (holds_any (lower, past_clause_words[i]) && g_regex_match (past_clause_regex[i], text, 0, NULL))
      return TRUE;
  return FALSE;
}

/* Where the first match of `latest_regex` in `body` starts: the pattern
 * runs only where one of its first words is followed by one of its last
 * ones in `lower` (`body` in ASCII lower case), rather than at every
 * letter of the body (a third of a millisecond an article). A body with a
 * long s, which a caseless pattern takes for "s", is searched whole. */
static gboolean
find_latest (const char *body,
             const char *lower,
             int        *start)
{
  static const char * const firsts[] = {
    "latest", "most recent", "second", "third", "fourth", "fifth", "sixth", "seventh", "penultimate",
  };
  static const char * const lasts[] = { "stop", "leg", "destination" };
  int best = -1;

  if (strstr (body, "\xc5\xbf") != NULL)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int end;

      if (!g_regex_match (latest_regex, body, 0, &info))
        return FALSE;
      g_match_info_fetch_pos (info, 0, start, &end);
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (lasts); i++)
    for (const char *p = strstr (lower, lasts[i]); p != NULL; p = strstr (p + 1, lasts[i]))
      {
        if (p - lower < 2 || p[-1] != ' ')
          continue;
        for (guint j = 0; j < G_N_ELEMENTS (firsts); j++)
          {
            gsize n = strlen (firsts[j]);
            int at = (int) (p - 1 - lower) - (int) n;

            if (at >= 0 && (best < 0 || at < best) && memcmp (lower + at, firsts[j], n) == 0 &&
                g_regex_match_full (latest_at_regex, body, -1, at, 0, NULL, NULL))
              best = at;
          }
      }
  if (check_cues)
    {
      g_autoptr(GMatchInfo) info = NULL;
      int full = -1, end;

      if (g_regex_match (latest_regex, body, 0, &info))
        g_match_info_fetch_pos (info, 0, &full, &end);
      if (full != best)
        g_error ("find_latest() found %d, the full search %d, in: %s", best, full, body);
    }
  *start = best;
  return best >= 0;
}

static char *
slice (Builder *b,
       guint    start,
       guint    end)
{
  start = MIN (start, b->n_chars);
  end = CLAMP (end, start, b->n_chars);
  return g_strndup (b->body + b->byte_at[start], b->byte_at[end] - b->byte_at[start]);
}

/* The character offset of the character at byte `byte` of the body */
static guint
char_at_byte (Builder *b,
              gsize    byte)
{
  guint lo = 0, hi = b->n_chars;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((gsize) b->byte_at[mid] < byte)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The text between two places with the dates in it blanked out: "Singapore
 * and Malaysia between Wednesday and Saturday, and Laos" is one list */
static char *
gap_without_dates (Builder *b,
                   guint    start,
                   guint    end)
{
  GString *gap = g_string_new (NULL);
  guint at = start;

  for (guint i = 0; i < b->dates->len && at < end; i++)
    {
      const Mention *d = &g_array_index (b->dates, Mention, i);
      g_autofree char *piece = NULL;

      if (d->end <= at || d->start < at)
        continue;
      if (d->start >= end)
        break;
      if (d->end > end)
        break;
      piece = slice (b, at, d->start);
      g_string_append (gap, piece);
      g_string_append_c (gap, ' ');
      at = d->end;
    }
  if (at < end)
    {
      g_autofree char *piece = slice (b, at, end);

      g_string_append (gap, piece);
    }
  return g_string_free (gap, FALSE);
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const Mention *ma = a, *mb = b;

  return (ma->start > mb->start) - (ma->start < mb->start);
}

static void
trip_free (gpointer data)
{
  Trip *trip = data;

  for (guint i = 0; i < trip->candidates->len; i++)
    nd_stop_unref (g_array_index (trip->candidates, Candidate, i).stop);
  g_array_unref (trip->candidates);
  g_free (trip);
}

static Trip *
get_trip (Builder  *b,
          NdEntity *person)
{
  Trip *trip;

  for (guint i = 0; i < b->trips->len; i++)
    {
      trip = g_ptr_array_index (b->trips, i);
      if (trip->person == person)
        return trip;
    }

  trip = g_new0 (Trip, 1);
  trip->person = person;
  trip->body = b->body;
  trip->byte_at = b->byte_at;
  trip->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_ptr_array_add (b->trips, trip);
  return trip;
}

static gboolean
same_place (NdStop *a,
            NdStop *b)
{
  if (a->place_entity != NULL && a->place_entity == b->place_entity)
    return TRUE;
  return g_ascii_strcasecmp (a->place, b->place) == 0;
}

static gboolean
is_country (NdEntity *entity)
{
  const NdPlace *country = nd_gazetteer_lookup_country (nd_gazetteer_get_default (),
                                                        nd_entity_get_country (entity));

  return country != NULL && g_strcmp0 (country->name, nd_entity_get_name (entity)) == 0;
}

/* The gazetteer's entry for a place entity, or NULL */
static const NdPlace *
place_of (NdEntity *entity)
{
  NdGazetteer *gazetteer = nd_gazetteer_get_default ();
  g_autofree char *key = nd_extract_key_dup (nd_entity_get_name (entity), -1);
  const NdPlace *found[16];
  double lat = 0, lon = 0;
  guint n;

  if (key == NULL)
    return NULL;
  n = nd_gazetteer_lookup (gazetteer, key, found, G_N_ELEMENTS (found));
  nd_entity_get_coordinates (entity, &lat, &lon);
  for (guint i = 0; i < MIN (n, G_N_ELEMENTS (found)); i++)
    if (ABS (found[i]->lat - lat) < 0.01 && ABS (found[i]->lon - lon) < 0.01 &&
        g_strcmp0 (found[i]->country, nd_entity_get_country (entity)) == 0)
      return found[i];
  return NULL;
}

/* "Montreal, Quebec": a region that holds the place just named */
static gboolean
region_holds (NdEntity *region,
              NdEntity *place)
{
  const NdPlace *outer = place_of (region);
  const NdPlace *inner = place_of (place);

  /* only where the codes agree: nearness alone would join two
   * neighbouring cities of a list ("Kahramanmaras, Hatay and Adana") */
  return outer != NULL && inner != NULL && outer->kind == ND_PLACE_REGION &&
         inner->kind == ND_PLACE_CITY && inner->admin1[0] != '\0' &&
         g_strcmp0 (outer->country, inner->country) == 0 &&
         g_strcmp0 (outer->admin1, inner->admin1) == 0;
}

/* A stop at a region ("West Africa"), which names no country */
static gboolean
is_region_stop (const Candidate *c)
{
  return c->stop->place_entity != NULL && nd_entity_get_country (c->stop->place_entity) == NULL;
}

static void
trip_add (Trip     *trip,
          NdStop   *stop,
          double    key,
          gboolean  unordered,
          gboolean  from_table)
{
  Candidate c = { NULL, key, unordered, from_table, -1 };

  for (guint i = 0; i < trip->candidates->len; i++)
    {
      Candidate *other = &g_array_index (trip->candidates, Candidate, i);

      gboolean between = FALSE;

      if (!same_place (other->stop, stop))
        continue;
      /* "will travel to South Africa ... has also traveled to South
       * Africa and Botswana": a place of this trip and of the visits
       * before it is in both */
      /* "will travel to South Africa ... has also traveled to South
       * Africa and Botswana": the place is in this trip and in the
       * visits before it */
      if (unordered && !other->unordered)
        continue;
      /* "start in New York ... then San Jose on the 26th ... back to New
       * York on the 28th": the date of a return is not that of the
       * first stay */
      for (guint j = 0; j < trip->candidates->len; j++)
        {
          const Candidate *third = &g_array_index (trip->candidates, Candidate, j);

          if (j != i && third->unordered == unordered && !third->from_table &&
              third->key > MIN (other->key, key) && third->key < MAX (other->key, key))
            between = TRUE;
        }
      if (other->stop->when == NULL && stop->when != NULL && !between)
        {
          other->stop->when = g_strdup (stop->when);
          other->stop->when_date = g_strdup (stop->when_date);
        }
      if (other->stop->purpose == NULL && stop->purpose != NULL)
        other->stop->purpose = g_strdup (stop->purpose);
      if (other->unordered && !unordered)
        other->unordered = FALSE;
      return;
    }

  /* a country and a city in it are one stop: "will travel to Panama ...
   * will begin the trip in Panama City" */
  for (guint i = 0; stop->place_entity != NULL && i < trip->candidates->len; i++)
    {
      Candidate *other = &g_array_index (trip->candidates, Candidate, i);
      NdEntity *entity = other->stop->place_entity;

      if (entity == NULL || other->unordered != unordered ||
          nd_entity_get_country (entity) == NULL ||
          g_strcmp0 (nd_entity_get_country (entity), nd_entity_get_country (stop->place_entity)) != 0)
        continue;
      /* "arrived in Nice ... then Monaco ... a state visit to France":
       * a country named after other stops that followed its city is a
       * return there, another stop */
      if (is_country (stop->place_entity))
        {
          gboolean later = FALSE;

          for (guint j = 0; j < trip->candidates->len; j++)
            {
              const Candidate *third = &g_array_index (trip->candidates, Candidate, j);

              if (third != other && third->unordered == unordered && !third->from_table &&
                  third->key > other->key && third->key < key && third->stop->place_entity != NULL &&
                  g_strcmp0 (nd_entity_get_country (third->stop->place_entity),
                             nd_entity_get_country (stop->place_entity)) != 0)
                later = TRUE;
            }
          /* ... when the sentence says it comes after ("after the
           * visit to Monaco", "back", "again"); "will land in the UAE on
           * Sunday" after an overview of the whole tour is no return */
          if (later && stop->evidence_end > stop->evidence_start)
            {
              g_autofree char *told = g_strndup (trip->body + trip->byte_at[stop->evidence_start],
                                                 trip->byte_at[stop->evidence_end] - trip->byte_at[stop->evidence_start]);

              later = re_match ("\\b(?:after|afterwards|then|back|return\\w*|again|final|finally|end\\w*|before)\\b",
                                told, G_REGEX_CASELESS);
            }
          if (!later || from_table || key >= 1e8 || key <= -1e8)
            return;
          break;
        }
      /* "stops in Italy and Belgium ... will end his trip in Sicily":
       * a final (or first) stop in a country that is not the last (or
       * first) stop is a return there, another stop */
      if (is_country (entity) && (key >= 1e8 || key <= -1e8))
        {
          gboolean between = FALSE;

          for (guint j = 0; j < trip->candidates->len; j++)
            {
              const Candidate *third = &g_array_index (trip->candidates, Candidate, j);

              /* (a region, "a tour of West Africa", is no stop between) */
              if (third != other && third->unordered == unordered && !is_region_stop (third) &&
                  (key >= 1e8 ? third->key > other->key && third->key < 1e8
                              : third->key < other->key && third->key > -1e8))
                between = TRUE;
            }
          if (between)
            break;
        }
      if (is_country (entity))
        {
          g_autofree char *when = g_strdup (other->stop->when);
          g_autofree char *when_date = g_strdup (other->stop->when_date);

          nd_stop_unref (other->stop);
          other->stop = nd_stop_ref (stop);
          other->key = MIN (other->key, key);
          if (stop->when == NULL && when != NULL)
            {
              stop->when = g_steal_pointer (&when);
              stop->when_date = g_steal_pointer (&when_date);
            }
          return;
        }
    }

  /* "travel to Vietnam, France ..." then "to Hanoi and Ho Chi Minh City
   * on January 13": Hanoi took Vietnam's place in the order, and Ho Chi
   * Minh City comes right after it, not after the whole list */
  for (guint i = trip->candidates->len; i > 0; i--)
    {
      Candidate *other = &g_array_index (trip->candidates, Candidate, i - 1);

      if (other->unordered != unordered || other->from_table != from_table ||
          other->stop->evidence_start != stop->evidence_start)
        continue;
      if (other->key < stop->evidence_start && key > other->key)
        c.key = other->key + 0.001;
      break;
    }

  c.stop = nd_stop_ref (stop);
  g_array_append_val (trip->candidates, c);
}

/* The stop names the place as the article writes it ("St. Petersburg",
 * "Malé"), the entity keeps the canonical name */
static void
name_as_written (Builder       *b,
                 NdStop        *stop,
                 const Mention *m)
{
  g_autofree char *text = slice (b, m->start, m->end);

  gboolean lower = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    lower |= g_unichar_islower (g_utf8_get_char (p));
  /* "PEKING —" of a dateline: as the body writes it elsewhere */
  for (guint i = 0; !lower && g_utf8_strlen (text, -1) >= 3 && i < b->places->len; i++)
    {
      const Mention *other = &g_array_index (b->places, Mention, i);
      g_autofree char *written = NULL;
      g_autofree char *folded = NULL;
      g_autofree char *folded_text = NULL;

      if (other->entity != m->entity || other == m)
        continue;
      written = slice (b, other->start, other->end);
      folded = g_utf8_casefold (written, -1);
      folded_text = g_utf8_casefold (text, -1);
      if (strcmp (folded, folded_text) != 0)
        continue;
      for (const char *p = written; *p; p = g_utf8_next_char (p))
        lower |= g_unichar_islower (g_utf8_get_char (p));
      if (lower)
        {
          g_free (text);
          text = g_steal_pointer (&written);
        }
    }
  /* "CANCUN —" of a dateline, never written otherwise, for "Cancún":
   * "Cancun", as written but for the capitals */
  if (!lower && g_utf8_strlen (text, -1) >= 3 && stop->place_entity != NULL &&
      nd_entity_get_name (stop->place_entity) != NULL && !strchr (text, '.'))
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);
      g_autofree char *name = g_utf8_casefold (nd_entity_get_name (stop->place_entity), -1);

      if (strcmp (folded, name) != 0 && !g_str_has_suffix (name, folded))
        {
          GString *titled = g_string_new (NULL);
          gboolean start = TRUE;

          for (const char *p = folded; *p; p = g_utf8_next_char (p))
            {
              gunichar c = g_utf8_get_char (p);

              g_string_append_unichar (titled, start ? g_unichar_totitle (c) : c);
              start = !g_unichar_isalpha (c);
            }
          g_free (text);
          text = g_string_free (titled, FALSE);
          lower = TRUE;
        }
    }
  /* not "HANOI" of a dateline, nor "U.S." */
  if (g_utf8_strlen (text, -1) < 3 || !g_unichar_isupper (g_utf8_get_char (text)) || !lower)
    return;
  /* "the Principality of Monaco" is Monaco */
  {
    const char *name = nd_entity_get_name (stop->place_entity);

    if (name != NULL && strlen (text) > strlen (name) && g_str_has_suffix (text, name) &&
        re_match ("^(?:The |the )?(?:Principality|Kingdom|Republic|State|Sultanate|Emirate|Grand Duchy|Duchy) of ",
                  text, 0))
      return;
  }
  g_free (stop->place);
  stop->place = g_steal_pointer (&text);
}

static gboolean
inside_table (Builder *b,
              guint    start,
              guint    end)
{
  /* only the tables: a text of a million short paragraphs has a million
   * blocks and as many sentences */
  for (guint i = 0; i < b->tables->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b->tables, i);

      if (start < block->end && end > block->start)
        return TRUE;
    }
  return FALSE;
}

/* The date mentioned closest after `pos` within [from, to), else the
 * last one before it in [from, pos) */
static const Mention *
find_date (Builder *b,
           guint    from,
           guint    pos,
           guint    to)
{
  const Mention *before = NULL;

  for (guint i = 0; i < b->dates->len; i++)
    {
      const Mention *m = &g_array_index (b->dates, Mention, i);

      if (m->start < from || m->end > to)
        continue;
      /* "... and Saudi Arabia till October 14": when the trip ends;
       * "a spokesman announced today", "the government said Friday":
       * when it was told */
      {
        g_autofree char *lead = slice (b, m->start >= 40 ? m->start - 40 : 0, m->start);

        if (re_match ("(?:\\b(?:till|until)|\\b(?:said|says|announced|announces|told (?:\\w+ )?reporters|reported|added|stated|confirmed)(?: on)?)\\s+$",
                      lead, G_REGEX_CASELESS))
          continue;
      }
      if (m->start >= pos)
        return m;
      before = m;
    }
  return before;
}

static void
set_when (NdStop        *stop,
          Builder       *b,
          const Mention *date)
{
  const Mention *next = NULL;
  guint end;

  if (date == NULL)
    return;
  /* "Friday evening, 19 May": two mentions that tell one time */
  for (guint i = 0; i < b->dates->len; i++)
    {
      const Mention *m = &g_array_index (b->dates, Mention, i);

      if (m->start >= date->end)
        {
          g_autofree char *gap = slice (b, date->end, m->start);
          g_autofree char *first = slice (b, date->start, date->end);
          g_autofree char *second = slice (b, m->start, m->end);

          /* a weekday and then its date, not a list of days */
          if (m->start <= date->end + 2 && re_match ("^,?\\s?$", gap, 0) &&
              !re_match ("\\d", first, 0) && re_match ("\\d", second, 0))
            next = m;
          break;
        }
    }
  end = next != NULL ? next->end : date->end;
  g_free (stop->when);
  stop->when = slice (b, date->start, end);
  g_free (stop->when_date);
  stop->when_date = g_strdup (nd_entity_get_value (date->entity));
  if (stop->when_date == NULL && next != NULL)
    stop->when_date = g_strdup (nd_entity_get_value (next->entity));
}

/* A stop at `place` (named as the article writes it), at the time of
 * the date mention `when` (or none), told from `evidence_start` to
 * `evidence_end` */
static NdStop *
stop_new_at (Builder       *b,
             const Mention *place,
             const Mention *when,
             guint          evidence_start,
             guint          evidence_end)
{
  NdStop *stop = nd_stop_new (NULL);

  nd_stop_set_place_entity (stop, place->entity);
  name_as_written (b, stop, place);
  set_when (stop, b, when);
  stop->evidence_start = evidence_start;
  stop->evidence_end = evidence_end;
  return stop;
}

static guint
trip_length (Builder  *b,
             NdEntity *person)
{
  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      if (trip->person == person)
        return trip->candidates->len;
    }
  return 0;
}

/* The mentions of one word of a person's name ("Rice", "Xi") that the
 * extractor left unlinked become mentions of the person */
static gboolean
is_word_char (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Each whole-word occurrence of `token` in the body not already a
 * mention of the first `n` people becomes a mention of `entity`. By
 * strstr() and a character offset counted on from the occurrence before:
 * a regular expression compiled per name, and offsets counted from the
 * start of the body each time, were a tenth of an import's time */
static void
add_token_mentions (Builder    *b,
                    NdEntity   *entity,
                    const char *token,
                    guint       n)
{
  gsize token_length = strlen (token);
  glong token_chars = g_utf8_strlen (token, token_length);

  if (token_length == 0)
    return;

  for (const char *hit = strstr (b->body, token); hit != NULL; hit = strstr (hit + 1, token))
    {
      const char *after = hit + token_length;
      Mention m;
      gboolean covered = FALSE;

      if ((hit > b->body && is_word_char (g_utf8_get_char (g_utf8_prev_char (hit)))) ||
          (*after != '\0' && is_word_char (g_utf8_get_char (after))))
        continue;

      m.start = char_at_byte (b, hit - b->body);
      m.end = m.start + token_chars;
      m.entity = entity;
      for (guint j = 0; j < n && !covered; j++)
        {
          const Mention *other = &g_array_index (b->people, Mention, j);

          covered = m.start < other->end && m.end > other->start;
        }
      if (!covered)
        g_array_append_val (b->people, m);
    }
}

/* Whether a word of `entity`'s name is also in another person's name */
static gboolean
token_shared (Builder    *b,
              NdEntity   *entity,
              const char *token,
              guint       n)
{
  for (guint j = 0; j < n; j++)
    {
      NdEntity *other = g_array_index (b->people, Mention, j).entity;
      const char *name;
      gsize length = strlen (token);

      if (other == entity)
        continue;
      /* one of the words between its spaces */
      name = nd_entity_get_name (other);
      for (const char *hit = strstr (name, token); hit != NULL; hit = strstr (hit + 1, token))
        if ((hit == name || hit[-1] == ' ') && (hit[length] == '\0' || hit[length] == ' '))
          return TRUE;
    }
  return FALSE;
}

/* Surnames the extractor left unlinked ("Rice will travel") become
 * mentions of the person; so does a family name written first ("Xi
 * Jinping" ... "Xi's visit") when no one else bears it */
static void
add_surname_mentions (Builder *b)
{
  guint n = b->people->len;

  for (guint i = 0; i < n; i++)
    {
      NdEntity *entity = g_array_index (b->people, Mention, i).entity;
      const char *name = nd_entity_get_name (entity);
      const char *space = strrchr (name, ' ');
      gboolean seen = FALSE;
      g_autofree char *first = NULL;

      for (guint j = 0; j < i; j++)
        seen |= g_array_index (b->people, Mention, j).entity == entity;
      if (seen || space == NULL)
        continue;
      if (g_utf8_strlen (space + 1, -1) >= 2 && g_unichar_isupper (g_utf8_get_char (space + 1)))
        add_token_mentions (b, entity, space + 1, n);
      first = g_strndup (name, strchr (name, ' ') - name);
      if (g_utf8_strlen (first, -1) >= 2 && g_unichar_isupper (g_utf8_get_char (first)) &&
          g_strcmp0 (first, space + 1) != 0 && !token_shared (b, entity, first, n) &&
          !re_match ("^(?:Pope|King|Queen|Prince|Princess|President|Prime|Sheikh|Emir|Sultan|Crown|Mr|Mrs|Ms|Dr|Sir|Lord|Lady|General|Gen|Saint|St|San|Santa|New|North|South|East|West|El|Al|Le|La|De|Van|Von|Da|Di|Du)\\.?$",
                     first, 0))
        add_token_mentions (b, entity, first, n);
    }
}

/* The key of the traveller's latest stop so far: "arrived from X" puts X
 * just before it */
static gboolean
last_key (Builder  *b,
          NdEntity *person,
          double   *key)
{
  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      if (trip->person == person && trip->candidates->len > 0)
        {
          *key = g_array_index (trip->candidates, Candidate, trip->candidates->len - 1).key;
          return TRUE;
        }
    }
  return FALSE;
}

/* The key of the traveller's earliest stop so far in the trip's order */
static gboolean
first_key (Builder  *b,
           NdEntity *person,
           double   *key)
{
  gboolean found = FALSE;

  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      if (trip->person != person)
        continue;
      for (guint j = 0; j < trip->candidates->len; j++)
        {
          const Candidate *c = &g_array_index (trip->candidates, Candidate, j);

          if (!c->unordered && !c->from_table && (!found || c->key < *key))
            {
              *key = c->key;
              found = TRUE;
            }
        }
    }
  return found;
}

/* The purpose the sentence gives right after the place, or NULL */
static char *
find_purpose (Builder *b,
              guint    from,
              guint    to)
{
  g_autofree char *rest = slice (b, from, to);
  g_autoptr(GMatchInfo) info = NULL;
  char *purpose;

  if (!g_regex_match (purpose_regex, rest, 0, &info))
    return NULL;
  purpose = g_match_info_fetch (info, 1);
  g_strstrip (purpose);
  if (*purpose == '\0')
    g_clear_pointer (&purpose, g_free);
  return purpose;
}

static NdEntity *
main_traveller (Builder *b)
{
  NdEntity *best = NULL;
  guint best_stops = 0;

  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      if (trip->candidates->len > best_stops ||
          (trip->candidates->len == best_stops && trip->person == b->last_traveller))
        {
          best = trip->person;
          best_stops = trip->candidates->len;
        }
    }
  return best;
}

/* "X's son-in-law and senior adviser Jared Kushner": an "and" that joins
 * two descriptions of the one person after them, not two people */
static gboolean
joins_titles (Builder    *b,
              guint       sent_start,
              const char *before)
{
  g_autofree char *stripped = NULL;
  guint and_at;

  /* "Secretary of State and defense secretary X", "Health and Family
   * Welfare Minister X" */
  if (!re_match ("(?<!,) and (?:[\\p{L}][\\w-]*\\s+){1,4}$", before, 0))
    return FALSE;
  /* another reason to read it as an object ("met with ...") */
  stripped = g_strdup (before);
  {
    char *last_and = g_strrstr (stripped, " and ");

    if (last_and == NULL)
      return FALSE;
    *last_and = '\0';
  }
  if (g_regex_match (object_regex, stripped, 0, NULL))
    return FALSE;
  /* no one named right before the "and" */
  and_at = sent_start + g_utf8_strlen (stripped, -1);
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);

      if (m->end <= and_at && m->end + 3 >= and_at && m->start >= sent_start)
        return FALSE;
    }
  return TRUE;
}

/* The traveller of a sentence: among the people named before the cue
 * (leaving out objects: "met X", "with X"), the one in the cue's own
 * clause, else the first; when a pronoun or a title ("he", "the
 * president") comes first, the last traveller or person named before the
 * sentence */
/* "the monarch" is the King, "the pontiff" the Pope: `title` names the
 * office `role` holds in other words (both case-folded) */
static gboolean
same_office (const char *title,
             const char *role)
{
  if (g_str_has_suffix (title, "monarch") || g_str_has_suffix (title, "sovereign"))
    return re_match ("\\b(?:king|queen|emperor|empress|sultan|emir|tsar|czar)\\b", role, 0);
  if (g_str_has_suffix (title, "pontiff") || g_str_has_suffix (title, "holy father"))
    return re_match ("\\bpope\\b", role, 0);
  return FALSE;
}

static NdEntity *
find_traveller (Builder *b,
                guint    sent_start,
                guint    cue_start,
                guint    sent_end)
{
  const Mention *last_before = NULL;
  const Mention *first = NULL;
  const Mention *nearest = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  guint pronoun_at = G_MAXUINT;
  guint clause_start = sent_start;
  NdEntity *subject = NULL;
  NdEntity *best = NULL;
  guint best_stops = 0;

  head = slice (b, sent_start, cue_start);
  for (g_regex_match (pronoun_regex, head, 0, &info); g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      int ps, pe;
      guint at, end;
      gboolean named = FALSE;

      g_match_info_fetch_pos (info, 0, &ps, &pe);
      at = sent_start + g_utf8_pointer_to_offset (head, head + ps);
      end = sent_start + g_utf8_pointer_to_offset (head, head + pe);
      /* "the Pope", "the King": a title the extractor made a person's
       * mention is that person, no pronoun */
      for (guint i = 0; i < b->people->len && !named; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          named = m->start >= at && m->start < end;
        }
      /* "Adviser to the President, X, will travel": a title after a
       * preposition is no subject */
      if (!named && ps > 0 && g_ascii_strncasecmp (head + ps, "the ", 4) == 0)
        {
          g_autofree char *before = g_strndup (head, ps);

          named = re_match ("\\b(?:to|of|for|with|by|from)\\s+$", before, G_REGEX_CASELESS);
        }
      if (!named)
        {
          pronoun_at = at;
          break;
        }
    }
  {
    const char *p = head;
    const char *last = NULL;

    for (; *p; p = g_utf8_next_char (p))
      if (strchr (",;:", *p) != NULL)
        last = p;
    if (last != NULL)
      clause_start = sent_start + g_utf8_pointer_to_offset (head, last);
  }
  {
    /* "He is the first ... since Nixon visited X": a subordinate clause
     * has its own subject */
    g_autoptr(GMatchInfo) sub = NULL;
    int ss = -1, se;

    for (g_regex_match (subordinate_regex, head, 0, &sub); g_match_info_matches (sub); g_match_info_next (sub, NULL))
      g_match_info_fetch_pos (sub, 0, &ss, &se);
    if (ss >= 0)
      clause_start = MAX (clause_start, sent_start + (guint) g_utf8_pointer_to_offset (head, head + ss));
  }

  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;

      if (m->start >= cue_start)
        break;
      if (m->start < sent_start)
        {
          last_before = m;
          continue;
        }
      before = slice (b, sent_start, m->start);
      if (g_regex_match (object_regex, before, 0, NULL) && !g_regex_match (led_by_regex, before, 0, NULL) &&
          !joins_titles (b, sent_start, before))
        continue;
      /* "Xi's predecessor Hu had visited": the possessor is not the
       * subject */
      {
        g_autofree char *after = slice (b, m->end, MIN (cue_start, m->end + 40));

        if (re_match ("^['’]s (?:[\\w-]+ ){0,3}?(?:predecessor|successor|wife|husband|son|daughter|son-in-law|daughter-in-law|father|mother|brother|sister|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|envoy|deputy|minister|counterpart|rival|ally|team|delegation|officials|negotiator)\\b",
                      after, G_REGEX_CASELESS))
          continue;
      }
      if (first == NULL)
        first = m;
      if (m->start >= clause_start)
        nearest = m;
    }

  /* "President Javier Milei, who will be traveling to the US", "Dennis
   * Ross, the U.S. coordinator, who returned from a visit to X": the
   * relative clause, after an apposition or not, is about the person */
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *gap = NULL;

      if (m->start < sent_start || m->end > cue_start)
        continue;
      gap = slice (b, m->end, cue_start);
      if (re_match ("^,\\s*(?:(?:the|a|an|his|her)\\s[^,;:()“”\"]{1,60},\\s*)?who\\s+(?:[\\w’']+\\s+){0,4}$", gap, 0) &&
          !re_match ("\\b(?:had|has|have)\\b", gap, 0))
        return m->entity;
    }

  if (nearest != NULL && (pronoun_at == G_MAXUINT || pronoun_at > nearest->start || pronoun_at < clause_start))
    return nearest->entity;
  if (first != NULL && pronoun_at > first->start)
    return first->entity;
  /* "The secretary will visit ...": the person named before with that
   * title ("Secretary of State Condoleezza Rice"), one already
   * travelling first, else the latest */
  if (pronoun_at != G_MAXUINT)
    {
      g_autofree char *said = slice (b, pronoun_at, MIN (pronoun_at + 40, cue_start));
      g_autoptr(GMatchInfo) tm = NULL;

      gboolean named_between = FALSE;

      /* "The Prime Minister ... announced that the Chancellor, Olaf
       * Scholz, will visit": someone named after the title is nearer */
      for (guint i = 0; i < b->people->len && !named_between; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          named_between = m->start > pronoun_at && m->start < cue_start;
        }

      if (!named_between && re_match ("^the ", said, G_REGEX_CASELESS) &&
          g_regex_match (pronoun_regex, said, 0, &tm))
        {
          g_autofree char *phrase = g_match_info_fetch (tm, 0);
          g_autofree char *title = g_utf8_casefold (phrase + 4, -1);
          NdEntity *latest = NULL;

          for (guint i = b->people->len; i > 0; i--)
            {
              const Mention *m = &g_array_index (b->people, Mention, i - 1);
              g_autofree char *role = NULL;

              if (m->start >= pronoun_at || nd_entity_get_role (m->entity) == NULL)
                continue;
              role = g_utf8_casefold (nd_entity_get_role (m->entity), -1);
              if (strstr (role, title) == NULL && !same_office (title, role))
                continue;
              if (trip_length (b, m->entity) > 0)
                return m->entity;
              if (latest == NULL)
                latest = m->entity;
            }
          /* "Parrikar will leave for Moscow ... The Minister will also
           * go to St Petersburg": the one travelling, whose title the
           * text never gave (or only "Mr."), before another with that
           * title who is not */
          if (latest != NULL && b->last_traveller != NULL && b->last_traveller != latest &&
              (nd_entity_get_role (b->last_traveller) == NULL ||
               re_match ("^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\\.?$", nd_entity_get_role (b->last_traveller), 0)) &&
              trip_length (b, b->last_traveller) > 0)
            return b->last_traveller;
          if (latest != NULL)
            return latest;
        }
    }

  if (pronoun_at != G_MAXUINT)
    {
      guint window = b->sentence >= 2
        ? g_array_index (b->sentences, NdTextSpan, b->sentence - 2).start : 0;
      guint prev_start = b->sentence >= 1
        ? g_array_index (b->sentences, NdTextSpan, b->sentence - 1).start : 0;

      /* the latest subject of the sentence or two before ("Trump's
       * schedule" counts, "met Trump" does not), else the last traveller */
      for (guint i = b->people->len; i > 0; i--)
        {
          const Mention *m = &g_array_index (b->people, Mention, i - 1);
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          guint span_start;

          if (m->start >= sent_start)
            continue;
          if (m->start < window)
            break;
          span_start = m->start;
          for (guint k = 0; k <= b->sentence; k++)
            {
              NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, k);

              if (span->start <= m->start && m->start < span->end)
                {
                  span_start = span->start;
                  break;
                }
            }
          before = slice (b, span_start, m->start);
          after = slice (b, m->end, MIN (m->end + 40, b->n_chars));
          if (!g_regex_match (object_regex, before, 0, NULL) ||
              re_match ("^(?:'|’)s? (?:\\w+ )?(?:schedule|trip|visit|tour|travels?|itinerary|journey|plane|delegation|motorcade|stop)",
                                    after, G_REGEX_CASELESS))
            {
              guint n_stops = trip_length (b, m->entity);

              if (subject == NULL)
                subject = m->entity;
              /* someone already travelling wins, the latest named of
               * the sentence just before, else the one with most stops */
              if (n_stops > 0 && best == NULL && m->start >= prev_start)
                {
                  best = m->entity;
                  best_stops = G_MAXUINT;
                }
              else if (n_stops > best_stops)
                {
                  best = m->entity;
                  best_stops = n_stops;
                }
            }
        }
      if (best != NULL)
        return best;
      if (subject != NULL)
        return subject;
      /* nobody named nearby: the main traveller so far */
      for (guint i = 0; i < b->trips->len; i++)
        {
          Trip *trip = g_ptr_array_index (b->trips, i);

          if (trip->candidates->len > best_stops ||
              (trip->candidates->len == best_stops && trip->person == b->last_traveller))
            {
              best = trip->person;
              best_stops = trip->candidates->len;
            }
        }
      if (best != NULL)
        return best;
      if (last_before != NULL)
        return last_before->entity;
      /* "This morning the Pope left Rome for Maputo ... Pope Francis":
       * a title before anyone is named is the next person with it */
      {
        g_autofree char *said = slice (b, pronoun_at, MIN (pronoun_at + 40, cue_start));
        g_autofree char *title = NULL;
        g_autoptr(GMatchInfo) tm = NULL;

        if (re_match ("^the ", said, G_REGEX_CASELESS) &&
            g_regex_match (pronoun_regex, said, 0, &tm))
          {
            g_autofree char *phrase = g_match_info_fetch (tm, 0);

            title = g_utf8_casefold (phrase + 4, -1);
          }
        for (guint i = 0; title != NULL && i < b->people->len; i++)
          {
            const Mention *m = &g_array_index (b->people, Mention, i);
            g_autofree char *name = NULL;
            g_autofree char *role = NULL;

            if (m->start < cue_start)
              continue;
            name = g_utf8_casefold (nd_entity_get_name (m->entity), -1);
            role = nd_entity_get_role (m->entity) != NULL
              ? g_utf8_casefold (nd_entity_get_role (m->entity), -1) : NULL;
            if (strstr (name, title) != NULL || (role != NULL && strstr (role, title) != NULL))
              return m->entity;
          }
      }
      /* "Secretary Clinton to visit Asia" over a body that says only
       * "she" or "the secretary": the person of the headline */
      if (b->headline != NULL)
        return b->headline;
    }

  /* "After stops in X and Y, ... Lula is expected to travel": the
   * subject after the cue */
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;

      if (m->start < cue_start)
        continue;
      if (m->start >= sent_end)
        break;
      before = slice (b, sent_start, m->start);
      if (!g_regex_match (object_regex, before, 0, NULL) &&
          re_match ("^\\W*(?:after|before|following|with)\\b", head, G_REGEX_CASELESS))
        return m->entity;
    }

  /* "Afterwards, the petista will travel to Madrid": a rare noun for a
   * person (no frequent word: "the convoy", "the plane") is the one
   * travelling already */
  if (b->last_traveller != NULL &&
      (g_str_has_prefix (head, "the ") || g_str_has_prefix (head, "The ") || strstr (head, ", the ") != NULL))
    {
      g_autoptr(GMatchInfo) em = NULL;

      if (re_search ("^\\W*(?:\\w+,\\s+)?[Tt]he\\s+(\\p{Ll}[\\p{Ll}-]{3,})\\s+(?:(?:will|would|shall|is|was|then|also|later|to|expected|scheduled|set|due|plans?|planned)\\s+)*$", head, 0, &em))
        {
          g_autofree char *noun = g_match_info_fetch (em, 1);
          g_autofree char *key = nd_extract_key_dup (noun, -1);
          guint32 word = key != NULL ? nd_lexicon_lookup_word (nd_lexicon_get_default (), key) : 0;

          if (key != NULL && ND_WORD_INFO_RANK (word) == 0 &&
              !(ND_WORD_INFO_FLAGS (word) & (ND_WORD_ORG | ND_WORD_ORG_SUFFIX | ND_WORD_NON_NAME)) &&
              trip_length (b, b->last_traveller) > 0)
            return b->last_traveller;
        }
    }
  /* no one named: the band or team on tour the article is about */
  return b->touring;
}

/* "The tour began in Rome, where Zelenskyy met...": the trip is the
 * subject; its traveller is the one travelling so far, else the first
 * person named after the cue */
static NdEntity *
trip_subject (Builder *b,
              guint    sent_start,
              guint    cue_start,
              guint    sent_end)
{
  /* the cue may hold the trip itself ("The trip ... will include") */
  g_autofree char *head = slice (b, sent_start, MIN (sent_end, cue_start + 30));
  NdEntity *person;

  /* ("the week-long mission", "her two-day state visit") */
  /* ("That's followed by a stop in Jamaica": the trip told so far) */
  if (!re_match ("^\\W*(?:the|his|her|their)\\s+(?:[\\w’'-]+\\s+){0,2}(?:trip|tour|visit|journey|mission|swing|itinerary|schedule|program|programme|engagement)s?\\b"
                 "|^\\W*(?:that|this|it)(?:['’]s|\\s+(?:is|was|will be|would be))\\s+(?:then\\s+)?(?:followed|succeeded)\\s+by\\b",
                             head, G_REGEX_CASELESS))
    return NULL;
  /* "the visit by Chancellor Olaf Scholz to Beijing" */
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;

      if (m->start < sent_start || m->start >= sent_end)
        continue;
      before = slice (b, sent_start, m->start);
      if (re_match ("\\bby\\s+(?:[\\p{Lu}][\\w.’'-]*\\s+){0,3}$", before, 0))
        return m->entity;
    }
  if ((person = main_traveller (b)) != NULL)
    return person;
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);

      if (m->start >= cue_start && m->end <= sent_end)
        return m->entity;
    }
  /* "Minister X will begin her tour on Thursday. The trip will
   * include ...": the first person of the sentence before */
  if (b->sentence >= 1)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, b->sentence - 1);

      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);
          g_autofree char *before = NULL;

          if (m->start < span->start)
            continue;
          if (m->start >= span->end)
            break;
          before = slice (b, span->start, m->start);
          if (!g_regex_match (object_regex, before, 0, NULL))
            return m->entity;
          break;
        }
    }
  /* ("The Ole Tour kicked off in Santiago": the band on tour) */
  return b->touring;
}

/* "From Addis Ababa, Gates will travel to Nigeria": a sentence that
 * starts with where the traveller leaves from has its subject right
 * after the comma; a pronoun there is the traveller told of last */
static NdEntity *
fronted_from_subject (Builder *b,
                      guint    cue_end,
                      guint    sent_end)
{
  g_autofree char *rest = slice (b, cue_end, MIN (sent_end, cue_end + 120));
  const char *comma = strchr (rest, ',');
  guint after_comma;

  if (comma == NULL)
    return NULL;
  after_comma = cue_end + g_utf8_pointer_to_offset (rest, comma) + 1;
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *gap = NULL;

      if (m->start < after_comma)
        continue;
      if (m->start >= sent_end)
        break;
      gap = slice (b, after_comma, m->start);
      if (re_match ("^\\s*(?:the\\s+)?(?:[\\p{Lu}][\\w.’'-]*\\s+|" TITLE_WORDS "\\s+){0,5}$",
                    gap, 0))
        return m->entity;
      break;
    }
  {
    g_autofree char *head = slice (b, after_comma, MIN (sent_end, after_comma + 40));
    g_autoptr(GMatchInfo) info = NULL;
    int ps, pe;

    /* the pronouns and titles find_traveller() reads, right there */
    if (g_regex_match (pronoun_regex, head, 0, &info) && g_match_info_fetch_pos (info, 0, &ps, &pe) &&
        strspn (head, " ") == (gsize) ps)
      return b->last_traveller != NULL ? b->last_traveller : main_traveller (b);
  }
  return NULL;
}

/* Section headings made only of places ("Berlin and Aachen") in an
 * article that tells a trip are stops of its main traveller */
/* The person of the first sentence that speaks of a trip ("Trump is
 * planning stops in five countries during his trip"), or NULL */
static NdEntity *
trip_teller (Builder *b)
{
  for (guint s = 0; s < b->sentences->len; s++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, s);
      g_autofree char *text = NULL;

      if (span->end - span->start > 400)
        continue;
      text = slice (b, span->start, span->end);
      if (!re_match ("\\b(?:trip|tour|visit|journey|stops|travels?|itinerary)\\b", text, G_REGEX_CASELESS))
        continue;
      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          if (m->start >= span->start && m->end <= span->end)
            return m->entity;
        }
    }
  return NULL;
}

static void
scan_headings (Builder *b)
{
  NdEntity *person = main_traveller (b);
  Trip *trip;
  guint n_place_headings = 0;
  guint first_place = 0;

  /* headings made only of places */
  for (guint i = 0; i < b->blocks->len && person == NULL; i++)
    {
      NdBlock *block = g_ptr_array_index (b->blocks, i);
      guint pos = block->start;
      gboolean any = FALSE;
      g_autofree char *tail = NULL;

      if (block->kind != ND_BLOCK_HEADING)
        continue;
      /* blocks and places are both in text order */
      while (first_place < b->places->len &&
             g_array_index (b->places, Mention, first_place).start < block->start)
        first_place++;
      for (guint j = first_place; j < b->places->len; j++)
        {
          const Mention *m = &g_array_index (b->places, Mention, j);
          g_autofree char *gap = NULL;

          if (m->start >= block->end)
            break;
          if (m->start < block->start || m->end > block->end)
            continue;
          gap = slice (b, pos, m->start);
          if (!re_match ("^(?:\\s|,|&|\\band\\b|\\bthe\\b)*$", gap, G_REGEX_CASELESS))
            break;
          any = TRUE;
          pos = m->end;
        }
      tail = slice (b, pos, block->end);
      if (any && re_match ("^\\s*$", tail, 0))
        n_place_headings++;
    }

  /* a schedule told only under headings ("Saudi Arabia", then "Saturday
   * 5/20" and the events): the traveller is who the article says
   * travels */
  if (person == NULL && n_place_headings >= 2)
    person = trip_teller (b);
  if (person == NULL)
    return;
  trip = get_trip (b, person);

  for (guint i = 0; i < b->blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b->blocks, i);
      g_autoptr(GPtrArray) found = g_ptr_array_new ();
      guint pos = block->start;

      if (block->kind != ND_BLOCK_HEADING)
        continue;

      for (guint j = 0; j < b->places->len; j++)
        {
          const Mention *m = &g_array_index (b->places, Mention, j);
          g_autofree char *gap = NULL;

          if (m->start < block->start || m->end > block->end)
            continue;
          gap = slice (b, pos, m->start);
          if (!re_match ("^(?:\\s|,|&|\\band\\b|\\bthe\\b)*$", gap, G_REGEX_CASELESS))
            break;
          g_ptr_array_add (found, (gpointer) m);
          pos = m->end;
        }
      {
        g_autofree char *tail = slice (b, pos, block->end);

        if (found->len == 0 || !re_match ("^\\s*$", tail, 0))
          continue;
      }

      for (guint j = 0; j < found->len; j++)
        {
          const Mention *m = g_ptr_array_index (found, j);
          g_autoptr(NdStop) stop = nd_stop_new (NULL);

          nd_stop_set_place_entity (stop, m->entity);
          name_as_written (b, stop, m);
          stop->evidence_start = block->start;
          stop->evidence_end = block->end;
          trip_add (trip, stop, m->start, FALSE, FALSE);
        }
    }
}

/* An itinerary told as labelled paragraphs ("Uruguay: Today, Clinton
 * will attend ...", "Brazil: Next she heads to ..."): each label is a
 * stop of the main traveller, in the order of the text */
static void
scan_place_labels (Builder *b)
{
  NdEntity *person = main_traveller (b);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (Mention));
  g_autoptr(GArray) label_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  Trip *trip;

  guint first_place = 0;

  if (person == NULL)
    return;
  for (guint i = 0; i < b->blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b->blocks, i);

      if (block->kind != ND_BLOCK_PARAGRAPH && block->kind != ND_BLOCK_LIST_ITEM)
        continue;
      /* blocks and places are both in text order */
      while (first_place < b->places->len &&
             g_array_index (b->places, Mention, first_place).start < block->start)
        first_place++;
      for (guint j = first_place; j < b->places->len; j++)
        {
          const Mention *m = &g_array_index (b->places, Mention, j);
          g_autofree char *head = NULL;
          g_autofree char *colon = NULL;

          if (m->start < block->start)
            continue;
          if (m->start >= block->end)
            break;
          head = slice (b, block->start, m->start);
          colon = slice (b, m->end, MIN (block->end, m->end + 2));
          if (re_match ("^[\\s*•-]*$", head, 0) && g_str_has_prefix (colon, ":"))
            {
              g_array_append_val (labels, *m);
              g_array_append_val (label_ends, block->end);
            }
          break;
        }
    }
  if (labels->len < 2)
    return;

  trip = get_trip (b, person);
  for (guint i = 0; i < labels->len; i++)
    {
      const Mention *m = &g_array_index (labels, Mention, i);
      g_autoptr(NdStop) stop = nd_stop_new (NULL);
      guint end = g_array_index (label_ends, guint, i);

      nd_stop_set_place_entity (stop, m->entity);
      name_as_written (b, stop, m);
      stop->evidence_start = m->start;
      stop->evidence_end = end;
      trip_add (trip, stop, m->start, FALSE, FALSE);
    }
}

/* A schedule of date-led lines with no verb ("Monday 3rd May: Lyon,
 * France", "Tuesday 4th May: Nantes and Brest, France"): each line's
 * places are stops of the article's traveller, in order, dated by the
 * line; a place after a comma in its country is not a stop of its own */
static void
scan_date_schedule (Builder *b)
{
  NdEntity *person = main_traveller (b);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) whens = g_ptr_array_new ();
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  guint first_place = 0, first_date = 0, n_lines = 0;

  for (guint i = 0; i < b->blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b->blocks, i);
      const Mention *date = NULL;
      const Mention *prev = NULL;
      guint pos;
      guint n_found = found->len;
      g_autofree char *tail = NULL;

      if (block->kind != ND_BLOCK_PARAGRAPH && block->kind != ND_BLOCK_LIST_ITEM &&
          block->kind != ND_BLOCK_HEADING)
        continue;
      while (first_date < b->dates->len &&
             g_array_index (b->dates, Mention, first_date).start < block->start)
        first_date++;
      if (first_date >= b->dates->len)
        break;
      date = &g_array_index (b->dates, Mention, first_date);
      if (date->start >= block->end)
        continue;
      {
        g_autofree char *head = slice (b, block->start, date->start);
        g_autofree char *colon = slice (b, date->end, MIN (block->end, date->end + 2));

        if (!re_match ("^[\\s*•-]*$", head, 0) || !g_str_has_prefix (colon, ":"))
          continue;
      }
      pos = date->end + 1;
      while (first_place < b->places->len &&
             g_array_index (b->places, Mention, first_place).start < pos)
        first_place++;
      for (guint j = first_place; j < b->places->len; j++)
        {
          const Mention *m = &g_array_index (b->places, Mention, j);
          g_autofree char *gap = NULL;

          if (m->start >= block->end)
            break;
          gap = slice (b, pos, m->start);
          if (!re_match ("^(?:\\s|,|&|\\band\\b)*$", gap, G_REGEX_CASELESS))
            break;
          pos = m->end;
          /* "Lyon, France": the country of the place before */
          if (prev != NULL && is_country (m->entity) && re_match ("^\\s*,\\s*$", gap, 0))
            continue;
          g_ptr_array_add (found, (gpointer) m);
          g_ptr_array_add (whens, (gpointer) date);
          g_array_append_val (ends, block->end);
          prev = m;
        }
      tail = slice (b, pos, block->end);
      if (found->len == n_found || !re_match ("^[\\s.]*$", tail, 0))
        {
          g_ptr_array_set_size (found, n_found);
          g_ptr_array_set_size (whens, n_found);
          g_array_set_size (ends, n_found);
          continue;
        }
      n_lines++;
    }
  if (n_lines < 2)
    return;
  if (person == NULL)
    person = b->headline;
  if (person == NULL)
    person = b->touring;
  if (person == NULL && b->people->len > 0)
    {
      person = g_array_index (b->people, Mention, 0).entity;
      for (guint i = 1; i < b->people->len; i++)
        if (g_array_index (b->people, Mention, i).entity != person)
          return;
    }
  if (person == NULL)
    return;

  {
    Trip *trip = get_trip (b, person);
    const Mention *last = NULL;

    for (guint i = 0; i < found->len; i++)
      {
        const Mention *m = g_ptr_array_index (found, i);
        g_autoptr(NdStop) stop = NULL;

        /* consecutive days in one place are one stop */
        if (last != NULL && last->entity == m->entity)
          continue;
        last = m;
        stop = stop_new_at (b, m, g_ptr_array_index (whens, i),
                            ((const Mention *) g_ptr_array_index (whens, i))->start, g_array_index (ends, guint, i));
        /* a return to a place after others is another stop */
        if (i > 0)
          {
            Candidate c = { nd_stop_ref (stop), m->start, FALSE, FALSE, -1 };

            g_array_append_val (trip->candidates, c);
          }
        else
          trip_add (trip, stop, m->start, FALSE, FALSE);
      }
  }
}

/* The dates of a band's or team's tour, a line each: "January 15th –
 * Santiago, Chile", "Nov. 3: Lyon", or a day under a month ("NOVEMBER",
 * then "1 Sagres Campo Pequeno, Lisbon, Portugal"): the first place of
 * each line is a stop of the group on tour, on that date */
typedef struct
{
  const Mention *place;
  const Mention *date;   /* or NULL: */
  int            month;  /* the month heading above (1-12) and */
  int            day;    /* the day that starts the line */
  guint          start;
  guint          end;
} TourLine;

static void
scan_tour_dates (Builder *b)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"
  };
  Trip *trip;
  guint first_place = 0, first_date = 0;
  int month = 0;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (TourLine));

  if (b->touring == NULL)
    return;

  for (guint i = 0; i < b->blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b->blocks, i);
      g_autofree char *line = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      TourLine found = { NULL, NULL, 0, 0, block->start, block->end };
      guint after;

      if (block->kind != ND_BLOCK_PARAGRAPH && block->kind != ND_BLOCK_LIST_ITEM &&
          block->kind != ND_BLOCK_HEADING)
        continue;
      if (block->end - block->start > 160)
        continue;
      line = slice (b, block->start, block->end);
      /* "NOVEMBER": the month of the days below it */
      if (re_search ("^\\s*(January|February|March|April|May|June|July|August|September|October|November|December)\\s*:?\\s*$",
                     line, G_REGEX_CASELESS, &info))
        {
          g_autofree char *name = g_match_info_fetch (info, 1);

          for (guint k = 0; k < G_N_ELEMENTS (months); k++)
            if (g_ascii_strcasecmp (name, months[k]) == 0)
              month = (int) k + 1;
          continue;
        }
      g_clear_pointer (&info, g_match_info_unref);

      while (first_date < b->dates->len &&
             g_array_index (b->dates, Mention, first_date).start < block->start)
        first_date++;
      if (first_date < b->dates->len)
        {
          const Mention *d = &g_array_index (b->dates, Mention, first_date);
          g_autofree char *head = slice (b, block->start, d->start);

          if (d->end <= block->end && re_match ("^[\\s*•-]*$", head, 0))
            found.date = d;
        }
      if (found.date != NULL)
        after = found.date->end;
      else if (month > 0 && re_search ("^\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b", line, 0, &info))
        {
          g_autofree char *day = g_match_info_fetch (info, 1);
          int ds, de;

          g_match_info_fetch_pos (info, 0, &ds, &de);
          after = block->start + g_utf8_pointer_to_offset (line, line + de);
          found.month = month;
          found.day = atoi (day);
          if (found.day < 1 || found.day > 31)
            continue;
        }
      else
        continue;

      /* after the date, a dash or a colon or nothing, then the line's
       * first place, with at most a venue before it */
      while (first_place < b->places->len &&
             g_array_index (b->places, Mention, first_place).start < after)
        first_place++;
      if (first_place < b->places->len)
        {
          const Mention *m = &g_array_index (b->places, Mention, first_place);
          g_autofree char *gap = m->end <= block->end ? slice (b, after, m->start) : NULL;

          if (gap != NULL && re_match ("^[\\s,.:–—-]*(?:[^,;:()]{1,50},\\s*)?$", gap, 0))
            found.place = m;
        }
      if (found.place != NULL)
        g_array_append_val (lines, found);
    }
  if (lines->len < 3)
    return;

  trip = get_trip (b, b->touring);
  for (guint i = 0; i < lines->len; i++)
    {
      const TourLine *found = &g_array_index (lines, TourLine, i);
      g_autoptr(NdStop) stop = stop_new_at (b, found->place, found->date, found->start, found->end);
      Candidate c = { NULL, found->place->start, FALSE, FALSE, -1 };

      if (found->date == NULL)
        {
          stop->when = g_strdup_printf ("%s %d", months[found->month - 1], found->day);
          if (b->year > 0 && g_date_valid_dmy (found->day, found->month, b->year))
            stop->when_date = g_strdup_printf ("%04d-%02d-%02d", b->year, found->month, found->day);
        }
      c.stop = nd_stop_ref (stop);
      g_array_append_val (trip->candidates, c);
    }
}

/* The traveller with a stop told in a sentence, or NULL */
static Trip *
trip_of_sentence (Builder *b,
                  guint    start,
                  guint    end)
{
  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      for (guint j = 0; j < trip->candidates->len; j++)
        {
          const NdStop *stop = g_array_index (trip->candidates, Candidate, j).stop;

          if (!g_array_index (trip->candidates, Candidate, j).unordered &&
              stop->evidence_start >= start && stop->evidence_start < end)
            return trip;
        }
    }
  return NULL;
}

/* "He visited Lyon, France on May 3; Porto, Portugal on May 5; and ...":
 * each item of a list split by semicolons that names a place and then a
 * date is a stop of the sentence's traveller, with that date */
static void
scan_semicolon_list (Builder *b,
                     guint    start,
                     guint    end)
{
  g_autofree char *text = NULL;
  Trip *trip;
  guint item_start = start;
  guint pos = start;
  guint n_items = 0;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) dates = NULL;

  if (end <= start ||
      memchr (b->body + b->byte_at[start], ';', b->byte_at[end] - b->byte_at[start]) == NULL)
    return;
  text = slice (b, start, end);
  trip = trip_of_sentence (b, start, end);
  if (trip == NULL)
    return;
  places = g_ptr_array_new ();
  dates = g_ptr_array_new ();
  for (const char *p = text; ; p = g_utf8_next_char (p), pos++)
    {
      if (*p == ';' || *p == '\0')
        {
          const Mention *date = NULL;
          const Mention *place = NULL;

          for (guint i = 0; i < b->dates->len; i++)
            {
              const Mention *m = &g_array_index (b->dates, Mention, i);

              if (m->start >= item_start && m->end <= pos)
                {
                  date = m;
                  break;
                }
            }
          for (guint i = 0; date != NULL && i < b->places->len; i++)
            {
              const Mention *m = &g_array_index (b->places, Mention, i);
              g_autofree char *gap = NULL;

              if (m->start < item_start || m->end > date->start)
                continue;
              gap = place != NULL ? slice (b, place->end, m->start) : NULL;
              /* "Lyon, France": the country of the place before */
              if (place != NULL && is_country (m->entity) && re_match ("^\\s*,\\s*$", gap, 0))
                continue;
              place = m;
            }
          if (place != NULL)
            {
              g_autofree char *gap = slice (b, place->end, date->start);

              /* the date belongs to the place: "Lyon, France on May 3" */
              if (re_match ("^(?:\\s*,\\s*[\\p{Lu}][\\w .’'-]{1,30}?)?,?\\s+(?:on|in)\\s+(?:the\\s+)?$", gap, 0))
                {
                  g_ptr_array_add (places, (gpointer) place);
                  g_ptr_array_add (dates, (gpointer) date);
                  n_items++;
                }
            }
          item_start = pos + 1;
          if (*p == '\0')
            break;
        }
    }
  if (n_items < 2)
    return;
  for (guint i = 0; i < places->len; i++)
    {
      const Mention *m = g_ptr_array_index (places, i);
      g_autoptr(NdStop) stop = nd_stop_new (NULL);

      nd_stop_set_place_entity (stop, m->entity);
      name_as_written (b, stop, m);
      set_when (stop, b, g_ptr_array_index (dates, i));
      stop->evidence_start = start;
      stop->evidence_end = end;
      trip_add (trip, stop, m->start, FALSE, FALSE);
    }
}

/* Gives `companion` the ordered stops of `trip`, unless it has stops of
 * its own */
static void
travel_along (Builder  *b,
              Trip     *trip,
              NdEntity *companion)
{
  Trip *with = get_trip (b, companion);
  guint had = with->candidates->len;

  if (with == trip)
    return;
  /* a companion with stops of their own goes to the trip's others too */
  for (guint k = 0; k < trip->candidates->len; k++)
    {
      Candidate c = g_array_index (trip->candidates, Candidate, k);
      gboolean known = FALSE;

      if (c.unordered)
        continue;
      for (guint j = 0; j < had && !known; j++)
        known = same_place (g_array_index (with->candidates, Candidate, j).stop, c.stop);
      if (known)
        continue;
      nd_stop_ref (c.stop);
      g_array_append_val (with->candidates, c);
    }
}

/* "X ... with his wife, Ann, and two daughters, Bea and Cleo",
 * "accompanied by her husband Tom": the family named travel the stops of
 * X, the sentence's first person with a trip */
static void
scan_family (Builder *b)
{
  for (guint s = 0; s < b->sentences->len; s++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, s);
      guint start = span->start, end = MIN (span->end, b->n_chars);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      NdEntity *companions[8];
      guint n = 0, cue_at, cue_end;
      Trip *trip = NULL;
      int cs, ce;

      if (end <= start || end - start > 600 ||
          (!bytes_hold (b->body + b->byte_at[start], b->byte_at[end] - b->byte_at[start], " his ") &&
           !bytes_hold (b->body + b->byte_at[start], b->byte_at[end] - b->byte_at[start], " her ")))
        continue;
      text = slice (b, start, end);
      if (!re_search ("\\b(?:with|accompanied by|joined by|(?<pronoun>[Hh]e|[Ss]he) and) (?:his|her) "
                      "(?:wife|husband|spouse|partner|daughters?|sons?|children|family)\\b", text, 0, &info))
        continue;
      g_match_info_fetch_pos (info, 0, &cs, &ce);
      cue_at = start + g_utf8_strlen (text, cs);
      cue_end = start + g_utf8_strlen (text, ce);
      for (guint i = 0; i < b->people->len && trip == NULL; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          if (m->start < start || m->end > cue_at)
            continue;
          for (guint t = 0; t < b->trips->len; t++)
            {
              Trip *other = g_ptr_array_index (b->trips, t);

              if (other->person == m->entity && other->candidates->len > 0)
                trip = other;
            }
        }
      /* "... arrived in Harbin. Crowds cheered as he and his wife,
       * Naina, descended": the one trip told in this sentence or the
       * one before */
      if (trip == NULL && g_match_info_fetch_named_pos (info, "pronoun", &cs, &ce) && cs >= 0)
        {
          guint from = s > 0 ? g_array_index (b->sentences, NdTextSpan, s - 1).start : start;
          guint n_trips = 0;

          for (guint t = 0; t < b->trips->len; t++)
            {
              Trip *other = g_ptr_array_index (b->trips, t);
              gboolean here = FALSE;

              for (guint c = 0; c < other->candidates->len && !here; c++)
                {
                  const Candidate *cand = &g_array_index (other->candidates, Candidate, c);

                  here = !cand->unordered && cand->stop->evidence_start >= from && cand->stop->evidence_start < end;
                }
              if (here)
                {
                  trip = other;
                  n_trips++;
                }
            }
          if (n_trips != 1)
            trip = NULL;
        }
      if (trip == NULL)
        continue;
      /* the family: the people named after the cue, and given names the
       * extraction left alone ("daughters, Bea and Cleo") */
      {
        g_autofree char *tail = slice (b, cue_end, end);
        const char *p = tail;
        guint pos = cue_end;

        while (*p != '\0' && n < G_N_ELEMENTS (companions))
          {
            const char *w = p;
            guint len = 0;
            const Mention *person = NULL;

            while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
              {
                p = g_utf8_next_char (p);
                len++;
              }
            if (len == 0)
              {
                gunichar c = g_utf8_get_char (p);

                /* the family ends with the clause */
                if (c == '.' || c == ';' || c == '(')
                  break;
                p = g_utf8_next_char (p);
                pos++;
                continue;
              }
            for (guint i = 0; i < b->people->len; i++)
              {
                const Mention *m = &g_array_index (b->people, Mention, i);

                if (m->start <= pos && m->end > pos)
                  person = m;
              }
            if (person != NULL && person->entity != trip->person)
              n = add_once (companions, n, person->entity);
            else if (person == NULL && g_unichar_isupper (g_utf8_get_char (w)))
              {
                g_autofree char *word = g_strndup (w, p - w);
                g_autofree char *key = nd_extract_key_dup (word, -1);
                guint32 flags = key != NULL
                  ? ND_WORD_INFO_FLAGS (nd_lexicon_lookup_word (nd_lexicon_get_default (), key)) : 0;
                const NdPlace *found[1];

                if ((flags & ND_WORD_FIRST_NAME) &&
                    !(flags & (ND_WORD_COMMON | ND_WORD_NON_NAME | ND_WORD_TITLE | ND_WORD_ORG)) &&
                    nd_gazetteer_lookup (nd_gazetteer_get_default (), key, found, 1) == 0)
                  {
                    NdEntity *named = nd_entity_new (ND_ENTITY_PERSON, word);

                    g_ptr_array_add (b->owned, named);
                    companions[n++] = named;
                  }
              }
            pos += len;
          }
      }
      for (guint j = 0; j < n; j++)
        travel_along (b, trip, companions[j]);
    }
}

/* The person a list item names first when it opens with a name set off
 * by a dash ("Ana Lopes – Minister of Health;"), one the extraction did
 * not find (owned by the builder), or NULL */
static NdEntity *
list_item_name (Builder          *b,
                const NdTextSpan *item)
{
  static GRegex *item_regex;
  static gsize initialized;
  g_autofree char *text = slice (b, item->start, MIN (item->end, item->start + 80));
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *word = NULL;
  g_autofree char *key = NULL;
  NdEntity *named;

  if (g_once_init_enter (&initialized))
    {
      item_regex = g_regex_new ("^[\\s•*]*((\\p{Lu}[\\p{L}’'.-]*)(?:\\s+\\p{Lu}[\\p{L}’'.-]*){1,3})\\s+[–—-]\\s",
                                G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  if (!g_regex_match (item_regex, text, 0, &info))
    return NULL;
  /* not a place the extraction found there, nor "The Minister" */
  for (guint i = 0; i < b->places->len; i++)
    {
      const Mention *m = &g_array_index (b->places, Mention, i);

      if (m->start >= item->start && m->start < item->start + 4)
        return NULL;
    }
  word = g_match_info_fetch (info, 2);
  key = nd_extract_key_dup (word, -1);
  if (key == NULL ||
      (ND_WORD_INFO_FLAGS (nd_lexicon_lookup_word (nd_lexicon_get_default (), key)) &
       (ND_WORD_COMMON | ND_WORD_NON_NAME | ND_WORD_TITLE | ND_WORD_TITLE_START | ND_WORD_ORG | ND_WORD_ORG_START)))
    return NULL;
  name = g_match_info_fetch (info, 1);
  named = nd_entity_new (ND_ENTITY_PERSON, name);
  g_ptr_array_add (b->owned, named);
  return named;
}

/* People who go with a traveller: "accompanied by A, B and C", "A and B
 * will accompany the minister", "the delegation includes A and B": they
 * travel the traveller's stops (the one named before "accompanied by",
 * else the one the article follows); after "A would be going, as well
 * as B" (`going_regex`) everyone the sentence names goes, but for the
 * people met and the one quoted */
/* What `with_regex` cannot match without */
static const char * const with_words[] = {
  "accompanied", "joined by", "ing with", "with me", "with him", "with her", "with them", "delegat", "entourage", "party", "team", "members of the", NULL
};

/* What `going_regex` cannot match without */
static const char * const going_words[] = {
  "be going", "the trip", "the tour", "the visit", "the journey", "the flight", "the mission",
  "part of the", "member", "with him", "with her", "with them", "with the ", "alongside", "among ",
  "make ", "join", NULL
};

/* "Cuban President Fidel Castro met President Putin in Havana ... to
 * greet Putin": one who is at home where a visitor from elsewhere
 * comes, and greets, meets or hosts someone, is the host, no
 * traveller: their trip is dropped when all its stops are in their own
 * country (told by a demonym before their name) */
static void
drop_hosts (Builder *b)
{
  g_autofree const char **homes = NULL;

  if (b->trips->len < 2)
    return;
  homes = g_new0 (const char *, b->trips->len);
  for (guint t = 0; t < b->trips->len; t++)
    homes[t] = home_country (b, ((Trip *) g_ptr_array_index (b->trips, t))->person);
  for (guint t = 0; t < b->trips->len; t++)
    {
      Trip *trip = g_ptr_array_index (b->trips, t);
      const char *home = homes[t];
      gboolean at_home = TRUE, visited = FALSE, hosts = FALSE;

      if (trip->candidates->len == 0 || home == NULL)
        continue;
      for (guint k = 0; k < trip->candidates->len && at_home; k++)
        at_home = g_strcmp0 (stop_country (&g_array_index (trip->candidates, Candidate, k)), home) == 0;
      if (!at_home)
        continue;
      for (guint o = 0; o < b->trips->len && !visited; o++)
        {
          Trip *other = g_ptr_array_index (b->trips, o);

          if (other == trip || g_strcmp0 (homes[o], home) == 0)
            continue;
          for (guint k = 0; k < other->candidates->len && !visited; k++)
            visited = g_strcmp0 (stop_country (&g_array_index (other->candidates, Candidate, k)), home) == 0;
        }
      if (!visited)
        continue;
      /* the host's words, in a sentence that names them */
      for (guint i = 0; i < b->people->len && !hosts; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);
          guint from, to;
          g_autofree char *around = NULL;

          if (m->entity != trip->person)
            continue;
          from = m->start;
          to = MIN (b->n_chars, m->end + 120);
          around = slice (b, from, to);
          hosts = re_match ("^[^.;]*?\\b(?:greet|greets|greeted|welcome|welcomes|welcomed|received|receives|hosted|hosts|met|meets)\\b[^.;]{0,40}?\\p{Lu}",
                            around, 0);
        }
      if (!hosts)
        continue;
      for (guint k = 0; k < trip->candidates->len; k++)
        nd_stop_unref (g_array_index (trip->candidates, Candidate, k).stop);
      g_array_set_size (trip->candidates, 0);
    }
}

/* "MOSCOW — Soviet leader X rolled out the red carpet Friday for Indian
 * Prime Minister Y", "... welcomed Kenyan President Y": under a
 * dateline, one from another country welcomed in the opening sentences
 * is there, when nothing else gives them a stop */
static void
scan_welcomed (Builder *b)
{
  const char *here;

  if (b->dateline == NULL || (here = nd_entity_get_country (b->dateline->entity)) == NULL)
    return;
  for (guint s = 0; s < b->sentences->len && s < 3; s++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, s);
      guint start = span->start, end = MIN (span->end, b->n_chars);
      const char *bytes = b->body + b->byte_at[start];
      gsize n_bytes = b->byte_at[end] - b->byte_at[start];
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      int ws, we;
      guint cue_end;

      if (end <= start ||
          (!bytes_hold (bytes, n_bytes, "elcom") && !bytes_hold (bytes, n_bytes, "red carpet") &&
           !bytes_hold (bytes, n_bytes, "greet")))
        continue;
      text = slice (b, start, end);
      if (!re_match ("\\b(?:welcomed|welcomes|welcome for|greeted|greets|rolled out the red carpet|rolls out the red carpet)\\b", text, 0))
        continue;
      if (!re_search ("\\b(?:welcomed|welcomes|greeted|greets|red carpet(?: \\w+)?(?: for)?|welcome for)\\s+(?:the\\s+)?",
                      text, 0, &info))
        continue;
      g_match_info_fetch_pos (info, 0, &ws, &we);
      cue_end = start + g_utf8_strlen (text, we);
      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);
          const char *home;
          g_autofree char *gap = NULL;
          Trip *trip;

          if (m->start < cue_end)
            continue;
          if (m->end > end || m->start > cue_end + 50)
            break;
          /* only titles and a demonym between: "Indian Prime Minister" */
          gap = slice (b, cue_end, m->start);
          if (!re_match ("^(?:[\\p{Lu}][\\w.’'-]*\\s+|" TITLE_WORDS "\\s+|,\\s*)*$", gap, 0))
            break;
          home = home_country (b, m->entity);
          if (home == NULL || strcmp (home, here) == 0)
            break;
          trip = get_trip (b, m->entity);
          if (trip->candidates->len == 0)
            {
              g_autoptr(NdStop) stop = stop_new_at (b, b->dateline, find_date (b, start, start, end), start, end);

              trip_add (trip, stop, b->dateline->start, FALSE, FALSE);
            }
          break;
        }
    }
}

/* "Foreign Minister Katz welcomed Milei at the airport, along with
 * Foreign Minister A, Chief of Staff B and his spiritual guide, C": the
 * people greeted with one who travels go along */
static void
scan_greeted_along (Builder *b)
{
  if (!strstr (b->body, "along with") && !strstr (b->body, "together with"))
    return;
  for (guint i = 0; i + 1 < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      const Mention *next = &g_array_index (b->people, Mention, i + 1);
      const NdTextSpan *span = NULL;
      g_autofree char *gap = NULL;
      g_autofree char *lead = NULL;
      Trip *trip = NULL;

      if (next->start < m->end || next->start - m->end > 80 || next->entity == m->entity)
        continue;
      gap = slice (b, m->end, next->start);
      if (!re_search ("\\A[^.;:()]{0,40}?,?\\s+(?:along|together) with\\s+(?:[\\w.’'-]+\\s+){0,5}$", gap, 0, NULL))
        continue;
      for (guint k = 0; k < b->sentences->len && span == NULL; k++)
        {
          const NdTextSpan *sk = &g_array_index (b->sentences, NdTextSpan, k);

          if (sk->start <= m->start && m->start < sk->end)
            span = sk;
        }
      if (span == NULL)
        continue;
      lead = slice (b, span->start, m->start);
      if (!re_search ("\\b(?:greeted|welcomed|received|greets|welcomes|receives)\\s+(?:[\\w.’'-]+\\s+){0,4}$", lead, 0, NULL))
        continue;
      for (guint t = 0; t < b->trips->len && trip == NULL; t++)
        {
          Trip *other = g_ptr_array_index (b->trips, t);

          if (other->person == m->entity && other->candidates->len > 0)
            trip = other;
        }
      if (trip == NULL)
        continue;
      /* everyone named after it in the sentence */
      for (guint j = i + 1; j < b->people->len; j++)
        {
          const Mention *other = &g_array_index (b->people, Mention, j);
          g_autofree char *between = NULL;

          if (other->start >= span->end)
            break;
          between = slice (b, m->end, other->start);
          if (re_match ("\\b(?:who|which|where|while|but|met|meet)\\b", between, 0))
            break;
          if (other->entity != m->entity)
            travel_along (b, trip, other->entity);
        }
    }
}

/* "X's Italian-born wife, Sonia", "Jiang's wife Wang Yeping", "greeted
 * Gorbachev and his wife, Raisa": the spouse of one who travels goes
 * along */
static void
scan_spouses (Builder *b)
{
  if (!strstr (b->body, "wife") && !strstr (b->body, "husband"))
    return;
  for (guint i = 0; i + 1 < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      const Mention *next = &g_array_index (b->people, Mention, i + 1);
      g_autofree char *gap = NULL;
      Trip *trip = NULL;

      if (next->start < m->end || next->start - m->end > 30)
        continue;
      gap = slice (b, m->end, next->start);
      if (!re_search ("\\A(?:['’]s (?:[\\w-]+ )?|,?\\s+(?:and|with) (?:his|her) )(?:wife|husband),?\\s+$", gap, 0, NULL) ||
          next->entity == m->entity)
        continue;
      for (guint t = 0; t < b->trips->len && trip == NULL; t++)
        {
          Trip *other = g_ptr_array_index (b->trips, t);

          if (other->person == m->entity && other->candidates->len > 0)
            trip = other;
        }
      if (trip != NULL)
        travel_along (b, trip, next->entity);
    }
}

/* Marks that do not end a list of people: honorifics ("Dr. A,
 * Foreign Minister, Ms. B") and bracketed acronyms or parties ("the ...
 * Agency (NIA), B", "A (H) and B"); `gap` is freed, the gap without them
 * returned */
static GRegex *honorific_regex;
static GRegex *acronym_regex;

static char *
without_list_marks (char *gap)
{
  char *bare;
  char *result;

  if (strchr (gap, '.') == NULL && strchr (gap, '(') == NULL)
    return gap;
  bare = g_regex_replace (honorific_regex, gap, -1, 0, "", 0, NULL);
  g_free (gap);
  if (bare == NULL)
    return NULL;
  result = g_regex_replace (acronym_regex, bare, -1, 0, "", 0, NULL);
  g_free (bare);
  return result;
}

static void
scan_companions (Builder *b)
{
  static GRegex *with_regex;
  static GRegex *accompany_regex;
  static GRegex *going_regex;
  static GRegex *fronted_regex;
  static gsize initialized;
  NdEntity *main = main_traveller (b);

  if (g_once_init_enter (&initialized))
    {
      with_regex = g_regex_new ("\\b(?:(?:taking|take|takes|took|bringing|bring|brings|brought) with (?:me|him|her|them)|accompanied (?:(?:on|during|for) (?:the|this|his|her|their) (?:[\\w-]+ ){0,2}?(?:trip|tour|visit|journey|mission|flight) )?by|joined by|travell?ing with|(?:delegation|entourage|party|team|delegates|delegation members|members of the delegation)(?: (?!(?:met|meet|meets|meeting|has|have|had|hosted|visited|saw|see)\\b)[\\w-]+){0,6}?,? (?:includes|included|including|comprises|comprised|comprising|consisting of|consists of|composed of|made up of|(?:will|would|is to|are to)(?: also)? include)|(?:the |other )?members of the (?:delegation|entourage|party|team|group|travell?ing party) (?:are|were|will be|include|included))\\b",
                                G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      accompany_regex = g_regex_new ("\\b(?:will|would|to|also|are to|is to) accompany\\b|\\b(?:is|are|was|were|will be|(?:is|are|was|were) (?:believed|expected|said|set|due|scheduled|reported) to be)(?: also)? accompanying(?= (?:him|her|them|the|[\\p{Lu}]))|\\baccompan(?:ied|ies)(?= (?:him|her|the|them|[\\p{Lu}]))",
                                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* "A would be going, as well as B", "also on the trip are A and
       * B", "A and B will be part of the delegation", "travelling with
       * him are A and B": everyone the sentence names goes */
      going_regex = g_regex_new ("\\b(?:(?:will|would|is|are|was|were|to)(?: also)? be going(?! to (?:meet|hold|sign|discuss|talk|attend))\\b|"
                                 "(?:also |too )?(?:on|joining|making|on board for) the (?:trip|tour|visit|journey|flight|mission)\\b(?= (?:are|were|will be|is|was|include|included))|"
                                 "(?:will|would|is|are|was|were)(?: also)? (?:be )?(?:part|members?) of the (?:delegation|entourage|party|team|group|travell?ing party)\\b|"
                                 "(?:travel|travels|travell?ed|travell?ing|go|goes|going|went|fly|flies|flying|flew|come|comes|coming|came)(?: along)? (?:with|alongside) "
                                 "(?:him|her|them|the (?:[\\w-]+ ){0,2}?(?:minister|president|prime minister|secretary|mayor|premier|king|queen|prince|princess|leader|delegation|envoy|governor|chairman))\\b|"
                                 "among those (?:travell?ing|going|flying|accompanying|on the (?:trip|tour|visit))\\b|"
                                 "among (?:the|his|her|their) (?:delegation|entourage|travell?ing party|delegates)\\b|"
                                 /* "also expected to join camp in Vienna are A, B and C" */
                                 "\\bjoin(?:s|ing)? (?:the )?(?:camp|(?:\\w+ )?(?:squad|team|delegation|entourage|party|group|tour) in(?= \\p{Lu}))\\b|"
                                 "(?:will|would|is to|are to|is due to|are due to)(?: also)? (?:make|join) (?:the|this|his|her|their) (?:[\\w-]+ )?(?:trip|tour|visit|journey)\\b)",
                                 G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      /* "Accompanying Nixon on the trade mission will be A and B",
       * "Travelling with him are A and B": the people after the verb go
       * with the one named before it */
      fronted_regex = g_regex_new ("^[\\s\"“‘']*(?:also )?(?:those )?(?:accompanying|travell?ing with|joining)"
                                   "(?: (?:him|her|them|the [\\w-]+(?: [\\w-]+)?|(?:\\p{Lu}[\\w.’'-]*\\s*){1,5}?))?\\s*"
                                   "(?:(?:on|during|for) (?:the|this|his|her|their) (?:[\\w-]+ ){0,2}?(?:trip|tour|visit|journey|mission|flight)s? )?"
                                   "(?:will be|would be|are|were|is|was)(?: also)?\\b",
                                   G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      honorific_regex = g_regex_new ("\\b(?:Dr|Mr|Mrs|Ms|Msgr|Mgr|Hon|Prof|Gen|Col|Maj|Capt|Lt|Sen|Rep|Gov|Amb|Rev|Fr|Sr|Jr|St)\\.(?= )", G_REGEX_OPTIMIZE, 0, NULL);
      acronym_regex = g_regex_new ("\\s*\\(\\p{Lu}[\\p{Lu}\\d&.-]{0,7}\\)", G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  if (main == NULL)
    return;

  for (guint s = 0; s < b->sentences->len; s++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, s);
      guint start = span->start, end = MIN (span->end, b->n_chars);
      g_autofree char *text = NULL;
      g_autofree char *lower = NULL;
      g_autoptr(GMatchInfo) info = NULL;
      int cs, ce;
      guint cue_at, cue_end;
      Trip *trip = NULL;
      NdEntity *leader = NULL;
      gboolean after, anywhere = FALSE, fronted = FALSE;

      if (end <= start || end - start > 800)
        continue;
      text = slice (b, start, end);
      if (!says_word_of (&companion_starts, text))
        continue;
      lower = g_ascii_strdown (text, -1);
      fronted = after = g_regex_match (fronted_regex, text, 0, &info);
      if (!after)
        {
          g_clear_pointer (&info, g_match_info_unref);
          after = holds_any (lower, with_words) && g_regex_match (with_regex, text, 0, &info);
        }
      if (!after)
        {
          g_clear_pointer (&info, g_match_info_unref);
          anywhere = holds_any (lower, going_words) && g_regex_match (going_regex, text, 0, &info);
        }
      if (!after && !anywhere)
        {
          g_clear_pointer (&info, g_match_info_unref);
          if (strstr (lower, "accompan") == NULL || !g_regex_match (accompany_regex, text, 0, &info))
            continue;
        }
      g_match_info_fetch_pos (info, 0, &cs, &ce);
      cue_at = start + g_utf8_strlen (text, cs);
      cue_end = start + g_utf8_strlen (text, ce);
      /* "welcomed by a delegation comprising A and B": the hosts */
      {
        g_autofree char *lead = g_strndup (text, cs);

        if (re_match ("\\b(?:welcome|welcomed|received|greeted|met|hosted|honou?red)\\b[^.;]{0,40}$", lead, G_REGEX_CASELESS))
          continue;
      }

      /* whose trip: "X, accompanied by" names X before the cue; "will
       * accompany Y" names Y after it; else the article's traveller */
      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          if (fronted && m->start >= cue_at && m->end <= cue_end)
            {
              leader = m->entity;
              break;
            }
          if (after && !fronted && m->start >= start && m->end <= cue_at)
            {
              leader = m->entity;
              break;
            }
          if (anywhere)
            continue;
          if (!after && m->start >= cue_end && m->start <= cue_end + 40 && m->end <= end)
            {
              leader = m->entity;
              break;
            }
        }
      for (guint t = 0; t < b->trips->len && leader != NULL; t++)
        {
          Trip *other = g_ptr_array_index (b->trips, t);

          if (other->person == leader && other->candidates->len > 0)
            trip = other;
        }
      if (trip == NULL)
        {
          for (guint t = 0; t < b->trips->len; t++)
            {
              Trip *other = g_ptr_array_index (b->trips, t);

              if (other->person == main)
                trip = other;
            }
        }
      if (trip == NULL)
        continue;

      /* the companions: the people named after "accompanied by" (to the
       * end of the clause), or before "will accompany" */
      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);
          g_autofree char *gap = NULL;

          if (m->entity == trip->person)
            continue;
          if (anywhere)
            {
              g_autofree char *head = NULL;
              g_autofree char *next = NULL;

              if (m->start < start || m->end > end)
                continue;
              head = slice (b, start, m->start);
              next = slice (b, m->end, MIN (end, m->end + 12));
              /* not the people met, nor the one who says so; but "to
               * join camp in X are A and B" names who goes */
              g_autofree char *listed = m->start >= cue_end ? slice (b, cue_end, m->start) : NULL;

              if (g_regex_match (object_regex, head, 0, NULL) && !joins_titles (b, start, head) &&
                  !(listed != NULL && re_match ("^[^.;]{0,40}?\\b(?:are|were|will be)[\\s;:,]*$", listed, 0)) &&
                  !re_match ("\\b(?:as well as|along with|together with|and)\\s+(?:[\\p{L}][\\w.’'-]*\\s+){0,6}$", head, G_REGEX_CASELESS))
                continue;
              if (re_match ("^(?:'s|’s|\\s*,?\\s*(?:said|says|told|added|announced))", next, G_REGEX_CASELESS) ||
                  re_match ("\\b(?:said|says|told|according to)\\s+(?:[\\p{L}][\\w.’'-]*\\s+){0,6}$", head, G_REGEX_CASELESS))
                continue;
            }
          else if (after)
            {
              if (m->start < cue_end || m->end > end)
                continue;
              gap = slice (b, cue_end, m->start);
              /* "comprises Dr. A, Foreign Minister, Ms. B", "A (H) and
               * B": honorifics and bracketed acronyms do not end the
               * list; "Travelling with the pontiff are A, prefect of
               * ...; B, president of ...; and C": nor do semicolons */
              if ((gap = without_list_marks (gap)) == NULL)
                continue;
              if (fronted && strchr (gap, ';') != NULL)
                {
                  g_autofree char *items = g_strdelimit (g_strdup (gap), ";", ',');

                  g_free (gap);
                  gap = g_steal_pointer (&items);
                }
              if (strpbrk (gap, ";:()") != NULL || strstr (gap, ". ") != NULL || g_utf8_strlen (gap, -1) > (fronted ? 400 : 200) ||
                  re_match ("\\b(?:who|which|where|when|but|except|although|though|while|whereas|to meet|met|meet|meets|with (?:the )?(?:president|king|queen|prime minister|leaders?))\\b", gap, G_REGEX_CASELESS))
                continue;
            }
          else
            {
              if (m->start < start || m->end > cue_at)
                continue;
              gap = slice (b, m->end, cue_at);
              /* "A, and the Director-General of the National Intelligence
               * Agency (NIA), B will be accompanying": an acronym in
               * brackets does not end the list */
              gap = without_list_marks (gap);
              if (gap == NULL || strpbrk (gap, ";:()") != NULL)
                continue;
            }
          travel_along (b, trip, m->entity);
        }

      /* "the entourage is composed of the following ministers:" and a
       * list, one person an item: the person each item starts with */
      if (after && memchr (text + ce, ':', strlen (text + ce)) != NULL)
        {
          g_autofree char *tail = slice (b, cue_end, end);

          if (!re_match ("^[^.;:\\p{Lu}]*:\\s*$", tail, 0) && !re_match ("^[^.;:]{0,40}:\\s*$", tail, 0))
            continue;
          for (guint s2 = s + 1; s2 < b->sentences->len && s2 <= s + 40; s2++)
            {
              NdTextSpan *item = &g_array_index (b->sentences, NdTextSpan, s2);
              const Mention *first = NULL;
              g_autofree char *lead = NULL;

              for (guint i = 0; i < b->people->len; i++)
                {
                  const Mention *m = &g_array_index (b->people, Mention, i);

                  if (m->start >= item->start && m->start < item->end &&
                      (first == NULL || m->start < first->start))
                    first = m;
                }
              if (first != NULL)
                lead = slice (b, item->start, first->start);
              /* ("Foreign Secretary Tomas Brandt": the item's title before the name) */
              if (first == NULL || !re_match ("^[\\s\\-–—•*\\d.)]*(?:(?:\\p{Lu}[\\w.’'-]*|of|for|the|and)\\s+){0,6}$", lead, 0))
                {
                  /* "Ana Lopes – Minister of Health;": a name the
                   * extraction missed, set off by a dash */
                  NdEntity *named = list_item_name (b, item);

                  if (named == NULL)
                    break;
                  travel_along (b, trip, named);
                  continue;
                }
              if (first->entity != trip->person)
                travel_along (b, trip, first->entity);
            }
        }
    }
}

/* "They", "the delegation": the people of the latest sentence (among
 * the eight before) that names three people or more */
static guint
find_group (Builder   *b,
            guint      sent_start,
            guint      cue_start,
            NdEntity **members,
            guint      max_members)
{
  g_autofree char *head = slice (b, sent_start, cue_start);

  if (!g_regex_match (group_regex, head, 0, NULL))
    return 0;

  /* "A and B will leave for X. They will then head to Y": the people
   * who travelled together in the last few sentences */
  if (b->n_group >= 2 && b->sentence >= b->group_sentence && b->sentence <= b->group_sentence + 4 &&
      !re_match ("\\b(?:delegations|leaders|ministers|presidents|heads of state|(?:three|four) )", head, G_REGEX_CASELESS))
    {
      guint n = MIN (b->n_group, max_members);

      memcpy (members, b->group, n * sizeof (NdEntity *));
      return n;
    }

  /* "the royal couple", "the pair": the two named together latest who
   * both travel */
  if (re_match ("\\bthe (?:(?:[\\w-]+ )?(?:couple|pair|duo)|royals)\\b", head, G_REGEX_CASELESS) && max_members >= 2)
    {
      /* "Prince X and his wife Y will tour Kenya ... the couple will
       * visit A": a couple are the two named together, travelling yet
       * or not (not "the couple's tour": a trip of theirs may be his
       * alone) */
      gboolean couple = re_match ("\\bthe (?:(?:[\\w-]+ )?couple|royals)\\b(?!['’]s)", head, G_REGEX_CASELESS);

      for (guint back = 1; back <= 8 && back <= b->sentence; back++)
        {
          NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, b->sentence - back);
          guint n = 0;
          gboolean all_travel = TRUE;
          const Mention *pair[2] = { NULL, NULL };

          for (guint i = 0; i < b->people->len && n <= 2; i++)
            {
              const Mention *m = &g_array_index (b->people, Mention, i);
              gboolean seen = FALSE;

              if (m->start < span->start || m->end > span->end)
                continue;
              for (guint j = 0; j < n; j++)
                seen |= members[j] == m->entity;
              if (seen)
                continue;
              if (n < 2)
                {
                  members[n] = m->entity;
                  pair[n] = m;
                }
              n++;
            }
          if (couple && n == 2 && joined (b, pair[0], pair[1]))
            return 2;
          for (guint j = 0; j < MIN (n, 2); j++)
            {
              gboolean travels = FALSE;

              for (guint t = 0; t < b->trips->len; t++)
                {
                  Trip *trip = g_ptr_array_index (b->trips, t);

                  if (trip->person != members[j])
                    continue;
                  for (guint c = 0; c < trip->candidates->len; c++)
                    travels |= !g_array_index (trip->candidates, Candidate, c).unordered;
                }
              all_travel &= travels;
            }
          if (n == 2 && all_travel)
            return 2;
        }
      return 0;
    }

  for (guint back = 1; back <= 8 && back <= b->sentence; back++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, b->sentence - back);
      guint n = 0;

      for (guint i = 0; i < b->people->len && n < max_members; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          if (m->start < span->start || m->end > span->end)
            continue;
          n = add_once (members, n, m->entity);
        }
      if (n >= 3)
        return n;
    }

  /* "Mayor X will lead a delegation to China ... They will arrive in
   * Beijing": the one who leads the group the article follows; when no
   * one travels yet ("X will fly out at the head of a delegation. The
   * delegation will visit A"), the subject of the sentence that says so
   * ("X, along with a delegation of party members, ...") */
  {
    NdEntity *leader = main_traveller (b);
    g_autofree char *before = slice (b, 0, sent_start);

    if (max_members < 1 || !g_regex_match (lead_regex, before, 0, NULL))
      return 0;
    for (guint k = 0; leader == NULL && k < b->sentence; k++)
      {
        NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, k);
        g_autofree char *text = slice (b, span->start, span->end);
        g_autoptr(GMatchInfo) info = NULL;
        int ls, le;
        guint lead_at;

        if (!g_regex_match (lead_regex, text, 0, &info))
          continue;
        g_match_info_fetch_pos (info, 0, &ls, &le);
        lead_at = span->start + g_utf8_pointer_to_offset (text, text + ls);
        for (guint i = 0; i < b->people->len; i++)
          {
            const Mention *m = &g_array_index (b->people, Mention, i);
            g_autofree char *lead_head = NULL;

            if (m->start < span->start || m->end > lead_at)
              continue;
            lead_head = slice (b, span->start, m->start);
            if (!g_regex_match (object_regex, lead_head, 0, NULL))
              leader = m->entity;
            break;
          }
      }
    if (leader != NULL)
      {
        members[0] = leader;
        return 1;
      }
  }
  return 0;
}

static guint
add_companions (Builder   *b,
                guint      from,
                guint      to,
                NdEntity **members,
                guint      n,
                guint      max_members)
{
  for (guint i = 0; i < b->people->len && n < max_members; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;

      if (m->start < from || m->end > to)
        continue;
      before = slice (b, from, m->start);
      if (!re_match ("\\bby\\b", before, 0))
        continue;
      n = add_once (members, n, m->entity);
    }
  return n;
}

/* "..., Hatay, and ...": the list goes on after `pos` */
static gboolean
continues_list (Builder *b,
                guint    pos,
                guint    end)
{
  g_autofree char *rest = slice (b, pos, MIN (end, pos + 12));

  return re_match ("^\\s*(?:,|\\band\\b|\\bthen\\b)", rest, G_REGEX_CASELESS);
}

/* "visited India in 2015" in an article of 2025: a past trip, when the
 * cue itself is in the past tense and an earlier year is close by */
static gboolean
names_earlier_year (Builder    *b,
                    const char *cue,
                    guint       sent_start,
                    guint       cue_start,
                    guint       cue_end,
                    guint       sent_end)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;

  if (b->year <= 0)
    return FALSE;
  /* "visited X in 2015", "traveled to the region once, visiting Ghana in 2009" */
  head = slice (b, sent_start, cue_start);
  if (!re_match ("^(?:visited|toured|traveled|travelled|went|flew)\\b", cue, G_REGEX_CASELESS) &&
      !re_match ("\\b(?:visited|toured|traveled|travelled|went|flew|made|paid)\\b", head, G_REGEX_CASELESS))
    return FALSE;
  text = slice (b, sent_start, MIN (sent_end, cue_end + 60));
  for (g_regex_match (year_regex, text, 0, &info); g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      g_autofree char *year = g_match_info_fetch (info, 0);

      if (atoi (year) < b->year)
        return TRUE;
    }
  return FALSE;
}

/* "Scholz's trip to Kyiv will come one week after his trip to
 * Washington": the key of the traveller's stop named earlier in the
 * sentence, before the cue; G_MAXDOUBLE when there is none */
static double
earlier_stop_key (Builder  *b,
                  NdEntity *person,
                  guint     sent_start,
                  guint     cue_start)
{
  double best = G_MAXDOUBLE;

  for (guint t = 0; t < b->trips->len; t++)
    {
      Trip *trip = g_ptr_array_index (b->trips, t);

      if (trip->person != person)
        continue;
      for (guint i = 0; i < b->places->len; i++)
        {
          const Mention *m = &g_array_index (b->places, Mention, i);

          if (m->start < sent_start || m->end > cue_start)
            continue;
          for (guint j = 0; j < trip->candidates->len; j++)
            {
              Candidate *c = &g_array_index (trip->candidates, Candidate, j);

              if (!c->unordered && c->stop->place_entity == m->entity)
                best = MIN (best, c->key);
            }
        }
    }
  return best;
}

/* The people a sentence names as its subjects (not objects, not
 * possessors, not `owner`), up to `max` */
static guint
sentence_subjects (Builder   *b,
                   guint      sentence,
                   NdEntity  *owner,
                   NdEntity **members,
                   guint      max)
{
  NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, sentence);
  const Mention *prev = NULL;
  guint n = 0;

  for (guint i = 0; i < b->people->len && n < max; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (m->start < span->start)
        continue;
      if (m->end > span->end)
        break;
      if (m->entity == owner)
        continue;
      after = slice (b, m->end, MIN (span->end, m->end + 3));
      if (g_str_has_prefix (after, "'s") || g_str_has_prefix (after, "’s"))
        continue;
      before = slice (b, span->start, m->start);
      if (g_regex_match (object_regex, before, 0, NULL) && !joins_titles (b, span->start, before) &&
          !g_regex_match (led_by_regex, before, 0, NULL))
        {
          g_autofree char *gap = prev != NULL ? slice (b, prev->end, m->start) : NULL;

          /* "Kushner and envoy Jason Greenblatt": with the member before */
          if (gap == NULL || !g_regex_match (coordinated_regex, gap, 0, NULL))
            break;
        }
      n = add_once (members, n, m->entity);
      prev = m;
    }
  return n;
}

/* "President X's Mideast team arrived in Egypt ... X's son-in-law Jared
 * Kushner and envoy Jason Greenblatt met ...": a team as the subject
 * travels as the people the sentences around name as its members (not
 * the one whose team it is); "the U.S. team" later is the same people */
static guint
find_team (Builder   *b,
           guint      sent_start,
           guint      cue_start,
           NdEntity **members,
           guint      max)
{
  g_autofree char *head = slice (b, sent_start, cue_start);
  g_autoptr(GMatchInfo) info = NULL;
  NdEntity *owner = NULL;
  guint n = 0;
  int ts, te;

  if (!g_regex_match (team_regex, head, 0, &info))
    return 0;
  g_match_info_fetch_pos (info, 0, &ts, &te);
  {
    guint team_at = sent_start + g_utf8_pointer_to_offset (head, head + ts);

    /* "X's team": X is no member */
    for (guint i = 0; i < b->people->len; i++)
      {
        const Mention *m = &g_array_index (b->people, Mention, i);

        if (m->end <= team_at && m->end + 1 >= team_at && m->start >= sent_start)
          owner = m->entity;
      }
  }

  if (b->n_team > 0)
    {
      for (guint i = 0; i < b->n_team && n < max; i++)
        if (b->team[i] != owner)
          members[n++] = b->team[i];
      return n;
    }

  /* "X's team": the next sentences, else the one before; "the
   * delegation": the sentence before, else the next ones */
  if (g_ascii_strncasecmp (head + ts, "the", 3) == 0 && b->sentence >= 1)
    n = sentence_subjects (b, b->sentence - 1, owner, members, max);
  for (guint k = 1; k <= 2 && n == 0 && b->sentence + k < b->sentences->len; k++)
    n = sentence_subjects (b, b->sentence + k, owner, members, max);
  if (n == 0 && b->sentence >= 1)
    n = sentence_subjects (b, b->sentence - 1, owner, members, max);
  for (guint i = 0; i < n && i < G_N_ELEMENTS (b->team); i++)
    b->team[i] = members[i];
  b->n_team = MIN (n, G_N_ELEMENTS (b->team));
  return n;
}

/* "The All Blacks left New Zealand for England ... under the same
 * captain, Richie McCaw, but a new head coach, Steve Hansen": a team,
 * band or orchestra named as the subject travels as the people the
 * article names as its captain, coach, conductor or players */
static guint
find_squad (Builder   *b,
            guint      sent_start,
            guint      cue_start,
            NdEntity **out,
            guint      max)
{
  static GRegex *member_regex;
  static gsize initialized;
  g_autofree char *head = slice (b, sent_start, cue_start);
  guint n = 0;

  if (!re_match ("^\\W*(?:The\\s+)?(?:\\p{Lu}[\\w'’.-]*\\s+){1,4}$", head, 0))
    return 0;
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);

      if (m->start >= sent_start && m->end <= cue_start)
        return 0;
    }
  if (g_once_init_enter (&initialized))
    {
      member_regex = g_regex_new ("\\b(?:captain|co-captain|vice-captain|skipper|(?:head |assistant )?coach|player|conductor|bandleader|frontman|frontwoman|lead singer|singer|guitarist|drummer|bassist)s?,?\\s+(?:[\\p{Lu}][\\w.’'-]*\\s+)*$",
                                  G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  for (guint i = 0; i < b->people->len && n < max; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = slice (b, m->start > 40 ? m->start - 40 : 0, m->start);

      /* (not "a former coach", "the rival team's captain") */
      if (!g_regex_match (member_regex, before, 0, NULL) ||
          re_match ("\\b(?:former|ex-|rival|opposing|late)\\b[^,.;]*$", before, G_REGEX_CASELESS))
        continue;
      n = add_once (out, n, m->entity);
    }
  return n;
}

/* Are the two people named one after the other in one list ("A and B",
 * "A, U.S. negotiator B")? */
static gboolean
joined (Builder       *b,
        const Mention *a,
        const Mention *next)
{
  g_autofree char *gap = NULL;

  if (next->start < a->end)
    return FALSE;
  gap = slice (b, a->end, next->start);
  return g_regex_match (coordinated_regex, gap, 0, NULL) || g_regex_match (listed_regex, gap, 0, NULL);
}

/* "Tillerson and Homeland Security Secretary John Kelly are headed to":
 * the people joined to the traveller by "and" right before the cue */
static guint
add_coordinated (Builder   *b,
                 NdEntity  *person,
                 guint      sent_start,
                 guint      cue_start,
                 NdEntity **travellers,
                 guint      n,
                 guint      max)
{
  guint first = G_MAXUINT, last = 0, at = G_MAXUINT;
  guint lo, hi;
  g_autofree char *rest = NULL;

  /* the people named in the sentence before the cue */
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);

      if (m->start < sent_start)
        continue;
      if (m->start >= cue_start)
        break;
      if (first == G_MAXUINT)
        first = i;
      last = i;
      if (at == G_MAXUINT && m->entity == person)
        at = i;
    }
  if (at == G_MAXUINT)
    return n;

  /* the list the traveller is in: "A, B and C", "A along with his wife,
   * B" */
#define JOINED(i) joined (b, &g_array_index (b->people, Mention, (i)), &g_array_index (b->people, Mention, (i) + 1))
  for (lo = at; lo > first && JOINED (lo - 1); lo--)
    ;
  for (hi = at; hi < last && JOINED (hi); hi++)
    ;
#undef JOINED
  if (lo < at)
    {
      g_autofree char *before = slice (b, sent_start, g_array_index (b->people, Mention, lo).start);

      if (g_regex_match (object_regex, before, 0, NULL) && !joins_titles (b, sent_start, before))
        lo = at;
    }
  if (lo == hi)
    return n;

  rest = slice (b, g_array_index (b->people, Mention, hi).end, cue_start);
  /* "A and B are headed to", "A and B will make a weeklong trip to" */
  if (!re_match ("^\\s*,?\\s*(?:(?:are|were|will|would|is|have|has|had|plan|plans|planned|to|be|been|also|both|then|later|now|jointly|together|each)\\s+)*"
                 "(?:(?:make|makes|made|making|pay|pays|paid|paying|undertake|undertakes|undertook|undertaking|begin|begins|began|beginning|start|starts|started|starting|embark(?:s|ed|ing)? on|set(?:s|ting)? (?:off|out) on|go(?:es|ing)? on|went on|on)"
                 "\\s+(?:a|an|the|their|his|her|its)\\s+(?:[\\w-]+\\s+){0,3})?$",
                 rest, G_REGEX_CASELESS))
    return n;
  for (guint i = lo; i <= hi && n < max; i++)
    {
      NdEntity *entity = g_array_index (b->people, Mention, i).entity;

      if (entity != person)
        n = add_once (travellers, n, entity);
    }
  return n;
}

/* Gives `companion`, who had no stops of their own, the ordered stops
 * of `trip` that the text from `start` to `end` tells, or whose place
 * it names after "in", "at", "to" ... */
static void
travel_named_stops (Builder    *b,
                    Trip       *trip,
                    NdEntity   *companion,
                    GHashTable *own,
                    guint       start,
                    guint       end)
{
  Trip *with = get_trip (b, companion);

  if (with == trip || g_hash_table_contains (own, companion))
    return;
  for (guint k = 0; k < trip->candidates->len; k++)
    {
      Candidate c = g_array_index (trip->candidates, Candidate, k);
      gboolean named = FALSE, seen = FALSE;

      if (c.unordered)
        continue;
      /* "X and Y arrived on Sunday" under a dateline: the stop the
       * sentence tells */
      named = c.stop->evidence_start >= start && c.stop->evidence_start < end;
      for (guint i = 0; i < b->places->len && !named; i++)
        {
          const Mention *m = &g_array_index (b->places, Mention, i);

          if (m->start < start || m->end > end || m->entity != c.stop->place_entity)
            continue;
          /* "arrived in A", "leaving A for B", "to A, B and C"; not
           * "officials of A" */
          {
            g_autofree char *head = slice (b, start, m->start);

            named = re_match ("\\b(?:in|at|to|for|into|via|towards?|visit|visits|visited|visiting|tour|toured|touring|"
                              "reach|reached|reaches|leave|leaves|leaving|left)\\s+(?:the\\s+)?"
                              "(?:[\\p{Lu}][\\w.’'-]*,?\\s+(?:and\\s+)?){0,8}$",
                              head, G_REGEX_CASELESS);
          }
        }
      for (guint j = 0; j < with->candidates->len && !seen; j++)
        seen = g_array_index (with->candidates, Candidate, j).stop == c.stop;
      if (!named || seen)
        continue;
      nd_stop_ref (c.stop);
      g_array_append_val (with->candidates, c);
    }
}

/* "Mandela and Graca Machel, his companion, were greeted ... in
 * Manila", "X and Y arrived in A": the people named together with a
 * traveller as the subject of a sentence that names one of the
 * traveller's stops travel with them to the stops that sentence names;
 * not when they "met" or "held talks" (one may be the host), nor when
 * the list is an object ("hosted A and B") */
static void
scan_cotravellers (Builder *b)
{
  g_autoptr(GHashTable) own = g_hash_table_new (NULL, NULL);

  for (guint t = 0; t < b->trips->len; t++)
    {
      Trip *trip = g_ptr_array_index (b->trips, t);

      if (trip->candidates->len > 0)
        g_hash_table_add (own, trip->person);
    }
  for (guint s = 0; s < b->sentences->len; s++)
    {
      NdTextSpan *span = &g_array_index (b->sentences, NdTextSpan, s);
      guint start = span->start, end = MIN (span->end, b->n_chars);
      guint first = G_MAXUINT, last = 0;

      if (end <= start || end - start > 800 || inside_table (b, start, end))
        continue;
      for (guint i = 0; i < b->people->len; i++)
        {
          const Mention *m = &g_array_index (b->people, Mention, i);

          if (m->start < start)
            continue;
          if (m->end > end)
            break;
          if (first == G_MAXUINT)
            first = i;
          last = i;
        }
      if (first == G_MAXUINT || first == last)
        continue;
      for (guint t = 0; t < b->trips->len; t++)
        {
          Trip *trip = g_ptr_array_index (b->trips, t);
          guint at = G_MAXUINT, lo, hi;

          if (!g_hash_table_contains (own, trip->person))
            continue;
          for (guint i = first; i <= last && at == G_MAXUINT; i++)
            if (g_array_index (b->people, Mention, i).entity == trip->person)
              at = i;
          if (at == G_MAXUINT)
            continue;
#define JOINED(i) joined (b, &g_array_index (b->people, Mention, (i)), &g_array_index (b->people, Mention, (i) + 1))
          for (lo = at; lo > first && JOINED (lo - 1); lo--)
            ;
          for (hi = at; hi < last && JOINED (hi); hi++)
            ;
#undef JOINED
          if (lo == hi)
            continue;
          {
            g_autofree char *before = slice (b, start, g_array_index (b->people, Mention, lo).start);
            g_autofree char *rest = slice (b, g_array_index (b->people, Mention, hi).end, end);

            if (g_regex_match (object_regex, before, 0, NULL) && !joins_titles (b, start, before))
              continue;
            /* "A and B met in Geneva": B may be the host */
            if (re_match ("^(?:\\s*,[^,]{0,80},)?\\s*(?:(?:have|has|had|will|would|to|also|then|later)\\s+)*"
                          "(?:met|meet|meets|meeting|held talks|hold talks|talked|talk|spoke|speak|discussed|discuss|"
                          "agreed|signed|hosted|host|welcomed|welcome|received|receive|greeted|greet)\\b",
                          rest, G_REGEX_CASELESS) ||
                g_str_has_prefix (rest, "'s") || g_str_has_prefix (rest, "’s"))
              continue;
          }
          for (guint i = lo; i <= hi; i++)
            {
              const Mention *m = &g_array_index (b->people, Mention, i);
              g_autofree char *after = slice (b, m->end, MIN (end, m->end + 2));

              if (m->entity == trip->person || g_str_has_prefix (after, "'s") || g_str_has_prefix (after, "’s"))
                continue;
              travel_named_stops (b, trip, m->entity, own, start, end);
            }
        }
    }
}

/* The country a person is of, by a demonym right before a mention of
 * their name, with only titles between ("Cuban President Fidel
 * Castro", "The British Prime Minister, Margaret Thatcher", "Soviet
 * leader Mikhail Gorbachev"), or NULL */
static const char *
home_country (Builder  *b,
              NdEntity *person)
{
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *before = NULL;
      g_autoptr(GMatchInfo) info = NULL;

      if (m->entity != person)
        continue;
      before = slice (b, m->start > 50 ? m->start - 50 : 0, m->start);
      /* (within the sentence: the name's own titles) */
      for (char *p = before; *p != '\0'; p++)
        if (*p == '\n' || *p == ';' || *p == ':' || ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' '))
          memmove (before, p + 1, strlen (p + 1) + 1), p = before - 1;
      if (re_search ("\\b(\\p{Lu}[\\p{L}-]+)(?:\\s+(?:[\\p{Lu}][\\w.’'-]*|" TITLE_WORDS ")){1,4},?\\s*$", before, 0, &info))
        {
          g_autofree char *span = g_match_info_fetch (info, 0);
          g_auto(GStrv) words = g_regex_split_simple ("[\\s,]+", span, 0, 0);

          /* "The British Prime Minister": any of the capitalised words */
          for (guint w = 0; words[w] != NULL; w++)
            {
              g_autofree char *key = NULL;
              const char *country;

              if (!g_unichar_isupper (g_utf8_get_char (words[w])) ||
                  (key = nd_extract_key_dup (words[w], -1)) == NULL)
                continue;
              country = nd_gazetteer_lookup_demonym (nd_gazetteer_get_default (), key);
              if (country != NULL)
                return country;
            }
        }
    }
  return NULL;
}

/* The country of the place a stop is at, or NULL */
static const char *
stop_country (const Candidate *c)
{
  return c->stop->place_entity != NULL ? nd_entity_get_country (c->stop->place_entity) : NULL;
}

/* "In Beijing, Scholz will meet Xi": a place put first, then a traveller
 * already on the move doing something there; the clause may start
 * inside the sentence (", and, in Rio, he will attend"), from
 * `clause_start` */
/* "X has left Kathmandu today for Geneva, wrapping up a visit to Nepal",
 * "X left the South Korean capital of Seoul late Tuesday, ending a
 * week-long tour": the place left as a trip ends was one of its stops */
static void
scan_left_place (Builder *b,
                 guint    sent_start,
                 guint    sent_end)
{
  static GRegex *left_regex;
  static gsize initialized;
  const char *bytes = b->body + b->byte_at[sent_start];
  gsize n_bytes = b->byte_at[sent_end] - b->byte_at[sent_start];
  g_autofree char *text = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  int vs, ve;
  guint verb_start, verb_end;
  const Mention *place = NULL;
  NdEntity *person;
  g_autoptr(NdStop) stop = NULL;
  gboolean ending, abroad = FALSE;

  if (g_once_init_enter (&initialized))
    {
      left_regex = g_regex_new ("\\b(?:left|leaves|leaving|departed|departs|departing)\\s",
                                G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  /* the words of a trip's end first, or "for" after "left": most
   * sentences have none */
  ending = bytes_hold (bytes, n_bytes, "ending ") || bytes_hold (bytes, n_bytes, "wrapping up ") ||
           bytes_hold (bytes, n_bytes, "concluding ") || bytes_hold (bytes, n_bytes, "winding up ") ||
           bytes_hold (bytes, n_bytes, "completing ");
  if (!ending && !(bytes_hold (bytes, n_bytes, " for ") &&
                   (bytes_hold (bytes, n_bytes, "left ") || bytes_hold (bytes, n_bytes, "leaving ") ||
                    bytes_hold (bytes, n_bytes, "departed ") || bytes_hold (bytes, n_bytes, "departing ") ||
                    bytes_hold (bytes, n_bytes, "leaves ") || bytes_hold (bytes, n_bytes, "departs "))))
    return;
  text = slice (b, sent_start, sent_end);
  if (!g_regex_match (left_regex, text, 0, &info))
    return;
  g_match_info_fetch_pos (info, 0, &vs, &ve);
  verb_start = sent_start + g_utf8_pointer_to_offset (text, text + vs);
  verb_end = sent_start + g_utf8_pointer_to_offset (text, text + ve);
  for (guint i = 0; i < b->places->len; i++)
    {
      const Mention *m = &g_array_index (b->places, Mention, i);
      g_autofree char *gap = NULL;
      g_autofree char *rest = NULL;

      if (m->start < verb_end)
        continue;
      if (m->start > verb_end + 60 || m->end > sent_end)
        break;
      gap = slice (b, verb_end, m->start);
      if (!re_match ("^\\s*(?:the\\s+)?$", gap, 0) && !g_regex_match (descriptor_gap_regex, gap, 0, NULL))
        continue;
      rest = slice (b, m->end, sent_end);
      if (ending && re_match ("^[^;:()]*?,\\s*(?:\\w+\\s+){0,2}?(?:ending|wrapping up|concluding|winding up|completing)\\s+(?:his|her|their|its|a|an|the)\\b", rest, 0))
        place = m;
      /* "before leaving Zimbabwe for Malawi": the place left is a stop
       * of one who is abroad there (not "left Auckland for London" of a
       * New Zealander, nor one whose home is not known) */
      else if (re_match ("^\\s+(?:on \\w+ |this \\w+ |\\w+day )?for\\s", rest, 0))
        {
          place = m;
          abroad = TRUE;
        }
      break;
    }
  if (place == NULL)
    return;
  person = find_traveller (b, sent_start, verb_start, sent_end);
  /* "before leaving Zimbabwe for Malawi, Mrs Thatcher declined": the
   * subject after the clause */
  if (person == NULL && abroad)
    for (guint i = 0; i < b->people->len; i++)
      {
        const Mention *m = &g_array_index (b->people, Mention, i);
        g_autofree char *gap = NULL;

        if (m->start < place->end)
          continue;
        if (m->end > sent_end)
          break;
        gap = slice (b, place->end, m->start);
        if (re_match ("^[^,.;:]*,\\s*(?:[\\p{Lu}][\\w.’'-]*\\s+|" TITLE_WORDS "\\s+)*$", gap, 0))
          person = m->entity;
        break;
      }
  if (person == NULL)
    return;
  if (abroad)
    {
      const char *home = home_country (b, person);

      if (home == NULL || nd_entity_get_country (place->entity) == NULL ||
          g_strcmp0 (home, nd_entity_get_country (place->entity)) == 0)
        return;
    }
  stop = stop_new_at (b, place, find_date (b, sent_start, place->end, sent_end),
                      sent_start, sent_end);
  /* before where it leaves for ("for Geneva"); else after the stops
   * the sentence tells of ("ending a tour during which he visited A") */
  {
    g_autofree char *after = slice (b, place->end, sent_end);

    double key = re_match ("^[^,;]{0,40}\\bfor\\s", after, 0) ? place->start : sent_end - 1;
    Trip *trip = get_trip (b, person);

    /* "leaving Zimbabwe for Malawi" after a stop in Blantyre: before
     * the stops in the country it leaves for */
    if (abroad)
      for (guint i = 0; i < b->places->len; i++)
        {
          const Mention *to = &g_array_index (b->places, Mention, i);

          if (to->start <= place->end)
            continue;
          if (to->start > place->end + 30 || to->end > sent_end)
            break;
          /* (a stop there may be read later, as one of a dateline or a
           * heading, "Blantyre, Malawi": before every mention of the
           * country it leaves for) */
          for (guint j = 0; j < b->places->len && nd_entity_get_country (to->entity) != NULL; j++)
            {
              const Mention *there = &g_array_index (b->places, Mention, j);

              if (there->start >= to->start)
                break;
              if (g_strcmp0 (nd_entity_get_country (there->entity), nd_entity_get_country (to->entity)) == 0)
                {
                  key = MIN (key, (double) there->start - 0.5);
                  break;
                }
            }
          for (guint k = 0; k < trip->candidates->len; k++)
            {
              const Candidate *c = &g_array_index (trip->candidates, Candidate, k);

              if (!c->unordered && nd_entity_get_country (to->entity) != NULL &&
                  g_strcmp0 (stop_country (c), nd_entity_get_country (to->entity)) == 0)
                key = MIN (key, c->key - 0.5);
            }
          break;
        }
    trip_add (trip, stop, key, FALSE, FALSE);
  }
}

static void
scan_fronted_place (Builder *b,
                    guint    sent_start,
                    guint    clause_start,
                    guint    sent_end)
{
  g_autofree char *text = slice (b, clause_start, MIN (sent_end, clause_start + 160));
  g_autoptr(GMatchInfo) info = NULL;
  const Mention *place = NULL;
  NdEntity *person = NULL;
  int cs, ce;
  guint comma;
  Trip *trip;
  g_autoptr(NdStop) stop = NULL;

  /* "Today in Argentina, he ...", "And in Brazil over the weekend,
   * he ...", "Then in the provincial capital of Goma, he ..." */
  if (!re_match ("^\\s*(?:(?:[Aa]nd|[Tt]hen|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ater|[Nn]ext|[Aa]fterwards|[Oo]n \\p{Lu}\\w+(?: \\d{1,2})?),?\\s+)?(?:[Ww]hile )?[Ii]n (?:the (?:[\\p{L}-]+ ){0,4}?(?:capital|city|town|port|resort|island|village) of )?\\p{Lu}", text, 0) ||
      !re_match ("^[^,]{2,50},\\s+(?:\\S+\\s+){0,6}?(?:will|would|is (?:to|set to|expected to|scheduled to|due to|slated to)|plans? to|planned to|was to|met|meets|held|holds|toured|tours|visited|visits|laid|lays|attended|attends|signed|signs|spoke|speaks|addressed|addresses|delivered|delivers|received|receives|opened|opens|inaugurated|inaugurates|unveiled|talked|scheduled)\\b",
                             text, 0) ||
      !re_match ("^[^,]{2,50}(,)", text, 0))
    return;
  {
    const char *c = strchr (text, ',');

    comma = clause_start + g_utf8_pointer_to_offset (text, c);
  }
  for (guint i = 0; i < b->places->len; i++)
    {
      const Mention *m = &g_array_index (b->places, Mention, i);

      if (m->start >= clause_start && m->end <= comma)
        {
          g_autofree char *after = slice (b, m->end, comma);

          /* "in Brazil over the weekend," */
          if (re_match ("^\\s*(?:(?:on|over|this|next|later|early|late|during)\\b[^,]{0,25})?(?:,.*)?$", after, 0))
            place = m;
          /* "in the North Kivu provincial capital of Goma," */
          else if (re_match ("^[^,]{0,40}\\b(?:capital|city|town|port|resort|island|village) of\\s+$", after, 0))
            continue;
          break;
        }
    }
  if (place == NULL)
    return;
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      g_autofree char *gap = NULL;

      if (m->start < comma)
        continue;
      gap = slice (b, comma, m->start);
      if (re_match ("^,\\s*(?:(?:the|[\\p{Lu}][\\w.'’-]*)\\s+){0,4}$", gap, 0))
        person = m->entity;
      break;
    }
  if (person == NULL)
    {
      g_autofree char *rest = slice (b, comma, MIN (sent_end, comma + 40));

      if (g_regex_match (pronoun_regex, rest, 0, &info))
        {
          g_match_info_fetch_pos (info, 0, &cs, &ce);
          if (cs <= 4)
            person = main_traveller (b);
        }
    }
  if (person == NULL || trip_length (b, person) == 0)
    return;

  stop = stop_new_at (b, place, find_date (b, sent_start, place->end, sent_end),
                      sent_start, sent_end);
  trip = get_trip (b, person);
  trip_add (trip, stop, place->start, FALSE, FALSE);
}

/* A stop found in the sentence being read: who, where, and where the
 * text names it */
typedef struct
{
  NdEntity *person;
  NdEntity *place;
  guint     start;
  guint     end;
} Found;

/* The traveller's candidate for a place: the same place, else the
 * country it lies in or the city that took the country's place */
static Candidate *
find_candidate (Builder  *b,
                NdEntity *person,
                NdEntity *place)
{
  Trip *trip = NULL;

  for (guint i = 0; i < b->trips->len && trip == NULL; i++)
    if (((Trip *) g_ptr_array_index (b->trips, i))->person == person)
      trip = g_ptr_array_index (b->trips, i);
  if (trip == NULL)
    return NULL;
  for (guint i = 0; i < trip->candidates->len; i++)
    {
      Candidate *c = &g_array_index (trip->candidates, Candidate, i);

      if (c->stop->place_entity == place)
        return c;
    }
  for (guint i = 0; i < trip->candidates->len; i++)
    {
      Candidate *c = &g_array_index (trip->candidates, Candidate, i);
      NdEntity *other = c->stop->place_entity;

      if (other != NULL && nd_entity_get_country (place) != NULL &&
          g_strcmp0 (nd_entity_get_country (other), nd_entity_get_country (place)) == 0 &&
          (is_country (place) || is_country (other)))
        return c;
    }
  return NULL;
}

/* A key an order cue may move: not a past visit, a table row, or a stop
 * a "first stop" or "final stop" put at an end */
static gboolean
movable (const Candidate *c)
{
  return c != NULL && !c->unordered && !c->from_table && c->key > -1e8 && c->key < 1e8;
}

/* Order cues inside one sentence, between the stops it names for one
 * traveller. A clause put first ("After his stop in Egypt, Kishida will
 * visit Ghana and Kenya"; "Before arriving in Nigeria, he visited
 * Senegal") puts the stops of the main clause right after or right
 * before its stop. Else a cue between two stops ("Bali before he flies
 * to Canberra", "Guam en route to Jakarta", "to Ukraine via Poland",
 * "arrived in Bujumbura from Kenya") orders them when the keys found so
 * far (often from a list of the whole tour earlier on) disagree; the
 * stop that moves is the one this sentence tells of, with the list it
 * belongs to. */
static void
order_sentence (Builder *b,
                GArray  *found,
                guint    sent_start,
                guint    sent_end)
{
  g_autofree char *text = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  gboolean anchor_after = FALSE;
  guint comma = G_MAXUINT;

  text = slice (b, sent_start, sent_end);
  if (found->len == 0)
    return;
  if (g_regex_match (anchor_regex, text, 0, &info))
    {
      int as, ae;

      anchor_after = g_match_info_fetch_named_pos (info, "after", &as, &ae) && as >= 0;
      for (const char *p = text; *p; p = g_utf8_next_char (p))
        if (*p == ',')
          {
            comma = sent_start + g_utf8_pointer_to_offset (text, p);
            break;
          }
    }

  for (guint i = 0; i < found->len; i++)
    {
      Found *fi = &g_array_index (found, Found, i);
      NdEntity *person = fi->person;
      g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Found));
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= g_array_index (found, Found, j).person == person;
      if (seen)
        continue;
      for (guint j = i; j < found->len; j++)
        {
          Found *fj = &g_array_index (found, Found, j);
          gboolean dup = FALSE;

          if (fj->person != person)
            continue;
          for (guint k = 0; k < list->len; k++)
            dup |= g_array_index (list, Found, k).place == fj->place;
          if (!dup)
            g_array_append_val (list, *fj);
        }
      /* "Prior to his US visit, Xi will visit A, B and C": the clause
       * put first names a stop told before, not found again here */
      if (comma != G_MAXUINT && list->len >= 1 && g_array_index (list, Found, 0).start > comma)
        for (guint k = 0; k < b->places->len; k++)
          {
            const Mention *m = &g_array_index (b->places, Mention, k);

            if (m->start >= comma)
              break;
            if (m->start < sent_start || m->end > comma)
              continue;
            if (find_candidate (b, person, m->entity) != NULL)
              {
                Found f = { person, m->entity, m->start, m->end };

                g_array_prepend_val (list, f);
                break;
              }
          }
      if (list->len < 2)
        continue;

      if (comma != G_MAXUINT && g_array_index (list, Found, 0).end <= comma &&
          g_array_index (list, Found, list->len - 1).start > comma)
        {
          guint first_main = 0;
          Candidate *anchor;
          double base;
          guint moved = 0;

          while (first_main < list->len && g_array_index (list, Found, first_main).start < comma)
            first_main++;
          anchor = find_candidate (b, person,
                                   g_array_index (list, Found, anchor_after ? first_main - 1 : 0).place);
          if (anchor == NULL || anchor->unordered)
            continue;
          base = anchor->key;
          for (guint j = first_main; j < list->len; j++)
            {
              Candidate *c = find_candidate (b, person, g_array_index (list, Found, j).place);

              if (c == anchor || !movable (c))
                continue;
              if (anchor_after)
                c->key = base + 1e-5 * ++moved;
              else
                c->key = base - 0.5 + 1e-5 * moved++;
            }
          continue;
        }

      for (guint j = 0; j + 1 < list->len; j++)
        {
          Found *x = &g_array_index (list, Found, j);
          Found *y = &g_array_index (list, Found, j + 1);
          g_autofree char *gap = slice (b, x->end, y->start);
          Candidate *cx = find_candidate (b, person, x->place);
          Candidate *cy = find_candidate (b, person, y->place);

          if (cx == NULL || cy == NULL || cx == cy || cx->unordered || cy->unordered)
            continue;
          if (g_regex_match (follows_regex, gap, 0, NULL))
            {
              /* y and the places listed with it come before x */
              if (cy->key > cx->key && movable (cy))
                {
                  double base = cx->key - 0.5;
                  guint n = 0;

                  for (guint k = j + 1; k < list->len; k++)
                    {
                      Candidate *c = find_candidate (b, person, g_array_index (list, Found, k).place);
                      g_autofree char *between = k > j + 1
                        ? slice (b, g_array_index (list, Found, k - 1).end, g_array_index (list, Found, k).start)
                        : NULL;

                      if (between != NULL &&
                          (!g_regex_match (gap_regex, between, 0, NULL) ||
                           g_regex_match (precedes_regex, between, 0, NULL) ||
                           g_regex_match (follows_regex, between, 0, NULL)))
                        break;
                      if (movable (c) && c != cx)
                        c->key = base + 0.001 * n++;
                    }
                }
            }
          else if (g_regex_match (precedes_regex, gap, 0, NULL))
            {
              /* x and the places listed before it come before y */
              if (cx->key > cy->key && movable (cx))
                {
                  guint k = j + 1;

                  while (k > 1)
                    {
                      g_autofree char *between = slice (b, g_array_index (list, Found, k - 2).end,
                                                        g_array_index (list, Found, k - 1).start);

                      if (!g_regex_match (gap_regex, between, 0, NULL) ||
                          g_regex_match (precedes_regex, between, 0, NULL) ||
                          g_regex_match (follows_regex, between, 0, NULL))
                        break;
                      k--;
                    }
                  for (guint n = 0; k - 1 + n <= j; n++)
                    {
                      Candidate *c = find_candidate (b, person, g_array_index (list, Found, k - 1 + n).place);

                      if (movable (c) && c != cy)
                        c->key = cy->key - 0.5 + 0.001 * n;
                    }
                }
            }
        }
    }
}

/* Whether a place mention starts in [start, end) (b->places is by start) */
static gboolean
names_place (Builder *b,
             guint    start,
             guint    end)
{
  guint lo = 0, hi = b->places->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (b->places, Mention, mid).start < start)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < b->places->len && g_array_index (b->places, Mention, lo).start < end;
}

/* "visit Tesla's Shanghai factory", "tour the company's Austin
 * plant": a site in the place, named by its owner */
static gboolean
names_site (Builder    *b,
            const char *gap,
            guint       place_end,
            guint       sent_end)
{
  g_autofree char *next = NULL;

  if (!re_match ("^\\s*(?:the\\s+)?(?:[\\p{Lu}][\\w&.-]*|company|group|firm|carmaker|automaker)['’]s\\s+$", gap, 0))
    return FALSE;
  next = slice (b, place_end, MIN (sent_end, place_end + 20));
  return re_match ("^\\s+(?:factory|factories|plant|plants|headquarters|campus|offices?|site|facility|facilities|base|mine|port|hub|operations)\\b",
                   next, 0);
}

/* Whether a cue can start at the word at `p` (which is not preceded by a
 * letter or digit) */
static gboolean
may_start_cue (const char *text,
               const char *p)
{
  /* "meetand": any word after "and " */
  return word_starts_has (&cue_starts, p) ||
         (p - text >= 4 && g_ascii_strncasecmp (p - 4, "and ", 4) == 0);
}

/* The first cue of `text` that starts at byte `from` or after, as
 * g_regex_match_full() with `cue_regex` would find it; NULL if none */
static GMatchInfo *
next_cue (const char *text,
          gsize       from)
{
  for (const char *p = text + from; *p != '\0'; p++)
    {
      GMatchInfo *info = NULL;

      if (!starts_word (text, p) || !may_start_cue (text, p))
        continue;

      if (g_regex_match_full (cue_at_regex, text, -1, p - text, 0, &info, NULL))
        return info;
      g_match_info_free (info);
    }

  return NULL;
}

/* The next cue after the one `info` holds; frees `info` */
static GMatchInfo *
next_cue_after (const char *text,
                GMatchInfo *info)
{
  int start, end;

  g_match_info_fetch_pos (info, 0, &start, &end);
  g_match_info_free (info);
  return next_cue (text, MAX (end, start + 1));
}

/* With ND_CHECK_CUES: that next_cue() finds what `cue_regex` does */
static void
check_next_cue (const char *text)
{
  g_autoptr(GMatchInfo) full = NULL;
  GMatchInfo *fast = next_cue (text, 0);

  for (g_regex_match (cue_regex, text, 0, &full); g_match_info_matches (full); g_match_info_next (full, NULL))
    {
      int fs, fe, s = -1, e = -1;

      g_match_info_fetch_pos (full, 0, &fs, &fe);
      if (fast != NULL)
        g_match_info_fetch_pos (fast, 0, &s, &e);
      if (s != fs || e != fe)
        g_error ("next_cue() found %d-%d, the full search %d-%d, in: %s", s, e, fs, fe, text);
      fast = next_cue_after (text, fast);
    }
  if (fast != NULL)
    {
      int s, e;

      g_match_info_fetch_pos (fast, 0, &s, &e);
      g_error ("next_cue() found %d-%d, the full search nothing more, in: %s", s, e, text);
    }
}

static void
scan_sentence (Builder *b,
               guint    sent_start,
               guint    sent_end)
{
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  gboolean past, final, first, trip_said;
  guint consumed = sent_start;
  g_autoptr(GArray) found = NULL;
  NdEntity *last[8];
  guint n_last = 0;
  gboolean last_meet = FALSE;  /* the stops found last were "meet Y in X" */

  /* every stop a sentence gives is a place it names, or the dateline's:
   * most sentences of an article name none, and the cues are not read */
  if (b->dateline == NULL && !names_place (b, sent_start, sent_end))
    return;

  text = slice (b, sent_start, sent_end);
  lower = g_ascii_strdown (text, -1);
  past = (holds_any (lower, past_words) && g_regex_match (past_regex, text, 0, NULL)) ||
         says_past_clause (lower, text);
  trip_said = holds_any (lower, trip_words);
  final = trip_said && g_regex_match (final_regex, text, 0, NULL);
  first = trip_said && g_regex_match (first_regex, text, 0, NULL);
  found = g_array_new (FALSE, FALSE, sizeof (Found));

  if (check_cues)
    check_next_cue (text);
  for (info = next_cue (text, 0); info != NULL; info = next_cue_after (text, g_steal_pointer (&info)))
    {
      int bs, be;
      guint cue_start, cue_end, from;
      const Mention *prev = NULL;
      NdEntity *person;
      g_autofree char *lead = NULL;
      g_autofree char *cue = NULL;
      gboolean after = FALSE, bare, tight, from_cue, fronted, companions, cue_past, done, then_known;
      double then_key = 0;
      NdEntity *travellers[8];
      guint n_travellers;
      int gs, ge;
      Trip *trip;
      guint n_found = 0;

      g_match_info_fetch_pos (info, 0, &bs, &be);
      cue_start = sent_start + g_utf8_pointer_to_offset (text, text + bs);
      cue_end = sent_start + g_utf8_pointer_to_offset (text, text + be);
      if (cue_start < consumed)
        continue;
      cue = g_match_info_fetch (info, 0);
      /* "his tour that has taken him to Italy": stops of this trip
       * before the ones told so far */
      {
        g_autofree char *upto = slice (b, sent_start, cue_end);

        done = re_match ("\\b(?:trip|tour|journey|swing)s?\\b[^.;]{0,40}\\b(?:(?:has|have|had) (?:already |so far |also )?(?:taken|brought|led)|(?:already |so far |also )?(?:took|brought|led)) (?:him|her|them) to\\s*$",
                         upto, G_REGEX_CASELESS);
      }
      cue_past = past || names_earlier_year (b, cue, sent_start, cue_start, cue_end, sent_end);
      /* "Last fall, Obama's trip to Turkey ..." */
      if (!cue_past)
        {
          g_autofree char *before = slice (b, cue_start > sent_start + 60 ? cue_start - 60 : sent_start, cue_start);

          cue_past = re_match ("\\blast (?:fall|autumn|spring|summer|winter|year|week|month|weekend|january|february|march|april|may|june|july|august|september|october|november|december)\\b",
                                           before, G_REGEX_CASELESS);
        }
      /* "He made a brief visit last week to Gaza": a visit told as done
       * before */
      if (!cue_past && strstr (lower, "last ") != NULL && strstr (cue, "isit") != NULL &&
          re_match ("^(?:state |official |working |brief |surprise |first )?visit\\b", cue, G_REGEX_CASELESS))
        {
          g_autofree char *rest = slice (b, cue_end, MIN (sent_end, cue_end + 30));

          cue_past = re_match ("^\\s*(?:last (?:week|month|year|weekend)|earlier this (?:week|month|year))\\b", rest, G_REGEX_CASELESS);
        }
      /* "after traveling to X and Y earlier this month" */
      if (!cue_past && re_match ("^(?:visited|toured|traveled|travelled|went|flew)\\b|^(?:after|before) (?:traveling|travelling|visiting|touring)",
                                 cue, G_REGEX_CASELESS))
        {
          g_autofree char *rest = slice (b, cue_end, MIN (sent_end, cue_end + 120));

          cue_past = re_match ("^[^.;]*\\b(?:earlier this (?:week|month|year)|last (?:week|month|year))\\b", rest, G_REGEX_CASELESS);
        }
      /* "arrived in Hanoi, the latest stop of a tour ... She visited
       * Jakarta and Manila earlier in the week", "... met X in Jeddah,
       * then flew to Doha": stops of this trip told afterwards in the
       * past, before the ones told so far */
      if (b->latest_stop && sent_start > b->latest_at &&
          re_match ("^(?:visited|toured|traveled|travelled|went|flew|stopped|met|held|landed|arrived)\\b", cue, G_REGEX_CASELESS))
        {
          g_autofree char *rest = slice (b, cue_end, MIN (sent_end, cue_end + 120));

          if (re_match ("^[^.;]*\\b(?:earlier (?:this|in the) (?:week|month)|earlier (?:on|in) (?:the |this |her |his |their )?(?:tour|trip|journey|week))\\b", rest, G_REGEX_CASELESS) ||
              (b->latest && !cue_past &&
               !re_match ("\\b(?:will|would|shall|is to|are to|plans?|planned|scheduled|expected|due)\\b", text, G_REGEX_CASELESS)))
            {
              cue_past = FALSE;
              done = TRUE;
            }
        }
      bare = g_ascii_strcasecmp (cue, "in ") == 0 || g_ascii_strcasecmp (cue, "to ") == 0;
      /* "held talks ... in X": the place right after */
      tight = bare || (g_match_info_fetch_named_pos (info, "activity", &gs, &ge) && gs >= 0) ||
              (g_match_info_fetch_named_pos (info, "meetin", &gs, &ge) && gs >= 0);

      /* negated trips: "will not travel to", "cancelled his visit to",
       * in the cue's own clause */
      from = cue_start > sent_start + 40 ? cue_start - 40 : sent_start;
      lead = slice (b, from, cue_start);
      {
        const char *p = lead, *cut = lead;

        for (; *p; p = g_utf8_next_char (p))
          if (strchr (",;:", *p) != NULL)
            cut = p + 1;
        if (g_regex_match (negation_regex, cut, 0, NULL))
          continue;
      }
      /* "would be arrested if he ever visited X": a condition; "asked
       * if he would like to return the call and visit X" too */
      if (re_match ("\\bif\\s+(?:[\\w’'-]+\\s+){1,3}$", lead, G_REGEX_CASELESS))
        continue;
      if (strstr (text, " if ") != NULL || strstr (text, " whether ") != NULL)
        {
          g_autofree char *clause = slice (b, cue_start > sent_start + 90 ? cue_start - 90 : sent_start, cue_start);

          if (re_match ("\\b(?:if|whether)\\s+(?:he|she|they|it|you|we|i)\\s+(?:would|could|might|should|will|can|may)\\s+(?:[\\w’'-]+\\s+){0,10}$", clause, G_REGEX_CASELESS))
            continue;
        }
      from_cue = g_match_info_fetch_named_pos (info, "from", &gs, &ge) && gs >= 0;
      fronted = from_cue && cue_start <= sent_start + 2 && re_match ("^\\W*(?:from|after|following)\\b", cue, G_REGEX_CASELESS);
      if (g_regex_match (after_regex, lead, 0, NULL) || g_str_has_prefix (cue, "after") || from_cue)
        after = TRUE;

      /* "and Z in Y" right after "will meet X in W": the same travellers */
      if (g_match_info_fetch_named_pos (info, "meetand", &gs, &ge) && gs >= 0)
        {
          if (!last_meet || n_last == 0 || consumed > cue_start || cue_start > consumed + 8)
            continue;
          person = last[0];
          memcpy (travellers, last, n_last * sizeof (NdEntity *));
          n_travellers = n_last;
          bare = FALSE;
          tight = TRUE;
          companions = FALSE;
          goto have_travellers;
        }
      companions = g_match_info_fetch_named_pos (info, "with", &gs, &ge) && gs >= 0;
      /* "A, B and C met X in Jeddah, then flew to Doha": the same
       * travellers as the cue before */
      if (n_last > 0 && consumed > sent_start && consumed <= cue_start)
        {
          g_autofree char *between = slice (b, consumed, cue_start);

          if (re_match ("^[\\s,]*(?:and\\s+)?(?:then|later|afterwards|next)\\s+$", between, G_REGEX_CASELESS))
            {
              person = last[0];
              memcpy (travellers, last, n_last * sizeof (NdEntity *));
              n_travellers = n_last;
              goto have_travellers;
            }
        }
      person = find_traveller (b, sent_start, cue_start, sent_end);
      /* "Arafat told reporters that the PLO's Political Department
       * would stay in Tunis": the one speaking is not the subject of
       * what is said, which names no one */
      if (person != NULL && strstr (text, "that ") != NULL &&
          (strstr (text, "said") != NULL || strstr (text, "told") != NULL || strstr (text, "says") != NULL ||
           strstr (text, "announced") != NULL || strstr (text, "added") != NULL || strstr (text, "stated") != NULL))
        {
          g_autofree char *upto = slice (b, sent_start, cue_start);
          g_autoptr(GMatchInfo) said = NULL;

          if (re_search ("\\b(?:said|says|told [\\w ]{1,30}?|announced|added|stated)\\s+(?:\\w+\\s+){0,3}?that\\s+(the\\s[^\\n]{3,100}|[\\p{Lu}][^\\n]{3,100}|about [^\\n]{3,100})$", upto, 0, &said))
            {
              int ss, se;
              guint subject_at;
              gboolean named = FALSE;
              g_autofree char *subject = g_match_info_fetch (said, 1);

              g_match_info_fetch_pos (said, 1, &ss, &se);
              subject_at = sent_start + g_utf8_strlen (upto, ss);
              for (guint i = 0; i < b->people->len && !named; i++)
                {
                  const Mention *m = &g_array_index (b->people, Mention, i);

                  named = m->start >= subject_at && m->end <= cue_start;
                }
              if (!named && !g_regex_match (pronoun_regex, subject, 0, NULL) &&
                  !g_regex_match (group_regex, subject, 0, NULL) &&
                  !re_match ("\\b(?:team|party|entourage|squad|officials|aides)\\b", subject, G_REGEX_CASELESS))
                continue;
            }
        }
      /* "The last visit to Cuba was by Soviet leader Mikhail Gorbachev":
       * the one named after "by" */
      if (strstr (text, " by ") != NULL && strstr (cue, "isit") != NULL && re_match ("^(?:\\w+ )?visit", cue, G_REGEX_CASELESS))
        {
          g_autofree char *rest = slice (b, cue_end, sent_end);
          g_autoptr(GMatchInfo) by = NULL;

          if (re_search ("^[^.;:]{0,60}?\\b(?:was|were|is|will be|would be)\\s+(?:made\\s+|paid\\s+)?by\\s+", rest, 0, &by))
            {
              int ys, ye;
              guint at;

              g_match_info_fetch_pos (by, 0, &ys, &ye);
              at = cue_end + g_utf8_strlen (rest, ye);
              for (guint i = 0; i < b->people->len; i++)
                {
                  const Mention *m = &g_array_index (b->people, Mention, i);

                  g_autofree char *gap = NULL;

                  if (m->start < at || m->end > sent_end)
                    continue;
                  /* "by ex-Soviet leader Mikhail Gorbachev" */
                  gap = slice (b, at, m->start);
                  if (re_match ("^(?:the\\s+)?(?:[\\p{Lu}][\\w.’'-]*\\s+|[\\w-]+-[\\w-]+\\s+|(?:former|late|then|ex)\\s+|" TITLE_WORDS "\\s+){0,5}$", gap, 0))
                    person = m->entity;
                  break;
                }
            }
        }
      /* "The Duke and Duchess will visit India for a tour starting in
       * Mumbai": a later cue of the sentence with no one new named
       * before it is the same travellers' */
      if (person != NULL && n_last > 1 && consumed > sent_start && consumed <= cue_start)
        {
          gboolean among = FALSE, named = FALSE;

          for (guint k = 0; k < n_last; k++)
            among |= last[k] == person;
          for (guint i = 0; i < b->people->len && among; i++)
            {
              const Mention *m = &g_array_index (b->people, Mention, i);

              named |= m->start >= consumed && m->end <= cue_start;
            }
          if (among && !named)
            {
              memcpy (travellers, last, n_last * sizeof (NdEntity *));
              n_travellers = n_last;
              goto have_travellers;
            }
        }
      if (fronted && (person == NULL || cue_start == sent_start))
        person = fronted_from_subject (b, cue_end, sent_end);
      /* (else it counts as a bare "in X" does: with a date after X) */
      if (person != NULL && g_match_info_fetch_named_pos (info, "meetin", &gs, &ge) && gs >= 0 &&
          get_trip (b, person)->candidates->len == 0)
        bare = TRUE;
      /* "During the visit, Abe is to meet the leaders of": the one
       * named in the cue, or "he" */
      if (person == NULL && g_match_info_fetch_named_pos (info, "meet", &gs, &ge) && gs >= 0)
        {
          for (guint i = 0; i < b->people->len && person == NULL; i++)
            {
              const Mention *m = &g_array_index (b->people, Mention, i);

              if (m->start >= cue_start && m->end <= cue_end)
                person = m->entity;
            }
          if (person == NULL && re_match ("\\b(?:he|she)\\b", cue, G_REGEX_CASELESS))
            person = b->last_traveller != NULL ? b->last_traveller : main_traveller (b);
        }
      if (person != NULL)
        {
          travellers[0] = person;
          n_travellers = add_coordinated (b, person, sent_start, cue_start, travellers, 1,
                                          G_N_ELEMENTS (travellers));
        }
      else if ((person = trip_subject (b, sent_start, cue_start, sent_end)) != NULL)
        {
          travellers[0] = person;
          n_travellers = 1;
          /* "The Duke and Duchess will arrive in Belize ... The trip
           * concludes with a visit to X": the pair travelling together
           * of late, when the trip's traveller is one of them */
          if (b->n_group > 1 && b->sentence <= b->group_sentence + 4)
            {
              gboolean among = FALSE;

              for (guint k = 0; k < b->n_group; k++)
                among |= b->group[k] == person;
              if (among)
                {
                  memcpy (travellers, b->group, b->n_group * sizeof (NdEntity *));
                  n_travellers = b->n_group;
                }
            }
        }
      else if ((n_travellers = find_group (b, sent_start, cue_start, travellers, G_N_ELEMENTS (travellers))) == 0 &&
               (n_travellers = find_team (b, sent_start, cue_start, travellers, G_N_ELEMENTS (travellers))) == 0)
        n_travellers = find_squad (b, sent_start, cue_start, travellers, G_N_ELEMENTS (travellers));
    have_travellers:
      /* "he will be joined in Juba by X and by Y": they come too */
      if (companions)
        n_travellers = add_companions (b, cue_end, sent_end, travellers, n_travellers,
                                       G_N_ELEMENTS (travellers));
      if (n_travellers == 0)
        continue;
      if (n_travellers >= 2)
        {
          b->n_group = MIN (n_travellers, G_N_ELEMENTS (b->group));
          memcpy (b->group, travellers, b->n_group * sizeof (NdEntity *));
          b->group_sentence = b->sentence;
        }

      /* the stops of a tour "that has taken him to A and B" go, in
       * their order, before the earliest one known when the first of
       * them is read */
      /* "Motegi will visit Singapore ... Motegi visited Britain for
       * four days through Saturday": a visit told in the simple past by
       * someone whose trip is all to come is one before it */
      if (!cue_past && !done && n_travellers == 1 &&
          re_match ("^(?:visited|toured|traveled|travelled|went|flew)\\b", cue, G_REGEX_CASELESS))
        {
          Trip *own = get_trip (b, travellers[0]);
          g_autofree char *head = slice (b, sent_start, cue_start);

          if (own->told && own->future && !b->latest_stop &&
              !re_match ("\\b(?:will|would|shall|has|have|had|is|are|then|later|after|before)\\b", head, G_REGEX_CASELESS))
            cue_past = TRUE;
        }
      {
        g_autofree char *head = slice (b, cue_start > sent_start + 60 ? cue_start - 60 : sent_start, cue_start);
        gboolean to_come = re_match ("\\b(?:will|shall|is to|are to|plans? to|is set to|are set to|is scheduled to|is expected to|is due to)\\b", head, G_REGEX_CASELESS);

        for (guint t = 0; !cue_past && t < n_travellers; t++)
          {
            Trip *own = get_trip (b, travellers[t]);

            own->future = (own->told ? own->future : TRUE) && to_come;
            own->told = TRUE;
          }
      }

      /* "... fly to Rome. Then, he will leave Rome and travel to
       * L'Aquila": right after the stop told last, before the rest of an
       * overview of the whole tour */
      then_known = FALSE;
      if (!done && !from_cue && !after && n_travellers == 1)
        {
          g_autofree char *head = slice (b, sent_start, cue_start);

          if (re_match ("^\\W*(?:then|afterwards|after that|from there)\\b", head, G_REGEX_CASELESS))
            {
              Trip *own = get_trip (b, travellers[0]);

              then_known = own->has_told;
              then_key = own->told_key;
            }
        }

      /* "a trip from Nigeria to Ghana and Senegal": the first stop too */
      if (g_match_info_fetch_named_pos (info, "fromto", &gs, &ge) && gs >= 0)
        cue_end = sent_start + g_utf8_pointer_to_offset (text, text + ge);

      for (guint t = 0; done && t < n_travellers; t++)
        {
          Trip *own = get_trip (b, travellers[t]);

          if (!own->has_base)
            own->has_base = first_key (b, travellers[t], &own->base);
        }

      for (guint i = 0; i < b->places->len; i++)
        {
          const Mention *m = &g_array_index (b->places, Mention, i);
          g_autofree char *gap = NULL;
          g_autoptr(NdStop) stop = NULL;
          double key;

          if (m->start < cue_end || m->end > sent_end)
            continue;
          gap = prev == NULL && tight
            ? slice (b, cue_end, m->start)
            : gap_without_dates (b, prev != NULL ? prev->end : cue_end, m->start);
          if (prev == NULL && tight &&
              !re_match ("^\\s*(?:the\\s+)?$", gap, G_REGEX_CASELESS) &&
              (bare || !g_regex_match (place_gap_regex, gap, 0, NULL)))
            break;
          if (prev == NULL && !tight && (m->start - cue_end > 60 ||
                                         (!g_regex_match (gap_regex, gap, 0, NULL) &&
                                          !g_regex_match (place_gap_regex, gap, 0, NULL) &&
                                          !g_regex_match (descriptor_gap_regex, gap, 0, NULL) &&
                                          !names_site (b, gap, m->end, sent_end))))
            break;
          /* "Berlin on Monday after visiting Warsaw": the next cue tells
           * the order; so it does in "a trip to the region after
           * traveling to X" */
          if (prev == NULL && !tight && re_match ("\\b(?:after|before|following)\\b", gap, G_REGEX_CASELESS))
            break;
          if (prev != NULL && re_match ("\\b(?:after|before|following)\\b", gap, G_REGEX_CASELESS))
            break;
          /* "South Africa, where she will open the summit, and
           * Mozambique": a clause said of the stop before does not end
           * the list */
          if (prev != NULL && (m->start - prev->end > 40 ||
                               (!g_regex_match (gap_regex, gap, 0, NULL) &&
                                !g_regex_match (descriptor_gap_regex, gap, 0, NULL))) &&
              !(m->start - prev->end <= 200 &&
                re_match ("^\\s*,\\s*(?:where|which)\\s[^;:.()]{0,180}?,\\s*(?:and|as well as)\\s+(?:the\\s+)?$", gap, 0)))
            break;

          /* "China in November, and the U.S. trade deficit", "a visit
           * by a U.S. president": a place naming a noun after it is no
           * stop; the list ends there, or the first stop comes later ("a
           * stay in the West Coast technology hub of Seattle") */
          /* "... and Cote d'Ivoire from Jan. 13-18, China's foreign
           * ministry said": a possessor ends a list */
          if (prev != NULL)
            {
              g_autofree char *next = slice (b, m->end, MIN (sent_end, m->end + 2));

              if (g_str_has_prefix (next, "'s") || g_str_has_prefix (next, "’"))
                break;
            }
          /* "... from November 19 to 26, the Vatican announced": who
           * says so ends a list */
          if (prev != NULL)
            {
              g_autofree char *next = slice (b, m->end, MIN (sent_end, m->end + 24));

              if (re_match ("^\\s+(?:has |had |have )?(?:announced|announces|said|says|confirmed|confirms|stated|states|added|reported|reports|told)\\b", next, 0))
                break;
            }
          /* "his visit to Moscow's ex-Cold War ally": the place owns what
           * is visited, which is elsewhere ("China's capital" is not) */
          if (prev == NULL && !tight)
            {
              g_autofree char *next = slice (b, m->end, MIN (sent_end, m->end + 24));

              if (re_match ("^['’]s\\s+(?:[\\w-]+\\s+){0,2}(?:ally|allies|neighbou?rs?|rivals?|enemy|enemies|partners?|foes?|adversary|adversaries)\\b", next, 0))
                break;
            }
          if (!tight)
            {
              g_autofree char *next = slice (b, m->end, MIN (sent_end, m->end + 20));

              if (re_match ("^\\s+(?:president|presidents|officials?|forces|troops|soldiers|government|administration|military|army|navy|embassy|ambassador|envoy|delegation|leaders?|trade|economy|economic|market|markets|companies|firms|media|border|technology|team|people|citizens|nationals|police|court|parliament|lawmakers|security|defen[cs]e|nuclear|missiles?|oil|gas|counterparts?|authorities|side|policy|interests|allies|ties|relations|dollar|debt|deficit|sanctions|tariffs|industry|banks?|stocks?)\\b",
                                        next, 0))
                {
                  if (prev != NULL)
                    break;
                  continue;
                }
            }

          /* "Tel Aviv, Israel", "Biloxi, Mississippi": where the place
           * just named lies, not another stop */
          /* "Ouagadougou in Burkina Faso": the same */
          /* ("Jericho in the West Bank": an area written with "the") */
          if (prev != NULL && re_match ("^\\s+in\\s+(?:the\\s+)?$", gap, G_REGEX_CASELESS) &&
              nd_entity_get_country (m->entity) != NULL &&
              g_strcmp0 (nd_entity_get_country (m->entity), nd_entity_get_country (prev->entity)) == 0 &&
              (is_country (m->entity) || region_holds (m->entity, prev->entity) ||
               re_match ("\\bthe\\s+$", gap, G_REGEX_CASELESS)))
            {
              prev = m;
              continue;
            }
          if (prev != NULL &&
              re_match ("^\\s*,\\s*(?:(?:the )?(?:capital|city|country|state|province|region) of (?:the )?|the )?$", gap, G_REGEX_CASELESS) &&
              nd_entity_get_country (m->entity) != NULL &&
              g_strcmp0 (nd_entity_get_country (m->entity), nd_entity_get_country (prev->entity)) == 0 &&
              (is_country (m->entity) || region_holds (m->entity, prev->entity) ||
               g_str_has_suffix (gap, "the ") || !continues_list (b, m->end, sent_end)))
            {
              prev = m;
              continue;
            }

          /* "talks that focus on North Korea's belligerence": a topic */
          if (prev == NULL && tight && g_str_has_suffix (cue, " on"))
            {
              g_autofree char *next = slice (b, m->end, MIN (sent_end, m->end + 3));

              if (g_str_has_prefix (next, "'s") || g_str_has_prefix (next, "’s"))
                break;
            }

          /* a bare "in X" counts only with a date right after the place,
           * and not where someone spoke ("said in Berlin on Monday") */
          if (bare &&
              re_match ("\\b(?:said|says|told|announced|confirmed|stated|added|noted|reported|conference|briefing|statement|interview)\\s+(?:\\w+\\s+)?$",
                                    lead, G_REGEX_CASELESS))
            break;
          if (bare)
            {
              const Mention *date = find_date (b, m->end, m->end, MIN (sent_end, m->end + 30));
              g_autofree char *between = date != NULL ? slice (b, m->end, date->start) : NULL;

              if (date == NULL ||
                  !re_match ("^\\s*(?:on|in|this|last|next|early|late)?\\s*$", between, G_REGEX_CASELESS))
                break;
              /* "talks in Istanbul in March 2022": a month of a year
               * (an earlier one, or with no day) is no stop of this trip */
              {
                g_autofree char *when = slice (b, date->start, date->end);
                g_autoptr(GMatchInfo) year = NULL;

                if (g_regex_match (year_regex, when, 0, &year))
                  {
                    g_autofree char *digits = g_match_info_fetch (year, 0);

                    if ((b->year > 0 && atoi (digits) < b->year) || month_day_of (when) < 0)
                      break;
                  }
              }
            }

          /* "a stop at Peace Memorial Park in Hiroshima": a site the
           * gazetteer lacks, in a place it knows, is a stop there */
          if (!nd_entity_has_coordinates (m->entity) && i + 1 < b->places->len)
            {
              const Mention *in = &g_array_index (b->places, Mention, i + 1);

              if (in->start >= m->end && in->end <= sent_end && nd_entity_has_coordinates (in->entity))
                {
                  g_autofree char *between = slice (b, m->end, in->start);

                  if (re_match ("^\\s*,?\\s*(?:in|at|near|outside)\\s+(?:the\\s+)?$", between, G_REGEX_CASELESS))
                    {
                      m = in;
                      i++;
                    }
                }
            }

          stop = nd_stop_new (NULL);
          nd_stop_set_place_entity (stop, m->entity);
          name_as_written (b, stop, m);
          {
            const Mention *date = find_date (b, sent_start, m->end, sent_end);

            /* "a trip starting Tuesday to A, B and C": the date before
             * a list is the first stop's */
            if (prev != NULL && date != NULL && date->start < prev->start)
              date = NULL;
            set_when (stop, b, date);
          }
          stop->purpose = find_purpose (b, m->end, sent_end);
          stop->evidence_start = sent_start;
          stop->evidence_end = sent_end;

          key = m->start;
          if (done)
            key = m->start;  /* each traveller's below */
          else if (from_cue && fronted)
            key = m->start;  /* "From A, she flew to B": in the text's order */
          else if (from_cue && n_travellers == 1 && last_key (b, travellers[0], &key))
            key = key - 0.5 + n_found * 0.01;
          else if (then_known)
            key = then_key + 0.001 * (n_found + 1);
          else if (after)
            {
              double before_key = earlier_stop_key (b, travellers[0], sent_start, cue_start);

              /* "He came here after concluding his state visit to
               * Uruguay": before the stop told last */
              if (before_key == G_MAXDOUBLE)
                {
                  g_autofree char *head = slice (b, sent_start, cue_start);
                  Trip *own = get_trip (b, travellers[0]);
                  guint latest = 0;

                  /* (the place told latest, not a region: "the fourth
                   * leg of his tour of Latin America") */
                  if (re_match ("\\b(?:came|comes|come|arrived|arrives|flew|landed|got) here\\b", head, G_REGEX_CASELESS))
                    for (guint c = 0; c < own->candidates->len; c++)
                      {
                        const Candidate *told = &g_array_index (own->candidates, Candidate, c);

                        if (!told->unordered && !is_region_stop (told) && told->stop->evidence_start < sent_start &&
                            told->stop->evidence_start >= latest)
                          {
                            latest = told->stop->evidence_start;
                            before_key = told->key;
                          }
                      }
                }
              key = (before_key < G_MAXDOUBLE ? before_key : (double) sent_start) - 0.5 + n_found * 0.01;
            }
          else if (final && !cue_past)
            key = 1e9 + m->start;
          /* "is returning to South Africa": the trip's end, after the
           * stops told after it ("... was about to board a plane in
           * Nashville") */
          else if (!cue_past && prev == NULL && g_ascii_strncasecmp (cue, "return", 6) == 0 &&
                   re_match ("^return(?:s|ed|ing)? (?:home )?to\\b", cue, G_REGEX_CASELESS))
            key = 1e9 + m->start;
          else if (first && !cue_past)
            key = -1e9 + m->start;

          for (guint t = 0; t < n_travellers; t++)
            {
              Found f = { travellers[t], m->entity, m->start, m->end };

              trip = get_trip (b, travellers[t]);
              trip_add (trip, stop, done && trip->has_base ? trip->base - 1 + trip->n_back++ * 0.01 : key,
                        cue_past, FALSE);
              /* where the stop went (maybe into a stop in its country) */
              for (guint c = 0; !cue_past && c < trip->candidates->len; c++)
                {
                  const Candidate *told = &g_array_index (trip->candidates, Candidate, c);

                  if (told->stop == stop || same_place (told->stop, stop))
                    {
                      trip->has_told = TRUE;
                      trip->told_key = told->key;
                      break;
                    }
                }
              g_array_append_val (found, f);
            }
          if (n_travellers == 1)
            b->last_traveller = person;
          prev = m;
          consumed = m->end;
          n_found++;
        }
      if (n_found > 0)
        {
          n_last = MIN (n_travellers, G_N_ELEMENTS (last));
          memcpy (last, travellers, n_last * sizeof (NdEntity *));
          last_meet = (g_match_info_fetch_named_pos (info, "meetin", &gs, &ge) && gs >= 0) ||
                      (g_match_info_fetch_named_pos (info, "meetand", &gs, &ge) && gs >= 0);
        }
    }

  /* "... Malaysia, the first president to visit since Lyndon Johnson
   * traveled there in 1966": a past visit to the place named before
   * "there" in the sentence */
  if (holds_any (lower, there_words))
    {
      g_autoptr(GMatchInfo) there = NULL;

      for (g_regex_match (there_regex, text, 0, &there); g_match_info_matches (there); g_match_info_next (there, NULL))
        {
          g_autoptr(GMatchInfo) year = NULL;
          g_autoptr(NdStop) stop = NULL;
          g_autofree char *when = NULL;
          const Mention *place = NULL;
          NdEntity *person;
          int ts, te;
          guint at, end;

          g_match_info_fetch_pos (there, 0, &ts, &te);
          at = sent_start + g_utf8_pointer_to_offset (text, text + ts);
          end = sent_start + g_utf8_pointer_to_offset (text, text + te);
          when = g_match_info_fetch (there, 1);
          if (!g_regex_match (year_regex, when, 0, &year))
            continue;
          {
            g_autofree char *digits = g_match_info_fetch (year, 0);
            g_autofree char *head = slice (b, sent_start, at);

            /* an earlier year, or "the first ... since X went there" */
            if (atoi (digits) >= b->year && !re_match ("\\bsince\\b", head, G_REGEX_CASELESS))
              continue;
          }
          for (guint i = 0; i < b->places->len; i++)
            {
              const Mention *m = &g_array_index (b->places, Mention, i);

              g_autofree char *next = NULL;

              if (m->start < sent_start || m->end > at)
                continue;
              /* "the first US president": no place the text is at */
              next = slice (b, m->end, MIN (at, m->end + 2));
              if (!re_match ("^\\s\\p{Ll}", next, 0))
                place = m;
            }
          if (place == NULL || (person = find_traveller (b, sent_start, at, sent_end)) == NULL)
            continue;
          stop = stop_new_at (b, place, find_date (b, end, end, sent_end),
                              sent_start, sent_end);
          trip_add (get_trip (b, person), stop, at, TRUE, FALSE);
        }
    }

  /* "Rice, who flew here", "Obama arrived on Sunday afternoon": the
   * place of the dateline */
  if (b->dateline != NULL)
    {
      g_autoptr(GMatchInfo) here = NULL;

      if (holds_any (lower, here_words) && g_regex_match (here_regex, text, 0, &here))
        {
          int vs, ve;
          guint verb_start;
          NdEntity *person;

          g_match_info_fetch_pos (here, 0, &vs, &ve);
          verb_start = sent_start + g_utf8_pointer_to_offset (text, text + vs);
          person = find_traveller (b, sent_start, verb_start, sent_end);
          /* "talks with Condoleezza Rice, who flew here" */
          for (guint i = 0; i < b->people->len; i++)
            {
              const Mention *m = &g_array_index (b->people, Mention, i);
              g_autofree char *gap = NULL;

              if (m->start < sent_start || m->end > verb_start)
                continue;
              gap = slice (b, m->end, verb_start);
              if (re_match ("^,\\s*who\\s+(?:\\w+\\s+)?$", gap, 0))
                person = m->entity;
            }
          if (person != NULL)
            {
              g_autoptr(NdStop) stop = nd_stop_new (NULL);

              nd_stop_set_place_entity (stop, b->dateline->entity);
              name_as_written (b, stop, b->dateline);
              set_when (stop, b, find_date (b, verb_start, verb_start, sent_end));
              stop->evidence_start = sent_start;
              stop->evidence_end = sent_end;
              trip_add (get_trip (b, person), stop, verb_start, past, FALSE);
              b->last_traveller = person;
            }
        }
    }

  order_sentence (b, found, sent_start, sent_end);
}

typedef struct
{
  guint start;
  guint end;
} Cell;

static GArray *
split_row (Builder *b,
           guint    start,
           guint    end)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  guint cell_start = start;

  for (guint i = start; i <= end; i++)
    {
      if (i == end || b->body[b->byte_at[i]] == '|')
        {
          Cell cell = { cell_start, i };

          while (cell.start < cell.end && g_ascii_isspace (b->body[b->byte_at[cell.start]]))
            cell.start++;
          while (cell.end > cell.start && g_ascii_isspace (b->body[b->byte_at[cell.end - 1]]))
            cell.end--;
          /* a leading "|" and the end of "a | b |" make no cell */
          if (i != start && !(i == end && cell.start == cell.end))
            g_array_append_val (cells, cell);
          cell_start = i + 1;
        }
    }
  return cells;
}

static gboolean
header_matches (const char *cell,
                const char *pattern)
{
  return re_match (pattern, cell, G_REGEX_CASELESS);
}

static NdEntity *
most_mentioned_person (Builder *b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  NdEntity *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, m->entity)) + 1;

      g_hash_table_insert (counts, m->entity, GUINT_TO_POINTER (count));
      if (count > best_count)
        {
          best = m->entity;
          best_count = count;
        }
    }
  return best;
}

static NdEntity *
traveller_before (Builder *b,
                  guint    pos)
{
  NdEntity *found = NULL;
  guint found_pos = 0;

  for (guint i = 0; i < b->trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b->trips, i);

      for (guint j = 0; j < trip->candidates->len; j++)
        {
          Candidate *c = &g_array_index (trip->candidates, Candidate, j);

          if (c->stop->evidence_start < pos && c->stop->evidence_start >= found_pos)
            {
              found = trip->person;
              found_pos = c->stop->evidence_start;
            }
        }
    }
  return found != NULL ? found : most_mentioned_person (b);
}

static void
scan_table (Builder *b,
            NdBlock *block)
{
  g_autoptr(GArray) header = NULL;
  int when_col = -1, place_col = -1, purpose_col = -1, country_col = -1;
  NdEntity *person;
  Trip *trip = NULL;
  guint line_start = block->start;
  gboolean first_line = TRUE;

  for (guint pos = block->start; pos <= block->end; pos++)
    {
      g_autoptr(GArray) cells = NULL;
      guint line_end;
      g_autofree char *line = NULL;

      if (pos < block->end && b->body[b->byte_at[pos]] != '\n')
        continue;
      line_end = pos;
      cells = split_row (b, line_start, line_end);
      line = slice (b, line_start, line_end);
      line_start = pos + 1;

      if (cells->len == 0 || re_match ("^[\\s|:\\-]*$", line, 0))
        continue;

      if (first_line)
        {
          first_line = FALSE;
          header = g_array_ref (cells);
          for (guint i = 0; i < header->len; i++)
            {
              Cell *cell = &g_array_index (header, Cell, i);
              g_autofree char *text = slice (b, cell->start, cell->end);

              if (when_col < 0 && header_matches (text, "\\b(day|days|date|dates|when|time|schedule)\\b"))
                when_col = i;
              else if (header_matches (text, "\\b(location|locations|city|cities|place|places|destination|destinations|stop|stops|venue|venues|where)\\b"))
                {
                  /* a city column says more than a country column */
                  if (place_col < 0 || country_col == place_col)
                    place_col = i;
                }
              else if (place_col < 0 && header_matches (text, "\\b(country|countries|region)\\b"))
                place_col = country_col = i;
              else if (purpose_col < 0 && header_matches (text, "(focus|purpose|engagement|agenda|activit|meeting|event|program|objective|goal|topic|highlight|plan|reason|business|what|details|notes|description|talks)"))
                purpose_col = i;
            }
          if (when_col < 0 || place_col < 0)
            return;
          person = traveller_before (b, block->start);
          if (person == NULL)
            return;
          trip = get_trip (b, person);
          /* the table is the schedule: it replaces what prose said */
          for (guint i = 0; i < trip->candidates->len; )
            {
              Candidate *c = &g_array_index (trip->candidates, Candidate, i);

              if (!c->from_table && !c->unordered)
                {
                  nd_stop_unref (c->stop);
                  g_array_remove_index (trip->candidates, i);
                }
              else
                i++;
            }
          continue;
        }

      if ((guint) place_col >= cells->len || (guint) when_col >= cells->len)
        continue;

      {
        Cell *place_cell = &g_array_index (cells, Cell, place_col);
        Cell *when_cell = &g_array_index (cells, Cell, when_col);
        g_autoptr(NdStop) stop = NULL;
        const Mention *place = NULL;
        const Mention *date;

        /* "Paris, then the Hautes-Pyrénées": one stop per place, but
         * not the country of the place before ("Tel Aviv, Israel") */
        for (guint i = 0; i < b->places->len; i++)
          {
            const Mention *m = &g_array_index (b->places, Mention, i);

            if (m->start < place_cell->start || m->end > place_cell->end)
              continue;
            if (place != NULL &&
                nd_entity_get_country (m->entity) != NULL &&
                g_strcmp0 (nd_entity_get_country (m->entity), nd_entity_get_country (place->entity)) == 0 &&
                nd_entity_get_country (place->entity) != NULL &&
                g_strcmp0 (nd_entity_get_name (m->entity), nd_entity_get_name (place->entity)) != 0 &&
                m->start - place->end <= 2)
              continue;
            if (stop != NULL)
              {
                stop->evidence_start = line_end - (guint) g_utf8_strlen (line, -1);
                stop->evidence_end = line_end;
                trip_add (trip, stop, 1e6 + line_end - 0.5 + place->start * 1e-7, FALSE, TRUE);
                g_clear_pointer (&stop, nd_stop_unref);
              }
            place = m;
            stop = nd_stop_new (NULL);
            nd_stop_set_place_entity (stop, place->entity);
            name_as_written (b, stop, place);
            stop->when = slice (b, when_cell->start, when_cell->end);
            date = find_date (b, when_cell->start, when_cell->start, when_cell->end);
            if (date != NULL)
              stop->when_date = g_strdup (nd_entity_get_value (date->entity));
            if (purpose_col >= 0 && (guint) purpose_col < cells->len)
              {
                Cell *cell = &g_array_index (cells, Cell, purpose_col);

                if (cell->end > cell->start)
                  stop->purpose = slice (b, cell->start, cell->end);
              }
          }
        if (place == NULL)
          {
            g_autofree char *text = slice (b, place_cell->start, place_cell->end);
            char *comma = strchr (text, ',');

            if (comma != NULL)
              *comma = '\0';
            g_strstrip (text);
            if (*text == '\0')
              continue;
            stop = nd_stop_new (text);
          }

        if (stop->when == NULL)
          {
            stop->when = slice (b, when_cell->start, when_cell->end);
            date = find_date (b, when_cell->start, when_cell->start, when_cell->end);
            if (date != NULL)
              stop->when_date = g_strdup (nd_entity_get_value (date->entity));
            if (purpose_col >= 0 && (guint) purpose_col < cells->len)
              {
                Cell *cell = &g_array_index (cells, Cell, purpose_col);

                if (cell->end > cell->start)
                  stop->purpose = slice (b, cell->start, cell->end);
              }
          }
        stop->evidence_start = line_end - (guint) g_utf8_strlen (line, -1);
        stop->evidence_end = line_end;
        trip_add (trip, stop, 1e6 + line_end, FALSE, TRUE);
      }
    }
}

static int
day_number (const char *when)
{
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *digits = NULL;

  if (when == NULL || !g_regex_match (day_regex, when, 0, &info))
    return -1;
  digits = g_match_info_fetch (info, 1);
  return atoi (digits);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  return (ca->key > cb->key) - (ca->key < cb->key);
}

typedef int (*RankFunc) (const Candidate *c,
                         gpointer         data);

/* Reorders the stops that have a rank among the places they hold, by
 * rank (stable); the others stay where they are */
static void
sort_slots (GArray   *cands,
            RankFunc  rank,
            gpointer  data)
{
  for (guint i = 1; i < cands->len; i++)
    {
      Candidate moving = g_array_index (cands, Candidate, i);
      int r = rank (&moving, data);
      guint hole = i;

      if (r < 0)
        continue;
      /* insertion sort over the ranked slots only */
      for (guint j = i; j > 0; j--)
        {
          Candidate *x = &g_array_index (cands, Candidate, j - 1);
          int rx = rank (x, data);

          if (rx < 0)
            continue;
          if (rx <= r)
            break;
          g_array_index (cands, Candidate, hole) = *x;
          hole = j - 1;
        }
      g_array_index (cands, Candidate, hole) = moving;
    }
}

/* The month and day a "when" names without a year ("Friday, 5 May",
 * "March 23", "the 4th of July") as month * 100 + day, or -1 */
static int
month_day_of (const char *when)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };
  static GRegex *regex;
  static gsize initialized = 0;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;
  int d;

  if (g_once_init_enter (&initialized))
    {
      regex = g_regex_new ("\\b(?:(?<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(?<d1>\\d{1,2})(?:st|nd|rd|th)?\\b"
                           "|(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b)",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE | G_REGEX_DUPNAMES, 0, NULL);
      g_once_init_leave (&initialized, 1);
    }
  if (when == NULL || !g_regex_match (regex, when, 0, &info))
    return -1;
  month = g_match_info_fetch_named (info, "m1");
  day = g_match_info_fetch_named (info, "d1");
  if (month == NULL || *month == '\0')
    {
      g_free (month);
      g_free (day);
      month = g_match_info_fetch_named (info, "m2");
      day = g_match_info_fetch_named (info, "d2");
    }
  if (month == NULL || day == NULL)
    return -1;
  d = atoi (day);
  if (d < 1 || d > 31)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (month, months[i], 3) == 0)
      return (int) (i + 1) * 100 + d;
  return -1;
}

/* "YYYY-MM-DD" as a number; a date without a year ("Friday, 5 May")
 * in the year `data` gives (the trip's or the article's); else -1 */
static int
date_rank (const Candidate *c,
           gpointer         data)
{
  const char *d = c->stop->when_date;
  int month_day;

  if (d != NULL && strlen (d) == 10)
    return atoi (d) * 10000 + atoi (d + 5) * 100 + atoi (d + 8);
  if (d != NULL || (month_day = month_day_of (c->stop->when)) < 0)
    return -1;
  return GPOINTER_TO_INT (data) * 10000 + month_day;
}

static int
stored_rank (const Candidate *c,
             gpointer         data)
{
  return c->rank;
}

/* 0 for Monday ... 6 for Sunday, when the stop's when is a plain weekday
 * ("Tuesday", "Tuesday evening", "late Friday"); -1 otherwise */
static int
weekday_of (const Candidate *c)
{
  static const char * const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
  };
  g_autofree char *when = NULL;

  if (c->stop->when == NULL || c->stop->when_date != NULL)
    return -1;
  when = g_ascii_strdown (c->stop->when, -1);
  if (!re_match ("^(?:early |late |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: morning| afternoon| evening| night)?$",
                             when, 0))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    if (strstr (when, days[i]) != NULL)
      return i;
  return -1;
}

/* Weekdays of one trip lie within a week, which starts on the day that
 * keeps most of the order found so far: only stops out of step with
 * their weekdays ("arrived Friday ... on Thursday he had ...") move */
static void
sort_by_weekday (GArray *cands)
{
  g_autofree int *days = g_new (int, MAX (cands->len, 1));
  gboolean used[7] = { FALSE, };
  guint n_days = 0;
  int start = -1, best_gap = -1, best_inversions = -1;

  /* each stop's weekday read once: the week starts tried below compare
   * every pair of stops */
  for (guint i = 0; i < cands->len; i++)
    {
      int day = days[i] = weekday_of (&g_array_index (cands, Candidate, i));

      if (day >= 0 && !used[day])
        {
          used[day] = TRUE;
          n_days++;
        }
    }
  if (n_days < 2)
    return;

  /* the week start that agrees best with the order so far, then the one
   * after the longest run of days with no stop */
  for (int d = 0; d < 7; d++)
    {
      int gap = 0, inversions = 0;

      if (!used[d])
        continue;
      while (gap < 6 && !used[(d - gap - 1 + 7) % 7])
        gap++;
      for (guint i = 0; i < cands->len; i++)
        for (guint j = i + 1; j < cands->len; j++)
          {
            int ri = days[i] < 0 ? -1 : (days[i] - d + 7) % 7;
            int rj = days[j] < 0 ? -1 : (days[j] - d + 7) % 7;

            inversions += ri >= 0 && rj >= 0 && ri > rj;
          }
      if (best_inversions < 0 || inversions < best_inversions ||
          (inversions == best_inversions && gap > best_gap))
        {
          best_inversions = inversions;
          best_gap = gap;
          start = d;
        }
    }

  /* each stop's place in that week (or -1) for sort_slots() */
  for (guint i = 0; i < cands->len; i++)
    g_array_index (cands, Candidate, i).rank = days[i] < 0 ? -1 : (days[i] - start + 7) % 7;
  sort_slots (cands, stored_rank, NULL);
}

/* "yesterday" 0, "today", "tonight", "this morning" 1, "tomorrow" 2:
 * days counted from the day of writing; -1 for any other when */
static int
relative_day_of (const Candidate *c,
                 gpointer         data)
{
  g_autofree char *when = NULL;

  if (c->stop->when == NULL || c->stop->when_date != NULL)
    return -1;
  when = g_ascii_strdown (c->stop->when, -1);
  if (re_match ("^(?:(?:late |early )?yesterday(?: morning| afternoon| evening)?|last night)$", when, 0))
    return 0;
  if (re_match ("^(?:(?:later |earlier )?today|tonight|this (?:morning|afternoon|evening))$", when, 0))
    return 1;
  if (re_match ("^(?:tomorrow(?: morning| afternoon| evening| night)?)$", when, 0))
    return 2;
  return -1;
}

/* Stops told as yesterday, today and tomorrow go in that order, among
 * the places they hold */
static void
sort_by_relative_day (GArray *cands)
{
  gboolean used[3] = { FALSE, };

  for (guint i = 0; i < cands->len; i++)
    {
      int day = relative_day_of (&g_array_index (cands, Candidate, i), NULL);

      if (day >= 0)
        used[day] = TRUE;
    }
  if (used[0] + used[1] + used[2] >= 2)
    sort_slots (cands, relative_day_of, NULL);
}

static NdItinerary *
trip_to_itinerary (Trip      *trip,
                   GPtrArray *past,
                   int        year)
{
  NdItinerary *itinerary;
  gboolean all_dates = TRUE, all_days = TRUE, ordered = FALSE;
  GArray *cands = trip->candidates;

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *c = &g_array_index (cands, Candidate, i);

      if (c->stop->when_date == NULL && month_day_of (c->stop->when) < 0)
        all_dates = FALSE;
      if (day_number (c->stop->when) < 0)
        all_days = FALSE;
      if (!c->unordered)
        ordered = TRUE;
    }

  /* a region ("the Middle East") says little beside named places */
  for (guint i = 0; i < cands->len && cands->len > 1; )
    {
      Candidate *c = &g_array_index (cands, Candidate, i);

      if (c->stop->place_entity != NULL && c->stop->country == NULL && nd_entity_has_coordinates (c->stop->place_entity))
        {
          nd_stop_unref (c->stop);
          g_array_remove_index (cands, i);
        }
      else
        i++;
    }
  ordered = FALSE;
  for (guint i = 0; i < cands->len; i++)
    if (!g_array_index (cands, Candidate, i).unordered)
      ordered = TRUE;

  /* a trip and past visits are two itineraries: the trip in order, the
   * places visited before without */
  if (ordered)
    for (guint i = 0; i < cands->len; )
      {
        Candidate *c = &g_array_index (cands, Candidate, i);

        if (c->unordered)
          {
            if (past != NULL)
              {
                NdStop *stop = c->stop;

                stop->order = past->len + 1;
                g_ptr_array_add (past, stop);
              }
            else
              nd_stop_unref (c->stop);
            g_array_remove_index (cands, i);
          }
        else
          i++;
      }

  if (ordered && cands->len > 1)
    {
      /* explicit days and dates first, then cues and the text */
      for (guint i = 0; i < cands->len; i++)
        {
          Candidate *c = &g_array_index (cands, Candidate, i);

          if (all_days)
            c->key = day_number (c->stop->when) * 1e7 + c->key / 1e3;
        }
      g_array_sort (cands, compare_candidates);
      if (!all_days)
        {
          /* dates without a year are of the trip's year: that of its
           * full dates, else the article's */
          for (guint i = 0; i < cands->len; i++)
            {
              const char *d = g_array_index (cands, Candidate, i).stop->when_date;

              if (d != NULL && strlen (d) == 10)
                {
                  year = atoi (d);
                  break;
                }
            }
          /* a stop placed by a cue right against a dated one ("arrived
           * in X on 5 May from Y") goes with it */
          for (guint i = 0; i < cands->len; i++)
            {
              Candidate *c = &g_array_index (cands, Candidate, i);

              c->rank = date_rank (c, GINT_TO_POINTER (MAX (year, 0)));
            }
          /* "December 19 ... January 21": dates without a year in the
           * last months and the first ones, none between, are a trip
           * across the new year */
          {
            gboolean late = FALSE, early = FALSE, middle = FALSE;

            for (guint i = 0; i < cands->len; i++)
              {
                Candidate *c = &g_array_index (cands, Candidate, i);
                int month = c->rank >= 0 && c->stop->when_date == NULL ? month_day_of (c->stop->when) / 100 : -1;

                if (month < 0)
                  continue;
                late |= month >= 11;
                early |= month <= 2;
                middle |= month > 2 && month < 11;
              }
            for (guint i = 0; late && early && !middle && i < cands->len; i++)
              {
                Candidate *c = &g_array_index (cands, Candidate, i);

                if (c->rank >= 0 && c->stop->when_date == NULL && month_day_of (c->stop->when) / 100 <= 2)
                  c->rank += 10000;
              }
          }
          for (guint i = 0; i < cands->len; i++)
            {
              Candidate *c = &g_array_index (cands, Candidate, i);
              double nearest = 1.0;

              if (c->rank >= 0 || c->from_table)
                continue;
              for (guint j = 0; j < cands->len; j++)
                {
                  Candidate *d = &g_array_index (cands, Candidate, j);

                  if (d->rank >= 0 && date_rank (d, GINT_TO_POINTER (MAX (year, 0))) >= 0 &&
                      ABS (d->key - c->key) < nearest && ABS (d->key - c->key) != 0.0)
                    {
                      nearest = ABS (d->key - c->key);
                      c->rank = d->rank;
                    }
                }
            }
          sort_slots (cands, stored_rank, NULL);
          if (!all_dates)
            {
              sort_by_weekday (cands);
              sort_by_relative_day (cands);
            }
        }
    }

  itinerary = nd_itinerary_new (NULL);
  nd_itinerary_set_traveller_entity (itinerary, trip->person);
  nd_itinerary_set_ordered (itinerary, ordered);
  for (guint i = 0; i < cands->len; i++)
    {
      NdStop *stop = g_array_index (cands, Candidate, i).stop;

      stop->order = i + 1;
      nd_itinerary_add_stop (itinerary, stop);
    }
  return itinerary;
}

/* Is a person's name also written after "Hurricane", "Typhoon" ...? */
static gboolean
names_storm (Builder  *b,
             NdEntity *entity)
{
  static const char * const storms[] = { "Hurricane ", "Typhoon ", "Cyclone ", "Storm " };

  for (guint j = 0; j < nd_entity_get_n_mentions (entity); j++)
    {
      const NdMention *nm = nd_entity_get_mention (entity, j);
      glong at;

      if (nm->start > b->n_chars)
        continue;
      at = b->byte_at[nm->start];
      for (guint k = 0; k < G_N_ELEMENTS (storms); k++)
        {
          glong length = (glong) strlen (storms[k]);

          if (at >= length && strncmp (b->body + at - length, storms[k], length) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* "Fontaines D.C. have unveiled an extensive European tour", "The
 * Philadelphia Orchestra is leaving for its first European tour", "Foo
 * Fighters have announced a string of live tour dates": a band,
 * orchestra or team whose tour the article opens with. It travels where
 * no person is said to (its dates, "the band will play across ..."): the
 * organisation of that name the extraction found, or a new one. */
static NdEntity *
find_touring_group (Builder   *b,
                    GPtrArray *entities)
{
  g_autoptr(GMatchInfo) info = NULL;
  gsize head_len = MIN (strlen (b->body), (gsize) 1200);
  g_autofree char *head = g_strndup (b->body, head_len);
  g_autofree char *phrase = NULL;
  const char *name;
  NdEntity *group;
  int gs, ge;
  guint start, end;

  if (strstr (head, "tour") == NULL && strstr (head, "Tour") == NULL &&
      strstr (head, "concerts") == NULL && strstr (head, "performances") == NULL && strstr (head, "gigs") == NULL)
    return NULL;
  /* (at a sentence's start, after a dateline's dash or a lead-in's comma) */
  if (!re_search ("(?:^|(?<=[.!?\\n,–—-]))\\s*((?:The\\s+)?\\p{Lu}[\\w.&'’-]*(?:\\s+(?:\\p{Lu}[\\w.&'’-]*|of|&)){0,4}?)\\s+"
                  "(?:(?:have|has|are|is|will|were|was|had)\\s+(?:also\\s+|now\\s+|just\\s+|officially\\s+)?)?"
                  /* what it announces is its own tour ("Kensington Palace
                   * has announced details of the royal tour" is not) */
                  "(?:(?:announced|announce|announces|unveiled|unveil|unveils|revealed|reveal|reveals|confirmed|launched|launches|"
                  "Announce|Announces|Unveil|Unveils|Reveal|Reveals|Confirm|Confirms|Launch|Launches)\\s+"
                  "(?:their|its|an?|new)\\s+(?:[\\w'’-]+\\s+){0,4}?(?:tour|tours|Tour|Tours|dates|Dates)\\b"
                  "|(?:embark|embarks|embarked|embarking|kicked off|kicks off|Embark|Embarks|"
                  "(?:set|due|expected|scheduled) to (?:tour|embark|play|perform)|"
                  "(?:be )?(?:leaving|heading|touring|embarking)|leave|leaves|left|depart|departs|departed)\\b"
                  "[^.\\n]{0,100}?\\b(?:tour|tours|Tour|Tours)\\b)",
                  head, 0, &info))
    {
      /* "British rock band the Rolling Stones are looking to wrap up
       * their Latin America tour" */
      g_clear_pointer (&info, g_match_info_unref);
      /* ("K-pop boy group BTS is gearing up for performances") */
      if (!re_search ("\\b(?:band|orchestra|choir|ensemble|quartet|trio|duo|group|troupe)\\s+((?:the\\s+)?\\p{Lu}[\\w.&'’-]*(?:\\s+\\p{Lu}[\\w.&'’-]*){0,3})\\s+"
                      "(?:are|is|have|has|will|were|was)\\b[^.]{0,80}?\\b(?:tour|tours|Tour|Tours|concerts|performances|gigs)\\b",
                      head, 0, &info))
        return NULL;
    }

  g_match_info_fetch_pos (info, 1, &gs, &ge);
  start = g_utf8_pointer_to_offset (b->body, b->body + gs);
  end = g_utf8_pointer_to_offset (b->body, b->body + ge);
  phrase = g_match_info_fetch (info, 1);
  name = g_ascii_strncasecmp (phrase, "The ", 4) == 0 ? phrase + 4 : phrase;

  /* a person or a place named there is no group, nor a common word
   * alone ("Tickets", "Organisers") */
  for (guint i = 0; i < b->people->len; i++)
    {
      const Mention *m = &g_array_index (b->people, Mention, i);

      if (m->start < end && m->end > start)
        return NULL;
    }
  for (guint i = 0; i < b->places->len; i++)
    {
      const Mention *m = &g_array_index (b->places, Mention, i);

      if (m->start < end && m->end > start)
        return NULL;
    }
  /* nor a title ("Defence Minister will embark on a two-nation tour") */
  {
    g_autofree char *key = nd_extract_key_dup (name, -1);
    NdLexicon *lexicon = nd_lexicon_get_default ();
    guint32 word;

    if (key == NULL || nd_lexicon_is_title (lexicon, key))
      return NULL;
    word = strchr (name, ' ') == NULL ? nd_lexicon_lookup_word (lexicon, key) : 0;
    if (ND_WORD_INFO_RANK (word) != 0 || (ND_WORD_INFO_FLAGS (word) & ND_WORD_NON_NAME))
      return NULL;
  }

  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);
      const char *known = nd_entity_get_name (entity);

      if (nd_entity_get_kind (entity) != ND_ENTITY_ORGANIZATION)
        continue;
      if (g_ascii_strncasecmp (known, "The ", 4) == 0)
        known += 4;
      if (g_ascii_strcasecmp (known, name) == 0)
        return entity;
    }
  /* ("the Rolling Stones" mid-sentence: "The Rolling Stones") */
  if (g_str_has_prefix (phrase, "the "))
    phrase[0] = 'T';
  group = nd_entity_new (ND_ENTITY_ORGANIZATION, phrase);
  g_ptr_array_add (b->owned, group);
  return group;
}

GPtrArray *
nd_itinerary_builder_build (const char *body,
                            GPtrArray  *entities,
                            const char *published)
{
  return nd_itinerary_builder_build_with_headline (body, entities, published, NULL);
}

GPtrArray *
nd_itinerary_builder_build_with_headline (const char *body,
                                          GPtrArray  *entities,
                                          const char *published,
                                          NdEntity   *headline)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) sentences = NULL;
  Builder b = { 0 };
  const char *p;
  guint n;

  if (body == NULL || *body == '\0' || entities == NULL)
    return result;

  init_regexes ();

  b.body = body;
  b.headline = headline;
  b.n_chars = g_utf8_strlen (body, -1);
  b.byte_at = g_new (glong, b.n_chars + 1);
  for (p = body, n = 0; n < b.n_chars; p = g_utf8_next_char (p), n++)
    b.byte_at[n] = p - body;
  b.byte_at[b.n_chars] = strlen (body);
  b.places = g_array_new (FALSE, FALSE, sizeof (Mention));
  b.people = g_array_new (FALSE, FALSE, sizeof (Mention));
  b.dates = g_array_new (FALSE, FALSE, sizeof (Mention));
  b.trips = g_ptr_array_new_with_free_func (trip_free);
  b.owned = g_ptr_array_new_with_free_func (g_object_unref);
  b.blocks = nd_body_parse (body);
  b.tables = g_ptr_array_new ();
  for (guint i = 0; i < b.blocks->len; i++)
    if (((NdBlock *) g_ptr_array_index (b.blocks, i))->kind == ND_BLOCK_TABLE)
      g_ptr_array_add (b.tables, g_ptr_array_index (b.blocks, i));

  for (guint i = 0; i < entities->len; i++)
    {
      NdEntity *entity = g_ptr_array_index (entities, i);
      GArray *list;

      switch (nd_entity_get_kind (entity))
        {
        case ND_ENTITY_PERSON: list = b.people; break;
        case ND_ENTITY_PLACE: list = b.places; break;
        case ND_ENTITY_DATE: list = b.dates; break;
        case ND_ENTITY_ORGANIZATION:
        default: list = NULL; break;
        }
      if (list == NULL)
        continue;
      /* "Hurricane Maria": a storm that goes "from Dominica to Puerto
       * Rico" is no traveller */
      if (list == b.people && names_storm (&b, entity))
        continue;
      for (guint j = 0; j < nd_entity_get_n_mentions (entity); j++)
        {
          const NdMention *nm = nd_entity_get_mention (entity, j);
          Mention m = { nm->start, MIN (nm->end, b.n_chars), entity };

          if (m.start < m.end)
            g_array_append_val (list, m);
        }
    }
  /* "Pope Leo XIV ... Leo's visit": a name without its regnal number is
   * the same person */
  for (guint i = 0; i < b.people->len; i++)
    {
      Mention *m = &g_array_index (b.people, Mention, i);
      const char *name = nd_entity_get_name (m->entity);
      gsize len = strlen (name);

      for (guint j = 0; j < b.people->len; j++)
        {
          NdEntity *other = g_array_index (b.people, Mention, j).entity;
          const char *full = nd_entity_get_name (other);

          const char *at = full;

          /* ("John Paul" of "Pope John Paul II": after the title) */
          if (strncmp (full, name, len) != 0 && (at = strstr (full, name)) != NULL && at[-1] != ' ')
            at = NULL;
          if (other != m->entity && at != NULL && strncmp (at, name, len) == 0 && at[len] == ' ' &&
              at[len + 1] != '\0' && strspn (at + len + 1, "IVX") == strlen (at + len + 1))
            {
              m->entity = other;
              break;
            }
        }
    }
  /* "Archbishop Tutu" after "Archbishop Desmond Tutu": a title and a
   * surname are the person of that surname with a given name */
  for (guint i = 0; i < b.people->len; i++)
    {
      Mention *m = &g_array_index (b.people, Mention, i);
      const char *name = nd_entity_get_name (m->entity);
      const char *space = strrchr (name, ' ');
      g_autofree char *head = NULL;
      g_autofree char *key = NULL;
      NdEntity *full = NULL;

      if (space == NULL || strchr (name, ' ') != space)
        continue;
      head = g_strndup (name, space - name);
      key = nd_extract_key_dup (head, -1);
      if (key == NULL ||
          !(ND_WORD_INFO_FLAGS (nd_lexicon_lookup_word (nd_lexicon_get_default (), key)) & (ND_WORD_TITLE | ND_WORD_TITLE_START)))
        continue;
      for (guint j = 0; j < b.people->len; j++)
        {
          NdEntity *other = g_array_index (b.people, Mention, j).entity;
          const char *other_name = nd_entity_get_name (other);
          const char *tail = strrchr (other_name, ' ');

          if (other == m->entity || tail == NULL || strcmp (tail, space) != 0)
            continue;
          if (full != NULL && full != other)
            {
              full = NULL;  /* two people of that surname: which is not known */
              break;
            }
          full = other;
        }
      if (full != NULL)
        m->entity = full;
    }
  add_surname_mentions (&b);
  g_array_sort (b.places, compare_mentions);
  g_array_sort (b.people, compare_mentions);
  g_array_sort (b.dates, compare_mentions);

  if (published != NULL && strlen (published) >= 4 && g_ascii_isdigit (published[0]))
    b.year = atoi (published);
  else
    {
      g_autoptr(GMatchInfo) info = NULL;

      for (g_regex_match (year_regex, body, 0, &info); g_match_info_matches (info); g_match_info_next (info, NULL))
        {
          g_autofree char *year = g_match_info_fetch (info, 0);
          int ys = 0, ye = 0;

          /* "her first trip since 2011": the article is of a later year */
          g_match_info_fetch_pos (info, 0, &ys, &ye);
          if (ys >= 6 && g_ascii_strncasecmp (body + ys - 6, "since ", 6) == 0)
            b.year = MAX (b.year, atoi (year) + 1);
          else
            b.year = MAX (b.year, atoi (year));
        }
    }

  b.touring = find_touring_group (&b, entities);

  /* a dateline: the body opens with a place, maybe its country or an
   * agency, then a dash (or a colon: "JAKARTA (JP): ...") */
  /* (or it opens a paragraph after a standfirst: "Diplomacy: Visit
   * reflects ...\n\nSANTIAGO, Chile —") */
  for (guint i = 0; i < b.places->len; i++)
    {
      const Mention *m = &g_array_index (b.places, Mention, i);
      g_autofree char *head = slice (&b, 0, m->start);
      g_autofree char *rest = NULL;

      if (m->start > 600)
        break;
      if (!re_match ("(?:^|\\n)\\s*$", head, 0))
        {
          if (i == 0 && re_match ("^\\s*$", head, 0))
            break;
          continue;
        }
      rest = slice (&b, m->end, MIN (b.n_chars, m->end + 50));
      if (re_match ("^(?:,\\s*[\\p{Lu}][\\w .’'-]{1,30}?)?\\s*(?:\\([^)]{1,30}\\)\\s*)?(?:[—–-]|:\\s)", rest, 0))
        b.dateline = m;
      if (i == 0 || b.dateline != NULL || re_match ("^\\s*$", head, 0))
        break;
    }

  {
    int ls;
    g_autofree char *lower = g_ascii_strdown (body, -1);

    if (holds_any (lower, latest_words) && find_latest (body, lower, &ls))
      {
        b.latest_stop = TRUE;
        b.latest = g_ascii_strncasecmp (body + ls, "latest", 6) == 0 || g_ascii_strncasecmp (body + ls, "most", 4) == 0;
        b.latest_at = g_utf8_pointer_to_offset (body, body + ls);
      }
  }

  sentences = nd_extract_split_sentences (body);
  b.sentences = sentences;
  for (guint i = 0; i < sentences->len; i++)
    {
      NdTextSpan *span = &g_array_index (sentences, NdTextSpan, i);

      b.sentence = i;
      if (!inside_table (&b, span->start, span->end))
        {
          scan_sentence (&b, span->start, MIN (span->end, b.n_chars));
          scan_semicolon_list (&b, span->start, MIN (span->end, b.n_chars));
          scan_left_place (&b, span->start, MIN (span->end, b.n_chars));
        }
    }
  /* "In Algeria, Lula will sign ...": once every sentence is read, so
   * that a traveller whose trip is told later counts as travelling */
  for (guint i = 0; i < sentences->len; i++)
    {
      NdTextSpan *span = &g_array_index (sentences, NdTextSpan, i);

      b.sentence = i;
      guint end = MIN (span->end, b.n_chars);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) info = NULL;

      if (inside_table (&b, span->start, span->end))
        continue;
      scan_fronted_place (&b, span->start, span->start, end);
      /* "..., and, in Rio de Janeiro, he will attend ...", "...; in
       * Lima, she will meet ..." */
      text = slice (&b, span->start, end);
      for (g_regex_match (clause_in_regex, text, 0, &info); g_match_info_matches (info); g_match_info_next (info, NULL))
        {
          int cs, ce;

          g_match_info_fetch_pos (info, 1, &cs, &ce);
          scan_fronted_place (&b, span->start, span->start + g_utf8_pointer_to_offset (text, text + cs), end);
        }
    }

  for (guint i = 0; i < b.blocks->len; i++)
    {
      NdBlock *block = g_ptr_array_index (b.blocks, i);

      if (block->kind == ND_BLOCK_TABLE)
        scan_table (&b, block);
    }

  scan_headings (&b);
  scan_place_labels (&b);
  scan_date_schedule (&b);
  scan_tour_dates (&b);
  scan_family (&b);
  scan_companions (&b);
  scan_cotravellers (&b);
  drop_hosts (&b);
  scan_welcomed (&b);
  scan_spouses (&b);
  scan_greeted_along (&b);

  for (guint i = 0; i < b.trips->len; i++)
    {
      Trip *trip = g_ptr_array_index (b.trips, i);

      g_autoptr(GPtrArray) past = NULL;

      if (trip->candidates->len == 0)
        continue;
      past = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_stop_unref);
      g_ptr_array_add (result, trip_to_itinerary (trip, past, b.year));
      /* visits told in sentences of their own are visits of their own
       * ("Wong last visited Suva in 2024 ... She also travelled to
       * Tuvalu May last year") */
      for (guint j = 0; j < past->len; )
        {
          NdItinerary *visits = nd_itinerary_new (NULL);
          guint told = ((NdStop *) g_ptr_array_index (past, j))->evidence_start;
          guint order = 1;

          nd_itinerary_set_traveller_entity (visits, trip->person);
          nd_itinerary_set_ordered (visits, FALSE);
          for (guint k = j; k < past->len; k++)
            {
              NdStop *stop = g_ptr_array_index (past, k);

              if (stop->evidence_start == told)
                {
                  stop->order = order++;
                  nd_itinerary_add_stop (visits, stop);
                }
            }
          g_ptr_array_add (result, visits);
          /* the next stop of another sentence not yet given */
          for (j++; j < past->len; j++)
            {
              NdStop *stop = g_ptr_array_index (past, j);
              gboolean given = stop->evidence_start == told;

              for (guint k = 0; k < j && !given; k++)
                given = ((NdStop *) g_ptr_array_index (past, k))->evidence_start == stop->evidence_start;
              if (!given)
                break;
            }
        }
    }

  g_free (b.byte_at);
  g_array_unref (b.places);
  g_array_unref (b.people);
  g_array_unref (b.dates);
  g_ptr_array_unref (b.trips);
  g_ptr_array_unref (b.owned);
  g_ptr_array_unref (b.tables);
  g_ptr_array_unref (b.blocks);
  return result;
}
