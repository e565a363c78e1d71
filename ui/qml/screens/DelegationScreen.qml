import QtQuick
import QtQuick.Layouts
import "../components"

// 委托代办 (替他人办理 / 帮家人办): the agent's own ID card, then the principal — their ID card,
// or their ID number and the QR authorisation the platform issued them. An item the person
// must do themselves says why, and offers the way back. Everything shown is masked.
ScreenPage {
    id: page
    objectName: "delegationScreen"
    readonly property bool en: session.language === "en"
    readonly property string shownMessage: delegation.messageEn !== ""
        ? (page.en ? delegation.messageEn : delegation.message)
        : (delegation.message !== "" ? qsTranslate("Delegation", delegation.message) : "")
    KText {
        role: "title"
        text: delegation.itemName !== ""
              ? qsTr("替他人办理：%1").arg(page.en ? delegation.itemNameEn : delegation.itemName)
              : qsTr("替家人办理")
    }
    KText {
        objectName: "delegationIntro"
        visible: delegation.state === "agent" || delegation.state === "choose"
        role: "muted"
        text: qsTr("代办人先读本人身份证，再确认委托人（被代办的家人）的身份。申请以委托人的名义提交，回执上写明双方。")
    }
    // who is who so far (masked)
    Card {
        objectName: "delegationPeople"
        Layout.fillWidth: true
        visible: delegation.agent !== ""
        KText {
            objectName: "delegationAgent"
            text: qsTr("代办人：%1").arg(delegation.agent)
            Accessible.name: text
        }
        KText {
            objectName: "delegationPrincipal"
            visible: delegation.principal !== ""
            text: qsTr("委托人：%1").arg(delegation.principal)
            Accessible.name: text
        }
    }
    // how the principal is identified
    KButton {
        objectName: "btnPrincipalCard"
        visible: delegation.state === "choose" && delegation.ways.indexOf("card") >= 0
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
        text: qsTr("读取委托人身份证")
        Accessible.description: qsTr("委托人的身份证原件，在您的身份证之后放到读卡区")
        onClicked: delegation.readPrincipalCard()
    }
    KButton {
        objectName: "btnPrincipalQr"
        visible: delegation.state === "choose" && delegation.ways.indexOf("qr_authorisation") >= 0
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
        text: qsTr("委托人的授权码（身份证号 + 二维码）")
        Accessible.description: qsTr("委托人在政务服务平台为您开具的代办授权二维码")
        onClicked: delegation.chooseAuthorisation()
    }
    KButton {
        objectName: "btnPrincipalPoa"
        visible: delegation.state === "choose" && delegation.ways.indexOf("power_of_attorney") >= 0
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 1.6, implicitHeight)
        text: qsTr("授权委托书（委托人签名的纸质委托书）")
        Accessible.description: qsTr("填写委托人的姓名和身份证号码，提交材料时扫描委托书")
        onClicked: delegation.choosePowerOfAttorney()
    }
    KField {
        id: poaName
        objectName: "poaNameField"
        visible: delegation.state === "poa"
        name: "poa_name"
        label: qsTr("委托人姓名")
        required: true
        enabled: !delegation.busy
    }
    KField {
        id: poaId
        objectName: "poaIdField"
        visible: delegation.state === "poa"
        name: "poa_id"
        label: qsTr("委托人身份证号码")
        help: qsTr("18位，最后一位可能是X")
        required: true
        enabled: !delegation.busy
    }
    KButton {
        objectName: "btnUsePoa"
        visible: delegation.state === "poa" && !delegation.busy
        Layout.fillWidth: true
        kind: "primary"
        enabled: poaName.text.length > 0 && poaId.text.length >= 15
        text: qsTr("确认委托人")
        onClicked: delegation.usePowerOfAttorney(poaName.text, poaId.text)
    }
    KField {
        id: principalId
        objectName: "principalIdField"
        visible: delegation.state === "qr"
        name: "principal_id"
        label: qsTr("委托人身份证号码")
        help: qsTr("18位，最后一位可能是X")
        required: true
        enabled: !delegation.busy
    }
    KButton {
        objectName: "btnScanAuthorisation"
        visible: delegation.state === "qr" && !delegation.busy
        Layout.fillWidth: true
        kind: "primary"
        enabled: principalId.text.length >= 15
        text: qsTr("扫描委托人的授权码")
        onClicked: delegation.scanAuthorisation(principalId.text)
    }
    Badge {
        objectName: "delegationMessage"
        visible: page.shownMessage !== ""
        Layout.fillWidth: true
        tone: delegation.tone
        text: page.shownMessage
    }
    Badge {
        objectName: "delegationOk"
        visible: delegation.state === "ok"
        Layout.fillWidth: true
        tone: "ok"
        text: qsTr("已确认：您（%1）替 %2 办理。").arg(delegation.agent).arg(delegation.principal)
    }
    KText {
        visible: delegation.state === "in_person"
        role: "muted"
        text: qsTr("请委托人本人到场办理，或点“帮办代办”请工作人员协助。")
    }
    KText {
        role: "small"
        text: qsTr("双方的证件信息只用于本次办理，离开后会立即清除。")
    }
    actions: [
        KButton {
            objectName: "btnDelegationRetry"
            visible: !delegation.busy && (delegation.state === "agent" || delegation.state === "card")
                     && delegation.tone === "error"
            Layout.fillWidth: true
            text: qsTr("再试一次")
            onClicked: delegation.state === "agent" ? delegation.readAgentCard() : delegation.readPrincipalCard()
        },
        KButton {
            objectName: "btnDelegationCancel"
            visible: delegation.busy && delegation.agent !== ""
                     || ((delegation.state === "qr" || delegation.state === "poa") && !delegation.busy)
                     || (delegation.state === "card" && !delegation.busy)
            Layout.fillWidth: true
            text: qsTr("换一种方式")
            onClicked: delegation.cancel()
        },
        KButton {
            objectName: "btnDelegationContinue"
            visible: delegation.state === "ok"
            Layout.fillWidth: true
            kind: "primary"
            text: qsTr("继续办理")
            onClicked: {
                const code = delegation.proceed()
                if (session.screen !== "delegation") return
                if (code !== "") catalog.openService(code)
                else session.go("finder")
            }
        },
        KButton {
            objectName: "btnDelegationBack"
            visible: delegation.state !== "ok"
            Layout.fillWidth: true
            text: qsTr("返回")
            // from an item's identify screen: back there; from the start screen: 首页
            onClicked: delegation.fromItem ? session.go("identify") : session.restart()
        },
        KButton {
            objectName: "btnDelegationHelp"
            Layout.fillWidth: true
            iconName: "help-circle"
            text: qsTr("帮办代办")
            onClicked: session.go("help")
        }
    ]
}
