/* nd-reextractor.h — extracting a whole desk again with a newer extractor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nd-database.h"

G_BEGIN_DECLS

/* Called after each article with how many are done of how many. */
typedef void (*NdProgressFunc) (guint    done,
                                guint    total,
                                gpointer user_data);

/* How many articles were extracted by an older extractor. */
guint    nd_reextractor_count_stale (NdDatabase     *database);

/* Extracts every stale article again (ND_EXTRACTOR_VERSION), keeping the
 * user's corrections, in batches of whole articles. Meant for a worker
 * thread with its own connection. Cancelling keeps the finished batches;
 * the rest stays stale for next time. */
gboolean nd_reextractor_run         (NdDatabase     *database,
                                     GCancellable   *cancellable,
                                     NdProgressFunc  progress,
                                     gpointer        user_data,
                                     GError        **error);

G_END_DECLS
