import Delivery
import Foundation
import Training
import Worker

extension CommandContext {
    /// The relay, the sender and the templates of every message, read and checked now: a
    /// worker with a template it cannot fill refuses to start rather than send a blank.
    func messageSettings() throws -> MessageSettings {
        guard let from = MailAddress(parsing: settings[.mailFrom].text) else {
            throw SettingsError.invalid(.mailFrom, reason: "is not an address like “Atelier <formation@asso.fr>”", source: settings[.mailFrom].source)
        }
        let replyToText = settings[.mailReplyTo].text
        let replyTo = MailAddress(parsing: replyToText)
        if !replyToText.isEmpty && replyTo == nil {
            throw SettingsError.invalid(.mailReplyTo, reason: "is not an address like “coordination@asso.fr”", source: settings[.mailReplyTo].source)
        }
        let smtp = SMTPConfiguration(
            url: settings[.smtpURL].text, tls: SMTPConfiguration.TLS(rawValue: settings[.smtpTLS].text) ?? .required,
            username: settings[.smtpUsername].text, password: settings[.smtpPassword].text, caFile: settings[.smtpCAFile].text,
            connectTimeout: .seconds(settings.integer(.smtpConnectTimeoutSeconds)), timeout: .seconds(settings.integer(.smtpTimeoutSeconds)))
        var base = settings[.webBaseURL].text
        while base.hasSuffix("/") { base.removeLast() }
        return MessageSettings(smtp: smtp, from: from, replyTo: replyTo, webBaseURL: base,
                               templates: try MessageTemplates(folder: root.jobs), jobs: try JobCatalogueFiles.load(root.jobs),
                               timeZone: timeZone, retryDelay: .seconds(settings.integer(.mailRetrySeconds)))
    }
}
