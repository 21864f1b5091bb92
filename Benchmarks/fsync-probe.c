/* What one sync of a WAL-like append costs on this disk, alone: no SQLite, no Swift.
 * Appends one 4 KiB page + 24-byte frame header per round (as SQLite's WAL does for a
 * one-page commit) and calls fdatasync, 300 rounds; prints the median, p95 and max in ms.
 * With "overwrite" after the file, the pages are written and synced once first and the rounds
 * overwrite them in place, as SQLite does once its WAL has restarted (no size to record).
 * With "pages N", each round appends N pages, each as SQLite writes it: its 24-byte header, then
 * the page (a check-in commits 8). With "gap MS", each round first sleeps MS milliseconds, as a
 * key waits for the therapist: on the shared 2-core machine an 8-page sync after 15-50 ms of quiet
 * took 0.36-0.46 ms where the same sync back to back took 0.17-0.19.
 * cc -O2 -o fsync-probe Benchmarks/fsync-probe.c
 * ./fsync-probe /var/tmp/somewhere/probe.wal [overwrite] [pages N] [gap MS] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/types.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: fsync-probe FILE [overwrite] [pages N] [gap MS]\n"); return 2; }
    int overwrite = 0, pages = 1;
    double gap = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "overwrite") == 0) overwrite = 1;
        else if (strcmp(argv[i], "pages") == 0 && i + 1 < argc) pages = atoi(argv[++i]);
        else if (strcmp(argv[i], "gap") == 0 && i + 1 < argc) {
            char *end = NULL;
            gap = strtod(argv[++i], &end);
            if (end == argv[i] || *end != '\0') gap = -1;
        }
        else { fprintf(stderr, "usage: fsync-probe FILE [overwrite] [pages N] [gap MS]\n"); return 2; }
    }
    if (pages < 1 || pages > 64 || !(gap >= 0 && gap <= 60000)) {
        fprintf(stderr, "fsync-probe: pages 1-64, gap 0-60000 ms\n");
        return 2;
    }
    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) { perror("open"); return 1; }
    enum { rounds = 300, frame = 4096 + 24 };
    static char header[24], page[4096];
    memset(header, 0x5A, sizeof header);
    memset(page, 0xA5, sizeof page);
    double took[rounds];
    /* Round i writes frames i*pages .. i*pages+pages-1, each its header and then its page. */
    for (int pass = overwrite ? 0 : 1; pass < 2; pass++) {
        for (int i = 0; i < rounds; i++) {
            if (pass == 1 && gap > 0) usleep((useconds_t)(gap * 1000));
            for (int p = 0; p < pages; p++) {
                off_t at = 32 + ((off_t)i * pages + p) * frame;
                if (pwrite(fd, header, sizeof header, at) != (ssize_t)sizeof header
                    || pwrite(fd, page, sizeof page, at + (off_t)sizeof header) != (ssize_t)sizeof page) {
                    perror("pwrite");
                    return 1;
                }
            }
            if (pass == 0) continue;  /* overwrite: the first pass only lays the pages down */
            double start = now_ms();
            if (fdatasync(fd) != 0) { perror("fdatasync"); return 1; }
            took[i] = now_ms() - start;
        }
        if (pass == 0 && fsync(fd) != 0) { perror("fsync"); return 1; }
    }
    close(fd);
    unlink(argv[1]);
    qsort(took, rounds, sizeof took[0], compare);
    printf("fdatasync of a %d-page WAL %s, %d rounds, %.1f ms apart: median %.3f ms, p95 %.3f ms, max %.3f ms\n",
           pages, overwrite ? "overwrite in place" : "append", rounds, gap, took[rounds / 2], took[rounds * 95 / 100],
           took[rounds - 1]);
    return 0;
}
