// swift-tools-version: 6.1
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// How the release `knead` is linked, for its start and its memory (README, Performance):
/// - lld lays out the functions knead runs from its start to the first frame and for a key
///   together, in the order of `Benchmarks/startup-order.txt` (made by
///   `Benchmarks/startup-order.sh`). Scattered, they were paged in one 64 KiB fault-around window
///   at a time across 19 MiB of code; a stale list costs speed, never behaviour.
/// - `-z pack-relative-relocs` (DT_RELR) stores the 90,000 relative relocations of the position-
///   independent binary in 20 KB instead of 2 MB. glibc reads it from 2.36 on, and a binary that
///   asks for it does not start on an older one: only when the glibc building it is new enough.
/// - `--no-export-dynamic`: nothing loads knead as a library, so its 11,000 symbols need not be
///   in the dynamic table (and looked up at every start).
let releaseLink: [LinkerSetting] = {
    var flags = ["-use-ld=lld",
                 "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Benchmarks/startup-order.txt",
                 "-Xlinker", "--no-warn-symbol-ordering",
                 "-Xlinker", "--no-export-dynamic"]
    if glibcReadsPackedRelocations() { flags += ["-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"] }
    return [.unsafeFlags(flags, .when(platforms: [.linux], configuration: .release))]
}()

/// Whether the C library of the machine building knead is glibc 2.36 or later.
func glibcReadsPackedRelocations() -> Bool {
    #if canImport(Glibc)
    var buffer = [CChar](repeating: 0, count: 64)  // "glibc 2.36"
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return false }
    let version = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = version.dropFirst("glibc ".count).split(separator: ".").compactMap { Int($0) }
    return parts.count >= 2 && (parts[0], parts[1]) >= (2, 36)
    #else
    return false
    #endif
}

let package = Package(
    name: "Knead",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "knead", targets: ["knead"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CLibpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // The libpq functions knead calls, opening libpq.so.5 at the first sync (see loader.c).
        .target(name: "CLibpqLoader"),
        .target(name: "KneadCore"),
        .target(
            name: "KneadStore",
            dependencies: ["KneadCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "KneadSync",
            dependencies: ["CLibpq", "CLibpqLoader", "KneadCore", "KneadStore"]
        ),
        .target(
            name: "KneadUI",
            dependencies: ["KneadCore", "TOMLKit"]
        ),
        .target(
            name: "KneadTerminal",
            dependencies: ["CNcurses", "KneadUI"]
        ),
        .executableTarget(
            name: "knead",
            dependencies: [
                "KneadCore", "KneadStore", "KneadSync", "KneadUI", "KneadTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            linkerSettings: releaseLink
        ),
        .executableTarget(
            name: "knead-bench",
            dependencies: ["KneadCore", "KneadStore", "KneadSync", "KneadUI", "KneadTerminal"]
        ),
        .testTarget(
            name: "KneadCoreTests",
            dependencies: ["KneadCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "KneadStoreTests",
            dependencies: ["KneadCore", "KneadStore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "KneadSyncTests", dependencies: ["KneadCore", "KneadStore", "KneadSync", "KneadUI", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "KneadUITests",
            dependencies: ["KneadCore", "KneadUI", "KneadStore"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "KneadTerminalTests", dependencies: ["KneadUI", "KneadTerminal", "CNcurses"]),
        .testTarget(name: "KneadEndToEndTests", dependencies: ["KneadCore", "KneadStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KneadCommandTests", dependencies: ["knead", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
