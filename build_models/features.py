"""
Named features of a text, one value per character: the state of the text *after reading*
that character (so an opening quote is already "inside quotes"). Neuron analysis scores
every cell against each of these (Karpathy 2015; Karpathy, Johnson & Fei-Fei 2015).
"""
import numpy as np

VOWELS = set("aeiouAEIOU")
BRACKETS = {"(": ("paren", 1), ")": ("paren", -1), "[": ("bracket", 1), "]": ("bracket", -1),
            "{": ("brace", 1), "}": ("brace", -1)}


def text_features(text):
    """{name: float array [len(text)]}; features that never vary on this text are still returned."""
    n = len(text)
    f = {k: np.zeros(n) for k in [
        "in_double_quotes", "in_parens", "in_brackets", "in_braces", "nesting_depth",
        "in_c_comment", "in_tex_comment", "in_begin_end", "in_dollar_math",
        "position_in_line", "indentation", "start_of_word", "inside_word", "after_newline",
        "caps_line", "after_sentence_end",
        "vowel", "consonant", "space", "uppercase", "digit", "punctuation"]}
    quote = dollar = False
    depth = {"paren": 0, "bracket": 0, "brace": 0}
    block = line_comment = tex_comment = False
    env = col = indent = 0
    leading = True     # still in the line's leading whitespace
    caps = False       # every letter of the line so far is a capital (speaker names: "KING RICHARD III:")
    sentence_end = False
    prev = "\n"
    for t, ch in enumerate(text):
        # comments first: nothing inside them opens brackets or quotes
        two = text[t - 1:t + 1] if t > 0 else ch
        if block:
            block = two != "*/"
        elif line_comment or tex_comment:
            if ch == "\n":
                line_comment = tex_comment = False
        elif two == "/*":
            block = True
        elif two == "//":
            line_comment = True
        elif ch == "%" and prev != "\\":
            tex_comment = True
        else:
            if ch == '"':
                quote = not quote
            elif ch == "$" and prev != "\\":
                dollar = not dollar
            elif ch in BRACKETS:
                kind, d = BRACKETS[ch]
                depth[kind] = max(0, depth[kind] + d)  # an unmatched closer leaves depth at 0
            elif ch == "\\":
                if text.startswith("\\begin{", t):
                    env += 1
                elif text.startswith("\\end{", t):
                    env = max(0, env - 1)
        col = 0 if ch == "\n" else col + 1
        # indentation in columns (a tab moves to the next multiple of 8, as the kernel's style has it)
        if ch == "\n":
            indent, leading = 0, True
        elif leading and ch == " ":
            indent += 1
        elif leading and ch == "\t":
            indent = (indent // 8 + 1) * 8
        else:
            leading = False
        if ch == "\n":
            caps = False
        elif ch.isalpha():
            caps = ch.isupper() and (caps or col == 1 or not any(c.isalpha() for c in text[t - col + 1:t]))
        if ch in ".!?":
            sentence_end = True
        elif ch.isalnum():
            sentence_end = False
        f["in_double_quotes"][t] = quote
        f["in_parens"][t] = depth["paren"] > 0
        f["in_brackets"][t] = depth["bracket"] > 0
        f["in_braces"][t] = depth["brace"] > 0
        f["nesting_depth"][t] = sum(depth.values())
        f["in_c_comment"][t] = block or line_comment or two == "*/"
        f["in_tex_comment"][t] = tex_comment
        f["in_begin_end"][t] = env > 0
        f["in_dollar_math"][t] = dollar
        f["position_in_line"][t] = col
        f["indentation"][t] = indent
        f["start_of_word"][t] = ch.isalpha() and not prev.isalpha()
        f["inside_word"][t] = ch.isalpha()
        f["after_newline"][t] = ch == "\n"
        f["caps_line"][t] = caps
        f["after_sentence_end"][t] = sentence_end
        f["vowel"][t] = ch in VOWELS
        f["consonant"][t] = ch.isalpha() and ch not in VOWELS
        f["space"][t] = ch == " "
        f["uppercase"][t] = ch.isupper()
        f["digit"][t] = ch.isdigit()
        f["punctuation"][t] = not (ch.isalnum() or ch.isspace())
        prev = ch
    return f
