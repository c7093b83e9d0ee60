/* nd-article-store.c — a GListModel of NdArticle over a desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-store"

#include "config.h"

#include "nd-article-store.h"
#include "nd-error.h"

struct _NdArticleStore
{
  GObject      parent_instance;

  NdDatabase  *database;
  /* the ids matching the filter, in order (gint64); NULL until the list
   * is first used (nothing read, nothing announced). While `complete` is
   * FALSE only the first of them are read, and n_total says how many the
   * list has (see nd_article_store_read_first()). */
  GArray      *ids;
  gboolean     complete;
  guint        n_total;
  /* id -> NdArticle handed out and still alive (weak) */
  GHashTable  *live;

  char        *search;
  /* Snippets come after the rows (a snippet costs more than a row): the
   * ids of live articles waiting for theirs, the idle that fetches them a
   * screenful at a time, and what it found for the current search (id ->
   * snippet, NULL for no match) */
  GHashTable  *pending_snippets;
  guint        snippet_idle;
  GHashTable  *snippets;
  char        *tag;
  char        *entity;
  NdSortOrder  sort;
  /* nd_article_store_list_tags() since the last tags-changed (NdTagCount):
   * the tag filter and the tag suggestions both ask for it */
  GPtrArray   *tags;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NdArticleStore, nd_article_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SEARCH,
  PROP_TAG,
  PROP_ENTITY,
  PROP_SORT,
  N_PROPS
};

enum {
  ARTICLE_CHANGED,
  TAGS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
article_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  NdArticleStore *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (value == (gpointer) where_the_object_was)
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
}

static void
forget_article (NdArticleStore *self,
                gint64          id)
{
  NdArticle *article = g_hash_table_lookup (self->live, &id);

  if (article != NULL)
    {
      g_object_weak_unref (G_OBJECT (article), article_finalized, self);
      g_hash_table_remove (self->live, &id);
    }
  g_hash_table_remove (self->snippets, &id);
}

/* At most this many snippets in one query: a screenful or two */
#define SNIPPET_BATCH 40

static gboolean
fetch_snippets (gpointer data)
{
  NdArticleStore *self = data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->pending_snippets);
  while (ids->len < SNIPPET_BATCH && g_hash_table_iter_next (&iter, &key, NULL))
    {
      /* a row scrolled away before its snippet came asks again when it
       * comes back */
      if (g_hash_table_contains (self->live, key))
        g_array_append_val (ids, *(gint64 *) key);
      g_hash_table_iter_remove (&iter);
    }

  found = nd_database_get_snippets (self->database, self->search,
                                    (const gint64 *) (gpointer) ids->data, ids->len, &error);
  if (found == NULL)
    g_warning ("Cannot make the search snippets of %s: %s",
               nd_database_get_path (self->database), error->message);

  for (guint i = 0; found != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      NdArticle *article = g_hash_table_lookup (self->live, &id);
      char *snippet = g_hash_table_lookup (found, &id);

      g_hash_table_insert (self->snippets, g_memdup2 (&id, sizeof id), g_strdup (snippet));
      if (article != NULL)
        nd_article_set_snippet (article, snippet);
    }

  if (g_hash_table_size (self->pending_snippets) > 0)
    return G_SOURCE_CONTINUE;

  self->snippet_idle = 0;
  return G_SOURCE_REMOVE;
}

/* Gives a live article the snippet of the current search: at once when
 * it is known, else after the rows are shown */
static void
update_snippet (NdArticleStore *self,
                NdArticle      *article)
{
  gint64 id = nd_article_get_id (article);
  gpointer snippet = NULL;

  if (self->search == NULL)
    {
      nd_article_set_snippet (article, NULL);
      return;
    }

  if (g_hash_table_lookup_extended (self->snippets, &id, NULL, &snippet))
    {
      nd_article_set_snippet (article, snippet);
      return;
    }

  nd_article_set_snippet (article, NULL);
  g_hash_table_add (self->pending_snippets, g_memdup2 (&id, sizeof id));
  if (self->snippet_idle == 0)
    {
      /* below redrawing: the list is drawn first, then its snippets */
      self->snippet_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fetch_snippets, self, NULL);
      g_source_set_name_by_id (self->snippet_idle, "[newsdesk] search snippets");
    }
}

/* A new search: what was found or waited for belongs to the old one */
static void
reset_snippets (NdArticleStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->snippet_idle, g_source_remove);
  g_hash_table_remove_all (self->pending_snippets);
  g_hash_table_remove_all (self->snippets);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    update_snippet (self, value);
}

/* The store's filter and sort, as the database takes them */
static NdQuery
store_query (NdArticleStore *self)
{
  NdQuery query = { 0 };

  query.search = self->search;
  query.tag = self->tag;
  query.entity = self->entity;
  query.sort = self->sort;

  return query;
}

/* The ids of the whole list for the store's query, or NULL (warned) */
static GArray *
query_ids (NdArticleStore *self)
{
  g_autoptr(GError) error = NULL;
  NdQuery query = store_query (self);
  GArray *ids;

  ids = nd_database_query_ids (self->database, &query, &error);
  if (ids == NULL)
    g_warning ("Cannot list the articles of %s: %s",
               nd_database_get_path (self->database), error->message);

  return ids;
}

/* First use: the whole list, announced to no one yet */
static void
ensure_ids (NdArticleStore *self)
{
  if (self->ids != NULL)
    return;

  self->ids = query_ids (self);
  if (self->ids == NULL)
    self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->complete = TRUE;
  self->n_total = self->ids->len;
}

/* How many articles the list has (and says it has) */
static guint
get_n (NdArticleStore *self)
{
  ensure_ids (self);

  return self->complete ? self->ids->len : self->n_total;
}

static GType
nd_article_store_get_item_type (GListModel *model)
{
  return ND_TYPE_ARTICLE;
}

static guint
nd_article_store_get_n_items (GListModel *model)
{
  return get_n (ND_ARTICLE_STORE (model));
}

static gpointer
nd_article_store_get_item (GListModel *model,
                           guint       position)
{
  NdArticleStore *self = ND_ARTICLE_STORE (model);
  g_autoptr(GError) error = NULL;
  NdArticle *article;
  gint64 id;

  if (position >= get_n (self))
    return NULL;

  /* past the first page: the others first */
  if (position >= self->ids->len)
    nd_article_store_read_rest (self);
  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  article = g_hash_table_lookup (self->live, &id);
  if (article != NULL)
    return g_object_ref (article);

  /* What a row shows: no body, no entities. The detail view loads the
   * whole article itself; a row never shown is never loaded. */
  article = nd_database_load_article_summary (self->database, id, &error);
  if (article == NULL)
    {
      /* Deleted by another connection since the last refresh: hand out an
       * empty article rather than NULL, which list widgets do not expect. */
      g_warning ("Cannot load article %" G_GINT64_FORMAT ": %s", id, error->message);
      article = nd_article_new ();
      nd_article_set_id (article, id);
      return article;
    }

  g_hash_table_insert (self->live, g_memdup2 (&id, sizeof id), article);
  g_object_weak_ref (G_OBJECT (article), article_finalized, self);

  update_snippet (self, article);

  return article;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = nd_article_store_get_item_type;
  iface->get_n_items = nd_article_store_get_n_items;
  iface->get_item = nd_article_store_get_item;
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  g_autofree char *stripped = NULL;

  if (value != NULL)
    {
      stripped = g_strstrip (g_strdup (value));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (*field, stripped) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&stripped);
  return TRUE;
}

/* Reloads the stored fields of a live article after an edit. */
static void
reload_article (NdArticleStore *self,
                gint64          id,
                gboolean        with_entities)
{
  NdArticle *article = g_hash_table_lookup (self->live, &id);
  g_autoptr(NdArticle) fresh = NULL;

  if (article == NULL)
    return;

  fresh = with_entities
    ? nd_database_load_article (self->database, id, NULL)
    : nd_database_load_article_summary (self->database, id, NULL);
  if (fresh == NULL)
    return;

  if (with_entities)
    {
      nd_article_set_entities (article, nd_article_get_entities (fresh));
      nd_article_set_corrections (article, nd_article_get_corrections (fresh));
    }

  g_object_freeze_notify (G_OBJECT (article));
  nd_article_set_tags (article, nd_article_get_tags (fresh));
  nd_article_set_read (article, nd_article_get_read (fresh));
  nd_article_set_starred (article, nd_article_get_starred (fresh));
  g_object_thaw_notify (G_OBJECT (article));
}

static void
nd_article_store_dispose (GObject *object)
{
  NdArticleStore *self = (NdArticleStore *)object;

  if (self->live != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, article_finalized, self);
      g_clear_pointer (&self->live, g_hash_table_unref);
    }

  g_clear_handle_id (&self->snippet_idle, g_source_remove);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (nd_article_store_parent_class)->dispose (object);
}

static void
nd_article_store_finalize (GObject *object)
{
  NdArticleStore *self = (NdArticleStore *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->search);
  g_clear_pointer (&self->pending_snippets, g_hash_table_unref);
  g_clear_pointer (&self->snippets, g_hash_table_unref);
  g_free (self->tag);
  g_free (self->entity);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_article_store_parent_class)->finalize (object);
}

static void
nd_article_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NdArticleStore *self = ND_ARTICLE_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;
    case PROP_ENTITY:
      g_value_set_string (value, self->entity);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_article_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NdArticleStore *self = ND_ARTICLE_STORE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      nd_article_store_set_search (self, g_value_get_string (value));
      break;
    case PROP_TAG:
      nd_article_store_set_tag (self, g_value_get_string (value));
      break;
    case PROP_ENTITY:
      nd_article_store_set_entity (self, g_value_get_string (value));
      break;
    case PROP_SORT:
      nd_article_store_set_sort (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_article_store_constructed (GObject *object)
{
  NdArticleStore *self = ND_ARTICLE_STORE (object);

  G_OBJECT_CLASS (nd_article_store_parent_class)->constructed (object);

  /* the ids are read when the list is first used: a window may ask
   * for its first page only (nd_article_store_read_first()) */
  g_assert (self->database != NULL);
}

/* tags-changed, before its handlers: the tags are read again */
static void
forget_tags (NdArticleStore *self)
{
  g_clear_pointer (&self->tags, g_ptr_array_unref);
}

static void
nd_article_store_class_init (NdArticleStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nd_article_store_dispose;
  object_class->finalize = nd_article_store_finalize;
  object_class->get_property = nd_article_store_get_property;
  object_class->set_property = nd_article_store_set_property;
  object_class->constructed = nd_article_store_constructed;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, ND_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, ND_TYPE_SORT_ORDER, ND_SORT_DATE_DESC,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdArticleStore::article-changed:
   * @id: the article whose tags, read or starred state changed
   */
  signals[ARTICLE_CHANGED] =
    g_signal_new ("article-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * NdArticleStore::tags-changed:
   *
   * The set of tags in the desk, or their counts, changed.
   */
  signals[TAGS_CHANGED] =
    g_signal_new_class_handler ("tags-changed",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_FIRST,
                                G_CALLBACK (forget_tags),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
nd_article_store_init (NdArticleStore *self)
{
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pending_snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->snippets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

NdArticleStore *
nd_article_store_new (NdDatabase *database)
{
  g_return_val_if_fail (ND_IS_DATABASE (database), NULL);

  return g_object_new (ND_TYPE_ARTICLE_STORE, "database", database, NULL);
}

NdDatabase *
nd_article_store_get_database (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);
  return self->database;
}

/* When `now` is `before` with ids inserted (in the same order), announces
 * each run of inserted ids where it is and returns TRUE: self->ids grows
 * run by run, so that the model matches each items-changed as it is
 * emitted. Else returns FALSE and leaves self->ids alone. */
static gboolean
emit_insertions (NdArticleStore *self,
                 GArray         *before,
                 GArray         *now)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i = 0;
  guint j = 0;

  /* runs holds (position, length) pairs in `now` */
  while (j < now->len)
    {
      guint start = j;

      while (j < now->len &&
             (i >= before->len || g_array_index (now, gint64, j) != g_array_index (before, gint64, i)))
        j++;
      if (j > start)
        {
          guint length = j - start;

          g_array_append_val (runs, start);
          g_array_append_val (runs, length);
          /* scattered everywhere: one range is cheaper for the view */
          if (runs->len > 2 * 32)
            return FALSE;
        }
      if (j < now->len)
        {
          i++;
          j++;
        }
    }

  if (i != before->len)
    return FALSE;

  /* ascending: a position in `now` counts the runs announced before it */
  self->ids = g_array_ref (before);
  for (guint k = 0; k < runs->len; k += 2)
    {
      guint position = g_array_index (runs, guint, k);
      guint length = g_array_index (runs, guint, k + 1);

      g_array_insert_vals (self->ids, position, &g_array_index (now, gint64, position), length);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, length);
    }
  g_array_unref (self->ids);
  self->ids = g_array_ref (now);

  return TRUE;
}

/* The whole list replaces a first page: the store said it had n_total
 * articles and showed the first ones; from the first that differs, the
 * others are replaced (nothing changes when the desk did not) */
static void
replace_first_page (NdArticleStore *self,
                    GArray         *ids)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->ids);
  guint n_old = self->n_total;
  guint prefix = 0;

  while (prefix < old->len && prefix < ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;

  self->ids = ids;
  self->complete = TRUE;
  self->n_total = ids->len;

  if (prefix < old->len || ids->len != n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix, ids->len - prefix);
}

void
nd_article_store_refresh (NdArticleStore *self)
{
  g_autoptr(GArray) old = NULL;
  GArray *ids;
  guint prefix = 0;
  guint suffix = 0;

  g_return_if_fail (ND_IS_ARTICLE_STORE (self));

  /* nothing read yet: nothing to compare with */
  if (self->ids == NULL)
    {
      ensure_ids (self);
      return;
    }

  ids = query_ids (self);
  if (ids == NULL)
    return;

  /* a first page: the rest comes now, whatever the change (it may be a
   * new filter, so the first page is no guide to what stays) */
  if (!self->complete)
    {
      replace_first_page (self, ids);
      return;
    }

  old = g_steal_pointer (&self->ids);

  /* Only additions (an import landing batch by batch): announce each run
   * of new articles where it is, so that rows and the selection around
   * them stay as they are. */
  if (ids->len > old->len && emit_insertions (self, old, ids))
    {
      g_array_unref (ids);
      return;
    }

  self->ids = ids;

  /* The smallest range that changed: a single insert or delete becomes
   * exactly (position, 0, 1) or (position, 1, 0). */
  while (prefix < old->len && prefix < ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;

  while (suffix < old->len - prefix && suffix < ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  if (old->len != ids->len || prefix != old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                old->len - prefix - suffix,
                                ids->len - prefix - suffix);
}

gboolean
nd_article_store_read_first (NdArticleStore *self,
                             guint           n_first)
{
  g_autoptr(GError) error = NULL;
  NdQuery query;
  guint total = 0;

  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (self->ids != NULL)
    return !self->complete;

  query = store_query (self);
  self->ids = nd_database_query_first_ids (self->database, &query, n_first, &total, &error);
  if (self->ids == NULL)
    {
      g_warning ("Cannot list the first articles of %s: %s",
                 nd_database_get_path (self->database), error->message);
      ensure_ids (self);
      return FALSE;
    }

  self->complete = self->ids->len >= total;
  self->n_total = MAX (total, self->ids->len);

  return !self->complete;
}

void
nd_article_store_read_rest (NdArticleStore *self)
{
  g_return_if_fail (ND_IS_ARTICLE_STORE (self));

  if (self->ids != NULL && !self->complete)
    nd_article_store_refresh (self);
}

gboolean
nd_article_store_is_complete (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  return self->ids == NULL || self->complete;
}

static void
filter_changed (NdArticleStore *self,
                GParamSpec     *pspec)
{
  /* not read yet: it will be read with the new filter */
  if (self->ids != NULL)
    nd_article_store_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

const char *
nd_article_store_get_search (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);
  return self->search;
}

void
nd_article_store_set_search (NdArticleStore *self,
                             const char     *search)
{
  g_return_if_fail (ND_IS_ARTICLE_STORE (self));

  if (!set_string (&self->search, search))
    return;

  reset_snippets (self);
  filter_changed (self, properties[PROP_SEARCH]);
}

const char *
nd_article_store_get_tag (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);
  return self->tag;
}

void
nd_article_store_set_tag (NdArticleStore *self,
                          const char     *tag)
{
  g_return_if_fail (ND_IS_ARTICLE_STORE (self));

  if (set_string (&self->tag, tag))
    filter_changed (self, properties[PROP_TAG]);
}

const char *
nd_article_store_get_entity (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);
  return self->entity;
}

void
nd_article_store_set_entity (NdArticleStore *self,
                             const char     *entity)
{
  g_return_if_fail (ND_IS_ARTICLE_STORE (self));

  if (set_string (&self->entity, entity))
    filter_changed (self, properties[PROP_ENTITY]);
}

NdSortOrder
nd_article_store_get_sort (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), ND_SORT_DATE_DESC);
  return self->sort;
}

void
nd_article_store_set_sort (NdArticleStore *self,
                           NdSortOrder     sort)
{
  g_return_if_fail (ND_IS_ARTICLE_STORE (self));
  g_return_if_fail (sort <= ND_SORT_TITLE);

  if (self->sort != sort)
    {
      self->sort = sort;
      filter_changed (self, properties[PROP_SORT]);
    }
}

guint
nd_article_store_get_n_pending_snippets (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), 0);
  return g_hash_table_size (self->pending_snippets);
}

guint
nd_article_store_get_n_loaded (NdArticleStore *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), 0);
  return g_hash_table_size (self->live);
}

gint64
nd_article_store_get_id (NdArticleStore *self,
                         guint           position)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), 0);

  if (position >= get_n (self))
    return 0;
  if (position >= self->ids->len)
    nd_article_store_read_rest (self);
  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

gboolean
nd_article_store_find (NdArticleStore *self,
                       gint64          id,
                       guint          *position)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  ensure_ids (self);
  for (guint i = 0; i < self->ids->len; i++)
    {
      if (g_array_index (self->ids, gint64, i) == id)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  /* not in the first page: perhaps in the rest (unless it cannot be
   * read) */
  if (!self->complete)
    {
      nd_article_store_read_rest (self);
      if (self->complete)
        return nd_article_store_find (self, id, position);
    }

  return FALSE;
}

static void
article_edited (NdArticleStore *self,
                gint64          id,
                gboolean        tags)
{
  reload_article (self, id, FALSE);
  g_signal_emit (self, signals[ARTICLE_CHANGED], 0, id);

  if (tags)
    {
      g_signal_emit (self, signals[TAGS_CHANGED], 0);
      /* The article may have entered or left the tag filter */
      if (self->tag != NULL)
        nd_article_store_refresh (self);
    }
}

gboolean
nd_article_store_add_tag (NdArticleStore  *self,
                          gint64           id,
                          const char      *tag,
                          GError         **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_add_tag (self->database, id, tag, error))
    return FALSE;

  article_edited (self, id, TRUE);
  return TRUE;
}

gboolean
nd_article_store_remove_tag (NdArticleStore  *self,
                             gint64           id,
                             const char      *tag,
                             GError         **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_remove_tag (self->database, id, tag, error))
    return FALSE;

  article_edited (self, id, TRUE);
  return TRUE;
}

gboolean
nd_article_store_set_read (NdArticleStore  *self,
                           gint64           id,
                           gboolean         read,
                           GError         **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_set_read (self->database, id, read, error))
    return FALSE;

  article_edited (self, id, FALSE);
  return TRUE;
}

gboolean
nd_article_store_set_starred (NdArticleStore  *self,
                              gint64           id,
                              gboolean         starred,
                              GError         **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_set_starred (self->database, id, starred, error))
    return FALSE;

  article_edited (self, id, FALSE);
  return TRUE;
}

gboolean
nd_article_store_insert (NdArticleStore  *self,
                         NdArticle       *article,
                         gint64          *out_id,
                         gboolean        *out_duplicate,
                         GError         **error)
{
  gboolean duplicate = FALSE;

  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_insert_article (self->database, article, out_id, &duplicate, error))
    return FALSE;

  if (out_duplicate != NULL)
    *out_duplicate = duplicate;

  if (!duplicate)
    {
      nd_article_store_refresh (self);
      if (nd_article_get_tags (article)[0] != NULL)
        g_signal_emit (self, signals[TAGS_CHANGED], 0);
    }

  return TRUE;
}

gboolean
nd_article_store_delete (NdArticleStore  *self,
                         const gint64    *ids,
                         guint            n_ids,
                         GPtrArray      **out_deleted,
                         GError         **error)
{
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      NdArticle *article = nd_database_load_article (self->database, ids[i], error);

      if (article == NULL ||
          !nd_database_delete_article (self->database, ids[i], error))
        {
          g_clear_object (&article);
          nd_database_rollback (self->database);
          return FALSE;
        }

      g_ptr_array_add (deleted, article);
    }

  if (!nd_database_commit (self->database, error))
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    forget_article (self, ids[i]);

  nd_article_store_refresh (self);
  g_signal_emit (self, signals[TAGS_CHANGED], 0);

  if (out_deleted != NULL)
    *out_deleted = g_steal_pointer (&deleted);

  return TRUE;
}

gboolean
nd_article_store_restore (NdArticleStore  *self,
                          GPtrArray       *articles,
                          GError         **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  if (!nd_database_begin (self->database, error))
    return FALSE;

  for (guint i = 0; i < articles->len; i++)
    {
      if (!nd_database_insert_article (self->database, g_ptr_array_index (articles, i),
                                       NULL, NULL, error))
        {
          nd_database_rollback (self->database);
          return FALSE;
        }
    }

  if (!nd_database_commit (self->database, error))
    return FALSE;

  nd_article_store_refresh (self);
  g_signal_emit (self, signals[TAGS_CHANGED], 0);

  return TRUE;
}

gboolean
nd_article_store_correct_entity (NdArticleStore      *self,
                                 gint64               id,
                                 const NdCorrection  *correction,
                                 GError             **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);

  if (!nd_database_add_correction (self->database, id, correction, error))
    return FALSE;

  reload_article (self, id, TRUE);
  g_signal_emit (self, signals[ARTICLE_CHANGED], 0, id);

  /* The article may have left the entity filter */
  if (self->entity != NULL)
    nd_article_store_refresh (self);

  return TRUE;
}

struct _NdCorrectionUndo
{
  gint64        article_id;
  NdCorrection *correction;
  NdCorrection *previous;   /* the stored correction it replaced, or NULL */
  GPtrArray    *entities;   /* NdEntity: the article's before it */
  gboolean      done;
};

void
nd_correction_undo_free (NdCorrectionUndo *undo)
{
  if (undo == NULL)
    return;

  nd_correction_free (undo->correction);
  nd_correction_free (undo->previous);
  g_clear_pointer (&undo->entities, g_ptr_array_unref);
  g_free (undo);
}

gint64
nd_correction_undo_get_article_id (NdCorrectionUndo *undo)
{
  g_return_val_if_fail (undo != NULL, 0);

  return undo->article_id;
}

NdCorrectionUndo *
nd_article_store_correct_entity_with_undo (NdArticleStore      *self,
                                           gint64               id,
                                           const NdCorrection  *correction,
                                           GError             **error)
{
  g_autoptr(NdCorrectionUndo) undo = NULL;
  g_autoptr(NdArticle) before = NULL;
  g_autoptr(GPtrArray) corrections = NULL;

  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);
  g_return_val_if_fail (correction != NULL, NULL);

  if (!(before = nd_database_load_article (self->database, id, error)) ||
      !(corrections = nd_database_list_corrections (self->database, id, error)))
    return NULL;

  undo = g_new0 (NdCorrectionUndo, 1);
  undo->article_id = id;
  undo->correction = nd_correction_copy (correction);
  undo->entities = g_ptr_array_ref (nd_article_get_entities (before));
  for (guint i = 0; i < corrections->len; i++)
    {
      const NdCorrection *c = g_ptr_array_index (corrections, i);

      if (c->kind == correction->kind && g_strcmp0 (c->name, correction->name) == 0)
        undo->previous = nd_correction_copy (c);
    }

  if (!nd_article_store_correct_entity (self, id, correction, error))
    return NULL;

  return g_steal_pointer (&undo);
}

gboolean
nd_article_store_undo_correction (NdArticleStore    *self,
                                  NdCorrectionUndo  *undo,
                                  GError           **error)
{
  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  if (undo->done)
    return TRUE;

  if (!nd_database_remove_correction (self->database, undo->article_id,
                                      undo->correction->kind, undo->correction->name,
                                      undo->previous, undo->entities, error))
    return FALSE;
  undo->done = TRUE;

  reload_article (self, undo->article_id, TRUE);
  g_signal_emit (self, signals[ARTICLE_CHANGED], 0, undo->article_id);

  /* The article may be back in the entity filter */
  if (self->entity != NULL)
    nd_article_store_refresh (self);

  return TRUE;
}

GPtrArray *
nd_article_store_list_tags (NdArticleStore *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *tags;

  g_return_val_if_fail (ND_IS_ARTICLE_STORE (self), NULL);

  if (self->tags == NULL)
    {
      self->tags = nd_database_list_tags (self->database, &error);
      if (self->tags == NULL)
        {
          g_warning ("Cannot list the tags of %s: %s",
                     nd_database_get_path (self->database), error->message);
          return g_ptr_array_new_with_free_func ((GDestroyNotify) nd_tag_count_free);
        }
    }

  tags = g_ptr_array_new_full (self->tags->len, (GDestroyNotify) nd_tag_count_free);
  for (guint i = 0; i < self->tags->len; i++)
    {
      const NdTagCount *tag = g_ptr_array_index (self->tags, i);
      NdTagCount *copy = g_new0 (NdTagCount, 1);

      copy->name = g_strdup (tag->name);
      copy->count = tag->count;
      g_ptr_array_add (tags, copy);
    }

  return tags;
}
