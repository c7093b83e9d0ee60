/* nd-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <string.h>

#include "nd-article.h"
#include "nd-text.h"

struct _NdArticle
{
  GObject    parent_instance;

  gint64     id;
  char      *title;
  char      *body;
  char      *source;
  char      *published;
  char      *imported;
  char      *date;
  char      *snippet;
  GStrv      tags;
  GPtrArray *entities;
  GPtrArray *itineraries;
  GPtrArray *corrections;
  guint      read : 1;
  guint      starred : 1;
};

G_DEFINE_FINAL_TYPE (NdArticle, nd_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_SOURCE,
  PROP_PUBLISHED,
  PROP_IMPORTED,
  PROP_DATE,
  PROP_READ,
  PROP_STARRED,
  PROP_TAGS,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Tags sort the same whatever the locale: by case-folded text, then bytes */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  const char *sa = *(const char * const *)a;
  const char *sb = *(const char * const *)b;
  g_autofree char *fa = g_utf8_casefold (sa, -1);
  g_autofree char *fb = g_utf8_casefold (sb, -1);
  int cmp = strcmp (fa, fb);

  return cmp != 0 ? cmp : strcmp (sa, sb);
}

static GStrv
normalize_tags (const char * const *tags)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = nd_tag_normalize (tags[i]);
      gboolean seen = FALSE;

      if (tag == NULL)
        continue;

      for (guint j = 0; j < out->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (out, j), tag);

      if (!seen)
        g_ptr_array_add (out, g_steal_pointer (&tag));
    }

  g_ptr_array_sort (out, compare_strings);
  g_ptr_array_add (out, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
update_date (NdArticle *self)
{
  g_autofree char *date = NULL;

  if (self->published != NULL)
    date = g_strdup (self->published);
  else if (self->imported != NULL)
    date = g_strndup (self->imported, 10);

  if (set_string (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
nd_article_dispose (GObject *object)
{
  NdArticle *self = (NdArticle *)object;

  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->itineraries, g_ptr_array_unref);
  g_clear_pointer (&self->corrections, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_article_parent_class)->dispose (object);
}

static void
nd_article_finalize (GObject *object)
{
  NdArticle *self = (NdArticle *)object;

  g_free (self->title);
  g_free (self->body);
  g_free (self->source);
  g_free (self->published);
  g_free (self->imported);
  g_free (self->date);
  g_free (self->snippet);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (nd_article_parent_class)->finalize (object);
}

static void
nd_article_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NdArticle *self = ND_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_IMPORTED:
      g_value_set_string (value, self->imported);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;
    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_article_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NdArticle *self = ND_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_article_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_TITLE:
      nd_article_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      nd_article_set_body (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      nd_article_set_source (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED:
      nd_article_set_published (self, g_value_get_string (value));
      break;
    case PROP_IMPORTED:
      nd_article_set_imported (self, g_value_get_string (value));
      break;
    case PROP_READ:
      nd_article_set_read (self, g_value_get_boolean (value));
      break;
    case PROP_STARRED:
      nd_article_set_starred (self, g_value_get_boolean (value));
      break;
    case PROP_TAGS:
      nd_article_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_SNIPPET:
      nd_article_set_snippet (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_article_class_init (NdArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = nd_article_dispose;
  object_class->finalize = nd_article_finalize;
  object_class->get_property = nd_article_get_property;
  object_class->set_property = nd_article_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED] = g_param_spec_string ("imported", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ] = g_param_spec_boolean ("read", NULL, NULL, FALSE, flags);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SNIPPET] = g_param_spec_string ("snippet", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_article_init (NdArticle *self)
{
  self->tags = g_new0 (char *, 1);
  self->entities = g_ptr_array_new_with_free_func (g_object_unref);
  self->itineraries = g_ptr_array_new_with_free_func (g_object_unref);
  self->corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_correction_free);
}

NdArticle *
nd_article_new (void)
{
  return g_object_new (ND_TYPE_ARTICLE, NULL);
}

gint64
nd_article_get_id (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), 0);
  return self->id;
}

void
nd_article_set_id (NdArticle *self,
                   gint64     id)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
nd_article_get_##field (NdArticle *self)                                \
{                                                                       \
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);                    \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
nd_article_set_##field (NdArticle  *self,                               \
                        const char *field)                              \
{                                                                       \
  g_return_if_fail (ND_IS_ARTICLE (self));                              \
  if (set_string (&self->field, field))                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (body, PROP_BODY)
STRING_ACCESSORS (source, PROP_SOURCE)
STRING_ACCESSORS (snippet, PROP_SNIPPET)

#undef STRING_ACCESSORS

const char *
nd_article_get_published (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->published;
}

void
nd_article_set_published (NdArticle  *self,
                          const char *published)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  if (set_string (&self->published, published))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
      update_date (self);
    }
}

const char *
nd_article_get_imported (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->imported;
}

void
nd_article_set_imported (NdArticle  *self,
                         const char *imported)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  if (set_string (&self->imported, imported))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
      update_date (self);
    }
}

const char *
nd_article_get_date (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->date;
}

gboolean
nd_article_get_read (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), FALSE);
  return self->read;
}

void
nd_article_set_read (NdArticle *self,
                     gboolean   read)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  read = !!read;
  if (self->read != read)
    {
      self->read = read;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
    }
}

gboolean
nd_article_get_starred (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), FALSE);
  return self->starred;
}

void
nd_article_set_starred (NdArticle *self,
                        gboolean   starred)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  starred = !!starred;
  if (self->starred != starred)
    {
      self->starred = starred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
    }
}

const char * const *
nd_article_get_tags (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return (const char * const *) self->tags;
}

void
nd_article_set_tags (NdArticle          *self,
                     const char * const *tags)
{
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (ND_IS_ARTICLE (self));

  normalized = normalize_tags (tags);
  if (g_strv_equal ((const char * const *) normalized, (const char * const *) self->tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
nd_article_has_tag (NdArticle  *self,
                    const char *tag)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), FALSE);

  return tag != NULL && g_strv_contains ((const char * const *) self->tags, tag);
}

GPtrArray *
nd_article_get_entities (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->entities;
}

void
nd_article_set_entities (NdArticle *self,
                         GPtrArray *entities)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  g_ptr_array_set_size (self->entities, 0);
  for (guint i = 0; entities != NULL && i < entities->len; i++)
    g_ptr_array_add (self->entities, g_object_ref (g_ptr_array_index (entities, i)));
}

GPtrArray *
nd_article_get_itineraries (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->itineraries;
}

void
nd_article_set_itineraries (NdArticle *self,
                            GPtrArray *itineraries)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  if (itineraries == self->itineraries)
    return;
  g_ptr_array_set_size (self->itineraries, 0);
  for (guint i = 0; itineraries != NULL && i < itineraries->len; i++)
    g_ptr_array_add (self->itineraries, g_object_ref (g_ptr_array_index (itineraries, i)));
}

GPtrArray *
nd_article_get_corrections (NdArticle *self)
{
  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);
  return self->corrections;
}

void
nd_article_set_corrections (NdArticle *self,
                            GPtrArray *corrections)
{
  g_return_if_fail (ND_IS_ARTICLE (self));

  g_ptr_array_set_size (self->corrections, 0);
  for (guint i = 0; corrections != NULL && i < corrections->len; i++)
    g_ptr_array_add (self->corrections, nd_correction_copy (g_ptr_array_index (corrections, i)));
}

/* The same text with any white space layout, or in another Unicode
 * composition, hashes the same. */
static void
hash_normalized (GChecksum  *checksum,
                 const char *text)
{
  g_autofree char *nfc = NULL;
  g_autoptr(GString) folded = g_string_new (NULL);
  gboolean space = FALSE;

  if (text == NULL)
    return;

  /* an imported body is NFC already (nd_text_normalize()) */
  if (!nd_text_is_nfc_fast (text, -1))
    {
      nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
      if (nfc != NULL)
        text = nfc;
    }

  /* runs of non-space characters are copied whole */
  for (const char *p = text, *run = NULL; ; )
    {
      const char *next;
      gboolean is_space;

      if (*p == '\0')
        {
          if (run != NULL)
            g_string_append_len (folded, run, p - run);
          break;
        }

      /* ASCII on its own, without decoding */
      if ((guchar) *p < 0x80)
        {
          next = p + 1;
          /* what g_unichar_isspace() says of ASCII (not \v) */
          is_space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
        }
      else
        {
          next = g_utf8_next_char (p);
          is_space = g_unichar_isspace (g_utf8_get_char (p));
        }

      if (is_space)
        {
          if (run != NULL)
            {
              g_string_append_len (folded, run, p - run);
              run = NULL;
            }
          space = folded->len > 0;
        }
      else if (run == NULL)
        {
          if (space)
            g_string_append_c (folded, ' ');
          space = FALSE;
          run = p;
        }
      p = next;
    }

  g_checksum_update (checksum, (const guchar *) folded->str, folded->len);
}

char *
nd_article_compute_hash (NdArticle *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (ND_IS_ARTICLE (self), NULL);

  hash_normalized (checksum, self->title);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  hash_normalized (checksum, self->body);

  return g_strdup (g_checksum_get_string (checksum));
}

char *
nd_tag_normalize (const char *tag)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (tag == NULL || !g_utf8_validate (tag, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = tag; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
