import Foundation
import Testing

/// An `LD_PRELOAD` library, compiled by the tests, that records every write, truncate, sync,
/// rename, unlink and folder creation a process makes under one folder, in order, with the
/// bytes written; and the files rebuilt as a power cut at any moment would have left them:
/// only writes followed by a sync of their file survive, and a new, renamed or removed name
/// survives only once its folder was synced.
///
/// The log is written before each call returns, so the log's length when the screen shows an
/// action is "the moment it appeared on screen".
enum IORecorder {
    static let source = #"""
    #define _GNU_SOURCE
    #include <dlfcn.h>
    #include <errno.h>
    #include <fcntl.h>
    #include <limits.h>
    #include <pthread.h>
    #include <stdarg.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/stat.h>
    #include <sys/types.h>
    #include <unistd.h>

    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static int logfd = -1;
    static char watch[PATH_MAX];
    static size_t watchlen;
    static char *paths[65536];
    static int isdir[65536];

    static int (*r_open)(const char *, int, ...);
    static int (*r_openat)(int, const char *, int, ...);
    static ssize_t (*r_write)(int, const void *, size_t);
    static ssize_t (*r_pwrite)(int, const void *, size_t, off_t);
    static int (*r_ftruncate)(int, off_t);
    static int (*r_fsync)(int);
    static int (*r_fdatasync)(int);
    static int (*r_close)(int);
    static int (*r_rename)(const char *, const char *);
    static int (*r_renameat)(int, const char *, int, const char *);
    static int (*r_unlink)(const char *);
    static int (*r_unlinkat)(int, const char *, int);
    static int (*r_mkdir)(const char *, mode_t);

    static void resolve(void) {
        if (r_open) return;
        r_open = dlsym(RTLD_NEXT, "open");
        r_openat = dlsym(RTLD_NEXT, "openat");
        r_write = dlsym(RTLD_NEXT, "write");
        r_pwrite = dlsym(RTLD_NEXT, "pwrite64");
        r_ftruncate = dlsym(RTLD_NEXT, "ftruncate64");
        r_fsync = dlsym(RTLD_NEXT, "fsync");
        r_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
        r_close = dlsym(RTLD_NEXT, "close");
        r_rename = dlsym(RTLD_NEXT, "rename");
        r_renameat = dlsym(RTLD_NEXT, "renameat");
        r_unlink = dlsym(RTLD_NEXT, "unlink");
        r_unlinkat = dlsym(RTLD_NEXT, "unlinkat");
        r_mkdir = dlsym(RTLD_NEXT, "mkdir");
    }

    __attribute__((constructor)) static void start(void) {
        resolve();
        const char *log = getenv("KNEAD_IO_LOG"), *w = getenv("KNEAD_IO_WATCH");
        if (!log || !w) return;
        strncpy(watch, w, PATH_MAX - 1);
        watchlen = strlen(watch);
        logfd = r_open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    }

    static int watched(const char *path) {
        return logfd >= 0 && path && path[0] == '/' && strncmp(path, watch, watchlen) == 0;
    }

    static void emit(const char *head, const void *data, size_t len) {
        static const char hex[] = "0123456789abcdef";
        size_t hl = strlen(head);
        char *line = malloc(hl + len * 2 + 2);
        if (!line) return;
        memcpy(line, head, hl);
        const unsigned char *bytes = data;
        for (size_t i = 0; i < len; i++) {
            line[hl + 2 * i] = hex[bytes[i] >> 4];
            line[hl + 2 * i + 1] = hex[bytes[i] & 15];
        }
        line[hl + 2 * len] = '\n';
        size_t total = hl + 2 * len + 1, done = 0;
        while (done < total) {
            ssize_t n = r_write(logfd, line + done, total - done);
            if (n <= 0) break;
            done += (size_t)n;
        }
        free(line);
    }

    static void opened(int fd, const char *path, int flags, int existed) {
        if (fd < 0 || fd >= 65536 || !watched(path)) return;
        struct stat st;
        int dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
        pthread_mutex_lock(&lock);
        free(paths[fd]);
        paths[fd] = strdup(path);
        isdir[fd] = dir;
        char head[PATH_MAX + 64];
        snprintf(head, sizeof head, "%c %d %d %d %s", dir ? 'D' : 'O', fd,
                 (flags & O_CREAT) && !existed, (flags & O_TRUNC) != 0, path);
        emit(head, "", 0);
        pthread_mutex_unlock(&lock);
    }

    static int exists(const char *path) { struct stat st; return stat(path, &st) == 0; }

    int open(const char *path, int flags, ...) {
        resolve();
        mode_t mode = 0;
        if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }
        int existed = watched(path) ? exists(path) : 1;
        int fd = r_open(path, flags, mode);
        int saved = errno;
        opened(fd, path, flags, existed);
        errno = saved;
        return fd;
    }
    int open64(const char *path, int flags, ...) {
        mode_t mode = 0;
        if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }
        return open(path, flags, mode);
    }
    int openat(int dirfd, const char *path, int flags, ...) {
        resolve();
        mode_t mode = 0;
        if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }
        if (path && path[0] == '/') return open(path, flags, mode);
        return r_openat(dirfd, path, flags, mode);
    }
    int openat64(int dirfd, const char *path, int flags, ...) {
        mode_t mode = 0;
        if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }
        return openat(dirfd, path, flags, mode);
    }

    static void wrote(int fd, off_t offset, const void *data, ssize_t n) {
        if (n <= 0 || fd < 0 || fd >= 65536) return;
        pthread_mutex_lock(&lock);
        if (paths[fd]) {
            char head[96];
            snprintf(head, sizeof head, "W %d %lld ", fd, (long long)offset);
            emit(head, data, (size_t)n);
        }
        pthread_mutex_unlock(&lock);
    }

    ssize_t pwrite(int fd, const void *data, size_t len, off_t offset) {
        resolve();
        ssize_t n = r_pwrite(fd, data, len, offset);
        int saved = errno;
        wrote(fd, offset, data, n);
        errno = saved;
        return n;
    }
    ssize_t pwrite64(int fd, const void *data, size_t len, off_t offset) { return pwrite(fd, data, len, offset); }

    ssize_t write(int fd, const void *data, size_t len) {
        resolve();
        off_t offset = (fd >= 0 && fd < 65536 && paths[fd]) ? lseek(fd, 0, SEEK_CUR) : 0;
        ssize_t n = r_write(fd, data, len);
        int saved = errno;
        if (fd != logfd) wrote(fd, offset, data, n);
        errno = saved;
        return n;
    }

    static void simple(char kind, int fd, long long value) {
        if (fd < 0 || fd >= 65536) return;
        pthread_mutex_lock(&lock);
        if (paths[fd]) {
            char head[96];
            snprintf(head, sizeof head, "%c %d %lld", kind, fd, value);
            emit(head, "", 0);
            if (kind == 'C') { free(paths[fd]); paths[fd] = NULL; }
        }
        pthread_mutex_unlock(&lock);
    }

    int ftruncate(int fd, off_t len) {
        resolve();
        int r = r_ftruncate(fd, len);
        int saved = errno;
        if (r == 0) simple('T', fd, (long long)len);
        errno = saved;
        return r;
    }
    int ftruncate64(int fd, off_t len) { return ftruncate(fd, len); }
    int fsync(int fd) {
        resolve();
        int r = r_fsync(fd);
        int saved = errno;
        if (r == 0) simple('S', fd, 0);
        errno = saved;
        return r;
    }
    int fdatasync(int fd) {
        resolve();
        int r = r_fdatasync(fd);
        int saved = errno;
        if (r == 0) simple('S', fd, 0);
        errno = saved;
        return r;
    }
    int close(int fd) {
        resolve();
        simple('C', fd, 0);
        return r_close(fd);
    }

    static void named(char kind, const char *a, const char *b) {
        pthread_mutex_lock(&lock);
        char head[2 * PATH_MAX + 8];
        if (b) snprintf(head, sizeof head, "%c %s\t%s", kind, a, b);
        else snprintf(head, sizeof head, "%c %s", kind, a);
        emit(head, "", 0);
        pthread_mutex_unlock(&lock);
    }
    int rename(const char *from, const char *to) {
        resolve();
        int r = r_rename(from, to);
        int saved = errno;
        if (r == 0 && (watched(from) || watched(to))) named('R', from, to);
        errno = saved;
        return r;
    }
    int renameat(int fromfd, const char *from, int tofd, const char *to) {
        if (from[0] == '/' && to[0] == '/') return rename(from, to);
        resolve();
        return r_renameat(fromfd, from, tofd, to);
    }
    int unlink(const char *path) {
        resolve();
        int r = r_unlink(path);
        int saved = errno;
        if (r == 0 && watched(path)) named('U', path, NULL);
        errno = saved;
        return r;
    }
    int unlinkat(int dirfd, const char *path, int flags) {
        resolve();
        int r = r_unlinkat(dirfd, path, flags);
        int saved = errno;
        if (r == 0 && path[0] == '/' && watched(path)) named('U', path, NULL);
        errno = saved;
        return r;
    }
    int mkdir(const char *path, mode_t mode) {
        resolve();
        int r = r_mkdir(path, mode);
        int saved = errno;
        if (r == 0 && watched(path)) named('M', path, NULL);
        errno = saved;
        return r;
    }
    """#

    /// Compiles the library once per test run into a temporary folder; returns its path.
    static func build() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("knead-iorecorder-\(getpid())")
        let library = folder.appendingPathComponent("iorecorder.so").path
        if FileManager.default.fileExists(atPath: library) { return library }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("iorecorder.c")
        try Data(source.utf8).write(to: file)
        // The system's cc, else the clang that comes with the Swift toolchain.
        var built = false
        for name in ["cc", "clang"] where !built {
            let compiler = Process()
            compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            compiler.arguments = [name, "-shared", "-fPIC", "-O1", "-o", library + ".tmp", file.path, "-ldl", "-lpthread"]
            compiler.standardError = FileHandle(forWritingAtPath: "/dev/null")
            guard (try? compiler.run()) != nil else { continue }
            compiler.waitUntilExit()
            built = compiler.terminationStatus == 0
        }
        guard built else { throw DriverError("Neither cc nor clang could build the I/O recorder (a C compiler is needed for the power-cut tests)") }
        _ = Foundation.rename(library + ".tmp", library)
        return library
    }

    /// The environment that makes a knead record its I/O under `watch` into `log`.
    static func environment(library: String, log: URL, watch: URL) -> [String: String] {
        ["LD_PRELOAD": library, "KNEAD_IO_LOG": log.path, "KNEAD_IO_WATCH": watch.path]
    }

    /// The log's length now: a moment to rebuild the files at.
    static func moment(_ log: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: log.path)[.size]) as? NSNumber)?.intValue ?? 0
    }
}

/// The files under the watched folder as the recorded operations left them on disk, with
/// everything not yet synced lost.
struct PowerCut {
    final class File {
        var durable: [UInt8]
        var current: [UInt8]
        var pending: [(offset: Int, bytes: [UInt8]?, length: Int)] = []  // bytes nil: a truncate to length
        init(_ bytes: [UInt8]) { durable = bytes; current = bytes }

        static func apply(_ op: (offset: Int, bytes: [UInt8]?, length: Int), to content: inout [UInt8]) {
            if let bytes = op.bytes {
                if content.count < op.offset + bytes.count {
                    content += [UInt8](repeating: 0, count: op.offset + bytes.count - content.count)
                }
                content.replaceSubrange(op.offset..<(op.offset + bytes.count), with: bytes)
            } else if op.length < content.count {
                content.removeSubrange(op.length...)
            } else {
                content += [UInt8](repeating: 0, count: op.length - content.count)
            }
        }
    }

    enum Entry { case file(File), folder }

    let root: String
    var current: [String: Entry] = [:]
    var durable: [String: Entry] = [:]
    var descriptors: [Int: (path: String, file: File?)] = [:]
    /// How many syncs each file had (by its name when synced).
    var syncs: [String: Int] = [:]
    /// Writes not yet synced, by the name their file had.
    var unsyncedWrites: [String: Int] = [:]

    /// The files under `root` now, taken as already on disk (`sync` is called first).
    init(root: URL) throws {
        self.root = root.path
        sync()
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = root.path + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let entry: Entry = isFolder.boolValue ? .folder : .file(File(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            current[path] = entry
            durable[path] = entry
        }
    }

    private static func parent(_ path: String) -> String { (path as NSString).deletingLastPathComponent }

    /// Applies the recorded operations from the log's bytes up to `upTo`.
    mutating func replay(_ log: [UInt8], from begin: Int = 0, upTo end: Int) {
        var start = begin
        while start < end, let newline = log[start..<end].firstIndex(of: 10) {
            apply(line: String(decoding: log[start..<newline], as: UTF8.self))
            start = newline + 1
        }
    }

    private mutating func apply(line: String) {
        guard let kind = line.first else { return }
        let rest = String(line.dropFirst(2))
        let fields = rest.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        switch kind {
        case "O", "D":
            guard fields.count == 4, let fd = Int(fields[0]) else { return }
            let path = fields[3]
            if kind == "D" {
                descriptors[fd] = (path, nil)
                return
            }
            let file: File
            if fields[1] == "1" || current[path] == nil {
                file = File([])
                file.durable = []
                current[path] = .file(file)
            } else if case .file(let existing) = current[path] {
                file = existing
            } else {
                return
            }
            if fields[2] == "1" { record(file, (0, nil, 0), path: path) }
            descriptors[fd] = (path, file)
        case "W":
            guard fields.count == 3, let fd = Int(fields[0]), let offset = Int(fields[1]),
                  let (path, file) = descriptors[fd].flatMap({ d in d.file.map { (d.path, $0) } }) else { return }
            record(file, (offset, Self.bytes(hex: fields[2]), 0), path: path)
        case "T":
            guard fields.count >= 2, let fd = Int(fields[0]), let length = Int(fields[1]),
                  let (path, file) = descriptors[fd].flatMap({ d in d.file.map { (d.path, $0) } }) else { return }
            record(file, (0, nil, length), path: path)
        case "S":
            guard let fd = Int(fields[0]), let descriptor = descriptors[fd] else { return }
            syncs[descriptor.path, default: 0] += 1
            if let file = descriptor.file {
                for op in file.pending { File.apply(op, to: &file.durable) }
                file.pending = []
                unsyncedWrites[descriptor.path] = 0
            } else {
                // A folder synced: its entries as they are now are on disk.
                let folder = descriptor.path
                for path in Set(current.keys).union(durable.keys) where Self.parent(path) == folder {
                    durable[path] = current[path]
                }
            }
        case "C":
            if let fd = Int(fields[0]) { descriptors[fd] = nil }
        case "R":
            let names = rest.split(separator: "\t").map(String.init)
            guard names.count == 2 else { return }
            current[names[1]] = current[names[0]]
            current[names[0]] = nil
        case "U":
            current[rest] = nil
        case "M":
            current[rest] = .folder
        default:
            break
        }
    }

    private mutating func record(_ file: File, _ op: (offset: Int, bytes: [UInt8]?, length: Int), path: String) {
        file.pending.append(op)
        File.apply(op, to: &file.current)
        unsyncedWrites[path, default: 0] += 1
    }

    private static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8 = c >= 97 ? c - 87 : c - 48
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        return out
    }

    /// Writes the files that would be on disk after a power cut now into `folder` (same layout
    /// under it as under the root); `-shm` files are left out, as SQLite rebuilds them.
    func rebuild(into folder: URL) throws {
        for (path, entry) in durable {
            guard case .file(let file) = entry, !path.hasSuffix("-shm"), reachable(path) else { continue }
            let target = folder.appendingPathComponent(String(path.dropFirst(root.count + 1)))
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.durable).write(to: target)
        }
    }

    /// Whether every folder between the root and a path is itself on disk.
    private func reachable(_ path: String) -> Bool {
        guard path.hasPrefix(root + "/") else { return false }
        var ancestor = Self.parent(path)
        while ancestor.count > root.count {
            guard case .folder? = durable[ancestor] else { return false }
            ancestor = Self.parent(ancestor)
        }
        return true
    }

    /// The durable bytes of the file at a path, if it would survive (its folders too).
    func durableBytes(_ path: String) -> [UInt8]? {
        if case .file(let file)? = durable[path], reachable(path) { return file.durable }
        return nil
    }
}
