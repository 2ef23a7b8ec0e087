#ifndef ATELIER_CLIBPQ_SHIM_H
#define ATELIER_CLIBPQ_SHIM_H

// libpq has no variadic entry points that Atelier needs, so the shim only includes it.
#include <libpq-fe.h>

#endif
