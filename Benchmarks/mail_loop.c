/* The reference for Atelier's sender: plain C looping curl_easy_perform over one reused handle,
 * sending the same message MESSAGES times to the SMTP server at URL. Prints messages per second.
 *
 *   mail_loop URL MESSAGE_FILE MESSAGES
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct upload { const char *bytes; size_t size, sent; };

static size_t read_message(char *buffer, size_t size, size_t count, void *context) {
    struct upload *upload = context;
    size_t length = size * count, left = upload->size - upload->sent;
    if (length > left) length = left;
    memcpy(buffer, upload->bytes + upload->sent, length);
    upload->sent += length;
    return length;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: mail_loop URL MESSAGE_FILE MESSAGES\n"); return 64; }
    FILE *file = fopen(argv[2], "rb");
    if (!file) { perror(argv[2]); return 66; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *bytes = malloc((size_t)size);
    if (!bytes || fread(bytes, 1, (size_t)size, file) != (size_t)size) { perror("read"); return 74; }
    fclose(file);
    long messages = atol(argv[3]);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    struct curl_slist *recipients = curl_slist_append(NULL, "<bench@asso.example>");
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < messages; i++) {
        struct upload upload = { bytes, (size_t)size, 0 };
        curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<formation@atelier.example>");
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
        curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
        CURLcode code = curl_easy_perform(curl);
        if (code != CURLE_OK) { fprintf(stderr, "message %ld: %s\n", i, curl_easy_strerror(code)); return 75; }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"figure\": \"c_loop_messages_per_s\", \"value\": %.1f}\n", (double)messages / seconds);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    free(bytes);
    return 0;
}
