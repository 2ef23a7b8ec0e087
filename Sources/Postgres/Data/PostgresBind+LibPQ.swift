extension [PostgresBind] {
    /// Lays the values out for `PQexecParams` and calls `body` with its four parallel arrays. All
    /// values live in one buffer that outlives the call, so no pointer escapes its storage (the
    /// bug of older Swift wrappers of libpq).
    func withLibPQParameters<T>(
        _ body: (
            _ types: [UInt32], _ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]
        ) -> T
    ) -> T {
        var storage: [UInt8] = []
        storage.reserveCapacity(reduce(0) { $0 + ($1.bytes?.count ?? 0) + 1 })
        var offsets: [Int?] = []
        offsets.reserveCapacity(count)
        for bind in self {
            guard let bytes = bind.bytes else {
                offsets.append(nil)
                continue
            }
            offsets.append(storage.count)
            storage.append(contentsOf: bytes)
            storage.append(0)  // text values are read as C strings
        }
        return storage.withUnsafeBufferPointer { buffer in
            let values = offsets.map { offset in
                offset.map { UnsafeRawPointer(buffer.baseAddress! + $0).assumingMemoryBound(to: CChar.self) }
            }
            return body(
                map(\.type.rawValue), values,
                map { Int32($0.bytes?.count ?? 0) }, map(\.format.rawValue))
        }
    }
}
