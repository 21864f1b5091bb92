/* What one sync of a WAL-like append costs on this disk, alone: no SQLite, no Swift.
 * Appends one 4 KiB page + 24-byte frame header per round (as SQLite's WAL does for a
 * one-page commit) and calls fdatasync, 300 rounds; prints the median, p95 and max in ms.
 * With "overwrite" after the file, the pages are written and synced once first and the rounds
 * overwrite them in place, as SQLite does once its WAL has restarted (no size to record).
 * cc -O2 -o fsync-probe Benchmarks/fsync-probe.c && ./fsync-probe /var/tmp/somewhere/probe.wal [overwrite] */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
    if (argc < 2) { fprintf(stderr, "usage: fsync-probe FILE [overwrite]\n"); return 2; }
    int overwrite = argc > 2 && strcmp(argv[2], "overwrite") == 0;
    int fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) { perror("open"); return 1; }
    enum { rounds = 300, frame = 4096 + 24 };
    static char page[frame];
    memset(page, 0xA5, sizeof page);
    double took[rounds];
    if (overwrite) {
        for (int i = 0; i < rounds; i++) {
            if (pwrite(fd, page, frame, 32 + (off_t)i * frame) != frame) { perror("pwrite"); return 1; }
        }
        if (fsync(fd) != 0) { perror("fsync"); return 1; }
    }
    for (int i = 0; i < rounds; i++) {
        if (pwrite(fd, page, frame, 32 + (off_t)i * frame) != frame) { perror("pwrite"); return 1; }
        double start = now_ms();
        if (fdatasync(fd) != 0) { perror("fdatasync"); return 1; }
        took[i] = now_ms() - start;
    }
    close(fd);
    unlink(argv[1]);
    qsort(took, rounds, sizeof took[0], compare);
    printf("fdatasync of a one-page WAL %s, %d rounds: median %.3f ms, p95 %.3f ms, max %.3f ms\n",
           overwrite ? "overwrite in place" : "append", rounds, took[rounds / 2], took[rounds * 95 / 100], took[rounds - 1]);
    return 0;
}
