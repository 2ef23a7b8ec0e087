#ifndef ATELIER_CCAIRO_SHIM_H
#define ATELIER_CCAIRO_SHIM_H

// cairo has no variadic entry points that Atelier needs: the shim gathers the headers for
// PDF output and the PNG images (the stamp) that documents embed.
#include <cairo.h>
#include <cairo-pdf.h>

#endif
