import RegistroKit
import RegistroOutput

/// The command-line wording of the library's hints: the command to run next.
enum HintText {
    /// What to do about `hint`, naming the `registro` command that does it, in the command
    /// line's language where the catalogue words it.
    static func text(for hint: RegistroHint) -> String {
        let catalogue = CommandLanguage.catalogue
        guard catalogue.language == .italian else { return english(hint) }
        let (key, values) = catalogueKey(for: hint)
        return catalogue.text(key, values)
    }

    /// The catalogue's key (and its arguments) for each hint.
    private static func catalogueKey(for hint: RegistroHint) -> (String, [String: String]) {
        switch hint {
        case .listCodes(let kind): ("cli_hint_list_codes", ["kind": kind.rawValue])
        case .findBeneficiary: ("cli_hint_find_beneficiary", [:])
        case .importAgain: ("cli_hint_import_again", [:])
        case .listConsentGrants: ("cli_hint_list_consent_grants", [:])
        case .listOrganisationsAndNetworks: ("cli_hint_list_organisations_and_networks", [:])
        case .recordExplicitConsent: ("cli_hint_record_explicit_consent", [:])
        case .nameUser: ("cli_hint_name_user", [:])
        case .askExactFigures: ("cli_hint_ask_exact_figures", [:])
        case .addUser: ("cli_hint_add_user", [:])
        case .liftRestriction: ("cli_hint_lift_restriction", [:])
        case .checkWitness: ("cli_hint_check_witness", [:])
        case .listOrganisations: ("cli_hint_list_organisations", [:])
        case .useCheckpointFile: ("cli_hint_use_checkpoint_file", [:])
        case .createRegistry: ("cli_hint_create_registry", [:])
        case .checkDatabase: ("cli_hint_check_database", [:])
        case .findKeyring: ("cli_hint_find_keyring", [:])
        case .givePassphrase: ("cli_hint_give_passphrase", [:])
        case .retypePassphrase: ("cli_hint_retype_passphrase", [:])
        case .useMatchingKeyring: ("cli_hint_use_matching_keyring", [:])
        case .addNetwork: ("cli_hint_add_network", [:])
        case .addOrganisation: ("cli_hint_add_organisation", [:])
        case .useKindETS: ("cli_hint_use_kind_ets", [:])
        case .createAuditKey: ("cli_hint_create_audit_key", [:])
        case .showAuditKey: ("cli_hint_show_audit_key", [:])
        case .sealSpecialVulnerabilities: ("cli_hint_seal_special", [:])
        case .runAgain(.rotateKeys): ("cli_hint_run_rotate_again", [:])
        case .runAgain(.sealSpecialVulnerabilities): ("cli_hint_run_seal_special_again", [:])
        case .runAgain(.eraseSubject(let beneficiary)): ("cli_hint_run_erase_again", ["id": beneficiary])
        }
    }

    /// What to do about `hint`, in English.
    private static func english(_ hint: RegistroHint) -> String {
        switch hint {
        case .createRegistry: "create one with `registro init`, or pass --db or set REGISTRO_DB to an existing registry"
        case .checkDatabase: "check --db or REGISTRO_DB"
        case .findKeyring: "pass --keyring or set REGISTRO_KEYRING to this registry's keyring file"
        case .givePassphrase: "or pass --no-passphrase for a demonstration"
        case .retypePassphrase: "check REGISTRO_PASSPHRASE or type it again"
        case .useMatchingKeyring: "pass the right --keyring"
        case .nameUser: "name one with --as USER or REGISTRO_USER"
        case .addUser: "add one with `registro user add`"
        case .addNetwork: "create it with `registro network add` first"
        case .addOrganisation: "add it with `registro org add` first"
        case .listOrganisations: "see `registro org list`"
        case .listOrganisationsAndNetworks: "see `registro org list` and `registro network list`"
        case .listCodes(let kind): "see `registro codes \(kind.rawValue)`"
        case .importAgain: "if these are new deliveries after all, add --again"
        case .findBeneficiary: "check the id, or find it with `registro beneficiary find --cf`"
        case .listConsentGrants: "see `registro consent list --beneficiary B`"
        case .liftRestriction: "lift it with `registro subject unrestrict`"
        case .useKindETS: "drop the option or use --kind ets"
        case .recordExplicitConsent: "add --explicit once they gave it"
        case .useCheckpointFile: "pass the file `registro audit checkpoint --out` wrote"
        case .createAuditKey: "or create one with `registro audit key --create`"
        case .checkWitness: "check --witness or REGISTRO_WITNESS"
        case .showAuditKey: "`registro audit key` shows it"
        case .askExactFigures: "or, as a privacy officer or admin, ask --exact figures of your own organisation"
        case .sealSpecialVulnerabilities: "an admin must seal them first with `registro keys seal-special --as ADMIN`"
        case .runAgain(.rotateKeys): "run `registro keys rotate` again"
        case .runAgain(.sealSpecialVulnerabilities): "run `registro keys seal-special` again"
        case .runAgain(.eraseSubject(let beneficiary)):
            "run `registro subject erase \(beneficiary)` again to complete the erasure"
        }
    }
}

extension RegistroError {
    /// The error as the command line says it, in its language: each field named by its option,
    /// each hint as the command to run.
    var commandLineMessage: String {
        let catalogue = CommandLanguage.catalogue
        return issues.map { issue in
            let flag = issue.field.flatMap { FieldFlag.flag(for: $0) }
            return (flag.map { $0 + ": " } ?? "") + catalogue.problem(issue)
                + (issue.hint.map { "; " + HintText.text(for: $0) } ?? "")
        }.joined(separator: "; ")
    }
}
