import Delivery
import Documents
import Foundation
import Queue

extension AppContext {
    /// Where and when the funding exports go, or `nil` when `reports.funders` names none. A
    /// schedule that cannot be read, an address that is not one, or funders with nowhere to send
    /// their exports stop the worker at start.
    public func reportSettings() throws -> ReportSettings? {
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
            recipient: recipient, uploadURL: upload,
            caFile: settings[.reportsCAFile].text.isEmpty ? nil : settings[.reportsCAFile].text)
    }
}
