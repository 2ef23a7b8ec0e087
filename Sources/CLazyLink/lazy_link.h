#ifndef ATELIER_LAZY_LINK_H
#define ATELIER_LAZY_LINK_H

// Opening a C library on its first use rather than when the process starts. cairo, Pango (with
// GLib and HarfBuzz), libcurl and libqrencode bring some sixty shared objects between them;
// mapping, relocating and initialising those took about 8 ms of every command's start, whether
// it drew a PDF or sent a mail or not. Their shims declare each function Atelier calls with
// ATELIER_LAZY: `atelier_NAME` has NAME's exact prototype (the compiler checks each call against
// the library's own header) and calls NAME through its address, looked up once.

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

/// The address of `symbol` in `library` (a soname, searched with its dependencies). A library
/// that cannot be opened is a broken installation, not a condition to recover from: the
/// process says which and stops, as the dynamic loader would have at start.
static inline void *atelier_lazy_address(const char *library, const char *symbol) {
    void *handle = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
    void *address = handle == NULL ? NULL : dlsym(handle, symbol);
    if (address == NULL) {
        fprintf(stderr, "Atelier cannot use %s from %s (%s): install the package that provides it.\n", symbol,
                library, dlerror());
        abort();
    }
    return address;
}

/// `atelier_lazy_NAME()`: NAME's address in ATELIER_LAZY_LIBRARY, looked up on the first call and
/// kept (two threads racing look it up twice and store the same address). For variadic functions,
/// which cannot be forwarded: the caller calls through the address itself.
#define ATELIER_LAZY_ADDRESS(name)                                                                  \
    static inline __typeof__(&name) atelier_lazy_##name(void) {                                     \
        static __typeof__(&name) address;                                                           \
        __typeof__(&name) known = __atomic_load_n(&address, __ATOMIC_ACQUIRE);                      \
        if (known == NULL) {                                                                        \
            known = (__typeof__(&name))atelier_lazy_address(ATELIER_LAZY_LIBRARY, #name);          \
            __atomic_store_n(&address, known, __ATOMIC_RELEASE);                                    \
        }                                                                                           \
        return known;                                                                               \
    }

/// `atelier_NAME(...)`: NAME, called through its lazily found address.
#define ATELIER_LAZY(result, name, parameters, arguments)                                           \
    ATELIER_LAZY_ADDRESS(name)                                                                      \
    static inline result atelier_##name parameters { return atelier_lazy_##name() arguments; }

#endif
