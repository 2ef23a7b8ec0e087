import CCurl
import Foundation

/// One libcurl easy handle, owned by one lane (never `Sendable`), freed when its owner goes. It
/// keeps its connection open between transfers: consecutive messages to one relay share one
/// SMTP session, as consecutive webhooks to one host share one TLS connection.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    /// What the current transfer reads from and writes to; kept alive across `perform`.
    private var exchange = Exchange()

    init() {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    /// The bytes sent, and what came back: body, header or reply lines.
    final class Exchange {
        var upload: [UInt8] = []
        var uploaded = 0
        var body: [UInt8] = []
        var replyLines: [String] = []
    }

    struct Failure: Error {
        let code: CURLcode
        let message: String
    }

    func set(_ option: CURLoption, _ value: Int) throws(Failure) {
        try check(atelier_curl_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ value: String?) throws(Failure) {
        // libcurl copies strings it is given (CURLOPT_* "the string is copied"), so a temporary is enough.
        let code: CURLcode =
            if let value { value.withCString { atelier_curl_setopt_string(handle, option, $0) } } else {
                atelier_curl_setopt_string(handle, option, nil)
            }
        try check(code)
    }

    /// Runs one transfer with `list` (recipients or headers) under `option`, uploading `upload`.
    /// The list must outlive the transfer; it is freed here when the transfer ends.
    func perform(upload: [UInt8] = [], list: (CURLoption, [String])? = nil) -> (CURLcode, Exchange) {
        exchange = Exchange()
        exchange.upload = upload
        var slist: UnsafeMutablePointer<curl_slist>?
        if let (option, items) = list {
            for item in items { slist = curl_slist_append(slist, item) }
            _ = atelier_curl_setopt_slist(handle, option, slist)
        }
        defer {
            if let (option, _) = list { _ = atelier_curl_setopt_slist(handle, option, nil) }
            curl_slist_free_all(slist)
        }
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        _ = atelier_curl_setopt_pointer(handle, CURLOPT_READDATA, context)
        _ = atelier_curl_setopt_read_callback(
            handle, CURLOPT_READFUNCTION,
            { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let exchange = Unmanaged<CurlEasy.Exchange>.fromOpaque(context).takeUnretainedValue()
                let length = min(size * count, exchange.upload.count - exchange.uploaded)
                exchange.upload.withUnsafeBytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    buffer.update(
                        from: base.advanced(by: exchange.uploaded).assumingMemoryBound(to: CChar.self), count: length)
                }
                exchange.uploaded += length
                return length
            })
        _ = atelier_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = atelier_curl_setopt_write_callback(
            handle, CURLOPT_WRITEFUNCTION,
            { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let exchange = Unmanaged<CurlEasy.Exchange>.fromOpaque(context).takeUnretainedValue()
                exchange.body += UnsafeRawBufferPointer(start: buffer, count: size * count)
                return size * count
            })
        _ = atelier_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = atelier_curl_setopt_write_callback(
            handle, CURLOPT_HEADERFUNCTION,
            { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let exchange = Unmanaged<CurlEasy.Exchange>.fromOpaque(context).takeUnretainedValue()
                var line = UnsafeRawBufferPointer(start: buffer, count: size * count)[...]
                while let last = line.last, last == 10 || last == 13 { line = line.dropLast() }
                exchange.replyLines.append(String(decoding: line, as: UTF8.self))
                return size * count
            })
        let code = curl_easy_perform(handle)
        return (code, exchange)
    }

    /// The last response code: SMTP's reply code, or the HTTP status.
    var responseCode: Int {
        var code = 0
        _ = atelier_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// How many new connections this handle has opened in its last transfer (0 when reused).
    var connectionsOpened: Int {
        var count = 0
        _ = atelier_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count)
        return count
    }

    static func describe(_ code: CURLcode) -> String { String(cString: curl_easy_strerror(code)) }

    private func check(_ code: CURLcode) throws(Failure) {
        guard code == CURLE_OK else { throw Failure(code: code, message: Self.describe(code)) }
    }
}

/// `curl_global_init` once per process, before the first handle (it is not thread-safe itself).
enum CurlGlobal {
    private static let done: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    static func initialise() { _ = done }
}
