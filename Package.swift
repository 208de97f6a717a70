// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "wikiclean",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "WikiClean", targets: ["WikiClean"]),
        .executable(name: "wikiclean", targets: ["wikiclean"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System ICU (libicu-dev). Only CICUShims sees its headers: a Swift module that sees
        // ICU next to Foundation fails to build ('UErrorCode' has different definitions).
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        // C shim over ICU; its public header uses <stdint.h> types only and hides the
        // version-suffixed ICU symbol names.
        .target(name: "CICUShims", dependencies: ["CICU"]),
        .target(name: "TextNormalization", dependencies: ["CICUShims"]),
        .target(
            name: "WikiClean",
            dependencies: [
                "TextNormalization",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "wikiclean",
            dependencies: [
                "WikiClean",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // On Linux the command allocates with mimalloc (libmimalloc-dev) instead of glibc's
            // malloc: the run allocates a string or two per line and frees them on another
            // thread, and with mimalloc the 100 MB benchmark dump took 10% less time, one job
            // or two (README, Performance). The library leaves the allocator to its host.
            // `WIKICLEAN_SYSTEM_MALLOC=1 swift build` links none (where mimalloc is missing).
            linkerSettings: Context.environment["WIKICLEAN_SYSTEM_MALLOC"] == "1"
                ? [] : [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // Fuzz harness: replays files normally; libFuzzer-driven with -DFUZZING (Tests/Fuzz/run-fuzzer.sh).
        .executableTarget(name: "WikiCleanFuzz", dependencies: ["WikiClean"]),
        .testTarget(name: "TextNormalizationTests", dependencies: ["TextNormalization"]),
        .testTarget(name: "WikiCleanTests", dependencies: ["WikiClean"]),
        .testTarget(name: "WikiCleanCLITests", dependencies: ["WikiClean"]),
    ]
)
