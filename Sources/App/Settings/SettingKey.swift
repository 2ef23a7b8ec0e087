import Configuration

/// One configuration key: its dotted name in `Config/atelier.yaml`, the environment variable that
/// overrides it (`worker.lanes` → `ATELIER_WORKER_LANES`), its default, and what it may hold.
public struct SettingKey: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text
        case secret
        /// A URL or conninfo string whose password is masked when shown.
        case url
        case integer(ClosedRange<Int>)
        case boolean
        /// One of these words.
        case choice([String])
        /// A list: a YAML sequence in the file, comma-separated in the environment; kept as its
        /// items joined by commas.
        case list(ListItem)
    }

    /// What each item of a list is.
    public enum ListItem: Sendable, Hashable {
        /// A queue's name, by the queue's own rule (`job_queue_format`).
        case queue
        /// A whole number of days in the range, each once.
        case days(ClosedRange<Int>)
        /// An IPv4 or IPv6 address.
        case address
    }

    public let name: String
    public let defaultValue: String
    public let kind: Kind
    public let summary: String

    public var environmentVariable: String {
        "ATELIER_" + name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
    }

    public static let databaseURL = SettingKey(
        name: "database.url", defaultValue: "", kind: .url,
        summary: "PostgreSQL URL or conninfo; empty: the private cluster under .atelier/ that scripts/pg starts")
    public static let lockTimeoutSeconds = SettingKey(
        name: "database.lock-timeout-seconds", defaultValue: "10", kind: .integer(1...3600),
        summary: "how long a command waits for a row another client holds before it gives up")
    public static let timeZone = SettingKey(
        name: "timezone", defaultValue: "Europe/Paris", kind: .text,
        summary: "the time zone in which session times are entered and shown")
    public static let mailFrom = SettingKey(
        name: "mail.from", defaultValue: "Atelier <formation@atelier.localhost>", kind: .text,
        summary: "the sender of every email")
    public static let smtpURL = SettingKey(
        name: "smtp.url", defaultValue: "smtp://127.0.0.1:2525", kind: .url,
        summary: "the SMTP relay: smtp:// (STARTTLS when offered) or smtps://")
    public static let smtpTLS = SettingKey(
        name: "smtp.tls", defaultValue: "opportunistic", kind: .choice(["required", "opportunistic"]),
        summary: "for smtp:// relays: required (never send in clear text) or opportunistic (STARTTLS when offered)")
    public static let smtpCAFile = SettingKey(
        name: "smtp.ca-file", defaultValue: "", kind: .text,
        summary: "a CA bundle for a relay whose certificate a private authority signed; empty: the system's")
    public static let smtpConnectTimeoutSeconds = SettingKey(
        name: "smtp.connect-timeout-seconds", defaultValue: "10", kind: .integer(1...300),
        summary: "how long to wait for the relay to answer a connection")
    public static let smtpTimeoutSeconds = SettingKey(
        name: "smtp.timeout-seconds", defaultValue: "60", kind: .integer(1...3600),
        summary: "how long one message may take, connection included; then it is retried later")
    public static let mailReplyTo = SettingKey(
        name: "mail.reply-to", defaultValue: "", kind: .text,
        summary: "where participants' replies go (the coordinators' address); empty: to mail.from")
    public static let mailRetrySeconds = SettingKey(
        name: "mail.retry-seconds", defaultValue: "30", kind: .integer(1...3600),
        summary:
            "the first wait before a message or webhook the server could not take is tried again; doubled each time, up to an hour"
    )
    public static let webBaseURL = SettingKey(
        name: "web.base-url", defaultValue: "http://localhost:8080", kind: .text,
        summary: "the address of Atelier's pages, for the questionnaire links in emails")
    public static let webHost = SettingKey(
        name: "web.host", defaultValue: "127.0.0.1", kind: .text,
        summary: "the address `atelier serve` listens on; 0.0.0.0 for every interface (in a container)")
    public static let webPort = SettingKey(
        name: "web.port", defaultValue: "8080", kind: .integer(1...65535),
        summary: "the port `atelier serve` listens on")
    public static let webShutdownSeconds = SettingKey(
        name: "web.shutdown-seconds", defaultValue: "10", kind: .integer(1...3600),
        summary: "how long a stopped `atelier serve` lets requests in flight finish before it closes them")
    public static let webRateLimit = SettingKey(
        name: "web.rate-limit", defaultValue: "60", kind: .integer(1...10_000_000),
        summary: "requests a minute one client address may make to the personal links' pages; then 429")
    public static let webTrustedProxies = SettingKey(
        name: "web.trusted-proxies", defaultValue: "", kind: .list(.address),
        summary: "the reverse proxies whose X-Forwarded-For names the client; empty: the connection's address")
    public static let webIdleTimeoutSeconds = SettingKey(
        name: "web.idle-timeout-seconds", defaultValue: "30", kind: .integer(1...3600),
        summary: "how long a connection may send nothing before `atelier serve` closes it (slow clients)")
    public static let webSecret = SettingKey(
        name: "web.secret", defaultValue: "", kind: .secret,
        summary:
            "the key that signs the pages' forms; empty: one made at first start and kept in .atelier/web-secret")
    public static let questionnaireLinkDays = SettingKey(
        name: "questionnaire.link-days", defaultValue: "30", kind: .integer(1...365),
        summary: "how long a questionnaire link opens its page, in days from its email")
    public static let questionnaireReminderDays = SettingKey(
        name: "questionnaire.reminder-days", defaultValue: "3,7", kind: .list(.days(1...90)),
        summary: "the days after a questionnaire's invitation when whoever has not answered is reminded; empty: never")
    public static let attendanceOpenMinutesBefore = SettingKey(
        name: "attendance.open-minutes-before", defaultValue: "15", kind: .integer(0...240),
        summary: "how long before a half-day starts its participants can sign it, in minutes")
    public static let attendanceGraceMinutesAfter = SettingKey(
        name: "attendance.grace-minutes-after", defaultValue: "120", kind: .integer(0...1440),
        summary: "how long after a half-day ends a signature is still taken, marked late, in minutes")
    public static let attendanceSignatureRequestMinutes = SettingKey(
        name: "attendance.signature-request-minutes", defaultValue: "15", kind: .integer(0...240),
        summary: "minutes after a half-day starts when whoever has not signed it is sent « Pensez à signer »; 0: never")
    public static let smtpUsername = SettingKey(
        name: "smtp.username", defaultValue: "", kind: .text, summary: "the SMTP login, if the relay asks for one")
    public static let smtpPassword = SettingKey(
        name: "smtp.password", defaultValue: "", kind: .secret, summary: "the SMTP password")
    public static let workerLanes = SettingKey(
        name: "worker.lanes", defaultValue: "2", kind: .integer(1...64),
        summary: "jobs one worker runs at once, each on its own thread and connection")
    public static let workerPollSeconds = SettingKey(
        name: "worker.poll-seconds", defaultValue: "5", kind: .integer(1...3600),
        summary: "how often an idle worker looks for jobs when no notification wakes it")
    public static let workerPollOnly = SettingKey(
        name: "worker.poll-only", defaultValue: "false", kind: .boolean,
        summary: "poll without LISTEN/NOTIFY, for a transaction-mode PgBouncer")

    public static let workerQueues = SettingKey(
        name: "worker.queues", defaultValue: "", kind: .list(.queue),
        summary:
            "the queues a worker claims (atelier worker --queue overrides); empty: every queue Jobs/*/job.yaml names")
    public static let workerLeaseSeconds = SettingKey(
        name: "worker.lease-seconds", defaultValue: "30", kind: .integer(3...3600),
        summary: "how long a claimed job stays a worker's without a heartbeat; then another worker retries it")
    public static let workerShutdownSeconds = SettingKey(
        name: "worker.shutdown-seconds", defaultValue: "30", kind: .integer(1...3600),
        summary: "how long running jobs may take to finish after SIGTERM or SIGINT")
    public static let keepCompletedDays = SettingKey(
        name: "jobs.keep-completed-days", defaultValue: "7", kind: .integer(1...3650),
        summary: "how long completed jobs are kept before pruning")
    public static let keepDiscardedDays = SettingKey(
        name: "jobs.keep-discarded-days", defaultValue: "30", kind: .integer(1...3650),
        summary: "how long discarded and cancelled jobs, with their errors, are kept before pruning")
    public static let stampFile = SettingKey(
        name: "documents.stamp-file", defaultValue: "", kind: .text,
        summary: "the organisation's stamp, a PNG image, printed in the certificates' signature box; empty: none")
    public static let rulesFile = SettingKey(
        name: "documents.rules-file", defaultValue: "", kind: .text,
        summary: "the règlement intérieur, a PDF, attached to every convocation; empty: none")
    public static let reportsFunders = SettingKey(
        name: "reports.funders", defaultValue: "", kind: .text,
        summary:
            "the funders (codes, comma-separated) whose funding export is sent on the reports.cron schedule; empty: none"
    )
    public static let reportsCron = SettingKey(
        name: "reports.cron", defaultValue: "0 7 1 * *", kind: .text,
        summary:
            "when the funding exports go (cron, in the configured time zone); each covers the period since the run before"
    )
    public static let reportsFormat = SettingKey(
        name: "reports.format", defaultValue: "xlsx", kind: .choice(["csv", "xlsx"]),
        summary: "the funding exports' format")
    public static let reportsEmail = SettingKey(
        name: "reports.email", defaultValue: "", kind: .text,
        summary: "the accountant's address, who receives the funding exports")
    public static let reportsUploadURL = SettingKey(
        name: "reports.upload-url", defaultValue: "", kind: .url,
        summary: "an HTTPS address to PUT each export to instead ({funder} and {file} are replaced); empty: by email")
    public static let reportsCAFile = SettingKey(
        name: "reports.ca-file", defaultValue: "", kind: .text,
        summary: "a CA bundle for an upload server whose certificate a private authority signed; empty: the system's")

    /// Every key, in the order `atelier config show` lists them.
    public static let all: [SettingKey] = [
        databaseURL, lockTimeoutSeconds, timeZone, mailFrom, mailReplyTo, mailRetrySeconds, smtpURL, smtpTLS,
        smtpUsername, smtpPassword,
        smtpCAFile, smtpConnectTimeoutSeconds, smtpTimeoutSeconds, webBaseURL, webHost, webPort, webShutdownSeconds,
        webRateLimit, webTrustedProxies, webIdleTimeoutSeconds, webSecret, questionnaireLinkDays,
        questionnaireReminderDays, attendanceOpenMinutesBefore, attendanceGraceMinutesAfter,
        attendanceSignatureRequestMinutes,
        workerLanes, workerQueues, workerPollSeconds, workerPollOnly, workerLeaseSeconds, workerShutdownSeconds,
        keepCompletedDays, keepDiscardedDays,
        stampFile, rulesFile, reportsFunders, reportsCron, reportsFormat, reportsEmail, reportsUploadURL, reportsCAFile,
    ]
}

extension SettingKey.Kind {
    /// How the configuration providers are asked for a value of this kind.
    var lookupType: ConfigType {
        if case .list = self { return .stringArray }
        return .string
    }
}
