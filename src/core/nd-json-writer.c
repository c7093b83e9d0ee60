/* nd-json-writer.c — a streaming JSON writer for large exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-exporter"

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "nd-json-writer.h"

/* The buffer goes to the stream when it holds this much */
#define FLUSH_AT (1024 * 1024)
#define MAX_DEPTH 64
#define INDENT 2

/* Formatting a double is the slowest thing the writer does, and an
 * export has few different ones (places come from the gazetteer): the
 * last text of each is kept in a table (under 1 MB, made on the first
 * double), by the double's bits */
#define N_DOUBLES 16384

typedef struct
{
  guint64 bits;
  guint8  length;   /* 0: empty slot */
  char    text[G_ASCII_DTOSTR_BUF_SIZE + 2];
} DoubleText;

struct _NdJsonWriter
{
  GOutputStream *stream;
  /* the text not yet handed to the stream */
  char          *buffer;
  gsize          length;
  gsize          size;
  DoubleText    *doubles;
  /* per open array or object: whether it has a value yet */
  gboolean       has_value[MAX_DEPTH];
  guint          depth;
  /* a member name was written: its value follows on the same line */
  gboolean       after_name;
  gboolean       failed;
};

/* 1: the byte is written as it is; 0: it is escaped (or is the NUL that
 * ends the string) */
static const guint8 plain_byte[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
  R16 (0), R16 (0),
  /* 0x20: '"' is 0x22 */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  R16 (1), R16 (1),
  /* 0x50: '\\' is 0x5c */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  R16 (1),
  /* 0x70: DEL is 0x7f */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
  R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1), R16 (1),
#undef R16
};

/* ",\n" and a line's indent in one copy: the separator before a value
 * is `separator` (after a value) or `separator + 1`, the indent alone
 * `spaces` */
static const char separator[] = ",\n"
                                "                                                                "
                                "                                                                ";
static const char * const spaces = separator + 2;

G_STATIC_ASSERT (sizeof separator - 3 >= MAX_DEPTH * INDENT);

static void
grow (NdJsonWriter *self,
      gsize         needed)
{
  while (self->size < self->length + needed)
    self->size *= 2;
  self->buffer = g_realloc (self->buffer, self->size);
}

static inline void
put (NdJsonWriter *self,
     const char   *text,
     gsize         length)
{
  char *out;

  if (G_UNLIKELY (self->length + length > self->size))
    grow (self, length);
  out = self->buffer + self->length;
  self->length += length;

  /* most pieces are short (a name, an indent, a number): copied by two
   * overlapping moves of a fixed size rather than a call to memcpy() */
  if (length >= 8 && length <= 16)
    {
      memcpy (out, text, 8);
      memcpy (out + length - 8, text + length - 8, 8);
    }
  else if (length >= 4 && length < 8)
    {
      memcpy (out, text, 4);
      memcpy (out + length - 4, text + length - 4, 4);
    }
  else if (length < 4)
    {
      for (gsize i = 0; i < length; i++)
        out[i] = text[i];
    }
  else
    memcpy (out, text, length);
}

static inline void
put_c (NdJsonWriter *self,
       char          c)
{
  if (G_UNLIKELY (self->length + 1 > self->size))
    grow (self, 1);
  self->buffer[self->length++] = c;
}

NdJsonWriter *
nd_json_writer_new (GOutputStream *stream)
{
  NdJsonWriter *self = g_new0 (NdJsonWriter, 1);

  g_return_val_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream), NULL);

  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->size = stream != NULL ? FLUSH_AT + 64 * 1024 : 4096;
  self->buffer = g_malloc (self->size);
  return self;
}

void
nd_json_writer_free (NdJsonWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_free (self->doubles);
  g_free (self);
}

static inline void
append_indent (NdJsonWriter *self,
               guint         depth)
{
  put (self, spaces, depth * INDENT);
}

/* What comes before a value: nothing after a member name, else the
 * separator from the previous value and the line's indent */
static void
begin_value (NdJsonWriter *self)
{
  if (self->after_name)
    {
      self->after_name = FALSE;
      return;
    }

  if (self->depth == 0)
    return;

  if (self->has_value[self->depth - 1])
    put (self, separator, 2 + self->depth * INDENT);
  else
    put (self, separator + 1, 1 + self->depth * INDENT);
  self->has_value[self->depth - 1] = TRUE;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether none of the 8 bytes of `word` is escaped: none below 0x20, '"',
 * '\\' or DEL (the usual "has a zero byte" test, exact for "any") */
static inline gboolean
word_is_plain (guint64 word)
{
  guint64 quote = word ^ (ONES * '"');
  guint64 backslash = word ^ (ONES * '\\');
  guint64 del = word ^ (ONES * 0x7f);
  guint64 hits = ((word - ONES * 0x20) & ~word) |
                 ((quote - ONES) & ~quote) |
                 ((backslash - ONES) & ~backslash) |
                 ((del - ONES) & ~del);

  return (hits & HIGH_BITS) == 0;
}

static void
append_escaped (NdJsonWriter *self,
                const char   *str)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + strlen (str);

  for (;;)
    {
      const guchar *run = p;

      /* most text needs no escape: 16 bytes at a time where the CPU has
       * SSE2 (every x86-64), else 8 */
#ifdef __SSE2__
      while (end - p >= 16)
        {
          __m128i bytes = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
          __m128i control = _mm_cmpeq_epi8 (_mm_min_epu8 (bytes, _mm_set1_epi8 (0x1f)), bytes);
          __m128i other = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('"')),
                                                      _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 ('\\'))),
                                        _mm_cmpeq_epi8 (bytes, _mm_set1_epi8 (0x7f)));

          if (_mm_movemask_epi8 (_mm_or_si128 (control, other)) != 0)
            break;
          p += 16;
        }
#endif
      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if (!word_is_plain (word))
            break;
          p += 8;
        }
      while (p < end && plain_byte[*p])
        p++;
      if (p > run)
        put (self, (const char *) run, p - run);
      if (p == end)
        return;

      switch (*p)
        {
        case '"':
          put (self, "\\\"", 2);
          break;
        case '\\':
          put (self, "\\\\", 2);
          break;
        case '\b':
          put (self, "\\b", 2);
          break;
        case '\f':
          put (self, "\\f", 2);
          break;
        case '\n':
          put (self, "\\n", 2);
          break;
        case '\r':
          put (self, "\\r", 2);
          break;
        case '\t':
          put (self, "\\t", 2);
          break;
        default:
          {
            static const char hex[] = "0123456789abcdef";
            char escape[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xf] };

            put (self, escape, sizeof escape);
          }
          break;
        }
      p++;
    }
}

static inline void
append_string (NdJsonWriter *self,
               const char   *value)
{
  put_c (self, '"');
  append_escaped (self, value);
  put_c (self, '"');
}

static void
begin_container (NdJsonWriter *self,
                 char          open)
{
  begin_value (self);
  put_c (self, open);
  g_return_if_fail (self->depth < MAX_DEPTH);
  self->has_value[self->depth++] = FALSE;
}

static void
end_container (NdJsonWriter *self,
               char          close)
{
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (!self->has_value[self->depth])
    {
      /* as JsonGenerator writes them: "[]", and an object's indent
       * between its braces */
      if (close == '}')
        append_indent (self, self->depth);
      put_c (self, close);
      return;
    }

  put (self, separator + 1, 1 + self->depth * INDENT);
  put_c (self, close);
}

void
nd_json_writer_begin_object (NdJsonWriter *self)
{
  begin_container (self, '{');
}

void
nd_json_writer_end_object (NdJsonWriter *self)
{
  end_container (self, '}');
}

void
nd_json_writer_begin_array (NdJsonWriter *self)
{
  begin_container (self, '[');
}

void
nd_json_writer_end_array (NdJsonWriter *self)
{
  end_container (self, ']');
}

void
nd_json_writer_member (NdJsonWriter *self,
                       const char   *name)
{
  g_return_if_fail (self->depth > 0 && !self->after_name);

  begin_value (self);
  append_string (self, name);
  put (self, " : ", 3);
  self->after_name = TRUE;
}

void
nd_json_writer_member_quoted (NdJsonWriter *self,
                              const char   *quoted,
                              gsize         length)
{
  g_return_if_fail (self->depth > 0 && !self->after_name);

  begin_value (self);
  put (self, quoted, length);
  self->after_name = TRUE;
}

void
nd_json_writer_string (NdJsonWriter *self,
                       const char   *value)
{
  begin_value (self);
  if (value != NULL)
    append_string (self, value);
  else
    put (self, "null", 4);
}

void
nd_json_writer_int (NdJsonWriter *self,
                    gint64        value)
{
  char text[24];
  char *p = text + sizeof text;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  begin_value (self);
  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  put (self, p, text + sizeof text - p);
}

void
nd_json_writer_double (NdJsonWriter *self,
                       double        value)
{
  guint64 bits;
  DoubleText *slot;

  begin_value (self);

  if (self->doubles == NULL)
    self->doubles = g_new0 (DoubleText, N_DOUBLES);
  memcpy (&bits, &value, sizeof bits);
  slot = &self->doubles[(bits * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 50];
  G_STATIC_ASSERT (N_DOUBLES == 1 << (64 - 50));
  if (slot->length == 0 || slot->bits != bits)
    {
      /* "%.17g": reads back as the same double */
      g_ascii_dtostr (slot->text, G_ASCII_DTOSTR_BUF_SIZE, value);
      /* as JsonGenerator does, so that it reads back as a double: but
       * "1e+22" stays valid JSON where json-glib writes "1e+22.0" */
      if (strpbrk (slot->text, ".eEn") == NULL)
        strcat (slot->text, ".0");
      slot->bits = bits;
      slot->length = strlen (slot->text);
    }
  put (self, slot->text, slot->length);
}

void
nd_json_writer_boolean (NdJsonWriter *self,
                        gboolean      value)
{
  begin_value (self);
  if (value)
    put (self, "true", 4);
  else
    put (self, "false", 5);
}

void
nd_json_writer_null (NdJsonWriter *self)
{
  begin_value (self);
  put (self, "null", 4);
}

void
nd_json_writer_member_string (NdJsonWriter *self,
                              const char   *name,
                              const char   *value)
{
  nd_json_writer_member (self, name);
  nd_json_writer_string (self, value);
}

void
nd_json_writer_member_int (NdJsonWriter *self,
                           const char   *name,
                           gint64        value)
{
  nd_json_writer_member (self, name);
  nd_json_writer_int (self, value);
}

void
nd_json_writer_member_double (NdJsonWriter *self,
                              const char   *name,
                              double        value)
{
  nd_json_writer_member (self, name);
  nd_json_writer_double (self, value);
}

void
nd_json_writer_member_boolean (NdJsonWriter *self,
                               const char   *name,
                               gboolean      value)
{
  nd_json_writer_member (self, name);
  nd_json_writer_boolean (self, value);
}

gboolean
nd_json_writer_flush (NdJsonWriter  *self,
                      gboolean       force,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  if (self->stream == NULL || (!force && self->length < FLUSH_AT) || self->length == 0)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->buffer, self->length,
                                  NULL, cancellable, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  self->length = 0;
  return TRUE;
}

char *
nd_json_writer_steal_text (NdJsonWriter *self)
{
  char *text;

  g_return_val_if_fail (self != NULL && self->stream == NULL, NULL);

  put_c (self, '\0');
  text = g_realloc (self->buffer, self->length);
  self->size = 4096;
  self->length = 0;
  self->buffer = g_malloc (self->size);
  return text;
}
