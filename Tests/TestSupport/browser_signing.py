"""Signs from a signing page in a real browser (Debian's Chromium, through chromium-driver), on
a phone: 390x844, touch events. A half-day's page, or a convention's, whose signer's name and
role it types first.

    browser_signing.py LINK SCREENSHOTS_FOLDER [SIGNER ROLE]

Opens the page, types the signer and role when given, taps « Signer à la main », draws a stroke
on the pad with a finger (pointer events of type touch), taps « Signer », and waits for the
confirmation. Writes signing-page.png,
signing-pad.png and signing-confirmation.png, and prints one line, RESULT and JSON: what the
pages said and whether anything scrolled while drawing. A missing browser fails: it never skips.
"""

import os
import sys

from selenium.webdriver.common.by import By

import browser

link, folder = sys.argv[1], sys.argv[2]
signer = sys.argv[3:5]
prefix = "convention" if signer else "signing"
driver = browser.chromium(phone=True)


def shot(name):
    browser.shot(driver, os.path.join(folder, f"{prefix}-{name}.png"), whole_page=False)


def steps(said):
    driver.get(link)
    said["heading"] = driver.find_element(By.TAG_NAME, "h1").text
    said["consent"] = driver.find_element(By.CSS_SELECTOR, ".consent").text
    said["width"] = driver.execute_script("return document.documentElement.scrollWidth")
    said["viewport"] = driver.execute_script("return window.innerWidth")
    if signer:
        driver.find_element(By.ID, "signer").send_keys(signer[0])
        role = driver.find_element(By.ID, "role")
        role.clear()
        role.send_keys(signer[1])
    shot("page")
    driver.find_element(By.ID, "draw").click()
    canvas = driver.find_element(By.ID, "canvas")
    said["pad"] = [canvas.size["width"], canvas.size["height"]]
    scrolled_before = driver.execute_script("return window.scrollY")
    browser.draw(driver, canvas)
    said["scrolled"] = driver.execute_script("return window.scrollY") - scrolled_before
    shot("pad")
    browser.submitted(driver, lambda: driver.find_element(By.ID, "done").click())
    said["confirmation"] = driver.find_element(By.TAG_NAME, "h1").text
    shot("confirmation")


browser.run(driver, steps)
