import CCurl

/// What the linked libcurl is and can do (`curl_version_info`,
/// https://curl.se/libcurl/c/curl_version_info.html): Atelier needs `smtp`, `smtps` and `https`.
public struct CurlVersion: Sendable, Hashable {
    public let version: String
    public let sslVersion: String?
    /// The URL schemes it speaks, lower case.
    public let protocols: Set<String>

    /// The libcurl this process runs with.
    public static let current: CurlVersion = {
        let info = atelier_curl_version_info().pointee
        var protocols: Set<String> = []
        var entry = info.protocols
        while let name = entry?.pointee {
            protocols.insert(String(cString: name).lowercased())
            entry = entry?.successor()
        }
        return CurlVersion(
            version: String(cString: info.version),
            sslVersion: info.ssl_version.map { String(cString: $0) },
            protocols: protocols)
    }()

    public func supports(_ scheme: String) -> Bool { protocols.contains(scheme.lowercased()) }
}
