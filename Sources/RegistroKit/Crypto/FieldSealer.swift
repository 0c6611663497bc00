import CSodium

/// Seals personal fields one after another (an import seals hundreds of thousands) in the
/// layout of `FieldSealing`, `0x02 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`, the plaintext padded
/// with `sodium_pad` to a multiple of 16 bytes, without allocating for each: the plaintext is
/// copied where its ciphertext goes, padded there and encrypted in place, so no copy of it is
/// left behind, and the random nonces come from a `RandomPool`. `seal(_:at:with:_:)` writes the
/// associated data and the box in one scratch area reused from one seal to the next (grown when
/// a value needs more, wiped when the sealer goes); `seal(_:associatedData:with:into:)` writes
/// the box where the caller wants it.
///
/// Open to the in-process benchmark (`Benchmarks/inprocess`) as SPI, `@_spi(Benchmarks)`: not
/// part of the library's API.
@_spi(Benchmarks) public final class FieldSealer {
    private let random: RandomPool
    private var scratch: UnsafeMutableRawBufferPointer

    /// A sealer drawing its nonces from `random`.
    public init(random: RandomPool) {
        self.random = random
        scratch = .allocate(byteCount: 512, alignment: 16)
    }

    deinit {
        sodium_memzero(scratch.baseAddress, scratch.count)
        scratch.deallocate()
    }

    /// The length of the sealed form of `count` bytes of plaintext: the version, the nonce, the
    /// plaintext padded to the next multiple of 16 bytes (a whole block more when it is one
    /// already: `sodium_pad` always adds a byte), and the tag.
    static func sealedCount(plaintextCount count: Int) -> Int {
        let block = FieldSealing.paddingBlock
        return 1 + AEAD.nonceLength + (count / block + 1) * block + AEAD.tagLength
    }

    /// Seals the UTF-8 text `value` for `location` under `dataKey` and passes the sealed bytes
    /// to `body`; they are valid only during the call.
    public func seal<Result>(
        _ value: String, at location: FieldLocation, with dataKey: SecretKey,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        var text = value
        return try text.withUTF8 { plaintext in
            let associatedCount = location.associatedDataCount
            let boxCount = Self.sealedCount(plaintextCount: plaintext.count)
            let area = room(associatedCount + boxCount)
            let start = area.baseAddress!
            location.writeAssociatedData(at: start)
            let box = start + associatedCount
            let count = seal(
                UnsafeRawBufferPointer(plaintext),
                associatedData: UnsafeRawBufferPointer(start: start, count: associatedCount), with: dataKey, into: box)
            return try body(UnsafeRawBufferPointer(start: box, count: count))
        }
    }

    /// Seals `plaintext` bound to `associatedData` under `dataKey` and writes the sealed bytes at
    /// `box`, which has room for `sealedCount(plaintextCount: plaintext.count)` of them; returns
    /// how many it wrote, that many.
    func seal(
        _ plaintext: UnsafeRawBufferPointer, associatedData: UnsafeRawBufferPointer, with dataKey: SecretKey,
        into box: UnsafeMutableRawPointer
    ) -> Int {
        let paddedRoom = Self.sealedCount(plaintextCount: plaintext.count) - 1 - AEAD.nonceLength - AEAD.tagLength
        box.storeBytes(of: FieldSealing.layoutVersion, as: UInt8.self)
        let text = box + 1 + AEAD.nonceLength
        if let source = plaintext.baseAddress {
            text.copyMemory(from: source, byteCount: plaintext.count)
        }
        // `sodium_pad` masks the bytes after the text rather than only writing them: give it zeros
        // to read, not whatever the caller's uninitialised box held (at most one block).
        (text + plaintext.count).initializeMemory(as: UInt8.self, repeating: 0, count: paddedRoom - plaintext.count)
        var paddedCount = 0
        // Cannot fail: the room is the padded length.
        _ = sodium_pad(
            &paddedCount, text.assumingMemoryBound(to: UInt8.self), plaintext.count, FieldSealing.paddingBlock,
            paddedRoom)
        return 1
            + AEAD.sealInPlace(
                box + 1, count: paddedCount, associatedData: associatedData, key: dataKey, random: random)
    }

    /// The scratch area, grown to at least `count` bytes (the old one wiped and freed).
    private func room(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if scratch.count < count {
            sodium_memzero(scratch.baseAddress, scratch.count)
            scratch.deallocate()
            scratch = .allocate(byteCount: max(count, 2 * scratch.count), alignment: 16)
        }
        return scratch
    }
}
