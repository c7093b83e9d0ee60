/* nd-extract-tokens.h — words, numbers and punctuation of a body, with
 * byte and code point offsets, and sentence boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ND_TOKEN_WORD,     /* starts with a letter */
  ND_TOKEN_NUMBER,   /* starts with a digit: "2018", "5th", "2024-08-19" */
  ND_TOKEN_PUNCT,    /* one punctuation or symbol character */
  ND_TOKEN_NEWLINE,
} NdTokenKind;

typedef enum
{
  ND_TOKEN_CAPITALIZED    = 1 << 0,   /* first letter upper case; also "al-Sisi" */
  ND_TOKEN_ALL_CAPS       = 1 << 1,   /* two letters or more, all upper case */
  ND_TOKEN_LOWER          = 1 << 2,   /* first letter lower case */
  ND_TOKEN_ABBREVIATION   = 1 << 3,   /* the token keeps its final period: "U.S.", "Dr.", "F." */
  ND_TOKEN_POSSESSIVE     = 1 << 4,   /* followed by ’s or ’, left out of the token */
  ND_TOKEN_HYPHENATED     = 1 << 5,   /* "Gaza-Egypt", "cease-fire" */
  ND_TOKEN_NON_ASCII      = 1 << 6,
  ND_TOKEN_SENTENCE_START = 1 << 7,   /* the first word of a sentence */
  ND_TOKEN_CLAUSE_START   = 1 << 8,   /* capitalised by position: after a colon, an opening quote, a cell border */
  ND_TOKEN_SENTENCE_END   = 1 << 9,   /* punctuation that ends a sentence */
  ND_TOKEN_SPACE_BEFORE   = 1 << 10,  /* white space before the token */
  ND_TOKEN_INITIAL        = 1 << 11,  /* one capital letter and a period: "F." */
} NdTokenFlags;

typedef struct
{
  guint32 start;    /* byte offsets into the text, end exclusive */
  guint32 end;
  guint32 cstart;   /* code point offsets, end exclusive */
  guint32 cend;
  guint16 flags;
  guint8  kind;     /* NdTokenKind */
  guint8  ch;       /* punctuation: the character, folded to ASCII
                     * (quotes to " and ', dashes to -, … to .); 0 for
                     * other non-ASCII symbols */
} NdToken;

/* Splits `text` into tokens (element type NdToken). Possessive endings
 * ("Witkoff’s", "States’") are left out of the word and flagged. */
GArray   *nd_extract_tokenize          (const char *text);
/* The same, into `tokens` (emptied first), to reuse an array */
void      nd_extract_tokenize_into     (GArray     *tokens,
                                        const char *text);

/* Sets ND_TOKEN_SENTENCE_START, ND_TOKEN_CLAUSE_START and
 * ND_TOKEN_SENTENCE_END: a sentence ends at . ! ? (after closing quotes)
 * and at line ends; a period after an abbreviation ("U.S.", "Dr.", "Jan.")
 * ends one only when a common word follows ("in the U.S. The talks"). */
void      nd_extract_mark_sentences    (GArray     *tokens,
                                        const char *text);

typedef struct
{
  guint start;   /* code points, end exclusive */
  guint end;
} NdTextSpan;

/* The sentences of `text` (element type NdTextSpan), from the first
 * character of the first token to the end of the last, closing
 * punctuation included. */
GArray   *nd_extract_split_sentences   (const char *text);

G_END_DECLS
