// swift-tools-version: 6.1
import PackageDescription

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
        .target(name: "KneadCore"),
        .target(
            name: "KneadStore",
            dependencies: ["KneadCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "KneadSync",
            dependencies: ["CLibpq", "KneadCore", "KneadStore"]
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
            ]
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
        .testTarget(name: "KneadStoreTests", dependencies: ["KneadCore", "KneadStore"]),
        .testTarget(name: "KneadSyncTests", dependencies: ["KneadCore", "KneadStore", "KneadSync", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "KneadUITests",
            dependencies: ["KneadCore", "KneadUI", "KneadStore"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "KneadTerminalTests", dependencies: ["KneadUI", "KneadTerminal", "CNcurses"]),
        .testTarget(name: "KneadEndToEndTests", dependencies: ["KneadCore", "KneadStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KneadCommandTests", dependencies: ["knead"]),
    ],
    swiftLanguageModes: [.v6]
)
