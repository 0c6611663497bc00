extension RegistroMessage {
    /// The problems of the registry's set-up an operator or an admin meets: networks,
    /// organisations and users that exist already or do not exist, and their fields.
    public enum SetUp: Sendable, Equatable {
        /// A network id taken already.
        case networkExists(String)
        /// An organisation id taken already.
        case organisationExists(String)
        /// A user id taken already.
        case userExists(String)
        /// An organisation fiscal code another organisation has.
        case fiscalCodeTaken
        /// An axis `axis` missing from the service nomenclature, whose axes are `names`.
        case notAnAxis(String, names: String)
        /// A network id that names none.
        case networkNotFound(String)
        /// An organisation id that names none.
        case organisationNotFound(String)
        /// A RUNTS section given to an organisation that is not an ETS.
        case runtsSectionNeedsETS
        /// A consent's grantee that names both an organisation and a network.
        case granteeAmbiguous(String)
    }
}
