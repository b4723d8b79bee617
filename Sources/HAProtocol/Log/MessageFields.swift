/// Matches a message against literal text with fields between, like `node *: is dead`.
///
/// `literals` are the fixed pieces in order; there is one field between each pair. The first
/// literal must start the text and the last must end it (either may be empty); each middle
/// literal is taken at its first occurrence after a non-empty field. Fields are never empty.
/// Works on UTF-8 bytes, so a `\r` or a combining mark is just another byte.
enum MessageFields {
    static func match(_ text: [UInt8], _ literals: String...) -> [String]? {
        let pieces = literals.map { Array($0.utf8) }
        guard let first = pieces.first, let last = pieces.last, text.starts(with: first) else { return nil }
        if pieces.count == 1 { return text.count == first.count ? [] : nil }
        let end = text.count - last.count
        guard end > first.count, text[end...].elementsEqual(last) else { return nil }
        var fields: [String] = []
        var position = first.count
        for piece in pieces.dropFirst().dropLast() {
            guard let found = firstIndex(of: piece, in: text, from: position + 1, upTo: end) else { return nil }
            fields.append(String(decoding: text[position..<found], as: UTF8.self))
            position = found + piece.count
        }
        guard end > position else { return nil }
        fields.append(String(decoding: text[position..<end], as: UTF8.self))
        return fields
    }

    /// Where `piece` starts in `text[from..<upTo]`, entirely inside that range.
    private static func firstIndex(of piece: [UInt8], in text: [UInt8], from: Int, upTo: Int) -> Int? {
        guard !piece.isEmpty else { return from <= upTo ? from : nil }
        var start = from
        while start + piece.count <= upTo {
            if text[start] == piece[0], text[start..<start + piece.count].elementsEqual(piece) { return start }
            start += 1
        }
        return nil
    }

    /// True for a name Heartbeat prints as one word: a node, an interface, a class, a status.
    static func isWord(_ field: String) -> Bool {
        !field.isEmpty && !field.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
    }
}
