/* nd-article-store.h — a GListModel of NdArticle over a desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store holds the ids matching its filter, in order, and creates
 * NdArticle objects on demand. Every change is announced with the exact
 * items-changed range; edits to one article emit article-changed.
 * Widgets change the desk through the store, never through SQL.
 */
#pragma once

#include <gio/gio.h>

#include "nd-database.h"

G_BEGIN_DECLS

#define ND_TYPE_ARTICLE_STORE (nd_article_store_get_type ())
G_DECLARE_FINAL_TYPE (NdArticleStore, nd_article_store, ND, ARTICLE_STORE, GObject)

NdArticleStore *nd_article_store_new          (NdDatabase     *database);
NdDatabase     *nd_article_store_get_database (NdArticleStore *self);

/* Filters (NULL or "" clears one); each change re-queries and emits the
 * items-changed ranges between the old and new lists. */
const char     *nd_article_store_get_search   (NdArticleStore *self);
void            nd_article_store_set_search   (NdArticleStore *self,
                                               const char     *search);
const char     *nd_article_store_get_tag      (NdArticleStore *self);
void            nd_article_store_set_tag      (NdArticleStore *self,
                                               const char     *tag);
const char     *nd_article_store_get_entity   (NdArticleStore *self);
void            nd_article_store_set_entity   (NdArticleStore *self,
                                               const char     *entity);
NdSortOrder     nd_article_store_get_sort     (NdArticleStore *self);
void            nd_article_store_set_sort     (NdArticleStore *self,
                                               NdSortOrder     sort);

/* Re-reads the ids (after a worker wrote to the desk) and emits the
 * ranges that changed. */
void            nd_article_store_refresh      (NdArticleStore *self);

/* The store reads its ids when the list is first used. A window's first
 * frame needs only a screenful of them: before any other use, this reads
 * the first @n_first ids and counts the whole list (one cheap read on
 * the whole desk), so that n_items is the list's true length at once.
 * nd_article_store_read_rest() reads the others; so does any refresh (a
 * filter, a sort, an import: they give the new list at once), asking
 * for an article past the first page, or finding one that is not in it.
 * The model does not change when the rest comes unless the desk did
 * (another program wrote to it in between): then the articles after
 * the first that differs are replaced. Returns whether the rest is still
 * to read. */
gboolean        nd_article_store_read_first   (NdArticleStore *self,
                                               guint           n_first);
void            nd_article_store_read_rest    (NdArticleStore *self);
/* Whether every id of the list is read */
gboolean        nd_article_store_is_complete  (NdArticleStore *self);

/* While searching, a row comes without its snippet (NdArticle:snippet is
 * NULL); an idle of the default main context fetches the snippets of the
 * rows handed out, a screenful per query, and sets each article's
 * snippet (notify::snippet). A new search drops what is still waiting.
 * This is how many are waiting. */
guint           nd_article_store_get_n_pending_snippets (NdArticleStore *self);

/* How many NdArticle objects the store handed out are still alive: the
 * rows on screen, not the articles of the desk. */
guint           nd_article_store_get_n_loaded (NdArticleStore *self);

gint64          nd_article_store_get_id       (NdArticleStore *self,
                                               guint           position);
gboolean        nd_article_store_find         (NdArticleStore *self,
                                               gint64          id,
                                               guint          *position);

/* Edits: each emits article-changed (and tags-changed where the tag
 * counts change), and items-changed when the article leaves the filter. */
gboolean        nd_article_store_add_tag      (NdArticleStore *self,
                                               gint64          id,
                                               const char     *tag,
                                               GError        **error);
gboolean        nd_article_store_remove_tag   (NdArticleStore *self,
                                               gint64          id,
                                               const char     *tag,
                                               GError        **error);
gboolean        nd_article_store_set_read     (NdArticleStore *self,
                                               gint64          id,
                                               gboolean        read,
                                               GError        **error);
gboolean        nd_article_store_set_starred  (NdArticleStore *self,
                                               gint64          id,
                                               gboolean        starred,
                                               GError        **error);
/* Inserts one article (the importer's result); *out_duplicate as in
 * nd_database_insert_article(). */
gboolean        nd_article_store_insert       (NdArticleStore *self,
                                               NdArticle      *article,
                                               gint64         *out_id,
                                               gboolean       *out_duplicate,
                                               GError        **error);
/* Deletes the articles in one transaction. On success *out_deleted holds
 * the whole articles (NdArticle, with tags and entities) so that
 * nd_article_store_restore() can undo it. */
gboolean        nd_article_store_delete       (NdArticleStore *self,
                                               const gint64   *ids,
                                               guint           n_ids,
                                               GPtrArray     **out_deleted,
                                               GError        **error);
gboolean        nd_article_store_restore      (NdArticleStore *self,
                                               GPtrArray      *articles,
                                               GError        **error);

/* Stores a correction of the extractor for one article and applies it;
 * emits article-changed. */
gboolean        nd_article_store_correct_entity (NdArticleStore     *self,
                                                 gint64              id,
                                                 const NdCorrection *correction,
                                                 GError            **error);

/* What takes back one correction: the article's entities and the
 * correction of the same entity before it */
typedef struct _NdCorrectionUndo NdCorrectionUndo;

/* As nd_article_store_correct_entity(), and returns what
 * nd_article_store_undo_correction() needs to take the correction back
 * (NULL on error) */
NdCorrectionUndo *nd_article_store_correct_entity_with_undo (NdArticleStore     *self,
                                                             gint64              id,
                                                             const NdCorrection *correction,
                                                             GError            **error);
/* Removes the stored correction and gives the article back the entities
 * it had before it; emits article-changed. Works once. */
gboolean        nd_article_store_undo_correction (NdArticleStore   *self,
                                                  NdCorrectionUndo *undo,
                                                  GError          **error);
gint64          nd_correction_undo_get_article_id (NdCorrectionUndo *undo);
void            nd_correction_undo_free       (NdCorrectionUndo *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdCorrectionUndo, nd_correction_undo_free)

/* Every tag in the desk with its count (NdTagCount) */
GPtrArray      *nd_article_store_list_tags    (NdArticleStore *self);

G_END_DECLS
