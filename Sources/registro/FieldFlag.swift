import Foundation
import RegistroKit

/// The command-line option that sets each field of the registry's requests, for error
/// messages: the library names fields, the command line names its options.
enum FieldFlag {
    /// The option of `field` (every command names a field by the same option); `nil` for the
    /// fields whose problems name the value themselves (a person's id, a file), which the
    /// message needs no prefix for.
    static func flag(for field: RegistroField) -> String? {
        switch field {
        case .user: "--as"
        case .codiceFiscale, .fiscalCode: "--cf"
        case .serviceCode: "--service"
        case .organisation: "--org"
        case .grantee: "--to"
        case .evidenceReference: "--evidence-ref"
        case .emergencyHours: "--hours"
        case .dimensions: "--by"
        case .periodStart: "--from"
        case .periodEnd: "--to"
        case .beneficiary, .consentGrant, .emergencyAccess, .database, .keyring, .passphrase, .checkpoint, .witness,
            .auditKey:
            nil
        case .demoBeneficiaries: "--beneficiaries"
        case .demoDeliveries: "--deliveries"
        default: "--" + field.rawValue.replacingOccurrences(of: "_", with: "-")
        }
    }
}
