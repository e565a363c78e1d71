import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "title"; text: qsTr("请选择一种方式确认身份") }
    GridLayout {
        Layout.fillWidth: true
        visible: identify.state !== "pin"   // the PIN pad has the screen to itself
        columns: theme.elder ? 1 : 3
        columnSpacing: theme.gap
        rowSpacing: theme.gap
        KButton {
            objectName: "btnIdCard"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
            selected: identify.channel === "id_card" && identify.state === "waiting"
            enabled: identify.available.id_card === true
            text: identify.available.id_card ? qsTr("居民身份证") : qsTr("居民身份证（暂不可用）")
            onClicked: identify.start("id_card")
        }
        KButton {
            objectName: "btnSsc"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
            selected: identify.channel === "ssc" && identify.state === "waiting"
            enabled: identify.available.ssc === true
            text: identify.available.ssc ? qsTr("社会保障卡") : qsTr("社会保障卡（暂不可用）")
            onClicked: identify.start("ssc")
        }
        KButton {
            objectName: "btnQr"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
            selected: identify.channel === "qr" && identify.state === "waiting"
            enabled: identify.available.qr === true
            text: identify.available.qr ? qsTr("电子证照二维码") : qsTr("电子证照二维码（暂不可用）")
            onClicked: identify.start("qr")
        }
    }
    // Animated instruction: a card sliding onto the reader, repeated while we wait.
    Item {
        Layout.fillWidth: true
        Layout.preferredHeight: 220
        visible: identify.state === "waiting"
        Accessible.role: Accessible.Animation
        Accessible.name: qsTranslate("Identify", identify.message)
        Rectangle {
            id: reader
            width: 300; height: 60; radius: 10
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.bottom: parent.bottom
            color: theme.c.muted
            Text { anchors.centerIn: parent; text: qsTr("读卡区"); color: theme.c.bg; font.pixelSize: theme.smallPx }
        }
        Rectangle {
            id: card
            width: 200; height: 126; radius: 10
            x: (parent.width - width) / 2
            color: theme.c.surface
            border.width: theme.outlineWidth
            border.color: theme.c.primary
            Text {
                anchors.centerIn: parent
                text: identify.channel === "qr" ? "▦" : qsTr("证件")
                font.pixelSize: theme.titlePx
                color: theme.c.primary
            }
            SequentialAnimation on y {
                running: identify.state === "waiting" && !shell.still
                loops: Animation.Infinite
                NumberAnimation { from: 0; to: 70; duration: theme.elder ? 1800 : 1100; easing.type: Easing.InOutQuad }  // slower for elders
                PauseAnimation { duration: theme.elder ? 1200 : 700 }
                NumberAnimation { from: 70; to: 0; duration: 300 }
            }
        }
    }
    Badge {
        objectName: "identifyMessage"
        visible: identify.message !== ""
        Layout.fillWidth: true
        tone: identify.state === "waiting" || (identify.state === "pin" && !identify.pinRefused) ? "info" : "error"
        text: qsTranslate("Identify", identify.message)
    }
    // The social security card's PIN: one read per confirmed entry, the tries left after a
    // wrong one, a warning before the last.
    KText {
        objectName: "sscPinTries"
        visible: identify.state === "pin" && identify.triesLeft > 1
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("还可以输入 %n 次", "", identify.triesLeft)
    }
    PinPad {
        id: sscPinPad
        objectName: "sscPinPad"
        keyPrefix: "sscPin"
        visible: identify.state === "pin"
        minLength: 6
        maxLength: 6
        prompt: qsTr("请输入社保卡密码")
        warning: identify.pinWarning !== "" ? qsTranslate("Identify", identify.pinWarning) : ""
        onAccepted: function(pin) { identify.submitPin(pin) }
        onCancelled: identify.cancel()
    }
    KText {
        visible: identify.state === "error" || identify.state === "expired" || identify.state === "unavailable" || identify.state === "blocked"
        role: "muted"
        text: qsTr("也可以点“帮办代办”，请工作人员来帮您。")
    }
    KText {
        visible: identify.noneAvailable
        role: "error"
        text: "！ " + qsTranslate("Identify", "读卡设备暂时都不能使用。请点“帮办代办”，工作人员会来协助。")
    }
    KText {
        role: "small"
        text: qsTr("您的证件信息只用于本次办理，离开后会立即清除。")
    }
    actions: [
        KButton {
            objectName: "btnIdentifyRetry"
            visible: identify.state === "error" || identify.state === "unavailable"
            Layout.fillWidth: true
            text: qsTr("再试一次")
            onClicked: identify.retry()
        },
        KButton {
            objectName: "btnUseIdCard"
            visible: identify.state === "blocked" && identify.available.id_card === true
            Layout.fillWidth: true
            kind: "primary"
            text: qsTr("改用居民身份证")
            onClicked: identify.start("id_card")
        },
        KButton {
            objectName: "btnIdentifyCancel"
            visible: identify.state === "waiting"
            Layout.fillWidth: true
            text: qsTr("换一种方式")
            onClicked: identify.cancel()
        },
        KButton {
            objectName: "btnIdentifyHelp"
            Layout.fillWidth: true
            text: qsTr("帮办代办")
            onClicked: session.go("help")
        }
    ]
}
