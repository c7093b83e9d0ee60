/* nd-json-writer.c — a streaming JSON writer for large exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-exporter"

#include "config.h"

#include <string.h>

#include "nd-json-writer.h"

/* The buffer goes to the stream when it holds this much */
#define FLUSH_AT (1024 * 1024)
#define MAX_DEPTH 64
#define INDENT 2

struct _NdJsonWriter
{
  GOutputStream *stream;
  GString       *buffer;
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

static const char spaces[] = "                                                                ";

NdJsonWriter *
nd_json_writer_new (GOutputStream *stream)
{
  NdJsonWriter *self = g_new0 (NdJsonWriter, 1);

  g_return_val_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream), NULL);

  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->buffer = g_string_sized_new (stream != NULL ? FLUSH_AT + 64 * 1024 : 4096);
  return self;
}

void
nd_json_writer_free (NdJsonWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

static void
append_indent (GString *buffer,
               guint    depth)
{
  guint n = depth * INDENT;

  while (n > 0)
    {
      guint chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (buffer, spaces, chunk);
      n -= chunk;
    }
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
    g_string_append_len (self->buffer, ",\n", 2);
  else
    g_string_append_c (self->buffer, '\n');
  self->has_value[self->depth - 1] = TRUE;
  append_indent (self->buffer, self->depth);
}

static void
append_escaped (GString    *buffer,
                const char *str)
{
  const guchar *p = (const guchar *) str;

  for (;;)
    {
      const guchar *run = p;

      while (plain_byte[*p])
        p++;
      if (p > run)
        g_string_append_len (buffer, (const char *) run, p - run);

      switch (*p)
        {
        case '\0':
          return;
        case '"':
          g_string_append_len (buffer, "\\\"", 2);
          break;
        case '\\':
          g_string_append_len (buffer, "\\\\", 2);
          break;
        case '\b':
          g_string_append_len (buffer, "\\b", 2);
          break;
        case '\f':
          g_string_append_len (buffer, "\\f", 2);
          break;
        case '\n':
          g_string_append_len (buffer, "\\n", 2);
          break;
        case '\r':
          g_string_append_len (buffer, "\\r", 2);
          break;
        case '\t':
          g_string_append_len (buffer, "\\t", 2);
          break;
        default:
          {
            static const char hex[] = "0123456789ABCDEF";
            char escape[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xf] };

            g_string_append_len (buffer, escape, sizeof escape);
          }
          break;
        }
      p++;
    }
}

static void
append_string (GString    *buffer,
               const char *value)
{
  g_string_append_c (buffer, '"');
  append_escaped (buffer, value);
  g_string_append_c (buffer, '"');
}

static void
begin_container (NdJsonWriter *self,
                 char          open)
{
  begin_value (self);
  g_string_append_c (self->buffer, open);
  g_return_if_fail (self->depth < MAX_DEPTH);
  self->has_value[self->depth++] = FALSE;
}

static void
end_container (NdJsonWriter *self,
               const char   *empty,
               char          close)
{
  g_return_if_fail (self->depth > 0);

  self->depth--;
  if (!self->has_value[self->depth])
    {
      /* the opening character is already written */
      g_string_append (self->buffer, empty + 1);
      return;
    }

  g_string_append_c (self->buffer, '\n');
  append_indent (self->buffer, self->depth);
  g_string_append_c (self->buffer, close);
}

void
nd_json_writer_begin_object (NdJsonWriter *self)
{
  begin_container (self, '{');
}

void
nd_json_writer_end_object (NdJsonWriter *self)
{
  end_container (self, "{  }", '}');
}

void
nd_json_writer_begin_array (NdJsonWriter *self)
{
  begin_container (self, '[');
}

void
nd_json_writer_end_array (NdJsonWriter *self)
{
  end_container (self, "[]", ']');
}

void
nd_json_writer_member (NdJsonWriter *self,
                       const char   *name)
{
  g_return_if_fail (self->depth > 0 && !self->after_name);

  begin_value (self);
  append_string (self->buffer, name);
  g_string_append_len (self->buffer, " : ", 3);
  self->after_name = TRUE;
}

void
nd_json_writer_string (NdJsonWriter *self,
                       const char   *value)
{
  begin_value (self);
  if (value != NULL)
    append_string (self->buffer, value);
  else
    g_string_append_len (self->buffer, "null", 4);
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
  g_string_append_len (self->buffer, p, text + sizeof text - p);
}

void
nd_json_writer_double (NdJsonWriter *self,
                       double        value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE + 2];

  begin_value (self);
  /* "%.17g": reads back as the same double */
  g_ascii_dtostr (text, G_ASCII_DTOSTR_BUF_SIZE, value);
  g_string_append (self->buffer, text);
  /* as JsonGenerator does, so that it reads back as a double: but
   * "1e+22" stays valid JSON where json-glib writes "1e+22.0" */
  if (strpbrk (text, ".eEn") == NULL)
    g_string_append_len (self->buffer, ".0", 2);
}

void
nd_json_writer_boolean (NdJsonWriter *self,
                        gboolean      value)
{
  begin_value (self);
  if (value)
    g_string_append_len (self->buffer, "true", 4);
  else
    g_string_append_len (self->buffer, "false", 5);
}

void
nd_json_writer_null (NdJsonWriter *self)
{
  begin_value (self);
  g_string_append_len (self->buffer, "null", 4);
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

  if (self->stream == NULL || (!force && self->buffer->len < FLUSH_AT) || self->buffer->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len,
                                  NULL, cancellable, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

char *
nd_json_writer_steal_text (NdJsonWriter *self)
{
  char *text;

  g_return_val_if_fail (self != NULL && self->stream == NULL, NULL);

  text = g_string_free (self->buffer, FALSE);
  self->buffer = g_string_new (NULL);
  return text;
}
