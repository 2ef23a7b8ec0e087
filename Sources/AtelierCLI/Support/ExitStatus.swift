import ArgumentParser
import Training

/// The exit codes of `atelier`, after sysexits.h, so that scripts can tell a refusal from an outage.
enum ExitStatus: Int32 {
    case failure = 1
    /// A value that cannot be read (a date, an amount, a file), or a migration that failed.
    case invalidInput = 65
    /// A code, email or file that names nothing.
    case notFound = 66
    /// Refused by a rule of the trade: a duplicate, a full trainer, a completed session.
    case refused = 67
    /// The database (or another server) could not be reached.
    case unavailable = 69
    /// A file could not be created: a missing folder, no permission, a full disk.
    case cannotCreate = 73
    /// Standard output could not be written: a full disk, a closed pipe.
    case ioError = 74
    /// Worth trying again in a moment: another client held or changed the same records at the
    /// same time.
    case temporaryFailure = 75
    /// The configuration cannot be used.
    case configuration = 78

    var exitCode: ExitCode { ExitCode(rawValue) }

    init(_ kind: TrainingError.Kind) {
        self =
            switch kind {
            case .invalidInput: .invalidInput
            case .notFound: .notFound
            case .refused, .conflict: .refused
            case .tryAgain: .temporaryFailure
            }
    }
}
