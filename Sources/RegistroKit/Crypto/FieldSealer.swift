import CSodium

/// Seals personal fields one after another (an import seals hundreds of thousands) in the
/// layout of `FieldSealing`, `0x02 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`, the plaintext padded
/// with `sodium_pad` to a multiple of 16 bytes, without allocating for each: the associated
/// data, the padded plaintext and the sealed box are written side by side in one scratch area
/// reused from one seal to the next (grown when a value needs more), and the random nonces come
/// from a `RandomPool`. The padded plaintext is wiped after each seal, the whole area when the
/// sealer goes.
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

    /// Seals the UTF-8 text `value` for `location` under `dataKey` and passes the sealed bytes
    /// to `body`; they are valid only during the call.
    public func seal<Result>(
        _ value: String, at location: FieldLocation, with dataKey: SecretKey,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        var text = value
        return try text.withUTF8 { plaintext in
            let block = FieldSealing.paddingBlock
            let associatedCount =
                Self.prefix.count + location.table.utf8.count + location.column.utf8.count
                + location.row.utf8.count + 2
            // `sodium_pad` adds 1 to `block` bytes: at most one block more than the text.
            let paddedRoom = plaintext.count + block
            let boxRoom = 1 + AEAD.nonceLength + paddedRoom + AEAD.tagLength
            let area = room(associatedCount + paddedRoom + boxRoom)
            let start = area.baseAddress!

            // The associated data: `registro/v1|TABLE|COLUMN|ROW`.
            var end = Self.write(Self.prefix, at: start)
            end = Self.write(location.table, at: end)
            end.storeBytes(of: UInt8(ascii: "|"), as: UInt8.self)
            end = Self.write(location.column, at: end + 1)
            end.storeBytes(of: UInt8(ascii: "|"), as: UInt8.self)
            _ = Self.write(location.row, at: end + 1)

            // The padded plaintext.
            let padded = start + associatedCount
            if let text = plaintext.baseAddress {
                padded.copyMemory(from: text, byteCount: plaintext.count)
            }
            (padded + plaintext.count).initializeMemory(as: UInt8.self, repeating: 0, count: block)
            var paddedCount = 0
            // Cannot fail: the area has a whole block of room after the text.
            _ = sodium_pad(&paddedCount, padded.assumingMemoryBound(to: UInt8.self), plaintext.count, block, paddedRoom)

            // The box: version, nonce, ciphertext and tag.
            let box = padded + paddedRoom
            box.storeBytes(of: FieldSealing.layoutVersion, as: UInt8.self)
            let nonce = (box + 1).assumingMemoryBound(to: UInt8.self)
            random.fill(nonce, count: AEAD.nonceLength)
            var written: UInt64 = 0
            _ = dataKey.withUnsafeBytes { key in
                crypto_aead_xchacha20poly1305_ietf_encrypt(
                    nonce + AEAD.nonceLength, &written,
                    padded.assumingMemoryBound(to: UInt8.self), UInt64(paddedCount),
                    start.assumingMemoryBound(to: UInt8.self), UInt64(associatedCount),
                    nil, nonce, key)
            }
            sodium_memzero(padded, paddedRoom)
            return try body(UnsafeRawBufferPointer(start: box, count: 1 + AEAD.nonceLength + Int(written)))
        }
    }

    private static let prefix = "registro/v1|"

    /// The scratch area, grown to at least `count` bytes (the old one wiped and freed).
    private func room(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if scratch.count < count {
            sodium_memzero(scratch.baseAddress, scratch.count)
            scratch.deallocate()
            scratch = .allocate(byteCount: max(count, 2 * scratch.count), alignment: 16)
        }
        return scratch
    }

    /// Writes the UTF-8 bytes of `text` at `destination`; returns the address after them.
    private static func write(_ text: String, at destination: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var text = text
        return text.withUTF8 { bytes in
            if let source = bytes.baseAddress {
                destination.copyMemory(from: source, byteCount: bytes.count)
            }
            return destination + bytes.count
        }
    }
}
