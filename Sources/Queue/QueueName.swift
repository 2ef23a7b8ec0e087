/// The rule a queue's name follows, the table's own (`job_queue_format`): a lowercase letter, then
/// up to 30 lowercase letters, digits or `_`. A scan of the bytes rather than a regular
/// expression, which Swift compiles at first use: settings check the names at every start.
public enum QueueName {
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 31
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
