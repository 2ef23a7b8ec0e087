"""Answers a questionnaire page in a real browser (Debian's Chromium, through chromium-driver).

    browser_questionnaire.py keyboard|touch LINK SCREENSHOTS_FOLDER

keyboard: a desktop window (1280x900), the keyboard alone: Tab into each question, Space and
the arrow keys to choose, type the free text, Enter on the button. First submits with one
answer only, to see the errors, then answers everything.
touch: a phone (390x844, touch events): a tap on each answer's label, the same two steps.

Writes <mode>-empty.png, <mode>-errors.png and <mode>-confirmation.png, and prints one line,
RESULT and JSON: what each page said. A missing browser or driver fails: it never skips.
"""

import base64
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

mode, link, folder = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(folder, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR"):
    options.add_argument(argument)
if mode == "touch":
    options.add_experimental_option(
        "mobileEmulation",
        {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True}},
    )
else:
    options.add_argument("--window-size=1280,900")
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(20)


def shot(name):
    """A screenshot of the whole page, beyond the screen's height (Chromium's DevTools)."""
    image = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    with open(os.path.join(folder, f"{mode}-{name}.png"), "wb") as file:
        file.write(base64.b64decode(image["data"]))


def keys(*sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def scale_groups():
    names = []
    for element in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
        name = element.get_attribute("name")
        if name not in names:
            names.append(name)
    return names


def answer_by_keyboard(everything):
    """Tab through the form from the top: Space chooses the focused choice of a group, the right
    arrow the next one; Tab leaves the group. Without `everything`, only the first question."""
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    groups = scale_groups()
    for index, name in enumerate(groups):
        keys(Keys.TAB)
        if everything or index == 0:
            keys(Keys.SPACE)
            if index < len(groups) - 1:  # a 1–5 scale: 1 chosen, three steps right make 4
                keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    keys(Keys.TAB)  # the free text
    if everything:
        keys("Très utile, merci : « à refaire » !")
    keys(Keys.TAB, Keys.ENTER)  # the button


def answer_by_touch(everything):
    for index, name in enumerate(scale_groups()):
        if not everything and index > 0:
            break
        labels = driver.find_elements(By.CSS_SELECTOR, f"label[for^='{name}-']")
        labels[-2 if len(labels) == 5 else 0].click()
    if everything:
        driver.find_element(By.ID, "q7").send_keys("Très utile.")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


said = {}
failed = False
try:
    driver.get(link)
    said["empty"] = driver.find_element(By.TAG_NAME, "h1").text
    said["lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    said["width"] = driver.execute_script("return document.documentElement.scrollWidth")
    said["viewport"] = driver.execute_script("return window.innerWidth")
    shot("empty")
    answer = answer_by_keyboard if mode == "keyboard" else answer_by_touch

    def submitted(everything):
        """Answers, submits, and waits for the page the server sends back: a new document,
        which has lost the mark set on the old one (a reference to an element of the old
        document may fail in other ways than "stale" under mobile emulation)."""
        driver.execute_script("window.atelierPageBeforeSubmit = true")
        answer(everything)
        WebDriverWait(driver, 30).until(
            lambda d: d.execute_script(
                "return document.readyState === 'complete' && window.atelierPageBeforeSubmit === undefined"
            )
        )

    submitted(False)
    shot("errors")
    said["errors"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error")]
    said["summary"] = driver.find_element(By.CSS_SELECTOR, ".summary").text
    submitted(True)
    said["confirmation"] = driver.find_element(By.TAG_NAME, "h1").text
    shot("confirmation")
except Exception as error:  # said on standard output, which the test shows
    said["failure"] = f"{type(error).__name__}: {error}".splitlines()[0]
    failed = True
finally:
    driver.quit()
print("RESULT " + json.dumps(said, ensure_ascii=False))
sys.exit(1 if failed else 0)
