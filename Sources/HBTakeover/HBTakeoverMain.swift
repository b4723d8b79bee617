import HAHost
import HAProtocol

/// `hb_takeover [all|foreign|local|failback]`: take resources from the peer (spec §4.6.5).
@main
struct HBTakeoverMain {
    static func main() { ResourceMoveRunner.main(.takeover) }
}
