import Glibc

/// Puts the process in a UTF-8 locale, which `wcwidth` and ncursesw need.
///
/// In the C locale `wcwidth` returns -1 for é, 마 and emoji, and ncursesw draws them as
/// escapes. The user's locale is used when it is UTF-8; otherwise `C.UTF-8`.
enum UTF8Locale {
    /// Returns true when the process ended up in a UTF-8 locale.
    @discardableResult
    static func activate() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        setlocale(LC_ALL, "C.UTF-8")
        return isUTF8
    }

    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
