import QtQuick
import QtQuick.Layouts
import "../components"

// The configuration field by field: the same validation as `kiosk config check`; a refused
// value names the field and nothing is written; a saved one says what restarted.
ColumnLayout {
    spacing: theme.gap
    Badge {
        objectName: "configResult"
        visible: maintenance.configResult.kind !== undefined
        Layout.fillWidth: true
        tone: maintenance.configResult.kind === "saved" ? "ok" : "error"
        text: maintenance.configResult.kind === "saved"
              ? qsTr("已保存 %1 到 %2（原文件保留为 .prev）。已重新启动：%3").arg(maintenance.configResult.field)
                    .arg(maintenance.configResult.path).arg(maintenance.configResult.restarted || qsTr("无"))
                + (maintenance.configResult.restartRequired ? "\n" + qsTr("需要重新启动整机才能生效") : "")
              : qsTr("未保存，%1 不正确：%2").arg(maintenance.configResult.field || "")
                    .arg(maintenance.configResult.message || "")
    }
    Repeater {
        model: maintenance.fields
        RowLayout {
            Layout.fillWidth: true
            spacing: theme.gap / 2
            KField {
                id: fld
                name: modelData.name
                label: modelData.name
                text: modelData.value
                help: (session.language === "en" ? modelData.helpEn : modelData.helpZh)
                      + (modelData.choices.length ? " " + qsTr("可选：%1").arg(modelData.choices.join(" / ")) : "")
                      + (modelData.secret ? " " + qsTr("密钥不在这里显示或修改") : "")
                enabled: !modelData.secret
                Layout.fillWidth: true
            }
            KButton {
                objectName: "btnSave_" + modelData.name
                Layout.alignment: Qt.AlignBottom
                enabled: maintenance.busy === "" && !modelData.secret && fld.text !== modelData.value
                text: qsTr("保存")
                Accessible.name: qsTr("保存 %1").arg(modelData.name)
                onClicked: maintenance.saveField(modelData.name, fld.text)
            }
        }
    }
}
