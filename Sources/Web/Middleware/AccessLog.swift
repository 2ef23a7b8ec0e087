import App
import Hummingbird
import Logging

/// One log line per request: method, path with every token cut to its first 6 characters
/// (enough to find a link in the database, not to open it), status and time taken.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let path = TokenMask.masked(request.uri.path)
        do {
            let response = try await next(request, context)
            log(request, path, response.status, since: start)
            return response
        } catch {
            log(request, path, (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    private func log(
        _ request: Request, _ path: String, _ status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        logger.info("\(request.method) \(path) \(status.code) \(Int(milliseconds.rounded(.up))) ms")
    }
}

/// Personal tokens as logs show them.
enum TokenMask {
    /// The prefixes of the paths whose next segment is a personal token.
    static let tokenPrefixes = [
        WebLinks.questionnairePath, WebLinks.signingPath, WebLinks.trainerPath, WebLinks.roomPath, WebLinks.problemPath,
    ]

    /// `/q/3f9a2c5e…` → `/q/3f9a2c…`: a token longer than 6 characters keeps its first 6.
    static func masked(_ path: String) -> String {
        guard let prefix = tokenPrefixes.first(where: { path.hasPrefix($0) }) else { return path }
        let rest = path.dropFirst(prefix.count)
        let token = rest.prefix { $0 != "/" }
        guard token.count > 6 else { return path }
        return prefix + token.prefix(6) + "…" + rest.dropFirst(token.count)
    }
}
