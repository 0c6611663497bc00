import Foundation
import Hummingbird
import Logging
import RegistroKit
import RegistroOutput

/// The web pages under `/`: the stylesheet, login and logout, and each role's pages. They call
/// the same `RegistryCalls` as the API, with the same session cookie; every form posted carries
/// the session's CSRF token (field `csrf`) and comes from the server's own origin.
struct PageRoutes: Sendable {
    /// The library calls.
    let calls: RegistryCalls
    /// Cookie name, scheme, limits.
    let settings: ServerSettings
    /// The templates and catalogues.
    let renderer: PageRenderer
    /// The cap on concurrent logins per address, shared with the API's login.
    let limiter: LoginLimiter
    /// Spreadsheets checked and waiting for their confirmation.
    let pendingImports = PendingImports()
    /// Forms posted after their session expired, waiting for their user to log in again.
    let keptForms: KeptForms
    /// Where an import's start is logged.
    let logger: Logger

    /// The pages over `calls`, under `settings`, drawn by `renderer`, their logins capped by
    /// `limiter`, logging to `logger`.
    init(
        calls: RegistryCalls, settings: ServerSettings, renderer: PageRenderer, limiter: LoginLimiter,
        logger: Logger
    ) {
        self.logger = logger
        self.calls = calls
        self.settings = settings
        self.renderer = renderer
        self.limiter = limiter
        keptForms = KeptForms(now: settings.accountRules.now)
    }

    /// Adds the pages to `router`.
    func add(to router: Router<RegistroRequestContext>) {
        let stylesheet =
            (EmbeddedResources.files["Resources/static/registro.css"] ?? "")
            + SessionWarning.rule(idleTimeout: settings.accountRules.sessionIdleTimeout)
        router.get("static/registro.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        router.get("/") { request, _ in
            try await visit(request).visitor == nil ? Self.redirect("/accedi") : Self.redirect("/inizio")
        }
        router.get("accedi") { request, _ in
            try await loginPage(
                visit(request), attempt: nil, formKept: request.uri.queryParameters.get("modulo") == "conservato")
        }
        router.post("accedi", use: logIn)
        router.post("esci", use: logOut)
        router.get("inizio") { request, context in
            try await signedIn(request, context) { visit, _, _ in
                renderer.page("home", titleKey: "home_title", visit: visit)
            }
        }
        SocialWorkerPages(pages: self).add(to: router)
        ReviewPages(pages: self).add(to: router)
        EmergencyReviewPages(pages: self).add(to: router)
        SharedCaseFilesPage(pages: self).add(to: router)
        AdminPages(pages: self).add(to: router)
        SubjectRightsPages(pages: self).add(to: router)
    }

    /// A `303 See Other` to `location`.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The visitor of a request, from its session cookie, and its language.
    func visit(_ request: Request) async throws -> PageVisit {
        var visitor: PageVisit.Visitor?
        if let token = request.cookies[settings.sessionCookieName]?.value, !token.isEmpty,
            let signedIn = try await calls.user(forSessionToken: token), case .session(let csrf) = signedIn.credential
        {
            visitor = .init(session: signedIn.session, csrf: csrf, token: token)
        }
        return PageVisit(
            visitor: visitor, language: Language.of(request),
            languageChosen: request.uri.queryParameters.get("lang") != nil, usesTLS: settings.usesTLS,
            sessionExpiresAt: visitor.map { _ in
                settings.accountRules.now().addingTimeInterval(settings.accountRules.sessionIdleTimeout)
            })
    }

    /// Runs `body` for a signed-in visitor, or sends the visitor to the login page. A form posted
    /// is read and must come from this server's pages with the session's CSRF token. Errors
    /// become an error page in the visitor's language.
    func signedIn(
        _ request: Request, _ context: RegistroRequestContext,
        _ body: (PageVisit, PageVisit.Visitor, FormBody) async throws -> Response
    ) async throws -> Response {
        var visit = try await visit(request)
        guard let visitor = visit.visitor else {
            var kept = false
            if AuthenticationMiddleware.changesState(request.method) {
                kept = (try? await keepExpired(request)) == true
            }
            return Self.redirect(kept ? "/accedi?modulo=conservato" : "/accedi")
        }
        context.signedInUserID.value = visitor.user.id
        do {
            var form = FormBody()
            if request.method == .get, let values = keptForms.take(from: request.uri.path, for: visitor.user.id) {
                form = FormBody(values: values)
                visit.showsKeptForm = true
            }
            if AuthenticationMiddleware.changesState(request.method) {
                try AuthenticationMiddleware.requireSameOrigin(request, usesTLS: settings.usesTLS)
                form = try await FormBody.read(request, limit: settings.maximumImportBytes + 64 * 1024)
                guard form["csrf"] == visitor.csrf else {
                    return errorPage(
                        visit, status: .forbidden, message: renderer.catalogue(visit.language)["error_csrf"])
                }
            }
            return try await body(visit, visitor, form)
        } catch let error as RegistroError {
            let catalogue = renderer.catalogue(visit.language)
            // A problem the catalogue words is said in the visitor's language, without the detail
            // in English.
            let sentence = catalogue.sentence(error)
            let detail = sentence == nil ? error.message : nil
            switch error.kind {
            case .denied:
                return errorPage(
                    visit, status: .forbidden, message: sentence ?? catalogue["error_denied"], detail: detail)
            case .notFound:
                return errorPage(
                    visit, status: .notFound, message: sentence ?? catalogue["error_not_found"], detail: detail)
            case .invalidData, .usage, .checkFailed:
                return errorPage(
                    visit, status: .unprocessableContent, message: sentence ?? catalogue["error_title"], detail: detail)
            default: throw error
            }
        } catch let error as ServerError {
            let catalogue = renderer.catalogue(visit.language)
            let message = error.status == .notFound ? catalogue["error_not_found"] : catalogue["error_title"]
            return errorPage(visit, status: error.status, message: message, detail: error.message)
        }
    }

    /// The error page: one sentence in the visitor's language, and the library's detail.
    func errorPage(_ visit: PageVisit, status: HTTPResponse.Status, message: String, detail: String? = nil) -> Response
    {
        var values: [String: Any] = ["message": message]
        if let detail { values["detail"] = detail }
        return renderer.page("error", titleKey: "error_title", values: values, visit: visit, status: status)
    }

    // MARK: Login and logout

    /// The login form, after `attempt` when there was one: its refusal, the new-password field
    /// when the password was a one-time one, the enrolment when TOTP is to be set up.
    func loginPage(
        _ visit: PageVisit, attempt: (user: String, refusal: LoginRefusal)?, formKept: Bool = false
    ) -> Response {
        let catalogue = renderer.catalogue(visit.language)
        var fields = [
            FormField(
                id: "utente", label: catalogue["login_user"], value: attempt?.user ?? "", required: true,
                autocomplete: "username"),
            FormField(
                id: "password", label: catalogue["login_password"], kind: .input(type: "password"), required: true,
                autocomplete: "current-password"),
            FormField(
                id: "codice", label: catalogue["login_code"], hint: catalogue["login_code_hint"],
                autocomplete: "one-time-code"),
        ]
        var values: [String: Any] = [:]
        if formKept { values["notice"] = catalogue["session_form_kept"] }
        var template = "login"
        var titleKey = "login_title"
        switch attempt?.refusal {
        case .none: break
        case .invalidCredentials: values["alert"] = catalogue["login_invalid"]
        case .locked: values["alert"] = catalogue["login_locked"]
        case .codeRequired: fields[2].error = catalogue["login_code_required"]
        case .passwordChangeRequired, .unacceptableNewPassword:
            var newPassword = FormField(
                id: "nuova_password", label: catalogue["login_new_password"], kind: .input(type: "password"),
                hint: catalogue["login_new_password_hint"], required: true, autocomplete: "new-password")
            if case .unacceptableNewPassword = attempt?.refusal {
                newPassword.error = catalogue["login_new_password_bad"]
            } else {
                values["alert"] = catalogue["login_change_password"]
            }
            fields.append(newPassword)
        case .enrolmentRequired(let enrolment):
            template = "enrol"
            titleKey = "enrol_title"
            values["secretGroups"] = Self.groupsOfFour(enrolment.secret)
            values["qrSVG"] = (try? QRCode(bytes: Array(enrolment.provisioningURI.utf8)))?.svg(
                label: catalogue["enrol_qr_label"])
            values["recoveryCodes"] = enrolment.recoveryCodes
        }
        values["fields"] = fields.map(\.context)
        let status: HTTPResponse.Status = attempt == nil ? .ok : .unauthorized
        return renderer.page(template, titleKey: titleKey, values: values, visit: visit, status: status)
    }

    /// A TOTP secret in groups of four characters, for typing into an app.
    static func groupsOfFour(_ secret: String) -> [String] {
        stride(from: 0, to: secret.count, by: 4).map {
            let start = secret.index(secret.startIndex, offsetBy: $0)
            return String(
                secret[start..<(secret.index(start, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }
    }

    /// Logs in with the form's `utente`, `password`, `codice` and `nuova_password`.
    @Sendable func logIn(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        let visit = try await visit(request)
        if request.headers[.origin] != nil {
            try AuthenticationMiddleware.requireSameOrigin(request, usesTLS: settings.usesTLS)
        }
        let form = try await FormBody.read(request, limit: settings.maximumJSONBytes)
        let user = form["utente"] ?? ""
        let attempt = LoginAttempt(
            user: user, password: form.values["password"]?.first ?? "", code: form["codice"],
            newPassword: form.values["nuova_password"]?.first.flatMap { $0.isEmpty ? nil : $0 })
        do {
            let grant = try await limiter.run(from: context.clientAddress) { try await calls.logIn(attempt) }
            context.signedInUserID.value = grant.user.id
            var response = Self.redirect(keptForms.page(for: grant.user.id) ?? "/inizio")
            response.setCookie(sessionCookie(value: grant.token, maxAge: Int(settings.accountRules.sessionLifetime)))
            return response
        } catch let refusal as LoginRefusal {
            return loginPage(visit, attempt: (user, refusal))
        }
    }

    /// Ends the session and returns to the login page.
    @Sendable func logOut(_ request: Request, context: RegistroRequestContext) async throws -> Response {
        try await signedIn(request, context) { _, visitor, _ in
            try await calls.endSession(token: visitor.token, of: visitor.user)
            var response = Self.redirect("/accedi")
            response.setCookie(sessionCookie(value: "", maxAge: 0))
            return response
        }
    }

    /// The session cookie, as the API's login sets it.
    private func sessionCookie(value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: settings.sessionCookieName, value: value, maxAge: maxAge, path: "/", secure: settings.usesTLS,
            httpOnly: true, sameSite: .strict)
    }
}
