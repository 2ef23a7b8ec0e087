#ifndef ATELIER_CQRENCODE_SHIM_H
#define ATELIER_CQRENCODE_SHIM_H

// Atelier encodes a room page's address (`QRcode_encodeString`) and draws the modules itself,
// with cairo; libqrencode is opened on first use (CLazyLink).
#include <qrencode.h>
#include "../CLazyLink/lazy_link.h"

#define ATELIER_LAZY_LIBRARY "libqrencode.so.4"
ATELIER_LAZY(QRcode *, QRcode_encodeString, (const char *string, int version, QRecLevel level, QRencodeMode hint, int casesensitive), (string, version, level, hint, casesensitive))
ATELIER_LAZY(void, QRcode_free, (QRcode *qrcode), (qrcode))
#undef ATELIER_LAZY_LIBRARY

#endif
