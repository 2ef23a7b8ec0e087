import App
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Training

/// `atelier serve`: the pages behind the personal links of the emails, over HTTP on
/// `web.host:web.port`, behind a reverse proxy that terminates TLS. Keeps no state of its own:
/// run as many as the load needs.
///
/// SIGTERM and SIGINT stop it gracefully: no new connection is taken, requests in flight finish
/// for at most `web.shutdown-seconds`, then the rest are cancelled.
public struct PageServer: Sendable {
    let context: AppContext
    let host: String
    let port: Int

    /// `host` and `port` over the settings `web.host` and `web.port`; port 0 takes any free one.
    public init(context: AppContext, host: String?, port: Int?) {
        self.context = context
        self.host = host ?? context.settings[.webHost].text
        self.port = port ?? context.settings.integer(.webPort)
    }

    /// The server with its routes, ready to run (or to be tested with HummingbirdTesting): reads
    /// the page templates, checking them, and opens no connection yet.
    public func application(logger: Logger) throws -> some ApplicationProtocol {
        let settings = context.settings
        let pages = try PageTemplates(folder: context.root.pages)
        let database = try Database(context)
        let messages = MessagePages(templates: pages, organisation: OrganisationCard(database: database))
        let posted = PostedForms(
            signer: FormSigner.load(context, logger: logger), origin: Self.origin(of: settings[.webBaseURL].text),
            messages: messages)
        let client = ClientAddress(trustedProxies: Set(settings.list(.webTrustedProxies)))
        let router = Router(context: PageRequestContext.self)
        router.add(middleware: AccessLog(logger: logger))
        let https = settings[.webBaseURL].text.lowercased().hasPrefix("https://")
        router.add(middleware: SecurityHeaders(https: https))
        router.add(middleware: ProblemPages(messages: messages))
        router.add(
            middleware: RateLimit(
                limiter: RateLimiter(perMinute: settings.integer(.webRateLimit)),
                client: client, messages: messages))
        HealthRoute(database: database).add(to: router)
        AssetRoute(assets: pages.assets).add(to: router)
        let forms = QuestionnaireForms(pages: pages)
        QuestionnaireRoute(
            database: database, pages: pages, messages: messages, forms: forms,
            posted: posted, linkDays: settings.integer(.questionnaireLinkDays)
        ).add(to: router)
        let cookie = RoomCookie(secure: https)
        let signing = SigningRoute(
            database: database, pages: pages, messages: messages, posted: posted, client: client, cookie: cookie,
            window: context.signingWindow, zone: context.timeZone)
        signing.add(to: router)
        RoomRoute(
            database: database, pages: pages, messages: messages, posted: posted, client: client, signing: signing,
            cookie: cookie, window: context.signingWindow, zone: context.timeZone
        ).add(to: router)
        TrainerRoute(
            database: database, pages: pages, messages: messages, posted: posted, client: client, signing: signing,
            forms: forms, window: context.signingWindow, zone: context.timeZone
        ).add(to: router)
        ProblemRoute(database: database, pages: pages, messages: messages, posted: posted).add(to: router)
        ConventionRoute(database: database, pages: pages, messages: messages, posted: posted, client: client).add(
            to: router)

        return Application(
            router: router,
            server: .http1(
                configuration: .init(idleTimeout: .seconds(Int64(settings.integer(.webIdleTimeoutSeconds))))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                logger.info(
                    "Serving on \(host):\(channel.localAddress?.port ?? port); links from \(settings[.webBaseURL].text)"
                )
            }, logger: logger)
    }

    public func run() async throws {
        let logger = Logger(label: "atelier.serve")
        let application = try application(logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(context.settings.integer(.webShutdownSeconds))
        try await ServiceGroup(configuration: configuration).run()
        logger.info("Stopped")
    }

    /// `https://formation.asso.fr` of `https://formation.asso.fr/pages/`: what a browser sends
    /// as `Origin` from the pages, the default port left out as browsers leave it.
    static func origin(of baseURL: String) -> String {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased()
        else { return baseURL }
        let defaultPort = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)" + (url.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? "")
    }
}
