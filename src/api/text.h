/*
 * Checks of caller text shared by every builder and endpoint of src/api/:
 * one UTF-8 rule and one language-code rule for messages and templates.
 */
#ifndef GOSEND_API_TEXT_H
#define GOSEND_API_TEXT_H

/*
 * Code points of a valid UTF-8 string, or -1 when it is not valid
 * (overlong forms, surrogates and values above U+10FFFF are invalid).
 */
long gosend__utf8_chars(const char *s);

/*
 * A Meta locale code, the one rule of messages and templates: 2 or 3
 * lowercase letters, optionally '_' and 2 to 4 letters or digits ("en",
 * "fil", "en_US", "es_419"). 1 or 0; NULL is 0.
 */
int gosend__language_ok(const char *s);

#endif
