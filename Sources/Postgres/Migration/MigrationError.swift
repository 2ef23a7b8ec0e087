/// Why migrations could not be read, checked or applied; each case names the file.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case unreadable(String, reason: String)
    case badName(String)
    case duplicateNumber(String, String)
    /// A file already applied was edited afterwards: landed migrations are never edited.
    case checksumMismatch(String)
    /// The database has a migration that the folder does not: it is newer than this program.
    case unknownApplied(String)
    /// The file failed; nothing of it was kept. `line` and `column` point into the file.
    case failed(String, line: Int?, column: Int?, error: PostgresError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "Cannot read the migrations: \(path): \(reason)."
        case .badName(let name):
            "The migration \(name) is misnamed: migrations are named NNNN_description.sql, with four digits."
        case .duplicateNumber(let first, let second):
            "The migrations \(first) and \(second) have the same number."
        case .checksumMismatch(let name):
            "The migration \(name) was changed after it was applied: restore it and put the change in a new migration."
        case .unknownApplied(let name):
            "The database has the migration \(name), which is not among this program's migrations: it was migrated by a newer version."
        case .failed(let name, let line, let column, let error):
            "The migration \(name) failed\(line.map { " at line \($0)" } ?? "")\(column.map { ", column \($0)" } ?? ""): \(error.message). Nothing of it was applied."
        }
    }
}
