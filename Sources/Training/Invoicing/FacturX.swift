import Documents
import Foundation

/// The invoice as Factur-X, profile EN 16931: the UN/CEFACT Cross Industry Invoice a buyer's
/// software reads, embedded as `factur-x.xml` in the PDF/A-3 that people read. Both say the same
/// from the same values: the parties, the number and dates, the lines, the totals, the VAT
/// category and sentence of the organisation's regime, the payment terms and the legal notes.
/// The French rules (BR-FR) add the invoicing frame — S1, an invoice for services — and an
/// electronic address for both parties: their email.
extension InvoiceContent {
    static let facturXName = "factur-x.xml"

    /// The PDF drawn for people, archived as PDF/A-3 with the XML attached.
    func archive(_ pdf: [UInt8], title: String, created: String) throws -> [UInt8] {
        try PDFArchive(
            title: title, created: created,
            attachments: [
                .init(
                    name: Self.facturXName, mimeType: "text/xml", bytes: Array(xml.utf8), relationship: "Data",
                    description:
                        "Factur-X \(invoice.kind == .invoice ? "invoice" : "credit note") \(invoice.number ?? "")")
            ], extraMetadata: Self.facturXMetadata
        ).archive(pdf)
    }

    private var regime: BillingTerms.VATRegime { organisation.terms.vatRegime }

    /// The Cross Industry Invoice.
    var xml: String {
        let lines = invoice.lines.map { line in
            """
            <ram:IncludedSupplyChainTradeLineItem>
            <ram:AssociatedDocumentLineDocument><ram:LineID>\(line.position)</ram:LineID></ram:AssociatedDocumentLineDocument>
            <ram:SpecifiedTradeProduct><ram:Name>\(XMLText.escaped(line.label))</ram:Name></ram:SpecifiedTradeProduct>
            <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>\(Self.amount(line.amount))</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
            <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
            <ram:SpecifiedLineTradeSettlement>
            <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>\(regime.category)</ram:CategoryCode>\(regime == .notTaxable ? "" : "<ram:RateApplicablePercent>0</ram:RateApplicablePercent>")</ram:ApplicableTradeTax>
            <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>\(Self.amount(line.amount))</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
            </ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            """
        }
        let total = Self.amount(invoice.total)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
            <rsm:ExchangedDocumentContext>
            <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>S1</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
            <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
            </rsm:ExchangedDocumentContext>
            <rsm:ExchangedDocument>
            <ram:ID>\(XMLText.escaped(invoice.number ?? ""))</ram:ID>
            <ram:TypeCode>\(invoice.kind == .invoice ? 380 : 381)</ram:TypeCode>
            <ram:IssueDateTime>\(Self.date(invoice.issuedOn, "udt"))</ram:IssueDateTime>
            \(notes.map { "<ram:IncludedNote><ram:Content>\(XMLText.escaped($0.text))</ram:Content><ram:SubjectCode>\($0.code)</ram:SubjectCode></ram:IncludedNote>" }.joined(separator: "\n"))
            </rsm:ExchangedDocument>
            <rsm:SupplyChainTradeTransaction>
            \(lines.joined(separator: "\n"))
            <ram:ApplicableHeaderTradeAgreement>
            \(party("SellerTradeParty", seller, legalInformation: "Déclaration d’activité n° \(organisation.activityNumber)"))
            \(party("BuyerTradeParty", buyer, legalInformation: nil))
            </ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeDelivery/>
            <ram:ApplicableHeaderTradeSettlement>
            <ram:PaymentReference>\(XMLText.escaped(invoice.number ?? ""))</ram:PaymentReference>
            <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
            \(paymentMeans)
            <ram:ApplicableTradeTax><ram:CalculatedAmount>0.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>\(XMLText.escaped(regime.sentence))</ram:ExemptionReason><ram:BasisAmount>\(total)</ram:BasisAmount><ram:CategoryCode>\(regime.category)</ram:CategoryCode><ram:ExemptionReasonCode>\(regime.exemptionCode)</ram:ExemptionReasonCode>\(regime == .notTaxable ? "" : "<ram:RateApplicablePercent>0</ram:RateApplicablePercent>")</ram:ApplicableTradeTax>
            \(period)
            <ram:SpecifiedTradePaymentTerms><ram:Description>\(XMLText.escaped(terms.payment))</ram:Description>\(invoice.kind == .invoice ? "<ram:DueDateDateTime>\(Self.date(invoice.dueOn, "udt"))</ram:DueDateDateTime>" : "")</ram:SpecifiedTradePaymentTerms>
            <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>\(total)</ram:LineTotalAmount><ram:TaxBasisTotalAmount>\(total)</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">0.00</ram:TaxTotalAmount><ram:GrandTotalAmount>\(total)</ram:GrandTotalAmount><ram:DuePayableAmount>\(total)</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            \(facts.credits.map { "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>\(XMLText.escaped($0.number))</ram:IssuerAssignedID><ram:FormattedIssueDateTime>\(Self.date($0.issuedOn, "qdt"))</ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>" } ?? "")
            </ram:ApplicableHeaderTradeSettlement>
            </rsm:SupplyChainTradeTransaction>
            </rsm:CrossIndustryInvoice>

            """
    }

    /// The legal notes, with the subject codes French e-invoicing reads them by: the late
    /// penalties (PMD), the recovery indemnity for a business buyer (PMT), the discount (AAB).
    private var notes: [(code: String, text: String)] {
        let terms = terms
        return [("PMD", terms.penalties), ("PMT", terms.recovery), ("AAB", InvoiceTerms.discount)]
    }

    private func party(_ element: String, _ party: InvoiceParty, legalInformation: String?) -> String {
        let siren = party.siret.map { String($0.prefix(9)) }
        var xml = "<ram:\(element)><ram:Name>\(XMLText.escaped(party.name))</ram:Name>"
        if let legalInformation { xml += "<ram:Description>\(XMLText.escaped(legalInformation))</ram:Description>" }
        if let siren {
            xml +=
                "<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">\(siren)</ram:ID></ram:SpecifiedLegalOrganization>"
        }
        xml += "<ram:PostalTradeAddress>"
        if let postalCode = party.postalCode { xml += "<ram:PostcodeCode>\(postalCode)</ram:PostcodeCode>" }
        if let street = party.street { xml += "<ram:LineOne>\(XMLText.escaped(street))</ram:LineOne>" }
        if let city = party.city { xml += "<ram:CityName>\(XMLText.escaped(city))</ram:CityName>" }
        xml += "<ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>"
        if let email = party.email {
            xml +=
                "<ram:URIUniversalCommunication><ram:URIID schemeID=\"EM\">\(XMLText.escaped(email))</ram:URIID></ram:URIUniversalCommunication>"
        }
        if let vat = party.vatNumber, regime != .notTaxable {
            xml +=
                "<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">\(vat)</ram:ID></ram:SpecifiedTaxRegistration>"
        } else if element == "SellerTradeParty", let siren, regime != .notTaxable {
            // Exempt sales name the seller's tax registration (EN 16931 BR-E-2): its SIREN.
            xml +=
                "<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"FC\">\(siren)</ram:ID></ram:SpecifiedTaxRegistration>"
        }
        return xml + "</ram:\(element)>"
    }

    /// A credit transfer to the organisation's account, when it has one.
    private var paymentMeans: String {
        guard invoice.kind == .invoice, let iban = organisation.terms.iban else { return "" }
        let bic = organisation.terms.bic.map {
            "<ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>\($0)</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>"
        }
        return
            "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>\(iban)</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>\(bic ?? "")</ram:SpecifiedTradeSettlementPaymentMeans>"
    }

    /// When the training took place: the invoicing period.
    private var period: String {
        guard let first = facts.firstStart, let last = facts.lastEnd else { return "" }
        return
            "<ram:BillingSpecifiedPeriod><ram:StartDateTime>\(Self.date(LocalDate(first, in: timeZone), "udt"))</ram:StartDateTime><ram:EndDateTime>\(Self.date(LocalDate(last, in: timeZone), "udt"))</ram:EndDateTime></ram:BillingSpecifiedPeriod>"
    }

    /// `3600.00`.
    static func amount(_ money: Money) -> String {
        "\(money.cents / 100).\(String(format: "%02d", money.cents % 100))"
    }

    /// A date in format 102 (`20261207`), in the data type namespace `prefix`.
    static func date(_ day: LocalDate?, _ prefix: String) -> String {
        let text = day.map { String(format: "%04d%02d%02d", $0.year, $0.month, $0.day) } ?? ""
        return "<\(prefix):DateTimeString format=\"102\">\(text)</\(prefix):DateTimeString>"
    }

    /// The Factur-X properties and the PDF/A extension schema that declares them.
    static let facturXMetadata = """
        <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
        <fx:DocumentType>INVOICE</fx:DocumentType>
        <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
        <fx:Version>1.0</fx:Version>
        <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
        <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property><rdf:Seq>
        \(["DocumentFileName": "The name of the embedded XML invoice file", "DocumentType": "INVOICE", "Version": "The version of the Factur-X XML schema", "ConformanceLevel": "The conformance level of the embedded Factur-X data"].sorted { $0.key < $1.key }.map { "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>\($0.key)</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>\($0.value)</pdfaProperty:description></rdf:li>" }.joined(separator: "\n"))
        </rdf:Seq></pdfaSchema:property>
        </rdf:li></rdf:Bag></pdfaExtension:schemas>
        </rdf:Description>
        """
}

extension BillingTerms.VATRegime {
    /// The VATEX code of the exemption: vocational training (art. 132-1-i of the VAT directive),
    /// the French franchise en base, or outside the scope of VAT.
    var exemptionCode: String {
        switch self {
        case .exempt: "VATEX-EU-132-1I"
        case .franchise: "VATEX-FR-FRANCHISE"
        case .notTaxable: "VATEX-EU-O"
        }
    }
}
