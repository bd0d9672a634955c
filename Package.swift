// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "raumboerse",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "raumboerse", targets: ["raumboerse"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // zlib from the system (Debian: zlib1g-dev), the same way GRDB links libsqlite3.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // epoll, eventfd and accept4, which Glibc's module does not export.
        .target(name: "CSystemLinux"),
        // How a thread tells the pool running it that it waits rather than computes. Foundation only.
        .target(name: "ThreadWaits", swiftSettings: swiftSettings),
        // Our own HTTP/1.1 server on POSIX sockets. Knows nothing of rooms.
        .target(name: "HTTPServer", dependencies: ["CZlib", "CSystemLinux", "ThreadWaits"], swiftSettings: swiftSettings),
        // E-mail as RFC 5322/MIME and its transports (our own SMTP client on POSIX sockets). Knows nothing of rooms.
        .target(name: "Mail", swiftSettings: swiftSettings),
        // Mustache templates compiled once, rendered against typed contexts.
        .target(name: "Mustache", swiftSettings: swiftSettings),
        // The languages of the site and their text catalogues. Foundation only.
        .target(name: "Localization", swiftSettings: swiftSettings),
        // Domain values and rules. Foundation only; its messages are catalogue keys.
        .target(name: "RoomExchange", dependencies: ["Localization"], swiftSettings: swiftSettings),
        // SQLite through GRDB: migrations, queries, the invariants of the schema.
        .target(
            name: "Storage",
            dependencies: [
                "Localization", "RoomExchange", "ThreadWaits",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Routes, handlers, page view models.
        .target(
            name: "Web",
            dependencies: [
                "HTTPServer", "Localization", "Mail", "Mustache", "RoomExchange", "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "DemoData", dependencies: ["RoomExchange", "Storage"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "raumboerse",
            dependencies: [
                "Web", "Storage", "DemoData", "HTTPServer", "Mail", "Mustache",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Web", "Storage", "DemoData", "HTTPServer", "Localization"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "ThreadWaits", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization", "Web", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MustacheTests", dependencies: ["Mustache"], swiftSettings: swiftSettings),
        .testTarget(name: "MailTests", dependencies: ["Mail"], swiftSettings: swiftSettings),
        .testTarget(name: "RoomExchangeTests", dependencies: ["RoomExchange", "TestSupport"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "DemoData", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "WebTests", dependencies: ["Web", "Mail", "TestSupport"], swiftSettings: swiftSettings),
    ]
)
