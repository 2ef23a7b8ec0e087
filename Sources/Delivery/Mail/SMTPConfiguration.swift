/// How to reach the relay.
public struct SMTPConfiguration: Sendable, Hashable {
    /// For `smtp://` URLs: whether the session must be encrypted with STARTTLS. `smtps://` is
    /// encrypted from the first byte whatever this says.
    public enum TLS: String, Sendable, CaseIterable {
        /// Refuse to send in clear text (a relay across a network).
        case required
        /// STARTTLS when the server offers it (a relay on the same machine, a local catcher).
        case opportunistic
    }

    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    public var tls: TLS
    public var username: String?
    public var password: String?
    /// A CA bundle for a relay whose certificate a private authority signed.
    public var caFile: String?
    public var connectTimeout: Duration
    /// The whole exchange of one message, connection included.
    public var timeout: Duration

    public init(
        url: String, tls: TLS = .required, username: String? = nil, password: String? = nil, caFile: String? = nil,
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.tls = tls
        self.username = username.flatMap { $0.isEmpty ? nil : $0 }
        self.password = password.flatMap { $0.isEmpty ? nil : $0 }
        self.caFile = caFile.flatMap { $0.isEmpty ? nil : $0 }
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
