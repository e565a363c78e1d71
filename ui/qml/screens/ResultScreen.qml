import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

// An instant item's result (即时办结): fetched after the card was read, its electronic seal and
// holder checked by the core before anything shows. Verified: the document with "已验证" and the
// issuing body, printed on the receipt printer where it fits. Refused: why, and that nothing
// was printed; the window. Offline or timed out: apply instead, or go back.
ScreenPage {
    readonly property var v: instant ? instant.view : ({})
    readonly property string st: instant ? instant.state : "idle"

    // ---- fetching
    Item { visible: st === "fetching" || st === "idle"; Layout.preferredHeight: theme.targetPx }
    BusyIndicator {
        objectName: "resultBusy"
        visible: st === "fetching" || st === "idle"
        Layout.alignment: Qt.AlignHCenter
        running: visible && !shell.still
        Accessible.name: qsTr("正在获取证明")
    }
    KText {
        visible: st === "fetching" || st === "idle"
        role: "title"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("正在向政务服务平台获取证明，并核验电子印章，请稍候…")
    }

    // ---- verified
    KText {
        objectName: "resultTitle"
        visible: st === "verified"
        role: "title"
        text: v.title || ""
        Accessible.name: text
    }
    Badge {
        objectName: "resultVerified"
        visible: st === "verified"
        Layout.fillWidth: true
        tone: "ok"
        text: qsTr("已验证 · %1").arg(v.issuer || "")
    }
    KText {
        visible: st === "verified"
        role: "small"
        text: qsTr("电子印章已在本机核验：证明由出具机关盖章，内容未被改动，持有人与所读证件一致。")
    }
    Card {
        visible: st === "verified"
        KText {
            objectName: "resultHolder"
            text: v.holderName ? qsTr("持有人：%1  %2").arg(v.holderName).arg(v.holderId || "")
                               : qsTr("持有人证件号码：%1").arg(v.holderId || "")
        }
        Repeater {
            model: v.facts || []
            KText {
                objectName: "resultFact"
                required property var modelData
                text: qsTr("%1：%2").arg(modelData.label).arg(modelData.value)
            }
        }
        KText {
            visible: v.factsInChinese === true
            role: "muted"
            text: qsTr("证明内容为中文。切换到中文界面可以查看各项内容。")
        }
        KText { role: "small"; text: qsTr("出具时间：%1").arg(v.issuedAt || "") }
        KText { role: "small"; text: qsTr("文件编号：%1").arg(v.resultId || "") }
    }
    Badge {
        objectName: "resultA4Only"
        visible: st === "verified" && v.fitsReceipt === false && v.a4Printer !== true
        Layout.fillWidth: true
        tone: "info"
        text: qsTr("这份证明需要用A4纸打印，本机暂时还不能打印A4纸。证明已出具，请到窗口打印，或点“帮办代办”请工作人员协助。")
    }
    Badge {
        objectName: "resultPrintState"
        visible: st === "verified" && instant.printState !== ""
        Layout.fillWidth: true
        tone: instant.printState === "printed" ? "ok" : instant.printState === "printing" ? "info" : "warn"
        text: instant.printState === "printed" ? qsTr("证明已打印，请取走")
              : instant.printState === "printing" ? qsTr("正在打印证明…")
              : instant.printState === "paper_out" ? qsTr("打印机缺纸，证明没有打印出来。请点“帮办代办”，工作人员换纸后可重新打印。")
              : qsTr("打印机暂时不能打印，证明没有打印出来。可以再试一次，或到窗口打印。")
    }

    // ---- refused: nothing shown, nothing printed
    Badge {
        objectName: "resultRefused"
        visible: st === "refused"
        Layout.fillWidth: true
        tone: "error"
        text: qsTranslate("Instant", v.heading || "")
    }
    // ---- offline or timed out: apply instead (the ordinary application)
    Badge {
        objectName: "resultOffline"
        visible: st === "offline"
        Layout.fillWidth: true
        tone: "warn"
        text: qsTranslate("Instant", v.heading || "")
    }
    KText {
        visible: st === "offline"
        text: qsTr("这项证明需要联网才能当场出具。可以改为提交申请：申请保存在本机，联网后自动发送，由工作人员办理。")
    }
    KText {
        objectName: "resultReason"
        visible: st === "refused" && (v.reason || "") !== ""
        text: v.reason || ""
    }
    KText {
        objectName: "resultNothingPrinted"
        visible: st === "refused" || st === "offline"
        font.bold: true
        text: qsTr("本机没有打印任何内容。")
    }
    KText {
        visible: st === "refused"
        text: qsTr("也可以点“帮办代办”，请工作人员来协助。")
    }


    actions: [
        KButton {
            objectName: "btnResultBack"
            visible: st === "refused" || st === "offline"
            Layout.fillWidth: true
            text: qsTr("返回")
            onClicked: session.back()
        },
        KButton {
            objectName: "btnResultHelp"
            visible: st === "refused" || (st === "verified" && v.fitsReceipt === false && v.a4Printer !== true)
            Layout.fillWidth: true
            iconName: "help-circle"
            text: qsTr("帮办代办")
            onClicked: session.go("help")
        },
        KButton {
            objectName: "btnResultRetry"
            visible: st === "offline"
            Layout.fillWidth: true
            text: qsTr("再试一次")
            onClicked: instant.fetch()
        },
        KButton {
            objectName: "btnApplyInstead"
            visible: st === "offline"
            kind: "primary"
            Layout.fillWidth: true
            text: qsTr("改为提交申请")
            onClicked: instant.applyInstead()
        },
        KButton {
            objectName: "btnPrintResult"
            visible: st === "verified" && (v.fitsReceipt === true || v.a4Printer === true)
            enabled: instant.printState !== "printing"
            kind: instant.printState === "" ? "primary" : "secondary"
            Layout.fillWidth: true
            iconName: "printer"
            text: instant.printState === "" ? qsTr("打印") : qsTr("重新打印")
            onClicked: instant.printResult()
        },
        KButton {
            objectName: "btnResultDone"
            visible: st === "verified"
            kind: instant.printState === "" && (v.fitsReceipt === true || v.a4Printer === true) ? "secondary" : "primary"
            enabled: instant.printState !== "printing"
            Layout.fillWidth: true
            text: qsTr("完成")
            onClicked: instant.finish()
        }
    ]
}
