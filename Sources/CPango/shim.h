#ifndef ATELIER_CPANGO_SHIM_H
#define ATELIER_CPANGO_SHIM_H

// Pango lays text out (HarfBuzz shaping, bidirectional order, line breaking) and picks, through
// fontconfig, a font for every character the first one lacks; pangocairo draws it on the cairo
// surfaces of CCairo. Each function Atelier calls is `atelier_NAME`, found in pangocairo or the
// libraries it depends on (Pango, GObject) on first use (CLazyLink).
#include <pango/pangocairo.h>
#include "../CLazyLink/lazy_link.h"

#define ATELIER_LAZY_LIBRARY "libpangocairo-1.0.so.0"
ATELIER_LAZY(void, g_object_unref, (gpointer object), (object))
ATELIER_LAZY(PangoAttribute *, pango_attr_family_new, (const char *family), (family))
ATELIER_LAZY(void, pango_attr_list_insert, (PangoAttrList *list, PangoAttribute *attr), (list, attr))
ATELIER_LAZY(PangoAttrList *, pango_attr_list_new, (void), ())
ATELIER_LAZY(void, pango_attr_list_unref, (PangoAttrList *list), (list))
ATELIER_LAZY(void, pango_cairo_context_set_font_options, (PangoContext *context, const cairo_font_options_t *options), (context, options))
ATELIER_LAZY(PangoFontMap *, pango_cairo_font_map_new, (void), ())
ATELIER_LAZY(void, pango_cairo_show_layout, (cairo_t *cr, PangoLayout *layout), (cr, layout))
ATELIER_LAZY(void, pango_cairo_update_context, (cairo_t *cr, PangoContext *context), (cr, context))
ATELIER_LAZY(void, pango_context_set_language, (PangoContext *context, PangoLanguage *language), (context, language))
ATELIER_LAZY(void, pango_context_set_round_glyph_positions, (PangoContext *context, gboolean round_positions), (context, round_positions))
ATELIER_LAZY(void, pango_font_description_free, (PangoFontDescription *desc), (desc))
ATELIER_LAZY(PangoFontDescription *, pango_font_description_new, (void), ())
ATELIER_LAZY(void, pango_font_description_set_absolute_size, (PangoFontDescription *desc, double size), (desc, size))
ATELIER_LAZY(void, pango_font_description_set_family, (PangoFontDescription *desc, const char *family), (desc, family))
ATELIER_LAZY(void, pango_font_description_set_weight, (PangoFontDescription *desc, PangoWeight weight), (desc, weight))
ATELIER_LAZY(PangoContext *, pango_font_map_create_context, (PangoFontMap *fontmap), (fontmap))
ATELIER_LAZY(PangoLanguage *, pango_language_from_string, (const char *language), (language))
ATELIER_LAZY(int, pango_layout_get_baseline, (PangoLayout *layout), (layout))
ATELIER_LAZY(void, pango_layout_get_extents, (PangoLayout *layout, PangoRectangle *ink_rect, PangoRectangle *logical_rect), (layout, ink_rect, logical_rect))
ATELIER_LAZY(int, pango_layout_get_line_count, (PangoLayout *layout), (layout))
ATELIER_LAZY(PangoLayoutLine *, pango_layout_get_line_readonly, (PangoLayout *layout, int line), (layout, line))
ATELIER_LAZY(PangoLayout *, pango_layout_new, (PangoContext *context), (context))
ATELIER_LAZY(void, pango_layout_set_attributes, (PangoLayout *layout, PangoAttrList *attrs), (layout, attrs))
ATELIER_LAZY(void, pango_layout_set_auto_dir, (PangoLayout *layout, gboolean auto_dir), (layout, auto_dir))
ATELIER_LAZY(void, pango_layout_set_font_description, (PangoLayout *layout, const PangoFontDescription *desc), (layout, desc))
ATELIER_LAZY(void, pango_layout_set_text, (PangoLayout *layout, const char *text, int length), (layout, text, length))
ATELIER_LAZY(void, pango_layout_set_width, (PangoLayout *layout, int width), (layout, width))
ATELIER_LAZY(void, pango_layout_set_wrap, (PangoLayout *layout, PangoWrapMode wrap), (layout, wrap))
#undef ATELIER_LAZY_LIBRARY

#endif
