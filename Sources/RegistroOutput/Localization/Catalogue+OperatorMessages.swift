import RegistroKit

extension Catalogue {
    /// The catalogue's wording of a problem of the registry's files, paths filled in.
    func message(_ problem: RegistroMessage.Storage) -> String {
        switch problem {
        case .registryMissing(let path): text("msg_registry_missing", ["path": path])
        case .registryExists(let path): text("msg_registry_exists", ["path": path])
        case .auditKeyExists(let path): text("msg_audit_key_exists", ["path": path])
        case .notARegistry(let path): text("msg_not_a_registry", ["path": path])
        case .registryNewer(let path): text("msg_registry_newer", ["path": path])
        case .registryDamaged(let path): text("msg_registry_damaged", ["path": path])
        case .registryUnopenable(let path, let reason):
            text("msg_registry_unopenable", ["path": path, "reason": reason])
        case .registryBusy(let path, let seconds):
            text("msg_registry_busy", ["path": path, "seconds": String(seconds)])
        case .diskFull(let path): text("msg_disk_full", ["path": path])
        case .registryReadOnly(let path): text("msg_registry_read_only", ["path": path])
        case .keyringMissing(let path): text("msg_keyring_missing", ["path": path])
        case .keyringDamaged(let path): text("msg_keyring_damaged", ["path": path])
        case .keyringNewer(let path): text("msg_keyring_newer", ["path": path])
        case .keyringNotThisRegistry(let keyring, let database):
            text("msg_keyring_not_this_registry", ["keyring": keyring, "database": database])
        case .passphraseWrong(let keyring): text("msg_passphrase_wrong", ["keyring": keyring])
        case .passphraseTooShort(let count, let minimum):
            text("msg_passphrase_too_short", ["count": String(count), "min": String(minimum)])
        case .outOfMemory: self["msg_out_of_memory"]
        case .fileExists(let path): text("msg_file_exists", ["path": path])
        case .fileUnwritable(let path, let reason): text("msg_file_unwritable", ["path": path, "reason": reason])
        case .fileUnreadable(let path, let reason): text("msg_file_unreadable", ["path": path, "reason": reason])
        case .fileMissing(let path): text("msg_file_missing", ["path": path])
        case .fileOpenToOthers(let path): text("msg_file_open_to_others", ["path": path])
        case .specialInClear(let path): text("msg_special_in_clear", ["path": path])
        case .rotationHeldOpen(let path, let generation):
            text("msg_rotation_held_open", ["path": path, "generation": String(generation)])
        case .sealingHeldOpen(let path): text("msg_sealing_held_open", ["path": path])
        case .erasureNotStarted(let path): text("msg_erasure_not_started", ["path": path])
        case .erasureHeldOpen(let path, let id): text("msg_erasure_held_open", ["path": path, "id": id])
        case .witnessUnusable(let path, let reason): text("msg_witness_unusable", ["path": path, "reason": reason])
        case .auditKeyMissing(let path): text("msg_audit_key_missing", ["path": path])
        case .auditKeyDamaged(let path): text("msg_audit_key_damaged", ["path": path])
        case .auditKeyNewer(let path): text("msg_audit_key_newer", ["path": path])
        case .auditKeyNotThisRegistry(let key, let database):
            text("msg_audit_key_not_this_registry", ["key": key, "database": database])
        case .auditKeyOwnAlready(let path): text("msg_audit_key_own_already", ["path": path])
        case .notACheckpoint(let path): text("msg_not_a_checkpoint", ["path": path])
        case .checkpointNewer(let path): text("msg_checkpoint_newer", ["path": path])
        case .checkpointDamaged(let path): text("msg_checkpoint_damaged", ["path": path])
        }
    }

    /// The catalogue's wording of a problem of an account, a token, or of who manages users and
    /// the registry's set-up.
    func message(_ problem: RegistroMessage.Account) -> String {
        switch problem {
        case .passwordTooShort(let minimum): text("msg_password_too_short", ["min": String(minimum)])
        case .passwordTooLong(let maximumBytes): text("msg_password_too_long", ["max": String(maximumBytes)])
        case .passwordNotOneLine: self["msg_password_not_one_line"]
        case .userNotInOrganisation(let id): text("msg_user_not_in_organisation", ["id": id])
        case .noPasswordYet(let id): text("msg_no_password_yet", ["id": id])
        case .authenticatorUnreadable(let id): text("msg_authenticator_unreadable", ["id": id])
        case .tokenDaysOutOfRange(let maximum): text("msg_token_days", ["max": String(maximum)])
        case .tokenNotFound(let id): text("msg_token_not_found", ["id": id])
        case .adminListsUsers(let user, let role):
            text("msg_admin_lists_users", ["user": user, "role": roleName(role)])
        case .adminManagesUsers(let user, let role):
            text("msg_admin_manages_users", ["user": user, "role": roleName(role)])
        case .operatorSetsUp(let user): text("msg_operator_sets_up", ["user": user])
        case .organisationAdminChangesUsers(let org, let user, let role, let userOrg):
            text(
                "msg_organisation_admin_changes_users",
                ["org": org, "user": user, "role": roleName(role), "user_org": userOrg])
        }
    }

    /// The catalogue's wording of a problem of the registry's set-up.
    func message(_ problem: RegistroMessage.SetUp) -> String {
        switch problem {
        case .networkExists(let id): text("msg_network_exists", ["id": id])
        case .organisationExists(let id): text("msg_organisation_exists", ["id": id])
        case .userExists(let id): text("msg_user_exists", ["id": id])
        case .fiscalCodeTaken: self["msg_fiscal_code_taken"]
        case .notAnAxis(let axis, let names): text("msg_not_an_axis", ["axis": axis, "names": names])
        case .networkNotFound(let id): text("msg_network_not_found", ["id": id])
        case .organisationNotFound(let id): text("msg_organisation_not_found", ["id": id])
        case .runtsSectionNeedsETS: self["msg_runts_section_needs_ets"]
        case .granteeAmbiguous(let grantee): text("msg_grantee_ambiguous", ["grantee": grantee])
        }
    }

    /// A role as a sentence names it: `operatore sociale`, `social worker`.
    func roleName(_ role: Role) -> String {
        self["role_\(role.rawValue)"].lowercased()
    }
}
