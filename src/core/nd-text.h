/* nd-text.h — decoding and normalising text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Decodes file contents to UTF-8: UTF-8 (with or without a BOM), UTF-16
 * with a BOM, and text that is clearly Windows-1252/Latin-1. Refuses
 * empty, binary and undecodable data with an ND_ERROR naming `name`.
 * The result has LF line endings and is in Unicode NFC. */
char     *nd_text_decode              (const char  *data,
                                       gsize        length,
                                       const char  *name,
                                       GError     **error);

/* LF line endings, NFC, no NUL; trailing white space on lines removed. */
char     *nd_text_normalize           (const char  *text);
gboolean  nd_text_is_nfc_fast         (const char  *text,
                                       gssize       length);

/* Converts a byte offset in `text` to a code point offset, and back. */
glong     nd_text_byte_to_char        (const char  *text,
                                       gsize        byte_offset);
gsize     nd_text_char_to_byte        (const char  *text,
                                       glong        char_offset);

G_END_DECLS
