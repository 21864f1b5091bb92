/// A count written with a comma between each group of three digits ("1,000"), as the search
/// window and `knead search` both say it.
extension Int {
    public var groupedDigits: String {
        var digits = String(self)
        let start = digits.first == "-" ? digits.index(after: digits.startIndex) : digits.startIndex
        var index = digits.endIndex
        while digits.distance(from: start, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }
}
