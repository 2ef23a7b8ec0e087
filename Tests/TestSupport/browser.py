"""What the browser tests share: Debian's Chromium through chromium-driver (a missing browser or
driver fails, it never skips), screenshots, waiting for the page a form sends back, and the one
RESULT line the Swift test reads."""

import base64
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.support.ui import WebDriverWait


def chromium(phone):
    """Headless Chromium in French: a 390x844 phone with touch events, or a 1280x900 window."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR"):
        options.add_argument(argument)
    if phone:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True}}
        )
    else:
        options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(20)
    return driver


def draw(driver, canvas):
    """A signature-like stroke with one finger: down, a zigzag across the pad, up."""
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger)
    width = canvas.size["width"]
    actions.pointer_action.move_to(canvas, -width // 3, 0).pointer_down()
    for step in range(1, 13):
        actions.pointer_action.move_by(width // 20, 18 if step % 2 else -18)
    actions.pointer_action.pointer_up()
    actions.perform()


def shot(driver, path, whole_page=True):
    """A screenshot, beyond the screen's height when `whole_page` (Chromium's DevTools)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": whole_page})
    with open(path, "wb") as file:
        file.write(base64.b64decode(image["data"]))


def submitted(driver, act):
    """Runs `act` (which submits a form) and waits for the page the server sends back: a new
    document, which has lost the mark set on the old one (a reference to an element of the old
    document may fail in other ways than "stale" under mobile emulation)."""
    driver.execute_script("window.atelierPageBeforeSubmit = true")
    act()
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete' && window.atelierPageBeforeSubmit === undefined"
        )
    )


def run(driver, steps):
    """Runs `steps(said)`, then quits the browser and prints RESULT and `said` as JSON; a failure
    is said there too, and the exit status is 1."""
    said = {}
    failed = False
    try:
        steps(said)
    except Exception as error:  # said on standard output, which the test shows
        said["failure"] = f"{type(error).__name__}: {error}".splitlines()[0]
        failed = True
    finally:
        driver.quit()
    print("RESULT " + json.dumps(said, ensure_ascii=False))
    sys.exit(1 if failed else 0)
