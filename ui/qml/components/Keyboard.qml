import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

InputPanel {
    id: panel
    objectName: "keyboard"
    visible: active
    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.userDataPath = session.keyboardDataPath
        VirtualKeyboardSettings.locale = session.language === "en" ? "en_US" : "zh_CN"
    }
    Connections {
        target: session
        function onSessionDirChanged() { VirtualKeyboardSettings.userDataPath = session.keyboardDataPath }
        function onLanguageChanged() { VirtualKeyboardSettings.locale = session.language === "en" ? "en_US" : "zh_CN" }
    }
}
