import CSodium

/// Seals personal fields one after another (an import seals hundreds of thousands) in the
/// layout of `FieldSealing`, `0x02 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`, the plaintext padded
/// with `sodium_pad` to a multiple of 16 bytes, without allocating for each: the associated
/// data, the padded plaintext and the sealed box are built in buffers reused from one seal to
/// the next, and the random nonces come from a `RandomPool`.
///
/// Open to the in-process benchmark (`Benchmarks/inprocess`) as SPI, `@_spi(Benchmarks)`: not
/// part of the library's API.
@_spi(Benchmarks) public final class FieldSealer {
    private let random: RandomPool
    private var associatedData: [UInt8] = []
    private var box: [UInt8] = []
    private var padded: [UInt8] = []

    /// A sealer drawing its nonces from `random`.
    public init(random: RandomPool) {
        self.random = random
    }

    /// Seals the UTF-8 text `value` for `location` under `dataKey` and passes the sealed bytes
    /// to `body`; they are valid only during the call.
    public func seal<Result>(
        _ value: String, at location: FieldLocation, with dataKey: SecretKey,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        associatedData.removeAll(keepingCapacity: true)
        location.appendAssociatedData(to: &associatedData)
        box.removeAll(keepingCapacity: true)
        box.append(FieldSealing.layoutVersion)
        padded.removeAll(keepingCapacity: true)
        var text = value
        text.withUTF8 { padded.append(contentsOf: $0) }
        let length = padded.count
        padded.append(contentsOf: repeatElement(0, count: FieldSealing.paddingBlock))
        var paddedLength = 0
        padded.withUnsafeMutableBufferPointer { buffer in
            // Cannot fail: the buffer has a whole block of room after the text.
            _ = sodium_pad(&paddedLength, buffer.baseAddress!, length, FieldSealing.paddingBlock, buffer.count)
        }
        padded.withUnsafeBytes { plaintext in
            associatedData.withUnsafeBytes { ad in
                AEAD.seal(
                    UnsafeRawBufferPointer(rebasing: plaintext[..<paddedLength]), associatedData: ad, key: dataKey,
                    random: random, appendingTo: &box)
            }
        }
        padded.withUnsafeMutableBytes { sodium_memzero($0.baseAddress, $0.count) }
        return try box.withUnsafeBytes(body)
    }
}
