import Access
import Testing

@Suite("PII masks")
struct PIIMaskTests {
    @Test func emailsKeepTheirFirstLetterAndDomain() {
        #expect(PIIMask.email("maria.lopez@gmail.com") == "m•••@gmail.com")
        #expect(PIIMask.email("j@bank.example") == "j•••@bank.example")
        #expect(PIIMask.email("not an email") == "•••")
        #expect(PIIMask.email(nil) == nil)
    }

    @Test func phonesKeepTheirLastFourDigits() {
        #expect(PIIMask.phone("+15551234567") == "•••••••4567")
        #expect(PIIMask.phone("(555) 123-4567") == "••••••4567")
        #expect(PIIMask.phone("123") == "•••")
        #expect(PIIMask.phone(nil) == nil)
    }
}
