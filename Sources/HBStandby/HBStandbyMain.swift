import HAHost
import HAProtocol

/// `hb_standby [all|foreign|local|failback]`: give resources to the peer (spec §4.6.5).
@main
struct HBStandbyMain {
    static func main() { ResourceMoveRunner.main(.standby) }
}
