/// Seals personal fields one after another (an import seals hundreds of thousands) in the
/// layout of `FieldSealing`, `0x01 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`, without allocating for
/// each: the associated data and the sealed box are built in buffers reused from one seal to
/// the next, and the random nonces come from a `RandomPool`.
///
/// Open to the in-process benchmark (`Benchmarks/inprocess`) as SPI, `@_spi(Benchmarks)`: not
/// part of the library's API.
@_spi(Benchmarks) public final class FieldSealer {
    private let random: RandomPool
    private var associatedData: [UInt8] = []
    private var box: [UInt8] = []

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
        var text = value
        text.withUTF8 { plaintext in
            associatedData.withUnsafeBytes { ad in
                AEAD.seal(UnsafeRawBufferPointer(plaintext), associatedData: ad, key: dataKey, random: random, appendingTo: &box)
            }
        }
        return try box.withUnsafeBytes(body)
    }
}
