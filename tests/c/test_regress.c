/* test_regress.c — every input kept in tests/regress/CORE/ (crashes and
 * hangs found by fuzzing, and hostile inputs) goes back through its parser,
 * with the very checks of its fuzz target (fuzz/fuzz_CORE.c, included here
 * under another name). A failed check aborts: the test program then exits
 * non-zero, after naming the file on the line before. Run from the
 * repository root. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define LLVMFuzzerTestOneInput regress_date
#include "../../fuzz/fuzz_date.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_html
#include "../../fuzz/fuzz_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_csv
#include "../../fuzz/fuzz_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_page
#include "../../fuzz/fuzz_page.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_text
#include "../../fuzz/fuzz_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput regress_sqlite
#include "../../fuzz/fuzz_sqlite.c"
#undef LLVMFuzzerTestOneInput

struct core {
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
};

/* Runs every file of tests/regress/NAME/ (sorted, hidden files skipped). */
static size_t run_core(const struct core *c)
{
    char dir[256];
    snprintf(dir, sizeof dir, "tests/regress/%s", c->name);
    char *names[4096];
    long n = check_list_dir(dir, names, sizeof names / sizeof names[0]);
    if (n < 0)
        return 0;
    for (long i = 0; i < n; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t size = 0;
        unsigned char *data = (unsigned char *)check_read_file(path, &size);
        if (data == NULL) {
            printf("not ok - %s: cannot read it\n", path);
            check_failures++;
        } else {
            printf("# %s (%zu bytes)\n", path, size);
            fflush(stdout);
            c->run(data, size);            /* aborts on a failed check */
            printf("ok - %s\n", path);
            free(data);
        }
        free(names[i]);
    }
    return (size_t)n;
}

int main(void)
{
    const struct core cores[] = {
        {"date", regress_date},
        {"html", regress_html},
        {"csv", regress_csv},
        {"page", regress_page},
        {"text", regress_text},
        {"sqlite", regress_sqlite},
    };
    size_t files = 0;
    for (size_t i = 0; i < sizeof cores / sizeof cores[0]; i++)
        files += run_core(&cores[i]);
    CHECK(files > 0);   /* run from the repository root, tests/regress found */
    return check_done();
}
