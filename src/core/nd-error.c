/* nd-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include "nd-error.h"

G_DEFINE_QUARK (newsdesk-error-quark, nd_error)
