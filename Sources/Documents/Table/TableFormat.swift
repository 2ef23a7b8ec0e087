/// A table file's format: CSV for French spreadsheets, or an XLSX workbook.
public enum TableFormat: String, Sendable, CaseIterable {
    case csv, xlsx

    /// Opens the writer of this format at `path`; nothing is there until it finishes.
    public func writer(path: String, sheetName: String, columns: [Column]) throws(DocumentError) -> any TableWriter {
        switch self {
        case .csv: try CSVWriter(path: path, columns: columns)
        case .xlsx: try XLSXWriter(path: path, sheetName: sheetName, columns: columns)
        }
    }

    /// The MIME type, for an upload or an attachment.
    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}
