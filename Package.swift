// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "hadaemon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hadaemon", targets: ["HADaemon"]),
        .executable(name: "hadaemon-render", targets: ["HARender"]),
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
    ],
    targets: [
        // The vocabulary both programs speak. No I/O: bytes and text in, values out.
        .target(
            name: "HAProtocol",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Host I/O every program shares: the process runner, the Unix-socket connect, the
        // control-socket client, the clocks and the DRBD status readers.
        .target(
            name: "HAHost",
            dependencies: ["HAProtocol"]
        ),
        // The daemon's pure decision core: events in, effects out, no I/O. A module of its own so
        // that its state is changed only through its events (scripts/fuzz compiles it too).
        .target(
            name: "HADaemonCore",
            dependencies: ["HAProtocol"]
        ),
        // A Heartbeat pair's configuration in Pacemaker + Corosync terms (issue 15): the model,
        // the mapping and the CIB/crm/pcs/corosync writers. Pure, like HAProtocol.
        .target(
            name: "HAPacemaker",
            dependencies: ["HAProtocol"]
        ),
        .executableTarget(
            name: "HADaemon",
            dependencies: [
                "HAProtocol",
                "HAHost",
                "HADaemonCore",
                "HAPacemaker",
                "HARenderOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `config render`'s command line, shared by `hadaemon config render` (which only execs
        // hadaemon-render) and hadaemon-render itself, so both print the same `--help`.
        .target(
            name: "HARenderOptions",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // hadaemon-render: Moonshine YAML to the three Heartbeat files. A binary of its own so the
        // daemon links neither Yams nor Foundation (libFoundation, ICU: megabytes of idle memory).
        .executableTarget(
            name: "HARender",
            dependencies: [
                "HAProtocol",
                "HARenderOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Heartbeat's cl_status, hb_standby and hb_takeover, answered by hadaemon (logic in HAProtocol/Compat).
        .executableTarget(name: "ClStatus", dependencies: ["HAProtocol", "HAHost"]),
        .executableTarget(name: "HBStandby", dependencies: ["HAProtocol", "HAHost"]),
        .executableTarget(name: "HBTakeover", dependencies: ["HAProtocol", "HAHost"]),
        .systemLibrary(name: "CNcursesw"),
        .executableTarget(
            name: "HAConsole",
            dependencies: [
                "HAPacemaker",
                "HAProtocol",
                "HAHost",
                .product(name: "Crypto", package: "swift-crypto"),
                "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The one fixture set every test target reads (captures, DRBD samples, configurations,
        // fuzz crashes); `Fixtures.shippedSOPDirectory()` finds the package's own sop/.
        .target(
            name: "HAFixtures",
            path: "Tests/HAFixtures",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "HAProtocolTests",
            dependencies: ["HAProtocol", "HAHost", "HAFixtures"]
        ),
        .testTarget(
            name: "HAConsoleTests",
            dependencies: ["HAConsole", "HAHost", "HAProtocol", "HAFixtures"]
        ),
        .testTarget(
            name: "HAConsoleSOPTests",
            dependencies: ["HAConsole", "HAProtocol", "HAFixtures"]
        ),
        // The export's mapping in memory, and its output checked by Pacemaker's own crm_verify
        // and crm_simulate (pacemaker-cli-utils; CI installs it).
        .testTarget(
            name: "HAPacemakerTests",
            dependencies: ["HAPacemaker", "HAProtocol", "HAHost", "HAFixtures"]
        ),
        // The process runner and the Unix-socket connect, against real processes and sockets.
        .testTarget(
            name: "HAHostTests",
            dependencies: ["HAHost"]
        ),
        .testTarget(
            name: "HADaemonTests",
            dependencies: ["HADaemon", "HARender", "HADaemonCore", "HAHost", "HAProtocol", "HAFixtures"]
        ),
        // The netns harness: real nodes in network namespaces, shared by the integration tests
        // and the benchmark. A target, not a product: nothing outside this package uses it.
        .target(
            name: "HATestSupport",
            dependencies: ["HAProtocol", "HAHost"]
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
            dependencies: ["HADaemon", "HAConsole", "HAHost", "HAProtocol", "HATestSupport", "HAFixtures"]
        ),
    ]
)
