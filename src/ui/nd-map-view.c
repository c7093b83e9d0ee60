/* nd-map-view.c — the offline world map with an itinerary on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NdMapView draws Natural Earth 1:50m land and borders (nd-map-data.c) in
 * a Web Mercator projection, and on top the stops of one itinerary or of a
 * traveller's merged timeline: numbered markers, each traveller's route in
 * order with arrows, and "Place · when" labels. It fits the view to the
 * stops, zooms with scroll, pinch and keys, pans with drag and arrow keys,
 * and emits "stop-activated" when a stop is clicked.
 *
 * Keys (when the map has focus), each a widget action the window's buttons
 * can use too: + and - zoom (map.zoom-in, map.zoom-out), the arrows pan
 * (map.pan), Home or 0 fits the view to the stops again (map.reset-view),
 * Enter or Space activates the selected stop (map.activate-selected).
 *
 * GTK 4.8 has no path API in GtkSnapshot (that is 4.14), so the outlines
 * and the overlay are drawn with cairo in cairo render nodes. The map
 * itself is kept in a node until the view, the size or the style changes,
 * so hovering only redraws the overlay.
 *
 * NdMapPanel puts the map, zoom and "Fit to Stops" buttons and a list of
 * the stops together; the list does for keyboard and screen-reader users
 * what the markers do for pointer users.
 */
#define G_LOG_DOMAIN "newsdesk-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "nd-map-data.h"
#include "nd-map-view.h"

#define MARKER_RADIUS      11.0
#define MARKER_HIT_SLOP     3.0
#define DEFAULT_PADDING_X 110.0
#define DEFAULT_PADDING_Y  48.0
#define MIN_WORLD_PX      256.0       /* the world is at least this wide */
#define MAX_WORLD_PX  (256.0 * 2048)  /* about 75 m a pixel at the equator */
#define MAX_FIT_WORLD_PX (256.0 * 256) /* fitting stops zooms at most this far */
#define CLICK_THRESHOLD     4.0
#define MAX_MERCATOR_LAT   85.0511287798
#define KEY_PAN_STEP       64.0
#define KEY_ZOOM_STEP       1.5

struct _NdMapView
{
  GtkWidget      parent_instance;

  NdMapData     *data;
  GPtrArray     *stops;           /* NdMapStop */
  int            selected;
  int            hover;

  /* the view: the world (Web Mercator, 0..1 both ways) is world_px wide,
   * and the point (center_x, center_y) of it is at the middle of the widget */
  double         center_x;
  double         center_y;
  double         world_px;
  gboolean       auto_fit;        /* the user has not moved: fit on resize */

  /* gestures */
  double         pointer_x;
  double         pointer_y;
  double         drag_center_x;
  double         drag_center_y;
  gboolean       dragging;
  gboolean       zooming;
  gboolean       drag_cancelled;  /* a pinch took over this drag */
  double         zoom_start_world_px;

  /* the drawn map, while the view and style stay the same */
  GskRenderNode *map_node;
  double         map_node_key[5];
  gboolean       map_node_dark;
};

G_DEFINE_BOXED_TYPE (NdMapStop, nd_map_stop, nd_map_stop_copy, nd_map_stop_free)
G_DEFINE_FINAL_TYPE (NdMapView, nd_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  STOP_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GdkRGBA sea;
  GdkRGBA land;
  GdkRGBA coast;
  GdkRGBA border;
  GdkRGBA text;
  GdkRGBA halo;
  GdkRGBA on_marker;
  GdkRGBA focus;
  gboolean dark;
} Colours;

/* GNOME palette: darker shades on the light map, lighter on the dark one */
static const char * const light_palette[ND_MAP_N_COLOURS] = {
  "#1c71d8", "#c01c28", "#26a269", "#c64600", "#813d9c", "#865e3c",
};
static const char * const dark_palette[ND_MAP_N_COLOURS] = {
  "#62a0ea", "#f66151", "#57e389", "#ffa348", "#dc8add", "#cdab8f",
};

/* NdMapStop ------------------------------------------------------------ */

/**
 * nd_map_stop_new:
 *
 * Returns: (transfer full): a stop with copies of the strings
 */
NdMapStop *
nd_map_stop_new (const char *traveller,
                 guint       colour,
                 guint       number,
                 const char *place,
                 const char *when,
                 const char *purpose,
                 const char *article,
                 double      lat,
                 double      lon,
                 gboolean    ordered)
{
  NdMapStop *stop = g_new0 (NdMapStop, 1);

  stop->traveller = g_strdup (traveller);
  stop->colour = colour;
  stop->number = number;
  stop->place = g_strdup (place);
  stop->when = g_strdup (when);
  stop->purpose = g_strdup (purpose);
  stop->article = g_strdup (article);
  stop->lat = lat;
  stop->lon = lon;
  stop->ordered = !!ordered;

  return stop;
}

NdMapStop *
nd_map_stop_copy (const NdMapStop *stop)
{
  g_return_val_if_fail (stop != NULL, NULL);

  return nd_map_stop_new (stop->traveller, stop->colour, stop->number, stop->place,
                          stop->when, stop->purpose, stop->article,
                          stop->lat, stop->lon, stop->ordered);
}

void
nd_map_stop_free (NdMapStop *stop)
{
  if (stop == NULL)
    return;

  g_free (stop->traveller);
  g_free (stop->place);
  g_free (stop->when);
  g_free (stop->purpose);
  g_free (stop->article);
  g_free (stop);
}

/**
 * nd_map_stop_get_label:
 *
 * Returns: (transfer full): the short label drawn beside the marker,
 *   "Place · when", or the place alone
 */
char *
nd_map_stop_get_label (const NdMapStop *stop)
{
  const char *place = stop->place != NULL && *stop->place != '\0' ? stop->place : _("Unnamed place");

  if (stop->when != NULL && *stop->when != '\0')
    /* Translators: a map label, the place and when the traveller is there */
    return g_strdup_printf (_("%s · %s"), place, stop->when);

  return g_strdup (place);
}

/**
 * nd_map_stop_get_tooltip_markup:
 *
 * Returns: (transfer full): Pango markup for the stop's tooltip: number and
 *   place in bold, then when, purpose, traveller and the article's title,
 *   each on a line when known
 */
char *
nd_map_stop_get_tooltip_markup (const NdMapStop *s)
{
  GString *markup = g_string_new (NULL);

  {
    g_autofree char *place = g_markup_escape_text (s->place != NULL ? s->place : "", -1);

    if (s->ordered && s->number > 0)
      g_string_append_printf (markup, "<b>%u. %s</b>", s->number, place);
    else
      g_string_append_printf (markup, "<b>%s</b>", place);
  }
  if (s->when != NULL && *s->when != '\0')
    {
      g_autofree char *text = g_markup_escape_text (s->when, -1);
      g_string_append_printf (markup, "\n%s", text);
    }
  if (s->purpose != NULL && *s->purpose != '\0')
    {
      g_autofree char *text = g_markup_escape_text (s->purpose, -1);
      g_string_append_printf (markup, "\n%s", text);
    }
  if (s->traveller != NULL && *s->traveller != '\0')
    {
      g_autofree char *text = g_markup_escape_text (s->traveller, -1);
      g_string_append_printf (markup, "\n%s", text);
    }
  if (s->article != NULL && *s->article != '\0')
    {
      g_autofree char *text = g_markup_escape_text (s->article, -1);
      g_string_append_printf (markup, "\n<i>%s</i>", text);
    }


  return g_string_free (markup, FALSE);
}

/* Helpers -------------------------------------------------------------- */

static double
lon_to_world (double lon)
{
  return (lon + 180.0) / 360.0;
}

static double
lat_to_world (double lat)
{
  double phi = CLAMP (lat, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * G_PI / 180.0;

  return (1.0 - asinh (tan (phi)) / G_PI) / 2.0;
}

static double
world_to_lon (double wx)
{
  return wx * 360.0 - 180.0;
}

static double
world_to_lat (double wy)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * wy))) * 180.0 / G_PI;
}

/* The Mercator y of every stored latitude, computed once */
static const float *
lat_table (void)
{
  static float *table;

  if (g_once_init_enter (&table))
    {
      float *t = g_new (float, 65536);

      for (int i = 0; i < 65536; i++)
        t[i] = (float) lat_to_world ((i - 32768) * ND_MAP_LAT_PER_UNIT);
      g_once_init_leave (&table, t);
    }

  return table;
}

static double
view_width (NdMapView *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));

  return w > 0 ? w : 400;
}

static double
view_height (NdMapView *self)
{
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  return h > 0 ? h : 300;
}

static double
min_world_px (NdMapView *self)
{
  return MAX (MIN_WORLD_PX, MIN (view_width (self), view_height (self)));
}

static void
clamp_view (NdMapView *self)
{
  double half_h;

  self->world_px = CLAMP (self->world_px, min_world_px (self), MAX_WORLD_PX);
  half_h = view_height (self) / 2.0 / self->world_px;

  /* east and west wrap around: the Pacific is one sea */
  self->center_x -= floor (self->center_x);
  /* keep the map filling the height when it can */
  if (half_h < 0.5)
    self->center_y = CLAMP (self->center_y, half_h, 1.0 - half_h);
  else
    self->center_y = 0.5;
}

static void
view_changed (NdMapView *self)
{
  clamp_view (self);
  g_clear_pointer (&self->map_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS

  /* light text means a dark style */
  return 0.299 * fg.red + 0.587 * fg.green + 0.114 * fg.blue > 0.5;
}

static void
get_colours (NdMapView *self,
             Colours   *c)
{
  c->dark = is_dark (GTK_WIDGET (self));

  if (c->dark)
    {
      gdk_rgba_parse (&c->sea, "#192530");
      gdk_rgba_parse (&c->land, "#3a3a3e");
      gdk_rgba_parse (&c->coast, "#6f6e75");
      gdk_rgba_parse (&c->border, "#5a5960");
      gdk_rgba_parse (&c->text, "#ffffff");
      gdk_rgba_parse (&c->halo, "#1e1e1e");
      gdk_rgba_parse (&c->on_marker, "#1e1e1e");
      gdk_rgba_parse (&c->focus, "#78aeed");
    }
  else
    {
      gdk_rgba_parse (&c->sea, "#cfe1f2");
      gdk_rgba_parse (&c->land, "#f6f5f4");
      gdk_rgba_parse (&c->coast, "#8e8c94");
      gdk_rgba_parse (&c->border, "#b5b3ba");
      gdk_rgba_parse (&c->text, "#241f31");
      gdk_rgba_parse (&c->halo, "#ffffff");
      gdk_rgba_parse (&c->on_marker, "#ffffff");
      gdk_rgba_parse (&c->focus, "#3584e4");
    }
}

static void
stop_colour (gboolean  dark,
             guint     colour,
             GdkRGBA  *rgba)
{
  const char * const *palette = dark ? dark_palette : light_palette;

  gdk_rgba_parse (rgba, palette[colour % ND_MAP_N_COLOURS]);
}

/* Where each marker is drawn: its projected place, spread out in a small
 * circle when several stops are at the same place */
static void
marker_positions (NdMapView *self,
                  double    *xs,
                  double    *ys)
{
  guint n = self->stops->len;

  for (guint i = 0; i < n; i++)
    {
      const NdMapStop *s = g_ptr_array_index (self->stops, i);
      guint rank = 0, group = 0;

      nd_map_view_project (self, s->lat, s->lon, &xs[i], &ys[i]);

      for (guint j = 0; j < n; j++)
        {
          const NdMapStop *t = g_ptr_array_index (self->stops, j);

          if (fabs (t->lat - s->lat) < 1e-6 && fabs (t->lon - s->lon) < 1e-6)
            {
              if (j < i)
                rank++;
              group++;
            }
        }

      if (group > 1)
        {
          double angle = 2.0 * G_PI * rank / group - G_PI / 2.0;

          xs[i] += cos (angle) * (MARKER_RADIUS + 2.0);
          ys[i] += sin (angle) * (MARKER_RADIUS + 2.0);
        }
    }
}

static double
marker_radius (NdMapView *self,
               guint      index)
{
  if ((int) index == self->selected)
    return MARKER_RADIUS + 3.0;
  if ((int) index == self->hover)
    return MARKER_RADIUS + 1.5;
  return MARKER_RADIUS;
}

static void
set_hover (NdMapView *self,
           int        hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (NdMapView *self)
{
  g_autoptr(GString) description = g_string_new (NULL);

  for (guint i = 0; i < self->stops->len; i++)
    {
      const NdMapStop *s = g_ptr_array_index (self->stops, i);
      g_autofree char *label = nd_map_stop_get_label (s);

      if (description->len > 0)
        g_string_append (description, "; ");
      if (s->ordered && s->number > 0)
        g_string_append_printf (description, "%u. ", s->number);
      g_string_append (description, label);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->stops->len > 0 ? _("Map of the stops") : _("World map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

static void
fit_bounds_full (NdMapView *self,
                 double     min_lat,
                 double     min_lon,
                 double     max_lat,
                 double     max_lon,
                 double     padding_x,
                 double     padding_y)
{
  double x0, x1, y0, y1, avail_w, avail_h, scale;

  x0 = lon_to_world (MIN (min_lon, max_lon));
  x1 = lon_to_world (MAX (min_lon, max_lon));
  y0 = lat_to_world (MAX (min_lat, max_lat));
  y1 = lat_to_world (MIN (min_lat, max_lat));

  avail_w = MAX (1.0, view_width (self) - 2 * padding_x);
  avail_h = MAX (1.0, view_height (self) - 2 * padding_y);

  scale = MAX_FIT_WORLD_PX;
  if (x1 - x0 > 0)
    scale = MIN (scale, avail_w / (x1 - x0));
  if (y1 - y0 > 0)
    scale = MIN (scale, avail_h / (y1 - y0));

  self->world_px = scale;
  self->center_x = (x0 + x1) / 2;
  self->center_y = (y0 + y1) / 2;
  self->auto_fit = FALSE;
  view_changed (self);
}

/* Drawing -------------------------------------------------------------- */

typedef struct
{
  double ax, bx;          /* x pixel = ax × stored x + bx */
  double sy, ty;          /* y pixel = sy × mercator y + ty */
  const float *lat;
  const gint16 *points;
  double width, height;
} Transform;

/* The map's outlines, read at first use: not at start, where the map
 * is hidden (cold start) */
static NdMapData *
get_data (NdMapView *self)
{
  if (self->data == NULL)
    self->data = nd_map_data_get_default ();

  return self->data;
}

static void
make_transform (NdMapView *self,
                Transform *t)
{
  t->width = view_width (self);
  t->height = view_height (self);
  t->ax = self->world_px * ND_MAP_LON_PER_UNIT / 360.0;
  t->bx = (0.5 - self->center_x) * self->world_px + t->width / 2.0;
  t->sy = self->world_px;
  t->ty = -self->center_y * self->world_px + t->height / 2.0;
  t->lat = lat_table ();
  t->points = nd_map_data_get_points (get_data (self));
}

static gboolean
ring_visible (const Transform *t,
              const NdMapRing *ring)
{
  double x0 = t->ax * ring->min_x + t->bx;
  double x1 = t->ax * ring->max_x + t->bx;
  double y0 = t->sy * t->lat[ring->max_y + 32768] + t->ty;
  double y1 = t->sy * t->lat[ring->min_y + 32768] + t->ty;

  return x1 >= -2 && x0 <= t->width + 2 && y1 >= -2 && y0 <= t->height + 2;
}

/* Adds one ring to the cairo path, leaving out points less than a pixel
 * from the one before */
static void
path_ring (cairo_t         *cr,
           const Transform *t,
           const NdMapRing *ring,
           gboolean         closed)
{
  const gint16 *p = t->points + 2 * ring->offset;
  double last_x = 0, last_y = 0;

  for (guint i = 0; i < ring->n_points; i++)
    {
      double x = t->ax * p[2 * i] + t->bx;
      double y = t->sy * t->lat[p[2 * i + 1] + 32768] + t->ty;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else if (fabs (x - last_x) >= 0.6 || fabs (y - last_y) >= 0.6 || i == ring->n_points - 1)
        cairo_line_to (cr, x, y);
      else
        continue;

      last_x = x;
      last_y = y;
    }

  if (closed)
    cairo_close_path (cr);
}

static void
draw_map (NdMapView     *self,
          cairo_t       *cr,
          const Colours *c)
{
  const NdMapRing *rings;
  Transform t;
  guint n;

  make_transform (self, &t);

  gdk_cairo_set_source_rgba (cr, &c->sea);
  cairo_paint (cr);

  rings = nd_map_data_get_land (get_data (self), &n);
  for (int copy = -1; copy <= 1; copy++)
    {
      Transform tc = t;

      /* the world again to the west and east, for views across the
       * date line */
      tc.bx += copy * self->world_px;
      for (guint i = 0; i < n; i++)
        if (ring_visible (&tc, &rings[i]))
          path_ring (cr, &tc, &rings[i], TRUE);
    }

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  gdk_cairo_set_source_rgba (cr, &c->land);
  cairo_fill_preserve (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 0.8);
  gdk_cairo_set_source_rgba (cr, &c->coast);
  cairo_stroke (cr);

  rings = nd_map_data_get_borders (get_data (self), &n);
  for (int copy = -1; copy <= 1; copy++)
    {
      Transform tc = t;

      tc.bx += copy * self->world_px;
      for (guint i = 0; i < n; i++)
        if (ring_visible (&tc, &rings[i]))
          path_ring (cr, &tc, &rings[i], FALSE);
    }

  cairo_set_line_width (cr, self->world_px > 256.0 * 16 ? 1.2 : 0.8);
  gdk_cairo_set_source_rgba (cr, &c->border);
  cairo_stroke (cr);
}

static int
compare_route_order (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GPtrArray *stops = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const NdMapStop *sa = g_ptr_array_index (stops, ia);
  const NdMapStop *sb = g_ptr_array_index (stops, ib);

  if (sa->number != sb->number)
    return sa->number < sb->number ? -1 : 1;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static gboolean
same_traveller (const NdMapStop *a,
                const NdMapStop *b)
{
  return a->colour == b->colour && g_strcmp0 (a->traveller, b->traveller) == 0;
}

static void
draw_arrow (cairo_t *cr,
            double   x,
            double   y,
            double   dx,
            double   dy,
            double   size)
{
  double len = hypot (dx, dy);
  double ux = dx / len, uy = dy / len;

  cairo_move_to (cr, x + ux * size, y + uy * size);
  cairo_line_to (cr, x - ux * size * 0.8 - uy * size * 0.8, y - uy * size * 0.8 + ux * size * 0.8);
  cairo_line_to (cr, x - ux * size * 0.3, y - uy * size * 0.3);
  cairo_line_to (cr, x - ux * size * 0.8 + uy * size * 0.8, y - uy * size * 0.8 - ux * size * 0.8);
  cairo_close_path (cr);
}

static void
draw_routes (NdMapView     *self,
             cairo_t       *cr,
             const Colours *c,
             const double  *xs,
             const double  *ys)
{
  guint n = self->stops->len;
  g_autofree gboolean *done = g_new0 (gboolean, n);
  g_autoptr(GArray) route = g_array_new (FALSE, FALSE, sizeof (guint));

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 0; i < n; i++)
    {
      const NdMapStop *first = g_ptr_array_index (self->stops, i);
      GdkRGBA colour;

      if (done[i] || !first->ordered)
        continue;

      g_array_set_size (route, 0);
      for (guint j = i; j < n; j++)
        {
          const NdMapStop *s = g_ptr_array_index (self->stops, j);

          if (s->ordered && same_traveller (first, s))
            {
              g_array_append_val (route, j);
              done[j] = TRUE;
            }
        }

      if (route->len < 2)
        continue;

      g_array_sort_with_data (route, compare_route_order, self->stops);
      stop_colour (c->dark, first->colour, &colour);

      /* a halo under the line, then the line */
      for (int pass = 0; pass < 2; pass++)
        {
          for (guint k = 0; k < route->len; k++)
            {
              guint s = g_array_index (route, guint, k);

              if (k == 0)
                cairo_move_to (cr, xs[s], ys[s]);
              else
                cairo_line_to (cr, xs[s], ys[s]);
            }
          cairo_set_line_width (cr, pass == 0 ? 6.0 : 2.5);
          gdk_cairo_set_source_rgba (cr, pass == 0 ? &(GdkRGBA) { c->halo.red, c->halo.green, c->halo.blue, 0.7 } : &colour);
          cairo_stroke (cr);
        }

      /* an arrow in the middle of each leg long enough to hold one */
      for (guint k = 1; k < route->len; k++)
        {
          guint a = g_array_index (route, guint, k - 1);
          guint b = g_array_index (route, guint, k);
          double dx = xs[b] - xs[a], dy = ys[b] - ys[a];

          if (hypot (dx, dy) < 2 * MARKER_RADIUS + 20)
            continue;

          draw_arrow (cr, (xs[a] + xs[b]) / 2, (ys[a] + ys[b]) / 2, dx, dy, 8.0);
          gdk_cairo_set_source_rgba (cr, &colour);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.0);
          gdk_cairo_set_source_rgba (cr, &c->halo);
          cairo_stroke (cr);
        }
    }
}

static void
draw_marker (NdMapView     *self,
             cairo_t       *cr,
             const Colours *c,
             guint          index,
             double         x,
             double         y)
{
  const NdMapStop *s = g_ptr_array_index (self->stops, index);
  double r = marker_radius (self, index);
  GdkRGBA colour;

  stop_colour (c->dark, s->colour, &colour);

  cairo_new_path (cr);
  if ((int) index == self->selected)
    {
      cairo_arc (cr, x, y, r + 4, 0, 2 * G_PI);
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { colour.red, colour.green, colour.blue, 0.35 });
      cairo_fill (cr);
    }

  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, s->ordered ? &colour : &c->halo);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, s->ordered ? 2.0 : 2.5);
  gdk_cairo_set_source_rgba (cr, s->ordered ? &c->halo : &colour);
  cairo_stroke (cr);

  if (s->number > 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *markup = g_strdup_printf ("<span weight='bold' size='small'>%u</span>", s->number);
      int w, h;

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, x - w / 2.0, y - h / 2.0);
      gdk_cairo_set_source_rgba (cr, s->ordered ? &c->on_marker : &colour);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
}

typedef struct
{
  double x, y, w, h;
} Box;

static gboolean
box_overlaps (const Box *a,
              const Box *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w &&
         a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Labels go right, left, above or below their marker, wherever they do not
 * cover another label or marker; where none fits, the list has the text */
static void
draw_labels (NdMapView     *self,
             cairo_t       *cr,
             const Colours *c,
             const double  *xs,
             const double  *ys)
{
  guint n = self->stops->len;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Box));
  double width = view_width (self), height = view_height (self);

  for (guint i = 0; i < n; i++)
    {
      double r = marker_radius (self, i) + 1;
      Box b = { xs[i] - r, ys[i] - r, 2 * r, 2 * r };

      g_array_append_val (taken, b);
    }

  /* the selected stop first, then the hovered one, then in order */
  for (guint pass = 0; pass < n + 2; pass++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *label = NULL;
      const NdMapStop *s;
      int i, w, h;
      gboolean placed = FALSE;
      Box b = { 0, };

      if (pass == 0)
        i = self->selected;
      else if (pass == 1)
        i = self->hover != self->selected ? self->hover : -1;
      else
        {
          i = pass - 2;
          if (i == self->selected || i == self->hover)
            continue;
        }
      if (i < 0 || (guint) i >= n)
        continue;

      s = g_ptr_array_index (self->stops, i);
      label = nd_map_stop_get_label (s);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      if (i == self->selected)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", label);
          pango_layout_set_markup (layout, markup, -1);
        }
      else
        pango_layout_set_text (layout, label, -1);
      pango_layout_get_pixel_size (layout, &w, &h);

      for (int side = 0; side < 4 && !placed; side++)
        {
          double r = marker_radius (self, i) + 4;

          switch (side)
            {
            case 0: b = (Box) { xs[i] + r, ys[i] - h / 2.0, w, h }; break;
            case 1: b = (Box) { xs[i] - r - w, ys[i] - h / 2.0, w, h }; break;
            case 2: b = (Box) { xs[i] - w / 2.0, ys[i] - r - h, w, h }; break;
            default: b = (Box) { xs[i] - w / 2.0, ys[i] + r, w, h }; break;
            }

          if (b.x < 2 || b.y < 2 || b.x + b.w > width - 2 || b.y + b.h > height - 2)
            continue;

          placed = TRUE;
          for (guint k = 0; k < taken->len && placed; k++)
            {
              /* its own marker does not count */
              if (k == (guint) i)
                continue;
              if (box_overlaps (&b, &g_array_index (taken, Box, k)))
                placed = FALSE;
            }
        }

      if (!placed)
        continue;

      g_array_append_val (taken, b);

      cairo_move_to (cr, b.x, b.y);
      pango_cairo_layout_path (cr, layout);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, 3.5);
      gdk_cairo_set_source_rgba (cr, &c->halo);
      cairo_stroke (cr);
      cairo_move_to (cr, b.x, b.y);
      gdk_cairo_set_source_rgba (cr, &c->text);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
}

static void
draw_overlay (NdMapView     *self,
              cairo_t       *cr,
              const Colours *c)
{
  guint n = self->stops->len;
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));

  marker_positions (self, xs, ys);
  draw_routes (self, cr, c, xs, ys);

  /* later stops on top, and the hovered and selected ones on top of all */
  for (guint i = 0; i < n; i++)
    if ((int) i != self->selected && (int) i != self->hover)
      draw_marker (self, cr, c, i, xs[i], ys[i]);
  if (self->hover >= 0 && self->hover != self->selected && (guint) self->hover < n)
    draw_marker (self, cr, c, self->hover, xs[self->hover], ys[self->hover]);
  if (self->selected >= 0 && (guint) self->selected < n)
    draw_marker (self, cr, c, self->selected, xs[self->selected], ys[self->selected]);

  draw_labels (self, cr, c, xs, ys);

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      cairo_rectangle (cr, 1.5, 1.5, view_width (self) - 3, view_height (self) - 3);
      cairo_set_line_width (cr, 2.0);
      gdk_cairo_set_source_rgba (cr, &c->focus);
      cairo_stroke (cr);
    }
}

/* Callbacks ------------------------------------------------------------ */

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           NdMapView                *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  if (!self->dragging)
    set_hover (self, nd_map_view_stop_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          NdMapView                *self)
{
  self->pointer_x = view_width (self) / 2;
  self->pointer_y = view_height (self) / 2;
  set_hover (self, -1);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           NdMapView                *self)
{
  double factor;

  if (gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_WHEEL)
    factor = pow (1.25, -dy);
  else
    factor = pow (2.0, -dy / 120.0);

  nd_map_view_zoom_at (self, factor, self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *drag,
               double          x,
               double          y,
               NdMapView      *self)
{
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
  self->dragging = FALSE;
  self->drag_cancelled = FALSE;
}

static void
on_drag_update (GtkGestureDrag *drag,
                double          dx,
                double          dy,
                NdMapView      *self)
{
  if (self->zooming || self->drag_cancelled)
    return;

  if (!self->dragging && hypot (dx, dy) < CLICK_THRESHOLD)
    return;

  if (!self->dragging)
    {
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (drag), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      set_hover (self, -1);
    }

  self->center_x = self->drag_center_x - dx / self->world_px;
  self->center_y = self->drag_center_y - dy / self->world_px;
  self->auto_fit = FALSE;
  view_changed (self);
}

static void
on_drag_end (GtkGestureDrag *drag,
             double          dx,
             double          dy,
             NdMapView      *self)
{
  double x, y;

  if (self->dragging)
    {
      self->dragging = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
      return;
    }

  if (self->zooming || self->drag_cancelled)
    return;

  gtk_gesture_drag_get_start_point (drag, &x, &y);
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  nd_map_view_click (self, x + dx, y + dy);
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               NdMapView        *self)
{
  self->zooming = TRUE;
  self->drag_cancelled = TRUE;
  self->zoom_start_world_px = self->world_px;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       NdMapView      *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = view_width (self) / 2;
      y = view_height (self) / 2;
    }

  nd_map_view_zoom_at (self, self->zoom_start_world_px * scale / self->world_px, x, y);
}

static void
on_zoom_end (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             NdMapView        *self)
{
  self->zooming = FALSE;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  NdMapView  *self)
{
  g_autofree char *markup = NULL;
  int index;

  if (keyboard)
    index = self->selected;
  else
    index = nd_map_view_stop_at (self, x, y);

  if (index < 0)
    return FALSE;

  markup = nd_map_stop_get_tooltip_markup (g_ptr_array_index (self->stops, index));
  gtk_tooltip_set_markup (tooltip, markup);

  if (!keyboard)
    {
      g_autofree double *xs = g_new (double, self->stops->len);
      g_autofree double *ys = g_new (double, self->stops->len);
      double r = marker_radius (self, index) + MARKER_HIT_SLOP;

      marker_positions (self, xs, ys);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { xs[index] - r, ys[index] - r, 2 * r, 2 * r });
    }

  return TRUE;
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NdMapView *self = ND_MAP_VIEW (widget);
  double factor = g_str_equal (action_name, "map.zoom-in") ? KEY_ZOOM_STEP : 1 / KEY_ZOOM_STEP;

  nd_map_view_zoom_at (self, factor, view_width (self) / 2, view_height (self) / 2);
}

static void
action_pan (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  nd_map_view_pan (ND_MAP_VIEW (widget), dx, dy);
}

static void
action_reset_view (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  nd_map_view_reset_view (ND_MAP_VIEW (widget));
}

static void
action_activate_selected (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NdMapView *self = ND_MAP_VIEW (widget);

  if (self->selected >= 0)
    nd_map_view_activate_stop (self, self->selected);
}

/* Overrides ------------------------------------------------------------ */

static void
nd_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  NdMapView *self = ND_MAP_VIEW (widget);
  double width = view_width (self), height = view_height (self);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  double key[5] = { self->center_x, self->center_y, self->world_px, width, height };
  Colours c;
  cairo_t *cr;

  get_colours (self, &c);

  if (self->map_node != NULL &&
      (memcmp (key, self->map_node_key, sizeof key) != 0 || self->map_node_dark != c.dark))
    g_clear_pointer (&self->map_node, gsk_render_node_unref);

  if (self->map_node == NULL)
    {
      self->map_node = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (self->map_node);
      draw_map (self, cr, &c);
      cairo_destroy (cr);
      memcpy (self->map_node_key, key, sizeof key);
      self->map_node_dark = c.dark;
    }

  gtk_snapshot_push_clip (snapshot, &bounds);
  gtk_snapshot_append_node (snapshot, self->map_node);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_overlay (self, cr, &c);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);
}

static void
nd_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 480;
    }
  else
    {
      *minimum = 120;
      *natural = 360;
    }
}

static void
nd_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  NdMapView *self = ND_MAP_VIEW (widget);

  if (self->auto_fit)
    {
      nd_map_view_reset_view (self);
      self->auto_fit = TRUE;
    }
  else
    clamp_view (self);
}

static void
nd_map_view_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  NdMapView *self = ND_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (nd_map_view_parent_class)->css_changed (widget, change);

  g_clear_pointer (&self->map_node, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
nd_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NdMapView *self = ND_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NdMapView *self = ND_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      nd_map_view_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nd_map_view_dispose (GObject *object)
{
  NdMapView *self = ND_MAP_VIEW (object);

  g_clear_pointer (&self->map_node, gsk_render_node_unref);

  G_OBJECT_CLASS (nd_map_view_parent_class)->dispose (object);
}

static void
nd_map_view_finalize (GObject *object)
{
  NdMapView *self = ND_MAP_VIEW (object);

  g_clear_pointer (&self->stops, g_ptr_array_unref);

  G_OBJECT_CLASS (nd_map_view_parent_class)->finalize (object);
}

static void
nd_map_view_class_init (NdMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = nd_map_view_get_property;
  object_class->set_property = nd_map_view_set_property;
  object_class->dispose = nd_map_view_dispose;
  object_class->finalize = nd_map_view_finalize;

  widget_class->snapshot = nd_map_view_snapshot;
  widget_class->measure = nd_map_view_measure;
  widget_class->size_allocate = nd_map_view_size_allocate;
  widget_class->css_changed = nd_map_view_css_changed;

  /**
   * NdMapView:selected:
   *
   * The index of the selected stop, or -1.
   */
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NdMapView::stop-activated:
   * @self: the map
   * @index: the index of the stop in the array given to
   *   nd_map_view_set_stops()
   *
   * A stop was clicked, or activated with Enter.
   */
  signals[STOP_ACTIVATED] =
    g_signal_new ("stop-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /* what the zoom buttons, the keys and tests use */
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "map.pan", "(dd)", action_pan);
  gtk_widget_class_install_action (widget_class, "map.reset-view", NULL, action_reset_view);
  gtk_widget_class_install_action (widget_class, "map.activate-selected", NULL, action_activate_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(dd)", -KEY_PAN_STEP, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(dd)", KEY_PAN_STEP, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(dd)", 0.0, -KEY_PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(dd)", 0.0, KEY_PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.reset-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "map.reset-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.activate-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.activate-selected", NULL);

  gtk_widget_class_set_css_name (widget_class, "ndmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nd_map_view_init (NdMapView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  /* the coastlines are read when the map is first drawn (get_data) */
  self->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_map_stop_free);
  self->selected = -1;
  self->hover = -1;
  self->center_x = 0.5;
  self->center_y = 0.5;
  self->world_px = MIN_WORLD_PX;
  self->auto_fit = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  g_signal_connect (gesture, "end", G_CALLBACK (on_zoom_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.activate-selected", FALSE);
  update_accessible (self);
}

/* Public API ----------------------------------------------------------- */

GtkWidget *
nd_map_view_new (void)
{
  return g_object_new (ND_TYPE_MAP_VIEW, NULL);
}

/**
 * nd_map_view_set_stops:
 * @self: the map
 * @stops: (nullable) (element-type NdMapStop): the stops to show; the map
 *   keeps copies
 *
 * Shows these stops and fits the view to them (or to the world when there
 * are none). Indexes in "stop-activated" are indexes into @stops.
 */
void
nd_map_view_set_stops (NdMapView *self,
                       GPtrArray *stops)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));

  g_ptr_array_set_size (self->stops, 0);
  for (guint i = 0; stops != NULL && i < stops->len; i++)
    g_ptr_array_add (self->stops, nd_map_stop_copy (g_ptr_array_index (stops, i)));

  self->hover = -1;
  if (self->selected != -1)
    {
      self->selected = -1;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.activate-selected", FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }

  update_accessible (self);
  nd_map_view_reset_view (self);
}

guint
nd_map_view_get_n_stops (NdMapView *self)
{
  g_return_val_if_fail (ND_IS_MAP_VIEW (self), 0);

  return self->stops->len;
}

/**
 * nd_map_view_get_stop:
 *
 * Returns: (transfer none) (nullable): the stop at @index
 */
const NdMapStop *
nd_map_view_get_stop (NdMapView *self,
                      guint      index)
{
  g_return_val_if_fail (ND_IS_MAP_VIEW (self), NULL);

  if (index >= self->stops->len)
    return NULL;

  return g_ptr_array_index (self->stops, index);
}

int
nd_map_view_get_selected (NdMapView *self)
{
  g_return_val_if_fail (ND_IS_MAP_VIEW (self), -1);

  return self->selected;
}

/**
 * nd_map_view_set_selected:
 * @index: a stop, or -1 for none
 *
 * Highlights a stop, and pans to it if it is out of view.
 */
void
nd_map_view_set_selected (NdMapView *self,
                          int        index)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));

  if (index < -1 || index >= (int) self->stops->len)
    index = -1;

  if (self->selected == index)
    return;

  self->selected = index;

  if (index >= 0)
    {
      const NdMapStop *s = g_ptr_array_index (self->stops, index);
      double x, y;

      nd_map_view_project (self, s->lat, s->lon, &x, &y);
      if (x < MARKER_RADIUS || y < MARKER_RADIUS ||
          x > view_width (self) - MARKER_RADIUS || y > view_height (self) - MARKER_RADIUS)
        {
          self->center_x = lon_to_world (s->lon);
          self->center_y = lat_to_world (s->lat);
          self->auto_fit = FALSE;
          view_changed (self);
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.activate-selected", index >= 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/**
 * nd_map_view_activate_stop:
 *
 * Selects the stop and emits "stop-activated", as a click on it does.
 */
void
nd_map_view_activate_stop (NdMapView *self,
                           guint      index)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));
  g_return_if_fail (index < self->stops->len);

  nd_map_view_set_selected (self, index);
  g_signal_emit (self, signals[STOP_ACTIVATED], 0, index);
}

/**
 * nd_map_view_project:
 * @x: (out): widget x
 * @y: (out): widget y
 *
 * Where the point at @lat, @lon is in the widget (Web Mercator; latitudes
 * beyond ±85.05° are drawn at the edge).
 */
void
nd_map_view_project (NdMapView *self,
                     double     lat,
                     double     lon,
                     double    *x,
                     double    *y)
{
  double wx;

  g_return_if_fail (ND_IS_MAP_VIEW (self));

  wx = lon_to_world (lon);
  /* the copy of the world nearest the centre: Tokyo to Honolulu crosses
   * the date line, not the whole map */
  wx += round (self->center_x - wx);
  *x = (wx - self->center_x) * self->world_px + view_width (self) / 2.0;
  *y = (lat_to_world (lat) - self->center_y) * self->world_px + view_height (self) / 2.0;
}

/**
 * nd_map_view_unproject:
 * @lat: (out): latitude in degrees
 * @lon: (out): longitude in degrees
 *
 * The inverse of nd_map_view_project().
 */
void
nd_map_view_unproject (NdMapView *self,
                       double     x,
                       double     y,
                       double    *lat,
                       double    *lon)
{
  double wx;

  g_return_if_fail (ND_IS_MAP_VIEW (self));

  wx = (x - view_width (self) / 2.0) / self->world_px + self->center_x;
  *lon = world_to_lon (wx - floor (wx));
  *lat = world_to_lat ((y - view_height (self) / 2.0) / self->world_px + self->center_y);
}

/**
 * nd_map_view_fit_bounds:
 * @padding: pixels to keep free at each edge
 *
 * Zooms and pans so that the box fits in the widget with @padding around
 * it, without zooming in beyond regional detail for a box that is a point.
 */
void
nd_map_view_fit_bounds (NdMapView *self,
                        double     min_lat,
                        double     min_lon,
                        double     max_lat,
                        double     max_lon,
                        double     padding)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));

  fit_bounds_full (self, min_lat, min_lon, max_lat, max_lon, padding, padding);
}


static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The shortest span of longitudes that holds every stop: the complement
 * of the widest gap between them, so Tokyo, Honolulu and Fiji span the
 * Pacific (max_lon may pass 180) rather than the whole world */
static void
longitude_arc (GPtrArray *stops,
               double    *min_lon,
               double    *max_lon)
{
  g_autoptr(GArray) lons = g_array_sized_new (FALSE, FALSE, sizeof (double), stops->len);
  double gap, best_gap;
  guint best = 0;

  for (guint i = 0; i < stops->len; i++)
    g_array_append_val (lons, ((const NdMapStop *) g_ptr_array_index (stops, i))->lon);
  g_array_sort (lons, compare_doubles);

  /* the gap across the date line, from the last to the first */
  best_gap = g_array_index (lons, double, 0) + 360.0 - g_array_index (lons, double, lons->len - 1);
  for (guint i = 1; i < lons->len; i++)
    {
      gap = g_array_index (lons, double, i) - g_array_index (lons, double, i - 1);
      if (gap > best_gap)
        {
          best_gap = gap;
          best = i;
        }
    }

  *min_lon = g_array_index (lons, double, best);
  *max_lon = best == 0
    ? g_array_index (lons, double, lons->len - 1)
    : g_array_index (lons, double, best - 1) + 360.0;
}

/**
 * nd_map_view_reset_view:
 *
 * Fits the view to the stops, or shows the whole world when there are
 * none. Also what the "Fit to Stops" button and the Home key do.
 */
void
nd_map_view_reset_view (NdMapView *self)
{
  double min_lat = G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  double min_lon = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE;

  g_return_if_fail (ND_IS_MAP_VIEW (self));

  if (self->stops->len == 0)
    {
      self->world_px = 0;   /* clamped to the whole world */
      self->center_x = 0.5;
      self->center_y = 0.55;
      view_changed (self);
      self->auto_fit = TRUE;
      return;
    }

  for (guint i = 0; i < self->stops->len; i++)
    {
      const NdMapStop *s = g_ptr_array_index (self->stops, i);

      min_lat = MIN (min_lat, s->lat);
      max_lat = MAX (max_lat, s->lat);
    }
  longitude_arc (self->stops, &min_lon, &max_lon);

  /* room for the labels beside the markers, and for the buttons */
  fit_bounds_full (self, min_lat, min_lon, max_lat, max_lon,
                   MIN (DEFAULT_PADDING_X, view_width (self) / 5),
                   MIN (DEFAULT_PADDING_Y, view_height (self) / 5));
  self->auto_fit = TRUE;
}

/**
 * nd_map_view_zoom_at:
 * @factor: more than 1 zooms in
 * @x: widget x that stays in place
 * @y: widget y that stays in place
 */
void
nd_map_view_zoom_at (NdMapView *self,
                     double     factor,
                     double     x,
                     double     y)
{
  double wx, wy, new_px;

  g_return_if_fail (ND_IS_MAP_VIEW (self));
  g_return_if_fail (factor > 0);

  wx = (x - view_width (self) / 2.0) / self->world_px + self->center_x;
  wy = (y - view_height (self) / 2.0) / self->world_px + self->center_y;
  new_px = CLAMP (self->world_px * factor, min_world_px (self), MAX_WORLD_PX);

  self->world_px = new_px;
  self->center_x = wx - (x - view_width (self) / 2.0) / new_px;
  self->center_y = wy - (y - view_height (self) / 2.0) / new_px;
  self->auto_fit = FALSE;
  view_changed (self);
}

/**
 * nd_map_view_pan:
 *
 * Moves the view by @dx, @dy pixels (positive: to see what is right, below).
 */
void
nd_map_view_pan (NdMapView *self,
                 double     dx,
                 double     dy)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));

  self->center_x += dx / self->world_px;
  self->center_y += dy / self->world_px;
  self->auto_fit = FALSE;
  view_changed (self);
}

/**
 * nd_map_view_get_zoom:
 *
 * Returns: how many pixels wide the whole world is drawn
 */
double
nd_map_view_get_zoom (NdMapView *self)
{
  g_return_val_if_fail (ND_IS_MAP_VIEW (self), 0);

  return self->world_px;
}

/**
 * nd_map_view_stop_at:
 *
 * Returns: the index of the stop whose marker is at @x, @y (the nearest
 *   when markers overlap), or -1
 */
int
nd_map_view_stop_at (NdMapView *self,
                     double     x,
                     double     y)
{
  guint n;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  double best = G_MAXDOUBLE;
  int found = -1;

  g_return_val_if_fail (ND_IS_MAP_VIEW (self), -1);

  n = self->stops->len;
  if (n == 0)
    return -1;

  xs = g_new (double, n);
  ys = g_new (double, n);
  marker_positions (self, xs, ys);

  for (guint i = 0; i < n; i++)
    {
      double d = hypot (x - xs[i], y - ys[i]);

      if (d <= marker_radius (self, i) + MARKER_HIT_SLOP && d < best)
        {
          best = d;
          found = i;
        }
    }

  return found;
}

/**
 * nd_map_view_click:
 *
 * What a click (or tap) at @x, @y does: activates the stop there.
 *
 * Returns: whether there was a stop
 */
gboolean
nd_map_view_click (NdMapView *self,
                   double     x,
                   double     y)
{
  int index;

  g_return_val_if_fail (ND_IS_MAP_VIEW (self), FALSE);

  index = nd_map_view_stop_at (self, x, y);
  if (index < 0)
    return FALSE;

  nd_map_view_activate_stop (self, index);
  return TRUE;
}

/**
 * nd_map_view_get_stop_colour:
 *
 * The colour a traveller's markers and route have in the current style.
 */
void
nd_map_view_get_stop_colour (NdMapView *self,
                             guint      colour,
                             GdkRGBA   *rgba)
{
  g_return_if_fail (ND_IS_MAP_VIEW (self));

  stop_colour (is_dark (GTK_WIDGET (self)), colour, rgba);
}

/* NdMapPanel ----------------------------------------------------------- */

struct _NdMapPanel
{
  GtkWidget   parent_instance;

  NdMapView  *map;
  GtkListBox *list;
  GtkWidget  *scroller;
  gboolean    syncing;
};

G_DEFINE_FINAL_TYPE (NdMapPanel, nd_map_panel, GTK_TYPE_WIDGET)

enum {
  PANEL_STOP_ACTIVATED,
  N_PANEL_SIGNALS
};

static guint panel_signals[N_PANEL_SIGNALS];

static void
draw_row_marker (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  NdMapPanel *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "stop-index"));
  const NdMapStop *s = nd_map_view_get_stop (self->map, index);
  gboolean dark = is_dark (GTK_WIDGET (area));
  double r = MIN (width, height) / 2.0 - 1.5;
  GdkRGBA colour, on_marker;

  if (s == NULL)
    return;

  stop_colour (dark, s->colour, &colour);
  gdk_rgba_parse (&on_marker, dark ? "#1e1e1e" : "#ffffff");

  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  if (s->ordered)
    {
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_line_width (cr, 2.0);
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_stroke (cr);
    }

  if (s->number > 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
      g_autofree char *markup = g_strdup_printf ("<span weight='bold' size='small'>%u</span>", s->number);
      int w, h;

      pango_layout_set_markup (layout, markup, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, (width - w) / 2.0, (height - h) / 2.0);
      gdk_cairo_set_source_rgba (cr, s->ordered ? &on_marker : &colour);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
}

static GtkWidget *
create_row (NdMapPanel      *self,
            const NdMapStop *s,
            guint            index)
{
  GtkWidget *row, *box, *texts, *marker, *title, *subtitle;
  g_autofree char *label = nd_map_stop_get_label (s);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *accessible = NULL;

  if (s->purpose != NULL && *s->purpose != '\0')
    g_string_append (details, s->purpose);
  if (s->traveller != NULL && *s->traveller != '\0')
    {
      if (details->len > 0)
        g_string_append (details, " — ");
      g_string_append (details, s->traveller);
    }

  marker = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (marker), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (marker), 24);
  gtk_widget_set_valign (marker, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (marker), "stop-index", GUINT_TO_POINTER (index));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (marker), draw_row_marker, self, NULL);

  title = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);

  if (details->len > 0)
    {
      subtitle = gtk_label_new (details->str);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (texts), subtitle);
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), marker);
  gtk_box_append (GTK_BOX (box), texts);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, s->article);

  if (s->ordered && s->number > 0)
    /* Translators: how a screen reader says a stop in the list: "Stop 2: Ramallah · Day 2" */
    accessible = g_strdup_printf (_("Stop %u: %s"), s->number, label);
  else
    accessible = g_strdup (label);
  if (details->len > 0)
    {
      char *longer = g_strdup_printf ("%s, %s", accessible, details->str);
      g_free (accessible);
      accessible = longer;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
on_row_activated (GtkListBox    *list,
                  GtkListBoxRow *row,
                  NdMapPanel    *self)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->syncing || index < 0)
    return;

  self->syncing = TRUE;
  nd_map_view_activate_stop (self->map, index);
  self->syncing = FALSE;

  g_signal_emit (self, panel_signals[PANEL_STOP_ACTIVATED], 0, (guint) index);
}

static void
on_map_stop_activated (NdMapView  *map,
                       guint       index,
                       NdMapPanel *self)
{
  if (self->syncing)
    return;

  self->syncing = TRUE;
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
  self->syncing = FALSE;

  g_signal_emit (self, panel_signals[PANEL_STOP_ACTIVATED], 0, index);
}

static void
on_zoom_in_clicked (GtkButton  *button,
                    NdMapPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->map), "map.zoom-in", NULL);
}

static void
on_zoom_out_clicked (GtkButton  *button,
                     NdMapPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->map), "map.zoom-out", NULL);
}

static void
on_reset_clicked (GtkButton  *button,
                  NdMapPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self->map), "map.reset-view", NULL);
}

static GtkWidget *
osd_button (const char *icon,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "osd");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

static void
nd_map_panel_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (nd_map_panel_parent_class)->dispose (object);
}

static void
nd_map_panel_class_init (NdMapPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nd_map_panel_dispose;

  /**
   * NdMapPanel::stop-activated:
   * @index: the index of the stop in the array given to
   *   nd_map_panel_set_stops()
   *
   * A stop was clicked on the map or activated in the list.
   */
  panel_signals[PANEL_STOP_ACTIVATED] =
    g_signal_new ("stop-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ndmappanel");
}

static void
nd_map_panel_init (NdMapPanel *self)
{
  GtkWidget *overlay, *buttons, *button, *placeholder;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->map = ND_MAP_VIEW (nd_map_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map), TRUE);
  g_signal_connect_object (self->map, "stop-activated",
                           G_CALLBACK (on_map_stop_activated), self, 0);

  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_valign (buttons, GTK_ALIGN_START);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_end (buttons, 6);

  button = osd_button ("zoom-in-symbolic", _("Zoom In"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_zoom_in_clicked), self, 0);
  gtk_box_append (GTK_BOX (buttons), button);
  button = osd_button ("zoom-out-symbolic", _("Zoom Out"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_zoom_out_clicked), self, 0);
  gtk_box_append (GTK_BOX (buttons), button);
  button = osd_button ("zoom-fit-best-symbolic", _("Fit to Stops"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_reset_clicked), self, 0);
  gtk_box_append (GTK_BOX (buttons), button);

  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->map));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), buttons);
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_widget_set_parent (overlay, GTK_WIDGET (self));
  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No places to show"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stops"),
                                  -1);
  g_signal_connect_object (self->list, "row-activated",
                           G_CALLBACK (on_row_activated), self, 0);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
nd_map_panel_new (void)
{
  return g_object_new (ND_TYPE_MAP_PANEL, NULL);
}

/**
 * nd_map_panel_get_map_view:
 *
 * Returns: (transfer none): the map
 */
NdMapView *
nd_map_panel_get_map_view (NdMapPanel *self)
{
  g_return_val_if_fail (ND_IS_MAP_PANEL (self), NULL);

  return self->map;
}

/**
 * nd_map_panel_get_list:
 *
 * Returns: (transfer none): the list of the stops, one row per stop in
 *   the order given
 */
GtkListBox *
nd_map_panel_get_list (NdMapPanel *self)
{
  g_return_val_if_fail (ND_IS_MAP_PANEL (self), NULL);

  return self->list;
}

/**
 * nd_map_panel_set_stops:
 * @stops: (nullable) (element-type NdMapStop): the stops
 *
 * Shows the stops on the map and in the list, and fits the map to them.
 */
void
nd_map_panel_set_stops (NdMapPanel *self,
                        GPtrArray  *stops)
{
  GtkListBoxRow *row;

  g_return_if_fail (ND_IS_MAP_PANEL (self));

  nd_map_view_set_stops (self->map, stops);

  /* a handful of rows, rebuilt when the itinerary changes */
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  for (guint i = 0; stops != NULL && i < stops->len; i++)
    gtk_list_box_append (self->list, create_row (self, g_ptr_array_index (stops, i), i));
}

/**
 * nd_map_panel_set_selected:
 * @index: a stop, or -1
 *
 * Selects a stop on the map and in the list, without "stop-activated".
 */
void
nd_map_panel_set_selected (NdMapPanel *self,
                           int         index)
{
  g_return_if_fail (ND_IS_MAP_PANEL (self));

  self->syncing = TRUE;
  nd_map_view_set_selected (self->map, index);
  if (index >= 0)
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
  else
    gtk_list_box_unselect_all (self->list);
  self->syncing = FALSE;
}
