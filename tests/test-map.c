/* test-map.c — the map panel: world map data, projection, fitting, markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs real widgets under Xvfb (xvfb-run -a dbus-run-session -- meson test
 * map) and saves newsdesk-map.png and newsdesk-map-dark.png in
 * ND_SCREENSHOT_DIR (or the current folder) for a person to look at.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "nd-map-data.h"
#include "nd-map-view.h"
#include "test-gtk-common.h"

#define TIMEOUT_MS 10000
#define PADDING    40.0

static gboolean
is_allocated (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 100;
}

/* The sample itinerary of the issue: one traveller, four days */
static GPtrArray *
sample_stops (void)
{
  GPtrArray *stops = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_map_stop_free);
  const char *article = "Blinken Tours the Region as Ceasefire Talks Resume";

  g_ptr_array_add (stops, nd_map_stop_new ("Antony Blinken", 0, 1, "Tel Aviv", "Day 1",
                                           "Meets the prime minister", article,
                                           32.08, 34.78, TRUE));
  g_ptr_array_add (stops, nd_map_stop_new ("Antony Blinken", 0, 2, "Ramallah", "Day 2",
                                           "Talks with the Palestinian Authority", article,
                                           31.90, 35.20, TRUE));
  g_ptr_array_add (stops, nd_map_stop_new ("Antony Blinken", 0, 3, "Cairo", "Day 3",
                                           "Ceasefire talks with Egypt", article,
                                           30.04, 31.24, TRUE));
  g_ptr_array_add (stops, nd_map_stop_new ("Antony Blinken", 0, 4, "Amman", "Day 4",
                                           "Meets King Abdullah", article,
                                           31.95, 35.93, TRUE));
  return stops;
}

/* A window holding @child, shown and laid out */
static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (wait_for (is_allocated, child, TIMEOUT_MS));
  pump (100);

  return window;
}

static const char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("ND_SCREENSHOT_DIR");

  return dir != NULL && *dir != '\0' ? dir : ".";
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderNode *node;
  GdkTexture *texture;

  g_assert_nonnull (renderer);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  return texture;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autofree char *path = g_build_filename (screenshot_dir (), name, NULL);
  g_autoptr(GdkTexture) texture = NULL;

  g_mkdir_with_parents (screenshot_dir (), 0755);
  pump (300);
  texture = render_widget (widget);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The colour of one pixel of the rendered widget, as 0xRRGGBB */
static guint32
pixel_at (GtkWidget *widget,
          int        x,
          int        y)
{
  g_autoptr(GdkTexture) texture = render_widget (widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, width * height);

  g_assert_true (x >= 0 && x < width && y >= 0 && y < height);
  /* GDK_MEMORY_DEFAULT: B8G8R8A8 premultiplied on little-endian, as a guint32 0xAARRGGBB */
  gdk_texture_download (texture, (guchar *) pixels, width * 4);

  return pixels[y * width + x] & 0xffffff;
}

/* Map data -------------------------------------------------------------- */

static void
test_data (void)
{
  NdMapData *map = nd_map_data_get_default ();
  int egypt, palestine, israel;
  guint n_rings;

  g_assert_cmpuint (nd_map_data_get_n_countries (map), >, 200);
  nd_map_data_get_land (map, &n_rings);
  g_assert_cmpuint (n_rings, >, 1000);
  nd_map_data_get_borders (map, &n_rings);
  g_assert_cmpuint (n_rings, >, 100);

  egypt = nd_map_data_find_country (map, "Egypt");
  g_assert_cmpint (egypt, >=, 0);
  g_assert_cmpuint (nd_map_data_get_country_iso (map, egypt), ==, 818);
  g_assert_true (nd_map_data_country_contains (map, egypt, 30.04, 31.24));   /* Cairo */
  g_assert_cmpint (nd_map_data_country_at (map, 30.04, 31.24), ==, egypt);
  g_assert_false (nd_map_data_country_contains (map, egypt, 48.86, 2.35));   /* Paris */
  g_assert_false (nd_map_data_country_contains (map, egypt, 31.95, 35.93));  /* Amman */

  /* Israel, and the West Bank and Gaza (one Natural Earth feature) */
  israel = nd_map_data_find_country (map, "Israel");
  palestine = nd_map_data_find_country (map, "Palestine");
  g_assert_cmpint (israel, >=, 0);
  g_assert_cmpint (palestine, >=, 0);
  nd_map_data_get_country_rings (map, palestine, &n_rings);
  g_assert_cmpuint (n_rings, ==, 2);
  g_assert_cmpint (nd_map_data_country_at (map, 32.08, 34.80), ==, israel);     /* Tel Aviv */
  g_assert_cmpint (nd_map_data_country_at (map, 31.90, 35.20), ==, palestine);  /* Ramallah */
  g_assert_cmpint (nd_map_data_country_at (map, 31.50, 34.45), ==, palestine);  /* Gaza City */
  g_assert_cmpint (nd_map_data_country_at (map, 31.53, 35.10), ==, palestine);  /* Hebron */
  g_assert_true (nd_map_data_is_land (map, 31.50, 34.45));
  g_assert_true (nd_map_data_is_land (map, 31.90, 35.20));

  /* and the sea is not land */
  g_assert_false (nd_map_data_is_land (map, 33.5, 33.0));    /* off Lebanon */
  g_assert_false (nd_map_data_is_land (map, 0.0, -30.0));    /* mid-Atlantic */
  g_assert_cmpint (nd_map_data_country_at (map, 0.0, -30.0), ==, -1);
}

static void
test_data_damaged (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("NDMP\1\0\0\0\5\0\0\0", 12);
  g_autoptr(GError) error = NULL;
  NdMapData *map = nd_map_data_new_from_bytes (bytes, &error);

  g_assert_null (map);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Projection ------------------------------------------------------------ */

static void
assert_round_trip (NdMapView *view,
                   double     lat,
                   double     lon)
{
  double x, y, lat2, lon2;

  nd_map_view_project (view, lat, lon, &x, &y);
  nd_map_view_unproject (view, x, y, &lat2, &lon2);
  g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-7);
  g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-7);
}

static void
test_projection (void)
{
  NdMapView *view = ND_MAP_VIEW (nd_map_view_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (view), 640, 480);
  const double points[][2] = {
    { 0, 0 }, { 32.08, 34.78 }, { -33.87, 151.21 }, { 64.15, -21.94 },
    { -54.8, -68.3 }, { 80.0, 179.9 }, { -80.0, -179.9 },
  };
  double x, y, x2, y2, lat, lon, zoom;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    assert_round_trip (view, points[i][0], points[i][1]);

  /* north is up, east is right */
  nd_map_view_project (view, 30.0, 31.0, &x, &y);
  nd_map_view_project (view, 31.0, 32.0, &x2, &y2);
  g_assert_cmpfloat (x2, >, x);
  g_assert_cmpfloat (y2, <, y);

  /* zooming keeps the point under the pointer in place */
  nd_map_view_unproject (view, 200, 150, &lat, &lon);
  zoom = nd_map_view_get_zoom (view);
  nd_map_view_zoom_at (view, 4.0, 200, 150);
  g_assert_cmpfloat_with_epsilon (nd_map_view_get_zoom (view), zoom * 4, 1e-6);
  nd_map_view_project (view, lat, lon, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 200, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 150, 1e-6);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    assert_round_trip (view, points[i][0], points[i][1]);

  /* panning moves the map by as many pixels */
  nd_map_view_project (view, 20.0, 10.0, &x, &y);
  nd_map_view_pan (view, 30, -20);
  nd_map_view_project (view, 20.0, 10.0, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x - 30, 1e-6);
  g_assert_cmpfloat_with_epsilon (y2, y + 20, 1e-6);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    assert_round_trip (view, points[i][0], points[i][1]);

  /* never zoomed out beyond the whole world */
  nd_map_view_zoom_at (view, 1e-6, 320, 240);
  g_assert_cmpfloat (nd_map_view_get_zoom (view), >=, 480);

  gtk_window_destroy (window);
}

/* Fitting --------------------------------------------------------------- */

static void
assert_inside (NdMapView *view,
               double     lat,
               double     lon,
               double     padding)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  double x, y;

  nd_map_view_project (view, lat, lon, &x, &y);
  g_assert_cmpfloat (x, >=, padding - 0.5);
  g_assert_cmpfloat (x, <=, width - padding + 0.5);
  g_assert_cmpfloat (y, >=, padding - 0.5);
  g_assert_cmpfloat (y, <=, height - padding + 0.5);
}

static void
test_fit (void)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapView *view = ND_MAP_VIEW (nd_map_view_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (view), 640, 480);
  double x0, y0, x1, y1;
  int width, height;

  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));

  /* setting stops fits the view to them */
  nd_map_view_set_stops (view, stops);
  for (guint i = 0; i < stops->len; i++)
    {
      const NdMapStop *s = g_ptr_array_index (stops, i);
      assert_inside (view, s->lat, s->lon, PADDING);
    }

  /* fitting a box: corners inside, and the box fills one dimension */
  nd_map_view_fit_bounds (view, 30.04, 31.24, 32.08, 35.93, PADDING);
  assert_inside (view, 30.04, 31.24, PADDING);
  assert_inside (view, 32.08, 35.93, PADDING);
  nd_map_view_project (view, 32.08, 31.24, &x0, &y0);
  nd_map_view_project (view, 30.04, 35.93, &x1, &y1);
  g_assert_true (fabs ((x1 - x0) - (width - 2 * PADDING)) < 1.0 ||
                 fabs ((y1 - y0) - (height - 2 * PADDING)) < 1.0);

  /* a tall box too (Scandinavia to Sicily) */
  nd_map_view_fit_bounds (view, 37.0, 5.0, 71.0, 25.0, PADDING);
  assert_inside (view, 37.0, 5.0, PADDING);
  assert_inside (view, 71.0, 25.0, PADDING);

  /* after moving away, reset brings the stops back in */
  nd_map_view_zoom_at (view, 8.0, 10, 10);
  nd_map_view_pan (view, 2000, 0);
  nd_map_view_reset_view (view);
  for (guint i = 0; i < stops->len; i++)
    {
      const NdMapStop *s = g_ptr_array_index (stops, i);
      assert_inside (view, s->lat, s->lon, PADDING);
    }

  /* one stop: centred, at a regional zoom rather than street level */
  g_ptr_array_set_size (stops, 1);
  nd_map_view_set_stops (view, stops);
  nd_map_view_project (view, 32.08, 34.78, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, width / 2.0, 0.5);
  g_assert_cmpfloat_with_epsilon (y0, height / 2.0, 0.5);
  g_assert_cmpfloat (nd_map_view_get_zoom (view), <=, 256.0 * 256);

  /* across the date line: Tokyo, Suva and Honolulu span the Pacific, at a
   * zoom closer than the whole world, in order from west to east */
  {
    g_autoptr(GPtrArray) pacific = g_ptr_array_new_with_free_func ((GDestroyNotify) nd_map_stop_free);
    double zoom_world, xt, yt, xs, ys, xh, yh;

    g_ptr_array_add (pacific, nd_map_stop_new ("Antony Blinken", 0, 1, "Tokyo", NULL, NULL, NULL,
                                               35.68, 139.69, TRUE));
    g_ptr_array_add (pacific, nd_map_stop_new ("Antony Blinken", 0, 2, "Suva", NULL, NULL, NULL,
                                               -18.14, 178.44, TRUE));
    g_ptr_array_add (pacific, nd_map_stop_new ("Antony Blinken", 0, 3, "Honolulu", NULL, NULL, NULL,
                                               21.31, -157.86, TRUE));
    nd_map_view_set_stops (view, NULL);
    zoom_world = nd_map_view_get_zoom (view);
    nd_map_view_set_stops (view, pacific);
    for (guint i = 0; i < pacific->len; i++)
      {
        const NdMapStop *s = g_ptr_array_index (pacific, i);
        assert_inside (view, s->lat, s->lon, PADDING);
      }
    g_assert_cmpfloat (nd_map_view_get_zoom (view), >, 2 * zoom_world);
    nd_map_view_project (view, 35.68, 139.69, &xt, &yt);
    nd_map_view_project (view, -18.14, 178.44, &xs, &ys);
    nd_map_view_project (view, 21.31, -157.86, &xh, &yh);
    g_assert_cmpfloat (xt, <, xs);
    g_assert_cmpfloat (xs, <, xh);
    assert_round_trip (view, 21.31, -157.86);
    assert_round_trip (view, -18.14, 178.44);
    save_screenshot (GTK_WIDGET (window), "newsdesk-map-pacific.png");
  }

  gtk_window_destroy (window);
}

/* Markers --------------------------------------------------------------- */

static void
test_hit_test (void)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapView *view = ND_MAP_VIEW (nd_map_view_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (view), 640, 480);
  double x, y, x2, y2;

  nd_map_view_set_stops (view, stops);
  g_assert_cmpuint (nd_map_view_get_n_stops (view), ==, 4);

  for (guint i = 0; i < stops->len; i++)
    {
      const NdMapStop *s = g_ptr_array_index (stops, i);

      nd_map_view_project (view, s->lat, s->lon, &x, &y);
      g_assert_cmpint (nd_map_view_stop_at (view, x, y), ==, (int) i);
      g_assert_cmpint (nd_map_view_stop_at (view, x + 6, y - 6), ==, (int) i);
      g_assert_cmpstr (nd_map_view_get_stop (view, i)->place, ==, s->place);
    }

  /* far from every marker: between Cairo and Amman, and a corner */
  nd_map_view_project (view, 30.04, 31.24, &x, &y);
  nd_map_view_project (view, 31.95, 35.93, &x2, &y2);
  g_assert_cmpint (nd_map_view_stop_at (view, (x + x2) / 2, (y + y2) / 2 + 40), ==, -1);
  g_assert_cmpint (nd_map_view_stop_at (view, 2, 2), ==, -1);
  g_assert_cmpint (nd_map_view_stop_at (view, x + 40, y), ==, -1);

  /* two stops at one place get two markers, each hit on its own */
  g_ptr_array_add (stops, nd_map_stop_new ("Antony Blinken", 0, 5, "Cairo", "Day 5", NULL, NULL,
                                           30.04, 31.24, TRUE));
  nd_map_view_set_stops (view, stops);
  {
    gboolean seen[5] = { FALSE, };

    for (int dx = -20; dx <= 20; dx += 2)
      for (int dy = -20; dy <= 20; dy += 2)
        {
          int index;

          nd_map_view_project (view, 30.04, 31.24, &x, &y);
          index = nd_map_view_stop_at (view, x + dx, y + dy);
          if (index >= 0)
            seen[index] = TRUE;
        }
    g_assert_true (seen[2]);
    g_assert_true (seen[4]);
  }

  gtk_window_destroy (window);
}

static void
on_stop_activated (GObject *object,
                   guint    index,
                   int     *activated)
{
  *activated = index;
}

static void
test_activate (void)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapPanel *panel = ND_MAP_PANEL (nd_map_panel_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (panel), 640, 560);
  NdMapView *view = nd_map_panel_get_map_view (panel);
  GtkListBox *list = nd_map_panel_get_list (panel);
  int view_activated = -1, panel_activated = -1;
  GtkListBoxRow *row;
  double x, y;

  g_signal_connect (view, "stop-activated", G_CALLBACK (on_stop_activated), &view_activated);
  g_signal_connect (panel, "stop-activated", G_CALLBACK (on_stop_activated), &panel_activated);

  nd_map_panel_set_stops (panel, stops);
  pump (100);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 3));
  g_assert_null (gtk_list_box_get_row_at_index (list, 4));
  g_assert_cmpint (nd_map_view_get_selected (view), ==, -1);

  /* a click on Cairo's marker */
  nd_map_view_project (view, 30.04, 31.24, &x, &y);
  g_assert_true (nd_map_view_click (view, x + 2, y + 1));
  g_assert_cmpint (view_activated, ==, 2);
  g_assert_cmpint (panel_activated, ==, 2);
  g_assert_cmpint (nd_map_view_get_selected (view), ==, 2);
  row = gtk_list_box_get_selected_row (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_list_box_row_get_index (row), ==, 2);

  /* a click on the sea does nothing */
  view_activated = panel_activated = -1;
  g_assert_false (nd_map_view_click (view, 3, 3));
  g_assert_cmpint (view_activated, ==, -1);
  g_assert_cmpint (panel_activated, ==, -1);
  g_assert_cmpint (nd_map_view_get_selected (view), ==, 2);

  /* the list does the same for the keyboard */
  row = gtk_list_box_get_row_at_index (list, 3);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpint (panel_activated, ==, 3);
  g_assert_cmpint (view_activated, ==, 3);
  g_assert_cmpint (nd_map_view_get_selected (view), ==, 3);

  /* selecting from outside does not activate */
  view_activated = panel_activated = -1;
  nd_map_panel_set_selected (panel, 0);
  g_assert_cmpint (nd_map_view_get_selected (view), ==, 0);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 0);
  g_assert_cmpint (panel_activated, ==, -1);

  /* new stops clear the selection and the list */
  g_ptr_array_set_size (stops, 2);
  nd_map_panel_set_stops (panel, stops);
  g_assert_cmpint (nd_map_view_get_selected (view), ==, -1);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  nd_map_panel_set_stops (panel, NULL);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpuint (nd_map_view_get_n_stops (view), ==, 0);

  gtk_window_destroy (window);
}

/* The actions behind the zoom buttons and the keys */
static void
test_actions (void)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapView *view = ND_MAP_VIEW (nd_map_view_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (view), 640, 480);
  int activated = -1;
  double zoom, x, y, x2, y2;

  g_signal_connect (view, "stop-activated", G_CALLBACK (on_stop_activated), &activated);
  nd_map_view_set_stops (view, stops);
  zoom = nd_map_view_get_zoom (view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (nd_map_view_get_zoom (view), zoom * 1.5, 1e-6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (nd_map_view_get_zoom (view), zoom, 1e-6);

  nd_map_view_project (view, 30.04, 31.24, &x, &y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.pan", "(dd)", 64.0, 0.0));
  nd_map_view_project (view, 30.04, 31.24, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x - 64, 1e-6);
  g_assert_cmpfloat_with_epsilon (y2, y, 1e-6);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.reset-view", NULL));
  g_assert_cmpfloat_with_epsilon (nd_map_view_get_zoom (view), zoom, 1e-6);
  nd_map_view_project (view, 30.04, 31.24, &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x, 1e-6);

  /* Enter activates the selected stop, and nothing without one */
  gtk_widget_activate_action (GTK_WIDGET (view), "map.activate-selected", NULL);
  g_assert_cmpint (activated, ==, -1);
  nd_map_view_set_selected (view, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.activate-selected", NULL));
  g_assert_cmpint (activated, ==, 3);

  gtk_window_destroy (window);
}

static void
test_texts (void)
{
  g_autoptr(NdMapStop) stop = nd_map_stop_new ("Antony Blinken", 0, 3, "Cairo", "Day 3",
                                               "Talks with Egypt & Qatar", "Blinken <Tours>",
                                               30.04, 31.24, TRUE);
  g_autoptr(NdMapStop) bare = nd_map_stop_new (NULL, 2, 0, "Gaza City", NULL, NULL, NULL,
                                               31.50, 34.47, FALSE);
  g_autofree char *label = nd_map_stop_get_label (stop);
  g_autofree char *bare_label = nd_map_stop_get_label (bare);
  g_autofree char *markup = nd_map_stop_get_tooltip_markup (stop);
  g_autofree char *bare_markup = nd_map_stop_get_tooltip_markup (bare);
  g_autofree char *text = NULL;
  g_autoptr(NdMapStop) copy = nd_map_stop_copy (stop);

  g_assert_cmpstr (label, ==, "Cairo · Day 3");
  g_assert_cmpstr (bare_label, ==, "Gaza City");

  /* the tooltip: place, when, purpose, traveller, article, escaped */
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "3. Cairo\nDay 3\nTalks with Egypt & Qatar\nAntony Blinken\nBlinken <Tours>");
  g_assert_cmpstr (bare_markup, ==, "<b>Gaza City</b>");

  g_assert_cmpstr (copy->purpose, ==, stop->purpose);
  g_assert_cmpfloat (copy->lat, ==, 30.04);
  g_assert_true (copy->ordered);
}

/* An empty panel shows the whole world */
static void
test_screenshot_world (void)
{
  NdMapPanel *panel = ND_MAP_PANEL (nd_map_panel_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (panel), 720, 520);
  NdMapView *view = nd_map_panel_get_map_view (panel);
  double x, y;

  nd_map_panel_set_stops (panel, NULL);
  pump (100);
  nd_map_view_project (view, 0, -180, &x, &y);
  g_assert_cmpfloat (x, >=, -1);
  nd_map_view_project (view, 0, 180, &x, &y);
  g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (view)) + 1);
  save_screenshot (GTK_WIDGET (window), "newsdesk-map-world.png");
  gtk_window_destroy (window);
}

/* Screenshots ----------------------------------------------------------- */

static void
check_and_save (const char *name)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapPanel *panel = ND_MAP_PANEL (nd_map_panel_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (panel), 720, 640);
  NdMapView *view = nd_map_panel_get_map_view (panel);
  GdkRGBA colour;
  guint32 expected, pixel, sea;
  double x, y;

  nd_map_panel_set_stops (panel, stops);
  nd_map_panel_set_selected (panel, 1);
  pump (200);

  /* the marker is drawn in the traveller's colour where the stop is */
  nd_map_view_project (view, 30.04, 31.24, &x, &y);
  nd_map_view_get_stop_colour (view, 0, &colour);
  expected = ((guint32) round (colour.red * 255) << 16) |
             ((guint32) round (colour.green * 255) << 8) |
             (guint32) round (colour.blue * 255);
  /* a bit off the centre, beside the number */
  pixel = pixel_at (GTK_WIDGET (view), (int) x - 7, (int) y);
  g_assert_cmphex (pixel, ==, expected);
  /* and the Mediterranean off Sinai is sea */
  g_assert_false (nd_map_data_is_land (nd_map_data_get_default (), 31.6, 33.0));
  nd_map_view_project (view, 31.6, 33.0, &x, &y);
  sea = pixel_at (GTK_WIDGET (view), (int) x, (int) y);
  g_assert_cmphex (sea, !=, expected);

  save_screenshot (GTK_WIDGET (window), name);
  gtk_window_destroy (window);
}

static void
test_screenshot (void)
{
  check_and_save ("newsdesk-map.png");
}

static void
test_screenshot_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  pump (200);
  check_and_save ("newsdesk-map-dark.png");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  pump (100);
}

/* A merged timeline of two travellers, at regional zoom: the West Bank and
 * the Gaza Strip must show */
static void
test_screenshot_region (void)
{
  g_autoptr(GPtrArray) stops = sample_stops ();
  NdMapPanel *panel = ND_MAP_PANEL (nd_map_panel_new ());
  GtkWindow *window = show_in_window (GTK_WIDGET (panel), 720, 720);
  NdMapView *view = nd_map_panel_get_map_view (panel);
  const char *article = "Witkoff Plans Mideast Visit";
  GdkRGBA colour;
  guint32 pixel, land, sea;
  double x, y;

  g_ptr_array_set_size (stops, 2);
  g_ptr_array_add (stops, nd_map_stop_new ("Steve Witkoff", 1, 1, "Jerusalem", "Monday",
                                           "Meets Netanyahu", article, 31.78, 35.22, TRUE));
  g_ptr_array_add (stops, nd_map_stop_new ("Steve Witkoff", 1, 2, "Rafah crossing", "Tuesday",
                                           "Visits the crossing", article, 31.28, 34.25, TRUE));
  g_ptr_array_add (stops, nd_map_stop_new ("Steve Witkoff", 1, 0, "Gaza City", NULL,
                                           "Mentioned, date unknown", article, 31.50, 34.47, FALSE));
  nd_map_panel_set_stops (panel, stops);
  nd_map_view_fit_bounds (view, 30.9, 33.9, 32.6, 36.1, 10);
  pump (200);

  /* the Jerusalem marker in the second traveller's colour */
  nd_map_view_project (view, 31.78, 35.22, &x, &y);
  nd_map_view_get_stop_colour (view, 1, &colour);
  pixel = pixel_at (GTK_WIDGET (view), (int) x - 7, (int) y);
  g_assert_cmphex (pixel, ==, ((guint32) round (colour.red * 255) << 16) |
                              ((guint32) round (colour.green * 255) << 8) |
                              (guint32) round (colour.blue * 255));

  /* land in the south of the Gaza Strip, sea off its coast */
  nd_map_view_project (view, 31.35, 34.33, &x, &y);
  land = pixel_at (GTK_WIDGET (view), (int) x, (int) y);
  nd_map_view_project (view, 31.45, 34.20, &x, &y);
  sea = pixel_at (GTK_WIDGET (view), (int) x, (int) y);
  g_assert_cmphex (land, !=, sea);

  save_screenshot (GTK_WIDGET (window), "newsdesk-map-region.png");
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check () || gdk_display_get_default () == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/map/data", test_data);
  g_test_add_func ("/map/data-damaged", test_data_damaged);
  g_test_add_func ("/map/projection", test_projection);
  g_test_add_func ("/map/fit", test_fit);
  g_test_add_func ("/map/hit-test", test_hit_test);
  g_test_add_func ("/map/activate", test_activate);
  g_test_add_func ("/map/actions", test_actions);
  g_test_add_func ("/map/texts", test_texts);
  g_test_add_func ("/map/screenshot", test_screenshot);
  g_test_add_func ("/map/screenshot-world", test_screenshot_world);
  g_test_add_func ("/map/screenshot-dark", test_screenshot_dark);
  g_test_add_func ("/map/screenshot-region", test_screenshot_region);

  return g_test_run ();
}
