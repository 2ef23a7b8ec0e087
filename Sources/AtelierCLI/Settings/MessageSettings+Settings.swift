import Delivery
import Documents
import Foundation
import Queue
import Training
import Worker

extension CommandContext {
    /// The relay, the sender and the templates of every message, read and checked now: a
    /// worker with a template it cannot fill refuses to start rather than send a blank.
    func messageSettings() throws -> MessageSettings {
        guard let from = MailAddress(parsing: settings[.mailFrom].text) else {
            throw SettingsError.invalid(
                .mailFrom, reason: "is not an address like “Atelier <formation@asso.fr>”",
                source: settings[.mailFrom].source)
        }
        let replyToText = settings[.mailReplyTo].text
        let replyTo = MailAddress(parsing: replyToText)
        if !replyToText.isEmpty && replyTo == nil {
            throw SettingsError.invalid(
                .mailReplyTo, reason: "is not an address like “coordination@asso.fr”",
                source: settings[.mailReplyTo].source)
        }
        let smtp = SMTPConfiguration(
            url: settings[.smtpURL].text, tls: SMTPConfiguration.TLS(rawValue: settings[.smtpTLS].text) ?? .required,
            username: settings[.smtpUsername].text, password: settings[.smtpPassword].text,
            caFile: settings[.smtpCAFile].text,
            connectTimeout: .seconds(settings.integer(.smtpConnectTimeoutSeconds)),
            timeout: .seconds(settings.integer(.smtpTimeoutSeconds)))
        var base = settings[.webBaseURL].text
        while base.hasSuffix("/") { base.removeLast() }
        return MessageSettings(
            smtp: smtp, from: from, replyTo: replyTo, webBaseURL: base,
            templates: try MessageTemplates(folder: root.jobs), jobs: try JobCatalogueFiles.load(root.jobs),
            timeZone: timeZone, retryDelay: .seconds(settings.integer(.mailRetrySeconds)), stamp: try stamp())
    }

    /// The stamp's PNG, read and decoded once: a file that is missing or not a PNG stops the
    /// worker at start rather than every certificate.
    private func stamp() throws -> [UInt8]? {
        let path = settings[.stampFile].text
        guard !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError.invalid(
                .stampFile, reason: "names \(path), which cannot be read", source: settings[.stampFile].source)
        }
        do { _ = try PNGImage([UInt8](data)) } catch {
            throw SettingsError.invalid(
                .stampFile, reason: "names \(path), which is not a PNG image", source: settings[.stampFile].source)
        }
        return [UInt8](data)
    }

    /// Where and when the funding exports go, or `nil` when `reports.funders` names none. A
    /// schedule that cannot be read, an address that is not one, or funders with nowhere to send
    /// their exports stop the worker at start.
    func reportSettings() throws -> ReportSettings? {
        let funders = settings[.reportsFunders].text.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        guard !funders.isEmpty else { return nil }
        func invalid(_ key: SettingKey, _ reason: String) -> SettingsError {
            .invalid(key, reason: reason, source: settings[key].source)
        }
        let schedule: CronSchedule
        do { schedule = try CronSchedule(settings[.reportsCron].text) } catch {
            throw invalid(.reportsCron, "is not a cron schedule: \(error)")
        }
        let email = settings[.reportsEmail].text
        let upload = settings[.reportsUploadURL].text
        let recipient = MailAddress(parsing: email)
        if !email.isEmpty && recipient == nil {
            throw invalid(.reportsEmail, "is not an address like “comptabilite@asso.fr”")
        }
        if !upload.isEmpty && !upload.lowercased().hasPrefix("https://") {
            throw invalid(
                .reportsUploadURL, "is not an https URL: an export names people, it never travels in clear text")
        }
        if recipient == nil && upload.isEmpty {
            throw invalid(
                .reportsFunders,
                "names funders, but neither reports.email nor reports.upload-url says where their exports go")
        }
        return ReportSettings(
            funders: funders, schedule: schedule, format: TableFormat(rawValue: settings[.reportsFormat].text) ?? .xlsx,
            recipient: recipient, uploadURL: upload, caFile: settings[.reportsCAFile].text)
    }
}
