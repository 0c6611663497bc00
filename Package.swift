// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Registro",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RegistroKit", targets: ["RegistroKit"]),
        .executable(name: "registro", targets: ["registro"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
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
        .target(
            name: "RegistroKit",
            dependencies: [
                "CSodium",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "registro",
            dependencies: [
                "RegistroKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "PolicyBenchmark",
            dependencies: ["RegistroKit"],
            path: "Benchmarks/policy/PolicyBenchmark",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistroKitTests",
            dependencies: ["RegistroKit", "CSodium"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["registro", "RegistroKit"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
