import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

InputPanel {
    id: panel
    objectName: "keyboard"
    visible: active
    // The keyboard scales with the text size: the default style sizes everything (keys, key
    // letters, the word suggestions) by width / keyboardDesignWidth, so a narrower design
    // width makes it taller and its letters larger. Word suggestions get the body text size,
    // key letters a little more (24 px text: suggestions 24 px, letters ≈ 28 px, 436 px high);
    // capped at 0.85 of the design size, where the bottom row's labels still fit their keys.
    Binding {
        target: panel.keyboard.style
        when: panel.keyboard.style !== null && panel.width > 0
        property: "keyboardDesignWidth"
        value: panel.width / Math.min(0.85, theme.bodyPx / 44)
    }
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        // the suggestion bar keeps its room while letters are typed: the keyboard's height
        // does not change under the resident's finger
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
        VirtualKeyboardSettings.userDataPath = session.keyboardDataPath
        VirtualKeyboardSettings.locale = session.language === "en" ? "en_US" : "zh_CN"
    }
    Connections {
        target: session
        function onSessionDirChanged() { VirtualKeyboardSettings.userDataPath = session.keyboardDataPath }
        function onLanguageChanged() { VirtualKeyboardSettings.locale = session.language === "en" ? "en_US" : "zh_CN" }
    }
}
