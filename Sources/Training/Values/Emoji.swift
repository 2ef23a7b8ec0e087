extension Unicode.Scalar {
    /// Whether the character is, or makes the one before it, an emoji: a character Unicode draws
    /// as a picture by default (Emoji_Presentation: 😀, ⚽, the letters of 🇫🇷) or a mark that
    /// asks for one (U+FE0F VARIATION SELECTOR-16 in ❤️, U+20E3 COMBINING ENCLOSING KEYCAP in
    /// 1️⃣, the tags of 🏴󠁧󠁢󠁳󠁣󠁴󠁿). Symbols that fonts draw as text (☺, ★, ✓, ☐) are not.
    ///
    /// Names and titles refuse emoji: they are printed on certificates and sheets, whose fonts
    /// draw letters. Migration 0016's `has_emoji` lists the same characters for the database;
    /// `CanonicalTextTests` checks both agree on every code point.
    var isEmojiMark: Bool {
        // Nothing before U+20E3 is one (the first Emoji_Presentation character is U+231A): names
        // in Latin letters never reach Unicode's tables.
        value >= 0x20E3
            && (properties.isEmojiPresentation || value == 0xFE0F || value == 0x20E3
                || (0xE0020...0xE007F).contains(value))
    }
}
