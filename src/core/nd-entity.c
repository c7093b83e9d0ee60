/* nd-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "newsdesk-core"

#include <string.h>

#include "nd-entity.h"
#include "nd-extract-entity.h"

struct _NdEntity
{
  GObject       parent_instance;

  gint64        id;
  NdEntityKind  kind;
  char         *name;
  char         *role;
  char         *country;
  char         *value;
  double        lat;
  double        lon;
  gboolean      has_coordinates;
  /* most entities have a mention or two: those live in the object */
  NdMention    *mentions;
  guint         n_mentions;
  guint         mentions_size;
  NdMention     inline_mentions[2];
};

G_DEFINE_FINAL_TYPE (NdEntity, nd_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_ROLE,
  PROP_COUNTRY,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue kind_values[] = {
  { ND_ENTITY_PERSON, "ND_ENTITY_PERSON", "person" },
  { ND_ENTITY_PLACE, "ND_ENTITY_PLACE", "place" },
  { ND_ENTITY_ORGANIZATION, "ND_ENTITY_ORGANIZATION", "organization" },
  { ND_ENTITY_DATE, "ND_ENTITY_DATE", "date" },
  { 0, NULL, NULL }
};

GType
nd_entity_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("NdEntityKind"), kind_values));

  return type_id;
}

const char *
nd_entity_kind_to_string (NdEntityKind kind)
{
  for (guint i = 0; kind_values[i].value_nick != NULL; i++)
    if ((NdEntityKind) kind_values[i].value == kind)
      return kind_values[i].value_nick;

  return "person";
}

gboolean
nd_entity_kind_from_string (const char   *str,
                            NdEntityKind *kind)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; kind_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (kind_values[i].value_nick, str))
        {
          if (kind != NULL)
            *kind = kind_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Room for `n` mentions */
static void
reserve_mentions (NdEntity *self,
                  guint     n)
{
  NdMention *mentions;

  if (n <= self->mentions_size)
    return;

  n = MAX (n, 2 * self->mentions_size);
  if (self->mentions == self->inline_mentions)
    {
      mentions = g_new (NdMention, n);
      memcpy (mentions, self->mentions, self->n_mentions * sizeof (NdMention));
    }
  else
    {
      mentions = g_renew (NdMention, self->mentions, n);
    }
  self->mentions = mentions;
  self->mentions_size = n;
}

static void
append_mention (NdEntity *self,
                guint     start,
                guint     end,
                char     *text)
{
  NdMention *mention;

  reserve_mentions (self, self->n_mentions + 1);
  mention = &self->mentions[self->n_mentions++];
  mention->start = start;
  mention->end = end;
  mention->text = text;
}

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

static void
nd_entity_finalize (GObject *object)
{
  NdEntity *self = (NdEntity *)object;

  g_free (self->name);
  g_free (self->role);
  g_free (self->country);
  g_free (self->value);
  for (guint i = 0; i < self->n_mentions; i++)
    g_free (self->mentions[i].text);
  if (self->mentions != self->inline_mentions)
    g_free (self->mentions);

  G_OBJECT_CLASS (nd_entity_parent_class)->finalize (object);
}

static void
nd_entity_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NdEntity *self = ND_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_entity_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NdEntity *self = ND_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      nd_entity_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_KIND:
      nd_entity_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_NAME:
      nd_entity_set_name (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      nd_entity_set_role (self, g_value_get_string (value));
      break;
    case PROP_COUNTRY:
      nd_entity_set_country (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      nd_entity_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_entity_class_init (NdEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nd_entity_finalize;
  object_class->get_property = nd_entity_get_property;
  object_class->set_property = nd_entity_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ND_TYPE_ENTITY_KIND, ND_ENTITY_PERSON,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nd_entity_init (NdEntity *self)
{
  self->mentions = self->inline_mentions;
  self->mentions_size = G_N_ELEMENTS (self->inline_mentions);
}

NdEntity *
nd_entity_new (NdEntityKind  kind,
               const char   *name)
{
  NdEntity *self = g_object_new (ND_TYPE_ENTITY, NULL);

  /* Set directly: the extractor makes many entities, and nobody can be
   * listening to a new object's notify signals yet. */
  self->kind = kind;
  self->name = g_strdup (name);

  return self;
}

/* The extractor's cheaper path (nd-extract-entity.h): a new entity has
 * no listeners, so its fields are set directly */
NdEntity *
nd_entity_new_sized (NdEntityKind  kind,
                     const char   *name,
                     guint         n_mentions)
{
  NdEntity *self = g_object_new (ND_TYPE_ENTITY, NULL);

  self->kind = kind;
  self->name = g_strdup (name);
  reserve_mentions (self, n_mentions);

  return self;
}

void
nd_entity_init_role (NdEntity   *self,
                     const char *role)
{
  g_free (self->role);
  self->role = g_strdup (role);
}

void
nd_entity_init_country (NdEntity   *self,
                        const char *country)
{
  g_free (self->country);
  self->country = g_strdup (country);
}

void
nd_entity_init_value (NdEntity   *self,
                      const char *value)
{
  g_free (self->value);
  self->value = g_strdup (value);
}

void
nd_entity_add_mention_len (NdEntity   *self,
                           guint       start,
                           guint       end,
                           const char *text,
                           gsize       length)
{
  append_mention (self, start, end, g_strndup (text, length));
}

gint64
nd_entity_get_id (NdEntity *self)
{
  g_return_val_if_fail (ND_IS_ENTITY (self), 0);
  return self->id;
}

void
nd_entity_set_id (NdEntity *self,
                  gint64    id)
{
  g_return_if_fail (ND_IS_ENTITY (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

NdEntityKind
nd_entity_get_kind (NdEntity *self)
{
  g_return_val_if_fail (ND_IS_ENTITY (self), ND_ENTITY_PERSON);
  return self->kind;
}

void
nd_entity_set_kind (NdEntity     *self,
                    NdEntityKind  kind)
{
  g_return_if_fail (ND_IS_ENTITY (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
nd_entity_get_##field (NdEntity *self)                                  \
{                                                                       \
  g_return_val_if_fail (ND_IS_ENTITY (self), NULL);                     \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
nd_entity_set_##field (NdEntity   *self,                                \
                       const char *field)                               \
{                                                                       \
  g_return_if_fail (ND_IS_ENTITY (self));                               \
  if (set_string (&self->field, field))                                 \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (role, PROP_ROLE)
STRING_ACCESSORS (country, PROP_COUNTRY)
STRING_ACCESSORS (value, PROP_VALUE)

#undef STRING_ACCESSORS

gboolean
nd_entity_has_coordinates (NdEntity *self)
{
  g_return_val_if_fail (ND_IS_ENTITY (self), FALSE);
  return self->has_coordinates;
}

void
nd_entity_get_coordinates (NdEntity *self,
                           double   *lat,
                           double   *lon)
{
  g_return_if_fail (ND_IS_ENTITY (self));

  if (lat != NULL)
    *lat = self->lat;
  if (lon != NULL)
    *lon = self->lon;
}

void
nd_entity_set_coordinates (NdEntity *self,
                           double    lat,
                           double    lon)
{
  g_return_if_fail (ND_IS_ENTITY (self));

  self->lat = lat;
  self->lon = lon;
  self->has_coordinates = TRUE;
}

void
nd_entity_clear_coordinates (NdEntity *self)
{
  g_return_if_fail (ND_IS_ENTITY (self));

  self->lat = self->lon = 0.0;
  self->has_coordinates = FALSE;
}

void
nd_entity_add_mention (NdEntity   *self,
                       guint       start,
                       guint       end,
                       const char *text)
{
  g_return_if_fail (ND_IS_ENTITY (self));
  g_return_if_fail (start <= end);

  append_mention (self, start, end, g_strdup (text));
}

guint
nd_entity_get_n_mentions (NdEntity *self)
{
  g_return_val_if_fail (ND_IS_ENTITY (self), 0);
  return self->n_mentions;
}

const NdMention *
nd_entity_get_mention (NdEntity *self,
                       guint     index)
{
  g_return_val_if_fail (ND_IS_ENTITY (self), NULL);
  g_return_val_if_fail (index < self->n_mentions, NULL);

  return &self->mentions[index];
}
