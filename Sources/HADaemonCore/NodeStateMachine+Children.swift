extension NodeStateMachine {
    /// True from comm-up on (spec §4.3 step 6): the shell then starts the `respawn` children.
    public var isCommunicationUp: Bool { communicationUp }

    /// True once a clean stop has been asked for: the shell restarts no child and no child's
    /// death reboots the machine (Heartbeat's `shutdown_in_progress`).
    public var isShuttingDown: Bool { shutdownRequested || exited }
}
