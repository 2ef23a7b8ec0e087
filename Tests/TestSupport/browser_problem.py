"""Tells a problem from a personal link's page in a real browser (Debian's Chromium, through
chromium-driver), on a phone (390x844, touch events).

    browser_problem.py LINK SCREENSHOTS_FOLDER

Opens the link's page, taps « Un problème ? Dites-le nous », taps Envoyer with nothing typed
(the browser itself asks for the text), types a message and sends it. Writes problem-form.png
and problem-thanks.png, and prints one line, RESULT and JSON: what each page said. A missing
browser or driver fails: it never skips.
"""

import os
import sys

from selenium.webdriver.common.by import By

import browser

link, folder = sys.argv[1], sys.argv[2]
driver = browser.chromium(phone=True)


def steps(said):
    driver.get(link)
    driver.find_element(By.PARTIAL_LINK_TEXT, "Un problème").click()
    said["heading"] = driver.find_element(By.TAG_NAME, "h1").text
    said["width"] = driver.execute_script("return document.documentElement.scrollWidth")
    said["viewport"] = driver.execute_script("return window.innerWidth")
    text = driver.find_element(By.ID, "text")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    said["empty"] = driver.execute_script("return arguments[0].validity.valueMissing", text)
    text.send_keys("La salle était froide : pouvez-vous chauffer ?")
    browser.shot(driver, os.path.join(folder, "problem-form.png"))
    browser.submitted(driver, lambda: driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click())
    said["thanks"] = driver.find_element(By.TAG_NAME, "h1").text
    browser.shot(driver, os.path.join(folder, "problem-thanks.png"))


browser.run(driver, steps)
