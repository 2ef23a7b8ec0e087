#ifndef ATELIER_CQRENCODE_SHIM_H
#define ATELIER_CQRENCODE_SHIM_H

// libqrencode has no variadic entry points: the shim only brings its header. Atelier encodes a
// room page's address (`QRcode_encodeString`) and draws the modules itself, with cairo.
#include <qrencode.h>

#endif
