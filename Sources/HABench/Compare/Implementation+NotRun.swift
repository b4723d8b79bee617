/// Where an implementation cannot be compared: each reason says what stops it, so that the report
/// prints "not run" and the reason instead of a figure that would not mean the same.
extension Implementation {
    /// Why `self` is not run under `profile` for `scenario`; nil when it is run.
    func notRunReason(_ profile: TimerProfile, _ scenario: Scenario) -> String? {
        switch self {
        case .hadaemon, .heartbeat, .keepalived: return nil
        case .pacemaker:
            guard profile.deadtimeMS < Self.corosyncMinimumTokenMS else { return nil }
            return "corosync refuses the exported token of \(profile.deadtimeMS) ms (= deadtime) and exits at start with "
                + "\"parse error in config: Not appropriate token or token_retransmits_before_loss_const value set\": its token "
                + "retransmit timeout, token ÷ (token_retransmits_before_loss_const 4 + 0.2), may not be under 30 ms, so the "
                + "shortest token it accepts is \(Self.corosyncMinimumTokenMS) ms (`corosync -t`, corosync 3.1.7); a longer token "
                + "would not be this profile's timers"
        }
    }

    /// The shortest `token` corosync 3.1.7 accepts with the default token_retransmits_before_loss_const
    /// (`corosync -t`: 125 is refused, 126 accepted).
    static let corosyncMinimumTokenMS = 126
}
