import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "title"; text: qsTr("遇到了什么问题？") }
    KText { role: "muted"; text: qsTr("您的反映会转给负责部门跟进处理。") }
    Repeater {
        model: problem.categories
        KButton {
            objectName: "cat_" + modelData.key
            Layout.fillWidth: true
            selected: problem.category === modelData.key
            enabled: problem.state !== "sent"
            text: (session.language === "en" ? modelData.labelEn : modelData.label)
            onClicked: problem.setCategory(modelData.key)
        }
    }
    KField {
        name: "problemText"
        label: qsTr("补充说明（可不填）")
        text: problem.description
        onEdited: (t) => problem.setDescription(t)
    }
    Badge {
        visible: problem.state === "sent"
        Layout.fillWidth: true
        tone: "ok"
        text: qsTr("已收到您的反映（编号 %1），我们会尽快处理。").arg(problem.ref)
    }
    Badge {
        visible: problem.state === "error"
        Layout.fillWidth: true
        tone: "error"
        text: qsTr("没有保存成功，请再试一次，或拨打热线 %1。").arg(shell.hotline)
    }
    actions: [
        KButton {
            objectName: "btnProblemBack"
            Layout.fillWidth: true
            text: qsTr("返回首页")
            onClicked: session.restart()  // 返回首页 keeps the display settings and language
        },
        KButton {
            objectName: "btnProblemSend"
            kind: "primary"
            Layout.fillWidth: true
            // grey once sent, in its slot: 返回首页 beside it does not move when the sending ends
            enabled: problem.category !== "" && problem.state !== "sending" && problem.state !== "sent"
            text: qsTr("提交反映")
            onClicked: problem.send()
        }
    ]
}
