"""Answers a questionnaire page in a real browser (Debian's Chromium, through chromium-driver).

    browser_questionnaire.py keyboard|touch LINK SCREENSHOTS_FOLDER

keyboard: a desktop window (1280x900), the keyboard alone: Tab into each question, Space and
the arrow keys to choose, type the free text, Enter on the button. First submits with one
answer only, to see the errors, then answers everything.
touch: a phone (390x844, touch events): a tap on each answer's label, the same two steps.

Writes <mode>-empty.png, <mode>-errors.png and <mode>-confirmation.png, and prints one line,
RESULT and JSON: what each page said. A missing browser or driver fails: it never skips.
"""

import os
import sys

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import browser

mode, link, folder = sys.argv[1], sys.argv[2], sys.argv[3]
driver = browser.chromium(phone=mode == "touch")


def shot(name):
    browser.shot(driver, os.path.join(folder, f"{mode}-{name}.png"))


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


def steps(said):
    driver.get(link)
    said["empty"] = driver.find_element(By.TAG_NAME, "h1").text
    said["lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    said["width"] = driver.execute_script("return document.documentElement.scrollWidth")
    said["viewport"] = driver.execute_script("return window.innerWidth")
    shot("empty")
    answer = answer_by_keyboard if mode == "keyboard" else answer_by_touch
    browser.submitted(driver, lambda: answer(False))
    shot("errors")
    said["errors"] = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".error")]
    said["summary"] = driver.find_element(By.CSS_SELECTOR, ".summary").text
    browser.submitted(driver, lambda: answer(True))
    said["confirmation"] = driver.find_element(By.TAG_NAME, "h1").text
    shot("confirmation")


browser.run(driver, steps)
