/* fuzz_date.c — date_parse on arbitrary bytes. Checks, beyond "no crash":
 * a success gives a valid calendar date (and time), and the message of a
 * failure is a NUL-terminated line within the buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so ASan sees a read one byte past the input. */
    char *s = malloc(size ? size : 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    struct date_value d;
    char err[128];
    memset(err, 'x', sizeof err);
    if (date_parse(s, size, &d, err, sizeof err) == 0) {
        if (!date_is_valid(d.year, d.month, d.day))
            abort();
        if (d.has_time && (d.hour < 0 || d.hour > 23 || d.minute < 0 || d.minute > 59))
            abort();
        char iso[32];
        date_format_iso(&d, iso, sizeof iso);
        date_format_iso_time(&d, iso, sizeof iso);
    } else if (memchr(err, '\0', sizeof err) == NULL || strchr(err, '\n') != NULL) {
        abort();
    }
    free(s);
    return 0;
}
