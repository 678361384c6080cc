#!/usr/bin/env python3
"""The web page of `search serve` in headless Chromium (Debian chromium and
chromium-driver, driven by selenium): hits and facets for /?q=Muttaqi, ticking a
country narrows the hits and changes the URL, the back button restores them, an
article opens with its mentions marked, and an article whose title and text hold
markup runs nothing. Takes the README's screenshot (docs/serve.png).

Usage: test_page.py PATH_TO_SEARCH_BINARY [SCREENSHOT_DIR]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1> Muttaqi mystery"
HOSTILE_TEXT = (
    HOSTILE_TITLE
    + "\n\nAmir Khan Muttaqi read <script>window.__pwned=2</script> aloud in Kabul "
    + 'and <b onmouseover="window.__pwned=3">bold</b> words on 3 March 2024.\n'
)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def start_server(search, workdir):
    proc = subprocess.Popen(
        [search, "serve", "--index", "index", "--listen", "127.0.0.1:0"],
        cwd=workdir,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    check(line.startswith("serving http://"), f"unexpected first line {line!r}")
    return proc, line.split()[1].rstrip("/")


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def hit_titles(driver):
    # Read in one script call: the list is replaced as results arrive.
    return driver.execute_script(
        "return [...document.querySelectorAll('#hits .hit h3')].map(e => e.textContent)"
    )


def main():
    search = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs")
    work = tempfile.mkdtemp(prefix="serve-browser-")
    server = driver = None
    try:
        shutil.copytree(os.path.join(ROOT, "seeds"), os.path.join(work, "seeds"))
        with open(os.path.join(work, "seeds", "hostile.txt"), "w") as f:
            f.write(HOSTILE_TEXT)
        subprocess.run([search, "index", "seeds", "--quiet"], cwd=work, check=True)
        server, base = start_server(search, work)
        driver = browser(os.path.join(work, "profile"))
        wait = WebDriverWait(driver, 20)

        # Hits and facets for a shared link.
        driver.get(base + "/?q=Muttaqi")
        wait.until(lambda d: len(hit_titles(d)) == 4)
        first_hits_ms = driver.execute_script(
            "return performance.getEntriesByName('first-hits')[0].startTime"
        )
        corpus = driver.find_element(By.ID, "corpus").text
        check(corpus == "Searching 5 articles", f"corpus line {corpus!r}")
        countries = driver.find_elements(By.CSS_SELECTOR, '.facet[data-param="country"] li .name')
        names = [c.text for c in countries]
        check("Russia" in names and "Afghanistan" in names, f"country facet {names}")
        persons = [p.text for p in driver.find_elements(By.CSS_SELECTOR, '.facet[data-param="person"] li .name')]
        check("Amir Khan Muttaqi" in persons, f"person facet {persons}")
        orgs = [o.text for o in driver.find_elements(By.CSS_SELECTOR, '.facet[data-param="org"] li .name')]
        check("Taliban" in orgs, f"organisation facet {orgs}")
        check(driver.find_elements(By.CSS_SELECTOR, "#histogram .bar"), "no month histogram")
        check(driver.find_elements(By.CSS_SELECTOR, "#hits .snippet mark"), "no highlighted snippet")

        # Tick Russia: fewer hits, the URL says so.
        russia = next(
            li for li in driver.find_elements(By.CSS_SELECTOR, '.facet[data-param="country"] li')
            if li.find_element(By.CSS_SELECTOR, ".name").text == "Russia"
        )
        russia.find_element(By.CSS_SELECTOR, "input").click()
        wait.until(lambda d: "country=RU" in d.current_url and len(hit_titles(d)) == 2)
        check(driver.find_element(By.ID, "with").is_displayed(), "no appears-with panel")
        with_text = driver.find_element(By.ID, "with").text
        check("Amir Khan Muttaqi" in with_text, f"appears with: {with_text!r}")
        # A second country is OR: Russia or Afghanistan.
        afghanistan = next(
            li for li in driver.find_elements(By.CSS_SELECTOR, '.facet[data-param="country"] li')
            if li.find_element(By.CSS_SELECTOR, ".name").text == "Afghanistan"
        )
        afghanistan.find_element(By.CSS_SELECTOR, "input").click()
        wait.until(lambda d: "country=AF" in d.current_url and len(hit_titles(d)) >= 3)
        # Back twice: the Muttaqi search as first loaded.
        driver.back()
        wait.until(lambda d: "country=AF" not in d.current_url and len(hit_titles(d)) == 2)
        driver.back()
        wait.until(lambda d: d.current_url.endswith("/?q=Muttaqi") and len(hit_titles(d)) == 4)

        # Click a month of the histogram: a date range in the URL.
        bar = driver.find_elements(By.CSS_SELECTOR, "#histogram .bar")[-1]
        label = bar.get_attribute("aria-label")
        month = label.split(":")[0]
        bar.send_keys(Keys.ENTER)
        wait.until(lambda d: f"from={month}" in d.current_url and f"to={month}" in d.current_url)
        driver.back()
        wait.until(lambda d: d.current_url.endswith("/?q=Muttaqi"))
        wait.until(lambda d: len(hit_titles(d)) == 4)

        # Open an article: mentions marked, each a link to its filter.
        link = next(
            a for a in driver.find_elements(By.CSS_SELECTOR, "#hits h3 a")
            if a.text != HOSTILE_TITLE
        )
        link.click()
        wait.until(lambda d: "article=" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#article-text .mention.person"))
        mention = driver.find_element(By.CSS_SELECTOR, "#article-text .mention.person")
        check(mention.text.strip() != "", "empty mention")
        driver.save_screenshot(os.path.join(work, "article.png"))
        mention.click()
        wait.until(lambda d: "person=" in d.current_url and "article=" not in d.current_url and hit_titles(d))
        driver.back()
        wait.until(lambda d: "article=" in d.current_url and d.find_elements(By.CSS_SELECTOR, "#article-text .mention"))

        # The hostile article: shown as text in the list and in the view, runs nothing.
        driver.get(base + "/?q=mystery")
        wait.until(lambda d: hit_titles(d) == [HOSTILE_TITLE])
        driver.find_element(By.CSS_SELECTOR, "#hits h3 a").click()
        wait.until(lambda d: d.find_element(By.ID, "article-title").text == HOSTILE_TITLE)
        text = driver.find_element(By.ID, "article-text").text
        check("<script>window.__pwned=2</script>" in text, f"script not shown as text: {text!r}")
        for b in driver.find_elements(By.CSS_SELECTOR, "#article-text b"):
            webdriver.ActionChains(driver).move_to_element(b).perform()
        check(driver.find_elements(By.CSS_SELECTOR, "main img, main script, #article-text b") == [], "markup from the article reached the page")
        pwned = driver.execute_script("return window.__pwned === undefined ? null : window.__pwned")
        check(pwned is None, f"article markup ran: __pwned = {pwned}")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check(errors == [], f"console errors: {errors}")

        # Keyboard: / focuses the search box, typing and Enter searches.
        driver.get(base + "/")
        wait.until(lambda d: len(hit_titles(d)) == 5)
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        active = driver.switch_to.active_element
        check(active.get_attribute("id") == "q", "/ does not focus the search box")
        active.send_keys("Muttaqi Russia", Keys.ENTER)
        wait.until(lambda d: "q=Muttaqi+Russia" in d.current_url and len(hit_titles(d)) == 2)

        # The README's screenshots: wide and phone width.
        os.makedirs(shots, exist_ok=True)
        driver.get(base + "/?q=Muttaqi&country=IR")
        wait.until(lambda d: len(hit_titles(d)) >= 1)
        driver.save_screenshot(os.path.join(shots, "serve.png"))
        driver.set_window_size(390, 844)
        driver.get(base + "/?q=Muttaqi")
        wait.until(lambda d: len(hit_titles(d)) == 4)
        driver.save_screenshot(os.path.join(work, "phone.png"))
        shutil.copy(os.path.join(work, "article.png"), os.path.join(shots, "serve-article.png")) if os.environ.get("SERVE_ALL_SHOTS") else None
        if os.environ.get("SERVE_ALL_SHOTS"):
            shutil.copy(os.path.join(work, "phone.png"), os.path.join(shots, "serve-phone.png"))

        weight = sum(
            len(urllib.request.urlopen(base + path).read()) for path in ["/", "/app.js", "/app.css"]
        )
        print(json.dumps({"first_hits_ms": round(first_hits_ms), "page_bytes": weight}))
        check(weight <= 100 * 1024, f"page weighs {weight} bytes")
        print("browser test: ok")
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
