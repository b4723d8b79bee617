/// The Heartbeat v1 resource scripts `NetnsCluster` installs in every node's `resource.d/`.
/// Kept as text here rather than as bundle resources so the test target needs no resources.
enum ResourceScripts {
    /// `hbdummy [INSTANCE] start|stop|status`: keeps its state under `stateDirectory`.
    static func hbdummy(stateDirectory: String) -> String {
        """
        #!/bin/sh
        # hbdummy: a Heartbeat v1 resource script for tests.
        #   hbdummy [INSTANCE] start|stop|status
        # Keeps INSTANCE's state (default: "default") in a file under its node's directory, which
        # NetnsCluster fills in when it installs the script, and appends every start and stop to
        # hbdummy.log there. `status` prints "running" or "stopped", as Heartbeat v1 expects.
        STATE_DIR='\(stateDirectory)'
        for action; do :; done
        if [ $# -ge 2 ]; then instance=$1; else instance=default; fi
        state="$STATE_DIR/hbdummy-$instance.state"
        record() { echo "$(date +%s.%N) $instance $action" >>"$STATE_DIR/hbdummy.log"; }
        case "$action" in
        start) record; date +%s.%N >"$state"; echo "hbdummy: started" ;;
        stop) record; rm -f "$state"; echo "hbdummy: stopped" ;;
        status) if [ -f "$state" ]; then echo "running"; else echo "stopped"; fi ;;
        *) echo "usage: $0 [instance] {start|stop|status}" >&2; exit 1 ;;
        esac
        exit 0

        """
    }

    /// `hang`: `start` never returns.
    static let hang = """
        #!/bin/sh
        # hang: a Heartbeat v1 resource script whose `start` never returns (for timeout tests).
        #   hang [ARGS...] start|stop|status
        # `stop` and `status` answer at once; `status` always says "stopped".
        for action; do :; done
        case "$action" in
        start) echo "hang: starting, forever"; exec sleep infinity ;;
        stop) echo "hang: stopped" ;;
        status) echo "stopped" ;;
        *) echo "usage: $0 {start|stop|status}" >&2; exit 1 ;;
        esac
        exit 0

        """

    /// `flaky [ARGS...] start|stop|status`: starts and stops at once, unless the flag file
    /// `flaky-hang-start` or `flaky-hang-stop` exists in `stateDirectory`: then that action
    /// waits until the flag is removed (at most 120 s), as a script stuck on a dead NFS mount
    /// or a slow service would. Keeps its state in `flaky.state` there.
    static func flaky(stateDirectory: String) -> String {
        """
        #!/bin/sh
        # flaky: a Heartbeat v1 resource script whose start or stop hangs while a flag says so.
        #   flaky [ARGS...] start|stop|status
        STATE_DIR='\(stateDirectory)'
        for action; do :; done
        case "$action" in
        start|stop)
            n=0
            while [ -e "$STATE_DIR/flaky-hang-$action" ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
            if [ "$action" = start ]; then date +%s.%N >"$STATE_DIR/flaky.state"; else rm -f "$STATE_DIR/flaky.state"; fi
            echo "flaky: $action done" ;;
        status) if [ -f "$STATE_DIR/flaky.state" ]; then echo "running"; else echo "stopped"; fi ;;
        *) echo "usage: $0 {start|stop|status}" >&2; exit 1 ;;
        esac
        exit 0

        """
    }
}
