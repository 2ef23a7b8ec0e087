import CLibPQ

extension PostgresError {
    /// The error a failed `PGresult` carries, field by field
    /// (https://www.postgresql.org/docs/current/libpq-exec.html#LIBPQ-PQRESULTERRORFIELD).
    init(result: OpaquePointer, statement: String) {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let fallback = String(cString: PQresultErrorMessage(result)).trimmingNewlines
        self.init(
            kind: .server, message: field("M") ?? (fallback.isEmpty ? "unknown error" : fallback),
            sqlState: field("C").map(SQLState.init(rawValue:)), statement: statement)
        severity = field("V") ?? field("S")
        detail = field("D")
        hint = field("H")
        position = field("P").flatMap { Int($0) }
        schema = field("s")
        table = field("t")
        column = field("c")
        constraint = field("n")
    }
}
