// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// `REGISTRO_FUZZ=PATH` builds the fuzz targets (`Fuzz/`) as libFuzzer programs: the libraries and
/// the targets get coverage and AddressSanitizer instrumentation, and the targets link libFuzzer's
/// driver without its `main` (the archive `libclang_rt.fuzzer_no_main-*.a` at PATH), since
/// SwiftPM gives every executable its own. `make fuzz` sets it, in its own `.build-fuzz` folder.
let fuzzRuntime = Context.environment["REGISTRO_FUZZ"]
let fuzzing = fuzzRuntime != nil
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
let fuzzLinkFlags: [LinkerSetting] =
    fuzzRuntime.map { [.unsafeFlags(["-sanitize=address", "-Xlinker", $0, "-lstdc++"])] } ?? []

/// A fuzz target: the program `Fuzz/NAME`, run by `FuzzDriver` (`make fuzz` maps target names to
/// these products), over `library`: the module it fuzzes.
func fuzzTarget(_ name: String, fuzzing library: Target.Dependency) -> Target {
    .executableTarget(
        name: name,
        dependencies: [library, "FuzzDriver"],
        path: "Fuzz/\(name)",
        swiftSettings: swiftSettings + fuzzFlags,
        linkerSettings: fuzzLinkFlags
    )
}

let package = Package(
    name: "Registro",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RegistroKit", targets: ["RegistroKit"]),
        .library(name: "CedarSubset", targets: ["CedarSubset"]),
        .library(name: "RegistroOutput", targets: ["RegistroOutput"]),
        .executable(name: "registro", targets: ["registro"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // One C function: SQLite settings behind variadic functions Swift cannot call.
        .target(
            name: "CSQLiteSettings",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // One C function: the C library's malloc setting behind `malloc.h`, for the command line.
        .target(name: "CMallocSettings"),
        .executableTarget(
            name: "EmbedResourcesTool",
            path: "Sources/EmbedResourcesTool",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["EmbedResourcesTool"]
        ),
        // The policy engine: Registro's subset of Cedar, with its tooling. It knows nothing of the
        // registry: RegistroKit depends on it, never the reverse.
        .target(
            name: "CedarSubset",
            swiftSettings: swiftSettings + fuzzFlags
        ),
        .target(
            name: "RegistroKit",
            dependencies: [
                "CedarSubset",
                "CSodium",
                "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw SQLite API, for the single-pass scans of reports and audit verification.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // HMAC-SHA1 for TOTP (RFC 6238), which libsodium lacks.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings + fuzzFlags,
            plugins: ["EmbedResources"]
        ),
        // The renderers of every view both front ends show: text, CSV, JSON, HTML with SVG.
        .target(
            name: "RegistroOutput",
            dependencies: ["RegistroKit"],
            swiftSettings: swiftSettings,
            // The language catalogues the pages and the command line share, from `Resources/i18n/`.
            plugins: ["EmbedResources"]
        ),
        // The registry server: routes per resource, authentication, sessions, CSRF.
        .target(
            name: "RegistroServer",
            dependencies: [
                "RegistroKit",
                "RegistroOutput",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings,
            // The web pages' templates, language catalogues and stylesheet, from `Resources/`.
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "registro",
            dependencies: [
                "RegistroKit",
                "CedarSubset",
                "CMallocSettings",
                "RegistroOutput",
                "RegistroServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PolicyBenchmark",
            dependencies: ["CedarSubset"],
            path: "Benchmarks/policy/PolicyBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "InProcessBenchmark",
            dependencies: ["RegistroKit", "CSodium"],
            path: "Benchmarks/inprocess/InProcessBenchmark",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FuzzDriver",
            path: "Fuzz/FuzzDriver",
            swiftSettings: swiftSettings + fuzzFlags + (fuzzing ? [.define("FUZZING")] : [])
        ),
        fuzzTarget("PolicyParserFuzz", fuzzing: "CedarSubset"),
        fuzzTarget("PolicyJSONFuzz", fuzzing: "CedarSubset"),
        fuzzTarget("CodiceFiscaleFuzz", fuzzing: "RegistroKit"),
        fuzzTarget("CSVImportFuzz", fuzzing: "RegistroKit"),
        // What several test targets need alike: a registry in a scratch folder, a clock the tests
        // move, TOTP from an enrolment's secret, a CSV reader of their own.
        .target(
            name: "RegistroTestSupport",
            dependencies: ["RegistroKit"],
            path: "Tests/RegistroTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CedarSubsetTests",
            dependencies: ["CedarSubset"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistroKitTests",
            dependencies: [
                "RegistroKit", "RegistroTestSupport", "CSodium", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistroOutputTests",
            dependencies: ["RegistroOutput", "RegistroKit", "RegistroTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistroServerTests",
            dependencies: [
                "RegistroServer",
                "RegistroKit",
                "RegistroOutput",
                "RegistroTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["registro", "RegistroKit", "RegistroTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
