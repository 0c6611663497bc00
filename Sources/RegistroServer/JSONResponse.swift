import HTTPTypes
import Hummingbird
import RegistroKit

/// Responses whose body is ordered JSON (the CLI's shapes).
enum JSONResponse {
    /// A response with `value` as its body.
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var bytes = value.utf8Encoded(pretty: false)
        bytes.append(UInt8(ascii: "\n"))
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response with no body.
    static func noContent() -> Response {
        Response(status: .noContent)
    }
}
