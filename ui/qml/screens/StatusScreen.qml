import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KButton {
        objectName: "btnScanReceipt"
        Layout.fillWidth: true
        kind: "primary"
        enabled: devices.health.qr_reader === undefined || devices.health.qr_reader.ok
        text: statusLookup.state === "scanning" ? qsTr("请把回执上的二维码对准扫码窗口…") : qsTr("扫描回执二维码")
        onClicked: statusLookup.scanCode()
    }
    KField {
        name: "ref"
        label: qsTr("或输入受理编号")
        text: statusLookup.ref
        onEdited: (t) => statusLookup.setRef(t)
    }
    KButton {
        objectName: "btnLookup"
        Layout.fillWidth: true
        enabled: statusLookup.ref !== "" && statusLookup.state !== "looking"
        text: qsTr("查询")
        onClicked: statusLookup.lookup()
    }
    Badge {
        visible: statusLookup.state === "not_found" || statusLookup.state === "error"
        Layout.fillWidth: true
        tone: "error"
        text: statusLookup.state === "not_found" ? qsTr("没有找到这个编号，请核对后再试。") : qsTr("暂时查不到，请稍后再试。")
    }
    Card {
        visible: statusLookup.state === "found" || statusLookup.state === "offline"
        KText { font.bold: true; text: qsTr("编号：%1").arg(statusLookup.result.ref || "") }
        KText { role: "title"; objectName: "statusLabel"; text: qsTranslate("Status", statusLookup.result.statusLabel || "") }
        KText { role: "small"; text: qsTr("更新时间：%1").arg(statusLookup.result.updatedAt || "") }
        Badge {
            // the platform's seal on the acceptance record, checked offline by this terminal
            objectName: "acceptanceSeal"
            visible: (statusLookup.result.acceptance || "") !== ""
            Layout.fillWidth: true
            tone: statusLookup.result.acceptance === "verified" ? "ok" : "warn"
            // the issuing body's name is Chinese (the seal's certificate): shown in Chinese only
            text: statusLookup.result.acceptance === "verified"
                  ? (session.language === "en" ? qsTr("已由平台确认，电子印章已验证")
                     : qsTr("已由平台确认，电子印章已验证：%1").arg(statusLookup.result.acceptanceIssuer || ""))
                  : (session.language === "en" ? statusLookup.result.acceptanceEn || ""
                                               : statusLookup.result.acceptanceZh || "")
        }
        KText {
            visible: statusLookup.result.source === "local"
            role: "small"
            text: qsTr("（网络未连接，显示的是本机记录）")
        }
        Repeater {
            model: statusLookup.result.history || []
            KText {
                role: "small"
                // the platform's note in English when it sent one, else its Chinese with a notice
                text: "· " + modelData.at + "  " + qsTranslate("Status", modelData.status) + "  "
                      + (session.language !== "en" || modelData.note === "" ? modelData.note
                         : (modelData.noteEn || "") !== "" ? modelData.noteEn
                         : modelData.note + " (" + qsTr("部分内容仅提供中文") + ")")
            }
        }
    }
    actions: [
        KButton {
            objectName: "btnStatusDone"
            Layout.fillWidth: true
            text: qsTr("返回首页")
            onClicked: session.restart()  // 返回首页 keeps the display settings and language
        }
    ]
}
