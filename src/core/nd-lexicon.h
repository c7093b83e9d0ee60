/* nd-lexicon.h — the word lists extraction relies on: given names,
 * surnames, common words, titles, organisation suffixes and known
 * organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ND_WORD_FIRST_NAME  = 1 << 0,  /* a given name */
  ND_WORD_SURNAME     = 1 << 1,  /* a family name */
  ND_WORD_COMMON      = 1 << 2,  /* one of the most frequent English words */
  ND_WORD_NON_NAME    = 1 << 3,  /* capitalised at a sentence start, never a name */
  ND_WORD_TITLE       = 1 << 4,  /* a one-word title ("President", "Gen.") */
  ND_WORD_TITLE_START = 1 << 5,  /* the first word of a longer title */
  ND_WORD_ORG_SUFFIX  = 1 << 6,  /* ends organisation names ("Ministry", "Inc.") */
  ND_WORD_ORG         = 1 << 7,  /* a one-word known organisation ("Hamas") */
  ND_WORD_ORG_START   = 1 << 8,  /* the first word of a longer organisation name */
  ND_WORD_TITLE_ROYAL = 1 << 9,  /* a ruler's or a religious title, part of a
                                  * one-word name ("Pope Francis") */
  ND_WORD_TITLE_END   = 1 << 10, /* the last word of a title */
} NdWordFlags;

/* A word's information packs its flags and its frequency rank among the
 * common words (1 the most frequent, 0 when it is not one). */
#define ND_WORD_INFO_FLAGS(info) ((info) & 0xffff)
#define ND_WORD_INFO_RANK(info)  ((info) >> 16)

#define ND_TYPE_LEXICON (nd_lexicon_get_type ())
G_DECLARE_FINAL_TYPE (NdLexicon, nd_lexicon, ND, LEXICON, GObject)

/* The lexicons compiled into NewsDesk, loaded once (thread-safe) */
NdLexicon  *nd_lexicon_get_default           (void);

/* All lookups take keys made by nd_extract_key(). */
guint32     nd_lexicon_lookup_word           (NdLexicon  *self,
                                              const char *key);
/* The same for a key of `length` bytes */
guint32     nd_lexicon_lookup_word_len       (NdLexicon  *self,
                                              const char *key,
                                              gsize       length);
gboolean    nd_lexicon_is_title              (NdLexicon  *self,
                                              const char *key);
/* A title that, capitalised after "the", names its one holder ("the
 * Dalai Lama", "the Pope", "the Emir of Qatar") */
gboolean    nd_lexicon_is_title_name         (NdLexicon  *self,
                                              const char *key);
/* The canonical name of a known organisation, or NULL. Short all-capital
 * acronyms ("IS", "WHO", "PA") only match text written in capitals. */
const char *nd_lexicon_lookup_organization   (NdLexicon  *self,
                                              const char *key,
                                              gboolean    all_caps);
typedef enum
{
  ND_PREFIX_TITLE        = 1 << 0,
  ND_PREFIX_ORGANIZATION = 1 << 1,
} NdPrefixFlags;

/* Which longer titles and organisation names start with the words of
 * `key` (`length` bytes, -1: NUL-terminated): "secretary of" */
guint       nd_lexicon_lookup_prefix         (NdLexicon  *self,
                                              const char *key,
                                              gssize      length);
/* The most words in a title */
guint       nd_lexicon_get_max_title_words   (NdLexicon  *self);

G_END_DECLS
