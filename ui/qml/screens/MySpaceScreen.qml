import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

// 我的空间: the resident's own space after identification (no item): the 免申即享 benefits they
// qualify for (one tap confirms one that needs it), their applications on this and the other
// channels with status and next step, their e-licenses. Only for this session: 完成 ends it
// and everything shown here is wiped. Offline, or an answer about another person: the message
// alone, with the way back.
ScreenPage {
    id: page
    readonly property var v: mySpace ? mySpace.view : ({})
    readonly property string st: mySpace ? mySpace.state : "idle"
    readonly property var apps: v.applications || []
    readonly property var benefits: v.benefits || []
    readonly property var licenses: v.licenses || []

    function statusTone(s) {
        return s === "completed" || s === "approved" ? "ok"
             : s === "rejected" ? "error"
             : s === "supplement_required" ? "warn" : "info"
    }

    // ---- loading
    Item { visible: st === "loading" || st === "idle"; Layout.preferredHeight: theme.targetPx }
    BusyIndicator {
        objectName: "spaceBusy"
        visible: st === "loading" || st === "idle"
        Layout.alignment: Qt.AlignHCenter
        running: visible && !shell.still
        Accessible.name: qsTr("正在打开我的空间")
    }
    KText {
        visible: st === "loading" || st === "idle"
        role: "title"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("正在向政务服务平台查询您的办件、证照和待遇，请稍候…")
    }

    // ---- offline, refused, another person's records: the message, nothing else
    Badge {
        objectName: "spaceMessage"
        visible: st === "offline" || st === "refused" || st === "wrong_holder"
        Layout.fillWidth: true
        tone: st === "offline" ? "warn" : "error"
        text: v.message || ""
    }
    KText {
        visible: st === "offline" || st === "refused" || st === "wrong_holder"
        text: qsTr("可以点“返回首页”去办其他事，或点“帮办代办”请工作人员协助。")
    }

    // ---- the space
    KText {
        visible: st === "ok"
        role: "small"
        text: qsTr("以下内容来自政务服务平台，只在本次使用时显示，点“完成”或离开后立即从本机清除。")
    }
    KText {
        visible: st === "ok" && v.inChinese === true
        role: "muted"
        text: qsTr("事项、待遇和政策的名称仅提供中文。")
    }

    // 免申即享
    KText {
        objectName: "spaceBenefitsTitle"
        visible: st === "ok"
        role: "title"
        text: qsTr("可享受的待遇（免申即享）")
    }
    KText {
        objectName: "spaceNoBenefits"
        visible: st === "ok" && page.benefits.length === 0
        role: "muted"
        text: qsTr("目前没有您可享受的免申即享待遇。")
    }
    Repeater {
        model: st === "ok" ? page.benefits : []
        Card {
            id: benefitCard
            required property var modelData
            objectName: "benefit_" + modelData.id
            KText { role: "title"; text: benefitCard.modelData.name }
            KText { text: benefitCard.modelData.amount }
            KText { role: "small"; text: qsTr("政策依据：%1").arg(benefitCard.modelData.policy) }
            Badge {
                objectName: "benefitStatus_" + benefitCard.modelData.id
                Layout.fillWidth: true
                tone: benefitCard.modelData.status === "awaiting_confirmation" ? "warn" : "ok"
                text: qsTranslate("MySpace", benefitCard.modelData.statusLabel)
                      + (benefitCard.modelData.confirmationNo !== ""
                         ? qsTr("（确认编号 %1）").arg(benefitCard.modelData.confirmationNo) : "")
            }
            KText {
                visible: benefitCard.modelData.canConfirm && benefitCard.modelData.confirmBy !== ""
                text: qsTr("这项待遇需要您确认后发放，请于 %1 前确认。").arg(benefitCard.modelData.confirmBy)
            }
            KButton {
                objectName: "btnConfirm_" + benefitCard.modelData.id
                visible: benefitCard.modelData.canConfirm
                enabled: mySpace.confirming === ""
                kind: "primary"
                Layout.fillWidth: true
                text: mySpace.confirming === benefitCard.modelData.id ? qsTr("正在确认…") : qsTr("确认领取")
                Accessible.name: qsTr("确认领取：%1").arg(benefitCard.modelData.name)
                onClicked: mySpace.confirm(benefitCard.modelData.id)
            }
            Badge {
                objectName: "spaceNotice_" + benefitCard.modelData.id
                visible: (v.notice || {}).id === benefitCard.modelData.id
                Layout.fillWidth: true
                tone: (v.notice || {}).tone || "info"
                text: (v.notice || {}).text || ""
            }
        }
    }

    // 我的办件 on every channel
    KText {
        objectName: "spaceAppsTitle"
        visible: st === "ok"
        role: "title"
        text: qsTr("我的办件（%1）").arg(page.apps.length)
    }
    KText {
        objectName: "spaceNoApps"
        visible: st === "ok" && page.apps.length === 0
        role: "muted"
        text: qsTr("目前没有您的办件记录。")
    }
    Repeater {
        model: st === "ok" ? page.apps : []
        Card {
            id: appCard
            required property var modelData
            objectName: "app_" + modelData.no
            KText { font.bold: true; text: appCard.modelData.name }
            KText {
                role: "small"
                text: qsTr("编号：%1 · 来自%2").arg(appCard.modelData.no)
                      .arg(qsTranslate("MySpace", appCard.modelData.channel))
            }
            Badge {
                objectName: "appStatus_" + appCard.modelData.no
                Layout.fillWidth: true
                tone: page.statusTone(appCard.modelData.status)
                text: qsTranslate("Status", appCard.modelData.statusLabel)
                      + qsTr("  · 更新于 %1").arg(appCard.modelData.updatedAt)
            }
            KText {
                objectName: "appNext_" + appCard.modelData.no
                visible: appCard.modelData.nextStep !== ""
                text: qsTr("下一步：%1").arg(appCard.modelData.nextStep)
                      + (appCard.modelData.nextInChinese ? " (" + qsTr("部分内容仅提供中文") + ")" : "")
            }
            KText {
                visible: appCard.modelData.deadline !== ""
                role: "error"
                text: qsTr("截止日期：%1").arg(appCard.modelData.deadline)
            }
        }
    }

    // 我的电子证照
    KText {
        objectName: "spaceLicensesTitle"
        visible: st === "ok"
        role: "title"
        text: qsTr("我的电子证照")
    }
    KText {
        objectName: "spaceNoLicenses"
        visible: st === "ok" && page.licenses.length === 0
        role: "muted"
        text: v.licensesUnavailable === true ? qsTr("电子证照暂时取不到，其余内容不受影响。")
                                             : qsTr("目前没有您的电子证照。")
    }
    Repeater {
        model: st === "ok" ? page.licenses : []
        Card {
            id: licenseCard
            required property var modelData
            objectName: "license_" + modelData.no
            KText { font.bold: true; text: licenseCard.modelData.name }
            KText { role: "small"; text: qsTr("证照编号：%1").arg(licenseCard.modelData.no) }
            KText {
                visible: licenseCard.modelData.validTo !== ""
                role: "small"
                text: qsTr("有效期至：%1").arg(licenseCard.modelData.validTo)
            }
            Badge {
                visible: licenseCard.modelData.verifiedBy !== ""
                Layout.fillWidth: true
                tone: "ok"
                text: qsTr("已验证 · %1").arg(licenseCard.modelData.verifiedBy)
            }
        }
    }

    actions: [
        KButton {
            objectName: "btnSpaceRetry"
            visible: st === "offline" || st === "refused"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("再试一次")
            onClicked: mySpace.retry()
        },
        KButton {
            objectName: "btnSpaceHelp"
            visible: st !== "ok"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            iconName: "help-circle"
            text: qsTr("帮办代办")
            onClicked: session.go("help")
        },
        KButton {
            objectName: "btnSpaceHome"
            visible: st !== "ok"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("返回首页")
            onClicked: session.restart()  // the display settings and language stay
        },
        KButton {
            objectName: "btnSpaceDone"
            visible: st === "ok"
            enabled: mySpace.confirming === ""
            kind: "primary"
            Layout.fillWidth: true
            text: qsTr("完成")
            Accessible.description: qsTr("结束本次使用，您的信息会从本机清除")
            onClicked: session.home()
        }
    ]
}
