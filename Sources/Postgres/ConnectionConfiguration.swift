import CLibPQ

/// Where and how to connect: a `postgresql://` URL or a `key=value` conninfo string, parsed by
/// libpq itself (`PQconninfoParse`) into the keyword/value pairs that `PQconnectdbParams` takes.
/// What the string leaves out comes from the usual `PG*` variables and libpq's defaults
/// (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING).
public struct ConnectionConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The keywords the string set, in libpq's order.
    public private(set) var parameters: [String: String]

    /// Parses a URL or a conninfo string; the empty string takes everything from the environment.
    public init(_ string: String) throws(PostgresError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(string, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            PQfreemem(errorMessage)
            throw PostgresError(kind: .malformedConnectionString, message: reason.trimmingNewlines)
        }
        defer { PQconninfoFree(options) }
        var parameters: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { parameters[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        // libpq checks the port only when it connects: check it here, with the rest.
        if let port = parameters["port"], port.split(separator: ",").contains(where: { UInt16($0) == nil }) {
            throw PostgresError(kind: .malformedConnectionString, message: "invalid port number: \"\(port)\"")
        }
        self.parameters = parameters
    }

    /// The same configuration with one keyword set, such as `dbname`.
    public func with(_ keyword: String, _ value: String) -> ConnectionConfiguration {
        var copy = self
        copy.parameters[keyword] = value
        return copy
    }

    /// `user@host:port/dbname` with what the string gave, never the password.
    public var description: String {
        let user = parameters["user"].map { "\($0)@" } ?? ""
        let host = parameters["host"] ?? parameters["hostaddr"] ?? "localhost"
        let port = parameters["port"].map { ":\($0)" } ?? ""
        let database = parameters["dbname"].map { "/\($0)" } ?? ""
        return user + host + port + database
    }
}

extension String {
    var trimmingNewlines: String {
        var text = Substring(self)
        while let last = text.last, last.isNewline || last == " " { text = text.dropLast() }
        return String(text)
    }
}
