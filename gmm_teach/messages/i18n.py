"""The names of the languages themselves."""

MESSAGES = {
    "language": {"ja": "日本語", "en": "English"},
}
