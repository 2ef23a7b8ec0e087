import Training

/// Every line of text the CLI prints goes through here, shadowing the standard library's
/// `print` in this module: values from the database or a file never reach the terminal raw.
/// A control character (an escape sequence could rewrite the screen) or a bidirectional
/// override is shown escaped; line breaks stay, for the multi-line fields a command lays out.
/// JSON goes out through `Terminal.printJSON`, whose encoder escapes what JSON must.
func print(_ text: String) {
    Swift.print(Printable.escaped(text, keepingLineBreaks: true))
}
