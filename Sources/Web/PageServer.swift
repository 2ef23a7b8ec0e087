import App
import Hummingbird
import Logging
import ServiceLifecycle

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

    public func run() async throws {
        let logger = Logger(label: "atelier.serve")
        let settings = context.settings
        let router = Router()
        router.add(middleware: AccessLog(logger: logger))
        router.add(middleware: SecurityHeaders(https: settings[.webBaseURL].text.lowercased().hasPrefix("https://")))
        HealthRoute(database: Database(context)).add(to: router)

        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                logger.info(
                    "Serving on \(host):\(channel.localAddress?.port ?? port); links from \(settings[.webBaseURL].text)"
                )
            }, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(settings.integer(.webShutdownSeconds))
        try await ServiceGroup(configuration: configuration).run()
        logger.info("Stopped")
    }
}
