// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "hadaemon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hadaemon", targets: ["HADaemon"]),
        .executable(name: "haconsole", targets: ["HAConsole"]),
        .library(name: "HAProtocol", targets: ["HAProtocol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
    ],
    targets: [
        // The vocabulary both programs speak. No I/O: bytes and text in, values out.
        .target(
            name: "HAProtocol",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "HADaemon",
            dependencies: [
                "HAProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .systemLibrary(name: "CNcursesw"),
        .executableTarget(
            name: "HAConsole",
            dependencies: [
                "HAProtocol",
                "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HAProtocolTests",
            dependencies: ["HAProtocol"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HADaemonTests",
            dependencies: ["HADaemon", "HAProtocol"],
            resources: [.copy("Fixtures")]
        ),
        // Real nodes in network namespaces: needs root, iproute2 and iptables (CI has them).
        .testTarget(
            name: "HADaemonIntegrationTests",
            dependencies: ["HADaemon", "HAProtocol"]
        ),
    ]
)
