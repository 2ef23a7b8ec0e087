import CCurl

/// libcurl said no: to an option (`option` names it: a configuration that cannot be used) or to
/// a transfer (`option` is `nil`). `message` is the error buffer's text when libcurl wrote one
/// (https://curl.se/libcurl/c/CURLOPT_ERRORBUFFER.html), its generic text for the code otherwise.
public struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    /// `CURLOPT_URL`, for a refused option.
    public let option: String?
    public let message: String

    init(_ code: CURLcode, option: CURLoption? = nil, message: String? = nil) {
        self.code = Int(code.rawValue)
        self.option = option.map(Self.name)
        self.message = message.flatMap { $0.isEmpty ? nil : $0 } ?? String(cString: atelier_curl_easy_strerror(code))
    }

    public var description: String {
        option.map { "\($0) cannot be set: \(message)" } ?? message
    }

    /// `CURLOPT_` and the option's name, as libcurl's manual pages are titled.
    static func name(of option: CURLoption) -> String {
        guard let entry = atelier_curl_easy_option_by_id(option), let name = entry.pointee.name else {
            return "option \(option.rawValue)"
        }
        return "CURLOPT_" + String(cString: name)
    }
}
