"""Certifies and closes a half-day from a trainer's page in a real browser (Debian's Chromium,
through chromium-driver), on a phone: 390x844, touch events.

    browser_trainer.py LINK REGISTRATION REASON SCREENSHOTS_FOLDER

Opens the trainer's page, marks the participant REGISTRATION late with REASON, taps « Signer à
la main », draws a stroke with a finger, taps « Signer », and waits for the page again. Writes
trainer-page.png, trainer-pad.png and trainer-closed.png, and prints one line, RESULT and JSON:
what the page said before and after.
"""

import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import browser

link, registration, reason, folder = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
driver = browser.chromium(phone=True)


def shot(name, whole_page=True):
    browser.shot(driver, os.path.join(folder, f"trainer-{name}.png"), whole_page=whole_page)


def steps(said):
    driver.get(link)
    said["heading"] = driver.find_element(By.TAG_NAME, "h1").text
    said["closing"] = driver.find_element(By.ID, "close-title").text
    said["width"] = driver.execute_script("return document.documentElement.scrollWidth")
    said["viewport"] = driver.execute_script("return window.innerWidth")
    Select(driver.find_element(By.ID, f"status-{registration}")).select_by_value("late")
    driver.find_element(By.ID, f"reason-{registration}").send_keys(reason)
    shot("page")
    driver.find_element(By.ID, "draw").click()
    browser.draw(driver, driver.find_element(By.ID, "canvas"))
    shot("pad", whole_page=False)
    browser.submitted(driver, lambda: driver.find_element(By.ID, "done").click())
    said["states"] = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".halfday h2 .state")]
    said["marks"] = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".roll .mark")]
    said["form"] = len(driver.find_elements(By.ID, "sign-form"))
    shot("closed")


browser.run(driver, steps)
