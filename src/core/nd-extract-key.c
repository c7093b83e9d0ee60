/* nd-extract-key.c — lookup keys for names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are what the gazetteer and the lexicons are indexed by, so both
 * sides of a lookup go through this one function. ASCII, nearly all of
 * the text looked up, takes a table-driven path; other characters are
 * folded with GLib's Unicode tables.
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include <string.h>

#include "nd-extract-key.h"

/* What an ASCII byte becomes: a character, SEP (a word separator) or DROP */
#define SEP  '\x01'
#define DROP '\0'

static char ascii_map[128];
/* 1 for ASCII letters and digits, which map to a letter or digit */
static guint8 ascii_plain[256];

static void
init_ascii_map (void)
{
  for (int c = 0; c < 128; c++)
    {
      ascii_plain[c] = g_ascii_isalnum (c);
      if (c >= 'A' && c <= 'Z')
        ascii_map[c] = (char) (c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        ascii_map[c] = (char) c;
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
               c == '-' || c == '/' || c == '_')
        ascii_map[c] = SEP;
      else if (c == '&' || c == '+' || c == '#' || c == '@')
        ascii_map[c] = (char) c;
      else
        ascii_map[c] = DROP;  /* . , ' " ( ) and the rest */
    }
}

/* Folds one non-ASCII character: returns the bytes to append (in `buf`),
 * 0 to drop it, or -1 for a word separator. */
static int
fold_unichar (gunichar  c,
              char     *buf)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gunichar lower;
  gsize n;

  switch (c)
    {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x02BB:
    case 0x00B4: case 0x2032: case 0x02B9:
      return 0;  /* apostrophes and primes */
    case 0x00A0: case 0x2007: case 0x202F: case 0x2009: case 0x200A:
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2212: case 0x00AD: case 0x3000:
      return -1;  /* spaces, hyphens and dashes */
    case 0x00DF: case 0x1E9E:
      memcpy (buf, "ss", 2);
      return 2;
    case 0x00C6: case 0x00E6:
      memcpy (buf, "ae", 2);
      return 2;
    case 0x0152: case 0x0153:
      memcpy (buf, "oe", 2);
      return 2;
    case 0x00DE: case 0x00FE:
      memcpy (buf, "th", 2);
      return 2;
    case 0x00D8: case 0x00F8:
      buf[0] = 'o';
      return 1;
    case 0x0110: case 0x0111: case 0x00D0: case 0x00F0:
      buf[0] = 'd';
      return 1;
    case 0x0141: case 0x0142:
      buf[0] = 'l';
      return 1;
    case 0x0130: case 0x0131:
      buf[0] = 'i';
      return 1;
    default:
      break;
    }

  if (g_unichar_ismark (c))
    return 0;
  if (g_unichar_isspace (c))
    return -1;

  lower = g_unichar_tolower (c);
  n = g_unichar_fully_decompose (lower, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n > 0 && decomposed[0] < 128)
    {
      char mapped = ascii_map[decomposed[0]];

      if (mapped == SEP)
        return -1;
      if (mapped == DROP)
        return 0;
      buf[0] = mapped;
      return 1;
    }

  if (!g_unichar_isalnum (lower))
    return g_unichar_ispunct (lower) ? 0 : -1;

  return g_unichar_to_utf8 (n > 0 ? decomposed[0] : lower, buf);
}

gsize
nd_extract_key (const char *text,
                gssize      length,
                char       *out,
                gsize       out_size)
{
  static gsize initialized = 0;
  const guchar *p = (const guchar *) text;
  const guchar *end;
  gsize o = 0;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (out != NULL && out_size > 0, 0);

  if (g_once_init_enter (&initialized))
    {
      init_ascii_map ();
      g_once_init_leave (&initialized, 1);
    }

  end = length < 0 ? p + strlen (text) : p + length;
  out[0] = '\0';

  while (p < end)
    {
      char buf[8];
      int n;

      if (*p < 128)
        {
          char mapped = ascii_map[*p++];

          if (mapped == DROP)
            continue;
          if (mapped == SEP)
            {
              pending_space = o > 0;
              continue;
            }
          /* the common case, without the copy below */
          if (o + (pending_space ? 1 : 0) + 2 > out_size)
            {
              out[0] = '\0';
              return 0;
            }
          if (pending_space)
            {
              out[o++] = ' ';
              pending_space = FALSE;
            }
          out[o++] = mapped;
          /* the rest of a word of ASCII letters and digits, in a tight
           * loop (the same checks as above) */
          while (p < end && ascii_plain[*p] && o + 2 <= out_size)
            out[o++] = ascii_map[*p++];
          continue;
        }
      else
        {
          const char *next = g_utf8_next_char ((const char *) p);
          gunichar c = g_utf8_get_char_validated ((const char *) p, end - p);

          if (next > (const char *) end)
            next = (const char *) end;
          p = (const guchar *) next;
          if (c == (gunichar) -1 || c == (gunichar) -2)
            continue;
          n = fold_unichar (c, buf);
          if (n == 0)
            continue;
          if (n < 0)
            {
              pending_space = o > 0;
              continue;
            }
        }

      if (o + n + (pending_space ? 1 : 0) + 1 > out_size)
        {
          out[0] = '\0';
          return 0;
        }
      if (pending_space)
        {
          out[o++] = ' ';
          pending_space = FALSE;
        }
      memcpy (out + o, buf, n);
      o += n;
    }

  out[o] = '\0';
  return o;
}

char *
nd_extract_key_dup (const char *text,
                    gssize      length)
{
  char buf[ND_EXTRACT_KEY_MAX * 2];
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  n = nd_extract_key (text, length, buf, sizeof buf);
  if (n == 0)
    return NULL;

  return g_strndup (buf, n);
}
