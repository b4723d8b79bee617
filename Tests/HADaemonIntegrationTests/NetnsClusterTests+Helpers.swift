import Foundation
import Glibc
import HATestSupport
import Synchronization
import Testing

extension NetnsClusterTests {
    /// Binds UDP 694 and 7000 on the address in argv[1] (joining multicast group argv[2] on the
    /// interface with address argv[3], if given), prints `ready`, then `PORT PAYLOAD` per
    /// datagram; gives up after 20 s so it can never outlive a broken test for long.
    static let udpReceiver = """
        import select, socket, sys, time
        socks = []
        for port in (694, 7000):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((sys.argv[1], port))
            if len(sys.argv) > 3:
                membership = socket.inet_aton(sys.argv[2]) + socket.inet_aton(sys.argv[3])
                s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
            socks.append(s)
        print("ready", flush=True)
        end = time.monotonic() + 20
        while time.monotonic() < end:
            for s in select.select(socks, [], [], 0.5)[0]:
                print(s.getsockname()[1], s.recv(200).decode(), flush=True)
        """

    /// Listens on the Unix socket argv[1], prints `listening`; answers each line with `{"id": ID, "echo": LINE}`,
    /// except a line containing "hang", which it never answers. Exits after 20 s without a client.
    static let lineServer = """
        import json, socket, sys
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(sys.argv[1])
        server.listen(4)
        server.settimeout(20)
        print("listening", flush=True)
        held = []
        while True:
            client, _ = server.accept()
            line = client.makefile().readline().strip()
            if "hang" in line:
                held.append(client)
                continue
            client.sendall((json.dumps({"id": json.loads(line)["id"], "echo": line}) + "\\n").encode())
            client.close()
        """

    /// Sends one UDP datagram `text` from `node` to `address`:`port` (broadcast allowed), and
    /// checks that the send itself succeeded.
    static func send(from node: String, in cluster: NetnsCluster, to address: String, port: Int, _ text: String) throws {
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            s.sendto(sys.argv[3].encode(), (sys.argv[1], int(sys.argv[2])))
            """
        let sent = try cluster.run(in: node, [python, "-c", script, address, String(port), text])
        #expect(sent.succeeded, "sending must not fail (an INPUT rule, never OUTPUT): \(sent.stderr)")
    }

    /// What `node`'s started program has printed so far.
    static func output(of node: String, in cluster: NetnsCluster) -> String {
        (try? String(contentsOfFile: cluster.node(node).stdoutFile, encoding: .utf8)) ?? ""
    }

    /// Runs `body` on a new thread that blocks every signal, as the Dispatch worker threads
    /// behind Foundation's `Process` do (swift-stack.md §3.2): whatever it spawns must still
    /// start with an empty mask.
    static func withSignalsBlocked<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let outcome = ThreadOutcome<T>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, nil)
            outcome.value.withLock { $0 = Result { try body() } }
            done.signal()
        }.start()
        _ = done.wait(timeout: .now() + 10)
        return try #require(outcome.value.withLock { $0 }).get()
    }

    /// A field of /proc/PID/status, e.g. `SigBlk`.
    static func statusField(_ name: String, of pid: pid_t) throws -> String? {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + ":") }
        return line.map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// The inode `path` leads to (following /proc/PID/ns/* links to the namespace itself).
    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }
}

/// What a thread's body returned or threw, handed back to the thread that waits for it.
private final class ThreadOutcome<T: Sendable>: Sendable {
    let value = Mutex<Result<T, any Error>?>(nil)
}
