// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "hadaemon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hadaemon", targets: ["HADaemon"]),
        .executable(name: "haconsole", targets: ["HAConsole"]),
        .executable(name: "habench", targets: ["HABench"]),
        .executable(name: "cl_status", targets: ["ClStatus"]),
        .executable(name: "hb_standby", targets: ["HBStandby"]),
        .executable(name: "hb_takeover", targets: ["HBTakeover"]),
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
        // Host I/O both programs share: the control-socket client and the DRBD status readers.
        .target(
            name: "HAHost",
            dependencies: ["HAProtocol"]
        ),
        // The daemon's pure decision core: events in, effects out, no I/O. A module of its own so
        // that its state is changed only through its events (scripts/fuzz compiles it too).
        .target(
            name: "HADaemonCore",
            dependencies: ["HAProtocol"],
            path: "Sources/HADaemon/Core"
        ),
        .executableTarget(
            name: "HADaemon",
            dependencies: [
                "HAProtocol",
                "HAHost",
                "HADaemonCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            exclude: ["Core"]
        ),
        // Heartbeat's cl_status, hb_standby and hb_takeover, answered by hadaemon (logic in HAProtocol/Compat).
        .executableTarget(name: "ClStatus", dependencies: ["HAProtocol", "HAHost"]),
        .executableTarget(name: "HBStandby", dependencies: ["HAProtocol", "HAHost"]),
        .executableTarget(name: "HBTakeover", dependencies: ["HAProtocol", "HAHost"]),
        .systemLibrary(name: "CNcursesw"),
        .executableTarget(
            name: "HAConsole",
            dependencies: [
                "HAProtocol",
                "HAHost",
                .product(name: "Crypto", package: "swift-crypto"),
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
            name: "HAConsoleTests",
            dependencies: ["HAConsole", "HAProtocol"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HAConsoleSOPTests",
            dependencies: ["HAConsole", "HAProtocol"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HADaemonTests",
            dependencies: ["HADaemon", "HADaemonCore", "HAProtocol"],
            resources: [.copy("Fixtures")]
        ),
        // The netns harness: real nodes in network namespaces, shared by the integration tests
        // and the benchmark. A target, not a product: nothing outside this package uses it.
        .target(
            name: "HATestSupport",
            dependencies: ["HAProtocol"]
        ),
        // bench/: failover timings and idle footprint of release-built nodes (needs root).
        .executableTarget(
            name: "HABench",
            dependencies: [
                "HATestSupport",
                "HAHost",
                "HAProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fault campaign's pure parts (plans from a seed, audits, report): no root, no network.
        .testTarget(
            name: "HABenchTests",
            dependencies: ["HABench", "HATestSupport"]
        ),
        // Real nodes in network namespaces: needs root, iproute2 and iptables (CI has them).
        .testTarget(
            name: "HADaemonIntegrationTests",
            dependencies: ["HADaemon", "HAConsole", "HAHost", "HAProtocol", "HATestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
