import Delivery
import Documents
import Foundation
import Training

extension AppContext {
    /// The relay, the sender and the templates of every message, read and checked now: a
    /// worker with a template it cannot fill refuses to start rather than send a blank.
    public func messageSettings() throws -> MessageSettings {
        guard let from = try address(.mailFrom, example: "Atelier <formation@asso.fr>") else {
            throw SettingsError.invalid(
                .mailFrom, reason: "is empty: give an address like “Atelier <formation@asso.fr>”",
                source: settings[.mailFrom].source)
        }
        let replyTo = try address(.mailReplyTo, example: "coordination@asso.fr")
        let smtp = SMTPConfiguration(
            url: settings[.smtpURL].text, tls: SMTPConfiguration.TLS(rawValue: settings[.smtpTLS].text) ?? .required,
            username: settings[.smtpUsername].text, password: settings[.smtpPassword].text,
            caFile: settings[.smtpCAFile].text,
            connectTimeout: .seconds(settings.integer(.smtpConnectTimeoutSeconds)),
            timeout: .seconds(settings.integer(.smtpTimeoutSeconds)))
        return MessageSettings(
            smtp: smtp, from: from, replyTo: replyTo, links: links,
            templates: try MessageTemplates(folder: root.jobs), jobs: try jobCatalogue(),
            timeZone: timeZone, retryDelay: .seconds(settings.integer(.mailRetrySeconds)), stamp: try stamp(),
            rules: try rules(),
            questionnaireReminderDays: questionnaireReminderDays(),
            signatureRequestMinutes: settings.integer(.attendanceSignatureRequestMinutes).nonZero)
    }

    /// `questionnaire.reminder-days`, in order (checked when the settings were read).
    private func questionnaireReminderDays() -> [Int] {
        settings.list(.questionnaireReminderDays).compactMap { Int($0) }.sorted()
    }

    /// The mailbox `key` names, `nil` when it is empty. A line break in it would end the header
    /// it is written in, and the headers after it would be the sender's to choose.
    private func address(_ key: SettingKey, example: String) throws -> MailAddress? {
        let value = settings[key]
        guard !value.text.isEmpty else { return nil }
        if value.text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw SettingsError.invalid(
                key, reason: "holds a line break or another control character", source: value.source)
        }
        guard let address = MailAddress(parsing: value.text) else {
            throw SettingsError.invalid(key, reason: "is not an address like “\(example)”", source: value.source)
        }
        return address
    }

    /// The stamp's PNG, read and decoded once: a file that is missing or not a PNG stops the
    /// worker at start rather than every certificate.
    private func stamp() throws -> [UInt8]? {
        try file(.stampFile, "a PNG image") { (try? PNGImage($0)) != nil }
    }

    /// The règlement intérieur, read once; a file that is missing or not a PDF stops the worker
    /// at start rather than every convocation.
    private func rules() throws -> [UInt8]? {
        try file(.rulesFile, "a PDF") { $0.starts(with: "%PDF-".utf8) }
    }

    /// The bytes of the file `key` names, `nil` when it names none.
    private func file(_ key: SettingKey, _ kind: String, isRight: ([UInt8]) -> Bool) throws -> [UInt8]? {
        let path = settings[key].text
        guard !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError.invalid(
                key, reason: "names \(path), which cannot be read", source: settings[key].source)
        }
        guard isRight([UInt8](data)) else {
            throw SettingsError.invalid(
                key, reason: "names \(path), which is not \(kind)", source: settings[key].source)
        }
        return [UInt8](data)
    }
}

extension Int {
    /// `nil` for 0: a setting of minutes where 0 means never.
    fileprivate var nonZero: Int? { self == 0 ? nil : self }
}
