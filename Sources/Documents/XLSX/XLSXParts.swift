/// The fixed parts of a one-sheet workbook (ECMA-376 part 1); the shared strings are the writer's. The styles are indexed by
/// `XLSXWriter`: 0 plain, 1 bold text, 2 whole number, 3 two decimals, 4 date (dd/mm/yyyy),
/// 5 and 6 the bold numbers of a totals row.
enum XLSXParts {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let worksheetStart =
        declaration + #"""
            <worksheet xmlns="\#(main)"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
            """#

    static func fixed(sheetName: String) -> [(String, String)] {
        [
            (
                "[Content_Types].xml",
                declaration + #"""
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\#
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\#
                    <Default Extension="xml" ContentType="application/xml"/>\#
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\#
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\#
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\#
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\#
                    </Types>
                    """#
            ),
            (
                "_rels/.rels",
                declaration + #"""
                    <Relationships xmlns="\#(relationships)">\#
                    <Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\#
                    </Relationships>
                    """#
            ),
            (
                "xl/workbook.xml",
                declaration + #"""
                    <workbook xmlns="\#(main)" xmlns:r="\#(officeRelationships)">\#
                    <sheets><sheet name="\#(sheetName)" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                declaration + #"""
                    <Relationships xmlns="\#(relationships)">\#
                    <Relationship Id="rId1" Type="\#(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>\#
                    <Relationship Id="rId2" Type="\#(officeRelationships)/styles" Target="styles.xml"/>\#
                    <Relationship Id="rId3" Type="\#(officeRelationships)/sharedStrings" Target="sharedStrings.xml"/>\#
                    </Relationships>
                    """#
            ),
            (
                "xl/styles.xml",
                declaration + #"""
                    <styleSheet xmlns="\#(main)">\#
                    <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\#
                    <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\#
                    <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\#
                    <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\#
                    <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\#
                    <cellXfs count="7">\#
                    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\#
                    <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\#
                    <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
                    <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
                    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\#
                    <xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\#
                    <xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\#
                    </cellXfs>\#
                    <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\#
                    </styleSheet>
                    """#
            ),
        ]
    }
}
