import Postgres

/// The audit trail of a session's attendance (`attendance_evidence`, DOMAIN.md « Attendance as
/// evidence »): every signature, mark, closing and correction, each row chained to the one
/// before it by its hash. PostgreSQL refuses to change or remove a row; the chain shows an edit
/// made behind its back.
public struct AttendanceEvidence {
    let store: Store

    public init(_ store: Store) { self.store = store }

    /// What `verify` found of a session's chain.
    public struct Verification: Sendable, Hashable, Codable {
        public let session: String
        public let records: Int
        /// The last record's hash in hexadecimal: printed on the sheet, it anchors the chain
        /// outside the database (removing the last records leaves a chain that holds).
        public let lastHash: String?
        /// The place in the chain (from 1) of the first record that no longer matches its hash
        /// or the record before it.
        public let firstBroken: Int?

        public var isIntact: Bool { firstBroken == nil }
    }

    /// Recomputes every record's hash of the session's chain, in order, as the trigger computed
    /// it when the record was written.
    public func verify(session code: String) throws -> Verification {
        let session = try SessionRow(code, on: store.connection, locking: false)
        let rows = try store.connection.execute(
            """
            SELECT encode(hash, 'hex') AS hash,
                   hash = attendance_evidence_digest(e)
                     AND previous_hash IS NOT DISTINCT FROM lag(hash) OVER (ORDER BY position)
                     AND position = row_number() OVER (ORDER BY position) AS intact
            FROM attendance_evidence e WHERE session_id = \(session.id) ORDER BY position
            """)
        var firstBroken: Int?
        for (index, row) in rows.enumerated() where firstBroken == nil {
            if try !row.decode(Bool.self, "intact") { firstBroken = index + 1 }
        }
        return Verification(
            session: session.code, records: rows.count, lastHash: try rows.last?.decode(String.self, "hash"),
            firstBroken: firstBroken)
    }
}
