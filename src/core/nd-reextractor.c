/* nd-reextractor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-extractor"

#include "nd-extractor.h"
#include "nd-reextractor.h"

#define BATCH_SIZE 100

guint
nd_reextractor_count_stale (NdDatabase *database)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (ND_IS_DATABASE (database), 0);

  ids = nd_database_query_stale_ids (database, ND_EXTRACTOR_VERSION, NULL);
  return ids != NULL ? ids->len : 0;
}

gboolean
nd_reextractor_run (NdDatabase      *database,
                    GCancellable    *cancellable,
                    NdProgressFunc   progress,
                    gpointer         user_data,
                    GError         **error)
{
  g_autoptr(GArray) ids = NULL;
  guint done = 0;

  g_return_val_if_fail (ND_IS_DATABASE (database), FALSE);

  ids = nd_database_query_stale_ids (database, ND_EXTRACTOR_VERSION, error);
  if (ids == NULL)
    return FALSE;

  while (done < ids->len)
    {
      guint end = MIN (done + BATCH_SIZE, ids->len);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!nd_database_begin (database, error))
        return FALSE;

      for (guint i = done; i < end; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          g_autoptr(NdArticle) article = nd_database_load_article (database, id, error);
          g_autoptr(GPtrArray) entities = NULL;

          if (article == NULL ||
              !(entities = nd_extractor_extract (nd_article_get_body (article),
                                                 nd_article_get_published (article))) ||
              !nd_database_replace_entities (database, id, entities, ND_EXTRACTOR_VERSION, error))
            {
              nd_database_rollback (database);
              return FALSE;
            }
        }

      if (!nd_database_commit (database, error))
        return FALSE;

      for (; done < end; done++)
        if (progress != NULL)
          progress (done + 1, ids->len, user_data);
    }

  return TRUE;
}
