/* nd-text.c — decoding and normalising text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nd-error.h"
#include "nd-text.h"

/* How much of the data the binary check looks at */
#define SNIFF_LENGTH 65536

/* Bytes 0x80–0x9F as Windows-1252 reads them; 0 where the code page
 * leaves the byte undefined. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static gboolean
is_text_control (guchar c)
{
  /* tab, line feed, vertical tab, form feed, carriage return, escape */
  return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B;
}

/* NUL bytes, or more than a few control characters, mean binary data. */
static gboolean
looks_binary (const char *data,
              gsize       length)
{
  gsize n = MIN (length, SNIFF_LENGTH);
  gsize controls = 0;

  if (memchr (data, '\0', n) != NULL)
    return TRUE;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) data[i];

      if ((c < 0x20 && !is_text_control (c)) || c == 0x7F)
        controls++;
    }

  /* more than 1 in 100 bytes (and not a stray one or two) */
  return controls > 2 && controls * 100 > n;
}

/* Whether the code point is a control character that no text needs */
static gboolean
looks_binary_utf8 (const char *text)
{
  gsize controls = 0;
  gsize n = 0;

  for (const char *p = text; *p && n < SNIFF_LENGTH; p = g_utf8_next_char (p), n++)
    {
      /* (an ASCII byte is its own code point) */
      gunichar c = (guchar) *p < 0x80 ? (guchar) *p : g_utf8_get_char (p);

      if ((c < 0x20 && !is_text_control ((guchar) c)) || c == 0x7F)
        controls++;
    }

  return controls > 2 && controls * 100 > n;
}

/* Text that is "clearly" Windows-1252 or Latin-1: mostly ASCII, no byte
 * the code page leaves undefined, no UTF-8 sequence, and the other bytes come
 * alone or in short runs between ASCII letters (as accented letters and
 * typographic quotes do), not in the long runs of Cyrillic, Greek, CJK
 * or other legacy encodings. */
static gboolean
looks_cp1252 (const char *data,
              gsize       length)
{
  gsize high = 0;
  gsize letters = 0;
  gsize run = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        {
          run = 0;
          if (g_ascii_isalpha (c))
            letters++;
          continue;
        }

      if (c < 0xA0 && cp1252_high[c - 0x80] == 0)
        return FALSE;

      /* a well-formed UTF-8 sequence means broken UTF-8, not Latin-1 */
      if (run == 0 && c >= 0xC2 && c <= 0xF4)
        {
          const char *end = NULL;

          g_utf8_validate_len (data + i, MIN (length - i, 4), &end);
          if (end > data + i)
            return FALSE;
        }

      high++;
      run++;
      if (run > 3)
        return FALSE;
    }

  /* accented letters and punctuation come among many plain letters */
  return high > 0 && high <= letters;
}

static char *
decode_cp1252 (const char *data,
               gsize       length)
{
  GString *out = g_string_sized_new (length + length / 8);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

char *
nd_text_decode (const char  *data,
                gsize        length,
                const char  *name,
                GError     **error)
{
  const guchar *bytes = (const guchar *) data;
  const char *charset = NULL;
  gsize bom = 0;
  g_autofree char *utf8 = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  if (length >= 4 && memcmp (bytes, "\xFF\xFE\x00\x00", 4) == 0)
    charset = "UTF-32LE", bom = 4;
  else if (length >= 4 && memcmp (bytes, "\x00\x00\xFE\xFF", 4) == 0)
    charset = "UTF-32BE", bom = 4;
  else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    charset = "UTF-16LE", bom = 2;
  else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    charset = "UTF-16BE", bom = 2;
  else if (length >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;

  if (charset != NULL)
    {
      gsize written = 0;

      utf8 = g_convert (data + bom, length - bom, "UTF-8", charset,
                        NULL, &written, NULL);
      if (utf8 == NULL || memchr (utf8, '\0', written) != NULL)
        {
          if (utf8 != NULL && looks_binary (utf8, written))
            g_set_error (error, ND_ERROR, ND_ERROR_BINARY,
                         _("%s is a binary file, not text"), name);
          else
            g_set_error (error, ND_ERROR, ND_ERROR_ENCODING,
                         /* Translators: %s is a file name, and the
                          * encoding UTF-16 or UTF-32 */
                         _("%s is not valid %s text"), name,
                         g_str_has_prefix (charset, "UTF-16") ? "UTF-16" : "UTF-32");
          return NULL;
        }
    }
  else
    {
      const char *text = data + bom;
      gsize text_length = length - bom;

      if (looks_binary (text, text_length))
        {
          g_set_error (error, ND_ERROR, ND_ERROR_BINARY,
                       _("%s is a binary file, not text"), name);
          return NULL;
        }

      if (g_utf8_validate_len (text, text_length, NULL))
        utf8 = g_strndup (text, text_length);
      else if (bom == 0 && looks_cp1252 (text, text_length))
        utf8 = decode_cp1252 (text, text_length);
      else
        {
          g_set_error (error, ND_ERROR, ND_ERROR_ENCODING,
                       _("%s is not UTF-8 text"), name);
          return NULL;
        }
    }

  if (looks_binary_utf8 (utf8))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_BINARY,
                   _("%s is a binary file, not text"), name);
      return NULL;
    }

  normalized = nd_text_normalize (utf8);

  if (is_blank (normalized))
    {
      g_set_error (error, ND_ERROR, ND_ERROR_EMPTY, _("%s is empty"), name);
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

/* Drops white space at the end of the line being built */
static void
trim_line_end (GString *out,
               gsize    line_start)
{
  while (out->len > line_start)
    {
      const char *last = g_utf8_find_prev_char (out->str + line_start, out->str + out->len);

      if (last == NULL)
        last = out->str + line_start;

      if (!g_unichar_isspace (g_utf8_get_char (last)))
        break;

      g_string_truncate (out, last - out->str);
    }
}

/* Whether `text` (valid UTF-8) is in NFC without normalising it: every
 * character is one that NFC keeps as it is and never composes with the
 * one before (Unicode's NFC_Quick_Check is Yes and its combining class
 * 0): ASCII, Latin-1 and the Latin Extended blocks, IPA and spacing
 * modifiers (below U+0300), Cyrillic (U+0400 to U+052F), general
 * punctuation (dashes, quotes, ellipsis, bullets: U+2010 to U+2027 and
 * U+2030 to U+205E) and currency signs (U+20A0 to U+20C0). That is most
 * news text; anything else goes through g_utf8_normalize(), which
 * decomposes and recomposes every character. */
gboolean
nd_text_is_nfc_fast (const char *text,
                     gssize      length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = length < 0 ? NULL : p + length;

  while (end == NULL ? *p != 0 : p < end)
    {
      gunichar c;

      if (*p < 0x80)
        {
          p++;
          continue;
        }

      c = g_utf8_get_char ((const char *) p);
      if (!(c < 0x300 ||
            (c >= 0x400 && c <= 0x52F) ||
            (c >= 0x2010 && c <= 0x2027) ||
            (c >= 0x2030 && c <= 0x205E) ||
            (c >= 0x20A0 && c <= 0x20C0)))
        return FALSE;
      p = (const guchar *) g_utf8_next_char (p);
    }

  return TRUE;
}

char *
nd_text_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  GString *out;
  gsize line_start = 0;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (text));

  /* characters kept as they are go in runs, copied whole */
  for (const char *p = text, *run = text; ; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* printable ASCII and tab */
      if (((guchar) *p >= 0x20 && (guchar) *p < 0x7F) || *p == '\t')
        continue;

      c = *p == '\0' ? 0 : g_utf8_get_char (p);
      if (c >= 0xA0 && c != 0xFEFF && c != 0x2028 && c != 0x2029)
        continue;

      g_string_append_len (out, run, p - run);
      if (c == 0)
        break;
      run = g_utf8_next_char (p);

      if (c == '\r' || c == '\n' || c == 0x2028 || c == 0x2029)
        {
          if (c == '\r' && p[1] == '\n')
            run = ++p + 1;
          trim_line_end (out, line_start);
          g_string_append_c (out, '\n');
          line_start = out->len;
        }

      /* anything else here is dropped: the byte order mark (zero width
       * no-break space) and control characters other than tab carry
       * nothing a reader sees */
    }

  trim_line_end (out, line_start);

  if (nd_text_is_nfc_fast (out->str, out->len))
    return g_string_free (out, FALSE);

  nfc = g_utf8_normalize (out->str, out->len, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return g_string_free (out, FALSE);

  g_string_free (out, TRUE);
  return g_steal_pointer (&nfc);
}

glong
nd_text_byte_to_char (const char *text,
                      gsize       byte_offset)
{
  const char *end;
  glong n = 0;

  g_return_val_if_fail (text != NULL, 0);

  end = text + byte_offset;
  for (const char *p = text; p < end && *p; p = g_utf8_next_char (p))
    n++;

  return n;
}

gsize
nd_text_char_to_byte (const char *text,
                      glong       char_offset)
{
  const char *p = text;

  g_return_val_if_fail (text != NULL, 0);

  for (glong i = 0; i < char_offset && *p; i++)
    p = g_utf8_next_char (p);

  return p - text;
}
