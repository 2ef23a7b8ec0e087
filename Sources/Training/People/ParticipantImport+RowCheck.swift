import Documents

extension ParticipantImport {
    /// The checks of one record: those of a participant added by hand, each failure a problem
    /// with its line, column and sentence.
    struct RowCheck {
        /// The field of each column, by its name in `ParticipantImport.columns`.
        let index: [String: Int]
        /// How many fields the first line names.
        let columns: Int

        /// The record as a row of `import_row` (line, first name, last name, email, organisation,
        /// SIRET, status), or `nil` after adding its problems to `problems`. `statuses` remembers
        /// the words already read.
        func read(
            _ record: CSVReader.Record, statuses: inout [String: Participant.Status],
            problems: inout [ImportRejection.Problem]
        ) -> [String?]? {
            guard record.fields.count == columns else {
                problems.append(
                    .init(
                        line: record.line, column: nil,
                        reason: "\(record.fields.count) fields where the first line names \(columns)",
                        isDuplicate: false))
                return nil
            }
            func value(_ column: String) -> String { index[column].map { record.fields[$0] } ?? "" }
            var rowIsValid = true
            /// The column's value read by `parse`, or `nil` after recording why not.
            func read<T>(_ column: String, _ parse: (String) throws(TrainingError) -> T) -> T? {
                do {
                    return try parse(value(column))
                } catch {
                    problems.append(
                        .init(
                            line: record.line, column: column, reason: error.sentence.lowercasedFirst.droppingFinalStop,
                            isDuplicate: false))
                    rowIsValid = false
                    return nil
                }
            }
            let email = read("email") { text throws(TrainingError) in try EmailAddress(text) }
            let firstName = read("prenom") { text throws(TrainingError) in
                try Field.required(text, "first name", limit: 100)
            }
            let lastName = read("nom") { text throws(TrainingError) in try Field.required(text, "last name", limit: 100)
            }
            let status = read("statut") { text throws(TrainingError) in
                if let known = statuses[text] { return known }
                let word = try Field.optional(text, "status", limit: 100)
                let status = word.isEmpty ? .salarie : try Participant.Status(parsing: word)
                statuses[text] = status
                return status
            }
            let siret = read("siret") { text throws(TrainingError) in
                text.allSatisfy(\.isWhitespace) ? nil : try Siret.validated(text)
            }
            let structure = read("structure") { text throws(TrainingError) in
                let name = try Field.optional(text, "organisation name", limit: 200)
                guard !name.isEmpty || value("siret").allSatisfy(\.isWhitespace) else {
                    throw .invalid("The organisation name is empty while a SIRET is given.")
                }
                return name
            }
            guard rowIsValid, let email, let firstName, let lastName, let status, let structure, let siret else {
                return nil
            }
            return [String(record.line), firstName, lastName, email.text, structure, siret, status.rawValue]
        }
    }
}
