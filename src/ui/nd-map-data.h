/* nd-map-data.h — the offline world map outlines (Natural Earth 1:50m)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Points are stored as int16 pairs: lon = x × 180 / 32767, lat = y × 90 / 32767 */
#define ND_MAP_LON_PER_UNIT (180.0 / 32767.0)
#define ND_MAP_LAT_PER_UNIT (90.0 / 32767.0)

typedef struct
{
  guint32 offset;     /* index of the first point in nd_map_data_get_points() */
  guint32 n_points;
  gint16  min_x, min_y, max_x, max_y;
} NdMapRing;

typedef struct _NdMapData NdMapData;

NdMapData       *nd_map_data_new_from_bytes    (GBytes     *bytes,
                                                GError    **error);
NdMapData       *nd_map_data_get_default       (void);
void             nd_map_data_free              (NdMapData  *self);

const gint16    *nd_map_data_get_points        (NdMapData  *self);
const NdMapRing *nd_map_data_get_land          (NdMapData  *self,
                                                guint      *n_rings);
const NdMapRing *nd_map_data_get_borders       (NdMapData  *self,
                                                guint      *n_lines);

guint            nd_map_data_get_n_countries   (NdMapData  *self);
const char      *nd_map_data_get_country_name  (NdMapData  *self,
                                                guint       country);
guint            nd_map_data_get_country_iso   (NdMapData  *self,
                                                guint       country);
const NdMapRing *nd_map_data_get_country_rings (NdMapData  *self,
                                                guint       country,
                                                guint      *n_rings);
int              nd_map_data_find_country      (NdMapData  *self,
                                                const char *name);
gboolean         nd_map_data_country_contains  (NdMapData  *self,
                                                guint       country,
                                                double      lat,
                                                double      lon);
int              nd_map_data_country_at        (NdMapData  *self,
                                                double      lat,
                                                double      lon);
gboolean         nd_map_data_is_land           (NdMapData  *self,
                                                double      lat,
                                                double      lon);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdMapData, nd_map_data_free)

G_END_DECLS
