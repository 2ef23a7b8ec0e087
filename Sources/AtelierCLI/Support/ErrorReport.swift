import App
import Documents
import Postgres
import Training

/// An error as a coordinator reads it: one sentence saying what failed and where, and the exit
/// status; `--verbose` adds everything the error knows.
struct ErrorReport {
    let sentence: String
    let status: ExitStatus
    let detail: String?

    init(_ error: any Error, database: String? = nil, privateClusterStopped: Bool = false) {
        switch error {
        case let error as PostgresError:
            var (sentence, status) = Self.describe(error, database: database ?? "")
            if error.kind == .connectionFailed && privateClusterStopped {
                sentence += " The private database is not running: start it with `scripts/pg start`."
            }
            (self.sentence, self.status) = (sentence, status)
            detail = error.debugDescription
        case let error as MigrationError:
            let underlying: PostgresError? = if case .failed(_, _, _, let cause) = error { cause } else { nil }
            (sentence, status, detail) = (error.description, .invalidInput, underlying?.debugDescription)
        case let error as TrainingError:
            (sentence, status, detail) = (error.sentence, ExitStatus(error.kind), nil)
        case let error as ImportRejection:
            (sentence, status, detail) = (error.sentence, ExitStatus(error.kind), nil)
        case let error as SettingsError:
            (sentence, status, detail) = (error.description, .configuration, nil)
        case let error as MessageTemplateError:
            (sentence, status, detail) = (error.description, .configuration, nil)
        case let error as DocumentError:
            (sentence, status, detail) = (error.description, .cannotCreate, nil)
        case let error as OutputError:
            (sentence, status, detail) = (error.sentence, .ioError, nil)
        default:
            (sentence, status, detail) = ("\(error)", .failure, String(reflecting: error))
        }
    }

    private static func firstLine(of text: String) -> String {
        text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }

    private static func describe(_ error: PostgresError, database: String) -> (String, ExitStatus) {
        switch error.kind {
        case .malformedConnectionString:
            ("The database URL is malformed: \(error.message.sentenceEnd)", .configuration)
        case .connectionFailed:
            ("Cannot connect to the database \(database): \(error.message.lowercasedFirst.sentenceEnd)", .unavailable)
        case .connectionLost:
            (
                // libpq's first line says what happened; the next ones guess why, over several lines.
                "The connection to the database \(database) was lost: \(firstLine(of: error.message).lowercasedFirst.sentenceEnd)",
                .unavailable
            )
        case _ where error.sqlState == .undefinedTable:
            ("The database \(database) has no Atelier tables yet: run `atelier db migrate`.", .configuration)
        case _ where error.sqlState == .undefinedColumn || error.sqlState == .undefinedFunction:
            (
                "The database \(database) has an older schema than this atelier: run `atelier db migrate`.",
                .configuration
            )
        case _ where error.isTransactionConflict:
            (
                "Another change to the same records ran at the same time and nothing was changed: try again in a moment.",
                .temporaryFailure
            )
        case _ where error.sqlState == .lockNotAvailable:
            (
                "Another client is changing the same records and held them longer than database.lock-timeout-seconds allows; nothing was changed: try again in a moment.",
                .temporaryFailure
            )
        default:
            // Every rule has its sentence (ConstraintViolation); what is left is unforeseen, and its
            // raw text is for --verbose, not for the coordinator.
            (
                "The database refused the request (SQLSTATE \(error.sqlState?.rawValue ?? "unknown")) and nothing was changed; `--verbose` shows its message.",
                .invalidInput
            )
        }
    }
}
