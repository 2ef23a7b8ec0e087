import Delivery
import Documents
import Foundation
import Queue
import Training
import Worker

/// Builds a funder's export for the period before the job's periodic run and sends it: uploaded
/// by HTTPS PUT when `reports.upload-url` is set, otherwise mailed to the accountant. The
/// `delivery` row commits with the job, so a retry after a crash does not send it twice once
/// accepted; an upload server or a relay that is away makes the job try again later. A period
/// in which none of the funder's sessions ended sends nothing.
struct FundingReportHandler: KindHandler {
    var kind: JobKind { .fundingReport }

    func perform(_ job: Job, in lane: JobContext) throws -> JobOutcome {
        let messages = lane.settings.messages
        guard let reports = lane.settings.reports else {
            return .discard(reason: "not sent: reports.funders names no funder any more")
        }
        let store = lane.store
        let code = try job.arguments(FundingReportArguments.self).funder
        let messageID = "funding-report.\(job.id).\(code.lowercased())@\(messages.from.domain)"
        let deliveries = Deliveries(store)
        let destination = reports.uploadURL.isEmpty ? "the mail server" : "the upload server"
        if try deliveries.wasAccepted(messageID: messageID) { return .completed }
        guard let (from, to) = reports.period(of: job, in: messages.timeZone) else {
            return .discard(
                reason: "not sent: the job names no period of reports.cron (\(job.uniqueKey ?? "no unique key"))")
        }
        let funder: Funder
        do { funder = try Catalogue(store).funder(code) } catch TrainingError.notFound(let sentence) {
            return .discard(reason: sentence)
        }

        let staging = FileManager.default.temporaryDirectory.appendingPathComponent(
            "atelier-report-\(job.id).\(reports.format.rawValue)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let writer = try reports.format.writer(
            path: staging, sheetName: "\(funder.code) \(from)", columns: FundingExport.columns)
        guard let summary = try FundingExport(store).write(funder: funder.code, from: from, to: to, into: writer) else {
            return .completed  // no session of this funder ended in the period: nothing to send
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: staging)))
        let letter = FundingReportLetter(
            funder: funder, from: from, to: to, summary: summary,
            organisation: try OrganisationRecord(store).current()?.name, fileExtension: reports.format.rawValue)
        func record(_ channel: Deliveries.Channel, _ recipient: String) -> (Deliveries.State, String) throws -> Void {
            { state, reply in
                try deliveries.record(
                    job: job.id, kind: .fundingReport, channel: channel, registration: nil, recipient: recipient,
                    messageID: messageID, state, reply: reply)
            }
        }
        // The lane has an uploader exactly when `reports.upload-url` is set.
        if let uploader = lane.senders.uploads {
            let url = reports.uploadURL.replacingOccurrences(of: "{funder}", with: funder.code).replacingOccurrences(
                of: "{file}", with: letter.fileName)
            return try uploader.send(.put, bytes, to: url, headers: ["Content-Type: \(reports.format.contentType)"])
                .settled(refusedBy: destination, record: record(.upload, URLCredentials.removed(url)))
        }
        guard let accountant = reports.recipient else {
            return .discard(reason: "not sent: neither reports.email nor reports.upload-url is set")
        }
        let message = MailMessage(
            from: messages.from, to: accountant, replyTo: messages.replyTo, subject: letter.subject,
            messageID: messageID,
            text: letter.text,
            attachments: [.init(fileName: letter.fileName, contentType: reports.format.contentType, bytes: bytes)])
        return try lane.senders.mail.send(message).settled(
            refusedBy: destination, record: record(.mail, accountant.address))
    }
}
