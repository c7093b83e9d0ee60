/* nd-map-view.h — the offline world map with an itinerary on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * NdMapStop:
 * @traveller: (nullable): who travels, shown in the tooltip and the list
 * @colour: the traveller's colour, an index into the map's palette; stops of
 *   the same traveller share it, and their route is drawn in it
 * @number: the stop's place in its traveller's itinerary (1, 2, ...), drawn
 *   on the marker; the route joins a traveller's ordered stops by number
 * @place: the place's name
 * @when: (nullable): the time as the article says it ("Day 2", "Tuesday")
 * @purpose: (nullable): why the traveller is there ("talks with Abbas")
 * @article: (nullable): the title of the article that mentions the stop
 * @lat: latitude in degrees, north positive
 * @lon: longitude in degrees, east positive
 * @ordered: whether the stop's place in the itinerary is known; a stop
 *   that is not ordered gets a hollow marker and is not on the route
 *
 * One stop of an itinerary, as plain data for the map.
 */
typedef struct
{
  char    *traveller;
  guint    colour;
  guint    number;
  char    *place;
  char    *when;
  char    *purpose;
  char    *article;
  double   lat;
  double   lon;
  gboolean ordered;
} NdMapStop;

#define ND_TYPE_MAP_STOP (nd_map_stop_get_type ())

GType      nd_map_stop_get_type (void) G_GNUC_CONST;
NdMapStop *nd_map_stop_new      (const char      *traveller,
                                 guint            colour,
                                 guint            number,
                                 const char      *place,
                                 const char      *when,
                                 const char      *purpose,
                                 const char      *article,
                                 double           lat,
                                 double           lon,
                                 gboolean         ordered);
NdMapStop *nd_map_stop_copy     (const NdMapStop *stop);
void       nd_map_stop_free     (NdMapStop       *stop);
char      *nd_map_stop_get_label (const NdMapStop *stop);
char      *nd_map_stop_get_tooltip_markup (const NdMapStop *stop);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NdMapStop, nd_map_stop_free)

/* How many traveller colours the palette has; colour indexes wrap around */
#define ND_MAP_N_COLOURS 6

#define ND_TYPE_MAP_VIEW (nd_map_view_get_type ())

G_DECLARE_FINAL_TYPE (NdMapView, nd_map_view, ND, MAP_VIEW, GtkWidget)

GtkWidget       *nd_map_view_new            (void);

void             nd_map_view_set_stops      (NdMapView  *self,
                                             GPtrArray  *stops);
guint            nd_map_view_get_n_stops    (NdMapView  *self);
const NdMapStop *nd_map_view_get_stop       (NdMapView  *self,
                                             guint       index);
int              nd_map_view_get_selected   (NdMapView  *self);
void             nd_map_view_set_selected   (NdMapView  *self,
                                             int         index);
void             nd_map_view_activate_stop  (NdMapView  *self,
                                             guint       index);

void             nd_map_view_project        (NdMapView  *self,
                                             double      lat,
                                             double      lon,
                                             double     *x,
                                             double     *y);
void             nd_map_view_unproject      (NdMapView  *self,
                                             double      x,
                                             double      y,
                                             double     *lat,
                                             double     *lon);
void             nd_map_view_fit_bounds     (NdMapView  *self,
                                             double      min_lat,
                                             double      min_lon,
                                             double      max_lat,
                                             double      max_lon,
                                             double      padding);
void             nd_map_view_reset_view     (NdMapView  *self);
void             nd_map_view_zoom_at        (NdMapView  *self,
                                             double      factor,
                                             double      x,
                                             double      y);
void             nd_map_view_pan            (NdMapView  *self,
                                             double      dx,
                                             double      dy);
double           nd_map_view_get_zoom       (NdMapView  *self);
int              nd_map_view_stop_at        (NdMapView  *self,
                                             double      x,
                                             double      y);
gboolean         nd_map_view_click          (NdMapView  *self,
                                             double      x,
                                             double      y);
void             nd_map_view_get_stop_colour (NdMapView  *self,
                                              guint       colour,
                                              GdkRGBA    *rgba);

#define ND_TYPE_MAP_PANEL (nd_map_panel_get_type ())

G_DECLARE_FINAL_TYPE (NdMapPanel, nd_map_panel, ND, MAP_PANEL, GtkWidget)

GtkWidget       *nd_map_panel_new           (void);
NdMapView       *nd_map_panel_get_map_view  (NdMapPanel *self);
GtkListBox      *nd_map_panel_get_list      (NdMapPanel *self);
void             nd_map_panel_set_stops     (NdMapPanel *self,
                                             GPtrArray  *stops);
void             nd_map_panel_set_selected  (NdMapPanel *self,
                                             int         index);

G_END_DECLS
