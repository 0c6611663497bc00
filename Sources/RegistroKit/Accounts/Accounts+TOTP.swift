import Foundation

extension Accounts {
    /// How many recovery codes an enrolment gives.
    public static let recoveryCodeCount = 10

    /// Enrols a new TOTP authenticator for `userID` as the registry's operator: the enrolment
    /// is confirmed at once, replaces any earlier one and its recovery codes.
    ///
    /// - Throws: `RegistroError` when the keyring does not open or the user does not exist.
    public func enrolTOTP(for userID: String) throws -> TOTPEnrolment {
        let keys = try registry.keys()
        return try registry.database.write { db in
            guard try OperatorRecord.user(userID, db) != nil else {
                throw RegistroError(
                    .notFound, field: nil, "no user `\(userID)` in this registry; check the id",
                    key: .userNotFound(userID))
            }
            guard try AccountRecord.exists(userID, db) else {
                throw RegistroError(
                    .invalidData, field: nil,
                    "the user `\(userID)` has no password yet; set one first, then enrol the authenticator",
                    key: .account(.noPasswordYet(userID)))
            }
            let enrolment = try storeNewEnrolment(for: userID, confirmed: true, keys: keys, db)
            try AuditLog.append(
                AuditEvent(action: .enrolTOTP, resource: .user(userID), decision: .allow, detail: "by the operator"),
                in: db)
            return enrolment
        }
    }

    /// Makes a new TOTP secret and recovery codes for `userID` and stores them, the secret
    /// sealed and the codes as digests.
    func storeNewEnrolment(
        for userID: String, confirmed: Bool, keys: KeyMaterial, _ db: RegistryDatabase.Connection
    ) throws
        -> TOTPEnrolment
    {
        let totp = TOTP.generate()
        let codes = (0..<Self.recoveryCodeCount).map { _ in Self.newRecoveryCode() }
        try AccountRecord.storeEnrolment(
            sealedSecret: Self.seal(totp.secret, for: userID, keys: keys), confirmed: confirmed, for: userID,
            now: now(),
            db)
        try RecoveryCodeRecord.replaceAll(
            of: userID, with: codes.map { Self.digest(ofRecoveryCode: $0, for: userID) }, db)
        return TOTPEnrolment(
            provisioningURI: totp.provisioningURI(issuer: rules.issuer, account: userID), secret: totp.base32Secret,
            recoveryCodes: codes)
    }

    /// Whether `code` is a TOTP code of `totp` not used before, or one of the user's unused
    /// recovery codes; a code that passes is used up.
    func consumeSecondFactor(
        _ code: String, totp: TOTP, lastStep: Int64?, for userID: String, _ db: RegistryDatabase.Connection
    ) throws
        -> Bool
    {
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        if let step = totp.matchingStep(of: trimmed, at: rules.now()) {
            guard step > (lastStep ?? Int64.min) else { return false }
            try AccountRecord.acceptStep(step, for: userID, db)
            return true
        }
        return try RecoveryCodeRecord.consume(
            Self.digest(ofRecoveryCode: trimmed, for: userID), of: userID, at: now(), db)
    }

    /// The TOTP of a stored, sealed secret.
    static func openSecret(_ sealed: Data, for userID: String, keys: KeyMaterial) throws -> TOTP {
        let opened = sealed.withUnsafeBytes { box in
            associatedData(userID).withUnsafeBytes {
                AEAD.open(box, associatedData: $0, key: keys.root.derive(.accounts))
            }
        }
        guard let opened else {
            throw RegistroError(
                .invalidData, field: nil,
                "the authenticator of `\(userID)` does not open with this keyring; enrol it again",
                key: .account(.authenticatorUnreadable(userID)))
        }
        return TOTP(secret: opened)
    }

    private static func seal(_ secret: [UInt8], for userID: String, keys: KeyMaterial) -> [UInt8] {
        var box: [UInt8] = []
        secret.withUnsafeBytes { plaintext in
            associatedData(userID).withUnsafeBytes {
                AEAD.seal(plaintext, associatedData: $0, key: keys.root.derive(.accounts), appendingTo: &box)
            }
        }
        return box
    }

    /// The associated data binding a sealed TOTP secret to its account.
    private static func associatedData(_ userID: String) -> [UInt8] {
        Array("account.totp_secret:\(userID)".utf8)
    }

    /// A new recovery code: ten characters of base 32 (50 bits) in two groups, `ABCDE-FGHIJ`.
    static func newRecoveryCode() -> String {
        let text = String(Base32.encode(Sodium.randomBytes(7)).prefix(10))
        return "\(text.prefix(5))-\(text.suffix(5))"
    }

    /// The digest a recovery code is stored as, for `userID`: case, spaces and dashes ignored.
    static func digest(ofRecoveryCode code: String, for userID: String) -> Data {
        let normalised = code.uppercased().filter { $0 != "-" && $0 != " " }
        return Data(BLAKE2b.hash(Array("registro recovery\u{0}\(userID)\u{0}\(normalised)".utf8)))
    }
}
