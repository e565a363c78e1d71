import QtQuick
import QtQuick.Layouts
import "../components"

// Every device's health and its last error since the kiosk started.
ColumnLayout {
    spacing: theme.gap / 2
    Repeater {
        model: maintenance.health
        Badge {
            objectName: "health_" + modelData.name
            Layout.fillWidth: true
            tone: modelData.ok ? "ok" : "error"
            text: qsTranslate("Maintenance", modelData.label) + (session.language === "en" ? ": " : "：")
                  + (modelData.ok ? qsTr("正常") : qsTr("不可用")) + (session.language === "en" ? " (" : "（") + modelData.state
                  + (modelData.detail ? " · " + modelData.detail : "") + (session.language === "en" ? ")" : "）")
                  + (modelData.lastError ? "\n" + qsTr("最近一次故障：%1").arg(modelData.lastError) : "")
        }
    }
    KButton {
        objectName: "btnHealthRefresh"
        text: qsTr("刷新")
        enabled: maintenance.busy === ""
        onClicked: maintenance.refresh_health()
    }
}
