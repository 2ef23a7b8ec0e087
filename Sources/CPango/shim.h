#ifndef ATELIER_CPANGO_SHIM_H
#define ATELIER_CPANGO_SHIM_H

// Pango lays text out (HarfBuzz shaping, bidirectional order, line breaking) and picks, through
// fontconfig, a font for every character the first one lacks; pangocairo draws it on the cairo
// surfaces of CCairo. No variadic entry point is needed.
#include <pango/pangocairo.h>

#endif
