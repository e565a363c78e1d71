import QtQuick
import QtQuick.Layouts

// A PIN pad for a terminal: big digit keys (1–9, 0), masked dots, delete, confirm and cancel.
// Reusable: the social security card's PIN and the technician's maintenance PIN.
//
//   PinPad {
//       keyPrefix: "sscPin"            // objectNames: sscPin1 … sscPin0, sscPinDelete,
//       minLength: 6; maxLength: 6     //   sscPinConfirm, sscPinCancel, sscPinDots
//       prompt: qsTr("请输入社保卡密码")
//       warning: "…"                   // shown above the dots when not empty
//       onAccepted: function(pin) { vm.submitPin(pin) }   // the pad is cleared right after
//       onCancelled: vm.cancelPin()
//   }
//
// The digits are held only here, until confirm or cancel (both clear them); the dots and the
// accessible names say how many digits were typed, never which. Keys scale with the text size.
ColumnLayout {
    id: pad
    property string keyPrefix: "pinKey"
    property int minLength: 4
    property int maxLength: 12
    property string prompt: ""
    property string warning: ""
    property string confirmText: qsTr("确认")
    property bool busy: false
    readonly property int count: entered.length
    property string entered: ""   // private: read it only through accepted()
    signal accepted(string pin)
    signal cancelled()

    function clear() { entered = "" }
    function press(d) { if (!busy && entered.length < maxLength) entered += d }
    function backspace() { if (!busy) entered = entered.slice(0, -1) }
    function confirm() {
        if (busy || entered.length < minLength)
            return
        const pin = entered
        entered = ""
        accepted(pin)
    }

    readonly property int keyHeight: Math.max(theme.targetPx * 1.6, theme.titlePx * 2.6)
    spacing: theme.gap
    Layout.fillWidth: true
    Layout.maximumWidth: Math.max(theme.titlePx * 18, 540)
    Layout.alignment: Qt.AlignHCenter
    onVisibleChanged: if (!visible) clear()

    KText {
        visible: pad.prompt !== ""
        role: "title"
        horizontalAlignment: Text.AlignHCenter
        text: pad.prompt
    }
    Badge {
        objectName: pad.keyPrefix + "Warning"
        visible: pad.warning !== ""
        Layout.fillWidth: true
        tone: "warn"
        text: pad.warning
    }
    // the masked entry: one dot a digit (hollow dots for the digits still to type)
    Rectangle {
        objectName: pad.keyPrefix + "Dots"
        Layout.fillWidth: true
        Layout.preferredHeight: theme.titlePx * 2
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        Accessible.role: Accessible.EditableText
        Accessible.name: qsTr("密码，已输入 %1 位").arg(pad.count)
        Row {
            anchors.centerIn: parent
            spacing: theme.titlePx * 0.5
            Repeater {
                model: pad.maxLength <= 8 ? pad.maxLength : pad.count
                Rectangle {
                    width: theme.titlePx * 0.7
                    height: width
                    radius: width / 2
                    color: index < pad.count ? theme.c.text : "transparent"
                    border.width: 2
                    border.color: index < pad.count ? theme.c.text : theme.c.outline
                }
            }
        }
    }
    GridLayout {
        Layout.fillWidth: true
        columns: 3
        columnSpacing: theme.gap
        rowSpacing: theme.gap
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
            KButton {
                objectName: pad.keyPrefix + modelData
                Accessible.name: modelData
                Layout.fillWidth: true
                Layout.preferredWidth: 1   // three equal columns whatever the labels
                Layout.preferredHeight: pad.keyHeight
                font.pixelSize: theme.titlePx
                text: modelData
                enabled: !pad.busy
                onClicked: pad.press(modelData)
            }
        }
        KButton {
            objectName: pad.keyPrefix + "Delete"
            Accessible.name: qsTr("删除一位")
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: pad.keyHeight
            text: qsTr("删除")
            enabled: !pad.busy && pad.count > 0
            onClicked: pad.backspace()
        }
        KButton {
            objectName: pad.keyPrefix + "0"
            Accessible.name: "0"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: pad.keyHeight
            font.pixelSize: theme.titlePx
            text: "0"
            enabled: !pad.busy
            onClicked: pad.press("0")
        }
        KButton {
            objectName: pad.keyPrefix + "Confirm"
            Accessible.name: pad.confirmText
            kind: "primary"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.preferredHeight: pad.keyHeight
            text: pad.confirmText
            enabled: !pad.busy && pad.count >= pad.minLength
            onClicked: pad.confirm()
        }
    }
    KButton {
        objectName: pad.keyPrefix + "Cancel"
        Accessible.name: qsTr("取消")
        Layout.fillWidth: true
        text: qsTr("取消")
        onClicked: { pad.clear(); pad.cancelled() }
    }
}
