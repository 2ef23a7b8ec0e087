import ArgumentParser

/// The exit codes of `atelier`, after sysexits.h, so that scripts can tell a refusal from an outage.
enum ExitStatus: Int32 {
    case failure = 1
    /// The input was refused: a bad value, a rule of the trade, a migration that failed.
    case invalidInput = 65
    /// The database (or another server) could not be reached.
    case unavailable = 69
    /// The configuration cannot be used.
    case configuration = 78

    var exitCode: ExitCode { ExitCode(rawValue) }
}
