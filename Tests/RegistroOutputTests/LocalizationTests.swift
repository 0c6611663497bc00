import Foundation
import RegistroKit
@testable import RegistroOutput
import Testing

/// The language of the command line, the catalogue both front ends share, and the views
/// written in Italian.
@Suite struct LocalizationTests {
    @Test func theLocaleEnvironmentDecidesInPOSIXOrder() {
        #expect(Language.fromLocale(environment: [:]) == .english)
        #expect(Language.fromLocale(environment: ["LANG": "C"]) == .english)
        #expect(Language.fromLocale(environment: ["LANG": "en_GB.UTF-8"]) == .english)
        #expect(Language.fromLocale(environment: ["LANG": "it_IT.UTF-8"]) == .italian)
        #expect(Language.fromLocale(environment: ["LANG": "it_CH"]) == .italian)
        #expect(Language.fromLocale(environment: ["LANG": "it_IT.UTF-8", "LC_ALL": "C"]) == .english)
        #expect(Language.fromLocale(environment: ["LANG": "C", "LC_MESSAGES": "it_IT.UTF-8"]) == .italian)
        #expect(Language.fromLocale(environment: ["LANG": "it_IT.UTF-8", "LC_ALL": ""]) == .italian)
        #expect(Language.fromLocale(environment: ["LANG": "ita"]) == .english)
    }

    @Test func codesAreShownByTheirListsLabels() {
        let italian = Catalogue.of(.italian)
        #expect(italian.label(.service, "RT.LAV01") == "Sportello lavoro: accoglienza e informazione")
        #expect(Catalogue.of(.english).label(.purpose, "invio") == "Referral to another organisation")
        #expect(italian.label(.service, "LOC.ORTO01") == "LOC.ORTO01")
        #expect(italian.dimensionValue(.axis, "poverta_educativa") == "Povertà educativa")
        #expect(italian.dimensionValue(.axis, ReportTable.totalValue) == "Totale")
        #expect(italian.dimensionValue(.sex, "F") == "Femmina")
        #expect(italian.dimensionValue(.territory, "asti") == "asti")
        #expect(italian.number(1.5) == "1,5" && Catalogue.of(.english).number(1.5) == "1.5")
    }

    @Test func everyTypedMessageIsWordedInBothCatalogues() {
        let messages: [RegistroMessage] =
            [
                .empty, .emptyForNewPerson, .codiceFiscaleCheckCharacter, .codiceFiscaleLength(15),
                .codiceFiscaleCharacter(position: 9), .unreadableDate, .dayNotInMonth, .notLeapYear,
                .birthDateInFuture, .deliveryInFuture, .disagreesWithCodiceFiscale, .unreadableHours,
                .tooManyHours(maximum: 24),
                .personNotFound("B1"), .fileImportedBefore(day: "2026-11-01", user: "mrossi"), .consentExpiryPast,
                .consentWithoutCategory, .consentSensitiveNeedsExplicit, .consentGrantNotFound("C1"),
                .granteeNotFound("gamma"), .emergencyReasonTooShort(minimum: 20), .emergencyHoursOutOfRange(maximum: 4),
                .emergencyNeedsSharedNetwork(user: "sw", id: "B1"), .reportNoDimension(names: "org, axis"),
                .reportUnknownDimension("x", names: "org, axis"), .reportDimensionTwice("org"),
                .reportTooManyDimensions(maximum: 4), .reportUnknownMeasure("x", names: "hours"), .reportPeriodReversed,
                .reportPeriodStartNotWholeMonth(day: "2026-01-02", first: "2026-01-01"),
                .reportPeriodEndNotWholeMonth(day: "2026-01-30", last: "2026-01-31"),
                .reportMinCellOutOfRange(maximum: 15),
            ] + CodeKind.allCases.map { .unknownCode($0, code: "x") }
            + [AccessRemedy.consent, .consentOrEmergency, .liftRestriction, .none].map {
                .caseClosed(purpose: "invio", remedy: $0)
            }
        var denials: [RegistroMessage] = [
            .recordingRefusedToOrganisation, .personErased, .witnessLineDamaged(line: 3, witness: "w"),
            .witnessUnreadable("w"), .emergencyRefused(user: "sw", id: "B1", reason: nil), .userMissing,
            .userNotFound("x"), .personErasedNoData,
            .consentAlreadyRevoked("C1"), .alreadyRestricted, .notRestricted, .nameWithoutLetter,
            .pageOutOfRange(page: 3, pages: 1), .pageOutOfRange(page: 3, pages: 2),
            .controlCharacter(position: 2), .tooLong(limit: 100), .idEmpty, .idTooLong(maximum: 64),
            .idCharacter(position: 1), .notOneOf(option: "--role", value: "boss", allowed: "admin, coordinator"),
            .notOneOf(option: "--sex", value: nil, allowed: "F, M, X"),
            .lookupRefused(user: "sw", role: .coordinator, org: "alfa"),
        ]
        let storage: [RegistroMessage.Storage] = [
            .registryMissing("r.db"), .registryExists("r.db"), .auditKeyExists("r.db.audit-key"),
            .notARegistry("r.db"), .registryNewer("r.db"), .registryDamaged("r.db"),
            .registryUnopenable("r.db", reason: "disk I/O error"), .registryBusy("r.db", seconds: 5), .diskFull("r.db"),
            .registryReadOnly("r.db"), .keyringMissing("k"), .keyringDamaged("k"), .keyringNewer("k"),
            .keyringNotThisRegistry(keyring: "k", database: "r.db"), .passphraseWrong(keyring: "k"),
            .passphraseTooShort(count: 3, minimum: 12), .outOfMemory, .fileExists("f"),
            .fileUnwritable("f", reason: "Permission denied"), .fileUnreadable("f", reason: "Permission denied"),
            .fileOpenToOthers("f"), .fileMissing("f"), .specialInClear("r.db"),
            .rotationHeldOpen("r.db", generation: 2), .sealingHeldOpen("r.db"), .erasureNotStarted("r.db"),
            .erasureHeldOpen("r.db", id: "B1"), .witnessUnusable("w", reason: "Permission denied"),
            .auditKeyMissing("a"), .auditKeyDamaged("a"),
            .auditKeyNewer("a"),
            .auditKeyNotThisRegistry(key: "a", database: "r.db"), .auditKeyOwnAlready("a"), .notACheckpoint("c"),
            .checkpointNewer("c"), .checkpointDamaged("c"),
        ]
        let accounts: [RegistroMessage.Account] = [
            .passwordTooShort(minimum: 12), .passwordTooLong(maximumBytes: 1024), .passwordNotOneLine,
            .userNotInOrganisation("x"), .noPasswordYet("x"), .authenticatorUnreadable("x"),
            .tokenDaysOutOfRange(maximum: 365), .tokenNotFound("T1"), .adminListsUsers(user: "sw", role: .socialWorker),
            .adminManagesUsers(user: "sw", role: .coordinator), .operatorSetsUp(user: "admin"),
            .organisationAdminChangesUsers(org: "beta", user: "admin", role: .admin, userOrg: "alfa"),
        ]
        let setUp: [RegistroMessage.SetUp] = [
            .networkExists("rete"), .organisationExists("alfa"), .userExists("mrossi"), .fiscalCodeTaken,
            .notAnAxis("x", names: "casa, lavoro"), .networkNotFound("x"), .organisationNotFound("x"),
            .runtsSectionNeedsETS, .granteeAmbiguous("x"),
        ]
        denials +=
            storage.map(RegistroMessage.storage) + accounts.map(RegistroMessage.account)
            + setUp.map(RegistroMessage.setUp)
        denials += [
            .refTaken, .reportDimensionCount(maximum: 4), .demoTooFewDeliveries, .codiceFiscaleTaken(id: "B1"),
            .emergencyAccessNotFound("E1"), .emergencyReviewedAlready("E1"),
            .emergencyReviewerOnly(user: "sw", role: .socialWorker, org: "alfa"),
        ]
        let reasons: [AccessDenialReason] = [.restricted, .privacyOfficersNeverUse, .noRuleAllows, .rule("a-rule")]
        for reason in reasons {
            denials.append(.recordingRefused(reason))
            denials.append(.emergencyRefused(user: "sw", id: "B1", reason: reason))
            denials.append(.specialSealingDenied(user: "sw", role: .socialWorker, org: "alfa", reason: reason))
            for action in AccessAction.allCases {
                for subject in ["B1", nil] as [String?] {
                    denials.append(
                        .actionDenied(
                            user: "sw", role: .socialWorker, org: "alfa", action: action, subject: subject,
                            reason: reason))
                }
            }
        }
        for language in Language.allCases {
            for message in messages + denials {
                let text = Catalogue.of(language).message(message)
                #expect(!text.contains("[") && !text.contains("{"), "\(language) \(message): \(text)")
            }
        }
    }

    @Test func italianProblemsUseTheCatalogueAndEnglishOnesTheLibrarysSentence() {
        let issue = RegistroError.Issue(field: .codiceFiscale, "English sentence", key: .codiceFiscaleCheckCharacter)
        #expect(Catalogue.of(.italian).problem(issue).hasPrefix("il carattere di controllo"))
        #expect(Catalogue.of(.english).problem(issue) == "English sentence")
        #expect(Catalogue.of(.italian).problem(RegistroError.Issue("only English")) == "only English")
    }

    @Test func aReportInItalianHasLabelsTotaleAndLangIt() throws {
        let view = ReportTableView(Fixtures.report, language: .italian)
        #expect(view.text.hasPrefix("Persone per asse\n"))
        #expect(view.text.contains("Lavoro") && view.text.contains("Casa") && view.text.contains("Totale"))
        #expect(!view.text.contains("_total"))
        let page = try view.rendered(as: .html)
        #expect(page.contains("<html lang=\"it\">"))
        #expect(page.contains("Casa: soppresso"))
        #expect(try view.rendered(as: .json) == (try ReportTableView(Fixtures.report).rendered(as: .json)))
        #expect(try view.rendered(as: .csv) == (try ReportTableView(Fixtures.report).rendered(as: .csv)))
    }

    @Test func aCaseFileInItalianWritesDatesHoursAndHiddenReasonsInTheUsersWords() {
        let text = CaseFileView(Fixtures.caseFile, language: .italian).text
        #expect(text.hasPrefix("Scheda B1 · in carico a alfa · finalità: Presa in carico condivisa\n"))
        #expect(text.contains("Contatti: non visibile, nessun consenso attivo copre questi dati per questa finalità"))
        #expect(text.contains("03/02/2020") && text.contains("1,5"))
        #expect(!text.contains("default deny"))
    }

    @Test func everyKeyTheCommandLineAndItsViewsNameIsInBothCatalogues() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let pattern = try NSRegularExpression(
            pattern: #"(?:catalogue(?:\.text\(|\[)|\bconfirm\(|\bworded\(|\bself\[|\btext\()\s*"([a-z_]+)""#)
        var used = Set<String>()
        for folder in ["Sources/RegistroOutput", "Sources/registro"] {
            let files = FileManager.default.enumerator(
                at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.pathExtension == "swift" else { continue }
                let text = try String(contentsOf: file, encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
                }
            }
        }
        #expect(used.contains("cli_overview_title") && used.contains("cli_done_user_added"))
        #expect(used.contains("verify_broken_link") && used.contains("cli_usage_missing_value"))
        for language in Language.allCases {
            let strings = try Catalogue.embedded(language).strings
            for key in used.sorted() { #expect(strings[key] != nil, "\(language) lacks `\(key)`") }
        }
    }

    @Test func numbersHaveAtMostTwoDecimalsAndTheLanguagesSeparator() {
        let italian = Catalogue.of(.italian)
        let english = Catalogue.of(.english)
        #expect(italian.number(2) == "2" && italian.number(0.25) == "0,25" && italian.number(-3.456) == "-3,46")
        #expect(english.number(1234567.5) == "1234567.5" && english.number(0.1 + 0.2) == "0.3")
        #expect(italian.number(0.001) == "0" && italian.number(-0.001) == "0")
    }

    @Test func placeholdersAreFilledOnceAndValuesAreNeverReadAsPlaceholders() {
        let catalogue = Catalogue(language: .english, strings: ["row": "line {line}: {id} {kind}{missing}"])
        let text = catalogue.text("row", ["line": "2", "id": "{kind}", "kind": "new"])
        #expect(text == "line 2: {kind} new{missing}")
    }
}
