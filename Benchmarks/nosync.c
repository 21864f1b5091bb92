/* Syncs as no-ops, to time what knead does around a save without the disk's part: fsync and
 * fdatasync return at once. For benchmarks only: data written under it is NOT durable.
 * cc -O2 -shared -fPIC -o /tmp/nosync.so Benchmarks/nosync.c
 * knead-bench checkin --env LD_PRELOAD=/tmp/nosync.so [--knead PATH] */
int fsync(int fd) { (void)fd; return 0; }
int fdatasync(int fd) { (void)fd; return 0; }
