#!/usr/bin/python3
"""Check that the user-visible strings of ui/ and app/ are ready for translation.

Two checks, both over ui/*.cpp and app/*.cpp:

1. Qt 6 lupdate extracts every tr() and QCoreApplication::translate() string into a temporary
   .ts file. lupdate exits with 0 even when it cannot file a string under the right context,
   for example tr() in a class or free function without Q_OBJECT or Q_DECLARE_TR_FUNCTIONS.
   It reports that as "Class 'X' lacks Q_OBJECT macro", so every line it writes in -silent
   mode counts as a problem.
2. A scan finds string literals that reach user-visible Qt calls (setText, setToolTip,
   addAction, QMessageBox::warning, QLabel(...), axis labels, legend names and so on) without
   tr(), QCoreApplication::translate() or a QT_TR*_NOOP macro around them. In app/ it also
   finds command-line messages written to standard output or error, or returned as errors.

The scan reads tokens, not a C++ syntax tree, so it misses a literal stored in a variable
before it reaches a user-visible call, and it ignores literals inside calls it does not know
(QIcon::fromTheme, QKeySequence, helper functions) because those are mostly not language.

Usage: check_translatable.py [--lupdate PATH] [--source DIR]
Exit status: 0 when both checks pass, 1 when either finds a problem, 77 (skipped by CTest)
when Qt 6 lupdate is missing and the scan found nothing.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

DEFAULT_LUPDATE = "/usr/lib/qt6/bin/lupdate"

# Literals with letters that are not language, so they stay untranslated wherever they appear.
# Each entry gives the reason. Literals without letters (numbers, "%1 (%2)", "×") need no
# entry. File-name filters, units and words are language and do not belong here.
NOT_LANGUAGE = {
    "x": "the feature's symbol on the synthetic data preview's axis, as in y = w·x + b",
    "y": "the target's symbol on the synthetic data preview's axis, as in y = w·x + b",
    ".gif": "the file name suffix that the GIF export appends to a path without one",
    "mad": "spec syntax: the residual scale written scale=mad in a loss spec",
    "losslens: ": "the program's name as the prefix of command-line errors",
    "losslens fit: ": "the program and subcommand name as the prefix of fit's errors",
    "losslens curves: ": "the program and subcommand name as the prefix of curves' errors",
    "losslens losses: ": "the program and subcommand name as the prefix of losses' errors",
    "losslens landscape: ": "the program and subcommand name as the prefix of landscape's errors",
}

# Calls whose string arguments a user reads. Constructors are matched as `Name(`, `new Name(`
# and `Name variable(`, and static functions as `Class::name(`.
USER_VISIBLE_CALLS = {
    "setText", "setToolTip", "setWindowTitle", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "showMessage", "setItemText", "setLabel", "setName",
    "setTabText", "addTab", "insertTab", "setHeaderLabels", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setPrefix", "setSuffix", "setSpecialValueText",
    "setLabelText", "setInformativeText", "setDetailedText", "setAccessibleName",
    "setAccessibleDescription", "addButton", "addRow", "setButtonText",
    "setCancelButtonText", "setOkButtonText", "setNameFilter", "setNameFilters", "addAction",
    "addMenu", "addSection", "addTick", "setHtml", "setMarkdown", "addItem", "addItems",
    "insertItem",
}
USER_VISIBLE_CONSTRUCTORS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton",
    "QAction", "QMenu", "QDockWidget", "QMessageBox", "QTableWidgetItem", "QListWidgetItem",
    "QTreeWidgetItem", "QCommandLinkButton", "QCPTextElement", "QWizardPage",
}
USER_VISIBLE_STATICS = {
    "QMessageBox": {"information", "warning", "critical", "question", "about"},
    "QFileDialog": {"getOpenFileName", "getOpenFileNames", "getSaveFileName",
                    "getExistingDirectory"},
    "QInputDialog": {"getText", "getInt", "getDouble", "getItem", "getMultiLineText"},
    "QToolTip": {"showText"},
}
# Command-line messages of app/: calls that print or return an error.
COMMAND_LINE_CALLS = {"fail", "failFit"}

TRANSLATING_CALLS = {
    "tr", "translate", "trUtf8", "qtTrId", "QT_TR_NOOP", "QT_TRANSLATE_NOOP",
    "QT_TRANSLATE_NOOP3", "QT_TR_N_NOOP", "QT_TRANSLATE_N_NOOP",
}
# Calls that pass a literal on unchanged, so a literal inside them still reaches the user.
PASS_THROUGH_CALLS = {
    "QString", "QStringLiteral", "QLatin1String", "QLatin1StringView", "QStringView",
    "fromUtf8", "fromLatin1", "arg", "QStringList", "u8", "QChar",
}

TOKEN = re.compile(
    r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>(?:u8|u|U|L)?R"(?P<delimiter>[^(\s]*)\((?P<rawtext>.*?)\)(?P=delimiter)")
  | (?P<string>(?:u8|u|U|L)?"(?P<text>(?:[^"\\\n]|\\.)*)")
  | (?P<char>(?:u8|u|U|L)?'(?:[^'\\\n]|\\.)*')
  | (?P<preprocessor>^[ \t]*\#(?:[^\n]*\\\n)*[^\n]*)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<number>\.?[0-9](?:[0-9A-Za-z_.']|[eEpP][+-])*)
  | (?P<scope>::)
  | (?P<punctuation>[^\sA-Za-z_0-9])
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
ESCAPE = re.compile(r"""\\(["'\\?abfnrtv]|x[0-9A-Fa-f]+|[0-7]{1,3}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})""")
# Markup, %1 place markers and HTML entities are not words of any language.
NOT_WORDS = re.compile(r"<[^<>]*>|%L?\d+|&[A-Za-z]+;|&#\d+;")


class Token:
    def __init__(self, kind, text, line):
        self.kind = kind
        self.text = text
        self.line = line


def unescape(text):
    def replace(match):
        escape = match.group(1)
        simple = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
        if escape in simple:
            return simple[escape]
        if escape[0] in "xuU":
            return chr(int(escape[1:], 16))
        if escape[0].isdigit():
            return chr(int(escape, 8))
        return escape

    return ESCAPE.sub(replace, text)


def tokenize(source):
    tokens = []
    for match in TOKEN.finditer(source):
        kind = match.lastgroup
        if kind in ("comment", "preprocessor"):
            continue
        line = source.count("\n", 0, match.start()) + 1
        if kind == "raw":
            tokens.append(Token("string", match.group("rawtext"), line))
        elif kind == "string":
            text = unescape(match.group("text"))
            # Adjacent literals are one literal: "abc" "def".
            if tokens and tokens[-1].kind == "string":
                tokens[-1].text += text
            else:
                tokens.append(Token("string", text, line))
        else:
            tokens.append(Token(kind, match.group(kind), line))
    return tokens


def find_closing(tokens, opening):
    """Returns the index of the bracket that closes tokens[opening], or None."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    depth = 0
    for index in range(opening, len(tokens)):
        text = tokens[index].text
        if tokens[index].kind != "punctuation":
            continue
        if text in pairs:
            depth += 1
        elif text in pairs.values():
            depth -= 1
            if depth == 0:
                return index
    return None


def split_arguments(tokens, opening, closing):
    """Returns (start, end) token ranges of the top-level arguments between two brackets."""
    arguments = []
    depth = 0
    start = opening + 1
    for index in range(opening + 1, closing):
        token = tokens[index]
        if token.kind != "punctuation":
            continue
        if token.text in "({[":
            depth += 1
        elif token.text in ")}]":
            depth -= 1
        elif token.text == "," and depth == 0:
            arguments.append((start, index))
            start = index + 1
    if start < closing:
        arguments.append((start, closing))
    return arguments


def is_language(text):
    if text in NOT_LANGUAGE:
        return False
    words = NOT_WORDS.sub("", text)
    return any(character.isalpha() for character in words)


def untranslated_literals(tokens, start, end):
    """Yields the string tokens in [start, end) that reach the user untranslated.

    A literal inside tr() or a QT_TR*_NOOP macro is translated. A literal inside any other
    call except the pass-through ones (QStringLiteral, arg, ...), or inside a lambda's body,
    is left alone because the scan cannot tell whether the user reads it.
    """
    # Each entry of the stack is True when the bracket it stands for hides its literals.
    stack = []
    for index in range(start, end):
        token = tokens[index]
        if token.kind == "punctuation" and token.text in "({[":
            previous = tokens[index - 1] if index > start else None
            hidden = False
            if token.text == "(" and previous is not None and previous.kind == "name":
                hidden = previous.text not in PASS_THROUGH_CALLS
                if previous.text in TRANSLATING_CALLS:
                    hidden = True
            elif token.text == "{" and previous is not None and previous.text in (")", "]"):
                hidden = True  # a lambda's body or a function's body
            stack.append(hidden)
        elif token.kind == "punctuation" and token.text in ")}]":
            if stack:
                stack.pop()
        elif token.kind == "string" and not any(stack) and is_language(token.text):
            yield token


def checked_arguments(name, arguments, tokens):
    """Returns the argument ranges of a call whose literals a user reads."""
    if name in ("addItem", "insertItem"):
        # QComboBox::addItem(text, userData) and addItem(icon, text, userData), and insertItem
        # takes the index first. The user data is a key, not text.
        skip = 1 if name == "insertItem" else 0
        candidates = arguments[skip:]
        if not candidates:
            return []
        first = " ".join(token.text for token in tokens[candidates[0][0]:candidates[0][1]])
        text_index = 1 if "icon" in first.lower() else 0
        return candidates[text_index:text_index + 1]
    return arguments


def call_sites(tokens, command_line):
    """Yields (name, opening parenthesis index) of every user-visible call."""
    for index, token in enumerate(tokens[:-1]):
        if token.kind != "name":
            continue
        following = tokens[index + 1]
        previous = tokens[index - 1] if index > 0 else None
        before_previous = tokens[index - 2] if index > 1 else None
        if following.text != "(":
            # `QLabel label("text")` or `QLabel label{"text"}`
            if (token.text in USER_VISIBLE_CONSTRUCTORS and following.kind == "name"
                    and index + 2 < len(tokens) and tokens[index + 2].text in ("(", "{")):
                yield token.text, index + 2
            continue
        if previous is not None and previous.kind == "scope":
            owner = before_previous.text if before_previous is not None else ""
            if token.text in USER_VISIBLE_STATICS.get(owner, ()):
                yield owner + "::" + token.text, index + 1
            continue
        if token.text in USER_VISIBLE_CALLS or token.text in USER_VISIBLE_CONSTRUCTORS:
            yield token.text, index + 1
        elif command_line and token.text in COMMAND_LINE_CALLS:
            yield token.text, index + 1


def command_line_messages(tokens):
    """Yields literals of app/ that reach standard output or error, or an error string.

    These are `*error = "..."`, and `<<` chains that start at QTextStream(stderr),
    QTextStream(stdout) or a stream named errors.
    """
    for index, token in enumerate(tokens):
        starts_error = (token.text == "*" and index + 2 < len(tokens)
                        and tokens[index + 1].text == "error" and tokens[index + 2].text == "=")
        starts_stream = False
        if (token.text == "QTextStream" and index + 3 < len(tokens)
                and tokens[index + 2].text in ("stderr", "stdout")):
            starts_stream = True
        if token.text == "errors" and index + 1 < len(tokens) and tokens[index + 1].text == "<":
            starts_stream = True
        if not (starts_error or starts_stream):
            continue
        end = index
        while end < len(tokens) and tokens[end].text != ";":
            end += 1
        first = index + 3 if starts_error else index
        yield from untranslated_literals(tokens, first, end)


def scan_file(path, command_line):
    with open(path, encoding="utf-8") as file:
        tokens = tokenize(file.read())
    findings = {}
    for name, opening in call_sites(tokens, command_line):
        closing = find_closing(tokens, opening)
        if closing is None:
            continue
        arguments = split_arguments(tokens, opening, closing)
        for start, end in checked_arguments(name, arguments, tokens):
            for literal in untranslated_literals(tokens, start, end):
                findings[(literal.line, literal.text)] = name
    if command_line:
        for literal in command_line_messages(tokens):
            findings.setdefault((literal.line, literal.text), "command-line message")
    return [(line, name, text) for (line, text), name in sorted(findings.items())]


def scan_sources(root):
    problems = []
    for folder in ("ui", "app"):
        directory = os.path.join(root, folder)
        for file_name in sorted(os.listdir(directory)):
            if not file_name.endswith(".cpp"):
                continue
            relative = os.path.join(folder, file_name)
            for line, name, text in scan_file(os.path.join(root, relative), folder == "app"):
                excerpt = text if len(text) <= 60 else text[:57] + "..."
                problems.append(f'{relative}:{line}: "{excerpt}" reaches {name} without tr()')
    return problems


def namespaces_of(root):
    """Returns the names of the C++ namespaces declared under ui/, app/ and core/."""
    names = set()
    declaration = re.compile(r"\bnamespace\s+([A-Za-z_][A-Za-z_0-9:]*)\s*\{")
    for folder in ("ui", "app", "core"):
        for directory, _, files in os.walk(os.path.join(root, folder)):
            for file_name in files:
                if file_name.endswith((".cpp", ".h")):
                    with open(os.path.join(directory, file_name), encoding="utf-8") as file:
                        names.update(declaration.findall(file.read()))
    return names


def run_lupdate(lupdate, root):
    """Returns lupdate's problems and the number of strings it extracted.

    Besides lupdate's own warnings, a string filed under a namespace's name (such as
    "losslens") is a problem. lupdate files tr() of a free function there, but at run time no
    tr() looks the string up under that context, so its translation would never show.
    lupdate warns about it only once per file.
    """
    with tempfile.TemporaryDirectory() as directory:
        ts_path = os.path.join(directory, "losslens.ts")
        result = subprocess.run(
            [lupdate, "-silent", "-no-obsolete", "-locations", "absolute", "ui", "app",
             "-ts", ts_path],
            cwd=root, capture_output=True, text=True, check=False)
        problems = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        if result.returncode != 0:
            problems.append(f"{lupdate} exited with status {result.returncode}")
        if not os.path.exists(ts_path):
            return problems, 0
        contexts = ElementTree.parse(ts_path).getroot().findall("context")
    namespaces = namespaces_of(root)
    count = 0
    for context in contexts:
        name = context.findtext("name")
        for message in context.findall("message"):
            count += 1
            if name not in namespaces:
                continue
            location = message.find("location")
            where = "?"
            if location is not None:
                # Locations are relative to the .ts file's folder, so report them from the root.
                path = os.path.normpath(os.path.join(directory, location.get("filename")))
                where = f"{os.path.relpath(path, root)}:{location.get('line')}"
            problems.append(f'{where}: "{message.findtext("source")[:60]}" is filed under the '
                            f'namespace "{name}", not under a class\'s context')
    return problems, count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lupdate", default=DEFAULT_LUPDATE,
                        help=f"Qt 6 lupdate executable (default {DEFAULT_LUPDATE})")
    parser.add_argument("--source", default=os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))), help="the repository's top folder")
    arguments = parser.parse_args()

    failed = False
    problems = scan_sources(arguments.source)
    if problems:
        failed = True
        print(f"{len(problems)} user-visible literal(s) without tr():")
        for problem in problems:
            print("  " + problem)
        print("Wrap each in tr() (or QCoreApplication::translate with a context), or add it "
              "to NOT_LANGUAGE in scripts/check_translatable.py if it is not language.")

    if not os.access(arguments.lupdate, os.X_OK):
        print(f"Qt 6 lupdate not found at {arguments.lupdate}; install qt6-l10n-tools.")
        return 1 if failed else 77
    lupdate_problems, count = run_lupdate(arguments.lupdate, arguments.source)
    if lupdate_problems:
        failed = True
        print(f"lupdate reported {len(lupdate_problems)} problem(s):")
        for problem in lupdate_problems:
            print("  " + problem)
        print("Give each class that calls tr() Q_OBJECT or Q_DECLARE_TR_FUNCTIONS(Context), "
              "and call a context's tr() as Context::tr() from free functions.")
    if count == 0:
        failed = True
        print("lupdate extracted no strings from ui/ and app/, so it did not read the sources.")
    if not failed:
        print(f"OK: lupdate extracted {count} strings without problems, and the scan found no "
              "untranslated user-visible literal.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
