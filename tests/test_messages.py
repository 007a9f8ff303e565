"""Every message catalogue (gmm_teach/messages/): both languages, the same placeholders, Japanese punctuation."""
import re

import pytest

from gmm_teach import i18n

AREAS = i18n.areas()
ENTRIES = [(area, key) for area in AREAS for key in i18n.catalogue(area)]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def test_the_catalogues_are_found():
    assert "i18n" in AREAS and len(ENTRIES) > 0


@pytest.mark.parametrize("area, key", ENTRIES, ids=[f"{a}.{k}" for a, k in ENTRIES])
def test_each_message_has_both_languages_with_the_same_placeholders(area, key):
    entry = i18n.catalogue(area)[key]
    assert set(entry) == set(i18n.LANGUAGES), f"{area}.{key} has {sorted(entry)}"
    assert i18n.placeholders(entry["ja"]) == i18n.placeholders(entry["en"]), f"{area}.{key}"


@pytest.mark.parametrize("area, key", ENTRIES, ids=[f"{a}.{k}" for a, k in ENTRIES])
def test_japanese_messages_use_japanese_punctuation_and_english_ones_no_japanese(area, key):
    entry = i18n.catalogue(area)[key]
    found = re.search(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3001\u3002\u300d\uff09], ", entry["ja"])
    assert not found, f"{area}.{key}: ASCII ', ' after Japanese: {entry['ja']!r}"
    assert not JAPANESE.search(entry["en"]) or area == "i18n", f"{area}.{key}: Japanese in English: {entry['en']!r}"


def test_say_looks_up_area_and_key_in_the_chosen_language():
    assert i18n.say("i18n.language", language="ja") == "日本語"
    assert i18n.say("i18n.language", language="en") == "English"
    before = i18n.get_language()
    try:
        i18n.set_language("ja")
        assert i18n.say("i18n.language") == "日本語"
    finally:
        i18n.set_language(before)


@pytest.mark.parametrize("key, error", [("nowhere.language", "no message catalogue"), ("i18n.nothing", "no message")])
def test_an_unknown_key_is_a_clear_error(key, error):
    with pytest.raises(KeyError, match=error):
        i18n.say(key)


@pytest.mark.parametrize("language, error", [("fr", ValueError), ("", ValueError), ("JA", ValueError),
                                             (None, TypeError), (1, TypeError), (["ja"], TypeError)])
def test_set_language_refuses_anything_but_ja_and_en(language, error):
    with pytest.raises(error, match=r"language must be one of \('ja', 'en'\); received"):
        i18n.set_language(language)


@pytest.mark.parametrize("language, error", [("fr", ValueError), ("JA", ValueError), (1, TypeError)])
def test_say_refuses_an_unknown_language(language, error):
    with pytest.raises(error, match=r"language must be one of \('ja', 'en'\) or None; received"):
        i18n.say("i18n.language", language=language)
