import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText {
        role: "title"
        text: delegation.active ? qsTr("委托代办：双方身份已确认") : qsTr("请选择一种方式确认身份")
    }
    // 委托代办 under way (帮家人办 from the start): the same agent and principal go on, after
    // the item's own check (an item the person must do themselves says why)
    Card {
        objectName: "identifyDelegation"
        Layout.fillWidth: true
        visible: delegation.active
        KText {
            objectName: "identifyDelegationWho"
            text: qsTr("您（代办人 %1）正在替 %2 办理。").arg(delegation.agent).arg(delegation.principal)
            Accessible.name: text
        }
        Badge {
            objectName: "identifyDelegationRefused"
            visible: delegation.message !== ""
            Layout.fillWidth: true
            tone: "warn"
            text: session.language === "en" ? delegation.messageEn : delegation.message
        }
        KButton {
            objectName: "btnDelegationGoOn"
            visible: delegation.canContinue
            Layout.fillWidth: true
            kind: "primary"
            text: qsTr("继续为委托人办理")
            onClicked: delegation.continueApplication()
        }
        KButton {
            objectName: "btnDelegationStop"
            Layout.fillWidth: true
            text: qsTr("改为本人办理")
            onClicked: delegation.stop()
        }
    }
    GridLayout {
        Layout.fillWidth: true
        visible: identify.state !== "pin" && !delegation.active   // the PIN pad has the screen to itself
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
    KButton {  // 委托代办: acting for someone else (the agent's card first, then theirs)
        objectName: "btnActForOther"
        visible: !delegation.active && (identify.state === "choose" || identify.state === "error")
        Layout.fillWidth: true
        text: qsTr("替他人办理（帮家人办）")
        Accessible.description: qsTr("先读您本人的身份证，再确认委托人的身份")
        onClicked: session.go("delegation")
    }
    KText {  // the ID-card reader takes every card of GA/T 467, not only the resident card
        objectName: "identifyCardTypes"
        visible: identify.available.id_card === true && !delegation.active
        role: "small"
        text: qsTr("身份证读卡区也能读外国人永久居留身份证和港澳台居民居住证。")
    }
    // Where on this terminal (a picture of the cabinet with the reader lit up: configurable per
    // model, [terminal.pictures]) beside the animated instruction: a card sliding into the
    // reader, repeated while we wait. The reader's label is below the card's path, never under it.
    GridLayout {
        id: where
        objectName: "identifyWhere"
        Layout.fillWidth: true
        visible: identify.channel !== "" && (identify.state === "waiting" || identify.state === "error")
        columns: parent && parent.width >= 640 ? 2 : 1
        columnSpacing: theme.gap * 2
        rowSpacing: theme.gap
        ColumnLayout {
            Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
            Layout.fillWidth: false
            Layout.preferredWidth: 260
            Layout.maximumWidth: 260
            spacing: theme.gap / 2
            Image {
                objectName: "identifyPicture"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 240
                Layout.preferredHeight: 352
                source: kioskHeader.pictures[identify.channel] || ""
                sourceSize: Qt.size(480, 704)   // sharp drawings on a dense screen
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                Accessible.role: Accessible.Graphic
                Accessible.name: identify.channel === "qr" ? qsTr("图中亮起的位置是扫码窗口")
                                 : identify.channel === "ssc" ? qsTr("图中亮起的位置是社保卡插卡口")
                                 : qsTr("图中亮起的位置是身份证读卡区")
            }
            KText {
                Layout.preferredWidth: 260
                role: "small"
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("看图中亮起的位置")
            }
        }
        Item {
            id: anim
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.preferredHeight: card.height + 60 + reader.height + theme.gap / 2 + readerLabel.implicitHeight
            visible: identify.state === "waiting"
            Accessible.role: Accessible.Animation
            Accessible.name: qsTranslate("Identify", identify.message)
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
                // down until its lower edge is in the reader, then back up
                SequentialAnimation on y {
                    running: identify.state === "waiting" && !shell.still
                    loops: Animation.Infinite
                    NumberAnimation { from: 0; to: 90; duration: theme.elder ? 1800 : 1100; easing.type: Easing.InOutQuad }  // slower for elders
                    PauseAnimation { duration: theme.elder ? 1200 : 700 }
                    NumberAnimation { from: 90; to: 0; duration: 300 }
                }
            }
            Rectangle {
                id: reader
                z: 1   // over the card: the card goes into it
                y: card.height + 60
                width: 300; height: 60; radius: 10
                anchors.horizontalCenter: parent.horizontalCenter
                color: theme.c.muted
                Rectangle {   // the slot
                    anchors.centerIn: parent
                    width: parent.width - 40; height: 8; radius: 4
                    color: theme.c.bg
                }
            }
            Text {
                id: readerLabel
                objectName: "readerLabel"
                anchors { top: reader.bottom; topMargin: theme.gap / 2; horizontalCenter: parent.horizontalCenter }
                width: Math.min(implicitWidth, parent.width)
                text: identify.channel === "qr" ? qsTr("扫码窗口") : qsTr("读卡区")
                color: theme.c.text
                font.pixelSize: theme.smallPx
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
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
        text: qsTr("！ ") + qsTranslate("Identify", "读卡设备暂时都不能使用。请点“帮办代办”，工作人员会来协助。")
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
            iconName: "help-circle"
            text: qsTr("帮办代办")
            onClicked: session.go("help")
        }
    ]
}
