import CCurl
import Foundation

/// One libcurl easy handle, owned by one lane (never `Sendable`), freed when its owner goes. It
/// keeps its connection open between transfers: consecutive messages to one relay share one
/// SMTP session, as consecutive webhooks to one host share one TLS connection. Every option is
/// checked: one libcurl refuses is a `CurlError` naming it.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    /// Where libcurl writes what went wrong in a transfer, more precisely than its code says.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// What the current transfer reads from and writes to; kept alive across `perform`.
    private var exchange = Exchange()

    init() throws(CurlError) {
        try CurlGlobal.initialise()
        guard let handle = atelier_curl_easy_init() else { throw CurlError(CURLE_FAILED_INIT) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        let code = atelier_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        guard code == CURLE_OK else {
            atelier_curl_easy_cleanup(handle)
            errorBuffer.deallocate()
            throw CurlError(code, option: CURLOPT_ERRORBUFFER)
        }
        self.handle = handle
        self.errorBuffer = errorBuffer
    }

    deinit {
        atelier_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// The bytes sent, and what came back: the start of the body, the last header or reply
    /// lines. A server's answer is read to its end but kept only this far, whatever its size:
    /// what it says is only ever quoted.
    final class Exchange {
        static let keptBodyBytes = 4096
        static let keptLines = 100
        var upload: [UInt8] = []
        var uploaded = 0
        var body: [UInt8] = []
        var replyLines: [String] = []
    }

    /// What became of one transfer: libcurl's code and, when it failed, why.
    struct Transfer {
        let code: CURLcode
        /// The error buffer's text, or the code's generic one; empty when the transfer succeeded.
        let message: String
        let exchange: Exchange
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(atelier_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String?) throws(CurlError) {
        // libcurl copies strings it is given (CURLOPT_* "the string is copied"), so a temporary is
        // enough. A NUL inside would cut the value short without a word: refused here instead.
        if let value, value.utf8.contains(0) {
            throw CurlError(CURLE_BAD_FUNCTION_ARGUMENT, option: option, message: "the value holds a NUL character")
        }
        let code: CURLcode =
            if let value { value.withCString { atelier_curl_setopt_string(handle, option, $0) } } else {
                atelier_curl_setopt_string(handle, option, nil)
            }
        try check(code, option)
    }

    /// Runs one transfer with `list` (recipients or headers) under `option`, uploading `upload`.
    /// The list must outlive the transfer; it is freed here when the transfer ends.
    func perform(upload: [UInt8] = [], list: (CURLoption, [String])? = nil) throws(CurlError) -> Transfer {
        exchange = Exchange()
        exchange.upload = upload
        var slist: UnsafeMutablePointer<curl_slist>?
        defer { atelier_curl_slist_free_all(slist) }
        if let (option, items) = list {
            for item in items {
                guard let appended = atelier_curl_slist_append(slist, item) else {
                    throw CurlError(CURLE_OUT_OF_MEMORY)
                }
                slist = appended
            }
            try check(atelier_curl_setopt_slist(handle, option, slist), option)
        }
        defer {
            // Never left pointing at the list freed above; setting NULL cannot fail.
            if let (option, _) = list { _ = atelier_curl_setopt_slist(handle, option, nil) }
        }
        try setCallbacks()
        errorBuffer[0] = 0
        let code = atelier_curl_easy_perform(handle)
        let message = code == CURLE_OK ? "" : CurlError(code, message: String(cString: errorBuffer)).message
        return Transfer(code: code, message: message, exchange: exchange)
    }

    private func setCallbacks() throws(CurlError) {
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        try check(atelier_curl_setopt_pointer(handle, CURLOPT_READDATA, context), CURLOPT_READDATA)
        let read = atelier_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
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
        }
        try check(read, CURLOPT_READFUNCTION)
        try check(atelier_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), CURLOPT_WRITEDATA)
        let write = atelier_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let exchange = Unmanaged<CurlEasy.Exchange>.fromOpaque(context).takeUnretainedValue()
            let room = max(0, Exchange.keptBodyBytes - exchange.body.count)
            exchange.body += UnsafeRawBufferPointer(start: buffer, count: min(room, size * count))
            return size * count
        }
        try check(write, CURLOPT_WRITEFUNCTION)
        try check(atelier_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), CURLOPT_HEADERDATA)
        let header = atelier_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) {
            buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let exchange = Unmanaged<CurlEasy.Exchange>.fromOpaque(context).takeUnretainedValue()
            var line = UnsafeRawBufferPointer(start: buffer, count: size * count)[...]
            while let last = line.last, last == 10 || last == 13 { line = line.dropLast() }
            if exchange.replyLines.count == Exchange.keptLines { exchange.replyLines.removeFirst() }
            exchange.replyLines.append(String(decoding: line.prefix(Exchange.keptBodyBytes), as: UTF8.self))
            return size * count
        }
        try check(header, CURLOPT_HEADERFUNCTION)
    }

    /// The last response code: SMTP's reply code, or the HTTP status; 0 when there was none.
    var responseCode: Int {
        var code = 0
        return atelier_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK ? code : 0
    }

    /// How many new connections this handle has opened in its last transfer (0 when reused).
    var connectionsOpened: Int {
        var count = 0
        return atelier_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &count) == CURLE_OK ? count : 0
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code, option: option) }
    }
}

/// `curl_global_init` once per process, before the first handle (it is not thread-safe itself,
/// hence the lazy global); its result is kept and checked by every handle.
enum CurlGlobal {
    private static let result: CURLcode = atelier_curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func initialise() throws(CurlError) {
        guard result == CURLE_OK else { throw CurlError(result, message: "curl_global_init failed") }
    }
}
