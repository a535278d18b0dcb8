"""Indonesian dates as the co-op writes them: "1 Des 2026", "1 Des 2026, 9.30".

Django's own Indonesian formats use "j N Y", which prints "1 Des. 2026" with a dot.
Everything not set here (input formats, separators) comes from Django's locale.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, G.i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, G.i"
