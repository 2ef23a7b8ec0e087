import Foundation

/// One migration file: `0001_organisation.sql`, applied once, in the order of its number.
public struct Migration: Sendable, Hashable {
    /// The file name, which is also its identity in `schema_migrations`.
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The `NNNN_name.sql` files of a folder, in order. Any other `.sql` file, or two files with
    /// the same number, is an error rather than a file silently skipped.
    public static func load(from directory: URL) throws(MigrationError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadable(directory.path, reason: "the folder cannot be read")
        }
        var migrations: [Migration] = []
        var numbers: [Substring: String] = [:]
        for name in names.sorted() where name.hasSuffix(".sql") {
            let number = name.prefix { $0.isASCII && $0.isNumber }
            guard number.count == 4, name.dropFirst(4).first == "_" else { throw .badName(name) }
            if let other = numbers[number] { throw .duplicateNumber(other, name) }
            numbers[number] = name
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .unreadable(url.path, reason: "the file cannot be read")
            }
            guard let sql = String(data: data, encoding: .utf8) else {
                throw .unreadable(url.path, reason: "the file is not UTF-8")
            }
            migrations.append(Migration(name: name, sql: sql))
        }
        return migrations
    }

    /// Line and column (both from 1) of a 1-based character position in the SQL, as PostgreSQL
    /// reports it in an error.
    public func lineAndColumn(ofCharacter position: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in sql.prefix(max(position - 1, 0)) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
