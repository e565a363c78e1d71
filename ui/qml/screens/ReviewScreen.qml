import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    readonly property var s: submission.summary
    KText { role: "title"; text: s.item || "" }
    KText { visible: (s.holder || "") !== ""; text: qsTr("申请人：%1").arg(s.holder || "") }
    Card {
        KText { font.bold: true; text: qsTr("填写的信息") }
        Repeater {
            model: s.fields || []
            KText { text: qsTr("%1：%2").arg(modelData.label).arg(modelData.value === "" ? qsTr("（未填）") : modelData.value) }
        }
        KText { visible: (s.englishName || "") !== ""; text: qsTr("英文姓名：%1").arg(s.englishName || "") }
    }
    Card {
        KText { font.bold: true; text: qsTr("材料") }
        Repeater {
            model: s.materials || []
            KText {
                text: (modelData.provided ? "✓ " : "○ ") + qsTr("%1：%2").arg(modelData.name)
                      .arg((modelData.provided ? qsTranslate("Review", modelData.source) : qsTr("未提交（非必需）"))
                      + (modelData.supplyBy !== "" ? qsTr("，%1 前补交").arg(modelData.supplyBy) : ""))
            }
        }
        KText { visible: s.commitment === true; text: "✓ " + qsTr("已确认告知承诺") }
    }
    Badge {
        visible: submission.state === "failed"
        Layout.fillWidth: true
        tone: "error"
        text: qsTr("没有保存成功，您的信息还在。请再点一次“确认提交”；仍不行请点“帮办代办”。")
    }
    Badge {
        visible: !devices.online
        Layout.fillWidth: true
        tone: "info"
        text: qsTr("现在没有联网：提交后先保存在本机，联网后自动发送，回执上的编号同样有效。")
    }
    actions: [
        KButton {
            objectName: "btnEdit"
            Layout.fillWidth: true
            text: qsTr("返回修改")
            onClicked: session.go("form")
        },
        KButton {
            objectName: "btnSubmit"
            kind: "primary"
            Layout.fillWidth: true
            enabled: submission.state !== "submitting"
            text: qsTr("确认提交")
            onClicked: submission.submit()
        }
    ]
}
