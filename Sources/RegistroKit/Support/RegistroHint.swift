/// What a user can do next about an error, in the registry's words; each front end words it
/// for its users (the command line names a command, the server a page).
public enum RegistroHint: Sendable, Equatable {
    /// Create a registry first, or point at an existing one.
    case createRegistry
    /// Point at the registry's database.
    case checkDatabase
    /// Point at the registry's keyring.
    case findKeyring
    /// Give a passphrase that is not empty, or store the key without one.
    case givePassphrase
    /// Check the passphrase and give it again.
    case retypePassphrase
    /// Use the keyring that belongs to this registry.
    case useMatchingKeyring
    /// Name the user acting.
    case nameUser
    /// Add the user first.
    case addUser
    /// Add the network first.
    case addNetwork
    /// Add the organisation first.
    case addOrganisation
    /// See the registry's organisations.
    case listOrganisations
    /// See the registry's organisations and networks.
    case listOrganisationsAndNetworks
    /// See the reference codes of a kind.
    case listCodes(CodeKind)
    /// Find the person by codice fiscale.
    case findBeneficiary
    /// See the person's consent grants.
    case listConsentGrants
    /// Lift the restriction first.
    case liftRestriction
    /// Only an organisation of kind `ets` has a RUNTS section.
    case useKindETS
    /// Record the person's explicit consent.
    case recordExplicitConsent
    /// Use a checkpoint file the registry wrote.
    case useCheckpointFile
    /// Create the registry's own audit key.
    case createAuditKey
    /// Check which witness file is used.
    case checkWitness
    /// See the registry's audit key.
    case showAuditKey
    /// Ask exact figures of one's own organisation instead (privacy officers and admins).
    case askExactFigures
    /// Seal the special-category vulnerabilities an older registry keeps in clear (an admin).
    case sealSpecialVulnerabilities
    /// Do the operation again, once what stopped it is gone.
    case runAgain(RegistroOperation)
    /// Import a file imported before all the same, when its rows are new deliveries.
    case importAgain

    /// The hint in the library's words.
    public var text: String {
        switch self {
        case .createRegistry: "create a registry first, or open an existing one"
        case .checkDatabase: "check which database is opened"
        case .findKeyring: "open the registry with its keyring file"
        case .givePassphrase: "or keep the key without a passphrase for a demonstration"
        case .retypePassphrase: "check the passphrase and give it again"
        case .useMatchingKeyring: "use the keyring created with this registry"
        case .nameUser: "name the user acting"
        case .addUser: "add the user first"
        case .addNetwork: "add the network first"
        case .addOrganisation: "add the organisation first"
        case .listOrganisations: "see the registry's organisations"
        case .listOrganisationsAndNetworks: "see the registry's organisations and networks"
        case .listCodes(let kind): "see the \(kind.rawValue) codes"
        case .findBeneficiary: "check the id, or find the person by codice fiscale"
        case .listConsentGrants: "see the person's consent grants"
        case .liftRestriction: "lift the restriction first"
        case .useKindETS: "leave it out, or make the organisation of kind `ets`"
        case .recordExplicitConsent: "record the explicit consent once they gave it"
        case .useCheckpointFile: "use a checkpoint file the registry wrote"
        case .createAuditKey: "or create one"
        case .checkWitness: "check which witness file is used"
        case .showAuditKey: "see the audit key"
        case .askExactFigures: "or, as a privacy officer or admin, ask exact figures of your own organisation"
        case .sealSpecialVulnerabilities: "an admin must seal them first"
        case .importAgain: "if these are new deliveries after all, import it again on purpose"
        case .runAgain(.rotateKeys): "rotate the keys again"
        case .runAgain(.sealSpecialVulnerabilities): "seal the special-category vulnerabilities again"
        case .runAgain(.eraseSubject(let beneficiary)): "erase `\(beneficiary)` again to complete the erasure"
        }
    }
}

/// An operation a hint asks to do again.
public enum RegistroOperation: Sendable, Equatable {
    /// Rotating the key-encryption key.
    case rotateKeys
    /// Sealing the special-category vulnerabilities kept in clear.
    case sealSpecialVulnerabilities
    /// Erasing a person.
    case eraseSubject(String)
}
