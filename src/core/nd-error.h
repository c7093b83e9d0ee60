/* nd-error.h — the NewsDesk error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ND_ERROR (nd_error_quark ())

/* Messages are written for a user: they name the file and the problem,
 * e.g. "report.txt is not UTF-8 text". */
typedef enum
{
  ND_ERROR_FAILED,
  ND_ERROR_NOT_FOUND,           /* a missing path or article id */
  ND_ERROR_UNREADABLE,          /* permission denied, not a regular file... */
  ND_ERROR_EMPTY,               /* an empty (or whitespace-only) file */
  ND_ERROR_BINARY,              /* binary data, not text */
  ND_ERROR_ENCODING,            /* text in an encoding we cannot decode */
  ND_ERROR_TOO_LARGE,           /* over the 10 MB import limit */
  ND_ERROR_INVALID_JSON,        /* malformed JSON or a malformed NewsDesk document */
  ND_ERROR_UNSUPPORTED_VERSION, /* a NewsDesk document from a newer version */
  ND_ERROR_DATABASE,            /* SQLite failed */
  ND_ERROR_DATABASE_TOO_NEW,    /* the desk was written by a newer NewsDesk */
  ND_ERROR_INVALID_TAG,         /* an empty tag */
  ND_ERROR_READ_ONLY,           /* the desk is open read-only: nothing can be changed */
  ND_ERROR_BUSY,                /* another program is writing to the desk */
  ND_ERROR_DISK_FULL,           /* the desk could not grow; the write was undone */
} NdError;

GQuark nd_error_quark (void);

G_END_DECLS
