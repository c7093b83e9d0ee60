/* nd-json-writer.h — a streaming JSON writer for large exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes JSON text as it goes, into a buffer that is handed to a
 * GOutputStream whenever it grows past a megabyte (or kept whole when
 * there is no stream). The text is what json-glib's JsonGenerator writes
 * with pretty printing and an indent of 2 (members as `"name" : value`,
 * an empty array as `[]`, an empty object as `{  }` (its indent between the braces), doubles with
 * g_ascii_dtostr() and ".0" when they would read as an integer), so a
 * document written either way is the same, byte for byte. Strings are
 * escaped as JsonGenerator escapes them: `"` and `\`, the control
 * characters (as \b \f \n \r \t or \u00xx) and DEL (\u007f); "/" and
 * everything outside ASCII (U+2028 too) are written as they are (UTF-8).
 * The one difference: U+001F is escaped (\u001f) where json-glib 1.6
 * writes the raw byte, which JSON does not allow. */
typedef struct _NdJsonWriter NdJsonWriter;

/* `stream` may be NULL: the text is kept (nd_json_writer_steal_text()). */
NdJsonWriter *nd_json_writer_new          (GOutputStream  *stream);
void          nd_json_writer_free         (NdJsonWriter   *self);

void          nd_json_writer_begin_object (NdJsonWriter   *self);
void          nd_json_writer_end_object   (NdJsonWriter   *self);
void          nd_json_writer_begin_array  (NdJsonWriter   *self);
void          nd_json_writer_end_array    (NdJsonWriter   *self);
/* The name of the next value in an object */
void          nd_json_writer_member       (NdJsonWriter   *self,
                                           const char     *name);
/* The same for a name that is a string literal needing no escape
 * (ASCII, no '"', '\\' or control character): written with one copy */
#define ND_JSON_WRITER_MEMBER(self, name) \
  nd_json_writer_member_quoted ((self), "\"" name "\" : ", sizeof ("\"" name "\" : ") - 1)
void          nd_json_writer_member_quoted (NdJsonWriter  *self,
                                            const char    *quoted,
                                            gsize          length);
/* NULL writes null */
void          nd_json_writer_string       (NdJsonWriter   *self,
                                           const char     *value);
void          nd_json_writer_int          (NdJsonWriter   *self,
                                           gint64          value);
void          nd_json_writer_double       (NdJsonWriter   *self,
                                           double          value);
void          nd_json_writer_boolean      (NdJsonWriter   *self,
                                           gboolean        value);
void          nd_json_writer_null         (NdJsonWriter   *self);

/* Shorthands for a member and its value */
void          nd_json_writer_member_string  (NdJsonWriter *self,
                                             const char   *name,
                                             const char   *value);
void          nd_json_writer_member_int     (NdJsonWriter *self,
                                             const char   *name,
                                             gint64        value);
void          nd_json_writer_member_double  (NdJsonWriter *self,
                                             const char   *name,
                                             double        value);
void          nd_json_writer_member_boolean (NdJsonWriter *self,
                                             const char   *name,
                                             gboolean      value);

/* Hands the buffer to the stream when it is large (`force`: always).
 * Fails with the stream's error, or when `cancellable` is cancelled;
 * after a failure the writer writes nothing more. */
gboolean      nd_json_writer_flush        (NdJsonWriter   *self,
                                           gboolean        force,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The whole text of a writer without a stream */
char         *nd_json_writer_steal_text   (NdJsonWriter   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdJsonWriter, nd_json_writer_free)

G_END_DECLS
