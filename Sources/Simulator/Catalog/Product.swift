/// A banking product, an ERPNext Item.
struct Product: Sendable {
    /// How money moves on the product, which decides how its transactions look.
    enum Kind: Sendable { case deposit, current, term, card, loan, investment }

    let code: String
    let name: String
    let group: String
    let kind: Kind
    let description: String
    /// Typical size of one transaction, in dollars.
    let typicalAmount: Double
    /// Share of customers who hold it.
    let uptake: Double

    /// The bank's ten products.
    static let all: [Product] = [
        Product(code: "SAV-STD", name: "Everyday Savings Account", group: "Deposit Accounts", kind: .deposit,
                description: "Instant-access savings with monthly interest", typicalAmount: 400, uptake: 0.85),
        Product(code: "SAV-HYS", name: "High-Yield Savings Account", group: "Deposit Accounts", kind: .deposit,
                description: "Tiered-rate savings for balances over $5,000", typicalAmount: 1500, uptake: 0.25),
        Product(code: "CUR-STD", name: "Current Account", group: "Current Accounts", kind: .current,
                description: "Everyday current account with debit card", typicalAmount: 250, uptake: 0.9),
        Product(code: "CUR-PRM", name: "Premier Current Account", group: "Current Accounts", kind: .current,
                description: "Current account with monthly fee and travel benefits", typicalAmount: 600, uptake: 0.12),
        Product(code: "FD-12M", name: "12-Month Fixed Deposit", group: "Term Deposits", kind: .term,
                description: "Fixed-rate deposit locked for twelve months", typicalAmount: 8000, uptake: 0.15),
        Product(code: "CC-CLS", name: "Classic Credit Card", group: "Cards", kind: .card,
                description: "Credit card with no annual fee", typicalAmount: 180, uptake: 0.45),
        Product(code: "CC-PLT", name: "Platinum Credit Card", group: "Cards", kind: .card,
                description: "Rewards credit card with annual fee", typicalAmount: 420, uptake: 0.1),
        Product(code: "PL-STD", name: "Personal Loan", group: "Loans", kind: .loan,
                description: "Unsecured personal loan, 12 to 60 months", typicalAmount: 350, uptake: 0.18),
        Product(code: "MTG-FIX", name: "Fixed-Rate Home Mortgage", group: "Loans", kind: .loan,
                description: "Mortgage with a rate fixed for five years", typicalAmount: 1400, uptake: 0.12),
        Product(code: "INV-MMF", name: "Money Market Fund Account", group: "Investments", kind: .investment,
                description: "Managed money-market fund with daily liquidity", typicalAmount: 2500, uptake: 0.08),
    ]
}
