import HAProtocol

/// Target `config`: one text read as `ha.cf`, as `authkeys` and as `haresources`, then as all
/// three at once (the cross-file checks `hadaemon config check` runs) and digested.
///
/// One target for the three files: their seeds mix well (a `node` line is a fine `haresources`
/// line to mutate), and a crash names the parser in its stack.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput.text(data, size)
    let cf = HACFParser.parse(text)
    let keys = AuthKeys.parse(text)
    let resources = HAResourcesParser.parse(text)
    _ = cf.diagnostics.map(\.description) + keys.diagnostics.map(\.description) + resources.diagnostics.map(\.description)
    for group in resources.value.groups { _ = group.key }
    _ = ClusterConfig.parse(haCF: text, authKeys: text, haResources: text)
    _ = ConfigDigest(haCFText: text, haResourcesText: text, authKeysText: text)
    return 0
}
