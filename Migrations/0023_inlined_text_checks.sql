-- The text checks of every name, title and email (migrations 0006, 0016) were declared STRICT:
-- PostgreSQL then cannot inline a body that is not itself strict (`a AND b` is not), and calls
-- each as a function on every row it checks. An import of 100 000 participants spent 2 of its
-- 3.5 seconds of INSERT there. Without STRICT, the bodies are inlined into the constraints;
-- a NULL still passes, as before: each body gives NULL for NULL, and CHECK lets NULL through.
ALTER FUNCTION is_one_line(text) CALLED ON NULL INPUT;
ALTER FUNCTION is_clean_text(text) CALLED ON NULL INPUT;
ALTER FUNCTION has_emoji(text) CALLED ON NULL INPUT;
ALTER FUNCTION is_printed_line(text) CALLED ON NULL INPUT;
ALTER FUNCTION is_canonical_email(text) CALLED ON NULL INPUT;
