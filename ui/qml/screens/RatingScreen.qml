import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "title"; text: qsTr("您对本次服务满意吗？") }
    KText { role: "muted"; text: qsTr("评价自愿，可以直接跳过。") }
    Repeater {
        model: rating.levels
        KButton {
            objectName: "rate_" + modelData.value
            Layout.fillWidth: true
            selected: rating.rating === modelData.value
            text: (session.language === "en" ? modelData.labelEn : modelData.label)
            onClicked: rating.choose(modelData.value)
        }
    }
    KText {
        visible: rating.needsReason
        font.bold: true
        text: qsTr("请告诉我们哪里不满意（至少选一项），我们会跟进整改：")
    }
    Flow {
        visible: rating.needsReason
        Layout.fillWidth: true
        spacing: theme.gap / 2
        Repeater {
            model: rating.reasonOptions
            KButton {
                objectName: "reason_" + modelData.key
                selected: rating.reasons.indexOf(modelData.key) >= 0
                text: (session.language === "en" ? modelData.labelEn : modelData.label)
                onClicked: rating.toggleReason(modelData.key)
            }
        }
    }
    Badge {
        visible: rating.state === "error"
        tone: "error"
        text: qsTr("评价没有保存成功，可以再试或跳过。")
    }
    actions: [
        KButton {
            objectName: "btnSkipRating"
            Layout.fillWidth: true
            text: qsTr("跳过")
            onClicked: rating.skip()
        },
        KButton {
            objectName: "btnSendRating"
            kind: "primary"
            Layout.fillWidth: true
            enabled: rating.canSend
            text: qsTr("提交评价")
            onClicked: rating.send()
        }
    ]
}
