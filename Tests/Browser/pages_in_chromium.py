#!/usr/bin/env python3
"""The web pages in a real browser: Debian's chromium and chromium-driver, driven by Selenium.

Creates a fresh demo registry (`registro demo`, small), serves it with
`registro serve --listen 127.0.0.1:0`, and walks each role's main path by the pages' labels, as
a person would: the admin adds a social worker; the social worker logs in with the one-time
password, chooses a new one, adds a person (a wrong codice fiscale first), records a service,
uploads a bad then a good spreadsheet, records a consent and opens the case file; a coordinator
of a partner organisation opens that shared case file and a report with its chart; the privacy
officer (with TOTP) finds those reads in the audit log filtered by the person, verifies the
chain and opens the person's access report; a partner's social worker opens an emergency access on
that person and the privacy officer reviews it. Last, on a server whose sessions end after one
idle minute, the warning appears, a form sent too late is kept, and after logging in again it comes
back filled in. Every page is screenshotted under .build/screenshots/. The last line says
`N passed, N failed`; the exit status is 0 only when nothing failed.

Usage: python3 Tests/Browser/pages_in_chromium.py [--registro PATH] [--screenshots DIR]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Support"))
from demo_accounts import small_demo, totp  # noqa: E402
from registro_server import serve, stop  # noqa: E402
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NETWORK = "quadrante-alat"
NEW_PASSWORD = "una password nuova e lunga"
EMERGENCY_REASON = "La persona non risponde da tre giorni e il servizio chiede il suo recapito."
IDLE_NOTES = "Colloquio lungo: chiede aiuto per l'affitto di marzo e per l'iscrizione a scuola del figlio."


def skip(reason):
    print(f"skipped: {reason}")
    print("0 passed, 0 failed")
    sys.exit(0)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    skip("Selenium is not installed (pip install -r Tests/requirements.txt)")
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    skip("Debian's chromium and chromium-driver are not installed (.ci/install-chromium)")


ODD = {c: v for c, v in zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                            [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20,
                             11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23])}


def codice_fiscale(first15):
    """A codice fiscale: the first 15 characters and their check character."""
    total = 0
    for index, char in enumerate(first15):
        if index % 2 == 0:
            total += ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return first15 + chr(ord("A") + total % 26)


class Walk:
    """The browser, the server's address, the screenshots and the tally."""

    def __init__(self, url, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1000,1400", "--lang=it-IT"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {"intl.accept_languages": "it-IT,it"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.implicitly_wait(2)
        self.url = url
        self.screenshots = screenshots
        self.shots = 0
        self.passed = 0
        self.failed = 0

    # Driving by labels, as a person would.

    def field(self, label):
        element = self.driver.find_element(By.XPATH, f"//label[normalize-space()={xpath_text(label)}]")
        return self.driver.find_element(By.ID, element.get_attribute("for"))

    def fill(self, label, value):
        element = self.field(label)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)

    def tick(self, label):
        element = self.field(label)
        if not element.is_selected():
            element.click()

    def press(self, text):
        self.load(self.driver.find_element(By.XPATH, f"//button[normalize-space()={xpath_text(text)}]"))

    def follow(self, text):
        self.load(self.driver.find_element(By.XPATH, f"//a[normalize-space()={xpath_text(text)}]"))

    def load(self, element):
        """Clicks `element` and waits until the next page has replaced this one and finished loading.

        The old page is marked with a window property before the click; the new page has none.
        Asking an element of the old page whether it went stale is not used: Chromium answers such
        questions during navigation with "Node with given id does not belong to the document", an
        error Selenium's staleness check does not expect.
        """
        self.driver.execute_script("window.registroWalkOldPage = true")
        element.click()

        def next_page_loaded(driver):
            try:
                return driver.execute_script(
                    "return !window.registroWalkOldPage && document.readyState === 'complete'")
            except WebDriverException:  # the page is being replaced while we ask
                return False

        WebDriverWait(self.driver, 20).until(next_page_loaded)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def expect(self, condition, what):
        if not condition:
            raise AssertionError(what)

    def expect_text(self, fragment):
        self.expect(fragment in self.text(), f"the page does not say {fragment!r}")

    def shot(self, name):
        self.shots += 1
        path = os.path.join(self.screenshots, f"{self.shots:02d}-{name}.png")
        self.driver.save_screenshot(path)
        html = self.driver.page_source
        self.expect('lang="it"' in html, f"{name}: the page is not lang=\"it\"")
        self.expect("<script" not in html, f"{name}: the page has a script")

    def log_in(self, user, password, code=None, new_password=None):
        self.driver.get(self.url + "/accedi")
        self.fill("Utente", user)
        self.fill("Password", password)
        if code:
            self.fill("Codice di verifica", code)
        self.shot(f"accedi-{user}")
        self.press("Accedi")
        if new_password:
            self.expect_text("provvisoria")
            self.fill("Password", password)
            self.fill("Nuova password", new_password)
            self.shot(f"nuova-password-{user}")
            self.press("Accedi")
        self.expect_text("Cosa vuoi fare?")

    def log_out(self):
        self.press("Esci")
        self.expect(self.driver.current_url.endswith("/accedi"), "Esci did not return to the login page")

    def step(self, name, body):
        try:
            body()
            self.passed += 1
            print(f"ok      {name}")
        except Exception as error:  # a failed step is reported and the walk goes on
            self.failed += 1
            print(f"FAILED  {name}: {error}")
            traceback.print_exc(limit=2, file=sys.stdout)
            try:
                self.shot(f"failed-{re.sub('[^a-z]+', '-', name.lower())}")
            except Exception:
                pass


def xpath_text(text):
    return "'" + text + "'" if "'" not in text else '"' + text + '"'


def wait_for_fresh_code(secret, used):
    """A TOTP code not used yet: a code is accepted once only."""
    while True:
        code = totp(secret)
        if code not in used:
            used.add(code)
            return code
        time.sleep(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registro", default=None, help="the registro binary (default: swift build's)")
    parser.add_argument("--screenshots", default=os.path.join(ROOT, ".build", "screenshots"))
    arguments = parser.parse_args()
    registro = arguments.registro or os.path.join(
        subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True,
                       check=True).stdout.strip(), "registro")
    shutil.rmtree(arguments.screenshots, ignore_errors=True)
    os.makedirs(arguments.screenshots)
    work = tempfile.mkdtemp(prefix="registro-browser-")
    database = os.path.join(work, "registro.db")
    environment = {k: v for k, v in os.environ.items() if k != "REGISTRO_PASSPHRASE"}
    users, organisation = small_demo(registro, database, environment)
    admin = next(u for u, a in users.items() if a[0] == "admin")
    officer = next(u for u, a in users.items() if a[0] == "privacy_officer" and organisation[u] == organisation[admin])
    partner = next(u for u, a in users.items() if a[0] == "coordinator" and organisation[u] != organisation[admin])
    partner_worker = next(u for u, a in users.items()
                          if a[0] == "social_worker" and organisation[u] == organisation[partner])

    server = serve(registro, database, environment)
    walk = None
    try:
        walk = Walk(server.url, arguments.screenshots)
        state = {}
        used_codes = set()

        def administrator():
            role, password, secret = users[admin]
            walk.log_in(admin, password, wait_for_fresh_code(secret, used_codes))
            walk.shot("inizio-amministratore")
            walk.follow("Utenti dell'organizzazione")
            walk.fill("Nome utente", "operatrice-web")
            walk.fill("Nome e cognome", "Operatrice delle pagine")
            walk.fill("Ruolo", "social_worker")
            walk.press("Aggiungi un utente")
            walk.expect_text("Password provvisoria: operatrice-web")
            state["one_time"] = walk.driver.find_element(By.CSS_SELECTOR, ".result .secret").text.strip()
            walk.shot("utenti")
            walk.log_out()

        def social_worker():
            walk.log_in("operatrice-web", state["one_time"], new_password=NEW_PASSWORD)
            walk.shot("inizio-operatore")
            # A new person: a mistyped codice fiscale first, then the right one.
            cf = codice_fiscale("VRDLCU90A41L219")
            wrong = cf[:-1] + ("A" if cf[-1] != "A" else "B")
            walk.follow("Aggiungi una persona")
            walk.fill("Nome", "Lucia")
            walk.fill("Cognome", "Verdi")
            walk.fill("Codice fiscale", wrong)
            walk.fill("Data di nascita (GG/MM/AAAA)", "01/01/1990")
            walk.fill("Sesso", "F")
            walk.fill("Cittadinanza", "IT")
            walk.fill("Comune", "Torino")
            walk.press("Salva")
            walk.expect_text("il carattere di controllo non corrisponde")
            walk.expect(walk.field("Nome").get_attribute("value") == "Lucia", "the typed name was not kept")
            walk.shot("persona-errore")
            walk.fill("Codice fiscale", cf)
            walk.press("Salva")
            walk.expect_text("Persona registrata")
            state["person"] = re.search(r"Numero della persona: (\S+)", walk.text()).group(1)
            state["cf"] = cf
            walk.shot("persona-registrata")
            # A service for her.
            walk.follow("Registra una prestazione per questa persona")
            walk.expect(walk.field("Numero della persona").get_attribute("value") == state["person"],
                        "the person's number was not carried to the service form")
            walk.fill("Codice della prestazione", "RT.LAV12")
            walk.fill("Data (GG/MM/AAAA)", "15/03/2020")
            walk.fill("Ore", "1,5")
            walk.fill("Canale di invio", "servizi_sociali")
            walk.fill("Esito", "in_corso")
            walk.fill("Impatto (da 1 a 10)", "7")
            walk.press("Salva")
            walk.expect_text("Prestazione registrata")
            walk.shot("prestazione")

        def spreadsheet():
            header = ("codice_fiscale;ref;given_name;family_name;birth_date;sex;citizenship;comune;phone;email;"
                      "vulnerabilities;service_code;date;hours;channel;outcome;impact;notes;project")
            good_cf = codice_fiscale("BNCMRC85C12L219")
            good = "\n".join([header,
                              f"{good_cf};WEB-1;Marco;Bianchi;12/03/1985;M;IT;Torino;;;;RT.LAV12;02/04/2020;2;cpi;"
                              "in_corso;6;;",
                              f"{good_cf};WEB-1;Marco;Bianchi;12/03/1985;M;IT;Torino;;;;RT.LAV08;09/04/2020;1,5;cpi;"
                              "in_corso;7;;"]) + "\n"
            bad = good.replace("09/04/2020", "31/02/2020").replace(";6;;", ";11;;")
            for name, text in (("foglio-sbagliato.csv", bad), ("foglio-giusto.csv", good)):
                with open(os.path.join(work, name), "w", encoding="utf-8") as file:
                    file.write(text)
            walk.driver.get(walk.url + "/importa")
            walk.field("File CSV").send_keys(os.path.join(work, "foglio-sbagliato.csv"))
            walk.press("Controlla il file")
            walk.expect_text("Il file ha dei problemi")
            cells = walk.driver.find_elements(By.CSS_SELECTOR, ".result tbody tr td:first-child")
            lines = [cell.text for cell in cells]
            walk.expect("2" in lines and "3" in lines, f"the problems are not shown by line: {lines}")
            walk.shot("foglio-problemi")
            walk.field("File CSV").send_keys(os.path.join(work, "foglio-giusto.csv"))
            walk.press("Controlla il file")
            walk.expect_text("Il file è corretto")
            walk.shot("foglio-controllato")
            walk.press("Conferma l'importazione")
            walk.expect_text("Importazione completata")
            walk.shot("foglio-importato")

        def consent():
            walk.follow("Registra un consenso")
            walk.fill("Numero della persona", state["person"])
            walk.fill("Organizzazione o rete che riceve i dati", NETWORK)
            walk.fill("Finalità", "presa_in_carico_condivisa")
            walk.tick("Identità")
            walk.tick("Bisogni")
            walk.tick("Prestazioni")
            walk.fill("Riferimento del modulo firmato", "PROT-2020-42")
            walk.shot("consenso")
            walk.press("Salva")
            walk.expect_text("Consenso registrato")
            walk.driver.get(walk.url + "/persone/" + state["person"])
            walk.expect_text("Lucia")
            walk.shot("scheda-propria")
            walk.log_out()

        def coordinator():
            walk.log_in(partner, users[partner][1])
            walk.follow("Schede condivise con noi")
            walk.expect(len(walk.driver.find_elements(By.XPATH, f"//a[normalize-space()='{state['person']}']")) == 1,
                        "the shared case file is not in the coordinator's list")
            walk.shot("schede-condivise")
            walk.follow("Cerca una persona")
            walk.fill("Codice fiscale", state["cf"])
            walk.press("Cerca")
            walk.expect_text("Persona trovata")
            walk.follow("Apri la scheda della persona")
            walk.expect_text("Lucia")
            walk.expect_text("Sezione non visibile")
            walk.shot("scheda-condivisa")
            walk.follow("Report delle prestazioni")
            walk.fill("Suddividi per", "axis")
            walk.fill("Misura", "deliveries")
            walk.press("Mostra il report")
            walk.expect(len(walk.driver.find_elements(By.CSS_SELECTOR, "figure svg")) >= 1, "the report has no chart")
            walk.expect(len(walk.driver.find_elements(By.XPATH, "//a[normalize-space()='Scarica in CSV']")) == 1,
                        "the report has no CSV download")
            walk.shot("report")
            walk.log_out()

        def emergency():
            walk.log_in(partner_worker, users[partner_worker][1])
            walk.driver.get(walk.url + "/persone/" + state["person"] + "?finalita=presa_in_carico_condivisa")
            walk.fill("Motivo (almeno 20 caratteri)", EMERGENCY_REASON)
            walk.shot("accesso-emergenza")
            walk.press("Apri con accesso di emergenza")
            walk.expect_text("Lucia")
            walk.log_out()

        def privacy_officer():
            role, password, secret = users[officer]
            walk.log_in(officer, password, wait_for_fresh_code(secret, used_codes))
            walk.follow("Registro degli accessi")
            walk.fill("Persona (numero)", state["person"])
            walk.press("Filtra")
            rows = walk.driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
            actors = {row.find_elements(By.TAG_NAME, "td")[2].text for row in rows}
            walk.expect(partner in actors, f"the partner's read is not in the log filtered by the person: {actors}")
            walk.expect("operatrice-web" in actors, f"the social worker's entries are missing: {actors}")
            walk.shot("registro-accessi")
            walk.press("Verifica la catena")
            walk.expect_text("La catena è verificata")
            walk.shot("verifica")
            walk.driver.get(walk.url + "/persone/" + state["person"] + "/diritti")
            walk.expect_text("Accessi ai dati")
            walk.expect_text(partner)
            walk.shot("diritti-della-persona")
            walk.follow("Accessi di emergenza da rivedere")
            walk.expect_text(EMERGENCY_REASON)
            walk.expect_text(partner_worker)
            walk.fill("Nota della revisione", "Sentita l'operatrice: accesso giustificato.")
            walk.shot("emergenze-da-rivedere")
            walk.press("Segna come rivisto")
            walk.expect_text("Accesso segnato come rivisto.")
            walk.shot("emergenza-rivista")
            walk.log_out()

        walk.step("admin adds a social worker with a one-time password", administrator)
        walk.step("social worker: first login, new person (codice fiscale checked), service", social_worker)
        walk.step("social worker: a bad spreadsheet shows its lines, a good one imports", spreadsheet)
        walk.step("social worker: consent to the network, own case file", consent)
        walk.step("partner coordinator: shared case file, report with chart and CSV", coordinator)
        walk.step("partner social worker: emergency access with its reason", emergency)
        walk.step("privacy officer with TOTP: audit log by person, chain verified, emergency access reviewed",
                  privacy_officer)
        stop(server)
        server = serve(registro, database, environment, options=["--session-idle-minutes", "1"])
        walk.url = server.url

        def idle_session():
            walk.log_in("operatrice-web", NEW_PASSWORD)
            walk.follow("Aggiungi una persona")
            expiry = walk.driver.find_element(By.CSS_SELECTOR, ".session-expiry").text
            walk.expect(re.fullmatch(r"La sessione scade alle \d\d:\d\d se non usi il registro\.", expiry),
                        f"the page does not say when the session ends: {expiry!r}")
            warning = walk.driver.find_element(By.CSS_SELECTOR, ".session-warning")
            walk.expect(not warning.is_displayed(), "the session warning shows from the start")
            walk.fill("Nome", "Teresa")
            walk.fill("Cognome", "Gialli")
            walk.fill("Sesso", "F")
            walk.fill("Note", IDLE_NOTES)
            WebDriverWait(walk.driver, 45).until(lambda driver: warning.is_displayed())
            walk.shot("sessione-in-scadenza")
            time.sleep(35)  # past the one idle minute
            walk.press("Salva")
            walk.expect_text("quanto hai scritto è conservato")
            walk.shot("sessione-scaduta")
            walk.fill("Utente", "operatrice-web")
            walk.fill("Password", NEW_PASSWORD)
            walk.press("Accedi")
            walk.expect_text("prima che la sessione scadesse")
            walk.expect(walk.field("Note").get_attribute("value") == IDLE_NOTES, "the typed notes did not come back")
            walk.expect(walk.field("Nome").get_attribute("value") == "Teresa", "the typed name did not come back")
            walk.shot("modulo-ritrovato")
            walk.log_out()

        walk.step("an idle session warns, keeps the form sent too late, and gives it back after login", idle_session)
    finally:
        if walk:
            walk.driver.quit()
        stop(server)
        shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots in {arguments.screenshots}")
    print(f"{walk.passed} passed, {walk.failed} failed")
    sys.exit(1 if walk.failed else 0)


if __name__ == "__main__":
    main()
