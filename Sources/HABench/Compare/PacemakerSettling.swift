import Foundation

/// Whether a `crm_mon --output-as=xml` document (API 2.x, one element per line as crm_mon
/// writes it) describes a settled cluster: a DC elected, the named nodes online and neither
/// pending nor unclean, at least one resource configured, and every resource `Started` and not
/// failed. The benchmark's own document, read by line: no XML parser needed for these few
/// attributes, and anything it does not recognise reads as not settled.
enum PacemakerSettling {
    static func isSettled(_ crmMon: String, online names: [String]) -> Bool {
        let lines = crmMon.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.contains(where: { $0.hasPrefix("<current_dc ") && $0.contains(#"present="true""#) }) else { return false }
        for name in names {
            // The <nodes> entry (the only one carrying `online=`), not a resource's <node>.
            guard let node = lines.first(where: { $0.hasPrefix("<node name=\"\(name)\" ") && $0.contains("online=") }),
                node.contains(#"online="true""#), node.contains(#"pending="false""#), node.contains(#"unclean="false""#)
            else { return false }
        }
        let resources = lines.filter { $0.hasPrefix("<resource ") }
        guard !resources.isEmpty else { return false }
        return resources.allSatisfy { $0.contains(#"role="Started""#) && $0.contains(#"failed="false""#) }
    }
}
