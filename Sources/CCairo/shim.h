#ifndef ATELIER_CCAIRO_SHIM_H
#define ATELIER_CCAIRO_SHIM_H

// The headers for PDF output and the PNG images (the stamp) that documents embed, and each cairo
// function Atelier calls as `atelier_NAME`: cairo is opened on first use (CLazyLink), not at start.
#include <cairo.h>
#include <cairo-pdf.h>
#include "../CLazyLink/lazy_link.h"

#define ATELIER_LAZY_LIBRARY "libcairo.so.2"
ATELIER_LAZY(cairo_t *, cairo_create, (cairo_surface_t *target), (target))
ATELIER_LAZY(void, cairo_destroy, (cairo_t *cr), (cr))
ATELIER_LAZY(void, cairo_fill, (cairo_t *cr), (cr))
ATELIER_LAZY(cairo_font_options_t *, cairo_font_options_create, (void), ())
ATELIER_LAZY(void, cairo_font_options_destroy, (cairo_font_options_t *options), (options))
ATELIER_LAZY(void, cairo_font_options_set_hint_metrics, (cairo_font_options_t *options, cairo_hint_metrics_t hint_metrics), (options, hint_metrics))
ATELIER_LAZY(void, cairo_font_options_set_hint_style, (cairo_font_options_t *options, cairo_hint_style_t hint_style), (options, hint_style))
ATELIER_LAZY(cairo_surface_t *, cairo_image_surface_create_from_png_stream, (cairo_read_func_t read_func, void *closure), (read_func, closure))
ATELIER_LAZY(unsigned char *, cairo_image_surface_get_data, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(cairo_format_t, cairo_image_surface_get_format, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(int, cairo_image_surface_get_height, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(int, cairo_image_surface_get_stride, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(int, cairo_image_surface_get_width, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(void, cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))
ATELIER_LAZY(void, cairo_paint, (cairo_t *cr), (cr))
ATELIER_LAZY(cairo_surface_t *, cairo_pdf_surface_create_for_stream, (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points), (write_func, closure, width_in_points, height_in_points))
ATELIER_LAZY(void, cairo_pdf_surface_set_metadata, (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8), (surface, metadata, utf8))
ATELIER_LAZY(void, cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height))
ATELIER_LAZY(void, cairo_restore, (cairo_t *cr), (cr))
ATELIER_LAZY(void, cairo_save, (cairo_t *cr), (cr))
ATELIER_LAZY(void, cairo_scale, (cairo_t *cr, double sx, double sy), (cr, sx, sy))
ATELIER_LAZY(void, cairo_set_line_width, (cairo_t *cr, double width), (cr, width))
ATELIER_LAZY(void, cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue))
ATELIER_LAZY(void, cairo_set_source_surface, (cairo_t *cr, cairo_surface_t *surface, double x, double y), (cr, surface, x, y))
ATELIER_LAZY(void, cairo_show_page, (cairo_t *cr), (cr))
ATELIER_LAZY(cairo_status_t, cairo_status, (cairo_t *cr), (cr))
ATELIER_LAZY(const char *, cairo_status_to_string, (cairo_status_t status), (status))
ATELIER_LAZY(void, cairo_stroke, (cairo_t *cr), (cr))
ATELIER_LAZY(void, cairo_surface_destroy, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(void, cairo_surface_finish, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(void, cairo_surface_flush, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))
ATELIER_LAZY(void, cairo_translate, (cairo_t *cr, double tx, double ty), (cr, tx, ty))
#undef ATELIER_LAZY_LIBRARY

#endif
