#ifndef ATELIER_CCURL_SHIM_H
#define ATELIER_CCURL_SHIM_H

#include <curl/curl.h>
#include "../CLazyLink/lazy_link.h"

// libcurl is opened on first use (CLazyLink), not at start: each function Atelier calls is
// `atelier_NAME`.
#define ATELIER_LAZY_LIBRARY "libcurl.so.4"
ATELIER_LAZY(CURLcode, curl_global_init, (long flags), (flags))
ATELIER_LAZY(CURL *, curl_easy_init, (void), ())
ATELIER_LAZY(CURLcode, curl_easy_perform, (CURL *curl), (curl))
ATELIER_LAZY(void, curl_easy_cleanup, (CURL *curl), (curl))
ATELIER_LAZY(const char *, curl_easy_strerror, (CURLcode code), (code))
ATELIER_LAZY(const struct curl_easyoption *, curl_easy_option_by_id, (CURLoption id), (id))
ATELIER_LAZY(struct curl_slist *, curl_slist_append, (struct curl_slist *list, const char *data), (list, data))
ATELIER_LAZY(void, curl_slist_free_all, (struct curl_slist *list), (list))
ATELIER_LAZY_ADDRESS(curl_version_info)
ATELIER_LAZY_ADDRESS(curl_easy_setopt)
ATELIER_LAZY_ADDRESS(curl_easy_getinfo)
#undef ATELIER_LAZY_LIBRARY

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call (nor C forward):
// one wrapper per C argument type, calling through the variadic function's address, so that each
// value reaches libcurl with the width it reads: `long`, never `int`
// (https://curl.se/libcurl/c/curl_easy_setopt.html).

static inline CURLcode atelier_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback value) {
    return atelier_lazy_curl_easy_setopt()(handle, option, value);
}

static inline CURLcode atelier_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return atelier_lazy_curl_easy_getinfo()(handle, info, value);
}

static inline CURLcode atelier_curl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return atelier_lazy_curl_easy_getinfo()(handle, info, value);
}

// CURLVERSION_NOW is a macro naming an enum constant, which Swift does not import.
static inline curl_version_info_data *atelier_curl_version_info(void) {
    return atelier_lazy_curl_version_info()(CURLVERSION_NOW);
}

#endif
